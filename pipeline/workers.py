"""Worker processes that die with the process that started them.

A pool's workers wait on a pipe for their next task; when the main process is killed (``kill -9``)
nobody closes it, and they would wait for ever as orphans. ``die_with_parent`` is a pool
initializer: on Linux the kernel sends the worker SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread notices the new parent and exits.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent_pid: int) -> None:
    """Make this (worker) process end when ``parent_pid`` does."""
    if sys.platform.startswith("linux") and _pdeathsig():
        if os.getppid() != parent_pid:  # the parent died before the signal was asked for
            os._exit(1)
        return
    threading.Thread(target=_watch, args=(parent_pid,), daemon=True, name="govreply-parent-watch").start()


def _pdeathsig() -> bool:
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int, every: float = 1.0) -> None:
    while os.getppid() == parent_pid:
        time.sleep(every)
    os._exit(1)
