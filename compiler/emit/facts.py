"""The facts a configuration states about a machine, derived once from a versioned rule file.

A fact is a row of the matrix: what kinds of value it takes (a feature used or not, a count,
a size, a name, ...), by which names a configuration reaches it (row id, short id, key text),
what it says per scenario, and which notes travel with a finding. Conditions ("for generation
2 VMs") become facts of their own with the rows their value can be read from. The generated
validator (`emit.validator`) and the input JSON Schema (`emit.input_schema`) are both written
from these typed objects, so they cannot disagree on what a fact is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from compiler.model.matrix import Constraint, Scenario, Source, Stage, Status
from compiler.model.rulefile import Rule, RuleFile

ValueKind = Literal["bool", "count", "size", "rate", "name", "enum", "version"]

# Which kind of value each constraint kind checks; "bool" is a feature a configuration uses.
VALUE_KIND: Mapping[str, ValueKind] = {
    "count": "count",
    "size": "size",
    "rate": "rate",
    "length": "name",
    "charset": "name",
    "affix": "name",
    "allowed_values": "enum",
    "min_version": "version",
    "version_range": "version",
    "max_version": "version",
}
STRING_KINDS: frozenset[tuple[ValueKind, ...]] = frozenset({("name",), ("enum",), ("enum", "name")})


@dataclass(frozen=True)
class ScenarioRule:
    """What a row says for one scenario."""

    scenario: str
    status: Status | None
    text: str
    constraints: tuple[Constraint, ...]
    stage: Stage | None  # a preview, deprecated or retired one is said to who uses it


@dataclass(frozen=True)
class Fact:
    """One row as a configuration sees it."""

    row: str
    key: str
    section: str
    section_title: str
    line: int
    accepts: tuple[ValueKind, ...]  # sorted; () = the row has no checkable rule
    anchor: str  # the row on the site: matrices/<id>/#<row id>
    notes: tuple[str, ...]  # the row's notes, then its section's
    names: tuple[str, ...]  # case-folded short id / key text, when they name this row alone
    rules: tuple[ScenarioRule, ...]  # in document order

    @property
    def scenarios(self) -> tuple[str, ...]:
        return tuple(r.scenario for r in self.rules)

    def rule(self, scenario: str) -> ScenarioRule | None:
        return next((r for r in self.rules if r.scenario == scenario), None)

    @property
    def takes_string_only(self) -> bool:
        """A name or an allowed value: the JSON Schema can state its checks."""
        return self.accepts in STRING_KINDS


@dataclass(frozen=True)
class ConditionSource:
    """A row a condition's value can be read from: allowed values spelled "<fact> <value>"
    (`values`: case-folded spelling -> value), or a feature named "<fact>-<value>-..."."""

    row: str
    values: Mapping[str, str] | None = None
    when_true: str | None = None


@dataclass(frozen=True)
class ConditionFact:
    """A fact that only conditional limits test ('generation')."""

    fact: str
    name: str | None  # its case-folded name, unless a row already answers to it
    sources: tuple[ConditionSource, ...]


@dataclass(frozen=True)
class MatrixFacts:
    """Everything the validator and the input schema know about one matrix."""

    id: str
    title: str
    version: str
    source: Source
    site_page: str
    scenarios: tuple[Scenario, ...]
    facts: tuple[Fact, ...]
    ambiguous: Mapping[str, tuple[str, ...]]  # case-folded name -> the rows it could mean
    conditions: tuple[ConditionFact, ...]  # sorted by fact


def accepts(rules: Iterable[Rule]) -> tuple[ValueKind, ...]:
    """The kinds of value a row's fact takes, from every scenario's rule; () = no checkable rule."""
    kinds: set[ValueKind] = set()
    for rule in rules:
        if rule.status is not None:
            kinds.add("bool")
        for c in rule.constraints:
            kinds.add(VALUE_KIND[c.kind])
    return tuple(sorted(kinds))


def _names(rows: Mapping[str, list[Rule]]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """(name -> row id, ambiguous name -> row ids): unique short ids and key texts, case-folded.

    A row id always wins over another row's short id or key text.
    """
    claims: defaultdict[str, list[str]] = defaultdict(list)
    for rid, rules in rows.items():
        short = rid.split("/", 1)[-1].casefold()  # after the section: "debian/architectures"
        key = " ".join(rules[0].key.split()).casefold()
        for name in dict.fromkeys((short, key)):
            claims[name].append(rid)
    names: dict[str, str] = {}
    ambiguous: dict[str, tuple[str, ...]] = {}
    for name, rids in claims.items():
        if name in rows:
            continue
        if len(rids) == 1:
            names[name] = rids[0]
        else:
            ambiguous[name] = tuple(rids)
    return names, dict(sorted(ambiguous.items()))


def _condition_sources(
    fact: str, rows: Mapping[str, list[Rule]], kinds: Mapping[str, tuple[ValueKind, ...]]
) -> tuple[ConditionSource, ...]:
    """Where a condition's value ("generation" = "2") can be read from a configuration.

    Besides a fact named after the condition itself: a row of allowed values spelled
    "<Fact> <value>" ("VM type": "Generation 2"), or a feature row "<fact>-<value>-..."
    ("Generation 2 VM": true).
    """
    sources: list[ConditionSource] = []
    spelled = re.compile(rf"{re.escape(fact)}[\s-]*(\w+)", re.IGNORECASE)
    feature = re.compile(rf"{re.escape(fact)}-(\w+)-\w+")
    for rid, rules in rows.items():
        values = {
            v for r in rules for c in r.constraints if c.kind == "allowed_values" for v in c.values
        }
        mapping: dict[str, str] = {}
        for v in sorted(values):
            m = spelled.fullmatch(v.strip())
            if m:
                mapping[" ".join(v.split()).casefold()] = m.group(1)
        if values and len(mapping) == len(values):
            sources.append(ConditionSource(rid, values=mapping))
        m = feature.fullmatch(rid.split("/", 1)[-1])
        if m and "bool" in kinds[rid]:
            sources.append(ConditionSource(rid, when_true=m.group(1)))
    return tuple(sources)


def anchor(matrix_id: str, row_id: str) -> str:
    """The site address of a row: the matrix page and the row id as its HTML anchor."""
    return f"matrices/{matrix_id}/#{row_id}"


def _checked(rule: Rule) -> tuple[Constraint, ...]:
    """A rule's limits as a configuration is checked against them. Where the reader read the
    whole cell, its version ranges are what it allows, alternatives of each other ("v1.21 to
    v1.23"; "5.2 to 5.11" over "6.1 to 6.10"): checked as any_of. Where it left text unread, a
    range is only part of what the cell allows (RHEL's ranges above lists of releases), and
    stays unchecked."""
    lone = [c for c in rule.constraints if c.kind == "version_range" and not c.any_of]
    if not lone or rule.unparsed is not None:
        return rule.constraints
    return tuple(
        c.model_copy(update={"any_of": True}) if c in lone else c for c in rule.constraints
    )


def matrix_facts(rf: RuleFile) -> MatrixFacts:
    """The typed facts of a (versioned) rule file."""
    rows: dict[str, list[Rule]] = {}
    for rule in rf.rules:
        rows.setdefault(rule.row, []).append(rule)
    sections = {s.id: s for s in rf.sections}
    kinds = {rid: accepts(rules) for rid, rules in rows.items()}
    names, ambiguous = _names(rows)
    named: dict[str, list[str]] = defaultdict(list)
    for name, rid in sorted(names.items()):
        named[rid].append(name)

    facts: list[Fact] = []
    for rid, rules in rows.items():
        first = rules[0]
        section = sections.get(first.section)
        section_notes = [n.text for n in section.notes] if section else []
        facts.append(
            Fact(
                row=rid,
                key=first.key,
                section=first.section,
                section_title=section.title if section else first.section,
                line=first.line,
                accepts=kinds[rid],
                anchor=anchor(rf.id, rid),
                notes=tuple(dict.fromkeys([*first.notes, *section_notes])),
                names=tuple(named[rid]),
                rules=tuple(
                    ScenarioRule(r.scenario, r.status, r.text, _checked(r), r.stage) for r in rules
                ),
            )
        )

    taken = set(rows) | set(names)
    conditions: list[ConditionFact] = []
    for fact in sorted(
        {c.condition.fact for r in rf.rules for c in r.constraints if c.condition is not None}
    ):
        name = fact.casefold()
        conditions.append(
            ConditionFact(
                fact, None if name in taken else name, _condition_sources(fact, rows, kinds)
            )
        )
        taken.add(name)

    return MatrixFacts(
        id=rf.id,
        title=rf.title,
        version=rf.version,
        source=rf.source,
        site_page=f"matrices/{rf.id}/",
        scenarios=rf.scenarios,
        facts=tuple(facts),
        ambiguous=ambiguous,
        conditions=tuple(conditions),
    )
