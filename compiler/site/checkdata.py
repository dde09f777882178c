"""The data the in-browser configuration check (assets/check.js) runs on, from a rule file.

The same derivation the generated validator used for its embedded data when check.js was
written: facts with the kinds of value they accept, every spelling of their names, the rules per
scenario and where conditional limits read their condition. tests/browser/test_site_check.py
holds check.js's findings equal to `matrixc validate`'s on this data.

The site publishes it in `compact` form (`api/<id>/<version>.check.json`): what check.js can
derive on load is left out (each row's anchor, every row id naming itself, section titles and
notes repeated on every row of a section, row ids where an index does), and check.js's `expand`
(like `expand` here, which a test holds to be the inverse) restores `validator_data`'s shape.
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


COMPACT = 2  # "format" of the compact form


def compact(data: dict[str, Any]) -> dict[str, Any]:
    """`validator_data` without what can be derived again: a third of its bytes."""
    facts = data["facts"]
    index = {f["row"]: i for i, f in enumerate(facts)}
    notes: dict[str, int] = {}
    sections: dict[str, str] = {}
    rows = []
    for f in facts:
        sections.setdefault(f["section"], f["section_title"])
        rows.append(
            [
                f["row"],
                f["key"],
                f["section"],
                f["line"],
                f["accepts"],
                [notes.setdefault(n, len(notes)) for n in f["notes"]],
                f["scenarios"],
            ]
        )
    return {
        "format": COMPACT,
        **{k: data[k] for k in ("id", "title", "version", "source", "site_page", "scenarios")},
        "sections": sections,
        "notes": list(notes),
        "facts": rows,
        "names": {n: index.get(t, t) for n, t in data["names"].items() if n != t},
        "ambiguous": {n: [index[r] for r in rids] for n, rids in data["ambiguous"].items()},
        "rules": {
            sid: [
                [index[rid], r["status"], r["text"], r["constraints"]] for rid, r in rules.items()
            ]
            for sid, rules in data["rules"].items()
        },
        "conditions": data["conditions"],
    }


def expand(data: dict[str, Any]) -> dict[str, Any]:
    """`compact`'s inverse, as check.js computes it on load."""
    facts = [
        {
            "row": row,
            "key": key,
            "section": section,
            "section_title": data["sections"][section],
            "line": line,
            "accepts": accepts,
            "anchor": f"{data['site_page']}#{row}",
            "notes": [data["notes"][i] for i in notes],
            "scenarios": scenarios,
        }
        for row, key, section, line, accepts, notes, scenarios in data["facts"]
    ]
    names = {f["row"]: f["row"] for f in facts}
    names.update(
        {n: facts[t]["row"] if isinstance(t, int) else t for n, t in data["names"].items()}
    )
    return {
        **{k: data[k] for k in ("id", "title", "version", "source", "site_page", "scenarios")},
        "facts": facts,
        "names": dict(sorted(names.items())),
        "ambiguous": {n: [facts[i]["row"] for i in v] for n, v in data["ambiguous"].items()},
        "rules": {
            sid: {
                facts[i]["row"]: {"status": status, "text": text, "constraints": constraints}
                for i, status, text, constraints in rules
            }
            for sid, rules in data["rules"].items()
        },
        "conditions": data["conditions"],
    }
