"""The `matrixc` command line. `main(argv) -> int` so tests call it without a subprocess.

Every user error becomes one line on stderr and an exit code (DESIGN.md): 0 ok, 1 findings or
stale or errors in a matrix, 2 bad usage or input. Heavy modules are imported inside commands.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from compiler import __version__
from compiler.cli import parse_cache

if TYPE_CHECKING:
    from compiler.errors import InputError

Handler = Callable[[argparse.Namespace], int]
# compiler.cli.lint.FORMATS, written out so that `--help` does not import lint (a test keeps them
# equal).
LINT_FORMATS = ("text", "json", "sarif", "github")


class _Parser(argparse.ArgumentParser):
    """argparse that exits 2 with one line, as every other bad input does."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def fail(error: InputError) -> int:
    """Print an input error as one line; exit code 2. A path or spec the user typed may hold
    control characters or a line break: each is shown as its escape, so the line stays one
    and the terminal acts on none."""
    from compiler.errors import one_line

    print(one_line(str(error)), file=sys.stderr)
    return 2


def _cmd_build(args: argparse.Namespace) -> int:
    from compiler.project.config import load_config
    from compiler.project.outputs import check_fast, tidy, write_outputs
    from compiler.project.pipeline import compile_project, source_digest

    config = load_config()
    site = not args.no_site and (config.root / "mkdocs.yml").is_file()
    inputs = source_digest(config)
    fresh = check_fast(config, inputs)
    if fresh and site:
        from compiler.site.build import site_is_fresh

        fresh = site_is_fresh(config)
    if fresh:
        tidy(config)
        print(f"{config.relative(config.output_dir)}/ is up to date" + (" (and the site)" * site))
        return 0
    # Unchanged matrices keep their files as they are; without the site no models are needed.
    result = compile_project(config, history=site, reuse=not site, reuse_files=site, inputs=inputs)
    changed = write_outputs(config, result)
    for error in result.errors:
        print(f"{error}", file=sys.stderr)
    if not args.quiet:
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
    if site:
        import importlib.util

        if importlib.util.find_spec("mkdocs") is None:
            from compiler.errors import InputError

            raise InputError(
                "the site needs mkdocs: pip install 'matrixc[site]', or build --no-site",
                path=config.relative(config.root / "mkdocs.yml"),
            )
        from compiler.site.build import build_site

        return build_site(config, result=result, quiet=args.quiet)
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from compiler.project.config import load_config
    from compiler.project.outputs import check_fast, stale_files

    config = load_config()
    if check_fast(config):
        return 0
    stale, errors = stale_files(config)
    if args.quiet:
        return 1 if stale or errors else 0
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
    from compiler.model.matrix import plain_data
    from compiler.project.config import project_of
    from compiler.project.pipeline import compile_file

    matrix = compile_file(Path(args.file), project_of(Path(args.file)))
    output = pretty(plain_data(matrix))
    print(output, end="")
    parse_cache.remember(output)
    return 0


def _cmd_lint(args: argparse.Namespace) -> int:
    from compiler.cli.lint import run

    if args.codes:
        from compiler.errors import DIAGNOSTICS

        for entry in DIAGNOSTICS:
            print(f"{entry.code} {entry.severity} {entry.summary}")
        return 0
    files = list(args.files)
    if not files:  # the project's own matrices, as `build` would compile them
        from compiler.project.config import load_config

        config = load_config()
        files = [config.relative(path) for path in config.sources]
    return run(files, fmt=args.format, verbose=args.verbose, quiet=args.quiet)


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.what == "rules":
        from compiler.emit.rules import rules_schema

        print(rules_schema(), end="")
        return 0
    from compiler.cli.validate import input_schema_command

    return input_schema_command(args)


# Per command: the one-line description, the exit codes, examples. Shown by `matrixc CMD --help`.
HELP: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "build": (
        "Compile every matrix of the source folder into generated/ and build the site.",
        "0 built; 1 a matrix has errors (its previous output is kept) or the site failed; "
        "2 bad usage or input",
        ("matrixc build", "matrixc build --no-site -q"),
    ),
    "check": (
        "Exit 1 when generated/ is not what `matrixc build` would write; writes nothing.",
        "0 fresh; 1 stale (the stale files are named on stderr); 2 bad usage or input",
        ("matrixc check", "matrixc check -q || echo 'run matrixc build and commit'"),
    ),
    "parse": (
        "Print the canonical model of one matrix as JSON.",
        "0 printed; 2 bad usage or input (one line naming the file)",
        ("matrixc parse source_docs/x.md > x.model.json",),
    ),
    "lint": (
        "Print the diagnostics of matrices as text, JSON, SARIF or annotations; "
        "`--codes` lists them.",
        "0 no errors (warnings do not fail); 1 an error or an unreadable file; 2 bad usage",
        (
            "matrixc lint                   # every matrix of the project",
            "matrixc lint source_docs/x.md --format sarif > lint.sarif",
            "matrixc lint --format github   # annotations in a GitHub Actions job",
        ),
    ),
    "schema": (
        "Print the JSON Schema of rule files, or of one matrix's configurations.",
        "0 printed; 2 bad usage or input",
        ("matrixc schema rules", "matrixc schema input --matrix x > x.input.schema.json"),
    ),
    "validate": (
        "Check machine configurations or inventories against a support matrix.",
        "0 every configuration passes; 1 an error finding (or an expired waiver); 2 unusable input",
        (
            "matrixc validate vm.json --matrix x",
            "matrixc validate inventory.csv --matrix source_docs/x.md --format sarif > r.sarif",
        ),
    ),
    "diff": (
        "Semantic diff of two revisions of a matrix, or of every matrix changed between commits.",
        "0 compared; 1 with --exit-code when anything changed, or when --fail-on is reached "
        "(breaking: a breaking change; any: any change; newly-failing: with --inventory, a "
        "configuration newly failing or newly unusable under NEW); 2 bad usage or input, or "
        "(with --inventory) a configuration neither revision can check",
        (
            "matrixc diff HEAD~1:source_docs/x.md source_docs/x.md --format markdown",
            "matrixc diff --git origin/main HEAD --fail-on breaking",
            "matrixc diff old.md new.md --inventory fleet.csv --fail-on newly-failing",
        ),
    ),
    "history": (
        "Each revision of a matrix with what changed since the one before.",
        "0 printed; 2 bad usage or input",
        ("matrixc history", "matrixc history source_docs/x.md --git --format markdown"),
    ),
}


def _document(p: argparse.ArgumentParser, name: str) -> None:
    """Give a subcommand its one-line description, exit codes and examples, and --version."""
    summary, codes, examples = HELP[name]
    detail = p.description or ""
    p.description = f"{summary}\n\n{detail}" if detail and detail != summary else summary
    lines = ["exit codes:", f"  {codes}", "", "examples:", *(f"  {e}" for e in examples)]
    p.epilog = "\n".join(lines)
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.add_argument("--version", action="version", version=f"matrixc {__version__}")


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="matrixc",
        description="Compile Markdown support matrices into rule files, validators, diffs "
        "and a site.",
        epilog="`matrixc COMMAND --help` shows a command's options, exit codes and examples.",
    )
    p.add_argument("--version", action="version", version=f"matrixc {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    b = sub.add_parser("build", help=HELP["build"][0].rstrip("."))
    b.add_argument("--no-site", action="store_true", help="skip the site build")
    b.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print only errors: no 'wrote' lines, no site warnings, no timing",
    )
    b.set_defaults(handler=_cmd_build)

    c = sub.add_parser("check", help=HELP["check"][0].rstrip("."))
    c.add_argument("-q", "--quiet", action="store_true", help="print nothing; the exit code tells")
    c.set_defaults(handler=_cmd_check)

    pa = sub.add_parser("parse", help=HELP["parse"][0].rstrip("."))
    pa.add_argument("file", help="a Markdown matrix")
    pa.add_argument("--format", choices=["json"], default="json")
    pa.set_defaults(handler=_cmd_parse)

    li = sub.add_parser("lint", help=HELP["lint"][0].rstrip("."))
    li.add_argument(
        "files", nargs="*", metavar="FILE", help="Markdown matrices (default: the project's)"
    )
    li.add_argument("-v", "--verbose", action="store_true", help="include info diagnostics")
    li.add_argument("--codes", action="store_true", help="list every diagnostic code and exit")
    li.add_argument(
        "-q", "--quiet", action="store_true", help="print errors only (no warnings or info)"
    )
    li.add_argument(
        "--format",
        choices=LINT_FORMATS,
        default="text",
        help="text: path:line:col: severity code message; json; sarif (SARIF 2.1.0); "
        "github: ::warning file=,line=,col=:: workflow annotations",
    )
    li.set_defaults(handler=_cmd_lint)

    sc = sub.add_parser("schema", help=HELP["schema"][0].rstrip("."))
    sc.add_argument("what", choices=["rules", "input"])
    sc.add_argument("--matrix", help="matrix id or path (for `schema input`)")
    sc.set_defaults(handler=_cmd_schema)

    from compiler.cli import diff, validate

    validate.add_parser(sub)
    diff.add_parser(sub)
    for name, subparser in sub.choices.items():
        _document(subparser, name)
    for action in sub._choices_actions:  # the list bare `matrixc` prints: one voice
        action.help = HELP[action.dest][0].rstrip(".")
    return p


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0911 - one exit code per kind of failure
    """Run one command; returns the exit code instead of raising SystemExit for errors."""
    p = parser()
    args = p.parse_args(argv)  # `--help` and usage errors exit here, before anything heavy
    from compiler.errors import InputError

    if args.command is None:
        p.print_help()
        return 0
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
    except RecursionError:
        print("matrixc: input nested too deeply", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only folder, a name too long for the system
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"matrixc: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2


def _tolerant_streams() -> None:
    """stdout/stderr that cannot fail on a character: an ASCII or latin-1 terminal, a file name
    that is not UTF-8 and a lone surrogate are written as backslash escapes, never a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def _print_cached(output: str) -> int:
    """`matrixc parse FILE` answered from the cache (see `compiler.cli.parse_cache`)."""
    with contextlib.suppress(BrokenPipeError):
        sys.stdout.write(output)
    return 0


def main_entry() -> None:
    """Console-script entry point: also reports output that cannot be written (/dev/full)."""
    _tolerant_streams()
    cached = parse_cache.lookup(sys.argv[1:])
    code = main() if cached is None else _print_cached(cached)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass
    except OSError as exc:
        with contextlib.suppress(OSError):
            print(f"matrixc: cannot write the output: {exc.strerror or exc}", file=sys.stderr)
        code = code or 2
        # What could not be written stays in the buffer: drop it, so the interpreter's own
        # flush at exit has nothing left to fail on.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(code)
