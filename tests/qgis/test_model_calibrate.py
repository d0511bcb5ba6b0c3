"""permafrost:calibrate through Processing: CSV and point-layer observations, outputs, and the chain
calibrate → Land cover to n-factors (TABLE) → simulate as a graphical model run headless by qgis_process."""

import csv
import os

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterFile,
    QgsProcessingParameterRasterLayer,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QVariant

from permafrost_magt.core.prep.landcover import read_table
from permafrost_magt.core.raster_io import read_raster

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "demo", "data")
# four pixels of the demo region around Mohe; the values are synthetic (made up to be plausible), not measured
SITES = [("A", 122.53, 52.97, -1.2), ("B", 122.27, 52.83, -0.8), ("C", 121.91, 53.07, -1.6), ("D", 122.74, 52.62, 0.4)]
QUICK = {"FIRST_YEAR": 2010, "LAST_YEAR": 2010, "DT_DAYS": 10.0, "BOTTOM_M": 30.0}


@pytest.fixture(scope="module")
def prepared(provider, tmp_path_factory):
    """Grid, climate, soil and aligned land cover for a 0.8° × 0.6° box around Mohe (demo data)."""
    import processing

    folder = tmp_path_factory.mktemp("calibrate")
    grid = processing.run("permafrost:prepare_grid", {"EXTENT": "121.7,122.9,52.5,53.2 [EPSG:4326]",
                                                      "RESOLUTION": 0.05, "OUTPUT": str(folder / "grid.tif")})["OUTPUT"]
    climate = processing.run("permafrost:prepare_climate_stations", {
        "STATIONS_CSV": os.path.join(DEMO, "stations_wc14_cru_chelsa_ne_china.csv"), "PREFIX": "wc14_tmean_",
        "ELEVATION_FIELD": "ELEV_M", "LAT_FIELD": "LAT", "LON_FIELD": "LON",
        "DEM": os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif"), "TEMPLATE": grid,
        "OUTPUT": str(folder / "climate.tif")})["OUTPUT"]
    soil = processing.run("permafrost:prepare_soil_hwsd", {
        **{k.upper(): os.path.join(DEMO, f"hwsd_topsoil_{k}_0p05.tif") for k in ("sand", "silt", "clay", "oc")},
        "TEMPLATE": grid, "OUTPUT": str(folder / "soil.tif")})["OUTPUT"]
    landcover = processing.run("permafrost:prepare_clip_align", {
        "INPUT": os.path.join(DEMO, "mcd12c1_2019_igbp_0p05.tif"), "TEMPLATE": grid, "KIND": 1,
        "OUTPUT": str(folder / "landcover.tif")})["OUTPUT"]
    observations = folder / "observations.csv"
    with open(observations, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["site", "lon", "lat", "depth_m", "mean_annual_temperature_c", "year"])
        for name, lon, lat, value in SITES:
            writer.writerow([name, lon, lat, 10.0, value, 2010])
            writer.writerow([name, lon, lat, 3.0, value + 0.3, 2010])
    return {"CLIMATE": climate, "SOIL": soil, "LANDCOVER": landcover, "csv": str(observations), "folder": folder}


def test_calibrate_from_csv_writes_a_table_prepare_nfactors_reads(run_alg, prepared, tmp_path):
    result = run_alg("calibrate", {
        "OBSERVATIONS": prepared["csv"], "YEAR_FIELD": "year", "SITE_FIELD": "site", "CLIMATE": prepared["CLIMATE"],
        "SOIL": prepared["SOIL"], "LANDCOVER": prepared["LANDCOVER"], **QUICK, "CROSS_VALIDATE": True,
        "OUTPUT_TABLE": str(tmp_path / "table.csv"), "OUTPUT_RESIDUALS": str(tmp_path / "residuals.csv"),
        "OUTPUT_REPORT": str(tmp_path / "report.html")})
    assert result["N"] == 8 and result["SITES"] == 4
    assert result["RMSE_AFTER"] < result["RMSE_BEFORE"]
    assert np.isfinite(result["CV_RMSE"])
    table = read_table(result["OUTPUT_TABLE"])
    bundled = read_table()
    assert set(table) == set(bundled)
    assert any(table[c] != bundled[c] for c in table if np.isfinite(bundled[c][0]))
    with open(result["OUTPUT_RESIDUALS"], encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 8
    assert "<img" in open(result["OUTPUT_REPORT"], encoding="utf-8").read()


def test_point_layer_in_another_crs_gives_the_same_fit(run_alg, prepared, tmp_path):
    layer = QgsVectorLayer("Point?crs=EPSG:3857", "obs", "memory")
    fields = [QgsField("site", QVariant.String), QgsField("depth_m", QVariant.Double),
              QgsField("mean_annual_temperature_c", QVariant.Double)]
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    to_merc = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), layer.crs(), QgsProject.instance())
    for name, lon, lat, value in SITES:
        for depth, v in ((10.0, value), (3.0, value + 0.3)):
            feature = QgsFeature(layer.fields())
            feature.setGeometry(QgsGeometry.fromPointXY(to_merc.transform(QgsPointXY(lon, lat))))
            feature.setAttributes([name, depth, v])
            layer.dataProvider().addFeature(feature)
    params = {"CLIMATE": prepared["CLIMATE"], "SOIL": prepared["SOIL"], "LANDCOVER": prepared["LANDCOVER"], **QUICK,
              "CROSS_VALIDATE": False, "SITE_FIELD": "site"}
    from_layer = run_alg("calibrate", {**params, "OBSERVATIONS": layer, "OUTPUT_TABLE": str(tmp_path / "a.csv")})
    from_csv = run_alg("calibrate", {**params, "OBSERVATIONS": prepared["csv"], "OUTPUT_TABLE": str(tmp_path / "b.csv")})
    assert from_layer["RMSE_AFTER"] == pytest.approx(from_csv["RMSE_AFTER"], abs=1e-6)
    assert read_table(from_layer["OUTPUT_TABLE"]) == read_table(from_csv["OUTPUT_TABLE"])
    del layer


def test_kelvin_observations_are_refused_naming_the_field(run_alg, prepared, tmp_path):
    from qgis.core import QgsProcessingException

    path = tmp_path / "kelvin.csv"
    path.write_text("lon,lat,depth_m,t_k\n122.53,52.97,10,272.1\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="'t_k' is 272.1, which looks like kelvin"):
        run_alg("calibrate", {"OBSERVATIONS": str(path), "VALUE_FIELD": "t_k", "CLIMATE": prepared["CLIMATE"],
                              "SOIL": prepared["SOIL"], "LANDCOVER": prepared["LANDCOVER"], **QUICK,
                              "OUTPUT_TABLE": str(tmp_path / "t.csv")})


def _chain_model(path):
    """calibrate → prepare_nfactors (TABLE = calibrated table) → simulate, saved as a .model3 file."""
    model = QgsProcessingModelAlgorithm("Calibrate and simulate", "tests")
    inputs = {"observations": QgsProcessingParameterFile("observations", "Observations CSV", extension="csv"),
              "climate": QgsProcessingParameterRasterLayer("climate", "Climate"),
              "soil": QgsProcessingParameterRasterLayer("soil", "Soil"),
              "landcover": QgsProcessingParameterRasterLayer("landcover", "Land cover")}
    for name, definition in inputs.items():
        model.addModelParameter(definition, QgsProcessingModelParameter(name))
    src = QgsProcessingModelChildParameterSource

    def child(cid, alg, sources, outputs=()):
        c = QgsProcessingModelChildAlgorithm(f"permafrost:{alg}")
        c.setChildId(cid)
        for key, value in sources.items():
            c.addParameterSources(key, [value])
        model_outputs = {}
        for o in outputs:
            model_outputs[o] = QgsProcessingModelOutput(o, o)
            model_outputs[o].setChildId(cid)
            model_outputs[o].setChildOutputName(o)
        c.setModelOutputs(model_outputs)
        model.addChildAlgorithm(c)

    years = {k: src.fromStaticValue(v) for k, v in QUICK.items()}
    child("calibrate", "calibrate", {"OBSERVATIONS": src.fromModelParameter("observations"),
                                     "SITE_FIELD": src.fromStaticValue("site"),
                                     "CLIMATE": src.fromModelParameter("climate"),
                                     "SOIL": src.fromModelParameter("soil"),
                                     "LANDCOVER": src.fromModelParameter("landcover"),
                                     "CROSS_VALIDATE": src.fromStaticValue(False), **years}, ["OUTPUT_TABLE"])
    child("nfactors", "prepare_nfactors", {"LANDCOVER": src.fromModelParameter("landcover"),
                                           "TEMPLATE": src.fromModelParameter("climate"),
                                           "TABLE": src.fromChildOutput("calibrate", "OUTPUT_TABLE")})
    child("simulate", "simulate", {"CLIMATE": src.fromModelParameter("climate"), "SOIL": src.fromModelParameter("soil"),
                                   "NFACTORS": src.fromChildOutput("nfactors", "OUTPUT"),
                                   "WORKERS": src.fromStaticValue(1), **years}, ["OUTPUT_MAGT"])
    model.updateDestinationParameters()
    assert model.toFile(str(path))
    return path


def test_calibrate_nfactors_simulate_model_runs_headless(prepared, plugin_parent, qgis_process_env, tmp_path):
    model = _chain_model(tmp_path / "calibrate_simulate.model3")
    run = qgis_process_env(plugin_parent)
    table, magt = tmp_path / "table.csv", tmp_path / "magt.tif"
    out = run("run", str(model), "--", f"observations={prepared['csv']}", f"climate={prepared['CLIMATE']}",
              f"soil={prepared['SOIL']}", f"landcover={prepared['LANDCOVER']}",
              f"calibrate:OUTPUT_TABLE={table}", f"simulate:OUTPUT_MAGT={magt}")
    assert "Results" in out, out
    fitted = read_table(str(table))
    assert fitted != read_table()
    values = read_raster(str(magt))[0]
    assert np.isfinite(values).sum() > 100 and np.nanmin(values) > -10 and np.nanmax(values) < 10
