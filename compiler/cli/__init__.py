"""The `matrixc` command line: `main` parses and dispatches; each command lives beside it."""
