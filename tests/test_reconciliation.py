"""Published figures beside the figures computed from the current data."""

from pathlib import Path

import pandas as pd
import pytest

from analysis import config, notices
from analysis.reconciliation import GAZA_SHARE, counted_twice, reconcile
from analysis.sources.published import read_published_figures


def test_reconciliation_2016(project_figures):
    published = read_published_figures(config.RAW_DIR / "published_figures.csv")
    table = reconcile(published, project_figures(2016), 2016).set_index("figure")
    fd = table.loc["forcibly_displaced"]
    assert fd["published"] == 65_600_000
    assert fd["current"] == project_figures(2016)["forcibly_displaced"]
    assert fd["difference"] == fd["current"] - 65_600_000
    assert "revised" in fd["why"]
    assert table.loc["refugees_unhcr", "why"] == "the same"
    assert table.loc["resettled", "published"] == 189_300
    # UN DESA has no 2016 estimate: its mid-2015 one, beside 2015's first published (an
    # editor: the key finding compared 244 with 250 million, the table left them out)
    assert table.loc["migrant_stock", ["year", "published"]].tolist() == [2015, 244_000_000]
    assert table.loc["migrant_stock", "current"] == project_figures(2016)["migrant_stock"]
    # of another year, UN DESA's own first publication only: the issue brief's restating of
    # mid-2010's, which the text sets beside the revision, is not UN DESA's (a reviewer)
    table_2012 = reconcile(published, project_figures(2012), 2012)
    assert project_figures(2012)["migrant_stock_year"] == 2010
    assert not table_2012["figure"].isin(["migrant_stock", "women_share_of_migrants"]).any()


def test_reconciliation_compares_migrants_for_the_year_of_their_estimate():
    published = pd.DataFrame(
        {
            "figure": ["migrant_stock", "women_share_of_migrants"],
            "year": [2020, 2020],
            "value": [281_000_000, 0.481],
            "unit": ["people", "share"],
            "label": ["international migrants", "women among migrants"],
            "cited_as": ["UN DESA 2020", "UN DESA 2020"],
        }
    )
    computed = {"migrant_stock": 280_598_105, "women_share_of_migrants": 0.48091}
    same_year = reconcile(published, computed | {"migrant_stock_year": 2020}, 2020)
    assert list(same_year["why"]) == ["the same"] * 2
    other_year = reconcile(published, computed | {"migrant_stock_year": 2015}, 2020)
    assert other_year.empty  # 2020's published figures are not set beside mid-2015's
    later = reconcile(published, computed | {"migrant_stock_year": 2020}, 2023)
    assert list(later["year"]) == [2020, 2020]  # mid-2020's, in a 2023 edition


def test_rounds_to_the_published_precision():
    from analysis.reconciliation import rounds_to

    assert rounds_to(17_184_286, 17_200_000)
    assert rounds_to(280_598_105, 281_000_000)
    assert not rounds_to(64_173_700, 65_600_000)
    assert rounds_to(0.48091, 0.481) and not rounds_to(0.4828, 0.481)
    assert not rounds_to(172_797, 189_300)


def _total_and_parts(total: float, idps: float) -> pd.DataFrame:
    rows = {"forcibly_displaced": total, "refugees_unhcr": 20.7e6, "idps_conflict": idps}
    return pd.DataFrame(
        {
            "figure": list(rows),
            "year": 2020,
            "value": list(rows.values()),
            "unit": "people",
            "label": list(rows),
            "cited_as": "UNHCR Global Trends 2020",
        }
    )


def test_why_the_total_differs_is_read_from_its_published_parts():
    current = {"forcibly_displaced": 67.8e6, "refugees_unhcr": 20.7e6, "idps_conflict": 47.1e6}
    revised = reconcile(_total_and_parts(68.7e6, 48.0e6), current, 2020).set_index("figure")
    assert revised.at["forcibly_displaced", "why"] == (
        "its parts were revised since, most of all IDMC's estimate of people displaced inside "
        "their own country"
    )
    headline = reconcile(_total_and_parts(66.0e6, 47.1e6), current, 2020).set_index("figure")
    assert headline.at["forcibly_displaced", "why"] == (
        "the report's parts add up to the current figure; its total is not their sum"
    )
    unpublished_part = reconcile(
        _total_and_parts(66.0e6, 47.1e6), current | {"asylum_seekers": 4.1e6}, 2020
    ).set_index("figure")
    why = unpublished_part.at["forcibly_displaced", "why"]
    assert why == (  # the parts it lacks, named: "do not give the report's parts" read as none
        "each of its parts is revised every year; the published figures in use do not give "
        "all the report's parts (not asylum-seekers), so which moved most cannot be told"
    )


def test_a_group_the_report_did_not_count_is_told_with_the_revisions_of_the_others():
    """Global Trends 2018: its parts make its 70.8 million; the current data add 2.6 million
    other people in need, and revisions lowered the rest, so 72.6, not 73.4 million."""
    published = _total_and_parts(67.8e6, 47.1e6)
    current = {"forcibly_displaced": 70.4e6, "refugees_unhcr": 20.7e6, "idps_conflict": 47.1e6}
    uncounted = current | {"other_in_need": 2.6e6}
    why = reconcile(published, uncounted, 2020).set_index("figure").at["forcibly_displaced", "why"]
    assert why == (
        "the current data add other people in need of international protection, which that "
        "report did not count"
    )
    revised = uncounted | {"forcibly_displaced": 69.6e6, "idps_conflict": 46.3e6}
    why = reconcile(published, revised, 2020).set_index("figure").at["forcibly_displaced", "why"]
    assert why.endswith(
        "which that report did not count; revisions since lowered the other groups by 800,000"
    )


def test_a_published_share_is_shown_at_its_printed_precision():
    from analysis.reconciliation import show

    assert show(0.55, "share", as_published=True) == "55%"  # printed as 55%: not "55.0%"
    assert show(0.481, "share", as_published=True) == "48.1%"
    assert show(0.5507, "share") == "55.1%"  # current values keep one decimal
    assert show(65_600_000, "people", as_published=True) == "65.6 million"


def test_a_figure_the_report_qualified_is_shown_and_judged_as_it_printed_it():
    """The issue brief's "about half" of 2010 beside UN DESA's 48.8%: "about 50%", "about the
    same", not "50.0%" and "the same"; UN DESA's world count in whole millions."""
    from analysis.reconciliation import as_printed

    published = pd.DataFrame(
        {
            "figure": ["women_share_of_migrants", "migrant_stock"],
            "year": [2010, 2010],
            "value": [0.5, 214_000_000],
            "unit": ["share", "people"],
            "qualifier": ["about", float("nan")],
            "label": ["women", "migrants"],
            "cited_as": ["as stated in the issue brief"] * 2,
        }
    )
    current = {"women_share_of_migrants": 0.488, "migrant_stock": 221_020_392}
    table = reconcile(published, current | {"migrant_stock_year": 2010}, 2010)
    women, stock = (table.set_index("figure").loc[f] for f in published["figure"])
    assert women["why"] == "about the same" and stock["qualifier"] == ""
    over = published.head(1).assign(qualifier="over")  # "over 50%": 48.8% is not that
    assert reconcile(over, current, 2010)["why"].iloc[0] != "the same"
    assert reconcile(over, {"women_share_of_migrants": 0.52}, 2010)["why"].iloc[0] == "the same"
    assert as_printed(0.5, "share", "women_share_of_migrants", "about") == "about 50%"
    assert as_printed(221_020_392, "people", "migrant_stock", as_published=False) == "221 million"
    assert as_printed(4_184_926, "people", "asylum_seekers", as_published=False) == "4.2 million"


def test_a_round_published_count_is_read_at_the_precision_reports_print():
    from analysis.reconciliation import rounds_to

    assert not rounds_to(39_400_000, 40_000_000)  # "40.0 million", not "40 million"
    assert rounds_to(39_960_000, 40_000_000) and not rounds_to(5_500_000, 6_000_000)
    assert rounds_to(280_600_000, 281_000_000) and rounds_to(300_400_000, 300_000_000)


def test_people_in_two_groups_are_unrwa_share_of_the_displaced_in_palestine():
    """From 2023 UNHCR counts once the Palestine refugees also displaced inside Gaza; the
    estimate is UNRWA's published share (the nearest year's) of IDMC's displaced there."""
    published = pd.DataFrame(
        {"figure": [GAZA_SHARE], "year": [2024], "value": [0.7], "cited_as": ["UNHCR MYT"]}
    )
    idps = pd.DataFrame(
        {
            "year": [2022, 2023, 2024, 2024],
            "iso3": ["PSE", "PSE", "PSE", "SDN"],
            "idps_conflict": [12_000, 1_700_000, 2_000_000, 9_000_000],
        }
    )
    assert counted_twice(published, idps, 2022) is None  # UNHCR's totals did not remove them
    twice = counted_twice(published, idps, 2024)
    assert twice.people == pytest.approx(1_400_000) and twice.displaced == 2_000_000
    assert counted_twice(published, idps, 2023).people == pytest.approx(1_190_000)
    assert counted_twice(published.iloc[0:0], idps, 2024) is None  # no published share...
    assert any(GAZA_SHARE in m and "counts twice" in m for m in notices.issued())  # ...said
    assert counted_twice(published.assign(value=0.0), idps, 2024) is None  # a share of 0
    assert counted_twice(published, idps.iloc[0:1], 2024) is None  # no one displaced there


def test_a_count_is_set_against_unrwa_s_share_of_its_own_date_or_before():
    """A mid-2023 count came before the displacement in Gaza of October 2023: no one is
    taken off (the end-2023 share had been applied to it, and the total said to count them
    once "as UNHCR's headline does"). Later counts take the share nearest their date, not
    one estimated after it while an earlier one is there."""
    label = "share of the people internally displaced in the Gaza Strip who were ..., at {}"
    published = pd.DataFrame(
        {
            "figure": [GAZA_SHARE] * 2,
            "year": [2023, 2024],
            "value": [0.7, 0.6],
            "label": [label.format("end-2023"), label.format("mid-2024")],
            "cited_as": ["UNHCR RDF", "UNHCR MYT 2024"],
        }
    )
    idps = pd.DataFrame(
        {"year": [2023, 2024, 2025], "iso3": ["PSE"] * 3, "idps_conflict": [1_000_000] * 3}
    )
    with notices.collect() as said:
        assert counted_twice(published.iloc[0:0], idps, 2023, mid_year=True) is None
    assert not said  # no share missing: there is nobody to take off
    assert counted_twice(published, idps, 2023, mid_year=True) is None
    assert counted_twice(published, idps, 2023).share == 0.7  # end-2023: its own date
    assert counted_twice(published, idps, 2024, mid_year=True).share == 0.6  # mid-2024
    assert counted_twice(published, idps, 2024).share == 0.6  # end-2024: mid-2024, not later
    assert counted_twice(published, idps, 2025, mid_year=True).share == 0.6
    # a share estimated only after the count is the nearest there is
    assert counted_twice(published.iloc[1:], idps, 2023).share == 0.6
    # not after the count while an earlier share is there, though a later one is as near
    # and comes first: at mid-2024, end-2023's 0.7, not end-2024's 0.5 (of the same year)
    ends = published.assign(label=[label.format("end-2024"), label.format("end-2023")])
    ends = ends.assign(year=[2024, 2023], value=[0.5, 0.7])
    assert counted_twice(ends, idps, 2024, mid_year=True).share == 0.7
    # two shares of one date: the later published
    twins = ends.assign(label=label.format("end-2023"), year=2023, published=[2025, 2024])
    assert counted_twice(twins, idps, 2024).share == 0.5
    # a date after the label's words ("at mid-2024 (estimate)") is still its date
    dated = published.assign(label=[label.format("end-2023"), "…, at mid-2024 (estimate)"])
    assert counted_twice(dated, idps, 2024).when == "at mid-2024"
    # a label giving no date is taken as of its year's end, and said to be
    undated = published.assign(label=[label.format("end-2023"), "…, mid-year 2024"])
    with notices.collect() as said:
        assert counted_twice(undated, idps, 2024, mid_year=True).share == 0.7  # end-2023
    assert said == [
        f"published_figures.csv: {GAZA_SHARE} of 2024: no date in its label ('at mid-YYYY' or "
        "'at end-YYYY'): taken as of the end of its year"
    ]


def test_a_release_ending_at_mid_2023_counts_everyone_in_its_total(tmp_path):
    """A December 2023 release (its latest year at mid-2023): the edition's total is the sum
    of its parts, with no one said to be in two of them."""
    from conftest import release_ending

    from analysis import briefing

    edition = briefing.load_edition(release_ending(tmp_path, 2023, mid_year=True), 2023)
    assert edition.provisional and edition.figures["idps_conflict"]
    assert edition.displaced == edition.figures["forcibly_displaced"] and not edition.overlaps()


def test_published_total_counting_them_once_is_explained(project_tables, project_figures):
    """Global Trends 2024 printed 123.2 million, its parts 124.7 million: the difference is
    the people in two groups, which the current total then counts once too; 2023's parts
    were also revised."""
    published = project_tables.published
    for year in (2023, 2024):
        twice = counted_twice(published, project_tables.idps_conflict, year)
        row = reconcile(published, project_figures(year), year, twice.people)
        row = row.set_index("figure").loc["forcibly_displaced"]
        assert row["current"] == project_figures(year)["forcibly_displaced"] - twice.people
        assert row["why"].startswith("both totals count once the Palestine refugees also")
        assert ("revised since" in row["why"]) == (year == 2023)  # IDMC's 2023 estimate
        without = reconcile(published, project_figures(year), year).set_index("figure")
        assert "count once" not in without.at["forcibly_displaced", "why"]
    assert twice.row["year"] == 2024 and counted_twice(published, None, 2024) is None


def test_a_small_difference_is_not_shown_as_none():
    """123.2 million published, 123.25 now: +0.04%, not "+0.0%"."""
    from analysis.reconciliation import show_difference

    assert show_difference(50_000, 0.0004, "people") == "+0.04%"
    assert show_difference(0, 0.0, "people") == "none"
    assert show_difference(-1_400_000, -0.012, "people") == "−1.2%"
    assert show_difference(0.0004, 0.0005, "share") == "+0.04 points"  # not "+0.0 points"
    assert show_difference(-0.013, -0.02, "share") == "−1.3 points"
    # 123.2 million published, 123,251,473 now: not "about +0.0%" beside figures that differ
    assert show_difference(51_473, 0.0004, "people", rounded=True) == "under +0.1%"
    assert show_difference(0.0, 0.0, "share") == "none"
    assert show_difference(1, 0.00001, "people") == "+<0.01%"
    assert show_difference(1e9, 10.5, "people") == "+1,050.0%"  # a value typed in millions
    # beside "the same", no "+0.1%"; from a count printed as "4.2 million", no "−1.2%"
    assert show_difference(30_000, 0.001, "people", same=True) == "within rounding"
    assert show_difference(0, 0.0, "people", same=True) == "none"
    assert show_difference(-50_000, -0.012, "people", rounded=True) == "about −1%"
    assert show_difference(-10_000, -0.005, "people", rounded=True) == "about −0.5%"
    assert show_difference(0, 0.0, "people", same=True, rounded=True) == "none"


def test_a_later_revision_s_figure_is_not_taken_for_the_first_published():
    """UN DESA's 2024 revision gives 275 million for 2020; the 2020 revision first published
    281 million: the table sets the current figure beside the first, once."""
    import pandas as pd

    from analysis.reconciliation import first_published

    rows = pd.DataFrame(
        [
            ("migrant_stock", 2020, 281e6, "UN DESA International Migrant Stock 2020", 2020),
            ("forcibly_displaced", 2020, 82.4e6, "UNHCR Global Trends 2020", 2021),
            ("migrant_stock", 2020, 275e6, "UN DESA International Migrant Stock 2024", 2024),
            ("migrant_stock", 2020, 280e6, "as stated in the issue brief", float("nan")),
        ],
        columns=["figure", "year", "value", "cited_as", "published"],
    )
    kept = first_published(rows)
    assert kept["cited_as"].tolist() == [
        "UN DESA International Migrant Stock 2020",
        "UNHCR Global Trends 2020",
    ]


def test_a_count_just_above_its_rounded_down_publication_is_said_so():
    """Global Trends printed 73.5 million internally displaced where the data hold 73,573,201:
    more than 73.5 million rounds from but less than its rounding step above: cut or revised,
    no guess at which; nor that the report
    "rounded down" (a count of 4.18 million rounds to 4.2, not 4.1); a count below the
    published one is not one the report cut."""
    from analysis.reconciliation import REASONS

    published = pd.DataFrame(
        {
            "figure": ["idps_conflict", "asylum_seekers"],
            "year": 2024,
            "value": [73_500_000, 4_200_000],
            "unit": "people",
            "label": ["internally displaced", "asylum-seekers"],
            "cited_as": "UNHCR Global Trends 2024",
        }
    )
    computed = {"idps_conflict": 73_573_201, "asylum_seekers": 4_149_600}
    why = reconcile(published, computed, 2024).set_index("figure")["why"]
    assert why["idps_conflict"] == (
        "73.57 million now, which does not round to the report's 73.5 million; the data do "
        "not say why"
    )
    assert (
        why["asylum_seekers"]
        == REASONS["asylum_seekers"]
        == ("revised since; the data do not say why")
    )


def test_venezuelans_displaced_abroad_are_compared_with_other_people_in_need():
    """Global Trends 2019 to 2021 published the category under its earlier name."""
    published = pd.DataFrame(
        {
            "figure": ["venezuelans_displaced_abroad"],
            "year": [2019],
            "value": [3_600_000],
            "unit": ["people"],
            "label": ["Venezuelans displaced abroad"],
            "cited_as": ["UNHCR Global Trends 2019"],
        }
    )
    (row,) = reconcile(published, {"other_in_need": 3_581_300}, 2019).itertuples()
    assert (row.published, row.current, row.why) == (3_600_000, 3_581_300, "the same")


def test_a_published_count_typed_a_zero_out_is_refused_before_any_kernel(tmp_path, capsys):
    """Global Trends 2024's 123.2 million typed 1232000000 printed "(UNHCR Global Trends 2024:
    1.2 billion)" and "UNHCR's headline rose 950%", exit 0; UN DESA's 304 million typed
    3040000000, "about −90%", "each revision re-estimates the series"."""
    import shutil

    from analysis import config
    from analysis.cli import main

    raw = Path(shutil.copytree(config.RAW_DIR, tmp_path / "raw"))
    path = raw / "published_figures.csv"
    text = path.read_text(encoding="utf-8")
    assert "\nforcibly_displaced,2024,123200000," in text
    path.write_text(
        text.replace(
            "\nforcibly_displaced,2024,123200000,", "\nforcibly_displaced,2024,1232000000,"
        )
    )
    out = tmp_path / "out"
    assert (
        main(
            [
                "report",
                "--year",
                "2024",
                "--formats",
                "html",
                "--raw-dir",
                str(raw),
                "--out",
                str(out),
            ]
        )
        == 2
    )
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: {path}: forcibly_displaced of 2024: 1,232,000,000 published, against "
        f"{project_total_2024():,.0f} in the current data: a zero too many or too few?"
    )
    assert not (out / "2024").exists()


def project_total_2024() -> float:
    from analysis.processed import load_tables
    from analysis.reconciliation import counted_twice

    tables = load_tables("")
    twice = counted_twice(tables.published, tables.idps_conflict, 2024)
    total = tables.totals.set_index("year").at[2024, "forcibly_displaced"]
    return total - (twice.people if twice else 0)


def test_a_count_printed_with_two_decimals_is_quoted_so_and_the_current_one_beside_it():
    """Mid-Year Trends 2025's 8.42 million asylum-seekers read "8.4 million", beside "9.0
    million" (reviewers)."""
    from analysis.reconciliation import as_printed

    assert as_printed(8_420_000, "people", "asylum_seekers") == "8.42 million"
    current = as_printed(8_998_097, "people", "asylum_seekers", as_published=False,
                         beside=8_420_000)  # fmt: skip
    assert current == "9.00 million"
    assert as_printed(31_000_000, "people", "refugees_unhcr") == "31.0 million"
    assert as_printed(30_958_200, "people", "x", as_published=False, beside=31e6) == "31.0 million"
