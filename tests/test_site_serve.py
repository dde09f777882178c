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


def test_plain_mkdocs_build_stops_at_a_broken_matrix_and_keeps_the_site(tmp_path: Path) -> None:
    """`mkdocs build` left a matrix that did not compile out with a warning and exit 0, and
    the page it had published was gone; now it stops before mkdocs empties the site, as
    `matrixc build` does, naming the file."""
    src = tmp_path / "docs_src"
    src.mkdir()
    shutil.copy(REFERENCE, src / REFERENCE.name)
    other = src / "traefik-mesh-compatibility.md"
    shutil.copy(ROOT.parent / "shared" / "corpus" / "beyond" / other.name, other)
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    data["docs_dir"] = str(ROOT / "site")
    data["site_dir"] = str(tmp_path / "public")
    data.pop("watch", None)
    data["plugins"] = [
        p if p != "matrixc" else {"matrixc": {"project": str(ROOT), "source_dir": str(src)}}
        for p in data["plugins"]
    ]
    config = tmp_path / "mkdocs.yml"
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")

    def build() -> subprocess.CompletedProcess[str]:
        command = [mkdocs, "build", "-q", "-f", str(config)]
        return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)

    assert build().returncode == 0
    page = tmp_path / "public" / "matrices" / "traefik-mesh-compatibility" / "index.html"
    before = page.read_bytes()
    other.write_text("# Traefik Mesh\n\nNo table any more.\n", encoding="utf-8")
    done = build()
    assert done.returncode != 0
    assert "traefik-mesh-compatibility.md: no tables: this is not a support matrix" in done.stderr
    assert "Traceback" not in done.stderr
    assert page.read_bytes() == before
