"""The regular expressions of the date tagger, built once from the vocabulary's words.

Every pattern is compiled case-insensitive; a pattern whose vocabulary is empty is ``(?!x)x`` (never matches).
"""
from __future__ import annotations

import re
from typing import Any

__all__ = ["alternation", "build_patterns", "relative_pattern"]

_SUF = r"(?:st|nd|rd|th|<sup>(?:st|nd|rd|th)</sup>)"
_YEAR = r"[12][0-9oO]{3}"  # OCR often reads 0 as o: "2oo6"
_NUM_START = r"(?<![\w$£€¥])(?<![0-9][.,:/])"
_NEVER = r"(?!x)x"


def alternation(words: list[str] | set[str] | frozenset[str]) -> str:
    """Regex alternation of phrases, longest first, spaces matching any whitespace.

    Args:
        words: The phrases, as the tables spell them.

    Returns:
        The alternation, without a surrounding group.
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in ordered)


def relative_pattern(expression: str, cardinals: dict[str, int], relative_seasons: set[str]) -> re.Pattern[str]:
    """The full-match pattern of a relative phrase from relative.tsv ("the {n} years before", "that {season}").

    Args:
        expression: The phrase, lower case; ``{n}`` stands for a number, ``{season}`` for a season name.
        cardinals: Number words ("three") that ``{n}`` may be, besides digits.
        relative_seasons: Season names that ``{season}`` may be.

    Returns:
        The compiled pattern (case-insensitive).
    """
    season_re = "(?:" + alternation(relative_seasons) + ")" if relative_seasons else _NEVER
    cardinal_re = r"(?:[0-9]{1,3}|" + alternation(cardinals) + ")"
    body = r"\s+".join(
        cardinal_re if part == "{n}" else season_re if part == "{season}" else re.escape(part)
        for part in expression.split()
    )
    return re.compile(body, re.I)


def _first_chars(*groups: Any, digits: bool = False) -> str:
    """A lookahead on the possible first letters: lets the regex engine skip most positions quickly."""
    chars = {w[0].lower() for words in groups for w in words if w and w[0] != "{"}
    chars |= {c.upper() for c in chars}
    if digits:
        chars |= set("0123456789")
    return "(?=[" + re.escape("".join(sorted(chars))) + "])"


def _tail(v: dict[str, Any]) -> str:
    """What a relative phrase ends with: its last word, a season for "{season}", or a month right after the word
    that stands before "{season}" ("last November": a month alone is far too common to read backwards from)."""
    words, heads = set(), set()
    for r in v["relatives"]:
        parts = r.expression.split()
        if parts[-1] != "{season}":
            words.add(parts[-1])
            continue
        words |= set(v["seasons"])
        if len(parts) > 1:
            heads.add(parts[-2])
    months = set(v["period_words"]) - set(v["seasons"])
    tail = r"(?:" + alternation(words) + r")(?!\w)"
    if heads and months:
        tail += r"|(?:" + alternation(heads) + r")\s+(?:" + alternation(months) + r")(?!\w)"
        return r"(?<!\w)" + _first_chars(words, heads) + r"(?:" + tail + ")"
    return r"(?<!\w)" + _first_chars(words) + tail


def _weekday_pattern(v: dict[str, Any]) -> str:
    """"on Monday", "last Friday", "Tuesday night": an optional phrase head, a full weekday name, a time of day."""
    phrases, names = v["weekday_phrases"], v["weekday_numbers"]
    heads = [h for h in phrases if h]
    if not names or not phrases:
        return _NEVER
    head = ""
    if heads:
        head = r"(?:(?P<head>" + alternation(heads) + r")\s+)" + ("?" if "" in phrases else "")
    parts = v["weekday_words"]["part"]
    part = r"(?:[ \t]+(?P<part>" + alternation(parts) + r")(?!\w))?" if parts else ""
    return (r"(?<!\w)" + _first_chars(heads, names) + head + r"(?P<wd>" + alternation(names) + r")(?!\w)"
            + part)


def _next_word(words: frozenset[str]) -> str:
    """One of the words right after a space, at the start of the text matched."""
    return r"\A[ \t]+(?:" + alternation(words) + r")(?!\w)" if words else _NEVER


def _calendar_patterns(v: dict[str, Any]) -> dict[str, str]:
    """Dates written with month names or digits, year ranges, decades, centuries, quarters, fiscal years."""
    first_mon = _first_chars(v["months"])
    first_wd_mon = _first_chars(v["months"], v["weekdays"])
    first_mm = _first_chars(["between"], v["months"])
    first_ord = _first_chars([w for w in v["ordinals"] if v["ordinals"][w] > 0], digits=True)
    # only abbreviations take a full stop: "Dec. 2016", but "24 March." ends a sentence
    abbrev = {w for w in v["months"] if any(o != w and o.startswith(w) for o in v["months"])}
    mon = (r"(?P<m>(?:(?:" + alternation(abbrev) + r")(?![a-z])\.?|(?:"
           + alternation(set(v["months"]) - abbrev) + r")(?![a-z])))")
    mon2 = mon.replace("?P<m>", "?P<m2>")
    wd = r"(?:(?:" + alternation(v["weekdays"]) + r")(?![a-z])\.?,?\s+)?"
    day = r"(?P<d>[0-9]{1,2})" + _SUF + r"?"
    day2 = r"(?:\s*(?:-|–|to|and)\s*(?P<d2>[0-9]{1,2})" + _SUF + r"?)?"
    year = rf"(?P<y>{_YEAR})(?![\w%])(?!\.[0-9])"
    # "on the 28 and 29 August": the article of a range of days belongs to it
    the_days = r"(?:the\s+(?=[0-9]{1,2}[a-z]{0,2}\s*(?:-|–|to|and)\s*[0-9]))?"
    ordinal_words = alternation([w for w in v["ordinals"] if v["ordinals"][w] > 0])
    return {
        "mdy": rf"(?<!\w){first_wd_mon}{wd}{mon}\s+{day}{day2}(?![0-9]),?\s+{year}",
        # a dash before the day joins a range ("14 August-24 August"), except after a digit ("2011-24")
        "dmy": rf"(?<![\w./])(?<![0-9.]-){wd}{the_days}{day}{day2}\s+(?:of\s+)?{mon},?\s+{year}",
        "dm_md_range": rf"(?<![\w./-]){day}\s+{mon}\s*(?:-|–|to)\s*(?P<d2>[0-9]{{1,2}})\s+{mon2},?\s+{year}",
        "my": rf"(?<!\w){first_mon}{mon},?\s+{year}",
        "mm_range": rf"(?<!\w){first_mm}(?:(?P<kw>between)\s+)?{mon}\s*(?P<conn>-|–|to|till|until|through|and)\s*{mon2},?\s+{year}",
        "dm": rf"(?<![\w./])(?<![0-9.]-){the_days}{day}{day2}\s+(?:of\s+)?{mon}",
        # "March 24", "March 16–18", or a month named alone ("in January": no day, no year after it)
        "md": rf"(?<!\w){first_mon}{mon}(?:\s+{day}{day2}(?![0-9]|,?\s*[0-9])|(?![\w-])(?!\s+[0-9]))",
        "iso": r"(?<![\w/.-])(?P<y>[12][0-9]{3})-(?P<mo>[0-9]{1,2})-(?P<d>[0-9]{1,2})(?![\w/-])",
        "numeric": r"(?<![\w/.-])(?P<a>[0-9]{1,2})(?P<sep>[/.-])(?P<b>[0-9]{1,2})(?P=sep)(?P<y>[12][0-9]{3})(?![\w/-])",
        "yrange": rf"{_NUM_START}(?P<y>{_YEAR})\s*[-–—/]\s*(?P<y2>{_YEAR}|[0-9]{{2}})(?![\w%/])(?!\.[0-9])",
        "decade": r"(?<![\w$])(?P<dec>[12][0-9oO]{2}0)['’]?s(?!\w)",
        "decade_short": r"(?<!\w)['’‘](?P<dd>[0-9])0s(?!\w)",
        # "the '96 campaign", "the Ragazzi del '99": an apostrophe, two digits, no word or number after them
        "year_short": r"['’‘](?<![\w'’‘`]['’‘])(?P<yy>[0-9]{2})(?![\w'’%.,]?[\w%])",
        "decade_word": r"(?<!\w)" + _first_chars(v["decades"]) + r"(?P<w>" + alternation(v["decades"]) + r")(?!\w)",
        "century": rf"(?<!\w){first_ord}(?:(?P<n>[0-9]{{1,2}}){_SUF}|(?P<w>{ordinal_words}))[\s-]+century(?!\w)",
        "quarter": rf"(?<!\w)(?:(?:Q(?P<q>[1-4])|(?P<q3>[1-4])Q)\s*[,'’]?\s*(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s*Q(?P<q2>[1-4]))(?!\w)",
        # "the third quarter", "third-quarter profits": a quarter whose year comes from the story or the publication
        # date; not "the third quarter of 2015" (read with its year) nor a fiscal quarter (the fiscal year is the
        # company's own)
        "quarter_alone": r"(?<!\w)(?<!fiscal )(?:the\s+)?(?P<ord>" + alternation(
            [w for w in v["ordinals"] if 1 <= v["ordinals"][w] <= 4]) + r"|[1-4]" + _SUF + r")(?:\s+|-)quarter(?!\w)"
                         r"(?!\s+of\b)",
        "half": rf"(?<!\w)(?:H(?P<h>[12])|(?P<h2>[12])H)\s*[,'’]?\s*(?P<y>{_YEAR})(?!\w)",
        "fiscal": rf"(?<!\w)(?:FY|fiscal\s+year|financial\s+year|fiscal)\s*['’]?\s*"
                  rf"(?P<y>{_YEAR}|[0-9]{{2}})(?:\s*[-–/]\s*(?P<y2>{_YEAR}|[0-9]{{2}}))?(?!\w)",
        "holiday": (r"(?<!\w)" + _first_chars(v["holidays"]) + r"(?P<h>"
                    + alternation(v["holidays"]).replace("'", "['’]") + r")(?!\w)"
                    + rf"(?:,?\s+(?:of\s+)?{year})?") if v["holidays"] else _NEVER,
        "named": r"(?<![\w/])(?:" + "|".join(re.escape(n) for n in sorted(v["named"], key=len, reverse=True))
                 + r")(?![\w/])" if v["named"] else _NEVER,
        "year": rf"{_NUM_START}{year}(?!,[0-9]{{3}})",
        "year_words": _year_words_pattern(v["cardinals"]),
        # "on the 20th", "from the 13th to the 19th of October 1950": a day of the story's month; not "the 20th
        # Division", "the 20th anniversary" (a word other than a function word after it)
        "day_of_month": r"the(?<!\wthe)\s+(?P<n>[0-9]{1,2})(?:st|nd|rd|th)(?!\w)(?=\s*(?:[.,;:)!?]|\Z)|\s+(?:and|or|to|till"
                        r"|until|through|the|a|an|when|as|at|in|on|by|with|he|she|it|they|we|his|her|its|their|was|were|is|are"
                        r"|had|has|have|would|could|did|that|which|who|but|after|before|against|from|for|of)\b)",
        "dom_before": r"(?<![\w'’-])(?:on|from|to|by|until|till|since|and|through|before|after|between)[ \t]+\Z",
        "bad_year": r"(?<!\w)year\s+[0-9]{5,}(?!\w)",
    }


def _year_words_pattern(cardinals: dict[str, int]) -> str:
    """"nineteen ninety-six", "nineteen hundred", "nineteen oh five", "two thousand and three", "twenty twelve": a
    year spelled out (its value is read by ``calendar_atoms.spelled_year``)."""
    first: dict[int, str] = {}  # the first word of each number ("three", not "few" or "several")
    for w, n in cardinals.items():
        first.setdefault(n, w)

    def words(lo: int, hi: int, step: int = 1) -> str:
        return "(?:" + alternation([w for n, w in first.items() if lo <= n <= hi and n % step == 0]) + ")"

    units, teens, tens = words(1, 9), words(10, 19), words(20, 90, 10)
    rest = rf"(?:hundred|{teens}|{tens}(?:[- ](?:{units}))?|(?:oh|o)[- ](?:{units}))"
    starts = _first_chars([w for n, w in first.items() if 11 <= n <= 20], ["two"])
    return (rf"(?<![\w-]){starts}(?:(?P<c>{words(11, 20)})[ ](?P<r>{rest})"
            rf"|two[ ]thousand(?:[ ](?:and[ ])?(?P<t>{teens}|{tens}(?:[- ](?:{units}))?|{units}))?"
            rf"(?!\s+(?:hundred|thousand|and|{units}|{teens}|{tens})(?!\w)))(?![\w-])")


def _phrase_patterns(v: dict[str, Any]) -> dict[str, str]:
    """Relative phrases, weekdays and the words around a weekday, dates in other languages, URLs."""
    first_rel = _first_chars([r.expression for r in v["relatives"]], v["cardinals"],
                             digits=any(r.expression.startswith("{n}") for r in v["relatives"]))
    return {
        # a relative phrase is found from its last word, then read backwards (one big alternation tried at
        # every position of the text would be the slowest pattern here)
        "relative_tail": _tail(v),
        "relative_end": r"(?<!\w)" + first_rel + r"(?:" + "|".join(r.pattern.pattern for r in v["relatives"]) + r")\Z",
        "weekday": _weekday_pattern(v),
        "wd_word_before": r"(?<![\w'’-])(?P<w>[^\W\d_][\w'’-]*)[ \t]+\Z",
        "wd_word_after": r"[ \t]+(?P<w>[^\W\d_])",
        # "the last Monday of March", "Monday of last week"; not "no word on Tuesday of any leads"
        "wd_of_after": r"\s+of\s+(?:(?:last|next|this|that|the|each|every)\s+(?:(?:same|following|previous|coming)\s+)?)?"
                       r"(?:week|month|year|" + alternation(v["months"]) + r")(?!\w)",
        # what a relative phrase ending in "before"/"after" counts from when a word follows it: an event
        "event_after": r"[ \t]+[^\W\d_]",
        # the event a phrase counts from, up to the clause's end, a digit or a coordinated phrase ("and three months")
        "event_clause": r"(?:[ \t]+(?!and[ \t])[^\W\d_][\w'’.-]*(?<!\.))+",
        # between a date and a phrase counted from an event that restates it: ", ", "- ", " – "
        "apposition": r"[ \t]*(?:,|-|–|—)[ \t]*",
        # a noun the weekday modifies ("the Friday explosions"), not a function word ("the Monday after")
        "wd_noun_after": r"[ \t]+(?!(?:after|before|of|following|in|on|at|and|or|to|that|which|when|was|is)\b)"
                         r"(?-i:[a-z])[a-z-]+",
        # what may not follow a season named alone: a capitalised word ("Summer Palace"), a year ("summer 1944")
        "season_not_after": r"[\w-]|(?-i:\s+[A-Z])|\s+(?:of\s+)?(?:the\s+)?[0-9'’]",
        "word": r"[\w']+",
        "season_and": r"\s+(?:and|or|&)\s+(?:the\s+)?",
        "wd_date_gap": r"[\s,(]*(?:of\s+)?\Z",
        "foreign_dmy": r"(?<![\w.])(?P<d>[0-9]{1,2})\.?\s*[,،]?\s+(?P<w>[^\W\d_]+)\.?\s*[,،]?\s*(?P<y>[12][0-9]{3})(?![\w])",
        "foreign_my": r"(?<![\w.])(?P<w>[^\W\d_]*[^\x00-\x7f][^\W\d_]*)\s*[,،]?\s+(?P<y>[12][0-9]{3})(?!\w)",
        "url": r"<?(?:https?://|www\.)[^\s<>]+",
    }


def _context_patterns(v: dict[str, Any]) -> dict[str, str]:
    """What stands before or after an atom: prefixes that narrow it, range words, year-like context."""
    return {
        "prefix": (
            r"(?:(?P<the>\bthe)\s+)?"
            r"(?:(?P<mod>\b(?:" + alternation(v["modifiers"]) + r"))(?:\s*-\s*|\s+)(?:the\s+)?"
            r"|(?P<ord>\b(?:" + alternation(v["ordinals"]) + r")|\b[0-9]{1,2}" + _SUF + r")\s+"
            r"(?P<unit>week|month|quarter|half|day|decade)\s+of\s+(?:the\s+)?"
            r"|(?P<season>\b(?:" + alternation(v["seasons"]) + r"))(?:\s+of)?\s+(?:the\s+)?)?\Z"
        ),
        "range_from": r"\b(?P<kw>from|between)\s+\Z",
        "range_join": r"\s*(?:(?P<dash>-|–|—)|(?P<word>to|till|until|through|and))\s*(?:(?<=\w\s)the\s+)?\Z",
        "range_head": r"\s*(?:-|–|—|to|till|until|through)(?!\w)",
        "chain": r"\s*(?:,|,?\s*and|,?\s*or|&|to|till|until|through|-|–|—)\s*\Z",
        "lic_before": r"(?:\b(?:" + alternation(v["year_before"]) + r")\s*-?\s*|[(\[]\s*)\Z",
        # the word right after a holiday: a period it names ("Christmas Offensive"), a stretch around it ("Easter week")
        "holiday_period_after": _next_word(v["holiday_periods"]),
        # "ten, fifteen, and twenty years earlier": numbers coordinated before the one a relative phrase counts
        "numbers_before": r"(?<![\w-])(?:[\w-]+(?:,[ \t]+(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+))+\Z",
        # "(the Spring) Offensive of 1918": an event word of year_context.tsv, one word before it at most, then its year
        "event_of_year": (r"\A\s*(?:[\w-]+\s+)?(?:" + alternation(v["year_after"]) + r")\s+of\s+(?P<y>\d{4})(?!\w)"),
        "holiday_span_after": _next_word(v["holiday_spans"]),
        "lic_after": r"\A\s*(?:[\w-]+\s+)?(?:" + alternation(v["year_after"]) + r")(?!\w)",
        "open_before": r"\b(?:" + alternation(v["open_before"]) + r")\s+\Z",
        "bc_after": r"[ \t]*(?:BCE?|B\.[ \t]?C\.(?:[ \t]?E\.)?)(?!\w)",
        "in_brackets": r"[(\[][^()\[\]\n]{0,40}\Z",
        "lic_det": r"\b(?:" + alternation(v["year_determiners"]) + r")[ \t]+\Z",
        # the word after a determiner's number: a content word, not a function word ("the 1965 and 1971 wars")
        "lic_det_after": r"[ \t]+(?!(?:and|or|to|till|until|through|of|in|on|at|by|for|from|with|than|per)\b)"
                         r"(?P<w>[^\W\d_][\w'’-]*)",
        "lic_comma": r",\s*\Z",
        "lic_close": r"\A\s*(?:[)\]]|[.;]\s|[.;]?\Z)",
        "lic_line": r"(?:\A|\n)[ \t#*>•·▪-]*\Z",
        # "1971: war", "1972 – Simla", "1956 November: Zhou Enlai visits" (a chronology line's year, month after)
        "lic_line_after": r"\A(?:[ \t]+(?:" + alternation(v["months"]) + r")\.?)?\s*(?:[:–—|]|-(?=\s))",
        "veto_before": r"(?:\b(?:" + alternation(v["veto_before"]) + r")|\$|£|€)\s*\Z",
        # "from 1000 to 1500 troops": the unit after the second number vetoes both
        "veto_range": r"\A\s*(?:-|–|—|to|and|or)\s*[0-9][0-9,.]*\s*(?:(?:" + alternation(v["veto_after"]) + r")(?!\w)|%)",
        "veto_after": r"\A\s*(?:(?:" + alternation(v["veto_after"]) + r")(?!\w)|%|-year)",
        "the_only": r"\bthe\s+\Z",
    }


def build_patterns(v: dict[str, Any]) -> dict[str, re.Pattern[str]]:
    """Compile every pattern the reader uses.

    Args:
        v: The vocabulary's fields by name (``Vocabulary`` without ``patterns`` and ``rules_dir``).

    Returns:
        Compiled patterns by name.
    """
    texts = {**_calendar_patterns(v), **_phrase_patterns(v), **_context_patterns(v)}
    return {name: re.compile(text, re.I) for name, text in texts.items()}
