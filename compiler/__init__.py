"""matrixc: compile Markdown support matrices into rule files, validators, diffs and a site.

The public API, imported lazily: `matrixc check` must start fast, so nothing heavy is imported
until a name is used.

    parse(text) -> Document            the Markdown front end (compiler.frontend)
    build(document, path=, data=)      -> Matrix, the canonical model (compiler.model)
    rule_file(matrix) -> RuleFile      one rule per row x scenario (compiler.emit)
    diff(old, new) -> Changes          the semantic diff of two rule files (compiler.diff)
    compile_file(path) -> Matrix       parse + build of a file on disk (compiler.project)
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "parse": "compiler.frontend.parse",
    "build": "compiler.frontend.build",
    "rule_file": "compiler.emit.rules",
    "diff": "compiler.diff.engine",
    "compile_file": "compiler.project.pipeline",
    "diff_matrices": "compiler.project.pipeline",
}
__all__ = ["__version__", "build", "compile_file", "diff", "diff_matrices", "parse", "rule_file"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'compiler' has no attribute {name!r}")
