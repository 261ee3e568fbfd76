"""``bench/html.py`` (the name issue 13 gives the HTML benchmark) must not shadow the stdlib ``html``."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def test_bench_html_runs_the_html_benchmark() -> None:
    # Run as a user runs it: the script's folder comes first on sys.path, where a module named
    # html would be found before the standard library's by trafilatura's `from html import …`.
    done = subprocess.run(
        [sys.executable, str(BENCH / "html.py"), "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "--rounds" in done.stdout
