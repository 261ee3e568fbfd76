"""Which of two copies (or an article and its translation) is the original, and why.

Arrival order says nothing: a syndicated copy is often scraped first.  The
evidence, strongest first:

1. **earlier publication**: the article published on an earlier day;
2. **attribution**: a copy names its source — "JAKARTA, Warta Nusantara —",
   "Source: wartanusantara.example" — so the article whose site the other
   one's text names (and not the other way round) is the original;
3. **arrival**: without evidence, the article stored first stays the original.

The decision is written where the collection keeps it: ``articles.copy_of``
for exact copies, the direction of the ``article_links`` row (``other_id`` is
the original) with ``original_by`` in its evidence.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

from storyline.extract.names import fold
from storyline.store.dialect import Connection

_GENERIC_LABELS = frozenset({"www", "m", "amp", "news", "edition", "mobile", "en", "beta"})


@dataclass(slots=True)
class _Side:
    id: str
    published: str | None
    site: str | None  # the site's name as one folded word (wartanusantara)
    raw: str
    rowid: int
    squashed: str | None = None  # folded text without spaces, made when first asked (it costs)

    def names(self, site: str | None) -> bool:
        """Whether this article's text names ``site`` (a folded word)."""
        if site is None:
            return False
        if self.squashed is None:
            self.squashed = _squash(self.raw)
        return site in self.squashed


def original_of(sa: _Side, sb: _Side) -> tuple[str, str]:
    """``(original id, reason)`` for two stored articles that are copies or translations of each other."""
    if sa.published and sb.published and sa.published != sb.published:
        first = sa if sa.published < sb.published else sb
        return first.id, "earlier publication"
    a_names_b, b_names_a = sa.names(sb.site), sb.names(sa.site)
    if a_names_b != b_names_a:
        return (sb.id if a_names_b else sa.id), "attribution"
    first = sa if sa.rowid <= sb.rowid else sb
    return first.id, "arrival"


def settle_copy(conn: Connection, article_id: str) -> None:
    """Point an exact copy's ``copy_of`` at the original the evidence names (it may be this article)."""
    row = conn.execute("SELECT copy_of FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None or row[0] is None:
        return
    other = str(row[0])
    original, _ = original_of(_side(conn, article_id), _side(conn, other))
    if original == article_id:
        conn.execute(
            "UPDATE articles SET copy_of = ? WHERE copy_of = ? OR id = ?", (article_id, other, other)
        )
        conn.execute("UPDATE articles SET copy_of = NULL WHERE id = ?", (article_id,))


def settle_links(conn: Connection, article_id: str, others: Iterable[str]) -> None:
    """Orient copy and translation links so that ``other_id`` is the original, with the reason."""
    mine: _Side | None = None  # read once for all its links
    for other in others:
        row = conn.execute(
            "SELECT kind, score, evidence, rule FROM article_links WHERE article_id = ? AND other_id = ?",
            (article_id, other),
        ).fetchone()
        if row is None or row[0] not in {"copy", "translation"}:
            continue
        mine = mine or _side(conn, article_id)
        original, reason = original_of(mine, _side(conn, other))
        evidence = json.loads(row[2]) | {"original_by": reason}
        copy = other if original == article_id else article_id
        conn.execute("DELETE FROM article_links WHERE article_id = ? AND other_id = ?", (article_id, other))
        conn.execute(
            "INSERT OR REPLACE INTO article_links VALUES (?, ?, ?, ?, ?, ?)",
            (copy, original, row[0], row[1], json.dumps(evidence, ensure_ascii=False), row[3]),
        )


def _side(conn: Connection, article_id: str) -> _Side:
    row = conn.execute(
        "SELECT id, published, url, raw_text, rowid FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return _Side(str(row[0]), row[1], _site(row[2]), str(row[3]), int(row[4]))


def _site(url: str | None) -> str | None:
    """The distinctive label of a URL's host (``wartanusantara`` of www.wartanusantara.example)."""
    if not url:
        return None
    labels = [x for x in (urlsplit(url).hostname or "").split(".")[:-1] if x not in _GENERIC_LABELS]
    label = _squash(labels[-1]) if labels else ""
    return label if len(label) >= 5 else None


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", fold(text.casefold()))
