"""The SQL translation for PostgreSQL (no server needed: the statements as text)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from storyline.store.sqlpg import Schema, glob_regex, match_param, translate

SCHEMA: Schema = {"story_articles": (("article_id",), ("article_id", "story_id", "rowid"))}


def pg(sql: str) -> str:
    return translate(sql, lambda: SCHEMA).sql


def test_placeholders_and_literals() -> None:
    assert pg("SELECT a FROM t WHERE b = ? AND c LIKE '%?%' AND d = :name") == (
        "SELECT a FROM t WHERE b = %s AND c ILIKE '%%?%%' AND d = %(name)s"
    )


def test_replace_becomes_an_upsert_that_renews_the_rowid() -> None:
    assert pg("INSERT OR REPLACE INTO story_articles VALUES (?, ?)") == (
        "INSERT INTO story_articles VALUES (%s, %s) ON CONFLICT (article_id) "
        "DO UPDATE SET story_id = EXCLUDED.story_id, rowid = DEFAULT"
    )
    assert pg("INSERT OR IGNORE INTO story_articles VALUES (?, ?)").endswith("ON CONFLICT DO NOTHING")


def test_sqlite_null_order_and_limits() -> None:
    assert pg("SELECT a FROM t ORDER BY a, b DESC LIMIT ?") == (
        "SELECT a FROM t ORDER BY a NULLS FIRST, b DESC NULLS LAST LIMIT sl_limit(%s)"
    )


def test_null_safe_comparisons_and_empty_lists() -> None:
    assert pg("SELECT 1 FROM t WHERE (? IS NULL OR url IS ?) AND id IN ()") == (
        "SELECT 1 FROM t WHERE (CAST(%s AS TEXT) IS NULL OR url IS NOT DISTINCT FROM %s) "
        "AND id IN (SELECT id WHERE FALSE)"
    )


def test_full_text_match_and_its_parameter() -> None:
    statement = translate("SELECT rowid FROM articles_fts WHERE lang = ? AND articles_fts MATCH ?", dict)
    assert statement.sql.endswith("articles_fts.doc @@ CAST(%s AS tsquery)")
    assert statement.matches == (1,)
    assert match_param('"Cúpula" "G-20"') == "('cupula') & ('g' <-> '20')"
    # fts_query's CJK terms: a word as the phrase of its bigrams, one character as a prefix.
    assert match_param('"香港 港特" "说"*') == "('香港' <-> '港特') & ('说':*)"


def test_glob_as_regex() -> None:
    assert glob_regex("*[0-9][:h][0-9][0-9]*") == "^.*[0-9][:h][0-9][0-9].*$"
    assert pg("SELECT 1 FROM k WHERE key GLOB 'b[0-9]*'") == "SELECT 1 FROM k WHERE key ~ '^b[0-9].*$'"


def test_the_sqlite_path_never_imports_psycopg(tmp_path: Path) -> None:
    code = (
        "import sys; from storyline.store.db import Database; import storyline.cli; "
        f"Database({str(tmp_path / 'x.db')!r}).close(); "
        "assert not [m for m in sys.modules if m.startswith('psycopg')], 'psycopg imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
