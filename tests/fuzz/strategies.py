"""Hypothesis strategies seeded from the example corpus: real multilingual news, then damaged.

Random strings alone rarely reach the interesting paths (a date after a
weekday, a source line, a JSONL record with the right fields); starting from
the project's own articles and mutating them does.  Mutations: slices,
splices of odd characters (controls, surrogates, combining marks, RTL
marks, NUL, huge digits runs, quotes), repeated segments, case changes;
bytes in every encoding storyline claims to read, with flips and cuts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from storyline.ingest.decode import decode

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
CORPUS = tuple(
    decode(p.read_bytes(), str(p)).text for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".txt", ".html")
)
TEXTS = tuple(p for p in CORPUS if not p.lstrip().startswith("<"))
PAGES = tuple(p for p in CORPUS if p.lstrip().startswith("<"))
LANGUAGES = (
    "en",
    "vi",
    "id",
    "nb",
    "pt",
    "es",
    "fr",
    "de",
    "ru",
    "ar",
    "tr",
    "it",
    "nl",
    "pl",
    "en-US",
)

ODD = (
    "\x00",
    "\ud800",
    "\udcff",
    "\u200f",
    "\u202e",
    "\u0301",
    "\ufeff",
    "\ufffd",
    "\n\n",
    "\r",
    "\t",
    "\x1b[2J",
    "\u2028",
    '"',
    "«",
    "»",
    "„",
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "...",
    "…",
    "://",
    "www.",
    "@",
    "/",
    ".com/",
    "2024-11-29",
    "29/11",
    "29.11.2024",
    "Monday",
    "thứ Sáu",
    "1,000,000",
    "9" * 40,
    "Mr.",
    "U.S.",
    "Source: https://x.example/a",
    "Nguồn:",
    "|",
    "•",
    "Ảnh:",
    "Foto:",
    "said",
    "nói",
)


@st.composite
def damaged(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """A corpus text, sliced and with odd pieces spliced in."""
    text = draw(base)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + draw(st.integers(0, 6000)))))
    text = text[start:end] if draw(st.booleans()) else text
    for _ in range(draw(st.integers(0, 6))):
        piece = draw(st.one_of(st.sampled_from(ODD), st.text(max_size=30)))
        if draw(st.booleans()):
            piece *= draw(st.integers(1, 50))
        at = draw(st.integers(0, len(text)))
        text = text[:at] + piece + text[at:]
    if draw(st.integers(0, 9)) == 0:
        text = text.upper()
    return text


def texts() -> st.SearchStrategy[str]:
    return st.one_of(damaged(st.sampled_from(TEXTS)), st.text(max_size=400))


def pages() -> st.SearchStrategy[str]:
    return damaged(st.sampled_from(PAGES))


ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32-le",
    "cp1252",
    "cp1251",
    "latin-1",
)


@st.composite
def raw_bytes(draw: st.DrawFn) -> bytes:
    """Text in some encoding (unencodable characters replaced), then flipped, cut or spliced."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=600))
    text = draw(st.one_of(texts(), pages()))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at + draw(st.integers(0, 3)) :]
    if draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


def json_values() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=True),
        st.text(max_size=40),
        st.sampled_from(LANGUAGES),
        st.sampled_from(("2024-11-29", "2024-11-29T10:00:00Z", "29/11/2024", "")),
    )
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=6,
    )


@st.composite
def jsonl_lines(draw: st.DrawFn) -> bytes:
    """One JSONL line: a plausible record with odd field values, or a damaged one."""
    record: dict[str, Any] = {draw(st.sampled_from(("text", "html"))): draw(st.one_of(texts(), pages()))}
    for name in draw(st.lists(st.sampled_from(("id", "url", "published", "language", "title")), max_size=5)):
        record[name] = draw(st.one_of(json_values(), st.sampled_from(LANGUAGES), texts()))
    line = json.dumps(record, ensure_ascii=draw(st.booleans()))
    if draw(st.integers(0, 4)) == 0:
        at = draw(st.integers(0, len(line)))
        line = line[:at] + draw(st.sampled_from(ODD)) + line[at:]
    if draw(st.integers(0, 9)) == 0:
        depth = draw(st.integers(1, 3000))
        line = line[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
    if draw(st.integers(0, 19)) == 0:  # beyond Python's 4,300-digit int conversion limit
        line = line[:-1] + ', "n": ' + "7" * draw(st.integers(4000, 5000)) + "}"
    return line.encode("utf-8", errors="surrogatepass")
