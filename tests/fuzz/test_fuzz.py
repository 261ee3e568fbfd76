"""Fuzzing the readers, decoders, cleaners, date and number parsers and the whole analyze path.

A crash is any exception other than the documented refusal (an
``InputError``, a ``ValueError`` from a parser of one value), and any
rejection marked internal.  A refusal with a reason is not a crash.  Short
and reproducible in ``make test``; ``STORYLINE_FUZZ=long`` runs ≥ 100,000
inputs (conftest.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from storyline.api import analyze
from storyline.clean.html import clean_html
from storyline.clean.source import date_from_url
from storyline.clean.text import clean_text
from storyline.contract import result_dict
from storyline.errors import InputError, NoArticleText
from storyline.extract.dates import extract_times
from storyline.extract.numbers import extract_numbers
from storyline.ingest.decode import decode
from storyline.ingest.identity import canonical_url
from storyline.ingest.readers import _line_item, parse_date
from storyline.langs.codes import normalize_language
from storyline.model import ArticleResult, Rejection, Source
from storyline.safe_text import has_surrogates, one_line, scrub

from .strategies import LANGUAGES, jsonl_lines, pages, raw_bytes, texts

_VALUE = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?|--\d{2}(-\d{2})?|\d{4}-W\d{2})$")
languages = st.sampled_from((None, *LANGUAGES))
days = st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)))


@given(raw_bytes())
def test_decode(data: bytes) -> None:
    try:
        decoded = decode(data, "f.txt")
    except InputError as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    assert decoded.text.strip() and "\r" not in decoded.text
    assert not has_surrogates(decoded.text)


@given(jsonl_lines())
def test_jsonl_record(line: bytes) -> None:
    item = _line_item("f.jsonl:1", line)
    if isinstance(item, Rejection):
        assert not item.internal, item.reason
        return
    assert isinstance(item, Source)
    for value in (item.raw_text, item.title, item.url, item.record_id, item.language):
        assert value is None or not has_surrogates(value)
    assert item.language is None or normalize_language(item.language) == item.language
    assert item.record_id is None or one_line(item.record_id) == item.record_id


@given(texts(), languages)
def test_clean_text(text: str, language: str | None) -> None:
    raw = scrub(text)[0]  # readers hand cleaners text without surrogates
    cleaned = clean_text(raw, language=normalize_language(language) if language else None)
    for removal in cleaned.removed:
        assert 0 <= removal.start <= removal.end <= len(raw)


@given(pages())
def test_clean_html(page: str) -> None:
    try:
        cleaned = clean_html(scrub(page)[0], "p.html")
    except NoArticleText:
        return
    assert cleaned.text.strip()


@given(texts(), languages, days)
def test_times(text: str, language: str | None, published: dt.date | None) -> None:
    for t in extract_times(text, language=language, published=published):
        assert text[t.start : t.end] == t.text
        assert _VALUE.match(t.value), t.value


@given(texts(), languages)
def test_numbers(text: str, language: str | None) -> None:
    for span, number in extract_numbers(text, language=language):
        assert 0 <= span.start < span.end <= len(text)
        assert number.value == number.value  # not NaN


@given(st.one_of(st.text(max_size=40), st.sampled_from(("2024-11-29", "2024-11-29T10:00:00Z", "2024-02-30"))))
def test_one_value_parsers(value: str) -> None:
    with contextlib.suppress(ValueError):
        parse_date(value)
    url = canonical_url(value) if not has_surrogates(value) else None
    assert url is None or url.startswith(("http://", "https://"))
    date_from_url("https://x.example/" + value)
    assert "\n" not in one_line(value)


def _check(result: ArticleResult | Rejection) -> None:
    if isinstance(result, Rejection):
        assert not result.internal, result.reason
        return
    text = result.article.text
    for m in (*result.times, *result.places, *result.actors):
        assert text[m.start : m.end] == m.text
    for e in result.events:
        assert 0 <= e.sentence.start <= e.trigger.start <= e.trigger.end <= e.sentence.end <= len(text)
    json.dumps(result_dict(result), ensure_ascii=False).encode("utf-8")  # printable as the contract


@given(raw_bytes(), languages)
def test_analyze_file(data: bytes, language: str | None) -> None:
    from storyline.pipeline import Hints

    for result in analyze(["-"], stdin=io.BytesIO(data), hints=Hints(language=language)):
        _check(result)


@given(st.lists(jsonl_lines(), min_size=1, max_size=3))
def test_analyze_jsonl(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        for result in analyze([str(path)]):
            _check(result)
