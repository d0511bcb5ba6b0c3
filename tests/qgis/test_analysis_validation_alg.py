"""permafrost:borehole_validation run headless: known residuals, reprojected points, CSV, unmatched, bad input."""

import math
import os
import sys

import numpy as np
import pytest
from osgeo import ogr, osr
from qgis.core import QgsProcessingException, QgsVectorLayer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "core"))
from analysis_fixtures import lon_ramp, ramp_grid, write_magt  # noqa: E402


def write_points(path, rows, epsg=4326):
    """GeoPackage of boreholes (name, lon, lat, depth, magt) stored in ``epsg``."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs, wgs = osr.SpatialReference(), osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    wgs.ImportFromEPSG(4326)
    for s in (srs, wgs):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    layer = ds.CreateLayer("boreholes", srs, ogr.wkbPoint)
    for name, kind in (("name", ogr.OFTString), ("depth", ogr.OFTReal), ("magt", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for name, lon, lat, depth, magt in rows:
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(lon, lat)
        pt.AssignSpatialReference(wgs)
        pt.TransformTo(srs)
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetField("name", name)
        feat.SetField("depth", depth)
        feat.SetField("magt", magt)
        feat.SetGeometry(pt)
        layer.CreateFeature(feat)
    ds = None
    return str(path)


@pytest.fixture
def model(tmp_path):
    grid = ramp_grid()                         # MAGT(10 m) = x − 122 °C at pixel centres
    return write_magt(tmp_path / "model.tif", lon_ramp(grid, 122.0), grid)


# Pixel-centre model values −0.95, −0.45, 0.45 °C; residuals +0.3, −0.3, +0.6 → RMSE √0.18, bias 0.2.
ROWS = [("MDS-a", 121.05, 51.05, 10.0, -1.25), ("MDS-b", 121.55, 51.05, 10.0, -0.15),
        ("MDS-c", 122.45, 51.05, 10.0, -0.15), ("far", 130.0, 45.0, 10.0, -1.0)]


def test_known_rmse_with_points_in_utm(run_alg, model, tmp_path):
    points = write_points(tmp_path / "b.gpkg", ROWS, epsg=32651)
    res = run_alg("borehole_validation", {"POINTS": points, "MODEL": model, "OUTPUT": str(tmp_path / "v.gpkg"),
                                          "OUTPUT_REPORT": str(tmp_path / "v.html")})
    assert res["N"] == 3
    assert res["RMSE"] == pytest.approx(math.sqrt((0.09 + 0.09 + 0.36) / 3))
    assert res["BIAS"] == pytest.approx(0.2) and res["MAE"] == pytest.approx(0.4)
    assert res["R"] == pytest.approx(np.corrcoef([-1.25, -0.15, -0.15], [-0.95, -0.45, 0.45])[0, 1])
    assert res["MEETS_TARGET"] == 1          # RMSE 0.42 °C < 0.5 °C
    out = QgsVectorLayer(res["OUTPUT"], "v", "ogr")
    rows = {f["id"]: f for f in out.getFeatures()}
    assert rows["far"]["status"] == "outside raster" and rows["MDS-a"]["residual_c"] == pytest.approx(0.3)
    assert out.renderer().type() == "graduatedSymbol"
    html = open(res["OUTPUT_REPORT"], encoding="utf-8").read()
    assert "data:image/png;base64," in html and "far" in html and "outside raster" in html


def test_csv_input_and_no_overlap(run_alg, model, tmp_path):
    csv_path = tmp_path / "b.csv"
    csv_path.write_text("name,lon,lat,magt\n" + "".join(f"{n},{x},{y},{v}\n" for n, x, y, _, v in ROWS[:2]),
                        encoding="utf-8")
    res = run_alg("borehole_validation", {"CSV": str(csv_path), "MODEL": model, "OUTPUT": "TEMPORARY_OUTPUT",
                                          "OUTPUT_REPORT": "TEMPORARY_OUTPUT"})
    assert res["N"] == 2 and res["RMSE"] == pytest.approx(0.3) and res["MEETS_TARGET"] == 1
    far = write_points(tmp_path / "far.gpkg", [ROWS[3]])
    with pytest.raises(QgsProcessingException, match="do not overlap"):
        run_alg("borehole_validation", {"POINTS": far, "MODEL": model, "OUTPUT": "TEMPORARY_OUTPUT",
                                        "OUTPUT_REPORT": "TEMPORARY_OUTPUT"})
    empty = write_points(tmp_path / "empty.gpkg", [])
    with pytest.raises(QgsProcessingException, match="no features"):
        run_alg("borehole_validation", {"POINTS": empty, "MODEL": model, "OUTPUT": "TEMPORARY_OUTPUT",
                                        "OUTPUT_REPORT": "TEMPORARY_OUTPUT"})


def test_nearest_valid_pixel_and_edge_points(run_alg, tmp_path):
    grid = ramp_grid()                         # 0.1° pixels from 120 °E; MAGT = x of the pixel centre − 122 °C
    data = lon_ramp(grid, 122.0)
    data[5, 5] = np.nan                        # a lake: 120.5–120.6 °E, 51.4–51.5 °N
    model = write_magt(tmp_path / "lake.tif", data, grid)
    csv_path = tmp_path / "b.csv"
    # "edge" lies on the west edge of pixel 18 (121.8 °E: (121.8 − 120)/0.1 = 17.99999999999997 in floating point)
    csv_path.write_text("name,lon,lat,magt\nshore,120.57,51.45,-1.0\nedge,121.8,51.05,-0.5\n", encoding="utf-8")
    params = {"CSV": str(csv_path), "MODEL": model, "OUTPUT": str(tmp_path / "v.gpkg"),
              "OUTPUT_REPORT": str(tmp_path / "v.html")}
    res = run_alg("borehole_validation", params)
    rows = {f["id"]: f for f in QgsVectorLayer(res["OUTPUT"], "v", "ogr").getFeatures()}
    assert rows["shore"]["status"] == "model NoData"
    assert rows["edge"]["model_c"] == pytest.approx(121.85 - 122.0, abs=1e-5) and rows["edge"]["distance_km"] == 0
    res = run_alg("borehole_validation", dict(params, MAX_DISTANCE_KM=10.0, OUTPUT=str(tmp_path / "w.gpkg")))
    assert res["N"] == 2
    shore = next(f for f in QgsVectorLayer(res["OUTPUT"], "w", "ogr").getFeatures() if f["id"] == "shore")
    assert shore["model_c"] == pytest.approx(120.65 - 122.0, abs=1e-5)
    assert shore["distance_km"] == pytest.approx(0.08 * 111.32 * math.cos(math.radians(51.45)), rel=3e-3)
    assert "Distance (km)" in open(res["OUTPUT_REPORT"], encoding="utf-8").read()
