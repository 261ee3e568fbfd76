"""Benchmark: time and peak memory of `storyline analyze` on one very long article.

    .venv/bin/python bench/bigtext.py [--sizes 1,2,5,10] [--kinds word-line,word-lines,news-line,news-lines]

One plain-text article of 1, 2, 5 and 10 MB (just under the default 10 MB
``max_bytes``), in four shapes: a single repeated word on one line or on many
lines, and ordinary news sentences (names, titles, weekdays, dates, places,
quotes, numbers) on one line or one per paragraph.  Each runs as
``storyline analyze FILE --format jsonl`` in its own process pinned to one
core; the script prints wall time, time per MB and the child's peak RSS
(from ``wait4``), next to a 3 KB article as the baseline.  The goal (issue
14): a 10 MB article in under 10 s and 400 MB, with time per MB roughly
constant.  Not a test; the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MB = 1_000_000
NAMES = [
    "President Vladimir Putin",
    "Andrei Belousov",
    "Kim Jong Un",
    "Secretary of State Antony Blinken",
    "Ursula von der Leyen",
    "the Russian Ministry of Defence",
    "Reuters",
    "Prime Minister Keir Starmer",
    "Luiz Inácio Lula da Silva",
]
WHEN = ["on Monday", "on Tuesday", "last Wednesday", "on 12 October", "on Nov. 29", "this week", "on Friday"]
PLACES = ["Geneva", "Moscow", "Pyongyang", "Kyiv", "Paris", "Berlin", "Hanoi", "Jakarta", "Rio de Janeiro"]
VERBS = ["met", "visited", "criticised", "called", "signed an agreement with", "accused", "praised"]


def news_sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(NAMES)} {rng.choice(VERBS)} {rng.choice(NAMES)} in {rng.choice(PLACES)} "
        f'{rng.choice(WHEN)}, and "{rng.randint(2, 900)} troops will stay", {rng.choice(NAMES)} said.'
    )


def write_article(path: Path, kind: str, size: int) -> int:
    """Write an article of ``kind`` of at most ``size`` bytes; returns its size."""
    rng = random.Random(14)
    word_line = " ".join(["word"] * 16)
    with path.open("w", encoding="utf-8") as f:
        written = 0
        while True:
            if kind == "word-line":
                piece = "word "
            elif kind == "word-lines":
                piece = word_line + "\n"
            elif kind == "news-line":
                piece = news_sentence(rng) + " "
            else:
                piece = news_sentence(rng) + "\n\n"
            n = len(piece.encode("utf-8"))
            if written + n > size:
                return written
            f.write(piece)
            written += n


def run(path: Path) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MB) and exit code of ``storyline analyze`` on ``path``, on one core."""
    cmd = ["taskset", "-c", "0", sys.executable, "-m", "storyline", "analyze", str(path), "--format", "jsonl"]
    start = time.perf_counter()
    with Path(os.devnull).open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    assert proc.stderr is not None
    proc.stderr.close()
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,5,10", help="Sizes in MB (10 means just under 10 MB).")
    parser.add_argument("--kinds", default="word-line,word-lines,news-line,news-lines")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.txt"
        write_article(base, "news-lines", 3_000)
        seconds, rss, _ = run(base)
        print(f"baseline (3 KB article): {seconds:.1f} s, peak RSS {rss:.0f} MB\n")
        print("| article | size | time | time per MB | peak RSS | exit |")
        print("|---|---|---|---|---|---|")
        for kind in args.kinds.split(","):
            for mb in sizes:
                path = Path(tmp) / f"{kind}-{mb}.txt"
                size = write_article(path, kind, mb * MB - 1)
                seconds, rss, code = run(path)
                print(
                    f"| {kind} | {size / MB:.1f} MB | {seconds:.1f} s | {seconds / (size / MB):.2f} s "
                    f"| {rss:.0f} MB | {code} |",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
