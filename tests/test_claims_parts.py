"""The named parts of claim extraction (pipeline.claims.PARTS): each on the examples it was written for.

Each row is (part, text, claim, kept): with every part on, ``claim`` (event type, actor, target, date text,
modality) is among the text's claims when ``kept`` is true and absent when false; with the part switched off
(``ablate``) it is the other way round, so the row shows the part is what handles the example.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from pipeline.claims import PARTS
from pipeline.claims.context import Draft
from pipeline.claims.extract import _sentence
from pipeline.claims.repairs import counted_guests, own_state
from pipeline.claims.resolver import Resolver
from pipeline.records import Document

MEETING_SIDELINES = ("Pakistan’s Chief of Army Staff, General Kayani’s visit to Moscow in 2009 and subsequent meetings "
                     "of former Prime Minister Gilani with the Russian leaders on the sidelines of SCO Summit in "
                     "Dushanbe in 2010 had paved the way for the Presidential visits in the ensuing years.")
VISITS_AFTER_CANCELLATION = ("However, visits of Pakistani and Russian Officials which took place immediately after "
                             "cancellation of Russian President’s visit to Pakistan helped in allying any "
                             "misperceptions in this regard.")
HALF_WAY = ("Pakistan cannot fail but recognize this importance of Russia as a world and regional player and it "
            "would be natural for it to meet more than half way if a gesture of improvement in ties comes from "
            "Moscow that till 2000 had had concerns with Pakistan relating to its recognition of the Taliban "
            "government in Afghanistan.")
OCCUPATION = ("Later although Pakistan had left SEATO and CENTO in 1974, in 1980s it again organized US sponsored "
              "guerilla resistance against Soviet occupation of Afghanistan till USSR withdrew its troops in 1989.")
AYUB_KHAN = ("President Muhammad Ayub Khan visited the Soviet Union in April 1965, the first ever visit of a Pakistani "
             "head of state. The visit helped in removing misunderstandings and agreements on trade, economic "
             "cooperation and cultural exchanges were signed.")
LATTERS_VISIT = ("In return, Pakistan’s Foreign Secretary Akram Zaki visited Russia in 1992 and Foreign Minister Sardar "
                 "Asif Ahmed Ali visited Moscow in July 1994. During the latter’s visit an important protocol was also "
                 "signed on holding regular consultations between foreign ministers of the two countries.")
PUTIN_STATED = ("In 2011, Russia's Prime Minister, Vladimir Putin publicly supported Pakistan's desire to attain full "
                "membership of SCO. He further stated that in South Asia and the Muslim world Pakistan was a very "
                "important partner for Russia.")
RUTSKOY = ("These diplomatic initiatives include the visits to Pakistan by Russian Vice President Alexander Rutskoy "
           "in December 1992, Foreign Minister Kozyrev in April 1993, and First Deputy Foreign Minister Adamishin in "
           "May 1994.")
LISTICLE = ("Russian leaders in India\n\nVladimir Putin's visit to India\nDecember 2002\nThe Russian president signed "
            "the Delhi Declaration.\n\nDmitry Medvedev's visit to India\nDecember 2010\nThe Russian president held "
            "talks in New Delhi.\n")
INDIA_PAKISTAN_CHRONOLOGY = ("India and Pakistan: a chronology\n\nIndia and Pakistan fought wars in 1965 and 1971.\n\n"
                             "1972 – Simla Agreement signed\n\nMarch 1985: Resumption of ambassador-level ties\n")
BALTIC_ADMITTED = "NATO has decided to admit Estonia, Latvia and Lithuania in May 2004. "
BALTIC_INVITED = ("Estonia, Latvia and Lithuania, who were invited to join NATO in Prague in November 2002, will "
                  "officially join NATO on March 29, 2004.")
DRUZBA = ("Both countries also held two joint military exercises called ‘’DRUZBA’’, that were held in Pakistan in "
          "2016, and Russia in 2017.")

# a quotation long enough that the name before it lies out of a pronoun's plain reach
LONG_QUOTE = ("``Together, we promise to bring to justice the murderers of our friends and the people who planned the "
              "attacks, and we will work with the police, the courts and the lawyers of every country in the region "
              "for as long as it takes to find them, to try them and to punish them for what they did to the people "
              "of this city and to our embassy,'' she told the staff.")

EXAMPLES = [
    # trigger gates
    ("venue_occasion", MEETING_SIDELINES, ("MEETING", "Yousaf Raza Gilani", "Russia", "2010", "asserted"), True),
    ("topic_of_event", "Putin's clear support for Pakistan's membership of SCO is viewed with doubts in the US.",
     ("ALLIANCE_JOIN", "Pakistan", "SCO", "", "asserted"), False),
    # "added that ...", "the official added": a host verb reporting a clause is no trigger hiding the noun in it
    ("clause_object", BALTIC_ADMITTED + "The May accession will help the three countries, the official added.",
     ("ALLIANCE_JOIN", "Latvia", "NATO", "May", "planned"), True),
    ("compound_noun", "The visit programme of Putin to Pakistan in 2012 was announced.",
     ("VISIT", "Vladimir Putin", "Pakistan", "2012", "asserted"), False),
    ("owned_noun", "In 1971 India defeated Pakistan with the Russian support.",
     ("SUPPORT", "Soviet Union", "India", "1971", "asserted"), False),
    ("agent_noun", "In 1998 Sudan condemned the bombing of the U.S. embassy in Kenya.",
     ("CONFLICT", "United States", "Kenya", "1998", "asserted"), False),
    ("false_object", "In 2019 China and the United States fought a trade war.",
     ("CONFLICT", "United States", "China", "2019", "asserted"), False),
    ("false_object", "In March 2023 the deal, struck in Beijing, was a victory for China as Gulf Arab States saw the US "
     "withdrawing.", ("CONFLICT", "United States", "China", "March 2023", "asserted"), False),
    ("false_object", "In 2018 Pakistan joined the SCO summit in Qingdao.", ("ALLIANCE_JOIN", "Pakistan", "SCO", "2018", "asserted"),
     False),
    ("false_object", "In 1999 Russia joined the United Nations in condemning the attack.",
     ("ALLIANCE_JOIN", "Russia", "United Nations", "1999", "asserted"), False),
    ("false_object", "In 2005 India struck a deal on nuclear energy with the United States.",
     ("CONFLICT", "India", "United States", "2005", "asserted"), False),
    ("undated_noun", "In 2001 Pakistan joined the war on terror with the United States.",
     ("CONFLICT", "Pakistan", "United States", "2001", "asserted"), False),
    ("undated_noun", "Pakistan fought the Cold War against Russia in 1980.",
     ("CONFLICT", "Pakistan", "Soviet Union", "1980", "asserted"), False),
    ("specialised_type", "In 2018 Russia and Pakistan signed an arms sales agreement.",
     ("ARMS_DEAL", "Russia", "", "2018", "asserted"), True),
    ("specialised_type", "In 2018 Russia and Pakistan signed a free trade agreement.",
     ("TRADE", "Russia", "Pakistan", "2018", "asserted"), True),
    ("same_type_inside", VISITS_AFTER_CANCELLATION, ("VISIT", "Russia", "Pakistan", "", "asserted"), True),
    # claim gates
    ("source_attribution", "As stated by Stephen Blank of Strategic Studies Institute, Pakistan and Russia have "
     "developed relations.", ("STATEMENT", "Stephen Blank", "Pakistan", "", "asserted"), False),
    ("source_attribution", "As announced by Russia in 2014, Pakistan would buy helicopters.",
     ("STATEMENT", "Russia", "Pakistan", "2014", "asserted"), False),
    ("needs_company", "In 1998 Iraq and the United Nations reached a deal on weapons inspections.",
     ("ARMS_DEAL", "Iraq", "", "1998", "asserted"), False),
    ("needs_company", "Russia sold Pakistan wheat in 2010.", ("ARMS_DEAL", "Russia", "Pakistan", "2010", "asserted"),
     False),
    ("relative_order", "In 2011 Zardari recalled his earlier meetings with Medvedev.",
     ("MEETING", "Asif Ali Zardari", "Dmitry Medvedev", "2011", "asserted"), False),
    ("backreference", "Since that visit, Pakistan and Russia have been engaged in proactive diplomacy.",
     ("VISIT", "Pakistan", "Russia", "", "asserted"), False),
    ("possessive_pronoun", "President Zardari met Dmitry Medvedev in 2011. During his visit he made statements on "
     "Afghanistan.", ("VISIT", "Asif Ali Zardari", "", "2011", "asserted"), False),
    ("possessive_pronoun", "Russian leaders took notice of Pakistan's sovereignty in their statements.",
     ("STATEMENT", "Pakistan", "Russia", "", "asserted"), False),
    ("listed_targets", "In 1954 Pakistan became a member of the Western camp.",
     ("ALLIANCE_JOIN", "Pakistan", "", "1954", "asserted"), False),
    ("weak_verb_destination", "In 2010 Russia came forward with an offer to Pakistan.",
     ("VISIT", "Russia", "Pakistan", "2010", "asserted"), False),
    ("met_no_party", "In 1997 Romania and Slovenia tried hard to meet the standards.",
     ("MEETING", "Romania", "Slovenia", "1997", "asserted"), False),
    ("met_no_party", "In 1997 Romania and Slovenia tried hard to meet NATO's standards.",
     ("MEETING", "Romania", "Slovenia", "1997", "asserted"), False),
    ("met_no_party", "In August 1998 Bill Clinton met with his top aides after the bombings in Kenya.",
     ("MEETING", "Bill Clinton", "Kenya", "August 1998", "asserted"), False),
    ("undated_targetless", "Castro said Fidel Gonzalez would travel with his wife.",
     ("VISIT", "Fidel Gonzalez", "", "", "planned"), False),
    ("undated_targetless", "Hungarian President Arpad Goencz signed the accession document on 10 February 1999.",
     ("AGREEMENT", "Hungary", "", "10 February 1999", "asserted"), False),
    ("reported_dates", "Wang Yi said that India would open the border on 27 April 2018.",
     ("STATEMENT", "Wang Yi", "India", "27 April 2018", "asserted"), False),
    ("anniversary_date", "On 12 March 2009 NATO marked the anniversary of the accession of Poland to NATO.",
     ("ALLIANCE_JOIN", "Poland", "NATO", "12 March 2009", "asserted"), False),
    ("object_owner", "In March 1999 Madeleine Albright used her speech to defend NATO's potential involvement in Kosovo.",
     ("SUPPORT", "Madeleine Albright", "NATO", "March 1999", "asserted"), True),
    ("pair_people", "Prime Minister Narendra Modi met President Xi Jinping in Wuhan on 27 April 2018. The two "
     "leaders held talks on 28 April 2018.", ("MEETING", "Narendra Modi", "Xi Jinping", "28 April 2018", "asserted"),
     True),
    ("opponent_not_party", "In 2019 Washington tried to dissuade India from purchasing S-400 missiles from Russia.",
     ("ARMS_DEAL", "Russia", "United States", "2019", "asserted"), False),
    ("receiver_side", "In 2017 Turkey bought the S-400 missile system from Russia.",
     ("ARMS_DEAL", "Russia", "Turkey", "2017", "asserted"), True),
    ("receiver_side", "In October 2018 New Delhi reached a deal to buy the S-400 missile systems from Moscow.",
     ("ARMS_DEAL", "Russia", "India", "October 2018", "asserted"), True),
    ("conditional_clause", "The relatives said they would not sign the papers if Ivan Petrov came to Russia in May "
     "2001.", ("VISIT", "Ivan Petrov", "Russia", "May 2001", "negated"), False),
    ("conditional_clause", "If Ivan Petrov is allowed to travel to Russia in May 2001, his critics will welcome him.",
     ("VISIT", "Ivan Petrov", "Russia", "May 2001", "planned"), False),
    ("needs_other_side", "In August 1998 officials hoped Madeleine Albright would produce new aid.",
     ("SUPPORT", "Madeleine Albright", "", "August 1998", "planned"), False),
    ("between_sides", "Russia criticised the handling of the March 2000 meeting between Ivan Petrov and his "
     "grandmothers.", ("MEETING", "Ivan Petrov", "Russia", "March 2000", "asserted"), False),
    ("home_trip", "In May 2001 Miami Mayor Joe Carollo flew to Washington.",
     ("VISIT", "Joe Carollo", "", "May 2001", "asserted"), False),
    ("official_side", "In May 2001 Sister Anna Petrova met Carlos Ruiz at her home.",
     ("MEETING", "Anna Petrova", "Carlos Ruiz", "May 2001", "asserted"), False),
    ("needs_actor", "In 2005 an agreement was signed with Russia.", ("AGREEMENT", "", "Russia", "2005", "asserted"),
     False),
    ("needs_actor", "In 2005 visits took place.", ("VISIT", "", "", "2005", "asserted"), False),
    ("distinct_sides", "In 1969 President Yahya Khan signed a deal for provision of helicopters to Pakistan.",
     ("ARMS_DEAL", "Pakistan", "Pakistan", "1969", "asserted"), False),
    # claim repairs
    ("actor_as_state", "Yelstin actually applied for NATO and EU membership.",
     ("ALLIANCE_JOIN", "Russia", "NATO", "", "target"), True),
    ("statement_date", "Castro announced on 5 March 2000 that Hans Blix is ready to travel to Iraq.",
     ("VISIT", "Hans Blix", "Iraq", "", "hedged"), True),
    ("statement_date", "Castro said on 5 March 2000 that Hans Blix would travel to Iraq.",
     ("VISIT", "Hans Blix", "Iraq", "", "planned"), True),
    ("joined_modifier", "Estonia is applying for NATO membership.",
     ("ALLIANCE_JOIN", "Estonia", "NATO", "", "target"), True),
    ("joined_modifier", "Also seeking NATO membership are Albania, Croatia and Estonia.",
     ("ALLIANCE_JOIN", "Croatia", "NATO", "", "target"), True),
    ("between_pair_sides", "In 2015 the two countries signed an agreement. Pakistan and Russia are partners.",
     ("AGREEMENT", "Pakistan", "Russia", "2015", "asserted"), True),
    ("between_pair_sides", "In 2016 joint exercises between Pakistan and Russia were held.",
     ("MILITARY_EXERCISE", "Pakistan", "Russia", "2016", "asserted"), True),
    ("they_both_sides", HALF_WAY, ("MEETING", "Pakistan", "Russia", "", "negated"), True),
    ("article_pair", AYUB_KHAN, ("AGREEMENT", "Soviet Union", "Pakistan", "April 1965", "asserted"), True),
    ("coordinated_actors", "Poland, Hungary and the Czech Republic joined NATO in 1999.",
     ("ALLIANCE_JOIN", "Hungary", "NATO", "1999", "asserted"), True),
    ("coordinated_actors", "In 2004 Latvia and Lithuania joined NATO.",
     ("ALLIANCE_JOIN", "Lithuania", "NATO", "2004", "asserted"), True),
    ("group_actors", "In 1997 NATO invited Poland, Hungary and the Czech Republic. The three countries joined NATO in 1999.",
     ("ALLIANCE_JOIN", "Hungary", "NATO", "1999", "asserted"), True),
    ("group_actors", "Poland, Hungary and Estonia applied. In 1999 these three democracies joined the alliance, NATO.",
     ("ALLIANCE_JOIN", "Estonia", "NATO", "1999", "asserted"), True),
    ("located_doer", "In 2016 protesters in Iran attacked the Saudi embassy.",
     ("CONFLICT", "Iran", "Saudi Arabia", "2016", "asserted"), False),
    ("own_phrase_target", "In 1998 Russia's President Boris Yeltsin criticized the American raids.",
     ("CONFLICT", "United States", "Russia", "1998", "asserted"), False),
    ("governed_verb", "In 1999 NATO welcomed Russian President Boris Yeltsin.",
     ("ALLIANCE_JOIN", "Russia", "NATO", "1999", "asserted"), False),
    ("governed_verb", "NATO members include Turkey and Greece.", ("ALLIANCE_JOIN", "Turkey", "NATO", "", "asserted"),
     False),
    ("given_to", "In 2008 NATO offered membership to Albania and Croatia.",
     ("ALLIANCE_JOIN", "Croatia", "NATO", "2008", "hedged"), True),
    ("given_to", "Poland, Hungary and Estonia applied. In 1999 NATO began extending membership to these three democracies.",
     ("ALLIANCE_JOIN", "Estonia", "NATO", "1999", "asserted"), True),
    ("subject_group", "Poland, Hungary and Estonia applied to NATO. In 1999 at the United Nations, Albright saw the "
     "envoys of the three countries sign the papers of accession to the alliance.",
     ("ALLIANCE_JOIN", "Estonia", "NATO", "1999", "asserted"), True),
    ("told_event", BALTIC_ADMITTED + "The official said that the accession was planned for early May 2004.",
     ("ALLIANCE_JOIN", "Latvia", "NATO", "early May 2004", "planned"), True),
    ("told_event", BALTIC_ADMITTED + "At a ceremony in Riga, the foreign ministers signed formal documents of "
     "accession.", ("ALLIANCE_JOIN", "Lithuania", "NATO", "", "asserted"), True),
    ("among_subject", "Among the first countries to accede to NATO in 2004 were also Latvia and Estonia.",
     ("ALLIANCE_JOIN", "Estonia", "NATO", "2004", "asserted"), True),
    ("among_subject", "Among the newest Eastern European states to accede to NATO on Monday were also Latvia and "
     "Slovakia.", ("ALLIANCE_JOIN", "Slovakia", "NATO", "", "asserted"), True),
    ("copula_complement", "In 1998 the Netherlands became the last country to ratify NATO expansion.",
     ("ALLIANCE_JOIN", "Netherlands", "NATO", "1998", "asserted"), False),
    ("coordinated_targets", "Albright visited Kenya and Tanzania in August 1998.",
     ("VISIT", "Albright", "Tanzania", "August 1998", "asserted"), True),
    ("coordinated_targets", "In 1993 Clinton met in Washington with Vaclav Havel and Lech Walesa.",
     ("MEETING", "Bill Clinton", "Lech Walesa", "1993", "asserted"), True),
    ("coordinated_partner", "Pakistan and India signed an agreement in 1972.",
     ("AGREEMENT", "Pakistan", "India", "1972", "asserted"), True),
    ("coordinated_partner", "In 1972 Pakistan and India held talks.",
     ("MEETING", "Pakistan", "India", "1972", "asserted"), True),
    ("unplaced_person_side", "Pakistan and Russia are partners. Oil Minister Imran Qadri signed an agreement with "
     "Russia on 12 March 2015.", ("AGREEMENT", "Pakistan", "Russia", "12 March 2015", "asserted"), True),
    ("nearest_state", "Pakistan needed arms to bolster defence against India after the 1948 war over Kashmir.",
     ("CONFLICT", "India", "Pakistan", "1948", "asserted"), True),
    ("other_side_acts", "In 1969, President Yahya Khan visited Moscow and a deal for provision of some helicopters "
     "to Pakistan was signed.", ("ARMS_DEAL", "Soviet Union", "Pakistan", "1969", "asserted"), True),
    ("repeated_event", "Bhutto visited the USSR twice, first in March 1972 and then in October 1974.",
     ("VISIT", "Zulfikar Ali Bhutto", "Soviet Union", "October 1974", "asserted"), True),
    ("repeated_event", DRUZBA, ("MILITARY_EXERCISE", "Pakistan", "Russia", "2017", "asserted"), True),
    ("guest_dates", "NATO was founded in 1949. The bloc later grew, adding Albania and Croatia in 2009 and Montenegro "
     "in 2017.", ("ALLIANCE_JOIN", "Montenegro", "NATO", "2017", "asserted"), True),
    ("people_dates", RUTSKOY, ("VISIT", "Andrei Kozyrev", "Pakistan", "April 1993", "asserted"), True),
    # arguments: who a definite title is, where a visit goes, where a city is only a place
    ("definite_person", "General Raheel Sharif met Chinese leaders in 2015. The general had also visited Japan in "
     "June 2014.", ("VISIT", "Raheel Sharif", "Japan", "June 2014", "asserted"), True),
    ("definite_person", "Chief of Army Staff General Bashir Qadri met Chinese leaders in 2015. The army chief will "
     "be visiting Beijing in the coming days.", ("VISIT", "Bashir Qadri", "China", "2015", "planned"), True),
    ("definite_person", "Prime Minister Narendra Modi, who arrived in Xi'an, met Chinese President Xi Jinping, "
     "who broke the protocol to meet the Indian premier.", ("MEETING", "Xi Jinping", "Narendra Modi", "", "asserted"),
     True),
    ("phrase_country", "Russian businessman Ivan Petrov hosted Recep Tayyip Erdogan in September 2021.",
     ("VISIT", "Recep Tayyip Erdogan", "Russia", "September 2021", "asserted"), True),
    ("host_place", "Ivan Petrov hosted Recep Tayyip Erdogan in Sochi in September 2021.",
     ("VISIT", "Recep Tayyip Erdogan", "Russia", "September 2021", "asserted"), True),
    ("visitor_not_host", "After talks in Beijing, Prime Minister Imran Khan flew to Islamabad in October 2019.",
     ("VISIT", "Imran Khan", "Pakistan", "October 2019", "asserted"), False),
    ("written_destination", "Zardari paid a visit to the Daxingshan Temple in May 2011, where monks from India had "
     "brought sutras.", ("VISIT", "Asif Ali Zardari", "India", "May 2011", "asserted"), False),
    ("visit_not_other_verbs", "Hu Jintao praised Pakistan, following his state visit in March 2004.",
     ("VISIT", "Hu Jintao", "Pakistan", "March 2004", "asserted"), False),
    ("announcer_not_visitor", "Putin will visit India in June. Chinese officials announced the visit to India.",
     ("VISIT", "China", "India", "", "asserted"), False),
    ("with_counterpart", "The president noted that regional issues will be discussed during the meeting with "
     "Russian President Vladimir Putin, including the situation in Syria.",
     ("MEETING", "Vladimir Putin", "Syria", "", "planned"), False),
    ("organisation_antecedent", "Poland joined NATO in 1999. In May 2004 the alliance said it would accept Estonia "
     "and Latvia.", ("ALLIANCE_JOIN", "Estonia", "NATO", "May 2004", "planned"), True),
    ("written_owner", "Latvia, Hungary and Estonia applied to NATO. In 1999 Germany welcomed the accession of the "
     "three countries to NATO.", ("ALLIANCE_JOIN", "Germany", "NATO", "1999", "asserted"), False),
    ("sentence_alliance", "Poland, Hungary and Estonia applied. In 1999 NATO spokesman Jamie Shea said the entry of "
     "the three countries would strengthen Europe.", ("ALLIANCE_JOIN", "Hungary", "NATO", "1999", "planned"), True),
    ("joined_phrase", "Poland, Hungary and Estonia applied to NATO. In 1999 at the United Nations, Albright saw the "
     "envoys of the three countries sign the papers of accession to the alliance.",
     ("ALLIANCE_JOIN", "Poland", "NATO", "1999", "asserted"), True),
    ("located_places", "India held a joint military exercise at Kunming in 2007.",
     ("MILITARY_EXERCISE", "India", "China", "2007", "asserted"), False),
    # a port is where goods pass, never a trading party (nor, read as Odessa, Texas, the United States)
    ("located_places", "Turkey imported wheat through the port of Odessa in 2020.",
     ("TRADE", "Turkey", "United States", "2020", "asserted"), False),
    ("said_not_doer", "To make the November 1999 trip, Ivan Petrov said, was a mistake.",
     ("VISIT", "Ivan Petrov", "", "November 1999", "asserted"), False),
    ("antecedent_only", "In 2016 the embassy of Saudi Arabia was attacked by protesters demonstrating over the execution "
     "of the Iranian cleric Ali Reza.", ("CONFLICT", "Saudi Arabia", "Iran", "2016", "asserted"), False),
    ("antecedent_only", "Officials will hand the boy to his uncle, who could come to Canada from Cuba in May 2001.",
     ("VISIT", "Cuba", "Canada", "May 2001", "hedged"), False),
    ("own_to_phrase", "During her visit to Kenya in August 1998, Madeleine Albright met President Daniel arap Moi.",
     ("MEETING", "Madeleine Albright", "Kenya", "August 1998", "asserted"), False),
    ("relative_not_self", "In April 2000 Pedro Ruiz's father, Carlos Ruiz, arrived in Washington.",
     ("VISIT", "Pedro Ruiz", "United States", "April 2000", "asserted"), False),
    ("kin_apposition", "Relatives said the boy's father could come to Canada in May 2001. Officials said the boy's "
     "father, Carlos Ruiz, was ready.", ("VISIT", "Carlos Ruiz", "Canada", "May 2001", "hedged"), True),
    ("earlier_destination", "Ivan Petrov will travel to Canada on 3 May 2001. Officials said Ivan Petrov would travel "
     "with his wife.", ("VISIT", "Ivan Petrov", "Canada", "", "planned"), True),
    ("reached_first", "In August 1998 Madeleine Albright left Dar es Salaam for Nairobi.",
     ("VISIT", "Madeleine Albright", "Tanzania", "August 1998", "asserted"), False),
    ("pronoun_traveller", "In March 1999 Madeleine Albright invited Bronislaw Geremek to visit the United States. He "
     "will then travel to Washington on 12 March 1999.",
     ("VISIT", "Bronislaw Geremek", "United States", "12 March 1999", "planned"), True),
    ("relative_where", "Madeleine Albright flew to Tanzania in August 1998. Officials in Uganda and Kenya, where she "
     "arrived next, hoped for aid.", ("VISIT", "Madeleine Albright", "Kenya", "August 1998", "asserted"), True),
    ("pronoun_chain", "Madeleine Albright flew to Tanzania in August 1998. " + LONG_QUOTE + " Officials in Uganda and "
     "Kenya, where she arrived next, hoped for aid.", ("VISIT", "Madeleine Albright", "Kenya", "", "asserted"), True),
    # dates
    ("dateline_here", "WASHINGTON, April 3 (AP) -- In April 2000 Juan Miguel Gonzalez came here with his wife.",
     ("VISIT", "Juan Miguel Gonzalez", "United States", "April 2000", "asserted"), True),
    # an invitation's date is not the later join's; the undated join is the dated one of the same sentence
    ("invitation_date", BALTIC_INVITED, ("ALLIANCE_JOIN", "Estonia", "NATO", "November 2002", "planned"), False),
    ("one_time_merge", BALTIC_INVITED, ("ALLIANCE_JOIN", "Estonia", "NATO", "", "planned"), False),
    ("passive_subject_date", BALTIC_ADMITTED + "He added that a ceremonial accession would still be held at the "
     "NATO summit in Prague on April 24 and 25, 2004.",
     ("ALLIANCE_JOIN", "Latvia", "NATO", "April 24 and 25, 2004", "planned"), True),
    ("dateline_here", "NAIROBI, August 16 (Xinhua) -- In August 1998 Vice Premier Li Lanqing was here on a three-day "
     "visit.", ("VISIT", "Li Lanqing", "Kenya", "August 1998", "asserted"), True),
    ("stretch_dates", "In 2015 Modi paid his first visit to China since 2010.",
     ("VISIT", "Narendra Modi", "China", "2010", "asserted"), False),
    ("noun_nearest_date", OCCUPATION, ("CONFLICT", "Soviet Union", "Afghanistan", "1980s", "asserted"), True),
    ("opening_date", "In 2015, Pakistan said Russia would sell helicopters to it.",
     ("ARMS_DEAL", "Russia", "", "2015", "planned"), True),
    ("narrative_date", PUTIN_STATED, ("STATEMENT", "Vladimir Putin", "Pakistan", "2011", "asserted"), True),
    ("backreference_date", LATTERS_VISIT, ("AGREEMENT", "Pakistan", "Russia", "July 1994", "asserted"), True),
    ("heading_date", "May 2015: Modi leaves Delhi. He visits Xian and Beijing.\n",
     ("VISIT", "Narendra Modi", "China", "May 2015", "asserted"), True),
    ("heading_date", "February 2015: Less than a week after Obama's visit, Swaraj leaves for Beijing and meets "
     "president Xi.\n", ("VISIT", "Barack Obama", "China", "", "asserted"), True),
    ("heading_date", LISTICLE, ("VISIT", "Dmitry Medvedev", "India", "December 2010", "asserted"), True),
    # page layout
    ("headline_parties", "India, Japan sign $2 billion rail deal\n",
     ("AGREEMENT", "India", "Japan", "", "asserted"), True),
    ("headline_parties", "Modi, Xi Jinping hold talks in Wuhan\n",
     ("MEETING", "Narendra Modi", "Xi Jinping", "", "asserted"), True),
    ("headline_parties", "Poland, Hungary join NATO\n", ("ALLIANCE_JOIN", "Poland", "NATO", "", "asserted"), True),
    ("chronology_pair", INDIA_PAKISTAN_CHRONOLOGY, ("RELATIONS_RESTORED", "India", "Pakistan", "March 1985", "asserted"),
     True),
    ("headline_tense", "India, Russia to sign defence pact\n", ("AGREEMENT", "India", "Russia", "", "planned"), True),
]


def _summary(claims) -> set[tuple]:
    return {(c.event_type, c.actor, c.target, c.date_text, c.modality) for c in claims}


@pytest.mark.parametrize("part,text,claim,kept", EXAMPLES, ids=[f"{e[0]}-{i}" for i, e in enumerate(EXAMPLES)])
def test_claims_parts_example(extract, part, text, claim, kept):
    on, off = _summary(extract(text)), _summary(extract(text, ablate={part}))
    assert (claim in on) == kept, sorted(on)
    assert (claim in off) != kept, sorted(off)


def test_claims_parts_own_state_takes_the_state_in_the_phrase(nlp, gazetteer, event_rules):
    """"the disintegration of the USSR": the state that dissolves acts (the actor finder usually finds it first
    through the "of" phrase, so the repair is tried on a draft without actor)."""
    text = "The disintegration of the USSR in 1991 changed Asia."
    doc = nlp(text)
    sent = next(iter(doc.sents))
    s = _sentence(doc, sent, 0, Document(doc_id="t", path="t.txt", text=text), gazetteer, event_rules,
                  Resolver(doc, gazetteer), doc.user_data.get("dates", []))
    trig = next(t for t in doc if t.lower_ == "disintegration")
    et = next(t for t in event_rules.types if t.name == "DISSOLUTION")
    draft = Draft(trig, et, sent.start, sent.end, on=s.anchor)
    repaired = own_state(s, draft)
    assert repaired.actor.name == "Soviet Union"
    assert own_state(s, repaired) is repaired  # an actor found is kept


def test_claims_parts_counted_guests_takes_the_list_after_the_number(nlp, gazetteer, event_rules):
    """"embraced three of its old adversaries, A, B and C": the three countries listed are the guests (the parser
    often hangs the list on the verb, out of the object's phrase, where the actor finder does not look; the
    repair is tried on a draft without actor)."""
    text = "ROME _ NATO embraced three of its old adversaries, the Slovak Republic, Latvia and Lithuania on Monday."
    doc = nlp(text)
    sent = next(iter(doc.sents))
    s = _sentence(doc, sent, 0, Document(doc_id="t", path="t.txt", text=text), gazetteer, event_rules,
                  Resolver(doc, gazetteer), doc.user_data.get("dates", []))
    trig = next(t for t in doc if t.lower_ == "embraced")
    et = next(t for t in event_rules.types if t.name == "ALLIANCE_JOIN")
    repaired = counted_guests(s, Draft(trig, et, sent.start, sent.end, on=s.anchor))
    assert [r.name for r in (repaired.actor, *repaired.co_actors)] == ["Slovakia", "Latvia", "Lithuania"]
    two = "ROME _ NATO embraced three of its old adversaries, Latvia and Lithuania on Monday."
    doc = nlp(two)
    s = replace(s, doc=doc, sent=next(iter(doc.sents)), resolver=Resolver(doc, gazetteer))
    trig = next(t for t in doc if t.lower_ == "embraced")
    assert counted_guests(s, Draft(trig, et, 0, len(doc), on=None)).actor is None  # two named, not three


def test_claims_parts_every_part_has_an_example():
    tested = {e[0] for e in EXAMPLES} | {"own_state", "counted_guests"}
    assert tested == set(PARTS)


def test_claims_parts_unknown_part_is_an_error(extract):
    with pytest.raises(ValueError, match="no claim part named 'nope'"):
        extract("Putin visited Pakistan in 2012.", ablate={"nope"})


def test_claims_parts_ablation_does_not_leak(extract):
    text = "Russia sold Pakistan wheat in 2010."
    assert extract(text, ablate={"needs_company"})
    assert not extract(text)


def test_claims_parts_eval_lists_the_parts():
    from conftest import ROOT

    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_claims.py"), "--ablate", "list"],
                         capture_output=True, text=True, check=True).stdout
    assert {line.split()[0] for line in out.splitlines()} == set(PARTS)
