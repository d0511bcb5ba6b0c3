"""Permafrost boundary and ellipsoidal areas, without QGIS."""

import numpy as np
import pytest
from analysis_fixtures import lon_ramp, meridian_arc_km, ramp_grid, rectangle_area_km2, write_magt

from core.analysis import geodesy
from core.analysis.boundary import permafrost_extent, zero_isotherm
from core.analysis.rasters import load_band


def test_zone_area_matches_independent_quadrature_and_whole_ellipsoid():
    assert geodesy.zone_area_m2(50.0, 52.0, 2.0) / 1e6 == pytest.approx(rectangle_area_km2(50.0, 52.0, 2.0), rel=1e-11)
    # WGS84 total surface area, 510 065 621.7 km² (published value).
    assert geodesy.zone_area_m2(-90, 90, 360) / 1e6 == pytest.approx(510065621.7, abs=0.1)


def test_ring_area_of_sloping_polygon_matches_sum_of_cells():
    # Triangle with a diagonal edge: its area equals half the rectangle only on a plane; check against fine cells.
    lon = np.array([120.0, 122.0, 120.0])
    lat = np.array([50.0, 50.0, 52.0])
    n = 2000
    edges = np.linspace(50.0, 52.0, n + 1)
    widths = 2.0 - (0.5 * (edges[:-1] + edges[1:]) - 50.0)   # the triangle's width in longitude at each latitude
    strips = geodesy.zone_area_m2(edges[:-1], edges[1:], widths).sum()
    assert geodesy.ring_area_m2(lon, lat) == pytest.approx(strips, rel=1e-6)


def test_vincenty_against_known_distances():
    d, az = geodesy.inverse(0.0, 0.0, 1.0, 0.0)
    assert d == pytest.approx(6378137.0 * np.pi / 180, abs=1e-6) and az == pytest.approx(90.0)
    d, _ = geodesy.inverse(0.0, 0.0, 0.0, 1.0)
    assert d == pytest.approx(110574.389, abs=0.01)   # WGS84 first degree of meridian arc
    lon, lat = geodesy.direct(124.5, 52.7, 37.0, 150000.0)
    back, az = geodesy.inverse(124.5, 52.7, lon, lat)
    assert back == pytest.approx(150000.0, abs=1e-6) and az == pytest.approx(37.0, abs=1e-9)


def test_zero_isotherm_sits_on_known_meridian():
    grid = ramp_grid()
    lines = zero_isotherm(lon_ramp(grid, 122.0), grid)
    xs = np.concatenate([np.asarray(f.geometry.GetPoints())[:, 0] for f in lines])
    assert np.allclose(xs, 122.0, atol=1e-9)
    ys = np.concatenate([np.asarray(f.geometry.GetPoints())[:, 1] for f in lines])
    # GDAL carries the line to the raster edges: 50 .. 52 °N along the meridian.
    assert ys.min() == pytest.approx(50.0) and ys.max() == pytest.approx(52.0)
    assert sum(f.attributes["length_km"] for f in lines) == pytest.approx(meridian_arc_km(50.0, 52.0), abs=1e-6)


def test_zero_isotherm_does_not_cross_nodata():
    grid = ramp_grid()
    data = lon_ramp(grid, 122.0)
    data[:, 15:25] = np.nan
    assert zero_isotherm(data, grid) == []


def test_extent_polygon_area_and_min_area_filter():
    grid = ramp_grid()
    data = lon_ramp(grid, 122.0)
    data[0, 39] = -1.0                         # an isolated cold pixel, 0.1° × 0.1° at 51.9–52 °N
    features, total, raster_km2 = permafrost_extent(data, grid)
    big = rectangle_area_km2(50.0, 52.0, 2.0)
    small = rectangle_area_km2(51.9, 52.0, 0.1)
    assert sorted(f.attributes["area_km2"] for f in features) == pytest.approx([small, big], rel=1e-9)
    assert total == pytest.approx(big + small, rel=1e-9) and raster_km2 == pytest.approx(big + small, rel=1e-9)
    features, total, _ = permafrost_extent(data, grid, min_area_km2=small * 1.01)
    assert len(features) == 1 and total == pytest.approx(big, rel=1e-9)


def test_smoothing_keeps_area_close():
    grid = ramp_grid()
    features, total, _ = permafrost_extent(lon_ramp(grid, 122.0), grid, smoothing=2)
    ring = np.asarray(features[0].geometry.GetGeometryRef(0).GetPoints())
    assert len(ring) == 80 * 2 * 2 + 1        # 80 pixel-long edges, each round doubles the vertices
    # Only the four corners are rounded: each loses less than (pixel/4)² of area.
    lost = rectangle_area_km2(50.0, 52.0, 2.0) - total
    assert 0 < lost < 4 * rectangle_area_km2(50.0, 50.025, 0.025)


def test_projected_raster_area_on_ellipsoid():
    # 1 km pixels in UTM 51N: ellipsoidal area differs from the planar 1 km² by the UTM scale factor.
    grid = ramp_grid(x0=500000.0, y_top=5800000.0, res=1000.0, cols=10, rows=10, crs="EPSG:32651")
    data = np.full((10, 10), -1.0)
    features, total, raster_km2 = permafrost_extent(data, grid)
    k0 = 0.9996                               # on the central meridian the UTM scale is k0 (varies <1e-4 here)
    assert raster_km2 == pytest.approx(100.0 / k0 ** 2, rel=2e-4)
    assert total == pytest.approx(raster_km2, rel=1e-6)


def test_load_band_rejects_kelvin_all_nodata_and_missing_band(tmp_path):
    grid = ramp_grid()
    kelvin = write_magt(tmp_path / "k.tif", lon_ramp(grid, 122.0) + 273.15, grid)
    with pytest.raises(ValueError, match="kelvin"):
        load_band(kelvin)
    empty = write_magt(tmp_path / "e.tif", np.full((grid.rows, grid.cols), np.nan), grid)
    with pytest.raises(ValueError, match="only NoData"):
        load_band(empty)
    with pytest.raises(ValueError, match="band 2 requested"):
        load_band(kelvin, band=2)
