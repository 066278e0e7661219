"""Forked children: items in order, errors raised in the parent, the same results where fork is unavailable."""
from __future__ import annotations

import os
import time

import pytest

from pipeline import procs
from pipeline.procs import Forked


def squares(n: int):
    for i in range(n):
        yield i * i, os.getpid()


def failing(after: int):
    yield from range(after)
    raise ValueError(f"failed after {after}")


class Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle")


def unpicklable_failure():
    raise Unpicklable("local state")


def sleeper(path: str) -> None:
    time.sleep(30)
    open(path, "w").close()


@pytest.fixture(params=["fork", "inline"])
def mode(request, monkeypatch):
    if request.param == "inline":
        monkeypatch.setattr(procs, "can_fork", lambda: False)
    elif not procs.can_fork():
        pytest.skip("children are not forked here")
    return request.param


def test_procs_items_come_back_in_order(mode):
    child = Forked(squares, 50)
    items = list(child)
    child.close()
    assert [value for value, _ in items] == [i * i for i in range(50)]
    pids = {pid for _, pid in items}
    assert (pids != {os.getpid()}) == (mode == "fork")


def test_procs_fresh_child_is_a_new_interpreter_with_the_same_results():
    """A fresh child (spawn) gets only the function and its arguments, and hands back the same items."""
    if not procs.can_fork():
        pytest.skip("children are not forked here")
    child = Forked(squares, 20, fresh=True)
    items = list(child)
    child.close()
    assert [value for value, _ in items] == [i * i for i in range(20)]
    assert {pid for _, pid in items} != {os.getpid()}


def test_procs_error_is_raised_here_after_the_items_before_it(mode):
    child = Forked(failing, 3)
    seen = []
    with pytest.raises(ValueError, match="failed after 3"):
        for item in child:
            seen.append(item)
    child.close()
    assert seen == [0, 1, 2]


def test_procs_unpicklable_error_still_arrives_as_one_line():
    child = Forked(unpicklable_failure)
    with pytest.raises((RuntimeError, Unpicklable), match="local state"):
        child.wait()


def test_procs_close_ends_a_running_child(tmp_path):
    if not procs.can_fork():
        pytest.skip("children are not forked here")
    marker = tmp_path / "finished"
    child = Forked(sleeper, str(marker))
    process = child.process
    started = time.monotonic()
    child.close()
    assert time.monotonic() - started < 10
    assert process is not None and not process.is_alive()
    assert not marker.exists()


def exits(code: int):
    raise SystemExit(code)


def test_procs_child_traceback_comes_as_a_note_and_the_child_is_released():
    if not procs.can_fork():
        pytest.skip("children are not forked here")
    child = Forked(failing, 2)
    process = child.process
    with pytest.raises(ValueError) as info:
        child.wait()
    assert any("in the child process" in note and "failing" in note for note in info.value.__notes__)
    assert child.process is None and process.exitcode == 0  # joined: no zombie left behind


def test_procs_child_that_exits_is_an_error_here():
    if not procs.can_fork():
        pytest.skip("children are not forked here")
    with pytest.raises(procs.ChildError, match="exited with code 3"):
        Forked(exits, 3).wait()


def test_procs_finished_child_ends_on_its_own():
    if not procs.can_fork():
        pytest.skip("children are not forked here")
    child = Forked(squares, 3)
    process = child.process
    assert len(list(child)) == 3
    child.wait()
    assert process.exitcode == 0  # not terminated


def test_procs_available_cpus_within_affinity():
    from pipeline.procs import available_cpus

    assert 1 <= available_cpus() <= len(os.sched_getaffinity(0))


@pytest.mark.parametrize("files, expected", [
    ({"cpu.max": "150000 100000\n"}, 1.5),
    ({"cpu.max": "max 100000\n"}, None),
    ({"cpu/cpu.cfs_quota_us": "200000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 2.0),
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({}, None),
])
def test_procs_cgroup_quota(tmp_path, files, expected):
    from pipeline.procs import _cgroup_quota

    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert _cgroup_quota(str(tmp_path)) == expected


def test_procs_available_cpus_takes_the_container_quota(monkeypatch):
    from pipeline import procs

    monkeypatch.setattr(procs, "_cgroup_quota", lambda: 1.5)
    assert procs.available_cpus() == 1
