"""Finding the article files under a corpus folder."""
from __future__ import annotations

import os
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import CorpusError

ARTICLE_KINDS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
"""File extensions read as articles (compared case-insensitively) and the cleaning each gets."""

STORE_FILE = "claimline.sqlite"
"""A folder holding this file is a claimline output folder: never read as corpus."""


@dataclass
class Found:
    """What a search of the corpus found."""

    paths: list[Path] = field(default_factory=list)
    """The article files to read (``corpus / relative path``), sorted by relative posix path."""
    outside: dict[Path, str] = field(default_factory=dict)
    """Article files that are links out of the corpus, not read, with the reason (listed as skipped)."""
    notes: list[str] = field(default_factory=list)
    """One line each: folders passed over (links out of the corpus, output folders) and name clashes."""


def discover(corpus: Path, **options) -> list[Path]:
    """The article files under ``corpus`` that are read (see :func:`find_articles`, which takes ``options``)."""
    return find_articles(corpus, **options).paths


def find_articles(corpus: Path, *, exclude: tuple[Path, ...] = (), follow_links: bool = False) -> Found:
    """Every article file under ``corpus``, sorted by relative posix path.

    Sub-folders are searched too. A link (to a file or a folder) that resolves inside the corpus is followed; one
    that leads out of it is not (a linked file is listed in ``outside`` with the reason, a linked folder gets a
    note) unless ``follow_links``. A folder reached twice (a symlink loop, or a link to a folder already searched)
    is searched once. The folders in ``exclude`` (the run's output folder) and any folder holding a
    ``claimline.sqlite`` (another run's output) are never read. Hidden files and folders (name starting with
    ".") and files whose extension is not in :data:`ARTICLE_KINDS` are ignored. Folders that cannot be listed are
    passed over. Names that differ only in case or Unicode normalisation get a note: they are separate files
    here, but one file on a case-insensitive file system.

    Args:
        corpus: The corpus folder.
        exclude: Folders never read as corpus.
        follow_links: Follow links that lead out of the corpus too.

    Raises:
        CorpusError: The folder does not exist, is not a folder, cannot be read, or holds no article file.
    """
    corpus = Path(corpus)
    if not corpus.is_dir():
        detail = " (it is a file)" if corpus.exists() else ""
        raise CorpusError(f"corpus folder not found: {corpus}{detail}")
    root = os.path.realpath(corpus)
    excluded = {os.path.realpath(p) for p in exclude}
    found, errors = Found(), []
    listed: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for top, dirs, files in os.walk(corpus, followlinks=True, onerror=errors.append):
        real = os.path.realpath(top)
        if real in seen or _passed_over(top, real, root, excluded, follow_links, files, found.notes):
            dirs[:] = []
            continue
        seen.add(real)
        # Sorted so the same folder reached by two routes always keeps the same name; real folders win.
        dirs[:] = sorted((d for d in dirs if not d.startswith(".")),
                         key=lambda d: (os.path.islink(os.path.join(top, d)), d))
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in ARTICLE_KINDS:
                continue
            path = Path(top) / name
            target = os.path.realpath(path)
            if not follow_links and os.path.islink(path) and not _inside(target, root):
                found.outside[path] = "link out of the corpus (--follow-links reads it)"
            listed.append((path.relative_to(corpus).as_posix(), path))
    if not listed:
        if any(isinstance(error, PermissionError) and Path(error.filename or "") == corpus for error in errors):
            raise CorpusError(f"corpus folder cannot be read: {corpus} (permission denied)")
        raise CorpusError(f"corpus folder is empty: {corpus} (no .txt, .md or .html articles)")
    listed.sort(key=lambda item: item[0])
    found.paths = [path for _, path in listed if path not in found.outside]
    found.notes.extend(name_clashes([rel for rel, _ in listed]))
    return found


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _passed_over(top: str, real: str, root: str, excluded: set[str], follow_links: bool, files: list[str],
                 notes: list[str]) -> bool:
    """Whether the folder ``top`` is not read (with a note saying why)."""
    if real in excluded:
        notes.append(f"{top}: not read as corpus: it is the output folder")
        return True
    if STORE_FILE in files:
        notes.append(f"{top}: not read as corpus: it holds a claimline output ({STORE_FILE})")
        return True
    if not follow_links and not _inside(real, root):
        notes.append(f"{top}: not read: a link out of the corpus (to {real}; --follow-links reads it)")
        return True
    return False


def name_clashes(names: list[str]) -> list[str]:
    """A note for each group of paths that differ only in case or Unicode normalisation."""
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[unicodedata.normalize("NFC", name).casefold()].append(name)
    return [f"names differ only in case or Unicode form: {', '.join(sorted(group))} (read as separate articles; "
            f"on a case-insensitive file system they would be one file)"
            for _, group in sorted(groups.items()) if len(group) > 1]


def doc_ids(paths: list[Path], corpus: Path) -> dict[Path, str]:
    """Each article's ``doc_id``: its path relative to the corpus without the extension, or with it where two
    files would otherwise share an id (``a.txt`` and ``a.md``)."""
    rels = {p: p.relative_to(corpus).as_posix() for p in paths}
    ids = {p: rel[: -len(p.suffix)] if p.suffix else rel for p, rel in rels.items()}
    while True:
        counts: dict[str, int] = defaultdict(int)
        for doc_id in ids.values():
            counts[doc_id] += 1
        shared = [p for p, doc_id in ids.items() if counts[doc_id] > 1 and doc_id != rels[p]]
        if not shared:
            return ids
        for p in shared:
            ids[p] = rels[p]
