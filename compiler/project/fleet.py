"""Fleet impact: which configurations of an inventory get another verdict from a new revision.

`matrixc diff OLD NEW --inventory FILE` checks every configuration against both revisions with
the validator `build` would generate for each (rendered from the side's rule file and executed
in memory, once per side) and reports those whose verdict changed: newly failing, newly
passing, newly unusable, or with other findings. The inventory is read once, streamed, by the
generated module's own reader (CSV, JSON Lines, JSON, YAML exactly as `matrixc validate` takes
them); only a CSV column must be known to one of the two revisions rather than to the new one.

A fact one revision has no row for (a row removed or added between them) is left out of that
revision's check and listed as `unchecked` there: the revision says nothing about it. A fact
neither revision knows makes the configuration unusable on both, as `validate` would.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, TextIO

from compiler.errors import InputError

if TYPE_CHECKING:
    from compiler.model.changes import Changes
    from compiler.model.rulefile import RuleFile

State = Literal["pass", "fail", "unusable"]
Kind = Literal["newly_failing", "newly_passing", "newly_unusable", "findings_changed"]
KINDS: tuple[Kind, ...] = ("newly_failing", "newly_unusable", "newly_passing", "findings_changed")
TITLES: dict[str, str] = {
    "newly_failing": "newly failing",
    "newly_unusable": "newly unusable",
    "newly_passing": "newly passing",
    "findings_changed": "findings changed",
}
# The Markdown report lists at most this many configurations per kind (the JSON lists all).
MARKDOWN_ROWS = 50
_ALIKE = 1 << 14  # pairs of findings known to change nothing, remembered per run


def side_module(rf: RuleFile, tag: str) -> ModuleType:
    """The generated validator of one side, rendered from its rule file and executed in memory
    (the module `build` writes to generated/validators/, byte for byte)."""
    from compiler.emit.validator import emit_validator
    from compiler.model.names import module_name

    source = emit_validator(rf)
    name = f"matrixc_fleet_{tag}_{module_name(rf.id)}"
    module = ModuleType(name)
    module.__file__ = f"<generated validators/{module_name(rf.id)}.py ({tag})>"
    sys.modules[name] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102 - our own output
    return module


@dataclass(frozen=True, slots=True)
class Verdict:
    """What one revision says about one configuration."""

    state: State
    scenario: str | None  # scenario id (None when unusable before one was resolved)
    findings: tuple[Any, ...] = ()  # the generated module's Finding tuples
    error: str | None = None
    unchecked: tuple[str, ...] = ()  # facts this revision has no row for


@dataclass(frozen=True, slots=True)
class Impact:
    """A configuration whose verdict or findings differ between the two revisions."""

    name: str
    where: str
    kind: Kind
    old: Verdict
    new: Verdict
    removed: tuple[Any, ...]  # findings only the old revision gives
    added: tuple[Any, ...]  # findings only the new revision gives


def _of_report(report: Any, unchecked: tuple[str, ...] = ()) -> Verdict:
    """The Verdict of a generated module's Report."""
    return Verdict(
        "pass" if report.ok else "fail", report.scenario, report.findings, None, unchecked
    )


@dataclass(frozen=True, slots=True)
class _Lanes:
    """One CSV inventory as each revision checks it: its lane (old, new) over the columns it
    knows, and the columns (place, header) it has no row for."""

    lanes: tuple[Any, Any]
    missing: tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]]

    def unchecked(self, side: int, record: Sequence[str]) -> tuple[str, ...]:
        """The facts of a row that revision has no row for (its cells not empty)."""
        return tuple(h for at, h in self.missing[side] if record[at].strip())


def _finding_key(f: Any) -> tuple[str, str, str, str]:
    """What makes two findings the same across revisions (not their lines, paths or notes)."""
    return (f.severity, f.row, f.fact, f.message)


def _classify(old: Verdict, new: Verdict) -> tuple[Kind, tuple[Any, ...], tuple[Any, ...]] | None:
    before = Counter(_finding_key(f) for f in old.findings)
    after = Counter(_finding_key(f) for f in new.findings)
    gone, came = before - after, after - before
    removed = tuple(f for f in old.findings if gone.pop(_finding_key(f), 0))
    added = tuple(f for f in new.findings if came.pop(_finding_key(f), 0))
    if old.state != new.state:
        kind: Kind = (
            "newly_failing"
            if new.state == "fail"
            else "newly_passing"
            if new.state == "pass"
            else "newly_unusable"
        )
        return kind, removed, added
    if removed or added:
        return "findings_changed", removed, added
    return None


@dataclass
class Summary:
    """Counts kept while the inventory streams past."""

    configurations: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    old: Counter[str] = field(default_factory=Counter)
    new: Counter[str] = field(default_factory=Counter)
    unusable_both: int = 0

    def add(self, old: Verdict, new: Verdict, impact: Impact | None) -> None:
        self.configurations += 1
        self.old[old.state] += 1
        self.new[new.state] += 1
        if impact is not None:
            self.kinds[impact.kind] += 1
        if old.state == new.state == "unusable":
            self.unusable_both += 1

    @property
    def unchanged(self) -> int:
        return self.configurations - sum(self.kinds.values())

    def to_dict(self) -> dict[str, Any]:
        states = ("pass", "fail", "unusable")
        return {
            "configurations": self.configurations,
            "unchanged": self.unchanged,
            **{k: self.kinds[k] for k in KINDS},
            "old": {s: self.old[s] for s in states},
            "new": {s: self.new[s] for s in states},
        }


class Fleet:
    """The two revisions' validators, built once each, and how to run an inventory past them."""

    def __init__(self, old: RuleFile, new: RuleFile) -> None:
        self.old_rf, self.new_rf = old, new
        self.old_module = side_module(old, "old")
        self.new_module = side_module(new, "new")
        self.old = self.old_module.MATRIX
        self.new = self.new_module.MATRIX
        self._errors: tuple[type[Exception], ...] = (
            self.old_module.ConfigError,
            self.new_module.ConfigError,
        )
        self._known: tuple[dict[object, bool], dict[object, bool]] = ({}, {})
        self._reader = self._make_reader()
        self._row_type: type[Any] = self.new_module._CsvRow
        self._lanes: dict[int, tuple[object, _Lanes | None]] = {}

    # -- reading -----------------------------------------------------------------------------

    def _make_reader(self) -> Any:
        """The new module's reader, taking a CSV column either revision knows (a column only
        the old one knows, a row the new one dropped, must not make the file unreadable)."""
        new, old, errors = self.new, self.old, self._errors
        base: type[Any] = type(new)

        class Reader(base):  # type: ignore[misc]
            def __init__(self) -> None:  # only reads: the new side's state is borrowed
                pass

            def __getattr__(self, name: str) -> Any:
                return getattr(new, name)

            def resolve_fact(self, name: object) -> Any:
                return either("resolve_fact", name)

            def _cell_reader(self, column: str) -> Any:
                return either("_cell_reader", column)

        def either(method: str, name: object) -> Any:
            """The new side's answer, else the old side's; neither: the new side's error."""
            try:
                return getattr(new, method)(name)
            except errors:
                try:
                    return getattr(old, method)(name)
                except errors:
                    pass
            return getattr(new, method)(name)

        return Reader()

    def check_scenario(self, scenario: str | None) -> None:
        """InputError when `--scenario` names a scenario neither revision has."""
        if scenario is None:
            return
        for v in (self.new, self.old):
            try:
                v.resolve_scenario(scenario)
                return
            except self._errors:
                continue
        try:
            self.new.resolve_scenario(scenario)
        except self._errors as exc:
            raise InputError(str(exc), path="--scenario") from None

    def items(
        self, paths: Sequence[str], scenario: str | None, loaders: Mapping[str, Any]
    ) -> Iterator[Any]:
        """Every configuration of the inventories, streamed; InputError at once (before any of
        them is checked) when a file as a whole is unusable."""
        sources = []
        for path in paths:
            try:
                sources.append(self._reader.read_configs(path, loaders, scenario))
            except self._errors as exc:
                where = getattr(exc, "where", None) or path
                raise InputError(getattr(exc, "message", str(exc)), path=where) from None

        def chain() -> Iterator[Any]:
            for source in sources:
                yield from source

        return chain()

    # -- checking ----------------------------------------------------------------------------

    def _knows(self, side: int, name: object) -> bool:
        cache = self._known[side]
        known = cache.get(name)
        if known is None:
            v = self.old if side == 0 else self.new
            try:
                v.resolve_fact(name)
                known = True
            except self._errors:
                known = False
            except TypeError:  # an unhashable name: let validate say what is wrong
                return True
            cache[name] = known
        return known

    def _verdict(self, side: int, config: Mapping[str, Any], scenario: str | None) -> Verdict:
        v = self.old if side == 0 else self.new
        facts = config.get("facts")
        unchecked: tuple[str, ...] = ()
        if isinstance(facts, Mapping):
            try:
                missing = [n for n in facts if not self._knows(side, n)]
            except TypeError:
                missing = []
            if missing:
                # only what the other revision knows is left out; unknown to both stays in
                missing = [n for n in missing if self._knows(1 - side, n)]
                if missing:
                    config = {
                        **config,
                        "facts": {k: x for k, x in facts.items() if k not in missing},
                    }
                    unchecked = tuple(str(n) for n in missing)
        try:
            report = v.validate(config, scenario)
        except self._errors as exc:
            return Verdict("unusable", None, (), getattr(exc, "message", str(exc)), unchecked)
        return Verdict(
            "pass" if report.ok else "fail", report.scenario, report.findings, None, unchecked
        )

    # -- CSV rows ----------------------------------------------------------------------------

    def _lanes_of(self, lane: Any, scenario: str | None) -> _Lanes | None:
        """Each revision's own lane over the CSV inventory `lane` reads (made once per file)."""
        got = self._lanes.get(id(lane))
        if got is None or got[0] is not lane:
            got = (lane, self._make_lanes(lane, scenario))
            self._lanes[id(lane)] = got
        return got[1]

    def _make_lanes(self, lane: Any, scenario: str | None) -> _Lanes | None:
        """A lane per revision over the columns it knows, the cells read as the shared reader
        reads them (so each side sees the values `_verdict` would give it); None, to check
        the file's rows the long way, when a revision would see two columns as one fact."""
        made: list[Any] = []
        missing: list[tuple[tuple[int, str], ...]] = []
        for side, v, module in ((0, self.old, self.old_module), (1, self.new, self.new_module)):
            mine: list[Any] = []
            left: list[tuple[int, str]] = []
            rows: set[str] = set()
            for c in lane.fact_columns:
                if self._knows(side, c.header):
                    row = v.resolve_fact(c.header)
                    if row in rows:
                        return None
                    rows.add(row)
                    mine.append(module._Column(c.at, c.header, row, c.read))
                elif self._knows(1 - side, c.header):
                    left.append((c.at, c.header))
                else:
                    return None
            if not mine:
                return None
            made.append(module._CsvLane(v, list(lane.columns), mine, scenario))
            missing.append(tuple(left))
        return _Lanes((made[0], made[1]), (missing[0], missing[1]))

    def _row_report(self, lanes: _Lanes, side: int, row: Any, scenario: str | None) -> Any:
        """One revision's word on a CSV row from its lane: its Report, or the Verdict of a row
        it cannot check (or whose scenario is for `validate` to name)."""
        try:
            report = lanes.lanes[side].report(row.record, scenario)
        except self._errors as exc:
            message = getattr(exc, "message", str(exc))
            return Verdict("unusable", None, (), message, lanes.unchecked(side, row.record))
        if report is None:
            return self._verdict(side, row, scenario)
        return report

    # -- the run -----------------------------------------------------------------------------

    def run(  # noqa: C901 - the loop every row goes through, kept whole
        self, items: Iterable[Any], scenario: str | None, summary: Summary, err: TextIO
    ) -> Iterator[Impact]:
        """The configurations whose verdict or findings changed, in inventory order; one
        unusable under both revisions is written to `err` as `file:line: name: message`."""
        # CSV rows whose two reports hold findings seen together before with no change
        # between them (or none at all) are only counted, by (old ok, new ok), at the end.
        counted: Counter[tuple[bool, bool]] = Counter()
        alike: dict[tuple[int, int], tuple[Any, Any]] = {}
        row_type, row_report = self._row_type, self._row_report
        try:
            for item in items:
                config = item.config
                if config is None:
                    broken = Verdict("unusable", None, (), item.error)
                    summary.add(broken, broken, None)
                    err.write(f"{item.where}: {item.name}: {item.error}\n")
                    continue
                lanes = self._lanes_of(config.lane, scenario) if type(config) is row_type else None
                if lanes is None:
                    old = self._verdict(0, config, scenario)
                    new = self._verdict(1, config, scenario)
                    yield from self._judge(item, old, new, summary, err)
                    continue
                old = row_report(lanes, 0, config, scenario)
                new = row_report(lanes, 1, config, scenario)
                if type(old) is not Verdict and type(new) is not Verdict:
                    fo, fn = old.findings, new.findings
                    if not fo and not fn:
                        counted[True, True] += 1
                        continue
                    key = (id(fo), id(fn))  # a cell's findings are one tuple, row after row
                    seen = alike.get(key)
                    if seen is not None and seen[0] is fo and seen[1] is fn:
                        counted[old.ok, new.ok] += 1
                        continue
                    if _classify(_of_report(old), _of_report(new)) is None:
                        if len(alike) < _ALIKE:
                            alike[key] = (fo, fn)
                        counted[old.ok, new.ok] += 1
                        continue
                if type(old) is not Verdict:
                    old = _of_report(old, lanes.unchecked(0, config.record))
                if type(new) is not Verdict:
                    new = _of_report(new, lanes.unchecked(1, config.record))
                yield from self._judge(item, old, new, summary, err)
        finally:
            for (ok_old, ok_new), n in counted.items():
                summary.configurations += n
                summary.old["pass" if ok_old else "fail"] += n
                summary.new["pass" if ok_new else "fail"] += n

    def _judge(
        self, item: Any, old: Verdict, new: Verdict, summary: Summary, err: TextIO
    ) -> Iterator[Impact]:
        """One configuration's two verdicts counted, and its Impact when they differ."""
        if old.state == new.state == "unusable":  # bad input, whatever each side says
            err.write(f"{item.where}: {item.name}: {new.error}\n")
            summary.add(old, new, None)
            return
        found = _classify(old, new)
        impact = None
        if found is not None:
            impact = Impact(item.name, item.where, found[0], old, new, found[1], found[2])
        summary.add(old, new, impact)
        if impact is not None:
            yield impact

    def label(self, v: Verdict, side: int) -> str:
        """The scenario's label on that side (or '?' when none was resolved)."""
        matrix = self.old if side == 0 else self.new
        return str(matrix.labels.get(v.scenario, v.scenario)) if v.scenario else "?"


# ---------------------------------------------------------------------------------------------
# Reports


def _finding_line(f: Any) -> str:
    return f"{f.severity}: {f.message} [{f.path}:{f.line}]"  # the message names the fact


def _state(v: Verdict) -> str:
    return v.state.upper() if v.state != "unusable" else f"UNUSABLE ({v.error})"


def write_text(
    fleet: Fleet, impacts: Iterable[Impact], out: TextIO, summary: Summary, changes: Changes
) -> None:
    """For people: each configuration that changed, its findings gone (-) and new (+)."""
    from compiler.diff.render import summary as matrix_summary

    o, n = changes.old, changes.new
    out.write(f"--- {o.path} ({o.date or 'undated'})\n+++ {n.path} ({n.date or 'undated'})\n")
    out.write(f"matrix: {matrix_summary(changes)}\n")
    for imp in impacts:
        out.write(
            f"\n{TITLES[imp.kind].upper()} {imp.name} ({fleet.label(imp.new, 1)}) — {imp.where}: "
            f"{_state(imp.old)} → {_state(imp.new)}\n"
        )
        for f in imp.removed:
            out.write(f"  - {_finding_line(f)}\n")
        for f in imp.added:
            out.write(f"  + {_finding_line(f)}\n")
        for which, v in (("old", imp.old), ("new", imp.new)):
            for fact in v.unchecked:
                out.write(f"  note: {fact!r} has no row in the {which} revision: not checked\n")
    out.write("\n" + headline(summary) + "\n")


def headline(summary: Summary) -> str:
    """'5 configurations: 1 newly failing, ... 2 unchanged' (old and new pass/fail counts)."""
    kinds = ", ".join(f"{summary.kinds[k]} {TITLES[k]}" for k in KINDS)
    states = "; ".join(
        f"{name} {c['pass']} pass, {c['fail']} fail, {c['unusable']} unusable"
        for name, c in (("old", summary.old), ("new", summary.new))
    )
    return (
        f"{summary.configurations} configurations: {kinds}, {summary.unchanged} unchanged "
        f"({states})"
    )


def _finding_json(f: Any) -> dict[str, Any]:
    d: dict[str, Any] = f.to_dict()
    return d


def _verdict_json(fleet: Fleet, v: Verdict, side: int) -> dict[str, Any]:
    return {
        "verdict": v.state,
        "scenario": v.scenario,
        "scenario_label": fleet.label(v, side) if v.scenario else None,
        "error": v.error,
        "unchecked": list(v.unchecked),
    }


def write_json(
    fleet: Fleet, impacts: Iterable[Impact], out: TextIO, summary: Summary, changes: Changes
) -> None:
    """{old, new, matrix: {bump, counts}, configurations: [...], summary}, streamed."""

    def side(s: Any) -> dict[str, Any]:
        return {"path": s.path, "date": s.date, "sha256": s.sha256, "id": s.id}

    out.write('{"old": ' + json.dumps(side(changes.old), sort_keys=True, ensure_ascii=False))
    out.write(', "new": ' + json.dumps(side(changes.new), sort_keys=True, ensure_ascii=False))
    matrix = {"bump": changes.bump, "counts": changes.counts()}
    out.write(', "matrix": ' + json.dumps(matrix, sort_keys=True) + ', "configurations": [')
    first = True
    for imp in impacts:
        entry = {
            "name": imp.name,
            "where": imp.where,
            "change": imp.kind,
            "old": _verdict_json(fleet, imp.old, 0),
            "new": _verdict_json(fleet, imp.new, 1),
            "removed": [_finding_json(f) for f in imp.removed],
            "added": [_finding_json(f) for f in imp.added],
        }
        out.write(
            ("\n  " if first else ",\n  ") + json.dumps(entry, sort_keys=True, ensure_ascii=False)
        )
        first = False
    out.write('\n], "summary": ' + json.dumps(summary.to_dict(), sort_keys=True) + "}\n")


def write_markdown(
    fleet: Fleet, impacts: Iterable[Impact], out: TextIO, summary: Summary, changes: Changes
) -> None:
    """A pull-request comment: the counts first (newly failing first), then a table per kind of
    at most MARKDOWN_ROWS configurations, saying how many more there are."""
    from compiler.diff.render import md_code, md_escape

    kept: dict[str, list[Impact]] = {k: [] for k in KINDS}
    for imp in impacts:  # streamed: only the first rows of each kind are held
        if len(kept[imp.kind]) < MARKDOWN_ROWS:
            kept[imp.kind].append(imp)
    counts = [f"{summary.kinds[k]} {TITLES[k]}" for k in KINDS]
    if summary.kinds["newly_failing"]:
        counts[0] = f"**▼ {counts[0]}**"
    head = (
        f"**matrixc fleet impact:** {' · '.join(counts)} · {summary.unchanged} unchanged, "
        f"of {summary.configurations} configurations — matrix {changes.bump} bump"
    )
    out.write(head + "\n\n")
    out.write(f"{md_code(changes.old.path)} → {md_code(changes.new.path)}\n")

    def cell(text: str) -> str:
        return md_escape(text[:300] + ("…" if len(text) > 300 else ""))

    for kind in KINDS:
        rows = kept[kind]
        if not rows:
            continue
        out.write(f"\n### {TITLES[kind].capitalize()} ({summary.kinds[kind]})\n\n")
        out.write("| configuration | where | scenario | verdict | what changed |\n")
        out.write("|---|---|---|---|---|\n")
        for imp in rows:
            what = [f"− {cell(_finding_line(f))}" for f in imp.removed]
            what += [f"+ {cell(_finding_line(f))}" for f in imp.added]
            what += [
                f"{cell(repr(fact))} not checked: no row in the {which} revision"
                for which, v in (("old", imp.old), ("new", imp.new))
                for fact in v.unchecked
            ]
            if imp.new.error and imp.new.state == "unusable":
                what.append("new: " + cell(imp.new.error))
            verdict = f"{imp.old.state} → {imp.new.state}"
            out.write(
                f"| {cell(imp.name)} | {cell(imp.where)} | {cell(fleet.label(imp.new, 1))} | "
                f"{verdict} | {'<br>'.join(what)} |\n"
            )
        more = summary.kinds[kind] - len(rows)
        if more > 0:
            out.write(f"\n*… and {more} more {TITLES[kind]} (`--format json` lists them all).*\n")


WRITERS: dict[str, Callable[[Fleet, Iterable[Impact], TextIO, Summary, Changes], None]] = {
    "text": write_text,
    "json": write_json,
    "markdown": write_markdown,
}


def yaml_loader(module: ModuleType) -> Callable[[str], Any]:
    """YAML configurations as `matrixc validate` reads them, errors as the module's."""
    from compiler.project.sources import load_yaml

    def load(text: str) -> Any:
        try:
            return load_yaml(text)
        except ValueError as exc:
            raise module.ConfigError(str(exc)) from None

    return load


def fleet_impact(  # noqa: PLR0913 - the CLI's options, passed by keyword
    old: RuleFile,
    new: RuleFile,
    paths: Sequence[str],
    *,
    changes: Changes,
    scenario: str | None = None,
    fmt: str = "text",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> Summary:
    """Run the inventories past both revisions and write the report; returns the counts."""
    fleet = Fleet(old, new)
    fleet.check_scenario(scenario)
    load = yaml_loader(fleet.new_module)
    items = fleet.items(paths, scenario, {".yaml": load, ".yml": load})
    summary = Summary()
    impacts = fleet.run(items, scenario, summary, err or sys.stderr)
    WRITERS[fmt](fleet, impacts, out or sys.stdout, summary, changes)
    return summary
