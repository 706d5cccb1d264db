"""Editions built whole: a content key, one staging folder, one swap into place.

An edition (``reports/<year>/``: pages, executed notebook, charts) is built in a hidden
staging folder beside it, ``.<year>.staging-<random>``, which holds a ``.pid`` file naming
the process building it. :func:`publish` records what was built in ``.build.json`` (the
build key and every file's size and SHA-256), then swaps the staging folder in with two
renames: the old edition to ``.<year>.old-<random>``, the staging folder to ``<year>``.
A run killed part-way leaves hidden folders that :func:`clean_leftovers` removes (or, for
an old edition whose successor never arrived, puts back), so readers only ever see a
whole old edition or a whole new one.

:func:`build_key` hashes everything an edition is made from (raw files, table code,
notebook, package code and templates, parameters, formats): when the key recorded in
``.build.json`` is the same and the files are intact (:func:`is_current`), the edition
need not be built again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import shutil
import sys
import time
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from analysis import memo

BUILD_FILE = ".build.json"
PID_FILE = ".pid"
#: Parameters holding temporary paths: they change between runs, never the content.
TEMPORARY_PARAMETERS = frozenset({"charts_dir"})
#: Package folders whose files (besides every ``*.py``) shape the outputs.
PACKAGE_ASSETS = ("templates", "static", "styles")
#: A staging folder without ``.pid`` is taken as abandoned after this many seconds.
PID_GRACE_SECONDS = 60
#: Test hook: ``ANALYSIS_TEST_PAUSE_AT=<step>`` makes a run stop at that step (see :func:`pause`).
PAUSE_VARIABLE = "ANALYSIS_TEST_PAUSE_AT"
PAUSE_SECONDS = 300

_LEFTOVER = re.compile(r"^\.(?P<name>.+)\.(?P<kind>staging|charts|old)-[^/]+$")


# --------------------------------------------------------------------------- key


def inputs_key(tables_key: str) -> str:
    """A SHA-256 of what every edition or brief of a run shares: the processed tables' key
    (the raw files and the code that makes the tables) and the package's code and assets."""
    return hashlib.sha256(f"tables={tables_key}\npackage={package_digest()}\n".encode()).hexdigest()


def build_key(
    *, notebook: Path, inputs: str, parameters: Mapping[str, Any], formats: Iterable[str]
) -> str:
    """A SHA-256 of what an edition or a brief is made from (:func:`inputs_key`, the
    notebook's bytes, its parameters, the formats); where it is written does not count,
    so the same inputs give the same key."""
    kept = {k: v for k, v in parameters.items() if k not in TEMPORARY_PARAMETERS}
    digest = hashlib.sha256()
    digest.update(f"inputs={inputs}\n".encode())
    digest.update(f"notebook={memo.digest(Path(notebook))}\n".encode())
    digest.update(f"parameters={json.dumps(kept, sort_keys=True, default=str)}\n".encode())
    digest.update(f"formats={','.join(sorted(set(formats)))}\n".encode())
    return digest.hexdigest()


@cache
def package_digest() -> str:
    """A SHA-256 of the package's code, templates, styles and vendored assets (once a process)."""
    package = Path(__file__).resolve().parent
    files = {p for p in package.rglob("*.py") if "__pycache__" not in p.parts}
    for folder in PACKAGE_ASSETS:
        files |= {p for p in (package / folder).rglob("*") if p.is_file()}
    digest = hashlib.sha256()
    digest.update(f"python={sys.version_info[:2]};{_library_versions()}\n".encode())
    for path in sorted(files):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(bytes.fromhex(memo.digest(path)))
    return digest.hexdigest()


def _library_versions() -> str:
    """Versions of the libraries that execute and render the notebook."""
    from importlib.metadata import PackageNotFoundError, version

    names = ("papermill", "nbconvert", "weasyprint", "matplotlib", "pandas")
    found = []
    for name in names:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=absent")
    return ";".join(found)


# --------------------------------------------------------------------------- record


def is_current(out_dir: Path, key: str) -> bool:
    """Whether ``out_dir`` was built with ``key`` and every file it recorded is intact."""
    record = read_record(out_dir)
    if not key or record is None or record.get("key") != key:
        return False
    files = record.get("files")
    return isinstance(files, dict) and all(
        _matches(Path(out_dir) / name, entry) for name, entry in files.items()
    )


def read_record(out_dir: Path) -> dict | None:
    """The ``.build.json`` of ``out_dir``, or None when it is missing or unreadable."""
    try:
        record = json.loads((Path(out_dir) / BUILD_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None


def outputs(out_dir: Path) -> set[str]:
    """The files and folders (``charts``) at the top of a built ``out_dir``, as recorded."""
    record = read_record(out_dir) or {}
    return {name.split("/")[0] for name in record.get("files") or {}}


def _matches(path: Path, entry: Any) -> bool:
    try:
        return (
            path.is_file()
            and path.stat().st_size == entry["size"]
            and memo.digest(path) == entry["sha256"]
        )
    except (OSError, KeyError, TypeError):
        return False


def _record(folder: Path, key: str) -> dict:
    """Key and files (size, SHA-256) of a built folder, its own bookkeeping left out."""
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if name not in (BUILD_FILE, PID_FILE):
            files[name] = {"size": path.stat().st_size, "sha256": memo.digest(path)}
    return {"key": key, "files": files}


# --------------------------------------------------------------------------- build and publish


def refuse_foreign(out_dir: Path, kept: Iterable[str] = ()) -> None:
    """Fail when ``out_dir`` is a file, or a folder holding files this tool did not build
    (no ``.build.json``; ``kept``: names a failed run leaves there), which the swap would
    delete: a user's notes, or the briefs when ``--out`` names their folder."""
    from analysis.errors import InputError

    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: a file is in the way: expected the edition's folder")
    if not out_dir.is_dir():
        return
    kept = {*kept, *TOOLS_LEAVE}
    if (out_dir / BUILD_FILE).exists():  # built: what the record does not list (a user's)
        foreign = _not_recorded(out_dir, kept)
    else:
        foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in kept)
    if foreign:
        what = f"{foreign[0]!r}{' and more' if len(foreign) > 1 else ''}"
        them = "them" if len(foreign) > 1 else "it"
        raise InputError(
            f"{out_dir}: holds {what}, which this tool did not build: building here would "
            f"replace the folder and delete {them}; move {them}, or choose another --out"
        )


#: What the index shows of a brief, written beside its record after the build (briefs).
SUMMARY_FILE = "brief.json"


def _not_recorded(out_dir: Path, kept: set[str]) -> list[str]:
    """The files and folders in a built ``out_dir`` that its record does not list (a user's
    notes, added since: the rebuild deleted them without a word); none for a record that
    cannot be read."""
    record = read_record(out_dir)
    if record is None or not isinstance(record.get("files"), dict):
        return []
    recorded = set(record["files"])
    tops = {name.split("/")[0] for name in recorded} | kept | {BUILD_FILE, PID_FILE, SUMMARY_FILE}
    foreign = [p.name for p in out_dir.iterdir() if p.name not in tops]
    for folder in [out_dir / top for top in tops if (out_dir / top).is_dir()]:
        if folder.name in kept:
            continue
        inside = [p.relative_to(out_dir) for p in folder.rglob("*") if p.is_file()]
        foreign += [
            name.as_posix()
            for name in inside
            if name.as_posix() not in recorded and not kept & set(name.parts)  # .DS_Store
        ]
    return sorted(foreign)


#: What other tools leave in a folder (Jupyter opening a failed run's notebook, a file
#: browser): not the user's work, and replaced with the folder.
TOOLS_LEAVE = frozenset({".ipynb_checkpoints", ".DS_Store", "Thumbs.db", "desktop.ini"})


def refuse_replacing(out: Path, folders: Iterable[Path]) -> None:
    """Fail on an edition's folder, or an index page in ``out``, that this tool did not write
    and a run would replace (:func:`refuse_foreign`, :func:`_refuse_foreign_index`); and on
    an ``out`` inside an edition or brief, which its rebuild would delete."""
    from analysis.errors import InputError
    from analysis.render import FAILED_NOTEBOOK

    out = Path(out).resolve()
    built = next((p for p in (out, *out.parents) if (p / BUILD_FILE).is_file()), None)
    if built is not None:
        raise InputError(
            f"{out}: inside {built}, an edition or brief this tool built, which its next "
            "build replaces whole: choose another --out"
        )
    for folder in folders:
        refuse_foreign(folder, kept=(FAILED_NOTEBOOK,))
    _refuse_foreign_index(out)


def _refuse_foreign_index(out: Path) -> None:
    """Fail when ``out/index.html`` is a page this tool did not write (a site's own index),
    which :func:`analysis.index.write_index` would replace."""
    from analysis.config import INDEX, INDEX_TITLE
    from analysis.errors import InputError

    path = Path(out) / INDEX
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(f"{path}: cannot be read: {error.strerror}") from None
    if f"<title>{INDEX_TITLE}</title>" not in head:
        raise InputError(
            f"{path}: not an index this tool wrote: the list of reports would replace it; "
            "move it, or choose another --out"
        )


def followed(out_dir: Path) -> Path:
    """``out_dir``, or the folder it links to when it is a symbolic link: the edition is built
    and swapped in there, and the link is kept (swapping the link itself published a folder
    in its place and left the link behind as an old edition)."""
    out_dir = Path(out_dir)
    return Path(os.path.realpath(out_dir)) if out_dir.is_symlink() else out_dir


def new_staging(out_dir: Path, kept: Iterable[str] = ()) -> Path:
    """A fresh staging folder for ``out_dir``, beside it, holding this process's ``.pid``;
    fails when what is in ``out_dir``'s place is not an edition (:func:`refuse_foreign`)."""
    out_dir = Path(out_dir)
    refuse_foreign(out_dir, kept)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = out_dir.parent / f".{out_dir.name}.staging-{secrets.token_hex(4)}"
    staging.mkdir()
    (staging / PID_FILE).write_text(f"{os.getpid()}\n", encoding="ascii")
    return staging


def publish(
    staging: Path,
    out_dir: Path,
    key: str,
    parameters: Mapping | None = None,
    noted: Mapping | None = None,
) -> Path:
    """Record ``staging`` in its ``.build.json`` (with the notebook's ``parameters``, which
    tell the index the raw folder it was built from, and what the caller ``noted``: the
    processed tables' key) and put it in place of ``out_dir`` as one unit.

    Two renames: ``out_dir`` to ``.<name>.old-<random>``, ``staging`` to ``out_dir``; then the
    old folder is removed. Interrupted between the renames, the old folder is put back (or,
    after a hard kill, by :func:`clean_leftovers`).
    """
    staging, out_dir = Path(staging), Path(out_dir)
    record = {**_record(staging, key), "parameters": dict(parameters or {}), **(noted or {})}
    text = json.dumps(record, indent=1, sort_keys=True, default=str) + "\n"
    (staging / BUILD_FILE).write_text(text, encoding="utf-8")
    staging.chmod(0o755)
    old = out_dir.parent / f".{out_dir.name}.old-{secrets.token_hex(4)}"
    had_old = out_dir.exists()
    if had_old:
        os.replace(out_dir, old)
    try:
        pause("swap")
        os.replace(staging, out_dir)
    except BaseException:
        if had_old and not out_dir.exists():
            os.replace(old, out_dir)
        raise
    (out_dir / PID_FILE).unlink(missing_ok=True)
    if had_old:
        pause("swapped")
        shutil.rmtree(old, ignore_errors=True)
    return out_dir


# --------------------------------------------------------------------------- leftovers


def clean_leftovers(parent: Path) -> list[Path]:
    """Remove the hidden folders interrupted runs left in ``parent``; return what was cleaned.

    ``.<name>.staging-*`` and ``.<name>.charts-*`` are removed, except a staging folder whose
    ``.pid`` names a live process; ``.<name>.old-*`` is put back as ``<name>`` when that is
    missing (a run killed mid-swap), else removed. A folder so named is left alone unless it
    is this tool's: an old edition has its ``.build.json``, a staging folder its ``.pid``
    (or nothing yet). An edition linked elsewhere is built beside where its link points: the
    leftovers named after a link's target are cleaned there too.
    """
    parent = Path(parent)
    if not parent.is_dir():
        return []
    cleaned = _clean_in(parent)
    for link in sorted(p for p in parent.iterdir() if p.is_symlink()):
        real = Path(os.path.realpath(link))
        if real.parent != parent:
            cleaned += _clean_in(real.parent, real.name)
    return cleaned


def _clean_in(parent: Path, name: str | None = None) -> list[Path]:
    """:func:`clean_leftovers` in ``parent``, of the edition ``name`` only when given."""
    if not parent.is_dir():
        return []
    cleaned = []
    for path in sorted(parent.iterdir()):
        match = _LEFTOVER.match(path.name)
        if not match or not path.is_dir() or path.is_symlink() or not _ours(path, match["kind"]):
            continue
        if name is not None and match["name"] != name:
            continue
        if match["kind"] == "staging" and _in_use(path):
            continue
        target = parent / match["name"]
        if match["kind"] == "old" and not target.exists():
            os.replace(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)
        cleaned.append(path)
    return cleaned


def _ours(path: Path, kind: str) -> bool:
    """Whether a folder named as a leftover was made by this tool (a user's ``.cache.old-1``
    is not)."""
    marks = [BUILD_FILE] if kind == "old" else [PID_FILE, BUILD_FILE]
    return any((path / mark).exists() for mark in marks) or (
        kind != "old" and not any(path.iterdir())
    )


def _in_use(staging: Path) -> bool:
    """Whether the process that made ``staging`` still runs (or may still be writing its pid)."""
    try:
        pid = int((staging / PID_FILE).read_text(encoding="ascii").strip())
    except FileNotFoundError:
        return time.time() - staging.stat().st_mtime < PID_GRACE_SECONDS
    except (OSError, ValueError):
        return False
    return _alive(pid)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


# --------------------------------------------------------------------------- test hook


def pause(step: str) -> None:
    """Test hook: when ``ANALYSIS_TEST_PAUSE_AT`` names ``step``, say so on stderr and wait.

    The kill tests use it to interrupt a run at a known point (``staging``, ``executed``,
    ``swap``, ``swapped``); it does nothing otherwise.
    """
    if os.environ.get(PAUSE_VARIABLE) != step:
        return
    print(f"paused at {step}", file=sys.stderr, flush=True)
    time.sleep(PAUSE_SECONDS)
