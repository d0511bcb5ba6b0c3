"""Design rule: nothing under core/ imports qgis, and core imports itself only relatively."""

import ast
import pathlib

CORE = pathlib.Path(__file__).resolve().parents[2] / "core"


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, 0
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", node.level


def test_core_has_no_qgis_and_only_relative_self_imports():
    files = sorted(CORE.rglob("*.py"))
    assert files, "core/ holds no Python files"
    offences = []
    for path in files:
        for module, level in imported_modules(path):
            top = module.split(".")[0]
            if level == 0 and top in ("qgis", "processing", "PyQt5", "core", "permafrost_magt"):
                offences.append(f"{path.relative_to(CORE.parent)} imports {module}")
    assert not offences, "\n".join(offences)


def test_core_cli_lists_subcommands():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "core", "--help"], cwd=CORE.parent, capture_output=True, text=True)
    assert done.returncode == 0
    assert "column" in done.stdout
    bad = subprocess.run([sys.executable, "-m", "core", "nonsense"], cwd=CORE.parent, capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown sub-command" in bad.stderr
