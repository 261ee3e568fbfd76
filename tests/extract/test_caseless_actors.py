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


def _mentions(text: str, language: str) -> dict[str, tuple[str, str]]:
    places = extract_places(text, language=language)
    return {m.text: (m.name, m.kind) for m in extract_actors(text, language=language, places=places)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A name ends before a verb that opens the predicate (举行, 获得, 当晚, 因).
        ("英国首相斯塔默举行记者会。", "斯塔默"),
        ("市长张建国当晚发表讲话。", "张建国"),
        ("总统马克龙因病取消行程。", "马克龙"),
        # A second title inside the text a first name was cut from: "与搭档…".
        ("候选人王大明与搭档李小红获得多数选票。", "李小红"),
    ],
)
def test_chinese_names_end_before_the_predicate(text: str, name: str) -> None:
    found = _mentions(text, "zh")
    assert found.get(name, ("", ""))[1] == "person", found
    assert not any(t.startswith(name) and t != name for t in found), found


def test_a_title_inside_a_longer_word_opens_no_name() -> None:
    # 大使馆 (embassy) holds the title 大使 (ambassador); 国务委员长 holds 国务委员.
    found = _mentions("美国驻法国大使馆提醒游客注意安全。朝鲜国务委员长金正恩出席。", "zh")
    assert "馆提醒" not in found and "长金" not in found, found
    assert found["美国驻法国大使馆"][1] == "organization"


@pytest.mark.parametrize(
    ("text", "org", "name"),
    [
        # A known organisation by its Chinese name, with its language-independent id.
        ("东盟秘书处发表声明。", "东盟", "ASEAN"),
        ("安理会昨天召开紧急会议。", "安理会", "UN Security Council"),
    ],
)
def test_known_organisations_in_unspaced_text(text: str, org: str, name: str) -> None:
    assert _mentions(text, "zh")[org] == (name, "organization")


def test_chinese_organisation_endings() -> None:
    found = _mentions("据广东省政府通报，消防队已赶到现场。双方签署协议，部署兵力。", "zh")
    assert found["广东省政府"][1] == "organization"  # a province keeps its place in the name
    assert found["消防队"][1] == "organization"
    assert "双方签署" not in found and "部署" not in found, found


def test_a_byline_desk_is_no_actor() -> None:
    assert "国际部" not in _mentions("2024-06-20 08:15  来源：某某新闻  编辑：国际部\n正文。", "zh")


def test_persian_names_with_hyphenated_syllables_and_office_heads() -> None:
    found = _mentions(
        "لی جه-میونگ، رهبر حزب دموکرات، دیروز سخنرانی کرد. دفتر ریاست\u200cجمهوری اعلام کرد.", "fa"
    )
    assert found["لی جه-میونگ"][1] == "person"
    assert found["دفتر ریاست\u200cجمهوری"][1] == "organization"


def _people(text: str, language: str = "ar") -> dict[str, str]:
    places = extract_places(text, language=language)
    found = extract_actors(text, language=language, places=places)
    return {m.text: m.id for m in found if m.kind == "person"}


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        # A title without the article is in construct with its complement: the minister of
        # the economy, the president of a university, not people called so.
        ("وقال وزير الاقتصاد والمالية إن الميزانية جاهزة.", "الاقتصاد"),
        ("وأوضح رئيس جامعة القاهرة أن الدراسة تعود غدا.", "جامعة"),
        # A preposition or a time adverb ends the name after a title.
        ("وقال المتحدث باسم الكرملين أمس إن المحادثات مستمرة.", "أمس"),
    ],
)
def test_arabic_title_complements_are_not_names(text: str, not_a_name: str) -> None:
    assert not any(not_a_name in name for name in _people(text))


def test_arabic_names_end_at_a_preposition_and_keep_their_linking_words() -> None:
    people = _people("وعقب الرئيس تبون على الكلمة. واستقبل الرئيس عبد الفتاح السيسي الوفد.")
    assert "تبون" in people  # not "تبون على" ("Tebboune on")
    assert "عبد الفتاح السيسي" in people  # "عبد" (servant of) does not count as a word


def test_arabic_short_bare_surname_needs_the_full_name() -> None:
    # "عباس" alone is a street here; the same word stands for the listed person once the
    # article has named him in full.
    assert "عباس" not in _people("ازدحام مروري في شارع عباس العقاد صباح اليوم.")
    people = _people("التقى الرئيس الفلسطيني محمود عباس الوفد. وقال عباس إن اللقاء كان مثمرا.")
    assert people.get("عباس") == people.get("محمود عباس") is not None


def test_one_listed_person_named_by_two_titles_is_one_actor() -> None:
    people = _people("أشار الرئيس فلاديمير بوتين إلى الأزمة. وعقب الرئيس بوتين على الكلمة.")
    assert people["بوتين"] == people["فلاديمير بوتين"]


def test_arabic_organisation_names_end_before_a_conjunction_with_the_article() -> None:
    found = _actors("زار الوزير قيادة قوات الدفاع الجوي والحرس الجمهوري أمس.", "ar")
    assert not any("والحرس" in text for text, kind in found if kind == "organization")
