"""Warnings for the reader of a run: one ``warning: ...`` line on stderr per distinct message.

The lines are kept, so a notebook or the command line can list what was warned about.
"""

import sys

_ISSUED: list[str] = []


def warn(message: str) -> None:
    """Print ``warning: <message>`` on stderr, once per distinct message in this process."""
    line = " ".join(str(message).split())
    if line in _ISSUED:
        return
    _ISSUED.append(line)
    print(f"warning: {line}", file=sys.stderr)


def issued() -> tuple[str, ...]:
    """The messages warned about so far, in order (without the ``warning:`` prefix)."""
    return tuple(_ISSUED)
