"""UN DESA International Migrant Stock: read the publisher's workbook by its labels.

The workbook (``undesa_pd_YYYY_ims_stock_by_sex_and_destination.xlsx``) holds one table
per sheet, each with about ten lines of titles above a header row
(``Region, development group, country or area | Notes | Location code | Type of data |
1990 | 1995 | ...``) and a row of sex-block labels ("..., both sexes combined",
"..., males", "..., females") above the year columns. UN DESA moves columns, adds
years and renames sheets between revisions, so nothing here relies on a cell position:

- each table is recognised by its title text ("Table 1: International migrant stock at
  mid-year by sex ...") or, failing that, by the labels above its year columns;
- the header row is the first row holding a "Location code" cell and year cells;
- the location-name, location-code and type-of-data columns are found by their labels;
- the sex of each block of year columns is read from the label above it.

Tables used: Table 1 (migrant stock by sex; required), Table 2 (total population, in
thousands), Table 3 (migrants as a percentage of the population), Table 4 (women as a
percentage of migrants). ``..`` marks a missing value.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pycountry
from openpyxl.utils import get_column_letter

from analysis.atomic import write_atomic
from analysis.errors import InputError
from analysis.sources.files import find_workbook

__all__ = [
    "find_workbook",
    "read_migrant_stock",
    "revision",
    "world_migrants",
    "write_extract",
]

#: Columns of the tidy table :func:`read_migrant_stock` returns, in order.
COLUMNS = [
    "location",
    "location_code",
    "iso3",
    "kind",
    "year",
    "migrants",
    "migrants_male",
    "migrants_female",
    "population",
    "migrant_share",
    "women_share",
]

# M49 code of the world (UN DESA's own 900; the standard M49 "001" in other products).
_WORLD_CODES = {900, 1}
_MISSING_TOKENS = {"", "..", "...", "\u2026"}
_HEADER_SEARCH_ROWS = 80
_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*$")
_TABLE_TITLE_RE = re.compile(r"^\s*Table\s+(\d+)\s*[:.\-\u2013\u2014]\s*(.+)$", re.IGNORECASE)
_SHEET_TABLE_RE = re.compile(r"^\s*Table\s*(\d+)\s*$", re.IGNORECASE)
_REVISION_RES = (
    re.compile(r"Rev\.?\s*((?:19|20)\d{2})", re.IGNORECASE),
    re.compile(r"International\s+Migrant\s+Stock\s+((?:19|20)\d{2})", re.IGNORECASE),
)
_FILE_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

# The sheet each table usually sits on: the last resort when a table has no title text.
_USUAL_TABLE = {"migrants": 1, "population": 2, "migrant_share": 3, "women_share": 4}
# Fixed timestamp for the extract, so rebuilding it gives the same bytes.
_EXTRACT_TIMESTAMP = datetime(2020, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------- helpers


def _text(value: Any) -> str:
    """A cell's text, whitespace collapsed ('' for empty and non-text cells)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _year(value: Any) -> int | None:
    """The year a header cell holds (1990, 1990.0, '1990'), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int) and 1900 <= value <= 2100:
        return value
    if isinstance(value, float) and value.is_integer() and 1900 <= value <= 2100:
        return int(value)
    if isinstance(value, str):
        match = _YEAR_RE.match(value)
        if match:
            return int(match.group(1))
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
    if "both sexes" in t or re.search(r"\btotal\b", t):
        return "total"
    if re.search(r"\b(females?|women)\b", t):
        return "female"
    if re.search(r"\b(males?|men)\b", t):
        return "male"
    return None


@cache
def _iso3(code: int) -> str | None:
    """ISO 3166-1 alpha-3 for an M49 country code (M49 country codes are ISO numeric)."""
    if not 0 < code < 1000:
        return None
    country = pycountry.countries.get(numeric=f"{code:03d}")
    return country.alpha_3 if country is not None else None


def _where(path: Path, sheet: str, row: int, col: int | None = None) -> str:
    """'file, sheet 'X', cell F27' (or 'row 27' when no column)."""
    place = f"cell {get_column_letter(col + 1)}{row}" if col is not None else f"row {row}"
    return f"{path}, sheet '{sheet}', {place}"


# --------------------------------------------------------------------------- scanning


@dataclass
class _Table:
    """One table found on a sheet: where its header is and what its columns hold."""

    sheet: str
    measure: str
    title: str
    header_row: int  # 1-based
    name_col: int  # 0-based column indexes
    code_col: int
    type_col: int | None
    blocks: dict[str, dict[int, int]]  # sex -> year -> column
    factor: float
    rows: list[tuple] = field(default_factory=list)  # every row of the sheet, from row 1


@dataclass
class _Scan:
    path: Path
    tables: dict[str, _Table]
    sheets: list[str]


def _open(path: Path) -> openpyxl.Workbook:
    path = Path(path)
    if not path.is_file():
        raise InputError(
            f"{path}: file not found: expected a UN DESA International Migrant Stock "
            "workbook (.xlsx)"
        )
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, InvalidFileException, KeyError, ...
        raise InputError(
            f"{path}: cannot be read as an Excel workbook (.xlsx) ({type(exc).__name__}): "
            "expected the UN DESA International Migrant Stock workbook as published"
        ) from None


def _iter_rows(ws) -> Any:
    """Rows of a sheet as value tuples, from row 1 and column A whatever the stored dimension."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # a wrong <dimension> element would otherwise truncate the sheet
    return ws.iter_rows(min_row=1, min_col=1, values_only=True)


def _is_header(row: tuple) -> bool:
    has_code = any("code" in _text(v).casefold() for v in row)
    return has_code and any(_year(v) is not None for v in row)


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


def _find_col(header: tuple, test) -> int | None:
    for col, value in enumerate(header):
        if test(_text(value).casefold()):
            return col
    return None


def _block_labels(rows: list[tuple], header_index: int) -> dict[int, str]:
    """{column: label} of the nearest row above the header with text over the year columns."""
    header = rows[header_index]
    year_cols = [col for col, v in enumerate(header) if _year(v) is not None]
    if not year_cols:
        return {}
    for index in range(header_index - 1, max(header_index - 8, -1), -1):
        found = {
            col: _text(v) for col, v in enumerate(rows[index]) if col >= year_cols[0] and _text(v)
        }
        if found:
            return found
    return {}


def _blocks(
    path: Path, sheet: str, rows: list[tuple], header_index: int, measure: str
) -> dict[str, dict[int, int]]:
    """Sex blocks of year columns: {'total': {1990: col, ...}, 'male': ..., 'female': ...}."""
    header = rows[header_index]
    labels = _block_labels(rows, header_index)
    # Split the year columns into runs: a new run starts under a new label or where the
    # years start again.
    runs: list[tuple[str, list[tuple[int, int]]]] = []
    previous: tuple[int | None, int] | None = None
    for col, value in enumerate(header):
        year = _year(value)
        if year is None:
            continue
        label_col = max((c for c in labels if c <= col), default=None)
        if previous is None or label_col != previous[0] or year <= previous[1]:
            runs.append((labels.get(label_col, "") if label_col is not None else "", []))
        runs[-1][1].append((col, year))
        previous = (label_col, year)
    if measure == "women_share":
        # One block ("Female migrants as a percentage of ..."): its label names no sex.
        sexes: list[str | None] = ["total"] + [None] * (len(runs) - 1)
    elif len(runs) == 1:
        sexes = [_sex_of(runs[0][0]) or "total"]
    else:
        sexes = [_sex_of(label) for label, _ in runs]
        for (label, cols), sex in zip(runs, sexes, strict=True):
            if sex is None:
                raise InputError(
                    f"{_where(path, sheet, header_index + 1, cols[0][0])}: cannot tell which sex "
                    "the year columns from here hold: expected a label such as 'both sexes "
                    f"combined', 'males' or 'females' above them, found {label or 'none'!r}"
                )
    blocks: dict[str, dict[int, int]] = {}
    for (_, cols), sex in zip(runs, sexes, strict=True):
        if sex is None or sex in blocks:
            continue
        block: dict[int, int] = {}
        for col, year in cols:
            block.setdefault(year, col)
        blocks[sex] = block
    if "total" not in blocks:
        first = runs[0][1][0][0]
        raise InputError(
            f"{_where(path, sheet, header_index + 1, first)}: expected a block of year columns "
            "for both sexes combined (a label 'both sexes combined' above them)"
        )
    return blocks


def _scan(path: Path) -> _Scan:
    """Find Tables 1-4 in the workbook by their titles and header labels."""
    path = Path(path)
    wb = _open(path)
    tables: dict[str, _Table] = {}
    try:
        sheets = list(wb.sheetnames)
        for ws in wb.worksheets:
            sheet = ws.title
            rows: list[tuple] = []
            header_index = None
            iterator = _iter_rows(ws)
            for row in iterator:
                rows.append(row)
                if _is_header(row):
                    header_index = len(rows) - 1
                    break
                if len(rows) >= _HEADER_SEARCH_ROWS:
                    break
            title_rows = rows if header_index is None else rows[:header_index]
            title = _title_of(title_rows)
            if header_index is None:
                measure = _measure_of(title)
                if measure is None and not title:
                    number = _table_number(title_rows, sheet)
                    measure = next((m for m, n in _USUAL_TABLE.items() if n == number), None)
                if measure is not None and measure not in tables:
                    raise InputError(
                        f"{path}, sheet '{sheet}': no header row found in the first "
                        f"{_HEADER_SEARCH_ROWS} rows: expected a row holding 'Location code' "
                        "and year columns (1990, 1995, ...)"
                    )
                continue
            measure = _measure_of(title)
            if not title:
                # No "Table N: ..." line: recognise the table by the label above its first
                # year column; with no such label, by the usual sheet name ("Table 1").
                block_labels = _block_labels(rows, header_index)
                if block_labels:
                    measure = _measure_of(block_labels[min(block_labels)])
                else:
                    number = _table_number(title_rows, sheet)
                    measure = next((m for m, n in _USUAL_TABLE.items() if n == number), None)
            if measure is None or measure in tables:
                continue
            header = rows[header_index]
            code_col = _find_col(header, lambda t: "location code" in t)
            if code_col is None:
                code_col = _find_col(header, lambda t: "code" in t and "note" not in t)
            name_col = _find_col(
                header,
                lambda t: (
                    ("country or area" in t or "region" in t or t.startswith("location"))
                    and "code" not in t
                ),
            )
            if name_col is None:
                raise InputError(
                    f"{_where(path, sheet, header_index + 1)}: expected a column of location names "
                    "headed 'Region, development group, country or area'"
                )
            type_col = _find_col(header, lambda t: "type of data" in t)
            blocks = _blocks(path, sheet, rows, header_index, measure)
            text_above = " ".join(_text(v) for row in title_rows for v in row)
            factor = (
                1000.0 if measure == "population" and "thousand" in text_above.casefold() else 1.0
            )
            if measure in ("migrant_share", "women_share"):
                factor = 0.01
            rows.extend(iterator)
            tables[measure] = _Table(
                sheet=sheet,
                measure=measure,
                title=title,
                header_row=header_index + 1,
                name_col=name_col,
                code_col=code_col,
                type_col=type_col,
                blocks=blocks,
                factor=factor,
                rows=rows,
            )
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet inside a readable archive
        raise InputError(
            f"{path}: cannot be read as an Excel workbook ({type(exc).__name__}: {exc}): "
            "expected the UN DESA International Migrant Stock workbook as published"
        ) from None
    finally:
        wb.close()
    if "migrants" not in tables:
        raise InputError(
            f"{path}: workbook has no migrant-stock table (Table 1): expected a sheet titled "
            "'International migrant stock at mid-year by sex ...' whose header row holds "
            f"'Location code' and year columns (sheets: {', '.join(sheets)})"
        )
    return _Scan(path=path, tables=tables, sheets=sheets)


# --------------------------------------------------------------------------- parsing


def _number(path: Path, table: _Table, row: int, col: int, value: Any) -> float | None:
    """A count or percentage cell: a number, or None for '..' (missing)."""
    if value is None:
        return None
    if isinstance(value, bool):
        pass
    elif isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    elif isinstance(value, str):
        text = value.strip()
        if text in _MISSING_TOKENS:
            return None
        try:
            number = float(text.replace(",", "").replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            number = math.nan
        if math.isfinite(number):
            return number
    raise InputError(
        f"{_where(path, table.sheet, row, col)}: expected a number or '..', found {value!r}"
    )


def _location_code(path: Path, table: _Table, row: int, value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    raise InputError(
        f"{_where(path, table.sheet, row, table.code_col)}: expected a location code "
        f"(a whole number), found {value!r}"
    )


def _cell(row: tuple, col: int | None) -> Any:
    return row[col] if col is not None and col < len(row) else None


def _locations(path: Path, table: _Table) -> list[tuple[int, int, str, str]]:
    """(row number, location code, name, type of data) of every location row, in order."""
    out = []
    seen: set[int] = set()
    for index in range(table.header_row, len(table.rows)):
        row = table.rows[index]
        code = _location_code(path, table, index + 1, _cell(row, table.code_col))
        if code is None:
            continue  # blank line or footnote
        name = _text(_cell(row, table.name_col))
        if not name:
            raise InputError(
                f"{_where(path, table.sheet, index + 1, table.name_col)}: expected the name of "
                f"location {code}, found an empty cell"
            )
        if code in seen:
            continue  # an aggregate listed twice (e.g. Australia and New Zealand)
        seen.add(code)
        out.append((index + 1, code, name.rstrip("*").strip(), _text(_cell(row, table.type_col))))
    return out


def _values(path: Path, table: _Table, sex: str) -> dict[tuple[int, int], float | None]:
    """{(location code, year): value (already scaled)} for one sex block of a table."""
    block = table.blocks.get(sex, {})
    out: dict[tuple[int, int], float | None] = {}
    for row_number, code, _, _ in _locations(path, table):
        row = table.rows[row_number - 1]
        for year, col in block.items():
            value = _number(path, table, row_number, col, _cell(row, col))
            out[(code, year)] = None if value is None else value * table.factor
    return out


def _kind(code: int, name: str, type_of_data: str) -> str:
    if code in _WORLD_CODES or name.casefold() == "world":
        return "world"
    if type_of_data or _iso3(code) is not None:
        return "country"
    return "aggregate"


def _build(scan: _Scan) -> pd.DataFrame:
    path = scan.path
    stock = scan.tables["migrants"]
    locations = _locations(path, stock)
    if not locations:
        raise InputError(
            f"{_where(path, stock.sheet, stock.header_row + 1)}: expected rows of locations "
            "(the world, regions, countries) under the header, found none"
        )
    years = sorted(stock.blocks["total"])
    columns: dict[str, dict[tuple[int, int], float | None]] = {
        "migrants": _values(path, stock, "total"),
        "migrants_male": _values(path, stock, "male"),
        "migrants_female": _values(path, stock, "female"),
    }
    for measure in ("population", "migrant_share", "women_share"):
        table = scan.tables.get(measure)
        columns[measure] = _values(path, table, "total") if table is not None else {}
    records: dict[str, list] = {name: [] for name in COLUMNS}
    for _, code, name, type_of_data in locations:
        kind = _kind(code, name, type_of_data)
        iso3 = _iso3(code) if kind == "country" else None
        for year in years:
            records["location"].append(name)
            records["location_code"].append(code)
            records["iso3"].append(iso3)
            records["kind"].append(kind)
            records["year"].append(year)
            for column, values in columns.items():
                records[column].append(values.get((code, year)))
    frame = pd.DataFrame(
        {
            "location": pd.Series(records["location"], dtype="str"),
            "location_code": pd.Series(records["location_code"], dtype="int64"),
            "iso3": pd.Series(records["iso3"], dtype="str"),
            "kind": pd.Series(records["kind"], dtype="str"),
            "year": pd.Series(records["year"], dtype="int64"),
        }
    )
    for column in ("migrants", "migrants_male", "migrants_female", "population"):
        values = pd.Series(records[column], dtype="float64")
        frame[column] = values.round().astype("Int64")
    for column in ("migrant_share", "women_share"):
        frame[column] = pd.Series(records[column], dtype="float64")
    frame.attrs["source"] = str(path)
    return frame


# --------------------------------------------------------------------------- public API


def read_migrant_stock(path: Path) -> pd.DataFrame:
    """The migrant-stock workbook as a tidy table, one row per (location, year).

    Columns: ``location`` (name, note marker '*' removed), ``location_code`` (M49),
    ``iso3`` (countries only), ``kind`` ("world" | "aggregate" | "country"), ``year``,
    ``migrants``, ``migrants_male``, ``migrants_female`` (persons), ``population``
    (persons), ``migrant_share`` and ``women_share`` (fractions 0-1). Tables 2-4 are
    optional; their columns are empty when the workbook lacks them.
    """
    return _build(_scan(Path(path)))


def revision(path: Path) -> str:
    """The revision the workbook belongs to, e.g. "2020" (from its titles, else its name)."""
    path = Path(path)
    wb = _open(path)
    texts: list[str] = []
    try:
        for ws in wb.worksheets:
            for index, row in enumerate(_iter_rows(ws)):
                texts.extend(_text(v) for v in row if _text(v))
                if index >= 15:
                    break
    except Exception:
        texts = []
    finally:
        wb.close()
    for pattern in _REVISION_RES:
        for text in texts:
            match = pattern.search(text)
            if match:
                return match.group(1)
    years = _FILE_YEAR_RE.findall(path.name)
    if years:
        return years[0]
    raise InputError(
        f"{path}: cannot tell the revision: expected 'POP/DB/MIG/Stock/Rev.YYYY' in the titles "
        "or a year in the file name"
    )


def world_migrants(stock: pd.DataFrame, year: int) -> dict:
    """World migrant figures for the latest year in ``stock`` not after ``year``.

    Returns ``{"migrant_stock", "migrant_stock_year", "migrant_share_of_population",
    "women_share_of_migrants"}``; shares are fractions (computed from the counts when the
    percentage tables are absent).
    """
    source = stock.attrs.get("source", "UN DESA migrant stock")
    world = stock[(stock["kind"] == "world") & stock["migrants"].notna()]
    if world.empty:
        raise InputError(
            f"{source}: no world row with a migrant stock: expected a row 'WORLD' (code 900)"
        )
    eligible = world[world["year"] <= year]
    if eligible.empty:
        raise InputError(
            f"{source}: no migrant-stock year up to {year}: the table holds "
            f"{int(world['year'].min())}-{int(world['year'].max())}"
        )
    row = eligible.loc[eligible["year"].idxmax()]
    migrants = int(row["migrants"])
    share = row["migrant_share"]
    if pd.isna(share) and pd.notna(row["population"]) and row["population"]:
        share = migrants / int(row["population"])
    women = row["women_share"]
    if pd.isna(women) and pd.notna(row["migrants_female"]) and migrants:
        women = int(row["migrants_female"]) / migrants
    return {
        "migrant_stock": migrants,
        "migrant_stock_year": int(row["year"]),
        "migrant_share_of_population": None if pd.isna(share) else float(share),
        "women_share_of_migrants": None if pd.isna(women) else float(women),
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
