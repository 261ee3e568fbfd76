"""Actors in scripts without letter case (Han, kana, Hangul, Arabic, Persian) found without a title.

Capital letters mark names in Latin and Cyrillic text; here three other kinds of evidence do:

* **known people** of ``langs/xx/people.toml`` by the names listed for them in these scripts
  (``普京``, ``트럼프``, ``دونالد ترامب``) and by the last word of such a name, after a clitic
  (``وترامب``: "and Trump") or before a particle (``트럼프는``) of the language;
* **institutions** named by an ordinary word of the language (``국회``, ``参议院``, ``البرلمان``),
  listed as ``bodies`` in ``langs/<iso>/names.toml``;
* **organisations by shape**: a name that ends with a word such as "party", "ministry" or
  "agency" (``共和党``, ``외교부``, ``気象庁``: ``org_suffixes``), or Arabic and Persian names that
  open with such a word and continue over the following words (``الحزب الجمهوري``,
  ``سازمان ملل متحد``: ``org_heads``), up to a function word (``org_stops``).

Every language-specific word is data in ``names.toml``; this module only knows scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline import langs
from storyline.extract._actor_doc import Candidate, Doc
from storyline.extract.names import actor_key
from storyline.regex_guard import guarded

# Letters of scripts written with spaces or in words of their own (kana, Hangul, Arabic): a
# name there must not continue into a longer word.  Han is written without spaces: no edge.
_LETTER = re.compile("[\u30a1-\u30fa\u30fc\uac00-\ud7a3\u0621-\u064a\u0671-\u06d3\u06cc\u200c]")
_PARTS = re.compile(r"[\s・·]+")
_MIN_SURNAME = 3  # a bare last word this short ("شي") is too often an ordinary word
_MAX_ORG_WORDS = 4  # words after an Arabic or Persian organisation head
_NEXT_WORD = re.compile(r" ([^\W\d_][\w\u200c]*)")


@dataclass(frozen=True, slots=True)
class _Known:
    key: str  # English name of the listed person
    name: str  # the full name in the script it was found in ("دونالد ترامب" for "ترامب")
    country: str | None


@dataclass(frozen=True, slots=True)
class _Rules:
    people: re.Pattern[str] | None
    bodies: re.Pattern[str] | None
    suffixed: re.Pattern[str] | None
    heads: re.Pattern[str] | None
    stops: frozenset[str]
    not_orgs: frozenset[str]
    cut: re.Pattern[str] | None  # characters that end a Han name ("的", "在" …)
    titles: tuple[str, ...]  # titles written after a name: an organisation right after one is
    # the complement of that title ("محسن اسلامی، سخنگوی ستاد انتخابات"), left to the person
    known_spaced: re.Pattern[str] | None = None  # listed organisations in Hangul, with a particle
    glued_to_country: re.Pattern[str] | None = None  # "이스라엘군": a country and an ending, one word
    after_country: re.Pattern[str] | None = None  # "일본 방위성": a word after a country name
    office_endings: tuple[str, ...] = ()  # endings of an office between a name and its title
    country_ids: bool = False  # an organisation named after a country is that country's ("이란 외무부")
    keep_places: bool = False  # a place other than a country that opens a name stays in it
    links: str = ""  # characters after which a country is part of the name ("驻": stationed in)
    credits: re.Pattern[str] | None = None  # "编辑：": a byline label, no actor after it
    bare_surname_letters: int = 0  # a shorter bare last word needs the full name in the article


def _caseless(form: str) -> bool:
    return any(ch.isalpha() and not ch.isupper() and not ch.islower() for ch in form)


@cache
def known_forms() -> dict[str, _Known]:
    """``{form: person}`` for every caseless-script name of ``people.toml`` and its last word."""
    forms: dict[str, _Known] = {}
    surnames: dict[str, _Known] = {}
    for entry in langs.load(langs.UNIVERSAL, "people").get("person", []):
        for alias in (str(a) for a in entry.get("aliases", [])):
            if not _caseless(alias):
                continue
            person = _Known(str(entry["name"]), alias, entry.get("country"))
            forms[alias] = person
            last = _PARTS.split(alias)[-1]
            if last != alias and len(last) >= _MIN_SURNAME:
                surnames.setdefault(last, person)
    return {**surnames, **forms}


_UNSPACED = re.compile("[\u3040-\u30ff\u4e00-\u9fff]")


@cache
def _known_orgs() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str, str | None]]]:
    """Known organisations (``langs/xx/organizations.toml``) by their names in unspaced scripts
    (``金砖国家``, ``安理会``): ``(pattern, {form: (id, name, country)})``.  Spaced scripts find
    them word by word (:func:`storyline.extract.actors._find_known_orgs`); Han and kana text has no
    words to look up."""
    table: dict[str, tuple[str, str, str | None]] = {}
    for key, entry in langs.load(langs.UNIVERSAL, "organizations").get("orgs", {}).items():
        for form in (str(f) for f in entry.get("names", [])):
            if _UNSPACED.search(form):
                table.setdefault(form, (f"org:{key}", str(entry["name"]), entry.get("country")))
    return (re.compile(langs.alternation(table)) if table else None), table


_HANGUL = re.compile("[\uac00-\ud7a3]")


@cache
def _known_hangul_orgs() -> dict[str, tuple[str, str, str | None]]:
    """Known organisations by their Korean names (``유엔``, ``크렘린궁``): Korean writes words with
    spaces but glues particles to them, so they are matched with the language's particles."""
    table: dict[str, tuple[str, str, str | None]] = {}
    for key, entry in langs.load(langs.UNIVERSAL, "organizations").get("orgs", {}).items():
        for form in (str(f) for f in entry.get("names", [])):
            if _HANGUL.search(form):
                table.setdefault(form, (f"org:{key}", str(entry["name"]), entry.get("country")))
    return table


@cache
def _rules(language: str) -> _Rules | None:
    data = langs.load(language, "names")
    if not data:
        return None
    clitics = langs.alternation([str(c) for c in data.get("clitics", [])])
    particles = langs.alternation([str(p) for p in data.get("particles", [])])
    forms = langs.alternation(list(known_forms()))
    people = rf"(?:{clitics})?(?P<name>{forms})(?:{particles})?" if forms else None
    bodies = langs.alternation([str(b) for b in data.get("bodies", [])])
    suffixes = "|".join(str(s) for s in data.get("org_suffixes", []))  # regular expressions
    shape = str(data.get("org_name", ".{1,6}"))
    heads = langs.alternation([str(h) for h in data.get("org_heads", [])])
    cut = str(data.get("org_cut", ""))
    spaced = langs.alternation(_known_hangul_orgs()) if data.get("particles") else ""
    glued = langs.alternation([str(e) for e in data.get("country_org_endings", [])])
    after_country = "|".join(str(s) for s in data.get("country_org_words", []))
    return _Rules(
        people=guarded(people) if people else None,
        bodies=re.compile(rf"(?:{clitics})?(?P<name>{bodies})(?:{particles})?") if bodies else None,
        suffixed=re.compile(rf"(?P<name>{shape}(?:{suffixes}))(?:{particles})?") if suffixes else None,
        heads=re.compile(rf"(?:{clitics})?(?P<name>(?:{heads}))(?![^\W\d_])") if heads else None,
        stops=frozenset(str(w) for w in data.get("org_stops", [])),
        not_orgs=frozenset(str(w) for w in data.get("not_orgs", [])),
        cut=re.compile(f"[{re.escape(cut)}]") if cut else None,
        titles=tuple(t.strip("، ") for t in data.get("titles_after", {}) if t.strip("، ")),
        known_spaced=re.compile(rf"(?P<name>{spaced})(?:{particles})?") if spaced else None,
        glued_to_country=re.compile(rf"(?P<name>{glued})(?:{particles})?") if glued else None,
        after_country=re.compile(rf" (?P<name>[^\W\d_]{{0,8}}?(?:{after_country}))(?:{particles})?")
        if after_country
        else None,
        office_endings=tuple(str(e) for e in data.get("office_endings", [])),
        country_ids=bool(data.get("org_country_ids", False)),
        keep_places=bool(data.get("org_keeps_places", False)),
        links=str(data.get("org_links", "")),
        credits=_credit_labels([str(c) for c in data.get("credit_labels", [])]),
        bare_surname_letters=int(data.get("bare_surname_letters", 0)),
    )


def _credit_labels(labels: list[str]) -> re.Pattern[str] | None:
    return re.compile(rf"(?:{langs.alternation(labels)})\s*[:：]\s*$") if labels else None


def _edges_ok(text: str, match: re.Match[str]) -> bool:
    """Whether the whole match (clitic and particle included) is a word of its own."""
    return _word_edges(text, *match.span())


def _word_edges(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a word of its own: no letter of its script on either side."""
    before = start > 0 and bool(_LETTER.match(text[start - 1])) and bool(_LETTER.match(text[start]))
    after = end < len(text) and bool(_LETTER.match(text[end])) and bool(_LETTER.match(text[end - 1]))
    return not (before or after)


def _free(doc: Doc, start: int, end: int) -> bool:
    return doc.free(start, end) and not any(doc.placed[start:end]) and not any(doc.country_mask[start:end])


def _named(doc: Doc) -> dict[str, Candidate]:
    """``{listed person: the first candidate naming them}`` among what earlier steps found.

    Titles that name one listed person by two forms ("الرئيس فلاديمير بوتين", later "الرئيس
    بوتين") give one actor: the later candidates take the name and id of the first."""
    forms = known_forms()
    named: dict[str, Candidate] = {}
    for cand in doc.found:
        known = forms.get(cand.name) if cand.kind == "person" else None
        if known is not None and (first := named.setdefault(known.key, cand)) is not cand:
            cand.name, cand.id = first.name, first.id
    return named


def _introduced(doc: Doc, rules: _Rules, known: _Known, form: str, named: dict[str, Candidate]) -> bool:
    """Whether a listed person's bare last word may stand for them: a long one ("ترامب") always,
    one shorter than the language's ``bare_surname_letters`` only where the article names them
    in full or after a title (in Arabic a short one alone is often another person's name or an
    ordinary word: "عباس" in "شارع عباس العقاد", "أون" of "كيم جونغ أون" in a radio name)."""
    if form == known.name or len(form) >= rules.bare_surname_letters:
        return True
    return known.key in named or known.name in doc.text


def find_caseless_actors(doc: Doc) -> None:
    """Known people, institutions and shaped organisation names of ``doc`` (see above)."""
    rules = _rules(doc.language or "")
    if rules is None:
        return
    forms, named = known_forms(), _named(doc)
    for match in rules.people.finditer(doc.text) if rules.people else ():
        start, end = match.span("name")
        if not (_edges_ok(doc.text, match) and _free(doc, start, end)):
            continue
        known = forms[match.group("name")]
        if not _introduced(doc, rules, known, match.group("name"), named):
            continue
        # One person, one id in the article: the form a title introduced, else the full name.
        first = named.setdefault(
            known.key, Candidate(start, end, known.name, "person", actor_key(known.name))
        )
        doc.claim(start, end)
        cand = Candidate(start, end, first.name, "person", first.id, role=first.role, context=True)
        cand.country = first.country or known.country
        doc.found.append(cand)
    pattern, orgs = _known_orgs()
    for match in pattern.finditer(doc.text) if pattern is not None and _UNSPACED.search(doc.text) else ():
        start, end = match.span()
        if _edges_ok(doc.text, match) and _free(doc, start, end):
            org_id, name, country = orgs[match.group()]
            doc.claim(start, end)
            doc.found.append(
                Candidate(start, end, name, "organization", org_id, country=country, context=True)
            )
    _known_spaced_orgs(doc, rules)
    _country_orgs(doc, rules)
    shaped = len(doc.found)
    for pattern in (rules.bodies, rules.suffixed):
        for match in pattern.finditer(doc.text) if pattern else ():
            _organisation(doc, rules, match, listed=pattern is rules.bodies)
    if rules.country_ids:
        _one_id_per_organisation(doc, shaped)
    matches = rules.heads.finditer(doc.text) if rules.heads else ()
    headed = [h for match in matches if (h := _headed(doc, rules, match)) is not None]
    for start, end, emit in _trimmed(doc.text, headed):
        if emit and doc.free(start, end):
            name = doc.text[start:end]
            doc.claim(start, end)
            doc.found.append(
                Candidate(start, end, name, "organization", actor_key(name, kind="organization"))
            )


def _known_spaced_orgs(doc: Doc, rules: _Rules) -> None:
    """Listed organisations by their Korean names, a particle after them ("유엔과", "크렘린궁은")."""
    if rules.known_spaced is None or not _HANGUL.search(doc.text):
        return
    for match in rules.known_spaced.finditer(doc.text):
        start, end = match.span("name")
        if _edges_ok(doc.text, match) and _free(doc, start, end):
            org_id, name, country = _known_hangul_orgs()[match.group("name")]
            doc.claim(start, end)
            doc.found.append(
                Candidate(start, end, name, "organization", org_id, country=country, context=True)
            )


def _country_orgs(doc: Doc, rules: _Rules) -> None:
    """Organisations named by a country and a word: the country's armed forces written as one
    word ("이스라엘군", "러시아군"), a ministry or force after the country ("일본 방위성", "일본
    자위대").  Such a word alone is too often an ordinary one ("가능성", "장군")."""
    for place in doc.countries if rules.glued_to_country or rules.after_country else ():
        glued = rules.glued_to_country.match(doc.text, place.end) if rules.glued_to_country else None
        if glued is not None and _word_edges(doc.text, place.start, glued.end()):
            if doc.free(place.start, glued.end("name")):
                _country_org(doc, place.start, glued.end("name"), place.country)
            continue
        after = rules.after_country.match(doc.text, place.end) if rules.after_country else None
        if after is not None and _edges_ok(doc.text, after):
            start, end = after.span("name")
            name = doc.text[start:end]
            if doc.free(start, end) and name not in rules.not_orgs and not any(doc.placed[start:end]):
                _country_org(doc, start, end, place.country)


def _country_org(doc: Doc, start: int, end: int, country: str | None) -> None:
    name = doc.text[start:end]
    doc.claim(start, end)
    doc.found.append(
        Candidate(start, end, name, "organization", actor_key(name, kind="organization"), country=country)
    )


def organisation_word(language: str, word: str, *, between: bool = False, glued: bool = False) -> bool:
    """Whether one word names an organisation: a listed one, a body, a name with an organisation
    ending; ``between`` a name and its title also an office ending ("크렘린궁", "백악관");
    ``glued`` to a country, an ending such as "군" (forces)."""
    rules = _rules(language)
    if rules is None or not word:
        return False
    if glued:
        return bool(rules.glued_to_country and rules.glued_to_country.fullmatch(word))
    if word in rules.not_orgs:
        return False
    if word in _known_hangul_orgs() or (rules.bodies is not None and rules.bodies.fullmatch(word)):
        return True
    if rules.suffixed is not None and (m := rules.suffixed.fullmatch(word)) and m.group("name") == word:
        return True
    return between and len(word) >= 3 and word.endswith(rules.office_endings)


def _organisation(doc: Doc, rules: _Rules, match: re.Match[str], *, listed: bool = False) -> None:
    """An organisation found by its suffix, or ``listed`` as a body (then never refused by the
    words that make a suffix match no name: "합동참모본부" ends in 본부 "headquarters")."""
    start, end = match.span("name")
    name = match.group("name")
    if rules.cut is not None:  # a Han name starts after the last function character before it
        inner = list(rules.cut.finditer(name[:-1]))
        if inner:
            start += inner[-1].end()
            name = doc.text[start:end]
    if rules.credits is not None and rules.credits.search(doc.text, max(0, start - 8), start):
        return  # "编辑：国际部": the outlet's desk in a byline
    linked = bool(rules.links) and any(ch in rules.links for ch in name)
    while not linked and start < end and not _kept(doc, rules, start):
        start += 1  # "美国共和党": the country is a place, the organisation what follows
    name = doc.text[start:end]
    inside_ok = linked or all(_kept(doc, rules, i) for i in range(start, end))
    if len(name) < 2 or not doc.free(start, end) or not inside_ok or not _edges_ok(doc.text, match):
        return
    if not listed and (name in rules.not_orgs or any(name.endswith(w) for w in rules.not_orgs)):
        return
    doc.claim(start, end)
    cand = Candidate(start, end, name, "organization", actor_key(name, kind="organization"))
    country = _country_before(doc, start) if rules.country_ids else None
    if country is not None:  # "러시아 외무부" and "이란 외무부" are two ministries
        cand.country, cand.id = country, f"org:{country.lower()}-{cand.id.removeprefix('org:')}"
    doc.found.append(cand)


def _country_before(doc: Doc, start: int) -> str | None:
    """The country written right before ``start``, glued to it or one space before."""
    for place in doc.countries:
        if place.end in (start, start - 1) and doc.text[place.end : start] in ("", " "):
            return place.country
    return None


def _one_id_per_organisation(doc: Doc, first: int) -> None:
    """An organisation written once after its country ("이란 외무부") and elsewhere alone ("외무부")
    is that country's, when the article names no other country's organisation of that name."""
    orgs = [c for c in doc.found[first:] if c.kind == "organization"]
    owners: dict[str, set[str]] = {}
    for cand in orgs:
        if cand.country:
            owners.setdefault(cand.name, set()).add(cand.id)
    for cand in orgs:
        ids = owners.get(cand.name, set())
        if not cand.country and len(ids) == 1:
            cand.id = next(iter(ids))


def _kept(doc: Doc, rules: _Rules, i: int) -> bool:
    """Whether character ``i`` may be part of an organisation name: unclaimed, no country, and no
    other place unless the language keeps places in names ("石川县政府")."""
    if doc.claimed[i] or doc.country_mask[i]:
        return False
    return rules.keep_places or not doc.placed[i]


def _headed(doc: Doc, rules: _Rules, match: re.Match[str]) -> tuple[int, int, bool] | None:
    """An organisation head and the words that follow it, up to a function word or punctuation:
    ``(start, end, emit)``; one right after a title (its complement) is kept only as evidence of
    where the name ends (see :func:`_trimmed`)."""
    start, end = match.span("name")
    if not _free(doc, start, end):
        return None
    words = 0
    while words < _MAX_ORG_WORDS and (word := _NEXT_WORD.match(doc.text, end)) is not None:
        text = word.group(1)
        if (
            text in rules.stops
            or text.startswith(doc.lex.non_name_prefixes)  # "قوات والحرس": "and the" opens the next phrase
            or not doc.free(word.start(1), word.end())
        ):
            break
        end, words = word.end(), words + 1
    if words == 0 or doc.text[start:end] in rules.not_orgs:
        return None
    return start, end, not doc.text[:start].rstrip().endswith(rules.titles)


def _trimmed(text: str, headed: list[tuple[int, int, bool]]) -> list[tuple[int, int, bool]]:
    """Each headed name cut to the words it shares with another mention of the same head, when
    they share the head and at least one word: Persian writes no ezafe, so a name runs on into
    the sentence ("حزب دموکراتیک مترقی اما", "حزب دموکراتیک مترقی نماینده …"); the words that
    two mentions have in common are the name."""
    words = [text[s:e].split() for s, e, _ in headed]
    out = []
    for i, (start, _end, emit) in enumerate(headed):
        best = len(words[i])
        shared = [_common(words[i], w) for j, w in enumerate(words) if j != i and w[0] == words[i][0]]
        longest = max((n for n in shared if n >= 2), default=0)
        if 2 <= longest < best:
            best = longest
        out.append((start, start + len(" ".join(words[i][:best])), emit))
    return out


def _common(a: list[str], b: list[str]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
