"""Process helpers for interrupted runs: is a process alive, and SIGTERM turned into a clean unwind."""

import os
import signal
import threading
from contextlib import contextmanager


def pid_alive(pid):
    """True when a process ``pid`` exists on this machine (or cannot be checked: then assume it does)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000 | 0x100000, False, pid)  # query limited information | synchronize
        if not handle:
            return ctypes.GetLastError() == 5  # access denied: it exists
        try:
            return kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT: still running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


class Terminated(SystemExit):
    """Raised by SIGTERM inside :func:`sigterm_unwinds`; exit code 143 when nothing catches it."""


def _raise_terminated(signum, frame):
    raise Terminated(128 + signum)


@contextmanager
def sigterm_unwinds():
    """While active, SIGTERM raises :class:`Terminated` (exit code 143) in the main thread instead of ending the process
    at once, so ``finally`` blocks remove temporary files and stop worker processes first.

    Does nothing outside the main thread (QGIS runs algorithms in background threads; signals are
    only delivered to the main thread) or where SIGTERM cannot be handled.
    """
    previous = None
    if threading.current_thread() is threading.main_thread():
        try:
            previous = signal.signal(signal.SIGTERM, _raise_terminated)
        except (ValueError, OSError, AttributeError):
            previous = None
        else:
            previous = signal.SIG_DFL if previous is None else previous  # None: a handler set outside Python
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
