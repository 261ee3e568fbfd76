"""Addresses blanked out of a text: URLs, e-mail addresses, bare domains with a path."""

from __future__ import annotations

import random

from storyline.extract.urlmask import _URL_OR_EMAIL, address_spans, mask_addresses


def test_urls_emails_and_domains_are_found() -> None:
    text = "See https://example.org/a?b=1 or WWW.Paris-Match.com/x, write to ana.ruiz@example.es today."
    found = [text[a:b] for a, b in address_spans(text)]
    assert found == ["https://example.org/a?b=1", "WWW.Paris-Match.com/x,", "ana.ruiz@example.es"]
    assert len(mask_addresses(text)) == len(text) and "Paris" not in mask_addresses(text)


def test_texts_without_at_sign_find_what_the_full_pattern_finds() -> None:
    """Without "@" the e-mail branch is skipped: the matches must be the full pattern's."""
    rng = random.Random(7)
    pieces = ["http://", "https://", "www.", "WWW.", "Www.", "a", "b.", ".com/", " ", "\n", "x-y", "é", "/p"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        full = [m.span() for m in _URL_OR_EMAIL.finditer(text)]
        spans = address_spans(text)
        assert all(span in spans for span in full), text
