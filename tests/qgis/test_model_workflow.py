"""The bundled graphical-modeller model (resources/models/magt_workflow.model3) and the regional run on real
demo data: the model runs headless, runs twice in a row as a batch, and ``permafrost:simulate`` matches the
core column CLI pixel by pixel."""

import json
import math
import os
import subprocess

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import QgsProcessingModelAlgorithm, QgsVectorLayer

from permafrost_magt.core import schema
from permafrost_magt.core.raster_io import Grid, read_raster

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(ROOT, "resources", "models", "magt_workflow.model3")
DEMO = os.path.join(ROOT, "demo", "data")
HWSD = {f"hwsd_{n}": os.path.join(DEMO, f"hwsd_topsoil_{n}_0p05.tif") for n in ("sand", "silt", "clay", "oc")}
DATA = {"stations_csv": os.path.join(DEMO, "stations_wc14_cru_chelsa_ne_china.csv"),
        "dem": os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif"),
        "landcover": os.path.join(DEMO, "mcd12c1_2019_igbp_0p05.tif"), **HWSD}
QUICK = {"first_year": 2010, "last_year": 2010, "dt_days": 5.0, "bottom_m": 30.0, "workers": 2}
OUTPUTS = {"simulate:MAGT": "magt.tif", "simulate:ALT": "alt.tif",
           "permafrost_boundary:BOUNDARY_LINES": "lines.gpkg",
           "permafrost_boundary:EXTENT_POLYGONS": "extent.gpkg",
           "stability_classes:CLASS_POLYGONS": "classes.gpkg"}
WATER_LON, WATER_LAT = 124.775, 49.025  # the one MCD12C1 water pixel (IGBP 0) of the demo land cover


@pytest.fixture
def model(provider):
    alg = QgsProcessingModelAlgorithm()
    assert alg.fromFile(MODEL)
    return alg


def run_model(model, extent, resolution, folder):
    """processing.run of the model over extent = (xmin, ymin, xmax, ymax) in degrees; resolution None = unset."""
    import processing

    os.makedirs(folder, exist_ok=True)
    outputs = {key: os.path.join(folder, name) for key, name in OUTPUTS.items()}
    params = {"extent": f"{extent[0]},{extent[2]},{extent[1]},{extent[3]} [EPSG:4326]", **DATA, **QUICK, **outputs}
    if resolution is not None:
        params["resolution"] = resolution
    return processing.run(model, params), outputs


def features(path):
    layer = QgsVectorLayer(path, "v", "ogr")
    assert layer.isValid(), path
    return list(layer.getFeatures())


def test_model_file_loads_with_name_group_help_and_outputs(model):
    assert model.name() == "Permafrost MAGT workflow" and model.group() == "model"
    assert model.validate()[0], model.validate()[1]
    assert set(OUTPUTS) == {o.name() for o in model.outputDefinitions()}
    assert {"extent", "resolution", "stations_csv", "prefix", "dem", "landcover", *HWSD} <= \
        {p.name() for p in model.parameterDefinitions()}
    assert model.parameterDefinition("resolution").defaultValue() == 0.1
    assert model.parameterDefinition("prefix").defaultValue() == "wc14_tmean_"
    # WorldClim 1.4 columns (1960–1990) go with the central year 1975, an integer
    year = model.parameterDefinition("climatology_year")
    assert year.defaultValue() == 1975 and year.dataType() == year.Integer
    inputs = [p.name() for p in model.parameterDefinitions() if not p.isDestination()]
    assert inputs[:5] == ["extent", "resolution", "stations_csv", "prefix", "dem"]  # workflow order, not by id
    assert inputs[-1] == "workers"
    children = model.childAlgorithms()
    assert {c.algorithmId() for c in children.values()} == {
        "permafrost:prepare_grid", "permafrost:prepare_climate_stations", "permafrost:prepare_soil_hwsd",
        "permafrost:prepare_nfactors", "permafrost:simulate", "permafrost:permafrost_boundary",
        "permafrost:stability_classes"}
    assert model.dependsOnChildAlgorithms("simulate") == {"prepare_grid", "prepare_climate_stations",
                                                          "prepare_soil_hwsd", "prepare_nfactors"}
    help_content = model.helpContent()
    assert help_content["ALG_DESC"] and all(help_content.get(p.name()) for p in model.parameterDefinitions()
                                            if not p.isDestination())


def test_model_runs_headless_and_writes_every_output(model, tmp_path):
    # 122–125 E, 49–53.2 N at 0.2°: from sub-stable permafrost in the north to unfrozen ground in the south
    results, outputs = run_model(model, (122.0, 49.0, 125.0, 53.2), 0.2, str(tmp_path))
    template = Grid.of(results["CHILD_RESULTS"]["prepare_grid"]["OUTPUT"])
    assert (template.cols, template.rows) == (15, 21)
    np.testing.assert_allclose(template.geotransform, (122.0, 0.2, 0.0, 53.2, 0.0, -0.2), atol=1e-9)
    for key in ("simulate:MAGT", "simulate:ALT"):
        assert results[key] == outputs[key]
        grid = Grid.of(outputs[key])
        assert grid.same_as(template)
        assert gdal.Open(outputs[key]).GetSpatialRef().GetAuthorityCode(None) == "4326"
    magt = read_raster(outputs["simulate:MAGT"])[0]
    alt = read_raster(outputs["simulate:ALT"])[0]
    assert np.isfinite(magt).all()
    assert np.nanmin(magt) < -1.5 and np.nanmax(magt) > 0.0  # cold north, unfrozen south
    assert np.isfinite(alt[magt < -0.5]).all() and np.isnan(alt[magt > 0.5]).all()
    assert np.nanmean(magt[:5]) < np.nanmean(magt[-5:])  # the northern rows are colder
    lines = features(outputs["permafrost_boundary:BOUNDARY_LINES"])
    extent = features(outputs["permafrost_boundary:EXTENT_POLYGONS"])
    classes = features(outputs["stability_classes:CLASS_POLYGONS"])
    assert lines and all(f["length_km"] > 0 for f in lines)
    assert extent and all(f["area_km2"] > 0 for f in extent)
    assert {f["code"] for f in classes} >= {0, 3, 4}  # no permafrost, sub-stable, transitional
    # the permafrost extent covers the MAGT < 0 °C pixels: the polygons' area is their ellipsoidal area
    assert sum(f["area_km2"] for f in extent) == pytest.approx(
        results["CHILD_RESULTS"]["permafrost_boundary"]["RASTER_AREA_KM2"], rel=1e-6)


def test_two_regions_run_one_after_another_into_separate_outputs(model, tmp_path):
    north, _ = run_model(model, (122.0, 51.6, 124.4, 53.2), 0.2, str(tmp_path / "north"))
    # resolution left unset: QGIS 3.22 does not apply model-parameter defaults in headless runs, so the
    # model itself falls back to 0.1° (not to the 30″ default of "Prepare model grid")
    south, _ = run_model(model, (122.4, 49.0, 125.0, 50.2), None, str(tmp_path / "south"))
    paths = [north["simulate:MAGT"], south["simulate:MAGT"]]
    assert paths[0] != paths[1] and all(os.path.exists(p) for p in paths)
    grids = [Grid.of(p) for p in paths]
    assert (grids[0].cols, grids[0].rows) == (12, 8) and (grids[1].cols, grids[1].rows) == (26, 12)
    magt_n, magt_s = (read_raster(p)[0] for p in paths)
    assert np.isfinite(magt_n).all() and np.isfinite(magt_s).all()
    assert magt_n.max() < 0.0  # the Mohe–Tahe area is underlain by permafrost everywhere
    assert magt_s.mean() > magt_n.mean() + 1.0
    for run in (north, south):
        for key in OUTPUTS:
            assert os.path.exists(run[key])


# ---------------------------------------------------------------- simulate vs. the core column CLI

def pixel_of(grid, lon, lat):
    x0, dx, _, y0, _, dy = grid.geotransform
    return int((lat - y0) // dy), int((lon - x0) // dx)


def column_spec(climate, soil, nfactors, settings):
    """JSON column spec (core/heat/column_spec.py) of one pixel from its prepared raster values."""
    layers = []
    for i in range(soil.size // len(schema.SOIL_FIELDS)):
        values = dict(zip((f for f, _ in schema.SOIL_FIELDS), soil[i * 8:(i + 1) * 8].tolist()))
        a, b = values.pop("unfrozen_a"), values.pop("unfrozen_b")
        if not math.isfinite(values["thickness_m"]):
            values["thickness_m"] = 1.0  # the substrate reaches the model bottom: its thickness is unused
        layers.append({**values, "unfrozen_water": {"a": a, "b": b} if a > 0 else None})
    return {"layers": layers, "grid": {"bottom_m": settings["BOTTOM_M"], "top_dz_m": 0.02},
            "monthly_air_temperature_c": climate.tolist(), "n_freezing": float(nfactors[0]),
            "n_thawing": float(nfactors[1]), "geothermal_flux_w_m2": settings["GEOTHERMAL_FLUX"],
            "initial_temperature_c": "equilibrium", "spinup_years": 0, "days": 365,
            "dt_days": settings["DT_DAYS"], "output_depths_m": [10.0]}


def test_simulate_equals_column_cli_at_known_pixels_and_keeps_water_nodata(run_alg, tmp_path):
    # 124.6–125.0 E, 49.0–51.0 N (larch forest with warm permafrost in the north, cropland in the south) on the
    # 0.05° grid of the land cover, so that its water pixel stays water
    grid_tif = run_alg("prepare_grid", {"EXTENT": "124.6,125.0,49.0,51.0 [EPSG:4326]", "RESOLUTION": 0.05,
                                        "OUTPUT": str(tmp_path / "grid.tif")})["OUTPUT"]
    prepared = {
        "CLIMATE": run_alg("prepare_climate_stations", {
            "STATIONS_CSV": DATA["stations_csv"], "DEM": DATA["dem"], "TEMPLATE": grid_tif,
            "OUTPUT": str(tmp_path / "climate.tif")})["OUTPUT"],
        "SOIL": run_alg("prepare_soil_hwsd", {
            "SAND": HWSD["hwsd_sand"], "SILT": HWSD["hwsd_silt"], "CLAY": HWSD["hwsd_clay"], "OC": HWSD["hwsd_oc"],
            "TEMPLATE": grid_tif, "BOTTOM_M": 30.0, "OUTPUT": str(tmp_path / "soil.tif")})["OUTPUT"],
        "NFACTORS": run_alg("prepare_nfactors", {"LANDCOVER": DATA["landcover"], "TEMPLATE": grid_tif,
                                                 "OUTPUT": str(tmp_path / "nfactors.tif")})["OUTPUT"],
    }
    settings = {"FIRST_YEAR": 2010, "LAST_YEAR": 2010, "TREND": 0.0, "DT_DAYS": 5.0, "BOTTOM_M": 30.0,
                "GEOTHERMAL_FLUX": 0.06, "SPINUP_YEARS": 0, "SKIP_WARM_TTOP": None, "WORKERS": 2}
    magt_tif = str(tmp_path / "magt.tif")
    result = run_alg("simulate", {**prepared, **settings, "OUTPUT_MAGT": magt_tif, "OUTPUT_ALT": None})
    grid = Grid.of(grid_tif)
    assert (grid.cols, grid.rows) == (8, 40) and Grid.of(magt_tif).same_as(grid)
    magt = read_raster(magt_tif)[0]
    water = pixel_of(grid, WATER_LON, WATER_LAT)
    assert np.isnan(read_raster(prepared["NFACTORS"])[:, water[0], water[1]]).all()
    assert np.isnan(magt[water])
    assert result["PIXELS"] == 8 * 40 - 1 and np.isfinite(magt).sum() == 8 * 40 - 1

    climate, soil, nfactors = (read_raster(prepared[k]) for k in ("CLIMATE", "SOIL", "NFACTORS"))
    pixels = [pixel_of(grid, lon, lat) for lon, lat in ((124.725, 50.975), (124.775, 50.725), (124.875, 49.125))]
    specs = [column_spec(climate[:, r, c], soil[:, r, c], nfactors[:, r, c], settings) for r, c in pixels]
    spec_path, out_path = tmp_path / "columns.json", tmp_path / "result.json"
    spec_path.write_text(json.dumps(specs))
    done = subprocess.run(["/usr/bin/python3", "-m", "core", "column", str(spec_path), "--out", str(out_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    expected = [r["magt_10m_c"] for r in json.loads(out_path.read_text())]
    assert len({tuple(spec["layers"][0].values())[:3] + (spec["n_freezing"],) for spec in specs}) == 3
    assert min(expected) < 0.0 < max(expected)  # permafrost (latent heat at 10 m) and unfrozen ground
    np.testing.assert_allclose([magt[r, c] for r, c in pixels], expected, atol=1e-4)
