"""Headless smoke test: qgis_process enables the checkout as an installed plugin and lists its algorithms."""

import json

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
    assert set(provider["algorithms"]) == {f"permafrost:{cls.NAME}" for cls in algorithm_classes()}
