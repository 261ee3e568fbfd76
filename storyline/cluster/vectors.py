"""Stored article embeddings for clustering: read by day, searched within the date window.

Vectors live in ``article_vectors`` (float16, with the model that made them).
Clustering never holds every vector: :class:`VectorIndex` loads the vectors of
one anchor day at a time, keeps the days of the current window (and a few
before, since articles arrive roughly in date order), and drops the oldest
beyond ``max_days``; undated articles are compared with the most recently
stored ones, and dated ones with their window and the most recent undated
ones.  A search is one matrix product over the window's vectors, so it
costs what the window holds, not what the collection holds.  A batch's
articles announced with :meth:`VectorIndex.expect` share that product: one
matrix-matrix product per window day for the whole batch, and per article
only the rows the batch itself added since.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate

import numpy as np

from storyline.cluster.fingerprints import UNPUBLISHED_LIKE
from storyline.embed import Vector, from_blob
from storyline.store.dialect import Connection

NEIGHBOURS = 12  # vector candidates per article, besides those sharing keys
MIN_NEIGHBOUR_COS = 0.80  # e5 cosines of unrelated news sit at 0.78-0.82 (SemEval pairs)
UNDATED_SCAN = 2000  # an undated article is compared with this many most recent vectors
# Expected articles whose scores against one day are computed in one product: bounds the
# products' memory (1000 articles x a day's 1000 vectors: 4 MB a day) whatever the batch.
PRODUCT_ROWS = 1000
# One anchor day's vectors.  CROSS JOIN keeps SQLite on the day's fingerprints: left to
# choose, it read every vector of the model (its index) and looked each one's day up, a
# cost growing with the collection at every new day.
DAY_SQL = (
    "SELECT v.article_id, v.vector FROM fingerprints f CROSS JOIN article_vectors v "
    "WHERE v.article_id = f.article_id AND f.day = ? AND v.model = ?"
)


class _Day:
    """One anchor day's vectors: ids and a matrix that grows in place (rows in arrival order)."""

    __slots__ = ("_known", "_rows", "_size", "ids")

    def __init__(self, ids: Sequence[str], matrix: np.ndarray) -> None:
        self.ids = list(ids)
        self._known = set(self.ids)
        self._rows = matrix  # (capacity, dim) float32; the first len(ids) rows are filled
        self._size = len(self.ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._known

    @property
    def matrix(self) -> np.ndarray:
        return self._rows[: self._size]

    def append(self, article_id: str, vector: Vector) -> None:
        # Doubling the capacity: a day of n arrivals copies O(n) rows in all, not O(n^2).
        if self._size == len(self._rows) or self._rows.shape[1] != vector.shape[0]:
            grown = np.empty((max(16, 2 * self._size), vector.shape[0]), dtype=np.float32)
            if self._size:
                grown[: self._size] = self._rows[: self._size]
            self._rows = grown
        self._rows[self._size] = vector
        self._size += 1
        self.ids.append(article_id)
        self._known.add(article_id)


@dataclass(frozen=True, slots=True)
class _Product:
    """The cosines of expected articles ``first``.. with a day's first ``size`` vectors."""

    block: _Day
    size: int
    first: int
    scores: np.ndarray  # (expected articles, size)


class VectorIndex:
    """The vectors of one model, by anchor day, for candidate search and pair cosines."""

    def __init__(self, conn: Connection, model: str, *, window_days: int, max_days: int = 64) -> None:
        self.conn = conn
        self.model = model
        self.window_days = window_days
        self.max_days = max_days
        self._days: OrderedDict[str | None, _Day] = OrderedDict()
        self._own: dict[str, Vector] = {}  # vectors added during this run, by id
        self._expected: dict[str, int] = {}  # the batch announced by expect: id -> row
        self._batch = np.zeros((0, 0), dtype=np.float32)  # their vectors, in arrival order
        self._products: dict[int, _Product] = {}  # by id() of the day's block, this batch only

    def expect(self, article_ids: Sequence[str]) -> None:
        """Read the vectors of the articles about to be clustered, in arrival order.

        Their searches then share one matrix product per window day instead of one
        matrix-vector product per article and day: a matrix-vector product reads the
        whole window from memory for a single article, most of a search's cost.
        """
        self._expected, self._products = {}, {}
        self._batch = np.zeros((0, 0), dtype=np.float32)
        found = self.vectors(article_ids)
        ids = [i for i in dict.fromkeys(article_ids) if i in found]
        if ids:
            self._batch = np.vstack([found[i] for i in ids])
            self._expected = {article_id: row for row, article_id in enumerate(ids)}

    def vectors(self, article_ids: Iterable[str]) -> dict[str, Vector]:
        """The stored vectors of ``article_ids`` (those without one are left out)."""
        wanted = list(dict.fromkeys(article_ids))
        out = {i: self._own[i] for i in wanted if i in self._own}
        out |= {i: self._batch[self._expected[i]] for i in wanted if i not in out and i in self._expected}
        missing = [i for i in wanted if i not in out]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT article_id, vector FROM article_vectors WHERE model = ? AND article_id IN ({marks})",
                [self.model, *chunk],
            )
            out |= {str(r[0]): from_blob(bytes(r[1])) for r in rows}
        return out

    def add(self, article_id: str, day: str | None, vector: Vector) -> None:
        """Make a just-clustered article findable by the next ones."""
        self._own[article_id] = vector
        cached = self._days.get(day)
        if cached is not None and article_id not in cached:
            cached.append(article_id, vector)
            if day is None and len(cached.ids) > 2 * UNDATED_SCAN:
                del self._days[None]  # reloaded with the most recent ones when next needed
        if len(self._own) > 20000:  # the day cache has them too; keep this map bounded
            self._own.pop(next(iter(self._own)))

    def neighbours(
        self, day: str | None, vector: Vector, *, exclude: str, k: int = NEIGHBOURS
    ) -> list[tuple[str, float]]:
        """The ``k`` nearest stored articles in the date window, by cosine, above the floor."""
        # A dated article meets the window's days and the undated articles (as its keys do).
        blocks = (
            [*map(self._day, _window_days(day, self.window_days)), self._undated()]
            if day
            else [self._recent()]
        )
        blocks = [b for b in blocks if b.ids]
        if not blocks:
            return []
        # Block by block: stacking the window's matrices first copied them for every article
        # (and one large product runs on BLAS threads that spin on a shared core).
        row = self._expected.get(exclude) if day else None  # undated: _recent is read anew each time
        if row is not None and not np.array_equal(self._batch[row], vector):
            row = None  # not the vector announced: searched alone
        scores = np.concatenate([self._scores(b, vector, row) for b in blocks])
        # Only the leaders' ids are looked up: joining the window's id lists cost more than the product.
        ends = list(accumulate(len(b.ids) for b in blocks))
        found = []
        for j in _leaders(scores, k + 1, MIN_NEIGHBOUR_COS):
            b = bisect_right(ends, int(j))
            found.append((blocks[b].ids[j - (ends[b - 1] if b else 0)], float(scores[j])))
        # Equal cosines (copies with one vector) go by id, whatever order the blocks hold them in.
        found.sort(key=lambda pair: (-pair[1], pair[0]))
        return [pair for pair in found if pair[0] != exclude][:k]

    def _scores(self, block: _Day, vector: Vector, row: int | None) -> np.ndarray:
        """``block``'s cosines with ``vector``, the expected article at ``row`` of the batch."""
        if row is None:
            return block.matrix @ vector
        product = self._products.get(id(block))
        if product is None or product.block is not block or not 0 <= row - product.first < PRODUCT_ROWS:
            # From this article on: the batch's earlier articles have been searched already.
            scores = self._batch[row : row + PRODUCT_ROWS] @ block.matrix.T
            product = self._products[id(block)] = _Product(block, len(block.ids), row, scores)
        head: np.ndarray = product.scores[row - product.first]
        if product.size == len(block.ids):
            return head
        # The vectors the batch added to this day since the product: few, one by one.
        return np.concatenate([head, block.matrix[product.size :] @ vector])

    def _day(self, day: str) -> _Day:
        if day in self._days:
            self._days.move_to_end(day)
            return self._days[day]
        rows = self.conn.execute(DAY_SQL, (day, self.model)).fetchall()
        block = _block([(str(r[0]), bytes(r[1])) for r in rows])
        self._days[day] = block
        while len(self._days) > self.max_days:
            self._days.popitem(last=False)
        return block

    def _undated(self) -> _Day:
        """The vectors of the most recent articles without a publication date (kept under the day
        ``None``, grown by :meth:`add`)."""
        if None not in self._days:
            self._days[None] = self._latest("(f.day IS NULL OR f.data LIKE ?)", (UNPUBLISHED_LIKE,))
        return self._days[None]

    def _recent(self) -> _Day:
        return self._latest("1 = 1", ())

    def _latest(self, where: str, params: tuple[str, ...]) -> _Day:
        """The :data:`UNDATED_SCAN` most recently stored vectors whose fingerprints match ``where``."""
        # The newest fingerprints first, stopping at the limit (CROSS JOIN: see _day).
        rows = self.conn.execute(
            "SELECT v.article_id, v.vector FROM fingerprints f CROSS JOIN article_vectors v "
            f"WHERE v.article_id = f.article_id AND v.model = ? AND {where} ORDER BY f.rowid DESC LIMIT ?",
            (self.model, *params, UNDATED_SCAN),
        ).fetchall()
        return _block([(str(r[0]), bytes(r[1])) for r in rows])


def _leaders(scores: np.ndarray, k: int, floor: float) -> np.ndarray:
    """Positions of the ``k`` highest scores at or above ``floor``, and of any equal to the lowest of them."""
    if len(scores) > k:
        # Selecting without sorting: a full sort of the window cost more than its product.
        floor = max(floor, float(np.partition(scores, len(scores) - k)[len(scores) - k]))
    return np.flatnonzero(scores >= floor)


def _block(rows: Sequence[tuple[str, bytes]]) -> _Day:
    if not rows:
        return _Day((), np.zeros((0, 0), dtype=np.float32))
    return _Day(tuple(r[0] for r in rows), np.vstack([from_blob(r[1]) for r in rows]))


def _window_days(day: str, span: int) -> list[str]:
    d = dt.date.fromisoformat(day)
    return [(d + dt.timedelta(days=i)).isoformat() for i in range(-span, span + 1)]
