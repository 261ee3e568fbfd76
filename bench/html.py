"""Benchmark: storyline's HTML analysis against trafilatura alone (the name issue 13 gives it).

    .venv/bin/python bench/html.py [--rounds 3] [--stages] [--dump results.jsonl]

Runs ``bench/html_analysis.py`` with the same arguments; see its docstring.  The work
lives there because a module named ``html`` in the script's folder would shadow the
standard library's ``html`` for every library the benchmark imports (``python
bench/html.py`` puts ``bench/`` first on ``sys.path``): this file takes that folder off the
path before anything else is imported.
"""

import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import runpy  # noqa: E402  (after the path fix: nothing may import the stdlib html first)

if __name__ == "__main__":
    runpy.run_path(str(_HERE / "html_analysis.py"), run_name="__main__")
