"""Times and claims in the languages of issue 15: our own sentences, one behaviour each."""

from __future__ import annotations

import datetime as dt

import pytest

from storyline.extract.claims import extract_claims
from storyline.extract.dates import extract_times

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday


def _times(text: str, language: str) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in extract_times(text, language=language, published=PUBLISHED)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # Relative words touch the words around them: no spaces in Chinese and Japanese.
        ("zh", "总理昨天在北京会见了代表团。", [("昨天", "2024-03-13")]),
        ("ja", "首相はきょう閣議を開いた。", [("きょう", "2024-03-14")]),
        # A day of the month alone takes the month of the publication date.
        ("zh", "代表团12日抵达上海。", [("12日", "2024-03-12")]),
        ("ko", "대표단은 12일 서울에 도착했다.", [("12일", "2024-03-12")]),
        # A relative day restated by a date in parentheses is one expression.
        ("ko", "대표단은 어제(13일) 서울에 도착했다.", [("어제(13일", "2024-03-13")]),
        ("ja", "代表団は昨日（13日）東京に着いた。", [("昨日（13日", "2024-03-13")]),
        # A month or a year relative to the publication, then the day or month it qualifies.
        ("ja", "選挙は今月24日に行われる。", [("今月24日", "2024-03-24")]),
        ("ko", "지난해 11월 회담이 열렸다.", [("지난해 11월", "2023-11")]),
        ("ja", "式典は来年2月1日に開かれる。", [("来年2月1日", "2025-02-01")]),
        # Years written with their unit character, touching the next word.
        ("zh", "他曾于2012年至2016年任职。", [("2012", "2012"), ("2016", "2016")]),
        # A part of the day after the day belongs to the expression.
        ("zh", "飞机13日凌晨降落。", [("13日凌晨", "2024-03-13")]),
        ("ko", "회의는 13일 오후 끝났다.", [("13일 오후", "2024-03-13")]),
        # A month alone.
        ("ja", "法案は1月に成立した。", [("1月", "2024-01")]),
        # Ukrainian months in the locative case.
        ("uk", "Переговори відбулися у лютому.", [("лютому", "2024-02")]),
        # Russian and Ukrainian weekdays in the accusative ("в среду": on Wednesday).
        ("ru", "Договор подписали в среду в Минске.", [("среду", "2024-03-13")]),
        ("uk", "Делегація прибула у суботу.", [("суботу", "2024-03-09")]),
        # "The same day" is the day the text last named, not the publication date.
        ("ja", "大使は11日に着任し、同日夜に会見した。", [("11日", "2024-03-11"), ("同日夜", "2024-03-11")]),
        (
            "ko",
            "회담은 12일 열렸다. 양측은 이날 공동성명을 냈다.",
            [("12일", "2024-03-12"), ("이날", "2024-03-12")],
        ),
        (
            "ru",
            "Встреча прошла 10 марта в Минске. Вечером того же дня он улетел.",
            [("10 марта", "2024-03-10"), ("того же дня", "2024-03-10")],
        ),
        # A Solar Hijri date without its year: the one nearest before the publication.
        ("fa", "نشست روز ۲۰ اسفند برگزار شد.", [("۲۰ اسفند", "2024-03-10")]),
        ("fa", "دیشب جلسه برگزار شد.", [("دیشب", "2024-03-13")]),
    ],
)
def test_times(language: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert _times(text, language) == expected


def test_same_day_look_alike_is_no_date() -> None:
    assert _times("他同日本外相会谈。", "zh") == []


def _claims(text: str, language: str) -> list[str]:
    return [text[c.statement.start : c.statement.end] for c in extract_claims(text, language=language)]


@pytest.mark.parametrize(
    ("language", "text", "statement"),
    [
        ("zh", "外交部长王毅表示，双方将加强在气候问题上的合作。", "双方将加强在气候问题上的合作"),
        ("zh", "据新华社报道，代表团已经抵达会场并开始讨论。", "代表团已经抵达会场并开始讨论"),
        ("ja", "長官は会見で、政府として情報収集を急いでいると述べた。", "政府として情報収集を急いでいる"),
        ("ja", "気象庁によると、今後も強い揺れに注意が必要だという。", "今後も強い揺れに注意が必要だという"),
        ("ko", "외교부 대변인은 정부가 상황을 주시하고 있다고 밝혔다.", "정부가 상황을 주시하고 있다고"),
        ("ko", "기상청에 따르면 이번 주말 전국에 비가 내릴 전망이다.", "이번 주말 전국에 비가 내릴 전망이다"),
    ],
)
def test_claim_statements(language: str, text: str, statement: str) -> None:
    assert statement in _claims(text, language)


def test_verb_final_sentence_with_two_reporting_verbs_gives_two_claims() -> None:
    text = "大臣は会見で、予算の執行が遅れていると批判し、早急な対応が必要だと主張した。"
    assert _claims(text, "ja") == ["予算の執行が遅れている", "早急な対応が必要だ"]


def test_a_one_character_verb_needs_its_comma() -> None:
    """说 and 称 are parts of many words (小说, 名称): alone they report nothing."""
    assert _claims("这部小说的名称很长，读者都记得。", "zh") == []
