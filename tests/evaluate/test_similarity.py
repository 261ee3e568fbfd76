"""The SemEval-2022 similarity evaluation: CSV reading, Pearson, and a floor on a French sample."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from storyline.evaluate.similarity import Pair, pearson, read_pairs, score_pairs

SIMILARITY = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev" / "similarity"


def test_pearson_sign_and_degenerate_cases() -> None:
    assert pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert pearson([1, 1, 1], [1, 2, 3]) == 0.0
    assert pearson([1], [2]) == 0.0


def test_read_pairs_skips_unrated_rows(tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text(
        "title_1,title_2,text_1,text_2,Overall\nA,B,un texte,autre texte,1.0\nC,D,x,y,\n", encoding="utf-8"
    )
    assert read_pairs(tmp_path) == [Pair("A\n\nun texte", "B\n\nautre texte", 1.0)]


def test_french_sample_correlates_with_human_ratings() -> None:
    if not (SIMILARITY / "french").is_dir():
        pytest.skip(f"SemEval similarity pairs not found at {SIMILARITY}")
    pairs = read_pairs(SIMILARITY / "french")[:80]
    scored = list(score_pairs(pairs, "fr"))
    r = pearson([s for _, s, _ in scored], [p.overall for p, _, _ in scored])
    assert r < -0.6  # measured -0.79 on all 207 French pairs
    same = [p.overall for p, _, decided in scored if decided]
    assert same and sum(o <= 2 for o in same) / len(same) >= 0.75


def test_crosslingual_without_semeval_pairs_is_skipped_with_a_note(tmp_path: Path) -> None:
    from storyline.evaluate.story_eval import run_crosslingual
    from storyline.progress import NoProgress

    # It crashed ("not enough values to unpack") when --shared pointed elsewhere: its models
    # are fitted on the rated pairs too, and it looked for them in the default place.
    missing = tmp_path / "corpus" / "dev" / "similarity"
    result = run_crosslingual(missing, NoProgress(), k=5)
    assert not result.scores
    assert result.note is not None and str(missing) in result.note and "skipped" in result.note


def test_semeval_rows_embed_the_cleaned_passage_as_ingest_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.evaluate.story_pairs import semeval_rows

    monkeypatch.setenv("STORYLINE_CACHE", str(tmp_path / "cache"))

    body = (
        "Le conseil municipal de Lyon a voté lundi soir la construction d'un nouveau pont sur le Rhône, "
        "après deux ans de débats entre la majorité et l'opposition sur son coût et son tracé."
    )
    text = f"Journal de Lyon\n\nJournal de Lyon\n\n{body}\n\n{body.replace('lundi', 'mardi')}"
    folder = tmp_path / "french"
    folder.mkdir()
    with (folder / "x.csv").open("w", encoding="utf-8", newline="") as handle:
        header = ["title_1", "title_2", "text_1", "text_2", "Overall"]
        csv.writer(handle).writerows([header, ["Un pont à Lyon", "Un pont", text, body, 1]])
    embedded: list[str] = []

    class Recorder:
        name, budget, scripts = "recorder", 64, None

        def load(self) -> None: ...

        def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
            embedded.extend(texts)
            return np.ones((len(texts), 4), dtype=np.float32) / 2

    scored, _ = semeval_rows(tmp_path, Recorder())
    raw = "Un pont à Lyon\n\n" + text
    assert scored and raw not in embedded  # the raw CSV text carried the site name twice
    assert embedded[0].count("Journal de Lyon") <= 1 and body in embedded[0]
