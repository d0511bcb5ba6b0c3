"""The warm-pixel shortcut: it skips only columns that hold no permafrost, and its estimate is close.

Bound: for columns whose TTOP exceeds 2 °C in every year, the steady-profile estimate of MAGT(10 m)
is within 0.5 °C of the full 15-year simulation (measured: 0.14–0.43 °C over MAAT 0.5–10 °C,
always on the warm side because the deep ground lags the warming trend that the steady profile
ignores; see benchmarks/warm_skip_accuracy.py).
"""

import numpy as np
import pytest
from regional_fixtures import ROCK, SILT, write_inputs

from core.heat import Layers, make_grid, simulate
from core.raster_io import read_raster
from core.regional import ModelSettings, RegionInputs, run_region
from core.regional.columns import yearly_air
from core.regional.run import DIAGNOSTIC_BANDS
from core.regional.warm_skip import warm_estimate, warm_pixels

CYCLE = np.array([-28.0, -22.5, -12.0, 0.0, 9.0, 15.5, 18.0, 15.0, 7.5, -2.5, -16.0, -25.5])
CYCLE = CYCLE - CYCLE.mean()


def columns(n):
    values = {f: np.tile([SILT[f], ROCK[f]], (n, 1)) for f in SILT}
    values["thickness_m"][:, 1] = 1.0
    values["unfrozen_a"] = np.tile([SILT["unfrozen_a"], np.nan], (n, 1))
    values["unfrozen_b"] = np.tile([SILT["unfrozen_b"], np.nan], (n, 1))
    return Layers(**values)


def test_skipped_columns_hold_no_permafrost_and_estimate_is_close():
    n = 12
    layers = columns(n)
    maat = np.linspace(-3.0, 8.0, n)
    air = yearly_air(maat[:, None] + CYCLE[None], range(2010, 2025), trend_c_per_decade=0.3)
    nf, nt = np.full(n, 0.6), np.full(n, 0.95)
    warm = warm_pixels(layers, air, nf, nt, threshold_c=2.0)
    assert 3 <= warm.sum() < n  # the set spans both sides of the rule
    full = simulate(layers, make_grid(), monthly_air_c=air, n_freezing=nf, n_thawing=nt, years=15, dt_days=5.0)
    magt = full.period_mean_c[:, 0]
    assert (magt[warm] > 0).all()
    assert np.isnan(full.permafrost_table_m[warm]).all()
    _, estimate = warm_estimate(layers, air, nf, nt, 0.06, [10.0])
    assert np.abs(estimate[warm, 0] - magt[warm]).max() < 0.5

SKIPPED_BAND = [name for name, _ in DIAGNOSTIC_BANDS].index("skipped_warm")


def test_region_run_flags_skipped_pixels_and_keeps_the_others_identical(tmp_path):
    paths, _ = write_inputs(tmp_path, warmer_by_c=6.0)
    inputs = RegionInputs(paths["climate"], paths["soil"], paths["nfactors"])
    base = dict(first_year=2010, last_year=2011, dt_days=5.0, bottom_m=30.0, top_dz_m=0.05, batch_columns=6)
    results = {}
    for name, threshold in (("full", None), ("skip", 2.0)):
        out = {k: str(tmp_path / name / f"{k}.tif") for k in ("magt", "diagnostics")}
        summary = run_region(inputs, ModelSettings(**base, skip_warm_ttop_c=threshold), out, log=lambda *_: None)
        results[name] = (read_raster(out["magt"])[0], read_raster(out["diagnostics"])[SKIPPED_BAND], summary)
    full, _, _ = results["full"]
    skip, flags, summary = results["skip"]
    skipped = flags == 1
    assert summary["skipped"] == skipped.sum() > 0
    assert (full[skipped] > 0).all()
    np.testing.assert_array_equal(skip[~skipped], full[~skipped])
    assert np.abs(skip[skipped] - full[skipped]).max() == pytest.approx(0.0, abs=0.5)
