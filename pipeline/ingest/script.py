"""Which writing system an article's letters are in: an article written wholly in another script than Latin
(Urdu, Russian) is skipped, since the later stages read English only."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter


def mostly_latin(line: str) -> bool:
    """True when at least half of the line's letters are Latin (a title, not an Urdu date line)."""
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and sum(1 for ch in letters if script_of(ch) == "LATIN") >= 0.5 * len(letters)


def script_of(ch: str) -> str:
    """The script a character belongs to as its Unicode name starts ("LATIN", "ARABIC", "CJK")."""
    return unicodedata.name(ch, "UNKNOWN").split(" ")[0]


_NON_ASCII = re.compile("[^\x00-\x7f]")
_ASCII_LETTERS = re.compile("[A-Za-z]")


def foreign_script(text: str) -> str:
    """The script most letters are in ("Arabic") when fewer than half are Latin, else ""."""
    # ASCII letters are Latin: only the other letters need a look-up of their script.
    scripts = Counter(script_of(ch) for ch in _NON_ASCII.findall(text) if ch.isalpha())
    scripts["LATIN"] += len(_ASCII_LETTERS.findall(text))
    total = sum(scripts.values())
    if not total or scripts["LATIN"] >= 0.5 * total:
        return ""
    del scripts["LATIN"]
    name = scripts.most_common(1)[0][0]
    return name.title() if len(name) > 3 else name  # "Arabic", "Cyrillic", "CJK"
