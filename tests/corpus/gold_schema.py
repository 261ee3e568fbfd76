"""What both gold files share: the event vocabulary the annotators used (imported by the gold tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# PLOVER event types as the project names them (REQUEST stands for PLOVER's DEMAND),
# with the modes PLOVER's manual and its CAMEO crosswalk list for each; CONSULT uses
# the project's visit/host/meet/call.  Verbal types without modes only take null.
EVENT_MODES: dict[str, set[str]] = {
    "AGREE": set(),
    "CONSULT": {"visit", "host", "meet", "call"},
    "SUPPORT": set(),
    "CONCEDE": set(),
    "COOPERATE": set(),
    "AID": {"economic", "military", "humanitarian", "asylum", "peacekeeping"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign", "ease"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"},
    "SANCTION": {"convict", "cancel", "expel", "withdraw", "sever", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police"},
    "COERCE": {
        "confiscate",
        "restrict",
        "ban",
        "censor",
        "curfew",
        "martial-law",
        "arrest",
        "deport",
        "withhold",
    },
    "ASSAULT": {
        "abduct",
        "beat",
        "torture",
        "execute",
        "sexual",
        "assassinate",
        "destroy",
        "primitive",
        "firearms",
        "explosives",
        "suicide-attack",
        "heavy-weapons",
    },
}
EVENT_STATUSES = {"asserted", "planned", "negated", "hypothetical"}
EVENT_KEYS = {"type", "mode", "source", "target", "place", "date", "trigger", "status", "sentence"}
EVENT_OPTIONAL_KEYS = {"note", "conflicting_dates"}


def check_events(
    events: list[dict[str, Any]],
    *,
    body: str,
    names: set[str],
    places: set[str],
    time_values: set[str | None],
    valid_date: Callable[[str], bool],
) -> None:
    """Assert every gold event is well formed and quotes the article body."""
    for ev in events:
        assert EVENT_KEYS <= set(ev) <= EVENT_KEYS | EVENT_OPTIONAL_KEYS, ev
        assert ev["type"] in EVENT_MODES, ev
        assert ev["mode"] is None or ev["mode"] in EVENT_MODES[ev["type"]], ev
        assert ev["status"] in EVENT_STATUSES, ev
        assert ev["sentence"] in body, ev["sentence"]
        assert ev["trigger"] in ev["sentence"], ev
        for role in ("source", "target"):
            assert ev[role] is None or ev[role] in names, (role, ev)
        assert ev["place"] is None or ev["place"] in places, ev
        if ev["date"] is not None:
            assert valid_date(ev["date"]), ev
            # A date no time expression gives must say where it comes from.
            assert ev["date"] in time_values or ev.get("note"), ev
