"""Regional run: block-wise results equal the column CLI, NoData stays NoData, workers don't matter,
cancel and bad input leave nothing behind."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from regional_fixtures import COLS, GRID, ROCK, ROWS, SILT, write_inputs

from core import schema
from core.heat import Cancelled
from core.raster_io import Grid, band_info, read_raster, write_raster
from core.regional import ModelSettings, RegionInputs, run_region
from core.regional.run import DIAGNOSTIC_BANDS

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ONE_YEAR = dict(first_year=2010, last_year=2010, dt_days=5.0, bottom_m=30.0, top_dz_m=0.05)


@pytest.fixture
def inputs(tmp_path):
    paths, arrays = write_inputs(tmp_path)
    return RegionInputs(climate=paths["climate"], soil=paths["soil"], nfactors=paths["nfactors"]), arrays


def run(tmp_path, inputs, settings, keys=("magt", "alt", "presence", "diagnostics"), **kwargs):
    outputs = {k: str(tmp_path / "out" / f"{k}.tif") for k in keys}
    summary = run_region(inputs, settings, outputs, log=lambda *_: None, **kwargs)
    return outputs, summary


def column_cli(folder, arrays, row, col, settings):
    """MAGT(10 m) of one pixel from ``python3 -m core column`` given the same inputs."""
    def layer(values, thickness):
        return {"thickness_m": thickness, "k_frozen": values["k_frozen"], "k_thawed": values["k_thawed"],
                "c_frozen": values["c_frozen"], "c_thawed": values["c_thawed"],
                "water_content": values["water_content"],
                "unfrozen_water": {"a": values["unfrozen_a"], "b": values["unfrozen_b"]}
                if values["unfrozen_a"] > 0 else None}

    spec = {
        "layers": [layer(SILT, float(arrays["soil"][0, row, col])), layer(ROCK, 1.0)],
        "grid": {"bottom_m": settings.bottom_m, "top_dz_m": settings.top_dz_m},
        "monthly_air_temperature_c": arrays["climate"][:, row, col].tolist(),
        "n_freezing": 0.6, "n_thawing": 0.9, "geothermal_flux_w_m2": settings.geothermal_flux_w_m2,
        "initial_temperature_c": "equilibrium", "spinup_years": 0, "days": 365, "dt_days": settings.dt_days,
        "output_depths_m": [10.0],
    }
    spec_path, result_path = folder / f"spec_{row}_{col}.json", folder / f"result_{row}_{col}.json"
    spec_path.write_text(json.dumps(spec))
    done = subprocess.run([sys.executable, "-m", "core", "column", str(spec_path), "--out", str(result_path)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(result_path.read_text())["magt_10m_c"]


def test_outputs_on_grid_with_nodata_and_equal_to_column_cli(tmp_path, inputs):
    region, arrays = inputs
    settings = ModelSettings(**ONE_YEAR, batch_columns=5)
    outputs, summary = run(tmp_path, region, settings)
    assert summary["pixels"] == ROWS * COLS - 2
    for path in outputs.values():
        assert Grid.of(path).same_as(GRID)
    magt = read_raster(outputs["magt"])[0]
    assert np.isnan(magt[0, 0]) and np.isnan(magt[2, 3])
    assert np.isfinite(magt).sum() == ROWS * COLS - 2
    for row, col in ((0, 1), (1, 2), (2, 0)):
        assert magt[row, col] == pytest.approx(column_cli(tmp_path, arrays, row, col, settings), abs=1e-4)
    presence = read_raster(outputs["presence"])[0]
    np.testing.assert_array_equal(presence[np.isfinite(magt)], (magt[np.isfinite(magt)] < 0).astype(float))
    names, units = band_info(outputs["magt"])
    assert names == ["magt_1000cm_mean_2010_2010"] and units == ["degC"]
    assert band_info(outputs["diagnostics"])[0] == [name for name, _ in DIAGNOSTIC_BANDS]


def test_one_and_two_workers_give_identical_results(tmp_path, inputs):
    region, _ = inputs
    one, _ = run(tmp_path / "one", region, ModelSettings(**ONE_YEAR, batch_columns=4, workers=1))
    two, _ = run(tmp_path / "two", region, ModelSettings(**ONE_YEAR, batch_columns=4, workers=2))
    for key in one:
        np.testing.assert_array_equal(read_raster(one[key]), read_raster(two[key]))


def test_warming_trend_warms_the_ground(tmp_path, inputs):
    region, _ = inputs
    base = dict(ONE_YEAR, first_year=2010, last_year=2010, climatology_year=1985.0)
    cold, _ = run(tmp_path / "cold", region, ModelSettings(**base), keys=("magt",))
    warm, _ = run(tmp_path / "warm", region, ModelSettings(**base, trend_c_per_decade=0.4), keys=("magt",))
    diff = read_raster(warm["magt"])[0] - read_raster(cold["magt"])[0]
    assert np.nanmin(diff) > 0.0  # +1 °C of air temperature (0.4 °C/decade × 2.5 decades) warms every pixel


@pytest.mark.parametrize("workers", [1, 2])
def test_cancel_leaves_no_output(tmp_path, inputs, workers):
    region, _ = inputs
    calls = []

    def cancel_after_first_block():
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        run(tmp_path, region, ModelSettings(**ONE_YEAR, batch_columns=4, workers=workers),
            is_cancelled=cancel_after_first_block)
    assert os.listdir(tmp_path / "out") == []


def test_grid_mismatch_and_kelvin_are_refused_naming_the_input(tmp_path, inputs):
    region, arrays = inputs
    shifted = Grid.from_extent(122.05, 52.85, 122.25, 53.0, 0.05)
    soil = write_raster(str(tmp_path / "soil_shifted.tif"), arrays["soil"], shifted, schema.soil_band_names(2))
    with pytest.raises(ValueError, match="Soil thermal properties.*not on the climate raster's grid"):
        run(tmp_path, RegionInputs(region.climate, soil, region.nfactors), ModelSettings(**ONE_YEAR))
    kelvin = write_raster(str(tmp_path / "kelvin.tif"), arrays["climate"] + 273.15, GRID,
                          list(schema.CLIMATE_BANDS))
    with pytest.raises(ValueError, match="Climate.*kelvin"):
        run(tmp_path, RegionInputs(kelvin, region.soil, region.nfactors), ModelSettings(**ONE_YEAR))
    eleven = write_raster(str(tmp_path / "eleven.tif"), arrays["climate"][:11], GRID)
    with pytest.raises(ValueError, match="Climate: expected 12 bands, found 11"):
        run(tmp_path, RegionInputs(eleven, region.soil), ModelSettings(**ONE_YEAR))
    with pytest.raises(ValueError, match="does not reach output depth"):
        ModelSettings(bottom_m=5.0).check()
    assert not (tmp_path / "out").exists() or os.listdir(tmp_path / "out") == []
