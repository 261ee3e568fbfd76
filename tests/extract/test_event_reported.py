"""Which trigger governs a report, a wish, a passive, a participle phrase and a verb's object
(issue 10: the PETRARCH codings of the English development set).

Every sentence is written for these tests."""

from __future__ import annotations

import pytest
from event_helpers import events_of

from storyline.extract._event_lexicon import find_triggers, lexicon, tokenize


def _asserted(text: str, language: str = "en") -> list[tuple[str, str]]:
    return sorted(
        (e.type, text[e.trigger.start : e.trigger.end])
        for e in events_of(text, language)
        if e.status == "asserted"
    )


def _triggers(text: str, language: str = "en") -> list[tuple[str, str]]:
    tokens = tokenize(text, 0, len(text))
    return [(h.trigger.type, tokens[h.first].form) for h in find_triggers(lexicon(language), tokens)]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kenya said that Somalia had attacked a border post.", "en"),
        ("Peru claimed that Bolivia had bombed a village near the border.", "en"),
        ("Chile denunció que Argentina había bombardeado una aldea.", "es"),
    ],
)
def test_a_reported_attack_by_someone_else_is_the_speakers_accusation(text: str, language: str) -> None:
    accusations = [e for e in events_of(text, language) if e.type == "ACCUSE" and e.status == "asserted"]
    assert len(accusations) == 1
    assert accusations[0].source_text in ("Kenya", "Peru", "Chile")
    assert accusations[0].target_text in ("Somalia", "Bolivia", "Argentina")


@pytest.mark.parametrize(
    "text",
    [
        "Peru claimed that they had bombed a village near the border.",  # its own attack
        "Kenya and Uganda said they will attack the camp.",  # a plan
    ],
)
def test_an_own_attack_or_a_plan_is_no_accusation(text: str) -> None:
    assert not [e for e in events_of(text, "en") if e.type == "ACCUSE"]


def test_a_frame_object_lies_in_the_verbs_own_clause() -> None:
    # "said … attack" is a frame of the reporting verb; past "that" and an auxiliary it is
    # the reported clause's own verb
    assert ("ACCUSE", "said") not in _triggers("Kenya said that Somalia had attacked a post.")
    assert ("ASSAULT", "attacked") in _triggers("Kenya said that Somalia had attacked a post.")


def test_a_passive_frame_finds_its_object_before_the_verb() -> None:
    active = _triggers("Peru presented evidence against Chile.")
    passive = _triggers("Evidence against Chile was presented by Peru.")
    assert ("ACCUSE", "presented") in active and ("ACCUSE", "presented") in passive


def test_a_frames_object_is_part_of_its_event() -> None:
    # "faces pressure": one demand, not a demand and a coercion
    assert [t for t, _ in _triggers("The mayor faces pressure from the council.")] == ["REQUEST"]


def test_a_hand_listed_verb_takes_the_objects_its_dictionary_notes_for_it() -> None:
    assert _triggers("Rebels received rifles from Norway.")[0][0] == "AID"
    assert _triggers("Rebels received assurances from Norway.")[0][0] == "AGREE"
    # a phrase listed by hand still wins, and a promise's infinitive is no object
    assert _triggers("The European Union imposed sanctions on Belarus.")[0][0] == "SANCTION"
    assert _triggers("Norway pledged to expel the diplomats.")[0] == ("AGREE", "pledged")


def test_wanting_to_cooperate_is_an_agreement_and_the_help_a_plan() -> None:
    events = events_of("Norway wants to help Moldova.", "en")
    assert {(e.type, e.status) for e in events} >= {("AGREE", "asserted"), ("AID", "planned")}


def test_a_participle_phrase_before_the_main_verb_is_background() -> None:
    found = _asserted("The soldiers detained in the raid were released by Norway on Monday.")
    assert [t for t, _ in found] == ["RETREAT"]
