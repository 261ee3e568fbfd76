"""Declared settings: each one once, with its name, default and help.

Settings come from the packaged defaults, overlaid by an optional TOML file
(``[storyline]`` table; ``--config`` or ``$STORYLINE_CONFIG``) and then by
explicit keyword arguments.  Unknown names are an error, never ignored.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Settings:
    """Run-time settings; the help of each field is in :data:`HELP`."""

    max_bytes: int = 10_000_000
    languages: tuple[str, ...] | None = None
    min_text_chars: int = 40
    extract: bool = True


HELP: dict[str, str] = {
    "max_bytes": "Largest source accepted, in bytes; larger files are rejected unread.",
    "languages": "ISO 639-1 codes the language identifier may answer (None = its default news set).",
    "min_text_chars": "Cleaned articles shorter than this are rejected as having no article text.",
    "extract": "Run the extraction stages (times, places, actors, claims, events) at ingest.",
}


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Packaged defaults, then the TOML file ``path`` (or ``$STORYLINE_CONFIG``), then ``overrides``."""
    values: dict[str, Any] = {}
    env_path = os.environ.get("STORYLINE_CONFIG")
    file = path or (Path(env_path) if env_path else None)
    if file is not None:
        values.update(_read_file(file))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return _build(values, str(file) if file else "arguments")


def _read_file(file: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{file}: cannot read settings: {exc}") from exc
    table = data.get("storyline", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: [storyline] must be a table")
    return table


def _build(values: dict[str, Any], origin: str) -> Settings:
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(
            f"{origin}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    if "languages" in values and values["languages"] is not None:
        values["languages"] = tuple(str(x) for x in values["languages"])
    settings = dataclasses.replace(Settings(), **values)
    if not isinstance(settings.max_bytes, int) or settings.max_bytes <= 0:
        raise ConfigError(f"{origin}: max_bytes must be a positive integer")
    return settings
