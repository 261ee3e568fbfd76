from __future__ import annotations

from storyline.ingest.identity import article_id, canonical_url, text_fingerprint


def test_canonical_url_drops_tracking_and_fragment() -> None:
    a = canonical_url("HTTPS://Example.COM/world/story-1?utm_source=x&id=3#comments")
    assert a == "https://example.com/world/story-1?id=3"
    assert canonical_url("https://example.com/world/story-1?id=3") == a


def test_canonical_url_rejects_non_http() -> None:
    assert canonical_url("javascript:alert(1)") is None
    assert canonical_url("not a url") is None


def test_article_id_prefers_url_and_is_stable() -> None:
    by_url = article_id(url="https://example.com/a", digest="d1")
    assert by_url == article_id(url="https://example.com/a", digest="d2")
    assert by_url != article_id(url=None, digest="d1")
    assert len(by_url) == 16


def test_fingerprint_ignores_whitespace_and_case() -> None:
    assert text_fingerprint("Hello  World\n\nAgain") == text_fingerprint("hello world again")
    assert text_fingerprint("Hello world") != text_fingerprint("Hello word")
