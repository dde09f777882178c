"""Versions as support matrices list them: per-line floors are alternatives, lists name lines.

A cell's per-line version floors are alternatives: a version passes when any one allows it.

containerd's RELEASES.md (../shared/corpus/beyond/) recommends, for Kubernetes 1.33 (L165),
"2.1.0+, 2.0.4+, 1.7.24+, 1.6.36+": the newest line open-ended, each older one from its floor to
the end of its own line. Before, the validator checked the newest floor alone and rejected every
listed 2.0, 1.7 and 1.6 release; the bounds below are read off that row. A list of versions
("v1.0 (w/ cri-containerd) | 1.7, 1.8, 1.9", L174) names release lines: a cluster at 1.8.4 is on
1.8; before, only the exact spelling "1.8" passed.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from compiler.cli.validate import load_validator
from compiler.emit.rules import rule_file
from compiler.model.rulefile import RuleFile
from compiler.project.pipeline import compile_file, compile_text

from .conftest import CORPUS

CONTAINERD = CORPUS / "beyond" / "containerd-releases.md"
ROW = "kubernetes-support/133"
LISTED = "2.1.0+, 2.0.4+, 1.7.24+, 1.6.36+"


@pytest.fixture(scope="module")
def rules() -> RuleFile:
    return rule_file(compile_file(CONTAINERD))


@pytest.fixture(scope="module")
def module(rules: RuleFile) -> Any:
    return load_validator(rules)


@pytest.fixture(scope="module")
def scenario(rules: RuleFile) -> str:
    # The Kubernetes table has no scenario column: its rows hold in every scenario (the
    # platforms of the document's "Platform Support" table); the first will do.
    return rules.scenarios[0].id


@pytest.mark.parametrize(
    ("version", "ok"),
    [
        ("2.1.0", True),  # the newest floor, open-ended
        ("2.3.1", True),
        ("2.0.4", True),  # the 2.0 line from 2.0.4
        ("2.0.9", True),
        ("2.0.3", False),
        ("1.7.24", True),
        ("1.7.30", True),
        ("1.7.23", False),
        ("1.6.36", True),
        ("1.6.2", False),
        ("1.5.0", False),  # a line the row does not list
    ],
)
def test_any_listed_line_is_enough(module: Any, scenario: str, version: str, ok: bool) -> None:
    report = module.validate({"scenario": scenario, "facts": {ROW: version}})
    assert report.ok is ok
    assert [(f.severity, f.message) for f in report.findings] == (
        []
        if ok
        else [("error", f"1.33: version {version} is in none of the supported versions: {LISTED}")]
    )


def test_a_single_floor_is_still_a_floor(module: Any, scenario: str) -> None:
    # "| v1.4 | 1.19+ |" (L178): one floor, no alternatives.
    row = "kubernetes-support/v14"  # the deprecated versions table, under the same heading
    assert module.validate({"scenario": scenario, "facts": {row: "1.19.3"}}).ok
    report = module.validate({"scenario": scenario, "facts": {row: "1.18"}})
    assert [f.message for f in report.findings] == [
        "v1.4: version 1.18 is too old: needs at least 1.19 ('1.19+')"
    ]


def test_a_csv_inventory_reads_the_same(module: Any, scenario: str, tmp_path: Path) -> None:
    versions = ["2.0.5", "2.0.3", "1.7.30", "1.5.0", "2.2.1"]
    path = tmp_path / "nodes.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "scenario", ROW])
        writer.writerows([f"node{i}", scenario, v] for i, v in enumerate(versions))
    out, err = io.StringIO(), io.StringIO()
    assert module.run([str(path)], fmt="json", out=out, err=err) == 1, err.getvalue()
    results = json.loads(out.getvalue())["results"]
    assert [r["ok"] for r in results] == [True, False, True, False, True]
    assert [f["message"] for r in results for f in r["findings"]] == [
        f"1.33: version {v} is in none of the supported versions: {LISTED}"
        for v in ("2.0.3", "1.5.0")
    ]


def test_the_site_shows_the_alternatives_as_one_limit() -> None:
    from compiler.site.render import _limits

    matrix = compile_file(CONTAINERD)
    row = next(r for s in matrix.sections for t in s.tables for r in t.rows if r.key == "1.33")
    assert _limits(row.cells[1]) == (
        '<ul class="mx-limits" aria-label="Limits">'
        f'<li title="{LISTED}" data-kind="any_of">any of: {LISTED}</li></ul>'
    )


V10 = "kubernetes-support/v10-w-cri-containerd"


@pytest.mark.parametrize(
    ("version", "ok"),
    [
        ("1.8", True),
        ("1.8.4", True),  # a build of a listed line
        ("v1.9.11", True),
        ("1.07.2", True),  # leading zeros are no part of a number
        ("1.10", False),  # not the 1.1 line, and not listed
        ("1.80", False),
        ("1.6.2", False),
        ("1", False),
    ],
)
def test_a_list_of_versions_names_release_lines(
    module: Any, scenario: str, version: str, ok: bool
) -> None:
    report = module.validate({"scenario": scenario, "facts": {V10: version}})
    assert report.ok is ok
    assert [f.message for f in report.findings] == (
        [] if ok else [f"v1.0 (w/ cri-containerd): {version!r} is not one of: 1.7, 1.8, 1.9"]
    )


def test_the_input_schema_admits_the_same_builds(rules: RuleFile, scenario: str) -> None:
    from jsonschema import Draft202012Validator

    from compiler.emit.input_schema import input_schema

    schema = Draft202012Validator(input_schema(rules))
    valid = {
        v: schema.is_valid({"scenario": scenario, "facts": {V10: v}})
        for v in ("1.8", "1.8.4", "v1.9.11", "1.10", "1.80", "1.6.2")
    }
    assert valid == {
        "1.8": True, "1.8.4": True, "v1.9.11": True, "1.10": False, "1.80": False, "1.6.2": False
    }  # fmt: skip


# --- a cell read whole: its version ranges are what it allows ----------------------------------

# The OpenTelemetry Operator's compatibility matrix (docs/compatibility.md; outside the corpus),
# cut to rows that show each cell: a range, "n/a", a row whose last pipe is missing.
OTEL = """# OpenTelemetry Operator

## Compatibility matrix

| OpenTelemetry Operator | Kubernetes           | Cert-Manager         |
|------------------------|----------------------|----------------------|
| v0.42.0 (unreleased)   | v1.21 to v1.23       | 1.6.1
| v0.41.0                | v1.21 to v1.23       | 1.6.1                |
| v0.32.0 (skipped)      | n/a                  | n/a                  |
| v0.31.0                | v1.19 to v1.21       | v1.4.0 to v1.5.4     |
"""


def _rules(text: str) -> RuleFile:
    """The rule file of a document given as text (an excerpt of a real one)."""
    return rule_file(compile_text(text, text.encode(), "excerpt.md"))


@pytest.fixture(scope="module")
def otel() -> Any:
    return load_validator(_rules(OTEL))


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("1.21", None),
        ("1.23.9", None),  # the ceiling covers its release line
        ("v1.22.3", None),
        ("1.24", "v0.41.0: version 1.24 is too new: needs at most 1.23 ('v1.21 to v1.23')"),
        ("1.20.1", "v0.41.0: version 1.20.1 is too old: needs at least 1.21 ('v1.21 to v1.23')"),
    ],
)
def test_a_range_that_is_the_whole_cell_is_checked(
    otel: Any, version: str, message: str | None
) -> None:
    # Before, a range was never checked: "no checkable rule for this value".
    row = "compatibility-matrix/v0410"
    report = otel.validate({"scenario": "all", "facts": {row: version}})
    assert [(f.severity, f.message) for f in report.findings] == (
        [("error", message)] if message else []
    )


def test_a_range_beside_text_left_unread_stays_unchecked() -> None:
    # VMware's "Linux Red Hat Enterprise" cell (corpus/matrices/, L96): "5.2 to 5.11", "6.1 to
    # 6.10" and then lines of releases ("7.0, 7.1, …") the reader left as text: 7.5 is listed,
    # so the two ranges are not all the cell allows, and no version is rejected by them.
    rf = rule_file(compile_file(CORPUS / "matrices" / "vmware-physical-azure-support-matrix.md"))
    module = load_validator(rf)
    row = "for-linux/linux-red-hat-enterprise"
    rule = next(r for r in rf.rules if r.row == row)
    assert [c.text for c in rule.constraints] == ["5.2 to 5.11", "6.1 to 6.10"]
    assert rule.unparsed is not None
    for version in ("7.5", "6.5", "5.1"):
        report = module.validate({"scenario": rule.scenario, "facts": {row: version}})
        assert report.ok
        assert [f.severity for f in report.findings] == ["info"]


# --- lines said so: "18.x, 20.x, 22.x" ------------------------------------------------------

# A runtime-support table as SDK READMEs write them (AWS SDK for JavaScript's "Node.js 18.x").
NODE = """# SDK

## Runtime support

| SDK release | Supported Node.js versions |
|---|---|
| 3.x | 18.x, 20.x, 22.x |
"""


@pytest.fixture(scope="module")
def node() -> RuleFile:
    return _rules(NODE)


@pytest.mark.parametrize(
    ("version", "ok"),
    [
        ("20.11.1", True),
        ("v22.3.0", True),
        ("18.x", True),  # as listed
        ("021.1", False),
        ("21.1", False),
        ("18", False),  # a bare number is no version a configuration can state
    ],
)
def test_a_line_said_so_admits_its_builds(node: RuleFile, version: str, ok: bool) -> None:
    from jsonschema import Draft202012Validator

    from compiler.emit.input_schema import input_schema

    config = {"scenario": "all", "facts": {"runtime-support/3x": version}}
    assert load_validator(node).validate(config).ok is ok
    assert Draft202012Validator(input_schema(node)).is_valid(config) is ok


def test_the_schema_reads_leading_zeros_as_the_validator_does(
    module: Any, rules: RuleFile, scenario: str
) -> None:
    from jsonschema import Draft202012Validator

    from compiler.emit.input_schema import input_schema

    schema = Draft202012Validator(input_schema(rules))
    for version in ("1.07.2", "01.8", "1.08.1", "1.070"):
        config = {"scenario": scenario, "facts": {V10: version}}
        assert schema.is_valid(config) is module.validate(config).ok, version


# A floor and a range written with the line's wildcard ("1.20.x+"; the reverse-order range of
# Kubernetes tables, "1.36.x - 1.33.x"): the wildcard bounds as the line's first release.
WILDCARDS = """# Clients

## Supported Kubernetes versions

| Client | Kubernetes |
|---|---|
| a | 1.20.x+ |
| b | 1.36.x - 1.33.x |
"""


@pytest.fixture(scope="module")
def wildcards() -> Any:
    return load_validator(_rules(WILDCARDS))


@pytest.mark.parametrize(
    ("row", "version", "ok"),
    [
        ("a", "1.20.0", True),
        ("a", "1.20.9", True),  # compared as text, "9" > "x" failed it
        ("a", "1.20.10", True),
        ("a", "1.19.9", False),
        ("b", "1.33.5", True),
        ("b", "1.36.2", True),
        ("b", "1.37.0", False),
        ("b", "1.32.9", False),
    ],
)
def test_a_bounds_wildcard_is_its_lines_first_release(
    wildcards: Any, row: str, version: str, ok: bool
) -> None:
    facts = {f"supported-kubernetes-versions/{row}": version}
    assert wildcards.validate({"scenario": "all", "facts": facts}).ok is ok
