"""UN DESA International Migrant Stock reader: real workbook, shifted layouts, errors, extract."""

from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis import config
from analysis.errors import InputError
from analysis.sources import undesa

REFERENCE_WORKBOOK = (
    config.REFERENCE_DIR / "undesa" / "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
)


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


# --------------------------------------------------------------------------- reference workbook


@pytest.fixture(scope="module")
def reference_stock() -> pd.DataFrame:
    if not REFERENCE_WORKBOOK.is_file():
        pytest.skip(f"reference data absent: {REFERENCE_WORKBOOK}")
    return undesa.read_migrant_stock(REFERENCE_WORKBOOK)


def test_reference_world_figures(reference_stock):
    figures = undesa.world_migrants(reference_stock, 2020)
    assert figures["migrant_stock"] == 280_598_105
    assert figures["migrant_stock_year"] == 2020
    assert round(figures["migrant_share_of_population"], 3) == 0.036
    assert round(figures["women_share_of_migrants"], 3) == 0.481
    assert undesa.world_migrants(reference_stock, 2010)["migrant_stock"] == 220_983_187
    # a year between two estimates takes the latest estimate not after it
    assert undesa.world_migrants(reference_stock, 2012)["migrant_stock_year"] == 2010
    assert undesa.world_migrants(reference_stock, 2024)["migrant_stock_year"] == 2020


def test_reference_table_shape(reference_stock):
    assert list(reference_stock.columns) == undesa.COLUMNS
    assert sorted(reference_stock["year"].unique()) == [1990, 1995, 2000, 2005, 2010, 2015, 2020]
    assert not reference_stock.duplicated(["location_code", "year"]).any()
    assert str(reference_stock["migrants"].dtype) == "Int64"
    world = reference_stock[
        (reference_stock["kind"] == "world") & (reference_stock["year"] == 2020)
    ]
    assert len(world) == 1
    row = world.iloc[0]
    assert row["location_code"] == 900
    assert row["migrants_male"] + row["migrants_female"] == row["migrants"]
    assert row["population"] == 7_794_798_729  # 7,794,798.729 thousand


def test_reference_iso3(reference_stock):
    by_code = reference_stock.drop_duplicates("location_code").set_index("location_code")
    assert by_code.loc[4, "iso3"] == "AFG"
    assert by_code.loc[4, "kind"] == "country"
    assert by_code.loc[792, "iso3"] == "TUR"  # "Turkey" in 2020, "Türkiye" later
    assert by_code.loc[276, "iso3"] == "DEU"
    aggregates = by_code[by_code["kind"] != "country"]
    assert aggregates["iso3"].isna().all()
    assert {"Sub-Saharan Africa", "High-income countries", "EUROPE"} <= set(aggregates["location"])
    countries = by_code[by_code["kind"] == "country"]
    assert len(countries) > 200
    assert countries["iso3"].notna().mean() > 0.99


def test_reference_revision_and_speed():
    if not REFERENCE_WORKBOOK.is_file():
        pytest.skip(f"reference data absent: {REFERENCE_WORKBOOK}")
    assert undesa.revision(REFERENCE_WORKBOOK) == "2020"
    start = time.perf_counter()
    undesa.read_migrant_stock(REFERENCE_WORKBOOK)
    assert time.perf_counter() - start < 3.0  # about 0.6 s on the development machine


def test_reference_extract_round_trips(reference_stock, tmp_path):
    dest = tmp_path / "undesa" / "undesa_pd_2020_ims_stock_by_sex_and_destination_extract.xlsx"
    undesa.write_extract(REFERENCE_WORKBOOK, dest)
    assert undesa.find_workbook(tmp_path) == dest
    assert undesa.revision(dest) == "2020"
    pd.testing.assert_frame_equal(
        undesa.read_migrant_stock(dest), reference_stock, check_exact=True
    )
    assert openpyxl.load_workbook(dest, read_only=True).sheetnames == [
        "Table 1",
        "Table 2",
        "Table 3",
        "Table 4",
    ]


# --------------------------------------------------------------------------- synthetic workbooks

WORLD_2010, WORLD_2020 = 220_983_187, 280_598_105
LOCATIONS = [  # name, code, type of data, migrants by year, population (thousands) by year
    ("WORLD", 900, "", {2010: WORLD_2010, 2015: 247_958_644, 2020: WORLD_2020}, 7_794_798.729),
    (
        "  Sub-Saharan Africa",
        947,
        "",
        {2010: 15_854_637, 2015: 20_721_874, 2020: 22_221_538},
        1.0e6,
    ),
    ("   Afghanistan", 4, "B R", {2010: 102_276, 2015: 339_432, 2020: 144_098}, 38_928.341),
    ("   Türkiye", 792, "B R", {2010: 1_373_749, 2015: 4_346_197, 2020: 6_052_652}, 84_339.067),
    ("   Channel Islands*", 830, "B", {2010: 77_581, 2015: 82_307, 2020: 84_087}, 173.859),
]
YEARS = [2010, 2015, 2020]
WORLD_SHARE_2020 = 3.5998120638581024
WORLD_WOMEN_2020 = 48.09093810523061


def _values(table: int, name: str, code: int, migrants: dict, pop: float, years: list[int]):
    """The cells of one location row, per sex block, for one table."""

    def stock(year):
        return migrants.get(year, "..")

    def female(year):
        value = stock(year)
        if value == "..":
            return ".."
        return WORLD_2020 - 145_655_844 if code == 900 and year == 2020 else value // 2

    def male(year):
        value = stock(year)
        return ".." if value == ".." else value - female(year)

    def population(year):
        return pop if year in migrants else ".."

    def share(year):
        if code == 900 and year == 2020:
            return WORLD_SHARE_2020
        value = stock(year)
        return ".." if value == ".." else value / (pop * 1000) * 100

    def women(year):
        if code == 900 and year == 2020:
            return WORLD_WOMEN_2020
        value = stock(year)
        return ".." if value == ".." else female(year) / value * 100

    if table == 1:
        return [[stock(y) for y in years], [male(y) for y in years], [female(y) for y in years]]
    if table == 2:
        return [[population(y) for y in years]] * 3
    if table == 3:
        return [[share(y) for y in years]] * 3
    return [[women(y) for y in years]]


TITLES = {
    1: "International migrant stock at mid-year by sex and by region, country or area of "
    "destination, 1990-2020",
    2: "Total population at mid-year by sex and by region, country or area of destination, "
    "1990-2020 (thousands)",
    3: "International migrant stock as a percentage of the total population by sex and by "
    "region, country or area of destination, 1990-2020",
    4: "Female migrants as a percentage of the international migrant stock by region, country "
    "or area of destination, 1990-2020",
    5: "Annual rate of change of the migrant stock by sex and by region, country or area of "
    "destination, 1990-2020 (percentage)",
}
BLOCKS = {
    1: "International migrant stock at mid-year, {}",
    2: "Total population at mid-year, {} (thousands)",
    3: "International migrant stock as a percentage of the total population, {}",
}
SEXES = ["both sexes combined", "males", "females"]


def build_workbook(
    path: Path,
    *,
    coverage: bool = False,
    code_first: bool = False,
    year_2024: bool = False,
    sheet_names: dict[int, str] | None = None,
    world: str = "WORLD",
    extra_titles: int = 0,
    tables: tuple[int, ...] = (1, 2, 3, 4, 5),
    revision_year: int = 2020,
    header: bool = True,
    table_titles: bool = True,
    bad_cell: tuple[int, str, int, object] | None = None,
) -> Path:
    """A small workbook in the publisher's labelled layout, with optional layout shifts.

    ``bad_cell`` = (table, location name, year, value) overwrites one value of the
    both-sexes block.
    """
    wb = openpyxl.Workbook()
    toc = wb.active
    toc.title = "Table of contents"
    toc["J2"] = f"International Migrant Stock {revision_year}: Destination"
    toc["B11"], toc["C11"] = "Table number", "Title"
    for number in tables:
        toc.append([None, f"   Table {number}", TITLES[number]])
    years = YEARS + ([2024] if year_2024 else [])
    for number in tables:
        name = (sheet_names or {}).get(number, f"Table {number}")
        ws = wb.create_sheet(name)
        lead = ["Location code", None] if code_first else [None]
        lead_cols = [
            *lead,
            "Region, development group, country or area",
            "Notes",
            *([] if code_first else ["Location code"]),
            "Type of data",
            *(["Coverage"] if coverage else []),
        ]
        first_year = len(lead_cols)
        rows: list[list] = [[]]
        title_col = [None] * 4
        rows.append([*title_col, f"International Migrant Stock {revision_year}: Destination"])
        for i in range(extra_titles):
            rows.append([*title_col, f"An extra line of text above the table ({i + 1})"])
        if table_titles:
            rows.append([*title_col, f"Table {number}: {TITLES[number]}"])
        rows.append([*title_col, f"POP/DB/MIG/Stock/Rev.{revision_year}"])
        rows.append([*title_col, "Suggested citation: United Nations ... (2020)."])
        rows.append([*title_col, "Copyright (c) 2020 by United Nations, CC BY 3.0 IGO"])
        rows.append([])
        if number == 5:
            periods = ["2010-2015", "2015-2020"]
            labels = [None] * first_year + ["Annual rate of change of the migrant stock"]
            rows += [labels, [], [], [*lead_cols, *periods]]
            for loc_name, code, kind, _, _ in LOCATIONS:
                values = {"Location code": code, "Type of data": kind, "Notes": None}
                lead_values = [
                    values.get(c, loc_name if c and c.startswith("Region") else None)
                    for c in lead_cols
                ]
                rows.append([*lead_values, 1.5, 2.5])
            for row in rows:
                ws.append(row)
            continue
        blocks = 1 if number == 4 else 3
        labels = [None] * first_year
        for b in range(blocks):
            text = TITLES[4].split(" by ")[0] if number == 4 else BLOCKS[number].format(SEXES[b])
            labels += [text] + [None] * (len(years) - 1)
        rows += [labels, [], []]
        if header:
            rows.append([*lead_cols, *(years * blocks)])
        else:
            rows.append([None, "(header row missing)"])
        for index, (loc_name, code, kind, migrants, pop) in enumerate(LOCATIONS):
            if code == 900:
                loc_name = world
            migrants = dict(migrants)
            if year_2024 and code == 900:
                migrants[2024] = 304_021_813
            cells = {
                "Location code": code,
                "Type of data": kind,
                "Notes": None,
                "Coverage": "Both sexes",
            }
            lead_values = []
            for c in lead_cols:
                if c is None:
                    lead_values.append(index + 1)
                elif c.startswith("Region"):
                    lead_values.append(loc_name)
                else:
                    lead_values.append(cells[c])
            data = _values(number, loc_name, code, migrants, pop, years)
            if bad_cell and bad_cell[0] == number and bad_cell[1] == loc_name.strip():
                data = [list(block) for block in data]
                data[0][years.index(bad_cell[2])] = bad_cell[3]
            rows.append([*lead_values, *[v for block in data for v in block]])
        rows.append([])
        rows.append([None, "Note: a footnote below the table."])
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def make(tmp_path: Path, name: str = "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx", **kw):
    folder = tmp_path / "undesa"
    folder.mkdir(parents=True, exist_ok=True)
    return build_workbook(folder / name, **kw)


def check_figures(stock: pd.DataFrame) -> None:
    figures = undesa.world_migrants(stock, 2020)
    assert figures == {
        "migrant_stock": WORLD_2020,
        "migrant_stock_year": 2020,
        "migrant_share_of_population": pytest.approx(WORLD_SHARE_2020 / 100),
        "women_share_of_migrants": pytest.approx(WORLD_WOMEN_2020 / 100),
    }
    assert round(figures["migrant_share_of_population"], 3) == 0.036
    assert round(figures["women_share_of_migrants"], 3) == 0.481
    assert undesa.world_migrants(stock, 2010)["migrant_stock"] == WORLD_2010
    by_code = stock.drop_duplicates("location_code").set_index("location_code")
    assert by_code.loc[4, "iso3"] == "AFG"
    assert by_code.loc[792, "iso3"] == "TUR"
    assert by_code.loc[792, "location"] == "Türkiye"
    assert by_code.loc[830, "location"] == "Channel Islands"  # note marker dropped
    assert by_code.loc[830, "kind"] == "country"
    assert pd.isna(by_code.loc[830, "iso3"])  # no ISO 3166 code for the Channel Islands
    assert by_code.loc[900, "kind"] == "world"
    assert by_code.loc[947, "kind"] == "aggregate"
    assert pd.isna(by_code.loc[947, "iso3"]) and pd.isna(by_code.loc[900, "iso3"])
    afg = stock[(stock["location_code"] == 4) & (stock["year"] == 2020)].iloc[0]
    assert afg["migrants"] == 144_098
    assert afg["migrants_male"] + afg["migrants_female"] == 144_098
    assert afg["population"] == 38_928_341


@pytest.fixture
def baseline(tmp_path) -> pd.DataFrame:
    return undesa.read_migrant_stock(make(tmp_path / "baseline"))


def test_synthetic_baseline(baseline):
    check_figures(baseline)
    assert list(baseline.columns) == undesa.COLUMNS
    assert sorted(baseline["year"].unique()) == YEARS


LAYOUTS = {
    "coverage column": {"coverage": True},
    "location code moved": {"code_first": True},
    "2024 column added": {"year_2024": True},
    "sheets renamed": {
        "sheet_names": {
            1: "Migrant stock",
            2: "Population",
            3: "Migrant share",
            4: "Women",
            5: "Rate of change",
        }
    },
    "World spelled differently": {"world": "World"},
    "extra title lines": {"extra_titles": 3},
    "no table titles, sheets renamed": {
        "table_titles": False,
        "sheet_names": {1: "Stock", 2: "Pop", 3: "Share", 4: "Women", 5: "Change"},
    },
    "all at once": {
        "coverage": True,
        "code_first": True,
        "year_2024": True,
        "sheet_names": {1: "T1", 2: "T2", 3: "T3", 4: "T4", 5: "T5"},
        "world": "World",
        "extra_titles": 2,
    },
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_shifted_layouts_give_same_figures(tmp_path, baseline, layout):
    stock = undesa.read_migrant_stock(make(tmp_path, **LAYOUTS[layout]))
    check_figures(stock)
    common = stock[stock["year"].isin(YEARS)].reset_index(drop=True)
    expected = baseline.assign(
        location=baseline["location"].replace("WORLD", LAYOUTS[layout].get("world", "WORLD"))
    )
    pd.testing.assert_frame_equal(common, expected, check_exact=True)


def test_2024_column(tmp_path):
    stock = undesa.read_migrant_stock(make(tmp_path, year_2024=True))
    assert sorted(stock["year"].unique()) == [*YEARS, 2024]
    latest = undesa.world_migrants(stock, 2025)
    assert latest["migrant_stock"] == 304_021_813 and latest["migrant_stock_year"] == 2024
    # the countries have no 2024 value ('..'): missing, not zero
    assert stock[(stock["year"] == 2024) & (stock["kind"] == "country")]["migrants"].isna().all()


def test_percentage_tables_are_optional(tmp_path):
    stock = undesa.read_migrant_stock(make(tmp_path, tables=(1,)))
    assert stock["population"].isna().all() and stock["migrant_share"].isna().all()
    figures = undesa.world_migrants(stock, 2020)
    assert figures["migrant_stock"] == WORLD_2020
    assert figures["migrant_share_of_population"] is None
    assert round(figures["women_share_of_migrants"], 3) == 0.481  # from the female block


def test_revision(tmp_path):
    assert undesa.revision(make(tmp_path)) == "2020"
    newer = "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"
    assert undesa.revision(make(tmp_path, name=newer, revision_year=2024)) == "2024"
    # no revision in the titles: the year in the file name
    bare = tmp_path / "undesa_pd_2019_ims_stock.xlsx"
    openpyxl.Workbook().save(bare)
    assert undesa.revision(bare) == "2019"


def test_find_workbook_prefers_latest_revision(tmp_path):
    make(tmp_path, name="undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx")
    latest = make(
        tmp_path, name="undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx", revision_year=2024
    )
    (tmp_path / "undesa" / "notes.txt").write_text("not a workbook")
    assert undesa.find_workbook(tmp_path) == latest


def test_find_workbook_missing(tmp_path):
    with pytest.raises(InputError) as error:
        undesa.find_workbook(tmp_path)
    message = one_line(error)
    assert str(tmp_path / "undesa") in message


# --------------------------------------------------------------------------- errors


def test_error_no_migrant_stock_table(tmp_path):
    path = make(tmp_path, tables=(2, 3, 4))
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    message = one_line(error)
    assert path.name in message and "Table 1" in message and "Location code" in message


def test_error_header_not_found(tmp_path):
    path = make(tmp_path, header=False)
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    message = one_line(error)
    assert path.name in message and "sheet 'Table 1'" in message and "header" in message


def test_error_non_numeric_count(tmp_path):
    path = make(tmp_path, bad_cell=(1, "Afghanistan", 2015, "abc"))
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    message = one_line(error)
    # Afghanistan is data row 3 (header in row 11) -> row 14; 2015 is the 2nd year column
    # after five label columns -> column G.
    assert path.name in message
    assert "sheet 'Table 1', cell G14: expected a number or '..', found 'abc'" in message


def test_error_non_numeric_in_moved_layout(tmp_path):
    path = make(tmp_path, coverage=True, bad_cell=(3, "Türkiye", 2020, "n/a"))
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    assert "sheet 'Table 3', cell I15" in one_line(error)


def test_error_not_an_xlsx(tmp_path):
    path = tmp_path / "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
    path.write_text("Location code,1990\n900,1\n")
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    assert path.name in one_line(error)
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(tmp_path / "absent.xlsx")
    assert "absent.xlsx" in one_line(error)


def test_error_no_year_up_to(baseline):
    with pytest.raises(InputError) as error:
        undesa.world_migrants(baseline, 2000)
    assert "2000" in one_line(error)


# --------------------------------------------------------------------------- extract


def test_extract_round_trips_and_is_deterministic(tmp_path, baseline):
    source = make(tmp_path / "in", coverage=True)
    first = tmp_path / "a" / "undesa" / "undesa_pd_2020_ims_stock_extract.xlsx"
    second = tmp_path / "b" / "undesa" / "undesa_pd_2020_ims_stock_extract.xlsx"
    undesa.write_extract(source, first)
    time.sleep(1.1)  # a different clock second must not change the bytes
    undesa.write_extract(source, second)
    assert first.read_bytes() == second.read_bytes()
    assert undesa.find_workbook(tmp_path / "a") == first
    pd.testing.assert_frame_equal(
        undesa.read_migrant_stock(first), undesa.read_migrant_stock(source), check_exact=True
    )
    names = openpyxl.load_workbook(first, read_only=True).sheetnames
    assert names == ["Table 1", "Table 2", "Table 3", "Table 4"]  # no contents, no Table 5


def test_extract_refuses_bad_input(tmp_path):
    source = make(tmp_path, bad_cell=(1, "WORLD", 2020, "abc"))
    dest = tmp_path / "out" / "extract_ims_stock.xlsx"
    with pytest.raises(InputError):
        undesa.write_extract(source, dest)
    assert not dest.exists()
