"""Fingerprints: what clustering keeps of an article (a few kilobytes, never the text).

Entities, day dates, salient numbers and event types are language-independent;
word stems and a MinHash of word shingles carry the lexical evidence within
one language.  :func:`build_fingerprint` makes one from an article's stored
(or in-memory) extraction results.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash

from storyline import langs
from storyline.extract._actor_credits import credit_roles
from storyline.extract.names import fold

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs above ~0.5 Jaccard share a band with high probability
MAX_TERMS = 120

_WORD = re.compile(r"\w+")
_STEM = 7  # prefix stemming: joins inflections in fr/es/it/tr/pt without language data


# A SQL LIKE pattern for the stored JSON (``fingerprints.data``) of an article whose day is
# one its text cites (see Fingerprint.to_json).
UNPUBLISHED_LIKE = '%,"u":1}'


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What clustering keeps of an article: a few kilobytes, never the text."""

    article_id: str
    language: str | None
    day: str | None  # anchor date: publication date, else the most cited day in the text
    entities: dict[str, str] = field(default_factory=dict)  # entity id -> kind
    dates: tuple[str, ...] = ()  # day dates (YYYY-MM-DD or --MM-DD)
    numbers: tuple[str, ...] = ()  # salient numbers as text (10000, 3.5)
    terms: dict[str, int] = field(default_factory=dict)  # stem -> term frequency
    paragraphs: tuple[int, ...] = ()  # paragraph lengths in characters
    events: tuple[str, ...] = ()  # "TYPE@date"
    minhash: bytes = b""
    # Whether ``day`` is the publication date: a day cited in the text may be years
    # from the article's own (a history recalled, an anniversary).
    published: bool = True

    @property
    def window_day(self) -> str | None:
        """The day that places the article in time for candidate search: its publication date only.

        An article dated by a day its text cites is looked up, and found, as undated.
        """
        return self.day if self.published else None

    def to_json(self) -> str:
        data: dict[str, object] = {
            "e": self.entities,
            "d": list(self.dates),
            "n": list(self.numbers),
            "t": self.terms,
            "p": list(self.paragraphs),
            "v": list(self.events),
        }
        if not self.published:  # absent in fingerprints stored before it was recorded
            data["u"] = 1  # last: UNPUBLISHED_LIKE finds it at the end
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_row(
        cls, article_id: str, language: str | None, day: str | None, data: str, mh: bytes
    ) -> Fingerprint:
        d = json.loads(data)
        return cls(
            article_id,
            language,
            day,
            d["e"],
            tuple(d["d"]),
            tuple(d["n"]),
            d["t"],
            tuple(d["p"]),
            tuple(d["v"]),
            mh,
            published=not d.get("u"),
        )


@dataclass(frozen=True, slots=True)
class TermRules:
    """What a language does to a word before its stem is cut (``langs/<iso>/terms.toml``).

    ``signature`` names the rules: stored fingerprints record the one their terms were
    made with (:mod:`storyline.collection.terms`), "" for the plain cut every language had.
    """

    proclitics: re.Pattern[str] | None = None
    signature: str = ""


@cache
def term_rules(language: str | None) -> TermRules:
    """The term rules of ``language`` (none: words are only folded and cut)."""
    data = langs.load(langs.base(language), "terms") if language else {}
    found = [fold(str(p)) for p in data.get("proclitics", [])]
    if not found:
        return TermRules()
    rest = int(data.get("min_rest", 3))
    # Taken off only when a word of ``rest`` letters follows: a shorter rest was no clitic.
    pattern = re.compile(rf"^(?:{langs.alternation(found)})(?=\w{{{rest}}})")
    spec = json.dumps({"proclitics": sorted(found), "min_rest": rest}, ensure_ascii=False, sort_keys=True)
    return TermRules(pattern, hashlib.blake2b(spec.encode("utf-8"), digest_size=6).hexdigest())


def stems(text: str, language: str | None = None) -> list[str]:
    """Folded word stems of ``text`` (digits dropped; words shorter than 3 letters dropped)."""
    words = [fold(w) for w in _WORD.findall(text.casefold()) if len(w) >= 3 and not w.isdigit()]
    clitics = term_rules(language).proclitics
    if clitics is not None:
        words = [clitics.sub("", w, count=1) for w in words]
    return [w[:_STEM] for w in words]


def top_terms(text: str, limit: int = MAX_TERMS, language: str | None = None) -> dict[str, int]:
    """The ``limit`` most frequent stems with their counts."""
    return dict(Counter(stems(text, language)).most_common(limit))


@cache
def _empty_minhash() -> MinHash:
    # Building the permutations is the costly part of a MinHash: do it once and copy.
    return MinHash(num_perm=NUM_PERM, seed=1)


def minhash_bytes(text: str) -> bytes:
    """MinHash (64 permutations) of the word 4-shingles of ``text``, as little-endian uint64 bytes."""
    words = [fold(w) for w in _WORD.findall(text.casefold())]
    shingles = {" ".join(words[i : i + 4]).encode("utf-8") for i in range(max(1, len(words) - 3))}
    m = _empty_minhash().copy()
    m.update_batch(shingles)
    return np.asarray(m.hashvalues, dtype="<u8").tobytes()


def minhash_jaccard(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two MinHash signatures (0 when either is missing)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    # A count over the length: what the mean of the matches is, without its float conversion.
    same = np.count_nonzero(np.frombuffer(a, dtype="<u8") == np.frombuffer(b, dtype="<u8"))
    return int(same) / (len(a) // 8)


def band_keys(mh: bytes) -> list[str]:
    """LSH band keys of a signature: near-duplicates share at least one."""
    values = np.frombuffer(mh, dtype="<u8")
    rows = len(values) // BANDS
    return [
        f"b{i}:" + hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=6).hexdigest()
        for i in range(BANDS)
    ]


def entity_kind(entity_id: str, kind: str) -> str:
    """The weight class of an entity: place ids carry their kind as a prefix (``city:524901``)."""
    if kind == "place":
        return entity_id.split(":", 1)[0]
    return kind


def salient_number(value: float) -> str | None:
    """A number worth matching across articles: not a small count, not a year."""
    if math.isnan(value) or math.isinf(value):
        return None
    if value.is_integer() and (value < 10 or 1900 <= value <= 2100):
        return None
    return f"{value:g}"


def anchor_day(published: str | None, times: Iterable[Mapping[str, Any]]) -> str | None:
    """The publication date, else the day date the text cites most (None when it cites none)."""
    if published:
        return published
    days = Counter(str(t["value"]) for t in times if _is_day(str(t["value"])))
    return days.most_common(1)[0][0] if days else None


def _is_day(value: str) -> bool:
    return len(value) == 10 and value[4] == "-" and value[:4].isdigit()


def day_dates(times: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    """Day-precise values (full or yearless) of the time expressions."""
    out = {
        str(t["value"])
        for t in times
        if _is_day(str(t["value"])) or re.fullmatch(r"--\d\d-\d\d", str(t["value"]))
    }
    return tuple(sorted(out))


def build_fingerprint(
    article: Mapping[str, Any], results: Mapping[str, list[dict[str, Any]]], numbers: Iterable[float]
) -> Fingerprint:
    """The fingerprint of one stored article (``article``: id, language, published, text, paragraphs)."""
    text = str(article["text"])
    # Who wrote, photographed or published the page is no part of its story: two stories by one
    # reporter or one agency share nothing for that (a byline "كتب- معتز عباس" once made them share Abbas).
    credits = credit_roles()
    entities = {
        str(m["id"]): str(m["kind"])
        for m in results.get("actors", [])
        if m.get("id") and m.get("role") not in credits
    }
    entities |= {str(p["id"]): "place" for p in results.get("places", []) if p.get("id")}
    salient = {s for s in (salient_number(float(v)) for v in numbers) if s}
    events = {f"{e['type']}@{e.get('date') or ''}" for e in results.get("events", []) if e.get("type")}
    return Fingerprint(
        article_id=str(article["id"]),
        language=article.get("language"),
        day=anchor_day(article.get("published"), results.get("times", [])),
        entities=entities,
        dates=day_dates(results.get("times", [])),
        numbers=tuple(sorted(salient)),
        terms=top_terms(text, language=article.get("language")),
        paragraphs=tuple(int(p["end"]) - int(p["start"]) for p in article.get("paragraphs", [])),
        events=tuple(sorted(events)),
        minhash=minhash_bytes(text),
        published=bool(article.get("published")),
    )
