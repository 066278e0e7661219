"""The title an article writes with a person ("Oil Minister Imran Qadri", "Imran Qadir, the Defence Minister") and
the state such a person serves when the gazetteer does not know them."""
from __future__ import annotations

from dataclasses import replace

from .context import Sentence
from .resolver import Ref

#: How far from a name its title's phrase reaches ("Pakistan's petroleum secretary, Dr. Imran Qadir").
TITLE_REACH = 6


def served_state(person: Ref, countries: list[Ref]) -> Ref:
    """A person the gazetteer does not place serves the state named in their own phrase ("Russian Deputy Foreign
    Minister Igor Morgulov", "X, Pakistan's ambassador to Russia"): the first one within :data:`TITLE_REACH`
    tokens of the name not governed by a preposition ("to Russia" is where the ambassador is sent). Called only
    for a person written with a title."""
    if person.country:
        return person
    lo, hi = person.span.start - TITLE_REACH, person.span.end + TITLE_REACH
    for c in countries:
        if (lo <= c.span.start < hi and not c.place and c.span.root.head.dep_ != "prep"
                and c.span.root.dep_ != "pobj"):
            return replace(person, country=c.name)
    return person


def titles_at(s: Sentence, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """Every title in a token range, as ``(first token, end token, canonical title)``: the title grammar's
    (``rules/en/titles.yaml``: "Oil Minister", "the petroleum secretary", "Secretary Petroleum") under the
    gazetteer's canonical name when it lists the title ("Minister for Foreign Affairs" → "Foreign Minister"),
    and the gazetteer's own titles the grammar does not spell ("Governor-General"). A rank counts only right
    before a name ("Gen. Bajwa", not "the UN General Assembly")."""
    words = [t.text for t in s.doc[lo:hi]]
    found = []
    for start, end, title in s.resolver.titles.spans(words):
        if title.kind == "rank" and not _before_name(s, lo + end):
            continue
        text = " ".join(words[start:end])
        found.append((lo + start, lo + end, s.gaz.normalise_title(text) or s.gaz.normalise_title(title.label)
                      or title.label))
    for size in range(min(4, len(words)), 0, -1):
        for k in range(len(words) - size + 1):
            title = s.gaz.normalise_title(" ".join(words[k:k + size]))
            if title and not any(a <= lo + k and lo + k + size <= b for a, b, _ in found):
                found.append((lo + k, lo + k + size, title))
    return sorted(found)


def _before_name(s: Sentence, i: int) -> bool:
    """Whether token ``i`` starts a name: a proper noun or a person entity."""
    return i < len(s.doc) and (s.doc[i].ent_type_ == "PERSON" or s.doc[i].pos_ == "PROPN")


def title_in(s: Sentence, lo: int, hi: int) -> str:
    """The longest title in a token range ("Russian Deputy Prime Minister" → "Deputy Prime Minister")."""
    found = titles_at(s, lo, hi)
    return max(found, key=lambda f: (f[1] - f[0], -f[0]))[2] if found else ""


#: Words that may stand between a name and the title in apposition after it ("Imran Qadir, the Defence
#: Minister", "X, Pakistan's ambassador to Russia", "X, then Foreign Minister").
APPOSITION_GAP = 3


def role_near(s: Sentence, ref: Ref) -> str:
    """The title written with a person's name: just before it ("Russian Prime Minister, Mikhail Fradkov", "the
    petroleum secretary, Dr. Imran Qadir"), inside the name's span, or in apposition after it ("Imran Qadir, the
    Defence Minister,")."""
    lo = max(s.sent.start, ref.span.start - 6)
    before = [f for f in titles_at(s, lo, ref.span.start) if _only_honorifics(s, f[1], ref.span.start)]
    if before:
        # "Chief of Army Staff, General Kayani": the office, not the rank
        offices = [f for f in before if s.resolver.titles.read(f[2]) is None
                   or s.resolver.titles.read(f[2]).kind != "rank"]
        return (offices or before)[-1][2]
    inside = title_in(s, ref.span.start, ref.span.end)
    return inside or apposition_title(s, ref.span.end)


def _only_honorifics(s: Sentence, start: int, end: int) -> bool:
    """Whether the tokens between a title and a name are only punctuation, honorifics and a title's article."""
    return all(t.is_punct or s.resolver.titles.is_title_word(t.text) for t in s.doc[start:end])


def apposition_title(s: Sentence, end: int) -> str:
    """The title of an apposition right after a name: a comma, at most :data:`APPOSITION_GAP` words (an
    article, a country and its possessive), then the title ("Imran Qadir, the Defence Minister")."""
    if end >= s.sent.end or s.doc[end].text != ",":
        return ""
    stop = min(s.sent.end, end + 1 + APPOSITION_GAP + 5)
    for t in s.doc[end + 1:stop]:
        if t.text in (",", ";", "(", ")") or t.pos_ in ("VERB", "AUX"):
            stop = t.i
            break
    found = [f for f in titles_at(s, end + 1, stop) if f[0] - (end + 1) <= APPOSITION_GAP]
    return found[0][2] if found else ""


def home_country(s: Sentence, person: Ref, on) -> str:
    """The country a person belongs to: the gazetteer's, else a country or a city written in the title right
    before the name ("Russian President Ivan Petrov", "Miami Mayor Joe Carollo": the United States), or "".
    Only tokens of the title (proper nouns, title words, punctuation) may stand between the place and the name."""
    if person.kind != "person":
        return ""
    if person.country:
        return person.country
    lo = max(s.sent.start, person.span.start - TITLE_REACH)
    for ent in reversed([e for e in s.resolver.ents if lo <= e.start and e.end <= person.span.start]):
        between = s.doc[ent.end:person.span.start]
        if not between or not all(t.pos_ == "PROPN" or t.is_punct or s.resolver.titles.is_title_word(t.text)
                                  for t in between) or not title_in(s, ent.end, person.span.start):
            continue
        place = s.resolver.ref(ent, on)
        if place is not None and place.kind in ("country", "city") and place.country:
            return place.country
    return ""
