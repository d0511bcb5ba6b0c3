"""Atomic file writing: a temporary file beside the target, renamed only when complete.

A failure or a cancel therefore never leaves a partial output behind. No GDAL here, so text
writers (styles, HTML reports) can use it too. Companions left beside the target by an earlier file
(GDAL's ``.aux.xml`` statistics and ``.ovr`` overviews, and for a GeoTIFF the QGIS ``.qml`` style)
are removed when the new file is put in place, so none of them describes the old data.
"""

import os
import tempfile
from contextlib import contextmanager

GDAL_SIDECARS = (".aux.xml", ".ovr")
STYLED_RASTERS = (".tif", ".tiff")  # outputs whose same-named .qml is a style of the replaced data


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
    companions of the file it replaces are removed.
    """
    folder = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(folder, exist_ok=True)
    stem, ext = os.path.splitext(os.path.basename(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=f".part{ext}", dir=folder)
    os.close(fd)
    os.remove(tmp)
    try:
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


def write_text(path, text):
    """Write ``text`` (UTF-8) to ``path`` atomically; returns ``path``."""
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
    return path
