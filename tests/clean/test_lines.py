"""The learned line classifier: features, bylines and site names, the packaged model on our own scrape."""

from __future__ import annotations

import pytest

from storyline.clean.lines import FEATURES, LineModel, features, is_byline, is_site_name, packaged_model
from storyline.clean.text import clean_text, rule_decisions


@pytest.mark.parametrize(
    "line",
    ["Par Julien Marchand · Le 27 juillet 2024 à 01h10", "By Jane Doe", "Von Anna Schmidt, Berlin"],
)
def test_bylines(line: str) -> None:
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["Par ailleurs, le gouvernement a confirmé la visite.", "Von der Leyen trifft Merz", "By the way"],
)
def test_not_bylines(line: str) -> None:
    assert not is_byline(line)


def test_site_names() -> None:
    assert is_site_name("KabarKita.example") and is_site_name("lemonde.fr")
    assert not is_site_name("Le Monde") and not is_site_name("3.5")


SCRAPE = "\n".join(
    [
        "NordNytt.example",
        "Forside | Nyheter | Sport | Kultur | Meninger",
        "Regjeringen legger fram nytt statsbudsjett",
        "Par Julien Marchand · Le 27 juillet 2024 à 01h10",
        "Regjeringen la i dag fram et budsjett som øker bevilgningene til forsvar og helse kraftig.",
        "Finansministeren sa at pengebruken holdes innenfor handlingsregelen også neste år.",
        "Opposisjonen kritiserte forslaget og varslet at de vil kreve endringer i Stortinget.",
        "Vi bruker informasjonskapsler for å gi deg en bedre opplevelse. Les mer om personvern",
        "Mest lest",
        "Annonse",
        "Kontakt oss",
        "Om oss",
    ]
)


def test_bylines_and_site_names_are_removed_body_kept() -> None:
    cleaned = clean_text(SCRAPE)
    assert "Julien Marchand" not in cleaned.text
    assert "NordNytt.example" not in cleaned.text
    assert "handlingsregelen" in cleaned.text and "Stortinget" in cleaned.text
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["Par Julien Marchand · Le 27 juillet 2024 à 01h10"] == "byline"


def test_features_are_measured_for_the_lines_the_rules_keep() -> None:
    lines, reasons, _ = rule_decisions(SCRAPE)
    rows = features(lines, reasons)
    assert len(rows) == len(lines)
    assert all(
        len(row) == (len(FEATURES) if reason is None else 0)
        for row, reason in zip(rows, reasons, strict=True)
    )
    assert any(reason is not None for reason in reasons)


def test_packaged_model_matches_the_features() -> None:
    model = packaged_model()
    assert model is not None, (
        "storyline/clean/line_model.json is missing: run python -m storyline.evaluate.webpages train"
    )
    assert len(model.weights) == len(FEATURES) and 0 < model.threshold < 1


def test_a_model_that_drops_everything_never_drops_the_headline() -> None:
    always = LineModel(tuple(0.0 for _ in FEATURES), 50.0, 0.5)
    cleaned = clean_text(SCRAPE, model=always)
    assert cleaned.title == "Regjeringen legger fram nytt statsbudsjett"
    assert "Regjeringen legger fram nytt statsbudsjett" in cleaned.text
