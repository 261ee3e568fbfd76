"""The event evaluator: CAMEO→PLOVER crosswalk, validation-file reading, scoring and the dev floors."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from storyline.evaluate.events import (
    cameo_to_plover,
    evaluate_events_dev,
    evaluate_events_gold,
    read_dev,
    token_f1,
)
from storyline.evaluate.events_dev import run_events_dev
from storyline.evaluate.gold import GoldSet
from storyline.evaluate.runner import SETS, apply_floors
from storyline.model import Article, ArticleResult, Event, Mention, Span
from storyline.progress import NoProgress

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev" / "events"

# Written for this test in the format of the UniversalPetrarch files: one sentence
# with children (Spanish style), one self-closed sentence followed by its parts
# (English style), and one sentence with no event.
_XML = """<?xml version='1.0' encoding='utf-8'?>
<Validation><Sentences>
<Sentence date="20200102" id="a1">
<EventText eid="0" eventtext="atacaron" sourcetext="Hombres armados" targettext="patrulla" />
<EventCoding eid="0" eventcode="190_use_conventional_military_force" sourcecode="X" targetcode="Y" />
<Text>
20200102\t20200102_X | Hombres armados atacaron una patrulla de la Policia en el municipio .
</Text>
</Sentence>
<Sentence date="20200103" id="a2"/>
<EventCoding eventcode="042" sourcecode="FRA" targetcode="DEU" />
<Text>
Emmanuel Macron visited Germany.
</Text>
<Parse>1 x</Parse></Sentence>
<Sentence date="121108" id="a3"/>
<EventCoding noevents="True" />
<Text>
The weather was fine.
</Text>
</Sentence>
</Sentences></Validation>
"""


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("190_use_conventional_military_force", "ASSAULT"),
        ("042", "CONSULT"),
        ("0841", "RETREAT"),
        ("083", "CONCEDE"),
        ("1712", "ASSAULT"),
        ("171", "COERCE"),
        ("1014", "REQUEST"),
        ("111", "ACCUSE"),
        ("010", None),
        ("020", None),
        ("", None),
    ],
)
def test_crosswalk(code: str, plover: str | None) -> None:
    assert cameo_to_plover(code) == plover


def test_read_dev_handles_both_layouts(tmp_path: Path) -> None:
    path = tmp_path / "v.xml"
    path.write_text(_XML, encoding="utf-8")
    sentences = read_dev(path)
    assert [s.id for s in sentences] == ["a1", "a2", "a3"]
    assert sentences[0].text.startswith("Hombres armados") and sentences[0].date == dt.date(2020, 1, 2)
    assert sentences[0].gold == (("ASSAULT", "Hombres armados", "patrulla"),)
    assert sentences[1].gold == (("CONSULT", None, None),)
    assert sentences[2].gold == () and sentences[2].date is None


def test_dev_scores_count_empty_sentences_for_precision(tmp_path: Path) -> None:
    path = tmp_path / "v.xml"
    path.write_text(_XML, encoding="utf-8")
    scores = {s.metric: s for s in evaluate_events_dev(path, "es") if s.task == "events"}
    assert scores["recall"].support == 2
    assert 0.0 <= scores["precision"].value <= 1.0
    assert scores["source_agreement"].support <= 1


def test_token_f1() -> None:
    assert token_f1("Guerrilleros de las FARC", "guerrilleros de las farc") == 1.0
    assert token_f1("FARC EP", "Guerrilleros del Frente 13 de las FARC EP") == pytest.approx(
        2 * 1 * (2 / 8) / (1 + 2 / 8)
    )
    assert token_f1(None, "x") == 0.0


def _result(events: tuple[Event, ...]) -> ArticleResult:
    article = Article(id="a", source_path="a.txt", digest="d", raw_text="", text="x" * 100)
    putin = Mention(0, 5, "Putin", "person:putin", "Vladimir Putin", "person")
    xi = Mention(10, 12, "Xi", "person:xi", "Xi Jinping", "person")
    return ArticleResult(article=article, actors=(putin, xi), events=events)


def test_gold_scoring_matches_type_participants_and_date() -> None:
    meet = Event(
        "CONSULT",
        "meet",
        "person:putin",
        "person:xi",
        "Putin",
        "Xi",
        None,
        "2024-10-12",
        Span(6, 9),
        Span(0, 20),
    )
    planned = dataclasses.replace(meet, type="AGREE", status="planned")
    gold = GoldSet(
        "g",
        Path(),
        [
            {
                "file": "a.txt",
                "events": [
                    {
                        "type": "CONSULT",
                        "mode": "meet",
                        "source": "Vladimir Putin",
                        "target": "Xi Jinping",
                        "date": "2024-10-13",
                    },
                    {"type": "ASSAULT", "source": "Xi Jinping"},
                ],
            },
        ],
    )
    scores = {s.metric: s.value for s in evaluate_events_gold(gold, {"a.txt": _result((meet, planned))})}
    assert scores["precision"] == 1.0 and scores["recall"] == 0.5
    assert scores["date_accuracy"] == 0.0


def test_gold_without_events_gives_no_scores() -> None:
    gold = GoldSet("g", Path(), [{"file": "a.txt"}])
    assert evaluate_events_gold(gold, {"a.txt": _result(())}) == []


@pytest.mark.parametrize(
    ("name", "lang"),
    [("spanish_fight_reduced_181227v2_validation.xml", "es"), ("PETR2_GSR_validation.xml", "en")],
)
def test_dev_sets_hold_their_floors(name: str, lang: str) -> None:
    path = DEV / name
    if not path.is_file():
        pytest.skip(f"event validation file not found at {path}")
    result = run_events_dev(path, lang, NoProgress(), k=SETS[f"events-{lang}"].k)
    scores = [s for s in apply_floors(result.scores) if s.headline]
    assert all(s.floor is not None for s in scores if s.metric in ("precision", "recall", "f1"))
    assert [s.key for s in scores if not s.ok] == []
    assert {s.split for s in result.scores} == {"held-out", "train"}


_SYMMETRIC = """<?xml version='1.0' encoding='utf-8'?>
<Validation><Sentences>
<Sentence date="20200103" id="s1"/>
<EventCoding eventcode="040" sourcecode="FRA" targetcode="DEU" />
<EventCoding eventcode="040" sourcecode="DEU" targetcode="FRA" />
<EventCoding eventcode="190" sourcecode="FRA" targetcode="DEU" />
<EventCoding eventcode="190" sourcecode="DEU" targetcode="FRA" />
<Text>
Emmanuel Macron met Olaf Scholz in Berlin.
</Text>
</Sentence>
</Sentences></Validation>
"""


def test_a_symmetric_event_coded_in_both_directions_counts_once(tmp_path: Path) -> None:
    path = tmp_path / "s.xml"
    path.write_text(_SYMMETRIC, encoding="utf-8")
    (sentence,) = read_dev(path)
    # CONSULT between the same two actors is one event; directed types keep both directions
    assert sorted(g[0] for g in sentence.gold) == ["ASSAULT", "ASSAULT", "CONSULT"]
