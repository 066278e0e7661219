"""End to end on the seed corpus: the four files, the two known conflicts, no false alarms, reuse of work."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, read_csv

from pipeline.run import run_corpus


def conflicts_about(out: Path, subject_words: tuple[str, ...], attribute: str = "date") -> list[dict]:
    rows = read_csv(out / "conflicts.csv")
    return [r for r in rows if r["attribute"] == attribute and all(w in r["subject"] for w in subject_words)]


OUTPUT_FILES = ("documents.csv", "claims.csv", "events.csv", "conflicts.csv", "report.html")
NEW_ARTICLE = "Pakistan and Russia held a joint military exercise in October 2018.\n"


def copy_of_seed_run(seed_run, tmp_path: Path, **new: str) -> tuple[Path, Path]:
    """A copy of the seed corpus and of its run's output folder, with new articles (file name → text) added."""
    corpus, out, _ = seed_run
    grown, out2 = tmp_path / "corpus", tmp_path / "out"
    shutil.copytree(corpus, grown)
    shutil.copytree(out, out2)
    for name, text in new.items():
        (grown / name).write_text(text, encoding="utf-8")
    return grown, out2


def same_as_fresh_run(corpus: Path, out: Path, tmp_path: Path) -> bool:
    """Whether ``out`` holds the files one fresh single-process run over ``corpus`` writes."""
    fresh = tmp_path / "fresh"
    run_corpus(corpus, fresh)
    return [(out / n).read_bytes() for n in OUTPUT_FILES] == [(fresh / n).read_bytes() for n in OUTPUT_FILES]


def test_run_writes_four_files_that_pass_the_contract(seed_run):
    _, out, _ = seed_run
    for name in ("documents", "claims", "events", "conflicts"):
        assert (out / f"{name}.csv").exists()
    check = ROOT.parent / "shared" / "checks" / "contract.py"
    if check.exists():
        proc = subprocess.run([sys.executable, str(check), str(out)], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout


def test_run_reports_cento_exit_1974_vs_1979(seed_run):
    _, out, _ = seed_run
    rows = conflicts_about(out, ("Pakistan", "exits", "CENTO"))
    assert rows, "CENTO exit conflict missing"
    values = {frozenset((r["value_a"], r["value_b"])) for r in rows}
    assert frozenset(("1974", "1979")) in values
    row = rows[0]
    assert "1974" in (row["evidence_a"] + row["evidence_b"]) and "1979" in (row["evidence_a"] + row["evidence_b"])
    assert row["severity"] == "high"


def test_run_reports_zardari_visit_may_vs_september_2011(seed_run):
    _, out, _ = seed_run
    rows = conflicts_about(out, ("Zardari", "Russia"))
    pairs = {frozenset((r["value_a"], r["value_b"])) for r in rows}
    assert pairs == {frozenset(("2011-05", "2011-09"))}
    (row,) = rows  # one disagreement, every article on its side
    docs = set(row["docs_a"].split(";")) | set(row["docs_b"].split(";"))
    assert {"004_0852f2c83e838c45", "001_d2656cac8990173e"} <= docs
    for r in rows:
        assert "May 2011" in r["evidence_a"] + r["evidence_b"]
        assert "September 2011" in r["evidence_a"] + r["evidence_b"]


def test_run_has_no_false_alarms_for_precision_or_distinct_visits(seed_run):
    _, out, _ = seed_run
    for r in read_csv(out / "conflicts.csv"):
        if r["attribute"] != "date":
            continue
        a, b = r["value_a"], r["value_b"]
        # one date at two precisions is never a conflict
        assert not (a.startswith(b) or b.startswith(a)), r
        # visits in different years without other evidence are different events
        if r["event_type"] == "VISIT" and r["severity"] == "low":
            assert a[:4] == b[:4], r


def test_run_documents_csv_lists_metadata(seed_run):
    _, out, _ = seed_run
    docs = {r["doc_id"]: r for r in read_csv(out / "documents.csv")}
    assert len(docs) == 5 and all(r["status"] == "ok" for r in docs.values())
    assert docs["002_c8f370c51cb20fc3"]["published"] == "2016-11-09"
    assert docs["003_1b4e483194c528fc"]["published"] == "2018-09-11"
    assert docs["000_a99e2305c91fe4e6"]["published"] == "2012-12-13"
    assert all(r["published_from"] == ("header" if r["published"] else "") for r in docs.values())
    assert all(int(r["claims"]) > 0 and int(r["words"]) > 0 for r in docs.values())


def test_run_metadata_file_overrides_detected_published(seed_run, tmp_path, capsys):
    corpus, _, _ = seed_run
    meta = tmp_path / "given.csv"
    meta.write_text("path,published,source\n002_c8f370c51cb20fc3.txt,2016-11-10,Dawn\nmissing.txt,soon,\n",
                    encoding="utf-8")
    run_corpus(corpus, tmp_path / "out", metadata=meta)
    docs = {r["doc_id"]: r for r in read_csv(tmp_path / "out" / "documents.csv")}
    assert (docs["002_c8f370c51cb20fc3"]["published"], docs["002_c8f370c51cb20fc3"]["published_from"],
            docs["002_c8f370c51cb20fc3"]["source"]) == ("2016-11-10", "metadata", "Dawn")
    assert f"{meta}:3:" in capsys.readouterr().err


def test_run_rerun_reuses_work_and_is_byte_identical(seed_run):
    corpus, out, first = seed_run
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}
    again = run_corpus(corpus, out)
    assert again.reused == 5
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before


def test_run_grown_corpus_parses_only_new_article(seed_run, tmp_path):
    grown, out2 = copy_of_seed_run(seed_run, tmp_path, **{"zz_new.txt": NEW_ARTICLE})
    (grown / "bad.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00\x01\x02" * 10)
    result = run_corpus(grown, out2)
    assert result.reused == 5
    docs = {r["doc_id"]: r for r in read_csv(out2 / "documents.csv")}
    assert docs["zz_new"]["status"] == "ok"
    assert docs["bad"]["status"] == "skipped" and docs["bad"]["reason"]
    # parsed in the background while the stored claims were reconciled: the same files as one fresh run
    assert same_as_fresh_run(grown, out2, tmp_path)


def test_run_conflict_report_against_gold(seed_run):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_conflicts import score

    _, _, result = seed_run
    s = score(list(result.conflicts), {c.claim_id: c for c in result.claims})
    assert s.recall == 1.0, f"found {s.found}/{s.gold} gold conflicts"
    assert s.precision >= 0.8, f"only {s.true_rows}/{s.rows} rows are real conflicts"
    assert s.false_alarms == ()


def test_run_rerun_reads_no_unchanged_article_again_and_imports_no_spacy(seed_run, tmp_path):
    """Articles whose bytes the store already holds are neither decoded nor cleaned again, and a run with nothing
    to parse never imports spaCy (both are what make a re-run of a large corpus cheap)."""
    import subprocess
    import sys

    corpus, out2 = copy_of_seed_run(seed_run, tmp_path)
    before = {p.name: p.read_bytes() for p in out2.glob("*.csv")}
    code = ("import sys; from pathlib import Path; import pipeline.ingest.read as ingest_read\n"
            "from pipeline.run import run_corpus\n"
            "def boom(*a, **k): raise AssertionError('an unchanged article was decoded or cleaned again')\n"
            "ingest_read.decode_bytes = ingest_read.clean_text = boom\n"
            f"r = run_corpus(Path({str(corpus)!r}), Path({str(out2)!r}))\n"
            "assert r.reused == 5, r.reused\n"
            "assert 'spacy' not in sys.modules, 'spaCy was imported'\n")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert {p.name: p.read_bytes() for p in out2.glob("*.csv")} == before


def test_run_renamed_article_is_read_again(seed_run, tmp_path):
    """The same bytes under another name are another file: read afresh, and documents.csv names the new path."""
    moved, out2 = copy_of_seed_run(seed_run, tmp_path)
    first = sorted(moved.glob("*.txt"))[0]
    first.rename(first.with_suffix(".md"))
    result = run_corpus(moved, out2)
    assert result.reused == 4
    docs = {r["doc_id"]: r for r in read_csv(out2 / "documents.csv")}
    assert docs[first.stem]["path"] == first.with_suffix(".md").name
    assert int(docs[first.stem]["words"]) > 0


def test_run_error_while_writing_report_is_raised(seed_run, tmp_path):
    """report.html is written by a child process (a fresh interpreter: a patch here would not reach it) while the
    CSV files are written here; its error still stops the run with that error."""
    corpus, out2 = copy_of_seed_run(seed_run, tmp_path)
    (out2 / "report.html").unlink()
    (out2 / "report.html").mkdir()  # the report cannot be renamed into place
    (out2 / "report.html" / "keep").write_text("x", encoding="utf-8")
    with pytest.raises(OSError, match="report.html"):
        run_corpus(corpus, out2)


def test_run_many_new_articles_with_workers_after_a_stored_corpus(seed_run, tmp_path):
    """The background parser spreads many new articles over worker processes of its own; the files are those of
    one fresh single-process run."""
    notes = {f"new{n:02d}.txt": f"Note {n}\n\n" + NEW_ARTICLE.replace("2018", str(2000 + n)) for n in range(17)}
    grown, out2 = copy_of_seed_run(seed_run, tmp_path, **notes)  # three batches of parse's eight: two workers
    result = run_corpus(grown, out2, workers=2)
    assert result.reused == 5 and len(result.documents) == 22
    assert same_as_fresh_run(grown, out2, tmp_path)


def test_run_without_fork_gives_the_same_files(seed_run, tmp_path, monkeypatch):
    """Where children are not forked (macOS, Windows) the new articles are parsed and report.html written in the
    run's own process; the files do not change."""
    import pipeline.procs
    import pipeline.run

    monkeypatch.setattr(pipeline.procs, "can_fork", lambda: False)
    monkeypatch.setattr(pipeline.run, "can_fork", lambda: False)
    grown, out2 = copy_of_seed_run(seed_run, tmp_path, **{"zz_new.txt": NEW_ARTICLE})
    assert run_corpus(grown, out2).reused == 5
    monkeypatch.undo()
    assert same_as_fresh_run(grown, out2, tmp_path)


def test_run_reads_review_decisions_once(seed_run, tmp_path, monkeypatch):
    """The blocks compared while new articles are parsed and the final reconciliation use the same decisions, so a
    review recorded during a run cannot split its output; it shows at the next run."""
    from pipeline.store import Store

    grown, out2 = copy_of_seed_run(seed_run, tmp_path, **{"zz_new.txt": NEW_ARTICLE})
    calls = []
    real = Store.decisions
    monkeypatch.setattr(Store, "decisions", lambda self: calls.append(1) or real(self))
    run_corpus(grown, out2)
    assert len(calls) == 1


# ---------------------------------------------------------------------------------------------- hostile corpora

SHORT = ("Notes on Pakistan and Russia, {}\n\nPresident Asif Ali Zardari visited Russia in May 2011 and met President "
         "Dmitry Medvedev in Moscow.\n")


def _cli(*args: str):
    from typer.testing import CliRunner

    from pipeline.cli import app
    return CliRunner().invoke(app, list(args))


def test_run_out_inside_the_corpus_is_never_read_back(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SHORT.format("a"), encoding="utf-8")
    out = corpus / "outputs"
    first = run_corpus(corpus, out)
    files = {n: (out / n).read_bytes() for n in OUTPUT_FILES}
    second = run_corpus(corpus, out)  # on main, the report and CSV files were read as articles here
    assert [d.doc_id for d in second.documents] == [d.doc_id for d in first.documents] == ["a"]
    assert len(second.claims) == len(first.claims) > 0
    assert {n: (out / n).read_bytes() for n in OUTPUT_FILES} == files


@pytest.mark.parametrize("where", ["corpus", "above"])
def test_run_refuses_out_that_is_the_corpus_or_above_it(tmp_path, where):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SHORT.format("a"), encoding="utf-8")
    out = corpus if where == "corpus" else tmp_path
    result = _cli("run", str(corpus), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "would be read as articles" in result.stderr
    assert not (out / "claimline.sqlite").exists()


def test_run_out_naming_a_file_is_one_line_and_exit_2(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SHORT.format("a"), encoding="utf-8")
    (tmp_path / "out.txt").write_text("x", encoding="utf-8")
    result = _cli("run", str(corpus), "--out", str(tmp_path / "out.txt"))
    assert result.exit_code == 2
    assert result.stderr == f"error: --out {tmp_path / 'out.txt'}: is a file, not a folder (give a folder for the outputs)\n"


def test_run_corrupt_store_says_how_to_recover(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    out.mkdir()
    (corpus / "a.txt").write_text(SHORT.format("a"), encoding="utf-8")
    (out / "claimline.sqlite").write_bytes(b"this is not a database at all, just some bytes" * 40)
    result = _cli("run", str(corpus), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unexpected" not in result.stderr
    assert "is damaged" in result.stderr and "move it aside and run `claimline run --out" in result.stderr


def test_run_read_only_store_is_one_line_and_exit_2(tmp_path, monkeypatch):
    import sqlite3

    from pipeline.store import Store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SHORT.format("a"), encoding="utf-8")

    def read_only(self, **values):  # what sqlite says for a read-only file (root writes through chmod)
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Store, "set_meta", read_only)
    result = _cli("run", str(corpus), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is read-only" in result.stderr and "writable" in result.stderr


def test_run_two_files_with_one_stem_both_stay(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SHORT.format("text"), encoding="utf-8")
    (corpus / "a.md").write_text(SHORT.format("markdown"), encoding="utf-8")
    (corpus / "b.txt").write_text(SHORT.format("b"), encoding="utf-8")
    run_corpus(corpus, tmp_path / "out")
    rows = read_csv(tmp_path / "out" / "documents.csv")
    assert [(r["doc_id"], r["path"], r["status"]) for r in rows] == [
        ("a.md", "a.md", "ok"), ("a.txt", "a.txt", "ok"), ("b", "b.txt", "ok")]
    assert {c["doc_id"] for c in read_csv(tmp_path / "out" / "claims.csv")} == {"a.md", "a.txt", "b"}
    assert "warning" not in capsys.readouterr().err


def test_run_link_out_of_the_corpus_is_listed_as_skipped(tmp_path, capsys):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (corpus / "a.txt").write_text(SHORT.format("a"), encoding="utf-8")
    (outside / "secret.txt").write_text(SHORT.format("secret"), encoding="utf-8")
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    result = run_corpus(corpus, tmp_path / "out")
    assert [(d.doc_id, d.status, d.reason) for d in result.documents] == [
        ("a", "ok", ""), ("passwd", "skipped", "link out of the corpus (--follow-links reads it)")]
    assert "secret" not in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert f"{corpus / 'passwd.txt'}: skipped: link out of the corpus" in capsys.readouterr().err
    followed = run_corpus(corpus, tmp_path / "out", follow_links=True)
    assert [(d.doc_id, d.status) for d in followed.documents] == [("a", "ok"), ("passwd", "ok")]
