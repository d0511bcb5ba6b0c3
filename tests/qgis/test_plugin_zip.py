"""`make zip` builds a zip that "Install from ZIP" accepts and that QGIS loads."""

import json
import os
import subprocess
import zipfile

from permafrost_magt.algorithms.provider import algorithm_classes

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_zip_structure_and_qgis_loads_it(tmp_path, qgis_process_env):
    out = tmp_path / "permafrost_magt.zip"
    subprocess.run(["make", "-s", "zip", f"ZIP={out}"], cwd=ROOT, check=True, capture_output=True)
    with zipfile.ZipFile(out) as z:
        names = z.namelist()
        z.extractall(tmp_path / "plugins")
    assert {n.split("/")[0] for n in names} == {"permafrost_magt"}
    for required in ("metadata.txt", "__init__.py", "plugin.py", "LICENSE", "algorithms/provider.py",
                     "core/heat/__init__.py", "resources/icon.svg", "README.md", "i18n/permafrost_magt_zh_CN.qm",
                     "resources/icons/group_model.svg", "resources/models/magt_workflow.model3"):
        assert f"permafrost_magt/{required}" in names, required
    forbidden = [n for n in names if "/tests/" in n or "__pycache__" in n or "/.git" in n or "/.venv" in n]
    assert not forbidden, forbidden

    run = qgis_process_env(tmp_path / "plugins", locale="zh_CN")
    assert json.loads(run("--json", "plugins"))["plugins"]["permafrost_magt"]["loaded"] is True
    provider = json.loads(run("--json", "list"))["providers"]["permafrost"]
    assert set(provider["algorithms"]) == {f"permafrost:{cls.NAME}" for cls in algorithm_classes()} | {
        "permafrost:Permafrost MAGT workflow"}
    assert provider["name"] == "多年冻土地温"  # the translation ships in the zip
