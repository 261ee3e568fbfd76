"""Fit the line classifier of :mod:`storyline.clean.lines` (numpy only; no scikit-learn needed).

    .venv/bin/python -m storyline.evaluate.webpages train  # needs `make devdata`; writes the model

The model is an L2-regularised logistic regression fitted by Newton's
method on the lines the rules leave undecided, labelled by the multi-site
development set (:mod:`storyline.evaluate.webpages`): boilerplate = 1, body
= 0.  Its threshold is chosen on the same training pages so that at most
``1 - BODY_TARGET`` of their body lines are lost (rules included).
``storyline eval --only webpages`` calls :func:`fit_line_model` once per
fold, on the other folds' sites only; ``python -m storyline.evaluate.webpages
train`` fits the packaged model on every page.  (It lives with the evaluation,
not in ``clean``, because it learns from the gold pages; cleaning only reads
the fitted ``line_model.json``.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from storyline.clean.lines import REVISABLE, LineModel, features
from storyline.evaluate.flatten import BODY, BOILERPLATE, LabelledPage

BODY_TARGET = 0.995
L2 = 1.0
_ITERATIONS = 25
_THRESHOLD_RANGE = (0.3, 0.995)

Matrix = npt.NDArray[np.float64]


def training_rows(pages: Sequence[LabelledPage]) -> tuple[Matrix, Matrix, int, int]:
    """(features, labels) of the lines the model decides; body lines in all, body lines hard rules drop."""
    from storyline.clean.lines import mark_bylines
    from storyline.clean.text import rule_decisions

    rows: list[list[float]] = []
    labels: list[float] = []
    body_total = body_ruled = 0
    for page in pages:
        lines, reasons, title = rule_decisions(page.text)
        mark_bylines(lines, reasons, title)
        if len(lines) != len(page.labels):
            raise ValueError("a flattened page has blank lines: labels and lines disagree")
        x = features(lines, reasons)
        for row, reason, label in zip(x, reasons, page.labels, strict=True):
            body_total += label == BODY
            if reason is not None and reason not in REVISABLE:
                body_ruled += label == BODY
            elif label in (BODY, BOILERPLATE):
                rows.append(row)
                labels.append(float(label == BOILERPLATE))
    return np.array(rows, dtype=np.float64), np.array(labels, dtype=np.float64), body_total, body_ruled


def _logistic(x: Matrix, y: Matrix, l2: float) -> tuple[Matrix, float]:
    """Weights and bias of an L2 logistic regression on standardised ``x`` (Newton-Raphson)."""
    n, d = x.shape
    design = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(_ITERATIONS):
        p = 1 / (1 + np.exp(-np.clip(design @ w, -30, 30)))
        gradient = design.T @ (p - y) + penalty * w
        hessian = (design * (p * (1 - p))[:, None]).T @ design + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w[:-1], float(w[-1])


def _threshold(p: Matrix, y: Matrix, body_total: int, body_ruled: int) -> float:
    """The lowest threshold that loses at most ``1 - BODY_TARGET`` of the body lines."""
    # The model answers for the body lines it decides; what hard rules drop is theirs.
    allowed = math.floor((1 - BODY_TARGET) * int((y == 0).sum()))
    body = np.sort(p[y == 0])[::-1]
    low, high = _THRESHOLD_RANGE
    if allowed < 0 or len(body) == 0:
        return high
    cut = float(body[allowed]) if allowed < len(body) else low
    return min(high, max(low, cut))


def fit_line_model(pages: Sequence[LabelledPage], *, l2: float = L2) -> LineModel:
    """A line model fitted on ``pages`` (their sites only)."""
    x, y, body_total, body_ruled = training_rows(pages)
    if len(y) == 0 or y.min() == y.max():
        raise ValueError("the line model needs both body and boilerplate lines to fit")
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    w, b = _logistic((x - mean) / scale, y, l2)
    weights = w / scale
    bias = b - float(np.sum(w * mean / scale))
    p = 1 / (1 + np.exp(-np.clip(x @ weights + bias, -30, 30)))
    return LineModel(tuple(float(v) for v in weights), bias, _threshold(p, y, body_total, body_ruled))
