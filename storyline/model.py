"""The typed data model: frozen, slotted dataclasses shared by every stage.

Every span (``start``/``end``) is a Python ``str`` index into ``Article.text``,
the cleaned text, except :class:`Removal`, whose offsets point into
``Article.raw_text`` because what was removed is, by definition, not in the
cleaned text.  Dates are :class:`datetime.date`; a partial date that a time
expression leaves open (``--11-30``) stays a string in :class:`TimeExpr`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class SourceKind(StrEnum):
    """How the raw bytes of a source are to be read."""

    TEXT = "text"
    HTML = "html"


@dataclass(frozen=True, slots=True)
class Source:
    """One article as it arrived, before any cleaning.

    ``data`` holds the raw bytes for files; JSONL records and fetched pages
    arrive already decoded, in ``raw_text``.  Hints (``url``, ``published``,
    ``language``, ``title``) come from the caller or the JSONL record and win
    over anything found in the text.  ``published_fallback`` (a feed entry's
    or news sitemap's date) is used only when the page itself states none.
    """

    path: str
    kind: SourceKind
    data: bytes = b""
    raw_text: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    title: str | None = None
    record_id: str | None = None
    published_fallback: dt.date | None = None
    warnings: tuple[str, ...] = ()  # found while reading (a field with unpaired surrogates replaced)


@dataclass(frozen=True, slots=True)
class Removal:
    """A span of the raw text that cleaning dropped, and why."""

    start: int
    end: int
    reason: str
    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the cleaned text with its own language (None if too short to judge)."""

    start: int
    end: int
    language: str | None


@dataclass(frozen=True, slots=True)
class Cleaned:
    """What a cleaner returns: the main text and what it learned on the way."""

    text: str
    removed: tuple[Removal, ...] = ()
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_from: str | None = None  # "meta" | "text" | "url" | "given" | "feed"


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned, language-tagged article, ready for extraction and storage."""

    id: str
    source_path: str
    digest: str  # sha256 of the raw bytes (or of the raw text for JSONL records)
    raw_text: str
    text: str
    removed: tuple[Removal, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()
    language: str | None = None
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_from: str | None = None
    ingested_at: dt.datetime | None = None
    pipeline_version: str = ""
    copy_of: str | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """A source that could not become an article: ``PATH: reason``.

    ``internal`` marks a bug met on this input (not a fault of the input): the
    batch goes on, and the command's exit code tells it apart from rejections.
    """

    path: str
    reason: str
    internal: bool = False

    def __str__(self) -> str:
        from storyline.safe_text import one_line

        return one_line(f"{self.path}: {self.reason}")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A source deliberately not read, and why.

    ``status`` says which kind: ``duplicate`` (already stored, ``article_id``;
    not fetched again), ``known`` (a feed or sitemap entry seen before),
    ``unchanged`` (the server answered 304 Not Modified) or ``skipped`` (not
    an article: a WARC record of an image, a redirect, an error page).
    """

    path: str
    reason: str
    status: str = "skipped"
    article_id: str | None = None


# --- extraction results (filled by the extraction issues) -------------------


@dataclass(frozen=True, slots=True)
class Span:
    """An offset span into the cleaned text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression and its normalised TimeML value.

    Calendar dates (``2024-11-29``, ``2024-11``, ``--11-30``, ``2024-W14``) have
    ``type`` "DATE"; the other TimeML values are kept apart by ``type`` and
    ``granularity``: ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF`` (granularity
    "ref"), quarters and halves (``2009-Q3``, ``2009-H2``), decades and
    centuries (``199``, ``19``), parts of day and clock times (type "TIME":
    ``2008-01-09TMO``, ``2024-05-01T16:08Z``) and durations (type "DURATION":
    ``P20Y``), which are periods, never dates.  :attr:`calendar` tells which
    values are dates an event can happen on.
    """

    start: int
    end: int
    text: str
    value: str
    # day, month, year, week, quarter, half, decade, century, time (clock, part of day), ref, period
    granularity: str
    anchor: str  # "published" | "text" | "none"
    type: str = "DATE"  # TimeML: "DATE" | "TIME" | "DURATION"

    @property
    def calendar(self) -> bool:
        """Whether the value is a calendar day, week, month or year (an event can take it as its date)."""
        return self.type == "DATE" and self.granularity in ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention resolved to a gazetteer entry."""

    start: int
    end: int
    text: str
    id: str
    name: str
    kind: str  # "country" | "city" | "region"
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention: a person, organisation, country or group."""

    start: int
    end: int
    text: str
    id: str
    name: str
    kind: str  # "person" | "organization" | "country" | "group"
    role: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor across articles and languages."""

    id: str
    name: str
    kind: str
    names: tuple[str, ...] = ()
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Number:
    """A number with its unit and qualifier (``more than 10,000 troops``)."""

    value: float
    unit: str | None
    text: str
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    """One link of a claim's attribution chain."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed statement: speakers outermost first (outlet → agency → source)."""

    speakers: tuple[Speaker, ...]
    statement: Span
    numbers: tuple[Number, ...] = ()
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event: who did what to whom, when and where."""

    type: str
    mode: str | None
    source: str | None
    target: str | None
    source_text: str | None
    target_text: str | None
    place: str | None
    date: str | None
    trigger: Span
    sentence: Span
    confidence: float = 0.5
    status: str = "asserted"


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one story, across languages."""

    id: str
    title: str
    article_ids: tuple[str, ...]
    languages: tuple[str, ...]
    first: dt.date | None
    last: dt.date | None
    event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the per-article pipeline learned about one article."""

    article: Article
    times: tuple[TimeExpr, ...] = ()
    actors: tuple[Mention, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
