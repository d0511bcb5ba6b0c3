"""One point-to-pixel rule for every tool (edges, floating-point noise) and the nearest valid pixel."""

import math

import numpy as np
import pytest
from analysis_fixtures import A, E2, meridian_arc_km
from osgeo import ogr, osr

from core.analysis.rasters import Sampler
from core.analysis.validation import NODATA, OK, Borehole, match_boreholes
from core.prep.grid import grid_from_polygons, write_template
from core.raster_io import Grid
from core.regional import point
from core.sampling import nearest_valid_pixel, pixel_of


def parallel_km(lat, dlon):
    """Length (km) of an arc of the parallel at ``lat`` spanning ``dlon`` degrees (WGS84)."""
    s2 = math.sin(math.radians(lat)) ** 2
    return A / math.sqrt(1 - E2 * s2) * math.cos(math.radians(lat)) * math.radians(dlon) / 1000.0


def test_point_on_an_edge_despite_rounding_noise():
    grid = Grid.from_extent(112.4, 50.0, 120.0, 52.0, 0.05)
    x0 = grid.geotransform[0]
    assert math.floor((118.8 - x0) / 0.05) == 127  # the naive rule: noise puts the edge point west of the edge
    assert pixel_of(grid, 118.8, 51.0) == (128, 20)
    cols, rows = pixel_of(grid, np.array([118.8, 118.8499, 112.4]), np.array([52.0, 51.0001, 50.0001]))
    assert cols.tolist() == [128, 128, 0] and rows.tolist() == [0, 19, 39]
    with pytest.raises(ValueError, match=r"Point \(120\.0000, 51\.0000\) is outside"):
        pixel_of(grid, np.array([119.0, 120.0]), np.array([51.0, 51.0]))
    with pytest.raises(ValueError, match="outside"):
        pixel_of(grid, 113.0, 49.99)


def write_squares(path, squares):
    """GeoPackage of lon/lat squares (x0, y0, size) in WGS84."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("region", srs, ogr.wkbPolygon)
    for x, y, size in squares:
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({x} {y},{x + size} {y},{x + size} {y + size},{x} {y + size},{x} {y}))"))
        layer.CreateFeature(feat)
    ds = None
    return str(path)


def test_edge_point_falls_in_the_prepared_mask_pixel_in_every_tool(tmp_path):
    # prepare_grid's mask from two 0.05° squares: one at 112.4 °E (sets the grid origin), one whose
    # north-west corner is the site (118.8 °E, 50.05 °N), exactly on two pixel edges.
    vector = write_squares(tmp_path / "r.gpkg", [(112.4, 50.0, 0.05), (118.8, 50.0, 0.05)])
    grid, mask = grid_from_polygons(vector, res=0.05)
    rows, cols = np.nonzero(np.isfinite(mask))
    assert sorted(cols.tolist()) == [0, 128] and rows.tolist() == [0, 0]
    site = (118.8, 50.05)
    assert point.pixel_of(grid, *site) == (128, 0)  # the explorer / simulate_point
    template = write_template(str(tmp_path / "grid.tif"), grid, mask)
    assert Sampler.open(template).sample(np.array([site[0]]), np.array([site[1]]))[0] == 1.0
    [match] = match_boreholes([Borehole("edge", *site, 10.0, -1.0)], template, [10.0])  # borehole_validation
    assert match.status == OK and match.model_c == 1.0 and match.distance_km == 0.0


def lake_grid():
    """0.01° grid at 52 °N with a north–south lake over columns 10–29 (invalid)."""
    grid = Grid.from_extent(110.0, 51.8, 110.4, 52.2, 0.01)
    valid = np.ones((grid.rows, grid.cols), dtype=bool)
    valid[:, 10:30] = False
    return grid, valid


def test_nearest_valid_pixel_on_a_lake_shore():
    grid, valid = lake_grid()
    xs, ys = grid.centres()
    x, y = 110.123, ys[20]  # in lake pixel 12; the shore pixel 9 has its centre 0.028° west
    expected = parallel_km(ys[20], 110.123 - xs[9])
    col, row, km = nearest_valid_pixel(valid, grid, x, y, 5.0)
    assert (col, row) == (9, 20) and km == pytest.approx(expected, rel=1e-6)
    x = 110.285  # pixel 28: the east shore (pixel 30, centre 0.02° east) is nearer
    col, row, km = nearest_valid_pixel(valid, grid, x, y, 5.0)
    assert (col, row) == (30, 20) and km == pytest.approx(parallel_km(ys[20], xs[30] - x), rel=1e-6)
    assert nearest_valid_pixel(valid, grid, 110.123, y, 0.99 * expected) is None
    assert nearest_valid_pixel(valid, grid, 110.123, y, 0.0) is None
    assert nearest_valid_pixel(valid, grid, 110.055, 52.0, 0.0) == (5, 20, 0.0)  # a valid pixel: itself
    with pytest.raises(ValueError, match="outside"):
        nearest_valid_pixel(valid, grid, 111.0, 52.0, 5.0)
    with pytest.raises(ValueError, match="boolean"):
        nearest_valid_pixel(valid.astype(float), grid, 110.123, y, 5.0)


def test_nearest_valid_pixel_searches_far_enough_north_and_in_projected_grids():
    grid, valid = lake_grid()
    valid[:] = False
    valid[2, 15] = True  # the only valid pixel: 18 rows north of the point's row
    xs, ys = grid.centres()
    col, row, km = nearest_valid_pixel(valid, grid, xs[15], ys[20], 50.0)
    assert (col, row) == (15, 2) and km == pytest.approx(meridian_arc_km(ys[20], ys[2]), rel=1e-6)
    utm = Grid.from_extent(500000.0, 5700000.0, 530000.0, 5730000.0, 1000.0, "EPSG:32651")
    valid = np.zeros((utm.rows, utm.cols), dtype=bool)
    valid[3, 27] = True
    col, row, km = nearest_valid_pixel(valid, utm, 503500.0, 5726500.0, 30.0)
    assert (col, row) == (27, 3) and km == pytest.approx(24.0, rel=2e-3)  # UTM scale error < 0.1 %
    assert nearest_valid_pixel(valid, utm, 503500.0, 5726500.0, 23.9) is None


def test_borehole_on_a_lake_pixel_takes_the_nearest_valid_pixel(tmp_path):
    from analysis_fixtures import lon_ramp, ramp_grid
    from core.raster_io import write_raster

    grid = ramp_grid()  # 0.1° pixels, MAGT = x of the pixel centre − 122 °C
    data = lon_ramp(grid, 122.0)
    data[5, 5] = np.nan  # the lake: 120.5–120.6 °E, 51.4–51.5 °N
    path = str(tmp_path / "m.tif")
    write_raster(path, data, grid, descriptions=["magt_1000cm"])
    hole = Borehole("shore", 120.57, 51.45, 10.0, -1.0)
    [own] = match_boreholes([hole], path, [10.0])
    assert own.status == NODATA and math.isnan(own.distance_km)
    expected = parallel_km(51.45, 120.65 - 120.57)  # east neighbour; the west one is 0.12° away
    [near] = match_boreholes([hole], path, [10.0], max_distance_km=10.0)
    assert near.status == OK and near.model_c == pytest.approx(120.65 - 122.0, abs=1e-5)
    assert near.distance_km == pytest.approx(expected, rel=1e-6)
    [bilinear] = match_boreholes([hole], path, [10.0], "bilinear", max_distance_km=10.0)
    assert bilinear.status == OK and bilinear.distance_km == pytest.approx(expected, rel=1e-6)
    [short] = match_boreholes([hole], path, [10.0], max_distance_km=0.99 * expected)
    assert short.status == NODATA
    with pytest.raises(ValueError, match=">= 0 km"):
        match_boreholes([hole], path, [10.0], max_distance_km=-1.0)
