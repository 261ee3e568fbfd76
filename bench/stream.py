"""Benchmark: peak memory of `storyline ingest` on a large JSONL file or web archive (streaming).

    .venv/bin/python bench/stream.py [--mb 200] [--what jsonl|warc] [--extract]

Generates the input (articles written from templates, all different; the
JSONL gets one line over the 10 MB per-record limit, which must be rejected
while every other line is stored), runs ``storyline ingest`` on it in a
subprocess, and prints the time, records/s and the child's peak RSS.  The
goal is a peak well under 300 MB whatever the input size: inputs are read
one record at a time.  Not a test; the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CITIES = ["Geneva", "Nairobi", "Hanoi", "Lima", "Oslo", "Doha", "Jakarta", "Lisbon", "Dakar", "Manila"]
TOPICS = ["a ceasefire", "grain exports", "a new port", "fishing rights", "a power line", "vaccine supplies"]


def article(i: int, rng: random.Random) -> str:
    city, topic = CITIES[i % len(CITIES)], TOPICS[(i // len(CITIES)) % len(TOPICS)]
    paragraphs = [
        f"Delegations from {rng.randint(2, 60)} countries met in {city} on day {i} of the talks on {topic}. "
        f"A spokesperson said {rng.randint(10, 900)} experts attended and that a draft text was circulated. "
        f"Report {i}, revision {rng.randint(1, 9)}."
        for _ in range(rng.randint(8, 14))
    ]
    return "\n\n".join(paragraphs)


def write_jsonl(path: Path, megabytes: int) -> int:
    rng = random.Random(11)
    target, records = megabytes * 1_000_000, 0
    with path.open("w", encoding="utf-8") as f:
        while f.tell() < target:
            if records == 1000:  # one record over the 10 MB default limit, mid-file
                f.write(json.dumps({"id": "oversized", "text": "x " * 5_500_000}) + "\n")
            f.write(json.dumps({"id": f"a{records}", "text": article(records, rng), "language": "en"}) + "\n")
            records += 1
    return records + 1


def write_warc(path: Path, megabytes: int) -> int:
    """HTML responses, interleaved with large image responses (skipped, but streamed through)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(11)
    image = bytes(rng.getrandbits(8) for _ in range(2_000_000))
    records = 0
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        while f.tell() < megabytes * 1_000_000:
            if records % 10 == 9:
                body, ctype, uri = image, "image/jpeg", f"https://news.example.org/img/{records}.jpg"
            else:
                text = article(records, rng).replace("\n\n", "</p><p>")
                body = f"<html><body><article><p>{text}</p></article></body></html>".encode()
                ctype, uri = "text/html; charset=utf-8", f"https://news.example.org/a/{records}"
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
            )
            writer.write_record(record)
            records += 1
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=200, help="input size in MB")
    parser.add_argument("--what", choices=["jsonl", "warc"], default="jsonl")
    parser.add_argument("--extract", action="store_true", help="also run the extraction stages")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / ("input.jsonl" if args.what == "jsonl" else "input.warc.gz")
        start = time.perf_counter()
        records = (write_jsonl if args.what == "jsonl" else write_warc)(source, args.mb)
        size = source.stat().st_size / 1e6
        print(f"generated {size:.0f} MB, {records} records in {time.perf_counter() - start:.0f} s")
        cmd = [sys.executable, "-m", "storyline", "ingest", str(source), "--db", str(Path(tmp) / "b.db")]
        start = time.perf_counter()
        done = subprocess.run(
            [*cmd, *([] if args.extract else ["--no-extract"])], capture_output=True, text=True, check=False
        )
        elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    progress = "ingesting: "  # the line of counts printed every 30 s when not on a terminal
    rejected = [line for line in done.stderr.splitlines() if not line.startswith(progress)]
    print(done.stdout.strip())
    first = rejected[0][:120] if rejected else "-"
    print(f"lines on stderr (rejected, skipped): {len(rejected)}; first: {first}")
    print(
        f"ingest {args.what}{' + extraction' if args.extract else ''}: {records} records in {elapsed:.0f} s "
        f"= {records / elapsed:.0f} records/s; peak RSS of `storyline ingest`: {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
