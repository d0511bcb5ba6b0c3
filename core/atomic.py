"""Atomic file writing: a temporary file beside the target, renamed only when complete.

A failure or a cancel therefore never leaves a partial output behind. No GDAL here, so text
writers (styles, HTML reports) can use it too.
"""

import os
import tempfile
from contextlib import contextmanager


@contextmanager
def atomic_path(path):
    """Yield a temporary path beside ``path``; rename it to ``path`` only if the block succeeds.

    Sidecar files GDAL writes beside the temporary file (e.g. ``.aux.xml``) follow it.
    """
    folder = os.path.dirname(os.path.abspath(path)) or "."
    os.makedirs(folder, exist_ok=True)
    stem, ext = os.path.splitext(os.path.basename(path))
    fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=f".part{ext}", dir=folder)
    os.close(fd)
    os.remove(tmp)
    try:
        yield tmp
        os.replace(tmp, path)
        if os.path.exists(tmp + ".aux.xml"):
            os.replace(tmp + ".aux.xml", path + ".aux.xml")
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
