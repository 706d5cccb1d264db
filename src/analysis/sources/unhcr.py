"""Readers for UNHCR's Refugee Population Statistics Database.

Two layouts of the population file are read: the API layout (field names such
as ``coo_iso``, ``refugees``; ``-``, an empty cell or ``NA`` for missing) and the Refugee
Data Finder download (readable headers such as "Refugees under UNHCR's mandate", maybe
text lines above the header row, ``-`` in the name and code columns of a
dimension that was aggregated away), as ``.csv``, ``.csv.gz`` or the ``.zip``
the web page hands out. Every reader returns the API field names.
"""

import csv
import dataclasses
import io
import itertools
import re
import unicodedata
import warnings
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from analysis import memo, notices, numbers
from analysis.countries import (
    M49_NAMES,
    M49_REGION_OF,
    M49_SPELLINGS,
    is_country,
    is_former_country,
    is_known_code,
    is_listed_code,
)
from analysis.errors import InputError
from analysis.sources.files import (
    API_CSV,
    LABELS,
    MANGLED,
    POPULATION_COUNTS,
    POPULATION_HINTS,
    SOLUTIONS_ONLY,
    column_twice,
    csv_bytes,
    data_lines,
    data_rows,
    extraction_date,
    field_name,
    header_cells,
    header_line,
    is_solutions_table,
    layout_hint,
    population_files,
    short_row,
    without_notes_at_end,
)
from analysis.validation import (
    MISSING_VALUES,
    check_counts,
    parse_counts,
    require_columns,
)
from analysis.wording import first_codes, listing

# What each population group is called in the Refugee Data Finder's headers.
GROUP_NAMES = {
    "refugees": "refugees under UNHCR's mandate",
    "asylum_seekers": "asylum-seekers",
    "returned_refugees": "returned refugees",
    "idps": "IDPs of concern to UNHCR",
    "returned_idps": "returned IDPs",
    "stateless": "stateless persons",
    "ooc": "others of concern",
    "oip": "other people in need of international protection",
    "hst": "host community",
}
SOLUTIONS_COUNTS = ["returned_refugees", "resettlement", "naturalisation", "returned_idps"]
NAME_COLUMNS = ["coo_name", "coo_iso", "coa_name", "coa_iso"]
AGGREGATED = "-"


@dataclass(frozen=True)
class Population:
    """The population table, which dimensions it still holds, and which groups it lacks.

    ``absent`` names the count fields (``stateless``, ``oip``...) the file(s) had no column
    for, as in a Refugee Data Finder download where only some groups were ticked; their
    column in ``table`` is all missing.
    """

    table: pd.DataFrame
    by_origin: bool
    by_asylum: bool
    files: tuple[Path, ...]
    absent: tuple[str, ...] = ()
    unread: tuple[str, ...] = ()  # headers of no known field ("Refugees under UNHCR mandate")
    #: of a pair, the file(s) without each absent group's column (else all of ``files``)
    lacking: dict[str, tuple[Path, ...]] = dataclasses.field(default_factory=dict)

    @cached_property
    def unreported(self) -> dict[str, list[int]]:
        """:func:`unreported_years`, worked out once for the totals and their warning."""
        return unreported_years(self)


#: Bytes in which a file's line ends and byte-order mark are looked for.
_HEADER_PROBE = 65_536
#: Rows from which a population file under the API's field names is taken for a download
#: (of every country: thousands of rows a year), not a small file of one's own.
DOWNLOAD_ROWS = 1000


def read_table(
    path: Path, counts: list[str], key: list[str], required: list[str], whole: bool = False
) -> pd.DataFrame:
    """Read a UNHCR CSV in either layout, with counts parsed and validated.

    Counts are parsed by pandas' C parser; when that fails, the text is read again and
    parsed cell by cell, so that the message names the line and column of the bad cell.
    A side table (``whole``) or a population file of :data:`DOWNLOAD_ROWS` rows or more
    under the API's own field names whose last line has no line break is refused: the API
    ends every line with one, so the download stopped partway. A side table in another
    layout so ended is warned about. (A small file of one's own may end without one.)

    A table read with no warning is remembered by the file's bytes: a copy elsewhere is not
    read again (its ``attrs["source"]`` is the path asked for).
    """
    path = Path(path)
    try:
        read = (memo.digest(path), path.suffix.lower(), *map(tuple, (counts, key, required)))
    except OSError:
        return _read_table(path, counts, key, required, whole)  # its own error follows
    read += (whole,)
    if read not in _READ:
        warned = notices.calls()
        table = _read_table(path, counts, key, required, whole)
        if notices.calls() > warned:  # read again next time: each file gets its warning
            return table
        memo.keep(_READ, read, table)
    table = _READ[read].copy()
    table.attrs["source"] = str(path)
    return table


#: The tables read by :func:`read_table` with no warning, by SHA-256 of the file and the
#: reading's arguments.
_READ: dict[tuple, pd.DataFrame] = memo.store()


def _read_table(
    path: Path, counts: list[str], key: list[str], required: list[str], whole: bool
) -> pd.DataFrame:
    """:func:`read_table`, every time."""
    data = csv_bytes(path)
    try:
        header = header_line(data)
        if header is None:
            raise InputError(
                f"{path}: no header row found in the first lines (expected a row with 'year' "
                "and country columns such as 'coa_iso' or 'Country of asylum (ISO)')"
                f"{layout_hint(data)}"
            )
        data = without_notes_at_end(data, header, path)
        _refuse_cut_short(data, header, path)
    except csv.Error as err:  # a cell over the CSV reader's limit, say
        raise InputError(f"{path}: cannot be read as CSV ({err})") from None
    last_line, cut = data.count(b"\n") + 1, not data.endswith(b"\n")
    _refuse_spreadsheet_numbers(data, path)
    table = _read_numbers(data, header, counts)
    parsed = table is not None
    if table is None:
        table = _read_text(data, header, path)
    labels = [str(label).strip() for label in table.columns]  # as the file writes them
    table.columns = _fields(table.columns, path)
    headers = dict(zip(table.columns, labels, strict=True))
    if "vda" in table.columns and "oip" not in table.columns:
        table = table.rename(columns={"vda": "oip"})
        headers["oip"] = headers.pop("vda")
    table.attrs["headers"] = headers  # field → the file's own header, for its messages too
    codes = [f"{d}_iso" for d in ("coo", "coa") if f"{d}_name" in table.columns]
    require_columns(table, ["year", *required, *codes], path, _labels_for())
    if table.empty:
        raise InputError(f"{path}: the table has a header but no rows")
    present = [c for c in counts if c in table.columns]
    if not present:  # before keys are checked: a demographics table repeats them by group
        raise InputError(
            f"{path}: no population count column (expected one or more columns such as "
            "\"Refugees under UNHCR's mandate\" or 'Asylum-seekers', or API fields such as "
            f"'refugees'); found {list(table.columns)}"
        )
    first_line = header + 2
    table.attrs["first_line"] = first_line  # a row's line: this plus its index
    if data.count(b"\n") + (not data.endswith(b"\n")) != header + 1 + len(table):
        # blank lines, or a cell over several lines: each row's index is its line's offset
        lines = data_lines(data, header)
        if len(lines) == len(table):
            table.index = pd.Index(lines) - first_line
    table = table[~_empty_rows(table)]  # a row of commas alone, as a spreadsheet may leave
    if not parsed:
        table = parse_counts(table, present, path, first_line)
    for col in [c for c in NAME_COLUMNS + ["coo", "coa"] if c in table.columns]:
        table[col] = _stripped(table[col])
    for col in [c for c in ("coo_iso", "coa_iso") if c in table.columns]:
        table[col] = _upper(table[col])  # "tur" is Türkiye's TUR, not a country of its own
    try:
        table = check_counts(
            table, present, [k for k in key if k in table.columns], path, first_line
        )
    except InputError as error:
        raise InputError(*error.problems, *_unread_sides(table, key, headers, path)) from None
    _refuse_names_without_codes(table, path, first_line, headers)
    _refuse_codes_of_other_names(table, path, first_line, headers)
    _refuse_aggregated_rows(table, path, first_line)
    _refuse_codes_not_iso(table, path, first_line, headers)
    _refuse_stateless_as_asylum(table, path, first_line)
    _refuse_total_rows(table, present, path, first_line, headers)
    _refuse_rows_named_total(table, path, first_line, headers)
    _refuse_subtotal_rows(table, present, path, first_line, headers)
    _refuse_refugees_at_home(table, path, first_line)
    _warn_unknown_codes(table, path, first_line)
    _refuse_years_to_come(table, path, first_line)
    resaved = data.startswith(b"\xef\xbb\xbf") or b"\r\n" in data[:_HEADER_PROBE]  # by Excel
    if cut and _api_layout(headers) and not resaved and (whole or len(table) >= DOWNLOAD_ROWS):
        # UNHCR's API and releases end every line with a line break: a download stopped
        # partway, its last number perhaps cut
        raise InputError(
            f"{path}: line {last_line}, the last, has no line break at its end, as a download "
            "cut short ends (UNHCR's API ends every line with one): download the file again "
            "(or, if you edited it and it is whole, end its last line with a line break)"
        )
    if cut and whole:  # a file cut inside its last number reads well, but for this
        notices.warn(
            f"{path}: line {last_line}, the last, has no line break at its end: is the file "
            "cut short? Its last row is read as it is"
        )
    table = table.reset_index(drop=True)
    table.attrs["source"] = str(path)
    table.attrs["headers"] = headers
    return table


def _refuse_cut_short(data: bytes, header: int, path: Path) -> None:
    """Fail on a row with fewer cells than the header, as a file cut short ends (a row's
    empty cells are read as missing; its absent cells are not)."""
    found = short_row(data, header)
    if found:
        line, cells, width = found
        lines = data.split(b"\n")
        text = lines[line - 1].decode("utf-8", "replace").strip().lstrip("\ufeff")
        if header_line(b"\n".join(lines[line - 1 :])) is not None:  # another's preamble
            raise InputError(
                f"{path}: line {line}: {text[:40]!r} starts another download pasted under the "
                "first (a second preamble and header row): keep one table to a file"
            )
        raise InputError(
            f"{path}: line {line}: the row ends early, after {cells} of {width} cells (is "
            "the file cut short?)"
        )


#: Counts a spreadsheet rewrote: in scientific notation (3.49E+06, rounded to three
#: digits), or with a full stop as thousands separator (658.000, read as 658). R writes a
#: whole number that is shorter so in a small e (2.5e+07: exactly 25,000,000), and is read.
_SPREADSHEET_NUMBER = re.compile(
    rb"(?<![\w.])(\d+(?:\.\d+)?E\+?\d+|\d{1,3}\.000) *(?=[\",;\r\n]|$)"
)
#: A count in a small e, as R and pandas write them.
_SMALL_E = re.compile(rb"(?<![\w.])(\d+(?:\.\d+)?e\+?\d+) *(?=[\",;\r\n]|$)")


def _rounded_small_e(data: bytes) -> re.Match | None:
    """The first count in a small e that is no shorter than the whole number it reads as:
    R writes a number so only when shorter (2.5e+07 for 25000000), so ``2.88e+06`` (for
    2880000, from pandas' ``float_format="%.3g"``) is a count rounded, not R's."""
    if b"e+" not in data:  # fast, most often
        return None
    for found in _SMALL_E.finditer(data):
        text = found.group(1).decode("ascii")
        if len(text) >= len(f"{float(text):.0f}"):
            return found
    return None


def _refuse_spreadsheet_numbers(data: bytes, path: Path) -> None:
    """Fail on a count a spreadsheet rewrote, which reads as a whole number but is not the
    published one: ``3.49E+06`` (3,490,000 for 3,489,257), ``2.88e+06`` (written so by
    pandas, not R: :func:`_rounded_small_e`) or ``658.000`` (658 for 658,000)."""
    found = _rounded_small_e(data)
    if found is None and (b"E+" in data or b".000" in data):  # (fast, most often neither)
        found = _SPREADSHEET_NUMBER.search(data)  # (spreadsheets write 3.49E+06, signed)
    if found is None:
        return
    text = found.group(1).decode("ascii")
    line = data.count(b"\n", 0, found.start()) + 1
    why = (
        "in scientific notation, rounded (by a spreadsheet or a script)"
        if "e" in text.lower()
        else "with a full stop as thousands separator"
    )
    raise InputError(
        f"{path}: line {line}: the count {text!r} is written {why}: expected the whole number "
        "as downloaded (format the cells as numbers without decimals before saving, or "
        "download the file again)"
    )


def _fields(labels: pd.Index, path: Path) -> list[str]:
    """The API field name of each header; fails when two headers give the same field
    ("Refugees" beside "Refugees under UNHCR's mandate", or one header twice)."""
    labels = [str(label) for label in labels]
    # pandas writes a header's second copy as "Refugees.1"
    unmangled = [MANGLED.sub("", x) if MANGLED.sub("", x) in labels else x for x in labels]
    fields = [field_name(label) for label in unmangled]
    for field in [f for f in dict.fromkeys(fields) if f in _ONCE and fields.count(f) > 1]:
        same = [label for label, f in zip(unmangled, fields, strict=True) if f == field]
        raise InputError(
            f"{path}: columns {' and '.join(repr(s) for s in same)} both give {field}: "
            "expected one column for each"
        )
    return [field_name(label) for label in labels]


_KNOWN = {"year", *NAME_COLUMNS, "coo", "coa", *POPULATION_HINTS}
_IDS = {"coo_iso", "coa_iso", "coo_id", "coa_id", "total"}  # read, or of no use here
#: The fields of every table read: a second column giving one is refused (which holds?).
_ONCE = _KNOWN | _IDS | set(SOLUTIONS_COUNTS)


class _LongRow(ValueError):
    """A row with more cells than the header, the extra ones not empty."""


def _read_csv(data: bytes, header: int, **options) -> pd.DataFrame:
    """``pd.read_csv`` of the table under ``header``: an empty cell after the last column (a
    comma ending every row) is dropped; a row with more cells than the header fails."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        table = pd.read_csv(
            io.BytesIO(data), skiprows=header, index_col=False, encoding="utf-8-sig", **options
        )
    longer = any(issubclass(w.category, pd.errors.ParserWarning) for w in caught)
    if longer and _long_row(data, header):
        raise _LongRow
    return table


def _long_row(data: bytes, header: int) -> tuple[int, int, int] | None:
    """The first row with cells beyond the header's (its line, its cells, the header's)."""
    width = len(header_cells(data, header))
    for line, row in data_rows(data, header):
        if any(cell.strip() for cell in row[width:]):
            return line, len(row), width
    return None


def _too_many(path: Path, line: int | str, cells: int | str, width: int | str) -> InputError:
    return InputError(
        f"{path}: line {line}: {cells} cells where the header has {width}: expected one cell "
        "under each header"
    )


def _read_numbers(data: bytes, header: int, counts: list[str]) -> pd.DataFrame | None:
    """The table with counts as numbers (``-``, empty or ``NA``: missing), or None when a cell
    does not parse."""
    try:
        labels = _read_csv(data, header, nrows=0)
        numeric = [c for c in labels.columns if field_name(c) in {"year", *counts}]
        table = _read_csv(
            data,
            header,
            dtype=defaultdict(lambda: str, dict.fromkeys(numeric, "float64")),
            na_values={c: list(MISSING_VALUES) for c in numeric if field_name(c) != "year"},
            keep_default_na=False,
            thousands=",",
        )
    except (ValueError, TypeError, OverflowError):  # ParserError, UnicodeDecodeError among them
        return None
    if not all(pd.api.types.is_float_dtype(table[c]) for c in numeric):
        return None
    return table if _grouped_as_thousands(data) else None


#: A quoted cell of digits and commas ("725,102"), and one grouped in thousands as it must be.
_QUOTED_NUMBER = re.compile(rb'"[0-9][0-9,]*"')
_THOUSANDS = re.compile(rb'"([0-9]+|[0-9]{1,3}(,[0-9]{3})+)"')


def _grouped_as_thousands(data: bytes) -> bool:
    """Whether every quoted number groups its digits by thousands: the C parser drops any
    comma, so "7,12,2" would be read as 7122 and "3,5" as 35 (the slow path names the cell)."""
    return all(_THOUSANDS.fullmatch(m.group()) for m in _QUOTED_NUMBER.finditer(data))


def _read_text(data: bytes, header: int, path: Path) -> pd.DataFrame:
    """The table as text, for parsing cell by cell."""
    try:
        return _read_csv(data, header, dtype=str, na_filter=False)
    except _LongRow:
        raise _too_many(path, *_long_row(data, header)) from None
    except UnicodeDecodeError:
        raise InputError(not_utf8(data, path)) from None
    except (pd.errors.ParserError, ValueError) as err:
        message = str(err).strip().splitlines()[-1]
        extra = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
        if extra:  # a row with a cell beyond the header's (pandas counts from the first row)
            _, line, cells = extra.groups()
            found = _long_row(data, header) or (line, cells, len(header_cells(data, header)))
            raise _too_many(path, *found) from None
        raise InputError(f"{path}: not a readable CSV table ({message})") from None


def not_utf8(data: bytes, path: Path) -> str:
    """One line naming the file line of the first byte that is not UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:  # the position in the whole file, not in a chunk
        line = data[: err.start].count(b"\n") + 1
        return (
            f"{path}: line {line}: byte 0x{data[err.start]:02x} is not UTF-8: expected a CSV "
            "file saved as UTF-8"
        )
    return f"{path}: not UTF-8 text: expected a CSV file saved as UTF-8"


#: Characters no name should carry into a page: control characters and the bidirectional
#: overrides (U+202E turns the text after it round in a browser).
_HIDDEN = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
#: ... and the spaces of other kinds (a tab, a line break in a cell) that read as one.
_SPACES = re.compile("[\t\n\x0b\x0c\r]+")


def _stripped(column: pd.Series) -> pd.Series:
    """The column without spaces around its values, nor control characters in them, its
    letters composed ("Tu\u0308rkiye" as "Türkiye": NFC), cleaned once per distinct value."""
    clean = {
        v: unicodedata.normalize("NFC", _SPACES.sub(" ", _HIDDEN.sub("", v)).strip())
        for v in column.unique()
        if isinstance(v, str)
    }
    if all(v == c for v, c in clean.items()):
        return column
    return column.map(clean)  # every value a key (replace() misses a key holding a NUL)


def _upper(column: pd.Series) -> pd.Series:
    """The codes in capitals (converted once per distinct code that is not)."""
    values = [v for v in column.unique() if isinstance(v, str) and v != v.upper()]
    return column.replace({v: v.upper() for v in values}) if values else column


#: A row counting this close to the sum of the other rows of its year is their total.
TOTAL_WITHIN = 0.005


#: A row of a code no one has holding this share of a year's people or more may be a total
#: or a region's subtotal, and is warned about (UNHCR's own rows of unknown origin, coded
#: ``UNK``, held 10% of the few refugees of 1953: they are not).
SUBTOTAL_AT_LEAST = 0.1
#: ... and one holding half of them or more is a total (a world row 1% off the sum), refused.
TOTAL_AT_LEAST = 0.5


def _refuse_total_rows(
    table: pd.DataFrame, counts: list[str], path: Path, first_line: int, headers: dict
) -> None:
    """Refuse a row of no country ("Total", "World", ``WLD``, an empty code, or UNHCR's own
    ``UNK`` on every side) whose largest count is the sum of that column over the year's
    rows of countries: a total row, which would count everyone twice. (IDMC's world rows
    before 2009, coded ``UNK``, stand alone in their years: there is nothing to sum.)"""
    # a side totalled over ("-" or blank in every row: a tester's origin-only download with
    # blank countries of asylum) names no code of its own
    codes = [
        c for c in ("coo_iso", "coa_iso") if c in table.columns and not totalled_over(table, c)
    ]
    if not codes:
        return
    seen = pd.unique(table[codes].to_numpy().ravel())
    # a withdrawn ISO code is a country's (ZAR's returns of 1978 are no total row; a tester)
    known = [c for c in seen if c == AGGREGATED or is_listed_code(c)]
    countries = [c for c in seen if c != AGGREGATED and (is_country(c) or is_former_country(c))]
    nobody = ~table[codes].isin(known).all(axis=1)  # a code no one has
    unknown = nobody | ~table[codes].isin([*countries, AGGREGATED]).any(axis=1)  # or no country
    if not unknown.any():
        return
    values = table[counts].fillna(0)
    by_year = values[~unknown].groupby(table["year"]).sum()  # the rows of known codes
    large = False
    for index in table.index[unknown]:
        column = values.loc[index].idxmax()
        row, year = values.at[index, column], table.at[index, "year"]
        others = by_year.at[year, column] if year in by_year.index else 0
        code = "/".join(str(table.at[index, c]) or "(empty)" for c in codes)
        if others > 0 and abs(row - others) <= TOTAL_WITHIN * others:
            raise InputError(
                f"{path}: line {first_line + index}: a row of no country ({code}) whose "
                f"{headers.get(column, column)!r} ({row:,.0f}) is the sum of the other rows "
                f"of {year} (a total row?): expected only the rows of countries, which the "
                "figures add up"
            )
        if nobody[index] and others > 0 and row >= TOTAL_AT_LEAST * others:
            raise InputError(
                f"{path}: line {first_line + index}: a row of an unknown code ({code}) whose "
                f"{headers.get(column, column)!r} ({row:,.0f}) is {row / others:.0%} of the "
                f"other rows of {year} (a total row?): expected only the rows of countries, "
                "which the figures add up"
            )
        if nobody[index] and others > 0 and row >= SUBTOTAL_AT_LEAST * others and not large:
            large = True  # said once: the code's own warning follows
            notices.warn(
                f"{path}: line {first_line + index}: a row of an unknown code ({code}) whose "
                f"{headers.get(column, column)!r} ({row:,.0f}) is {row / others:.0%} of the "
                f"other rows of {year}: if it is a total or a region's subtotal, the totals "
                "count its people twice; keep only the rows of countries"
            )


#: Names of rows that add others up (a spreadsheet's "Total" row, "Grand total").
TOTAL_NAME = re.compile(r"(?i)^\s*(grand\s+|sub-?\s*)?totals?\b|^\s*(world|all)\s*$")
#: The least a row counts, and the fewest other rows of its country it adds up, for a row of
#: no country on one side to be taken for their subtotal by its counts alone.
SUBTOTAL_PEOPLE, SUBTOTAL_ROWS = 1000, 2


def _refuse_subtotal_rows(
    table: pd.DataFrame, counts: list[str], path: Path, first_line: int, headers: dict
) -> None:
    """Refuse a row of no country on one side, of :data:`SUBTOTAL_PEOPLE` or more, whose
    every count is the sum of the :data:`SUBTOTAL_ROWS` or more other rows of its year and
    of the country on its other side: Germany's subtotal (→ Germany, no origin code) was
    counted twice, and ranked Germany third with twice its people (an auditor)."""
    sides = [c for c in ("coa_iso", "coo_iso") if c in table.columns]
    if len(sides) < 2:
        return
    codes = pd.unique(table[sides].to_numpy().ravel())
    countries = [c for c in codes if is_country(c) or is_former_country(c)]
    values = table[counts].fillna(0)
    large = values.sum(axis=1) >= SUBTOTAL_PEOPLE
    for side, other in (sides, sides[::-1]):
        alone = large & table[side].isin(countries) & ~table[other].isin(countries)
        if not alone.any():
            continue
        keys = pd.MultiIndex.from_frame(table[["year", side]])
        near = keys.isin(keys[alone.to_numpy()])  # the rows of those countries and years
        groups = values[near].groupby([table.loc[near, "year"], table.loc[near, side]])
        others = groups.transform("sum") - values[near]
        many = groups[counts[0]].transform("size") > SUBTOTAL_ROWS
        summed = ((values[near] - others).abs() <= TOTAL_WITHIN * others.abs()).all(axis=1)
        found = summed.index[alone[near] & many & summed]
        if len(found):
            row = table.loc[found[0]]
            raise InputError(
                f"{path}: line {first_line + found[0]}: a row of no country "
                f"({headers.get(other, other)} {row[other] or '(empty)'}) whose counts are the "
                f"sums of the other rows of {row[side]} in {row['year']} (a subtotal?), which "
                "would count their people twice: expected only the rows of countries"
            )


def _refuse_rows_named_total(
    table: pd.DataFrame, path: Path, first_line: int, headers: dict
) -> None:
    """Refuse a row whose country name is a total's (:data:`TOTAL_NAME`: "Total", "Grand
    total", "World"): no country of UNHCR's releases is so named."""
    for column in [c for c in ("coo_name", "coa_name") if c in table.columns]:
        totals = [n for n in table[column].unique() if TOTAL_NAME.match(str(n))]
        if totals:
            index = table.index[table[column] == totals[0]][0]
            raise InputError(
                f"{path}: line {first_line + index}: a row named {totals[0]!r} in "
                f"{headers.get(column, column)!r} (a total or subtotal row?), which would count "
                "its people twice: expected only the rows of countries"
            )


#: UNHCR's code for stateless people as a country of origin.
STATELESS_CODE = "XXA"


def _refuse_stateless_as_asylum(table: pd.DataFrame, path: Path, first_line: int) -> None:
    """Fail on UNHCR's code for stateless people (XXA) as a country of asylum: its releases
    give it as a country of origin only, so the origin and asylum columns were swapped
    (Venezuela then the largest host, Western Sahara at 296 refugees per 1,000; a hostile
    tester)."""
    if "coa_iso" not in table.columns:
        return
    stateless = table["coa_iso"] == STATELESS_CODE
    if stateless.any():
        raise InputError(
            f"{path}: line {first_line + stateless.idxmax()}: {STATELESS_CODE} (stateless) as "
            "country of asylum, which UNHCR gives as a country of origin only: are the origin "
            "and asylum columns swapped?"
        )


def _refuse_aggregated_rows(table: pd.DataFrame, path: Path, first_line: int) -> None:
    """Fail on a row aggregated (``-``) in a column that names countries: a total row under
    the table. Checked before :func:`_refuse_total_rows`, which would take such a row for
    one of the year's and name a real row that it sums (UNHCR's 1993 row of unknown origin
    and asylum, that year's only count of asylum-seekers)."""
    for col in [c for c in ("coo_iso", "coa_iso") if c in table.columns]:
        codes = table[col]
        if not codes.isin([AGGREGATED, ""]).all() and (codes == AGGREGATED).any():
            side = "origin" if col == "coo_iso" else "asylum"
            raise InputError(
                f"{path}: line {first_line + codes.index[codes == AGGREGATED][0]}: '-' as "
                f"country of {side} where the other rows name one (a total row?): expected "
                "only the rows of countries, which the figures add up"
            )


#: A column of country codes giving this many codes that are no ISO3 code, and this share of
#: its codes or more, holds codes of another list (UNHCR's own: AUL, GFR), not a few typos.
NOT_ISO_AT_LEAST, NOT_ISO_SHARE = 5, 0.25


def _refuse_codes_not_iso(table: pd.DataFrame, path: Path, first_line: int, headers: dict) -> None:
    """Fail on a column of ISO3 codes most of whose codes are no ISO3 code: UNHCR's own
    codes (its "Country of asylum Code" column) put there, whose AUS is Austria's and whose
    AUL, GFR and SWI no country has; read as ISO3, their people would move to other
    countries or out of every ranking (a hostile tester's file was refused as a total row)."""
    for col, name in (("coo_iso", "coo_name"), ("coa_iso", "coa_name")):
        if col not in table.columns:
            continue
        codes = pd.Series(table[col].unique())
        codes = codes[~codes.isin([AGGREGATED, ""])]
        unknown = codes[~codes.map(is_listed_code).astype(bool)]  # (YUG: warned about alone)
        if len(unknown) < max(NOT_ISO_AT_LEAST, NOT_ISO_SHARE * len(codes)):
            continue
        rows = table.index[table[col].isin(unknown)]
        named = table.loc[rows].drop_duplicates(col).head(3)
        examples = ", ".join(
            f"{code} for {given}" if given else code
            for code, given in zip(
                named[col], named[name] if name in named else [""] * len(named), strict=True
            )
        )
        raise InputError(
            f"{path}: line {first_line + rows[0]}: column {headers.get(col, col)!r}: "
            f"{len(unknown)} of its {len(codes)} codes are no ISO 3166 alpha-3 code "
            f"({examples}): expected ISO3 codes. {_which_codes(unknown)} Download the file "
            "with its ISO columns"
        )


def _which_codes(codes: pd.Series) -> str:
    """What codes of another list look like: ISO's two letters, numbers, or UNHCR's own."""
    text = codes.astype(str)
    if text.str.fullmatch(r"\d+").mean() > 0.5:
        return "Are they numeric codes (ISO 3166 or UN M49)?"
    if text.str.fullmatch(r"[A-Z]{2}").mean() > 0.5:
        return "Are they ISO 3166 alpha-2 codes?"
    return "Are they UNHCR's own codes (its AUS is Austria, ISO's Australia)?"


def _warn_unknown_codes(table: pd.DataFrame, path: Path, first_line: int) -> None:
    """Warn once per code that is neither a country's nor one of UNHCR's own, with the
    first line it is on; its people count in totals but never in rankings."""
    for col in [c for c in ("coo_iso", "coa_iso") if c in table.columns]:
        codes = table[col]
        if codes.isin([AGGREGATED, ""]).all():
            continue
        for code in [c for c in codes.unique() if c != AGGREGATED and not is_known_code(c)]:
            rows = codes.index[codes == code]
            what = (
                f"withdrawn ISO 3166 code {code!r}"
                if is_former_country(code)
                else f"unknown country code {code!r}"
                if code
                else "an empty country code"
            )
            notices.warn(
                f"{path}: line {first_line + rows[0]}: {what} in column {col} "
                f"({len(rows)} row{'s' if len(rows) > 1 else ''}); its people count in the "
                "totals but not in the rankings"
            )


def _refuse_names_without_codes(
    table: pd.DataFrame, path: Path, first_line: int, headers: dict
) -> None:
    """Fail on a row whose code is empty where its name is one other rows give a code
    ("Türkiye" without TUR in 2024, with it before): the code was lost in editing, and its
    people would leave every ranking. (A name no row codes as a country, "Total", is an
    unknown code's, or a total row's.)"""
    for col, name in (("coo_iso", "coo_name"), ("coa_iso", "coa_name")):
        if col not in table.columns or name not in table.columns:
            continue
        empty = table[col] == ""
        if not empty.any() or empty.all():  # (most files: quick; a side left blank: none)
            continue
        coded = table.loc[~empty, [name, col]].drop_duplicates()
        coded = coded[coded[col].map(is_country)]  # "World", WLD: a total row's, refused as one
        coded = coded.drop_duplicates(name).set_index(name)[col]
        lost = empty & table[name].isin(coded.index)
        if lost.any():
            index, rows = lost.idxmax(), int(lost.sum())
            given = table.at[index, name]
            raise InputError(
                f"{path}: line {first_line + index}: column {headers.get(col, col)!r} is "
                f"empty where {headers.get(name, name)!r} gives {given!r} ({rows} "
                f"row{'s' if rows > 1 else ''}): expected its ISO3 code ({coded[given]}, as "
                "other rows give it)"
            )


#: A name's code in this many times as many rows as another code it has is its code.
CODED_SO = 10


def _refuse_codes_of_other_names(
    table: pd.DataFrame, path: Path, first_line: int, headers: dict
) -> None:
    """Fail on rows whose code is a country's beside a name the other rows code otherwise,
    :data:`CODED_SO` times as often ("Türkiye" coded TKM in one row, TUR in 821):
    a code typed wrong moves its people to another country (Turkmenistan as the second
    largest host). No name of UNHCR's releases has two codes."""
    for col, name in (("coo_iso", "coo_name"), ("coa_iso", "coa_name")):
        if col not in table.columns or name not in table.columns:
            continue
        pairs = table[[name, col]].value_counts()  # rows by (name, code), most first
        named = ~pairs.index.get_level_values(name).isin(["", AGGREGATED])  # codes only: no name
        pairs = pairs[named & pairs.index.get_level_values(col).map(is_country).astype(bool)]
        names = pairs.index.get_level_values(name)
        twice = names.duplicated()  # a name's second code or more: the fewer rows
        for given, code in pairs.index[twice]:
            usual = pairs.loc[given].index[0]
            if pairs.loc[(given, usual)] < CODED_SO * pairs.loc[(given, code)]:
                continue  # no usual code to expect
            index = table.index[(table[name] == given) & (table[col] == code)][0]
            raise InputError(
                f"{path}: line {first_line + index}: column {headers.get(col, col)!r} gives "
                f"{code!r} where {headers.get(name, name)!r} gives {given!r}, which "
                f"{int(pairs.loc[(given, usual)])} other rows code {usual}: expected {usual}"
            )


def _empty_rows(table: pd.DataFrame) -> np.ndarray:
    """Which rows have no cell filled (``,,,,,,`` between two rows: skipped, as blank lines
    are)."""
    empty = np.ones(len(table), dtype=bool)
    for column in table.columns:  # the year, first, is filled in nearly every file: quick
        values = table[column]
        blank = values.isna()
        if not pd.api.types.is_numeric_dtype(values):
            blank |= values.astype(str).str.strip() == ""
        empty &= blank.to_numpy()
        if not empty.any():
            break
    return empty


def _unread_sides(table: pd.DataFrame, key: list[str], headers: dict, path: Path) -> list[str]:
    """Why rows repeat a key: a side's country columns under headers not recognised
    ('Origin (ISO)'), so that the rows of one host all read as one; else nothing."""
    sides = [k for k in ("coo_iso", "coa_iso") if k in key and k not in table.columns]
    unread = [headers.get(c, c) for c in table.columns if c not in _KNOWN | _IDS]
    if not sides or not unread:
        return []
    names = {"coo_iso": "country of origin", "coa_iso": "country of asylum"}
    side = " and ".join(names[s] for s in sides)
    return [
        f"{path}: no {side} column was recognised; the columns {', '.join(map(repr, unread))} "
        "were not read (expected headers such as 'Country of origin (ISO)' or 'coo_iso')"
    ]


def _refuse_years_to_come(table: pd.DataFrame, path: Path, first_line: int) -> None:
    """Fail on a year after the download was extracted (its preamble's date), or after
    today for a file without one: a typing error (2042 for 2024) whose rows would leave
    their year, which the figures would then count short."""
    if "year" not in table.columns or table.empty:
        return
    extracted = extraction_date(path)
    until = extracted or date.today()
    years = pd.to_numeric(table["year"], errors="coerce")
    later = years.index[years > until.year]
    if len(later):
        when = f"the download was extracted ({until:%d %B %Y})" if extracted else "this year"
        raise InputError(
            f"{path}: line {first_line + later[0]}: the year {int(years[later[0]])} is after "
            f"{when}: expected a year of the data (a typing error?)"
        )


def _labels_for() -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for label, field in LABELS.items():
        labels.setdefault(field, [field]).append(label)
    return labels


#: The first year UNHCR's figures count other people in need of international protection
#: (as Venezuelans displaced abroad until 2021): a file of earlier years has no column.
OIP_FROM = 2018
#: The first year UNHCR's figures count stateless people, and asylum-seekers: the years
#: before give 0 in every row of its release (1951-2003; 1951-1992), which is no count.
STATELESS_FROM = 2004
ASYLUM_SEEKERS_FROM = 1993
COUNTED_FROM = {"asylum_seekers": ASYLUM_SEEKERS_FROM, "stateless": STATELESS_FROM}


#: A file's latest year with fewer rows of refugees, asylum-seekers or OIP than this share
#: of the year before's is cut short: from 2000, UNHCR's December 2025 release never has
#: under 99.8% of the year before's (its mid-2025 too); before, its years hold 74% or more
#: (1973: 90 of 121). The margin leaves room for a mid-year count of fewer countries.
LAST_YEAR_AT_LEAST = 0.85
LAST_YEAR_AT_LEAST_SMALL = 0.7  # a year before of under 1,000 such rows
_PEOPLE_IN_NEED = ["refugees", "asylum_seekers", "oip"]


def _api_layout(headers: dict[str, str]) -> bool:
    """Whether a table's headers (field → the file's own label) are the API's field names."""
    return all(label == field for field, label in headers.items())


def _in_need_rows(table: pd.DataFrame, counts: list[str] | None = None) -> pd.DataFrame:
    """The rows with refugees, asylum-seekers or OIP (or the ``counts`` among them; none
    without their columns)."""
    counts = [c for c in counts or _PEOPLE_IN_NEED if c in table.columns]
    return table[table[counts].fillna(0).gt(0).any(axis=1)] if counts else table.iloc[:0]


def _refuse_last_year_cut(table: pd.DataFrame, path: Path) -> None:
    """Refuse a file whose latest year has far fewer rows of people in need of protection
    than the year before: a file cut at a line break reads well, but for the rows of its
    last year it lacks. (A download of returns or the stateless alone is not checked.) A
    column with no figure in any row of the latest year is not counted in either year: it
    was not given that year (:func:`unreported_years`), which is no cut."""
    years = table["year"].astype(int)
    latest = table[years == years.max()]
    given = [c for c in _PEOPLE_IN_NEED if c in table.columns and latest[c].notna().any()]
    rows = _in_need_rows(table, given)["year"].astype(int).value_counts().sort_index()
    if len(rows) < 2 or rows.index[-1] != rows.index[-2] + 1 or rows.iloc[-2] < 100:
        return
    least = LAST_YEAR_AT_LEAST if rows.iloc[-2] >= 1000 else LAST_YEAR_AT_LEAST_SMALL
    if rows.iloc[-1] < least * rows.iloc[-2]:
        latest_year, before = int(rows.index[-1]), int(rows.index[-2])
        labels = table.attrs.get("headers", {})
        zero = [labels.get(c, c) for c in given if not latest[c].fillna(0).gt(0).any()]
        hint = "".join(f"; column {c!r} gives 0 in every row of {latest_year}" for c in zero)
        raise InputError(
            f"{path}: {rows.iloc[-1]:,} rows of people in need of protection for "
            f"{latest_year}, its latest year, against {rows.iloc[-2]:,} for {before}: "
            f"expected about as many{hint} (is the file cut short? download it again)"
        )


#: A file whose last year (in its own order) ends before countries the year before lists
#: after its last row, or before the partners (countries of the other side) that its last
#: country lists after its last one, three or more of them in all, holding this share of
#: the year before's people in need of protection or more, is cut short at a line break.
#: Every year of UNHCR's December 2025 release, ended so, loses at most 5 people.
TAIL_CUT_SHARE = 0.0025
TAIL_CUT_COUNTRIES = 3
_IN_NEED_WORDS = "refugees, asylum-seekers and other people in need of international protection"


def _names_of(table: pd.DataFrame, side: str, codes: list) -> list[str]:
    """The names ``table`` gives the ``codes`` of a side (``coa``, ``coo``); the code where
    it gives none."""
    code = f"{side}_iso"
    names = table.drop_duplicates(code).set_index(code).get(f"{side}_name")
    found = [None if names is None else names.get(c) for c in codes]
    return [
        name.strip() if isinstance(name, str) and name.strip() else str(c)
        for c, name in zip(codes, found, strict=True)
    ]


def _end_years(table: pd.DataFrame) -> tuple[int, int] | None:
    """The year a file's rows end on and the year next to it, before it in the file: its
    latest year and the one before, or its first and the one after for a file listed from
    the latest year back; None for a file that ends on a year between."""
    years = table["year"].astype(int)
    end = int(years.iloc[-1])
    if end == years.max():
        return end, end - 1
    return (end, end + 1) if end == years.min() else None


def _listed_after(before: pd.DataFrame, last: pd.DataFrame, code: str) -> tuple | None:
    """``(anchor, missing)``: the last ``code`` value of the ``last`` year (in the file's
    order) that the year ``before`` lists too, and the values ``before`` lists after it that
    the last year lacks; None when ``before`` is not grouped by ``code`` (its order says
    nothing) or lists none of the last year's. (The last year's very last value may be new
    to it: IDMC's table cut after Thailand, which 2024 lacks, lost Uganda to Yemen.)"""
    listed = before[code].dropna()
    if listed.empty or (listed != listed.shift()).sum() != listed.nunique():
        return None
    order = list(dict.fromkeys(listed))
    known = set(order)
    anchor = next((c for c in reversed(last[code].dropna().tolist()) if c in known), None)
    if anchor is None:
        return None
    held = set(last[code])
    return anchor, [c for c in order[order.index(anchor) + 1 :] if c not in held]


def _few(names: list[str]) -> str:
    """``A, B, C, ...``: the first three names, and dots for more."""
    return ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")


def _refuse_last_year_ending_early(
    table: pd.DataFrame,
    path: Path,
    side: str,
    counts: Collection[str] = tuple(_PEOPLE_IN_NEED),
    words: str = _IN_NEED_WORDS,
    least: tuple[int, int] = (100, TAIL_CUT_COUNTRIES),
) -> None:
    """Refuse a file whose last year's rows stop early in the file's own order: the
    countries (of asylum, or of origin) the year before lists after the last year's last
    row have no row in it, or the partners its last country had listed after its last
    one, and they held many people. UNHCR's files list each year's rows in the same order
    (the API by country of asylum, the Refugee Data Finder by country of origin; each
    country's by the other side), so a file cut at a line break loses the end of that
    order: whole countries, or part of one's rows (five rows into Venezuela's of mid-2025,
    82% of its other people in need). ``least``: the rows with people the year before
    must have to be judged, and the countries that must lack rows (IDMC's table, of some
    60 a year: 100 and 3 would let a cut of its last lines pass)."""
    counts = [c for c in counts if c in table.columns]
    code, other = f"{side}_iso", "coa_iso" if side == "coo" else "coo_iso"
    ends = _end_years(table) if counts and not table.empty else None
    if ends is None:
        return
    years = table["year"].astype(int)
    last, before = table[years == ends[0]], table[years == ends[1]]
    if last.empty or len(_in_need_rows(before, counts)) < least[0] or last[code].isna().all():
        return
    found = _listed_after(before, last, code)
    if found is None:  # not the side the rows go by (an API file by country of asylum)
        return
    anchor, missing = found
    people = before[counts].fillna(0).sum(axis=1)
    final = last[code].dropna().iloc[-1]  # the file's last country: its own rows cut?
    partners, ours = [], None
    if other in table.columns and final == anchor:
        mine = before[before[code] == final]
        found = _listed_after(mine, last[last[code] == final], other)
        ours, partners = found if found is not None else (None, [])
        partners = [p for p in partners if p is not None]
    lost = float(people[before[code].isin(missing)].sum())
    if partners:  # (a file of one side's codes has no column of the other)
        lost += float(people[(before[code] == final) & before[other].isin(partners)].sum())
    if len(missing) + len(partners) < least[1] or lost < TAIL_CUT_SHARE * people.sum():
        return
    end, year_before = ends
    which = "its latest year" if end > year_before else "the last year in its order"
    where = "country of asylum" if side == "coa" else "country of origin"
    where = "country" if other in table.columns and table[code].equals(table[other]) else where
    final_name, anchor_name, *gone = _names_of(table, side, [final, anchor, *missing])
    after = "it" if anchor == final else anchor_name
    countries = f"{len(missing)} {'country' if len(missing) == 1 else 'countries'}"
    if partners:  # part of the last country's rows lost
        (partner,) = _names_of(table, other[:3], [ours])
        theirs = "origin" if side == "coa" else "asylum"
        more = f"{len(partners)} more {'country' if len(partners) == 1 else 'countries'}"
        stop = (
            f"stop partway through those of the {where} {final_name}: {year_before} lists its "
            f"rows with {more} of {theirs} after {partner}"
            + (f", and {countries} after {final_name} ({_few(gone)})" if missing else "")
            + f", none of them in {end}"
        )
    else:
        stop = (
            f"stop at the {where} {final_name}; {year_before} lists {countries} after {after} "
            f"({_few(gone)}), none of them in {end}"
        )
    raise InputError(
        f"{path}: the rows of {end}, {which}, {stop}, though they held "
        f"{numbers.people(lost)} {words} in {year_before}: is the file cut short? Download it "
        "again"
    )


#: A country that held this share of a year's people in need of protection or more (on
#: one side) has rows the year after in every year of UNHCR's December 2025 release since
#: 2000; one with none is missing from the file (a region or a host deleted).
GONE_SHARE = 0.01


def _warn_countries_gone(population: Population) -> None:
    """One warning for each year, from :data:`WORLD_SINCE`, whose rows lack countries (of
    asylum, or of origin, on a side of a world download: :data:`FEWEST_COUNTRIES` or more)
    that held :data:`GONE_SHARE` or more of the year before's refugees, asylum-seekers and
    OIP: their people are missing from the totals and the rankings, without the file saying
    so (all rows of Iran deleted, or every figure of them '-': 27.5 million refugees for
    31.0). A country with a figure that year, if only 0 (its refugees '-' in a year a
    download left them out, its asylum-seekers given), is not missing. A small file of
    one's own is not judged."""
    if not spread_worldwide(population):
        return
    table = population.table
    held = _in_need_rows(table)
    counts = [c for c in _PEOPLE_IN_NEED if c in held.columns]
    if not counts or held.empty:
        return
    in_need = held[counts].fillna(0).sum(axis=1)
    latest = _latest_in_need(table)
    for side in ("coa", "coo"):
        code = f"{side}_iso"
        if len(countries_among(latest[code])) < FEWEST_COUNTRIES:
            continue
        people = in_need.groupby([held["year"].astype(int), held[code]]).sum()
        given = table[table[counts].notna().any(axis=1)]  # rows with a figure, 0 included
        listed = given.groupby(given["year"].astype(int))[code].unique()
        years = set(people.index.get_level_values(0))
        for year in sorted(y for y in years if y > WORLD_SINCE and y - 1 in years):
            before, now = people.loc[year - 1], listed.get(year, [])
            gone = before[(before >= GONE_SHARE * before.sum()) & ~before.index.isin(now)]
            gone = gone[[is_country(c) for c in gone.index]]  # an unknown code is warned about
            if not gone.empty:
                _say_gone(population, side, year, gone, float(before.sum()))


def _say_gone(population: Population, side: str, year: int, gone: pd.Series, total: float) -> None:
    """The warning of :func:`_warn_countries_gone` for one side and year."""
    named = _names_of(population.table, side, list(gone.index))
    where = ("country" if len(named) == 1 else "countries") + (
        " of asylum" if side == "coa" else " of origin"
    )
    more = f" and {len(named) - 3} more" if len(named) > 3 else ""
    path = " and ".join(str(f) for f in population.files)
    notices.warn(
        f"{path}: no rows of {year} for the {where} {listing(named[:3], escape=False)}{more}, "
        f"which held {numbers.people(float(gone.sum()))} people in need of protection in "
        f"{year - 1} ({numbers.share(float(gone.sum()) / total)} of them): missing from "
        f"{year}'s totals and rankings (is the file complete?)"
    )


def read_population(path: Path) -> Population:
    """Read one population file (API or Refugee Data Finder layout, any compression).

    Any subset of the count columns will do ("Venezuelans displaced abroad", the earlier
    name of other people in need of international protection, counts as ``oip``); the
    groups without a column are listed in ``absent``, but for ``oip`` in a file of years
    before :data:`OIP_FROM` (none counted then). A file with no count column fails.
    """
    table = read_table(path, POPULATION_COUNTS + ["vda"], ["year", "coo_iso", "coa_iso"], [])
    if is_solutions_table(table.columns):  # its returns are population groups too
        solutions = [table.attrs["headers"][c] for c in table.columns if c in SOLUTIONS_ONLY]
        raise InputError(
            f"{path}: is UNHCR's solutions table (columns {', '.join(map(repr, solutions))}): "
            "expected the population table; the solutions table is read as unhcr/solutions.csv"
        )
    if "vda" in table.columns:
        table = _one_oip(table, path)
    if "oip" not in table.columns and table["year"].astype(int).max() < OIP_FROM:
        table["oip"] = 0.0  # a layout of before the category: none counted, not unknown
    absent = tuple(c for c in POPULATION_COUNTS if c not in table.columns)
    by_origin = _has_dimension(table, "coo")
    by_asylum = _has_dimension(table, "coa")
    if not (by_origin or by_asylum):
        aggregated = all(f"{side}_name" in table.columns for side in ("coo", "coa"))
        again = (
            API_CSV
            if _api_layout(table.attrs.get("headers", {}))
            else "download it again from the Refugee Data Finder with countries of asylum, "
            "of origin, or both"
        )
        raise InputError(
            f"{path}: every row has '-' as both country of origin and country of asylum "
            f"(aggregated over both): {again}"
            if aggregated
            else f"{path}: has neither a country of origin nor a country of asylum column "
            "with codes"
        )
    _refuse_last_year_cut(table, path)
    for side in [s for s, held in (("coa", by_asylum), ("coo", by_origin)) if held]:
        _refuse_last_year_ending_early(table, path, side)
    for col in absent:
        table[col] = float("nan")
    headers = table.attrs.get("headers", {})
    unread = tuple(headers.get(c, c) for c in table.columns if c not in _KNOWN | _IDS)
    return Population(table, by_origin, by_asylum, (Path(path),), absent, unread)


#: From this year a row whose country of origin is its country of asylum counts at most a
#: few refugees (119 asylum-seekers in the Netherlands, 2000, the most in UNHCR's releases;
#: its IDPs are in such rows, and Yemen's 100,000 refugees of 1986 were the two Yemens').
AT_HOME_FROM = 2000
#: ... and fewer than this many refugees, asylum-seekers and OIP.
AT_HOME_MOST = 1000


def _refuse_refugees_at_home(table: pd.DataFrame, path: Path, first_line: int) -> None:
    """Fail on a row of :data:`AT_HOME_FROM` or later counting :data:`AT_HOME_MOST` or more
    refugees, asylum-seekers or OIP in their own country (900,000 Syrians in the Syrian
    Arab Republic made it the largest origin: a hostile tester): a code typed wrong."""
    groups = [c for c in PROTECTION_GROUPS if c in table.columns]
    if not groups or not {"coo_iso", "coa_iso"} <= set(table.columns):
        return
    home = table["coo_iso"] == table["coa_iso"]
    home &= table["year"].astype(int) >= AT_HOME_FROM
    home[home] = table.loc[home, "coo_iso"].map(is_country).astype(bool)  # (few rows)
    people = table.loc[home, groups].fillna(0).sum(axis=1)
    if not (people >= AT_HOME_MOST).any():
        return
    index = people.index[people >= AT_HOME_MOST][0]
    code = table.at[index, "coo_iso"]
    raise InputError(
        f"{path}: line {first_line + index}: {people[index]:,.0f} refugees, asylum-seekers or "
        f"other people in need counted in their own country ({code} as both country of origin "
        f"and of asylum, {table.at[index, 'year']}): expected fewer than {AT_HOME_MOST:,} (a "
        "country code typed wrong?)"
    )


def _one_oip(table: pd.DataFrame, path: Path) -> pd.DataFrame:
    """One ``oip`` column from a file giving both the category's earlier name ("Venezuelans
    displaced abroad") and its later one: each row's figure under either name (years of one
    name and years of the other); a row with a figure under both gives the later name's,
    which takes in the earlier (added, they counted Venezuela's people twice), and is
    warned about."""
    oip, vda = table["oip"], table["vda"]
    both = (oip.fillna(0) > 0) & (vda.fillna(0) > 0)
    if both.any():
        headers = table.attrs.get("headers", {})
        years = table.loc[both, "year"].astype(int)
        notices.warn(
            f"{path}: {int(both.sum()):,} rows ({years.min()}–{years.max()}) give figures under "
            f"both {headers.get('vda', 'vda')!r} and {headers.get('oip', 'oip')!r}, names of one "
            "category; the later name's figure is taken, not the two added"
        )
    table["oip"] = oip.where(oip.fillna(0) > 0, vda.where(vda.notna(), oip))
    return table.drop(columns="vda")


#: Since 2000, a download for all countries has had refugees or others UNHCR counts in more
#: than 140 countries of asylum and 180 of origin each year: fewer than this on one side in
#: its latest year, with many on the other (a filter on a few hosts still leaves 30 or more
#: origins, and one on a few origins 60 or more hosts), is a download filtered to some
#: countries.
WORLD_SINCE, FEWEST_COUNTRIES, MANY_ON_THE_OTHER_SIDE = 2000, 100, 20
#: In the 1990s such a download had over 90 countries on each side (113 countries of asylum
#: and 96 of origin in 1990): fewer than this is a filter (five hosts of 1995, taken for the
#: world's 1.5 million refugees: an analyst).
NINETIES, FEWEST_IN_THE_NINETIES = 1990, 60
#: The groups counted for it (a download of IDPs or of the stateless only lists the few
#: countries that have them, which is no filter).
PROTECTION_GROUPS = ("refugees", "asylum_seekers", "oip")


def _refuse_filtered(population: Population, path: Path | str, warn: bool = True) -> None:
    """Fail when one side holds one country only (with several, or none, on the other), or
    too few countries for a world download in the file's latest year beside the world's on
    the other side: a Refugee Data Finder download filtered to some countries, which would
    be taken for the world's. Too few on both sides (or one side only) is warned about
    (unless not ``warn``: one file of a pair, whose totals are compared after): a small
    file of one's own, or a filter on both sides. A download of groups found in few
    countries alone is not judged (:func:`spread_worldwide`)."""
    if not spread_worldwide(population):
        return
    _refuse_filtered_on_the_hidden_side(population, path)
    table, sides = population.table, {"coa": population.by_asylum, "coo": population.by_origin}
    latest = _latest_in_need(table)
    for prefix, other in (("coa", "coo"), ("coo", "coa")):
        if not sides[prefix]:
            continue
        side = "asylum" if prefix == "coa" else "origin"
        codes = table[f"{prefix}_iso"].dropna().unique()
        if len(codes) == 1 and is_country(str(codes[0])):
            if sides[other] and table[f"{other}_iso"].nunique() < 3:
                continue  # one pair of countries: too little to be a filtered world download
            raise InputError(
                f"{path}: every row has {_named(table, prefix, codes[0])} as country of {side}: "
                "a download filtered to one country cannot give the world's figures; download "
                "it for all countries"
            )
        year = int(latest["year"].iloc[0]) if len(latest) else 0
        held = countries_among(latest[f"{prefix}_iso"])
        since, fewest, over = (
            (WORLD_SINCE, FEWEST_COUNTRIES, 140)
            if year >= WORLD_SINCE
            else (NINETIES, FEWEST_IN_THE_NINETIES, 90)
        )
        if year < since or not 1 < len(held) < fewest:
            continue
        few = (
            f"{path}: {year} has only {len(held)} countries of {side} "
            f"({first_codes(sorted(held), 5)}), where a download for all countries has over "
            f"{over} each year since {since}"
        )
        if sides[other] and len(countries_among(latest[f"{other}_iso"])) >= MANY_ON_THE_OTHER_SIDE:
            raise InputError(  # the other side is the world's: one side was filtered
                f"{few}: a download filtered to some countries cannot give the world's "
                "figures; download it for all countries"
            )
        if warn:
            notices.warn(f"{few}; if it was filtered to some countries, its figures are theirs")


#: From 1980 UNHCR's releases count over 8 million refugees in the world each year (8.5
#: million in 1980, the fewest): a download aggregated by one side whose latest year counts
#: fewer than this was filtered, perhaps on the side it does not show (Germany's refugees
#: shown by origin, 2000-2009: the "world's" 582,700 of 2008; an analyst).
WORLD_FLOOR_FROM, WORLD_FLOOR = 1980, 4_000_000


def _refuse_filtered_on_the_hidden_side(population: Population, path: Path | str) -> None:
    """Fail on a download aggregated by one side (no countries of asylum, or of origin)
    whose latest year giving refugees, from :data:`WORLD_FLOOR_FROM`, counts fewer than
    :data:`WORLD_FLOOR`: a filter on either side (on the side it does not show, no count of
    countries reveals it)."""
    if population.by_asylum == population.by_origin or "refugees" in population.absent:
        return
    table = population.table
    given = table.loc[table["refugees"].notna(), "year"]  # a year of '-' alone: not given
    if given.empty:
        return
    year = int(given.max())
    prefix = "coa" if population.by_asylum else "coo"
    if table[f"{prefix}_iso"].nunique() == 1:  # one country: :func:`_refuse_filtered` says so
        return
    refugees = float(table.loc[table["year"] == year, "refugees"].fillna(0).sum())
    if year < WORLD_FLOOR_FROM or refugees >= WORLD_FLOOR:
        return
    hidden, shown = ("asylum", "origin") if population.by_origin else ("origin", "asylum")
    raise InputError(
        f"{path}: {year} counts {refugees:,.0f} refugees under UNHCR's mandate, where a "
        f"download for all countries counts over 8 million each year since {WORLD_FLOOR_FROM}: "
        f"a download filtered to some countries (of {shown}, or of {hidden}, which it does not "
        "show) cannot give the world's figures; download it for all countries"
    )


def _latest_in_need(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of the table's latest year with people of :data:`PROTECTION_GROUPS`."""
    latest = table[table["year"] == table["year"].max()]
    return latest[latest[list(PROTECTION_GROUPS)].fillna(0).gt(0).any(axis=1)]


def spread_worldwide(population: Population) -> bool:
    """Whether the download holds refugees or asylum-seekers, found in most countries, so
    that few countries mean a filter: not for other people in need of international
    protection alone (about 20 hosts, one or two origins, in 2025)."""
    return bool({"refugees", "asylum_seekers"} - set(population.absent))


def unreported_years(population: Population) -> dict[str, list[int]]:
    """The years in which a group's column has no figure in any row (``-`` or empty in every
    one) after an earlier year had some, by column: the group was not given that year
    (asylum-seekers left out of a 2024 download), which is unknown, not none. A group not
    yet counted (other people in need before 2018, ``-`` in every row) is none; so is ``-``
    in some rows of a year (the API writes it for none: other people in need are given in
    15 to 24 rows a year from 2018), but not in every row of a year after. A small file of
    one's own (not :func:`looks_worldwide`) is not judged: a few hosts may have none."""
    table, out = population.table, {}
    if not looks_worldwide(population):
        return out
    present = [c for c in POPULATION_COUNTS if c in table.columns and c not in population.absent]
    given = table.groupby("year")[present].count()  # the rows with a figure, by year
    for column in present:
        years = given.index[given[column] > 0]
        if len(years):
            out[column] = [
                int(y) for y in given.index[(given[column] == 0) & (given.index > years[0])]
            ]
    return {column: years for column, years in out.items() if years}


def not_counted(population: Population, column: str) -> list[int]:
    """The years before UNHCR counted a group (:data:`COUNTED_FROM`: the stateless, the
    asylum-seekers) in which the file gives 0 of them in every row: no count yet, not none,
    whatever countries it holds (a download of 1951-1985, 99 hosts in its latest year, gave
    "0 asylum-seekers" in 1970; a tester). Not a file without the column; a year of '-' in
    every row is :func:`unreported_years`' own."""
    table = population.table
    if column in population.absent:
        return []
    early = table.loc[table["year"] < COUNTED_FROM[column], ["year", column]]
    given = early.groupby("year")[column].agg(["count", "sum"])
    return [int(y) for y in given.index[(given["count"] > 0) & (given["sum"] == 0)]]


def looks_worldwide(population: Population) -> bool:
    """Whether the download holds, on one side at least, as many countries in its latest year
    as only a download for all countries does (:data:`FEWEST_COUNTRIES`): its figures are then
    taken for the world's, where a small file of one's own is said to be its own."""
    if not spread_worldwide(population):
        return False
    latest = _latest_in_need(population.table)
    return any(
        len(countries_among(latest[f"{side}_iso"])) >= FEWEST_COUNTRIES for side in ("coa", "coo")
    )


def countries_among(codes: pd.Series) -> list[str]:
    """The distinct codes of countries (not UNHCR's codes for unknown or stateless)."""
    return [c for c in codes.dropna().unique() if is_country(str(c))]


def _named(table: pd.DataFrame, prefix: str, code: str) -> str:
    """``Türkiye (TUR)``: a code with the name the file gives it."""
    names = table[f"{prefix}_name"].dropna() if f"{prefix}_name" in table.columns else None
    return f"{names.iloc[0]} ({code})" if names is not None and len(names) else code


def totalled_over(table: pd.DataFrame, code: str) -> bool:
    """Whether a download was totalled over the side of its ``code`` column: ``-`` (or
    nothing) in every row, as the Refugee Data Finder writes "by country of origin only"."""
    return bool(len(table)) and table[code].fillna(AGGREGATED).isin([AGGREGATED, ""]).all()


def _has_dimension(table: pd.DataFrame, prefix: str) -> bool:
    """False when the dimension is absent or aggregated away (``-`` in every code)."""
    code = f"{prefix}_iso"
    if code not in table.columns:
        table[code] = pd.NA
        table[f"{prefix}_name"] = pd.NA
        return False
    aggregated = totalled_over(table, code)
    if aggregated:
        table[code] = pd.NA
        table[f"{prefix}_name"] = pd.NA
    return not aggregated


def load_population(unhcr_dir: Path) -> Population:
    """The population table of a folder: one file with every pair, or by-asylum plus by-origin
    (a year lacking a large country of a world download warned about)."""
    population = _load_population(unhcr_dir)
    _warn_countries_gone(population)
    return population


def _copy_last(path: Path) -> tuple[bool, bool, str]:
    """Of copies of one table, the download first: packed (.gz, .zip) before the CSV unzipped
    from it, a name without a browser's " (1)" before one with it."""
    name = path.name.lower()
    return (not name.endswith((".gz", ".zip")), bool(re.search(r" \(\d+\)", name)), name)


def no_population_file(unhcr_dir: Path) -> InputError:
    """The error for a folder holding no population file read, naming what it holds instead
    (an API answer in JSON, with how to ask for CSV; another file named population), each
    once: `report` gave the bare "no UNHCR population file" (a new user)."""
    answers = sorted(p.name for p in Path(unhcr_dir).glob("*.json"))
    unread = sorted(
        p.name
        for p in Path(unhcr_dir).glob("population*")
        if p.is_file() and not p.name.startswith(".") and p.name not in answers
    )
    return InputError(
        f"{unhcr_dir}: no UNHCR population file (expected population.csv[.gz] or a "
        "Refugee Data Finder download, .csv or .zip)"
        + (f"; {answers[0]} is JSON: {API_CSV}" if answers else "")
        + (f"; {unread[0]} is none of these" if unread else "")
    )


def _load_population(unhcr_dir: Path) -> Population:
    """:func:`load_population`, read and checked."""
    files = population_files(unhcr_dir)
    if not files:
        raise no_population_file(unhcr_dir)
    parts = [read_population(f) for f in files]
    full = [p for p in parts if p.by_origin and p.by_asylum]
    if len(full) == 1 and len(parts) == 1:
        _refuse_filtered(full[0], files[0])
        return full[0]
    if len(full) == len(parts) > 1 and all(p.table.equals(full[0].table) for p in full):
        names = ", ".join(p.name for p in files)  # population.csv.gz and the CSV unzipped
        kept = min(range(len(files)), key=lambda i: _copy_last(files[i]))
        notices.warn(f"{unhcr_dir}: {names} hold the same table: {files[kept].name} is read")
        _refuse_filtered(full[kept], files[kept])
        return full[kept]
    if len(full) > 1 or (full and len(parts) > 1):
        names = ", ".join(p.name for p in files)
        raise InputError(
            f"{unhcr_dir}: several population files ({names}); keep one (a download and a "
            "copy of it, zipped or not, are one download), or one by country of asylum and "
            "one by country of origin"
        )
    if len(parts) == 1:  # aggregated by one dimension
        _refuse_filtered(parts[0], files[0])
        return parts[0]
    by_asylum = [p for p in parts if p.by_asylum]
    by_origin = [p for p in parts if p.by_origin]
    if len(by_asylum) != 1 or len(by_origin) != 1:
        names = ", ".join(p.name for p in files)
        raise InputError(
            f"{unhcr_dir}: population files {names}: {len(by_asylum)} by country of asylum "
            f"and {len(by_origin)} by country of origin, where one of each pairs up (a download "
            "and a copy of it, zipped or not, are one download: keep one)"
        )
    for part in (by_asylum[0], by_origin[0]):
        _refuse_filtered(part, part.files[0], warn=False)
    asylum, origin = _same_years(by_asylum[0], by_origin[0])
    table = pd.concat(
        [asylum.assign(_part="asylum"), origin.assign(_part="origin")], ignore_index=True
    )
    absent = tuple(c for c in POPULATION_COUNTS if c in by_asylum[0].absent + by_origin[0].absent)
    table[list(absent)] = float("nan")  # a group one side lacks: on neither (one basis)
    unread = tuple(dict.fromkeys(by_asylum[0].unread + by_origin[0].unread))
    parts = (by_asylum[0], by_origin[0])
    lacking = {g: tuple(f for p in parts if g in p.absent for f in p.files) for g in absent}
    pair = Population(table, True, True, tuple(files), absent, unread, lacking)
    # judged as one download too: Europe's hosts by asylum beside their refugees' origins
    _refuse_filtered(pair, " and ".join(str(f) for f in (*by_asylum[0].files, *by_origin[0].files)))
    return pair


def _same_years(by_asylum: Population, by_origin: Population) -> tuple[pd.DataFrame, ...]:
    """The two tables of a pair, on the years both hold (with a warning when one holds more):
    a year only one holds would give half its figures. They must add up alike
    (:func:`_refuse_other_release`)."""
    years = [set(p.table["year"]) for p in (by_asylum, by_origin)]
    both = years[0] & years[1]
    if not both:
        raise InputError(
            f"{by_asylum.files[0]} and {by_origin.files[0]}: no year in common: expected "
            "downloads of the same years, one by country of asylum and one by country of origin"
        )
    tables = tuple(p.table[p.table["year"].isin(both)] for p in (by_asylum, by_origin))
    _refuse_other_release(*tables, by_asylum.files[0], by_origin.files[0])
    for part, held in zip((by_asylum, by_origin), years, strict=True):
        if held - both:
            notices.warn(
                f"{part.files[0]}: holds {numbers.years(held - both)}, which the other file of "
                f"its pair does not; only the years both hold are used ({numbers.years(both)})"
            )
    return tables


def _refuse_other_release(
    asylum: pd.DataFrame, origin: pd.DataFrame, asylum_file: Path, origin_file: Path
) -> None:
    """Fail when the two files of a pair give other world totals for a year they both hold:
    two downloads of one release add up to the same figures, by country of asylum or of
    origin; other releases (revised figures, a mid-year count then the year-end one) or a
    file filtered to some countries do not. A difference under 0.1% is let through."""
    counts = [c for c in POPULATION_COUNTS if asylum[c].notna().any() and origin[c].notna().any()]
    totals = [t.groupby("year")[counts].sum() for t in (asylum, origin)]
    gap = (totals[0] - totals[1]).abs() > 0.001 * np.maximum(totals[0], totals[1]).clip(1000)
    if not gap.to_numpy().any():
        return
    year, count = gap.stack()[lambda held: held].index[0]
    raise InputError(
        f"{asylum_file} and {origin_file}: not two downloads of one release: for {year}, "
        f"the {count!r} counts add up to {totals[0].at[year, count]:,.0f} by country of "
        f"asylum and {totals[1].at[year, count]:,.0f} by country of origin; download both at "
        "the same time, for all countries"
    )


def read_unrwa(path: Path) -> pd.DataFrame:
    """Palestine refugees under UNRWA's mandate, by year and field (``total``); the field
    is the country of asylum, so its column is required."""
    key = ["year", "coo_iso", "coa_iso"]
    table = read_table(path, ["total"], key, ["total", "coa_iso"], whole=True)
    return _check_missing_totals(
        _refuse_unit_slips(table, ["total"], path, places=3, sides=["coa_iso"])
    )


#: A year whose total of a count is this many times the year before's, or as many times
#: less, in a table of many places, has its counts in another unit (thousands typed as
#: people, or people as thousands). In UNHCR's December 2025 release, between two years
#: of 20 countries of origin and of asylum or more, the world's resettlement, or any UN or
#: UNHCR region's, changes at most 20 times, and IDMC's and UNRWA's yearly totals 1.3 times.
UNIT_SLIP = 100


def _refuse_unit_slips(
    table: pd.DataFrame,
    counts: list[str],
    path: Path,
    places: int = 20,
    sides: Collection[str] = ("coa_iso", "coo_iso"),
) -> pd.DataFrame:
    """Refuse a year whose total of a count is :data:`UNIT_SLIP` times that of the table's
    year before it, or as many times less, where both years count people in ``places``
    places or more on each of ``sides`` (one place's count may well grow so: a new crisis; a
    download of one origin holds many countries of asylum, but is one country's story)."""
    for column in counts:
        rows = table[table[column] > 0]
        years = rows.groupby("year")
        held = pd.concat([years[side].nunique() for side in sides], axis=1).min(axis=1)
        totals = years[column].sum()[held >= places]
        for (before, then), (year, now) in itertools.pairwise(totals.items()):
            if max(now / then, then / now) >= UNIT_SLIP:
                header = table.attrs.get("headers", {}).get(column, column)
                raise InputError(
                    f"{path}: the {header!r} of {year} add up to {now:,.0f}, against "
                    f"{then:,.0f} in {before}: expected counts of people in both (are one "
                    "year's in thousands?)"
                )
    return table


def read_idmc(path: Path) -> pd.DataFrame:
    """People internally displaced by conflict and violence (IDMC), by year and country (its
    origin and asylum, one country: a table with one of the two codes gives it to both)."""
    key = ["year", "coo_iso", "coa_iso"]
    table = read_table(path, ["total"], key, ["total"], whole=True)
    held = [c for c in ("coa_iso", "coo_iso") if c in table.columns]
    require_columns(table, held[:1] or ["coa_iso"], path, _labels_for())
    for column in ("coa_iso", "coo_iso"):
        if column not in table.columns:
            table[column] = table[held[0]]
    displaced = "people internally displaced by conflict and violence"
    _refuse_last_year_ending_early(table, path, "coo", ["total"], displaced, least=(20, 1))
    return _check_missing_totals(_refuse_unit_slips(table, ["total"], path))


def is_idmc_export(table: pd.DataFrame) -> bool:
    """Whether ``table`` was read from IDMC's own export (GIDD: "Conflict Stock
    Displacement"), whose figures are all of year end, not UNHCR's table."""
    headers = {str(h).casefold() for h in table.attrs.get("headers", {}).values()}
    return "conflict stock displacement" in headers


def _check_missing_totals(table: pd.DataFrame) -> pd.DataFrame:
    """One warning naming the rows of a table of one estimate each (IDMC's, UNRWA's) that
    give none ('-' or an empty cell): they count as none, where the release always gives
    one (a missing estimate would read as a fall, or a revision); one after an estimate of
    10,000 or more is refused (:func:`_refuse_blanked_totals`). A year none of whose rows
    gives one is no count at all: its total is null, as the figures say."""
    if is_idmc_export(table):  # IDMC's export: a row per country with any displacement,
        return table  # most of them by disasters only (blank here)
    given = table.groupby("year")["total"].transform("count") > 0  # a year of none: null
    blank = table[table["total"].isna() & given]
    if len(blank):
        place = "coa_iso" if "coa_iso" in blank.columns else "coo_iso"
        _refuse_blanked_totals(table, blank, place)
        rows = [f"{code} in {year}" for code, year in zip(blank[place], blank["year"], strict=True)]
        more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
        notices.warn(
            f"{table.attrs['source']}: no figure for {', '.join(rows[:3])}{more} ('-' or an "
            "empty cell): counted as none"
        )
    return table


#: A place's estimate of this many people or more is not followed by a cell of '-' or an
#: empty one the next year: UNHCR's releases never do so from 10,000 people.
BLANKED_FROM = 10_000


def _refuse_blanked_totals(table: pd.DataFrame, blank: pd.DataFrame, place: str) -> None:
    """Fail on a row of ``blank`` (no estimate) whose place's estimate the year before was
    :data:`BLANKED_FROM` or more: the Syrian Arab Republic's 6.3 million internally displaced
    of 2016 blanked counted as none, the world's 10% fewer, with a warning (an auditor). An
    estimate that ends has no row after it in UNHCR's releases (Côte d'Ivoire's 302,000 of
    2022), not a row without a figure."""
    given = table.dropna(subset=["total"]).groupby([place, "year"])["total"].sum()
    before = given.reindex(list(zip(blank[place], blank["year"] - 1, strict=True))).to_numpy()
    if not (before >= BLANKED_FROM).any():
        return
    index = blank.index[before >= BLANKED_FROM][0]
    code, year = blank.at[index, place], blank.at[index, "year"]
    was = given[(code, year - 1)]
    header = table.attrs.get("headers", {}).get("total", "total")
    line = f"line {table.attrs['first_line'] + index}: " if "first_line" in table.attrs else ""
    raise InputError(
        f"{table.attrs['source']}: {line}no figure for {code} in {year} in {header!r} ('-' or "
        f"an empty cell), against {was:,.0f} in {year - 1}: expected a number (a cell emptied "
        "in editing?)"
    )


def read_solutions(path: Path) -> pd.DataFrame:
    """Durable solutions by year, origin and asylum (``resettlement`` among them)."""
    counts, key = SOLUTIONS_COUNTS, ["year", "coo_iso", "coa_iso"]
    table = read_table(path, counts, key, ["resettlement", "coo_iso", "coa_iso"], whole=True)
    # resettlement alone: returns are the population file's, and one country's mass
    # naturalisation (Tanzania's Burundians, 2009) is 800 times the year before's in Africa's
    return _refuse_unit_slips(table, ["resettlement"], path)


def read_countries(path: Path) -> pd.DataFrame:
    """UNHCR's country table: ISO3 code, UNHCR code, name and UNHCR region."""
    path = Path(path)
    data = csv_bytes(path)
    try:
        table = pd.read_csv(io.BytesIO(data), dtype=str, na_filter=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(not_utf8(data, path)) from None
    except (pd.errors.ParserError, ValueError) as err:  # "China, Hong Kong SAR" unquoted
        hint = layout_hint(data)  # in a file separated by semicolons, say
        found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(err))
        if found and not hint:
            width, line, cells = found.groups()
            hint = (
                f": line {line} has {cells} cells where the header has {width} (a name with "
                "a comma, not in quotes?)"
            )
        raise InputError(f"{path}: not a readable CSV table{hint or f' ({err})'}") from None
    used = ["iso_code", "name", "unhcr_region"]
    table.columns = [" ".join(str(c).split()).casefold() for c in table.columns]  # "ISO_CODE "
    hint = layout_hint(data) if len(table.columns) == 1 else ""
    if hint:  # one column: cells separated otherwise, or not CSV text at all
        raise InputError(f"{path}: expected the columns {', '.join(used)}{hint}")
    twice = column_twice(list(table.columns), used)
    if twice:  # which holds?
        raise InputError(f"{path}: column {twice!r} twice: expected one column for each")
    require_columns(table, used, path, {})
    _refuse_cut_short(data, 0, path)
    if table.empty:
        raise InputError(f"{path}: the table has a header but no rows")
    table = table.apply(_stripped)  # (and no control characters: see _HIDDEN)
    table["iso_code"] = table["iso_code"].str.upper()  # "tur" is TUR, as in the population file
    table = table[table["iso_code"] != ""]
    again = table[table["iso_code"].duplicated()]
    if not again.empty:  # which row's name and region hold? Not for the reader to guess
        code, line = again["iso_code"].iloc[0], again.index[0] + 2
        first = table.index[table["iso_code"] == code][0] + 2
        raise InputError(
            f"{path}: line {line}: iso_code {code!r} again (first on line {first}): expected "
            "each country once"
        )
    table["unhcr_region"] = table["unhcr_region"].map(_region_as_named)
    _refuse_unknown_regions(table, path)
    _m49_names(table, path)
    return table.reset_index(drop=True)


def _region_as_named(region: str) -> str:
    """A region as UNHCR names it, whatever its case and spaces ("europe", "The\u00a0Americas"
    split a region in two); another name as it is."""
    spaced = " ".join(region.split())
    return {name.casefold(): name for name in UNHCR_REGIONS}.get(spaced.casefold(), spaced)


def _m49_names(table: pd.DataFrame, path: Path) -> None:
    """Write the UN M49 columns' names as M49 does, whatever their case; fail on a name that
    is none of M49's (the developed regions are told by name: "EUROPE" made Europe a
    developing region)."""
    for column, names in M49_NAMES.items():
        if column not in table.columns:
            continue
        known = {n.casefold(): n for n in names} | M49_SPELLINGS
        given = table[column].fillna("")
        found = given.str.casefold().map(known)
        wrong = (given != "") & found.isna()
        if wrong.any():
            line = wrong.idxmax() + 2
            raise InputError(
                f"{path}: line {line}, column {column!r}: expected one of UN M49's names "
                f"({', '.join(names)}), found {given[line - 2]!r}"
            )
        table[column] = found.fillna("")
    _refuse_subregions_elsewhere(table, path)


def _refuse_subregions_elsewhere(table: pd.DataFrame, path: Path) -> None:
    """Fail on a row whose M49 subregion is in another region than the row gives ("Africa"
    beside "Australia and New Zealand"): columns shifted a row in a spreadsheet, which moved
    every country's region (the developing share from 74% to 91%; a hostile tester)."""
    if not {"unsd_region", "unsd_subregion"} <= set(table.columns):
        return
    expected = table["unsd_subregion"].map(M49_REGION_OF)
    wrong = expected.notna() & (table["unsd_region"] != "") & (table["unsd_region"] != expected)
    if wrong.any():
        index = wrong.idxmax()
        raise InputError(
            f"{path}: line {index + 2}: unsd_subregion "
            f"{table.at[index, 'unsd_subregion']!r} is in {expected[index]}, not in "
            f"{table.at[index, 'unsd_region']!r} (unsd_region): expected a subregion of the "
            "row's region (columns out of line?)"
        )


#: UNHCR's regions (its regional bureaux), as its country table names them since 2020,
#: and the names of earlier years. A region not among them that fewer than
#: ``FEW_IN_REGION`` countries have is a typo ("Eurpoe", or "Euro" in a row cut short); a
#: region UNHCR renames renames many countries at once, and is read.
CURRENT_REGIONS = [
    "Asia and the Pacific",
    "Eastern and Southern Africa",
    "Europe",
    "Middle East and North Africa",
    "The Americas",
    "West and Central Africa",
]
UNHCR_REGIONS = {
    *CURRENT_REGIONS,
    "Americas",
    "Asia and Pacific",
    "Central Africa and the Great Lakes",
    "East and Horn of Africa",
    "East and Horn of Africa and Great Lakes",
    "East and Horn of Africa, and the Great Lakes",
    "Great Lakes",
    "North Africa",
    "Southern Africa",
    "West Africa",
}
FEW_IN_REGION = 3


def _refuse_unknown_regions(table: pd.DataFrame, path: Path) -> None:
    """Fail on a country's region that is not one of UNHCR's and that few countries have
    (rows of non-countries, such as "Unknown", may carry any placeholder)."""
    countries = table[table["iso_code"].map(is_country) & (table["unhcr_region"] != "")]
    counts = countries["unhcr_region"].value_counts()
    current = any(counts.get(r, 0) >= FEW_IN_REGION for r in CURRENT_REGIONS)
    for region, count in counts.items():
        if count >= FEW_IN_REGION or (region in UNHCR_REGIONS and region in CURRENT_REGIONS):
            continue
        line = countries.index[countries["unhcr_region"] == region][0] + 2
        where = f"{path}: line {line}, column 'unhcr_region'"
        if region not in UNHCR_REGIONS:
            raise InputError(
                f"{where}: expected one of UNHCR's regions ({', '.join(CURRENT_REGIONS)}), "
                f"found {region!r}"
            )
        if current:  # "Americas" for one country among "The Americas": a region split in two
            raise InputError(
                f"{where}: {region!r} is an earlier name of a UNHCR region, among the current "
                f"ones: write the current name ({', '.join(CURRENT_REGIONS)})"
            )
