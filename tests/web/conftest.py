"""Web fixtures: the demo database (examples/corpus ingested), a hostile article, an in-process client."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed (pip install 'storyline[web]')")

from fastapi import FastAPI
from fastapi.testclient import TestClient

from storyline.api import ingest
from storyline.collection import update_collection
from storyline.store.db import Database
from storyline.web.app import create_app

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "corpus"

# Everything an attacker might put in a scraped article: markup in the title and
# text, an event handler, and javascript: links both as the URL and in the text.
HOSTILE = {
    "id": "hostile-1",
    "title": "<script>alert(1)</script> Breaking <img src=x onerror=alert(1)>",
    "url": "javascript:alert(1)",
    "published": "2024-11-20",
    "language": "en",
    "text": (
        "<script>alert(1)</script> Officials in Paris said on Wednesday that the summit would go ahead.\n\n"
        '<img src=x onerror=alert(1)> Click <a href="javascript:alert(1)">here</a> for more, '
        "or javascript:alert(document.cookie) — the French government confirmed the talks in Paris."
    ),
}


def build_demo(path: Path, *, hostile: bool = False) -> Path:
    """Ingest the example corpus (and the hostile article) and update the collection."""
    sources = [str(EXAMPLES)]
    if hostile:
        record = path.with_suffix(".jsonl")
        record.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
        sources.append(str(record))
    with Database(path) as db:
        report = ingest(sources, db=db)
        assert report.counts["new"] >= 13, report.outcomes
        update_collection(db)
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo(tmp_path_factory.mktemp("web") / "demo.db", hostile=True)


@pytest.fixture(scope="session")
def app(demo_db: Path) -> FastAPI:
    return create_app(demo_db)


@pytest.fixture()
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://localhost", raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def hostile() -> dict[str, str]:
    """The hostile article record stored in the demo database."""
    return HOSTILE
