"""Version bounds, lifecycle words and restricted verdicts as real support matrices write them.

The documents below are excerpts of real ones outside the corpus (redis-py's README, Node.js'
release schedule, librdkafka's list of KIPs, Kubernetes compatibility tables), cut to the rows
that show each construct; none of these constructs is in /work/shared/corpus.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from compiler.cli.validate import load_validator
from compiler.emit.rules import rule_file
from compiler.frontend.cells import read_cell
from compiler.frontend.text import to_text
from compiler.model.matrix import Cell, Matrix
from compiler.project.pipeline import compile_file, compile_text


def _compile(text: str) -> Matrix:
    return compile_text(text, text.encode(), "m.md")


def _cells(m: Matrix) -> dict[str, list[Cell]]:
    """Each data row's non-key cells, by the row's key."""
    return {
        r.key: list(r.cells[1:])
        for s in m.sections
        for t in s.tables
        for r in t.rows
        if r.kind == "data"
    }


def _bounds(cell: Cell) -> list[tuple[Any, ...]]:
    return [
        (c.kind, c.version, c.max_version, c.exclusive_minimum, c.exclusive_maximum)
        for c in cell.constraints
    ]


# --- version comparisons ------------------------------------------------------------------------

REDIS_PY = """# redis-py

## Supported Redis Versions

| Library version | Supported redis versions |
|-----------------|-------------------|
| 3.5.3 | <= 6.2 Family of releases |
| >= 4.5.0 | Version 5.0 to 7.0 |
| >= 5.0.0 | Version 5.0 to 7.4 |
| >= 6.0.0 | Version 7.2 to current |
"""


def test_redis_py_supported_versions_are_ceilings_ranges_and_floors() -> None:
    cells = _cells(_compile(REDIS_PY))
    assert [_bounds(c[0]) for c in cells.values()] == [
        [("max_version", None, "6.2", False, False)],  # a release line's noun restricts nothing
        [("version_range", "5.0", "7.0", False, False)],
        [("version_range", "5.0", "7.4", False, False)],
        [("min_version", "7.2", None, False, False)],  # "to current": open-ended
    ]
    assert all(c[0].unparsed is None for c in cells.values())


MINIMUM_VERSIONS = """# Drivers

## Versions

| Driver | Minimum Kubernetes version |
|---|---|
| a | >= 1.21 |
| b | ≥ 1.21 |
| c | 1.21 or later |
| d | 1.21+ |
| e | v1.21 and above |
| f | <= 6.2 |
| g | < 1.30 |
| h | 1.25 - 1.30 |
| i | \\>1.21 |
| j | 1.27 or earlier |
| k | since 1.20 |
| l | starting from version 1.20 |
| m | up to 1.27 |
"""


def test_every_comparison_spelling_of_a_kubernetes_table_is_read() -> None:
    got = {key: _bounds(cells[0]) for key, cells in _cells(_compile(MINIMUM_VERSIONS)).items()}
    floor = [("min_version", "1.21", None, False, False)]
    assert got == {
        "a": floor,
        "b": floor,
        "c": floor,
        "d": floor,
        "e": floor,
        "f": [("max_version", None, "6.2", False, False)],
        "g": [("max_version", None, "1.30", False, True)],
        "h": [("version_range", "1.25", "1.30", False, False)],
        "i": [("min_version", "1.21", None, True, False)],
        "j": [("max_version", None, "1.27", False, False)],
        "k": [("min_version", "1.20", None, False, False)],
        "l": [("min_version", "1.20", None, False, False)],
        "m": [("max_version", None, "1.27", False, False)],
    }


@pytest.mark.parametrize(
    ("text", "status", "bound"),
    [
        # a verdict followed by its floor keeps the verdict and gains the constraint
        ("Yes (2.1+)", "supported", ("min_version", "2.1", None, False, False)),
        ("Yes (since 2.1)", "supported", ("min_version", "2.1", None, False, False)),
        ("Supported (5.7.0+)", "supported", ("min_version", "5.7.0", None, False, False)),
        ("Full support (5.7.0+)", "supported", ("min_version", "5.7.0", None, False, False)),
        ("✓ >= v1.12.1", "supported", ("min_version", "1.12.1", None, False, False)),  # CAPI
        ("Supported since 2.1", "supported", ("min_version", "2.1", None, False, False)),
        ("minimum 2.3", None, ("min_version", "2.3", None, False, False)),
        ("at least 2.3", None, ("min_version", "2.3", None, False, False)),
        ("from 1.20", None, ("min_version", "1.20", None, False, False)),
        ("starting with 1.20", None, ("min_version", "1.20", None, False, False)),
        ("1.21 and newer", None, ("min_version", "1.21", None, False, False)),
        ("5.0 to latest", None, ("min_version", "5.0", None, False, False)),
        ("≤ 6.2", None, ("max_version", None, "6.2", False, False)),
        ("1.27 or lower", None, ("max_version", None, "1.27", False, False)),
        ("1.27 and below", None, ("max_version", None, "1.27", False, False)),
    ],
)
def test_version_bounds(text: str, status: str | None, bound: tuple[Any, ...]) -> None:
    reading = read_cell(to_text(text))
    assert reading.status == status
    assert [
        (c.kind, c.version, c.max_version, c.exclusive_minimum, c.exclusive_maximum)
        for c in reading.constraints
    ] == [bound]
    assert reading.unparsed is None


@pytest.mark.parametrize(
    "text",
    [
        "1.21",  # a bare version may be the row's own release: no bound
        "v1.21",
        "since 1.2 or earlier",  # words pointing both ways
        ">= 1.2 or earlier",
        "since 1.20.3 only",  # a restriction this reader cannot structure
    ],
)
def test_no_bound_where_the_words_do_not_state_one(text: str) -> None:
    assert read_cell(text).constraints == ()


def test_sizes_stay_sizes() -> None:
    (size,) = read_cell("Up to 32 TB").constraints
    assert (size.kind, size.maximum) == ("size", 32 * 1024**4)
    (count,) = read_cell(">= 2").constraints
    assert (count.kind, count.minimum) == ("count", 2)


# --- the ceiling in the generated validator -----------------------------------------------------

CEILINGS = """# Clients

## Supported server versions

| Client | Server version |
|---|---|
| redis-py 3.5.3 | <= 6.2 Family of releases |
| client-go 0.29 | < 1.30 |
| karpenter 1.2 | >1.21 |
"""


@pytest.fixture(scope="module")
def ceilings(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("ceilings") / "clients.md"
    path.write_text(CEILINGS, encoding="utf-8")
    return load_validator(rule_file(compile_file(path)))


@pytest.mark.parametrize(
    ("row", "version", "message"),
    [
        ("redis-py 3.5.3", "6.2", None),
        ("redis-py 3.5.3", "6.2.14", None),  # a ceiling covers its release line
        ("redis-py 3.5.3", "6.0", None),
        (
            "redis-py 3.5.3",
            "7.0",
            "redis-py 3.5.3: version 7.0 is too new: needs at most 6.2"
            " ('<= 6.2 Family of releases')",
        ),
        ("client-go 0.29", "1.29.9", None),
        (
            "client-go 0.29",
            "1.30.1",
            "client-go 0.29: version 1.30.1 is too new: needs before 1.30 ('< 1.30')",
        ),
        ("karpenter 1.2", "1.21.1", None),
        (
            "karpenter 1.2",
            "1.21",
            "karpenter 1.2: version 1.21 is too old: needs after 1.21 ('>1.21')",
        ),
    ],
)
def test_the_validator_checks_ceilings(
    ceilings: Any, row: str, version: str, message: str | None
) -> None:
    report = ceilings.validate({"scenario": "All deployments", "facts": {row: version}})
    assert report.ok is (message is None)
    assert [(f.severity, f.message) for f in report.findings] == (
        [("error", message)] if message else []
    )


# --- lifecycle words and symbols ----------------------------------------------------------------

NODE_RELEASES = """# Node.js releases

## Release schedule

| Release  | Status              | Codename     |Initial Release | End-of-life |
| :--:     | :---:               | :---:        | :---:          | :---:       |
| 22.x | **Maintenance LTS** | Jod      | 2024-04-24     | 2027-04-30  |
| 24.x | **Active LTS**      | Krypton  | 2025-05-06     | 2028-04-30  |
| 26.x | **Current**         |              | 2026-05-05     | 2029-04-30  |
| 20.x | **End-of-Life**     | Iron     | 2023-04-18     | 2026-04-30  |
| 16.x | **End of Life**     | Gallium  | 2021-04-20     | 2023-09-11  |
"""


def test_node_release_statuses() -> None:
    cells = _cells(_compile(NODE_RELEASES))
    assert {key: (c[0].status, c[0].stage) for key, c in cells.items()} == {
        "22.x": ("supported", "ga"),
        "24.x": ("supported", "ga"),
        # "Current" names the newest release line: alone it is no verdict (a "Current" in a
        # column of versions would otherwise make that column a scenario); among lifecycle
        # states, as here, it is the line out and supported
        "26.x": ("supported", "ga"),
        "20.x": ("not_supported", "retired"),  # hyphenated as "End of Life" is not
        "16.x": ("not_supported", "retired"),
    }


VOCABULARY = """# Vocabulary gaps

## Status

| Item | Linux | Windows |
|---|---|---|
| a | End-of-Life | End of Life |
| b | Maintenance LTS | LTS |
| c | Active LTS | Active |
| e | 🚧 | :construction: |
| f | × | ✖ |
| g | In preview | Public preview |
| i | ✓ (beta) | Beta |
| j | Released | GA |
"""


def test_each_new_spelling_reads_as_the_known_one_beside_it() -> None:
    m = _compile(VOCABULARY)
    assert [s.label for s in m.scenarios] == ["Linux", "Windows"]  # Linux was dropped to details
    for key, (linux, windows) in _cells(m).items():
        assert (linux.status, linux.stage) == (windows.status, windows.stage), key


@pytest.mark.parametrize(
    ("text", "status", "stage"),
    [
        ("End-of-life", "not_supported", "retired"),
        ("Maintained", "supported", "ga"),
        ("Security fixes only", "partial", "ga"),
        ("Not yet", "not_supported", None),
        ("WIP", None, "preview"),
        ("Work in progress", None, "preview"),
        ("Yes (preview)", "supported", "preview"),
        ("✓ (deprecated)", "supported", "deprecated"),
        ("Yes (planned)", "supported", None),  # "planned" says no status: not the verdict's stage
    ],
)
def test_lifecycle_words(text: str, status: str | None, stage: str | None) -> None:
    reading = read_cell(text)
    assert (reading.status, reading.stage) == (status, stage)


@pytest.mark.parametrize("text", ["Untested", "Not tested", "Current", "× 2", "v1.2"])
def test_no_verdict(text: str) -> None:
    # Untested is unknown, not unsupported; "×" only as a whole cell ("× 2" is a product)
    reading = read_cell(text)
    assert (reading.status, reading.stage) == (None, None)


# --- restricted verdicts ------------------------------------------------------------------------

KIP_STATUSES = (
    ("KIP-22", "Supported (not supported by Go, .NET and Python)"),
    ("KIP-41", "Supported through batch consumption interface (not supported by .NET and Go)"),
    ("KIP-54", "Supported but not available, use KIP-429 instead."),
    ("KIP-62", "Supported"),
    ("KIP-74", "Supported (through flush() + destroy())"),
    (
        "KIP-91",
        "Supported (error is propagated to application, but the consumer does not raise a fatal"
        " error)",
    ),
)
KIPS = (
    "# librdkafka KIPs\n\n## Supported KIPs\n\n| KIP | Kafka release | Status |\n|---|---|---|\n"
    + "".join(f"| {kip} | 0.10.1.0 | {status} |\n" for kip, status in KIP_STATUSES)
)


def test_librdkafka_restricted_kips_are_partial() -> None:
    cells = _cells(_compile(KIPS))
    got = {key: (c[1].status, c[1].unparsed) for key, c in cells.items()}
    assert got == {
        "KIP-22": ("partial", "(not supported by Go, .NET and Python)"),
        "KIP-41": (
            "partial",
            "through batch consumption interface (not supported by .NET and Go)",
        ),
        "KIP-54": ("partial", "but not available, use KIP-429 instead."),
        "KIP-62": ("supported", None),
        # how it is supported, or how it behaves: no part of it is excluded
        "KIP-74": ("supported", "(through flush() + destroy())"),
        "KIP-91": (
            "supported",
            "(error is propagated to application, but the consumer does not raise a fatal error)",
        ),
    }


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Supported with manual user-defined routes (UDRs)", "supported"),  # a condition of use
        ("✓ (with Azure Arc)", "supported"),
        ("Yes, with limitations", "partial"),  # as the cell "With limitations" is
        ("Supported on all hosts except Windows", "partial"),
        ("Yes, but slower", "partial"),
        ("No, for now", "not_supported"),
    ],
)
def test_conditions_and_restrictions(text: str, status: str) -> None:
    assert read_cell(text).status == status


@pytest.mark.parametrize(
    ("text", "status", "stage"),
    [
        ("Yes\n(preview)", "supported", "preview"),  # `Yes<br>(preview)`: the next line's stage
        ("Yes\n(GA)", "supported", "ga"),
        ("Yes\n(planned)", "supported", None),  # planned says no support: kept as text
        ("No\n(preview)", "not_supported", None),
    ],
)
def test_a_stage_on_the_line_under_a_verdict(text: str, status: str, stage: str | None) -> None:
    reading = read_cell(text)
    assert (reading.status, reading.stage) == (status, stage)


def test_ceilings_and_floors_in_the_sites_words() -> None:
    """The chip a page shows for a bound (the validator's message says the same)."""
    from compiler.site.render import constraint_text

    shown = {
        text: [constraint_text(c) for c in read_cell(text).constraints]
        for text in ("<= 6.2", "< 1.30", ">= 1.21", "> 1.2")
    }
    assert shown == {
        "<= 6.2": ["version 6.2 or earlier"],
        "< 1.30": ["version before 1.30"],
        ">= 1.21": ["version 1.21 or later"],
        "> 1.2": ["version more than 1.2"],
    }


# --- versions with wildcards, and two lines joined by "and" ------------------------------------


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        # containerd's spelling of two release lines (RELEASES.md L182, "v1.6.*, and v1.7.*"): a
        # list of lines, not a range from one to the other (which would take in every line between)
        ("v1.6.* and v1.8.*", [("allowed_values", None, None, False, False)]),
        ("between 1.20 and 1.24", [("version_range", "1.20", "1.24", False, False)]),
        ("1.6 - 1.8", [("version_range", "1.6", "1.8", False, False)]),
    ],
)
def test_and_makes_a_range_only_after_between(text: str, bounds: list[tuple[Any, ...]]) -> None:
    reading = read_cell(text)
    assert [
        (c.kind, c.version, c.max_version, c.exclusive_minimum, c.exclusive_maximum)
        for c in reading.constraints
    ] == bounds


def test_a_versions_wildcard_is_no_footnote_marker() -> None:
    from compiler.frontend.text import split_footnotes

    assert split_footnotes("2.0.*") == ("2.0.*", ())
    assert split_footnotes("September 2026*") == ("September 2026", ("*",))  # containerd L140


# --- release lines said with a wildcard: "1.13.*", "1.19.\*, 1.20.\*", "1.27.x" ---------------

# Apache Flink CDC's "Supported Flink Versions" (apache/flink-cdc,
# docs/content/docs/connectors/flink-sources/overview.md at d929cb3), rows cut, the cells' padding
# cut: a lone line "1.11.*", and lists whose wildcards are escaped ("1.13.\*").
_FONT = '<font color="MediumVioletRed">{}</font>'
_ESCAPED = _FONT.format("1.13.\\*") + ", " + _FONT.format("1.14.\\*")
FLINK_CDC = f"""# Flink CDC sources

## Supported Flink Versions

|    Flink<sup>®</sup> CDC Version    | Flink<sup>®</sup> Version |
|:-----------------------------------:|:-------------------------:|
| <font color="DarkCyan">1.0.0</font> | {_FONT.format("1.11.*")} |
| <font color="DarkCyan">2.0.*</font> | {_FONT.format("1.13.*")} |
| <font color="DarkCyan">2.2.*</font> | {_ESCAPED} |
"""

# A Flink CDC troubleshooting guide (open-anolis) writes the same table's wildcards unescaped:
# in Markdown the two `*` of "1.20.*, 2.2.*" pair up as emphasis, which ate both.
FLINK_CDC_UNESCAPED = """# CDC

## Flink CDC and Flink versions

| Flink CDC 版本 | 兼容 Flink 版本 |
|---------------|----------------|
| 3.6.* | 1.20.*, 2.2.* |
| 3.3.* | 1.18.*, 1.19.*, 1.20.*, 2.1.* |
"""


def test_a_wildcard_makes_even_one_version_a_release_line() -> None:
    cells = _cells(_compile(FLINK_CDC))
    listed = {key: [c.values for c in cell[0].constraints] for key, cell in cells.items()}
    assert listed == {
        "1.0.0": [("1.11.*",)],  # before: no constraint ("1.11.*" was left as text)
        "2.0.*": [("1.13.*",)],
        "2.2.*": [("1.13.*", "1.14.*")],
    }
    module = load_validator(rule_file(_compile(FLINK_CDC)))
    verdicts = {
        (row, version): module.validate({"scenario": "all", "facts": {row: version}}).ok
        for row in ("supported-flink-versions/100", "supported-flink-versions/22")
        for version in ("1.11.3", "1.12.0", "1.14.6", "1.15.0")
    }
    assert verdicts == {
        ("supported-flink-versions/100", "1.11.3"): True,
        ("supported-flink-versions/100", "1.12.0"): False,
        ("supported-flink-versions/100", "1.14.6"): False,
        ("supported-flink-versions/100", "1.15.0"): False,
        ("supported-flink-versions/22", "1.11.3"): False,
        ("supported-flink-versions/22", "1.12.0"): False,
        ("supported-flink-versions/22", "1.14.6"): True,
        ("supported-flink-versions/22", "1.15.0"): False,
    }


def test_unescaped_wildcards_are_not_emphasis() -> None:
    cells = _cells(_compile(FLINK_CDC_UNESCAPED))
    assert {key: (cell[0].text, cell[0].constraints[0].values) for key, cell in cells.items()} == {
        "3.6.*": ("1.20.*, 2.2.*", ("1.20.*", "2.2.*")),  # before: "1.20., 2.2." and no list
        "3.3.*": ("1.18.*, 1.19.*, 1.20.*, 2.1.*", ("1.18.*", "1.19.*", "1.20.*", "2.1.*")),
    }
    # emphasis around and beside a version still reads as emphasis
    assert to_text("*Preview* 1.2.*") == "Preview 1.2.*"
    assert to_text("**1.2.*** only") == "1.2.* only"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("1.27.x", ("1.27.x",)),
        ("v1.28.*", ("1.28.*",)),
        ("1.27", None),  # no wildcard: a count, or the row's own release, as before
        ("1.27.x or later", None),  # a floor's words are not a list
    ],
)
def test_release_lines_in_any_column(text: str, values: tuple[str, ...] | None) -> None:
    reading = read_cell(text)
    listed = [c.values for c in reading.constraints if c.kind == "allowed_values"]
    assert listed == ([values] if values else [])
