"""Errors the command line turns into exit statuses.

InputError is the user's problem (exit 2, one line naming the file); anything
else escaping a command is ours (exit 1).
"""


class DataFileError(ValueError):
    """A reviewed data file (a language pack, a catalogue) that breaks its rules: ``path:line: problem``."""

    def __init__(self, path, message: str, line: int | None = None):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")
        self.path, self.line = path, line


class InputError(Exception):
    """Bad input or usage: reported as one line on stderr, exit status 2."""

    def __init__(self, where: str | None, problem: str):
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)
