"""Hostile configurations for `matrixc validate` (and the generated validator behind it).

Wrong types, numbers JSON can spell but floats cannot hold, NaN and Infinity, 1 MB strings,
nesting and aliases that would exhaust the stack or memory, a million-row inventory, and
spreadsheet-formula names in every report format. Each gets an exit code (0 pass, 1 an error
finding, 2 unusable) and a message, never a traceback.

Validate writes no CSV, so there is nothing a spreadsheet would evaluate: formula text in names
must come out of the JSON, SARIF and JUnit reports as that exact text, escaped for the format.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from compiler.cli.main import main

from .conftest import REFERENCE

MATRIX = str(REFERENCE)
VMM = "Hyper-V with VMM"


def write(folder: Path, name: str, content: object) -> str:
    path = folder / name
    text = content if isinstance(content, str) else json.dumps(content)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return str(path)


def validate(
    capsys: pytest.CaptureFixture[str], *paths: str, fmt: str = "text"
) -> tuple[int, str, str]:
    code = main(["validate", *paths, "--matrix", MATRIX, "--format", fmt])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def config(facts: object, **extra: object) -> dict[str, object]:
    return {"scenario": VMM, "facts": facts, **extra}


# --------------------------------------------------------------------------- wrong types


@pytest.mark.parametrize(
    ("cfg", "code", "message"),
    [
        (config({"Data disk count": [17]}), 2, "takes count, not [17]"),
        (config({"Data disk count": {"n": 17}}), 2, 'takes count, not {"n": 17}'),
        (config({"VM name": ["web"]}), 2, "takes name"),
        (config({"guest-vm-network-ipv6": {"on": True}}), 2, "takes bool"),
        (config({"Data disk count": None}), 0, ""),  # null: the fact is not stated
        (config(None), 0, ""),
        (config([1, 2]), 2, "facts must be an object, not [1, 2]"),
        (config("Data disk count"), 2, "facts must be an object"),
        ({"scenario": ["Hyper-V with VMM"], "facts": {}}, 2, "scenario must be a string"),
        ({"scenario": {"id": 1}, "facts": {}}, 2, "scenario must be a string"),
        ({"scenario": VMM, "facts": {}, "extra": 1}, 2, "unknown key(s) 'extra'"),
        ([config({}), None, 3, "x"], 2, "a configuration is a JSON object, not null"),
    ],
)
def test_wrong_types_are_unusable_not_crashes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cfg: object, code: int, message: str
) -> None:
    got, out, err = validate(capsys, write(tmp_path, "c.json", cfg))
    assert got == code, out + err
    assert message in err


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("literal", "code", "message"),
    [
        ("1e308", 1, "1e+308 is outside the limit: at most 16"),
        ("-1e308", 0, ""),
        ("1e400", 2, "inf is not a number"),  # JSON allows it; a float cannot hold it
        ("-1e400", 2, "-inf is not a number"),
        (str(10**400), 1, "outside the limit"),  # a JSON integer Python reads exactly
        (str(-(10**400)), 0, ""),  # "16 or less" sets no lower bound
        # past int()'s digit limit (Python's own message named sys.set_int_max_str_digits)
        ("1" + "0" * 5000, 2, "an integer of 5001 digits is not a number a limit can check"),
        ("NaN", 2, "NaN is not a number"),
        ("-Infinity", 2, "-Infinity is not a number"),
        ('"1e400"', 2, "is not a number"),
        ('"' + "9" * 5000 + '"', 2, "is not a number"),
    ],
)
def test_numbers_beyond_floats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], literal: str, code: int, message: str
) -> None:
    text = '{"scenario": "Hyper-V with VMM", "facts": {"Data disk count": ' + literal + "}}"
    got, out, err = validate(capsys, write(tmp_path, "c.json", text))
    assert got == code, out + err
    assert message in out + err
    assert max(len(line) for line in (out + err).splitlines()) < 400  # values are cut short
    assert "sys." not in out + err


def test_huge_sizes_and_versions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    facts = {
        "Data disk VHD size": "9" * 400 + " TB",  # inf bytes
        "Operating system disk size": "1." + "9" * 5000,  # a version past int()'s limit
    }
    got, out, err = validate(capsys, write(tmp_path, "c.json", config(facts)))
    assert got == 1, out + err
    assert "Data disk VHD size: 999" in out
    assert "outside the limit" in out


def test_nan_and_infinity_in_an_inventory_name_their_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps(config({"Data disk count": 3})),
        '{"scenario": "Hyper-V with VMM", "facts": {"Data disk count": NaN}}',
        '{"scenario": "Hyper-V with VMM", "facts": {"Data disk count": Infinity}}',
        json.dumps(config({"Data disk count": 17})),
    ]
    inventory = write(tmp_path, "inv.jsonl", "\n".join(lines))
    got, out, err = validate(capsys, inventory)
    assert got == 2
    assert f"{inventory}:2: NaN is not a number" in err  # no "line 2:" stand-in name
    assert f"{inventory}:3: Infinity is not a number" in err
    assert "PASS line 1" in out
    assert "FAIL line 4" in out


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
def test_yaml_nan_and_infinity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    path = write(tmp_path, "c.yaml", f"scenario: {VMM}\nfacts:\n  Data disk count: {value}\n")
    got, _, err = validate(capsys, path)
    assert got == 2
    assert "is not a number" in err


# --------------------------------------------------------------------------- big and deep


def test_one_megabyte_strings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = "x" * 1_000_000
    got, out, err = validate(
        capsys, write(tmp_path, "c.json", config({"VM name": big}, name="vm")), fmt="json"
    )
    assert got == 1
    (finding,) = json.loads(out)["results"][0]["findings"]
    assert "1000000 characters" in finding["message"]
    assert len(finding["message"]) < 300  # the value is quoted cut short
    got, _, err = validate(capsys, write(tmp_path, "d.json", config({big: 1})))
    assert got == 2
    assert "unknown fact 'xxx" in err
    assert len(err) < 500
    got, _, err = validate(capsys, write(tmp_path, "e.json", {"scenario": big, "facts": {}}))
    assert got == 2
    assert "unknown scenario" in err
    assert len(err) < 500


def test_one_megabyte_csv_field_is_a_broken_row_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = write(
        tmp_path,
        "inv.csv",
        f"name,scenario,VM name\nok,{VMM},web-1\nbig,{VMM},{'x' * 1_000_000}\nok2,{VMM},web-2\n",
    )
    got, out, err = validate(capsys, inventory)
    assert got == 2
    assert "broken CSV: field larger than field limit" in err
    assert "PASS ok" in out
    assert "PASS ok2" in out
    header = write(tmp_path, "head.csv", "name," + "y" * 1_000_000 + "\nx,1\n")
    got, _, err = validate(capsys, header)
    assert got == 2
    assert "head.csv:1: broken CSV header: field larger than field limit" in err


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("deep.json", "[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
        ("deep.jsonl", '{"facts": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ("deep.yaml", "facts: " + "[" * 100_000 + "]" * 100_000, "YAML nested too deeply"),
        (
            "bomb.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
                for p, c in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + f"scenario: {VMM}\nfacts:\n  Data disk count: *i\n",
            "aliases (*name) are not allowed",
        ),
        ("date.yaml", f"scenario: {VMM}\nfacts:\n  VM name: 2024-01-01\n", 'not "2024-01-01"'),
        ("big.json", json.dumps(config({"VM name": "web-1"}, name="n" * 10_000_000)), ""),
    ],
)
def test_nesting_aliases_and_odd_yaml_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, message: str
) -> None:
    got, out, err = validate(capsys, write(tmp_path, name, text))
    assert got == (0 if not message else 2), out + err
    assert message in err


# --------------------------------------------------------------------------- report formats

FORMULAS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "=1+1<script>&amp;</testcase>]]>\"'",
    "tab\there\x01\x1f",
]


def _inventory(tmp_path: Path) -> str:
    lines = [
        json.dumps(config({"Data disk count": 17, "VM name": name}, name=name)) for name in FORMULAS
    ]
    return write(tmp_path, "inv.jsonl", "\n".join(lines) + "\n")


def test_formula_names_are_plain_strings_in_json_and_sarif(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inventory = _inventory(tmp_path)
    got, out, _ = validate(capsys, inventory, fmt="json")
    assert got == 1
    assert [r["name"] for r in json.loads(out)["results"]] == FORMULAS
    got, out, _ = validate(capsys, inventory, fmt="sarif")
    assert got == 1
    results = json.loads(out)["runs"][0]["results"]
    assert {r["properties"]["configuration"] for r in results} == set(FORMULAS)
    for r in results:
        name = r["properties"]["configuration"]
        assert r["message"]["text"].startswith(f"{name}: ")


def test_formula_names_are_text_in_junit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    got, out, _ = validate(capsys, _inventory(tmp_path), fmt="junit")
    assert got == 1
    root = ET.fromstring(out)  # parses: every name is escaped
    cases = root.findall(".//testcase")
    # Attribute values are text; XML cannot hold the C0 controls, which become U+FFFD.
    expected = [n.replace("\x01", "\ufffd").replace("\x1f", "\ufffd") for n in FORMULAS]
    assert [c.get("name") for c in cases] == expected
    assert len(root.findall(".//testcase/failure")) == len(FORMULAS)
    assert not root.findall(".//script")  # "<script>" stayed text
    for failure in root.iter("failure"):
        assert "VM name" in (failure.text or "")


def test_formula_names_in_the_text_report_are_verbatim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    got, out, _ = validate(capsys, _inventory(tmp_path))
    assert got == 1
    for name in FORMULAS[:5]:
        assert f"FAIL {name} (Hyper-V with Virtual Machine Manager)" in out


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "junit"])
def test_lone_surrogates_reach_no_terminal_as_a_traceback(tmp_path: Path, fmt: str) -> None:
    """JSON can spell a lone surrogate ("\\ud800"), which no encoding can write."""
    path = write(
        tmp_path,
        "c.json",
        '{"name": "\\ud800vm", "scenario": "Hyper-V with VMM", "facts": {"VM name": "a\\udc00"}}',
    )
    proc = subprocess.run(
        [sys.executable, "-m", "compiler", "validate", path, "--matrix", MATRIX, "--format", fmt],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr.decode()
    assert b"Traceback" not in proc.stderr
    out = proc.stdout.decode("utf-8")  # strict: it is UTF-8
    assert "\ufffdvm" in out
    if fmt == "junit":
        ET.fromstring(out)
    elif fmt != "text":
        json.loads(out)


# --------------------------------------------------------------------------- a million rows

_MEASURE = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


@pytest.mark.slow
def test_a_million_row_csv_inventory_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "inventory.csv"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("name,scenario,Data disk count,guest-vm-network-ipv6,VM name,Data disk VHD size\n")
        for start in range(0, 1_000_000, 10_000):
            fh.write(
                "".join(
                    f"vm{i},{VMM},{i % 20},{'true' if i % 7 else 'false'},web-{i},{i % 40} TB\n"
                    for i in range(start, start + 10_000)
                )
            )
    # A fresh interpreter runs the command, so RUSAGE_CHILDREN sees that process alone.
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            _MEASURE,
            sys.executable,
            "-m",
            "compiler",
            "validate",
            str(path),
            "--matrix",
            MATRIX,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    code, peak_kib = map(int, proc.stdout.split())
    assert code == 1  # some rows have too many disks
    assert peak_kib * 1024 < 1024**3, f"peak RSS {peak_kib // 1024} MiB"


# --------------------------------------------------------------------------- terminals


def test_control_characters_reach_no_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A configuration's name (or a matrix's key) with ESC sequences was printed raw: `]0;…`
    retitled the terminal, `[2J` cleared it, `[31m` painted the lines after. Text output shows
    each as its escape; JSON, SARIF and JUnit escape them as their formats do."""
    hostile = "vm\x1b]0;PWNED\x07\x1b[2J\x1b[31mred"
    csv = write(tmp_path, "esc.csv", f'name,scenario,Data disk count\n"{hostile}",{VMM},30\n')
    jsonl = write(tmp_path, "esc.jsonl", json.dumps({"name": hostile, **config({"A": 1})}))
    code, out, _ = validate(capsys, csv)
    assert code == 1
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "FAIL vm\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[31mred (" in out
    code, out, err = validate(capsys, jsonl)
    assert "\x1b" not in out + err
    matrix = tmp_path / "m.md"
    matrix.write_text(
        "# M\n\n## S\n\n| Feature | Linux |\n|---|---|\n| Disk\x1b]0;KEY\x07 count | No |\n",
        encoding="utf-8",
    )
    facts = write(tmp_path, "c.json", {"facts": {"s/disk0key-count": True}})
    assert main(["validate", facts, "--matrix", str(matrix)]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err
    assert "Disk\\x1b]0;KEY\\x07 count" in out


# --------------------------------------------------------------------------- several scenarios


def test_a_configuration_naming_several_scenarios_is_checked_in_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DESIGN.md's `"scenarios": [...]` was refused as an unknown key: each named scenario is
    now a result of its own, under the configuration's name (IPv6 is no on VMM, yes without)."""
    both = {"name": "vm1", "scenarios": [VMM, "Hyper-V without VMM"]}
    path = write(tmp_path, "c.json", {**both, "facts": {"guest-vm-network-ipv6": True}})
    code, out, _ = validate(capsys, path, fmt="json")
    assert code == 1
    results = json.loads(out)["results"]
    assert [(r["name"], r["scenario"], r["ok"]) for r in results] == [
        ("vm1", "hyper-v-with-virtual-machine-manager", False),
        ("vm1", "hyper-v-without-virtual-machine-manager", True),
    ]
    for bad, says in (
        ({**both, "scenario": VMM}, "give 'scenario' or 'scenarios', not both"),
        ({"scenarios": VMM}, "scenarios must be a list of names, not"),
        ({"scenarios": []}, "scenarios must be a list of names, not []"),
    ):
        code, _, err = validate(capsys, write(tmp_path, "bad.json", bad))
        assert code == 2
        assert says in err, err


def test_a_line_break_in_a_name_forges_no_report_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name with a line break printed a line of its own: "evil\\nPASS prod-db (…)" read as a
    configuration that passed. In text output the break is an escape, in CSV and JSON Lines."""
    forged = "evil\nPASS prod-db (Hyper-V with Virtual Machine Manager)"
    row = {"name": forged, **config({"guest-vm-network-ipv6": True})}
    csv = write(tmp_path, "f.csv", f'name,scenario,guest-vm-network-ipv6\n"{forged}",{VMM},true\n')
    for path in (write(tmp_path, "f.jsonl", json.dumps(row) + "\n"), csv):
        code, out, _ = validate(capsys, path)
        assert code == 1
        assert not [line for line in out.splitlines() if line.startswith("PASS")], out
        assert "FAIL evil\\x0aPASS prod-db" in out
    code, _, err = validate(capsys, write(tmp_path, "e.json", {"scenarios": [""], "facts": {}}))
    assert code == 2
    assert 'scenarios must be a list of names, not [""]' in err


def test_input_errors_are_one_line_whatever_the_path_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A path the user typed went raw into the one-line error (`history`, `--waivers`, a
    REV:PATH): its ESC reached the terminal, a line break split the line."""
    for argv in (
        ["history", str(tmp_path / "no\x1b[2Jhistory")],
        ["validate", str(tmp_path / "c\njson"), "--matrix", MATRIX],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert "\x1b" not in err
        assert err.count("\n") == 1, err


def test_lint_text_shows_a_file_name_s_control_characters_as_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`lint`'s text lines began with the path as given: an ESC in a file name reached the
    terminal, a line break split a diagnostic in two."""
    doc = tmp_path / "m\x1b[2J\nx.md"
    doc.write_text(
        "# M\n\n| Feature | Linux | Windows |\n|---|---|---|\n"
        "| Disk | Yes | Zq |\n| Net | No | Yes |\n",
        encoding="utf-8",
    )  # Zq: an unknown verdict, a warning
    main(["lint", str(doc)])
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "m\\x1b[2J\\x0ax.md:5:" in out
    assert all(line.startswith(str(tmp_path)) for line in out.splitlines()), out
