"""Headless smoke test: qgis_process enables the checkout as an installed plugin and lists its algorithms."""

import json
from importlib.util import find_spec

import pytest

from permafrost_magt.algorithms.provider import algorithm_classes


@pytest.fixture(scope="module")
def qgis_process(qgis_process_env, plugin_parent):
    return qgis_process_env(plugin_parent)


def test_plugin_is_enabled(qgis_process):
    plugins = json.loads(qgis_process("--json", "plugins"))["plugins"]
    assert plugins["permafrost_magt"]["loaded"] is True


def test_permafrost_algorithms_are_listed(qgis_process):
    provider = json.loads(qgis_process("--json", "list"))["providers"]["permafrost"]
    assert provider["name"] == "Permafrost ground temperature"
    assert set(provider["algorithms"]) == {f"permafrost:{cls.NAME}" for cls in algorithm_classes()} | {
        "permafrost:Permafrost MAGT workflow"}  # the bundled model


def test_simulate_with_two_workers_inside_qgis_process(qgis_process, tmp_path):
    """Spawned workers and Dask workers start from inside QGIS (where sys.executable is not Python) and give
    the same map."""
    import os
    import sys

    import numpy as np

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "core"))
    from regional_fixtures import write_inputs

    from permafrost_magt.core.raster_io import read_raster

    paths, _ = write_inputs(tmp_path)
    common = [f"CLIMATE={paths['climate']}", f"SOIL={paths['soil']}", f"NFACTORS={paths['nfactors']}",
              "FIRST_YEAR=2010", "LAST_YEAR=2010", "DT_DAYS=5", "BOTTOM_M=30", "BATCH_COLUMNS=4"]
    runs = [("WORKERS=1", "one"), ("WORKERS=2", "two")]
    if find_spec("distributed") is not None:  # a Dask LocalCluster started from inside QGIS
        runs.append(("DASK_SCHEDULER=local:2", "dask"))
    maps = []
    for setting, name in runs:
        out = tmp_path / f"magt_{name}.tif"
        text = qgis_process("--json", "run", "permafrost:simulate", "--", *common, setting,
                            f"OUTPUT_MAGT={out}", "OUTPUT_ALT=TEMPORARY_OUTPUT")
        assert json.loads(text)["results"]["PIXELS"] == 10
        maps.append(read_raster(str(out)))
        assert (tmp_path / f"magt_{name}.qml").exists()
    for other in maps[1:]:
        np.testing.assert_array_equal(maps[0], other)
