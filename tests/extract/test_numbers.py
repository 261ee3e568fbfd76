"""Numbers with units, qualifiers and locale separators, on native sentences."""

from __future__ import annotations

import pytest

from storyline.extract.numbers import extract_numbers


def _found(text: str, language: str | None) -> list[tuple[float, str | None, str | None]]:
    return [(n.value, n.unit, n.qualifier) for _, n in extract_numbers(text, language=language)]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("id", "Ukraina kehilangan lebih dari 22.300 tentara.", [(22300, "tentara", "more than")]),
        ("pt", "Enviou mais de 10.000 soldados para a frente.", [(10000, "soldado", "more than")]),
        ("en", "Officials said 10,000 troops had arrived.", [(10000, "troop", None)]),
        ("vi", "Vụ tấn công khiến hơn 150 người bị thương.", [(150, "người", "more than")]),
        ("vi", "Giá vàng lên mức 157,5 triệu đồng mỗi lượng.", [(157_500_000, "đồng", None)]),
        ("es", "La guerra desplazó a 1,5 millones de personas.", [(1_500_000, "persona", None)]),
        ("en", "The fund holds 2.5 million dollars.", [(2_500_000, "dollar", None)]),
        (
            "id",
            "Pasukan menghancurkan sembilan peluncur dan lima upaya.",
            [(9, "peluncur", None), (5, "upaya", None)],
        ),
        (
            "en",
            "Nearly twenty-five tanks and about 40% of the fleet.",
            [(25, "tank", "nearly"), (40, "%", "about")],
        ),
        (
            "nb",
            "Over 10 000 soldater og tre fly ble sendt.",
            [(10000, "soldat", "more than"), (3, "fly", None)],
        ),
        (
            "de",
            "Mehr als 10.000 nordkoreanische Soldaten und rund 1,5 Millionen Menschen.",
            [(10000, "Soldat", "more than"), (1_500_000, "Mensch", "about")],
        ),
        (
            "fr",
            "Plus de 10 000 soldats et environ vingt chars.",
            [(10000, "soldat", "more than"), (20, "char", "about")],
        ),
        (
            "es",
            "Al menos dos mil soldados y casi 30 por ciento.",
            [(2000, "soldado", "at least"), (30, "%", "nearly")],
        ),
        ("en", "At least 10,000 North Korean troops arrived.", [(10000, "troop", "at least")]),
    ],
)
def test_quantities(language: str, text: str, expected: list[tuple[float, str, str | None]]) -> None:
    assert _found(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "In 2024 the talks resumed at 07:44 on 29/11 after a 2-1 win."),
        ("id", "Kendaraan UR-77 dan MLRS terlihat pada 12 Oktober."),
        ("vi", "Tháng 12 năm ngoái, ngày 23/12, xem https://example.vn/bai-viet-289899.html"),
        ("nb", "Han kom 14. oktober og ble nummer 5G i rekken."),
        ("pt", "Em 30 de novembro, um soldado chegou."),
        ("en", "Flight MH17 and the F-16 jets, comments (0)."),
    ],
)
def test_non_quantities_are_left_out(language: str, text: str) -> None:
    assert _found(text, language) == []


def test_separators_follow_the_language() -> None:
    assert _found("A tarifa subiu 2.500 reais.", "pt") == [(2500, "real", None)]
    assert _found("The rate rose 2.500 points.", "en")[0][0] == pytest.approx(2.5)
    assert _found("Die Rate stieg um 2,5 Punkte.", "de")[0][0] == pytest.approx(2.5)


def test_spans_cover_qualifier_number_and_unit() -> None:
    text = "Kiev kehilangan lebih dari 400 tentara."
    ((span, number),) = extract_numbers(text, language="id")
    assert text[span.start : span.end] == number.text == "lebih dari 400 tentara"


def test_range_limits_the_search() -> None:
    text = "Ada 5 tank. Lalu 7 kapal."
    found = extract_numbers(text, language="id", start=12)
    assert [n.value for _, n in found] == [7]


def test_unknown_language_uses_digit_grouping() -> None:
    assert _found("10.000 soldiers and 3,5 tonnes", None) == [
        (10000, "soldiers", None),
        (3.5, "tonnes", None),
    ]
