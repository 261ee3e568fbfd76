"""Benchmark: `storyline spark analyze` on local[1] vs local[2], and executor memory as the input grows.

    .venv/bin/python bench/spark.py          # 20,000 articles on local[1] and local[2]; 80,000 on local[2]
    .venv/bin/python bench/spark.py --n 2000 --large 8000

The articles are the generated corpus of bench/ingest.py (bench/corpus.py),
packed into one JSONL file per size (cached in the temp folder).  Each run is a
fresh Spark session; its wall-clock time includes starting the session and
writing every Parquet dataset.  Memory: a thread samples /proc every 0.2 s
for the Python processes the session starts (pyspark workers: where the
pipeline runs, one per core) and records the peak resident size of each,
plus the JVM's.  The semantic signal is off unless --semantic is given (it
embeds every article, a different cost; see bench/semantic.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from storyline.settings import Settings
from storyline.spark.analyze import run_analyze
from storyline.spark.session import spark_session


def jsonl(n: int, folder: Path) -> Path:
    """``n`` generated articles as one JSONL file (made once per size)."""
    path = folder / f"articles-{n}.jsonl"
    if path.exists():
        return path
    texts = generate(n, folder / f"v3-{n}")
    with path.open("w", encoding="utf-8") as f:
        for i, p in enumerate(texts):
            record = {"url": f"https://bench.example.org/{i}", "text": p.read_text(encoding="utf-8")}
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


class Sampler(threading.Thread):
    """Peak RSS (MB) of every descendant process of this one, by pid and kind, sampled from /proc."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peaks: dict[int, tuple[str, float]] = {}
        self.cpu: dict[int, tuple[str, float]] = {}  # CPU seconds (user + system) last seen, by pid
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            for pid, kind in descendants(os.getpid()):
                rss = rss_mb(pid)
                if rss and rss > self.peaks.get(pid, ("", 0.0))[1]:
                    self.peaks[pid] = (kind, rss)
                seconds = cpu_seconds(pid)
                if seconds is not None:
                    self.cpu[pid] = (kind, seconds)

    def cpu_by_kind(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for kind, seconds in self.cpu.values():
            out[kind] = round(out.get(kind, 0.0) + seconds, 1)
        return out

    def summary(self) -> dict[str, list[float]]:
        out: dict[str, list[float]] = {}
        for kind, rss in self.peaks.values():
            out.setdefault(kind, []).append(round(rss))
        return {k: sorted(v, reverse=True) for k, v in out.items()}


def descendants(root: int) -> list[tuple[int, str]]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            try:
                cmd = (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            kind = (
                "jvm" if "java" in cmd.split(" ", 1)[0] else "python worker" if "pyspark" in cmd else "other"
            )
            out.append((pid, kind))
    return out


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> float | None:
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def run(master: str, path: Path, settings: Settings, out: Path) -> dict[str, object]:
    shutil.rmtree(out, ignore_errors=True)
    sampler = Sampler()
    sampler.start()
    start = time.perf_counter()
    spark = spark_session(master, conf={"spark.ui.enabled": "false"})
    try:
        counts = run_analyze(spark, [str(path)], str(out), settings)
    finally:
        spark.stop()
    seconds = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    # CPU seconds of the processes the run started: under other load, wall time says little
    # about the job; cpu / wall is the parallelism it actually got.
    cpu = sampler.cpu_by_kind()
    load = os.getloadavg()[0]
    return {
        "master": master,
        "seconds": round(seconds, 1),
        "cpu_seconds": cpu,
        "parallelism": round(sum(cpu.values()) / seconds, 2),
        "load_average": round(load, 1),
        "rows": counts,
        "peak_rss_mb": sampler.summary(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=20_000, help="articles of the scaling run")
    parser.add_argument("--large", type=int, default=80_000, help="articles of the memory run (0: skip)")
    parser.add_argument("--semantic", action="store_true", help="embed the articles too")
    parser.add_argument(
        "--memory-only", action="store_true", help="skip local[1]: only the local[2] runs of --n and --large"
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "storyline-bench-spark")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    settings = Settings() if args.semantic else Settings(semantic="none")
    small = jsonl(args.n, args.work)
    if not args.memory_only:
        one = run("local[1]", small, settings, args.work / "out")
        print(json.dumps(one), flush=True)
    two = run("local[2]", small, settings, args.work / "out")
    print(json.dumps(two), flush=True)
    if not args.memory_only:
        ratio = two["seconds"] / one["seconds"]
        print(f"time ratio local[2]/local[1] on {args.n} articles: {ratio:.2f} (goal <= 0.6)")
    if args.large:
        big = run("local[2]", jsonl(args.large, args.work), settings, args.work / "out")
        print(json.dumps(big), flush=True)
        print(
            f"peak RSS of each python worker: {two['peak_rss_mb'].get('python worker')} MB at "
            f"{args.n} articles, {big['peak_rss_mb'].get('python worker')} MB at {args.large}"
        )
    shutil.rmtree(args.work / "out", ignore_errors=True)


if __name__ == "__main__":
    main()
