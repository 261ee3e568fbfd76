"""Actors in caseless scripts without a title (issue 15): listed people, institutions, organisations."""

from __future__ import annotations

import pytest

from storyline.extract.actors import extract_actors
from storyline.extract.places import extract_places


def _actors(text: str, language: str) -> set[tuple[str, str]]:
    places = extract_places(text, language=language)
    return {(m.text, m.kind) for m in extract_actors(text, language=language, places=places)}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # A listed person's last word after the clitic "and" (و), with the id of the full name.
        ("التقى المسؤولون وبوتين في العاصمة.", "ar", ("بوتين", "person")),
        # A Korean name before a particle, no title.
        ("푸틴은 어제 평양을 떠났다.", "ko", ("푸틴", "person")),
        # A party by its ending, its particle left out.
        ("공화당은 상원 다수당 지위를 되찾았다.", "ko", ("공화당", "organization")),
        # A Chinese party after a function character.
        ("他所属的共和党赢得了选举。", "zh", ("共和党", "organization")),
        # A Japanese agency by its ending.
        ("気象庁によると、揺れは強かった。", "ja", ("気象庁", "organization")),
        # A Persian organisation head and the words that follow it, up to a verb.
        ("سازمان ملل متحد اعلام کرد که نشست برگزار می‌شود.", "fa", ("سازمان ملل متحد", "organization")),
        # An institution named by an ordinary word.
        ("وافق البرلمان على القانون.", "ar", ("البرلمان", "organization")),
    ],
)
def test_caseless_actor_without_a_title(text: str, language: str, expected: tuple[str, str]) -> None:
    assert expected in _actors(text, language)


def test_common_words_with_an_organisation_ending_are_not_organisations() -> None:
    found = _actors("여당과 야당은 해당 법안의 처리 여부를 논의했다.", "ko")
    assert not {text for text, kind in found if kind == "organization"}


def test_one_listed_person_keeps_one_id_in_an_article() -> None:
    text = "الرئيس الأمريكي المنتخب دونالد ترامب فاز بالانتخابات. وقال ترامب إنه سيعمل."
    places = extract_places(text, language="ar")
    people = [m for m in extract_actors(text, language="ar", places=places) if m.kind == "person"]
    assert {m.text for m in people} == {"دونالد ترامب", "ترامب"}
    assert len({m.id for m in people}) == 1


def test_subdivisions_are_places_in_non_latin_scripts() -> None:
    places = extract_places("特朗普在佛罗里达州发表讲话。", language="zh")
    assert [(p.text, p.country, p.kind) for p in places] == [("佛罗里达州", "US", "region")]


def test_a_katakana_place_never_cuts_a_katakana_word() -> None:
    places = extract_places("トランプ氏は勝利を宣言した。", language="ja")
    assert not [p for p in places if "トラン" in p.text]
