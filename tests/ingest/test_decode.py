"""Encoding detection and refusal of non-text, on bytes made in the test."""

from __future__ import annotations

import codecs
import gzip

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.errors import BinaryInput, EmptyInput
from storyline.ingest.decode import _CONTROLS, _control_count, decode

VI = "Bộ trưởng Quốc phòng đã đến thủ đô vào sáng thứ Sáu để hội đàm với người đồng cấp."
PT = "O ministro da Defesa afirmou que a reunião em São Paulo não terá transmissão ao vivo."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (VI.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + VI.encode("utf-8"), "utf-8-sig"),
        (VI.encode("utf-16"), "utf-16"),  # with BOM
        (PT.encode("cp1252") * 3, None),
        (PT.encode("latin-1") * 3, None),
    ],
)
def test_decodes_common_encodings(data: bytes, encoding: str | None) -> None:
    decoded = decode(data, "a.txt")
    expected = VI if "Bộ" in decoded.text else PT
    assert expected in decoded.text
    if encoding:
        assert decoded.encoding == encoding


def test_crlf_becomes_lf() -> None:
    assert decode(b"one line\r\nanother line\r\n", "a.txt").text == "one line\nanother line\n"


def test_damaged_utf8_is_kept_with_a_warning() -> None:
    data = VI.encode("utf-8") + b" \xff\xfe " + VI.encode("utf-8") * 20
    decoded = decode(data, "a.txt")
    assert decoded.encoding == "utf-8"
    assert decoded.warning and "invalid UTF-8" in decoded.warning
    assert VI in decoded.text  # not garbled as cp1252


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (gzip.compress(PT.encode() * 10), "gzip"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (bytes([0, 1, 2, 3, 4, 5, 6, 7]) * 100, "NUL"),
    ],
)
def test_binary_is_refused(data: bytes, what: str) -> None:
    with pytest.raises(BinaryInput, match=what):
        decode(data, "x.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", "\ufeff".encode("utf-8") + b"  "])
def test_empty_is_refused(data: bytes) -> None:
    with pytest.raises(EmptyInput):
        decode(data, "x.txt")


@given(st.text(alphabet=st.characters(codec=None, max_codepoint=0x10FFFF), max_size=60))
def test_control_characters_are_counted_as_the_characters_themselves(text: str) -> None:
    # counted in UTF-8 bytes (decode._control_count): the same as counting the characters
    assert _control_count(text) == sum(text.count(c) for c in _CONTROLS)


def test_control_characters_next_to_a_lone_surrogate_are_counted() -> None:
    text = "a\x01\ud800\x02é\x7f\U0001f600\x1f"
    assert _control_count(text) == 3
