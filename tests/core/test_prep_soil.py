"""Soil thermal properties: formulas against hand-computed numbers, HWSD and SoilGrids rasters."""

import os

import numpy as np
import pytest
from osgeo import gdal


from core import schema
from core.prep import soil_properties as sp
from core.prep import soil_rasters as sr
from core.prep.grid import grid_from_extent
from core.raster_io import band_info
from prep_fixtures import DEMO_DATA, geotiff, igh_geotransform, soilgrids_folder

HWSD = os.path.join(DEMO_DATA, "hwsd_topsoil_{}_0p05.tif")  # 119–127 E, 49–54 N


def test_saxton_rawls_loam_matches_their_table():
    # Saxton & Rawls (2006) Table: loam (40 % sand, 20 % clay, 2.5 % OM): wilting 14 %, FC 28 %, saturation 46 %
    ths, th33, th1500 = sp.saxton_rawls(0.40, 0.20, 2.5)
    assert (round(float(th1500), 2), round(float(th33), 2), round(float(ths), 2)) == (0.14, 0.28, 0.46)


def test_johansen_conductivity_by_hand():
    # sand 0.4 (k_other 2.0), no organic matter, porosity 0.45, θ 0.30, ρd = 0.55·2650 = 1457.5 kg/m³
    # ks = 7.7^0.4·2^0.6 = 3.4293; k_sat,t = ks^0.55·0.57^0.45 = 1.5294; k_sat,f = ks^0.55·2.2^0.45 = 2.8085
    # k_dry = (0.135·1457.5 + 64.7)/(2700 − 0.947·1457.5) = 0.19811; Sr = 2/3
    # thawed (fine): Ke = log10(2/3) + 1 = 0.82391 → 1.29497; frozen: Ke = 2/3 → 1.93841
    kf, kt = sp.johansen_conductivity(0.4, 0.0, 0.45, 0.30, 1457.5)
    assert float(kt) == pytest.approx(1.29497, abs=2e-4)
    assert float(kf) == pytest.approx(1.93841, abs=2e-4)
    # coarse thawed (sand 0.8, q > 0.2): Ke = 0.7·log10(Sr) + 1
    kf, kt = sp.johansen_conductivity(0.8, 0.0, 0.40, 0.10, 1590.0)
    ks = 7.7 ** 0.8 * 2.0 ** 0.2
    kdry = (0.135 * 1590 + 64.7) / (2700 - 0.947 * 1590)
    assert float(kt) == pytest.approx(kdry + (0.7 * np.log10(0.25) + 1) * (ks ** 0.6 * 0.57 ** 0.4 - kdry), rel=1e-9)


def test_heat_capacity_and_unfrozen_curves():
    cf, ct = sp.heat_capacity(0.55, 0.0, 0.30)
    assert (float(cf), float(ct)) == pytest.approx((1.679e6, 2.354e6))
    a, b = sp.unfrozen_curve(np.array([0.8, 0.4, 0.2]), np.array([0.05, 0.2, 0.5]), np.array([0.2, 0.3, 0.08]))
    assert a.tolist() == [0.0, 0.05, 0.08] and b.tolist() == [0.0, 0.40, 0.50]  # clay's a capped at θ


def test_peat_layer_by_hand():
    # porosity 0.9, ρd 130, θ 0.6: ks 0.25; k_sat,t = 0.25^0.1·0.57^0.9 = 0.52493; k_dry = 82.25/2576.89 = 0.031918
    p = sp.peat_layer(0.6)
    assert float(p["k_thawed"]) == pytest.approx(0.031918 + 0.82391 * (0.52493 - 0.031918), abs=2e-4)
    assert float(p["c_thawed"]) == pytest.approx(130 / 1300 * 2.5e6 + 0.6 * 4.18e6)


def test_soilgrids_homolosine_folder_unit_conversion(tmp_path):
    gt = igh_geotransform(122.0, 51.0)
    folder = soilgrids_folder(str(tmp_path / "sg"), {"sand": 400, "silt": 400, "clay": 200, "bdod": 140,
                                                     "soc": 100, "wv0033": 300}, gt)
    g, mask = grid_from_extent(121.97, 50.93, 122.03, 50.97, res=0.01)
    out = str(tmp_path / "soil.tif")
    n = sr.prepare_soilgrids_soil(folder, g, mask, out)
    assert n == g.cols * g.rows
    layers = sr.read_soil_layers(out)
    assert layers["thickness_m"][:6, 0, 0].tolist() == pytest.approx([0.05, 0.1, 0.15, 0.3, 0.4, 1.0])
    # bdod 140 cg/cm³ = 1400 kg/m³; soc 100 dg/kg = 1 % → OM 1.724 %; wv0033 300 → θ = 0.300
    mineral = 1400 * (1 - 0.01724) / 2650
    organic = 1400 * 0.01724 / 1300
    assert layers["water_content"][0, 0, 0] == pytest.approx(0.3, abs=1e-6)
    assert layers["c_thawed"][0, 0, 0] == pytest.approx(mineral * 2e6 + organic * 2.5e6 + 0.3 * 4.18e6, rel=1e-5)
    assert layers["unfrozen_a"][0, 0, 0] == pytest.approx(0.05)  # loam
    assert layers["k_thawed"][-1, 0, 0] == pytest.approx(sp.BEDROCK["k_thawed"])
    ds = gdal.Open(out)
    assert ds.GetMetadataItem("N_LAYERS") == "7"
    assert band_info(out)[0] == schema.soil_band_names(7)


def test_soilgrids_missing_depth_and_wrong_units(tmp_path):
    gt = igh_geotransform(122.0, 51.0)
    values = {"sand": 400, "silt": 400, "clay": 200, "bdod": 140, "soc": 100}
    folder = soilgrids_folder(str(tmp_path / "a"), values, gt, skip=("soc_30-60cm_mean.tif",))
    with pytest.raises(ValueError, match="missing soc_30-60cm_mean.tif"):
        sr.soilgrids_files(folder)
    pct = soilgrids_folder(str(tmp_path / "b"), {**values, "sand": 40, "silt": 40, "clay": 20}, gt)
    g, mask = grid_from_extent(121.97, 50.93, 122.03, 50.97, res=0.01)
    with pytest.raises(ValueError, match="sand \\+ silt \\+ clay is about 10; expected 100"):
        sr.prepare_soilgrids_soil(pct, g, mask, str(tmp_path / "o.tif"))
    assert not os.path.exists(tmp_path / "o.tif")


def test_hwsd_real_data_layers_and_organic_option(tmp_path):
    g, mask = grid_from_extent(122.0, 52.5, 123.0, 53.0, res=0.05)
    out = str(tmp_path / "soil.tif")
    paths = [HWSD.format(k) for k in ("sand", "silt", "clay", "oc")]
    n = sr.prepare_hwsd_soil(*paths, g, mask, out, soil_depth_m=1.5, organic_thickness=0.2)
    layers = sr.read_soil_layers(out)
    assert layers["thickness_m"].shape == (4, g.rows, g.cols) and n > 0
    assert np.nanmax(np.abs(layers["thickness_m"][:3] - np.array([0.2, 0.3, 1.2])[:, None, None])) < 1e-6
    # one pixel by hand from the HWSD values at its centre (same 0.05° grid: no resampling)
    from core.raster_io import read_raster
    ds = gdal.Open(paths[0])
    gt = ds.GetGeoTransform()
    col, row = int(round((122.0 - gt[0]) / 0.05)) + 3, int(round((gt[3] - 53.0) / 0.05)) + 4
    v = [read_raster(p, window=(col, row, 1, 1))[0, 0, 0] for p in paths]
    sand, clay = v[0] / (v[0] + v[1] + v[2]), v[2] / (v[0] + v[1] + v[2])
    om = min(v[3] * 1.724, 8.0)
    ths, th33, _ = sp.saxton_rawls(sand, clay, om)
    assert layers["water_content"][1, 4, 3] == pytest.approx(float(th33), abs=1e-6)
    assert gdal.Open(out).GetMetadataItem("LAYER_NAMES") == "organic,topsoil,subsoil,substrate"


def test_hwsd_zero_texture_is_nodata(tmp_path):
    gt = (121, 0.1, 0, 51, 0, -0.1)
    sand = np.full((10, 10), 40.0)
    sand[0, 0] = 0
    silt, clay = np.where(sand > 0, 40.0, 0), np.where(sand > 0, 20.0, 0)
    paths = [geotiff(str(tmp_path / f"{k}.tif"), a, gt, nodata=-1)
             for k, a in (("sand", sand), ("silt", silt), ("clay", clay), ("oc", np.full((10, 10), 1.0)))]
    g, mask = grid_from_extent(121, 50, 122, 51, res=0.1)
    assert sr.prepare_hwsd_soil(*paths, g, mask, str(tmp_path / "s.tif")) == 99
    assert np.isnan(sr.read_soil_layers(str(tmp_path / "s.tif"))["k_frozen"][0, 0, 0])


def test_read_soil_layers_refuses_foreign_band_names(tmp_path):
    g, _ = grid_from_extent(121, 50, 121.2, 50.2, res=0.1)
    p = geotiff(str(tmp_path / "x.tif"), np.ones((8, 2, 2)), g.geotransform, descriptions=[f"b{i}" for i in range(8)])
    with pytest.raises(ValueError, match="do not follow"):
        sr.read_soil_layers(p)


def test_organic_thickness_raster_and_read_window(tmp_path):
    gt = (121, 0.1, 0, 51, 0, -0.1)
    paths = [geotiff(str(tmp_path / f"{k}.tif"), np.full((10, 10), v), gt, nodata=-1)
             for k, v in (("sand", 40.0), ("silt", 40.0), ("clay", 20.0), ("oc", 1.0))]
    thick = np.zeros((10, 10))
    thick[:, 5:] = 0.3
    org = geotiff(str(tmp_path / "org.tif"), thick, gt)
    g, mask = grid_from_extent(121, 50, 122, 51, res=0.1)
    sr.prepare_hwsd_soil(*paths, g, mask, str(tmp_path / "s.tif"), organic_thickness=org)
    layers = sr.read_soil_layers(str(tmp_path / "s.tif"), window=(4, 2, 2, 3))
    assert layers["thickness_m"].shape == (4, 3, 2)
    assert layers["thickness_m"][0, 0].tolist() == pytest.approx([0.01, 0.3])  # 0 m kept as a 1 cm layer
    assert layers["k_thawed"][0, 0, 1] == pytest.approx(float(sp.peat_layer(0.6)["k_thawed"]), rel=1e-6)
    cm = geotiff(str(tmp_path / "cm.tif"), thick * 100, gt)
    with pytest.raises(ValueError, match="centimetres given"):
        sr.prepare_hwsd_soil(*paths, g, mask, str(tmp_path / "t.tif"), organic_thickness=cm)
