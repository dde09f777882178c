"""The validator runtime as package code, and the modules it is inlined into.

`compiler/emit/runtime.py` is imported and called directly on the reference matrix's data; the
generated modules are type-checked and linted like package code; and documents with hostile file
names and titles compile to modules that run nothing of the document (an audit hook watches
`python3 <file>` and `import`).
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tokenize
from pathlib import Path

import pytest

from compiler.emit import runtime
from compiler.emit.facts import matrix_facts
from compiler.emit.rules import rule_file
from compiler.emit.validator import data_lines, emit_validator, runtime_source
from compiler.model.rulefile import RuleFile
from compiler.project.pipeline import compile_file

from .conftest import REFERENCE, ROOT

VMM = "hyper-v-with-virtual-machine-manager"
TB = 1024**4


@pytest.fixture(scope="module")
def rf() -> RuleFile:
    return rule_file(compile_file(REFERENCE))


@pytest.fixture(scope="module")
def checker(rf: RuleFile) -> runtime.Validator:
    return runtime.Validator.from_lines(data_lines(matrix_facts(rf)))


# --- the runtime, called directly ---------------------------------------------------------------


def test_runtime_imports_nothing_of_the_package() -> None:
    source = runtime_source()
    assert source.isascii()
    imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert imports
    assert not [line for line in imports if "compiler" in line or "pydantic" in line]


def test_data_records_carry_every_row_with_its_line(
    rf: RuleFile, checker: runtime.Validator
) -> None:
    rows = {r.row: r for r in rf.rules}
    assert [f.row for f in checker.facts] == list(dict.fromkeys(r.row for r in rf.rules))
    for fact in checker.facts:
        assert fact.line == rows[fact.row].line
        assert set(fact.rules) == {r.scenario for r in rf.rules if r.row == fact.row}
    assert list(checker.scenarios) == [s.id for s in rf.scenarios]
    assert checker.version == rf.version
    assert checker.source_sha256 == rf.source.sha256


def test_data_disk_count_is_16_or_less(checker: runtime.Validator) -> None:
    # source line 173: "Data disk count | 16 or less"
    fact = checker.fact_of_row(checker.resolve_fact("Data disk count"))
    assert fact.line == 173
    (limit,) = fact.rules[VMM].limits
    assert runtime.violation(limit, "count", 16, "16") is None
    problem = runtime.violation(limit, "count", 17, "17")
    assert problem is not None
    assert "17 is outside the limit: at most 16" in problem


def test_os_disk_size_depends_on_the_generation(checker: runtime.Validator) -> None:
    # source line 171: "Up to 2 TB for generation 1 VMs. Up to 4 TB for generation 2 VMs."
    fact = checker.fact_of_row(checker.resolve_fact("Operating system disk size"))
    limits = {c.condition.value: c for c in fact.rules[VMM].limits if c.condition is not None}
    assert limits["1"].max == 2 * TB
    assert limits["2"].max == 4 * TB
    assert checker.resolve_fact("generation") == "generation"
    three = {"scenario": VMM, "facts": {"Operating system disk size": "3 TB"}}
    (warning,) = checker.validate(three).findings
    assert warning.severity == "warning"
    gen2 = {
        "scenario": VMM,
        "facts": {"Operating system disk size": "3 TB", "VM type": "Generation 2"},
    }
    assert checker.validate(gen2).findings == ()


@pytest.mark.parametrize(
    ("accepts", "value", "expected"),
    [
        (("bool",), "true", ("bool", True)),
        (("bool",), " No ", ("bool", False)),
        (("count",), "16", ("count", 16)),
        (("count",), "16.5", ("count", 16.5)),
        (("count",), 16, ("count", 16)),
        (("size",), "40 TB", ("size", 40.0 * TB)),
        (("size",), "4095 GiB", ("size", 4095.0 * 1024**3)),
        (("rate",), "54 MB/s", ("rate", 54.0 * 1024**2)),
        (("version",), "3.3.0", ("version", ((1, "3"), (1, "3"), (0, "")))),
        (("name",), "web-01", ("str", "web-01")),
        ((), "anything", ("text", "anything")),
        (("count",), None, ("none", None)),
    ],
)
def test_coerce_reads_csv_strings_as_json_values(
    accepts: tuple[str, ...], value: object, expected: tuple[str, object]
) -> None:
    assert runtime.coerce(accepts, value, "fact") == expected


@pytest.mark.parametrize(
    ("accepts", "value", "message"),
    [
        (("size",), "40", "needs a unit"),
        (("size",), 40, "with a unit"),
        (("size",), "40 XB", "unknown unit 'XB'"),
        (("count",), "many", "takes count"),
        (("count",), float("inf"), "not a number"),
        (("bool",), 3, "takes bool"),
    ],
)
def test_coerce_refuses_what_it_cannot_read(
    accepts: tuple[str, ...], value: object, message: str
) -> None:
    with pytest.raises(runtime.ConfigError, match=message):
        runtime.coerce(accepts, value, "fact")


def test_sizes_are_1024_based_both_ways() -> None:
    assert runtime.format_size(32 * TB) == "32 TB"
    assert runtime.format_size(1536) == "1.5 KB"
    assert runtime.parse_size("32768 GiB") == 32 * TB


def test_run_streams_an_inventory_and_summarizes(
    checker: runtime.Validator, tmp_path: Path
) -> None:
    inventory = tmp_path / "fleet.csv"
    inventory.write_text(
        "name,scenario,Data disk count,guest-vm-network-ipv6\n"
        "ok,Hyper-V without VMM,16,true\n"
        "too-many,Hyper-V without VMM,17,false\n"
        "ipv6,Hyper-V with VMM,1,true\n",
        encoding="utf-8",
    )
    out, err = io.StringIO(), io.StringIO()
    assert checker.run([str(inventory)], fmt="json", out=out, err=err) == 1
    report = json.loads(out.getvalue())
    assert [r["ok"] for r in report["results"]] == [True, False, False]
    assert report["summary"]["fail"] == 2
    assert err.getvalue() == ""


# --- the generated module is code like the package's --------------------------------------------


@pytest.mark.slow
def test_a_generated_module_passes_mypy_strict_and_ruff(rf: RuleFile, tmp_path: Path) -> None:
    module = tmp_path / "hv_validator.py"
    module.write_text(emit_validator(rf), encoding="ascii")
    mypy = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir",
         str(tmp_path / ".mypy"), str(module)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert mypy.returncode == 0, mypy.stdout
    ruff = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config",
         str(ROOT / "pyproject.toml"), "--extend-ignore", "E501", str(module)],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert ruff.returncode == 0, ruff.stdout


# --- hostile file names and titles --------------------------------------------------------------

# Each name would be an encoding declaration (PEP 263) or break out of a literal on line 1 or 2;
# each title closes a string literal or a template expression in some encoding or quoting.
HOSTILE_NAMES = [
    "m -*- coding: mac_arabic -*-.md",
    "coding:utf-7.md",
    "# vim: set fileencoding=mac_arabic :.md",
    "new\nline # coding: mac_arabic.md",
    "cr\r# coding=latin-1.md",
    "quotes ''' \"\"\" \\ end.md",
    "\u0767 {{ 7*7 }} {% raw %}.md",
    "plain.md",
]
HOSTILE_TITLES = [
    # With the first name, the generator before the fixed header wrote a module creating PWNED.
    '\u0767; open("PWNED", "w") #x',
    "\u0767'); open('PWNED', 'w'); ('",
    '"""; open("PWNED", "w"); """',
    "\\'; __import__('os').system('touch PWNED') #",
    "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {# c #}",
    "+AF8-coding+AF8- '); import os; os.system('touch PWNED'); ('",
    "back\\slash \\n \\x00 \\",
    None,  # from front matter, with line breaks
]
FRONT_MATTER_TITLE = "a\n# coding: mac_arabic\nopen('PWNED', 'w')\r\u2028\u0767'"

RUNNER = """
import importlib.util, os, runpy, sys
mode, path = sys.argv[1], os.path.realpath(sys.argv[2])
stdlib = os.path.dirname(os.__file__)
DANGER = ("os.system", "subprocess", "os.exec", "os.spawn", "os.posix_spawn", "os.fork",
          "os.remove", "os.rename", "os.rmdir", "os.chmod", "os.truncate", "shutil", "socket",
          "ctypes", "urllib", "webbrowser", "pty")
WRITE = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC

def fail(event, args):
    os.write(2, f"UNEXPECTED {event} {args!r}\\n".encode("ascii", "backslashreplace"))
    os._exit(97)

def hook(event, args):
    if event.startswith(DANGER):
        fail(event, args)
    if event == "open":
        _, fmode, flags = args
        if (isinstance(fmode, str) and set(fmode) & set("wax+")) or (flags or 0) & WRITE:
            fail(event, args)
    if event in ("exec", "compile"):
        caller = sys._getframe(1).f_code.co_filename
        target = args[0].co_filename if event == "exec" else args[1]
        if isinstance(target, str) and os.path.isabs(target):
            target = os.path.realpath(target)
        # the module's own body, run by runpy or importlib; or stdlib internals (namedtuple)
        std = caller.startswith("<frozen ") or os.path.realpath(caller).startswith(stdlib)
        if target != path and not (std and os.path.realpath(caller) != path):
            fail(event, (caller, target))

sys.addaudithook(hook)
if mode == "run":
    sys.argv = [path, *sys.argv[3:]]
    runpy.run_path(path, run_name="__main__")
else:
    spec = importlib.util.spec_from_file_location("hostile_module", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["hostile_module"] = module
    spec.loader.exec_module(module)
    for scenario in module.SCENARIOS:
        facts = {f.row: True for f in module.FACTS}
        report = module.validate({"scenario": scenario, "facts": facts})
        print(report.ok, len(report.findings))
    print(ascii(module.TITLE))
"""


def _document(title: str | None) -> str:
    head = (
        f"---\ntitle: {json.dumps(FRONT_MATTER_TITLE)}\n---\n\n"
        if title is None
        else f"# {title}\n\n"
    )
    key = " ".join((title or FRONT_MATTER_TITLE).split()).replace("|", "/")  # one table line
    return (
        head
        + "## Features\n\n| Feature | Supported |\n|---|---|\n"
        + f"| {key} | No |\n"
        + "| Plain | Yes |\n"
    )


def _sandbox(tmp_path: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-I", "-B", str(tmp_path / "runner.py"), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )


def test_the_audit_hook_catches_a_module_that_writes(tmp_path: Path) -> None:
    (tmp_path / "runner.py").write_text(RUNNER, encoding="utf-8")
    evil = tmp_path / "evil.py"
    evil.write_text("open('PWNED', 'w')\n", encoding="utf-8")
    done = _sandbox(tmp_path, ["run", str(evil)])
    assert done.returncode == 97, done.stderr
    assert "UNEXPECTED open" in done.stderr
    evil.write_text("exec('1')\n", encoding="utf-8")
    assert _sandbox(tmp_path, ["import", str(evil)]).returncode == 97


@pytest.mark.parametrize(("name", "title"), list(zip(HOSTILE_NAMES, HOSTILE_TITLES, strict=True)))
def test_hostile_names_and_titles_stay_data(tmp_path: Path, name: str, title: str | None) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = docs / name
    doc.write_text(_document(title), encoding="utf-8")
    rf = rule_file(compile_file(doc))
    source = emit_validator(rf)
    plain = emit_validator(rule_file(compile_file(REFERENCE)))
    assert source.splitlines()[:2] == plain.splitlines()[:2]  # fixed text, no document data
    assert source.isascii()
    module = tmp_path / "hostile_validator.py"
    module.write_bytes(source.encode("ascii"))
    with module.open("rb") as fh:
        assert tokenize.detect_encoding(fh.readline)[0] == "utf-8"
    (tmp_path / "runner.py").write_text(RUNNER, encoding="utf-8")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"facts": {"Plain": True}, "scenario": "all"}), encoding="utf-8")

    done = _sandbox(tmp_path, ["run", str(module), str(config), "--format", "sarif"])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["runs"][0]["results"] == []
    done = _sandbox(tmp_path, ["import", str(module)])
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "False 1"  # the hostile row is a feature not supported
    assert done.stdout.splitlines()[-1] == ascii(rf.title)  # the title as the model reads it
    assert ("PWNED" in rf.title) or ("{{ 7*7 }}" in rf.title) or ("\\" in rf.title)
    assert not (tmp_path / "PWNED").exists()
    assert not (docs / "PWNED").exists()


# --- inventories are streamed -------------------------------------------------------------------


def _cell(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def test_csv_cells_and_json_values_give_the_same_findings(
    checker: runtime.Validator, tmp_path: Path
) -> None:
    rows = [
        {"Data disk count": 17, "guest-vm-network-ipv6": True, "VM name": "web_01"},
        {"Data disk count": 16, "guest-vm-network-ipv6": False, "Shared VHD": True},
        {"Data disk count": 0, "Data disk VHD size": "33 TB"},
    ]
    columns = sorted({k for r in rows for k in r})
    lines = ["name,scenario," + ",".join(columns)]
    for i, r in enumerate(rows):
        cells = [_cell(r[c]) if c in r else "" for c in columns]
        lines.append(f"vm{i},Hyper-V with VMM," + ",".join(cells))
    (tmp_path / "fleet.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "fleet.jsonl").write_text(
        "".join(
            json.dumps(
                {"name": f"vm{i}", "scenario": "Hyper-V with VMM", "facts": dict(sorted(r.items()))}
            )
            + "\n"
            for i, r in enumerate(rows)
        ),
        encoding="utf-8",
    )
    reports = {}
    for kind in ("csv", "jsonl"):
        items = checker.read_configs(str(tmp_path / f"fleet.{kind}"))
        reports[kind] = [o.report for o in checker.check_all(items)]
    assert reports["csv"] == reports["jsonl"]
    assert [r.ok for r in reports["csv"] if r is not None] == [False, False, False]


def test_a_csv_row_whose_every_cell_passes_alone_gets_the_long_ways_report(
    checker: runtime.Validator, tmp_path: Path
) -> None:
    # Every true/false and count fact of the reference matrix, each row giving each a value that
    # passes or fails in turn; rows repeat so the per-column memo is hit as well as filled.
    facts = [f for f in checker.facts if f.accepts in (("bool",), ("count",))]
    values = {("bool",): ["true", "false", "yes"], ("count",): ["0", "1", "16", "64", "100000"]}
    header = ["name", "scenario", *(f.row for f in facts)]
    lines = [",".join(header)]
    for n in range(60):
        cells = [values[f.accepts][(n + k) % len(values[f.accepts])] for k, f in enumerate(facts)]
        cells = [c if (n * 7 + k) % 5 else "" for k, c in enumerate(cells)]  # some facts absent
        scenario = ("Hyper-V with VMM", "Hyper-V without VMM")[n % 2]
        lines.append(",".join([f"vm{n % 20}", scenario, *cells]))
    lines.append(",".join(["calm", "Hyper-V with VMM"] + [""] * len(facts)))  # states nothing
    (tmp_path / "fleet.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

    items = list(checker.read_configs(str(tmp_path / "fleet.csv")))
    lane = [o.report for o in checker.check_all(items)]
    long_way = [checker.validate(dict(item.config or {})) for item in items]
    assert lane == long_way
    assert {r.ok for r in lane if r is not None} == {True, False}
    assert lane[-1] == checker.validate({"scenario": "Hyper-V with VMM", "facts": {}})


def test_the_csv_lanes_memo_stays_bounded_on_a_column_of_unique_values() -> None:
    memo = runtime._Memo(lambda cell: cell.endswith("0"))
    verdicts = [memo[f"vm-{n}"] for n in range(runtime._MEMO_CELLS + 1000)]
    assert verdicts == [str(n).endswith("0") for n in range(runtime._MEMO_CELLS + 1000)]
    assert len(memo) == runtime._MEMO_CELLS


def test_a_byte_that_is_not_utf8_is_found_before_any_row_is_read(
    checker: runtime.Validator, tmp_path: Path
) -> None:
    head = b"\xef\xbb\xbfname,Data disk count\n" + b"vm,1\n" * 300_000  # past the 1 MiB chunk
    (tmp_path / "fleet.csv").write_bytes(head + b"vm,\xff\n")  # counted after the BOM
    with pytest.raises(runtime.ConfigError, match=rf"not UTF-8 text \(byte {len(head)}\)"):
        checker.read_configs(str(tmp_path / "fleet.csv"))
