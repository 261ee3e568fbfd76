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
    role_patterns: tuple[tuple[re.Pattern[str], str], ...]  # titles written as a pattern ("…담당상")
    name: re.Pattern[str]  # the shape of a name, alone
    titled_word: re.Pattern[str] | None  # a title that opens a word, for name + qualifier + title
    qualifiers: frozenset[str]  # words between a name and its title that are no place or body ("신임")
    stops: re.Pattern[str] | None
    not_names: frozenset[str]
    first_word_endings: tuple[str, ...]
    word_endings: tuple[str, ...]
    native_surnames: str
    clause_endings: tuple[str, ...]  # a one-word "name" ending like this is a clause, unless native
    surname_first: bool  # names may be written surname first ("이시바 시게루"): the first word is one too


def _titles(forms: dict[str, str], patterns: dict[str, str] | None = None) -> str:
    literal = [re.escape(t) for t in sorted(forms, key=len, reverse=True)]
    return "|".join([*(patterns or {}), *literal])


@cache
def _rules(language: str | None) -> _Rules | None:
    data = langs.load(language or "", "names") if language else {}
    if "name" not in data:  # no name shape: the language's names.toml only feeds _actor_caseless
        return None
    name = str(data["name"])
    after = {str(k): str(v) for k, v in data.get("titles_after", {}).items()}
    before = {str(k): str(v) for k, v in data.get("titles_before", {}).items()}
    patterns = {str(k): str(v) for k, v in data.get("title_patterns", {}).items()}
    stops = str(data.get("stops", ""))
    titles = _titles(after, patterns)
    ends = langs.alternation([str(p) for p in data.get("particles", [])])
    qualifiers = [str(w) for w in data.get("qualifiers", [])]
    # Between a name and its title: nothing or a space, or a space only where words are spaced
    # ("박찬대 원내대표"; "더불어민주당 원내" + "대표" is no name and a title).
    gap = r"\s" if data.get("spaced_titles") else r"\s?"
    return _Rules(
        after=re.compile(rf"(?P<name>{name}){gap}{_READING}(?P<title>{titles}){_ends(ends)}")
        if after
        else None,
        before=re.compile(rf"(?P<title>{_titles(before)})\s?(?P<name>{name})") if before else None,
        roles={**after, **before},
        role_patterns=tuple((re.compile(k), v) for k, v in patterns.items()),
        name=re.compile(name),
        # The title opens a word and ends it, or only a particle follows ("총리는", "대변인도").
        titled_word=re.compile(rf"(?<= )(?P<title>{titles}){_ends(ends)}") if after and qualifiers else None,
        qualifiers=frozenset(qualifiers),
        stops=re.compile(f"[{re.escape(stops)}]") if stops else None,
        not_names=frozenset(str(w) for w in data.get("not_names", [])),
        first_word_endings=tuple(str(w) for w in data.get("first_word_endings", [])),
        word_endings=tuple(str(w) for w in data.get("word_endings", [])),
        native_surnames=str(data.get("native_surnames", "")),
        clause_endings=tuple(str(w) for w in data.get("clause_endings", [])),
        surname_first=bool(data.get("surname_first", False)),
    )


def _ends(particles: str) -> str:
    """Where a title ends in a language that writes particles after it: the title is the whole
    word, or particles follow ("총리는", "대통령과의"), never more letters ("총재직", "대표단")."""
    return rf"(?=(?:{particles}){{0,2}}(?![{_HANGUL}]))" if particles else ""


def find_unspaced_names(doc: Doc) -> None:
    """Add the people of ``doc`` that stand next to a title, and their other mentions."""
    rules = _rules(doc.language)
    if rules is None:
        return
    found: dict[str, Candidate] = {}
    first = len(doc.found)
    for person in _qualified(doc, rules):  # claimed as they are found
        doc.found.append(person)
        found.setdefault(person.name, person)
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
    _mentioned_again(doc, found, surname_first=rules.surname_first)
    if rules.surname_first:
        _one_id_per_person(doc, first)


def _one_id_per_person(doc: Doc, first: int) -> None:
    """A one-word name that is the first or the last word of exactly one longer name of the
    article is that person: "이시바 총리" after "이시바 시게루 자민당 총재" (surname first),
    "트럼프 당선인" after "도널드 트럼프 전 미국 대통령" (surname last)."""
    people = [c for c in doc.found[first:] if c.kind == "person"]
    owners: dict[str, dict[str, Candidate]] = {}
    for cand in people:
        words = _PARTS.split(cand.name)
        if len(words) > 1:
            for word in {words[0], words[-1]}:
                owners.setdefault(word, {})[cand.id] = cand
    for cand in people:
        found = owners.get(cand.name, {})
        if len(found) == 1 and cand.id not in found:
            owner = next(iter(found.values()))
            cand.id, cand.name = owner.id, owner.name


def _role(rules: _Rules, title: str) -> str:
    if title in rules.roles:
        return rules.roles[title]
    return next((role for pattern, role in rules.role_patterns if pattern.fullmatch(title)), "person")


# Words before a title: letters, each followed by one space.
_WORD_BEFORE = re.compile(r"([A-Za-z\uac00-\ud7a3]+) $")
_MAX_QUALIFIER_WORDS = 2  # "중국 외교부 대변인": a country and a ministry between a name and its title
_MAX_NAME_WORDS = 2


def _words_before(text: str, end: int, n: int) -> list[tuple[int, int]]:
    """Up to ``n`` words separated by single spaces that end right before ``end``, in order."""
    spans: list[tuple[int, int]] = []
    while len(spans) < n and (m := _WORD_BEFORE.search(text, max(0, end - 24), end)) is not None:
        spans.insert(0, m.span(1))
        end = m.start(1)
    return spans


def _qualified(doc: Doc, rules: _Rules) -> list[Candidate]:
    """Names written with a country, a body or a qualifier between them and their title: "나렌드라
    모디 인도 총리", "드미트리 페스코프 크렘린궁 대변인", "허우유이 국민당 후보", "이시바 신임 총리".
    The words between are the longest run right before the title that are all places, bodies,
    organisation names or ``qualifiers``; the name is the word or two before them."""
    if rules.titled_word is None:
        return []
    out: list[Candidate] = []
    for match in rules.titled_word.finditer(doc.text):
        words = _words_before(doc.text, match.start(), _MAX_QUALIFIER_WORDS + _MAX_NAME_WORDS)
        country: str | None = None
        for n in range(min(_MAX_QUALIFIER_WORDS, len(words) - 1), 0, -1):
            between = words[-n:]
            if all(_qualifier(doc, rules, s, e) for s, e in between):
                country = next((doc.country_at[s].country for s, _ in between if s in doc.country_at), None)
                break
        else:
            continue
        names = words[:-n][-_MAX_NAME_WORDS:]
        # A two-word name is tried first, as the name pattern does ("카멀라 해리스").
        while names and not rules.name.fullmatch(doc.text[names[0][0] : names[-1][1]]):
            names = names[1:]
        if not names or doc.text[names[-1][0] : names[-1][1]].endswith(rules.first_word_endings):
            continue  # "이재명과 김동원 의원": the word before the qualifier is the name itself
        cand = _candidate_span(doc, rules, names[0][0], names[-1][1], match.group("title"))
        if cand is not None:
            cand.country = cand.country or country
            doc.claim(cand.start, cand.end)
            out.append(cand)
    return out


def _organisation_word(
    language: str | None, word: str, *, between: bool = False, glued: bool = False
) -> bool:
    from storyline.extract._actor_caseless import organisation_word

    return organisation_word(language or "", word, between=between, glued=glued)


def _qualifier(doc: Doc, rules: _Rules, start: int, end: int) -> bool:
    """Whether a word between a name and a title is a place, a body, an organisation or a qualifier."""
    from storyline.extract._actor_caseless import known_forms

    word = doc.text[start:end]
    if word in known_forms():  # "에브라힘 라이시 전 대통령": a listed person, even if a place too
        return False
    if word in rules.qualifiers or all(doc.country_mask[start:end]) or all(doc.placed[start:end]):
        return True
    if _organisation_word(doc.language, word, between=True):
        return True
    country = doc.country_at.get(start)  # "이스라엘군 대변인": a country's forces
    return country is not None and _organisation_word(doc.language, word[country.end - start :], glued=True)


def _candidate(doc: Doc, rules: _Rules, match: re.Match[str]) -> Candidate | None:
    start, end = match.span("name")
    return _candidate_span(doc, rules, start, end, match.group("title"))


def _candidate_span(doc: Doc, rules: _Rules, start: int, end: int, title: str) -> Candidate | None:
    name = doc.text[start:end]
    if rules.stops is not None:  # a Chinese name ends before the first function character
        cut = rules.stops.search(name)
        if cut is not None:
            name = name[: cut.start()]
            end = start + len(name)
    words = _PARTS.split(name)
    while len(words) > 1 and (
        words[0] in rules.not_names
        or words[0].endswith(rules.first_word_endings)
        or _organisation_word(doc.language, words[0])
    ):
        # "전 대통령", "통신은 트럼프", "민주당 대선": a word of the sentence before the name
        start += len(words[0]) + 1
        words = words[1:]
    if len(words) == 2 and _native(words[1], rules.native_surnames):
        start += len(words[0]) + 1
        words = words[1:]
    if len(words) == 1 and words[0].endswith(rules.word_endings):
        return None
    if len(words) > 1 and _organisation_word(doc.language, words[-1]):
        return None  # "치러진 자민당 총재": a clause, then a party before the title
    if (
        len(words) == 1
        and words[0].endswith(rules.clause_endings)
        and not _native(words[0], rules.native_surnames)
    ):
        return None  # "치러진 자민당 총재": a verb ending before a title, no name
    start = _known_start(doc.text, start, end)
    name = doc.text[start:end]
    if len(name) < 2 or not words or any(w in rules.not_names or w in rules.roles for w in words):
        return None  # "전 대통령", "총리 후보": a qualifier or a title is no name
    if (
        any(doc.claimed[start:end])
        or any(doc.country_mask[start:end])
        or (any(doc.placed[start:end]) and not _listed(words))
    ):
        return None
    return Candidate(start, end, name, "person", actor_key(name), role=_role(rules, title), context=True)


def _listed(words: list[str]) -> bool:
    """Whether a word of the name is a listed person's name or surname (a place's name as well:
    "라이시" is also a town in the gazetteer)."""
    from storyline.extract._actor_caseless import known_forms

    forms = known_forms()
    return any(w in forms for w in words)


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


def _mentioned_again(doc: Doc, found: dict[str, Candidate], *, surname_first: bool = False) -> None:
    """Each found name, and its last word (and first, where names may start with the surname),
    wherever else the article writes them."""
    forms: dict[str, Candidate] = {}
    for name, cand in found.items():
        forms[name] = cand
        words = _PARTS.split(name)
        for word in (words[-1], words[0]) if surname_first else (words[-1],):  # "이시바 시게루"
            if word != name and len(word) >= 2:
                forms.setdefault(word, cand)
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
