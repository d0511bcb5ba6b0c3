"""permafrost:route_corridors run headless: known boundary crossing, reprojection, batch runs, bad input."""

import math
import os
import sys

import pytest
from osgeo import ogr, osr
from qgis.core import QgsProcessingException, QgsVectorLayer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "core"))
from analysis_fixtures import lat_ramp, meridian_arc_km, ramp_grid, write_magt  # noqa: E402


def write_routes(path, routes, epsg=4326):
    """A GeoPackage of named lines given in lon/lat, stored in ``epsg``."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    for s in (srs, wgs):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    layer = ds.CreateLayer("routes", srs, ogr.wkbLineString)
    layer.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for name, coords in routes:
        line = ogr.Geometry(ogr.wkbLineString)
        for x, y in coords:
            line.AddPoint_2D(x, y)
        line.AssignSpatialReference(wgs)
        line.TransformTo(srs)
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetField("name", name)
        feat.SetGeometry(line)
        layer.CreateFeature(feat)
    ds = None
    return str(path)


@pytest.fixture
def magt(tmp_path):
    grid = ramp_grid()                         # MAGT = 5·(51 − y) °C: permafrost north of 51 °N
    return write_magt(tmp_path / "magt.tif", lat_ramp(grid, 51.0, slope=5.0), grid)


def run(run_alg, routes, magt, **extra):
    params = {"ROUTES": routes, "NAME_FIELD": "name", "INPUT": magt, "SPACING": 100.0,
              "OUTPUT_SEGMENTS": "TEMPORARY_OUTPUT", "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT",
              "OUTPUT_REPORT": "TEMPORARY_OUTPUT"}
    params.update(extra)
    return run_alg("route_corridors", params)


def test_route_in_web_mercator_crossing_boundary(run_alg, magt, tmp_path):
    routes = write_routes(tmp_path / "r1.gpkg", [("pipeline", [(121.05, 50.2), (121.05, 51.8)])], epsg=3857)
    res = run(run_alg, routes, magt, OUTPUT_SEGMENTS=str(tmp_path / "seg.gpkg"))
    assert res["TOTAL_LENGTH_KM"] == pytest.approx(meridian_arc_km(50.2, 51.8), abs=1e-3)
    assert res["PERMAFROST_KM"] == pytest.approx(meridian_arc_km(51.0, 51.8), abs=0.1)
    assert res["WARM_PERMAFROST_KM"] == pytest.approx(meridian_arc_km(51.0, 51.2), abs=0.1)
    seg = QgsVectorLayer(res["OUTPUT_SEGMENTS"], "seg", "ogr")
    assert seg.crs().authid() == "EPSG:3857"
    assert seg.featureCount() == math.ceil(meridian_arc_km(50.2, 51.8) * 10)   # 100 m pieces
    assert {f["route"] for f in seg.getFeatures()} == {"pipeline"}
    assert seg.renderer().type() == "graduatedSymbol"
    summary = res["OUTPUT_SUMMARY"]
    row = next(summary.getFeatures()) if not isinstance(summary, str) else \
        next(QgsVectorLayer(summary, "s", "ogr").getFeatures())
    assert row["route"] == "pipeline" and row["permafrost_km"] == pytest.approx(res["PERMAFROST_KM"])
    html = open(res["OUTPUT_REPORT"], encoding="utf-8").read()
    assert "data:image/png;base64," in html and "pipeline" in html


def test_batch_like_runs_do_not_collide(run_alg, magt, tmp_path):
    first = write_routes(tmp_path / "a.gpkg", [("A1", [(121.05, 50.2), (121.05, 51.8)]),
                                               ("A2", [(122.05, 50.5), (123.5, 51.9)])])
    second = write_routes(tmp_path / "b.gpkg", [("B1", [(120.5, 51.5), (123.5, 51.5)])])
    r1 = run(run_alg, first, magt)
    r2 = run(run_alg, second, magt)
    assert r1["OUTPUT_REPORT"] != r2["OUTPUT_REPORT"]
    assert os.path.exists(r1["OUTPUT_REPORT"]) and os.path.exists(r2["OUTPUT_REPORT"])
    assert "A2" in open(r1["OUTPUT_REPORT"], encoding="utf-8").read()
    assert "B1" in open(r2["OUTPUT_REPORT"], encoding="utf-8").read()
    # B1 runs along 51.5 °N, all on permafrost at −2.25 °C
    assert r2["PERMAFROST_KM"] == pytest.approx(r2["TOTAL_LENGTH_KM"]) and r2["WARM_PERMAFROST_KM"] == 0.0


def test_no_overlap_and_empty_layer(run_alg, magt, tmp_path):
    far = write_routes(tmp_path / "far.gpkg", [("far", [(100.0, 30.0), (100.5, 30.5)])])
    with pytest.raises(QgsProcessingException, match="do not overlap"):
        run(run_alg, far, magt)
    empty = write_routes(tmp_path / "empty.gpkg", [])
    with pytest.raises(QgsProcessingException, match="no features"):
        run(run_alg, empty, magt)


def test_cancel_leaves_no_report(run_alg, magt, tmp_path):
    from qgis.core import QgsProcessingFeedback

    routes = write_routes(tmp_path / "c.gpkg", [("A", [(121.05, 50.2), (121.05, 51.8)])])
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    params = {"ROUTES": routes, "INPUT": magt, "OUTPUT_SEGMENTS": "TEMPORARY_OUTPUT",
              "OUTPUT_SUMMARY": "TEMPORARY_OUTPUT", "OUTPUT_REPORT": str(tmp_path / "cancelled.html")}
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("route_corridors", params, feedback=feedback)
    assert not os.path.exists(tmp_path / "cancelled.html")
