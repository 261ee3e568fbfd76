"""Source lines and URL dates: storyline.clean.source."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.clean.source import date_from_url, find_source_line


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/world/2024/11/29/defence-minister-visit/", dt.date(2024, 11, 29)),
        ("https://example.com/news/2024-11-29/defence-minister-visit", dt.date(2024, 11, 29)),
        ("https://example.com/news/defence-minister-visit-20241129", dt.date(2024, 11, 29)),
        ("https://example.com/news/visit_20241129_story.html", dt.date(2024, 11, 29)),
        ("https://example.com/20241129/visit.html", dt.date(2024, 11, 29)),
        ("https://example.vn/bo-truong-den-trung-quoc-204241014210826959.htm", dt.date(2024, 10, 14)),
        ("https://example.vn/tin-the-gioi-20241014210826959.htm", dt.date(2024, 10, 14)),
        ("https://example.com/2019/2/3/short-month-and-day", dt.date(2019, 2, 3)),
    ],
)
def test_date_from_url_reads_common_cms_shapes(url: str, expected: dt.date) -> None:
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://example.vn/ong-kim-noi-nga-co-quyen-tu-ve-ar910542.html",  # six-digit id
        "https://example.vn/moscow-liet-ke-thiet-hai-289899.html",
        "https://example.com/2024/13/45/impossible-date",
        "https://example.com/1985/01/02/before-1990",
        "https://example.com/story-20991231",  # far future
        "https://example.com/story-20240230",  # 30 February
        "https://example.com/id-123456789012345",  # long id without a valid timestamp
        "https://20241129.example.com/story",  # the host name is never searched
        "https://example.com/story",
    ],
)
def test_date_from_url_refuses_ids_and_impossible_dates(url: str) -> None:
    assert date_from_url(url) is None


@pytest.mark.parametrize(
    ("line", "url"),
    [
        ("Sumber: https://example.vn/tin-289899.html", "https://example.vn/tin-289899.html"),
        (
            "Kilde: https://www.example.vn/sak-204241014210826959.htm",
            "https://www.example.vn/sak-204241014210826959.htm",
        ),
        ("Fonte: https://example.vn/noticia-ar910542.html", "https://example.vn/noticia-ar910542.html"),
        ("Nguồn: https://example.vn/bai-viet.html", "https://example.vn/bai-viet.html"),
        ("NGUỒN: https://example.vn/bai-viet.html", "https://example.vn/bai-viet.html"),
        ("(Quelle: https://example.de/artikel.html)", "https://example.de/artikel.html"),
        ("Source: www.example.com/story.", "www.example.com/story"),
        ("Источник: https://example.ru/news/1", "https://example.ru/news/1"),
        ("Kaynak : https://example.com.tr/haber/1 |", "https://example.com.tr/haber/1"),
        ("  Fuente:https://example.es/a  ", "https://example.es/a"),
    ],
)
def test_find_source_line_takes_labelled_urls_in_any_language(line: str, url: str) -> None:
    assert find_source_line(line) == url


@pytest.mark.parametrize(
    "line",
    [
        "(Sumber: Reuters) |",  # a photo credit names no URL
        "Nguồn: TASS",
        "The source: https://example.com/x",  # not a bare label
        "Sumber: https://example.vn/a dan teks lain setelahnya",
        "Menurut sumber itu, https://example.vn/a adalah situsnya.",
        "",
    ],
)
def test_find_source_line_rejects_credits_and_sentences(line: str) -> None:
    assert find_source_line(line) is None
