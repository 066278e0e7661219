"""Who says so (pipeline.claims.attribution): the source a sentence names for its claim."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, event_type, source", [
    ("Pakistani officials said Russia would supply four helicopters to Pakistan in 2017.", "ARMS_DEAL",
     "Pakistani officials"),
    ("According to TASS, Putin will visit Pakistan in October 2012.", "VISIT", "TASS"),
    ("Russia will supply four helicopters to Pakistan in 2017, officials said.", "ARMS_DEAL", "officials"),
    ("Islamabad denied that Pakistan had signed an agreement with India in 2019.", "AGREEMENT", "Pakistan"),
    ("Putin visited Pakistan in 2012.", "VISIT", ""),
])
def test_claims_attribution_source(extract, text, event_type, source):
    claims = [c for c in extract(text) if c.event_type == event_type]
    assert claims, text
    assert {c.attributed_to for c in claims} == {source}


def test_claims_attribution_names_the_person_in_apposition(extract):
    text = ("The leader of the delegation, Alexander Vengerovsky, disclosed that Russia would supply four "
            "helicopters to Pakistan in 2017.")
    claims = [c for c in extract(text) if c.event_type == "ARMS_DEAL"]
    assert claims and {c.attributed_to for c in claims} == {"Alexander Vengerovsky"}
