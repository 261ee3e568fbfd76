"""Cross-article identity of actors and places: one canonical actor however the name is written.

Per-article extraction already gives every mention a folded name key
(``person:andreibelusov`` for Andrey/Andrei Belousov, see
:mod:`storyline.extract.names`).  Across articles this module merges what
those keys still keep apart, and records why:

1. **listed** — a curated alias in ``langs/xx/people.toml`` (cross-script names:
   Vietnamese *Tập Cận Bình*, Cyrillic *Путин* → Xi Jinping, Vladimir Putin);
2. **token order** — the same name tokens in another order (*Kim Jong Un* / *Jong Un Kim*);
3. **surname + role + country** — a bare surname whose role and country agree
   with exactly one known full name (*Belousov*, defence minister, RU);
4. **spelling** — near-identical keys with the same country (*Mohamed Morsy*);
5. **script** — a person written in another script whose consonant skeleton
   (:func:`storyline.extract.names.script_keys`) matches exactly one actor's whole name, or
   whose one-word name matches one actor's surname (*Трамп*, *トランプ*, *트럼프* / *Donald Trump*);
   a full name that arrives later takes such one-word names of other scripts in.

Canonical ids do not depend on the order articles arrive in: a merged group
takes the id of its best member (curated, then multi-word, then smallest id),
and a group is relabelled when a better member arrives.  Places already carry
gazetteer ids, which are language-independent; their surface names are kept
so that a query in any language finds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from storyline.extract.names import actor_key, name_key, script_keys, script_of, token_key
from storyline.langs import UNIVERSAL, load
from storyline.store.dialect import Connection

# Spelling merges need near-identical keys; 90 keeps "Andrey Belousov" /
# "Andrej Belousow" (already one key) and "Morsi" / "Morsy" together while
# "Kim Jong-un" / "Kim Yo-jong" (about 78) stay apart.
SPELLING_MIN_RATIO = 90.0
ACTOR_KINDS = ("person", "organization", "country", "group")
_SCRIPT_TOKENS = re.compile(r"[\s・·=]+")  # words of a name, kana names included (ドナルド・トランプ)
_FULL_NAME = "(instr(trim(name), ' ') > 0 OR instr(name, '・') > 0)"  # SQL: a name of several words


@dataclass(frozen=True, slots=True)
class Sighting:
    """One entity as one article saw it: what the resolver needs from a mention."""

    entity_id: str
    kind: str
    name: str
    surface: str
    role: str | None = None
    country: str | None = None


@cache
def curated() -> dict[str, tuple[str, str, str | None]]:
    """``{name key: (canonical id, canonical name, country)}`` from ``langs/xx/people.toml``."""
    out: dict[str, tuple[str, str, str | None]] = {}
    for person in load(UNIVERSAL, "people").get("person", []):
        name = str(person["name"])
        entry = (actor_key(name), name, person.get("country"))
        for alias in (name, *person.get("aliases", [])):
            out[name_key(str(alias))] = entry
    return out


def sort_key(name: str) -> str:
    """Token keys sorted: equal for token-order variants of one name."""
    return " ".join(sorted(token_key(t) for t in name.replace("-", " ").split() if token_key(t)))


def last_key(name: str) -> str:
    """Key of the last name token, the surname in most naming traditions seen in news."""
    tokens = [token_key(t) for t in name.split() if token_key(t)]
    return tokens[-1] if tokens else ""


def _rank(actor_id: str, name: str) -> tuple[int, int, int, str]:
    # Listed names first, then ids in ASCII (a Latin, Cyrillic or Greek name: the id readers
    # can type), then full names.
    listed = actor_id in {entry[0] for entry in curated().values()}
    return (0 if listed else 1, 0 if actor_id.isascii() else 1, 0 if " " in name.strip() else 1, actor_id)


def register(conn: Connection, sightings: Iterable[Sighting], *, language: str, day: str | None) -> None:
    """Record the entities one article mentions: identity, names, languages and roles."""
    seen_names: set[tuple[str, str]] = set()
    seen_roles: set[tuple[str, str, str | None]] = set()
    for s in sightings:
        if conn.execute("SELECT 1 FROM entities WHERE entity_id = ?", (s.entity_id,)).fetchone() is None:
            _add_entity(conn, s)
        for name in {s.name, s.surface}:
            if (s.entity_id, name) not in seen_names:
                seen_names.add((s.entity_id, name))
                _add_name(conn, s.entity_id, name, language)
        if s.role and (s.entity_id, s.role, s.country) not in seen_roles:
            seen_roles.add((s.entity_id, s.role, s.country))
            _add_role(conn, s, day)


def _add_name(conn: Connection, entity_id: str, name: str, language: str) -> None:
    conn.execute(
        "INSERT INTO entity_names VALUES (?, ?, ?, ?, 1) "
        "ON CONFLICT(entity_id, name, language) DO UPDATE SET articles = entity_names.articles + 1",
        (entity_id, name, language, name_key(name)),
    )


def _add_role(conn: Connection, s: Sighting, day: str | None) -> None:
    conn.execute(
        "INSERT INTO entity_roles AS r VALUES (?, ?, ?, ?, ?, 1) "
        "ON CONFLICT(entity_id, role, country) DO UPDATE SET "
        "first = CASE WHEN excluded.first IS NOT NULL AND (r.first IS NULL OR excluded.first < r.first) "
        "THEN excluded.first ELSE r.first END, "
        "last = CASE WHEN excluded.last IS NOT NULL AND (r.last IS NULL OR excluded.last > r.last) "
        "THEN excluded.last ELSE r.last END, articles = r.articles + 1",
        (s.entity_id, s.role, s.country or "", day, day),
    )


def _add_entity(conn: Connection, s: Sighting) -> None:
    actor_id, reason = _identify(conn, s)
    whole, last = script_keys(s.name)
    conn.execute(
        "INSERT INTO entities (entity_id, kind, name, country, actor_id, reason, sort_key, last_key, "
        "script, script_key, script_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            s.entity_id,
            s.kind,
            s.name,
            s.country,
            s.entity_id,
            "own name key",
            sort_key(s.name),
            last_key(s.name),
            script_of(s.name),
            whole,
            last,
        ),
    )
    if actor_id != s.entity_id:
        _join(conn, s.entity_id, s.name, actor_id, reason)
    elif s.kind == "person" and " " in s.name.strip():
        _adopt_surnames(conn, s)
    if s.kind == "person" and len(_tokens(s.name)) > 1:
        _adopt_across_scripts(conn, s)


def _join(conn: Connection, entity_id: str, name: str, actor_id: str, reason: str) -> None:
    """Put ``entity_id`` in the group of ``actor_id``; relabel the group if the newcomer outranks it."""
    conn.execute(
        "UPDATE entities SET actor_id = ?, reason = ? WHERE entity_id = ?", (actor_id, reason, entity_id)
    )
    current = conn.execute("SELECT name FROM entities WHERE entity_id = ?", (actor_id,)).fetchone()
    current_name = str(current[0]) if current else name
    if _rank(entity_id, name) < _rank(actor_id, current_name) and not _is_listed(actor_id):
        conn.execute("UPDATE entities SET actor_id = ? WHERE actor_id = ?", (entity_id, actor_id))


def _is_listed(actor_id: str) -> bool:
    return actor_id in {entry[0] for entry in curated().values()}


def _identify(conn: Connection, s: Sighting) -> tuple[str, str]:
    """The canonical actor ``s`` belongs to and why (its own id when nothing matches)."""
    if s.kind == "place":
        return s.entity_id, "gazetteer id"
    listed = curated().get(name_key(s.name)) or curated().get(name_key(s.surface))
    if listed and s.kind == "person":
        return listed[0], f"listed in people.toml as a name of {listed[1]}"
    for finder in (_by_token_order, _by_surname, _by_spelling, _by_script):
        found = finder(conn, s)
        if found:
            return found
    return s.entity_id, "own name key"


def _by_token_order(conn: Connection, s: Sighting) -> tuple[str, str] | None:
    key = sort_key(s.name)
    if " " not in key:
        return None
    row = conn.execute(
        "SELECT actor_id, name FROM entities WHERE sort_key = ? AND kind = ? LIMIT 1", (key, s.kind)
    ).fetchone()
    return (str(row[0]), f"same name tokens as {row[1]!r} in another order") if row else None


def _by_surname(conn: Connection, s: Sighting) -> tuple[str, str] | None:
    if s.kind != "person" or " " in s.name.strip() or not (s.role and s.country):
        return None
    rows = conn.execute(
        "SELECT DISTINCT e.actor_id, e.name FROM entities e JOIN entity_roles r ON r.entity_id = e.entity_id "
        "WHERE e.last_key = ? AND e.kind = 'person' AND instr(trim(e.name), ' ') > 0 "
        "AND r.role = ? AND r.country = ?",
        (last_key(s.name), s.role, s.country),
    ).fetchall()
    if len({r[0] for r in rows}) != 1:
        return None  # no full name, or several people share the surname: stay apart
    return str(
        rows[0][0]
    ), f"surname {s.name!r} + role {s.role} + country {s.country} agree with {rows[0][1]!r}"


def _by_spelling(conn: Connection, s: Sighting) -> tuple[str, str] | None:
    key, last = sort_key(s.name), last_key(s.name)
    if len(last) < 4 or s.kind not in ACTOR_KINDS:
        return None
    rows = conn.execute(
        "SELECT actor_id, name, country, sort_key FROM entities "
        "WHERE kind = ? AND last_key >= ? AND last_key < ?",
        (s.kind, last[:3], last[:3] + "\uffff"),
    ).fetchall()
    best: tuple[float, str, str] | None = None
    for actor_id, name, country, other_key in rows:
        if len(other_key.split()) != len(key.split()) or not _countries_agree(s.country, country):
            continue
        score = fuzz.ratio(key, other_key)
        if score >= SPELLING_MIN_RATIO and (best is None or score > best[0]):
            best = (score, str(actor_id), str(name))
    if best is None:
        return None
    return best[1], f"spelling variant of {best[2]!r} (similarity {best[0]:.0f}, same country)"


def _tokens(name: str) -> list[str]:
    return [t for t in _SCRIPT_TOKENS.split(name) if t]


def _by_script(conn: Connection, s: Sighting) -> tuple[str, str] | None:
    """A person written in another script whose consonant skeleton is this one's (Трамп / Trump).

    Whole name against whole name, or a one-word name against the surname of full names; the
    match must point to one actor, and known countries must agree.
    """
    whole, _ = script_keys(s.name)
    if s.kind != "person" or not whole:
        return None
    single = len(_tokens(s.name)) == 1
    rows = conn.execute(
        "SELECT actor_id, name, country FROM entities WHERE kind = 'person' AND script != ? "
        f"AND (script_key = ? OR (? AND script_last = ? AND {_FULL_NAME}))",
        (script_of(s.name), whole, single, whole),
    ).fetchall()
    rows = [r for r in rows if not (s.country and r[2] and s.country != r[2])]
    if len({r[0] for r in rows}) != 1:
        return None
    return str(rows[0][0]), f"the same name in another script as {rows[0][1]!r} (skeleton {whole})"


def _adopt_across_scripts(conn: Connection, s: Sighting) -> None:
    """A full name takes in one-word names of other scripts that are its surname (トランプ, 트럼프),
    unless another full name in other scripts shares that surname."""
    _, last = script_keys(s.name)
    if not last:
        return
    actor = conn.execute("SELECT actor_id FROM entities WHERE entity_id = ?", (s.entity_id,)).fetchone()[0]
    owners = conn.execute(
        f"SELECT DISTINCT actor_id FROM entities WHERE kind = 'person' AND script_last = ? AND {_FULL_NAME}",
        (last,),
    ).fetchall()
    if {str(r[0]) for r in owners} != {str(actor)}:
        return
    for (entity_id,) in conn.execute(
        "SELECT entity_id FROM entities WHERE kind = 'person' AND script_key = ? AND script != ? "
        f"AND actor_id = entity_id AND NOT {_FULL_NAME}",
        (last, script_of(s.name)),
    ).fetchall():
        reason = f"the surname of {s.name!r} in another script (skeleton {last})"
        conn.execute(
            "UPDATE entities SET actor_id = ?, reason = ? WHERE entity_id = ? OR actor_id = ?",
            (actor, reason, entity_id, entity_id),
        )


def _countries_agree(a: str | None, b: str | None) -> bool:
    # Both unknown is allowed for organisations and people known only by name;
    # one known and one unknown is too weak for a fuzzy merge.
    return a == b


def _adopt_surnames(conn: Connection, s: Sighting) -> None:
    """A full name that arrives after its bare surname takes that surname in (same rule as _by_surname)."""
    if not (s.role and s.country):
        return
    rows = conn.execute(
        "SELECT e.entity_id, e.name FROM entities e JOIN entity_roles r ON r.entity_id = e.entity_id "
        "WHERE e.last_key = ? AND e.kind = 'person' AND instr(trim(e.name), ' ') = 0 "
        "AND e.actor_id = e.entity_id AND r.role = ? AND r.country = ?",
        (last_key(s.name), s.role, s.country),
    ).fetchall()
    for entity_id, name in rows:
        reason = f"surname {name!r} + role {s.role} + country {s.country} agree with {s.name!r}"
        conn.execute(
            "UPDATE entities SET actor_id = ?, reason = ? WHERE entity_id = ?",
            (s.entity_id, reason, entity_id),
        )


def actor_map(conn: Connection) -> dict[str, str]:
    """``{entity id: canonical actor id}`` for every entity whose actor differs from its own id."""
    return {
        str(r[0]): str(r[1])
        for r in conn.execute("SELECT entity_id, actor_id FROM entities WHERE entity_id != actor_id")
    }


def canonical(entity_id: str, mapping: dict[str, str]) -> str:
    """The canonical id of ``entity_id`` under ``mapping`` (itself when unmerged)."""
    return mapping.get(entity_id, entity_id)


def match(conn: Connection, query: str) -> set[str]:
    """Canonical ids of every actor or place that has ``query`` as a name variant (any language).

    A query matches a full name key, a surname key, an entity id, or a
    people.toml alias; matching is diacritic- and transliteration-insensitive.
    """
    key = name_key(query)
    if not key:
        return set()
    found = {
        str(r[0])
        for r in conn.execute(
            "SELECT e.actor_id FROM entity_names n JOIN entities e ON e.entity_id = n.entity_id "
            "WHERE n.key = ?",
            (key,),
        )
    }
    found |= {str(r[0]) for r in conn.execute("SELECT actor_id FROM entities WHERE entity_id = ?", (query,))}
    if " " not in query.strip():
        found |= {str(r[0]) for r in conn.execute("SELECT actor_id FROM entities WHERE last_key = ?", (key,))}
    listed = curated().get(key)
    if listed:
        found.add(listed[0])
    return found


def members(conn: Connection, actor_ids: Sequence[str]) -> set[str]:
    """Every entity id that belongs to one of ``actor_ids`` (the ids themselves included)."""
    out = set(actor_ids)
    for actor_id in actor_ids:
        out |= {
            str(r[0]) for r in conn.execute("SELECT entity_id FROM entities WHERE actor_id = ?", (actor_id,))
        }
    return out
