"""Well-formedness of the independent gold annotation of the five seed articles.

``seeds.gold.json`` is what the cleaner and the extractors are measured
against, so a wrong line number or a snippet that is not in the article would
silently distort every score.  These tests pin the annotation to the raw
files in ``<repo>/../shared/corpus/seeds``; they check the gold, not the
pipeline.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
import pytest
from gold_schema import check_events

GOLD = Path(__file__).resolve().with_name("seeds.gold.json")
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "seeds"

if not SEEDS.is_dir():
    pytest.skip(
        f"seed corpus not found at {SEEDS} (needs the shared folder next to the repo)",
        allow_module_level=True,
    )

# ISO 8601 dates and the partial forms the contract allows: 2024, 2024-06,
# 2024-06-25, and --06 / --11-30 when the year is unknown.
ISO_PARTIAL = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PLACE_KINDS = {"country", "city", "region"}
ACTOR_KINDS = {"person", "organization"}
DOC_KEYS = {
    "file",
    "language",
    "url",
    "published",
    "title",
    "boilerplate",
    "body",
    "without",
    "times",
    "places",
    "actors",
    "claims",
    "events",
    "story",
}


@dataclass(frozen=True)
class Seed:
    """One seed file split into the lines the gold calls junk and the rest."""

    gold: dict[str, Any]
    lines: list[str]

    @property
    def junk_numbers(self) -> set[int]:
        return {b["line"] for b in self.gold["boilerplate"]}

    @property
    def body_lines(self) -> list[str]:
        """Every non-blank line not marked as boilerplate (title included)."""
        return [ln for n, ln in enumerate(self.lines, 1) if ln.strip() and n not in self.junk_numbers]

    @property
    def junk_text(self) -> str:
        return "\n".join(self.lines[n - 1] for n in sorted(self.junk_numbers))

    @property
    def body_text(self) -> str:
        return "\n".join(self.body_lines)


def _load_gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


def _seeds() -> list[Seed]:
    return [
        Seed(doc, (SEEDS / doc["file"]).read_text(encoding="utf-8").splitlines())
        for doc in _load_gold()["documents"]
    ]


def _ids(seeds: list[Seed]) -> list[str]:
    return [s.gold["file"] for s in seeds]


SEED_DOCS = _seeds()


def _valid_partial_date(value: str) -> bool:
    """True for a well-formed ISO date or partial date with a real month and day."""
    if not ISO_PARTIAL.fullmatch(value):
        return False
    # 2000 is a leap year, so --02-29 stays valid when the year is unknown.
    full = "2000" + value[1:] if value.startswith("--") else value
    year, month, day = ([*full.split("-"), "01", "01"])[:3]
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _as_token(text: str, haystack: str) -> bool:
    """True if ``text`` occurs in ``haystack`` not glued to a longer word."""
    return re.search(rf"(?<!\w){re.escape(text)}(?!\w)", haystack) is not None


def test_gold_covers_every_seed_file_once() -> None:
    gold = _load_gold()
    assert gold["corpus"] == "seeds"
    files = [d["file"] for d in gold["documents"]]
    assert len(files) == len(set(files))
    assert set(files) == {p.name for p in SEEDS.glob("*.txt")}


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_document_header(seed: Seed) -> None:
    doc = seed.gold
    assert set(doc) == DOC_KEYS
    assert doc["language"] in {"id", "vi", "nb", "pt"}
    assert doc["published"] is None or ISO_DAY.fullmatch(doc["published"])
    if doc["url"] is not None:
        # The URL comes from a source line, which is therefore junk.
        assert doc["url"].startswith("http")
        assert doc["url"] in seed.junk_text
    if doc["title"] is not None:
        stripped = [ln.strip() for ln in seed.body_lines]
        assert doc["title"] in stripped, "the headline line must exist and not be boilerplate"


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_boilerplate_lines_match_raw_file(seed: Seed) -> None:
    numbers = [b["line"] for b in seed.gold["boilerplate"]]
    assert numbers == sorted(set(numbers)), "line numbers must be unique and ascending"
    for item in seed.gold["boilerplate"]:
        assert 1 <= item["line"] <= len(seed.lines)
        raw = seed.lines[item["line"] - 1].strip()
        assert raw, f"line {item['line']} is blank"
        assert item["text"] == raw, f"line {item['line']}"


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_body_snippets_cover_every_body_line(seed: Seed) -> None:
    snippets: list[str] = seed.gold["body"]
    for snippet in snippets:
        assert 5 <= len(snippet.split()) <= 12, snippet
        assert snippet in seed.body_text, snippet
    for line in seed.body_lines:
        if line.strip() == seed.gold["title"]:
            continue
        assert any(s in line for s in snippets), f"no body snippet for line: {line[:60]!r}"


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_without_snippets_are_junk_only(seed: Seed) -> None:
    assert seed.gold["without"], "every seed has some junk to keep out"
    for snippet in seed.gold["without"]:
        assert snippet in seed.junk_text, snippet
        assert snippet not in seed.body_text, snippet


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_times_are_in_body_with_iso_values(seed: Seed) -> None:
    for t in seed.gold["times"]:
        assert _as_token(t["text"], seed.body_text), t["text"]
        assert _valid_partial_date(t["value"]), t
        # A value with a year needs a year in the text or a publication date to come from.
        if not t["value"].startswith("--") and seed.gold["published"] is None:
            assert re.search(r"\d{4}", seed.body_text), t


def _check_country(code: str | None) -> None:
    assert code is None or pycountry.countries.get(alpha_2=code) is not None, code


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_places_are_in_body(seed: Seed) -> None:
    texts = [p["text"] for p in seed.gold["places"]]
    assert len(texts) == len(set(texts)), "one entry per surface form"
    for p in seed.gold["places"]:
        assert set(p) == {"text", "name", "kind", "country"}
        assert _as_token(p["text"], seed.body_text), p["text"]
        assert p["kind"] in PLACE_KINDS and p["name"]
        _check_country(p["country"])
        if p["kind"] != "region":
            assert p["country"] is not None, p


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_actors_are_in_body(seed: Seed) -> None:
    names = [a["name"] for a in seed.gold["actors"]]
    assert len(names) == len(set(names)), "one entry per distinct actor"
    for a in seed.gold["actors"]:
        assert set(a) == {"text", "name", "kind", "role", "country"}
        assert _as_token(a["text"], seed.body_text), a["text"]
        assert a["kind"] in ACTOR_KINDS and a["name"]
        assert a["role"] is None or isinstance(a["role"], str)
        _check_country(a["country"])


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_claims_quote_the_body(seed: Seed) -> None:
    actor_names = {a["name"] for a in seed.gold["actors"]}
    for c in seed.gold["claims"]:
        assert c["speakers"] and all(isinstance(s, str) and s for s in c["speakers"])
        assert c["contains"] in seed.body_text, c["contains"]
        assert all(isinstance(n, int | float) and not isinstance(n, bool) for n in c["numbers"])
        # The innermost speaker is usually a listed actor; the exceptions are
        # collective or unnamed speakers, which must then be explained or be plain words.
        if c["speakers"][-1] not in actor_names:
            assert c["speakers"][-1][0].isupper() or c["speakers"][-1].startswith("unnamed"), c
    # A chain of length > 1 names the outlet or agency first, so it must be an actor.
    for c in seed.gold["claims"]:
        for outer in c["speakers"][:-1]:
            assert outer in actor_names, c


def _event_names(seed: Seed) -> set[str]:
    """Who may be an event's source or target: an annotated actor or a country (a state actor)."""
    countries = {p["name"] for p in seed.gold["places"] if p["kind"] == "country"}
    return {a["name"] for a in seed.gold["actors"]} | countries


@pytest.mark.parametrize("seed", SEED_DOCS, ids=_ids(SEED_DOCS))
def test_events_are_well_formed_and_quote_the_body(seed: Seed) -> None:
    events = seed.gold["events"]
    assert events, "every seed reports at least one event"
    names = _event_names(seed)
    places = {p["name"] for p in seed.gold["places"]}
    time_values = {t["value"] for t in seed.gold["times"]} | {seed.gold["published"]}
    check_events(
        events,
        body=seed.body_text,
        names=names,
        places=places,
        time_values=time_values,
        valid_date=_valid_partial_date,
    )
    for ev in events:
        for value in ev.get("conflicting_dates", []):
            assert _valid_partial_date(value) and value in time_values, ev
    keys = [json.dumps(ev, sort_keys=True) for ev in events]
    assert len(keys) == len(set(keys)), "an event is annotated twice"


# The acceptance list of the events issue, pinned by value.
SEED_ACCEPTANCE = [
    ("001", "CONSULT", "call", {"Andrey Belousov", "Lloyd Austin"}, "2024-06-25", None),
    ("002", "CONSULT", "visit", {"Andrey Belousov", "China"}, "2024-10-14", "Beijing"),
    ("002", "CONSULT", "meet", {"Andrey Belousov", "Dong Jun"}, "2024-10-14", None),
    ("003", "CONSULT", "visit", {"Andrei Belousov", "North Korea"}, "2024-11-29", None),
    ("004", "CONSULT", "meet", {"Kim Jong-un", "Andrei Belousov"}, "--11-30", None),
    ("000", "CONSULT", "meet", {"Vladimir Putin", "Masoud Pezeshkian"}, "--10-12", "Ashgabat"),
]


@pytest.mark.parametrize("expected", SEED_ACCEPTANCE, ids=[f"{e[0]}-{e[2]}" for e in SEED_ACCEPTANCE])
def test_acceptance_events_are_in_the_gold(expected: tuple[str, str, str, set[str], str, str | None]) -> None:
    prefix, type_, mode, parties, date, place = expected
    (seed,) = [s for s in SEED_DOCS if s.gold["file"].startswith(prefix + "_")]
    matches = [
        ev
        for ev in seed.gold["events"]
        if (ev["type"], ev["mode"], ev["date"], ev["status"]) == (type_, mode, date, "asserted")
        and {ev["source"], ev["target"]} == parties
        and (place is None or ev["place"] == place)
    ]
    assert len(matches) == 1, matches


def test_seed_000_meeting_keeps_both_dates() -> None:
    (seed,) = [s for s in SEED_DOCS if s.gold["file"].startswith("000_")]
    (meeting,) = [ev for ev in seed.gold["events"] if ev["type"] == "CONSULT"]
    assert meeting["date"] == "--10-12"
    assert meeting["conflicting_dates"] == ["--10-11", "--10-12"]


def test_stories_group_only_the_two_reports_of_the_pyongyang_visit() -> None:
    labels = {s.gold["file"][:3]: s.gold["story"] for s in SEED_DOCS}
    assert all(isinstance(v, str) and v.strip() for v in labels.values())
    assert labels["003"] == labels["004"]
    others = [labels[k] for k in ("000", "001", "002", "003")]
    assert len(set(others)) == len(others)


def _chronological(dates: list[str]) -> bool:
    """True if ``dates`` are in order, reading a year-less date as in the latest year given."""
    year = max(d[:4] for d in dates if not d.startswith("--"))
    full = [year + d[1:] if d.startswith("--") else d for d in dates]
    return full == sorted(full)


def test_timeline_is_the_dated_asserted_events_of_the_actor() -> None:
    gold = _load_gold()
    assert set(gold) == {"corpus", "documents", "timelines"}
    for actor, dates in gold["timelines"].items():
        assert dates and _chronological(dates), dates
        # Seeds spell the name two ways (Andrey/Andrei): match on the surname.
        surname = actor.split()[-1]
        found = {
            ev["date"]
            for s in SEED_DOCS
            for ev in s.gold["events"]
            if ev["status"] == "asserted"
            and ev["date"] is not None
            and any(p and p.split()[-1] == surname for p in (ev["source"], ev["target"]))
        }
        assert found == set(dates) and len(dates) == len(found), (actor, found)
