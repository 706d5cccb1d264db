"""Warnings for the reader of a run: one ``warning: ...`` line on stderr per distinct message.

The lines are kept, so a notebook or the command line can list what was warned about.
"""

import sys

_ISSUED: list[str] = []
_calls = 0  # warn() calls, repeats included


def warn(message: str) -> None:
    """Print ``warning: <message>`` on stderr, once per distinct message in this process."""
    global _calls
    _calls += 1
    line = " ".join(str(message).split())
    if line in _ISSUED:
        return
    _ISSUED.append(line)
    print(f"warning: {line}", file=sys.stderr)


def issued() -> tuple[str, ...]:
    """The messages warned about so far, in order (without the ``warning:`` prefix)."""
    return tuple(_ISSUED)


def calls() -> int:
    """How many times :func:`warn` was called so far, repeats included: a reader's result is
    remembered only when reading it warned of nothing."""
    return _calls
