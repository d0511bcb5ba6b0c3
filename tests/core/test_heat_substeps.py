"""Steps whose Newton iteration stalls are re-stepped (exact Jacobian, then halved sub-steps) until they converge.

The columns are peat (free water, k_f/k_t = 0.8/0.3) over silt with an unfrozen-water curve: with
long steps the iteration with lagged conductances stalls across a thawing peat node (before the
re-stepping such steps were accepted capped, with relative energy residuals up to 0.97).
"""

import os
import sys

import numpy as np
import pytest

from core.heat import Layers, make_grid, simulate
from core.heat import stepper

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "benchmarks"))
from bench_solver import MOHE_MONTHLY_C  # noqa: E402


def peat_over_silt(organic_m, silt_water, silt_a):
    def per_layer(*values):
        return np.array([values], dtype=float)

    return Layers(per_layer(organic_m, 2.8, 50.0), per_layer(0.8, 1.6, 2.5), per_layer(0.3, 1.3, 2.5),
                  per_layer(1.9e6, 2.0e6, 2.0e6), per_layer(3.3e6, 2.8e6, 2.1e6), per_layer(0.55, silt_water, 0.03),
                  per_layer(np.nan, silt_a, np.nan), per_layer(np.nan, 0.45, np.nan))


COLD = dict(layers=peat_over_silt(0.3851, 0.3276, 0.0777), monthly_air_c=MOHE_MONTHLY_C[None, :] - 2.789,
            n_freezing=0.542, n_thawing=0.994)
DRY = dict(layers=peat_over_silt(0.316, 0.2543, 0.0778), monthly_air_c=MOHE_MONTHLY_C[None, :] - 2.027,
           n_freezing=0.438, n_thawing=0.931)


def test_stalled_step_is_restepped_to_convergence_and_agrees_with_short_steps():
    res = simulate(**COLD, node_depths=make_grid(), years=1, dt_days=10.0)
    assert res.substepped_steps[0] >= 1  # the plain iteration capped (a thaw step of the peat)
    assert res.unconverged_steps[0] == 0 and res.unconverged_residual_c[0] == 0.0
    assert res.energy_residual[0] < 1e-8
    ref = simulate(**COLD, node_depths=make_grid(), years=1, dt_days=1.0)
    assert ref.substepped_steps[0] == 0
    # the dt = 10 days accuracy of benchmarks/dt_convergence.py: MAGT(10 m) within 0.05 °C
    assert abs(res.magt_c[0] - ref.magt_c[0]) < 0.05


def test_halved_substeps_where_the_exact_jacobian_is_not_enough(monkeypatch):
    kwargs = dict(**DRY, node_depths=make_grid(), years=3, dt_days=73.0)
    monkeypatch.setattr(stepper, "_MAX_HALVINGS", 0)  # exact Jacobian at the full step only
    assert simulate(**kwargs).unconverged_steps[0] >= 1
    monkeypatch.undo()
    res = simulate(**kwargs)
    assert res.substepped_steps[0] >= 1 and res.unconverged_steps[0] == 0
    assert res.energy_residual[0] < 1e-8
    assert np.isfinite(res.magt_c[0]) and res.magt_c[0] < 0


def test_restepped_columns_leave_the_others_unchanged():
    """A batch of a re-stepped column and two that converge gives each column its single-column result."""
    calm = peat_over_silt(0.1, 0.3, 0.05)
    layers = Layers(*[np.concatenate([getattr(calm, f), getattr(COLD["layers"], f), getattr(calm, f)])
                      for f in ("thickness_m", "k_frozen", "k_thawed", "c_frozen", "c_thawed", "water_content",
                                "unfrozen_a", "unfrozen_b")])
    air = np.concatenate([MOHE_MONTHLY_C[None, :], COLD["monthly_air_c"], MOHE_MONTHLY_C[None, :] - 1.0])
    nf, nt = np.array([0.6, 0.542, 0.6]), np.array([0.9, 0.994, 0.9])
    batch = simulate(layers, make_grid(), monthly_air_c=air, n_freezing=nf, n_thawing=nt, years=1, dt_days=10.0)
    assert batch.substepped_steps.tolist()[0] == 0 and batch.substepped_steps[1] >= 1
    for c in range(3):
        single = simulate(layers.take([c]), make_grid(), monthly_air_c=air[[c]], n_freezing=nf[[c]],
                          n_thawing=nt[[c]], years=1, dt_days=10.0)
        assert single.substepped_steps[0] == batch.substepped_steps[c]
        np.testing.assert_allclose(batch.final_temperature_c[c], single.final_temperature_c[0], rtol=0, atol=1e-9)
        assert batch.alt_m[0, c] == pytest.approx(single.alt_m[0, 0], abs=1e-9)
