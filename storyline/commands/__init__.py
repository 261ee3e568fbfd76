"""CLI commands that live beside the core ones in ``storyline.cli``.

Each module listed in :data:`MODULES` defines click commands over the Python
API and exposes them as ``COMMANDS``; :func:`register` adds them to the
``storyline`` group.  The list is explicit so that a missing or broken
module is an import error, never silently skipped.
"""

from __future__ import annotations

import importlib

import click

# Add one entry per command module (keep one module per line).
MODULES: tuple[str, ...] = (
    "storyline.commands.web",
    "storyline.commands.stories",
    "storyline.commands.watch",
    "storyline.commands.health",
    "storyline.commands.demo",
    "storyline.commands.semantic",
    "storyline.commands.spark",
)


def register(group: click.Group) -> None:
    """Add the commands of every module in :data:`MODULES` to ``group``."""
    for name in MODULES:
        module = importlib.import_module(name)
        for command in module.COMMANDS:
            group.add_command(command)
