"""Outlets and credited people in a page's furniture: the dateline ("JAKARTA, Warta Nusantara —")
names the outlet, a photo credit ("Foto: Warta Nusantara/Dimas Pratama", "Ảnh: Reuters")
names the outlet or agency and the photographer (see :mod:`storyline.extract.actors`).

The credit words are data: ``[credits]`` in ``langs/<iso>/actors.toml`` maps a role to the
words that introduce it (``photographer = ["foto", "photo", "ảnh"]``), before a colon or a
word of ``credit_by`` ("Reporting by Capital Wire staff; editing by Laura Kim").  A credited
name that is an organisation is the outlet, not a person: one followed by a word of
``outlet_after`` ("Capital Wire staff"), or holding an organisation word ("Foto: Agência
Litoral"; an ``agency_words`` one makes it a news agency).  A signature closing the article
("(Rina Wulandari)", "Thanh Hà (tổng hợp)") names its journalist.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

from storyline import langs
from storyline.extract._actor_doc import Candidate, Doc, Token, person
from storyline.extract._actor_lexicon import known_orgs, norm
from storyline.extract.names import actor_key
from storyline.regex_guard import grouped, guarded

OUTLET = "news outlet"
AGENCY = "news agency"
JOURNALIST = "journalist"
PHOTOGRAPHER = "photographer"
# "JAKARTA, Warta Nusantara — …": a place, a comma, up to four capitalised words, a dash.
_DATELINE = re.compile(
    r"(?m)^[ \t]*([^\W\d_][^\n,]{1,40}),[ \t]+((?:[^\W\d_][\w'’.&-]*[ \t]?){1,4})[ \t]*[—–]"
)
_NAME = r"[^\W\d_][\w'’.&-]*(?:[ \t][^\W\d_][\w'’.&-]*){0,3}"


# The last line of the text, a name in parentheses or a name with a short note in parentheses
# ("(Rina Wulandari)", "Thanh Hà (tổng hợp)"): the signature of the article.  A bare name there
# is as often a menu item ("Tin Tài Trợ").
_SIGNATURE = re.compile(rf"\n[ \t]*(?:\(({_NAME})\)|({_NAME})[ \t]*\([^()\n]{{1,30}}\))[ \t]*\n*\Z")


def _datas(language: str | None) -> list[dict[str, Any]]:
    return [langs.load(language, "actors")] if language else list(langs.load_all("actors").values())


@cache
def _credit_pattern(language: str | None) -> tuple[re.Pattern[str], dict[str, str]] | None:
    datas = _datas(language)
    roles = {
        norm(w): role for data in datas for role, words in data.get("credits", {}).items() for w in words
    }
    if not roles:
        return None
    words = grouped([re.escape(w) for w in sorted(roles, key=len, reverse=True)], re.IGNORECASE)
    by = [re.escape(w) for data in datas for w in data.get("credit_by", [])]
    # A colon or a dash after the word ("كتب- معتز عباس:"), or a word of credit_by ("Reporting by").
    link = rf"(?:[ \t]*[:\-–—]|[ \t]+(?i:{'|'.join(by)})\b)" if by else r"[ \t]*[:\-–—]"
    pattern = guarded(rf"(?i:\b({words})){link}[ \t]*({_NAME})(?:[ \t]*/[ \t]*({_NAME}))?")
    return pattern, roles


@cache
def credit_roles() -> frozenset[str]:
    """Roles that credit the page, not the story: outlets, agencies and every ``[credits]`` role."""
    return frozenset({OUTLET, AGENCY}) | {role for data in _datas(None) for role in data.get("credits", {})}


@cache
def _words(language: str | None, key: str) -> frozenset[str]:
    return frozenset(norm(w) for data in _datas(language) for w in data.get(key, []))


def find_credits(doc: Doc) -> None:
    """Outlets from datelines and photo credits, photographers from photo credits."""
    for match in _DATELINE.finditer(doc.text):
        start, end = match.start(2), match.start(2) + len(match.group(2).rstrip())
        # "WEST PALM BEACH, Florida —", "KYIV, Ukraine —": a place after the comma is the
        # first place's state or country, not an outlet.
        if any(p.start <= match.start(1) < p.end for p in doc.places) and not any(
            p.start < end and start < p.end for p in doc.places
        ):
            _outlet(doc, start, end)
    found = _credit_pattern(doc.language)
    if found is None:
        return
    pattern, roles = found
    for match in pattern.finditer(doc.text):
        role = roles[norm(match.group(1))]
        names = [_credited_name(doc, match.start(g), match.end(g)) for g in (2, 3) if match.group(g)]
        if any(name is None for name in names):
            continue  # "Foto: Det russiske forsvarsdepartementet" is no name
        spans = [name for name in names if name is not None]
        first = spans[0]
        if len(spans) == 2:
            outlet, credited = spans if _outlet_first(doc, *spans) else spans[::-1]
            _outlet(doc, outlet.start, outlet.end)
            _credited(doc, credited.start, credited.end, role)
        elif first.outlet or _org_named(doc, first):
            _outlet(doc, first.start, first.end, role=_outlet_role(doc, first))  # "Foto: Agência Litoral"
        elif len(first.words) > 1:
            _credited(doc, first.start, first.end, role)  # "Tekst: Kari Nordby"
        elif not _known(first.words[0]):
            _outlet(doc, first.start, first.end)  # "Foto: Nyhetsportalen"
    _signature(doc)


class _Name(NamedTuple):
    start: int
    end: int
    words: list[str]
    outlet: bool  # followed by a word of ``outlet_after``: "Capital Wire staff"


def caption_lines(text: str, language: str | None) -> list[tuple[int, int]]:
    """``(start, end)`` of every line that closes with a photo credit or opens with a photo credit
    word and a colon: a picture's caption ("Ông X phát biểu tại hội nghị. Ảnh: TTXVN", "Photo: X
    performs on the Seine"), which describes an image and reports nobody."""
    out = []
    if (found := _credit_pattern(language)) is not None:
        pattern, roles = found
        for match in pattern.finditer(text):
            line_end = _line_end(text, match.end())
            if roles[norm(match.group(1))] == PHOTOGRAPHER and not text[match.end() : line_end].strip(" .)"):
                out.append((text.rfind("\n", 0, match.start()) + 1, line_end))
    if (opening := _photo_opening(language)) is not None:
        out += [(match.start(), _line_end(text, match.end())) for match in opening.finditer(text)]
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


@cache
def _photo_opening(language: str | None) -> re.Pattern[str] | None:
    """A line opened by a photographer's credit word and a colon ("Photo:", "Фото:")."""
    words = {w for data in _datas(language) for w in data.get("credits", {}).get(PHOTOGRAPHER, [])}
    if not words:
        return None
    alternation = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?m)^[ \t(\[]*(?:{alternation})[ \t]*:", re.IGNORECASE)


def _credited_name(doc: Doc, start: int, end: int) -> _Name | None:
    """The capitalised name at ``[start, end)``, past a trailing ``outlet_after`` word; None when
    a word of it is lowercase ("Det russiske forsvarsdepartementet")."""
    words = list(re.finditer(r"\S+", doc.text[start:end]))
    outlet = len(words) > 1 and norm(words[-1].group()) in _words(doc.language, "outlet_after")
    words = words[:-1] if outlet else words
    if all(_caseless(w.group()) for w in words):
        # No capitals to end the name: it must end the line or a colon must close it ("كتب- X:").
        if not _CASELESS_END.match(doc.text, start + words[-1].end()):
            return None
    elif not all(w.group()[:1].isupper() or _particle(doc, words, i) for i, w in enumerate(words)):
        return None
    return _Name(start, start + words[-1].end(), [w.group() for w in words], outlet)


def _particle(doc: Doc, words: list[re.Match[str]], i: int) -> bool:
    """A lowercase word inside a name between capitalised ones: "Le Courrier du Matin"."""
    return 0 < i < len(words) - 1 and norm(words[i].group()) in doc.lex.particles


def _outlet_first(doc: Doc, first: _Name, second: _Name) -> bool:
    """Which of "A / B" is the outlet: the first ("Foto: Warta Nusantara/Dimas Pratama") unless
    only the second reads as one ("Photo : Léa Martineau / Le Courrier du Matin": an article
    opens a title, never a person's name)."""

    def outlet_like(name: _Name) -> bool:
        title = norm(name.words[0]) in doc.lex.stopwords
        return title or name.outlet or _org_named(doc, name) or _known(" ".join(name.words))

    return outlet_like(first) or not outlet_like(second)


_CASELESS_END = re.compile(r"[ \t]*(?:[:|\n]|\Z)")


def _caseless(word: str) -> bool:
    """A word of a script without letter case (Arabic, Hebrew, CJK…)."""
    first = word[:1]
    return first.isalpha() and first.upper() == first.lower()


def _org_named(doc: Doc, name: _Name) -> bool:
    """Whether a credited name holds an organisation word: "Agência Litoral"."""
    words = {norm(w) for w in name.words}
    return bool(words & (doc.lex.org_words | _words(doc.language, "agency_words")))


def _outlet_role(doc: Doc, name: _Name) -> str:
    return AGENCY if {norm(w) for w in name.words} & _words(doc.language, "agency_words") else OUTLET


def _signature(doc: Doc) -> None:
    """The journalist who signs the article on its last line: "(Rina Wulandari)"."""
    match = _SIGNATURE.search(doc.text)
    group = 1 if match and match.group(1) else 2
    name = _credited_name(doc, match.start(group), match.end(group)) if match else None
    if name is None or len(name.words) < 2 or name.outlet or _org_named(doc, name):
        return
    if not any(doc.placed[name.start : name.end]):
        _credited(doc, name.start, name.end, JOURNALIST)


def _known(name: str) -> bool:
    return norm(name) in known_orgs()[0]


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    first = doc.at.get(start)
    if first is None:
        return []
    out = []
    for tok in doc.tokens[first:]:
        if tok.end > end:
            break
        out.append(tok)
    return out


def _outlet(doc: Doc, start: int, end: int, role: str = OUTLET) -> None:
    """The outlet named at ``[start, end)`` (a known organisation keeps its own entry)."""
    name = " ".join(doc.text[start:end].split())
    if not name or _known(name) or not doc.free(start, end):
        return
    key = actor_key(name, kind="organization")
    # Every other mention of the outlet's name is the outlet too ("Foto: Warta Nusantara").
    for found in re.finditer(rf"(?<!\w){re.escape(doc.text[start:end])}(?!\w)", doc.text):
        if doc.free(found.start(), found.end()):
            doc.claim(found.start(), found.end())
            doc.found.append(
                Candidate(found.start(), found.end(), name, "organization", key, role=role, context=True)
            )


def _credited(doc: Doc, start: int, end: int, role: str) -> None:
    run = _tokens(doc, start, end)
    if run and doc.free(run[0].start, run[-1].end) and all(t.titled or t.caseless for t in run):
        doc.found.append(person(doc, run, role=role, context=True))
