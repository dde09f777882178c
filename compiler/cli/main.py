"""The `matrixc` command line. `main(argv) -> int` so tests call it without a subprocess.

Every user error becomes one line on stderr and an exit code (DESIGN.md): 0 ok, 1 findings or
stale or errors in a matrix, 2 bad usage or input. Heavy modules are imported inside commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from compiler import __version__
from compiler.errors import InputError

Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as every other bad input does."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def fail(error: InputError) -> int:
    """Print an input error as one line; exit code 2."""
    print(f"{error}", file=sys.stderr)
    return 2


def _cmd_build(args: argparse.Namespace) -> int:
    from compiler.project.config import load_config
    from compiler.project.outputs import write_outputs
    from compiler.project.pipeline import compile_project

    config = load_config()
    result = compile_project(config)
    changed = write_outputs(config, result)
    for error in result.errors:
        print(f"{error}", file=sys.stderr)
    for rel in changed:
        print(f"wrote {config.relative(config.output_dir / rel)}")
    if not changed and not result.errors:
        print(f"{config.relative(config.output_dir)}/ is up to date")
    if result.errors:
        failed = ", ".join(sorted(result.failed_ids))
        print(
            f"matrixc: not compiled, previous output kept: {failed}",
            file=sys.stderr,
        )
        return 1
    if not args.no_site and (config.root / "mkdocs.yml").is_file():
        from compiler.site.build import build_site

        return build_site(config, quiet=args.quiet)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from compiler.project.config import load_config
    from compiler.project.outputs import check_fast, stale_files

    config = load_config()
    if check_fast(config):
        return 0
    stale, errors = stale_files(config)
    for error in errors:
        print(f"{error}", file=sys.stderr)
    for rel in stale:
        print(f"stale: {config.relative(config.output_dir / rel)}", file=sys.stderr)
    if stale or errors:
        print(
            "matrixc: generated/ is not what `matrixc build` would write: run it and commit",
            file=sys.stderr,
        )
        return 1
    return 0


def _cmd_parse(args: argparse.Namespace) -> int:
    from compiler.model.jsonstyle import pretty
    from compiler.project.pipeline import compile_file

    matrix = compile_file(Path(args.file))
    print(pretty(matrix.model_dump(mode="json")), end="")
    return 0


def _cmd_lint(args: argparse.Namespace) -> int:
    from compiler.project.pipeline import compile_file

    errors = 0
    bad_input = False
    for name in args.files:
        try:
            matrix = compile_file(Path(name))
        except InputError as exc:
            print(f"{exc.path or name}:{exc.line or 1}:1: error MX000 {exc.message}")
            bad_input = True
            continue
        for d in matrix.diagnostics:
            if d.severity == "info" and not args.verbose:
                continue
            print(f"{name}:{d.line}:{d.column}: {d.severity} {d.code} {d.message}")
            errors += d.severity == "error"
    return 1 if errors or bad_input else 0


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.what == "rules":
        from compiler.emit.rules import rules_schema

        print(rules_schema(), end="")
        return 0
    from compiler.cli.validate import input_schema_command

    return input_schema_command(args)


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="matrixc", description="Compile Markdown support matrices.")
    p.add_argument("--version", action="version", version=f"matrixc {__version__}")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    b = sub.add_parser("build", help="compile source_docs/ into generated/ and build the site")
    b.add_argument("--no-site", action="store_true", help="skip the site build")
    b.add_argument("-q", "--quiet", action="store_true")
    b.set_defaults(handler=_cmd_build)

    c = sub.add_parser("check", help="exit 1 when generated/ is stale; writes nothing")
    c.set_defaults(handler=_cmd_check)

    pa = sub.add_parser("parse", help="print the canonical model of a matrix")
    pa.add_argument("file")
    pa.add_argument("--format", choices=["json"], default="json")
    pa.set_defaults(handler=_cmd_parse)

    li = sub.add_parser("lint", help="print diagnostics as path:line:col: severity code message")
    li.add_argument("files", nargs="+")
    li.add_argument("-v", "--verbose", action="store_true", help="include info diagnostics")
    li.set_defaults(handler=_cmd_lint)

    sc = sub.add_parser("schema", help="print a JSON Schema")
    sc.add_argument("what", choices=["rules", "input"])
    sc.add_argument("--matrix", help="matrix id or path (for `schema input`)")
    sc.set_defaults(handler=_cmd_schema)

    from compiler.cli import diff, validate

    validate.add_parser(sub)
    diff.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code instead of raising SystemExit for errors."""
    args = parser().parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except InputError as exc:
        return fail(exc)
    except KeyboardInterrupt:
        print("matrixc: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
