"""The in-browser configuration check agrees with `matrixc validate`, finding for finding.

The configurations are the hand-checked ones of tests/test_validator.py (their expectations are
read off the reference matrix there), plus a sweep over every row of every matrix with true and
false in every scenario. The CLI checks each list in one run (`--format json`); the page checks
the same configurations with check.js on the published check data; both must say the same:
the same findings with the same messages, or the same reason a configuration cannot be checked.
"""

from __future__ import annotations

import ast
import base64
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import ARTIFACTS
from tests.browser.site_project import REFERENCE_ID, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

Opener = Callable[..., tuple[Any, Any]]
VMM = "hyper-v-with-virtual-machine-manager"
NO_VMM = "hyper-v-without-virtual-machine-manager"
HOSTS_NO_VMM = "on-premises-servers/hyper-v-running-without-virtual-machine-manager"
HOSTS_NO_VMM = "on-premises-servers/hyper-v-running-without-virtual-machine-manager"


def _c(scenario: str, **facts: object) -> dict[str, Any]:
    return {"scenario": scenario, "facts": facts}


def hand_checked() -> list[dict[str, Any]]:
    """tests/test_validator.py's configurations of the reference matrix."""
    out = [
        _c("Hyper-V with VMM", **{"guest-vm-network-ipv6": True}),
        _c("Hyper-V without VMM", **{"guest-vm-network-ipv6": True}),
        _c(
            "Hyper-V with VMM",
            **{"Data disk count": 17, "guest-vm-network-ipv6": True, "VM name": "web_01"},
        ),
        _c(VMM, **{"Operating system disk size": "5 TB"}),
        _c(VMM, **{"Hard disk format": "vhdx"}),
        _c(VMM, **{"Hard disk format": "VMDK"}),
        _c(NO_VMM, **{HOSTS_NO_VMM: "Windows Server 2019"}),
        _c(NO_VMM, **{HOSTS_NO_VMM: "Windows Server 2008"}),
        _c(VMM, **{"encryption-at-rest-cmk": "3.3.0"}),
        _c(VMM, **{"encryption-at-rest-cmk": "3.2.9"}),
        _c(VMM, **{"encryption-at-rest-cmk": True}),
        _c(VMM, **{"replicated-vms/guest-operating-system": "RHEL 9"}),
        _c("Hyper-V with VMMM"),
        _c(VMM, **{"Data disk cont": 3}),
        _c(VMM, **{"NFS": True}),
        _c(VMM, **{"ilb": True}),
        # names a plain object answers for itself: the page found "toString" as a scenario (and
        # passed), and threw on a fact "constructor"; the CLI says each is unknown
        _c("toString"),
        _c("constructor"),
        _c("__proto__"),
        _c(VMM, **{"constructor": True}),
        _c(VMM, **{"hasOwnProperty": 1}),
    ]
    for value in (
        "32 TB",
        "32768 GiB",
        "32769 GB",
        "33 TB",
        "31.99 TB",
        "512 MB",
        "33554432 MiB",
        "33554433 MiB",
        "40",
        "40 XB",
        "32 terabytes",  # sizes in words, as documents write limits ("10,000 bytes")
        "32769 gigabytes",
        "33554432 MBytes",
        "1 Tebibyte",
        "40 constructor",  # no unit, though every JavaScript object has the key
        "40 toString",
    ):
        out.append(_c(VMM, **{"Data disk VHD size": value}))
    # Whitespace is Python's (str.isspace), which JavaScript's trim() and \s are not: U+0085
    # and U+001C-U+001F are whitespace to the module, U+FEFF is not (the page read each the
    # other way).
    for value in ("32 TB\x85", "\x1c32 TB", "\ufeff32 TB", "32\u2009TB", "33\x1fTB"):
        out.append(_c(VMM, **{"Data disk VHD size": value}))
    for value in ("16\x85", "\ufeff16", "17\x1e"):
        out.append(_c(VMM, **{"Data disk count": value}))
    for value in ("true\x85", "\ufefftrue", "\x1dyes"):
        out.append(_c(VMM, **{"guest-vm-network-ipv6": value}))
    for extra in (
        {"generation": 2},
        {"generation": "1"},
        {"VM type": "Generation 2"},
        {"VM type": "generation 1"},
        {"Generation 2 VM": True},
        {},
    ):
        out.append(_c(VMM, **{"Operating system disk size": "3 TB", **extra}))
    for name in ("web-01", "a", "a" * 63, "a" * 64, "", "web_01", "-web", "web-"):
        out.append(_c(VMM, **{"VM name": name}))
    for scenario in (VMM, "Hyper-V with Virtual Machine Manager", "hyper-v  WITH vmm"):
        out.append(_c(scenario))
    for name in (
        "hyper-v-network-configuration/guest-vm-network-ipv6",
        "guest-vm-network-ipv6",
        "Guest VM network: IPv6",
        "guest vm network: ipv6",
    ):
        out.append(_c(VMM, **{name: True}))
    for facts in (
        {"Data disk count": "many"},
        {"Data disk count": [1]},
        {"Data disk VHD size": 40},
        {"guest-vm-network-ipv6": 3},
        {"Data disk count": ["a,b", "c:d"]},  # json.dumps's separators, not inside strings
        {"Data disk count": {"k": "x, y"}},
        {"Data disk count": "\U0001f600" * 70},  # cut at 57 code points, not UTF-16 units
        {"VM name": "\u200b" * 3 + "\U0001f600"},  # repr escapes U+200B, keeps the emoji
        {"VM name": "\U0001f600" * 40},  # the value shown whole: 40 code points, not 80 units
    ):
        out.append({"scenario": VMM, "facts": facts})
    return out


_STRING_KINDS = frozenset({"allowed_values", "length", "charset", "affix"})


def sweep(rules: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row with true and with false, in every scenario (as test_validator's sweeps); a row
    whose limits are all on strings (a list of kernels, a name's characters) with a string no
    list holds, since true or false would make its whole configuration unusable input."""
    out = []
    strings = {
        r["row"]
        for r in rules["rows"]
        if (kinds := {c["kind"] for c in r.get("verdict", {}).get("constraints", [])})
        and kinds <= _STRING_KINDS
    }
    rows = sorted({r["row"] for r in rules["rows"]})
    for scenario in rules["scenarios"]:
        for value in (True, False):
            for start in range(0, len(rows), 25):
                chunk = rows[start : start + 25]
                facts = {row: "not-a-listed-value" if row in strings else value for row in chunk}
                out.append({"scenario": scenario["id"], "facts": facts})
    return out


def cli(matrix_id: str, configs: list[dict[str, Any]], tmp: Path) -> list[dict[str, Any]]:
    path = tmp / f"{matrix_id}.json"
    path.write_text(json.dumps(configs), encoding="utf-8")
    proc = subprocess.run(
        [
            str(Path(sys.executable).parent / "matrixc"),
            "validate",
            str(path),
            "--matrix",
            matrix_id,
            "--format",
            "json",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1, 2), proc.stderr
    results: list[dict[str, Any]] = json.loads(proc.stdout)["results"]
    assert len(results) == len(configs)
    return [
        {"error": r["error"]}
        if "error" in r
        else {
            "ok": r["ok"],
            "scenario": r["scenario"],
            "findings": [
                {**{k: v for k, v in f.items() if k != "source"}, "line": f["source"]["line"]}
                for f in r["findings"]
            ],
        }
        for r in results
    ]


BROWSER = """async ([url, configs]) => {
  const out = [];
  for (const c of configs) {
    const r = await window.matrixcCheck.check(url, c);
    out.push(r.error !== undefined ? {error: r.error} : r);
  }
  return out;
}"""


def test_browser_findings_equal_the_clis(open_page: Opener, site_url: str, tmp_path: Path) -> None:
    page, _ = open_page(site_url + "check/")
    index = json.loads(page.evaluate("fetch('../api/index.json').then(r => r.text())"))
    compared = 0
    for matrix in index["matrices"]:
        rules = json.loads((ROOT / "generated" / "rules" / f"{matrix['id']}.json").read_bytes())
        configs = sweep(rules) + (hand_checked() if matrix["id"] == REFERENCE_ID else [])
        want = cli(matrix["id"], configs, tmp_path)
        got = page.evaluate(BROWSER, ["../" + matrix["check"], configs])
        for config, w, g in zip(configs, want, got, strict=True):
            assert g == w, json.dumps(config)[:300]
        compared += sum(len(w.get("findings", [])) for w in want)
    assert compared > 200  # the sweeps alone make hundreds of findings


def test_check_page_shows_the_findings(open_page: Opener, site_url: str) -> None:
    page, _ = open_page(site_url + "check/")
    page.select_option("select[name=mx-matrix]", index=1)  # the reference matrix (sorted by id)
    assert "on-premises Hyper-V" in page.locator("select[name=mx-matrix]").inner_text()
    config = {
        "scenario": "Hyper-V with VMM",
        "facts": {"Data disk count": 17, "guest-vm-network-ipv6": True, "VM name": "web_01"},
    }
    page.fill("textarea[name=mx-config]", json.dumps(config))
    page.click(".mx-check button[type=submit]")
    verdict = page.locator(".mx-check__verdict")
    verdict.wait_for(state="visible")
    assert verdict.inner_text().startswith(
        "✗ Fails in Hyper-V with Virtual Machine Manager: 3 errors"
    )
    items = page.locator(".mx-finding")
    assert items.count() == 3
    assert "17 is outside the limit: at most 16" in items.nth(0).inner_text()
    link = items.nth(0).locator("a").get_attribute("href") or ""
    assert link.endswith(f"matrices/{REFERENCE_ID}/#azure-vm-requirements/data-disk-count")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "check.png"), full_page=True)
    # an upload reads the file in the page
    upload = ARTIFACTS.parent / "check-upload.json"
    upload.write_text(json.dumps({"scenario": "Hyper-V with VMM", "facts": {"ilb": True}}))
    page.set_input_files("input[name=mx-file]", str(upload))
    page.locator(".mx-check__verdict", has_text="Passes").wait_for(state="visible")


CEILINGS = {  # scenario -> a ceiling added beside the reference's "Az 3.3.0 module onwards" floor
    VMM: {"kind": "max_version", "text": "< 4.0", "max_version": "4.0", "xmax": True},
    NO_VMM: {"kind": "max_version", "text": "<= 4.1.x", "max_version": "4.1.x"},
}


def _with_ceilings(source: str) -> str:
    """The reference's generated validator with a version ceiling on its CMK row (no corpus
    matrix has one yet)."""
    return _with_limits(source, lambda scenario: [CEILINGS[scenario]])


def _with_limits(
    source: str,
    limits: Callable[[str], list[dict[str, Any]]],
    row: str = "azure-storage/encryption-at-rest-cmk",
    replace: bool = False,
) -> str:
    """The reference's generated validator with limits added to (or in place of) one row's
    rules' (per scenario), each data record kept on its line as the module writes them."""
    out = []
    for line in source.split("\n"):
        if f'"row": "{row}"' in line:
            record = json.loads(ast.literal_eval(line.strip().rstrip(",")))
            for rule in record["rules"]:
                if replace:
                    rule["constraints"] = []
                rule["constraints"].extend(limits(rule["scenario"]))
            line = "    " + repr(json.dumps(record, sort_keys=True, ensure_ascii=True)) + ","
        out.append(line)
    return "\n".join(out)


def _module_and_page(
    open_page: Opener, site_url: str, changed: str, configs: list[dict[str, Any]], tmp_path: Path
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(what the changed module says, what check.js says on the same data), ok and messages."""
    module = tmp_path / "changed.py"
    module.write_text(changed, encoding="utf-8")
    configs_file = tmp_path / "configs.json"
    configs_file.write_text(json.dumps(configs), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(module), str(configs_file), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    want = [
        {"ok": r["ok"], "messages": [f["message"] for f in r["findings"]]}
        for r in json.loads(proc.stdout)["results"]
    ]
    page, _ = open_page(site_url + "check/")
    url = "data:text/plain;base64," + base64.b64encode(changed.encode("utf-8")).decode("ascii")
    got = page.evaluate(BROWSER, [url, configs])
    return want, [{"ok": g["ok"], "messages": [f["message"] for f in g["findings"]]} for g in got]


def _reference_validator() -> str:
    path = ROOT / "generated" / "validators" / "hyper_v_azure_support_matrix.py"
    return path.read_text(encoding="utf-8")


def test_version_ceilings_read_the_same_in_the_browser(
    open_page: Opener, site_url: str, tmp_path: Path
) -> None:
    source = _reference_validator()
    changed = _with_ceilings(source)
    assert changed != source
    configs = [
        _c(scenario, **{"encryption-at-rest-cmk": v})
        for scenario in (VMM, NO_VMM)
        for v in ("3.3.0", "3.9.9", "4.0.0", "4.0", "4.0.1", "4.1", "4.1.7", "4.2", "10.0", "3.2")
    ]
    want, got = _module_and_page(open_page, site_url, changed, configs, tmp_path)
    too_new = [m for w in want for m in w["messages"] if "too new" in m]
    # exclusive "< 4.0": 4.0.0, 4.0, 4.0.1, 4.1, 4.1.7, 4.2, 10.0; inclusive "<= 4.1.x": 4.2, 10.0
    assert len(too_new) == 7 + 2
    assert got == want


# One floor per release line, as containerd's RELEASES.md writes them ("2.1.0+, 2.0.4+"): any
# one is enough. Added beside the CMK row's own "Az 3.3.0 module onwards" floor, which holds too.
ALTERNATIVES = [
    {"kind": "min_version", "text": "5.1.x+", "version": "5.1.x", "any": True},  # 5.1's wildcard
    {
        "kind": "version_range",
        "text": "4.2.3+",
        "version": "4.2.3",
        "max_version": "4.2.x",
        "any": True,
    },
]


def test_version_alternatives_read_the_same_in_the_browser(
    open_page: Opener, site_url: str, tmp_path: Path
) -> None:
    changed = _with_limits(_reference_validator(), lambda scenario: ALTERNATIVES)
    values = ("3.2", "4.2.2", "4.2.3", "4.2.9", "4.3", "5.0.9", "5.1.0", "6.0", True, False)
    values += ("v4.2.9", "V5.0.9", "5.1.9")  # kubectl's spelling, a "v" before the version
    values += ("6", 6, "4", 5)  # a release by its number alone ("macOS 12 or later"), as JSON too
    configs = [_c(VMM, **{"encryption-at-rest-cmk": v}) for v in values]
    want, got = _module_and_page(open_page, site_url, changed, configs, tmp_path)
    ok = [False, False, True, True, False, False, True, True, True, True, True, False, True]
    ok += [True, True, False, False]
    assert [w["ok"] for w in want] == ok
    none = [m for w in want for m in w["messages"] if "in none of the supported versions" in m]
    assert len(none) == 7  # 3.2 (too old for the row's own floor as well), 4.2.2, 4.3, 5.0.9, 4, 5
    assert any("requires version one of 5.1.x+, 4.2.3+" in m for m in want[8]["messages"])
    assert got == want


# A list of versions names release lines ("1.30" admits 1.30.4): the "Hard disk format" row's
# list replaced by containerd's "1.7, 1.8, 1.9" Kubernetes versions (its L174) and a line said
# so, as SDK READMEs write Node.js's ("16.x").
VERSIONS = {
    "kind": "allowed_values",
    "text": "1.7, 1.8, 1.9, 16.x, 11",
    "values": ["1.7", "1.8", "1.9", "16.x", "11"],  # and a major alone, as JDBC's JREs "1.8, 11"
}


def test_version_lists_read_the_same_in_the_browser(
    open_page: Opener, site_url: str, tmp_path: Path
) -> None:
    row = "azure-vm-requirements/hard-disk-format"
    changed = _with_limits(_reference_validator(), lambda s: [VERSIONS], row, replace=True)
    values = ("1.8", "1.8.4", "v1.9.11", "1.07.2", "1.10", "1.80", "1.6.2", "VHDX")
    values += ("16.2", "v16.0.1", "16", "160.1")
    # builds as clusters report them, on their numbers (velero's users run EKS, GKE and k3s)
    values += ("v1.8.4-eks-1234abc", "1.9.0-rc.1", "1.10.2+k3s1", "16.2.0-gke.1014001")
    values += ("11.0.20", "11", "1.8.0_292", "110.1")
    configs = [_c(VMM, **{row: v}) for v in values]
    want, got = _module_and_page(open_page, site_url, changed, configs, tmp_path)
    ok = [True, True, True, True, False, False, False, False, True, True, False, False]
    ok += [True, True, False, True, True, True, True, False]
    assert [w["ok"] for w in want] == ok
    assert got == want


# A line rate in bits, as VPN gateways' "650 Mbps" (MicrosoftDocs/azure-docs, includes/
# vpn-gateway-table-gwtype-aggtput-include.md), and the spellings of rates the runtime reads.
RATE = {"kind": "rate", "text": "650 Mbps", "max": 81_250_000}  # as the module writes limits


def test_rates_in_bits_and_bytes_read_the_same_in_the_browser(
    open_page: Opener, site_url: str, tmp_path: Path
) -> None:
    row = "azure-storage/encryption-at-rest-cmk"
    out = []
    for line in _reference_validator().split("\n"):
        if f'"row": "{row}"' in line:
            record = json.loads(ast.literal_eval(line.strip().rstrip(",")))
            record["accepts"] = ["rate"]
            for rule in record["rules"]:
                rule.update(constraints=[RATE], status=None, text=RATE["text"])
            line = "    " + repr(json.dumps(record, sort_keys=True, ensure_ascii=True)) + ","
        out.append(line)
    values = ("600 Mbps", "700 Mbps", "0.6 Gb/s", "0.7 GBPS", "77 MB/s", "78 MiB/sec", "1 MIbps")
    configs = [_c(VMM, **{row: v}) for v in values]
    want, got = _module_and_page(open_page, site_url, "\n".join(out), configs, tmp_path)
    assert [w["ok"] for w in want] == [True, False, True, False, True, False, True]
    assert got == want
