"""The "simulate" algorithm under processing.run: outputs on the right grid, styled, NoData kept, cancel clean."""

import os
import sys
from importlib.util import find_spec

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


def test_log_ends_with_a_results_summary_of_the_written_rasters(run_alg, prepared, tmp_path):
    class Log(QgsProcessingFeedback):
        lines = []

        def pushInfo(self, info):  # noqa: N802 (QGIS API name)
            self.lines.append(info)

    feedback = Log()
    out = {"OUTPUT_MAGT": str(tmp_path / "magt.tif"), "OUTPUT_ALT": str(tmp_path / "alt.tif")}
    run_alg("simulate", {**prepared, **SETTINGS, **out}, feedback=feedback)
    magt, alt = (read_raster(out[k])[0] for k in ("OUTPUT_MAGT", "OUTPUT_ALT"))
    results = [line for line in feedback.lines if line.startswith("Results: MAGT")]
    assert len(results) == 1
    frozen, n = int((magt < 0).sum()), int(np.isfinite(magt).sum())
    assert f"from {np.nanmin(magt):.2f} to {np.nanmax(magt):.2f} °C (mean {np.nanmean(magt):.2f} °C)" in results[0]
    assert f"in {frozen} of {n} pixels ({100 * frozen / n:.1f} %)" in results[0]
    alt_line = feedback.lines[feedback.lines.index(results[0]) + 1]
    assert np.isfinite(alt).any() and alt_line.startswith("Active-layer thickness")
    assert f"(mean {np.nanmean(alt):.2f} m) in {int(np.isfinite(alt).sum())} pixels" in alt_line


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
