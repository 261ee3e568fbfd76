"""Soak: `storyline watch` ingests a generated news stream while 4 clients query `storyline serve`.

    .venv/bin/python bench/soak.py [--minutes 30] [--clients 4] [--rate 3] [--workdir DIR]

A news site on 127.0.0.1 (a thread of this script) publishes ``--rate``
new articles per second in an RSS feed (the latest 200 entries) with one
HTML page each: generated sentences with names, places and dates, in a
handful of recurring stories.  ``storyline watch`` polls the feed every 5
seconds (``allow_private_addresses`` on, no fetch delay) and stores what
is new; ``storyline serve`` answers the JSON API on the same database while
``--clients`` threads query it without pause (stories, articles, one
article, timeline, search, events, actors).  At the end the feed stops
growing, watch catches up and is stopped with SIGINT, and the script
reports: requests and errors (5xx, "database is locked", connection
errors), p50/p95/p99 latency per endpoint, RSS of both processes minute by
minute, RSS at the end against RSS after warm-up (a fifth of the run), WAL
size (largest seen, and at the end) and lost articles (published but not
stored once watch has caught up: nothing new for a minute, at most ten).
Exit code 0 when there were no errors and no lost articles, the WAL ended
under 64 MB and RSS grew by less than 10 % after warm-up.
It loads the machine: run nothing else heavy alongside.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from statistics import quantiles
from typing import cast

PEOPLE = [
    "Andrei Belousov",
    "Kim Jong Un",
    "Antony Blinken",
    "Ursula von der Leyen",
    "Luiz Inácio Lula da Silva",
]
PLACES = ["Geneva", "Pyongyang", "Rio de Janeiro", "Nairobi", "Hanoi", "Lima", "Oslo", "Jakarta"]
TOPICS = ["a ceasefire", "grain exports", "a new port", "fishing rights", "vaccine supplies", "a power line"]
QUERIES = ["Belousov", "Geneva", "Kim Jong Un", "ceasefire", "Lula", "Nairobi"]
FEED_SIZE = 200
WAL_LIMIT = 64 * 1024 * 1024


class Stream:
    """The articles published so far: ``rate`` per second from ``start`` until frozen."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.start = time.monotonic()
        self.frozen: int | None = None

    def published(self) -> int:
        if self.frozen is not None:
            return self.frozen
        return int((time.monotonic() - self.start) * self.rate)

    def freeze(self) -> int:
        self.frozen = self.published()
        return self.frozen


def page(i: int) -> bytes:
    rng = random.Random(i)
    person, other = rng.sample(PEOPLE, 2)
    place, topic = PLACES[(i // 40) % len(PLACES)], TOPICS[(i // 40) % len(TOPICS)]
    day = 1 + (i // 100) % 28
    title = f"{person} and {other} discuss {topic} in {place}"
    paragraphs = [
        f"{person} met {other} in {place} on {day} November 2024 to discuss {topic}.",
        f'"We agreed on {rng.randint(2, 90)} points," {person} told reporters after the talks, according '
        "to a statement released by the delegation.",
        f"The two sides will meet again next month, officials said. Dispatch {i}.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="2024-11-{day:02d}T10:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article></body></html>"
    )
    return html.encode("utf-8")


def feed(stream: Stream, base: str) -> bytes:
    last = stream.published()
    items = "".join(
        f"<item><title>Dispatch {i}</title><link>{base}/a/{i}.html</link><guid>{base}/a/{i}.html</guid>"
        f"<pubDate>{formatdate(1732874400 + i * 60, usegmt=True)}</pubDate></item>"
        for i in range(last - 1, max(-1, last - FEED_SIZE - 1), -1)
    )
    rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Soak</title>{items}</channel></rss>'
    return rss.encode("utf-8")


def news_site(stream: Stream) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            base = f"http://127.0.0.1:{cast(ThreadingHTTPServer, self.server).server_port}"
            if self.path == "/robots.txt":
                self._send(b"User-agent: *\nAllow: /\n", "text/plain")
            elif self.path == "/feed.xml":
                self._send(feed(stream, base), "application/rss+xml")
            elif self.path.startswith("/a/") and self.path.endswith(".html"):
                self._send(page(int(self.path[3:-5])), "text/html; charset=utf-8")
            else:
                self.send_error(404)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class Tally:
    """Client results, shared by the client threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, endpoint: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies[endpoint].append(seconds)
            if error:
                self.errors[error] += 1
                if len(self.examples) < 10:
                    self.examples.append(f"{endpoint}: {error}")


def client(port: int, ids: list[str], tally: Tally, stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    base = f"http://localhost:{port}"
    while not stop.is_set():
        q = rng.choice(QUERIES)
        endpoint, url = rng.choice(
            [
                ("stories", "/api/stories?limit=20"),
                ("articles", "/api/articles?limit=20"),
                ("article", f"/api/articles/{rng.choice(ids)}" if ids else "/api/articles?limit=1"),
                ("timeline", f"/api/timeline?q={urllib.parse.quote(q)}&limit=20"),
                ("search", f"/api/search?q={urllib.parse.quote(q)}"),
                ("events", "/api/events?limit=50"),
                ("actors", f"/api/actors?q={urllib.parse.quote(q)}"),
            ]
        )
        started = time.perf_counter()
        tally.record(endpoint, *_get(base + url, started))


def _get(url: str, started: float) -> tuple[float, str | None]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = response.read()
        error = "database is locked" if b"database is locked" in body else None
    except urllib.error.HTTPError as exc:
        body = exc.read()
        locked = b"locked" in body
        error = "database is locked" if locked else f"HTTP {exc.code}"  # a 4xx here is a bug too
    except (urllib.error.URLError, OSError) as exc:
        error = f"connection: {exc}"
    return time.perf_counter() - started, error


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return -1


def article_ids(db: Path) -> list[str]:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30) as conn:
        return [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY random() LIMIT 200")]


def wal_bytes(db: Path) -> int:
    wal = Path(f"{db}-wal")
    return wal.stat().st_size if wal.exists() else 0


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Samples:
    rows: list[dict[str, float]] = field(default_factory=list)
    wal_max: int = 0


def sample(samples: Samples, db: Path, pids: dict[str, int], start: float) -> None:
    wal = wal_bytes(db)
    samples.wal_max = max(samples.wal_max, wal)
    samples.rows.append(
        {
            "minute": round((time.monotonic() - start) / 60, 2),
            "serve_mb": round(rss_mb(pids["serve"]), 1),
            "watch_mb": round(rss_mb(pids["watch"]), 1),
            "wal_mb": round(wal / 1e6, 1),
            "articles": stored(db),
        }
    )


def soak(workdir: Path, minutes: float, clients: int, rate: float) -> dict[str, object]:
    db = workdir / "soak.db"
    stream = Stream(rate)
    site = news_site(stream)
    sources = workdir / "sources.toml"
    sources.write_text(
        f'[[feed]]\nname = "soak"\nurl = "http://127.0.0.1:{site.server_address[1]}/feed.xml"\n'
        'interval = "5s"\n\n[storyline]\nallow_private_addresses = true\nfetch_delay = 0.0\n',
        encoding="utf-8",
    )
    log = (workdir / "watch.log").open("w")
    watch = subprocess.Popen(
        [sys.executable, "-m", "storyline", "watch", str(sources), "--db", str(db)], stdout=log, stderr=log
    )
    while stored(db) < 10:
        time.sleep(0.5)
    port = free_port()
    serve_log = (workdir / "serve.log").open("w")
    serve = subprocess.Popen(
        [sys.executable, "-m", "storyline", "serve", "--db", str(db), "--port", str(port)],
        stdout=serve_log,
        stderr=serve_log,
    )
    _wait_http(port)
    start = time.monotonic()
    tally, stop = Tally(), threading.Event()
    ids = article_ids(db)
    threads = [threading.Thread(target=client, args=(port, ids, tally, stop, i)) for i in range(clients)]
    for t in threads:
        t.start()
    samples = Samples()
    pids = {"serve": serve.pid, "watch": watch.pid}
    while time.monotonic() - start < minutes * 60:
        sample(samples, db, pids, start)
        ids[:] = article_ids(db)
        time.sleep(min(10.0, max(1.0, minutes * 60 / 100)))
    published = stream.freeze()
    catch_up(db, published)
    sample(samples, db, pids, start)
    stop.set()
    for t in threads:
        t.join()
    watch.send_signal(signal.SIGINT)
    watch.wait(timeout=120)
    serve.send_signal(signal.SIGINT)
    serve.wait(timeout=60)
    site.shutdown()
    return report(tally, samples, db, published, minutes, watch.returncode)


def catch_up(db: Path, published: int, *, quiet: float = 60.0, limit: float = 600.0) -> None:
    """Let watch store what the feed still lists: until all is stored, or nothing new came for
    ``quiet`` seconds (what the feed dropped before watch read it stays lost), at most ``limit``."""
    start = last_change = time.monotonic()
    count = stored(db)
    while count < published and time.monotonic() - last_change < quiet and time.monotonic() - start < limit:
        time.sleep(1)
        now = stored(db)
        if now != count:
            count, last_change = now, time.monotonic()


def _wait_http(port: int) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://localhost:{port}/api/stories?limit=1", timeout=5).read()
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise SystemExit("storyline serve did not start")


def report(
    tally: Tally, samples: Samples, db: Path, published: int, minutes: float, watch_exit: int | None
) -> dict[str, object]:
    all_latencies = [x for values in tally.latencies.values() for x in values]
    per_endpoint = {
        name: {"requests": len(v), "p50_ms": _pct(v, 50), "p95_ms": _pct(v, 95), "p99_ms": _pct(v, 99)}
        for name, v in sorted(tally.latencies.items())
    }
    rows = samples.rows
    warm = next((r for r in rows if r["minute"] >= minutes / 5), rows[0])
    end = rows[-1]
    growth = {
        name: round((end[name] - warm[name]) / warm[name] * 100, 1) if warm[name] else None
        for name in ("serve_mb", "watch_mb")
    }
    lost = published - stored(db)
    figures: dict[str, object] = {
        "minutes": minutes,
        "published": published,
        "stored": stored(db),
        "lost": lost,
        "requests": len(all_latencies),
        "errors": dict(tally.errors),
        "error_examples": tally.examples,
        "p50_ms": _pct(all_latencies, 50),
        "p95_ms": _pct(all_latencies, 95),
        "p99_ms": _pct(all_latencies, 99),
        "per_endpoint": per_endpoint,
        "rss_after_warmup": {"serve_mb": warm["serve_mb"], "watch_mb": warm["watch_mb"]},
        "rss_at_end": {"serve_mb": end["serve_mb"], "watch_mb": end["watch_mb"]},
        "rss_growth_percent": growth,
        "wal_max_mb": round(samples.wal_max / 1e6, 1),
        "wal_end_mb": round(wal_bytes(db) / 1e6, 1),
        "watch_exit": watch_exit,
        "samples": rows,
    }
    figures["ok"] = (
        not tally.errors
        and lost == 0
        and wal_bytes(db) < WAL_LIMIT
        and all(g is not None and g < 10 for g in growth.values())
    )
    return figures


def _pct(values: list[float], q: int) -> float | None:
    if len(values) < 2:
        return None
    return round(quantiles(values, n=100)[q - 1] * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--rate", type=float, default=3.0, help="New articles per second in the feed.")
    parser.add_argument("--workdir", type=Path, help="Keep the database and logs here (default: a temp dir).")
    args = parser.parse_args()
    os.environ.pop("STORYLINE_DB", None)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        figures = soak(args.workdir, args.minutes, args.clients, args.rate)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = soak(Path(tmp), args.minutes, args.clients, args.rate)
    print(json.dumps(figures, indent=2))
    sys.exit(0 if figures["ok"] else 1)


if __name__ == "__main__":
    main()
