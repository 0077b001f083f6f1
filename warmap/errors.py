"""Errors the command line turns into exit statuses.

InputError is the user's problem (exit 2, one line naming the file); anything
else escaping a command is ours (exit 1).
"""


class InputError(Exception):
    """Bad input or usage: reported as one line on stderr, exit status 2."""

    def __init__(self, where: str | None, problem: str):
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)
