"""Organisations named by a bare capitalised run (see :mod:`storyline.extract.actors`): a run with
an organisation word or an inflected organisation noun, one compounded with an organisation noun
("Arbeiderpartiet"), or a body's common noun with the name after it ("le comité Nobel")."""

from __future__ import annotations

from storyline.extract._actor_doc import Candidate, Doc, Token, country_next_to
from storyline.extract._actor_known import person_known
from storyline.extract._actor_lexicon import known_orgs, norm, org_form_matches
from storyline.extract.morph import base_org, lemmas
from storyline.extract.names import actor_key

_COMPOUND_LEFT = 3  # letters before an organisation ending: "Partiet" alone is no compound


def org_compound(doc: Doc, words: list[str]) -> bool:
    """A word compounded with an organisation noun ("arbeiderpartiet", "linkspartei")."""
    endings = doc.lex.org_endings
    return bool(endings) and any(
        w.endswith(endings) and len(w) - _longest(w, endings) >= _COMPOUND_LEFT for w in words
    )


def _longest(word: str, endings: tuple[str, ...]) -> int:
    return max(len(e) for e in endings if word.endswith(e))


def org_lemma(doc: Doc, run: list[Token]) -> bool:
    """An inflected organisation noun in the run ("Раді Безпеки", "Сенатом" mid-sentence)."""
    heads = doc.lex.org_lemmas if len(run) > 1 else doc.lex.single_org_lemmas
    if not heads or (len(run) == 1 and doc.sentence_initial(run[0].start)):
        return False
    return any(lemmas(tok.text, doc.language) & heads for tok in run)


def organisation_run(doc: Doc, run: list[Token]) -> Candidate:
    """An organisation named by a capitalised run, in its base form ("Раді Безпеки" → "Рада
    Безпеки"), with the id of the known organisation that base form names, if any."""
    written = " ".join(tok.text for tok in run)
    name = base_org(written, doc.language, doc.lex.org_lemmas | doc.lex.single_org_lemmas)
    doc.claim(run[0].start, run[-1].end)
    known = next(
        (org for form, org in known_orgs()[0].get(norm(name), ()) if org_form_matches(form, name)), None
    )
    if known is not None:
        return Candidate(
            run[0].start, run[-1].end, known.name, "organization", known.id, known.role, known.country
        )
    place, _ = country_next_to(doc, run[0].start, run[-1].end)  # "Den norske Nobelkomiteen"
    country = place.country if place else None
    return Candidate(
        run[0].start, run[-1].end, name, "organization", actor_key(name, kind="organization"), country=country
    )


def named_body(doc: Doc, run: list[Token]) -> Candidate | None:
    """A body's common noun and the name after it, one organisation: "le comité Nobel
    norvégien" (``chaired_bodies``), with the country next to it.  Nouns that describe a named
    organisation (``org_nouns``: "l'organisation Nihon Hidankyo") stand before its whole name."""
    at = doc.at[run[0].start]
    if at == 0 or len(run) > 2:
        return None
    body = doc.tokens[at - 1]
    noun = norm(body.text)
    if not (
        body.text.islower()
        and noun in doc.lex.chaired_bodies
        and noun not in doc.lex.org_nouns
        and doc.text[body.end : run[0].start] == " "
    ):
        return None
    if not doc.free(body.start, run[-1].end) or person_known(" ".join(t.text for t in run)):
        return None
    name = doc.text[body.start : run[-1].end]
    doc.claim(body.start, run[-1].end)
    place, _ = country_next_to(doc, body.start, run[-1].end)
    if place is not None and doc.free(place.start, place.end):
        doc.claim(place.start, place.end)  # the body's country, not a country acting
    return Candidate(
        body.start,
        run[-1].end,
        name,
        "organization",
        actor_key(name, kind="organization"),
        country=place.country if place else None,
    )
