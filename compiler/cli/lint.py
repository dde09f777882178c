"""`matrixc lint`: the model's diagnostics as text, JSON, SARIF 2.1.0 or GitHub annotations.

The front end locates a diagnostic by line; the column is found here, on the source line itself:
the cell a diagnostic is about (the key cell, the n-th header cell, the first extra cell, the
scenario cell without a verdict) is located by its pipes, the way the front end split them.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from compiler import __version__
from compiler.errors import DIAGNOSTICS, InputError, diagnostic_code, one_line

if TYPE_CHECKING:
    from compiler.model.matrix import Diagnostic, Matrix

FORMATS = ("text", "json", "sarif", "github")

# code: (name, one-line summary), from the one registry (compiler.errors.DIAGNOSTICS).
RULES: dict[str, tuple[str, str]] = {d.code: (d.name, d.summary) for d in DIAGNOSTICS}
UNREADABLE = diagnostic_code("MX000").severity
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}

_PIPE = re.compile(r"(?<!\\)\|")
_PREFIX = re.compile(r"^[ \t>]*")
_HEADER_CELL = re.compile(r"header cell (\d+) is empty")
_HEADER_WIDTH = re.compile(r"the header (?:has )?(\d+)")
_NO_VERDICT = re.compile(r"scenario cell '(.*)'$")


@dataclass(frozen=True)
class Finding:
    """One diagnostic of one file, located by line and column (both 1-based)."""

    path: str
    line: int
    column: int
    severity: str
    code: str
    message: str
    fingerprint: str = ""  # stable across edits elsewhere in the file: code + the line's text


def cell_columns(line: str) -> list[int]:
    """The 1-based column where each cell's content starts on a pipe-table source line."""
    start = len(_PREFIX.match(line).group())  # type: ignore[union-attr]
    if line.startswith("|", start):
        start += 1
    bounds = [start] + [m.end() for m in _PIPE.finditer(line, start)]
    body_end = len(line.rstrip())
    columns: list[int] = []
    for begin in bounds:
        if begin >= body_end and columns:
            break  # the trailing pipe closes the row; it opens no cell
        offset = begin
        while offset < len(line) and line[offset] in " \t":
            offset += 1
        columns.append(offset + 1)
    return columns


def _column(d: Diagnostic, source: str, matrix: Matrix) -> int:
    """Where on its line a diagnostic points; the first visible character when unknown."""
    if d.column > 1:
        return d.column
    lines = source.splitlines()
    if not 1 <= d.line <= len(lines):
        return 1
    text = lines[d.line - 1]
    first = len(text) - len(text.lstrip()) + 1
    cells = cell_columns(text)
    index: int | None = None
    if d.code in ("MX005", "MX006", "MX007"):
        index = 0
    elif d.code == "MX008" and (m := _HEADER_CELL.search(d.message)):
        index = int(m.group(1)) - 1
    elif d.code in ("MX001", "MX003") and (m := _HEADER_WIDTH.search(d.message)):
        index = int(m.group(1))  # the first cell past the header's width
    elif d.code == "MX002":
        return len(text.rstrip()) + 1  # where the missing cells would be
    elif d.code == "MX004" and (m := _NO_VERDICT.search(d.message)):
        index = _cell_of(matrix, d.line, m.group(1))
    if index is not None and 0 <= index < len(cells):
        return cells[index]
    if index is not None and d.code in ("MX001", "MX008"):
        return len(text.rstrip()) + 1  # the row stops short of that cell
    return first


def _cell_of(matrix: Matrix, line: int, snippet: str) -> int | None:
    """The column index of the row's scenario cell whose text the message quotes."""
    for section in matrix.sections:
        for table in section.tables:
            for row in table.rows:
                if row.line != line:
                    continue
                for cell in row.cells:
                    if cell.scenario and cell.text.splitlines()[:1] == [snippet]:
                        return cell.column
                    if cell.scenario and cell.text.startswith(snippet):
                        return cell.column
    return None


def collect(files: Sequence[str], *, verbose: bool) -> tuple[list[Finding], bool]:
    """Every diagnostic of every file (info only with verbose), and whether any input was bad."""
    from compiler.project.config import project_of
    from compiler.project.pipeline import compile_file

    findings: list[Finding] = []
    bad_input = False
    for name in files:
        try:
            matrix = compile_file(Path(name), project_of(Path(name)))
        except InputError as exc:
            findings.append(
                Finding(exc.path or name, exc.line or 1, 1, UNREADABLE, "MX000", exc.message)
            )
            bad_input = True
            continue
        try:
            source = Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            source = ""
        lines = source.splitlines()
        seen: Counter[str] = Counter()
        found = []
        for d in matrix.diagnostics:
            if d.severity == "info" and not verbose:
                continue
            column = _column(d, source, matrix)
            text = lines[d.line - 1].strip() if 1 <= d.line <= len(lines) else ""
            digest = hashlib.sha256(f"{d.code}\0{name}\0{text}".encode()).hexdigest()[:32]
            seen[digest] += 1
            fingerprint = f"{digest}:{seen[digest]}"
            found.append(Finding(name, d.line, column, d.severity, d.code, d.message, fingerprint))
        from compiler.project.history import lint_date

        if dated := lint_date(Path(name), matrix):  # content changed, ms.date did not
            line, message = dated
            text = lines[line - 1].strip() if 1 <= line <= len(lines) else ""
            digest = hashlib.sha256(f"MX050\0{name}\0{text}".encode()).hexdigest()[:32]
            severity = diagnostic_code("MX050").severity
            found.append(Finding(name, line, 1, severity, "MX050", message, f"{digest}:1"))
        findings += sorted(found, key=lambda f: (f.line, f.column, f.code))
    return findings, bad_input


def relative_uri(path: str) -> str:
    """A path as a relative, percent-encoded URI (against the working directory), as SARIF
    consumers such as GitHub code scanning expect; absolute outside the working directory."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return p.resolve().as_uri() if p.is_absolute() else quote(p.as_posix())
    return quote(rel.as_posix())


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_text(findings: list[Finding], out: TextIO) -> None:
    for f in findings:
        line = f"{f.path}:{f.line}:{f.column}: {f.severity} {f.code} {f.message}"
        out.write(one_line(line) + "\n")  # a file name's control characters as escapes


def write_json(findings: list[Finding], out: TextIO) -> None:
    doc = {"findings": [asdict(f) for f in findings], "version": __version__}
    out.write(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def write_github(findings: list[Finding], out: TextIO) -> None:
    """GitHub Actions workflow commands: one annotation per finding, on the file's line."""
    for f in findings:
        props = ",".join(
            f"{k}={_escape_property(str(v))}"
            for k, v in (("file", f.path), ("line", f.line), ("col", f.column), ("title", f.code))
        )
        command = GITHUB_COMMAND.get(f.severity, "warning")
        out.write(f"::{command} {props}::{_escape_data(f'{f.code} {f.message}')}\n")


def sarif(findings: list[Finding]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run: every rule matrixc has, a result per finding."""
    codes = sorted(RULES)
    rules = [
        {
            "id": code,
            "name": RULES[code][0],
            "shortDescription": {"text": RULES[code][1]},
            "defaultConfiguration": {"level": "error" if code == "MX000" else "warning"},
        }
        for code in codes
    ]
    results = []
    for f in findings:
        region: dict[str, int] = {"startLine": max(f.line, 1), "startColumn": max(f.column, 1)}
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": SARIF_LEVEL.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": relative_uri(f.path), "uriBaseId": "%SRCROOT%"},
                        "region": region,
                    }
                }
            ],
            "partialFingerprints": {"matrixcLint/v1": f.fingerprint or f"{f.code}:{f.path}"},
        }
        if f.code in RULES:
            result["ruleIndex"] = codes.index(f.code)
        results.append(result)
    root = Path.cwd().resolve().as_uri() + "/"
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "matrixc",
                        "version": __version__,
                        "informationUri": "https://github.com/matrixc/matrixc",
                        "rules": rules,
                    }
                },
                "automationDetails": {"id": "matrixc/lint/"},
                "originalUriBaseIds": {"%SRCROOT%": {"uri": root}},
                "results": results,
            }
        ],
    }


def run(files: Sequence[str], *, fmt: str, verbose: bool, quiet: bool) -> int:
    """Print the diagnostics; exit 1 when a file has an error or could not be read."""
    findings, bad_input = collect(files, verbose=verbose)
    if quiet:
        findings = [f for f in findings if f.severity == "error"]
    out = sys.stdout
    if fmt == "json":
        write_json(findings, out)
    elif fmt == "sarif":
        out.write(json.dumps(sarif(findings), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    elif fmt == "github":
        write_github(findings, out)
    else:
        write_text(findings, out)
    errors = any(f.severity == "error" for f in findings)
    return 1 if errors or bad_input else 0
