"""The rule file's on-disk layout (format 2): a row once, per scenario only what differs.

The layout is a serialization of the flat rules, so the tests hold it to that: every corpus
document's rules come back equal, format 1 files (a flat `rules` list, as old revisions and
published API copies have them) are still read, and a malformed record is one clear error.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compiler.emit.rules import emit_rules, rule_file, rules_schema
from compiler.errors import InputError
from compiler.model.jsonstyle import dumps, split_lines
from compiler.model.rulefile import RuleFile, own_columns
from compiler.project.pipeline import compile_file
from compiler.project.sources import parse_rule_file
from tests.conftest import CORPUS, ROOT

DOCUMENTS = sorted(p for p in CORPUS.rglob("*.md") if p.name not in {"README.md", "NOTICE.md"})
REFERENCE = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(CORPUS).as_posix())
def test_every_corpus_rule_file_reads_back_to_the_same_rules(path: Path) -> None:
    import jsonschema

    rf = rule_file(compile_file(path))
    written = emit_rules(rf)
    back = RuleFile.model_validate_json(written)
    assert back.rules == rf.rules
    assert back == rf
    assert emit_rules(back) == written
    jsonschema.Draft202012Validator(json.loads(rules_schema())).validate(json.loads(written))


def _format_1(rf: RuleFile) -> str:
    """The file as format 1.1 wrote it: one record per rule, every field, lines in `lines`."""
    data = rf.model_dump(mode="json")
    data.pop("rows")
    data.pop("columns")
    data.pop("lines")
    data["format_version"] = "1.1"
    data["rules"] = [r.model_dump(mode="json") for r in rf.rules]
    data["scenarios"] = [s.model_dump(mode="json") for s in rf.scenarios]
    data["sections"] = [s.model_dump(mode="json") for s in rf.sections]
    return dumps(split_lines(data))


def test_format_1_rule_files_are_still_read() -> None:
    rf = rule_file(compile_file(REFERENCE))
    old = _format_1(rf)
    assert '"rules": [' in old
    back = parse_rule_file(old, "old.json")
    assert back.rules == rf.rules
    assert back.sections == rf.sections


def test_the_reference_rule_file_is_at_most_three_times_its_source() -> None:
    rf = rule_file(compile_file(REFERENCE))
    written = emit_rules(rf).encode("utf-8")
    assert len(written) <= 3 * len(REFERENCE.read_bytes())
    # ... and a third of the flat layout's bytes: the same information, without repetition.
    assert len(written) * 3 <= len(_format_1(rf).encode("utf-8"))


def test_a_scenario_that_says_nothing_keeps_no_column() -> None:
    """A row silent for one scenario (an empty cell under that scenario's column) has no
    `column` there, while its own column is the file's default: the layout writes null."""
    rf = rule_file(compile_file(CORPUS / "hyper-v-azure-revisions" / "2017-12-31__6c54fd07.md"))
    own = own_columns(rf.rules)
    silent = [r for r in rf.rules if r.column is None and r.scenario in own]
    assert silent
    written = json.loads(emit_rules(rf))
    assert any(
        None in (v.get("column", "") for v in r.get("except", {}).values()) for r in written["rows"]
    )
    back = RuleFile.model_validate_json(emit_rules(rf))
    assert {r.id: r.column for r in back.rules} == {r.id: r.column for r in rf.rules}


def test_a_column_shared_by_scenarios_and_a_scenario_in_its_own_column_in_one_row() -> None:
    """A row whose first scenario reads a column two scenarios share ("Both", owned by none)
    and whose other reads its own column: the other's column is written, not left to default."""
    rf = rule_file(compile_file(REFERENCE))
    ipv6 = "hyper-v-network-configuration/guest-vm-network-ipv6"
    https = "hyper-v-network-configuration/https-proxy"
    first, second = (r for r in rf.rules if r.row == ipv6)
    rules = [
        r.model_copy(update={"column": "Both"})
        if r is first or (r.row == https and r.scenario == second.scenario)
        else r
        for r in rf.rules
    ]
    edited = rf.model_copy(update={"rules": tuple(rules)})
    assert own_columns(edited.rules)[second.scenario] == second.column
    back = RuleFile.model_validate_json(emit_rules(edited))
    assert back.rules == edited.rules


def _broken(edit: str) -> str:
    rf = rule_file(compile_file(REFERENCE))
    data = json.loads(emit_rules(rf))
    row = next(r for r in data["rows"] if r["row"].endswith("/bitlocker"))
    if edit == "typo":
        row["verdict"]["stauts"] = row["verdict"].pop("status")
    elif edit == "stray-scenario":
        row["except"] = {"hyper-v-on-mars": {"status": "supported"}}
    elif edit == "no-verdict":
        del row["verdict"]
    return json.dumps(data)


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        ("typo", "unknown field(s) 'stauts'"),
        ("stray-scenario", "names a scenario the row does not list"),
        ("no-verdict", "expected an object of verdict fields"),
    ],
)
def test_a_malformed_row_record_is_one_error_naming_it(edit: str, says: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_rule_file(_broken(edit), "edited.json")
    message = str(caught.value)
    assert "edited.json" in message
    assert "not a matrixc rule file" in message
    assert says in message
    assert "rows." in message


def test_an_integer_past_pythons_digit_limit_is_named_as_one() -> None:
    """It read "JSON nested too deeply", which it is not."""
    with pytest.raises(InputError) as caught:
        parse_rule_file('{"format_version": ' + "1" * 10_000 + "}", "huge.json")
    assert str(caught.value) == (
        "huge.json: not a matrixc rule file: an integer of 10000 digits (at most 4300 digits)"
    )


@pytest.mark.parametrize(
    ("edit", "says"),
    [
        ("orphan-section", "row 'azure-vm-requirements/bitlocker' names section 'zzz'"),
        ("no-sections", "names section 'supported-scenarios', which `sections` lacks"),
    ],
)
def test_a_rule_of_a_section_the_file_does_not_list_is_refused_where_it_is_read(
    edit: str, says: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The diff placed each rule by its section's place in `sections`: a hand-edited file whose
    row names another section was read, then `diff`, `history` and the site's build ended in a
    KeyError traceback."""
    from compiler.cli.main import main

    rf = rule_file(compile_file(REFERENCE))
    good = emit_rules(rf)
    data = json.loads(good)
    if edit == "orphan-section":
        next(r for r in data["rows"] if r["row"].endswith("/bitlocker"))["section"] = "zzz"
    else:
        data["sections"], data["lines"]["sections"] = [], []
    with pytest.raises(InputError) as caught:
        parse_rule_file(json.dumps(data), "edited.json")
    assert says in str(caught.value)
    (tmp_path / "old.json").write_text(good, encoding="utf-8")
    (tmp_path / "new.json").write_text(json.dumps(data), encoding="utf-8")
    assert main(["diff", str(tmp_path / "old.json"), str(tmp_path / "new.json")]) == 2
    err = capsys.readouterr().err
    assert "new.json: not a matrixc rule file: " in err
    assert says in err
    assert err.count("\n") == 1, err  # one line, no traceback


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        'quote " and \\ and \n',
        "Ünïcode — ✓ ❌",
        {"b": 1, "a": [1.5, float("inf"), float("nan"), None, True], "é": {"z": "x", "c": ()}},
        [{"status": "supported", "text": "Yes, up to 32 TB"}, 10**20, -0.0],
        {},
        [],
    ],
)
def test_the_one_line_encoder_writes_what_the_json_module_writes(value: object) -> None:
    from compiler.model.jsonstyle import encode

    expected = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))
    assert encode(value) == expected


def test_row_records_are_made_in_key_order() -> None:
    """The rule file encodes its row records without sorting keys (`encode_ordered`): every
    dict in them must be made in key order, or the file's text would change."""
    from compiler.model.jsonstyle import encode, encode_ordered
    from compiler.model.rulefile import row_records

    sources = [*DOCUMENTS, *sorted((ROOT / "source_docs").glob("*.md"))]
    for path in sources:
        rf = rule_file(compile_file(path))
        ids = tuple(s.id for s in rf.scenarios)
        records, _ = row_records(rf.rules, ids, own_columns(rf.rules))
        for record in records:
            assert encode_ordered(record) == encode(record), (path.name, record["row"])
