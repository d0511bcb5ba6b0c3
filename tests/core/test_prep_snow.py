"""Freezing n-factor from snow: the layer formula against the solver, and the n-factor raster it makes."""

import os

import numpy as np
import pytest
from osgeo import gdal

from core.heat import Layers, simulate
from core.prep import landcover
from core.prep.grid import grid_from_extent
from core.prep.snow import (
    GROUND_CONDUCTIVITY,
    GROUND_HEAT_CAPACITY,
    ICE_HEAT_CAPACITY,
    Snow,
    snow_attenuation,
    snow_conductivity,
)
from core.raster_io import read_raster, write_raster
from prep_fixtures import DEMO_DATA

MODIS = os.path.join(DEMO_DATA, "mcd12c1_2019_igbp_0p05.tif")


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # no water anywhere: the latent-heat terms are unused
def test_snow_layer_attenuation_matches_the_solver():
    """Snow 0.1, 0.3 and 0.6 m deep (250 kg/m³) as a layer over dry frozen ground, a 20 °C annual swing at
    the snow surface: the swing the solver passes to the ground surface is a(h) of the formula within 1 %."""
    rho, depths = 250.0, np.array([0.1, 0.3, 0.6])
    n, k_s, c_s = depths.size, float(snow_conductivity(rho)), rho * ICE_HEAT_CAPACITY

    def two(snow, ground):
        return np.tile([snow, ground], (n, 1)).astype(float)

    thickness = two(0.0, 100.0)
    thickness[:, 0] = depths
    layers = Layers(thickness_m=thickness, k_frozen=two(k_s, GROUND_CONDUCTIVITY),
                    k_thawed=two(k_s, GROUND_CONDUCTIVITY), c_frozen=two(c_s, GROUND_HEAT_CAPACITY),
                    c_thawed=two(c_s, GROUND_HEAT_CAPACITY), water_content=np.zeros((n, 2)),
                    unfrozen_a=np.full((n, 2), np.nan), unfrozen_b=np.ones((n, 2)))
    nodes = np.unique(np.r_[np.arange(0.0, 0.8, 0.01), 0.8 * 1.08 ** np.arange(1, 50)])
    days = np.arange(365)
    surface = np.tile(20.0 * np.cos(2 * np.pi * days / 365.0), (n, 1))
    res = simulate(layers=layers, node_depths=nodes, surface_c=surface, geothermal_flux_w_m2=0.0, initial=0.0,
                   years=6, dt_days=1.0, output_depths_m=tuple(depths), output_every_days=1.0)
    last_year = res.series_c[-365:]
    for j, h in enumerate(depths):
        swing = 2 * np.abs(np.sum(last_year[:, j, j] * np.exp(-2j * np.pi * (days + 1) / 365.0))) / 365.0
        assert swing / 20.0 == pytest.approx(snow_attenuation(h, rho), rel=0.01)


def test_attenuation_limits_and_physics():
    rho = 250.0
    assert snow_attenuation(0.0, rho) == pytest.approx(1.0)
    a = snow_attenuation(np.linspace(0, 2, 41), rho)
    assert np.all(np.diff(a) < 0)  # deeper snow insulates more
    assert snow_attenuation(0.3, 400.0) > snow_attenuation(0.3, 200.0)  # denser snow conducts better
    # a thin layer acts as its thermal resistance alone: 1 / |1 + (h/k_s) e_g √(iω)|
    h, omega = 0.01, 2 * np.pi / (365 * 86400)
    thin = 1 / abs(1 + h / snow_conductivity(rho) * np.sqrt(GROUND_CONDUCTIVITY * GROUND_HEAT_CAPACITY * 1j * omega))
    assert snow_attenuation(h, rho) == pytest.approx(thin, rel=1e-3)
    assert snow_conductivity(300.0) == pytest.approx(0.138 - 0.303 + 3.233 * 0.09)  # Sturm et al. (1997)


def _snow_raster(path, grid, values):
    return write_raster(str(path), np.asarray(values, dtype=float)[None], grid)


def test_nfactor_raster_takes_the_freezing_nfactor_from_the_snow(tmp_path):
    g, mask = grid_from_extent(122.0, 52.0, 123.0, 53.0, res=0.05)
    depth = np.tile(np.linspace(0.0, 0.8, g.cols), (g.rows, 1))
    depth[:3] = np.nan  # no snow data in the top rows: the table's value stays
    snow = Snow(_snow_raster(tmp_path / "snow.tif", g, depth), density_kg_m3=250.0, snow_free_nf=0.95)
    plain, snowy = str(tmp_path / "plain.tif"), str(tmp_path / "snowy.tif")
    landcover.prepare_nfactors(MODIS, g, mask, plain)
    landcover.prepare_nfactors(MODIS, g, mask, snowy, snow=snow)
    before, after = read_raster(plain), read_raster(snowy)
    land = np.isfinite(before[0])
    np.testing.assert_array_equal(after[1], before[1])  # thawing n-factor unchanged
    np.testing.assert_allclose(after[0][3:][land[3:]], (0.95 * snow_attenuation(depth[3:], 250.0))[land[3:]],
                               rtol=1e-6)
    np.testing.assert_array_equal(after[0][:3], before[0][:3])
    assert np.all(np.isnan(after[:, ~land]))  # water stays NoData
    meta = gdal.Info(snowy, format="json")["metadata"][""]
    assert int(meta["SNOW_PIXELS"]) == land[3:].sum()
    assert float(meta["SNOW_MEAN_DEPTH_M"]) == pytest.approx(depth[3:][land[3:]].mean(), abs=1e-3)


def test_snow_water_equivalent_is_turned_into_depth(tmp_path):
    g, mask = grid_from_extent(122.0, 52.0, 122.5, 52.5, res=0.05)
    swe = np.full((g.rows, g.cols), 0.075)  # 75 mm of water = 0.3 m of snow at 250 kg/m³
    out = str(tmp_path / "nf.tif")
    landcover.prepare_nfactors(MODIS, g, mask, out, snow=Snow(_snow_raster(tmp_path / "swe.tif", g, swe),
                                                              quantity="water_equivalent"))
    nf = read_raster(out)[0]
    assert np.nanmax(np.abs(nf - snow_attenuation(0.3, 250.0))) < 1e-6


def test_bad_snow_input_is_named(tmp_path):
    g, mask = grid_from_extent(122.0, 52.0, 122.5, 52.5, res=0.05)
    in_cm = _snow_raster(tmp_path / "cm.tif", g, np.full((g.rows, g.cols), 30.0))
    with pytest.raises(ValueError, match=r"Snow: the depth raster gives a snow depth of 30 m, outside 0–5 m"):
        landcover.prepare_nfactors(MODIS, g, mask, str(tmp_path / "o.tif"), snow=Snow(in_cm))
    with pytest.raises(ValueError, match="Snow density 50 kg/m³ outside 156–600"):
        Snow(in_cm, density_kg_m3=50.0)
    empty = _snow_raster(tmp_path / "empty.tif", g, np.full((g.rows, g.cols), np.nan))
    with pytest.raises(ValueError, match="Snow: .*empty.tif has no valid data over the model grid"):
        landcover.prepare_nfactors(MODIS, g, mask, str(tmp_path / "o.tif"), snow=Snow(empty))
    assert not os.path.exists(tmp_path / "o.tif")
