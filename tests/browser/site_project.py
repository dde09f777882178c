"""Build the reference site (or a variant of it) into a temporary folder, for the site tests.

The variant's mkdocs.yml is the project's, with absolute paths and the plugin pointed at another
source folder, so tests exercise exactly the configuration `matrixc build` uses.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

from compiler.project.config import load_config
from compiler.site.build import build_site

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_ID = "hyper-v-azure-support-matrix"
REFERENCE = ROOT / "source_docs" / f"{REFERENCE_ID}.md"

# A row whose every cell tries to run code (appended after the BitLocker row).
HOSTILE_ROW = (
    "Hostile <script>window.__pwned=1</script> key | "
    '<img src=x onerror="window.__pwned=1"> Not supported | '
    "<script>window.__pwned=1</script> [click](javascript:window.__pwned=1) "
    '<a href="javascript:window.__pwned=1" onclick="window.__pwned=1">link</a> '
    '<svg onload="window.__pwned=1"></svg> <iframe src="https://example.com/"></iframe>'
)
HOSTILE_ID = "azure-vm-requirements/hostile-window__pwned1-key"


def _mkdocs_yml(dest: Path, plugin: dict[str, Any], *, strict: bool = False) -> Path:
    data = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    data["strict"] = strict  # the project's own site must build without a single warning
    data["docs_dir"] = str(ROOT / "site")
    data["site_dir"] = str(dest / "public")
    data.pop("watch", None)
    data["plugins"] = [
        p if p != "matrixc" else {"matrixc": {"project": str(ROOT), **plugin}}
        for p in data["plugins"]
    ]
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _site_without_history(dest: Path, src: Path) -> Path:
    """The site of the matrices in `src`, with no history and no generated/ to read."""
    path = _mkdocs_yml(
        dest,
        {
            "source_dir": str(src),
            "history_dir": str(dest / "no-history"),
            "output_dir": str(dest / "no-generated"),
        },
    )
    assert build_site(load_config(ROOT), quiet=True, config_file=path) == 0
    return dest / "public"


def build_reference_site(dest: Path) -> Path:
    """The project's own site, built into dest/public; returns that folder."""
    path = _mkdocs_yml(dest, {}, strict=True)
    assert build_site(load_config(ROOT), quiet=True, config_file=path) == 0
    return dest / "public"


def build_hostile_site(dest: Path) -> Path:
    """The site of a project whose reference matrix carries a row of script injections."""
    src = dest / "docs_src"
    src.mkdir(parents=True)
    text = REFERENCE.read_text(encoding="utf-8")
    anchor = (
        "BitLocker | Not supported | "
        "BitLocker must be disabled before you enable replication for a VM.\n"
    )
    assert anchor in text
    (src / REFERENCE.name).write_text(text.replace(anchor, anchor + HOSTILE_ROW + "\n"), "utf-8")
    shutil.copy(ROOT / "source_docs" / "NOTICE.md", src / "NOTICE.md")
    return _site_without_history(dest, src)


def build_many_site(dest: Path, count: int) -> Path:
    """The site of `count` matrices: the reference document again and again, each under its
    own file name (`<id>-01`, ...) and with its own title, so the nav is grouped (beyond 12)."""
    src = dest / "docs_src"
    src.mkdir(parents=True)
    text = REFERENCE.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", text, flags=re.MULTILINE)
    assert title is not None
    for n in range(1, count + 1):
        copy = text.replace(title.group(0), f"{title.group(0)} ({n})", 1)
        (src / f"{REFERENCE_ID}-{n:02d}.md").write_text(copy, encoding="utf-8")
    return _site_without_history(dest, src)
