"""People in scripts without letter case or spaces: Chinese, Japanese, Korean.

Capitalisation finds names in Latin, Cyrillic and Greek text; Han, kana and Hangul have
none, and Chinese and Japanese have no spaces either.  What these languages do have is a
title or form of address right next to a name — after it in Japanese and Korean
(``トランプ大統領``, ``石破茂首相``, ``윤석열 대통령``, ``해리스 부통령``), before it in
Chinese (``美国总统特朗普``, ``外交部发言人毛宁``).  ``langs/<iso>/names.toml`` gives, per
language, the shape of a name (katakana run, two to four Han characters, one or two Hangul
words), the titles on each side with their role, the characters that end a Chinese name
("说", "在", "的" …) and words that are never names ("전", "차기").  A name found next to a
title is then found everywhere else in the article, and so is its last word (the surname:
``トランプ``, ``트럼프``), all with the full name's id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline import langs
from storyline.extract._actor_doc import Candidate, Doc
from storyline.extract.names import actor_key

# Letters of one script, for the edges of a name found again without its title.
_KANA = "\u30a1-\u30fa\u30fc\u30fb"
_HANGUL = "\uac00-\ud7a3"
_EDGE = re.compile(f"[{_KANA}{_HANGUL}]")
_PARTS = re.compile(r"[\s・·]+")
# A reading in brackets between a name and its title: 尹錫悦（ユン・ソンニョル）大統領.
_READING = r"(?:[（(][^）)]{1,20}[）)])?"


@dataclass(frozen=True, slots=True)
class _Rules:
    after: re.Pattern[str] | None  # name, then title
    before: re.Pattern[str] | None  # title, then name
    roles: dict[str, str]
    stops: re.Pattern[str] | None
    not_names: frozenset[str]
    first_word_endings: tuple[str, ...]
    word_endings: tuple[str, ...]
    native_surnames: str


def _titles(forms: dict[str, str]) -> str:
    return "|".join(re.escape(t) for t in sorted(forms, key=len, reverse=True))


@cache
def _rules(language: str | None) -> _Rules | None:
    data = langs.load(language or "", "names") if language else {}
    if "name" not in data:  # no name shape: the language's names.toml only feeds _actor_caseless
        return None
    name = str(data["name"])
    after = {str(k): str(v) for k, v in data.get("titles_after", {}).items()}
    before = {str(k): str(v) for k, v in data.get("titles_before", {}).items()}
    stops = str(data.get("stops", ""))
    return _Rules(
        after=re.compile(rf"(?P<name>{name})\s?{_READING}(?P<title>{_titles(after)})") if after else None,
        before=re.compile(rf"(?P<title>{_titles(before)})\s?(?P<name>{name})") if before else None,
        roles={**after, **before},
        stops=re.compile(f"[{re.escape(stops)}]") if stops else None,
        not_names=frozenset(str(w) for w in data.get("not_names", [])),
        first_word_endings=tuple(str(w) for w in data.get("first_word_endings", [])),
        word_endings=tuple(str(w) for w in data.get("word_endings", [])),
        native_surnames=str(data.get("native_surnames", "")),
    )


def find_unspaced_names(doc: Doc) -> None:
    """Add the people of ``doc`` that stand next to a title, and their other mentions."""
    rules = _rules(doc.language)
    if rules is None:
        return
    found: dict[str, Candidate] = {}
    for pattern in (rules.after, rules.before):
        pos = 0
        while pattern is not None and (match := pattern.search(doc.text, pos)) is not None:
            cand = _candidate(doc, rules, match)
            # The text after a name cut short is searched again: "赖清德与搭档萧美琴" holds a
            # second title and name after the first name ends.
            pos = match.end() if pattern is rules.after else match.start("name") + 1
            if cand is not None:
                doc.found.append(cand)
                doc.claim(cand.start, cand.end)
                found.setdefault(cand.name, cand)
                pos = max(pos, cand.end) if pattern is rules.after else cand.end
    _mentioned_again(doc, found)


def _candidate(doc: Doc, rules: _Rules, match: re.Match[str]) -> Candidate | None:
    start, end = match.span("name")
    name = match.group("name")
    if rules.stops is not None:  # a Chinese name ends before the first function character
        cut = rules.stops.search(name)
        if cut is not None:
            name = name[: cut.start()]
            end = start + len(name)
    words = _PARTS.split(name)
    while len(words) > 1 and (words[0] in rules.not_names or words[0].endswith(rules.first_word_endings)):
        start += len(words[0]) + 1  # "전 대통령", "통신은 트럼프": a word of the sentence before the name
        words = words[1:]
    if len(words) == 2 and _native(words[1], rules.native_surnames):
        start += len(words[0]) + 1
        words = words[1:]
    if len(words) == 1 and words[0].endswith(rules.word_endings):
        return None
    start = _known_start(doc.text, start, end)
    name = doc.text[start:end]
    if len(name) < 2 or not words or any(w in rules.not_names for w in words):
        return None
    if any(doc.claimed[start:end]) or any(doc.placed[start:end]):
        return None
    role = rules.roles[match.group("title")]
    return Candidate(start, end, name, "person", actor_key(name), role=role, context=True)


def _known_start(text: str, start: int, end: int) -> int:
    """Where a listed person's full name ending at ``end`` starts, when the name found is its tail
    ("جونگ اون" of "کیم جونگ اون": the name shape holds two words, the person's name three)."""
    from storyline.extract._actor_caseless import known_forms

    tail = text[start:end]
    for form in known_forms():
        if (
            len(form) > len(tail)
            and form.endswith(" " + tail)
            and text[max(0, end - len(form)) : end] == form
        ):
            return end - len(form)
    return start


def _native(word: str, surnames: str) -> bool:
    """A native Korean full name: three syllables starting with a common surname (윤석열)."""
    return len(word) == 3 and word[0] in surnames


def _mentioned_again(doc: Doc, found: dict[str, Candidate]) -> None:
    """Each found name, and its last word, wherever else the article writes them."""
    forms: dict[str, Candidate] = {}
    for name, cand in found.items():
        forms[name] = cand
        last = _PARTS.split(name)[-1]
        if last != name and len(last) >= 2:
            forms.setdefault(last, cand)
    if not forms:
        return
    pattern = re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
    for match in pattern.finditer(doc.text):
        start, end = match.span()
        if any(doc.claimed[start:end]) or any(doc.placed[start:end]) or _inside_word(doc.text, start, end):
            continue
        cand = forms[match.group()]
        doc.found.append(Candidate(start, end, cand.name, "person", cand.id, role=cand.role, context=True))
        doc.claim(start, end)


def _inside_word(text: str, start: int, end: int) -> bool:
    """Whether kana or Hangul letters continue the match on its left (a longer word)."""
    before = text[start - 1] if start > 0 else ""
    first = text[start]
    return bool(before and _EDGE.match(before) and _EDGE.match(first) and _same(before, first))


def _same(a: str, b: str) -> bool:
    kana = re.compile(f"[{_KANA}]")
    return bool(kana.match(a)) == bool(kana.match(b))
