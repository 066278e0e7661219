"""Article files as bytes with their identity, before they are decoded: from a local folder or any fsspec URL.

A run on a cluster reads every file of a local folder here, hashes it, skips what the store already holds, and sends
only the bytes of new or changed articles to the workers, which decode, clean and parse them
(:func:`pipeline.ingest.read.document_from_bytes`). A corpus given as a URL (``s3://bucket/news``, ``gs://...``,
``file:///...``) is listed here with fsspec, which Dask installs, and each file is left for the worker to read
(:func:`fetch`), with a stamp of its listing by which the client tells whether it changed; a ``memory://`` corpus,
which only this process sees, is read here.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

from pipeline.errors import ClaimlineError, CorpusError
from pipeline.ingest.discover import ARTICLE_KINDS, Found, discover
from pipeline.ingest.read import _read_bytes, _relative_path, kind_of


@dataclass(frozen=True)
class Source:
    """One article file's bytes and identity.

    Attributes:
        doc_id: The article's id (its path relative to the corpus, without the extension).
        path: Its path relative to the corpus (posix).
        kind: The cleaning it gets (``txt``, ``md``, ``html``).
        raw: The file's bytes; None when the file is skipped before they are looked at.
        reason: Why it is skipped ("" when ``raw`` is set).
        content_hash: sha256 of the bytes, first 16 hex digits ("" when they cannot be read, or are not read yet).
        url: For a file the worker that processes it reads itself (:func:`fetch`): its fsspec URL; else "".
        stamp: With ``url``: a hash of the file's listing (size, modification time, ETag), which tells the client
            whether it changed without reading it.
    """

    doc_id: str
    path: str
    kind: str
    raw: bytes | None
    reason: str
    content_hash: str
    url: str = ""
    stamp: str = ""

    @property
    def unread(self) -> bool:
        """Whether the file is still to be read, where it is processed (:func:`fetch`)."""
        return self.raw is None and bool(self.url) and not self.reason


def is_url(corpus: object) -> bool:
    """Whether a corpus is given as an fsspec URL (``scheme://...``) rather than a local folder."""
    return "://" in str(corpus)


def read_sources(corpus: Path | str, *, size_limit: int, found: Found | None = None):
    """Every article file under ``corpus`` as a :class:`Source`, in the order of :func:`discover` (sorted by
    relative path); the files are read one at a time as the iterator is advanced.

    Args:
        corpus: A local folder or an fsspec URL.
        size_limit: Files larger than this many bytes are skipped as "too large" without being read.
        found: For a local folder, the articles :func:`find_articles` found (the output folder and links out of the
            corpus left out); default every article file under it.

    Raises:
        CorpusError: the corpus is missing or holds no article file.
        ClaimlineError: a URL whose scheme fsspec does not know (or fsspec is not installed).
    """
    if is_url(corpus):
        fs, root, files = _list_url(str(corpus))
        if _shared(fs):
            return (_listed_source(fs, file, size_limit) for file in files)
        return (_url_source(fs, root, file, size_limit) for file in files)
    corpus = Path(corpus)
    paths = found.paths if found is not None else discover(corpus)
    return (_local_source(path, corpus, size_limit) for path in paths)


def _identity(rel: str) -> tuple[str, str, str]:
    """``(doc_id, path, kind)`` of a file at this path relative to the corpus."""
    suffix = PurePosixPath(rel).suffix
    return (rel[: -len(suffix)] if suffix else rel), rel, kind_of(rel)


def _local_source(path: Path, corpus: Path, size_limit: int) -> Source:
    rel = _relative_path(path, corpus)
    raw, reason, content_hash = _read_bytes(path, size_limit)
    return Source(*_identity(rel), raw, reason, content_hash)


def _list_url(url: str):
    try:
        import fsspec  # optional: it comes with claimline[dask]
    except ImportError:
        raise ClaimlineError(f"{url}: a corpus URL needs fsspec (pip install \"claimline[dask]\")") from None
    try:
        fs, root = fsspec.core.url_to_fs(url)
        found = fs.find(root, detail=True) if fs.isdir(root) else {}
    except (ValueError, ImportError) as error:
        raise ClaimlineError(f"{url}: cannot open this corpus URL ({error})") from None
    except OSError as error:
        raise CorpusError(f"corpus not found: {url} ({error})") from None
    root = root.rstrip("/")
    files = []
    for path, info in found.items():
        rel = path[len(root):].lstrip("/")
        parts = rel.split("/")
        if any(p.startswith(".") for p in parts) or PurePosixPath(rel).suffix.lower() not in ARTICLE_KINDS:
            continue
        files.append((rel, path, info))
    if not files:
        raise CorpusError(f"corpus folder is empty or missing: {url} (no .txt, .md or .html articles)")
    files.sort()
    return fs, root, files


#: fsspec protocols whose files only this process sees: the client reads them and sends their bytes.
PROCESS_LOCAL = frozenset({"memory"})


def _shared(fs) -> bool:
    """Whether the workers can read the filesystem's files themselves (any but a process's own memory)."""
    protocols = fs.protocol if isinstance(fs.protocol, (tuple, list)) else (fs.protocol,)
    return not PROCESS_LOCAL & set(protocols)


def stamp_of(info: dict) -> str:
    """A hash of what a listing says of a file (size, times, ETag: whatever the filesystem gives, its name aside):
    a file whose stamp is unchanged is taken as unchanged."""
    fields = {k: v for k, v in info.items() if k != "name"}
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _listed_source(fs, file: tuple, size_limit: int) -> Source:
    """A file of a shared filesystem as its listing describes it, left for the worker to read (:func:`fetch`)."""
    rel, path, info = file
    size = info.get("size")
    if size is not None and size > size_limit:
        return Source(*_identity(rel), None, f"too large ({size} bytes > {size_limit})", "")
    return Source(*_identity(rel), None, "", "", url=fs.unstrip_protocol(path), stamp=stamp_of(info))


def fetch(source: Source, *, size_limit: int) -> Source:
    """The source with its bytes, read from its URL where it is processed (a worker); unchanged when it has them.

    Returns:
        The source with ``raw`` and ``content_hash`` set, or ``raw`` None and the reason it is skipped.
    """
    if not source.unread:
        return source
    import fsspec

    try:
        fs, path = fsspec.core.url_to_fs(source.url)
        raw = fs.cat_file(path)
    except OSError as error:
        return replace(source, reason=f"unreadable ({type(error).__name__})")
    return replace(_checked(source.path, raw, size_limit), url=source.url, stamp=source.stamp)


def _url_source(fs, root: str, file: tuple, size_limit: int) -> Source:
    rel, path, _ = file
    try:
        size = fs.size(path)
        if size is not None and size > size_limit:
            return Source(*_identity(rel), None, f"too large ({size} bytes > {size_limit})", "")
        raw = fs.cat_file(path)
    except OSError as error:
        return Source(*_identity(rel), None, f"unreadable ({type(error).__name__})", "")
    return _checked(rel, raw, size_limit)


def _checked(rel: str, raw: bytes, size_limit: int) -> Source:
    """The source of bytes read: skipped when too large or empty."""
    content_hash = hashlib.sha256(raw).hexdigest()[:16]
    if len(raw) > size_limit:
        return Source(*_identity(rel), None, f"too large (over {size_limit} bytes)", content_hash)
    if not raw:
        return Source(*_identity(rel), None, "empty", content_hash)
    return Source(*_identity(rel), raw, "", content_hash)
