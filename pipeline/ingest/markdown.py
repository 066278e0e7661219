"""Markdown (often a PDF converted to Markdown) to plain paragraphs.

Headings, emphasis, links, footnote markers and footnote paragraphs, rules and escapes go; a paragraph that a
page of the original PDF broke in two is joined again (:func:`_continues_paragraph`).
"""
from __future__ import annotations

import re

_MD_MARKERS = (
    re.compile(r"<sup>\s*\w{1,4}\s*</sup>", re.I),
    re.compile(r"^#{1,6} \S", re.M),
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,}) *$", re.M),
    re.compile(r"\\[\\`*_{}\[\]()#+\-.!$|<>]"),
    re.compile(r"\[[^\]\n]+\]\((?:https?://|/|#)[^)\s]*\)"),
    re.compile(r"^\[\^\w+\]:", re.M),
)


def looks_like_markdown(text: str) -> bool:
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


def strip_markdown(text: str) -> str:
    """Markdown (or a PDF converted to it) to plain paragraphs separated by one blank line.

    Args:
        text: Normalised text (see :func:`pipeline.ingest.clean.clean_text`).

    Returns:
        The paragraphs, without Markdown markup, footnotes and figures.
    """
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub("[\U000f0000-\U000f007f]", "", text)
    paragraphs: list[tuple[str, str]] = []  # (text, "heading" | "list" | "body")
    after_break = False
    for block in re.split(r"\n[ \t]*\n", text):
        lines = _block_lines(block)
        if not lines:
            continue
        if _is_page_furniture(lines):
            after_break = True
            continue
        cleaned = "\n".join(_strip_markdown_line(line) for line in lines)
        cleaned = "\n".join(line for line in cleaned.split("\n") if line.strip())
        if not cleaned:
            continue
        kind = _block_kind(lines[0])
        if (kind == "body" and paragraphs and paragraphs[-1][1] == "body"
                and _continues_paragraph(paragraphs[-1][0], cleaned, after_break=after_break)):
            cleaned = paragraphs.pop()[0] + " " + cleaned
        paragraphs.append((cleaned, kind))
        after_break = False
    return "\n\n".join(paragraph for paragraph, _ in paragraphs)


def _block_lines(block: str) -> list[str]:
    """The non-blank lines of a block, without a setext heading's underline ("====" or "----")."""
    lines = [line for line in block.split("\n") if line.strip()]
    if len(lines) > 1:
        lines = [lines[0]] + [line for line in lines[1:] if not re.fullmatch(r" {0,3}(?:=+|-{3,}) *", line)]
    return lines


def _is_page_furniture(lines: list[str]) -> bool:
    """True for a block that marks a page break of the original PDF: a lone horizontal rule, a footnote
    ("<sup>3</sup> See ...", "[^2]: ...", a bare link) or a figure ("![map](map.png)")."""
    first = lines[0]
    if _MD_RULE.fullmatch(first.rstrip()) and len(lines) == 1:
        return True
    return bool(_MD_NOTE_START.match(first) or re.fullmatch(r"\s*!\[[^\]]*\]\([^)]*\)\s*", first))


def _block_kind(first: str) -> str:
    """The kind of a block ("heading", "list" or "body"), from its first line as written."""
    if re.match(r" {0,3}#{1,6}\s", first):
        return "heading"
    if re.match(r" {0,3}(?:[-+*]|\d{1,3}[.)])\s", first):
        return "list"
    return "body"


def _continues_paragraph(previous: str, paragraph: str, *, after_break: bool) -> bool:
    """True when a body paragraph is the rest of the one before, split by a page of the original PDF.

    Right after a page break (footnotes, a rule or a figure, now gone) it is enough that the paragraph before
    does not end like a sentence or that this one starts in lower case; elsewhere both must hold
    ("... the agreement was\\n\\nsigned in 2014." is one paragraph).
    """
    open_end = not _SENTENCE_END.search(previous)
    lower_start = paragraph[:1].islower()
    return (after_break and (open_end or lower_start)) or (open_end and lower_start)


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
