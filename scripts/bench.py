"""Benchmark (``make bench``): wall times of reading, processing, figures and the report.

Prints seconds, best of a few runs for the quick steps. The report part times
``python -m analysis report`` (both default editions, in parallel), splits it into
notebook execution and each rendering step, and compares it with executing the
notebooks alone (one ``papermill`` command per edition, run side by side).
"""

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis import config
from analysis.datasets import load_displacement
from analysis.figures import load_migrant_stock
from analysis.processed import displacement_tables, write_tables
from analysis.report import NOTEBOOK, build_report, default_years

FORMATS = ["html", "pdf", "slides", "notebook", "charts"]
RUNS = 3


def best_of(n: int, run) -> float:
    """The shortest wall time of ``n`` runs of ``run()``."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def data_rows(tmp: Path) -> list[tuple[str, float]]:
    """Reading the raw files, building the processed tables, the figures command."""
    rows = []
    sources = [("project extracts", config.RAW_DIR)]
    if config.REFERENCE_DIR.exists():
        sources.append(("full reference release", config.REFERENCE_DIR))
    for label, raw in sources:
        read = best_of(3, lambda raw=raw: load_displacement(raw))
        data = load_displacement(raw)
        build = best_of(3, lambda data=data: write_tables(displacement_tables(data), tmp))
        rows.append((f"read + validate UNHCR files ({label})", read))
        rows.append((f"build + write processed tables ({label})", build))
        rows.append((f"  = processed tables from {label}", read + build))
        stock = best_of(3, lambda raw=raw: load_migrant_stock(raw))
        rows.append((f"read UN DESA workbook + build its table ({label})", stock))
        cmd = [sys.executable, "-m", "analysis", "figures", "--year", "2016", "--raw-dir", str(raw)]
        wall = best_of(3, lambda cmd=cmd: subprocess.run(cmd, check=True, capture_output=True))
        rows.append((f"`figures --year 2016` command, wall ({label})", wall))
    return rows


def execute_alone(years: list[int], tmp: Path) -> None:
    """One ``papermill`` command per edition, run side by side, as a user would run them.

    Same parameters as the report's run, so the notebook saves its chart files too: the
    ratio then measures what rendering HTML, PDF and slides adds to the execution.
    """
    papermill = Path(sys.executable).with_name("papermill")
    runs = [
        subprocess.Popen(
            [str(papermill), str(NOTEBOOK), str(tmp / f"{y}.ipynb"), "-p", "year", str(y)]
            + ["-p", "raw_dir", str(config.RAW_DIR), "--cwd", str(config.PROJECT_ROOT)]
            + ["-p", "charts_dir", str(tmp / f"charts-{y}")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for y in years
    ]
    if any(run.wait() for run in runs):
        raise SystemExit("papermill failed")


def report_rows(tmp: Path) -> list[tuple[str, float]]:
    """The report: whole command, its steps per edition, and the notebooks executed alone."""
    years = default_years(config.RAW_DIR)
    cmd = [sys.executable, "-m", "analysis", "report", "--out", str(tmp / "cli")]
    forced = [*cmd, "--force"]  # every run builds, though nothing changed
    report = best_of(RUNS, lambda: subprocess.run(forced, check=True, capture_output=True))
    rows = [(f"`report` command, editions {years} in parallel, wall (best of {RUNS})", report)]
    rerun = best_of(RUNS, lambda: subprocess.run(cmd, check=True, capture_output=True))
    rows.append((f"`report` again, nothing changed (best of {RUNS})", rerun))
    results = build_report(config.RAW_DIR, tmp / "api", years, FORMATS)
    for year, result in zip(years, results, strict=True):
        for step, seconds in result["timings"].items():
            rows.append((f"  {year}: {step}", seconds))
    alone = best_of(RUNS, lambda: execute_alone(years, tmp))
    rows.append((f"executing the notebooks alone (papermill, side by side), best of {RUNS}", alone))
    rows.append(("ratio: report / notebooks alone", report / alone))
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rows = data_rows(Path(tmp)) + report_rows(Path(tmp))
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        unit = "" if name.startswith("ratio") else " s"
        print(f"{name:<{width}}  {value:6.2f}{unit}")


if __name__ == "__main__":
    main()
