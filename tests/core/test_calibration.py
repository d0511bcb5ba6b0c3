"""Calibration: twin experiments, regularisation, cross-validation, bad observations and the output files."""

import csv
import re

import numpy as np
import pytest

from calibration_fixtures import CLASSES, PRIOR, SETTINGS, pixel_centre, site_inputs, twin_rows, write_region
from core.calibration import calibrate, targets_from_rows
from core.calibration.outputs import write_nfactor_table, write_organic_raster, write_residuals
from core.calibration.report import write_calibration_report
from core.prep.landcover import read_table
from core.raster_io import read_raster

ALL_PIXELS = [(r, c) for r in range(4) for c in range(6)]
TRUTH = {3: (0.28, 0.85), 10: (0.72, 1.10)}


def run(paths, rows, **kw):
    kw.setdefault("cross_validate", False)
    return calibrate(targets_from_rows(rows, site_field="site", bottom_m=SETTINGS.bottom_m), paths["climate"],
                     paths["soil"], paths["landcover"], PRIOR, SETTINGS, log=lambda _: None, **kw)


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    return write_region(tmp_path_factory.mktemp("calibration"))


@pytest.fixture(scope="module")
def twin(region):
    rows = twin_rows(region, TRUTH, ALL_PIXELS, noise_c=0.05, seed=3)
    return run(region, rows, sigma_obs_c=0.05, prior_sd=1.0, cross_validate=True)


def test_twin_experiment_recovers_the_true_n_factors(twin):
    for cls, truth in TRUTH.items():
        fit = twin.classes[cls]
        assert fit.sites == 12
        assert np.all(np.abs(fit.fitted - truth) < 0.04), (cls, fit.fitted, truth)
        # the standard errors cover the truth (3 s.e.) and are not absurdly wide
        assert np.all(np.abs(fit.fitted - truth) <= 3 * fit.se), (cls, fit.fitted, fit.se)
        assert np.all(fit.se < 0.05)
    assert twin.stats["before"]["rmse"] > 0.5
    assert twin.stats["after"]["rmse"] < 0.08
    assert abs(twin.stats["after"]["bias"]) < 0.03


def test_cross_validation_predicts_every_site_from_the_others(twin):
    assert np.isfinite(twin.cv).all()
    assert twin.stats["cv"]["n"] == twin.stats["after"]["n"] == 48
    assert twin.stats["after"]["rmse"] <= twin.stats["cv"]["rmse"] < 0.15


def test_one_site_stays_near_the_prior_and_inside_the_bounds(region):
    rows = twin_rows(region, {3: (0.25, 0.95), 10: TRUTH[10]}, [(0, 0)])  # one class-3 site
    result = run(region, rows)
    fit = result.classes[3]
    assert list(result.classes) == [3]
    assert np.all(np.abs(fit.fitted - PRIOR[3]) < 2 * 0.15), fit.fitted
    assert result.stats["after"]["rmse"] < 0.5 * result.stats["before"]["rmse"]
    assert any("class 3: 1 site(s) for 2 parameters" in w for w in result.warnings)


def test_an_impossible_site_stops_at_the_bounds_and_says_so(region):
    rows = twin_rows(region, PRIOR, [(0, 0)])
    for r in rows:
        r["mean_annual_temperature_c"] += 10.0  # beyond what any n-factor can explain
    fit = run(region, rows).classes[3]
    assert np.all(fit.fitted >= [0.1, 0.4] - np.float64(1e-12)) and np.all(fit.fitted <= [1.2, 1.6])
    assert fit.at_bound


def test_without_regularisation_fewer_sites_than_parameters_is_refused(region):
    rows = twin_rows(region, TRUTH, [(0, 0)])
    with pytest.raises(ValueError, match="1 site.*2 parameters"):
        run(region, rows, prior_sd=0.0)


def test_observed_equal_to_prior_model_leaves_the_prior(region):
    rows = twin_rows(region, PRIOR, ALL_PIXELS[:8])
    result = run(region, rows)
    for cls, fit in result.classes.items():
        assert np.allclose(fit.fitted, PRIOR[cls], atol=0.01)
    assert result.stats["before"]["rmse"] < 1e-6


def test_site_on_nodata_takes_the_nearest_valid_pixel(tmp_path, region):
    from core import schema
    from core.raster_io import Grid, write_raster

    climate = read_raster(region["climate"])
    climate[:, 1, 1] = np.nan  # a lake pixel
    path = write_raster(str(tmp_path / "climate.tif"), climate, Grid.of(region["climate"]),
                        list(schema.CLIMATE_BANDS), ["degC"] * 12)
    paths = dict(region, climate=path)
    rows = twin_rows(region, PRIOR, [(1, 1), (2, 2)])
    result = run(paths, rows, max_km=20.0)
    assert result.sites.names == ["s11", "s22"]
    assert 5.0 < result.sites.distance_km[0] < 12.0 and result.sites.distance_km[1] == 0.0
    alone = run(paths, rows)  # own pixel only: the lake site is left out and said so
    assert alone.sites.names == ["s22"]
    assert any("s11" in w and "not used" in w for w in alone.warnings)
    with pytest.raises(ValueError, match="no site falls on a pixel with data"):
        run(paths, rows[:2])


@pytest.mark.parametrize("change, message", [
    ({"mean_annual_temperature_c": 271.0}, "looks like kelvin"),
    ({"depth_m": 50.0}, "below the model bottom 20"),
    ({"depth_m": "deep"}, "'depth_m' is 'deep'"),
    ({"lon": 400.0}, "not a WGS84 longitude/latitude"),
])
def test_bad_observations_are_refused_with_the_field(change, message):
    rows = [{"site": "a", "lon": 120.05, "lat": 50.35, "depth_m": 1.0, "mean_annual_temperature_c": -1.0}]
    rows.append(dict(rows[0], **change))
    with pytest.raises(ValueError, match=message):
        targets_from_rows(rows, site_field="site", bottom_m=20.0)


def test_one_site_with_two_locations_is_refused():
    rows = [{"site": "MDS94", "lon": 124.526, "lat": 52.749, "depth_m": 10, "mean_annual_temperature_c": -0.5},
            {"site": "MDS94", "lon": 124.702, "lat": 52.212, "depth_m": 10, "mean_annual_temperature_c": -0.6}]
    with pytest.raises(ValueError, match="site 'MDS94' has conflicting coordinates"):
        targets_from_rows(rows, site_field="site")


def test_rows_of_a_site_and_depth_are_averaged_over_their_years(region):
    lon, lat = pixel_centre(0, 0)
    rows = [{"lon": lon, "lat": lat, "depth_m": 1.0, "mean_annual_temperature_c": v, "year": y}
            for v, y in ((-1.0, 2000), (-2.0, 2001), (-4.0, 2001))]
    (target,) = targets_from_rows(rows, year_field="year")
    assert target.value_c == pytest.approx(-7.0 / 3) and target.years == (2000, 2001) and target.rows == 3
    with pytest.raises(ValueError, match="years \\[1999\\] outside the simulated period 2000–2001"):
        calibrate(targets_from_rows([dict(rows[0], year=1999)], year_field="year"), region["climate"],
                  region["soil"], region["landcover"], PRIOR, SETTINGS, log=lambda _: None)


def test_output_table_feeds_land_cover_to_n_factors(tmp_path, twin):
    prior = tmp_path / "prior.csv"
    prior.write_text("class,name,n_freezing,n_thawing,source\n0,Water,,,lake\n3,Larch,0.40,0.75,x\n"
                     "10,Grass,0.55,0.95,y\n12,Crops,0.6,1.0,z\n", encoding="utf-8")
    path = write_nfactor_table(str(tmp_path / "calibrated.csv"), str(prior), twin)
    table = read_table(path)
    assert np.isnan(table[0][0]) and table[12] == (0.6, 1.0)
    for cls in (3, 10):
        assert table[cls] == pytest.approx(tuple(twin.classes[cls].fitted), abs=1e-3)
    with open(path, encoding="utf-8") as f:
        rows = {r["class"]: r for r in csv.DictReader(f)}
    assert rows["3"]["sites"] == "12" and float(rows["3"]["n_freezing_se"]) > 0


def test_residuals_and_report_are_written(tmp_path, twin):
    path = write_residuals(str(tmp_path / "residuals.csv"), twin)
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 48
    assert max(abs(float(r["residual_after_c"])) for r in rows) < 0.3
    report = write_calibration_report(str(tmp_path / "report.html"), twin, "twin")
    text = open(report, encoding="utf-8").read()
    assert text.count("<img") == 1 and "Leave-one-site-out" in text and "s00" in text


def test_report_in_chinese_keeps_the_numbers(tmp_path, twin):
    english = open(write_calibration_report(str(tmp_path / "en.html"), twin, "twin"), encoding="utf-8").read()
    text = open(write_calibration_report(str(tmp_path / "zh.html"), twin, "twin", locale="zh_CN"),
                encoding="utf-8").read()
    for heading in ("用实测地温标定地表参数", "基于站点-深度平均值的统计量（模拟 − 实测）", "各土地覆盖类别的参数",
                    "各站点残差", "留一站点交叉验证"):
        assert heading in text
    assert "Parameters per land-cover class" not in text and text.count("<img") == 1
    numbers = re.compile(r"<td>(-?[0-9.]+)</td>")  # the number cells of every table
    assert numbers.findall(text) == numbers.findall(english) != []
    for key in ("before", "after", "cv"):
        assert f"<td>{twin.stats[key]['rmse']:.2f}</td>" in text
    assert "<td class=\"t\">s00</td>" in text


def test_organic_layer_twin(tmp_path, region):
    """Observations made with a 0.2 m peat layer under class 3 are explained by fitting its thickness.

    The layer's effect trades off against the n-factors at two depths, so the test asks for the fit to explain
    the data and for the standard errors to cover the truth, not for each value to come back exactly."""
    from core.calibration.forward import ColumnSet, SiteModel
    from core.calibration.targets import Target

    pixels = [p for p in ALL_PIXELS if (p[0] + p[1]) % 2 == 0][:8]  # class 3
    sites = [(f"s{r}{c}", *pixel_centre(r, c)) for r, c in pixels]
    inputs = site_inputs(region, sites)
    targets = [Target(n, x, y, d, 0.0, (), 1) for n, x, y in sites for d in (1.0, 5.0)]
    model = SiteModel(inputs, SETTINGS, targets, np.repeat(np.arange(8), 2))
    truth = model.run(ColumnSet(np.arange(8), np.full(8, 0.40), np.full(8, 0.75), np.full(8, 0.2)))
    rows = [{"site": n, "lon": x, "lat": y, "depth_m": d, "mean_annual_temperature_c": float(truth[i, k])}
            for i, (n, x, y) in enumerate(sites) for k, d in enumerate((1.0, 5.0))]
    result = run(region, rows, fit_organic=True, sigma_obs_c=0.05, prior_sd=1.0)
    fit = result.classes[3]
    assert result.stats["before"]["rmse"] > 0.3 and result.stats["after"]["rmse"] < 0.1
    assert fit.fitted[2] > 0.02
    assert np.all(np.abs(fit.fitted - [0.40, 0.75, 0.2]) <= 3 * fit.se), (fit.fitted, fit.se)
    out = write_organic_raster(str(tmp_path / "organic.tif"), region["landcover"], result)
    thickness = read_raster(out)[0]
    assert np.allclose(thickness[CLASSES == 3], fit.fitted[2]) and np.all(thickness[CLASSES == 10] == 0)


def test_cancel_stops_the_calibration(region):
    from core.heat import Cancelled

    rows = twin_rows(region, PRIOR, ALL_PIXELS[:4])
    with pytest.raises(Cancelled):
        run(region, rows, is_cancelled=lambda: True)


@pytest.mark.parametrize("engine", [("", 2), ("local:2", 1)])
def test_worker_processes_and_dask_give_the_same_values_bit_for_bit(region, engine):
    from importlib.util import find_spec

    from core.calibration.forward import BatchRunner, ColumnSet, SiteModel
    from core.calibration.targets import Target
    from core.regional.workers import open_engine

    if engine[0] and find_spec("distributed") is None:
        pytest.skip("Dask distributed is not installed")
    sites = [(f"s{r}{c}", *pixel_centre(r, c)) for r, c in ALL_PIXELS[:10]]
    inputs = site_inputs(region, sites)
    targets = [Target(n, x, y, 1.0, 0.0, (), 1) for n, x, y in sites]
    model = SiteModel(inputs, SETTINGS, targets, np.arange(10))
    rng = np.random.default_rng(0)
    columns = ColumnSet(np.tile(np.arange(10), 3), rng.uniform(0.3, 0.8, 30), rng.uniform(0.7, 1.2, 30))
    with open_engine("", 1) as one:
        local = BatchRunner(model, one, chunk_columns=7).run(columns)
    with open_engine(*engine) as many:
        other = BatchRunner(model, many, chunk_columns=7).run(columns)
    np.testing.assert_array_equal(other, local)
    assert np.isfinite(local[:, 0]).all()


def test_inputs_are_checked_like_the_regional_run(tmp_path, region):
    from core import schema
    from core.raster_io import Grid, write_raster

    rows = twin_rows(region, PRIOR, ALL_PIXELS[:2])
    soil = read_raster(region["soil"])
    soil[3] /= 1e6  # layer01_c_frozen in MJ m-3 K-1
    bad_soil = write_raster(str(tmp_path / "soil_mj.tif"), soil, Grid.of(region["soil"]), schema.soil_band_names(2),
                            schema.soil_band_units(2))
    with pytest.raises(ValueError, match="layer01_c_frozen"):
        run(dict(region, soil=bad_soil), rows)
    shifted = Grid.from_extent(121.0, 50.0, 121.6, 50.4, 0.1)
    other = write_raster(str(tmp_path / "lc.tif"), read_raster(region["landcover"]), shifted, ["class"])
    with pytest.raises(ValueError, match="Land cover .* is not on the climate raster's grid"):
        run(dict(region, landcover=other), rows)
