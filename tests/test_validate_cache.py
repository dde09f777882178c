"""The compiled-code cache of generated validators (compiler.project.validators): a module
loaded from the cache is the module compiled from its file, an entry is only used for the very
bytes it was compiled from, a broken entry is compiled anew, and MATRIXC_CACHE=off writes
nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compiler.project import validators

from .conftest import ROOT

GENERATED = ROOT / "generated" / "validators" / "hyper_v_azure_support_matrix.py"
CONFIG = {"scenario": "Hyper-V with VMM", "facts": {"Data disk count": 17, "VM name": "web_01"}}


def _report(path: Path) -> str:
    module = validators.load_module(path, "hyper-v-azure-support-matrix")
    return json.dumps(module.validate(CONFIG).to_dict(), sort_keys=True)


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "validators").glob("*.code"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("MATRIXC_CACHE", raising=False)
    monkeypatch.setenv("MATRIXC_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_cached_module_is_the_compiled_module(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.py"
    path.write_bytes(GENERATED.read_bytes())
    first = _report(path)
    assert len(_entries(cache)) == 1
    again = _report(path)
    assert again == first
    assert len(_entries(cache)) == 1
    assert '"ok": false' in first  # 17 disks break "16 or less", web_01 the naming rule


def test_an_entry_serves_only_its_own_bytes(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.py"
    source = GENERATED.read_text(encoding="utf-8")
    path.write_text(source, encoding="utf-8")
    before = _report(path)
    path.write_text(source.replace("16 or less", "32 or less", 1), encoding="utf-8")
    after = _report(path)
    assert len(_entries(cache)) == 2
    assert after != before  # the edited file was compiled, not served from the first entry


def test_a_broken_entry_is_compiled_anew(cache: Path, tmp_path: Path) -> None:
    path = tmp_path / "v.py"
    path.write_bytes(GENERATED.read_bytes())
    first = _report(path)
    (entry,) = _entries(cache)
    entry.write_bytes(b"not marshal data")
    assert _report(path) == first


def test_cache_off_writes_nothing(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATRIXC_CACHE", "off")
    path = tmp_path / "v.py"
    path.write_bytes(GENERATED.read_bytes())
    _report(path)
    assert not cache.exists()


def test_an_unwritable_cache_is_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.delenv("MATRIXC_CACHE", raising=False)
    monkeypatch.setenv("MATRIXC_CACHE_DIR", str(blocker))  # a file: no folder can be made in it
    path = tmp_path / "v.py"
    path.write_bytes(GENERATED.read_bytes())
    assert '"ok": false' in _report(path)
