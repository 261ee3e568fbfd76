"""Analysis speed per language on the cross-lingual corpus, and what the new languages cost a Latin-only run.

    .venv/bin/python bench/languages.py [--passes 5]

Part 1 (one core): every article of ``tests/corpus/crosslingual`` (our own writing, 12
languages) analysed ``--passes`` times after one warm-up pass (per-language data, the
pymorphy3 dictionaries, anyascii's tables and the gazetteer load then); prints ms per
article and per 1,000 characters for each language, each with its ratio to the Latin-script
mean (issue 15 asks for at most 2x).  The corpus tells the same stories in every language, so
the per-article ratio compares like with like; per character, CJK text is two to three times
denser than Latin text, which the per-character ratio does not correct for.

Part 2 (fresh subprocesses): import time and peak RSS of analysing one English article,
then one Russian and one Chinese article, with whether pymorphy3 and anyascii were loaded.
Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import defaultdict

from storyline.evaluate.story_pairs import CROSSLINGUAL, CROSSLINGUAL_GOLD, _analyse

LATIN = {"en", "es", "fr", "de", "tr"}

_CHILD = """
import resource, sys, time
t = time.perf_counter()
from storyline.evaluate.story_pairs import _analyse
from pathlib import Path
for path, lang in {files!r}:
    _analyse(Path(path), lang, None)
print(round(time.perf_counter() - t, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
      'pymorphy3' in sys.modules, 'anyascii' in sys.modules)
"""


def speed(passes: int) -> None:
    docs = json.loads(CROSSLINGUAL_GOLD.read_text(encoding="utf-8"))["documents"]
    for doc in docs:  # warm-up
        _analyse(CROSSLINGUAL / doc["file"], doc["language"], doc.get("published"))
    seconds: dict[str, float] = defaultdict(float)
    chars: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    for _ in range(passes):
        for doc in docs:
            path = CROSSLINGUAL / doc["file"]
            start = time.perf_counter()
            _analyse(path, doc["language"], doc.get("published"))
            seconds[doc["language"]] += time.perf_counter() - start
            chars[doc["language"]] += len(path.read_text(encoding="utf-8"))
            count[doc["language"]] += 1
    per_kchar = {lang: 1000 * seconds[lang] / chars[lang] * 1000 for lang in seconds}
    per_article = {lang: 1000 * seconds[lang] / count[lang] for lang in seconds}
    latin = sum(per_kchar[lang] for lang in LATIN) / len(LATIN)
    latin_article = sum(per_article[lang] for lang in LATIN) / len(LATIN)
    # Two ratios to the Latin-script mean: per article (the corpus tells the same stories in
    # every language, so an article is a like-for-like unit of news) and per 1,000 characters
    # (a Chinese or Japanese character carries two to three Latin ones' worth of text).
    print(f"{'lang':5} {'ms/article':>10} {'x Latin':>7} {'ms/1k chars':>11} {'x Latin':>7}")
    for lang in sorted(seconds):
        ms, kchar = per_article[lang], per_kchar[lang]
        print(f"{lang:5} {ms:10.1f} {ms / latin_article:7.2f} {kchar:11.2f} {kchar / latin:7.2f}")


def imports() -> None:
    english = str(next(CROSSLINGUAL.glob("en-*.txt")))
    russian = str(next(CROSSLINGUAL.glob("ru-*.txt")))
    chinese = str(next(CROSSLINGUAL.glob("zh-*.txt")))
    for label, files in (
        ("English only", [(english, "en")]),
        ("English + Russian + Chinese", [(english, "en"), (russian, "ru"), (chinese, "zh")]),
    ):
        out = subprocess.run(
            [sys.executable, "-c", _CHILD.format(files=files)], capture_output=True, text=True, check=True
        ).stdout.split()
        loaded = f"pymorphy3 loaded: {out[2]}  anyascii: {out[3]}"
        print(f"{label:28} {out[0]:>6} s  peak RSS {out[1]:>4} MB  {loaded}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    speed(args.passes)
    imports()


if __name__ == "__main__":
    main()
