"""The generated validator, checked with configurations built from the reference matrix's rows."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from compiler.emit import runtime
from compiler.emit.facts import matrix_facts
from compiler.emit.input_schema import RATE_PATTERN, SIZE_PATTERN, input_schema
from compiler.emit.rules import rule_file
from compiler.emit.validator import data_lines, emit_outputs, emit_validator
from compiler.model.rulefile import Rule, RuleFile
from compiler.project.pipeline import compile_file

from .conftest import REFERENCE

VMM = "hyper-v-with-virtual-machine-manager"
NO_VMM = "hyper-v-without-virtual-machine-manager"


@pytest.fixture(scope="module")
def rf() -> RuleFile:
    return rule_file(compile_file(REFERENCE))


def load(source: str, folder: Path, name: str) -> ModuleType:
    path = folder / f"{name}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module", params=["generated", "runtime"])
def v(
    rf: RuleFile, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> ModuleType:
    """The generated module, and the package's runtime on the same data (imported, not copied)."""
    if request.param == "generated":
        return load(emit_validator(rf), tmp_path_factory.mktemp("validator"), "hv_validator")
    direct = ModuleType("direct_runtime")
    checker = runtime.Validator.from_lines(data_lines(matrix_facts(rf)))
    direct.validate = checker.validate  # type: ignore[attr-defined]
    direct.ConfigError = runtime.ConfigError  # type: ignore[attr-defined]
    return direct


def errors(report: Any) -> list[Any]:
    return [f for f in report.findings if f.severity == "error"]


def rules_of(rf: RuleFile, scenario: str) -> list[Rule]:
    return [r for r in rf.rules if r.scenario == scenario]


# --- features -----------------------------------------------------------------------------------


@pytest.mark.parametrize("scenario", [VMM, NO_VMM])
def test_every_unsupported_feature_is_an_error_in_its_scenario(
    v: ModuleType, rf: RuleFile, scenario: str
) -> None:
    bad = [r for r in rules_of(rf, scenario) if r.status in ("not_supported", "not_applicable")]
    assert len(bad) > 20
    for rule in bad:
        report = v.validate({"scenario": scenario, "facts": {rule.row: True}})
        assert not report.ok, rule.row
        (finding,) = errors(report)
        assert finding.row == rule.row
        assert finding.line == rule.line
        assert finding.section == rule.section
        assert finding.anchor == f"matrices/{rf.id}/#{rule.row}"
        assert "not supported" in finding.message or "not applicable" in finding.message
        assert v.validate({"scenario": scenario, "facts": {rule.row: False}}).ok


@pytest.mark.parametrize("scenario", [VMM, NO_VMM])
def test_supported_features_pass(v: ModuleType, rf: RuleFile, scenario: str) -> None:
    good = [r.row for r in rules_of(rf, scenario) if r.status == "supported"]
    report = v.validate({"scenario": scenario, "facts": dict.fromkeys(good, True)})
    assert report.ok
    assert not errors(report)


def test_ipv6_guest_network_differs_between_scenarios(v: ModuleType) -> None:
    facts = {"guest-vm-network-ipv6": True}
    assert not v.validate({"scenario": "Hyper-V with VMM", "facts": facts}).ok
    assert v.validate({"scenario": "Hyper-V without VMM", "facts": facts}).ok


def test_design_example(v: ModuleType, rf: RuleFile) -> None:
    report = v.validate(
        {
            "scenario": "Hyper-V with VMM",
            "facts": {"Data disk count": 17, "guest-vm-network-ipv6": True, "VM name": "web_01"},
        }
    )
    rows = sorted(f.row for f in errors(report))
    assert rows == [
        "azure-vm-requirements/data-disk-count",
        "azure-vm-requirements/vm-name",
        "hyper-v-network-configuration/guest-vm-network-ipv6",
    ]
    count = next(f for f in report.findings if f.row.endswith("data-disk-count"))
    assert "17" in count.message
    assert "16" in count.message
    assert count.to_dict()["source"] == {"path": rf.source.path, "line": 173}


# --- limits -------------------------------------------------------------------------------------


def _numeric_limits(rf: RuleFile) -> list[tuple[Rule, Any]]:
    out = []
    for rule in rules_of(rf, VMM):
        for c in rule.constraints:
            if c.kind in ("count", "size") and c.condition is None:
                out.append((rule, c))
    return out


def _value(kind: str, n: float) -> object:
    return n if kind == "count" else f"{int(n)} B"


def test_every_limit_at_just_under_and_just_over_its_bounds(v: ModuleType, rf: RuleFile) -> None:
    limits = _numeric_limits(rf)
    assert {c.kind for _, c in limits} == {"count", "size"}
    for rule, c in limits:

        def verdict(n: float, rule: Rule = rule, kind: str = c.kind) -> bool:
            report = v.validate({"scenario": VMM, "facts": {rule.row: _value(kind, n)}})
            return not [f for f in errors(report) if f.row == rule.row]

        if c.maximum is not None:
            assert verdict(c.maximum) != c.exclusive_maximum, (rule.row, "at max")
            if c.minimum is None or c.maximum - 1 >= c.minimum:
                assert verdict(c.maximum - 1), (rule.row, "under max")
            assert not verdict(c.maximum + 1), (rule.row, "over max")
        if c.minimum is not None and c.minimum > 0:
            assert verdict(c.minimum) != c.exclusive_minimum, (rule.row, "at min")
            assert not verdict(c.minimum - 1), (rule.row, "under min")
            assert verdict(c.minimum + 1) or c.maximum == c.minimum, (rule.row, "over min")


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("32 TB", True),
        ("32768 GiB", True),
        ("32769 GB", False),
        ("33 TB", False),
        ("31.99 TB", True),
        ("512 MB", True),
        ("33554432 MiB", True),
        ("33554433 MiB", False),
    ],
)
def test_sizes_convert_units_1024_based(v: ModuleType, value: str, ok: bool) -> None:
    report = v.validate({"scenario": VMM, "facts": {"Data disk VHD size": value}})
    assert report.ok is ok
    if not ok:
        assert value in errors(report)[0].message
        assert "32 TB" in errors(report)[0].message


@pytest.mark.parametrize(
    ("facts", "severity"),
    [
        ({"generation": 2}, None),
        ({"generation": "1"}, "error"),
        ({"VM type": "Generation 2"}, None),
        ({"VM type": "generation 1"}, "error"),
        ({"Generation 2 VM": True}, None),
        ({}, "warning"),
    ],
)
def test_conditional_limit_reads_the_generation(
    v: ModuleType, facts: dict[str, object], severity: str | None
) -> None:
    report = v.validate({"scenario": VMM, "facts": {"Operating system disk size": "3 TB", **facts}})
    found = [f for f in report.findings if f.row.endswith("operating-system-disk-size")]
    if severity is None:
        assert not found
        return
    (finding,) = found
    assert finding.severity == severity
    if severity == "warning":
        assert "'generation'" in finding.message
        assert "2 TB" in finding.message
        assert "4 TB" in finding.message
        assert report.ok


def test_conditional_limit_broken_whatever_the_generation_is_an_error(v: ModuleType) -> None:
    report = v.validate({"scenario": VMM, "facts": {"Operating system disk size": "5 TB"}})
    assert [f.severity for f in report.findings] == ["error"]


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("web-01", None),
        ("a", None),
        ("a" * 63, None),
        ("a" * 64, "64 characters"),
        ("", "0 characters"),
        ("web_01", "'_'"),
        ("-web", "start and end"),
        ("web-", "start and end"),
    ],
)
def test_vm_name_rules(v: ModuleType, name: str, problem: str | None) -> None:
    report = v.validate({"scenario": VMM, "facts": {"VM name": name}})
    if problem is None:
        assert report.ok, report.findings
    else:
        assert any(problem in f.message for f in errors(report)), report.findings


def test_allowed_values_and_versions(v: ModuleType) -> None:
    assert v.validate({"scenario": VMM, "facts": {"Hard disk format": "vhdx"}}).ok
    report = v.validate({"scenario": VMM, "facts": {"Hard disk format": "VMDK"}})
    assert "not one of: VHD, VHDX" in errors(report)[0].message
    row = "on-premises-servers/hyper-v-running-without-virtual-machine-manager"
    assert v.validate({"scenario": NO_VMM, "facts": {row: "Windows Server 2019"}}).ok
    assert not v.validate({"scenario": NO_VMM, "facts": {row: "Windows Server 2008"}}).ok
    cmk = "encryption-at-rest-cmk"
    assert v.validate({"scenario": VMM, "facts": {cmk: "3.3.0"}}).ok
    report = v.validate({"scenario": VMM, "facts": {cmk: "3.2.9"}})
    assert "3.3.0" in errors(report)[0].message
    info = v.validate({"scenario": VMM, "facts": {cmk: True}}).findings
    assert [f.severity for f in info] == ["info"]
    assert info[0].notes  # the row's note travels with the finding


# --- names --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "scenario",
    [VMM, "Hyper-V with Virtual Machine Manager", "Hyper-V with VMM", "hyper-v  WITH vmm"],
)
def test_scenario_by_id_label_or_alias(v: ModuleType, scenario: str) -> None:
    assert v.validate({"scenario": scenario, "facts": {}}).scenario == VMM


def test_every_way_to_give_the_scenario_reports_alike(v: ModuleType) -> None:
    """The fast path takes `config["scenario"]` by subscript; a missing, empty or unhashable
    one, or none with the argument, takes the long way, and each gives the same report."""
    facts = {"guest-vm-network-ipv6": True, "VM name": "web_01"}
    want = v.validate({"scenario": "Hyper-V with VMM", "facts": dict(facts)})
    assert [f.row for f in want.findings] == [
        "hyper-v-network-configuration/guest-vm-network-ipv6",
        "azure-vm-requirements/vm-name",
    ]
    for config, scenario in [
        ({"facts": dict(facts)}, VMM),
        ({"scenario": "", "facts": dict(facts)}, "Hyper-V with VMM"),
        ({"scenario": None, "facts": dict(facts)}, VMM),
        ({"facts": dict(facts), "scenario": VMM}, None),
    ]:
        assert v.validate(config, scenario) == want, config
    assert v.validate({"scenario": VMM}).ok  # no facts: nothing to break
    with pytest.raises(v.ConfigError, match="no scenario"):
        v.validate({"facts": dict(facts)})  # two scenarios: which one must be said
    with pytest.raises(v.ConfigError):
        v.validate({"scenario": ["Hyper-V with VMM"], "facts": dict(facts)})

    class Posing:  # equal to every name, hashed as one: still no string
        def __eq__(self, other: object) -> bool:
            return True

        def __hash__(self) -> int:
            return hash(VMM)

    with pytest.raises(v.ConfigError, match="scenario must be a string"):
        v.validate({"scenario": Posing(), "facts": dict(facts)})


def test_unknown_scenario_suggests(v: ModuleType) -> None:
    with pytest.raises(v.ConfigError, match="did you mean 'Hyper-V with VMM'"):
        v.validate({"scenario": "Hyper-V with VMMM", "facts": {}})


@pytest.mark.parametrize(
    "name",
    [
        "hyper-v-network-configuration/guest-vm-network-ipv6",
        "guest-vm-network-ipv6",
        "Guest VM network: IPv6",
        "guest vm network: ipv6",
    ],
)
def test_fact_by_row_id_short_id_or_key(v: ModuleType, name: str) -> None:
    assert not v.validate({"scenario": VMM, "facts": {name: True}}).ok


def test_unknown_and_ambiguous_facts(v: ModuleType) -> None:
    with pytest.raises(v.ConfigError, match="did you mean 'Data disk count'"):
        v.validate({"scenario": VMM, "facts": {"Data disk cont": 3}})
    with pytest.raises(v.ConfigError, match=r"ambiguous.*hyper-v-host-storage/nfs"):
        v.validate({"scenario": VMM, "facts": {"NFS": True}})


def test_row_without_checkable_rule_is_info_quoting_it(v: ModuleType) -> None:
    report = v.validate(
        {"scenario": VMM, "facts": {"replicated-vms/guest-operating-system": "RHEL 9"}}
    )
    (finding,) = report.findings
    assert finding.severity == "info"
    assert "Any guest OS supported for Azure." in finding.message
    assert report.ok


def test_section_notes_travel_with_findings(v: ModuleType) -> None:
    report = v.validate({"scenario": VMM, "facts": {"guest-vm-network-ipv6": True}})
    assert any("Static IP" in n for n in report.findings[0].notes)


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"Data disk count": "many"}, "takes count"),
        ({"Data disk count": [1]}, "takes count"),
        ({"Data disk count": float("nan")}, "not a number"),
        ({"Data disk VHD size": 40}, "unit"),
        ({"Data disk VHD size": "40"}, "needs a unit"),
        ({"Data disk VHD size": "40 XB"}, "unknown unit 'XB'"),
        ({"guest-vm-network-ipv6": 3}, "takes bool"),
    ],
)
def test_wrong_values_are_config_errors(
    v: ModuleType, facts: dict[str, object], message: str
) -> None:
    with pytest.raises(v.ConfigError, match=message):
        v.validate({"scenario": VMM, "facts": facts})


def test_passing_reports_are_shared_and_immutable(v: ModuleType) -> None:
    a = v.validate({"scenario": VMM, "facts": {"ilb": True}})
    assert a is v.validate({"scenario": VMM, "facts": {"elb": True}})
    assert a.ok
    assert a.findings == ()


# --- the generated files ------------------------------------------------------------------------


def test_outputs_are_byte_identical_on_rerun() -> None:
    first = emit_outputs(rule_file(compile_file(REFERENCE)))
    assert set(first) == {
        "validators/hyper_v_azure_support_matrix.py",
        "schema/hyper-v-azure-support-matrix.input.schema.json",
    }
    assert emit_outputs(rule_file(compile_file(REFERENCE))) == first


def test_module_header_is_fixed_then_names_source_and_hash(rf: RuleFile) -> None:
    head = emit_validator(rf).splitlines()[:3]
    other = rf.model_copy(update={"source": rf.source.model_copy(update={"path": "x.md"})})
    assert emit_validator(other).splitlines()[:2] == head[:2]  # no document data in lines 1-2
    assert "Generated by matrixc" in head[0]
    assert "Do not edit" in head[0]
    assert repr(rf.source.path) in head[2]
    assert rf.source.sha256 in head[2]


def test_module_imports_with_the_standard_library_only(rf: RuleFile, tmp_path: Path) -> None:
    (tmp_path / "hv.py").write_text(emit_validator(rf), encoding="utf-8")
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"scenario": "Hyper-V with VMM", "facts": {"Https Proxy": True}}))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import hv;"
        "bad = ('compiler', 'pydantic', 'jinja2');"
        "assert not [m for m in sys.modules if m.split('.')[0] in bad];"
        "r = hv.validate({'scenario': 'Hyper-V with VMM', 'facts': {'VM name': 'ok-1'}});"
        "assert r.ok; print(hv.VERSION, hv.SOURCE_SHA256)"
    )
    # -I: no user site, no PYTHONPATH; -S: no site-packages at all.
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert rf.source.sha256 in done.stdout
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(tmp_path / "hv.py"), str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Https Proxy" in done.stdout


def test_every_matrix_module_imports_with_the_standard_library_only(
    tmp_path: Path,
) -> None:
    root = REFERENCE.parent
    for doc in sorted(root.glob("*.md")):
        if doc.name in ("README.md", "NOTICE.md"):
            continue
        outputs = emit_outputs(rule_file(compile_file(doc)))
        (name,) = [k for k in outputs if k.endswith(".py")]
        path = tmp_path / Path(name).name
        path.write_text(outputs[name], encoding="utf-8")
        code = (
            "import importlib.util, sys; p = sys.argv[1];"
            "s = importlib.util.spec_from_file_location('m', p);"
            "m = importlib.util.module_from_spec(s);"
            "sys.modules['m'] = m; s.loader.exec_module(m);"
            "assert m.validate({'facts': {}}, scenario=next(iter(m.SCENARIOS))).ok"
        )
        done = subprocess.run(
            [sys.executable, "-I", "-S", "-c", code, str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, (doc.name, done.stderr)


HOSTILE = [
    'Triple """ quote',
    "back\\slash \\n \\x00 \\",
    "new\nline\r\nand \u2028 separator",
    "{{ 7 * 7 }} {% if true %}jinja{% endif %} {# c #}",
    "'); import os; os.system('touch PWNED'); ('",
    '"); import os; os.system("touch PWNED"); ("',
    "\x00\x1b[31m control",
]


def test_hostile_cells_round_trip_as_data(rf: RuleFile, tmp_path: Path) -> None:
    rules = list(rf.rules)
    for i, text in enumerate(HOSTILE):
        rules[i] = rules[i].model_copy(update={"key": text, "text": text, "notes": (text,)})
    hostile = rf.model_copy(update={"rules": tuple(rules), "title": HOSTILE[0] + HOSTILE[4]})
    source = emit_validator(hostile)
    assert source.isascii()
    compile(source, "hostile.py", "exec")
    module = load(source, tmp_path, "hostile_validator")
    keys = {f.key for f in module.FACTS}
    texts = {r.text for f in module.FACTS for r in f.rules.values()}
    for text in HOSTILE:
        assert text in keys or text in texts, text
    assert HOSTILE[0] + HOSTILE[4] == module.TITLE
    assert not (tmp_path / "PWNED").exists()
    assert not Path("PWNED").exists()
    # the hostile key is still a usable fact name, and its text comes back verbatim
    report = module.validate({"facts": {rules[4].row: True}}, scenario=rules[4].scenario)
    assert all(isinstance(f.message, str) for f in report.findings)


def test_hostile_markdown_compiles_to_a_module_that_runs_nothing(tmp_path: Path) -> None:
    doc = tmp_path / "hostile.md"
    doc.write_text(
        "# Hostile\n\n## Features\n\n| Feature | Supported |\n|---|---|\n"
        '| Quote """ here | No. `"""` |\n'
        "| Back \\\\ slash | Yes \\\\ |\n"
        "| Brace {{ 7*7 }} | {% raw %} No |\n"
        "| x'); import os; os.system('touch PWNED'); (' "
        "| No<br>'); import os; os.system('touch PWNED') |\n",
        encoding="utf-8",
    )
    outputs = emit_outputs(rule_file(compile_file(doc)))
    source = outputs["validators/hostile.py"]
    module = load(source, tmp_path, "hostile_md")
    keys = [f.key for f in module.FACTS]
    assert any('"""' in k for k in keys)
    assert any("{{ 7*7 }}" in k for k in keys)
    assert any("os.system" in k for k in keys)
    assert not (tmp_path / "PWNED").exists()


def test_input_schema_is_valid_2020_12_and_typed_from_rules(rf: RuleFile) -> None:
    from jsonschema import Draft202012Validator

    schema = input_schema(rf)
    Draft202012Validator.check_schema(schema)
    facts = schema["properties"]["facts"]["properties"]
    assert facts["hyper-v-network-configuration/guest-vm-network-ipv6"]["type"] == "boolean"
    assert facts["hyper-v-network-configuration/guest-vm-network-ipv6"]["title"] == (
        "Guest VM network: IPv6"
    )
    assert facts["azure-vm-requirements/data-disk-count"]["type"] == "number"
    assert facts["azure-vm-requirements/vm-type"]["enum"] == ["Generation 1", "Generation 2"]
    assert SIZE_PATTERN in [
        option.get("pattern")
        for option in facts["azure-vm-requirements/data-disk-vhd-size"]["anyOf"]
    ]
    validator = Draft202012Validator(schema)
    assert validator.is_valid(
        {
            "scenario": "Hyper-V without VMM",
            "facts": {"hyper-v-network-configuration/guest-vm-network-ipv6": True},
        }
    )
    assert not validator.is_valid(
        {
            "scenario": "Hyper-V with VMM",
            "facts": {"hyper-v-network-configuration/guest-vm-network-ipv6": True},
        }
    )
    assert not validator.is_valid(
        {"scenario": "Hyper-V with VMM", "facts": {"azure-vm-requirements/data-disk-count": 17}}
    )
    assert not validator.is_valid({"facts": {"no-such-row": True}})


@pytest.mark.parametrize(
    "text",
    ["54 MB/s", "30 MBps", "60 MiB/sec", "650 Mbps", "1.25 Gb/s", "650 MBPS", "1 MIbps", "8 b/s",
     "54 MB", "54", "fast", "54 MB/h", "54 Mbit/s"],
)  # fmt: skip
def test_the_input_schema_takes_the_rates_the_runtime_reads(text: str) -> None:
    # The schema's pattern (what editors check as configurations are written) and the runtime's
    # reading of a rate ("650 Mbps" in bits) say the same of each spelling.
    try:
        runtime.parse_size(text, rate=True)
        read = True
    except runtime.ConfigError:
        read = False
    assert (re.match(RATE_PATTERN, text) is not None) == read


_UNIT_SPELLINGS = [
    "TB", "GiB", "MB", "B", "b", "byte", "bytes", "kilobytes", "Megabyte", "tebibytes",
    "MBytes", "KiBytes", "Gbyte", "exabyte", "kB", "gb", "Mb", "XB", "megs", "kilo bytes",
    "constructor", "toString", "", "ib", "kibit",
]  # fmt: skip


def _cases(unit: str, seed: int) -> list[str]:
    rnd = random.Random(seed)
    mixed = "".join(c.upper() if rnd.random() < 0.5 else c.lower() for c in unit)
    return sorted({unit, unit.lower(), unit.upper(), unit.title(), unit.swapcase(), mixed})


@pytest.mark.parametrize("unit", _UNIT_SPELLINGS)
def test_the_input_schema_takes_the_sizes_and_rates_the_runtime_reads(unit: str) -> None:
    # The schema's patterns (what editors check as configurations are written) and the
    # runtime's readings say the same of every spelling, in any case: a unit in words
    # ("256 kilobytes", as documents write limits), for a size and for a rate alike.
    for spelled in _cases(unit, seed=len(unit)):
        for text, rate, pattern in [(f"40 {spelled}", False, SIZE_PATTERN)] + [
            (f"40 {spelled}{per}", True, RATE_PATTERN) for per in ("/s", "/SEC", "ps", "/second")
        ]:
            try:
                runtime.parse_size(text, rate=rate)
                read = True
            except runtime.ConfigError:
                read = False
            assert (re.match(pattern, text) is not None) == read, text
    words = {"256 kilobytes": 256 * 1024, "2 tebibytes": 2 * 1024**4, "10 MBytes": 10 * 1024**2}
    for text, size in words.items():
        assert runtime.parse_size(text) == size
    assert runtime.parse_size("10 megabytes/s", rate=True) == 10 * 1024**2
