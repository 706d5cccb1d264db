"""Country briefs without a kernel: which country a name means, and the words the data decide."""

import copy
import re

import pandas as pd
import pytest

from analysis import config, countries, country, numbers
from analysis.errors import InputError
from analysis.figures import per_1000_table
from analysis.lookup import normalise, resolve
from analysis.processed import load_tables
from analysis.wording import plain, the


@pytest.fixture(scope="module")
def tables():
    return load_tables(config.RAW_DIR)


@pytest.mark.parametrize(
    ("query", "iso3"),
    [
        ("TUR", "TUR"),
        ("tur", "TUR"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("turkiye", "TUR"),
        ("Iran", "IRN"),
        ("Iran (Islamic Rep. of)", "IRN"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d Ivoire", "CIV"),
        ("Syria", "SYR"),
        ("Russia", "RUS"),
        ("  south   sudan ", "SSD"),
        ("Iceland", "ISL"),
        ("Zaire", "COD"),  # it suggested the United Arab Emirates
        ("XK", "SRB"),  # Kosovo's two-letter code, counted with Serbia as XKX is
        ("004", "AFG"),  # ISO 3166's numeric code: "Afghanistan (AFG) is not in UNHCR's ..."
        ("276", "DEU"),
        ("4", "AFG"),  # as UN DESA's code column and spreadsheets write it
        # the World Bank's names: "Congo, Dem. Rep." suggested the Congo (a hostile tester)
        ("Congo, Dem. Rep.", "COD"),
        ("Congo, Rep.", "COG"),
        ("Gambia, The", "GMB"),
        ("Korea, Rep.", "KOR"),
        ("Iran, Islamic Rep.", "IRN"),
        ("Venezuela, RB", "VEN"),
        ("Lao PDR", "LAO"),
        ("West Bank and Gaza", "PSE"),
        ("The Netherlands", "NLD"),
        ("Holland", "NLD"),
        ("DPRK", "PRK"),
        ("Bosnia", "BIH"),
        # names a country analyst typed that were refused or offered another country
        ("Occupied Palestinian Territory", "PSE"),
        ("Macau", "MAC"),
        ("Hong Kong SAR", "HKG"),
        ("Hong Kong SAR, China", "HKG"),
        ("Serbia and Montenegro", "SRB"),  # it suggested Montenegro
        ("Yugoslavia", "SRB"),  # it suggested Latvia
        ("CAR", "CAF"),  # it suggested Costa Rica and Canada (a new user)
    ],
)
def test_codes_and_names_resolve(tables, query, iso3):
    assert resolve(query, tables.countries) == iso3


def test_unknown_country_is_refused_with_close_matches(tables):
    with pytest.raises(InputError) as error:
        resolve("Icelnd", tables.countries)
    (line,) = error.value.problems
    assert line.startswith("unknown country 'Icelnd'; did you mean Iceland (ISL)")
    # two countries match: neither is guessed, and the name is not called unknown (a teacher)
    with pytest.raises(InputError) as two:
        resolve("Korea", tables.countries)
    assert str(two.value) == (
        "'Korea' is in the names of 2 countries: give one's ISO3 code or full name (Rep. of "
        "Korea (KOR) or Dem. People's Rep. of Korea (PRK))"
    )
    with pytest.raises(InputError) as error:  # "--countries 'China, Hong Kong SAR'" split
        resolve("Hong Kng SAR", tables.countries)
    assert "did you mean China, Hong Kong SAR (HKG)" in str(error.value)
    assert str(error.value).endswith("? (a name with a comma: give its code)")
    # the start of one country's name, abbreviated or not (a new user: "Sao Tome" suggested
    # Somalia, "St Kitts" nothing)
    for typed, meant in (("Sao Tome", "Sao Tome and Principe (STP)"),
                         ("St Kitts", "Saint Kitts and Nevis (KNA)")):  # fmt: skip
        with pytest.raises(InputError) as error:
            resolve(typed, tables.countries)
        assert str(error.value) == f"unknown country {typed!r}; did you mean {meant}?"
    with pytest.raises(InputError, match="not in UNHCR's country table"):
        resolve("Antarctica", tables.countries)
    with pytest.raises(InputError, match="no country given"):
        resolve(" ", tables.countries)
    # a name in another script is a name, not nothing (it read "no country given")
    for name in ("Германия", "ألمانيا", "德国"):
        with pytest.raises(InputError) as error:
            resolve(name, tables.countries)
        assert str(error.value) == (
            f"unknown country {name!r}: give an ISO3 code (DEU) or the name in English (Germany)"
        )


def test_normalise_ignores_case_accents_and_punctuation():
    assert normalise("Côte d'Ivoire") == normalise("COTE D IVOIRE") == "cotedivoire"
    assert normalise("Bosnia & Herzegovina") == "bosniaandherzegovina"


def test_count_and_groups_never_read_zero():
    assert country.count(0, "refugee") == "no refugees"
    assert country.count(1, "refugee") == "1 refugee"
    assert country.count(5, "refugee") == "5 refugees"
    assert country.count(2_940_735, "refugee") == "2.9 million refugees"
    row = {"refugees": 2_940_735, "asylum_seekers": 154_080, "oip": 0}
    assert country.groups_text(row) == (
        "2.9 million refugees under UNHCR's mandate and 154,100 asylum-seekers"
    )
    assert country.groups_text({"refugees": 0, "asylum_seekers": 1, "oip": 0}) == "1 asylum-seeker"
    assert country.groups_text({"refugees": 0, "asylum_seekers": 0, "oip": 0}) == ""


def test_ordinals_and_ranks():
    assert [country.ordinal(n) for n in (1, 2, 10, 11, 12, 13, 21, 22, 23, 101, 111, 112)] == [
        "first",
        "second",
        "tenth",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "23rd",
        "101st",
        "111th",
        "112th",
    ]
    assert country.rank_text(1, 172, "host countries") == "the largest of 172 host countries"
    assert country.rank_text(2, 172, "host countries") == "the second-largest of 172 host countries"
    assert country.rank_text(25, 194, "countries", "highest") == "the 25th-highest of 194 countries"
    assert country.rank_text(1, 1, "host countries") == "the only one of the host countries"


def test_trend_sentences():
    def series(values, start=2000):
        return pd.Series(values, index=range(start, start + len(values)))

    assert country.trend_sentence(series([0, 0, 0]), "It") == ""
    # Ukraine: 7,272 in 2007 and 7,321 in 2009 read alike; "a peak of 7,300 in 2009" stood
    # before a rise "to 7,300 in 2007" (an editor)
    ukraine = series([2_900, 2_300, 7_272, 7_189, 7_321, 3_016, 2_500], 2005)
    assert country.trend_sentence(ukraine, "It") == (
        "It rose from 2,900 in 2005 to a peak of 7,300 in 2007 and 2009, then fell to 2,500 in "
        "2011."
    )
    # not a count 1.6% below the peak, though written alike (South Sudan's IDPs: 1,899,000
    # in 2017, 1,869,000 in 2018; an editor)
    south_sudan = series([1_500_000, 1_899_000, 1_869_000, 1_600_000], 2016)
    assert "a peak of 1.9 million in 2017, then" in country.trend_sentence(south_sudan, "It")
    # IDMC's estimate for Bangladesh: 426,000 every year from 2009 but 432,000 in 2017
    steady = series([426_000, 426_000, 432_000, 426_000])
    assert country.trend_sentence(steady, "Their number") == (
        "Their number stayed at 426,000 every year from 2000 to 2003 except 2002 (432,000)."
    )
    # 2017 at 432,000 at the end: not "stayed at about 432,000 every year from 2009"
    assert country.trend_sentence(series([426_000, 426_000, 426_000, 432_000], 2014), "It") == (
        "It stayed between 426,000 and 432,000 every year from 2014 to 2017."
    )
    assert "stayed" not in country.trend_sentence(series([426_000, 440_000, 426_000]), "It")
    gaps = pd.Series([426_000, 426_000, 432_000, 426_000, 426_000], [2009, 2010, 2017, 2024, 2025])
    assert "every year" not in country.trend_sentence(gaps, "It", {2025})  # years missing
    mid_2025 = series([426_000, 426_000, 432_000, 426_000, 300_000], 2021)
    assert country.trend_sentence(mid_2025, "It", {2025}) == (
        "It stayed at 426,000 every year from 2021 to the end of 2024 except 2023 (432,000)."
    )
    # a year far above (or below) both its neighbours is a change in what was counted
    serbia = series([17_000, 16_000, 213_000, 16_000, 211_000, 210_000], 2018)
    assert country.trend_sentence(serbia, "Their number") == (  # the swing it stayed back from
        "Their number went from 213,000 in 2020 to 16,000 in 2021 and 211,000 in 2022, a "
        "swing too abrupt to be read as a trend."
    )
    assert country.trend_sentence(serbia[:4], "Their number") == (  # the data to 2021
        "Their number went from 16,000 in 2019 to 213,000 in 2020 and 16,000 in 2021, a "
        "swing too abrupt to be read as a trend."
    )
    assert "swing" not in country.trend_sentence(series([900, 20_000, 25_000]), "It")
    # Kuwait's hosted: 49 in 2006 between 1,500 and 38,200, which held: no swing
    kuwait = series([2_800, 1_500, 49, 38_200, 38_200, 30_000, 490], 2004)
    assert "swing" not in country.trend_sentence(kuwait, "It")
    assert country.trend_sentence(series([5]), "It") == ""
    # a mid-year count is not set against year-end ones: the trend stops before it, at the
    # end of the year before (dated so, beside the brief's mid-year figures)
    mid_2002 = series([3_100, 3_800_000, 2_400_000])
    assert country.trend_sentence(mid_2002, "It", {2002}) == (
        "It rose from 3,100 in 2000 to 3.8 million at the end of 2001."
    )
    assert country.trend_sentence(series([8, 9, 8, 1]), "It", {2003}) == (
        "It was 8 in 2000 and at the end of 2002, with a peak of 9 in 2001."
    )
    assert country.trend_sentence(series([3_100, 2_400_000]), "It", {2001}) == ""
    assert country.trend_sentence(series([3_100, 3_800_000, 2_940_735]), "It") == (
        "It rose from 3,100 in 2000 to a peak of 3.8 million in 2001, then fell to 2.9 million "
        "in 2002."
    )
    assert (
        country.trend_sentence(series([0, 8, 8]), "It") == "It rose from zero in 2000 to 8 in 2002."
    )
    assert country.trend_sentence(series([5, 32, 0]), "It") == (
        "It rose from 5 in 2000 to a peak of 32 in 2001, then fell to none in 2002."
    )
    assert country.trend_sentence(series([4_130, 9_000, 4_140]), "It") == (
        "It was 4,100 in both 2000 and 2002, with a peak of 9,000 in 2001."
    )
    # a reversal is told, not hidden: down to a low, then up again; up, down and up again
    assert country.trend_sentence(series([906_000, 100_000, 669_500]), "It") == (
        "It fell from 906,000 in 2000 to a low of 100,000 in 2001, then rose to 669,500 in 2002."
    )
    assert country.trend_sentence(series([30_000, 227_200, 57_900, 139_600]), "It") == (
        "It rose from 30,000 in 2000 to a peak of 227,200 in 2001, fell to 57,900 in 2002, "
        "then rose to 139,600 in 2003."
    )
    # a last year a third above the low after the peak is no "then fell to" (Uganda, 2020)
    uganda = series([32_400, 40_400, 21_300, 5_600, 6_200, 7_400])
    assert country.trend_sentence(uganda, "It") == (
        "It rose from 32,400 in 2000 to a peak of 40,400 in 2001, fell to 5,600 in 2003, "
        "then rose to 7,400 in 2005."
    )
    # down to a low, up to a peak, and down again (the Islamic Republic of Iran, 2000-2024)
    iran = series([1_900_000, 1_200_000, 798_300, 3_760_000, 3_489_300], start=2020)
    assert country.trend_sentence(iran, "It") == (
        "It fell from 1.9 million in 2020 to a low of 798,300 in 2022, rose to a peak of "
        "3.8 million in 2023, then fell to 3.5 million in 2024."
    )
    # a dip the last year falls below is no low
    assert country.trend_sentence(series([900_000, 400_000, 2_000_000, 300_000]), "It") == (
        "It rose from 900,000 in 2000 to a peak of 2.0 million in 2002, then fell to 300,000 in "
        "2003."
    )
    # a dip too small beside the peak is not (Lebanon: 2,700, 1,100, then 1.2 million)
    assert country.trend_sentence(series([2_700, 1_100, 1_200_000, 758_600]), "It") == (
        "It rose from 2,700 in 2000 to a peak of 1.2 million in 2002, then fell to 758,600 in 2003."
    )
    # a peak 7% above the last year is told (IDPs in the Democratic Republic of the Congo)
    assert country.trend_sentence(series([1_900_000, 6_700_000, 6_200_000]), "It") == (
        "It rose from 1.9 million in 2000 to a peak of 6.7 million in 2001, then fell to 6.2 "
        "million in 2002."
    )
    assert country.trend_sentence(series([5, 32, 2, 6]), "It") == (  # small numbers: no zigzag
        "It rose from 5 in 2000 to a peak of 32 in 2001, then fell to 6 in 2003."
    )
    # none at first and none again is no fall (Estonia, 2000-2005), and a dip of 68 people
    # before a rise to 203,600 is not told (the Bolivarian Republic of Venezuela, 2000-2012)
    assert country.trend_sentence(series([0, 0, 0, 0, 0, 0, 42_300]), "It") == (
        "It rose from zero in 2000 to 42,300 in 2006."
    )
    assert country.trend_sentence(series([130, 62, 5_000, 203_600]), "It") == (
        "It rose from 130 in 2000 to 203,600 in 2003."
    )
    # steady, then a move in the last year or two: both told (IDMC's Bangladesh, 2009-2024:
    # "rose from 426,000 in 2009 to 585,000" hid fifteen years at 426,000)
    assert country.trend_sentence(series([426_000] * 5 + [585_000]), "It") == (
        "It stayed at 426,000 every year from 2000 to 2004, then rose to 585,000 in 2005."
    )
    # two years are no run (100,000 twice, then 150,000 and 300,000)
    assert not country.trend_sentence(
        series([100_000, 100_000, 150_000, 300_000]), "It"
    ).startswith("It stayed")
    # 5 may stand for 1 to 4: "about 5"
    assert country.trend_sentence(series([5, 5, 5, 5]), "It") == (
        "It stayed at about 5 every year from 2000 to 2003."
    )
    # three years are a run too (IDMC's Kenya: "rose from 250,000 in 2009 to 300,000 in 2012"
    # hid 2010 and 2011 at 250,000); counts that only read alike stay "about"
    assert country.trend_sentence(series([250_000] * 3 + [300_000], 2009), "It") == (
        "It stayed at 250,000 every year from 2009 to 2011, then rose to 300,000 in 2012."
    )
    assert country.trend_sentence(series([250_000, 250_040, 250_000, 300_000]), "It") == (
        "It stayed at about 250,000 every year from 2000 to 2002, then rose to 300,000 in 2003."
    )
    # a rise after the low that went well above the last year is told (Pakistan, 2000-2012:
    # "fell to 1.0 million in 2006, then rose to 1.6 million in 2012" hid 2.0 million in 2007)
    pakistan = series([2_000_000, 2_200_000, 1_200_000, 1_040_000, 2_040_000, 1_780_000, 1_640_000])
    assert country.trend_sentence(pakistan, "It") == (
        "It rose from 2.00 million in 2000 to a peak of 2.2 million in 2001, fell to 1.0 million "
        "in 2003, rose to 2.04 million in 2004, then fell to 1.6 million in 2006."
    )
    assert country.trend_sentence(series([2_000_000, 1_000_000, 1_900_000, 1_600_000]), "It") == (
        "It fell from 2.0 million in 2000 to a low of 1.0 million in 2001, rose to 1.9 million in "
        "2002, then fell to 1.6 million in 2003."
    )
    # (a move before the last two years is a trend, not a steady run)
    assert country.trend_sentence(series([426_000] * 3 + [500_000] * 3), "It").startswith(
        "It rose from 426,000"
    )
    # but a fall of 94%, by 17,500 people, before a rise to 198,500 is told (Mexico,
    # 2000-2023: "rose from 18,500 in 2000 to 198,500" beside a chart at 1,000 in 2008)
    assert country.trend_sentence(series([18_500, 1_038, 60_000, 198_500]), "It") == (
        "It fell from 18,500 in 2000 to a low of 1,000 in 2001, then rose to 198,500 in 2003."
    )


#: What a step that rose adds: the data cannot tell arrivals from a new count.
RISE = " The data do not say how much of the rise was arrivals and how much a new count."


def _by_year(refugees, oip=None, start=2010):
    """A :func:`country.by_year` table of these counts."""
    years = range(start, start + len(refugees))
    oip = oip or [0] * len(refugees)
    table = pd.DataFrame({"refugees": refugees, "asylum_seekers": 0, "oip": oip}, index=years)
    return table.assign(in_need=table["refugees"] + table["oip"]).rename_axis("year")


def test_asylum_seekers_who_doubled_or_halved_in_the_year_are_told(project_tables):
    """Venezuelans abroad, 2017: 148,100 asylum-seekers beside 9,300 refugees, three times
    2016's, and the brief's only step was the refugees' 1,250 to 2,580 of 2005."""
    venezuelans = country.by_year(project_tables.by_origin, "VEN", 2017)
    before, now = venezuelans.loc[[2016, 2017], "asylum_seekers"]
    assert country.asylum_step(venezuelans, 2017, ()) == (
        f"Asylum-seekers more than tripled in one year, from {numbers.people(before)} in 2016 "
        f"to {numbers.people(now)} in 2017."
    )
    assert country.asylum_step(venezuelans, 2017, {2017}) == ""  # a mid-year count
    table = _by_year([500_000, 500_000]).assign(asylum_seekers=[10_000, 30_000])
    assert country.asylum_step(table, 2011, ()) == ""  # tripled, but small beside the rest
    table = _by_year([50_000, 50_000]).assign(asylum_seekers=[100_000, 40_000])
    assert country.asylum_step(table, 2011, ()) == (
        "Asylum-seekers fell by more than half in one year, from 100,000 in 2010 to 40,000 in 2011."
    )


def test_a_step_the_trend_runs_through_is_told_with_the_returns_beside_a_fall():
    """Germany's refugees: 589,700 in 2012, 187,500 in 2013 with 705 returns recorded; the
    trend sentence ran through it as a fall to a low and a rise."""
    germany = _by_year([594_250, 571_672, 589_735, 187_545, 216_956, 316_098])
    returns = pd.Series([176, 1003, 1020, 705, 359, 180], index=range(2010, 2016))
    told = (
        "The number fell by more than two thirds in one year, from 589,700 in 2012 to 187,500 "
        "in 2013."
    )
    assert country.step_sentence(germany, returns=returns, returned="from Germany") == (
        f"{told} The data record only 710 refugees returning home from Germany that year, "
        "against a fall of 402,200: the others left the count in ways these figures do not "
        "show, such as naturalization or a revised count."
    )
    none_back = returns.where(returns.index != 2013, 0)
    assert country.step_sentence(germany, returns=none_back, returned="from Germany") == (
        f"{told} The data record no refugees returning home from Germany that year, against a "
        "fall of 402,200: the fall came about in ways these figures do not show, such as "
        "naturalization or a revised count."  # not "the others" of no one
    )
    many_back = returns.where(returns.index != 2013, 300_000)
    assert country.step_sentence(germany, returns=many_back, returned="from Germany") == (
        f"{told} The data record 300,000 refugees returning home from Germany that year."
    )
    assert country.step_sentence(germany) == (  # a population file without returns
        f"{told} The data do not say whether it came from departures or a change in the count."
    )
    # a mid-year count is not set against year-end ones, though its fall is the largest
    emptied = _by_year([300_000, 140_000, 145_000, 600_000, 10_000])
    assert "from 600,000 in 2013 to 10,000 in 2014" in country.step_sentence(emptied)
    assert country.step_sentence(emptied, {2014}) == (
        "The number rose more than fourfold in one year, from 145,000 in 2012 to 600,000 in "
        "2013." + RISE
    )


def test_refugees_naturalised_are_set_beside_a_fall_with_the_returns(tables):
    """Tanzania, 2009: 203,200 fewer refugees, 30,600 returns and 155,100 naturalised; the
    brief named the returns alone. Counted from the solutions table."""
    from analysis.sources.unhcr import read_solutions

    raw = read_solutions(config.RAW_DIR / "unhcr" / "solutions.csv.gz")
    expected = raw[(raw["coa_iso"] == "TZA")].groupby("year")["naturalisation"].sum()
    naturalised = country.naturalised_by_year(tables, "TZA", "hosted")
    assert naturalised[2009] == expected[2009] > 150_000
    tanzania = country.by_year(tables.by_asylum, "TZA", 2024)
    returns = country.returns_by_year(tables, "TZA", "hosted")
    assert country.step_sentence(
        tanzania, returns=returns, returned="from Tanzania", naturalised=naturalised,
        naturalised_where="there",
    ) == (
        "The number fell by more than half in one year, from 321,900 in 2008 to 118,700 in "
        f"2009. The data record {numbers.people(returns[2009])} refugees returning home from "
        f"Tanzania and {numbers.people(expected[2009])} naturalized there that year."
    )  # fmt: skip
    germany = country.by_year(tables.by_asylum, "DEU", 2024)
    none = pd.Series(dtype=float)  # the solutions table, with no one naturalised that year
    back = country.returns_by_year(tables, "DEU", "hosted")
    said = country.step_sentence(germany, returns=back, naturalised=none)
    assert said.endswith(
        "the others left the count in ways these figures do not show, such as a revised count."
    )


def test_the_name_global_trends_gave_other_people_in_need_is_said_for_its_years(project_tables):
    """Venezuela's 4.4 million of 2021 were "Venezuelans displaced abroad" in Global Trends
    2021; the brief named them only as the category is named today. Those of 2018, which
    the data count, were said to be so named in Global Trends 2018, which did not count them
    (its 70.8 million has no such part): the first report that did is named instead."""
    published = project_tables.published
    said = country.name_then(published, 2021, 4_406_432)
    assert said == (
        "UNHCR's Global Trends 2021 called the other people in need of international protection "
        "“Venezuelans displaced abroad”."
    )
    assert country.name_then(published, 2018, 10, after_first=True) == (  # after the first
        "UNHCR's Global Trends first counted them in its report on 2019, as “Venezuelans "
        "displaced abroad”."  # count's sentence: "them"; without it, the group by name
    )
    assert "first counted other people in need of international protection in its report" in (
        country.name_then(published, 2018, 10)
    )
    assert not country.name_then(published, 2022, 10)
    assert not country.name_then(published, 2021, 0)
    assert not country.name_then(published.iloc[:0], 2021, 10)  # no published figures at hand


def test_a_fall_names_what_the_data_record_and_how_much_they_leave_unaccounted_for():
    """United States: 'The data record only no refugees returning home … and 360 naturalised
    abroad'; 2007's fall of 562,300 beside 61 returns and 71,600 naturalised read as if
    those accounted for it."""
    usa = _by_year([843_400, 281_200, 280_000], start=2006)
    nothing_back = pd.Series({2007: 0.0})
    said = country.step_sentence(
        usa, returns=nothing_back, returned="to the United States of America",
        naturalised=pd.Series({2007: 360.0}), naturalised_where="abroad",
    )  # fmt: skip
    assert "only no" not in said
    assert "The data record no refugees returning home to the United States of America and " in (
        said
    )
    some = country.step_sentence(
        usa, returns=pd.Series({2007: 61.0}), naturalised=pd.Series({2007: 71_595.0}),
        naturalised_where="there",
    )  # fmt: skip
    assert some.endswith(
        "The data record 61 refugees returning home and 71,600 naturalized there that year, "
        "against a fall of 562,200: the others left the count in ways these figures do not "
        "show, such as a revised count."
    )  # 13% of the fall: not "only", but the rest is said to be unexplained too


def test_without_a_column_of_naturalisation_none_is_said_to_be_naturalised(tmp_path):
    """A solutions table without the column made 'no one naturalised' a fact."""
    from conftest import copy_project_population, make_raw_dir

    raw = make_raw_dir(tmp_path)
    copy_project_population(raw)
    solutions = raw / "unhcr" / "solutions.csv.gz"
    table = pd.read_csv(solutions, dtype=str, keep_default_na=False)
    solutions.unlink()
    table.drop(columns="naturalisation").to_csv(raw / "unhcr" / "solutions.csv", index=False)
    tables = load_tables(raw)
    assert tables.naturalisation is None
    assert country.naturalised_by_year(tables, "TZA", "hosted") is None


@pytest.mark.parametrize(
    ("before", "now", "words"),
    [
        (1_043_984, 2_034_416, "nearly doubled"),  # Afghans in Pakistan, 2006-2007
        (100, 160, "rose by more than half"),
        (100, 200, "doubled"),
        (100, 250, "more than doubled"),
        (100, 300, "tripled"),
        (100, 390, "more than tripled"),
        (100, 450, "rose more than fourfold"),
        (100, 1_000, "rose tenfold"),
        (27_562, 5_684_177, "rose more than 200-fold"),  # refugees from Ukraine, 2021-2022
        (0, 5_000, "rose"),
        (100, 50, "halved"),
        (589_735, 187_545, "fell by more than two thirds"),  # Germany, 2006-2007: 68%
        (100, 40, "fell by more than half"),
        (100, 20, "fell by more than three quarters"),
        (100, 5, "fell by more than 90%"),
        (5_000, 0, "fell"),
        (100, 150, "rose by 50%"),  # not "more than half"
        (1_000, 1_420, "rose by 42%"),
    ],
)
def test_a_step_says_how_many_times_the_count_grew_or_how_much_it_lost(before, now, words):
    """A 200-fold rise read "more than doubled" (Ukraine, 2022; Jordan, 2006)."""
    assert country.step_words(before, now) == words


@pytest.mark.parametrize(
    ("before", "now", "written"),
    [
        (266, 1_333, "from 266 to 1,330"),  # Republic of Korea, 2005-2006: 5.01 times
        (8_754, 26_313, "from 8,750 to 26,310"),  # Lebanon, 2001-2002: 3.006, as written 2.99
        (1_050, 1_580, "from 1,050 to 1,580"),  # "more than half", as written 45%
        (1_468, 2_983, "from 1,470 to 2,980"),  # Bulgaria: more than doubled, as written too
        (589_735, 187_545, "from 589,700 to 187,500"),
    ],
)
def test_a_step_s_counts_are_written_finer_where_so_rounded_they_would_say_otherwise(
    before, now, written
):
    """Korea's "rose more than fivefold in one year, from 270 in 2005 to 1,300 in 2006", 4.8
    times as written (a sweep); reading them as written gave "doubled" beside 1,470 to 2,980,
    2.03 times (a reviewer): the words are the counts', and the counts written finer where,
    so rounded, they would say other words."""
    shown = country.step_amount(before, now)
    assert f"from {shown(before)} to {shown(now)}" == written


def test_a_large_rise_short_of_a_doubling_is_a_step(project_tables):
    """Pakistan, 2010: "fell to 1.0 million in 2006, then rose to 1.9 million in 2010" hid
    the registration of 2007 (1.0 to 2.0 million in one year, as returns went on): no
    step, so no word that the data cannot tell arrivals from a new count."""
    pakistan = country.by_year(project_tables.by_asylum, "PAK", 2010)
    said = country.step_for(project_tables, "PAK", "Pakistan", "hosted", pakistan)
    # "from 1.0 million in 2006 to 2.0 million in 2007" read as exactly double
    assert said.startswith("The number nearly doubled in one year, from 1.04 million in 2006 ")
    assert "how much of the rise was arrivals and how much a new count" in said
    # a doubling is told before a larger rise by half (Togo: 9,300 to 28,200 in 2023, then
    # 28,200 to 47,500 in 2024)
    togo = _by_year([9_000, 9_300, 28_200, 47_500])
    assert country.largest_step(togo, set())[0] == 2012
    # a rise by half that is small beside the series' highest is no step
    small = _by_year([200_000, 320_000, 500_000, 700_000, 1_000_000])  # by 10-18% of it
    assert country.step_sentence(small) == ""


def test_a_fall_from_the_peak_over_several_years_is_set_beside_the_returns():
    """Iraqis in Syria: 1.5 million in 2007, 149,300 in 2013 through falls of 48% and 46%, no
    one year a step; the returns recorded were a fraction of the fall, and nothing said so."""
    syria = _by_year([1_100_000, 1_503_800, 1_105_700, 1_054_500, 1_005_500, 755_400, 400_000,
                      220_000], start=2006)  # fmt: skip
    returns = pd.Series([50_000, 60_000, 70_000, 50_000, 40_000, 30_000], index=range(2008, 2014))
    assert country.step_sentence(syria, returns=returns, returned="from Syria") == (
        "In 2008–2013, after its peak of 1.5 million in 2007, the data "
        "record 300,000 refugees returning home from Syria, against a fall of 1.3 million: the "
        "others left the count in ways these figures do not show, such as naturalization or a "
        "revised count."
    )
    few = returns * 0.1
    assert country.step_sentence(syria, returns=few, returned="from Syria").endswith(
        "the data record only 30,000 refugees returning home from Syria, against "
        "a fall of 1.3 million: the others left the count in ways these figures do not show, "
        "such as naturalization or a revised count."
    )
    # a host refugees are resettled from (Nepal), not to: resettlement may explain it too
    resettled = pd.Series(100_000, index=range(2008, 2014))  # at most, of those who left
    onward = country.step_sentence(syria, returns=few, onward=resettled)
    assert onward.endswith(
        "such as naturalization, resettlement to a third country or a revised count."
    )
    # not where those resettled anywhere are too few to be a tenth of it
    few_resettled = country.step_sentence(syria, returns=few, onward=resettled / 100)
    assert few_resettled.endswith("such as naturalization or a revised count.")
    # returns that account for most of the fall need no sentence; nor a fall under half, a
    # series whose first year is its highest (1995's may be higher), a fall under 1,000
    assert country.step_sentence(syria, returns=returns * 10, returned="from Syria") == ""
    shallow = _by_year([1_000_000, 1_500_000, 1_200_000, 1_000_000, 900_000], start=2006)
    assert country.step_sentence(shallow, returns=returns, returned="from Syria") == ""
    assert country.step_sentence(syria.loc[2007:], returns=few, returned="from Syria") == ""
    small = _by_year([1_000, 1_700, 1_500, 1_200, 800], start=2009)
    assert country.step_sentence(small, returns=returns * 0) == ""
    assert country.step_sentence(syria) == ""  # no returns in the data: nothing to set beside


def test_a_rise_undone_the_next_year_is_told_once():
    """A rise to the series' highest, halved the next year: the fall is told with its
    returns, not also as "It fell back"."""
    spike = _by_year([10_000, 11_000, 80_000, 20_000, 18_000, 15_000], start=2010)
    returns = pd.Series(0, index=range(2010, 2016))
    said = country.step_sentence(spike, returns=returns, returned="from X")
    assert "It fell back" not in said
    assert said.count("from 80,000 in 2012 to 20,000 in 2013") == 1, said


def test_a_step_inside_a_fall_from_the_highest_year_is_told_as_a_step():
    """Turks abroad, 2006-2019: a fall of 144,000 from the highest year, 68,800 of it from
    2012 to 2013 (-51%), was told as one fall with no word of that year."""
    turks = _by_year([60_000, 227_200, 200_000, 180_000, 160_000, 150_000, 140_000, 135_400,
                      66_600, 75_000, 83_200], start=2005)  # fmt: skip
    returns = pd.Series(0, index=range(2005, 2016))
    said = country.step_sentence(turks, returns=returns, returned="to Türkiye")
    assert said.endswith(
        "The number fell by more than half in one year, from 135,400 in 2012 to 66,600 in "
        "2013. The data record no refugees returning home to Türkiye that year, against a fall "
        "of 68,800: the fall came about in ways these figures do not show, such as "
        "naturalization or a revised count."
    ), said
    assert "After 2006" not in said


def test_a_one_year_collapse_after_a_larger_rise_is_told_as_a_step():
    """The Russian Federation: 1.2 million in 2023, 10,100 in 2024, after the rise of 2022;
    told as a fall "in 2023-2024" from the peak, with resettlement among its causes."""
    russia = _by_year([100_000, 1_500_000, 1_450_000, 1_400_000, 600_000, 550_000], start=2021)
    returns = pd.Series([0, 0, 0, 0, 37, 0], index=range(2021, 2027))
    said = country.step_sentence(russia, returns=returns, returned="from Russia")
    assert said.endswith(
        "The number fell by more than half in one year, from 1.4 million in 2024 to 600,000 in "
        "2025. The data record only 37 refugees returning home from Russia that year, against "
        "a fall of 800,000: the others left the count in ways these figures do not show, such "
        "as naturalization or a revised count."
    )
    assert said.startswith("The number rose more than tenfold in one year")


def test_a_fall_of_people_abroad_names_their_resettlement(tables):
    """Refugees from Bhutan fell from 112,500 in 2002 to a few thousand as 108,000 were
    resettled from Nepal: the fall is not left to "naturalization or a revised count"."""
    abroad = country.by_year(tables.by_origin, "BTN", 2024)
    resettled = country.resettled_from(tables, "BTN")
    assert resettled.loc[2003:2024].sum() > abroad.at[2002, "in_need"] / 2
    said = country.step_for(tables, "BTN", "Bhutan", "abroad", abroad)
    said += country.told_fall_from_peak(
        abroad, tables.provisional_years, country._gone(tables, "BTN", "Bhutan", "abroad", abroad)
    )
    assert "108,000 resettled to a third country, against a fall of 105,100." in said, said
    assert "do not show" not in said  # the data show resettlement
    # Iraq's people abroad fell by 2.0 million from 2007; returns, naturalisations and the
    # 250,400 resettled made a third of it: resettlement is a count, not a way not shown
    abroad = country.by_year(tables.by_origin, "IRQ", 2024)
    said = country.step_for(tables, "IRQ", "Iraq", "abroad", abroad)
    resettled = country.resettled_from(tables, "IRQ").loc[2008:2024].sum()
    assert f"and {numbers.people(resettled)} resettled to a third country, against a" in said
    assert "ways these figures do not show, such as a revised count." in said, said


def test_returns_that_account_for_a_fall_set_no_resettled_beside_it():
    """Returns above the fall left none to account for, yet "and 0 resettled to a third
    country" was said, even without a solutions table (a reviewer)."""
    back = pd.Series({2009: 200_000.0})
    for onward in (None, pd.Series({2009: 970.0})):
        said = country._left_the_count(
            [2009], 150_000, back, "to Burundi", None, "abroad", onward, True, when="that year"
        )
        assert said == "The data record 200,000 refugees returning home to Burundi that year."


def test_a_fall_since_the_peak_one_origin_made_says_so(tables):
    """Yemen's 224,100 fewer refugees since 2017, 217,700 of them from Somalia: the brief
    offered resettlement as a cause, and named no one (an editor)."""
    hosted = country.by_year(tables.by_asylum, "YEM", 2024)
    somalis = tables.by_origin_and_asylum.query("asylum_iso3 == 'YEM' and origin_iso3 == 'SOM'")
    somalis = somalis.set_index("year")[["refugees", "oip"]].fillna(0).sum(axis=1)
    said = country.step_for(tables, "YEM", "Yemen", "hosted", hosted)
    assert said.startswith("In 2018–2024, after its peak of 270,900 in 2017, ")
    made = numbers.people(somalis[2017] - somalis[2024])
    span = (
        f"from {country.amount(somalis[2017])} in 2017 to {country.amount(somalis[2024])} in 2024"
    )
    assert said.endswith(
        f" Nearly all of the fall since 2017 was among people from Somalia: {made} fewer ({span})."
    ), said
    # one origin's fall larger than the whole, the others rising: not 137,100 "of" 137,000
    # (a teacher: Venezuela, 2013-2018)
    hosted = country.by_year(tables.by_asylum, "VEN", 2018)
    said = country.step_for(tables, "VEN", "Venezuela", "hosted", hosted)
    pairs = tables.by_origin_and_asylum.query("asylum_iso3 == 'VEN' and year in [2013, 2018]")
    pairs = pairs.assign(people=pairs["refugees"].fillna(0) + pairs["oip"].fillna(0))
    pairs = pairs.pivot_table(index="origin_iso3", columns="year", values="people", aggfunc="sum")
    change = pairs.fillna(0)[2018] - pairs.fillna(0)[2013]
    fall = hosted.at[2013, "in_need"] - hosted.at[2018, "in_need"]
    assert -change["COL"] > fall and "Of the fall" not in said
    assert 0 < change.drop("COL").sum() < country.MIN_CHARTED  # a rise of 55: not said
    colombians = pairs.fillna(0).loc["COL"]  # its own count at both ends, not "137,100 fewer"
    assert said.endswith(
        f" The fall since 2013 was all among people from Colombia (from "
        f"{country.amount(colombians[2013])} in 2013 to {country.amount(colombians[2018])} in "
        "2018)."
    ), said
    # a fall spread over several origins names none (Pakistan, 2001-2024: a step told)
    assert "Of the fall" not in country.step_for(
        tables, "DEU", "Germany", "hosted", country.by_year(tables.by_asylum, "DEU", 2016)
    )


def test_a_fall_all_of_one_country_whose_ends_are_the_count_s_own_gives_them_once(tables):
    """Pakistan, 2024: "fell by 427,800, from 2.0 million in 2023. The fall was all among
    people from Afghanistan (from 2.0 million in 2023 to 1.6 million in 2024)": the count's
    own figures again (an editor)."""
    hosted = country.by_year(tables.by_asylum, "PAK", 2024)
    said = country.fall_made_by(tables, "PAK", "hosted", 2024, hosted)
    assert said == "The fall was all among people from Afghanistan."


def test_a_part_of_a_fall_and_its_two_ends_subtract_as_written(tables):
    """ "Of the fall, 2,500 were in the count for Germany (from 2,700 in 2005 to 110 in
    2024)": 2,700 less 2,500 is not 110 (116 of 621 such sentences, a reviewer); the part
    and the count before are written finer until they subtract to the count after."""
    said = re.compile(
        r"Of the fall(?: since \d{4})?, ([\d,.]+(?: million)?) were [^()]*\(from "
        r"([\d,.]+(?: million)?) in \d{4} to ([\d,.]+(?: million)?) in \d{4}\)"
    )

    def value(text: str) -> float:
        return float(text.replace(",", "").removesuffix(" million")) * (
            1e6 if text.endswith("million") else 1
        )

    found = 0
    sides = {"abroad": tables.by_origin, "hosted": tables.by_asylum}
    for iso3, side in (("BGR", "abroad"), ("IRQ", "abroad"), ("SWE", "hosted")):
        table = sides[side]
        series = country.by_year(table, iso3, 2024)
        text = country.step_for(tables, iso3, iso3, side, series)
        text += country.fall_made_by(tables, iso3, side, 2024, series)
        for match in said.finditer(text):
            part, before, after = (value(t) for t in match.groups())
            # within half the coarsest step written: 1.49 million of 1.50 million, to 8,500
            steps = [1e6 / 10 ** len(t.split()[0].partition(".")[2]) for t in match.groups()
                     if t.endswith("million")]  # fmt: skip
            assert abs(before - part - after) <= max([100, *steps]) / 2, match.group()
            found += 1
    assert found == 3


def test_a_count_after_a_fall_is_written_finer_only_where_the_three_then_subtract():
    """Sweden's 25,630 beside 94,870 and 69,240; not Armenia's 27,930 beside 91,770 and
    63,830 (they give 27,940), Tunisia's 2,390 beside 3,100 and 730, nor 8,500 written
    10,000 beside millions (a reviewer)."""
    written = country._end_as_written
    assert written(94_868, 69_243, 25_625) == ("94,870", "69,240", "25,630")
    assert written(91_768, 63_834, 27_934) == ("91,770", "63,830", "27,900")
    assert written(3_120, 730, 2_390) == ("3,100", "730", "2,400")
    assert written(1_500_000, 1_491_500, 8_500)[2] == "8,500"


def test_resettlement_onward_is_named_only_for_hosts_no_one_is_resettled_to(tables):
    """Nepal's Bhutanese refugees left mostly by resettlement, which the data record by the
    country of resettlement only: a fall there may be resettlement onward, not in Germany."""
    assert country._receives_resettlement(tables, "DEU", 2013)
    assert not country._receives_resettlement(tables, "NPL", 2013)
    # ten people resettled to Jordan in 2004 do not make it a country people go to
    jordan = tables.resettlement.query("destination_iso3 == 'JOR'")["resettled"].sum()
    assert 0 < jordan < country.MIN_CHARTED
    assert not country._receives_resettlement(tables, "JOR", 2024)
    assert not country._receives_resettlement(tables, "DEU", 1999)  # before any record
    nepal = country.by_year(tables.by_asylum, "NPL", 2013)
    said = country.step_for(tables, "NPL", "Nepal", "hosted", nepal)
    assert "such as resettlement to a third country or a revised count." in said, said
    assert said.endswith("were people from Bhutan (from 112,300 in 2002 to 31,000 in 2013).")
    assert " Of the fall since 2002, " in said  # apart from a fall of one year
    onward = country.resettled_onward(tables, "NPL")  # at most the Bhutanese resettled
    resettled = tables.resettlement.query("origin_iso3 == 'BTN' and year == 2010")
    assert 0 < onward[2010] <= resettled["resettled"].sum()
    # The Russian Federation's fall of 1.2 million in 2024, when 1,264 Ukrainians were
    # resettled anywhere: no resettlement onward could be a part of it
    russia = country.by_year(tables.by_asylum, "RUS", 2024)
    said = country.step_for(tables, "RUS", "the Russian Federation", "hosted", russia)
    assert "such as a revised count." in said and "resettlement" not in said


def test_a_category_counted_later_is_said_of_the_count_it_makes_most_of():
    """ "…rose from 2,700 in 2000 to 721,500 in 2024. Most of them are other people in need"
    read as if "them" were another count the sentence before ended on (Brazil, 2024)."""
    brazil = _by_year([2_700, 3_000, 20_000, 221_500], oip=[0, 0, 380_000, 500_000])
    assert country.category_note(brazil) == (
        "Most of the 721,500 counted in 2013 were other people in need of international "
        "protection, a group UNHCR's figures count from 2012."
    )
    # as many as they are: Colombia's 2.9 million of 2023, 99.9% of them, read "Most"
    colombia = _by_year([240, 300, 2_000, 2_100], oip=[0, 0, 2_800_000, 2_900_000])
    assert country.category_note(colombia).startswith("Nearly all of the 2.9 million counted")
    # the count the trend ends on, not a peak a little above it it does not tell (Colombia,
    # 2024: "rose ... to 2.8 million", then "Nearly all of the 2.9 million counted in 2023")
    colombia = _by_year([240, 2_000, 2_100, 2_000], oip=[0, 2_800_000, 2_900_000, 2_800_000])
    assert country.category_note(colombia).startswith(
        "Nearly all of the 2.8 million counted in 2013 were"
    )


def test_a_rise_in_one_year_is_told_alone_and_no_step_is_no_sentence():
    venezuela = _by_year([62, 245, 409, 716, 200_904, 201_160, 201_310])
    assert country.step_sentence(venezuela) == (
        "The number rose more than 200-fold in one year, from 720 in 2013 to 200,900 in 2014."
        + RISE
    )
    assert country.step_sentence(_by_year([100_000, 140_000, 190_000, 250_000])) == ""  # gradual
    # doubling, but small beside the series' peak: no step worth a sentence
    assert country.step_sentence(_by_year([2_000, 5_000, *range(7_000, 60_000, 4_000)])) == ""
    assert country.step_sentence(_by_year([400, 900, 950])) == ""  # under MIN_CHARTED
    swing = _by_year([16_000, 213_000, 16_000, 15_000])  # told as a swing by trend_sentence
    assert country.step_sentence(swing) == ""
    # the first year other people in need are counted: category_note tells that step
    venezuelans = _by_year([1_000, 1_100, 1_200, 1_300], oip=[0, 0, 0, 400_000])
    assert country.step_sentence(venezuelans) == ""
    # Ecuador: its largest change is that first count (2018), its step the Colombians of 2007
    ecuador = _by_year([11_767, 264_868, 101_368, 120_000, 121_000], oip=[0, 0, 0, 0, 400_000])
    # ... and the next year's halving: the count did not stay up (the rise read as lasting)
    assert country.step_sentence(ecuador) == (
        "The number rose more than 20-fold in one year, from 11,800 in 2010 to 264,900 in 2011."
        + RISE
        + " The number fell back to 101,400 in 2012."
    )
    # a step from the series' first year to its last is the trend: told once, as a step
    # (South Sudan's refugees: "rose from 105,000 in 2011 to 202,600 in 2012", then again)
    south_sudan = _by_year([105_000, 202_600], start=2011)
    trend = country.trend_sentence(south_sudan["in_need"], "It")
    assert trend and country.trend_beside_step(trend, south_sudan, ()) == ""
    assert "from 105,000 in 2011 to 202,600 in 2012" in country.step_sentence(south_sudan)
    assert country.trend_beside_step(trend, ecuador, ()) == trend  # a step inside a trend
    # the people of a country abroad: new departures, not arrivals
    abroad = country.step_sentence(ecuador, arrived="new departures")
    assert "how much of the rise was new departures and how much a new count." in abroad


def test_where_people_came_from_reads_naturally():
    def rows(*pairs):
        return pd.DataFrame(pairs, columns=["name", "people"])

    def spread(table, total, verb="came from"):
        return country.spread_sentence(table, total, verb, "countries of origin")

    assert spread(rows(), 0) == ""
    assert spread(rows(("Venezuela", 11_593)), 11_593) == "All came from Venezuela."

    # beside people of no country of origin, named by UNHCR's word for them; first when
    # they outnumber the largest country's (Germany, 2000; Nepal, 2024)
    def placed(table, total, unknown):
        unplaced = rows(*unknown)
        return country.spread_sentence(
            table, total, "came from", "countries of origin", unplaced=unplaced
        )

    # Germany, 2018: 50.02% from the Syrian Arab Republic is half, not most
    germany = rows(("Syria", 532_100), ("Iraq", 136_500), ("Afghanistan", 126_000))
    assert spread(germany, 1_063_800).startswith("Half, 532,100, came from Syria, then ")
    named = country.spread_sentence(germany, 1_063_800, "came from", "x", who="refugees")
    assert named.startswith("Half the refugees, 532,100, came from Syria")  # not "Half refugees"
    assert placed(rows(("Colombia", 101_200)), 140_000, [("Unknown", 38_800)]) == (
        "All of known origin, 101,200, came from Colombia; 38,800 were of unknown origin."
    )
    # "All refugees came from four countries" beside 2,400 of unknown origin (Tanzania, 2005)
    tanzania = rows(("Burundi", 393_600), ("DR Congo", 150_100), ("Somalia", 2_700), ("Rwanda", 11))
    assert placed(tanzania, 548_800, [("Unknown", 2_389)]) == (
        "All of known origin came from four countries: 393,600 from Burundi, 150,100 from DR "
        "Congo, 2,700 from Somalia and 11 from Rwanda; 2,400 were of unknown origin."
    )
    # beside "almost all" too (Türkiye, 2024: 2,354 of unknown origin; a proofreader)
    turkiye = rows(("Syria", 2_900_000), ("Afghanistan", 14_150), ("Iraq", 14_070), ("Iran", 5_000))
    assert placed(turkiye, 2_935_574, [("Unknown", 2_354)]).endswith(
        " from Iraq and 5,000 from Iran, and 2,400 were of unknown origin."
    )
    more = pd.concat([turkiye, rows(("Chad", 4_000))])
    assert placed(more, 2_939_574, [("Unknown", 2_354)]).endswith(
        " from Iraq, and 2,400 were of unknown origin."
    )
    # one country of origin too (Afghanistan, 1992: 25 of unknown origin; a reviewer)
    assert placed(rows(("Tajikistan", 60_000)), 60_025, [("Unknown", 25)]) == (
        "All of known origin came from Tajikistan; 25 were of unknown origin."
    )
    assert placed(rows(("Bosnia and Herzegovina", 30_000)), 906_000, [("Unknown", 876_000)]) == (
        "Of the 906,000, 876,000 were of unknown origin; the others came from Bosnia and "
        "Herzegovina: 30,000."
    )
    nepal = rows(("Bhutan", 6_400), ("Myanmar", 430), ("Pakistan", 190), ("India", 50))
    assert placed(nepal, 19_600, [("Tibetan", 12_500), ("Stateless", 30)]) == (
        "Of the 19,600, 12,500 were Tibetan and 30 stateless; the others came from four "
        "countries: 6,400 from Bhutan, 430 from Myanmar, 190 from Pakistan and 50 from India."
    )  # one more country is named, not counted
    nepal = pd.concat([nepal, rows(("China", 20))], ignore_index=True)
    assert placed(nepal, 19_620, [("Tibetan", 12_500), ("Stateless", 30)]) == (
        "Of the 19,600, 12,500 were Tibetan and 30 stateless; the others came from five "
        "countries, among them 6,400 from Bhutan, 430 from Myanmar and 190 from Pakistan."
    )
    assert placed(rows(("Colombia", 101_200)), 101_300, [("Unknown", 100)]) == (
        # a few of no country: named, not "All came from Colombia" (an editor, a reviewer)
        "All of known origin came from Colombia; 100 were of unknown origin."
    )
    assert spread(rows(("Pakistan", 20_800), ("Iran", 39)), 20_866) == (
        "Almost all, 20,800, came from Pakistan; 39 came from Iran."
    )
    # Kenya, 2012: 91% from Somalia is "nine in ten", not "almost all"
    assert spread(rows(("Somalia", 512_100), ("South Sudan", 50_600)), 562_700) == (
        "Nine in ten, 512,100, came from Somalia; 50,600 came from South Sudan."
    )
    # Eritrea, 2015: "Almost all, 2,500, came from Somalia", of 2,500 in all: no count
    assert spread(rows(("Somalia", 2_485), ("Ethiopia", 64)), 2_549) == (
        "Almost all came from Somalia; 64 came from Ethiopia."
    )
    assert spread(rows(("Pakistan", 20_800), ("Iran", 39), ("Iraq", 5)), 20_866) == (
        "Almost all, 20,800, came from Pakistan; 39 came from Iran and 5 from Iraq."
    )
    syria = rows(("Syria", 2_900_000), ("Afghanistan", 14_100), ("Iraq", 14_000), ("Iran", 6_000))
    assert spread(syria, 2_934_100) == (  # a fourth country named, not counted
        "Almost all came from Syria; 14,100 came from Afghanistan, 14,000 from Iraq and 6,000 "
        "from Iran."
    )
    syria = pd.concat([syria, rows(("Egypt", 5_900))], ignore_index=True)
    assert spread(syria, 2_940_000) == (
        "Almost all came from Syria; the others came from four more countries, among them "
        "14,100 from Afghanistan and 14,000 from Iraq."
    )
    # two counts that would read alike get one more digit (Türkiye, 2024: 14,145 and 14,070)
    alike = syria.assign(people=syria["people"].replace({14_100: 14_145, 14_000: 14_070}))
    assert spread(alike, 2_940_000).endswith(
        "among them 14,150 from Afghanistan and 14,070 from Iraq."
    )
    # a few dozen people beside millions are counted, not named (Colombia, 2024: "among
    # them 96 from Cuba and 13 from the Syrian Arab Republic")
    iran = rows(("Afghanistan", 3_400_000), ("Iraq", 11_800), ("Pakistan", 10), ("X", 5))
    iran = pd.concat([iran, rows(("Y", 3))], ignore_index=True)  # 10 people are not named
    assert spread(iran, 3_411_818).endswith("among them 11,800 from Iraq.")
    colombia = rows(("Venezuela", 2_800_000), ("Cuba", 96), ("Syria", 13), ("Peru", 10))
    colombia = pd.concat([colombia, rows(("Chile", 5))], ignore_index=True)
    assert spread(colombia, 2_800_124) == (
        f"Almost all came from Venezuela; the others, {numbers.people(124)}, came from four "
        "more countries."
    )
    afghans = rows(("Iran", 3_500_000), ("Pakistan", 1_600_000), ("Germany", 280_000), ("X", 5))
    assert spread(afghans, 5_800_000, "lived in") == (  # the fourth named, not counted
        "Most, 3.5 million, lived in Iran, then 1.6 million in Pakistan, 280,000 in Germany "
        "and 5 in X."
    )
    afghans = rows(("Iran", 2_500_000), ("Pakistan", 1_600_000), ("Germany", 280_000))
    afghans = pd.concat([afghans, rows(("X", 5), ("Y", 4))], ignore_index=True)
    assert spread(afghans, 5_800_000, "lived in") == (  # no country with most of them
        "Most lived in three countries: 2.5 million in Iran, 1.6 million in Pakistan and "
        "280,000 in Germany; five countries of origin in all."
    )
    venezuela = rows(("Ukraine", 4_000), ("Venezuela (Bolivarian Republic of)", 1_300))
    assert spread(venezuela, 5_300) == (
        "All came from two countries: 4,000 from Ukraine and 1,300 from "
        "the Bolivarian Republic of Venezuela."
    )
    assert spread(rows(("A", 10), ("B", 5)), 100) == (
        "The largest numbers came from A (10) and B (5)."  # "The largest groups: …" had no verb
    )
    # who is counted: Nauru's "All came from Pakistan" sat under a chart of 95 refugees and
    # asylum-seekers, of whom only the 5 refugees did
    pakistan = country.spread_sentence(rows(("Pakistan", 5)), 5, "came from", "x", who="refugees")
    assert pakistan == "All refugees came from Pakistan."


def test_serbia_is_named_with_the_un_s_note_and_un_desa_s_narrower_place(tables):
    """UNHCR's "Serbia and Kosovo: S/RES/1244 (1999)" reads "Serbia and Kosovo", with the
    UN's note on resolution 1244 once; UN DESA's Serbia (its notes say so) leaves out
    Kosovo, so its migrants and population are of "Serbia without Kosovo"."""
    from analysis.wording import the

    name = tables.countries.set_index("iso3").at["SRB", "name"]
    assert the(name) == "Serbia and Kosovo"
    assert country.name_note(name).startswith("References to Kosovo shall be understood")
    assert country.name_note("Türkiye") == ""
    assert country.undesa_place("SRB", the(name), "2024") == "Serbia without Kosovo"
    assert country.undesa_place("SRB", the(name), "2020") == "Serbia and Kosovo"  # counted
    assert country.undesa_place("SRB", the(name), None) == "Serbia and Kosovo"
    assert country.undesa_place("TUR", "Türkiye", "2024") == "Türkiye"
    # and no rate per 1,000 on it: refugees in Serbia and Kosovo over Serbia's population
    assert "SRB" not in set(country.per_1000(tables, 2000)["iso3"])
    assert "SRB" not in {r["iso3"] for r in per_1000_table(tables, 2000, 200)[0].to_dict("records")}
    assert countries.narrower_in_undesa("2020") == set()


def test_un_desa_s_serbia_leaves_kosovo_out_from_the_revision_the_table_says(reference_dir):
    """The facts behind UNDESA_PLACES: Serbia's population in 2020 is Serbia's alone in the
    2024 revision (about 6.9 million) and Serbia's with Kosovo's in the 2020 one (8.7)."""
    from analysis.sources.undesa import read_migrant_stock

    since, _ = countries.UNDESA_PLACES["SRB"]
    for path in sorted((reference_dir / "undesa").glob("*.xlsx")):
        stock = read_migrant_stock(path)
        serbia = stock.query("iso3 == 'SRB' and year == 2020")["population"].iloc[0]
        assert (serbia < 7.5e6) == (int(stock.attrs["revision"]) >= since), path.name


def test_a_brief_s_trend_chart_says_where_the_count_of_others_in_need_starts(tables):
    """Colombia's hosted chart, 2022: other people in need rose from none to 1.2 million in
    2018 with no word under it, read as one year's arrivals; it is the count's start."""
    brief = country.Brief("COL", "Colombia", 2022, tables)
    chart = country.trend_chart(brief, country.by_year(tables.by_asylum, "COL", 2022), "hosted")
    said = "Other people in need of international protection are counted from 2018"
    assert said in chart.note and said in chart.alt
    turkey = country.Brief("TUR", "Türkiye", 2022, tables)  # none counted there: no note
    chart = country.trend_chart(turkey, country.by_year(tables.by_asylum, "TUR", 2022), "hosted")
    assert said not in chart.note


def test_rates_per_1000():
    people, person = "refugees", "refugee"
    assert country.rate_text(33.6, people, person) == "34 refugees for every 1,000 inhabitants"
    assert country.rate_text(3.46, people, person) == "3.5 refugees for every 1,000 inhabitants"
    # Venezuela and the Syrian Arab Republic, 2022: "1.0 refugees", "0.5 refugees"
    assert country.rate_text(1.04, people, person) == (
        "about one refugee for every 1,000 inhabitants"
    )
    assert country.rate_text(0.5, people, person) == (
        "fewer than one refugee for every 1,000 inhabitants, or 50 for every 100,000"
    )
    # Ukraine, 2023: "7 ... for every 100,000 inhabitants" beside a rank per 1,000
    assert country.rate_text(0.04, people, person) == (
        "fewer than one refugee for every 1,000 inhabitants, or 4 for every 100,000"
    )
    # Sri Lanka, 2008: not "fewer than one ..., or 1 for every 100,000"
    assert country.rate_text(0.01, people, person) == (
        "about one refugee for every 100,000 inhabitants"
    )
    # Colombia, 2017: 260 refugees among 47.0 million is 0.55 for every 100,000, not "1"
    assert country.rate_text(260 / 46_969.94, people, person) == (
        "fewer than one refugee for every 100,000 inhabitants: about one for every 180,000"
    )
    assert country.rate_text(0.001, people, person) == (
        "fewer than one refugee for every 100,000 inhabitants: about one for every 1 million"
    )


def test_country_figures_from_the_tables(tables):
    hosted = country.by_year(tables.by_asylum, "TUR", 2024)
    rows = tables.by_asylum.query("iso3 == 'TUR' and year == 2024")
    assert hosted.at[2024, "in_need"] == int(rows["refugees"].sum() + rows["oip"].fillna(0).sum())
    assert hosted.index[0] == country.TREND_FROM and hosted.index[-1] == 2024
    assert country.rank(tables.by_asylum, "TUR", 2024) == (
        2,
        country.rank(tables.by_asylum, "IRN", 2024)[1],
    )
    assert country.rank(tables.by_origin, "ISL", 2024) is None  # no one to rank
    # as many people as others: the highest place they share, not an alphabetical one
    tied = pd.DataFrame(
        {
            "year": 2024,
            "iso3": ["AAA", "NRU", "BRB", "ZZZ"],
            "is_country": True,
            "refugees": [9, 5, 5, 5],
            "oip": [0, 0, None, 0],
        }
    )
    assert [country.rank(tied, c, 2024) for c in ("AAA", "NRU", "ZZZ")] == [(1, 4), (2, 4), (2, 4)]
    origins = country.partners(tables, "TUR", 2024, "origins")
    assert origins.iloc[0]["iso3"] == "SYR" and origins["people"].is_monotonic_decreasing
    assert set(origins["iso3"]) <= set(tables.countries.query("is_country")["iso3"])
    rates = country.per_1000(tables, 2024).set_index("iso3")
    assert rates.at["TUR", "per_1000"] == pytest.approx(
        hosted.at[2024, "in_need"] / rates.at["TUR", "population"] * 1000
    )
    assert rates["rank"].min() == 1 and rates["rank"].max() == rates["rank"].notna().sum()
    migrants = country.migrant_stock(tables, "ISL", 2024)
    assert migrants.index[-1] == 2024 and 0 < migrants["migrant_share"].iloc[-1] < 1
    # up to the latest estimate not after the brief's year, as the briefing's world figure
    ends = {y: country.migrant_stock(tables, "ISL", y).index[-1] for y in (2021, 2023, 2016)}
    assert ends == {2021: 2020, 2023: 2020, 2016: 2015}
    assert country.migrant_stock(tables, "ISL", 1989).empty  # before UN DESA's first
    assert country.migrant_stock(tables, "ISL", 1990).index.tolist() == [1990]
    figures = country.key_figures(tables, 2024)
    assert figures.at["TUR", "hosted"] == hosted.at[2024, "in_need"]


def test_a_side_the_download_cannot_show_is_null_in_the_brief_summary(tables, tmp_path):
    """A download aggregated by country of asylum has no origins: the summary the index
    shows gives ``from`` as null, not zero."""
    import copy
    import json

    from analysis.briefs import SUMMARY_FILE, _write_summary

    by_asylum_only = copy.copy(tables)
    by_asylum_only.by_origin = tables.by_origin.iloc[0:0]
    figures = country.key_figures(by_asylum_only, 2024)
    assert figures["from"].isna().all() and figures.at["SDN", "hosted"] > 0
    _write_summary(tmp_path, "Sudan", "SDN", 2024, figures, mid_year=False)
    summary = json.loads((tmp_path / SUMMARY_FILE).read_text())
    assert summary["from"] is None and summary["hosted"] == figures.at["SDN", "hosted"]


def test_a_country_without_figures_is_refused():
    with pytest.raises(
        InputError,
        match=r"no figures for Bouvet Island \(BVT\) in 2024.*any other year the data hold$",
    ):
        country.load_brief("", 2024, "BVT")
    # a country before it was one: the years it can have a brief (a teacher's SSD in 2005)
    with pytest.raises(
        InputError,
        match=r"people; the data record some in 2011–2025; until July 2011, UNHCR's figures "
        r"count South Sudan's under Sudan: ask for SDN$",
    ):
        country.load_brief("", 2005, "SSD")
    brief = country.load_brief("", 2025, "Sudan")
    assert (brief.iso3, brief.when, brief.during) == (
        "SDN",
        "at mid-2025",
        "in 2025",
    )


def test_chart_words_follow_the_groups_and_the_year(tables):
    """Before other people in need were counted (2018), a brief says "refugees"; a trend
    chart's title names the groups it draws."""
    older, recent = (country.Brief("TUR", "Türkiye", year, tables) for year in (2016, 2024))
    assert (
        older.basis(" of international protection") == "refugees"
        and older.basis(one=True) == "refugee"
    )
    assert recent.basis() == "refugees and others in need"
    hosted = country.by_year(tables.by_asylum, "TUR", 2024)
    assert not hosted.at[2024, "oip"]  # Türkiye: refugees and asylum-seekers only
    refugees, seekers = (numbers.people(hosted.at[2024, g]) for g in country.GROUPS[:2])
    chart = country.trend_chart(recent, hosted, "hosted")
    assert chart.title == (  # the refugees first, as the text counts them
        f"{refugees} refugees and {seekers} asylum-seekers hosted in Türkiye in 2024"
    )
    # Peru: the figure the text gives (refugees and others in need), then asylum-seekers
    peru = country.by_year(tables.by_asylum, "PER", 2024)
    in_need, seekers = (numbers.people(peru.at[2024, g]) for g in ("in_need", "asylum_seekers"))
    chart = country.trend_chart(country.Brief("PER", "Peru", 2024, tables), peru, "hosted")
    assert chart.title == (
        f"{in_need} refugees and others in need, and {seekers} asylum-seekers, hosted in Peru "
        "in 2024"
    )
    germany = country.Brief("DEU", "Germany", 2016, tables)
    origins = country.partners(tables, "DEU", 2016, "origins")
    chart = country.ranking_chart(germany, origins, "origins", origins["people"].sum())
    assert chart.title == "Where the refugees in Germany came from in 2016"


def test_no_bars_where_the_sentence_says_almost_all_and_bars_where_it_does_not(tables):
    """Venezuela's refugees came almost all from Colombia: no bars the others would not
    fill. Hungary's largest origin is 93% of those of known origin but not of all it hosts:
    the sentence names three countries, so the bars stay."""
    for iso3, name, shown in (("VEN", "Venezuela", False), ("HUN", "Hungary", True)):
        brief = country.Brief(iso3, name, 2024, tables)
        origins = country.partners(tables, iso3, 2024, "origins")
        total = country.by_year(tables.by_asylum, iso3, 2024).at[2024, "in_need"]
        sentence = country.spread_sentence(origins, total, "came from", "countries of origin")
        assert sentence.startswith("Almost all") != shown, iso3
        assert (country.ranking_chart(brief, origins, "origins", total) is not None) == shown


def test_a_trend_chart_of_a_year_with_none_shows_the_past_and_one_year_is_no_trend(tables):
    """Sierra Leone hosted no one at the end of 2024 (the title said "0 refugees ..."); a
    brief of the series' first year has no trend to draw ("2000 to 2000")."""
    hosted = country.by_year(tables.by_asylum, "SLE", 2024)
    assert not hosted.loc[2024].any()
    chart = country.trend_chart(
        country.Brief("SLE", "Sierra Leone", 2024, tables), hosted, "hosted"
    )
    sums = hosted[["refugees", "asylum_seekers"]].sum(axis=1)
    assert chart.title == (  # the peak's year: the text gives its number, on its own basis
        "No refugees or asylum-seekers hosted in Sierra Leone in 2024, after a peak in "
        f"{sums.idxmax()}"
    )
    first = country.by_year(tables.by_asylum, "DEU", 2000)
    assert len(first) == 1
    assert (
        country.trend_chart(country.Brief("DEU", "Germany", 2000, tables), first, "hosted") is None
    )


def test_a_country_series_starts_when_the_data_know_it(tables):
    """South Sudan (independent in 2011) is not "none in 2000": its series starts with its
    first row in the table that counts anyone ("rose from none in 2011": its 2011 row counts
    5 asylum-seekers, its people still counted under Sudan's)."""
    rows = tables.by_origin.query("iso3 == 'SSD'")
    first = int(rows["year"].min())
    assert first > country.TREND_FROM
    counted = int(rows.loc[rows["refugees"].fillna(0) + rows["oip"].fillna(0) > 0, "year"].min())
    assert counted > first
    assert country.by_year(tables.by_origin, "SSD", 2024).index[0] == counted
    assert country.by_year(tables.by_asylum, "TUR", 2024).index[0] == country.TREND_FROM


def test_palestine_refugees_registered_with_unrwa_by_field(tables):
    """UNRWA's fields get their registered refugees (from the raw UNRWA table); elsewhere 0."""
    from analysis.sources.unhcr import read_unrwa

    raw = read_unrwa(config.RAW_DIR / "unhcr" / "unrwa.csv")
    lebanon = raw[(raw["coa_iso"] == "LBN") & (raw["year"] == 2024)]["total"].sum()
    assert lebanon > 0
    assert country.unrwa_registered(tables, "LBN", 2024) == lebanon
    assert country.unrwa_registered(tables, "TUR", 2024) == 0


@pytest.mark.parametrize(
    ("iso3", "first"), [("AFG", True), ("TUR", False), ("CIV", False), ("GEO", True)]
)
def test_a_brief_opens_with_the_side_of_its_larger_group(tables, iso3, first):
    """Afghanistan's 5.8 million abroad came after the 20,900 refugees it hosted; with
    in_need alone, Côte d'Ivoire opened with its 29,400 abroad before the 66,800
    asylum-seekers it hosted, and Georgia the other way round."""
    hosted, abroad = (country.by_year(t, iso3, 2024) for t in (tables.by_asylum, tables.by_origin))
    assert country.abroad_first(hosted, abroad, 2024) is first


def test_the_state_of_palestine_s_displaced_are_said_to_include_unrwa_s_refugees(tables):
    """The brief gave 2.5 million Palestine refugees with UNRWA and 2.0 million displaced
    inside the State of Palestine without saying that the two counts overlap; the briefing
    takes about 1.4 million off its total for it."""
    from dataclasses import replace

    idps = tables.idps_conflict.query("iso3 == 'PSE' and year == 2024")["idps_conflict"].sum()
    share = tables.published.query("figure == 'gaza_idps_unrwa_refugees_share' and year == 2024")
    clause = country.unrwa_among_displaced(tables, "PSE", 2024)
    # both of what, and UNRWA's share as what it is: of Gaza's displaced (an editor)
    assert clause == (
        f"; about {numbers.people(idps * share['value'].iloc[0])} of them were Palestine refugees "
        "registered with UNRWA, counted both by UNRWA and in this estimate (UNRWA estimated "
        f"that {numbers.share(share['value'].iloc[0])} of the people displaced in Gaza at "
        f"mid-2024 were such refugees, cited in {plain(share['cited_as'].iloc[0])}; the share "
        "is applied here to the whole estimate, which the data give for Gaza and the West Bank "
        "together)"  # as Markdown: "Mid\\-Year"
    )
    assert country.unrwa_among_displaced(tables, "SYR", 2024) == ""
    without = replace(tables, published=tables.published.query("figure != @share.figure.iloc[0]"))
    assert country.unrwa_among_displaced(without, "PSE", 2024) == (
        "; some of them were Palestine refugees registered with UNRWA, counted in both"
    )
    assert country.unrwa_among_displaced(tables, "PSE", 2016).startswith("; some of them")


def test_a_rate_takes_population_from_a_year_near_its_own_only():
    """UN DESA's estimates start in 1990: a rate of 1951 is not computed on the population
    of 1990; 2016 takes 2015's (the later on a tie: 2022 takes 2024's over 2020's)."""
    from analysis.figures import population_year

    stock = pd.DataFrame(
        {
            "kind": "country",
            "iso3": "DEU",
            "year": [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024],
            "population": 80e6,
        }
    )
    assert population_year(stock, 1951) is None
    assert population_year(stock, 1985) == 1990
    assert population_year(stock, 2016) == 2015
    assert population_year(stock, 2022) == 2024
    assert population_year(stock, 2031) is None


def test_no_rate_far_from_un_desa_s_estimates_and_a_stateless_only_country_has_a_brief(tables):
    """With UN DESA's population from 2010 only, 2000 gets no rate; Brunei Darussalam,
    which records stateless people only (2010), has figures, and a brief."""
    import dataclasses

    from analysis import notices
    from analysis.briefs import with_figures
    from analysis.figures import per_1000_figures, per_1000_table

    later = dataclasses.replace(tables, migrant_stock=tables.migrant_stock.query("year >= 2010"))
    later.migrant_stock.attrs["source"] = "later.xlsx"
    assert country.per_1000(later, 2000).empty
    assert per_1000_table(later, 2000, 5) == (None, None)
    assert per_1000_figures(later, 2000, 5)["top_hosts_per_1000"] is None
    assert notices.issued()[-1] == (  # the null figure is named
        "later.xlsx: no population estimate within 5 years of 2000 (they cover 2010–2024); "
        "top_hosts_per_1000 is null"
    )
    assert not country.per_1000(later, 2012).empty
    assert "BRN" in country.recorded(tables, 2010) and "BRN" in with_figures(tables, 2010)


def test_a_million_of_no_country_of_origin_reads_right():
    """ "1.5 were million of unknown origin" split a formatted number at its space."""
    rows = pd.DataFrame([("Bosnia and Herzegovina", 30_000)], columns=["name", "people"])
    unknown = pd.DataFrame([("Unknown", 1_500_000)], columns=["name", "people"])
    sentence = country.spread_sentence(
        rows, 1_530_000, "came from", "x", unplaced=unknown, who="refugees"
    )
    assert sentence.startswith(  # the paragraph names its whole: not "Of them" after a rate
        "Of the 1.5 million refugees, 1.5 million were of unknown origin; the others came from"
    )


def test_one_country_of_origin_beside_some_of_unknown_origin_names_both():
    """Armenia, 1995: "Most refugees came from one country: 200,000 from Azerbaijan", its
    18,950 of unknown origin unsaid and the parts short of the 219,000 (a sweep of every
    brief)."""
    rows = pd.DataFrame([("Azerbaijan", 200_000)], columns=["name", "people"])
    unknown = pd.DataFrame([("Unknown", 18_950)], columns=["name", "people"])
    assert country.spread_sentence(
        rows, 218_950, "came from", "x", unplaced=unknown, who="refugees"
    ) == (
        "All refugees of known origin, 200,000, came from Azerbaijan; 19,000 were of unknown "
        "origin."
    )


def test_other_people_in_need_counted_for_the_first_time_are_said_to_be(tables):
    """At mid-2025 UNHCR's figures count 879,500 other people in need in the Islamic
    Republic of Iran, none before: the brief said nothing, and the fall in refugees under
    UNHCR's mandate read as people leaving."""
    year = max(tables.provisional_years)
    hosted = country.by_year(tables.by_asylum, "IRN", year)
    assert country.first_counted_oip(hosted, year) == hosted.at[year, "oip"] > 0
    assert country.first_counted_oip(hosted, year - 1) == 0  # none then
    colombia = country.by_year(tables.by_asylum, "COL", year)
    assert country.first_counted_oip(colombia, year) == 0  # counted there since 2018


def test_a_country_with_no_figures_in_a_download_by_origin_is_not_said_to_host_no_one(
    tmp_path, population_2016
):
    """Aruba hosts people, but a download by country of origin cannot show them: the brief
    was refused as "UNHCR's tables record no refugees ... in or from it"."""
    from conftest import make_raw_dir, rdf_layout, write_rdf_csv

    raw = make_raw_dir(tmp_path)
    write_rdf_csv(raw / "unhcr" / "x.csv", rdf_layout(population_2016, "origin"))
    tables = load_tables(raw)
    assert tables.by_asylum.empty
    with pytest.raises(InputError) as error:
        country.check_figures(tables, "ABW", "Aruba", 2016)
    assert str(error.value) == (
        "no figures for Aruba (ABW) in 2016: UNHCR's tables record no refugees, asylum-seekers, "
        "other people in need of international protection or stateless people from it (the "
        "population data in use "
        "are totals by country of origin only: they cannot show who lived in it), and IDMC no "
        "internally displaced people; nor in any other year the data hold"
    )


def test_a_release_showing_small_counts_as_5_is_said_to(project_tables):
    """A brief printed "5 refugees from Bangladesh were resettled" as exact, though the
    release holds no count from 1 to 4 and five times as many counts of 5 as of 6."""
    import dataclasses

    pairs = project_tables.by_origin_and_asylum
    values = pairs[country.SMALL_COUNTED].stack()
    assert not values.between(1, 4).any() and (values == 5).sum() > 4 * (values == 6).sum()
    assert country.small_counts_note(project_tables) == (
        "UNHCR's tables show counts from 1 to 4 as 5: a figure of 5 in this brief may stand for "
        "fewer people."
    )
    # no more 5s than 6s: no sign of small counts shown as 5
    no_fives = pairs[country.SMALL_COUNTED].replace(5, 6)
    assert not country.small_counts_note(
        dataclasses.replace(project_tables, by_origin_and_asylum=pairs.assign(**no_fives))
    )
    # a count of 3 among the rows: small counts are not masked, and nothing is said
    three = pairs.copy()
    three.loc[three.index[0], "refugees"] = 3
    assert not country.small_counts_note(
        dataclasses.replace(project_tables, by_origin_and_asylum=three)
    )


def test_stateless_people_as_many_as_the_refugees_from_one_country(project_tables):
    """Bangladesh's stateless people are as many as its refugees from Myanmar (the Rohingya,
    counted in both groups); the Russian Federation's 75,679 of 2018 beside 75,146 from
    Ukraine were said to be perhaps the same people, by a 0.7% chance."""

    def stateless(iso3: str, year: int) -> float:
        return project_tables.by_asylum.query("iso3 == @iso3 and year == @year")["stateless"].sum()

    origin = country.same_people(project_tables, "BGD", 2020, stateless("BGD", 2020))
    assert origin["name"] == "Myanmar" and abs(origin["people"] - 866_457) < 100
    assert country.same_people(project_tables, "RUS", 2018, stateless("RUS", 2018)) is None
    assert country.same_people(project_tables, "BGD", 2020, 0) is None
    basis = "refugees and others in need"
    assert country.same_people_text(origin, stateless("BGD", 2020), basis) == (
        " The stateless people are about as many as the 866,500 refugees and others in need "
        "from Myanmar it hosted, and may be the same people."
    )
    exact = country.same_people(project_tables, "BGD", 2017, stateless("BGD", 2017))
    assert country.same_people_text(exact, stateless("BGD", 2017), basis) == (  # 932,204 both
        f" The stateless people are exactly as many as the {int(exact['people']):,} refugees "
        "and others in need from Myanmar it hosted: most likely the same people, counted in "
        "both groups."
    )


def test_a_brief_of_sudan_says_its_earlier_figures_may_include_south_sudan(tables):
    """Sudan's brief of 2023: "fell from 4.9 million in 2009 to a low of 2.1 million in
    2017", the figures of 2009 and 2010 being of Sudan with South Sudan."""
    assert country.border_note("SDN", 2023) == (
        "South Sudan became independent in July 2011: the figures for 2011 and earlier years "
        "may include people and places now in South Sudan."
    )
    assert country.border_note("SDN", 2011)  # its refugees of 2011 count South Sudanese
    # before it, UNHCR's figures are of the Sudan of its day, UN DESA's of today's
    assert country.border_note("SDN", 2010) == (
        "South Sudan became independent in July 2011: until then UNHCR's figures include it; "
        "UN DESA's population, by today's borders, does not, while its migrant estimates to "
        "2005 do."
    )
    # whose UN DESA figures are of today's Sudan: no rate per 1,000 set one against the other
    # (2005: 4.7 per 1,000 of 31 million; a UNHCR editor), its place named as UN DESA's is
    assert country.undesa_place("SDN", "Sudan", "2024", 2005) == "Sudan without South Sudan"
    assert country.undesa_place("SDN", "Sudan", "2024", 2012) == "Sudan"
    assert country.undesa_place("SRB", "Serbia and Montenegro", "2020", 2005) == "Serbia"
    assert country.per_1000(tables, 2005).query("iso3 == 'SDN'").empty
    # from 2011 UNHCR's tables give South Sudan's own rows: one territory again (a reviewer)
    assert not country.per_1000(tables, 2011).query("iso3 == 'SDN'").empty
    assert country.counted_with("SDN", "Sudan", 2005) == ", South Sudan included"
    assert country.counted_with("SDN", "Sudan", 2012) == ""
    # Serbia's figures count Montenegro's to 2005 only (the 2016 brief said "Serbia and
    # Kosovo ..., Montenegro included" beside Montenegro's own figures: a country analyst)
    kosovo = "Serbia and Kosovo: S/RES/1244 (1999)"
    assert country.counted_with("SRB", kosovo, 2005) == ", Montenegro included"
    assert country.counted_with("SRB", kosovo, 2016) == ""
    assert country.border_note("TUR", 2023) == ""
    # and South Sudan's series begins in 2011, its people counted under Sudan before
    # (some: South Sudan's own row of 2011 counts the 105,000 refugees it hosted)
    assert country.border_note("SSD", 2017) == (
        "South Sudan became independent in July 2011: the figures for 2011 and earlier years "
        "may count some of its people and places under Sudan."
    )
    assert country.border_note("MNE", 2024).endswith(
        "under Serbia and Montenegro, whose figures UNHCR now gives as Serbia's."
    )
    # UNHCR's rows for Serbia before 2006 (Montenegro's first) are of Serbia and Montenegro:
    # "148,300 refugees lived in Serbia and Kosovo at the end of 2005"
    assert country.border_note("SRB", 2024) == (
        "Montenegro became independent in June 2006: the figures for 2005 and earlier years "
        "may include people and places now in Montenegro."
    )
    # to 2005, the country is named as it was: Serbia and Montenegro
    assert country.border_note("SRB", 2005).startswith(
        "Montenegro became independent in June 2006: until then UNHCR's figures include it"
    )
    assert country.load_brief("", 2005, "SRB").name == "Serbia and Montenegro"
    # which counts Kosovo, with the UN's note; UN DESA's Serbia counts neither it nor
    # Montenegro (a row of its own)
    assert country.name_note("Serbia and Montenegro") == country.RESOLUTION_1244
    place = country.undesa_place("SRB", "Serbia and Montenegro", "2024")
    assert place == "Serbia without Kosovo or Montenegro"
    assert country.load_brief("", 2006, "SRB").name.startswith("Serbia and Kosovo")


def test_a_rise_says_who_made_most_of_it(project_tables):
    """Poland's refugees "rose more than 100-fold in one year, from 4,900 in 2021 to 971,100
    in 2022" with no word of whom: the data hold it, people from Ukraine."""
    pairs = project_tables.by_origin_and_asylum
    ukrainians = pairs.query("origin_iso3 == 'UKR' and asylum_iso3 == 'POL'").set_index("year")
    in_poland = ukrainians["refugees"].fillna(0) + ukrainians["oip"].fillna(0)
    abroad = country.by_year(project_tables.by_origin, "UKR", 2022)["in_need"]
    rise = in_poland[2022] - in_poland[2021]
    grew = abroad[2022] - abroad[2021]  # and what share of that was Poland's count (17%)
    assert country.rise_made_by(project_tables, "POL", "hosted", 2022, rise + 1000)[0] == (
        f"Of the rise, {numbers.people(rise)} were people from Ukraine. The number of refugees "
        f"and others in need from Ukraine abroad rose by {numbers.people(grew)} that year, "
        f"{numbers.share(rise / grew)} of it in the count for Poland."
    )
    # a host that made most of its origin's rise abroad may have counted people anew: Iran's
    # Afghans of 2022 read as arrivals, "Afghanistan abroad rose by 2.9 million that year"
    iran = country.by_year(project_tables.by_asylum, "IRN", 2022)["in_need"]
    said, shown = country.rise_made_by(project_tables, "IRN", "hosted", 2022, iran.diff()[2022])
    assert not shown and said.endswith(
        "that year, most of it in the count for the Islamic Republic of Iran."
    )
    # all but a handful: "nearly all" (Algeria, 2024: 83,600 of 83,604), not "most"
    algeria = country.by_year(project_tables.by_asylum, "DZA", 2024)["in_need"]
    said, _ = country.rise_made_by(project_tables, "DZA", "hosted", 2024, algeria.diff()[2024])
    assert said.endswith("That was nearly all of the rise in their number abroad that year.")
    # more than the whole rise, as others fell: all of it, not a part larger than the whole
    said, _ = country.rise_made_by(project_tables, "POL", "hosted", 2022, rise - 1000)
    assert said.startswith(f"All of the rise came from Ukraine ({numbers.people(rise)} more); ")
    # a country's people abroad: the host that counted most of the rise (Afghans, 2022)
    said, shown = country.rise_made_by(project_tables, "AFG", "abroad", 2022, 3_000_000)
    assert not shown  # counted in Iran: which may be a new count there
    assert said.startswith("Of the rise, ") and said.endswith(
        "counted in the Islamic Republic of Iran."
    )
    # no one country made half of it, many countries counted it: departures, said so
    said, shown = country.rise_made_by(project_tables, "UKR", "abroad", 2022, 5_656_600)
    assert shown and said.startswith("No one country counted half of the rise; ")
    # a share that rounds to none is under 1%, not "0% of it" (Iceland's Ukrainians, 2022)
    iceland = country.by_year(project_tables.by_asylum, "ISL", 2022)["in_need"]
    said, _ = country.rise_made_by(project_tables, "ISL", "hosted", 2022, iceland.diff()[2022])
    assert said.endswith(", under 1% of it in the count for Iceland.")


def test_years_a_download_skips_are_left_out_not_counted_as_none(tmp_path, capsys):
    """A population file of 2000-2010 and 2020-2024: Germany's brief "fell from 906,000 in
    2000 to none in 2011, then rose", the years the file skips read as years of none."""
    from conftest import make_raw_dir

    raw = make_raw_dir(tmp_path)
    extract = pd.read_csv(
        config.RAW_DIR / "unhcr" / "population.csv.gz", dtype=str, keep_default_na=False
    )
    years = extract["year"].astype(int)
    kept = extract[(years <= 2010) | ((years >= 2020) & (years <= 2024))]
    kept.to_csv(raw / "unhcr" / "population.csv", index=False)
    tables = load_tables(raw)
    germany = country.by_year(tables.by_asylum, "DEU", 2024)
    assert list(germany.index) == [*range(2000, 2011), *range(2020, 2025)]
    said = country.trend_sentence(germany["in_need"], "The number")
    assert "none" not in said and said.startswith("The number fell from 906,000 in 2000")
    # the chart joins 2010 and 2020 and says it does
    chart = country.trend_chart(country.Brief("DEU", "Germany", 2024, tables), germany, "hosted")
    assert (
        chart.note
        == "The data in use hold no figures for 2011–2019; the chart joins the years either side."
    )
    # nor are the returns of the years skipped read as none, beside a fall over them
    colombians = country.by_year(tables.by_origin, "COL", 2024)
    assert "In 2008–2024" not in country.step_for(tables, "COL", "Colombia", "abroad", colombians)
    assert (
        "population.csv: no rows for 2011–2019, between its first year (2000) and last "
        "(2024): those years are left out of the trends, not counted as none"
    ) in capsys.readouterr().err


def test_two_counts_that_would_read_alike_are_given_to_one_more_digit():
    """Kenya's migrants "rose ... to a peak of 1.1 million in 2015, then fell to 1.1 million
    in 2020" (1,126,886 and 1,050,147); Somalia's 24,054 asylum-seekers from Ethiopia, of
    24,111, read "24,100 ... 24,100 of them"."""
    kenya = pd.Series({1990: 700_000, 2000: 900_000, 2015: 1_126_886, 2020: 1_050_147})
    assert country.trend_sentence(kenya, "The number") == (
        "The number rose from 700,000 in 1990 to a peak of 1.13 million in 2015, then fell to "
        "1.05 million in 2020."
    )
    peaked = pd.Series({2000: 3_100, 2021: 3_800_000, 2024: 2_900_000})  # no two alike
    assert "a peak of 3.8 million in 2021, then fell to 2.9 million" in country.trend_sentence(
        peaked, "The number"
    )
    # a count the sentence does not print makes no digit finer (2017's 1.12 million)
    rising = pd.Series([1_100_000, 1_120_000, 1_600_000, 2_000_000, 2_500_000], range(2016, 2021))
    assert country.trend_sentence(rising, "The number") == (
        "The number rose from 1.1 million in 2016 to 2.5 million in 2020."
    )
    # only the two alike are finer: Sudan's low of 546,400 as the house writes it
    sudan = pd.Series([1_400_000, 900_000, 546_420, 1_000_000, 1_380_000], range(1990, 2015, 5))
    assert country.trend_sentence(sudan, "The number") == (
        "The number fell from 1.40 million in 1990 to a low of 546,400 in 2000, then rose to "
        "1.38 million in 2010."
    )
    assert country.part_of(24_054, 24_111) == "nearly all"
    assert country.part_of(24_111, 24_111) == "all"
    assert country.part_of(20_000, 24_111) == "20,000"


def test_no_rank_for_fewer_people_than_a_brief_ranks(project_tables):
    """Cyprus's ten refugees abroad were "ranked 179th of 194": a brief ranks a host or an
    origin of MIN_CHARTED people or more, on either side."""
    for table in (project_tables.by_asylum, project_tables.by_origin):
        rows = table[(table["year"] == 2024) & table["is_country"].astype(bool)]
        people = (rows["refugees"].fillna(0) + rows["oip"].fillna(0)).groupby(rows["iso3"]).sum()
        few = people[(people > 0) & (people < country.MIN_CHARTED)].index[0]
        many = people[people >= country.MIN_CHARTED].index[0]
        assert country.rank(table, few, 2024) is not None
        assert country.rank(table, few, 2024, least=country.MIN_CHARTED) is None
        assert country.rank(table, many, 2024, least=country.MIN_CHARTED) is not None


def test_a_mid_year_rank_says_the_year_end_one_and_whose_counts_moved_it(project_tables):
    """Colombia was "the largest of 169 host countries" at mid-2025 with 1% more than at the
    end of 2024, third then: the Islamic Republic of Iran's and Türkiye's counts fell."""
    hosts = project_tables.by_asylum
    assert country.rank_moved(hosts, "COL", 2025, 1) == (
        ", up from third at the end of 2024, as counts fell elsewhere"
    )
    assert country.rank_moved(hosts, "IRN", 2025, 5) == (  # its count halved
        ", down from first at the end of 2024, as its own count fell"
    )
    assert country.rank_moved(hosts, "TUR", 2024, 2) == ""  # second both years: nothing said
    # Ukraine's 19 fewer of 2,389 is no cause to name, though with its count of the year
    # before it would have held its place: Côte d'Ivoire's rise passed it (an editor)
    counts = country.by_year(hosts, "UKR", 2025)["in_need"]
    assert 0 < counts[2024] - counts[2025] < country.RANK_MOVED_BY * counts[2024]
    place = country.rank(hosts, "UKR", 2025)[0]
    assert country._place_with(hosts, "UKR", 2025, counts[2024]) != place
    assert country.rank_moved(hosts, "UKR", 2025, place) == (
        f", down from {country.ordinal(place - 1)} at the end of 2024"
    )
    # Poland, ninth at the end of 2024 and 11th at mid-2025 while its own count fell by
    # 18,400: with its end-2024 count it would have been 11th too (Bangladesh's and Ethiopia's
    # rose past it), so the counts elsewhere moved it
    then = country.by_year(hosts, "POL", 2025)["in_need"].get(2024)
    place = country.rank(hosts, "POL", 2025)[0]
    assert country.by_year(hosts, "POL", 2025)["in_need"].get(2025) < then
    assert country._place_with(hosts, "POL", 2025, then) == place
    assert country.rank_moved(hosts, "POL", 2025, place).endswith(", as counts rose elsewhere")


def test_a_rank_lost_by_a_country_s_own_fall_is_not_said_to_be_others_doing():
    """A first host whose count fell 3% behind a second whose count held was said to be
    "down from first ..., as counts rose elsewhere" (its count had "barely moved")."""
    table = pd.DataFrame(
        {
            "year": [2024, 2024, 2024, 2025, 2025, 2025],
            "iso3": ["AAA", "BBB", "CCC", "AAA", "BBB", "CCC"],
            "is_country": True,
            "refugees": [100_000, 99_000, 50_000, 97_000, 99_000, 60_000],
            "asylum_seekers": 0,
            "oip": 0,
        }
    )
    assert country.rank_moved(table, "AAA", 2025, 2) == (
        ", down from first at the end of 2024, as its own count fell"
    )
    # the third, passed by none, rose: still third, nothing said
    assert country.rank_moved(table, "CCC", 2025, 3) == ""
    # both: a first host that fell 3%, passed by one that rose past its old count and one
    # that passed it only as it fell
    table.loc[[4, 5], "refugees"] = [101_000, 98_500]
    table.loc[2, "refugees"] = 98_000
    assert country.rank_moved(table, "AAA", 2025, 3) == ", down from first at the end of 2024"


def test_a_year_s_rise_made_by_one_partner_says_so_as_a_fall_does(project_tables):
    """South Sudan, 2024: "In 2024 alone the number rose by 133,600", 96% of it people from
    Sudan, with no word of who; a fall made so was said (fall_made_by)."""
    hosted = country.by_year(project_tables.by_asylum, "SSD", 2024)
    assert country.latest_change(hosted, 2024, project_tables.provisional_years).startswith(
        "In 2024 alone the number rose by 133,600"
    )
    said = country.latest_rise_made_by(project_tables, "SSD", "hosted", 2024, hosted)
    assert said.startswith("Of the rise, 128,100 were people from Sudan.")
    # none where the latest change is not told (a rise too small to size)
    uganda = country.by_year(project_tables.by_asylum, "UGA", 2024)
    assert country.latest_rise_made_by(project_tables, "UGA", "hosted", 2024, uganda) == ""


def test_the_groups_a_file_lacks_are_named_but_other_people_in_need_before_2018(project_tables):
    """A 2000-2024 download without other people in need: a brief of 2016 said its figures
    "leave them out", though UNHCR counted none before 2018."""
    import dataclasses

    meta = copy.deepcopy(project_tables.meta)
    meta["unhcr"]["absent"] = ["oip", "stateless"]
    tables = dataclasses.replace(project_tables, meta=meta)
    assert country.absent_groups(tables, 2016) == ["stateless persons"]
    assert country.absent_groups(tables, 2018) == [
        "other people in need of international protection",
        "stateless persons",
    ]


def test_a_large_change_into_the_brief_s_year_is_told_when_no_step_tells_it(project_tables):
    """Chad, 2023: "rose from 17,700 in 2000 to 1.1 million in 2023", with no word that half
    a million of them came that year (592,800 in 2022: under a doubling, so no step). It is
    now a step ("nearly doubled"); Uganda's 2017, a rise by 44%, is told alone."""
    uganda = country.by_year(project_tables.by_asylum, "UGA", 2017)
    before, now = uganda.at[2016, "in_need"], uganda.at[2017, "in_need"]
    assert before < now < 1.5 * before  # no step
    assert country.latest_change(uganda, 2017, project_tables.provisional_years) == (
        f"In 2017 alone the number rose by {numbers.people(now - before)}, from "
        f"{numbers.people(before)} in 2016."
    )
    # Peru's people abroad, 2024: "rose to 6,500 in 2024. In 2024 alone the number rose by
    # 1,700, from 4,700 in 2023" (4,724 and 6,459): the counts as written do not add up
    peruvians = country.by_year(project_tables.by_origin, "PER", 2024)
    before, now = peruvians.at[2023, "in_need"], peruvians.at[2024, "in_need"]
    said = country.latest_change(peruvians, 2024, project_tables.provisional_years)
    assert numbers.as_written(before) + numbers.as_written(now - before) != numbers.as_written(now)
    assert said == (  # one digit more: "by 1,740, from 4,720", which add up to 6,500
        f"In 2024 alone the number rose by {numbers.people(now - before, finer=True)}, from "
        f"{numbers.people(before, finer=True)} in 2023."
    )
    assert numbers.written_step(1_234_567) == 100_000 and numbers.written_step(950) == 10
    # the coarser count alone, where that is enough (Türkiye, 2015: "by 954,000, from 1.59
    # million", beside "2.5 million"; not "953,980")
    turkey = country.by_year(project_tables.by_asylum, "TUR", 2015)
    said = country.latest_change(turkey, 2015, project_tables.provisional_years)
    assert said.startswith("In 2015 alone the number rose by 954,000, from 1.59 million in 2014")
    # a step of that year tells it (Chad, 2023, when it has no doubling to tell); a step of
    # another year (Türkiye's 2014) does not: its 2015 was said nowhere
    chad = country.by_year(project_tables.by_asylum, "TCD", 2023)
    no_doubling = chad.assign(in_need=chad["in_need"].clip(lower=chad.at[2022, "in_need"] * 0.6))
    assert country.latest_change(no_doubling, 2023, project_tables.provisional_years) == ""
    said = country.step_sentence(no_doubling)
    assert said.startswith("The number nearly doubled in one year, from 592,800 in 2022 to ")
    turkey = country.by_year(project_tables.by_asylum, "TUR", 2015)
    assert country.largest_step(turkey, project_tables.provisional_years)[0] != 2015
    assert country.latest_change(turkey, 2015, project_tables.provisional_years).startswith(
        "In 2015 alone the number rose by "
    )
    # a step of that year tells it already (Poland, 2022); a small change is no news
    poland = country.by_year(project_tables.by_asylum, "POL", 2022)
    assert country.latest_change(poland, 2022, project_tables.provisional_years) == ""
    germany = country.by_year(project_tables.by_asylum, "DEU", 2024)
    assert country.latest_change(germany, 2024, project_tables.provisional_years) == ""
    # nor a step other than the largest (the Russian Federation: a rise in 2022, then "fell
    # by more than 90% in one year" in 2024, after "fell by 1.2 million, from 1.2 million")
    russia = country.by_year(project_tables.by_asylum, "RUS", 2024)
    assert country.largest_step(russia, project_tables.provisional_years)[0] == 2022
    assert country.latest_change(russia, 2024, project_tables.provisional_years) == ""
    # nor a change whose year before the trend gives (its peak, Greece 2023), nor the first
    # count of other people in need (Colombia, 2018: "from 260 in 2017")
    peaked = chad.assign(in_need=chad["in_need"].where(chad.index != 2022, 2_000_000))
    assert country.latest_change(peaked, 2023, project_tables.provisional_years) == ""
    colombia = country.by_year(project_tables.by_asylum, "COL", 2018)
    assert country.latest_change(colombia, 2018, project_tables.provisional_years) == ""
    # nor is a mid-year count set against the year-end one before it
    year = max(project_tables.provisional_years)
    sudan = country.by_year(project_tables.by_asylum, "SDN", year)
    assert country.latest_change(sudan, year, project_tables.provisional_years) == ""


def test_a_rise_the_data_credit_to_one_country_is_not_hedged(project_tables):
    """Poland, 2022: "Of the rise, 957,700 were people from Ukraine. The number of people
    from Ukraine abroad rose by 5.7 million that year." was followed by "The data do not say
    how much of the rise was arrivals and how much a new count", which doubted what the
    sentence before showed; a rise no one country made keeps it."""
    poland = country.by_year(project_tables.by_asylum, "POL", 2022)
    said = country.step_for(project_tables, "POL", "Poland", "hosted", poland)
    assert "Of the rise, " in said and "how much a new count" not in said
    # Afghans abroad, 2022: "2.6 million were counted in the Islamic Republic of Iran" shows
    # no arrivals (it may be Iran's new count): the caveat stays
    afghans = country.by_year(project_tables.by_origin, "AFG", 2022)
    said = country.step_for(project_tables, "AFG", "Afghanistan", "abroad", afghans)
    assert "were counted in the Islamic Republic of Iran" in said
    assert "how much of the rise was new departures and how much a new count" in said
    # Iraqis abroad, 2006: Jordan's count made 42% of the rise beside Syria's 57%, and is named
    iraqis = country.by_year(project_tables.by_origin, "IRQ", 2008)
    said = country.step_for(project_tables, "IRQ", "Iraq", "abroad", iraqis)
    assert (
        "Of the rise, 675,100 were counted in the Syrian Arab Republic and 499,200 in Jordan."
        in said
    )
    # the whole rise, as written, is not given twice (Afghanistan, 2010: "from 36 in 2009 to
    # 6,400 in 2010. Of the rise, 6,400 were people from Pakistan")
    hosted = country.by_year(project_tables.by_asylum, "AFG", 2010)
    said = country.step_for(project_tables, "AFG", "Afghanistan", "hosted", hosted)
    assert "All of the rise came from Pakistan." in said and "Of the rise" not in said
    # never the first host again (Slovenians abroad, 2024: "5 in Denmark and 5 in Denmark"),
    # nor two hosts that make more than the rise (Poles abroad, 2001: 1,700 and 750 of 2,328)
    info = pd.DataFrame({"name": ["Greece", "Belgium"], "is_country": True}, index=["GRC", "BEL"])
    others = pd.Series({"BEL": 750.0})  # Greece's 1,700 dropped
    assert country._next_host(others, info, 2_328, 1_700) == ""
    assert country._next_host(others, info, 2_500, 1_700) == " and 750 in Belgium"
    assert country._next_host(pd.Series(dtype=float), info, 2_500, 1_700) == ""
    # nor does a host's rise that made most of its origin's: Iran's Afghans, 2022
    iran = country.by_year(project_tables.by_asylum, "IRN", 2022)
    said = country.step_for(project_tables, "IRN", "the Islamic Republic of Iran", "hosted", iran)
    assert "how much of the rise was arrivals and how much a new count" in said


def test_the_map_shows_the_side_with_people_enough_to_map(project_tables):
    """Germany, 2024: its 390 refugees abroad got the world map (bars of 5 to 190 people),
    and the 2.7 million it hosts none."""

    def sides(code):
        return [
            country.partners(project_tables, code, 2024, s) for s in ("origins", "destinations")
        ]

    origins, destinations = sides("DEU")
    assert len(destinations) >= 3 and destinations["people"].sum() < country.MIN_CHARTED
    assert country.map_side(origins, destinations) == "origins"
    assert country.map_side(*sides("UKR")) == "destinations"  # 5.7 million abroad
    # nor bars of 5 to 190 people: the sentence gives them
    brief = country.Brief("DEU", "Germany", 2024, project_tables)
    chart = country.ranking_chart(brief, destinations, "destinations", destinations["people"].sum())
    assert chart is None
    # its map's alt text names countries as the text does, not "Syrian Arab Rep."
    alt = country.map_chart(brief, origins, "origins").alt
    assert "The largest: Ukraine " in alt and "Syrian Arab Republic " in alt and "Rep." not in alt


def test_a_fall_made_in_one_country_s_count_says_which(project_tables):
    """Ukraine's people abroad "rose ... to a peak of 6.0 million in 2023, then fell to 5.1
    million in 2024", read as people going home; the fall was all in the count for the
    Russian Federation (1.2 million to 6,900), and elsewhere the number rose."""
    pairs = project_tables.by_origin_and_asylum.query("origin_iso3 == 'UKR'")
    people = pairs["refugees"].fillna(0) + pairs["oip"].fillna(0)
    in_russia = people[pairs["asylum_iso3"] == "RUS"].groupby(pairs["year"]).sum()
    elsewhere = people[pairs["asylum_iso3"] != "RUS"].groupby(pairs["year"]).sum()
    abroad = country.by_year(project_tables.by_origin, "UKR", 2024)
    assert country.fall_made_by(project_tables, "UKR", "abroad", 2024, abroad) == (
        f"The fall was all in the count for the Russian Federation (from "
        f"{numbers.people(in_russia[2023])} in 2023 to {numbers.people(in_russia[2024])} in "
        f"2024); elsewhere the number rose by {numbers.people(elsewhere[2024] - elsewhere[2023])}."
    )
    # ... and the returns set against it are those from the Russian Federation, not the
    # 209,100 home from Poland, Bulgaria and elsewhere, in the "rose" part (an editor)
    home = pairs[pairs["asylum_iso3"] == "RUS"].groupby("year")["returned_refugees"].sum()
    left = country.latest_fall_left(project_tables, "UKR", "Ukraine", "abroad", abroad, 2024)
    assert left.startswith(
        f"The data record {'no' if not home.get(2024) else numbers.people(home[2024])} refugees "
        "returning home to Ukraine from the Russian Federation that year, against that fall"
    )
    # a fall one origin made whole is not given twice (Venezuela, 2018: "fell by 55,500 …
    # Of the fall, 55,500 were people from Colombia")
    venezuela = country.by_year(project_tables.by_asylum, "VEN", 2018)
    said = country.fall_made_by(project_tables, "VEN", "hosted", 2018, venezuela)
    assert said.startswith("The fall was all among people from Colombia (from ")
    # a host's fall mostly among one origin's people (Afghans leaving Pakistan, 2002)
    pakistan = country.by_year(project_tables.by_asylum, "PAK", 2002)
    said = country.fall_made_by(project_tables, "PAK", "hosted", 2002, pakistan)
    # nearly all of it (971,300 of 1.0 million): not "Of the fall" (Peru, 2019, an editor)
    assert said.startswith(
        "Nearly all of the fall was among people from Afghanistan: 971,300 fewer ("
    )
    # no fall of a tenth (Germany, 2024), or spread over many (Syrians abroad, 2024)
    germany = country.by_year(project_tables.by_asylum, "DEU", 2024)
    assert country.fall_made_by(project_tables, "DEU", "hosted", 2024, germany) == ""
    syrians = country.by_year(project_tables.by_origin, "SYR", 2024)
    assert country.fall_made_by(project_tables, "SYR", "abroad", 2024, syrians) == ""
    # two or three that made two thirds of it are named (Colombians abroad, 2017: "fell by
    # 119,420" with no word of where; Ecuador's and Venezuela's counts made 87% of it)
    # (sized by "In 2017 alone the number fell by …" before it; Ethiopia's 2019 fall from its
    # peak of 2018 is not: "Of the fall of 170,100 in 2019, 88,100 were people from …")
    ethiopia = country.by_year(project_tables.by_asylum, "ETH", 2019)
    fall = ethiopia.at[2018, "in_need"] - ethiopia.at[2019, "in_need"]
    said = country.fall_made_by(project_tables, "ETH", "hosted", 2019, ethiopia)
    assert said.startswith(f"Of the fall of {numbers.people(fall)} in 2019, ")
    assert " were people from South Sudan and " in said
    colombians = country.by_year(project_tables.by_origin, "COL", 2017)
    assert country.fall_made_by(project_tables, "COL", "abroad", 2017, colombians) == (
        "Of that fall, 54,500 were counted in Ecuador and 49,200 in the Bolivarian Republic of "
        "Venezuela."
    )
    # nor a fall the text does not tell (Tunisia, 2024, when a fall of a quarter was not:
    # "…then rose to 3,000 in 2024. Of the fall, 730 were people from the Syrian Arab
    # Republic"); Pakistan's 427,800 of 2024 (21%), after a peak in 2001, is told now
    provisional = project_tables.provisional_years
    for code in ("ECU", "SDN"):  # falls of 2024 under a fifth, told nowhere
        hosted = country.by_year(project_tables.by_asylum, code, 2024)
        assert 0 < -hosted["in_need"].pct_change()[2024] < country.LATEST_CHANGE
        assert country.latest_change(hosted, 2024, provisional) == ""
        assert country.fall_made_by(project_tables, code, "hosted", 2024, hosted) == ""
    pakistan = country.by_year(project_tables.by_asylum, "PAK", 2024)
    assert country.latest_change(pakistan, 2024, provisional).startswith(
        "In 2024 alone the number fell by 427,800, from 2.0 million in 2023."
    )
    # nor a fall a step's paragraph tells (the Russian Federation's 2024: it was told three
    # times), nor one to none (China's Vietnamese, 2022), always a step
    for code, year in (("RUS", 2024), ("CHN", 2022)):
        hosted = country.by_year(project_tables.by_asylum, code, year)
        assert year in country._told_steps(hosted, project_tables.provisional_years)
        assert country.fall_made_by(project_tables, code, "hosted", year, hosted) == ""


def test_a_fall_of_the_year_told_alone_is_set_beside_the_returns(project_tables):
    """Serbia and Montenegro, 2005: "In 2005 alone the number fell by 128,400, from 276,700
    in 2004." and no word that the data record 4,800 returns, where a step would say so."""
    tables = country.named_in(project_tables, 2005)
    hosted = country.by_year(tables.by_asylum, "SRB", 2005)
    assert country.latest_change(hosted, 2005, tables.provisional_years).startswith(
        "In 2005 alone the number fell by "
    )
    returns = tables.by_asylum.query("iso3 == 'SRB' and year == 2005")["returned_refugees"]
    said = country.latest_fall_left(tables, "SRB", "Serbia and Montenegro", "hosted", hosted, 2005)
    assert said.startswith(
        f"The data record only {numbers.people(returns.sum())} refugees returning home from "
        "Serbia and Montenegro that year, against that fall: "
    )
    assert said.endswith(
        "the others left the count in ways these figures do not show, such as a revised count."
    )
    # the fall is not written again, nor otherwise than the sentence before wrote it (Gabon,
    # 2005: "fell by 5,240", then "against a fall of 5,200"; Colombia, 2017: 119,420 twice)
    gabon = country.by_year(project_tables.by_asylum, "GAB", 2005)
    said = country.latest_fall_left(project_tables, "GAB", "Gabon", "hosted", gabon, 2005)
    assert ", against that fall: " in said
    # how the others left the count is said once, where the fall since the peak, to this
    # year, is told after it (Venezuela, 2021: twice, in two paragraphs)
    venezuela = country.by_year(project_tables.by_asylum, "VEN", 2021)
    said = country.latest_fall_left(project_tables, "VEN", "Venezuela", "hosted", venezuela, 2021)
    assert said.startswith("The data record only ") and said.endswith(" against that fall.")
    gone = country._gone(project_tables, "VEN", "Venezuela", "hosted", venezuela)
    later = country.told_fall_from_peak(venezuela, project_tables.provisional_years, gone)
    assert later.startswith("In 2014–2021, after its peak of ")
    assert later.endswith("the others left the count in ways these figures do not show, such as a "
                          "revised count.")  # fmt: skip
    # nothing beside a rise (Uganda, 2017)
    uganda = country.by_year(project_tables.by_asylum, "UGA", 2017)
    assert country.latest_fall_left(project_tables, "UGA", "Uganda", "hosted", uganda, 2017) == ""
    # none where the trend tells no fall: a high a little above the last year (Colombia, 2024:
    # "rose ... to 2.8 million at the end of 2024. The data record no refugees returning ...
    # against that fall")
    colombia = country.by_year(project_tables.by_asylum, "COL", 2024)
    assert "fell" not in country.trend_sentence(colombia["in_need"], "It")
    said = country.latest_fall_left(project_tables, "COL", "Colombia", "hosted", colombia, 2024)
    assert said == ""
    # a fall the trend ends on, from its peak the year before, under a fifth (Uganda, 2018:
    # "to a peak of 1.4 million in 2017, then fell to 1.2 million in 2018", 83,600 returns)
    uganda = country.by_year(project_tables.by_asylum, "UGA", 2018)
    assert not country.latest_change(uganda, 2018, project_tables.provisional_years)
    pairs = project_tables.by_origin_and_asylum
    back = pairs.query("asylum_iso3 == 'UGA' and origin_iso3 == 'SSD' and year == 2018")
    back = back["returned_refugees"]
    said = country.latest_fall_left(project_tables, "UGA", "Uganda", "hosted", uganda, 2018)
    # (the fall was all among people from South Sudan: their returns are set against it)
    assert said == (
        f"The data record {numbers.people(back.sum())} refugees returning home from Uganda to "
        "South Sudan that year, against that fall: the others left the count in ways these "
        "figures do not show, such as a revised count."
    )


def test_a_mid_year_brief_sets_its_count_against_the_year_end_before(project_tables):
    """Syrians abroad at mid-2025: the trend stopped at "6.0 million at the end of 2024" and
    the 1.1 million fewer at mid-2025 were told nowhere; Mid-Year Trends sets them side by
    side, with a caveat."""
    year = max(project_tables.provisional_years)
    syrians = country.by_year(project_tables.by_origin, "SYR", year)
    before, now = syrians.at[year - 1, "in_need"], syrians.at[year, "in_need"]
    said = country.mid_year_change(project_tables, "SYR", "abroad", syrians, year)
    assert said.startswith(
        f"At mid-{year} the number was {numbers.people(now)}, {numbers.people(before - now)} "
        f"fewer than at the end of {year - 1} (a provisional mid-year count set against a "
        "year-end one). "
    )
    # barely half is no "most" (Türkiye made 51% of it), more than all says the others' move
    assert " of the change was in the count for Türkiye (" in said and "Most" not in said
    # said again on the other side of a brief (Uganda's hosted, then abroad): in short
    again = country.mid_year_change(project_tables, "SYR", "abroad", syrians, year, again=True)
    assert f"than at the end of {year - 1} (provisional). " in again
    nigeria = country.by_year(project_tables.by_asylum, "NGA", year)
    said = country.mid_year_change(project_tables, "NGA", "hosted", nigeria, year)
    assert "The change was all among people from Cameroon (" in said
    assert said.endswith(" fewer.") and "; the number from other countries was " in said
    # UNHCR's "Unknown" origin is no country to name (Kazakhstan: "among people from Unknown")
    kazakhstan = country.by_year(project_tables.by_asylum, "KAZ", year)
    said = country.mid_year_change(project_tables, "KAZ", "hosted", kazakhstan, year)
    assert "Unknown" not in said
    # a year-end brief, or a count that barely moved, has none
    assert country.mid_year_change(project_tables, "SYR", "abroad", syrians, year - 1) == ""
    germany = country.by_year(project_tables.by_asylum, "DEU", year)
    assert country.mid_year_change(project_tables, "DEU", "hosted", germany, year) == ""


def test_refugees_who_left_to_go_home_are_said_where_they_went(project_tables):
    """Germany, 2022: "65,000 refugees left Germany to return to their own country", all of
    them Ukrainians who had arrived that year; Ethiopia's "left it" named no one."""
    pairs = project_tables.by_origin_and_asylum
    assert country.returned_to(project_tables, "DEU", 2022) == "Ukraine"
    ethiopia = pairs.query("asylum_iso3 == 'ETH' and year == 2022 and returned_refugees > 0")
    home = ethiopia.groupby("origin_iso3")["returned_refugees"].sum()
    assert home.idxmax() == "SSD" and 0.5 < home.max() / home.sum() < 0.9
    assert country.returned_to(project_tables, "ETH", 2022) == (
        f"their own countries, most of them ({country.amount(home.max())}) to South Sudan"
    )
    assert country.returned_to(project_tables, "USA", 2024) == "their own country"  # none
    # a few people are counted, not put in words: "most of them (13)" of 25 said too much
    africa = pairs.query("asylum_iso3 == 'ZAF' and year == 2012 and returned_refugees > 0")
    home = africa.groupby("origin_iso3")["returned_refugees"].sum()
    assert home.idxmax() == "BDI" and home.max() < country.FEW_IN_WORDS and len(home) > 1
    assert country.returned_to(project_tables, "ZAF", 2012) == (
        "their own countries, most of them to Burundi"  # not "most of them (13)"
    )
    # ... and all only when all are: Germany's 175 to Iraq of 180 (2015) were not "Iraq" (an
    # editor), nor "180 ... 175 of them", the total rounded and its part not (a reviewer)
    germany = pairs.query("asylum_iso3 == 'DEU' and year == 2015 and returned_refugees > 0")
    home = germany.groupby("origin_iso3")["returned_refugees"].sum()
    assert home.idxmax() == "IRQ" and home.max() < home.sum() < country.FEW_IN_WORDS
    assert country.amount(home.max()) == country.amount(home.sum())  # written alike
    assert country.returned_to(project_tables, "DEU", 2015) == (
        "their own countries, nearly all of them to Iraq"
    )


def test_a_brief_of_a_year_between_estimates_gives_un_desa_s_next(project_tables):
    """Uganda, 2018: "823,200 international migrants lived in Uganda at mid-2015" beside 1.2
    million refugees, who count among them: UN DESA's next estimate (mid-2020) is given."""
    stock = project_tables.migrant_stock.query("kind == 'country' and iso3 == 'UGA'")
    at_2020 = stock.set_index("year").at[2020, "migrants"]
    assert country.next_migrant_estimate(project_tables, "UGA", 2018) == (2020, at_2020)
    assert country.next_migrant_estimate(project_tables, "UGA", 2021) == (
        2024,
        stock.set_index("year").at[2024, "migrants"],
    )
    # a year with an estimate of its own gets none added (2020), nor the last (2024)
    assert country.next_migrant_estimate(project_tables, "UGA", 2020) is None
    assert country.next_migrant_estimate(project_tables, "UGA", 2024) is None


def test_an_idp_estimate_halved_in_one_year_and_a_fall_between_two_highs_are_told(project_tables):
    """IDMC's Türkiye "fell from 1.0 million in 2009 to 2,000 in 2019", the cut of 2016 untold;
    its Colombia "rose from 4.9 million in 2009 to 7.3 million in 2024", through 4.8 million
    in 2022."""
    idps = project_tables.idps_conflict.set_index("year")
    turkiye = idps.query("iso3 == 'TUR'")["idps_conflict"]
    trend = country.trend_sentence(turkiye, "Their number")
    before, after = (numbers.people(round(turkiye[y], -3)) for y in (2015, 2016))
    assert country.idp_fall(turkiye, trend) == (
        f"The estimate fell by more than three quarters in one year, from {before} in 2015 to "
        f"{after} in 2016; the data do not say whether people returned home, settled elsewhere "
        "or left the country, or whether the estimate was revised."
    )
    colombia = idps.query("iso3 == 'COL'")["idps_conflict"].loc[:2024]
    assert country.trend_sentence(colombia, "Their number") == (
        "Their number rose from 4.9 million in 2009 to 7.2 million in 2016, fell to 4.8 million "
        "in 2022, then rose to 7.3 million in 2024."
    )
    # a fall in the year a new state split from the country: the split, not a riddle
    sudan = idps.query("iso3 == 'SDN'")["idps_conflict"].loc[:2024]
    trend = country.trend_sentence(sudan, "Their number")
    fall = country.idp_fall(sudan, trend, iso3="SDN")
    assert fall.endswith(
        "in 2011, the year South Sudan became independent (July 2011): IDMC's estimates from "
        "2011 count the people displaced in South Sudan apart."
    )
    # ... and how much of the fall South Sudan's own estimate makes: an eighth, not the
    # cause of the whole (a UNHCR editor)
    there = idps.query("iso3 == 'SSD'")["idps_conflict"][2011]
    share = numbers.share(there / (sudan[2010] - sudan[2011]))
    assert country.idp_fall(sudan, trend, iso3="SDN", tables=project_tables).endswith(
        f"count the people displaced in South Sudan apart ({country.amount(there)} there in "
        f"2011, {share} of the fall)."  # not "the data do not say whether people returned
    )  # home" beside the 279,300 returns the brief gives next (a reviewer)
    # a fall the trend already tells is not told again, but its cause is still unknown
    # (Nigeria: 3.3 million in 2013, a low of 1.1 million in 2014; an editor)
    nigeria = idps.query("iso3 == 'NGA'")["idps_conflict"].loc[:2024]
    trend = country.trend_sentence(nigeria, "It")
    assert "in 2013 to a low of 1.1 million in 2014" in trend
    assert country.idp_fall(nigeria, trend) == (
        "The data do not say whether the fall of 2014 came from people returning home, "
        "settling elsewhere or leaving the country, or from a revised estimate."
    )
    # a few people do not make a rise and fall (Haiti's refugees: "to 5 in 2016, fell to none
    # in 2019, then rose to 5 in 2024")
    few = pd.Series([0, 5, 5, 0, 0, 5], index=range(2014, 2020))
    assert "fell to" not in country.trend_sentence(few, "It")
    # nor a one-year spike, which the step paragraph tells (Brazil: 3,500 in 2006, 20,800 in
    # 2007, 3,800 in 2008, 51,100 in 2018)
    brazil = pd.Series([2_700, 3_500, 20_800, 3_800, 10_000, 51_100], index=range(2005, 2011))
    assert country.trend_sentence(brazil, "It") == "It rose from 2,700 in 2005 to 51,100 in 2010."


def test_a_large_change_in_idmc_s_estimate_the_trend_runs_through_is_said():
    """Colombia, 2024: "fell to 4.8 million in 2022, then rose to 7.3 million in 2024" hid a
    rise of 43% in one year, which a brief should hedge as it hedges a fall (an editor)."""
    colombia = pd.Series([7.2e6, 5.0e6, 4.8e6, 5_080_000, 7_270_000], index=range(2020, 2025))
    trend = "IDMC's estimate fell to 4.8 million in 2022, then rose to 7.3 million in 2024."
    assert country.idp_latest_change(colombia, trend, 2024) == (
        "In 2024 alone the estimate rose by 2.2 million, from 5.1 million in 2023; the data do "
        "not say how much of the rise was people newly displaced and how much a revised "
        "estimate."
    )
    fell = colombia.set_axis(range(2020, 2025)).replace({7_270_000: 3_900_000})
    assert "fell by 1.2 million, from 5.1 million in 2023; the data do not say whether" in (
        country.idp_latest_change(fell, trend, 2024)
    )
    # a small change, or a mid-year count: nothing to add
    assert country.idp_latest_change(colombia.replace({7_270_000: 5_500_000}), trend, 2024) == ""
    assert country.idp_latest_change(colombia, trend, 2024, provisional={2024}) == ""
    # without the year before where the trend gives it in a span (Bangladesh: "stayed at
    # 426,000 every year from 2009 to 2023", then +37%: the hedge was lost, an editor);
    # nothing where the fall sentence tells that year's change; a fall
    # of another year leaves it to say (Sudan, 2024: its fall of 2011, at South Sudan's
    # independence, hid "from 3.6 million in 2022" of 2023, a reviewer)
    assert country.idp_latest_change(colombia, "It stayed at 5.1 million to 2023.", 2024) == (
        "In 2024 alone the estimate rose by 2.2 million; the data do not say how much of the "
        "rise was people newly displaced and how much a revised estimate."
    )
    fell_then = "The estimate fell by more than half in one year, from 4.8 million in 2010 to "
    fell_then += "2.2 million in 2011, the year South Sudan became independent"
    assert country.idp_latest_change(colombia, trend, 2024, fall=fell_then).startswith("In 2024")
    fell_now = "The estimate fell by more than half in one year, from 5.1 million in 2023 to "
    assert (
        country.idp_latest_change(colombia, trend, 2024, fall=fell_now + "2.0 million in 2024")
        == ""
    )


def test_a_host_of_more_asylum_seekers_than_the_named_hosts_refugees_is_said(project_tables):
    """Sudan at mid-2025: "Most ... lived in three countries: 1.3 million in Chad, 571,100 in
    South Sudan and 551,700 in Libya", where Egypt held 796,500 Sudanese asylum-seekers,
    counted in none of these figures."""
    year = max(project_tables.provisional_years)
    named = country.partners(project_tables, "SDN", year, "destinations")
    pairs = project_tables.by_origin_and_asylum.query("origin_iso3 == 'SDN' and year == @year")
    top = pairs.loc[pairs["asylum_seekers"].idxmax()]
    assert top["asylum_iso3"] == "EGY" and top["asylum_seekers"] > named["people"].iloc[2]
    assert country.seekers_left_out(project_tables, "SDN", year, named) == (
        "These figures leave out asylum-seekers from Sudan awaiting a decision on their claim: "
        f"{numbers.people(pairs['asylum_seekers'].sum())} in all, "
        f"{numbers.people(top['asylum_seekers'])} of them in Egypt."
    )
    # Syria's largest host of asylum-seekers holds fewer than its third host's refugees
    syria = country.partners(project_tables, "SYR", year, "destinations")
    assert country.seekers_left_out(project_tables, "SYR", year, syria) == ""
    # a download without asylum-seekers' figures has nothing to add (it failed the brief)
    without = copy.copy(project_tables)
    without.by_origin_and_asylum = project_tables.by_origin_and_asylum.assign(
        asylum_seekers=float("nan")
    )
    assert country.seekers_left_out(without, "SDN", year, named) == ""
    # a name that takes "the" keeps its article
    angola = country.partners(project_tables, "AGO", 2024, "destinations")
    said = country.seekers_left_out(project_tables, "AGO", 2024, angola)
    assert said.endswith(" of them in the United States of America.")


def test_a_rise_abroad_counted_in_many_countries_is_not_hedged_as_a_new_count(tables):
    """Ukraine's people abroad rose from 27,600 to 5.7 million in 2022, counted across
    Europe: the brief said the data did not tell new departures from a new count. A rise
    counted mostly in one country may still be that country's new count."""

    def rise(iso3, year):
        return float(country.by_year(tables.by_origin, iso3, year)["in_need"].diff()[year])

    change = country.partner_change(tables, "UKR", "destinations", 2022)
    largest = tables.countries.set_index("iso3").at[change.idxmax(), "name"]
    said, departures = country.rise_made_by(tables, "UKR", "abroad", 2022, rise("UKR", 2022))
    assert departures and said == (
        "No one country counted half of the rise; the largest part, "
        f"{numbers.people(change.max())}, was counted in {plain(the(largest))}."
    )
    said, departures = country.rise_made_by(tables, "MMR", "abroad", 2017, rise("MMR", 2017))
    assert not departures and said.startswith("Of the rise, ") and "Bangladesh" in said


def test_the_bars_of_a_country_s_hosts_say_the_asylum_seekers_they_leave_out(project_tables):
    """Sudan at mid-2025: the bars gave Egypt 37,700, where it held 796,500 Sudanese
    asylum-seekers; only the text said so. The note under the bars says it too."""
    year = max(project_tables.provisional_years)
    brief = country.Brief("SDN", "Sudan", year, project_tables)
    named = country.partners(project_tables, "SDN", year, "destinations")
    total = country.by_year(project_tables.by_origin, "SDN", year).at[year, "in_need"]
    chart = country.ranking_chart(brief, named, "destinations", total)
    said = country.seekers_left_out(project_tables, "SDN", year, named, markdown=False)
    assert said.startswith("Not in the bars: asylum-seekers from Sudan, ")  # not the text's
    assert said.endswith(" of them in Egypt.") and chart.note.startswith(said)


def test_a_mid_year_rank_without_other_people_in_need_is_set_beside_one_on_the_same_basis():
    """'-' for other people in need in every row of mid-2025: Peru, eighth at the end of 2024
    counting them and 100th counting refugees alone, was "down from eighth ..., as counts
    rose elsewhere". Both years are ranked on refugees alone."""
    table = pd.DataFrame(
        {
            "year": [2024] * 3 + [2025] * 3,
            "iso3": ["AAA", "BBB", "CCC"] * 2,
            "is_country": True,
            "refugees": [1_000, 50_000, 20_000, 1_000, 50_000, 20_000],
            "asylum_seekers": 0,
            "oip": [900_000, None, None, None, None, None],
        }
    )
    assert country.rank(table, "AAA", 2025)[0] == 3
    assert country.rank_moved(table, "AAA", 2025, 3) == ""  # third both years, refugees alone


def test_a_brief_s_map_naming_kosovo_carries_the_un_s_note(project_tables):
    """Germany hosted people from "Serbia and Kosovo" in 2024: its map's table named it
    without the note the briefing prints."""
    brief = country.Brief("DEU", "Germany", 2024, project_tables)
    rows = country.partners(project_tables, "DEU", 2024, "origins")
    assert "SRB" in set(rows["iso3"])
    chart = country.map_chart(brief, rows, "origins")
    assert country.RESOLUTION_1244 in chart.note
    assert chart.note.endswith("acceptance by the United Nations.")  # the map's disclaimer last


def test_a_brief_s_trend_chart_notes_a_first_count_of_others_in_need(project_tables):
    """The Islamic Republic of Iran at mid-2025: refugees fell from 3.5 million to 770,500
    as 879,500 other people in need appeared, counted there for the first time, as the text
    said and the chart did not."""
    year = max(project_tables.provisional_years)
    brief = country.Brief("IRN", "Iran (Islamic Rep. of)", year, project_tables)
    hosted = country.by_year(project_tables.by_asylum, "IRN", year)
    assert country.first_counted_oip(hosted, year)
    chart = country.trend_chart(brief, hosted, "hosted")
    assert (
        "Other people in need of international protection are counted in the Islamic Republic "
        f"of Iran for the first time at mid-{year}: their step is the start of their count"
    ) in chart.note
    colombia = country.Brief("COL", "Colombia", year, project_tables)  # counted since 2018
    chart = country.trend_chart(
        colombia, country.by_year(project_tables.by_asylum, "COL", year), "hosted"
    )
    assert "for the first time" not in chart.note


def test_a_brief_claims_unhcr_s_ranking_basis_only_where_a_report_at_hand_shows_it(
    tmp_path, project_tables
):
    """A December 2019 snapshot: Colombia's 2019 brief counted refugees and others in need
    "as UNHCR ranks host countries", where the first Global Trends to do so came out in 2020
    (the briefing itself claimed no such practice)."""
    from conftest import release_ending

    december_2019 = load_tables(release_ending(tmp_path, 2019, mid_year=True))
    assert not country.Brief("COL", "Colombia", 2019, december_2019).ranked_as_unhcr
    assert country.Brief("COL", "Colombia", 2019, project_tables).ranked_as_unhcr
    assert country.Brief("COL", "Colombia", 2016, december_2019).ranked_as_unhcr  # refugees


def test_a_rise_a_host_made_by_giving_origins_to_people_of_unknown_origin_says_so(tables):
    """Germany gave 879,000 of its 903,000 refugees no country of origin in 2001, a tenth of
    that in 2002, as those of known origin rose by about as many: four briefs told every
    origin's 2002 rise there as "new departures or a new count" (Poland, the Russian
    Federation, the Syrian Arab Republic, Pakistan; an editor)."""
    from dataclasses import replace

    unknown = [
        country.unplaced(tables, "DEU", y).query("name == 'Unknown'")["people"].sum()
        for y in (2001, 2002)
    ]
    assert unknown[0] > 800_000 and unknown[1] < unknown[0] / 2
    said = country.step_for(
        tables, "POL", "Poland", "abroad", country.by_year(tables.by_origin, "POL", 2022)
    )
    assert (
        "All of the rise was counted in Germany (15,200 more); the count elsewhere fell by 1,700. "
        f"In 2002 the number of people of unknown origin counted in Germany fell from "
        f"{numbers.people(unknown[0])} to {numbers.people(unknown[1])}, and those of known "
        "origin rose by "
    ) in said
    assert (
        ": much of the rise counted there may be people given their country of origin, rather "
        "than new departures."
    ) in said
    assert "how much a new count" not in said
    # silent where the host's unknown origins did not turn into known ones, or where the
    # rise was people resettled there (the Lao People's Democratic Republic's in the United
    # States, 2005: a reviewer), and for Iran's Afghans of 2022, whose hedge stays
    assert country.origins_given(tables, "DEU", "POL", 2003, 1_000) == ""
    assert country.origins_given(tables, "USA", "LAO", 2005, 8_500) == ""
    resettled = pd.DataFrame(
        [{"year": 2002, "origin_iso3": "POL", "destination_iso3": "DEU", "resettled": 9_000.0}]
    )
    moved = replace(tables, resettlement=pd.concat([tables.resettlement, resettled]))
    assert country.origins_given(moved, "DEU", "POL", 2002, 15_200) == ""
    assert country.origins_given(tables, "DEU", "POL", 2002, 15_200) != ""
    afghans = country.step_for(
        tables, "AFG", "Afghanistan", "abroad", country.by_year(tables.by_origin, "AFG", 2024)
    )
    assert "how much of the rise was new departures and how much a new count" in afghans


def test_a_fall_beside_a_larger_rise_in_asylum_seekers_says_both(tables):
    """Peru, 2019: the Venezuelans displaced abroad fell by 49,900 there while Venezuelan
    asylum-seekers rose by 255,200; the fall read as unexplained, the rise came apart at the
    paragraph's end (an editor). Only beside the same origin's asylum-seekers (Egypt, 2023:
    Palestinians fewer, Sudanese asylum-seekers more; a reviewer)."""
    pairs = tables.by_origin_and_asylum.query("origin_iso3 == 'VEN' and asylum_iso3 == 'PER'")
    before, now = (pairs.query("year == @y")["asylum_seekers"].sum() for y in (2018, 2019))
    peru = country.by_year(tables.by_asylum, "PER", 2019)
    assert peru.at[2018, "in_need"] > peru.at[2019, "in_need"] and now - before > 200_000
    change = country.partner_change(tables, "PER", "origins", 2019)
    assert change.idxmin() == "VEN"
    # the pair's own fall named first: the text before may not have named the country
    # (Libya, 2015: Syrian asylum-seekers "from nowhere"; a reviewer)
    assert country.asylum_beside_fall(tables, "PER", "hosted", peru, 2019) == (
        "The number from the Bolivarian Republic of Venezuela there fell by "
        f"{country.amount(-change.min())} that year, while asylum-seekers from the Bolivarian "
        "Republic of Venezuela there rose by "
        f"{numbers.people(now - before)}, from {country.amount(before)} to "
        f"{country.amount(now)}: some of the people who left the count may be among them; the "
        "data do not say."
    )
    assert country.asylum_beside_fall(tables, "PER", "hosted", peru, 2018) == ""  # a rise
    egypt = country.by_year(tables.by_asylum, "EGY", 2023)
    assert egypt.at[2023, "asylum_seekers"] - egypt.at[2022, "asylum_seekers"] > 100_000
    assert country.asylum_beside_fall(tables, "EGY", "hosted", egypt, 2023) == ""
    # the other side: Cameroonians abroad, fewer refugees and more asylum-seekers in Nigeria
    cameroon = country.by_year(tables.by_origin, "CMR", 2023)
    said = country.asylum_beside_fall(tables, "CMR", "abroad", cameroon, 2023)
    assert said.startswith("The number in Nigeria fell by ")
    assert ", while asylum-seekers from Cameroon in Nigeria rose by " in said


def test_a_host_s_rise_is_not_given_to_one_origin_when_unknown_origins_fell_more(tables):
    """Germany, 2002: "All of the rise came from Serbia and Kosovo (183,200 more); the
    number from all other countries together fell by 106,200", though those of known origin
    rose by 854,500 as those of unknown origin fell (a reviewer): no one origin made it."""
    hosted = country.by_year(tables.by_asylum, "DEU", 2002)
    rise = float(hosted.at[2002, "in_need"] - hosted.at[2001, "in_need"])
    assert rise > 0
    assert country.rise_made_by(tables, "DEU", "hosted", 2002, rise) == ("", False)
    togo = country.rise_made_by(tables, "TGO", "hosted", 2023, 18_900)[0]
    assert togo.startswith("All of the rise came from Burkina Faso (19,300 more); the number ")
    assert "from all other countries together fell by " in togo


def test_a_rise_from_one_origin_adds_up_with_the_falls_beside_it(tables):
    """Germany, 2022: "All of the rise came from Ukraine (1.0 million more); the number from
    all other countries together fell by 169,400" for a rise of 819,800: the 12,900 fewer of
    no known origin were not said, and the parts did not add up (an auditor)."""
    hosted = country.by_year(tables.by_asylum, "DEU", 2022)
    rise = float(hosted.at[2022, "in_need"] - hosted.at[2021, "in_need"])
    said = country.rise_made_by(tables, "DEU", "hosted", 2022, rise)[0]
    change = country.partner_change(tables, "DEU", "origins", 2022)
    info = tables.countries.set_index("iso3")
    known = change[change.index.isin(info.index[info["is_country"]])]
    others, unknown = known.drop("UKR").sum(), change.sum() - known.sum()
    assert unknown < -country.MIN_CHARTED and others < 0
    assert (
        f"the number from all other countries together fell by {numbers.people(-others)}, and "
        f"the number of no known country of origin by {numbers.people(-unknown)}."
    ) in said
    assert change["UKR"] + others + unknown == pytest.approx(rise)


def test_a_second_idp_fall_does_not_say_the_first_one_s_why_again(tables):
    """Uganda, 2024: the 2010 halving and the 2024 fall each ended on "the data do not say
    whether people returned home, settled elsewhere or left the country, or whether the
    estimate was revised" (a proofreader)."""
    idps = tables.idps_conflict.query("iso3 == 'UGA' and year <= 2024")
    idps = idps.set_index("year")["idps_conflict"]
    trend = country.trend_sentence(idps, "IDMC's estimate", tables.provisional_years)
    fall = country.idp_fall(idps, trend, tables.provisional_years, "UGA")
    latest = country.idp_latest_change(idps, trend, 2024, tables.provisional_years, fall)
    assert fall.endswith(f"; {country.IDP_FALL_WHY}.")
    assert latest.startswith("In 2024 alone the estimate fell by ")
    assert latest.endswith("; here too the data do not say why.")
    alone = country.idp_latest_change(idps, trend, 2024, tables.provisional_years, "")
    assert alone.endswith(f"; {country.IDP_FALL_WHY}.")  # told alone: in full


def test_a_fall_left_unexplained_names_no_country_the_text_has_not_named(project_tables):
    """Iceland, 2024: "The data record no refugees returning home from Iceland to Ukraine that
    year, against that fall", where nothing before said the fall was among Ukrainians (their
    1,400 fewer, the others' rise making a fall of 800; a UNHCR editor)."""
    hosted = country.by_year(project_tables.by_asylum, "ISL", 2024)
    assert not country.fall_made_by(project_tables, "ISL", "hosted", 2024, hosted)
    left = country.latest_fall_left(project_tables, "ISL", "Iceland", "hosted", hosted, 2024)
    assert left.startswith("The data record no refugees returning home from Iceland that year")
    assert "Ukraine" not in left


def test_un_desa_s_sudan_to_2005_counts_south_sudan_and_is_not_set_beside_later_estimates(
    project_tables,
):
    """UN DESA's notes: "The estimates for 1990 to 2005 refer to Sudan and South Sudan"; its
    population is by today's borders. Sudan's 2016 brief said its migrants "fell from 1.4
    million in 1990 to 620,500 in 2015", and South Sudan's from 652,400 in 1990, a figure the
    2024 revision repeats to 2005 (a country analyst)."""
    stock = project_tables.migrant_stock.query("kind == 'country'").set_index(["iso3", "year"])
    assert {"SDN", "SSD"} <= set(stock.index.get_level_values("iso3"))
    for code in ("SDN", "SSD"):  # from 2010: one place, by today's borders
        assert country.migrant_stock(project_tables, code, 2016).index.min() == 2010
    then = country.migrant_stock(project_tables, "SDN", 1995)
    assert then.index.tolist() == [1990, 1995]
    assert then["migrants"].tolist() == stock.loc["SDN"].loc[[1990, 1995], "migrants"].tolist()
    assert then["migrant_share"].isna().all()  # a wider place's migrants over a narrower's people
    assert country.migrants_place("SDN", "Sudan", "2024", 1995) == "Sudan (South Sudan included)"
    assert country.migrants_place("SDN", "Sudan", "2024", 2010) == "Sudan without South Sudan"
    assert country.migrants_place("SDN", "Sudan", "2024", 2015) == "Sudan"
    assert country.migrants_place("TUR", "Türkiye", "2024", 1995) == "Türkiye"
    # the next estimate is of the same place: 2005's after 2003 (a reviewer), not 2010's
    assert country.next_migrant_estimate(project_tables, "SDN", 2003) == (
        2005,
        stock.loc[("SDN", 2005), "migrants"],
    )
    assert country.next_migrant_estimate(project_tables, "SDN", 2007) is None
    assert country.next_migrant_estimate(project_tables, "SDN", 2012)[0] == 2015
    # the 2024 revision's fill for the years before a new state's own (Montenegro's 73,743,
    # Curaçao's 43,150 from 1990 to 2005: "rose from 73,700 in 1990"; a reviewer)
    for code in ("MNE", "CUW"):
        filled = stock.loc[code].loc[[1990, 1995, 2000, 2005], "migrants"]
        assert filled.nunique() == 1
        assert country.migrant_stock(project_tables, code, 2024).index.min() == 2010
        assert country.migrant_stock(project_tables, code, 1995).empty  # whatever the year
    assert country.next_migrant_estimate(project_tables, "SSD", 2003) == (
        2010,
        stock.loc[("SSD", 2010), "migrants"],
    )
