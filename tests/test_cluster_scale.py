"""The scalable clusterer decides exactly as the pairwise similarity does, in any batching."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from storyline.api import ingest
from storyline.cluster import (
    MIN_IDF_DOCS,
    PAGE_CACHE_KIB,
    Clusterer,
    Fingerprint,
    candidates,
    clustering_cache,
    collection_idf,
    minhash_bytes,
    similarity,
    top_terms,
)
from storyline.cluster.scoring import canonical_entities
from storyline.collection import update_collection
from storyline.store.db import CACHE_KIB, Database
from storyline.stories import list_stories
from storyline.story_model import VARIANT_FEATURES, LinearModel, StoryModel

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _texts() -> list[str]:
    """Paragraphs of the example corpus: real sentences in several languages."""
    paragraphs = []
    for f in sorted(EXAMPLES.glob("*.txt")):
        raw = f.read_bytes()
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue  # the corpus's UTF-16 and Latin-1 samples test decoding, not clustering
        text = raw.decode("utf-8", errors="replace")
        paragraphs += [p for p in text.split("\n\n") if len(p) > 120]
    return paragraphs


def _stub(db: Database, fps: list[Fingerprint]) -> None:
    with db.atomic() as conn:
        conn.executemany(
            "INSERT INTO articles (id, digest, text_hash, raw_text, text, removed, paragraphs, source_path, "
            "ingested_at, pipeline_version, language, published) "
            "VALUES (?, ?, ?, '', '', '[]', '[]', '', '', '', ?, ?)",
            [(f.article_id, f.article_id, f.article_id, f.language, f.day) for f in fps],
        )


def _fingerprints() -> list[Fingerprint]:
    """One language, every article sharing a person and the day: all are each other's candidates."""
    texts = _texts()
    assert len(texts) > MIN_IDF_DOCS, "enough paragraphs for collection frequencies to count"
    return [
        Fingerprint(
            f"a{i:03d}",
            "xx",
            "2024-11-29",
            entities={"person:andreibelusov": "person"},
            dates=("2024-11-29",),
            terms=top_terms(text + " " + texts[(i + 1) % len(texts)]),  # neighbours share words
            minhash=minhash_bytes(text),
        )
        for i, text in enumerate(texts)
    ]


def test_clusterer_matches_equal_pairwise_similarity_with_the_collection_idf(tmp_path: Path) -> None:
    fps = _fingerprints()
    db = Database(tmp_path / "c.db")
    _stub(db, fps)
    clusterer = Clusterer(db.conn, {})
    with db.atomic():
        for fp in fps[:-1]:
            clusterer.add(fp)
        clusterer.flush()
    last = fps[-1]
    with db.atomic() as conn:
        found = candidates(conn, last, ["person:andreibelusov", "d:2024-11-29"])
        matches = dict(clusterer.add(last))
        clusterer.flush()
    idf = collection_idf(db.conn, "xx", last.terms)  # now counts the last article too
    expected = {}
    for other in (fp for fp in fps if fp.article_id in found):
        sim = similarity(last, other, idf=idf)
        if sim.kind:
            expected[other.article_id] = sim
    assert expected, "neighbouring paragraphs share words: some pairs must link"
    assert matches.keys() == expected.keys()
    for other_id, sim in expected.items():
        assert matches[other_id].kind == sim.kind
        assert matches[other_id].score == pytest.approx(sim.score, abs=1e-4)
        assert matches[other_id].evidence["lexical_cosine"] == sim.evidence["lexical_cosine"]


def test_term_frequencies_count_every_article_once_per_term_across_batches(tmp_path: Path) -> None:
    fps = _fingerprints()
    db = Database(tmp_path / "df.db")
    _stub(db, fps)
    clusterer = Clusterer(db.conn, {})
    for start in range(0, len(fps), 7):
        with db.atomic():
            for fp in fps[start : start + 7]:
                clusterer.add(fp)
            clusterer.flush()
    stored = {str(t): int(n) for t, n in db.conn.execute("SELECT term, df FROM term_df")}
    assert stored["xx|"] == len(fps)
    for term in ("andrei", *list(fps[0].terms)[:20]):
        assert stored.get(f"xx|{term}", 0) == sum(term in fp.terms for fp in fps)


def test_undated_article_finds_stored_articles_sharing_keys(tmp_path: Path) -> None:
    fps = _fingerprints()[:3]
    undated = Fingerprint("z", "xx", None, entities=dict(fps[0].entities), dates=fps[0].dates)
    db = Database(tmp_path / "u.db")
    _stub(db, [*fps, undated])
    clusterer = Clusterer(db.conn, {})
    with db.atomic() as conn:
        for fp in fps:
            clusterer.add(fp)
        clusterer.flush()
        found = candidates(conn, undated, ["d:2024-11-29", "person:andreibelusov"])
    assert sorted(found) == sorted(fp.article_id for fp in fps)


def test_batched_update_gives_the_stories_of_article_by_article_ingest(tmp_path: Path) -> None:
    db = Database(tmp_path / "ex.db")
    ingest([str(EXAMPLES)], db=db)  # clusters the articles as they are stored
    stories = {(s["id"], tuple(s["articles"])) for s in list_stories(db)}
    links_sql = "SELECT article_id, other_id, kind FROM article_links ORDER BY 1, 2"
    links = db.conn.execute(links_sql).fetchall()
    with db.atomic() as conn:  # forget the collection, keep the articles and their extractions
        for table in ("dated_sentences", "story_articles", "article_links", "story_keys", "term_df"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM fingerprints")
        conn.execute("DELETE FROM entities")
    counts = update_collection(db)  # all articles again, in batches
    assert counts["articles"] == db.conn.execute("SELECT count(*) FROM articles").fetchone()[0] > 10
    assert {(s["id"], tuple(s["articles"])) for s in list_stories(db)} == stories
    assert db.conn.execute(links_sql).fetchall() == links
    assert db.conn.execute("PRAGMA cache_size").fetchone()[0] == -CACHE_KIB  # as before the update


def test_clustering_raises_the_page_cache_for_the_work_only(tmp_path: Path) -> None:
    db = Database(tmp_path / "p.db")
    size = "PRAGMA cache_size"
    assert db.conn.execute(size).fetchone()[0] == -CACHE_KIB
    with clustering_cache(db.conn):
        assert db.conn.execute(size).fetchone()[0] == -PAGE_CACHE_KIB
    assert db.conn.execute(size).fetchone()[0] == -CACHE_KIB  # set back after the work
    db.conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB * 2}")
    with clustering_cache(db.conn):  # never lowered
        assert db.conn.execute(size).fetchone()[0] == -PAGE_CACHE_KIB * 2
    assert db.conn.execute(size).fetchone()[0] == -PAGE_CACHE_KIB * 2


def _constant_model(probability_logit: float) -> StoryModel:
    """A real story model whose every variant gives one fixed probability (bias only)."""
    variant = LinearModel(("lex",), (0.0,), probability_logit, 0.5)
    return StoryModel(dict.fromkeys(VARIANT_FEATURES, variant))


def test_revisit_places_again_the_early_articles_left_alone(tmp_path: Path) -> None:
    """Articles judged in a young collection and still alone are judged again at the batch's end,
    against earlier articles only, by the same placement rule (here: a model that now says yes)."""
    fps = _fingerprints()[:6]
    db = Database(tmp_path / "r.db")
    _stub(db, fps)
    clusterer = Clusterer(db.conn, {}, model=_constant_model(-20.0))  # never the same story
    with db.atomic():
        for fp in fps:
            clusterer.add(fp)
        assert db.conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0] == 6
        clusterer.model = _constant_model(20.0)  # every pair the same story from now on
        assert clusterer.revisit() == 5  # the first article has no earlier one to join
        clusterer.flush()
    assert db.conn.execute("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0] == 1
    assert clusterer.revisit() == 0  # nothing left to revisit


def _batches(clusterer: Clusterer, db: Database, *batches: list[Fingerprint]) -> None:
    for batch in batches:
        with db.atomic():
            for fp in batch:
                clusterer.add(fp)
            clusterer.flush()


def _judged_with_the_stored_frequencies(
    clusterer: Clusterer, db: Database, a: Fingerprint, b: Fingerprint
) -> bool:
    """Whether the clusterer judges ``a`` and ``b`` (in a new batch) with the frequencies the store holds."""
    with db.atomic() as conn:
        judged = clusterer.judge_pair(a.article_id, b.article_id)
        expected = similarity(a, b, idf=collection_idf(conn, "xx", [*a.terms, *b.terms]))
        clusterer.flush()
    return bool(judged.evidence["lexical_cosine"] == expected.evidence["lexical_cosine"])


def test_frequencies_kept_from_the_last_batch_are_dropped_when_another_connection_commits(
    tmp_path: Path,
) -> None:
    fps = _fingerprints()
    db = Database(tmp_path / "v.db")
    _stub(db, fps)
    clusterer = Clusterer(db.conn, {})
    _batches(clusterer, db, fps[:-3], fps[-3:-1])
    assert _judged_with_the_stored_frequencies(clusterer, db, fps[-3], fps[-2])
    with Database(tmp_path / "v.db") as other, other.atomic() as conn:  # another writer, between batches
        conn.execute("UPDATE term_df SET df = df * 7 WHERE term > 'xx|' AND length(term) % 2 = 0")
    assert _judged_with_the_stored_frequencies(clusterer, db, fps[-3], fps[-2])


def test_frequencies_of_a_rolled_back_batch_are_not_kept(tmp_path: Path) -> None:
    fps = _fingerprints()
    # Articles with the words of the second one: counted, they would make its words common.
    echoes = [Fingerprint(f"r{i}", "xx", fps[1].day, terms=fps[1].terms) for i in range(30)]
    db = Database(tmp_path / "r.db")
    _stub(db, [*fps, *echoes])
    clusterer = Clusterer(db.conn, {})
    _batches(clusterer, db, fps)
    with pytest.raises(RuntimeError), db.atomic():
        for fp in echoes:
            clusterer.add(fp)
        clusterer.flush()
        raise RuntimeError("the batch fails after its flush")
    assert _judged_with_the_stored_frequencies(clusterer, db, fps[0], fps[1])


def test_judge_pair_keeps_term_weights_for_its_batch_only(tmp_path: Path) -> None:
    fps = _fingerprints()
    db = Database(tmp_path / "w.db")
    _stub(db, fps)
    clusterer = Clusterer(db.conn, {})
    half = len(fps) // 2
    _batches(clusterer, db, fps[:half])
    a, b, c = fps[0], fps[1], fps[2]
    for batch in (fps[half:], []):  # the first flush moves every frequency
        with db.atomic() as conn:
            for fp in batch:
                clusterer.add(fp)
            for x, y in ((a, b), (a, c), (b, a)):  # a's weights are reused within the batch
                expected = similarity(x, y, idf=collection_idf(conn, "xx", [*x.terms, *y.terms]))
                judged = clusterer.judge_pair(x.article_id, y.article_id)
                assert (judged.score, judged.evidence) == (expected.score, expected.evidence)
            clusterer.flush()


def test_pairs_judged_without_explanation_keep_their_score_and_kind() -> None:
    fps = _fingerprints()
    kinds = set()
    for a, b in pairwise(fps):
        full = similarity(a, b)
        quick = similarity(a, b, explain=False)
        assert (quick.score, quick.same_story, quick.kind) == (full.score, full.same_story, full.kind)
        assert quick.evidence == (full.evidence if full.kind else {})
        assert full.evidence["contributions"]  # the explained pair still says what each signal gave
        kinds.add(full.kind)
    assert None in kinds and len(kinds) > 1  # linked pairs and unlinked ones


def test_entities_mapped_once_for_many_pairs_judge_as_mapped_per_pair() -> None:
    fps = _fingerprints()
    mapping = {"person:andreibelusov": "actor:q1"}
    mine = canonical_entities(fps[0], mapping)
    assert mine == {"actor:q1": "person"}
    for other in fps[1:6]:
        assert similarity(fps[0], other, mapping=mapping, entities_a=mine) == similarity(
            fps[0], other, mapping=mapping
        )
