"""Generate a large plain-text corpus by recombining the example corpus (for benchmarks only).

Each generated article keeps the site junk of one example scrape and mixes
its body paragraphs with body paragraphs of other examples in the same
language (the gold file says which lines are junk), then varies the numbers,
so that articles are realistic, distinct and noisy.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from pathlib import Path

from storyline.ingest.decode import decode

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "corpus"
GOLD = REPO / "tests" / "corpus" / "examples.gold.json"
_DIGITS = re.compile(r"\d+")
_URL = re.compile(r"https?://\S+")


def _scrapes() -> list[tuple[str, list[str], set[int]]]:
    gold = {d["file"]: d for d in json.loads(GOLD.read_text(encoding="utf-8"))["documents"]}
    out = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        doc = gold.get(path.name)
        if doc is None:
            continue
        lines = decode(path.read_bytes(), str(path)).text.splitlines()
        junk = {int(b["line"]) - 1 for b in doc.get("boilerplate", [])}
        out.append((doc["language"], lines, junk))
    return out


def generate(n: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write ``n`` articles into ``folder`` (reused when already complete) and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{i:06d}.txt" for i in range(n)]
    if all(p.exists() for p in paths[-3:]) and len(list(folder.glob("*.txt"))) == n:
        return paths
    rng = random.Random(seed)
    scrapes = _scrapes()
    bodies: dict[str, list[str]] = defaultdict(list)
    for lang, lines, junk in scrapes:
        bodies[lang] += [
            line
            for i, line in enumerate(lines)
            if i not in junk and len(line.split()) > 8 and line.rstrip().endswith((".", "!", "?", '"'))
        ]
    for i, path in enumerate(paths):
        lang, lines, junk = scrapes[i % len(scrapes)]
        out = []
        for j, original in enumerate(lines):
            body = (
                j not in junk
                and len(original.split()) > 8
                and original.rstrip().endswith((".", "!", "?", '"'))
            )
            text = rng.choice(bodies[lang]) if body and rng.random() < 0.5 else original
            if rng.random() < 0.3 and not _URL.search(text):
                text = _DIGITS.sub(lambda m: str(rng.randint(2, 10 ** len(m.group()))), text)
            # every generated article is its own page: give it its own address
            out.append(_URL.sub(f"\\g<0>?n={i}", text))
        path.write_text("\n".join(out) + f"\n\nRef {i}-{rng.randint(0, 10**9)}\n", encoding="utf-8")
    return paths
