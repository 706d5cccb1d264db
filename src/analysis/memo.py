"""Results remembered by the bytes of the file they come from.

A copy of a file in another folder gives the same result: the tests copy the project's
tables into hundreds of raw folders, and a run reads a file once. Each reader keeps its own
store (a dict, oldest entry first) and a copy of what it returns.
"""

import hashlib
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def digest(path: Path) -> str:
    """The SHA-256 of the file's bytes (an OSError as reading it gives)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def keep(store: dict[Any, T], key: Any, value: T, size: int = 8) -> T:
    """``value`` put in ``store`` under ``key``, the oldest entries out beyond ``size``."""
    while len(store) >= size:
        store.pop(next(iter(store)))
    store[key] = value
    return value
