"""Incremental clustering into the store: blocking keys, candidates, links and story merges.

Each new article's fingerprint is stored with blocking keys (entities,
numbers, dates, MinHash bands) indexed by its anchor date; its candidates are
the stored articles sharing keys inside a date window.  Matches are linked and
their stories merged (single link).  :class:`Clusterer` runs this in batches,
one write transaction each (see the package docstring).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import lru_cache

from storyline.cluster.fingerprints import Fingerprint, band_keys, entity_kind
from storyline.cluster.linkage import Placement, place
from storyline.cluster.scoring import (
    WINDOW_DAYS,
    IdfFn,
    Similarity,
    canonical_entities,
    cosine,
    idf_from,
    length_idf,
    similarity,
    term_weights,
    vector_norm,
    weighted_cosine,
)
from storyline.cluster.vectors import VectorIndex
from storyline.embed import Vector
from storyline.store.dialect import Connection, dialect_of
from storyline.story_model import StoryModel

KEY_LIMIT = 60  # articles fetched per blocking key, earliest in the window first (hub keys stay cheap)
MAX_CANDIDATES = 40  # scored per new article, those sharing most keys first
CACHE_SIZE = 5000  # fingerprints kept in memory during one update (bounded RSS)
# An article judged while its language had fewer stored articles than this is judged again
# at the end of its batch if it is still alone (Clusterer.revisit): a young collection's
# lexical weights move fast.  Bounded: only a collection's first articles per language.
REVISIT_DOCS = 500
MIN_IDF_DOCS = 20  # below this many articles of a language, document frequencies mean nothing
# SQLite page cache while clustering (KiB; every connection has 2 MB, store.db.CACHE_KIB).
# Every article probes and inserts into the blocking-key, term-frequency, fingerprint and
# story B-trees at random places; once they outgrow the cache, each batch misses and dirties
# more pages as the database grows (docs/scale.md): with 16 MB, bench/cluster.py spent 0.14
# s of kernel time a batch at 10,000 articles and 0.77 s at 100,000.  The cache is only held
# during an update (clustering_cache): a cache fills up to its size and stays, so a monitor
# that kept 256 MB grew with its database (bench/soak.py: watch +24 % RSS in 30 minutes).
PAGE_CACHE_KIB = 128 * 1024


def clustering_cache(conn: Connection) -> AbstractContextManager[None]:
    """``conn``'s page cache at :data:`PAGE_CACHE_KIB` while clustering, freed afterwards."""
    return dialect_of(conn).working_cache(conn, PAGE_CACHE_KIB)


def blocking_keys(fp: Fingerprint, mapping: Mapping[str, str]) -> list[str]:
    """Keys under which ``fp`` is indexed and looked up: strong entities, numbers, dates, bands."""
    keys = [mapping.get(e, e) for e, kind in fp.entities.items() if entity_kind(e, kind) != "country"]
    keys += [f"n:{n}" for n in fp.numbers]
    keys += [f"d:{d}" for d in fp.dates if not d.startswith("--")]
    keys += band_keys(fp.minhash) if fp.minhash else []
    return sorted(set(keys))


# All keys of the new article are looked up, counted and ranked in one statement.  The
# correlated subqueries keep the per-key cap (KEY_LIMIT, in story_keys_key index order),
# so that a hub key (a date everyone cites, a Putin) costs no more than a rare one; UNION
# counts each (key, article) once.  One shared key is usually a popular actor or a common
# date, so a candidate needs two, except a MinHash band (a near-copy), which weighs two.
# Ties go by id, so the choice does not depend on arrival order.
_CANDIDATES = """
WITH hits(key, article_id) AS ({lookups})
SELECT article_id, sum(CASE WHEN key GLOB 'b[0-9]*' THEN 2 ELSE 1 END) AS n FROM hits
WHERE article_id != :self GROUP BY article_id
HAVING sum(CASE WHEN key GLOB 'b[0-9]*' THEN 2 ELSE 1 END) >= 2 ORDER BY n DESC, article_id LIMIT :top
"""


@lru_cache(maxsize=4)
def _candidates_sql(lookup: str) -> tuple[str, str]:
    """The in-window and the undated candidate queries over a dialect's per-key lookup."""
    in_window = _CANDIDATES.format(
        lookups=lookup.format(where="day BETWEEN :first AND :last")
        + " UNION "
        + lookup.format(where="day IS NULL")
    )
    # An undated article is looked up under each key's most recently stored articles.
    return in_window, _CANDIDATES.format(lookups=lookup.format(where="1 = 1 ORDER BY rowid DESC"))


def candidates(conn: Connection, fp: Fingerprint, keys: list[str]) -> list[str]:
    """Stored articles sharing blocking keys with ``fp`` inside the date window, most keys first.

    Undated stored articles match any window; an undated ``fp`` is compared
    with the most recent articles under each key.
    """
    args = {"keys": json.dumps(keys), "self": fp.article_id, "cap": KEY_LIMIT, "top": MAX_CANDIDATES}
    window = _window(fp.window_day)
    in_window, undated = _candidates_sql(dialect_of(conn).key_lookup)
    if window:
        rows = conn.execute(in_window, args | {"first": window[0], "last": window[1]})
    else:
        rows = conn.execute(undated, args)
    return [str(r[0]) for r in rows]


def _window(day: str | None) -> tuple[str, str] | None:
    if not day:
        return None
    d = dt.date.fromisoformat(day)
    span = dt.timedelta(days=WINDOW_DAYS)
    return ((d - span).isoformat(), (d + span).isoformat())


_FINGERPRINT_SQL = "SELECT article_id, language, day, data, minhash FROM fingerprints WHERE article_id"


def load_fingerprint(conn: Connection, article_id: str) -> Fingerprint | None:
    """The stored fingerprint of one article (None when it has none yet)."""
    row = conn.execute(f"{_FINGERPRINT_SQL} = ?", (article_id,)).fetchone()
    return Fingerprint.from_row(row[0], row[1], row[2], row[3], bytes(row[4])) if row else None


def load_fingerprints(conn: Connection, article_ids: Sequence[str]) -> list[Fingerprint]:
    """The stored fingerprints of ``article_ids`` in one query (missing ones left out, order kept)."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    found = {
        str(r[0]): Fingerprint.from_row(r[0], r[1], r[2], r[3], bytes(r[4]))
        for r in conn.execute(f"{_FINGERPRINT_SQL} IN ({marks})", list(article_ids))
    }
    return [found[i] for i in article_ids if i in found]


def collection_idf(conn: Connection, language: str | None, terms: Iterable[str] = ()) -> IdfFn:
    """IDF over the stored fingerprints of one language, loading ``terms`` in one query."""
    row = conn.execute("SELECT df FROM term_df WHERE term = ?", (f"{language}|",)).fetchone()
    n = int(row[0]) if row else 0  # the empty term counts the language's articles
    if n < MIN_IDF_DOCS:
        return length_idf  # too few articles for frequencies to mean anything
    prefix = f"{language}|"
    df = {k[len(prefix) :]: v for k, v in _read_df(conn, [prefix + t for t in set(terms)]).items()}
    return idf_from(df, n)


def _read_df(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    """Stored document frequencies of ``keys`` (``language|term``); absent keys are left out."""
    wanted = sorted(set(keys))
    df: dict[str, int] = {}
    for i in range(0, len(wanted), 500):  # SQLite's default limit is 999 parameters
        chunk = wanted[i : i + 500]
        marks = ",".join("?" * len(chunk))
        df |= {
            str(t): int(c)
            for t, c in conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", chunk)
        }
    return df


def story_id_for(article_id: str) -> str:
    """The id of a story whose smallest article id is ``article_id``."""
    return f"s-{article_id[:16]}"


@dataclass(frozen=True, slots=True)
class _Vector:
    """A fingerprint with what every comparison needs precomputed once: log term frequencies."""

    fp: Fingerprint
    logtf: dict[str, float]  # term -> 1 + log(tf), the tf part of cosine's weights
    square: float  # sum of logtf squared

    @classmethod
    def of(cls, fp: Fingerprint) -> _Vector:
        logtf = {t: 1 + math.log(n) for t, n in fp.terms.items()}
        return cls(fp, logtf, sum(w * w for w in logtf.values()))


class _TermFrequencies:
    """Collection document frequencies (``language|term`` -> articles), batched.

    Frequencies are read from ``term_df`` once per batch and counted up in
    memory; :meth:`flush` writes the increments in one statement.  The batch
    runs inside one write transaction, so no other writer changes the table
    meanwhile and the values equal those of one upsert per article.
    """

    def __init__(self) -> None:
        self.known: dict[str, int] = {}
        self.pending: dict[str, int] = {}
        self.stored: dict[str, int] = {}  # as stored before this batch (absent: 0)
        # The last batch's frequencies after its flush, reused by the next batch when no
        # other connection committed meanwhile (see _carry_over).  Consecutive batches share
        # most terms (the frequent words, the stories still running), and reading them
        # again cost a random B-tree probe each, dearer as the table grows.
        self.carried: dict[str, int] = {}
        self.version: int | None = None  # the store's data version when carried was made
        self.checked = False  # carried was validated for this batch
        self.weights: dict[str, tuple[dict[str, int], dict[str, float], float]] = {}  # see weighted

    def add(self, conn: Connection, language: str | None, terms: Iterable[str]) -> dict[str, int]:
        """Count one more article of ``language`` with ``terms``; returns their frequencies after it.

        The empty term counts the language's articles.
        """
        prefix = f"{language}|"
        keys = self._load(conn, prefix, terms)
        known, pending = self.known, self.pending
        for k in keys:
            known[k] += 1
            pending[k] = pending.get(k, 0) + 1
        return {k[len(prefix) :]: known[k] for k in keys}

    def current(self, conn: Connection, language: str | None, terms: Iterable[str]) -> dict[str, int]:
        """The frequencies of ``terms`` (and ``""``: the language's articles) now, this batch included."""
        prefix = f"{language}|"
        return {k[len(prefix) :]: self.known[k] for k in self._load(conn, prefix, terms)}

    def _load(self, conn: Connection, prefix: str, terms: Iterable[str]) -> list[str]:
        """The keys of ``terms`` and of ``""`` under ``prefix``, each now in :attr:`known`."""
        keys = [prefix + t for t in ("", *terms)]
        missing = [k for k in keys if k not in self.known]
        if missing:
            stored = self.read(conn, missing)
            for k in missing:
                self.known[k] = stored[k]
        return keys

    def read(self, conn: Connection, keys: Iterable[str]) -> dict[str, int]:
        """The frequencies of ``keys`` as stored before this batch (what :func:`collection_idf` reads).

        They cannot change before :meth:`flush` (the batch holds the write lock), so
        each is read once per batch: the pairs judged between stored articles share
        most of their terms.
        """
        stored = self.stored
        missing = [k for k in dict.fromkeys(keys) if k not in stored]
        if missing:
            if not self.checked:
                self._carry_over(conn)
            carried = self.carried
            unread = [k for k in missing if k not in carried]
            found = _read_df(conn, unread) if unread else {}
            # Moved, not copied: the two dicts together hold no more than one batch's terms.
            stored |= {k: carried.pop(k) if k in carried else found.get(k, 0) for k in missing}
        return {k: stored[k] for k in keys}

    def _carry_over(self, conn: Connection) -> None:
        """Keep :attr:`carried` for this batch only if it is what the store holds.

        Another connection's commit changes the data version (PostgreSQL has none: never
        kept); a rolled-back batch of this connection leaves its articles counted in
        carried but not in the store, which the languages' counts show (SQLite 3.40 also
        moves the data version on a rollback, which it does not promise).
        """
        self.checked = True
        version = dialect_of(conn).data_version(conn)
        counts = {k: v for k, v in self.carried.items() if k.endswith("|") and v}  # "language|"
        if version is None or version != self.version or _read_df(conn, counts) != counts:
            self.carried = {}

    def idf(self, conn: Connection, language: str | None, terms: Iterable[str]) -> IdfFn:
        """:func:`collection_idf`, from the frequencies read in this batch."""
        prefix = f"{language}|"
        n = self.read(conn, [prefix])[prefix]
        if n < MIN_IDF_DOCS:
            return length_idf
        df = self.read(conn, [prefix + t for t in set(terms)])
        return idf_from({k[len(prefix) :]: v for k, v in df.items() if v}, n)

    def weighted(self, conn: Connection, fp: Fingerprint) -> tuple[dict[str, float], float]:
        """``fp``'s terms weighed as :func:`cosine` weighs them with :meth:`idf`, and their norm.

        Kept for the batch (the frequencies do not change before :meth:`flush`): the pairs
        judged between stored articles (linkage's story agreement) meet the same articles
        again and again, and weighing their terms anew was most of each pair's cost.
        """
        cached = self.weights.get(fp.article_id)
        if cached is None or cached[0] != fp.terms:
            idf = self.idf(conn, fp.language, fp.terms)
            vector = term_weights(fp.terms, idf)
            cached = self.weights[fp.article_id] = (fp.terms, vector, vector_norm(vector))
        return cached[1], cached[2]

    def flush(self, conn: Connection) -> None:
        # In key order: a batch's increments fall on most leaves of the B-tree, and in
        # arrival order each leaf was read (and spilled, dirty) again for every key.
        conn.executemany(
            "INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = term_df.df + excluded.df",
            sorted(self.pending.items()),
        )
        self.carried = self.stored | self.known  # the frequencies after this batch
        self.version = dialect_of(conn).data_version(conn)
        self.checked = False
        self.pending.clear()
        self.known.clear()
        self.stored = {}
        self.weights = {}


class Clusterer:
    """Incremental story clustering into the store: what ``update_collection`` and the bench run.

    Usage, for any number of batches::

        clusterer = Clusterer(conn, mapping, vectors=index)
        with clustering_cache(conn):
            for batch in batches:
                with db.atomic():
                    for fp, vector in batch:
                        clusterer.add(fp, vector)
                    clusterer.flush()

    :meth:`add` must run inside a write transaction and :meth:`flush` before
    it commits.  Memory is bounded: at most ``cache_size`` recent fingerprints
    (the likely candidates of the next articles, with their term vectors), the
    vectors of the days around the current one, and the term frequencies of
    one batch.  ``mapping`` (entity id -> canonical actor id) is read at each
    call, so the caller may keep it current.  Without ``vectors`` (or for an
    article without a vector) the pairs are judged on keys alone.
    """

    def __init__(
        self,
        conn: Connection,
        mapping: Mapping[str, str] | None = None,
        *,
        cache_size: int = CACHE_SIZE,
        vectors: VectorIndex | None = None,
        model: StoryModel | None = None,
    ) -> None:
        self.conn = conn
        self.mapping: Mapping[str, str] = mapping if mapping is not None else {}
        self.cache_size = cache_size
        self.vectors = vectors
        self.model = model
        self._recent: dict[str, _Vector] = {}  # insertion order = age
        self._early: list[str] = []  # articles of this batch judged in a young language (see revisit)
        self._df = _TermFrequencies()

    def add(self, fp: Fingerprint, vector: Vector | None = None) -> list[tuple[str, Similarity]]:
        """Store ``fp``, judge it against its candidates, link matches and place it in a story."""
        keys = blocking_keys(fp, self.mapping)
        found = self._candidate_ids(fp, vector, keys)
        df = self._store(fp, keys)
        new = _Vector.of(fp)
        if df[""] < REVISIT_DOCS:
            self._early.append(fp.article_id)
        judge = self._judge(new, vector, self._lexical_scorer(new, df))
        judged = judge(found)
        placement = place(self.conn, judged, judge, self._agrees)
        matches = [(i, s) for i, s in judged.items() if s.kind]
        self._record(fp.article_id, matches, placement)
        if vector is not None and self.vectors is not None:
            self.vectors.add(fp.article_id, fp.window_day, vector)
        self._remember(new)
        return matches

    def revisit(self) -> int:
        """Judge again, with this batch's final frequencies, the articles of the batch that were
        judged while their language had few articles and are still alone in their story.

        Lexical weights change fast in a young collection: an article judged among its
        language's first articles (length IDF, or frequencies of a handful of texts) can be
        kept apart from a partner that ``compare`` later calls same-story.  On the SemEval
        pairs (held-out clustering) most same-story pairs clustering missed were two such
        singletons.  Only earlier articles are candidates, as in :meth:`add`; the same
        placement rule decides.  Call before :meth:`flush`.  Returns how many joined a story.
        """
        early, self._early = self._early, []
        order = {article_id: position for position, article_id in enumerate(early)}
        joined = 0
        for position, article_id in enumerate(early):
            if self._alone(article_id):
                joined += self._place_again(article_id, order, position)
        return joined

    def _candidate_ids(self, fp: Fingerprint, vector: Vector | None, keys: list[str]) -> list[str]:
        found = candidates(self.conn, fp, keys)
        if vector is not None and self.vectors is not None:
            near = self.vectors.neighbours(fp.window_day, vector, exclude=fp.article_id)
            found = list(dict.fromkeys([*found, *(i for i, _ in near)]))
        return found

    def _alone(self, article_id: str) -> bool:
        row = self.conn.execute(
            "SELECT count(*) FROM story_articles WHERE story_id = "
            "(SELECT story_id FROM story_articles WHERE article_id = ?)",
            (article_id,),
        ).fetchone()
        return int(row[0]) <= 1

    def _place_again(self, article_id: str, order: Mapping[str, int], position: int) -> int:
        """:meth:`add`'s judgement and placement again, against candidates stored before it
        (those of the batch that come later in ``order`` than ``position`` are left out)."""
        loaded = self._vectors([article_id])
        if not loaded:
            return 0
        new = loaded[0]
        fp = new.fp
        vector = self.vectors.vectors([article_id]).get(article_id) if self.vectors is not None else None
        keys = blocking_keys(fp, self.mapping)
        found = [i for i in self._candidate_ids(fp, vector, keys) if order.get(i, -1) < position]
        judge = self._judge(new, vector, self._exact_lexical(new))
        judged = judge(found)
        placement = place(self.conn, judged, judge, self._agrees)
        if not placement.stories:
            return 0
        self._record(article_id, [(i, s) for i, s in judged.items() if s.kind], placement)
        return 1

    def flush(self) -> None:
        """Write the batched term frequencies: call before the transaction commits."""
        self._df.flush(self.conn)

    def judge_pair(self, a: str, b: str, *, explain: bool = True) -> Similarity:
        """The model's judgement of two stored articles (their collection IDF and vectors;
        ``explain``: see :func:`similarity`)."""
        found = {v.fp.article_id: v.fp for v in self._vectors([a, b])}
        if a == b or a not in found or b not in found:
            return Similarity(0.0, False, None, {})
        fa, fb = found[a], found[b]
        vecs = self.vectors.vectors([a, b]) if self.vectors is not None else {}
        cos = float(vecs[a] @ vecs[b]) if a in vecs and b in vecs else None
        lex = None
        if fa.language == fb.language and fa.language is not None:  # else similarity ignores it
            lex = weighted_cosine(*self._df.weighted(self.conn, fa), *self._df.weighted(self.conn, fb))
        return similarity(fa, fb, mapping=self.mapping, lex=lex, cos=cos, model=self.model, explain=explain)

    def _agrees(self, a: str, b: str) -> Similarity:
        # Linkage asks two stored articles only whether they link: no evidence needed.
        return self.judge_pair(a, b, explain=False)

    def _judge(
        self, new: _Vector, vector: Vector | None, lexical: Callable[[_Vector], float]
    ) -> Callable[[Sequence[str]], dict[str, Similarity]]:
        """``ids -> judgements`` of the new article against stored articles (cosines from the index)."""
        fp = new.fp
        # Mapped once for every pair: judge only lives during one add, while the mapping holds still.
        mine = canonical_entities(fp, self.mapping)

        def judge(article_ids: Sequence[str]) -> dict[str, Similarity]:
            others = self._vectors(list(article_ids))
            vecs = self.vectors.vectors(article_ids) if vector is not None and self.vectors else {}
            out = {}
            for other in others:
                oid = other.fp.article_id
                same_lang = other.fp.language == fp.language and fp.language is not None
                cos = float(vector @ vecs[oid]) if vector is not None and oid in vecs else None
                lex = lexical(other) if same_lang else None
                out[oid] = similarity(
                    fp,
                    other.fp,
                    mapping=self.mapping,
                    lex=lex,
                    cos=cos,
                    model=self.model,
                    explain=False,
                    entities_a=mine,
                )
            return out

        return judge

    def _store(self, fp: Fingerprint, keys: list[str]) -> dict[str, int]:
        """Write the fingerprint and its keys; count its terms (returns their frequencies)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO fingerprints VALUES (?, ?, ?, ?, ?)",
            (fp.article_id, fp.language, fp.day, fp.to_json(), fp.minhash),
        )
        self.conn.executemany(
            "INSERT INTO story_keys VALUES (?, ?, ?)", [(k, fp.window_day, fp.article_id) for k in keys]
        )
        return self._df.add(self.conn, fp.language, fp.terms)

    def _vectors(self, article_ids: list[str]) -> list[_Vector]:
        """The candidates' vectors, from the cache or else loaded in one query (order kept)."""
        missing = [i for i in article_ids if i not in self._recent]
        loaded = {fp.article_id: _Vector.of(fp) for fp in load_fingerprints(self.conn, missing)}
        out = (self._recent.get(i) or loaded.get(i) for i in article_ids)
        return [v for v in out if v is not None]

    def _exact_lexical(self, new: _Vector) -> Callable[[_Vector], float]:
        """``other -> cosine`` with both articles' terms weighed by the current frequencies, as
        ``compare`` weighs them (the fast scorer below weighs the other's own terms as unseen)."""
        fp = new.fp

        def score(other: _Vector) -> float:
            df = self._df.current(self.conn, fp.language, [*fp.terms, *other.fp.terms])
            n = df.pop("")
            idf = length_idf if n < MIN_IDF_DOCS else idf_from({k: v for k, v in df.items() if v}, n)
            return cosine(fp.terms, other.fp.terms, idf)

        return score

    def _lexical_scorer(self, new: _Vector, df: Mapping[str, int]) -> Callable[[_Vector], float]:
        """``other -> cosine(new.terms, other.terms, idf)`` with the collection IDF, computed fast.

        As in :func:`collection_idf`, only the new article's terms have their
        frequencies looked up; the other's remaining terms weigh as unseen
        (the largest IDF).  The other's norm is then its cached squared log-tf
        sum minus the shared terms, plus the shared terms re-weighted, so only
        shared terms are visited per pair.
        """
        n = df[""]
        if n < MIN_IDF_DOCS:
            return lambda other: cosine(new.fp.terms, other.fp.terms, length_idf)
        weight = {t: math.log((n + 1) / (df[t] + 0.5)) for t in new.logtf}
        unseen = math.log((n + 1) / 0.5)
        mine = {t: w * weight[t] for t, w in new.logtf.items()}
        norm = math.sqrt(sum(w * w for w in mine.values()))

        def score(other: _Vector) -> float:
            dot = shared_square = reweighted = 0.0
            for t in mine.keys() & other.logtf.keys():
                tf = other.logtf[t]
                dot += mine[t] * tf * weight[t]
                shared_square += tf * tf
                reweighted += (tf * weight[t]) ** 2
            other_norm = math.sqrt(max(0.0, unseen * unseen * (other.square - shared_square)) + reweighted)
            return dot / (norm * other_norm) if norm and other_norm else 0.0

        return score

    def _record(self, article_id: str, matches: list[tuple[str, Similarity]], placement: Placement) -> None:
        self.conn.executemany(
            "INSERT OR REPLACE INTO article_links VALUES (?, ?, ?, ?, ?, ?)",
            [
                (article_id, other, s.kind, s.score, _evidence(s), placement.rules.get(other))
                for other, s in matches
            ],
        )
        _merge_stories(self.conn, article_id, list(placement.stories))

    def _remember(self, vector: _Vector) -> None:
        self._recent[vector.fp.article_id] = vector
        if len(self._recent) > self.cache_size:  # recent fingerprints are the likely candidates
            del self._recent[next(iter(self._recent))]


def _evidence(sim: Similarity) -> str:
    return json.dumps(sim.evidence, ensure_ascii=False)


def _merge_stories(conn: Connection, article_id: str, stories: list[str]) -> str:
    """Put ``article_id`` with ``stories`` (merging them); the merged story takes the smallest id."""
    ids = {story_id_for(article_id), *stories}
    target = min(ids)
    for old in ids - {target}:
        conn.execute("UPDATE story_articles SET story_id = ? WHERE story_id = ?", (target, old))
    conn.execute("INSERT OR REPLACE INTO story_articles VALUES (?, ?)", (article_id, target))
    return target
