"""Cleaning an article's decoded content into its clean text: the text every later stage reads.

Cleaning is deterministic, keeps paragraphs (one blank line between them) and keeps the article's own
metadata lines (title, byline, date line), which :func:`pipeline.ingest.metadata.detect_metadata` reads back.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pipeline.ingest.decode import repair_mojibake
from pipeline.ingest.html import html_to_text
from pipeline.ingest.markdown import looks_like_markdown, strip_markdown
from pipeline.ingest.rules import LineRule, boilerplate_rules, fold_line


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
        text = html_to_text(raw)
    else:
        text = raw
    text = _normalise(text)
    if kind == "txt" and looks_like_markdown(text):
        kind = "md"
    if kind == "md":
        text = strip_markdown(text)
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


def _tidy_line(line: str) -> str:
    line = re.sub(r" {2,}", " ", line).strip()
    # A leading "*" glued to a word marks an author's footnote ("*Sabah Aslam is ...").
    line = re.sub(r"^\*(?=[^\W\d_])", "", line)
    # "■" closes an article in print layouts.
    line = re.sub(r"\s*■$", "", line)
    return line


def _is_boilerplate(line: str, rules: tuple[LineRule, ...]) -> bool:
    folded = fold_line(line)
    for rule in rules:
        target = line.strip() if rule.kind == "regex" else folded
        if rule.regex.fullmatch(target):
            return True
    return False
