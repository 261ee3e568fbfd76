"""Every crash the fuzzers found, as a plain test (issue 14).

Each case is the shrunk input hypothesis reported (or, for the JSON number,
the input found while writing the strategies), run through the function that
crashed and through the whole ``analyze`` path, where a crash was an
internal-error rejection of the whole article.
"""

from __future__ import annotations

from pathlib import Path

from storyline.api import analyze
from storyline.clean.source import date_from_url
from storyline.clean.text import clean_text
from storyline.extract.dates import extract_times
from storyline.ingest.readers import _line_item
from storyline.model import ArticleResult, Rejection

BODY = (
    "Ribuan warga berkumpul sejak pagi untuk menyaksikan arak-arakan di Jakarta pada hari Minggu, "
    "kata polisi.\n\nAcara itu berlangsung tanpa gangguan hingga sore hari.\n"
)


def test_source_line_with_a_broken_ipv6_host(tmp_path: Path) -> None:
    """``urlsplit`` raised "Invalid IPv6 URL" on a scraped ``Sumber: https://[`` line."""
    assert date_from_url("HTTPS://[") is None
    cleaned = clean_text(BODY + "SUMBER: HTTPS://[\n", language=None)
    assert "Jakarta" in cleaned.text
    path = tmp_path / "a.txt"
    path.write_text(BODY + "Sumber: https://[\n", encoding="utf-8")
    [result] = analyze([str(path)])
    assert isinstance(result, ArticleResult), result


def test_day_zero_is_no_date(tmp_path: Path) -> None:
    """A day of 0 ("00/10/2020", "1\\x000.10.20") passed validation as "no day" and crashed later."""
    assert extract_times("1\x000.10.20", language=None, published=None) == ()
    [time] = extract_times("on 00/10/2020 and 10/10/2020", language="en", published=None)
    assert time.value == "2020-10-10"
    path = tmp_path / "a.txt"
    path.write_text("The summit was moved from 00/10/2020 to 12/10/2020, officials in Jakarta said.\n" + BODY)
    [result] = analyze([str(path)])
    assert isinstance(result, ArticleResult), result


def test_json_number_beyond_the_int_limit() -> None:
    """A 5,000-digit number raised Python's int-conversion ValueError inside ``json.loads``."""
    item = _line_item(
        "f.jsonl:1", b'{"text": "' + BODY.encode().replace(b"\n", b" ") + b'", "n": ' + b"7" * 5000 + b"}"
    )
    assert isinstance(item, Rejection) and not item.internal
    assert item.reason.startswith("not valid JSON (Exceeds the limit (4300 digits)")


def test_unknown_time_zone_in_page_metadata_is_no_stray_warning() -> None:
    """dateutil warned "tzname SAIDZ identified but not understood" (an error under pytest)."""
    from storyline.clean.html import clean_html

    html = (
        '<html><head><meta property="article:published_time" content="2024-10-20T09:55:00SAIDZ">'
        "</head><body><article><p>" + BODY.replace("\n", " ") + "</p></article></body></html>"
    )
    cleaned = clean_html(html, "a.html")
    assert "Jakarta" in cleaned.text
