"""An output path that is one of the inputs is refused before anything is written; the input stays intact."""

import hashlib
import os
import shutil
import sys

import pytest
from qgis.core import QgsProcessingContext, QgsProcessingException, QgsProcessingFeedback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "core"))
from regional_fixtures import write_inputs  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO = os.path.join(ROOT, "demo", "data")
SETTINGS = {"FIRST_YEAR": 2010, "LAST_YEAR": 2010, "DT_DAYS": 5.0, "BOTTOM_M": 30.0, "WORKERS": 1}


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


@pytest.fixture
def simulate_inputs(tmp_path):
    paths, _ = write_inputs(tmp_path)
    return {"CLIMATE": paths["climate"], "SOIL": paths["soil"], "NFACTORS": paths["nfactors"]}


def test_simulate_refuses_magt_over_climate(run_alg, simulate_inputs, tmp_path):
    climate = simulate_inputs["CLIMATE"]
    before = digest(climate)
    with pytest.raises(QgsProcessingException, match=r"\(OUTPUT_MAGT\) is the input file .*\(CLIMATE\)"):
        run_alg("simulate", {**simulate_inputs, **SETTINGS, "OUTPUT_MAGT": climate})
    # the same file spelled another way (a link in another folder) is refused too
    os.symlink(os.path.dirname(climate), str(tmp_path / "link"))
    other = os.path.join(str(tmp_path / "link"), os.path.basename(simulate_inputs["SOIL"]))
    with pytest.raises(QgsProcessingException, match=r"\(OUTPUT_ALT\) is the input file .*\(SOIL\)"):
        run_alg("simulate", {**simulate_inputs, **SETTINGS, "OUTPUT_MAGT": str(tmp_path / "m.tif"),
                             "OUTPUT_ALT": other})
    assert digest(climate) == before and not (tmp_path / "m.tif").exists()


def test_refused_on_the_run_path_without_parameter_check(provider, simulate_inputs):
    """Models and qgis_process run an algorithm through run()/prepare(): the guard is in prepareAlgorithm."""
    climate = simulate_inputs["CLIMATE"]
    before = digest(climate)
    alg = provider.algorithm("simulate").create()
    feedback = QgsProcessingFeedback()
    errors = []
    feedback.reportError = lambda text, fatal=False: errors.append(text)
    _, ok = alg.run({**simulate_inputs, **SETTINGS, "OUTPUT_MAGT": climate}, QgsProcessingContext(), feedback)
    assert not ok and any("is the input file" in e for e in errors)
    assert digest(climate) == before


def test_prepare_soil_hwsd_refuses_output_over_template(run_alg, tmp_path):
    template = str(tmp_path / "grid.tif")
    run_alg("prepare_grid", {"EXTENT": "122.0,122.5,52.5,53.0 [EPSG:4326]", "RESOLUTION": 0.05, "OUTPUT": template})
    before = digest(template)
    params = {k: os.path.join(DEMO, f"hwsd_topsoil_{k.lower()}_0p05.tif") for k in ("SAND", "SILT", "CLAY", "OC")}
    with pytest.raises(QgsProcessingException, match=r"\(OUTPUT\) is the input file .*\(TEMPLATE\)"):
        run_alg("prepare_soil_hwsd", {**params, "TEMPLATE": template, "OUTPUT": template})
    assert digest(template) == before


def test_prepare_clip_align_refuses_output_over_input(run_alg, tmp_path):
    dem = str(tmp_path / "dem.tif")
    shutil.copy(os.path.join(DEMO, "dem_itu_p1511_1-12deg.tif"), dem)
    template = str(tmp_path / "grid.tif")
    run_alg("prepare_grid", {"EXTENT": "122.0,122.5,52.5,53.0 [EPSG:4326]", "RESOLUTION": 0.05, "OUTPUT": template})
    before = digest(dem)
    with pytest.raises(QgsProcessingException, match=r"\(OUTPUT\) is the input file .*\(INPUT\)"):
        run_alg("prepare_clip_align", {"INPUT": dem, "TEMPLATE": template, "OUTPUT": dem})
    assert digest(dem) == before
    out = str(tmp_path / "aligned.tif")  # a different output still works
    assert run_alg("prepare_clip_align", {"INPUT": dem, "TEMPLATE": template, "OUTPUT": out})["OUTPUT"] == out
