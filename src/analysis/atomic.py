"""Write outputs to a temporary file and move them into place, so no reader sees half a file."""

from __future__ import annotations

import gzip
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def write_atomic(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temporary path beside ``path``, then rename it onto ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) atomically."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` atomically."""
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))


def write_csv(path: Path, table: pd.DataFrame) -> Path:
    """Write a table as CSV atomically (gzip-compressed when the name ends in .gz).

    Compressed files carry no time stamp or file name, so the same table gives the same bytes.
    """
    data = table.to_csv(index=False, lineterminator="\n").encode("utf-8")
    if str(path).endswith(".gz"):
        data = gzip.compress(data, mtime=0)
    return write_bytes(path, data)


def _written_into(name: str) -> bool:
    """Whether a folder of this name inside an output folder is one the commands write."""
    return name in ("unhcr", "undesa", "briefs", "charts") or (name.isdigit() and len(name) == 4)


def refuse_writing_into(out: Path, source: Path, what: str) -> None:
    """Fail before writing when ``out`` is the ``source`` folder or inside it: the outputs
    would replace, or change, the files they are made from (``extract --out`` on its own
    ``--source`` overwrote the full release it was reading). The source's ``unhcr/`` and
    ``undesa/`` count wherever their links lead (``raw/unhcr`` a link to a shared release:
    ``--out raw/unhcr/reports`` wrote into it)."""
    from analysis.errors import InputError

    source = Path(source)
    read = {source.resolve(): f"the {what} ({source.resolve()})"}
    for name in ("unhcr", "undesa"):
        if (source / name).is_symlink() and (source / name).is_dir():
            there = (source / name).resolve()
            read.setdefault(there, f"{there} ({name}/ of the {what} links there)")
    # the folder, and the folders in it the outputs go to (an extract's unhcr/ and undesa/,
    # an edition's year, the briefs), wherever their links lead; not a folder of one's own
    # beside them (raw/ under --out ., reports/data linking to the raw data)
    out = Path(out)
    inside = out.iterdir() if out.is_dir() else []
    folders = [out, *(p for p in inside if p.is_dir() and _written_into(p.name))]
    for folder in folders:
        there = folder.resolve()
        for place, said in read.items():
            if there == place or place in there.parents:
                where = "is" if there == place else "is inside"
                raise InputError(
                    f"{folder}: the output folder {where} {said}; the outputs would be written "
                    "among the files they are made from: choose another --out"
                )
