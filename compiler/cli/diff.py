"""`matrixc diff` and `matrixc history`: parsers here, everything heavy imported inside handlers.

The parser is built on every start of `matrixc`, so this module imports only stdlib at the top.
Exit codes: 0 ok; 1 with `--exit-code` when there are changes, or with `--fail-on` when the
threshold is reached; 2 bad usage or input (one line on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compiler.model.changes import Changes

FORMATS = ("text", "markdown", "json")


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register `diff` and `history`."""
    d = sub.add_parser(
        "diff",
        help="semantic diff of two revisions of a matrix",
        description=(
            "OLD and NEW: a Markdown matrix, a rule file (generated/rules/<id>.json) or REV:PATH "
            "from git (HEAD~1:source_docs/x.md). With --git BASE [HEAD]: every matrix of the "
            "source folder that changed between BASE and HEAD (default: the working tree)."
        ),
    )
    d.add_argument("sides", nargs="*", metavar="OLD NEW | BASE [HEAD]")
    d.add_argument("--git", action="store_true", help="diff every matrix changed between revisions")
    d.add_argument("--format", choices=FORMATS, default="text")
    d.add_argument(
        "--fail-on", choices=("breaking", "any"), help="exit 1 on breaking changes / on any change"
    )
    d.add_argument("--exit-code", action="store_true", help="exit 1 when there are changes")
    d.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    d.add_argument(
        "--ignore",
        metavar="FILE",
        help="known changes to leave out: YAML/JSON list of {row, config, reason, expires}",
    )
    d.set_defaults(handler=run_diff)

    h = sub.add_parser(
        "history",
        help="each revision of a matrix with what changed since the one before",
        description=(
            "Without TARGET: every matrix under the project's history folder "
            "(source_docs/history/<matrix id>/*.md). TARGET a folder: its revisions, ordered by "
            "date. TARGET a file with --git: the file's revisions along its git log."
        ),
    )
    h.add_argument("target", nargs="?")
    h.add_argument("--git", action="store_true", help="TARGET is a file: walk its git log")
    h.add_argument("--matrix", help="only this matrix id (project history)")
    h.add_argument("--format", choices=FORMATS, default="text")
    h.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    h.set_defaults(handler=run_history)


def _color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return (
        sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
    )


def _render(changes: Changes, fmt: str, color: bool) -> str:
    from compiler.diff.render import render_json, render_markdown, render_text

    if fmt == "json":
        return render_json(changes)
    if fmt == "markdown":
        return render_markdown(changes)
    return render_text(changes, color=color)


def _exit(args: argparse.Namespace, all_changes: list[Changes]) -> int:
    changed = any(c.changes for c in all_changes)
    breaking = any(x.impact == "breaking" for c in all_changes for x in c.changes)
    if args.fail_on == "breaking" and breaking:
        return 1
    if (args.fail_on == "any" or args.exit_code) and changed:
        return 1
    return 0


def _usage(message: str) -> int:
    print(f"matrixc diff: error: {message}", file=sys.stderr)
    return 2


def run_diff(args: argparse.Namespace) -> int:
    """`matrixc diff OLD NEW` or `matrixc diff --git BASE [HEAD]`."""
    from compiler.cli.waivers import ignore_changes

    if args.git:
        if len(args.sides) not in (1, 2):
            return _usage("--git takes BASE and optionally HEAD")
        return _run_git_diff(args)
    if len(args.sides) != 2:
        return _usage("give OLD and NEW (or --git BASE [HEAD])")
    from compiler.diff.engine import diff
    from compiler.project.config import Config, load_config
    from compiler.project.history import load_side

    config: Config | None
    try:
        config = load_config()
    except Exception:  # outside a project: paths are shown as given
        config = None
    old = load_side(args.sides[0], config)
    new = load_side(args.sides[1], config)
    changes = ignore_changes(args.ignore, diff(old, new))
    for warning in changes.warnings:
        print(f"matrixc diff: warning: {warning}", file=sys.stderr)
    sys.stdout.write(_render(changes, args.format, _color(args.color)))
    return _exit(args, [changes])


def _run_git_diff(args: argparse.Namespace) -> int:  # noqa: C901, PLR0912, PLR0915 - one command: options, git listing, a diff per file, the output
    from compiler.cli.waivers import ignore_changes
    from compiler.diff.engine import diff
    from compiler.errors import InputError
    from compiler.model.jsonstyle import dumps
    from compiler.project.config import load_config
    from compiler.project.history import rule_file_from_bytes
    from compiler.project.sources import git, read_blob, read_source

    config = load_config()
    here = Path.cwd()
    base = args.sides[0]
    head = args.sides[1] if len(args.sides) == 2 else None
    for rev in filter(None, (base, head)):
        try:
            git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], here, rev)
        except InputError:
            raise InputError(f"unknown git revision {rev!r}", path=rev) from None
    top = Path(git(["rev-parse", "--show-toplevel"], here, ".").decode().strip()).resolve()
    folder = config.source_dir.resolve().relative_to(top).as_posix()
    status = git(
        ["diff", "--name-status", "-M", base, *([head] if head else []), "--", folder], top, base
    ).decode("utf-8", "replace")
    results: list[dict[str, Any]] = []
    all_changes: list[Changes] = []
    for line in status.splitlines():
        fields = line.split("\t")
        code, paths = fields[0][:1], fields[1:]
        new_path = paths[-1]
        old_path = paths[0]
        if not new_path.endswith(".md") or Path(new_path).parent.as_posix() != folder:
            continue
        if Path(new_path).name in config.exclude:
            continue
        entry: dict[str, Any] = {
            "path": new_path,
            "status": {"A": "added", "D": "removed"}.get(code, "modified"),
        }
        if code in ("A", "D"):
            results.append(entry)
            continue
        old = rule_file_from_bytes(read_blob(f"{base}:{old_path}", top), f"{base}:{old_path}")
        if head:
            new = rule_file_from_bytes(read_blob(f"{head}:{new_path}", top), f"{head}:{new_path}")
        else:
            _, data = read_source(top / new_path)
            new = rule_file_from_bytes(data, new_path)
        changes = ignore_changes(args.ignore, diff(old, new))
        all_changes.append(changes)
        entry["diff"] = changes
        results.append(entry)
    if args.format == "json":
        doc = {
            "base": base,
            "head": head,
            "matrices": [{**e, "diff": e["diff"].to_json()} if "diff" in e else e for e in results],
        }
        sys.stdout.write(dumps(doc))
        return _exit(args, all_changes)
    color = _color(args.color)
    if not results:
        print(f"no matrix in {folder}/ changed between {base} and {head or 'the working tree'}")
    parts = []
    for e in results:
        if "diff" in e:
            for warning in e["diff"].warnings:
                print(f"matrixc diff: warning: {warning}", file=sys.stderr)
            parts.append(_render(e["diff"], args.format, color))
        else:
            parts.append(f"{e['path']}: matrix {e['status']}\n")
    sys.stdout.write("\n".join(parts))
    return _exit(args, all_changes)


def run_history(args: argparse.Namespace) -> int:  # noqa: C901, PLR0912 - three history sources (project, folder, git log) and their outputs
    """`matrixc history [FOLDER | FILE --git]`."""
    from compiler.diff.render import (
        render_history_json,
        render_history_markdown,
        render_history_text,
    )
    from compiler.errors import InputError
    from compiler.project.config import load_config
    from compiler.project.history import folder_history, git_history, load_history

    if args.target is None:
        config = load_config()
        history = load_history(config)
        if args.matrix:
            if args.matrix not in history:
                raise InputError(f"no history for matrix {args.matrix!r}", path=args.matrix)
            history = {args.matrix: history[args.matrix]}
        if not history:
            raise InputError("no revisions: put them in <history_dir>/<matrix id>/*.md", path=".")
    else:
        target = Path(args.target)
        if args.git:
            if target.is_dir():
                raise InputError("--git takes a file, not a folder", path=args.target)
            history = {target.stem: git_history(target)}
        elif target.is_dir():
            history = {target.name: folder_history(target)}
        elif target.exists():
            raise InputError(
                "a single file has no history: add --git, or give a folder", path=args.target
            )
        else:
            raise InputError("no such file or folder", path=args.target)
    if args.format == "json":
        sys.stdout.write(render_history_json(history))
    elif args.format == "markdown":
        sys.stdout.write(render_history_markdown(history))
    else:
        sys.stdout.write(render_history_text(history, color=_color(args.color)))
    return 0
