"""Never destroy user data (issue 14): the demo's own database, and read commands that create nothing."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from example_corpus import EXAMPLE_ARTICLES

REPO = Path(__file__).resolve().parents[1]


def _demo_recipe() -> list[list[str]]:
    """The commands of the Makefile's ``demo`` target, with make's variables expanded.

    ``$(BIN)/storyline`` becomes this interpreter's ``-m storyline``: the test
    runs exactly what ``make demo`` runs, without building a virtualenv.
    """
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    variables = dict(re.findall(r"^(\w+)\s*[?:]?=\s*(\S+)", makefile, flags=re.M))
    recipe = re.search(r"^demo:.*\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert recipe, "the Makefile has no demo target"
    commands = []
    for raw in recipe.group(1).splitlines():
        line = re.sub(r"\$\((\w+)\)", lambda m: variables[m.group(1)], raw.strip().replace("$(BIN)/", ""))
        words = shlex.split(line)
        assert words[0] == "storyline", f"unexpected demo command: {line}"
        commands.append([sys.executable, "-m", "storyline", *words[1:]])
    return commands


def _make_demo(folder: Path) -> subprocess.CompletedProcess[str]:
    for command in _demo_recipe():
        proc = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        if proc.returncode:
            return proc
    return proc


def _user_database(folder: Path, run: Callable[..., Result], name: str) -> bytes:
    """The user's own news in ``name`` (ingested with the defaults), as bytes."""
    article = folder / "mine.txt"
    article.write_text(
        "The city council of Lyon approved the new tram line on Monday after a two-year debate, "
        "officials said.\n\nWork will start next spring.\n",
        encoding="utf-8",
    )
    result = run("ingest", str(article), "--db", str(folder / name))
    assert result.exit_code == 0, result.stderr
    assert not Path(f"{folder / name}-wal").exists()
    return (folder / name).read_bytes()


def test_make_demo_twice_leaves_the_users_database_alone(tmp_path: Path, run: Callable[..., Result]) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    before = _user_database(tmp_path, run, "storyline.db")
    for _ in range(2):
        proc = _make_demo(tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert f"{EXAMPLE_ARTICLES} new" in proc.stdout
    assert (tmp_path / "storyline.db").read_bytes() == before
    assert not (tmp_path / "storyline.db-wal").exists()
    assert (tmp_path / "demo.db").is_file()


def test_demo_refuses_a_database_it_did_not_create(tmp_path: Path, run: Callable[..., Result]) -> None:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    before = _user_database(tmp_path, run, "demo.db")  # the user happened to call theirs demo.db
    proc = _make_demo(tmp_path)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "demo.db: not a database created by `storyline demo`; refusing to overwrite it "
        "(choose another file with --db)"
    ]
    assert (tmp_path / "demo.db").read_bytes() == before


def test_read_commands_on_a_missing_database_create_nothing(
    tmp_path: Path, run: Callable[..., Result]
) -> None:
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        for command in (["articles"], ["search", "x"], ["report"], ["stories"], ["timeline"], ["check"]):
            result = run(*command, "--db", "missing.db")
            assert result.exit_code == 1, command
            assert result.stderr.strip().splitlines() == [
                "Error: missing.db: no such database (run `storyline ingest` first)"
            ]
        result = run("articles")  # the default database, storyline.db
        assert result.exit_code == 1
    finally:
        os.chdir(cwd)
    assert list(tmp_path.iterdir()) == []
