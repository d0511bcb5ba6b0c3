"""Atomic file writing: a temporary file beside the target, renamed only when complete.

A failure or a cancel therefore never leaves a partial output behind. No GDAL here, so text
writers (styles, HTML reports) can use it too. Companions left beside the target by an earlier file
(GDAL's ``.aux.xml`` statistics and ``.ovr`` overviews, and for a GeoTIFF the QGIS ``.qml`` style)
are removed when the new file is put in place, so none of them describes the old data.
"""

import os
import re
import socket
import tempfile
import zlib
from contextlib import contextmanager

from .interrupt import pid_alive, sigterm_unwinds

GDAL_SIDECARS = (".aux.xml", ".ovr")
STYLED_RASTERS = (".tif", ".tiff")  # outputs whose same-named .qml is a style of the replaced data
HOST_TAG = f"{zlib.crc32(socket.gethostname().encode()):08x}"
# a temporary of this module: .<name>.<pid>-<host tag>.<random>.part<ext>, and GDAL's sidecars of it
TEMPORARY = re.compile(r"^\..+\.(\d+)-([0-9a-f]{8})\.[^.]+\.part(\.[^.]+)?(\.aux\.xml|\.ovr)?$")


def remove_dead_temporaries(folder):
    """Remove this module's temporaries in ``folder`` left by a process of this machine that has died
    (e.g. killed with SIGKILL); those of running processes and of other machines are left alone."""
    for name in os.listdir(folder):
        match = TEMPORARY.match(name)
        if match and match.group(2) == HOST_TAG and int(match.group(1)) != os.getpid() \
                and not pid_alive(int(match.group(1))):
            try:
                os.remove(os.path.join(folder, name))
            except FileNotFoundError:
                pass  # removed meanwhile by another run


def _stale_companions(path):
    """Companion files beside ``path`` that describe an earlier file of that name."""
    found = [path + s for s in GDAL_SIDECARS]
    stem, ext = os.path.splitext(path)
    if ext.lower() in STYLED_RASTERS:
        found.append(stem + ".qml")
    return [f for f in found if os.path.exists(f)]


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it to ``path`` only if the block succeeds.

    Sidecar files GDAL writes beside the temporary file (``.aux.xml``, ``.ovr``) follow it; stale
    companions of the file it replaces are removed. Temporaries left in the folder by dead processes
    are removed first, and SIGTERM unwinds through this block (removing the temporary) before the
    process exits.
    """
    folder = os.path.dirname(os.path.abspath(path)) or "."
    stem, ext = os.path.splitext(os.path.basename(path))
    try:
        os.makedirs(folder, exist_ok=True)
        remove_dead_temporaries(folder)
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}.{os.getpid()}-{HOST_TAG}.", suffix=f".part{ext}", dir=folder)
    except OSError as err:
        raise ValueError(f"Output {path} cannot be written: {_reason(folder, err)}") from None
    os.close(fd)
    os.remove(tmp)
    try:
        with sigterm_unwinds():
            yield tmp
        for stale in _stale_companions(path):
            os.remove(stale)
        os.replace(tmp, path)
        for suffix in GDAL_SIDECARS:
            if os.path.exists(tmp + suffix):
                os.replace(tmp + suffix, path + suffix)
    finally:
        for leftover in (tmp, tmp + ".aux.xml", tmp + ".ovr"):
            if os.path.exists(leftover):
                os.remove(leftover)


def _reason(folder, err):
    """Why no file can be created in ``folder``, in words naming the folder or the file in its way."""
    parent = folder
    while parent and not os.path.exists(parent):
        parent = os.path.dirname(parent)
    if parent and not os.path.isdir(parent):
        return f"{parent} is a file, not a folder"
    return f"the folder {folder} is not writable ({err.strerror})"


def write_text(path, text):
    """Write ``text`` (UTF-8) to ``path`` atomically; returns ``path``."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
    return path
