"""storyline.linear: a fit on standardised columns, returned on the raw ones."""

import numpy as np

from storyline.linear import fit_standardised


def test_the_raw_weights_score_raw_rows_as_the_fit_scores_standardised_ones() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 3)) * [0.1, 10.0, 1.0] + [0.0, 5.0, -2.0]
    x[:, 2] = 4.0  # a constant column: centred, not scaled
    seen: list[np.ndarray] = []

    def fit(z: np.ndarray) -> tuple[np.ndarray, float]:
        seen.append(z)
        return np.array([0.5, -1.0, 2.0]), 0.25

    weights, bias = fit_standardised(x, fit)
    [z] = seen
    assert np.allclose(z[:, :2].mean(axis=0), 0.0) and np.allclose(z[:, :2].std(axis=0), 1.0)
    assert np.allclose(z[:, 2], 0.0)
    assert np.allclose(x @ weights + bias, z @ [0.5, -1.0, 2.0] + 0.25)
