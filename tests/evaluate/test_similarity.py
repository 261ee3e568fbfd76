"""The SemEval-2022 similarity evaluation: CSV reading, Pearson, and a floor on a French sample."""

from __future__ import annotations

from pathlib import Path

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
