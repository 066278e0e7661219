"""Page layout: the lines of an article that are not prose sentences, and the dates their place on the page gives.

Real pages hold more than paragraphs: a headline ("India, Japan sign $2 billion rail deal"), chronology lines
("March 1985: Resumption of ambassador-level ties", "1972 – Simla Agreement signed") and listicles whose blocks
open with a name line and a date line ("Vladimir Putin's visit to India" / "December 2002"). The typography these
readers know is in ``rules/en/layout.yaml``; :class:`PageLayout` tells, for each stretch of an article's text,
whether its lines end as sentences and which date the layout gives the claims there (:class:`PageLayout`).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleError
from ..records import TimeValue
from ..ruleset import RuleSet, resolve


@dataclass(frozen=True)
class Layout:
    """The typography of ``layout.yaml``.

    Attributes:
        sentence_ends: Marks that end a sentence.
        closers: Quotes and brackets that may follow a sentence end.
        bullets: Marks a list item may open with.
        separators: Marks between a chronology line's head date and its event.
        headline_planned: Word sequences just before a headline's verb that make its event planned.
        other_time: Words that set an event apart from the time its line or block is about.
        block_lines: How many date lines make a page a list of dated blocks.
        examples: Texts with the claims expected from them.
        dateline_marks: Marks that may follow the place a news dateline opens with ("WASHINGTON, ...",
            "HAVANA (AP) _ ...").
        here_words: Words that name the dateline's place as where someone comes ("will come here").
    """

    sentence_ends: frozenset[str]
    closers: frozenset[str]
    bullets: frozenset[str]
    separators: tuple[str, ...]
    headline_planned: tuple[tuple[str, ...], ...]
    other_time: frozenset[str]
    block_lines: int
    examples: tuple[dict, ...]
    dateline_marks: tuple[str, ...] = ()
    here_words: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Line:
    """One line of an article's text: ``text`` is ``article[start:end]``, without its line break."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Place:
    """What the layout says about a stretch of text.

    Attributes:
        start: Where the stretch starts in the text.
        end: Where it ends (exclusive).
        kind: ``headline`` for a line that does not end as a sentence (a headline, a heading, a list item),
            ``chronology`` for a line that opens with a date and a separator, ``block`` for the lines under a
            listicle's date line, ``""`` for prose.
        date: The date the layout gives the stretch's claims that have none of their own, or None.
    """

    start: int
    end: int
    kind: str
    date: TimeValue | None = None


def load_layout(rules: RuleSet | Path | None = None) -> Layout:
    """The layout rules of every pack's ``layout.yaml``, merged, built once per rule set.

    Raises:
        RuleError: an unknown key, or a value of the wrong shape.
    """
    return resolve(rules).built("layout", _build)


_KEYS = {"sentence_ends", "closers", "bullets", "separators", "headline_planned", "other_time", "block_lines",
         "examples", "dateline_marks", "here_words"}


def _build(rules: RuleSet) -> Layout:
    if not rules.has("layout.yaml"):
        return Layout(frozenset(".!?"), frozenset(), frozenset(), (), (), frozenset(), 2, ())
    path = rules.where("layout.yaml")
    data = rules.yaml("layout.yaml") or {}
    unknown = sorted(set(data) - _KEYS) if isinstance(data, dict) else ["(not a mapping)"]
    if unknown:
        raise RuleError(f"{path}: unknown key {unknown[0]!r}")
    lists = {}
    for key in _KEYS - {"block_lines", "examples"}:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleError(f"{path}: {key}: expected a list of marks or words, got {value!r}")
        lists[key] = value
    block_lines = data.get("block_lines", 2)
    if not isinstance(block_lines, int) or block_lines < 1:
        raise RuleError(f"{path}: block_lines: expected a whole number of at least 1, got {block_lines!r}")
    return Layout(frozenset(lists["sentence_ends"]), frozenset(lists["closers"]), frozenset(lists["bullets"]),
                  tuple(sorted(lists["separators"], key=len, reverse=True)),
                  tuple(sorted((tuple(p.lower().split()) for p in lists["headline_planned"]), key=len, reverse=True)),
                  frozenset(w.lower() for w in lists["other_time"]), block_lines, tuple(data.get("examples") or ()),
                  tuple(lists["dateline_marks"]), frozenset(w.lower() for w in lists["here_words"]))


def dateline_place(text: str, layout: Layout) -> str:
    """The place a news story's dateline opens with, as written in capitals ("WASHINGTON, August 11 (Xinhua) --",
    "HAVANA (AP) _"), in title case ("Washington"), from its first three lines; "" when none opens with one."""
    found = _dateline(text, layout)
    return found[0].group("place").strip(" .-").title() if found else ""


def dateline_span(text: str, layout: Layout) -> tuple[int, int] | None:
    """Where a news story's dateline lies in the text: from its place to the dash or underscore that ends it
    ("WASHINGTON, Aug. 20 (AP) --"), or to the end of its line when none does ("WARSAW, Poland (AP)"); None
    without one. What it names is where the story was filed, never a party to what the story tells."""
    found = _dateline(text, layout)
    if found is None:
        return None
    m, start = found
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    end = _DATELINE_END.search(text, start + m.end("place"), min(line_end, start + m.end("place") + _DATELINE_REACH))
    return start + m.start("place"), end.end() if end else line_end


def _dateline(text: str, layout: Layout) -> tuple[re.Match[str], int] | None:
    """The dateline's match in its line and that line's offset in the text."""
    if not layout.dateline_marks:
        return None
    marks = "|".join(re.escape(m) for m in sorted(layout.dateline_marks, key=len, reverse=True))
    pattern = re.compile(r"(?P<place>[A-Z][A-Z.'’ -]{2,40}?)\s*(?:" + marks + ")")
    seen = 0
    for line in lines_of(text[:600]):
        stripped = line.text.strip()
        if not stripped:
            continue
        m = pattern.match(stripped)
        if m and sum(ch.isalpha() for ch in m.group("place")) >= 3:
            return m, line.start + line.text.index(stripped)
        seen += 1
        if seen == 3:
            break
    return None


# what ends a dateline ("(AP) --", "(Xinhua) _"), looked for this far after its place
_DATELINE_END = re.compile(r"\s(?:--|—|–|_)\s?|:\s")
_DATELINE_REACH = 60


def lines_of(text: str) -> list[Line]:
    """The text's lines with their offsets (blank lines included)."""
    out, start = [], 0
    for raw in text.split("\n"):
        out.append(Line(start, start + len(raw), raw))
        start += len(raw) + 1
    return out


def ends_as_sentence(line: str, layout: Layout) -> bool:
    """Whether a line ends as a prose sentence does ("... in 2011."); a headline, a heading, a chronology line
    or a list item does not ("India, Japan sign $2 billion rail deal")."""
    body = line.rstrip()
    while body and body[-1] in layout.closers:
        body = body[:-1].rstrip()
    return bool(body) and body[-1] in layout.sentence_ends


def _after_bullet(line: Line, layout: Layout) -> int:
    """Where a line's words start: after its indentation and a list bullet ("• 1972 – ...")."""
    i = 0
    while i < len(line.text) and (line.text[i].isspace() or line.text[i] in layout.bullets):
        i += 1
    return line.start + i


def head_date(line: Line, dates: list[TimeValue], layout: Layout) -> TimeValue | None:
    """A chronology line's date: a date at the line's head (after a bullet) followed by a separator ("March
    1985: Resumption of ambassador-level ties", "1972 – Simla Agreement signed", "12 March 1999 - Poland joins
    NATO", "1956 November: Premier Zhou Enlai visits India": the finer of two dates in a row)."""
    head = _after_bullet(line, layout)
    for tv in sorted(dates, key=lambda tv: (tv.char_start, -tv.char_end)):
        if tv.char_start == head and tv.char_end < line.end and tv.start is not None:
            rest = line.text[tv.char_end - line.start:]
            if any(rest.lstrip().startswith(sep) for sep in layout.separators):
                return tv
            # "1956 November: ...": the year, then the month it dates, then the separator
            head = tv.char_end + len(rest) - len(rest.lstrip(" \t"))
    return None


def date_line(line: Line, dates: list[TimeValue], layout: Layout) -> TimeValue | None:
    """A line that is one date and nothing else ("December 2002"), or None."""
    head = _after_bullet(line, layout)
    words_end = line.start + len(line.text.rstrip(" \t.:,"))
    for tv in dates:
        if tv.char_start == head and tv.char_end >= words_end and tv.start is not None:
            return tv
    return None


def dated_blocks(lines: list[Line], dates: list[TimeValue], layout: Layout, *,
                 published_at: int | None = None) -> list[Place]:
    """The blocks of a page that lists dated items: each date line ("December 2002") dates the lines under it up
    to the next date line, and the name line right above it when that does not end as a sentence ("Vladimir
    Putin's visit to India"). A page with fewer than ``block_lines`` date lines has none (a date under a title
    is the publication date, never a block's), nor does the publication date's own line (``published_at``)."""
    filled = [ln for ln in lines if ln.text.strip()]
    dates = sorted(dates, key=lambda tv: tv.char_start)
    starts = [tv.char_start for tv in dates]

    def on(ln: Line) -> list[TimeValue]:
        return dates[bisect.bisect_left(starts, ln.start):bisect.bisect_right(starts, ln.end)]

    heads: list[tuple[int, TimeValue]] = []
    for n, ln in enumerate(filled):
        tv = date_line(ln, on(ln), layout)
        if tv is None or tv.char_start == published_at:
            continue
        above = filled[n - 1] if n else None
        named = (above is not None and not ends_as_sentence(above.text, layout)
                 and date_line(above, on(above), layout) is None and (not heads or above.start > heads[-1][1].char_end))
        heads.append((above.start if named else ln.start, tv))
    if len(heads) < layout.block_lines:
        return []
    ends = [start for start, _ in heads[1:]] + [lines[-1].end if lines else 0]
    return [Place(start, end, "block", tv) for (start, tv), end in zip(heads, ends)]


class PageLayout:
    """What the layout says about each stretch of a text that is not plain prose: chronology lines (with their
    head date), lines that do not end as sentences (headlines, headings, list items) and the blocks under a
    listicle's date lines (:func:`dated_blocks`).

    Args:
        text: The text (an article, or a piece of one).
        dates: The text's temporal expressions, offsets into ``text``.
        layout: The rules of ``layout.yaml``.
        published_at: Where the publication date stands in ``text``, if it does.
    """

    def __init__(self, text: str, dates: list[TimeValue], layout: Layout, *, published_at: int | None = None):
        lines = lines_of(text)
        dates = sorted(dates, key=lambda tv: tv.char_start)
        starts = [tv.char_start for tv in dates]
        self.lines: list[Place] = []
        for ln in lines:
            if not ln.text.strip():
                continue
            # only the dates on this line: a long article has thousands of lines and dates
            tv = head_date(ln, dates[bisect.bisect_left(starts, ln.start):bisect.bisect_right(starts, ln.end)], layout)
            if tv is not None:
                self.lines.append(Place(ln.start, ln.end, "chronology", tv))
            elif not ends_as_sentence(ln.text, layout):
                self.lines.append(Place(ln.start, ln.end, "headline"))
        self.blocks = dated_blocks(lines, dates, layout, published_at=published_at)
        self._starts = ([p.start for p in self.lines], [p.start for p in self.blocks])

    def at(self, start: int) -> tuple[str, TimeValue | None]:
        """The kind of line a sentence starting at ``start`` stands on (``""`` for prose) and the date its layout
        gives it: its chronology line's head date first, else its block's date line's, else None."""
        kind, date = "", None
        for group, starts in ((self.blocks, self._starts[1]), (self.lines, self._starts[0])):
            n = bisect.bisect_right(starts, start) - 1
            if n >= 0 and group[n].start <= start < max(group[n].end, group[n].start + 1):
                kind = kind if group[n].kind == "block" else group[n].kind
                date = group[n].date or date
        return kind, date
