"""Reconciliation: event identity, comparison at the stated precision, conflicts and support."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from pipeline.claims import load_event_rules
from pipeline.reconcile import Decision, reconcile as _reconcile, reconcile_options, settings_from_rules, uncarried
from pipeline.records import Claim

RULES = load_event_rules()
OPTIONS = reconcile_options(settings_from_rules(RULES))


def reconcile(claims, **kw):
    """Reconcile with the shipped rules' settings (the test's own cardinality, if given)."""
    return _reconcile(claims, **{**OPTIONS, **kw})

CARD = {"VISIT": "repeatable", "ALLIANCE_EXIT": "one-time", "INVESTMENT": "repeatable"}


def claim(cid, doc, etype, actor, target, start, end, gran, text="", **kw) -> Claim:
    return Claim(
        claim_id=cid, doc_id=doc, sentence_id=0, char_start=0, char_end=10, event_type=etype, actor=actor,
        actor_role=kw.get("role", ""), target=target, location="", item=kw.get("item", ""), quantity=kw.get("quantity"),
        amount=kw.get("amount"), currency=kw.get("currency", ""), date_text=text or str(start),
        date_start=start, date_end=end, date_granularity=gran, modality=kw.get("modality", "asserted"),
        evidence=kw.get("evidence", f"{actor} {etype} {target} {text} ({doc})"), confidence=1.0,
        identity_cues=kw.get("cues", ()), actor_kind=kw.get("kind", "person" if " " in actor else "country"),
    )


Y = lambda y: (date(y, 1, 1), date(y, 12, 31), "year")  # noqa: E731
M = lambda y, m, last: (date(y, m, 1), date(y, m, last), "month")  # noqa: E731


def test_reconcile_one_time_event_with_two_years_conflicts():
    a = claim("a", "d1", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1974), text="1974")
    b = claim("b", "d2", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1979), text="1979")
    claims, events, conflicts = reconcile([a, b], cardinality=CARD)
    assert len(events) == 1 and events[0].disputed == ("date",)
    (c,) = conflicts
    assert (c.value_a, c.value_b, c.severity, c.subject) == ("1974", "1979", "high", "Pakistan exits CENTO")
    assert {cl.event_id for cl in claims} == {events[0].event_id}


def test_reconcile_two_precisions_agree():
    a = claim("a", "d1", "VISIT", "Vladimir Putin", "Pakistan", *Y(2012), modality="cancelled")
    b = claim("b", "d2", "VISIT", "Vladimir Putin", "Pakistan", *M(2012, 10, 31), modality="cancelled")
    _, events, conflicts = reconcile([a, b], cardinality=CARD)
    assert conflicts == [] and len(events) == 1
    assert (events[0].date_start, events[0].date_granularity) == (date(2012, 10, 1), "month")


def test_reconcile_same_year_different_months_is_one_disputed_visit():
    a = claim("a", "d1", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 5, 31),
              evidence="I accompanied President Zardari on his official visit to Russia in May 2011.")
    b = claim("b", "d2", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 9, 30),
              evidence="Zardari went to Moscow in September 2011, the first such trip in decades.")
    c = claim("c", "d3", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 9, 30),
              evidence="The Pakistani head of state arrived in the Russian capital during September 2011 for talks.")
    _, events, conflicts = reconcile([a, b, c], cardinality=CARD)
    assert len(events) == 1 and len(conflicts) == 1  # one disagreement, two articles on one side
    (x,) = conflicts
    assert x.attribute == "date" and (x.value_a, x.value_b) == ("2011-05", "2011-09")
    assert x.docs_a == ("d1",) and x.docs_b == ("d2", "d3") and (x.sources_a, x.sources_b) == (1, 2)
    assert "2011-09 has more support" in events[0].support


def test_reconcile_same_year_ties_only_the_types_the_rules_name():
    """A leader's statements about one country in March and in April are two statements, not one misdated; a visit
    in May and one in September of one year is one visit the sources disagree on (``same_year_identity``)."""
    from pipeline.claims import load_event_rules
    from pipeline.reconcile import reconcile_options, settings_from_rules

    options = reconcile_options(settings_from_rules(load_event_rules()))
    assert options["year_identity"] == frozenset({"VISIT"})
    said = [claim("a", "d1", "STATEMENT", "Fidel Castro", "United States", *M(2000, 3, 31)),
            claim("b", "d2", "STATEMENT", "Fidel Castro", "United States", *M(2000, 4, 30))]
    _, events, conflicts = reconcile(said, **options)
    assert len(events) == 2 and conflicts == []
    visits = [claim("a", "d1", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 5, 31)),
              claim("b", "d2", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 9, 30))]
    _, events, (conflict,) = reconcile(visits, **options)
    assert len(events) == 1 and conflict.attribute == "date"


def test_reconcile_two_dates_in_one_sentence_are_two_events():
    a = claim("a", "d1", "VISIT", "Zulfikar Ali Bhutto", "Soviet Union", *M(1972, 3, 31), cues=("first",))
    b = claim("b", "d1", "VISIT", "Zulfikar Ali Bhutto", "Soviet Union", *M(1972, 10, 31), cues=("first",))
    _, events, conflicts = reconcile([a, b], cardinality=CARD)
    assert conflicts == [] and len(events) == 2


def test_reconcile_country_meetings_in_one_year_are_not_tied():
    a = claim("a", "d1", "MEETING", "Pakistan", "Russia", *M(2006, 6, 30))
    b = claim("b", "d2", "MEETING", "Pakistan", "Russia", *M(2006, 9, 30))
    _, events, conflicts = reconcile([a, b], cardinality=CARD)
    assert conflicts == [] and len(events) == 2


def test_reconcile_visits_in_different_years_are_different_events():
    a = claim("a", "d1", "VISIT", "Zulfikar Ali Bhutto", "Soviet Union", *M(1972, 3, 31))
    b = claim("b", "d1", "VISIT", "Zulfikar Ali Bhutto", "Soviet Union", *M(1974, 10, 31))
    _, events, conflicts = reconcile([a, b], cardinality=CARD)
    assert conflicts == [] and len(events) == 2


def test_reconcile_amount_conflict_for_the_same_project():
    kw = dict(item="Karachi-Lahore gas pipeline", currency="USD")
    a = claim("a", "d1", "INVESTMENT", "Russia", "Pakistan", *Y(2015), amount=2e9, **kw)
    b = claim("b", "d2", "INVESTMENT", "Russia", "Pakistan", *Y(2015), amount=1.7e9, **kw)
    _, events, conflicts = reconcile([a, b], cardinality=CARD)
    assert [c.attribute for c in conflicts] == ["amount"]
    assert events[0].amount is None and "amount" in events[0].support


def test_reconcile_review_decision_is_carried_and_resolves_value():
    a = claim("a", "d1", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1974), text="1974")
    b = claim("b", "d2", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1979), text="1979")
    _, _, (c,) = reconcile([a, b], cardinality=CARD)
    _, events, (c2,) = reconcile([a, b], cardinality=CARD, decisions={c.conflict_id: Decision("resolved", "1979")})
    assert (c2.status, c2.resolution) == ("resolved", "1979")
    assert events[0].date_start == date(1979, 1, 1) and events[0].date_granularity == "year"


def test_reconcile_ids_do_not_depend_on_input_order():
    a = claim("a", "d1", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1974))
    b = claim("b", "d2", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1979))
    assert reconcile([a, b], cardinality=CARD) == reconcile([b, a], cardinality=CARD)


def test_reconcile_near_duplicate_articles_count_once():
    ev = "President Asif Ali Zardari visited Russia in September 2011 which created further goodwill."
    a = claim("a", "blog", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 9, 30), evidence=ev)
    b = claim("b", "paper", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 9, 30), evidence=ev.replace("which", ", and"))
    _, (event,), _ = reconcile([a, b], cardinality=CARD)
    assert event.n_sources == 1 and event.doc_ids == ("blog", "paper")


@pytest.mark.parametrize("text,start,end,gran", [
    ("1979", date(1979, 1, 1), date(1979, 12, 31), "year"),
    ("2011-09", date(2011, 9, 1), date(2011, 9, 30), "month"),
    ("2011-09-24", date(2011, 9, 24), date(2011, 9, 24), "day"),
    ("1974-01-01/1979-12-31", date(1974, 1, 1), date(1979, 12, 31), "range"),
    ("September 2011", date(2011, 9, 1), date(2011, 9, 30), "month"),
])
def test_reconcile_resolution_values_parse(text, start, end, gran):
    from pipeline.reconcile import parse_date_value

    tv = parse_date_value(text)
    assert (tv.start, tv.end, tv.granularity) == (start, end, gran)


def test_reconcile_resolution_that_is_no_date_is_none():
    from pipeline.reconcile import parse_date_value

    assert parse_date_value("two visits, not one") is None


# ------------------------------------------------------------------------------------------------ fast paths
# Clustering sweeps intervals by start, and conflicts compare each pair of value sets once. Both are checked
# against the plain pairwise definitions on generated blocks.

from hypothesis import given, settings, strategies as st  # noqa: E402

from pipeline.reconcile.clustering import cluster as _cluster  # noqa: E402
from pipeline.reconcile.comparison import conflicts as _conflicts, disagree as _disagree, values as _values  # noqa: E402

_SPANS = st.tuples(st.integers(2000, 2006), st.integers(1, 12), st.sampled_from(["year", "month"]))


def _generated(spans_and_docs, event_type="ALLIANCE_EXIT"):
    out = []
    for n, ((y, m, gran), doc, amount) in enumerate(spans_and_docs):
        start, end = (date(y, 1, 1), date(y, 12, 31)) if gran == "year" else (date(y, m, 1), date(y, m, 28))
        out.append(claim(f"c{n:03d}", f"d{doc}", event_type, "Pakistan", "CENTO", start, end, gran, text=f"{y}-{m}",
                         amount=amount, currency="USD" if amount else ""))
    return out


_BLOCKS = st.lists(st.tuples(_SPANS, st.integers(0, 5), st.sampled_from([None, 1e9, 2e9])), min_size=1, max_size=25)


@settings(max_examples=300, deadline=None)
@given(_BLOCKS)
def test_reconcile_clusters_are_the_overlap_components(block):
    claims = _generated(block, "VISIT")  # countries, no named item, no cues: nothing ties non-overlapping dates
    groups = _cluster(list(claims), one_time=False)
    # the plain definition: connected components of "the two intervals overlap"
    parent = list(range(len(claims)))

    def find(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, a in enumerate(claims):
        for j, b in enumerate(claims):
            if a.date_start <= b.date_end and b.date_start <= a.date_end:
                parent[find(i)] = find(j)
    expected = {frozenset(c.claim_id for i, c in enumerate(claims) if find(i) == r) for r in {find(i) for i in range(len(claims))}}
    assert {frozenset(c.claim_id for c in g) for g, _ in groups} == expected


@settings(max_examples=300, deadline=None)
@given(_BLOCKS)
def test_reconcile_conflicts_are_the_pairwise_disagreements(block):
    claims = sorted(_generated(block), key=lambda c: (c.doc_id, c.char_start, c.claim_id))
    found = _conflicts(list(claims), "e", "Pakistan exits CENTO", True, {}, {})
    # the plain definition: one row per attribute and pair of disagreeing values, every claim of each value on its
    # side; every pair of values is compared while they are few
    expected = set()
    for attribute in ("date", "amount", "quantity", "role"):
        sides: dict[str, list] = {}
        for c in claims:
            if _values(c)[attribute] and c.actor:
                sides.setdefault(_values(c)[attribute], []).append(c)
        names = sorted(sides)
        pairs = [(x, y) for n, x in enumerate(names) for y in names[n + 1:]]
        if len(names) > 6:  # many values: each against the one most articles give
            lead = min(names, key=lambda v: (-len({c.doc_id for c in sides[v]}), v))
            pairs = [tuple(sorted((lead, v))) for v in names if v != lead]
        for x, y in pairs:
            shared = {" ".join(c.evidence.lower().split()) for c in sides[x]} & {
                " ".join(c.evidence.lower().split()) for c in sides[y]}  # one sentence on both sides: no dispute
            if _disagree(attribute, sides[x][0], sides[y][0]) and not shared:
                expected.add((attribute, x, y, frozenset(c.claim_id for c in sides[x]),
                              frozenset(c.claim_id for c in sides[y])))
    assert {(c.attribute, c.value_a, c.value_b, frozenset(c.claims_a), frozenset(c.claims_b)) for c in found} == expected
    assert len({c.conflict_id for c in found}) == len(found)


def test_reconcile_memo_gives_the_result_of_a_fresh_reconciliation(seed_run):
    """A run reconciles the stored claims while new articles are parsed, then everything with the same memo; the
    blocks the new articles touch are compared again and the result is that of one fresh reconciliation."""
    _, _, result = seed_run
    settings = dict(cardinality={t.name: t.cardinality for t in RULES.types},
                    targetless=frozenset(t.name for t in RULES.types if not t.target_kinds))
    claims = [c for c in result.claims]
    docs = sorted({c.doc_id for c in claims})
    fresh = reconcile(claims, **settings)
    for left_out in docs:
        memo: dict = {}
        reconcile([c for c in claims if c.doc_id != left_out], memo=memo, **settings)
        reused = len(memo)
        assert reconcile(claims, memo=memo, **settings) == fresh
        assert len(memo) > reused  # the blocks the article touches were compared again


# ------------------------------------------------------------------------------------------------ severity
from pipeline.records import Severity  # noqa: E402
from pipeline.reconcile import SEVERITY, Reason, severity  # noqa: E402


@pytest.mark.parametrize("reason,expected", [
    (Reason.ONE_TIME, "high"),
    (Reason.SAME_ITEM, "high"),
    (Reason.CUE, "high"),
    (Reason.SAME_YEAR, "medium"),
    (Reason.OVERLAP, "medium"),
    (Reason.ROLE_RULED_OUT, "medium"),
    (Reason.ESTIMATE, "low"),
    (Reason.YEARS_APART, "low"),
])
def test_reconcile_severity_comes_from_the_reason(reason, expected):
    assert severity(reason) == expected and set(SEVERITY) == set(Reason)


def test_reconcile_severity_of_a_tie_by_year_is_medium_by_item_high():
    year = [claim("a", "d1", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 5, 31)),
            claim("b", "d2", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 9, 30))]
    kw = dict(item="Mi-35")
    item = [claim("c", "d1", "ARMS_DEAL", "Russia", "Pakistan", *Y(2015), **kw),
            claim("d", "d2", "ARMS_DEAL", "Russia", "Pakistan", *Y(2017), **kw)]
    _, _, (by_year,) = reconcile(year, cardinality=CARD)
    _, _, (by_item,) = reconcile(item, cardinality=CARD)
    assert by_year.severity is Severity.MEDIUM and "same year" in by_year.rationale
    assert by_item.severity is Severity.HIGH and "both name Mi-35" in by_item.rationale


def test_reconcile_settings_take_event_type_properties_from_the_rules():
    settings = settings_from_rules(RULES)
    assert settings["itemised"] == ["ALLIANCE_JOIN", "ARMS_DEAL", "INVESTMENT"]
    assert settings["named_items"] == ["AGREEMENT", "ARMS_DEAL", "INVESTMENT"]
    assert settings["cardinality"]["ALLIANCE_EXIT"] == "one-time" and "DISSOLUTION" in settings["targetless"]
    assert "MEETING" in settings["symmetric"]


def test_reconcile_item_tells_apart_only_itemised_types():
    a = claim("a", "d1", "VISIT", "Vladimir Putin", "Pakistan", *Y(2012), item="Mi-35")
    b = claim("b", "d2", "VISIT", "Vladimir Putin", "Pakistan", *Y(2012), item="JF-17")
    assert len(reconcile([a, b], cardinality=CARD)[1]) == 1
    a, b = (c.__class__(**{**c.__dict__, "event_type": "ARMS_DEAL"}) for c in (a, b))
    assert len(reconcile([a, b], cardinality=CARD)[1]) == 2


NAMED = dict(cardinality=CARD, itemised=frozenset({"INVESTMENT"}), named_items=frozenset({"INVESTMENT"}))


def test_reconcile_severity_of_an_estimate_against_a_figure_is_low():
    a = claim("a", "d1", "INVESTMENT", "Russia", "Pakistan", *Y(2015), item="gas pipeline", amount=2.2e9,
              currency="USD", modality="hedged", evidence="The pipeline is reportedly estimated at $2.2 billion.")
    b = claim("b", "d2", "INVESTMENT", "Russia", "Pakistan", *Y(2015), item="gas pipeline", amount=2.5e9,
              currency="USD", evidence="Russia will invest $2.5 billion in the pipeline.")
    _, _, (c,) = reconcile([a, b], **NAMED)
    assert c.attribute == "amount" and c.severity == "low"


def test_reconcile_severity_of_figures_years_apart_is_low_and_of_one_year_not():
    a = claim("a", "d1", "INVESTMENT", "Russia", "Pakistan", *Y(2015), item="gas pipeline", amount=2e9, currency="USD")
    b = claim("b", "d2", "INVESTMENT", "Russia", "Pakistan", *Y(2019), item="gas pipeline", amount=2.5e9,
              currency="USD")
    c = claim("c", "d3", "INVESTMENT", "Russia", "Pakistan", *Y(2015), item="gas pipeline", amount=2.5e9,
              currency="USD")
    _, _, conflicts = reconcile([a, b], **NAMED)
    assert {(x.attribute, x.severity) for x in conflicts} == {("date", "high"), ("amount", "low")}
    _, _, (same_year,) = reconcile([a, c], **NAMED)
    assert same_year.severity == "medium"  # overlapping dates: as before


def test_reconcile_many_notes_on_one_recurring_visit_give_rows_that_grow_with_the_values():
    """Issue 14, problem 6: 2,000 notes, each its own article, about one visitor's recurring visit (a date to the
    day in one of five years). Rows were one per pair of claims; now one per value against the best-supported
    one, each row with every article on its side."""
    claims = []
    for i in range(2000):
        day = date(2000 + i % 5, 1, 1) + timedelta(days=(i * 37) % 360)
        claims.append(claim(f"{i:05d}", f"note{i:04d}", "VISIT", "Asif Ali Zardari", "Russia", day, day, "day",
                            text=day.isoformat(), evidence=f"Zardari arrived in Russia on {day} (note {i})."))
    _, events, conflicts = reconcile(claims, cardinality=CARD)
    values = {(c.event_id, c.value_a) for c in conflicts} | {(c.event_id, c.value_b) for c in conflicts}
    assert len(events) == 5
    assert len(conflicts) < len(values) <= 5 * 360
    assert sum(len(c.docs_a) + len(c.docs_b) for c in conflicts) < 2000 * 400
    assert len({c.conflict_id for c in conflicts}) == len(conflicts)



def test_reconcile_many_articles_on_two_values_are_one_row():
    """Issue 14, problem 6, the flood itself: 200 articles date Pakistan's exit from CENTO to 1974 and 300 to 1979.
    One row per pair of claims was 60,000 rows; one disagreement is one row, every article on its side."""
    claims = [claim(f"a{i:03d}", f"early{i:03d}", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1974), text="1974",
                    evidence=f"Pakistan left CENTO in 1974 (article {i}).") for i in range(200)]
    claims += [claim(f"b{i:03d}", f"late{i:03d}", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1979), text="1979",
                     evidence=f"Pakistan withdrew from CENTO in 1979 (article {i}).") for i in range(300)]
    _, events, conflicts = reconcile(claims, cardinality=CARD)
    (row,) = conflicts
    assert len(events) == 1 and (row.value_a, row.value_b) == ("1974", "1979")
    assert (len(row.docs_a), len(row.docs_b), len(row.claims_a), len(row.claims_b)) == (200, 300, 200, 300)
    assert (row.sources_a, row.sources_b) == (200, 300)


def test_reconcile_decision_follows_the_same_disagreement_when_the_event_changes():
    """A decision is recorded on what a disagreement is about; when a new claim changes what ties the event (and so
    its id), the same disagreement (type, parties, item, attribute, values) still carries it."""
    a = claim("a", "d1", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 5, 31))
    b = claim("b", "d2", "VISIT", "Asif Ali Zardari", "Russia", *M(2011, 9, 30))
    _, _, (before,) = reconcile([a, b], cardinality=CARD)
    cued = [replace(a, identity_cues=("first",)), replace(b, identity_cues=("first",))]
    _, _, (after,) = reconcile(cued, cardinality=CARD)
    assert after.conflict_id != before.conflict_id
    decision = Decision("dismissed", "", "two visits", before.about)
    _, _, (carried,) = reconcile(cued, cardinality=CARD, decisions={before.conflict_id: decision})
    assert (carried.status, carried.note) == ("dismissed", "two visits")
    assert uncarried([carried], {before.conflict_id: decision}) == []
    assert uncarried([], {before.conflict_id: decision}) == [(before.conflict_id, decision)]


def test_reconcile_conflict_id_is_a_hash_of_the_disagreement_not_of_claims_or_articles():
    a = claim("a", "d1", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1974), text="1974")
    b = claim("b", "d2", "ALLIANCE_EXIT", "Pakistan", "CENTO", *Y(1979), text="1979")
    moved = [replace(a, claim_id="x", doc_id="sub/d1", char_start=99), replace(b, claim_id="y", doc_id="e2")]
    assert reconcile([a, b], cardinality=CARD)[2][0].conflict_id == reconcile(moved, cardinality=CARD)[2][0].conflict_id


def test_reconcile_one_sentence_on_both_sides_is_no_disagreement():
    """One sentence naming two dates of a one-time type speaks of two things (an invitation, an accession), and a
    quote repeated by a later article differs only in the date its context gave it."""
    ev = "Poland, invited to join NATO in July 1997, will join on March 12."
    a = claim("a", "d1", "ALLIANCE_EXIT", "Poland", "NATO", *M(1997, 7, 31), evidence=ev)
    b = replace(claim("b", "d1", "ALLIANCE_EXIT", "Poland", "NATO", *Y(1999), evidence=ev), char_start=30)
    assert reconcile([a, b], cardinality=CARD)[2] == []
    c = claim("c", "d2", "ALLIANCE_EXIT", "Poland", "NATO", *Y(1998), evidence="Poland left NATO in 1998.")
    assert len(reconcile([a, b, c], cardinality=CARD)[2]) == 2


@pytest.mark.parametrize("modalities, status, prefix", [
    (["asserted", "hedged"], "happened", ""),
    (["planned"], "planned", "Planned: "),
    (["planned", "cancelled"], "cancelled", "Cancelled: "),
    (["negated"], "denied", "Denied: "),
    (["hedged"], "disputed", "Unconfirmed: "),
])
def test_reconcile_event_status_from_modality(modalities, status, prefix):
    claims = [claim(f"c{i}", f"d{i}", "VISIT", "Vladimir Putin", "Pakistan", *Y(2012), text="2012", modality=m)
              for i, m in enumerate(modalities)]
    _, events, _ = reconcile(claims, cardinality=CARD)
    (event,) = events
    assert event.status == status
    assert event.subject == f"{prefix}Vladimir Putin visits Pakistan"


def test_reconcile_event_status_disputed_when_sources_say_happened_and_denied():
    from pipeline.reconcile.events import event_status

    members = [claim("a", "d1", "VISIT", "Vladimir Putin", "Pakistan", *Y(2012), modality="asserted"),
               claim("b", "d2", "VISIT", "Vladimir Putin", "Pakistan", *Y(2012), modality="negated")]
    assert event_status(members) == "disputed"


HEADLINE = "India, Japan sign $2 billion rail deal"


def _headline_and_body(doc: str, body_date=M(2023, 9, 30)) -> list[Claim]:
    """An article's headline claim (undated: the headline's present tells no date) and its body's dated claim."""
    head = replace(claim(f"{doc}-h", doc, "AGREEMENT", "India", "Japan", None, None, "", amount=2e9, currency="USD",
                         evidence=HEADLINE), date_text="")
    told = {"d1": "Tokyo and New Delhi put their names to the loan in September 2023.",
            "d2": "The rail agreement was concluded by both governments last September.",
            "d3": "Officials of the two countries inked the financing pact in September 2023, sources said."}
    body = claim(f"{doc}-b", doc, "AGREEMENT", "India", "Japan", *body_date, text="September 2023", amount=2e9,
                 currency="USD", evidence=told[doc])
    return [head, body]


@pytest.mark.parametrize("others,sources", [
    ([], 1),
    (["d2"], 2),
    (["d2", "d3"], 3),
])
def test_reconcile_headline_and_body_of_one_article_count_once(others, sources):
    claims = _headline_and_body("d1") + [c for d in others for c in _headline_and_body(d)[1:]]
    _, events, conflicts = reconcile(claims)
    (event,) = events
    assert event.n_sources == sources and event.doc_ids == tuple(["d1", *others])
    assert set(event.claim_ids) == {c.claim_id for c in claims} and not conflicts


def test_reconcile_undated_headline_joins_its_own_articles_event_among_several():
    """A block with two dated events (2015, 2023): the headline joins the event its own article's body dates, not
    an event of undated claims of its own, and the article still counts once there."""
    claims = _headline_and_body("d1") + _headline_and_body("d2")[1:] + [
        claim("old", "d3", "AGREEMENT", "India", "Japan", *Y(2015), evidence="India and Japan signed a pact in 2015.")]
    _, events, _ = reconcile(claims)
    by_year = {e.date_start.year if e.date_start else None: e for e in events}
    assert sorted(by_year, key=str) == [2015, 2023]
    assert by_year[2023].n_sources == 2 and "d1-h" in by_year[2023].claim_ids
    assert by_year[2015].n_sources == 1


# ------------------------------------------------------------------------------------- people across spellings
from pipeline.reconcile.people import merge_spellings, same_name, spelling_index  # noqa: E402
from pipeline.ruleset import resolve as _rules  # noqa: E402

_NAMES = _rules(None).yaml("names.yaml")
SPELLINGS = spelling_index(_NAMES["spellings"])


@pytest.mark.parametrize("example", _NAMES["examples"], ids=[f"{e['a']}|{e['b']}" for e in _NAMES["examples"]])
def test_reconcile_names_examples(example):
    """Every example of rules/en/names.yaml: whether two names may be one person's."""
    assert same_name(example["a"], example["b"], SPELLINGS) is example["same"]
    assert same_name(example["b"], example["a"], SPELLINGS) is example["same"]


@pytest.mark.parametrize("second,target,dates,merged", [
    ("Imran Qadri", "Russia", M(2015, 3, 31), True),       # same type, other side and month: one person
    ("Imran Qadri", "China", M(2015, 3, 31), False),       # another host: maybe another person
    ("Imran Qadri", "Russia", M(2019, 6, 30), False),      # years apart: maybe another person
    ("Imran Khar", "Russia", M(2015, 3, 31), False),       # another name
])
def test_reconcile_spellings_merge_only_where_the_evidence_agrees(second, target, dates, merged):
    a = claim("a", "d1", "VISIT", "Imran Qadir", "Russia", *M(2015, 3, 31))
    b = claim("b", "d2", "VISIT", second, target, *dates)
    renamed, written = merge_spellings([a, b], SPELLINGS)
    assert (renamed[1].actor == "Imran Qadir") is merged
    assert written == ({"b": second} if merged else {})
    claims, events, _ = reconcile([a, b])
    assert (len(events) == 1) is merged
    assert [c.actor for c in claims] == ["Imran Qadir", second]  # a claim keeps the name its article writes


PAIR = "Pakistan and Russia are partners. "


def _articles(extract, *texts):
    """Claims of made-up articles (each its own doc_id), as the run reconciles them."""
    out = []
    for n, text in enumerate(texts):
        out += [replace(c, doc_id=f"d{n}") for c in extract(PAIR + text)]
    return out


@pytest.mark.parametrize("first,second,conflict", [
    # a civil servant's post and a minister's for one signing, the name spelt two ways
    ("The petroleum secretary, Dr. Imran Qadir, signed an agreement with Russia on 12 March 2015.",
     "Oil Minister Imran Qadri signed an agreement with Russia on 12 March 2015.",
     ("Petroleum Minister", "Petroleum Secretary")),
    ("Secretary petroleum Imran Qadir signed an agreement with Russia on 12 March 2015.",
     "Oil Minister Imran Qadri signed an agreement with Russia on 12 March 2015.",
     ("Petroleum Minister", "Petroleum Secretary")),
    # compatible titles: the portfolio left out, one office spelt two ways
    ("Foreign Minister Shafqat Mahmood signed an agreement with Russia on 12 March 2015.",
     "Minister Shafqat Mehmood signed an agreement with Russia on 12 March 2015.", None),
    ("Prime Minister Imran Qadir signed an agreement with Russia on 12 March 2015.",
     "PM Imran Qadri signed an agreement with Russia on 12 March 2015.", None),
    # two people with different titles at one signing: no disagreement
    ("The petroleum secretary, Dr. Imran Qadir, signed an agreement with Russia on 12 March 2015.",
     "Oil Minister Shafqat Mahmood signed an agreement with Russia on 12 March 2015.", None),
])
def test_reconcile_role_conflict_of_one_person_across_spellings(extract, first, second, conflict):
    claims = [c for c in _articles(extract, first, second) if c.event_type == "AGREEMENT"]
    assert len(claims) == 2 and all(c.actor_role and c.agent for c in claims), claims
    _, events, conflicts = reconcile(claims)
    assert len(events) == 1
    roles = [(c.value_a, c.value_b) for c in conflicts if c.attribute == "role"]
    assert roles == ([conflict] if conflict else [])


def test_reconcile_visit_by_one_person_spelt_two_ways_is_one_event_with_a_role_conflict(extract):
    claims = [c for c in _articles(extract,
                                   "Imran Qadir, the Defence Minister, visited Russia in March 2015.",
                                   "Defence Secretary Imran Qadri visited Moscow in March 2015.",
                                   "The petroleum secretary Imran Qadri visited Moscow in March 2015.")
              if c.event_type == "VISIT"]
    assert {c.actor for c in claims} == {"Imran Qadir", "Imran Qadri"}
    _, events, conflicts = reconcile(claims)
    (event,) = events
    assert event.actor == "Imran Qadri" and event.disputed == ("role",)  # the name two of three articles give
    assert [(c.value_a, c.value_b) for c in conflicts] == [("Defence Minister", "Petroleum Secretary")]


def test_reconcile_role_conflict_of_the_seeds_stays():
    """"Deputy Prime Minister" and "Prime Minister" for one visit are two grades of office: a disagreement."""
    a = claim("a", "d1", "VISIT", "Dmitry Rogozin", "India", *M(2012, 7, 31), role="Prime Minister")
    b = claim("b", "d2", "VISIT", "Dmitry Rogozin", "India", *M(2012, 7, 31), role="Deputy Prime Minister")
    _, _, conflicts = reconcile([a, b])
    assert [(c.attribute, c.value_a, c.value_b) for c in conflicts] == [("role", "Deputy Prime Minister", "Prime Minister")]


@pytest.mark.parametrize("modality,rows", [
    # an invitation's or a plan's date is when it was made or hoped for: planned claims' dates never disagree
    ("planned", 0),
    # two accounts that the join took place in different years do
    ("asserted", 1),
])
def test_reconcile_dates_are_compared_only_between_claims_that_it_happened(modality, rows):
    a = claim("a", "d1", "ALLIANCE_JOIN", "Poland", "NATO", *M(1997, 7, 31), text="July 1997", modality=modality)
    b = claim("b", "d2", "ALLIANCE_JOIN", "Poland", "NATO", *M(1999, 3, 31), text="March 1999", modality=modality)
    _, events, conflicts = reconcile([a, b], cardinality={**CARD, "ALLIANCE_JOIN": "one-time"})
    assert len(events) == 1 and len(conflicts) == rows


@pytest.mark.parametrize("first,rows", [
    # "could come as early as Tuesday" is no account against "arrived on Thursday"
    ("hedged", 0),
    ("asserted", 1),
])
def test_reconcile_a_hedged_date_does_not_contradict_an_asserted_one(first, rows):
    a = claim("a", "d1", "ALLIANCE_JOIN", "Poland", "NATO", *M(1997, 7, 31), text="July 1997", modality=first)
    b = claim("b", "d2", "ALLIANCE_JOIN", "Poland", "NATO", *M(1999, 3, 31), text="March 1999")
    _, events, conflicts = reconcile([a, b], cardinality={**CARD, "ALLIANCE_JOIN": "one-time"})
    assert len(events) == 1 and len(conflicts) == rows


def test_reconcile_a_claim_naming_no_other_side_never_disagrees_on_the_date():
    """A targetless claim joins the event whose dates fit its own; it is no witness against the event's other dates."""
    a = claim("a", "d1", "VISIT", "Vladimir Putin", "India", *M(2010, 12, 31), text="December 2010", cues=("first",))
    b = claim("b", "d2", "VISIT", "Vladimir Putin", "India", *M(2012, 12, 31), text="December 2012")
    c = claim("c", "d3", "VISIT", "Vladimir Putin", "", *M(2012, 12, 31), text="December 2012", cues=("first",))
    _, events, conflicts = reconcile([a, b, c], cardinality=CARD)
    assert len(events) == 1 and conflicts  # one event: c ties to a ("first") and to b (its dates)
    assert all("d3" not in x.docs_a + x.docs_b for x in conflicts)
