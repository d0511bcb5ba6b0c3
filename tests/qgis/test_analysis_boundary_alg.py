"""permafrost:permafrost_boundary and permafrost:stability_classes run headless with processing.run."""

import os
import sys

import numpy as np
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "core"))
from analysis_fixtures import lon_ramp, ramp_grid, rectangle_area_km2, write_magt  # noqa: E402


def ellipsoid_area_km2(layer, step):
    """QGIS's ellipsoidal area; its 3.22 formula approximates long edges, so edges are first split at ``step``."""
    da = QgsDistanceArea()
    da.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    da.setEllipsoid("WGS84")
    return sum(da.measureArea(f.geometry().densifyByDistance(step)) for f in layer.getFeatures()) / 1e6


@pytest.fixture
def ramp(tmp_path):
    grid = ramp_grid()
    data = lon_ramp(grid, 122.0)
    data[0, 39] = -1.0
    return write_magt(tmp_path / "magt.tif", data, grid)


def test_boundary_line_position_areas_and_styles(run_alg, ramp, tmp_path):
    res = run_alg("permafrost_boundary", {"INPUT": ramp, "BAND": 1, "SMOOTHING": 0, "MIN_AREA": 0.0,
                                          "OUTPUT_LINE": str(tmp_path / "iso.gpkg"),
                                          "OUTPUT_EXTENT": str(tmp_path / "extent.gpkg")})
    lines = QgsVectorLayer(res["OUTPUT_LINE"], "iso", "ogr")
    assert lines.featureCount() == 2          # the ramp's 0 °C line and a ring around the lone cold pixel
    longest = max(lines.getFeatures(), key=lambda f: f["length_km"])
    xs = [v.x() for v in longest.geometry().vertices()]
    assert np.allclose(xs, 122.0, atol=1e-5)  # Float32 storage of the ramp shifts it by < 1e-5°
    extent = QgsVectorLayer(res["OUTPUT_EXTENT"], "extent", "ogr")
    assert extent.featureCount() == 2
    expected = rectangle_area_km2(50.0, 52.0, 2.0) + rectangle_area_km2(51.9, 52.0, 0.1)
    assert res["TOTAL_AREA_KM2"] == pytest.approx(expected, rel=1e-9)
    assert sum(f["area_km2"] for f in extent.getFeatures()) == pytest.approx(expected, rel=1e-9)
    assert ellipsoid_area_km2(extent, 0.01) == pytest.approx(expected, rel=1e-6)   # QGIS's own ellipsoidal area
    # Default styles stored in the GeoPackages load with the layers.
    assert lines.renderer().type() == "singleSymbol"
    assert lines.renderer().symbol().color().name() == "#b2182b"
    assert extent.renderer().symbol().color().name() == "#6baed6"


def test_boundary_min_area_and_projected_raster(run_alg, tmp_path):
    grid = ramp_grid(x0=500000.0, y_top=5800000.0, res=1000.0, cols=20, rows=10, crs="EPSG:32651")
    data = lon_ramp(grid, 510000.0, slope=0.001)
    data[0, 19] = -1.0
    path = write_magt(tmp_path / "utm.tif", data, grid)
    res = run_alg("permafrost_boundary", {"INPUT": path, "MIN_AREA": 2.0, "OUTPUT_LINE": "TEMPORARY_OUTPUT",
                                          "OUTPUT_EXTENT": str(tmp_path / "utm_extent.gpkg")})
    extent = QgsVectorLayer(res["OUTPUT_EXTENT"], "extent", "ogr")
    assert extent.featureCount() == 1
    assert extent.crs() == QgsCoordinateReferenceSystem("EPSG:32651")
    assert res["TOTAL_AREA_KM2"] == pytest.approx(ellipsoid_area_km2(extent, 100.0), rel=1e-6)
    assert res["TOTAL_AREA_KM2"] == pytest.approx(100.0 / 0.9996 ** 2, rel=2e-4)


def test_boundary_rejects_kelvin(run_alg, tmp_path):
    grid = ramp_grid()
    path = write_magt(tmp_path / "kelvin.tif", lon_ramp(grid, 122.0) + 273.15, grid)
    with pytest.raises(QgsProcessingException, match="kelvin"):
        run_alg("permafrost_boundary", {"INPUT": path, "OUTPUT_LINE": "TEMPORARY_OUTPUT",
                                        "OUTPUT_EXTENT": "TEMPORARY_OUTPUT"})
