"""Bounded cost per article (issue 14): windows, the analysis budget, caps, and the inputs that were slow.

Speed itself is measured in ``bench/bigtext.py``; these tests pin the
behaviour that makes it bounded: long texts are cut at boundaries and every
span still points at its text, results past a cap are dropped with a
warning, and the odd inputs that once took minutes give a normal result.
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from storyline.api import analyze
from storyline.extract.urlmask import address_spans
from storyline.model import (
    Article,
    ArticleResult,
    Claim,
    Event,
    Mention,
    Number,
    Place,
    Span,
    Speaker,
    TimeExpr,
)
from storyline.pipeline import build_article, build_pipeline
from storyline.settings import Settings
from storyline.windows import CAPS, WINDOW_CHARS, bounded_sentences, run_windowed, shifted, window_spans

PARAGRAPH = (
    "Russian Defence Minister Andrei Belousov arrived in Pyongyang on Friday, 29 November 2024, "
    'and met Kim Jong Un, the state agency KCNA said. "We will deepen our cooperation," Belousov told '
    "reporters in the North Korean capital."
)


def _source(text: str) -> object:
    from storyline.model import Source, SourceKind

    return Source(path="long.txt", kind=SourceKind.TEXT, data=text.encode("utf-8"))


def test_windows_cover_the_text_and_end_at_boundaries() -> None:
    text = "\n\n".join(f"{PARAGRAPH} Report {i}." for i in range(400))
    spans = window_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))
    assert all(0 < end - start <= WINDOW_CHARS for start, end in spans)
    assert all(text[end - 2 : end] == "\n\n" for _, end in spans[:-1])  # cut between paragraphs


def test_a_text_without_any_boundary_is_cut_hard() -> None:
    spans = window_spans("x" * 50_000, 20_000)
    assert spans == [(0, 20_000), (20_000, 40_000), (40_000, 50_000)]


def test_shifted_moves_every_span() -> None:
    event = Event("CONSULT", "visit", "a", "b", "A", "B", None, None, Span(3, 5), Span(0, 9))
    claim = Claim((Speaker("kcna", "KCNA"),), Span(2, 8), (Number(3.0, None, "three"),))
    time = TimeExpr(1, 4, "Friday", "2024-11-29", "day", "published")
    place = Place(5, 9, "Pyongyang", "p", "Pyongyang", "city", "KP", 39.0, 125.7)
    mention = Mention(0, 7, "Belousov", "m", "Andrei Belousov", "person")
    moved = shifted((event, claim, time, place, mention), 100)
    assert moved[0].trigger == Span(103, 105) and moved[0].sentence == Span(100, 109)
    assert moved[1].statement == Span(102, 108) and moved[1].speakers == claim.speakers
    assert (moved[2].start, moved[3].start, moved[4].end) == (101, 105, 107)


def test_long_article_spans_point_at_their_text_in_every_window() -> None:
    text = "\n\n".join(f"{PARAGRAPH} Report number {i}." for i in range(300))
    article, _ = build_article(_source(text), Settings())  # type: ignore[arg-type]
    assert len(article.text) > 3 * WINDOW_CHARS
    result = build_pipeline()(article)
    assert result.places and result.actors and result.times and result.events
    for m in (*result.places, *result.actors, *result.times):
        assert article.text[m.start : m.end] == m.text
    for e in result.events:
        assert article.text[e.trigger.start : e.trigger.end].strip()
        assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end
    last_window = window_spans(article.text)[-1][0]
    assert any(m.start >= last_window and m.text == "Pyongyang" for m in result.places)


def test_the_analysis_budget_stops_early_with_a_warning() -> None:
    text = "\n\n".join(f"{PARAGRAPH} Report number {i}." for i in range(300))
    settings = Settings(max_analyze_chars=30_000)
    article, _ = build_article(_source(text), settings)  # type: ignore[arg-type]
    result = build_pipeline(max_chars=settings.max_analyze_chars)(article)
    assert max(p.end for p in result.places) <= 30_000
    assert max(p.end for p in article.paragraphs) <= 30_000  # languages judged on the same part
    assert any(w.startswith("long text: only the first") for w in result.warnings)
    assert len(article.text) > 60_000  # the text itself is kept whole


def _many(article: Article) -> ArticleResult:
    n = article.text.count("x")
    return ArticleResult(
        article=article,
        times=tuple(TimeExpr(i, i + 1, "x", "2024", "year", "none") for i in range(n)),
        warnings=tuple(f"warning {i}" for i in range(n)),
    )


def test_caps_drop_results_and_say_so() -> None:
    text = "x" * (CAPS["times"] + 10)
    article = Article(id="a", source_path="a", digest="d", raw_text=text, text=text)
    result = run_windowed(_many, article, size=4_000)
    assert len(result.times) == CAPS["times"]
    assert any(w.startswith(f"cap reached: only the first {CAPS['times']:,} times") for w in result.warnings)
    assert any("more warnings dropped" in w for w in result.warnings)
    assert len(result.warnings) <= 60


def test_a_run_on_sentence_is_cut_for_events() -> None:
    text = "word, " * 2_000
    sentences, cut = bounded_sentences(text, (Span(0, len(text)),), 2_000)
    assert cut == 1 and all(s.end - s.start <= 2_000 for s in sentences)
    assert sentences[0].start == 0 and sentences[-1].end == len(text)


DENSE = (
    'President Vladimir Putin told "Kim Jong Un" and Antony Blinken, according to "the Russian Ministry '
    'of Defence", that Andrei Belousov met Ursula von der Leyen in Geneva on Monday and said "we will '
    'visit Pyongyang", '
)


def test_the_dense_28kb_sentence_gives_a_result(tmp_path: object) -> None:
    """Once 105 s (cubic in the events stage); bench/bigtext.py --adversarial times it."""
    from pathlib import Path

    path = Path(str(tmp_path)) / "dense.txt"
    path.write_text("Talks in Geneva.\n\n" + (DENSE * 200)[:28_000] + ".", encoding="utf-8")
    [result] = analyze([str(path)])
    assert isinstance(result, ArticleResult)
    assert result.actors and result.events
    assert any("cut into pieces for events" in w for w in result.warnings)


OLD_URL = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}/\S*", re.I
)


def test_address_masking_matches_the_old_pattern_on_ordinary_text() -> None:
    for text in (
        "see www.example.com/a and a.b@x.org or example.com/news/1 today in Paris",
        "Ảnh: vnexpress.net/the-gioi-123.html (Reuters) mail: toa-soan@tuoitre.com.vn",
        "a..b.com/x c..wo/ -foo.org/path_1 https://x.y/z?q=1",
    ):
        assert address_spans(text) == [m.span() for m in OLD_URL.finditer(text)], text


def test_the_100kb_token_gives_a_result(tmp_path: object) -> None:
    """Once 46 s (the URL pattern of the places stage backtracked); now a linear scan."""
    from pathlib import Path

    for i, token in enumerate(("a" * 100_000, "a.-" * 33_000 + ".com/x", "-.a" * 33_000 + ".com/x")):
        path = Path(str(tmp_path)) / f"token{i}.txt"
        path.write_text(f"Geneva talks. {token} Geneva talks.", encoding="utf-8")
        [result] = analyze([str(path)])
        assert isinstance(result, ArticleResult), result
        assert [p.text for p in result.places] == ["Geneva", "Geneva"]


def test_windowing_leaves_short_articles_unchanged() -> None:
    text = "\n\n".join([PARAGRAPH] * 3)
    article, _ = build_article(_source(text), Settings())  # type: ignore[arg-type]
    pipeline = build_pipeline()
    whole = dataclasses.replace(pipeline, max_chars=None)(article)
    assert pipeline(article) == whole
