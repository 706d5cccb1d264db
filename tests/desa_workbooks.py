"""Small UN DESA International Migrant Stock workbooks in each published layout (for tests).

Modelled on the workbooks as published:

- 2015, 2017, 2019 (``UN_MigrantStockTotal_YYYY.xlsx``): sheets CONTENTS, Table 1 ...
  Table 6, ANNEX, NOTES. About a dozen lines of titles ("Trends in International Migrant
  Stock: The 2015 revision", "International Migrant Stock 2019", "Table 1. ...",
  "POP/DB/MIG/Stock/Rev.2015", citation), then a header row with "Sort\\norder", "Major
  area, region, country or area of destination" (2019: "Region, development group,
  country or area of destination"), "Notes", "Country code" (2017, 2019: "Code"), "Type
  of data (a)" and, over the years, the merged block labels "International migrant stock
  at mid-year (both sexes)", "(male)", "(female)"; the years are in the row under it.
  Table 2 (total population, thousands) has no type-of-data column.
- 2020 (``undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx``): sheets Table of
  contents, Table 1 ... Table 6, Notes; block labels ("..., both sexes combined") three
  rows above a one-row header: unlabelled sort number, "Region, development group,
  country or area", "Notes", "Location code", "Type of data", years.
- 2024: sheets Table of contents, Table 1 ... Table 5, Migrant notes, Population notes;
  Tables 1, 3-5: sort number, name, "Coverage", "Data type", "Location code", years;
  Table 2: sort number, name (indented), "Population notes", and a column labelled
  "Location code" that holds the data-type notes.

Every table is computed from :data:`PLACES`, so the tables agree with each other as the
publisher's do: males + females = both sexes, shares = counts / population.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl

REVISIONS = (2015, 2017, 2019, 2020, 2024)
YEARS = {
    2015: (2010, 2015),
    2017: (2010, 2015, 2017),
    2019: (2010, 2015, 2019),
    2020: (2010, 2015, 2020),
    2024: (2010, 2015, 2020, 2024),
}
SEXES = ("total", "male", "female")


@dataclass(frozen=True)
class Place:
    """A row of the tables: a location with its migrants and population by year."""

    name: str
    code: int
    data_type: str  # "" for the world and aggregates
    migrants: dict[int, int]
    population: dict[int, float]  # thousands, as Table 2 publishes it
    women: float  # share of women among the migrants

    def label(self, revision: int) -> str:
        """The name as that revision spells it."""
        if self.code == 900:
            return "World" if revision >= 2024 else "WORLD"
        if self.code == 792 and revision >= 2024:
            return "Türkiye"
        return self.name


PLACES = (
    Place(
        "WORLD",
        900,
        "",
        {
            2010: 220_983_187,
            2015: 247_958_644,
            2017: 257_715_425,
            2019: 271_642_105,
            2020: 280_598_105,
            2024: 304_021_813,
        },
        {
            2010: 6_956_823.588,
            2015: 7_379_796.967,
            2017: 7_547_858.925,
            2019: 7_713_468.205,
            2020: 7_794_798.729,
            2024: 8_161_972.572,
        },
        0.48,
    ),
    Place(
        "Sub-Saharan Africa",
        947,
        "",
        {
            2010: 15_854_637,
            2015: 20_721_874,
            2017: 21_340_091,
            2019: 21_944_123,
            2020: 22_221_538,
            2024: 24_306_400,
        },
        {
            2010: 836_363.757,
            2015: 958_577.201,
            2017: 1_006_482.114,
            2019: 1_066_283.427,
            2020: 1_094_365.605,
            2024: 1_243_009.511,
        },
        0.47,
    ),
    Place(
        "Afghanistan",
        4,
        "B R",
        {2010: 102_276, 2015: 339_432, 2017: 133_569, 2019: 149_762, 2020: 144_098, 2024: 148_912},
        {
            2010: 29_185.511,
            2015: 34_413.603,
            2017: 36_296.113,
            2019: 38_041.754,
            2020: 38_928.341,
            2024: 42_647.492,
        },
        0.52,
    ),
    Place(
        "Turkey",
        792,
        "B R",
        {
            2010: 1_373_749,
            2015: 4_346_197,
            2017: 4_881_966,
            2019: 5_876_829,
            2020: 6_052_652,
            2024: 6_885_742,
        },
        {
            2010: 72_326.988,
            2015: 78_529.413,
            2017: 81_116.450,
            2019: 83_429.607,
            2020: 84_339.067,
            2024: 87_473.805,
        },
        0.48,
    ),
    Place(
        "Channel Islands*",
        830,
        "B",
        {2010: 77_581, 2015: 82_307, 2017: 83_100, 2019: 83_921, 2020: 84_087, 2024: 84_087},
        {2010: 161.232, 2015: 166.083, 2017: 168.664, 2019: 172.259, 2020: 173.859, 2024: 171.113},
        0.52,
    ),
)
WORLD_FEMALE_2020 = 134_942_261  # as the 2020 revision publishes it


def _the_others(world: Place, countries: tuple[Place, ...]) -> Place:
    """One row for the countries the small workbook leaves out, so that its countries add up
    to its world as the publisher's do (code 899: no ISO 3166 code, a country's type of
    data)."""
    years = world.migrants
    return Place(
        "Other countries and areas",
        899,
        "B",
        {y: world.migrants[y] - sum(c.migrants[y] for c in countries) for y in years},
        {y: round(world.population[y] - sum(c.population[y] for c in countries), 3) for y in years},
        0.48,
    )


PLACES = (*PLACES, _the_others(PLACES[0], tuple(p for p in PLACES if p.data_type)))


# --------------------------------------------------------------------------- the figures


def female(place: Place, year: int) -> int:
    if place.code == 900 and year == 2020:
        return WORLD_FEMALE_2020
    return round(place.migrants[year] * place.women)


def migrants(place: Place, year: int, sex: str = "total") -> int:
    total = place.migrants[year]
    return {"total": total, "female": female(place, year), "male": total - female(place, year)}[sex]


def population(place: Place, year: int, sex: str = "total") -> float:
    """Total population in thousands, three decimals, half of it men."""
    total = place.population[year]
    men = round(total / 2, 3)
    return {"total": total, "male": men, "female": round(total - men, 3)}[sex]


def share(place: Place, year: int, sex: str = "total") -> float:
    """Migrants as a percentage of the population."""
    return migrants(place, year, sex) / (population(place, year, sex) * 1000) * 100


def women_share(place: Place, year: int) -> float:
    return female(place, year) / place.migrants[year] * 100


def world(year: int) -> dict:
    """The world figures a reader should find for ``year`` (shares as fractions)."""
    place = PLACES[0]
    return {
        "migrant_stock": place.migrants[year],
        "migrant_stock_year": year,
        "migrant_share_of_population": share(place, year) / 100,
        "women_share_of_migrants": women_share(place, year) / 100,
    }


# --------------------------------------------------------------------------- the layouts

OLD = (2015, 2017, 2019)
FILE_NAMES = {
    rev: f"UN_MigrantStockTotal_{rev}.xlsx"
    if rev in OLD
    else f"undesa_pd_{rev}_ims_stock_by_sex_and_destination.xlsx"
    for rev in REVISIONS
}


def series(revision: int) -> str:
    if revision in (2015, 2017):
        return f"Trends in International Migrant Stock: The {revision} revision"
    return f"International Migrant Stock {revision}"


def table_title(number: int, revision: int) -> str:
    area = (
        "major area, region, country or area"
        if revision in (2015, 2017)
        else "region, country or area of destination"
    )
    span = f"1990-{revision}"
    return {
        1: f"International migrant stock at mid-year by sex and by {area}, {span}",
        2: f"Total population at mid-year by sex and by {area}, {span} (thousands)",
        3: "International migrant stock as a percentage of the total population by sex and "
        f"by {area}, {span}",
        4: f"Female migrants as a percentage of the international migrant stock by {area}, {span}",
        5: f"Annual rate of change of the migrant stock by sex and by {area}, {span} (percentage)",
        6: f"Estimated refugee stock at mid-year by {area}, {span}",
    }[number]


def tables_of(revision: int) -> tuple[int, ...]:
    return (1, 2, 3, 4, 5) if revision >= 2024 else (1, 2, 3, 4, 5, 6)


def columns_of(revision: int, number: int) -> tuple[str, ...]:
    """The columns left of the years, by what they hold."""
    if revision >= 2024:
        if number == 2:
            return ("sort", "name", "population notes", "types labelled as codes")
        return ("sort", "name", "coverage", "type", "code")
    if revision in OLD and number == 2:
        return ("sort", "name", "notes", "code")
    return ("sort", "name", "notes", "code", "type")


def label_of(kind: str, revision: int, number: int) -> str | None:
    """The header label of a column in that revision."""
    if kind == "name":
        if revision >= 2020:
            return "Region, development group, country or area"
        if revision == 2019:
            return "Region, development group, country or area of destination"
        return "Major area, region, country or area of destination"
    if kind == "code":
        return {2015: "Country code", 2017: "Code", 2019: "Code"}.get(revision, "Location code")
    if kind == "type":
        return {2020: "Type of data", 2024: "Data type"}.get(revision, "Type of data (a)")
    return {
        "sort": "Sort\norder" if revision in OLD else None,
        "notes": "Notes",
        "coverage": "Coverage",
        "population notes": "Population notes",
        "types labelled as codes": "Location code",
    }[kind]


def block_labels(number: int, revision: int) -> list[str]:
    """The labels over the sex blocks (or other blocks) of a table."""
    old = revision in OLD
    words = (
        ("(both sexes)", "(male)", "(female)")
        if old
        else ("both sexes combined", "males", "females")
    )

    def blocks(stem: str, suffix: str = "") -> list[str]:
        sep = " " if old else ", "
        return [f"{stem}{sep}{w}{suffix}" for w in words]

    return {
        1: blocks("International migrant stock at mid-year"),
        2: blocks("Total population at mid-year", "" if old else " (thousands)"),
        3: blocks("International migrant stock as a percentage of the total population"),
        4: ["Female migrants as a percentage of the international migrant stock"],
        5: blocks("Annual rate of change of the migrant stock"),
        6: [
            "Estimated refugee stock at mid-year" + (" (both sexes)" if old else ""),
            "Refugees as a percentage of the international migrant stock",
            "Annual rate of change of the refugee stock",
        ],
    }[number]


# --------------------------------------------------------------------------- the cells


def _periods(years: tuple[int, ...]) -> list[str]:
    return [f"{a}-{b}" for a, b in zip(years, years[1:], strict=False)]


def _rate(values: list[float], years: tuple[int, ...]) -> list[float]:
    steps = range(len(years) - 1)
    return [100 * math.log(values[i + 1] / values[i]) / (years[i + 1] - years[i]) for i in steps]


def data_blocks(number: int, place: Place, years: tuple[int, ...]) -> list[list[Any]]:
    """The values of one row of a table, block by block."""
    if number == 1:
        return [[migrants(place, y, s) for y in years] for s in SEXES]
    if number == 2:
        return [[population(place, y, s) for y in years] for s in SEXES]
    if number == 3:
        return [[share(place, y, s) for y in years] for s in SEXES]
    if number == 4:
        return [[women_share(place, y) for y in years]]
    if number == 5:
        return [_rate([migrants(place, y, s) for y in years], years) for s in SEXES]
    refugees = [round(place.migrants[y] * 0.1) for y in years]
    percent = [r / place.migrants[y] * 100 for r, y in zip(refugees, years, strict=True)]
    return [refugees, percent, _rate(refugees, years)]


def header_cells(number: int, years: tuple[int, ...]) -> list[list[Any]]:
    """The year (or period) cells over each block."""
    periods = _periods(years)
    if number == 5:
        return [periods] * 3
    if number == 6:
        return [list(years), list(years), periods]
    return [list(years)] * len(block_labels(number, 2020))


def _name(place: Place, revision: int, number: int) -> str:
    name = place.label(revision)
    indent = 0 if place.code == 900 else 2 if not place.data_type else 3
    if revision >= 2024 and number != 2:
        indent = 0  # the 2024 Table 1 has no indentation, its Table 2 has
    return " " * indent + name


def _lead(kind: str, sort: int, place: Place, revision: int, number: int) -> Any:
    return {
        "sort": sort,
        "name": _name(place, revision, number),
        "notes": None,
        "coverage": None,
        "population notes": "",
        "code": place.code,
        "type": place.data_type,
        "types labelled as codes": place.data_type or None,
    }[kind]


# --------------------------------------------------------------------------- the sheets


@dataclass
class Options:
    """Departures from the published layout, to test that nothing relies on positions."""

    tables: tuple[int, ...] | None = None
    sheet_names: dict[int, str] | None = None
    columns: tuple[str, ...] | None = None  # columns left of the years, for every table
    world: str | None = None
    extra_titles: int = 0
    table_titles: bool = True
    header: bool = True
    edits: dict[tuple[int, int, str, int], Any] | None = None  # (table, code, sex, year)
    rename: dict[tuple[int, int], str] | None = None  # (table, code) -> name


def _title_rows(number: int, revision: int, options: Options) -> list[list[Any]]:
    """The lines above a table, ending where its header starts."""
    title = f"Table {number}{'.' if revision in OLD else ':'} {table_title(number, revision)}"
    lines = [
        f"An extra line of text above the table ({i + 1})" for i in range(options.extra_titles)
    ]
    citation = (
        "Suggested citation: United Nations, Department of Economic and Social Affairs, "
        f"Population Division ({revision}). {series(revision)} (United Nations database, "
        f"POP/DB/MIG/Stock/Rev.{revision})."
    )
    rights = (
        f"Copyright © {revision} by United Nations, made available under a Creative Commons "
        "license CC BY 3.0 IGO: http://creativecommons.org/licenses/by/3.0/igo/"
    )
    if revision in OLD:
        head = [
            "United Nations",
            "Department of Economic and Social Affairs",
            "Population Division",
        ]
        body = [series(revision), *lines]
        body += [title] if options.table_titles else []
        body += [f"POP/DB/MIG/Stock/Rev.{revision}", rights, citation]
        rows = [[]] + [[None, t] for t in head] + [[]] + [[None, t] for t in body]
        return rows + [[]] * (14 - len(rows))
    pad = [None] * 4
    body = [f"{series(revision)}: Destination", *lines]
    body += [title] if options.table_titles else []
    body += [f"POP/DB/MIG/Stock/Rev.{revision}", citation, rights]
    return [[]] + [[*pad, t] for t in body] + [[]]


def _header_rows(
    number: int, revision: int, lead: tuple[str, ...], options: Options, years: tuple[int, ...]
) -> list[list[Any]]:
    labels = [label_of(kind, revision, number) for kind in lead]
    spread: list[Any] = []
    for label, cells in zip(
        block_labels(number, revision), header_cells(number, years), strict=True
    ):
        spread += [label] + [None] * (len(cells) - 1)
    year_cells = [c for cells in header_cells(number, years) for c in cells]
    if not options.header:
        return [[None, "(header row missing)"]]
    if revision in OLD:
        return [[*labels, *spread], [None] * len(lead) + year_cells]
    notes_row = [None, None, "Migrant notes"] if revision >= 2024 and number != 2 else []
    return [[None] * len(lead) + spread, [], notes_row, [*labels, *year_cells]]


def _row(number: int, sort: int, place: Place, revision: int, lead, options, years) -> list:
    cells = [_lead(kind, sort, place, revision, number) for kind in lead]
    if place.code == 900 and options.world:
        cells[lead.index("name")] = options.world
    if (number, place.code) in (options.rename or {}):
        cells[lead.index("name")] = options.rename[(number, place.code)]
    blocks = data_blocks(number, place, years)
    for (table, code, sex, year), value in (options.edits or {}).items():
        if table == number and code == place.code:
            blocks[SEXES.index(sex)][years.index(year)] = value
    return cells + [v for block in blocks for v in block]


def _table_sheet(ws, number: int, revision: int, options: Options) -> None:
    years = YEARS[revision]
    lead = options.columns or columns_of(revision, number)
    rows = _title_rows(number, revision, options)
    rows += _header_rows(number, revision, lead, options, years)
    for sort, place in enumerate(PLACES, start=1):
        rows.append(_row(number, sort, place, revision, lead, options, years))
    rows += [
        [],
        [None, "Note: (a) B = foreign-born population; C = foreign citizens; R = refugees"],
    ]
    for row in rows:
        ws.append(row)


def _contents(ws, revision: int, tables: tuple[int, ...]) -> None:
    ws.append([])
    ws.append([None, series(revision)])
    ws.append([None, "Table of contents" if revision >= 2020 else "CONTENTS"])
    ws.append([None, f"POP/DB/MIG/Stock/Rev.{revision}"])
    for number in tables:
        ws.append([None, f"   Table {number}", table_title(number, revision)])


def _annex(ws, revision: int) -> None:
    """The old revisions' country list: codes and sort orders, no years."""
    ws.append([None, series(revision)])
    ws.append(["Country or area", "Code", "Sort order", "Major area", "Code", "Sort order"])
    for sort, place in enumerate(PLACES[2:], start=9):
        ws.append([place.name, place.code, sort, "ASIA", 935, 71])


def _notes(ws, revision: int) -> None:
    ws.append([None, series(revision)])
    ws.append([None, "Notes"])
    ws.append([None, "A full stop (.) is used to indicate decimals."])
    ws.append([None, "Two dots (..) indicate that data are not available."])


def sheet_order(revision: int, tables: tuple[int, ...]) -> list[str | int]:
    if revision == 2015:
        return ["CONTENTS", "ANNEX", "NOTES", *tables]
    if revision in OLD:
        return ["CONTENTS", *tables, "ANNEX", "NOTES"]
    if revision == 2020:
        return ["Table of contents", *tables, "Notes"]
    return ["Table of contents", *tables, "Migrant notes", "Population notes"]


def build(folder: Path, revision: int, name: str | None = None, **options: Any) -> Path:
    """Write a workbook in the layout of ``revision`` into ``folder`` and return its path.

    ``options`` are the fields of :class:`Options` (layout departures and bad cells).
    """
    opts = Options(**options)
    tables = opts.tables or tables_of(revision)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for item in sheet_order(revision, tables):
        if isinstance(item, int):
            sheet = (opts.sheet_names or {}).get(item, f"Table {item}")
            _table_sheet(wb.create_sheet(sheet), item, revision, opts)
        elif item in ("CONTENTS", "Table of contents"):
            _contents(wb.create_sheet(item), revision, tables)
        elif item == "ANNEX":
            _annex(wb.create_sheet(item), revision)
        else:
            _notes(wb.create_sheet(item), revision)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or FILE_NAMES[revision])
    wb.save(path)
    return path
