"""Gold annotation files (``tests/corpus/*.gold.json``) and where their corpora live."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import EvalError

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "tests" / "corpus"


@dataclass(frozen=True, slots=True)
class GoldSet:
    """A corpus folder and its gold documents."""

    name: str
    folder: Path
    documents: list[dict[str, Any]]

    def path(self, doc: dict[str, Any]) -> Path:
        return self.folder / str(doc["file"])


def shared_root(explicit: str | None = None) -> Path:
    """The shared corpus folder: ``--shared``, ``$STORYLINE_SHARED`` or ``<repo>/../shared``."""
    return Path(explicit or os.environ.get("STORYLINE_SHARED") or REPO.parent / "shared")


def load_gold(name: str, folder: Path) -> GoldSet:
    """Read ``tests/corpus/<name>.gold.json`` for the corpus in ``folder``."""
    file = GOLD_DIR / f"{name}.gold.json"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise EvalError(f"{file}: cannot read gold: {exc}") from exc
    docs = data.get("documents")
    if not isinstance(docs, list):
        raise EvalError(f"{file}: no 'documents' list")
    return GoldSet(name, folder, docs)


def gold_sets(shared: Path) -> tuple[list[GoldSet], list[str]]:
    """The gold sets whose corpora are present, and a note for each that is not."""
    sets, notes = [], []
    for name, folder in (("seeds", shared / "corpus" / "seeds"), ("examples", REPO / "examples" / "corpus")):
        if not folder.is_dir():
            notes.append(f"{name}: corpus folder {folder} not found, skipped")
            continue
        if not (GOLD_DIR / f"{name}.gold.json").is_file():
            notes.append(f"{name}: no gold file, skipped")
            continue
        sets.append(load_gold(name, folder))
    return sets, notes
