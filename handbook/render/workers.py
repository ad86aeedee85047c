"""The build's worker processes: forked, so they start with what the build has loaded, and ending with it.

A worker whose build is killed (kill -9, a closed terminal) would otherwise go on
rendering for nobody and then wait for more work forever.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

_PR_SET_PDEATHSIG = 1  # from linux/prctl.h


def forked_pool(workers: int, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """A pool of `workers` processes, forked where the system can (else spawned), that end with this one.

    Create it in the thread that lives as long as the pool: Linux ties the workers' end to that thread.
    Left by an exception (Ctrl-C among them), it stops its workers at once instead of finishing the queue.
    """
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return _Pool(workers, mp_context=multiprocessing.get_context(method), initializer=_start_worker,
                 initargs=(os.getpid(), initializer))


class _Pool(ProcessPoolExecutor):
    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> bool | None:
        if kind is not None:
            stop_workers(self)
        return super().__exit__(kind, *rest)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now: shutting the pool down alone would wait for each job being done (a PDF of
    the whole handbook takes seconds) and for all those queued. (Python 3.14 has pool.terminate_workers().)"""
    workers = list(pool._processes.values())  # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.terminate()
    for process in workers:
        process.join()


def _start_worker(build: int, initializer: Callable[[], None] | None) -> None:
    # A worker forked from the live preview inherits its SIGTERM handler, which only asks the preview to stop
    # between rebuilds: here it would keep the worker rendering through terminate() and through its build's end.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Ctrl-C reaches every process of the terminal: the build stops its workers itself, without their tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != build:  # the build ended before the line above could take effect
        os._exit(1)
    if initializer is not None:
        initializer()
