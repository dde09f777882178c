"""A feature the matrix supports only in part: used, it passes with a warning quoting the cell."""

from __future__ import annotations

from pathlib import Path

from compiler.cli.validate import load_validator
from compiler.emit.rules import rule_file
from compiler.project.pipeline import compile_file

from .conftest import CORPUS, ROOT

# SIGHUP's logging module: ":warning:" under Kubernetes 1.20.X for v2.0.0, and its legend says
# ":warning: Has issues" (partial); ":white_check_mark: Compatible" beside it.
FURY = CORPUS / "beyond" / "fury-logging-compatibility-matrix.md"


def _validate(path: Path, scenario: str, facts: dict[str, object]) -> list[tuple[str, str]]:
    module = load_validator(rule_file(compile_file(path)))
    report = module.validate({"scenario": scenario, "facts": facts})
    assert report.ok
    return [(f.severity, f.message) for f in report.findings]


def test_a_partly_supported_feature_used_is_a_warning() -> None:
    found = _validate(FURY, "kubernetes-120x", {"compatibility-matrix/v200": True})
    assert found == [("warning", "v2.0.0: only partly supported in Kubernetes 1.20.X: ':warning:'")]


def test_a_partly_supported_feature_not_used_says_nothing() -> None:
    assert _validate(FURY, "kubernetes-120x", {"compatibility-matrix/v200": False}) == []


def test_a_supported_one_beside_it_says_nothing() -> None:
    assert _validate(FURY, "kubernetes-120x", {"compatibility-matrix/v201": True}) == []


def test_a_restricted_verdict_is_quoted_whole() -> None:
    # the VMware sibling: "Supported for migration only." for Windows Server 2008
    sibling = ROOT / "source_docs" / "vmware-physical-azure-support-matrix.md"
    row = "for-windows/windows-server-2008-with-sp2-or-later-64-bit32-bit"
    ((severity, message),) = _validate(sibling, "disaster-recovery-of-vmware-vms", {row: True})
    assert severity == "warning"
    assert message.startswith(
        "Windows Server 2008 with SP2 or later (64-bit/32-bit): only partly supported in Disaster "
        'recovery of VMware VMs: "Supported for migration only.'
    )
