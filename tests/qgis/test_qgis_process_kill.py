"""qgis_process killed with SIGKILL during "simulate": no process of the run survives, no temporary stays."""

import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "core"))
from regional_fixtures import MOHE_MONTHLY, ROCK, SILT, write_inputs  # noqa: E402

from permafrost_magt.core import schema  # noqa: E402
from permafrost_magt.core.raster_io import Grid, write_raster  # noqa: E402

QGIS_PROCESS = "/usr/bin/qgis_process.bin"  # as in conftest.py (Debian's wrapper script is broken)
pytestmark = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads process sessions from /proc")


def session_processes(sid):
    """Live (not zombie) processes of session ``sid``: the qgis_process run, its workers, the resource tracker."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # ended meanwhile
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append((int(entry), cmd))
    return found


def region(folder, rows=20, cols=20):
    """Climate, soil and n-factor rasters of a rows×cols region: a run of some seconds with 2 workers."""
    grid = Grid.from_extent(122.0, 52.0, 122.0 + cols * 0.01, 52.0 + rows * 0.01, 0.01)
    shift = np.linspace(-2.0, 2.0, rows * cols).reshape(rows, cols)
    soil = np.stack([np.full((rows, cols), layer[f]) for layer in (SILT, ROCK) for f, _ in schema.SOIL_FIELDS])
    nf = np.stack([np.full((rows, cols), 0.6), np.full((rows, cols), 0.9)])
    return {"CLIMATE": write_raster(str(folder / "climate.tif"), MOHE_MONTHLY[:, None, None] + shift, grid,
                                    list(schema.CLIMATE_BANDS), ["degC"] * 12),
            "SOIL": write_raster(str(folder / "soil.tif"), soil, grid, schema.soil_band_names(2),
                                 schema.soil_band_units(2), {"N_LAYERS": 2}),
            "NFACTORS": write_raster(str(folder / "nfactors.tif"), nf, grid, list(schema.NFACTOR_BANDS))}


def test_sigkill_mid_run_leaves_no_process_and_next_run_no_temporary(qgis_process_env, plugin_parent, tmp_path):
    run = qgis_process_env(plugin_parent)
    out = tmp_path / "out"
    out.mkdir()
    args = [f"{k}={v}" for k, v in region(tmp_path).items()] + [
        "FIRST_YEAR=2010", "LAST_YEAR=2010", "DT_DAYS=5", "BOTTOM_M=30", "WORKERS=2", "BATCH_COLUMNS=20",
        f"OUTPUT_MAGT={out / 'magt.tif'}", f"OUTPUT_ALT={out / 'alt.tif'}"]
    with open(tmp_path / "log.txt", "w") as log:
        proc = subprocess.Popen([QGIS_PROCESS, "run", "permafrost:simulate", "--", *args], env=run.env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and proc.poll() is None:  # wait for the workers and the temporaries
            workers = [p for p, cmd in session_processes(proc.pid) if "spawn_main" in cmd]
            if len(workers) == 2 and any(f".{proc.pid}-" in n for n in os.listdir(out)):
                break
            time.sleep(0.2)
        assert proc.poll() is None, "the run ended before it could be killed:\n" + (tmp_path / "log.txt").read_text()
        time.sleep(1.0)  # workers busy on their blocks
        assert len(session_processes(proc.pid)) >= 4  # qgis_process, 2 workers, resource tracker
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while session_processes(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        survivors = session_processes(proc.pid)
        assert survivors == [], f"still running after the run was killed: {survivors}"
    finally:
        for pid, _ in session_processes(proc.pid):  # only processes of this test's run
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert any(".part" in n for n in os.listdir(out))  # SIGKILL leaves the run no chance to clean up

    small, _ = write_inputs(tmp_path)  # the next run into that folder removes the dead run's temporaries
    run("run", "permafrost:simulate", "--", f"CLIMATE={small['climate']}", f"SOIL={small['soil']}",
        f"NFACTORS={small['nfactors']}", "FIRST_YEAR=2010", "LAST_YEAR=2010", "DT_DAYS=5", "BOTTOM_M=30",
        f"OUTPUT_MAGT={out / 'magt.tif'}", "OUTPUT_ALT=TEMPORARY_OUTPUT")
    assert sorted(os.listdir(out)) == ["magt.qml", "magt.tif"]
