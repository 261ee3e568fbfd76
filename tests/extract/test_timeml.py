"""TimeML values beyond calendar dates, and dates whose direction the sentence decides."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.extract.dates import extract_times


def timeml(text: str, lang: str, published: dt.date) -> list[tuple[str, str]]:
    return [(t.value, t.type) for t in extract_times(text, language=lang, published=published, timeml=True)]


@pytest.mark.parametrize(
    ("lang", "text", "published", "expected"),
    [
        ("en", "Prices are now higher.", dt.date(2024, 5, 1), [("PRESENT_REF", "DATE")]),
        ("en", "The bank recently cut rates.", dt.date(2024, 5, 1), [("PAST_REF", "DATE")]),
        ("en", "Rates may rise in the future.", dt.date(2024, 5, 1), [("FUTURE_REF", "DATE")]),
        ("en", "The minister spoke this morning.", dt.date(2008, 1, 9), [("2008-01-09TMO", "TIME")]),
        ("en", "The quake struck at 16:08 UTC.", dt.date(2024, 5, 1), [("2024-05-01T16:08Z", "TIME")]),
        ("en", "Talks continue this week.", dt.date(2006, 4, 5), [("2006-W14", "DATE")]),
        # A 12-hour clock, and a clock time joined to its day.
        ("en", "The truce began at 8 a.m. local time.", dt.date(2024, 5, 1), [("2024-05-01T08:00", "TIME")]),
        ("en", "Polls close at 9pm GMT.", dt.date(2024, 5, 1), [("2024-05-01T21:00Z", "TIME")]),
        ("en", "The offer ends at 5 p.m. EST Nov. 9.", dt.date(1989, 11, 2), [("1989-11-09T17:00", "TIME")]),
        ("en", "Voting ends 10 p.m. Wednesday.", dt.date(1998, 2, 13), [("1998-02-11T22:00", "TIME")]),
        ("en", "The meeting ended at 12 a.m.", dt.date(2024, 5, 1), [("2024-05-01T00:00", "TIME")]),
        ("en", "Profit rose in the fourth quarter.", dt.date(2024, 11, 20), [("2024-Q4", "DATE")]),
        ("en", "Sales fell in the third quarter of 2009.", dt.date(2010, 2, 1), [("2009-Q3", "DATE")]),
        ("en", "It has grown over the past decade.", dt.date(2024, 5, 1), [("202", "DATE")]),
        ("en", "Inflation was high in the 1970s.", dt.date(2024, 5, 1), [("197", "DATE")]),
        ("en", "It was built in the 19th century.", dt.date(2024, 5, 1), [("18", "DATE")]),
        ("en", "He served 20 years in prison.", dt.date(2024, 5, 1), [("P20Y", "DURATION")]),
        ("es", "Hace diez años llegó a Madrid.", dt.date(2000, 7, 13), [("1990", "DATE")]),
        ("es", "Ahora vive en Lima.", dt.date(2000, 7, 13), [("PRESENT_REF", "DATE")]),
        ("es", "La iglesia es del siglo XV.", dt.date(2000, 7, 13), [("14", "DATE")]),
        ("es", "Lo anunció el día 13.", dt.date(2000, 7, 20), [("2000-07-13", "DATE")]),
        ("es", "Estuvo preso dos años.", dt.date(2000, 7, 13), [("P2Y", "DURATION")]),
        ("es", "La crisis de los años 30.", dt.date(2000, 7, 13), [("193", "DATE")]),
        ("de", "Im dritten Quartal 2024 sank der Umsatz.", dt.date(2024, 11, 5), [("2024-Q3", "DATE")]),
        ("de", "Derzeit prüft die Regierung die Lage.", dt.date(2024, 11, 5), [("PRESENT_REF", "DATE")]),
        ("de", "Die Gespräche dauerten drei Tage.", dt.date(2024, 11, 5), [("P3D", "DURATION")]),
        (
            "fr",
            "Les ventes ont reculé au troisième trimestre 2024.",
            dt.date(2024, 11, 5),
            [("2024-Q3", "DATE")],
        ),
        (
            "fr",
            "Dans les années 1990, le groupe comptait le double.",
            dt.date(2024, 11, 5),
            [("199", "DATE")],
        ),
        ("pt", "Atualmente, a empresa emprega 500 pessoas.", dt.date(2024, 11, 5), [("PRESENT_REF", "DATE")]),
        ("pt", "O lucro caiu no terceiro trimestre de 2024.", dt.date(2024, 11, 5), [("2024-Q3", "DATE")]),
        ("it", "Negli anni novanta erano il doppio.", dt.date(2024, 11, 5), [("199", "DATE")]),
    ],
)
def test_timeml_values(lang: str, text: str, published: dt.date, expected: list[tuple[str, str]]) -> None:
    assert timeml(text, lang, published) == expected


def test_durations_are_no_calendar_dates() -> None:
    found = extract_times("He served 20 years.", language="en", published=dt.date(2024, 5, 1), timeml=True)
    assert [t.calendar for t in found] == [False]
    assert extract_times("He served 20 years.", language="en", published=dt.date(2024, 5, 1)) == ()


def values(text: str, lang: str, published: dt.date) -> list[str]:
    return [t.value for t in extract_times(text, language=lang, published=published)]


@pytest.mark.parametrize(
    ("lang", "text", "published", "expected"),
    [
        # A Thursday article about the coming day.
        ("en", "The talks will resume on Friday.", dt.date(2024, 11, 28), ["2024-11-29"]),
        ("en", "The astronauts are due to return home on Monday.", dt.date(2024, 11, 28), ["2024-12-02"]),
        ("en", "The talks ended on Friday.", dt.date(2024, 11, 28), ["2024-11-22"]),
        # "the next day, Monday (21/10)" read on Sunday 20 October.
        ("id", "Menteri dilantik keesokan harinya, Senin (21/10).", dt.date(2024, 10, 20), ["2024-10-21"]),
        ("es", "El presidente viajará a Lima en enero.", dt.date(2024, 11, 28), ["2025-01"]),
        ("es", "El presidente viajó a Lima en enero.", dt.date(2024, 11, 28), ["2024-01"]),
        # Month-only expressions, in the prepositional case too.
        ("ru", "Встреча прошла в апреле, саммит будет в мае.", dt.date(2024, 10, 20), ["2024-04", "2025-05"]),
        ("en", "The plant closed in September.", dt.date(2024, 10, 20), ["2024-09"]),
        ("fr", "L'usine a fermé en septembre.", dt.date(2024, 10, 20), ["2024-09"]),
    ],
)
def test_direction_from_the_sentence(lang: str, text: str, published: dt.date, expected: list[str]) -> None:
    assert values(text, lang, published) == expected


def test_a_yearless_date_takes_the_year_of_its_sentence() -> None:
    text = "Les bombes ont frappé Hiroshima le 6 août 1945 et Nagasaki le 9 août."
    assert values(text, "fr", dt.date(2024, 10, 11)) == ["1945-08-06", "1945-08-09"]


def test_past_markers_and_sentence_initial_prepositions() -> None:
    assert values("In January this year, the police had searched the area.", "en", dt.date(1998, 2, 19)) == [
        "1998-01"
    ]
    assert values("The memo went to bankers last December.", "en", dt.date(1989, 10, 30)) == ["1988-12"]
    assert values("Mr. Smith will succeed Daniel P. Davison Feb. 1.", "en", dt.date(1989, 10, 26)) == [
        "1990-02-01"
    ]
