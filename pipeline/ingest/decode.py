"""Decoding an article's bytes into text: BOMs, UTF-16 without a BOM, Windows-1252 and mojibake.

Windows-1252 is only accepted when the result is plausible prose (:func:`_plausible_cp1252`), so a random
binary file is not read as a page of accented letters.
"""
from __future__ import annotations

import re

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
