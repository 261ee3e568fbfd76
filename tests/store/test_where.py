"""The one WHERE builder: unset filters add nothing, set ones combine with AND in order, values are bound."""

from __future__ import annotations

import sqlite3

from storyline.store.where import Where


def test_no_filter_no_clause() -> None:
    where = Where().equal("language", None).at_least("published", "").one_of("id", None)
    assert (where.sql, where.params) == ("", ())


def test_filters_combine_in_order_with_bound_values() -> None:
    where = (
        Where()
        .equal("type", "CONSULT")
        .at_least("date", "2024-11")
        .at_most("date", "2024-11-30")
        .add("(source = ? OR target = ?)", "x", "x", when="x")
        .one_of("id", ["a", "b"])
    )
    assert where.sql == (
        " WHERE type = ? AND date >= ? AND date <= ? AND (source = ? OR target = ?) AND id IN (?,?)"
    )
    assert where.params == ("CONSULT", "2024-11", "2024-11-30", "x", "x", "a", "b")


def test_empty_list_matches_nothing_and_values_stay_data() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (id TEXT, lang TEXT)")
    conn.executemany("INSERT INTO t VALUES (?, ?)", [("a", "en"), ("b", "vi"), ("x' OR 1=1 --", "en")])
    rows = lambda w: sorted(r[0] for r in conn.execute(f"SELECT id FROM t{w.sql}", w.params))  # noqa: E731
    assert rows(Where().one_of("id", [])) == []
    assert rows(Where().equal("lang", "en")) == ["a", "x' OR 1=1 --"]
    assert rows(Where().equal("id", "x' OR 1=1 --").equal("lang", "en")) == ["x' OR 1=1 --"]
    assert rows(Where().one_of("id", ["a", "b"]).equal("lang", "vi")) == ["b"]
