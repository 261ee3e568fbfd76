"""Benchmark: time and peak memory of `storyline analyze` on one very long article.

    .venv/bin/python bench/bigtext.py [--sizes 1,2,5,10] [--kinds word-line,word-lines,news-line,news-lines]
    .venv/bin/python bench/bigtext.py --adversarial

One plain-text article of 1, 2, 5 and 10 MB (just under the default 10 MB
``max_bytes``), in four shapes: a single repeated word on one line or on many
lines, and ordinary news sentences (names, titles, weekdays, dates, places,
quotes, numbers) on one line or one per paragraph.  Each runs as
``storyline analyze FILE --format jsonl`` in its own process pinned to one
core; the script prints wall time, time per MB and the child's peak RSS
(from ``wait4``), next to a 3 KB article as the baseline.  The goal (issue
14): a 10 MB article in under 10 s and 400 MB, with time per MB roughly
constant.  ``--adversarial`` times odd inputs of ordinary size instead (one
100 KB token of each shape, a dense 28 KB sentence; goal: each under 2 s).
Not a test; the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
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


# Odd inputs of ordinary size that once made a stage super-linear (issue 14), and more of
# their kind: one 100 KB token of each shape, and one dense 28 KB sentence.
_DENSE = (
    'President Vladimir Putin told "Kim Jong Un" and Antony Blinken, according to "the Russian Ministry '
    'of Defence", that Andrei Belousov met Ursula von der Leyen in Geneva on Monday and said "we will '
    'visit Pyongyang", '
)
ADVERSARIAL = {
    "dense sentence 28 KB": "Talks in Geneva.\n\n" + (_DENSE * 200)[:28_000] + ".",
    "token: letters": "a" * 100_000,
    "token: a.": "a." * 50_000,
    "token: a.-": "a.-" * 33_000 + ".com/x",
    "token: -.a": "-.a" * 33_000 + ".com/x",
    "token: x@": "x@" * 50_000,
    "token: digits": "7" * 100_000,
    "token: 1,": "1," * 50_000,
    "token: dots": "." * 100_000,
    "token: quotes": '"' * 100_000,
    "token: http://": "http://" + "a" * 100_000,
    "words: A. (initials)": "A. " * 33_000,
    "words: Ab": "Ab " * 33_000,
    "words: Monday": "Monday " * 14_000,
    "words: 12": "12 " * 33_000,
    "words: «a»": "«a» " * 25_000,
}


def adversarial(tmp: Path) -> None:
    """Each input analysed in one warm process (models loaded first), pinned to one core."""
    paths = [_write(tmp / f"adv{i}.txt", text) for i, text in enumerate(ADVERSARIAL.values())]
    code = (
        "import sys, time, json\n"
        "from storyline.api import analyze\n"
        "list(analyze([sys.argv[1]]))\n"
        "for p in sys.argv[2:]:\n"
        "    t, c = time.perf_counter(), time.process_time()\n"
        "    [r] = analyze([p])\n"
        "    print(json.dumps([time.perf_counter() - t, time.process_time() - c, type(r).__name__]))\n"
    )
    warm = _write(tmp / "warm.txt", "Talks in Geneva on Monday between the two ministers, officials said.")
    cmd = ["taskset", "-c", "0", sys.executable, "-c", code, str(warm), *map(str, paths)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.splitlines()
    print("| input | analysis time (goal < 2 s) | CPU time | result |")
    print("|---|---|---|---|")
    for name, line in zip(ADVERSARIAL, out, strict=True):
        seconds, cpu, kind = json.loads(line)
        print(f"| {name} | {seconds:.2f} s | {cpu:.2f} s | {kind} |")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(path: Path) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS (MB) and exit code of ``storyline analyze`` on ``path``.

    Pinned to one core; on a shared machine the CPU time (user + system) is the figure that does
    not depend on what else runs.
    """
    cmd = ["taskset", "-c", "0", sys.executable, "-m", "storyline", "analyze", str(path), "--format", "jsonl"]
    start = time.perf_counter()
    with Path(os.devnull).open("wb") as sink:
        proc = subprocess.Popen(cmd, stdout=sink, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    assert proc.stderr is not None
    proc.stderr.close()
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,2,5,10", help="Sizes in MB (10 means just under 10 MB).")
    parser.add_argument("--kinds", default="word-line,word-lines,news-line,news-lines")
    parser.add_argument("--adversarial", action="store_true", help="Odd inputs of ordinary size instead.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        if args.adversarial:
            adversarial(Path(tmp))
            return
        base = Path(tmp) / "base.txt"
        write_article(base, "news-lines", 3_000)
        run(base)  # warm-up: the first run after an install builds the place-name cache (~5 s, ~300 MB)
        seconds, cpu, rss, _ = run(base)
        print(f"baseline (3 KB article): {seconds:.1f} s ({cpu:.1f} s CPU), peak RSS {rss:.0f} MB")
        print(f"load average at the start: {os.getloadavg()[0]:.1f}\n")
        print("| article | size | time | CPU time | CPU time per MB | peak RSS | exit |")
        print("|---|---|---|---|---|---|---|")
        for kind in args.kinds.split(","):
            for mb in sizes:
                path = Path(tmp) / f"{kind}-{mb}.txt"
                size = write_article(path, kind, mb * MB - 1)
                seconds, cpu, rss, code = run(path)
                print(
                    f"| {kind} | {size / MB:.1f} MB | {seconds:.1f} s | {cpu:.1f} s "
                    f"| {cpu / (size / MB):.2f} s | {rss:.0f} MB | {code} |",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
