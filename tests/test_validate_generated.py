"""`matrixc validate --matrix ID` runs generated/validators/ID.py as is when the manifest proves
it fresh, and compiles the matrix as before whenever anything it was built from has changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compiler.cli import validate
from compiler.cli.main import main
from compiler.project.config import load_config
from compiler.project.validators import fresh_validator

MATRIX = "hyper-v-azure-support-matrix"
MODULE = "hyper_v_azure_support_matrix"  # the importable file name of its validator
# Source line 173 of the reference matrix: "Data disk count | 16 or less | ...".
CONFIG = {"scenario": "Hyper-V with VMM", "facts": {"Data disk count": 12, "VM name": "web_01"}}


def _validate(capsys: pytest.CaptureFixture[str], config: Path) -> tuple[int, str]:
    code = main(["validate", str(config), "--matrix", MATRIX, "--format", "json"])
    return code, capsys.readouterr().out


@pytest.fixture
def built(project: Path) -> Path:
    assert main(["build", "--no-site", "-q"]) == 0
    config = project / "vm.json"
    config.write_text(json.dumps(CONFIG), encoding="utf-8")
    return config


def test_fresh_generated_file_is_run_and_reports_what_compiling_reports(
    built: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    module = validate.generated_validator(MATRIX)
    assert module is not None
    assert Path(module.__file__ or "") == built.parent / "generated" / "validators" / f"{MODULE}.py"
    fast = _validate(capsys, built)
    monkeypatch.setattr(validate, "generated_validator", lambda spec: None)
    compiled = _validate(capsys, built)
    assert fast == compiled
    code, out = fast
    assert code == 1  # 'web_01' breaks the naming rule; 12 disks are within "16 or less"
    findings = json.loads(out)["results"][0]["findings"]
    assert [f["key"] for f in findings if f["severity"] == "error"] == ["VM name"]


def test_an_edited_source_is_compiled_not_taken_from_generated(
    built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = built.parent / "source_docs" / f"{MATRIX}.md"
    text = source.read_text(encoding="utf-8")
    assert "Data disk count | 16 or less" in text
    source.write_text(text.replace("Data disk count | 16 or less", "Data disk count | 8 or less"))
    assert fresh_validator(load_config(), MATRIX) is None
    assert validate.generated_validator(MATRIX) is None
    code, out = _validate(capsys, built)
    keys = [f["key"] for f in json.loads(out)["results"][0]["findings"]]
    assert code == 1
    assert "Data disk count" in keys  # the new limit, 8, not the generated file's 16


def test_a_changed_generated_file_or_a_path_is_not_trusted(built: Path) -> None:
    path = built.parent / "generated" / "validators" / f"{MODULE}.py"
    assert fresh_validator(load_config(), MATRIX) == path
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fresh_validator(load_config(), MATRIX) is None
    assert validate.generated_validator(f"source_docs/{MATRIX}.md") is None
    assert validate.generated_validator("no-such-matrix") is None
