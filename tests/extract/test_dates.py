"""Time expressions: native sentences per language, the negatives, and the seed articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storyline.extract.dates import extract_times

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seeds"
PUB = dt.date(2024, 12, 1)  # a Sunday


def values(text: str, lang: str | None, published: dt.date | None = PUB) -> list[str]:
    return [t.value for t in extract_times(text, language=lang, published=published)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "The talks ended on November 29, 2024 in Geneva.", ["2024-11-29"]),
        ("en", "The minister arrived yesterday and leaves tomorrow.", ["2024-11-30", "2024-12-02"]),
        ("en", "Sales fell last month and will recover next year.", ["2024-11", "2025"]),
        ("en", "He resigned last Tuesday.", ["2024-11-26"]),
        ("en", "Elections are due this week.", ["2024-W48"]),
        ("en", "The plant closed in September 2024.", ["2024-09"]),
        ("en", "The treaty was signed in 2014.", ["2014"]),
        ("en-US", "Filed 11/29/2024.", ["2024-11-29"]),
        ("es", "El acuerdo se firmó ayer y hoy entra en vigor.", ["2024-11-30", "2024-12-01"]),
        ("es", "La cumbre del 19 de mayo de 2023 fracasó.", ["2023-05-19"]),
        ("es", "Llegó el lunes pasado.", ["2024-11-25"]),
        ("fr", "Le ministre est arrivé hier, aujourd'hui il parle.", ["2024-11-30", "2024-12-01"]),
        ("fr", "Le sommet du 3 mars 2024 a été reporté.", ["2024-03-03"]),
        ("de", "Der Minister kam gestern an, heute spricht er.", ["2024-11-30", "2024-12-01"]),
        ("de", "Das Treffen fand am 14. Oktober statt.", ["2024-10-14"]),
        ("it", "Il ministro è arrivato ieri; oggi incontra il presidente.", ["2024-11-30", "2024-12-01"]),
        ("it", "L'accordo del 5 giugno 2023.", ["2023-06-05"]),
        ("pt", "O ministro chegou ontem e hoje fala.", ["2024-11-30", "2024-12-01"]),
        ("pt", "Eles se encontraram em 30 de novembro.", ["2024-11-30"]),
        ("pt", "O acordo foi assinado em junho de 2024.", ["2024-06"]),
        ("vi", "Cuộc gặp diễn ra vào ngày 25/6/2024 tại Hà Nội.", ["2024-06-25"]),
        ("vi", "Ông đã phát biểu hôm 24/6 về vấn đề này.", ["2024-06-24"]),
        ("vi", "Hôm nay ông đến, hôm qua ông rời Moskva.", ["2024-12-01", "2024-11-30"]),
        ("vi", "Bán đảo này sáp nhập vào Nga năm 2014.", ["2014"]),
        ("vi", "Hội nghị sẽ họp vào tháng 6.", ["2025-06"]),  # "sẽ" (will): the coming June
        ("id", "Pertemuan itu berlangsung pada 12 Oktober.", ["2024-10-12"]),
        ("id", "Presiden tiba kemarin dan hari ini bertemu menteri.", ["2024-11-30", "2024-12-01"]),
        ("nb", "Ministeren kom i går, og i dag holder han tale.", ["2024-11-30", "2024-12-01"]),
        ("nb", "Han ankom Beijing 14. oktober.", ["2024-10-14"]),
        ("ru", "Министр прибыл вчера, а сегодня выступил.", ["2024-11-30", "2024-12-01"]),
        ("ru", "Встреча состоялась 14 октября 2024 года.", ["2024-10-14"]),
        ("tr", "Bakan dün geldi, bugün konuştu.", ["2024-11-30", "2024-12-01"]),
        ("tr", "Görüşme 14 Ekim 2024 tarihinde yapıldı.", ["2024-10-14"]),
        ("ar", "وصل الوزير أمس، ويلتقي الرئيس اليوم.", ["2024-11-30", "2024-12-01"]),
        ("ar", "عقد الاجتماع في 14 أكتوبر 2024.", ["2024-10-14"]),
    ],
)
def test_native_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Kinas forsvarsminister Dong Jun møtte Belousov."),  # "Jun" inside a name
        ("en", "Chelsea won 2-1 after extra time."),  # a score
        ("en", "Download the file (2287.586 kb) now."),  # a size
        ("vi", "Ngôi chùa đã tồn tại 111 năm và mở cửa 1 ngày mỗi tuần."),  # durations
        ("en", "The war lasted 3 years."),  # a duration
        ("en", "Install v2.1 from https://example.org/2024/11/29/news.html"),  # version, URL
        ("id", "Ukraina kehilangan lebih dari 22.300 tentara."),  # a number
        ("en", "The meeting starts at 14:30."),  # a clock time alone
        ("en", "May I ask a question? They march on."),  # modal verb and verb
    ],
)
def test_no_false_times(lang: str, text: str) -> None:
    assert values(text, lang) == []


def test_no_anchor_keeps_year_unknown_and_drops_relatives() -> None:
    times = extract_times("Eles se encontraram em 30 de novembro, ontem.", language="pt", published=None)
    assert [(t.value, t.anchor) for t in times] == [("--11-30", "none")]


def test_text_anchor_dates_yearless_and_relative_expressions() -> None:
    text = "Ngày 29/11/2024, Bộ trưởng đến. Hôm nay (29/11) ông gặp lãnh đạo; hôm qua ông ở Moskva."
    times = extract_times(text, language="vi", published=None)
    assert [(t.text, t.value, t.anchor) for t in times] == [
        ("29/11/2024", "2024-11-29", "none"),
        # The date in parentheses restates the relative word: one expression.
        ("Hôm nay (29/11", "2024-11-29", "text"),
        ("hôm qua", "2024-11-28", "text"),
    ]


def test_granularity_and_offsets() -> None:
    text = "Sales fell in September 2024, and the plant closed on 3 October."
    times = extract_times(text, language="en", published=PUB)
    assert [(text[t.start : t.end], t.granularity) for t in times] == [
        ("September 2024", "month"),
        ("3 October", "day"),
    ]


def test_day_month_order_follows_the_locale() -> None:
    assert values("Filed 11/10/2024.", "en-US") == ["2024-11-10"]
    assert values("Filed 11/10/2024.", "en-GB") == ["2024-10-11"]
    assert values("Publié le 11/10/2024.", "fr") == ["2024-10-11"]


def test_weekday_with_date_is_one_expression() -> None:
    times = extract_times("He spoke on Friday, Oct. 13, 2023.", language="en", published=PUB)
    assert [(t.text, t.value) for t in times] == [("Friday, Oct. 13, 2023", "2023-10-13")]


def test_a_date_closing_a_sentence_leaves_the_full_stop_out() -> None:
    text = "The vote is set for October 3. Nothing else was decided."
    times = extract_times(text, language="en", published=PUB)
    assert [t.text for t in times] == ["October 3"]


def test_the_tense_of_the_sentence_before_a_one_digit_date_does_not_carry_over() -> None:
    # "will" belongs to the first sentence; the Friday of the second is the one just past.
    text = "The talks will resume on October 3. The ceasefire ended on Friday."
    assert values(text, "en")[1] == "2024-11-29"


def test_yearless_date_prefers_the_recent_past() -> None:
    # Read on 1 December: 30 November is yesterday, 15 December is in two weeks.
    assert values("They met on 30 November and meet again on 15 December.", "en") == [
        "2024-11-30",
        "2024-12-15",
    ]


def _seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip(f"shared corpus not found at {SEEDS}")
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8", errors="replace")


def test_seed_000_indonesian_two_yearless_days() -> None:
    found = set(values(_seed("000"), "id", published=None))
    assert {"--10-11", "--10-12"} <= found


def test_seed_001_vietnamese_full_date() -> None:
    assert "2024-06-25" in values(_seed("001"), "vi", published=None)


def test_seed_002_norwegian_published() -> None:
    times = extract_times(_seed("002"), language="nb", published=dt.date(2024, 10, 14))
    assert ("14. oktober", "2024-10-14") in [(t.text, t.value) for t in times]
    assert not any("Jun" in t.text for t in times)


def test_seed_003_today_resolved_from_the_text() -> None:
    times = extract_times(_seed("003"), language="vi", published=None)
    by_text = {(t.text, t.value) for t in times}
    # "hôm nay (29/11)": the date in parentheses restates "today", one expression (as the gold).
    assert ("hôm nay (29/11", "2024-11-29") in by_text
    assert ("29/11/2024", "2024-11-29") in by_text


def test_seed_004_portuguese_yearless() -> None:
    text = _seed("004")
    assert "--11-30" in values(text, "pt", published=None)
    assert "2024-11-30" in values(text, "pt", published=dt.date(2024, 12, 1))


def test_languages_with_only_year_suffixes() -> None:
    # Turkish marks years with suffixes only ("2014 yılında"); a bare year
    # pattern without a prefix group once raised IndexError.
    found = extract_times("Anlaşma 2014 yılında imzalandı.", language="tr", published=None)
    assert [t.value for t in found] == ["2014"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Gregorian dates and years written in Persian digits.
        ("این قرارداد در ۱۴ ژوئیه ۲۰۱۵ امضا شد.", [("۱۴ ژوئیه ۲۰۱۵", "2015-07-14")]),
        ("انقلاب در سال ۱۹۷۹ میلادی رخ داد.", [("۱۹۷۹", "1979")]),
        # A Solar Hijri year alone is no Gregorian year.
        ("بودجه سال ۱۴۰۳ تصویب شد.", []),
    ],
)
def test_persian_digit_years(text: str, expected: list[tuple[str, str]]) -> None:
    import datetime as dt

    from storyline.dates.expressions import extract_times

    found = extract_times(text, language="fa", published=dt.date(2024, 6, 1))
    assert [(t.text, t.value) for t in found] == expected


def test_turkish_capitals_lowercase_to_dotless_i() -> None:
    """ "KASIM" is "kasım" in Turkish ("I" pairs with dotless "ı"), not "kasim": headlines and
    datelines in capitals named no month before."""
    text = "15 KASIM 2023 tarihinde toplantı yapıldı. 3 ARALIK günü görüşme sürdü. İSTANBUL, 2 EKİM 2023."
    found = extract_times(text, language="tr", published=dt.date(2023, 12, 5))
    assert [(t.text, t.value) for t in found] == [
        ("15 KASIM 2023", "2023-11-15"),
        ("3 ARALIK", "2023-12-03"),
        ("2 EKİM 2023", "2023-10-02"),
    ]
    assert all(text[t.start : t.end] == t.text for t in found)
    # Elsewhere "I" stays "i": an English "APRIL 5, 2023" in capitals is still a date.
    assert [t.value for t in extract_times("ON APRIL 5, 2023 IT RAINED.", language="en", published=None)] == [
        "2023-04-05"
    ]
