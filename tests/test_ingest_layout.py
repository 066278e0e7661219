"""Page layout (pipeline.ingest.layout): which lines end as sentences, chronology heads, date lines and the blocks
of a listicle."""
from __future__ import annotations

import pytest

from pipeline.dates import tag_dates
from pipeline.errors import RuleError
from pipeline.ingest.layout import (PageLayout, date_line, dated_blocks, ends_as_sentence, head_date, lines_of,
                                    load_layout)
from pipeline.ruleset import load_rules_from_packs, shipped_packs

LAYOUT = load_layout()


@pytest.mark.parametrize("line,expected", [
    ("India, Japan sign $2 billion rail deal", False),
    ("March 1985: Resumption of ambassador-level ties", False),
    ("President Zardari visited Russia in 2011.", True),
    ('"We will sign," he said.', True),
    ('He said: "We will sign."', True),
    ("Is this the end?", True),
    ("(signed in 1972.)", True),
    ("", False),
])
def test_ingest_layout_ends_as_sentence(line, expected):
    assert ends_as_sentence(line, LAYOUT) is expected


@pytest.mark.parametrize("line,expected", [
    ("March 1985: Resumption of ambassador-level ties", "March 1985"),
    ("1972 – Simla Agreement signed", "1972"),
    ("12 March 1999 - Poland joins NATO", "12 March 1999"),
    ("  • 1956 November: Premier Zhou Enlai visits India", "November"),  # the year, then its month
    ("1956, India: Premier Zhou Enlai visits", None),
    ("• 1949: India recognises the People's Republic", "1949"),
    ("In March 1985 ties were resumed", None),
    ("March 1985", None),
])
def test_ingest_layout_head_date(line, expected):
    tv = head_date(lines_of(line)[0], tag_dates(line), LAYOUT)
    assert (tv.text if tv else None) == expected


@pytest.mark.parametrize("line,expected", [
    ("December 2002", "December 2002"),
    ("  12 March 1999", "12 March 1999"),
    ("December 2002: Putin visits", None),
    ("Putin's visit to India", None),
])
def test_ingest_layout_date_line(line, expected):
    tv = date_line(lines_of(line)[0], tag_dates(line), LAYOUT)
    assert (tv.text if tv else None) == expected


LISTICLE = ("Russian leaders in India\n\nVladimir Putin's visit to India\nDecember 2002\n"
            "The Russian president signed.\n"
            "\nDmitry Medvedev's visit to India\nDecember 2010\nHe held talks.\n")


def test_ingest_layout_blocks_run_from_name_line_to_the_next():
    blocks = dated_blocks(lines_of(LISTICLE), tag_dates(LISTICLE), LAYOUT)
    assert [(LISTICLE[b.start:b.end].splitlines()[0], b.date.text) for b in blocks] == [
        ("Vladimir Putin's visit to India", "December 2002"), ("Dmitry Medvedev's visit to India", "December 2010")]
    assert blocks[0].end == blocks[1].start


@pytest.mark.parametrize("text", [
    "Putin's visit to India\n12 March 2018\nThe Russian president signed.\n",  # one date line: the page's date
    "Title\n\nBody one.\n\nDecember 2002\n\nBody two.\n",
])
def test_ingest_layout_one_date_line_is_no_block(text):
    assert dated_blocks(lines_of(text), tag_dates(text), LAYOUT) == []


def test_ingest_layout_publication_date_line_is_no_block():
    published = LISTICLE.index("December 2002")
    blocks = dated_blocks(lines_of(LISTICLE), tag_dates(LISTICLE), LAYOUT, published_at=published)
    assert blocks == []  # one date line left: fewer than block_lines


def test_ingest_layout_page_layout_at():
    page = PageLayout(LISTICLE, tag_dates(LISTICLE), LAYOUT)
    kind, date = page.at(LISTICLE.index("Vladimir"))
    assert (kind, date.text) == ("headline", "December 2002")
    kind, date = page.at(LISTICLE.index("He held"))
    assert (kind, date.text) == ("", "December 2010")
    assert page.at(0) == ("headline", None)


def test_ingest_layout_bad_rule_is_named(tmp_path):
    (tmp_path / "layout.yaml").write_text("# format: YAML\nseparators: 3\n", encoding="utf-8")
    from pipeline.ruleset import Pack

    rules = load_rules_from_packs([*shipped_packs(), Pack("bad", tmp_path)])
    with pytest.raises(RuleError, match="layout.yaml: separators"):
        load_layout(rules)


@pytest.mark.parametrize("text,place", [
    ("\n\nWASHINGTON, August 11 (Xinhua) --\n\nThe talks went on.", "Washington"),
    ("HAVANA (AP) _ The rally went on.", "Havana"),
    ("Talks in Brussels\nBRUSSELS, Feb 10 -- The talks went on.", "Brussels"),
    # a headline in capitals of two letters, or prose, opens no dateline
    ("UN, US agree to talk\nThe talks went on.", ""),
    ("The talks went on in Washington.", ""),
])
def test_ingest_layout_dateline_place(text, place):
    from pipeline.ingest.layout import dateline_place, load_layout

    assert dateline_place(text, load_layout()) == place


@pytest.mark.parametrize("text,dateline", [
    ("WASHINGTON, Aug. 20 (AP) -- Kofi Annan signed.", "WASHINGTON, Aug. 20 (AP) -- "),
    ("\n\nWARSAW, Poland (AP) _\n\nPoland joined.", "WARSAW, Poland (AP) _"),
    ("HAVANA (AP) _ The rally went on.", "HAVANA (AP) _ "),
    ("The talks went on in Washington.", None),
])
def test_ingest_layout_dateline_span(text, dateline):
    from pipeline.ingest.layout import dateline_span, load_layout

    span = dateline_span(text, load_layout())
    assert (text[span[0]:span[1]] if span else None) == dateline


def test_ingest_layout_dateline_place_is_no_party(extract):
    """The place a story was filed from is no actor: the capital in the dateline does not sign for its state."""
    text = "WASHINGTON, Aug. 20 (AP) -- Kofi Annan signed a memorandum of understanding with Iraq in February 1998."
    assert not [c for c in extract(text) if c.actor == "United States"]
