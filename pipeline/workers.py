"""Worker processes: they die with the process that started them, and their death loses no input.

A pool's workers wait on a pipe for their next task; when the main process is killed (``kill -9``)
nobody closes it, and they would wait for ever as orphans. ``die_with_parent`` is a pool
initializer: on Linux the kernel sends the worker SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``); elsewhere a daemon thread notices the new parent and exits.

The other way round, a worker that dies (a crash in a native library, the out-of-memory killer)
must not stop the batch: :func:`ordered_map` starts the pool again and answers the input that
killed it with an error.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

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


# -- an ordered map over worker processes that survives a worker's death -----------------------------
#: items sent to a worker at once (fewer round trips), and chunks in flight per worker (each worker
#: has one to work on and one waiting; the bytes in flight stay bounded whatever the folder's size)
CHUNK = 4
AHEAD = 2


def ordered_map(fn: Callable[[T], R], items: Iterable[T], jobs: int, *, needs_worker: Callable[[T], bool],
                on_crash: Callable[[T], R], context=None, initializer: Callable | None = None,
                initargs: tuple = ()) -> Iterator[R]:
    """``fn(item)`` for each item in ``jobs`` worker processes, yielded in the items' order.

    Items for which ``needs_worker`` is false are passed through as they are, without a round trip.
    When a worker process dies (a crash in a library, the kernel's out-of-memory killer) the pool
    is started again; the chunk whose result was awaited is run again one item at a time, and an
    item that kills its worker on its own is answered by ``on_crash(item)``: the batch goes on and
    no item is lost. ``fn`` and ``initializer`` must be picklable (module-level functions).

    ``concurrent.futures`` rather than ``multiprocessing.Pool``: a Pool whose worker dies waits for
    the lost task for ever, and its worker-handler thread wakes up each time a result arrives.
    """
    pool = _Pool(jobs, context, initializer, initargs)
    window: deque = deque()  # (chunk, future), or (chunk, None) for items passed through
    chunk: list = []
    try:
        for item in items:
            if not needs_worker(item):
                if chunk:
                    window.append((chunk, pool.submit(fn, chunk)))
                    chunk = []
                window.append(([item], None))
            else:
                chunk.append(item)
                if len(chunk) == CHUNK:
                    window.append((chunk, pool.submit(fn, chunk)))
                    chunk = []
            while len(window) > AHEAD * jobs:
                yield from _resolved(window, pool, fn, on_crash)
        if chunk:
            window.append((chunk, pool.submit(fn, chunk)))
        while window:
            yield from _resolved(window, pool, fn, on_crash)
    finally:
        pool.shutdown()


def _resolved(window: deque, pool: "_Pool", fn, on_crash) -> list:
    """The results of the first chunk of ``window`` (taken off it)."""
    chunk, future = window.popleft()
    if future is None:
        return chunk
    try:
        return future.result()
    except BrokenProcessPool:
        pass
    pool.restart()  # every chunk in flight was lost with the pool: this one item by item, the others again
    results = []
    for item in chunk:
        try:
            results.extend(pool.submit(fn, [item]).result())
        except BrokenProcessPool:
            results.append(on_crash(item))
            pool.restart()
    for k, (other, other_future) in enumerate(window):
        if other_future is not None and not (other_future.done() and not other_future.cancelled()
                                             and other_future.exception() is None):
            window[k] = (other, pool.submit(fn, other))  # (a chunk done before the pool broke is kept)
    return results


def map_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    """In a worker process: ``fn`` over one chunk."""
    return [fn(item) for item in chunk]


class _Pool:
    """A ProcessPoolExecutor that can be started again after one of its workers died."""

    def __init__(self, jobs: int, context, initializer, initargs):
        self._args = dict(max_workers=jobs, mp_context=context, initializer=initializer, initargs=initargs)
        self._executor = ProcessPoolExecutor(**self._args)

    def submit(self, fn, chunk: list):
        return self._executor.submit(map_chunk, fn, chunk)

    def restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = ProcessPoolExecutor(**self._args)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
