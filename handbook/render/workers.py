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
    """
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=_start_worker,
                               initargs=(os.getpid(), initializer))


def _start_worker(build: int, initializer: Callable[[], None] | None) -> None:
    # A worker forked from the live preview inherits its SIGTERM handler, which only asks the preview to stop
    # between rebuilds: here it would keep the worker rendering through terminate() and through its build's end.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != build:  # the build ended before the line above could take effect
        os._exit(1)
    if initializer is not None:
        initializer()
