"""The merged regional run (MERGE tolerance): it agrees with the exact run within its tolerance on a
heterogeneous region, never groups pixels of different soil or n-factor classes, does not depend on
the worker count or block size, and writes its check; blocks follow the simulated pixels."""

import numpy as np
import pytest
from osgeo import gdal
from regional_fixtures import MOHE_MONTHLY, ROCK, SILT

from core import schema
from core.heat import Layers
from core.raster_io import Grid, read_raster, write_raster
from core.regional import ModelSettings, RegionInputs, run_region
from core.regional import merge, merged_run
from core.regional.blocks import block_windows
from core.regional.merge import FEATURES, Description, describe, interpolate, plan_groups
from core.regional.run import DIAGNOSTIC_BANDS

ROCK_LAYER = {**ROCK, "thickness_m": 1.0, "unfrozen_a": np.nan}  # as ``columns.layers_from_soil`` reads it
ROWS, COLS = 36, 30
GRID = Grid.from_extent(122.0, 53.0 - ROWS * 0.01, 122.0 + COLS * 0.01, 53.0, 0.01)
KEYS = ("magt", "magt_depths", "alt", "ttop", "diagnostics")
SETTINGS = dict(first_year=2010, last_year=2014, dt_days=10.0, bottom_m=50.0, trend_c_per_decade=0.3,
                climatology_year=1990, output_depths_m=(2.0, 10.0), check_pixels=200)
TOLERANCE = 0.05


def band(name):
    return [n for n, _ in DIAGNOSTIC_BANDS].index(name)


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """36 × 30 pixels: air temperature from 3 °C colder (north) to 3 °C warmer (south) with 0.05 °C noise; three
    soil classes (silt 0.4, 1.0 and 2.0 m thick) in column bands; two n-factor classes in alternate columns."""
    folder = tmp_path_factory.mktemp("merge_region")
    rng = np.random.default_rng(5)
    shift = np.linspace(-3.0, 3.0, ROWS)[:, None] + rng.normal(0.0, 0.05, (ROWS, COLS))
    climate = MOHE_MONTHLY[:, None, None] + shift[None]
    soil = np.stack([np.full((ROWS, COLS), layer[f]) for layer in (SILT, ROCK) for f, _ in schema.SOIL_FIELDS])
    soil[0] = np.array([0.4, 1.0, 2.0])[np.arange(COLS) * 3 // COLS][None, :]
    odd = (np.arange(COLS) % 2 == 1)[None, :]
    nfactors = np.stack([np.where(odd, 0.45, 0.7) * np.ones((ROWS, 1)), np.where(odd, 0.95, 0.85) * np.ones((ROWS, 1))])
    climate[:, 0, 0] = np.nan  # one pixel without data
    inputs = RegionInputs(
        climate=write_raster(str(folder / "climate.tif"), climate, GRID, list(schema.CLIMATE_BANDS)),
        soil=write_raster(str(folder / "soil.tif"), soil, GRID, schema.soil_band_names(2), schema.soil_band_units(2)),
        nfactors=write_raster(str(folder / "nfactors.tif"), nfactors, GRID, list(schema.NFACTOR_BANDS)))
    exact = run(folder / "exact", inputs, merge_tolerance_c=0.0)
    return inputs, exact, folder


def run(folder, inputs, **settings):
    folder.mkdir(parents=True, exist_ok=True)
    outputs = {k: str(folder / f"{k}.tif") for k in KEYS}
    lines = []
    summary = run_region(inputs, ModelSettings(**{**SETTINGS, **settings}), outputs, log=lines.append)
    return {k: read_raster(p) for k, p in outputs.items()}, summary, outputs, lines


@pytest.fixture(scope="module")
def merged(region):
    inputs, _, folder = region
    return run(folder / "merged", inputs, merge_tolerance_c=TOLERANCE)


def test_merged_run_agrees_with_exact_run_within_its_tolerance(region, merged):
    (exact, exact_summary, _, _), (fast, summary, _, _) = region[1], merged
    valid = np.isfinite(exact["magt"][0])
    assert valid.sum() == ROWS * COLS - 1 and np.array_equal(np.isfinite(fast["magt"][0]), valid)
    error = np.abs(fast["magt"][0] - exact["magt"][0])[valid]
    assert np.percentile(error, 99) <= TOLERANCE and error.max() <= 2 * TOLERANCE, (error.max(), np.percentile(error, 99))
    depths = np.abs(fast["magt_depths"] - exact["magt_depths"])[:, valid]
    assert depths.max() <= 2 * TOLERANCE
    assert np.nanmax(np.abs(fast["ttop"][0] - exact["ttop"][0])) <= 2 * TOLERANCE
    both = np.isfinite(fast["alt"][0]) & np.isfinite(exact["alt"][0])
    assert both.sum() > 0.5 * valid.sum() and np.percentile(np.abs(fast["alt"][0] - exact["alt"][0])[both], 90) < 0.1
    # it did merge: far fewer pixels simulated than the exact run simulated
    assert summary["simulated_columns"] < 0.5 * exact_summary["pixels"]
    assert summary["nodes"] < summary["simulated_columns"] and summary["check_passed"]


def test_simulated_pixels_keep_their_exact_values_and_the_check_is_written(region, merged):
    (exact, _, _, _), (fast, summary, outputs, lines) = region[1], merged
    diagnostics = fast["diagnostics"]
    simulated = (diagnostics[band("interpolated")] == 0) & np.isfinite(fast["magt"][0])
    assert simulated.sum() == summary["simulated_columns"]
    np.testing.assert_allclose(fast["magt"][0][simulated], exact["magt"][0][simulated], atol=1e-5)
    checked = np.isfinite(diagnostics[band("check_error_c")])
    assert checked.sum() == summary["check_pixels"] == SETTINGS["check_pixels"]
    assert np.all(simulated[checked])
    errors = diagnostics[band("check_error_c")][checked]
    assert np.max(np.abs(errors)) == pytest.approx(summary["check_max_error_c"], abs=1e-6)
    assert np.percentile(np.abs(errors), 99) == pytest.approx(summary["check_p99_error_c"], abs=1e-6)
    metadata = gdal.Open(outputs["magt"]).GetMetadata()
    assert float(metadata["CHECK_P99_ERROR_C"]) == pytest.approx(summary["check_p99_error_c"], abs=1e-4)
    assert int(metadata["SIMULATED_COLUMNS"]) == summary["simulated_columns"]
    assert any(line.startswith("Check: 200 random pixels") for line in lines)


def test_results_do_not_depend_on_workers_or_block_size(region, merged, tmp_path):
    inputs = region[0]
    other, summary, _, _ = run(tmp_path / "other", inputs, merge_tolerance_c=TOLERANCE, batch_columns=7, workers=2)
    for key in KEYS:
        if key == "diagnostics":  # the energy residual (~1e-9) varies in its last digits with the batch
            np.testing.assert_allclose(other[key], merged[0][key], rtol=0, atol=1e-12)
        else:
            np.testing.assert_array_equal(other[key], merged[0][key])
    assert summary["blocks"] == merged[1]["blocks"] and summary["simulated_columns"] == merged[1]["simulated_columns"]


def test_a_failed_check_groups_again_with_half_the_tolerance(region, tmp_path, monkeypatch):
    """Bins 20 times too wide and no node refinement: the check fails and the run groups again."""
    monkeypatch.setattr(merge, "E_WIDTH", 40.0)
    monkeypatch.setattr(merged_run, "NODE_PASSES", 0)
    _, summary, _, lines = run(tmp_path / "coarse", region[0], merge_tolerance_c=TOLERANCE)
    assert any(line.startswith(f"Check failed at a merge tolerance of {TOLERANCE:g} °C") for line in lines)
    assert summary["merge_tolerance_c"] < TOLERANCE
    assert summary["check_passed"] == (summary["check_p99_error_c"] <= summary["merge_tolerance_c"]
                                       and summary["check_max_error_c"] <= 2 * summary["merge_tolerance_c"])
    assert any(line.startswith("WARNING: the check exceeds") for line in lines) != summary["check_passed"]


def description(n, classes, rng):
    """Pixels alike in everything but their column class (hash) and e(10 m)."""
    steady = rng.uniform(-3.0, 1.0, (n, 1))
    features = np.tile(np.array([[8.0, -0.5, -0.1, -1.0, -0.3, 0.1, -1.5, -2.8, 0.3, 0.0]]), (n, 1))
    return Description(steady, steady[:, 0] - 1.0, features, np.asarray(classes, dtype=np.uint64))


def test_rows_and_interpolation_nodes_never_mix_classes():
    rng = np.random.default_rng(1)
    classes = rng.integers(0, 3, 3000) * 7919
    desc = description(3000, classes, rng)
    plan = plan_groups(desc, TOLERANCE, 0)
    assert plan.classed
    for c in np.unique(classes):
        assert len(np.unique(plan.row[classes == c])) == 1  # alike in every descriptor: one row per class
    lower, upper, weight = plan.bracket()
    assert np.all(classes[lower] == classes) and np.all(classes[upper] == classes)
    inside = lower != upper
    assert inside.mean() > 0.9
    e = desc.steady[:, 0]
    assert np.all(((e[lower] <= e) & (e <= e[upper])) | ~inside)
    # one first node per e(10 m) bin of each class
    same_bin = np.floor(e / (2 * TOLERANCE))
    assert plan.nodes.size == sum(len(np.unique(same_bin[classes == c])) for c in np.unique(classes))


def test_interpolation_is_exact_for_a_departure_linear_in_the_estimate():
    rng = np.random.default_rng(2)
    desc = description(2000, np.zeros(2000), rng)
    plan = plan_groups(desc, TOLERANCE, 0)
    e = desc.steady
    truth = e + 0.3 - 0.4 * e  # simulated = estimate + a departure linear in e
    lower, upper, weight = plan.bracket()
    values = interpolate(lower, upper, weight, {"period": truth}, {"period": (e, e)})
    between = lower != upper
    np.testing.assert_allclose(values["period"][between], truth[between], atol=1e-12)
    np.testing.assert_allclose(values["period"][plan.nodes], truth[plan.nodes], atol=1e-12)


def test_estimate_bins_are_wider_away_from_zero():
    """Bins of e(10 m) are 2·tol wide within ±3 °C, where latent heat acts, and 5 times wider beyond (the
    coordinate stays continuous and increasing, so interpolation brackets are unchanged)."""
    e = np.linspace(-8.0, 8.0, 16001)
    u = merge.e_coordinate(e)
    assert np.all(np.diff(u) > 0)
    np.testing.assert_allclose(np.diff(u)[np.abs(e[1:]) < 3.0 - 1e-9], 0.001, rtol=1e-9)
    np.testing.assert_allclose(np.diff(u)[np.abs(e[:-1]) > 3.0 + 1e-9], 0.001 / merge.E_FAR_FACTOR, rtol=1e-9)
    rng = np.random.default_rng(4)
    desc = description(20000, np.zeros(20000), rng)
    desc.steady[:, 0] = rng.uniform(-8.0, 8.0, 20000)
    nodes = desc.steady[plan_groups(desc, TOLERANCE, 0).nodes, 0]
    near = np.abs(nodes) < 3.0
    assert near.sum() == 60  # 6 °C in bins of 0.1 °C
    assert (~near).sum() == 20  # 2 × 5 °C in bins of 0.5 °C


def test_nodes_are_refined_where_the_departure_changes_fast():
    """A departure with a 0.6 °C step at e = −0.3 °C (as latent heat makes near 0 °C): refinement adds
    nodes only around the step, and interpolation then errs by more than the tolerance only within it."""
    rng = np.random.default_rng(3)
    desc = description(4000, np.zeros(4000), rng)
    e = desc.steady[:, 0]
    departure = np.where(e < -0.3, 0.0, 0.6)
    plan = plan_groups(desc, TOLERANCE, 0)
    first = plan.nodes.copy()
    for _ in range(8):
        extra = plan.refine(departure[plan.nodes], TOLERANCE)
        if not extra.size:
            break
        assert np.all(np.abs(e[extra] + 0.3) < 2 * TOLERANCE * 2)  # only in the interval holding the step
        plan.nodes = np.union1d(plan.nodes, extra)
    assert plan.nodes.size > first.size and not plan.refine(departure[plan.nodes], TOLERANCE).size
    lower, upper, weight = plan.bracket()
    values = interpolate(lower, upper, weight, {"period": (e + departure)[:, None]},
                         {"period": (e[:, None], e[:, None])})["period"][:, 0]
    wrong = np.abs(values - (e + departure)) > TOLERANCE
    assert wrong.mean() < 0.002 and np.all(e[lower[wrong]] < -0.3) and np.all(e[upper[wrong]] >= -0.3)


def test_many_distinct_columns_are_grouped_by_their_descriptors():
    """Continuous soil (every column distinct): no class key, and pixels in one bin of every descriptor merge."""
    rng = np.random.default_rng(3)
    n = 5000
    desc = description(n, rng.integers(1, 2 ** 62, n), rng)
    plan = plan_groups(desc, TOLERANCE, 0)
    assert not plan.classed and plan.nodes.size < n / 10


def test_describe_features_follow_their_physics():
    n = 3
    layers = Layers(**{f: np.array([[SILT[f], ROCK_LAYER[f]]] * n, dtype=float) for f in SILT})
    layers.thickness_m[:, 0] = [0.5, 1.0, 2.0]
    air = np.tile(MOHE_MONTHLY, (n, 2, 1))
    desc = describe({"layers": layers, "monthly_air_c": air, "n_freezing": np.full(n, 0.6),
                     "n_thawing": np.full(n, 0.9), "geothermal_flux_w_m2": 0.06, "initial": "equilibrium"}, (10.0,))
    names = [name for name, _ in FEATURES]
    water = desc.features[:, names.index("log_water_2m")]
    assert np.all(np.diff(water) > 0)  # more silt (0.35 water) instead of rock (0.05) in the top 2 m
    assert np.allclose(desc.features[:, names.index("warming_c")], 0.0)
    assert len(set(desc.column_hash.tolist())) == n


def test_blocks_follow_the_pixels_they_simulate():
    """A sparse mask (45 valid pixels in a 440 × 153 grid) makes one block, not 39 nearly empty ones."""
    grid = Grid.from_extent(100.0, 50.0, 100.0 + 440 * 0.01, 50.0 + 153 * 0.01, 0.01)
    counts = np.zeros(153, dtype=int)
    counts[np.random.default_rng(4).choice(153, 45)] += 1
    windows = block_windows(grid, counts, 2000, workers=1)
    assert len(windows) == 1 and windows[0][3] <= 153
    rows = [y for y in range(153) if counts[y]]
    assert windows[0][1] == rows[0] and windows[0][1] + windows[0][3] == rows[-1] + 1
    many = block_windows(grid, np.full(153, 100), 2000, workers=2)
    assert sum(w[3] for w in many) == 153 and all(100 * w[3] <= 2000 for w in many) and len(many) >= 8


def test_progress_rises_steadily_to_one(region, tmp_path):
    """The merged run's progress never goes back, ends at 1, and its first nodes (most of the work) fill most
    of it, whatever refinement passes follow."""
    inputs, _, _ = region
    seen = []
    run_region(inputs, ModelSettings(**{**SETTINGS, "merge_tolerance_c": TOLERANCE}),
               {"magt": str(tmp_path / "magt.tif")}, progress=seen.append, log=lambda line: None)
    assert np.all(np.diff(seen) >= 0) and seen[-1] == pytest.approx(1.0)
    assert merged_run._stage_share(0, merged_run.NODE_PASSES, 1.0) == merged_run._stage_share(1, merged_run.NODE_PASSES,
                                                                                               0.0)
    assert merged_run._stage_share(merged_run.NODE_PASSES, merged_run.NODE_PASSES, 1.0) == pytest.approx(1.0)


def test_pixels_spread_over_many_rows_are_read_row_run_by_row_run(region, monkeypatch):
    """Nodes and check pixels are few and far between: only the rows from the first to the last of them in each
    band of rows (here 3 rows, by ``max_pixels``) are read, and the values come back as the whole window's, in
    the pixels' order."""
    from core.regional import blocks
    from core.regional.columns import read_block
    from core.regional.inputs import check_inputs

    inputs, _, _ = region
    settings = ModelSettings(**SETTINGS)
    checked = check_inputs(inputs, settings)
    window = (0, 0, COLS, ROWS)
    whole = read_block(checked, settings, window)
    rows = np.r_[2, 3, 4, 5, 6, 7, 8, 20, 21, 33]
    flat = np.sort(np.unique(rows * COLS + np.random.default_rng(6).integers(0, COLS, rows.size)))
    windows = []
    monkeypatch.setattr(blocks, "read_block", lambda c, s, w: windows.append(w) or read_block(c, s, w))
    got = blocks.read_pixels(checked, settings, window, flat, max_pixels=3 * COLS)  # bands of 3 rows
    for name in ("climate", "soil", "nfactors"):
        np.testing.assert_array_equal(getattr(got, name)[:, 0], getattr(whole, name)[:, flat // COLS, flat % COLS])
    assert got.initial is None
    read_rows = np.concatenate([np.arange(w[1], w[1] + w[3]) for w in windows])
    assert sorted(read_rows) == sorted(set(rows)) and max(w[3] for w in windows) <= 3
