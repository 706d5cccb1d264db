"""Load every source of a raw-data folder (the project's extracts or full official releases)."""

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.countries import Countries
from analysis.errors import InputError
from analysis.manifest import provisional_years, read_manifest
from analysis.sources import unhcr
from analysis.sources.files import find_table


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

    def check_year(self, year: int) -> None:
        """Fail with one line when a source does not hold ``year``."""
        sources = [
            (self.population.files[0], self.population.table),
            (self.unrwa.attrs.get("source", "unrwa.csv"), self.unrwa),
            (self.idmc.attrs.get("source", "idmc.csv"), self.idmc),
        ]
        for where, table in sources:
            years = table["year"]
            if not (years == year).any():
                raise InputError(
                    f"{where}: holds no figures for {year} (it covers {years.min()}–{years.max()})"
                )


def load_displacement(raw_dir: Path) -> Displacement:
    """Read and validate the UNHCR files of ``raw_dir/unhcr``."""
    raw_dir = Path(raw_dir)
    unhcr_dir = raw_dir / "unhcr"
    if not unhcr_dir.is_dir():
        raise InputError(f"{raw_dir}: no 'unhcr' folder (expected {unhcr_dir})")
    population = unhcr.load_population(unhcr_dir)
    countries_file = find_table(unhcr_dir, "countries", required=False) or find_table(
        config.RAW_DIR / "unhcr", "countries"
    )
    names = names_in_file(population.table)
    manifest = read_manifest(raw_dir)
    return Displacement(
        population=population,
        unrwa=unhcr.read_unrwa(find_table(unhcr_dir, "unrwa")),
        idmc=unhcr.read_idmc(find_table(unhcr_dir, "idmc")),
        solutions=unhcr.read_solutions(find_table(unhcr_dir, "solutions")),
        countries=Countries(_with_m49(unhcr.read_countries(countries_file)), names),
        provisional_years=provisional_years(
            raw_dir, population.files[0], set(population.table["year"].astype(int))
        ),
        manifest=manifest,
    )


def _with_m49(table: pd.DataFrame) -> pd.DataFrame:
    """The country table, with UN M49 regions from the project's copy when it has none."""
    if "unsd_region" in table.columns:
        return table
    own = unhcr.read_countries(config.RAW_DIR / "unhcr" / "countries.csv")
    m49 = own.reindex(columns=["iso_code", "unsd_region", "unsd_subregion"], fill_value="")
    return table.merge(m49, on="iso_code", how="left").fillna(
        {"unsd_region": "", "unsd_subregion": ""}
    )


def names_in_file(table: pd.DataFrame) -> pd.Series:
    """Every country code of a population table, with the name the file gives it."""
    pairs = pd.concat(
        [
            table[["coa_iso", "coa_name"]].set_axis(["iso3", "name"], axis=1),
            table[["coo_iso", "coo_name"]].set_axis(["iso3", "name"], axis=1),
        ]
    ).dropna()
    return pairs.drop_duplicates("iso3").set_index("iso3")["name"]
