"""Stability schemes, classification and class polygons, without QGIS."""

import numpy as np
import pytest
from analysis_fixtures import lon_ramp, ramp_grid, rectangle_area_km2
from osgeo import gdal

from core.analysis.schemes import CLASS_NODATA, SCHEMES, classes_from_table, classify, scheme_classes
from core.analysis.stability import class_polygons, class_summary, classify_magt, write_class_raster


def test_zhou_scheme_boundaries_lower_inclusive():
    classes = scheme_classes("zhou2000")
    magt = np.array([-7.0, -5.0, -3.01, -3.0, -1.5, -0.6, -0.5, -0.01, 0.0, 3.0, np.nan])
    assert classify(magt, classes).tolist() == [1, 2, 2, 3, 4, 4, 5, 5, 0, 0, CLASS_NODATA]


def test_high_temperature_and_ran_schemes():
    magt = np.array([-2.5, -2.0, -1.6, -1.5, -0.2, 0.5])
    assert classify(magt, SCHEMES["high_temperature"]).tolist() == [1, 2, 2, 2, 2, 0]
    assert classify(magt, SCHEMES["ran2022"]).tolist() == [2, 2, 2, 3, 3, 0]
    assert all(c.name_zh for s in SCHEMES.values() for c in s)


def test_user_table_adds_no_permafrost_class_and_rejects_overlap():
    classes = classes_from_table([["", "-2", "1", "cold"], ["-2", "0", "2", "warm", "暖"]])
    assert [c.code for c in classes] == [1, 2, 0]
    assert classify(np.array([-3.0, -1.0, 1.0]), classes).tolist() == [1, 2, 0]
    with pytest.raises(ValueError, match="overlap"):
        classes_from_table([["", "-1", "1", "a"], ["-2", "0", "2", "b"]])
    with pytest.raises(ValueError, match="unique"):
        classes_from_table([["", "-1", "1", "a"], ["-1", "0", "1", "b"]])
    with pytest.raises(ValueError, match="lower"):
        classes_from_table([["0", "-1", "1", "a"]])


def test_class_areas_raster_and_polygons_agree(tmp_path):
    # MAGT = x − 122 °C on 0.1° pixels from 120 °E: pixel centres at −1.95 .. 1.95 °C.
    grid = ramp_grid()
    data = lon_ramp(grid, 122.0)
    data[:, 0] = np.nan
    classes = scheme_classes("zhou2000")
    codes, uncovered = classify_magt(data, classes)
    assert uncovered == 0
    # transitional −1.5..−0.5: centres −1.45 .. −0.55 → columns 5..14 (120.5–121.5 °E)
    summary = class_summary(codes, grid, classes)
    assert summary[4][0] == 10 * 20
    assert summary[4][1] == pytest.approx(rectangle_area_km2(50.0, 52.0, 1.0), rel=1e-9)
    polys = {f.attributes["code"]: f for f in class_polygons(codes, grid, classes)}
    assert set(polys) == {3, 4, 5, 0}
    for code, (_, km2) in summary.items():
        if km2:
            assert polys[code].attributes["area_km2"] == pytest.approx(km2, rel=1e-9)
    assert polys[4].attributes["name_zh"] == "过渡型"
    path = write_class_raster(str(tmp_path / "cls.tif"), codes, grid, classes)
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    assert band.DataType == gdal.GDT_Int16 and band.GetNoDataValue() == CLASS_NODATA
    assert band.ReadAsArray()[3, 0] == CLASS_NODATA and band.ReadAsArray()[3, 10] == 4


def test_infinite_magt_without_nodata_value_is_not_classed(tmp_path):
    # A Float32 MAGT raster with ±inf and NaN pixels and no NoData value: they are NoData, in no class.
    grid = ramp_grid(cols=10, rows=5)
    data = lon_ramp(grid, 120.5).astype(np.float32) - 10.0
    data[0, :3] = -np.inf
    data[1, 0] = np.inf
    data[2, 0] = np.nan
    path = str(tmp_path / "inf.tif")
    ds = gdal.GetDriverByName("GTiff").Create(path, grid.cols, grid.rows, 1, gdal.GDT_Float32)
    ds.SetGeoTransform(grid.geotransform)
    ds.SetProjection(grid.crs_wkt)
    ds.GetRasterBand(1).WriteArray(data)
    ds = None
    from core.analysis.rasters import load_band
    magt, _ = load_band(path)
    codes, uncovered = classify_magt(magt, scheme_classes("zhou2000"))
    assert (codes == CLASS_NODATA).sum() == 5 and uncovered == 0
    assert (codes[0, :3] == CLASS_NODATA).all() and codes[1, 0] == CLASS_NODATA
