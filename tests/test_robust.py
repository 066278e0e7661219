"""Robustness end to end: every kind of bad input in one corpus, broken rule files, a run killed at any moment,
byte-identical outputs whatever the order or the number of workers, and fuzzing of the dates and ingest stages."""
from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import CORPUS, read_csv

from pipeline import ingest
from pipeline.cli import app
from pipeline.dates import tag_dates
from pipeline.ingest import clean_text, read_document
from pipeline.ingest import html as ingest_html
from pipeline.outputs.csv import safe
from pipeline.ruleset import resolve
from pipeline.run import run_corpus

DATA = Path(__file__).resolve().parent / "data" / "ingest"
OUTPUTS = ("documents.csv", "claims.csv", "events.csv", "conflicts.csv", "report.html")
CLI = [sys.executable, "-c", "from pipeline.cli import app; app()"]

ARTICLE = """Notes on Pakistan and Russia, {title}

President Asif Ali Zardari visited Russia in May 2011 and met President Dmitry Medvedev in Moscow.

Pakistan and Russia signed an agreement in October 2015 to build the North-South gas pipeline from Karachi to Lahore.

Pakistan’s “exit” from CENTO came in 1979, after the revolution in Iran.
"""


def article(title: str) -> str:
    """A short article with three claims; the title keeps each copy's content hash its own."""
    return ARTICLE.format(title=title)


def outputs(out: Path) -> dict[str, bytes]:
    """The output files of a run, by name."""
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def seed(prefix: str) -> Path:
    (path,) = sorted(CORPUS.glob(f"{prefix}_*.txt"))
    return path


# ---------------------------------------------------------------------------------------------- bad inputs

HUGE_BYTES = 20 * 1024 * 1024


def build_bad_corpus(corpus: Path) -> dict[str, tuple[str, str]]:
    """One corpus holding every kind of bad input and the odd-but-good ones, plus two seed articles.

    Returns:
        doc_id -> ("skipped", reason) or ("ok", a phrase its clean text must hold).
    """
    corpus.mkdir()
    expected: dict[str, tuple[str, str]] = {}

    def put(name: str, content: bytes, status: str, what: str) -> Path:
        path = corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        expected[name.rsplit(".", 1)[0]] = (status, what)
        return path

    put("empty.txt", b"", "skipped", "empty")
    put("whitespace.txt", b" \n\t\r\n   \n\n", "skipped", "whitespace only")
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "skipped", "not text (binary)")
    put("invalid_utf8.txt", b"\x81\x8d\x8f\x90\x9d\xc3\x28\xa0\xa1" * 50, "skipped",
        "undecodable (not UTF-8 or Windows-1252 text)")
    put("urdu.txt", (DATA / "urdu_only.txt").read_bytes(), "skipped", "not English (Arabic script)")
    put("menu_only.html", b"<html><body><nav><a href='/'>Home</a></nav><footer>Privacy policy</footer></body></html>",
        "skipped", "no article text")
    # 20 MB of text, written in one go: cheap, and far over the default limit of 5 MB.
    line = b"Pakistan and Russia held talks on trade and energy in Moscow in 2011.\n"
    put("huge.txt", line * (HUGE_BYTES // len(line) + 1), "skipped",
        f"too large ({(HUGE_BYTES // len(line) + 1) * len(line)} bytes > {ingest.SIZE_LIMIT_BYTES})")
    (corpus / "dangling.txt").symlink_to(corpus / "nowhere.txt")
    expected["dangling"] = ("skipped", "unreadable (file not found)")
    (corpus / "loop_a.txt").symlink_to("loop_b.txt")
    (corpus / "loop_b.txt").symlink_to("loop_a.txt")
    expected["loop_a"] = expected["loop_b"] = ("skipped", "unreadable (too many levels of symbolic links)")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "back").symlink_to("..")  # a folder loop: searched once, no row of its own
    if Path("/proc/self/mem").exists():
        # A file that exists but cannot be read, even by root: reading /proc/self/mem at offset 0 fails.
        # It lies out of the corpus: skipped as such (the I/O error itself is read in test_ingest).
        (corpus / "sub" / "io_error.txt").symlink_to("/proc/self/mem")
        expected["sub/io_error"] = ("skipped", "link out of the corpus (--follow-links reads it)")
    locked = put("locked.txt", article("locked").encode("utf-8"), "skipped", "unreadable (permission denied)")
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads any file: then it is just a good article
        expected["locked"] = ("ok", "Notes on Pakistan and Russia, locked")

    put("utf16_bom.txt", article("UTF-16").encode("utf-16"), "ok", "Pakistan’s “exit” from CENTO came in 1979")
    put("windows_1252.txt", article("Windows-1252").encode("cp1252"), "ok", "Pakistan’s “exit” from CENTO came in 1979")
    put("stray_byte.txt", article("stray byte").encode("utf-8").replace("’".encode("utf-8"), b"\x92"), "ok",
        "Pakistan’s “exit” from CENTO came in 1979")
    put("page.html", (DATA / "nav_footer_page.html").read_bytes(), "ok",
        "signed an agreement in Moscow on Friday to build the North-South gas pipeline")
    for prefix in ("002", "004"):
        path = seed(prefix)
        put(path.name, path.read_bytes(), "ok", "Russia")
    return expected


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("bad") / "corpus"
    expected = build_bad_corpus(corpus)
    yield corpus, expected
    (corpus / "locked.txt").chmod(0o644)


def check_bad_run(out: Path, stderr: str, corpus: Path, expected: dict[str, tuple[str, str]]) -> None:
    rows = {r["doc_id"]: r for r in read_csv(out / "documents.csv")}
    assert set(rows) == set(expected)
    warnings = [line for line in stderr.splitlines() if line.startswith("warning:")]
    for doc_id, (status, what) in expected.items():
        row = rows[doc_id]
        assert row["status"] == status, (doc_id, row["reason"])
        if status == "skipped":
            assert row["reason"] == what, doc_id
            assert row["claims"] == "0"
            mine = [line for line in warnings if f"{corpus / row['path']}: skipped: {what}" in line]
            assert len(mine) == 1, (doc_id, warnings)
        else:
            assert row["reason"] == ""
            assert int(row["claims"]) > 0, doc_id
            assert int(row["words"]) > 0
    assert len(warnings) == sum(1 for status, _ in expected.values() if status == "skipped")
    claims = read_csv(out / "claims.csv")
    assert {c["doc_id"] for c in claims} == {d for d, (status, _) in expected.items() if status == "ok"}


def test_robust_bad_inputs_end_to_end(bad_corpus, tmp_path, capsys):
    corpus, expected = bad_corpus
    assert ingest_html._trafilatura() is not None, "trafilatura (with lxml_html_clean) should extract HTML articles"
    result = run_corpus(corpus, tmp_path / "out")
    check_bad_run(tmp_path / "out", capsys.readouterr().err, corpus, expected)
    texts = {d.doc_id: d.text for d in result.documents}
    for doc_id, (status, phrase) in expected.items():
        if status == "ok":
            assert phrase in texts[doc_id], doc_id
    page = texts["page"]
    for gone in ("Most read", "Cricket board", "Share on", "Privacy policy", "Copyright", "<"):
        assert gone not in page


def test_robust_bad_inputs_through_cli(bad_corpus, tmp_path):
    corpus, expected = bad_corpus
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    check_bad_run(out, result.stderr, corpus, expected)
    assert "Traceback" not in result.output


def test_robust_size_limit_is_configurable(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "short.txt").write_text(article("short"), encoding="utf-8")
    shutil.copy(seed("004"), corpus)
    result = run_corpus(corpus, tmp_path / "out", size_limit=1000)
    status = {d.doc_id: (d.status, d.reason) for d in result.documents}
    size = seed("004").stat().st_size
    assert status == {"short": ("ok", ""), seed("004").stem: ("skipped", f"too large ({size} bytes > 1000)")}
    assert capsys.readouterr().err.count("skipped: too large") == 1


def test_robust_long_text_parsed_in_pieces_gives_the_same_text_and_valid_spans(nlp, monkeypatch):
    from pipeline import nlp as nlp_stage

    doc = read_document(seed("001"), CORPUS)
    monkeypatch.setattr(nlp_stage, "CHUNK_CHARS", 4000)
    monkeypatch.setattr(nlp_stage, "PIECE_CHARS", 3000)
    pieces = [p for _, p in nlp_stage.parse_pieces([(doc.text, doc.published)], nlp)]
    assert "".join(p.doc.text[p.context:] for p in pieces) == doc.text
    assert sum(len(list(p.doc.sents)) for p in pieces) > 100 and sum(len(p.doc.ents) for p in pieces) > 100
    for p in pieces:
        assert p.doc.user_data["anchor"] == doc.published
        dates = p.doc.user_data["dates"]
        assert [tv.char_start for tv in dates] == sorted(tv.char_start for tv in dates)
        for tv in dates:
            assert doc.text[p.offset + tv.char_start:p.offset + tv.char_end] == tv.text
        assert len(p.doc.spans["dates"]) == len(dates)


@pytest.mark.parametrize("limit", [1, 7, 50, 1000])
def test_robust_chunks_give_the_text_back(limit):
    from pipeline.nlp import _chunks

    text = "First paragraph here.\n\nSecond one, a little longer.\nA line.\n\n" + "x" * 120 + " end"
    pieces = _chunks(text, limit)
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= limit for piece in pieces)


# ---------------------------------------------------------------------------------------------- broken rules


def _append(line: str):
    def breaker(text: str) -> tuple[str, int]:
        text = text if text.endswith("\n") else text + "\n"
        return text + line + "\n", text.count("\n") + 1

    return breaker


def _insert_after_header(line: str):
    """Put a bad line right after the file's opening comment block; returns its line number."""

    def breaker(text: str) -> tuple[str, int]:
        lines = text.split("\n")
        at = next(i for i, existing in enumerate(lines) if existing.strip() and not existing.startswith("#"))
        return "\n".join(lines[:at] + [line] + lines[at:]), at + 1

    return breaker


BROKEN_RULES = [
    ("events.yaml", _insert_after_header("\tevent_types: [")),  # YAML forbids a tab that starts a token
    ("gazetteer.yaml", _insert_after_header("\tcountries: [")),
    ("quantities.tsv", _append("number\tseven")),
    ("entities.jsonl", _append('{"id": "X", "label": "ORG", "pattern": ')),
    ("dates/months.tsv", _append("janvier\tthirteen\tno")),
    ("boilerplate.tsv", _append("regex\t(unclosed")),
    ("publication.tsv", _append("published\tPublished in (?P<date>.+")),
]


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("small") / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(article("small"), encoding="utf-8")
    return corpus


@pytest.mark.parametrize(("name", "breaker"), BROKEN_RULES, ids=[name for name, _ in BROKEN_RULES])
def test_robust_broken_rule_file_is_one_line_and_exit_2(small_corpus, tmp_path, name, breaker):
    rules = tmp_path / "rules"  # a pack of the user's on top of the shipped ones, holding a broken copy of one file
    path = rules / name
    path.parent.mkdir(parents=True)
    broken, line = breaker(resolve(None).paths(name)[-1].read_text(encoding="utf-8"))
    path.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(tmp_path / "out"), "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and str(path) in lines[0], lines[0]
    found = re.search(re.escape(str(path)) + r"(?::(\d+)|: line (\d+))", lines[0])
    assert found, f"no line number in {lines[0]!r}"
    assert int(found.group(1) or found.group(2)) in (line, line + 1), lines[0]
    assert not (tmp_path / "out" / "documents.csv").exists()


@pytest.mark.parametrize(("files", "message"), [
    ({"notes.txt": "my notes"}, "no loader reads a rule file called 'notes.txt'"),
    ({"dates/month.tsv": "# format: TSV\njanvier\t1\tno\n"}, "no loader reads a rule file called 'dates/month.tsv'"),
    ({"events.yaml": "event_types: {}\n"}, "a rule file starts with a header comment stating its format"),
])
def test_robust_unknown_or_headless_rule_file_stops_before_any_article(small_corpus, tmp_path, files, message):
    rules = tmp_path / "rules"
    for name, text in files.items():
        (rules / name).parent.mkdir(parents=True, exist_ok=True)
        (rules / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(tmp_path / "out"), "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and message in result.stderr and str(rules) in result.stderr
    assert not (tmp_path / "out").exists()


def test_robust_run_without_the_domain_pack(small_corpus, tmp_path):
    """Only the English and world packs: the run works on any article, and its cache key differs."""
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out), "--no-domain", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (out / "claims.csv").read_text(encoding="utf-8").startswith("claim_id,")
    again = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(out), "--quiet"])
    assert again.exit_code == 0, again.output


def test_robust_rule_pack_without_quantities_inherits_them(small_corpus, tmp_path):
    """A pack that holds only a gazetteer runs: the files it lacks come from the packs below (once exit 1)."""
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "gazetteer.yaml").write_text("# Format: YAML gazetteer\norganisations:\n"
                                          "  - {name: Blue Institute, kind: organisation, country: Pakistan}\n",
                                          encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(small_corpus), "--out", str(tmp_path / "out"), "--rules", str(rules),
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "claims.csv").exists()


# ---------------------------------------------------------------------------------------------- crash safety and determinism

LAYOUT = {path.name: (f"sub/{path.name}" if n % 2 else path.name) for n, path in enumerate(sorted(CORPUS.glob("*.txt")))}
"""The seed articles, every other one in a sub-folder (so folder order matters too)."""


def make_layout_corpus(corpus: Path, *, reverse: bool = False) -> Path:
    """The seed articles in ``LAYOUT``; with ``reverse`` created last-to-first with different mtimes."""
    names = sorted(LAYOUT, reverse=reverse)
    for n, name in enumerate(names):
        target = corpus / LAYOUT[name]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((CORPUS / name).read_bytes())
        stamp = 1_600_000_000 + (n * 86_400 if reverse else -n * 3_600)
        os.utime(target, (stamp, stamp))
    return corpus


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    """One uninterrupted run over the layout corpus: (corpus, out)."""
    base = tmp_path_factory.mktemp("clean")
    corpus = make_layout_corpus(base / "corpus")
    run_corpus(corpus, base / "out")
    return corpus, base / "out"


def _documents_saved(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=0.1)) as db:
            return db.execute("SELECT count(*) FROM documents WHERE status = 'ok'").fetchone()[0]
    except sqlite3.Error:
        return 0


def _kill(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)


@pytest.mark.slow
def test_robust_sigkill_at_any_moment_then_rerun_gives_same_outputs(tmp_path):
    corpus = make_layout_corpus(tmp_path / "corpus")
    clean = subprocess.run([*CLI, "run", str(corpus), "--out", str(tmp_path / "clean"), "--quiet"],
                           capture_output=True, text=True, timeout=300)
    assert clean.returncode == 0, clean.stderr
    out = tmp_path / "out"
    command = [*CLI, "run", str(corpus), "--out", str(out), "--quiet"]

    def start() -> subprocess.Popen:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    for delay in (0.5, 1.5, 3.0):  # start-up, model load, parsing (later on a busy machine)
        proc = start()
        time.sleep(delay)
        _kill(proc)
    # Once more, killed right after the first articles were stored: the next run must resume, not redo or mix.
    proc = start()
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline and _documents_saved(out / "claimline.sqlite") < 1:
        time.sleep(0.02)
    _kill(proc)
    assert _documents_saved(out / "claimline.sqlite") < len(LAYOUT) or proc.returncode == 0
    # The temporary file a kill while an output file is being replaced leaves behind.
    (out / ".claims.csv.x1y2z3.tmp").write_text("half a file", encoding="utf-8")

    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert outputs(out) == outputs(tmp_path / "clean")
    assert set(outputs(out)) >= {"documents.csv", "claims.csv", "events.csv", "conflicts.csv"}
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".tmp"
                 or p.name.endswith(("-journal", "-wal", "-shm"))]
    assert leftovers == []


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"  # a zombie has ended; only its exit status is left


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the workers")
def test_robust_sigkill_leaves_no_parsing_worker_behind(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(24):  # three batches, so that two workers start
        (corpus / f"a{n:02d}.txt").write_text(article(f"number {n}") * 3, encoding="utf-8")
    proc = subprocess.Popen([*CLI, "run", str(corpus), "--out", str(tmp_path / "out"), "--workers", "2", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and len(workers) < 2:
            workers = _children(proc.pid)
            time.sleep(0.01)
        if proc.poll() is not None:
            pytest.skip("the run ended before its workers could be seen")
        proc.send_signal(signal.SIGKILL)  # the run only, as `kill -9 PID` does: not its process group
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) == 2
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the child")
def test_robust_sigkill_leaves_no_background_parser_behind(tmp_path):
    """A re-run parses new articles in a child process while it reconciles the stored claims; killing the run
    ends the child too."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a00.txt").write_text(article("number 0"), encoding="utf-8")
    out = tmp_path / "out"
    assert subprocess.run([*CLI, "run", str(corpus), "--out", str(out), "--quiet"], timeout=300).returncode == 0
    (corpus / "a01.txt").write_text(article("number 1") * 20, encoding="utf-8")
    proc = subprocess.Popen([*CLI, "run", str(corpus), "--out", str(out), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    children: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and not children:
            children = _children(proc.pid)
            time.sleep(0.01)
        if proc.poll() is not None:
            pytest.skip("the run ended before its child could be seen")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in children if _alive(pid)]
    finally:
        for pid in children:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    done = subprocess.run([*CLI, "run", str(corpus), "--out", str(out), "--quiet"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert [r["status"] for r in read_csv(out / "documents.csv")] == ["ok", "ok"]


def test_robust_error_in_the_background_parser_is_raised_and_nothing_is_lost(clean_run, tmp_path, monkeypatch):
    import pipeline.run as run_module

    corpus, out = clean_run
    grown, out2 = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(corpus, grown)
    shutil.copytree(out, out2)
    (grown / "zz_new.txt").write_text(article("a new one"), encoding="utf-8")
    before = outputs(out2)

    def broken(*args, **kwargs):
        raise ValueError("extraction broke")

    monkeypatch.setattr(run_module, "claims_of_pieces", broken)  # the forked child has it too
    # processes other tests left (a Dask cluster's multiprocessing resource tracker lives as long as pytest)
    earlier = {pid for pid in _children(os.getpid()) if _alive(pid)}
    with pytest.raises(ValueError, match="extraction broke"):
        run_corpus(grown, out2)
    assert outputs(out2) == before
    assert not [pid for pid in _children(os.getpid()) if _alive(pid) and pid not in earlier]
    monkeypatch.undo()
    stored = sum(1 for r in read_csv(out / "documents.csv") if r["status"] == "ok")
    assert run_corpus(grown, out2).reused == stored
    assert {r["doc_id"]: r["status"] for r in read_csv(out2 / "documents.csv")}["zz_new"] == "ok"


def _reversed_walk(real_walk):
    def walk(top, *args, **kwargs):
        for folder, dirs, files in real_walk(top, *args, **kwargs):
            mine = dirs[::-1]
            yield folder, mine, files[::-1]
            dirs[:] = mine  # the caller's pruning still steers the real walk

    return walk


def test_robust_outputs_identical_across_runs_and_orders(clean_run, tmp_path, monkeypatch):
    _, clean_out = clean_run
    corpus = make_layout_corpus(tmp_path / "corpus")
    run_corpus(corpus, tmp_path / "again")
    assert outputs(tmp_path / "again") == outputs(clean_out)

    # The same files created in the opposite order with other mtimes, and folders that list in the opposite order.
    reordered = make_layout_corpus(tmp_path / "reordered", reverse=True)
    real_listdir = os.listdir
    monkeypatch.setattr(os, "walk", _reversed_walk(os.walk))
    monkeypatch.setattr(os, "listdir", lambda path=".": sorted(real_listdir(path), reverse=True))
    run_corpus(reordered, tmp_path / "reordered_out")
    assert outputs(tmp_path / "reordered_out") == outputs(clean_out)


def test_robust_outputs_identical_with_two_workers(clean_run, tmp_path, monkeypatch):
    from pipeline import nlp as nlp_stage

    corpus, clean_out = clean_run
    # Batches of two articles, so that both workers get some.
    monkeypatch.setattr(nlp_stage, "parse", functools.partial(nlp_stage.parse, batch_size=2))
    run_corpus(corpus, tmp_path / "out", workers=2)
    assert outputs(tmp_path / "out") == outputs(clean_out)


@pytest.mark.slow
def test_robust_workers_started_by_spawn_give_same_claims(small_corpus, tmp_path):
    # spawn (the default on macOS and Windows) rebuilds the pipeline in each worker: the custom components must be
    # importable there and the anchor and dates must travel with the Docs.
    script = (
        "import multiprocessing, sys\n"
        "from pathlib import Path\n"
        "if __name__ == '__main__':\n"
        "    multiprocessing.set_start_method('spawn', force=True)\n"
        "    from pipeline.run import run_corpus\n"
        "    run_corpus(Path(sys.argv[1]), Path(sys.argv[2]), workers=int(sys.argv[3]))\n"
    )
    corpus = tmp_path / "corpus"
    shutil.copytree(small_corpus, corpus)
    for n in range(9):  # two batches, so that both workers get some
        (corpus / f"b{n}.txt").write_text(article(f"number {n}").replace("2011", str(2001 + n)), encoding="utf-8")
    (tmp_path / "spawn_run.py").write_text(script, encoding="utf-8")
    for workers in (1, 2):
        proc = subprocess.run([sys.executable, str(tmp_path / "spawn_run.py"), str(corpus), str(tmp_path / f"w{workers}"),
                               str(workers)], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr[-2000:]
    assert outputs(tmp_path / "w2") == outputs(tmp_path / "w1")
    assert len(read_csv(tmp_path / "w2" / "claims.csv")) >= 30


# ---------------------------------------------------------------------------------------------- fuzzing

DATE_TOKENS = [
    "January", "Feb", "March", "April", "May", "June", "July", "Aug.", "September", "October", "November", "December",
    "1", "2", "9", "11", "13", "24", "31", "32", "0", "1947", "1971", "1979", "2011", "2015", "2016", "2018", "99",
    "'79", "1970s", "90s", "2015-16", "FY2015", "9/11", "11/9/2016", "2011-09-24", "early", "late", "mid-", "mid",
    "the", "s", "-", "–", "and", "to", "between", "first week of", "last year", "the same year", "next", "of", "in",
    "since", "until", "spring", "winter", "quarter", "half", "century", "decade", "th", "st", ",", ".", "(", ")",
    "\n",
]


def check_values(text: str, values) -> None:
    for tv in values:
        assert text[tv.char_start:tv.char_end] == tv.text
        assert (tv.start is None) == (tv.end is None)
        if tv.start is not None:
            assert tv.start <= tv.end


@settings(max_examples=2000, deadline=None)
@given(text=st.text(max_size=300), anchor=st.none() | st.dates())
def test_robust_tag_dates_any_text(text, anchor):
    check_values(text, tag_dates(text, anchor=anchor))


@settings(max_examples=2000, deadline=None)
@given(tokens=st.lists(st.sampled_from(DATE_TOKENS), max_size=14), anchor=st.none() | st.dates(),
       glue=st.sampled_from([" ", "", " the ", ", "]))
def test_robust_tag_dates_date_like_text(tokens, anchor, glue):
    text = glue.join(tokens)
    check_values(text, tag_dates(text, anchor=anchor))


@settings(max_examples=1000, deadline=None)
@given(raw=st.text(max_size=400) | st.text(alphabet=st.sampled_from(list("<>/=\"' abpdivhtml&;#*_[]()!\n-")),
                                           max_size=300),
       kind=st.sampled_from(["txt", "md", "html"]))
def test_robust_clean_text_any_text(raw, kind):
    text = clean_text(raw, kind=kind)
    assert text == text.strip()
    assert clean_text(raw, kind=kind) == text


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_robust_read_document_random_bytes(tmp_path, content, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    doc = read_document(path, tmp_path)
    assert doc.status in ("ok", "skipped")
    assert (doc.status == "ok") == (doc.reason == "") == bool(doc.text)
    assert doc.content_hash == hashlib.sha256(content).hexdigest()[:16]


def test_robust_rules_folder_reaches_the_date_tagger(tmp_path):
    """A user's --rules pack with an extra named date is used inside the spaCy component."""
    from pipeline.run import run_corpus

    rules = tmp_path / "rules"
    (rules / "dates").mkdir(parents=True)
    named = rules / "dates" / "named.tsv"
    lines = resolve(None).paths("dates/named.tsv")[-1].read_text(encoding="utf-8").splitlines()
    sample = next(l for l in lines if l and not l.startswith("#"))
    cols = sample.split("\t")
    cols[0] = "Operation Zarb-e-Azb"
    named.write_text("\n".join(lines + ["\t".join(cols)]) + "\n", encoding="utf-8")
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pakistan and Russia held a joint military exercise during Operation Zarb-e-Azb.\n",
                                  encoding="utf-8")
    with_rules = run_corpus(corpus, tmp_path / "o1", rules=rules)
    without = run_corpus(corpus, tmp_path / "o2")
    assert [c.date_text for c in with_rules.claims if c.event_type == "MILITARY_EXERCISE"] == ["Operation Zarb-e-Azb"]
    assert [c.date_text for c in without.claims if c.event_type == "MILITARY_EXERCISE"] != ["Operation Zarb-e-Azb"]


# ---------------------------------------------------------------------------------------------- hostile corpora

_KINDS = ("good", "empty", "binary", "cp1252", "link_inside", "link_outside", "dangling", "folder_outside",
          "numbers", "formula", "large")
HOSTILE_NUMBERS = ("Russia will invest $1e308 in Pakistan in 2012. Russia offered 10^1000 roubles to Pakistan in 2013. "
                   "Pakistan sought $123456789012345678901234567890123456 from Russia in 2014.\n")
FUZZ_SIZE_LIMIT = 4_000
"""The size limit of the fuzzed runs: a ``large`` file is over it, every other file under it."""
_entry = st.tuples(st.sampled_from(_KINDS), st.sampled_from(["", "sub/", "sub/deep/", "Sub/"]),
                   st.sampled_from(["a", "A", "b", "caf\u00e9", "cafe\u0301"]), st.sampled_from([".txt", ".md", ".html"]))


def _hostile_corpus(root: Path, entries: list[tuple[str, str, str, str]]) -> set[str]:
    """A corpus of the entries, an outside folder, an output folder of an earlier run inside the corpus; returns
    the relative paths documents.csv must list."""
    corpus, outside = root / "corpus", root / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.txt").write_text(article("secret"), encoding="utf-8")
    (outside / "folder" / "c.txt").write_text(article("outside folder"), encoding="utf-8")
    (corpus / "old_out").mkdir(parents=True)
    (corpus / "old_out" / "claimline.sqlite").write_bytes(b"")
    (corpus / "old_out" / "report.html").write_text("<p>Pakistan and Russia met in 2011.</p>", encoding="utf-8")
    (corpus / "first.txt").write_text(article("first"), encoding="utf-8")
    listed = {"first.txt"}
    for n, (kind, folder, stem, ext) in enumerate(entries):
        rel = f"{folder}{stem}{n % 3}{ext}" if kind != "folder_outside" else f"{folder}linked{n}"
        path = corpus / rel
        if path.exists() or path.is_symlink():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "folder_outside":
            path.symlink_to(outside / "folder", target_is_directory=True)
            continue
        listed.add(rel)
        if kind == "good":
            path.write_text(article(rel), encoding="utf-8")
        elif kind == "empty":
            path.write_bytes(b"")
        elif kind == "binary":
            path.write_bytes(bytes(range(256)) * 4)
        elif kind == "cp1252":
            path.write_bytes(article(rel).encode("cp1252", errors="replace"))
        elif kind == "numbers":
            path.write_text(article(rel) + HOSTILE_NUMBERS, encoding="utf-8")
        elif kind == "formula":  # a title and a claim opening with formula characters, full-width ones too
            path.write_text("\uff1dHYPERLINK(\"http://x\") " + article(rel).replace("President Asif", "=1+1 Asif"),
                            encoding="utf-8")
        elif kind == "large":
            path.write_text(article(rel) * (FUZZ_SIZE_LIMIT // len(article(rel)) + 1), encoding="utf-8")
        elif kind == "link_inside":
            path.symlink_to(corpus / "first.txt")
        elif kind == "link_outside":
            path.symlink_to(outside / "secret.txt")
        else:
            path.symlink_to(corpus / "nowhere.txt")
    return listed


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(_entry, min_size=1, max_size=8))
@example(entries=[(kind, ["", "sub/", "sub/deep/", "Sub/"][i // 3], "b", [".txt", ".md", ".html"][i % 3])
                  for i, kind in enumerate(_KINDS)])  # every kind at least once, whatever hypothesis draws
def test_robust_hostile_corpus_ends_reports_every_file_and_is_deterministic(tmp_path_factory, entries):
    root = tmp_path_factory.mktemp("hostile")
    listed = _hostile_corpus(root, entries)
    corpus = root / "corpus"
    for out in (corpus / "outputs", corpus / "outputs", root / "fresh"):  # an output folder inside the corpus, twice
        run_corpus(corpus, out, size_limit=FUZZ_SIZE_LIMIT)
    rows = read_csv(corpus / "outputs" / "documents.csv")
    assert sorted(r["path"] for r in rows) == sorted(listed)
    assert len({r["doc_id"] for r in rows}) == len(rows)
    assert outputs(corpus / "outputs") == outputs(root / "fresh")
    text = (root / "fresh" / "report.html").read_text(encoding="utf-8")
    assert "secret" not in text and "outside folder" not in text
    for name in ("documents.csv", "claims.csv", "events.csv"):
        cells = [cell for row in read_csv(root / "fresh" / name) for cell in row.values()]
        assert [c for c in cells if safe(c) != c] == [], name  # every formula-like cell already neutralised
    amounts = [r["amount"] for r in read_csv(root / "fresh" / "claims.csv") if r["amount"]]
    assert not [a for a in amounts if not re.fullmatch(r"\d{1,19}(\.\d+)?", a)], amounts  # no 1e308, no float noise
