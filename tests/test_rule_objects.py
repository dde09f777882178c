"""`Rule` in memory: a named tuple, validated through `RuleData` where rule files are read.

A large matrix holds hundreds of thousands of rules, so `Rule` is not a pydantic model (its field
dict made each about four times the size); these tests hold it to what the model promised:
immutable, equal and hashable by value (and never equal to a plain tuple), validated where rule
files are read, picklable for the `--jobs` workers, and dumped the same way.
"""

from __future__ import annotations

import json
import pickle
import sys

import pytest

from compiler.emit.rules import emit_rules, rule_file
from compiler.errors import InputError
from compiler.model.rulefile import Rule, RuleData, RuleFile
from compiler.project.pipeline import compile_file
from compiler.project.sources import parse_rule_file
from tests.conftest import ROOT

REFERENCE = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"


@pytest.fixture(scope="module")
def rf() -> RuleFile:
    return rule_file(compile_file(REFERENCE))


def test_a_rule_is_immutable(rf: RuleFile) -> None:
    rule = rf.rules[0]
    with pytest.raises(AttributeError):
        rule.text = "No"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        rule.anything = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        del rule.text


def test_rules_compare_and_hash_by_value(rf: RuleFile) -> None:
    rule = rf.rules[0]
    copy = pickle.loads(pickle.dumps(rule))
    assert copy == rule
    assert hash(copy) == hash(rule)
    assert copy is not rule
    changed = rule.model_copy(update={"text": rule.text + "!"})
    assert changed != rule
    assert changed.text == rule.text + "!"
    assert len(set(rf.rules)) == len(rf.rules)  # every (row, scenario) is one rule
    plain = tuple(rule)
    assert rule != plain
    assert (rule == plain) is False


def test_the_id_is_the_row_and_scenario(rf: RuleFile) -> None:
    for rule in rf.rules:
        assert rule.id == f"{rule.row}@{rule.scenario}"
    moved = rf.rules[0].model_copy(update={"scenario": "elsewhere"})
    assert moved.id == f"{rf.rules[0].row}@elsewhere"


def test_a_rule_dumps_as_the_model_did(rf: RuleFile) -> None:
    rule = next(r for r in rf.rules if r.constraints)
    dumped = rule.model_dump(mode="json")
    assert dumped["id"] == rule.id
    assert dumped["constraints"][0]["kind"] == rule.constraints[0].kind
    assert RuleData.model_validate(dumped).model_dump(mode="json") == dumped
    assert Rule._from_data(RuleData.model_validate(dumped)) == rule


def test_a_rule_file_read_back_validates_its_rules(rf: RuleFile) -> None:
    data = json.loads(emit_rules(rf))
    data["rows"][0]["verdict"]["status"] = "perhaps"
    with pytest.raises(InputError, match=r"rules\.0\.status"):
        parse_rule_file(json.dumps(data), "bad.json")


def test_a_format_1_rule_whose_id_disagrees_with_its_row_is_refused(rf: RuleFile) -> None:
    dumped = rf.rules[0].model_dump(mode="json")
    dumped["id"] = "somewhere/else@" + dumped["scenario"]
    with pytest.raises(ValueError, match="is not '<row>@<scenario>'"):
        RuleData.model_validate(dumped)


def test_a_rule_is_several_times_smaller_than_its_model(rf: RuleFile) -> None:
    rule = rf.rules[0]
    model = rule.data()
    slim = sys.getsizeof(rule)  # its id is derived, not stored
    fat = sys.getsizeof(model) + sys.getsizeof(model.__dict__) + sys.getsizeof(model.id)
    assert slim * 3 < fat
