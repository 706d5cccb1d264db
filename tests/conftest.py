"""Shared fixtures: project raw data, the full reference release, raw folders built by tests."""

import copy
import re
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from analysis import config

RDF_HEADERS = {
    "year": "Year",
    "coo_name": "Country of origin",
    "coo_iso": "Country of origin (ISO)",
    "coa_name": "Country of asylum",
    "coa_iso": "Country of asylum (ISO)",
    "refugees": "Refugees under UNHCR's mandate",
    "asylum_seekers": "Asylum-seekers",
    "returned_refugees": "Returned refugees",
    "idps": "IDPs of concern to UNHCR",
    "returned_idps": "Returned IDPss",
    "stateless": "Stateless persons",
    "ooc": "Others of concern",
    "oip": "Other people in need of international protection",
    "hst": "Host Community",
}
#: The modules that run notebooks end to end, longest first. pytest-xdist hands out whole
#: modules (``--dist loadfile``) in collection order, so these start first and the short
#: unit-test modules fill in at the end, leaving no worker idle while one finishes a long one.
END_TO_END = ["test_briefs", "test_report", "test_builds", "test_render", "test_notebook"]
#: Then the longest unit-test modules (several seconds each), so none is left to run alone.
LONGER = ["test_unhcr", "test_charts", "test_figures", "test_undesa", "test_raster"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The end-to-end modules first, then the longer ones (the order within each module is
    kept)."""
    first = END_TO_END + LONGER

    def rank(item: pytest.Item) -> int:
        name = item.path.stem
        return first.index(name) if name in first else len(first)

    items.sort(key=rank)


PREAMBLE = (
    "Data extracted from UNHCR's Refugee Data Finder\n"
    "Extracted on: 25 November 2026\n"
    '"Source: UNHCR Refugee Population Statistics Database, www.unhcr.org/refugee-statistics"\n'
    "\n"
)


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """The full official releases (skips when ../shared/data/reference is absent)."""
    if not (config.REFERENCE_DIR / "unhcr" / "population.csv.gz").exists():
        pytest.skip("full reference release not present")
    return config.REFERENCE_DIR


@pytest.fixture(scope="session")
def reference_displacement(reference_dir):
    """The UNHCR tables of the full reference release, read and validated once."""
    from analysis.datasets import load_displacement

    return load_displacement(reference_dir)


@pytest.fixture(scope="session")
def reference_undesa() -> Path:
    """The folder of the full UN DESA workbooks (skips when absent)."""
    folder = config.REFERENCE_DIR / "undesa"
    if not folder.is_dir() or not any(folder.glob("*.xlsx")):
        pytest.skip("UN DESA reference workbooks not present")
    return folder


@pytest.fixture(scope="session")
def reference_stocks(reference_undesa) -> dict[int, pd.DataFrame]:
    """Each reference UN DESA workbook read once, by revision (2020, 2024)."""
    from analysis.sources import undesa

    books = {int(undesa.revision(p)): p for p in sorted(reference_undesa.glob("*.xlsx"))}
    return {rev: undesa.read_migrant_stock(path) for rev, path in books.items()}


@pytest.fixture(scope="session")
def project_population() -> pd.DataFrame:
    """The project's population extract, API layout, as text."""
    return pd.read_csv(
        config.RAW_DIR / "unhcr" / "population.csv.gz", dtype=str, keep_default_na=False
    )


@pytest.fixture(scope="session")
def population_2016(project_population) -> pd.DataFrame:
    """The project's population rows of 2016 (as text, in the API layout)."""
    return project_population[project_population["year"] == "2016"]


@pytest.fixture(scope="session")
def project_tables():
    """The tables of the project's extracts, read and validated once (as key_figures reads
    them: ``key_figures(raw, year, top)`` is ``figures_for(build_tables(raw), year, top)``)."""
    from analysis.processed import build_tables

    return build_tables(config.RAW_DIR)


@pytest.fixture(scope="session")
def project_figures(project_tables) -> Callable[..., dict]:
    """``key_figures(config.RAW_DIR, year, top)``: the tables built once, each (year, top)
    computed once; every call returns a copy of its own, so no test sees another's edits."""
    from analysis.figures import figures_for

    computed = cache(lambda year, top: figures_for(project_tables, year, top))
    return lambda year, top=10: copy.deepcopy(computed(year, top))


@pytest.fixture(scope="session")
def project_stock() -> pd.DataFrame:
    """The project's UN DESA extract as key_figures reads it (the latest revision), read once."""
    from analysis.processed import load_migrant_stock

    return load_migrant_stock(config.RAW_DIR)


def make_raw_dir(tmp: Path) -> Path:
    """A raw folder with the project's tables but no UNHCR population file."""
    unhcr = tmp / "unhcr"
    unhcr.mkdir(parents=True)
    for name in ("unrwa.csv", "idmc.csv", "solutions.csv.gz", "countries.csv"):
        shutil.copy(config.RAW_DIR / "unhcr" / name, unhcr / name)
    shutil.copytree(config.RAW_DIR / "undesa", tmp / "undesa")
    return tmp


def release_ending(tmp: Path, last: int, mid_year: bool) -> Path:
    """A copy of the project's raw folder as a release ending in ``last`` would be: UNHCR's
    tables cut after it, at mid-year (no manifest: a December snapshot) or at year end (the
    manifest saying so, with the files' new checksums)."""
    import gzip
    import json

    from analysis.memo import digest

    raw = shutil.copytree(config.RAW_DIR, tmp / f"release-{last}")
    for path in (raw / "unhcr").iterdir():
        opened = gzip.decompress if path.suffix == ".gz" else bytes
        lines = opened(path.read_bytes()).decode().splitlines(keepends=True)
        kept = "".join(x for x in lines if not x[:4].isdigit() or int(x[:4]) <= last).encode()
        path.write_bytes(gzip.compress(kept, mtime=0) if path.suffix == ".gz" else kept)
    manifest = raw / config.MANIFEST
    if mid_year:
        manifest.unlink()
        return raw
    sources = json.loads(manifest.read_text(encoding="utf-8"))
    for source in sources["sources"]:
        if source["file"].startswith("unhcr/"):
            source |= {"sha256": digest(raw / source["file"]), "provisional_years": []}
            # its name as the project's, but for how far its data run (said on every page)
            source["release"] = re.sub(r"data to \S+\)", f"data to {last})", source["release"])
    manifest.write_text(json.dumps(sources), encoding="utf-8")
    return raw


def copy_project_population(raw: Path) -> Path:
    """The project's population extract into ``raw``, with its manifest entry alone (which
    gives its provisional years)."""
    import json

    path = Path(shutil.copy(config.RAW_DIR / "unhcr" / "population.csv.gz", raw / "unhcr"))
    manifest = json.loads((config.RAW_DIR / config.MANIFEST).read_text(encoding="utf-8"))
    entry = [s for s in manifest["sources"] if s["file"] == "unhcr/population.csv.gz"]
    (raw / config.MANIFEST).write_text(json.dumps({"sources": entry}), encoding="utf-8")
    return path


def rdf_layout(table: pd.DataFrame, aggregate: str | None = None) -> pd.DataFrame:
    """The population table as the Refugee Data Finder downloads it.

    ``aggregate`` = "asylum" keeps only the country of asylum (origin columns become ``-``);
    "origin" keeps only the country of origin.
    """
    counts = ["refugees", "asylum_seekers", "returned_refugees", "idps", "returned_idps"]
    counts += ["stateless", "ooc", "oip", "hst"]
    numeric = table[counts].replace("-", "0").astype("int64")
    keys = table[["year", "coo_name", "coo_iso", "coa_name", "coa_iso"]].copy()
    # The publisher's quirks: a trailing space in a name, another code for "unknown".
    keys = keys.replace({"Unknown": "Unknown ", "UNK": "UKN"})
    if aggregate:
        dropped = "coo" if aggregate == "asylum" else "coa"
        keys[f"{dropped}_name"] = "-"
        keys[f"{dropped}_iso"] = "-"
    out = pd.concat([keys, numeric], axis=1)
    out = out.groupby(list(keys.columns), sort=True, as_index=False)[counts].sum()
    return out.rename(columns=RDF_HEADERS)


def write_rdf_csv(path: Path, table: pd.DataFrame, preamble: str = PREAMBLE) -> Path:
    """Write a Refugee Data Finder style CSV with text lines above the header row."""
    path.write_text(preamble + table.to_csv(index=False), encoding="utf-8")
    return path
