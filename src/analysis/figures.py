"""The key figures of a year, as ``python -m analysis figures`` prints them (contract 2)."""

import sys
from pathlib import Path

import pandas as pd

from analysis import indicators
from analysis.datasets import Displacement, load_displacement
from analysis.sources import undesa

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
    origins = indicators.by_origin(population) if population.by_origin else None
    hosts = indicators.by_asylum(population) if population.by_asylum else None
    figures["top_origins"] = _records(origins, year, data, top)
    figures["top_hosts"] = _records(hosts, year, data, top)
    figures["top3_origin_share"] = (
        None if origins is None else indicators.top_share(origins, year, data.countries, 3)
    )
    figures["hosting_by_region"] = (
        None if hosts is None else indicators.hosting_by_region(hosts, year, data.countries)
    )
    return figures


def _records(table, year: int, data: Displacement, top: int) -> list[dict] | None:
    if table is None:
        return None
    return indicators.ranking(table, year, data.countries, top).to_dict("records")


MIGRANT_FIELDS = [
    "migrant_stock",
    "migrant_stock_year",
    "migrant_stock_revision",
    "migrant_share_of_population",
    "women_share_of_migrants",
]


def load_migrant_stock(raw_dir: Path, revision: int | None = None) -> pd.DataFrame:
    """UN DESA's migrant stock from the workbook in ``raw_dir/undesa``: the latest revision
    there, or ``revision`` (e.g. 2020)."""
    workbook = undesa.choose_workbook(raw_dir, revision)
    stock = undesa.read_migrant_stock(workbook)
    stock.attrs["file"] = workbook.name
    return stock


def key_figures(raw_dir: Path, year: int, top: int = 10, desa_revision: int | None = None) -> dict:
    """Every key figure for ``year`` from the files in ``raw_dir``.

    The migrant fields come from the latest UN DESA revision in ``raw_dir/undesa``, or
    from ``desa_revision``. Without a UN DESA workbook the migrant fields are null and a
    warning says so on stderr; a workbook that is there but bad is an error.
    """
    figures = displacement_figures(load_displacement(raw_dir), year, top)
    if not (Path(raw_dir) / "undesa").is_dir():
        print(f"warning: {raw_dir}: no 'undesa' folder; migrant fields are null", file=sys.stderr)
        return figures | dict.fromkeys(MIGRANT_FIELDS)
    return figures | undesa.world_migrants(load_migrant_stock(raw_dir, desa_revision), year)
