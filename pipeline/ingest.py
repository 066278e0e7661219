"""Ingest: find the articles under a corpus folder and turn each file into a clean-text ``Document``.

The text a ``Document`` carries is what every later stage reads: claim offsets point into it. So cleaning
is deterministic, keeps paragraphs (one blank line between them) and keeps the article's own metadata
lines (title, byline, date line), which :func:`detect_metadata` reads back from the clean text.

A bad file never stops a run: :func:`read_document` returns ``status="skipped"`` with a short reason.
Only a missing or empty corpus folder is an error (:class:`~pipeline.errors.CorpusError`).

Rules are data: the lines dropped as blog furniture are in ``rules/boilerplate.tsv``; bylines,
author notes and "Published in ..." lines are recognised by the cues in ``rules/publication.tsv``.
"""
from __future__ import annotations

import calendar
import hashlib
import html as html_lib
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable

from pipeline.errors import CorpusError, RuleError
from pipeline.records import Document, TimeValue
from pipeline.rules_dir import rules_path

SIZE_LIMIT_BYTES = 5_000_000
"""Files larger than this many bytes are skipped as "too large": no news article or paper comes near
it, and it keeps one stray dump or data file from holding up a run. Override with ``size_limit=``."""

ARTICLE_KINDS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
"""File extensions read as articles (compared case-insensitively) and the cleaning each gets."""

DATE_LANGUAGES = ("en", "ur", "ru")
"""Languages a date line may be written in, tried in this order (explicit: no language guessing)."""

_DATE_SETTINGS = {
    "REQUIRE_PARTS": ["year"],
    "PREFER_DATES_FROM": "past",
    # A fixed base so that no missing part is ever filled in from today's date.
    "RELATIVE_BASE": datetime(1900, 1, 1),
}
_HEAD_LINES = 5  # a stand-alone date line counts as the publication date only this near the top
_TITLE_LINES = 6
_TAIL_LINES = 4
_YEAR = re.compile(r"(?<!\d)(?:1[6-9]\d\d|20\d\d)(?!\d)")


# --------------------------------------------------------------------------------------------------
# Discovery


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


# --------------------------------------------------------------------------------------------------
# Reading one file


def read_document(
    path: Path, corpus: Path, *, size_limit: int = SIZE_LIMIT_BYTES, rules: Path | None = None,
    known: Callable[[str, str, str], Document | None] | None = None,
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

    Returns:
        The Document: text, title, author, publication date, ``content_hash`` (sha256 of the raw
        bytes, first 16 hex digits; "" when the file cannot be read).

    Raises:
        RuleError: A rule file is malformed (a broken rule is not a bad article).
    """
    path = Path(path)
    rel = _relative_path(path, Path(corpus))
    doc_id = rel[: -len(path.suffix)] if path.suffix else rel
    kind = ARTICLE_KINDS.get(path.suffix.lower(), "txt")

    def skipped(reason: str, content_hash: str = "") -> Document:
        return Document(doc_id=doc_id, path=rel, text="", content_hash=content_hash, status="skipped", reason=reason)

    try:
        info = path.stat()
    except OSError as error:
        return skipped(_unreadable(error))
    if not stat.S_ISREG(info.st_mode):
        return skipped("not a regular file")
    if info.st_size > size_limit:
        return skipped(f"too large ({info.st_size} bytes > {size_limit})", _hash_file(path))
    try:
        with path.open("rb") as handle:
            raw = handle.read(size_limit + 1)
    except OSError as error:
        return skipped(_unreadable(error))
    if len(raw) > size_limit:  # the file grew after stat()
        return skipped(f"too large (over {size_limit} bytes)", _hash_file(path))
    content_hash = hashlib.sha256(raw).hexdigest()[:16]
    if not raw:
        return skipped("empty", content_hash)
    if known is not None:
        stored = known(doc_id, rel, content_hash)
        if stored is not None:
            return stored
    decoded, reason = decode_bytes(raw)
    if decoded is None:
        return skipped(reason, content_hash)
    if not decoded.strip():
        return skipped("empty" if not decoded else "whitespace only", content_hash)
    if kind != "html" and _looks_like_html(decoded):
        kind = "html"
    text = clean_text(decoded, kind=kind, rules=rules)
    if not text:
        return skipped("no article text", content_hash)
    script = _foreign_script(text)
    if script:
        return skipped(f"not English ({script} script)", content_hash)
    title, author, published = detect_metadata(text, rules=rules)
    if kind == "html":
        meta_title, meta_author, meta_date = _html_metadata(decoded)
        title = meta_title or title
        author = meta_author or author
        published = meta_date or published
    return Document(
        doc_id=doc_id,
        path=rel,
        text=text,
        title=title,
        author=author,
        published=published,
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


# --------------------------------------------------------------------------------------------------
# Decoding

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Byte -> character in Windows-1252; the five bytes it leaves undefined map to the C1 control of the
# same number, as browsers and Latin-1 readers show them.
_CP1252 = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0x100)}
_CP1252_BYTE = {ch: b for b, ch in _CP1252.items()}
_CP1252_UNDEFINED = frozenset(b for b in range(0x80, 0x100) if not bytes([b]).decode("cp1252", errors="ignore"))
# Characters a Windows-1252 article plausibly uses beyond letters: quotes, dashes, bullets, currency, spaces.
_CP1252_TYPICAL = frozenset("‘’‚“”„–—…•€£¥§©®°±·¶«»×÷\u00a0¢¹²³¼½¾¿¡")


def decode_bytes(raw: bytes) -> tuple[str | None, str]:
    """Decode an article's raw bytes.

    Args:
        raw: The file's bytes.

    Returns:
        ``(text, "")`` on success, else ``(None, reason)`` with reason "not text (binary)" or
        "undecodable (...)".
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, errors="replace")
            if text.count("\ufffd") > max(2, len(text) // 1000):
                return None, f"undecodable (invalid {codec[:6].upper()})"
            return _check_text(text)
    utf16 = _sniff_utf16(raw)
    if utf16:
        return _check_text(raw.decode(utf16, errors="replace"))
    if b"\x00" in raw:
        return None, "not text (binary)"
    try:
        return _check_text(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    # Not UTF-8: read the bytes that break UTF-8 as Windows-1252, so a UTF-8 file with a few
    # Windows-1252 quotes pasted in keeps both its halves.
    fallback: list[str] = []
    undefined: list[int] = []

    def windows_1252(match: re.Match[str]) -> str:
        byte = ord(match.group()) - 0xDC00
        if byte in _CP1252_UNDEFINED:
            undefined.append(byte)
            return ""
        fallback.append(_CP1252[byte])
        return _CP1252[byte]

    text = re.sub("[\udc80-\udcff]", windows_1252, raw.decode("utf-8", errors="surrogateescape"))
    if len(undefined) > len(raw) // 1000 or not _plausible_cp1252(text, fallback):
        return None, "undecodable (not UTF-8 or Windows-1252 text)"
    return _check_text(text)


def _sniff_utf16(raw: bytes) -> str:
    """'utf-16-le' / 'utf-16-be' when the NUL pattern of BOM-less bytes shows mostly-ASCII UTF-16."""
    if len(raw) < 8 or len(raw) % 2:
        return ""
    pairs = len(raw) // 2
    if raw[1::2].count(0) >= 0.9 * pairs and raw[0::2].count(0) < 0.1 * pairs:
        return "utf-16-le"
    if raw[0::2].count(0) >= 0.9 * pairs and raw[1::2].count(0) < 0.1 * pairs:
        return "utf-16-be"
    return ""


# Category Cc is exactly U+0000-U+001F and U+007F-U+009F; the five layout controls \t \n \v \f \r are text.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _check_text(text: str) -> tuple[str | None, str]:
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) // 100):
        return None, "not text (binary)"
    return text, ""


def _plausible_cp1252(text: str, fallback: list[str]) -> bool:
    """True when text with Windows-1252 characters in it reads like prose rather than random bytes."""
    if not fallback:
        return True
    typical = sum(1 for ch in fallback if ch.isalpha() or ch in _CP1252_TYPICAL)
    if typical < 0.8 * len(fallback):
        return False
    visible = [ch for ch in text if not ch.isspace()]
    letters = sum(1 for ch in visible if ch.isalpha())
    return letters >= 0.5 * len(visible) and len(fallback) <= 0.3 * len(visible)


# --------------------------------------------------------------------------------------------------
# Cleaning


def clean_text(raw: str, *, kind: str, rules: Path | None = None) -> str:
    """Turn an article's decoded content into its clean text.

    Every kind: line breaks made "\\n", mojibake repaired, odd spaces made plain spaces, control and
    zero-width characters dropped, lines trimmed, boilerplate lines (``rules/boilerplate.tsv``)
    dropped, paragraphs separated by exactly one blank line. ``md`` (also chosen for a ``txt`` whose
    content carries Markdown markup) strips headings, emphasis, links, footnote markers and footnote
    paragraphs, rules and escapes, and joins a paragraph a page break split. ``html`` extracts the
    article's main text (trafilatura when it can be imported, else the page without navigation,
    header, footer, sidebars, scripts and forms).

    Args:
        raw: The decoded file content.
        kind: "txt", "md" or "html".
        rules: Folder with ``boilerplate.tsv``; the shipped rules by default.

    Returns:
        The clean text, possibly "" when nothing of the article is left.

    Raises:
        ValueError: ``kind`` is not one of the three.
        RuleError: The boilerplate rule file is malformed.
    """
    if kind not in ("txt", "md", "html"):
        raise ValueError(f"unknown kind {kind!r}: expected txt, md or html")
    boilerplate = boilerplate_rules(rules)
    if kind == "html":
        text = _html_to_text(raw)
    else:
        text = raw
    text = _normalise(text)
    if kind == "txt" and _looks_like_markdown(text):
        kind = "md"
    if kind == "md":
        text = _strip_markdown(text)
    lines = []
    for line in text.split("\n"):
        line = _tidy_line(line)
        if line and _is_boilerplate(line, boilerplate):
            continue
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = unicodedata.normalize("NFC", repair_mojibake(text))
    # Zero-width spaces, word joiners, BOMs and soft hyphens carry nothing; ZWNJ/ZWJ matter in Urdu script.
    text = re.sub("[\u200b\u2060\ufeff\u00ad\ufffe]", "", text)
    # Tabs and other spaces become plain spaces, control characters and lone surrogates go; printable ASCII, the
    # bulk of any article, is passed over by the pattern without a look.
    return _ODD_CHARACTER.sub(_plain_character, text)


_ODD_CHARACTER = re.compile("[^\n\x20-\x7e]")


def _plain_character(match: re.Match[str]) -> str:
    ch = match.group()
    if ch == "\t":
        return " "
    category = unicodedata.category(ch)
    if category == "Zs":
        return " "
    return "" if category in ("Cc", "Cs") else ch


_MOJIBAKE_CONT = "".join(sorted({_CP1252[b] for b in range(0x80, 0xC0)}))
_MOJIBAKE = re.compile(
    "[\u00c2-\u00df][{c}]|[\u00e0-\u00ef][{c}]{{2}}|[\u00f0-\u00f4][{c}]{{3}}".format(c=re.escape(_MOJIBAKE_CONT))
)


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 text that was read as Windows-1252 ("â€™" → "’", "Ã©" → "é", "Â " → " ").

    Only runs of characters that spell out a valid UTF-8 sequence are replaced, so real accented
    letters stay as they are. Twice-garbled text is repaired by repeating the pass.

    Args:
        text: Any text.

    Returns:
        The repaired text.
    """

    def undo(match: re.Match[str]) -> str:
        try:
            return bytes(_CP1252_BYTE[ch] for ch in match.group()).decode("utf-8")
        except (KeyError, UnicodeDecodeError):
            return match.group()

    for _ in range(3):
        repaired = _MOJIBAKE.sub(undo, text)
        if repaired == text:
            break
        text = repaired
    # A no-break space (C2 A0) whose second byte became a plain space leaves a lone "Â" before it.
    return re.sub("\u00c2(?= )", "", text)


def _tidy_line(line: str) -> str:
    line = re.sub(r" {2,}", " ", line).strip()
    # A leading "*" glued to a word marks an author's footnote ("*Sabah Aslam is ...").
    line = re.sub(r"^\*(?=[^\W\d_])", "", line)
    # "■" closes an article in print layouts.
    line = re.sub(r"\s*■$", "", line)
    return line


_MD_MARKERS = (
    re.compile(r"<sup>\s*\w{1,4}\s*</sup>", re.I),
    re.compile(r"^#{1,6} \S", re.M),
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,}) *$", re.M),
    re.compile(r"\\[\\`*_{}\[\]()#+\-.!$|<>]"),
    re.compile(r"\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\)"),
    re.compile(r"^\[\^\w+\]:", re.M),
)


def _looks_like_markdown(text: str) -> bool:
    """True when a .txt file carries Markdown markup of at least two kinds (a PDF converted to Markdown)."""
    return sum(1 for marker in _MD_MARKERS if marker.search(text)) >= 2


_MD_RULE = re.compile(r" {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})")
_MD_NOTE_START = re.compile(
    r"\s*(?:<sup>\s*(?:\d{1,4}|[*†‡§]+)\s*</sup>|\\\*|\[\^\w+\]:|\[?<?https?://|\[[^\]\n]*\]\(https?://[^)]*\)\s*$)",
    re.I,
)
_MD_ESCAPABLE = "\\`*_{}[]()#+-.!$|<>~\"'"
_PLACEHOLDER_BASE = 0xF0000  # Plane-15 private use: escaped characters hide here while emphasis is stripped
_MD_INLINE_TAG = re.compile(
    r"</?(?:sup|sub|b|i|em|strong|span|u|small|mark|font|a|abbr|cite|q|s|del|ins)(?:\s[^<>]*)?>", re.I
)
_SENTENCE_END = re.compile(r"[.!?:;■][\"'”’)\]]*$")


def _strip_markdown(text: str) -> str:
    """Markdown (or a PDF converted to it) to plain paragraphs; see clean_text."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub("[\U000f0000-\U000f007f]", "", text)
    paragraphs: list[tuple[str, str]] = []
    pending_break = False
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if len(lines) > 1:  # a setext heading's underline
            lines = [lines[0]] + [line for line in lines[1:] if not re.fullmatch(r" {0,3}(?:=+|-{3,}) *", line)]
        if not lines:
            continue
        first = lines[0]
        if _MD_RULE.fullmatch(first.rstrip()) and len(lines) == 1:
            pending_break = True
            continue
        if _MD_NOTE_START.match(first) or re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", first):
            pending_break = True  # footnotes and figures sit at page breaks of the original PDF
            continue
        cleaned = "\n".join(_strip_markdown_line(line) for line in lines)
        cleaned = "\n".join(line for line in cleaned.split("\n") if line.strip())
        if not cleaned:
            continue
        is_heading = bool(re.match(r" {0,3}#{1,6}\s", first))
        is_list = bool(re.match(r" {0,3}(?:[-+*]|\d{1,3}[.)])\s", first))
        if paragraphs and paragraphs[-1][1] == "body" and not is_heading and not is_list:
            open_end = not _SENTENCE_END.search(paragraphs[-1][0])
            lower_start = cleaned[:1].islower()
            split = (pending_break and (open_end or lower_start)) or (open_end and lower_start)
        else:
            split = False
        if split:
            # A page of the original broke this paragraph in two (its footnotes, now gone, sat between).
            previous, _ = paragraphs.pop()
            cleaned = previous + " " + cleaned
        paragraphs.append((cleaned, "heading" if is_heading else "list" if is_list else "body"))
        pending_break = False
    return "\n\n".join(paragraph for paragraph, _ in paragraphs)


def _strip_markdown_line(line: str) -> str:
    # An escaped "*" right after a name is a footnote reference ("Muhammad Hanif \*").
    line = re.sub(r"(?<=\S)\s?\\\*(?=\**\s*$|\**[,.;:)])", "", line)
    line = re.sub(
        r"\\([" + re.escape(_MD_ESCAPABLE) + "])", lambda m: chr(_PLACEHOLDER_BASE + ord(m.group(1))), line
    )
    line = re.sub(r"^ {0,3}#{1,6}\s+", "", line)
    line = re.sub(r"\s+#+\s*$", "", line)
    line = re.sub(r"^ {0,3}>\s?", "", line)
    line = re.sub(r"^( {0,3})[*+]\s+", r"\1- ", line)
    line = re.sub(r"<sup>\s*(?:\d{1,4}|[*†‡§]+)\s*</sup>", "", line, flags=re.I)
    line = re.sub(r"\[\^\w+\]", "", line)
    line = re.sub(r"<br\s*/?>", " ", line, flags=re.I)
    line = re.sub(_MD_INLINE_TAG, "", line)
    line = re.sub(r"!\[[^\]\n]*\]\([^)\n]*\)", "", line)
    line = re.sub(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^()\n]*\))*\)", _link_text, line)
    line = re.sub(r"<(?:https?://|www\.|mailto:)[^<>\s]*>", "", line, flags=re.I)
    line = re.sub(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*", r"\1", line)
    line = re.sub(r"(?<![\w])__(?=\S)([^_\n]+?)(?<=\S)__(?!\w)", r"\1", line)
    line = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", line)
    line = re.sub(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])", r"\1", line)
    line = re.sub(r"\*{2,}", "", line)
    line = re.sub(r"`([^`\n]*)`", r"\1", line)
    line = re.sub("[\U000f0000-\U000f007f]", lambda m: chr(ord(m.group()) - _PLACEHOLDER_BASE), line)
    return line


def _link_text(match: re.Match[str]) -> str:
    label = match.group(1)
    return "" if re.match(r"\s*(?:https?://|www\.)", label) else label


# --------------------------------------------------------------------------------------------------
# HTML

_HTML_DROP = frozenset(
    "script style noscript nav header footer aside form iframe svg button select option template object "
    "embed canvas menu dialog input textarea label".split()
)
_HTML_BLOCK = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr td th "
    "figcaption figure address hr center body".split()
)
_HTML_BOILER = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|footer|header|masthead|sidebar|comments?|share|sharing|social|"
    r"breadcrumbs?|cookies?|banner|advert|advertisement|ads?|related|subscribe|newsletter|widget|popup|modal)"
    r"(?:$|[\s_-])",
    re.I,
)


def _looks_like_html(text: str) -> bool:
    return bool(re.match(r"\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", text[:1000], re.I))


def _trafilatura():
    """The trafilatura module, or None when it (or one of its own imports) is missing."""
    try:
        import trafilatura
    except ImportError:  # trafilatura >= 1.9 needs lxml_html_clean; without it extraction falls back
        return None
    return trafilatura


def _html_to_text(raw: str) -> str:
    trafilatura = _trafilatura()
    if trafilatura is not None and raw.strip():
        try:
            extracted = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
        except Exception:  # noqa: BLE001 - a page trafilatura chokes on falls back to the plain extractor
            extracted = None
        if extracted and extracted.strip():
            # trafilatura puts one paragraph per line; downstream paragraphs are blank-line separated.
            return "\n\n".join(line for line in extracted.split("\n") if line.strip())
    return _html_fallback_text(raw)


def _parse_html(raw: str):
    from lxml import etree
    from lxml import html as lxml_html

    if not raw.strip():
        return None
    try:
        parser = lxml_html.HTMLParser(encoding="utf-8", remove_comments=True)
        return lxml_html.document_fromstring(raw.encode("utf-8", errors="replace"), parser=parser)
    except (etree.LxmlError, ValueError):
        return None


def _html_fallback_text(raw: str) -> str:
    """Main text of a page without trafilatura: the largest <article> (else <main>, else <body>) with
    navigation, header, footer, sidebars, scripts, forms and boilerplate-named blocks removed."""
    from lxml import etree

    root = _parse_html(raw)
    if root is None:
        stripped = re.sub(r"<[^>]*>", " ", raw)
        return html_lib.unescape(stripped)
    candidates = [el for el in root.iter("article") if not _html_dropped(el)]
    if not candidates:
        candidates = [el for el in root.iter("main") if not _html_dropped(el)]
        candidates += root.xpath("//*[@role='main']")
    if candidates:
        container = max(candidates, key=lambda el: len(el.text_content() or ""))
    else:
        bodies = root.xpath("//body")
        container = bodies[0] if bodies else root
    pieces: list[str] = []
    skip = 0
    for event, el in etree.iterwalk(container, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if skip:
                skip += 1
                continue
            if not tag or tag in ("head", "title", "meta", "link") or _html_dropped(el):
                skip = 1
                continue
            if tag == "br":
                pieces.append("\n")
            elif tag in _HTML_BLOCK or tag == "hr":
                pieces.append("\n\n")
            if el.text:
                pieces.append(re.sub(r"\s+", " ", el.text))
        else:
            if skip:
                skip -= 1
                if skip:
                    continue
            elif tag in _HTML_BLOCK:
                pieces.append("\n\n")
            if el.tail and el is not container:
                pieces.append(re.sub(r"\s+", " ", el.tail))
    return "".join(pieces)


def _html_dropped(el) -> bool:
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in _HTML_DROP:
        return True
    if tag in ("body", "html", "article", "main"):
        return False
    if el.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search"):
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    marks = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(marks and _HTML_BOILER.search(marks))


def _html_metadata(raw: str) -> tuple[str, str, TimeValue | None]:
    """Title, author and publication date a page declares in its markup (trafilatura, else meta tags)."""
    title = author = date_text = ""
    trafilatura = _trafilatura()
    if trafilatura is not None and raw.strip():
        try:
            meta = trafilatura.extract_metadata(raw)
        except Exception:  # noqa: BLE001 - metadata is optional; the markup fallback below still runs
            meta = None
        if meta is not None:
            title = (getattr(meta, "title", "") or "").strip()
            author = (getattr(meta, "author", "") or "").strip()
            date_text = (getattr(meta, "date", "") or "").strip()
    root = _parse_html(raw)
    if root is not None:
        title = title or _first(
            root,
            "//meta[@property='og:title']/@content",
            "//article//h1//text()",
            "//h1//text()",
            "//title/text()",
        )
        author = author or _first(
            root,
            "//meta[@name='author']/@content",
            "//meta[@property='article:author' and not(starts-with(@content, 'http'))]/@content",
            "//*[@rel='author']//text()",
            "//*[@itemprop='author']//text()",
        )
        date_text = date_text or _first(
            root,
            "//meta[@property='article:published_time']/@content",
            "//meta[@itemprop='datePublished']/@content",
            "//*[@itemprop='datePublished']/@datetime",
            "//meta[@name='date' or @name='pubdate' or @name='publishdate' or @name='publish-date' "
            "or @name='DC.date' or @name='dcterms.date']/@content",
            "//time[@pubdate]/@datetime",
            "//article//time/@datetime",
        )
    author = re.sub(r"^by\s+", "", re.sub(r"\s+", " ", author), flags=re.I).strip()
    published = None
    if date_text:
        published = _iso_value(date_text) or _date_value(date_text, 0, grains=("day", "month", "year"))
    if published is not None:
        # The date comes from the page's markup, not from the clean text: it has no span in the text.
        published = replace(published, char_start=0, char_end=0)
    return re.sub(r"\s+", " ", title).strip(), author, published


def _first(root, *queries: str) -> str:
    for query in queries:
        try:
            values = root.xpath(query)
        except Exception:  # noqa: BLE001 - lxml raises its own types for odd documents
            continue
        for value in values:
            value = re.sub(r"\s+", " ", str(value)).strip()
            if value:
                return value
    return ""


def _iso_value(text: str) -> TimeValue | None:
    match = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ]|$)", text)
    if not match:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    written = match.group().strip().rstrip("T")
    try:
        if day is not None:
            return _time_value(written, 0, date(year, month, day), "day")
        if month is not None:
            return _time_value(written, 0, date(year, month, 1), "month")
        return _time_value(written, 0, date(year, 1, 1), "year")
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# Rules


@dataclass(frozen=True)
class LineRule:
    """One row of ``boilerplate.tsv`` or ``publication.tsv``.

    Attributes:
        kind: exact, prefix or regex (boilerplate); byline, author_note or published (publication).
        pattern: The phrase or regular expression as written.
        example: A line the rule applies to, checked by the tests, or "".
        expected: For publication cues, what the example yields; else "".
        source: "file:line" of the rule, for error messages.
    """

    kind: str
    pattern: str
    example: str = ""
    expected: str = ""
    source: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern (case-insensitive; exact and prefix rules escaped)."""
        return _compile(self.kind, self.pattern)


@lru_cache(maxsize=None)
def _compile(kind: str, pattern: str) -> re.Pattern[str]:
    if kind == "exact":
        return re.compile(re.escape(_fold(pattern)))
    if kind == "prefix":
        return re.compile(re.escape(_fold(pattern)) + ".*")
    return re.compile(pattern, re.I)


def _fold(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip().casefold()


def _rules_file(rules: Path | None, name: str) -> Path:
    path = rules_path(rules) / name
    if not path.is_file():
        # A rules folder given by the user that lacks this file uses the shipped one.
        path = rules_path(None) / name
    return path


def boilerplate_rules(rules: Path | None = None) -> tuple[LineRule, ...]:
    """The boilerplate rules from ``boilerplate.tsv``.

    Args:
        rules: Folder holding ``boilerplate.tsv``; the shipped file when None or when the folder lacks it.

    Returns:
        The rules in file order (loaded once per file).

    Raises:
        RuleError: The rules folder does not exist, or a row is malformed (the message names file and line).
    """
    return _load_rules(str(_rules_file(rules, "boilerplate.tsv")), ("exact", "prefix", "regex"), 2)


def publication_cues(rules: Path | None = None) -> tuple[LineRule, ...]:
    """The byline, author-note and publication-date cues from ``publication.tsv``.

    Args:
        rules: Folder holding ``publication.tsv``; the shipped file when None or when the folder lacks it.

    Returns:
        The cues in file order (loaded once per file).

    Raises:
        RuleError: The rules folder does not exist, or a row is malformed (the message names file and line).
    """
    cues = _load_rules(str(_rules_file(rules, "publication.tsv")), ("byline", "author_note", "published"), 2)
    for cue in cues:
        group = "date" if cue.kind == "published" else "author"
        if group not in cue.regex.groupindex:
            raise RuleError(f"{cue.source}: a {cue.kind} regex needs a group named {group!r}")
    return cues


@lru_cache(maxsize=None)
def _load_rules(path: str, kinds: tuple[str, ...], min_columns: int) -> tuple[LineRule, ...]:
    try:
        content = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleError(f"{path}: cannot read rule file ({error})") from error
    loaded = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        source = f"{path}:{number}"
        if len(columns) < min_columns or not columns[1].strip():
            raise RuleError(f"{source}: expected {'<TAB>'.join(('kind', 'pattern', 'example'))}, got {line!r}")
        kind = columns[0].strip()
        if kind not in kinds:
            raise RuleError(f"{source}: unknown kind {kind!r} (expected {', '.join(kinds)})")
        rule = LineRule(
            kind=kind,
            pattern=columns[1].strip(),
            example=columns[2].strip() if len(columns) > 2 else "",
            expected=columns[3].strip() if len(columns) > 3 else "",
            source=source,
        )
        try:
            rule.regex  # noqa: B018 - compile now so a bad pattern is reported with its line
        except re.error as error:
            raise RuleError(f"{source}: bad regular expression {rule.pattern!r}: {error}") from error
        loaded.append(rule)
    return tuple(loaded)


def _is_boilerplate(line: str, rules: tuple[LineRule, ...]) -> bool:
    folded = _fold(line)
    for rule in rules:
        target = line.strip() if rule.kind == "regex" else folded
        if rule.regex.fullmatch(target):
            return True
    return False


# --------------------------------------------------------------------------------------------------
# Metadata


def detect_metadata(text: str, *, rules: Path | None = None) -> tuple[str, str, TimeValue | None]:
    """Read an article's title, author and publication date from its clean text.

    Title: the first line near the top that is not a date line or byline, has 3 to 25 words and does
    not end like a sentence; "" when the article opens straight into its body. Author: a byline
    ("By Abdul Basit") near the top or bottom, else a bare name line right under the title, else a
    closing note about the writer ("Sabah Aslam is running ..."); "" when none is found. Published: a
    date line standing alone in the first lines ("9 November 2016", "جمعرات، 13 دسمبر، 2012"), else a
    "Published in Daily Times, September 11th 2018." style line anywhere; None when the article states
    none. A part the text does not state is never filled in from today.

    Args:
        text: Clean text from :func:`clean_text`.
        rules: Folder with ``publication.tsv``; the shipped rules by default.

    Returns:
        ``(title, author, published)``; ``published`` has offsets into ``text``.

    Raises:
        RuleError: The publication cue file is malformed.
    """
    cues = publication_cues(rules)
    lines = _lines_with_offsets(text)
    date_lines = {}
    for index, (start, line) in enumerate(lines[:_TITLE_LINES]):
        value = _date_line(line, start)
        if value is not None:
            date_lines[index] = value
    published = next((date_lines[i] for i in sorted(date_lines) if i < _HEAD_LINES), None)
    if published is None:
        for start, line in lines:
            published = _published_cue(line, start, cues)
            if published is not None:
                break
    head = lines[: _TITLE_LINES + 2]
    tail = lines[-_TAIL_LINES:]
    bylines = {i: _cue_author(line, cues, "byline") for i, (_, line) in enumerate(head)}
    title, title_index = "", -1
    for index, (_, line) in enumerate(lines[:_TITLE_LINES]):
        if index in date_lines or bylines.get(index) or not _mostly_latin(line):
            continue
        words = len(line.split())
        if words < 3:
            continue
        if words <= 25 and not re.search(r"[.,;:]$", line):
            title, title_index = line, index
        break
    author = next((name for name in bylines.values() if name), "")
    if not author:
        author = next((name for _, line in reversed(tail) if (name := _cue_author(line, cues, "byline"))), "")
    if not author and 0 <= title_index < len(lines) - 1:
        candidate = lines[title_index + 1][1]
        if 2 <= len(candidate.split()) <= 4 and _looks_like_name(candidate):
            author = candidate.rstrip(".,")
    if not author:
        author = next((name for _, line in tail if (name := _cue_author(line, cues, "author_note"))), "")
    return title, author, published


def _lines_with_offsets(text: str) -> list[tuple[int, str]]:
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        stripped = match.group().strip()
        if stripped:
            lines.append((match.start() + match.group().index(stripped), stripped))
    return lines


def _date_line(line: str, start: int) -> TimeValue | None:
    """The date a line states when the line is nothing but a date ("Thursday, 13 December 2012")."""
    if len(line) > 60 or not _YEAR.search(line):
        return None
    words = [word for word in re.findall(r"[^\W\d_]+", line)]
    if len(words) > 3:
        return None
    return _date_value(line, start, grains=("day", "month"))


def _published_cue(line: str, start: int, cues: tuple[LineRule, ...]) -> TimeValue | None:
    if len(line) > 200 or not _YEAR.search(line):
        return None
    for cue in cues:
        if cue.kind != "published":
            continue
        match = cue.regex.fullmatch(line)
        if not match or match.group("date") is None:
            continue
        body_start = match.start("date")
        body = match.group("date")
        # "Daily Times, September 11th 2018": try the whole, then what follows each comma.
        offsets = [0] + [m.end() for m in re.finditer(r",\s*", body)]
        for offset in offsets:
            candidate = body[offset:].strip().rstrip(".")
            if not _YEAR.search(candidate) or len(re.findall(r"[^\W\d_]+", candidate)) > 4:
                continue
            value = _date_value(candidate, start + body_start + offset, grains=("day", "month", "year"))
            if value is not None:
                return value
    return None


def _cue_author(line: str, cues: tuple[LineRule, ...], kind: str) -> str:
    for cue in cues:
        if cue.kind != kind:
            continue
        match = cue.regex.fullmatch(line)
        if match and match.group("author"):
            name = match.group("author").strip().rstrip(".,;")
            if _looks_like_name(name):
                return name
    return ""


_NAME_PARTICLES = frozenset("and bin bint ibn ul ur al el ud de da di du la le van von der den dos del y".split())


def _looks_like_name(text: str) -> bool:
    """True for "Abdul Basit", "Colonel (R) Muhammad Hanif", "S. Iftikhar Murshed"; False for prose."""
    text = text.strip().rstrip(".,;")
    tokens = text.split()
    if not 1 <= len(tokens) <= 8 or len(text) > 80 or re.search(r"[\d:;!?@/\\|\"“”=<>]", text):
        return False
    capitalised = 0
    for token in tokens:
        if re.fullmatch(r"\([^\W\d_]{1,6}\.?\)", token):
            continue
        if token.casefold() in _NAME_PARTICLES:
            continue
        letters = re.sub(r"[^\w]", "", token)
        if not letters or not letters[0].isupper():
            return False
        capitalised += 1
    return capitalised >= 1


def _mostly_latin(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if _script(ch) == "LATIN") >= 0.5 * len(letters)


def _script(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


_NON_ASCII = re.compile("[^\x00-\x7f]")
_ASCII_LETTERS = re.compile("[A-Za-z]")


def _foreign_script(text: str) -> str:
    """The script most letters are in ("Arabic") when fewer than half are Latin, else ""."""
    # ASCII letters are Latin: only the other letters need a look-up of their script.
    scripts = Counter(_script(ch) for ch in _NON_ASCII.findall(text) if ch.isalpha())
    scripts["LATIN"] += len(_ASCII_LETTERS.findall(text))
    total = sum(scripts.values())
    if not total or scripts["LATIN"] >= 0.5 * total:
        return ""
    del scripts["LATIN"]
    name = scripts.most_common(1)[0][0]
    return name.title() if len(name) > 3 else name  # "Arabic", "Cyrillic", "CJK"


def _date_value(text: str, start: int, *, grains: tuple[str, ...]) -> TimeValue | None:
    """Parse a date expression; ``pipeline.dates`` first when it is there, else dateparser."""
    value = _dates_stage(text)
    if value is not None and value.start is not None and not value.relative and value.granularity in grains:
        return _time_value(text, start, value.start, value.granularity, end=value.end)
    parsed = _dateparser(text)
    if parsed is None:
        return None
    day, grain = parsed
    if grain not in grains:
        return None
    return _time_value(text, start, day, grain)


def _dates_stage(text: str) -> TimeValue | None:
    try:
        from pipeline.dates import parse_expression
    except Exception:  # noqa: BLE001 - the dates stage may be absent or mid-edit; dateparser covers it
        return None
    try:
        value = parse_expression(text)
    except Exception:  # noqa: BLE001 - a date the dates stage cannot take must not cost the article
        return None
    return value if isinstance(value, TimeValue) else None


@lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=list(DATE_LANGUAGES), settings=_DATE_SETTINGS, use_given_order=True)


def _dateparser(text: str) -> tuple[date, str] | None:
    try:
        data = _date_parser().get_date_data(text)
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input; no date then
        return None
    if data is None or data.date_obj is None:
        return None
    grain = data.period if data.period in ("day", "month", "year") else "day"
    return data.date_obj.date(), grain


def _time_value(text: str, start: int, day: date, grain: str, *, end: date | None = None) -> TimeValue:
    if end is None:
        if grain == "year":
            day, end = date(day.year, 1, 1), date(day.year, 12, 31)
        elif grain == "month":
            day = date(day.year, day.month, 1)
            end = date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
        else:
            end = day
    return TimeValue(text=text, char_start=start, char_end=start + len(text), start=day, end=end, granularity=grain)
