"""Shared fixtures: the real corpus documents and throw-away projects built from them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REVISIONS = sorted((CORPUS / "hyper-v-azure-revisions").glob("*.md"))
SIBLINGS = sorted((CORPUS / "matrices").glob("*.md"))
ALL_DOCS = REVISIONS + SIBLINGS
REFERENCE = ROOT / "source_docs" / "hyper-v-azure-support-matrix.md"

PYPROJECT = """\
[tool.matrixc]
source_dir = "source_docs"
output_dir = "generated"
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A minimal matrixc project (three real matrices, no site) as the working directory."""
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    src = tmp_path / "source_docs"
    src.mkdir()
    for doc in (ROOT / "source_docs").glob("*.md"):
        shutil.copy(doc, src / doc.name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(autouse=True, scope="session")
def _scratch_parse_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """`matrixc parse` run by the tests caches in a scratch folder, not the user's ~/.cache."""
    patch = pytest.MonkeyPatch()
    patch.setenv("MATRIXC_CACHE_DIR", str(tmp_path_factory.mktemp("parse-cache")))
    yield
    patch.undo()
