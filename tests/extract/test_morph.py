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
