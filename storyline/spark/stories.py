"""``storyline spark stories``: the analysed articles grouped into stories, at scale.

One machine clusters articles one at a time against a database; here every
step is a Spark stage over the fingerprints that ``spark analyze`` stored:

1. *Blocking.*  Each article is emitted under each of its blocking keys
   (:func:`storyline.cluster.clusterer.blocking_keys`: strong entities,
   salient numbers, dates, MinHash bands) and under its date bucket of
   :data:`WINDOW_DAYS` days (and the next one, so that any two articles in
   the window meet in a bucket).  A pair is a candidate when it shares two
   keys (a band counts two), as on one machine; a hub key pairs each article
   with its :data:`KEY_LIMIT` nearest in date only, so its cost stays linear.
   With vectors, the :data:`NEIGHBOURS` nearest articles in the window above
   :data:`MIN_NEIGHBOUR_COS` are candidates too.
2. *Decision.*  Each candidate pair gets :func:`storyline.cluster.scoring.similarity`
   with the packaged same-story model, term weights from the whole corpus's
   document frequencies per language, and the pair's embedding cosine.
3. *Stories.*  Linked articles form a story (connected components, on the
   driver: one integer pair per link).  The story id is made as on one
   machine, from the smallest article id.

What differs from one machine, and why: actor identities are not resolved
across articles first (keys are the extracted ids), and a story is the
component of its links rather than the average-linkage placement, which
needs the arrival order a parallel job does not have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from storyline.cluster.clusterer import KEY_LIMIT, MIN_IDF_DOCS, blocking_keys, story_id_for
from storyline.cluster.fingerprints import Fingerprint
from storyline.cluster.scoring import WINDOW_DAYS, IdfFn, idf_from, length_idf, similarity
from storyline.cluster.vectors import MIN_NEIGHBOUR_COS, NEIGHBOURS
from storyline.embed import from_blob
from storyline.export import Column

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

STORY_COLUMNS = (Column("article_id", "string", "article"), Column("story_id", "string", "its story"))
LINK_COLUMNS = (
    Column("article_id", "string", "one article of the pair (the smaller id)"),
    Column("other_id", "string", "the other article"),
    Column("score", "float", "same-story probability"),
    Column("kind", "string", "copy | translation | story"),
)
Node = tuple[str, str | None, str | None, str, bytes, bytes | None, str | None]  # an articles row
_UNDATED = -1


def fingerprint(node: Node) -> Fingerprint:
    aid, language, day, data, minhash = node[:5]
    return Fingerprint.from_row(aid, language, day, data, minhash)


def bucket(day: str | None) -> int:
    return dt.date.fromisoformat(day).toordinal() // WINDOW_DAYS if day else _UNDATED


def key_entries(node: Node) -> Iterator[tuple[tuple[str, int], tuple[int, str]]]:
    """``((key, bucket), (ordinal day, id))`` for each blocking key, in its bucket and the next."""
    fp = fingerprint(node)
    b = bucket(fp.day)
    ordinal = dt.date.fromisoformat(fp.day).toordinal() if fp.day else 0
    for key in blocking_keys(fp, {}):
        for bb in (b, b + 1) if b != _UNDATED else (b,):
            yield (key, bb), (ordinal, fp.article_id)


def key_pairs(
    entry: tuple[tuple[str, int], Iterable[tuple[int, str]]],
) -> Iterator[tuple[tuple[str, str], tuple[str, int]]]:
    """Pairs under one key and bucket, each article with its ``KEY_LIMIT`` nearest in date after it."""
    (key, _), members = entry
    ordered = sorted(set(members))
    weight = 2 if key[:1] == "b" and key[1:2].isdigit() else 1
    for i, (day_a, a) in enumerate(ordered):
        for day_b, b in ordered[i + 1 : i + 1 + KEY_LIMIT]:
            if day_a and day_b and abs(day_a - day_b) > WINDOW_DAYS:
                break
            yield (min(a, b), max(a, b)), (key, weight)


def vector_pairs(entry: tuple[int, Iterable[Node]]) -> Iterator[tuple[str, str]]:
    """The nearest neighbours by embedding of each article of one date bucket (same model only)."""
    _, nodes = entry
    by_model: dict[str, list[Node]] = {}
    for node in nodes:
        if node[5] and node[6]:
            by_model.setdefault(node[6], []).append(node)
    for group in by_model.values():
        ids = [n[0] for n in group]
        matrix = np.vstack([from_blob(n[5] or b"") for n in group])
        for start in range(0, len(ids), 512):
            scores = matrix[start : start + 512] @ matrix.T
            for row, i in enumerate(range(start, min(start + 512, len(ids)))):
                for j in np.argsort(-scores[row])[: NEIGHBOURS + 1]:
                    if j != i and scores[row, j] >= MIN_NEIGHBOUR_COS:
                        yield (min(ids[i], ids[j]), max(ids[i], ids[j]))


def term_counts(node: Node) -> Iterator[tuple[str, int]]:
    fp = fingerprint(node)
    yield f"{fp.language}|", 1  # the empty term counts the language's articles, as the store does
    for term in fp.terms:
        yield f"{fp.language}|{term}", 1


def judge(
    df: dict[str, int], pair: tuple[tuple[str, str], tuple[Node, Node]]
) -> Iterator[tuple[str, str, float, str]]:
    """The one-machine decision on one candidate pair: ``(a, b, score, kind)`` when they are linked."""
    (a, b), (node_a, node_b) = pair
    fa, fb = fingerprint(node_a), fingerprint(node_b)
    cos = None
    if node_a[5] and node_b[5] and node_a[6] == node_b[6]:
        cos = float(from_blob(node_a[5]) @ from_blob(node_b[5]))
    idf = _idf(df, fa.language, {*fa.terms, *fb.terms})
    sim = similarity(fa, fb, idf=idf, cos=cos)
    if sim.same_story and sim.kind:
        yield a, b, sim.score, sim.kind


def _idf(df: dict[str, int], language: str | None, terms: Iterable[str]) -> IdfFn:
    """IDF over the whole corpus's document frequencies of ``language`` (of the pair's terms)."""
    prefix = f"{language}|"
    n = df.get(prefix, 0)
    if n < MIN_IDF_DOCS:
        return length_idf  # too few articles for frequencies to mean anything, as on one machine
    return idf_from({t: df.get(prefix + t, 0) for t in terms}, n)


def components(ids: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Story id of every article: its component of links, named by the smallest id in it."""
    parent = {i: i for i in ids}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: story_id_for(root(i)) for i in parent}


def run_stories(spark: SparkSession, source: str, out: str) -> dict[str, int]:
    """Stories of the articles under ``source`` (``spark analyze`` output), written under ``out``."""
    from storyline.spark.session import spark_schema

    columns = ["id", "language", "day", "fingerprint", "minhash", "vector", "vector_model"]
    nodes: RDD[Node] = spark.read.parquet(f"{source}/articles").select(*columns).rdd.map(tuple).cache()
    df = dict(nodes.flatMap(term_counts).reduceByKey(lambda x, y: x + y).collect())
    shared = spark.sparkContext.broadcast(df)
    by_key = nodes.flatMap(key_entries).groupByKey().flatMap(key_pairs).distinct()
    keyed = (
        by_key.map(lambda p: (p[0], p[1][1]))
        .reduceByKey(lambda x, y: x + y)
        .filter(lambda p: p[1] >= 2)
        .keys()
    )
    near = nodes.flatMap(_in_buckets).groupByKey().flatMap(vector_pairs)
    candidates = keyed.union(near).distinct()
    by_id = nodes.keyBy(lambda n: n[0])
    pairs = (
        candidates.join(by_id)
        .map(lambda p: (p[1][0], (p[0], p[1][1])))
        .join(by_id)
        .map(lambda p: ((p[1][0][0], p[0]), (p[1][0][1], p[1][1])))
    )
    links = pairs.flatMap(lambda p: judge(shared.value, p)).collect()
    ids = nodes.map(lambda n: n[0]).collect()
    story = components(ids, [(a, b) for a, b, _, _ in links])
    spark.createDataFrame(sorted(story.items()), schema=spark_schema(STORY_COLUMNS)).write.mode(
        "overwrite"
    ).parquet(f"{out}/stories")
    spark.createDataFrame(links, schema=spark_schema(LINK_COLUMNS)).write.mode("overwrite").parquet(
        f"{out}/story_links"
    )
    nodes.unpersist()
    return {
        "articles": len(ids),
        "candidates": int(candidates.count()),
        "links": len(links),
        "stories": len(set(story.values())),
    }


def _in_buckets(node: Node) -> Iterator[tuple[int, Node]]:
    if not node[5]:
        return
    b = bucket(node[2])
    yield from ((bb, node) for bb in ((b, b + 1) if b != _UNDATED else (b,)))
