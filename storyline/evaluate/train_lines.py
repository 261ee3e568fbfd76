"""Fit the line classifier of :mod:`storyline.clean.lines` (numpy only; no scikit-learn needed).

    .venv/bin/python -m storyline.evaluate.webpages train  # needs `make devdata`; writes the model

The model is an L2-regularised logistic regression fitted by Newton's
method on the lines the classifier decides (those the rules keep and those
only revisable rules drop), labelled by the multi-site development set
(:mod:`storyline.evaluate.webpages`): boilerplate = 1, body = 0.

A first stage scores each line from its own features; a second stage
(:data:`storyline.clean.lines.CONTEXT_FEATURES`) rescores it with the first
stage's verdicts on its neighbours; in its fit every page weighs the same
(:func:`_page_weights`).  Both the second stage and the decision
threshold learn from **out-of-fold** first-stage scores: the training pages
are cut into ``INNER_K`` folds by site and a model fitted on the other folds
scores each one (scores on a model's own training lines are optimistic: a
threshold chosen there to keep 0.995 of the body kept 0.94 on unseen sites).
The threshold minimises a cost — ``BODY_COST`` boilerplate lines kept weigh
as much as one body line lost — rather than meeting a body quota, which
swung with how many body lines the hard rules happened to drop in the
training pages.

``storyline eval --only webpages`` calls :func:`fit_line_model` once per
outer fold, on the other folds' sites only; ``python -m storyline.evaluate.webpages
train`` fits the packaged model on every page.  (It lives with the evaluation,
not in ``clean``, because it learns from the gold pages; cleaning only reads
the fitted ``line_model.json``.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from storyline.clean.lines import CONTEXT_FEATURES, FEATURES, LineModel, context_rows, features
from storyline.evaluate.flatten import BODY, BOILERPLATE, LabelledPage
from storyline.evaluate.folds import fold_of
from storyline.linear import fit_standardised

# What dropping one body line costs, in boilerplate lines kept.  Chosen on
# the training folds only (two views: sites of folds 1-4 cross-validated by
# site, and the same folds' pages in the full cross-validation), as the
# smallest cost at which both kept >= 0.97 of the body: 15 kept 0.969 /
# 0.978 (removed 0.921 / 0.887), 20 kept 0.973 / 0.979 (removed 0.910 /
# 0.878), 30 kept 0.978 / 0.982 but removed 0.898 / 0.849.
BODY_COST = 20.0
L2 = 1.0
INNER_K = 4
INNER_SEED = "storyline-lines-inner-v1"
_ITERATIONS = 25
_THRESHOLD_RANGE = (0.3, 0.995)

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class PageRows:
    """One page's lines as the classifier sees them: a feature row per line it decides, and labels."""

    x: Matrix  # rows of the decided lines
    positions: tuple[int, ...]  # their line numbers (0-based)
    lines: int  # lines of the page
    y: Matrix  # per decided line: 1 = boilerplate, 0 = body, nan = neither (ignored)
    body: int  # gold body lines of the page
    body_ruled: int  # … that hard rules drop, out of the classifier's reach

    @property
    def labelled(self) -> npt.NDArray[np.bool_]:
        return ~np.isnan(self.y)


def page_rows(page: LabelledPage) -> PageRows:
    """The rows of one page (the rules run first, as in :func:`storyline.clean.text.clean_text`)."""
    from storyline.clean.lines import mark_bylines
    from storyline.clean.text import revisable_lines, rule_decisions

    lines, reasons, title = rule_decisions(page.text)
    revisable = revisable_lines(lines, reasons, title)
    mark_bylines(lines, reasons, title)
    if len(lines) != len(page.labels):
        raise ValueError("a flattened page has blank lines: labels and lines disagree")
    rows: list[list[float]] = []
    positions: list[int] = []
    labels: list[float] = []
    body = body_ruled = 0
    for i, (row, label) in enumerate(zip(features(lines, reasons, revisable), page.labels, strict=True)):
        body += label == BODY
        if not row:
            body_ruled += label == BODY
            continue
        rows.append(row)
        positions.append(i)
        labels.append(float(label == BOILERPLATE) if label in (BODY, BOILERPLATE) else math.nan)
    x = np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))
    return PageRows(x, tuple(positions), len(lines), np.array(labels), body, body_ruled)


def _page_weights(rows: Sequence[PageRows]) -> Matrix:
    """A weight per labelled decided line such that every page weighs the same (mean weight 1).

    Unweighted, a few long pages (hundreds of menu and teaser lines) set how
    much the neighbours' verdicts count; an unseen site is better served by
    one vote per page.  Only the second stage is weighted: weighting the
    first as well condemned the short last paragraph of a bare five-line text.
    """
    counts = np.array([int(r.labelled.sum()) for r in rows], dtype=np.float64)
    per_page = counts.mean() / np.maximum(counts, 1.0)
    return np.repeat(per_page, counts.astype(np.int64))


def _stack(rows: Sequence[PageRows]) -> tuple[Matrix, Matrix]:
    """Features and labels of the labelled decided lines of ``rows``."""
    return np.vstack([r.x[r.labelled] for r in rows]), np.concatenate([r.y[r.labelled] for r in rows])


def _context(row: PageRows, logits: Matrix) -> Matrix:
    """Second-stage rows (:data:`CONTEXT_FEATURES`) of a page's decided lines, from first-stage logits."""
    full = [-math.inf] * row.lines
    for position, z in zip(row.positions, logits, strict=True):
        full[position] = float(z)
    context = context_rows(full)
    out = np.array([context[p] for p in row.positions], dtype=np.float64)
    return out.reshape(len(row.positions), len(CONTEXT_FEATURES))


def _logistic(x: Matrix, y: Matrix, l2: float, sample: Matrix | None = None) -> tuple[Matrix, float]:
    """Weights and bias of an L2 logistic regression on standardised ``x`` (Newton-Raphson).

    ``sample`` weighs the rows (default: 1 each).
    """
    n, d = x.shape
    sample = np.ones(n) if sample is None else sample
    design = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(_ITERATIONS):
        p = 1 / (1 + np.exp(-np.clip(design @ w, -30, 30)))
        gradient = design.T @ (sample * (p - y)) + penalty * w
        hessian = (design * (sample * p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def _fit_weights(x: Matrix, y: Matrix, l2: float, sample: Matrix | None = None) -> tuple[Matrix, float]:
    """Weights and bias on raw features (the standardisation folded in)."""
    if len(y) == 0 or y.min() == y.max():
        raise ValueError("the line model needs both body and boilerplate lines to fit")
    return fit_standardised(x, lambda z: _logistic(z, y, l2, sample))


def _probabilities(x: Matrix, weights: Matrix, bias: float) -> Matrix:
    result: Matrix = 1 / (1 + np.exp(-np.clip(x @ weights + bias, -30, 30)))
    return result


def _cost_threshold(p: Matrix, y: Matrix) -> float:
    """The threshold with the least cost: ``BODY_COST`` per body line dropped, 1 per boilerplate line kept."""
    order = np.argsort(-p)
    ps, ys = p[order], y[order]
    # Dropping the first i lines (highest scores): cost = BODY_COST * body among them + boilerplate after.
    body_dropped = np.concatenate([[0], np.cumsum(ys == 0)])
    boiler_kept = float((ys == 1).sum()) - np.concatenate([[0], np.cumsum(ys == 1)])
    cost = BODY_COST * body_dropped + boiler_kept
    best = int(np.argmin(cost))
    low, high = _THRESHOLD_RANGE
    if best == 0:
        return high
    cut = float(ps[best - 1] + ps[best]) / 2 if best < len(ps) else float(ps[-1]) / 2
    return min(high, max(low, cut))


def _first_stage_logits(rows: Sequence[PageRows], groups: Sequence[str] | None, l2: float) -> list[Matrix]:
    """First-stage logits of every page's decided lines, out of fold by group when there are groups."""
    folds = [fold_of(g, INNER_K, INNER_SEED) for g in groups] if groups is not None else [0] * len(rows)
    out: list[Matrix] = [np.zeros(0)] * len(rows)
    for fold in sorted(set(folds)):
        train = [r for r, f in zip(rows, folds, strict=True) if f != fold] or list(rows)
        weights, bias = _fit_weights(*_stack(train), l2)
        for i, f in enumerate(folds):
            if f == fold:
                out[i] = rows[i].x @ weights + bias
    return out


def fit_line_model(
    pages: Sequence[LabelledPage], *, groups: Sequence[str] | None = None, l2: float = L2
) -> LineModel:
    """A two-stage line model fitted on ``pages``.

    With ``groups`` (the pages' sites), the second stage and the threshold
    are fitted on first-stage scores of models that never saw the site
    (``INNER_K`` folds); without, on the first stage's own training scores.
    """
    rows = [page_rows(p) for p in pages]
    weights, bias = _fit_weights(*_stack(rows), l2)
    logits = _first_stage_logits(rows, groups, l2)
    y = np.concatenate([r.y[r.labelled] for r in rows])
    context = np.vstack([_context(r, z)[r.labelled] for r, z in zip(rows, logits, strict=True)])
    second, second_bias = _fit_weights(context, y, l2, _page_weights(rows))
    p = _probabilities(context, second, second_bias)
    threshold = _cost_threshold(p, y)
    return LineModel(
        tuple(float(v) for v in weights),
        bias,
        threshold,
        tuple(float(v) for v in second),
        second_bias,
    )
