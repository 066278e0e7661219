"""Entity spans resolved to canonical actors at a date: what a claim's actor and target point to."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Callable

from ..actors import Actor, Gazetteer, world_places
from ..actors.titles import TitleGrammar

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

COUNTRY_KINDS = {"country", "state"}
#: How many tokens back a surname alone looks for the person last named in full with it.
SURNAME_REACH = 400
#: A person's name as written has at most this many words ("Faisal bin Farhan Al Saud", "Mohammed bin Salman
#: bin Abdulaziz Al Saud"); more is a phrase the model took for a name.
_NAME_WORDS = 6


@dataclass(frozen=True)
class Ref:
    """An entity span resolved at a date: what a claim's argument points to."""

    span: Span
    name: str
    kind: str
    country: str
    place: bool = False
    pronoun: bool = False


class Resolver:
    """Resolves entity spans to canonical actors at a date, with a memory of the last person and group."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, titles: TitleGrammar | None = None,
                 dateline: tuple[int, int] | None = None):
        """Args: ``dateline``, the characters of the story's dateline: what it names is where the story was
        filed ("WASHINGTON, Aug. 20 (AP) --"), no actor, target or antecedent."""
        self.doc = doc
        self.gaz = gazetteer
        self.titles = titles or TitleGrammar.from_rules()
        # doc.ents builds new spans on every access
        self.ents = tuple(e for e in doc.ents if dateline is None or not dateline[0] <= e.start_char < dateline[1])
        self.starts = [e.start for e in self.ents]
        self._refs: dict[tuple, Ref | None] = {}

    def ref(self, span: Span, on: date | None) -> Ref | None:
        """The actor a span names at date ``on``, or None when it names nothing the claims can use."""
        key = (span.start, span.end, span.label_, on)
        if key not in self._refs:
            self._refs[key] = self._resolve(span, on)
        return self._refs[key]

    def _resolve(self, span: Span, on: date | None) -> Ref | None:
        label = span.label_
        if label == "PERSON":
            span = with_forename(with_surname(span, self.titles, self._unknown_word), self.titles)
        elif self._surname_of_previous(span):
            return None
        text = span.ent_id_ or span.text
        actor: Actor | None = self.gaz.lookup(text, on=on) or self.gaz.lookup(span.text, on=on)
        if actor is not None:
            kind = "country" if actor.kind in COUNTRY_KINDS else actor.kind
            country = actor.name if kind == "country" else actor.country
            surface = span.text.lower().removeprefix("the ").strip()
            place = surface in {m.lower().removeprefix("the ") for m in (*actor.metonyms, actor.capital) if m}
            return Ref(span, actor.name, kind, country, place)
        if label in ("GPE", "LOC"):
            known = self._place(span, on)
            if known is not None:
                return known
        if label == "NORP":
            people = world_places().people_of(span.text)
            if people is not None:
                # "Serbian forces", "Kenyan officials": the people's country, from the libraries
                state = self.gaz.lookup(people.country, on=on)
                country = state.name if state is not None else people.country
                return Ref(span, country, "country", country)
        if label == "PERSON" or (label == "ORG" and titled_name(span, self.titles)):
            name = strip_title(span.text, self.gaz, self.titles)
            if not name or len(name.split()) > _NAME_WORDS:
                return None
            if len(name.split()) == 1:
                # "Khan opted ...": a surname alone is the person last named in full with it; written with a
                # title ("President Havel") it points back at someone introduced anywhere before
                reach = len(self.doc) if self._titled(span) else SURNAME_REACH
                for ent in reversed([e for e in self.ents if e.end <= span.start and e.label_ == "PERSON"]):
                    if ent.start < span.start - reach:
                        break
                    full = self.ref(ent, on)
                    if full is not None and full.kind == "person" and full.name.split()[-1] == name:
                        return Ref(span, full.name, "person", full.country, pronoun=True)
            return Ref(span, name, "person", "")
        region = world_places().region(span.text) if label in ("GPE", "LOC") else ""
        if region:
            return Ref(span, region, "region", "", place=True)  # "East Africa": kept as written, never a party
        if label == "GPE":
            # neither a pack nor the libraries know it as a state: a town, a province, a made-up place
            return Ref(span, span.text.removeprefix("the ").strip(), "city", "", place=True)
        return None

    def _titled(self, span: Span) -> bool:
        """Whether a name is written with a title: inside its span or right before it ("President Havel")."""
        before = self.doc[span.start - 1] if span.start > 0 else None
        return (self.titles.is_title_word(span[0].text) and len(span) > 1) or (
            before is not None and self.titles.is_title_word(before.text))

    def _unknown_word(self, span: Span) -> bool:
        """Whether a one-word entity names nothing the packs or the libraries know (the model's guess at a word
        it has not seen: "Qadri" taken for a place)."""
        return len(span) == 1 and self.gaz.lookup(span.text) is None and world_places().lookup(span.text) is None

    def _surname_of_previous(self, span: Span) -> bool:
        """Whether the entity is the rest of the person's name right before it (:func:`with_surname`)."""
        i = bisect.bisect_left(self.starts, span.start) - 1
        if i < 0 or self.ents[i].end != span.start or self.ents[i].label_ != "PERSON":
            return False
        return with_surname(self.ents[i], self.titles, self._unknown_word).end >= span.end

    def _place(self, span: Span, on: date | None) -> Ref | None:
        """A country or city no pack lists, from the libraries' world knowledge: a city is a place (kind
        ``city``) whose ``country`` is its country's canonical name; it never acts."""
        place = world_places().lookup(span.text)
        if place is None:
            return None
        state = self.gaz.lookup(place.country, on=on)
        country = state.name if state is not None else place.country
        if place.kind == "country":
            return Ref(span, country, "country", country)
        return Ref(span, place.name, "city", country, place=True)

    def refs(self, start: int, end: int, on: date | None) -> list[Ref]:
        """Resolved entities whose first token lies in ``[start, end)``, in text order."""
        out = []
        lo, hi = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        for ent in self.ents[lo:hi]:
            if start <= ent.start < end:
                r = self.ref(ent, on)
                if r is None:
                    continue
                if r.place and ent.root.dep_ in ("compound", "amod", "nmod") and ent.root.head.i >= ent.end:
                    continue  # "the Tashkent Declaration": a place naming something, not a party to it
                out.append(r)
        return out

    def main_pair(self, on: date | None) -> tuple[Ref, Ref] | None:
        """Who "both countries" are: the two countries the article names most (first-mentioned first), unless
        those two are never named together while two others are ("Saudi Arabia and Iran", "Riyadh and Tehran"
        in a story that names China, their mediator, more often): then the pair named together most often."""
        if not hasattr(self, "_pair"):
            most, together = self._named_most(on), self._named_together(on)
            self._pair = most
            if together and most and together[0] and {r.name for r in most} not in together[1]:
                self._pair = together[0]
        if self._pair is None or on is None:
            return self._pair
        # the same two countries under the names they had then ("Russia" in 1965 is the Soviet Union)
        out = []
        for r in self._pair:
            actor = self.gaz.lookup(r.name, on=on)
            out.append(replace(r, name=actor.name, country=actor.name) if actor else r)
        return out[0], out[1]

    def _named_most(self, on: date | None) -> tuple[Ref, Ref] | None:
        """The two countries named most, not as places, first-mentioned first."""
        counts: dict[str, list] = {}
        for ent in self.ents:
            if ent.label_ not in ("GPE", "NORP"):
                continue
            r = self.ref(ent, on)
            if r is not None and r.kind == "country" and not r.place:
                counts.setdefault(r.name, [0, ent.start, r])[0] += 1
        top = sorted(counts.values(), key=lambda v: (-v[0], v[1]))[:2]
        return tuple(v[2] for v in sorted(top, key=lambda v: v[1])) if len(top) == 2 else None

    def _named_together(self, on: date | None) -> tuple[tuple[Ref, Ref] | None, list[set[str]]]:
        """The pair of countries coordinated alone with each other most often (a capital standing for its
        country: "Riyadh and Tehran"), in the order the article first names them, and every pair so
        coordinated; (None, []) when none is."""
        by_token = {i: e for e in self.ents for i in range(e.start, e.end)}
        pairs: dict[tuple[str, ...], list] = {}
        for ent in self.ents:
            if ent.label_ not in ("GPE", "NORP") or not ent.root.conjuncts or ent.root.dep_ == "conj":
                continue
            members: dict[str, Ref] = {}
            for tok in sorted((ent.root, *ent.root.conjuncts), key=lambda t: t.i):
                other = by_token.get(tok.i)
                r = self.ref(other, on) if other is not None else None
                if r is not None and r.kind == "country":
                    members.setdefault(r.name, replace(r, place=False))
            if len(members) == 2:
                pairs.setdefault(tuple(sorted(members)), [0, ent.start, tuple(members.values())])[0] += 1
        if not pairs:
            return None, []
        best = min(pairs.values(), key=lambda v: (-v[0], v[1]))[2]
        first: dict[str, int] = {}
        for ent in self.ents:
            r = self.ref(ent, on) if ent.label_ in ("GPE", "NORP") else None
            if r is not None and r.kind == "country":
                first.setdefault(r.name, ent.start)
        return tuple(sorted(best, key=lambda r: first.get(r.name, 0))), [set(k) for k in pairs]

    def last_list(self, token_i: int, n: int, on: date | None) -> list[Ref]:
        """The countries of the last list of exactly ``n`` coordinated countries before token ``token_i`` ("Poland,
        Hungary and the Czech Republic" for "the three countries"), in text order; [] when there is none."""
        by_token = {i: e for e in self.ents for i in range(e.start, e.end)}
        for ent in reversed(self.ents):
            if ent.end > token_i or not ent.root.conjuncts:
                continue
            members: dict[str, Ref] = {}
            for tok in sorted((ent.root, *ent.root.conjuncts), key=lambda t: t.i):
                other = by_token.get(tok.i)
                r = self.ref(other, on) if other is not None else None
                if r is not None and r.kind == "country" and not r.place:
                    members.setdefault(r.name, r)
            if len(members) == n:
                return list(members.values())
        return []

    def last_before(self, token_i: int, kinds: set[str], on: date | None, *, min_i: int = 0) -> Ref | None:
        """The last entity of one of ``kinds`` before token ``token_i`` (pronoun resolution)."""
        best = None
        for ent in self.ents:
            if ent.end > token_i:
                break
            if ent.start < min_i:
                continue
            r = self.ref(ent, on)
            if r is not None and r.kind in kinds:
                best = r
        return best


def strip_title(text: str, gaz: Gazetteer, titles: TitleGrammar | None = None) -> str:
    """A person's name without honorifics, ranks and titles ("Mr. Rogozin" → "Rogozin", "Dr. Imran Qadir" →
    "Imran Qadir", "Oil Minister Imran Qadri" → "Imran Qadri")."""
    titles = titles or TitleGrammar.from_rules()
    words = text.replace("’s", "").replace("'s", "").split()
    while words and (words[0].rstrip(".").lower() in {"the", "then"} or gaz.normalise_title(words[0])
                              or titles.is_title_word(words[0])):
        words = words[1:]
    return " ".join(words).strip(" ,.")


#: At most this many capitalised words after a name the model tagged are taken as the rest of the name.
SURNAME_WORDS = 2


def with_surname(span: Span, titles: TitleGrammar, unknown: Callable[[Span], bool] = lambda _: False) -> Span:
    """A person's name with the capitalised proper nouns right after it that the model left out ("Imran" in
    "Oil Minister Imran Qadri signed": the small model often tags a South Asian given name alone, and may take
    the surname for a place); a title word, a possessive, or a word of an entity other than an ``unknown`` one
    ends the name."""
    doc, end = span.doc, span.end
    while end < len(doc) and end - span.end < SURNAME_WORDS:
        tok = doc[end]
        if (tok.pos_ != "PROPN" or not tok.text[:1].isupper() or not tok.is_alpha
                or titles.is_title_word(tok.text)):
            break
        if tok.ent_type_ and not (tok.ent_iob_ == "B" and unknown(doc[end:end + 1])
                                  and (end + 1 == len(doc) or doc[end + 1].ent_iob_ != "I")):
            break
        end += 1
    return span if end == span.end else doc[span.start:end]


def with_forename(span: Span, titles: TitleGrammar) -> Span:
    """A person's name with the capitalised proper noun right before it that the model left out but parsed as
    part of the name ("Juan" of "``Juan Miguel Gonzalez is ready"): a compound of the name's last word that is
    no title word and no other entity's."""
    if span.start == 0:
        return span
    tok = span.doc[span.start - 1]
    if (tok.pos_ == "PROPN" and tok.dep_ == "compound" and tok.head.i in range(span.start, span.end)
            and tok.text[:1].isupper() and tok.is_alpha and not tok.ent_type_ and not titles.is_title_word(tok.text)):
        return span.doc[tok.i:span.end]
    return span


def titled_name(span: Span, titles: TitleGrammar) -> bool:
    """Whether a span the model took for an organisation is a person's name, written with a title: capitalised
    proper nouns right after a title ("Oil Minister Shafqat Mahmood") or before a comma and a title in apposition
    ("Shafqat Mahmood, Pakistan's ambassador to Russia")."""
    if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span):
        return False
    doc = span.doc
    start = max(span.sent.start, span.start - 6)
    before = titles.spans([t.text for t in doc[start:span.start]])
    if before and all(titles.is_title_word(t.text) or t.is_punct for t in doc[start + before[-1][1]:span.start]):
        return True
    if span.end >= span.sent.end or doc[span.end].text != ",":
        return False
    after = titles.spans([t.text for t in doc[span.end + 1:min(span.sent.end, span.end + 9)]])
    return bool(after) and after[0][0] <= 3 and after[0][2].kind != "rank"
