"""`matrixc validate` and `matrixc schema input`: check configurations against a matrix.

The checking is done by the very module `build` writes to generated/validators/ (the matrix id
with underscores, so it imports), rendered in memory from the matrix named by `--matrix` and
loaded without touching the disk, so the CLI and the copied file can never disagree. Only YAML
reading (PyYAML) is added here.
"""

from __future__ import annotations

import argparse
import gc
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compiler.model.rulefile import RuleFile

FORMATS = ("text", "json", "sarif", "junit")


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register `matrixc validate`."""
    v = sub.add_parser(
        "validate",
        help="check configurations (JSON, YAML, CSV or JSON Lines) against a matrix",
        description=(
            "CONFIG: a JSON or YAML configuration ({scenario, facts}), or an inventory (CSV with "
            "a column per fact plus name and scenario, or JSON Lines)."
        ),
    )
    v.add_argument("configs", nargs="+", metavar="CONFIG", help="a configuration or inventory")
    v.add_argument(
        "--matrix",
        required=True,
        metavar="ID|PATH",
        help="a matrix id of this project, or a Markdown matrix or rule file",
    )
    v.add_argument("--scenario", help="scenario (id, label or alias) when a configuration has none")
    v.add_argument("--format", choices=FORMATS, default="text")
    v.add_argument(
        "--waivers",
        metavar="FILE",
        help="YAML/JSON list of {row, config, reason, expires}: those findings are reported as "
        "waived and do not fail; an expired waiver is an error naming its line",
    )
    v.add_argument(
        "--site-url",
        metavar="URL",
        help="the published site, for SARIF rule helpUri links (default: mkdocs.yml's site_url)",
    )
    v.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="check big CSV and JSON Lines inventories in parts on N processes (the report is "
        "the same; 0: one per CPU)",
    )
    v.set_defaults(handler=run)


def _jobs(text: str) -> int:
    """--jobs N: a count of processes, 0 for one per CPU."""
    import os

    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"not a number of processes: {text!r}")
    return n or os.cpu_count() or 1


def load_rule_file(spec: str) -> RuleFile:
    """The rule file of `--matrix`: a project matrix id, a Markdown file or a rule file."""
    from pathlib import Path

    from compiler.emit.rules import rule_file
    from compiler.errors import InputError
    from compiler.project.config import load_config
    from compiler.project.pipeline import compile_file
    from compiler.project.sources import read_rule_file

    path = Path(spec)
    if path.suffix.lower() == ".json" and path.is_file():
        return read_rule_file(path, spec)
    if path.suffix.lower() in (".md", ".markdown") or path.is_file():
        return rule_file(compile_file(path))
    config = load_config()
    from compiler.frontend.text import slugify

    sources = {slugify(p.stem): p for p in config.sources}
    if spec not in sources:
        import difflib

        close = difflib.get_close_matches(spec, list(sources), n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        known = "" if close else f"; known: {', '.join(sorted(sources))}"
        raise InputError(f"no matrix {spec!r}{hint}{known}", path="--matrix")
    rf = rule_file(compile_file(sources[spec], config))
    generated = config.output_dir / "rules" / f"{spec}.json"
    try:  # carry the version of the rule file `build` wrote, when it is of this source
        previous = read_rule_file(generated)
    except InputError:
        return rf
    if previous.source.sha256 == rf.source.sha256:
        rf = rf.model_copy(update={"version": previous.version})
    return rf


def generated_validator(spec: str) -> ModuleType | None:
    """The project's generated/validators/<spec>.py, loaded as is when the manifest proves it
    fresh: the same module `load_validator` would render, without importing the compiler."""
    from pathlib import Path

    from compiler.errors import InputError
    from compiler.project.config import load_config
    from compiler.project.validators import fresh_validator, load_module

    if not spec or "/" in spec or "\\" in spec or "." in spec or Path(spec).exists():
        return None  # a path (or nothing a build names): compiled as before
    try:
        path = fresh_validator(load_config(), spec)
    except InputError:
        return None
    return load_module(path, spec) if path is not None else None


def load_validator(rf: RuleFile) -> ModuleType:
    """The generated module for a rule file, rendered and executed in memory."""
    from compiler.emit.validator import emit_validator
    from compiler.model.names import module_name

    source = emit_validator(rf)
    name = f"matrixc_validator_{rf.id.replace('-', '_')}"
    module = ModuleType(name)
    module.__file__ = f"<generated validators/{module_name(rf.id)}.py>"
    sys.modules[name] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102 - our own output
    return module


def resolve_waivers(file: str, rf: RuleFile) -> tuple[list[dict[str, Any]], list[str]]:
    """The waivers in force, their rows resolved to row ids, and one line per expired waiver.
    A row no rule of the matrix has is bad input, named by its line."""
    from compiler.cli.waivers import load_waivers, split_expired
    from compiler.errors import InputError

    rows = sorted({r.row for r in rf.rules})
    keys: dict[str, set[str]] = {}
    for r in rf.rules:
        keys.setdefault(r.key.strip().casefold(), set()).add(r.row)
    live, expired = split_expired(load_waivers(file))
    resolved = []
    for w in live:
        matches = sorted(
            {row for row in rows if w.matches_row(row)} | keys.get(w.row.casefold(), set())
        )
        if len(matches) != 1:
            import difflib

            close = difflib.get_close_matches(w.row, rows, n=2)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            what = "names several rows: " + ", ".join(matches) if matches else "names no row"
            raise InputError(f"waiver row {w.row!r} {what}{hint}", path=w.path, line=w.line)
        resolved.append({**w.to_dict(), "row": matches[0], "path": w.path, "line": w.line})
    return resolved, expired


def _site_url() -> str:
    """mkdocs.yml's site_url in the project, if there is one."""
    try:
        import yaml

        from compiler.project.config import load_config

        config = load_config()
        text = (config.root / "mkdocs.yml").read_text(encoding="utf-8")
        data = yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 - strings only, no tags run
    except Exception:  # no project, no mkdocs.yml, or one this reader cannot take
        return ""
    url = data.get("site_url", "") if isinstance(data, dict) else ""
    return url if isinstance(url, str) else ""


def _sarif_site_url(args: argparse.Namespace) -> str:
    """--site-url, else mkdocs.yml's: only SARIF writes it, and reading mkdocs.yml (PyYAML)
    is a good part of a small run's start-up."""
    if args.format != "sarif":
        return ""
    return str(args.site_url) if args.site_url is not None else _site_url()


def run(args: argparse.Namespace) -> int:
    """`matrixc validate CONFIG... --matrix ID|PATH [--scenario S] [--format F]`."""
    if args.waivers:  # waivers name rows, so they need the rule file
        rf = load_rule_file(args.matrix)
        waivers, expired = resolve_waivers(args.waivers, rf)
        module = generated_validator(args.matrix) or load_validator(rf)
    else:
        waivers, expired = [], []
        module = generated_validator(args.matrix) or load_validator(load_rule_file(args.matrix))

    def yaml_loader(text: str) -> Any:
        from compiler.project.sources import load_yaml  # PyYAML: only for a YAML file

        try:
            return load_yaml(text)
        except ValueError as exc:
            raise module.ConfigError(str(exc)) from None

    # A short-lived process: what is loaded by now (the validator, its data) lives to the end,
    # so the collector need not walk it again each time an inventory's rows fill a generation.
    gc.freeze()
    result: int = module.run(
        args.configs,
        scenario=args.scenario,
        fmt=args.format,
        out=sys.stdout,
        err=sys.stderr,
        loaders={".yaml": yaml_loader, ".yml": yaml_loader},
        waivers=waivers,
        site_url=_sarif_site_url(args),
        jobs=args.jobs,
    )
    for line in expired:
        print(f"{line}", file=sys.stderr)
    return max(result, 1) if expired else result


def input_schema_command(args: argparse.Namespace) -> int:
    """`matrixc schema input --matrix ID`: the input JSON Schema of one matrix."""
    from compiler.emit.input_schema import emit_input_schema
    from compiler.errors import InputError

    if not args.matrix:
        raise InputError("`schema input` needs --matrix ID|PATH", path="matrixc schema")
    print(emit_input_schema(load_rule_file(args.matrix)), end="")
    return 0
