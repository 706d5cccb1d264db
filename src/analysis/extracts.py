"""Make the project's compact ``data/raw`` extracts from a full official release.

An analyst who downloads a new release runs ``python -m analysis extract
--source DIR`` to regenerate them; each extract keeps the publisher's layout
(API field names, ``-`` for missing) and gets a manifest entry with its origin
and checksum.
"""

import datetime as dt
from pathlib import Path

import pandas as pd

from analysis import notices
from analysis.atomic import refuse_writing_into, write_bytes, write_csv
from analysis.errors import InputError
from analysis.manifest import (
    PUBLISHED_FIGURES,
    UNDESA_STOCK,
    UNHCR_DATABASE,
    gives_mid_year,
    read_manifest,
    refuse_contradicting_release,
    write_manifest,
)
from analysis.memo import digest
from analysis.sources import undesa, unhcr
from analysis.sources.files import extraction_date, find_table, population_files, table_years

FIRST_YEAR = 2000
UNHCR = {
    **UNHCR_DATABASE,
    "api": "https://api.unhcr.org/population/v1/",
    "licence_url": "https://creativecommons.org/licenses/by/4.0/",
    "release": "database snapshot of December 2025 (data to mid-2025)",
    "release_date": "2025-12",
}
DESCRIPTIONS = {
    "unhcr/population.csv.gz": "Stocks by year, country of origin and country of asylum: "
    "refugees under UNHCR's mandate, asylum-seekers, IDPs, stateless and other groups.",
    "unhcr/unrwa.csv": "Palestine refugees registered with UNRWA, by year and field.",
    "unhcr/idmc.csv": "People internally displaced by conflict and violence (IDMC estimates).",
    "unhcr/solutions.csv.gz": "Durable solutions by year, origin and asylum; resettlement and "
    "naturalisation used.",
    "unhcr/countries.csv": (
        "Country codes (ISO3 and UNHCR), names, UNHCR regional bureaux and UN M49 regions."
    ),
}
API_ORDER = ["year", "coo_name", "coo", "coo_iso", "coa_name", "coa", "coa_iso"]


COUNTRY_COLUMNS = [
    "iso_code",
    "unhcr_code",
    "name",
    "unhcr_region",
    "unsd_region",
    "unsd_subregion",
]


def _api_layout(table: pd.DataFrame, counts: list[str]) -> pd.DataFrame:
    """Back to the publisher's layout: API field order, whole numbers, ``-`` for missing."""
    out = table[[c for c in API_ORDER if c in table.columns]].copy()
    for col in counts:
        out[col] = table[col].astype("Int64").astype("string").fillna("-")
    return out


def _since(table: pd.DataFrame, counts: list[str]) -> pd.DataFrame:
    rows = table[(table["year"] >= FIRST_YEAR) & (table[counts].fillna(0) > 0).any(axis=1)]
    return rows.sort_values(["year", "coo_iso", "coa_iso"], kind="stable")


#: Groups an earlier full release may have no column for (host communities, others of
#: concern): written as none, as before; the briefing counts neither.
NOT_IN_EVERY_RELEASE = ("hst", "ooc")


def unhcr_extracts(
    unhcr_dir: Path, release_date: str = UNHCR["release_date"], path: Path | None = None
) -> dict[str, tuple[pd.DataFrame, str, list[int]]]:
    """Each extract: (table, how it was derived, provisional years) of the release of
    ``release_date`` (``YYYY-MM``), its population file ``path`` (else found)."""
    path = path or _population_file(unhcr_dir)
    read = unhcr.read_population(path)
    if not (read.by_origin and read.by_asylum):
        raise InputError(
            f"{path}: gives totals by country of {'origin' if read.by_origin else 'asylum'} "
            "only: an extract is made from the full release, or a download by country of "
            "origin and of asylum together"
        )
    lacking = [g for g in read.absent if g not in NOT_IN_EVERY_RELEASE]
    if lacking:  # written as "-", they would read back as none, not unknown
        raise InputError(
            f"{path}: no column for {', '.join(lacking)}: an extract is made from the full "
            "release, or a download with every population group ticked"
        )
    population = read.table
    latest = provisional(int(population["year"].max()), release_date)
    counts = unhcr.POPULATION_COUNTS
    solutions = unhcr.read_solutions(find_table(unhcr_dir, "solutions"))
    countries = unhcr.read_countries(find_table(unhcr_dir, "countries"))
    extracts = {
        "unhcr/population.csv.gz": (
            _api_layout(_since(population, counts), counts),
            f"rows from {FIRST_YEAR} on with at least one non-zero count; all columns",
            latest,
        ),
        "unhcr/unrwa.csv": _yearly(unhcr.read_unrwa(find_table(unhcr_dir, "unrwa")), latest),
        "unhcr/idmc.csv": _yearly(unhcr.read_idmc(find_table(unhcr_dir, "idmc")), latest),
        "unhcr/solutions.csv.gz": (
            _api_layout(
                _since(solutions, ["resettlement", "naturalisation"]), unhcr.SOLUTIONS_COUNTS
            ),
            f"rows from {FIRST_YEAR} on with resettlement or naturalisation above zero; all "
            "columns",
            latest,
        ),
        "unhcr/countries.csv": (
            countries[COUNTRY_COLUMNS],
            f"columns {', '.join(COUNTRY_COLUMNS)}; rows with an ISO code",
            [],
        ),
    }
    for file, (table, _, _) in extracts.items():  # an empty extract would read as no data
        if table.empty:
            raise InputError(
                f"{unhcr_dir}: no rows for {file} from {FIRST_YEAR} on, the years the extracts "
                "keep: nothing was written"
            )
    return extracts


def _population_file(unhcr_dir: Path) -> Path:
    """The population file of a release folder, as the readers find it (a Refugee Data
    Finder download, one of identical copies); a pair of downloads is refused: an extract
    needs origin and asylum together."""
    files = population_files(unhcr_dir)
    if len(files) != 1:
        files = list(unhcr.load_population(unhcr_dir).files)  # none, or copies: says so
    if len(files) > 1:
        raise InputError(
            f"{unhcr_dir}: {len(files)} population files ({', '.join(f.name for f in files)}): "
            "an extract is made from one, the full release or a download by country of "
            "origin and of asylum together"
        )
    return files[0]


def _vintage(population: Path, release: str | None, release_date: str | None) -> dict[str, str]:
    """The release and its month (``YYYY-MM``): as given; else from the ``population``
    download's preamble ("Extracted on: 15 July 2026", which dates its latest year as the
    direct read does); else the snapshot the project ships, with a warning (a full release
    says nothing of its date)."""
    if release_date is None:
        extracted = extraction_date(population)
        if extracted is not None:
            release_date = f"{extracted:%Y-%m}"
            release = release or f"download extracted on {extracted.day} {extracted:%B %Y}"
        else:  # the project's own snapshot, or a later full release: nothing in it tells
            notices.warn(
                f"{population.parent}: no release date given (--release-date) or above the "
                f"population file's header: taken as the {UNHCR['release']}, whose latest "
                "year is provisional"
            )
    release_date = release_date or UNHCR["release_date"]
    # named by its month and data (the shipped snapshot's name, for its own data): a release
    # cut at 2024 was named "... (data to mid-2025)" (a reviewer)
    return {"release": release or _snapshot(population, release_date), "release_date": release_date}


def _refuse_impossible_dates(population: Path, release_date: str, retrieved: str) -> None:
    """Refuse dates no release can have: downloaded after today, published after it was
    downloaded, or before the start of its latest year (a typo in the month would make a
    mid-year count a year-end one, or the other way round)."""
    if retrieved > dt.date.today().isoformat():
        raise InputError(f"--retrieved {retrieved} is after today: expected the download's date")
    if release_date > retrieved[:7]:
        raise InputError(
            f"the release's month, {release_date}, is after it was downloaded ({retrieved}): "
            "expected --release-date to be the month UNHCR published it"
        )
    latest = max(table_years(population), default=None)
    if latest is not None and release_date < f"{latest}-01":
        raise InputError(
            f"the release's month, {release_date}, is before {latest}, the latest year of "
            f"{population}: expected --release-date to be the month UNHCR published it (without "
            f"it, the release is taken as the {UNHCR['release']})"
        )


def _snapshot(population: Path, release_date: str) -> str:
    """A release's name from its month, as the shipped one is named: "database snapshot of
    June 2026 (data to 2025)" (the June 2026 release was named as December 2025's)."""
    month = dt.date(*(int(part) for part in release_date.split("-")), 1)
    latest = max(table_years(population), default=None)
    if latest is None:
        return f"database snapshot of {month:%B %Y}"
    mid = "mid-" if provisional(latest, release_date) else ""
    return f"database snapshot of {month:%B %Y} (data to {mid}{latest})"


def provisional(latest: int, release_date: str) -> list[int]:
    """The provisional years of a release of ``release_date`` (``YYYY-MM``) whose latest
    year is ``latest``: that year, unless the release came out with or after its end-year
    figures (Global Trends, in June of the next year)."""
    return [latest] if gives_mid_year(latest, release_date) else []


def _yearly(table: pd.DataFrame, latest: list[int]) -> tuple[pd.DataFrame, str, list[int]]:
    return _api_layout(_since(table, ["total"]), ["total"]), f"rows from {FIRST_YEAR} on", latest


UNDESA = {
    "publisher": "United Nations, Department of Economic and Social Affairs, Population Division",
    "title": "International Migrant Stock {revision}: Destination",
    **UNDESA_STOCK,
    "licence_url": "https://creativecommons.org/licenses/by/3.0/igo/",
    "description": "Migrant stock by sex (Table 1), total population (Table 2), migrants as a "
    "share of population (Table 3), women as a share of migrants (Table 4), by destination.",
}
PUBLISHED = {
    **PUBLISHED_FIGURES,
    "url": "",
    "description": "Figures from reports (UNHCR Global Trends, UN DESA, ILO, World Bank, "
    "cooperatives) and the seed documents, one row per figure, with its source.",
    "derivation": "typed in from the publications; one row per figure, year and citation",
}


def undesa_extract(source: Path, out: Path, retrieved: str) -> tuple[Path, dict]:
    """The latest UN DESA workbook in ``source`` reduced to Tables 1-4 in the publisher's
    layout."""
    workbook = undesa.choose_workbook(source)
    rev = undesa.revision(workbook)
    dest = out / "undesa" / f"{workbook.stem.removesuffix('_extract')}_extract.xlsx"
    dest.parent.mkdir(parents=True, exist_ok=True)
    undesa.write_extract(workbook, dest)  # written (and checked) before an old one goes
    for old in (out / "undesa").glob("*_extract.xlsx"):
        if old != dest:
            try:
                earlier = undesa.revision(old)
            except InputError:  # no revision to tell: nothing to compare
                earlier = None
            if earlier and rev and int(earlier) > int(rev):  # the newer revision is not there
                notices.warn(
                    f"{old}: the extract of UN DESA's {earlier} revision is replaced by one of "
                    f"the {rev} revision, the latest in {source / 'undesa'}"
                )
            old.unlink()
    meta = {
        "file": dest.relative_to(out).as_posix(),
        **UNDESA,
        "title": UNDESA["title"].format(revision=rev),
        "release": f"{rev} revision (POP/DB/MIG/Stock/Rev.{rev})",
        "retrieved": retrieved,
        "derived_from": workbook.relative_to(source).as_posix(),
        "derivation": "sheets Table 1 to Table 4 with their titles, headers and every row",
        "provisional_years": [],
        "sha256": digest(dest),
    }
    return dest, meta


def make_extracts(
    source: Path,
    out: Path,
    retrieved: str | None = None,
    release: str | None = None,
    release_date: str | None = None,
) -> list[Path]:
    """Write every extract of the release in ``source`` into ``out``, with the manifest.

    ``release`` and ``release_date`` describe the UNHCR release (default: the December
    2025 snapshot the project ships).
    """
    source, out = Path(source), Path(out)
    if source.is_file():
        raise InputError(f"{source}: a file, not a folder: expected the release folder")
    refuse_writing_into(out, source, "release folder read")
    retrieved = retrieved or dt.date.today().isoformat()
    population = _population_file(source / "unhcr")  # found once, as the readers find it
    vintage = _vintage(population, release, release_date)
    _refuse_impossible_dates(population, vintage["release_date"], retrieved)
    if release is not None:  # a name given: as its data and month (the month given, if any)
        latest = max(table_years(population))
        marked = set(provisional(latest, vintage["release_date"]))
        said = {"release": release, "release_date": release_date}
        marked_by = f"with --release-date {vintage['release_date']}"
        refuse_contradicting_release(said, latest, marked, "--release", marked_by)
    manifest = read_manifest(out, check=False)  # about to be written anew
    regenerated = ("unhcr/", "undesa/", PUBLISHED["file"])
    kept = [s for s in manifest["sources"] if not s["file"].startswith(regenerated)]
    written = []
    extracts = unhcr_extracts(source / "unhcr", vintage["release_date"], population)  # read first
    dest, meta = undesa_extract(source, out, retrieved)
    written.append(dest)
    kept.append(meta)
    published, beside = out / PUBLISHED["file"], source / PUBLISHED["file"]
    if not published.exists() and beside.is_file():  # the analyst's
        written.append(write_bytes(published, beside.read_bytes()))
    elif beside.is_file() and digest(beside) != digest(published):
        notices.warn(
            f"{beside}: not copied: {published} is kept (copy it over to use the release "
            "folder's published figures)"
        )
    if published.exists():
        checksum = digest(published)
        kept.append({**PUBLISHED, "retrieved": retrieved, "sha256": checksum})
    for file, (table, derivation, years) in extracts.items():
        path = write_csv(out / file, table)
        written.append(path)
        kind = file.split("/")[1].split(".")[0]
        original = (population if kind == "population" else find_table(source / "unhcr", kind)).name
        kept.append(
            {
                "file": file,
                **UNHCR,
                **vintage,
                "description": DESCRIPTIONS[file],
                "retrieved": retrieved,
                "derived_from": f"unhcr/{original}",
                "derivation": derivation,
                "provisional_years": years,
                "rows": len(table),
                "sha256": digest(path),
            }
        )
    kept = [_as_before(manifest["sources"], entry) for entry in kept]
    written.append(write_manifest(out, {**manifest, "sources": kept}))
    return written


def _as_before(before: list[dict], entry: dict) -> dict:
    """The manifest's earlier entry for the same file when nothing but the day it was
    retrieved differs (the same bytes, described alike), so that rerunning ``extract`` on
    an unchanged release leaves ``sources.json``, and every build keyed on it, as it was."""
    old = next((s for s in before if s.get("file") == entry["file"]), None)
    same = old is not None and {k: v for k, v in old.items() if k != "retrieved"} == {
        k: v for k, v in entry.items() if k != "retrieved"
    }
    return old if same else entry
