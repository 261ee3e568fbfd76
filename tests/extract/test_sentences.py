"""Sentence splitting on native text written for these tests."""

from __future__ import annotations

from storyline.extract.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Mr. Smith met Dr. J. Brown in the U.S. capital. They talked."
    assert _texts(text) == ["Mr. Smith met Dr. J. Brown in the U.S. capital.", "They talked."]


def test_portuguese_title_and_decimal_number() -> None:
    text = "O Sr. Kim disse que a taxa subiu 2.5 pontos. A reunião terminou."
    assert _texts(text) == ["O Sr. Kim disse que a taxa subiu 2.5 pontos.", "A reunião terminou."]


def test_quotation_keeps_its_sentences_together() -> None:
    text = "«Dette er vårt første møte. Vi blir gode partnere», sa Dong. Han smilte."
    assert _texts(text) == ["«Dette er vårt første møte. Vi blir gode partnere», sa Dong.", "Han smilte."]


def test_closing_quote_after_full_stop_ends_the_sentence() -> None:
    text = "Tuyên bố viết: “Hai bên đã trao đổi.” Cuộc gọi kéo dài một giờ."
    assert _texts(text) == ["Tuyên bố viết: “Hai bên đã trao đổi.”", "Cuộc gọi kéo dài một giờ."]


def test_unbalanced_quote_does_not_swallow_the_line() -> None:
    text = 'He said "we will win. Then we rest. Nobody answered.'
    assert len(split_sentences(text)) == 3


def test_ellipsis_lowercase_continuation_and_day_numbers() -> None:
    assert len(split_sentences("Er kam am 3. Oktober an. Dann ging er.")) == 2
    assert len(split_sentences("Họ chờ đợi... và rồi ra đi. Trời mưa… Ai cũng buồn.")) == 3


def test_lines_are_sentences_and_offsets_point_into_the_text() -> None:
    text = "  Title line\n\nFirst body sentence! Second one?\n"
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["Title line", "First body sentence!", "Second one?"]


def test_cjk_full_stop_needs_no_space() -> None:
    assert len(split_sentences("他说了。我们走吧。")) == 2


def test_word_before_stops_is_the_word_the_former_pattern_found() -> None:
    """Read backwards, as the regular expression it replaces read it (random heads, odd marks)."""
    import random
    import re

    from storyline.extract.sentences import _word_before_stops

    former = re.compile(r"([\w.'’-]*?)(\w+)\.+$")
    rng = random.Random(3)
    alphabet = "ab_1.'’- é\u0301xΣ٣."
    for _ in range(20000):
        head = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) + "."
        match = former.search(head)
        assert _word_before_stops(head) == (match.group(2) if match else ""), head
