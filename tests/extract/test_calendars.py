"""Dates with unit characters (zh, ja, ko) and the Persian calendar (issue 15)."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.dates.calendars import jalali_to_gregorian
from storyline.dates.expressions import extract_times

PUBLISHED = dt.date(2024, 11, 7)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("zh", "特朗普于2024年11月6日宣布胜选，11月7日习近平致电。", ["2024-11-06", "2024-11-07"]),
        (
            "ja",
            "2024年11月6日、トランプ氏が勝利。１１月７日に首相が祝意。",
            ["2024-11-06", "2024-11-07"],
        ),
        ("ja", "2024年10月に発足した内閣", ["2024-10"]),
        (
            "ko",
            "양력 2024년 11월 6일 트럼프가 승리. 11월 7일 축하.",
            ["2024-11-06", "2024-11-07"],
        ),
        ("fa", "در ۱۵ تیر ۱۴۰۳ پزشکیان پیروز شد.", ["2024-07-05"]),
        ("fa", "روز ۵ آبان ماه ۱۴۰۳ حمله انجام شد.", ["2024-10-26"]),
    ],
)
def test_unit_character_and_persian_dates(language: str, text: str, expected: list[str]) -> None:
    assert [t.value for t in extract_times(text, language=language, published=PUBLISHED)] == expected


@pytest.mark.parametrize(
    ("jalali", "gregorian"),
    [
        ((1403, 1, 1), dt.date(2024, 3, 20)),
        ((1403, 12, 30), dt.date(2025, 3, 20)),  # a leap year's last day
        ((1404, 1, 1), dt.date(2025, 3, 21)),
        ((1399, 12, 30), dt.date(2021, 3, 20)),
        ((1396, 1, 1), dt.date(2017, 3, 21)),
    ],
)
def test_jalali_to_gregorian(jalali: tuple[int, int, int], gregorian: dt.date) -> None:
    assert jalali_to_gregorian(*jalali) == gregorian
