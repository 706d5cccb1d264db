"""Execute the briefing notebook and render it for its three audiences.

One executed notebook becomes:

- ``briefing.html``: one self-contained page for readers (outputs only, no code,
  images embedded, no scripts, nothing fetched from the network);
- ``briefing.pdf``: the same page printed by WeasyPrint on A4 (title on page 1,
  page numbers in the footer, charts kept as vector graphics);
- ``briefing.slides.html``: reveal.js slides in one offline file (reveal.js is
  vendored in ``analysis/static/reveal``), one slide per ``slide``/``subslide`` cell;
- ``briefing.ipynb``: the executed notebook with its code, the teaching copy.

Cells tagged ``remove_cell`` and the papermill ``parameters`` and
``injected-parameters`` cells are left out of every rendering. Rendering is
deterministic: the same executed notebook gives the same HTML and slides bytes,
and the PDF carries no run timestamp.

Heavy libraries (papermill, nbconvert, WeasyPrint) are imported inside the
functions that use them, so ``import analysis.render`` stays cheap.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import sys
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from analysis.errors import InputError, disk_full

if TYPE_CHECKING:
    import nbformat

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
REVEAL_DIR = STATIC_DIR / "reveal"

HTML_TEMPLATE = "analysis_briefing"
SLIDES_TEMPLATE = "analysis_slides"
KERNEL_NAME = "python3"

#: Cells with these tags appear in no rendering (they stay in the teaching copy).
REMOVED_CELL_TAGS = frozenset(
    {"remove_cell", "parameters", "injected-parameters", "analysis-step", "try-it"}
)
#: Cells with this tag appear in the slides only; with ``page-only``, not in the slides.
SLIDES_ONLY_TAG = "slides-only"
PAGE_ONLY_TAG = "page-only"
#: A speaker-notes cell with this tag, written before the chart it tells of (so the page
#: reads text, then chart), goes with the slide that chart opens.
NOTES_NEXT_TAG = "notes-next-slide"
#: Cells with this tag keep their place but lose their outputs in every rendering.
REMOVED_OUTPUT_TAGS = frozenset({"remove_output"})

#: Output file names inside an edition's directory, by format.
FILE_NAMES = {
    "html": "briefing.html",
    "pdf": "briefing.pdf",
    "slides": "briefing.slides.html",
    "notebook": "briefing.ipynb",
}
FORMATS = tuple(FILE_NAMES)
FAILED_NOTEBOOK = "briefing.failed.ipynb"

#: The briefing's document properties, in the page's head and the PDF's metadata.
DESCRIPTION = (
    "Forced displacement, refugee hosting and international migrants, recomputed from the "
    "official statistics of UNHCR and UN DESA"
)
KEYWORDS = (
    "forced displacement, refugees, asylum-seekers, internally displaced people, "
    "statelessness, international migrants, labour migration, cooperatives"
)
GENERATOR = "analysis: a reproducible briefing (Python, papermill, nbconvert, WeasyPrint)"
SLIDE_WIDTH = 1280
SLIDE_HEIGHT = 720

#: Output priority for the renderings: no JavaScript or widget views.
DISPLAY_PRIORITY = [
    "text/html",
    "text/markdown",
    "image/svg+xml",
    "image/png",
    "image/jpeg",
    "text/plain",
]

#: Environment of the kernel that runs the notebook: stable hashing, so set
#: ordering and anything seeded from hashes cannot change between runs.
KERNEL_ENV = {"PYTHONHASHSEED": "0", "PYDEVD_DISABLE_FILE_VALIDATION": "1"}


# --------------------------------------------------------------------------- execute


def notebook_parameters(notebook: Path) -> dict[str, dict[str, Any]]:
    """The notebook's parameters (from its cell tagged ``parameters``), by name.

    Each value is papermill's description: ``name``, ``inferred_type_name``,
    ``default`` (as source text) and ``help`` (the trailing comment).
    """
    import papermill

    notebook = Path(notebook)
    if not notebook.is_file():
        raise InputError(f"{notebook}: notebook not found")
    if notebook.suffix.lower() != ".ipynb":  # papermill would warn in two lines, then fail
        raise InputError(f"{notebook}: not a Jupyter notebook: expected an .ipynb file")
    try:
        return papermill.inspect_notebook(_literal(notebook))
    except Exception as error:  # malformed JSON, not a notebook, ...
        raise InputError(f"{notebook}: cannot read the notebook ({error})") from error


def check_parameters(notebook: Path, parameters: Mapping[str, Any]) -> None:
    """Refuse parameters the notebook does not declare, or of the wrong basic type.

    papermill itself only warns about an unknown parameter and then runs the
    notebook anyway; the briefing's entry point refuses it before any kernel starts.
    """
    known = notebook_parameters(notebook)
    unknown = sorted(set(parameters) - set(known))
    if unknown:
        if known:
            listing = ", ".join(
                f"{name} ({spec['inferred_type_name']}, default {spec['default']})"
                for name, spec in known.items()
            )
            accepted = f"it accepts: {listing}"
        else:
            accepted = "it has no cell tagged 'parameters'"
        raise InputError(
            f"{notebook}: unknown parameter{'s' if len(unknown) > 1 else ''} "
            f"{', '.join(unknown)}; {accepted}"
        )
    for name, value in parameters.items():
        expected = known[name]["inferred_type_name"]
        if not _matches_type(value, expected):
            raise InputError(
                f"{notebook}: parameter {name} must be {expected}, got {type(value).__name__} "
                f"{value!r}"
            )


def _matches_type(value: Any, type_name: str) -> bool:
    """Whether ``value`` fits a simple annotated type (others are not checked)."""
    checks = {
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "bool": lambda v: isinstance(v, bool),
        "str": lambda v: isinstance(v, str),
    }
    check = checks.get(type_name.strip())
    return check is None or check(value)


def _package_path() -> dict[str, str]:
    """``PYTHONPATH`` for the kernel: this ``analysis`` package's folder first, so the notebook
    runs the same code as the command rendering it (a relative ``PYTHONPATH=src`` would
    otherwise not resolve from the notebook's folder)."""
    paths = [
        str(PACKAGE_DIR.parent),
        *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep)),
    ]
    absolute = [str(Path(p).resolve()) for p in paths]
    return {"PYTHONPATH": os.pathsep.join(dict.fromkeys(absolute))}


def _ipython_dir() -> dict[str, str]:
    """``IPYTHONDIR`` for the kernel when the IPython folder cannot be written (a service
    account's home): IPython would otherwise print a two-line warning on the user's terminal
    before taking a temporary folder itself."""
    home = Path.home()
    ipython = home / ".ipython"
    if "IPYTHONDIR" in os.environ or os.access(ipython if ipython.exists() else home, os.W_OK):
        return {}
    return {"IPYTHONDIR": _private_folder("analysis-ipython")}


def _private_folder(name: str) -> str:
    """A folder in the temporary folder only this user can use, by ``name`` and the user's
    id (made once, mode 0700); a new one of a random name when that one is another's or
    open to others: a startup script another user put in a shared folder would run in
    every kernel."""
    import stat
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else None
    path = os.path.join(tempfile.gettempdir(), f"{name}-{uid}")
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, 0o700)
    held = os.lstat(path)
    if uid is None:  # (no user ids: Windows)
        return path if stat.S_ISDIR(held.st_mode) else tempfile.mkdtemp(prefix=f"{name}-")
    if not stat.S_ISDIR(held.st_mode) or held.st_uid != uid or held.st_mode & 0o077:
        return tempfile.mkdtemp(prefix=f"{name}-")
    return path


def _socket_name(key: str) -> str:
    """The path a kernel's sockets start with (``<path>-1`` to ``<path>-5``)."""
    import tempfile

    return os.path.join(tempfile.gettempdir(), f"{_SOCKETS}{key}")


_SOCKETS = "analysis-kernel-"  # the name every kernel's sockets start with


def _socket_base() -> str:
    """A new path for a kernel's sockets, in the temporary folder, where the sockets of
    kernels killed an hour ago or more (a run killed outright leaves them; the kernel's
    connection was made when it started) are removed."""
    import tempfile
    import uuid

    hour_ago = time.time() - 3600
    for old in Path(tempfile.gettempdir()).glob(f"{_SOCKETS}*-[1-5]"):
        with contextlib.suppress(OSError):
            if old.is_socket() and old.stat().st_mtime < hour_ago:
                old.unlink()
    return _socket_name(uuid.uuid4().hex[:16])


def _kernel_manager_class() -> type:
    """A kernel manager that always runs ipykernel on this interpreter (the project's venv).

    The ``python3`` kernelspec found on the Jupyter path could belong to another
    Python (a user-level kernel, a conda base); this pins the kernel to
    ``sys.executable`` with ipykernel's own spec, whatever is installed where,
    and encrypts the local connection when libzmq supports it.
    """
    import zmq
    from ipykernel.kernelspec import RESOURCES, get_kernel_dict
    from jupyter_client import AsyncKernelManager
    from jupyter_client.kernelspec import KernelSpec
    from traitlets import default

    class VenvKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self) -> str:
            # Unix sockets: TCP ports picked free, then bound by the kernel later, can be
            # taken meanwhile by another process ("Address already in use", then a 60 s
            # wait for a kernel that died). A socket's path has at most 103 bytes (macOS).
            fits = len(os.fsencode(_socket_name("0" * 16))) + 2 <= 100
            return "ipc" if fits and sys.platform != "win32" else "tcp"

        @default("ip")
        def _ip_default(self) -> str:
            # jupyter_client's own default is "kernel-ipc" in the current folder: two
            # kernels started there at once took the same sockets.
            return _socket_base() if self.transport == "ipc" else super()._ip_default()

        @default("transport_encryption")
        def _transport_encryption_default(self) -> str:
            # CurveZMQ between this process and its kernel when libzmq has it
            # (ipykernel otherwise warns about plain TCP on every start).
            return "auto" if zmq.has("curve") else "disabled"

        async def _async_interrupt_kernel(self) -> None:
            # jupyter_client interrupts (SIGINT) every kernel it shuts down; an idle
            # kernel then logs "KeyboardInterrupt caught in kernel" on the user's
            # terminal. A finished notebook's kernel only needs the shutdown request.
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

        @property
        def kernel_spec(self) -> KernelSpec:
            if self._kernel_spec is None:
                spec = get_kernel_dict()
                # The kernel's own log ("Parent appears to have exited" after Ctrl-C) is
                # not the reader's business; failing cells are reported from their outputs.
                spec["argv"] = [*spec["argv"], "--IPKernelApp.log_level=ERROR"]
                spec["env"] = {
                    **spec.get("env", {}),
                    **KERNEL_ENV,
                    **_package_path(),
                    **_ipython_dir(),
                }
                self._kernel_spec = KernelSpec(resource_dir=RESOURCES, **spec)
            return self._kernel_spec

    return VenvKernelManager


def execute(
    notebook: Path,
    executed_path: Path,
    parameters: dict,
    *,
    cwd: Path | None = None,
    timeout: int | None = None,
) -> nbformat.NotebookNode:
    """Run ``notebook`` with ``parameters`` in a fresh kernel; write and return the result.

    Parameters are checked against the notebook's ``parameters`` cell first.
    The kernel is ipykernel on this interpreter; the working directory is
    ``cwd`` (default: the notebook's folder). On success the executed notebook
    (with code; run timestamps and temporary paths stripped) is written
    atomically to ``executed_path``. When a cell fails, the partly executed
    notebook is kept at ``executed_path`` and :class:`InputError` names the
    notebook, the cell and the error.
    """
    return _execute(notebook, executed_path, parameters, cwd=cwd, timeout=timeout)


def _execute(
    notebook: Path,
    executed_path: Path,
    parameters: Mapping[str, Any],
    *,
    cwd: Path | None = None,
    timeout: int | None = None,
    kept_at: Path | None = None,
    staged: Path | None = None,
) -> nbformat.NotebookNode:
    """:func:`execute`; ``kept_at`` is where the error says the failed notebook will be;
    ``staged``: the folder the edition is built in (its paths are shown relative to it)."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    notebook = Path(notebook)
    executed_path = Path(executed_path)
    parameters = dict(parameters)
    check_parameters(notebook, parameters)
    executed_path.parent.mkdir(parents=True, exist_ok=True)
    source = nbformat.read(notebook, as_version=4)

    def run() -> Any:
        return papermill.execute_notebook(
            _literal(notebook),  # papermill fills "{name}" in paths with the parameters
            _literal(executed_path),
            parameters=parameters,
            kernel_name=KERNEL_NAME,
            progress_bar=False,
            log_output=False,
            cwd=Path(cwd) if cwd is not None else notebook.resolve().parent,
            kernel_manager_class=_kernel_manager_class(),
            # papermill otherwise rewrites the whole notebook before and after every cell
            # (about 2.5 s for the briefing's ninety cells and a dozen SVG charts); it is
            # written once at the end, and on a failing cell with the error.
            request_save_on_cell_execute=False,
            record_timing=False,
            execution_timeout=timeout,
            # Once the last cell has answered, the kernel has nothing left to do: stop it
            # at once. Asked to shut down gracefully, ipykernel 7 failed to exit in about
            # one run in four and was terminated 2.5 s later.
            shutdown_kernel="immediate",
        )

    try:
        with _quiet("papermill"):  # a failure is worded below, in one line
            try:
                executed = run()
            except RuntimeError as error:
                # Kernels started at the same moment by parallel jobs can draw the same free
                # port; the one that loses dies before it answers. Nothing ran: start again.
                if not str(error).startswith("Kernel died before replying to kernel_info"):
                    raise
                executed = run()
    except PapermillExecutionError as error:
        raise InputError(
            _failure_message(
                notebook,
                source,
                error,
                kept_at or executed_path,
                injected=bool(parameters),
                year=(parameters or {}).get("year"),
            )
        ) from None
    except InputError:
        raise
    except Exception as error:  # kernel died, timed out, could not start; a full disk
        if disk_full(error):
            raise InputError(_disk_full(error, executed_path, kept_at)) from None
        kept = (
            f" (executed notebook kept at {kept_at or executed_path})"
            if executed_path.exists()
            else ""
        )
        raise InputError(
            f"{notebook}: execution failed: {type(error).__name__}: {error}{kept}"
        ) from error
    _normalise_executed(executed, parameters, staged)
    from analysis.atomic import write_text

    write_text(executed_path, nbformat.writes(executed) + "\n")
    return executed


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Silence logger ``name`` for the duration: the run words its own failures in one line
    (nbclient logged "Kernel died while waiting for execute reply." above a run's
    "error: terminated" when the kernel was stopped mid-cell)."""
    import logging

    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _disk_full(error: OSError, executed_path: Path, kept_at: Path | None) -> str:
    """The line for a disk that filled during a run, naming where: the executed notebook,
    cut short there, is removed (staged beside the reports, ``kept_at`` set, the earlier
    output is untouched; written where asked, it is gone)."""
    cut_short = executed_path.exists()
    executed_path.unlink(missing_ok=True)
    if kept_at is not None:  # staged on the reports' own disk: name their folder
        return (
            f"{kept_at.parent}: {error.strerror}: free some space and run again (the earlier "
            "output is kept)"
        )
    where = Path(error.filename).parent if error.filename else executed_path.parent
    after = f"{executed_path}, cut short, was removed" if cut_short else "nothing was written"
    return f"{where}: {error.strerror}: free some space and run again ({after})"


def _literal(path: Path) -> str:
    """``path`` as papermill reads it back after filling in parameters: ``--out "o {x}"``
    failed with "Missing parameter 'x'", ``"o {year}"`` wrote into ``o 2024``."""
    return str(path).replace("{", "{{").replace("}", "}}")


def _failing_line(error: Any) -> tuple[int | None, str]:
    """The number and text of the cell's line that raised, from the traceback ("Cell
    In[3], line 8"); else no number and the cell's first line."""
    lines = error.source.splitlines()
    for entry in getattr(error, "traceback", None) or []:
        found = re.search(r"Cell In\[\d+\], line (\d+)", re.sub(r"\x1b\[[0-9;]*m", "", entry))
        if found and 1 <= int(found.group(1)) <= len(lines):
            number = int(found.group(1))
            return number, lines[number - 1].strip()
    return None, next((line.strip() for line in lines if line.strip()), "")


def _failure_message(
    notebook: Path, source: Any, error: Any, kept_at: Path, *, injected: bool, year: Any = None
) -> str:
    """One line: notebook (and the ``year`` it ran for: one edition of several failed),
    failing cell (numbered as in the source notebook), error."""
    # papermill's cell_index counts the injected-parameters cell; find the cell
    # in the source notebook by its code instead, falling back to that index.
    matches = [i for i, cell in enumerate(source.cells) if cell.source == error.source]
    if len(matches) == 1:
        cell_number = matches[0] + 1
    else:
        tagged = [
            i
            for i, cell in enumerate(source.cells)
            if "parameters" in cell.metadata.get("tags", [])
        ]
        injected_at = (tagged[-1] + 1 if tagged else 0) if injected else None
        shift = 1 if injected_at is not None and error.cell_index > injected_at else 0
        cell_number = error.cell_index - shift + 1
    number, line = _failing_line(error)
    where = f"cell {cell_number}"
    if error.exec_count is not None:
        where += f" [In {error.exec_count}]"
    if number:
        where += f", line {number}"
    if line:
        where += f" `{line[:60]}{'…' if len(line) > 60 else ''}`"
    evalue = " ".join(str(error.evalue).split())
    if error.ename == "InputError":  # bad input data: its own message names the file and cell
        return f"{evalue} (the notebook stopped at {where}; executed notebook kept at {kept_at})"
    run = f" for {year}" if year is not None else ""
    return (
        f"{notebook}{run}: {where} failed with {error.ename}: {evalue} "
        f"(executed notebook kept at {kept_at})"
    )


def _normalise_executed(nb: Any, parameters: Mapping[str, Any], staged: Path | None = None) -> None:
    """Strip what changes between identical runs: timestamps, temporary paths, random ids.
    Paths in the ``staged`` folder, which becomes the edition's, are shown relative to it,
    where the notebook lies (``charts``): the same in any clone, and right when it moves."""

    from papermill.translators import PythonTranslator

    def shown(text: str) -> str:
        if staged is None:
            return text
        return text.replace(str(staged) + os.sep, "").replace(str(staged), ".")

    parameters = {k: shown(v) if isinstance(v, str) else v for k, v in parameters.items()}
    papermill_md = nb.metadata.get("papermill", {})
    nb.metadata["papermill"] = {
        "parameters": dict(parameters),
        "default_parameters": papermill_md.get("default_parameters", {}),
    }
    taught = {k: v for k, v in parameters.items() if k not in RUN_ONLY_PARAMETERS}
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = f"injected-parameters-{index}"  # written anew as papermill writes it
            cell.source = PythonTranslator.codify(taught) if staged else cell.source
    if staged is not None:  # an edition's teaching copy: the injected cell is kept (as
        _fold_into_parameters_cell(nb, taught)  # above) only where it cannot be folded


#: Parameters the teaching copy leaves at the notebook's default: the folder the run saved
#: its charts in is the edition's, which a class's rerun for 2010 overwrote.
RUN_ONLY_PARAMETERS = ("charts_dir",)


def _fold_into_parameters_cell(nb: Any, parameters: Mapping[str, Any]) -> None:
    """Give the parameters cell the values the run was given and drop papermill's injected
    cell after it: a student who changes ``year`` in the first cell and runs on gets that
    year (the injected cell, run next, put the edition's back without a word). A value is
    replaced where it last takes effect, in a plain assignment of one name; IPython's own
    lines (``%matplotlib inline``) are read as comments; a cell Python still cannot parse,
    or with carriage returns, keeps the injected cell."""
    import ast

    from papermill.translators import PythonTranslator

    def tagged(tag: str) -> list[int]:
        return [i for i, c in enumerate(nb.cells) if tag in c.metadata.get("tags", [])]

    first, injected = tagged("parameters"), tagged("injected-parameters")
    if not first or not injected or "\r" in nb.cells[first[0]].source:
        return
    cell = nb.cells[first[0]]
    lines = cell.source.split("\n")
    python = ["#" + x if x.lstrip().startswith(("%", "!")) else x for x in lines]
    try:
        statements = ast.parse("\n".join(python)).body
    except SyntaxError:
        return
    encoded = [line.encode() for line in lines]  # ast's offsets are bytes
    left, edits = dict(parameters), []
    for name, node in _last_assignments(statements).items():
        value = getattr(node, "value", None)
        targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", 0)]
        plain = isinstance(node, ast.Assign | ast.AnnAssign) and len(targets) == 1
        one_line = value is not None and value.lineno == value.end_lineno  # replaced in place
        if name in left and plain and isinstance(targets[0], ast.Name) and one_line:
            edits.append((value.lineno - 1, value.col_offset, value.end_col_offset, name))
    for row, start, end, name in sorted(edits, reverse=True):  # right to left: offsets hold
        new = PythonTranslator.translate(left.pop(name)).encode()
        encoded[row] = encoded[row][:start] + new + encoded[row][end:]
    more = [f"{name} = {PythonTranslator.translate(value)}" for name, value in left.items()]
    cell.source = "\n".join([line.decode() for line in encoded] + more)
    for index in reversed(injected):
        del nb.cells[index]


def _last_assignments(statements: list) -> dict[str, Any]:
    """The last of the cell's ``statements`` that sets each name (``year = 2024``, but also
    ``year += 1`` or a loop's ``for year in ...``): only that one may be given the run's
    value in place; the others would be overridden by it."""
    import ast

    last: dict[str, Any] = {}
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                last[node.id] = statement
    return last


# --------------------------------------------------------------------------- render


def _release_date(date: str | None) -> str | None:
    """The date the reports carry in their metadata: ``date``, else SOURCE_DATE_EPOCH, else none.

    Never the run time: a rebuild from the same inputs must not change.
    """
    if date:
        return str(date)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return None


def _exporter(template_name: str) -> Any:
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True  # (cells of REMOVED_CELL_TAGS: _publishable)
    config.TagRemovePreprocessor.remove_all_outputs_tags = set(REMOVED_OUTPUT_TAGS)
    config.HTMLExporter.exclude_anchor_links = True
    config.HTMLExporter.embed_images = True
    config.HTMLExporter.sanitize_html = False
    config.HTMLExporter.display_data_priority = list(DISPLAY_PRIORITY)
    return HTMLExporter(
        config=config,
        template_name=template_name,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
    )


def _is_published(output: Any) -> bool:
    """Whether an output reaches the readers: stdout and displayable data, not stderr or errors."""
    if output.get("output_type") == "stream":
        return output.get("name") == "stdout"
    if output.get("output_type") in {"display_data", "execute_result"}:
        return any(mimetype in output.get("data", {}) for mimetype in DISPLAY_PRIORITY)
    return False


def _publishable(nb: Any, *, slides: bool) -> Any:
    """A copy of ``nb`` holding only what readers see in the page or in the slides.

    Cells with :data:`REMOVED_CELL_TAGS` go first (a try-it chart left its speaker note on
    the last slide). The page (HTML, PDF) shows every prose cell, speaker notes included,
    and leaves out cells tagged ``slides-only``; the slides leave out cells tagged
    ``page-only`` and turn ``notes`` cells into speaker notes. A code cell that opens a
    slide and shows nothing (a chart the data do not call for) opens none: its break moves
    to the next cell shown.
    """
    import copy

    nb = copy.deepcopy(nb)
    dropped = PAGE_ONLY_TAG if slides else SLIDES_ONLY_TAG
    cells, pending = [], None  # the slide break of a code cell that showed nothing
    for cell in nb.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if dropped in tags or tags & REMOVED_CELL_TAGS:  # (a try-it chart's note stayed)
            continue
        if not slides:
            cell.get("metadata", {}).pop("slideshow", None)
        if cell.cell_type == "code":
            cell.outputs = [output for output in cell.outputs if _is_published(output)]
        slideshow = cell.get("metadata", {}).get("slideshow", {})
        kind = slideshow.get("slide_type", "-")
        if slides and cell.cell_type == "code" and not cell.outputs and kind in NEW_SLIDE:
            pending = pending or kind  # no chart to show: no empty slide; the break moves on
            continue
        if slides and cell.cell_type == "code" and not cell.outputs and kind == "notes":
            continue  # nothing to say: no empty speaker note
        if pending and kind in ("-", ""):
            slideshow["slide_type"] = pending
            cell.setdefault("metadata", {})["slideshow"] = slideshow
        if kind != "notes" and kind != "skip":
            pending = None
        cells.append(cell)
    nb.cells = (
        _join_short_slides(
            _bare_slides_show_a_note(
                _with_chart_notes(_notes_to_next_slide(_unbroken_headings(cells)))
            )
        )
        if slides
        else cells
    )
    return nb


#: A hyphen between two letters in a heading ("under-used").
_WORD_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def _unbroken_headings(cells: list) -> list:
    """The cells with the hyphens of their headings' compound words made non-breaking, so a
    slide's large title does not end a line on "under-" and put "used" on the next."""
    for cell in cells:
        if cell.cell_type == "markdown" and cell.source.startswith("#"):
            head, _, rest = cell.source.partition("\n")
            cell.source = "\n".join(filter(None, [_WORD_HYPHEN.sub("\u2011", head), rest]))
    return cells


#: A chart's alternate text in its figure (``briefing.show``'s HTML output).
_ALT = re.compile(r'<figure class="chart"[^>]*>\s*<img [^>]*?alt="([^"]*)"')


def _with_chart_notes(cells: list) -> list:
    """The cells with, after each chart, a speaker note saying what the chart shows (its
    alternate text): what a presenter points at, before the notes on it."""
    import html

    import nbformat

    from analysis.wording import plain

    placed = []
    for cell in cells:
        placed.append(cell)
        alt = _chart_alt(cell)
        if alt is not None:
            note = nbformat.v4.new_markdown_cell(f"On the chart: {plain(html.unescape(alt))}")
            note.metadata["slideshow"] = {"slide_type": "notes"}
            placed.append(note)
    return placed


def _chart_alt(cell: Any) -> str | None:
    """The alternate text of the chart a code cell shows (HTML-escaped), None for none."""
    if cell.cell_type != "code":
        return None
    texts = [str(o.get("data", {}).get("text/html", "")) for o in cell.get("outputs", [])]
    found = next((m for m in map(_ALT.search, texts) if m), None)
    return found[1] if found else None


def _notes_to_next_slide(cells: list) -> list:
    """The cells with those tagged :data:`NOTES_NEXT_TAG` moved into the next slide when a
    chart opens it; when a heading opens it (the chart showed nothing and was dropped),
    they stay where they were, on the slide before."""
    placed, held = [], []
    for cell in cells:
        if NOTES_NEXT_TAG in cell.get("metadata", {}).get("tags", []):
            held.append(cell)
            continue
        if held and _slide_type(cell) in NEW_SLIDE:
            chart = _chart_alt(cell) is not None
            placed, held = [*placed, cell, *held] if chart else [*placed, *held, cell], []
            continue
        placed.append(cell)
    return placed + held


#: The slide types that open a new slide.
NEW_SLIDE = ("slide", "subslide")
#: A slide of a heading and a line or two (a small country's brief: "No refugees ...
#: recorded") joins the short slide before it, up to this many characters in all.
SHORT_SLIDE = 420


#: At most this many short slides read as one (Ukraine's brief stacked three headings).
JOINED_AT_MOST = 2
#: The tag of a slide never joined to another (the sources and notes).
OWN_SLIDE = "own-slide"


def _join_short_slides(cells: list) -> list:
    """Cells with the break of a short slide (text only, :data:`SHORT_SLIDE` characters
    with the short slide before it, :data:`JOINED_AT_MOST` slides at most) removed, so
    they read as one slide; a slide with a chart or an image, or tagged
    :data:`OWN_SLIDE`, is never joined."""
    before, joined = None, 0  # the text length of the slide before, when it is short
    for slide in _slides(cells):
        slideshow = slide[0].get("metadata", {}).get("slideshow", {})
        if slideshow.get("slide_type") not in NEW_SLIDE:
            continue  # the cells before the first break
        own = OWN_SLIDE in slide[0].get("metadata", {}).get("tags", [])
        size = None if own else _slide_size(slide)
        short = before is not None and size is not None and before + size <= SHORT_SLIDE
        if short and joined < JOINED_AT_MOST:
            slideshow["slide_type"] = "-"  # one slide with the one before
            before, joined = before + size, joined + 1
        else:
            before, joined = size, 1
    return cells


def _bare_slides_show_a_note(cells: list) -> list:
    """The cells with the first speaker note of a slide that shows nothing but headings (its
    chart and bullets not called for: the 1985 edition's trend, before UN DESA's estimates)
    shown on that slide, as the page shows it: two headings over nothing made a blank slide."""
    for slide in _slides(cells):
        if _slide_type(slide[0]) not in NEW_SLIDE:
            continue
        shown = [
            c
            for c in slide
            if _slide_type(c) not in ("notes", "skip") and (c.cell_type != "code" or c.outputs)
        ]
        notes = [c for c in slide if _slide_type(c) == "notes" and (c.get("outputs") or c.source)]
        if notes and all(_is_heading(c) for c in shown):
            notes[0]["metadata"]["slideshow"]["slide_type"] = "-"
    return cells


def _is_heading(cell: Any) -> bool:
    """Whether a cell shows headings alone."""
    lines = [line for line in cell.source.splitlines() if line.strip()]
    return cell.cell_type == "markdown" and all(line.startswith("#") for line in lines)


def _slide_type(cell: Any) -> str:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")


def _slides(cells: list) -> list[list]:
    """The cells in runs, each from a slide break to the next."""
    runs: list[list] = []
    for cell in cells:
        if not runs or _slide_type(cell) in NEW_SLIDE:
            runs.append([])
        runs[-1].append(cell)
    return runs


def _slide_size(slide: list) -> int | None:
    """The characters a slide's cells show (notes left out), or None when it shows a
    chart, an image or a table."""
    size = 0
    for cell in slide:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if _slide_type(cell) in ("notes", "skip") or tags & REMOVED_CELL_TAGS:
            continue  # not on the slide
        texts = [cell.source] if cell.cell_type == "markdown" else []
        for output in [] if tags & REMOVED_OUTPUT_TAGS else cell.get("outputs", []):
            data = output.get("data", {})
            html, markdown = str(data.get("text/html", "")), str(data.get("text/markdown", ""))
            if any(k.startswith("image/") for k in data) or any(
                t in html for t in ("<svg", "<img", "<table")
            ):
                return None
            if "|---" in markdown:  # a Markdown table
                return None
            texts.append(markdown or html or str(output.get("text", "")))
        size += sum(len(re.sub(r"<[^>]+>", "", text)) for text in texts)
    return size


def _render(nb: Any, template_name: str, briefing: dict[str, Any], *, slides: bool) -> str:
    """Render the executed notebook with one of the package's nbconvert templates."""
    exporter = _exporter(template_name)
    resources = {"briefing": briefing, "metadata": {"name": "briefing"}}
    try:
        body, _ = exporter.from_notebook_node(_publishable(nb, slides=slides), resources=resources)
    except ValueError as error:  # e.g. "All cells are hidden, cannot create slideshow"
        raise InputError(f"cannot render {template_name}: {error}") from error
    return body


def _briefing_resources(title: str, subtitle: str | None, date: str | None) -> dict[str, Any]:
    if not title or not str(title).strip():
        raise InputError("the briefing needs a title")
    return {
        "title": " ".join(str(title).split()),
        "subtitle": " ".join(str(subtitle).split()) if subtitle else "",
        "date": _release_date(date),
        "language": "en",
        # the page's and the PDF's document properties (Subject, Keywords, Creator)
        "description": DESCRIPTION,
        "keywords": KEYWORDS,
        "generator": GENERATOR,
    }


def to_html(
    nb: nbformat.NotebookNode,
    *,
    title: str,
    subtitle: str | None = None,
    date: str | None = None,
) -> str:
    """The executed notebook as one self-contained HTML page, outputs only.

    Published: Markdown cells and the outputs of code cells (HTML, Markdown,
    images, plain text, stdout). Not published: code, prompts, stderr
    (warnings, logging), tracebacks, JavaScript and widgets, cells tagged
    ``remove_cell``/``parameters``/``injected-parameters``, the outputs of cells
    tagged ``remove_output``, and speaker notes (``slide_type`` ``notes``).

    ``date`` (ISO 8601, the data release date) goes into the page's
    ``dcterms.created``/``modified`` metadata, which the PDF inherits; without it,
    ``SOURCE_DATE_EPOCH`` is used when set, else no date at all.
    """
    return _render(nb, HTML_TEMPLATE, _briefing_resources(title, subtitle, date), slides=False)


def _reveal_asset(name: str) -> str:
    """A vendored reveal.js file as text, ready to inline (no source map, no font import)."""
    text = (REVEAL_DIR / name).read_text(encoding="utf-8")
    lines = [
        line
        for line in text.splitlines()
        if not line.startswith("//# sourceMappingURL=") and not line.startswith("@import ")
    ]
    return "\n".join(lines).replace("</script", "<\\/script")


def to_slides(
    nb: nbformat.NotebookNode,
    *,
    title: str,
    subtitle: str | None = None,
) -> str:
    """The executed notebook as reveal.js slides in one offline HTML file, outputs only.

    Each cell whose ``metadata.slideshow.slide_type`` is ``slide`` or ``subslide``
    opens a slide (``<section class="slide">``); ``fragment`` cells appear one
    by one, ``notes`` become speaker notes, ``skip`` cells are left out. A title
    slide comes first.
    """
    briefing = _briefing_resources(title, subtitle, None)
    briefing.update(
        reveal_js=_reveal_asset("reveal.js"),
        reveal_notes_js=_reveal_asset("notes.js"),
        reveal_css=_reveal_asset("reveal.css"),
        reveal_theme_css=_reveal_asset("theme/white.css"),
        slide_width=SLIDE_WIDTH,
        slide_height=SLIDE_HEIGHT,
    )
    return _render(nb, SLIDES_TEMPLATE, briefing, slides=True)


def _offline_url_fetcher() -> Any:
    """WeasyPrint's fetcher restricted to ``data:`` URLs: the PDF never reads the network."""
    from weasyprint import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


#: A chart's numbers, as :func:`analysis.briefing.chart_data` writes them (no nested details).
_CHART_DATA = re.compile(r'<details class="chart-data">.*?</details>', re.S)
#: A link's text that is its address ("https://..."), between the tags.
_SHOWN_ADDRESS = re.compile(r"(<a [^>]*>)(https?://[^<]*)(</a>)")


def pdf_bytes(html: str) -> bytes:
    """Print the briefing page (from :func:`to_html`) to PDF bytes with WeasyPrint."""
    import logging

    from weasyprint import HTML

    # WeasyPrint logs every CSS property it does not support (e.g. text-size-adjust)
    # as a warning; those are expected for a page also styled for browsers.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # The charts' number tables are hidden in print (briefing.css): leaving them out
    # before WeasyPrint styles every cell gives the same PDF, about 0.3 s sooner.
    html = _CHART_DATA.sub("", html)
    # printed, a line may not end on "https://" alone nor on a hyphen, which would read as
    # a word's ("data-" / "summaries"): word joiners hold them to what follows, so lines
    # break after a "/" (in print only: a reader copying from the page gets the address)
    html = _SHOWN_ADDRESS.sub(_held_together, html)
    document = HTML(string=html, url_fetcher=_offline_url_fetcher(), media_type="print")
    # fontTools stamps each embedded font subset with the current time unless
    # SOURCE_DATE_EPOCH is set: pin it, so the same page gives the same PDF bytes.
    with _source_date_epoch():
        return document.write_pdf(pdf_tags=True)  # tagged: read aloud in order, alt texts


def _held_together(link: re.Match) -> str:
    """A link showing its address, with a word joiner after "://" and after each hyphen."""
    shown = link[2].replace("://", "://\u2060").replace("-", "-\u2060")
    return f"{link[1]}{shown}{link[3]}"


@contextlib.contextmanager
def _source_date_epoch() -> Iterator[None]:
    """Set SOURCE_DATE_EPOCH (to 0) for the duration, unless the caller already set it."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        yield
        return
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "0"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def to_pdf(html: str, path: Path) -> Path:
    """Print the briefing page to an A4 PDF at ``path`` (written atomically)."""
    from analysis.atomic import write_bytes

    return write_bytes(Path(path), pdf_bytes(html))


# --------------------------------------------------------------------------- editions


def render_edition(
    notebook: Path,
    out_dir: Path,
    parameters: dict,
    *,
    title: str,
    formats: Iterable[str] = FORMATS,
    subtitle: str | None = None,
    date: str | None = None,
    cwd: Path | None = None,
    timeout: int | None = None,
    charts: bool = False,
    key: str = "",
    noted: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Execute the notebook once and publish the requested formats as ``out_dir``.

    Everything (pages, the executed notebook and, with ``charts``, the charts the notebook
    saves into the ``charts_dir`` it is given) is built in one staging folder beside
    ``out_dir``, which then replaces ``out_dir`` as one unit (:func:`analysis.builds.publish`,
    recording ``key`` and what is ``noted``): a failure or an interruption leaves the
    previous edition as it was.
    A failed run keeps its executed notebook as ``out_dir/briefing.failed.ipynb`` (named in
    the error); a later successful run removes it.

    Returns ``{format: Path}`` for each written file (``html``, ``pdf``, ``slides``,
    ``notebook``; ``charts``, the folder) plus ``"timings"``: seconds per step
    (``execute``, ``html``, ``slides``, ``pdf``, ``notebook``, ``publish``, ``total``).
    """
    from analysis import builds

    notebook = Path(notebook)
    out_dir = builds.followed(out_dir)
    formats = tuple(dict.fromkeys(formats))
    unknown = [fmt for fmt in formats if fmt not in FILE_NAMES]
    if unknown or not (formats or charts):  # the charts alone are an edition too
        raise InputError(
            f"unknown report format {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(FORMATS)}"
        )
    if "pdf" in formats:
        check_pdf_libraries()
    started = time.perf_counter()
    _warm_up(formats)
    staging = builds.new_staging(out_dir, kept=(FAILED_NOTEBOOK,))
    try:
        builds.pause("staging")
        timings = _build_edition(
            notebook,
            staging,
            out_dir,
            parameters,
            formats,
            resources={"title": title, "subtitle": subtitle, "date": date},
            cwd=cwd,
            timeout=timeout,
            charts=charts,
        )
        step = time.perf_counter()
        builds.publish(staging, out_dir, key, parameters, noted)
        timings["publish"] = time.perf_counter() - step
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    written: dict[str, Any] = {fmt: out_dir / FILE_NAMES[fmt] for fmt in formats}
    if charts:
        written["charts"] = out_dir / "charts"
    timings["total"] = time.perf_counter() - started
    written["timings"] = timings
    return written


def _build_edition(
    notebook: Path,
    staging: Path,
    out_dir: Path,
    parameters: dict,
    formats: tuple[str, ...],
    *,
    resources: dict[str, Any],
    cwd: Path | None,
    timeout: int | None,
    charts: bool,
) -> dict[str, float]:
    """Execute and render into ``staging``; return the seconds each step took.

    With ``charts``, the kernel leaves the PNG files to a process that draws them from the
    pickled figures (:mod:`analysis.charts.raster`) as they appear, while the kernel goes on
    and this process prints the pages.
    """
    timings: dict[str, float] = {}
    if charts:
        from analysis.charts import raster

        (staging / "charts").mkdir()
        raster.leave_for_later(staging / "charts")
        # absolute: the kernel runs in the notebook's folder, not this one (a relative --out
        # had the charts saved under notebooks/ and an empty charts/ published)
        parameters = {**parameters, "charts_dir": str((staging / "charts").absolute())}
    with _Rasteriser(staging / "charts") if charts else contextlib.nullcontext() as drawing:
        nb = _execute_staged(notebook, staging, out_dir, parameters, cwd, timeout, timings)
        if drawing is not None:
            drawing.executed()
        _print_pages(nb, staging, formats, resources, timings)
        if drawing is not None:
            step = time.perf_counter()
            drawing.finish()
            timings["png"] = time.perf_counter() - step  # the wait left after the pages
    # The teaching copy was written (normalised) by the execute step; this
    # step only times checking it is a valid notebook before it is published.
    step = time.perf_counter()
    staged_notebook = staging / FILE_NAMES["notebook"]
    if "notebook" in formats:
        import nbformat

        nbformat.validate(nbformat.read(staged_notebook, as_version=4))
    else:
        staged_notebook.unlink(missing_ok=True)
    timings["notebook"] = time.perf_counter() - step
    return timings


def _execute_staged(
    notebook: Path,
    staging: Path,
    out_dir: Path,
    parameters: dict,
    cwd: Path | None,
    timeout: int | None,
    timings: dict[str, float],
) -> Any:
    """Execute into ``staging``; a failed run's notebook is kept beside ``out_dir``."""
    from analysis import builds

    failed_copy = out_dir / FAILED_NOTEBOOK
    staged_notebook = staging / FILE_NAMES["notebook"]
    step = time.perf_counter()
    try:
        nb = _execute(
            notebook,
            staged_notebook,
            parameters,
            cwd=cwd,
            timeout=timeout,
            kept_at=failed_copy,
            staged=staging,
        )
    except InputError:
        if staged_notebook.exists():
            out_dir.mkdir(parents=True, exist_ok=True)
            os.replace(staged_notebook, failed_copy)
        raise
    timings["execute"] = time.perf_counter() - step
    builds.pause("executed")
    return nb


def _print_pages(
    nb: Any,
    staging: Path,
    formats: tuple[str, ...],
    resources: dict[str, Any],
    timings: dict[str, float],
) -> None:
    """Write the HTML page, the slides and the PDF asked for into ``staging``, timed."""
    title, subtitle = resources["title"], resources["subtitle"]
    html = None
    if "html" in formats or "pdf" in formats:
        step = time.perf_counter()
        html = to_html(nb, title=title, subtitle=subtitle, date=resources["date"])
        if "html" in formats:
            (staging / FILE_NAMES["html"]).write_text(html, encoding="utf-8")
        timings["html"] = time.perf_counter() - step
    if "slides" in formats:
        step = time.perf_counter()
        slides = to_slides(nb, title=title, subtitle=subtitle)
        (staging / FILE_NAMES["slides"]).write_text(slides, encoding="utf-8")
        timings["slides"] = time.perf_counter() - step
    if "pdf" in formats:
        step = time.perf_counter()
        (staging / FILE_NAMES["pdf"]).write_bytes(pdf_bytes(html))
        timings["pdf"] = time.perf_counter() - step


class _Rasteriser:
    """A process drawing the PNG files of the figures pickled in ``folder``
    (``python -m analysis.charts.raster``) as the kernel pickles them; as a context
    manager, it never outlives the block."""

    def __init__(self, folder: Path) -> None:
        import subprocess
        import tempfile

        self.folder = folder
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "analysis.charts.raster", str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=self.errors,
            env={**os.environ, **_package_path()},
        )

    def executed(self) -> None:
        """Tell the process no figure will come after those already pickled."""
        if self.process.stdin and not self.process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):
                self.process.stdin.close()

    def finish(self) -> None:
        """Wait for the drawing; :class:`InputError` (one line) if it failed."""
        self.executed()
        if self.process.wait():
            self.errors.seek(0)
            lines = self.errors.read().decode("utf-8", "replace").strip().splitlines()
            reason = lines[-1] if lines else f"exit status {self.process.returncode}"
            raise InputError(f"{self.folder}: the charts' PNG files could not be drawn: {reason}")

    def stop(self) -> None:
        self.executed()
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.errors.close()

    def __enter__(self) -> _Rasteriser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


#: The system libraries WeasyPrint loads to print PDFs (Debian's libpango-1.0-0, libpangoft2-1.0-0).
PDF_LIBRARIES = ("pango-1.0", "pangoft2-1.0")


def check_pdf_libraries() -> None:
    """Refuse, in one line naming the fix, a PDF that WeasyPrint could not print for want of
    Pango (checked on Linux, where ``make`` installs it; WeasyPrint finds it elsewhere)."""
    missing = _missing_pdf_library() if sys.platform.startswith("linux") else None
    if missing:
        raise InputError(
            f"the PDF needs the system library {missing}: as root, run apt-get install -y "
            "libpango-1.0-0 libpangoft2-1.0-0, or leave pdf out of --formats"
        )


@functools.cache
def _missing_pdf_library() -> str | None:
    """The first of :data:`PDF_LIBRARIES` that cannot be loaded, and why (once a process)."""
    import ctypes
    import ctypes.util

    for name in PDF_LIBRARIES:
        try:
            ctypes.CDLL(ctypes.util.find_library(name) or f"lib{name}.so.0")
        except OSError as err:
            return f"{name} (Pango), which cannot be loaded ({str(err).split(':')[-1].strip()})"
    return None


def _warm_up(formats: tuple[str, ...]) -> None:
    """Import the renderers in a background thread while the kernel executes the notebook.

    The edition's process mostly waits on the kernel during execution; loading nbconvert
    and WeasyPrint then takes them off the critical path.
    """
    import importlib
    import threading

    import nbclient  # noqa: F401 - loaded first, here: the thread must not race the executor
    import papermill  # noqa: F401

    modules = ["nbconvert"] if {"html", "pdf", "slides"} & set(formats) else []
    modules += ["weasyprint"] if "pdf" in formats else []

    def load(name: str) -> None:  # a library that cannot load says so when it is used
        with contextlib.suppress(Exception):
            importlib.import_module(name)

    for name in modules:
        threading.Thread(target=load, args=(name,), daemon=True).start()


def _render_edition_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one job of :func:`render_editions` (module level, so worker processes can import it)."""
    return render_edition(**job)


def render_editions(jobs: list[dict], processes: int = 2) -> list[dict[str, Any]]:
    """Render several editions in parallel, one worker process per edition at a time.

    Each job holds :func:`render_edition`'s keyword arguments (``notebook``,
    ``out_dir``, ``parameters``, ``title``, optionally ``formats``, ...).
    Results come back in the order of ``jobs``. The first edition to fail with
    :class:`InputError` (in job order) is re-raised once the running ones have
    stopped; editions not yet started are cancelled. Workers are started with
    the ``spawn`` method: no kernel, event loop or lock is inherited by fork.
    """
    jobs = [dict(job) for job in jobs]
    for number, job in enumerate(jobs, start=1):
        missing = {"notebook", "out_dir", "parameters", "title"} - set(job)
        if missing:
            raise InputError(f"edition job {number} lacks {', '.join(sorted(missing))}")
    out_dirs = [Path(job["out_dir"]).resolve() for job in jobs]
    if len(set(out_dirs)) != len(out_dirs):
        raise InputError("two editions would write into the same output directory")
    if not jobs:
        return []
    if processes <= 1 or len(jobs) == 1:
        return [render_edition(**job) for job in jobs]

    from analysis.errors import in_worker, stops_held, worker_pool

    workers = min(processes, len(jobs), os.cpu_count() or 1) or 1
    with worker_pool(workers) as pool:
        with stops_held():  # until every worker has started
            futures = [pool.submit(in_worker, _render_edition_job, job) for job in jobs]
        return [future.result() for future in futures]


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - a developer's shortcut
    """``python -m analysis.render NOTEBOOK OUT_DIR TITLE [name=value ...]`` (values as JSON)."""
    import json

    args = sys.argv[1:] if argv is None else argv
    if len(args) < 3:
        print(main.__doc__, file=sys.stderr)
        return 2
    notebook, out_dir, title, *pairs = args
    parameters = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        try:
            parameters[name] = json.loads(value)
        except json.JSONDecodeError:
            parameters[name] = value
    try:
        result = render_edition(Path(notebook), Path(out_dir), parameters, title=title)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(json.dumps({k: (str(v) if isinstance(v, Path) else v) for k, v in result.items()}))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
