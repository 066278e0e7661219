"""Reading one article file into a ``Document``: bytes, then text, then clean text and metadata.

A bad file never stops a run: :func:`read_document` returns ``status="skipped"`` with a short reason.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Callable

from pipeline.ingest.clean import clean_text
from pipeline.ingest.decode import decode_bytes
from pipeline.ingest.discover import ARTICLE_KINDS
from pipeline.ingest.html import looks_like_html
from pipeline.ingest.metadata import detect_metadata, detect_published, html_metadata
from pipeline.ingest.script import foreign_script
from pipeline.records import Document

SIZE_LIMIT_BYTES = 5_000_000
"""Files larger than this many bytes are skipped as "too large": no news article or paper comes near
it, and it keeps one stray dump or data file from holding up a run. Override with ``size_limit=``."""


def read_document(
    path: Path, corpus: Path, *, size_limit: int = SIZE_LIMIT_BYTES, rules: Path | None = None,
    known: Callable[[str, str, str], Document | None] | None = None, doc_id: str | None = None,
    skip: str = "",
) -> Document:
    """Read one article file into a Document; never raises for a bad file.

    A file that cannot be used comes back with ``status="skipped"`` and a short ``reason``:
    "unreadable (permission denied)", "not a regular file", "too large (N bytes > LIMIT)", "empty",
    "whitespace only", "not text (binary)", "undecodable (...)", "no article text" (nothing left once
    markup and boilerplate are gone) or "not English (Arabic script)". The last one is how an article
    written wholly in Urdu (or another non-Latin script) ends up: the later stages read English only,
    so it is listed as skipped rather than passed on as an article that silently yields no claims.
    Articles that mix in a few Urdu lines (a date line, a comment form) are read normally.

    Decoding: UTF-8 with or without BOM, UTF-16/32 with BOM, UTF-16 without BOM when its NUL pattern
    shows it; otherwise bytes that are not UTF-8 are read as Windows-1252 when the result looks like
    text. Mojibake (UTF-8 read as Windows-1252, like "â€™" or "Â ") is repaired.

    Args:
        path: The article file.
        corpus: The corpus folder; ``doc_id`` and ``path`` are relative to it.
        size_limit: Files larger than this many bytes are skipped.
        rules: Folder with ``boilerplate.tsv`` and ``publication.tsv``; the shipped rules by default.
        known: Called with ``(doc_id, path, content_hash)`` (the path relative to the corpus) once the bytes are read; a Document it returns (an article
            the store already holds, read by the same pipeline) is returned as it is, without decoding and
            cleaning the bytes again.
        doc_id: The article's id (:func:`pipeline.ingest.discover.doc_ids` keeps the extension where two files
            share a stem); default the relative path without its extension.
        skip: A reason not to read the file at all (a link out of the corpus): the Document is skipped with it.

    Returns:
        The Document: text, title, author, publication date, ``content_hash`` (sha256 of the raw
        bytes, first 16 hex digits; "" when the file cannot be read).

    Raises:
        RuleError: A rule file is malformed (a broken rule is not a bad article).
    """
    path = Path(path)
    rel = _relative_path(path, Path(corpus))
    if doc_id is None:
        doc_id = rel[: -len(path.suffix)] if path.suffix else rel
    if skip:
        return _skipped(doc_id, rel, skip)
    raw, reason, content_hash = _read_bytes(path, size_limit)
    if raw is None:
        return _skipped(doc_id, rel, reason, content_hash)
    if known is not None:
        stored = known(doc_id, rel, content_hash)
        if stored is not None:
            return stored
    return document_from_bytes(raw, doc_id=doc_id, path=rel, content_hash=content_hash, kind=kind_of(rel),
                               rules=rules)


def kind_of(path: str) -> str:
    """The cleaning an article file gets, from its extension (``txt``, ``md`` or ``html``)."""
    return ARTICLE_KINDS.get(Path(path).suffix.lower(), "txt")


def _skipped(doc_id: str, rel: str, reason: str, content_hash: str = "") -> Document:
    return Document(doc_id=doc_id, path=rel, text="", content_hash=content_hash, status="skipped", reason=reason)


def _read_bytes(path: Path, size_limit: int) -> tuple[bytes | None, str, str]:
    """``(raw, "", content_hash)``, or ``(None, reason, content_hash)`` for a file that is skipped before its
    bytes are looked at (the hash is "" when the file cannot be read)."""
    try:
        info = path.stat()
    except OSError as error:
        return None, _unreadable(error), ""
    if not stat.S_ISREG(info.st_mode):
        return None, "not a regular file", ""
    if info.st_size > size_limit:
        return None, f"too large ({info.st_size} bytes > {size_limit})", _hash_file(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(size_limit + 1)
    except OSError as error:
        return None, _unreadable(error), ""
    if len(raw) > size_limit:  # the file grew after stat()
        return None, f"too large (over {size_limit} bytes)", _hash_file(path)
    content_hash = hashlib.sha256(raw).hexdigest()[:16]
    if not raw:
        return None, "empty", content_hash
    return raw, "", content_hash


def document_from_bytes(raw: bytes, *, doc_id: str, path: str, content_hash: str, kind: str,
                        rules: Path | None = None) -> Document:
    """The Document for a file's bytes: decoded, cleaned and its metadata read; skipped when no English
    article text is left. Pure: the same bytes and identity give the same Document on any machine.

    Args:
        raw: The file's bytes (not empty, within the size limit).
        doc_id: The article's id; path: its path relative to the corpus; content_hash: the hash of ``raw``.
        kind: ``txt``, ``md`` or ``html`` (:func:`kind_of`); rules: the rule set for cleaning and metadata.
    """
    rel = path
    decoded, reason = decode_bytes(raw)
    if decoded is None:
        return _skipped(doc_id, rel, reason, content_hash)
    if not decoded.strip():
        return _skipped(doc_id, rel, "empty" if not decoded else "whitespace only", content_hash)
    if kind != "html" and looks_like_html(decoded):
        kind = "html"
    text = clean_text(decoded, kind=kind, rules=rules)
    if not text:
        return _skipped(doc_id, rel, "no article text", content_hash)
    script = foreign_script(text)
    if script:
        return _skipped(doc_id, rel, f"not English ({script} script)", content_hash)
    title, author, _ = detect_metadata(text, rules=rules)
    published, published_from = detect_published(text, rules=rules)
    if kind == "html":
        meta_title, meta_author, meta_date = html_metadata(decoded)
        title = meta_title or title
        author = meta_author or author
        if meta_date is not None:
            published, published_from = meta_date, "meta"
    return Document(
        doc_id=doc_id,
        path=rel,
        text=text,
        title=title,
        author=author,
        published=published,
        published_from=published_from,
        content_hash=content_hash,
    )


def _relative_path(path: Path, corpus: Path) -> str:
    try:
        return path.relative_to(corpus).as_posix()
    except ValueError:
        return Path(os.path.relpath(path, corpus)).as_posix()


def _unreadable(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "unreadable (permission denied)"
    if isinstance(error, FileNotFoundError):
        return "unreadable (file not found)"
    return f"unreadable ({(error.strerror or type(error).__name__).lower()})"


def _hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()[:16]
