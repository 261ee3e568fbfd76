"""Shared fixtures: the repository, the shared corpus (skipped when absent), a CLI runner, and the
two stores: ``store_target`` and ``demo_collection`` run a test on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from example_corpus import EXAMPLE_ARTICLES
from pgserver import BACKENDS, Server, binaries, new_database, running

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
def pg_server() -> Iterator[Server]:
    """A PostgreSQL server of the session's own (initdb + pg_ctl in a temporary directory)."""
    if binaries() is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'storyline[postgres]')")
    from storyline.store.postgres import close_pools

    with running() as server:
        yield server
        close_pools()


@pytest.fixture(params=BACKENDS)
def store_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each store in turn (the shared store tests run on both)."""
    return new_database(request.param, request, tmp_path)


@pytest.fixture(scope="session", params=BACKENDS)
def demo_collection(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The example corpus ingested into a database of its own, on each store (read-only use, please)."""
    from storyline.api import ingest
    from storyline.store.db import Database

    path = new_database(request.param, request, tmp_path_factory.mktemp("demo"))
    with Database(path) as db:
        assert ingest([str(EXAMPLES)], db=db).counts["new"] == EXAMPLE_ARTICLES
    return path


@pytest.fixture()
def run() -> Callable[..., Result]:
    """Invoke the CLI in-process with separate stdout/stderr."""
    runner = CliRunner()

    def invoke(*args: str, input: bytes | str | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke
