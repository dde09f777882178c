"""generated/validators/<module name>.py: a standard-library-only module that checks configurations.

The module is three things one after the other: a fixed header, the source of
`compiler/emit/runtime.py` (the checker, a real module of this package under ruff, mypy and
tests), and the matrix as data. Every decision about the matrix is made in `emit.facts`; here
the facts become records, one JSON object per line, each a Python string literal of pure ASCII
(`json.dumps(ensure_ascii=True)`, then `ascii()`). The template only substitutes these texts:
nothing a document says can become code, and the first two lines hold no document data at all
(a file name there could be read as an encoding declaration).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from compiler import __version__
from compiler.emit.facts import Fact, MatrixFacts, matrix_facts
from compiler.model.matrix import Constraint
from compiler.model.names import module_name
from compiler.model.rulefile import RuleFile

TEMPLATE = "validator.py.j2"
RUNTIME = Path(__file__).with_name("runtime.py")

# The Python type of a fact's value in the module's `Facts` TypedDict, by kind of value.
_PYTYPE = {
    "bool": "bool",
    "count": "int | float",
    "size": "str",
    "rate": "str",
    "name": "str",
    "enum": "str",
    "version": "str",
}


def constraint_data(c: Constraint) -> dict[str, Any]:
    """A constraint as the runtime reads it (short keys, no defaults); the site's check too."""
    out: dict[str, Any] = {"kind": c.kind, "text": c.text}
    # A ceiling is written where the runtime checks it: a max_version's, and a version_range's
    # that is one of a cell's alternatives (`any`: "2.1.0+, 2.0.4+", one floor per release
    # line). A range of its own ("5.2 to 5.11" beside lists the reader left as text) is not
    # checked, so its record stays as it was.
    ceiling = c.kind == "max_version" or (c.kind == "version_range" and c.any_of)
    for key, value in (
        ("min", c.minimum),
        ("max", c.maximum),
        ("pattern", c.pattern),
        ("version", c.version),
        ("max_version", c.max_version if ceiling else None),
        ("subject", c.subject),
    ):
        if value is not None:
            out[key] = value
    if c.any_of:
        out["any"] = True
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


def _row(f: Fact) -> dict[str, Any]:
    return {
        "row": f.row,
        "key": f.key,
        "section": f.section,
        "section_title": f.section_title,
        "accepts": list(f.accepts),
        "notes": list(f.notes),
        "names": list(f.names),
        "rules": [
            {
                "scenario": r.scenario,
                "status": r.status,
                "text": r.text,
                "constraints": [constraint_data(c) for c in r.constraints],
                **({"stage": r.stage} if r.stage is not None else {}),
            }
            for r in f.rules
        ],
    }


def records(mf: MatrixFacts) -> list[dict[str, Any]]:
    """The matrix as the runtime's records (`runtime.read_data`), in order: the head, the
    scenarios, one per row, the ambiguous names, the conditions, and the rows' source lines
    last, so that lines shifted by an edit change one record, not every later row."""
    out: list[dict[str, Any]] = [
        {
            "matrix": mf.id,
            "title": mf.title,
            "version": mf.version,
            "generator": f"matrixc {__version__}",
            "source": mf.source.model_dump(mode="json"),
            "site_page": mf.site_page,
        }
    ]
    out += [{"scenario": s.id, "label": s.label, "aliases": list(s.aliases)} for s in mf.scenarios]
    out += [_row(f) for f in mf.facts]
    out += [{"ambiguous": name, "rows": list(rows)} for name, rows in mf.ambiguous.items()]
    out += [
        {
            "condition": c.fact,
            "name": c.name,
            "sources": [
                {"row": s.row, "map": dict(s.values)}
                if s.values is not None
                else {"row": s.row, "when_true": s.when_true}
                for s in c.sources
            ],
        }
        for c in mf.conditions
    ]
    out.append({"lines": [f.line for f in mf.facts]})
    return out


def data_lines(mf: MatrixFacts) -> list[str]:
    """Each record as one line of ASCII JSON."""
    return [json.dumps(r, sort_keys=True, ensure_ascii=True) for r in records(mf)]


def _literal(text: str) -> str:
    """A Python string literal, pure ASCII (`ascii()` escapes the rest): the only way document
    data enters the module."""
    return ascii(text)


def _pytype(f: Fact) -> str:
    types = dict.fromkeys(t for k in f.accepts for t in _PYTYPE[k].split(" | "))
    # a union as a string: `bool | str` is evaluated at import, and fails before Python 3.10
    return repr(" | ".join(types)) if len(types) > 1 else "".join(types) or "object"


@cache
def _template() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=False,  # noqa: S701 - Python source, not HTML; data arrives as literals
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )
    return env.get_template(TEMPLATE)


@cache
def runtime_source() -> str:
    """The runtime's source, as inlined into every module."""
    text = RUNTIME.read_text(encoding="utf-8")
    if not text.isascii():
        raise ValueError(f"{RUNTIME} must be ASCII: it is copied into generated modules")
    return text.rstrip("\n")


def render(mf: MatrixFacts) -> str:
    """The module's source for a matrix's facts: pure ASCII, byte-identical for the same input."""
    text: str = _template().render(
        provenance=(
            f"# matrixc {_literal(__version__)}, source {_literal(mf.source.path)}, "
            f"sha256 {_literal(mf.source.sha256)}"
        ),
        runtime=runtime_source(),
        records="\n".join(f"    {_literal(line)}," for line in data_lines(mf)),
        typed_facts="\n".join(f"        {_literal(f.row)}: {_pytype(f)}," for f in mf.facts),
    )
    if not text.isascii():  # pragma: no cover - guarded by _literal and runtime_source
        raise ValueError("a generated module must be pure ASCII")
    return text


def emit_validator(rf: RuleFile) -> str:
    """generated/validators/<module name>.py for a versioned rule file."""
    return render(matrix_facts(rf))


def render_validator(rf: RuleFile) -> str:
    """The old name of `emit_validator`."""
    return emit_validator(rf)


def input_schema(rf: RuleFile) -> dict[str, Any]:
    """`emit.input_schema.input_schema`, under the name it had here."""
    from compiler.emit.input_schema import input_schema as schema

    return schema(rf)


def emit_outputs(rf: RuleFile) -> dict[str, str]:
    """generated/validators/<module name>.py and generated/schema/<id>.input.schema.json."""
    from compiler.emit import input_schema as schema

    mf = matrix_facts(rf)
    return {
        f"validators/{module_name(rf.id)}.py": render(mf),
        f"schema/{rf.id}.input.schema.json": schema.render(mf),
    }
