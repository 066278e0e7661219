"""The command line through typer's CliRunner: help with examples, one-line errors, exit codes."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()
COMMANDS = ["run", "dates", "review", "export"]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_every_command_has_help_with_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example: claimline " + command in result.output


def test_cli_no_arguments_gives_overview():
    result = runner.invoke(app, [])
    assert result.exit_code == 0
    assert "run" in result.output and "dates" in result.output
    lines = result.stdout.splitlines()
    assert len(lines) <= 15, "a short overview, not the full help"
    for command in COMMANDS:
        assert any(line.strip().startswith(command + " ") for line in lines), command
    assert "claimline run corpus --out outputs" in result.stdout


@pytest.mark.parametrize("args", [
    ["run", "--bogus"],
    ["export", "--what", "events"],
    ["nosuch"],
    ["run", "--workers", "0"],
    ["run", "--workers", "many"],
    ["dates"],
    ["export", "--what", "nothing", "-o", "x.csv", "--out", "/nonexistent-claimline"],
])
def test_cli_every_error_is_one_line(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output


def test_cli_unexpected_error_is_one_line(monkeypatch, tmp_path):
    import pipeline.export

    def broken(*args, **kwargs):
        raise RuntimeError("disk\non fire")

    monkeypatch.setattr(pipeline.export, "export_table", broken)
    monkeypatch.delenv("CLAIMLINE_DEBUG", raising=False)
    result = runner.invoke(app, ["export", "--what", "events", "-o", str(tmp_path / "x.csv")])
    assert result.exit_code == 1
    assert result.stderr.strip() == ("error: unexpected RuntimeError: disk on fire "
                                     "(set CLAIMLINE_DEBUG=1 for the traceback)")


def test_cli_progress_bar_shows_articles_words_per_second_and_time_left():
    import io

    from rich.console import Console

    from pipeline.cli import progress_bar
    from pipeline.run import Progress

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=150)
    with progress_bar(True, console=console) as update:
        update(Progress(1, 3, 1200, "000_a"))
        update(Progress(2, 3, 800, "001_b"))
        console.print()  # one final render into the buffer
    text = buf.getvalue()
    assert "2/3" in text and "articles" in text and "words/s" in text and "001_b" in text
    with progress_bar(False) as update:
        assert update is None


def test_cli_run_is_silent_when_quiet_and_has_no_bar_when_not_a_terminal(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("President Asif Ali Zardari visited Russia in May 2011.\n", encoding="utf-8")
    result = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("1 articles") and "words/s" not in result.stderr
    assert (tmp_path / "o" / "report.html").exists()
    result = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 0 and result.stderr == "" and result.stdout == ""


def test_cli_missing_corpus_is_one_line_and_exit_2(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "nope" in lines[0]


def test_cli_empty_corpus_is_exit_2(tmp_path):
    (tmp_path / "c").mkdir()
    result = runner.invoke(app, ["run", str(tmp_path / "c"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_cli_dates_prints_json_lines():
    result = runner.invoke(app, ["dates", "Zardari visited Russia in September 2011.", "--anchor", "2012-12-13"])
    assert result.exit_code == 0
    (obj,) = [json.loads(l) for l in result.stdout.splitlines()]
    assert (obj["text"], obj["start"], obj["end"], obj["granularity"]) == ("September 2011", "2011-09-01",
                                                                           "2011-09-30", "month")


def test_cli_dates_input_file_carries_ids(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": "x1", "text": "in 1999", "anchor": None}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["dates", "--input", str(f)])
    assert result.exit_code == 0
    assert json.loads(result.stdout.splitlines()[0])["id"] == "x1"


def test_cli_run_then_review_then_export(seed_run, tmp_path):
    import csv
    import shutil

    corpus, out, _ = seed_run
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    rows = list(csv.DictReader(open(out2 / "conflicts.csv", encoding="utf-8")))
    assert rows
    rows[0]["status"] = "resolved"
    rows[0]["resolution"] = rows[0]["value_b"]
    edited = tmp_path / "edited.csv"
    with open(edited, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
        f.write("deadbeefdeadbeef," + ",".join(["x"] * (len(rows[0]) - 1)) + "\n")
    result = runner.invoke(app, ["review", str(edited), "--out", str(out2)])
    assert result.exit_code == 1
    assert "0 decisions recorded" in result.stderr and "nothing recorded" in result.stderr
    assert f"line {len(rows) + 2}: unknown conflict_id" in result.stderr
    result = runner.invoke(app, ["review", str(edited), "--out", str(out2), "--partial"])
    assert result.exit_code == 1 and "1 decisions recorded" in result.stderr
    result = runner.invoke(app, ["run", str(corpus), "--out", str(out2), "--quiet"])
    assert result.exit_code == 0
    again = {r["conflict_id"]: r for r in csv.DictReader(open(out2 / "conflicts.csv", encoding="utf-8"))}
    assert again[rows[0]["conflict_id"]]["status"] == "resolved"
    for fmt in ("jsonl", "parquet", "timelinejs", "csv"):
        target = tmp_path / f"events.{fmt}"
        result = runner.invoke(app, ["export", "--what", "events", "--format", fmt, "-o", str(target),
                                     "--out", str(out2)])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0
    tl = json.loads((tmp_path / "events.timelinejs").read_text(encoding="utf-8"))
    assert tl["events"] and all("year" in e["start_date"] for e in tl["events"])


def test_cli_review_reports_each_bad_row_with_its_line(seed_run, tmp_path):
    import csv
    import shutil

    _, out, _ = seed_run
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    rows = list(csv.DictReader(open(out2 / "conflicts.csv", encoding="utf-8")))
    date_rows = [r for r in rows if r["attribute"] == "date"]
    assert len(date_rows) >= 2
    date_rows[0].update(status="maybe")
    date_rows[1].update(status="resolved", resolution="sometime")
    edited = tmp_path / "edited.csv"
    with open(edited, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    result = runner.invoke(app, ["review", str(edited), "--out", str(out2)])
    assert result.exit_code == 1
    errors = [l for l in result.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 2
    assert any("status 'maybe'" in l and "line " in l for l in errors)
    assert any("'sometime' is not a date" in l for l in errors)


def test_cli_max_bytes_skips_large_articles(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "small.txt").write_text("President Asif Ali Zardari visited Russia in May 2011.\n", encoding="utf-8")
    (corpus / "big.txt").write_text("Pakistan joined SEATO in 1954. " * 200, encoding="utf-8")
    result = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "o"), "--max-bytes", "1000", "-q"])
    assert result.exit_code == 0
    import csv

    docs = {r["doc_id"]: r for r in csv.DictReader(open(tmp_path / "o" / "documents.csv", encoding="utf-8"))}
    assert docs["big"]["status"] == "skipped" and "too large" in docs["big"]["reason"]
    assert docs["small"]["status"] == "ok"


def test_cli_export_carries_a_review_without_a_new_run(seed_run, tmp_path):
    """export rebuilds its table from the store: the run's claims and the decisions recorded since."""
    import csv
    import shutil

    _, out, _ = seed_run
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    target = tmp_path / "before.csv"
    assert runner.invoke(app, ["export", "--what", "conflicts", "-o", str(target), "--out", str(out2)]).exit_code == 0
    assert target.read_bytes() == (out2 / "conflicts.csv").read_bytes()
    rows = list(csv.DictReader(open(out2 / "conflicts.csv", encoding="utf-8")))
    cento = next(r for r in rows if "CENTO" in r["subject"])
    edited = tmp_path / "edited.csv"
    with open(edited, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["conflict_id", "status", "resolution", "attribute"])
        w.writeheader()
        w.writerow({"conflict_id": cento["conflict_id"], "status": "resolved", "resolution": "1979",
                    "attribute": "date"})
    assert runner.invoke(app, ["review", str(edited), "--out", str(out2)]).exit_code == 0
    events = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["export", "--what", "events", "--format", "jsonl", "-o", str(events),
                                 "--out", str(out2)])
    assert result.exit_code == 0, result.output
    exits = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    cento_event = next(e for e in exits if e["event_id"] == cento["event_id"])
    assert cento_event["date_start"] == "1979-01-01" and cento_event["date_end"] == "1979-12-31"


def test_cli_export_refuses_what_a_killed_run_left_half_done(seed_run, tmp_path):
    """A run writes the store as it goes; until it finishes, export cannot rebuild a run's tables from it."""
    import shutil

    from pipeline.run import RUN_KEY, STORE_NAME
    from pipeline.store import Store

    _, out, _ = seed_run
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    store = Store(out2 / STORE_NAME)
    store.set_meta(**{RUN_KEY: {"finished": False}})  # what a run killed mid-way leaves
    store.close()
    result = runner.invoke(app, ["export", "--what", "events", "-o", str(tmp_path / "e.csv"), "--out", str(out2)])
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "the last run did not finish" in result.stderr
    assert not (tmp_path / "e.csv").exists()


def test_cli_export_of_an_older_store_says_so_and_keeps_it(seed_run, tmp_path):
    import shutil
    import sqlite3

    from pipeline.run import STORE_NAME

    _, out, _ = seed_run
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    db = sqlite3.connect(out2 / STORE_NAME)
    db.execute("CREATE TABLE tables (name TEXT, ordinal INTEGER, data TEXT)")
    db.execute("INSERT INTO tables VALUES ('events', 0, '{}')")
    db.commit()
    db.close()
    result = runner.invoke(app, ["export", "--what", "events", "-o", str(tmp_path / "e.csv"), "--out", str(out2)])
    assert result.exit_code != 0 and "earlier claimline" in result.stderr
    db = sqlite3.connect(out2 / STORE_NAME)
    assert db.execute("SELECT count(*) FROM tables").fetchone() == (1,)
    db.close()


def test_cli_run_missing_metadata_file_exits_2(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Pakistan and Russia signed an agreement in Moscow on 3 May 2011.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out"),
                                      "--metadata", str(tmp_path / "absent.csv")])
    assert result.exit_code == 2
    assert "absent.csv" in result.output


def test_cli_dates_input_not_utf8_is_one_line_and_exit_2(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_bytes(json.dumps({"id": "x1", "text": "in 1999"}).encode() + b"\n" +
                  '{"id": "x2", "text": "caf\u00e9 in 2001"}\n'.encode("cp1252"))
    result = runner.invoke(app, ["dates", "--input", str(f)])
    assert result.exit_code == 2
    assert result.stderr == f"error: {f}:2: not UTF-8 (byte 0xe9); save the file as UTF-8\n"


def test_cli_export_to_a_folder_is_one_line_and_exit_2(seed_run, tmp_path):
    _, out, _ = seed_run
    result = runner.invoke(app, ["export", "--what", "claims", "--format", "csv", "-o", str(tmp_path), "--out",
                                 str(out)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and f"-o {tmp_path}: is a folder" in result.stderr


@pytest.mark.parametrize("value, expected", [("1", 1), ("3", 3), ("auto", None)])
def test_cli_worker_count(value, expected):
    from pipeline.cli import worker_count
    from pipeline.procs import available_cpus

    assert worker_count(value) == (expected or available_cpus())


def _damage(store, how: str) -> None:
    """Damage a copied claimline.sqlite: ``junk`` makes it not a database at all; ``pages`` overwrites every page
    after the first, so SQLite opens it and fails when it reads the tables."""
    data = store.read_bytes()
    if how == "junk":
        store.write_bytes(b"this is not a database at all, just some bytes" * 40)
    else:
        page = int.from_bytes(data[16:18], "big")
        store.write_bytes(data[:page] + b"\xde\xad\xbe\xef" * ((len(data) - page) // 4))
    for extra in (store.with_name(store.name + "-wal"), store.with_name(store.name + "-shm")):
        extra.unlink(missing_ok=True)


@pytest.mark.parametrize("how", ["junk", "pages"])
@pytest.mark.parametrize("command", ["review", "review --export", "claims review", "export"])
def test_cli_damaged_store_is_one_line_and_exit_2(seed_run, tmp_path, how, command):
    """review and export name a damaged store and say what to do, as run does; never "unexpected"."""
    import shutil

    from pipeline.run import STORE_NAME

    _, out, _ = seed_run
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    _damage(out2 / STORE_NAME, how)
    args = {"review": ["review", str(out2 / "conflicts.csv")],
            "review --export": ["review", "--export", str(tmp_path / "decisions.csv")],
            "claims review": ["review", str(out2 / "claims.csv")],
            "export": ["export", "--what", "events", "-o", str(tmp_path / "e.csv")]}[command]
    if command == "claims review":  # a claims.csv is reviewed only with a status column
        text = (out2 / "claims.csv").read_text(encoding="utf-8").splitlines()
        (out2 / "claims.csv").write_text("\n".join([text[0] + ",status", text[1] + ",rejected"]) + "\n",
                                         encoding="utf-8")
    result = runner.invoke(app, [*args, "--out", str(out2)])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "unexpected" not in result.stderr
    assert result.stderr.startswith(f"error: {out2 / STORE_NAME}: is damaged")
    assert "move it aside" in result.stderr and f"claimline run --out {out2}" in result.stderr
    assert f"claimline review --export decisions.csv --out {out2}" in result.stderr
    assert not (tmp_path / "e.csv").exists()


def test_cli_review_of_a_read_only_store_is_one_line_and_exit_2(seed_run, tmp_path, monkeypatch):
    import shutil
    import sqlite3

    from pipeline.run import STORE_NAME
    from pipeline.store import Store

    def read_only(self, *args, **kwargs):  # what sqlite says for a read-only file (root writes through chmod)
        raise sqlite3.OperationalError("attempt to write a readonly database")

    _, out, _ = seed_run
    out2 = tmp_path / "out"
    shutil.copytree(out, out2)
    monkeypatch.setattr(Store, "record_decisions", read_only)
    result = runner.invoke(app, ["review", str(out2 / "conflicts.csv"), "--out", str(out2)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {out2 / STORE_NAME}: is read-only") and "writable" in result.stderr
