"""The input-preparation algorithms through processing.run, on real and format-exact small files."""

import json
import os
import sys

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingException

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "core"))
from prep_fixtures import era5_land_netcdf, geotiff, igh_geotransform, soilgrids_folder  # noqa: E402

from permafrost_magt.core import schema  # noqa: E402
from permafrost_magt.core.raster_io import Grid, band_info, read_raster  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "demo", "data")
STATIONS = os.path.join(DEMO, "stations_wc14_cru_chelsa_ne_china.csv")


def no_partial_files(folder):
    return not [f for f in os.listdir(folder) if ".part" in f]


@pytest.fixture
def grid_tif(run_alg, tmp_path):
    out = str(tmp_path / "grid.tif")
    res = run_alg("prepare_grid", {"EXTENT": "122.0,123.0,52.5,53.2 [EPSG:4326]", "RESOLUTION": 1 / 60,
                                   "OUTPUT": out})
    assert (res["COLUMNS"], res["ROWS"]) == (60, 42)
    return out


def test_grid_from_polygon_layer_with_buffer(run_alg, tmp_path):
    poly = tmp_path / "region.geojson"
    poly.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                    "geometry": {"type": "Polygon", "coordinates": [[[122, 52], [123, 52], [122.5, 53], [122, 52]]]}}]}))
    res = run_alg("prepare_grid", {"POLYGONS": str(poly), "BUFFER_KM": 5.0, "OUTPUT": str(tmp_path / "g.tif")})
    g = Grid.of(res["OUTPUT"])
    assert g.geotransform[1] == pytest.approx(1 / 120)
    assert g.extent[0] < 122 - 0.06 and g.extent[3] > 53 + 0.04  # 5 km buffer ≈ 0.074° lon, 0.045° lat
    mask = read_raster(res["OUTPUT"])[0]
    assert res["INSIDE"] == np.isfinite(mask).sum() and np.isnan(mask[0, 0])


def test_grid_needs_exactly_one_region(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="exactly one region"):
        run_alg("prepare_grid", {"OUTPUT": str(tmp_path / "g.tif")})


def test_clip_align_and_region_that_misses_input(run_alg, grid_tif, tmp_path):
    out = str(tmp_path / "dem.tif")
    run_alg("prepare_clip_align", {"INPUT": os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif"), "TEMPLATE": grid_tif,
                                   "OUTPUT": out})
    assert Grid.of(out).same_as(Grid.of(grid_tif))
    far = str(tmp_path / "far.tif")
    run_alg("prepare_grid", {"EXTENT": "10,11,10,11 [EPSG:4326]", "OUTPUT": far})
    with pytest.raises(QgsProcessingException, match="Input raster: .* does not cover the region"):
        run_alg("prepare_clip_align", {"INPUT": os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif"), "TEMPLATE": far,
                                       "OUTPUT": str(tmp_path / "x.tif")})
    assert not os.path.exists(tmp_path / "x.tif") and no_partial_files(tmp_path)


def test_demo_chain_stations_hwsd_modis(run_alg, grid_tif, tmp_path):
    clim = str(tmp_path / "climate.tif")
    report = str(tmp_path / "cv.html")
    res = run_alg("prepare_climate_stations", {"STATIONS_CSV": STATIONS, "PREFIX": "crucl2_tmp_",
                                               "DEM": os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif"),
                                               "TEMPLATE": grid_tif, "OUTPUT": clim, "REPORT": report})
    assert res["LOO_RMSE_ANNUAL"] < 1.0 and os.path.exists(report)
    assert band_info(clim) == (list(schema.CLIMATE_BANDS), ["degC"] * 12)
    maat = read_raster(clim).mean(axis=0)
    assert -8 < np.nanmean(maat) < -2  # Mohe area, CRU: about −4.8 °C at 438 m

    soil = str(tmp_path / "soil.tif")
    run_alg("prepare_soil_hwsd", {**{k: os.path.join(DEMO, f"hwsd_topsoil_{k.lower()}_0p05.tif")
                                     for k in ("SAND", "SILT", "CLAY", "OC")}, "TEMPLATE": grid_tif, "OUTPUT": soil})
    assert gdal.Open(soil).GetMetadataItem("N_LAYERS") == "3"
    assert band_info(soil)[0] == schema.soil_band_names(3)

    nf = str(tmp_path / "nf.tif")
    run_alg("prepare_nfactors", {"LANDCOVER": os.path.join(DEMO, "mcd12c1_2019_igbp_0p05.tif"), "TEMPLATE": grid_tif,
                                 "OUTPUT": nf})
    values = read_raster(nf)
    assert np.nanmin(values[0]) >= 0.35 and np.nanmax(values[1]) <= 1.4
    for p in (clim, soil, nf):
        assert Grid.of(p).same_as(Grid.of(grid_tif))


def test_nfactors_from_snow_water_equivalent(run_alg, grid_tif, tmp_path):
    """A coarse 0.1° snow-water-equivalent grid (ERA5-Land-like, 60 mm everywhere, 250 kg/m³ → 0.24 m of snow):
    n_freezing = a(0.24 m) wherever there is land, n_thawing as the IGBP table; bad units refused by name."""
    from permafrost_magt.core.prep.snow import snow_attenuation

    swe = geotiff(str(tmp_path / "swe.tif"), np.full((20, 30), 0.06), (121.0, 0.1, 0, 54.0, 0, -0.1), nodata=-1.0)
    landcover = os.path.join(DEMO, "mcd12c1_2019_igbp_0p05.tif")
    plain, snowy = str(tmp_path / "plain.tif"), str(tmp_path / "snowy.tif")
    run_alg("prepare_nfactors", {"LANDCOVER": landcover, "TEMPLATE": grid_tif, "OUTPUT": plain})
    run_alg("prepare_nfactors", {"LANDCOVER": landcover, "TEMPLATE": grid_tif, "SNOW": swe, "SNOW_QUANTITY": 1,
                                 "OUTPUT": snowy})
    before, after = read_raster(plain), read_raster(snowy)
    land = np.isfinite(before[0])
    assert land.any()
    np.testing.assert_allclose(after[0][land], snow_attenuation(0.24, 250.0), rtol=1e-5)
    np.testing.assert_array_equal(after[1], before[1])
    with pytest.raises(QgsProcessingException, match="Snow: the depth raster gives a snow depth of 60 m"):
        in_mm = geotiff(str(tmp_path / "mm.tif"), np.full((20, 30), 60.0), (121.0, 0.1, 0, 54.0, 0, -0.1))
        run_alg("prepare_nfactors", {"LANDCOVER": landcover, "TEMPLATE": grid_tif, "SNOW": in_mm,
                                     "OUTPUT": str(tmp_path / "bad.tif")})
    assert not os.path.exists(tmp_path / "bad.tif") and no_partial_files(tmp_path)


def test_station_point_layer_and_bad_prefix(run_alg, grid_tif, tmp_path):
    csv_rows = open(STATIONS, encoding="utf-8").read().splitlines()
    header = csv_rows[0].split(",")
    feats = []
    for line in csv_rows[1:]:
        v = dict(zip(header, line.split(",")))
        if "" in v.values():
            continue
        if abs(float(v["LAT"]) - 52.5) < 4 and abs(float(v["LON"]) - 123) < 6:
            props = {"STNID": v["STNID"], "ELEV_M": float(v["ELEV_M"]),
                     **{f"wc14_tmean_{m:02d}": float(v[f"wc14_tmean_{m:02d}"]) for m in range(1, 13)}}
            feats.append({"type": "Feature", "properties": props, "geometry": {
                "type": "Point", "coordinates": [float(v["LON"]), float(v["LAT"])]}})
    pts = tmp_path / "st.geojson"
    pts.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    params = {"STATIONS_LAYER": str(pts), "DEM": os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif"),
              "TEMPLATE": grid_tif, "METHOD": 1, "LAPSE_MODE": 1, "OUTPUT": str(tmp_path / "c.tif")}
    res = run_alg("prepare_climate_stations", params)
    assert res["STATIONS_USED"] > 20
    with pytest.raises(QgsProcessingException, match="column 'nope_01' not found"):
        run_alg("prepare_climate_stations", {**params, "PREFIX": "nope_", "OUTPUT": str(tmp_path / "d.tif")})
    assert not os.path.exists(tmp_path / "d.tif")


def test_worldclim_folder_and_kelvin_refusal(run_alg, grid_tif, tmp_path):
    folder = tmp_path / "wc"
    folder.mkdir()
    gt = (120.0, 0.5, 0, 55.0, 0, -0.5)
    for m in range(1, 13):
        geotiff(str(folder / f"wc2.1_10m_tavg_{m:02d}.tif"), np.full((10, 10), m - 20.0), gt, nodata=-3.4e38)
    out = str(tmp_path / "c.tif")
    run_alg("prepare_climate_rasters", {"FOLDER": str(folder), "TEMPLATE": grid_tif, "OUTPUT": out})
    assert read_raster(out)[:, 10, 10].tolist() == pytest.approx([m - 20.0 for m in range(1, 13)])
    k = geotiff(str(tmp_path / "k.tif"), np.full((12, 10, 10), 250.0), gt)
    with pytest.raises(QgsProcessingException, match="look like kelvin"):
        run_alg("prepare_climate_rasters", {"INPUTS": [k], "TEMPLATE": grid_tif, "ON_KELVIN": 1,
                                            "OUTPUT": str(tmp_path / "k_out.tif")})
    three = geotiff(str(tmp_path / "three.tif"), np.full((3, 10, 10), 1.0), gt)
    with pytest.raises(QgsProcessingException, match="expected 12 monthly bands"):
        run_alg("prepare_climate_rasters", {"INPUTS": [three], "TEMPLATE": grid_tif,
                                            "OUTPUT": str(tmp_path / "t_out.tif")})
    assert no_partial_files(tmp_path)


def test_soilgrids_and_era5_algorithms(run_alg, tmp_path):
    grid = str(tmp_path / "g.tif")
    run_alg("prepare_grid", {"EXTENT": "121.97,122.03,50.93,50.97 [EPSG:4326]", "RESOLUTION": 0.01, "OUTPUT": grid})
    folder = soilgrids_folder(str(tmp_path / "sg"), {"sand": 700, "silt": 200, "clay": 100, "bdod": 150, "soc": 50},
                              igh_geotransform(122.0, 51.0))
    soil = str(tmp_path / "soil.tif")
    res = run_alg("prepare_soil_soilgrids", {"FOLDER": folder, "TEMPLATE": grid, "ORGANIC_THICKNESS": 0.1,
                                             "OUTPUT": soil})
    assert res["PIXELS"] == 24 and gdal.Open(soil).GetMetadataItem("N_LAYERS") == "8"
    os.remove(os.path.join(folder, "bdod_100-200cm_mean.tif"))
    with pytest.raises(QgsProcessingException, match="missing bdod_100-200cm_mean.tif"):
        run_alg("prepare_soil_soilgrids", {"FOLDER": folder, "TEMPLATE": grid, "OUTPUT": str(tmp_path / "s2.tif")})

    lat, lon = np.arange(53, 48, -0.5), np.arange(0, 360, 0.5)
    field = np.broadcast_to(np.linspace(265, 275, 4)[:, None, None, None], (4, 2, lat.size, lon.size))
    nc = era5_land_netcdf(str(tmp_path / "era5.nc"), lat, lon, np.array(field))
    init = str(tmp_path / "init.tif")
    run_alg("prepare_initial_era5", {"INPUT": nc, "TEMPLATE": grid, "OUTPUT": init})
    assert band_info(init)[0] == ["tsoil_0004cm", "tsoil_0018cm", "tsoil_0064cm", "tsoil_0195cm"]
    assert read_raster(init)[:, 0, 0] == pytest.approx(np.linspace(265, 275, 4) - 273.15, abs=0.003)


def test_cancel_leaves_no_output(run_alg, grid_tif, tmp_path):
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out = tmp_path / "out" / "climate.tif"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("prepare_climate_stations", {"STATIONS_CSV": STATIONS, "TEMPLATE": grid_tif, "OUTPUT": str(out),
                                             "DEM": os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif")}, feedback=feedback)
    assert not out.exists() and (not out.parent.exists() or not os.listdir(out.parent))


def test_partial_coverage_is_warned(run_alg, tmp_path):
    from qgis.core import QgsProcessingFeedback

    class Recorder(QgsProcessingFeedback):
        warnings = []

        def pushWarning(self, text):  # noqa: N802 (QGIS API name)
            self.warnings.append(text)

    grid = str(tmp_path / "g.tif")
    run_alg("prepare_grid", {"EXTENT": "127.5,128.5,50,51 [EPSG:4326]", "RESOLUTION": 0.1, "OUTPUT": grid})
    feedback = Recorder()
    out = str(tmp_path / "dem.tif")
    run_alg("prepare_clip_align", {"INPUT": os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif"), "TEMPLATE": grid,
                                   "OUTPUT": out}, feedback=feedback)
    dem = read_raster(out)[0]
    assert np.isfinite(dem[:, :5]).all() and np.isnan(dem[:, 5:]).all()  # the demo DEM ends at 128 E
    assert any("NoData in 50 of 100 region pixels" in w for w in feedback.warnings)
