"""The one error type the command line turns into clear one-line messages."""

MAX_PROBLEMS = 20


class InputError(Exception):
    """Bad or missing input.

    Each problem is one line naming the file, the row or cell and what was
    expected; the command line prints them and exits non-zero.
    """

    def __init__(self, *problems: str):
        lines = [" ".join(str(p).split()) for p in problems]
        if len(lines) > MAX_PROBLEMS:
            lines = lines[:MAX_PROBLEMS] + [f"... and {len(lines) - MAX_PROBLEMS} more problems"]
        self.problems = lines
        super().__init__("\n".join(lines))
