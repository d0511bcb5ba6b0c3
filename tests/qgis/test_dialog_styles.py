"""Outputs opened the way the Processing dialog opens them (AlgorithmExecutor + handleAlgorithmResults) are styled.

Post-processors only run on this path (not under processing.run), so it is exercised here directly.
"""

import os
import sqlite3
import sys

import pytest
from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(__file__)), "core"))
from analysis_fixtures import lon_ramp, ramp_grid, write_magt  # noqa: E402
from regional_fixtures import write_inputs  # noqa: E402


@pytest.fixture
def project():
    project = QgsProject.instance()
    project.removeAllMapLayers()
    yield project
    project.removeAllMapLayers()


def run_like_the_dialog(name, params, outputs, project):
    """Run ``permafrost:name`` as AlgorithmDialog does; ``outputs`` are loaded into ``project`` on completion."""
    from processing.gui.AlgorithmExecutor import execute
    from processing.gui.Postprocessing import handleAlgorithmResults

    alg = QgsApplication.processingRegistry().createAlgorithmById(f"permafrost:{name}")
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    context.setProject(project)
    params = dict(params, **{key: QgsProcessingOutputLayerDefinition(sink, project) for key, sink in outputs.items()})
    ok, results = execute(alg, params, context, feedback)
    assert ok, results
    assert handleAlgorithmResults(alg, context, feedback, True, params) is not False
    return results


def loaded(project, path):
    layers = [lyr for lyr in project.mapLayers().values() if lyr.source().split("|")[0] == path]
    assert len(layers) == 1, path
    return layers[0]


@pytest.mark.parametrize("destination", ["TEMPORARY_OUTPUT", "saved"])
def test_stability_raster_opens_paletted_with_a_visible_unstable_class(provider, project, tmp_path, destination):
    grid = ramp_grid()  # MAGT −1.95 .. 1.95 °C
    magt = write_magt(tmp_path / "magt.tif", lon_ramp(grid, 122.0), grid)
    sink = str(tmp_path / "classes.tif") if destination == "saved" else destination
    results = run_like_the_dialog("stability_classes", {"INPUT": magt, "SCHEME": 0},
                                  {"OUTPUT_RASTER": sink}, project)
    layer = loaded(project, results["OUTPUT_RASTER"])
    assert layer.renderer().type() == "paletted"
    colours = {c.value: c.color.name() for c in layer.renderer().classes()}
    assert set(colours) == {0, 1, 2, 3, 4, 5}
    assert colours[5] not in ("#f7f7f7", "#ffffff") and min(layer.renderer().classes()[4].color.getHsv()[1:2]) > 80
    assert "不稳定型" in [c.label for c in layer.renderer().classes() if c.value == 5][0]


def test_geopackage_outputs_have_no_layer_styles_table_and_open_styled(provider, project, tmp_path):
    grid = ramp_grid()
    magt = write_magt(tmp_path / "magt.tif", lon_ramp(grid, 122.0), grid)
    lines, extent = str(tmp_path / "lines.gpkg"), str(tmp_path / "extent.gpkg")
    run_like_the_dialog("permafrost_boundary", {"INPUT": magt}, {"OUTPUT_LINE": lines, "OUTPUT_EXTENT": extent},
                        project)
    for path in (lines, extent):
        with sqlite3.connect(path) as db:
            tables = {row[0] for row in db.execute("SELECT table_name FROM gpkg_contents")}
            tables |= {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "layer_styles" not in tables
        assert os.path.exists(os.path.splitext(path)[0] + ".qml")
        assert loaded(project, path).renderer().type() == "singleSymbol"
    assert not [lyr for lyr in project.mapLayers().values() if "layer_styles" in lyr.name()]


def test_simulate_outputs_load_styled_with_magt_above_alt(provider, project, tmp_path):
    paths, _ = write_inputs(tmp_path)
    params = {"CLIMATE": paths["climate"], "SOIL": paths["soil"], "NFACTORS": paths["nfactors"],
              "FIRST_YEAR": 2010, "LAST_YEAR": 2010, "DT_DAYS": 5.0, "BOTTOM_M": 30.0, "WORKERS": 1}
    outputs = {"OUTPUT_ALT": str(tmp_path / "alt.tif"), "OUTPUT_MAGT": str(tmp_path / "magt.tif"),
               "OUTPUT_PRESENCE": "TEMPORARY_OUTPUT"}
    results = run_like_the_dialog("simulate", params, outputs, project)
    layers = {key: loaded(project, results[key]) for key in outputs}
    order = [node.layerId() for node in project.layerTreeRoot().findLayers()]
    assert order.index(layers["OUTPUT_MAGT"].id()) < order.index(layers["OUTPUT_PRESENCE"].id()) \
        < order.index(layers["OUTPUT_ALT"].id())
    assert layers["OUTPUT_MAGT"].renderer().type() == "singlebandpseudocolor"
    alt = layers["OUTPUT_ALT"].renderer()
    assert alt.type() == "singlebandpseudocolor" and alt.classificationMax() >= 8.0
    assert layers["OUTPUT_PRESENCE"].renderer().type() == "paletted"
