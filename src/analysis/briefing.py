"""What the briefing notebook calls: its data, its charts, its harder sentences, and how it
shows them.

The notebook keeps its prose and the few pandas steps of each section; this module keeps
what a reader of the notebook need not follow: loading the processed tables, the chart
calls with their titles and source lines, the sentences whose wording turns on the data
(who made a change, how a published figure differs from the current one), and the display
of each chart with its numbers (a table and a CSV download) for the HTML page.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis import charts, country, numbers, wording
from analysis.country import PEAK_ABOVE_ENDS, TREND_FROM  # a peak named between a trend's ends
from analysis.errors import InputError, disk_full
from analysis.figures import (
    CHANGE_YEAR,
    UNKNOWN_SAID,
    check_year,
    edition_year,
    figures_for,
    hosts_without_population,
    parameter_count,
    parameter_year,
    per_1000_table,
    totals_of,
    without_host,
    without_origin,
)
from analysis.indicators import FORCIBLY_DISPLACED_PARTS, in_need_of_protection
from analysis.kernel_state import check_loaded, setting_up
from analysis.kernel_state import loaded_with as loaded_with  # the notebooks' setup cells
from analysis.processed import TABLE_OF_FIGURE, Tables, load_tables
from analysis.reconciliation import (
    COUNTED_ONCE,
    PART_NAMES,
    DoubleCount,
    counted_once,
    counted_twice_in,
    displaced_in_palestine,
    first_published,
    of_its_date,
    published_parts,
    reconcile,
    revised_besides,
    total_gap,
)
from analysis.sources.published import SEED, from_a_seed
from analysis.wording import in_need, in_year, listing, plain

if TYPE_CHECKING:
    from analysis.charts import Chart

#: The population groups a figure of the briefing needs, as the note on missing ones names
#: them (a download without returns or host communities lacks nothing the briefing uses).
ABSENT_GROUPS = {
    "refugees": "refugees under UNHCR's mandate",
    "asylum_seekers": "asylum-seekers",
    "stateless": "stateless persons",
    "oip": "other people in need of international protection",
}


@dataclass
class Edition:
    """One year's briefing: its processed tables and its key figures, and the publications
    its text has cited so far (``cited``: publisher and title), for the reference list."""

    year: int
    top: int
    tables: Tables
    figures: dict
    cited: set = field(default_factory=set)
    _twice: dict = field(default_factory=dict, repr=False)  # counted_twice by year
    _hedged_by: str | None = field(default=None, repr=False, compare=False)  # its first

    def against_year_end(self, by: str) -> str:
        """A mid-year edition's hedge on a count set against the end of the year before:
        in full where the text first gives it (" (a provisional mid-year count set against a
        year-end one)"), then " (provisional)" (an editor read the full one three times).
        ``by`` names the sentence, so that a cell run again says what it said; empty at
        year end."""
        if not self.provisional:
            return ""
        self._hedged_by = self._hedged_by or by
        first = self._hedged_by == by
        return f" {wording.MID_YEAR_AGAINST_YEAR_END}" if first else " (provisional)"

    def cites(self, rows: pd.DataFrame) -> None:
        """Record the reports of these published rows for the reference list (an annual
        series, such as KNOMAD's briefs, by its year of publication)."""
        self.cited.update(zip(rows["publisher"], rows["title"], _published(rows), strict=True))

    @staticmethod
    def name_notes(names: Iterable[str]) -> str:
        """`` References to Kosovo shall be ...``: the UN's notes on these names, each once,
        to end a paragraph naming them (:func:`analysis.country.name_notes`)."""
        notes = country.name_notes(names)
        return f" {notes}" if notes else ""

    @property
    def no_rankings(self) -> str:
        """Why the edition ranks no host and no origin, as its figures rank none: refugees,
        whom every ranking counts, are not in its data ("have no column for refugees",
        "give no figure for refugees in 2024"); empty when it ranks them."""
        if "refugees" in self.tables.absent:
            return "have no column for refugees"
        if self.figures["refugees_unhcr"] is None:
            return f"give no figure for refugees in {self.year}"
        return ""

    @property
    def provisional(self) -> bool:
        """True when the edition's year is a provisional (mid-year) figure."""
        return self.year in self.tables.provisional_years

    @property
    def unhcr_release(self) -> str:
        """Which UNHCR release the edition uses, as the sources manifest records it."""
        return self.tables.meta["unhcr"]["release"]

    @property
    def undesa_revision(self) -> str | None:
        """The UN DESA revision in use (e.g. "2024"), None without a UN DESA workbook."""
        return self.tables.undesa_revision

    @property
    def unhcr_source(self) -> str:
        """The source line of UNHCR charts (:func:`~analysis.wording.unhcr_source`): of a
        file without a recorded release, how far its data run ("data to mid-2025"), the
        file's name being in the sources (a designer: "file population.csv.gz (release date
        not recorded)" under every chart read as an error)."""
        unhcr = self.tables.meta["unhcr"]
        credit = unhcr.get("credit", unhcr["release"])
        return wording.unhcr_source(credit, self.year if self.provisional else None)

    @property
    def undesa_source(self) -> str:
        """The source line of UN DESA charts."""
        return f"Source: UN DESA, International Migrant Stock {self.undesa_revision}"

    def basis(self, words: str = "", one: bool = False) -> str:
        """What the rankings count (``wording.in_need``): ``refugees and others in need``
        followed by ``words``, or ``refugees`` in a year without other people in need."""
        return in_need(self.tables.counts_oip(self.year), words, one)

    @property
    def when(self) -> str:
        """``in 2024`` or ``at mid-2025``, for chart titles."""
        return in_year(self.year, self.provisional)

    def published(
        self, figure: str, year: int | None = None, cite: bool = True
    ) -> pd.Series | None:
        """The published row of ``figure`` for ``year`` (default: the edition's year): the
        first published (:func:`~analysis.reconciliation.first_published`: the publisher's
        own report before a seed document's statement, then the earliest); its report joins
        the references unless ``cite`` is false (a value only compared).

        UNHCR's figures of a year come from a report of the same date as the data's count of
        that year (:meth:`of_its_date`)."""
        year = year or self.year
        rows = self.of_its_date(self.tables.published)
        rows = first_published(rows[(rows["figure"] == figure) & (rows["year"] == year)])
        if rows.empty:
            return None
        if cite:
            self.cites(rows.head(1))
        return rows.iloc[0]

    def published_years(self, figure: str) -> list[int]:
        """The years the published figures in use give ``figure`` for (of the data's date)."""
        rows = self.of_its_date(self.tables.published)
        return sorted({int(y) for y in rows.loc[rows["figure"] == figure, "year"]})

    def of_its_date(self, rows: pd.DataFrame) -> pd.DataFrame:
        """Published ``rows`` of the data's date (:func:`analysis.reconciliation.of_its_date`)."""
        return of_its_date(rows, self.tables)

    def latest_published(self, figure: str) -> pd.Series | None:
        """The published row of ``figure`` for the latest year not after the edition's."""
        rows = self.tables.published
        rows = rows[(rows["figure"] == figure) & (rows["year"] <= self.year)]
        own = rows[~from_a_seed(rows["cited_as"])]
        rows = own if not own.empty else rows  # a seed document's statement only failing one
        if rows.empty:
            return None
        latest = first_published(rows[rows["year"] == rows["year"].max()])
        self.cites(latest)
        return latest.iloc[0]

    def counted_twice(self, year: int | None = None, cite: bool = True) -> DoubleCount | None:
        """The Palestine refugees also displaced inside Gaza, in two parts of the forcibly
        displaced sum of ``year`` (default: the edition's;
        :func:`~analysis.reconciliation.counted_twice`); UNRWA's estimate joins the
        references unless ``cite`` is false."""
        year = self.year if year is None else year
        if year not in self._twice:  # asked for each year of a trend, and again
            self._twice[year] = counted_twice_in(self.tables, year)
        twice = self._twice[year]
        if twice is not None and cite:
            self.cites(twice.row.to_frame().T)
        return twice

    def overlaps(self, year: int | None = None) -> bool:
        """Whether from the end of 2023 some Palestine refugees are also among the internally
        displaced, in two parts of the sum, estimated (:meth:`counted_twice`) or not."""
        year = year or self.year
        mid_year = year in self.tables.provisional_years
        return displaced_in_palestine(self.tables.idps_conflict, year, mid_year) > 0

    def counted_once(self, totals: pd.Series) -> pd.Series:
        """``totals`` (the sums of the groups, by year) less the people in two of the groups
        where :meth:`counted_twice` estimates them: each person once, as UNHCR counts them."""
        once = [counted_once(v, self.counted_twice(int(y), cite=False)) for y, v in totals.items()]
        return pd.Series(once, index=totals.index, dtype="float64")

    @property
    def displaced(self) -> float | None:
        """The forcibly displaced, each person counted once as UNHCR's total counts them:
        the sum of the parts less the people in two of them (an estimate from 2023)."""
        return counted_once(self.figures["forcibly_displaced"], self.counted_twice(cite=False))

    @cached_property
    def without_host(self) -> tuple[float, float]:
        """The refugees and OIP of no known country of asylum in the edition's year, and
        everyone's count: (754,100, 3.5 million) in 1975."""
        return without_host(self.tables, self.year)

    @property
    def of_known_hosts(self) -> str:
        """`` of those whose country of asylum the data give`` where :data:`UNKNOWN_SAID` of
        everyone or more have none (a fifth of 1975's refugees: shares by host are of the
        others); else empty."""
        none, everyone = self.without_host
        said = everyone and none >= UNKNOWN_SAID * everyone
        return " of those whose country of asylum the data give" if said else ""

    @property
    def unknown_origins(self) -> float:
        """The share of the year's refugees and OIP of no known country of origin, where it
        is :data:`UNKNOWN_SAID` or more (nine in ten in 1960, when the three largest known
        origins held 9% of all); else 0."""
        none, everyone = without_origin(self.tables, self.year)
        return none / everyone if everyone and none >= UNKNOWN_SAID * everyone else 0.0

    @cached_property
    def per_1000(self) -> list[dict]:
        """The hosts of ``figures["top_hosts_per_1000"]`` with their rates unrounded, so
        the text, the title and the bars round them once (75.479 is 75, not 75.5 then 76)."""
        table, _ = per_1000_table(self.tables, self.year, self.top)
        return [] if table is None else table.to_dict("records")

    @property
    def per_1000_lead(self) -> int:
        """The place in :attr:`per_1000` of the first rate on a count of the edition's date,
        which the chart's title and the text lead with: 1 at mid-2025, where Aruba's first
        rate is its end-2024 count carried forward (:func:`carried_forward`); else 0."""
        carried = [carried_forward(self.tables, r["iso3"], self.year) for r in self.per_1000]
        return next((i for i, kept in enumerate(carried) if not kept), 0)

    def first_on_refugees_alone(self) -> dict | None:
        """When the first host per 1,000 inhabitants (:attr:`per_1000_lead`, of a count of
        the edition's date) counts more other people in need of international protection
        than refugees (Aruba's Venezuelans, 2021), the first host counting refugees alone
        (``iso3``, ``name``, ``per_1000``, and ``first_refugees``: the refugees the first
        host counts, none for Aruba), if another; else None."""
        if not self.per_1000:
            return None
        first = self.per_1000[self.per_1000_lead]["iso3"]
        refugees, others = self.hosted_by_group(first)
        if others <= refugees:
            return None
        table, _ = per_1000_table(self.tables, self.year, 1, refugees_only=True)
        if table is None or table.empty or table.at[0, "iso3"] == first:
            return None
        return table.iloc[0].to_dict() | {"first_refugees": refugees}

    def hosted_by_group(self, iso3: str) -> tuple[float, float]:
        """The refugees and the other people in need of international protection ``iso3``
        hosted in the edition's year."""
        rows = self.tables.by_asylum.query("year == @self.year and iso3 == @iso3")
        return float(rows["refugees"].fillna(0).sum()), float(rows["oip"].fillna(0).sum())

    def mostly_others(self, iso3: str) -> str:
        """``all`` or ``most`` when the people ``iso3`` hosted were all or mostly other
        people in need of international protection (Aruba's Venezuelans); else empty."""
        refugees, others = self.hosted_by_group(iso3)
        return "" if others <= refugees else "most" if refugees else "all"

    def seed_figure(self, figure: str) -> pd.Series | None:
        """A figure as one of the seed documents states it."""
        rows = self.tables.published
        rows = rows[(rows["figure"] == figure) & from_a_seed(rows["cited_as"])]
        if rows.empty:
            return None
        self.cites(rows.head(1))
        return rows.iloc[0]

    def absent_groups(self) -> list[str]:
        """The population groups a figure needs that the population file lacks, in words."""
        return [ABSENT_GROUPS[g] for g in self.tables.absent if g in ABSENT_GROUPS]


#: UNHCR's tables beside the population file, as a sentence names them.
TABLE_WORDS = {"unrwa": "UNRWA's table", "idmc": "IDMC's table", "solutions": "the solutions table"}

#: Why a briefing's rankings hold three countries at least.
THREE_LARGEST = " (the text names the three largest countries of origin, as Global Trends does)"


def load_edition(
    raw_dir: str | Path = "", year: int = 0, top: int = 10, desa_revision: int = 0
) -> Edition:
    """The processed tables of ``raw_dir`` (built once, then reused) and ``year``'s figures
    (0: the latest complete year the data hold).

    The notebook's parameters are checked first, in one line naming the one to change:
    ``year`` a whole number the data hold (``"2024"`` as text is read as 2024), ``top`` 3
    or more (:data:`THREE_LARGEST`)."""
    with setting_up():  # a setup that stops leaves later cells one line each
        year, top = parameter_year(year), parameter_count(top, "top_n", 3, THREE_LARGEST)
        tables = load_tables(raw_dir, desa_revision or None)
        year = edition_year(tables, year)
        check_year(tables, year, CHANGE_YEAR)
        tables = country.named_in(tables, year)
        return Edition(year, top, tables, figures_for(tables, year, top))


def reconciliation(edition: Edition) -> pd.DataFrame:
    """The figures published for the edition's year beside the current data (UN DESA's for
    the year of its estimate in use, but for a mid-year edition); UNHCR's from a report of
    the same date (:meth:`Edition.of_its_date`: Mid-Year Trends for a mid-year edition)."""
    twice = edition.counted_twice()
    table = reconcile(
        edition.of_its_date(edition.tables.published),
        edition.figures,
        edition.year,
        twice and twice.people,
    )
    if edition.provisional and not table.empty:  # a mid-year edition: its own date's alone
        table = table[table["year"] == edition.year].reset_index(drop=True)
    published = edition.tables.published
    if not table.empty:
        edition.cites(
            published[
                published["year"].isin(table["year"])
                & published["figure"].isin(table["figure"])
                & published["cited_as"].isin(table["cited_as"])
            ]
        )
    return table


def printed(row: pd.Series) -> str:
    """A published row's figure as its report printed it ("about 50%", "281 million")."""
    from analysis.reconciliation import as_printed, qualifier_of

    return as_printed(row["value"], row["unit"], row["figure"], qualifier_of(row))


def beside_published(edition: Edition, figure: str) -> str:
    """`` (UNHCR Global Trends 2016: 2.8 million)`` after a current figure whose published
    one, as its report printed it, reads otherwise (2.7 million asylum-seekers now; 73.6
    million internally displaced beside a printed 73.5 million); empty where they read
    alike, or no report of the data's date gave it."""
    from analysis.reconciliation import as_printed

    row = edition.published(figure, cite=False)
    current = edition.figures.get(figure)
    if row is None or current is None:
        return ""
    # at the report's precision: 9,085,659 is its "9.09 million" (a tester)
    now = as_printed(current, row["unit"], figure, as_published=False, beside=row["value"])
    if as_printed(row["value"], row["unit"], figure) == now:
        return ""
    edition.cites(pd.DataFrame([row]))
    return f" ({plain(row['cited_as'])}: {printed(row)})"


def cite(row: pd.Series) -> str:
    """A citation after a figure: `` (UNHCR Global Trends 2016)`` or ``, as stated in ...``."""
    cited = plain(row["cited_as"])
    return f", {cited}" if str(row["cited_as"]).startswith(SEED) else f" ({cited})"


# --- showing charts -----------------------------------------------------------------


def show(chart: Chart | None, charts_dir: str | Path | None = None) -> None:
    """Display a chart, with its numbers for readers; save it as PNG and SVG when asked."""
    from IPython.display import HTML, display

    check_loaded()
    if chart is None:
        return
    if charts_dir:
        _save(chart, Path(charts_dir))
    display(chart)
    data = getattr(chart, "data", None)
    if data is not None:
        display(HTML(chart_data(chart.name, chart.title, data)))


def _save(chart: Chart, folder: Path) -> None:
    """Save the chart into ``folder``; a folder it cannot be written into (``charts_dir`` set
    to "/proc/x") is said in one line (a full disk as it is: the report words it)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        chart.save(folder)
    except OSError as error:
        if disk_full(error):
            raise
        raise InputError(
            f"charts_dir = {str(folder)!r}: the charts cannot be saved there "
            f"({error.strerror or error}); change charts_dir in the notebook's first cell, or "
            'set it to "" to save none'
        ) from None


def chart_data(name: str, title: str, data: pd.DataFrame) -> str:
    """The chart's numbers as a table a reader can open and a CSV to download (embedded)."""
    csv = _whole_counts(data).to_csv(index=False).encode("utf-8")
    href = "data:text/csv;charset=utf-8;base64," + base64.b64encode(csv).decode("ascii")
    table = data.to_html(
        index=False, border=0, classes="chart-table", na_rep="", formatters=_formats(data)
    )
    return (
        f'<details class="chart-data"><summary>The numbers behind “{html.escape(title)}”'
        f'</summary><p><a download="{html.escape(name)}.csv" href="{href}">Download CSV'
        f"</a></p>{table}</details>"
    )


def _whole_counts(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with its columns of whole numbers as integers (2198792, not 2198792.0: a
    column with a gap is read as floats), blanks kept."""
    whole = {
        column: "Int64"
        for column in data.select_dtypes("float").columns
        if (data[column].dropna() % 1 == 0).all() and data[column].notna().any()
    }
    return data.astype(whole)


def _formats(data: pd.DataFrame) -> dict:
    """How the chart-data table shows each numeric column: shares as %, counts with commas."""
    formats = {}
    for column in data.select_dtypes("number").columns:
        values = data[column].dropna()
        if "year" in str(column).lower():
            formats[column] = "{:.0f}".format
        elif len(values) and values.abs().max() <= 1 and not (values % 1 == 0).all():
            formats[column] = lambda v: numbers.share(v, 1)
        elif len(values) and (values % 1 == 0).all():
            formats[column] = _signed("{:,.0f}")
        else:
            formats[column] = _signed("{:,.1f}")
    return formats


def _signed(pattern: str):
    """A number format writing a negative value with a minus sign (−1,422,400), as the text."""
    return lambda v: pattern.format(v).replace("-", "\u2212")


def one_full_stop(text: str) -> str:
    """A sentence ending on a name that ends with a full stop ("Syrian Arab Rep.") keeps one."""
    return re.sub(r"\\\.\.(?!\.)", r"\\.", text)


def md(text: str) -> None:
    """Display Markdown (values from data must be passed through ``wording.plain``).

    A dollar sign is text, never the start of a formula (``US$685 billion``).
    """
    from IPython.display import Markdown, display

    check_loaded()
    display(Markdown(re.sub(r"(?<!\\)\$", r"\\$", one_full_stop(text))))


# --- charts ---------------------------------------------------------------------------


#: The parts of the forcibly displaced as a sentence names them, in the glance text's order.
GROUP_IN_SENTENCE = {
    "refugees_unhcr": "refugees under UNHCR's mandate",
    "refugees_unrwa": "Palestine refugees under UNRWA's mandate",
    "idps_conflict": "people displaced inside their own country by conflict and violence",
    "asylum_seekers": "asylum-seekers",
    "other_in_need": "other people in need of international protection",
}


def parts_not_given(edition: Edition) -> str:
    """The parts of the total the edition's year lacks, for the key finding that gives no
    total: "they have no figures for asylum-seekers or ...", and "the figures for ... are
    of another date" for a table left out as of another date than the population file
    (said as lacking, it contradicted the overview; a reviewer)."""
    f, tables = edition.figures, edition.tables
    missing = [k for k in GROUP_IN_SENTENCE if f[k] is None]
    dated = [GROUP_IN_SENTENCE[k] for k in missing if tables.left_out(k, edition.year)]
    lacking = [GROUP_IN_SENTENCE[k] for k in missing if GROUP_IN_SENTENCE[k] not in dated]
    said = (
        [f"they have no figures for {listing(lacking, escape=False, last='or')}"] if lacking else []
    )
    said += [f"the figures for {listing(dated, escape=False)} are of another date"] if dated else []
    return "; ".join(said)


#: Whose figures a side table gives, as a sentence names them.
SIDE_TABLE_FIGURES = {"idmc": "IDMC's estimates", "unrwa": "UNRWA's figures"}


def begins_later(tables: Tables, group: str, year: int) -> str:
    """When the data count ``group`` (a part of the total, or ``stateless``) only from after
    ``year``, from when, in brackets: " (counted in UNHCR's data from 1993)", " (IDMC's
    estimates begin in 1990)"; else empty."""
    since = tables.counted_from(group, year)
    if since:
        return f" (counted in UNHCR's data from {since})"
    table = TABLE_OF_FIGURE.get(group)
    first = tables.first_year(table) if table in SIDE_TABLE_FIGURES else None
    return f" ({SIDE_TABLE_FIGURES[table]} begin in {first})" if first and first > year else ""


def oip_counted_anew(edition: Edition, year: int | None = None) -> str:
    """The other people in need of international protection whom hosts count for the first
    time in ``year`` (default: the edition's), when they are a tenth of them or more and
    others were counted the year before, as a sentence: " Seven countries, led by the
    Islamic Republic of Iran and Pakistan, counted 1.1 million such people for the first
    time at mid-2025; the same countries counted 3.2 million fewer refugees than at the end
    of 2024 (a provisional mid-year count set against a year-end one)." (Afghans, moved
    from the refugee count: no new arrivals); empty otherwise. With a ``year`` given (the
    trend's latest change, after the glance) the group is named, and left unhedged: the
    sentence before says the counts compare only roughly."""
    later = year is not None
    hosts, year = edition.tables.by_asylum, year or edition.year
    hosts = hosts[hosts["is_country"]].pivot_table("oip", "iso3", "year", aggfunc="sum")
    if year - 1 not in hosts.columns or year not in hosts.columns or not hosts[year - 1].sum():
        return ""
    new = hosts[(hosts[year] > 0) & (hosts[year - 1].fillna(0) == 0)][year].sort_values()[::-1]
    if new.sum() < 0.1 * hosts[year].sum():
        return ""
    names = edition.tables.names
    first = listing([plain(wording.the(names.get(c, c))) for c in new.index[:2]], escape=False)
    who, they = (first, "it" if len(new) == 1 else "together they")
    if len(new) > 2:  # "Seven countries, led by ... and Pakistan," ("In all, 12 countries")
        many = wording.number_word(len(new))
        who = f"{many if many.isalpha() else f'In all, {many}'} countries, led by {first},"
        they = "the same countries"
    # fewer refugees counted there: people moved between the two counts, not new arrivals
    refugees = edition.tables.by_asylum.pivot_table("refugees", "iso3", "year", aggfunc="sum")
    there = refugees.reindex(new.index)
    fell = float(there.get(year - 1, 0).fillna(0).sum() - there.get(year, 0).fillna(0).sum())
    moved = (
        f"; {they} counted {numbers.people(fell)} fewer refugees than at the end of {year - 1}"
        f"{'' if later else edition.against_year_end('oip_counted_anew')}"  # hedged where said
        if fell >= new.sum() / 2
        else ""
    )
    whom = GROUP_IN_SENTENCE["other_in_need"] if later else "such people"
    when = in_year(year, year in edition.tables.provisional_years)
    return (
        f" {wording.capitalized(who)} counted {numbers.people(new.sum())} {whom} for the "
        f"first time {when}{moved}."
    )


def _year_and_year_before(table: pd.DataFrame, year: int) -> tuple[pd.Series, pd.Series] | None:
    """Refugees and others in need by country (``table``: by asylum or by origin) the year
    before ``year`` and in it; None without both years."""
    rows = table[table["is_country"] & table["year"].isin([year - 1, year])]
    counts = in_need_of_protection(rows).groupby([rows["iso3"], rows["year"]]).sum()
    counts = counts.unstack(fill_value=0)
    if year - 1 not in counts.columns or year not in counts.columns:
        return None
    return counts[year - 1], counts[year]


def _by_group(edition: Edition, rates: pd.DataFrame) -> pd.DataFrame:
    """``rates`` per 1,000 inhabitants (``iso3``, ``per_1000``) split into the refugees' and
    the other people in need's parts (``refugees``, ``oip``), as each host's count is."""
    hosted = pd.DataFrame([edition.hosted_by_group(c) for c in rates["iso3"]], index=rates.index)
    whole = hosted.sum(axis=1).where(lambda people: people > 0)
    return rates.assign(
        refugees=rates["per_1000"] * hosted[0] / whole,
        oip=rates["per_1000"] * hosted[1] / whole,
    )


def rates_on_earlier_counts(edition: Edition, short: bool = True) -> str:
    """The rates per 1,000 ranked above :attr:`Edition.per_1000_lead`, said to be on the
    year end's counts: "Aruba's 106 is on its end-2024 count"; empty when none is."""
    ahead = edition.per_1000[: edition.per_1000_lead]
    if not ahead:
        return ""
    said = [
        f"{wording.the(wording.short_name(r['name'], r['iso3']) if short else r['name'])}'s "
        f"{numbers.rate(r['per_1000'])}"
        for r in ahead
    ]
    are, their, counts = ("is", "its", "count") if len(ahead) == 1 else ("are", "their", "counts")
    return f"{listing(said, escape=False)} {are} on {their} end-{edition.year - 1} {counts}"


def carried_forward(tables: Tables, iso3: str, year: int) -> bool:
    """Whether the mid-year count of refugees and others in need hosted by ``iso3`` in
    ``year`` is the very count of the end of the year before (Aruba's 11,470, mid-2025): a
    figure not updated, whose rank is not news. False for a year-end count."""
    both = _year_and_year_before(tables.by_asylum, year)
    if year not in tables.provisional_years or both is None or iso3 not in both[0].index:
        return False
    before, now = both
    return bool(before[iso3] > 0 and before[iso3] == now.get(iso3, 0))


def former_largest(edition: Edition, largest: str) -> str:
    """When the year before's largest host (refugees and others in need) is not the
    edition's ``largest``, a sentence on its place now: " The Islamic Republic of Iran, the
    largest host at the end of 2024 (3.5 million), ranked fifth at mid-2025, with 1.7
    million." With the refugees who left it to return home (by country of asylum), when
    they make half its fall or more: "; the data record 1.4 million refugees returning from
    it to their country in 2025, possibly counted past mid-year". Empty when it
    is the same host, or the year before is not in the data."""
    year = edition.year
    both = _year_and_year_before(edition.tables.by_asylum, year)
    if both is None:
        return ""
    before, now = both
    iso3 = before.idxmax()
    if iso3 == largest or not before.max() or not now[iso3]:
        return ""
    place = int((now > now[iso3]).sum()) + 1
    name = edition.tables.names.get(iso3, iso3)
    at = edition.when if edition.provisional else f"at the end of {year}"  # as Global Trends
    fall = float(before[iso3] - now[iso3])
    returns = country.returns_by_year(edition.tables, iso3, "hosted")
    left = 0.0 if returns is None else float(returns.fillna(0).get(year, 0))
    # at mid-year, returns may be counted past the date of the count they are set beside
    during = (
        f"in {year}, possibly counted past mid-year" if edition.provisional else f"during {year}"
    )
    why = (
        f"; the data record {numbers.people(left)} refugees returning from it to their "
        f"country {during}"
        if fall > 0 and left >= fall / 2
        else ""
    )
    return (
        f" {plain(wording.capitalized(wording.the(name)))}, the largest host at the end of "
        f"{year - 1} ({numbers.people(before.max())}), ranked {country.ordinal(place)} {at}, "
        f"with {numbers.people(now[iso3])}{edition.against_year_end('former_largest')}{why}."
    )


def former_top_origins(edition: Edition, top3: Iterable[str]) -> str:
    """The countries among the three largest origins of the year before (refugees and
    others in need) that are not among the edition's ``top3`` (ISO3 codes), with their
    place now: " Afghanistan, among the three largest at the end of 2024 with 5.8 million,
    was fourth at mid-2025, with 3.7 million (a provisional mid-year count set against a
    year-end one)." The three of this year are another trio than those of the year
    before. Empty when they are the same, or the year before is not in the data."""
    both = _year_and_year_before(edition.tables.by_origin, edition.year)
    if both is None:
        return ""
    before, now = both
    names = edition.tables.names
    kept, said = set(top3), []
    at = edition.when if edition.provisional else f"at the end of {edition.year}"
    for iso3 in before[before > 0].nlargest(3).index:
        if iso3 in kept or not now.get(iso3, 0):  # (none counted now: no place to give)
            continue
        place = int((now > now[iso3]).sum()) + 1
        said.append(
            f"{plain(wording.capitalized(wording.the(names.get(iso3, iso3))))}, among the three "
            f"largest at the end of {edition.year - 1} with {numbers.people(before[iso3])}, was "
            f"{country.ordinal(place)} {at}, with {numbers.people(now[iso3])}"
        )
    if not said:
        return ""
    return " " + ". ".join(said) + f"{edition.against_year_end('former_top_origins')}."


def mid_year_against(trend: pd.DataFrame, totals: pd.Series, latest: int, before: int) -> str:
    """The mid-year total of ``latest`` set against the end of ``before``, as Mid-Year Trends
    sets them, with each group that moved by a tenth of the change or more: "Set against the
    end of 2024, that is 5.4 million fewer: 4.9 million fewer people displaced inside their
    own country by conflict and violence and 2.5 million fewer refugees under UNHCR's
    mandate, against 1.3 million more other people in need of international protection and
    645,400 more asylum-seekers; a mid-year count compares only roughly with an end-of-year
    one." Empty when either total is missing, or they do not differ."""
    if latest not in totals.index or before not in totals.index:
        return ""
    change = float(totals[latest] - totals[before])
    if pd.isna(change) or numbers.people(abs(change)) == "0":
        return ""
    new = trend.loc[before].isna() & trend.loc[latest].notna()  # first counted since
    moved = trend.loc[latest].fillna(0) - trend.loc[before].fillna(0)
    moved = moved[trend.loc[latest].notna()]  # none in the later count: not comparable
    moved = moved[moved.abs() >= 0.1 * abs(change)].sort_values(key=abs, ascending=False)

    def listed(groups: pd.Series) -> str:
        return listing(
            [
                f"{numbers.people(abs(n))} {'more' if n > 0 else 'fewer'} {GROUP_IN_SENTENCE[g]}"
                + (f" (not counted at the end of {before})" if new[g] else "")
                for g, n in groups.items()
            ],
            escape=False,
        )

    with_it, against = moved[moved * change > 0], moved[moved * change < 0]
    parts = f": {listed(with_it)}" if len(with_it) else ""
    parts += f", against {listed(against)}" if len(with_it) and len(against) else ""
    word = "more" if change > 0 else "fewer"
    return (
        f"Set against the end of {before}, that is {numbers.people(abs(change))} {word}{parts}; "
        "a mid-year count compares only roughly with an end-of-year one."
    )


def _lacking(edition: Edition, groups: list[str]) -> str:
    """Why the ``groups`` have no figure: the data hold none, or they are left out as of
    another date than the population file (:meth:`Tables.left_out`)."""
    left = [g for g in groups if edition.tables.left_out(g, edition.year)]
    said = []
    if len(left) < len(groups):
        none = [GROUP_IN_SENTENCE[g] for g in groups if g not in left]
        said.append(f"the data hold no figures that year for {wording.listing(none, escape=False)}")
    if left:
        names = wording.listing([GROUP_IN_SENTENCE[g] for g in left], escape=False)
        said.append(f"{names} are left out (their tables give them at another date)")
    return "; ".join(said)


def idmc_credit(mid_year: int | None = None) -> str:
    """IDMC's credit in a source line: ``IDMC``, and whose the internally displaced of a
    mid-year count are (UNHCR's estimate; IDMC estimates at the end of the year only)."""
    if mid_year is None:
        return "IDMC"
    return f"IDMC; internally displaced at mid-{mid_year}: {wording.idp_source(mid_year, True)}"


def glance_chart(edition: Edition) -> Chart:
    """The forcibly displaced and its parts."""
    f = edition.figures
    mid_year = edition.year if edition.provisional else None  # a mid-year count's
    parts = pd.DataFrame(
        {
            "group": FORCIBLY_DISPLACED_PARTS,
            "label": [charts.GROUP_LABELS[g] for g in FORCIBLY_DISPLACED_PARTS],
            "value": [f[g] or 0 for g in FORCIBLY_DISPLACED_PARTS],
        }
    )
    parts = parts[(parts["value"] > 0) | (parts["group"] != "other_in_need")]
    twice, note, more = edition.counted_twice(), None, []
    title = f"{numbers.people(edition.displaced)} people forcibly displaced {edition.when}"
    if twice and f["forcibly_displaced"] is not None:
        title = f"About {title}"
        note = (
            f"The groups add up to {numbers.people(f['forcibly_displaced'])}: about "
            f"{numbers.people(twice.people)} Palestine refugees also displaced inside Gaza are "
            "in two of them, and counted once in the total."
        )
        more = [
            ("The groups added up", f["forcibly_displaced"]),
            ("Palestine refugees also displaced inside Gaza (estimate)", -round(twice.people)),
            ("Forcibly displaced, each counted once", round(edition.displaced)),
        ]
    lacking = [g for g in FORCIBLY_DISPLACED_PARTS if f[g] is None]
    if lacking:  # no total: the groups the data hold, and those they lack or leave out
        parts = parts[~parts["group"].isin(lacking)]
        title = f"Forcibly displaced people by group {edition.when}; {_lacking(edition, lacking)}"
    # the side tables whose figures it shows (1985's shows none of IDMC's)
    credits = [edition.unhcr_source]
    credits += [idmc_credit(mid_year)] if f["idps_conflict"] is not None else []
    credits += ["UNRWA"] if f["refugees_unrwa"] is not None else []
    return charts.population_groups(
        parts,
        name="forcibly_displaced",
        title=title,
        source="; ".join(credits),
        total=None if lacking else f["forcibly_displaced"],
        note=note,
        more_rows=more,
    )


def ranking_chart(edition: Edition, top: pd.DataFrame, name: str, finding: str) -> Chart | None:
    """Sorted bars of ``top`` (columns ``iso3``, ``name``, ``people``), stacked of its
    ``refugees`` and ``oip`` where it gives them."""
    if top is None or top.empty:
        return None
    parts = [c for c in ("refugees", "oip") if c in top.columns]
    data = top[["iso3", "name", *parts, "people"]].rename(columns={"people": "value"})
    return charts.ranking_bars(
        data,
        parts=[("refugees", "refugees_unhcr"), ("oip", "other_in_need")],
        name=name,
        title=f"{finding} {edition.when}",
        source=edition.unhcr_source,
        value_label=edition.basis(),  # Global Trends' basis, with OIP
        note=country.name_notes(top["name"]),  # the UN's note on Kosovo
    )


def regions_chart(
    edition: Edition,
    shares: pd.Series,
    driven: dict[str, tuple[list[str], float]],
    by_origin: dict[str, list] | None = None,
    m49: str = "",
) -> Chart | None:
    """Shares hosted by UNHCR region (``shares``: region → share, largest first); the title
    says when the first region's total is mostly one or two countries (``driven``:
    :func:`regions_driven`), with their share of the region's, or else mostly people from
    one or two countries of origin (``by_origin``: :func:`regions_by_origin`; Europe, 2023:
    "45% of them from Ukraine and 25% from the Syrian Arab Republic"); the note says both of
    the other regions, so no bar reads as a region's own. The note starts by saying whose
    regions they are and that UNRWA's refugees are not in them, and ends on ``m49`` (the
    text's :func:`across_m49`: Türkiye in UNHCR's Europe, M49's Asia), so that the bars and
    the share in developing regions read together (an editor)."""
    if shares is None or shares.empty:
        return None
    by_origin = dict(by_origin or {})
    data = pd.DataFrame({"region": shares.index, "share": shares.to_numpy()})
    region, first = data.iloc[0]["region"], data.iloc[0]["share"]
    title = f"{region} hosted {numbers.share(first)} of {edition.basis()} {edition.when}"
    if region in driven:
        title += f", {_held_by(*driven[region])}"
    elif region in by_origin:  # the title's, not the note's
        title += ", " + _from(by_origin.pop(region), of="of them ")
    notes = [
        f"UNHCR's regions (its regional bureaux), not UN M49's.{unrwa_left_out(edition, 'shares')}"
    ]
    notes += [
        f"{wording.capitalized(wording.the(r))}: {_held_by(*held, of='of its total')}."
        for r, held in driven.items()
        if r != region
    ]
    origins = [f"{wording.the(r)}, {_from(parts)}" for r, parts in by_origin.items()]
    notes += [f"By country of origin: {'; '.join(origins)}."] if origins else []
    notes += [m49] if m49 else []
    return charts.region_shares(
        data,
        name="hosting_by_region",
        title=title,
        source=edition.unhcr_source,
        note=" ".join(notes),
    )


def unrwa_left_out(edition: Edition, what: str) -> str:
    """`` The shares leave out the 5.9 million Palestine refugees under UNRWA's mandate.``
    (``what``: "shares"), under a chart of refugees and others in need, where UNRWA's table
    gives the year a count (the Middle East's share, Lebanon's and Jordan's rates leave them
    out; an editor); else empty."""
    unrwa = edition.figures.get("refugees_unrwa")
    if not unrwa:
        return ""
    return (
        f" The {what} leave out the {numbers.people(unrwa)} Palestine refugees under UNRWA's "
        "mandate."
    )


def _from(parts: list[tuple[str, float]], of: str = "") -> str:
    """``45% of them from Ukraine and 25% from the Syrian Arab Republic`` (``of``: "of
    them "): a region's people by country of origin (:func:`regions_by_origin`)."""
    said = [f"{numbers.share(p)} {of if i == 0 else ''}from {wording.the(o)}"
            for i, (o, p) in enumerate(parts)]  # fmt: skip
    return listing(said, escape=False)


def _held_by(names: list[str], part: float, of: str = "of them") -> str:
    """``55% of them in Türkiye alone``: the countries holding most of a region's total."""
    where = listing([wording.the(n) for n in names], escape=False)
    shown = numbers.share(part, 1 if round(part * 100) == 50 else 0)  # not "50%" of 50.5%
    return f"{shown} {of} in {where}{' alone' if len(names) == 1 else ''}"


def trend_table(edition: Edition) -> pd.DataFrame:
    """The parts of the forcibly displaced by year, from 2000 (or the edition's year, if
    earlier) to the latest year; other people in need of international protection are
    missing (not 0) in the years before the data count them."""
    totals = edition.tables.totals.set_index("year")
    since = min(TREND_FROM, edition.year)
    totals = totals[(totals.index >= since) & totals["forcibly_displaced"].notna()]
    table = totals[FORCIBLY_DISPLACED_PARTS].fillna(0).astype("int64")
    first = oip_counted_from(edition.tables) or float("inf")  # none counted: NaN throughout
    table["other_in_need"] = table["other_in_need"].where(table.index >= first)  # NaN before
    return table


def trend_end(edition: Edition, years: Iterable[int]) -> int | None:
    """The year a trend over ``years`` (those with a total) runs to, from the first: the
    edition's, else (an edition of the first year, of a mid-year count, or of a year without
    a total) the latest complete year; None when no complete year follows the first: a trend
    never ends on a mid-year count (:func:`mid_year_against` sets one beside the year-end
    before it, with a caveat; a mid-year edition's chart title names it after the trend,
    as provisional)."""
    years = sorted(years)
    if not years:
        return None
    if edition.year in years and edition.year > years[0] and not edition.provisional:
        return edition.year
    complete = [y for y in years if y not in edition.tables.provisional_years]
    return complete[-1] if complete and complete[-1] > years[0] else None


def trend_chart(edition: Edition, trend: pd.DataFrame) -> Chart:
    """The forcibly displaced by group since 2000 (a group with none in any year charted,
    as other people in need before 2018, is not stacked)."""
    trend = trend.loc[:, trend.fillna(0).ne(0).any()]
    first = trend.index.min()
    provisional = [y for y in trend.index if y in edition.tables.provisional_years]
    complete = [y for y in trend.index if y not in provisional]
    stacked = trend.sum(axis=1)
    totals = edition.counted_once(stacked)  # each person once, as the text says
    until = trend_end(edition, trend.index)  # as the text: no mid-year count against 2000
    breaks = _series_breaks(edition, trend)
    complete_years = trend.loc[: max(complete)] if complete else trend
    if until is None:  # no two complete years: the groups, without a trend in the title
        last = int(trend.index.max())
        title = (
            f"The forcibly displaced by group, {first} to {'mid-' * (last in provisional)}{last}"
        )
    else:
        verb, amount = _growth(totals, first, until)
        # where the ends the title names do not compare (the note says why), the count grew
        compared = _series_breaks(edition, complete_years)
        subject = "The count of the forcibly displaced" if compared else "Forced displacement"
        title = f"{subject} {verb}{amount} from {first} to {until}"
        if max(complete) > until:  # the chart goes on: so does its title
            later, more = _growth(totals, first, max(complete))
            # on the same way: "grew 1.7-fold from 2000 to 2016, and 3.3-fold by 2024"
            on = (totals[max(complete)] >= totals[until]) == (totals[until] >= totals[first])
            if later == verb and more and on:
                title += f", and {more.strip()} by {max(complete)}"
            elif later == verb and not more:  # held steady, and still steady
                title += f", and to {max(complete)}"
            else:  # "fell by 3% from 2000 to 2005, then grew 3.3-fold to 2024": from 2005
                later, more = _growth(totals, until, max(complete))
                title += f", then {later}{more} to {max(complete)}"
        if edition.provisional:  # its own year, the chart's last point, is named too
            turned = ", then " in title  # the last clause runs from ``until``
            start = until if turned else first
            steady = _growth(totals, start, max(complete))[0] == "held steady"
            up = None if steady else bool(totals[max(complete)] > totals[start])
            title += _mid_year_end(totals, stacked, max(complete), provisional, turned, up)
    overlap = [y for y in trend.index if edition.overlaps(y)]
    note = " ".join(n for n in (wording.gap_note(trend.index), breaks) if n)
    if overlap:  # the stacked groups count twice the people in two of them
        note += f" From {overlap[0]} the stacked groups count twice the Palestine refugees also "
        note += (
            "displaced inside Gaza."
            if totals.equals(stacked)  # no estimate: the totals are the sums
            else "displaced inside Gaza; the totals named count them once."
        )
    note = note.strip()
    return charts.trend_area(
        trend,
        name="displacement_trend",
        title=title,
        source=f"{edition.unhcr_source}; {idmc_credit(max(provisional, default=None))}; UNRWA",
        highlight_year=edition.year,
        provisional_from=min(provisional) if provisional else None,
        totals=totals,
        note=note,
    )


def _mid_year_end(
    totals: pd.Series,
    stacked: pd.Series,
    complete: int,
    provisional: list[int],
    turned: bool = False,
    up: bool | None = True,
) -> str:
    """How a trend's title ends on a mid-year count after its last complete year: ", then
    fell to about 117.8 million at mid-2025 (provisional)" (the latest point of the chart,
    which a mid-year edition's title ending on 2024 left unsaid); ", and to …" on the
    way the title's last clause went (``up``; None after "held steady"), ", and then fell
    to …" after a ``turned`` title, ", then stood at …" for a count that prints as the year
    end's; empty when there is none."""
    later = [y for y in provisional if y > complete]
    if not later:
        return ""
    last = later[-1]
    now, before = numbers.people(totals[last]), numbers.people(totals[complete])
    rose = totals[last] > totals[complete]
    about = "about " if totals[last] != stacked[last] else ""
    if now == before:
        moved = "then stood at"
    elif up is not None and rose == up:  # "rose by 1% from 2000 to 2009, and to 42.7 million"
        moved = "and to"
    else:
        moved = f"{'and then' if turned else 'then'} {'rose' if rose else 'fell'} to"
    return f", {moved} {about}{now} at mid-{last} (provisional)"


def _series_breaks(edition: Edition, trend: pd.DataFrame) -> str:
    """Where the series the chart stacks change what they count, so that its ends do not
    compare exactly: IDMC's world total until 2008, then the sum of its country estimates;
    other people in need of international protection, counted from 2018."""
    first, last = int(trend.index.min()), int(trend.index.max())
    breaks = []
    by_country = idps_by_country_from(edition.tables, first, last)
    if by_country:
        breaks.append(
            f"IDMC's figure is its world total until {by_country - 1}, the sum of its country "
            f"estimates from {by_country}"
        )
    counted = oip_counted_from(edition.tables, last)
    if counted is not None and counted > first:
        breaks.append(f"other people in need of international protection are counted from "
                      f"{counted}")  # fmt: skip
    return wording.capitalized("; ".join(breaks)) + "." if breaks else ""


def oip_counted_from(tables: Tables, last: int | None = None) -> int | None:
    """The first year (up to ``last``, if given) with other people in need of international
    protection in the data: from the totals of every year, not a trend's (a year may lack a
    total)."""
    oip = tables.totals.set_index("year")["other_in_need"].fillna(0).loc[:last]
    counted = oip.index[oip > 0]
    return int(counted[0]) if len(counted) else None


def _growth(totals: pd.Series, first: int, last: int) -> tuple[str, str]:
    """How the total went, ``first`` to ``last``, as a verb and what follows it: ``("grew",
    " 3.3-fold")``, ``("fell", " by 3%")`` or ``("held steady", "")``."""
    growth = totals.loc[last] / totals.loc[first]
    if growth >= 1.5:
        return "grew", f" {growth:.1f}-fold"
    if numbers.share(abs(growth - 1)) == "0%":
        return "held steady", ""
    return wording.change(growth, 1.0), f" by {numbers.share(abs(growth - 1))}"


def world_migrants(edition: Edition) -> pd.DataFrame:
    """UN DESA's world rows by year (none without a UN DESA workbook)."""
    stock = edition.tables.migrant_stock
    if stock is None:
        columns = ["migrants", "migrant_share", "women_share"]
        return pd.DataFrame(columns=columns, index=pd.Index([], name="year"))
    return stock[stock["kind"] == "world"].set_index("year").sort_index()


def world_figure(edition: Edition, column: str, year: int) -> float | None:
    """UN DESA's world figure ``column`` ("migrants", "women_share") for mid-``year`` in the
    revision in use; None when it gives none for that year."""
    value = world_migrants(edition)[column].get(year)
    return None if value is None or pd.isna(value) else float(value)


def migrants_as_first_published(edition: Edition, cite: bool = True) -> pd.Series | None:
    """The first publication of the migrant stock in use (its year's), when another than
    the revision in use and not a seed's (the issue brief's is given apart); else None."""
    f = edition.figures
    if not f["migrant_stock"]:
        return None
    row = edition.published("migrant_stock", f["migrant_stock_year"], cite=cite)
    this_revision = f"UN DESA International Migrant Stock {f['migrant_stock_revision']}"
    if row is None or row["cited_as"] == this_revision or row["cited_as"].startswith("as "):
        return None
    return row


def migrants_first_published(edition: Edition) -> str:
    """``; 244 million as first published in UN DESA International Migration Report 2015``
    when :func:`migrants_as_first_published` gives another figure; else empty."""
    row = migrants_as_first_published(edition, cite=False)
    if row is None or numbers.migrants(row["value"]) == numbers.migrants(
        edition.figures["migrant_stock"]
    ):
        return ""
    edition.cites(row.to_frame().T)
    return f"; {numbers.migrants(row['value'])} as first published in {plain(row['cited_as'])}"


def migrants_chart(edition: Edition, world: pd.DataFrame) -> Chart:
    """International migrants in the world over UN DESA's years."""
    f = edition.figures
    data = world[["migrants"]].rename(columns={"migrants": "International migrants"})
    stock, year = numbers.migrants(f["migrant_stock"]), f["migrant_stock_year"]
    title = f"{stock} international migrants at mid-{year}"
    first, last = int(world.index.min()), int(world.index.max())
    counts = world["migrants"]
    return charts.line_series(
        data,
        name="migrant_stock",
        title=title,
        source=edition.undesa_source,
        highlight_year=year,
        # in whole millions, as UN DESA and the text write its world count
        alt=f"{title}. Line chart, {first} to {last}: international migrants from "
        f"{numbers.migrants(counts[first])} in {first} to {numbers.migrants(counts[last])} "
        f"in {last}.",
    )


def migrant_shares_chart(edition: Edition, world: pd.DataFrame) -> Chart | None:
    """Migrants' share of the world's population (None when the workbook lacks it)."""
    f = edition.figures
    if world["migrant_share"].isna().all() or f["migrant_share_of_population"] is None:
        return None
    data = world[["migrant_share"]].rename(
        columns={"migrant_share": "Migrants, share of world population"}
    )
    return charts.line_series(
        data,
        name="migrant_shares",
        title=f"International migrants were {numbers.share(f['migrant_share_of_population'], 1)} "
        f"of the "
        f"world's population at mid-{f['migrant_stock_year']}",
        source=edition.undesa_source,
        value_format="share",
        highlight_year=f["migrant_stock_year"],
    )


# --- sources --------------------------------------------------------------------------


#: The tables of other agencies UNHCR's database gives, as the data sources name them.
REPUBLISHED = {
    "unrwa": "UNRWA (Palestine refugees under its mandate)",
    "idmc": "the Internal Displacement Monitoring Centre (IDMC; people internally displaced "
    "by conflict and violence)",
}


#: UN DESA as the project's sources manifest names it.
UNDESA_PUBLISHER = "United Nations, Department of Economic and Social Affairs, Population Division"


def source_list(edition: Edition) -> list[dict]:
    """The data sources: UNHCR's database described by the population file in use (and by
    the other UNHCR tables' release when it differs: a new download beside the project's
    tables), the UN DESA workbook, and the manifest's other entries."""
    from analysis.manifest import PUBLISHED_FIGURES, UNDESA_STOCK, UNHCR_DATABASE

    undesa = edition.tables.meta.get("undesa") or {}
    sources = [  # a UN DESA workbook only when it is the one read
        s
        for s in edition.tables.meta.get("sources", [])
        if not s["file"].startswith("undesa/") or s["file"] == undesa.get("file")
    ]
    meta = edition.tables.meta["unhcr"]
    read = {*meta["files"], *meta.get("tables", {}).values()}  # the files the figures are from
    title = UNHCR_DATABASE["title"]  # an entry of a UNHCR file of no title is of it too
    unhcr = [
        s
        for s in sources
        if s.get("title") == title or (not s.get("title") and s["file"].startswith("unhcr/"))
    ]
    held = [s for s in unhcr if s["file"] in read]
    releases = [s["release"] for s in held if s.get("release")]
    population = edition.unhcr_release
    others = [r for r in dict.fromkeys(releases) if r != population]
    release = population
    if others:
        release = f"population: {population}; other tables: {'; '.join(others)}"
    given = [words for table, words in REPUBLISHED.items() if table in meta.get("tables", {})]
    contents = f"including the figures of {listing(given, escape=False)}" if given else ""
    sources = [
        {**UNHCR_DATABASE, "file": meta["files"][0], "release": release, "contents": contents}
    ] + [s for s in sources if s not in unhcr]
    if not any(s["file"].startswith("published_figures") for s in sources):
        sources.append(PUBLISHED_FIGURES)  # the project's table, when the folder has none
    if undesa and not any(s["file"] == undesa["file"] for s in sources):
        rev = undesa["revision"]
        sources.append(
            {
                "file": undesa["file"],
                "publisher": UNDESA_PUBLISHER,
                "title": undesa.get("title") or f"International Migrant Stock {rev}",
                "release": f"{rev} revision (POP/DB/MIG/Stock/Rev.{rev})",
                **UNDESA_STOCK,
            }
        )
    return sources


# --- framing ----------------------------------------------------------------------------


def key_findings(items: list[str]) -> None:
    """Display the key findings box; items are Markdown using only ``**bold**`` and values
    escaped with ``wording.plain``."""
    from IPython.display import HTML, display

    def to_html(item: str) -> str:
        text = re.sub(r"\\(.)", r"\1", item)  # plain()'s Markdown escapes; HTML is escaped
        return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)

    check_loaded()  # as md and show: not one year's findings under another's parameters
    bullets = "".join(f"<li>{to_html(one_full_stop(item))}</li>" for item in items)
    display(HTML(f'<div class="key-findings"><h2>Key findings</h2><ul>{bullets}</ul></div>'))


#: The first year whose Global Trends gives the share hosted in low- and middle-income
#: countries, not in developing ones (its report on 2021: 83%; on 2020: "developing
#: countries hosted 86 per cent").
INCOME_GROUPS_FROM = 2021


def by_income_groups(edition: Edition) -> str:
    """The sentence beside the share in developing regions, " UNHCR's Global Trends counts
    low- and middle-income countries instead (since its report on 2021).", where a report of
    :data:`INCOME_GROUPS_FROM` or later is at hand; else empty (a release of 2019: its
    reports counted developing countries too)."""
    published = edition.tables.published
    trends = published["cited_as"].fillna("").str.startswith("UNHCR Global Trends")
    if not (published.loc[trends, "year"] >= INCOME_GROUPS_FROM).any():
        return ""
    return (
        " UNHCR's Global Trends counts low- and middle-income countries instead (since its "
        f"report on {INCOME_GROUPS_FROM})."
    )


def ranked_with_oip(counted: pd.DataFrame) -> str:
    """Who ranks countries on refugees and other people in need together, as the data at
    hand show: "UNHCR's Global Trends ranks countries ... (since its report on 2019)", else,
    for a release of before that report (``counted``: the published counts of OIP, first
    first, none), this briefing's own rule, with no word of Global Trends: its "now" was
    false then. Either leads into ", but ..." (the latter: other people in need)."""
    if counted.empty:
        return (
            "This briefing ranks countries on refugees together with other people in need of "
            "international protection where the data count them"
        )
    return (
        "UNHCR's Global Trends ranks countries on refugees together with other people in "
        f"need of international protection (since its report on {counted.iloc[0]['year']})"
    )


def counted_since(edition: Edition, year: int | None = None) -> str:
    """``, without the 2.6 million other people in need of international protection counted
    since`` when the report first publishing the forcibly displaced total of ``year``
    (default: the edition's) did not count a group the current data do (Global Trends 2018,
    before Venezuelans displaced abroad joined the total); else empty."""
    year = edition.year if year is None else year
    f = _figures_of(edition, year)
    row = edition.published("forcibly_displaced", year, cite=False)
    if row is None or f.get("forcibly_displaced") is None:
        return ""
    gap, part = _total_gap(edition, row, edition.counted_twice(year, cite=False), year)
    if gap != "uncounted" or not part:
        return ""
    revised = revised_besides(f, row["value"], part)  # told in full beside the published figures
    return f", without the {numbers.people(f[part])} {PART_NAMES[part]} counted since" + (
        ", and before other revisions" if revised else ""
    )


def _figures_of(edition: Edition, year: int) -> dict:
    """The edition's figures, or another year's totals (:func:`~analysis.figures.totals_of`)."""
    return edition.figures if year == edition.year else totals_of(edition.tables, year)


def _total_gap(
    edition: Edition, row: pd.Series, twice: DoubleCount | None, year: int | None = None
) -> tuple:
    """:func:`~analysis.reconciliation.total_gap` of the total of ``year`` (default: the
    edition's) and the published ``row``, read from the parts of that row's own report."""
    year = edition.year if year is None else year
    figures, people = _figures_of(edition, year), twice and twice.people
    return total_gap(edition.tables.published, figures, year, row["value"], people, row["title"])


def why_no_total(tables: Tables, year: int) -> str:
    """Why the forcibly displaced total of ``year`` cannot be computed: a part left out as
    of another date than the population file, or missing."""
    if tables.left_out("unrwa", year) or tables.left_out("idmc", year):
        return "a part of it is left out, given at another date than the population figures"
    return "a part of it is missing from the data in use"


def years_without_total(tables: Tables) -> list[int]:
    """The year-end counts of the population file whose forcibly displaced total cannot be
    computed (a part missing or left out), in order."""
    totals = tables.totals
    rows = totals[
        totals["forcibly_displaced"].isna() & ~totals["year"].isin(tables.provisional_years)
    ]
    return sorted(int(y) for y in rows["year"])


def displaced_beside_published(edition: Edition) -> str:
    """The published forcibly displaced total beside the current one, and why they differ.

    The reason is read from the published parts: when they add up to the current total,
    the difference lies in UNHCR's headline aggregate (from 2023, counting once the
    Palestine refugees also displaced inside Gaza); otherwise the part revised most is
    named with its published and current values.
    """
    f, row = edition.figures, edition.published("forcibly_displaced")
    current, twice = f.get("forcibly_displaced"), edition.counted_twice()
    if row is None or current is None:
        return ""
    published, now = numbers.people(row["value"]), numbers.people(current)
    if published == now:
        return f"UNHCR published the same figure, {published}{cite(row)}."
    parts = published_parts(edition.tables.published, edition.year, row["title"])
    gap, part = _total_gap(edition, row, twice)
    if gap in COUNTED_ONCE:
        return _counted_once_beside_published(edition, row, parts, part)
    # the total as the key findings give it: each person once, where an estimate says whom
    # the sum counts twice (the sum of the parts is compared with the report's parts below)
    total = f"about {numbers.people(edition.displaced)}" if twice else now
    text = (
        f"UNHCR first published {published} forcibly displaced{cite(row)}; the current data "
        f"give {total}."
    )
    if gap == "uncounted":
        revised = revised_besides(f, row["value"], part)
        return (
            f"{text} The parts published in the same report add up to its total; the current "
            f"data add {PART_NAMES[part]} ({numbers.people(f[part])}), a group that report "
            "did not count" + (f", and revisions since have {revised}." if revised else ".")
        )
    if gap == "unknown":
        return text  # a part the report did not give, and a total it does not explain
    added = numbers.people(sum(parts.values()))
    if gap == "headline":  # the parts' sum is the current one's within their rounding
        below = sum(parts.values()) - row["value"]
        gaza = (
            ": it counts once the Palestine refugees also displaced inside Gaza, whom the sum "
            "of the parts counts twice"
            + (
                f" (this briefing's estimate of them: {numbers.people(twice.people)})"
                if twice
                else ""
            )
            if below > 0 and edition.overlaps()
            else ""
        )
        rounding = f" within rounding ({now})" if added != now else ""
        return (
            f"{text} The parts published in the same report add up to {added}, as the current "
            f"data do{rounding}: the difference lies in UNHCR's headline, "
            f"{numbers.people(abs(below))} {'below' if below > 0 else 'above'} the sum of "
            f"those parts{gaza}."
        )
    headline = (
        f" The parts published in the same report add up to {added}, not {published}."
        if gap == "both"
        else ""
    )
    return f"{text}{headline} {'They' if headline else 'The parts'} {_revised(f, parts, part)}"


def _revised(f: dict, parts: dict, part: str) -> str:
    return (
        f"have been revised since, above all {PART_NAMES[part]} "
        f"({numbers.people(parts[part])} as published, {numbers.people(f.get(part) or 0)} now)."
    )


def _counted_once_beside_published(
    edition: Edition, row: pd.Series, parts: dict, revised: str | None
) -> str:
    """The published total beside the current one when both count once the Palestine
    refugees displaced inside Gaza; the part revised most, when the parts were revised."""
    published, once = numbers.people(row["value"]), numbers.people(edition.displaced)
    headline = (
        "UNHCR's headline, like the total above, counts once the Palestine refugees also "
        "displaced inside Gaza."
    )
    if once == published:
        return f"UNHCR published the same figure, {published}{cite(row)}. {headline}"
    text = (
        f"UNHCR first published {published} forcibly displaced{cite(row)}; the current data "
        f"give about {once}. The parts published in the same report add up to "
        f"{numbers.people(sum(parts.values()))}"
    )
    if revised is None:  # the same parts: the totals differ in whom they count twice
        theirs = numbers.people(sum(parts.values()) - row["value"])
        ours = numbers.people(edition.counted_twice(cite=False).people)
        if theirs == ours:  # as rounded: the rest is in the rounding of the published parts
            return (
                f"{text}, as the current data do, and both count about {ours} people in two "
                "groups: the rest lies in the rounding of the published figures."
            )
        return (
            f"{text}, as the current data do. The difference lies in the people counted in two "
            f"groups, whom the totals count once: UNHCR's headline takes {theirs} of them off "
            f"the sum, this briefing's estimate about {ours}."
        )
    return f"{text}: {headline} Those parts {_revised(edition.figures, parts, revised)}"


#: Percentage points apart, rounded, from which the published change over the year is
#: given beside the current one (2019: 8% on the current data, 12% as first published;
#: 2024: 6% and 5%).
CHANGE_APART = 1


def published_trend(edition: Edition) -> str:
    """A sentence when the published record's change over the year differs in direction,
    or by :data:`CHANGE_APART` points or more: the change between two reports' headlines,
    not one a report states (Global Trends 2024 gave its rise against a revised 2023)."""
    now, before = (
        edition.published("forcibly_displaced", cite=False),
        edition.published("forcibly_displaced", edition.year - 1, cite=False),
    )
    totals = edition.tables.totals.set_index("year")["forcibly_displaced"]
    if now is None or before is None or edition.year - 1 not in totals.index:
        return ""
    current = totals[edition.year] / totals[edition.year - 1] - 1
    published = now["value"] / before["value"] - 1
    if (current > 0) == (published > 0):
        if abs(round(published * 100) - round(current * 100)) < CHANGE_APART:
            return ""
        edition.cites(pd.DataFrame([before, now]))
        return (
            f" UNHCR's headlines as first published {_rose_or_fell(published)}, from "
            f"{numbers.people(before['value'])} in "
            f"{edition.year - 1}{cite(before)} to {numbers.people(now['value'])}{cite(now)}"
            f"{_first_counted(edition, before['value'], now['value'])}. Each report sets its "
            "year against a revised figure for the year before, so the change it states may "
            "differ."
        )
    published_up = published > 0
    edition.cites(pd.DataFrame([before, now]))  # the sentence gives both reports' figures
    verb = "rose" if published_up else "fell"
    record = (
        " to a record"
        if published_up
        and now["value"]
        >= edition.tables.published.query("figure == 'forcibly_displaced'")["value"].max()
        else ""
    )
    return (
        f" The published record told a different story: UNHCR's headlines as first published "
        f"{verb}{record}, from "
        f"{numbers.people(before['value'])} in {edition.year - 1}{cite(before)} to "
        f"{numbers.people(now['value'])}{cite(now)}; the revised series no longer shows it."
    )


#: The names UNHCR's reports gave the group added to the headline from Global Trends 2019.
NEWLY_COUNTED = ("venezuelans_displaced_abroad", "other_in_need")
#: The first year whose Global Trends counted that group in its headline.
HEADLINE_FROM = 2019


def _first_counted(edition: Edition, before: float, now: float) -> str:
    """``, the first to count the 3.6 million Venezuelans displaced abroad; without them they
    rose 7%`` (the headlines) when the edition's report counts in its headline a group the
    report of the year before did not, though that report published its parts (Global
    Trends 2019 and 2018); else empty."""
    year = edition.year
    if year != HEADLINE_FROM:  # not the group's first year in a headline
        return ""
    added = next(
        (row for f in NEWLY_COUNTED if (row := edition.published(f, cite=False)) is not None),
        None,
    )
    earlier_parts = edition.published("refugees_unhcr", year - 1, cite=False) is not None
    if added is None or not earlier_parts:
        return ""
    if any(edition.published(f, year - 1, cite=False) is not None for f in NEWLY_COUNTED):
        return ""
    change = (now - added["value"]) / before - 1
    return (
        f", the first to count in its headline the {numbers.people(added['value'])} "
        f"{plain(added['label'])}; without them they {_rose_or_fell(change)}"
    )


def _rose_or_fell(change: float) -> str:
    """ "rose 2%", "fell 3%", or "rose by less than 1%" for a change that rounds to 0% (it
    read "UNHCR's headline rose 0%")."""
    verb, shown = ("rose" if change > 0 else "fell"), numbers.share(abs(change))
    return f"{verb} by less than 1%" if shown == "0%" else f"{verb} {shown}"


def regions_driven(
    hosts: pd.DataFrame, regions: Iterable[str]
) -> dict[str, tuple[list[str], float]]:
    """Which of ``regions`` owe most of their total to one or two countries: region → (the
    countries' names, their share of it), when the largest host holds more than half the
    region's total or, failing that, the two largest more than two thirds. ``hosts``: one
    row per country, with ``unhcr_region``, ``name`` and ``people``."""
    out = {}
    for region in regions:
        rows = hosts[hosts["unhcr_region"] == region].sort_values(
            ["people", "name"], ascending=[False, True], kind="mergesort"
        )
        total = rows["people"].sum()
        if not total:
            continue
        most = _mostly(rows.set_index("name")["people"] / total)
        if not most.empty:
            out[region] = (list(most.index), float(most.sum()))
    return out


def _mostly(parts: pd.Series) -> pd.Series:
    """The one or two largest of ``parts`` (shares of a whole, largest first) that make most
    of it: the first, over half; failing that, the first two, over two thirds; else none."""
    if parts.iloc[0] > 0.5:
        return parts.head(1)
    return parts.head(2) if len(parts) > 1 and parts.head(2).sum() > 2 / 3 else parts.head(0)


#: What a chart's note says of a step the data show: they cannot tell its cause.
MOVED_OR_COUNTED = (
    "The data do not say how much of such a change was people on the move and how much a "
    "revised count."
)
#: At most this many steps are noted under the chart of the largest origins, the largest.
NOTED_STEPS = 2


def origin_steps_note(edition: Edition, origins: Iterable[str]) -> str:
    """A note for the chart of the largest origins: each one whose count made a step in one
    year (:func:`country.largest_step`) where one host counted more than half of the
    change, so the panel's jump is not read as the whole world's: "Afghanistan: 2.7 million
    in 2021, 5.7 million in 2022, 2.6 million of the rise counted in the Islamic Republic of
    Iran."; and its change into the edition's year, when as large as a brief tells
    (:func:`_origin_steps`: Iraq's fall of 2012, most of it in Jordan's count). The
    :data:`NOTED_STEPS` largest, the edition's year's first, then that the data do not say
    whether a step was people leaving or a revised count (the Afghans of 2022 were largely a
    new count of those already in Iran); empty when none."""
    tables = edition.tables
    names = tables.names
    steps = []
    for iso3 in origins:
        series = country.by_year(tables.by_origin, iso3, edition.year)
        for year, before, now in _origin_steps(series, edition.year, tables.provisional_years):
            host = _where_it_changed(tables, iso3, year, now - before)
            if host:
                said = (
                    f"{numbers.people(before)} in {year - 1}, {numbers.people(now)} in {year}, "
                    f"{numbers.people(host[1])} of the {'rise' if now > before else 'fall'} "
                    f"counted in {wording.the(host[0])}"
                )
                steps.append(((year == edition.year, host[1]), iso3, year, said))
    if not steps:
        return ""
    noted = sorted(steps, reverse=True)[:NOTED_STEPS]  # the edition's year's first
    told = [  # an origin once, its steps in time order ("Iraq: … 2006 …; … 2012 …")
        f"{wording.capitalized(wording.the(names.get(iso3, iso3)))}: "
        + "; ".join(said for _, code, _, said in sorted(noted, key=lambda s: s[2]) if code == iso3)
        + "."
        for iso3 in dict.fromkeys(code for _, code, _, _ in noted)
    ]
    return " ".join(told) + f" {MOVED_OR_COUNTED}"


def _origin_steps(
    series: pd.DataFrame, year: int, provisional: Collection[int]
) -> list[tuple[int, float, float]]:
    """The changes :func:`origin_steps_note` may note, as (year, before, then): the series'
    largest step (:func:`country.largest_step`), and the change into the edition's ``year``
    when :func:`country.latest_change` would tell it (Iraq's 1.4 million of 2011 and 746,200
    of 2012, as Jordan counted 387,000 fewer: a fall of 48%, no halving)."""
    steps = [country.largest_step(series, provisional)]
    if country.latest_change(series, year, provisional):
        values = series["in_need"]
        steps.append((year, float(values[year - 1]), float(values[year])))
    return list(dict.fromkeys(step for step in steps if step))


def _where_it_changed(tables: Tables, iso3: str, year: int, change: float) -> tuple | None:
    """The host (name, change) that made more than half of the ``change`` in refugees and
    OIP from ``iso3`` from the year before to ``year``; else None."""
    if tables.by_origin_and_asylum is None or not change:
        return None
    moved = country.partner_change(tables, iso3, "destinations", year) * (1 if change > 0 else -1)
    if moved.empty or moved.max() <= abs(change) / 2:
        return None
    host = moved.idxmax()
    return tables.names.get(host, host), float(moved.max())


def regions_by_origin(edition: Edition, regions: Iterable[str]) -> dict[str, list]:
    """Which of ``regions`` hold people mostly from one or two countries of origin, as
    :func:`regions_driven` asks of hosts: region → [(origin's name, its share of the
    region's refugees and OIP), ...], when one holds more than half (the Americas, 2024:
    Venezuela) or, failing that, the two largest more than two thirds (Europe, 2022:
    Ukraine, 45%, and the Syrian Arab Republic, 37%). Counted over country hosts, as the
    regions' shares; an origin that is no country (UNHCR's "Unknown") is never named."""
    tables = edition.tables
    pairs = tables.by_origin_and_asylum
    if pairs is None or pairs.empty:
        return {}
    countries = tables.countries.set_index("iso3")
    rows = pairs[pairs["year"] == edition.year]
    rows = rows.assign(
        people=in_need_of_protection(rows),
        region=rows["asylum_iso3"].map(countries["unhcr_region"]),
        host=rows["asylum_iso3"].map(countries["is_country"]).fillna(False).astype(bool),
    )
    rows = rows[rows["host"]]
    out = {}
    for region in regions:
        by_origin = rows[rows["region"] == region].groupby("origin_iso3")["people"].sum()
        if not by_origin.sum():
            continue
        parts = (by_origin / by_origin.sum()).sort_values(ascending=False, kind="mergesort")
        most = _mostly(parts)
        if not most.empty and all(countries["is_country"].get(o, False) for o in most.index):
            out[region] = [(countries.at[o, "name"], float(part)) for o, part in most.items()]
    return out


def across_m49(
    hosts: pd.DataFrame, regions: Iterable[str], countries: pd.DataFrame, told: Iterable[str] = ()
) -> str:
    """A sentence on the hosts that UNHCR's regions and the M49 grouping place apart, so that
    a region's share and the developing regions' share read together: a country holding at
    least a fifth of one of ``regions``' total whose M49 grouping (developed or developing)
    is not that of most of the region's countries (Türkiye: UNHCR's Europe, M49's Asia).
    ``hosts``: one row per country, with ``iso3``, ``name``, ``unhcr_region``,
    ``developed_region`` and ``people``; ``countries``: the country table; ``told``: the
    names whose share of their region the text has given already (not given again)."""
    told = set(told)
    places = countries.set_index("iso3")["m49_region"]
    members = countries[countries["is_country"].astype(bool)]
    apart: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (where, grouping): names
    for region in regions:
        rows = hosts[hosts["unhcr_region"] == region]
        total = rows["people"].sum()
        if not total:
            continue
        in_region = members.loc[members["unhcr_region"] == region, "developed_region"]
        mostly_developed = in_region.mean() > 0.5
        for row in rows[rows["people"] >= total / 5].itertuples():  # Türkiye: 24.9% in 2023
            if bool(row.developed_region) == mostly_developed:
                continue
            place = str(places.get(row.iso3, ""))
            where = f"in {plain(place)}, " if place and place.lower() not in region.lower() else ""
            grouping = "developed" if row.developed_region else "developing"
            part = (
                f"{numbers.share(row.people / total)} of the total for {plain(wording.the(region))}"
            )
            given = "" if row.name in told else part
            apart.setdefault((where, grouping), []).append((plain(wording.the(row.name)), given))
    sentences = []
    for (where, grouping), names in apart.items():  # one sentence for those placed alike
        if len(names) == 1:
            who = names[0][0] + (f", {names[0][1]}," if names[0][1] else "")
        else:  # "Canada (12% of the total for the Americas), the United States ... and ..."
            who = listing([n + (f" ({part})" if part else "") for n, part in names], escape=False)
        verb = "is" if len(names) == 1 else "are"
        sentences.append(f"Under M49, {who} {verb} {where}among the {grouping} regions.")
    return " ".join(sentences)


def remittance_destinations(year: int) -> str:
    """Where remittances go, in the words of the World Bank's brief on ``year``: "developing
    countries" up to 2016, "low- and middle-income countries" from 2017."""
    if year <= 2016:
        return "developing (low- and middle-income) countries"
    return "low- and middle-income countries"


def origins_lead(edition: Edition, count: int) -> str:
    """Who the ``count`` largest origins' share is of: "just three countries", or without
    "just" where many have no known origin, the share being of all (1960: nine in ten; "one
    country", Angola, the only one known)."""
    lead = f"{wording.number_word(count)} {'country' if count == 1 else 'countries'}"
    return lead if edition.unknown_origins else f"just {lead}"


def longest_among_largest(edition: Edition, years: int = 5) -> str:
    """A sentence on the origin among this year's three largest that has been among them
    longest without a break (at least ``years`` years), else empty."""
    rows = edition.tables.by_origin.query("is_country and year <= @edition.year")
    if rows.empty:
        return ""
    people = in_need_of_protection(rows)
    ranked = rows.assign(people=people).sort_values(["year", "people"], ascending=[True, False])
    largest = ranked.groupby("year").head(3).groupby("year")["iso3"].apply(set)
    since = {
        iso3: _held_since(largest, iso3, edition.year) for iso3 in largest.get(edition.year, set())
    }
    if not since or edition.year - min(since.values()) + 1 < years:
        return ""
    iso3 = min(since, key=lambda code: (since[code], code))
    name = plain(wording.capitalized(wording.the(rows.loc[rows["iso3"] == iso3, "name"].iloc[-1])))
    first_place = ranked.groupby("year").head(1).groupby("year")["iso3"].apply(set)
    start = _held_since(first_place, iso3, edition.year)  # the largest, all along? (Afghans)
    # "from ... to" the edition's year: a later year may be read from the same data (2012:
    # not still the largest in 2024); from the first year of the data in use, said so (UNHCR's
    # database goes further back than an extract or a download may: origins from 1960)
    begin = (  # an editor: "every year of the data in use" read as the project's jargon
        f" (the data in use begin in {since[iso3]})" if since[iso3] == largest.index.min() else ""
    )
    until = f"to {'mid-' if edition.provisional else ''}{edition.year}"  # past: "was", dated
    if start == since[iso3]:  # the largest all along (Afghanistan, 2000-2013)
        return f"{name} was the largest country of origin every year from {start} {until}{begin}."
    also = f", and the largest from {start}" if edition.year - start + 1 >= years else ""
    return (
        f"{name} was among the three largest countries of origin every year from "
        f"{since[iso3]} {until}{begin}{also}."
    )


def _held_since(held: pd.Series, iso3: str, year: int) -> int:
    """The first year of the run of years to ``year`` whose set in ``held`` (by year) holds
    ``iso3``; ``year + 1`` when ``year``'s does not."""
    start = year + 1
    while start - 1 in held.index and iso3 in held[start - 1]:
        start -= 1
    return start


def _largest_move(shares: pd.Series, points: float, sign: int) -> tuple[int, pd.Series] | None:
    """The year of the largest one-year rise (``sign`` 1) or fall (-1) of ``shares`` by
    ``points`` or more, and the shares over every year between their first and last (a
    download may skip years: only a year and the one before it are compared); None when no
    year moved so far."""
    if shares.empty:
        return None
    every = shares.reindex(range(int(shares.index.min()), int(shares.index.max()) + 1))
    moves = sign * every.diff()
    if not moves.max() >= points:
        return None
    return int(moves.idxmax()), every


def largest_fall(edition: Edition, shares: pd.Series, points: float = 0.05) -> str:
    """A sentence on the largest one-year fall of the share hosted in developing regions
    (when at least ``points``), with the origin that most raised the number hosted in
    developed regions that year, else how the count on each side moved (1992 stood
    unexplained); empty when no year fell that far. Only a year and the one before it are
    compared: a download may skip years."""
    found = _largest_move(shares, points, -1)
    if found is None:
        return ""
    year, shares = found
    text = (
        f"The share fell most in {year}, from {numbers.share(shares[year - 1])} to "
        f"{numbers.share(shares[year])}"
    )
    pairs, explained = edition.tables.by_origin_and_asylum, False
    if pairs is not None and not pairs.empty:
        developed = edition.tables.countries.query("developed_region")["iso3"]
        rows = pairs[pairs["asylum_iso3"].isin(developed) & pairs["year"].isin([year - 1, year])]
        counts = in_need_of_protection(rows)
        by_origin = counts.groupby([rows["origin_iso3"], rows["year"]]).sum().unstack(fill_value=0)
        growth = by_origin.get(year, 0) - by_origin.get(year - 1, 0)
        countries = edition.tables.countries.query("is_country").set_index("iso3")["name"]
        named = growth[growth.index.isin(countries.index)]  # not "people from Unknown" (1995)
        if growth.sum() > 0 and len(named) and named.max() >= growth.sum() / 2:  # one drove it
            explained = True
            origin = plain(wording.the(countries[named.idxmax()]))
            text += (
                f", when the number hosted in developed regions rose by "
                f"{numbers.people(growth.sum())}"
            )
            if named.max() > 1.05 * growth.sum():  # the others fell
                text += f": {numbers.people(named.max())} more people from {origin}, fewer others"
            elif named.max() >= 0.95 * growth.sum():
                text += f", almost all of them people from {origin}"
            else:
                text += (
                    f", a rise driven by people from {origin} ({numbers.people(named.max())} more)"
                )
    sides = "" if explained else _counts_by_side(edition, year)  # no one origin: the hosts
    return f"{text}{sides}. {MOVED_OR_COUNTED}" if sides else f"{text}."


def _idp_years_by_country(tables: Tables) -> set[int]:
    """The years IDMC's table gives figures by country (not one world total alone)."""
    idps = tables.idps_conflict
    countries = tables.countries.query("is_country")["iso3"]
    return set(idps.loc[idps["iso3"].isin(countries), "year"].astype(int))


def idps_global_only(tables: Tables, year: int) -> bool:
    """Whether the internally displaced of ``year`` are one global estimate, with no figure
    by country (IDMC's table before 2009 in UNHCR's December 2025 release)."""
    held = (tables.idps_conflict["year"] == year).any()
    return bool(held) and year not in _idp_years_by_country(tables)


def peak_between(totals: pd.Series, start: int, end: int) -> tuple[int, float] | None:
    """The highest total between a trend's ends, as (year, total), when it stands
    :data:`PEAK_ABOVE_ENDS` above both (2011: 42.7 million in 2007 beside 38.1 and 38.5
    million), as a brief's trend names one; else None."""
    between = totals[(totals.index > start) & (totals.index < end)]
    if between.empty or between.max() <= PEAK_ABOVE_ENDS * max(totals[start], totals[end]):
        return None
    return int(between.idxmax()), float(between.max())


def idps_first_by_country(tables: Tables) -> int | None:
    """The first year IDMC's table gives figures by country (2009 in UNHCR's December 2025
    release, one world total a year before), or None when it gives none."""
    return min(_idp_years_by_country(tables), default=None)


#: A year's change of the total is credited to one country's count only when it moves the
#: total by this share or more ("2010 counted about as many as 2009" named Uganda's fall).
CHANGE_MADE_BY_AT_LEAST = 0.01
#: ... and only when its group (the internally displaced, or the refugees hosted) moved the
#: same way by at least its move over this (Sudan's fall of 2.6 million in 2011, when all
#: internally displaced fell by 2.5 million, is named).
OFFSET_AT_MOST = 1.5
#: The internally displaced as one world estimate (IDMC's, before 2009), in place of a code.
WORLD = "world"


def change_made_by(edition: Edition, change: float) -> str:
    """`` Sudan's internally displaced alone fell by 2.6 million (IDMC), against a fall of
    2.5 million in all.``: the one country whose count of one group (IDMC's internally
    displaced, or the refugees and OIP it hosts) moved by more than the forcibly displaced
    total's ``change`` from the year before, in the same direction (2011); or by more than
    half of it: `` The Syrian Arab Republic's internally displaced rose by 2.4 million
    (IDMC), 57% of the rise of 4.2 million in all.`` (2012). Before IDMC's figures by
    country, its world estimate stands for them: `` IDMC's world estimate of the internally
    displaced rose by 3.8 million, 97% of the rise of 3.9 million in all.`` (2001). Empty when
    none did, or when the total moved by less than :data:`CHANGE_MADE_BY_AT_LEAST`."""
    tables, year = edition.tables, edition.year
    countries = tables.countries.set_index("iso3")
    total = tables.totals.set_index("year")["forcibly_displaced"].get(year - 1)
    if not change or not total or abs(change) < CHANGE_MADE_BY_AT_LEAST * total:
        return ""
    moves = []  # (change, iso3, the sentence's subject, source, the group's change)
    idps = tables.idps_conflict
    if idps is not None and not idps_global_only(tables, year - 1):
        by = idps[idps["year"].isin([year - 1, year])].pivot_table(
            index="iso3", columns="year", values="idps_conflict", aggfunc="sum"
        )
        if {year - 1, year} <= set(by.columns):
            moved = by[year].fillna(0) - by[year - 1].fillna(0)
            subject, group = "{}'s internally displaced", float(moved.sum())
            moves += [(m, code, subject, "IDMC", group) for code, m in moved.items()]
    elif idps is not None and idps_global_only(tables, year):  # one world estimate (2001)
        idmc = tables.totals.set_index("year")["idps_conflict"]
        moved = idmc.get(year, pd.NA) - idmc.get(year - 1, pd.NA)
        if pd.notna(moved):  # (a year without IDMC's figure: no move to name)
            moved = float(moved)
            subject = "IDMC's world estimate of the internally displaced"
            moves.append((moved, WORLD, subject, "", moved))
    if not tables.by_asylum.empty:  # the refugees and OIP each country hosted
        now, before = (country.key_figures(tables, y)["hosted"] for y in (year, year - 1))
        moved = now.sub(before, fill_value=0)
        subject, group = f"The {edition.basis()} hosted in {{}}", float(moved.sum())
        moves += [(float(m), code, subject, "UNHCR", group) for code, m in moved.items()]
    known = {*countries.index[countries["is_country"].astype(bool)], WORLD}
    same_way = [m for m in moves if m[1] in known and _made(m[0], m[4], change)]
    if not same_way:
        return ""
    moved, code, subject, source, _ = max(same_way, key=lambda m: abs(m[0]))
    name = "" if code == WORLD else wording.the(countries.at[code, "name"])
    owner = wording.capitalized(subject.format(name))
    way, word = ("rose", "rise") if moved > 0 else ("fell", "fall")
    by = f"by {numbers.people(abs(moved))}" + (f" ({source})" if source else "")
    if abs(moved) < abs(change):  # more than half of it ("nearly all", not "100%", at 99.7%)
        part = numbers.share(moved / change)
        return (
            f" {owner} {way} {by}, {'nearly all' if part == '100%' else part} of the {word} of "
            f"{numbers.people(abs(change))} in all."
        )
    return f" {owner} alone {way} {by}, against a {word} of {numbers.people(abs(change))} in all."


def _made(moved: float, group: float, change: float) -> bool:
    """Whether a country's move made the total's ``change``: the same way, by more than
    half of it, and not offset elsewhere in its ``group`` (the Democratic Republic of the
    Congo's 2.3 million more internally displaced in 2017, when all rose by 0.5 million)."""
    return (
        moved * change > 0
        and abs(moved) > abs(change) / 2
        and moved * group > 0
        and abs(moved) <= OFFSET_AT_MOST * abs(group)
    )


def idps_by_country_from(tables: Tables, start: int, end: int) -> int | None:
    """The first year IDMC's figures are given by country, when a trend from ``start`` to
    ``end`` runs from one global estimate to the sum of country estimates (2000 to 2011:
    IDMC's world total to 2008, a sum of 49 countries in 2011); else None."""
    if not idps_global_only(tables, start) or idps_global_only(tables, end):
        return None
    return min((y for y in _idp_years_by_country(tables) if start < y <= end), default=None)


def without_rate(edition: Edition) -> list[tuple[str, str]]:
    """The hosts of the edition's year left out of the rates per 1,000 because UN DESA's
    population covers less than UNHCR's figures there: each host's name, and the place UN
    DESA's population is of (``("Serbia and Kosovo: S/RES/1244 (1999)", "Serbia without
    Kosovo")`` from the 2024 revision)."""
    from analysis.countries import narrower_in_undesa

    hosts, revision = edition.tables.by_asylum, edition.tables.undesa_revision
    narrower = narrower_in_undesa(revision, edition.year)
    rows = hosts[(hosts["year"] == edition.year) & hosts["iso3"].isin(narrower)]
    rows = rows[rows[["refugees", "oip"]].fillna(0).sum(axis=1) > 0].drop_duplicates("iso3")
    year = edition.year
    return [
        (r.name, country.undesa_place(r.iso3, r.name, revision, year)) for r in rows.itertuples()
    ]


def without_population(edition: Edition) -> list[str]:
    """The names of the edition's hosts left out of the rates per 1,000 because UN DESA's
    table gives no population for them (``..``) in the year the rates divide by."""
    nearest = edition.figures.get("per_1000_population_year")
    if nearest is None:
        return []
    return [name for _, name in hosts_without_population(edition.tables, edition.year, nearest)]


def part_of_change(change: dict) -> str:
    """How much of a :func:`one_country_change` one country made: ``"all"`` when its own
    change is as large as the whole (the others together moved the other way), else the
    number (``"800,000"``)."""
    if change["other_change"] >= abs(change["now"] - change["before"]):
        return "all"
    return numbers.people(change["other_change"])


def one_country_change(edition: Edition, iso3: str, side: str) -> dict | None:
    """How the refugees and OIP from (``side="origin"``) or in (``"asylum"``) ``iso3`` changed
    from the year before, when the number rose by half or fell by a third, by 500,000 people
    or more, and one country on the other side holds two thirds of that change: ``before``,
    ``now``, ``other`` (its name), ``other_iso3``, ``other_before``, ``other_now``,
    ``other_change`` (how many more or fewer there), ``word`` ("rise" or "fall") and
    ``may_be_new_count``: a rise one host made most of (Afghans in Iran, 2022), which may
    be its new count of people already there, as :func:`analysis.country.rise_made_by`
    judges; else None. A mid-year count is not attributed so (:func:`mid_year_against`
    sets it against the year-end total, with a caveat)."""
    pairs, year = edition.tables.by_origin_and_asylum, edition.year
    if pairs is None or pairs.empty or edition.provisional:
        return None
    own, other = (
        ("origin_iso3", "asylum_iso3") if side == "origin" else ("asylum_iso3", "origin_iso3")
    )
    rows = pairs[(pairs[own] == iso3) & pairs["year"].isin([year - 1, year])]
    counts = in_need_of_protection(rows)
    table = counts.groupby([rows[other], rows["year"]]).sum().unstack(fill_value=0)
    if year - 1 not in table or year not in table:  # a download may skip years
        return None
    before, now = float(table[year - 1].sum()), float(table[year].sum())
    change = now - before
    if abs(change) < 500_000 or 2 / 3 * before < now < 1.5 * before:
        return None
    changes = table[year] - table[year - 1]
    key = changes.idxmax() if change > 0 else changes.idxmin()
    if abs(changes[key]) < 2 / 3 * abs(change):
        return None
    origin = iso3 if side == "origin" else key
    mine = pairs[(pairs["origin_iso3"] == origin) & pairs["year"].isin([year - 1, year])]
    mine = in_need_of_protection(mine).groupby(mine["year"]).sum()
    abroad = float(mine.get(year, 0) - mine.get(year - 1, 0))  # the origin's, everywhere
    names = edition.tables.names
    return {
        "may_be_new_count": bool(change > 0 and not country.shows_arrivals(abroad, changes[key])),
        "before": before,
        "now": now,
        "other": names.get(key, key),
        "other_iso3": key,
        "other_before": float(table.at[key, year - 1]),
        "other_now": float(table.at[key, year]),
        "other_change": abs(float(changes[key])),
        "word": "rise" if change > 0 else "fall",
    }


def developing_chart(edition: Edition, shares: pd.Series) -> Chart:
    """The share of refugees and OIP hosted in developing regions (UN M49), by year."""
    data = shares.rename("Hosted in developing regions").to_frame()
    now = numbers.share(shares.loc[edition.year]) if edition.year in shares.index else ""
    return charts.line_series(
        data,
        name="hosted_in_developing_regions",
        title=f"{now} of {edition.basis()} were hosted in developing regions {edition.when}",
        source=edition.unhcr_source + "; regions: UN M49",
        value_format="share",
        highlight_year=edition.year,
        y_max=1.0,
        provisional_from=min(edition.tables.provisional_years, default=None),
        note=" ".join(
            filter(
                None,
                [
                    largest_rise_note(edition, shares),
                    _oip_counted_from_note(edition, shares.index),
                    wording.gap_note(shares.index),
                ],
            )
        ),
    )


def _counts_by_side(edition: Edition, year: int) -> str:
    """How the count in each side's regions moved in ``year``, with the host that moved most
    of it: ": the count in developed regions fell by 630,400 (562,300 of it in the United
    States of America) and in developing regions rose by 2.1 million (990,600 of it in
    Pakistan)"; empty when the data give no hosts."""
    hosts = edition.tables.by_asylum
    if hosts is None or hosts.empty:
        return ""
    hosts = hosts[hosts["is_country"].astype(bool) & hosts["year"].isin([year - 1, year])]
    people = in_need_of_protection(hosts).groupby([hosts["iso3"], hosts["year"]]).sum()
    change = people.unstack(fill_value=0).reindex(columns=[year - 1, year], fill_value=0)
    change = change[year] - change[year - 1]
    developed = edition.tables.countries.set_index("iso3")["developed_region"]
    sides = []
    for label, mine in (("developed", True), ("developing", False)):
        moved = change[change.index.map(developed.get) == mine]
        if moved.empty or not moved.sum():
            continue
        total = float(moved.sum())
        host = moved.idxmin() if total < 0 else moved.idxmax()
        way = "fell" if total < 0 else "rose"
        part = ""
        if abs(moved[host]) >= abs(total) / 3 and moved[host] * total > 0:  # most of it
            name = plain(wording.the(edition.tables.names.get(host, host)))
            part = f" ({numbers.people(abs(moved[host]))} of it in {name})"
            if abs(moved[host]) > abs(total):  # more than all of it (Belgium, 1975: 5,700 of 2,500)
                others = "fell" if total > 0 else "rose"
                part = f" ({numbers.people(abs(moved[host]))} in {name}; elsewhere it {others})"
        sides.append(f"in {label} regions {way} by {numbers.people(abs(total))}{part}")
    return f": the count {listing(sides, escape=False)}" if sides else ""


def largest_rise_note(edition: Edition, shares: pd.Series, points: float = 0.05) -> str:
    """A note on the largest one-year rise of the share hosted in developing regions (when
    at least ``points``), with the host whose count moved most on each side: "The share rose
    most in 2007, from 73% to 82%: the count in developed regions fell by 630,400 (562,300
    of it in the United States of America) and in developing regions rose by 2.1 million
    (990,600 of it in Pakistan)." Such a step is often a new count rather than people moving
    (an editor: the United States' estimate and Pakistan's census of Afghans, 2007), which
    the note says the data cannot tell apart. Empty when no year rose that far. (The
    largest fall is the text's, under the chart, with the origin that made it:
    :func:`largest_fall`; a note giving it too told it twice, differently: a reviewer.)"""
    found = _largest_move(shares, points, 1)
    if found is None:
        return ""
    year, shares = found
    said = f"The share rose most in {year}, from {numbers.share(shares[year - 1])} to "
    said += f"{numbers.share(shares[year])}{_counts_by_side(edition, year)}"
    return f"{said}. {MOVED_OR_COUNTED}"


def _oip_counted_from_note(edition: Edition, years: pd.Index) -> str:
    """``Refugees alone until 2017; other people in need of international protection counted
    too from 2018.``, for a chart over years on both sides of the first count of them."""
    first = oip_counted_from(edition.tables)
    if first is None or not years.min() < first <= years.max():
        return ""
    return (
        f"Refugees alone until {first - 1}; other people in need of international protection "
        f"counted too from {first}."
    )


#: A host's stateless people are named beside the world's when they are this share of them.
STATELESS_NAMED = 0.1


def stateless_mostly_in(edition: Edition) -> pd.Series | None:
    """The country whose stateless people are more than half of those the data record for
    the year (one estimate making the world's figure: Thailand's 3.5 million of 6.6 million
    in 2008), or None."""
    hosts = edition.tables.by_asylum
    hosts = hosts[(hosts["year"] == edition.year) & hosts["is_country"].astype(bool)]
    if hosts.empty or not hosts["stateless"].sum():
        return None
    largest = hosts.loc[hosts["stateless"].idxmax()]
    return largest if largest["stateless"] > hosts["stateless"].sum() / 2 else None


def returned_mostly_to(edition: Edition, most: int = 3) -> str:
    """The countries of origin that took in more than half of the year's returning refugees,
    at most ``most`` of them, largest first, as a clause: ``, 1.9 million of them to
    Afghanistan and 1.3 million to the Syrian Arab Republic`` (2025 so far, 4.4
    million in all); empty when more countries share them, or without a table by origin."""
    origins = edition.tables.by_origin
    origins = origins[(origins["year"] == edition.year) & origins["is_country"].astype(bool)]
    if origins.empty or "returned_refugees" in edition.tables.absent:
        return ""
    returned = origins.set_index("name")["returned_refugees"].fillna(0)
    largest = returned[returned > 0].sort_values(ascending=False).head(most)
    needed = largest.cumsum() > returned.sum() / 2
    if not needed.any():
        return ""
    named = largest.loc[: needed.idxmax()]
    parts = [f"{numbers.people(n)} to {plain(wording.the(name))}" for name, n in named.items()]
    parts[0] = parts[0].replace(" to ", " of them to ", 1)
    return f", {listing(parts, escape=False)}"


def stateless_as_refugees(edition: Edition) -> str:
    """A sentence on hosts whose stateless people are as many as their refugees and OIP from
    one origin (:func:`country.same_people`), a tenth of the world's stateless or more:
    "In Bangladesh, the stateless people are exactly as many as the 932,204 refugees from
    Myanmar there: most likely the same people, counted in both groups." (the Rohingya,
    2017); empty when there is none."""
    tables, year = edition.tables, edition.year
    hosts = tables.by_asylum[(tables.by_asylum["year"] == year) & tables.by_asylum["is_country"]]
    said = []
    for host in hosts[
        hosts["stateless"] >= STATELESS_NAMED * hosts["stateless"].sum()
    ].itertuples():
        origin = country.same_people(tables, host.iso3, year, host.stateless)
        if origin is not None:
            subject = f"In {plain(wording.the(host.name))}, the stateless people"
            said.append(
                country.same_people_text(origin, host.stateless, edition.basis(), subject, "there")
            )
    return "".join(said).strip()


def per_1000_chart(edition: Edition) -> Chart | None:
    """The countries hosting the most refugees and OIP per 1,000 inhabitants; a note names
    those whose mid-year count is the year end's carried forward (Aruba's 11,470 at
    mid-2025, first on the chart), as the text does."""
    records = edition.per_1000
    if not records:
        return None
    carried_on = [carried_forward(edition.tables, r["iso3"], edition.year) for r in records]
    kept = [
        wording.the(wording.short_name(r["name"], r["iso3"]))
        for r, carried in zip(records, carried_on, strict=True)
        if carried
    ]
    carried = (
        f"{wording.capitalized(listing(kept, escape=False))}: the count of the end of "
        f"{edition.year - 1}, carried forward at mid-{edition.year}."
        if kept
        else ""
    )
    names = country.name_notes(r["name"] for r in records)  # the UN's note on Kosovo
    # the title leads with a count of the edition's date: Aruba's 106 at mid-2025 was on its
    # end-2024 count (an editor), and says whose rates above it are on such counts
    first = records[edition.per_1000_lead]
    host = wording.capitalized(wording.the(first["name"]))
    title = (
        f"{host} hosted {numbers.rate(first['per_1000'])} {edition.basis()} per 1,000 "
        f"inhabitants {edition.when}"
    ) + "".join(f"; {ahead}" for ahead in [rates_on_earlier_counts(edition)] if ahead)
    return charts.per_1000_bars(
        _by_group(edition, pd.DataFrame(records)),
        parts=[("refugees", "refugees_unhcr"), ("oip", "other_in_need")],
        name="hosts_per_1000",
        title=title,
        source=f"{edition.unhcr_source}; population: UN DESA, "
        f"mid-{edition.figures['per_1000_population_year']}",
        value_label=f"{edition.basis()} per 1,000 inhabitants",
        note=f"{carried}{unrwa_left_out(edition, 'rates')} {names}".strip(),
    )


# --- pilot countries --------------------------------------------------------------------


def pilot_countries(edition: Edition, codes: list[str]) -> pd.DataFrame:
    """Refugees and OIP hosted and from, and the migrant stock and share, of each country
    (``codes``: ISO3 codes or names, as a brief takes them)."""
    tables, year = edition.tables, edition.year
    codes = [  # a code as it is (one the country table lacks keeps its figures)
        code if re.fullmatch(r"[A-Z]{3}", code) else country.resolve(code, tables.countries)
        for code in codes
    ]

    def people(table: pd.DataFrame, code: str) -> int | None:
        rows = table[(table["year"] == year) & (table["iso3"] == code)]
        return (
            None
            if table.empty
            else int(rows["refugees"].fillna(0).sum() + rows["oip"].fillna(0).sum())
        )

    stock = tables.migrant_stock
    stock_year = edition.figures["migrant_stock_year"]
    if stock is not None:
        stock = stock[(stock["kind"] == "country") & (stock["year"] == stock_year)]
        stock = stock.set_index("iso3")
    names = tables.names
    return pd.DataFrame(
        [
            {
                "iso3": code,
                "country": names.get(code, code),
                "hosted": people(tables.by_asylum, code),
                "from": people(tables.by_origin, code),
                "migrant_stock": None
                if stock is None or code not in stock.index
                else stock.at[code, "migrants"],
                "migrant_share": None
                if stock is None or code not in stock.index
                else stock.at[code, "migrant_share"],
                "data_type": None
                if stock is None or code not in stock.index
                else stock.at[code, "data_type"],
            }
            for code in codes
        ]
    )


def pilots_table(edition: Edition, pilots: pd.DataFrame) -> str:
    """The pilot countries' figures as a Markdown table, with a note for UNRWA's fields."""

    def pct(value) -> str:
        return "n/a" if value is None or pd.isna(value) else numbers.share(value, 1)

    def placed(table: pd.DataFrame) -> bool:  # countries on that side that year (not 1951's)
        rows = table[(table["year"] == edition.year) & table["is_country"].astype(bool)]
        return bool(in_need_of_protection(rows).sum() > 0)

    # a side the data do not give (a download by origin only) has no column, not one of n/a
    sides = {
        "Hosted": placed(edition.tables.by_asylum),
        "From the country": placed(edition.tables.by_origin),
    }
    columns = ["Country", *[c for c, given in sides.items() if given]]
    migrants = bool(pilots["migrant_stock"].notna().any())  # no columns of n/a alone (1985)
    columns += ["International migrants", "Migrants, % of population"] if migrants else []
    rows = "\n".join(
        "| "
        + " | ".join(
            [
                plain(r.country),
                *([numbers.whole(r.hosted)] if sides["Hosted"] else []),
                *([numbers.whole(r._4)] if sides["From the country"] else []),
                *([numbers.whole(r.migrant_stock), pct(r.migrant_share)] if migrants else []),
            ]
        )
        + " |"
        for r in pilots.itertuples()
    )
    migrants_in = edition.figures["migrant_stock_year"]
    said = (  # what the sentence above the table adds: the migrants' year, or none
        f" (at mid-{migrants_in}, UN DESA's estimate, its "  # dated and of a revision
        f"{edition.figures['migrant_stock_revision']} revision)"
        if migrants_in
        else " (no UN DESA workbook in the data in use)"
        if edition.tables.migrant_stock is None
        else f" (no UN DESA estimate for {edition.year})"
    )
    for column, side in (("From the country", "origin"), ("Hosted", "asylum")):
        if not sides[column]:
            said += f"; the data give no country of {side} for {edition.year}"
    notes = "".join(  # before the table, so that a page break cannot part them
        (
            _unrwa_note(edition, r.iso3, r.country, pd.notna(r.migrant_stock))
            if sides["Hosted"]
            else ""
        )
        + (
            (_earlier_estimate_note(edition, r) if sides["Hosted"] else "")  # and hosted's
            + _unchanged_estimate_note(edition, r)
            if pd.notna(r.migrant_stock)  # on UN DESA's figure
            else ""
        )
        for r in pilots.itertuples()
    )
    return (
        f"The countries of the ILO's 2017 pilots, {edition.when}: the "
        f"{edition.basis(' of international protection')}"
        f" each hosted and those from it, and the international migrants living there"
        f"{said}.{_bases_note(pilots)}{notes}\n\n"
        f"| {' | '.join(columns)} |\n|---|{'--:|' * (len(columns) - 1)}\n{rows}\n\n"
        f"*{_sources_of_table(edition, migrants)}*"
    )


def _sources_of_table(edition: Edition, undesa: bool = True) -> str:
    """The line naming the sources under a table of UNHCR's and (when it gives ``undesa``'s
    figures) UN DESA's figures."""
    if not edition.undesa_revision or not undesa:
        return edition.unhcr_source
    unhcr, undesa = (
        s.removeprefix("Source: ") for s in (edition.unhcr_source, edition.undesa_source)
    )
    return f"Sources: {unhcr}; {undesa}"


#: What UN DESA's estimate for a country counts, by the letters of its "Type of data"
#: (R, refugees added, is said apart), as its notes define them.
DATA_TYPES = {"B": "people born abroad", "C": "foreign citizens"}


def _bases_note(pilots: pd.DataFrame) -> str:
    """What UN DESA's estimates of the countries count ("Type of data"), grouped: " UN DESA
    counts foreign citizens in India and Jordan, and people born abroad in Ethiopia; it adds
    the refugees ... in all three ..."; empty when the workbook gives no type of data."""
    rows = pilots[pilots["data_type"].notna() & pilots["migrant_stock"].notna()]
    if rows.empty:
        return ""
    bases: dict[str, list[str]] = {}
    added = []
    for r in rows.itertuples():
        name = plain(wording.the(r.country))
        letters = re.findall(r"[A-Z]", str(r.data_type).upper())  # "B R", "B,R", "b r"
        if set(letters) - {*DATA_TYPES, "I", "R"} or not set(letters) & {*DATA_TYPES, "I"}:
            continue  # a code UN DESA's notes do not define: nothing is said of it
        counted = " and ".join(DATA_TYPES[c] for c in letters if c in DATA_TYPES)
        bases.setdefault(counted, []).append(name)
        if "R" in letters:
            added.append(name)
    if not bases:
        return ""
    said = [
        f"{basis} in {listing(where, escape=False)}"
        for basis, where in bases.items()
        if basis  # I alone: imputed, said after
    ]
    text = f" UN DESA counts {', and '.join(said)}" if said else " UN DESA"
    if "" in bases:
        text += f"{',' if said else ''} imputes its estimate for " + listing(
            bases[""], escape=False
        )
        text += ", having no data on migrants there"
    if added:
        where = f"in {listing(added, escape=False)}"
        if len(added) == sum(map(len, bases.values())) > 1:
            where = "in both" if len(added) == 2 else f"in all {wording.number_word(len(added))}"
        text += f"; it adds the refugees and asylum-seekers UNHCR or UNRWA report {where}"
    return text + ' (its workbook\'s "Type of data").'


def _earlier_estimate_note(edition: Edition, row: tuple) -> str:
    """Where the people hosted outnumber UN DESA's estimate of all the migrants living there,
    made for an earlier year when they did not (refugees are among the migrants: counted
    after it): the two are years apart (three and a half from mid-2015 to the end of
    2018)."""
    made_for = edition.figures["migrant_stock_year"]
    if not made_for or made_for == edition.year:
        return ""
    then = country.key_figures(edition.tables, made_for)["hosted"].get(row.iso3, 0)
    if not country.counted_after(row.hosted, row.migrant_stock, then):
        return ""
    apart = wording.years_apart(edition.year - made_for, half=not edition.provisional)
    where = plain(wording.the(row.country))
    later = country.next_migrant_estimate(edition.tables, row.iso3, edition.year)
    if not country.counted_after(row.hosted, row.migrant_stock, then, later and later[1]):
        # outnumbered again by the next estimate: the one in use was early
        return (
            f" In {where}, UN DESA's estimate is of mid-{made_for}, {apart} before the "
            f"{numbers.whole(row.hosted)} {edition.basis()} it hosted {edition.when}; its "
            f"next, for mid-{later[0]}, is {numbers.whole(later[1])}."
        )
    return (
        f" In {where}, the {numbers.whole(row.hosted)} {edition.basis()} it hosted "
        f"{edition.when} outnumber UN DESA's estimate of all the international migrants "
        f"living there, made for mid-{made_for}: the two are {apart} apart."
    )


def _unchanged_estimate_note(edition: Edition, row: tuple) -> str:
    """Where UN DESA's estimate in use is exactly its previous estimate (the Philippines'
    87,212 for 2020 and 2024), said as it is: the revision gives no change between the two."""
    made_for, stock = edition.figures["migrant_stock_year"], edition.tables.migrant_stock
    if not made_for or stock is None:
        return ""
    mine = stock[(stock["kind"] == "country") & (stock["iso3"] == row.iso3)]
    mine = mine.set_index("year")["migrants"].sort_index()
    earlier = mine[mine.index < made_for]
    if earlier.empty or pd.isna(earlier.iloc[-1]) or earlier.iloc[-1] != mine.get(made_for):
        return ""
    return (
        f" UN DESA's estimate for {plain(wording.the(row.country))} at mid-{made_for} is exactly "
        f"its estimate for mid-{int(earlier.index[-1])}: the revision gives no change between "
        "the two."
    )


def _unrwa_note(edition: Edition, iso3: str, name: str, migrants: bool = True) -> str:
    """Where UNRWA works outside the State of Palestine, the hosted column, on UNHCR's
    basis, leaves out the Palestine refugees that UN DESA's migrants (when ``migrants`` are
    given) include (UNRWA's latest count, dated, where its table stops before the edition's
    year): Jordan's 400 refugees of 1985 beside UNRWA's 811,300 read as almost no one."""
    from analysis.country import unrwa_latest

    latest = unrwa_latest(edition.tables, iso3, edition.year)
    if not latest or iso3 == "PSE":  # refugees in their own territory are not migrants
        return ""
    year, registered = latest
    when = in_year(year, year in edition.tables.provisional_years)
    whom = (
        "UN DESA's international migrants include Palestine refugees, whom the hosted column "
        "leaves out"
        if migrants
        else "the hosted column leaves out Palestine refugees under UNRWA's mandate"
    )
    return (
        f" In {plain(wording.the(name))}, {whom}: UNRWA registered "
        f"{numbers.people(registered)} there {when}"
        + (", its latest count there." if year < edition.year else ".")
    )


# --- sources and reconciliation ------------------------------------------------------------


def sources_text(edition: Edition) -> str:
    """The data sources with release, licence and address, then every report cited."""
    reconciliation(edition)  # the table after the references cites its reports too
    published = edition.tables.published
    keys = pd.Series(
        list(zip(published["publisher"], published["title"], _published(published), strict=True))
    )
    cited = published[keys.isin(edition.cited).to_numpy()]
    data = data_sources_text(source_list(edition), edition.tables, edition.year)
    return data + "\n\n### Reports cited\n\n" + references(cited)


def data_sources_text(sources: list[dict], tables: Tables, year: int) -> str:
    """``### Data``: each data source once, with its release, address and licence, and the
    provisional years up to the edition's ``year`` (a later one is in no figure of it),
    with who estimated their internally displaced, where the tables give them."""
    items, seen = [], set()
    for source in sources:
        key = (source.get("publisher", ""), source.get("title") or source["file"])
        if key in seen:
            continue
        seen.add(key)
        parts = [f"**{plain(key[1])}**" + (f" ({plain(key[0])})" if key[0] else "")]
        parts += [plain(source["contents"])] if source.get("contents") else []
        parts += [plain(source["release"])] if source.get("release") else []
        parts += [f"<{source['url']}>"] if source.get("url") else []
        parts += [f"licence: {plain(source['licence'])}"] if source.get("licence") else []
        items.append(f"- {'; '.join(parts)}.")
    provisional = sorted(y for y in tables.provisional_years if y <= year)
    years = ", ".join(str(y) for y in provisional)
    held = set() if tables.idps_conflict is None else set(tables.idps_conflict["year"])
    idps = all(y in held and not tables.left_out("idmc", y) for y in provisional)
    note = f"\n\nFigures for {years} are provisional mid-year estimates" if years else ""
    if years and idps:
        note += (
            "; those of the internally displaced are UNHCR's, based on IDMC's figures for the "
            "end of the year before and updated for the countries where UNHCR records changes"
        )
    note += "." if years else ""
    return "### Data\n\n" + "\n".join(items) + note


def _published(rows: pd.DataFrame) -> list[str]:
    """The year each row's report was published, as text ("" when undated or not given)."""
    if "published" not in rows.columns:
        return [""] * len(rows)
    return [p if isinstance(p, str) else "" for p in rows["published"]]


def references(published: pd.DataFrame) -> str:
    """One reference per publication in the published-figures table, author and date first:
    ``UNHCR (2017). *Global Trends: Forced Displacement in 2016*. <address>``."""
    if "published" not in published.columns:
        published = published.assign(published="")
    rows = published.drop_duplicates(["publisher", "title", "published"]).sort_values(
        ["publisher", "published", "title"], kind="stable"
    )
    lines = []
    for r in rows.itertuples():
        address = f" <{r.url}>" if isinstance(r.url, str) and r.url else ""
        when = r.published if isinstance(r.published, str) and r.published else "undated"
        lines.append(f"- {plain(r.publisher)} ({when}). *{plain(r.title)}*.{address}")
    return "\n".join(lines)


def _dated_label(label: str, year: int, edition_year: int) -> str:
    """A figure's label, with UN DESA's mid-year where it is not the edition's year:
    "International migrants (mid-2015)", "... (people living outside ..., mid-2010)"."""
    if year == edition_year:
        return label
    return f"{label[:-1]}, mid-{year})" if label.endswith(")") else f"{label} (mid-{year})"


def _difference(row: tuple) -> str:
    """A row of the reconciliation's difference, as the table shows it: "within rounding"
    for the same at the report's precision, but the difference itself beside a figure it
    printed "about" ("about 50%" beside 48.8%: "−1.2 points", then "About the same")."""
    from analysis.reconciliation import show_difference

    same = row.same and row.qualifier != "about"
    return show_difference(row.difference, row.relative_difference, row.unit, same, row.rounded)


def _set_beside(edition: Edition, table: pd.DataFrame, reports: Sequence[str] = ()) -> str:
    """What the reconciliation sets beside the current data: "Here they are beside the
    figures first published for 2024 and, for UN DESA's estimate in use, mid-2020", or,
    with none published for the year (an edition of a release newer than the published
    figures at hand), "No figures published for 2025 are at hand; here they are beside UN
    DESA's estimates in use, for mid-2024" (a tester: the first read as if 2025's had been
    published), or, with ``reports`` giving the year at another date
    (:func:`_of_another_date`), that they are of another date."""
    other = table.loc[table["year"] != edition.year, "year"]
    if (table["year"] == edition.year).any():
        return f"Here they are beside the figures first published for {edition.year}" + (
            f" and, for UN DESA's estimate in use, mid-{other.min()}" if len(other) else ""
        )
    none = (
        f"{_another_date_said(edition, reports)}, and no "
        f"{'mid' if edition.provisional else 'end'}-year figures for {edition.year} are at hand"
        if reports
        else f"No figures published for {edition.year} are at hand"
    )
    return f"{none}; here they are beside UN DESA's estimates in use, for mid-{other.min()}"


def _of_another_date(edition: Edition) -> list[str]:
    """The reports giving the edition's year at another date than its data's (Mid-Year
    Trends 2025 beside a year-end count of 2025), as cited."""
    published = edition.tables.published
    of_year = published[published["year"] == edition.year]
    other_date = of_year.drop(index=edition.of_its_date(of_year).index)
    return sorted({plain(c) for c in other_date["cited_as"]})


def _another_date_said(edition: Edition, reports: list[str]) -> str:
    """ "UNHCR's end-year figures for 2025 (UNHCR Global Trends 2025) are of another date
    than these mid-2025 figures, which are provisional", or the mid-year ones beside a
    year-end count (a June release, before Global Trends is typed in: "none at hand" read
    as none published; a tester)."""
    year = edition.year
    kind, these = (
        ("end-year", f"mid-{year}") if edition.provisional else ("mid-year", f"end-{year}")
    )
    return (
        f"UNHCR's {kind} figures for {year} ({'; '.join(reports)}) are of another date than "
        f"these {these} figures" + (", which are provisional" if edition.provisional else "")
    )


def reconciliation_text(edition: Edition, table: pd.DataFrame) -> str:
    """Published figures beside the current data, and why they differ, as Markdown."""
    from analysis.reconciliation import as_printed

    if table.empty:
        reports = _of_another_date(edition)
        said = (
            f"{_another_date_said(edition, reports)}, and are not set beside them."
            if reports
            else f"UNHCR has published no end-year figures for {edition.year}; the mid-"
            f"{edition.year} figures here are provisional. UNHCR's Mid-Year Trends report "
            f"gives its own headline figures for mid-{edition.year}; they may differ from these, "
            "recomputed from the data in use, and are not set beside them here."
            if edition.provisional
            else f"No figures published for {edition.year} are at hand to set beside "
            "the current data."
        )
        return f"### Published and current figures\n\n{said}"
    # "within rounding" says it: no reason given for the same, nor a column of reasons when
    # every row is the same (2013's one row)
    same = table["why"].eq("the same").all()
    header = ["Figure", "Published", "Current data", "Difference", *([] if same else ["Why"])]
    rows = [
        [
            plain(_dated_label(wording.capitalized(r.label), r.year, edition.year)),
            as_printed(r.published, r.unit, r.figure, r.qualifier),
            as_printed(r.current, r.unit, r.figure, as_published=False, beside=r.published),
            _difference(r),
            *([] if same else ["" if r.why == "the same" else plain(wording.capitalized(r.why))]),
        ]
        for r in table.itertuples()
    ]
    aligned = ["---", "--:", "--:", "--:", "---"][: len(header)]
    markdown = "\n".join(f"| {' | '.join(cells)} |" for cells in [header, aligned, *rows])
    # "UNHCR Global Trends 2010; the issue brief": a seed document's statement by its name
    cited = "; ".join(sorted({plain(c.removeprefix("as stated in ")) for c in table["cited_as"]}))
    return (
        "### Published and current figures\n\n"
        "The figures above are computed from the current databases, which revise past years. "
        + _set_beside(edition, table, _of_another_date(edition))
        + f" ({cited}):\n\n{markdown}"
    )
