"""What both gold files share: the event vocabulary the annotators used (imported by the gold tests)."""

from __future__ import annotations

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
