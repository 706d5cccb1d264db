"""Pure functions from tidy tables to the briefing's figures."""

import pandas as pd

from analysis import notices
from analysis.countries import UNKNOWN_REGION, Countries, is_country
from analysis.sources.unhcr import (
    COUNTED_FROM,
    OIP_FROM,
    POPULATION_COUNTS,
    Population,
    not_counted,
)

# The parts of UNHCR's "forcibly displaced" headline, in the order Global Trends lists them.
FORCIBLY_DISPLACED_PARTS = [
    "refugees_unhcr",
    "refugees_unrwa",
    "asylum_seekers",
    "other_in_need",
    "idps_conflict",
]


def by_asylum(population: Population) -> pd.DataFrame:
    """Counts by year and country of asylum (``iso3``)."""
    rows = population.table[population.table["coa_iso"].notna()]
    return _by(rows, "coa_iso")


def by_origin(population: Population) -> pd.DataFrame:
    """Counts by year and country of origin (``iso3``)."""
    rows = population.table[population.table["coo_iso"].notna()]
    return _by(rows, "coo_iso")


def _by(rows: pd.DataFrame, code: str) -> pd.DataFrame:
    table = rows.groupby(["year", code], sort=True)[POPULATION_COUNTS].sum(min_count=1)
    return table.reset_index().rename(columns={code: "iso3"})


PAIR_COUNTS = ["refugees", "asylum_seekers", "oip", "returned_refugees"]


def by_origin_and_asylum(population: Population) -> pd.DataFrame:
    """Counts by year, country of origin (``origin_iso3``) and of asylum (``asylum_iso3``).

    Empty for a download aggregated by one dimension only.
    """
    rows = population.table.dropna(subset=["coo_iso", "coa_iso"])
    table = rows.groupby(["year", "coo_iso", "coa_iso"], sort=True)[PAIR_COUNTS].sum(min_count=1)
    table = table.reset_index().rename(columns={"coo_iso": "origin_iso3", "coa_iso": "asylum_iso3"})
    return table[table[PAIR_COUNTS].fillna(0).gt(0).any(axis=1)].reset_index(drop=True)


def idps_by_country(idmc: pd.DataFrame) -> pd.DataFrame:
    """People internally displaced by conflict and violence (IDMC) by year and ``iso3``."""
    table = idmc.groupby(["year", "coo_iso"], sort=True)["total"].sum(min_count=1)
    return table.reset_index().rename(columns={"coo_iso": "iso3", "total": "idps_conflict"})


def unrwa_by_field(unrwa: pd.DataFrame) -> pd.DataFrame:
    """Palestine refugees registered with UNRWA by year and field of operation (``iso3``:
    Jordan, Lebanon, the Syrian Arab Republic, the State of Palestine)."""
    table = unrwa.groupby(["year", "coa_iso"], sort=True)["total"].sum(min_count=1)
    return table.reset_index().rename(columns={"coa_iso": "iso3", "total": "refugees_unrwa"})


def resettlement_by_country(solutions: pd.DataFrame) -> pd.DataFrame:
    """Refugees resettled by year, country of origin (``origin_iso3``) and country of
    resettlement (``destination_iso3``), where any were."""
    return _by_pair(solutions, "resettlement", "resettled", "destination_iso3")


def naturalisation_by_country(solutions: pd.DataFrame) -> pd.DataFrame:
    """Refugees naturalised by year, country of origin (``origin_iso3``) and the country of
    asylum that naturalised them (``asylum_iso3``), where any were."""
    return _by_pair(solutions, "naturalisation", "naturalised", "asylum_iso3")


def _by_pair(solutions: pd.DataFrame, count: str, name: str, where: str) -> pd.DataFrame:
    """One count of the solutions table summed by year and (origin, asylum) pair, where
    above zero, as ``name``, the country of asylum's column named ``where``."""
    rows = solutions.dropna(subset=["coo_iso", "coa_iso"])
    table = rows.groupby(["year", "coo_iso", "coa_iso"], sort=True)[count].sum()
    table = table[table > 0].reset_index()
    return table.rename(columns={"coo_iso": "origin_iso3", "coa_iso": where, count: name})


def population_totals(population: Population) -> pd.DataFrame:
    """World totals of each population group by year (one row per year).

    A group the file has no column for (``population.absent``) is missing, not zero; other
    people in need of international protection are none before UNHCR counted them
    (:data:`~analysis.sources.unhcr.OIP_FROM`), with a column or without; stateless people
    and asylum-seekers are missing before UNHCR counted them (0 in every row: no count).
    """
    table = by_asylum(population) if population.by_asylum else by_origin(population)
    totals = table.groupby("year")[POPULATION_COUNTS].sum().astype("Int64")
    totals[list(population.absent)] = pd.NA
    if "oip" in population.absent:
        totals.loc[totals.index < OIP_FROM, "oip"] = 0
    for column, years in population.unreported.items():  # given no figure that year
        totals.loc[years, column] = pd.NA
    for column in COUNTED_FROM:  # 0 in every row before UNHCR counted them
        totals.loc[not_counted(population, column), column] = pd.NA
    return totals


def yearly_total(table: pd.DataFrame, column: str) -> pd.Series:
    """Sum of ``column`` by year; missing for a year none of whose rows gives a figure (an
    IDMC export with a year left blank is no count of none)."""
    return table.groupby("year")[column].sum(min_count=1).astype("Int64")


def forcibly_displaced(parts: pd.DataFrame) -> pd.Series:
    """UNHCR's headline: refugees (UNHCR + UNRWA) + asylum-seekers + other in need + IDPs."""
    return parts[FORCIBLY_DISPLACED_PARTS].sum(axis=1).astype("int64")


def global_totals(
    population: Population, unrwa: pd.DataFrame, idmc: pd.DataFrame, solutions: pd.DataFrame
) -> pd.DataFrame:
    """Global figures by year: the forcibly displaced and its parts, stateless, resettled.

    Years are those of the population table; a source without a year gives a missing value.
    """
    groups = population_totals(population)
    totals = pd.DataFrame(
        {
            "refugees_unhcr": groups["refugees"],
            "refugees_unrwa": yearly_total(unrwa, "total"),
            "asylum_seekers": groups["asylum_seekers"],
            "other_in_need": groups["oip"],
            "idps_conflict": yearly_total(idmc, "total"),
            "stateless": groups["stateless"],
            "resettled": yearly_total(solutions, "resettlement"),
        }
    ).reindex(groups.index)
    totals.insert(0, "forcibly_displaced", forcibly_displaced(totals.fillna(0)))
    complete = totals[FORCIBLY_DISPLACED_PARTS].notna().all(axis=1)
    totals.loc[~complete, "forcibly_displaced"] = pd.NA
    return totals.astype("Int64").rename_axis("year").reset_index()


# --- on Global Trends' basis ---------------------------------------------------------


def country_table(countries: Countries, codes_in_file: pd.Series) -> pd.DataFrame:
    """One row per code (the country table's and the data file's): name, regions, flags."""
    codes = sorted(set(countries.codes()) | set(codes_in_file.index))
    series = pd.Series(codes, dtype="str")
    return pd.DataFrame(
        {
            "iso3": series,
            "name": countries.names(series),
            "unhcr_region": countries.regions(series),
            "m49_region": series.map(countries.m49_region),
            "developed_region": series.map(countries.developed),
            "is_country": series.map(is_country),
        }
    )


def in_need_of_protection(table: pd.DataFrame) -> pd.Series:
    """Refugees under UNHCR's mandate plus other people in need of international protection."""
    return table["refugees"].fillna(0) + table["oip"].fillna(0)


def hosted_in_developing_regions(hosts: pd.DataFrame, year: int) -> float | None:
    """Share of the year's refugees and OIP hosted outside the UN M49 developed regions, of
    those hosted where the region is known (not under a code that is no country's)."""
    rows = hosts[(hosts["year"] == year) & (hosts["unhcr_region"] != UNKNOWN_REGION)]
    people = in_need_of_protection(rows)
    total = people.sum()
    if not total:
        return None
    return float(people[~rows["developed_region"].astype(bool)].sum() / total)


def per_1000(hosts: pd.DataFrame, population: pd.Series, year: int, n: int) -> pd.DataFrame:
    """The ``n`` countries hosting the most refugees and OIP per 1,000 inhabitants.

    ``population`` is inhabitants by ISO3 code; countries without one are left out, and so
    are those under 100,000 inhabitants, whose ratios say little, and those hosting no one.
    """
    rows = hosts[(hosts["year"] == year) & hosts["is_country"].astype(bool)].copy()
    rows["inhabitants"] = rows["iso3"].map(population)
    rows = rows[rows["inhabitants"] >= 100_000]
    rows["per_1000"] = in_need_of_protection(rows) / rows["inhabitants"] * 1000
    rows = within_population(rows, year)
    rows = rows[rows["per_1000"] > 0]  # a country hosting no one has no place in the ranking
    rows = rows.sort_values(["per_1000", "iso3"], ascending=[False, True]).head(n)
    return rows[["iso3", "name", "per_1000"]].reset_index(drop=True)


def within_population(rates: pd.DataFrame, year: int) -> pd.DataFrame:
    """``rates`` (``iso3``, ``per_1000``) less the countries said to host more people than
    they have inhabitants, which only a mistyped count gives (Syria's refugees in Lebanon
    typed with an extra zero: 1,302 per 1,000), in one warning naming them."""
    over = rates["per_1000"] > 1000
    if over.any():
        said = ", ".join(
            f"{code} ({rate:,.0f} per 1,000)"
            for code, rate in zip(rates.loc[over, "iso3"], rates.loc[over, "per_1000"], strict=True)
        )
        notices.warn(
            f"{year}: more refugees and others in need hosted than inhabitants in {said}: a "
            "count in the population file may be mistyped; left out of the rates per 1,000"
        )
    return rates[~over]


def with_countries(table: pd.DataFrame, countries: pd.DataFrame) -> pd.DataFrame:
    """Add name, regions and the country flags after ``iso3``."""
    info = countries.set_index("iso3")
    out = table.copy()
    at = out.columns.get_loc("iso3") + 1
    for offset, column in enumerate(["name", "unhcr_region", "developed_region", "is_country"]):
        out.insert(at + offset, column, out["iso3"].map(info[column]).to_numpy())
    # a code the country table lacks: a country only if ISO 3166 says so, never developed
    flags = zip(out["is_country"], out["iso3"], strict=True)
    out["is_country"] = pd.Series(
        [bool(flag) if pd.notna(flag) else is_country(code) for flag, code in flags],
        index=out.index,
        dtype=bool,
    )
    out["developed_region"] = out["developed_region"].eq(True)
    return out


def ranking(table: pd.DataFrame, year: int, n: int, counted: bool | None = None) -> list[dict]:
    """The ``n`` countries with the most refugees and OIP in ``year``, largest first.
    ``counted``: whether the file has a column of OIP (by default, whether any is given);
    without one, each country's ``other_in_need`` is None, unknown rather than zero."""
    rows = table[(table["year"] == year) & table["is_country"].astype(bool)]
    rows = rows.assign(_people=in_need_of_protection(rows))
    rows = rows[rows["_people"] > 0].sort_values(["_people", "iso3"], ascending=[False, True])
    if counted is None:
        counted = table["oip"].notna().any()
    return [
        {
            "iso3": r.iso3,
            "name": r.name,
            "refugees": int(0 if pd.isna(r.refugees) else r.refugees),
            "other_in_need": (int(0 if pd.isna(r.oip) else r.oip) if counted else None),
        }
        for r in rows.head(n).itertuples()
    ]


def top_share(table: pd.DataFrame, year: int, n: int = 3) -> float | None:
    """Share of the year's refugees and OIP from (or in) the ``n`` largest countries."""
    rows = table[table["year"] == year]
    total = in_need_of_protection(rows).sum()
    top = sum(r["refugees"] + (r["other_in_need"] or 0) for r in ranking(table, year, n))
    return float(top / total) if total else None


def hosting_by_region(hosts: pd.DataFrame, year: int) -> dict[str, float]:
    """Share of the year's refugees and OIP hosted in each UNHCR region, largest first, of
    those hosted where the region is known (a code that is no country's has none)."""
    rows = hosts[(hosts["year"] == year) & (hosts["unhcr_region"] != UNKNOWN_REGION)]
    people = in_need_of_protection(rows).groupby(rows["unhcr_region"]).sum()
    people = people[people > 0].sort_values(ascending=False, kind="stable")
    return (people / people.sum()).round(6).to_dict()
