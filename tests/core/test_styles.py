"""QML styles: well-formed XML with the expected classes; GeoPackage default styles; sidecar placement."""

import xml.etree.ElementTree as ET

from osgeo import ogr, osr

from core import styles
from core.analysis.schemes import classes_from_table, scheme_classes


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
    assert [i.get("value") for i in alt.findall(".//item")] == ["0", "0.25", "0.75", "2"]
    deep = parse(styles.alt_qml())
    assert [i.get("value") for i in deep.findall(".//item")] == ["0", "1", "3", "8"]  # observed ALT reaches 8 m
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


def test_gpkg_style_goes_to_a_sidecar_and_the_gpkg_keeps_one_table(tmp_path):
    path = make_gpkg(tmp_path / "extent.gpkg")
    styles.write_vector_style(path, styles.boundary_line_qml())
    out = styles.write_vector_style(path, styles.extent_polygon_qml())
    assert out == str(tmp_path / "extent.qml") and "SimpleFill" in open(out, encoding="utf-8").read()
    ds = ogr.Open(path)
    assert [ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())] == ["extent"]
    assert ds.GetLayerByName("layer_styles") is None


def test_non_gpkg_vector_gets_sidecar(tmp_path):
    out = styles.write_vector_style(str(tmp_path / "line.shp"), styles.boundary_line_qml())
    assert out == str(tmp_path / "line.qml")


def test_warmest_permafrost_classes_are_never_near_white():
    for scheme in ("zhou2000", "ran2022"):
        classes = sorted(scheme_classes(scheme), key=lambda c: c.lower)
        warmest = [c for c in classes if c.upper == 0.0][0]
        rgb = [int(warmest.color[k:k + 2], 16) for k in (1, 3, 5)]
        assert max(rgb) - min(rgb) > 100, scheme  # saturated, visible on a white canvas
    user = classes_from_table([["", "-1", "7", "cold"], ["-1", "0", "8", "warm"]])
    line = parse(styles.magt_line_qml(scheme=user))
    warm = [r for r in line.findall(".//range") if r.get("upper") in ("0", "0.0")][0]
    symbol = [s for s in line.findall(".//symbol") if s.get("name") == warm.get("symbol")][0]
    colour = [p.get("v") or p.get("value") for p in symbol.iter() if (p.get("k") or p.get("name")) == "line_color"][0]
    rgb = [int(v) for v in colour.split(",")[:3]]
    assert min(rgb) < 180  # not white (the ramp used to be #f7f7f7 just below 0 °C)
