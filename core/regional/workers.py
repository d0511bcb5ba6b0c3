"""Running independent tasks (blocks) in this process, in a pool of spawned worker processes (safe inside
QGIS) or on a Dask cluster (``dask_engine``), behind one ``open_engine`` API.

Inside QGIS ``sys.executable`` is not reliably this Python: embedded interpreters report the QGIS
program or whatever ``python3`` comes first on PATH. Workers are therefore started with an
interpreter found beside this one's standard library and checked to load the same NumPy. The
"spawn" start method is used on every platform (forking a running Qt application is not safe). A
shared event tells the workers to stop, so cancel takes effect within a few solver steps, and a
worker that dies makes the run fail instead of hang. Each worker watches its parent and exits as soon
as the parent is gone (e.g. ``qgis_process`` killed with SIGKILL), so no worker outlives the run;
the resource tracker then exits too, when its last user has closed its pipe.
"""

import ast
import functools
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from multiprocessing.connection import wait as wait_for_sentinels

import numpy as np
from osgeo import gdal

from ..heat import Cancelled
from ..raster_io import RUN_CACHE_BYTES

POLL_SECONDS = 0.2
PARENT_POLL_SECONDS = 0.5
_STOP = None  # the pool's stop event, set in each worker by _init_worker


def _candidates():
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    if os.name == "nt":
        names = [os.path.join(sys.exec_prefix, "python.exe"), os.path.join(sys.base_exec_prefix, "python.exe")]
    else:
        names = [os.path.join(prefix, "bin", name) for prefix in (sys.exec_prefix, sys.base_exec_prefix)
                 for name in (f"python{version}", "python3")]
    return names + [sys.executable]


@functools.lru_cache(maxsize=1)
def python_executable():
    """A Python interpreter that loads this process's NumPy, for starting workers (also inside QGIS)."""
    probe = "import sys, numpy; print(numpy.__file__)"
    for candidate in _candidates():
        if not candidate or not os.path.isfile(candidate):
            continue
        try:
            done = subprocess.run([candidate, "-c", probe], capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            continue
        if done.returncode == 0 and os.path.samefile(done.stdout.strip(), np.__file__):
            return candidate
    raise RuntimeError("no Python interpreter for parallel workers was found beside this one "
                       f"(tried {', '.join(c for c in _candidates() if c)}); use 1 worker")


def _has_main_guard(tree):
    """True when a module has a top-level ``if __name__ == "__main__":`` block."""
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            names = [node.test.left, *node.test.comparators]
            if any(isinstance(n, ast.Name) and n.id == "__name__" for n in names) and \
                    any(isinstance(n, ast.Constant) and n.value == "__main__" for n in names):
                return True
    return False


def check_main_script():
    """Refuse to start workers from a script whose processing would run again in every worker.

    Spawned workers import the main script (as ``__mp_main__``), so a standalone PyQGIS script that
    calls ``processing.run`` at top level, outside an ``if __name__ == "__main__":`` block, would start
    QGIS and the run again in each worker and break the process pool.
    """
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    if not path or not path.endswith(".py") or not os.path.isfile(path):
        return  # QGIS, qgis_process, an interactive or -c session: nothing is re-imported
    try:
        with open(path, "rb") as f:
            tree = ast.parse(f.read(), path)
    except (OSError, SyntaxError, ValueError):
        return
    if not _has_main_guard(tree):
        raise RuntimeError(f"the script {path} has no 'if __name__ == \"__main__\":' block; worker processes "
                           "import the main script, so its top-level code (QGIS start-up, processing.run) would "
                           "run again in every worker. Put the script's code under that block, or use 1 worker")


def block_results(values, valid):
    """Scatter per-pixel values (bands, npix) back to a (bands, rows, cols) block with NaN elsewhere."""
    out = np.full((values.shape[0],) + valid.shape, np.nan)
    out[:, valid] = values
    return out


def _exit_when_parent_dies(parent_pid):
    """Daemon-thread body: end this worker once the process that started it has died (any platform).

    The parent's sentinel (a pipe end on POSIX, a process handle on Windows) becomes ready when the
    parent exits; on POSIX a change of ``os.getppid()`` (re-parenting) is checked as well.
    """
    parent = multiprocessing.parent_process()
    while True:
        if parent is not None:
            if wait_for_sentinels([parent.sentinel], timeout=PARENT_POLL_SECONDS):
                break
        else:
            time.sleep(PARENT_POLL_SECONDS)
        if os.name != "nt" and os.getppid() != parent_pid:
            break
    os._exit(3)  # nothing to clean up here: a worker's results only go to the (dead) parent


def _init_worker(stop, parent_pid):
    global _STOP
    _STOP = stop
    gdal.SetCacheMax(RUN_CACHE_BYTES)  # this process only reads its blocks: GDAL's default, 5 % of RAM, is waste
    threading.Thread(target=_exit_when_parent_dies, args=(parent_pid,), name="parent-watch", daemon=True).start()


def _work(function, args):
    return function(*args, is_cancelled=_STOP.is_set)


class ProcessEngine:
    """Tasks in this process (1 worker) or in a pool of spawned worker processes, created on first use."""

    def __init__(self, workers):
        self.workers = workers
        self.description = f"{workers} worker process(es)" if workers > 1 else "1 worker (this process)"
        self._pool = self._stop = None

    def map(self, function, tasks, is_cancelled=None):
        """Yield (index, ``function(*tasks[index], is_cancelled=…)``) as tasks complete; raise ``Cancelled``."""
        cancelled = is_cancelled or (lambda: False)
        if self.workers == 1 or len(tasks) == 1:
            for index, args in enumerate(tasks):
                if cancelled():
                    raise Cancelled("run cancelled")
                yield index, function(*args, is_cancelled=cancelled)
            return
        if self._pool is None:
            check_main_script()
            ctx = multiprocessing.get_context("spawn")
            ctx.set_executable(python_executable())
            self._stop = ctx.Event()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                             initargs=(self._stop, os.getpid()))
        self._stop.clear()
        pending = {self._pool.submit(_work, function, args): i for i, args in enumerate(tasks)}
        try:
            while pending:
                if cancelled():
                    raise Cancelled("run cancelled")
                done, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()  # no reference kept to a yielded result
        except BrokenProcessPool:
            raise RuntimeError("a worker process ended abruptly (out of memory, killed, or the main script has no "
                               "'if __name__ == \"__main__\":' block); rerun with 1 worker to see the error") from None
        finally:
            if pending:
                self._stop.set()
                for future in pending:
                    future.cancel()

    def close(self):
        if self._pool is not None:
            self._stop.set()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = self._stop = None  # free the event's semaphores now, not when a traceback drops this frame


@contextmanager
def open_engine(scheduler="", workers=1):
    """The engine that runs independent tasks: ``scheduler`` empty → local worker processes (``workers``);
    ``local:N`` or ``tcp://host:port`` → Dask (see ``dask_engine``). Closed (cluster included) on exit.

    ``engine.map(function, tasks, is_cancelled)`` yields (index, result) as tasks complete;
    ``function`` must be importable (module level) and take ``is_cancelled`` as a keyword;
    ``engine.workers`` is the number of tasks that run at once.
    """
    if (scheduler or "").strip():
        from .dask_engine import DaskEngine

        engine = DaskEngine(scheduler)
    else:
        engine = ProcessEngine(workers)
    try:
        yield engine
    finally:
        engine.close()
