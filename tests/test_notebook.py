"""The briefing notebook as a document: runs under papermill from any folder, with
parameters (the run from notebooks/ with its defaults, as Jupyter's Run All does, is in
test_report.py); its prose sits in Markdown cells."""

import io
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import papermill
import pytest
from pypdf import PdfReader

from analysis import briefing, config, numbers, wording
from analysis.reconciliation import GAZA_SHARE
from analysis.sources.published import read_published_figures

NOTEBOOK = config.NOTEBOOKS_DIR / "briefing.ipynb"


def _cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


HOSTILE = "Türkiye <script>alert(1)</script> *bold* [link](http://x)"


def test_runs_under_papermill_from_another_folder(tmp_path, project_population):
    """From any folder, with parameters; here on a Refugee Data Finder download aggregated
    by country of asylum and without the stateless and other-people-in-need columns (so no
    forcibly displaced total from 2018, when UNHCR began counting the latter: 2016's is
    given), in a raw folder without UN DESA's workbook, so the text must say what is
    missing instead of failing; and
    with a country name full of markup, which every output must show as plain text."""
    from conftest import make_raw_dir, rdf_layout, write_rdf_csv

    from analysis.render import pdf_bytes, to_html, to_slides

    raw = make_raw_dir(tmp_path / "raw")
    shutil.rmtree(raw / "undesa")  # and no UN DESA workbook: no migrant figures
    download = rdf_layout(project_population, "asylum").drop(
        columns=["Stateless persons", "Other people in need of international protection"]
    )
    write_rdf_csv(raw / "unhcr" / "by_asylum.csv", download)
    countries = raw / "unhcr" / "countries.csv"
    countries.write_text(countries.read_text().replace(",Türkiye,", f",{HOSTILE},"))
    executed = papermill.execute_notebook(
        NOTEBOOK,
        tmp_path / "run.ipynb",
        parameters={"year": 2016, "raw_dir": str(raw)},
        cwd=tmp_path,
        kernel_name="python3",
        progress_bar=False,
        request_save_on_cell_execute=False,  # saved once, at the end
        shutdown_kernel="immediate",  # as the report does: no 2.5 s wait for a slow exit
    )
    text = json.dumps(executed.cells, ensure_ascii=False)
    assert "hosted more refugees than any" in text  # 2016 counts no other people in need
    # the download has no column for them: said so, not that the data hold none that year
    assert "the population file in use has no column for the latter" in text
    assert "cannot show where refugees come from" in text
    assert "holds no figures for stateless persons" in text
    assert "chart-top_hosts" in text and "chart-top_origins" not in text
    assert "people were forcibly displaced worldwide" in text  # none in need counted in 2016
    assert "The total for 2025 cannot be computed: a part of it is missing" in text
    assert "chart-displacement_trend" in text
    assert "Other people in need" not in _trend_alt(text)  # none in any year it stacks
    assert "holds no UN DESA workbook, so this briefing has no figures on international" in text
    assert "chart-migrant_stock" not in text and "chart-hosts_per_1000" not in text
    # 2016's other people in need are none (counted from 2018), not figures the data lack
    assert "data hold no figures that year for other people in need of international" not in text
    for page in (to_html(executed, title="t"), to_slides(executed, title="t")):
        assert "<script>alert" not in page and "<strong>bold" not in page
        assert "<em>bold" not in page and 'href="http://x' not in page
        assert "*bold*" in page and "&lt;script&gt;" in page
    # The PDF: printed from the cells that show the name (the whole page takes seconds)
    showing = [
        cell
        for cell in executed.cells
        if "Türkiye <script>" in json.dumps(cell.get("outputs", []), ensure_ascii=False)
    ]
    assert showing
    excerpt = nbformat.v4.new_notebook(cells=showing, metadata=executed.metadata)
    pdf = PdfReader(io.BytesIO(pdf_bytes(to_html(excerpt, title="t"))))
    printed = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "<script>alert(1)</script> *bold* [link](http://x)" in printed


def _trend_alt(text: str) -> str:
    """The trend chart's alt text, from the executed cells' JSON."""
    return text.split("Stacked area chart, ", 1)[1].split('\\"', 1)[0]


def test_prose_in_markdown_and_analysis_steps_visible():
    cells = _cells()
    markdown = [c for c in cells if c.cell_type == "markdown"]
    words = sum(len(c.source.split()) for c in markdown)
    assert words > 1500  # the fixed prose lives in the notebook, not in the package
    steps = [c for c in cells if "analysis-step" in c.metadata.get("tags", [])]
    assert sum(".query(" in c.source for c in steps) >= 3  # select the year, group, rank
    assert any("try-it" in c.metadata.get("tags", []) for c in cells)


def test_stored_without_outputs():
    assert all(
        not c.get("outputs") and not c.get("execution_count")
        for c in _cells()
        if c.cell_type == "code"
    )


def test_the_trend_cells_of_data_without_any_total(tmp_path):
    """Without IDMC's table no year has a total: the trend's table of the years the text
    compares failed with "index 0 is out of bounds" before the text said why."""
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    (raw / "unhcr" / "idmc.csv").unlink()
    (text,) = _run_cells(raw, tmp_path, ["trend = briefing"])
    assert "forcibly displaced total" in text


def test_the_trend_cell_of_a_year_without_a_total(tmp_path):
    """UNRWA's table without 2024 (a year every other table holds): the trend cell failed
    with KeyError: 2024. Its own code is run, after the cells that load the edition. The
    solutions table without 2024 left resettlement out without a word."""
    import gzip

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    unrwa = raw / "unhcr" / "unrwa.csv"
    lines = unrwa.read_text().splitlines()
    unrwa.write_text("\n".join(line for line in lines if not line.startswith("2024,")) + "\n")
    solutions = raw / "unhcr" / "solutions.csv.gz"
    lines = gzip.decompress(solutions.read_bytes()).decode().splitlines()
    kept = "\n".join(line for line in lines if not line.startswith("2024,")) + "\n"
    solutions.write_bytes(gzip.compress(kept.encode()))
    starts = ["findings = [", "parts = briefing.GROUP", "stateless = (", "trend = briefing"]
    starts.append("md(briefing.sources_text")
    _, glance, resettlement, text, sources = _run_cells(raw, tmp_path, starts)
    assert "For 2024, the data in use have no figures for Palestine refugees under UNRWA" in glance
    assert "The total for 2024 cannot be computed: a part of it is missing" in text
    # no chart is drawn for a year without a total: the text names none
    assert "years the sums of the groups count them twice." in text
    assert "chart" not in text
    assert "to about 116.4 million in 2023 (UNHCR" in text  # to the year before, as published
    # an estimate ("about"): the report of UNRWA's share it rests on is among the references
    published = read_published_figures(raw / "published_figures.csv")
    (report, cited) = published.loc[
        (published["figure"] == GAZA_SHARE) & (published["year"] == 2023), ["title", "cited_as"]
    ].iloc[0]
    assert f"*{report}*" in sources
    assert f"(on UNRWA's share of them: {cited} for 2023" in text  # and the text names it
    assert "The solutions table in use holds no resettlement figures for 2024." in resettlement


def test_a_later_year_s_published_total_is_explained_in_the_trend(tmp_path):
    """A 2017 briefing on a release ending in 2018 set "72.6 million (UNHCR Global Trends
    2018: 70.8 million)" side by side with no word on the 2.6 million other people in need
    of international protection its report did not count."""
    from conftest import release_ending

    raw = release_ending(tmp_path, 2018, mid_year=False)
    (text,) = _run_cells(raw, tmp_path, ["trend = briefing"], 2017)
    assert (
        "By the end of 2018, the latest complete year, the total was 72.6 million (UNHCR Global "
        "Trends 2018: 70.8 million, without the 2.6 million other people in need of "
        "international protection counted since, and before other revisions)."
    ) in text


def test_a_mid_year_edition_s_trend_explains_the_published_total_it_ends_on(tmp_path):
    """A release ending at mid-2019: the trend runs to 2018, "to 72.6 million in 2018 (UNHCR
    Global Trends 2018: 70.8 million)", with no word on the other people in need that report
    did not count."""
    from conftest import release_ending

    raw = release_ending(tmp_path, 2019, mid_year=True)
    _, text = _run_cells(raw, tmp_path, ["findings = [", "trend = briefing"], 2019)
    assert (
        "to 72.6 million in 2018 (UNHCR Global Trends 2018: 70.8 million, without the 2.6 "
        "million other people in need of international protection counted since, and before "
        "other revisions)"
    ) in text


def test_a_year_before_unhcr_counted_stateless_people_says_no_count(tmp_path):
    """2003: the release gives 0 stateless people in every row (the count starts in 2004);
    the figures say null, and the text says the data hold no count, not that there were
    none."""
    starts = ["findings = [", "parts = briefing.GROUP", "stateless = ("]
    *_, stateless = _run_cells(config.RAW_DIR, tmp_path, starts, 2003)
    assert (  # and from when (a designer: the asylum-seekers' year was given, not theirs)
        "The data hold no count of stateless people for 2003 (counted in UNHCR's data from 2004)"
    ) in stateless
    assert "stateless people in" not in stateless


def test_the_year_a_group_is_first_counted_gives_the_change_without_it_in_one_sentence(
    tmp_path,
):
    """2018 read "7% higher than 2017's (67.9 million) (3% higher than 2017's without the
    other people in need ...)": two brackets in a row, once the year before's total was
    given beside it (an editor)."""
    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["trend = briefing"], 2018)
    assert "; without the other people in need of international protection, first counted " in (
        text
    )
    assert ") (" not in text


def test_a_year_set_against_one_of_idmc_s_other_kind_of_figure_says_so(tmp_path):
    """2009 "counted 2% fewer than 2008": IDMC's world total of 2008 against the sum of its
    country estimates of 2009; the other groups rose."""
    from analysis.briefing import load_edition

    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["trend = briefing"], 2009)
    trend = briefing.trend_table(load_edition("", 2009, 10, 0))
    others = trend.drop(columns="idps_conflict").sum(axis=1)
    change = wording.more_or_fewer(others[2009], others[2008], "2008's", wording.HIGHER)
    assert (
        "The two years do not compare exactly: IDMC's figure for 2008 is its world total for "
        "internal displacement, for 2009 the sum of its country estimates. Without the "
        f"internally displaced, the 2009 total was {change}."
    ) in text
    assert change == "1% higher than 2008's"
    # the year before's total as recomputed, beside it (an editor)
    assert (
        f"On the current data, the 2009 total was 2% lower than 2008's "
        f"({numbers.people(trend.sum(axis=1)[2008])})."
    ) in text


@pytest.mark.parametrize("year", [2011, 2022])
def test_the_trend_says_where_its_ends_do_not_compare_and_the_rates_name_both_counts(
    tmp_path, year
):
    """2011: "rose from 38.1 million in 2000 to 38.5 million" set IDMC's world total of 2000
    against a sum of country estimates, and hid the 42.7 million of 2007. 2020-2022: Aruba
    came first per 1,000 inhabitants on Venezuelans counted as other people in need;
    Lebanon came first on refugees, as Global Trends says. 2022 lies midway between UN
    DESA's estimates of 2020 and 2024: it takes 2020's, the latest not after it, as the
    figures' contract says, and gives mid-2024's beside it as of a later date."""
    from analysis.briefing import load_edition

    starts = ["hosts = tables.by_asylum", 'if f["top_hosts_per_1000"]:\n    per_1000']
    starts += ["world = briefing.world_migrants", 'if f["migrant_stock"] is None:']
    starts += ["with_oip = tables.totals", "trend = briefing"]
    _, rates, _, migrants, basis, text = _run_cells(config.RAW_DIR, tmp_path, starts, year)
    if year == 2022:  # a later edition: since that report
        assert "as UNHCR's Global Trends has done since its report on 2019 (which" in basis
    nearest = {
        2011: "at mid-2010 (its last estimate before 2011; it makes none for that year)",
        2022: "at mid-2020 (its last estimate before 2022; it makes none for that year)",
    }
    assert nearest[year] in migrants
    # the next estimate, of a later date, is given beside it: not taken for the edition's
    nearer = {2011: "for mid-2015, is 250 million", 2022: "for mid-2024, is 304 million"}
    assert f"UN DESA's next estimate, {nearer[year]}." in migrants
    assert (
        "The two ends do not compare exactly: until 2008 the data hold IDMC's world total for "
        "internal displacement, from 2009 the sum of its country estimates."
    ) in text
    edition = load_edition("", year, 10, 0)
    totals = edition.counted_once(briefing.trend_table(edition).sum(axis=1))
    between = totals[(totals.index > 2000) & (totals.index < year)]
    peaked = f"Its highest from 2000 to {year} was {numbers.people(between.max())}, in "
    peaked += f"{between.idxmax()}."
    assert (peaked in text) == (year == 2011)
    alone = "counting refugees alone, Lebanon came first"
    assert (alone in rates) == (year == 2022)
    if year == 2022:  # next after Aruba, with its rate: not given twice in two sentences
        assert "; next came Lebanon, with " in rates and f"{alone}." in rates
    # Aruba counted no refugees: all, not most, were other people in need
    assert ("All of the people Aruba hosted were other people in need" in rates) == (year == 2022)


def test_un_desa_s_latest_estimate_before_a_later_edition_is_said_to_be_its_latest(tmp_path):
    """Mid-2025: "at mid-2024 (its last estimate before 2025, for which it makes none)" read
    as if later estimates were left aside; there are none (an editor)."""
    starts = ["world = briefing.world_migrants", 'if f["migrant_stock"] is None:']
    starts += ["findings = [", "parts = briefing.GROUP", "trend = briefing"]
    _, migrants, _, glance, trend = _run_cells(config.RAW_DIR, tmp_path, starts, 2025)
    assert "at mid-2024 (its latest estimate; it makes none for 2025)" in migrants
    # the hosts that counted other people in need for the first time: said at a glance, not
    # again in the trend's mid-year change when that is the edition's own year (a reviewer)
    first_time = "for the first time at mid-2025; the same countries counted"
    assert first_time in glance and first_time not in trend


def test_the_rankings_basis_says_since_when_and_the_first_time_in_its_own_year(tmp_path):
    """The 2019 edition said UNHCR's Global Trends had ranked so "since its report on 2019".
    Its rates per 1,000 named Aruba second without a word that none of its people were
    refugees (the note was given only for a first host)."""
    starts = ["hosts = tables.by_asylum", 'if f["top_hosts_per_1000"]:\n    per_1000']
    _, rates, basis = _run_cells(
        config.RAW_DIR, tmp_path, [*starts, "with_oip = tables.totals"], 2019
    )
    assert "as UNHCR's Global Trends did for the first time in its report on 2019 (which " in (
        basis
    )
    assert "; next came Aruba, with 155, all of them other people in need of international " in (
        rates
    )


def test_an_edition_of_the_early_2000s_draws_its_trends_from_ten_years_before(
    tmp_path, reference_dir
):
    """On the full release (from 1951), the 2001 edition's share hosted in developing
    regions was a line of two points, 2000 and 2001; it now runs from 1991."""
    starts = ["# the trend from `trend_from`", "if len(developing_share) > 1"]
    _, chart = _run_cells(reference_dir, tmp_path, starts, 2001)
    assert "1991 to 2001" in chart and "2000 to 2001" not in chart


def test_global_trends_ranking_on_both_groups_is_said_only_once_a_report_at_hand_does(tmp_path):
    """On a release of December 2019, before Global Trends 2019, the 2016 edition said
    "UNHCR's Global Trends now ranks countries on refugees together with other people in
    need", and that its "recent reports count low- and middle-income countries": no report
    at hand did yet (a tester of other releases)."""
    from conftest import release_ending

    basis = ["findings = [", "with_oip = tables.totals"]
    found_now, now = _run_cells(config.RAW_DIR, tmp_path, basis, 2016)
    found_then, then = _run_cells(
        release_ending(tmp_path, 2019, mid_year=True), tmp_path, basis, 2016
    )
    # nor that Global Trends counts low- and middle-income countries: from its report on 2021
    income = "UNHCR's Global Trends counts low- and middle-income countries instead (since its "
    assert income in found_now and income not in found_then
    assert (
        "UNHCR's Global Trends ranks countries on refugees together with other people in need of "
        "international protection (since its report on 2019), but the data hold none for 2016"
    ) in now
    assert "Global Trends" not in then
    assert (
        "This briefing ranks countries on refugees together with other people in need of "
        "international protection where the data count them, but the data hold none for 2016 "
        "(they count them from 2018)"
    ) in then


def test_only_the_latest_editions_tell_the_mid_year_change(tmp_path, reference_dir):
    """The 2013, 2020 and 2023 editions carried mid-2025's change since the end of 2024 whole
    (an editor); then every edition up to 2000, whose trend begins with it, still did (a
    reviewer). An earlier edition names the mid-year figure alone."""
    change = "Set against the end of 2024, that is "
    for raw, year, told in [
        (reference_dir, 1995, False),
        (config.RAW_DIR, 2023, False),
        (config.RAW_DIR, 2024, True),
    ]:
        (tmp_path / str(year)).mkdir()
        text = " ".join(_run_cells(raw, tmp_path / str(year), ["trend = briefing"], year))
        assert "at mid-2025, is provisional." in text
        assert (change in text) is told, year


def test_rates_per_1000_lead_in_the_text_as_in_the_chart_s_title(tmp_path, project_tables):
    """Mid-2025: the text ranked Aruba first (106 per 1,000, its end-2024 count carried
    forward) while the chart's title led with Lebanon (an editor). Both lead with the first
    rate on a count of the edition's date, and say whose rate above it is not."""
    year = max(project_tables.provisional_years)
    edition = briefing.load_edition("", year)
    assert edition.per_1000_lead > 0
    first, ahead = edition.per_1000[edition.per_1000_lead], edition.per_1000[0]
    starts = ["hosts = tables.by_asylum", 'if f["top_hosts_per_1000"]:\n    per_1000']
    text = _run_cells(config.RAW_DIR, tmp_path, starts, year)[1]
    assert f"the order changes: {wording.the(first['name'])} hosted " in text
    assert f"{ahead['name']}'s {numbers.rate(ahead['per_1000'])} is on its end" in text
    assert f"{year - 1} count, carried forward); next came " in text
    assert briefing.per_1000_chart(edition).title.startswith(
        f"{wording.capitalized(wording.the(first['name']))} hosted"
    )


@pytest.mark.parametrize(
    ("year", "lacking"),
    [
        (1991, "asylum-seekers (counted in UNHCR's data from 1993)"),
        (
            1985,
            "people displaced inside their own country by conflict and violence (IDMC's "
            "estimates begin in 1990) or asylum-seekers (counted in UNHCR's data from 1993)",
        ),
    ],
)
def test_an_edition_before_asylum_seekers_were_counted_says_so(
    tmp_path, reference_dir, year, lacking
):
    """1991: "0 asylum-seekers awaited a decision on their claim" (a hostile tester). UNHCR's
    data count them from 1993: the glance says so, and gives no total. 1985's "no figures
    for people displaced ... and asylum-seekers, whom UNHCR's data count from 1993" dated
    IDMC's estimates by UNHCR's count (a designer), and its key findings said nothing of a
    total."""
    findings, glance = _run_cells(
        reference_dir, tmp_path, ["findings = [", "parts = briefing.GROUP"], year
    )
    assert (
        f"For {year}, the data in use have no figures for {lacking}. The number of forcibly "
        f"displaced people at the end of {year} therefore cannot be given."
    ) in glance
    assert "0 asylum-seekers" not in glance
    assert (
        f"The data in use give no total of forcibly displaced people at the end of {year}: "
        f"they have no figures for {lacking.split(' (')[0]}"
    ) in findings


def test_a_year_s_change_made_by_one_country_s_count_says_so(tmp_path, project_tables):
    """2011 "counted 6% fewer than 2010", with no word that Sudan's internally displaced
    alone fell by more than the whole (4.8 to 2.2 million, IDMC)."""
    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["trend = briefing"], 2011)
    idps = project_tables.idps_conflict.query("iso3 == 'SDN'").set_index("year")
    fell = idps.at[2010, "idps_conflict"] - idps.at[2011, "idps_conflict"]
    totals = project_tables.totals.set_index("year")["forcibly_displaced"]
    assert (
        f"Sudan's internally displaced alone fell by {numbers.people(fell)} (IDMC), against a "
        f"fall of {numbers.people(totals[2010] - totals[2011])} in all."
    ) in text
    # a total that barely moved is put down to no one (2010: "about as many as 2009")
    edition = briefing.load_edition("", 2010, 10, 0)
    assert briefing.change_made_by(edition, totals[2010] - totals[2009]) == ""
    # 2012 "was 11% higher than 2011's", with no word that more than half of the rise was
    # the Syrian Arab Republic's internally displaced (0.6 to 3.0 million, IDMC)
    syria = project_tables.idps_conflict.query("iso3 == 'SYR'").set_index("year")["idps_conflict"]
    rose, change = syria[2012] - syria[2011], totals[2012] - totals[2011]
    assert 0.5 < rose / change < 1
    assert briefing.change_made_by(briefing.load_edition("", 2012, 10, 0), change) == (
        f" The Syrian Arab Republic's internally displaced rose by {numbers.people(rose)} "
        f"(IDMC), {numbers.share(rose / change)} of the rise of {numbers.people(change)} in all."
    )
    # 2017: the Democratic Republic of the Congo's internally displaced rose by 2.3 million,
    # "60% of the rise of 3.7 million in all", while all internally displaced rose by 0.5
    # million (falls elsewhere): its rise is not what moved the total, and is not said so
    idps = project_tables.idps_conflict.pivot_table(
        index="iso3", columns="year", values="idps_conflict", aggfunc="sum"
    )
    congo = idps.at["COD", 2017] - idps.at["COD", 2016]
    assert congo > (totals[2017] - totals[2016]) / 2 > idps[2017].sum() - idps[2016].sum() > 0
    assert (
        briefing.change_made_by(briefing.load_edition("", 2017, 10, 0), totals[2017] - totals[2016])
        == ""
    )


def test_a_change_made_by_idmc_s_world_estimate_is_said(tmp_path, project_tables):
    """2001: the total rose from 38.1 to 42.0 million, nearly all of it IDMC's world estimate
    of the internally displaced (21.2 to 25.0 million), while refugees held steady; the trend
    said nothing of it, as IDMC gave no figures by country to name."""
    totals = project_tables.totals.set_index("year")
    idps = totals["idps_conflict"]
    rose, change = (
        idps[2001] - idps[2000],
        totals.at[2001, "forcibly_displaced"] - totals.at[2000, "forcibly_displaced"],
    )
    said = (
        f"IDMC's world estimate of the internally displaced rose by {numbers.people(rose)}, "
        f"{numbers.share(rose / change)} of the rise of {numbers.people(change)} in all."
    )
    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["trend = briefing"], 2001)
    assert said in text


def test_a_fall_among_the_largest_origins_is_set_beside_the_returns_home(tmp_path):
    """2002: "The number from Afghanistan fell from 3.8 million in 2001 to 2.5 million; 971,300
    of that fall was counted in Pakistan", with no word of the refugees the data record
    returning to Afghanistan that year, which the fall was mostly."""
    starts = ["with_oip = ", "hosts = tables.by_asylum", "told = set()"]
    starts += ["origins = tables.by_origin", "if top_origins.empty and"]
    *_, origins = _run_cells(config.RAW_DIR, tmp_path, starts, 2002)
    raw = pd.read_csv(config.RAW_DIR / "unhcr/population.csv.gz", na_values="-")
    back = raw.query("year == 2002 and coo_iso == 'AFG'")["returned_refugees"].sum()
    assert "The number from Afghanistan fell from " in origins
    assert (
        f"UNHCR's figures record {numbers.people(back)} refugees returning to Afghanistan "
        "that year."
    ) in origins


def test_a_change_told_among_the_hosts_is_not_told_again_among_the_origins(tmp_path):
    """2014: Türkiye's rise was mostly Syrians. Told among the hosts, it was told again among
    the origins once the regions' cell reused the name of the set of pairs told."""
    starts = [
        "with_oip = ",
        "hosts = tables.by_asylum",
        "told = set()",
        "if not top_hosts.empty:\n    by_region",
        'm49_apart = ""  # the hosts UNHCR',
        "origins = tables.by_origin",
        "if top_origins.empty and",
    ]
    _, _, hosts, _, regions, _, origins = _run_cells(config.RAW_DIR, tmp_path, starts, 2014)
    assert "The number Türkiye hosted rose from " in hosts
    assert "people from the Syrian Arab Republic accounted for " in hosts
    # Türkiye's Syrians were most of the Syrians' rise abroad: perhaps a new count there too
    assert "do not say how much of it was arrivals and how much a new count." in hosts
    assert "counted in Türkiye" not in origins and "The number from the Syrian" not in origins
    assert "Under M49, Türkiye" in regions
    # a named region holding people mostly from one origin, or two, says so (Europe in 2014,
    # the Americas from 2019: Venezuelans), counted here from the raw extract
    raw = pd.read_csv(config.RAW_DIR / "unhcr/population.csv.gz", na_values="-")
    region = pd.read_csv(config.RAW_DIR / "unhcr/countries.csv").set_index("iso_code")
    rows = raw[(raw["year"] == 2014) & raw["coa_iso"].isin(region.index)]
    rows = rows.assign(people=rows[["refugees", "oip"]].fillna(0).sum(axis=1))
    rows = rows.assign(region=rows["coa_iso"].map(region["unhcr_region"]))
    of_text = {r.lower().removeprefix("the "): r for r in region["unhcr_region"].dropna().unique()}
    named = re.search(r"hosted in (.+?) \(\d+%\), (.+?) \(\d+%\) and (.+?) \(", regions)
    for name in named.groups():
        in_region = rows[rows["region"] == of_text[name.lower().removeprefix("the ")]]
        by_origin = in_region.groupby("coo_iso")["people"].sum().sort_values(ascending=False)
        said = f"Of those hosted in {name}, " in regions or f"; in {name}, " in regions
        mostly = by_origin.iloc[0] > by_origin.sum() / 2
        assert said == (mostly or by_origin.head(2).sum() > by_origin.sum() * 2 / 3), name


def test_figures_of_another_date_are_said_to_be_left_out(tmp_path, project_population):
    """A download of May 2025 gives 2024 at mid-year beside year-end tables: the text said
    a part of the total was "missing from the data in use", and nothing of resettlement."""
    from conftest import rdf_layout, write_rdf_csv

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    (raw / "unhcr/population.csv.gz").unlink()
    recent = project_population[project_population["year"].between("2020", "2024")]
    preamble = "Extracted on: 10 May 2025\n\n"
    write_rdf_csv(raw / "unhcr/population.csv", rdf_layout(recent), preamble=preamble)
    starts = ["findings = [", "parts = briefing.GROUP", "stateless = (", "trend = briefing"]
    findings, glance, solutions, trend = _run_cells(raw, tmp_path, starts)
    assert (  # not "they have no figures for" them, against the glance (a reviewer)
        "The data in use give no total of forcibly displaced people at mid-2024: the "
        "figures for Palestine refugees under UNRWA's mandate and people displaced inside "
        "their own country by conflict and violence are of another date."
    ) in findings.replace("\\u2019", "'")
    assert "The figures for Palestine refugees under UNRWA" in glance
    assert "are left out for 2024: their tables give them at another date" in glance
    assert "The data in use count " in glance and "They count" not in glance
    assert "Resettlement for 2024 is left out" in solutions
    assert "cannot be computed: a part of it is left out, given at another date" in trend
    assert "missing from the data in use" not in glance + trend
    # and the chart's title says so too (it said "the data hold no figures for" them)
    from analysis.briefing import glance_chart, load_edition

    title = glance_chart(load_edition(raw, 2024)).title
    assert title.endswith(
        "; Palestine refugees under UNRWA's mandate and people displaced inside their own "
        "country by conflict and violence are left out (their tables give them at another date)"
    )


def _run_cells(raw: Path, tmp_path: Path, starts: list[str], year: int = 2024) -> list[str]:
    """Run the parameters cell, the cell loading the edition and the cells whose sources
    start with ``starts`` (the trend's: its text cells too, up to its chart) on ``raw`` for
    ``year``; the outputs of each cell asked for, as text (the trend's: its texts')."""
    cells = _cells()
    loading = next(i for i, c in enumerate(cells) if "load_edition(" in c.source)
    picked = [next(i for i, c in enumerate(cells) if c.source.startswith(s)) for s in starts]
    chart = next(i for i, c in enumerate(cells) if "briefing.trend_chart(" in c.source)
    trend = [s.startswith("trend = briefing") for s in starts]  # and its text cells
    runs = [list(range(i, chart)) if t else [i] for i, t in zip(picked, trend, strict=True)]
    trimmed = nbformat.v4.new_notebook(
        cells=[cells[0], cells[loading], *[cells[i] for run in runs for i in run]],
        metadata=nbformat.read(NOTEBOOK, as_version=4).metadata,
    )
    nbformat.write(trimmed, tmp_path / "trimmed.ipynb")
    executed = papermill.execute_notebook(
        tmp_path / "trimmed.ipynb",
        tmp_path / "run.ipynb",
        parameters={"year": year, "raw_dir": str(raw)},
        cwd=config.NOTEBOOKS_DIR,
        kernel_name="python3",
        progress_bar=False,
        shutdown_kernel="immediate",
    )
    outputs = iter(executed.cells[3:])
    texts = [[json.dumps(next(outputs).outputs, ensure_ascii=False) for _ in r] for r in runs]
    return [" ".join(text[1:]) if len(text) > 1 else text[0] for text in texts]


@pytest.mark.parametrize("name", ["briefing.ipynb", "country_brief.ipynb"])
def test_the_document_s_cells_need_nothing_a_slides_only_cell_defines(name):
    """The remittances and cooperatives text read figures a slides-only cell looked up
    (a teacher's reading): the page's steps must stand without the slides' cells."""
    import ast

    defined_in: dict[str, bool] = {}  # name -> last defined in a slides-only cell
    for cell in nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        tree = ast.parse(cell.source)
        nodes = list(ast.walk(tree))
        stored = {n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        slides_only = "slides-only" in cell.metadata.get("tags", [])
        if not slides_only:
            loaded = {
                n.id for n in nodes if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
            }
            borrowed = sorted(n for n in loaded - stored if defined_in.get(n))
            assert not borrowed, (cell.source[:80], borrowed)
        defined_in |= dict.fromkeys(stored, slides_only)


def test_a_mid_year_edition_credits_its_displaced_and_sets_the_trend_s_end_beside_its_report(
    tmp_path, project_tables
):
    """At mid-2025: "68.7 million were displaced inside their own country" was credited to no
    one (it is UNHCR's estimate, not IDMC's), and the trend's "about 123.3 million in 2024"
    had no Global Trends 2024 beside it, as the 2020 edition's same figure has. The largest
    host at the end of 2024 had fallen to fifth, and nothing said so."""
    from analysis.briefing import former_largest, load_edition, oip_counted_anew

    year = max(project_tables.provisional_years)
    starts = ["findings = [", "parts = briefing", "trend = briefing", "hosts = ", "told = "]
    _, glance, trend, _, hosts = _run_cells(config.RAW_DIR, tmp_path, starts, year)
    first = project_tables.by_asylum.query("year == @year and is_country")
    first = first.assign(p=first["refugees"].fillna(0) + first["oip"].fillna(0))
    edition = load_edition("", year, 10, 0)
    oip_counted_anew(edition)  # the glance's sentence, said before: the hedge in full there
    moved = former_largest(edition, first.nlargest(1, "p")["iso3"].iloc[0])
    assert moved and moved.strip() in hosts
    assert (
        "displaced inside their own country by conflict and violence (UNHCR's mid-year "
        f"estimate, based on IDMC's end-{year - 1} figures), and "
    ) in glance
    headline = project_tables.published.query(
        "figure == 'forcibly_displaced' and year == @year - 1"
    ).iloc[0]
    said = f"in {year - 1} ({headline['cited_as']}: {numbers.people(headline['value'])}), "
    assert said in trend


def test_a_key_finding_without_a_published_total_says_whose_count_it_is(tmp_path):
    """2006: "39.5 million people were forcibly displaced at the end of 2006", where UNHCR
    published no total on today's composition: the count is the briefing's."""
    from analysis.briefing import load_edition

    edition = load_edition("", 2006, 10, 0)
    assert edition.published("forcibly_displaced", cite=False) is None
    (findings,) = _run_cells(config.RAW_DIR, tmp_path, ["findings = ["], 2006)
    assert (
        "people were forcibly displaced at the end of 2006, as this briefing counts them on the "
        "composition UNHCR uses today."
    ) in findings
    # a year counting once the people in two groups, with no published total (a later
    # release's year-end): one clause, not "each counted once, as UNHCR counts them, as
    # this briefing counts them on the composition UNHCR uses today"
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    published = raw / "published_figures.csv"
    rows = pd.read_csv(published, dtype=str, keep_default_na=False)
    rows[~((rows["figure"] == "forcibly_displaced") & (rows["year"] == "2024"))].to_csv(
        published, index=False
    )
    (findings,) = _run_cells(raw, tmp_path, ["findings = ["], 2024)
    assert (
        "people were forcibly displaced at the end of 2024, as this briefing counts them on the "
        "composition UNHCR uses today, each once."
    ) in findings
    assert "as UNHCR counts them" not in findings


def test_a_world_stateless_count_made_mostly_by_one_country_says_so(tmp_path):
    """2008: Thailand's estimate is 3.5 million of the 6.6 million stateless people the data
    record; the sentence says more than half are in one country (and 2024's, where no
    country holds half, does not)."""
    from analysis.briefing import load_edition, stateless_mostly_in

    assert stateless_mostly_in(load_edition("", 2024, 10, 0)) is None
    thailand = stateless_mostly_in(load_edition("", 2008, 10, 0))
    assert thailand["iso3"] == "THA"
    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["stateless = ("], 2008)
    assert (
        "in the countries that report them, more than half of them "
        f"({numbers.people(thailand['stateless'])}) in Thailand alone"
    ) in text


def test_the_year_s_returns_home_are_given_before_the_resettled(tmp_path, project_tables):
    """A UNHCR editor found the year's returns nowhere: 4.4 million refugees went home in
    2025 alone. They are given before the resettled, who are said to be counted on arrival.
    At mid-year they are of a part of the year, not "the first half": the December 2025
    snapshot counts them past June (another editor: Mid-Year Trends 2025 gave 526,200
    returns to the Syrian Arab Republic in the first half, the snapshot 1.3 million)."""
    year = max(project_tables.provisional_years)
    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["stateless = ("], year)
    went = project_tables.by_asylum.query("year == @year")[["returned_refugees", "returned_idps"]]
    refugees, idps = (numbers.people(went[c].sum()) for c in went.columns)
    # the countries of origin that took in more than half of them are named (a UNHCR editor:
    # 1.9 million went to Afghanistan and 1.3 million to the Syrian Arab Republic)
    to = project_tables.by_origin.query("year == @year and is_country")
    to = to.set_index("name")["returned_refugees"].nlargest(3)
    named = to.loc[: (to.cumsum() > went["returned_refugees"].sum() / 2).idxmax()]
    assert 1 < len(named) <= 3
    (first, n), *others = named.items()
    said = [f"{numbers.people(n)} of them to {wording.the(first)}"]
    said += [f"{numbers.people(n)} to {wording.the(name)}" for name, n in others]
    assert (
        f"In {year}, {refugees} refugees returned to their country of origin, "
        f"{wording.listing(said, escape=False)}, and {idps} internally displaced people "
        "returned home. In the same period, "
    ) in text
    assert "were resettled to a third country (counted on arrival in the country" in text
    # once, after all of them: the release's count of them may run past mid-year
    assert text.count(wording.FLOWS_TO_NO_DATE) == 1
    # where more countries share them, none is named
    assert briefing.returned_mostly_to(briefing.load_edition("", year, 10, 0), most=1) == ""


def test_a_download_by_country_of_origin_alone_gives_its_returns_too(
    tmp_path, project_tables, project_population
):
    """The returns were summed over the countries of asylum alone: a download by country
    of origin gave no returns at all, though it holds them."""
    from conftest import rdf_layout, write_rdf_csv

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    (raw / "unhcr/population.csv.gz").unlink()
    recent = project_population[project_population["year"].between("2020", "2024")]
    write_rdf_csv(raw / "unhcr/population.csv", rdf_layout(recent, aggregate="origin"))
    (text,) = _run_cells(raw, tmp_path, ["stateless = ("], 2024)
    went = project_tables.by_origin.query("year == 2024")["returned_refugees"].sum()
    assert f"During 2024, {numbers.people(went)} refugees returned to their country" in text


def test_a_year_typed_as_text_reads_as_the_year_and_bad_parameters_say_which(tmp_path):
    """A student's `year = "2008"` (or papermill's `-r year 2008`) stopped deep in pandas
    ("'<=' not supported between instances of 'str' and 'int'"); `top_n = 0` ran through,
    saying the data held no countries of asylum."""
    from analysis.briefing import load_edition
    from analysis.country import load_brief
    from analysis.errors import InputError

    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["stateless = ("], "2008")
    assert "stateless people at the end of 2008" in text
    assert load_brief("", "2024", "SDN").year == 2024
    for year, said in [("x", "year = 'x': expected a whole number"), (2024.5, "year = 2024.5")]:
        with pytest.raises(InputError, match=re.escape(said)):
            load_edition("", year)
    with pytest.raises(InputError, match=r"holds no figures for 1900 \(it covers 2000–2025\); "):
        load_edition("", 1900)
    with pytest.raises(InputError, match=r"top_n = 0: expected a whole number of 3 or more "):
        load_edition("", 2024, 0)
    # "Just three countries accounted for 49%: 6.2 million from Venezuela" (a teacher's
    # top_n = 1): the text names the three largest countries of origin
    with pytest.raises(InputError, match=r"^top_n = 2: expected a whole number of 3 or more \("):
        load_edition("", 2024, 2)
    assert load_edition("", 2024, "5").top == 5  # papermill's -r top_n 5
    with pytest.raises(InputError, match="year = '2024²'"):  # a digit, but no year
        load_edition("", "2024²")


def test_tables_of_no_known_date_ending_on_the_edition_s_year_are_noted(
    tmp_path, project_population
):
    """A download of July 2026 (2025 at year end) beside tables of no known date ending on
    2025, from a December release that gives 2025 at mid-year: the stderr warning said so,
    the briefing's 2025 totals did not."""
    from conftest import make_raw_dir, rdf_layout, write_rdf_csv

    raw = make_raw_dir(tmp_path / "raw")
    preamble = "Extracted on: 10 July 2026\n\n"
    write_rdf_csv(raw / "unhcr" / "population.csv", rdf_layout(project_population), preamble)
    (note,) = _run_cells(raw, tmp_path, ["missing = edition.absent_groups()"], 2025)
    assert (
        "Note on the dates.** UNRWA's table, IDMC's table and the solutions table in use carry "
        "no date and end on 2025: if from a release that ended then, as UNHCR's December "
        "snapshots do, their 2025 figures are of mid-2025, set here beside year-end counts."
    ) in note
    (earlier,) = _run_cells(raw, tmp_path, ["missing = edition.absent_groups()"], 2024)
    assert "Note on the dates" not in earlier


def _said(cell) -> list:
    """What a code cell shows, charts' images left out (their numbers are in the text)."""
    return [
        {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")}
        or out.get("text")
        for out in cell.get("outputs", [])
    ]


@pytest.mark.parametrize("name", ["briefing.ipynb", "country_brief.ipynb"])
def test_each_cell_run_again_after_the_whole_notebook_says_the_same(name):
    """A teacher runs all, then one cell again. The brief's key findings came out twice
    (three cells added to one list, which only the first emptied), and an undated figure of
    the briefing lost the year of its data (a set of the years told grew with each run)."""
    from nbclient import NotebookClient

    nb = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4)
    folder = {"metadata": {"path": str(config.NOTEBOOKS_DIR)}}
    client = NotebookClient(nb, kernel_name="python3", resources=folder)
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        first = [_said(cell) for cell in nb.cells]
        for index, cell in enumerate(nb.cells):
            for _ in range(2 if cell.cell_type == "code" else 0):  # again, and once more
                client.execute_cell(cell, index)
                assert _said(cell) == first[index], f"cell {index}: {cell.source[:300]}"
        # each chart cell alone, once every cell has run: a later cell reused the name of
        # the regions chart's note for a bool, and the chart failed (a reviewer)
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and "show(" in cell.source:
                client.execute_cell(cell, index)
                assert _said(cell) == first[index], f"cell {index}: {cell.source[:300]}"
        # then changes the year in the first cell and runs a text cell, not the setup cell:
        # one line says so (the text said 2010's figures were 2024's)
        client.execute_cell(nbformat.v4.new_code_cell("year = 2010"), 0)
        text = next(c for c in nb.cells[3:] if c.cell_type == "code" and "md(" in c.source)
        client.allow_errors = True
        client.execute_cell(text, nb.cells.index(text))
        (error,) = [out for out in text.outputs if out.output_type == "error"]
        assert error.traceback == [
            "StaleParameters: year is now 2010, not 2024 as when the figures were loaded: run "
            "the cells again from the setup cell (the one that loads them, after the "
            "parameters) down to this one"
        ]
        # then runs the setup cell, and a section's text cell without its analysis step: it
        # stops on a name made from 2024's figures (2024's hosts were told as 2010's)
        setup = next(i for i, c in enumerate(nb.cells) if "loaded_with(" in c.source)
        client.execute_cell(nb.cells[setup], setup)
        later = [c for c in nb.cells[setup + 1 :] if c.cell_type == "code" and "md(" in c.source]
        stopped = []
        for cell in later:  # those using what an analysis step made stop; the others run
            client.execute_cell(cell, nb.cells.index(cell))
            stopped += [o for o in cell.outputs if o.output_type == "error"]
        assert stopped and all(
            e.ename == "StaleParameters"
            and re.fullmatch(
                r"StaleParameters: \w+ was set before the setup cell loaded other figures: run "
                r"the cells again from the setup cell \(the one that loads them, after the "
                r"parameters\) down to this one",
                e.traceback[0],
            )
            for e in stopped
        )


def test_a_section_run_after_the_setup_cell_alone_says_in_one_line_what_it_lacks():
    """A teacher ran a country brief's setup cell, then jumped to "Refugees from the country":
    a raw traceback, "NameError: name 'abroad' is not defined" (the brief's sections also
    need its first analysis step)."""
    from nbclient import NotebookClient

    nb = nbformat.read(config.NOTEBOOKS_DIR / "country_brief.ipynb", as_version=4)
    folder = {"metadata": {"path": str(config.NOTEBOOKS_DIR)}}
    client = NotebookClient(nb, kernel_name="python3", resources=folder, allow_errors=True)
    setup = next(i for i, c in enumerate(nb.cells) if "loaded_with(" in c.source)
    section = next(i for i, c in enumerate(nb.cells) if c.source.startswith("now_abroad = "))
    with client.setup_kernel():
        for index in (0, setup, section):
            client.execute_cell(nb.cells[index], index)
    (error,) = [o for o in nb.cells[section].outputs if o.output_type == "error"]
    assert error.ename == "NameError"
    assert error.traceback == [
        "NameError: name 'abroad' is not defined (line 1 of the cell). If a cell above makes "
        "it, run the cells from the setup cell down to this one (a country brief's sections "
        "need its first analysis step, the cell that makes `hosted`)."
    ]


def test_a_failed_setup_and_a_changed_country_stop_later_cells_in_one_line():
    """A teacher's class: a setup cell stopped on a misspelt country left every later cell a
    coloured traceback of `brief` not defined; with the country then changed in the first
    cell alone, the first analysis step showed Türkiye's years under Germany's name and the
    key findings box told 2016's internally displaced as 2024's."""
    from nbclient import NotebookClient

    nb = nbformat.read(config.NOTEBOOKS_DIR / "country_brief.ipynb", as_version=4)
    folder = {"metadata": {"path": str(config.NOTEBOOKS_DIR)}}
    client = NotebookClient(nb, kernel_name="python3", resources=folder, allow_errors=True)
    setup = next(i for i, c in enumerate(nb.cells) if "loaded_with(" in c.source)
    hosted = next(i for i, c in enumerate(nb.cells) if c.source.startswith("hosted = "))
    found = next(i for i, c in enumerate(nb.cells) if "key_findings([" in c.source)

    def run(index: int, source: str | None = None) -> list[str]:
        if source is not None:  # a student's own cell, below the others (nbclient keeps a
            nb.cells.append(nbformat.v4.new_code_cell(source))  # cell at the index it ran at)
            index = len(nb.cells) - 1
        cell = nb.cells[index]
        client.execute_cell(cell, index)
        return [
            line
            for o in cell.get("outputs", [])
            if o.output_type == "error"
            for line in o.traceback
        ]

    with client.setup_kernel():
        run(0)
        run(0, 'country = "Germny"')
        assert run(setup)[-1] == "InputError: unknown country 'Germny'; did you mean Germany (DEU)?"
        assert run(hosted) == [
            "NameError: name 'tables' is not defined (line 1 of the cell). The setup cell "
            "stopped before loading the figures: run the parameters cell and the setup cell "
            "again (changing the parameter its error names, if it named one)."
        ]
        run(0)
        for index in range(setup, found + 1):
            assert not run(index), nb.cells[index].source[:200]
        stale = "StaleParameters: country is now 'DEU', not 'TUR' as when the figures were loaded"
        run(0, 'country = "DEU"')
        assert [line.startswith(stale) for line in run(hosted) + run(found)] == [True, True]
        run(0, 'country = "TUR"')  # as loaded again: the findings run
        assert not run(found)


def test_a_student_s_own_misspelt_name_keeps_its_line_and_a_name_spelt_alike():
    """The one-line NameError took over a student's typo in the briefing: no line number, no
    "Did you mean", and a hint on the country brief's `hosted`, which the briefing lacks."""
    from nbclient import NotebookClient

    nb = nbformat.read(config.NOTEBOOKS_DIR / "briefing.ipynb", as_version=4)
    folder = {"metadata": {"path": str(config.NOTEBOOKS_DIR)}}
    client = NotebookClient(nb, kernel_name="python3", resources=folder, allow_errors=True)
    setup = next(i for i, c in enumerate(nb.cells) if "loaded_with(" in c.source)
    mine = nbformat.v4.new_code_cell("top_hosts = 3\nprint(len(top_origins))")
    typo = nbformat.v4.new_code_cell("share_of = 1\n\nprint(2 / shre_of)")
    # a typo inside a query's string: pandas' NameError of its own (a teacher: it was told
    # only to run the cells from the setup cell)
    swapped = nbformat.v4.new_code_cell('tables.totals.query("year == @yaer")')
    nb.cells += [mine, typo, swapped]
    with client.setup_kernel():
        for index in (0, setup, *range(len(nb.cells) - 3, len(nb.cells))):
            client.execute_cell(nb.cells[index], index)
    (query,) = [o.traceback for o in mine.outputs if o.output_type == "error"]
    (misspelt,) = [o.traceback for o in typo.outputs if o.output_type == "error"]
    (in_query,) = [o.traceback for o in swapped.outputs if o.output_type == "error"]
    assert "; did you mean 'year'?" in in_query[0]
    # not "did you mean 'top_hosts'?", which would write the hosts under the origins' words
    assert query == [
        "NameError: name 'top_origins' is not defined (line 2 of the cell). If a cell above "
        "makes it, run the cells from the setup cell down to this one."
    ]
    assert misspelt[0].startswith(
        "NameError: name 'shre_of' is not defined (line 3 of the cell); did you mean 'share_of'?"
    )


def _run_try_it_cells(changes: list[tuple[str, str]], allow_errors: bool = False) -> list:
    """The briefing's try-it cells holding each ``old`` of ``changes`` (old, new), changed to
    ``new`` and run in one kernel after the parameters and setup cells, as run."""
    from nbclient import NotebookClient

    nb = nbformat.read(config.NOTEBOOKS_DIR / "briefing.ipynb", as_version=4)
    folder = {"metadata": {"path": str(config.NOTEBOOKS_DIR)}}
    client = NotebookClient(nb, kernel_name="python3", resources=folder, allow_errors=allow_errors)
    setup = next(i for i, c in enumerate(nb.cells) if "loaded_with(" in c.source)
    tries = [next(i for i, c in enumerate(nb.cells) if old in c.source) for old, _ in changes]
    for index, (old, new) in zip(tries, changes, strict=True):
        nb.cells[index].source = nb.cells[index].source.replace(old, new)
    with client.setup_kernel():
        for index in (0, setup, *tries):
            client.execute_cell(nb.cells[index], index)
    return [nb.cells[i] for i in tries]


def test_a_try_it_year_typed_in_words_is_said_in_one_line():
    """`other_year = "twenty ten"` in a try-it cell gave a raw ValueError from int(), where
    the setup cell answers the same mistake in one line (a teacher)."""
    changes = [
        ("other_year = 2010", 'other_year = "twenty ten"'),
        ("a, b = year - 5,", "a, b = 2.5,"),
    ]
    cells = _run_try_it_cells(changes, allow_errors=True)
    said = [o.traceback for cell in cells for o in cell.outputs if o.output_type == "error"]
    assert [lines[-1] for lines in said] == [
        "InputError: other_year = 'twenty ten': expected a whole number such as 2024; change "
        "it above",
        "InputError: a = 2.5: expected a whole number such as 2024; change it above",
    ]


def test_try_it_cells_given_years_reversed_or_more_countries_than_the_data_hold():
    """A teacher: with `a, b = 2024, 2016` the change was b - a under a heading on who
    hosted fewer (Colombia "change -2,780,669"); with n = 300 the chart's title said "The
    300 largest hosts" over the 172 there are; another year's mid-year counts were listed
    without a word that they are provisional."""
    edition = briefing.load_edition("", 0)
    year, mid_year = edition.year, max(edition.tables.provisional_years)
    compared, more, other = _run_try_it_cells(
        [
            ("a, b = year - 5, year", "a, b = year, year - 8"),
            ("n = 15", "n = 300"),
            ("other_year = 2010", f"other_year = {mid_year}"),  # said to be provisional
        ]
    )
    header, _, *rows = compared.outputs[0]["data"]["text/plain"].splitlines()
    assert header.split() == ["year", str(year - 8), str(year), "change"]
    values = [[float(v) for v in row.split()[-3:]] for row in rows]
    assert values and all(change == now - then < 0 for then, now, change in values)
    hosts = edition.tables.by_asylum.query("year == @year and is_country")
    held = int(((hosts["refugees"].fillna(0) + hosts["oip"].fillna(0)) > 0).sum())
    assert held < 300
    assert f"The {held} largest hosts" in json.dumps(more.outputs)
    said = json.dumps(other.outputs)
    assert f"The figures for {mid_year} are provisional: counts at mid-{mid_year}." in said


def test_a_file_without_refugees_ranks_no_host_and_no_origin(tmp_path, project_population):
    """A download without the refugees column ranked hosts on other people in need alone:
    "Colombia hosted more refugees and others in need … than any other country", "the
    Americas (100%)", "Just three countries accounted for n/a". It ranks none, as `figures`
    gives none, and says why."""
    from conftest import rdf_layout, write_rdf_csv

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    (raw / "unhcr/population.csv.gz").unlink()
    table = rdf_layout(project_population[project_population["year"] >= "2020"])
    write_rdf_csv(
        raw / "unhcr/population.csv", table.drop(columns=["Refugees under UNHCR's mandate"])
    )
    starts = ["with_oip = ", "hosts = tables", "told = set()", "origins = tables", "if top_origins"]
    basis, _, hosted, _, came_from = _run_cells(raw, tmp_path, starts)
    assert "ranks countries on" not in basis
    assert "no column for refugees, so they cannot show where refugees are hosted" in hosted
    assert "no column for refugees, so they cannot show where refugees come from" in came_from
    assert "Colombia" not in hosted + came_from and "n/a" not in came_from


def _names(source: str) -> tuple[set[str], set[str]]:
    """The names a cell's code reads (``@year`` in a pandas query too) and those it sets for
    the cells after it (assignments, imports, definitions); names bound inside a function,
    a lambda or a comprehension are that scope's own. IPython's own lines are left out."""
    import ast

    tree = ast.parse("\n".join(x for x in source.splitlines() if not x.lstrip().startswith("%")))
    read, made, scoped = set(), set(), set()
    scopes = (ast.FunctionDef, ast.Lambda, ast.comprehension)
    for node in ast.walk(tree):
        if isinstance(node, scopes):  # its arguments and loop variables, and what it sets
            inner = node.target if isinstance(node, ast.comprehension) else node
            for name in ast.walk(inner):
                if isinstance(name, ast.arg) or (
                    isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store)
                ):
                    scoped.add(getattr(name, "arg", None) or name.id)
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Store):
            read.add(node.id)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            read |= set(re.findall(r"@(\w+)", node.value))  # DataFrame.query's variables
        elif isinstance(node, ast.alias):
            made.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            made.add(node.name)
    top = {  # what the cell itself sets at its top level
        name.id
        for statement in tree.body
        if not isinstance(statement, ast.FunctionDef)
        for name in ast.walk(statement)
        if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store)
    }
    return read - scoped, made | top


@pytest.mark.parametrize(
    ("name", "setup_ends"),
    [("briefing.ipynb", "edition = briefing.load_edition("), ("country_brief.ipynb", "hosted = ")],
)
def test_each_section_needs_only_the_setup_cells(name, setup_ends):
    """A teacher runs the parameters and setup cells, then one section: "Where refugees come
    from" stopped on `reports` and `told`, set in the section before, the glance on `twice`,
    set in the key findings, a brief's destinations on a map choice made among the
    origins. What a section reads is set in the setup cells or in the section itself."""
    import builtins

    cells = nbformat.read(config.NOTEBOOKS_DIR / name, as_version=4).cells
    last = next(i for i, c in enumerate(cells) if setup_ends in c.source)
    known = set(dir(builtins)) | {"display", "get_ipython"}
    for cell in cells[: last + 1]:
        known |= _names(cell.source)[1] if cell.cell_type == "code" else set()
    heads = [i for i, c in enumerate(cells) if c.source.startswith("## ") and i > last]
    for start, end in zip([last + 1, *heads], [*heads, len(cells)], strict=True):
        seen = set(known)
        for cell in cells[start:end]:
            if cell.cell_type != "code":
                continue
            read, made = _names(cell.source)
            missing = read - seen - made
            assert not missing, f"{cells[start].source.splitlines()[0]}: {sorted(missing)}"
            seen |= made


def test_a_part_whose_report_printed_another_figure_has_it_beside(tmp_path):
    """2016: "2.7 million asylum-seekers", where Global Trends 2016 printed 2.8 million, was
    set beside it only in the table at the end; 2024's 73.6 million internally displaced
    beside a printed 73.5 million likewise. Each part whose printed figure reads otherwise
    has it beside, with its report; those that read alike have none."""
    edition = briefing.load_edition("", 2016, 10, 0)
    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["parts = briefing.GROUP_IN_SENTENCE"], 2016)
    for part in briefing.GROUP_IN_SENTENCE:
        row = edition.published(part, cite=False)
        if row is None or edition.figures.get(part) is None:
            continue
        beside = f"{numbers.people(edition.figures[part])} ({row['cited_as']}: "
        assert (beside in text) == (briefing.printed(row) != numbers.people(edition.figures[part]))
    assert "2.7 million (UNHCR Global Trends 2016: 2.8 million) asylum-seekers" in text


def test_charts_dir_that_cannot_be_written_says_so_in_one_line(tmp_path):
    """A teacher's charts_dir="/proc/x" stopped on a fourteen-frame pathlib traceback."""
    from analysis import briefing
    from analysis.errors import InputError

    a_file = tmp_path / "charts"
    a_file.write_text("not a folder", encoding="utf-8")
    edition = briefing.load_edition("", 2024, 10, 0)
    with pytest.raises(InputError, match=r"^charts_dir = '.*charts': the charts cannot be "):
        briefing.show(briefing.glance_chart(edition), a_file)
    assert a_file.read_text(encoding="utf-8") == "not a folder"


def test_the_issue_brief_s_women_beside_the_revision_are_not_said_twice(tmp_path):
    """2012, whose UN DESA estimate is of mid-2010, the issue brief's year: "women and girls
    at 48.8% of all international migrants at mid-2010 (48.8% at mid-2010)" (a reviewer)."""
    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["women = edition.seed_figure("], "2012")
    assert "at mid-2010." in text and "at mid-2010)" not in text
    (text,) = _run_cells(config.RAW_DIR, tmp_path, ["women = edition.seed_figure("], "2016")
    assert re.search(r"at mid-2015 \(\d\d\.\d% at mid-2010\)\.", text)


def test_a_download_of_one_year_says_it_holds_that_year_alone(tmp_path, project_population):
    """A download of 2024 alone read "The data in use hold no complete year after 2024"
    (a tester): they give the total for that year alone."""
    from conftest import make_raw_dir

    raw = make_raw_dir(tmp_path / "raw")
    one = project_population[project_population["year"] == "2024"]
    one.to_csv(raw / "unhcr" / "population.csv", index=False)
    (text,) = _run_cells(raw, tmp_path, ["trend = briefing"], 2024)
    assert "The data in use give the total for 2024 alone: there is no trend to show." in text
