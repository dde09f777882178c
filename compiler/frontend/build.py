"""Stage 2: Document -> Matrix, the canonical model.

Decides what each column means, which scenarios exist and how they are spelled, what every cell
says (through `cells.read_cell` and the document's verdict vocabulary), and gives rows and
sections their GitHub-anchor ids.

Scenarios come from a "Supported scenarios" table where there is one, and from the tables
themselves: a column whose header names a target and whose cells are verdicts is a scenario
column; in a transposed table (rows are the targets: "Name | Hash | ModTime") each row's key is a
scenario and every other column a feature. Which way a table runs is decided from its key
header, or by a per-document setting, and `lint` says which reading was chosen.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any, Literal

from compiler.errors import InputError, diagnostic_code
from compiler.frontend import cells as _cells
from compiler.frontend import scenarios as sc
from compiler.frontend import vocabulary as vc
from compiler.frontend.parse import Callout, Document, Heading, RawRow, RawTable, document_date
from compiler.frontend.parse import Prose as RawProse
from compiler.frontend.text import (
    inline_text,
    slugify,
    split_breaks,
    split_footnotes,
    to_text,
    unique_slug,
)
from compiler.model.matrix import (
    Cell,
    Column,
    Constraint,
    Diagnostic,
    Footnote,
    Matrix,
    Note,
    Orientation,
    Prose,
    Role,
    Row,
    RowKind,
    Scenario,
    Section,
    Source,
    Stage,
    Status,
    Table,
    new_cell,
    new_row,
)
from compiler.model.memory import compiling

DEFAULT_SCENARIO = Scenario.trusted(id="all", label="All deployments", aliases=())

_ROLE_WORDS: dict[str, Role] = {
    "requirement": "requirement",
    "requirements": "requirement",
    "support": "requirement",
    "supported": "requirement",
    "supported versions": "requirement",
    "limit": "requirement",
    "limits": "requirement",
    "maximum limit": "requirement",
    "value": "requirement",
    "details": "details",
    "detail": "details",
    "notes": "details",
    "note": "details",
    "comments": "details",
    "remarks": "details",
    "more information": "details",
    "links": "details",
    "link": "details",
    # where to read more, and who looks after a row: never a limit (external-dns' "Tutorials"
    # column of links, whose "—" means no tutorial)
    "tutorials": "details",
    "tutorial": "details",
    "guide": "details",
    "guides": "details",
    "documentation": "details",
    "docs": "details",
    "repo": "details",
    "repository": "details",
    "references": "details",
    "reference": "details",
    "maintainers": "details",
    "maintainer": "details",
    "website": "details",
    "homepage": "details",
    "owners": "details",
    "recommendation": "details",
    # a class a row belongs to, named by a number: containerd's "Platform | Tier" over "1"-"3"
    "tier": "details",
    # what a row costs: "Additional Costs | No" says it costs nothing more, not "not supported"
    **dict.fromkeys(("cost", "costs", "price", "pricing", "fee", "fees", "billing"), "details"),
    **dict.fromkeys(
        ("additional cost", "additional costs", "extra cost", "extra costs"), "details"
    ),
    # a network port is a number that names, not a quantity: "Service | Port | URL" over "443"
    "port": "details",
    "ports": "details",
    "port number": "details",
    "port numbers": "details",
    **dict.fromkeys(("source port", "dest port", "destination port", "target port"), "details"),
    "description": "description",
    "explanation": "description",
    "status": "requirement",
    # what a row's release or feature is in its life ("State | Supported", "Maturity | Beta"):
    # its verdict, never a target
    "state": "requirement",
    "maturity": "requirement",
    "stability": "requirement",
    "maintained": "requirement",
    # (not "Lifecycle": .NET's OS tables link each row's lifecycle page under it)
    # a setting's default is a value, not what is supported ("Default Value | False")
    "default": "details",
    "defaults": "details",
    "default value": "details",
    "default values": "details",
    "default setting": "details",
    "example": "details",
    "examples": "details",
    # whether a quota can be raised (AWS's "Name | Default | Adjustable | Description"): its Yes
    # and No are no verdicts, and the column is no target
    "adjustable": "details",
    # whether a setting starts on (KubeVirt's "Stage | Default state | How to change" over
    # "Disabled"): a default, not a verdict ("Enabled by default": `_ROLE_LAST_WORDS`)
    "default state": "details",
    "default status": "details",
    "default behavior": "details",
    "default behaviour": "details",
    # ... and the same headers in Chinese, Japanese and Korean, as Microsoft's translations write
    **dict.fromkeys(("要求", "限制", "支持", "要件", "制限", "サポート"), "requirement"),
    **dict.fromkeys(("详细信息", "详情", "备注", "注释", "默认值", "示例"), "details"),
    **dict.fromkeys(("詳細", "備考", "既定値", "例", "세부 정보", "참고"), "details"),
    "요구 사항": "requirement",
    **dict.fromkeys(("说明", "描述", "説明", "설명"), "description"),
    # ... and in Traditional Chinese (Microsoft's zh-TW: "元件 | 需求 | 詳細資料")
    **dict.fromkeys(("需求", "支援"), "requirement"),
    **dict.fromkeys(("詳細資料", "詳情", "備註", "預設值", "範例"), "details"),
    "說明": "description",
}
# A header that says its cells list what is not supported (cloudnative-pg's "Tested, but not
# supported | 1.33, 1.32") or what a flaw touches (a security advisory's "Affected versions |
# < 0.29.0"): details (as allowed values or bounds, a version it names would pass).
_AGAINST_HEADER = re.compile(
    r"\b(?:not\s+supported|unsupported|incompatible|not\s+compatible|affected|vulnerable)\b"
)
_DASHES = frozenset({"-", "--", "–", "—"})
_LISTS_NONE = _cells.Reading(None, (), None)  # a dash under a requirement's "Versions": no list
_SUPPORT_STATES = frozenset({"supported", "maintained"})  # after "currently", "actively"
# ... words of time, not of kind: "Officially supported | Community supported" are two targets.
_NOW_WORDS = frozenset({"currently", "actively", "still", "presently"})
_SUPPORTING = frozenset({"supported", "compatible"})  # before "Kubernetes versions"
# A header that says which things are supported: "Supported Regions", "Compatible devices"
# (not "Supported in Azure Government": a target, after a preposition).
_WHICH_HEADER = re.compile(
    r"(?:supported|compatible|available)\s+(?!(?:in|on|for|with|by|at|under|from|to|via|if)\b)"
    r"[a-z][\w -]*"
)
_RELEASE_NOUNS = frozenset({"version", "versions", "release", "releases"})
# A setting's default, or the default set-up: a target where its cells are verdicts beside
# targets' ("Default | HNS | NFS" over ✅), a value otherwise ("Default | False").
_DEFAULT_LABELS = frozenset({"default", "defaults"})
# The last word of a header that keeps a role whatever precedes it: "Maintenance status",
# "Defender for Servers required", "containerd Version".
_ROLE_LAST_WORDS: dict[str, Role] = {
    "status": "requirement",
    "state": "requirement",  # "Maintenance state", "Feature maturity"
    "maturity": "requirement",
    "stability": "requirement",
    "required": "requirement",
    "requirement": "requirement",
    "requirements": "requirement",
    "limit": "requirement",
    "limits": "requirement",
    "details": "details",
    "notes": "details",
    "default": "details",  # "Enabled by default | Yes": on from the start, not supported
    "description": "description",
}
# A header asking whether a row is supported, its answers verdicts: "Compatible?", "Supported?",
# "Works?", knative's "Available via Homebrew?".
_SUPPORT_QUESTION = re.compile(
    r"(?:is\s+|are\s+|does\s+it\s+)?(?:compatible|supported|supports?|works?|available)\b"
)
# A header's first word saying its column is advice or a record, no limit: "Tested on Kubernetes
# version", "Recommended" (beside "Minimum"), "Typical".
_NOT_LIMITS = frozenset({"tested", "recommended", "recommend", "suggested", "typical"})
# ... whose last word names a value, not a target ("Recommended tier" is one).
_LIMIT_NOUNS = frozenset(
    {"version", "versions", "value", "values", "setting", "settings", "size", "limit", "limits"}
)
# "Support <word>" headers that hold the row's verdict ("Support level | Limited").
_SUPPORT_WHAT = frozenset({"statement", "level", "tier", "state", "policy", "type"})
# Key headers naming what the rows are. Targets: the table is transposed (rows are the targets).
_ROW_TARGETS = frozenset(
    {
        "name",
        "backend",
        "backends",
        "provider",
        "providers",
        "platform",
        "platforms",
        "product",
        "products",
        "service",
        "services",
        "remote",
        "remotes",
        "cloud",
        "clouds",
        "browser",
        "browsers",
        "distribution",
        "distributions",
        "database",
        "databases",
        "driver",
        "drivers",
        "integration",
        "integrations",
        "target",
        "targets",
    }
)
# Arrows a corner header points along its axes with ("Release ↓ / Kubernetes →").
_ARROWS = " \t↓→←↑⟶⇒⇩⇨▼▶►"
# Things: the columns are the targets.
_ROW_THINGS = frozenset(
    {
        "feature",
        "features",
        "capability",
        "capabilities",
        "component",
        "components",
        "setting",
        "settings",
        "function",
        "functionality",
        "option",
        "options",
        "operation",
        "operations",
        "property",
        "properties",
        "resource",
        "resources",
        "requirement",
        "requirements",
        "plan",
        "action",
        "api",
        "apis",
        "system",
        "version",
        "versions",
        "release",
        "releases",
        "branch",
        "module",
        "storage",
        "server",
        "configuration",
    }
)
_LEGEND_KEYS = frozenset({"key", "symbol", "symbols", "legend", "icon", "icons", "badge", "mark"})
_LEGEND_TEXTS = frozenset({"explanation", "meaning", "description", "means", "definition"})
_TARGET_PREFIX = re.compile(
    r"^(?:availability|available|support|supported|works|runs)\s+(?:in|on|for|with)\s+",
    re.IGNORECASE,
)
_PAREN_ALTERNATIVES = re.compile(
    r"^(?P<pre>.*?)\s*\((?P<a>[A-Za-z]+)/(?P<b>[A-Za-z]+)(?P<post>[^()]*)\)\s*$"
)
_NOTE_PREFIX = re.compile(r"^\s*(?:note|important|warning|tip|caution)\s*:\s*", re.IGNORECASE)
_HUGO_ID = re.compile(r"\s*\{#([A-Za-z0-9_-]{1,200})\}\s*$")
_HARDWARE = re.compile(
    r"\b(?:cpus?|cores?|vcpus?|processors?|ram|memory|disk\s+space|free\s+space|storage)\b",
    re.IGNORECASE,
)
# "Last supported agent version" (Azure Arc's OS table) is a ceiling, "Oldest supported …" a floor.
_MAX_HEADER = re.compile(
    r"\b(?:limits?|quotas?|maximum|max|(?:last|latest|newest|highest)\s+supported)\b",
    re.IGNORECASE,
)
_MIN_HEADER = re.compile(
    r"\b(?:minimum|min|at\s+least|(?:oldest|earliest|lowest|first)\s+supported)\b",
    re.IGNORECASE,
)
# A header that opens with a bound, then names what it bounds: "Max K8s Version", "Min RAM".
_BOUND_OPENING = re.compile(r"(?:min|max|minimum|maximum)\.?\s+[^\W\d_]", re.IGNORECASE)
_LONE_VERDICT = re.compile(r"^[^\s]{1,6}$|^[A-Za-z]+(?: [A-Za-z]+)?$")
_VERSIONISH = re.compile(r"\d")
_BARE_VERSION = re.compile(r"v?\d+(?:\.\d+)+")  # as `compiler.frontend.cells` reads one
_VERSION_LABEL = re.compile(r"v?\d+(?:\.\d+)+(?:\.[xX*])?")  # a header that is a version: "1.30"
_VERSION_BOUNDS = frozenset({"min_version", "max_version", "version_range"})
# What a tier's cell may state instead of a verdict (`_tiers_share`): a quantity or a bound.
_TIER_LIMITS = frozenset({"count", "size", "rate", "length", *_VERSION_BOUNDS})
_NO_YES = frozenset({"not_supported", "not_applicable"})  # verdicts that support nothing
# A limit's cell that sets none: a statement of a limit for `_tiers_share`, though no verdict (as
# one, a row of them would make its fact a yes/no: "Maximum number of files | No limit").
_NO_LIMIT = re.compile(r"(?:unlimited|no (?:limits?|maximum|minimum))\.?", re.IGNORECASE)
_TIER_KIND: dict[str, str] = dict.fromkeys(
    _VERSION_BOUNDS, "version"
)  # one kind of statement: a version bound
# Footnote definitions: "<sup>1</sup> text", "¹ text", "<a name="x"></a>1: text", "\* text".
# A footnote's definition: "<sup>1</sup> …", "¹ …", "1: …", "\\* …", "[^1]: …", "[1]: …", and
# with its marker in bold, as AWS's and cibuildwheel's write them ("**¹** …", "<sup>**1** …</sup>").
_FOOTDEF = re.compile(
    r"^\s*(?:<a\s[^<>]{0,300}>\s*</a>\s*)?"
    r"(?:(?:<sup>\s*)?(?:\*\*|__)(?P<bold>[0-9]{1,2}|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}|[†‡]{1,3})(?:\*\*|__)"
    r"|<sup>\s*(?P<sup>[0-9A-Za-z]{1,3}|\*{1,3})\s*</sup>|(?P<uni>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4})"
    r"|(?P<num>[0-9]{1,2})\s*:(?=\s)|(?P<star>(?:\\\*){1,3}|\*{2,3}(?=\s)|[†‡]{1,3})"
    r"|\[\^(?P<gfm>[^\]\s]{1,40})\]:|\[(?P<ref>[0-9]{1,3})\]:)"
    r"\s*(?P<text>\S.*)$"
)
# The characters a `_FOOTDEF` line opens with after its indentation (a cheap test first).
_FOOTDEF_FIRST = frozenset("<0123456789\\*†‡⁰¹²³⁴⁵⁶⁷⁸⁹[")
_SUPER = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# Legend list items: "* `✓` Exactly the same …", "- :warning: Has issues", "- __*Active*__: …".
_LEGEND_ITEM = re.compile(
    r"^\s{0,3}[-*+]\s+(?P<sym>`[^`]{1,12}`|:[a-z0-9_+-]{1,40}:|(?:__|\*\*)\*?[^*_]{1,40}?\*?(?:__|\*\*)"
    r"|[^\sA-Za-z0-9`*_(\\]{1,4}|(?:\\[!-/:-@\[-`{-~]){1,3}|\([a-z ]{1,20}\))"
    r"\s*(?P<colon>:)?\s+(?P<text>\S.*)$"
)
_LEGEND_INTRO = re.compile(r"(?:^|\n)\s*(?:\*\*)?(?:key|legend|symbols?)(?:\*\*)?\s*:?\s*$", re.I)
# A legend not introduced as one ("Legend:") says support in so many words, or opens one of its
# explanations with a verdict ("✅ Compatible"); containerd's "Active: … currently supported".
_SAYS_SUPPORT = re.compile(
    r"\b(?:un)?support|\b(?:works|working)\b|\bn[o']t\s+work\b|\bbroken\b", re.IGNORECASE
)  # (not "work": tekton's "picked … from its work queue")
_WORD_TERM = re.compile(r"[A-Za-z][\w.-]{2,}")  # a glossary's term: "vga", "SilentlyContinue"
_BLANK_WORDS = frozenset({"blank", "(blank)", "empty", "(empty)", "empty cell", "no entry"})
BLANK = "\x00blank"
_READ_ROLES = frozenset({"scenario", "requirement", "feature"})  # columns whose cells are read
_VERSIONS_HEADER = re.compile(r"\bversions?\b|\bversion\(s\)", re.IGNORECASE)
# Headers of a column that holds each row's value: in a table of limits, the row's limit (AWS's
# "Name | Default | Adjustable", Azure Service Bus's "Quota name | Scope | Value | Notes").
_VALUE_HEADERS = frozenset({"value", "values", "default", "defaults"})
# A key header or heading that says its rows are limits: "Limit", "Quota name", "Service quotas".
_LIMITS_TEXT = re.compile(r"\b(?:quotas?|limits?)\b", re.IGNORECASE)
# Words of three letters or more ("Persistent", "Raw Block"): values, where verdicts are few.
_PLAIN_WORDS = re.compile(r"[A-Za-z][a-z]{2,}(?:[ -][A-Za-z][a-z]+)*")
# A cell that is the letter x, alone or before a qualifier ("X", "x (preview)"), not "x64".
_X_MARK = re.compile(r"[xX](?:$|[\s,;:(*])")


def _diag(code: str, message: str, line: int, severity: str | None = None) -> Diagnostic:
    """A diagnostic with the registry's severity (compiler.errors.DIAGNOSTICS)."""
    registered = diagnostic_code(code).severity
    assert severity in (None, registered), (code, severity)
    return Diagnostic.trusted(severity=registered, code=code, message=message, line=line)


@dataclass(frozen=True)
class Settings:
    """What the project says about a document where the document cannot: extra verdict spellings
    (`[tool.matrixc] verdicts`) and which way its tables run (`orientation`, keyed by section id,
    or `section-id#2` for a section's second table)."""

    verdicts: Mapping[str, vc.Meaning] = field(default_factory=dict)
    orientation: Mapping[str, Orientation] = field(default_factory=dict)
    where: str = "[tool.matrixc]"
    origin: tuple[str, int] | None = None  # the file and line the settings come from


# Each key of the front matter's `matrixc:` mapping, and what its mapping holds.
_FRONT_MATTER_SHAPES = {
    "verdicts": "spelling: meaning",
    "orientation": "section-id[#n]: rows|columns",
}
_FRONT_MATTER_KEYS = frozenset(_FRONT_MATTER_SHAPES)


def _mapping(own: Mapping[str, Any], key: str) -> Mapping[Any, Any]:
    """`matrixc.<key>` of the front matter: a mapping, or absent (empty)."""
    value = own.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(
            f"front matter matrixc.{key} must be a mapping ({_FRONT_MATTER_SHAPES[key]}), not "
            f"{type(value).__name__} {value!r:.40}",
            line=1,
        )
    return value


def document_settings(front_matter: Mapping[str, Any], base: Settings | None) -> Settings:
    """`base` with the document's own `matrixc:` front matter on top; bad values are InputError."""
    base = base or Settings()
    own = front_matter.get("matrixc")
    if own is None:
        return base
    if not isinstance(own, dict):
        raise InputError("front matter 'matrixc' must be a mapping", line=1)
    unknown = sorted(map(str, set(own) - _FRONT_MATTER_KEYS))
    if unknown:
        raise InputError(
            f"front matter matrixc: unknown key {unknown[0]!r} (known: "
            f"{', '.join(sorted(_FRONT_MATTER_KEYS))})",
            line=1,
        )
    verdicts = dict(base.verdicts)
    for spelling, value in _mapping(own, "verdicts").items():
        meaning = vc.parse_meaning(str(value))
        if meaning is None:
            raise InputError(
                f"front matter matrixc.verdicts: {spelling!r} = {value!r} is not a status "
                f"({', '.join(sorted(vc.STATUSES))}) or stage ({', '.join(sorted(vc.STAGES))})",
                line=1,
            )
        verdicts[str(spelling)] = meaning
    orientation = dict(base.orientation)
    for selector, value in _mapping(own, "orientation").items():
        if value not in ("rows", "columns"):
            raise InputError(
                f"front matter matrixc.orientation: {selector!r} must be 'rows' or 'columns'",
                line=1,
            )
        orientation[str(selector)] = value
    return Settings(verdicts=verdicts, orientation=orientation, where="front matter")


# A shared cell's fields: column, scenario, raw, text, status, stage, unparsed.
_CellKey = tuple[int, str | None, str, str, Status | None, Stage | None, str | None]
_NO_CELLS: Mapping[tuple[int, str], Cell] = {}  # a row `_column_cells` must not answer for


@dataclass
class _Plan:
    """How one table is read: its orientation, each column's role and scenarios."""

    orientation: Orientation
    columns: list[Column]
    verdict: list[bool]
    vocab: list[vc.Vocabulary]
    reason: str
    guessed: bool
    legend: bool = False
    # Per column: do at least half its non-blank cells open with a verdict? Only there is a lone
    # unknown word taken for a verdict spelling nobody defined (MX016), not for a value
    # ("Persistent", "Ephemeral"); symbols and short codes ("R/W", "DR") are, in any column.
    mostly: tuple[bool, ...] = ()
    # Is the second column a sub-key ("OS | Version | x64": Ubuntu 22.04, Ubuntu 24.04)? Rows
    # then take their ids from both, and a blank key the name of the row above (a rowspan).
    subkey: bool = False
    # The names whose rows take the second column into their ids: None for every row (a column
    # of versions), else the names that repeat (a column that only tells repeats apart).
    repeated: frozenset[str] | None = None
    # Per column: is it a column of version bounds whose whole numbers are versions too (a
    # "Minimum" column of dependencies over ">= 1.85.0" and ">= 18": Node.js 18, no count)?
    versioned: tuple[bool, ...] = ()
    # Per column: is it the value column of a table of limits (`_Builder._limit_columns`), whose
    # bare numbers are maxima though its header ("Default", "Value") bounds nothing?
    maxima: tuple[bool, ...] = ()
    # Per column: is it a column of values or limits where no cell says yes, whose "-" gives no
    # limit rather than "not supported"?
    dashless: tuple[bool, ...] = ()
    # Rows as targets: the names two keys share but for a qualifier ("Linux", "Linux (ARM64)"):
    # such keys are targets in full.
    clashes: frozenset[Words] = frozenset()


@dataclass(frozen=True)
class _Legend:
    line: int
    entries: dict[str, vc.Meaning]
    column: str | None  # a legend under a heading named like a column explains that column
    tables: tuple[int, ...] | None  # else: the tables it explains (None: the whole document)


class _Builder:
    def __init__(
        self, doc: Document, path: str, settings: Settings, keyless: frozenset[int] = frozenset()
    ) -> None:
        self.doc = doc
        self.keyless = keyless  # ordinals of the tables `_keyless` gave a key column
        self._subject = ""  # the name of a keyless table's row: the heading over it
        self.path = path
        self.settings = settings
        self.diagnostics: list[Diagnostic] = list(doc.diagnostics)
        self.section_ids: dict[str, int] = {}
        self.base = vc.vocabulary(dict(settings.verdicts))
        self.tables = [b for b in doc.blocks if isinstance(b, RawTable)]
        self._index_blocks()
        self.footdefs = self._footnote_definitions()
        self._cells: dict[_CellKey, Cell] = {}
        # this table's cells that no row's key, line or target changes, by (column, raw text):
        # "Yes" down a column is read once (`_cell` says which it can keep)
        self._column_cells: dict[tuple[int, str], Cell] = {}
        self._bold_groups: frozenset[int] = frozenset()  # `_bold_groups` of the table read
        self._plain: dict[tuple[int, str], Cell] = {}  # (column, raw) -> its cell of no verdict
        # Keyed by the cells' ids: each tuple keeps its cells, so no id is reused while it is here.
        self._rows_cells: dict[tuple[int, ...], tuple[Cell, ...]] = {}
        self._labels: set[str] | None = None
        self._by_section: dict[int, list[int]] | None = None
        self._legend_index: (
            tuple[list[_Legend], dict[int, list[_Legend]], dict[str, list[_Legend]]] | None
        ) = None
        self.found, self.expand = self._discover(self.tables)
        # Symbols a legend explains without a verdict ("? | Unknown"): never an unknown verdict.
        self.explained: set[str] = set()
        self._last_key = ""  # the key of the table's row above (see `_subkey_name`)
        # Scenario id -> the key of this table's row naming it (a transposed table's targets).
        self._row_targets: dict[str, str] = {}
        self.legends = self._legends()
        self.aliases: dict[str, set[str]] = {f.id: set() for f in self.found}
        self.by_id: dict[str, sc.Found] = {f.id: f for f in self.found}
        self.by_words: dict[tuple[str, ...], sc.Found] = {}
        for f in self.found:
            self.by_words.setdefault(f.words, f)
        self.from_tables = len(self.found)
        self.table_found = tuple(self.found)
        self._named_memo: dict[str, tuple[sc.Found, ...]] = {}
        self._x_marks: dict[int, vc.Meaning | None] = {}  # table -> what a bare `x` means there
        self._any_values: dict[int, bool] = {}  # table -> whether its "Any" is no verdict
        self._one_words: dict[int, frozenset[str]] = {}  # table -> `_words`
        # Per vocabulary (by id: each is kept alive by the plans): what a cell opens with, 0 no
        # verdict, 1 N/A, 2 another verdict.
        self._opens: dict[int, dict[str, int]] = {}
        # Words a key must contain to name a scenario of the scenarios tables (None: no screen).
        screen = sc.screen(self.table_found, self.expand)
        # `sc.may_name` as one search: a '/' or any of the screen's words (None: no screen).
        self._named_screen = (
            None if screen is None else re.compile("|".join(map(re.escape, ("/", *screen))))
        )
        self.plans = [self._plan(i, t) for i, t in enumerate(self.tables)]
        self._check_orientation_settings()

    # --- document structure ------------------------------------------------------------------

    def _index_blocks(self) -> None:
        """For every table: its section's (index, title, id guess) and its ordinal in it."""
        self.table_section: list[int] = []
        self.table_ordinal: list[int] = []
        self.section_titles: list[str] = [""]
        self.section_levels: list[int] = [0]
        self.section_slugs: list[str] = [""]
        self.block_section: list[int] = []
        seen: dict[str, int] = {}
        section = 0
        ordinal = 0
        for block in self.doc.blocks:
            if isinstance(block, Heading):
                section += 1
                ordinal = 0
                title, anchor = _heading(block.text)
                self.section_titles.append(title)
                self.section_levels.append(block.level)
                self.section_slugs.append(anchor or unique_slug(slugify(title), seen))
            elif isinstance(block, RawTable):
                ordinal += 1
                self.table_section.append(section)
                self.table_ordinal.append(ordinal)
            self.block_section.append(section)

    def _footnote_definitions(self) -> list[tuple[int, str, str]]:
        """(line, marker, text) of every footnote the document defines, in source order."""
        out: list[tuple[int, str, str]] = []
        for block in self.doc.blocks:
            if not isinstance(block, RawProse):
                continue
            current: list[Any] | None = None
            for i, line in enumerate(block.markdown.split("\n")):
                m = (
                    _FOOTDEF.match(line)
                    if len(line) < 5000 and line.lstrip()[:1] in _FOOTDEF_FIRST
                    else None
                )
                if m is not None:
                    marker = (
                        (m["bold"] or "").translate(_SUPER)
                        or m["sup"]
                        or (m["uni"] or "").translate(_SUPER)
                        or m["num"]
                        or m["star"]
                        or m["gfm"]
                        or m["ref"]  # "[1]: …" under "Yes [1]"
                    ).replace("\\", "")
                    current = [block.line + i, marker, [m["text"]]]
                    out.append(current)  # type: ignore[arg-type]
                elif current is not None and line.strip():
                    current[2].append(line)
                else:
                    current = None
        defs = [(ln, mk, inline_text(" ".join(split_breaks(" ".join(t))))) for ln, mk, t in out]
        self.footlines: dict[str, list[int]] = {}
        self.footindex: dict[str, list[tuple[int, str, str]]] = {}
        for d in defs:
            self.footlines.setdefault(d[1], []).append(d[0])
            self.footindex.setdefault(d[1], []).append(d)
        return defs

    def _footnotes(self, markers: Sequence[str], line: int) -> tuple[Footnote, ...]:
        """Markers with the text of their definition: the first after the table, else before."""
        out = []
        for marker in markers:
            lines = self.footlines.get(marker, [])
            at = bisect.bisect_right(lines, line)
            defs = self.footindex.get(marker, [])
            hit = defs[at] if at < len(defs) else (defs[at - 1] if at else None)
            out.append(
                Footnote.trusted(
                    marker=marker, text=hit[2] if hit else None, line=hit[0] if hit else None
                )
            )
        return tuple(out)

    # --- legends -------------------------------------------------------------------------------

    def _legends(self) -> list[_Legend]:  # noqa: C901 - each legend spelling (table, list, inline, pairs) read in one place
        """Lists, lines, parenthesised pairs and Key | Explanation tables that say what the
        document's symbols mean."""
        cells: set[str] | None = None  # every short cell, normalised: made when a list needs it
        out: list[_Legend] = []
        previous = ""
        tables_before = 0
        since: dict[int, int] = {}  # section -> the last table a legend of it followed
        for n, block in enumerate(self.doc.blocks):
            section = self.block_section[n]
            if isinstance(block, RawTable):
                tables_before += 1
                if _is_legend_table(block):
                    items = [
                        (r.line, inline_text(r.cells[0]), inline_text(r.cells[1]))
                        for r in block.rows
                        if len(r.cells) >= 2
                    ]
                    legend = self._legend(
                        items, section, tables_before - 1, since.get(section, -1), strict=True
                    )
                    if legend is not None:
                        out.append(legend)
                        since[section] = tables_before - 1
                continue
            if not isinstance(block, RawProse):
                continue
            items, titles = _prose_legend_items(block)
            introduced = _LEGEND_INTRO.search(previous) is not None
            previous = block.markdown
            if not items:
                continue
            syms = [vc.normalize(s) for _, s, _ in items]
            if not introduced and len(set(syms)) != len(syms):
                continue
            if not introduced:
                if cells is None:
                    cells = self._short_cells()
                if not any(s in cells for s in syms) or _glossary(items, self.base):
                    continue
            legend = self._legend(
                items, section, tables_before - 1, since.get(section, -1), strict=introduced
            )
            if legend is not None:
                out.append(self._titled(legend, section, tables_before) if titles else legend)
                since[section] = tables_before - 1
        return out

    def _titled(self, legend: _Legend, section: int, first: int) -> _Legend:
        """A legend beside a title explains the table that title names, the section's next one
        (from `first` on), whatever the heading above them is named."""
        for i in self._section_tables().get(section, []):
            if i >= first and not _is_legend_table(self.tables[i]):
                return replace(legend, column=None, tables=(i,))
        return legend

    def _short_cells(self) -> set[str]:
        """Every cell but the key of every table, shorter than 40 characters, normalised: the
        symbols a legend list may explain."""
        cells: set[str] = set()
        for t in self.tables:
            for r in t.rows:
                for c in r.cells[1:]:
                    if c and len(c) < 40:
                        cells.add(vc.normalize(inline_text(split_footnotes(c)[0])))
        return cells

    def _legend(
        self,
        items: list[tuple[int, str, str]],
        section: int,
        table: int,
        since: int,
        *,
        strict: bool,
    ) -> _Legend | None:
        entries: dict[str, vc.Meaning] = {}
        lines: dict[str, int] = {}
        read = [
            (line, sym, vc.normalize(sym), vc.classify(text, self.base))
            for line, sym, text in items
        ]
        self.explained.update(key for _, _, key, meaning in read if meaning is None)
        for line, sym, normal, meaning in read:
            key = BLANK if normal in _BLANK_WORDS else normal
            if not key or meaning is None:
                continue
            if key in entries and entries[key] != meaning:
                if strict:
                    raise InputError(
                        f"legend defines {sym!r} twice with different meanings "
                        f"(first on line {lines[key]})",
                        line=line,
                    )
                continue
            entries[key] = meaning
            lines[key] = line
        if not entries:
            return None
        title = vc.normalize(self.section_titles[section]) if section else ""
        if title and title in self._header_labels():
            return _Legend(items[0][0], entries, title, None)
        # The section's matrices it explains: those before it since the section's last legend
        # (a legend under two tables explains both), else the first after it. A Key |
        # Explanation table explains other tables, never itself.
        in_section = [
            i
            for i in self._section_tables().get(section, [])
            if not _is_legend_table(self.tables[i])
        ]
        before = tuple(i for i in in_section if since < i <= table)
        after = [i for i in in_section if i > table]
        earlier = [i for i in in_section if i <= table]
        if not in_section:  # a section without a matrix: the legend speaks for the document
            return _Legend(items[0][0], entries, None, None)
        if before:
            targets = before
        elif after:
            targets = (after[0],)
        else:  # the section's previous legend stands between: explain what it explained
            targets = (earlier[-1],)
        return _Legend(items[0][0], entries, None, targets)

    def _header_labels(self) -> set[str]:
        """Every header cell of the document, normalised (computed once: legends are many in
        long documents)."""
        if self._labels is None:
            self._labels = {
                vc.normalize(inline_text(split_footnotes(c)[0]))
                for t in self.tables
                for c in t.header.cells
            }
        return self._labels

    def _section_tables(self) -> dict[int, list[int]]:
        """Section index -> the indexes of its tables, in order."""
        if self._by_section is None:
            self._by_section = {}
            for i, s in enumerate(self.table_section):
                self._by_section.setdefault(s, []).append(i)
        return self._by_section

    def _vocab(self, table: int, column: int, label: str) -> vc.Vocabulary:
        if self._legend_index is None:
            everywhere: list[_Legend] = []
            by_table: dict[int, list[_Legend]] = {}
            by_column: dict[str, list[_Legend]] = {}
            for legend in self.legends:
                if legend.tables is None and legend.column is None:
                    everywhere.append(legend)
                for t in legend.tables or ():
                    by_table.setdefault(t, []).append(legend)
                if legend.column is not None:
                    by_column.setdefault(legend.column, []).append(legend)
            self._legend_index = (everywhere, by_table, by_column)
        everywhere, by_table, by_column = self._legend_index
        # what a table's own marks mean; legends (below) and the project's verdicts may say
        # otherwise
        overrides = self._marks(table, column) if table >= 0 else {}
        key = vc.normalize(label)
        for legend in everywhere:
            overrides.update(legend.entries)
        for legend in by_table.get(table, ()):
            overrides.update(legend.entries)
        for legend in by_column.get(key, ()):
            overrides.update(legend.entries)
        overrides.update(self.settings.verdicts)
        # unless a legend or the project says what it means
        said = any(vc.normalize(k) == "any" for k in overrides)
        without = ("any",) if not said and self._any_is_a_value(table) else ()
        return vc.vocabulary(overrides, without) if overrides or without else self.base

    def _marks(self, table: int, column: int) -> dict[str, vc.Meaning]:
        """The meanings a column's cells give words the vocabulary leaves open (`_x_mark`,
        `_current`)."""
        marks: dict[str, vc.Meaning] = {}
        mark = self._x_mark(table)
        if mark is not None and self.base.lookup("x") is None:
            marks["x"] = mark
        if self.base.lookup("current") is None and self._current(table, column):
            marks["current"] = ("supported", "ga")
        return marks

    def _words(self, table: int) -> frozenset[str]:
        """A table's short cells (keys too), lower case and without emphasis: the screen of
        `_current` and `_any_is_a_value` (reading every column's plain text was 2 % of a
        compile)."""
        words = self._one_words.get(table)
        if words is None:
            distinct: set[str] = set().union(*(r.cells for r in self.tables[table].rows))
            words = self._one_words[table] = frozenset(
                c.strip().strip("*_`").lower() for c in distinct if len(c) < 24
            )
        return words

    def _current(self, table: int, column: int) -> bool:
        """Is "Current" a release's lifecycle state in this column? Alone it names the newest
        release, no verdict; in a column of states ("Active LTS", "End-of-Life"), it is one too:
        Node.js' "Release | Status" over "**Current**", the line out and supported."""
        if "current" not in self._words(table):
            return False
        texts = _texts(self.tables[table], column)
        if not any(vc.normalize(t) == "current" for t in texts):
            return False
        states = (self.base.read(t) for t in texts if vc.normalize(t) != "current")
        return any(v is not None and v.stage is not None for v in states)

    def _any_is_a_value(self, table: int) -> bool:
        """Is "Any" a value in this table, not a verdict? It says "any version" in a platform's
        column beside other platforms' floors and verdicts (Flutter's "Linux | Any" beside
        "iOS | 13.0+"); where nothing else in the table states one, it is what a cell allows:
        a network rule's "Source Port | Any", a parameter's "Type | any"."""
        memo = self._any_values
        if table in memo or table < 0:
            return memo.get(table, False)
        if "any" not in self._words(table):
            memo[table] = False
            return False
        texts = [_plain(c) for r in self.tables[table].rows for c in r.cells[1:]]
        anys = {t for t in texts if vc.normalize(t) == "any"}
        value = bool(anys) and not any(
            t not in anys
            and (
                self.base.read(t.split("\n", 1)[0]) is not None
                or vc.is_symbolic(vc.normalize(t))  # a mark a legend says (●, ○)
                or any(c.kind == "min_version" for c in _cells.read_cell(t).constraints)
            )
            for t in texts
            if t
        )
        memo[table] = value
        return value

    # --- scenarios -----------------------------------------------------------------------------

    def _discover(
        self, tables: list[RawTable]
    ) -> tuple[list[sc.Found], dict[str, tuple[str, ...]]]:
        """Scenarios of 'Scenario' tables; acronyms come from the whole document."""
        labels: list[tuple[str, int]] = []
        for t in tables:
            if t.header.cells and inline_text(t.header.cells[0]).lower() in sc.SCENARIO_HEADERS:
                for r in t.rows:
                    label = _key_text(r.cells[0]) if r.cells else ""
                    if label:
                        labels.append((label, r.line))
        corpus = "\n".join(
            b.text if isinstance(b, (Heading, Callout)) else b.markdown
            for b in self.doc.blocks
            if not isinstance(b, RawTable)
        ) + "\n".join(c for t in tables for r in t.rows for c in r.cells)
        header_labels = [inline_text(c) for t in tables for c in t.header.cells[1:]]
        expand = sc.acronyms(corpus, [*(label for label, _ in labels), *header_labels])
        found: list[sc.Found] = []
        seen: set[str] = set()
        for label, line in labels:
            sid = sc.scenario_id(label)
            ws = sc.words(label, expand)
            if sid in seen or any(f.words == ws for f in found):
                continue
            seen.add(sid)
            found.append(sc.Found(sid, label, ws, line))
        return found, expand

    def _scenario(self, label: str, line: int) -> sc.Found:
        """The scenario a header or transposed key names: an existing one spelled the same words,
        or a new one."""
        ws = sc.words(label, self.expand)
        f = self.by_words.get(ws)
        if f is not None:
            if inline_text(label) != inline_text(f.label):
                self.aliases[f.id].add(_balanced(inline_text(label)))
            return f
        sid = sc.scenario_id(label)
        base, n = sid, 0
        while sid in self.by_id:
            n += 1
            sid = f"{base}-{n}"
        found = sc.Found(sid, inline_text(label), ws, line)
        self.found.append(found)
        self.aliases[sid] = set()
        self.by_id[sid] = found
        self.by_words.setdefault(ws, found)
        return found

    def _key_footnotes(self, head: str, marks: Sequence[str], line: int) -> bool:
        """Are the `<sup>` numbers inside a key (`_KEY_SUP`) its footnotes? Only where the
        document defines each after the row: "Maximum object name length<sup>3</sup> (full
        pathname …)" over "<sup>3</sup> Azure Files enforces …"; "Maximum area
        (km<sup>2</sup>)" and "Volume in cm<sup>3</sup> per node" are units' exponents."""
        if _KEY_SUP.search(head) is None:
            return False
        for mark in marks:
            lines = self.footlines.get(mark)
            if not lines or lines[-1] <= line:
                return False
        return True

    # --- reading a table -----------------------------------------------------------------------

    def _x_mark(self, table: int) -> vc.Meaning | None:
        """What a bare `x` means in a table that uses it without a legend saying so.

        In a table with check marks or other positive verdicts (`✔ | x`), the cross: not supported.
        Alone in its columns (`X` where a feature is there, blank where it is not, as Microsoft's
        agent tables write them), a mark of presence: supported. Anything else (`x` beside `No`,
        or beside prose) is too ambiguous to read, so it stays unknown (MX016).
        """
        memo = self._x_marks
        if table in memo:
            return memo[table]
        rows = self.tables[table].rows
        distinct: set[str] = set().union(*(r.cells for r in rows))  # keys too: only a screen
        columns: set[int] = set()
        if any(c[:1] in ("x", "X") for c in distinct):
            columns = {
                i
                for r in rows
                for i, c in enumerate(r.cells)
                if i and c[:1] in ("x", "X") and _X_MARK.match(_plain(c))
            }
        meaning: vc.Meaning | None = None
        if columns:
            positive = negative = other = False
            for r in rows:
                for i, cell in enumerate(r.cells[1:], start=1):
                    text = _plain(cell)
                    if not text or _X_MARK.match(text):
                        continue
                    verdict = self.base.read(text.split("\n", 1)[0])
                    status = verdict[0] if verdict is not None else None
                    positive |= status == "supported"
                    negative |= status == "not_supported"
                    other |= status is None and i in columns  # prose beside the x's
            if positive and not negative:
                meaning = ("not_supported", None)
            elif not (positive or negative or other):
                meaning = ("supported", None)
        memo[table] = meaning
        return meaning

    def _verdict_share(self, table: RawTable, i: int, vocab: vc.Vocabulary) -> tuple[int, int]:
        """(cells that open with a verdict, non-blank cells) of column i. A column whose only
        verdict is N/A among other text states none: "N/A" beside links or versions says the
        column does not apply to the row (OpenTelemetry's "Standalone Library Instrumentation"
        over artifact names), not that something is supported or not (a column of N/A alone
        beside targets is one too: `_not_applicable`)."""
        read = total = 0
        said = False  # a verdict other than N/A
        memo = self._opens.setdefault(id(vocab), {})  # cells repeat down a column ("Yes")
        for r in table.rows:
            if i >= len(r.cells) or not r.cells[i].strip():
                continue
            total += 1
            cell = r.cells[i]
            opens = memo.get(cell)
            if opens is None:
                text = _plain(cell)
                first = text.split("\n", 1)[0] if text else ""
                verdict = vocab.read(first) if first else None
                opens = memo[cell] = (
                    0 if verdict is None else 1 if verdict.status == "not_applicable" else 2
                )
            read += opens > 0
            said = said or opens == 2
        return (read if said else 0), total

    def _not_applicable(self, table: RawTable, i: int, vocab: vc.Vocabulary) -> bool:
        """Is every non-blank cell of column i N/A? Beside columns of verdicts it is a target
        nothing applies to ("Feature | Linux | macOS" over "Yes | N/A"); beside values it is no
        target at all (Knative's "Configuration | ConfigMap | Description" over "NA")."""
        memo = self._opens.get(id(vocab), {})  # `_verdict_share` read the column already
        opens = [
            memo.get(r.cells[i]) for r in table.rows if i < len(r.cells) and r.cells[i].strip()
        ]
        return bool(opens) and all(o == 1 for o in opens)

    def _bare_share(self, table: RawTable, i: int, vocab: vc.Vocabulary) -> bool:
        """Are most non-blank cells of column i a verdict alone ("Yes", "N/A", "✓"), not prose
        that opens with one ("Available in all Azure public regions, except …")?"""
        texts = _texts(table, i)
        bare = sum(vocab.lookup(text.split("\n", 1)[0]) is not None for text in texts)
        return bare * 2 >= len(texts)

    def _bounds_share(self, table: RawTable, i: int, vocab: vc.Vocabulary) -> bool:
        """Do most non-blank cells of column i bound a version (`>= 0.37`, `1.2+`, `< 1.30`)?
        Under a header that is a version ("Kubernetes | 1.30 | 1.31"), such a column is a target
        each row states its needs in, as much as a column of check marks is."""
        texts = _texts(table, i)
        read = sum(
            any(c.kind in _VERSION_BOUNDS for c in _cells.read_cell(text, vocab, None).constraints)
            for text in texts
        )
        return bool(texts) and read * 2 >= len(texts)

    def _targets_share(
        self, table: RawTable, group: list[int], vocabs: list[vc.Vocabulary]
    ) -> bool:
        """Do most non-blank cells of a group of sibling columns (`_siblings`) open with a verdict
        or bound a version? Amazon RDS's "RDS for PostgreSQL 15 | … 14 | … 13" over "Version
        14.5 and higher" and "–": one engine version per column, each a target, even where a
        column alone says little a reader knows ("All PostgreSQL 15 versions")."""
        read = total = 0
        for i in group:
            for text in _texts(table, i):
                total += 1
                first = text.split("\n", 1)[0]
                if vocabs[i].read(first) is not None:
                    read += 1
                    continue
                reading = _cells.read_cell(text, vocabs[i], None)
                read += any(c.kind in _VERSION_BOUNDS for c in reading.constraints)
        return total > 0 and read * 2 >= total

    def _tiers_share(self, table: RawTable, group: list[int], vocabs: list[vc.Vocabulary]) -> bool:
        """Are the columns of `group` (`_tier_columns`) targets that state a verdict or a limit
        in each cell? Azure Container Registry's "Resource | Basic | Standard | Premium" over
        "Webhooks | 2 | 10 | 100" and "Geo-replication | N/A | N/A | Supported", Azure Files'
        "Attribute | Files in standard file shares | Files in premium file shares" over
        "Maximum file size | 4 TiB | 4 TiB": each column a target, though none is mostly verdicts.

        Nearly every cell must read as a verdict or a quantity (or say "Unlimited"; a row of
        words alone, Azure disk types' "Scenario | IO-intensive workloads …", is left out), and
        what a cell states must run along the rows, not down the columns: most rows say one kind of
        thing in every column (sizes, counts, rates or verdicts), and every column says more
        than one kind. A table
        of attributes runs down its columns instead: external-dns' "Provider Name | Zone Cache
        | Dry Run | Default TTL (seconds)" has a column of verdicts and one of counts, and
        "Size | vCPU | Memory" columns of counts alone. Where no cell says yes, a verdict is no
        kind of its own: Snyk's "Critical | High | Medium | Low" counts, with rows of "-"."""
        rows: list[list[str | None]] = []
        positive = False
        unread, most = 0, len(table.rows) * len(group)  # past a quarter unread: no tiers
        for r in table.rows:
            if unread * 4 > most:
                return False
            kinds: list[str | None] = []
            missed = 0
            for i in group:
                text = _plain(r.cells[i]) if i < len(r.cells) else ""
                if not text:
                    kinds.append("")
                    continue
                if _NO_LIMIT.fullmatch(text):  # "Unlimited", "No limit": a limit's cell
                    kinds.append("unlimited")
                    continue
                reading = _cells.read_cell(text, vocabs[i], None)
                if reading.status is not None:
                    positive = positive or reading.status not in _NO_YES
                    kinds.append("verdict")
                    continue
                kind: str | None = next(
                    (c.kind for c in reading.constraints if c.kind in _TIER_LIMITS), None
                )
                kinds.append(None if kind is None else _TIER_KIND.get(kind, kind))
                missed += kind is None
            if missed and missed == len(kinds) - kinds.count(""):
                # a row of words alone describes each tier (Azure's disk types' "Scenario":
                # "IO-intensive workloads …"): no statement, read or unread
                most -= len(group)
                continue
            unread += missed
            rows.append(kinds)
        if not positive:  # "-" and "N/A" alone: blanks, not a kind of statement
            rows = [[k if k != "verdict" else "" for k in kinds] for kinds in rows]
        cells = [k for kinds in rows for k in kinds if k != ""]
        if not cells or sum(k is not None for k in cells) * 4 < len(cells) * 3:
            return False
        full = [kinds for kinds in rows if all(kinds)]
        along = sum(len(set(kinds)) == 1 for kinds in full)
        down = [{kinds[j] for kinds in rows if kinds[j]} for j in range(len(group))]
        return along >= 2 and along * 2 >= len(full) and all(len(d) > 1 for d in down)

    def _plan(self, index: int, table: RawTable) -> _Plan:  # noqa: C901, PLR0912, PLR0915 - a table's orientation and roles decided from every clue at once
        headers = table.header.cells
        key_label = inline_text(headers[0]) if headers else ""
        if _is_legend_table(table):
            cols = [Column.trusted(label=key_label, role="key")] + [
                Column.trusted(label=inline_text(h), role="description") for h in headers[1:]
            ]
            return _Plan(
                "columns", cols, [False] * len(cols), [self.base] * len(cols), "", False, True
            )
        if _is_parameter_table(headers):
            cols = [Column.trusted(label=key_label, role="key")]
            for label in map(inline_text, headers[1:]):  # no verdict column: descriptions, details
                given: Role = "description" if _role_of(label) == "description" else "details"
                cols.append(Column.trusted(label=label, role=given))
            if index >= 0:
                self.diagnostics.append(
                    _diag(
                        "MX014",
                        "a reference of parameters (its Required and Default or Type columns, or "
                        "Type or Values and Default): its Yes and No say required or optional, not "
                        "supported, its '-' no default; no column is a target",
                        table.line,
                        "info",
                    )
                )
            return _Plan("columns", cols, [False] * len(cols), [self.base] * len(cols), "", False)
        labels: list[str] = []
        firsts: list[str] = []
        rests: list[list[str]] = []
        markers: list[tuple[str, ...]] = []
        for raw in headers:
            clean, marks = split_footnotes(raw)
            labels.append(inline_text(clean.replace("<br", " <br")))
            pieces = [inline_text(p) for p in split_breaks(clean)]
            pieces = [p for p in pieces if p]
            firsts.append(pieces[0] if pieces else "")
            rests.append(pieces[1:])
            markers.append(marks)
        if any(rests):
            _split_siblings(firsts, rests, labels)
        vocabs = [self._vocab(index, i, labels[i]) for i in range(len(headers))]
        roles: list[Role | None] = [None] * len(headers)
        hits: list[tuple[sc.Found, ...]] = [()] * len(headers)
        share: list[bool] = [False] * len(headers)
        bounded: list[bool] = [False] * len(headers)  # a version's column of version bounds
        for i in range(1, len(headers)):
            label = labels[i]
            role = _role_of(label)
            known = self._named(label)  # `match_all`, memoised: headers repeat across tables
            if known and role is None:
                hits[i] = known
            roles[i] = role
            if i > 1 and role in ("details", "description"):
                continue  # its share is never read: only the second column can change role
            read, total = self._verdict_share(table, i, vocabs[i])
            share[i] = total > 0 and read * 2 >= total
            if share[i] and role is None and _BOUND_OPENING.match(firsts[i]):
                # "Max K8s Version | -" (kubernetes-csi's releases): a bound of each row, no
                # target, and its dash no "not supported" but no bound (`_limit_columns`)
                roles[i] = "requirement"
            if not share[i] and role is None and _VERSION_LABEL.fullmatch(firsts[i]):
                bounded[i] = self._bounds_share(table, i, vocabs[i])
        if any(share):
            for i in range(1, len(headers)):
                if not share[i] and roles[i] is None and self._not_applicable(table, i, vocabs[i]):
                    share[i] = True
        for i in range(1, len(headers)):
            # "Default" beside targets, its cells verdicts as theirs are (Azure Storage's
            # "Storage feature | Default | HNS | NFS | SFTP"): the default set-up, a target too
            if roles[i] == "details" and labels[i].lower() in _DEFAULT_LABELS:
                others = [j for j in range(1, len(headers)) if j != i and roles[j] is None]
                if any(share[j] for j in others):
                    read, total = self._verdict_share(table, i, vocabs[i])
                    if total > 0 and read * 2 >= total:
                        roles[i], share[i] = None, True
        if any(r == "requirement" for r in roles):
            for i in range(1, len(headers)):
                # "Supported | Supported Regions" (Azure Backup): beside the row's verdict, a
                # "Supported …" column of prose says which ones, no target of that name
                if (
                    share[i]
                    and roles[i] is None
                    and _WHICH_HEADER.fullmatch(labels[i].lower())
                    and not self._bare_share(table, i, vocabs[i])
                ):
                    roles[i], share[i] = "details", False
        sibling = [False] * len(headers)  # one of a product's releases side by side
        for group in _siblings(labels, roles) + _platforms(labels, roles, hits):
            # all or none: one release's column of "–" is a target as much as its siblings are
            if any(share[i] or bounded[i] for i in group) or self._targets_share(
                table, group, vocabs
            ):
                for i in group:
                    sibling[i] = True
        tiers = _tier_columns(labels, roles, hits, sibling)
        if tiers and self._tiers_share(table, tiers, vocabs):
            for i in tiers:
                sibling[i] = True
        orientation, reason, guessed = self._orientation(
            index,
            table=table,
            key_label=key_label,
            labels=labels,
            hits=hits,
            share=share,
            roles=roles,
        )
        columns: list[Column] = []
        taken: dict[str, str] = {}  # scenario id -> the label of this table's column naming it
        # "VSCode (LSP) | VSCode", "Windows (x64) | Windows (ARM64)": headers one name apart in
        # their qualifiers each keep theirs, whichever comes first
        clashes = (
            _clashing(self.expand, (firsts[i] for i in range(1, len(labels)) if roles[i] is None))
            if orientation == "columns"
            else _clashing(self.expand, map(_row_name, table.rows))
        )
        for i, label in enumerate(labels):
            footnotes = self._footnotes(markers[i], table.line) if markers[i] else ()
            if i == 0:
                columns.append(Column.trusted(label=label, role="key", footnotes=footnotes))
                continue
            if not label:
                self.diagnostics.append(_diag("MX008", f"header cell {i + 1} is empty", table.line))
            if orientation == "rows":
                role = roles[i] if roles[i] in ("details", "description") else "feature"
                columns.append(Column.trusted(label=label, role=role, footnotes=footnotes))
                continue
            found = hits[i]
            # its qualifier tells it from another column
            whole = bool(clashes) and sc.words(_unqualified(firsts[i]), self.expand) in clashes
            if not found and roles[i] is None:
                name = firsts[i] if whole else _unqualified(firsts[i])
                same = self.by_words.get(sc.words(name, self.expand))
                if same is not None:  # a header an earlier table made a scenario
                    found = (same,)
                elif share[i] or bounded[i] or sibling[i]:
                    first = firsts[i]
                    if bounded[i] and (noun := _product_noun(key_label)):
                        first = f"{noun} {first}"  # "Kubernetes | 1.30": Kubernetes 1.30
                    found = self._column_scenarios(
                        first, rests[i], key_label, table.line, qualified=whole
                    )
            elif whole and len(found) == 1:  # a scenarios table's "Windows" for "Windows (x64)"
                declared = found[0]
                found = (self._scenario(firsts[i], table.line),)
                if index >= 0 and found[0].id != declared.id:
                    message = (
                        f"column {label!r} is a target of its own beside another of its name: "
                        f"scenario {declared.id!r} gets none of its verdicts"
                    )
                    self.diagnostics.append(_diag("MX020", message, table.line))
            if len(found) == 1 and taken.get(found[0].id, label) != label:
                # "VSCode | VSCode (LSP)", "C++ | C#": another column of this table named that
                # scenario in other words; this one is a target of its own, in full
                own = self._scenario(firsts[i], table.line)
                if own.id not in taken:
                    found = (own,)
            for h in found:
                taken.setdefault(h.id, label)
            if found:
                for h in found:
                    if h.id in self.aliases and inline_text(h.label) != label:
                        self.aliases[h.id].add(_balanced(label))
                columns.append(
                    Column.trusted(
                        label=label,
                        role="scenario",
                        scenario=found[0].id if len(found) == 1 else None,
                        scenarios=tuple(h.id for h in found),
                        footnotes=footnotes,
                    )
                )
                if found and index >= 0 and hits[i] == ():
                    self.diagnostics.append(
                        _diag(
                            "MX012",
                            f"column {label!r} taken for scenario "
                            + ", ".join(repr(h.label) for h in found),
                            table.line,
                            "info",
                        )
                    )
                continue
            columns.append(
                Column.trusted(label=label, role=roles[i] or "details", footnotes=footnotes)
            )
        self._shared_targets(columns, table.line, index)
        present = {c.role for c in columns}
        if (
            orientation == "columns"
            and "scenario" not in present
            and "requirement" not in present
            and len(columns) > 1
        ):
            # Two-column "Component | Details" tables state their verdicts in the second column;
            # a wider one in the first column whose cells read most as verdicts or limits
            # (cert-manager's "Release | Release Date | End of Life | … Versions"), else its second.
            j = self._requirement_column(index, table, columns, vocabs)
            if j > 0:
                c = columns[j]
                columns[j] = Column.trusted(
                    label=c.label, role="requirement", footnotes=c.footnotes
                )
        if orientation == "columns" and "scenario" not in present and len(columns) > 2:
            self._further_requirements(index, table, columns, vocabs)
        verdict = [
            c.role in ("scenario", "feature") or (c.role == "requirement" and share[i])
            for i, c in enumerate(columns)
        ]
        subkey = (
            orientation == "columns"
            and len(columns) > 2
            and columns[1].role == "details"
            and _keys_repeat(table)
        )
        maxima, dashless = self._limit_columns(index, table, key_label, columns, vocabs)
        repeated = None
        if subkey and _SUBKEY_HEADER.fullmatch(columns[1].label.lower()) is None:
            repeated = _told_apart(table)
            subkey = repeated is not None
        return _Plan(
            orientation,
            columns,
            verdict,
            vocabs,
            reason,
            guessed,
            mostly=tuple(share),
            subkey=subkey,
            repeated=repeated,
            versioned=tuple(
                c.role == "requirement" and self._versioned(table, j, c.label, vocabs[j])
                for j, c in enumerate(columns)
            ),
            maxima=maxima,
            dashless=dashless,
            clashes=clashes if orientation == "rows" else frozenset(),
        )

    def _limit_columns(
        self,
        index: int,
        table: RawTable,
        key_label: str,
        columns: list[Column],
        vocabs: list[vc.Vocabulary],
    ) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
        """`maxima` and `dashless` of a table's requirement columns headed by a value or a limit.

        A table whose key header or headings say its rows are limits ("Limit | Notes | Value",
        "Quota name | … | Value", "Name | Default | Adjustable" under "Service quotas") gives
        each row's limit in its value column: a bare number there is a maximum, as under a
        "Limit" header (the key's own "Minimum …" still says otherwise). Such a column, or any
        column of limits, where no cell says yes, holds values, not verdicts: its "-" gives none
        (Service Bus's "Maximum size of a message ID | Entity | - | 128")."""
        named = [
            c.role == "requirement" and c.label.lower().strip(" :") in _VALUE_HEADERS
            for c in columns
        ]
        values = [
            v or (c.role == "requirement" and _label_bound(c.label) in ("min", "max"))
            for v, c in zip(named, columns, strict=True)
        ]
        if not any(values):
            return (), ()
        of_limits = any(named) and index >= 0 and self._of_limits(index, key_label)
        maxima = [of_limits and v for v in named]
        dashless = [
            v
            and not any(
                reading.status not in (None, *_NO_YES)
                for reading in _readings(table, j, columns[j].label, vocabs[j])
            )
            for j, v in enumerate(values)
        ]
        return tuple(maxima), tuple(dashless)

    def _of_limits(self, index: int, key_label: str) -> bool:
        """Do a table's key header or the headings over it say its rows are limits or quotas?
        Not the document's title: a "Service limits" page holds tables of settings too."""
        if _LIMITS_TEXT.search(key_label):
            return True
        section = self.table_section[index]
        level = self.section_levels[section] + 1
        while section > 0 and self.section_levels[section] > 1:
            if self.section_levels[section] < level:
                if _LIMITS_TEXT.search(self.section_titles[section]):
                    return True
                level = self.section_levels[section]
            section -= 1
        return False

    def _shared_targets(self, columns: list[Column], line: int, index: int) -> None:
        """MX018 where two scenario columns speak for one scenario (`| Windows | Windows |`):
        `verdict_cells` takes the later one's cell, which the reader should know."""
        if index < 0:
            return
        first: dict[str, str] = {}
        for c in columns:
            if c.role != "scenario":
                continue
            for sid in c.scenarios:
                if sid in first:
                    message = (
                        f"columns {first[sid]!r} and {c.label!r} both speak for scenario {sid!r}: "
                        "each row's verdict there is the later column's"
                    )
                    self.diagnostics.append(_diag("MX018", message, line))
                first[sid] = c.label

    def _requirement_column(
        self, index: int, table: RawTable, columns: list[Column], vocabs: list[vc.Vocabulary]
    ) -> int:
        """The column of a table with no scenario that states its verdicts or limits: the first
        whose cells read most as either (none read: the second, as in two-column tables). A
        column whose header names what it holds (Notes, Default Value, Release Date) is none;
        where every header does, the second if it describes the row or reads at all, else none
        (-1: external-dns' "Provider | Maintainers | Tutorials" lists what it supports). Nor is
        one whose Yes and No say something else (`_yes_means_other`): a setting's "Default",
        but where the table lists limits (AWS's "Name | Default | Adjustable" under "Service
        quotas"), whose default is each row's limit."""

        def says_other(label: str) -> bool:
            if _header_name(label) in _DEFAULT_HEADERS:
                return index < 0 or not self._of_limits(index, columns[0].label)
            return _yes_means_other(label)

        if len(columns) <= 2:  # not a list of what is not supported, as a requirement allows it
            label = columns[1].label
            return -1 if says_other(label) or _against(label.lower()) else 1
        open_ = [
            j
            for j in range(1, len(columns))
            if columns[j].role == "details" and _role_of(columns[j].label) is None
        ]
        if not open_:  # every header names its role: the second, a description or if it reads
            second = columns[1]
            if says_other(second.label):
                return -1
            said = second.role == "description" or self._reads(table, 1, second.label, vocabs[1])
            return 1 if said else -1
        reads = [
            sum(
                reading.status is not None or bool(reading.constraints)
                for reading in _readings(table, j, columns[j].label, vocabs[j])
            )
            for j in open_
        ]
        # the first that reads about as much as the most-read, nearest the rows' names: .NET's
        # "OS | Version | Architectures" has its floors in Version, read in four rows of five,
        # and each row's architectures (a further requirement) beside them
        most = max(reads)
        return next(
            (j for j, read in zip(open_, reads, strict=True) if read * 4 >= most * 3 and read),
            open_[0],
        )

    def _further_requirements(
        self, index: int, table: RawTable, columns: list[Column], vocabs: list[vc.Vocabulary]
    ) -> None:
        """Further columns of limits in a table with no scenario: wagtail's "Compatible Django
        versions | Compatible Python versions", cluster-autoscaler's "CA Version | Chart
        Version". A column whose header names no other role and whose cells mostly state a
        limit a configuration can be checked against (a version floor, ceiling, range or list;
        a bounded count or size; a name rule) is a requirement too: each of its cells a fact of
        its own (`<row id>/<column slug>`, see `compiler.emit.rules`). Verdict words alone do
        not make one ("-" in a column of links means no link, not "not supported"). A column
        its header makes a requirement ("Compatible OpenShift versions", "Currently Supported")
        is one of its own likewise, after the first."""
        first = next((j for j, c in enumerate(columns) if c.role == "requirement"), None)
        if first is None:
            return
        for j in range(first + 1, len(columns)):  # the first speaks for the row (`verdict_cells`)
            c = columns[j]
            by_header = c.role == "requirement"  # "Compatible OpenShift versions"
            if not by_header and (
                c.role != "details"
                or _role_of(c.label) is not None
                or not self._limits_share(table, j, c.label, vocabs[j])
            ):
                continue
            if not by_header:
                columns[j] = Column.trusted(
                    label=c.label, role="requirement", footnotes=c.footnotes
                )
            if index >= 0:
                said = "its header makes it a requirement" if by_header else "it states limits"
                message = (
                    f"column {c.label!r} is a requirement of its own ({said}): each of its "
                    "cells is a fact named by its row and this column"
                )
                self.diagnostics.append(_diag("MX019", message, table.line, "info"))

    def _versioned(self, table: RawTable, j: int, label: str, vocab: vc.Vocabulary) -> bool:
        """Whether column j bounds versions in some cells and counts in others, and no size: its
        counts are then versions written as whole numbers (">= 18" beside ">= 1.85.0")."""
        versions = counts = False
        for reading in _readings(table, j, label, vocab):
            for c in reading.constraints:
                if c.kind in _VERSION_BOUNDS:
                    versions = True
                elif c.kind == "count":
                    counts = True
                else:
                    return False
        return versions and counts

    def _reads(self, table: RawTable, j: int, label: str, vocab: vc.Vocabulary) -> bool:
        """Whether any cell of column j states a verdict or a limit."""
        return any(
            reading.status is not None or reading.constraints
            for reading in _readings(table, j, label, vocab)
        )

    def _limits_share(self, table: RawTable, j: int, label: str, vocab: vc.Vocabulary) -> bool:
        """Whether most of a column's cells that say more than a verdict state checkable limits."""
        read = total = 0
        for reading in _readings(table, j, label, vocab):
            if reading.constraints:
                total += 1
                read += any(map(_checkable, reading.constraints))
            elif reading.status is None:
                total += 1
        return read > 0 and read * 2 >= total

    def _column_scenarios(
        self, first: str, rest: list[str], key_label: str, line: int, *, qualified: bool = False
    ) -> tuple[sc.Found, ...]:
        """The scenarios a verdict column's header names (two for 'Hyper-V (with/without VMM)').

        `qualified`: the header keeps its qualifier (another column of the table has its name).
        """
        label = _TARGET_PREFIX.sub("", first).strip() or first
        name = label if qualified else _unqualified(label)
        if name != label:  # "Azure Arc-enabled servers (including Azure VMware solution)"
            rest = [label, *rest]
            label = name
        if "/" in key_label and not _VERSIONISH.sub("", label).strip(" .xX*"):
            # "Module Version / Kubernetes Version" over "1.20.X": the columns are Kubernetes
            # versions.
            noun = key_label.rsplit("/", 1)[1].strip(_ARROWS)  # "Release ↓ / Kubernetes →"
            noun = re.sub(r"\s*versions?$", "", noun, flags=re.IGNORECASE).strip(_ARROWS)
            if noun:
                label = f"{noun} {label}"
        m = _PAREN_ALTERNATIVES.match(label)
        labels = (
            [f"{m['pre']} {m['a']}{m['post']}", f"{m['pre']} {m['b']}{m['post']}"] if m else [label]
        )
        found = tuple(self._scenario(lbl, line) for lbl in labels)
        for f in found:
            for alias in rest:
                if alias != f.label:
                    self.aliases[f.id].add(alias)
        return found

    def _orientation(  # noqa: PLR0911, PLR0913 - the clues a table's orientation is decided from, passed explicitly
        self,
        index: int,
        *,
        table: RawTable,
        key_label: str,
        labels: list[str],
        hits: list[tuple[sc.Found, ...]],
        share: list[bool],
        roles: list[Role | None],
    ) -> tuple[Orientation, str, bool]:
        """Which way a table runs, why, and whether that was a guess."""
        section = self.table_section[index]
        slug = self.section_slugs[section]
        for selector in (f"{slug}#{self.table_ordinal[index]}", slug):
            if selector in self.settings.orientation:
                return self.settings.orientation[selector], f"set in {self.settings.where}", False
        verdicts = sum(1 for i in range(1, len(labels)) if share[i] and roles[i] is None)
        if verdicts == 0:
            return "columns", "", False
        words = re.findall(r"[a-z]+", key_label.lower())
        last = words[-1] if words else ""
        if any(hits):
            return "columns", "headers name the scenarios", False
        if "/" in key_label:
            return "columns", f"key header {key_label!r} names rows / columns", False
        if last in _ROW_TARGETS and not (
            last == "name" and len(words) > 1 and words[-2] not in _ROW_TARGETS
        ):  # "Backend name" names targets; "Metric name" names the rows' things
            return "rows", f"key header {key_label!r} names the targets", False
        if last == "name" and len(words) > 1:
            return "columns", f"key header {key_label!r} names what the rows are", False
        if last in _ROW_THINGS or any(w in _ROW_THINGS for w in words[:1]):
            return "columns", f"key header {key_label!r} names what is supported", False
        if any(_VERSIONISH.search(lbl) for lbl in labels[1:] if lbl):
            return "columns", "headers are versions", False
        return "columns", "nothing says which way it runs", True

    def _check_orientation_settings(self) -> None:
        known = set()
        for i in range(len(self.tables)):
            slug = self.section_slugs[self.table_section[i]]
            known.update({slug, f"{slug}#{self.table_ordinal[i]}"})
        for selector in self.settings.orientation:
            if selector not in known:
                origin = self.settings.origin
                raise InputError(
                    f"{self.settings.where}: orientation set for table {selector!r} of "
                    f"{self.path}, which it does not have (tables are in: "
                    f"{', '.join(sorted(known)) or 'none'})",
                    path=origin[0] if origin else None,
                    line=origin[1] if origin else 1,
                )

    def _group_row(
        self, raw: RawRow, texts: list[str], header: tuple[str, ...], prefix: str
    ) -> Row | None:
        """A row that repeats the header: whole, or after a group's name in the key column
        ("[TracerProvider] | Optional | Go | Java | …"), where it repeats two or more named
        columns. None for a data row (almost always: its second cell differs at once)."""
        raw_cells = raw.cells
        if not (
            len(raw_cells) == len(header)
            and len(header) > 1
            and all(map(str.__eq__, map(inline_text, raw_cells[1:]), header[1:]))
        ):
            return None
        if inline_text(raw_cells[0]) == header[0]:
            message = "the header row repeated: read as a group header"
        elif len(header) > 2 and all(header[1:]) and texts[0]:
            message = (
                f"the header's columns repeated after {texts[0][:40]!r}: read as a group header"
            )
        else:
            return None
        self.diagnostics.append(_diag("MX017", message, raw.line, "info"))
        return self._plain_row(raw, f"{prefix}group-l{raw.line}", "group")

    def _subkey_name(self, key: str) -> str:
        """A row's name in a table with a sub-key: its own, or the row above's where its key
        cell is blank (a rowspan written out as a pipe table: `| | 11 | Yes |`)."""
        if key:
            self._last_key = key
            return key
        return self._last_key

    def _ruled_row(self, raw: RawRow, texts: list[str], prefix: str) -> Row | None:
        """A row drawn as a rule around a group's name ("| --- | **Only for NFS** | --- |"): a
        group header. None for any other row."""
        label = _ruled_label(texts)
        if label is None:
            return None
        message = f"a row ruled off around {label[:40]!r}: read as a group header"
        self.diagnostics.append(_diag("MX017", message, raw.line, "info"))
        return self._plain_row(raw, f"{prefix}group-l{raw.line}", "group", key=label)

    def _row(  # noqa: C901, PLR0912, PLR0915 - a row's cells, key, notes and diagnostics in one pass over its source
        self,
        raw: RawRow,
        header: tuple[str, ...],
        plan: _Plan,
        section_id: str,
        seen: dict[str, int],
    ) -> Row:
        """`header`: the plain text of the table's header cells."""
        columns = plan.columns
        width = len(columns)
        prefix = f"{section_id}/" if section_id else ""
        raw_cells = raw.cells
        texts = list(map(to_text, raw_cells))
        if not any(texts):
            self.diagnostics.append(
                _diag("MX011", "spacer row (every cell empty): skipped", raw.line)
            )
            return self._plain_row(raw, f"{prefix}spacer-l{raw.line}", "spacer")
        if raw.line in self._bold_groups:
            # "| **Operating System** | | |" over the rows it names: a group's name, not a row
            # whose every verdict is missing
            message = f"a bold name alone in its row, {texts[0][:40]!r}: read as a group header"
            self.diagnostics.append(_diag("MX017", message, raw.line, "info"))
            return self._plain_row(raw, f"{prefix}group-l{raw.line}", "group", key=texts[0])
        if (  # `_group_row`'s first test, here: a data row's second cell differs at once
            len(raw_cells) == len(header) > 1
            # its text, as `to_text` gave it where the cell has no line break to join
            and (texts[1] if "<" not in raw_cells[1] else inline_text(raw_cells[1])) == header[1]
            and (group := self._group_row(raw, texts, header, prefix)) is not None
        ):
            return group
        if texts[0][:3] in _RULE_OPENINGS and (ruled := self._ruled_row(raw, texts, prefix)):
            return ruled
        if len(raw.cells) != width:
            more = len(raw.cells) > width
            self.diagnostics.append(
                _diag(
                    "MX003" if more else "MX002",
                    f"row has {len(raw.cells)} cells but the header has {width}"
                    + ("; extra cells are kept with no column" if more else ""),
                    raw.line,
                )
            )
        key_raw = raw_cells[0] if raw_cells else ""
        key_marks: tuple[str, ...] = ()
        # "6.x¹", "2008 R2<sup>1</sup>": the footnote is the key cell's (most keys are ASCII with
        # no `<`, `[` or `*`, and are not split at all)
        if not key_raw.isascii() or "<" in key_raw or "*" in key_raw or "[" in key_raw:
            head = split_breaks(key_raw)[0] if "<" in key_raw else key_raw
            unmarked, key_marks = split_footnotes(head)
            if unmarked.strip() and head.startswith(unmarked.rstrip()):
                unmarked += key_raw[len(head) :]
            elif unmarked.strip() and self._key_footnotes(head, key_marks, raw.line):
                # "length<sup>3</sup> (full pathname …)", "(km<sup>2</sup>)" where footnote 2
                # is defined: the space the marker left stays only before a word
                unmarked = _MARK_GAP.sub("", unmarked) + key_raw[len(head) :]
            else:  # a marker ends a key's first line: "Area (m²)" keeps its "²"
                key_marks = ()
        if key_marks:
            pieces = [p for p in map(to_text, split_breaks(unmarked)) if p]
        elif "<" in key_raw:  # line breaks: a piece each
            pieces = [p for p in map(to_text, split_breaks(key_raw)) if p]
        else:  # one piece, the key cell's text
            pieces = [texts[0]] if texts[0] else []
        key = pieces[0] if pieces else self._subject
        key = self._subkey_name(key) if plan.subkey else key
        notes: list[Note] = []
        if len(pieces) > 1:
            rest = "\n".join(pieces[1:])
            notes.append(
                Note.trusted(kind="row_note", text=rest, line=raw.line, raw=key_raw, column=0)
            )
        if not key:
            self.diagnostics.append(_diag("MX007", "row has an empty key cell", raw.line))
        if key_raw.count("**") % 2 or key_raw.count("`") % 2:
            self.diagnostics.append(
                _diag("MX006", "unclosed emphasis or code span in key cell", raw.line)
            )
        sub = (
            texts[1].split("\n", 1)[0]
            if plan.subkey and len(texts) > 1 and (plan.repeated is None or key in plan.repeated)
            else ""
        )
        base = (
            (slugify(f"{key} {sub}") if key and sub else "")
            or slugify(key)
            or _row_slug(key, texts)
        )
        if base in seen:
            self.diagnostics.append(
                _diag(
                    "MX005",
                    f"key {key!r} has the id {prefix + base!r} of an earlier row in this"
                    " section: it gets a suffix",
                    raw.line,
                )
            )
            row_id = f"{prefix}{unique_slug(base, seen)}"
        else:  # `unique_slug` of a first use
            seen[base] = 0
            row_id = prefix + base
        row_scenarios: tuple[str, ...] = ()
        if plan.orientation == "rows" and key:
            name = _unqualified(key)
            if plan.clashes and sc.words(name, self.expand) in plan.clashes:
                name = key  # "Linux (ARM64)" beside "Linux": a target of its own, in full
            target = self._scenario(name, raw.line)
            if self._row_targets.get(target.id, key) != key:  # "Linux", then "Linux (ARM64)"
                own = self._scenario(key, raw.line)
                target = target if own.id in self._row_targets else own
            self._row_targets.setdefault(target.id, key)
            row_scenarios = (target.id,)
        cells: list[Cell] = []
        plain = self._plain
        # a key of "M…" may bound its row's cells ("Maximum …", `_cell_bound`): read them
        same = _NO_CELLS if row_scenarios or key[:1] in "Mm" else self._column_cells
        for i, cell_raw in enumerate(raw_cells):
            column = columns[i] if i < width else None
            if i == 0 and key_marks:
                cells.append(
                    new_cell(
                        column=0,
                        scenario=None,
                        raw=cell_raw,
                        text=texts[0],
                        status=None,
                        footnotes=self._footnotes(key_marks, raw.line),
                    )
                )
                continue
            if column is None or column.role not in _READ_ROLES:
                cell = plain.get((i, cell_raw))
                if cell is None:
                    cell = plain[i, cell_raw] = self._plain_cell(i, cell_raw, texts[i])
                cells.append(cell)
                continue
            cells.append(
                same.get((i, cell_raw))
                or self._cell(raw, i, cell_raw, texts[i], column, plan, key, row_scenarios, notes)
            )
        named = self._named_memo.get(key) if self.from_tables else ()
        if named is None:
            named = self._named(key)
        return new_row(
            id=row_id,
            key=key,
            line=raw.line,
            cells=self._shared_cells(cells),
            notes=tuple(notes),
            scenarios=row_scenarios or (tuple(h.id for h in named) if named else ()),
        )

    def _named(self, key: str) -> tuple[sc.Found, ...]:
        """The scenarios of the scenarios tables a row's key names (memoised: keys repeat)."""
        hit = self._named_memo.get(key)
        if hit is None:
            screen = self._named_screen
            if screen is not None and screen.search(inline_text(key).lower()) is None:
                hit = ()
            else:
                hit = sc.match_all(key, self.table_found, self.expand)
            self._named_memo[key] = hit
        return hit

    def _cell(  # noqa: C901, PLR0912, PLR0913, PLR0917 - a cell's table, row, column and scenario context, passed explicitly, and each way its column reads it
        self,
        raw: RawRow,
        i: int,
        cell_raw: str,
        text: str,
        column: Column,
        plan: _Plan,
        key: str,
        row_scenarios: tuple[str, ...],
        notes: list[Note],
    ) -> Cell:
        vocab = plan.vocab[i]
        scenario = row_scenarios[0] if row_scenarios else column.scenario
        if not text:
            blank = vocab.entries.get(BLANK)
            if plan.verdict[i]:
                self.diagnostics.append(
                    _diag(
                        "MX013",
                        f"blank cell in verdict column {column.label!r}: "
                        + ("read from the legend" if blank else "no verdict (null)"),
                        raw.line,
                        "info",
                    )
                )
            return self._shared_cell(
                (
                    i,
                    scenario,
                    cell_raw,
                    text,
                    blank[0] if blank else None,
                    blank[1] if blank else None,
                    None,
                )
            )
        clean, markers = split_footnotes(cell_raw)
        plain = to_text(clean) if markers else text
        verdict_text = plain  # the text without its "Note: …" lines (which need a colon)
        if ":" in plain:
            verdict_lines: list[str] = []
            for line in plain.split("\n"):
                if ":" in line and _NOTE_PREFIX.match(line):
                    notes.append(
                        Note.trusted(
                            kind="row_note",
                            text=_NOTE_PREFIX.sub("", line),
                            line=raw.line,
                            raw=line,
                            column=i,
                        )
                    )
                else:
                    verdict_lines.append(line)
            verdict_text = "\n".join(verdict_lines)
        if text in _DASHES and i < len(plan.dashless) and plan.dashless[i]:
            return self._shared_cell((i, scenario, cell_raw, text, None, None, None))  # no limit
        by_label = _label_bound(column.label)  # the header decides, or with the key (`_bound`)
        keyed = i < len(plan.maxima) and plan.maxima[i]  # the row's key is read too
        if keyed:  # a table of limits' "Default", "Value"
            by_label = _key_bound(key) or "max"
        if by_label != "requirement" and (by_label or (key[:1] not in "Mm" and "imit" not in key)):
            bound: _cells.Bound = by_label
        else:
            bound, keyed = _cell_bound(by_label, column.label, key, verdict_text), True
        # `_read`, written out: this runs once per cell, and a call more was 0.75% of a compile.
        if by_label == "min" or by_label == "max":  # noqa: PLR1714 - the Literal narrows
            listed = _header_bound(by_label, column.label, verdict_text)
        else:
            versions = _versions_column(column.label)
            listed = (
                None if versions is None else _versions_cell(verdict_text, versions, column.role)
            )
        reading = listed or _cells.read_cell(verdict_text, vocab, bound)
        if (
            reading.constraints
            and i < len(plan.versioned)
            and plan.versioned[i]
            and reading.constraints[0].kind == "count"
            and (bounds := _cells.version_bounds(verdict_text, integers=True)) is not None
        ):
            reading = _cells.Reading(reading.status, tuple(bounds), None, reading.stage)
        if reading.status is None and reading.stage is None and not reading.constraints and plain:
            self._unread(plain, i, column, plan, vocab, raw.line)
            keyed = True  # its diagnostics name each row's line
        if not markers and not reading.constraints:
            values = (i, scenario, cell_raw, text, reading.status, reading.stage, reading.unparsed)
            cell = self._cells.get(values) or self._shared_cell(values)
            if not (keyed or row_scenarios or ":" in plain):  # no row's key, target or notes
                self._column_cells[i, cell_raw] = cell
            return cell
        return new_cell(
            column=i,
            scenario=scenario,
            raw=cell_raw,
            text=text,
            status=reading.status,
            stage=reading.stage,
            footnotes=self._footnotes(markers, raw.line) if markers else (),
            constraints=reading.constraints,
            unparsed=reading.unparsed,
        )

    def _unread(  # noqa: PLR0913, PLR0917 - the cell's column and table context
        self, plain: str, i: int, column: Column, plan: _Plan, vocab: vc.Vocabulary, line: int
    ) -> None:
        """MX016 for a cell of a verdict column that reads as a verdict no vocabulary knows,
        MX004 for a scenario cell with no verdict word: what a reader should look at."""
        first = plain.split("\n", 1)[0]
        if (
            plan.verdict[i]
            and ((i < len(plan.mostly) and plan.mostly[i]) or not _PLAIN_WORDS.fullmatch(first))
            and _LONE_VERDICT.match(first)
            and not _VERSIONISH.search(first)
            and vocab.lookup(first) is None  # a known verdict among others ("Supported" …)
            and vc.normalize(first) not in self.explained
        ):
            self.diagnostics.append(
                _diag(
                    "MX016",
                    f"unknown verdict {first[:40]!r} in column {column.label!r}: add it to a "
                    "legend or to [tool.matrixc] verdicts",
                    line,
                )
            )
        elif column.role in ("scenario", "feature") and vc.normalize(first) not in self.explained:
            self.diagnostics.append(
                _diag("MX004", f"no verdict word in scenario cell {first[:40]!r}", line, "info")
            )

    def _plain_cell(self, i: int, raw: str, text: str) -> Cell:
        return self._shared_cell((i, None, raw, text, None, None, None))

    def _shared_cell(self, values: _CellKey) -> Cell:
        """One Cell for every cell that says exactly the same (models are immutable): a long
        document repeats "Yes" and "No" down its columns, and each copy cost a model's memory.
        Only cells of plain values are shared (no footnotes or constraints, whose numbers compare
        equal across types: 1 == 1.0), so sharing never merges cells that serialise differently.
        """
        cell = self._cells.get(values)
        if cell is None:
            column, scenario, raw, text, status, stage, unparsed = values
            cell = new_cell(
                column=column,
                scenario=scenario,
                raw=raw,
                text=text,
                status=status,
                stage=stage,
                unparsed=unparsed,
            )
            self._cells[values] = cell
        return cell

    def _shared_cells(self, cells: list[Cell]) -> tuple[Cell, ...]:
        """One tuple for every row whose cells are the same objects (see `_shared_cell`)."""
        key = tuple(map(id, cells))
        hit = self._rows_cells.get(key)
        if hit is None:
            hit = tuple(cells)
            self._rows_cells[key] = hit
        return hit

    def _plain_row(self, raw: RawRow, row_id: str, kind: RowKind, key: str | None = None) -> Row:
        cells = tuple(self._plain_cell(i, c, to_text(c)) for i, c in enumerate(raw.cells))
        if key is None:
            key = _key_text(raw.cells[0]) if raw.cells else ""
        return new_row(
            id=row_id,
            key=key,
            line=raw.line,
            cells=cells,
            kind=kind,
        )

    def _table(self, index: int, raw: RawTable, section_id: str, seen: dict[str, int]) -> Table:
        plan = self.plans[index]
        if plan.reason:
            self.diagnostics.append(
                _diag(
                    "MX015" if plan.guessed else "MX014",
                    (
                        "orientation guessed: columns read as the targets; say which way it runs "
                        "with `matrixc: orientation:` in the front matter or [tool.matrixc]"
                        if plan.guessed
                        else f"read with {plan.orientation} as the targets: {plan.reason}"
                    ),
                    raw.line,
                    "warning" if plan.guessed else "info",
                )
            )
        rows = []
        header = tuple(map(inline_text, raw.header.cells))  # what a repeated header row reads
        self._last_key = ""
        self._row_targets = {}
        self._column_cells.clear()
        self._bold_groups = _bold_groups(raw.rows) if len(raw.header.cells) > 1 else frozenset()
        for r in raw.rows:
            row = self._row(r, header, plan, section_id, seen)
            if plan.legend and row.kind == "data":
                row = row.model_copy(update={"kind": "legend"})
            rows.append(row)
        if not rows:
            self.diagnostics.append(_diag("MX009", "table has no body rows", raw.line))
        return Table.trusted(
            line=raw.line,
            columns=tuple(plan.columns),
            rows=tuple(rows),
            recovered=raw.recovered,
            orientation=plan.orientation,
        )

    def sections(self) -> list[Section]:
        out: list[Section] = []
        current: Heading | None = None
        title = ""
        notes: list[Note] = []
        tables: list[Table] = []
        prose: list[Prose] = []
        rows_seen: dict[str, int] = {}
        section_id = ""
        table_index = 0

        def close() -> None:
            if current is None and not (notes or tables or prose):
                return
            if current is None:  # the preamble's id "" is taken: an empty-slug heading gets "-1"
                self.section_ids.setdefault("", 0)
            out.append(
                Section.trusted(
                    id=section_id,
                    title=title,
                    level=current.level if current else 0,
                    line=current.line if current else 1,
                    notes=tuple(notes),
                    tables=tuple(tables),
                    prose=tuple(prose),
                )
            )

        for block in self.doc.blocks:
            if isinstance(block, Heading):
                close()
                current, notes, tables, prose, rows_seen = block, [], [], [], {}
                title, anchor = _heading(block.text)
                section_id = unique_slug(anchor or slugify(title), self.section_ids)
            elif isinstance(block, RawTable):
                self._subject = title if table_index in self.keyless else ""
                if self._subject:
                    message = (
                        "a one-row table with no key column (its first cell a verdict as "
                        f"the others are): its row is {title[:40]!r}, "
                        "the heading's"
                    )
                    self.diagnostics.append(_diag("MX021", message, block.line, "info"))
                tables.append(self._table(table_index, block, section_id, rows_seen))
                table_index += 1
            elif isinstance(block, Callout):
                notes.append(
                    Note.trusted(
                        kind=block.kind,
                        text=block.text,
                        line=block.line,
                        raw=block.raw,
                        target=block.target,
                    )
                )
            elif isinstance(block, RawProse):
                prose.append(Prose.trusted(line=block.line, markdown=block.markdown))
        close()
        return out

    def scenarios(self) -> tuple[Scenario, ...]:
        if not self.found:
            return (DEFAULT_SCENARIO,)
        return tuple(
            Scenario.trusted(
                id=f.id,
                label=inline_text(f.label),
                aliases=tuple(sorted(self.aliases[f.id] - {inline_text(f.label)})),
                line=f.line,
            )
            for f in self.found
        )


Words = tuple[str, ...]  # a label as `sc.words` reads it


def _row_name(row: RawRow) -> str:
    """The name a row's key cell gives, as `_row` reads it: its first line, footnotes gone."""
    if not row.cells:
        return ""
    raw = row.cells[0]
    head = split_breaks(raw)[0] if "<" in raw else raw
    return inline_text(split_footnotes(head)[0])


def _clashing(expand: dict[str, tuple[str, ...]], labels: Iterable[str]) -> frozenset[Words]:
    """The names (as words) that labels share without their qualifiers: "Linux (ARM64)" and
    "Linux", "Windows (x64)" and "Windows (ARM64)", in either order. Each such label is a
    target in full. The same label twice is no clash (it names one target twice, MX018)."""
    spellings: dict[Words, set[Words]] = {}
    for label in labels:
        if label:
            spellings.setdefault(sc.words(_unqualified(label), expand), set()).add(
                sc.words(label, expand)
            )
    return frozenset(name for name, whole in spellings.items() if len(whole) > 1)


def _unqualified(label: str) -> str:
    """A label without a trailing parenthetical qualifier ('Amazon S3 (or S3 compatible)');
    '(with/without VMM)' names alternatives and stays."""
    if not label.endswith(")") or label.count("(") != 1 or label.count(")") != 1:
        return label
    at = label.index("(")
    name = label[:at].strip()
    inside = label[at + 1 : -1]
    if not name or re.match(r"^[A-Za-z]+/[A-Za-z]+\b", inside):
        return label
    return name


# A paragraph that is only bold text ("**CentOS**", trailing spaces allowed), as documents converted
# from DocBook caption their tables.
_CAPTION = re.compile(r"\s*(\*\*|__)(?P<text>[^*_\n]{1,120}?)\1[ \t]*")
_NOT_CAPTIONS = frozenset({"note", "important", "warning", "tip", "caution"})


def _captioned(doc: Document) -> Document:
    """A table's caption, a paragraph of bold text right before it, read as a heading one level
    below the last: AWS's supported-OS pages caption each distribution's table ("**CentOS**",
    "**Red Hat Enterprise Linux (RHEL)**") under one "Linux" heading, and each has a "6.x" row;
    as sections of their own their rows are `centos/6x` and `red-hat-enterprise-linux-rhel/6x`,
    not `linux/6x` and `linux/6x-1`, and findings say which. Only where every table under the
    heading is captioned (else a caption's section would take in the next, uncaptioned table),
    below level 6, and never under a title a heading of the document has (its anchor stays)."""
    blocks = doc.blocks
    if not any(
        isinstance(b, RawProse)
        and b.markdown.lstrip()[:2] in ("**", "__")
        and isinstance(n, RawTable)
        for b, n in itertools.pairwise(blocks)
    ):
        return doc
    titles = {slugify(_heading(b.text)[0]) for b in blocks if isinstance(b, Heading)}
    captions: dict[int, str] = {}  # block index -> its caption's title
    regions: list[list[int]] = [[]]  # the tables under each heading: their block indices
    levels = [1]
    for n, block in enumerate(blocks):
        if isinstance(block, Heading):
            regions.append([])
            levels.append(block.level)
        elif isinstance(block, RawTable):
            regions[-1].append(n)
            before = blocks[n - 1] if n else None
            if isinstance(before, RawProse) and (m := _CAPTION.fullmatch(before.markdown)):
                title = inline_text(m["text"])
                bare = title.rstrip(":").strip().lower()
                if title and bare not in _NOT_CAPTIONS and slugify(title) not in titles:
                    captions[n - 1] = title
    wanted: dict[int, int] = {}  # caption block index -> its heading level
    for tables, level in zip(regions, levels, strict=True):
        if tables and level < 6 and all(t - 1 in captions for t in tables):
            wanted.update((t - 1, level + 1) for t in tables)
    if not wanted:
        return doc
    out = [
        Heading(line=b.line, level=wanted[n], text=captions[n]) if n in wanted else b
        for n, b in enumerate(blocks)
    ]
    return replace(doc, blocks=tuple(out))


_FLAGS = frozenset({"true", "false", "enabled", "disabled", "on", "off"})  # settings' values
# The header of a first column that only says which rows are supported ("Supported | Version …").
_STATUS_FIRST = frozenset({"supported", "support", "status", "support status", "supported?"})


def _status_column_first(table: RawTable) -> bool:
    """Is the first column a status beside the rows' names, not their key? ingress-nginx's
    "Supported | Ingress-NGINX version | …" marks current releases "🔄" and leaves the rest
    blank: keyed by that column, every row's id was a position ("u1f504-2"), shifting with
    each release added on top. The second column names the rows: nearly all its cells filled
    and distinct; the first holds at most three short values."""
    header = table.header.cells
    if len(header) < 3 or inline_text(header[0]).lower().strip(" :") not in _STATUS_FIRST:
        return False
    second = inline_text(header[1])
    if _role_of(second) is not None or _BOUND_OPENING.match(second) or not table.rows:
        return False  # a bound names no row: kubernetes-csi's "Status | Min K8s Version | …"
    if any(len(r.cells) < 2 for r in table.rows):
        return False
    firsts = {c for r in table.rows if (c := inline_text(r.cells[0]))}
    if len(firsts) > 3 or any(len(c) > 12 for c in firsts):
        return False
    names = [inline_text(r.cells[1]) for r in table.rows]
    filled = [n for n in names if n]
    return len(filled) * 10 >= len(names) * 9 and len(set(filled)) * 10 >= len(filled) * 9


def _swap(row: RawRow) -> RawRow:
    return RawRow(row.line, (row.cells[1], row.cells[0], *row.cells[2:]))


def _is_keyless(table: RawTable) -> bool:
    """A one-row table with no key column: every header a target and every cell a verdict
    (Radon IDE's "| 0.72 | 0.73 | … |" over "| <No/> | <Yes/> | … |", a README's "| 3.9 | 3.10 |"
    over "| ✓ | ✓ |", k6's "| SHA-1 | SHA-256 | … |" over "| ✅ | ✅ | … |"). Read as it is, its
    first column would be the key, the first target's verdict the row's name and no verdict of
    that target's. A key column's cell names its row, and is no verdict. (The verdicts are the
    default vocabulary's: a legend's own marks are not known yet when this is decided.)"""
    headers = table.header.cells
    if len(table.rows) != 1 or len(headers) < 2 or len(table.rows[0].cells) != len(headers):
        return False
    if not all(inline_text(split_footnotes(h)[0]) for h in headers):
        return False
    first = inline_text(split_footnotes(headers[0])[0]).lower().strip(" :")
    if first in _ROW_TARGETS or first in _ROW_THINGS or first in _STATUS_FIRST or _role_of(first):
        return False  # a key's header names what its rows are ("Channel | Linux" over "Stable")
    for n, cell in enumerate(table.rows[0].cells):
        text = _plain(cell)
        verdict = vc.DEFAULT.read(text.split("\n", 1)[0]) if text else None
        if verdict is None or (n == 0 and (verdict.stage is not None or text.lower() in _FLAGS)):
            # a row named by its stage ("Channel | Linux" over "Stable | ✅"), or a setting's
            # value ("Enabled | Required" over "true | false")
            return False
    return True


def _keyless(doc: Document) -> tuple[Document, frozenset[int]]:
    """The document with an empty key column before each keyless table's first (`_is_keyless`),
    and those tables' ordinals: the builder names their row after the heading over it (MX021),
    and every version is a target. A table under no heading has no name to give its row: it is
    read as written."""
    return _rewritten(doc, lambda table, titled: titled and _is_keyless(table), _key_column)


def _key_column(table: RawTable) -> RawTable:
    return replace(
        table,
        header=_keyed(table.header, ""),
        delimiter=_keyed(table.delimiter, "---"),
        rows=tuple(_keyed(r, "") for r in table.rows),
    )


def _keyed(row: RawRow, first: str) -> RawRow:
    return RawRow(row.line, (first, *row.cells))


def _status_first(doc: Document) -> tuple[Document, frozenset[int]]:
    """The document with each status-first table's first two columns swapped (so the builder
    reads its key where it always does), and the ordinals of those tables (`_unswapped` puts
    the columns back as written)."""
    return _rewritten(doc, lambda table, _: _status_column_first(table), _swapped)


def _swapped(table: RawTable) -> RawTable:
    return replace(
        table,
        header=_swap(table.header),
        delimiter=_swap(table.delimiter),
        rows=tuple(map(_swap, table.rows)),
    )


def _rewritten(
    doc: Document,
    pick: Callable[[RawTable, bool], bool],
    rewrite: Callable[[RawTable], RawTable],
) -> tuple[Document, frozenset[int]]:
    """The document with each table `pick` chooses rewritten, and those tables' ordinals (the
    builder's `table_index`); `pick` is told whether a heading with a title is above it."""
    out: list[Any] = []
    chosen: set[int] = set()
    n = 0
    titled = False
    for block in doc.blocks:
        if isinstance(block, Heading):
            titled = bool(_heading(block.text)[0])
        elif isinstance(block, RawTable):
            if pick(block, titled):
                chosen.add(n)
                block = rewrite(block)  # noqa: PLW2901 - the table as the builder reads it
            n += 1
        out.append(block)
    if not chosen:
        return doc, frozenset()
    return replace(doc, blocks=tuple(out)), frozenset(chosen)


def _unswapped(sections: list[Section], swapped: frozenset[int]) -> list[Section]:
    """The sections with the swapped tables' columns in the document's order again: the key
    column second, each cell and row note at its own column."""
    out = []
    n = 0
    for section in sections:
        tables = []
        for table in section.tables:
            tables.append(_unswap(table) if n in swapped else table)
            n += 1
        out.append(section.model_copy(update={"tables": tuple(tables)}) if tables else section)
    return out


def _at(column: int | None) -> int | None:
    """A column's place before the swap of the first two."""
    return {0: 1, 1: 0}.get(column, column) if column is not None else None


def _unswap(table: Table) -> Table:
    rows = []
    for row in table.rows:
        cells = sorted(
            (c.model_copy(update={"column": _at(c.column)}) for c in row.cells),
            key=lambda c: c.column,
        )
        notes = tuple(
            n.model_copy(update={"column": _at(n.column)}) if n.column is not None else n
            for n in row.notes
        )
        rows.append(row.model_copy(update={"cells": tuple(cells), "notes": notes}))
    columns = (table.columns[1], table.columns[0], *table.columns[2:])
    return table.model_copy(update={"columns": columns, "rows": tuple(rows)})


def _heading(text: str) -> tuple[str, str | None]:
    """A heading's title and its Hugo-style explicit id ('Caveats {#restricted-filenames}')."""
    m = _HUGO_ID.search(text) if "{#" in text else None
    if m is None:
        return text, None
    return text[: m.start()].rstrip(), m.group(1)


# A header naming a point in time: its cells are dates and lifecycle events ("EOL since
# 2025-12-18"), which read as stages, but a date is no target ("Supported Until", "Release Date").
_TIME_HEADER = re.compile(
    r"\b(?:until|dates?|since|deadline|expir(?:y|es|ation)|eol|timeline|"
    r"end[\s-]+of[\s-]+(?:life|support|service|(?:standard|extended|mainstream)\s+support)|"
    r"retire(?:d|ment)|released?\s+on|(?:initial|first|latest)\s+release)\b"
    # "Active LTS Start", "Maintenance end": when a phase starts or ends
    r"|\b(?:starts?|ends?|began|begins?)$"
)


def _versions_cell(text: str, plural: bool, role: Role) -> _cells.Reading | None:
    """`read_versions` of a cell under a header of versions; a requirement's dash lists none
    ("Supported Kubernetes Versions | -" of an upcoming release), where a target's says no."""
    listed = _cells.read_versions(text, plural)
    if listed is None and role == "requirement" and text in _DASHES:
        return _LISTS_NONE
    return listed


def _against(low: str) -> bool:
    """Does a lower-case header say its cells list what is not supported or what a flaw
    touches (`_AGAINST_HEADER`)? Not in an aside: "Status (supported or unsupported)" is no
    list of what is not."""
    return (
        "not" in low
        or "unsupported" in low
        or "incompatible" in low
        or "affected" in low
        or "vulnerable" in low
    ) and _AGAINST_HEADER.search(_ASIDE.sub("", low)) is not None


def _support_header(low: str, words: list[str]) -> Role | None:
    """The role of a header that says what a row supports: "Currently Supported", "Actively
    maintained" and "Support statement" hold its verdict; "Supported Kubernetes Versions" what
    it needs (no target of that name where its cells are all "-"); "Tested, but not supported"
    lists what is not allowed, no limit."""
    if _against(low):
        return "details"
    if len(words) == 2 and (
        (words[1] in _SUPPORT_STATES and words[0] in _NOW_WORDS)
        or (words[0] == "support" and words[1] in _SUPPORT_WHAT)
    ):
        return "requirement"
    if len(words) > 2 and words[0] in _SUPPORTING and words[-1] in _RELEASE_NOUNS:
        return "requirement"
    return None


@lru_cache(maxsize=4096)
def _role_of(label: str) -> Role | None:
    low = label.lower().rstrip(":").strip()
    # whether a row must be given (cluster-api's "Rule | Mandatory | Note", a reference's
    # "Parameter | Required | Description"): its Yes and No say required or optional, not
    # supported, as in a table of parameters (`_is_parameter_table`); never a target
    named = _ROLE_WORDS.get(low) or ("details" if low in _REQUIRED_HEADERS else None)
    if named is not None:
        return named
    words = low.split()
    if len(words) > 1 and words[-1] in _ROLE_LAST_WORDS:
        return _ROLE_LAST_WORDS[words[-1]]
    if (said := _support_header(low, words)) is not None:
        return said
    if _TIME_HEADER.search(low) and ("(" not in low or _TIME_HEADER.search(_ASIDE.sub("", low))):
        return "details"  # not in an aside: "Indirectly connected (Retired)" is a target
    # "Can skip multiple minors?": a question each row answers, no target, unless it asks what
    # a verdict says (velero's "Velero | Plugin | Compatible?" over 🚫 and ✅); "Tested on
    # Kubernetes version", "Recommended": what was run or advised, not a limit
    if (low.endswith("?") and not _SUPPORT_QUESTION.match(low)) or (
        words and words[0] in _NOT_LIMITS and (len(words) == 1 or words[-1] in _LIMIT_NOUNS)
    ):
        return "details"
    return None


def _cell_bound(
    by_label: Literal["min", "max", "requirement"] | None, label: str, key: str, text: str
) -> _cells.Bound:
    """`_bound` of a cell: a bound the key alone gives ("RAM", "CPU cores": a minimum) bounds
    sizes and counts, never a version ("In-memory Sample Mock Driver | v0.3.0"). Under a header
    that bounds nothing (a target's), the key's own word does: "Maximum file size | 4 TiB"."""
    if by_label is None:
        return _key_bound(key)
    if by_label != "requirement":
        return by_label
    bound = _bound(label, key)
    return None if bound is not None and _BARE_VERSION.fullmatch(text) else bound


@lru_cache(maxsize=16384)
def _bound(label: str, key: str) -> _cells.Bound:
    """What a bare number in this column means: a Limit header is a maximum, a Minimum header or a
    hardware requirement ("CPU cores | 8") a minimum; otherwise it is only a quantity."""
    by_label = _label_bound(label)
    if by_label == "requirement":
        if (bound := _key_bound(key)) is not None:  # "Maximum file size | 4 TiB", "Minimum RAM"
            return bound
        return "min" if _HARDWARE.search(key) else None
    return by_label


def _key_bound(key: str) -> _cells.Bound:
    """The bound a key's first word names ("Maximum …", "Min. …"), or its limit of something
    (Azure Arc's service tiers: "CPU limit/instance | Unlimited | 24 cores"), if any."""
    if not _KEY_BOUND.match(key):
        return "max" if "imit" in key and _KEY_LIMIT.search(key) else None
    return "min" if key[:3].lower() == "min" else "max"


# A footnote's `<sup>` inside a key, after a word and before a break: "Maximum object name
# length<sup>3</sup> (full pathname …)" (a unit's "m<sup>2</sup>" follows one letter; a
# "km<sup>2</sup>" is a footnote only where the document defines one: `_key_footnotes`).
_KEY_SUP = re.compile(r"[^\W\d_]{2}<sup>\s*\d+(?:\s*,\s*\d+)*\s*</sup>(?=[\s,.;:)])", re.IGNORECASE)
# The space a marker left before a closing bracket or a stop: "(km )" of "(km<sup>2</sup>)".
_MARK_GAP = re.compile(r"(?<=\S) +(?=[),.;:])")


# A key that says which bound its row's number is: "Maximum file size", "Max. disks", "Minimum
# RAM" (beside "Size | Limit"-less headers such as "Resource | Value").
_KEY_BOUND = re.compile(r"(?:maximum|max\.?|minimum|min\.?)\s", re.IGNORECASE)
_ASIDE = re.compile(r"\([^()]*\)")  # a header's words in parentheses
# ... or a limit per something: "CPU limit/instance", "Limit per subscription" (not a setting's
# name: Velero's "Memory limit | 512Mi" is a pod's default, `otel.span.attribute.count.limit`
# a property's).
_KEY_LIMIT = re.compile(r"\blimits?\s*(?:/|per\b|of\b)", re.IGNORECASE)


def _plain(cell: str) -> str:
    """A raw cell's plain text without its footnote markers: what its verdict is read from."""
    return to_text(split_footnotes(cell)[0])


def _read(
    text: str, label: str, by_label: str | None, vocab: vc.Vocabulary, bound: _cells.Bound
) -> _cells.Reading:
    """A cell's reading in its column (`by_label`: `_label_bound(label)`): a list of versions
    where the header says versions and sets no minimum or maximum, a version bound where it
    sets one (`_header_bound`), else `read_cell`'s."""
    if by_label == "min" or by_label == "max":  # noqa: PLR1714 - the Literal narrows
        listed = _header_bound(by_label, label, text)
    else:
        versions = _versions_column(label)
        listed = None if versions is None else _cells.read_versions(text, versions)
    return listed or _cells.read_cell(text, vocab, bound)


def _readings(
    table: RawTable, j: int, label: str, vocab: vc.Vocabulary
) -> Iterator[_cells.Reading]:
    """The readings of column j's non-blank cells, as the plan weighs a column: with its
    header's bound, and no key to ask (`_bound`)."""
    by_label = _label_bound(label)
    bound = None if by_label == "requirement" else by_label
    for text in _texts(table, j):
        yield _read(text, label, by_label, vocab, bound)


def _texts(table: RawTable, j: int) -> list[str]:
    """The plain text of column j's non-blank cells, top down (a short row has none there)."""
    return [text for r in table.rows if j < len(r.cells) and (text := _plain(r.cells[j]))]


# A version alone, as a column of version bounds holds it: "1.58", "v1.0.0", "16".
_BOUND_VERSION = re.compile(r"v?(\d+(?:\.\d+)*)")


@lru_cache(maxsize=4096)
def _header_bound(by_label: Literal["min", "max"], label: str, text: str) -> _cells.Reading | None:
    """A version alone under a header of version floors or ceilings ("Last supported agent
    version | 1.58", "Minimum version | 16") is that bound; under any other Minimum or Limit
    header a number stays a count ("Maximum | 2.0"). None: read the cell as any other."""
    words = label.lower().split()
    if not words or words[-1] not in ("version", "versions") or "number" in words:
        return None  # "Maximum number of versions | 16" counts versions
    if (m := _BOUND_VERSION.fullmatch(text)) is None:
        return None
    if by_label == "min":
        limit = Constraint.trusted(kind="min_version", text=text, version=m[1])
    else:
        limit = Constraint.trusted(kind="max_version", text=text, max_version=m[1])
    return _cells.Reading(None, (limit,), None)


@lru_cache(maxsize=4096)
def _versions_column(label: str) -> bool | None:
    """Does a header say its column holds versions: None no, else whether it says so in the
    plural ("Versions", "Version(s)") rather than of one ("Kubernetes client-go Version")."""
    m = _VERSIONS_HEADER.search(label)
    return None if m is None else m[0].lower() != "version"


def _checkable(c: Constraint) -> bool:
    """A limit a configuration's value is compared with (a quantity alone states none)."""
    if c.kind in ("min_version", "max_version", "version_range", "length", "charset", "affix"):
        return True
    if c.kind == "allowed_values":
        return bool(c.values)
    return c.minimum is not None or c.maximum is not None


def _platforms(
    labels: list[str], roles: list[Role | None], hits: list[tuple[sc.Found, ...]]
) -> list[list[int]]:
    """Every column after the key, as one group of targets, in a table whose corner header is
    empty and whose other headers are short names with no role and no word of versions: Flutter
    plugins' "| | Android | iOS | Linux | macOS |" over "| **Support** | SDK 24+ | 13.0+ | Any |"
    (`_targets_share` decides). A named corner ("OpenTelemetry Operator | Kubernetes |
    Cert-Manager") says the rows are releases and the columns what each needs."""
    group = list(range(1, len(labels)))
    if (
        labels[0]
        or len(group) < 2
        or any(
            roles[i] is not None
            or hits[i]
            or not labels[i]
            or len(labels[i].split()) > 3
            or _VERSIONS_HEADER.search(labels[i])
            for i in group
        )
    ):
        return []
    return [group]


def _tier_columns(
    labels: list[str],
    roles: list[Role | None],
    hits: list[tuple[sc.Found, ...]],
    taken: list[bool],
) -> list[int]:
    """The columns after the key that could be tiers or editions side by side ("Basic |
    Standard | Premium", "Free | Pro | Enterprise"): two or more short headers with no role, no
    scenario named and no group of their own yet (`_tiers_share` decides from the cells)."""
    group = [
        i
        for i in range(1, len(labels))
        if roles[i] is None and not hits[i] and not taken[i] and labels[i]
    ]
    if len(group) < 2 or any(len(labels[i].split()) > 6 for i in group):
        return []
    return group


_NUMBERED = re.compile(r"\d+(?:\.\d+)*(?:\.[xX*])?")
_LETTER = re.compile(r"[^\W\d_]")


def _siblings(labels: list[str], roles: list[Role | None]) -> list[list[int]]:
    """Groups of two or more columns whose headers differ only in a version number ("RDS for
    PostgreSQL 15", "RDS for PostgreSQL 14"), none with a role of its own: what such headers
    name is one product's releases, side by side."""
    groups: dict[str, list[int]] = {}
    for i in range(1, len(labels)):
        if roles[i] is not None:
            continue
        label = labels[i]
        shape = _NUMBERED.sub("#", label)
        if shape != label and _LETTER.search(shape):
            groups.setdefault(shape, []).append(i)
    return [g for g in groups.values() if len(g) > 1 and len({labels[i] for i in g}) == len(g)]


def _split_siblings(firsts: list[str], rests: list[list[str]], labels: list[str]) -> None:
    """Headers that share their first line and differ after a break name different targets:
    cibuildwheel's "manylinux<br/>musllinux x86_64" and "manylinux<br/>musllinux i686" are two
    platforms, not two spellings of "manylinux" (whose columns would then speak for one
    scenario, a later one's verdict taken for all). Such a header is named in full, its lines
    its aliases."""
    seen: dict[str, int] = {}
    for i in range(1, len(firsts)):
        if rests[i]:
            seen[firsts[i]] = seen.get(firsts[i], 0) + 1
    for i in range(1, len(firsts)):
        if rests[i] and seen[firsts[i]] > 1:
            # its lines as aliases: "musllinux x86_64", and "manylinux x86_64" (the first line
            # with what the last adds after its own first word)
            last = rests[i][-1]
            tail = last.split(" ", 1)[1] if " " in last else ""
            aliases = [" ".join(rests[i])] + ([f"{firsts[i]} {tail}"] if tail else [])
            firsts[i], rests[i] = labels[i], aliases


@lru_cache(maxsize=4096)
def _label_bound(label: str) -> Literal["min", "max", "requirement"] | None:
    """The part of `_bound` a column's header decides alone (once per header, not per cell)."""
    if _MIN_HEADER.search(label):
        return "min"
    if _MAX_HEADER.search(label):
        return "max"
    if _role_of(label) == "requirement":
        return "requirement"
    return None


def _row_slug(key: str, texts: Sequence[str]) -> str:
    """A row's id within its section: the key's slug; for a key of symbols ('.', '..', '🟦') the
    code points, so ids stay unique and stable; for an empty key, the first cell with text."""
    slug = slugify(key)
    if slug:
        return slug
    if key:
        return "-".join(f"u{ord(c):04x}" for c in key if not c.isspace())[:80]
    other = next((t for t in texts[1:] if t), "")
    tail = slugify(other.split("\n", 1)[0])[:40].strip("-")
    return f"row-{tail}" if tail else "row"


def _is_legend_table(table: RawTable) -> bool:
    headers = [vc.normalize(inline_text(h)) for h in table.header.cells]
    return len(headers) == 2 and headers[0] in _LEGEND_KEYS and headers[1] in _LEGEND_TEXTS


def _glossary(items: list[tuple[int, str, str]], base: vc.Vocabulary) -> bool:
    """Does a list not introduced as a legend say what values do, not what marks mean? Each of
    its terms is a word, not a mark or a code ("✓", "R", "GA"), and none of its explanations
    speaks of support or opens with a verdict: kubevirt's "`vga`: Standard VGA-compatible
    device", PowerShell's "SilentlyContinue: No effect", whose words ("compatible", "no") were
    verdicts of every cell holding the value."""
    return all(_WORD_TERM.fullmatch(sym) for _, sym, _ in items) and not any(
        _SAYS_SUPPORT.search(text) or base.read(text.strip()) is not None for _, _, text in items
    )


def _legend_items(block: RawProse) -> list[tuple[int, str, str]]:
    """(line, symbol, explanation) of a list whose every item opens with a symbol."""
    items: list[list[Any]] = []
    for i, line in enumerate(block.markdown.split("\n")):
        if len(line) > 2000:
            return []
        m = _LEGEND_ITEM.match(line)
        if m is not None:
            sym = m["sym"]
            if sym.startswith(("__", "**")) and not m["colon"]:
                return []
            items.append([block.line + i, inline_text(sym.strip("`")) or sym, m["text"]])
        elif items and line.startswith((" ", "\t")) and line.strip():
            items[-1][2] += " " + line.strip()
        elif line.strip():
            return []
    return [(ln, sym, inline_text(text)) for ln, sym, text in items]


# A table of a tool's parameters, options or fields: a Required column ("Yes" is required, "No"
# optional) beside what documents a parameter (its default, type or allowed values). Its rows are
# settings, not things supported; read as a support matrix, every "No" was "not supported" and,
# under a "Name" key, every parameter a target.
_REQUIRED_HEADERS = frozenset(
    {"required", "mandatory", "optional", "is required", "required?"}
    | {"必填", "必选", "是否必填", "必須", "可选", "是否可选", "选填", "任意"}
)
_PARAMETER_HEADERS = frozenset(
    {
        "default",
        "default value",
        "defaults",
        "type",
        "data type",
        "value type",
        "allowed values",
        "available values",
        "accepted values",
        "possible values",
        "valid values",
        # ... in Chinese and Japanese (Ant Design's "参数 | 说明 | 类型 | 默认值 | 版本")
        *("默认值", "默认", "类型", "数据类型", "可选值", "既定値", "デフォルト値", "型"),
    }
)


# ... or, with no Required column, both a parameter's type and its default: an API reference
# ("Property | Description | Type | Default | Version", Helm charts' "Key | Type | Default |
# Description"), whose "-" defaults and "×" are no verdicts and whose names are no targets.
_TYPE_HEADERS = frozenset({"type", "data type", "value type", "类型", "数据类型", "型"})
# What a parameter may be set to, beside its default (the AWS EBS CSI driver's "Parameters |
# Values | Default | Description"): as a Type column, it makes the table a reference.
_VALUES_HEADERS = frozenset(
    {"values", "allowed values", "available values", "accepted values", "possible values"}
    | {"valid values", "可选值"}
)
_DEFAULT_HEADERS = frozenset(
    {"default", "default value", "defaults", "默认值", "默认", "既定値", "デフォルト値"}
)


def _header_name(label: str) -> str:
    """A header as `_is_parameter_table` compares it: plain text, lower case, no colon."""
    return inline_text(split_footnotes(label)[0]).lower().strip(" :")


def _yes_means_other(label: str) -> bool:
    """Does a header make its Yes and No say something else than supported: required or
    optional (cluster-api's "Rule | Mandatory | Note"), on from the start (Azure Container
    Registry's "Trigger | Enabled by default", KubeVirt's "Default state")? Such a column is
    never the one a table with no target states its verdicts in. (A plain "Default" is a
    value: see `_requirement_column`.)"""
    low = _header_name(label)
    return (
        low in _REQUIRED_HEADERS
        or (_ROLE_WORDS.get(low) == "details" and low.startswith("default ") and "value" not in low)
        or low.endswith(" by default")
    )


def _is_parameter_table(headers: tuple[str, ...]) -> bool:
    names = {_header_name(h) for h in headers[1:]}
    if names & _REQUIRED_HEADERS:
        return bool(names & _PARAMETER_HEADERS)
    return bool(names & (_TYPE_HEADERS | _VALUES_HEADERS)) and bool(names & _DEFAULT_HEADERS)


# A second column that names a row's variant: "OS | Version", "Distribution | Release".
_SUBKEY_HEADER = re.compile(
    r"(?:os |distribution |product )?(?:versions?|releases?|editions?|builds?)"
)


def _product_noun(key_label: str) -> str | None:
    """The product a corner header names over columns of its versions ("Kubernetes" over
    "1.30 | 1.31"); None where it names what the rows are ("Feature", "Component", "Name")."""
    words = key_label.strip(_ARROWS).split()
    if not 1 <= len(words) <= 3 or "/" in key_label or _VERSIONISH.search(key_label):
        return None
    if any(w.lower() in _ROW_THINGS or w.lower() in _ROW_TARGETS for w in words):
        return None
    return " ".join(words)


def _keys_repeat(table: RawTable) -> bool:
    """Does a name in the key column repeat, or is one blank (a rowspan, written out)?"""
    keys = [inline_text(r.cells[0]) if r.cells else "" for r in table.rows]
    return "" in keys or len(set(keys)) < len(keys)


def _told_apart(table: RawTable) -> frozenset[str] | None:
    """The names shared by rows (a blank name being the one above's) when the second column's
    cells tell those rows apart, else None. Then that column is their sub-key (containerd's
    "Property Group | Property", a kernel table's "Release | Mobility service version") and
    their ids say both: suffixes by order would rename every such row below a new one, and a
    diff would see them all change. A row whose name is its own keeps the name's id."""
    pairs: list[tuple[str, str]] = []
    key = ""
    for r in table.rows:
        cells = [inline_text(c) for c in r.cells[:2]]
        if not any(cells):
            continue  # a spacer row
        key = cells[0] or key
        pairs.append((key, cells[1].split("\n", 1)[0] if len(cells) > 1 else ""))
    names = Counter(k for k, _ in pairs)
    shared = [(k, sub) for k, sub in pairs if names[k] > 1]
    if any(not sub for _, sub in shared) or len(set(shared)) < len(shared):
        return None
    return frozenset(k for k, _ in shared)


# A row drawn as a rule with a group's name in it: "| --- | **Only for NFS** | --- |".
_RULE_OPENINGS = frozenset({"---", "———", "–––", "___", "***"})
_BOLD_CELL = re.compile(r"(\*\*|__)(?=\S)(?:(?!\1).)+(?<=\S)\1")  # "**Hardware**", all of it


def _bold_groups(rows: Sequence[RawRow]) -> frozenset[int]:
    """The lines of a table's rows that name a group: a bold key, every other cell blank, over
    a row whose key is not bold ("| **Operating System** | | |" over "| Kernel version | …"),
    in a table where most keys are not bold. Where every key is bold, or one bold row follows
    another, a bold row with blank cells is a row whose marks are missing ("| **Tests** | | |")."""
    bold = [bool(r.cells) and _BOLD_CELL.fullmatch(r.cells[0].strip()) is not None for r in rows]
    if sum(bold) * 2 > len(rows):
        return frozenset()
    return frozenset(
        r.line
        for i, r in enumerate(rows)
        if bold[i]
        and not any(c.strip() for c in r.cells[1:])
        and i + 1 < len(rows)
        and not bold[i + 1]
    )


_RULE_CELL = re.compile(r"[-–—_*]{3,}")


def _ruled_label(texts: list[str]) -> str | None:
    """The group name of a row whose every cell but one is a rule (`---`) or empty, its key
    cell a rule; None for any other row. A lone `-` is a verdict in many tables, never a rule."""
    labels = [t for t in texts if t and not _RULE_CELL.fullmatch(t)]
    return labels[0] if len(labels) == 1 and len(texts) > 2 else None


# A legend on one line: "✅ Released | 🚧 Coming Soon | ❌ Not Supported" (or apart by · or •).
_INLINE_LEGEND_SPLIT = re.compile(r"\s*[|·•]\s*")
_INLINE_LEGEND_ITEM = re.compile(
    r"(?P<sym>[^\sA-Za-z0-9]{1,4})\s*(?:[:=–-]\s*)?(?P<text>[A-Za-z].{0,60})"
)


def _inline_legend_items(block: RawProse) -> list[tuple[int, str, str]]:
    """(line, symbol, explanation) of a one-line legend: two or more symbols each followed
    by its meaning, and nothing else in the block."""
    markdown = block.markdown
    if len(markdown) > 400 or not any(c in markdown for c in "|·•"):
        return []
    pieces = _INLINE_LEGEND_SPLIT.split(inline_text(" ".join(markdown.split("\n"))).strip())
    items = [_INLINE_LEGEND_ITEM.fullmatch(p) for p in pieces if p]
    if len(items) < 2 or any(m is None for m in items):
        return []
    return [(block.line, m["sym"], m["text"].strip()) for m in items if m is not None]


# A legend in parentheses, closing a paragraph: after a table's title ("**Base features** (✅ =
# YES, ❌ = No/Not yet, 🆗 = Must compile first)", intellij-ocaml's README) or alone ("*(✅ = full
# access, ❌ = forbidden)*"). Its pairs are apart by commas or semicolons.
_PAREN_LEGEND = re.compile(r"(?P<title>[^()]{0,200}?)\s*\((?P<pairs>[^()]{3,400})\)\s*[.:]?")
_PAREN_LEGEND_SPLIT = re.compile(r"\s*[,;]\s*")
_PAREN_LEGEND_ITEM = re.compile(
    r"(?P<sym>[^\sA-Za-z0-9=:,;]{1,4}|[A-Z]{1,2})\s*[=:]\s*(?P<text>[A-Za-z].{0,60})"
)


def _prose_legend_items(block: RawProse) -> tuple[list[tuple[int, str, str]], bool]:
    """(line, symbol, explanation) of a legend in prose, of any spelling, and whether a title
    stands before it (only a parenthesised legend has one)."""
    items = _legend_items(block) or _inline_legend_items(block)
    return (items, False) if items else _paren_legend_items(block)


def _paren_legend_items(block: RawProse) -> tuple[list[tuple[int, str, str]], bool]:
    """(line, symbol, explanation) of a parenthesised legend of two or more `symbol = meaning`
    pairs closing its block, and whether a bold title stands before it."""
    markdown = block.markdown
    if len(markdown) > 600 or ")" not in markdown[-6:] or "(" not in markdown:
        return [], False
    m = _PAREN_LEGEND.fullmatch(inline_text(" ".join(markdown.split("\n"))))
    if m is None:
        return [], False
    pieces = _PAREN_LEGEND_SPLIT.split(m["pairs"].strip())
    items = [_PAREN_LEGEND_ITEM.fullmatch(p) for p in pieces if p]
    if len(items) < 2 or any(i is None for i in items):
        return [], False
    pairs = [(block.line, i["sym"], i["text"].strip()) for i in items if i is not None]
    # a title in bold, as a table's caption ("**Build Systems** (✅ = …)"): not any words
    # before the parentheses ("Support by platform (✅ = …)" is about every table after it)
    return pairs, bool(m["title"].strip()) and markdown.lstrip()[:2] in ("**", "__")


def _balanced(label: str) -> str:
    """A header as an alias, without the stray bracket some documents leave ('… VMM)')."""
    while label.endswith(")") and label.count(")") > label.count("("):
        label = label[:-1].rstrip()
    while label.startswith("(") and label.count("(") > label.count(")"):
        label = label[1:].lstrip()
    return label


def _key_text(raw: str) -> str:
    for piece in split_breaks(raw):
        text = to_text(piece)
        if text:
            return text
    return ""


@compiling
def build(doc: Document, *, path: str, data: bytes, settings: Settings | None = None) -> Matrix:
    """The canonical model of a parsed document; `path` and `data` identify its source,
    `settings` are the project's for it (the document's front matter adds its own)."""
    if not any(isinstance(b, RawTable) for b in doc.blocks):
        raise InputError("no tables: this is not a support matrix")
    doc = _captioned(doc)
    doc, keyless = _keyless(doc)
    doc, swapped = _status_first(doc)
    b = _Builder(doc, path, document_settings(doc.front_matter, settings), keyless)
    sections = b.sections()
    if swapped:
        sections = _unswapped(sections, swapped)
    title = next((s.title for s in sections if s.level == 1), "")
    if not title:
        title = str(doc.front_matter.get("title") or PurePosixPath(path).stem)
        b.diagnostics.append(_diag("MX010", "no level-1 heading: title taken from elsewhere", 1))
    scenarios = b.scenarios()
    # Trusted, like every model the front end makes: its parts are the compiler's own values, and
    # validating the whole would build pydantic's validator for it (see `Frozen`).
    return Matrix.trusted(
        id=slugify(PurePosixPath(path).stem) or "matrix",
        title=title,
        source=Source.trusted(
            path=path, sha256=hashlib.sha256(data).hexdigest(), date=document_date(doc.front_matter)
        ),
        front_matter=doc.front_matter,
        scenarios=scenarios,
        sections=tuple(sections),
        diagnostics=tuple(sorted(b.diagnostics, key=lambda d: (d.line, d.column, d.code))),
    )
