"""The model's vocabularies of kinds, as `Literal` types, free of pydantic.

`compiler.model.matrix` uses them in its fields; code that needs only the words (the verdict
vocabulary, `[tool.matrixc]` checks run by `matrixc check`) imports them from here, so it does
not pay for pydantic's import.
"""

from __future__ import annotations

from typing import Literal

Status = Literal["supported", "partial", "not_supported", "not_applicable"]
# A release stage a cell states ("GA", "Preview", "End of Life"); independent of its status.
Stage = Literal["ga", "preview", "deprecated", "retired"]
# `feature`: a column of a transposed table (rows are the targets, columns the features).
Role = Literal["key", "scenario", "requirement", "feature", "details", "description"]
Orientation = Literal["columns", "rows"]
# `group`: a header row repeated inside a table; `spacer`: a row of empty cells ("|||");
# `legend`: a row of a "Key | Explanation" table saying what a symbol means.
RowKind = Literal["data", "group", "spacer", "legend"]
Severity = Literal["error", "warning", "info"]
NoteKind = Literal["note", "important", "warning", "tip", "caution", "include", "row_note"]
ConstraintKind = Literal[
    "count",  # a number of things: "16 or less", "Up to 64 disks in total"
    "size",  # a quantity of bytes: "Up to 32 TB" (minimum/maximum in bytes)
    "length",  # a name's length in characters: "Between 1 and 63 characters"
    "charset",  # characters a name may use: "letters, numbers, and hyphens" (see `pattern`)
    "affix",  # how a name must start or end (see `pattern`)
    "allowed_values",  # one of a list: "Windows Server 2022, Windows Server 2019, ..."
    "min_version",  # a version floor: "any version after 2.0.9214.0", "1.10+"
    "version_range",  # versions from `version` to `max_version`: "5.2 to 5.11", "2.0.1+" in a list
    "max_version",  # a version ceiling (`max_version`): "<= 6.2", "< 1.30", "1.27 or earlier"
    "rate",  # a throughput: "54 MB/s" (maximum in bytes per second)
]
