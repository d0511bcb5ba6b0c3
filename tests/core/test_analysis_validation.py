"""Borehole validation statistics with known residuals, without QGIS."""

import math

import numpy as np
import pytest
from analysis_fixtures import lon_ramp, ramp_grid

from core.analysis.validation import (
    NO_DEPTH,
    NODATA,
    OK,
    OUTSIDE,
    Borehole,
    band_depths,
    match_boreholes,
    parse_depths,
    read_boreholes_csv,
    repeated_boreholes,
    statistics,
)
from core.analysis.validation_report import write_validation_report
from core.raster_io import write_raster


@pytest.fixture
def model(tmp_path):
    # Two bands: MAGT(10 m) = x − 122 °C, MAGT(20 m) = that − 1 °C; 0.1° pixels over 120–124 °E, 50–52 °N.
    grid = ramp_grid()
    data = lon_ramp(grid, 122.0)
    data[5, 5] = np.nan                        # pixel 120.5–120.6 °E, 51.4–51.5 °N
    path = str(tmp_path / "m.tif")
    write_raster(path, np.stack([data, data - 1.0]), grid, descriptions=["magt_1000cm", "magt_2000cm"])
    return path


def test_known_residuals_give_known_statistics(model):
    # Pixel-centre MAGT at 10 m: 121.05 → −0.95, 121.55 → −0.45, 122.45 → 0.45, 123.05 → 1.05 °C.
    holes = [Borehole("a", 121.05, 51.05, 10.0, -0.95 - 0.2), Borehole("b", 121.55, 51.05, 10.0, -0.45 + 0.4),
             Borehole("c", 122.45, 51.05, 10.0, 0.45 - 0.2), Borehole("d", 123.05, 51.05, 20.0, 0.05 - 0.4)]
    matches = match_boreholes(holes, model, band_depths(model))
    assert [m.status for m in matches] == [OK] * 4
    assert [m.residual_c for m in matches] == pytest.approx([0.2, -0.4, 0.2, 0.4])
    assert matches[3].model_depth_m == 20.0
    s = statistics(matches)
    assert s["n"] == 4 and s["bias"] == pytest.approx(0.1) and s["mae"] == pytest.approx(0.3)
    assert s["rmse"] == pytest.approx(math.sqrt((0.04 + 0.16 + 0.04 + 0.16) / 4))
    obs = [-1.15, -0.05, 0.25, -0.35]
    mod = [-0.95, -0.45, 0.45, 0.05]
    assert s["r"] == pytest.approx(np.corrcoef(obs, mod)[0, 1])


def test_a_borehole_listed_several_times_counts_once(model):
    # "a" three times with observed −1.15, −1.05, −1.25 (mean −1.15, residual +0.2); "c" once (residual +0.2)
    holes = [Borehole("a", 121.05, 51.05, 10.0, -1.15), Borehole("a", 121.05, 51.05, 10.0, -1.05),
             Borehole("a2", 121.05, 51.05, 10.0, -1.25), Borehole("c", 122.45, 51.05, 10.0, 0.45 - 0.6),
             Borehole("c20", 122.45, 51.05, 20.0, -0.55 - 0.2)]
    matches = match_boreholes(holes, model, band_depths(model))
    s = statistics(matches)
    assert s["n"] == 3  # a (once), c at 10 m, c at 20 m
    assert s["bias"] == pytest.approx((0.2 + 0.6 + 0.2) / 3)
    assert [[h.id for h in g] for g in repeated_boreholes(holes)] == [["a", "a", "a2"]]


def test_unmatched_boreholes_are_listed_with_reason(model, tmp_path):
    holes = [Borehole("out", 130.0, 51.0, 10.0, -1.0), Borehole("nodata", 120.55, 51.45, 10.0, -1.0),
             Borehole("deep", 121.0, 51.0, 50.0, -1.0), Borehole("ok", 121.05, 51.05, 10.2, -1.0)]
    matches = match_boreholes(holes, model, band_depths(model), depth_tolerance_m=0.5)
    assert [m.status for m in matches] == [OUTSIDE, NODATA, NO_DEPTH, OK]
    s = statistics(matches)
    assert s["n"] == 1 and s["rmse"] == pytest.approx(0.05) and math.isnan(s["r"])
    path = write_validation_report(str(tmp_path / "v.html"), matches, s)
    text = open(path, encoding="utf-8").read()
    assert "data:image/png;base64," in text and "meets the published" in text
    assert "model NoData" in text and "outside raster" in text and "no model depth" in text


def test_bilinear_sampling_between_centres(model):
    m = match_boreholes([Borehole("x", 121.1, 51.0, 10.0, 0.0)], model, [10.0, 20.0], method="bilinear")[0]
    assert m.model_c == pytest.approx(-0.9)    # halfway between centres −0.95 and −0.85


def test_band_depths_and_csv(model, tmp_path):
    assert band_depths(model) == [10.0, 20.0]
    assert band_depths(model, [5, 15]) == [5.0, 15.0]
    with pytest.raises(ValueError, match="2 band"):
        band_depths(model, [10.0])
    assert parse_depths("10, 20;30") == [10.0, 20.0, 30.0]
    csv_path = tmp_path / "b.csv"
    csv_path.write_text("name;lat;lon;magt\nMDS94;52.749;124.526;-0.8\nX;50.1;121.0;\n", encoding="utf-8")
    holes = read_boreholes_csv(str(csv_path))
    assert holes[0] == Borehole("MDS94", 124.526, 52.749, 10.0, -0.8) and math.isnan(holes[1].observed_c)
    with pytest.raises(ValueError, match="no column 'longitude'"):
        read_boreholes_csv(str(csv_path), lon_field="longitude")
