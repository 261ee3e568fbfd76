"""A throw-away PostgreSQL server for tests: initdb + pg_ctl in a temporary directory on a free port.

Debian installs the server binaries in /usr/lib/postgresql/<version>/bin, off PATH; they
are looked up there too.  initdb refuses to run as root, so as root the cluster belongs to
``nobody`` and every server command runs through ``runuser`` (what CI on a clean machine does).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def binaries() -> Path | None:
    """The directory holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


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


def _as_owner(cmd: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *cmd] if owner else cmd


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
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True, "cwd": root}
    subprocess.run(
        _as_owner(
            [str(bindir / "initdb"), "-D", str(data), "-U", "storyline", "-A", "trust", "-E", "UTF8", "--locale=C"],
            owner,
        ),
        **quiet,  # type: ignore[arg-type]
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w"]
    subprocess.run(_as_owner([*pg_ctl, "-o", options, "start"], owner), **quiet)  # type: ignore[arg-type]
    try:
        yield Server(port)
    finally:
        subprocess.run(_as_owner([*pg_ctl, "-m", "immediate", "stop"], owner), **quiet)  # type: ignore[arg-type]
        shutil.rmtree(root, ignore_errors=True)
