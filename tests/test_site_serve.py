"""`mkdocs serve` rebuilds the matrix pages when a source matrix changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.browser.site_project import REFERENCE, REFERENCE_ID, ROOT

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.3)
    return False


def test_serve_reloads_when_a_source_changes(tmp_path: Path) -> None:
    src = tmp_path / "docs_src"
    src.mkdir()
    doc = src / REFERENCE.name
    shutil.copy(REFERENCE, doc)
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    data["docs_dir"] = str(ROOT / "site")
    data.pop("watch", None)  # the plugin itself watches its source folder
    data["plugins"] = [
        p if p != "matrixc" else {"matrixc": {"project": str(ROOT), "source_dir": str(src)}}
        for p in data["plugins"]
    ]
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    port = _free_port()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    proc = subprocess.Popen(
        [mkdocs, "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/matrices/{REFERENCE_ID}/"
        assert _wait_for(url, 'id="azure-vm-requirements/bitlocker"')
        text = doc.read_text(encoding="utf-8")
        doc.write_text(text.replace("\nBitLocker |", "\nBitLocker drive encryption |"), "utf-8")
        assert _wait_for(url, 'id="azure-vm-requirements/bitlocker-drive-encryption"')
    finally:
        proc.terminate()
        proc.wait(timeout=10)
