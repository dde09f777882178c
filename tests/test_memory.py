"""Compiles collect garbage rarely, and leave the collector as they found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from compiler.emit.rules import emit_rules, rule_file
from compiler.model.memory import THRESHOLD, compiling, fewer_collections
from compiler.project.pipeline import compile_file

REFERENCE = Path(__file__).resolve().parent.parent / "source_docs/hyper-v-azure-support-matrix.md"


@pytest.fixture
def default_threshold() -> Iterator[tuple[int, int, int]]:
    old = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield gc.get_threshold()
    gc.set_threshold(*old)


def test_a_compile_collects_rarely_and_restores_the_threshold(
    default_threshold: tuple[int, int, int],
) -> None:
    seen: list[tuple[int, int, int]] = []

    @compiling
    def stage() -> None:
        seen.append(gc.get_threshold())
        with fewer_collections():  # nested: no change, and the outer block still restores
            seen.append(gc.get_threshold())

    stage()
    assert seen == [(THRESHOLD, 10, 10)] * 2
    assert gc.get_threshold() == default_threshold
    emit_rules(rule_file(compile_file(REFERENCE)))
    assert gc.get_threshold() == default_threshold


def test_a_failing_stage_restores_the_threshold(default_threshold: tuple[int, int, int]) -> None:
    @compiling
    def stage() -> None:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        stage()
    assert gc.get_threshold() == default_threshold


def test_a_disabled_collector_stays_disabled(default_threshold: tuple[int, int, int]) -> None:
    gc.disable()
    try:
        with fewer_collections():
            assert not gc.isenabled()
            assert gc.get_threshold() == default_threshold
    finally:
        gc.enable()
