"""Actors: people and organisations, with roles and countries, found without a statistical model.

No multilingual NER model can be shipped offline (see OFFLINE.md), so actors
come from evidence that survives across languages:

1. known organisations and news agencies by name (``langs/xx/organizations.toml``);
2. ministries from the language's ministry phrases plus an adjacent country
   (``Bộ Quốc phòng Nga`` → Russian Ministry of Defence);
3. titles and roles (``Presiden``, ``forsvarsminister``, ``ministro da Defesa``)
   with an adjacent country place and the name that follows, also after an
   appositive comma; "head of <organisation>" phrases take the role of the
   organisation's head (``người đứng đầu Lầu Năm Góc`` → US defence minister);
4. honorifics (``Sr.``, ``ông``, ``Bapak``) followed by a name;
5. bare runs of capitalised words, filtered against sentence-initial common
   words, month and day names and all-common-word runs;
6. within-article resolution: a surname or honorific mention takes the id and
   full name of the full name it belongs to, and mentions of one actor share
   the role and country found for it.

Everything language-specific is data in ``langs/<iso>/actors.toml``.  Caseless
scripts (Arabic) only get names after a title or honorific.

The steps (1-5) are here; the compiled vocabulary is in ``_actor_lexicon``, the
article's words and name runs in ``_actor_doc``, roles written after a name in
``_actor_roles`` and the within-article resolution (6) in ``_actor_coref``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from storyline.extract._actor_caseless import find_caseless_actors
from storyline.extract._actor_coref import resolve_singles, share_attributes, unify_inflected
from storyline.extract._actor_credits import find_credits
from storyline.extract._actor_doc import (
    NAME_GAP,
    SPACE_GAPS,
    WORD,
    Candidate,
    Doc,
    Token,
    blocked,
    country_next_to,
    name_after,
    name_start,
    org_starting_at,
    person,
    run_from,
)
from storyline.extract._actor_evidence import (
    named_anyway,
    ordinary,
    person_evidence,
    role_before,
    says,
)
from storyline.extract._actor_known import (
    attribution_pattern,
    coded_role_before,
    given_names,
    person_known,
    state_role,
)
from storyline.extract._actor_lexicon import (
    KnownOrg,
    begins_known_org,
    english_demonym,
    head_roles,
    known_orgs,
    lemma_known,
    ministries,
    norm,
    org_form_matches,
)
from storyline.extract._actor_open_roles import find_open_roles_before, open_roles
from storyline.extract._actor_roles import find_described_orgs, find_roles_after
from storyline.extract._actor_run_orgs import named_body, org_compound, org_lemma, organisation_run
from storyline.extract._actor_titles import (
    Title,
    find_compound_heads,
    find_heads_after,
    headed,
    name_after_complement,
    read_title,
)
from storyline.extract._actor_unspaced import find_unspaced_names
from storyline.extract.morph import base_name, lemmas, never_person
from storyline.extract.names import actor_key, capitalised_words, token_key
from storyline.model import Mention, Place


def _org_at(doc: Doc, i: int) -> tuple[KnownOrg, int, int] | None:
    """The longest known organisation name starting at word ``i``: ``(org, start, end)``.

    A dictionary lookup of word n-grams: one regex over every name in every
    script, matched case-insensitively, cost milliseconds per article.
    """
    forms, longest = known_orgs()
    first = doc.tokens[i]
    start = first.start
    best = None
    # Shortest first, while the words so far begin some name: the key of n words begins the key
    # of n + 1 (tokens end in a letter, norm folds each character alone), so once no name begins
    # with it, none is longer ("National" opens names of up to 13 words; most stop at 1 or 2).
    for n in range(1, min(longest.get(first.text.casefold(), 0), len(doc.tokens) - i) + 1):
        end = doc.tokens[i + n - 1].end
        found = doc.text[start:end]
        key = norm(found)
        if not begins_known_org(key):
            break
        for form, org in forms.get(key, ()):
            if org_form_matches(form, found):
                best = org, start, end
                break
    return best


def _find_known_orgs(doc: Doc) -> None:
    first_words = known_orgs()[1]
    for i, tok in enumerate(doc.tokens):
        hit = _org_at(doc, i) if tok.text.casefold() in first_words else None
        if hit is None or not doc.free(hit[1], hit[2]):
            continue
        org, start, end = hit
        if org.mid_sentence and doc.sentence_initial(start):
            continue
        doc.claim(start, end)
        doc.found.append(
            Candidate(start, end, org.name, "organization", org.id, org.role, org.country, context=True)
        )


def _find_ministries(doc: Doc) -> None:
    table = ministries()
    for start, end, key in doc.lex.ministries.find(doc.text):
        if not doc.free(start, end):
            continue
        ministry = table[key]
        place, phrase_end = country_next_to(doc, start, end)
        country = place.country if place else None
        phrase_start = min(start, place.start) if place else start
        slug = ministry.name.lower().replace(" ", "-")
        org_id = f"org:{country.lower()}-{slug}" if country else f"org:{slug}"
        doc.claim(phrase_start, phrase_end)
        name = f"{english_demonym(country)} {ministry.name}" if country else ministry.name
        doc.found.append(Candidate(phrase_start, phrase_end, name, "organization", org_id, country=country))


def _find_org_heads(doc: Doc) -> None:
    """Organisations opened by a head phrase of the language (``org_heads``).

    Vietnamese capitalises only the first syllable of each part of a name
    ("Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"), so a capitalised run
    stops at "hành".  A head phrase written with a capital starts the name,
    which then extends over further heads, known organisations, capitalised
    words and country names.  The organisation's country is the first country
    inside it.  ``org_heads`` need a further word; ``org_names`` are names on
    their own ("Quốc hội").
    """
    found = list(doc.lex.org_heads.find(doc.text))
    heads = {start: end for start, end, _ in found}
    for start, head_end, kind in found:
        if not doc.text[start].isupper() or not doc.free(start, head_end):
            continue
        end = _extend_org(doc, heads, head_end)
        if kind == "head" and end == head_end:
            continue  # a bare "Ủy ban" (committee) names no organisation
        inner = [p for p in doc.countries if start <= p.start and p.end <= end]
        name = " ".join(doc.text[start:end].split())
        doc.claim(start, end)
        country = inner[0].country if inner else None
        org_id = actor_key(name, kind="organization")
        doc.found.append(Candidate(start, end, name, "organization", org_id, country=country))


def _extend_org(doc: Doc, heads: dict[int, int], end: int) -> int:
    """The end of an organisation name that starts with a head phrase ending at ``end``."""
    known = {c.start: c.end for c in doc.found if c.kind == "organization"}
    while True:
        gap = doc.text[end : end + 2]
        nxt = end + 1 if gap[:1] in SPACE_GAPS else -1
        i = doc.token_after(nxt) if nxt >= 0 else None
        if i is None:
            return end
        tok = doc.tokens[i]
        if nxt in known:
            end = known[nxt]
        elif nxt in heads:
            end = heads[nxt]
        elif any(doc.country_mask[tok.start : tok.end]):
            end = max(p.end for p in doc.countries if p.start <= tok.start < p.end)
        elif tok.titled and not blocked(doc, tok):
            end = tok.end
        else:
            return end


def _find_heads(doc: Doc) -> None:
    """ "head of the Pentagon Lloyd Austin": role and country from the organisation."""
    heads = head_roles()
    ministry_heads = {m.name: m.head_role for m in ministries().values()}
    for start, end, _ in doc.lex.head_of.find(doc.text):
        gap = NAME_GAP.match(doc.text, end)
        org = org_starting_at(doc, gap.end()) if gap else None
        role = None if org is None else heads.get(org.id) or _ministry_head(org.name, ministry_heads)
        if org is None or role is None or not doc.free(start, end):
            continue
        doc.claim(start, end)
        run = name_after(doc, org.end, appositive=False)
        if run:
            doc.found.append(person(doc, run, role=role, country=org.country, context=True))
    find_heads_after(doc)


def _ministry_head(name: str, heads: dict[str, str | None]) -> str | None:
    """The head role of a ministry, also when its name carries its country ("Russian Ministry of
    Foreign Affairs": "глава МИД России X" is the foreign minister)."""
    return next(
        (role for ministry, role in heads.items() if name == ministry or name.endswith(f" {ministry}")), None
    )


def _find_titled(doc: Doc) -> None:
    """Title + optional country or organisation + name: "Presiden Rusia Vladimir Putin"."""
    head: Title | None = None  # the last title with no name after it
    titles = list(doc.lex.roles.find(doc.text))
    # A run that opens with a title is no name: "Cumhurbaşkanı Sözcüsü Ömer Çelik" is the
    # president's spokesperson (the nearer title, read on the next turn).
    title_starts = {start for start, _, _ in titles}
    for start, end, role in titles:
        if not doc.free(start, end):
            head = None
            continue
        title = headed(doc, head, start, read_title(doc, start, end, role))
        run = (
            []
            if _in_construct(doc, start, title.end)
            else name_after(doc, title.end, appositive=title.appositive)
        )
        if run and (run[0].start in title_starts or never_person([tok.text for tok in run], doc.language)):
            run = []  # "президента Південної Кореї": a place in the genitive, not a name
        run = run or name_after_complement(doc, title.end)  # "губернатор Белгородской области X"
        if run and any(tok.text.casefold() in doc.lex.org_words for tok in run):
            head = None
            continue  # "General Elections Commission": the "title" opens an organisation's name
        doc.claim(start, end)
        head = None if run else title
        if run:
            doc.found.append(person(doc, run, role=title.role, country=title.country, context=True))


def _in_construct(doc: Doc, start: int, end: int) -> bool:
    """Whether a title is in construct with the words after it, its complement and not a name:
    in Arabic one whose last word has no article ("رئيس جامعة أسيوط", "المتحدث باسم الكرملين")."""
    prefixes = doc.lex.definite_prefixes
    words = doc.text[start:end].split()
    return bool(prefixes and words) and not words[-1].startswith(prefixes)


def _find_honorifics(doc: Doc) -> None:
    """Honorific + name: "Sr. Kim", "ông Kim", "Bapak Bjorn Arild Gram"."""
    if doc.lex.honorifics is None:
        return
    for match in doc.lex.honorifics.finditer(doc.text):
        if not doc.free(*match.span()):
            continue
        run = name_after(doc, match.end(), appositive=False)
        if run:
            doc.claim(*match.span())
            doc.found.append(person(doc, run, context=True))


def _common_opening(doc: Doc, tok: Token, run_length: int) -> bool:
    """A sentence-initial word that is an ordinary word ("Pada", "Theo", "Under", "Desde")."""
    if not doc.sentence_initial(tok.start):
        return False
    word = tok.text.casefold()
    if word in doc.lex.stopwords:
        return True
    if org_compound(doc, [word]):
        return False  # "Arbeiderpartiet vant": a party's name, though the dictionary lists it
    if run_length > 2 and token_key(tok.text) not in given_names():
        # "Luego Vladimir Putin": an ordinary word before a name of two or more words.
        return lemma_known(word, doc.language)
    return run_length == 1 and lemma_known(word, doc.language)


def _role_opening(doc: Doc, run: list[Token]) -> bool:
    """A capitalised role noun opening a run before a full name ("Judge Juan X", "Die Sängerin
    Helene X"): English capitalises titles, German every noun; the noun is the person's role
    (read by :func:`find_open_roles_before`), the rest the name.  The name must open with a known
    given name, so "General Motors" or "Judge Business School" stay whole."""
    return (
        len(run) > 2
        and run[0].text.casefold() in open_roles(doc.language)
        and token_key(run[1].text) in given_names()
    )


def _headline_line(doc: Doc, start: int) -> bool:
    """Whether the line holding ``start`` has no lowercase word: a menu, a byline, a title."""
    line_start = doc.text.rfind("\n", 0, start) + 1
    line_end = doc.text.find("\n", start)
    line = doc.text[line_start : line_end if line_end >= 0 else len(doc.text)]
    return not any(m.group()[0].islower() for m in WORD.finditer(line))


def _classify_run(doc: Doc, run: list[Token]) -> Candidate | None:
    """Organisation, person, or nothing, for a bare capitalised run."""
    words = [norm(tok.text) for tok in run]  # as the lexicon's words: Turkish "ı" reads "i"
    # A language's own organisation words ("Policía", "Fuerzas") only make a
    # run of several words an organisation: alone they are ordinary nouns
    # capitalised by convention ("el Gobierno").
    org_words = doc.lex.org_words if len(run) > 1 else doc.lex.single_org_words
    if any(w in org_words for w in words) or org_lemma(doc, run) or org_compound(doc, words):
        return organisation_run(doc, run)
    # "Республіканець Дональд Трамп": a common noun glued to the name opens the run.
    run = run[name_start(doc, run) :]
    words = [tok.text.casefold() for tok in run]
    name = " ".join(tok.text for tok in run)
    known = (person_known(name) or person_known(base_name(name, doc.language))) if len(run) > 1 else None
    if known is None and never_person([tok.text for tok in run], doc.language):
        return None
    # A place of the gazetteer wins over the person guess ("Guta Oriental", "Ring Road").
    if known is None and any(any(doc.placed[tok.start : tok.end]) for tok in run if tok.titled):
        return None
    # A known person's name is a name even when each of its words is also a word of the
    # language ("Владимир" a city, "путин" a lemma): only unknown runs of ordinary words fall.
    if len(run) > 1 and (
        _headline_line(doc, run[0].start)
        or (known is None and all(ordinary(w, doc.language) for w in words) and not named_anyway(doc, run))
    ):
        return None
    if len(run) > 1 and known is None and not person_evidence(doc, run, words) and not role_before(doc, run):
        return None
    # A lone surname that speaks ("sa Putin") stays a person even without a full name.
    context = len(run) == 1 and says(doc, run)
    role = coded_role_before(doc.text, run[0].start, doc.language)
    country = known.country if known else None
    return person(doc, run, role=role, country=country, context=context or bool(role))


class _Word(NamedTuple):
    """What a one-word run is wherever it stands (see :func:`_classify_word`)."""

    org: bool  # an organisation word or compound ("Arbeiderpartiet"): an organisation anywhere
    org_lemma: bool  # an inflected organisation noun ("Сенатом"): one unless it opens a sentence
    never_person: bool
    name: str  # the person it names, in the base form, and that person's id
    id: str


_WORDS: dict[tuple[str | None, str], _Word] = {}
_WORDS_MAX = 262_144  # bounded: a monitor sees new words for weeks


def _word(doc: Doc, text: str) -> _Word:
    """The context-free part of :func:`_classify_run` for one word, remembered per language:
    most one-word runs are capitalised nouns (in German every noun), and they recur."""
    found = _WORDS.get((doc.language, text))
    if found is None:
        if len(_WORDS) >= _WORDS_MAX:
            _WORDS.clear()
        folded, heads, name = norm(text), doc.lex.single_org_lemmas, base_name(text, doc.language)
        found = _WORDS[doc.language, text] = _Word(
            org=folded in doc.lex.single_org_words or org_compound(doc, [folded]),
            org_lemma=bool(heads) and bool(lemmas(text, doc.language) & heads),
            never_person=never_person([text], doc.language),
            name=name,
            id=actor_key(name),
        )
    return found


def _classify_word(doc: Doc, run: list[Token]) -> Candidate | None:
    """:func:`_classify_run` of a one-word run: the same steps, those that do not depend on
    where the word stands looked up (a one-word run drops no leading common word and is never a
    known person; person() would make the candidate below)."""
    tok = run[0]
    word = _word(doc, tok.text)
    if word.org or (word.org_lemma and not doc.sentence_initial(tok.start)):
        return organisation_run(doc, run)
    if word.never_person or (tok.titled and any(doc.placed[tok.start : tok.end])):
        return None
    role = coded_role_before(doc.text, tok.start, doc.language)
    context = says(doc, run) or bool(role)
    doc.claim(tok.start, tok.end)
    return Candidate(
        tok.start, tok.end, word.name, "person", word.id, role=role, single=True, context=context
    )


_ACRONYM = re.compile(r"[A-ZÀ-ÞА-ЯЁ]{3,6}")


def _find_acronyms(doc: Doc) -> None:
    """Capital-letter acronyms that report or are reported ("SNCF said", "selon la SNCF",
    "сообщает пресс-служба KNVB") are organisations, unless they are places, datelines, the
    short form of a name just given, or listed as no names (``not_acronyms``: "GDP", "CEO")."""
    for tok in doc.tokens:
        if (
            _ACRONYM.fullmatch(tok.text)
            and doc.free(tok.start, tok.end)
            and not any(doc.country_mask[tok.start : tok.end])
            and not any(doc.placed[tok.start : tok.end])
            and tok.text.casefold() not in doc.lex.not_acronyms
            and not _headline_line(doc, tok.start)
            and not _line_initial(doc, tok.start)
            and not _short_form(doc, tok)
            and _attributed(doc, tok)
        ):
            doc.claim(tok.start, tok.end)
            key = actor_key(tok.text, kind="organization")
            doc.found.append(Candidate(tok.start, tok.end, tok.text, "organization", key))


_ATTRIBUTION_REACH = 30  # characters: "сообщает пресс-служба KNVB", "selon la SNCF", "SNCF said"


def _attributed(doc: Doc, tok: Token) -> bool:
    """Whether a reporting verb or attribution phrase stands just before or after a word: an
    acronym that speaks is an organisation; other capital words ("ATACMS") may be things."""
    pattern = attribution_pattern(doc.language)
    if pattern is None:
        return False
    before = doc.text[max(0, tok.start - _ATTRIBUTION_REACH) : tok.start]
    after = doc.text[tok.end : tok.end + _ATTRIBUTION_REACH // 2]
    return any(m.end() >= len(before) - _ATTRIBUTION_REACH for m in pattern.finditer(before)) or bool(
        pattern.match(after.lstrip(" ,"))
    )


def _line_initial(doc: Doc, start: int) -> bool:
    """A word that opens its line: in capitals, a dateline ("OSLO —", "MADRID / VALENCIA.-")."""
    return not doc.text[doc.text.rfind("\n", 0, start) + 1 : start].strip()


def _short_form(doc: Doc, tok: Token) -> bool:
    """An acronym in parentheses right after a name is that name's short form: "Komisi
    Pemilihan Umum (KPU)" is one actor, found by its full name."""
    before = doc.text[max(0, tok.start - 3) : tok.start]
    return before.rstrip().endswith("(") and doc.text[tok.end : tok.end + 1] == ")"


def _find_bare_runs(doc: Doc) -> None:
    i = 0
    while i < len(doc.tokens):
        if not doc.tokens[i].titled:  # no run starts here (run_from's first test)
            i += 1
            continue
        run = run_from(doc, i)
        if run and _common_opening(doc, run[0], len(run)):
            run = run[1:]
        if run and _role_opening(doc, run):
            run = run[1:]
        classify = _classify_run if len(run) > 1 else _classify_word  # the same verdict, faster
        if run and (cand := named_body(doc, run) or classify(doc, run)) is not None:
            doc.found.append(cand)
        i = doc.at[run[-1].start] + 1 if run else i + 1


def _find_countries(doc: Doc) -> None:
    """Country places not used up as the country of a title or ministry: the country as actor."""
    for place in doc.countries:
        if doc.free(place.start, place.end):
            doc.found.append(
                Candidate(
                    place.start,
                    place.end,
                    place.name,
                    "country",
                    f"country:{place.country}",
                    country=place.country,
                    context=True,
                )
            )


def _single_word_surnames(doc: Doc) -> None:
    """Surnames that the bare-run step skipped (sentence-initial, or also a city name like "Austin")."""
    full_words = {
        token_key(w)
        for c in doc.found
        if c.kind == "person" and not c.single
        for w in capitalised_words(c.name)
    }
    for tok in doc.tokens:
        if (
            tok.titled
            and doc.free(tok.start, tok.end)
            and token_key(tok.text) in full_words
            and not any(doc.country_mask[tok.start : tok.end])
        ):
            doc.found.append(person(doc, [tok]))


def extract_actors(text: str, *, language: str | None, places: Sequence[Place] = ()) -> tuple[Mention, ...]:
    """People, organisations and countries acting in ``text``, sorted by start offset.

    ``places`` are the article's place mentions (from
    :func:`storyline.extract.places.extract_places`): country places next to a
    title or ministry give the actor's country, other country places become
    ``country`` actors, and words inside places are not taken for names.
    ``language`` picks the vocabulary; None uses every language's at once.
    """
    doc = Doc.build(text, language, places)
    for step in (
        _find_known_orgs,
        find_credits,
        _find_ministries,
        _find_org_heads,
        _find_heads,
        _find_titled,
        find_compound_heads,
    ):
        step(doc)
    find_unspaced_names(doc)
    find_caseless_actors(doc)
    _find_honorifics(doc)
    _find_acronyms(doc)
    _find_bare_runs(doc)
    _single_word_surnames(doc)
    find_roles_after(doc)
    find_open_roles_before(doc)
    find_described_orgs(doc)
    _find_countries(doc)
    found = share_attributes(_home_countries(doc, unify_inflected(resolve_singles(doc.found))))
    return tuple(_to_mention(text, c) for c in sorted(found, key=lambda c: (c.start, -c.end)))


_HOME_SHARE = 0.4  # of the article's places with a country: enough to call it the article's country


def _home_country(doc: Doc) -> str | None:
    """The country most of the article's places lie in, when one clearly dominates."""
    counts = Counter(p.country for p in doc.places if p.country)
    if not counts:
        return None
    country, n = counts.most_common(1)[0]
    return country if n >= 2 and n >= _HOME_SHARE * sum(counts.values()) else None


def _home_countries(doc: Doc, found: list[Candidate]) -> list[Candidate]:
    """People of the coded dictionaries take their country; people in an office of the state and
    state bodies with no country stated take the country the article is about ("Presiden
    Prabowo", "la Policía Nacional" in a Spanish story)."""
    for cand in found:
        if cand.kind == "person" and not cand.country and (known := person_known(cand.name)):
            cand.country = known.country  # the coded dictionaries know where a person belongs
    home = _home_country(doc)
    if home is None:
        return found
    for cand in found:
        if cand.country:
            continue
        person_in_office = cand.kind == "person" and state_role(cand.role, doc.language)
        if person_in_office or (
            cand.kind == "organization" and not cand.context and _state_body(doc, cand.name)
        ):
            cand.country = home
    return found


def _state_body(doc: Doc, name: str) -> bool:
    words = [norm(w) for w in name.split()]
    return any(w in doc.lex.state_bodies for w in words)


def _to_mention(text: str, cand: Candidate) -> Mention:
    return Mention(
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        id=cand.id,
        name=cand.name,
        kind=cand.kind,
        role=cand.role,
        country=cand.country,
    )
