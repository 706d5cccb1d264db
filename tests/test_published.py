"""The published-figures table: loads, validates, gives the cited figures, refuses bad rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.errors import InputError
from analysis.sources.published import (
    COLUMNS,
    FIGURES,
    OPTIONAL_COLUMNS,
    UNITS,
    read_published_figures,
)

TABLE = config.RAW_DIR / "published_figures.csv"


def published(table: pd.DataFrame, figure: str, year: int, cited_as: str = "") -> float | None:
    """The table's value of ``figure`` for ``year`` (of the report ``cited_as``): the first
    row citing a publisher's own report, else the first of the seeds' "as stated in ..."
    claims; None without one."""
    rows = table[(table["figure"] == figure) & (table["year"] == year)]
    rows = rows[rows["cited_as"] == cited_as] if cited_as else rows
    own = rows[~rows["cited_as"].str.startswith("as stated in")]
    return None if rows.empty else float((own if not own.empty else rows).iloc[0]["value"])


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return read_published_figures(TABLE)


def test_table_loads_and_validates(figures):
    assert list(figures.columns) == COLUMNS + OPTIONAL_COLUMNS
    assert len(figures) > 90
    assert set(figures["figure"]) <= set(FIGURES)
    assert set(figures["unit"]) <= set(UNITS)
    assert not figures.duplicated(["figure", "year", "cited_as"]).any()
    assert (figures["value"] >= 0).all()
    shares = figures[figures["unit"] == "share"]["value"]
    assert ((shares >= 0) & (shares <= 1)).all()
    for column in ("figure", "unit", "publisher", "title", "label", "cited_as"):
        assert (figures[column] != "").all(), column


def test_a_copy_is_not_checked_again_but_a_changed_file_is(figures, tmp_path, monkeypatch):
    from analysis.sources import published as module

    monkeypatch.setattr(module, "_READ", {})  # what other tests read is forgotten
    assert read_published_figures(TABLE).equals(figures)
    copy = tmp_path / "published_figures.csv"
    copy.write_bytes(TABLE.read_bytes())
    checked = []
    monkeypatch.setattr(module, "_validated", lambda path: checked.append(path) or 1 / 0)
    again = read_published_figures(copy)  # the same bytes: from memory
    assert checked == [] and again.equals(figures) and again.attrs["source"] == str(copy)
    again.loc[:, "value"] = 0  # a caller's change stays in its copy
    assert read_published_figures(TABLE).equals(figures)
    copy.write_text(TABLE.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(ZeroDivisionError):  # other bytes: read and checked again
        read_published_figures(copy)
    assert checked == [copy]


def test_global_trends_2016(figures):
    expected = {
        "forcibly_displaced": 65_600_000,
        "refugees_unhcr": 17_200_000,
        "refugees_unrwa": 5_300_000,
        "idps_conflict": 40_300_000,
        "asylum_seekers": 2_800_000,
        "stateless": 3_200_000,
        "stateless_global_estimate": 10_000_000,
        "resettled": 189_300,
        "refugees_hosted_developing_share": 0.84,
        "top3_origin_share": 0.55,
    }
    for figure, value in expected.items():
        assert published(figures, figure, 2016) == pytest.approx(value), figure
    row = figures[(figures["figure"] == "forcibly_displaced") & (figures["year"] == 2016)]
    assert row.iloc[0]["cited_as"] == "UNHCR Global Trends 2016"
    assert row.iloc[0]["publisher"] == "UNHCR"


def test_every_global_trends_year(figures):
    headline = figures[figures["figure"] == "forcibly_displaced"]
    trends = headline["cited_as"].str.startswith("UNHCR Global Trends")
    assert sorted(headline.loc[trends, "year"]) == list(range(2010, 2025))
    # and Mid-Year Trends 2025's, at the end of June 2025, of the snapshot's mid-2025 count
    assert published(figures, "forcibly_displaced", 2025, "UNHCR Mid-Year Trends 2025") == (
        117_300_000
    )
    assert published(figures, "forcibly_displaced", 2024) == 123_200_000
    assert published(figures, "venezuelans_displaced_abroad", 2020) == 3_900_000
    assert published(figures, "other_in_need", 2023) == 5_800_000
    assert published(figures, "resettled", 2021) == 57_436
    assert published(figures, "stateless", 2023) == 4_400_000


def test_migrants_workers_remittances_cooperatives(figures):
    brief = "as stated in the issue brief"
    assert published(figures, "migrant_stock", 2010) == 214_000_000
    assert published(figures, "migrant_share_of_population", 2010) == pytest.approx(0.031)
    assert published(figures, "women_share_of_migrants", 2010) == pytest.approx(0.5)
    assert published(figures, "economically_active_migrants", 2010) == 105_000_000
    # 2020: the 2020 revision first; the 2024 revision's figure for 2020 on request
    assert published(figures, "migrant_stock", 2020) == 281_000_000
    revised = published(
        figures, "migrant_stock", 2020, cited_as="UN DESA International Migrant Stock 2024"
    )
    assert revised == 275_000_000
    assert published(figures, "women_share_of_migrants", 2020) == pytest.approx(0.481)
    assert published(figures, "migrant_workers", 2013) == 150_300_000
    assert published(figures, "women_share_of_migrant_workers", 2022) == pytest.approx(0.387)
    # the World Bank's estimate wins over the brief's restatement of it; both are present
    assert published(figures, "remittances_developing", 2012) == 401
    assert published(figures, "remittances_developing", 2012, cited_as=brief) == 401
    assert published(figures, "remittances_developing", 2024) == 685
    assert published(figures, "remittances_developing", 2014) is None
    members = figures[figures["figure"] == "cooperative_members"]
    assert set(members["value"]) == {1_000_000_000, 1_200_000_000}
    assert members[members["cited_as"] == brief].iloc[0]["qualifier"] == "over"
    assert published(figures, "cooperative_jobs", 2012) == 100_000_000
    assert published(figures, "states_granting_right_to_work", 2017) == 75
    assert published(figures, "refugee_convention_states_parties", 2017) == 145
    right = figures[figures["figure"] == "states_granting_right_to_work"].iloc[0]
    assert right["cited_as"] == "as stated in the presentation (Esim, ILO, 2017)"
    assert published(figures, "remittances_basic_needs_share_high", 2012) == pytest.approx(0.9)
    assert published(figures, "no_such_figure", 2016) is None


def test_case_studies_and_cooperative_counts(figures):
    brief = "as stated in the issue brief"
    assert published(figures, "bella_rica_members", 2012) == 141
    assert published(figures, "bella_rica_mining_societies", 2012) == 56
    assert published(figures, "indonesia_return_migrant_coop_members", 2009) == 29
    assert published(figures, "indonesia_return_migrant_coop_assets", 2009) == 13_000
    cases = figures[figures["figure"].str.startswith(("bella_rica", "indonesia_return"))]
    assert set(cases["cited_as"]) == {brief}
    assert published(figures, "cooperatives", 2017) == 2_940_000
    assert published(figures, "migrant_workers_share_of_labour_force", 2022) == pytest.approx(0.047)


def test_unit_vocabulary(figures):
    units = figures.groupby("figure")["unit"].unique()
    assert units["forcibly_displaced"].tolist() == ["people"]
    assert units["migrant_share_of_population"].tolist() == ["share"]
    assert units["remittances_developing"].tolist() == ["usd_billion"]
    assert units["states_granting_right_to_work"].tolist() == ["states"]
    assert units["indonesia_return_migrant_coop_assets"].tolist() == ["usd"]
    assert units["cooperatives"].tolist() == ["count"]


def test_appending_next_year_is_appending_rows(tmp_path):
    path = tmp_path / "published_figures.csv"
    line = (
        "forcibly_displaced,2025,130000000,people,,forcibly displaced people worldwide,UNHCR,"
        "Global Trends: Forced Displacement in 2025,https://www.unhcr.org/global-trends,,"
        "UNHCR Global Trends 2025,\n"
    )
    path.write_text(TABLE.read_text(encoding="utf-8") + line, encoding="utf-8")
    table = read_published_figures(path)
    assert published(table, "forcibly_displaced", 2025, "UNHCR Global Trends 2025") == 130_000_000


# --------------------------------------------------------------------------- bad files


def bad_file(tmp_path: Path, replace_line: int, old: str, new: str) -> Path:
    """The real table with one substitution on one line (1-based, header is line 1)."""
    lines = TABLE.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[replace_line - 1]
    lines[replace_line - 1] = lines[replace_line - 1].replace(old, new, 1)
    path = tmp_path / "published_figures.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def error_for(path: Path) -> str:
    with pytest.raises(InputError) as error:
        read_published_figures(path)
    message = str(error.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_missing_source(tmp_path):
    path = bad_file(tmp_path, 5, ",UNHCR,Global Trends", ",,Global Trends")
    assert "line 5, column 'publisher': expected a value, found an empty cell" in error_for(path)
    path = bad_file(tmp_path, 6, ",Global Trends: Forced Displacement in 2014,", ",,")
    assert "line 6, column 'title'" in error_for(path)
    # no citation: the briefing printed "(nan: 123.2 million)"
    path = bad_file(tmp_path, 6, ",UNHCR Global Trends 2014,", ",,")
    assert "line 6, column 'cited_as': expected a value, found an empty cell" in error_for(path)


def test_negative_value(tmp_path):
    path = bad_file(tmp_path, 3, ",42500000,", ",-42500000,")
    message = error_for(path)
    assert "line 3, column 'value': expected a number greater than or equal to 0" in message
    assert "-42500000" in message


def test_non_numeric_value_and_year(tmp_path):
    assert "line 4, column 'value': expected a number (decimals after a full stop, commas " in (
        error_for(bad_file(tmp_path, 4, ",45200000,", ",lots,"))
    )
    assert "line 4, column 'year'" in error_for(bad_file(tmp_path, 4, ",2012,", ",2O12,"))


@pytest.mark.parametrize("typed", ['"429,3"', '"4,29"', '"42,93,0"'])
def test_a_decimal_comma_is_no_thousands_separator(tmp_path, typed):
    """US$429.3 billion typed "429,3" printed "US$4,293 billion ... in 2016", exit 0."""
    path = bad_file(tmp_path, 92, ",429,", f",{typed},")
    assert "line 92, column 'value': expected a number (decimals after a full stop, " in (
        error_for(path)
    )
    assert f"found {typed.strip(chr(34))!r}" in error_for(path)


def test_commas_between_thousands_are_read(tmp_path):
    path = bad_file(tmp_path, 8, ",65600000,", ',"65,600,000",')
    table = read_published_figures(path)
    assert table.loc[6, "value"] == 65_600_000


def test_a_figure_of_a_year_after_its_publication_is_refused(tmp_path):
    """2016's 65.6 million typed as 2061 (published 2017) was taken, and the 2016 edition
    lost its published headline without a word (2061 is also a year to come: said once)."""
    path = bad_file(tmp_path, 8, "forcibly_displaced,2016,", "forcibly_displaced,2061,")
    error_for(path)  # one line
    path = bad_file(tmp_path, 8, "forcibly_displaced,2016,", "forcibly_displaced,2020,")
    assert "line 8, column 'year': expected a year no later than the year after its " in (
        error_for(path)
    )
    # an undated publication's figure of a year to come: refused too (2052 for 2025)
    from datetime import date

    path = bad_file(tmp_path, 8, "forcibly_displaced,2016,", "forcibly_displaced,2052,")
    text = path.read_text(encoding="utf-8").replace('printed",2017', 'printed",', 1)
    path.write_text(text, encoding="utf-8")
    latest = date.today().year + 1
    assert f"line 8, column 'year': expected a year from 1900 to {latest}" in error_for(path)
    # a projection for the year after its publication is read (remittances, the World Bank)
    path = bad_file(tmp_path, 92, "remittances_developing,2016,", "remittances_developing,2018,")
    assert 2018 in set(read_published_figures(path)["year"])


def test_each_bad_cell_is_said_on_a_line_of_its_own(tmp_path):
    """Three typos in rows appended for a new year: only the first was said."""
    lines = TABLE.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = [
        lines[7].replace("forcibly_displaced,2016,65600000,", "forcibly_displaced,2016,65.6,"),
        lines[8].replace(lines[8].split(",")[0], "forcibly_displaced_total", 1),
    ]
    path = tmp_path / "published_figures.csv"
    path.write_text("".join([*lines[:7], *bad, *lines[9:]]), encoding="utf-8")
    with pytest.raises(InputError) as error:
        read_published_figures(path)
    message = str(error.value).splitlines()
    assert [m.split(": expected")[0].rsplit(", ", 2)[1:] for m in message] == [
        ["line 8", "column 'value'"],
        ["line 9", "column 'figure'"],
    ]


def test_duplicate_row(tmp_path):
    lines = TABLE.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append(lines[9])  # line 10 again, as the last line
    path = tmp_path / "published_figures.csv"
    path.write_text("".join(lines), encoding="utf-8")
    message = error_for(path)
    assert f"line {len(lines)}, columns figure/year/cited_as" in message
    assert "first on line 10" in message


def test_share_above_one_and_unknown_unit(tmp_path):
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("top3_origin_share"))
    message = error_for(bad_file(tmp_path, number, ",0.55,", ",55,"))
    assert f"line {number}, column 'value': expected a share as a fraction" in message
    message = error_for(bad_file(tmp_path, 3, ",people,", ",persons,"))
    assert "line 3, column 'unit'" in message and "'persons'" in message
    message = error_for(bad_file(tmp_path, 3, "forcibly_displaced", "forced_displaced"))
    assert "line 3, column 'figure'" in message


def test_a_world_count_in_millions_or_a_figure_in_another_unit_is_refused(tmp_path):
    """123 forcibly displaced (millions typed as people) printed "(UNHCR Global Trends 2024:
    120)" beside 123.3 million; remittances of 401 "people" passed."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("forcibly_displaced"))
    value = lines[number - 1].split(",")[2]
    for typed in ("123", "65600"):  # in millions, in thousands
        message = error_for(bad_file(tmp_path, number, f",{value},", f",{typed},"))
        assert f"line {number}, column 'value': expected forcibly_displaced, a world count, " in (
            message
        )
        assert message.endswith(f"found {typed}: a number in millions or thousands?")
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("remittances_dev"))
    message = error_for(bad_file(tmp_path, number, ",usd_billion,", ",people,"))
    assert message.endswith(
        f"line {number}, column 'unit': expected 'usd_billion' for remittances_developing, "
        "found 'people'"
    )
    # US$685 billion typed in dollars printed "US$685,000,000,000 billion"
    value = lines[number - 1].split(",")[2]
    message = error_for(bad_file(tmp_path, number, f",{value},", f",{value}000000000,"))
    assert f"line {number}, column 'value': expected US dollars in billions (685 for " in message
    assert message.endswith(f"found {value}000000000: a number in dollars?")


def test_more_people_than_the_world_a_column_twice_and_no_rows(tmp_path, capsys):
    """1e12 was printed "1000 billion"; a second "value" column was ignored; a table of
    no rows silently took every published figure out of the briefing."""
    message = error_for(bad_file(tmp_path, 4, ",45200000,", ",1e12,"))
    assert "line 4, column 'value': expected a number of people no larger than the world" in (
        message
    )
    message = error_for(bad_file(tmp_path, 1, ",published", ",published,value"))
    assert "line 1: column 'value' twice: expected one column for each" in message
    path = tmp_path / "published_figures.csv"
    path.write_text(TABLE.read_text(encoding="utf-8").splitlines()[0] + "\n")
    assert read_published_figures(path).empty
    assert capsys.readouterr().err == (
        f"warning: {path}: no rows: no published figure is set beside the data\n"
    )


def test_missing_column_and_unreadable(tmp_path):
    path = bad_file(tmp_path, 1, ",publisher", "")
    assert "line 1" in error_for(path) and "publisher" in error_for(path)
    path = tmp_path / "broken.csv"
    path.write_bytes(b"\xff\xfe\x00garbage")
    error_for(path)
    with pytest.raises(InputError):
        read_published_figures(tmp_path / "absent.csv")


def test_publication_year_is_optional_and_checked(tmp_path):
    """An older table without the ``published`` column reads (as undated); a cell that is
    not a year is refused, naming its line."""
    table = pd.read_csv(config.RAW_DIR / "published_figures.csv", dtype=str, keep_default_na=False)
    older = tmp_path / "older.csv"
    table.drop(columns="published").to_csv(older, index=False)
    assert (read_published_figures(older)["published"] == "").all()
    table.loc[2, "published"] = "June 2017"
    bad = tmp_path / "bad.csv"
    table.to_csv(bad, index=False)
    with pytest.raises(InputError, match=r"line 4, column 'published': expected the year of "):
        read_published_figures(bad)


def test_a_file_not_in_utf8_names_the_line_of_its_first_bad_byte(tmp_path):
    """Windows-1252: "byte 0x96 in position 36" named neither the line nor what to do."""
    path = bad_file(tmp_path, 6, "as printed", "as printed \u2013")
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    assert "line 6: byte 0x96 is not UTF-8: expected a CSV file saved as UTF-8" in error_for(path)


def test_an_empty_table_is_said_in_its_own_words(tmp_path):
    """It read "(EmptyDataError: No columns to parse from file)", pandas' words."""
    path = tmp_path / "published_figures.csv"
    path.write_text("")
    message = error_for(path)
    assert message.startswith(f"{path}: the file is empty: expected a UTF-8 CSV with the columns")
    assert "EmptyDataError" not in message


@pytest.mark.parametrize(("sep", "name"), [(";", "semicolons"), ("\t", "tabs")])
def test_a_table_saved_with_another_separator_says_which(tmp_path, sep, name):
    """Saved by Excel in a language whose decimal mark is a comma: "(ParserError: Error
    tokenizing data. C error: Expected 2 fields in line 4, saw 3)", pandas' words."""
    table = pd.read_csv(config.RAW_DIR / "published_figures.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "published_figures.csv"
    table.to_csv(path, index=False, sep=sep)
    assert error_for(path) == (
        f"{path}: not read; its cells are separated by {name}: save it as CSV (comma delimited)"
    )
    # notes full of semicolons in a file separated by commas are no other separator
    table["note"] = "a; b; c; d; e; f; g; h; i; j; k; l; m; n; o"
    table.to_csv(path, index=False)
    assert len(read_published_figures(path)) == len(table)


def test_reports_published_after_the_release_are_left_out(tmp_path, capsys):
    """A December 2019 snapshot (data to mid-2019) cited Global Trends 2019, published in
    2020, and the ILO's estimates of 2021 and 2024 as if known then. Only reports out by
    the release's year are used; the seeds' own statements stay, whatever their date."""
    from conftest import release_ending

    from analysis.briefing import load_edition

    raw = release_ending(tmp_path, 2019, mid_year=True)
    capsys.readouterr()
    edition = load_edition(raw, 2019)
    published = edition.tables.published
    out = pd.to_numeric(published["published"].astype(str).str[:4], errors="coerce")
    seed = published["cited_as"].str.startswith("as stated in")
    assert (out[~seed].dropna() <= 2019).all() and seed.any()
    assert not published["cited_as"].eq("UNHCR Global Trends 2019").any()
    assert published["cited_as"].eq("UNHCR Global Trends 2018").any()
    err = capsys.readouterr().err
    assert f"{raw / 'published_figures.csv'}: " in err
    assert "reports published after this release (2019) are left out (" in err
    assert edition.published("forcibly_displaced") is None  # nothing for 2019 yet
    whole = load_edition("", 2019)  # the project's December 2025 snapshot: all of them
    assert whole.tables.published["cited_as"].eq("UNHCR Global Trends 2019").any()


def test_an_undated_year_end_figure_is_not_known_before_its_year_is_over(tmp_path):
    """A December 2023 snapshot (data to mid-2023) kept UNRWA's share of Gaza's displaced
    "at end-2023", an undated row, and said "UNHCR's end-year figures for 2023 ... are of
    another date than these mid-2023 figures". An undated year-end figure is taken as out
    the year after its own; the project's release keeps it."""
    from conftest import release_ending

    from analysis.processed import load_tables

    december_2023 = load_tables(release_ending(tmp_path, 2023, mid_year=True)).published
    share = "gaza_idps_unrwa_refugees_share"
    assert not december_2023["figure"].eq(share).any()
    assert december_2023["cited_as"].eq("UNHCR Global Trends 2022").any()
    project = load_tables(config.RAW_DIR).published
    assert project[project["figure"].eq(share)]["published"].isna().any()  # kept, undated
