"""The multi-site cleaning set: sites, scoring, and cross-validation by site on pages we write here."""

from __future__ import annotations

import io

import numpy as np
import pytest

from storyline.evaluate.flatten import label_page
from storyline.evaluate.folds import fold_of
from storyline.evaluate.webpages import CleanedPage, Page, aggregate, cross_validate, page_errors, site_of
from storyline.progress import StderrProgress

SENTENCES = [
    "The city council approved the budget for next year after a debate of six hours.",
    "Opposition members said the plan cut too deeply into school and library funding.",
    "The mayor answered that the city had to repay debts taken on during the floods.",
    "A final vote on the transport section is expected before the end of the month.",
]


def _page(site: str, n: int) -> Page:
    words = ("Gardening Tips", "Old Cars", "Birdwatch Corner", "Harbour Lights", "Quiz Night")
    menu = "".join(f"<li><a href='/{i}'>{w}</a></li>" for i, w in enumerate(words))
    body = "".join(f"<p>{s} ({site}, item {n}, part {i})</p>" for i, s in enumerate(SENTENCES))
    html = (
        f"<html><body><nav><ul>{menu}</ul></nav><div class='cookie'>We use cookies on {site}</div>"
        f"<h1>Budget story {n}</h1><div class='entry-content'>{body}</div>"
        f"<ul><li>Lantern Festival Returns</li><li>New Ferry Timetable</li><li>Market Hall Reopens</li></ul>"
        f"<footer><p>Contact</p><p>Imprint</p><p>© 2024 {site}</p></footer></body></html>"
    )
    labelled = label_page(html)
    assert labelled is not None
    return Page(f"test:{site}/{n}", site, "en", labelled)


def test_site_from_file_name_or_markup() -> None:
    assert site_of(b"", "theguardian.com.academics") == "theguardian.com"
    assert site_of(b"", "blog.mondediplo.net.turpitude") == "mondediplo.net"
    canonical = b'<html><head><link rel="canonical" href="https://www.cnn.com/2013/x.html"></head></html>'
    assert site_of(canonical, "cnn_001") == "cnn.com"
    assert site_of(b"<html></html>", "wunderweib") == "wunderweib"


def test_scores_count_lines_and_characters() -> None:
    page = _page("a.example", 1)
    labels = page.page.labels
    body = {i for i, label in enumerate(labels) if label == "body"}
    boiler = {i for i, label in enumerate(labels) if label == "boilerplate"}
    removed = frozenset(set(list(boiler)[:2]) | {min(body)})
    scores = {s.key: s.value for s in aggregate([CleanedPage(page, removed)])}
    assert scores["webpages/body/kept"] == (len(body) - 1) / len(body)
    assert scores["webpages/boilerplate/removed"] == 2 / len(boiler)
    assert 0 < scores["webpages/body/kept_chars"] < 1
    assert any("body dropped" in e for e in page_errors(CleanedPage(page, removed)))


def test_cross_validation_is_by_site() -> None:
    pages = [_page(f"site{i}.example", j) for i in range(8) for j in range(2)]
    stream = io.StringIO()
    cleaned = cross_validate(pages, k=3, progress=StderrProgress(stream))
    assert [c.page.id for c in cleaned] == [p.id for p in pages]
    assert "webpages (cross-validation) (3 items)" in stream.getvalue()  # plain lines off a terminal
    scores = {s.key: s.value for s in aggregate(cleaned)}
    assert scores["webpages/body/kept"] == 1.0
    assert scores["webpages/boilerplate/removed"] > 0.5
    assert {fold_of(p.site, 3) for p in pages} == {0, 1, 2}


def test_every_page_weighs_the_same_in_the_second_stage() -> None:
    from storyline.evaluate.train_lines import _logistic, _page_weights, page_rows

    rows = [page_rows(_page("a.example", 1).page), page_rows(_page("b.example", 2).page)]
    short = rows[1]
    keep = np.arange(len(short.y)) < len(short.y) // 2  # a shorter second page
    rows[1] = type(short)(short.x[keep], short.positions[: keep.sum()], short.lines, short.y[keep], 0, 0)
    weights = _page_weights(rows)
    sizes = [int(r.labelled.sum()) for r in rows]
    assert len(weights) == sum(sizes) and sizes[0] != sizes[1]
    assert weights[: sizes[0]].sum() == pytest.approx(weights[sizes[0] :].sum())
    assert weights.mean() == pytest.approx(1.0)
    # Weights change the fit: doubling one row's weight moves the weights.
    x, y = np.array([[0.0], [1.0], [2.0], [3.0]]), np.array([0.0, 1.0, 0.0, 1.0])
    plain, _ = _logistic(x, y, 1.0)
    assert _logistic(x, y, 1.0, np.ones(4))[0] == pytest.approx(plain)
    assert _logistic(x, y, 1.0, np.array([1.0, 1.0, 1.0, 3.0]))[0][0] > plain[0]
