"""The per-article pipeline: source → article (decode, clean, language) → extraction stages.

:func:`analyze` runs it over paths and stores nothing; storing is
:mod:`storyline.api`'s business, and clustering :mod:`storyline.collection`'s.

Extraction stages are registered with what they ``requires`` and ``assigns``
(as in spaCy); :func:`build_pipeline` refuses an order in which a stage needs
a field no earlier stage provides.  Each stage is a pure function
``ArticleResult -> ArticleResult`` and can be replaced by name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, BinaryIO

from storyline.errors import ConfigError, InputError, MalformedRecord, NoArticleText
from storyline.ingest.decode import decode
from storyline.ingest.identity import article_id, canonical_url, digest_of
from storyline.ingest.inputs import read_inputs
from storyline.ingest.readers import internal_rejection
from storyline.langs.codes import language_error, normalize_language
from storyline.model import Article, ArticleResult, Cleaned, Rejection, Skipped, Source, SourceKind
from storyline.settings import ANALYZE_CHARS, Settings
from storyline.version import __version__
from storyline.windows import analysed_end, run_windowed

if TYPE_CHECKING:
    from storyline.ingest.fetch import Fetcher

StageFn = Callable[[ArticleResult], ArticleResult]
ARTICLE_FIELDS = ("text", "language", "published", "paragraphs", "title", "url")


@dataclass(frozen=True, slots=True)
class Stage:
    """An extraction stage under a versioned name."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: StageFn


@dataclass(frozen=True, slots=True)
class Hints:
    """What the caller knows better than the text: wins over anything found in it.

    ``language`` is checked against the known codes and normalised (``pt_br`` →
    ``pt-BR``); an unknown one is a :class:`~storyline.errors.ConfigError`.
    """

    language: str | None = None
    published: dt.date | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if self.language is not None:
            code = normalize_language(self.language)
            if code is None:
                raise ConfigError(language_error(self.language))
            object.__setattr__(self, "language", code)


def _times(r: ArticleResult) -> ArticleResult:
    from storyline.extract.dates import extract_times

    a = r.article
    times = extract_times(a.text, language=a.language, published=a.published, timeml=True)
    return dataclasses.replace(r, times=times)


def _places(r: ArticleResult) -> ArticleResult:
    from storyline.extract.places import extract_places

    return dataclasses.replace(r, places=extract_places(r.article.text, language=r.article.language))


def _actors(r: ArticleResult) -> ArticleResult:
    from storyline.extract.actors import extract_actors

    a = r.article
    return dataclasses.replace(r, actors=extract_actors(a.text, language=a.language, places=r.places))


def _claims(r: ArticleResult) -> ArticleResult:
    from storyline.extract.claims import extract_claims

    a = r.article
    claims = extract_claims(a.text, language=a.language, actors=r.actors, times=r.times)
    return dataclasses.replace(r, claims=claims)


def _events(r: ArticleResult) -> ArticleResult:
    from storyline.extract.events import extract_events

    a = r.article
    # Durations, references ("now") and clock times are no event dates: events see calendar dates only.
    times = tuple(t for t in r.times if t.calendar)
    events, warnings = extract_events(
        a.text, language=a.language, published=a.published, actors=r.actors, places=r.places, times=times
    )
    return dataclasses.replace(r, events=events, warnings=(*r.warnings, *warnings))


STAGES: dict[str, Stage] = {
    s.name: s
    for s in (
        Stage("times.v1", ("text", "language", "published"), ("times",), _times),
        Stage("places.v1", ("text", "language"), ("places",), _places),
        Stage("actors.v1", ("text", "language", "places"), ("actors",), _actors),
        Stage("claims.v1", ("text", "language", "actors", "times"), ("claims",), _claims),
        Stage(
            "events.v1",
            ("text", "language", "published", "actors", "places", "times"),
            ("events", "warnings"),
            _events,
        ),
    )
}
DEFAULT_STAGES = ("times.v1", "places.v1", "actors.v1", "claims.v1", "events.v1")


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An ordered, checked list of extraction stages."""

    stages: tuple[Stage, ...]
    max_chars: int | None = None  # analysis budget per article (``storyline.windows``); None: all

    @property
    def version(self) -> str:
        return "+".join((f"storyline-{__version__}", "clean.v1", "langid.v1", *(s.name for s in self.stages)))

    def __call__(self, article: Article) -> ArticleResult:
        """Every stage over the article; a long text goes window by window (``storyline.windows``)."""
        if not self.stages:
            return ArticleResult(article=article)
        return run_windowed(self._run, article, budget=self.max_chars)

    def _run(self, article: Article) -> ArticleResult:
        result = ArticleResult(article=article)
        for stage in self.stages:
            result = stage.run(result)
        return result


def build_pipeline(
    names: Sequence[str] = DEFAULT_STAGES,
    registry: dict[str, Stage] | None = None,
    *,
    max_chars: int | None = ANALYZE_CHARS,
) -> Pipeline:
    """The stages named, in order, after checking every requirement is met by an earlier stage."""
    registry = registry or STAGES
    available = set(ARTICLE_FIELDS)
    stages = []
    for name in names:
        if name not in registry:
            raise ValueError(f"unknown stage {name!r}; known: {', '.join(sorted(registry))}")
        stage = registry[name]
        missing = [f for f in stage.requires if f not in available]
        if missing:
            raise ValueError(f"stage {name} requires {', '.join(missing)}, which no earlier stage assigns")
        available.update(stage.assigns)
        stages.append(stage)
    return Pipeline(tuple(stages), max_chars)


NO_EXTRACTION = Pipeline(())


def default_pipeline(settings: Settings) -> Pipeline:
    """Every extraction stage, or none when ``settings.extract`` is off."""
    return build_pipeline(max_chars=settings.max_analyze_chars) if settings.extract else NO_EXTRACTION


def analyze(
    paths: Iterable[str],
    *,
    settings: Settings | None = None,
    hints: Hints | None = None,
    pipeline: Pipeline | None = None,
    stdin: BinaryIO | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[ArticleResult | Rejection]:
    """Run the per-article pipeline on every source under ``paths`` (files, archives, URLs); store nothing.

    URLs are fetched with no fetch state: nothing is remembered between calls.
    """
    settings = settings or Settings()
    hints = hints or Hints()
    pipeline = pipeline if pipeline is not None else default_pipeline(settings)
    for item in read_inputs(paths, settings=settings, stdin=stdin, fetcher=fetcher):
        if isinstance(item, Rejection):
            yield item
            continue
        if isinstance(item, Skipped):
            continue
        result = process(item, settings, hints, pipeline)
        yield result[0] if isinstance(result, tuple) else result


def process(
    source: Source, settings: Settings, hints: Hints, pipeline: Pipeline
) -> tuple[ArticleResult, list[str]] | Rejection:
    """One source through the pipeline: the result and warnings worth a line, or why it was rejected."""
    built = build(source, settings, hints, pipeline)
    if isinstance(built, Rejection):
        return built
    result = extract(built[0], source.path, pipeline)
    return result if isinstance(result, Rejection) else (result, built[1])


# One broken article must never stop a batch: an input the code cannot take is a
# rejection, and a bug met on odd input is a rejection marked internal (exit code 3).


def build(
    source: Source, settings: Settings, hints: Hints, pipeline: Pipeline
) -> tuple[Article, list[str]] | Rejection:
    """:func:`build_article`, with whatever goes wrong as a rejection."""
    try:
        return build_article(source, settings, hints, version=pipeline.version)
    except InputError as exc:
        return Rejection(exc.path, exc.reason)
    except Exception as exc:
        return internal_rejection(source.path, exc)


def extract(article: Article, path: str, pipeline: Pipeline) -> ArticleResult | Rejection:
    """The extraction stages on one article; a bug met on odd input is an internal rejection."""
    try:
        result = pipeline(article)
    except Exception as exc:
        return internal_rejection(path, exc)
    _freeze_loaded(article.language)
    return result


@cache
def _freeze_loaded(language: str | None) -> None:
    """Once per process and language, after its first article: move what is loaded out of the
    collector's way.

    The first article loads the models and lexicons (some 200,000 objects that live as
    long as the process); every full collection of the cyclic garbage collector then
    walked them all again.  Frozen, they are still freed by reference counting; the
    collection before it leaves no garbage behind.  About 4 % of the time per HTML page.
    Each language's lexicons load with its first article, after the first freeze: some
    100,000 more objects over the benchmark's ten languages, which made the full
    collections cost 1.5 % of the HTML analysis again (``bench/html.py``).
    """
    gc.collect()
    gc.freeze()


def build_article(
    source: Source, settings: Settings, hints: Hints = Hints(), *, version: str = ""
) -> tuple[Article, list[str]]:
    """Decode, clean and language-tag one source; returns the article and warnings worth reporting."""
    from storyline.langid import get_identifier

    warnings: list[str] = list(source.warnings)
    if source.language is not None and normalize_language(source.language) != source.language:
        raise MalformedRecord(source.path, language_error(source.language))  # readers normalise; never a path
    if source.raw_text is not None:
        raw, digest = source.raw_text, digest_of(source.raw_text.encode("utf-8"))
    else:
        decoded = decode(source.data, source.path)
        raw, digest = decoded.text, digest_of(source.data)
        if decoded.warning:
            warnings.append(decoded.warning)
    cleaned = _clean(source, raw, hints.language or source.language)
    if len(cleaned.text.strip()) < settings.min_text_chars:
        raise NoArticleText(
            source.path, f"no article text after cleaning ({len(cleaned.text.strip())} chars)"
        )
    url = _first_url(hints.url, source.url, cleaned.url)
    identifier = get_identifier(settings.languages)
    # Language and date inference read as much as extraction does (storyline.windows).
    analysed = cleaned.text[: analysed_end(cleaned.text, settings.max_analyze_chars)]
    detected, paragraphs = identifier.analyze(analysed)
    language = hints.language or source.language or detected
    published, published_from = _published(hints, source, cleaned, url)
    if published is None and source.kind is SourceKind.TEXT:
        from storyline.clean.published import infer_published

        head = cleaned if len(analysed) == len(cleaned.text) else dataclasses.replace(cleaned, text=analysed)
        published = infer_published(head, raw, language)
        published_from = "text" if published else None
    article = Article(
        id=source.record_id or article_id(url=url, digest=digest),
        source_path=source.path,
        digest=digest,
        raw_text=raw,
        text=cleaned.text,
        removed=cleaned.removed,
        paragraphs=paragraphs,
        language=language,
        url=url,
        title=source.title or cleaned.title,
        published=published,
        published_from=published_from,
        ingested_at=dt.datetime.now(dt.UTC),
        pipeline_version=version,
    )
    return article, warnings


def _clean(source: Source, raw: str, language: str | None) -> Cleaned:
    if source.kind is SourceKind.HTML:
        from storyline.clean.html import clean_html

        return clean_html(raw, source.path)
    from storyline.clean.text import clean_text

    return clean_text(raw, language=language)


def _first_url(*candidates: str | None) -> str | None:
    for candidate in candidates:
        if candidate:
            url = canonical_url(candidate)
            if url:
                return url
    return None


def _published(
    hints: Hints, source: Source, cleaned: Cleaned, url: str | None
) -> tuple[dt.date | None, str | None]:
    if hints.published or source.published:
        return hints.published or source.published, "given"
    if cleaned.published:
        return cleaned.published, cleaned.published_from
    if source.published_fallback:
        return source.published_fallback, "feed"
    if url:
        from storyline.clean.source import date_from_url

        found = date_from_url(url)
        if found:
            return found, "url"
    return None, None
