"""Warnings for the reader of a run: one line each on stderr, each said once."""

import sys

_issued: list[str] = []


def warn(message: str) -> None:
    """Print ``warning: message`` on stderr, unless the same message was already given."""
    if message in _issued:
        return
    _issued.append(message)
    print(f"warning: {message}", file=sys.stderr)


def issued() -> list[str]:
    """Every warning given so far in this process, in order."""
    return list(_issued)
