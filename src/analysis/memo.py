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
    """The hex SHA-256 of the file's bytes, read in blocks (an OSError as reading it gives)."""
    sha256 = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            sha256.update(block)
    return sha256.hexdigest()


def keep(store: dict[Any, T], key: Any, value: T, size: int = 8) -> T:
    """``value`` put in ``store`` under ``key``, the oldest entries out beyond ``size``."""
    while len(store) >= size:
        store.pop(next(iter(store)))
    store[key] = value
    return value
