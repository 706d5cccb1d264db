"""Where each source's files are in a raw folder, and how a UNHCR CSV is laid out.

Kept free of pandas and openpyxl, so the report command can check a request (the
files are there, the year is held) in a fraction of a second before any notebook runs.
"""

import contextlib
import csv
import gzip
import io
import itertools
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from analysis import memo, notices
from analysis.errors import InputError

#: UNHCR's tables beside the population file, each read on its own.
SIDE_TABLES = ("unrwa", "idmc", "solutions")
OTHER_FILES = (*SIDE_TABLES, "countries")
# Refugee Data Finder headers (normalised: lower case, single spaces) → API field names.
LABELS = {
    "year": "year",
    "country of origin": "coo_name",
    "country of origin (iso)": "coo_iso",
    "country of origin code": "coo",
    "country of asylum": "coa_name",
    "country of asylum (iso)": "coa_iso",
    "country of asylum code": "coa",
    "refugees under unhcr's mandate": "refugees",
    "refugees": "refugees",
    "asylum-seekers": "asylum_seekers",
    "asylum seekers": "asylum_seekers",
    "returned refugees": "returned_refugees",
    "idps of concern to unhcr": "idps",
    "returned idpss": "returned_idps",
    "returned idps": "returned_idps",
    "stateless persons": "stateless",
    "others of concern": "ooc",
    "other people in need of international protection": "oip",
    "venezuelans displaced abroad": "vda",
    "host community": "hst",
    "total": "total",
    # IDMC's own export (GIDD): its stock of conflict IDPs, by country ISO3 code
    "conflict stock displacement": "total",
    "iso3": "coa_iso",
    "resettlement arrivals": "resettlement",
    "naturalisation": "naturalisation",
    "naturalization": "naturalisation",
}
HEADER_HINTS = {"coo_iso", "coa_iso", "coo_name", "coa_name", "iso_code"}
#: The population groups' count columns (API field names), in the API's order.
POPULATION_COUNTS = [
    "refugees",
    "asylum_seekers",
    "returned_refugees",
    "idps",
    "returned_idps",
    "stateless",
    "ooc",
    "oip",
    "hst",
]
#: A population table has one of them at least (a download may hold only some groups); a
#: footnotes table beside it has none.
POPULATION_HINTS = {*POPULATION_COUNTS, "vda"}


def _loosely(key: str) -> str:
    """A normalised header as it may be spelt: "refugees under unhcr mandate", "other people
    in need of international protection (oip)" read as the Refugee Data Finder's own."""
    # an abbreviation after the name; not "(raw)": IDMC's unrounded copy of a column
    key = re.sub(r" \((?!iso\)|raw\))[a-z]+\)$", "", key)
    return " ".join(key.replace("'s ", " ").replace("-", " ").split())


#: :data:`LABELS` as their variants are spelt (:func:`_loosely`).
LOOSE_LABELS = {_loosely(key): field for key, field in LABELS.items()}


def field_name(label: str) -> str:
    """The API field name of a header: known labels first (also as loosely spelt), then
    country columns by their words."""
    key = " ".join(str(label).replace("\ufeff", "").replace("’", "'").split()).lower()
    if key in LABELS:
        return LABELS[key]
    if _loosely(key) in LOOSE_LABELS:
        return LOOSE_LABELS[_loosely(key)]
    for words, prefix in (("country of origin", "coo"), ("country of asylum", "coa")):
        if key.startswith(words):
            rest = key[len(words) :]
            return f"{prefix}_iso" if "iso" in rest else prefix if "code" in rest else key
    return key


#: How pandas names a header's second copy: "value.1".
MANGLED = re.compile(r"\.\d+$")


def column_twice(columns: list[str], used: list[str]) -> str | None:
    """The first of the ``used`` columns a table's header gives twice, or None."""
    for column in map(str, columns):
        base = MANGLED.sub("", column)
        if base != column and base in used:
            return base
    return None


#: What opening a CSV, a gzipped CSV or a zip may raise: a damaged file, or a zip that is
#: encrypted (RuntimeError) or packed with a method Python lacks (NotImplementedError).
UNREADABLE = (
    OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile, RuntimeError, NotImplementedError
)  # fmt: skip


#: A number whose commas group its digits by thousands ("5,805,962", "1,234.5"): the
#: published figures' and UN DESA's numbers typed as text ("5805,962" is a decimal comma).
COMMA_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")


def unreadable(path: Path, err: BaseException) -> InputError:
    """The one-line error for a file that cannot be opened."""
    if path.suffix.lower() == ".zip" and isinstance(err, RuntimeError | NotImplementedError):
        return InputError(f"{path}: cannot be read ({err}); unzip it, and keep the CSV")
    if isinstance(err, PermissionError):
        return InputError(f"{path}: cannot be read: permission denied (give yourself read access)")
    return InputError(f"{path}: cannot be read ({err}); is the file complete?")


def csv_bytes(path: Path) -> bytes:
    """The CSV bytes of a .csv, .csv.gz, or the population table inside a .zip."""
    try:
        data = _zip_member(path) if path.suffix.lower() == ".zip" else path.read_bytes()
        if path.suffix.lower() == ".gz":
            _gzipped(path, data[:2000])
            data = gzip.decompress(data)
    except UNREADABLE as err:
        raise unreadable(path, err) from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty; expected a CSV table with a header row")
    packed = next((kind for magic, kind in PACKED.items() if data.startswith(magic)), None)
    if packed and path.suffix.lower() == ".gz" and data.startswith(b"\x1f\x8b"):
        raise InputError(f"{path}: compressed twice (gzip inside gzip): compress the CSV once")
    if packed:
        raise InputError(f"{path}: {packed[0]}, not CSV text: {packed[1]}")
    if b"\r" in data:  # lines ended by CR alone ("CSV (Macintosh)"), all or some of them
        data = _BARE_CR.sub(b"\n", data)
    return _without_empty_rows_at_end(data)


#: A carriage return that ends a line alone, not followed by a line feed.
_BARE_CR = re.compile(rb"\r(?!\n)")


#: What a file named as CSV text may be instead, by its first bytes.
PACKED = {
    b"\x1f\x8b": ("a gzip-compressed file", "name it .csv.gz"),
    b"PK\x03\x04": (
        "a zip archive or an Excel workbook",
        "name a zip .zip, or save the sheet as CSV UTF-8 (comma delimited)",
    ),
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": (
        "an Excel 97-2003 workbook (.xls)",
        "save the sheet as CSV UTF-8 (comma delimited)",
    ),
    b"%PDF": ("a PDF document", "download the table as CSV"),
    b"\x89PNG": ("a PNG image", "download the table as CSV"),
}


def _without_empty_rows_at_end(data: bytes) -> bytes:
    """The table without the rows of empty cells a spreadsheet may leave at its end."""
    end = len(data)
    while end:
        start = data.rfind(b"\n", 0, end - 1) + 1  # the last line: data[start:end]
        if data[start:end].strip(b' \t",\r\n'):
            break
        end = start
    return data[:end]


def without_notes_at_end(data: bytes, header: int, path: Path) -> bytes:
    """The table without the lines of text under it (a source line or a numbered footnote
    pasted below the figures), with a warning quoting the first: lines at the end whose
    year cell is no year and that have fewer cells than the header or only empty ones
    beside their first. A row that starts with a year is a row, cut short or not."""
    cells, _ = _header_row(data, header)
    fields = [field_name(c) for c in cells]
    if "year" not in fields:
        return data
    at = fields.index("year")
    notes, end = [], len(data)
    while end:
        start = data.rfind(b"\n", 0, end - 1) + 1  # the last line: data[start:end]
        row = next(csv.reader([data[start:end].decode("utf-8", "replace").strip()]), [])
        text = [c.strip() for c in row]
        year = text[at] if at < len(text) else ""
        if not any(text) or re.fullmatch(r"\d{4}", year):
            break
        if len(row) >= len(cells) and any(text[1:]):  # a whole row: refused, naming it
            break
        notes.insert(0, ", ".join(t for t in text if t))
        end = start
    if not notes:
        return data
    first = notes[0] if len(notes[0]) <= 60 else notes[0][:57] + "..."
    notices.warn(
        f"{path}: {len(notes)} line{'s' if len(notes) > 1 else ''} of text under the table "
        f"left out as notes ('{first}')"
    )
    return _without_empty_rows_at_end(data[:end])


#: How to ask UNHCR's API for a file this project reads.
API_CSV = (
    "ask the API for CSV with download=true, and coo_all=true and coa_all=true for every country"
)


#: What a web page saved in place of a table (a failed download) is told.
WEB_PAGE = "; the file is a web page (HTML), not the table: download the file again"


def _web_page(data: bytes) -> bool:
    """Whether the first bytes are those of a web page."""
    first = data[:2000].decode("utf-8", errors="replace").lstrip("\ufeff")
    return bool(re.match(r"\s*<(!doctype html|html|head|body)\b", first, re.I))


def _utf16_text(head: bytes) -> bool:
    """Whether the bytes read as UTF-16 text without its byte-order mark: zeros in a good
    share of the odd bytes or of the even ones (those of Latin letters, digits and commas;
    a name in another script has none), and few in the other half."""
    half = len(head) // 2
    odd, even = head[1 : 2 * half : 2].count(0), head[0 : 2 * half : 2].count(0)
    return half >= 4 and max(odd, even) >= 0.3 * half and min(odd, even) <= max(odd, even) / 10


def layout_hint(data: bytes) -> str:
    """Why no header row was found, when the bytes say: UTF-16 text, or another separator."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _utf16_text(data[:200]):
        return "; the file is UTF-16 text: save it as CSV UTF-8 (comma delimited)"
    if b"\x00" in data[:200]:
        return "; the file is not text: expected a CSV table (comma delimited, UTF-8)"
    first = data[:2000].decode("utf-8", errors="replace")
    if _web_page(data):
        return WEB_PAGE
    if first.lstrip("\ufeff \t\r\n")[:1] in ("{", "["):
        return (
            f"; the file is JSON (an answer of UNHCR's API): {API_CSV}, or use the Refugee "
            "Data Finder's CSV"
        )
    return separator_hint(first)


def separator_hint(text: str) -> str:
    """``; its cells are separated by semicolons: ...`` when ``text`` (a file's start) holds
    more semicolons or tabs than commas, as Excel saves CSV in some languages; else empty."""
    for separator, name in ((";", "semicolons"), ("\t", "tabs")):
        if text.count(separator) > text.count(","):
            return f"; its cells are separated by {name}: save it as CSV (comma delimited)"
    return ""


def _zip_member(path: Path) -> bytes:
    """The population table inside a zip (a Refugee Data Finder download as saved)."""
    with zipfile.ZipFile(path) as archive:
        members = _population_members(archive)
        if len(members) == 1:
            return archive.read(members[0])
    if members:  # parts of one download, or by asylum and by origin (a pair side by side)
        raise InputError(
            f"{path}: holds {len(members)} population tables ({', '.join(members)}): expected "
            "one; join the parts of one download into one CSV (one header), or unzip a "
            "download by country of asylum and one by country of origin into the folder to "
            "read them together"
        )
    raise InputError(
        f"{path}: no population table inside the zip (expected a CSV with 'Year' and "
        "'Country of asylum' or 'Country of origin' columns, and population counts); "
        f"{_what_it_holds(path)}"
    )


def _what_it_holds(path: Path) -> str:
    """ "it holds UNHCR's solutions table (x.csv)", or the CSV files a zip holds."""
    with zipfile.ZipFile(path) as archive:
        heads = _csv_heads(archive)
    for name, head in heads:
        header = header_line(head)
        if header is not None and is_solutions_table(_fields_of(head, header)):
            return f"it holds UNHCR's solutions table ({name})"
    return f"it holds {', '.join(name for name, _ in heads) or 'no CSV file'}"


def _csv_heads(archive: zipfile.ZipFile) -> list[tuple[str, bytes]]:
    """Each CSV member of a zip, by name, with its first bytes."""
    names = sorted(i.filename for i in archive.infolist() if i.filename.lower().endswith(".csv"))
    return [(name, archive.open(name).read(_HEADER_BYTES)) for name in names]


def _population_members(archive: zipfile.ZipFile) -> list[str]:
    """The CSV members of a zip that are population tables, by name."""
    return [name for name, head in _csv_heads(archive) if is_population_table(head)]


#: Enough of a table's first bytes to hold its header under a download's preamble.
_HEADER_BYTES = 65_536
#: Columns only UNHCR's solutions table has: its returns are population groups too.
SOLUTIONS_ONLY = {"resettlement", "naturalisation"}


def is_solutions_table(fields: Iterable[str]) -> bool:
    """Whether a table's fields are UNHCR's solutions table's: resettlement or
    naturalisation, and of the population groups only returns."""
    fields = set(fields)
    others = POPULATION_HINTS - {"returned_refugees", "returned_idps"}
    return bool(fields & SOLUTIONS_ONLY) and not fields & others


def _fields_of(head: bytes, header: int) -> list[str]:
    """The fields of a table's header row."""
    return [field_name(cell) for cell in header_cells(head, header)]


def is_population_table(head: bytes) -> bool:
    """Whether a table's first bytes open on a population header: a year, countries and
    population counts, and not the solutions table's."""
    header = header_line(head, POPULATION_HINTS)
    return header is not None and not is_solutions_table(_fields_of(head, header))


def header_line(data: bytes, counts: set[str] | None = None, max_lines: int = 60) -> int | None:
    """Index of the header row: the first line whose cells include 'year' and a country column
    (and one of ``counts``, when given: a footnotes table has countries but no counts)."""
    text = data[:200_000].decode("utf-8-sig", errors="replace")
    lines = text.splitlines()[:max_lines]
    for number, row in enumerate(csv.reader(lines)):
        fields = {field_name(cell) for cell in row}
        if "year" in fields and fields & HEADER_HINTS and (counts is None or fields & counts):
            return number
    return None


#: A line of a download's preamble that dates it ("Extracted on: 25 November 2026", "Data
#: extracted on ...", "Date extracted: 2026-11-25").
_EXTRACTED = re.compile(r"extract", re.I)
_DATED = re.compile(r"\d|extracted\s+on|date\s+extracted", re.I)
_PREAMBLE_BYTES = 20_000


def extraction_date(path: Path) -> date | None:
    """When a download was extracted, from the preamble above its header; None for a file
    without one (the full release, a bare table), with a warning when a line says when it
    was extracted but its date cannot be read."""
    from analysis import notices

    data = _head(path)
    header = header_line(data)
    lines = data.decode("utf-8-sig", errors="replace").splitlines()[: header or 0]
    unread = []
    for line in lines:
        if _EXTRACTED.search(line):
            text = line.strip().strip('",').strip()
            parsed = _parse_date(text)
            if parsed is not None:
                if _AMBIGUOUS_DATE.search(text):  # 07/03/2025: 7 March, or 3 July?
                    if parsed > date.today() and parsed.day <= 12:  # read as the other way
                        swapped = date(parsed.year, parsed.day, parsed.month)
                        parsed = swapped if swapped <= date.today() else parsed  # not to come
                    notices.warn(
                        f"{path}: the date in '{text}' may be read day first or month first; "
                        f"it is read as {parsed.day} {parsed:%B %Y} (write it as "
                        f"{parsed:%Y-%m-%d} to be sure)"
                    )
                return parsed
            if _DATED.search(text):  # a date was meant ("Extracted on: ..."), not found
                unread.append(text)
    if unread:
        _UNREAD.add(str(path))
        notices.warn(
            f"{path}: cannot read the date of '{unread[0]}' (write it as YYYY-MM-DD); the file "
            "is dated as one without a date"
        )
    return None


_UNREAD: set[str] = set()  # the files whose preamble's date could not be read
#: A numeric date whose first two numbers could each be the day or the month (not equal).
_AMBIGUOUS_DATE = re.compile(
    r"\b(?!(\d{1,2})[/.-]\1\b)(0?[1-9]|1[0-2])[/.-](0?[1-9]|1[0-2])[/.-]\d{2,4}\b"
)


def date_unread(path: Path) -> bool:
    """Whether :func:`extraction_date` found a date it could not read in ``path`` (and said
    so)."""
    return str(path) in _UNREAD


def _gzipped(path: Path, start: bytes) -> None:
    """Refuse a file named ``.gz`` that is not gzip-compressed (CSV text renamed, or a web
    page saved by a failed download)."""
    if not start or start.startswith(b"\x1f\x8b"):
        return
    if _web_page(start):
        raise InputError(f"{path}: not gzip-compressed{WEB_PAGE}")
    packed = next((said for magic, said in PACKED.items() if start.startswith(magic)), None)
    if packed is not None:  # a zip download renamed .csv.gz (a new user): not "name it .csv"
        raise InputError(f"{path}: not gzip-compressed: it is {packed[0]}: {packed[1]}")
    raise InputError(f"{path}: not gzip-compressed: if it is CSV text, name it .csv")


def _head(path: Path, size: int = _PREAMBLE_BYTES) -> bytes:
    """The first bytes of a CSV, a gzipped CSV or the population table in a zip."""
    try:
        if path.suffix.lower() == ".gz":
            with open(path, "rb") as raw:
                _gzipped(path, raw.read(2000))
            with gzip.open(path) as stream:
                return stream.read(size)
        if path.suffix.lower() == ".zip":
            return _zip_member(path)[:size]
        with open(path, "rb") as stream:
            return stream.read(size)
    except UNREADABLE as err:
        raise unreadable(path, err) from None


def _parse_date(text: str) -> date | None:
    """A whole date in free text (day first, unless the year is: "2026-11-25", wherever it
    stands in the line: "Extracted from the Refugee Data Finder on 2025-07-03" was read as 7
    March), or None."""
    from dateutil import parser

    text = re.sub(r"(?i)^.*?extracted(\s+on)?\W*", "", text)
    text = re.sub(r"\S+://\S*", "", text)  # an address's digits are no date's
    text = re.sub(r"\(.*?\)", "", text)  # nor is "(data as of 30 June 2025)"
    # nor a version's or a table's number: "RDF v1.2.3" read as 1 February 2003 (a reviewer)
    text = re.sub(r"(?i)\bv\d+(\.\d+)*\b|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.])", "", text)
    # the first date written in figures: "2026-07-01", "2026/07/01", "20260701", at the start
    # of the line or after words, not a later one ("03/07/2025, 2025-06-30 data": day first)
    numeric = re.search(r"(?<!\d)(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{8})(?!\d)", text)
    year_first = bool(numeric and re.match(r"\d{4}", numeric.group()))
    named = re.search(r"\d{1,2}\.?\s+([^\W\d_]{3,})\.?,?\s+\d{4}", text)  # "10 décembre 2026"
    if named and parser.parserinfo().month(named.group(1)) is None:
        return None  # a month named in another language: not the day taken for the month
    found = []
    for default in (datetime(2000, 1, 1), datetime(2001, 2, 2)):  # the parts given, or none
        try:
            with warnings.catch_warnings():  # "10:22 CET": a time zone dateutil does not know
                warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
                parsed = parser.parse(text, fuzzy=True, dayfirst=not year_first, default=default)
        except (ValueError, OverflowError):
            return None
        found.append(parsed.date())
    if found[0] == found[1]:
        return found[0]
    same_month = found[0].replace(day=1) == found[1].replace(day=1)
    return found[0].replace(day=1) if same_month else None  # "November 2025": its first day


#: A data row whose first cell is a year (quoted or not), as UNHCR's tables begin.
_LEADING_YEAR = re.compile(rb'^"?(\d{4})"?,', re.M)


def data_rows(data: bytes, header: int) -> Iterator[tuple[int, list[str]]]:
    """Each row under the header row with the file line (from 1) it starts on, as pandas
    reads the rows: blank lines (or of spaces alone) skipped, a quoted cell over several lines
    within one row."""
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace"), newline=""))
    start = 1
    for number, row in enumerate(rows):
        if number > header and row and (len(row) > 1 or row[0].strip()):
            yield start, row
        start = rows.line_num + 1


def header_cells(data: bytes, header: int) -> list[str]:
    """The cells of the header row (``header``: its index among the file's rows)."""
    return _header_row(data, header)[0]


def _header_row(data: bytes, header: int) -> tuple[list[str], int]:
    """The header row's cells, and the file line it ends on."""
    text = data[:200_000].decode("utf-8-sig", errors="replace")
    rows = csv.reader(io.StringIO(text, newline=""))
    return next(itertools.islice(rows, header, None), []), rows.line_num


def data_lines(data: bytes, header: int) -> list[int]:
    """The file line (from 1) on which each row under the header row starts."""
    return [line for line, _ in data_rows(data, header)]


def short_row(data: bytes, header: int) -> tuple[int, int, int] | None:
    """The first row with fewer cells than the header, as a file cut short ends (its line,
    its cells, the header's); None when every row is whole.

    Only lines that may be short are read with the CSV reader: those with fewer commas than
    the header has cells less one, or with a quote (a quoted comma is no separator). Any of
    them short, the rows are read in full for the line it starts on.
    """
    cells, ends = _header_row(data, header)
    width = len(cells)
    while width > 1 and not cells[width - 1].strip():  # "...,Host Community," ends on none
        width -= 1
    if not any(_short(line, width) for line in _suspect_lines(data, ends, width - 1)):
        return None
    for line, row in data_rows(data, header):
        if len(row) < width:
            return line, len(row), width
    return None


def _suspect_lines(data: bytes, skip: int, commas: int) -> list[bytes]:
    """The lines after the first ``skip`` that hold a quote or fewer than ``commas`` commas,
    counted with numpy over the whole file (a loop over 100,000 lines took a tenth of the
    read)."""
    import numpy as np

    raw = np.frombuffer(data, dtype=np.uint8)
    breaks = np.flatnonzero(raw == ord("\n"))
    starts = np.concatenate(([0], breaks + 1))[skip:]  # every line, as data.split(b"\n")
    stops = np.concatenate((breaks, [len(raw)]))[skip:]

    def per_line(byte: str) -> np.ndarray:
        at = np.flatnonzero(raw == ord(byte))
        return np.searchsorted(at, stops) - np.searchsorted(at, starts)

    suspect = (per_line('"') > 0) | (per_line(",") < commas)
    return [data[a:b] for a, b in zip(starts[suspect], stops[suspect], strict=True)]


def _short(line: bytes, cells: int) -> bool:
    """Whether a line holds fewer cells than ``cells`` (a blank line holds none to count),
    or may: a quoted cell runs on to the next line."""
    if line.count(b'"') % 2:
        return True
    row = next(csv.reader([line.decode("utf-8", "replace")]), [])
    blank = len(row) <= 1 and not "".join(row).strip()
    return not blank and len(row) < cells


#: The years of each table read, by its bytes (a command asks for them more than once).
_YEARS: dict[tuple[str, str], frozenset[int]] = memo.store()


def table_years(path: Path) -> set[int]:
    """The years a UNHCR table holds, read quickly (the year column only, unvalidated)."""
    path = Path(path)
    key = (memo.digest(path), path.name)
    if key not in _YEARS:
        memo.keep(_YEARS, key, frozenset(_table_years(path)), size=16)
    return set(_YEARS[key])


def _table_years(path: Path) -> set[int]:
    """:func:`table_years`, read."""
    data = csv_bytes(path)
    header = header_line(data)
    if header is None:
        raise InputError(
            f"{path}: no header row found (expected a row with 'year' and countries)"
            f"{layout_hint(data)}"
        )
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace")))
    for _ in range(header):
        next(rows)
    names = [field_name(cell) for cell in next(rows)]
    column = names.index("year")
    if column == 0:
        years = _leading_years(data, header)
        if years is not None:
            return years
    years = set()
    for row in rows:
        cell = row[column].strip().replace(",", "") if len(row) > column else ""
        year = _WHOLE_YEAR.fullmatch(cell)
        if year:  # "2016", or "2016.0" or "2,016" as a spreadsheet may write it
            years.add(int(year[1]))
    return years


_WHOLE_YEAR = re.compile(r"(\d+)(?:\.0*)?")


def _leading_years(data: bytes, header: int) -> set[int] | None:
    """The years of a table whose rows all begin with their year, found with one regular
    expression; None when a row does not (the CSV reader then decides)."""
    body = data.split(b"\n", header + 1)[-1].strip()
    found = _LEADING_YEAR.findall(body)
    rows = body.count(b"\n") + 1 if body else 0
    return {int(year) for year in set(found)} if len(found) == rows else None


def population_files(unhcr_dir: Path) -> list[Path]:
    """The population file(s) in a folder: anything CSV-like that is not another UNHCR table."""
    files = []
    for path in sorted(Path(unhcr_dir).iterdir()):
        name = path.name.lower()
        if not name.endswith((".csv", ".csv.gz", ".zip")) or name.startswith("."):
            continue
        refuse_broken_link(path)
        if not path.is_file():
            continue
        if name.split(".")[0] in OTHER_FILES:
            continue
        files.append(path)
    # A footnotes file unzipped beside the table is left out; a lone file is kept, so
    # that reading it gives the clear error.
    population = [f for f in files if _looks_like_population(f)]
    for path in files if population else []:
        if path not in population and _starts_on_a_data_row(path):
            raise InputError(
                f"{path}: starts on a data row, with no header: the rest of a population file "
                f"cut in two? Join it to {population[0].name}, or move it out of the folder"
            )
    _warn_unread(unhcr_dir)
    return population or files


#: Downloads the UNHCR folder may hold that the reader does not open, and what each is.
UNREAD_IN_UNHCR = {
    ".xlsx": "an Excel file",
    ".xls": "an Excel file",
    ".ods": "a spreadsheet",
    ".tsv": "a tab-separated file",
    ".xz": "compressed as .xz: .gz and .zip are read",
    ".bz2": "compressed as .bz2: .gz and .zip are read",
    ".7z": "a 7-Zip archive: .gz and .zip are read",
    ".rar": "a RAR archive: .gz and .zip are read",
}


def files_of_kinds(folder: Path, kinds: dict[str, str]) -> list[tuple[Path, str]]:
    """The files of ``folder`` whose suffix ``kinds`` holds, with what it says of them, in
    order; hidden files and Office's lock files (``~$x.xlsx``) left out."""
    return [
        (p, kinds[p.suffix.lower()])
        for p in _entries(folder)
        if p.suffix.lower() in kinds and p.is_file()
    ]


def _warn_unread(unhcr_dir: Path) -> None:
    """One warning per spreadsheet or tab-separated file in the UNHCR folder: not read (a
    download saved in another format beside an older population file would go unused
    unsaid)."""
    for path, kind in files_of_kinds(unhcr_dir, UNREAD_IN_UNHCR):
        notices.warn(
            f"{path}: not read ({kind}); to use it, save its table as CSV UTF-8 in place of "
            "the CSV file of that table (population.csv, solutions.csv, idmc.csv, ...)"
        )


def _starts_on_a_data_row(path: Path) -> bool:
    """Whether a CSV's first line that holds anything begins with a year, as UNHCR's data
    rows do: a file with no header (the second half of one split in two)."""
    try:
        head = _head(path, 4096)
    except InputError:
        return False
    first = next((line for line in head.splitlines() if line.strip()), b"")
    return bool(re.match(rb'^(\xef\xbb\xbf)?"?\d{4}"?[,;\t]', first))  # after a BOM, too


def _looks_like_population(path: Path) -> bool:
    """Whether a file opens on a population header, or is a zip holding one (so a footnotes
    file, a solutions or demographics download beside it is skipped).

    A file that cannot be read counts: reading it later gives the clear error.
    """
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                return bool(_population_members(archive))
        except UNREADABLE:
            return True
    try:
        head = _head(path, _HEADER_BYTES)
    except InputError:
        return True
    return not head.strip() or is_population_table(head)


def refuse_broken_link(path: Path) -> None:
    """Fail on a link to a file that is not there (moved, or on a drive not mounted): it
    would read as no file, and its figures as none."""
    if path.is_symlink() and not path.exists():
        raise InputError(
            f"{path}: a link to {os.readlink(path)}, which is not there: expected the file "
            "itself, or a link to it"
        )


def find_table(unhcr_dir: Path, name: str, required: bool = True) -> Path | None:
    """``name.csv`` or ``name.csv.gz`` in the UNHCR folder; fails with one line when required,
    or when two are there (both, or a browser's "idmc (1).csv" beside it: which holds?)."""
    names = {f"{name}.csv", f"{name}.csv.gz"}  # in any case: IDMC.csv, as Windows may save it
    held = sorted(Path(unhcr_dir).iterdir()) if Path(unhcr_dir).is_dir() else []
    # ... and a browser's copy of a second download beside it: "idmc (1).csv"
    again = re.compile(rf"{re.escape(name)}( ?\(\d+\))?\.csv(\.gz)?")
    for path in [p for p in held if again.fullmatch(p.name.lower())]:
        refuse_broken_link(path)
        if path.is_dir():  # it was passed over: the project's countries used without a word
            raise InputError(
                f"{path}: a folder, not a file: expected UNHCR's {name} table as a CSV file"
            )
    found = [p for p in held if again.fullmatch(p.name.lower()) and p.is_file()]
    if len(found) > 1 and len({_unpacked(p) for p in found}) == 1:  # one download, twice
        found = sorted(found, key=lambda p: p.name.lower() not in names)[:1]
    if len(found) > 1:
        raise InputError(
            f"{unhcr_dir}: {found[0].name} and {found[1].name} are two copies of UNHCR's "
            f"{name} table: keep one"
        )
    if found and found[0].name.lower() in names:
        return found[0]  # ("idmc (1).csv" alone is named as not read, as others are)
    if required:
        raise InputError(f"{unhcr_dir}: missing {name}.csv (UNHCR's {name} table, API layout)")
    return None


def _unpacked(path: Path) -> bytes:
    """A table's bytes, unzipped when gzipped (a .csv and the .csv.gz it came from are one)."""
    data = path.read_bytes()
    if path.name.lower().endswith(".gz"):
        with contextlib.suppress(OSError, EOFError, zlib.error):  # damaged: its own bytes
            return gzip.decompress(data)
    return data


def workbook_files(raw_dir: Path, required: bool = True) -> list[Path]:
    """The Excel workbooks (any ``.xlsx`` name) in ``raw_dir/undesa``; one line when none
    (an empty list when not ``required``)."""
    folder = Path(raw_dir) / "undesa"
    for path in sorted(folder.glob("*")) if folder.is_dir() else []:
        if path.suffix.lower() == ".xlsx" and not path.name.startswith(("~$", ".")):
            refuse_broken_link(path)  # a workbook on a drive not mounted
    files = [path for path, _ in files_of_kinds(folder, {".xlsx": "a workbook"})]
    if not files and required:
        raise InputError(
            f"{folder}: no UN DESA migrant-stock workbook found: expected an .xlsx file such "
            "as 'undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx' or "
            f"'UN_MigrantStockTotal_2019.xlsx' (any revision){older_excel(raw_dir)}"
        )
    return files


#: Files of ``undesa/`` the reader does not open, and what to do with each kind.
NOT_XLSX = {
    ".xls": "is an older Excel format, not read: save it as .xlsx",
    ".xlsm": "is a macro-enabled workbook, not read: save it as .xlsx",
    ".xlsb": "is a binary Excel workbook, not read: save it as .xlsx",
    ".ods": "is an OpenDocument spreadsheet, not read: save it as .xlsx",
    ".csv": "is a CSV file, not read: UN DESA's figures are read from its .xlsx workbook",
    ".zip": "is a zip, not read: unzip the .xlsx workbook it holds into undesa/",
}


def unread_workbooks(raw_dir: Path) -> list[str]:
    """ "x.xls is an older Excel format: save it as .xlsx", for each spreadsheet of
    ``raw_dir/undesa`` the reader does not open, and each workbook it cannot tell by name."""
    folder = Path(raw_dir) / "undesa"
    unread = [f"{p.name} {kind}" for p, kind in files_of_kinds(folder, NOT_XLSX)]
    return unread + [f"{p.name} {why}" for p in _entries(folder) if (why := _not_named_xlsx(p))]


def _entries(folder: Path) -> list[Path]:
    """The entries of ``folder``, sorted; hidden ones and Office's lock files left out."""
    found = sorted(Path(folder).iterdir()) if Path(folder).is_dir() else []
    return [p for p in found if not p.name.startswith(("~$", "."))]


#: What a workbook's name may end in after ``.xlsx``, and what to do.
PACKED_WORKBOOK = {
    **dict.fromkeys((".gz", ".bz2", ".xz", ".7z", ".rar"), "unpack it into the undesa folder"),
    **dict.fromkeys(
        (".part", ".crdownload", ".download"), "an unfinished download? download it again"
    ),
}


def _not_named_xlsx(path: Path) -> str:
    """Why a workbook by its name or bytes is not read ("" for any other entry): a folder
    named as one, a compressed one or an unfinished download, one whose name lost its
    ``.xlsx`` (a checksum, a backup or Windows' ``:Zone.Identifier`` beside it: none)."""
    named = ".xlsx" in path.name.lower()
    if path.is_dir():
        return "is a folder, not read: put the .xlsx workbook itself in the undesa folder" * named
    what = PACKED_WORKBOOK.get(path.suffix.lower())
    if named and what:
        return f"ends in {path.suffix}, not .xlsx, not read: {what}"
    if not path.suffix and path.is_file():
        try:
            with path.open("rb") as file:
                if file.read(2) == b"PK":  # a zip, as workbooks are
                    return "has no .xlsx ending, not read: name it .xlsx if it is the workbook"
        except OSError:
            pass
    return ""


def older_excel(raw_dir: Path) -> str:
    """ " (x.xls is an older Excel format, not read: save it as .xlsx)" when ``undesa/`` holds a
    spreadsheet the reader does not open (the first of them)."""
    unread = unread_workbooks(raw_dir)
    return f" ({unread[0]})" if unread else ""


def check_desa_revision(raw_dir: Path, revision: int | None) -> bool:
    """Whether ``raw_dir/undesa`` holds a workbook; fails when none is there but a revision
    was asked for (``--desa-revision``), which cannot then be honoured."""
    if workbook_files(raw_dir, required=False):
        return True
    if revision:
        workbook_files(raw_dir)  # the error naming the folder
    return False


def refuse_raw_dir_without_unhcr(raw_dir: Path) -> None:
    """Fail in one line when ``raw_dir`` holds no ``unhcr`` folder: it is a file, it does
    not exist, or it is the ``unhcr`` folder itself (the raw folder is the one above)."""
    raw_dir = Path(raw_dir)
    if (raw_dir / "unhcr").is_dir():
        return
    if raw_dir.is_file():
        raise InputError(f"{raw_dir}: a file, not a folder: expected the raw folder, with unhcr/")
    if not raw_dir.exists():  # a relative path from another folder (a notebook's)
        where = "" if raw_dir.is_absolute() else f" in {Path.cwd()}"
        raise InputError(f"{raw_dir}: no such folder{where}: expected the raw folder, with unhcr/")
    if raw_dir.name.casefold() == "unhcr":
        raise InputError(
            f"{raw_dir}: the 'unhcr' folder itself: give the raw folder that holds it "
            f"(--raw-dir {raw_dir.parent})"
        )
    raise InputError(f"{raw_dir}: no 'unhcr' folder (expected {raw_dir / 'unhcr'})")
