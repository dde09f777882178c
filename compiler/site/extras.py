"""The site's pages beyond one matrix: compare, check a configuration, and the static API.

The plugin calls `extra_files` once per build with the matrices it rendered; everything here is
generated in memory (nothing is written into `site/`):

- `compare/`: pick matrices, or revisions of one from its history, and see the rows they share
  side by side (compare.js over `api/<id>/rows.json` and `api/<id>/revisions/<n>.rows.json`);
- the row search: `api/<id>/rows.json` is also the matrix's shard of the row search, which
  matrixc.js fetches (every shard listed in `search/rows.json`) when the search box is first
  used, so material's search worker indexes pages only and no row data is loaded before then;
- `check/`: paste or upload a configuration and get `matrixc validate`'s findings, computed in
  the page (check.js over the validator's data part, the records the generated module runs
  on; no server);
- the API of api.py (`api/index.json`, rule files by version, the Atom feed of releases).

Document text enters these pages only through `esc` (HTML) and JSON data read by scripts that
insert it with textContent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from compiler.emit.rules import further_facts, verdict_cells
from compiler.model.matrix import Cell, Matrix, Row, Section, Table
from compiler.model.rulefile import RuleFile
from compiler.site.api import Published, ValidatorDownload, api_files, rules_path
from compiler.site.pages import SiteMatrix
from compiler.site.render import STATUS_CODE, esc, is_spacer, row_details, short_title

if TYPE_CHECKING:
    from compiler.model.changes import Revision

SCRIPTS = ("check.js", "compare.js")
CHECK_PAGE = "check.md"
COMPARE_PAGE = "compare.md"
ROW_SHARDS = "search/rows.json"  # the list of row-search shards (each matrix's rows.json)


@dataclass(frozen=True)
class Source:
    """One matrix as the extra pages need it."""

    matrix: Matrix
    page: str  # site-relative URL of its page
    history: str  # site-relative URL of its history page
    rules: bytes | None  # its rule file as the build writes it into generated/, if any
    rule_file: RuleFile | None = None  # the same as the pipeline's model
    downloads: tuple[tuple[str, str], ...] = ()  # (kind, site-relative path)
    # (date, rule file) of each history revision, oldest first, as the pipeline compiled them
    revisions: tuple[tuple[str | None, RuleFile], ...] = ()
    validator: ValidatorDownload | None = None  # its validator, published in parts


def rows_data(matrix: Matrix, label: str, page: str | None) -> dict[str, Any]:
    """A matrix's rows for the compare view and the row search: id, section, key, per scenario
    code and text (whole: compare.js clips what it shows, search matches all of it), and the
    text of the row's details and description columns."""
    sections = {s.id: s.title for s in matrix.sections}
    further = further_facts(matrix)
    rows = []
    for section, table, row in matrix.rows():
        if is_spacer(row):
            continue
        cells = verdict_cells(table, row, matrix.scenarios)
        said = []
        for s in matrix.scenarios:
            if s.id not in cells:
                said.append(["x", ""])
                continue
            cell = cells[s.id]
            text = cell.text if cell else ""
            said.append([STATUS_CODE.get(cell.status if cell else None, "-"), text])
        rows.append(
            [
                row.id,
                sections.get(section.id, section.title),
                row.key,
                said,
                row_details(table, row),
            ]
        )
        if further:  # a further requirement's fact: a row of its own, as in the rule file
            rows.extend(_further_rows(matrix, section, table, row, cells, further))
    return {
        "id": matrix.id,
        "label": label,
        "page": page,
        "scenarios": [[s.id, s.label] for s in matrix.scenarios],
        "rows": rows,
    }


def _further_rows(  # noqa: PLR0913, PLR0917 - the row's place in the matrix, passed explicitly
    matrix: Matrix,
    section: Section,
    table: Table,
    row: Row,
    cells: dict[str, Cell | None],
    further: dict[tuple[str, int], str],
) -> list[list[Any]]:
    """The rows of a row's further requirement facts (`further_facts`): each speaks for the
    scenarios its row's first requirement does (`compiler.emit.rules._Rules._further`)."""
    out = []
    for i, column in enumerate(table.columns):
        fact = further.get((row.id, i))
        if fact is None:
            continue
        cell = row.cells[i]
        code = [STATUS_CODE.get(cell.status, "-"), cell.text]
        said = [code if s.id in cells else ["x", ""] for s in matrix.scenarios]
        key = f"{row.key} ({column.label})"
        out.append([fact, section.title, key, said, ""])
    return out


def rows_from_rules(rf: RuleFile, label: str, page: str | None) -> dict[str, Any]:
    """`rows_data` for a revision, from its rule file (one rule per row and scenario; a rule
    file keeps no details columns, so their text is "")."""
    sections = {s.id: s.title for s in rf.sections}
    index = {s.id: i for i, s in enumerate(rf.scenarios)}
    rows: dict[str, list[Any]] = {}
    for rule in rf.rules:
        entry = rows.get(rule.row)
        if entry is None:
            said: list[list[str]] = [["x", ""] for _ in rf.scenarios]
            entry = rows[rule.row] = [
                rule.row,
                sections.get(rule.section, rule.section),
                rule.key,
                said,
                "",
            ]
        if rule.scenario in index:
            entry[3][index[rule.scenario]] = [STATUS_CODE.get(rule.status, "-"), rule.text]
    kept = [r for r in rows.values() if r[2].strip() or any(t for _, t in r[3])]  # no `|||` rows
    return {
        "id": rf.id,
        "label": label,
        "page": page,
        "scenarios": [[s.id, s.label] for s in rf.scenarios],
        "rows": kept,
    }


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


ROWS_FORMAT = 2  # "format" of the published rows (compact_rows)
_NOT_SLUG = re.compile(r"[^a-z0-9 _-]")


def key_slug(key: str) -> str | None:
    """The slug the scripts compute from an ASCII key (compact_rows leaves such an id out);
    None for other keys. Deliberately simple and ASCII-only, so JavaScript computes the same."""
    if not key.isascii():
        return None
    return _NOT_SLUG.sub("", key.lower()).replace(" ", "-")


def compact_rows(data: dict[str, Any]) -> dict[str, Any]:
    """`rows_data` as published: what the scripts derive again is left out, a third less.

    Each row's section becomes an index into `sections` ([id prefix, title] pairs: a row id
    is `<prefix>/<rest>`, only the rest is kept, and 0 when it is `key_slug(key)`); a
    scenario's [code, text] is the bare code when the text is empty and [code, n] when the text
    is scenario n's of the same row; empty details are dropped. rows.js (for compare.js and
    matrixc.js) undoes it (`expand_rows` here, held inverse by a test)."""
    sections: dict[tuple[str, str], int] = {}
    rows = []
    for row_id, section, key, said, details in data["rows"]:
        prefix, _, rest = row_id.rpartition("/")
        where = sections.setdefault((prefix, section), len(sections))
        cells: list[Any] = []
        for i, (code, text) in enumerate(said):
            same = next((j for j in range(i) if text and said[j][1] == text), None)
            cells.append(code if not text else [code, same if same is not None else text])
        kept: str | int = 0 if rest == key_slug(key) else rest
        rows.append([kept, where, key, cells, *([details] if details else [])])
    return {
        **{k: v for k, v in data.items() if k != "rows"},
        "format": ROWS_FORMAT,
        "sections": [list(s) for s in sections],
        "rows": rows,
    }


def expand_rows(data: dict[str, Any], rules: dict[str, Any] | None = None) -> dict[str, Any]:
    """`compact_rows`'s (and `rules_rows`'s, given the rule file it points to) inverse, as the
    scripts compute it on load."""
    if data.get("format") == RULES_FORMAT:
        if rules is None:
            raise ValueError("these rows point to a rule file: pass it as `rules`")
        rows = [[*row, ""] for row in rows_of_rule_file(rules)]
        for i, text in data["details"]:
            rows[i][4] = text
        out = {k: v for k, v in data.items() if k not in ("format", "rules", "details")}
        return {**out, "rows": rows}
    rows = []
    for row in data["rows"]:
        kept, where, key, cells = row[:4]
        prefix, section = data["sections"][where]
        rest = kept if isinstance(kept, str) else key_slug(key) or ""
        said: list[list[str]] = []
        for cell in cells:
            if isinstance(cell, str):
                said.append([cell, ""])
            else:
                said.append([cell[0], said[cell[1]][1] if isinstance(cell[1], int) else cell[1]])
        row_id = f"{prefix}/{rest}" if prefix else rest
        rows.append([row_id, section, key, said, row[4] if len(row) > 4 else ""])
    out = {k: v for k, v in data.items() if k not in ("format", "sections", "rows")}
    return {**out, "rows": rows}


RULES_FORMAT = 3  # "format" of rows published as a pointer to the rule file (rules_rows)


def rows_of_rule_file(data: dict[str, Any]) -> list[list[Any]]:
    """A rule file's rows as the scripts read them from its JSON (`expandRows` in rows.js,
    shared by the search box and the compare view, does exactly this): [id, section title,
    key, [[code, text] per scenario]], one per row id in the order the records first name it."""
    titles = {s["id"]: s["title"] for s in data["sections"]}
    every = [s["id"] for s in data["scenarios"]]
    index = {sid: i for i, sid in enumerate(every)}
    rows: dict[str, list[Any]] = {}
    for record in data["rows"]:
        row = record["row"]
        section = record.get("section", row.rpartition("/")[0])
        base = record["verdict"]
        changes = record.get("except", {})
        for sid in record.get("scenarios", every):
            said = {**base, **changes.get(sid, {})}
            entry = rows.get(row)
            if entry is None:
                cells = [["x", ""] for _ in every]
                entry = rows[row] = [row, titles.get(section, section), record["key"], cells]
            if sid in index:
                code = STATUS_CODE.get(said.get("status"), "-")
                entry[3][index[sid]] = [code, said.get("text", "")]
    return list(rows.values())


def rules_rows(data: dict[str, Any], rules: bytes, rules_file: str) -> dict[str, Any] | None:
    """`rows_data` published as a pointer to the matrix's rule file, which the API publishes
    anyway and which holds every row's verdicts and texts: only the details columns' text (no
    rule file keeps it) is written here, [row index, text] pairs. None when the rule file does
    not give exactly these rows (then the rows are published whole, `compact_rows`)."""
    try:
        derived = rows_of_rule_file(json.loads(rules))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if derived != [row[:4] for row in data["rows"]]:
        return None
    return {
        **{k: v for k, v in data.items() if k != "rows"},
        "format": RULES_FORMAT,
        "rules": rules_file,
        "details": [[i, row[4]] for i, row in enumerate(data["rows"]) if row[4]],
    }


def published_rows(data: dict[str, Any], rules: bytes | None, rules_file: str) -> dict[str, Any]:
    """A matrix's current rows as published: as a pointer to its rule file where that gives
    them (a third of a matrix's API bytes less), else whole and compact."""
    pointed = rules_rows(data, rules, rules_file) if rules is not None else None
    return pointed if pointed is not None else compact_rows(data)


def extra_files(sources: Sequence[Source]) -> dict[str, str | bytes]:
    """Site path -> content of the compare and check pages, their data and the API."""
    out: dict[str, str | bytes] = {}
    published = [
        Published(
            id=s.matrix.id,
            title=s.matrix.title,
            page=s.page,
            history=s.history,
            rules=s.rules,
            rule_file=s.rule_file,
            downloads=s.downloads,
            validator=s.validator,
        )
        for s in sources
        if s.rules is not None
    ]
    out.update(api_files(published))
    picks: list[tuple[str, str, str]] = []  # (data path, label, group)
    shards: list[str] = []
    for s in sorted(sources, key=lambda x: x.matrix.id):
        title = short_title(s.matrix)
        path = f"api/{s.matrix.id}/rows.json"
        data = rows_data(s.matrix, title, s.page)
        version = s.rule_file.version if s.rule_file is not None else None
        rules = s.rules if version is not None and rules_path(s.matrix.id, version) in out else None
        out[path] = _json(published_rows(data, rules, f"{version}.json"))
        shards.append(path)
        picks.append((path, f"{title} (current)", title))
        for n, (date, rf) in enumerate(s.revisions, start=1):
            label = f"{title}, {date or 'undated'} (revision {n})"
            rev = f"api/{s.matrix.id}/revisions/{n}.rows.json"
            out[rev] = _json(compact_rows(rows_from_rules(rf, label, None)))
            picks.append((rev, label, title))
    out[ROW_SHARDS] = _json({"shards": shards})
    out[COMPARE_PAGE] = compare_page(picks)
    checks = []
    for p in published:
        try:
            version = p.rule_file.version if p.rule_file else json.loads(p.rules)["version"]
        except (ValueError, KeyError, TypeError):
            continue
        if p.validator is not None:  # the check reads the records the validator runs on
            checks.append((p.validator.data, f"{short_title_of(sources, p.id)} ({version})"))
    out[CHECK_PAGE] = check_page(checks, sources)
    return out


def short_title_of(sources: Sequence[Source], matrix_id: str) -> str:
    for s in sources:
        if s.matrix.id == matrix_id:
            return short_title(s.matrix)
    return matrix_id


def _front(title: str) -> str:
    return f"---\ntitle: {json.dumps(title)}\n---\n\n"


def compare_page(picks: Sequence[tuple[str, str, str]]) -> str:
    """The compare view: a list to pick from; compare.js draws the table of shared rows."""
    current = [p for p in picks if p[1].endswith("(current)")]
    boxes = "".join(
        f'<label class="mx-pick"><input type="checkbox" name="mx-src" value="../{esc(path)}"'
        f' data-label="{esc(label)}"{" checked" if (path, label, group) in current else ""}>'
        f" {esc(label)}</label>"
        for path, label, group in picks
    )
    return (
        _front("Compare matrices") + "# Compare matrices\n\n"
        "Pick two or more matrices, or revisions of one matrix from its history: the rows they "
        "share (the same key, spelling aside) are shown side by side, one column per pick.\n\n"
        '<div class="mx-compare" data-search-exclude>'
        '<form class="mx-compare__form"><fieldset class="mx-picks"><legend>Compare</legend>'
        f"{boxes}</fieldset>"
        '<label class="mx-filter"><input type="checkbox" name="mx-cmp-differ"> '
        "Only rows whose verdicts differ</label></form>"
        '<p class="mx-compare__shown" aria-live="polite"></p>'
        '<div class="mx-compare__out"></div>'
        "<noscript><p>The compare view needs JavaScript; each matrix page and its history "
        "page read without it.</p></noscript></div>\n\n"
        '<script src="../assets/matrixc/compare.js"></script>\n'
    )


def check_page(checks: Sequence[tuple[str, str]], sources: Sequence[Source]) -> str:
    """The check page: pick a matrix, paste or upload a configuration, read the findings."""
    options = "".join(
        f'<option data-check="../{esc(path)}">{esc(label)}</option>' for path, label in checks
    )
    example = ""
    for s in sorted(sources, key=lambda x: x.matrix.id):
        if s.rules is not None and s.matrix.scenarios:
            example = json.dumps({"scenario": s.matrix.scenarios[0].label, "facts": {}})
            break
    if not checks:
        body = '<p class="mx-empty">No rule files are published, so there is nothing to check.</p>'
    else:
        body = (
            '<div class="mx-check" data-base="../" data-search-exclude>'
            '<form class="mx-check__form">'
            f'<label class="mx-filter">Matrix <select name="mx-matrix">{options}</select></label>'
            '<label class="mx-check__label">Configuration (JSON: one configuration or a list)'
            '<textarea name="mx-config" rows="10" spellcheck="false" autocomplete="off">'
            f"{esc(example)}</textarea></label>"
            '<label class="mx-check__label">or a file <input type="file" name="mx-file" '
            'accept=".json,application/json"></label>'
            '<button type="submit" class="md-button md-button--primary">Check</button></form>'
            '<div class="mx-check__out" aria-live="polite"></div></div>'
        )
    return (
        _front("Check a configuration") + "# Check a configuration\n\n"
        'Paste a configuration (`{"scenario": …, "facts": {…}}`, as for `matrixc validate`) '
        "or open a JSON file: the page checks it against the data of the matrix's published "
        "validator, in your browser. Nothing is uploaded. The findings are those "
        "`matrixc validate` gives; for CSV or YAML inventories use the command or the "
        "downloadable validator.\n\n"
        f"{body}\n\n"
        "<noscript><p>Checking in the page needs JavaScript; without it, download the "
        "validator from a matrix page and run it.</p></noscript>\n\n"
        '<script src="../assets/matrixc/check.js"></script>\n'
    )


def add_extra_files(
    files: Any,
    config: Any,
    entries: Sequence[SiteMatrix],
    history: dict[str, list[Revision]],
    history_rules: dict[str, list[RuleFile]],
) -> None:
    """The plugin's hook: add the extra pages, their scripts, data and the API to `files`.

    Everything comes from the pipeline's result (the entries' rule files, the history's
    revisions and their rule files): nothing is compiled again, nothing read from generated/."""
    from mkdocs.structure.files import File

    from compiler.site.render import SITE_DIR

    sources = []
    for e in entries:
        revisions = history.get(e.matrix.id, [])
        rules = history_rules.get(e.matrix.id, [])
        sources.append(
            Source(
                matrix=e.matrix,
                page=e.page_url,
                history=e.history_url,
                rules=e.rules_json.encode("utf-8") if e.rules_json is not None else None,
                rule_file=e.rule_file,
                downloads=tuple((k, uri) for _, uri, k in e.downloads if k != "validator"),
                validator=e.validator,
                revisions=tuple((rev.date, rf) for rev, rf in zip(revisions, rules, strict=False)),
            )
        )
    for name in SCRIPTS:
        script = (SITE_DIR / "assets" / name).read_text(encoding="utf-8")
        files.append(File.generated(config, f"assets/matrixc/{name}", content=script))
    for path, content in extra_files(sources).items():
        files.append(File.generated(config, path, content=content))
