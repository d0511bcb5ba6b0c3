"""QML styles: well-formed XML with the expected classes; GeoPackage default styles; sidecar placement."""

import xml.etree.ElementTree as ET

import pytest
from osgeo import ogr, osr

from core import styles
from core.analysis.schemes import classes_from_table


def parse(text):
    return ET.fromstring(text.split("\n", 1)[1])


def test_magt_style_breaks_follow_scheme_and_warm_reds():
    root = parse(styles.magt_qml("zhou2000"))
    shader = root.find(".//colorrampshader")
    assert shader.get("colorRampType") == "DISCRETE"
    items = shader.findall("item")
    assert [i.get("value") for i in items] == ["-5", "-3", "-1.5", "-0.5", "0", "1", "3", "inf"]
    assert "°C" in items[2].get("label") and "亚稳定型" in items[2].get("label")
    red = [int(items[-1].get("color")[k:k + 2], 16) for k in (1, 3, 5)]
    blue = [int(items[0].get("color")[k:k + 2], 16) for k in (1, 3, 5)]
    assert red[0] > red[2] and blue[2] > blue[0]
    high = parse(styles.magt_qml("high_temperature")).findall(".//item")
    assert [i.get("value") for i in high][:2] == ["-2", "0"]


def test_class_style_lists_every_class_code_with_both_names(tmp_path):
    qml = styles.write_class_style(str(tmp_path / "classes.tif"), "zhou2000")
    assert qml == str(tmp_path / "classes.qml")
    entries = parse(open(qml, encoding="utf-8").read()).findall(".//paletteEntry")
    assert [int(e.get("value")) for e in entries] == [1, 2, 3, 4, 5, 0]
    assert "Unstable 不稳定型" in entries[4].get("label")
    user = classes_from_table([["", "-1", "7", "cold"], ["-1", "0", "8", "warm"]])
    assert [e.get("value") for e in parse(styles.class_qml(user)).findall(".//paletteEntry")] == ["7", "8", "0"]


def test_alt_presence_and_vector_styles_are_well_formed(tmp_path):
    alt = parse(open(styles.write_alt_style(str(tmp_path / "alt.tif"), max_m=2.0), encoding="utf-8").read())
    assert [i.get("value") for i in alt.findall(".//item")] == ["0", "0.66", "1.34", "2"]
    pres = parse(open(styles.write_presence_style(str(tmp_path / "p.tif")), encoding="utf-8").read())
    assert len(pres.findall(".//paletteEntry")) == 2
    assert parse(styles.boundary_line_qml()).find(".//renderer-v2").get("type") == "singleSymbol"
    cats = parse(styles.class_polygon_qml("ran2022")).findall(".//category")
    assert [c.get("value") for c in cats] == ["1", "2", "3", "0"]
    assert len(parse(styles.magt_line_qml()).findall(".//range")) == 6
    assert len(parse(styles.residual_point_qml()).findall(".//range")) == 5


def make_gpkg(path, name="extent"):
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    layer = ds.CreateLayer(name, srs, ogr.wkbPolygon)
    feat = ogr.Feature(layer.GetLayerDefn())
    feat.SetGeometry(ogr.CreateGeometryFromWkt("POLYGON ((120 50,121 50,121 51,120 50))"))
    layer.CreateFeature(feat)
    ds = None
    return str(path)


def test_gpkg_style_is_stored_as_single_default(tmp_path):
    path = make_gpkg(tmp_path / "extent.gpkg")
    styles.write_vector_style(path, styles.boundary_line_qml())
    styles.write_vector_style(path, styles.extent_polygon_qml())
    ds = ogr.Open(path)
    rows = [(f.GetField("f_table_name"), f.GetField("f_geometry_column"), f.GetField("useAsDefault"),
             f.GetField("styleQML")) for f in ds.GetLayerByName("layer_styles")]
    assert len(rows) == 2
    defaults = [r for r in rows if r[2] == 1]
    assert len(defaults) == 1 and defaults[0][:2] == ("extent", "geom")
    assert "SimpleFill" in defaults[0][3]
    assert not (tmp_path / "extent.qml").exists()


def test_non_gpkg_vector_gets_sidecar(tmp_path):
    out = styles.write_vector_style(str(tmp_path / "line.shp"), styles.boundary_line_qml())
    assert out == str(tmp_path / "line.qml")
    with pytest.raises(ValueError, match="no layer"):
        styles.write_vector_style(make_gpkg(tmp_path / "x.gpkg"), styles.boundary_line_qml(), layer_name="nope")
