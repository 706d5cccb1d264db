"""Load every source of a raw-data folder (the project's extracts or full official releases)."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import config, notices, numbers, wording
from analysis.countries import Countries
from analysis.errors import InputError
from analysis.manifest import (
    entry_of,
    mid_year_only,
    provisional_years_of,
    read_manifest,
    year_end_only,
)
from analysis.sources import unhcr
from analysis.sources.files import find_table, refuse_raw_dir_without_unhcr
from analysis.wording import first_codes, listing, years_between


@dataclass
class Displacement:
    """UNHCR's tables from one raw folder, with what is known of their vintage."""

    population: unhcr.Population
    unrwa: pd.DataFrame
    idmc: pd.DataFrame
    solutions: pd.DataFrame
    countries: Countries
    provisional_years: set[int]
    manifest: dict = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # optional tables the folder lacks ("idmc", "solutions"...)
    #: Years an optional table gives at another date than the population file (at mid-year
    #: where it gives year-end figures, or the reverse): left out of that table, said in a
    #: warning, by table name.
    left_out: dict[str, list[int]] = field(default_factory=dict)
    #: Sides ("asylum", "origin") an optional table was totalled over (a download "by
    #: country of origin only" gives "-" for every country of asylum), by table name.
    totalled: dict[str, list[str]] = field(default_factory=dict)
    #: The year optional tables of no known date end on where the population file gives it
    #: at year end (their release may have given it at mid-year), by table name.
    date_unknown: dict[str, int] = field(default_factory=dict)


def _warn_years_missing(files: Iterable[Path], held: set[int]) -> None:
    """One warning when the population file skips years between its first and its last (a
    download of 2000-2010 and 2020-2024): those years are in no trend, not counted as none."""
    files = list(files)
    missing = years_between(held)
    if missing:
        runs = numbers.years(missing)
        notices.warn(
            f"{' and '.join(str(f) for f in files)}: no rows for {runs}, between "
            f"{'its' if len(files) == 1 else 'their'} first year ({min(held)}) and last "
            f"({max(held)}): those years are left out of the trends, not counted as none"
        )


def load_displacement(raw_dir: Path) -> Displacement:
    """Read and validate the UNHCR files of ``raw_dir/unhcr``."""
    raw_dir = Path(raw_dir)
    unhcr_dir = raw_dir / "unhcr"
    refuse_raw_dir_without_unhcr(raw_dir)
    manifest = read_manifest(raw_dir)  # first: a broken manifest is said at once
    _warn_misplaced(raw_dir)
    population = unhcr.load_population(unhcr_dir)
    countries_file = find_table(unhcr_dir, "countries", required=False) or find_table(
        config.RAW_DIR / "unhcr", "countries"
    )
    names = names_in_file(population.table)
    held = set(population.table["year"].astype(int))  # a later year is in no total
    _warn_years_missing(population.files, held)
    tables = {name: _optional_table(unhcr_dir, name) for name in OPTIONAL_TABLES}
    totalled = {name: _totalled_over(name, table) for name, table in tables.items()}
    _refuse_narrower_than_beside(population, tables)
    beside = max((int(t["year"].max()) for t in tables.values() if not t.empty), default=None)
    provisional = provisional_years_of(raw_dir, list(population.files), held, manifest, beside)
    left_out, undated = {}, []
    for name, table in tables.items():
        source = Path(table.attrs.get("source", raw_dir))
        latest = None if table.empty else int(table["year"].max())
        entry = entry_of(manifest, raw_dir, source)
        year_end = year_end_only(manifest, raw_dir, source, provisional, latest)
        export = not entry and unhcr.is_idmc_export(table)  # IDMC's own: year ends alone
        for dated, years in (
            ("at mid-year only", mid_year_only(manifest, raw_dir, source, provisional)),
            ("at year end", set(provisional) if export else year_end),
        ):
            years &= held & set(tables[name]["year"])
            if years:
                why = (
                    "its manifest entry"
                    if entry
                    else "IDMC's own export gives year-end figures only"
                    if export
                    else f"it runs to {latest}: only a release's latest year is of mid-year"
                )
                tables[name] = _without_other_date(name, tables[name], years, dated, why)
                left_out[name] = sorted({*left_out.get(name, []), *years})
        if not entry and not export:
            undated.append((name, source, latest))
    date_unknown = _warn_of_unknown_dates(undated, max(held), provisional)
    return Displacement(
        population=population,
        unrwa=tables["unrwa"],
        idmc=tables["idmc"],
        solutions=tables["solutions"],
        countries=Countries(_complete(countries_file, codes_in_file(population.table)), names),
        provisional_years=provisional,
        manifest=manifest,
        missing=tuple(name for name, table in tables.items() if "source" not in table.attrs),
        left_out=left_out,
        totalled={name: sides for name, sides in totalled.items() if sides},
        date_unknown=date_unknown,
    )


def _refuse_narrower_than_beside(
    population: unhcr.Population, tables: dict[str, pd.DataFrame]
) -> None:
    """Fail when the population file holds few countries on both sides (refugees, asylum-
    seekers and OIP) in a year where a table beside it (IDMC's, the solutions) holds the
    world's: a download filtered on both sides (Syrians in Türkiye), whose figures would be
    summed with the world's internally displaced and taken for the world's. Without such a
    table, :func:`unhcr._refuse_filtered` warns (a small file of one's own)."""
    if not unhcr.spread_worldwide(population):  # other people in need alone: few by nature
        return
    table = population.table
    counted = table[table[list(unhcr.PROTECTION_GROUPS)].fillna(0).gt(0).any(axis=1)]
    for name in ("idmc", "solutions"):
        beside = tables[name]
        years = set(beside["year"].unique()) & set(counted["year"].unique())
        years = {int(y) for y in years if y >= unhcr.WORLD_SINCE}
        if not years:
            continue
        year = max(years)
        rows, held = beside[beside["year"] == year], counted[counted["year"] == year]
        world = set(unhcr.countries_among(rows["coo_iso"])) | set(
            unhcr.countries_among(rows["coa_iso"])
        )
        sides = [unhcr.countries_among(held[f"{p}_iso"]) for p in ("coa", "coo")]
        if len(world) < unhcr.MANY_ON_THE_OTHER_SIDE or max(map(len, sides)) >= len(world) / 2:
            continue
        asylum, origin = (wording.countries(len(c)) for c in sides)
        raise InputError(
            f"{' and '.join(map(str, population.files))}: {year} has only {asylum} of asylum "
            f"and {origin} of origin, where {beside.attrs['source']} has {len(world)} "
            "countries that year: a download filtered to some countries cannot "
            "give the world's figures; download it for all countries"
        )


#: What a table totalled over a side cannot give, by table and side (its world total holds).
TOTALLED_LOSES = {
    ("solutions", "asylum"): "resettlement to each country and naturalization in it",
    ("solutions", "origin"): "resettlement and naturalization by country of origin",
    ("unrwa", "asylum"): "Palestine refugees in each of UNRWA's fields",
}


def _totalled_over(name: str, table: pd.DataFrame) -> list[str]:
    """The sides a download of UNHCR's ``name`` table was totalled over ("-" in every row's
    code: the Refugee Data Finder's "by country of origin only"), said in one warning: a
    brief must not read "no resettlement" in a count it cannot give."""
    sides = [
        side
        for side, code in (("asylum", "coa_iso"), ("origin", "coo_iso"))
        if (name, side) in TOTALLED_LOSES and code in table.columns
        and unhcr.totalled_over(table, code)
    ]  # fmt: skip
    if sides:
        lost = [TOTALLED_LOSES[(name, side)] for side in sides]
        notices.warn(
            f"{table.attrs['source']}: '-' for every country of {' and '.join(sides)} (a "
            f"download totalled over them): {' and '.join(lost)} cannot be shown; the world "
            "totals are read"
        )
    return sides


#: Files of data a raw folder holds where nothing reads them: at its top (besides these
#: two), or in a folder inside ``unhcr/`` or ``undesa/``.
DATA_SUFFIXES = (".csv", ".gz", ".zip", ".xlsx", ".xls", ".json", ".tsv", ".ods")
TOP_FILES = ("published_figures.csv", config.MANIFEST)


def _warn_misplaced(raw_dir: Path) -> None:
    """One warning per data file where nothing reads it (a new download saved at the top of
    ``data/raw/``, or in ``unhcr/new/``, left the old figures in use unsaid)."""
    inside = [raw_dir / top for top in ("unhcr", "undesa") if (raw_dir / top).is_dir()]
    places = [(raw_dir, TOP_FILES)] + [
        (sub, ()) for top in inside for sub in sorted(top.iterdir())
        if sub.is_dir() and not sub.name.startswith(".")
    ]  # fmt: skip
    for folder, read in places:
        for path in sorted(folder.iterdir()):
            data = path.name.lower().endswith(DATA_SUFFIXES) and path.name not in read
            if data and path.is_file():
                notices.warn(
                    f"{path}: not read: UNHCR's tables are read from {raw_dir / 'unhcr'}, "
                    f"UN DESA's workbooks from {raw_dir / 'undesa'}"
                )


def _warn_of_unknown_dates(
    tables: list[tuple[str, Path, int | None]], last: int, provisional: set
) -> dict[str, int]:
    """Warn, once for all of them, of the tables with no manifest entry (``(name, source,
    latest year)``) that end on a year the population file gives at year end: from a release
    ending there (UNHCR's December snapshots), they give that year at mid-year, and make a
    total of two dates. They end before the population file's ``last`` year, or on it,
    beside a download dated after that year's end. Returns their last year, by name, for
    the editions of that year to say so too."""
    ending: dict[int, list[str]] = {}
    unknown: dict[str, int] = {}
    for name, source, latest in tables:
        if latest is not None and latest <= last and latest not in provisional:
            ending.setdefault(latest, []).append(str(source))
            unknown[name] = latest
    for latest, sources in sorted(ending.items()):
        one = len(sources) == 1
        where = (
            f"before the population file ({last})" if latest < last else "as the population file"
        )
        notices.warn(
            f"{listing(sources, escape=False)}: {'runs' if one else 'run'} to {latest}, {where}, "
            f"which gives {latest} at year end: if {'the table comes' if one else 'they come'} "
            f"from a release that ended there, {'its' if one else 'their'} {latest} is a "
            "mid-year count beside year-end ones (an entry in sources.json with "
            "'provisional_years' says which)"
        )
    return unknown


def _without_other_date(
    name: str, table: pd.DataFrame, years: set[int], dated: str, why: str
) -> pd.DataFrame:
    """The table without the ``years`` it gives at another date than the population file
    (``dated``: "at mid-year only" or "at year end"; ``why`` we know), said in one warning:
    set beside the population file's counts, they would make a total of two dates."""
    kept = table[~table["year"].isin(years)].copy()
    kept.attrs = dict(table.attrs)
    shown = numbers.years(years)
    other = "year-end" if dated == "at mid-year only" else "mid-year"
    notices.warn(
        f"{table.attrs['source']}: gives {shown} {dated} ({why}), where the "
        f"population file gives {other} figures; {OPTIONAL_TABLES[name][2]} null for {shown}"
    )
    return kept


#: UNHCR's tables beside the population file: how each is read, and the figures that are
#: null without it.
OPTIONAL_TABLES = {
    "unrwa": (unhcr.read_unrwa, ["total"], "refugees_unrwa and forcibly_displaced are"),
    "idmc": (unhcr.read_idmc, ["total"], "idps_conflict and forcibly_displaced are"),
    "solutions": (unhcr.read_solutions, unhcr.SOLUTIONS_COUNTS, "resettled is"),
}


def _optional_table(unhcr_dir: Path, name: str) -> pd.DataFrame:
    """The table read and validated; without its file, an empty table and one warning."""
    reader, counts, nulls = OPTIONAL_TABLES[name]
    path = find_table(unhcr_dir, name, required=False)
    if path is not None:
        return reader(path)
    # a file named otherwise ("IDMC_GIDD_Conflict_2025.csv", a zip) is named, not passed over
    alike = sorted(p.name for p in Path(unhcr_dir).iterdir() if name in p.name.lower())
    unzip = f" ({alike[0]} is not read: save its table as {name}.csv)" if alike else ""
    notices.warn(f"{unhcr_dir}: no {name}.csv (UNHCR's {name} table){unzip}; {nulls} null")
    columns = ["year", "coo_iso", "coa_iso", *counts]
    kinds = {"year": "int64", "coo_iso": "object", "coa_iso": "object"}
    return pd.DataFrame({c: pd.Series(dtype=kinds.get(c, "float64")) for c in columns})


OWN_COUNTRIES = config.RAW_DIR / "unhcr" / "countries.csv"


@cache
def _own_countries() -> pd.DataFrame:
    """The project's country table, read once (callers make new tables from it)."""
    return unhcr.read_countries(OWN_COUNTRIES)


def _complete(countries_file: Path, codes: set[str]) -> pd.DataFrame:
    """The country table, with the project's rows for the ``codes`` of the data it lacks
    (their region and name), said in one warning, and UN M49 regions when it has none."""
    table = unhcr.read_countries(countries_file)
    if Path(countries_file).resolve() != OWN_COUNTRIES.resolve():
        own = _own_countries()
        lacking = sorted(codes & set(own["iso_code"]) - set(table["iso_code"]))
        if lacking:
            notices.warn(
                f"{countries_file}: no row for {first_codes(lacking)}, used in the population "
                "data; their names and regions come from the project's country table"
            )
            table = pd.concat(
                [table, own[own["iso_code"].isin(lacking)].reindex(columns=table.columns)],
                ignore_index=True,
            )
        table = _blanks_filled(countries_file, table, own)
    return _with_regions(countries_file, _with_m49(countries_file, table), codes)


def _with_regions(countries_file: Path, table: pd.DataFrame, codes: set[str]) -> pd.DataFrame:
    """The table with a row for each user-assigned country code of the data that it lacks
    (Kosovo, ``XKX``: :data:`~analysis.countries.EXTRA_REGIONS`); a country of the data with
    no row at all is said in one warning (its people count in no region's share)."""
    from analysis.countries import EXTRA_COUNTRIES, EXTRA_REGIONS, is_country

    lacking = sorted(c for c in codes - set(table["iso_code"]) if is_country(c))
    extra = [c for c in lacking if c in EXTRA_REGIONS]
    rows = pd.DataFrame(
        [(c, EXTRA_COUNTRIES[c], *EXTRA_REGIONS[c]) for c in extra],
        columns=["iso_code", "name", "unhcr_region", *M49_COLUMNS],
    )
    if lacking != extra:
        unknown = [c for c in lacking if c not in extra]
        notices.warn(
            f"{countries_file}: no row for {first_codes(unknown)}, used in the population "
            "data: counted in the totals, and in no region's share"
        )
    if rows.empty:
        return table
    return pd.concat([table, rows.reindex(columns=table.columns, fill_value="")], ignore_index=True)


def _blanks_filled(countries_file: Path, table: pd.DataFrame, own: pd.DataFrame) -> pd.DataFrame:
    """The table with the project's name and regions where its cells are empty (an empty
    region made Germany a developing country), said in one warning."""
    own = own.set_index("iso_code")
    table = table.copy()
    filled = set()
    for column in ("name", "unhcr_region", "unsd_region", "unsd_subregion"):
        if column not in table.columns or column not in own.columns:
            continue
        theirs = table["iso_code"].map(own[column]).fillna("")
        blank = (table[column] == "") & (theirs != "")
        table.loc[blank, column] = theirs[blank]
        filled |= set(table.loc[blank, "iso_code"])
    if filled:
        notices.warn(
            f"{countries_file}: empty name or region cells for {first_codes(sorted(filled))}; "
            "taken from the project's country table"
        )
    return table


#: The country table's UN M49 columns: the developed regions need both.
M49_COLUMNS = ["unsd_region", "unsd_subregion"]


def _with_m49(countries_file: Path, table: pd.DataFrame) -> pd.DataFrame:
    """The country table, with UN M49 regions from the project's copy when it lacks either
    column (a region without its subregion made Northern America developing), said in one
    warning when it had one of them."""
    held = [c for c in M49_COLUMNS if c in table.columns]
    if len(held) == len(M49_COLUMNS):
        return table
    if held:
        missing = next(c for c in M49_COLUMNS if c not in held)
        notices.warn(
            f"{countries_file}: has no {missing} column beside {held[0]}; UN M49 regions "
            "are taken from the project's country table"
        )
    m49 = _own_countries().reindex(columns=["iso_code", *M49_COLUMNS], fill_value="")
    table = table.drop(columns=held).merge(m49, on="iso_code", how="left")
    return table.fillna(dict.fromkeys(M49_COLUMNS, ""))


def codes_in_file(table: pd.DataFrame) -> set[str]:
    """Every country code of a population table, named or not."""
    columns = [c for c in ("coa_iso", "coo_iso") if c in table.columns]
    values = pd.unique(table[columns].to_numpy().ravel()) if columns else []
    return {v for v in values if isinstance(v, str) and v}


def names_in_file(table: pd.DataFrame) -> pd.Series:
    """Every country code of a population table, with the name the file gives it (none for a
    file with codes only: names then come from the country table)."""
    pairs = pd.concat(
        [
            table.reindex(columns=[f"{side}_iso", f"{side}_name"]).set_axis(
                ["iso3", "name"], axis=1
            )
            for side in ("coa", "coo")
        ]
    ).dropna()
    return pairs.drop_duplicates("iso3").set_index("iso3")["name"]
