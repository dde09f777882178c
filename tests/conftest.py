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
BEYOND = sorted(p for p in (CORPUS / "beyond").glob("*.md") if p.name != "README.md")
FRONT_END_DOCS = [REFERENCE, *ALL_DOCS, *BEYOND]  # what the front-end shortcut tests read


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once without the corpus: tests that walk its documents would pass on none."""
    if not (REVISIONS and SIBLINGS and BEYOND):
        pytest.exit(f"the corpus is missing: expected ../shared/corpus at {CORPUS}", returncode=4)


def corpus_texts() -> list[str]:
    """Every source line of FRONT_END_DOCS, the plain text of every table cell and each line of
    it, once each: the inputs on which a front-end shortcut must agree with what it replaces."""
    from compiler.frontend.parse import RawTable, parse
    from compiler.frontend.text import to_text

    out: list[str] = []
    for doc in FRONT_END_DOCS:
        text = doc.read_text(encoding="utf-8")
        out.extend(text.split("\n"))
        for block in parse(text).blocks:
            if isinstance(block, RawTable):
                for row in (block.header, *block.rows):
                    for cell in row.cells:
                        plain = to_text(cell)
                        out.append(plain)
                        out.extend(plain.split("\n"))
    return list(dict.fromkeys(out))


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
