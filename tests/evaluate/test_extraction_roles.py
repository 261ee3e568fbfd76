"""Role scoring: a gold role counts as the office the English role table names it by."""

from __future__ import annotations

from storyline.evaluate.extraction import canonical_role, same_attribute


def test_a_gold_title_is_read_as_its_canonical_office() -> None:
    assert canonical_role("secretary of state") == "foreign minister"
    assert canonical_role("former secretary of state") == "former foreign minister"
    assert canonical_role("spokesman") == "spokesperson"
    assert canonical_role("judoka") == "judoka"  # not in the table: itself


def test_roles_compare_as_offices_and_countries_exactly() -> None:
    assert same_attribute("role", "secretary of state", "foreign minister")
    assert same_attribute("role", "president", "president")
    assert not same_attribute("role", "former president", "president")  # a past office is another role
    assert not same_attribute("role", "chair", "leader")
    assert not same_attribute("role", "president", None)
    assert same_attribute("country", "US", "US")
    assert not same_attribute("country", "US", None)


def test_a_claim_speaker_matches_an_organisation_by_its_own_wording() -> None:
    from storyline.evaluate.extraction import _right_speaker
    from storyline.model import Claim, Span, Speaker

    doc = {"actors": [{"name": "Elections Board", "text": "Dewan Pemilu", "kind": "organization"}]}
    gold = {"speakers": ["Elections Board"]}
    assert _right_speaker(doc, gold, Claim((Speaker("org:dewanpemilu", "Dewan Pemilu"),), Span(0, 1)))
    assert not _right_speaker(doc, gold, Claim((Speaker("person:x", "Budi Santoso"),), Span(0, 1)))
    assert not _right_speaker(doc, gold, Claim((), Span(0, 1)))
    unnamed = {"actors": [{"text": "Dewan Pemilu"}]}  # a gold actor with only its wording
    assert _right_speaker(unnamed, gold, Claim((Speaker("org:x", "Elections Board"),), Span(0, 1)))


def test_a_person_in_another_script_matches_by_the_articles_wording_only() -> None:
    from storyline.evaluate.extraction import _same_actor

    gold = {"name": "Yuri Ushakov", "text": "Помощник президента Юрий Ушаков", "kind": "person"}
    assert _same_actor(gold, "Юрий Ушаков")  # the article's own script
    assert not _same_actor(gold, "Сергей Лавров")
    # A Latin name is held to the gold name: the wording's title words do not make it match.
    wording = "La cheffe de file des députés RN, Marine Le Pen"
    latin = {"name": "Marine Le Pen", "text": wording, "kind": "person"}
    assert not _same_actor(latin, "La Cheffe")
    assert _same_actor(latin, "Marine Le Pen")
