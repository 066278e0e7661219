"""The rule set: packs layered, one YAML loader, every file checked before any article is read."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import RuleError
from pipeline.ruleset import RULE_FILES, Pack, load_rules, merge, read_yaml, resolve, shipped_packs, shipped_root


def _pack(tmp_path: Path, files: dict[str, str], name: str = "mine") -> Path:
    folder = tmp_path / name
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def test_ruleset_shipped_packs_in_order():
    assert [p.name for p in shipped_packs()] == ["en", "world", "domains/pakistan-russia"]
    assert [p.name for p in shipped_packs(domains=False)] == ["en", "world"]


def test_ruleset_every_shipped_file_has_a_loader():
    root = shipped_root()
    for pack in shipped_packs():
        for path in pack.path.rglob("*"):
            if path.is_file() and path.name not in ("README.md", "__init__.py") and "__pycache__" not in path.parts:
                assert path.relative_to(pack.path).as_posix() in RULE_FILES, path
    assert not [p for p in root.iterdir() if p.is_file() and p.suffix in (".yaml", ".tsv", ".jsonl")]


@pytest.mark.parametrize("word", ["no", "No", "on", "off", "yes", "y", "n", "2012-05-07"])
def test_ruleset_yaml_strings_stay_strings(tmp_path, word):
    path = _pack(tmp_path, {"a.yaml": f"# format: YAML\ncues: [{word}]\n"}) / "a.yaml"
    assert read_yaml(path) == {"cues": [word]}


def test_ruleset_yaml_true_false_are_booleans(tmp_path):
    path = _pack(tmp_path, {"a.yaml": "# format: YAML\na: true\nb: false\n"}) / "a.yaml"
    assert read_yaml(path) == {"a": True, "b": False}


def test_ruleset_yaml_duplicate_key_names_file_and_line(tmp_path):
    path = _pack(tmp_path, {"a.yaml": "# format: YAML\na: 1\nb: 2\na: 3\n"}) / "a.yaml"
    with pytest.raises(RuleError, match=r"a\.yaml:4: invalid YAML \(duplicate key 'a'\)"):
        read_yaml(path)


@pytest.mark.parametrize("lower, upper, expected", [
    ({"a": [1, 2]}, {"a": [3]}, {"a": [1, 2, 3]}),
    ({"a": {"x": 1, "y": 2}}, {"a": {"y": 3}}, {"a": {"x": 1, "y": 3}}),
    ({"a": 1}, {"b": 2}, {"a": 1, "b": 2}),
    ({"p": [{"name": "A", "v": 1}, {"name": "B"}]}, {"p": [{"name": "A", "v": 2}, {"name": "C"}]},
     {"p": [{"name": "A", "v": 2}, {"name": "B"}, {"name": "C"}]}),
    ({"a": "x"}, {"a": "y"}, {"a": "y"}),
])
def test_ruleset_merge_extends_or_overrides(lower, upper, expected):
    assert merge(lower, upper) == expected


def test_ruleset_user_pack_on_top_inherits_missing_files(tmp_path):
    folder = _pack(tmp_path, {"quantities.tsv": "# format: TSV kind word value\nscale\tgazillion\t1000000000000000\n"})
    rules = load_rules([folder])
    assert [p.name for p in rules.packs][-1] == str(folder)
    rows = rules.tsv("quantities.tsv", 3)
    assert rows[-1].fields == ("scale", "gazillion", "1000000000000000")
    assert any(r.fields[:2] == ("currency", "$") for r in rows)  # the world pack's rows are kept
    assert rules.paths("events.yaml") == (shipped_root() / "en" / "events.yaml",)


@pytest.mark.parametrize("files, message", [
    ({"notes.txt": "hello"}, r"notes\.txt: no loader reads a rule file called 'notes\.txt'"),
    ({"dates/months.csv": "# format: x\n"}, r"months\.csv: no loader reads"),
    ({"events.yaml": "# format: YAML\nevent_types: [\n"}, r"events\.yaml:\d+: invalid YAML"),
    ({"events.yaml": "event_types: {}\n"}, r"events\.yaml:1: a rule file starts with a header"),
    ({"quantities.tsv": "scale\tx\t1\n"}, r"quantities\.tsv:1: a rule file starts with a header"),
])
def test_ruleset_bad_pack_is_one_error_naming_the_file(tmp_path, files, message):
    with pytest.raises(RuleError, match=message):
        load_rules([_pack(tmp_path, files)])


def test_ruleset_missing_folder(tmp_path):
    with pytest.raises(RuleError, match="rules folder not found"):
        load_rules([tmp_path / "nope"])


def test_ruleset_reloads_an_edited_pack(tmp_path):
    folder = _pack(tmp_path, {"quantities.tsv": "# format: TSV\nscale\tgazillion\t10\n"})
    assert load_rules([folder]).tsv("quantities.tsv", 3)[-1].fields[2] == "10"
    (folder / "quantities.tsv").write_text("# format: TSV\nscale\tgazillion\t200\n", encoding="utf-8")
    assert load_rules([folder]).tsv("quantities.tsv", 3)[-1].fields[2] == "200"


def test_ruleset_built_once_per_rule_set():
    rules = resolve(None)
    calls = []
    assert rules.built("test-thing", lambda r: calls.append(1) or "x") == "x"
    assert rules.built("test-thing", lambda r: calls.append(1) or "y") == "x"
    assert calls == [1]
    assert resolve(None) is rules and resolve(rules) is rules


def test_ruleset_digest_covers_every_pack(tmp_path):
    base = load_rules()
    folder = _pack(tmp_path, {"quantities.tsv": "# format: TSV\nscale\tgazillion\t10\n"})
    assert load_rules([folder]).digest() != base.digest()
    assert load_rules(domains=False).digest() != base.digest()
    assert load_rules().digest() == base.digest()


def test_ruleset_tsv_rows_name_their_pack_file(tmp_path):
    folder = _pack(tmp_path, {"quantities.tsv": "# format: TSV\nscale\tgazillion\n"})
    with pytest.raises(RuleError, match=r"mine/quantities\.tsv:2: expected 3 tab-separated columns, got 2"):
        load_rules([folder]).tsv("quantities.tsv", 3)


def test_ruleset_pack_is_a_value():
    assert Pack("en", Path("/x")) == Pack("en", Path("/x"))
