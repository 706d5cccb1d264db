"""Figures the briefing cites from published reports rather than from a dataset.

They live in ``data/raw/published_figures.csv``, long format, one row per figure:

=========== ==================================================================
column      meaning
=========== ==================================================================
figure      a stable id from :data:`FIGURES` (e.g. ``forcibly_displaced``)
year        the reference year the figure describes (not the publication year)
value       the number, in base units of ``unit``: people as whole numbers
            (65.6 million -> 65600000), shares as fractions (3.1% -> 0.031),
            money in US$ billion (401) or US$ (13000), states or other things
            (cooperatives, households) as a count
unit        one of :data:`UNITS`: ``people``, ``share``, ``usd_billion``, ``usd``,
            ``states``, ``count``
qualifier   how the source hedges the number: ``about``, ``over``, ``almost``,
            ``at least`` or empty
label       short human text for the figure
publisher   who published it (for the seeds' own claims: the seed's author or publisher)
title       the publication's title
url         where to find it (may be empty)
page        page in the publication (empty when unknown)
cited_as    the citation to print, e.g. "UNHCR Global Trends 2016"; the seed
            documents' own claims say "as stated in the issue brief" or
            "as stated in the presentation (ILO, 2017)"
note        anything a reader needs to use the figure correctly
published   the year the publication came out, for the reference list (optional
            column; empty when the publication is undated)
=========== ==================================================================

Rows are keyed by (figure, year, cited_as): the same figure for the same year may come
from several publications or revisions (UN DESA's 2020 and 2024 revisions give different
migrant stocks for 2020). Adding next year's figures is appending rows; a new kind of
figure is a new id added to :data:`FIGURES`.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

import pandas as pd

from analysis import memo, notices
from analysis.errors import InputError
from analysis.sources.files import COMMA_GROUPED, column_twice, separator_hint

__all__ = ["FIGURES", "UNITS", "QUALIFIERS", "read_published_figures"]

#: The figure ids the table may use, with what each one counts.
FIGURES: dict[str, str] = {
    # UNHCR Global Trends headlines
    "forcibly_displaced": "forcibly displaced people worldwide (UNHCR's headline total)",
    "refugees_total": "refugees under UNHCR's and UNRWA's mandates together",
    "refugees_unhcr": "refugees under UNHCR's mandate",
    "refugees_unrwa": "Palestine refugees under UNRWA's mandate",
    "idps_conflict": "people internally displaced by conflict and violence (IDMC)",
    "asylum_seekers": "asylum-seekers",
    "venezuelans_displaced_abroad": "Venezuelans displaced abroad (category of 2018-2021)",
    "other_in_need": "other people in need of international protection (category from 2022)",
    "stateless": "stateless people reported in the data",
    "stateless_global_estimate": "stateless people, UNHCR's global estimate",
    "gaza_idps_unrwa_refugees_share": "share of the people internally displaced in the Gaza "
    "Strip who are Palestine refugees under UNRWA's mandate (UNRWA's estimate)",
    "resettled": "refugees resettled during the year",
    "refugees_hosted_developing_share": "share of refugees hosted in developing regions",
    "top3_origin_share": "share of refugees who came from the three largest countries of origin",
    # UN DESA International Migrant Stock
    "migrant_stock": "international migrants (people living outside their country of birth)",
    "migrant_share_of_population": "international migrants as a share of the world's population",
    "women_share_of_migrants": "women as a share of international migrants",
    # ILO Global Estimates on International Migrant Workers
    "migrant_workers": "international migrant workers",
    "migrant_workers_share_of_labour_force": "international migrant workers as a share of "
    "the world's labour force",
    "economically_active_migrants": "economically active international migrants",
    "women_share_of_migrant_workers": "women as a share of international migrant workers",
    # World Bank / KNOMAD
    "remittances_developing": "remittances to low- and middle-income (developing) countries",
    "remittances_basic_needs_share_low": "share of remittances spent on basic needs (low end)",
    "remittances_basic_needs_share_high": "share of remittances spent on basic needs (high end)",
    "remittances_rural_share_low": "share of remittances sent to rural areas (low end)",
    "remittances_rural_share_high": "share of remittances sent to rural areas (high end)",
    # Cooperatives
    "cooperative_members": "members of cooperatives worldwide",
    "cooperative_jobs": "jobs provided through cooperatives",
    "cooperative_employment": "people employed in or within the scope of cooperatives",
    "cooperative_employment_share": "share of the world's employed population in cooperatives",
    "cooperatives": "cooperatives worldwide",
    # The issue brief's case studies
    "bella_rica_members": "members of the Bella Rica mine workers' cooperative (Ecuador)",
    "bella_rica_mining_societies": "mining societies grouped in the Bella Rica cooperative",
    "indonesia_return_migrant_coop_members": "members of the savings and credit cooperative "
    "of return migrant workers in Indonesia",
    "indonesia_return_migrant_coop_families": "migrant families covered by that cooperative",
    "indonesia_return_migrant_coop_assets": "assets held by that cooperative (US$)",
    # Refugees' right to work
    "states_granting_right_to_work": "states parties to the 1951 Refugee Convention that "
    "formally grant refugees the right to work",
    "refugee_convention_states_parties": "states parties to the 1951 Refugee Convention",
}

#: Units of ``value``.
UNITS: dict[str, str] = {
    "people": "number of people (a whole number)",
    "share": "fraction between 0 and 1",
    "usd_billion": "US dollars, billions",
    "usd": "US dollars",
    "states": "number of states",
    "count": "number of the things the label names (cooperatives, households, societies)",
}

#: World counts of people, and the least each has ever been (UNHCR's refugees since 1951,
#: resettlement's least since 1990: 34,400 in 2020): a smaller value is in millions or
#: thousands, whatever its unit says.
WORLD_COUNTS = {
    "forcibly_displaced": 10_000_000,
    "refugees_total": 1_000_000,
    "refugees_unhcr": 1_000_000,
    "refugees_unrwa": 1_000_000,
    "idps_conflict": 1_000_000,
    "asylum_seekers": 100_000,
    "venezuelans_displaced_abroad": 100_000,
    "other_in_need": 100_000,
    "stateless": 100_000,
    "stateless_global_estimate": 1_000_000,
    "resettled": 10_000,
    "migrant_stock": 10_000_000,
    "migrant_workers": 10_000_000,
    "economically_active_migrants": 10_000_000,
}
#: A value in billions of US dollars under this (the world's output is about 110,000): a
#: larger one was typed in dollars (685,000,000,000 printed "US$685,000,000,000 billion").
USD_BILLION_BELOW = 1_000_000
#: The unit each figure is in, when it has one unit only (the shares are in ``share``).
UNIT_OF = dict.fromkeys(WORLD_COUNTS, "people") | {"remittances_developing": "usd_billion"}

#: How a source may hedge a figure ("" = stated as is).
QUALIFIERS = ("", "about", "over", "almost", "at least")

COLUMNS = [
    "figure",
    "year",
    "value",
    "unit",
    "qualifier",
    "label",
    "publisher",
    "title",
    "url",
    "page",
    "cited_as",
    "note",
]
#: Columns a table may lack (older tables): read as empty.
OPTIONAL_COLUMNS = ["published"]
#: How ``cited_as`` starts for a figure as a seed document states it ("as stated in the
#: issue brief"), not as its publisher first published it.
SEED = "as stated in"


def from_a_seed(cited_as: pd.Series) -> pd.Series:
    """Whether each ``cited_as`` is a seed document's statement (:data:`SEED`)."""
    return cited_as.astype(str).str.startswith(SEED)


_REQUIRED = ["figure", "year", "value", "unit", "publisher", "title", "cited_as"]
_TEXT = [c for c in COLUMNS + OPTIONAL_COLUMNS if c not in ("year", "value")]
_KEY = ["figure", "year", "cited_as"]


@cache
def _schema():
    """The table's pandera schema (pandera is imported when a table is read, not before)."""
    import pandera.pandas as pa

    not_empty = pa.Check.str_length(min_value=1, error="expected a value, found an empty cell")
    latest = date.today().year + 1
    return pa.DataFrameSchema(
        {
            "figure": pa.Column(
                str,
                [
                    not_empty,
                    pa.Check.isin(
                        list(FIGURES), error="expected a figure id listed in published.FIGURES"
                    ),
                ],
            ),
            "year": pa.Column(  # a projection for next year at most (2052 for 2025: a typo)
                "int64",
                pa.Check.in_range(1900, latest, error=f"expected a year from 1900 to {latest}"),
            ),
            "value": pa.Column(
                "float64",
                pa.Check.ge(0, error="expected a number greater than or equal to 0"),
            ),
            "unit": pa.Column(
                str, pa.Check.isin(list(UNITS), error=f"expected one of {', '.join(UNITS)}")
            ),
            "qualifier": pa.Column(
                str,
                pa.Check.isin(
                    list(QUALIFIERS),
                    error="expected one of " + ", ".join(repr(q) for q in QUALIFIERS),
                ),
            ),
            **{c: pa.Column(str, not_empty) for c in ("publisher", "title", "cited_as")},
            **{c: pa.Column(str) for c in ("label", "url", "page", "note")},
            "published": pa.Column(
                str,
                pa.Check.str_matches(
                    r"^(1[89]|20)\d\d$|^$",
                    error="expected the year of publication (e.g. 2017) or an empty cell",
                ),
            ),
        },
        checks=[
            pa.Check(  # a projection for the next year, as the World Bank's briefs give
                lambda df: (df["published"] == "") | (df["year"] <= _published_year(df) + 1),
                error="expected a year no later than the year after its publication (published)",
            ),
            pa.Check(
                lambda df: (df["unit"] != "share") | (df["value"] <= 1),
                error="expected a share as a fraction between 0 and 1 (3.1% -> 0.031)",
            ),
            pa.Check(
                lambda df: (df["unit"] != "people") | (df["value"] % 1 == 0),
                error="expected a whole number of people (65.6 million -> 65600000)",
            ),
            pa.Check(  # 1e12 was printed as "1000 billion" forcibly displaced
                lambda df: (df["unit"] != "people") | (df["value"] <= MOST_PEOPLE),
                error="expected a number of people no larger than the world's population",
            ),
        ],
        unique=_KEY,
        report_duplicates="exclude_first",
        strict=False,
    )


_CHECK_COLUMNS = {  # dataframe-wide checks: the column to name in the message
    "expected a share": "value",
    "expected a whole number": "value",
    "expected a number of people": "value",
    "expected a year no later": "year",
}
#: More people than live on Earth (8.2 billion in 2024) is a typing error.
MOST_PEOPLE = 10_000_000_000


def _line(index: int) -> int:
    """The CSV line of a row (line 1 is the header)."""
    return int(index) + 2


def _show(value: object) -> str:
    """A cell value as the file shows it: 65600000 rather than np.float64(65600000.0)."""
    if isinstance(value, float | int) or hasattr(value, "item"):
        number = float(value)
        return f"{int(number)}" if number.is_integer() else repr(number)
    return repr(value)


def _messages(path: Path, table: pd.DataFrame, failures: pd.DataFrame) -> list[str]:
    """One line per failure (a cell and the check it fails), in file order: naming the file,
    line and column."""
    failures = failures.copy()
    failures["line"] = failures["index"].map(lambda i: _line(i) if pd.notna(i) else 0)
    failures["unplaced"] = failures["line"] == 0
    failures = failures.sort_values(["unplaced", "line"], kind="stable")
    failures = failures.drop_duplicates(["line", "check"])
    said: dict[str, str] = {}  # a cell failing two checks (2061: a year to come, and after
    for _, failure in failures.iterrows():  # its publication) is said once
        message = _message(path, table, failure)
        said.setdefault(message.split(": expected")[0], message)
    return list(said.values())


def _message(path: Path, table: pd.DataFrame, failure: pd.Series) -> str:
    """The line of one failure."""
    check = str(failure["check"])
    line = int(failure["line"])
    if check == "multiple_fields_uniqueness":
        row = table.loc[failure["index"]]
        key = tuple(row[c] for c in _KEY)
        same = table[(table[_KEY] == pd.Series(dict(zip(_KEY, key, strict=True)))).all(axis=1)]
        first_line = _line(same.index[0])
        return (
            f"{path}, line {line}, columns figure/year/cited_as: expected each (figure, year, "
            f"cited_as) once, found {key[0]!r}, {key[1]}, {key[2]!r} again (first on line "
            f"{first_line})"
        )
    column = next((c for k, c in _CHECK_COLUMNS.items() if check.startswith(k)), None)
    if column is None:
        column = failure["column"] if failure["column"] in table.columns else "?"
    found = failure["failure_case"]
    if pd.notna(failure["index"]) and column in table.columns:
        found = table.loc[failure["index"], column]
    expected = check if check.startswith("expected") else f"expected to pass {check}"
    found_text = "an empty cell" if found == "" else _show(found)
    if line == 0:
        return f"{path}, column {column!r}: {expected}"
    return f"{path}, line {line}, column {column!r}: {expected}, found {found_text}"


def _published_year(table: pd.DataFrame) -> pd.Series:
    """The year each row was published (a far year where none is given)."""
    return pd.to_numeric(table["published"], errors="coerce").fillna(9999)


def read_published_figures(path: Path) -> pd.DataFrame:
    """Read and validate the published-figures table (see the module docstring).

    Raises InputError (one line naming the file, line and column) for a missing column,
    an empty required cell, a negative or non-numeric value, an unknown figure id or unit,
    a share above 1, or a (figure, year, cited_as) given twice.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: file not found: expected the published-figures table (CSV)")
    digest = memo.digest(path)
    if digest not in _READ:  # a copy elsewhere (the same bytes) is not checked again
        memo.keep(_READ, digest, _validated(path))
    validated = _READ[digest].copy()
    validated.attrs["source"] = str(path)
    if validated.empty:
        notices.warn(f"{path}: no rows: no published figure is set beside the data")
    return validated


#: The tables read by :func:`read_published_figures`, by SHA-256 of the file.
_READ: dict[str, pd.DataFrame] = memo.store()


def _validated(path: Path) -> pd.DataFrame:
    """The table of ``path`` read and checked, or an InputError naming what is wrong."""
    header = path.read_bytes()[:2000].decode("utf-8", errors="replace").split("\n", 1)[0]
    separated = separator_hint(header)  # its cells' notes may hold semicolons
    if separated:  # Excel's CSV in a language whose decimal mark is a comma
        raise InputError(f"{path}: not read{separated}")
    try:
        table = pd.read_csv(
            path,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            encoding="utf-8",
        )
    except UnicodeDecodeError:  # the line of the first byte that is not UTF-8
        from analysis.sources.unhcr import not_utf8

        raise InputError(not_utf8(path.read_bytes(), path)) from None
    except pd.errors.EmptyDataError:
        raise InputError(
            f"{path}: the file is empty: expected a UTF-8 CSV with the columns {', '.join(COLUMNS)}"
        ) from None
    except Exception as exc:  # ParserError ...
        detail = str(exc).strip().splitlines()[-1][:200] if str(exc).strip() else ""
        raise InputError(
            f"{path}: cannot be read as a CSV table ({type(exc).__name__}: {detail}): expected "
            f"a UTF-8 CSV with the columns {', '.join(COLUMNS)}"
        ) from None
    table.columns = [str(c).strip() for c in table.columns]
    twice = column_twice(list(table.columns), COLUMNS + OPTIONAL_COLUMNS)
    if twice:  # which holds?
        raise InputError(f"{path}, line 1: column {twice!r} twice: expected one column for each")
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise InputError(
            f"{path}, line 1: expected the columns {', '.join(COLUMNS)}; "
            f"missing {', '.join(missing)}"
        )
    table = table.dropna(how="all")  # blank lines (the index keeps the line numbers)
    for column in OPTIONAL_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    for column in _REQUIRED:
        empty = table[column].isna()
        if empty.any():
            index = table.index[empty][0]
            raise InputError(
                f"{path}, line {_line(index)}, column {column!r}: expected a value, "
                "found an empty cell"
            )
    for column in _TEXT:
        table[column] = table[column].fillna("").str.strip()
    for column, expected in (
        ("year", "a whole number (a year)"),
        ("value", "a number (decimals after a full stop, commas only between thousands)"),
    ):
        text = table[column].str.strip()
        grouped = text.str.fullmatch(COMMA_GROUPED.pattern) | ~text.str.contains(",", regex=False)
        numbers = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
        bad = numbers.isna() | ~grouped  # "429,3" is no 4,293 (a decimal comma)
        if column == "year":
            bad |= numbers % 1 != 0
        if bad.any():
            index = table.index[bad][0]
            raise InputError(
                f"{path}, line {_line(index)}, column {column!r}: expected {expected}, "
                f"found {text[index]!r}"
            )
        table[column] = numbers.astype("int64" if column == "year" else "float64")
    from pandera.errors import SchemaErrors

    try:
        validated = _schema().validate(table, lazy=True)
    except SchemaErrors as errors:
        raise InputError(*_messages(path, table, errors.failure_cases)) from None
    _refuse_out_of_scale(path, validated)
    return validated[COLUMNS + OPTIONAL_COLUMNS].reset_index(drop=True)


def _refuse_out_of_scale(path: Path, table: pd.DataFrame) -> None:
    """Refuse a figure in another unit than its own (remittances in "people"), or a world
    count too small to be one (123 forcibly displaced: millions typed as people)."""
    for index, row in table.iterrows():
        unit = UNIT_OF.get(row["figure"], "share" if "_share" in row["figure"] else None)
        if unit is not None and row["unit"] != unit:
            raise InputError(
                f"{path}, line {_line(index)}, column 'unit': expected {unit!r} for "
                f"{row['figure']}, found {row['unit']!r}"
            )
        if row["unit"] == "usd_billion" and row["value"] >= USD_BILLION_BELOW:
            raise InputError(
                f"{path}, line {_line(index)}, column 'value': expected US dollars in billions "
                f"(685 for US$685 billion), under {USD_BILLION_BELOW:,}, found "
                f"{_show(row['value'])}: a number in dollars?"
            )
        least = WORLD_COUNTS.get(row["figure"])
        if least is not None and row["value"] < least:
            raise InputError(
                f"{path}, line {_line(index)}, column 'value': expected {row['figure']}, a "
                f"world count, in people ({least:,} or more), found {_show(row['value'])}: a "
                "number in millions or thousands?"
            )
