"""A reduced `make demo` (small box, coarse grid) produces every product, valid and on the right grid."""

import os
import subprocess
import sys

from osgeo import gdal, ogr

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_reduced_demo_products(tmp_path):
    out = tmp_path / "demo"
    done = subprocess.run([sys.executable, os.path.join(ROOT, "demo", "run_demo.py"), "--out", str(out),
                           "--box", "122,124.6,51.6,53.2", "--resolution", "0.2", "--workers", "2"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "=== Demo summary ===" in done.stdout and "Permafrost area" in done.stdout
    assert " 0 step(s) in 0 pixel(s) stayed unconverged" in done.stdout  # the run log's step line

    for name in ("magt_10m.tif", "alt.tif", "stability_classes.tif"):
        ds = gdal.Open(str(out / name))
        assert ds.GetSpatialRef().GetAuthorityCode(None) == "4326"
        assert (ds.RasterXSize, ds.RasterYSize) == (13, 8)
        assert ds.GetGeoTransform() == gdal.Open(str(out / "grid.tif")).GetGeoTransform()
        ds = None
    for name in ("magt_10m.qml", "alt.qml", "stability_classes.qml", "stability_class_polygons.qml"):
        assert (out / name).stat().st_size > 0
    for name in ("permafrost_extent.gpkg", "stability_class_polygons.gpkg", "route_segments.gpkg"):
        source = ogr.Open(str(out / name))
        assert source.GetLayer(0).GetFeatureCount() > 0, name
        source = None
    for name in ("route_report.html", "column_mohe.html"):
        assert "data:image/png;base64," in (out / name).read_text(encoding="utf-8"), name
    assert "RMSE" in (out / "climate_cross_validation.html").read_text(encoding="utf-8")
    png = (out / "magt_map.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
