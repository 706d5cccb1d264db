"""UN DESA International Migrant Stock reader: every revision's layout, checks, choice, extract."""

from __future__ import annotations

import datetime
import re
import zipfile
from pathlib import Path

import desa_workbooks as dw
import openpyxl
import pandas as pd
import pytest

from analysis import config, notices
from analysis.errors import InputError
from analysis.sources import undesa


def one_line(error: pytest.ExceptionInfo) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


def read_error(path: Path) -> str:
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    message = one_line(error)
    assert str(path) in message
    return message


def common(stock: pd.DataFrame) -> pd.DataFrame:
    """The years every revision holds, without the names (spelled per revision)."""
    rows = stock[stock["year"].isin([2010, 2015])]
    return rows.drop(columns="location").reset_index(drop=True)


# --------------------------------------------------------------------------- reference workbooks


def test_reference_2020_revision(reference_stocks):
    stock = reference_stocks[2020]
    figures = undesa.world_migrants(stock, 2020)
    assert figures["migrant_stock"] == 280_598_105
    assert (figures["migrant_stock_year"], figures["migrant_stock_revision"]) == (2020, "2020")
    assert round(figures["migrant_share_of_population"], 3) == 0.036
    assert round(figures["women_share_of_migrants"], 3) == 0.481
    assert undesa.world_migrants(stock, 2012)["migrant_stock"] == 220_983_187
    assert undesa.world_migrants(stock, 2024)["migrant_stock_year"] == 2020
    world = stock[(stock["kind"] == "world") & (stock["year"] == 2020)].iloc[0]
    assert world["population"] == 7_794_798_729  # 7,794,798.729 thousand


def test_reference_2024_revision(reference_stocks):
    stock = reference_stocks[2024]
    latest = undesa.world_migrants(stock, 2025)
    assert (latest["migrant_stock_year"], latest["migrant_stock_revision"]) == (2024, "2024")
    assert round(latest["migrant_stock"] / 1e6) == 304
    assert round(latest["migrant_share_of_population"], 3) == 0.037
    assert round(latest["women_share_of_migrants"], 2) == 0.48
    assert round(undesa.world_migrants(stock, 2020)["migrant_stock"] / 1e6) == 275
    # Table 2 has no location codes: joined on sort numbers, population for every row
    assert stock["population"].notna().all()
    world = stock[(stock["kind"] == "world") & (stock["year"] == 2024)].iloc[0]
    assert world["population"] == 8_161_972_572


@pytest.mark.parametrize("revision", [2020, 2024])
def test_reference_table_shape(reference_stocks, revision):
    stock = reference_stocks[revision]
    assert list(stock.columns) == undesa.COLUMNS
    assert {1990, 2020} <= set(stock["year"]) and (2024 in set(stock["year"])) == (revision == 2024)
    assert not stock.duplicated(["location_code", "year"]).any()
    assert str(stock["migrants"].dtype) == "Int64"
    by_code = stock.drop_duplicates("location_code").set_index("location_code")
    assert by_code.loc[4, ["iso3", "kind"]].tolist() == ["AFG", "country"]
    assert by_code.loc[792, "iso3"] == "TUR"  # "Turkey" in 2020, "Türkiye" in 2024
    assert by_code.loc[900, "kind"] == "world"
    aggregates = by_code[by_code["kind"] == "aggregate"]
    assert aggregates["iso3"].isna().all()
    assert {"sub-saharan africa", "high-income countries", "europe"} <= set(
        aggregates["location"].str.casefold()
    )
    countries = by_code[by_code["kind"] == "country"]
    assert len(countries) > 200 and countries["iso3"].notna().mean() > 0.99


def test_reference_folder_chooses_the_latest_revision(reference_undesa):
    raw = reference_undesa.parent
    assert undesa.choose_workbook(raw).name.startswith("undesa_pd_2024")
    assert undesa.choose_workbook(raw, 2020).name.startswith("undesa_pd_2020")
    with pytest.raises(InputError) as error:
        undesa.choose_workbook(raw, 2019)
    assert "2019" in one_line(error) and "2020, 2024" in one_line(error)


def test_project_extract_reads_as_the_full_workbook(reference_stocks, project_stock):
    """The shipped extract (test_figures checks it is rebuilt byte for byte from the
    reference folder) reads to the same table as the latest workbook it came from."""
    extract = undesa.choose_workbook(config.RAW_DIR)
    stock = project_stock  # undesa.read_migrant_stock(extract), read once per session
    assert stock.attrs["revision"] == str(max(reference_stocks))
    pd.testing.assert_frame_equal(stock, reference_stocks[max(reference_stocks)], check_exact=True)
    sheets = openpyxl.load_workbook(extract, read_only=True).sheetnames
    assert sheets == ["Table 1", "Table 2", "Table 3", "Table 4"]


# --------------------------------------------------------------------------- every layout


@pytest.fixture(scope="session")
def books(tmp_path_factory) -> dict[int, Path]:
    """One small workbook per revision, each in its own raw folder."""
    root = tmp_path_factory.mktemp("desa")
    return {rev: dw.build(root / str(rev) / "undesa", rev) for rev in dw.REVISIONS}


@pytest.fixture(scope="session")
def stocks(books) -> dict[int, pd.DataFrame]:
    return {rev: undesa.read_migrant_stock(path) for rev, path in books.items()}


@pytest.mark.parametrize("revision", dw.REVISIONS)
def test_every_revision_reads_to_the_same_figures(stocks, revision):
    stock = stocks[revision]
    assert list(stock.columns) == undesa.COLUMNS
    assert tuple(sorted(stock["year"].unique())) == dw.YEARS[revision]
    pd.testing.assert_frame_equal(common(stock), common(stocks[2020]), check_exact=True)
    latest = dw.YEARS[revision][-1]
    for year in (2015, latest):
        figures = undesa.world_migrants(stock, year)
        assert figures.pop("migrant_stock_revision") == str(revision)
        assert figures == pytest.approx(dw.world(year), rel=1e-12)
    assert stock["population"].notna().all()  # the 2024 Table 2 too, joined on sort numbers
    by_code = stock.drop_duplicates("location_code").set_index("location_code")
    assert by_code.loc[792, "iso3"] == "TUR"
    assert by_code.loc[830, ["location", "kind"]].tolist() == ["Channel Islands", "country"]
    assert pd.isna(by_code.loc[830, "iso3"])  # no ISO 3166 code for the Channel Islands
    assert by_code.loc[947, "kind"] == "aggregate" and by_code.loc[900, "kind"] == "world"
    afg = stock[(stock["location_code"] == 4) & (stock["year"] == 2015)].iloc[0]
    assert afg["migrants_male"] + afg["migrants_female"] == afg["migrants"] == 339_432
    assert afg["population"] == 34_413_603


@pytest.mark.parametrize("revision", dw.REVISIONS)
def test_revision_from_the_titles_not_the_file_name(books, revision, tmp_path):
    assert undesa.revision(books[revision]) == str(revision)
    misnamed = dw.build(tmp_path, revision, name="UN_MigrantStockTotal_2013.xlsx")
    assert undesa.revision(misnamed) == str(revision)
    assert undesa.read_migrant_stock(misnamed).attrs["revision"] == str(revision)
    assert undesa.dataset_title(misnamed) == dw.series(revision)  # the sources name it so


def test_a_note_on_an_earlier_revision_does_not_make_the_workbook_of_it(books, tmp_path):
    """A first sheet reading "Compared with POP/DB/MIG/Stock/Rev.2020" made the 2024
    workbook the 2020 revision: the briefing cited "Rev.2020" for mid-2024's 304 million."""
    path = tmp_path / books[2024].name
    book = openpyxl.load_workbook(books[2024])
    book.create_sheet("Read me", 0)["A1"] = "Compared with POP/DB/MIG/Stock/Rev.2020"
    book.save(path)
    assert undesa.revision(path) == "2024"
    # nor a note on a later one: a revision estimates up to its own year (its titles' span)
    path = tmp_path / books[2020].name
    book = openpyxl.load_workbook(books[2020])
    book.create_sheet("Notes")["A1"] = "To be updated in POP/DB/MIG/Stock/Rev.2026."
    book.save(path)
    assert undesa.revision(path) == "2020"


def test_revision_from_the_file_name_as_last_resort(tmp_path):
    bare = tmp_path / "undesa_pd_2019_ims_stock.xlsx"
    openpyxl.Workbook().save(bare)
    assert undesa.revision(bare) == "2019"
    spanning = tmp_path / "ims_destination_1990-2024.xlsx"  # the revision is the latest year
    openpyxl.Workbook().save(spanning)
    assert undesa.revision(spanning) == "2024"
    nameless = tmp_path / "download.xlsx"
    openpyxl.Workbook().save(nameless)
    with pytest.raises(InputError) as error:
        undesa.revision(nameless)
    assert "download.xlsx" in one_line(error)


def _without_titles(path: Path, new: Path) -> Path:
    """A copy of the workbook's tables without their titles and citation (values pasted
    into a workbook of one's own)."""
    book = openpyxl.load_workbook(path)
    for sheet in [s for s in book.worksheets if not re.fullmatch(r"Table \d+", s.title)]:
        book.remove(sheet)  # contents, notes
    for sheet in book.worksheets:
        for merged in list(sheet.merged_cells.ranges):
            sheet.unmerge_cells(str(merged))
        rows = list(sheet.iter_rows(values_only=True))
        header = next((i for i, row in enumerate(rows) if _has_code(row)), 0)
        titles = [i for i in range(header) if sum(v is not None for v in rows[i]) == 1]
        for index in reversed(titles):  # one cell a row: a title (not the sexes' labels)
            sheet.delete_rows(index + 1)
    book.save(new)
    return new


def _has_code(row: tuple) -> bool:
    return any(isinstance(v, str) and "code" in v.casefold() for v in row)


def test_a_workbook_without_titles_is_of_the_revision_its_years_run_to(books, tmp_path):
    """A 2020 workbook without its titles, saved as "..._2025-02-11.xlsx", was the "2025
    revision", chosen over the 2024 workbook beside it: 281 million migrants at mid-2020
    for 2024, rates per 1,000 on 2020's population, "UN DESA's 2025 revision"."""
    folder = tmp_path / "undesa"
    latest = dw.build(folder, 2024)
    copy = _without_titles(books[2020], folder / "migrant_stock_copy_2025-02-11.xlsx")
    assert undesa.dataset_title(copy) is None  # nothing names its revision but its years
    assert undesa.revision(copy) == "2020"
    assert undesa.read_migrant_stock(copy).attrs["revision"] == "2020"
    assert undesa.choose_workbook(tmp_path) == latest
    assert undesa.revision(_without_titles(latest, tmp_path / "ims_saved_2025.xlsx")) == "2024"


# Departures from the published layouts: nothing may rely on a position.
SHIFTS = {
    "coverage column": {"columns": ("sort", "name", "notes", "code", "type", "coverage")},
    "location code first": {"columns": ("code", "sort", "name", "notes", "type")},
    "sheets renamed": {
        "sheet_names": {1: "Stock", 2: "Population", 3: "Share", 4: "Women", 5: "Rate", 6: "Ref"}
    },
    "World spelled differently": {"world": "World"},
    "extra title lines": {"extra_titles": 3},
    "no table titles, sheets renamed": {
        "table_titles": False,
        "sheet_names": {1: "T1", 2: "T2", 3: "T3", 4: "T4", 5: "T5", 6: "T6"},
    },
}


# The old revisions state the unit of Table 2 (thousands) in its title only.
SHIFTED = [
    (revision, shift)
    for revision in (2015, 2020, 2024)
    for shift in SHIFTS
    if not (revision in dw.OLD and shift.startswith("no table titles"))
]


@pytest.mark.parametrize(("revision", "shift"), SHIFTED)
def test_shifted_layouts_give_the_same_table(stocks, tmp_path, revision, shift):
    stock = undesa.read_migrant_stock(dw.build(tmp_path, revision, **SHIFTS[shift]))
    expected = stocks[revision]
    pd.testing.assert_frame_equal(
        stock.drop(columns="location"), expected.drop(columns="location"), check_exact=True
    )


def test_percentage_tables_are_optional(tmp_path):
    stock = undesa.read_migrant_stock(dw.build(tmp_path, 2020, tables=(1,)))
    assert stock["population"].isna().all() and stock["migrant_share"].isna().all()
    figures = undesa.world_migrants(stock, 2020)
    assert figures["migrant_stock"] == 280_598_105
    assert figures["migrant_share_of_population"] is None
    assert round(figures["women_share_of_migrants"], 3) == 0.481  # from the female block


# --------------------------------------------------------------------------- choosing a workbook


def test_choose_the_latest_revision_whatever_the_names(tmp_path):
    folder = tmp_path / "undesa"
    dw.build(folder, 2015)
    old = dw.build(folder, 2019)
    latest = dw.build(folder, 2024, name="download (3).xlsx")
    (folder / "notes.txt").write_text("not a workbook")
    assert undesa.choose_workbook(tmp_path) == latest
    assert undesa.choose_workbook(tmp_path, 2019) == old
    with pytest.raises(InputError) as error:
        undesa.choose_workbook(tmp_path, 2017)
    message = one_line(error)
    assert str(folder) in message and "2017" in message and "2015, 2019, 2024" in message


def test_a_workbook_the_reader_cannot_tell_by_its_name_is_said_not_read(tmp_path):
    """The 2024 workbook compressed (.xlsx.gz), its name without .xlsx, or a folder named
    as it: the 2020 revision beside it was read without a word."""
    import gzip
    import shutil

    folder = tmp_path / "undesa"
    used = dw.build(folder, 2020)
    later = dw.build(tmp_path / "later", 2024)
    (folder / f"{later.name}.gz").write_bytes(gzip.compress(later.read_bytes()))
    shutil.copy(later, folder / later.stem)
    (folder / "download.xlsx").mkdir()
    (folder / "new.xlsx.crdownload").write_bytes(b"PK")
    (folder / "notes").write_text("mine", encoding="utf-8")  # no workbook: left alone
    for name in (f"{later.name}.sha256", f"{later.name}:Zone.Identifier", "old.xlsx~"):
        (folder / name).write_text("beside a workbook: no workbook", encoding="utf-8")
    assert undesa.choose_workbook(tmp_path) == used
    assert [m for m in notices.issued() if str(folder) in m] == [
        f"{folder / 'download.xlsx'} is a folder, not read: put the .xlsx workbook itself in "
        "the undesa folder",
        f"{folder / 'new.xlsx.crdownload'} ends in .crdownload, not .xlsx, not read: an "
        "unfinished download? download it again",
        f"{folder / later.stem} has no .xlsx ending, not read: name it .xlsx if it is the workbook",
        f"{folder / later.name}.gz ends in .gz, not .xlsx, not read: unpack it into the "
        "undesa folder",
    ]


def test_choose_the_publisher_file_over_an_extract(tmp_path):
    folder = tmp_path / "undesa"
    full = dw.build(folder, 2024)
    undesa.write_extract(full, folder / f"{full.stem}_extract.xlsx")
    assert undesa.choose_workbook(tmp_path) == full


def _retitled(path: Path, new: Path, words: str) -> Path:
    """The workbook saved as ``new`` with ``words`` after "destination" in its titles, as
    UN DESA's other workbooks are titled ("... destination and origin, 1990-2024")."""
    book = openpyxl.load_workbook(path)
    for cell in (c for ws in book.worksheets for row in ws.iter_rows() for c in row):
        if isinstance(cell.value, str) and "migrant stock" in cell.value.casefold():
            cell.value = cell.value.replace("destination", f"destination{words}")
    book.save(new)
    return new


@pytest.mark.parametrize(
    ("words", "product"),
    [(" and origin", "by destination and origin"), (", by age", "by age")],
)
def test_other_un_desa_workbooks_are_left_out_with_a_warning(tmp_path, words, product):
    """The 2024 workbook by destination and origin was read as the one by destination, a
    later revision beside it; a workbook by age stopped the run."""
    folder = tmp_path / "undesa"
    destination = dw.build(folder, 2020)
    later = dw.build(tmp_path / "later", 2024)
    other = _retitled(later, folder / "download.xlsx", words)
    notes = openpyxl.Workbook()
    notes.active["A1"] = "My notes on migration in 2024"
    notes.save(folder / "notes 2024.xlsx")
    assert undesa.choose_workbook(tmp_path) == destination
    assert [m for m in notices.issued() if str(folder) in m] == [
        f"{other}: UN DESA's migrant stock {product}, not the workbook by destination; not used",
        f"{folder / 'notes 2024.xlsx'}: not a UN DESA migrant-stock workbook (no 'International "
        "migrant stock' title); not used",
    ]
    destination.unlink()
    with pytest.raises(InputError) as error:  # nothing else: each is said in one line
        undesa.choose_workbook(tmp_path)
    assert str(error.value).splitlines()[0].startswith(f"{other}: UN DESA's migrant stock")


def test_a_table_by_destination_and_origin_is_refused(tmp_path):
    """One row per pair of countries: read as by destination, the first row of each code was
    kept (182 million migrants in the world in 2024, not 304 million)."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    sheet = book["Table 1"]
    codes = next(c for row in sheet.iter_rows() for c in row if c.value == "Location code")
    cell = sheet.cell(codes.row, codes.column - 1)  # "Type of data" in the 2024 layout
    cell.value = "Region, development group, country or area of origin"
    book.save(path)
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    assert f"sheet 'Table 1', cell {cell.coordinate}: a table by destination and origin" in (
        one_line(error)
    )


def test_spreadsheets_the_reader_does_not_open_are_named(tmp_path, capsys):
    """A 2024 workbook saved as .xls beside the 2020 .xlsx was passed over without a word,
    and the 2020 revision used; an .ods or a CSV alone was not named either."""
    from analysis.sources.files import older_excel

    folder = tmp_path / "undesa"
    dw.build(folder, 2020)
    (folder / "undesa_pd_2024_ims_stock_by_sex_and_destination.xls").write_bytes(b"\xd0\xcf")
    (folder / "unpd_dataportal_ims_stock.csv").write_text("Location,Year,Value\n")
    assert undesa.choose_workbook(tmp_path).suffix == ".xlsx"
    err = capsys.readouterr().err
    xls = folder / "undesa_pd_2024_ims_stock_by_sex_and_destination.xls"
    assert f"warning: {xls} is an older Excel format, not read: save it as .xlsx\n" in err
    assert "unpd_dataportal_ims_stock.csv is a CSV file, not read: UN DESA's figures are" in err
    for path in [*folder.glob("*.xlsx"), xls]:
        path.unlink()
    (folder / "migrants.ods").write_bytes(b"PK")
    assert older_excel(tmp_path) == (
        " (migrants.ods is an OpenDocument spreadsheet, not read: save it as .xlsx)"
    )
    (folder / "migrants.ods").unlink()  # the workbook zipped: "no UN DESA workbook" alone
    (folder / "undesa_2024.zip").write_bytes(b"PK")
    assert older_excel(tmp_path) == (
        " (undesa_2024.zip is a zip, not read: unzip the .xlsx workbook it holds into undesa/)"
    )


def test_a_strict_open_xml_workbook_is_refused_in_one_line(tmp_path, recwarn):
    """Excel's "Strict Open XML" format, which openpyxl cannot read: 18 warnings, then "no
    migrant-stock table (sheets: )"."""
    import zipfile

    path = dw.build(tmp_path, 2024)
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    strict = {  # the Strict format's namespaces, as Excel writes them
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
            b"http://purl.oclc.org/ooxml/spreadsheetml/main"
        ),
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
            b"http://purl.oclc.org/ooxml/officeDocument/relationships"
        ),
    }
    with zipfile.ZipFile(path, "w") as book:
        for name, data in parts.items():
            for transitional, namespace in strict.items():
                data = data.replace(transitional, namespace)
            book.writestr(name, data)
    assert read_error(path).endswith(
        "no sheet could be read (a workbook saved as 'Strict Open XML Spreadsheet' is not); "
        "expected an 'Excel Workbook (.xlsx)'"
    )
    assert not [w for w in recwarn if "openpyxl" in str(w.filename)]


def test_choose_without_a_workbook(tmp_path):
    with pytest.raises(InputError) as error:
        undesa.choose_workbook(tmp_path)
    assert str(tmp_path / "undesa") in one_line(error)


# --------------------------------------------------------------------------- checks


def test_males_plus_females_must_make_both_sexes(tmp_path):
    path = dw.build(tmp_path, 2019, edits={(1, 4, "male", 2015): 162_927 + 500})
    message = read_error(path)
    # Afghanistan is the third row under the years (row 16): row 19; after five label
    # columns, both sexes 2010, 2015, 2019 are in columns F, G, H.
    assert "sheet 'Table 1', cell G19" in message
    assert "males + females" in message and "339,432" in message


@pytest.mark.parametrize("table", [2, 3])
def test_a_code_under_another_name_in_another_table_is_refused(tmp_path, table):
    """Lebanon's and Jordan's codes swapped in Tables 1, 3 and 4 gave Jordan 110.9 refugees
    per 1,000 and Lebanon 65.7 (each with the other's population), exit 0: a code names one
    location in every table (a hostile tester)."""
    path = dw.build(tmp_path, 2019, rename={(table, 4): "Lebanon"})
    message = read_error(path)
    assert f"sheet 'Table {table}'" in message
    assert (
        "location code 4 is 'Lebanon' here and 'Afghanistan' in sheet 'Table 1' (row 19): "
        "expected the same location under a code in every table"
    ) in message


@pytest.mark.parametrize("spelt", ["Cote d'Ivoire", "Côte d’Ivoire", "CÔTE D'IVOIRE *"])
def test_a_name_spelt_otherwise_in_another_table_is_the_same_location(tmp_path, spelt):
    """Accents, a curly apostrophe, capitals or a note marker do not make another place (a
    reviewer: the check on names across tables refused "Cote d'Ivoire" beside "Côte d'Ivoire")."""
    names = {(table, 4): "Côte d'Ivoire" for table in (1, 2, 4)} | {(3, 4): spelt}
    path = dw.build(tmp_path, 2019, rename=names)
    assert not undesa.read_migrant_stock(path).query("location_code == 4").empty


def test_a_world_total_a_little_off_males_plus_females_is_refused(tmp_path):
    """The world's 2019 total 300,000 above its sexes' sum (0.1% of it) was read: the
    published workbooks add up to the person (a hostile tester)."""
    path = dw.build(tmp_path, 2019)
    world = undesa.read_migrant_stock(path).query("location_code == 900 and year == 2019")
    total = int(world["migrants"].iloc[0])
    path = dw.build(tmp_path / "off", 2019, edits={(1, 900, "total", 2019): total + total // 1000})
    assert "males + females" in read_error(path)


def test_rounding_is_tolerated(tmp_path):
    edits = {
        (1, 4, "male", 2015): 162_927 + 1,  # one person off
        (3, 900, "total", 2020): 3.6,  # a share rounded to one decimal
        (2, 4, "total", 2015): 34_414.0,  # a population rounded to thousands
        (4, 4, "total", 2010): 52.0,  # 52.0005% published as 52.0
    }
    stock = undesa.read_migrant_stock(dw.build(tmp_path, 2020, edits=edits))
    figures = undesa.world_migrants(stock, 2020)
    assert figures["migrant_share_of_population"] == pytest.approx(0.036)


def test_an_empty_world_count_is_said_not_passed_over(tmp_path):
    """An emptied cell (or a formula saved without its value) silently gave 2020's figures:
    it is refused, naming the cell; a '..' there is warned about."""
    path = dw.build(tmp_path, 2024, edits={(1, 900, "total", 2024): None})
    assert "an empty cell in a row with figures: expected a number or '..'" in read_error(path)
    path = dw.build(tmp_path / "dots", 2024, edits={(1, 900, "total", 2024): ".."})
    figures = undesa.world_migrants(undesa.read_migrant_stock(path), 2024)
    assert figures["migrant_stock_year"] == 2020
    # 2022 takes 2020's estimate, the latest not after it: a '..' of 2024 is no matter then
    later = dw.build(tmp_path / "later", 2024, edits={(1, 900, "total", 2024): ".."})
    assert (
        undesa.world_migrants(undesa.read_migrant_stock(later), 2022)["migrant_stock_year"] == 2020
    )
    assert not any(str(later) in line for line in notices.issued())
    assert (
        f"{path}: the world's migrant stock for 2024 is missing ('..'); the figures of 2020 "
        "are used" in notices.issued()
    )


def test_an_empty_cell_among_a_country_s_figures_is_refused(tmp_path):
    """Lebanon's 2024 count emptied dropped it from the per-1,000 ranking, silently; a row
    wholly empty (Saint Barthélemy in the 2024 revision) is no location with figures."""
    path = dw.build(tmp_path, 2024, edits={(1, 792, "total", 2024): None})
    message = read_error(path)
    assert "sheet 'Table 1'" in message and "an empty cell in a row with figures" in message


def test_negative_counts_and_a_code_with_two_names_are_refused(tmp_path):
    path = dw.build(tmp_path, 2024, edits={(1, 792, "total", 2020): -5})
    assert "expected a non-negative number or '..', found -5" in read_error(path)
    # a region row carrying a country's code (Türkiye's 792) had replaced the country
    path = dw.build(tmp_path / "two", 2024)
    book = openpyxl.load_workbook(path)
    sheet = book["Table 1"]
    (world,) = [c for row in sheet.iter_rows() for c in row if c.value == 900]
    world.value = 792
    book.save(path)
    assert "location code 792 is 'World' in row" in read_error(path)


def test_two_workbooks_of_one_revision_are_refused(tmp_path, capsys):
    """An edited copy beside the publisher's file was read instead of it, silently. A copy
    byte for byte (a download saved twice) is read once, with a warning: it was refused,
    where two copies of a UNHCR file are read."""
    import shutil

    raw = tmp_path / "raw"
    path = dw.build(raw / "undesa", 2024)
    copy = shutil.copy(path, path.with_name(path.stem + "_copy.xlsx"))
    assert undesa.choose_workbook(raw) in (path, copy)
    assert "the same file as" in capsys.readouterr().err
    book = openpyxl.load_workbook(copy)
    book.active["A1"] = "edited"
    book.save(copy)
    with pytest.raises(InputError, match="are two workbooks of the 2024 revision: keep one"):
        undesa.choose_workbook(raw)


def test_a_contents_sheet_listing_the_tables_is_no_table(tmp_path):
    """A contents sheet whose cells hold "Table 1. International migrant stock ..." titles
    made the whole workbook refused ("no header row found")."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    contents = book.create_sheet("CONTENTS", 0)
    for number, title in enumerate(
        ["International migrant stock at mid-year", "Total population"], 1
    ):
        contents.append([f"Table {number}. {title}"])
    book.save(path)
    assert not undesa.read_migrant_stock(path).empty


def test_share_must_agree_with_stock_and_population(tmp_path):
    path = dw.build(tmp_path, 2020, edits={(3, 900, "total", 2020): 4.6})
    message = read_error(path)
    # WORLD is the first row under the header (row 11), 2020 the third year: column H
    assert "sheet 'Table 3', cell H12" in message
    assert "3.6" in message and "4.6" in message


def test_population_in_the_wrong_unit_is_refused(tmp_path):
    path = dw.build(tmp_path, 2015, edits={(2, 792, "total", 2010): 72_326_988})
    assert "sheet 'Table 3', cell F20" in read_error(path)


def test_counts_in_other_units_than_the_tables_say_are_refused_without_table_3(tmp_path):
    """Without Table 3 to check them against, migrants in thousands gave 280,598 migrants
    in the world, and a population in millions where the title says thousands gave shares
    above 100% (and above 1 in `figures`), each with exit status 0."""
    world, turkey = dw.PLACES[0], next(p for p in dw.PLACES if p.code == 792)
    in_thousands = {(1, 900, "total", 2020): dw.migrants(world, 2020) / 1000}
    path = dw.build(tmp_path / "a", 2020, tables=(1, 2), edits=in_thousands)
    message = read_error(path)
    assert message.startswith(f"{path}, sheet 'Table 1', cell ")
    assert "expected the world's international migrants in persons" in message
    assert "is the table in thousands?" in message
    in_millions = {(2, 792, "total", 2010): dw.population(turkey, 2010) / 1000}  # "thousands"
    path = dw.build(tmp_path / "b", 2020, tables=(1, 2), edits=in_millions)
    message = read_error(path)
    assert message.startswith(f"{path}, sheet 'Table 2', cell ")
    assert "expected the total population in thousands, as its title says" in message


def test_a_migrant_count_mistyped_in_table_1_is_named_there_not_in_table_2(tmp_path):
    """A country's 2024 migrants typed with two zeros too many: the error sent the analyst
    to a right population cell in Table 2. A total that is not males + females is named in
    Table 1; a whole row off names both cells."""
    turkey = next(p for p in dw.PLACES if p.code == 792)
    mistyped = {(1, 792, "total", 2024): dw.migrants(turkey, 2024) * 100}
    path = dw.build(tmp_path / "a", 2024, tables=(1, 2), edits=mistyped)
    message = read_error(path)
    assert message.startswith(f"{path}, sheet 'Table 1', cell ")
    assert "expected both sexes combined = males + females" in message
    row = {(1, 792, sex, 2024): dw.migrants(turkey, 2024, sex) * 100 for sex in dw.SEXES}
    path = dw.build(tmp_path / "b", 2024, tables=(1, 2), edits=row)
    message = read_error(path)
    assert message.startswith(f"{path}, sheet 'Table 2', cell ")
    assert re.search(r" in 2024 \(the migrants: sheet 'Table 1', cell [A-Z]+\d+\)$", message)


def test_note_markers_after_a_name_or_a_year_are_notes(tmp_path):
    """ "Afghanistan 1/" in Table 1 and "Afghanistan" in Table 2 were two names for one code,
    and a year headed "2020 a/" was no year: the 2015 figures came out as the latest."""
    path = dw.build(tmp_path, 2024, rename={(1, 4): "Afghanistan 1/", (2, 4): "Afghanistan (a)"})
    book = openpyxl.load_workbook(path)
    sheet = book["Table 1"]
    (cell,) = [c for row in sheet.iter_rows() for c in row if c.value == 2020][:1]
    cell.value = "2020 a/"
    book.save(path)
    stock = undesa.read_migrant_stock(path)
    assert stock.query("location_code == 4")["location"].unique().tolist() == ["Afghanistan"]
    assert 2020 in set(stock["year"]) and stock.query("kind == 'world' and year == 2020")[
        "migrants"
    ].item() == dw.migrants(dw.PLACES[0], 2020)


def test_a_year_header_not_read_as_a_year_is_refused(tmp_path):
    """ "FY2015" among the years was left out without a word, and 2010 taken for 2015."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    (cell,) = [c for row in book["Table 1"].iter_rows() for c in row if c.value == 2015][:1]
    cell.value = "FY2015"
    book.save(path)
    assert f", sheet 'Table 1', cell {cell.coordinate}: expected a year such as 2015, found " in (
        read_error(path)
    )


def test_women_share_must_agree_with_the_female_stock(tmp_path):
    path = dw.build(tmp_path, 2024, edits={(4, 830, "total", 2024): 25.0})
    assert "sheet 'Table 4', cell I16" in read_error(path)


def test_2024_table_2_names_must_match_table_1(tmp_path):
    path = dw.build(tmp_path, 2024, rename={(2, 792): "   Greece"})
    message = read_error(path)
    assert "sheet 'Table 2', cell B15" in message
    assert "'Türkiye'" in message and "'Greece'" in message


# --------------------------------------------------------------------------- errors


def test_error_no_migrant_stock_table(tmp_path):
    path = dw.build(tmp_path, 2020, tables=(2, 3, 4))
    message = read_error(path)
    assert "Table 1" in message and "Location code" in message


@pytest.mark.parametrize("revision", [2015, 2024])
def test_error_header_not_found(tmp_path, revision):
    message = read_error(dw.build(tmp_path, revision, header=False))
    assert "sheet 'Table 1'" in message and "header" in message


def test_error_non_numeric_count(tmp_path):
    path = dw.build(tmp_path, 2020, edits={(1, 4, "total", 2015): "abc"})
    # Afghanistan is data row 3 (header in row 11) -> row 14; 2015 is the 2nd year column
    # after five label columns -> column G.
    assert "sheet 'Table 1', cell G14: expected a number or '..', found 'abc'" in read_error(path)


@pytest.mark.parametrize("cell", ["5805,962", "58,05,962", "3,5"])
def test_a_decimal_comma_in_a_number_written_as_text_is_refused(tmp_path, cell):
    """Lebanon's population typed "5805,962" (thousands, with a decimal comma) was read as
    5,805,962 thousand; commas between thousands ("5,805,962") are read."""
    path = dw.build(tmp_path, 2020, edits={(1, 4, "total", 2015): cell})
    assert "sheet 'Table 1', cell G14: expected a number or '..' (commas only between " in (
        read_error(path)
    )
    path = dw.build(tmp_path, 2020)
    expected = undesa.read_migrant_stock(path)
    book = openpyxl.load_workbook(path)
    book["Table 1"]["G14"] = f"{book['Table 1']['G14'].value:,}"  # "339,432"
    book.save(path)
    assert undesa.read_migrant_stock(path).equals(expected)


def test_error_non_numeric_in_moved_layout(tmp_path):
    columns = ("sort", "name", "notes", "code", "type", "coverage")
    path = dw.build(tmp_path, 2020, columns=columns, edits={(3, 792, "total", 2020): "n/a"})
    assert "sheet 'Table 3', cell I15" in read_error(path)


def test_error_location_without_a_name(tmp_path):
    path = dw.build(tmp_path, 2024, rename={(1, 4): None})
    assert "sheet 'Table 1', cell B14: expected the name of location 4" in read_error(path)


def _edited(path: Path, edit) -> Path:
    """The workbook with ``edit(sheet, row)`` applied to each table's rows of Türkiye."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        rows = [r for r in sheet.iter_rows() if any(str(c.value).strip() == "Turkey" for c in r)]
        for row in reversed(rows):
            edit(sheet, row)
    book.save(path)
    return path


def _code_cell(row) -> openpyxl.cell.Cell:
    return next(c for c in row if c.value == 792)


def test_a_row_with_figures_but_no_code_is_refused_not_taken_for_a_note(tmp_path):
    """Aruba's code cleared in Table 1: its row was skipped as a footnote, Aruba left the
    rates per 1,000 and its brief said "UN DESA gives no estimate for Aruba" (exit 0)."""
    path = dw.build(tmp_path, 2020)
    cells = []
    _edited(path, lambda sheet, row: sheet.title == "Table 1" and cells.append(_code_cell(row)))
    book = openpyxl.load_workbook(path)
    book["Table 1"][cells[0].coordinate] = None
    book.save(path)
    assert read_error(path).endswith(
        f"sheet 'Table 1', cell {cells[0].coordinate}: 'Turkey' has figures but no location "
        "code: expected its location code (a whole number)"
    )


def test_a_location_table_1_lacks_is_refused(tmp_path):
    """Table 1's row deleted and the others kept: its migrants were read as no estimate."""
    path = dw.build(tmp_path, 2020)
    _edited(path, lambda sheet, row: sheet.title == "Table 1" and sheet.delete_rows(row[0].row))
    assert "sheet 'Table 2', cell " in read_error(path)
    assert read_error(path).endswith(
        "'Turkey' (location code 792) has no row in sheet 'Table 1': expected the same "
        "locations in every table (a row deleted?)"
    )


def test_countries_short_of_the_world_are_refused_or_warned_about(tmp_path, capsys):
    """Every table cut short (rows 200 on deleted from the 2024 workbook): 51 hosts lost
    their rates with a warning each. Countries short of the world by 1% or more are refused;
    by less (a small country's rows deleted from every table), warned about."""
    path = dw.build(tmp_path, 2020)
    _edited(path, lambda sheet, row: sheet.delete_rows(row[0].row))
    assert read_error(path).endswith(
        "the countries' migrants in 2020 add up to 274,545,453, the world's are 280,598,105: "
        "expected the countries to make the world (rows deleted, or the tables cut short?)"
    )
    # a country's row emptied, '..' in every year: named (an auditor)
    path = dw.build(tmp_path / "emptied", 2024)
    book = openpyxl.load_workbook(path)
    sheet = book["Table 1"]
    (row,) = [r for r in sheet.iter_rows() if any(c.value == "Türkiye" for c in r)]
    for cell in row:
        if isinstance(cell.value, int | float) and cell.value > 1000:  # not its code
            cell.value = ".."
    book.save(path)
    assert read_error(path).endswith(
        "(rows deleted, or the tables cut short?); Türkiye (location code 792) has '..' in "
        "every year"
    )
    path = dw.build(tmp_path / "small", 2024)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:  # the Channel Islands: 0.03% of the world's migrants
        rows = [r[0].row for r in sheet.iter_rows() if any("Channel" in str(c.value) for c in r)]
        for row in reversed(rows):
            sheet.delete_rows(row)
    book.save(path)
    undesa.read_migrant_stock(path)
    assert capsys.readouterr().err == (
        f"warning: {path}: the countries' migrants in 2024 add up to 303,937,726, the world's "
        "are 304,021,813: a country's rows deleted?\n"
    )
    # more than the world: not rows deleted (a reviewer)
    frame = pd.DataFrame(
        {
            "kind": ["world", "country", "country"],
            "year": 2024,
            "migrants": [100e6, 99.9e6, 1e5 + 50e3],
        }
    )
    undesa._check_countries_make_the_world(frame, path)
    assert capsys.readouterr().err.endswith("a region counted as a country, or a country twice?\n")


def test_a_count_larger_than_any_population_is_refused_in_one_line(tmp_path):
    """1e19 migrants in Tuvalu's row ended in "unexpected TypeError: cannot safely cast
    non-equivalent float64 to int64", naming no cell."""
    path = dw.build(tmp_path, 2020)
    rows = {}
    _edited(path, lambda sheet, row: rows.setdefault(sheet.title, _code_cell(row)))
    book = openpyxl.load_workbook(path)
    edits = {"Table 1": {2: 1e19, 5: 5e18, 8: 5e18}, "Table 2": {2: ".."}, "Table 3": {2: ".."}}
    edits["Table 4"] = {2: 50}  # 2010: both sexes, males, females; the share of women
    for sheet, cells in edits.items():
        for offset, value in cells.items():
            book[sheet].cell(rows[sheet].row, rows[sheet].column + offset, value)
    book.save(path)
    assert read_error(path).endswith(
        "expected a number of people or a share, found 10,000,000,000,000,000,000: more than "
        "any population"
    )


def test_error_not_an_xlsx(tmp_path):
    path = tmp_path / "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
    path.write_text("Location code,1990\n900,1\n")
    read_error(path)
    read_error(tmp_path / "absent.xlsx")


def test_error_no_year_up_to(stocks):
    with pytest.raises(InputError) as error:
        undesa.world_migrants(stocks[2020], 2000)
    assert "2000" in one_line(error)


# --------------------------------------------------------------------------- extract


def test_extract_round_trips_and_is_deterministic(books, stocks, tmp_path):
    first = tmp_path / "a" / "undesa" / "undesa_pd_2024_ims_stock_extract.xlsx"
    second = tmp_path / "b" / "undesa" / "undesa_pd_2024_ims_stock_extract.xlsx"
    undesa.write_extract(books[2024], first)
    undesa.write_extract(books[2024], second)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:  # no time of writing inside
        core = archive.read("docProps/core.xml").decode()
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "2020-01-01T00:00:00Z</dcterms:modified>" in core
    assert undesa.choose_workbook(tmp_path / "a") == first
    pd.testing.assert_frame_equal(undesa.read_migrant_stock(first), stocks[2024], check_exact=True)
    names = openpyxl.load_workbook(first, read_only=True).sheetnames
    assert names == ["Table 1", "Table 2", "Table 3", "Table 4"]  # no contents, no Table 5


def test_extract_refuses_bad_input(tmp_path):
    source = dw.build(tmp_path, 2020, edits={(1, 900, "total", 2020): "abc"})
    dest = tmp_path / "out" / "extract_ims_stock.xlsx"
    with pytest.raises(InputError):
        undesa.write_extract(source, dest)
    assert not dest.exists()


def test_a_workbook_read_again_is_not_parsed_again_but_a_changed_one_is(tmp_path, monkeypatch):
    (extract,) = (config.RAW_DIR / "undesa").glob("*.xlsx")
    first = undesa.read_migrant_stock(extract)
    copy = tmp_path / extract.name
    copy.write_bytes(extract.read_bytes())
    parsed = []
    monkeypatch.setattr(undesa, "_scan", lambda path: parsed.append(path) or 1 / 0)
    again = undesa.read_migrant_stock(copy)  # the same bytes and name: from memory
    assert parsed == [] and again.equals(first)
    assert again.attrs == {**first.attrs, "source": str(copy)}  # named as the file asked for
    again.loc[:, "migrants"] = 0  # a caller's change stays in its copy
    assert undesa.read_migrant_stock(extract).equals(first)
    book = openpyxl.load_workbook(copy)
    book.worksheets[0]["A1"] = "changed"
    book.save(copy)
    with pytest.raises(ZeroDivisionError):  # other bytes: parsed again
        undesa.read_migrant_stock(copy)
    assert parsed == [copy]


def test_a_workbook_s_revision_is_found_once_for_its_bytes(tmp_path, monkeypatch):
    """Choosing the workbook opens a copy elsewhere (the same bytes) no more, a changed one
    again."""
    monkeypatch.setattr(undesa, "_HEADS", {})  # what other tests read is forgotten
    (extract,) = (config.RAW_DIR / "undesa").glob("*.xlsx")
    assert undesa.revision(extract) == "2024"
    copy = tmp_path / "undesa" / "renamed_2024.xlsx"
    copy.parent.mkdir()
    copy.write_bytes(extract.read_bytes())
    opened = []
    monkeypatch.setattr(undesa, "_open", lambda path: opened.append(path) or 1 / 0)
    assert undesa.revision(copy) == "2024" and opened == []
    assert undesa.choose_workbook(tmp_path) == copy and opened == []
    copy.write_bytes(copy.read_bytes() + b"\0")
    with pytest.raises(ZeroDivisionError):  # other bytes: opened again
        undesa.revision(copy)
    assert opened == [copy]


@pytest.mark.parametrize("revision", [2020, 2024])
def test_the_countries_of_a_reference_workbook_add_up_to_the_world(reference_dir, revision):
    """The 2024 workbook gives Australia/New Zealand (927) a type of data, as a country has:
    it was counted as one, beside Australia and New Zealand."""
    (path,) = (reference_dir / "undesa").glob(f"undesa_pd_{revision}_*.xlsx")
    stock = undesa.read_migrant_stock(path)
    year = stock[stock["year"] == revision]
    countries = year[year["kind"] == "country"]
    assert countries["migrants"].sum() == year[year["kind"] == "world"]["migrants"].sum()
    assert 927 not in set(countries["location_code"])


def test_a_block_of_years_without_its_sex_label_is_refused(tmp_path):
    """Without its 'Male' label the males' columns took the label of the block on their left
    and were dropped: males + females went unchecked."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    sheet = book["Table 1"]
    (label,) = [
        c
        for row in sheet.iter_rows(max_row=20)
        for c in row
        if isinstance(c.value, str) and c.value.endswith(", males")
    ]
    label.value = None
    book.save(path)
    assert "cannot tell which sex the year columns from here hold" in read_error(path)


def test_a_damaged_workbook_is_refused_whatever_its_name(tmp_path):
    """Under a name of one's own it was set aside with a warning, and the figures were null."""
    folder = tmp_path / "raw" / "undesa"
    folder.mkdir(parents=True)
    (folder / "migrants.xlsx").write_text("Location code,1990\n900,1\n")
    with pytest.raises(InputError, match="migrants.xlsx: cannot be read as an Excel workbook"):
        undesa.choose_workbook(tmp_path / "raw")


@pytest.mark.parametrize("revision", [2020, 2024])
def test_year_columns_in_another_order_are_read_by_their_labels(tmp_path, books, stocks, revision):
    """Each sex's years from the latest to the earliest were refused: "cannot tell which sex
    the year columns from here hold ... found 'International migrant stock at mid-year, both
    sexes combined'", the years' order being taken for the start of a new block."""
    import shutil

    path = Path(shutil.copy(books[revision], tmp_path / books[revision].name))
    book = openpyxl.load_workbook(path)
    sheet = book["Table 1"]
    rows = list(sheet.iter_rows())
    header = next(
        r for r in rows if sum(isinstance(c.value, int) and c.value >= 1990 for c in r) > 5
    )
    blocks: list[list[int]] = []
    for cell in header:
        if isinstance(cell.value, int) and cell.value >= 1990:
            if not blocks or cell.value <= header[blocks[-1][-1]].value:
                blocks.append([])
            blocks[-1].append(cell.column - 1)
    for row in rows[header[0].row - 1 :]:
        values = [c.value for c in row]
        for block in blocks:
            for col, value in zip(block, reversed([values[c] for c in block]), strict=True):
                row[col].value = value
    book.save(path)
    order = ["year", "location_code"]
    pd.testing.assert_frame_equal(
        undesa.read_migrant_stock(path).sort_values(order).reset_index(drop=True),
        stocks[revision].sort_values(order).reset_index(drop=True),
    )


@pytest.mark.parametrize("revision", [2020, 2024])
def test_a_block_label_filled_across_its_columns_is_one_label(tmp_path, books, stocks, revision):
    """Merged header cells unmerged and their label filled across each block (as Excel's
    "unmerge and fill" leaves them) were refused: "cannot tell which sex the year columns
    from here hold ... found 'International migrant stock at mid-year, both sexes
    combined'", each column taken for a block of its own."""
    import shutil

    path = Path(shutil.copy(books[revision], tmp_path / books[revision].name))
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows(max_row=20):
            if not any(isinstance(c.value, str) and "sexes" in c.value for c in row):
                continue  # not the row of the blocks' labels
            label = None
            for cell in row:
                if isinstance(cell.value, str) and cell.column > 3:
                    label = cell.value
                elif cell.value is None and label is not None:
                    cell.value = label
    book.save(path)
    order = ["year", "location_code"]
    pd.testing.assert_frame_equal(
        undesa.read_migrant_stock(path).sort_values(order).reset_index(drop=True),
        stocks[revision].sort_values(order).reset_index(drop=True),
    )


def test_a_year_added_to_one_block_only_names_the_figures_it_leaves_null(tmp_path, books, capsys):
    """A 2025 column in Table 1's both-sexes block alone gave that year's migrants with
    the share of the population and women's share null, and no word."""
    import shutil

    path = Path(shutil.copy(books[2024], tmp_path / books[2024].name))
    book = openpyxl.load_workbook(path)
    sheet = book["Table 1"]
    header = next(r for r in sheet.iter_rows() if any(c.value == 2024 for c in r))
    last = next(c.column for c in header if c.value == 2024)  # both sexes: the first block
    sheet.insert_cols(last + 1)
    sheet.cell(header[0].row, last + 1).value = 2025
    for row in range(header[0].row + 1, sheet.max_row + 1):
        value = sheet.cell(row, last).value
        sheet.cell(row, last + 1).value = value * 1.02 if isinstance(value, int | float) else value
    book.save(path)
    figures = undesa.world_migrants(undesa.read_migrant_stock(path), 2025)
    assert figures["migrant_stock_year"] == 2025 and figures["migrant_stock"]
    assert figures["migrant_share_of_population"] is None
    assert figures["women_share_of_migrants"] is None
    assert capsys.readouterr().err == (
        f"warning: {path}: its titles or name give the 2024 revision, but it holds estimates "
        "to 2025: the revision it is cited as may be wrong\n"
        f"warning: {path}: the world's migrant stock of 2025 comes without migrants' share of "
        "the population or women's share, which other years have; migrant_share_of_population "
        "and women_share_of_migrants are null\n"
    )


def test_blank_rows_added_above_the_titles_do_not_hide_them(tmp_path, books, stocks):
    """16 blank rows inserted at the top of every sheet (a note typed above them): "not a
    UN DESA migrant-stock workbook (no 'International migrant stock' title); not used",
    and every migrant figure null."""
    import shutil

    folder = tmp_path / "raw" / "undesa"
    folder.mkdir(parents=True)
    path = Path(shutil.copy(books[2024], folder / books[2024].name))
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        sheet.insert_rows(1, 17)
        sheet.cell(1, 1).value = "Downloaded from un.org; see the notes below"
    book.save(path)
    assert undesa.choose_workbook(tmp_path / "raw") == path
    assert undesa.revision(path) == "2024"
    order = ["iso3", "year"]
    pd.testing.assert_frame_equal(
        undesa.read_migrant_stock(path).sort_values(order).reset_index(drop=True),
        stocks[2024].sort_values(order).reset_index(drop=True),
        check_like=True,
    )


def test_a_workbook_giving_no_women_s_share_in_any_year_says_so(project_stock, capsys):
    """Table 1 kept with its both-sexes block alone and Tables 4 and 5 deleted: women's
    share came out null with no word (the warning was for a year others have it in)."""
    stock = project_stock.assign(women_share=float("nan"), migrants_female=float("nan"))
    stock.attrs = project_stock.attrs
    capsys.readouterr()
    figures = undesa.world_migrants(stock, 2024)
    assert figures["women_share_of_migrants"] is None and figures["migrant_stock"]
    assert capsys.readouterr().err == (
        f"warning: {stock.attrs['source']}: gives women's share for no year (Table 1 has no "
        "female columns, and there is no table of women's share); women_share_of_migrants is "
        "null\n"
    )


def test_a_workbook_without_read_access_says_so(tmp_path, monkeypatch):
    """It was "cannot be read as an Excel workbook (.xlsx) (PermissionError): expected the
    UN DESA International Migrant Stock workbook as published"."""
    path = tmp_path / "migrants.xlsx"
    path.write_bytes(b"PK")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(openpyxl, "load_workbook", denied)  # root reads files chmod 000
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    assert str(error.value) == (
        f"{path}: cannot be read: permission denied (give yourself read access)"
    )


def test_a_copy_of_a_table_sheet_is_read_when_the_same_and_refused_when_edited(
    tmp_path, books, stocks
):
    """Excel's Move or Copy put an edited copy of Table 1 (its latest year cut) ahead of
    the original: the copy was read, giving 275 million migrants in 2020 for 2024."""
    book = openpyxl.load_workbook(books[2024])
    original = book["Table 1"]
    copy = book.copy_worksheet(original)
    copy.title = f"{original.title} (2)"
    same = tmp_path / "same.xlsx"
    book.save(same)
    pd.testing.assert_frame_equal(undesa.read_migrant_stock(same), stocks[2024])
    year_column = max(cell.column for row in copy.iter_rows() for cell in row if cell.value == 2024)
    copy.delete_cols(year_column)
    book.move_sheet(copy, offset=-book.index(copy))  # first, as Excel may put it
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    assert read_error(edited) == (
        f"{edited}: sheets '{copy.title}' and '{original.title}' both hold the international "
        "migrant stock (Table 1), with different figures: keep one"
    )


@pytest.mark.parametrize("revision", [2019, 2024])
@pytest.mark.parametrize("last", [True, False])
def test_figures_under_a_header_cell_merged_away_are_refused(tmp_path, revision, last):
    """Excel's Merge & Center over 2020 and 2024 keeps 2020 alone: the 2024 column lost its
    year, and the world's 304.0 million of 2024 gave way to 275.3 million "in 2020"."""
    path = dw.build(tmp_path, revision)
    wb = openpyxl.load_workbook(path)
    ws = wb["Table 1"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == dw.YEARS[revision][-1]]
    cell = cells[-1] if last else cells[0]  # the females' latest year, or both sexes'
    cell.value = None
    wb.save(path)
    assert (
        f"sheet 'Table 1', cell {cell.coordinate}: an empty header cell over a column of "
        "figures (a header cell merged with the one beside it?)"
    ) in read_error(path)


@pytest.mark.parametrize("revision", [2020, 2024])
def test_a_row_deleted_from_a_table_is_refused_by_name(tmp_path, revision):
    """A row deleted from Table 2 read as a population of '..' (Lebanon, the first host per
    1,000 inhabitants, left the ranking with a warning saying '..')."""
    path = dw.build(tmp_path, revision)
    book = openpyxl.load_workbook(path)
    sheet = book["Table 2"]
    row = next(c.row for r in sheet.iter_rows() for c in r if str(c.value).strip() == "Afghanistan")
    sheet.delete_rows(row)
    book.save(path)
    with pytest.raises(InputError) as error:
        undesa.read_migrant_stock(path)
    assert one_line(error).startswith(f"{path}: sheet 'Table 2' has no row for 'Afghanistan' (")
    assert one_line(error).endswith(
        "expected a row for every location of sheet 'Table 1' (a row deleted?)"
    )


def _header_cell(sheet, year: int):
    """The first cell of Table 1's header row holding ``year`` (both sexes combined)."""
    cells = (c for row in sheet.iter_rows(max_row=20) for c in row)
    return next(c for c in cells if c.value in (year, str(year)))


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        ("typed", "the year 2025 heads both sexes combined where the males have 2024"),
        ("twice", "the year 2020 again, under no label of its own: expected each year once"),
        ("deleted", "the year 2024 heads the males but not both sexes combined"),
    ],
)
def test_a_year_typed_wrong_or_a_column_deleted_in_one_block_is_refused(tmp_path, edit, said):
    """2025 typed over Table 1's 2024 (both sexes) gave a "2025" estimate UN DESA never
    made, with exit 0; its column deleted gave 2020's figure for 2024 without a word; 2020
    typed twice was refused as a block "without a sex"."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    sheet = book["Table 1"]
    cell = _header_cell(sheet, 2024)
    if edit == "deleted":
        sheet.delete_cols(cell.column)
    else:
        cell.value = 2025 if edit == "typed" else 2020
    book.save(path)
    assert said in read_error(path)


def test_a_population_of_none_where_migrants_live_is_refused(tmp_path):
    """Lebanon's population set to 0 left it out of the rates per 1,000, first among them,
    without a word ('..' there is warned about). Here Türkiye's."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    sheet = book["Table 2"]
    year = _header_cell(sheet, 2024)
    row = next(r for r in sheet.iter_rows() if any(c.value == "   Türkiye" for c in r))
    sheet.cell(row=row[0].row, column=year.column).value = 0
    book.save(path)
    assert "expected the total population, found 0 where " in read_error(path)


# --------------------------------------------------------------------------- a hostile tester's


def _extract_edited(tmp_path: Path, edit) -> Path:
    """A copy of the project's UN DESA extract (every location of the 2024 revision) with
    ``edit(book)`` applied."""
    source = next((config.RAW_DIR / "undesa").glob("*.xlsx"))
    book = openpyxl.load_workbook(source)
    edit(book)
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / source.name
    book.save(path)
    return path


def _row_of(sheet, name: str):
    return next(row for row in sheet.iter_rows() if row[1].value == name)


def test_a_world_row_edited_sexes_and_all_is_refused(tmp_path):
    """The world's 2020 total and males each 100,000 higher passed every check: the world
    is the more and the less developed regions added up, to the person, as published."""

    def edit(book):
        sheet = book["Table 1"]
        world = {c.column: c for c in _row_of(sheet, "World")}
        total, males = [c.column for c in sheet[11] if c.value == 2020][:2]
        world[total].value += 100_000
        world[males].value += 100_000

    said = read_error(_extract_edited(tmp_path, edit))
    assert "sheet 'Table 1', cell" in said
    assert "expected the world's figure for 2020 to be the more and the less developed " in said


def test_a_second_row_for_a_location_is_refused_when_its_figures_differ(tmp_path):
    """A copy of Lebanon's row with every figure 1.25 times was left out without a word
    (above the first, it was the one read); the same row twice is the same location."""

    def twin(factor):
        def edit(book):
            sheet = book["Table 1"]
            cells = [c.value for c in _row_of(sheet, "Lebanon")]
            sheet.append([v * factor if isinstance(v, int) and v > 1000 else v for v in cells])

        return edit

    said = read_error(_extract_edited(tmp_path / "other", twin(1.25)))
    assert "a second row for 'Lebanon' (the first is row" in said
    assert "with other figures: expected one row per location" in said
    undesa.read_migrant_stock(_extract_edited(tmp_path / "same", twin(1)))


@pytest.mark.parametrize("header", ["date", "2024.0"])
def test_a_year_header_formatted_as_a_date_or_written_with_decimals_is_the_year(
    tmp_path, stocks, header
):
    """2024 formatted as a date (read as 16 July 1905) or typed "2024.0" lost its column:
    the figures of 2020 were taken for 2024's without a word."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    years_row = _header_cell(book["Table 1"], 2024).row
    for number in (1, 2):
        for cell in book[f"Table {number}"][years_row]:
            if cell.value == 2024:
                if header == "date":
                    cell.number_format = "dd/mm/yyyy"
                else:
                    cell.value = header
    book.save(path)
    pd.testing.assert_frame_equal(undesa.read_migrant_stock(path), stocks[2024], check_like=True)
    book = openpyxl.load_workbook(path)
    _header_cell(book["Table 1"], 2020).value = datetime.datetime(2020, 1, 1)  # a date typed
    book.save(path)
    assert "expected a year such as 2015, found the date 01 January 2020" in read_error(path)


def test_a_year_of_table_2_that_table_1_lacks_is_refused(tmp_path):
    """Table 2's 2024 typed as 2025: the rates per 1,000 took 2020's population."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    row = _header_cell(book["Table 1"], 2024).row
    for cell in book["Table 2"][row]:
        if cell.value == 2024:
            cell.value = 2025
    book.save(path)
    assert (
        "the year 2025 heads a column here but none in sheet 'Table 1' (which has 2024 instead)"
    ) in read_error(path)


def test_a_revision_code_later_than_the_tables_run_is_refused(tmp_path):
    """A 2020 workbook with "Rev.2020" changed to "Rev.2024" was read as the 2024 revision
    (and chosen over the real 2020 one beside it)."""
    path = dw.build(tmp_path, 2020)
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "Rev.2020" in cell.value:
                    cell.value = cell.value.replace("Rev.2020", "Rev.2024")
    book.save(path)
    with pytest.raises(InputError, match=r"its titles name the 2024 revision \(Rev\.2024\), "):
        undesa.revision(path)


def test_a_count_in_scientific_notation_is_refused_and_thin_spaces_group_thousands(tmp_path):
    """ "2.75284E+08" as text read as 275,284,000 (the UNHCR reader refuses such counts)."""
    path = dw.build(tmp_path / "e", 2020, edits={(1, 4, "total", 2015): "3.39432E+05"})
    assert "found '3.39432E+05': a number in scientific notation, rounded" in read_error(path)
    grouped = {(1, 4, "total", 2015): "339\u202f432"}  # a French locale's grouping
    stock = undesa.read_migrant_stock(dw.build(tmp_path / "fr", 2020, edits=grouped))
    assert stock.query("location_code == 4 and year == 2015")["migrants"].iloc[0] == 339_432


def test_a_numbered_note_under_the_2024_table_2_is_a_note(tmp_path, stocks):
    """A note numbered 1 under Table 2 (joined to Table 1 on sort numbers) was refused as a
    row that should be 'World'."""
    path = dw.build(tmp_path, 2024)
    book = openpyxl.load_workbook(path)
    sheet = book["Table 2"]
    below = sheet.max_row + 2
    sheet.cell(below, 1).value = 1
    sheet.cell(below, 2).value = "Including Agalega, Rodrigues and Saint Brandon."
    book.save(path)
    pd.testing.assert_frame_equal(undesa.read_migrant_stock(path), stocks[2024])


def test_a_password_protected_or_opendocument_workbook_is_said_to_be_one(tmp_path):
    protected = tmp_path / "protected" / "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"
    protected.parent.mkdir()
    protected.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    assert "a workbook saved with a password, or an old .xls" in read_error(protected)
    ods = tmp_path / "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert "an OpenDocument spreadsheet (.ods): save it as .xlsx" in read_error(ods)


def test_a_world_row_of_formulas_saved_without_values_is_said_to_be_one(tmp_path):
    """Formulas without their values read as empty cells: "no world row", though there is."""
    edits = {
        (1, 900, sex, year): None for sex in ("total", "male", "female") for year in dw.YEARS[2020]
    }
    stock = undesa.read_migrant_stock(dw.build(tmp_path, 2020, edits=edits))
    with pytest.raises(InputError, match="the world's row gives no migrant stock in any year"):
        undesa.world_migrants(stock, 2020)


def test_the_world_of_its_parts_allows_the_rounding_of_the_digits_shown(tmp_path):
    """A Table 2 rounded to whole thousands was refused: "added up (5,744,212), found
    5,744,213" (a reviewer); the check allows the rounding of the digits each cell shows."""

    def edit(book):
        sheet = book["Table 2"]
        column = next(c.column for c in sheet[11] if c.value == 2020)
        for name in ("World", "More developed regions", "Less developed regions"):
            cell = next(r for r in sheet.iter_rows() if r[1].value == name)[column - 1]
            cell.value = round(cell.value)

    stock = undesa.read_migrant_stock(_extract_edited(tmp_path, edit))
    assert stock.query("kind == 'world' and year == 2020")["population"].iloc[0] % 1000 == 0


def test_text_with_an_e_is_no_number_in_scientific_notation(tmp_path):
    path = dw.build(tmp_path, 2020, edits={(1, 4, "total", 2015): "see notes"})
    assert "expected a number or '..', found 'see notes'" in read_error(path)
