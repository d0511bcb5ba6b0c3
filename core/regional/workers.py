"""Running independent tasks (blocks) in this process, in a pool of spawned worker processes (safe inside
QGIS) or on a Dask cluster (``dask_engine``), behind one ``open_engine`` API.

Inside QGIS ``sys.executable`` is not reliably this Python: embedded interpreters report the QGIS
program or whatever ``python3`` comes first on PATH. Workers are therefore started with an
interpreter found beside this one's standard library and checked to load the same NumPy. The
"spawn" start method is used on every platform (forking a running Qt application is not safe). A
shared event tells the workers to stop, so cancel takes effect within a few solver steps, and a
worker that dies makes the run fail instead of hang.
"""

import functools
import multiprocessing
import os
import subprocess
import sys
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager

import numpy as np

from ..heat import Cancelled

POLL_SECONDS = 0.2
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


def block_results(values, valid):
    """Scatter per-pixel values (bands, npix) back to a (bands, rows, cols) block with NaN elsewhere."""
    out = np.full((values.shape[0],) + valid.shape, np.nan)
    out[:, valid] = values
    return out


def _init_worker(stop):
    global _STOP
    _STOP = stop


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
            ctx = multiprocessing.get_context("spawn")
            ctx.set_executable(python_executable())
            self._stop = ctx.Event()
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                             initargs=(self._stop,))
        self._stop.clear()
        pending = {self._pool.submit(_work, function, args): i for i, args in enumerate(tasks)}
        try:
            while pending:
                if cancelled():
                    raise Cancelled("run cancelled")
                done, _ = wait(pending, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()  # no reference kept to a yielded result
        finally:
            if pending:
                self._stop.set()
                for future in pending:
                    future.cancel()

    def close(self):
        if self._pool is not None:
            self._stop.set()
            self._pool.shutdown(wait=True, cancel_futures=True)


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
