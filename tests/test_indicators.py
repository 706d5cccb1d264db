"""Indicator functions on small hand-made tables: composition, rankings, shares."""

import pandas as pd
import pytest

from analysis import indicators
from analysis.countries import Countries, is_country
from analysis.sources.unhcr import POPULATION_COUNTS, Population

COUNTRIES = Countries(
    pd.DataFrame(
        {
            "iso_code": ["SYR", "TUR", "LBN", "AFG", "PAK"],
            "name": ["Syrian Arab Rep.", "Türkiye", "Lebanon", "Afghanistan", "Pakistan"],
            "unhcr_region": ["Middle East and North Africa", "Europe"]
            + ["Middle East and North Africa", "Asia and the Pacific", "Asia and the Pacific"],
        }
    )
)


def population(rows: list[tuple]) -> Population:
    """Rows of (year, origin, asylum, refugees, asylum_seekers)."""
    table = pd.DataFrame(rows, columns=["year", "coo_iso", "coa_iso", "refugees", "asylum_seekers"])
    for col in POPULATION_COUNTS:
        if col not in table:
            table[col] = 0.0
    return Population(table, True, True, ())


PAIRS = population(
    [
        (2016, "SYR", "TUR", 300.0, 10.0),
        (2016, "SYR", "LBN", 100.0, 0.0),
        (2016, "AFG", "PAK", 140.0, 5.0),
        (2016, "UNK", "TUR", 400.0, 0.0),
        (2016, "XXA", "LBN", 50.0, 0.0),
        (2015, "SYR", "TUR", 200.0, 0.0),
    ]
)


def described(table: pd.DataFrame) -> pd.DataFrame:
    """A table by country as the processed tables hold it: with names, regions and flags."""
    return indicators.with_countries(table, indicators.country_table(COUNTRIES, pd.Series()))


def test_non_countries_are_not_countries():
    assert is_country("TUR") and is_country("XKX")
    assert not any(is_country(c) for c in ["UNK", "UKN", "XXA", "XXX", "TIB", "-", None])


def test_rankings_leave_out_non_countries_but_totals_keep_them():
    origins = described(indicators.by_origin(PAIRS))
    top = indicators.ranking(origins, 2016, 5)
    assert [r["iso3"] for r in top] == ["SYR", "AFG"]
    assert [r["refugees"] for r in top] == [400, 140]
    assert indicators.population_totals(PAIRS).loc[2016, "refugees"] == 990
    hosts = indicators.ranking(described(indicators.by_asylum(PAIRS)), 2016, 2)
    assert [r["name"] for r in hosts] == ["Türkiye", "Lebanon"]


def test_top_share_counts_unknown_origins_in_the_denominator():
    origins = described(indicators.by_origin(PAIRS))
    assert indicators.top_share(origins, 2016, 1) == pytest.approx(400 / 990)


def test_hosting_by_region_sums_to_one_largest_first():
    shares = indicators.hosting_by_region(described(indicators.by_asylum(PAIRS)), 2016)
    assert list(shares) == ["Europe", "Middle East and North Africa", "Asia and the Pacific"]
    assert shares["Europe"] == pytest.approx(round(700 / 990, 6))
    assert sum(shares.values()) == pytest.approx(1.0)


def test_forcibly_displaced_composition():
    unrwa = pd.DataFrame({"year": [2015, 2016], "total": [20, 30]})
    idmc = pd.DataFrame({"year": [2016], "total": [500]})
    solutions = pd.DataFrame({"year": [2016], "resettlement": [7]})
    totals = indicators.global_totals(PAIRS, unrwa, idmc, solutions).set_index("year")
    # refugees 990 + UNRWA 30 + asylum-seekers 15 + other in need 0 + IDPs 500
    assert totals.loc[2016, "forcibly_displaced"] == 1535
    assert totals.loc[2016, "resettled"] == 7
    assert pd.isna(totals.loc[2015, "forcibly_displaced"])  # no IDMC figure for 2015


def test_aggregated_files_give_the_same_totals_and_rankings():
    table = PAIRS.table
    by_asylum = table.groupby(["year", "coa_iso"], as_index=False)[POPULATION_COUNTS].sum()
    by_asylum["coo_iso"] = pd.NA
    by_origin = table.groupby(["year", "coo_iso"], as_index=False)[POPULATION_COUNTS].sum()
    by_origin["coa_iso"] = pd.NA
    combined = Population(pd.concat([by_asylum, by_origin], ignore_index=True), True, True, ())
    assert indicators.population_totals(combined).equals(indicators.population_totals(PAIRS))
    for part in (indicators.by_origin, indicators.by_asylum):
        assert indicators.ranking(described(part(combined)), 2016, 3) == indicators.ranking(
            described(part(PAIRS)), 2016, 3
        )


def test_rates_per_1000_leave_out_countries_hosting_no_one():
    """`figures --top 500` listed countries hosting no one among the rates per 1,000."""
    hosts = pd.DataFrame(
        {
            "year": [2016] * 3,
            "iso3": ["LBN", "JOR", "VNM"],
            "name": ["Lebanon", "Jordan", "Viet Nam"],
            "is_country": [True] * 3,
            "refugees": [1_000_000.0, 700_000.0, 0.0],
            "oip": [0.0, 0.0, 0.0],
        }
    )
    population = pd.Series({"LBN": 6_000_000, "JOR": 9_500_000, "VNM": 95_000_000})
    rates = indicators.per_1000(hosts, population, 2016, 500)
    assert rates["iso3"].tolist() == ["LBN", "JOR"]
