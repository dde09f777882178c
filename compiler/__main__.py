"""`python -m compiler` is `matrixc`."""

from compiler.cli.main import main_entry

main_entry()
