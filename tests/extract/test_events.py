"""Events on PLOVER: trigger lexicons, arguments, factuality, merging, and the seed acceptance."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from event_helpers import events_of

from storyline import langs
from storyline.extract.actors import extract_actors
from storyline.extract.dates import extract_times
from storyline.extract.events import extract_events
from storyline.extract.places import extract_places
from storyline.model import Mention

LANGUAGES = ("en", "es", "fr", "de", "it", "pt", "vi", "id", "nb", "ru", "tr", "ar")
JsonDoc = dict[str, Any]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_lexicon_of_plover_types(language: str) -> None:
    data = langs.load(language, "events")
    types = set(langs.load("xx", "plover")["types"])
    values = [v for table in ("verbs", "nouns") for v in data.get(table, {}).values() if v]
    assert len(values) >= 25
    assert {v.split("/")[0] for v in values} <= types
    assert any(v.startswith("CONSULT/meet") for v in values)


def test_verb_gives_source_target_place_and_date() -> None:
    (event,) = events_of("Vladimir Putin met Xi Jinping in Beijing on 12 October.")
    assert (event.type, event.mode, event.status) == ("CONSULT", "meet", "asserted")
    assert event.source_text == "Vladimir Putin" and event.target_text == "Xi Jinping"
    assert event.date == "2024-10-12"
    assert event.place is not None and event.place.startswith("city:")


def test_a_verb_form_is_no_noun_trigger_and_a_labour_strike_is_a_protest() -> None:
    """ "called the government fascist" is no phone call (the noun "call" does not match "called");
    workers who "went on strike" protest, they do not attack; "a call" and "calls" stay calls."""
    text = "The opposition leader Pablo Iglesias called the government fascist in Madrid on Wednesday."
    assert not [e for e in events_of(text) if e.type == "CONSULT"]
    text = "Workers at the Boeing plant in Seattle went on strike on Friday."
    assert [e.type for e in events_of(text)] == ["PROTEST"]
    text = "Joe Biden held a phone call with Xi Jinping on Friday."
    assert [(e.type, e.mode) for e in events_of(text)] == [("CONSULT", "call")]


def test_country_is_an_actor_and_passive_swaps_roles() -> None:
    (active,) = events_of("Russia attacked Ukraine on Monday.")
    assert (active.type, active.source, active.target) == ("ASSAULT", "country:RU", "country:UA")
    (passive,) = events_of("Ukraine was attacked by Russia.")
    assert (passive.source, passive.target) == ("country:RU", "country:UA")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Emmanuel Macron will meet Olaf Scholz next week.", "planned"),
        ("Emmanuel Macron may visit Germany.", "hypothetical"),
        ("Emmanuel Macron did not meet Olaf Scholz.", "negated"),
        ("Emmanuel Macron denied meeting Olaf Scholz.", "negated"),
        ("Emmanuel Macron agreed to meet Olaf Scholz.", "planned"),
        ("Emmanuel Macron met Olaf Scholz.", "asserted"),
    ],
)
def test_factuality(text: str, status: str) -> None:
    consult = [e for e in events_of(text) if e.type == "CONSULT"]
    assert [e.status for e in consult] == [status]


def test_future_tense_ending_is_planned_in_spanish() -> None:
    (event,) = [e for e in events_of("Pedro Sánchez visitará Marruecos.", "es") if e.type == "CONSULT"]
    assert event.status == "planned"


def test_anaphoric_mention_merges_and_caption_date_conflict_warns() -> None:
    text = (
        "Emmanuel Macron met Olaf Scholz in Berlin on 12 October.\n"
        "Emmanuel Macron meets Olaf Scholz in Berlin on 11 October. Photo: Reuters\n"
        "The meeting lasted two hours."
    )
    times = extract_times(text, language="en", published=dt.date(2024, 10, 14))
    places = extract_places(text, language="en")
    actors = extract_actors(text, language="en", places=places)
    found, warnings = extract_events(
        text, language="en", published=dt.date(2024, 10, 14), actors=actors, places=places, times=times
    )
    assert [(e.type, e.mode, e.date) for e in found] == [("CONSULT", "meet", "2024-10-12")]
    assert found[0].trigger.start < text.index("\n")  # the body mention, not the caption
    assert len(warnings) == 1
    assert "2024-10-11 (caption) vs 2024-10-12" in warnings[0] and "CONSULT/meet" in warnings[0]


def test_event_without_participants_is_not_reported() -> None:
    assert events_of("The meeting lasted two hours.") == []


def test_language_without_lexicon_gives_nothing() -> None:
    assert extract_events(
        "Anything at all.", language="zz", published=None, actors=(), places=(), times=()
    ) == (
        (),
        (),
    )


# --- acceptance on the real seeds, through the CLI ---------------------------


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> dict[str, JsonDoc]:
    from click.testing import CliRunner

    from storyline.cli import cli

    paths = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    result = CliRunner().invoke(cli, ["analyze", *paths, "--format", "jsonl"], catch_exceptions=False)
    assert result.exit_code == 0
    return {Path(d["source_path"]).name[:3]: d for d in map(json.loads, result.stdout.splitlines())}


def _find(doc: JsonDoc, mode: str, *names: str) -> list[JsonDoc]:
    by_id = {a["id"]: a["name"] for a in doc["actors"]}
    out = []
    for e in doc["events"]:
        if (e["type"], e["mode"], e["status"]) != ("CONSULT", mode, "asserted"):
            continue
        who = " ".join(
            filter(
                None,
                (
                    by_id.get(e["source"] or ""),
                    by_id.get(e["target"] or ""),
                    e["source_text"],
                    e["target_text"],
                    e["target"],
                ),
            )
        )
        if all(n in who for n in names):
            out.append(e)
    return out


def test_seed_001_call(seeds: dict[str, JsonDoc]) -> None:
    (call,) = _find(seeds["001"], "call", "Belousov", "Austin")
    assert call["date"] == "2024-06-25"


def test_seed_002_visit_and_meeting(seeds: dict[str, JsonDoc]) -> None:
    doc = seeds["002"]
    (visit,) = _find(doc, "visit", "Belousov")
    places = {p["id"]: p["name"] for p in doc["places"]}
    assert places[visit["place"]] == "Beijing" and visit["target"] == "country:CN"
    (meeting,) = _find(doc, "meet", "Belousov", "Dong Jun")
    assert visit["date"] == meeting["date"] == "2024-10-14"


def test_seed_003_visit(seeds: dict[str, JsonDoc]) -> None:
    (visit,) = _find(seeds["003"], "visit", "Belousov", "country:KP")
    assert visit["date"] == "2024-11-29"


def test_seed_004_meeting(seeds: dict[str, JsonDoc]) -> None:
    (meeting,) = _find(seeds["004"], "meet", "Kim Jong-un", "Belousov")
    assert meeting["date"] == "--11-30"


def test_seed_000_meeting_with_date_warning(seeds: dict[str, JsonDoc]) -> None:
    doc = seeds["000"]
    (meeting,) = _find(doc, "meet", "Putin", "Pezeshkian")
    assert {p["id"]: p["name"] for p in doc["places"]}[meeting["place"]] == "Ashgabat"
    assert meeting["date"] == "--10-12"
    assert any("Putin" in w and "--10-11 (caption)" in w and "--10-12" in w for w in doc["warnings"])


@pytest.mark.parametrize("seed", ["001", "003"])
def test_no_event_from_teaser_lists(seeds: dict[str, JsonDoc], seed: str) -> None:
    doc = seeds[seed]
    body_end = len(doc["text"])
    assert all(e["sentence"]["end"] <= body_end for e in doc["events"])
    teasers = [r["text"] for r in doc["removed"]]
    for e in doc["events"]:
        sentence = doc["text"][e["sentence"]["start"] : e["sentence"]["end"]]
        assert not any(sentence and sentence in t for t in teasers)


# --- headlines, parentheticals, nested organisations, English coverage ------------


def _events_of(text: str, language: str = "en") -> list[tuple[str, str | None, str | None]]:
    from storyline.extract.places import extract_places

    places = extract_places(text, language=language)
    found = extract_actors(text, language=language, places=places)
    events, _ = extract_events(text, language=language, published=None, actors=found, places=places, times=())
    return [(e.type, e.source_text, e.target_text) for e in events if e.status == "asserted"]


def test_headline_alone_yields_no_event() -> None:
    text = (
        "Allies call Ukraine's bid irreversible at summit\n\nThe weather in Washington was warm on Tuesday."
    )
    assert _events_of(text) == []


def test_headline_joins_the_body_event() -> None:
    text = "Russia attacks Ukraine\n\nRussia attacked Ukraine on Tuesday, officials said."
    assert [e[0] for e in _events_of(text)] == ["ASSAULT"]


def test_wrapped_prose_is_not_a_headline() -> None:
    text = "Israel on Wednesday released the mayor of the\ncity, officials said."
    assert [e[0] for e in _events_of(text)] == ["RETREAT"]


def test_parenthetical_keeps_the_subject() -> None:
    text = "Ukrainian President Volodymyr Zelensky, in Washington for the talks, urged Germany to act."
    requests = [e for e in _events_of(text) if e[0] == "REQUEST"]
    assert [(e[1] or "").endswith("Volodymyr Zelensky") and e[2] for e in requests] == ["Germany"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Syrian rebels engaged Filipino peacekeepers in a firefight on Saturday.", "ASSAULT"),
        ("Insurgents bombarded a government-held part of Aleppo overnight.", "ASSAULT"),
        ("Ukraine ratified a sweeping agreement with the European Union.", "SUPPORT"),
        ("A report alleged that France was aware of the plans.", "ACCUSE"),
        ("Russia is conducting military exercises near Finland.", "MOBILIZE"),
        ("The United States helped Egypt with food.", "AID"),
    ],
)
def test_english_trigger_coverage(text: str, kind: str) -> None:
    assert kind in {e[0] for e in _events_of(text)}


def test_press_conference_is_no_meeting() -> None:
    assert _events_of("Joe Biden spoke to Germany at a press conference on Monday.") == []


def _people(text: str, *names: str) -> list[Mention]:
    return [Mention(text.index(n), text.index(n) + len(n), n, f"person:{n}", n, "person") for n in names]


def test_chinese_triggers_match_characters_in_a_run() -> None:
    """Chinese writes no spaces: a trigger is found inside a run of characters, and 与 coordinates."""
    from storyline.extract._event_lexicon import phrase_words, tokenize

    text = "普京与金正恩在平壤举行会谈。"
    assert [t.form for t in tokenize(text, 0, 4)] == ["普", "京", "与", "金"]
    assert phrase_words("会谈") == ("会", "谈")
    events, _ = extract_events(
        text, language="zh", published=None, actors=_people(text, "普京", "金正恩"), places=(), times=()
    )
    [event] = events
    assert (event.type, event.mode, event.source, event.target) == (
        "CONSULT",
        "meet",
        "person:普京",
        "person:金正恩",
    )


@pytest.mark.parametrize(
    ("language", "text", "first", "second"),
    [
        ("ja", "石破茂首相はトランプ氏と電話会談した。", "石破茂", "トランプ"),
        ("ko", "윤석열 대통령은 트럼프 당선인과 전화 통화를 했다.", "윤석열", "트럼프"),
    ],
)
def test_verb_final_languages_take_both_participants_before_the_verb(
    language: str, text: str, first: str, second: str
) -> None:
    """Subject-object-verb order (``verb_final`` in events.toml): the subject first, then the other party."""
    events, _ = extract_events(
        text, language=language, published=None, actors=_people(text, first, second), places=(), times=()
    )
    [event] = [e for e in events if e.type == "CONSULT"]
    assert (event.mode, event.source, event.target) == ("call", f"person:{first}", f"person:{second}")


@pytest.mark.parametrize(
    ("text", "reported", "not_reported"),
    [
        # The noun is what the verb acts on: one event, the verb's.
        ("The prosecutor in Lyon ordered an investigation into Thomas Weber on Monday.", "REQUEST", "ACCUSE"),
        ("Germany agreed to lift the sanctions on Belarus on Monday.", "RETREAT", "SANCTION"),
        # After a support verb the noun is the event.
        (
            "A court in Lyon issued arrest warrants for Thomas Weber and Anna Roth on Monday.",
            "COERCE",
            "REQUEST",
        ),
    ],
)
def test_an_event_noun_that_is_a_verbs_object_is_one_event(
    text: str, reported: str, not_reported: str
) -> None:
    types = {e.type for e in events_of(text)}
    assert reported in types
    assert not_reported not in types
