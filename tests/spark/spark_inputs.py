"""Generated inputs for the Spark tests and bench: JSONL articles recombined from the example corpus,
and a web archive with one good member and one corrupt member.

Each generated record keeps the paragraphs of one example article, swaps some
for paragraphs of other examples in the same language and varies the numbers,
so that articles are realistic, distinct and run through every extraction
stage; each has its own URL and a publication date spread over four months
(so the datasets have several month partitions).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.api import analyze
from storyline.model import ArticleResult

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "corpus"
_DIGITS = re.compile(r"\d+")
GOOD_PAGE = (
    "https://news.example.org/2024/11/19/g20-rio",
    '<html lang="en"><head><title>G20 leaders meet in Rio</title></head><body><article><p>'
    "The leaders of the G20 met in Rio de Janeiro on Monday, where Brazil held the group's presidency. "
    "The summit's declaration called for a global alliance against hunger and poverty, and President "
    "Luiz Inácio Lula da Silva said that 81 countries had joined it.</p></article></body></html>",
)


def example_paragraphs() -> list[tuple[str, list[str]]]:
    """``(language, paragraphs)`` of each example article, as the pipeline cleans it."""
    out = []
    for item in analyze([str(EXAMPLES)]):
        if isinstance(item, ArticleResult) and item.article.language:
            paragraphs = [p.strip() for p in item.article.text.split("\n") if len(p.split()) > 6]
            out.append((item.article.language, paragraphs))
    return out


def write_jsonl(path: Path, n: int, *, seed: int = 12) -> Path:
    """``n`` generated article records, one JSON object a line."""
    rng = random.Random(seed)
    examples = example_paragraphs()
    pool: dict[str, list[str]] = defaultdict(list)
    for language, paragraphs in examples:
        pool[language] += paragraphs
    start = dt.date(2024, 8, 1)
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            language, paragraphs = examples[i % len(examples)]
            body = [rng.choice(pool[language]) if rng.random() < 0.4 else p for p in paragraphs]
            body = [
                _DIGITS.sub(lambda m: str(rng.randint(2, 999)), p) if rng.random() < 0.3 else p for p in body
            ]
            record = {
                "url": f"https://news.example.org/{language}/{i}",
                "published": (start + dt.timedelta(days=i % 120)).isoformat(),
                "text": "\n\n".join(body) + f"\n\nRef {i}.",
            }
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_corrupt_warc(path: Path) -> Path:
    """A gzipped archive: a good HTML response, then a member whose compressed bytes are damaged."""
    members = []
    for url, html in (GOOD_PAGE, ("https://news.example.org/2024/11/20/later", GOOD_PAGE[1] * 3)):
        buf = io.BytesIO()
        writer = WARCWriter(buf, gzip=True)
        body = html.encode()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(record)
        members.append(buf.getvalue())
    damaged = bytearray(members[1])
    middle = len(damaged) // 2
    damaged[middle : middle + 40] = bytes(40)  # zeroed deflate data: the member cannot be inflated
    path.write_bytes(members[0] + bytes(damaged))
    assert gzip.decompress(members[0])  # the first member is sound
    return path
