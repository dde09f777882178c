"""Names derived from a matrix id that several stages must agree on (standard library only).

`matrixc validate` finds a generated validator by this name without importing the compiler,
so it lives here, below every stage.
"""

from __future__ import annotations

import keyword
import re
import sys


def module_name(matrix_id: str) -> str:
    """The validator's file stem: the matrix id as an ASCII Python identifier, so the module
    can be imported (`hyper-v-x` -> `hyper_v_x`); the id inside the module stays as it is.

    Never a standard library module's name, nor a dunder's: `python validators/good.py` puts
    validators/ first on sys.path, and a `json.py` there was what good.py's `import json`
    found (a traceback in every other validator); `__init__.py` would make a package of it.
    Those get a trailing `_`, as keywords do (`json_`, `class_`)."""
    name = re.sub(r"\W", "_", matrix_id, flags=re.ASCII)
    if not name or name[0].isdigit():
        name = f"matrix_{name}"
    taken = keyword.iskeyword(name) or name in sys.stdlib_module_names or name.startswith("__")
    return f"{name}_" if taken else name
