"""The output folder: where it may be, its store opened with a hint when it cannot be, and the conflicts.csv a
reviewer may have edited since the last run wrote it."""
from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path
from typing import Callable

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


def _store_hint(path: Path, exc: Exception) -> str:
    if "readonly" in str(exc).replace(" ", "").lower():
        return f"{path}: is read-only ({exc}); make it and its folder writable, or give another --out"
    return (f"{path}: is damaged ({exc}); move it aside and run again (the articles are read again; to keep the "
            f"review decisions, run `claimline export` from a copy of the old folder first)")


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
