"""Place names that only count with support from the text (issue 15): short CJK and Arabic
names of big cities (their country named), small towns and bare prefectures (qualified by
an administrative suffix or a classifier word, then everywhere in the article), Korean
one-character country abbreviations.  Our own sentences, one behaviour each."""

from __future__ import annotations

import pytest

from storyline.extract.places import extract_places


def _found(text: str, language: str) -> list[tuple[str, str]]:
    return [(p.text, p.id) for p in extract_places(text, language=language)]


def test_a_prefecture_counts_with_its_suffix_and_the_suffix_is_in_the_span() -> None:
    assert _found("石川県で地震があった。", "ja") == [("石川県", "region:jp-17")]


def test_a_bare_two_character_prefecture_is_a_family_name() -> None:
    assert _found("石川さんは会見で説明した。", "ja") == []


def test_a_small_town_counts_with_its_suffix_then_everywhere_in_the_article() -> None:
    found = _found("七尾市で停電が起きた。七尾港も閉鎖された。", "ja")
    assert [text for text, _ in found] == ["七尾市", "七尾"]
    assert len({place for _, place in found}) == 1
    assert _found("七尾港が閉鎖された。", "ja") == []


def test_a_korean_town_written_with_its_suffix_joined() -> None:
    assert [text for text, _ in _found("나나오시에서 정전이 발생했다.", "ko")] == ["나나오시"]


def test_an_arabic_town_counts_after_a_classifier_word() -> None:
    assert [text for text, _ in _found("اقتحمت القوات مدينة جنين فجر اليوم.", "ar")] == ["جنين"]
    assert _found("صورة جنين في الرحم.", "ar") == []  # "a picture of a foetus"


@pytest.mark.parametrize(
    ("language", "supported", "alone", "name"),
    [
        ("zh", "代表团从俄罗斯飞往喀山。", "喀山会晤", "喀山"),
        ("ar", "زار الوزير حلب ثم عاد إلى سوريا.", "حلب المزارع البقرة.", "حلب"),
    ],
)
def test_a_short_city_name_needs_its_country_in_the_article(
    language: str, supported: str, alone: str, name: str
) -> None:
    assert name in {text for text, _ in _found(supported, language)}
    assert _found(alone, language) == []


def test_a_native_two_character_city_name_is_a_word() -> None:
    assert [text for text, _ in _found("中国队取得胜利。", "zh")] == ["中国"]  # "victory", not Shengli


def test_a_long_transliterated_town_needs_its_country() -> None:
    text = "米国フロリダ州のフォートローダーデールで集会があった。"
    assert "フォートローダーデール" in {t for t, _ in _found(text, "ja")}
    assert _found("フォートローダーデールで集会があった。", "ja") == []


def test_a_city_that_is_a_first_name_is_no_place_without_letter_case() -> None:
    assert _found("블라디미르 푸틴 대통령이 말했다.", "ko") == []


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("美 대선 결과에 北 반발", ["country:US", "country:KP"]),
        ("韓日 정상회담이 열렸다.", ["country:KR", "country:JP"]),
    ],
)
def test_korean_one_character_country_abbreviations(text: str, countries: list[str]) -> None:
    assert [place for _, place in _found(text, "ko")] == countries


def test_one_character_abbreviations_are_korean_only() -> None:
    assert _found("北方地区降温。", "zh") == []
    assert _found("北 반발", "zh") == []


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("일본 이시카와현에서 지진이 발생했다.", ("이시카와현", "region:jp-17")),
        ("일본 홋카이도 서쪽 해상에 떨어졌다.", ("홋카이도", "region:jp-01")),
        ("미국 위스콘신에서 승리했다.", ("위스콘신", "region:us-wi")),
    ],
)
def test_a_korean_transcription_of_a_foreign_place_whose_country_is_named(
    text: str, place: tuple[str, str]
) -> None:
    assert place in _found(text, "ko")


def test_a_korean_transcription_needs_its_country_and_spares_korean_words() -> None:
    assert _found("이시카와현에서 지진이 발생했다.", "ko") == []
    text = "미국 대통령실은 국민의힘 대표와 기상청 발표를 언급했다."
    assert _found(text, "ko") == [("미국", "country:US")]
    assert _found("블라디미르 푸틴 러시아 대통령이 말했다.", "ko") == [("러시아", "country:RU")]


def test_arabic_names_written_without_hamza() -> None:
    found = _found("هاجمت اسرائيل ايران امس، وقال البيت الأبيض إنه يتابع.", "ar")
    assert found == [("اسرائيل", "country:IL"), ("ايران", "country:IR")]


def test_arabic_clitic_kaf_before_the_article() -> None:
    assert _found("كالصين تماما", "ar") == [("كالصين", "country:CN")]


def test_a_two_syllable_time_zone_city_needs_its_country() -> None:
    """CLDR names the Gaza and Dhaka time zones "가자" and "다카", which are also Korean words."""
    assert extract_places("두 정상은 관계 개선 흐름을 이어 가자는 데 뜻을 모았다.", language="ko") == ()
    found = extract_places("팔레스타인 가자 지구에서 공습이 이어졌다.", language="ko")
    assert "가자" in {p.text for p in found}
