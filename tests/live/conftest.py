"""Fixtures for live sources: the news site on 127.0.0.1 and settings that may fetch from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from newsserver import NewsServer

from storyline.settings import Settings

# Small limits so that the slow and huge pages fail fast; the loopback server
# is a private address, so the tests (and only they) allow private addresses.
FAST = {
    "allow_private_addresses": True,
    "fetch_delay": 0.0,
    "connect_timeout": 2.0,
    "read_timeout": 0.5,
    "fetch_timeout": 5.0,
    "retries": 2,
    "retry_backoff": 0.01,
    "max_bytes": 2_000_000,
}


@pytest.fixture()
def news() -> Iterator[NewsServer]:
    with NewsServer() as server:
        yield server


@pytest.fixture()
def fast() -> Settings:
    return Settings(**FAST)  # type: ignore[arg-type]


def write_config(path: Path, **changes: object) -> Path:
    """A settings file with :data:`FAST` (and ``changes``) in its [storyline] table."""
    values = FAST | changes
    lines = ["[storyline]"] + [f"{k} = {_toml(v)}" for k, v in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


@pytest.fixture()
def config(tmp_path: Path) -> Path:
    return write_config(tmp_path / "storyline.toml")
