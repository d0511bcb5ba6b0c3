"""The .qml styles written by core.styles load in QGIS with the intended renderer and classes."""

import os
import sys

from qgis.core import QgsRasterLayer, QgsVectorLayer

from permafrost_magt.core import styles

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "core"))
from analysis_fixtures import lon_ramp, ramp_grid, write_magt  # noqa: E402


def test_raster_sidecars_apply_on_load(qgis_app, tmp_path):
    grid = ramp_grid()
    path = write_magt(tmp_path / "magt.tif", lon_ramp(grid, 122.0), grid)
    styles.write_magt_style(path, "zhou2000")
    layer = QgsRasterLayer(path, "magt")
    assert layer.renderer().type() == "singlebandpseudocolor"
    items = layer.renderer().shader().rasterShaderFunction().colorRampItemList()
    assert [round(i.value, 3) for i in items[:-1]] == [-5, -3, -1.5, -0.5, 0, 1, 3]
    assert "不稳定型" in items[4].label
    styles.write_alt_style(path, max_m=2.5)
    assert QgsRasterLayer(path, "alt").renderer().classificationMax() == 2.5
    styles.write_presence_style(path)
    presence = QgsRasterLayer(path, "presence")
    assert presence.renderer().type() == "paletted" and len(presence.renderer().classes()) == 2


def test_class_polygon_style_in_geopackage_and_shapefile_sidecar(qgis_app, tmp_path):
    from osgeo import ogr, osr

    for name in ("classes.gpkg", "classes.shp"):
        driver = "GPKG" if name.endswith("gpkg") else "ESRI Shapefile"
        ds = ogr.GetDriverByName(driver).CreateDataSource(str(tmp_path / name))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(4326)
        layer = ds.CreateLayer("classes", srs, ogr.wkbPolygon)
        layer.CreateField(ogr.FieldDefn("code", ogr.OFTInteger))
        feat = ogr.Feature(layer.GetLayerDefn())
        feat.SetField("code", 2)
        feat.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON ((120 50,121 50,121 51,120 50))"))
        layer.CreateFeature(feat)
        ds = None
        styles.write_vector_style(str(tmp_path / name), styles.class_polygon_qml("high_temperature"))
        loaded = QgsVectorLayer(str(tmp_path / name), "classes", "ogr")
        renderer = loaded.renderer()
        assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "code"
        categories = renderer.categories()
        assert [int(c.value()) for c in categories] == [1, 2, 0]
        colours = [c.symbol().color().name() for c in categories]
        assert colours[1] == "#c6dbef" and "高温冻土" in categories[1].label()
