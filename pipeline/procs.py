"""Child processes that end with the run that started them (spaCy's parsing workers, the background parser).

Kept free of spaCy so that a child can ask for this before it spends time importing it.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time


class ParentGuard:
    """The process whose death a worker outlives by at most a moment (kept alive while workers may start)."""

    def __init__(self, pid: int):
        self.pid = pid


def die_with_parent(guard: ParentGuard) -> None:
    """In a new worker process: end it when ``guard.pid`` ends.

    A killed ``claimline run`` cannot stop its parsing workers, and they would wait for work forever, each holding
    a loaded model. Linux ends them at once (``PR_SET_PDEATHSIG``); elsewhere a thread watches the parent's pid.
    """
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # 1 = PR_SET_PDEATHSIG
                if os.getppid() != guard.pid:  # the parent died before the request took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == guard.pid:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="claimline-parent-watch", daemon=True).start()
