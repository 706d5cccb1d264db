"""Everything one edition of the briefing shows, computed for its year.

The notebook calls :func:`load_edition` once, then the chart functions below and
the text functions of :mod:`analysis.narrative`; it holds no data logic itself.
"""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import charts, config, indicators, numbers
from analysis.charts import GROUP_LABELS, Chart
from analysis.datasets import Displacement, load_displacement
from analysis.figures import displacement_figures, load_migrant_stock
from analysis.reconciliation import reconcile
from analysis.sources import undesa
from analysis.sources.published import read_published_figures

TREND_FROM = 2000
PILOT_COUNTRIES = ["ETH", "IND", "PHL", "JOR"]
WORLD_POPULATION_GROUPS = [
    "refugees_unhcr",
    "refugees_unrwa",
    "asylum_seekers",
    "other_in_need",
    "idps_conflict",
]


@dataclass
class Edition:
    """One year's briefing: the data, the key figures, the published figures."""

    year: int
    top: int
    data: Displacement
    figures: dict
    totals: pd.DataFrame
    migrants: pd.DataFrame
    published: pd.DataFrame

    @property
    def provisional(self) -> bool:
        """True when the edition's year is a provisional (mid-year) figure."""
        return self.year in self.data.provisional_years

    @property
    def unhcr_release(self) -> str:
        """Which UNHCR release the edition uses, as the manifest records it."""
        file = self.data.population.files[0]
        for source in self.data.manifest.get("sources", []):
            if file.as_posix().endswith(source["file"]):
                return source.get("release", "release not recorded")
        return f"as downloaded ({file.name})"

    @property
    def undesa_revision(self) -> str:
        """The UN DESA revision of the migrant-stock figures (e.g. "2024")."""
        return self.migrants.attrs.get("revision", "unknown")

    @property
    def unhcr_source(self) -> str:
        """The source line of UNHCR charts."""
        return f"Source: UNHCR Refugee Population Statistics Database, {self.unhcr_release}"

    @property
    def undesa_source(self) -> str:
        """The source line of UN DESA charts."""
        return f"Source: UN DESA, International Migrant Stock {self.undesa_revision}"

    def hosts(self) -> pd.DataFrame:
        """Counts by country of asylum and year."""
        return indicators.by_asylum(self.data.population)

    def origins(self) -> pd.DataFrame:
        """Counts by country of origin and year."""
        return indicators.by_origin(self.data.population)


def load_edition(
    raw_dir: Path, year: int, top: int = 10, desa_revision: int | None = None
) -> Edition:
    """Read every source in ``raw_dir`` and compute the figures of ``year`` (migrant figures
    from the latest UN DESA revision there, or from ``desa_revision``)."""
    data = load_displacement(raw_dir)
    migrants = load_migrant_stock(raw_dir, desa_revision)
    totals = indicators.global_totals(data.population, data.unrwa, data.idmc, data.solutions)
    figures = displacement_figures(data, year, top, totals) | undesa.world_migrants(migrants, year)
    published = read_published_figures(published_figures_file(raw_dir))
    return Edition(year, top, data, figures, totals, migrants, published)


def published_figures_file(raw_dir: Path) -> Path:
    """The raw folder's published-figures table, else the project's own (official releases
    as downloaded come without one)."""
    own = Path(raw_dir) / "published_figures.csv"
    return own if own.exists() else config.RAW_DIR / "published_figures.csv"


def latest_published(edition: Edition, figure: str) -> pd.Series | None:
    """The published row of ``figure`` for the latest year not after the edition's year."""
    rows = edition.published[
        (edition.published["figure"] == figure) & (edition.published["year"] <= edition.year)
    ]
    own = rows[~rows["cited_as"].str.startswith("as stated in")]
    rows = own if not own.empty else rows
    return None if rows.empty else rows.sort_values("year", kind="stable").iloc[-1]


def published_row(edition: Edition, figure: str) -> pd.Series | None:
    """The published row of ``figure`` for exactly the edition's year, if any."""
    rows = edition.published[
        (edition.published["figure"] == figure) & (edition.published["year"] == edition.year)
    ]
    return None if rows.empty else rows.iloc[0]


def seed_figure(edition: Edition, figure: str) -> pd.Series | None:
    """A figure as stated in one of the seed documents (the presentation, the issue brief)."""
    rows = edition.published[
        (edition.published["figure"] == figure)
        & edition.published["cited_as"].str.startswith("as stated in")
    ]
    return None if rows.empty else rows.iloc[0]


def reconciliation(edition: Edition) -> pd.DataFrame:
    """The figures published for the edition's year beside the current data."""
    return reconcile(edition.published, edition.figures, edition.year)


# --- charts -------------------------------------------------------------------------


def glance_chart(edition: Edition) -> Chart:
    """The forcibly displaced and its parts."""
    f = edition.figures
    parts = pd.DataFrame(
        {
            "group": WORLD_POPULATION_GROUPS,
            "label": [GROUP_LABELS[g] for g in WORLD_POPULATION_GROUPS],
            "value": [f[g] or 0 for g in WORLD_POPULATION_GROUPS],
        }
    )
    parts = parts[(parts["value"] > 0) | (parts["group"] != "other_in_need")]
    when = _when(edition)
    return charts.population_groups(
        parts,
        name="forcibly_displaced",
        title=f"{numbers.people(f['forcibly_displaced'])} people forcibly displaced {when}",
        source=edition.unhcr_source + "; IDMC; UNRWA",
    )


def hosts_chart(edition: Edition) -> Chart | None:
    """The largest hosting countries (None when the data have no country of asylum)."""
    hosts = edition.figures["top_hosts"]
    title = f"{hosts[0]['name']} hosted the most refugees" if hosts else ""
    return _ranking_chart(edition, "top_hosts", title)


def origins_chart(edition: Edition) -> Chart | None:
    """The largest countries of origin (None when the data have no country of origin)."""
    share = numbers.share(edition.figures["top3_origin_share"])
    return _ranking_chart(edition, "top_origins", f"{share} of refugees came from three countries")


def _ranking_chart(edition: Edition, ranking: str, finding: str) -> Chart | None:
    if not edition.figures[ranking]:
        return None
    top = pd.DataFrame(edition.figures[ranking]).rename(columns={"refugees": "value"})
    return charts.ranking_bars(
        top, name=ranking, title=f"{finding} {_when(edition)}", source=edition.unhcr_source
    )


def regions_chart(edition: Edition) -> Chart | None:
    """Shares of refugees hosted by UNHCR region (None without countries of asylum)."""
    shares = edition.figures["hosting_by_region"]
    if not shares:
        return None
    data = pd.DataFrame({"region": list(shares), "share": list(shares.values())})
    first = data.iloc[0]
    return charts.region_shares(
        data,
        name="hosting_by_region",
        title=f"{first['region']} hosted {numbers.share(first['share'])} of refugees "
        f"{_when(edition)}",
        source=edition.unhcr_source,
    )


def trend_chart(edition: Edition) -> Chart:
    """The forcibly displaced by group since 2000."""
    trend = trend_table(edition)
    first = trend.index.min()
    until = edition.year if edition.year > first else trend.index.max()
    growth = trend.loc[until].sum() / trend.loc[first].sum()
    provisional = [y for y in trend.index if y in edition.data.provisional_years]
    return charts.trend_area(
        trend,
        name="displacement_trend",
        title=f"Forced displacement grew {growth:.1f}-fold from {first} to {until}",
        source=edition.unhcr_source + "; IDMC; UNRWA",
        highlight_year=edition.year,
        provisional_from=min(provisional) if provisional else None,
    )


def trend_table(edition: Edition) -> pd.DataFrame:
    """The parts of the forcibly displaced by year, from 2000 (or the edition's year, if
    earlier) to the latest year."""
    totals = edition.totals.set_index("year")
    since = min(TREND_FROM, edition.year)
    totals = totals[(totals.index >= since) & totals["forcibly_displaced"].notna()]
    return totals[WORLD_POPULATION_GROUPS].fillna(0).astype("int64")


def world_migrants(edition: Edition) -> pd.DataFrame:
    """UN DESA's world rows by year."""
    world = edition.migrants[edition.migrants["kind"] == "world"]
    return world.set_index("year").sort_index()


def migrants_chart(edition: Edition) -> Chart:
    """International migrants in the world over UN DESA's years."""
    world = world_migrants(edition)
    f = edition.figures
    data = world[["migrants"]].rename(columns={"migrants": "International migrants"})
    return charts.line_series(
        data,
        name="migrant_stock",
        title=f"{numbers.people(f['migrant_stock'])} international migrants in "
        f"{f['migrant_stock_year']}",
        source=edition.undesa_source,
        highlight_year=f["migrant_stock_year"],
    )


def migrant_shares_chart(edition: Edition) -> Chart | None:
    """Migrants' share of the world's population (None when the workbook lacks it)."""
    world = world_migrants(edition)
    if (
        world["migrant_share"].isna().all()
        or edition.figures["migrant_share_of_population"] is None
    ):
        return None
    data = world[["migrant_share"]].rename(
        columns={"migrant_share": "Migrants, share of world population"}
    )
    f = edition.figures
    return charts.line_series(
        data,
        name="migrant_shares",
        title=f"Migrants were {numbers.share(f['migrant_share_of_population'], 1)} of the "
        f"world's people in {f['migrant_stock_year']}",
        source=edition.undesa_source,
        value_format="share",
        highlight_year=f["migrant_stock_year"],
    )


# --- pilot countries ---------------------------------------------------------------


def pilot_countries(edition: Edition, codes: list[str] = PILOT_COUNTRIES) -> pd.DataFrame:
    """Refugees hosted, refugees from, migrant stock and share for each pilot country."""
    year = edition.year
    population = edition.data.population
    hosts = edition.hosts() if population.by_asylum else None
    origins = edition.origins() if population.by_origin else None
    stock = edition.migrants[edition.migrants["kind"] == "country"]
    stock_year = edition.figures["migrant_stock_year"]
    stock = stock[stock["year"] == stock_year].set_index("iso3")
    rows = []
    for code in codes:
        rows.append(
            {
                "iso3": code,
                "country": edition.data.countries.name(code),
                "refugees_hosted": _refugees(hosts, year, code),
                "refugees_from": _refugees(origins, year, code),
                "migrant_stock": _get(stock, code, "migrants"),
                "migrant_share": _get(stock, code, "migrant_share"),
                "migrant_stock_year": stock_year,
            }
        )
    return pd.DataFrame(rows)


def _refugees(table: pd.DataFrame | None, year: int, code: str) -> int | None:
    if table is None:
        return None
    return int(table[(table["year"] == year) & (table["iso3"] == code)]["refugees"].sum())


def _get(table: pd.DataFrame, code: str, column: str) -> float | None:
    return None if code not in table.index else table.at[code, column]


def _when(edition: Edition) -> str:
    return f"at mid-{edition.year}" if edition.provisional else f"in {edition.year}"


def source_list(edition: Edition) -> list[dict]:
    """The manifest's sources, plus the UN DESA workbook and the published figures."""
    sources = list(edition.data.manifest.get("sources", []))
    workbook = edition.migrants.attrs.get("file")
    if workbook and not any(s["file"].endswith(workbook) for s in sources):
        sources.append({"file": f"undesa/{workbook}", "publisher": "UN DESA"})
    return sources


def publish(chart: Chart | None, charts_dir: str | Path | None) -> Chart | None:
    """Save the chart as PNG and SVG into ``charts_dir`` (when given) and return it."""
    if chart is not None and charts_dir:
        chart.save(Path(charts_dir))
    return chart
