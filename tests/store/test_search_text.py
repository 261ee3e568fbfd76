"""Full-text search across scripts: one normalisation for the index and the query (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.model import Article, ArticleResult
from storyline.normalize import search_terms, search_text
from storyline.store import db as db_module
from storyline.store.db import Database

# Our own sentences, one per script.
TEXTS = {
    "zh": "特朗普在香港记者会上说，梁振英将出席会议。",
    "ja": "ナイジェリアの首都アブジャで、トランプ氏の支持者が集会を開いた。",
    "ko": "트럼프는 서울에서 윤석열 대통령과 만났다.",
    "ar": "وقال المرصدُ السوريُّ لحقوق الإنسان إنَّ القوات دخلت حلب.",
    "fa": "پزشکیان می‌گوید ایران در ۱۴۰۳ به توافق رسید.",
    "ru": "Бьёрнссон встретился с Илоном Маском в Москве.",
    "en": "The summit in Rio de Janeiro ended on Tuesday.",
}


def _article(i: int, text: str, language: str) -> Article:
    return Article(
        id=f"a{i:015d}",
        source_path=f"f{i}.txt",
        digest=f"d{i}",
        raw_text=text,
        text=text,
        removed=(),
        language=language,
        published=dt.date(2024, 11, 19),
    )


@pytest.fixture
def db(store_target: str) -> Database:
    database = Database(store_target)  # on both stores: PostgreSQL indexes search_text() from Python
    for i, (lang, text) in enumerate(TEXTS.items()):
        database.add(ArticleResult(_article(i, text, lang)), f"h{i}")
    return database


def _found(db: Database, query: str) -> list[str | None]:
    return [hit.language for hit in db.search(query)]


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("香港", "zh"),  # two characters inside a longer run
        ("梁振英", "zh"),
        ("特朗普", "zh"),
        ("记", "zh"),  # one character: a prefix of the bigrams (记者)
        ("ナイジェリア", "ja"),
        ("トランプ", "ja"),
        ("트럼프", "ko"),  # the particle 는 glued to the name
        ("윤석열", "ko"),
        ("المرصد", "ar"),
        ("مرصد", "ar"),  # without the article
        ("المرصدُ", "ar"),  # with a vowel sign
        ("الإنسان", "ar"),  # alef with hamza below; the text has it too
        ("الانسان", "ar"),  # ... and a query without the hamza
        ("ميگويد", "fa"),  # Arabic yeh for the Persian one, no zero-width non-joiner
        ("1403", "fa"),  # Persian digits
        ("Бьёрнссон", "ru"),
        ("Бьернссон", "ru"),  # ё written as е
        ("москве", "ru"),
        ("rio", "en"),
    ],
)
def test_search_finds_a_word_inside_its_article_in_every_script(
    db: Database, query: str, language: str
) -> None:
    assert _found(db, query) == [language]


def test_cjk_queries_do_not_match_other_orders_or_scripts(db: Database) -> None:
    assert _found(db, "港香") == []
    assert _found(db, "振英梁") == []
    assert _found(db, "트럼프 香港") == []  # every word must match


def test_snippet_marks_the_original_spelling(db: Database) -> None:
    (hit,) = db.search("Бьернссон")
    assert "[Бьёрнссон]" in hit.snippet
    (hit,) = db.search("المرصد")
    assert "[المرصدُ]" in hit.snippet


def test_index_and_query_share_one_function() -> None:
    assert search_text("Ёлка Café") == "елка cafe"
    assert search_text("Plain ASCII stays as it is.") == "Plain ASCII stays as it is."
    assert search_terms("香港特别") == ["香港 港特 特别"]
    assert search_terms("说") == ["说*"]


def test_an_updated_or_deleted_article_leaves_the_index(db: Database) -> None:
    if db.dialect.name == "sqlite":  # storyline never rewrites a text; SQLite's trigger would
        db.conn.execute("UPDATE articles SET text = 'Ничего' WHERE language = 'ru'")
        assert _found(db, "Бьёрнссон") == []
        assert _found(db, "ничего") == ["ru"]
    db.conn.execute("DELETE FROM articles WHERE language = 'zh'")
    assert _found(db, "香港") == []


def test_a_database_from_before_the_migration_is_reindexed(
    store_target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_target
    every = db_module.migrations

    def before_0010(dialect: str) -> list[tuple[str, str]]:
        # PostgreSQL's own 0012 (its SQL functions) stays: databases that had it before 0010 exist.
        return [m for m in every(dialect) if not "0010" <= m[0] < "0012"]

    monkeypatch.setattr(db_module, "migrations", before_0010)
    db = Database(path)  # the schema as it was before migration 0010: raw text in the index
    db.add(ArticleResult(_article(1, TEXTS["zh"], "zh")), "h1")
    db.add(ArticleResult(_article(2, TEXTS["ru"], "ru")), "h2")
    db.conn.execute(
        "INSERT INTO entities VALUES "
        "('person:tramp', 'person', 'Трамп', NULL, 'person:tramp', 'own', 'tramp', 'tramp')"
    )
    if db.dialect.name != "sqlite":  # today's store writes the new documents: drop them, as
        db.conn.execute("DELETE FROM articles_fts")  # an index of raw text finds no 香港 either
    assert _found(db, "香港") == []
    db.close()
    monkeypatch.undo()
    monkeypatch.setattr("storyline.store.dialect._PAGE", 1)  # the rebuild pages through the rows
    again = Database(path)
    assert _found(again, "香港") == ["zh"]
    assert _found(again, "Бьернссон") == ["ru"]
    row = again.conn.execute("SELECT script, script_key, script_last FROM entities").fetchone()
    assert tuple(row) == ("CYRILLIC", "trmb", "trmb")
