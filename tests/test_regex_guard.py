"""The first-character guard changes no match: every guarded pattern of the lexicons against
its unguarded self, over the examples' texts and over text generated from the patterns' own words."""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from storyline import langs, regex_guard
from storyline.dates.timeml import timeml_lexicon
from storyline.extract._actor_caseless import _rules
from storyline.extract._actor_credits import _credit_pattern
from storyline.extract._actor_lexicon import Phrases, lexicon
from storyline.extract._claim_speakers import cues_of
from storyline.regex_guard import grouped, guard, guarded

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _patterns(obj: object) -> Iterator[re.Pattern[str]]:
    """Every compiled pattern held by a lexicon (dataclass fields, tuples, :class:`Phrases`)."""
    if isinstance(obj, re.Pattern):
        yield obj
    elif isinstance(obj, Phrases):
        yield from _patterns(obj.pattern)
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _patterns(item)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _patterns(getattr(obj, f.name))


def _unguarded(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without its guard (None when it has none); the guard must be :func:`guard`'s."""
    source = pattern.pattern
    for cut in (m.end() for m in re.finditer(re.escape("]))"), source)):
        rest = source[cut:]
        if source.startswith("(?=(?") and guard(rest, pattern.flags) == source[:cut]:
            return re.compile(rest, pattern.flags)
    return None


def _guarded_patterns() -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
    found = []
    for lang in (*langs.available(), None):
        owners: list[object] = [lexicon(lang), cues_of(lang)]
        if lang is not None:
            owners += [timeml_lexicon(lang), _credit_pattern(lang), _rules(lang)]
        for owner in owners:
            for pattern in _patterns(owner):
                plain = _unguarded(pattern)
                if plain is not None:
                    found.append((str(lang), pattern, plain))
    return found


@cache
def _examples() -> tuple[str, ...]:
    texts = [
        p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(EXAMPLES.glob("*.*"))
        if p.suffix in {".txt", ".html"}
    ]
    return (*texts, *(t.lower() for t in texts))


def _texts(plain: re.Pattern[str], rng: random.Random) -> list[str]:
    """The examples' texts, lowercased too, and text made of the pattern's own words in mixed case."""
    texts = list(_examples())
    words = re.findall(r"[^\W\d_]+", plain.pattern) or ["x"]
    glue = [" ", "  ", "\n", ", ", ". ", "-", "", "'", "’", ": ", "3 ", "2024 ", "\u200c", "x"]
    for _ in range(3):
        parts = []
        for _ in range(400):
            word = rng.choice(words)
            word = rng.choice([word, word.upper(), word.capitalize(), word[:-1] if len(word) > 1 else word])
            parts += [word, rng.choice(glue)]
        texts.append("".join(parts))
    return texts


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def _assert_same_matches(
    pattern: re.Pattern[str], plain: re.Pattern[str], rng: random.Random, lang: str | None
) -> None:
    """``pattern`` finds what ``plain`` finds in every text made for ``plain``."""
    for text in _texts(plain, rng):
        assert _matches(pattern, text) == _matches(plain, text), (lang, plain.pattern[:80])


def test_the_lexicons_big_patterns_are_guarded() -> None:
    langs_with_guards = {lang for lang, _, _ in _guarded_patterns()}
    assert {"en", "de", "fr", "ar"} <= langs_with_guards


def test_guarded_patterns_find_what_the_unguarded_ones_find() -> None:
    rng = random.Random(13)
    checked = 0
    for lang, pattern, plain in _guarded_patterns():
        _assert_same_matches(pattern, plain, rng, lang)
        checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("pattern", "flags", "expected"),
    [
        (r"(?<!\w)(?:president|prime\s+minister|minister)(?!\w)", re.IGNORECASE, "(?=(?i:[mp]))"),
        (r"(?i:\b(foto|text))[ \t]*:", 0, "(?=(?i:[ft]))"),
        (r"(?P<n>\d{1,4}|one|two)\s+years?", 0, r"(?=(?-i:[\dot]))"),
        (r"(?:a|B)?c", 0, "(?=(?-i:[Bac]))"),
        (r"x*", 0, None),  # can match the empty string: no guard
        (r"(?:a|)b", 0, "(?=(?-i:[ab]))"),
        (r"[^a]b", 0, None),  # a negated class: no guard
        (r"(a)\1", 0, "(?=(?-i:[a]))"),
    ],
)
def test_guard(pattern: str, flags: int, expected: str | None) -> None:
    assert guard(pattern, flags) == expected
    text = "a ab Bc c b ac one years 2 years Foto: x aa prime  minister President x"
    assert _matches(guarded(pattern, flags), text) == _matches(re.compile(pattern, flags), text)


def _lexicons(lang: str | None) -> list[object]:
    """The lexicons of ``lang``, built afresh (their caches bypassed)."""
    owners: list[object] = [lexicon.__wrapped__(lang), cues_of.__wrapped__(lang)]
    if lang is not None:
        owners += [timeml_lexicon.__wrapped__(lang), _credit_pattern.__wrapped__(lang)]
    return owners


def test_grouped_alternations_find_what_the_plain_ones_find(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(17)
    checked = 0
    for lang in (*langs.available(), None):
        new = [p for owner in _lexicons(lang) for p in _patterns(owner)]
        with monkeypatch.context() as m:
            m.setattr(regex_guard, "GROUPING", False)
            old = [p for owner in _lexicons(lang) for p in _patterns(owner)]
        assert len(new) == len(old)
        for grouped_pattern, plain in zip(new, old, strict=True):
            if grouped_pattern.pattern == plain.pattern:
                continue
            _assert_same_matches(grouped_pattern, plain, rng, lang)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("alternatives", "flags", "expected"),
    [
        (["abc", "xy", "ab"], 0, "a(?:bc|b)|xy"),
        (["abc", "xy", "ab", "A"], re.IGNORECASE, "a(?:bc|b|)|xy"),
        (["ab", "Ab"], 0, "ab|Ab"),
        (["s", "\u017f", "t"], re.IGNORECASE, "s(?:|)|t"),  # long s folds to s: one group
        (["k", "\u212a"], 0, "k|\u212a"),
        (["a", "(b)"], 0, "a|(b)"),  # not a literal: joined unchanged
        (["a?b", "ac"], 0, "a?b|ac"),  # a quantified first letter: joined unchanged
        ([r"\-x", r"\-y"], 0, r"\-(?:x|y)"),
    ],
)
def test_grouped(alternatives: list[str], flags: int, expected: str) -> None:
    assert grouped(alternatives, flags) == expected


@pytest.mark.parametrize(
    ("pattern", "kept"),
    [
        (r"the\s+(?P<n>\d{1,4}|seven)\s+years", True),  # a literal prefix re scans for itself
        (r"[ab]c", True),  # a first-character set, the same
        (r"(?P<n>\d{1,4}|seven)\s+years", False),  # neither: the guard goes in front
        (r"(?<!\w)(?:ab|cd)(?!\w)", False),
    ],
)
def test_patterns_re_already_scans_fast_are_left_alone(pattern: str, kept: bool) -> None:
    compiled = guarded(pattern)
    assert (compiled.pattern == pattern) is kept
    text = "in the 12 years, the seven years; seven years ab cd xcd bc"
    assert [m.span() for m in compiled.finditer(text)] == [m.span() for m in re.finditer(pattern, text)]
