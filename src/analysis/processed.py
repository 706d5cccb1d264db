"""Processed tables: the raw files read and validated once, saved as tidy CSV tables.

``build_tables`` reads a raw folder (the slow, validating step). ``ensure_processed``
saves the tables once per content: their folder is named by a hash of the raw inputs'
bytes, the code that makes the tables and the options, so a rerun with the same inputs
reads the saved tables and any change makes new ones. ``load_tables`` is what the
notebooks call: the processed tables of a raw folder, built if needed.

Tables (one row per observation, keyed on ISO3 where they hold countries):

- ``countries.csv``: iso3, name, UNHCR region, UN M49 region and whether it is a developed
  region, whether the code is a country at all;
- ``population_by_asylum.csv`` / ``population_by_origin.csv``: every population group by
  year and country of asylum (origin), with name and region;
- ``population_by_origin_and_asylum.csv``: refugees, asylum-seekers, OIP and returned
  refugees by year, country of origin and country of asylum (empty for a download
  aggregated by one dimension);
- ``idps_conflict.csv``: people internally displaced by conflict and violence (IDMC) by
  year and country;
- ``resettlement.csv``: refugees resettled by year, country of origin and country of
  resettlement;
- ``naturalisation.csv``: refugees naturalised by year, country of origin and country of
  asylum;
- ``unrwa_by_field.csv``: Palestine refugees registered with UNRWA by year and field;
- ``global_totals.csv``: the forcibly displaced and its parts, stateless and resettled, by year;
- ``migrant_stock.csv``: UN DESA's migrant stock, population and shares by location and year;
- ``published_figures.csv``: figures as published in reports;
- ``processed.json``: what the tables were made from (files and checksums, releases,
  provisional years, which groups the population file lacks, warnings while reading).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import config, memo, notices, numbers, wording
from analysis.atomic import refuse_writing_into, write_csv, write_text
from analysis.errors import InputError, disk_full
from analysis.manifest import entry_of, gives_mid_year

# The readers (pandas, pandera, openpyxl) load only when tables are built or read, so
# finding the tables an earlier run saved stays quick.
if TYPE_CHECKING:
    import pandas as pd

    from analysis.sources import unhcr

META = "processed.json"
#: Libraries whose versions decide what the tables hold (pycountry: which codes are countries).
READERS = ("pandas", "numpy", "pandera", "openpyxl", "pycountry")
KEEP_CACHED = 6  # processed folders kept besides the one just used


@dataclass
class Tables:
    """The processed tables of one raw folder, and what they were made from."""

    countries: pd.DataFrame
    totals: pd.DataFrame
    published: pd.DataFrame
    by_asylum: pd.DataFrame | None = None  # empty (no rows) for a download by origin only
    by_origin: pd.DataFrame | None = None  # empty for a download by asylum only
    migrant_stock: pd.DataFrame | None = None
    by_origin_and_asylum: pd.DataFrame | None = None
    idps_conflict: pd.DataFrame | None = None
    resettlement: pd.DataFrame | None = None
    naturalisation: pd.DataFrame | None = None
    unrwa_by_field: pd.DataFrame | None = None
    meta: dict = field(default_factory=dict)
    folder: Path | None = None

    @property
    def names(self) -> pd.Series:
        """Country names by ISO3 code, as the country table gives them."""
        return self.countries.set_index("iso3")["name"]

    @property
    def provisional_years(self) -> set[int]:
        """Years whose figures are provisional (mid-year)."""
        return set(self.meta["unhcr"]["provisional_years"])

    def counts_oip(self, year: int) -> bool:
        """Whether ``year`` counts any other people in need of international protection
        (a category since 2018)."""
        rows = self.totals.loc[self.totals["year"] == year, "other_in_need"]
        return bool(rows.fillna(0).gt(0).any())

    def oip_not_given(self, year: int) -> bool:
        """Whether the population file has a column for other people in need of international
        protection but no figure in it for ``year`` (not given, not none): the total is null."""
        rows = self.totals.loc[self.totals["year"] == year, "other_in_need"]
        return "oip" not in self.absent and bool(rows.isna().all()) and not rows.empty

    def skipped_years(self, last: int) -> list[int]:
        """The years before ``last`` that the population file holds no rows for, between its
        first year and its last (a download of 2000, 2010, 2020 and 2024): the trends join
        across them, and a first or highest year is among the years held (a new user: "a
        category counted only from 2020", "a peak ... in 2020", of a file without 2018, 2019
        and 2021)."""
        return [y for y in wording.years_between(self.totals["year"]) if y < last]

    @property
    def undesa_revision(self) -> str | None:
        """The UN DESA revision read (``"2024"``), None without a UN DESA workbook."""
        return (self.meta.get("undesa") or {}).get("revision")

    @property
    def missing(self) -> list[str]:
        """UNHCR tables the raw folder lacks (``unrwa``, ``idmc``, ``solutions``)."""
        return list(self.meta["unhcr"].get("missing", []))

    def left_out(self, table: str, year: int) -> bool:
        """Whether UNHCR's ``table`` (``unrwa``, ``idmc``, ``solutions``, or a figure taken
        from one: ``idps_conflict``) was left out for ``year`` as of another date than the
        population file (a total of two dates)."""
        table = TABLE_OF_FIGURE.get(table, table)
        return year in self.meta["unhcr"].get("left_out", {}).get(table, [])

    def counted_from(self, group: str, year: int) -> int | None:
        """The year UNHCR's data begin to count ``group`` (``asylum_seekers``, ``stateless``)
        when ``year`` is before it, as the file shows (0 in every row); else None."""
        if year not in self.meta["unhcr"].get("not_counted", {}).get(group, []):
            return None
        from analysis.sources.unhcr import COUNTED_FROM

        return COUNTED_FROM[group]

    def holds(self, table: str, year: int) -> bool:
        """Whether UNHCR's ``table`` (``unrwa``, ``idmc``, ``solutions``) gives figures for
        ``year``: not when the raw folder lacks it, when it ends before that year, or when it
        was left out as of another date (:meth:`left_out`)."""
        frame = self._side_table(table)
        if frame is None or self.left_out(table, year):
            return False
        return bool((frame["year"] == year).any())

    def first_year(self, table: str) -> int | None:
        """The first year UNHCR's ``table`` (``unrwa``, ``idmc``, ``solutions``) gives figures
        for (IDMC's: 1990), or None without it."""
        frame = self._side_table(table)
        return None if frame is None or frame.empty else int(frame["year"].min())

    def _side_table(self, table: str) -> pd.DataFrame | None:
        frame = {
            "unrwa": self.unrwa_by_field,
            "idmc": self.idps_conflict,
            "solutions": self.resettlement,
        }[table]
        return None if table in self.missing else frame

    def of_unknown_date(self, year: int) -> list[str]:
        """UNHCR's tables (``unrwa``, ``idmc``, ``solutions``) of no known date that end on
        ``year``, which the population file gives at year end: from a release ending there,
        their ``year`` is a mid-year count (a new download beside December's tables)."""
        ending = self.meta["unhcr"].get("date_unknown", {})
        return [name for name in ("unrwa", "idmc", "solutions") if ending.get(name) == year]

    def totalled(self, table: str) -> list[str]:
        """The sides (``"asylum"``, ``"origin"``) UNHCR's ``table`` (``unrwa``,
        ``solutions``) was totalled over: its figures by country of that side are unknown."""
        return list(self.meta["unhcr"].get("totalled", {}).get(table, []))

    @property
    def absent(self) -> list[str]:
        """Population groups the population file does not hold."""
        return list(self.meta["unhcr"].get("absent", []))


#: The figures UNHCR's tables beside the population file give: figure → table.
TABLE_OF_FIGURE = {"refugees_unrwa": "unrwa", "idps_conflict": "idmc", "resettled": "solutions"}


# --------------------------------------------------------------------------- build


def build_tables(raw_dir: Path, desa_revision: int | None = None) -> Tables:
    """Read and validate every source of ``raw_dir`` and make the tidy tables; their
    ``meta["warnings"]`` are every warning of the making, those said earlier in the run too
    (a saved table's warnings are said again by each run that reuses it)."""
    with notices.collect() as said:
        tables = _make_tables(Path(raw_dir), desa_revision)
    tables.meta["warnings"] = said
    return tables


def _make_tables(raw_dir: Path, desa_revision: int | None) -> Tables:
    """:func:`build_tables`, but for the warnings."""
    from analysis import indicators
    from analysis.datasets import load_displacement, names_in_file
    from analysis.reconciliation import WorldTotalOff, check_world_totals, check_year_on_year
    from analysis.sources import undesa, unhcr
    from analysis.sources.published import read_published_figures

    data = load_displacement(raw_dir)
    countries = indicators.country_table(data.countries, names_in_file(data.population.table))
    totals = indicators.global_totals(data.population, data.unrwa, data.idmc, data.solutions)
    totals["provisional"] = totals["year"].isin(data.provisional_years)
    population = data.population
    tables = Tables(
        countries=countries,
        totals=totals,
        published=read_published_figures(published_figures_file(raw_dir)),
    )
    tables.by_asylum = indicators.with_countries(indicators.by_asylum(population), countries)
    tables.by_origin = indicators.with_countries(indicators.by_origin(population), countries)
    tables.by_origin_and_asylum = indicators.by_origin_and_asylum(population)
    tables.idps_conflict = indicators.idps_by_country(data.idmc)
    tables.resettlement = indicators.resettlement_by_country(data.solutions)
    if "naturalisation" in data.solutions.columns:  # else unknown: no table, not zeros
        tables.naturalisation = indicators.naturalisation_by_country(data.solutions)
    tables.unrwa_by_field = indicators.unrwa_by_field(data.unrwa)
    _warn_absent(population)
    _warn_unreported(population)
    _warn_one_dimension(population)
    undesa_meta = None
    stock = _migrant_stock(raw_dir, desa_revision)
    if stock is not None:
        revision = stock.attrs["revision"]
        tables.migrant_stock = stock.assign(revision=revision)
        undesa_meta = {
            "file": _relative(Path(stock.attrs["source"]), raw_dir),
            "revision": revision,
            "title": undesa.dataset_title(Path(stock.attrs["source"])),
        }
        if stock["population"].isna().all():  # e.g. a workbook without its Table 2
            _warn_no_population(stock)
    source = entry_of(data.manifest, raw_dir, population.files[0]) or {}
    data_to = _data_to(population, data.provisional_years)
    released = _release_year(source, population, data.provisional_years)
    tables.published = _published_by(tables.published, released, published_figures_file(raw_dir))
    _warn_report_not_added(tables.published, source, population, data.provisional_years, raw_dir)
    tables.meta = {
        "raw_dir": str(raw_dir),
        "unhcr": {
            "files": [_relative(f, raw_dir) for f in population.files],
            "release": source.get("release") or _downloaded(population.files, data_to),
            # under a chart: without the name of a file of no recorded release
            "credit": source.get("release") or _downloaded(population.files, data_to, False),
            "release_date": source.get("release_date"),
            "provisional_years": sorted(int(y) for y in data.provisional_years),
            "by_asylum": population.by_asylum,
            "by_origin": population.by_origin,
            "absent": list(population.absent),
            "not_counted": {c: unhcr.not_counted(population, c) for c in unhcr.COUNTED_FROM},
            "missing": list(data.missing),
            "left_out": data.left_out,  # years a table gives at another date: left out
            "totalled": data.totalled,  # sides a table was totalled over: "-" for each
            "date_unknown": data.date_unknown,  # the year undated tables end on, by name
            "tables": {  # the file each of UNHCR's other tables came from
                name: _relative(Path(getattr(data, name).attrs["source"]), raw_dir)
                for name in ("unrwa", "idmc", "solutions")
                if "source" in getattr(data, name).attrs
            },
        },
        "undesa": undesa_meta,
        "sources": data.manifest.get("sources", []),
    }
    if unhcr.looks_worldwide(population):  # a filtered download, taken for the world's: refused
        files = {
            name: str(getattr(data, name).attrs["source"])
            for name in ("unrwa", "idmc", "solutions")
            if "source" in getattr(data, name).attrs
        }
        files["population"] = " and ".join(str(f) for f in population.files)
        try:
            check_world_totals(tables, files, str(published_figures_file(raw_dir)))
        except WorldTotalOff as off:
            # at mid-year, the year before's check names the cell at fault where it finds
            # one (Syria's refugees in Türkiye typed with a zero too many), as it did before
            # Mid-Year Trends' figures were at hand
            if off.year in tables.provisional_years:
                check_year_on_year(tables, files)
            raise
        check_year_on_year(tables, files)
    return tables


# The figure each population group gives; the rankings need refugees, and the headline
# forcibly displaced figure needs each of its parts.
FIGURE_OF_GROUP = {
    "refugees": "refugees_unhcr",
    "asylum_seekers": "asylum_seekers",
    "stateless": "stateless",
    "oip": "other_in_need",
}
#: The figures that need UN DESA's total population.
PER_1000_FIELDS = ["top_hosts_per_1000", "per_1000_population_year"]
#: The figures that need countries of origin, and those that need countries of asylum.
ORIGIN_FIELDS = ["top_origins", "top3_origin_share"]
HOST_FIELDS = ["top_hosts", "hosting_by_region", "hosted_in_developing_regions", *PER_1000_FIELDS]


def _columns(labels: tuple[str, ...]) -> str:
    """Columns by their headers, as the file writes them; one with none as pandas names it
    ("Unnamed: 0", a resave's row numbers) by its place: "column 1 (no header)"."""
    named = [re.fullmatch(r"Unnamed: (\d+)", label) for label in labels]
    return ", ".join(
        f"column {int(m[1]) + 1} (no header)" if m else repr(label)
        for m, label in zip(named, labels, strict=True)
    )


def _warn_absent(population: unhcr.Population) -> None:
    """One warning naming the groups the population file lacks and the figures left null,
    with the columns it does not read; those alone, when it lacks none."""
    from analysis import indicators
    from analysis.sources import unhcr
    from analysis.wording import listing

    groups = [g for g in population.absent if g in FIGURE_OF_GROUP]
    if not groups and population.unread:  # a new column of a later release, say: no word
        notices.warn(  # of it had been said (a tester)
            f"{' and '.join(map(str, population.files))}: columns not read: "
            f"{_columns(population.unread)} (no population group of that name); "
            "the figures leave them out"
        )
    if not groups:
        return
    nulls = [FIGURE_OF_GROUP[g] for g in groups]
    if set(nulls) & set(indicators.FORCIBLY_DISPLACED_PARTS):
        nulls.append("forcibly_displaced")
    since = f" from {unhcr.OIP_FROM}" if groups == ["oip"] else ""  # none counted before
    nulls += ORIGIN_FIELDS + HOST_FIELDS if "refugees" in groups else []
    lacking = [
        f for f in population.files if any(f in population.lacking.get(g, (f,)) for g in groups)
    ]
    files = " and ".join(map(str, lacking))
    names = ", ".join(unhcr.GROUP_NAMES[g] for g in groups)
    verb = "is" if len(nulls) == 1 else "are"
    if len(lacking) < len(population.files):  # one of a pair: the other's is left unread
        names += " (the other file's is left unread, so that both sides rank on one basis)"
    basis = (
        "; the rankings and shares count refugees only"
        if "oip" in groups and "refugees" not in groups
        else ""
    )
    unread = f" (columns not read: {_columns(population.unread)})"
    notices.warn(
        f"{files}: no column for {names}{unread if population.unread else ''}; "
        f"{listing(nulls, escape=False)} {verb} null{since}{basis}"
    )


def _warn_unreported(population: unhcr.Population) -> None:
    """One warning per group a year of the population file gives no figure for, in any row,
    after earlier years gave some: its figure of those years is null, not zero, and so are
    the total it is a part of and, without refugees, the rankings and shares."""
    from analysis import indicators
    from analysis.wording import listing

    files = " and ".join(str(f) for f in population.files)
    headers = population.table.attrs.get("headers", {})
    for column, years in population.unreported.items():
        figure = FIGURE_OF_GROUP.get(column)
        nulls = [figure] if figure else []
        nulls += ["forcibly_displaced"] if figure in indicators.FORCIBLY_DISPLACED_PARTS else []
        nulls += ORIGIN_FIELDS + HOST_FIELDS if column == "refugees" else []
        said = (
            f"; {listing(nulls, escape=False)} of {numbers.years(years)} "
            f"{'is' if len(nulls) == 1 else 'are'} null"
            if nulls
            else ""
        )
        basis = "; the rankings and shares count refugees only" if column == "oip" else ""
        notices.warn(
            f"{files}: column {headers.get(column, column)!r} has no figure in any row of "
            f"{numbers.years(years)}, where earlier years have some: not given, not none"
            f"{said}{basis}"
        )


def _warn_one_dimension(population: unhcr.Population) -> None:
    """One warning when the population file has no countries of origin (or of asylum): a
    download aggregated by the other dimension leaves that side's figures null."""
    from analysis.wording import listing

    if "refugees" in population.absent:  # the rankings are null already, and said so
        return
    files = " and ".join(str(f) for f in population.files)
    for present, lacking, nulls in (
        (population.by_origin, "countries of origin", ORIGIN_FIELDS),
        (population.by_asylum, "countries of asylum", HOST_FIELDS),
    ):
        if not present:
            notices.warn(
                f"{files}: no {lacking} (a download aggregated by the other dimension); "
                f"{listing(nulls, escape=False)} are null"
            )


def _warn_no_population(stock: pd.DataFrame) -> None:
    """One warning for a workbook without the total population (Table 2): the rates per
    1,000 are null, and migrants' share of the population too without Table 3."""
    from analysis.wording import listing

    nulls, lacking = list(PER_1000_FIELDS), "no total population (Table 2)"
    if stock["migrant_share"].isna().all():
        nulls.append("migrant_share_of_population")
        lacking = "no total population (Table 2) nor migrants' share of it (Table 3)"
    notices.warn(f"{stock.attrs['source']}: {lacking}; {listing(nulls, escape=False)} are null")


def _migrant_stock(raw_dir: Path, revision: int | None) -> pd.DataFrame | None:
    """UN DESA's migrant stock; None, with a warning naming the figures that are then null,
    when ``undesa/`` holds no workbook by destination (none at all, or only others, each
    named). A revision asked for that cannot be had is an error."""
    from analysis.figures import MIGRANT_FIELDS
    from analysis.sources import undesa
    from analysis.sources.files import check_desa_revision, older_excel
    from analysis.wording import listing

    what = "no UN DESA workbook"
    if check_desa_revision(raw_dir, revision):
        try:
            return load_migrant_stock(raw_dir, revision)
        except undesa.NoWorkbook as error:
            if revision:
                raise
            for line in error.problems:
                notices.warn(f"{line}; not used")
            what = "no UN DESA workbook by destination"
    nulls = listing([*MIGRANT_FIELDS, *PER_1000_FIELDS], escape=False)
    notices.warn(f"{raw_dir / 'undesa'}: {what}{older_excel(raw_dir)}; {nulls} are null")
    return None


def load_migrant_stock(raw_dir: Path, revision: int | None = None) -> pd.DataFrame:
    """UN DESA's migrant stock from ``raw_dir/undesa``: the latest revision, or the one asked."""
    from analysis.sources import undesa

    return undesa.read_migrant_stock(undesa.choose_workbook(raw_dir, revision))


def _relative(path: Path, raw_dir: Path) -> str:
    path = Path(path)
    return _readable(
        path.relative_to(raw_dir).as_posix() if path.is_relative_to(raw_dir) else str(path)
    )


def _readable(name: str) -> str:
    """A file name as text: one in another encoding than UTF-8 (unzipped from a Windows
    archive: "r\\xe9fugi\\xe9s.csv") read as Windows-1252 ("réfugiés.csv")."""
    raw = os.fsencode(name)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _downloaded(files: tuple[Path, ...], data_to: str, named: bool = True) -> str:
    """Population file(s) without a manifest entry, described by the date in a download's
    preamble ("Refugee Data Finder download of 25 November 2026, data to 2025"), else (when
    ``named``) by name ("file population.csv.gz (release date not recorded), data to
    mid-2025"; else "data to mid-2025": a chart's credit, where the file's name read as an
    error); a pair, each in turn."""
    from analysis.sources.files import extraction_date

    described = []
    for path in files:
        extracted = extraction_date(Path(path))
        if extracted:
            described.append(f"Refugee Data Finder download of {extracted:%-d %B %Y}")
        elif named:
            described.append(f"file {_readable(Path(path).name)} (release date not recorded)")
    if len(set(described)) == 1 and len(files) > 1:  # a pair made the same day
        described = [described[0].replace("download of", "downloads of")]
    return ", ".join(
        [*filter(None, [" and ".join(dict.fromkeys(described))]), f"data to {data_to}"]
    )


def _data_to(population: unhcr.Population, provisional: set[int]) -> str:
    """How far the population data run: "2024", or "mid-2025" for a provisional year."""
    latest = int(population.table["year"].max())
    return f"mid-{latest}" if latest in provisional else str(latest)


def _release_month(source: dict, population: unhcr.Population) -> str:
    """The month UNHCR's release was made, "YYYY-MM": its manifest's ``release_date``, else
    a download's extraction date; empty when neither tells."""
    from analysis.sources.files import extraction_date

    found = re.match(r"\d{4}-\d{2}", str(source.get("release_date") or ""))
    if found:
        return found[0]
    dates = [d for d in map(extraction_date, map(Path, population.files)) if d]
    return f"{max(dates):%Y-%m}" if dates else ""


def _release_year(source: dict, population: unhcr.Population, provisional: set[int]) -> int | None:
    """The year UNHCR's release was made: its manifest's ``release_date``, else a download's
    extraction date, else, for a file ending on a mid-year count, the December snapshot it
    is taken for; None for an undated file ending at a year end (a download of some years
    made at any time)."""
    month = _release_month(source, population)
    if month:
        return int(month[:4])
    latest = int(population.table["year"].max())
    return latest if latest in provisional else None


def _warn_report_not_added(
    published: pd.DataFrame,
    source: dict,
    population: unhcr.Population,
    provisional: set[int],
    raw_dir: Path,
) -> None:
    """Warn when the release came out with or after the Global Trends report on its latest
    complete year (:func:`~analysis.manifest.gives_mid_year`: from June of the next year) and the
    published figures hold none of that report: the edition of that year then sets no
    published headline beside its own, without a word (a tester: a release of November 2026
    beside figures ending with Global Trends 2024). Not for a download of earlier years (of
    2005, made in 2026): the published figures need not reach back so far."""
    import pandas as pd

    month = _release_month(source, population)
    complete = [y for y in population.table["year"].unique() if int(y) not in provisional]
    if not month or not complete or "cited_as" not in published.columns:
        return
    year = int(max(complete))
    if gives_mid_year(year, month) or month >= f"{year + 3}":
        return  # before the report on it, or a download of years long past
    trends = published["cited_as"].astype(str).str.contains("Global Trends", case=False)
    if not (trends & (pd.to_numeric(published["year"], errors="coerce") == year)).any():
        notices.warn(
            f"{published_figures_file(raw_dir)}: no figures of UNHCR's Global Trends for "
            f"{year}, though this release ({month}) came out after that report: the briefing "
            f"for {year} sets no published headline beside its own; add the report's figures"
        )


def _published_by(published: pd.DataFrame, released: int | None, path: Path) -> pd.DataFrame:
    """The published figures of reports out by the year of the release (the seeds, as
    stated in the presentation and the issue brief, whatever their date): a briefing on a
    release of December 2019 cited Global Trends 2019, published in 2020, as if known; the
    others are left out, in one warning. An undated figure is taken as out the year after
    its own (a year-end count is published once the year is over: UNRWA's share of Gaza's
    displaced "at end-2023", beside a release of December 2023), or in its year for a
    mid-year one."""
    import pandas as pd

    from analysis.sources.published import from_a_seed

    if "published" not in published.columns or released is None:
        return published
    out = pd.to_numeric(published["published"].astype(str).str[:4], errors="coerce")
    mid_year = published["title"].astype(str).str.contains("mid-year", case=False, regex=False)
    own_year = pd.to_numeric(published["year"], errors="coerce")
    out = out.fillna(own_year + (~mid_year).astype(int))
    seed = from_a_seed(published["cited_as"])
    later = (out > released) & ~seed
    if later.any():
        reports = sorted(set(published.loc[later, "cited_as"]))
        more = "; ..." if len(reports) > 3 else ""
        notices.warn(
            f"{path}: {int(later.sum())} figures of {len(reports)} reports published after this "
            f"release ({released}) are left out ({'; '.join(reports[:3])}{more})"
        )
    return published[~later].reset_index(drop=True)


def published_figures_file(raw_dir: Path) -> Path:
    """The raw folder's published-figures table, else the project's own (official releases
    as downloaded come without one)."""
    own = Path(raw_dir) / "published_figures.csv"
    return own if own.exists() else config.RAW_DIR / "published_figures.csv"


# --------------------------------------------------------------------------- save and read

_FILES = {
    "countries": "countries.csv",
    "totals": "global_totals.csv",
    "published": "published_figures.csv",
    "by_asylum": "population_by_asylum.csv",
    "by_origin": "population_by_origin.csv",
    "migrant_stock": "migrant_stock.csv",
    "by_origin_and_asylum": "population_by_origin_and_asylum.csv",
    "idps_conflict": "idps_conflict.csv",
    "resettlement": "resettlement.csv",
    "naturalisation": "naturalisation.csv",
    "unrwa_by_field": "unrwa_by_field.csv",
}


def write_tables(tables: Tables, folder: Path) -> list[Path]:
    """Write each table atomically as CSV (whole numbers stay whole), then the metadata,
    with each table's SHA-256 (``tables``: what :func:`ensure_processed` checks on reuse)."""
    folder = Path(folder)
    paths = []
    for attr, name in _FILES.items():
        table = getattr(tables, attr)
        if table is not None:
            paths.append(write_csv(folder / name, _whole_numbers(table)))
    checksums = {path.name: memo.digest(path) for path in paths}
    meta = {**tables.meta, "tables": checksums}
    text = json.dumps(meta, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return [*paths, write_text(folder / META, text)]


def damaged(folder: Path) -> str | None:
    """What is wrong with tables an earlier run saved in ``folder``: their metadata missing
    or unreadable, a table missing, or changed since (against the checksums saved with
    them); None when they are whole."""
    try:
        saved = dict(json.loads((folder / META).read_text(encoding="utf-8"))["tables"])
    except (OSError, ValueError, KeyError, TypeError):
        return f"{META} is missing or unreadable"
    if not {_FILES["countries"], _FILES["totals"]} <= set(saved):  # tables every build has
        return f"{META} lists none of the tables every build saves"
    for name, checksum in saved.items():
        try:
            if memo.digest(folder / name) != checksum:
                return f"{name} has changed since it was saved"
        except OSError:
            return f"{name} is missing or unreadable"
    return None


def _whole_numbers(table: pd.DataFrame) -> pd.DataFrame:
    table = table.copy()
    for col in table.columns:
        if table[col].dtype == "float64" and (table[col].dropna() % 1 == 0).all():
            table[col] = table[col].astype("Int64")
    return table


def _dtypes() -> dict[str, dict[str, str]]:
    """The column types of the tables that hold countries, by table."""
    from analysis import indicators
    from analysis.sources import unhcr

    population = {
        "year": "int64",
        "iso3": "str",
        "is_country": "bool",
        "developed_region": "bool",
        **dict.fromkeys(unhcr.POPULATION_COUNTS, "float64"),
    }
    codes = {"iso3": "str", "origin_iso3": "str", "asylum_iso3": "str", "destination_iso3": "str"}
    return {
        "by_asylum": population,
        "by_origin": population,
        "by_origin_and_asylum": {
            "year": "int64",
            **codes,
            **dict.fromkeys(indicators.PAIR_COUNTS, "float64"),
        },
        "idps_conflict": {"year": "int64", "iso3": "str", "idps_conflict": "float64"},
        "resettlement": {"year": "int64", **codes, "resettled": "float64"},
        "naturalisation": {"year": "int64", **codes, "naturalised": "float64"},
        "published": {"published": "str", "page": "str"},  # "2017", not 2017.0
        "migrant_stock": {"data_type": "str"},  # "B", not an empty number column
    }


def saved_unhcr_meta(folder: Path) -> dict:
    """What the tables saved in ``folder`` say of UNHCR's files (``release``,
    ``provisional_years``), read without pandas."""
    return json.loads((Path(folder) / META).read_text(encoding="utf-8"))["unhcr"]


def read_tables(folder: Path, raw_dir: Path | None = None) -> Tables:
    """The tables saved by :func:`write_tables`; of ``raw_dir``, when another folder of the
    same files made them (:func:`ensure_processed` keys them by content)."""
    import pandas as pd

    folder = Path(folder)
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    if raw_dir is not None:
        meta["raw_dir"] = str(raw_dir)
        meta["warnings"] = [_of_folder(w, raw_dir) for w in meta.get("warnings", [])]
    dtypes = _dtypes()
    found = {
        attr: pd.read_csv(
            folder / name, keep_default_na=False, na_values=[""], dtype=dtypes.get(attr)
        )
        for attr, name in _FILES.items()
        if (folder / name).exists()
    }
    for attr in ("by_asylum", "by_origin", "countries"):
        if attr in found:
            found[attr]["iso3"] = found[attr]["iso3"].astype(str)
    raw = Path(meta["raw_dir"])  # the files the warnings of later steps name, as when built
    if "migrant_stock" in found:
        found["migrant_stock"]["revision"] = found["migrant_stock"]["revision"].astype(str)
        if meta.get("undesa"):
            found["migrant_stock"].attrs["source"] = str(raw / meta["undesa"]["file"])
    if "published" in found:
        found["published"].attrs["source"] = str(published_figures_file(raw))
    return Tables(**found, meta=meta, folder=folder)


# --------------------------------------------------------------------------- cache


def inputs(raw_dir: Path) -> list[Path]:
    """The raw files the tables are made from (the project's fallbacks included)."""
    raw_dir = Path(raw_dir).resolve()  # "data/raw" and its absolute path: the same files
    files = [p for p in _files_under(raw_dir) if p.is_file() and not p.name.startswith(".")]
    fallbacks = [published_figures_file(raw_dir), config.RAW_DIR / "unhcr" / "countries.csv"]
    fallbacks = [f.resolve() for f in fallbacks]
    return files + [f for f in fallbacks if f not in files]


def _files_under(folder: Path) -> list[Path]:
    """Every file under ``folder``, sorted, those in folders linked there too (``unhcr/`` a
    link to a shared download folder: a changed file there is a changed input)."""
    seen: set[str] = set()
    files = []
    for root, folders, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a link back up the tree: walked once
            folders.clear()
            continue
        seen.add(real)
        files += [Path(root) / name for name in names]
    return sorted(files)


def _contents(path: Path) -> bytes:
    """The SHA-256 of a raw file's bytes; of a file that cannot be read (a stray file no
    reader opens; one that is read says so itself), a marker of it."""
    try:
        return bytes.fromhex(memo.digest(path))
    except OSError as err:
        return f"unreadable: {err.strerror}".encode()


def cache_key(raw_dir: Path, desa_revision: int | None = None) -> str:
    """A hash of the raw inputs' bytes, the package's code, the readers' versions and the
    options. Any module may decide what the tables hold (the reconciliation refuses data,
    the wording writes the warnings kept with them), so all of them are in the key."""
    from importlib.metadata import version

    readers = ";".join(f"{name}={version(name)}" for name in READERS)
    digest = hashlib.sha256()
    digest.update(f"desa_revision={desa_revision};{readers}\n".encode())
    for path in inputs(raw_dir):
        digest.update(_relative(path, Path(raw_dir).resolve()).encode() + b"\0")
        digest.update(_contents(path))
    for path in sorted(config.PACKAGE_DIR.rglob("*.py")):
        name = path.relative_to(config.PACKAGE_DIR).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def ensure_processed(
    raw_dir: Path, desa_revision: int | None = None, root: Path | None = None
) -> Path:
    """The folder of ``raw_dir``'s processed tables, built now only if no earlier run did.

    The folder is ``root/<key>`` (``root`` defaults to ``data/processed``); it is built in
    a temporary folder and renamed into place, so readers never see a part of it. Tables
    changed or lost since they were saved (:func:`damaged`) are made again, with a warning.
    """
    root = _writable(Path(root or config.PROCESSED_DIR))
    key = cache_key(raw_dir, desa_revision)
    folder = root / key[:16]
    if folder.exists():
        problem = damaged(folder)
        if problem is None:
            _replay_warnings(folder, raw_dir)
            os.utime(folder)
            return folder
        notices.warn(f"{folder}: {problem}: the processed tables are made again")
        aside = Path(tempfile.mkdtemp(prefix=f".{key[:16]}.damaged.", dir=root))
        with contextlib.suppress(OSError):  # moved aside whole, then removed: no half-folder
            os.replace(folder, aside / "tables")
        shutil.rmtree(aside, ignore_errors=True)
    tables = build_tables(raw_dir, desa_revision)
    tables.meta["key"] = key
    # the same files in another folder reuse the tables: their warnings name it when said
    tables.meta["warnings"] = [_of_any_folder(w, raw_dir) for w in tables.meta["warnings"]]
    staging = Path(tempfile.mkdtemp(prefix=f".{key[:16]}.", dir=root))
    try:
        write_tables(tables, staging)
        staging.chmod(0o755)
        try:
            os.replace(staging, folder)
        except OSError:  # another process saved the same tables first
            problem = damaged(folder)
            if problem is not None:
                raise InputError(
                    f"{folder}: {problem}, and it could not be replaced: remove that folder and "
                    "run again"
                ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _prune(root, keep=folder)
    return folder


def _writable(root: Path) -> Path:
    """``root``, made if need be; where it cannot be written (an installed package run with a
    read-only home), a folder of the user's in the temporary folder: it is only a cache."""
    try:
        root.mkdir(parents=True, exist_ok=True)
        if os.access(root, os.W_OK | os.X_OK):
            return root
    except OSError:
        pass
    import getpass
    import stat

    fallback = Path(tempfile.gettempdir()) / f"analysis-processed-{getpass.getuser()}"
    fallback.mkdir(mode=0o700, exist_ok=True)
    status = fallback.stat()
    ours = not hasattr(os, "getuid") or status.st_uid == os.getuid()
    if ours and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return fallback
    return Path(tempfile.mkdtemp(prefix="analysis-processed-"))  # another's: not trusted


#: Where the warnings saved with the tables named the raw folder they were read from.
RAW_DIR_TOKEN = "<raw_dir>"


def _of_any_folder(warning: str, raw_dir: Path) -> str:
    """A warning with ``raw_dir`` where it names the folder as a path (not "raw" in
    "drawn"), replaced by :data:`RAW_DIR_TOKEN`."""
    folder = re.escape(str(Path(raw_dir)))
    return re.sub(rf"(?<![\w./\\-]){folder}(?=[/\\:])", RAW_DIR_TOKEN, warning)


def _of_folder(warning: str, raw_dir: Path) -> str:
    """A saved warning naming ``raw_dir``'s files."""
    return warning.replace(RAW_DIR_TOKEN, str(Path(raw_dir)))


def _replay_warnings(folder: Path, raw_dir: Path) -> None:
    """Say again, on stderr, what reading the raw files warned about when they were read."""
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    for message in meta.get("warnings", []):
        notices.warn(_of_folder(message, raw_dir))


def _prune(root: Path, keep: Path) -> None:
    """Remove all but the most recently used processed folders, and leftovers of runs killed
    more than an hour ago."""
    import time

    folders = [p for p in root.iterdir() if p.is_dir() and p != keep]
    hour_ago = time.time() - 3600
    stale = [p for p in folders if p.name.startswith(".") and p.stat().st_mtime < hour_ago]
    cached = sorted(
        (p for p in folders if (p / META).exists()), key=lambda p: p.stat().st_mtime, reverse=True
    )
    for path in stale + cached[KEEP_CACHED:]:
        shutil.rmtree(path, ignore_errors=True)


def load_tables(raw_dir: Path | str = "", desa_revision: int | None = None) -> Tables:
    """The processed tables of ``raw_dir`` (default: the project's ``data/raw``)."""
    raw_dir = Path(raw_dir) if str(raw_dir) else config.RAW_DIR
    return read_tables(ensure_processed(raw_dir, desa_revision or None), raw_dir)


def _refuse_raw_folder(out: Path) -> None:
    """Fail on an output folder that is another raw folder, or one of its UNHCR or UN DESA
    folders: the tables would replace its files (its published_figures.csv, countries.csv)."""
    if (out / META).is_file():  # processed tables an earlier run wrote (even into unhcr/)
        return
    raw = out.parent if out.name in ("unhcr", "undesa") else out
    if (raw / "unhcr").is_dir() or (raw / config.MANIFEST).is_file():
        raise InputError(
            f"{out}: a raw data folder (it holds unhcr/ or {config.MANIFEST}), whose files the "
            "processed tables would replace: give another --out"
        )


def build_processed(raw_dir: Path, out_dir: Path, desa_revision: int | None = None) -> list[Path]:
    """``python -m analysis process``: build the tables and write them to ``out_dir``."""
    out_dir = Path(out_dir)
    refuse_writing_into(out_dir, raw_dir, "raw folder read")
    _refuse_raw_folder(out_dir)
    tables = build_tables(raw_dir, desa_revision)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".process.", dir=out_dir))
    try:  # written whole first: a disk that fills leaves the folder as it was
        written = write_tables(tables, staging)
        # a table of an earlier run these tables have not goes (no UN DESA workbook now); a
        # file of that name in a folder no run wrote is left alone
        if (out_dir / META).exists():
            for name in set(_FILES.values()) - {path.name for path in written}:
                (out_dir / name).unlink(missing_ok=True)
        for path in written:
            os.replace(path, out_dir / path.name)
    except OSError as err:
        if not disk_full(err):
            raise
        raise InputError(
            f"{out_dir}: {err.strerror}: free some space and run again (the tables there are "
            "as they were)"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    paths = [out_dir / path.name for path in written]
    print(f"{len(paths)} files in {out_dir}", file=sys.stderr)
    return paths
