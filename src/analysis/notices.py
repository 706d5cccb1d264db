"""Warnings for the reader of a run: one ``warning: ...`` line on stderr per distinct message.

Each distinct line is said once per process; :func:`collect` gathers those of a step (the
processed tables keep the warnings of their making, to say them again when reused).
"""

import contextlib
import sys
from collections.abc import Iterator

_ISSUED: list[str] = []
_calls = 0  # warn() calls, repeats included
_COLLECTING: list[list[str]] = []  # the messages of each open collect(), repeats included
_QUIET: list[bool] = []  # an open quiet() block: nothing is printed


def warn(message: str) -> None:
    """Print ``warning: <message>`` on stderr, once per distinct message in this process."""
    global _calls
    _calls += 1
    line = printable(" ".join(str(message).split()))  # the processed tables keep it, as UTF-8
    for said in _COLLECTING:
        if line not in said:
            said.append(line)
    if line in _ISSUED or _QUIET:
        return
    _ISSUED.append(line)
    print(f"warning: {line}", file=sys.stderr)


def printable(text: str) -> str:
    """``text`` with a path in another encoding than UTF-8 (a name unzipped from a Windows
    archive, "r\\xe9fugi\\xe9s.csv") shown as its bytes are, so any UTF-8 file can hold it."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def issued() -> tuple[str, ...]:
    """The messages warned about so far, in order (without the ``warning:`` prefix)."""
    return tuple(_ISSUED)


def calls() -> int:
    """How many times :func:`warn` was called so far, repeats included: a reader's result is
    remembered only when reading it warned of nothing."""
    return _calls


@contextlib.contextmanager
def collect() -> Iterator[list[str]]:
    """The distinct messages warned about inside the block, those said before it too (the
    processed tables keep the warnings of their making, to say them again when reused)."""
    said: list[str] = []
    _COLLECTING.append(said)
    try:
        yield said
    finally:  # this very list: remove() would take the first equal one, a nested block's
        del _COLLECTING[next(i for i, other in enumerate(_COLLECTING) if other is said)]


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Print no warning inside the block (the index reading another run's raw folder for
    its figures: that folder's warnings are not this run's)."""
    _QUIET.append(True)
    try:
        yield
    finally:
        _QUIET.pop()
