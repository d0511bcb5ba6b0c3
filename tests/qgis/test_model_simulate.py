"""The "simulate" algorithm under processing.run: outputs on the right grid, styled, NoData kept, cancel clean."""

import os
import sys
from importlib.util import find_spec

import numpy as np
import pytest
from qgis.core import QgsProcessingFeedback, QgsRasterLayer

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


@pytest.mark.skipif(find_spec("distributed") is None, reason="Dask distributed is not installed")
def test_dask_local_cluster_gives_the_local_result(run_alg, prepared, tmp_path):
    local, dask = (str(tmp_path / name / "magt.tif") for name in ("local", "dask"))
    run_alg("simulate", {**prepared, **SETTINGS, "OUTPUT_MAGT": local, "OUTPUT_ALT": str(tmp_path / "alt1.tif")})
    result = run_alg("simulate", {**prepared, **SETTINGS, "DASK_SCHEDULER": "local:2", "OUTPUT_MAGT": dask,
                                  "OUTPUT_ALT": str(tmp_path / "alt2.tif")})
    assert result["PIXELS"] == 10
    np.testing.assert_array_equal(read_raster(dask), read_raster(local))
    np.testing.assert_array_equal(read_raster(str(tmp_path / "alt2.tif")), read_raster(str(tmp_path / "alt1.tif")))


def test_bad_dask_scheduler_is_refused(run_alg, prepared, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="Dask scheduler: expected empty, local:N"):
        run_alg("simulate", {**prepared, **SETTINGS, "DASK_SCHEDULER": "localhost",
                             "OUTPUT_MAGT": str(tmp_path / "magt.tif")})
    assert not (tmp_path / "magt.tif").exists()
