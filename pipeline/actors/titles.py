"""Titles as English writes them next to a name, read by a small grammar from ``rules/en/titles.yaml``.

A title is ``[modifiers] [portfolio] office`` ("Deputy Foreign Minister", "Oil Minister") or the office first
("Minister of State for Petroleum", the South Asian "Secretary Petroleum"); a military rank ("Gen.") is a title
of its own kind. :class:`Title` is what was read; :func:`compatible` says whether two titles can both be true of
one person at one event ("Foreign Minister" and "Minister" can; "Petroleum Secretary" and "Petroleum Minister"
cannot). The grammar knows language only; who held which office is the gazetteer's.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.actors.model import normalise
from pipeline.errors import RuleError
from pipeline.ruleset import RuleSet, resolve

KINDS = ("minister", "official", "diplomat", "head", "military", "adviser")
RANK = "rank"
_MAX_PHRASE = 5


@dataclass(frozen=True)
class Title:
    """A title read from text.

    Attributes:
        office: The canonical office ("Minister", "Secretary", "Prime Minister") or rank ("General").
        kind: The office's kind (one of KINDS) or ``rank``.
        portfolio: What the office is for ("Petroleum"), or "".
        modifiers: The grades of the office ("Deputy", "State"), in the order written.
    """

    office: str
    kind: str
    portfolio: str = ""
    modifiers: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The title as claims.csv writes it: "Deputy Foreign Minister", "State Petroleum Minister"."""
        return " ".join((*self.modifiers, *([self.portfolio] if self.portfolio else []), self.office))

    @property
    def parts(self) -> tuple[str, str, str, str]:
        """``(kind, office, portfolio, modifiers)``: what :func:`compatible` compares, kept on a claim."""
        return (self.kind, self.office, self.portfolio, " ".join(self.modifiers))


def compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two titles (their :attr:`Title.parts`) can both be true of one person at one event.

    A title that leaves the portfolio out agrees with one that names it ("Minister" and "Foreign Minister"); a
    rank goes with any office ("General" and "President"); any other difference of kind, office, grade or
    portfolio is two posts ("Petroleum Secretary" and "Petroleum Minister", "Deputy Prime Minister" and "Prime
    Minister"). Titles without parts (claims stored before titles were read) agree only when equal.

    Args:
        a: One title's parts.
        b: The other's.
    """
    if tuple(a) == tuple(b):
        return True
    if len(a) != 4 or len(b) != 4:
        return False
    if (a[0] == RANK) != (b[0] == RANK):
        return True
    if a[:2] != b[:2] or a[3] != b[3]:
        return False
    return not a[2] or not b[2]


@dataclass(frozen=True)
class _Piece:
    """One phrase of a title: its part (office, rank, modifier, portfolio, connector), canonical value, length."""

    part: str
    value: str
    size: int
    kind: str = ""


class TitleGrammar:
    """The vocabulary of titles and the reader of titles in a run of words; immutable once built."""

    def __init__(self, data: Any, where: str = "titles.yaml") -> None:
        """Build from the parsed YAML (use :meth:`from_rules`).

        Raises:
            RuleError: a section is missing or malformed; the message names the file and the entry.
        """
        if not isinstance(data, dict):
            raise RuleError(f"{where}: expected a mapping of sections")
        self._phrases: dict[str, _Piece] = {}
        for phrase, value in self._mapping(data, "offices", where).items():
            if not (isinstance(value, list) and len(value) == 2 and value[1] in KINDS):
                raise RuleError(f"{where}: offices[{phrase}]: expected [office, kind], kind one of {', '.join(KINDS)}")
            self._add(phrase, _Piece("office", str(value[0]), 0, str(value[1])))
        for section, part in (("ranks", RANK), ("modifiers", "modifier"), ("portfolios", "portfolio")):
            for phrase, value in self._mapping(data, section, where).items():
                if not isinstance(value, str):
                    raise RuleError(f"{where}: {section}[{phrase}]: expected a canonical name (\"\" to ignore)")
                self._add(phrase, _Piece(part, value, 0, RANK if part == RANK else ""))
        for word in data.get("connectors") or ():
            self._add(str(word), _Piece("connector", "", 0))
        self.honorifics = frozenset(normalise(str(h)) for h in data.get("honorifics") or ())
        self.examples = tuple(data.get("examples") or ())

    @staticmethod
    def _mapping(data: dict, section: str, where: str) -> dict:
        value = data.get(section)
        if not isinstance(value, dict) or not value:
            raise RuleError(f"{where}: {section}: expected a mapping of phrases")
        return value

    def _add(self, phrase: str, piece: _Piece) -> None:
        key = normalise(phrase)
        self._phrases[key] = _Piece(piece.part, piece.value, len(key.split()), piece.kind)

    @classmethod
    def from_rules(cls, rules: RuleSet | Path | None = None) -> "TitleGrammar":
        """The grammar of a rule set's ``titles.yaml`` (packs merged), built once per rule set.

        Raises:
            RuleError: the file is missing or malformed.
        """
        return resolve(rules).built("titles", lambda r: cls(r.yaml("titles.yaml"), r.where("titles.yaml")))

    def _piece_at(self, words: list[str], i: int) -> _Piece | None:
        for n in range(min(_MAX_PHRASE, len(words) - i), 0, -1):
            piece = self._phrases.get(" ".join(words[i:i + n]))
            if piece is not None:
                return piece
        return None

    def is_title_word(self, word: str) -> bool:
        """Whether a word is a phrase of a title or an honorific (it is no part of a person's name)."""
        key = normalise(word)
        piece = self._phrases.get(key)
        return key in self.honorifics or (piece is not None and piece.part != "connector")

    def spans(self, words: list[str]) -> list[tuple[int, int, Title]]:
        """Every title in a run of words, in order.

        Args:
            words: Tokens as written ("Russian", "Deputy", "Foreign", "Minister", "Igor", "Morgulov").

        Returns:
            ``(start, end, title)`` with ``words[start:end]`` the title's words.
        """
        keys = [normalise(w) for w in words]
        out, run, i = [], [], 0
        while i <= len(keys):
            piece = self._piece_at(keys, i) if i < len(keys) and keys[i] else None
            if piece is None:
                out.extend(_titles_of(run))
                run = []
                i += 1
                continue
            run.append((i, piece))
            i += piece.size
        return out

    def read(self, text: str) -> Title | None:
        """The first title in a phrase ("the petroleum secretary" → Petroleum Secretary), or None."""
        found = self.spans(text.split())
        return found[0][2] if found else None


def _titles_of(run: list[tuple[int, _Piece]]) -> list[tuple[int, int, Title]]:
    """The titles in one run of title phrases: each office or rank with the modifiers and portfolio around it."""
    out = []
    pending: list[tuple[int, _Piece]] = []
    for n, (i, piece) in enumerate(run):
        if piece.part == RANK:
            out.append((i, i + piece.size, Title(piece.value, RANK)))
            pending = []
            continue
        if piece.part != "office":
            pending.append((i, piece))
            continue
        before = [p for _, p in pending]
        start = pending[0][0] if pending else i
        while before and before[0].part == "connector":
            before, start = before[1:], start + before[0].size
        after, end = [], i + piece.size
        for j, nxt in run[n + 1:]:
            if nxt.part in ("office", RANK) or j != end:
                break
            after.append(nxt)
            end = j + nxt.size
        while after and after[-1].part == "connector":
            end -= after.pop().size
        parts = before + after
        portfolio = next((p.value for p in parts if p.part == "portfolio"), "")
        modifiers = tuple(p.value for p in parts if p.part == "modifier" and p.value)
        out.append((start, end, Title(piece.value, piece.kind, portfolio, modifiers)))
        pending = []
    return out
