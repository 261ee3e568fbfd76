"""Linear models penalised on standardised features and returned on the raw ones.

An L2 penalty on raw features weighs on each weight by its feature's scale: a narrow column
(a word overlap spread over 0.1) is shrunk hard, a wide one (a cosine z-score spread over 10)
hardly at all.  Fitting on every column scaled to mean 0 and spread 1 penalises them alike;
folding the scaling back into the weights and bias keeps the models' files and decisions on
the raw features.  Used by the same-story model, the learned line model of plain-text
cleaning and the event classifier, each with its own solver.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float64]


def fit_standardised(x: Matrix, fit: Callable[[Matrix], tuple[Matrix, float]]) -> tuple[Matrix, float]:
    """``fit`` (standardised columns -> weights, bias) on ``x``, its weights and bias on ``x``'s raw columns.

    A constant column (spread 0: a language alone in the rows) is centred but not scaled.
    """
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    weights, bias = fit((x - mean) / scale)
    return weights / scale, bias - float(np.sum(weights * mean / scale))
