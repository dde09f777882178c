"""The data the in-browser configuration check (assets/check.js) runs on, from a rule file.

The same derivation the generated validator used for its embedded data when check.js was
written: facts with the kinds of value they accept, every spelling of their names, the rules per
scenario and where conditional limits read their condition. tests/browser/test_site_check.py
holds check.js's findings equal to `matrixc validate`'s on this data.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from compiler.emit.validator import constraint_data
from compiler.model.rulefile import Rule, RuleFile

_VALUE_KIND = {
    "count": "count",
    "size": "size",
    "rate": "rate",
    "length": "name",
    "charset": "name",
    "affix": "name",
    "allowed_values": "enum",
    "min_version": "version",
    "version_range": "version",
}


def _accepts(rules: Iterable[Rule]) -> list[str]:
    """The kinds of value a row's fact takes, from every scenario's rule; [] = no checkable rule."""
    kinds: set[str] = set()
    for rule in rules:
        if rule.status is not None:
            kinds.add("bool")
        for c in rule.constraints:
            kinds.add(_VALUE_KIND[c.kind])
    return sorted(kinds)


def _fact_names(rows: dict[str, list[Rule]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(name -> row id, ambiguous name -> row ids): row ids, unique short ids, unique key texts.

    Names other than row ids are case-folded; a row id always wins over another row's short id.
    """
    names: dict[str, str] = {rid: rid for rid in rows}
    claims: defaultdict[str, list[str]] = defaultdict(list)
    for rid, rules in rows.items():
        short = rid.rsplit("/", 1)[-1].casefold()
        key = " ".join(rules[0].key.split()).casefold()
        for name in dict.fromkeys((short, key)):
            claims[name].append(rid)
    ambiguous: dict[str, list[str]] = {}
    for name, rids in claims.items():
        if name in names:
            continue
        if len(rids) == 1:
            names[name] = rids[0]
        else:
            ambiguous[name] = rids
    return names, ambiguous


def _condition_sources(
    fact: str, rows: dict[str, list[Rule]], accepts: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """Where a condition's value ("generation" = "2") can be read from a configuration.

    Besides a fact named after the condition itself: a row of allowed values spelled
    "<Fact> <value>" ("VM type": "Generation 2"), or a feature row "<fact>-<value>-..."
    ("Generation 2 VM": true).
    """
    sources: list[dict[str, Any]] = []
    spelled = re.compile(rf"{re.escape(fact)}[\s-]*(\w+)", re.IGNORECASE)
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
            sources.append({"row": rid, "map": mapping})
        short = rid.rsplit("/", 1)[-1]
        m = re.fullmatch(rf"{re.escape(fact)}-(\w+)-\w+", short)
        if m and "bool" in accepts[rid]:
            sources.append({"row": rid, "when_true": m.group(1)})
    return sources


def _anchor(matrix_id: str, row_id: str) -> str:
    """The site address of a row: the matrix page and the row id as its HTML anchor."""
    return f"matrices/{matrix_id}/#{row_id}"


def validator_data(rf: RuleFile) -> dict[str, Any]:
    """Everything the generated module knows about one matrix, as plain JSON-able data."""
    rows: dict[str, list[Rule]] = {}
    for rule in rf.rules:
        rows.setdefault(rule.row, []).append(rule)
    sections = {s.id: s for s in rf.sections}
    accepts = {rid: _accepts(rules) for rid, rules in rows.items()}
    names, ambiguous = _fact_names(rows)

    facts: list[dict[str, Any]] = []
    for rid, rules in rows.items():
        first = rules[0]
        section = sections.get(first.section)
        section_notes = [n.text for n in section.notes] if section else []
        facts.append(
            {
                "row": rid,
                "key": first.key,
                "section": first.section,
                "section_title": section.title if section else first.section,
                "line": first.line,
                "accepts": accepts[rid],
                "anchor": _anchor(rf.id, rid),
                "notes": list(dict.fromkeys([*first.notes, *section_notes])),
                "scenarios": [r.scenario for r in rules],
            }
        )

    by_scenario: dict[str, dict[str, Any]] = {s.id: {} for s in rf.scenarios}
    for rid, rules in rows.items():
        for rule in rules:
            by_scenario.setdefault(rule.scenario, {})[rid] = {
                "status": rule.status,
                "text": rule.text,
                "constraints": [constraint_data(c) for c in rule.constraints],
            }

    condition_facts = sorted(
        {c.condition.fact for r in rf.rules for c in r.constraints if c.condition is not None}
    )
    conditions = {fact: _condition_sources(fact, rows, accepts) for fact in condition_facts}
    for fact in condition_facts:
        names.setdefault(fact.casefold(), f"?{fact}")  # a fact that only feeds conditions

    return {
        "id": rf.id,
        "title": rf.title,
        "version": rf.version,
        "source": rf.source.model_dump(mode="json"),
        "site_page": f"matrices/{rf.id}/",
        "scenarios": [
            {"id": s.id, "label": s.label, "aliases": list(s.aliases)} for s in rf.scenarios
        ],
        "facts": facts,
        "names": dict(sorted(names.items())),
        "ambiguous": dict(sorted(ambiguous.items())),
        "rules": by_scenario,
        "conditions": conditions,
    }
