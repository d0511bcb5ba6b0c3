"""Climate inputs: WorldClim/CHELSA/12-band rasters with unit safety, and station interpolation."""

import os

import numpy as np
import pytest
from osgeo import gdal


from core import schema
from core.prep import climate_rasters as cr
from core.prep import stations as st
from core.prep.grid import grid_from_extent
from core.raster_io import band_info, read_raster
from prep_fixtures import DEMO_DATA, TEST_DATA, geotiff

STATIONS_CSV = os.path.join(DEMO_DATA, "stations_wc14_cru_chelsa_ne_china.csv")  # 114–132 E, 45–57 N
DEM = os.path.join(DEMO_DATA, "dem_itu_p1511_1-12deg.tif")  # 118.5–128 E, 48.5–54.6 N
ITU_NC = os.path.join(TEST_DATA, "itu_p1510_1_monthly_t2m_ne_china_0p75.nc")
GT = (120.0, 0.5, 0, 54.0, 0, -0.5)  # 0.5° source grid, 120–125 E, 49–54 N


def field(month):
    """°C at 0.5° pixel centres: month − 20 + 0.5·(lon − 120) − (lat − 49)."""
    x = 120.25 + 0.5 * np.arange(10)
    y = 53.75 - 0.5 * np.arange(10)
    return month - 20 + 0.5 * (x[None, :] - 120) - (y[:, None] - 49)


@pytest.fixture
def grid():
    return grid_from_extent(121, 50, 123, 52, res=0.25)


def check_pixel(path, g, month=7):
    d = read_raster(path)
    xs, ys = g.centres()
    r, c = 3, 4  # 122.125 E, 51.125 N
    assert d[month - 1, r, c] == pytest.approx(month - 20 + 0.5 * (xs[c] - 120) - (ys[r] - 49), abs=1e-4)


def test_worldclim_folder_of_twelve_tavg_files(tmp_path, grid):
    folder = tmp_path / "wc2.1_10m_tavg"
    folder.mkdir()
    for m in range(1, 13):
        geotiff(str(folder / f"wc2.1_10m_tavg_{m:02d}.tif"), field(m), GT, nodata=-3.4e38)
    geotiff(str(folder / "wc2.1_10m_prec_01.tif"), field(1) + 100, GT)  # other variable in the folder
    sources = cr.monthly_sources(folder=str(folder))
    assert [os.path.basename(p) for p, _ in sources][0] == "wc2.1_10m_tavg_01.tif"
    g, mask = grid
    info = cr.prepare_climate(sources, g, mask, str(tmp_path / "c.tif"))
    assert info["unit"] == "degC"
    names, units = band_info(str(tmp_path / "c.tif"))
    assert names == list(schema.CLIMATE_BANDS) and units == ["degC"] * 12
    check_pixel(str(tmp_path / "c.tif"), g)


@pytest.mark.parametrize("offset, unit", [(0.0, "K"), (-273.15, "degC")])
def test_chelsa_integer_kelvin_times_ten_with_scale_offset(tmp_path, grid, offset, unit):
    for m in range(1, 13):
        raw = np.round((field(m) + 273.15 - (offset + 273.15 if offset else 0)) * 10).astype(np.uint16)
        geotiff(str(tmp_path / f"CHELSA_tas_{m:02d}_1981-2010_V.2.1.tif"), raw, GT, dtype=gdal.GDT_UInt16,
                nodata=65535, scale=0.1, offset=offset)
    g, mask = grid
    info = cr.prepare_climate(cr.monthly_sources(folder=str(tmp_path)), g, mask, str(tmp_path / "c.tif"))
    assert info["unit"] == unit
    d = read_raster(str(tmp_path / "c.tif"))
    xs, ys = g.centres()
    assert d[6, 3, 4] == pytest.approx(7 - 20 + 0.5 * (xs[4] - 120) - (ys[3] - 49), abs=0.06)  # 0.1 K rounding


def test_kelvin_stop_and_unknown_unit(tmp_path, grid):
    g, mask = grid
    k = geotiff(str(tmp_path / "k12.tif"), np.stack([field(m) + 273.15 for m in range(1, 13)]), GT)
    with pytest.raises(ValueError, match="look like kelvin"):
        cr.prepare_climate(cr.monthly_sources([k]), g, mask, str(tmp_path / "o.tif"), on_kelvin="stop")
    assert not os.path.exists(tmp_path / "o.tif")
    raw = geotiff(str(tmp_path / "raw12.tif"), np.stack([(field(m) + 273.15) * 10 for m in range(1, 13)]), GT)
    with pytest.raises(ValueError, match="unknown unit"):
        cr.prepare_climate(cr.monthly_sources([raw]), g, mask, str(tmp_path / "o.tif"))


def test_wrong_band_count_and_missing_months(tmp_path):
    three = geotiff(str(tmp_path / "three.tif"), np.stack([field(1)] * 3), GT)
    with pytest.raises(ValueError, match="has 3 band.*expected 12"):
        cr.monthly_sources([three])
    for m in (1, 2, 3):
        geotiff(str(tmp_path / f"wc2.1_30s_tavg_{m:02d}.tif"), field(m), GT)
    with pytest.raises(ValueError, match="months 04, 05"):
        cr.monthly_sources(folder=str(tmp_path), pattern="*tavg*")


def test_itu_netcdf_in_kelvin_without_crs(tmp_path, grid):
    g, mask = grid
    sources = cr.monthly_sources([ITU_NC])
    info = cr.prepare_climate(sources, g, mask, str(tmp_path / "c.tif"))
    assert info["unit"] == "K" and "EPSG:4326" in info["notes"][0]
    jan, jul = read_raster(str(tmp_path / "c.tif"), bands=[1, 7])
    assert -35 < np.nanmean(jan) < -15 and 12 < np.nanmean(jul) < 25


# ---- stations ----

@pytest.fixture(scope="module")
def wc14():
    return st.read_station_csv(STATIONS_CSV, "wc14_tmean_")


def subset(s, idx):
    return st.Stations([s.ids[i] for i in idx], [s.names[i] for i in idx], s.lat[idx], s.lon[idx], s.elev_m[idx],
                       s.temps_c[idx])


def test_local_km_distances_match_great_circle():
    x, y = st.local_km(np.array([53.0, 50.0]), np.array([122.5, 124.0]), 51.5, 123.0)
    # great circle Mohe-ish to Jiagedaqi-ish: haversine by hand
    p1, p2, dl = np.radians(53.0), np.radians(50.0), np.radians(1.5)
    d = 2 * 6371.0088 * np.arcsin(np.sqrt(np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2))
    assert np.hypot(x[0] - x[1], y[0] - y[1]) == pytest.approx(d, rel=2e-3)


def test_synthetic_lapse_and_trend_are_recovered_exactly():
    rng = np.random.default_rng(1)
    lat, lon = rng.uniform(48, 54, 30), rng.uniform(118, 128, 30)
    z = rng.uniform(100, 1500, 30)
    x, y = st.local_km(lat, lon, lat.mean(), lon.mean())  # the interpolator's own plane
    temps = np.stack([m - 10 - 6.0 * z / 1000 + 0.002 * x - 0.01 * y for m in range(12)], axis=1)
    s = st.Stations([str(i) for i in range(30)], [""] * 30, lat, lon, z, temps)
    it = st.StationInterpolator(s, "thin_plate", None, smoothing=0.0)
    assert it.lapse == pytest.approx(np.full(12, -6.0), abs=1e-9)
    xp, yp = st.local_km(np.array([51.0]), np.array([123.0]), it.lat0, it.lon0)
    expected = np.arange(12) - 10 - 6.0 * 0.8 + 0.002 * xp[0] - 0.01 * yp[0]
    assert it.predict([51.0], [123.0], [800.0])[0] == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("method, lapse", [("thin_plate", None), ("thin_plate", -6.5), ("idw", None)])
def test_closed_form_leave_one_out_equals_refitting(wc14, method, lapse):
    merged = wc14.merged()
    near = np.flatnonzero((np.abs(merged.lat - 51) < 3) & (np.abs(merged.lon - 123) < 4))[:40]
    s = subset(merged, near)
    cv = st.StationInterpolator(s, method, lapse, smoothing=5.0, neighbours=8).cross_validate()
    for i in (0, 17, len(s.lat) - 1):
        keep = np.delete(np.arange(len(s.lat)), i)
        it = st.StationInterpolator(subset(s, keep), method, lapse, smoothing=5.0, neighbours=8)
        assert cv.predicted_c[i] == pytest.approx(it.predict([s.lat[i]], [s.lon[i]], [s.elev_m[i]])[0], abs=1e-3)


def test_mohe_left_out_within_one_degree_and_rmse(wc14):
    it = st.StationInterpolator(wc14, "thin_plate", None, smoothing=10.0)
    cv = it.cross_validate()
    mohe = next(i for i, sid in enumerate(it.stations.ids) if sid.startswith("50136"))
    observed = cv.observed_c[mohe].mean()
    assert observed == pytest.approx(-4.1, abs=0.05)
    assert abs(cv.predicted_c[mohe].mean() - observed) < 1.0  # stated tolerance: 1 °C in MAAT
    assert np.all(cv.rmse_c < 1.2) and cv.annual_rmse_c < 0.8
    assert np.all((it.lapse < -2) & (it.lapse > -9))  # plausible lapse rates every month


def test_co_located_stations_are_averaged_into_one():
    lat = np.array([51.65, 51.6501, 50.0, 50.5, 51.0, 52.0])  # the first two share a location to 3 decimals
    lon = np.array([117.567, 117.567, 120.0, 121.0, 122.0, 123.0])
    temps = np.stack([np.arange(12.0) + k for k in (0, 2, -5, -4, -3, -2)])
    s = st.Stations([str(i) for i in range(6)], [""] * 6, lat, lon, np.array([600.0, 610, 300, 400, 500, 700]), temps)
    m = s.merged()
    assert len(m.ids) == 5 and "0+1" in m.ids
    i = m.ids.index("0+1")
    assert m.elev_m[i] == pytest.approx(605.0) and m.temps_c[i] == pytest.approx(np.arange(12.0) + 1)


def test_station_grid_with_dem_and_report(tmp_path, wc14):
    g, mask = grid_from_extent(122.0, 52.5, 123.0, 53.5, res=1 / 24)
    out = str(tmp_path / "c.tif")
    report = str(tmp_path / "cv.html")
    it, cv = st.prepare_station_climate(wc14, DEM, g, mask, out, report_path=report)
    d = read_raster(out)
    xs, ys = g.centres()
    r, c = int(np.argmin(np.abs(ys - 52.967))), int(np.argmin(np.abs(xs - 122.533)))
    # Mohe's pixel: its own record adjusted by the lapse rate for the DEM-station height difference
    from core.prep.warp import align
    z = align(DEM, g, "DEM", "bilinear")[0][r, c]
    expected = wc14.temps_c[wc14.ids.index(next(i for i in wc14.ids if i.startswith("50136")))] + \
        it.lapse * (z - 438.0) / 1000
    assert d[:, r, c].mean() == pytest.approx(expected.mean(), abs=1.0)
    html = open(report, encoding="utf-8").read()
    assert "Annual-mean RMSE" in html and f"{cv.annual_rmse_c:.2f}" in html


def test_station_csv_errors(tmp_path):
    p = tmp_path / "s.csv"
    p.write_text("STNID,LAT,LON,ELEV_M," + ",".join(f"t_{m:02d}" for m in range(1, 13)) + "\n" +
                 "\n".join(f"{i},5{i},12{i},300," + ",".join(["260.0"] * 12) for i in range(6)))
    with pytest.raises(ValueError, match="look like kelvin"):
        st.read_station_csv(str(p), "t_")
    with pytest.raises(ValueError, match="column 'x_01' not found"):
        st.read_station_csv(str(p), "x_")


def test_cancel_during_interpolation_writes_nothing(tmp_path, wc14):
    g, mask = grid_from_extent(122.0, 52.5, 123.0, 53.5, res=1 / 24)
    with pytest.raises(InterruptedError):
        st.prepare_station_climate(wc14, DEM, g, mask, str(tmp_path / "c.tif"), is_cancelled=lambda: True)
    assert os.listdir(tmp_path) == []


def test_colocated_stations_with_conflicting_values_are_named(tmp_path):
    rows = [f"S{i},Stn{i},5{i}.0,12{i}.0,300," + ",".join(f"{-20 + m + i:.1f}" for m in range(12)) for i in range(6)]
    rows.append("DUP,Copy,52.0,122.0,300," + ",".join(f"{-5 + m:.1f}" for m in range(12)))  # S2 + 17 °C
    p = tmp_path / "s.csv"
    p.write_text("STNID,NAME,LAT,LON,ELEV_M," + ",".join(f"t_{m:02d}" for m in range(1, 13)) + "\n" + "\n".join(rows))
    stations = st.read_station_csv(str(p), "t_")
    with pytest.raises(ValueError, match=r"lat 52\.0000, lon 122\.0000 month 01 \(S2 Stn2: -18\.0 °C, DUP Copy: "
                                         r"-5\.0 °C\)"):
        st.StationInterpolator(stations, "idw")
    close = st.Stations(stations.ids, stations.names, stations.lat, stations.lon, stations.elev_m,
                        np.vstack([stations.temps_c[:6], stations.temps_c[2] + 0.5]))
    assert len(close.merged().lat) == 6  # records of one station within 2 °C are averaged

def test_cross_validation_report_in_chinese_keeps_the_numbers(tmp_path, wc14):
    g, mask = grid_from_extent(122.0, 52.5, 122.5, 53.0, res=1 / 12)
    report = str(tmp_path / "cv_zh.html")
    _, cv = st.prepare_station_climate(wc14, DEM, g, mask, str(tmp_path / "c.tif"), report_path=report,
                                       locale="zh_CN")
    zh = open(report, encoding="utf-8").read()
    assert "气象站插值：留一交叉验证" in zh and "年平均 RMSE" in zh and "薄板样条" in zh
    assert f"{cv.annual_rmse_c:.2f}" in zh and "Annual-mean" not in zh
