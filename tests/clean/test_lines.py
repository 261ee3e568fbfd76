"""The learned line classifier: features, bylines and site names, the packaged model on our own scrape."""

from __future__ import annotations

import math

import pytest

from storyline.clean.lines import (
    CONTEXT_FEATURES,
    FEATURES,
    LineModel,
    context_rows,
    features,
    is_byline,
    is_site_name,
    packaged_model,
)
from storyline.clean.text import clean_text, revisable_lines, rule_decisions


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


def test_context_rows_read_the_neighbours_first_scores() -> None:
    logits = [-math.inf, 5.0, -5.0, -5.0, -5.0, 5.0]
    rows = context_rows(logits)
    assert rows[0] == []  # a line no stage decides
    assert all(len(row) == len(CONTEXT_FEATURES) for row in rows[1:])
    assert rows[1][CONTEXT_FEATURES.index("p_prev")] == 1.0  # a hard-ruled neighbour counts as chrome
    prev, following = CONTEXT_FEATURES.index("p_prev"), CONTEXT_FEATURES.index("p_next")
    assert rows[2][prev] > 0.99 and rows[2][following] < 0.01
    enclosed = CONTEXT_FEATURES.index("p_min_enclosing10")
    assert rows[1][enclosed] == 1.0 and rows[3][enclosed] < 0.01  # only chrome above line 1
    body_around = context_rows([-5.0, 5.0, 5.0, -5.0, 5.0])
    assert body_around[1][enclosed] < 0.01 and body_around[4][enclosed] == 1.0  # nothing below the last


def test_model_json_keeps_the_second_stage() -> None:
    model = LineModel(tuple(0.1 for _ in FEATURES), 0.5, 0.9, tuple(0.2 for _ in CONTEXT_FEATURES), -1.0)
    assert LineModel.from_json(model.to_json(command="test")) == model


def test_the_second_stage_decides_with_the_neighbours() -> None:
    # The first stage calls every line body; the second drops a line when its neighbours are chrome.
    first = LineModel(tuple(0.0 for _ in FEATURES), -2.0, 0.5)
    weights = [0.0] * len(CONTEXT_FEATURES)
    weights[CONTEXT_FEATURES.index("p_around2")] = 10.0
    second = LineModel(first.weights, first.bias, 0.5, tuple(weights), -5.0)
    rows: list[list[float]] = [[], [], [0.0] * len(FEATURES), [], [], [0.0] * len(FEATURES)]
    rows += [[0.0] * len(FEATURES)] * 4
    assert first.drops(rows) == [False] * len(rows)
    assert second.drops(rows)[2] and not second.drops(rows)[7]


def test_repeated_sub_headings_of_a_table_of_contents_are_revisable() -> None:
    paragraph = "The library reads the page and returns the date it finds in the markup or the text, {}."
    raw = "\n".join(
        [
            "Project notes",
            "Contents",
            "Installation",
            "Usage",
            paragraph.format("which takes a while"),
            "Installation",
            paragraph.format("after you install it with pip"),
            "Usage",
            paragraph.format("when you call it from the command line"),
            paragraph.format("or from Python code"),
        ]
    )
    lines, reasons, title = rule_decisions(raw)
    revisable = revisable_lines(lines, reasons, title)
    repeats = [i for i, r in enumerate(reasons) if r == "duplicate-line"]
    assert repeats == [5, 7] and all(revisable[i] for i in repeats)
    rows = features(lines, reasons, revisable)
    assert all(len(rows[i]) == len(FEATURES) for i in repeats)


def test_line_rules_and_the_tail_are_not_revisable() -> None:
    lines, reasons, title = rule_decisions(SCRAPE)
    revisable = revisable_lines(lines, reasons, title)
    assert not any(revisable[i] for i, r in enumerate(reasons) if r is not None and r != "duplicate-line")
    assert not revisable[-1]  # "Om oss", in the run of chrome that ends the page


def test_unspaced_scripts_count_words_by_characters() -> None:
    sentence = "香港行政长官梁振英在各方压力下就其大宅的违章建筑问题到立法会接受质询并向香港民众道歉"
    lines, reasons, _ = rule_decisions(sentence + "\n" + sentence[:6])
    rows = features(lines, reasons)
    log_words = FEATURES.index("log_words")
    assert rows[0][log_words] > math.log1p(15) > rows[1][log_words]


def test_date_stamps_and_twin_lines_are_no_revisable_repeats() -> None:
    paragraph = "The ministry said on Monday that the talks would resume next week in the capital, {}."
    raw = "\n".join(
        [
            paragraph.format("officials said"),
            "Weather: a hot weekend ahead for the city",
            "Weather: a hot weekend ahead for the city",
            paragraph.format("according to the agency"),
            "Sources close to the team 14",
            paragraph.format("the spokesman added"),
            "Sources close to the team 15",
            paragraph.format("before the vote"),
        ]
    )
    lines, reasons, title = rule_decisions(raw)
    revisable = revisable_lines(lines, reasons, title)
    assert reasons[2] == "duplicate-line" and not revisable[2]  # printed twice in a row
    assert reasons[6] == "duplicate-line" and not revisable[6]  # the same letters, another number


def test_a_tail_that_swallowed_the_main_block_is_revisable() -> None:
    agenda = [
        "Two or three lightning talks about how teams are organised at work today (30 mins)",
        "An exchange of knowledge and experience between all the participants of the evening (1 hour)",
        "Three war stories about the organisational models that worked for you and for your teams (45 mins)",
        "Small groups that discuss what they learned from the stories and from each other (30 mins)",
    ]
    raw = "\n".join(["Meetup on team structures", "Share", *agenda, "Facebook", "Twitter"])
    lines, reasons, title = rule_decisions(raw)
    assert all(reason is not None for reason in reasons[1:])  # the tail rule took the agenda
    revisable = revisable_lines(lines, reasons, title)
    assert revisable == [
        False,
        False,
        True,
        True,
        True,
        True,
        False,
        False,
    ]  # "Share", "Facebook": line rules
