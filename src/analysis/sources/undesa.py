"""UN DESA International Migrant Stock: read the publisher's workbook by its labels.

Every revision since 2015 is read: ``UN_MigrantStockTotal_YYYY.xlsx`` (2015, 2017, 2019)
and ``undesa_pd_YYYY_ims_stock_by_sex_and_destination.xlsx`` (2020, 2024). Each holds one
table per sheet under a dozen lines of titles and citation. The revisions differ in
where things are, so nothing here relies on a cell position:

- a table is recognised by its title ("Table 1: International migrant stock at mid-year
  by sex ...", "Table 1. ..."), else by the label above its year columns, else by the
  usual sheet name ("Table 1");
- the header is the first row with a code label ("Location code", "Country code",
  "Code"); the years sit in that row (2020, 2024) or in the row under it (2015-2019,
  whose header row carries the block labels "International migrant stock at mid-year
  (both sexes)", "(male)", "(female)" over the years);
- the name, code, sort-order and type-of-data columns are found by their labels ("Major
  area, region, country or area of destination", "Region, development group, country or
  area", "Sort order" or the unlabelled column before the names, "Type of data (a)",
  "Data type");
- the sex of each block of year columns is read from the label above it.

Tables used: Table 1 (migrant stock by sex; required), Table 2 (total population, in
thousands), Table 3 (migrants as a percentage of the population), Table 4 (women as a
percentage of migrants). ``..`` marks a missing value. Tables 2-4 are joined to Table 1
on the location code; a table without usable codes (the 2024 Table 2, whose column
labelled "Location code" holds data-type notes) is joined on the sort number, and the
names must agree. What is read is checked: males + females = both sexes, and the
published shares agree with the counts, within rounding.
"""

from __future__ import annotations

import filecmp
import io
import itertools
import math
import re
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis import memo, notices
from analysis.atomic import write_atomic
from analysis.countries import iso3_of_numeric
from analysis.errors import InputError
from analysis.sources.files import (
    COMMA_GROUPED,
    unread_workbooks,
    unreadable,
    workbook_files,
)
from analysis.wording import listing, unaccented

if TYPE_CHECKING:  # openpyxl is imported where a workbook is read: notebooks never need it
    import openpyxl

__all__ = [
    "choose_workbook",
    "read_migrant_stock",
    "revision",
    "latest_estimate",
    "nearest_estimate",
    "world_migrants",
    "write_extract",
]

#: Columns of the tidy table :func:`read_migrant_stock` returns, in order.
COLUMNS = [
    "location",
    "location_code",
    "iso3",
    "kind",
    "data_type",
    "year",
    "migrants",
    "migrants_male",
    "migrants_female",
    "population",
    "migrant_share",
    "women_share",
]

#: A number in scientific notation ("2.75284E+08"), which a spreadsheet rounds.
_SCIENTIFIC = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+")
#: Day 0 of Excel's (1900) date system, and a whole number written with decimals.
_EXCEL_DAY_ZERO = datetime(1899, 12, 30)
_WHOLE_TEXT = re.compile(r"^\s*(\d+)\.0+\s*$")

# M49 code of the world (UN DESA's own 900; the standard M49 "001" in other products).
_WORLD_CODES = {900, 1}
_MISSING_TOKENS = {"", "..", "...", "\u2026"}
_HEADER_SEARCH_ROWS = 80
_TITLE_ROWS = 16  # the titles and citation of every sheet sit in its first rows of text
_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*$")
_TABLE_TITLE_RE = re.compile(r"^\s*Table\s+(\d+)\s*[:.\-\u2013\u2014]\s*(.+)$", re.IGNORECASE)
_SHEET_TABLE_RE = re.compile(r"^\s*Table\s*(\d+)\s*$", re.IGNORECASE)
# "POP/DB/MIG/Stock/Rev.2019"; "International Migrant Stock 2024: Destination";
# "Trends in International Migrant Stock: The 2015 revision".
_REVISION_RES = (
    re.compile(r"\bRev\.\s*((?:19|20)\d{2})\b", re.IGNORECASE),
    re.compile(
        r"International\s+Migrant\s+Stock\s*:?\s+(?:The\s+)?((?:19|20)\d{2})\b", re.IGNORECASE
    ),
)
_FILE_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

# The sheet each table usually sits on: the last resort when a table has no title text.
_USUAL_TABLE = {"migrants": 1, "population": 2, "migrant_share": 3, "women_share": 4}
_MEASURE_WORDS = {
    "migrants": "the international migrant stock",
    "population": "the total population",
    "migrant_share": "migrants' share of the population",
    "women_share": "women's share of migrants",
}
# How far a sum or share may be off before it is an error (beyond the cells' rounding).
_COUNT_TOLERANCE = 1.0  # persons
_RELATIVE_TOLERANCE = 0.001  # 0.1%, of a share
# ... of a sum: UN DESA's sexes add up to the total exactly, up to the rounding of each cell
# (0.1% let 300,000 more migrants in the world's total through: a hostile tester)
_SUM_TOLERANCE = 0.00001
# Fixed timestamp for the extract, so rebuilding it gives the same bytes.
_EXTRACT_TIMESTAMP = datetime(2020, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------- helpers


def _text(value: Any) -> str:
    """A cell's text, whitespace collapsed ('' for empty and non-text cells)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _year(value: Any) -> int | None:
    """The year a header cell holds (1990, 1990.0, '1990', '1990.0'; 2024 formatted as a
    date, which openpyxl reads as 16 July 1905), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):  # the day number the cell holds, as Excel counts
        value = (value - _EXCEL_DAY_ZERO) / timedelta(days=1)
    if isinstance(value, str):
        value = _WHOLE_TEXT.sub(r"\1", value)  # "2020.0", as a float written out
    if isinstance(value, int) and 1900 <= value <= 2100:
        return value
    if isinstance(value, float) and value.is_integer() and 1900 <= value <= 2100:
        return int(value)
    if isinstance(value, str):
        match = _YEAR_RE.match(_NOTE_MARKER.sub("", value))
        if match:
            return int(match.group(1))
    return None


def _whole(value: Any) -> int | None:
    """A whole number held by a cell (4, 4.0, ' 4 '), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _measure_of(text: str) -> str | None:
    """Which measure a table title (or its block labels) describes, or None if not used."""
    t = text.casefold()
    if not t or "rate of change" in t or "refugee" in t:
        return None
    percent = "percentage" in t or "per cent" in t or "percent" in t or "share" in t
    if percent and "population" in t:
        return "migrant_share"
    if percent and ("female" in t or "women" in t):
        return "women_share"
    if "total population" in t:
        return "population"
    if "migrant stock" in t or "international migrants" in t:
        return "migrants"
    return None


def _sex_of(label: str) -> str | None:
    """'total', 'male' or 'female' from a block label, or None."""
    t = label.casefold()
    if "both sexes" in t:
        return "total"
    if re.search(r"\b(females?|women)\b", t):
        return "female"
    if re.search(r"\b(males?|men)\b", t):
        return "male"
    if re.search(r"\btotal\b", t):  # after the sexes: "Total population at mid-year, males"
        return "total"
    return None


def _where(path: Path, sheet: str, row: int, col: int | None = None) -> str:
    """'file, sheet 'X', cell F27' (or 'row 27' when no column)."""
    from openpyxl.utils import get_column_letter

    place = f"cell {get_column_letter(col + 1)}{row}" if col is not None else f"row {row}"
    return f"{path}, sheet '{sheet}', {place}"


#: A note marker after a name or a year: "Kosovo*", "China 1/", "2020 a/", "Sudan (b)".
_NOTE_MARKER = re.compile(r"(?:\s*\*+|\s+(?:[a-z]|\d{1,2})/|\s+\([a-z]\))+\s*$")


def _plain(name: str) -> str:
    """A location name for comparing: note markers and spacing dropped, accents and curly
    apostrophes folded ("Côte d’Ivoire" is "cote d'ivoire"), case folded."""
    name = _NOTE_MARKER.sub("", name).replace("*", " ").replace("\u2019", "'")
    return " ".join(unaccented(name).split()).casefold()


def _half_unit(value: float) -> float:
    """Half a unit of the last digit a published number shows (3.6 -> 0.05, 4 -> 0.5)."""
    try:
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
    except (InvalidOperation, ValueError):
        return 0.0
    return 0.5 * 10.0 ** min(int(exponent), 0) if isinstance(exponent, int) else 0.0


# --------------------------------------------------------------------------- revision


#: The span of years a table's title gives ("…, 1990-2024").
_SPAN_RE = re.compile(r"(?:19|20)\d{2}\s*[-–]\s*((?:19|20)\d{2})")


def _tables_until(texts: list[str]) -> int | None:
    """The last year the tables' titles give ("…, 1990-2024"), or None."""
    spans = [int(m.group(1)) for t in texts if _STOCK_TITLE.match(t) for m in _SPAN_RE.finditer(t)]
    return max(spans, default=None)


def _revision_in(texts: list[str]) -> str | None:
    """The revision year a workbook's titles and citation name, the latest when they name
    several (a note "Compared with POP/DB/MIG/Stock/Rev.2020" in the 2024 workbook) but not
    after the last year its tables' titles give (a 2020 workbook's note "to be updated in
    Rev.2026"), or None."""
    until = _tables_until(texts)
    for pattern in _REVISION_RES:
        found = [match.group(1) for text in texts for match in pattern.finditer(text)]
        own = [year for year in found if until is None or int(year) <= until]
        if own or found:
            return max(own or found)
    return None


def _title_texts(rows: Iterable[tuple]) -> list[str]:
    """The texts of a sheet's first :data:`_TITLE_ROWS` rows of text above its header row
    of years (blank rows added above the titles do not push them out; no data row is
    taken for a title)."""
    texts: list[str] = []
    filled = 0
    for row in itertools.islice(rows, _HEADER_SEARCH_ROWS):
        cells = [_text(v) for v in row if _text(v)]
        years = sum(_year(v) is not None for v in row)
        if years >= 3 or filled == _TITLE_ROWS:
            break  # the header: the table starts
        filled += bool(cells)
        texts += cells
    return texts


def _revision_of(path: Path, texts: list[str], last_year: int | None = None) -> str | None:
    """The revision from the titles, else the last year its tables give (``last_year``: each
    revision estimates to its own year), else (last resort) the year in the file name; a
    workbook whose every revision code is later than its tables run is refused (a 2020
    workbook's "Rev.2020" changed to "Rev.2024" was read as the 2024 revision). A file
    name's year is no revision beside the tables' years: a 2020 workbook without its titles,
    saved as "..._2025-02-11.xlsx", was read as a "2025 revision" and chosen over 2024's."""
    found = _revision_in(texts)
    until = _tables_until(texts)
    if found is not None and until is not None and int(found) > until:
        raise InputError(
            f"{path}: its titles name the {found} revision (Rev.{found}), but its tables run "
            f"to {until}: expected a revision's tables to run to its own year (a title edited?)"
        )
    if found is None and last_year is not None:
        found = str(last_year)
    if found is None:  # the latest: "ims_destination_1990-2024.xlsx" is of the 2024 revision
        years = _FILE_YEAR_RE.findall(Path(path).name)
        found = max(years) if years else None
    return found


# --------------------------------------------------------------------------- scanning


@dataclass
class _Table:
    """One table found on a sheet: where its header is and what its columns hold."""

    sheet: str
    measure: str
    title: str
    header_row: int  # 1-based row of the year cells; the location rows follow it
    name_col: int  # 0-based column indexes
    code_col: int | None
    sort_col: int | None
    type_col: int | None
    blocks: dict[str, dict[int, int]]  # sex -> year -> column
    factor: float
    rows: list[tuple] = field(default_factory=list)  # every row of the sheet, from row 1


@dataclass
class _Scan:
    path: Path
    tables: dict[str, _Table]
    sheets: list[str]
    texts: list[str]  # the title lines of every sheet


#: The first bytes of a compound (OLE) file: an old .xls, or an .xlsx saved with a password.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _what_it_is(path: Path, error: Exception) -> str:
    """What a file that openpyxl cannot open is, where its first bytes tell: a password-
    protected workbook (or an old .xls), or an OpenDocument spreadsheet; else the error."""
    try:
        with open(path, "rb") as file:
            head = file.read(len(_OLE_MAGIC))
        if head == _OLE_MAGIC:
            return "a workbook saved with a password, or an old .xls: save it as .xlsx without one"
        with zipfile.ZipFile(path) as archive:
            if b"opendocument" in archive.read("mimetype"):
                return "an OpenDocument spreadsheet (.ods): save it as .xlsx"
    except (OSError, KeyError, zipfile.BadZipFile):
        pass
    return type(error).__name__


def _open(path: Path) -> openpyxl.Workbook:
    path = Path(path)
    if not path.is_file():
        raise InputError(
            f"{path}: file not found: expected a UN DESA International Migrant Stock "
            "workbook (.xlsx)"
        )
    import openpyxl

    try:
        with warnings.catch_warnings():  # openpyxl warns of each part it cannot place
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except PermissionError as exc:
        raise unreadable(path, exc) from None
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError, ...
        raise InputError(
            f"{path}: cannot be read as an Excel workbook (.xlsx) ({_what_it_is(path, exc)}): "
            "expected the UN DESA International Migrant Stock workbook as published"
        ) from None
    if not book.sheetnames:  # openpyxl finds no sheet in a "Strict Open XML" workbook
        book.close()
        raise InputError(
            f"{path}: no sheet could be read (a workbook saved as 'Strict Open XML "
            "Spreadsheet' is not); expected an 'Excel Workbook (.xlsx)'"
        )
    return book


def _iter_rows(ws) -> Any:
    """Rows of a sheet as value tuples, from row 1 and column A whatever the stored dimension."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a wrong <dimension> element would otherwise truncate the sheet
    return ws.iter_rows(min_row=1, min_col=1, values_only=True)


def _is_code_label(text: str) -> bool:
    """'Location code', 'Country code', 'Code' (not 'Notes' nor 'Population notes')."""
    t = text.casefold()
    return "code" in t and "note" not in t


def _year_cols(row: tuple) -> list[int]:
    return [col for col, value in enumerate(row) if _year(value) is not None]


def _has_code_label(row: tuple) -> bool:
    return any(_is_code_label(_text(v)) for v in row)


def _header_end(rows: list[tuple]) -> tuple[int, int] | None:
    """(label row, year row) indexes when the last row read completes a table header.

    The labels and the years share one row (2020, 2024), or the years are in the row
    under the labels (2015-2019).
    """
    last = len(rows) - 1
    if len(_year_cols(rows[last])) < 2:
        return None
    if _has_code_label(rows[last]):
        return last, last
    if last and _has_code_label(rows[last - 1]) and len(_year_cols(rows[last - 1])) < 2:
        return last - 1, last
    return None


def _title_of(rows: list[tuple]) -> str:
    """The 'Table N: ...' title text among the given rows ('' if none)."""
    for row in rows:
        for value in row:
            match = _TABLE_TITLE_RE.match(_text(value))
            if match:
                return match.group(2)
    return ""


def _table_number(title_rows: list[tuple], sheet: str) -> int | None:
    for row in title_rows:
        for value in row:
            match = _TABLE_TITLE_RE.match(_text(value))
            if match:
                return int(match.group(1))
    match = _SHEET_TABLE_RE.match(sheet)
    return int(match.group(1)) if match else None


def _usual_measure(title_rows: list[tuple], sheet: str) -> str | None:
    number = _table_number(title_rows, sheet)
    return next((m for m, n in _USUAL_TABLE.items() if n == number), None)


def _find_col(labels: tuple, test: Callable[[str], bool]) -> int | None:
    for col, value in enumerate(labels):
        if test(_text(value).casefold()):
            return col
    return None


def _is_name_label(t: str) -> bool:
    """'Region, development group, country or area', 'Major area, region, country or area
    of destination' and the like."""
    named = "country or area" in t or "region" in t or t.startswith(("location", "major area"))
    return named and "code" not in t and "note" not in t


def _sort_col(labels: tuple, name_col: int, code_col: int | None) -> int | None:
    """The 'Sort order' column, else the unlabelled column just before the names."""
    col = _find_col(labels, lambda t: "sort" in t)
    if col is not None:
        return col
    before = name_col - 1
    if before >= 0 and before != code_col and not _text(labels[before]):
        return before
    return None


def _block_labels(rows: list[tuple], header_index: int) -> dict[int, str]:
    """{column: label} of the nearest row above the years with text over the year columns."""
    year_cols = _year_cols(rows[header_index])
    if not year_cols:
        return {}
    for index in range(header_index - 1, max(header_index - 8, -1), -1):
        found = {
            col: _text(v) for col, v in enumerate(rows[index]) if col >= year_cols[0] and _text(v)
        }
        if found:
            return found
    return {}


def _runs(header: tuple, labels: dict[int, str]) -> list[tuple[str, list[tuple[int, int]]]]:
    """Year columns split into runs: a new run starts under a new label or at a year the run
    already has (the years start again; they need not be in order). A label repeated over
    each column (merged cells unmerged and filled across) is one label. Each run: (label,
    [(column, year), ...])."""
    runs: list[tuple[str, list[tuple[int, int]]]] = []
    previous: str | None = None  # the label of the run
    for col, value in enumerate(header):
        year = _year(value)
        if year is None:
            continue
        label_col = max((c for c in labels if c <= col), default=None)
        label = labels.get(label_col, "") if label_col is not None else ""
        if not runs or label != previous or year in (y for _, y in runs[-1][1]):
            runs.append((label, []))
        runs[-1][1].append((col, year))
        previous = label
    return runs


#: A header cell that names one year in a way not read as one ("FY2015", "mid-2015").
_ONE_YEAR = re.compile(r"^\D*(?:19|20)\d{2}\D*$")


def _refuse_unread_years(path: Path, sheet: str, header: tuple, header_index: int) -> None:
    """Fail on a cell among the year columns that names a year not read as one: its column
    would be left out, and an earlier year taken for the latest, without a word."""
    years = _year_cols(header)
    for col in range(years[0], years[-1] + 1):
        value = header[col] if col < len(header) else None
        if isinstance(value, datetime) and _year(value) is None:
            found = f"the date {value:%d %B %Y}"
        elif _year(value) is None and _ONE_YEAR.match(_text(value)):
            found = repr(_text(value))
        else:
            continue
        raise InputError(
            f"{_where(path, sheet, header_index + 1, col)}: expected a year such as 2015, "
            f"found {found}"
        )


def _blocks(
    path: Path, sheet: str, rows: list[tuple], header_index: int, measure: str
) -> dict[str, dict[int, int]]:
    """Sex blocks of year columns: {'total': {1990: col, ...}, 'male': ..., 'female': ...}."""
    _refuse_unread_years(path, sheet, rows[header_index], header_index)
    runs = _runs(rows[header_index], _block_labels(rows, header_index))
    if measure == "women_share":
        # One block ("Female migrants as a percentage of ..."): its label names no sex.
        sexes: list[str | None] = ["total"] + [None] * (len(runs) - 1)
    elif len(runs) == 1:
        sexes = [_sex_of(runs[0][0]) or "total"]
    else:
        sexes = [_sex_of(label) for label, _ in runs]
        for at, ((label, cols), sex) in enumerate(zip(runs, sexes, strict=True)):
            if sex is not None and sex in sexes[:at]:  # a block without a label of its own
                sex = None
            before = runs[at - 1][1] if at else []
            if sex is None and cols[0][1] in (y for _, y in before) and len(cols) < len(before):
                raise InputError(  # a few years start again under no label: one typed twice?
                    f"{_where(path, sheet, header_index + 1, cols[0][0])}: the year "
                    f"{cols[0][1]} again, under no label of its own: expected each year once "
                    "in a block (a year typed wrong?)"
                )
            if sex is None:
                raise InputError(
                    f"{_where(path, sheet, header_index + 1, cols[0][0])}: cannot tell which sex "
                    "the year columns from here hold: expected a label such as 'both sexes "
                    f"combined', 'males' or 'females' above them, found {label or 'none'!r}"
                )
    blocks: dict[str, dict[int, int]] = {}
    for (_, cols), sex in zip(runs, sexes, strict=True):
        if sex is None:  # the women's share table's blocks after the first
            continue
        blocks[sex] = {}
        for col, year in cols:
            blocks[sex].setdefault(year, col)
    if "total" not in blocks:
        raise InputError(
            f"{_where(path, sheet, header_index + 1, runs[0][1][0][0])}: expected a block of "
            "year columns for both sexes combined (a label 'both sexes combined' above them)"
        )
    return blocks


def _refuse_other_years(path: Path, table: _Table) -> None:
    """Fail when a sex block has a year that both sexes combined lack: a year typed wrong
    over one column (2025 for 2024) would give an estimate UN DESA never made, and the
    year's own go missing. (A year added to one block alone leaves its figures null.)"""
    total = table.blocks["total"]
    for sex in ("male", "female"):
        other = table.blocks.get(sex, {})
        lacking = sorted(set(other) - set(total))
        if not lacking:
            continue
        extra = sorted(set(total) - set(other))
        if extra:
            at = _where(path, table.sheet, table.header_row, total[extra[0]])
            raise InputError(
                f"{at}: the year {extra[0]} heads both sexes combined where the {sex}s have "
                f"{lacking[0]}: expected the same years in each block (a year typed wrong?)"
            )
        at = _where(path, table.sheet, table.header_row, other[lacking[0]])
        raise InputError(
            f"{at}: the year {lacking[0]} heads the {sex}s but not both sexes combined: "
            "expected the same years in each block (a column missing?)"
        )


def _refuse_years_table_1_lacks(path: Path, table: _Table, stock: _Table) -> None:
    """Fail when a table has a year Table 1 lacks: its figures would never be read, and
    those of the year typed wrong (Table 2's 2024 as 2025) not found, so that the rates per
    1,000 took the 2020 population without a word."""
    years, own = table.blocks["total"], set(stock.blocks["total"])
    extra = sorted(set(years) - own)
    if not extra:
        return
    lacking = sorted(own - set(years))
    instead = f" (which has {lacking[0]} instead)" if lacking else ""
    raise InputError(
        f"{_where(path, table.sheet, table.header_row, years[extra[0]])}: the year {extra[0]} "
        f"heads a column here but none in sheet '{stock.sheet}'{instead}: expected the years "
        f"of sheet '{stock.sheet}' (a year typed wrong?)"
    )


def _measure(rows: list[tuple], label_index: int, header_index: int, sheet: str) -> str | None:
    """The measure of a table: from its title, else its block labels, else its sheet name."""
    title_rows = rows[:label_index]
    title = _title_of(title_rows)
    if title:
        return _measure_of(title)
    labels = _block_labels(rows, header_index)
    if labels:
        return _measure_of(labels[min(labels)])
    return _usual_measure(title_rows, sheet)


def _table(
    path: Path, sheet: str, rows: list[tuple], label_index: int, header_index: int, measure: str
) -> _Table:
    """Where a table's columns are, from the labels left of its years."""
    first_year = _year_cols(rows[header_index])[0]
    labels = tuple(rows[label_index][:first_year])
    code_col = _find_col(labels, _is_code_label)
    name_col = _find_col(labels, _is_name_label)
    origin_col = _find_col(labels, lambda t: re.search(r"\borigin\b", t) is not None)
    if origin_col is not None:  # one row per pair of countries: no total per destination
        raise InputError(
            f"{_where(path, sheet, label_index + 1, origin_col)}: a table by destination and "
            f"origin ({_text(labels[origin_col])!r}): expected UN DESA's workbook by "
            "destination ('undesa_pd_YYYY_ims_stock_by_sex_and_destination.xlsx')"
        )
    if name_col is None:
        raise InputError(
            f"{_where(path, sheet, label_index + 1)}: expected a column of location names "
            "headed 'Region, development group, country or area' (or 'Major area, region, "
            "country or area of destination')"
        )
    text_above = " ".join(_text(v) for row in rows[:header_index] for v in row).casefold()
    factor = 1000.0 if measure == "population" and "thousand" in text_above else 1.0
    return _Table(
        sheet=sheet,
        measure=measure,
        title=_title_of(rows[:label_index]),
        header_row=header_index + 1,
        name_col=name_col,
        code_col=code_col,
        sort_col=_sort_col(labels, name_col, code_col),
        type_col=_find_col(labels, lambda t: "type of data" in t or "data type" in t),
        blocks=_blocks(path, sheet, rows, header_index, measure),
        factor=0.01 if measure in ("migrant_share", "women_share") else factor,
        rows=rows,
    )


def _head(iterator: Iterator[tuple]) -> tuple[list[tuple], tuple[int, int] | None]:
    """The rows of a sheet down to its header, and the header's (label, year) row indexes."""
    rows: list[tuple] = []
    for row in iterator:
        rows.append(row)
        header = _header_end(rows)
        if header is not None:
            return rows, header
        if len(rows) >= _HEADER_SEARCH_ROWS:
            break
    return rows, None


def _no_header(path: Path, sheet: str, rows: list[tuple], tables: dict) -> None:
    """Refuse a sheet titled as a table this reader uses whose header cannot be found (a
    contents sheet, which lists the titles of several tables, is no table)."""
    listed = {
        match.group(1)
        for row in rows
        for value in row
        if (match := _TABLE_TITLE_RE.match(_text(value)))
    }
    if len(listed) > 1:
        return
    title = _title_of(rows)
    measure = _measure_of(title) if title else _usual_measure(rows, sheet)
    if measure is not None and measure not in tables:
        raise InputError(
            f"{path}, sheet '{sheet}': no header row found in the first {_HEADER_SEARCH_ROWS} "
            "rows: expected a row holding a code column ('Location code', 'Country code' or "
            "'Code') with year columns (1990, 1995, ...) in it or in the row under it"
        )


def _scan_sheets(path: Path, wb: openpyxl.Workbook) -> _Scan:
    tables: dict[str, _Table] = {}
    texts: list[str] = []
    for ws in wb.worksheets:
        iterator = _iter_rows(ws)
        rows, header = _head(iterator)
        texts += _title_texts(rows)
        if header is None:
            _no_header(path, ws.title, rows, tables)
            continue
        label_index, header_index = header
        measure = _measure(rows, label_index, header_index, ws.title)
        if measure is None:
            continue
        rows.extend(iterator)
        table = _table(path, ws.title, rows, label_index, header_index, measure)
        if measure in tables:  # a copy of a sheet (Excel's Move or Copy), edited or not?
            _same_table(path, tables[measure], table)
            continue
        tables[measure] = table
    return _Scan(path=path, tables=tables, sheets=list(wb.sheetnames), texts=texts)


def _same_table(path: Path, first: _Table, other: _Table) -> None:
    """Refuse two sheets holding one table with different figures (which one to read?)."""

    def content(table: _Table) -> tuple:
        return table.blocks, table.factor, table.rows[table.header_row :]

    if content(first) == content(other):
        return
    what = f"{_MEASURE_WORDS[first.measure]} (Table {_USUAL_TABLE[first.measure]})"
    raise InputError(
        f"{path}: sheets '{first.sheet}' and '{other.sheet}' both hold {what}, with different "
        "figures: keep one"
    )


def _scan(path: Path) -> _Scan:
    """Find Tables 1-4 in the workbook by their titles and header labels."""
    path = Path(path)
    wb = _open(path)
    try:
        scan = _scan_sheets(path, wb)
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet inside a readable archive
        raise InputError(
            f"{path}: cannot be read as an Excel workbook ({type(exc).__name__}: {exc}): "
            "expected the UN DESA International Migrant Stock workbook as published"
        ) from None
    finally:
        wb.close()
    if "migrants" not in scan.tables:
        raise InputError(
            f"{path}: workbook has no migrant-stock table (Table 1): expected a sheet titled "
            "'International migrant stock at mid-year by sex ...' whose header row holds "
            f"'Location code' and year columns (sheets: {', '.join(scan.sheets)})"
        )
    return scan


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class _Location:
    """One location row of a table."""

    row: int  # 1-based
    code: int | None
    sort: int | None
    name: str  # note marker '*' and indentation removed
    type_of_data: str


def _number(path: Path, table: _Table, row: int, col: int, value: Any) -> float | None:
    """A count or percentage cell: a number, or None for '..' (missing)."""
    if value is None:
        return None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int | float) and math.isfinite(value):
        return _non_negative(path, table, row, col, float(value))
    elif isinstance(value, str):
        text = value.strip()
        if text in _MISSING_TOKENS:
            return None
        compact = "".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())
        if _SCIENTIFIC.fullmatch(compact):
            raise InputError(  # "2.75284E+08" for 275,284,032: the last digits are lost
                f"{_where(path, table.sheet, row, col)}: expected a number or '..' in full, "
                f"found {value!r}: a number in scientific notation, rounded"
            )
        if "," in compact and not COMMA_GROUPED.fullmatch(compact):  # "5805,962": no 5,805,962
            raise InputError(
                f"{_where(path, table.sheet, row, col)}: expected a number or '..' (commas "
                f"only between thousands), found {value!r}: a decimal comma?"
            )
        try:
            number = float(compact.replace(",", ""))
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return _non_negative(path, table, row, col, number)
    raise InputError(
        f"{_where(path, table.sheet, row, col)}: expected a number or '..', found {value!r}"
    )


#: No cell of the tables, in any of their units, holds a number this large (the world's
#: population is about 8 billion people, 8 million thousands): 1e19 migrants ended in a
#: TypeError from pandas.
_LARGEST = 1e12


def _non_negative(path: Path, table: _Table, row: int, col: int, number: float) -> float:
    if number < 0:
        raise InputError(
            f"{_where(path, table.sheet, row, col)}: expected a non-negative number or '..', "
            f"found {number:g}"
        )
    if number > _LARGEST:
        raise InputError(
            f"{_where(path, table.sheet, row, col)}: expected a number of people or a share, "
            f"found {number:,.0f}: more than any population"
        )
    return number


def _location_code(path: Path, table: _Table, row: int, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = _whole(value)
    if code is None:
        raise InputError(
            f"{_where(path, table.sheet, row, table.code_col)}: expected a location code "
            f"(a whole number), found {value!r}"
        )
    return code


def _cell(row: tuple, col: int | None) -> Any:
    return row[col] if col is not None and col < len(row) else None


def _data_rows(table: _Table) -> Iterator[tuple[int, tuple]]:
    """(1-based row number, cells) of every row under the header."""
    for index in range(table.header_row, len(table.rows)):
        yield index + 1, table.rows[index]


def _has_codes(table: _Table) -> bool:
    """Whether the table's code column holds location codes (the 2024 Table 2's does not)."""
    return any(_whole(_cell(row, table.code_col)) is not None for _, row in _data_rows(table))


def _locations(path: Path, table: _Table, by_code: bool = True) -> list[_Location]:
    """Every location row, in order: rows with a location code (or, when ``by_code`` is
    False, with a sort number); blank lines and footnotes are skipped."""
    out = []
    for number, row in _data_rows(table):
        code = _location_code(path, table, number, _cell(row, table.code_col)) if by_code else None
        sort = _whole(_cell(row, table.sort_col))
        name = _text(_cell(row, table.name_col))
        if (code if by_code else sort) is None:
            _refuse_figures_without_a_key(path, table, number, row, name, by_code)
            continue
        if not name:
            which = code if by_code else f"with sort number {sort}"
            raise InputError(
                f"{_where(path, table.sheet, number, table.name_col)}: expected the name of "
                f"location {which}, found an empty cell"
            )
        kind = _text(_cell(row, table.type_col))
        out.append(_Location(number, code, sort, _NOTE_MARKER.sub("", name).strip(), kind))
    return out


def _refuse_figures_without_a_key(
    path: Path, table: _Table, number: int, row: tuple, name: str, by_code: bool
) -> None:
    """Refuse a named row with figures but no location code (or sort number): it was skipped
    as a footnote, and its place said to have no estimate (Aruba's code cleared: "UN DESA
    gives no estimate for Aruba", and it left the rates per 1,000; a hostile tester)."""
    if not name or all(_empty(_cell(row, col)) for col in _figure_columns(table)):
        return  # a note, a blank line
    key, col = ("location code", table.code_col) if by_code else ("sort number", table.sort_col)
    raise InputError(
        f"{_where(path, table.sheet, number, col)}: {name!r} has figures but no {key}: "
        f"expected its {key} (a whole number)"
    )


def _rows_by_sort(
    path: Path, table: _Table, stock: _Table, stock_locations: list[_Location]
) -> dict[int, int]:
    """{location code: row} of a table without codes, joined to Table 1 on the sort number;
    the names must agree."""
    by_sort = {loc.sort: loc for loc in stock_locations if loc.sort is not None}
    if table.sort_col is None or not by_sort:
        raise InputError(
            f"{_where(path, table.sheet, table.header_row)}: cannot join this table to sheet "
            f"'{stock.sheet}': expected location codes, or sort numbers in both tables"
        )
    rows: dict[int, int] = {}
    for loc in _locations(path, table, by_code=False):
        match = by_sort.get(loc.sort)
        if _a_note(table, loc) and (match is None or _plain(loc.name) != _plain(match.name)):
            continue  # a numbered note under the table ("1 Including Agalega ...")
        if match is None:
            raise InputError(
                f"{_where(path, table.sheet, loc.row, table.sort_col)}: sort number {loc.sort} "
                f"is not in sheet '{stock.sheet}': expected the same rows as that table"
            )
        if _plain(loc.name) != _plain(match.name):
            raise InputError(
                f"{_where(path, table.sheet, loc.row, table.name_col)}: expected "
                f"{match.name!r} (sort number {loc.sort}, as in sheet '{stock.sheet}', row "
                f"{match.row}), found {loc.name!r}"
            )
        _refuse_twin_of_other_figures(path, table, rows, match.code, loc)
        rows.setdefault(match.code, loc.row)
    return rows


def _figure_columns(table: _Table) -> list[int]:
    """The columns of figures: every sex block's year columns, in order."""
    return sorted({col for block in table.blocks.values() for col in block.values()})


def _a_note(table: _Table, loc: _Location) -> bool:
    """Whether a row has no cell filled under the years: a note, or a location without
    figures (Saint Barthélemy's row is empty, as published)."""
    row = table.rows[loc.row - 1]
    return all(_empty(_cell(row, col)) for col in _figure_columns(table))


def _refuse_twin_of_other_figures(
    path: Path, table: _Table, rows: dict[int, int], code: int | None, loc: _Location
) -> None:
    """Refuse a second row for a location already read with other figures: the first row
    was read and the other left out without a word (a region UN DESA lists twice, Australia
    and New Zealand, has the same figures in both)."""
    if code not in rows:
        return
    first, again = table.rows[rows[code] - 1], table.rows[loc.row - 1]
    differ = [c for c in _figure_columns(table) if _cell(first, c) != _cell(again, c)]
    if differ:
        raise InputError(
            f"{_where(path, table.sheet, loc.row, differ[0])}: a second row for {loc.name!r} "
            f"(the first is row {rows[code]}) with other figures: expected one row per location"
        )


def _rows_by_code(
    path: Path, table: _Table, stock: _Table, stock_locations: list[_Location]
) -> dict[int, int]:
    """{location code: row number} of a table (the first row of a code listed twice)."""
    if table is not stock and not _has_codes(table):
        return _rows_by_sort(path, table, stock, stock_locations)
    locations = stock_locations if table is stock else _locations(path, table)
    stock_names = {loc.code: loc for loc in reversed(stock_locations)}  # (a code's first row)
    rows: dict[int, int] = {}
    names: dict[int, str] = {}
    for loc in locations:
        same = stock_names.get(loc.code)
        if table is not stock and same is not None and _plain(same.name) != _plain(loc.name):
            raise InputError(  # codes swapped in one table (Jordan's 400 beside "Lebanon")
                f"{_where(path, table.sheet, loc.row, table.code_col)}: location code "
                f"{loc.code} is {loc.name!r} here and {same.name!r} in sheet '{stock.sheet}' "
                f"(row {same.row}): expected the same location under a code in every table"
            )
        if loc.code in names and _plain(names[loc.code]) != _plain(loc.name):
            raise InputError(
                f"{_where(path, table.sheet, loc.row, table.code_col)}: location code "
                f"{loc.code} is {names[loc.code]!r} in row {rows[loc.code]} and {loc.name!r} "
                "here: expected one location per code"
            )
        names.setdefault(loc.code, loc.name)
        _refuse_twin_of_other_figures(path, table, rows, loc.code, loc)
        rows.setdefault(loc.code, loc.row)
    return rows


def _refuse_rows_missing(
    path: Path, table: _Table, stock: _Table, locations: list[_Location], rows: dict[int, int]
) -> None:
    """Refuse a table without a row for one of Table 1's locations (as published, each table
    has a row for every one): a row deleted from Table 2 read as a population of '..', and
    Lebanon left the rates per 1,000 without a word."""
    missing = [loc for loc in locations if loc.code not in rows]
    if not missing:
        return
    first, more = missing[0], len(missing) - 1
    raise InputError(
        f"{path}: sheet '{table.sheet}' has no row for {first.name!r} (sheet '{stock.sheet}', "
        f"row {first.row}){f' nor for {more:,} more' if more else ''}: expected a row for "
        f"every location of sheet '{stock.sheet}' (a row deleted?)"
    )


def _refuse_rows_table_1_lacks(
    path: Path, table: _Table, stock: _Table, locations: list[_Location], rows: dict[int, int]
) -> None:
    """Refuse a location another table has and Table 1 lacks (each table has the same rows,
    as published): Table 1's row deleted, its migrants were read as no estimate."""
    known = {loc.code for loc in locations}
    extra = [code for code in rows if code not in known]
    if table is stock or not extra:
        return
    row = rows[extra[0]]
    name = _text(_cell(table.rows[row - 1], table.name_col))
    raise InputError(
        f"{_where(path, table.sheet, row, table.code_col)}: {name!r} (location code "
        f"{extra[0]}) has no row in sheet '{stock.sheet}': expected the same locations in "
        "every table (a row deleted?)"
    )


#: The share of the world's migrants its countries may fall short of before the workbook is
#: refused as cut short, and may differ from it without a warning (in the 2020 and 2024
#: revisions they add up to the person).
_COUNTRIES_SHORT_AT_MOST, _COUNTRIES_OFF_AT_MOST = 0.01, 0.0001


def _check_countries_make_the_world(frame: pd.DataFrame, path: Path) -> None:
    """Refuse a workbook whose countries fall short of its world's migrants by more than
    :data:`_COUNTRIES_SHORT_AT_MOST` (its tables cut short: 51 hosts lost their rates with a
    warning each); warn of a smaller gap (a country's rows deleted from every table)."""
    migrants = frame.dropna(subset=["migrants"])
    world = migrants[migrants["kind"] == "world"].groupby("year")["migrants"].sum()
    countries = migrants[migrants["kind"] == "country"].groupby("year")["migrants"].sum()
    gap = (world - countries.reindex(world.index, fill_value=0)).dropna()
    if gap.empty or (gap.abs() <= _COUNTRIES_OFF_AT_MOST * world[gap.index]).all():
        return
    short = gap[gap > _COUNTRIES_SHORT_AT_MOST * world[gap.index]]
    year = int(short.index[-1] if len(short) else gap.abs()[::-1].idxmax())  # the latest
    said = (
        f"{path}: the countries' migrants in {year} add up to {countries.get(year, 0):,.0f}, "
        f"the world's are {world[year]:,.0f}"
    )
    if len(short):
        raise InputError(
            f"{said}: expected the countries to make the world (rows deleted, or the tables "
            f"cut short?){_given_no_estimate(frame)}"
        )
    if gap[year] < 0:  # more than the world: a region read as a country (927, 2024)?
        notices.warn(f"{said}: a region counted as a country, or a country twice?")
    else:
        notices.warn(f"{said}: a country's rows deleted?")


def _given_no_estimate(frame: pd.DataFrame) -> str:
    """``; Germany (location code 276) has '..' in every year``: the countries a workbook
    gives no migrant estimate at all but a share of the population of migrants (a row
    emptied, not deleted; an auditor; the 2020 revision publishes Saint Barthélemy's with
    neither), or ""."""
    countries = frame[frame["kind"] == "country"]
    by = countries.groupby(["location", "location_code"], sort=False)
    counted = by[["migrants", "migrant_share"]].count()
    emptied = counted[(counted["migrants"] == 0) & (counted["migrant_share"] > 0)]
    none = [f"{name} (location code {code})" for name, code in emptied.index]
    if not none:
        return ""
    verb = "has" if len(none) == 1 else "have"
    return f"; {listing(none[:3], escape=False)} {verb} '..' in every year"


def _refuse_figures_under_no_year(path: Path, table: _Table, rows: dict[int, int]) -> None:
    """Refuse a column of figures among the year columns (or just after them) with no year
    above it: a header cell merged with its neighbour (Excel keeps the left one's year),
    which left the latest estimate out without a word."""
    if not rows:
        return
    header = table.rows[table.header_row - 1]
    years = set(_figure_columns(table))
    first_row = table.rows[min(rows.values()) - 1]  # the world's, as published
    for col in range(min(years), max(years) + 2):
        if col in years or not _empty(_cell(header, col)):
            continue
        value = _cell(first_row, col)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise InputError(
                f"{_where(path, table.sheet, table.header_row, col)}: an empty header cell "
                "over a column of figures (a header cell merged with the one beside it?): "
                "expected a year above each column of figures"
            )


def _values(
    path: Path, table: _Table, sex: str, rows: dict[int, int]
) -> dict[tuple[int, int], float | None]:
    """{(location code, year): value as published (unscaled)} for one sex block."""
    block = table.blocks.get(sex, {})
    out: dict[tuple[int, int], float | None] = {}
    for code, number in rows.items():
        row = table.rows[number - 1]
        cells = {year: _cell(row, col) for year, col in block.items()}
        _no_empty_cell_among_figures(path, table, number, block, cells)
        for year, col in block.items():
            out[(code, year)] = _number(path, table, number, col, cells[year])
    return out


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _no_empty_cell_among_figures(
    path: Path, table: _Table, row: int, block: dict[int, int], cells: dict[int, Any]
) -> None:
    """Refuse an empty cell in a row that has figures: UN DESA writes '..' where it has no
    estimate, and leaves only whole rows empty (Saint Barthélemy); an empty cell among
    figures is a formula saved without its value, or a figure deleted."""
    empty = [year for year, value in cells.items() if _empty(value)]
    if empty and len(empty) < len(cells):
        raise InputError(
            f"{_where(path, table.sheet, row, block[empty[0]])}: an empty cell in a row with "
            "figures: expected a number or '..' (a formula saved without its value? open "
            "the workbook in a spreadsheet and save it again)"
        )


def _kind(code: int, name: str, type_of_data: str) -> str:
    if code in _WORLD_CODES or name.casefold() == "world":
        return "world"
    if iso3_of_numeric(code) is not None or (type_of_data and code < 900):  # 900 up: M49's groups
        return "country"  # the Channel Islands (830) too; not Australia/New Zealand (927)
    return "aggregate"


# --------------------------------------------------------------------------- checks


@dataclass
class _Read:
    """What was read: each measure's table, rows and published values."""

    path: Path
    tables: dict[str, _Table]
    rows: dict[str, dict[int, int]]  # measure -> location code -> row number
    values: dict[str, dict[tuple[int, int], float | None]]  # column -> (code, year) -> value

    def where(self, measure: str, code: int, year: int, sex: str = "total") -> str:
        table = self.tables[measure]
        return _where(self.path, table.sheet, self.rows[measure][code], table.blocks[sex][year])


def _check_sexes(read: _Read) -> None:
    """Males + females = both sexes, within rounding (1 person or 0.1%)."""
    male, female = read.values["migrants_male"], read.values["migrants_female"]
    for key, total in read.values["migrants"].items():
        m, f = male.get(key), female.get(key)
        if total is None or m is None or f is None:
            continue
        if abs(m + f - total) > max(_COUNT_TOLERANCE, _SUM_TOLERANCE * abs(total)):
            raise InputError(
                f"{read.where('migrants', *key)}: expected both sexes combined = males + "
                f"females ({m:,.0f} + {f:,.0f} = {m + f:,.0f}) for {key[1]}, found {total:,.0f}"
            )


#: UN DESA's development groups, more and less developed regions (M49 901, 902): together
#: the world, to the person, in every revision read.
_DEVELOPMENT_GROUPS = (901, 902)


def _check_world_of_its_parts(read: _Read) -> None:
    """The world = the more + the less developed regions, where the table has both (to a
    person, beyond the rounding of the digits each shows): a world row edited, total and
    males alike, passed every other check and gave 100,000 more migrants."""
    columns = [("migrants", "migrants", "total"), ("migrants_male", "migrants", "male")]
    columns += [("migrants_female", "migrants", "female"), ("population", "population", "total")]
    for column, measure, sex in columns:
        table, values = read.tables.get(measure), read.values[column]
        if table is None:
            continue
        for (code, year), world in values.items():
            parts = [values.get((group, year)) for group in _DEVELOPMENT_GROUPS]
            if code not in _WORLD_CODES or world is None or None in parts:
                continue
            added = sum(parts)  # type: ignore[arg-type]
            rounding = sum(_half_unit(v) for v in (world, *parts))  # as many digits as shown
            if abs(world - added) * table.factor > _COUNT_TOLERANCE + rounding * table.factor:
                unit = " thousand" if table.factor == 1000 else ""
                raise InputError(
                    f"{read.where(measure, code, year, sex)}: expected the world's figure for "
                    f"{year} to be the more and the less developed regions' added up "
                    f"({_shown(added)}{unit}), found {_shown(world)}{unit}"
                )


def _shown(number: float) -> str:
    """A published number as it reads: 275,284,032; 7,975,105.156 (thousands)."""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,.3f}"


def _ratio_tolerance(share: float, part: float, whole: float, whole_half_unit: float) -> float:
    """How far a published percentage may be from 100 * part / whole through rounding alone:
    each number rounded to the digits it shows, at least 0.1% of the share."""
    computed = 100 * part / whole
    spread = _half_unit(share) + 100 / whole * (_half_unit(part) + computed / 100 * whole_half_unit)
    return max(spread, _RELATIVE_TOLERANCE * abs(share))


def _check_ratio(
    read: _Read, measure: str, part: str, whole: str, whole_factor: float, what: str
) -> None:
    """A published percentage (Table 3 or 4) against 100 * part / whole from the counts."""
    if measure not in read.tables:
        return
    for key, share in read.values[measure].items():
        a, b = read.values[part].get(key), read.values[whole].get(key)
        if share is None or a is None or not b:
            continue
        computed = 100 * a / (b * whole_factor)
        tolerance = _ratio_tolerance(share, a, b * whole_factor, _half_unit(b) * whole_factor)
        if abs(computed - share) > tolerance:
            raise InputError(
                f"{read.where(measure, *key)}: expected {what} of about {computed:.4g}% "
                f"({a:,.0f} / {b * whole_factor:,.0f}) for {key[1]}, found {share:.4g}%"
            )


#: The world's migrants are counted in persons: UN DESA's counts exceed 150 million from
#: 1990, so a count under this is in other units (thousands) than the table's.
_WORLD_MIGRANTS_AT_LEAST = 10_000_000
#: Migrants as a percentage of the population: of the world (UN DESA: 2.8% to 3.7% from
#: 1990), and at most of any place (a few territories count a person or two more
#: migrants than inhabitants: Bonaire, Sint Eustatius and Saba, 100.005%).
_WORLD_SHARE = (0.5, 10.0)
_SHARE_AT_MOST = 105.0


def _check_units(read: _Read) -> None:
    """Counts in the units the tables say: the world's migrants in persons."""
    for (code, year), total in read.values["migrants"].items():
        if code in _WORLD_CODES and total is not None and total < _WORLD_MIGRANTS_AT_LEAST:
            raise InputError(
                f"{read.where('migrants', code, year)}: expected the world's international "
                f"migrants in persons (over 150 million from 1990), found {total:,.0f} for "
                f"{year}: is the table in thousands?"
            )


def _check_population(read: _Read) -> None:
    """A total population (Table 2, in thousands when its title says so) that holds the
    migrants."""
    if "population" not in read.tables:
        return
    factor = read.tables["population"].factor
    unit = "thousands, as its title says" if factor == 1000 else "persons: its title names no unit"
    for key, population in read.values["population"].items():
        migrants = read.values["migrants"].get(key)
        if population == 0 and migrants:  # no one living where migrants live: not a count
            raise InputError(
                f"{read.where('population', *key)}: expected the total population, found 0 "
                f"where {migrants:,.0f} international migrants live in {key[1]}"
            )
        if not population or migrants is None:
            continue
        share = 100 * migrants / (population * factor)
        # the population as published is rounded (to 0.001 thousand in 2020 and 2024)
        half = _half_unit(population)
        least = 100 * migrants / ((population + half) * factor)
        most = 100 * migrants / ((population - half) * factor) if population > half else math.inf
        low, high = _WORLD_SHARE if key[0] in _WORLD_CODES else (0.0, _SHARE_AT_MOST)
        if most < low or least > high:  # either count may be wrong: both cells named
            at = read.where("migrants", *key).removeprefix(f"{read.path}, ")
            raise InputError(
                f"{read.where('population', *key)}: expected the total population in {unit}, "
                f"found {population * factor:,.0f} people for {migrants:,.0f} migrants "
                f"({share:.3g}%) in {key[1]} (the migrants: {at})"
            )


def _check(read: _Read) -> None:
    """Refuse a workbook whose tables disagree beyond rounding, or whose units are not
    those they say. The sexes first: a count mistyped in Table 1 is named there, not in
    the population it no longer fits."""
    _check_units(read)
    _check_sexes(read)
    _check_world_of_its_parts(read)
    _check_population(read)
    if "population" in read.tables:
        factor = read.tables["population"].factor
        what = "migrants as a share of the total population"
        _check_ratio(read, "migrant_share", "migrants", "population", factor, what)
    what = "women as a share of migrants"
    _check_ratio(read, "women_share", "migrants_female", "migrants", 1.0, what)


# --------------------------------------------------------------------------- building


def _read(scan: _Scan) -> tuple[_Read, list[_Location]]:
    """Table 1's locations and every measure's published values, joined on location codes."""
    path, stock = scan.path, scan.tables["migrants"]
    locations = _locations(path, stock)
    if not locations:
        raise InputError(
            f"{_where(path, stock.sheet, stock.header_row + 1)}: expected rows of locations "
            "(the world, regions, countries) under the header, found none"
        )
    rows = {m: _rows_by_code(path, t, stock, locations) for m, t in scan.tables.items()}
    for measure, table in scan.tables.items():
        _refuse_rows_missing(path, table, stock, locations, rows[measure])
        _refuse_rows_table_1_lacks(path, table, stock, locations, rows[measure])
        _refuse_figures_under_no_year(path, table, rows[measure])
        _refuse_other_years(path, table)
        _refuse_years_table_1_lacks(path, table, stock)
    values = {
        "migrants": _values(path, stock, "total", rows["migrants"]),
        "migrants_male": _values(path, stock, "male", rows["migrants"]),
        "migrants_female": _values(path, stock, "female", rows["migrants"]),
    }
    for measure in ("population", "migrant_share", "women_share"):
        table = scan.tables.get(measure)
        values[measure] = {} if table is None else _values(path, table, "total", rows[measure])
    return _Read(path, scan.tables, rows, values), locations


def _frame(read: _Read, locations: list[_Location]) -> pd.DataFrame:
    """The tidy table: one row per (location, year) of Table 1, values scaled."""
    years = sorted(read.tables["migrants"].blocks["total"])
    factors = {m: t.factor for m, t in read.tables.items()}
    seen: set[int] = set()
    records: dict[str, list] = {name: [] for name in COLUMNS}
    for loc in locations:
        if loc.code in seen:
            continue  # an aggregate listed twice (e.g. Australia and New Zealand)
        seen.add(loc.code)
        kind = _kind(loc.code, loc.name, loc.type_of_data)
        for year in years:
            records["location"].append(loc.name)
            records["location_code"].append(loc.code)
            records["iso3"].append(iso3_of_numeric(loc.code) if kind == "country" else None)
            records["kind"].append(kind)
            records["data_type"].append(" ".join(loc.type_of_data.split()) or None)
            records["year"].append(year)
            for column, values in read.values.items():
                value = values.get((loc.code, year))
                factor = factors.get(column, 1.0)
                records[column].append(None if value is None else value * factor)
    return _typed(records)


def _typed(records: dict[str, list]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "location": pd.Series(records["location"], dtype="str"),
            "location_code": pd.Series(records["location_code"], dtype="int64"),
            "iso3": pd.Series(records["iso3"], dtype="str"),
            "kind": pd.Series(records["kind"], dtype="str"),
            "data_type": pd.Series(records["data_type"], dtype="str"),
            "year": pd.Series(records["year"], dtype="int64"),
        }
    )
    for column in ("migrants", "migrants_male", "migrants_female", "population"):
        frame[column] = pd.Series(records[column], dtype="float64").round().astype("Int64")
    for column in ("migrant_share", "women_share"):
        frame[column] = pd.Series(records[column], dtype="float64")
    return frame


def _build(scan: _Scan) -> pd.DataFrame:
    read, locations = _read(scan)
    _check(read)
    frame = _frame(read, locations)
    _check_countries_make_the_world(frame, scan.path)
    frame.attrs["source"] = str(scan.path)
    latest = int(frame["year"].max()) if len(frame) else None
    revision_year = _revision_of(scan.path, scan.texts, latest)
    if revision_year is not None and latest is not None and int(revision_year) < latest:
        notices.warn(  # a revision does not estimate years after its own
            f"{scan.path}: its titles or name give the {revision_year} revision, but it holds "
            f"estimates to {latest}: the revision it is cited as may be wrong"
        )
    if revision_year is not None:
        frame.attrs["revision"] = revision_year
    return frame


# --------------------------------------------------------------------------- public API


def read_migrant_stock(path: Path) -> pd.DataFrame:
    """The migrant-stock workbook (any revision since 2015) as a tidy table, one row per
    (location, year).

    Columns: ``location`` (name, note marker '*' removed), ``location_code`` (M49),
    ``iso3`` (countries only), ``kind`` ("world" | "aggregate" | "country"), ``data_type``
    (Table 1's "Type of data": B born abroad, C foreign citizens, I imputed, R refugees
    added; "B R"), ``year``,
    ``migrants``, ``migrants_male``, ``migrants_female`` (persons), ``population``
    (persons), ``migrant_share`` and ``women_share`` (fractions 0-1). Tables 2-4 are
    optional; their columns are empty when the workbook lacks them. ``attrs["revision"]``
    is the revision year ("2024"). Inconsistent tables end in an :class:`InputError`.

    A workbook already read by this process (the same bytes under the same file name) is
    not parsed again: a copy of the table is returned, its ``attrs["source"]`` the path
    asked for.
    """
    path = Path(path)
    if not path.is_file():
        return _build(_scan(path))  # the reader's own error for a missing workbook
    key = (memo.digest(path), path.name)
    if key not in _READ:
        memo.keep(_READ, key, _build(_scan(path)), size=4)
    table = _READ[key].copy()
    table.attrs["source"] = str(path)  # this file, not the first one read with its bytes
    return table


#: Tables read by :func:`read_migrant_stock`, by (SHA-256 of the file, file name).
_READ: dict[tuple[str, str], pd.DataFrame] = memo.store()


def revision(path: Path) -> str:
    """The revision a workbook belongs to, e.g. "2024": from its titles and citation
    ("POP/DB/MIG/Stock/Rev.2024", "International Migrant Stock 2024", "Trends in
    International Migrant Stock: The 2015 revision"), else the year in its file name."""
    return _file_revision(Path(path))


#: Why a workbook has no revision to tell.
_NO_REVISION = (
    "cannot tell the revision: expected 'POP/DB/MIG/Stock/Rev.YYYY' or 'International Migrant "
    "Stock YYYY' in the titles, or a year in the file name"
)


def _file_revision(path: Path) -> str:
    found = _revision_of(path, _file_titles(path), _file_years_until(path))
    if found is None:
        raise InputError(f"{path}: {_NO_REVISION}")
    return found


def _file_titles(path: Path) -> list[str]:
    """The title lines of every sheet of a workbook ([] when it is gone), remembered by the
    file's bytes: a copy under another name or folder is not opened again."""
    return list(_file_heads(path)[0])


def _file_years_until(path: Path) -> int | None:
    """The last year a workbook's header rows of years give (None: none found)."""
    return _file_heads(path)[1]


def _file_heads(path: Path) -> tuple[tuple[str, ...], int | None]:
    """:func:`_titles`, remembered by the file's bytes."""
    try:
        digest = memo.digest(path)
    except FileNotFoundError:
        return (), None
    except OSError:  # unreadable: its one-line error
        return _titles(Path(path))
    if digest not in _HEADS:
        memo.keep(_HEADS, digest, _titles(Path(path)), size=32)
    return _HEADS[digest]


#: The title lines and last header year of the workbooks read by :func:`_file_heads`, by
#: SHA-256 of the file.
_HEADS: dict[str, tuple[tuple[str, ...], int | None]] = memo.store()


def dataset_title(path: Path) -> str | None:
    """The workbook's own title ("International Migrant Stock 2024: Destination"), not a
    table's; None when it has none."""
    for text in _file_titles(path):
        if _STOCK_TITLE.match(text) and not _TABLE_TITLE_RE.match(text) and _names_a_year(text):
            return " ".join(text.split())
    return None


def _names_a_year(title: str) -> bool:
    """Whether a title names its revision's year, as the workbook's own does, where a block
    of years' label ("International migrant stock at mid-year, both sexes combined", the
    title of a workbook without one) does not."""
    return bool(_FILE_YEAR_RE.search(title)) and "mid-year" not in title.casefold()


def _titles(path: Path) -> tuple[tuple[str, ...], int | None]:
    """The title lines of a workbook and the last year its header rows give; a file that
    cannot be opened as a workbook is refused in one line, whatever its name."""
    wb = _open(path)
    texts: list[str] = []
    years: list[int] = []
    try:
        for ws in wb.worksheets:
            rows = list(itertools.islice(_iter_rows(ws), _HEADER_SEARCH_ROWS))
            texts += _title_texts(rows)
            header = next((row for row in rows if len(_year_cols(row)) >= 3), ())
            years += [_year(value) for value in header if _year(value) is not None]
    except Exception:
        return (), None
    finally:
        wb.close()
    return tuple(texts), max(years, default=None)


def _one_of_each(paths: list[Path], raw_dir: Path) -> list[Path]:
    """``paths`` with each copy of another byte for byte left out, with a warning: of two
    alike, the one the sources manifest lists is kept, else the first."""
    from analysis.manifest import entry_of, read_manifest

    manifest = read_manifest(raw_dir, check=False)
    listed = sorted(paths, key=lambda p: entry_of(manifest, raw_dir, p) is None)  # stable
    kept: list[Path] = []
    for path in listed:
        same = next((k for k in kept if filecmp.cmp(k, path, shallow=False)), None)
        if same is None:
            kept.append(path)
        else:
            notices.warn(f"{path}: the same file as {same.name}; read once")
    return [p for p in paths if p in kept]


def _preference(path: Path) -> tuple:
    """Among workbooks of one revision: the publisher's file over an extract of it."""
    return ("extract" not in path.name.casefold(), path.name)


#: A workbook's or a table's title: "International Migrant Stock 2024: Destination", "Table 1:
#: International migrant stock at mid-year by sex and ...", "Total migrant stock at ...".
_STOCK_TITLE = re.compile(
    r"\s*(Table\s*\d+\s*[:.]\s*)?(Trends in\s+)?(International|Total)\s+migrant\s+stock", re.I
)
#: The other International Migrant Stock workbooks, by a word of their titles (or name).
_OTHER_PRODUCTS = (
    (re.compile(r"\borigin", re.IGNORECASE), "by destination and origin"),
    (re.compile(r"\bage\b", re.IGNORECASE), "by age"),
)


def _not_by_destination(path: Path, texts: list[str]) -> str | None:
    """Why a workbook in ``undesa/`` is not the one this reader reads (another of UN DESA's
    tables, a workbook of one's own), or None when it may be."""
    titles = [t for t in texts if _STOCK_TITLE.match(t)]  # not the notes under them
    if texts and not titles:
        return "not a UN DESA migrant-stock workbook (no 'International migrant stock' title)"
    for pattern, product in _OTHER_PRODUCTS:
        if any(pattern.search(t) for t in titles) or (not texts and pattern.search(path.stem)):
            return f"UN DESA's migrant stock {product}, not the workbook by destination"
    found = _revision_of(path, texts, _file_years_until(path))
    return _NO_REVISION if found is None else None


class NoWorkbook(InputError):
    """No workbook by destination in ``undesa/``: each other workbook there, and why."""


def choose_workbook(raw_dir: Path, revision: int | None = None) -> Path:
    """The UN DESA workbook in ``raw_dir/undesa`` (any ``.xlsx`` name) to read: the latest
    revision of the workbooks by destination, or the one asked for. Other workbooks there
    (by origin, by age, one's own) are left out with a warning; one line listing the
    revisions found when the one asked for is absent."""
    folder = Path(raw_dir) / "undesa"
    by_revision: dict[int, list[Path]] = {}
    other: list[str] = []
    for path in workbook_files(raw_dir):
        texts = _file_titles(path)
        why = _not_by_destination(path, texts)
        if why:
            other.append(f"{path}: {why}")
        else:
            found = _revision_of(path, texts, _file_years_until(path))
            by_revision.setdefault(int(found), []).append(path)
    if not by_revision:
        raise NoWorkbook(*other)
    for line in other:
        notices.warn(f"{line}; not used")
    for line in unread_workbooks(raw_dir):  # beside the one read: perhaps the one meant
        notices.warn(str(folder / line))
    chosen = max(by_revision) if revision is None else int(revision)
    if chosen not in by_revision:
        found = ", ".join(str(r) for r in sorted(by_revision))
        raise InputError(
            f"{folder}: no UN DESA migrant-stock workbook of the {chosen} revision: "
            f"the workbooks there are of revision(s) {found}"
        )
    ranked = sorted(by_revision[chosen], key=_preference, reverse=True)
    if len(ranked) > 1:  # a copy byte for byte (a download saved twice) is read once
        ranked = _one_of_each(ranked, raw_dir)
    if len(ranked) > 1 and _preference(ranked[1])[0] == _preference(ranked[0])[0]:
        raise InputError(
            f"{folder}: {ranked[0].name} and {ranked[1].name} are two workbooks of the "
            f"{chosen} revision: keep one"
        )
    return ranked[0]


#: How far from a year UN DESA's estimates (five years apart) may be taken: a rate of 1951
#: is not computed on the population of 1990, nor its migrants counted then.
ESTIMATE_WITHIN = 5


def nearest_estimate(years: Iterable[int], year: int) -> int | None:
    """The estimate year nearest ``year``, before or after it (the later one on a tie: 2024
    for 2022), or None when there is none within :data:`ESTIMATE_WITHIN` years. UN DESA's
    estimates are five years apart (four from 2020 to 2024): a rate per 1,000 inhabitants
    divides by the population nearest its year."""
    nearest = max((int(y) for y in years), key=lambda y: (-abs(y - year), y), default=None)
    return None if nearest is None or abs(nearest - year) > ESTIMATE_WITHIN else nearest


def latest_estimate(years: Iterable[int], year: int) -> int | None:
    """The latest estimate year not after ``year`` (2020 for 2023: the mid-2024 estimate
    is of a later date than the edition), or None when every estimate is later."""
    return max((int(y) for y in years if int(y) <= year), default=None)


def world_migrants(stock: pd.DataFrame, year: int) -> dict:
    """World migrant figures for the latest year in ``stock`` not after ``year``
    (:func:`latest_estimate`).

    Returns ``{"migrant_stock", "migrant_stock_year", "migrant_stock_revision",
    "migrant_share_of_population", "women_share_of_migrants"}``; shares are fractions
    (computed from the counts when the percentage tables are absent), the revision a
    string ("2024") or None when unknown.
    """
    source = stock.attrs.get("source", "UN DESA migrant stock")
    world = stock[(stock["kind"] == "world") & stock["migrants"].notna()]
    if world.empty and (stock["kind"] == "world").any():  # its cells '..' or empty
        raise InputError(
            f"{source}: the world's row gives no migrant stock in any year ('..' or empty "
            "cells): expected figures (formulas saved without their values? open the workbook "
            "in a spreadsheet and save it again)"
        )
    if world.empty:
        raise InputError(
            f"{source}: no world row with a migrant stock: expected a row 'WORLD' (code 900)"
        )
    chosen = latest_estimate(world["year"], year)
    if chosen is None:
        raise InputError(
            f"{source}: no migrant-stock estimate up to {year}: the table holds "
            f"{int(world['year'].min())}-{int(world['year'].max())}"
        )
    row = world.loc[world["year"] == chosen].iloc[0]
    wanted = latest_estimate(stock.loc[stock["kind"] == "world", "year"], year)
    if wanted != chosen:  # '..' where a figure was expected (an empty cell is refused)
        notices.warn(
            f"{source}: the world's migrant stock for {wanted} is missing ('..'); "
            f"the figures of {chosen} are used"
        )
    migrants = int(row["migrants"])
    share = row["migrant_share"]
    if pd.isna(share) and pd.notna(row["population"]) and row["population"]:
        share = migrants / int(row["population"])
    women = row["women_share"]
    if pd.isna(women) and pd.notna(row["migrants_female"]) and migrants:
        women = int(row["migrants_female"]) / migrants
    _warn_year_without(
        stock, source, chosen, migrant_share_of_population=share, women_share_of_migrants=women
    )
    return {
        "migrant_stock": migrants,
        "migrant_stock_year": int(row["year"]),
        "migrant_stock_revision": stock.attrs.get("revision"),
        "migrant_share_of_population": None if pd.isna(share) else float(share),
        "women_share_of_migrants": None if pd.isna(women) else float(women),
    }


def _warn_year_without(stock: pd.DataFrame, source: str, year: int, **figures: float) -> None:
    """One warning when the world's ``year`` lacks a share (``figures``, by name) that other
    years of the workbook give (a year column added to one table or one sex's block only):
    the figure is null."""
    world = stock[stock["kind"] == "world"]
    missing = [name for name, value in figures.items() if pd.isna(value)]
    null = [
        name
        for name in missing
        if any(world[list(columns)].notna().all(axis=1).any() for columns in GIVEN_BY[name])
    ]
    if null:
        notices.warn(
            f"{source}: the world's migrant stock of {year} comes without "
            f"{' or '.join(WITHOUT[n] for n in null)}, which other years have; "
            f"{' and '.join(null)} {'is' if len(null) == 1 else 'are'} null"
        )
    for name in [n for n in missing if n not in null and n in WITHOUT_ANY_YEAR]:
        notices.warn(  # no year gives it: a table or a block is missing
            f"{source}: gives {WITHOUT[name]} for no year ({WITHOUT_ANY_YEAR[name]}); {name} "
            "is null"
        )


#: What a world year lacks when a figure of :func:`world_migrants` is null.
WITHOUT = {
    "migrant_share_of_population": "migrants' share of the population",
    "women_share_of_migrants": "women's share",
}
#: Where the workbook would give a figure of :func:`world_migrants` no year has (the
#: population tables missing are warned about as they are read).
WITHOUT_ANY_YEAR = {
    "women_share_of_migrants": "Table 1 has no female columns, and there is no table of "
    "women's share",
}
#: The columns from which a year of the workbook gives the figure (any one set of them).
GIVEN_BY = {
    "migrant_share_of_population": [("migrant_share",), ("migrants", "population")],
    "women_share_of_migrants": [("women_share",), ("migrants_female",)],
}


def _deterministic_xlsx(data: bytes) -> bytes:
    """Re-pack an xlsx archive with fixed entry timestamps and a fixed 'modified' date.

    openpyxl stamps docProps/core.xml with the time of saving and zip entries with the
    current time; both are pinned so the same input gives the same bytes.
    """
    stamp = _EXTRACT_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    lambda m: m.group(1) + stamp + m.group(2),
                    content,
                )
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


@contextmanager
def _exact_floats() -> Iterator[None]:
    """Have openpyxl write floats with all their digits while saving.

    openpyxl writes numbers as ``"%.16g"``, which drops the 17th significant digit of
    the publisher's percentages; ``repr`` keeps them, so the extract reads back to
    exactly the same values. Falls back to openpyxl's own formatting if its internals
    change.
    """
    try:
        from openpyxl.cell import _writer
    except ImportError:  # pragma: no cover - other openpyxl versions
        yield
        return
    original = getattr(_writer, "safe_string", None)
    if original is None:  # pragma: no cover
        yield
        return

    def safe_string(value: Any) -> str:
        if isinstance(value, float) and math.isfinite(value):
            return repr(value)
        return original(value)

    _writer.safe_string = safe_string
    try:
        yield
    finally:
        _writer.safe_string = original


def write_extract(workbook: Path, dest: Path) -> None:
    """Write Tables 1-4 of ``workbook`` (values only, same labelled layout) to ``dest``.

    Each sheet keeps its name, title lines, block labels, header and every location row,
    so :func:`read_migrant_stock` reads the extract back to the same table. Workbook
    properties carry fixed dates, so the same input gives the same bytes.
    """
    workbook = Path(workbook)
    scan = _scan(workbook)
    _build(scan)  # validate every cell before writing anything
    import openpyxl

    out = openpyxl.Workbook()
    out.remove(out.active)
    for sheet in scan.sheets:
        table = next((t for t in scan.tables.values() if t.sheet == sheet), None)
        if table is None:
            continue
        ws = out.create_sheet(title=sheet)
        rows = table.rows
        while rows and not any(v not in (None, "") for v in rows[-1]):
            rows = rows[:-1]
        for row in rows:
            values = list(row)
            while values and values[-1] is None:
                values.pop()
            ws.append(values)
    out.properties.creator = "analysis.sources.undesa"
    out.properties.lastModifiedBy = None
    out.properties.title = "International Migrant Stock: extract (Tables 1-4)"
    out.properties.description = (
        f"Values of Tables 1-4 copied from {workbook.name} (United Nations, Department of "
        "Economic and Social Affairs, Population Division; CC BY 3.0 IGO), layout unchanged."
    )
    out.properties.created = _EXTRACT_TIMESTAMP

    def write(tmp: Path) -> None:
        buffer = io.BytesIO()
        with _exact_floats():
            out.save(buffer)
        tmp.write_bytes(_deterministic_xlsx(buffer.getvalue()))

    write_atomic(Path(dest), write)
