"""Subcommands that live beside their stage: each module adds its own parser and handler.

Each listed module must keep its top-level imports light (argparse only), so that building the
parser stays cheap for `matrixc check`.
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

# Modules exposing `add_parser(subparsers) -> None`.
COMMAND_MODULES: tuple[str, ...] = ("validate_cli", "diff_cli")


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add every command module's subcommands."""
    for name in COMMAND_MODULES:
        importlib.import_module(f"compiler.{name}").add_parser(sub)
