"""Cell reading, checked against cells as the corpus writes them (raw Markdown through to_text)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from compiler.frontend.cells import Reading, read_cell
from compiler.frontend.text import to_text

from .conftest import CORPUS

GB = 1024**3
TB = 1024**4
MB = 1024**2


def read(raw: str) -> Reading:
    """Read a raw corpus cell the way the compiler does: plain text first."""
    return read_cell(to_text(raw))


def fields(reading: Reading) -> list[dict[str, Any]]:
    """The constraints' set fields, minus the source text, for compact expectations."""
    out = []
    for c in reading.constraints:
        d = c.model_dump(exclude_defaults=True, exclude={"text"})
        if c.condition is not None:
            d["condition"] = (c.condition.fact, c.condition.value)
        out.append(d)
    return out


@pytest.mark.parametrize(
    ("raw", "status", "unparsed"),
    [
        ("Yes", "supported", None),
        ("Yes.", "supported", None),
        ("Supported", "supported", None),
        ("Supported.", "supported", None),
        (
            "Supported within the same Microsoft Entra tenant.",
            "supported",
            "within the same Microsoft Entra tenant.",
        ),
        ("Yes. For target storage and cache.", "supported", "For target storage and cache."),
        (
            "Yes. [Learn more](hybrid-how-to-enable-replication-private-endpoints.md).",
            "supported",
            "Learn more.",
        ),
        ("Yes, for both failover and failback.", "supported", "for both failover and failback."),
        ("No", "not_supported", None),
        ("No.", "not_supported", None),
        (
            "No. The target Azure Storage account can't be modified after enabling replication. "
            "To modify, disable and then re-enable disaster recovery.",
            "not_supported",
            "The target Azure Storage account can't be modified after enabling replication.\n"
            "To modify, disable and then re-enable disaster recovery.",
        ),
        ("Not supported", "not_supported", None),
        ("Not Supported", "not_supported", None),
        ("Not supported.", "not_supported", None),
        ("Not currently supported.", "not_supported", None),
        ("Not supported: Gen 1/Gen 2", "not_supported", "Gen 1/Gen 2"),
        ("No: Gen 1/Gen 2", "not_supported", "Gen 1/Gen 2"),
        (
            "Not supported. Disable replication, make the change, and then re-enable replication "
            "for the VM.",
            "not_supported",
            "Disable replication, make the change, and then re-enable replication for the VM.",
        ),
        ("Unsupported", "not_supported", None),
        ("NA", "not_applicable", None),
        ("N/A", "not_applicable", None),
        ("Not applicable", "not_applicable", None),
        # A whole cell that is one unambiguous statement.
        ("Multiple adapters are supported", "supported", None),
        ("Multiple adapters are supported.", "supported", None),
        ("Disks that are part of a DRBD setup aren't supported.", "not_supported", None),
        # Mixed or conditional verdicts: no single status.
        (
            "Resizing up on the source VM is supported. Resizing down on the source VM isn't "
            "supported.",
            None,
            "Resizing up on the source VM is supported.\n"
            "Resizing down on the source VM isn't supported.",
        ),
        (
            "Yes for VMware<br/><br/>No for physical servers",
            None,
            "Yes for VMware\nNo for physical servers",
        ),
        (
            "Availability scenario - supported. Scalability scenario - not supported.",
            None,
            "Availability scenario - supported.\nScalability scenario - not supported.",
        ),
        (
            "Supported for VMware machines.<br/><br/>Not supported for Physical machines, if using "
            "modernized experience.",
            "partial",  # the second sentence, a denial for some machines, excepts from the first
            "for VMware machines.\n"
            "Not supported for Physical machines, if using modernized experience.",
        ),
        # Verdict words that are not verdicts.
        (
            "Prerequisites check fails if unsupported.",
            None,
            "Prerequisites check fails if unsupported.",
        ),
        ("Check fails if unsupported.", None, "Check fails if unsupported."),
        (
            "No new Debian 8 kernels supported in this release.",
            None,
            "No new Debian 8 kernels supported in this release.",
        ),
        ("[Supported kernel versions](#debian-kernel-versions)", None, "Supported kernel versions"),
        (
            "No restriction for unmanaged disks. 1 GB for managed disks",
            None,
            "No restriction for unmanaged disks. 1 GB for managed disks",
        ),
        (
            "Support. You must use PowerShell to configure.",
            None,
            "Support.\nYou must use PowerShell to configure.",
        ),
        (
            "Coordinates communications between on-premises servers and Azure <br/><br/> Hyper-V "
            "with Virtual Machine Manager: Installed on Virtual Machine Manager servers",
            None,
            "Coordinates communications between on-premises servers and Azure\n"
            "Hyper-V with Virtual Machine Manager: Installed on Virtual Machine Manager servers",
        ),
    ],
)
def test_verdicts(raw: str, status: str | None, unparsed: str | None) -> None:
    reading = read(raw)
    assert reading.status == status
    assert reading.unparsed == unparsed
    if status is None or unparsed is not None:
        assert not any(c.kind in ("size", "count") for c in reading.constraints)


@pytest.mark.parametrize(
    ("raw", "status", "expected", "unparsed"),
    [
        ("16 or less", None, [{"kind": "count", "maximum": 16, "quantity": 16}], None),
        ("64 or less.", None, [{"kind": "count", "maximum": 64, "quantity": 64}], None),
        # A bare number is never "exactly N": a quantity, not checkable (see test_bare_numbers).
        ("1", None, [{"kind": "count", "quantity": 1}], None),
        (
            "Up to 64 disks in total, including the operating-system disk.",
            None,
            [{"kind": "count", "maximum": 64, "quantity": 64, "unit": "disks"}],
            "including the operating-system disk.",
        ),
        ("750 disks", None, [{"kind": "count", "quantity": 750, "unit": "disks"}], None),
        (
            "2 disks<br/><br/> Disks include the OS disk and data disk.",
            None,
            [{"kind": "count", "quantity": 2, "unit": "disks"}],
            "Disks include the OS disk and data disk.",
        ),
        (
            "1<br/><br/>boot and system partition on different disks isn't supported",
            None,
            [{"kind": "count", "quantity": 1}],
            "boot and system partition on different disks isn't supported",
        ),
        (
            "Up to 32 TB",
            None,
            [{"kind": "size", "maximum": 32 * TB, "quantity": 32, "unit": "TB"}],
            None,
        ),
        (
            "Up to 4095 GB",
            None,
            [{"kind": "size", "maximum": 4095 * GB, "quantity": 4095, "unit": "GB"}],
            None,
        ),
        (
            "Yes, up to 32 TB <br></br> You will need to upgrade the replication provider on the "
            "Hyper-V host to any version after 2.0.9214.0 to replicate large disks up to 32 TB. "
            "For large disks, replication will happen to managed disks only.",
            "partial",  # "… managed disks only"
            [
                {"kind": "size", "maximum": 32 * TB, "quantity": 32, "unit": "TB"},
                {
                    "kind": "min_version",
                    "version": "2.0.9214.0",
                    "exclusive_minimum": True,
                    "subject": "replication provider",
                },
            ],
            "For large disks, replication will happen to managed disks only.",
        ),
        (
            "Yes, up to 4,095 GB",
            "supported",
            [{"kind": "size", "maximum": 4095 * GB, "quantity": 4095, "unit": "GB"}],
            None,
        ),
        (
            "Yes<br/><br/>Up to 4095 GB",
            "supported",
            [{"kind": "size", "maximum": 4095 * GB, "quantity": 4095, "unit": "GB"}],
            None,
        ),
        (
            "Yes, up to 32,767 GiB (approximately 32 TiB).<br/><br/>Upgrade the replication "
            "provider on the Hyper-V host to a version later than 2.0.9214.0. Large disks "
            "replicate to managed disks only.",
            "partial",  # "… managed disks only"
            [
                {"kind": "size", "maximum": 32767 * GB, "quantity": 32767, "unit": "GiB"},
                {
                    "kind": "min_version",
                    "version": "2.0.9214.0",
                    "exclusive_minimum": True,
                    "subject": "replication provider",
                },
            ],
            "Large disks replicate to managed disks only.",
        ),
        (
            "From 1 GiB through 32,767 GiB (approximately 32 TiB).",
            None,
            [
                {
                    "kind": "size",
                    "minimum": GB,
                    "maximum": 32767 * GB,
                    "quantity": 32767,
                    "unit": "GiB",
                }
            ],
            None,
        ),
        (
            "Up to 2 TB for generation 1 VMs.<br/><br/> Up to 4 TB for generation 2 VMs.",
            None,
            [
                {
                    "kind": "size",
                    "maximum": 2 * TB,
                    "quantity": 2,
                    "unit": "TB",
                    "condition": ("generation", "1"),
                },
                {
                    "kind": "size",
                    "maximum": 4 * TB,
                    "quantity": 4,
                    "unit": "TB",
                    "condition": ("generation", "2"),
                },
            ],
            None,
        ),
        (
            "Up to 2048 GB for Generation 1 VMs.<br/><br/> Up to 300 GB for generation 2 VMs.",
            None,
            [
                {
                    "kind": "size",
                    "maximum": 2048 * GB,
                    "quantity": 2048,
                    "unit": "GB",
                    "condition": ("generation", "1"),
                },
                {
                    "kind": "size",
                    "maximum": 300 * GB,
                    "quantity": 300,
                    "unit": "GB",
                    "condition": ("generation", "2"),
                },
            ],
            None,
        ),
        (
            "Up to 2,048 GB for Generation 1 machines.<br/><br/> Up to 4,095 GB for Generation 2 "
            "machines.",
            None,
            [
                {
                    "kind": "size",
                    "maximum": 2048 * GB,
                    "quantity": 2048,
                    "unit": "GB",
                    "condition": ("generation", "1"),
                },
                {
                    "kind": "size",
                    "maximum": 4095 * GB,
                    "quantity": 4095,
                    "unit": "GB",
                    "condition": ("generation", "2"),
                },
            ],
            None,
        ),
        (
            "Disk >1 TB",
            None,
            [
                {
                    "kind": "size",
                    "minimum": TB,
                    "exclusive_minimum": True,
                    "quantity": 1,
                    "unit": "TB",
                }
            ],
            None,
        ),
        (
            "EFI/UEFI<br></br>The migrated VM in Azure will be automatically converted to a BIOS "
            "boot VM. The OS disk should have up to five partitions or fewer and the size of OS "
            "disk should be less than 2 TB.",
            None,
            [
                {"kind": "count", "maximum": 5, "quantity": 5, "unit": "partitions"},
                {
                    "kind": "size",
                    "maximum": 2 * TB,
                    "exclusive_maximum": True,
                    "quantity": 2,
                    "unit": "TB",
                },
            ],
            "EFI/UEFI\nThe migrated VM in Azure will be automatically converted to a BIOS boot VM.",
        ),
        (
            "Yes, disk must be larger than 1024 MB",
            "supported",
            [
                {
                    "kind": "size",
                    "minimum": 1024 * MB,
                    "exclusive_minimum": True,
                    "quantity": 1024,
                    "unit": "MB",
                }
            ],
            None,
        ),
        (
            "32 KB or greater",
            None,
            [{"kind": "size", "minimum": 32 * 1024, "quantity": 32, "unit": "KB"}],
            None,
        ),
        ("4096 GB", None, [{"kind": "size", "quantity": 4096, "unit": "GB"}], None),
        (
            "54 MB/s",
            None,
            [{"kind": "rate", "maximum": 54 * MB, "quantity": 54, "unit": "MB/s"}],
            None,
        ),
        (
            "20 MBps",
            None,
            [{"kind": "rate", "maximum": 20 * MB, "quantity": 20, "unit": "MBps"}],
            None,
        ),
        (
            "Between 1 and 63 characters. Restricted to letters, numbers, and hyphens. The VM name "
            "must start and end with a letter or number.",
            None,
            [
                {
                    "kind": "length",
                    "minimum": 1,
                    "maximum": 63,
                    "quantity": 63,
                    "unit": "characters",
                },
                {
                    "kind": "charset",
                    "values": ("letters", "numbers", "hyphens"),
                    "pattern": "^[A-Za-z0-9-]*$",
                },
                {
                    "kind": "affix",
                    "values": ("letters", "numbers"),
                    "pattern": "^[A-Za-z0-9](.*[A-Za-z0-9])?$",
                },
            ],
            None,
        ),
        (
            "From 1 to 63 characters.<br/><br/> Restricted to letters, numbers, and hyphens.",
            None,
            [
                {
                    "kind": "length",
                    "minimum": 1,
                    "maximum": 63,
                    "quantity": 63,
                    "unit": "characters",
                },
                {
                    "kind": "charset",
                    "values": ("letters", "numbers", "hyphens"),
                    "pattern": "^[A-Za-z0-9-]*$",
                },
            ],
            None,
        ),
        (
            "Yes (via PowerShell Az 3.3.0 module onwards)",
            "supported",
            [{"kind": "min_version", "version": "3.3.0", "subject": "PowerShell Az module"}],
            None,
        ),
        (
            "Supported from Update rollup 59 (version 9.46 of the Mobility service) onwards.",
            "supported",
            [{"kind": "min_version", "version": "9.46", "subject": "Mobility service"}],
            None,
        ),
        (
            "Supported (From Mobility Agent version 9.56 onwards).",
            "supported",
            [{"kind": "min_version", "version": "9.56", "subject": "Mobility Agent"}],
            None,
        ),
        (
            "Windows Server 2022, Windows Server 2019, Windows Server 2016, Windows Server 2012 R2 "
            "with latest updates <br/><br/> **Note:** Server core installations of these operating "
            "systems are also supported.",
            None,
            [
                {
                    "kind": "allowed_values",
                    "values": (
                        "Windows Server 2022",
                        "Windows Server 2019",
                        "Windows Server 2016",
                        "Windows Server 2012 R2",
                    ),
                }
            ],
            "with latest updates\n"
            "Note: Server core installations of these operating systems are also supported.",
        ),
        (
            "Virtual Machine Manager 2022  (Server core not supported), Virtual Machine Manager "
            "2019, Virtual Machine Manager 2016, Virtual Machine Manager 2012 R2",
            None,
            [
                {
                    "kind": "allowed_values",
                    "values": (
                        "Virtual Machine Manager 2022",
                        "Virtual Machine Manager 2019",
                        "Virtual Machine Manager 2016",
                        "Virtual Machine Manager 2012 R2",
                    ),
                }
            ],
            "(Server core not supported)",
        ),
        (
            "Windows Server 2012 R2, Windows Server 2016 or Windows Server 2019 with Desktop "
            "experience",
            None,
            [
                {
                    "kind": "allowed_values",
                    "values": (
                        "Windows Server 2012 R2",
                        "Windows Server 2016",
                        "Windows Server 2019",
                    ),
                }
            ],
            "with Desktop experience",
        ),
        (
            "VHD <br/><br/> VHDX",
            None,
            [{"kind": "allowed_values", "values": ("VHD", "VHDX")}],
            None,
        ),
        (
            "Generation 1<br/><br/> Generation 2",
            None,
            [{"kind": "allowed_values", "values": ("Generation 1", "Generation 2")}],
            None,
        ),
        (
            "9.51, 9.52, 9.53, 9.54, 9.55",
            None,
            [{"kind": "allowed_values", "values": ("9.51", "9.52", "9.53", "9.54", "9.55")}],
            None,
        ),
    ],
)
def test_constraints(
    raw: str, status: str | None, expected: list[dict[str, Any]], unparsed: str | None
) -> None:
    reading = read(raw)
    assert reading.status == status
    assert fields(reading) == expected
    assert reading.unparsed == unparsed


@pytest.mark.parametrize(
    "raw",
    [
        # Limits under a qualifier this reader cannot structure are kept whole, not emitted.
        "Up to 32 TB when replicating to managed disk (9.41 version onwards)<br> Up to 4 TB when "
        "replicating to storage account",
        "Maximum of 20 MBps per disk for premium storage. Maximum of 2 MBps per disk for Standard "
        "storage.",
        "Up to 64, in accordance with support for a specific Azure VM size",
        "Normal churn supports up to 54 MB/s per VM.",
        "Minimum disk size requirement - at least 1 GB",
        # Numbers that are versions, bitness or lists, not limits.
        "9.55",
        "32-bit (Windows Server 2008)/64-bit",
        "64-bit",
        "15, SP1, SP2, SP3, SP4, SP5 ([Supported kernel versions](#suse))",
        "SUSE Linux Enterprise Server 15, SP1, SP2, SP3, SP4",
        "Cool and Hot Storage",
        "English (en-us)",
        "Site Recovery driver consumes 6% of RAM.",
        "Any Azure VM size with at least two CPU cores and 1-GB RAM",
        "From version 9.30 of the Mobility service agent, you need servicing stack update (SSU).",
        "Latest version: 5.1.2700.1 (available from the Azure portal)",
        "If resizing to >=4 TB, the disk is excluded.",
    ],
)
def test_left_unparsed(raw: str) -> None:
    reading = read(raw)
    assert reading.status is None
    assert reading.constraints == ()
    assert reading.unparsed is not None
    assert reading.unparsed.replace("\n", " ") == to_text(raw).replace("\n", " ")


def test_qualified_limits() -> None:
    """Limits the first landing left in `unparsed`: per-kind conditions, 'per', shared bounds."""
    (managed, unmanaged) = read("32 TB for managed disks / 4 TB for unmanaged disks").constraints
    assert (managed.quantity, managed.maximum) == (32, None)  # no bound word: a quantity
    assert managed.condition is not None
    assert unmanaged.condition is not None
    assert (managed.condition.fact, managed.condition.value) == ("disks", "managed")
    assert (unmanaged.condition.value, unmanaged.quantity, unmanaged.unit) == ("unmanaged", 4, "TB")
    two_lines = read("32 TB for managed disks<br></br>4     TB for unmanaged disks")
    assert [c.condition.value for c in two_lines.constraints if c.condition] == [
        "managed",
        "unmanaged",
    ]
    (per_disk,) = read("168 GB per disk").constraints
    assert (per_disk.kind, per_disk.quantity, per_disk.unit, per_disk.per) == (
        "size",
        168,
        "GB",
        "disk",
    )
    (protected,) = read("Up to 3000 protected disks per Subscription").constraints
    assert (protected.maximum, protected.unit, protected.per) == (
        3000,
        "protected disks",
        "Subscription",
    )
    cores, ram = read("at least two CPU cores and 1-GB RAM").constraints
    assert (cores.kind, cores.minimum, cores.unit) == ("count", 2, "CPU cores")
    assert (ram.kind, ram.minimum, ram.unit, ram.subject) == ("size", 1024**3, "GB", "RAM")


def test_bare_numbers_take_their_bound_from_the_column() -> None:
    """`Limit | 5,000` is at most 5,000; `CPU cores | 8` on a requirements table at least 8;
    with neither, the number is a quantity with no bounds, never "exactly"."""
    (limit,) = read_cell("5,000", bound="max").constraints
    assert (limit.minimum, limit.maximum) == (None, 5000)
    (cores,) = read_cell("8", bound="min").constraints
    assert (cores.minimum, cores.maximum) == (8, None)
    (bare,) = read_cell("8").constraints
    assert (bare.minimum, bare.maximum, bare.quantity) == (None, None, 8)


def test_version_floors_and_ranges() -> None:
    (floor,) = read_cell("1.10+").constraints
    assert (floor.kind, floor.version, floor.exclusive_minimum) == ("min_version", "1.10", False)
    newest, older = read_cell("2.3.0+, 2.2.0+").constraints
    assert (newest.kind, newest.version, newest.any_of) == ("min_version", "2.3.0", True)
    assert (older.kind, older.version, older.max_version) == ("version_range", "2.2.0", "2.2.x")
    (down,) = read_cell("1.36.x - 1.33.x").constraints
    assert (down.kind, down.version, down.max_version) == ("version_range", "1.33.x", "1.36.x")
    first, second = read("5.2 to 5.11<br/>6.1 to 6.10").constraints
    assert (first.version, first.max_version, second.version) == ("5.2", "5.11", "6.1")
    (after,) = read_cell("Any version after 2.0.9214.0").constraints
    assert (after.version, after.exclusive_minimum) == ("2.0.9214.0", True)
    (minimum,) = read_cell("v1.3.0", bound="min").constraints
    assert (minimum.kind, minimum.version) == ("min_version", "1.3.0")


def test_empty_cell() -> None:
    assert read_cell("") == Reading(None, (), None)


def test_affix_negations() -> None:
    reading = read_cell("The name can't end with a period or hyphen.")
    (affix,) = reading.constraints
    assert affix.pattern == "^(.*[^.-])?$"
    assert re.fullmatch(affix.pattern, "vm-1")
    assert not re.fullmatch(affix.pattern, "vm-")
    start = read_cell("The name must start with a letter.").constraints[0]
    assert start.pattern == "^[A-Za-z].*$"


def test_condition_text() -> None:
    reading = read_cell("Up to 2 TB for Gen 2 VMs.")
    (size,) = reading.constraints
    assert size.condition is not None
    assert (size.condition.fact, size.condition.value) == ("generation", "2")
    assert size.condition.text == "for Gen 2 VMs"
    assert size.text == "Up to 2 TB"


_DELIMITER = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def corpus_cells() -> list[str]:
    """Every cell of every table row in the corpus, keys included, as raw Markdown."""
    cells: list[str] = []
    for path in sorted(CORPUS.glob("*/*.md")):
        in_table = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if _DELIMITER.match(line):
                in_table = True
            elif in_table and (" | " in line or line.lstrip().startswith("|")):
                cells.extend(c.strip() for c in line.strip().strip("|").split("|"))
            else:
                in_table = False
    return cells


def test_every_corpus_cell() -> None:
    cells = corpus_cells()
    assert len(cells) > 1000
    for raw in cells:
        text = to_text(raw)
        reading = read_cell(text)
        read_cell.cache_clear()
        assert read_cell(text) == reading, raw  # deterministic, not just cached
        if reading.unparsed is not None:
            assert reading.unparsed.strip()
            assert all(part in text for part in reading.unparsed.split("\n")), raw
        for c in reading.constraints:
            assert c.text, raw
            if c.minimum is not None and c.maximum is not None:
                assert c.minimum <= c.maximum, raw
            if c.kind in ("size", "rate"):
                assert c.unit, raw
                assert isinstance(c.quantity, (int, float)), raw
                assert all(isinstance(b, int) for b in (c.minimum, c.maximum) if b is not None)
            if c.pattern is not None:
                re.compile(c.pattern)
            if c.kind == "allowed_values":
                assert len(c.values) >= 2, raw
                assert all(c.values), raw
            if c.kind == "min_version":
                assert c.version is not None, raw
                assert re.fullmatch(r"\d+(?:\.\d+)+", c.version), raw


def test_corpus_coverage() -> None:
    """The reference matrix's verdict cells all read as a status."""
    readings = [read(raw) for raw in corpus_cells()]
    verdicts = [r for r in readings if r.status is not None]
    assert len(verdicts) > 900
    assert sum(1 for r in readings if r.constraints) > 60


# Letters IGNORECASE matches to ASCII ones that `str.lower` leaves alone: "fıve" (dotless i),
# "ſix" (long s), "fİve" (dotted capital I). The patterns match such a number word, so reading its
# value must fold them too: the EFI/UEFI row's "up to five partitions" so spelled raised ValueError.
_LOOKALIKES = (("i", "ı"), ("i", "İ"), ("s", "ſ"))
_NUMBER_WORD = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b",
    re.IGNORECASE,
)


def _bounds(reading: Reading) -> list[tuple[Any, Any]]:
    return [(c.minimum, c.maximum) for c in reading.constraints]


def test_number_words_with_lookalike_letters_read_the_same_limits() -> None:
    """Every corpus cell with a number word, that word spelled with a look-alike letter, reads
    the same limits."""
    checked = 0
    for raw in sorted(set(corpus_cells())):
        text = to_text(raw)
        for plain, lookalike in _LOOKALIKES:
            swapped = _NUMBER_WORD.sub(lambda m, p=plain, q=lookalike: m[0].replace(p, q), text)
            if swapped != text:
                assert _bounds(read_cell(swapped)) == _bounds(read_cell(text)), (raw, lookalike)
                checked += 1
    assert checked, "no corpus cell with a number word to spell differently"
    assert _bounds(read_cell("Between ſix and ten")) == [(6, 10)]


@pytest.mark.parametrize(
    ("raw", "status", "unparsed"),
    [
        # A verdict its own sentence restricts holds in part (the restriction stays quoted).
        # AKS' support policy, "Storage, Networking related issues" under community support:
        (
            "Supported except for bug fixes and retired components",
            "partial",
            "except for bug fixes and retired components",
        ),
        # Cluster API's provider matrix: a tick for workload clusters only
        ("✓ (only workload)", "partial", "(only workload)"),
        # the VMware sibling's Windows Server 2008 row
        (
            "Supported for migration only. [Learn more](migrate-tutorial-windows-server-2008.md).",
            "partial",
            "for migration only.\nLearn more.",
        ),
        ("Yes, only for Windows", "partial", "only for Windows"),
        ("Supported, limited to 5 VMs per host", "partial", None),
        # Azure Backup's MARS agent, "Network throttling": denied only for some machines
        (
            "Not available for backed-up machines that run Windows Server 2008 R2, Windows "
            "Server 2008 SP2, or Windows 7.",
            "partial",
            "for backed-up machines that run Windows Server 2008 R2, Windows Server 2008 SP2, or "
            "Windows 7.",
        ),
        ("Not supported for generation 1 VMs", "partial", "for generation 1 VMs"),
        # ... but a denial for now, in this release, or a plain No stays a denial
        ("Not supported in this release", "not_supported", "in this release"),
        ("No, for now", "not_supported", "for now"),
        ("No (preview in some regions)", "not_supported", "(preview in some regions)"),
        # a later sentence of the cell restricts the verdict too (Azure SQL's
        # features comparison, "Yes. Azure AD users only."; Azure-to-Azure's "Supported for crash
        # consistent recovery points. Application consistent recovery points aren't supported.")
        ("Supported. Only X", "partial", "Only X"),
        ("Yes. Azure AD users only.", "partial", "Azure AD users only."),
        ("Yes (failback of managed disks isn't supported)", "partial", None),
        # ... after a break as well (the Hyper-V matrix's revisions write it both ways)
        (
            "Yes, for failover.<br/><br/> Failback of managed disks isn't supported.",
            "partial",
            None,
        ),
        # and a way of use is no restriction, in its own sentence as in the verdict's
        ("Yes. For target storage and cache.", "supported", "For target storage and cache."),
        (
            "Not supported. If you change the disk ID, it impacts the replication.",
            "not_supported",
            "If you change the disk ID, it impacts the replication.",
        ),
    ],
)
def test_restricted_verdicts_are_partial(raw: str, status: str, unparsed: str | None) -> None:
    reading = read(raw)
    assert reading.status == status
    if unparsed is not None:
        assert reading.unparsed == unparsed
