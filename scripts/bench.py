"""Benchmark: reading the full release, building the processed tables, the figures command.

Run with ``make bench``. Prints wall times (best of a few runs) in seconds.
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


def best_of(n: int, run) -> float:
    """The shortest wall time of ``n`` runs of ``run()``."""
    times = []
    for _ in range(n):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    rows = []
    sources = [("project extracts", config.RAW_DIR)]
    if config.REFERENCE_DIR.exists():
        sources.append(("full reference release", config.REFERENCE_DIR))
    with tempfile.TemporaryDirectory() as tmp:
        for label, raw in sources:
            read = best_of(3, lambda raw=raw: load_displacement(raw))
            data = load_displacement(raw)
            build = best_of(3, lambda data=data: write_tables(displacement_tables(data), Path(tmp)))
            rows.append((f"read + validate UNHCR files ({label})", read))
            rows.append((f"build + write processed tables ({label})", build))
            rows.append((f"  total, processed tables from {label}", read + build))
            stock = best_of(3, lambda raw=raw: load_migrant_stock(raw))
            rows.append((f"read UN DESA workbook + build its table ({label})", stock))
            cmd = [sys.executable, "-m", "analysis", "figures", "--year", "2016"]
            cmd += ["--raw-dir", str(raw)]
            wall = best_of(3, lambda cmd=cmd: subprocess.run(cmd, check=True, capture_output=True))
            rows.append((f"`figures --year 2016` wall time ({label})", wall))
    width = max(len(r[0]) for r in rows)
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:6.2f} s")


if __name__ == "__main__":
    main()
