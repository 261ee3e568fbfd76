"""Language codes are checked and normalised before they reach a data path or an import (issue 14)."""

from __future__ import annotations

import pytest

from storyline import langs
from storyline.dates.lexicon import _dateparser_info
from storyline.errors import ConfigError
from storyline.langs.codes import normalize_language
from storyline.pipeline import Hints


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("EN", "en"),
        (" vi ", "vi"),
        ("pt_br", "pt-BR"),
        ("en-us", "en-US"),
        ("sr-latn", "sr-Latn"),
        ("es-419", "es-419"),
        ("no", "nb"),
        ("/tmp/evil", None),
        ("__pycache__", None),
        ("..", None),
        ("en/../..", None),
        ("x" * 300, None),
        ("zz", None),
        ("e", None),
        ("en-US-POSIX-x", None),
        ("\ud800", None),
        ("en\n", "en"),
    ],
)
def test_normalize_language(code: str, expected: str | None) -> None:
    assert normalize_language(code) == expected


def test_every_data_folder_is_a_known_language() -> None:
    assert all(normalize_language(code) == code for code in langs.available())


def test_hints_refuse_an_unknown_code() -> None:
    assert Hints(language="PT_br").language == "pt-BR"
    with pytest.raises(ConfigError, match="unknown language code"):
        Hints(language="../../etc")


def test_no_code_becomes_a_path_or_a_module() -> None:
    assert langs.load("../../..", "boilerplate") == {}
    assert langs.load("/etc", "passwd") == {}
    assert _dateparser_info("__pycache__") == {}
    assert _dateparser_info("en")  # a real one still loads
