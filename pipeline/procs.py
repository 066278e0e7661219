"""Child processes that end with the run that started them (spaCy's parsing workers, the background parser).

Kept free of spaCy so that a child can ask for this before it spends time importing it.
"""
from __future__ import annotations

import ctypes
import inspect
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


def can_fork() -> bool:
    """Whether children are forked: on Linux, where fork is safe for what claimline does and the child can be
    made to end with its parent. Elsewhere (macOS, where Apple's libraries may break in a forked child; Windows,
    which has no fork) the work is done in this process instead."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


class ChildError(RuntimeError):
    """A child process ended without handing back its work or its error."""


class Forked:
    """``func(*args)`` run in a forked child process while this one goes on; the child ends with this process.

    ``func`` may be a generator: iterating this object gives its items in order, as the child sends them (each
    pickled on the way, through a queue that never makes the child wait for this process). :meth:`wait` waits for
    the end; either raises here what ``func`` raised there, with the child's traceback as a note. Where fork is
    unavailable, ``func`` runs here instead, when the items are asked for (or at :meth:`wait`).
    """

    def __init__(self, func, *args, name: str = "claimline-child", fresh: bool = False):
        """Start the child.

        Args:
            func: What the child runs, with ``args``.
            name: The child's process name.
            fresh: Start the child as a new interpreter that receives ``func`` and ``args`` pickled (spawn), not as
                a copy of this process: for work that needs little of what this process holds (the report, once
                the model and the run's claims are loaded here). A forked copy shares those pages only until
                Python touches them (reference counts, the garbage collector), and the pages count in its resident
                memory too.
        """
        import multiprocessing

        self.func, self.args, self.name = func, args, name
        self.process = self.queue = None
        self.finished = False
        if can_fork():
            context = multiprocessing.get_context("spawn" if fresh else "fork")
            self.queue = context.Queue()
            self.process = context.Process(target=_child, args=(self.queue, func, args, ParentGuard(os.getpid())),
                                           name=name)  # not a daemon: it may start parsing workers
            self.process.start()

    def __iter__(self):
        if self.process is None:
            if not self.finished:
                self.finished = True
                result = self.func(*self.args)
                if inspect.isgenerator(result):
                    yield from result
            return
        while not self.finished:
            kind, value = self._receive()
            if kind == "item":
                yield value
                continue
            self.finished = True
            if kind == "error":
                raise value

    def _receive(self) -> tuple[str, object]:
        import queue

        while True:
            try:
                return self.queue.get(timeout=0.2)
            except queue.Empty:
                if self.process.is_alive():
                    continue
            try:  # what it sent just before it ended
                return self.queue.get(timeout=1)
            except queue.Empty:
                self.finished = True
                self.process.join()
                raise ChildError(f"{self.name} ended unexpectedly (exit code {self.process.exitcode})") from None

    def wait(self) -> None:
        """Wait for ``func`` to finish (items not yet read are dropped); raises what it raised."""
        try:
            for _ in self:
                pass
        finally:
            self.close()

    def close(self) -> None:
        """Release the child: wait for it once it has sent its last word, else end it at once."""
        if self.process is not None:
            if not self.finished and self.process.is_alive():
                self.process.terminate()
            self.process.join()
            self.queue.close()
            self.process = None


def _child(channel, func, args: tuple, guard: ParentGuard) -> None:
    import traceback

    die_with_parent(guard)
    # fresh stream objects: a lock another thread of the parent (a progress bar) held at the fork is not ours
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    sys.stderr = os.fdopen(os.dup(2), "w", buffering=1)
    try:
        result = func(*args)
        for item in result if inspect.isgenerator(result) else ():
            channel.put(("item", item))
        channel.put(("done", None))
    except BaseException as exc:  # handed to the parent, which raises it
        if isinstance(exc, SystemExit):
            exc = ChildError(f"{current_name()} exited with code {exc.code}")
        else:
            exc.add_note("".join(["in the child process:\n", *traceback.format_exception(exc)]).rstrip())
        channel.put(("error", exc if _picklable(exc) else ChildError(f"{exc.__class__.__name__}: {exc}")))
    finally:
        channel.close()
        channel.join_thread()


def current_name() -> str:
    import multiprocessing

    return multiprocessing.current_process().name


def _picklable(exc: BaseException) -> bool:
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return False
    return True


def available_cpus() -> int:
    """The cores this process may use: its CPU affinity, capped by a container's CPU quota (cgroup v2 ``cpu.max``,
    or v1 ``cpu.cfs_quota_us``), rounded down; at least 1. Not the host's core count, which a container or a
    ``taskset`` may not be allowed to use."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    quota = _cgroup_quota()
    if quota is not None:
        cores = min(cores, max(1, int(quota)))
    return max(1, cores)


def _cgroup_quota(root: str = "/sys/fs/cgroup") -> float | None:
    """CPUs allowed by the cgroup quota, or None when there is none (``max``) or no cgroup file to read."""
    for path, period_path in ((f"{root}/cpu.max", None), (f"{root}/cpu/cpu.cfs_quota_us", f"{root}/cpu/cpu.cfs_period_us")):
        try:
            with open(path, encoding="ascii") as handle:
                fields = handle.read().split()
            if period_path is not None:
                with open(period_path, encoding="ascii") as handle:
                    fields.append(handle.read().strip())
        except (OSError, ValueError):
            continue
        if len(fields) < 2 or fields[0] in ("max", "-1"):
            return None
        try:
            quota, period = float(fields[0]), float(fields[1])
        except ValueError:
            return None
        return quota / period if period > 0 else None
    return None
