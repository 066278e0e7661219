"""Finding the article files under a corpus folder."""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.errors import CorpusError

ARTICLE_KINDS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
"""File extensions read as articles (compared case-insensitively) and the cleaning each gets."""


def discover(corpus: Path) -> list[Path]:
    """Every article file under ``corpus``, sorted by relative posix path.

    Sub-folders are searched too, symlinked ones included; a folder reached twice (a symlink loop, or
    a link to a folder already searched) is searched once. Hidden files and folders (name starting
    with ".") and files whose extension is not in :data:`ARTICLE_KINDS` are ignored. Folders that
    cannot be listed are passed over; their files then never reach the documents table.

    Args:
        corpus: The corpus folder.

    Returns:
        Paths of the article files (``corpus / relative path``), sorted by relative posix path.

    Raises:
        CorpusError: The folder does not exist, is not a folder, cannot be read, or holds no article file.
    """
    corpus = Path(corpus)
    if not corpus.is_dir():
        detail = " (it is a file)" if corpus.exists() else ""
        raise CorpusError(f"corpus folder not found: {corpus}{detail}")
    found: list[tuple[str, Path]] = []
    seen: set[str] = set()
    errors: list[OSError] = []
    for top, dirs, files in os.walk(corpus, followlinks=True, onerror=errors.append):
        real = os.path.realpath(top)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        top_path = Path(top)
        # Sorted so the same folder reached by two routes always keeps the same name; real folders win.
        dirs[:] = sorted(
            (d for d in dirs if not d.startswith(".")),
            key=lambda d: (os.path.islink(os.path.join(top, d)), d),
        )
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in ARTICLE_KINDS:
                continue
            path = top_path / name
            found.append((path.relative_to(corpus).as_posix(), path))
    if not found:
        if any(isinstance(error, PermissionError) and Path(error.filename or "") == corpus for error in errors):
            raise CorpusError(f"corpus folder cannot be read: {corpus} (permission denied)")
        raise CorpusError(f"corpus folder is empty: {corpus} (no .txt, .md or .html articles)")
    found.sort(key=lambda item: item[0])
    return [path for _, path in found]
