"""Names derived from a matrix id that several stages must agree on (standard library only).

`matrixc validate` finds a generated validator by this name without importing the compiler,
so it lives here, below every stage.
"""

from __future__ import annotations

import keyword
import re


def module_name(matrix_id: str) -> str:
    """The validator's file stem: the matrix id as an ASCII Python identifier, so the module
    can be imported (`hyper-v-x` -> `hyper_v_x`); the id inside the module stays as it is."""
    name = re.sub(r"\W", "_", matrix_id, flags=re.ASCII)
    if not name or name[0].isdigit():
        name = f"matrix_{name}"
    return f"{name}_" if keyword.iskeyword(name) else name
