"""Validate tables read from the publishers' files, one clear line per problem.

Parsing text to numbers is done here (so the bad cell's original text can be
quoted); range, whole-number and uniqueness checks are declared as pandera
schemas, whose failure cases are turned into one-line messages. pandera is imported when
a table is checked, not with the module: reading the processed tables needs none of it.
"""

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import InputError

MISSING = "-"
#: Read as missing too: an empty cell (pandas writes one), NA (R writes it).
MISSING_VALUES = (MISSING, "", "NA")

#: More people in one cell (one group, one pair of countries, one year) than any country but
#: two has inhabitants: a broken cell (digits typed twice), not a count.
MAX_COUNT = 1_000_000_000
_EXPECT = {
    "greater_than_or_equal_to(0)": "a non-negative whole number",
    "whole number": "a non-negative whole number",
    "in_range(1900, 2100)": "a year between 1900 and 2100",
    "whole year": "a year (a whole number)",
    f"less_than_or_equal_to({MAX_COUNT})": "a count of people (at most one billion in a cell)",
}


#: UNHCR's own country codes, read where a header names "code" ("Country of origin code"),
#: by the ISO 3166 column a file lacks.
UNHCR_CODES = {"coo_iso": "coo", "coa_iso": "coa"}


def require_columns(table: pd.DataFrame, required: list[str], path: Path, labels: dict) -> None:
    """Fail, in one line, when required columns are missing: each with its accepted headers,
    and the file's own headers (a new user: two lines for one cause, "found" in the
    reader's names); a column of UNHCR's own codes said not to be ISO's."""
    missing = [c for c in required if c not in table.columns]
    if not missing:
        return
    headers = table.attrs.get("headers", {})  # a column named as the file heads it
    wanted = "; ".join(
        f"'{c}' (expected a header "
        f"{' or '.join(repr(x) for x in dict.fromkeys(labels.get(c, [c])))})"
        for c in missing
    )
    codes = [
        headers.get(UNHCR_CODES[c], UNHCR_CODES[c]) for c in missing if UNHCR_CODES.get(c) in table
    ]
    not_iso = (
        f"; {' and '.join(repr(c) for c in codes)} {'is' if len(codes) == 1 else 'are'} read as "
        "UNHCR's own country codes, not ISO 3166 ones"
        if codes
        else ""
    )
    raise InputError(
        f"{path}: missing column{'s' if len(missing) > 1 else ''} {wanted}; found "
        f"{[headers.get(c, c) for c in table.columns]}{not_iso}"
    )


#: Thousands separators a spreadsheet may write: a comma, a space, a no-break space (French
#: Excel) or a narrow one; a count grouped by thousands with one of them throughout is read.
_SEPARATOR = "[, \u00a0\u202f]"
_GROUPED = r"\d{1,3}([, \u00a0\u202f])\d{3}(?:\1\d{3})*"


def parse_counts(
    table: pd.DataFrame, columns: list[str], path: Path, first_line: int
) -> pd.DataFrame:
    """Turn count columns from text to numbers; ``-``, an empty cell and ``NA`` are missing,
    anything else non-numeric fails.

    ``first_line`` is the file line number of the table's first data row.
    """
    bad_cells: dict[int, list[tuple[str, str]]] = {}
    bad_in_all = 0
    out = table.copy()
    for col in ["year", *columns]:
        text = table[col].astype("string").str.strip()
        if text.str.contains(_SEPARATOR).any():  # "2,869,419", "2 869 419" (French Excel)
            grouped = text.str.fullmatch(_GROUPED).fillna(False)
            text = text.mask(grouped, text.str.replace(_SEPARATOR, "", regex=True))
        missing = text.isna() | text.isin(MISSING_VALUES) if col != "year" else text.isna()
        number = pd.to_numeric(text.mask(missing), errors="coerce").astype("float64")
        bad = number.isna() & ~missing
        for idx in bad[bad].index[:5]:
            bad_cells.setdefault(int(idx), []).append((col, text[idx]))
        bad_in_all += int(bad.sum())
        out[col] = number
    listed = sorted(bad_cells)[:5]  # the first five rows with bad cells, in line order
    headers = table.attrs.get("headers", {})  # a column named as the file heads it
    problems = [_cell_problem(path, first_line + i, bad_cells[i], headers) for i in listed]
    more = bad_in_all - sum(len(bad_cells[i]) for i in listed)
    if more:
        problems.append(f"{path}: {more:,} more {'cell' if more == 1 else 'cells'} like these")
    if problems:
        raise InputError(*problems)
    return out


def _cell_problem(
    path: Path, line: int, cells: list[tuple[str, str]], headers: Mapping[str, str]
) -> str:
    """One line for one row: the first cell that is not a number, its column named by the
    file's header (``headers``: field → header, as "Asylum-seekers" for asylum_seekers)."""
    col, found = cells[0]
    what = "an empty cell" if found == "" else repr(found)
    expected = "a year" if col == "year" else f"a non-negative whole number or '{MISSING}'"
    column = headers.get(col, col)
    return f"{path}: line {line}, column {column!r}: expected {expected}, found {what}"


def check_counts(
    table: pd.DataFrame, columns: list[str], key: list[str], path: Path, first_line: int
) -> pd.DataFrame:
    """Check counts are non-negative whole numbers, years plausible, and keys unique.

    A table that passes a quick check of the same rules is returned at once; pandera's
    schema, which words each failure, runs only on one that does not.
    """
    if _passes(table, columns, key):
        return table.astype({"year": "int64"})
    import pandera.pandas as pa
    from pandera.errors import SchemaErrors

    whole = pa.Check(lambda s: (s % 1 == 0) | s.isna(), name="whole number")
    plausible = pa.Check.le(MAX_COUNT)
    schema = pa.DataFrameSchema(
        {
            # Checked as read ("2016.0" is 2016, "2016.5" is refused), then made whole.
            "year": pa.Column(
                float,
                [pa.Check.in_range(1900, 2100), pa.Check(lambda s: s % 1 == 0, name="whole year")],
                coerce=True,
            ),
            **{
                c: pa.Column(float, [pa.Check.ge(0), plausible, whole], nullable=True)
                for c in columns
            },
        },
        unique=key,
        report_duplicates="exclude_first",
    )
    try:
        checked = schema.validate(table, lazy=True)
    except SchemaErrors as err:
        raise InputError(*_messages(err.failure_cases, table, key, path, first_line)) from None
    return checked.astype({"year": "int64"})


def _passes(table: pd.DataFrame, columns: list[str], key: list[str]) -> bool:
    """Whether ``table`` keeps every rule of :func:`check_counts` (counts already numbers):
    the quick path, with no message to word."""
    if not all(pd.api.types.is_float_dtype(table[c]) for c in ["year", *columns]):
        return False  # pandera coerces the year, or names the column of another type
    year = table["year"].to_numpy()
    if not ((year >= 1900) & (year <= 2100) & (year % 1 == 0)).all():  # NaN fails too
        return False
    counts = table[columns].to_numpy()
    with np.errstate(invalid="ignore"):  # inf % 1 is NaN, and fails: no warning to print
        valid = np.isnan(counts) | ((counts >= 0) & (counts <= MAX_COUNT) & (counts % 1 == 0))
    return bool(valid.all()) and not (key and table.duplicated(key).any())


def _show(value: object) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _block_twice(
    table: pd.DataFrame, key: list[str], path: Path, first_line: int, twice: list
) -> str | None:
    """One line for a block of rows that repeats rows above it (a year pasted twice), or
    None when the rows are not one block (each is then named)."""
    if len(twice) < 2 or twice[-1] - twice[0] + 1 != len(twice):
        return None
    first = table.loc[twice[0], key]
    same = table[key].fillna("\0").astype(str).eq(first.fillna("\0").astype(str)).all(axis=1)
    earlier = table.index[same][0]  # (a missing code matches a missing code)
    where = ", ".join(f"{k}={_show(v)}" for k, v in first.items())
    start, end = (first_line + int(i) for i in (twice[0], twice[-1]))
    return (
        f"{path}: lines {start}–{end}: {len(twice):,} rows repeat rows above them (same year "
        f"and countries; the first, {where}, is on line {first_line + int(earlier)} too): a "
        "block pasted twice? Keep one copy"
    )


#: The bad cells said one by one, in file order; the others are counted.
CELLS_SAID = 10


def _messages(
    cases: pd.DataFrame, table: pd.DataFrame, key: list[str], path: Path, first_line: int
) -> list[str]:
    messages = []
    cases = cases[cases["index"].notna()]
    duplicates = cases[cases["check"] == "multiple_fields_uniqueness"]
    twice = sorted(set(duplicates["index"]))
    block = _block_twice(table, key, path, first_line, twice)
    for idx in [] if block else twice[:5]:
        where = ", ".join(f"{k}={_show(table.at[idx, k])}" for k in key)
        messages.append(
            f"{path}: line {first_line + int(idx)}: duplicate row for the same key ({where})"
        )
    if block:
        messages.append(block)
    elif len(twice) > 5:
        n = len(twice) - 5
        messages.append(f"{path}: {n:,} more duplicate {'row' if n == 1 else 'rows'}")
    others = cases[cases["check"] != "multiple_fields_uniqueness"]
    others = others.drop_duplicates(["column", "index"]).sort_values("index", kind="stable")
    for _, case in others.head(CELLS_SAID).iterrows():
        value = case["failure_case"]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        expected = _EXPECT.get(str(case["check"]), str(case["check"]))
        column = table.attrs.get("headers", {}).get(case["column"], case["column"])
        messages.append(
            f"{path}: line {first_line + int(case['index'])}, column {column!r}: "
            f"expected {expected}, found {value}"
        )
    if len(others) > CELLS_SAID:  # in file order, the first ones and how many more
        n = len(others) - CELLS_SAID
        messages.append(f"{path}: {n:,} more {'cell' if n == 1 else 'cells'} like these")
    return messages or [f"{path}: does not match the expected table layout"]
