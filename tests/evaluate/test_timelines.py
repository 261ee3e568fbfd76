"""The CL-TLS timeline evaluation: reference parsing and date scoring on a small corpus of our own."""

from __future__ import annotations

from pathlib import Path

from storyline.evaluate.timelines import evaluate_timelines, reference_dates

# Sentences written for this test (not from the CL-TLS corpus).
ARTICLES = {
    "2011-02-11": "El presidente Hosni Mubarak dimitió hoy tras dieciocho días de protestas en El Cairo.",
    "2011-02-12": "Miles celebraron en El Cairo la dimisión de Mubarak del 11 de febrero de 2011.",
    "2011-02-14": "El ejército disolvió el parlamento el 13 de febrero de 2011, tras las celebraciones.",
}


def _corpus(root: Path) -> None:
    for day, text in ARTICLES.items():
        folder = root / "es" / "egypt" / day
        folder.mkdir(parents=True)
        (folder / "a.txt").write_text(text + "\n", encoding="utf-8")
    reference = root / "es" / "reference"
    reference.mkdir(parents=True)
    (reference / "egypt.txt").write_text(
        "2011-02-11\nMubarak dimite.\n----------------\n2011-02-13\nSe disuelve el parlamento.\n",
        encoding="utf-8",
    )


def test_reference_dates(tmp_path: Path) -> None:
    _corpus(tmp_path)
    assert reference_dates(tmp_path / "es" / "reference" / "egypt.txt") == {"2011-02-11", "2011-02-13"}


def test_the_most_reported_dates_are_found(tmp_path: Path) -> None:
    _corpus(tmp_path)
    scores = {s.key: s.value for s in evaluate_timelines(tmp_path)}
    assert scores["timelines-es-egypt/dates/precision"] == 1.0
    assert scores["timelines/dates/f1"] == 1.0
