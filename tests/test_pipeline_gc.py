"""The pipeline moves what each language loads out of the garbage collector's way, once."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import storyline.pipeline as pipeline_module
from storyline.model import ArticleResult
from storyline.pipeline import analyze

_EN = (
    "The city council of Leeds approved a new budget on Tuesday after a long debate.\n\n"
    "Council leader James Lewis said the plan would protect libraries and bus routes."
)
_DE = (
    "Der Stadtrat von Leipzig hat am Dienstag nach langer Debatte einen neuen Haushalt beschlossen.\n\n"
    "Bürgermeister Burkhard Jung sagte, der Plan schütze Bibliotheken und Buslinien."
)


def test_the_first_article_of_each_language_freezes_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real_freeze = gc.freeze

    def counting_freeze() -> None:
        calls.append(1)
        real_freeze()

    monkeypatch.setattr(gc, "freeze", counting_freeze)
    pipeline_module._freeze_loaded.cache_clear()
    for name, text in (("a.txt", _EN), ("b.txt", _EN + " Again."), ("c.txt", _DE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    seen = []
    for path in ("a.txt", "b.txt", "c.txt"):
        (result,) = analyze([str(tmp_path / path)])
        assert isinstance(result, ArticleResult)
        seen.append((result.article.language, len(calls)))
    # A second English article loads nothing new: no second collection for it.
    assert seen == [("en", 1), ("en", 1), ("de", 2)]
