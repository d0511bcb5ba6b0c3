"""Model grid (extent, polygons, template) and clip/align with GDAL warp, against hand-computed values."""

import json
import os

import numpy as np
import pytest
from osgeo import gdal, osr

from core.prep import grid as pg
from core.prep.warp import align, align_to_file, choose_resampling
from core.raster_io import Grid, band_info, read_raster
from prep_fixtures import IGH, geotiff, igh_geotransform


def polygon_file(path, rings, epsg=4326):
    crs = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{epsg}"}}
    feats = [{"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [r]}}
             for r in rings]
    with open(path, "w") as f:
        json.dump({"type": "FeatureCollection", "crs": crs, "features": feats}, f)
    return str(path)


def test_extent_grid_snaps_outward_to_30_arc_seconds():
    g, mask = pg.grid_from_extent(122.001, 52.502, 122.5, 53.0)
    assert g.geotransform[1] == pytest.approx(1 / 120)
    assert g.extent == pytest.approx((122.0, 52.5, 122.5, 53.0))
    assert (g.cols, g.rows) == (60, 60) and np.all(mask == 1)


def test_polygon_grid_mask_and_buffer(tmp_path):
    path = polygon_file(tmp_path / "sq.geojson", [[[121, 50], [121.5, 50], [121.5, 50.5], [121, 50.5], [121, 50]]])
    g, mask = pg.grid_from_polygons(path, res=0.05)
    assert (g.cols, g.rows) == (10, 10) and np.nansum(mask) == 100
    # 11.1195 km buffer = 0.1° of latitude: two more pixel rows north and south
    gb, mb = pg.grid_from_polygons(path, res=0.05, buffer_km=11.1195 * 1.0001)
    assert gb.extent[3] == pytest.approx(50.6) and gb.extent[1] == pytest.approx(49.9)
    assert np.nansum(mb) > 100 and np.isnan(mb[0, 0])  # rounded corners stay outside


def test_polygon_in_web_mercator_is_reprojected(tmp_path):
    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4326)
    dst.ImportFromEPSG(3857)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    ring = [list(ct.TransformPoint(x, y)[:2]) for x, y in [(121, 50), (121.5, 50), (121.5, 50.5), (121, 50.5), (121, 50)]]
    g, mask = pg.grid_from_polygons(polygon_file(tmp_path / "m.geojson", [ring], 3857), res=0.05)
    assert g.extent == pytest.approx((121, 50, 121.5, 50.5)) and np.nansum(mask) == 100


def test_polygon_layer_of_points_is_refused(tmp_path):
    path = tmp_path / "p.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [121, 50]}}]}))
    with pytest.raises(ValueError, match="expected polygons"):
        pg.grid_from_polygons(str(path))


def test_template_roundtrip_keeps_grid_and_mask(tmp_path):
    g, _ = pg.grid_from_extent(121, 50, 121.5, 50.5, res=0.1)
    mask = np.ones((5, 5))
    mask[0, 0] = np.nan
    out = pg.write_template(str(tmp_path / "t.tif"), g, mask)
    g2, m2 = pg.grid_from_template(out)
    assert g2.same_as(g) and np.isnan(m2[0, 0]) and np.nansum(m2) == 24
    assert band_info(out) == (["mask"], ["1"])


@pytest.fixture
def linear_source(tmp_path):
    """0.1° raster 120–125 E, 49–54 N holding 2·lon − 3·lat at pixel centres, NoData −1 in its NW 1°×1°."""
    x = 120.05 + 0.1 * np.arange(50)
    y = 53.95 - 0.1 * np.arange(50)
    a = 2 * x[None, :] - 3 * y[:, None]
    a[:10, :10] = -1
    return geotiff(str(tmp_path / "lin.tif"), a, (120, 0.1, 0, 54, 0, -0.1), nodata=-1)


def test_bilinear_alignment_is_exact_on_a_linear_field_and_keeps_nodata(linear_source):
    g, _ = pg.grid_from_extent(120.5, 50, 123, 53.5, res=0.05)
    d = align(linear_source, g, "lin", "bilinear")[0]
    xs, ys = g.centres()
    r, c = 30, 40  # centre 122.525 E, 51.975 N
    assert d[r, c] == pytest.approx(2 * xs[c] - 3 * ys[r], abs=1e-6)
    assert np.isnan(d[0, 0])  # inside the NoData corner of the source


def test_region_missing_the_input_is_an_error(linear_source):
    g, _ = pg.grid_from_extent(100, 30, 101, 31, res=0.1)
    with pytest.raises(ValueError, match="lin: .* no valid data over the model grid"):
        align(linear_source, g, "lin")


def test_scale_offset_applied_and_no_crs_refused(tmp_path):
    raw = np.full((10, 10), 2600, dtype=np.int16)
    p = geotiff(str(tmp_path / "k.tif"), raw, (121, 0.1, 0, 51, 0, -0.1), dtype=gdal.GDT_Int16, scale=0.1,
                offset=-273.15, nodata=-32768)
    g, _ = pg.grid_from_extent(121.2, 50.2, 121.6, 50.6, res=0.05)
    assert align(p, g, "scaled")[0][3, 3] == pytest.approx(260.0 - 273.15, abs=1e-4)
    q = geotiff(str(tmp_path / "nocrs.tif"), raw, (121, 0.1, 0, 51, 0, -0.1), crs=None)
    with pytest.raises(ValueError, match="no CRS"):
        align(q, g, "nocrs")


def test_categorical_mode_when_source_is_finer(tmp_path):
    # 0.01° classes: in every 0.05° block 14 of 25 source pixels are class 7, the rest 3 (or 9)
    block = np.full((5, 5), 3, np.uint8)
    block.flat[:14] = 7
    block[4, 4] = 9
    a = np.tile(block, (10, 10))
    p = geotiff(str(tmp_path / "lc.tif"), a, (121, 0.01, 0, 50.5, 0, -0.01), dtype=gdal.GDT_Byte, nodata=255)
    g, _ = pg.grid_from_extent(121, 50, 121.5, 50.5, res=0.05)
    ds = gdal.Open(p)
    assert choose_resampling(ds, g, categorical=True) == "mode"
    d = align(p, g, "lc", categorical=True)[0]
    assert np.all(d == 7)
    assert choose_resampling(ds, Grid.from_extent(121, 50, 121.5, 50.5, 0.01), categorical=True) == "nearest"


def test_soilgrids_homolosine_tile_is_warped_by_its_own_crs(tmp_path):
    gt = igh_geotransform(122.0, 51.0)
    a = (np.arange(40)[:, None] * 100 + np.arange(40)[None, :]).astype(np.int16)  # value = 100*row + col
    p = geotiff(str(tmp_path / "sand_0-5cm_mean.tif"), a, gt, crs=IGH, dtype=gdal.GDT_Int16, nodata=-32768)
    g, _ = pg.grid_from_extent(121.95, 50.85, 122.2, 51.05, res=0.01)
    d = align(p, g, "sand", "nearest")[0]
    wgs, igh = osr.SpatialReference(), osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    igh.ImportFromProj4(IGH)
    ct = osr.CoordinateTransformation(wgs, igh)
    xs, ys = g.centres()
    checked = 0
    for r, c in [(8, 5), (10, 5), (11, 3)]:  # near the tile centre (the IGH lobe shears it)
        x, y, _ = ct.TransformPoint(xs[c], ys[r])
        col, row = int((x - gt[0]) // 250), int((gt[3] - y) // 250)
        if 0 <= col < 40 and 0 <= row < 40:
            assert d[r, c] == 100 * row + col
            checked += 1
    assert checked == 3
    assert np.isnan(d[0, 0])  # north-west of the tile


def test_align_to_file_writes_float32_and_masks(tmp_path, linear_source):
    g, _ = pg.grid_from_extent(121, 50, 122, 51, res=0.1)
    mask = np.ones((10, 10))
    mask[5, 5] = np.nan
    out, used = align_to_file(linear_source, g, mask, str(tmp_path / "o.tif"), "lin")
    d = read_raster(out)[0]
    assert used == "bilinear" and np.isnan(d[5, 5]) and gdal.Open(out).GetRasterBand(1).DataType == gdal.GDT_Float32
    assert not [f for f in os.listdir(tmp_path) if ".part" in f]
