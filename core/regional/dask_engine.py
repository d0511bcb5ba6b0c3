"""Independent tasks on a Dask distributed cluster: a ``LocalCluster`` started for the run or an existing one.

Dask is optional: it is imported only when a scheduler is asked for. The workers need NumPy, SciPy
and GDAL but not this plugin: its ``core`` package is sent to every worker as a zip (a worker
plugin, so workers that join or restart later get it too). Workers read their own input windows,
so input paths must be visible to them (shared file system, ``/vsicurl/``, ``/vsis3/``); only
results travel back to the client, which writes them.
"""

import io
import multiprocessing
import os
import re
import time
import warnings
import zipfile

from ..heat import Cancelled
from .workers import python_executable

CONNECT_SECONDS = 10
"""How long to wait for a scheduler to answer and for at least one of its workers, s."""
POLL_SECONDS = 0.2
INSTALL_HINT = ('Dask distributed is not installed; install it with "apt install python3-distributed" '
                '(Debian/Ubuntu) or "pip install "dask[distributed]"" in the Python that runs QGIS')
_ADDRESS = re.compile(r"(tcp|tls|ucx|ws|wss)://\S+")


def parse_scheduler(text):
    """``None`` (local worker processes), ``("local", n)`` or ``("address", url)`` from a DASK_SCHEDULER value."""
    text = (text or "").strip()
    if not text:
        return None
    local = re.fullmatch(r"local:(\d+)", text)
    if local and int(local.group(1)) >= 1:
        return "local", int(local.group(1))
    if _ADDRESS.fullmatch(text):
        return "address", text
    raise ValueError(f"Dask scheduler: expected empty, local:N (N >= 1 worker processes) or an address such as "
                     f"tcp://host:8786, got {text!r}")


def _import_distributed():
    try:
        import dask
        import distributed
    except ImportError:
        raise ValueError(INSTALL_HINT) from None
    return dask, distributed


def core_zip():
    """(top-level package name, zip bytes) of this ``core`` package under its import name (e.g. permafrost_magt.core)."""
    core_name = __name__.rsplit(".", 2)[0]
    core_dir = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = core_name.split(".")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for depth in range(1, len(parts)):
            archive.writestr("/".join(parts[:depth]) + "/__init__.py", "")
        for folder, dirs, files in os.walk(core_dir):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(folder, name)
                    relative = os.path.relpath(path, core_dir).replace(os.sep, "/")
                    archive.write(path, "/".join(parts) + "/" + relative)
    return parts[0], buffer.getvalue()


def _code_plugin(distributed):
    """A worker plugin that puts this plugin's core (as a zip) first on each worker's ``sys.path``.

    The class is local, so it is pickled by value: workers need not import anything of ours to load it.
    """
    class ShipCore(distributed.WorkerPlugin):
        def __init__(self, package, data):
            self.package, self.data = package, data

        def setup(self, worker):
            import hashlib
            import importlib
            import os
            import sys

            digest = hashlib.sha1(self.data).hexdigest()[:12]
            path = os.path.join(worker.local_directory, f"{self.package}-{digest}.zip")
            with open(path, "wb") as f:
                f.write(self.data)
            for name in [m for m in sys.modules if m == self.package or m.startswith(self.package + ".")]:
                del sys.modules[name]  # a previous run's code
            sys.path.insert(0, path)
            importlib.invalidate_caches()

    return ShipCore(*core_zip())


def _call(function, args):
    """Worker side: run one task (cancel is handled by cancelling its future)."""
    return function(*args, is_cancelled=None)


class DaskEngine:
    """Tasks as Dask futures; ``workers`` is the cluster's number of worker threads when it was joined."""

    def __init__(self, scheduler):
        kind, value = parse_scheduler(scheduler)
        dask, distributed = _import_distributed()
        self.cluster = self.client = None
        try:
            if kind == "local":
                multiprocessing.get_context("spawn").set_executable(python_executable())
                with warnings.catch_warnings(), dask.config.set({"distributed.nanny.pre-spawn-environ": {}}):
                    # Workers inherit this process's environment, as in the process pool. Dask's default
                    # (MALLOC_TRIM_THRESHOLD_ …) is written into this process and slows the solver 1.75×.
                    warnings.simplefilter("ignore", UserWarning)  # its status page moves off a busy port 8787
                    warnings.simplefilter("ignore", DeprecationWarning)  # Tornado's, from inside distributed
                    self.cluster = distributed.LocalCluster(n_workers=value, threads_per_worker=1, processes=True,
                                                            dashboard_address=None)
                    self.client = distributed.Client(self.cluster, timeout=CONNECT_SECONDS)
            else:
                try:
                    self.client = distributed.Client(value, timeout=CONNECT_SECONDS)
                except (OSError, TimeoutError) as err:
                    raise ValueError(f"Dask scheduler {value}: no answer within {CONNECT_SECONDS} s ({err}). "
                                     "Check the address and that 'dask scheduler' runs there.") from None
                try:
                    self.client.wait_for_workers(1, timeout=CONNECT_SECONDS)
                except (OSError, TimeoutError):
                    raise ValueError(f"Dask scheduler {value}: no worker joined within {CONNECT_SECONDS} s; "
                                     f"start workers with 'dask worker {value}'") from None
            register = getattr(self.client, "register_plugin", None) or self.client.register_worker_plugin
            register(_code_plugin(distributed), name="permafrost_magt_core")
            self.workers = max(1, sum(self.client.nthreads().values()))
        except BaseException:
            self.close()
            raise
        self.description = f"Dask cluster {scheduler.strip()} ({self.workers} worker threads)"

    def map(self, function, tasks, is_cancelled=None):
        """Yield (index, ``function(*tasks[index])``) as the tasks complete; raise ``Cancelled`` on cancel.

        A task's error is raised here as it was on the worker; the other tasks are cancelled.
        """
        cancelled = is_cancelled or (lambda: False)
        pending = {self.client.submit(_call, function, tuple(args), pure=False): i for i, args in enumerate(tasks)}
        try:
            while pending:
                if cancelled():
                    raise Cancelled("run cancelled")
                done = [f for f in pending if f.done()]
                if not done:
                    time.sleep(POLL_SECONDS)
                    continue
                for future in done:
                    yield pending.pop(future), future.result()  # the cluster drops a result once yielded
        finally:
            if pending:
                self.client.cancel(list(pending))

    def close(self):
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
