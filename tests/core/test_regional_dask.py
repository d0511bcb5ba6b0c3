"""Regional run on Dask (DASK_SCHEDULER): a LocalCluster and a scheduler with two workers started as separate
processes give the local run's GeoTIFFs byte for byte, also when a worker is killed mid-run; cancel, a failing
block, a missing Dask and an unreachable scheduler leave no output and say what is wrong."""

import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import time
from importlib.util import find_spec

import numpy as np
import pytest
from osgeo import gdal
from regional_fixtures import COLS, GRID, ROWS, write_inputs

from core import schema
from core.heat import Cancelled
from core.raster_io import Grid, read_raster, write_raster
from core.regional import ModelSettings, RegionInputs, run_region
from core.regional.dask_engine import CONNECT_SECONDS

needs_dask = pytest.mark.skipif(find_spec("distributed") is None, reason="Dask distributed is not installed")
REPEAT = 4  # the fixture's rows, stacked 4 times: 12 one-row blocks
SETTINGS = dict(first_year=2010, last_year=2010, dt_days=5.0, bottom_m=30.0, top_dz_m=0.05, batch_columns=COLS)
KEYS = ("magt", "alt", "diagnostics")


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """A 12 × 4 region (the regional fixture repeated downwards) and its outputs from the local run."""
    folder = tmp_path_factory.mktemp("region")
    _, arrays = write_inputs(folder)
    x0, y0 = GRID.geotransform[0], GRID.geotransform[3]
    res = GRID.geotransform[1]
    grid = Grid.from_extent(x0, y0 - REPEAT * ROWS * res, x0 + COLS * res, y0, res)
    names = {"climate": list(schema.CLIMATE_BANDS), "soil": schema.soil_band_names(2),
             "nfactors": list(schema.NFACTOR_BANDS)}
    paths = {key: write_raster(str(folder / f"tall_{key}.tif"), np.tile(arrays[key], (1, REPEAT, 1)), grid,
                               names[key]) for key in names}
    inputs = RegionInputs(paths["climate"], paths["soil"], paths["nfactors"])
    reference = run(folder / "local", inputs, "")
    return inputs, reference


def run(folder, inputs, scheduler, **kwargs):
    outputs = {k: str(folder / f"{k}.tif") for k in KEYS}
    run_region(inputs, ModelSettings(**SETTINGS, dask_scheduler=scheduler), outputs, log=lambda *_: None, **kwargs)
    return outputs


def assert_identical(outputs, reference):
    for key in KEYS:
        np.testing.assert_array_equal(read_raster(outputs[key]), read_raster(reference[key]))
        with open(outputs[key], "rb") as a, open(reference[key], "rb") as b:
            assert a.read() == b.read(), f"{key}: GeoTIFF bytes differ"


def assert_no_output(folder):
    assert not folder.exists() or os.listdir(folder) == []


def assert_cluster_closed(seconds=20.0):
    """The LocalCluster's worker processes are gone (on a loaded machine the nanny may need a few seconds)."""
    deadline = time.monotonic() + seconds
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert multiprocessing.active_children() == []


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A scheduler and two single-thread workers on 127.0.0.1, as separate processes that cannot import
    the plugin themselves (its core reaches them through the run); always stopped at the end."""
    folder = tmp_path_factory.mktemp("cluster")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    processes = []

    def start(module, *args, log):
        with open(folder / log, "w") as out:
            processes.append(subprocess.Popen([sys.executable, "-m", f"distributed.cli.{module}", *args],
                                              cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT,
                                              start_new_session=True))

    try:
        start("dask_scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
              "--scheduler-file", str(folder / "scheduler.json"), log="scheduler.log")
        address = _scheduler_address(folder / "scheduler.json", processes[0])
        for i in range(2):
            start("dask_worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                  "--no-dashboard", "--local-directory", str(folder / f"worker{i}"), log=f"worker{i}.log")
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in processes:
            _stop(process)


def _scheduler_address(path, process):
    import json

    for _ in range(600):
        if path.exists() and path.stat().st_size:
            return json.loads(path.read_text())["address"]
        assert process.poll() is None, "the Dask scheduler did not start"
        time.sleep(0.1)
    raise AssertionError("the Dask scheduler wrote no address")


def _stop(process):
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=20)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


@needs_dask
def test_local_cluster_equals_local_run(tmp_path, region):
    inputs, reference = region
    seen, environment = [], dict(os.environ)
    assert_identical(run(tmp_path / "out", inputs, "local:2", progress=seen.append), reference)
    for key in ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        assert os.environ.get(key) == environment.get(key)  # Dask's worker settings stay out of this process
    assert len(seen) > 2 and seen == sorted(seen) and seen[-1] == 1.0  # one report per block, ending at 1
    assert_cluster_closed()


@needs_dask
def test_separate_scheduler_and_workers_equal_local_run(tmp_path, region, cluster):
    inputs, reference = region
    assert_identical(run(tmp_path / "out", inputs, cluster), reference)


@needs_dask
def test_killed_worker_is_replaced_and_results_are_unchanged(tmp_path, region, cluster):
    from distributed import Client

    inputs, reference = region
    with Client(cluster, timeout=30) as client:
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        killed = []

        def kill_after_first_block(fraction):
            if not killed:
                os.kill(victim, signal.SIGKILL)
                killed.append(fraction)

        outputs = run(tmp_path / "out", inputs, cluster, progress=kill_after_first_block)
        assert killed and killed[0] < 1.0
        assert victim not in client.run(os.getpid).values()
    assert_identical(outputs, reference)


@needs_dask
def test_cancel_leaves_no_output_and_stops_the_cluster(tmp_path, region):
    inputs, _ = region
    done = []
    with pytest.raises(Cancelled):
        run(tmp_path / "out", inputs, "local:2", progress=done.append, is_cancelled=lambda: bool(done))
    assert len(done) < ROWS * REPEAT
    assert_no_output(tmp_path / "out")
    assert_cluster_closed()


@needs_dask
def test_failing_block_fails_the_run_with_its_error(tmp_path, region):
    """Inputs in this process's memory (/vsimem/) pass the checks here but no worker can read them."""
    inputs, _ = region
    in_memory = RegionInputs(*(gdal.Translate(f"/vsimem/dask_test_{name}.tif", path).GetDescription()
                               for name, path in (("climate", inputs.climate), ("soil", inputs.soil),
                                                  ("nfactors", inputs.nfactors))))
    try:
        with pytest.raises(ValueError, match="/vsimem/dask_test_climate.tif"):
            run(tmp_path / "out", in_memory, "local:2")
    finally:
        for path in in_memory.__dict__.values():
            if path:
                gdal.Unlink(path)
    assert_no_output(tmp_path / "out")
    assert_cluster_closed()


@needs_dask
def test_unreachable_scheduler_is_a_clear_error_within_seconds(tmp_path, region):
    inputs, _ = region
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    start = time.monotonic()
    with pytest.raises(ValueError, match=rf"Dask scheduler tcp://127.0.0.1:{port}: no answer within"):
        run(tmp_path / "out", inputs, f"tcp://127.0.0.1:{port}")
    assert time.monotonic() - start < 3 * CONNECT_SECONDS  # Dask's own default would wait 30 s per try
    assert_no_output(tmp_path / "out")


def test_missing_dask_explains_how_to_install_it(tmp_path, region, monkeypatch):
    inputs, _ = region
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as where Dask is not installed
    with pytest.raises(ValueError, match=r'apt install python3-distributed.*pip install "dask\[distributed\]"'):
        run(tmp_path / "out", inputs, "local:2")
    assert_no_output(tmp_path / "out")


@pytest.mark.parametrize("value", ["local:0", "local", "localhost:8786", "tcp://", "local:2 tcp://x:1"])
def test_bad_scheduler_values_are_refused(value):
    with pytest.raises(ValueError, match="Dask scheduler: expected empty, local:N"):
        ModelSettings(dask_scheduler=value).check()
