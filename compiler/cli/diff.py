"""`matrixc diff` and `matrixc history`: parsers here, everything heavy imported inside handlers.

The parser is built on every start of `matrixc`, so this module imports only stdlib at the top.
Exit codes: 0 ok; 1 with `--exit-code` when there are changes, or with `--fail-on` when the
threshold is reached; 2 bad usage or input (one line on stderr). With `--inventory`:
`--fail-on newly-failing` too, and 2 also for a configuration neither revision can check.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from compiler.diff.render import Links
    from compiler.model.changes import Changes
    from compiler.project.config import Config

FORMATS = ("text", "markdown", "json")


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register `diff` and `history`."""
    d = sub.add_parser(
        "diff",
        help="semantic diff of two revisions of a matrix",
        description=(
            "OLD and NEW: a Markdown matrix, a rule file (generated/rules/<id>.json) or REV:PATH "
            "from git (HEAD~1:source_docs/x.md). With --git BASE [HEAD]: every matrix of the "
            "source folder that changed between BASE and HEAD (default: the working tree). "
            "With --inventory FILE (fleet impact): every configuration (CSV, JSON Lines, JSON, "
            "YAML, as `validate` takes them) is checked against OLD and NEW, and those whose "
            "verdict changed are listed: newly failing, newly unusable, newly passing, findings "
            "changed; a fact one side has no row for is not checked there, and is named."
        ),
    )
    d.add_argument("sides", nargs="*", metavar="OLD NEW | BASE [HEAD]")
    d.add_argument("--git", action="store_true", help="diff every matrix changed between revisions")
    d.add_argument("--format", choices=FORMATS, default="text")
    d.add_argument(
        "--fail-on",
        choices=("breaking", "any", "newly-failing"),
        help="exit 1 on breaking changes / on any change / (with --inventory) on a "
        "configuration newly failing or newly unusable",
    )
    d.add_argument(
        "--inventory",
        action="append",
        metavar="FILE",
        help="configurations (CSV, JSON Lines, JSON, YAML as `validate` takes them): list those "
        "whose verdict changes between OLD and NEW; may be repeated",
    )
    d.add_argument(
        "--scenario", help="with --inventory: scenario for configurations that name none"
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


def _render(changes: Changes, fmt: str, color: bool, links: Links | None = None) -> str:
    from compiler.diff.render import render_json, render_markdown, render_text

    if fmt == "json":
        return render_json(changes)
    if fmt == "markdown":
        return render_markdown(changes, links=links)
    return render_text(changes, color=color)


def _exit(args: argparse.Namespace, all_changes: list[Changes], files: int = 0) -> int:
    """1 when the gate is reached; `files` counts matrices deleted (breaking) or added."""
    removed = files > 0
    changed = any(c.changes for c in all_changes) or removed or args.added
    breaking = removed or any(x.impact == "breaking" for c in all_changes for x in c.changes)
    if args.fail_on == "breaking" and breaking:
        return 1
    if (args.fail_on == "any" or args.exit_code) and changed:
        return 1
    return 0


def _usage(message: str) -> int:
    print(f"matrixc diff: error: {message}", file=sys.stderr)
    return 2


def _site_url(config: Config | None) -> str | None:
    """`site_url` of [tool.matrixc], else of mkdocs.yml: where row anchors of the site live."""
    if config is None:
        return None
    import tomllib

    try:
        data = tomllib.loads((config.root / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        data = {}
    configured = data.get("tool", {}).get("matrixc", {}).get("site_url")
    if isinstance(configured, str) and configured:
        return configured
    mkdocs = config.root / "mkdocs.yml"
    try:
        text = mkdocs.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for line in text.splitlines():  # a plain top-level key: no YAML loader (mkdocs tags)
        if line.startswith("site_url:"):
            value = line.split(":", 1)[1].split(" #", 1)[0].strip().strip("'\"")
            return value or None
    return None


def _links(config: Config | None, old: str, new: str) -> Links:
    from compiler.diff.render import Links

    def source(spec: str) -> str | None:
        return None if "://" in spec else spec.split(":", 1)[1] if _is_rev(spec) else spec

    return Links(site_url=_site_url(config), old_source=source(old), new_source=source(new))


def _is_rev(spec: str) -> bool:
    from compiler.project.sources import is_git_spec

    return is_git_spec(spec)


def _misuse(args: argparse.Namespace) -> str | None:
    """What is wrong with the combination of arguments, if anything."""
    fleet_only = args.fail_on == "newly-failing" or args.scenario is not None
    if args.git:
        if len(args.sides) not in (1, 2):
            return "--git takes BASE and optionally HEAD"
        if args.inventory or fleet_only:
            return "--inventory (and --fail-on newly-failing, --scenario) need OLD NEW, not --git"
        return None
    if len(args.sides) != 2:
        return "give OLD and NEW (or --git BASE [HEAD])"
    if fleet_only and not args.inventory:
        return "--fail-on newly-failing and --scenario need --inventory FILE"
    return None


def run_diff(args: argparse.Namespace) -> int:
    """`matrixc diff OLD NEW` or `matrixc diff --git BASE [HEAD]`."""
    from compiler.cli.waivers import ignore_changes

    args.added = False
    problem = _misuse(args)
    if problem:
        return _usage(problem)
    if args.git:
        return _run_git_diff(args)
    from compiler.diff.engine import diff
    from compiler.project.config import load_config
    from compiler.project.history import load_side

    config: Config | None
    try:
        config = load_config()
    except Exception:  # outside a project: paths are shown as given
        config = None
    old = load_side(args.sides[0], config)
    new = load_side(args.sides[1], config)
    changes = ignore_changes(args.ignore, diff(old, new))
    from compiler.errors import terminal

    for warning in changes.warnings:
        print(f"matrixc diff: warning: {terminal(warning)}", file=sys.stderr)
    if args.inventory:
        return _run_fleet(args, old, new, changes)
    links = _links(config, old.source.path, new.source.path)
    sys.stdout.write(_render(changes, args.format, _color(args.color), links))
    return _exit(args, [changes])


def _run_fleet(args: argparse.Namespace, old: Any, new: Any, changes: Changes) -> int:
    """`matrixc diff OLD NEW --inventory FILE...`: the configurations whose verdict changes."""
    from compiler.project.fleet import fleet_impact

    summary = fleet_impact(
        old,
        new,
        args.inventory,
        changes=changes,
        scenario=args.scenario,
        fmt=args.format,
        out=sys.stdout,
        err=sys.stderr,
    )
    if summary.unusable_both:
        print(
            f"matrixc diff: {summary.unusable_both} of {summary.configurations} configurations "
            "could not be checked under either revision",
            file=sys.stderr,
        )
        return 2
    changed = sum(summary.kinds.values())
    newly = summary.kinds["newly_failing"] + summary.kinds["newly_unusable"]
    if args.fail_on == "newly-failing" and newly:
        return 1
    if args.fail_on == "breaking" and any(c.impact == "breaking" for c in changes.changes):
        return 1
    if (args.fail_on == "any" or args.exit_code) and changed:
        return 1
    return 0


def _shown(path: str) -> str:
    """A path for output: bytes that are not UTF-8 shown as U+FFFD instead of failing."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _changed_files(
    base: str, head: str | None, folder: str, top: Path
) -> list[tuple[str, str, str]]:
    """(status letter, old path, new path) of every file git reports changed under `folder`.

    Read with -z (no quoting: `matrïx.md` is `matrïx.md`) and rename detection.
    """
    from compiler.project.sources import git, git_paths

    out = git(
        ["diff", "-z", "--name-status", "-M", base, *([head] if head else []), "--", folder],
        top,
        base,
    )
    fields = git_paths(out)
    entries: list[tuple[str, str, str]] = []
    i = 0
    while i < len(fields):
        code = fields[i][:1]
        if code in ("R", "C") and i + 2 < len(fields):
            entries.append((code, fields[i + 1], fields[i + 2]))
            i += 3
        else:
            path = fields[i + 1] if i + 1 < len(fields) else ""
            entries.append((code, path, path))
            i += 2
    return entries


def _run_git_diff(args: argparse.Namespace) -> int:  # noqa: C901, PLR0912, PLR0915 - one command: git listing, a diff per file, the output
    from compiler.cli.waivers import ignore_changes
    from compiler.diff.engine import diff
    from compiler.diff.render import changes_json
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

    def is_matrix(path: str) -> bool:
        p = Path(path)
        return p.suffix == ".md" and p.parent.as_posix() == folder and p.name not in config.exclude

    results: list[dict[str, Any]] = []
    all_changes: list[Changes] = []
    removed = 0
    for letter, old_path, new_path in _changed_files(base, head, folder, top):
        old_ok, new_ok = is_matrix(old_path), is_matrix(new_path)
        code = letter
        if letter == "R" and old_ok and not new_ok:
            code = "D"  # renamed out of the source folder (or to a non-matrix name)
        elif letter == "R" and new_ok and not old_ok:
            code = "A"
        elif not (old_ok or new_ok):
            continue
        status = {"A": "added", "C": "added", "D": "removed", "R": "renamed"}.get(code, "modified")
        entry: dict[str, Any] = {"path": _shown(new_path), "status": status}
        if status == "renamed":
            entry["renamed_from"] = _shown(old_path)
        if status == "removed":
            entry["impact"] = "breaking"  # every rule of the matrix is gone
            removed += 1
            results.append(entry)
            continue
        if head:
            new_spec = f"{head}:{new_path}"
            new = rule_file_from_bytes(read_blob(new_spec, top), _shown(new_spec))
        else:
            _, data = read_source(top / new_path)
            new = rule_file_from_bytes(data, _shown(new_path))
        if status == "added":
            entry["impact"] = "neutral"
            entry["rows"] = len({r.row for r in new.rules})
            args.added = True
            results.append(entry)
            continue
        old_spec = f"{base}:{old_path}"
        old = rule_file_from_bytes(read_blob(old_spec, top), _shown(old_spec))
        changes = ignore_changes(args.ignore, diff(old, new))
        all_changes.append(changes)
        entry["diff"] = changes
        entry["links"] = _links(config, old_spec, new_path if not head else f"{head}:{new_path}")
        results.append(entry)
    if args.format == "json":
        doc = {
            "base": base,
            "head": head,
            "matrices": [
                {k: (changes_json(v) if k == "diff" else v) for k, v in e.items() if k != "links"}
                for e in results
            ],
        }
        sys.stdout.write(dumps(doc))
        return _exit(args, all_changes, removed)
    color = _color(args.color)
    if not results:
        print(f"no matrix in {folder}/ changed between {base} and {head or 'the working tree'}")
    from compiler.errors import terminal

    parts = []
    for e in sorted(results, key=lambda e: (e["status"] != "removed", e["path"])):
        if "diff" in e:
            for warning in e["diff"].warnings:
                print(f"matrixc diff: warning: {terminal(warning)}", file=sys.stderr)
            if e["status"] == "renamed":
                parts.append(_file_line(e, args.format))
            parts.append(_render(e["diff"], args.format, color, e["links"]))
        else:
            parts.append(_file_line(e, args.format))
    sys.stdout.write("\n".join(parts))
    return _exit(args, all_changes, removed)


def _file_line(e: dict[str, Any], fmt: str) -> str:
    """'source_docs/x.md: matrix removed (breaking: every rule is gone)' and the like."""
    if e["status"] == "removed":
        what = (
            "matrix removed — **breaking**: every rule of it is gone"
            if fmt == "markdown"
            else ("matrix removed (breaking: every rule of it is gone)")
        )
    elif e["status"] == "added":
        what = f"matrix added ({e['rows']} rows)"
    else:
        what = f"matrix renamed from {e['renamed_from']}"
    if fmt == "markdown":
        return f"`{e['path']}`: {what}\n"
    from compiler.errors import one_line

    return one_line(f"{e['path']}: {what}") + "\n"  # git's file names may hold control characters


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
