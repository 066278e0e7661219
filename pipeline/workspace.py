"""The output folder: where it may be, its store opened with a hint when it cannot be, and the conflicts.csv a
reviewer may have edited since the last run wrote it."""
from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .errors import ClaimlineError
from .store import Store

STORE_NAME = "claimline.sqlite"
RUN_KEY = "run"
CONFLICTS_KEY = "conflicts_csv"


def check_out(corpus: Path, out: Path) -> None:
    """Refuse an output folder that is a file, or that is the corpus or a folder above it (its outputs would be
    read back as articles).

    Raises:
        ClaimlineError: naming the folder and what to do.
    """
    if out.exists() and not out.is_dir():
        raise ClaimlineError(f"--out {out}: is a file, not a folder (give a folder for the outputs)")
    real_out, real_corpus = Path(os.path.realpath(out)), Path(os.path.realpath(corpus))
    if real_out == real_corpus or real_out in real_corpus.parents:
        raise ClaimlineError(f"--out {out}: is the corpus {corpus} or a folder above it; its outputs would be read "
                             f"as articles (give a folder outside the corpus)")


def open_store(out: Path, *, check: Callable[[Store], None] | None = None) -> Store:
    """The output folder's store, opened and brought up to date, then marked as holding an unfinished run.

    Args:
        out: The output folder.
        check: Called with the upgraded store before the run marks it unfinished (a reviewer's unrecorded edits
            stop the run there, leaving the store as the last run left it).

    Raises:
        ClaimlineError: the folder cannot be written, or the store is read-only or corrupt (with what to do).
    """
    path = out / STORE_NAME
    try:
        store = Store(path)
    except OSError as exc:
        raise ClaimlineError(f"{out}: cannot be written ({exc.strerror or exc}); give another --out") from None
    except sqlite3.Error as exc:
        raise ClaimlineError(_store_hint(path, exc)) from None
    try:
        store.upgrade()
        if check is not None:
            check(store)
        # until this run finishes, the store holds a mix of its work and the last run's: export refuses it
        store.set_meta(**{RUN_KEY: {"finished": False}})
    except sqlite3.Error as exc:
        store.close()
        raise ClaimlineError(_store_hint(path, exc)) from None
    except BaseException:
        store.close()
        raise
    return store


@contextmanager
def run_store(out: Path) -> Iterator[Store]:
    """The store of the run in output folder ``out``, for a command that reads or records in it (review, export),
    closed afterwards; a SQLite error while it is open becomes the one line a run gives for it.

    Raises:
        ClaimlineError: there is no run in ``out``; the store is damaged or read-only (with what to do).
    """
    path = out / STORE_NAME
    if not path.is_file():
        raise ClaimlineError(f"{out}: no run found here (run `claimline run --out {out}` first)")
    try:
        store = Store(path)
    except sqlite3.Error as exc:
        raise ClaimlineError(_store_hint(path, exc)) from None
    try:
        yield store
    except sqlite3.Error as exc:
        raise ClaimlineError(_store_hint(path, exc)) from None
    finally:
        store.close()


def _store_hint(path: Path, exc: Exception) -> str:
    """What to do about a store SQLite cannot use: one line naming the file."""
    if "readonly" in str(exc).replace(" ", "").lower():
        return f"{path}: is read-only ({exc}); make it and its folder writable, or give another --out"
    out = path.parent
    return (f"{path}: is damaged ({exc}); move it aside and run `claimline run --out {out}` again (the articles "
            f"are read again; to keep the review decisions, export them first where the file still allows it, "
            f"`claimline review --export decisions.csv --out {out}`, and import them after the run, "
            f"`claimline review decisions.csv --out {out}`)")


def conflicts_file_hash(out: Path) -> str:
    """The SHA-256 of ``out/conflicts.csv`` ("" when there is none): a run compares it with the one it wrote."""
    path = out / "conflicts.csv"
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def check_unreviewed_edits(out: Path, store: Store) -> None:
    """Stop a run that would overwrite a conflicts.csv a reviewer edited since the last run wrote it.

    Raises:
        ClaimlineError: its hash differs from the one the last run (or review) kept.
    """
    kept = (store.meta(CONFLICTS_KEY) or {}).get("sha256")
    found = conflicts_file_hash(out)
    if kept and found and found != kept:
        raise ClaimlineError(
            f"{out / 'conflicts.csv'}: edited since the last run wrote it; record the decisions first "
            f"(`claimline review {out / 'conflicts.csv'} --out {out}`) or move the file away to discard them")
