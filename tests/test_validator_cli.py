"""`matrixc validate` and `matrixc schema input`: formats, inventories, exit codes, bad input."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from compiler.cli.main import main

from .conftest import REFERENCE

MATRIX = "hyper-v-azure-support-matrix"
BAD = {
    "scenario": "Hyper-V with VMM",
    "facts": {"Data disk count": 17, "guest-vm-network-ipv6": True, "VM name": "web_01"},
}
GOOD = {
    "scenario": "Hyper-V without VMM",
    "facts": {"guest-vm-network-ipv6": True, "VM name": "web-01"},
}


def write(folder: Path, name: str, content: object) -> str:
    path = folder / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report_cites_section_row_line_and_anchor(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(project, "bad.json", BAD)
    code, out, _ = run(capsys, "validate", bad, "--matrix", MATRIX)
    assert code == 1
    assert "FAIL bad.json (Hyper-V with Virtual Machine Manager)" in out
    assert "Azure VM requirements › Data disk count" in out
    assert "source_docs/hyper-v-azure-support-matrix.md:173" in out
    assert f"matrices/{MATRIX}/#azure-vm-requirements/data-disk-count" in out
    good = write(project, "good.json", GOOD)
    assert run(capsys, "validate", good, "--matrix", MATRIX)[0] == 0


@pytest.mark.parametrize("matrix", [MATRIX, str(REFERENCE)])
def test_matrix_by_id_or_markdown_path(
    project: Path, capsys: pytest.CaptureFixture[str], matrix: str
) -> None:
    bad = write(project, "bad.json", BAD)
    assert run(capsys, "validate", bad, "--matrix", matrix)[0] == 1


def test_matrix_by_rule_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--no-site", "-q"]) == 0
    capsys.readouterr()
    bad = write(project, "bad.json", BAD)
    rules = str(project / "generated" / "rules" / f"{MATRIX}.json")
    code, out, _ = run(capsys, "validate", bad, "--matrix", rules, "--format", "json")
    assert code == 1
    assert json.loads(out)["summary"]["fail"] == 1


def test_unknown_matrix_suggests(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(project, "bad.json", BAD)
    code, _, err = run(capsys, "validate", bad, "--matrix", "hyper-v-azure-support-matri")
    assert code == 2
    assert f"did you mean {MATRIX}" in err


def test_json_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(project, "bad.json", BAD)
    code, out, _ = run(capsys, "validate", bad, "--matrix", MATRIX, "--format", "json")
    data = json.loads(out)
    assert code == 1
    (result,) = data["results"]
    assert result["ok"] is False
    finding = result["findings"][0]
    assert set(finding) >= {"severity", "row", "section", "message", "source"}
    assert finding["source"]["path"] == "source_docs/hyper-v-azure-support-matrix.md"


def test_sarif_is_valid_against_the_sarif_2_1_0_schema(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from jsonschema import Draft4Validator

    from .sarif_schema import sarif_schema

    schema = sarif_schema()
    bad = write(project, "bad.json", BAD)
    good = write(project, "good.json", GOOD)
    broken = write(project, "broken.jsonl", '{"facts": {"Data disk count": "x"}}\n')
    code, out, _ = run(
        capsys,
        "validate",
        bad,
        good,
        broken,
        "--matrix",
        MATRIX,
        "--format",
        "sarif",
        "--scenario",
        "Hyper-V with VMM",
    )
    assert code == 2
    log = json.loads(out)
    errors = sorted(Draft4Validator(schema).iter_errors(log), key=str)
    assert not errors, errors[0]
    results = log["runs"][0]["results"]
    located = [r for r in results if r["ruleId"] != "matrixc/unusable-configuration"]
    assert len(located) == 3
    for r in located:  # in the configuration; the matrix row is the related location
        assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "bad.json"
        region = r["relatedLocations"][0]["physicalLocation"]
        assert region["artifactLocation"]["uri"] == "source_docs/hyper-v-azure-support-matrix.md"
        assert region["region"]["startLine"] > 1
    lines = REFERENCE.read_text(encoding="utf-8").splitlines()
    count = next(r for r in located if r["ruleId"].endswith("data-disk-count"))
    assert (
        "Data disk count"
        in lines[count["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] - 1]
    )


def test_junit_has_one_test_case_per_configuration(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = write(project, "inv.jsonl", "\n".join(json.dumps(c) for c in (BAD, GOOD, GOOD)))
    code, out, _ = run(capsys, "validate", inventory, "--matrix", MATRIX, "--format", "junit")
    assert code == 1
    root = ET.fromstring(out)
    cases = root.findall(".//testcase")
    assert len(cases) == 3
    assert len(root.findall(".//testcase/failure")) == 1
    assert root.find("testsuite").get("tests") == "3"  # type: ignore[union-attr]


CSV_HEADER = "name,scenario,Data disk count,guest-vm-network-ipv6,VM name,Data disk VHD size\n"


def test_csv_inventory_with_summary_and_a_broken_row(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = write(
        project,
        "inv.csv",
        CSV_HEADER
        + "web1,Hyper-V with VMM,3,false,web1,1 TB\n"
        + "web2,Hyper-V with VMM,17,true,web_2,40 TB\n"
        + "web3,Hyper-V with VMM,lots,false,web3,1 TB\n"
        + "web4,Hyper-V without VMM,2,yes,web4,\n"
        + "web5,Hyper-V with VMM,2\n",
    )
    code, out, err = run(capsys, "validate", inventory, "--matrix", MATRIX)
    assert code == 2
    assert "PASS web1" in out
    assert "FAIL web2" in out
    assert "PASS web4" in out
    assert "5 configurations: 2 pass, 1 fail, 2 unusable" in out
    assert "most common reasons:" in out
    assert f"{inventory}:4: web3:" in err
    assert "takes count" in err
    assert f"{inventory}:6: web5: row has 3 fields" in err


def test_yaml_configuration(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = write(project, "c.yaml", "scenario: Hyper-V with VMM\nfacts:\n  Https Proxy: true\n")
    assert run(capsys, "validate", config, "--matrix", MATRIX)[0] == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("c.json", "{not json", "c.json:1: not valid JSON"),
        ("c.json", '{"facts": {"Data disk count": NaN}}', "NaN is not a number"),
        ("c.json", '{"facts": {"Data disk count": Infinity}}', "Infinity is not a number"),
        ("c.txt", "scenario = x", "expected JSON, JSON Lines, CSV or YAML"),
        ("c.yaml", "a: [b", "not valid YAML"),
        ("c.csv", "", "empty inventory"),
        ("c.csv", CSV_HEADER, "empty inventory: a header but no rows"),
        ("c.csv", "name,Data disk cont\nx,1\n", "did you mean 'Data disk count'"),
        ("c.jsonl", "\n\n", "empty inventory"),
        ("c.json", "[]", "empty inventory"),
        ("missing.json", None, "no such file"),
    ],
)
def test_unusable_input_exits_2_naming_the_file(
    project: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | None, message: str
) -> None:
    path = write(project, name, content) if content is not None else str(project / name)
    code, _, err = run(
        capsys, "validate", path, "--matrix", MATRIX, "--scenario", "Hyper-V with VMM"
    )
    assert code == 2
    assert message in err
    assert name in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"Data disk count": "many"}, "takes count"),
        ({"Data disk VHD size": "4 XB"}, "unknown unit"),
        ({"Data disk cont": 1}, "did you mean"),
    ],
)
def test_bad_facts_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], facts: dict[str, object], message: str
) -> None:
    path = write(project, "c.json", {"scenario": "Hyper-V with VMM", "facts": facts})
    code, _, err = run(capsys, "validate", path, "--matrix", MATRIX)
    assert code == 2
    assert message in err


def test_unknown_scenario_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(project, "c.json", {"facts": {}})
    code, _, err = run(
        capsys, "validate", path, "--matrix", MATRIX, "--scenario", "Hyper-V wth VMM"
    )
    assert code == 2
    assert "did you mean" in err


def test_schema_input_prints_the_input_schema(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "schema", "input", "--matrix", MATRIX)
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert (
        "hyper-v-network-configuration/guest-vm-network-ipv6"
        in schema["properties"]["facts"]["properties"]
    )


def test_an_unusable_configuration_is_named_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The line says where the configuration is, and its own name only when it has one: the
    stand-in names a place gives ("c.json", "c.json #2", "line 3") repeated the path."""
    one = write(project, "c.json", '{"scenario": "no such scenario"}')
    many = write(
        project, "inv.json", '[{"scenario": "nope"}, {"name": "web-01", "scenario": "nope"}]'
    )
    code, _, err = run(capsys, "validate", one, "--matrix", MATRIX)
    assert code == 2
    assert f"{one}: unknown scenario 'no such scenario'" in err
    code, _, err = run(capsys, "validate", many, "--matrix", MATRIX)
    assert code == 2
    assert f"{many}:item 1: unknown scenario 'nope'" in err
    assert f"{many}:item 2: web-01: unknown scenario 'nope'" in err
