"""Kill series: SIGKILL `storyline ingest` again and again, then check the derived state is whole.

    .venv/bin/python bench/killtest.py [--articles 5000] [--kills 20] [--seed 14] [--workdir DIR]

Writes ``--articles`` generated news articles (several stories, names,
places and dates, so identities and clustering have work to do), then runs
``storyline ingest`` on them and kills it with SIGKILL ``--kills`` times,
each time after a random number of newly stored articles and a random
further delay, so that kills land anywhere: inside an article's
transaction, between an article and its story, inside a collection update.
One last run completes the batch.  Then every article must be stored once,
have a fingerprint and belong to exactly one story, and ``storyline check``
must say so (issue 14, item 5).  Prints one JSON object with the figures;
exit code 0 when all holds.  ``tests/test_killtest.py`` runs a small series.
"""

from __future__ import annotations

import argparse
import json
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = [
    "Andrei Belousov",
    "Kim Jong Un",
    "Antony Blinken",
    "Ursula von der Leyen",
    "Luiz Inácio Lula da Silva",
]
PLACES = ["Geneva", "Pyongyang", "Rio de Janeiro", "Nairobi", "Hanoi", "Lima", "Oslo", "Jakarta"]
TOPICS = ["a ceasefire", "grain exports", "a new port", "fishing rights", "vaccine supplies", "a power line"]


def article(i: int, rng: random.Random) -> str:
    person, other = rng.sample(PEOPLE, 2)
    place, topic = PLACES[i % len(PLACES)], TOPICS[(i // len(PLACES)) % len(TOPICS)]
    day = 1 + i % 28
    return (
        f"{person} met {other} in {place} on {day} November 2024 to discuss {topic}.\n\n"
        f'"We agreed on {rng.randint(2, 90)} points," {person} told reporters after the talks, '
        f"according to a statement released by the delegation.\n\n"
        f"The two sides will meet again next month, officials said. "
        f"Report {i}, edition {rng.randint(1, 9)}.\n"
    )


def write_corpus(folder: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:05d}.txt").write_text(article(i, rng), encoding="utf-8")


def count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


def ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "storyline", "ingest", str(folder), "--db", str(db)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def kill_once(folder: Path, db: Path, rng: random.Random, n: int) -> bool:
    """Start an ingest and SIGKILL it after some progress; False when it finished first."""
    proc = ingest(folder, db)
    target = min(n, count(db) + rng.randint(5, max(6, n // 40)))
    while count(db) < target and proc.poll() is None:
        time.sleep(0.002)
    # Half the kills right after an article's commit (while its story is being updated: the
    # window issue 14 found), half anywhere: mid-article, mid-extraction, mid-update.
    if rng.random() < 0.5:
        time.sleep(rng.uniform(0, 0.3))
    finished = proc.poll() is not None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.stderr is not None
    proc.stderr.close()
    return not finished


def verify(db: Path, n: int) -> dict[str, object]:
    with sqlite3.connect(db) as conn:
        q = conn.execute
        figures: dict[str, object] = {
            "articles": q("SELECT count(*) FROM articles").fetchone()[0],
            "without_fingerprint": q(
                "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM fingerprints)"
            ).fetchone()[0],
            "without_story": q(
                "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM story_articles)"
            ).fetchone()[0],
            "in_several_stories": q(
                "SELECT count(*) FROM "
                "(SELECT article_id FROM story_articles GROUP BY article_id HAVING count(*) > 1)"
            ).fetchone()[0],
            "stories": q("SELECT count(DISTINCT story_id) FROM story_articles").fetchone()[0],
            "integrity": q("PRAGMA integrity_check").fetchone()[0],
            "fts_rows": q("SELECT count(*) FROM articles_fts").fetchone()[0],
        }
    check = subprocess.run(
        [sys.executable, "-m", "storyline", "check", "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    figures["check_exit"] = check.returncode
    figures["ok"] = (
        figures["articles"] == n == figures["fts_rows"]
        and figures["without_fingerprint"] == figures["without_story"] == figures["in_several_stories"] == 0
        and figures["integrity"] == "ok"
        and check.returncode == 0
    )
    return figures


def series(workdir: Path, n: int, kills: int, seed: int) -> dict[str, object]:
    rng = random.Random(seed)
    folder, db = workdir / "corpus", workdir / "kill.db"
    write_corpus(folder, n, seed)
    started = time.monotonic()
    landed = sum(kill_once(folder, db, rng, n) for _ in range(kills))
    before_last = count(db)
    last = ingest(folder, db)
    _, err = last.communicate()
    figures = {
        "articles_written": n,
        "kills": kills,
        "kills_mid_run": landed,
        "stored_before_last_run": before_last,
        "last_run_exit": last.returncode,
        "last_run_stderr": err.decode(errors="replace").strip()[-500:],
        **verify(db, n),
        "seconds": round(time.monotonic() - started, 1),
    }
    figures["ok"] = figures["ok"] and last.returncode == 0
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument(
        "--workdir", type=Path, help="Keep the corpus and database here (default: a temp dir)."
    )
    args = parser.parse_args()
    if args.workdir:
        figures = series(args.workdir, args.articles, args.kills, args.seed)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            figures = series(Path(tmp), args.articles, args.kills, args.seed)
    print(json.dumps(figures, indent=2))
    sys.exit(0 if figures["ok"] else 1)


if __name__ == "__main__":
    main()
