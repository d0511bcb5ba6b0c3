"""The "simulate" algorithm under processing.run: outputs on the right grid, styled, NoData kept, cancel clean."""

import os
import sys

import numpy as np
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsRasterLayer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "core"))
from regional_fixtures import GRID, write_inputs  # noqa: E402

from permafrost_magt.core.raster_io import Grid, read_raster  # noqa: E402

SETTINGS = {"FIRST_YEAR": 2010, "LAST_YEAR": 2010, "DT_DAYS": 5.0, "BOTTOM_M": 30.0, "WORKERS": 1,
            "BATCH_COLUMNS": 4}


@pytest.fixture
def prepared(tmp_path):
    paths, _ = write_inputs(tmp_path)
    return {"CLIMATE": paths["climate"], "SOIL": paths["soil"], "NFACTORS": paths["nfactors"]}


def test_outputs_are_georeferenced_styled_and_keep_nodata(run_alg, prepared, tmp_path):
    out = {name: str(tmp_path / f"{name.lower()}.tif") for name in ("OUTPUT_MAGT", "OUTPUT_ALT", "OUTPUT_TTOP",
                                                                  "OUTPUT_PRESENCE", "OUTPUT_MAGT_DEPTHS")}
    result = run_alg("simulate", {**prepared, **SETTINGS, **out, "OUTPUT_DEPTHS": "1, 10, 20"})
    assert result["PIXELS"] == 10
    for name, path in out.items():
        assert result[name] == path and os.path.exists(path)
        assert Grid.of(path).same_as(GRID)
        qml = os.path.splitext(path)[0] + ".qml"
        assert os.path.exists(qml), f"{name} has no sidecar style"
        layer = QgsRasterLayer(path, name)
        assert layer.isValid() and layer.crs().authid() == "EPSG:4326"
        assert layer.renderer().type() in ("singlebandpseudocolor", "paletted")
    magt = read_raster(out["OUTPUT_MAGT"])[0]
    assert np.isnan(magt[0, 0]) and np.isnan(magt[2, 3]) and np.isfinite(magt).sum() == 10
    depths = read_raster(out["OUTPUT_MAGT_DEPTHS"])
    assert depths.shape[0] == 3
    np.testing.assert_allclose(depths[1], magt, equal_nan=True, atol=1e-6)


def test_cancel_leaves_no_output(run_alg, prepared, tmp_path):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    path = tmp_path / "out" / "magt.tif"
    with pytest.raises(QgsProcessingException, match="Cancelled: no output was written"):  # qgis_process exits 1
        run_alg("simulate", {**prepared, **SETTINGS, "OUTPUT_MAGT": str(path), "OUTPUT_ALT": "TEMPORARY_OUTPUT"},
                feedback=feedback)
    assert not path.exists()
    assert not any(p.suffix == ".tif" for p in path.parent.glob("*")) if path.parent.exists() else True


def test_bad_input_names_the_input(run_alg, prepared, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="Soil thermal properties"):
        run_alg("simulate", {**prepared, **SETTINGS, "SOIL": prepared["NFACTORS"],
                             "OUTPUT_MAGT": str(tmp_path / "magt.tif")})
    assert not (tmp_path / "magt.tif").exists()
