"""Readers for UNHCR's Refugee Population Statistics Database.

Two layouts of the population file are read: the API layout (field names such
as ``coo_iso``, ``refugees``; ``-`` for missing) and the Refugee Data Finder
download (readable headers such as "Refugees under UNHCR's mandate", maybe
text lines above the header row, ``-`` in the name and code columns of a
dimension that was aggregated away), as ``.csv``, ``.csv.gz`` or the ``.zip``
the web page hands out. Every reader returns the API field names.
"""

import csv
import gzip
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.errors import InputError
from analysis.validation import check_counts, parse_counts, require_columns

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
REQUIRED_POPULATION_COUNTS = ["refugees", "asylum_seekers", "stateless", "oip"]
SOLUTIONS_COUNTS = ["returned_refugees", "resettlement", "naturalisation", "returned_idps"]
NAME_COLUMNS = ["coo_name", "coo_iso", "coa_name", "coa_iso"]
OTHER_FILES = ("unrwa", "idmc", "solutions", "countries")
AGGREGATED = "-"

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
    "resettlement arrivals": "resettlement",
    "naturalisation": "naturalisation",
    "naturalization": "naturalisation",
}
HEADER_HINTS = {"coo_iso", "coa_iso", "coo_name", "coa_name", "iso_code"}
POPULATION_HINTS = {"refugees", "asylum_seekers"}


@dataclass(frozen=True)
class Population:
    """The population table and which dimensions it still holds."""

    table: pd.DataFrame
    by_origin: bool
    by_asylum: bool
    files: tuple[Path, ...]


def _field(label: str) -> str:
    """The API field name of a header: known labels first, then country columns by their words."""
    key = " ".join(str(label).replace("\ufeff", "").replace("’", "'").split()).lower()
    if key in LABELS:
        return LABELS[key]
    for words, prefix in (("country of origin", "coo"), ("country of asylum", "coa")):
        if key.startswith(words):
            rest = key[len(words) :]
            return f"{prefix}_iso" if "iso" in rest else prefix if "code" in rest else key
    return key


def _open_csv_bytes(path: Path) -> bytes:
    """The CSV bytes of a .csv, .csv.gz, or the population table inside a .zip."""
    try:
        if path.suffix.lower() == ".zip":
            return _zip_member(path)
        data = path.read_bytes()
        if path.suffix.lower() == ".gz":
            data = gzip.decompress(data)
    except (OSError, EOFError, zipfile.BadZipFile, gzip.BadGzipFile) as err:
        raise InputError(f"{path}: cannot be read ({err}); is the file complete?") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty; expected a CSV table with a header row")
    return data


def _zip_member(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if not info.filename.lower().endswith(".csv"):
                continue
            data = archive.read(info)
            if _header_line(data, POPULATION_HINTS) is not None:
                return data
    raise InputError(
        f"{path}: no population table inside the zip (expected a CSV with 'Year' and "
        "'Country of asylum' or 'Country of origin' columns)"
    )


def _header_line(data: bytes, counts: set[str] | None = None, max_lines: int = 60) -> int | None:
    """Index of the header row: the first line whose cells include 'year' and a country column
    (and one of ``counts``, when given: a footnotes table has countries but no counts)."""
    text = data[:200_000].decode("utf-8-sig", errors="replace")
    lines = text.splitlines()[:max_lines]
    for number, row in enumerate(csv.reader(lines)):
        fields = {_field(cell) for cell in row}
        if "year" in fields and fields & HEADER_HINTS and (counts is None or fields & counts):
            return number
    return None


def read_table(path: Path, counts: list[str], key: list[str], required: list[str]) -> pd.DataFrame:
    """Read a UNHCR CSV in either layout, with counts parsed and validated."""
    path = Path(path)
    data = _open_csv_bytes(path)
    header = _header_line(data)
    if header is None:
        raise InputError(
            f"{path}: no header row found in the first lines (expected a row with 'year' and "
            "country columns such as 'coa_iso' or 'Country of asylum (ISO)')"
        )
    try:
        table = pd.read_csv(
            io.BytesIO(data),
            skiprows=header,
            dtype=str,
            na_filter=False,
            encoding="utf-8-sig",
        )
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as err:
        message = str(err).strip().splitlines()[-1]
        raise InputError(f"{path}: not a readable CSV table ({message})") from None
    table.columns = [_field(c) for c in table.columns]
    if "vda" in table.columns and "oip" not in table.columns:
        table = table.rename(columns={"vda": "oip"})
    codes = [f"{d}_iso" for d in ("coo", "coa") if f"{d}_name" in table.columns]
    require_columns(table, ["year", *required, *codes], path, _labels_for())
    if table.empty:
        raise InputError(f"{path}: the table has a header but no rows")
    present = [c for c in counts if c in table.columns]
    first_line = header + 2
    table = parse_counts(table, present, path, first_line)
    for col in [c for c in NAME_COLUMNS + ["coo", "coa"] if c in table.columns]:
        table[col] = table[col].str.strip()
    table = check_counts(table, present, [k for k in key if k in table.columns], path, first_line)
    table.attrs["source"] = str(path)
    return table


def _labels_for() -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for label, field in LABELS.items():
        labels.setdefault(field, [field]).append(label)
    return labels


def read_population(path: Path) -> Population:
    """Read one population file (API or Refugee Data Finder layout, any compression)."""
    table = read_table(
        path,
        POPULATION_COUNTS + ["vda"],
        ["year", "coo_iso", "coa_iso"],
        REQUIRED_POPULATION_COUNTS,
    )
    if "vda" in table.columns:
        table["oip"] = table[["oip", "vda"]].sum(axis=1, min_count=1)
        table = table.drop(columns="vda")
    by_origin = _has_dimension(table, "coo")
    by_asylum = _has_dimension(table, "coa")
    if not (by_origin or by_asylum):
        raise InputError(
            f"{path}: has neither a country of origin nor a country of asylum column with codes"
        )
    for col in POPULATION_COUNTS:
        if col not in table.columns:
            table[col] = float("nan")
    return Population(table, by_origin, by_asylum, (Path(path),))


def _has_dimension(table: pd.DataFrame, prefix: str) -> bool:
    """False when the dimension is absent or aggregated away (``-`` in every code)."""
    code = f"{prefix}_iso"
    if code not in table.columns:
        table[code] = pd.NA
        table[f"{prefix}_name"] = pd.NA
        return False
    aggregated = table[code].isin([AGGREGATED, ""]).all()
    if aggregated:
        table[code] = pd.NA
        table[f"{prefix}_name"] = pd.NA
    return not aggregated


def table_years(path: Path) -> set[int]:
    """The years a UNHCR table holds, read quickly (the year column only, unvalidated)."""
    path = Path(path)
    data = _open_csv_bytes(path)
    header = _header_line(data)
    if header is None:
        raise InputError(f"{path}: no header row found (expected a row with 'year' and countries)")
    try:
        table = pd.read_csv(
            io.BytesIO(data),
            skiprows=header,
            usecols=lambda c: _field(c) == "year",
            dtype=str,
            encoding="utf-8-sig",
        )
    except (pd.errors.ParserError, ValueError) as err:
        raise InputError(f"{path}: not a readable CSV table ({err})") from None
    years = pd.to_numeric(table.iloc[:, 0], errors="coerce").dropna()
    return set(years.astype(int).tolist())


def population_files(unhcr_dir: Path) -> list[Path]:
    """The population file(s) in a folder: anything CSV-like that is not another UNHCR table."""
    files = []
    for path in sorted(Path(unhcr_dir).iterdir()):
        name = path.name.lower()
        if not path.is_file() or name.startswith("."):
            continue
        if not name.endswith((".csv", ".csv.gz", ".zip")):
            continue
        if name.split(".")[0] in OTHER_FILES:
            continue
        files.append(path)
    # A footnotes file unzipped beside the table is left out; a lone file is kept, so
    # that reading it gives the clear error.
    population = [f for f in files if _looks_like_population(f)]
    return population or files


def _looks_like_population(path: Path) -> bool:
    """Whether a file opens on a population header (so a footnotes file beside it is skipped).

    A zip, or a file that cannot be read, counts: reading it later gives the clear error.
    """
    if path.suffix.lower() == ".zip":
        return True
    try:
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as handle:
            head = handle.read(65536)
    except (OSError, EOFError):
        return True
    return not head.strip() or _header_line(head, POPULATION_HINTS) is not None


def load_population(unhcr_dir: Path) -> Population:
    """The population table of a folder: one file with every pair, or by-asylum plus by-origin."""
    files = population_files(unhcr_dir)
    if not files:
        raise InputError(
            f"{unhcr_dir}: no UNHCR population file (expected population.csv[.gz] or a "
            "Refugee Data Finder download, .csv or .zip)"
        )
    parts = [read_population(f) for f in files]
    full = [p for p in parts if p.by_origin and p.by_asylum]
    if len(full) == 1 and len(parts) == 1:
        return full[0]
    if len(full) > 1 or (full and len(parts) > 1):
        names = ", ".join(p.name for p in files)
        raise InputError(
            f"{unhcr_dir}: several population files ({names}); keep one, or one by country "
            "of asylum and one by country of origin"
        )
    if len(parts) == 1:
        return parts[0]
    by_asylum = [p for p in parts if p.by_asylum]
    by_origin = [p for p in parts if p.by_origin]
    if len(by_asylum) != 1 or len(by_origin) != 1:
        names = ", ".join(p.name for p in files)
        raise InputError(
            f"{unhcr_dir}: population files {names} do not pair up: expected one by country "
            "of asylum and one by country of origin"
        )
    table = pd.concat(
        [by_asylum[0].table.assign(_part="asylum"), by_origin[0].table.assign(_part="origin")],
        ignore_index=True,
    )
    return Population(table, True, True, tuple(files))


def read_unrwa(path: Path) -> pd.DataFrame:
    """Palestine refugees under UNRWA's mandate, by year and field (``total``)."""
    return read_table(path, ["total"], ["year", "coo_iso", "coa_iso"], ["total"])


def read_idmc(path: Path) -> pd.DataFrame:
    """People internally displaced by conflict and violence (IDMC), by year and country."""
    return read_table(path, ["total"], ["year", "coo_iso", "coa_iso"], ["total"])


def read_solutions(path: Path) -> pd.DataFrame:
    """Durable solutions by year, origin and asylum (``resettlement`` among them)."""
    return read_table(path, SOLUTIONS_COUNTS, ["year", "coo_iso", "coa_iso"], ["resettlement"])


def read_countries(path: Path) -> pd.DataFrame:
    """UNHCR's country table: ISO3 code, UNHCR code, name and UNHCR region."""
    path = Path(path)
    data = _open_csv_bytes(path)
    try:
        table = pd.read_csv(io.BytesIO(data), dtype=str, na_filter=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, ValueError) as err:
        raise InputError(f"{path}: not a readable CSV table ({err})") from None
    require_columns(table, ["iso_code", "name", "unhcr_region"], path, {})
    table = table.apply(lambda s: s.str.strip())
    return table[table["iso_code"] != ""].drop_duplicates("iso_code").reset_index(drop=True)
