"""The errors a user's input can cause, and the one registry of diagnostic codes.

`InputError` is the exception every stage raises for bad input, located so the CLI can print
`path:line: message`. `DIAGNOSTICS` is the table of codes (MX001, ...) the front end emits: its
severity and summary are looked up here, and `lint`, the README's Diagnostics table and the site's
"how to read" page are rendered from it. To add a code, append a row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]


class InputError(Exception):
    """Bad input: the CLI prints it as one line and exits 2 (or 1 where DESIGN.md says so)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def located(self, path: str) -> InputError:
        """The same error, naming the file it came from (keeps a path already set)."""
        return InputError(self.message, path=self.path or path, line=self.line)

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


# What a terminal would act on rather than show: C0 controls, DEL and C1 (ESC among them:
# "\x1b]0;...\x07" retitles the window, "\x1b[1A" climbs over the line above); the second
# pattern leaves tab and newline, for text of several lines.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROLS_BUT_BREAKS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _escape(m: re.Match[str]) -> str:
    return f"\\x{ord(m[0]):02x}"


def terminal(text: str) -> str:
    """Document text as a terminal shows it: a control character as its escape (`\\x1b`),
    tab and newline as they are."""
    return text if text.isprintable() else _CONTROLS_BUT_BREAKS.sub(_escape, text)


def one_line(text: str) -> str:
    """Text for one line of a terminal: a control character or line break in it (from a path
    or a name the user gave) shown as its escape (`\\x1b`, `\\x0a`)."""
    return text if text.isprintable() else _CONTROLS.sub(_escape, text)


# ---------------------------------------------------------------------------------------------
# diagnostic codes


@dataclass(frozen=True)
class DiagnosticCode:
    """One row of the registry: what a code means and how serious it is."""

    code: str
    severity: Severity
    summary: str
    name: str  # a short kebab-case name (SARIF's rule name)


# The registry: one row per code, in code order. Summaries are Markdown (the README and the site
# show them as written); `|` must not appear in them.
DIAGNOSTICS: tuple[DiagnosticCode, ...] = (
    DiagnosticCode(
        "MX000",
        "error",
        "the file cannot be read as a matrix (`lint` only; other commands exit 2 with the message)",
        "unreadable-input",
    ),
    DiagnosticCode(
        "MX001",
        "warning",
        "delimiter row and header differ in width: GFM renders a paragraph; recovered as a table",
        "delimiter-width",
    ),
    DiagnosticCode("MX002", "warning", "row has fewer cells than the header", "short-row"),
    DiagnosticCode(
        "MX003",
        "warning",
        "row has more cells than the header; the extra cells are kept, with no column",
        "long-row",
    ),
    DiagnosticCode(
        "MX004", "info", "a scenario cell states no verdict word and no constraint", "no-verdict"
    ),
    DiagnosticCode(
        "MX005",
        "warning",
        "a key whose id an earlier row of the section has (the same key, or one that slugs"
        " alike: '1.10' and '11.0'): the row id gets a GitHub-style suffix",
        "duplicate-key",
    ),
    DiagnosticCode(
        "MX006", "warning", "unclosed emphasis or code span in a key cell", "unclosed-markup"
    ),
    DiagnosticCode("MX007", "warning", "empty key cell", "empty-key"),
    DiagnosticCode("MX008", "warning", "empty header cell", "empty-header"),
    DiagnosticCode("MX009", "warning", "table without body rows", "empty-table"),
    DiagnosticCode(
        "MX010",
        "warning",
        "no level-1 heading (title from the front matter or file name)",
        "no-title",
    ),
    DiagnosticCode(
        "MX011",
        "warning",
        "spacer row (every cell empty): skipped as a separator, still in the model",
        "spacer-row",
    ),
    DiagnosticCode(
        "MX012",
        "info",
        "a column taken for a scenario from its header and verdict cells",
        "scenario-column",
    ),
    DiagnosticCode(
        "MX013",
        "info",
        "blank cell in a verdict column: null (or what the legend says blank means)",
        "blank-verdict",
    ),
    DiagnosticCode(
        "MX014",
        "info",
        "which way a table runs (columns or rows are the targets) and why",
        "orientation",
    ),
    DiagnosticCode(
        "MX015",
        "warning",
        "a table whose orientation was guessed: set it in the front matter or `[tool.matrixc]`",
        "orientation-guessed",
    ),
    DiagnosticCode(
        "MX016",
        "warning",
        "a verdict-looking cell no vocabulary entry or legend knows (a word only in a column of "
        "mostly verdicts; a short code or symbol in any)",
        "unknown-verdict",
    ),
    DiagnosticCode(
        "MX017",
        "info",
        "a header row repeated inside a table, a row ruled off around a name, or a bold name "
        "alone in its row: a group header, not data",
        "group-header",
    ),
    DiagnosticCode(
        "MX018",
        "warning",
        "two columns of a table speak for one scenario: its verdict in each row is the later "
        "column's",
        "duplicate-target",
    ),
    DiagnosticCode(
        "MX019",
        "info",
        'a further requirement column (of limits, or a header such as "Compatible … versions") '
        "in a table with no scenario: each of its cells is a fact of its own, "
        "`<row id>/<column slug>`",
        "further-requirement",
    ),
    DiagnosticCode(
        "MX020",
        "warning",
        "columns that share a declared scenario's name but for their qualifiers (`Windows (x64)`, "
        "`Windows (ARM64)`) are targets of their own: the declared scenario gets none of their "
        "verdicts",
        "split-target",
    ),
    DiagnosticCode(
        "MX021",
        "info",
        "a one-row table with no key column (every cell a verdict, its first included): its row "
        "is named after the heading over it, and every column is a target",
        "keyless-table",
    ),
    DiagnosticCode(
        "MX050",
        "warning",
        "the matrix's content changed since its last build but its ms.date did not",
        "stale-date",
    ),
)

CODES: dict[str, DiagnosticCode] = {d.code: d for d in DIAGNOSTICS}


def diagnostic_code(code: str) -> DiagnosticCode:
    """The registry row of `code`; an unregistered code is a bug in the compiler, not input."""
    try:
        return CODES[code]
    except KeyError:
        raise ValueError(f"diagnostic code {code!r} is not in errors.DIAGNOSTICS") from None


def diagnostics_table() -> str:
    """The registry as a Markdown table (the README's and the site's Diagnostics table)."""
    lines = ["| code | severity | meaning |", "|---|---|---|"]
    lines += [f"| {d.code} | {d.severity} | {d.summary} |" for d in DIAGNOSTICS]
    return "\n".join(lines) + "\n"
