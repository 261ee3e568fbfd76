"""Shared fixtures: the repository, the shared corpus (skipped when absent) and a CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from storyline.cli import cli

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
EXAMPLES = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"shared seed corpus not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def demo_collection(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example corpus ingested into a database of its own (read-only use, please)."""
    from storyline.api import ingest
    from storyline.store.db import Database

    path = str(tmp_path_factory.mktemp("demo") / "demo.db")
    with Database(path) as db:
        assert ingest([str(EXAMPLES)], db=db).counts["new"] == 13
    return path


@pytest.fixture()
def run() -> Callable[..., Result]:
    """Invoke the CLI in-process with separate stdout/stderr."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke
