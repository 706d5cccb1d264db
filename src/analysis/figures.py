"""The key figures of a year, as ``python -m analysis figures`` prints them (contract 2).

Every figure is computed from the processed tables (:mod:`analysis.processed`), so the
command line and the notebooks give the same numbers. Rankings and shares are on the
basis of UNHCR's Global Trends: refugees under UNHCR's mandate plus other people in need
of international protection.
"""

from pathlib import Path

import numpy as np
import pandas as pd

from analysis import indicators, notices, numbers
from analysis.countries import narrower_in_undesa
from analysis.errors import InputError
from analysis.processed import TABLE_OF_FIGURE, Tables, build_tables, load_migrant_stock
from analysis.sources import undesa
from analysis.wording import first_codes, listing

TOTAL_FIELDS = [
    "forcibly_displaced",
    "refugees_unhcr",
    "refugees_unrwa",
    "asylum_seekers",
    "other_in_need",
    "idps_conflict",
    "stateless",
    "resettled",
]
__all__ = ["figures_for", "key_figures", "load_migrant_stock"]

MIGRANT_FIELDS = [
    "migrant_stock",
    "migrant_stock_year",
    "migrant_stock_revision",
    "migrant_share_of_population",
    "women_share_of_migrants",
]


#: Where a notebook's reader changes a parameter, as an error names it.
CHANGE_YEAR = "; change year in the notebook's first cell"


def parameter_year(year: object, name: str = "year", change: str = CHANGE_YEAR) -> int:
    """A notebook's ``year`` (or a try-it cell's ``name``, to ``change`` where it says) as
    a whole number (``2024``, or ``"2024"`` typed as text); :class:`InputError` otherwise."""
    year = _typed_as_text(year)
    if isinstance(year, bool) or not isinstance(year, int | np.integer):
        raise InputError(f"{name} = {year!r}: expected a whole number such as 2024{change}")
    return int(year)


def parameter_count(
    value: object, name: str, least: int = 1, why: str = "", change: str = ""
) -> int:
    """A notebook's count parameter (``top_n``) as a whole number of ``least`` or more
    (``"10"`` typed as text, or given by ``papermill -r``, reads as 10); :class:`InputError`
    otherwise, ending on ``why`` the least is what it is, and on where to change it
    (``change``; by default the notebook's first cell)."""
    value = _typed_as_text(value)
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < least:
        raise InputError(
            f"{name} = {value!r}: expected a whole number of {least} or more{why}"
            + (change or f"; change {name} in the notebook's first cell")
        )
    return int(value)


def _typed_as_text(value: object) -> object:
    """A whole number typed as text (``"2024"``, papermill's ``-r``) or as a float
    (``2016.0``: "2016" was read, 2016.0 refused; a teacher) as the number; any other value
    as it is."""
    if isinstance(value, str) and value.strip().isdecimal() and value.strip().isascii():
        return int(value)
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return int(value)
    return value


def edition_year(tables: Tables, year: int) -> int:
    """``year``, or for 0 the latest complete year the data hold, as ``report`` takes it
    (:func:`analysis.report.available_years`: every UNHCR table at year end): the
    notebooks' default, the edition a rerun on a new release is about (with mid-year
    counts alone, the latest)."""
    if year:
        return year
    from analysis.report import available_years

    held, provisional, shared = available_years(Path(tables.meta["raw_dir"]))
    complete = [y for y in shared if y not in provisional]
    return complete[-1] if complete else held[-1]


def check_year(tables: Tables, year: int, where: str = "") -> None:
    """Fail with one line when the population file holds no figures for ``year`` (ending
    on ``where``, the place to change it); warn when UNRWA's or IDMC's table does not
    (their figures, and the total, are then null)."""
    totals = tables.totals
    if not (totals["year"] == year).any():
        raise InputError(
            f"{population_source(tables)}: holds no figures for {year} "
            f"(it covers {numbers.years(totals['year'])}){where}"
        )
    row = totals.set_index("year").loc[year]
    for column, name in TABLE_OF_FIGURE.items():
        # a missing file, a year left out as of another date: said when read
        said = name in tables.missing or tables.left_out(name, year)
        if pd.isna(row[column]) and not said:
            file = tables.meta["unhcr"].get("tables", {}).get(name, f"unhcr/{name}.csv")
            table = Path(tables.meta["raw_dir"]) / file
            nulls = (
                f"{column} is"
                if pd.notna(row["forcibly_displaced"]) or column == "resettled"
                else (f"{column} and forcibly_displaced are")
            )
            notices.warn(f"{table}: holds no figures for {year}; {nulls} null")


def population_source(tables: Tables) -> str:
    """The population file the tables were read from, or the files of a paired download."""
    files = [f"{tables.meta['raw_dir']}/{file}" for file in tables.meta["unhcr"]["files"]]
    return files[0] if len(files) == 1 else f"{' and '.join(files)} (read together)"


def totals_of(tables: Tables, year: int) -> dict:
    """The forcibly displaced total of ``year``, its parts, stateless and resettled (None
    where missing); empty for a year the tables do not hold."""
    totals = tables.totals.set_index("year")
    if year not in totals.index:
        return {}
    row = totals.loc[year]
    return {name: None if pd.isna(row[name]) else int(row[name]) for name in TOTAL_FIELDS}


def figures_for(tables: Tables, year: int, top: int = 10) -> dict:
    """Every key figure of ``year`` from the processed tables."""
    check_year(tables, year)
    figures: dict = {"year": year, "provisional": year in tables.provisional_years}
    figures |= totals_of(tables, year)
    _warn_not_counted(tables, year)
    ranked = figures.get("refugees_unhcr") is not None  # rankings need refugees (given)
    hosts = tables.by_asylum if ranked and not tables.by_asylum.empty else None
    origins = tables.by_origin if ranked and not tables.by_origin.empty else None
    counted = figures.get("other_in_need") is not None  # given: counted (0 before 2018)
    figures["top_origins"] = (
        None if origins is None else indicators.ranking(origins, year, top, counted)
    )
    figures["top_hosts"] = None if hosts is None else indicators.ranking(hosts, year, top, counted)
    figures["top3_origin_share"] = (
        None if origins is None else indicators.top_share(origins, year, 3)
    )
    if origins is not None and not figures["top_origins"] and (origins["year"] == year).any():
        figures["top3_origin_share"] = None  # no known country: no share of the top three
        notices.warn(
            f"{population_source(tables)}: no country of origin is known for {year} (every "
            "origin is unknown or not a country); top_origins is empty and top3_origin_share "
            "is null"
        )
    figures["hosting_by_region"] = (
        None if hosts is None else indicators.hosting_by_region(hosts, year)
    )
    figures["hosted_in_developing_regions"] = (
        None if hosts is None else indicators.hosted_in_developing_regions(hosts, year)
    )
    if hosts is not None:
        _warn_shares_of_known(tables, year, "asylum")
    if figures["top_origins"]:  # (none known: said above)
        _warn_shares_of_known(tables, year, "origin")
    figures |= (
        per_1000_figures(tables, year, top)
        if ranked
        else dict.fromkeys(["top_hosts_per_1000", "per_1000_population_year"])
    )
    return figures | migrant_figures(tables, year)


#: The share of people of no known country of asylum (or origin) from which the figures by
#: host (or origin) say it.
UNKNOWN_SAID = 0.05


def without_country(table: pd.DataFrame, year: int) -> tuple[float, float]:
    """The refugees and OIP of ``table`` (by asylum or by origin) of no known country in
    ``year``, and everyone's count: (754,100, 3.5 million) by asylum in 1975."""
    rows = table[table["year"] == year]
    people = indicators.in_need_of_protection(rows)
    return float(people[~rows["is_country"].astype(bool)].sum()), float(people.sum())


def without_host(tables: Tables, year: int) -> tuple[float, float]:
    """:func:`without_country` by country of asylum."""
    return without_country(tables.by_asylum, year)


def without_origin(tables: Tables, year: int) -> tuple[float, float]:
    """:func:`without_country` by country of origin: (1.5 million, 1.7 million) in 1960."""
    return without_country(tables.by_origin, year)


#: What the figures of each side are where :data:`UNKNOWN_SAID` or more have no known country.
UNKNOWN_MEANS = {
    "asylum": "hosting_by_region and hosted_in_developing_regions are shares of the others",
    "origin": "top_origins ranks the others and top3_origin_share is of them all",
}


def _warn_shares_of_known(tables: Tables, year: int, side: str) -> None:
    """One warning where :data:`UNKNOWN_SAID` of the year's people or more have no known
    country of ``side`` ("asylum" or "origin"): the figures of that side are of the others
    (1971: a quarter without a host, rescaled away without a word; 1960: nine in ten of no
    known origin, and the top three origins "held 9%"; auditors)."""
    none, everyone = (without_host if side == "asylum" else without_origin)(tables, year)
    if everyone and none >= UNKNOWN_SAID * everyone:
        who = "refugees and others in need" if tables.counts_oip(year) else "refugees"
        notices.warn(
            f"{population_source(tables)}: {numbers.people(none)} of the "
            f"{numbers.people(everyone)} {who} of {year} "
            f"({numbers.share(none / everyone)}) have no known country of {side}; "
            f"{UNKNOWN_MEANS[side]}"
        )


#: One of each group :func:`_warn_not_counted` names, as its warning writes it.
NOT_COUNTED_WHO = {"asylum_seekers": "asylum-seeker", "stateless": "stateless person"}


def _warn_not_counted(tables: Tables, year: int) -> None:
    """One warning for each group (the stateless, the asylum-seekers) of which ``year``
    gives 0 in every row, before UNHCR counted them (:meth:`Tables.counted_from`); the
    asylum-seekers are part of the forcibly displaced, null with them."""
    for column, who in NOT_COUNTED_WHO.items():
        first = tables.counted_from(column, year)
        if first is None:
            continue
        in_total = column in indicators.FORCIBLY_DISPLACED_PARTS  # the total is null with it
        nulls = f"{column} and forcibly_displaced are" if in_total else f"{column} is"
        notices.warn(
            f"{population_source(tables)}: no {who} in any row of {year}, before UNHCR counted "
            f"them ({first} on): not counted yet; {nulls} null"
        )


def per_1000_figures(tables: Tables, year: int, top: int) -> dict:
    """``top_hosts_per_1000`` (to one decimal) and the UN DESA year whose population it
    divides by."""
    table, nearest = per_1000_table(tables, year, top)
    stock = tables.migrant_stock
    if table is None and stock is not None and stock["population"].notna().any():
        years = stock.loc[stock["population"].notna(), "year"]
        if population_year(stock, year) is None:  # UN DESA's are too far off
            notices.warn(
                f"{stock.attrs.get('source', 'UN DESA population')}: no population estimate "
                f"within {POPULATION_WITHIN} years of {year} (they cover "
                f"{int(years.min())}–{int(years.max())}); top_hosts_per_1000 is null"
            )
    if table is None:
        return {"top_hosts_per_1000": None, "per_1000_population_year": None}
    unknown = hosts_without_population(tables, year, nearest)
    if unknown:
        rows = stock[(stock["kind"] == "country") & (stock["year"] == nearest)]
        dotted = [name for iso3, name in unknown if iso3 in set(rows["iso3"])]
        missing = [name for _, name in unknown if name not in dotted]
        said = [f"{_names(dotted)} in {nearest} (given as '..')"] if dotted else []
        said += [f"{_names(missing)} (no row in the workbook)"] if missing else []
        notices.warn(
            f"{stock.attrs.get('source', 'UN DESA population')}: no population for "
            f"{'; nor for '.join(said)}: left out of top_hosts_per_1000"
        )
    _warn_narrower_left_out(tables, year, top)
    records = [
        {"iso3": r.iso3, "name": r.name, "per_1000": round(float(r.per_1000), 1)}
        for r in table.itertuples()
    ]
    return {"top_hosts_per_1000": records, "per_1000_population_year": nearest}


def _names(names: list[str]) -> str:
    """``Lebanon and Jordan``, or the first five ``and 160 more``."""
    return listing(names, escape=False) if len(names) <= 6 else first_codes(names, 5)


def per_1000_table(
    tables: Tables, year: int, top: int, refugees_only: bool = False, narrower: bool = False
) -> tuple[pd.DataFrame | None, int | None]:
    """The ``top`` hosts per 1,000 inhabitants, unrounded (``iso3``, ``name``, ``per_1000``),
    and the UN DESA year of the population they divide by; (None, None) without them.
    ``refugees_only`` counts refugees under UNHCR's mandate alone, not other people in need;
    ``narrower`` keeps the countries whose UN DESA population covers less than UNHCR's
    figures (as if it did not), to tell where they would rank."""
    stock, hosts = tables.migrant_stock, tables.by_asylum
    if refugees_only and hosts is not None:
        hosts = hosts.assign(oip=0)
    if stock is None or hosts is None or hosts.empty or "refugees" in tables.absent:
        return None, None
    if stock["population"].isna().all():
        return None, None
    nearest = population_year(stock, year)
    if nearest is None:  # no estimate within POPULATION_WITHIN years of the edition
        return None, None
    countries = stock[(stock["kind"] == "country") & (stock["year"] == nearest)]
    population = countries.dropna(subset=["iso3", "population"]).set_index("iso3")["population"]
    # a rate needs one territory: UN DESA's Serbia (2024 revision) leaves out Kosovo, which
    # UNHCR's counts include; its Sudan of 2005 leaves out South Sudan
    if not narrower:
        population = population.drop(
            narrower_in_undesa(tables.undesa_revision, year), errors="ignore"
        )
    return indicators.per_1000(hosts, population, year, top), nearest


def _warn_narrower_left_out(tables: Tables, year: int, top: int) -> None:
    """A warning for each host left out of ``top_hosts_per_1000`` because UN DESA's
    population there covers less than UNHCR's figures, with the place it would take
    (Serbia, second in 1995 on the population of Serbia without Kosovo: left out without a
    word, an auditor); nothing where it would not rank."""
    from analysis.country import ordinal, undesa_place

    left = narrower_in_undesa(tables.undesa_revision, year)
    every, _ = per_1000_table(tables, year, top, narrower=True) if left else (None, None)
    if every is None:
        return
    revision, source = tables.undesa_revision, tables.migrant_stock.attrs.get("source", "UN DESA")
    for place, row in every[every["iso3"].isin(left)].iterrows():
        notices.warn(
            f"{source}: its population is of {undesa_place(row.iso3, row['name'], revision, year)}"
            f", less than UNHCR's figures for {row['name']!r} cover: left out of "
            f"top_hosts_per_1000, where it would rank {ordinal(place + 1)}"
        )


def hosts_without_population(tables: Tables, year: int, nearest: int) -> list[tuple[str, str]]:
    """The countries hosting refugees or OIP in ``year`` for which UN DESA's table gives no
    population in ``nearest``, so that they have no rate per 1,000: (iso3, name) pairs.
    Its row says ``..``, or it has no row (every host has one in UN DESA's own workbooks:
    a row deleted from a copy left Lebanon out of the ranking without a word); a country
    whose UN DESA row covers less than UNHCR's (:func:`narrower_in_undesa`) is said apart."""
    stock, hosts = tables.migrant_stock, tables.by_asylum
    rows = stock[(stock["kind"] == "country") & (stock["year"] == nearest) & stock["iso3"].notna()]
    given = set(rows.loc[rows["population"].notna(), "iso3"])
    given |= set(narrower_in_undesa(tables.undesa_revision, year))
    hosting = hosts[(hosts["year"] == year) & hosts["is_country"].astype(bool)]
    hosting = hosting[indicators.in_need_of_protection(hosting) > 0].drop_duplicates("iso3")
    return [(r.iso3, r.name) for r in hosting.itertuples() if r.iso3 not in given]


#: How far from a year UN DESA's population may be taken (its estimates are five years
#: apart): a rate of 1951 is not computed on the population of 1990.
POPULATION_WITHIN = undesa.ESTIMATE_WITHIN


def population_year(stock: pd.DataFrame | None, year: int) -> int | None:
    """The UN DESA year nearest ``year`` with countries' population (the later one on a tie),
    if within :data:`POPULATION_WITHIN` years; else None."""
    if stock is None:
        return None
    rows = stock[(stock["kind"] == "country") & stock["population"].notna()]
    return undesa.nearest_estimate(rows.loc[rows["iso3"].notna(), "year"].unique(), year)


def migrant_figures(tables: Tables, year: int) -> dict:
    """World migrant stock for the latest UN DESA year not after ``year`` (nulls without
    it, or when every estimate is later, as for 1951)."""
    stock = tables.migrant_stock
    if stock is None:
        return dict.fromkeys(MIGRANT_FIELDS)
    years = stock.loc[(stock["kind"] == "world") & stock["migrants"].notna(), "year"]
    if len(years) and undesa.latest_estimate(years, year) is None:  # all later
        notices.warn(
            f"{stock.attrs.get('source', 'UN DESA migrant stock')}: no estimate up to {year} "
            f"(they cover {int(years.min())}–{int(years.max())}); the migrant figures are null"
        )
        return dict.fromkeys(MIGRANT_FIELDS)
    figures = undesa.world_migrants(stock, year)
    return figures | {"migrant_stock_revision": str(stock["revision"].iloc[0])}


def key_figures(raw_dir: Path, year: int, top: int = 10, desa_revision: int | None = None) -> dict:
    """Every key figure for ``year`` from the files in ``raw_dir`` (read now, not cached).

    Without a UN DESA workbook in ``raw_dir/undesa`` the migrant fields are null and a
    warning says so on stderr; a workbook that is there but bad is an error.
    """
    return figures_for(build_tables(raw_dir, desa_revision), year, top)
