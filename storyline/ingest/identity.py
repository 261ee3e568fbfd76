"""Stable identities: canonical URLs, article ids and text fingerprints."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that track the reader, not the article: dropping them makes
# the same article shared through two campaigns one URL.
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|mc_\w+|ref|cmpid|at_\w+|s_cid|ocid|__twitter_impression)$", re.I
)


def canonical_url(url: str) -> str | None:
    """``url`` normalised (scheme and host lower-cased, fragment and tracking parameters dropped).

    Returns None for anything that is not an absolute http(s) URL.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        return None
    host = parts.netloc.lower().removesuffix(":80").removesuffix(":443")
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)]
    )
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def article_id(*, url: str | None, digest: str) -> str:
    """16 hex digits: of the canonical URL when there is one, else of the raw bytes' digest."""
    basis = f"url:{url}" if url else f"raw:{digest}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_fingerprint(text: str) -> str:
    """Hash of the cleaned text with case, accents' composition and whitespace normalised (exact copies)."""
    norm = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
