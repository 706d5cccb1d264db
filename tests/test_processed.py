"""The tidy tables in data/processed: keyed on ISO3 with UNHCR region, written atomically."""

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main
from analysis.figures import key_figures


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    assert main(["process", "--out", str(out)]) == 0
    return out


def test_tables_written_and_nothing_half_written(processed):
    names = {p.name for p in processed.iterdir()}
    assert names == {
        "global_totals.csv",
        "population_by_asylum.csv",
        "population_by_origin.csv",
        "resettlement_by_year.csv",
        "migrant_stock.csv",
    }


def test_population_tables_are_tidy_and_keyed_on_iso3(processed):
    for name in ("population_by_asylum.csv", "population_by_origin.csv"):
        table = pd.read_csv(processed / name, keep_default_na=False, na_values=[""])
        assert not table.duplicated(["year", "iso3"]).any()
        assert {"iso3", "name", "unhcr_region", "refugees", "asylum_seekers"} <= set(table)
    hosts = pd.read_csv(processed / "population_by_asylum.csv")
    turkey = hosts[(hosts.year == 2016) & (hosts.iso3 == "TUR")].iloc[0]
    assert (turkey["name"], turkey["unhcr_region"]) == ("Türkiye", "Europe")


def test_global_totals_match_the_figures(processed):
    totals = pd.read_csv(processed / "global_totals.csv").set_index("year")
    figures = key_figures(config.RAW_DIR, 2016)
    for field in ("forcibly_displaced", "refugees_unhcr", "refugees_unrwa", "resettled"):
        assert totals.loc[2016, field] == figures[field]
    assert bool(totals.loc[2025, "provisional"]) and not bool(totals.loc[2024, "provisional"])


def test_migrant_stock_table(processed):
    stock = pd.read_csv(processed / "migrant_stock.csv", keep_default_na=False, na_values=[""])
    world = stock[(stock.kind == "world") & (stock.year == 2024)].iloc[0]
    assert (world["migrants"], world["revision"]) == (304_021_813, 2024)
    jordan = stock[(stock.iso3 == "JOR") & (stock.year == 2024)].iloc[0]
    assert 0 < jordan["migrant_share"] < 1 and jordan["population"] > 1_000_000
