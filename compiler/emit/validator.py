"""Generated validators: one stdlib-only Python module and one input JSON Schema per matrix.

Every decision is made here, in Python, from the rule file's model: which rows are facts, what
type of value each fact takes, which names (row id, short id, key text) reach it, which cell
speaks for which scenario (that comes from `rules.derive_rules`), which notes travel with a
finding, and where a condition such as "for generation 2 VMs" finds its value. The result is one
plain data structure per matrix. The template (`templates/validator.py.j2`) only substitutes: it
carries a fixed interpreter of that data, and the data enters it as a JSON literal (`repr` of a
string), so nothing a document says can become code.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from compiler import __version__
from compiler.model.jsonstyle import dumps
from compiler.model.matrix import Constraint, Matrix
from compiler.model.rulefile import Rule, RuleFile

TEMPLATE = "validator.py.j2"
SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
BAD_STATUSES = ("not_supported", "not_applicable")

# A size as a configuration writes it: "40 TB", "4095 GiB", "512MB". Kept in step with the
# template's _SIZE (the generated module may not import this package).
SIZE_PATTERN = r"^\s*[0-9]+(?:\.[0-9]+)?\s*(?:[KMGTPE]i?B|B|bytes?)\s*$"
RATE_PATTERN = r"^\s*[0-9]+(?:\.[0-9]+)?\s*(?:[KMGTPE]i?B|B)(?:/s|ps)\s*$"
VERSION_PATTERN = r"^\s*[0-9]+(?:\.[0-9]+)+\s*$"

# Which kind of value each constraint kind checks; "bool" is a feature a configuration uses.
_VALUE_KIND = {
    "count": "count",
    "size": "size",
    "rate": "rate",
    "length": "name",
    "charset": "name",
    "affix": "name",
    "allowed_values": "enum",
    "min_version": "version",
}
_PYTYPE = {
    "bool": "bool",
    "count": "int | float",
    "size": "str",
    "rate": "str",
    "name": "str",
    "enum": "str",
    "version": "str",
}


def _constraint(c: Constraint) -> dict[str, Any]:
    """A constraint as the generated module reads it (short keys, no defaults)."""
    out: dict[str, Any] = {"kind": c.kind, "text": c.text}
    for key, value in (
        ("min", c.minimum),
        ("max", c.maximum),
        ("pattern", c.pattern),
        ("version", c.version),
        ("subject", c.subject),
    ):
        if value is not None:
            out[key] = value
    if c.exclusive_minimum:
        out["xmin"] = True
    if c.exclusive_maximum:
        out["xmax"] = True
    if c.values:
        out["values"] = list(c.values)
    if c.condition is not None:
        out["if"] = {
            "fact": c.condition.fact,
            "value": c.condition.value,
            "text": c.condition.text,
        }
    return out


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
                "constraints": [_constraint(c) for c in rule.constraints],
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


# ---------------------------------------------------------------------------------------------
# The module


def _py(value: object) -> str:
    """A Python literal for a str/int/float/bool/None: the only way data enters the template."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return repr(value)
    raise TypeError(f"no literal for {type(value).__name__}")


def _py_key(value: str, width: int = 80) -> str:
    """A string literal for a dict key, split into parenthesized pieces when it is long."""
    if len(repr(value)) <= width:
        return repr(value)
    pieces = [repr(value[i : i + width - 10]) for i in range(0, len(value), width - 10)]
    inner = "\n            ".join(pieces)
    return f"(\n            {inner}\n        )"


def _json_chunks(data: object, width: int = 88) -> list[str]:
    """The data as ASCII JSON, cut into `repr`'d pieces (each at most `width` characters) that
    concatenate back to it."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    chunks: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + width - 2)
        while len(repr(text[start:end])) > width:
            end -= max(1, (len(repr(text[start:end])) - width) // 2)
        chunks.append(repr(text[start:end]))
        start = end
    return chunks


@cache
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=False,  # noqa: S701 - Python source, not HTML; data goes through `py`
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    env.filters["py"] = _py
    env.filters["py_key"] = _py_key
    return env.get_template(TEMPLATE)


def render_validator(rf: RuleFile) -> str:
    """The generated module's source for a rule file: byte-identical for the same input."""
    data = validator_data(rf)
    typed = [
        {
            "row": f["row"],
            "pytype": " | ".join(
                dict.fromkeys(t for k in f["accepts"] for t in _PYTYPE[k].split(" | "))
            )
            or "object",
        }
        for f in data["facts"]
    ]
    text: str = _template().render(
        generator=f"matrixc {__version__}",
        matrix_id=rf.id,
        title=rf.title,
        version=rf.version,
        source_path=rf.source.path,
        source_sha256=rf.source.sha256,
        source_date=rf.source.date,
        site_page=data["site_page"],
        typed_facts=typed,
        data_chunks=_json_chunks(data),
    )
    return text


def _rule_file(matrix: Matrix, previous: dict[str, object] | None) -> RuleFile:
    """The rule file `build` writes for this matrix, so the module carries the same version."""
    from compiler.emit.versioning import emit_versioned

    text = emit_versioned(matrix, previous)[f"rules/{matrix.id}.json"]
    return RuleFile.model_validate_json(text)


def emit_validator(matrix: Matrix, previous: dict[str, object] | None = None) -> str:
    """generated/validators/<id>.py: a standard-library-only module checking configurations."""
    return render_validator(_rule_file(matrix, previous))


# ---------------------------------------------------------------------------------------------
# The input schema


def _bounds(c: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "min" in c:
        out["exclusiveMinimum" if c.get("xmin") else "minimum"] = c["min"]
    if "max" in c:
        out["exclusiveMaximum" if c.get("xmax") else "maximum"] = c["max"]
    return out


def _string_checks(constraints: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """JSON Schema for a name's length, character and affix rules and an allowed list."""
    checks: list[dict[str, Any]] = []
    for c in constraints:
        if c["kind"] == "length":
            length: dict[str, Any] = {}
            if "min" in c:
                length["minLength"] = int(c["min"]) + (1 if c.get("xmin") else 0)
            if "max" in c:
                length["maxLength"] = int(c["max"]) - (1 if c.get("xmax") else 0)
            checks.append(length)
        elif c["kind"] in ("charset", "affix") and "pattern" in c:
            checks.append({"pattern": c["pattern"]})
        elif c["kind"] == "allowed_values":
            checks.append({"enum": c["values"]})
    return checks


def _scenario_property(fact: dict[str, Any], rule: dict[str, Any]) -> dict[str, Any] | None:
    """What one scenario adds to a fact's schema: a forbidden feature, bounds, name rules."""
    parts: list[dict[str, Any]] = []
    if rule["status"] in BAD_STATUSES:
        parts.append({"not": {"const": True}})
    plain = [c for c in rule["constraints"] if "if" not in c]
    for c in plain:
        if c["kind"] == "count":
            bounds = _bounds(c)
            if bounds:
                parts.append({"if": {"type": "number"}, "then": bounds})
    strings = _string_checks(plain)
    if strings and fact["accepts"] in (["name"], ["enum"], ["enum", "name"]):
        parts.extend(strings)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"allOf": parts}


def _fact_type(accepts: list[str]) -> dict[str, Any]:
    """The shape of a fact's value, from the kinds of value its rules check."""
    options: list[dict[str, Any]] = []
    if "bool" in accepts:
        options.append({"type": "boolean"})
    if "count" in accepts:
        options.append({"type": "number"})
    if "size" in accepts:
        options.append({"type": "string", "pattern": SIZE_PATTERN})
    if "rate" in accepts:
        options.append({"type": "string", "pattern": RATE_PATTERN})
    if "version" in accepts:
        options.append({"type": "string", "pattern": VERSION_PATTERN})
    if "name" in accepts or "enum" in accepts:
        options.append({"type": "string"})
    if not options:
        return {}
    return options[0] if len(options) == 1 else {"anyOf": options}


def input_schema(rf: RuleFile) -> dict[str, Any]:
    """JSON Schema 2020-12 of a configuration for this matrix, scenario checks in `allOf`.

    Facts are keyed by row id (the validator also takes short ids and key texts). Checks the
    schema cannot state are left to the validator: sizes with units, conditional limits
    ("for generation 2 VMs"), version floors, and case-insensitive matching of allowed values.
    """
    data = validator_data(rf)
    properties: dict[str, Any] = {}
    for fact in data["facts"]:
        prop: dict[str, Any] = {
            "title": fact["key"],
            "description": (
                f"{fact['section_title']} › {fact['key']} "
                f"({rf.source.path}, line {fact['line']}; {fact['anchor']})"
            ),
        }
        prop.update(_fact_type(fact["accepts"]))
        texts = {data["rules"][s][fact["row"]]["text"] for s in fact["scenarios"]}
        if not fact["accepts"]:
            prop["description"] += ". No checkable rule: " + " / ".join(sorted(texts))
        elif fact["accepts"] in (["name"], ["enum"], ["enum", "name"]):
            shared = [
                _string_checks(data["rules"][s][fact["row"]]["constraints"])
                for s in fact["scenarios"]
            ]
            if (
                shared
                and all(x == shared[0] for x in shared)
                and len(fact["scenarios"]) == len(data["scenarios"])
            ):
                for check in shared[0]:
                    if "pattern" in check and "pattern" in prop:
                        prop.setdefault("allOf", []).append(check)
                    else:
                        prop.update(check)
        properties[fact["row"]] = prop
    for target in data["names"].values():
        if target.startswith("?"):
            properties[target[1:]] = {
                "title": target[1:],
                "description": "Feeds conditional limits ('for generation 2 VMs').",
                "type": ["string", "integer"],
            }

    scenario_names = {
        s["id"]: sorted({s["id"], s["label"], *s["aliases"]}) for s in data["scenarios"]
    }
    branches: list[dict[str, Any]] = []
    for sid, spellings in scenario_names.items():
        scen_props: dict[str, Any] = {}
        for fact in data["facts"]:
            rule = data["rules"][sid].get(fact["row"])
            if rule is None:
                continue
            extra = _scenario_property(fact, rule)
            if extra is not None:
                scen_props[fact["row"]] = extra
        if scen_props:
            branches.append(
                {
                    "if": {
                        "properties": {"scenario": {"enum": spellings}},
                        "required": ["scenario"],
                    },
                    "then": {"properties": {"facts": {"properties": scen_props}}},
                }
            )
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"https://matrixc.invalid/schema/{rf.id}.input.schema.json",
        "title": f"A configuration to check against: {rf.title}",
        "description": (
            f"Generated by matrixc {__version__} from {rf.source.path} (sha256 "
            f"{rf.source.sha256[:12]}), rule file version {rf.version}. Sizes are strings with "
            "a unit; KB..PB and KiB..PiB are all 1024-based."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["facts"],
        "properties": {
            "name": {"type": "string"},
            "scenario": {"enum": sorted({n for v in scenario_names.values() for n in v})},
            "facts": {
                "type": "object",
                "additionalProperties": False,
                "properties": properties,
            },
        },
    }
    if branches:
        schema["allOf"] = branches
    return schema


def emit_input_schema(matrix: Matrix, previous: dict[str, object] | None = None) -> str:
    """generated/schema/<id>.input.schema.json."""
    return dumps(input_schema(_rule_file(matrix, previous)))


def emit_outputs(matrix: Matrix, previous: dict[str, object] | None = None) -> dict[str, str]:
    """generated/validators/<id>.py and generated/schema/<id>.input.schema.json."""
    rf = _rule_file(matrix, previous)
    return {
        f"validators/{matrix.id}.py": render_validator(rf),
        f"schema/{matrix.id}.input.schema.json": dumps(input_schema(rf)),
    }
