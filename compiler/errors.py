"""The one exception a user's input can cause, located so the CLI can print `path:line: message`."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: the CLI prints it as one line and exits 2 (or 1 where DESIGN.md says so)."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def located(self, path: str) -> InputError:
        """The same error, naming the file it came from (keeps a path already set)."""
        return InputError(self.message, path=self.path or path, line=self.line)

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"
