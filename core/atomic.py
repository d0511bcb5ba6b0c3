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
    stem, ext = os.path.splitext(os.path.basename(path))
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=f".part{ext}", dir=folder)
    except OSError as err:
        raise ValueError(f"Output {path} cannot be written: {_reason(folder, err)}") from None
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
