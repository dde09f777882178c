"""matrixc: compile Markdown support matrices into rule files, validators, diffs and a site.

Imports stay lazy: `matrixc check` must start fast, so nothing heavy is imported here.
"""

__version__ = "0.1.0"
