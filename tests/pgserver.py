"""A throw-away PostgreSQL server for tests: initdb + pg_ctl in a temporary directory on a free port.

Debian installs the server binaries in /usr/lib/postgresql/<version>/bin, off PATH; they
are looked up there too.  initdb refuses to run as root, so as root the cluster belongs to
``nobody`` and every server command runs through ``runuser`` (what CI on a clean machine does).
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

BACKENDS = ["sqlite", "postgresql"]
_databases = itertools.count(1)


def new_database(backend: str, request: pytest.FixtureRequest, directory: Path) -> str:
    """A fresh, empty database target on ``backend``: a SQLite path or a PostgreSQL URL
    (on the session's server, fixture ``pg_server``)."""
    if backend == "sqlite":
        return str(directory / f"db{next(_databases)}.db")
    server: Server = request.getfixturevalue("pg_server")
    return server.create_database(f"db{next(_databases)}")


def binaries() -> Path | None:
    """The directory holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[4]))
    return versions[-1].parent if versions else None


@dataclass(frozen=True)
class Server:
    """A running server: connect as ``user`` on 127.0.0.1:``port``."""

    port: int
    user: str = "storyline"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database (C collation, as docs/scale.md asks); returns its URL."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8 LOCALE "C"')
        return self.url(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(cmd: list[str], owner: str | None, cwd: Path) -> None:
    """Run a server command, as ``owner`` when given (root: initdb refuses to run as root)."""
    full = ["runuser", "-u", owner, "--", *cmd] if owner else cmd
    subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=True, cwd=cwd)


@contextmanager
def running() -> Iterator[Server]:
    """Start a server in a fresh temporary directory; stop it and remove the directory after."""
    bindir = binaries()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    owner = "nobody" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="storyline-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    if owner:
        shutil.chown(root, owner)
        shutil.chown(sockets, owner)
    port = _free_port()
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "storyline", "-A", "trust", "-E", "UTF8"]
    _run([*initdb, "--locale=C"], owner, root)
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w"]
    _run([*pg_ctl, "-o", options, "start"], owner, root)
    try:
        yield Server(port)
    finally:
        _run([*pg_ctl, "-m", "immediate", "stop"], owner, root)
        shutil.rmtree(root, ignore_errors=True)
