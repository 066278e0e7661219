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


class Background:
    """``func(*args)`` run in a forked child while this process goes on (inline where fork is unavailable);
    :meth:`wait` returns when it is done and raises its error here. The child ends with this process."""

    def __init__(self, func, *args, name: str = "claimline-background"):
        import multiprocessing

        self.process = self.conn = None
        self.error: BaseException | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            try:
                func(*args)
            except Exception as exc:
                self.error = exc
            return
        context = multiprocessing.get_context("fork")
        self.conn, sender = context.Pipe(duplex=False)
        self.process = context.Process(target=_call, args=(sender, func, args, ParentGuard(os.getpid())), name=name,
                                       daemon=True)
        self.process.start()
        sender.close()

    def wait(self) -> None:
        """Wait for the child; raises what ``func`` raised, or RuntimeError when the child died without a word."""
        if self.process is not None:
            try:
                self.error = self.conn.recv()
            except EOFError:
                self.error = RuntimeError(f"{self.process.name} ended unexpectedly")
            self.process.join()
            self.conn.close()
            if self.error is None and self.process.exitcode:
                self.error = RuntimeError(f"{self.process.name} ended with exit code {self.process.exitcode}")
            self.process = None
        if self.error is not None:
            error, self.error = self.error, None
            raise error


def _call(conn, func, args: tuple, guard: ParentGuard) -> None:
    die_with_parent(guard)
    try:
        func(*args)
        conn.send(None)
    except BaseException as exc:  # handed to the parent, which raises it
        conn.send(exc if picklable(exc) else RuntimeError(f"{exc.__class__.__name__}: {exc}"))
    finally:
        conn.close()


def picklable(exc: BaseException) -> bool:
    """Whether an exception survives the trip to the parent."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True
