"""Who a trigger's clause is about (pronouns, distant subjects, locative countries), appositions,
what a call or a promise leaves unreal, and one event per meeting (issue 10).

Every sentence is written for these tests; each rule is checked in more than one language."""

from __future__ import annotations

import pytest
from event_helpers import events_of

from storyline.model import Event


def _asserted(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.type == kind and e.status == "asserted"]


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        (
            "Narendra Modi spoke to farmers in Delhi on Monday.\n\nHe pledged to fight corruption.",
            "en",
            "AGREE",
        ),
        (
            "Joko Widodo berbicara di Surabaya pada hari Senin.\n\nIa juga berjanji memberantas korupsi.",
            "id",
            "AGREE",
        ),
        ("Emmanuel Macron a parlé lundi à Lyon.\n\nIl a salué le travail des pompiers.", "fr", "SUPPORT"),
    ],
)
def test_a_pronoun_subject_is_the_person_named_before(text: str, language: str, kind: str) -> None:
    (event,) = _asserted(events_of(text, language), kind)
    assert event.source is not None and event.source.startswith("person:")
    assert event.source_text in ("Narendra Modi", "Joko Widodo", "Emmanuel Macron")


def test_a_pronoun_with_nobody_named_before_gives_no_event() -> None:
    assert not _asserted(events_of("He pledged to fight corruption.", "en"), "AGREE")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Joe Biden called for a ceasefire in Gaza and Lebanon on Monday.", "en"),
        ("Joe Biden pidió el lunes un alto el fuego en Gaza y en el Líbano.", "es"),
        ("Joe Biden kêu gọi ngừng bắn tại Dải Gaza và Liban.", "vi"),
    ],
)
def test_a_country_after_a_locative_word_is_a_place_not_a_participant(text: str, language: str) -> None:
    (event,) = _asserted(events_of(text, language), "REQUEST")
    assert event.source_text == "Joe Biden"
    assert event.target != "country:LB"


def test_a_country_object_is_still_a_participant() -> None:
    (event,) = _asserted(events_of("Russia attacked Ukraine in the night of Monday.", "en"), "ASSAULT")
    assert (event.source, event.target) == ("country:RU", "country:UA")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The foreign ministers of NATO adopted on Monday, at a meeting in Rome, a statement that "
            "demands a ceasefire.",
            "en",
        ),
        (
            "Los ministros de la OTAN aprobaron el lunes, en una reunión en Roma, una declaración que "
            "exige un alto el fuego.",
            "es",
        ),
    ],
)
def test_the_subject_before_a_parenthetical_is_the_source(text: str, language: str) -> None:
    (event,) = _asserted(events_of(text, language), "REQUEST")
    assert event.source == "org:nato"


@pytest.mark.parametrize(
    ("text", "language", "kind", "content"),
    [
        ("Brazil called for a ceasefire on Monday.", "en", "REQUEST", "RETREAT"),
        ("The European Union pledged military aid to Ukraine on Monday.", "en", "AGREE", "AID"),
        ("O Brasil pediu um cessar-fogo na segunda-feira.", "pt", "REQUEST", "RETREAT"),
    ],
)
def test_what_a_call_or_a_promise_is_about_has_not_happened(
    text: str, language: str, kind: str, content: str
) -> None:
    events = events_of(text, language)
    assert _asserted(events, kind)
    assert not _asserted(events, content)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Amnesty International, a group founded after the arrest of two students, praised the ruling "
            "on Monday.",
            "en",
        ),
        (
            "Amnesty International, une organisation née après l'arrestation de deux étudiants, a salué "
            "lundi la décision.",
            "fr",
        ),
    ],
)
def test_a_trigger_in_an_apposition_describes_the_actor(text: str, language: str) -> None:
    events = events_of(text, language)
    assert _asserted(events, "SUPPORT")
    assert not _asserted(events, "COERCE")


def test_one_event_per_meeting_but_two_bilateral_talks_stay_two() -> None:
    text = (
        "The G20 summit opened in Rio de Janeiro on Monday.\n\n"
        "At his last summit as president, Joe Biden announced a new fund for the poorest countries."
    )
    assert len([e for e in events_of(text, "en") if e.type == "CONSULT"]) == 1
    text = (
        "Joe Biden held talks with Xi Jinping on Monday.\n\n"
        "Emmanuel Macron held talks with Narendra Modi on Tuesday."
    )
    assert len([e for e in events_of(text, "en") if e.type == "CONSULT"]) == 2


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Vladimir Putin and Xi Jinping congratulated Narendra Modi on Monday.", "en"),
        ("Vladimir Putin y Xi Jinping elogiaron el lunes a Narendra Modi.", "es"),
    ],
)
def test_two_subjects_of_a_directed_act_are_two_acts_on_the_object(text: str, language: str) -> None:
    events = _asserted(events_of(text, language), "SUPPORT")
    assert sorted(e.source_text or "" for e in events) == ["Vladimir Putin", "Xi Jinping"]
    assert {e.target_text for e in events} == {"Narendra Modi"}


def test_two_subjects_who_meet_are_one_meeting() -> None:
    (event,) = _asserted(events_of("Vladimir Putin and Xi Jinping met in Kazan on Monday.", "en"), "CONSULT")
    assert {event.source_text, event.target_text} == {"Vladimir Putin", "Xi Jinping"}


@pytest.mark.parametrize(
    ("text", "language", "status"),
    [
        ("Russia claimed that Ukraine attacked a power plant in Belgorod on Monday.", "en", "hypothetical"),
        ("Rusia alegó que Ucrania atacó una central eléctrica en Bélgorod el lunes.", "es", "hypothetical"),
        ("Ukraine attacked a power plant in Belgorod on Monday.", "en", "asserted"),
    ],
)
def test_what_a_claim_says_happened_is_alleged_not_asserted(text: str, language: str, status: str) -> None:
    assert [e.status for e in events_of(text, language) if e.type == "ASSAULT"] == [status]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Volodymyr Zelensky congratulated Donald Trump on Wednesday.\n\nHe pledged to work with him.", "en"),
        ("Volodymyr Zelensky a félicité Donald Trump mercredi.\n\nIl a salué sa victoire.", "fr"),
    ],
)
def test_a_pronoun_takes_the_subject_of_the_sentence_before(text: str, language: str) -> None:
    events = [e for e in events_of(text, language) if e.sentence.start > text.index("\n\n")]
    assert events and {e.source_text for e in events} == {"Volodymyr Zelensky"}


def test_the_speaker_is_not_the_subject_of_what_is_said() -> None:
    text = (
        "Vladimir Putin said on Monday that trade with India is growing, and that the two countries "
        "cooperate closely on energy."
    )
    assert all(e.source_text != "Vladimir Putin" for e in events_of(text, "en") if e.type == "COOPERATE")


def test_a_meeting_noun_with_a_date_of_its_own_is_another_meeting() -> None:
    text = (
        "The G20 summit opened in Rio de Janeiro on Monday.\n\n"
        "Donald Trump's last summit, in Osaka in June 2019, was calmer."
    )
    assert len([e for e in events_of(text, "en") if e.type == "CONSULT"]) == 2
