"""Base forms of inflected Russian and Ukrainian names (issue 9 item 4, issue 15)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from storyline.extract.actors import extract_actors
from storyline.extract.morph import base_name


@pytest.mark.parametrize(
    ("name", "language", "base"),
    [
        ("Владимира Путина", "ru", "Владимир Путин"),
        ("Путина", "ru", "Путин"),
        ("Дональда Трампа", "ru", "Дональд Трамп"),
        ("Трампу", "ru", "Трамп"),
        ("Уоррена Баффета", "ru", "Уоррен Баффет"),
        ("Сергея Лаврова", "ru", "Сергей Лавров"),
        ("Реджепа Тайипа Эрдогана", "ru", "Реджеп Тайип Эрдоган"),
        ("Ким Чен Ын", "ru", "Ким Чен Ын"),  # does not decline
        ("Путин", "ru", "Путин"),
        ("Володимира Зеленського", "uk", "Володимир Зеленський"),
        ("Антоніу Гутерреша", "uk", "Антоніу Гутерреш"),
        ("Donald Trump", "ru", "Donald Trump"),
        ("Владимира Путина", "en", "Владимира Путина"),  # only configured languages
    ],
)
def test_base_name(name: str, language: str, base: str) -> None:
    assert base_name(name, language) == base


@pytest.mark.parametrize(
    ("name", "base"),
    [
        # A man's foreign name the dictionary misreads: a woman's name and a mask, or unknown words.
        ("Илона Маска", "Илон Маск"),
        ("Илону Маску", "Илон Маск"),
        ("Илоном Маском", "Илон Маск"),
        ("Кира Стармера", "Кир Стармер"),
        ("Олафа Шольца", "Олаф Шольц"),
        # Foreign names ending in a vowel do not decline; a woman's surname keeps its ending.
        ("Нарендры Моди", "Нарендра Моди"),
        ("Джорджи Мелони", "Джорджи Мелони"),
        ("Анну Смирнову", "Анна Смирнова"),
        ("Дмитрию Пескову", "Дмитрий Песков"),
    ],
)
def test_foreign_names_in_oblique_cases(name: str, base: str) -> None:
    assert base_name(name, "ru") == base


def test_a_name_the_dictionary_only_guesses_as_a_plural_is_left_alone() -> None:
    # pymorphy3 guesses "Олаф" as the genitive plural of a feminine noun ("Олафы").
    assert base_name("Олаф Шольц", "ru") == "Олаф Шольц"


def test_inflected_mentions_share_one_actor() -> None:
    text = "Вчера Владимир Путин встретился с Дональдом Трампом. По словам Владимира Путина, всё хорошо."
    found = {m.text: m for m in extract_actors(text, language="ru")}
    assert found["Дональдом Трампом"].name == "Дональд Трамп"
    assert found["Владимира Путина"].name == "Владимир Путин"
    assert found["Владимира Путина"].id == found["Владимир Путин"].id  # the city word included


def test_a_latin_only_run_does_not_load_the_dictionaries() -> None:
    code = (
        "import sys\n"
        "from storyline.extract.actors import extract_actors\n"
        "extract_actors('Prime Minister Keir Starmer met Emmanuel Macron in Paris.', language='en')\n"
        "print('pymorphy3' in sys.modules, 'anyascii' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_a_given_name_the_dictionary_tags_only_in_other_cases() -> None:
    # pymorphy3's Ukrainian dictionary tags "Володимиром" as a given name, not "Володимир".
    found = {
        m.text: m for m in extract_actors("Учора прем'єр Володимир Гройсман виступив у Раді.", language="uk")
    }
    assert found["Володимир Гройсман"].name == "Володимир Гройсман"


def test_a_korean_name_in_cyrillic_keeps_its_family_name() -> None:
    # "Чан" is also a common noun (a vat): a three-syllable run is a Korean name.
    found = {
        m.text: m
        for m in extract_actors("Вчора радник Чан Мін Хо заявив, що візит відбудеться.", language="uk")
    }
    assert "Чан Мін Хо" in found


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # Both words are also forms of common nouns ("песков": of the sands; "волков": of the wolves).
        ("Дмитрий Песков также сказал, что визит отложен.", "ru", "Дмитрий Песков"),
        ("Об этом сообщил Игорь Волков на брифинге в Москве.", "ru", "Игорь Волков"),
    ],
)
def test_a_surname_that_is_also_a_common_word_is_a_name(text: str, language: str, name: str) -> None:
    found = [m for m in extract_actors(text, language=language) if m.kind == "person"]
    assert [m.name for m in found] == [name]


def test_a_run_of_ordinary_words_is_still_no_person() -> None:
    found = extract_actors("Красная Площадь была закрыта весь день.", language="ru")
    assert not [m for m in found if m.kind == "person"]


def test_a_common_noun_before_a_name_is_left_out() -> None:
    found = {m.text for m in extract_actors("Демократ Джо Байден переміг, сказав він.", language="uk")}
    assert "Джо Байден" in found


@pytest.mark.parametrize(
    ("name", "language", "base"),
    [
        ("Раді Безпеки", "uk", "Рада Безпеки"),
        ("Генеральній Асамблеї", "uk", "Генеральна Асамблея"),
        ("Верховної Ради", "uk", "Верховна Рада"),
        ("Сенатом", "uk", "Сенат"),
        ("Кремле", "ru", "Кремль"),
        ("Государственной думы", "ru", "Государственная дума"),
        # An adjective whose nominative changes its stem is left as written.
        ("Высшего совета", "ru", "Высшего совета"),
    ],
)
def test_base_org(name: str, language: str, base: str) -> None:
    from storyline.extract.morph import base_org

    assert (
        base_org(name, language, frozenset({"рада", "асамблея", "сенат", "кремль", "дума", "совет"})) == base
    )


def test_inflected_organisations_are_found_in_their_base_form() -> None:
    text = "Питання обговорили в Раді Безпеки ООН, а республіканці зберегли контроль над Сенатом."
    found = {m.text: m for m in extract_actors(text, language="uk")}
    assert found["Раді Безпеки"].id == "org:un-security-council"
    assert found["Сенатом"].name == "Сенат"


def test_a_place_in_the_genitive_after_a_title_is_no_person() -> None:
    text = "Радник президента Південної Кореї заявив, що переговори тривають."
    assert not [m for m in extract_actors(text, language="uk") if m.kind == "person"]


def test_a_given_name_the_dictionary_knows_opens_a_person_in_an_oblique_case() -> None:
    from storyline.extract.actors import extract_actors
    from storyline.extract.places import extract_places

    text = "Журналисты спросили Илона Маска о планах компании."
    found = extract_actors(text, language="ru", places=extract_places(text, language="ru"))
    assert [(m.text, m.name) for m in found if m.kind == "person"] == [("Илона Маска", "Илон Маск")]
