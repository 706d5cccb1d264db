"""Benchmark (``make bench``): wall times of the data path, one edition and the report.

Prints seconds (best of a few runs for the quick steps):

- reading and validating the raw files, building the processed tables (cold, and the
  cached read every edition's notebook does), the ``figures`` command;
- one edition with every format against papermill running a one-cell notebook with the
  same kernel, run in pairs so both see the same machine load (target: at most 3x);
- ``python -m analysis report`` for both default editions, as ``make report`` runs it;
- country briefs (HTML and PDF) of the 20 largest hosts of the latest complete year, with
  ``--jobs 1`` and ``--jobs 2`` (speed-up; target at least 1.7 on two cores), and their
  unchanged rerun (target under 2 s); with ``BENCH_ALL=1``, ``briefs --all`` too;
- with ``BENCH_TESTS=1``, the wall time of ``make test``'s command.

``python scripts/bench.py briefs`` times the briefs only.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from analysis import config
from analysis.datasets import load_displacement
from analysis.processed import build_tables, ensure_processed, load_tables
from analysis.render import execute, render_edition
from analysis.report import NOTEBOOK

FORMATS = ["html", "pdf", "slides", "notebook"]
RUNS = 3


def timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def best_of(n: int, run) -> float:
    """The shortest wall time of ``n`` runs of ``run()``."""
    return min(timed(run) for _ in range(n))


def data_rows(tmp: Path) -> list[tuple[str, float]]:
    """Reading the raw files, the processed tables (cold and cached), the figures command."""
    rows = source_rows("project extracts", config.RAW_DIR, tmp)
    if (config.REFERENCE_DIR / "unhcr").exists():
        rows += source_rows("full reference release", config.REFERENCE_DIR, tmp)
    return rows


def forgotten(run):
    """``run`` with the files read before forgotten (readers remember them by their bytes,
    within a process): a cold read, as each command's first is."""

    def cold():
        from analysis import memo

        memo.forget()
        run()

    return cold


def source_rows(label: str, raw: Path, tmp: Path) -> list[tuple[str, float]]:
    root = tmp / label.replace(" ", "-")
    cmd = [sys.executable, "-m", "analysis", "figures", "--year", "2016", "--raw-dir", str(raw)]
    read, build = forgotten(lambda: load_displacement(raw)), forgotten(lambda: build_tables(raw))
    return [
        (f"read + validate UNHCR files ({label})", best_of(3, read)),
        (f"build every processed table ({label})", best_of(2, build)),
        (
            f"  report's first step: build + save them ({label})",
            timed(forgotten(lambda: ensure_processed(raw, root=root))),
        ),
        (
            f"  each notebook's read of the saved tables ({label})",
            best_of(3, lambda: load_tables_from(raw, root)),
        ),
        (
            f"`figures --year 2016` command, wall ({label})",
            best_of(3, lambda: subprocess.run(cmd, check=True, capture_output=True)),
        ),
    ]


def load_tables_from(raw: Path, root: Path) -> None:
    from analysis.processed import read_tables

    read_tables(ensure_processed(raw, root=root))


def one_cell_notebook(tmp: Path) -> Path:
    path = tmp / "one_cell.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


def paired_rows(tmp: Path, year: int) -> list[tuple[str, float]]:
    """One edition with every format and a one-cell notebook, alternately, best of RUNS."""
    load_tables("")  # the processed tables exist, as after report's first step
    tiny = one_cell_notebook(tmp)
    edition, alone = [], []
    for run in range(RUNS):
        out = tmp / f"edition-{run}" / str(year)
        edition.append(
            timed(
                lambda out=out: render_edition(
                    NOTEBOOK,
                    out,
                    {"year": year},
                    title=f"Bench {year}",
                    formats=FORMATS,
                    charts=True,
                    cwd=config.NOTEBOOKS_DIR,
                )
            )
        )
        alone.append(timed(lambda run=run: execute(tiny, tmp / f"tiny-{run}.ipynb", {})))
    best_edition, best_alone = min(edition), min(alone)
    return [
        (f"one edition ({year}), every format and chart files", best_edition),
        ("papermill, one-cell notebook, same kernel", best_alone),
        (f"  ratio (target at most 3x): {best_edition / best_alone:.1f}x", 0.0),
    ]


def report_rows(tmp: Path) -> list[tuple[str, float]]:
    cmd = [sys.executable, "-m", "analysis", "report", "--out", str(tmp / "reports")]
    first = timed(lambda: subprocess.run([*cmd, "--force"], check=True, capture_output=True))
    again = timed(lambda: subprocess.run(cmd, check=True, capture_output=True))
    return [
        ("`make report` (2016 and 2024 editions, every format)", first),
        ("`make report` again, nothing changed", again),
    ]


BRIEFS = 20


def briefs_rows(tmp: Path) -> list[tuple[str, float]]:
    """Briefs of the largest hosts, one job then two; the unchanged rerun; ``--all`` if asked."""
    from analysis.report import default_years

    year = default_years(config.RAW_DIR)[-1]
    load_tables("")  # the processed tables exist, as after the command's first step

    def briefs(out: str, *which: str, jobs: int = 2) -> float:
        cmd = [sys.executable, "-m", "analysis", "briefs", "--year", str(year), *which]
        cmd += ["--out", str(tmp / out), "--jobs", str(jobs), "--formats", "html,pdf"]
        return timed(lambda: subprocess.run(cmd, check=True, capture_output=True))

    top = ("--top-hosts", str(BRIEFS))
    one, two = briefs("briefs-1", *top, jobs=1), briefs("briefs-2", *top, jobs=2)
    rows = [
        (f"`briefs --top-hosts {BRIEFS}` ({year}, html+pdf), --jobs 1", one),
        ("  per brief, one job", one / BRIEFS),
        (f"`briefs --top-hosts {BRIEFS}`, --jobs 2", two),
        (f"  speed-up (target at least 1.7 on two cores): {one / two:.2f}x", 0.0),
        ("  unchanged rerun (target under 2 s)", briefs("briefs-2", *top, jobs=2)),
    ]
    if os.environ.get("BENCH_ALL"):
        jobs = os.cpu_count() or 1
        rows.append((f"`briefs --all`, --jobs {jobs}", briefs("briefs-all", "--all", jobs=jobs)))
    return rows


def test_rows() -> list[tuple[str, float]]:
    if not os.environ.get("BENCH_TESTS"):
        return []
    cmd = [sys.executable, "-m", "pytest", "-q"]
    return [("`make test`", timed(lambda: subprocess.run(cmd, cwd=config.PROJECT_ROOT)))]


def main() -> None:
    only_briefs = sys.argv[1:] == ["briefs"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if only_briefs:
            rows = briefs_rows(tmp)
        else:
            rows = data_rows(tmp) + paired_rows(tmp, 2024) + report_rows(tmp)
            rows += briefs_rows(tmp) + test_rows()
    width = max(len(label) for label, _ in rows)
    for label, seconds in rows:
        print(f"{label:<{width}}  {seconds:6.2f} s" if seconds else label)


if __name__ == "__main__":
    main()
