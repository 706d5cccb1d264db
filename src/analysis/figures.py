"""The key figures of a year, as ``python -m analysis figures`` prints them (contract 2)."""

from pathlib import Path

import pandas as pd

from analysis import indicators, notices
from analysis.datasets import Displacement, load_displacement
from analysis.sources import undesa
from analysis.sources.unhcr import GROUP_NAMES, Population

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
RANKING_FIELDS = ["top_origins", "top_hosts", "top3_origin_share", "hosting_by_region"]
# The figure each population group gives; the rankings need refugees, and the headline
# forcibly displaced figure needs each of its parts.
FIGURE_OF_GROUP = {
    "refugees": "refugees_unhcr",
    "asylum_seekers": "asylum_seekers",
    "stateless": "stateless",
    "oip": "other_in_need",
}


def displacement_figures(
    data: Displacement, year: int, top: int = 10, totals: pd.DataFrame | None = None
) -> dict:
    """Global totals, top origins and hosts, top-3 share and regional shares for ``year``.

    ``totals`` (:func:`indicators.global_totals` of ``data``) is computed when not given.
    """
    data.check_year(year)
    if totals is None:
        totals = indicators.global_totals(data.population, data.unrwa, data.idmc, data.solutions)
    row = totals.set_index("year").loc[year]
    figures: dict = {"year": year, "provisional": year in data.provisional_years}
    for name in TOTAL_FIELDS:
        value = row[name]
        figures[name] = None if value is None or str(value) == "<NA>" else int(value)
    population = data.population
    ranked = "refugees" not in population.absent
    origins = indicators.by_origin(population) if population.by_origin and ranked else None
    hosts = indicators.by_asylum(population) if population.by_asylum and ranked else None
    figures["top_origins"] = _records(origins, year, data, top)
    figures["top_hosts"] = _records(hosts, year, data, top)
    figures["top3_origin_share"] = (
        None if origins is None else indicators.top_share(origins, year, data.countries, 3)
    )
    figures["hosting_by_region"] = (
        None if hosts is None else indicators.hosting_by_region(hosts, year, data.countries)
    )
    _warn_absent(population)
    return figures


def _warn_absent(population: Population) -> None:
    """One warning naming the groups the population file lacks and the figures left null."""
    groups = [g for g in population.absent if g in FIGURE_OF_GROUP]
    if not groups:
        return
    nulls = [FIGURE_OF_GROUP[g] for g in groups]
    if set(nulls) & set(indicators.FORCIBLY_DISPLACED_PARTS):
        nulls.append("forcibly_displaced")
    nulls += RANKING_FIELDS if "refugees" in groups else []
    files = " and ".join(str(f) for f in population.files)
    names = ", ".join(GROUP_NAMES[g] for g in groups)
    verb = "is" if len(nulls) == 1 else "are"
    notices.warn(f"{files}: no column for {names}; {_and(nulls)} {verb} null")


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _records(table, year: int, data: Displacement, top: int) -> list[dict] | None:
    if table is None:
        return None
    return indicators.ranking(table, year, data.countries, top).to_dict("records")


MIGRANT_FIELDS = [
    "migrant_stock",
    "migrant_stock_year",
    "migrant_share_of_population",
    "women_share_of_migrants",
]


def load_migrant_stock(raw_dir: Path) -> pd.DataFrame:
    """UN DESA's migrant stock from the workbook in ``raw_dir/undesa`` (any revision)."""
    workbook = undesa.find_workbook(raw_dir)
    stock = undesa.read_migrant_stock(workbook)
    stock.attrs["revision"] = undesa.revision(workbook)
    stock.attrs["file"] = workbook.name
    return stock


def key_figures(raw_dir: Path, year: int, top: int = 10) -> dict:
    """Every key figure for ``year`` from the files in ``raw_dir``.

    Without a UN DESA workbook in ``raw_dir/undesa`` the migrant fields are null and a
    warning says so on stderr; a workbook that is there but bad is an error.
    """
    figures = displacement_figures(load_displacement(raw_dir), year, top)
    if not (Path(raw_dir) / "undesa").is_dir():
        notices.warn(f"{raw_dir}: no 'undesa' folder; migrant fields are null")
        return figures | dict.fromkeys(MIGRANT_FIELDS)
    return figures | undesa.world_migrants(load_migrant_stock(raw_dir), year)
