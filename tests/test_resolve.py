"""Cross-article identity: merges, their reasons, and independence from arrival order."""

from __future__ import annotations

from pathlib import Path

from storyline import resolve
from storyline.resolve import Sighting
from storyline.store.db import Database

BELOUSOV = Sighting(
    "person:andreibelusov", "person", "Andrey Belousov", "Andrey Belousov", "defence minister", "RU"
)
BARE = Sighting("person:belusov", "person", "Belousov", "Belousov", "defence minister", "RU")


def _db(tmp_path: Path) -> Database:
    return Database(tmp_path / "r.db")


def _actor(db: Database, entity_id: str) -> tuple[str, str]:
    row = db.conn.execute(
        "SELECT actor_id, reason FROM entities WHERE entity_id = ?", (entity_id,)
    ).fetchone()
    return str(row[0]), str(row[1])


def test_bare_surname_with_same_role_and_country_joins_the_full_name(tmp_path: Path) -> None:
    db = _db(tmp_path)
    resolve.register(db.conn, [BELOUSOV], language="vi", day="2024-06-25")
    resolve.register(db.conn, [BARE], language="nb", day="2024-10-14")
    actor, reason = _actor(db, "person:belusov")
    assert actor == "person:andreibelusov"
    assert "surname" in reason and "defence minister" in reason and "RU" in reason


def test_arrival_order_does_not_change_the_canonical_id(tmp_path: Path) -> None:
    db = _db(tmp_path)
    resolve.register(db.conn, [BARE], language="nb", day="2024-10-14")
    resolve.register(db.conn, [BELOUSOV], language="vi", day="2024-06-25")
    assert _actor(db, "person:belusov")[0] == "person:andreibelusov"
    assert _actor(db, "person:andreibelusov")[0] == "person:andreibelusov"


def test_other_role_or_country_stays_apart(tmp_path: Path) -> None:
    db = _db(tmp_path)
    other = Sighting("person:belusov", "person", "Belousov", "Belousov", "economy minister", "BY")
    resolve.register(db.conn, [BELOUSOV, other], language="ru", day="2024-06-25")
    assert _actor(db, "person:belusov") == ("person:belusov", "own name key")


def test_cross_script_names_come_from_people_toml(tmp_path: Path) -> None:
    db = _db(tmp_path)
    xi_vi = Sighting("person:tapcanbinh", "person", "Tập Cận Bình", "Tập Cận Bình", "president", "CN")
    xi_en = Sighting("person:xiinping", "person", "Xi Jinping", "Xi Jinping", "president", "CN")
    resolve.register(db.conn, [xi_vi], language="vi", day=None)
    resolve.register(db.conn, [xi_en], language="en", day=None)
    assert _actor(db, "person:tapcanbinh")[0] == "person:xiinping"
    assert "people.toml" in _actor(db, "person:tapcanbinh")[1]
    assert resolve.match(db.conn, "Си Цзиньпин") == {"person:xiinping"}


def test_token_order_variants_merge(tmp_path: Path) -> None:
    db = _db(tmp_path)
    a = Sighting("person:kimiongun", "person", "Kim Jong Un", "Kim Jong Un", None, "KP")
    b = Sighting("person:iongunkim", "person", "Jong Un Kim", "Jong Un Kim", None, "KP")
    resolve.register(db.conn, [a], language="en", day=None)
    resolve.register(db.conn, [b], language="fr", day=None)
    actor, reason = _actor(db, "person:iongunkim")
    assert actor == "person:kimiongun" and "order" in reason


def test_match_finds_any_variant_and_roles_keep_dates(tmp_path: Path) -> None:
    db = _db(tmp_path)
    resolve.register(db.conn, [BELOUSOV], language="vi", day="2024-06-25")
    resolve.register(db.conn, [BELOUSOV], language="pt", day="2024-11-30")
    assert resolve.match(db.conn, "Andrei Belousov") == {"person:andreibelusov"}
    assert resolve.match(db.conn, "belousov") == {"person:andreibelusov"}
    row = db.conn.execute("SELECT first, last, articles FROM entity_roles").fetchone()
    assert tuple(row) == ("2024-06-25", "2024-11-30", 2)


# --- across scripts (issue 9 item 4) ----------------------------------------------------

TRUMP_NAMES = [
    ("person:donaldtrump", "Donald Trump", "en"),
    ("person:tramp", "Трамп", "ru"),
    ("person:トランプ", "トランプ", "ja"),
    ("person:트럼프", "트럼프", "ko"),
    ("person:ترامب", "ترامب", "ar"),
]


def _register(db: Database, names: list[tuple[str, str, str]]) -> None:
    for entity_id, name, language in names:
        sighting = Sighting(entity_id, "person", name, name)
        resolve.register(db.conn, [sighting], language=language, day="2024-11-06")


def test_one_actor_across_scripts_whatever_the_arrival_order(tmp_path: Path) -> None:
    for order, names in enumerate([TRUMP_NAMES, TRUMP_NAMES[::-1]]):
        db = Database(tmp_path / f"o{order}.db")
        _register(db, names)
        actors = {_actor(db, entity_id)[0] for entity_id, _, _ in names}
        assert actors == {"person:donaldtrump"}, order
        db.close()


def test_cross_script_pairs_from_real_news(tmp_path: Path) -> None:
    db = _db(tmp_path)
    _register(
        db,
        [
            ("person:elonmusk", "Elon Musk", "en"),
            ("person:mask", "Маск", "ru"),
            ("person:kuman", "Куман", "ru"),
            ("person:koeman", "Koeman", "es"),
            ("person:bernson", "Бьёрнссон", "ru"),
            ("person:biornson", "Björnsson", "is"),
        ],
    )
    assert _actor(db, "person:mask")[0] == "person:elonmusk"
    assert "another script" in _actor(db, "person:mask")[1]
    assert _actor(db, "person:kuman")[0] == _actor(db, "person:koeman")[0]
    assert _actor(db, "person:bernson")[0] == _actor(db, "person:biornson")[0]


def test_an_ambiguous_skeleton_stays_apart(tmp_path: Path) -> None:
    db = _db(tmp_path)
    # Two different Latin-script people share the skeleton of the Cyrillic surname: no merge.
    _register(
        db,
        [
            ("person:elonmusk", "Elon Musk", "en"),
            ("person:iliamask", "Ilya Mask", "en"),
            ("person:mask", "Маск", "ru"),
        ],
    )
    assert _actor(db, "person:mask")[0] == "person:mask"


def test_same_script_names_do_not_meet_by_skeleton(tmp_path: Path) -> None:
    db = _db(tmp_path)
    _register(db, [("person:tramp", "Tramp", "en"), ("person:trump", "Trump", "en")])
    assert _actor(db, "person:tramp")[0] != _actor(db, "person:trump")[0]
