"""Every path the project uses, in one place.

Paths come from where the package itself lies, never from the current folder:

- in a source checkout (``src/analysis`` under a folder holding ``pyproject.toml`` and
  ``notebooks/``), the project's own ``data/``, ``notebooks/`` and ``reports/``, whether
  the package is installed in editable mode or found on ``PYTHONPATH``;
- in an installed wheel, the notebooks and the shipped extracts travel inside the package
  (``analysis/notebooks``, ``analysis/raw_data``); processed tables go to the user's cache
  folder and reports to ``reports/`` under the folder the command runs in.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = PACKAGE_DIR.parents[1]
IN_CHECKOUT = (_SOURCE_ROOT / "pyproject.toml").is_file() and (_SOURCE_ROOT / "notebooks").is_dir()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "analysis"


if IN_CHECKOUT:
    PROJECT_ROOT = _SOURCE_ROOT
    RAW_DIR = PROJECT_ROOT / "data" / "raw"
    PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
    REPORTS_DIR = PROJECT_ROOT / "reports"
    NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
else:  # an installed wheel
    PROJECT_ROOT = PACKAGE_DIR
    RAW_DIR = PACKAGE_DIR / "raw_data"
    PROCESSED_DIR = _cache_dir() / "processed"
    REPORTS_DIR = Path("reports")
    NOTEBOOKS_DIR = PACKAGE_DIR / "notebooks"

REFERENCE_DIR = _SOURCE_ROOT.parent / "shared" / "data" / "reference"
MANIFEST = "sources.json"
#: Natural Earth boundaries (world-atlas, vendored with its licence): the maps' shapes.
WORLD_FILE = PACKAGE_DIR / "static" / "world" / "countries-110m.json"
#: The page listing every edition and brief in a reports folder (analysis.index writes it).
INDEX = "index.html"
#: The index page's title: a page there without it is not this tool's, and is not replaced.
INDEX_TITLE = "Forced displacement and migration: reports"


def raw_dir_parameter(raw_dir: Path | str) -> str:
    """The notebooks' ``raw_dir`` parameter: empty for the project's own folder (their
    default), else the folder's absolute path."""
    raw_dir = Path(raw_dir).resolve()
    return "" if raw_dir == RAW_DIR.resolve() else str(raw_dir)
