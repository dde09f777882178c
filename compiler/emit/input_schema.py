"""generated/schema/<id>.input.schema.json: the JSON Schema (2020-12) of a configuration.

Written from the same typed facts as the generated validator (`emit.facts`). Facts are keyed by
row id (the validator also takes short ids and key texts). Checks the schema cannot state are
left to the validator: sizes with units, conditional limits ("for generation 2 VMs"), version
floors, and case-insensitive matching of allowed values.
"""

from __future__ import annotations

import re
from typing import Any

from compiler import __version__
from compiler.emit.facts import Fact, MatrixFacts, ScenarioRule, matrix_facts
from compiler.model.jsonstyle import pretty
from compiler.model.matrix import Constraint
from compiler.model.rulefile import RuleFile

SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
BAD_STATUSES = ("not_supported", "not_applicable")


def _any_case(word: str) -> str:
    """`word` in any case, as a JSON Schema pattern (ECMA 262, no flags) can say it: the
    runtime reads units case-blind ("10 gb", "10 GIGABYTES")."""
    return "".join(f"[{c.upper()}{c.lower()}]" for c in word)


_PREFIX = "[KMGTPEkmgtpe][Ii]?"
_DECIMAL = ("kilo", "mega", "giga", "tera", "peta", "exa")
_BINARY = ("kibi", "mebi", "gibi", "tebi", "pebi", "exbi")
_PREFIX_WORDS = "|".join(map(_any_case, _DECIMAL + _BINARY))
# A size's unit as the runtime's _UNITS knows it: "TB", "GiB", "B", "bytes", "kilobytes",
# "MBytes", any case.
_UNIT = rf"(?:{_PREFIX}[Bb]|[Bb]|(?:{_PREFIX}|{_PREFIX_WORDS})?{_any_case('byte')}[Ss]?)"
# A size as a configuration writes it: "40 TB", "4095 GiB", "512MB", "256 kilobytes". Kept in
# step with the runtime's _SIZE and _UNITS (the generated module may not import this package).
SIZE_PATTERN = rf"^\s*[0-9]+(?:\.[0-9]+)?\s*{_UNIT}\s*$"
# ... and a rate: "54 MB/s", "60 MiB/sec", "650 Mbps" (a small b a bit), the runtime's _RATE.
RATE_PATTERN = (
    rf"^\s*[0-9]+(?:\.[0-9]+)?\s*{_UNIT}"
    rf"(?:/[Ss](?:{_any_case('ec')}(?:{_any_case('ond')})?)?|{_any_case('ps')})\s*$"
)
# A build's suffix ("-eks-1234abc", "+k3s1", "-rc.1"): the validator compares the numbers.
_SUFFIX = r"(?:[-+_][0-9A-Za-z][0-9A-Za-z.+_-]*)?"
VERSION_PATTERN = rf"^\s*[vV]?[0-9]+(?:\.[0-9]+)+{_SUFFIX}\s*$"
# ... and a release by its number alone ("2019"), where a bare number is no size needing a unit.
RELEASE_PATTERN = rf"^\s*[vV]?(?:[0-9]+(?:\.[0-9]+)+{_SUFFIX}|[0-9]+)\s*$"
# A listed version that names a release line ("1.30" of "1.31, 1.30", "16.x"): the runtime's
# _VERSION and _LINE.
_RELEASE = re.compile(r"\s*[vV]?([0-9]+(?:\.[0-9]+)+)\s*")
_LINE = re.compile(r"\s*[vV]?([0-9]+(?:\.[0-9]+)*)\.[xX*]\s*")
_MAJOR = re.compile(r"\s*[vV]?([0-9]+)\s*")


def _bounds(c: Constraint) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if c.minimum is not None:
        out["exclusiveMinimum" if c.exclusive_minimum else "minimum"] = c.minimum
    if c.maximum is not None:
        out["exclusiveMaximum" if c.exclusive_maximum else "maximum"] = c.maximum
    return out


def _string_checks(constraints: tuple[Constraint, ...]) -> list[dict[str, Any]]:
    """JSON Schema for a name's length, character and affix rules and an allowed list."""
    checks: list[dict[str, Any]] = []
    for c in constraints:
        if c.kind == "length":
            length: dict[str, Any] = {}
            if c.minimum is not None:
                length["minLength"] = int(c.minimum) + (1 if c.exclusive_minimum else 0)
            if c.maximum is not None:
                length["maxLength"] = int(c.maximum) - (1 if c.exclusive_maximum else 0)
            checks.append(length)
        elif c.kind in ("charset", "affix") and c.pattern is not None:
            checks.append({"pattern": c.pattern})
        elif c.kind == "allowed_values":
            checks.append(_allowed(c.values))
    return checks


def _allowed(values: tuple[str, ...]) -> dict[str, Any]:
    """An allowed list; where it lists versions, any build of their release lines too ("1.30"
    admits 1.30.4 and v1.30.4, "16.x" 16.2, as the validator reads such a list)."""
    lines = [
        m[1].split(".")
        for v in values
        if (m := _LINE.fullmatch(v) or _RELEASE.fullmatch(v) or _MAJOR.fullmatch(v))
    ]
    if not lines:
        return {"enum": list(values)}
    # Each part as a number (leading zeros are no part of it: "1.07" is 1.7), and the value a
    # dotted version, as the runtime reads them.
    either = "|".join(
        r"\.".join(f"0*{part.lstrip('0') or '0'}" for part in parts)
        + (r"(?:\.[0-9]+)+" if len(parts) == 1 else r"(?:\.[0-9]+)*")
        for parts in lines
    )
    pattern = f"^\\s*[vV]?(?:{either}){_SUFFIX}\\s*$"
    return {"anyOf": [{"enum": list(values)}, {"type": "string", "pattern": pattern}]}


def _scenario_property(fact: Fact, rule: ScenarioRule) -> dict[str, Any] | None:
    """What one scenario adds to a fact's schema: a forbidden feature, bounds, name rules."""
    parts: list[dict[str, Any]] = []
    if rule.status in BAD_STATUSES:
        parts.append({"not": {"const": True}})
    plain = tuple(c for c in rule.constraints if c.condition is None)
    for c in plain:
        if c.kind == "count":
            bounds = _bounds(c)
            if bounds:
                parts.append({"if": {"type": "number"}, "then": bounds})
    strings = _string_checks(plain)
    if strings and fact.takes_string_only:
        parts.extend(strings)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else {"allOf": parts}


def _fact_type(fact: Fact) -> dict[str, Any]:
    """The shape of a fact's value, from the kinds of value its rules check."""
    options: list[dict[str, Any]] = []
    accepts = fact.accepts
    if "bool" in accepts:
        options.append({"type": "boolean"})
    if "count" in accepts:
        options.append({"type": "number"})
    if "size" in accepts:
        options.append({"type": "string", "pattern": SIZE_PATTERN})
    if "rate" in accepts:
        options.append({"type": "string", "pattern": RATE_PATTERN})
    if "version" in accepts:
        sized = "size" in accepts or "rate" in accepts
        options.append({"type": "string", "pattern": VERSION_PATTERN if sized else RELEASE_PATTERN})
        if not sized and "count" not in accepts:  # a release by its number: 12, 2019
            options.append({"type": "integer", "minimum": 0})
    if "name" in accepts or "enum" in accepts:
        options.append({"type": "string"})
    if not options:
        return {}
    return options[0] if len(options) == 1 else {"anyOf": options}


def _fact_property(mf: MatrixFacts, fact: Fact) -> dict[str, Any]:
    prop: dict[str, Any] = {
        "title": fact.key,
        # No source line here: an edit above the row would rewrite every later description
        # (issue 12, quiet generated/); the site anchor locates the row and does not move.
        "description": f"{fact.section_title} › {fact.key} ({mf.source.path}; {fact.anchor})",
    }
    prop.update(_fact_type(fact))
    if not fact.accepts:
        texts = {r.text for r in fact.rules}
        prop["description"] += ". No checkable rule: " + " / ".join(sorted(texts))
    elif fact.takes_string_only:
        shared = [_string_checks(r.constraints) for r in fact.rules]
        if shared and all(x == shared[0] for x in shared) and len(fact.rules) == len(mf.scenarios):
            for check in shared[0]:
                if "pattern" in check and "pattern" in prop:
                    prop.setdefault("allOf", []).append(check)
                else:
                    prop.update(check)
    return prop


def _branches(mf: MatrixFacts, spellings: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Per scenario, `if` the configuration names it, `then` its facts' extra checks."""
    branches: list[dict[str, Any]] = []
    for sid, names in spellings.items():
        scen_props: dict[str, Any] = {}
        for fact in mf.facts:
            rule = fact.rule(sid)
            if rule is None:
                continue
            extra = _scenario_property(fact, rule)
            if extra is not None:
                scen_props[fact.row] = extra
        if scen_props:
            branches.append(
                {
                    "if": {
                        "properties": {"scenario": {"enum": names}},
                        "required": ["scenario"],
                    },
                    "then": {"properties": {"facts": {"properties": scen_props}}},
                }
            )
    return branches


def schema_of(mf: MatrixFacts) -> dict[str, Any]:
    """JSON Schema 2020-12 of a configuration for this matrix, scenario checks in `allOf`."""
    properties: dict[str, Any] = {f.row: _fact_property(mf, f) for f in mf.facts}
    for c in mf.conditions:
        if c.name is not None:
            properties[c.fact] = {
                "title": c.fact,
                "description": "Feeds conditional limits ('for generation 2 VMs').",
                "type": ["string", "integer"],
            }
    spellings = {s.id: sorted({s.id, s.label, *s.aliases}) for s in mf.scenarios}
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DRAFT,
        "$id": f"https://matrixc.invalid/schema/{mf.id}.input.schema.json",
        "title": f"A configuration to check against: {mf.title}",
        "description": (
            f"Generated by matrixc {__version__} from {mf.source.path} (sha256 "
            f"{mf.source.sha256[:12]}), rule file version {mf.version}. Sizes are strings with "
            "a unit; KB..PB and KiB..PiB are all 1024-based."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["facts"],
        "properties": {
            "name": {"type": "string"},
            "scenario": {"enum": sorted({n for v in spellings.values() for n in v})},
            "facts": {
                "type": "object",
                "additionalProperties": False,
                "properties": properties,
            },
        },
    }
    branches = _branches(mf, spellings)
    if branches:
        schema["allOf"] = branches
    return schema


def input_schema(rf: RuleFile) -> dict[str, Any]:
    """The input JSON Schema of a versioned rule file."""
    return schema_of(matrix_facts(rf))


def render(mf: MatrixFacts) -> str:
    """The schema as written to generated/ and printed by `matrixc schema input`: indented, so
    that a change to one fact changes its own lines only."""
    return pretty(schema_of(mf))


def emit_input_schema(rf: RuleFile) -> str:
    """generated/schema/<id>.input.schema.json for a versioned rule file."""
    return render(matrix_facts(rf))
