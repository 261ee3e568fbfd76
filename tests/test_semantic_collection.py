"""Stories with the semantic signal on: the example corpus, arrival order, compare, bad input, reembed."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from storyline.api import ingest
from storyline.settings import Settings
from storyline.store.db import Database
from storyline.stories import list_stories

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"
STORIES = {  # examples/corpus/README.md: the stories told in more than one file
    frozenset(
        {"id-pelantikan-prabowo.txt", "id-pelantikan-prabowo-salinan.txt", "en-prabowo-inauguration.html"}
    ),
    frozenset({"vi-g20-rio.txt", "pt-g20-rio.html"}),
    frozenset({"nb-nobel-hidankyo.txt", "fr-nobel-hidankyo.html"}),
    frozenset({"es-dana-valencia.txt", "de-valencia-hochwasser.txt"}),
    frozenset({"fr-jo-paris-ceremonie-ouverture.html", "en-paris-olympics-opening-ceremony.txt"}),
    frozenset({"en-ankara-prisoner-swap.txt", "ru-obmen-zaklyuchennymi-ankara.txt"}),
}
# Stories told once, on events of their own (a French and an English political story among them).
SINGLE_STORIES = ["en-uk-election-starmer.txt", "fr-barnier-matignon.txt", "ru-sammit-briks-kazan.txt"]


def _stories_by_file(db_path: Path) -> set[frozenset[str]]:
    with Database(db_path) as db:
        files = {
            str(r[0]): Path(str(r[1])).name for r in db.conn.execute("SELECT id, source_path FROM articles")
        }
        return {frozenset(files[a] for a in s["articles"]) for s in list_stories(db)}


@pytest.fixture(scope="module")
def example_stories(tmp_path_factory: pytest.TempPathFactory) -> set[frozenset[str]]:
    db = tmp_path_factory.mktemp("sem") / "examples.db"
    report = ingest([str(EXAMPLES)], db=db)
    assert report.counts["new"] == 18
    return _stories_by_file(db)


def test_every_cross_language_story_of_the_examples_is_found(example_stories: set[frozenset[str]]) -> None:
    multi = {s for s in example_stories if len(s) > 1}
    assert multi == STORIES
    assert frozenset({"vi-to-lam-tong-bi-thu.html"}) in example_stories  # distractors stay alone
    assert frozenset({"en-nato-summit-washington.txt"}) in example_stories
    for single in SINGLE_STORIES:
        assert frozenset({single}) in example_stories


def test_two_arrival_orders_give_the_same_stories(
    tmp_path: Path, example_stories: set[frozenset[str]]
) -> None:
    order = sorted(EXAMPLES.glob("*.*"), key=lambda p: p.name, reverse=True)
    folder = tmp_path / "reversed"
    folder.mkdir()
    db = tmp_path / "reversed.db"
    for path in order:  # one ingest per file: each arrives on its own, last file first
        if path.suffix in {".txt", ".html"}:
            shutil.copy(path, folder / path.name)
            ingest([str(folder / path.name)], db=db)
    assert _stories_by_file(db) == example_stories


def test_compare_shows_the_embedding_and_each_signal(run: Callable[..., Result], tmp_path: Path) -> None:
    result = run(
        "compare",
        str(EXAMPLES / "nb-nobel-hidankyo.txt"),
        str(EXAMPLES / "fr-nobel-hidankyo.html"),
        "--db",
        str(tmp_path / "none.db"),
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    evidence = data["evidence"]
    assert data["same_story"] and evidence["model"] == "cross-language"
    assert 0.7 < evidence["embedding_cosine"] <= 1
    assert "zcos" in evidence["contributions"] and "bias" in evidence["contributions"]
    assert not (tmp_path / "none.db").exists()


def test_an_unreadable_script_clusters_on_keys_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    page = tmp_path / "olchiki.txt"
    page.write_text("ᱥᱟᱱᱛᱟᱲᱤ ᱯᱟᱹᱨᱥᱤ ᱨᱮ ᱚᱞ ᱠᱟᱱᱟ ᱾ " * 12, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        report = ingest([str(page), str(EXAMPLES / "en-nato-summit-washington.txt")], db=tmp_path / "s.db")
    assert report.counts["new"] == 2
    assert "not embedded" in caplog.text and "keys alone" in caplog.text
    with Database(tmp_path / "s.db") as db:
        assert db.conn.execute("SELECT count(*) FROM article_vectors").fetchone()[0] == 1
        assert db.conn.execute("SELECT count(*) FROM story_articles").fetchone()[0] == 2


def test_another_model_says_so_and_reembed_fixes_it(
    tmp_path: Path, run: Callable[..., Result], caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "m.db"
    ingest([str(EXAMPLES / "nb-nobel-hidankyo.txt")], db=db)
    with caplog.at_level(logging.WARNING):
        ingest([str(EXAMPLES / "fr-nobel-hidankyo.html")], db=db, settings=Settings(semantic_budget=32))
    assert "storyline reembed" in caplog.text
    config = tmp_path / "c.toml"
    config.write_text("[storyline]\nsemantic_budget = 32\n", encoding="utf-8")
    result = run("reembed", "--db", str(db), "--config", str(config), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["model"].endswith("@32") and data["embedded"] == 2 and data["dropped"] == 1
    with Database(db) as database:
        models = {r[0] for r in database.conn.execute("SELECT model FROM article_vectors")}
        assert models == {data["model"]}
        assert len(list_stories(database)) == 1  # the two Nobel articles are one story again


def test_no_semantic_still_builds_stories(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    ingest([str(EXAMPLES)], db=db, settings=Settings(semantic="none"))
    with Database(db) as database:
        assert database.conn.execute("SELECT count(*) FROM article_vectors").fetchone()[0] == 0
    copies = {"id-pelantikan-prabowo.txt", "id-pelantikan-prabowo-salinan.txt"}
    assert any(copies <= story for story in _stories_by_file(db))
