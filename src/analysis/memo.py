"""Results remembered by the bytes of the file they come from.

A copy of a file in another folder gives the same result: the tests copy the project's
tables into hundreds of raw folders, and a run reads a file once. Each reader keeps its own
store (a dict, oldest entry first) and a copy of what it returns.
"""

import hashlib
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


_STORES: list[dict] = []


def store() -> dict:
    """A new store for one reader's results, known to :func:`forget`."""
    _STORES.append({})
    return _STORES[-1]


def forget() -> None:
    """Every reader's results forgotten: the next read of each file is a cold one (the
    benchmark times those)."""
    for kept in _STORES:
        kept.clear()


def digest(path: Path) -> str:
    """The SHA-256 of the file's bytes (an OSError as reading it gives)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def keep(store: dict[Any, T], key: Any, value: T, size: int = 8) -> T:
    """``value`` put in ``store`` under ``key``, the oldest entries out beyond ``size``."""
    while len(store) >= size:
        store.pop(next(iter(store)))
    store[key] = value
    return value
