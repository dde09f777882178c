"""The site's own pages show code that readers copy: it has to run on what the build writes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

PAGE = ROOT / "site" / "rule-files.md"
SNIPPETS = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)


def test_the_rule_files_page_has_its_snippets() -> None:
    assert len(SNIPPETS) == 2


@pytest.mark.parametrize("code", SNIPPETS, ids=["with-matrixc", "standard-library"])
def test_a_rule_files_snippet_reads_the_committed_rule_file(code: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    # source_docs/hyper-v-azure-support-matrix.md line 68: "Guest VM network: IPv6 | No | Yes".
    lines = done.stdout.splitlines()
    assert lines[0].split()[:2] == ["hyper-v-with-virtual-machine-manager", "not_supported"]
    assert lines[1].split()[:2] == ["hyper-v-without-virtual-machine-manager", "supported"]
