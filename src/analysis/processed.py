"""Tidy tables in ``data/processed/``, keyed on ISO3 with UNHCR region, written atomically."""

from pathlib import Path

import pandas as pd

from analysis import indicators
from analysis.atomic import write_csv
from analysis.datasets import Displacement, load_displacement
from analysis.figures import load_migrant_stock


def displacement_tables(data: Displacement) -> dict[str, pd.DataFrame]:
    """The processed displacement tables, by file name."""
    population = data.population
    totals = indicators.global_totals(population, data.unrwa, data.idmc, data.solutions)
    totals["provisional"] = totals["year"].isin(data.provisional_years)
    tables = {"global_totals.csv": totals}
    if population.by_asylum:
        by_asylum = indicators.by_asylum(population)
        tables["population_by_asylum.csv"] = indicators.with_regions(by_asylum, data.countries)
    if population.by_origin:
        by_origin = indicators.by_origin(population)
        tables["population_by_origin.csv"] = indicators.with_regions(by_origin, data.countries)
    tables["resettlement_by_year.csv"] = totals[["year", "resettled", "provisional"]]
    return tables


def write_tables(tables: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """Write each table atomically as CSV; counts stay whole numbers."""
    paths = []
    for name, table in tables.items():
        table = table.copy()
        for col in table.columns:
            if table[col].dtype == "float64" and (table[col].dropna() % 1 == 0).all():
                table[col] = table[col].astype("Int64")
        paths.append(write_csv(Path(out_dir) / name, table))
    return paths


def migrant_tables(stock: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """UN DESA's migrant stock by location and year, with population and shares."""
    table = stock.sort_values(["location_code", "year"], kind="stable")
    table = table.assign(revision=stock.attrs.get("revision", ""))
    return {"migrant_stock.csv": table.reset_index(drop=True)}


def build_processed(raw_dir: Path, out_dir: Path) -> list[Path]:
    """Read the raw folder, build every processed table and write them to ``out_dir``."""
    tables = displacement_tables(load_displacement(raw_dir))
    if (Path(raw_dir) / "undesa").is_dir():
        tables |= migrant_tables(load_migrant_stock(raw_dir))
    return write_tables(tables, out_dir)
