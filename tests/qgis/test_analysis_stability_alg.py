"""permafrost:stability_classes run headless: class raster, dissolved polygons with areas, styles, user table."""

import os
import sys

import pytest
from qgis.core import QgsProcessingException, QgsRasterLayer, QgsVectorLayer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "core"))
from analysis_fixtures import lon_ramp, ramp_grid, rectangle_area_km2, write_magt  # noqa: E402


@pytest.fixture
def ramp(tmp_path):
    grid = ramp_grid()                         # MAGT = x − 122 °C: −1.95 .. 1.95 °C over 120–124 °E
    return write_magt(tmp_path / "magt.tif", lon_ramp(grid, 122.0), grid)


def test_zhou_classes_raster_polygons_and_styles(run_alg, ramp, tmp_path):
    res = run_alg("stability_classes", {"INPUT": ramp, "SCHEME": 0, "OUTPUT_RASTER": str(tmp_path / "cls.tif"),
                                        "OUTPUT_POLYGONS": str(tmp_path / "cls_polygons.gpkg")})
    raster = QgsRasterLayer(res["OUTPUT_RASTER"], "cls")
    assert raster.renderer().type() == "paletted"                 # sidecar cls.qml picked up on load
    assert len(raster.renderer().classes()) == 6
    ident = raster.dataProvider().identify
    from qgis.core import QgsPointXY, QgsRaster
    assert ident(QgsPointXY(121.0, 51.0), QgsRaster.IdentifyFormatValue).results()[1] == 4   # −1.0 °C
    assert ident(QgsPointXY(121.8, 51.0), QgsRaster.IdentifyFormatValue).results()[1] == 5   # −0.2 °C
    polys = QgsVectorLayer(res["OUTPUT_POLYGONS"], "cls", "ogr")
    by_code = {f["code"]: f for f in polys.getFeatures()}
    assert set(by_code) == {3, 4, 5, 0}
    assert by_code[4]["area_km2"] == pytest.approx(rectangle_area_km2(50.0, 52.0, 1.0), rel=1e-9)
    assert by_code[0]["area_km2"] == pytest.approx(rectangle_area_km2(50.0, 52.0, 2.0), rel=1e-9)
    assert by_code[5]["name_zh"] == "不稳定型"
    assert polys.renderer().type() == "categorizedSymbol" and len(polys.renderer().categories()) == 6
    assert res["PERMAFROST_AREA_KM2"] == pytest.approx(rectangle_area_km2(50.0, 52.0, 2.0), rel=1e-9)


def test_user_table_and_bad_table(run_alg, ramp, tmp_path):
    res = run_alg("stability_classes", {"INPUT": ramp, "SCHEME": 3, "TABLE": ["", -1, 7, "cold", -1, 0, 8, "warm"],
                                        "OUTPUT_RASTER": str(tmp_path / "user.tif")})
    assert "OUTPUT_POLYGONS" not in res or res["OUTPUT_POLYGONS"] is None
    raster = QgsRasterLayer(res["OUTPUT_RASTER"], "user")
    assert sorted(c.value for c in raster.renderer().classes()) == [0, 7, 8]
    del raster  # a layer kept alive by the traceback below would be destroyed after QGIS exits and crash it
    with pytest.raises(QgsProcessingException, match="overlap"):
        run_alg("stability_classes", {"INPUT": ramp, "SCHEME": 3, "TABLE": ["", 0, 1, "a", -1, 0, 2, "b"],
                                      "OUTPUT_RASTER": str(tmp_path / "bad.tif")})
    assert not os.path.exists(tmp_path / "bad.tif")


def test_polygons_named_like_the_raster_leave_the_raster_style_in_place(run_alg, ramp, tmp_path):
    res = run_alg("stability_classes", {"INPUT": ramp, "SCHEME": 0, "OUTPUT_RASTER": str(tmp_path / "same.tif"),
                                        "OUTPUT_POLYGONS": str(tmp_path / "same.gpkg")})
    assert QgsRasterLayer(res["OUTPUT_RASTER"], "cls").renderer().type() == "paletted"
    assert QgsVectorLayer(res["OUTPUT_POLYGONS"], "cls", "ogr").isValid()
