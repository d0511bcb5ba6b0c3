"""Running blocks in this process or in a pool of spawned worker processes (safe inside QGIS).

Inside QGIS ``sys.executable`` is the QGIS program, not Python, so the pool is told which Python
to start (``python_executable``). The "spawn" start method is used on every platform: forking a
running Qt application is not safe.
"""

import multiprocessing
import os
import sys

import numpy as np

from ..heat import Cancelled

POLL_SECONDS = 0.2


def python_executable():
    """The Python interpreter to start workers with, also when running embedded in QGIS."""
    names = ["python.exe", "pythonw.exe"] if os.name == "nt" else \
        [f"python{sys.version_info.major}.{sys.version_info.minor}", f"python{sys.version_info.major}"]
    base = os.path.basename(sys.executable or "").lower()
    if base.startswith("python"):
        return sys.executable
    folders = [sys.exec_prefix] if os.name == "nt" else [os.path.join(sys.exec_prefix, "bin")]
    for folder in folders:
        for name in names:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
    raise RuntimeError("cannot find the Python interpreter for parallel workers; use 1 worker")


def block_results(values, valid):
    """Scatter per-pixel values (bands, npix) back to a (bands, rows, cols) block with NaN elsewhere."""
    out = np.full((values.shape[0],) + valid.shape, np.nan)
    out[:, valid] = values
    return out


def _work(job):
    from .run import simulate_block

    checked, settings, window = job
    results, stats = simulate_block(checked, settings, window)
    return window, results, stats


def run_blocks(checked, settings, windows, is_cancelled=None):
    """Yield (window, results, stats) for every window, in order; raise ``Cancelled`` on cancel."""
    cancelled = is_cancelled or (lambda: False)
    if settings.workers == 1 or len(windows) == 1:
        from .run import simulate_block

        for window in windows:
            if cancelled():
                raise Cancelled("regional run cancelled")
            yield (window,) + simulate_block(checked, settings, window, is_cancelled=cancelled)
        return
    ctx = multiprocessing.get_context("spawn")
    ctx.set_executable(python_executable())
    pool = ctx.Pool(min(settings.workers, len(windows)))
    try:
        pending = pool.imap(_work, [(checked, settings, w) for w in windows])
        for _ in windows:
            while True:
                if cancelled():
                    raise Cancelled("regional run cancelled")
                try:
                    yield pending.next(timeout=POLL_SECONDS)
                    break
                except multiprocessing.TimeoutError:
                    continue
        pool.close()
    finally:
        pool.terminate()
        pool.join()
