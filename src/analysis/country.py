"""What a country brief calls: its country and tables, the words its sentences need, its charts.

The brief's sentences live in ``notebooks/country_brief.ipynb``; this module holds what
the data decide (a rank, a rate, a trend's direction, ``no``, ``one`` or ``3.1 million``),
so the text reads naturally for a large host, a large country of origin, both, a country
with few refugees, or a territory UN DESA does not estimate. Everything here is plain
Python on the processed tables and is tested without a kernel.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd

from analysis import charts, numbers, wording
from analysis.countries import (
    MIGRANTS_WIDER_UNTIL,
    UNDESA_PLACES,
    WIDER_UNTIL,
    narrower_in_undesa,
)
from analysis.errors import InputError
from analysis.figures import population_source, population_year
from analysis.indicators import in_need_of_protection, within_population
from analysis.kernel_state import check_loaded, setting_up
from analysis.lookup import resolve
from analysis.processed import Tables, load_tables
from analysis.reconciliation import TOTAL_PARTS
from analysis.sources import unhcr
from analysis.wording import listing, number_word, plain

if TYPE_CHECKING:  # matplotlib is loaded when a chart is drawn, not by the batch
    from analysis.charts import Chart

TREND_FROM = 2000
GROUPS = ["refugees", "asylum_seekers", "oip"]
#: What a country may be recorded hosting: the groups, and stateless people where they live.
HOSTED_COUNTS = [*GROUPS, "stateless"]
#: Rates per 1,000 inhabitants are ranked among countries of at least this population.
MIN_POPULATION = 100_000
#: A trend is charted only when it reached this many people in some year, and a key finding
#: counts at least this many.
MIN_CHARTED = 1000
#: Key findings give a rank only this high or higher.
NOTABLE_RANK = 10
#: How each population group is written, singular and plural.
GROUP_WORDS = {
    "refugees": ("refugee under UNHCR's mandate", "refugees under UNHCR's mandate"),
    "asylum_seekers": ("asylum-seeker", "asylum-seekers"),
    "oip": (
        "other person in need of international protection",
        "other people in need of international protection",
    ),
}
#: Each charted group as a chart title names it.
OTHERS, OTHERS_ALONE = "others in need", "other people in need of international protection"
CHART_WORDS = {
    "refugees_unhcr": "refugees",
    "asylum_seekers": "asylum-seekers",
    "other_in_need": OTHERS,
}
#: The chart colour (a key of ``charts.GROUP_COLOURS``) of each group.
CHART_GROUPS = {
    "refugees": "refugees_unhcr",
    "asylum_seekers": "asylum_seekers",
    "oip": "other_in_need",
}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_ORDINALS += ["tenth"]


# --- the brief ---------------------------------------------------------------------------


@dataclass
class Brief:
    """One country's brief for one year: the country and the processed tables."""

    iso3: str
    name: str
    year: int
    tables: Tables

    @property
    def provisional(self) -> bool:
        """True when the year's figures are provisional (mid-year)."""
        return self.year in self.tables.provisional_years

    @property
    def when(self) -> str:
        """``at the end of 2024``, or ``at mid-2025``."""
        return wording.when(self.year, self.provisional)

    @property
    def during(self) -> str:
        """``during 2024``, or ``in 2025`` at mid-year (see ``wording.during``)."""
        return wording.during(self.year, self.provisional)

    @property
    def in_titles(self) -> str:
        """The country as a chart's title names it: as its labels do, short enough for a
        slide ("the United Kingdom", "Venezuela"); the text gives the name in full."""
        return wording.the(wording.short_name(self.name, self.iso3))

    @property
    def in_year(self) -> str:
        """``in 2024`` or ``at mid-2025``, for chart titles."""
        return wording.in_year(self.year, self.provisional)

    @property
    def ranked_as_unhcr(self) -> bool:
        """Whether the brief ranks countries on UNHCR's basis, as a report at hand shows it:
        not without other people in need of international protection where the population
        file lacks them, nor with them before a report of the release counts them (a
        December 2019 snapshot: Global Trends 2019 came out in 2020)."""
        if "oip" in self.tables.absent or self.tables.oip_not_given(self.year):
            return False
        if not self.tables.counts_oip(self.year):  # refugees alone, as reports then ranked
            return True
        reports = self.tables.published  # the group under its names in reports, then and now
        counting = reports["figure"].isin(TOTAL_PARTS["other_in_need"])
        return bool((counting & (reports["publisher"] == "UNHCR")).any())

    def basis(self, words: str = "", one: bool = False) -> str:
        """What the rankings count (``wording.in_need``): ``refugees and others in need``
        followed by ``words``, or ``refugees`` in a year without other people in need."""
        return wording.in_need(self.tables.counts_oip(self.year), words, one)

    @property
    def unhcr_release(self) -> str:
        """The UNHCR release the tables were made from."""
        return self.tables.meta["unhcr"]["release"]

    @property
    def unhcr_source(self) -> str:
        """The source line of UNHCR charts (:func:`~analysis.wording.unhcr_source`)."""
        return wording.unhcr_source(self.unhcr_release, self.year if self.provisional else None)

    @property
    def undesa_revision(self) -> str | None:
        """The UN DESA revision of the migrant figures (``"2024"``), None without them."""
        return self.tables.undesa_revision


def load_brief(
    raw_dir: str | Path = "", year: int = 0, country: str = "TUR", desa_revision: int = 0
) -> Brief:
    """The processed tables of ``raw_dir`` and the country ``country`` names (code or name),
    for ``year`` (0: the latest complete year the data hold).

    Refuses, with one line, a country the tables do not know and a year or country the
    data hold no figures for, or a year that is not a whole number (``"2024"`` as text
    reads as 2024).
    """
    from analysis.figures import CHANGE_YEAR, check_year, edition_year, parameter_year

    with setting_up():  # a setup that stops leaves later cells one line each
        year = parameter_year(year)
        tables = load_tables(raw_dir, desa_revision or None)
        year = edition_year(tables, year)
        check_year(tables, year, CHANGE_YEAR)
        check_groups(tables)
        iso3 = resolve(country, tables.countries)
        tables = named_in(tables, year)  # Serbia and Montenegro, to 2005
        name = str(tables.countries.set_index("iso3").at[iso3, "name"])
        check_figures(tables, iso3, name, year)
        return Brief(iso3, name, year, tables)


#: The groups a brief tells of whose column a population file may lack: said in the brief.
NOTED_GROUPS = ["asylum_seekers", "oip", "stateless"]


def check_groups(tables: Tables) -> None:
    """Refuse, in one line, a population file without refugees, whom every brief counts
    (its briefs said "no refugees" and ranked hosts on asylum-seekers)."""
    if "refugees" in tables.absent:
        raise InputError(
            f"{population_source(tables)}: no column for refugees under UNHCR's mandate, "
            "which every country brief counts (download the table with that group)"
        )


def absent_groups(tables: Tables, year: int) -> list[str]:
    """The groups of :data:`NOTED_GROUPS` the population file has no column for, in words;
    not other people in need in a year before UNHCR counted any (:data:`unhcr.OIP_FROM`)."""
    noted = [g for g in NOTED_GROUPS if g != "oip" or year >= unhcr.OIP_FROM]
    return [unhcr.GROUP_NAMES[g] for g in noted if g in tables.absent]


def check_figures(
    tables: Tables, iso3: str, name: str, year: int, known: set[str] | None = None
) -> None:
    """Refuse, in one line, a country the data record no one in or from in ``year``
    (``known``: :func:`recorded` of the year, when the caller checks many countries)."""
    if iso3 not in (recorded(tables, year) if known is None else known):
        only = "the population data in use are totals by country of {} only: they cannot show"
        if tables.by_asylum.empty:
            where = f"from it ({only.format('origin')} who lived in it)"
        elif tables.by_origin.empty:
            where = f"in it ({only.format('asylum')} who lived abroad from it)"
        else:
            where = "in or from it"
        held = [y for y in sorted(set(tables.totals["year"])) if iso3 in recorded(tables, int(y))]
        raise InputError(
            f"no figures for {name} ({iso3}) in {year}: UNHCR's tables record no refugees, "
            f"asylum-seekers, other people in need of international protection or stateless "
            f"people {where}, and IDMC no internally displaced people; "
            + (
                f"the data record some in {numbers.years(held)}"
                if held
                else "nor in any other year the data hold"
            )
            + _counted_under(iso3, year)
        )


def _counted_under(iso3: str, year: int) -> str:
    """Where a new state's people of ``year``, before it split, are counted: "; until June
    2006, UNHCR's figures count Montenegro's under Serbia and Montenegro: ask for SRB"."""
    for code, split in SPLIT_FROM.items():
        if split.state_iso3 == iso3 and _before_split(code, year):
            before = split.before.split(",")[0]  # "Serbia and Montenegro", not why
            return (
                f"; until {split.when}, UNHCR's figures count {split.state}'s under {before}: "
                f"ask for {code}"
            )
    return ""


def recorded(tables: Tables, year: int) -> set[str]:
    """The codes UNHCR or IDMC record anyone in or from in ``year``: refugees,
    asylum-seekers or OIP in or from them, stateless people living in them, or IDPs."""
    codes: set[str] = set()
    for table, groups in ((tables.by_asylum, HOSTED_COUNTS), (tables.by_origin, GROUPS)):
        rows = table[table["year"] == year]
        codes |= set(rows.loc[rows[groups].fillna(0).gt(0).any(axis=1), "iso3"])
    idps = tables.idps_conflict
    codes |= set(idps.loc[(idps["year"] == year) & (idps["idps_conflict"].fillna(0) > 0), "iso3"])
    return codes


def by_year(table: pd.DataFrame, iso3: str, year: int) -> pd.DataFrame:
    """The country's refugees, asylum-seekers and OIP by year to ``year`` (zero where the
    table has no row), with ``in_need``: refugees plus OIP.

    The years start in 2000, or in the first year the table has a row for the country:
    South Sudan before 2011 is not "none", it is not in the data; for such a country, in
    the first year its row counts anyone in need (2012 for South Sudan's refugees). A year
    the table holds no row of at all (a download skipping years) is left out, not zero.
    When the table gives no OIP figure for ``year`` though it does for earlier years (not
    given, not none), every year counts refugees only, so that the years compare.
    """
    check_loaded()  # the notebook's first analysis step: not after a parameter changed
    rows = table[(table["iso3"] == iso3) & (table["year"] <= year)].set_index("year")[GROUPS]
    if _oip_not_given(table, year):
        rows = rows.assign(oip=0)
    first = int(rows.index.min()) if not rows.empty else year
    held = set(table["year"]) | {year}  # a year the file skips is no year of none
    years = [y for y in range(max(min(TREND_FROM, year), first), year + 1) if y in held]
    rows = rows.reindex(years).fillna(0).astype("int64").rename_axis("year")
    rows = rows.assign(in_need=rows["refugees"] + rows["oip"])
    if first > min(TREND_FROM, year):  # a country new in the data: from its first count
        counted = rows.index[rows["in_need"] > 0]  # (South Sudan's 2011 row counts no one)
        rows = rows.loc[min(counted[0], year) :] if len(counted) else rows
    return rows


def _oip_not_given(table: pd.DataFrame, year: int) -> bool:
    """Whether no row of ``table`` gives an OIP figure for ``year`` where rows of earlier
    years count some (:meth:`Tables.oip_not_given`, on a table of the population file)."""
    given = table.loc[table["year"] == year, "oip"]
    counted = table.loc[table["year"] < year, "oip"].fillna(0).gt(0).any()
    return not given.empty and bool(given.isna().all()) and bool(counted)


def rank(table: pd.DataFrame, iso3: str, year: int, least: float = 0) -> tuple[int, int] | None:
    """The country's place and the number of countries ranked, on refugees plus OIP as
    UNHCR's Global Trends ranks them (countries only, those with anyone); None when the
    country has no one to rank, or fewer than ``least`` (a brief ranks no fewer than
    MIN_CHARTED: "179th of 194" says little of ten people). Countries with as many people
    share the highest of their places (Nauru's 5 refugees, as many as four others': 165th
    of 169, not 169th)."""
    rows = table[(table["year"] == year) & table["is_country"].astype(bool)]
    people = in_need_of_protection(rows).groupby(rows["iso3"]).sum()
    people = people[people > 0]
    if iso3 not in people.index or people[iso3] < least:
        return None
    return int(people.rank(method="min", ascending=False)[iso3]), len(people)


def rank_moved(table: pd.DataFrame, iso3: str, year: int, place: int) -> str:
    """For a mid-year rank against the year-end before it: ``, up from third at the end of
    2024, as counts fell elsewhere`` (Colombia at mid-2025: with its end-2024 count it would
    have been first too, as the Islamic Republic of Iran's fell by half), ``, down from first
    at the end of 2024, as its own count fell`` (where the others' counts alone would have
    left it first); only the move where both did; empty when the rank held or the country
    was not ranked then."""
    if _oip_not_given(table, year):  # the rank of the year before on the same basis
        table = table.assign(oip=0)
    before = rank(table, iso3, year - 1, least=MIN_CHARTED)
    if before is None or before[0] == place:
        return ""
    up = place < before[0]
    text = f", {'up' if up else 'down'} from {ordinal(before[0])} at the end of {year - 1}"
    counts = by_year(table, iso3, year)["in_need"]
    then, now = counts.get(year - 1, 0), counts.get(year, 0)
    held = _place_with(table, iso3, year, then)  # had its own count not changed
    if held == place:
        return f"{text}, as counts {'fell' if up else 'rose'} elsewhere"
    if held == before[0] and abs(now - then) >= RANK_MOVED_BY * then:  # not 19 of 2,389
        return f"{text}, as its own count {'rose' if up else 'fell'}"
    return text


#: A country's own change is given as the cause of its move in rank only when it moved its
#: count by this share or more: Ukraine's 19 fewer of 2,389 (mid-2025, 0.8%) read as the
#: cause, where Côte d'Ivoire's rise from 2,377 to 74,630 passed it (a UNHCR editor); a
#: first host's 3% fall behind a second that held is its own.
RANK_MOVED_BY = 0.01


def _place_with(table: pd.DataFrame, iso3: str, year: int, people: float) -> int:
    """The place the country would take in ``year`` with ``people``, the others' counts as
    they are (ties share the highest place, as :func:`rank`)."""
    rows = table[(table["year"] == year) & table["is_country"].astype(bool)]
    others = in_need_of_protection(rows).groupby(rows["iso3"]).sum().drop(iso3, errors="ignore")
    return int((others > people).sum()) + 1


def partners(tables: Tables, iso3: str, year: int, side: str) -> pd.DataFrame:
    """Where the people the country hosts come from (``side="origins"``), or where its own
    people are hosted (``"destinations"``): ``iso3``, ``name``, ``refugees``, ``oip``,
    ``people`` (their sum), countries only, largest first."""
    out = _pair_people(tables, iso3, year, side)
    out = out[(out["people"] > 0) & out["is_country"]].drop(columns="is_country")
    counts = ["refugees", "oip", "people"]  # whole numbers, none as 0 (a teacher's table)
    out[counts] = out[counts].fillna(0).astype("int64")
    return out.sort_values(["people", "iso3"], ascending=[False, True]).reset_index(drop=True)


def seekers_left_out(
    tables: Tables, iso3: str, year: int, named: pd.DataFrame, markdown: bool = True
) -> str:
    """A host holding more of the country's asylum-seekers than the third of its hosts that
    the destinations sentence names, where that sentence counts none of them (Egypt's
    796,500 Sudanese asylum-seekers at mid-2025, beside 37,700 refugees): ``These figures
    leave out asylum-seekers from Sudan awaiting a decision on their claim: 940,300 in
    all, 796,500 of them in Egypt.``; else empty (also without asylum-seekers' figures).
    ``named``: the destinations, largest first (:func:`partners`); ``markdown``: the
    text's sentence, names escaped for Markdown; else a chart's note ("Not in the bars:
    asylum-seekers from Sudan, 940,300 in all, 796,500 of them in Egypt.")."""
    if tables.by_origin_and_asylum is None or named.empty:
        return ""
    seekers = _pair_people(tables, iso3, year, "destinations", ("asylum_seekers",))
    hosts = seekers[seekers["is_country"]]
    if hosts.empty:
        return ""
    top = hosts.loc[hosts["people"].idxmax()]
    third = float(named["people"].iloc[min(2, len(named) - 1)])
    if top["people"] < max(third, MIN_CHARTED):
        return ""
    origin = tables.names.get(iso3, iso3)
    written_as = plain if markdown else str
    host, origin = (written_as(wording.the(n)) for n in (top["name"], origin))
    written = numbers.apart(seekers["people"].sum(), top["people"])
    counted = (
        f"{written(seekers['people'].sum())} in all, {written(top['people'])} of them in {host}"
    )
    if not markdown:  # under the bars, not the text's sentence again
        return f"Not in the bars: asylum-seekers from {origin}, {counted}."
    return (
        f"These figures leave out asylum-seekers from {origin} awaiting a decision on their "
        f"claim: {counted}."
    )


#: How near the stateless people a host records must be to the refugees and OIP from one
#: country for them to be said to be perhaps the same people: Bangladesh's and Myanmar's
#: differ by 0.008% at most; the Russian Federation's 75,679 stateless people and 75,146
#: from Ukraine (2018) by 0.7%, by chance.
SAME_PEOPLE_WITHIN = 0.001


def same_people(tables: Tables, iso3: str, year: int, stateless: float) -> pd.Series | None:
    """The country of origin (``name``, ``people``) whose refugees and OIP hosted in ``iso3``
    are as many as its ``stateless`` people, within :data:`SAME_PEOPLE_WITHIN` (the Rohingya
    from Myanmar in Bangladesh, counted in both groups); None when there is none."""
    if not stateless:
        return None
    origins = partners(tables, iso3, year, "origins")
    near = origins[(origins["people"] - stateless).abs() <= SAME_PEOPLE_WITHIN * stateless]
    return None if near.empty else near.iloc[0]


def same_people_text(
    origin: pd.Series,
    stateless: float,
    basis: str,
    subject: str = "The stateless people",
    hosted: str = "it hosted",
) -> str:
    """The sentence setting the stateless people (``subject``) beside as many refugees
    (``basis``: "refugees and others in need") from ``origin`` (:func:`same_people`) the
    country ``hosted`` ("there" in an edition): "exactly as many" when the two counts are
    equal to the person (Bangladesh's 932,204 of 2017), "about" when near."""
    the_origin = plain(wording.the(origin["name"]))  # as Markdown shows it
    if int(origin["people"]) == int(stateless):
        return (
            f" {subject} are exactly as many as the {int(stateless):,} {basis} from "
            f"{the_origin} {hosted}: most likely the same people, counted in both groups."
        )
    return (
        f" {subject} are about as many as the {numbers.people(origin['people'])} "
        f"{basis} from {the_origin} {hosted}, and may be the same people."
    )


def partner_change(
    tables: Tables, iso3: str, side: str, year: int, since: int | None = None
) -> pd.Series:
    """How the refugees and OIP between the country and each other code, on the ``side`` of
    :func:`partners`, changed from the year before (or ``since``) to ``year``, by that code
    (a code in one of the two years only counts none in the other; refugees alone in a year
    whose OIP the file does not give)."""
    groups = ("refugees",) if tables.oip_not_given(year) else ("refugees", "oip")
    before, now = (
        _pair_people(tables, iso3, y, side, groups).groupby("iso3")["people"].sum()
        for y in (year - 1 if since is None else since, year)
    )
    return now.sub(before, fill_value=0)


def _pair_people(
    tables: Tables, iso3: str, year: int, side: str, groups: tuple[str, ...] = ("refugees", "oip")
) -> pd.DataFrame:
    """The refugees plus OIP (or other ``groups``) between the country and each other code in
    ``year``, on the ``side`` of :func:`partners`: ``iso3``, ``name``, each group's count,
    ``people`` (their sum), ``is_country``."""
    own, other = (
        ("asylum_iso3", "origin_iso3") if side == "origins" else ("origin_iso3", "asylum_iso3")
    )
    pairs = tables.by_origin_and_asylum
    rows = pairs[(pairs["year"] == year) & (pairs[own] == iso3)]
    info = tables.countries.set_index("iso3")
    codes = rows[other]
    return pd.DataFrame(
        {
            "iso3": codes.to_numpy(),
            "name": codes.map(info["name"]).to_numpy(),
            **{group: rows[group].to_numpy() for group in groups},
            "people": rows[list(groups)].fillna(0).sum(axis=1).to_numpy(),
            "is_country": codes.map(info["is_country"]).fillna(False).astype(bool).to_numpy(),
        }
    )


def per_1000(tables: Tables, year: int) -> pd.DataFrame:
    """Refugees and OIP hosted per 1,000 inhabitants in ``year``, every country with a UN
    DESA population of the place UNHCR counts (not Sudan's before South Sudan's split:
    UN DESA's is by today's borders; nearest year, within five years; empty otherwise): ``iso3``,
    ``in_need``, ``population``, ``per_1000`` and ``rank`` among countries of at least
    100,000 inhabitants (else missing)."""
    check_loaded()  # an analysis step of the notebook's: not after a parameter changed
    columns = ["iso3", "in_need", "population", "per_1000", "rank"]
    at = population_year(tables.migrant_stock, year)
    if at is None:
        return pd.DataFrame(columns=columns)
    stock = tables.migrant_stock
    population = stock[(stock["kind"] == "country") & (stock["year"] == at)]
    population = population.dropna(subset=["iso3"]).set_index("iso3")["population"]
    population = population.drop(narrower_in_undesa(tables.undesa_revision, year), errors="ignore")
    hosts = tables.by_asylum
    rows = hosts[(hosts["year"] == year) & hosts["is_country"].astype(bool)]
    out = pd.DataFrame({"iso3": rows["iso3"], "in_need": in_need_of_protection(rows)})
    out["population"] = out["iso3"].map(population)
    out = out[out["population"] > 0]
    out["per_1000"] = out["in_need"] / out["population"] * 1000
    out = within_population(out, year)
    ranked = out[(out["population"] >= MIN_POPULATION) & (out["in_need"] > 0)]
    # as many per 1,000 as others: the highest place they share, as in :func:`rank`
    places = ranked.set_index("iso3")["per_1000"].rank(method="min", ascending=False)
    out["rank"] = out["iso3"].map(places.astype(int))
    out.attrs["population_year"] = at
    return out[columns].reset_index(drop=True)


#: The State of Palestine: where Palestine refugees come from, and one of UNRWA's fields.
PALESTINE = "PSE"

#: The share of one country from which a spread names it alone ("Nine in ten", "Almost all",
#: :func:`~analysis.wording.how_many`) and has no chart.
ALMOST_ALL = 0.9

#: The UN's note where a name refers to Kosovo (UNHCR names it with Serbia).
RESOLUTION_1244 = (
    "References to Kosovo shall be understood to be in the context of Security Council "
    "resolution 1244 (1999)."
)


#: Names of UNHCR's figures that count Kosovo without naming it (:data:`NAMED_UNTIL`).
KOSOVO_WITHIN = {"Serbia and Montenegro"}


def name_note(name: str) -> str:
    """The UN's note on a name, when it needs one (UNHCR's "…: S/RES/1244 (1999)", and
    "Serbia and Montenegro", whose figures count Kosovo)."""
    return RESOLUTION_1244 if "1244" in name or name in KOSOVO_WITHIN else ""


def name_notes(names: Iterable[str]) -> str:
    """The UN's notes on these names (:func:`name_note`), each once, for a chart naming them."""
    return " ".join(n for n in dict.fromkeys(map(name_note, names)) if n)


#: Codes UNHCR's tables name as today for every year, with the name they had up to a year:
#: its rows for Serbia before 2006, the first year with rows for Montenegro, are of Serbia
#: and Montenegro (an edition of 2003 ranked "Serbia and Kosovo" third among hosts).
NAMED_UNTIL = {"SRB": (2005, "Serbia and Montenegro")}


def named_in(tables: Tables, year: int) -> Tables:
    """``tables`` with the countries named as they were in ``year`` (:data:`NAMED_UNTIL`)."""
    then = {code: name for code, (last, name) in NAMED_UNTIL.items() if year <= last}
    if not then:
        return tables

    def renamed(table: pd.DataFrame) -> pd.DataFrame:
        return table.assign(name=table["iso3"].map(then).fillna(table["name"]))

    named = ("countries", "by_asylum", "by_origin")  # the tables that name countries
    return replace(tables, **{f: renamed(getattr(tables, f)) for f in named})


class Split(NamedTuple):
    """A new state split from a country: when, the last year the country's figures may
    include it, the first brief year to say so, its name and code, and the country's name
    before the split."""

    when: str
    last: int
    said_from: int
    state: str
    state_iso3: str
    before: str


#: Countries a new state split from. Their series reach back over the wider territory
#: (Sudan's IDPs were 4.9 million in 2009 with South Sudan, 2.2 million in 2011 without;
#: Serbia's before 2006 count Montenegro's, and until then it is named with it).
SPLIT_FROM = {
    "SDN": Split("July 2011", 2011, 2011, "South Sudan", "SSD", "Sudan"),
    "SRB": Split(
        "June 2006",
        2005,
        2006,
        "Montenegro",
        "MNE",
        "Serbia and Montenegro, whose figures UNHCR now gives as Serbia's",
    ),
}


def border_note(iso3: str, year: int) -> str:
    """A note that a brief's figures may cover a wider territory than the country's, when a
    new state split from it (Sudan, from 2011: its refugees of 2011 still count South
    Sudanese; Serbia's figures to 2005 count Montenegro's), that before it UNHCR's figures
    include the new state and UN DESA's do not (the brief names UN DESA's narrower place:
    :func:`undesa_place`), or that the new state's own figures begin with it (South
    Sudan's, from 2011); else empty."""
    split = SPLIT_FROM.get(iso3)
    if split is not None and year >= split.said_from:
        return (
            f"{split.state} became independent in {split.when}: the figures for {split.last} "
            f"and earlier years may include people and places now in {split.state}."
        )
    if split is not None and _before_split(iso3, year):
        last = MIGRANTS_WIDER_UNTIL.get(iso3)
        return f"{split.state} became independent in {split.when}: until then UNHCR's figures " + (
            f"include it; UN DESA's population, by today's borders, does not, while its "
            f"migrant estimates to {last} do."
            if last
            else "include it; UN DESA's, by today's borders, do not."
        )
    new = next((s for s in SPLIT_FROM.values() if s.state_iso3 == iso3), None)
    if new is None:
        return ""
    return (  # some: South Sudan hosted 105,000 refugees of its own count in 2011
        f"{new.state} became independent in {new.when}: the figures for {new.last} and "
        f"earlier years may count some of its people and places under {new.before}."
    )


def counted_with(iso3: str, name: str, year: int) -> str:
    """What UNHCR's figures of ``year`` for a country count beyond UN DESA's narrower place:
    ", Kosovo included" (Serbia and Montenegro), ", South Sudan included" (Sudan before the
    split), ", Montenegro included" (Serbia and Kosovo to 2005), else ""."""
    if name in KOSOVO_WITHIN:
        return ", Kosovo included"
    split = SPLIT_FROM.get(iso3)
    counts_it = split is not None and _before_split(iso3, year)
    return f", {split.state} included" if counts_it and split.state not in name else ""


def _before_split(iso3: str, year: int) -> bool:
    """Whether UNHCR's figures of ``year`` for ``iso3`` still count the new state that split
    from it (:data:`SPLIT_FROM`; to :data:`~analysis.countries.WIDER_UNTIL`)."""
    return year <= WIDER_UNTIL.get(iso3, SPLIT_FROM[iso3].last)


def undesa_place(iso3: str, name: str, revision: str | None, year: int | None = None) -> str:
    """The place the figures of UN DESA's ``revision`` for ``iso3`` are of: ``name``, or a
    narrower one ("Serbia without Kosovo", which UNHCR's figures include; of ``year``,
    before a new state split from it, "Sudan without South Sudan": UN DESA's are by
    today's borders)."""
    if iso3 in UNDESA_PLACES and iso3 in narrower_in_undesa(revision):
        place = UNDESA_PLACES[iso3][1]  # UN DESA gives Montenegro a row of its own, every year
        # of a year UNHCR's figures count Montenegro in, whatever the name (the reference
        # release's "Serbia and Kosovo ..." of 2005: a reviewer)
        wider = year is not None and year <= WIDER_UNTIL.get(iso3, year - 1)
        return f"{place} or Montenegro" if wider or "Montenegro" in name else place
    if iso3 not in narrower_in_undesa(revision, year):
        return name
    state = SPLIT_FROM[iso3].state  # UNHCR's name of the time may hold it ("... and Montenegro")
    return name.replace(f" and {state}", "") if state in name else f"{name} without {state}"


#: UNRWA's fields of operation outside the State of Palestine.
UNRWA_FIELDS_ABROAD = ("JOR", "LBN", "SYR")


def unrwa_in_all_fields(tables: Tables, year: int) -> int:
    """Palestine refugees UNRWA registered in ``year``, in all its fields (a table totalled
    over them gives this alone); 0 without an UNRWA table."""
    table = tables.unrwa_by_field
    if table is None:
        return 0
    return int(table.loc[table["year"] == year, "refugees_unrwa"].fillna(0).sum())


def unrwa_registered_abroad(tables: Tables, year: int) -> int:
    """Palestine refugees UNRWA registered in ``year`` in its fields outside the State of
    Palestine (Jordan, Lebanon, the Syrian Arab Republic); 0 without an UNRWA table."""
    return _unrwa_in(tables, year, lambda iso3: iso3.isin(UNRWA_FIELDS_ABROAD))


def unrwa_without_field(tables: Tables, year: int) -> int:
    """Palestine refugees in UNRWA's count for ``year`` whose field the table gives as
    unknown (a row from mid-2025): in UNRWA's total, in none of its fields."""
    fields = [*UNRWA_FIELDS_ABROAD, PALESTINE]
    return _unrwa_in(tables, year, lambda iso3: ~iso3.isin(fields))


def abroad_first(hosted: pd.DataFrame, abroad: pd.DataFrame, year: int) -> bool:
    """Whether a brief's key findings open with the country's people abroad: their larger
    group (refugees and others in need, or asylum-seekers) outnumbers the larger group it
    hosts (Afghanistan, 2024: 5.8 million abroad, 20,900 hosted; Côte d'Ivoire: 66,800
    asylum-seekers hosted, 29,400 refugees and others abroad)."""
    groups = ["in_need", "asylum_seekers"]
    return float(abroad.loc[year, groups].max()) > float(hosted.loc[year, groups].max())


def unrwa_among_displaced(tables: Tables, iso3: str, year: int) -> str:
    """For the State of Palestine, what its internally displaced share with UNRWA's count: a
    clause saying that Palestine refugees registered with UNRWA are among them, so in both
    counts, with how many from 2023, on UNRWA's published share (the estimate the briefing
    takes off its forcibly displaced total); empty for another country."""
    from analysis.reconciliation import counted_twice_in

    if iso3 != PALESTINE:
        return ""
    # None before 2023, or without the share (the briefing warns of that, not the brief)
    twice = counted_twice_in(tables, year, warn=False)
    if twice is None:
        return "; some of them were Palestine refugees registered with UNRWA, counted in both"
    return (  # UNRWA's share is of Gaza's displaced; IDMC's figure is of Gaza and the West
        # Bank together (an editor: "counted in both" did not say both of what)
        f"; about {numbers.people(twice.people)} of them were Palestine refugees registered with "
        f"UNRWA, counted both by UNRWA and in this estimate (UNRWA estimated that "
        f"{numbers.share(twice.share)} of the people displaced in Gaza {twice.when} "
        f"were such refugees, cited in {plain(twice.row['cited_as'])}; the share is applied "
        "here to the whole estimate, which the data give for Gaza and the West Bank together)"
    )


def _unrwa_in(tables: Tables, year: int, where: Callable[[pd.Series], pd.Series]) -> int:
    """UNRWA's registered Palestine refugees of ``year`` in the fields ``where`` selects."""
    table = tables.unrwa_by_field
    if table is None or tables.totalled("unrwa"):  # a download with no field: none known
        return 0
    rows = table[where(table["iso3"]) & (table["year"] == year)]
    return int(rows["refugees_unrwa"].fillna(0).sum())


def unrwa_registered(tables: Tables, iso3: str, year: int) -> int:
    """Palestine refugees registered with UNRWA in the country (one of its fields) in
    ``year``; 0 elsewhere or when the raw folder has no UNRWA table."""
    return _unrwa_in(tables, year, lambda field: field == iso3)


def unrwa_latest(tables: Tables, iso3: str, year: int) -> tuple[int, int] | None:
    """UNRWA's latest count of registered Palestine refugees in the field not after ``year``
    (its table may stop before the population file's last year): ``(year, registered)``;
    None where it gives none."""
    table = tables.unrwa_by_field
    if table is None:
        return None
    years = sorted(set(table.loc[table["year"] <= year, "year"]), reverse=True)
    return next(((y, n) for y in years if (n := unrwa_registered(tables, iso3, y))), None)


def migrant_stock(tables: Tables, iso3: str, year: int) -> pd.DataFrame:
    """UN DESA's international migrants living in the country, by year up to the latest
    estimate not after ``year`` (:func:`undesa.latest_estimate`: 2020 for 2023, as the
    briefing's world figure): ``migrants``, ``migrant_share`` (of the population) and
    ``women_share``; empty when UN DESA gives no estimate for it."""
    columns = ["migrants", "migrant_share", "women_share"]
    if tables.migrant_stock is None:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="year"))
    rows = _of_one_place(_estimates(tables, iso3).loc[:year], iso3)
    share = rows["migrant_share"].fillna(rows["migrants"] / rows["population"])
    if migrants_wider(iso3, rows.index.max()):  # a wider place's migrants, a narrower's people
        share = pd.Series(float("nan"), index=share.index)
    women = rows["women_share"].fillna(rows["migrants_female"] / rows["migrants"])
    return pd.DataFrame(
        {"migrants": rows["migrants"], "migrant_share": share, "women_share": women}
    )


def _estimates(tables: Tables, iso3: str) -> pd.DataFrame:
    """UN DESA's rows for the country with a migrant estimate of its own, by year: without
    the :data:`FILLED_FROM` equal ones or more that fill a new state's years before."""
    stock = tables.migrant_stock
    rows = stock[(stock["kind"] == "country") & (stock["iso3"] == iso3)]
    rows = rows.dropna(subset=["migrants"]).set_index("year").sort_index()
    counts = rows["migrants"].to_numpy()
    filled = int((counts == counts[0]).cumprod().sum()) if len(counts) else 0
    return rows.iloc[filled:] if filled >= FILLED_FROM else rows


def migrants_wider(iso3: str, year: float) -> str:
    """The new state UN DESA's migrant estimate of ``year`` for ``iso3`` counts in
    (:data:`~analysis.countries.MIGRANTS_WIDER_UNTIL`: "South Sudan" for Sudan to 2005), or ""."""
    last = MIGRANTS_WIDER_UNTIL.get(iso3)
    return SPLIT_FROM[iso3].state if last is not None and year <= last else ""


#: As many equal estimates or more at the start of a country's series are UN DESA's fill for
#: the years before its own (the 2024 revision's 652,365 for South Sudan, 73,743 for
#: Montenegro and 43,150 for Curaçao, 1990 to 2005): no estimate of the place.
FILLED_FROM = 3


def _of_one_place(rows: pd.DataFrame, iso3: str) -> pd.DataFrame:
    """UN DESA's estimates by year of the same place as the latest: not Sudan's with South
    Sudan (to 2005) beside those without (:data:`~analysis.countries.MIGRANTS_WIDER_UNTIL`)."""
    last = MIGRANTS_WIDER_UNTIL.get(iso3)
    if last is not None and len(rows):
        return rows.loc[:last] if rows.index[-1] <= last else rows.loc[last + 1 :]
    return rows


def migrants_place(iso3: str, name: str, revision: str | None, year: int) -> str:
    """The place UN DESA's migrant estimate of ``year`` is of: "Sudan (South Sudan
    included)" to 2005, as its notes say (:func:`migrants_wider`), else
    :func:`undesa_place`'s."""
    state = migrants_wider(iso3, year)
    return f"{name} ({state} included)" if state else undesa_place(iso3, name, revision, year)


def next_migrant_estimate(tables: Tables, iso3: str, year: int) -> tuple[int, float] | None:
    """UN DESA's first estimate of the migrants in the country after ``year``, as (year,
    migrants), for a year between its estimates: the brief gives it beside the one before
    (Uganda, 2018: 823,200 at mid-2015 beside 1.2 million refugees; 1.8 million at
    mid-2020); None when there is none, or ``year`` has an estimate of its own."""
    if tables.migrant_stock is None:
        return None
    shown = migrant_stock(tables, iso3, year).index
    place = migrants_wider(iso3, shown[-1] if len(shown) else year)
    later = _estimates(tables, iso3).loc[year + 1 :, "migrants"]
    later = later[[migrants_wider(iso3, at) == place for at in later.index]]  # of one place
    if year in shown or not len(later):  # the year's own estimate: none added
        return None
    return int(later.index[0]), float(later.iloc[0])


def counted_after(
    hosted_now: float, migrants: float, hosted_then: float, later: float | None = None
) -> bool:
    """Whether the refugees and OIP a country hosts now outnumber UN DESA's earlier estimate
    of all its international ``migrants``, where those it hosted at the estimate's date did
    not: counted after the estimate (Poland, 2022), which is then set beside them. Not when
    UN DESA's ``later`` estimate, of a date after now, is as large (Colombia, 2023: 2.9
    million beside 1.9 million at mid-2020, but 3.1 million at mid-2024)."""
    if later is not None and not pd.isna(later) and later >= hosted_now:
        return False
    return bool(hosted_now > migrants > (0 if pd.isna(hosted_then) else hosted_then))


def key_figures(tables: Tables, year: int) -> pd.DataFrame:
    """What an index of briefs shows, by ``iso3``: refugees and OIP hosted in the country
    (``hosted``) and from it (``from``) in ``year``; zero where the tables have no row, and
    missing (``<NA>``) on a side a download aggregated by the other dimension cannot show."""
    columns = {}
    for field, table in (("hosted", tables.by_asylum), ("from", tables.by_origin)):
        rows = table[table["year"] == year]
        people = in_need_of_protection(rows)
        columns[field] = people.groupby(rows["iso3"]).sum()
    figures = pd.DataFrame(columns).fillna(0).astype("Int64")
    for field, table in (("hosted", tables.by_asylum), ("from", tables.by_origin)):
        if table.empty:
            figures[field] = pd.NA
    return figures


# --- wording ---------------------------------------------------------------------------------


def count(n: float, singular: str, plural: str | None = None) -> str:
    """``no refugees``, ``1 refugee``, ``4,100 refugees``, ``2.9 million refugees``."""
    plural = plural or f"{singular}s"
    if not n:
        return f"no {plural}"
    return f"{numbers.people(n)} {singular if n == 1 else plural}"


def groups_text(row: Mapping[str, float]) -> str:
    """The groups a row counts, those above zero only: ``2.9 million refugees under UNHCR's
    mandate and 190,000 asylum-seekers`` (empty when all are zero)."""
    return listing([count(row[g], *GROUP_WORDS[g]) for g in GROUPS if row.get(g, 0)], escape=False)


def ordinal(n: int) -> str:
    """``first`` ... ``tenth``, then ``11th``, ``21st``, ``22nd``, ``103rd``, ``111th``."""
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_text(place: int, of: int, countries: str, superlative: str = "largest") -> str:
    """``the largest of 176 host countries``, ``the second-largest of ...``, ``the 25th-largest
    of ...`` (or ``highest``...); ``ranked 138th of 163 ...`` in the lower half; ``the only one
    of the host countries`` when alone."""
    if of == 1:
        return f"the only one of the {countries}"
    if place > of / 2:  # "the 138th-highest of 163" reads as a claim; a rank does not
        return f"ranked {ordinal(place)} of {of} {countries}"
    size = superlative if place == 1 else f"{ordinal(place)}-{superlative}"
    return f"the {size} of {of} {countries}"


def amount(n: float) -> str:
    """A count in a trend: ``none`` for zero, else as :func:`numbers.people` writes it."""
    return "none" if not n else numbers.people(n)


def category_note(series: pd.DataFrame, provisional: Collection[int] = frozenset()) -> str:
    """When most of a country's last count, or else of its peak, are other people in need of
    international protection, a group counted only from a later year than the series
    starts, a sentence saying so (its rise is partly a new count, not only new arrivals);
    else empty. The last count first: the trend ends on it (Colombia's "rose ... to 2.8
    million at the end of 2024", then "Nearly all of the 2.9 million counted in 2023").
    ``series`` is :func:`by_year`'s table; its ``provisional`` (mid-year) years are left
    out, as the trend sentence leaves them out."""
    series = series[~series.index.isin(list(provisional))]
    first = _first_oip_year(series)
    if first is None or first <= series.index[0] or not series["in_need"].any():
        return ""
    last = series.index[-1]
    most = series["oip"] > series["in_need"] / 2
    peak = last if most[last] else series["in_need"].idxmax()
    if not most[peak]:
        return ""
    part = series.at[peak, "oip"] / series.at[peak, "in_need"]  # "Nearly all": Colombia's 99.9%
    return (  # named, not "Most of them are": the sentence before may end on another count
        f"{wording.how_many(part).capitalize()} of the {amount(series.at[peak, 'in_need'])} "
        f"counted in {int(peak)} were other people in need of international protection, a "
        f"group UNHCR's figures count from {int(first)}."
    )


def _first_oip_year(series: pd.DataFrame) -> int | None:
    """The first year of :func:`by_year`'s table that counts other people in need."""
    counted = series.index[series["oip"].fillna(0) > 0]
    return None if counted.empty else int(counted[0])


def name_then(published: pd.DataFrame, year: int, oip: float, after_first: bool = False) -> str:
    """The name UNHCR's Global Trends gave other people in need of international protection
    in ``year``, as a sentence, when it was another ("Venezuelans displaced abroad", 2019 to
    2021) and the brief counts some (``oip``); for a year the data count them but no report
    had yet (2018), the report that first did ("them" ``after_first`` the sentence saying
    the data count them for the first time). ``published``: the published figures."""
    unhcr = published[published["publisher"] == "UNHCR"]
    named = unhcr.loc[unhcr["figure"] == "venezuelans_displaced_abroad", "year"].astype(int)
    if not oip or named.empty:
        return ""
    if year in set(named):
        return (
            f"UNHCR's Global Trends {year} called the other people in need of international "
            "protection “Venezuelans displaced abroad”."
        )
    if year < named.min():
        them = "them" if after_first else "other people in need of international protection"
        return (
            f"UNHCR's Global Trends first counted {them} in its report on {named.min()}, as "
            "“Venezuelans displaced abroad”."
        )
    return ""


def first_counted_oip(series: pd.DataFrame, year: int) -> float:
    """The other people in need of international protection of ``year`` when ``year`` is
    the first the series counts any (Iran's 879,500 at mid-2025, none before): a new count,
    not only new arrivals, so the text says so; else 0. ``series``: :func:`by_year`'s."""
    if _first_oip_year(series) != year or year == series.index[0]:
        return 0.0
    people = float(series.at[year, "oip"])
    return people if people >= MIN_CHARTED else 0.0


#: A series whose highest year is at most this much above its lowest stayed where it was
#: (IDMC's 426,000 internally displaced in Bangladesh from 2009, 432,000 in 2017).
STEADY = 1.02
#: A peak is told when it stands this far above both ends of a trend (7% above the last
#: year: the Islamic Republic of Iran's 3.8 million of 2023 beside 3.5 million in 2024).
PEAK_ABOVE_ENDS = 1.05


#: A year this many times above or below both the year before and the year after, which
#: agree (within twice each other) as do the years after, by at least 1,000 people, is a
#: swing no trend sentence should smooth over (Serbia's internally displaced: 213,000 in
#: 2020, 16,000 in 2021, 211,000 in 2022 and about 210,000 since); the data do not say why.
JUMP = 10


def _jump_and_back(values: pd.Series) -> tuple[tuple[int, float], ...] | None:
    """The first (year, count) triple around a year JUMP times above or below both its
    neighbours, which agree; None when there is none."""
    years, counts = [int(y) for y in values.index], [float(v) for v in values]
    for i in range(1, len(counts) - 1):
        before, now, after = counts[i - 1], counts[i], counts[i + 1]
        if years[i + 1] - years[i - 1] != 2:  # three years running, no gap
            continue
        if min(before, now, after) <= 0 or abs(now - before) < 1000:
            continue
        if max(before, after) > 2 * min(before, after):  # it did not come back: no swing
            continue
        later = counts[i + 2 :]  # and stayed back: Serbia's 16,000 of 2021 was the swing
        if later and max(*later, after) > 2 * min(*later, after):
            continue
        if now >= JUMP * max(before, after) or now * JUMP <= min(before, after):
            return tuple(zip(years[i - 1 : i + 2], counts[i - 1 : i + 2], strict=True))
    return None


#: A trend through a peak names the low after it when the last year stands this many times
#: above it (Uganda's people abroad: 40,400 in 2002, 5,600 in 2012, 7,400 in 2020), not "then
#: fell to 7,400 in 2020", which reads as a fall to the last year.
RISEN_FROM_LOW = 1.25


def trend_sentence(
    series: pd.Series, subject: str, provisional: Collection[int] = frozenset()
) -> str:
    """How ``series`` (by year) went from its first to its last complete year, through its
    peak when that stands well above both ends, and through its low when the series has
    since risen well above it; empty when the series is all zero or one year. The
    ``provisional`` years (mid-year counts) are left out: they are not set against
    end-year ones, and the last complete year is then dated "at the end of 2024". A year
    JUMP times above or below both neighbours gives its three figures and no trend.

    ``The number rose from 3,100 in 2000 to a peak of 3.8 million in 2021, then fell to 2.9
    million in 2024.`` ``It fell from 906,000 in 2000 to a low of 100,000 in 2012, then rose
    to 669,500 in 2016.`` ``It fell from 1.9 million in 2000 to a low of 798,300 in 2021, rose
    to a peak of 3.8 million in 2023, then fell to 3.5 million in 2024.``
    """
    values = series.fillna(0)
    dropped = values.index.isin(list(provisional))
    values = values[~dropped]
    if len(values) < 2 or not values.any():
        return ""
    jump = _jump_and_back(values)
    if jump:
        (y0, v0), (y1, v1), (y2, v2) = jump
        return (
            f"{subject} went from {amount(v0)} in {y0} to {amount(v1)} in {y1} and "
            f"{amount(v2)} in {y2}, a swing too abrupt to be read as a trend."
        )
    first, last = int(values.index[0]), int(values.index[-1])
    # beside a mid-year count (left out), the last complete year is dated as what it is
    at_last = f"at the end of {last}" if dropped.any() else f"in {last}"
    both = f"in {first} and {at_last}" if dropped.any() else f"in both {first} and {last}"
    start, end = float(values.iloc[0]), float(values.iloc[-1])

    def begun(shown: Callable[[float], str]) -> str:  # "rose from zero", not "from none"
        return shown(start) if start else "zero"

    peak_year, peak = int(values.idxmax()), float(values.max())
    inside = _peak_inside(values) is not None
    before = values[(values.index > first) & (values.index < peak_year)]
    after = values[values.index > peak_year] if inside else values.iloc[1:-1]
    fell_first = (
        len(before)
        and start >= 1.5 * before.min()
        and start - before.min() >= peak / 10
        and end > before.min()  # else the dip is no low
    )
    if inside and fell_first and amount(start) != amount(end):
        dip_year = int(before.idxmin())  # down, up to a peak, and down again
        show = _distinct(start, before.min(), peak, end)
        dip = f"a low of {show(before.min())}" if before.min() else "none"
        return (
            f"{subject} fell from {begun(show)} in {first} to {dip} in {dip_year}, rose to "
            f"a peak of {show(peak)} in {_peak_years(values, show)}, then fell to {show(end)} "
            f"{at_last}."
        )
    low_year = int(after.idxmin()) if len(after) else last
    low = float(values[low_year])
    risen = (
        low_year != last
        and end >= RISEN_FROM_LOW * low
        and end - low >= 1000
        and amount(low) != amount(end)
    )
    again = _peak_after(values, low_year)  # Pakistan: 1.0 million in 2006, 2.0 in 2007, 1.6
    if inside and risen:  # up, down, and up again
        show = _distinct(start, peak, low, end, *again[1:])
        return (
            f"{subject} rose from {begun(show)} in {first} to a peak of "
            f"{show(peak)} in {_peak_years(values, show)}, fell to {show(low)} in {low_year}, "
            f"{_rose_to_end(again, show, end, at_last)}."
        )
    if inside:
        if amount(start) == amount(end):
            return (
                f"{subject} was {amount(end)} {both}, with a peak of {amount(peak)} in "
                f"{_peak_years(values, amount)}."
            )
        show = _distinct(start, peak, end)
        return (
            f"{subject} rose from {begun(show)} in {first} to a peak of "
            f"{show(peak)} in {_peak_years(values, show)}, then fell to {show(end)} {at_last}."
        )
    # down, then up again: a fall that matters beside the series' scale, not 130 to 62, or
    # one that lost three quarters of the count, by MIN_CHARTED people or more (Mexico's
    # 18,500 of 2000 and 1,000 of 2008, before 198,500 in 2023)
    fell = start >= 1.5 * low and (
        start - low >= peak / 10 or (low <= start / 4 and start - low >= MIN_CHARTED)
    )
    if risen and fell and low_year != first:
        show = _distinct(start, low, end, *again[1:])
        lowest = f"a low of {show(low)}" if low else "none"
        return (
            f"{subject} fell from {begun(show)} in {first} to {lowest} in {low_year}, "
            f"{_rose_to_end(again, show, end, at_last)}."
        )
    back = _rise_fall_rise(values)  # the peak not above the last year (Colombia's IDPs)
    if back and not inside:
        (top_year, top), (low_year, low) = back
        show = _distinct(start, top, low, end)
        return (
            f"{subject} rose from {begun(show)} in {first} to {show(top)} in {top_year}, fell "
            f"to {show(low)} in {low_year}, then rose to {show(end)} {at_last}."
        )
    running = len(values) == last - first + 1  # every year between, none missing
    if len(values) >= 3 and running and values.min() > 0 and values.max() <= STEADY * values.min():
        to = f"the end of {last}" if dropped.any() else str(last)
        at, but = _steady_at(values)
        return f"{subject} stayed {at} every year from {first} to {to}{but}."
    if amount(start) == amount(end):
        return f"{subject} was {amount(end)} {both}."
    flat = _steady_until(values) if running else None
    if flat is not None:  # IDMC's Bangladesh: 426,000 from 2009 to 2022, 585,000 in 2024
        at, but = _steady_at(values.loc[:flat])
        return (
            f"{subject} stayed {at} every year from {first} to {flat}{but}, then "
            f"{wording.change(end, float(values[flat]))} to {amount(end)} {at_last}."
        )
    return (
        f"{subject} {wording.change(end, start)} from {begun(amount)} in {first} "
        f"to {amount(end)} {at_last}."
    )


def _rise_fall_rise(values: pd.Series) -> tuple[tuple[int, float], tuple[int, float]] | None:
    """A rise to a high, a fall from it by a third or more (a tenth of the series' highest or
    more), and a rise by half from the low to the last year: ((high year, high), (low year,
    low)), the high between the first year and the low (IDMC's Colombia: 4.9 million in
    2009, 7.25 million in 2016, 4.8 million in 2022, 7.26 million in 2024); else None."""
    if len(values) < 4:
        return None
    highs = values.cummax()
    low_year = int((values / highs).idxmin())  # the deepest fall from a high before it
    low, end = float(values[low_year]), float(values.iloc[-1])
    before = values[values.index < low_year]
    if before.empty or low_year == values.index[-1]:
        return None
    top_year, top = int(before.idxmax()), float(before.max())
    # not a one-year spike, which the step paragraph tells ("The number fell back to 3,800 in
    # 2008": Brazil's 20,800 of 2007)
    rose = top_year != values.index[0] and top > PEAK_ABOVE_ENDS * float(values.iloc[0])
    rose = rose and low_year - top_year >= 2
    fell = top >= 1.5 * low and top - low >= max(MIN_CHARTED, float(values.max()) / 10)
    risen = end >= 1.5 * low and end - low >= MIN_CHARTED  # not "to 5, fell to none, then 5"
    if rose and fell and risen and amount(low) != amount(end):
        return (top_year, top), (low_year, low)
    return None


def idp_latest_change(
    idps: pd.Series,
    trend: str,
    year: int,
    provisional: Collection[int] = frozenset(),
    fall: str = "",
) -> str:
    """IDMC's estimate's change into ``year``, when it moved by :data:`LATEST_CHANGE` of the
    year before or more (and :data:`MIN_CHARTED` people) and the ``trend`` sentence does
    not give the year before: "In 2024 alone the estimate rose by 2.2 million, from 5.1
    million in 2023; the data do not say how much of the rise was people newly displaced
    and how much a revised estimate." (Colombia: its trend "fell to 4.8 million in 2022,
    then rose to 7.3 million in 2024" hid a 43% rise in one year), without the year
    before's count where the trend gives it (Bangladesh: "stayed at 426,000 ... to 2023");
    empty otherwise, for a mid-year (``provisional``) count, and when :func:`idp_fall`'s
    sentence (``fall``) tells the change into ``year`` (one of another year leaves it to
    say: Sudan's of 2011)."""
    values = idps[~idps.index.isin(list(provisional))].dropna()
    if year not in values.index or year - 1 not in values.index or f"in {year}" in fall:
        return ""
    before, now = float(values[year - 1]), float(values[year])
    change = abs(now - before)
    if not before or change < max(MIN_CHARTED, LATEST_CHANGE * before):
        return ""
    shown = _adding_up(before, change, now)
    # the trend gives the year before ("stayed at 426,000 ... to 2023"): not said again
    since = "" if str(year - 1) in trend else f", from {shown[0]} in {year - 1}"
    why = (
        "the data do not say how much of the rise was people newly displaced and how much a "
        "revised estimate"
        if now > before
        else "here too the data do not say why"  # not the clause twice (Uganda; a proofreader)
        if IDP_FALL_WHY in fall
        else IDP_FALL_WHY
    )
    way = "rose" if now > before else "fell"
    return f"In {year} alone the estimate {way} by {shown[1]}{since}; {why}."


#: Why an estimate of internally displaced people fell, as the data cannot say.
IDP_FALL_WHY = (
    "the data do not say whether people returned home, settled elsewhere or left the country, "
    "or whether the estimate was revised"
)


def idp_fall(
    idps: pd.Series,
    trend: str,
    provisional: Collection[int] = frozenset(),
    iso3: str = "",
    tables: Tables | None = None,
) -> str:
    """The largest one-year fall of an estimate of internally displaced people that halved it
    (:func:`_steps`), which the ``trend`` sentence runs through without telling: "The estimate
    fell by more than three quarters in one year, from 954,000 in 2015 to 154,000 in 2016;
    the data do not say whether people returned home, settled elsewhere or left the
    country, or whether the estimate was revised." (IDMC's Türkiye, whose trend "fell from 1.0
    million in 2009 to 2,000 in 2019"); in the year a new state split from the country
    (``iso3``, :data:`SPLIT_FROM`), the split is said instead (Sudan's 4.8 million of 2010,
    2.2 million in 2011, when IDMC counts South Sudan's apart), with the new state's share of
    the fall where the ``tables`` give it (350,000, 13%); when the trend tells the
    fall's two years, only that its cause is unknown (Nigeria's 3.3 million of 2013 and 1.1
    million of 2014); empty when there is none.
    Mid-year (``provisional``) counts are left out."""
    values = idps[~idps.index.isin(list(provisional))].fillna(0)
    if len(values) < 3 or _jump_and_back(values) is not None:
        return ""
    falls = [step for step in _steps(values) if step[3] < step[2]]
    if not falls:
        return ""
    _, year, before, now = max(falls)
    if f"in {year - 1}" in trend and f"in {year}" in trend:  # the trend tells its size
        return (  # but not that it may be a revision (Nigeria: 3.3 million, 1.1 million)
            f"The data do not say whether the fall of {year} came from people returning home, "
            "settling elsewhere or leaving the country, or from a revised estimate."
        )
    written = step_amount(before, now)
    fell = (
        f"The estimate {step_words(before, now)} in one year, from {written(before)} in "
        f"{year - 1} to {written(now)} in {year}"
    )
    split = SPLIT_FROM.get(iso3)
    if split is not None and year == split.said_from:  # a border moved that year
        text = (
            f"{fell}, the year {split.state} became independent ({split.when}): IDMC's "
            f"estimates from {year} count the people displaced in {split.state} apart"
        )
        there = _new_state_idps(tables, split.state_iso3, year)
        if 0 < there < before - now:  # a part of the fall (South Sudan's 350,000 of 2.6 million)
            text += f" ({amount(there)} there in {year}, {numbers.share(there / (before - now))} "
            text += "of the fall)"  # (the rest: not said unknown, beside the returns told after)
        return f"{text}."
    return f"{fell}; {IDP_FALL_WHY}."


def _new_state_idps(tables: Tables | None, iso3: str, year: int) -> float:
    """IDMC's estimate for a new state (``iso3``) in ``year``; 0 where the tables give none."""
    if tables is None or tables.idps_conflict is None:
        return 0.0
    rows = tables.idps_conflict
    found = rows.loc[(rows["iso3"] == iso3) & (rows["year"] == year), "idps_conflict"]
    return float(found.fillna(0).sum())


def _ends_on_fall_from_peak(values: pd.Series, year: int) -> bool:
    """Whether :func:`trend_sentence` of year-end ``values`` ends "to a peak of ... in
    ``year - 1``, then fell to ... in ``year``": the peak the year before, :data:`PEAK_ABOVE_ENDS`
    above both ends (Uganda, 2018), not a high a little above the last year (Colombia's 2.9
    million of 2023 beside 2.8 million in 2024), which it does not tell."""
    return year == values.index[-1] and _peak_inside(values) == year - 1


def _peak_inside(values: pd.Series) -> int | None:
    """The year of the highest count when it is between the series' ends and stands
    :data:`PEAK_ABOVE_ENDS` above both, as :func:`trend_sentence` names a peak; else None."""
    peak_year, peak = int(values.idxmax()), float(values.max())
    ends = max(float(values.iloc[0]), float(values.iloc[-1]))
    inside = peak_year not in (values.index[0], values.index[-1])
    return peak_year if inside and peak > PEAK_ABOVE_ENDS * ends else None


def _peak_after(values: pd.Series, low_year: int) -> tuple[int, float] | tuple[()]:
    """The highest count after ``low_year`` and before the last year, as (year, count), when
    it stands :data:`PEAK_ABOVE_ENDS` above the last (Pakistan's 2.0 million of 2007, after a
    low of 1.0 million in 2006, beside 1.6 million in 2012); else ``()``."""
    between = values[(values.index > low_year) & (values.index < values.index[-1])]
    end = float(values.iloc[-1])
    if between.empty or between.max() <= PEAK_ABOVE_ENDS * end:
        return ()
    return int(between.idxmax()), float(between.max())


def _rose_to_end(
    peak: tuple[int, float] | tuple[()], show: Callable[[float], str], end: float, at_last: str
) -> str:
    """``then rose to 1.6 million in 2012``, or through a :func:`_peak_after`: ``rose to 2.0
    million in 2007, then fell to 1.6 million in 2012``."""
    if not peak:
        return f"then rose to {show(end)} {at_last}"
    return f"rose to {show(peak[1])} in {peak[0]}, then fell to {show(end)} {at_last}"


#: Years whose count is this share of the peak or more, and reads as it does, share it.
PEAK_YEARS_WITHIN = 0.99


def _peak_years(values: pd.Series, shown: Callable[[float], str]) -> str:
    """The year of the peak of ``values``, with the other years (three in all at most) whose
    count reads as the peak as it is ``shown``, within :data:`PEAK_YEARS_WITHIN` of it
    (Ukraine's 7,272 of 2007 and 7,321 of 2009: "a peak of 7,300 in 2007 and 2009", not
    "in 2009" beside a rise "to 7,300 in 2007"; not South Sudan's 1,869,000 of 2018 beside
    1,899,000 of 2017, a UNHCR editor)."""
    peak = shown(float(values.max()))
    near = PEAK_YEARS_WITHIN * float(values.max())  # not South Sudan's 1.87 beside 1.90 million
    alike = [int(y) for y, v in values.items() if v >= near and amount(v) == peak]
    if int(values.idxmax()) not in alike or len(alike) > 3:  # shown finer, or a plateau
        return str(int(values.idxmax()))
    return listing([str(y) for y in alike], escape=False)


def _distinct(*values: float) -> Callable[[float], str]:
    """:func:`amount` for the counts a sentence prints, ``values``, with one more digit for
    those that differ but would read alike ("a peak of 1.13 million in 2015, then fell to
    1.05 million", not "1.1 million" twice); the others as they are."""
    written = numbers.apart(*values)  # only those: "a low of 546,400" stays as it is written
    return lambda n: written(n) if n else amount(n)


def _steady_at(values: pd.Series) -> tuple[str, str]:
    """Where a steady series stayed, and the one year it did not, if so: ``("at 426,000",
    " except 2017 (432,000)")`` (IDMC's Bangladesh, 2009-2023: a year between its ends);
    ``("at about 426,000", "")`` when every count reads alike; else ``("between 426,000 and
    432,000", "")``."""
    written = values.map(amount)
    usual = written.mode().iloc[0]
    odd = written[written != usual]
    if len(odd) == 1 and values.index[0] < odd.index[0] < values.index[-1]:  # one inside
        same = values[written == usual]
        at = "at" if same.nunique() == 1 else "at about"
        return f"{at} {usual}", f" except {odd.index[0]} ({odd.iloc[0]})"
    low, high = amount(values.min()), amount(values.max())
    if values.nunique() == 1 and values.iloc[0] > SMALL_COUNT:  # IDMC's Kenya: 250,000
        return f"at {low}", ""  # (5 may stand for 1 to 4: "about 5")
    return (f"at about {low}", "") if low == high else (f"between {low} and {high}", "")


def _steady_until(values: pd.Series) -> int | None:
    """The last year of a :data:`STEADY` run from the series' first year, three years or
    more, when only the last year or two leave it; None otherwise."""
    for last_steady in (values.index[-2], values.index[-3]) if len(values) >= 4 else ():
        run = values.loc[:last_steady]
        if len(run) < 3:
            continue
        after = values.loc[last_steady:].iloc[1:]
        steady = run.min() > 0 and run.max() <= STEADY * run.min()
        if steady and not ((after >= run.min()) & (after <= STEADY * run.min())).any():
            return int(last_steady)
    return None


#: A one-year change is a step worth telling when the count at least doubles or halves
#: and moves by at least this share of the series' highest count (and MIN_CHARTED people).
#: Germany's 402,200 fewer refugees in 2013 beside its 2.7 million of 2024.
STEP_OF_PEAK = 0.1
#: Returns under this share of a fall are "only" so many, leaving almost all of it unexplained.
RETURNS_EXPLAIN = 0.1


def largest_step(
    series: pd.DataFrame, provisional: Collection[int]
) -> tuple[int, float, float] | None:
    """The (year, count before, count then) of the largest one-year change in ``in_need``
    that doubles or halves the count by at least :data:`STEP_OF_PEAK` of its highest (and
    MIN_CHARTED people), other than the first count of other people in need when they make
    most of it (:func:`category_note` says so); None when there is none, or when the series
    is :func:`_jump_and_back`'s swing. Mid-year (``provisional``) counts are left out."""
    values = _year_end(series, provisional)
    if len(values) < 2 or _jump_and_back(values) is not None:
        return None
    steps = [  # not a new category's first count (:func:`category_note` tells it)
        step for step in _steps(values) if not _first_count_made(series, step[1], step[0])
    ]
    if not steps:
        return None
    # a doubling or halving before a rise by half (Togo: 9,300 to 28,200 in 2023, not 28,200
    # to 47,500 in 2024), then the largest
    _, year, before, now = max(steps, key=lambda s: (2 * min(s[2:]) <= max(s[2:]), s[0]))
    return year, before, now


def trend_beside_step(trend: str, series: pd.DataFrame, provisional: Collection[int]) -> str:
    """``trend``, or nothing when the series' step runs from its first year to its last: the
    step's paragraph tells the same change (South Sudan's refugees, 105,000 in 2011 and
    202,600 in 2012, were told twice in a row)."""
    step = largest_step(series, provisional)
    values = _year_end(series, provisional)
    whole = step is not None and (step[0] - 1, step[0]) == (values.index.min(), values.index.max())
    return "" if whole else trend


def _first_count_made(series: pd.DataFrame, year: int, size: float) -> bool:
    """Whether a change of ``size`` into ``year`` is mostly the first count of other people
    in need (``year`` is the first that counts any): a new count, said as such, not news
    of arrivals (Colombia's 1.2 million of 2018)."""
    if _first_oip_year(series) != year or year - 1 not in series.index:
        return False
    return abs(series.at[year, "oip"] - series.at[year - 1, "oip"]) > size / 2


def _year_end(series: pd.DataFrame, provisional: Collection[int]) -> pd.Series:
    """:func:`by_year`'s ``in_need`` without its mid-year (``provisional``) counts."""
    values = series["in_need"].fillna(0)
    return values[~values.index.isin(list(provisional))]


#: A change into the brief's own year is told in a sentence of its own when it moves the
#: count by this share of the year before or more (and by STEP_OF_PEAK of its highest, and
#: MIN_CHARTED people), and no step (a doubling or halving) tells it: Chad's 592,800 of 2022
#: and 1.1 million of 2023 sat inside "rose from 17,700 in 2000 to 1.1 million in 2023";
#: Pakistan's fall of 427,800 in 2024 (21%) inside "then fell to 1.6 million in 2024".
LATEST_CHANGE = 0.2


def latest_change(series: pd.DataFrame, year: int, provisional: Collection[int]) -> str:
    """``In 2023 alone the number rose by 508,200, from 592,800 in 2022.``, when the count
    (``in_need`` of :func:`by_year`'s table) moved that much into ``year`` and neither a
    step sentence (:func:`_told_steps`: the Russian Federation's fall of 2024) nor the trend
    sentence tells it (the year before is the trend's
    first, highest or lowest: Greece's "peak of 192,400 in 2023, then fell to 116,500 in
    2024"), nor is it the first count of other people in need (Colombia, 2018: "from 260
    in 2017"); empty for a mid-year count, set against no end-year one."""
    values = _year_end(series, provisional)
    if year not in values.index or year - 1 not in values.index:
        return ""
    before, now = float(values[year - 1]), float(values[year])
    least = max(MIN_CHARTED, STEP_OF_PEAK * float(values.max()), LATEST_CHANGE * before)
    told = year - 1 in (values.index[0], values.idxmax(), values.idxmin())
    told = told or year in _told_steps(series, provisional)  # a step sentence's
    if not before or abs(now - before) < least or told:
        return ""
    if _first_count_made(series, year, abs(now - before)):  # a new count, said so
        return ""
    way = "rose" if now > before else "fell"
    change = abs(now - before)
    shown = _adding_up(before, change, now)
    return f"In {year} alone the number {way} by {shown[1]}, from {shown[0]} in {year - 1}."


def _adding_up(before: float, change: float, now: float) -> tuple[str, str]:
    """``before`` and ``change`` as written so that they add up to ``now`` as written: one
    digit more for the count before, then for the change too, if need be (4,700 and 1,700
    beside 6,500, for 4,724, 1,735 and 6,459: 4,720 and 1,740)."""
    sign = 1 if now >= before else -1
    for finer_before, finer_change in ((False, False), (True, False), (True, True)):
        shown = numbers.people(before, finer_before), numbers.people(change, finer_change)
        sums = numbers.as_written(before, finer_before) + sign * numbers.as_written(
            change, finer_change
        )
        if abs(sums - numbers.as_written(now)) <= numbers.written_step(now) / 2:
            break
    return shown


#: A fall of the year this large a share of the year before's count, mostly in one
#: country's count, says which (:func:`fall_made_by`).
FALL_MADE_BY = 0.1


def fall_made_by(tables: Tables, iso3: str, side: str, year: int, series: pd.DataFrame) -> str:
    """Who made a fall of ``year`` (:data:`FALL_MADE_BY` of the count or more), when one
    country on the other side made two thirds of it or more: "The fall was all in the count
    for the Russian Federation, from 1.2 million in 2023 to 6,900 in 2024; elsewhere the
    number rose by 380,300." (Ukraine's people abroad, ``side="abroad"``); "Of the fall,
    971,300 were people from Afghanistan (from 2.2 million in 2001 to 1.2 million in
    2002)." (a host, ``"hosted"``: Pakistan). A country's count can fall by a revision
    there alone, which this shows. Only for a fall the paragraph tells: the trend's, from a
    peak the year before, or :func:`latest_change`'s (not beside "then rose to 3,000 in
    2024", nor a step's, which its own paragraph tells); empty otherwise, and for a mid-year
    count."""
    provisional = tables.provisional_years
    values = _year_end(series, provisional)
    if year not in values.index or year - 1 not in values.index:
        return ""
    fall = float(values[year - 1] - values[year])
    if fall < max(MIN_CHARTED, FALL_MADE_BY * float(values[year - 1])):
        return ""
    if year in _told_steps(series, provisional):  # the step's paragraph tells that fall
        return ""
    sized = bool(latest_change(series, year, provisional))  # "In 2017 alone … fell by"
    if not _ends_on_fall_from_peak(values, year) and not sized:
        return ""  # a fall the text does not tell
    change = partner_change(tables, iso3, "origins" if side == "hosted" else "destinations", year)
    info = tables.countries.set_index("iso3")
    if change.empty or -float(change.min()) < 2 / 3 * fall:
        of = "Of that fall" if sized else f"Of the fall of {amount(fall)} in {year}"
        return _fall_made_by_few(change, info, side, fall, of)
    ends = (float(values[year - 1]), float(values[year]))
    return _made_by_one(tables, iso3, side, change, ends, (year - 1, year))


def _made_by_one(
    tables: Tables,
    iso3: str,
    side: str,
    change: pd.Series,
    ends: tuple[float, float],
    years: tuple[int, int],
    since: bool = False,
) -> str:
    """The sentence on the fall from ``ends[0]`` to ``ends[1]`` over ``years`` (the first and
    the last) that the country of ``change`` (by country on the other side) made two thirds
    of or more, with its own count at both ends, written so that they subtract to the part
    named (:func:`fall_made_by`, :func:`_peak_fall_made_by`, which names the fall "since" its
    first year, so that the two read apart where a brief tells both): a part never larger
    than the whole ("Of the fall, 137,100" of 137,000, Venezuela 2013-2018: "The fall since
    2013 was all among people from Colombia (from 204,300 in 2013 to 67,200 in 2018)"); no
    ends that are the count's own, as written (Pakistan, 2024: "The fall was all among
    people from Afghanistan.")."""
    code, made = change.idxmin(), -float(change.min())
    where = _whose(tables, code, side)
    if not where:
        return ""
    first, year = years
    fall = ends[0] - ends[1]
    pair = _pair_people(tables, iso3, year, "origins" if side == "hosted" else "destinations")
    then = float(pair.loc[pair["iso3"] == code, "people"].sum())
    own = [amount(then + made), amount(then)]
    span = (
        ""
        if own == [amount(e) for e in ends]
        else f" (from {own[0]} in {first} to {own[1]} in {year})"
    )
    before, part, after = _end_as_written(then + made, made, then)  # 2,650 less 2,540: 110
    spanned = f" (from {before} in {first} to {after} in {year})"
    the_fall = f"the fall since {first}" if since else "the fall"
    whole = where if side == "abroad" else f"among {where}"
    others = float(change.sum()) + made  # every other country's change together
    if others <= 0 and numbers.people(made) == numbers.people(fall):  # not the count again
        return f"{wording.capitalized(the_fall)} was all {whole}{span}."
    if others <= 0 and made >= wording.NEARLY_ALL * fall:  # 49,900 of 50,400 (Peru, 2019)
        return f"Nearly all of {the_fall} was {whole}: {part} fewer{spanned}."
    if others <= 0:
        return f"Of {the_fall}, {part} were {where}{spanned}."
    elsewhere = "elsewhere the number" if side == "abroad" else "the number from other countries"
    # "the number from other countries rose by 2" says nothing
    rose = f"; {elsewhere} rose by {numbers.people(others)}" if others >= MIN_CHARTED else ""
    return f"{wording.capitalized(the_fall)} was all {whole}{span}{rose}."


def _end_as_written(before: float, made: float, then: float) -> tuple[str, str, str]:
    """The count ``before`` a fall, the part ``made`` of it and the count ``then`` after, as
    a sentence writes them (:func:`_adding_up`); the count after at the step of the other
    two when both are written finer and their difference as written is its rounding (25,630
    beside 69,240 and 94,870, not 25,600), else as :func:`amount` writes it (8,500 beside
    "1.49 million"; 2,390 beside 3,100 and 730 is not written 2,370)."""
    start, part = _adding_up(before, made, then)
    finer = start != numbers.people(before) and part != numbers.people(made)
    finer = finer and "million" not in start + part  # a step far above a count under it
    end = numbers.as_written(before, finer) - numbers.as_written(made, finer)
    shown = numbers.people(end, True) if finer and end > 0 else ""
    step = numbers.written_step(before) / 10  # the step the count before is written to
    exact = bool(shown) and numbers.as_written(end, True) == end and abs(end - then) <= step / 2
    return start, part, shown if exact else amount(then)


def _fall_made_by_few(
    change: pd.Series, info: pd.DataFrame, side: str, fall: float, of: str
) -> str:
    """Where most of a ``fall`` no one country made was, when two or three made two thirds of
    it, after ``of`` ("Of that fall" when the sentence before sized it): "Of the fall of
    170,100 in 2019, 88,100 were people from South Sudan and 65,000 from Somalia." (Ethiopia);
    "Of that fall, 54,500 were counted in Ecuador and 49,200 in the Bolivarian Republic of
    Venezuela." (Colombians abroad, 2017); empty otherwise."""
    falls = -change[change < 0].sort_values()  # largest first
    few = falls.head(3)[falls.head(3).cumsum().shift(fill_value=0) < 2 / 3 * fall]
    if len(few) < 2 or few.sum() < 2 / 3 * fall:
        return ""
    if not all(code in info.index and info.at[code, "is_country"] for code in few.index):
        return ""
    where = "in" if side == "abroad" else "from"
    first = "were counted in" if side == "abroad" else "were people from"  # then "in", "from"
    items = [
        f"{numbers.people(made)} {first if i == 0 else where} "
        f"{plain(wording.the(info.at[code, 'name']))}"
        for i, (code, made) in enumerate(few.items())
    ]
    return f"{of}, {listing(items, escape=False)}."


#: A one-year rise by half or more that is this large a share of the series' highest is a
#: step too (Afghans in Pakistan, 2007: 1.0 to 2.0 million, hidden in "fell to 1.0 million
#: in 2006, then rose to 1.9 million in 2010").
LARGE_STEP_OF_PEAK = 1 / 3


def _steps(values: pd.Series) -> list[tuple[float, int, float, float]]:
    """Each (size, year, count before, count then) of a one-year change between consecutive
    years that doubled or halved the count by at least :data:`STEP_OF_PEAK` of its highest
    (and MIN_CHARTED people), or rose by half by :data:`LARGE_STEP_OF_PEAK` of it."""
    peak = float(values.max())
    least = max(MIN_CHARTED, STEP_OF_PEAK * peak)
    steps = []
    for year in values.index[1:]:
        if year - 1 not in values.index:  # consecutive years only
            continue
        before, now = float(values[year - 1]), float(values[year])
        size = abs(now - before)
        large = now > 1.5 * before and size >= max(least, LARGE_STEP_OF_PEAK * peak)
        if size >= least and (min(before, now) * 2 <= max(before, now) or large):
            steps.append((size, int(year), before, now))
    return steps


def returns_by_year(tables: Tables, iso3: str, side: str) -> pd.Series | None:
    """Refugees who returned home by year: from the country (``side="hosted"``, by country
    of asylum) or to it (``"abroad"``, by origin); None when the population file has no
    column of returns."""
    if "returned_refugees" in tables.absent:
        return None
    table = tables.by_asylum if side == "hosted" else tables.by_origin
    return table[table["iso3"] == iso3].set_index("year")["returned_refugees"]


def naturalised_by_year(
    tables: Tables, iso3: str, side: str, partner: str | None = None
) -> pd.Series | None:
    """Refugees naturalised by year: in the country (``side="hosted"``) or, from it, abroad
    (``"abroad"``), those of or in ``partner`` alone if given; None without UNHCR's
    solutions table, or with one totalled over that side (unknown, not none: Tanzania's
    155,100 of 2009)."""
    table = tables.naturalisation
    totalled = "asylum" if side == "hosted" else "origin"
    if table is None or "solutions" in tables.missing or totalled in tables.totalled("solutions"):
        return None
    column, other = (
        ("asylum_iso3", "origin_iso3") if side == "hosted" else ("origin_iso3", "asylum_iso3")
    )
    rows = table[table[column] == iso3]
    rows = rows if partner is None else rows[rows[other] == partner]
    return rows.groupby("year")["naturalised"].sum()


#: Small multiples in words, as style guides write them.
FOLDS = {4: "fourfold", 5: "fivefold", 6: "sixfold", 7: "sevenfold", 8: "eightfold"}
FOLDS |= {9: "ninefold", 10: "tenfold"}


def step_words(before: float, now: float) -> str:
    """How a count changed that doubled or halved: "doubled", "more than tripled", "rose
    more than 200-fold" (refugees from Ukraine, 2022), "fell by more than three quarters",
    "by more than two thirds" (Germany's 589,700 to 187,500, 2006-2007);
    "rose" or "fell" from or to none."""
    if not before or not now:
        return "rose" if now > before else "fell"
    if now > before:
        ratio = now / before
        if ratio < 2:  # a large rise short of a doubling (:data:`LARGE_STEP_OF_PEAK`)
            if ratio >= 1.8:
                return "nearly doubled"
            rise = numbers.share(ratio - 1)
            return "rose by more than half" if ratio > 1.5 else f"rose by {rise}"
        if ratio < 4:
            word = "doubled" if ratio < 3 else "tripled"
            return f"more than {word}" if ratio > int(ratio) else word
        fold = int(ratio) if ratio < 10 else _leading(ratio)
        words = FOLDS.get(fold, f"{fold}-fold")
        return f"rose more than {words}" if ratio > fold else f"rose {words}"
    left = now / before
    for share, words in (
        (0.1, "90%"),
        (0.25, "three quarters"),
        (1 / 3, "two thirds"),
        (0.5, "half"),
    ):
        if left < share:
            return f"fell by more than {words}"
    return "halved"


#: A mid-year count is set against the year-end one before it when it moved by this share.
MID_YEAR_MOVE = 0.1


def mid_year_change(
    tables: Tables, iso3: str, side: str, series: pd.DataFrame, year: int, again: bool = False
) -> str:
    """For a mid-year brief, the count set against the end of the year before, as Mid-Year
    Trends sets them, when it moved by :data:`MID_YEAR_MOVE` (and MIN_CHARTED people), with
    the country on the other side that made most of it: "At mid-2025 the number was 4.9
    million, 1.1 million fewer than at the end of 2024 (a provisional mid-year count set
    against a year-end one)" (``again``, after the brief said so: "(provisional)"). The
    trend sentence stops at the year-end count. Empty otherwise."""
    provisional = tables.provisional_years
    if year not in provisional or year - 1 not in series.index or year - 1 in provisional:
        return ""
    before, now = float(series.at[year - 1, "in_need"]), float(series.at[year, "in_need"])
    change = now - before
    if pd.isna(change) or abs(change) < max(MIN_CHARTED, MID_YEAR_MOVE * before):
        return ""  # (moved by less than a tenth of the year-end count)
    word = "more" if change > 0 else "fewer"
    text = (
        f"At mid-{year} the number was {amount(now)}, {amount(abs(change))} {word} than at the "
        f"end of {year - 1} {'(provisional)' if again else wording.MID_YEAR_AGAINST_YEAR_END}."
    )
    moved = partner_change(tables, iso3, "origins" if side == "hosted" else "destinations", year)
    credit = _credited(moved[moved * change > 0].abs(), change, tables, side)
    return f"{text} {credit}" if credit else text


def _credited(moved: pd.Series, change: float, tables: Tables, side: str) -> str:
    """Who made a mid-year ``change`` (``moved``: each other country's part of it, by
    code), when one country made half of it or more: "All of the change was …", "51% of the
    change was in the count for Türkiye (553,700 fewer).", or, beyond the whole, what the
    others did; empty otherwise (and for UNHCR's "Unknown", no country)."""
    info = tables.countries.set_index("iso3")
    if moved.empty or moved.max() < abs(change) / 2 or moved.idxmax() not in info.index:
        return ""
    if not info.at[moved.idxmax(), "is_country"]:
        return ""
    named = plain(wording.the(info.at[moved.idxmax(), "name"]))
    where = f"in the count for {named}" if side == "abroad" else f"among people from {named}"
    word = "more" if change > 0 else "fewer"
    made, rest = float(moved.max()), float(moved.max()) - abs(change)  # others', the other way
    if amount(made) == amount(abs(change)):  # as written, the whole change
        return f"All of the change was {where}."
    if rest > 0:  # more than the change: others moved the other way (Cameroonians in Nigeria)
        other = "fewer" if word == "more" else "more"
        others = "elsewhere the number" if side == "abroad" else "the number from other countries"
        return (
            f"The change was all {where} ({amount(made)} {word}); {others} was "
            f"{amount(rest)} {other}."
        )
    part = made / abs(change)  # "Nearly all", "Most", or "51%" for barely half
    said = wording.how_much(part).capitalize() if part >= 0.6 else numbers.share(part)
    return f"{said} of the change was {where} ({amount(made)} {word})."


def returned_to(tables: Tables, iso3: str, year: int) -> str:
    """Where the refugees who left the country to go home that year went: "Ukraine" (all
    of them, as written; all, below :data:`FEW_IN_WORDS`), "their own countries, most of
    them (54,300) to Ukraine" (over half; below it in words alone, "nearly all of them to
    Iraq": 175 of 180), else "their own countries" (or "country", for one)."""
    pairs = tables.by_origin_and_asylum.query("asylum_iso3 == @iso3 and year == @year")
    home = pairs.groupby("origin_iso3")["returned_refugees"].sum()
    home = home[home > 0].sort_values(ascending=False)
    info = tables.countries.set_index("iso3")
    if home.empty:
        return "their own country"
    first, total = home.index[0], float(home.sum())
    named = first in info.index and bool(info.at[first, "is_country"])
    name = plain(wording.the(info.at[first, "name"])) if named else ""
    few = home.iloc[0] < FEW_IN_WORDS  # all, exactly: 175 of 180 is not "Iraq"
    if named and (home.iloc[0] == total if few else amount(home.iloc[0]) == amount(total)):
        return name
    countries = "their own countries" if len(home) > 1 else "their own country"
    if not named or home.iloc[0] <= total / 2:
        return countries
    part = float(home.iloc[0]) / total
    if few:  # in words alone: "most of them (13)" of 25, or 175 beside a total written 180
        return f"{countries}, {wording.how_many(part)} of them to {name}"
    return f"{countries}, {wording.how_many(part)} of them ({amount(home.iloc[0])}) to {name}"


#: Fewer people than this going to one country are put in words alone ("most of them to
#: Burundi"): a count of them would stand beside a total rounded otherwise.
FEW_IN_WORDS = 1000


#: Asylum-seekers' change into the brief's year is told when it at least doubles or halves
#: their number and moves by this share of everyone the chart counts that year or the year
#: before (Venezuelans abroad, 2017: 45,100 to 148,100, beside 9,300 refugees).
ASYLUM_STEP_OF_ALL = 0.1


def asylum_step(series: pd.DataFrame, year: int, provisional: Collection[int]) -> str:
    """ "Asylum-seekers more than tripled in one year, from 45,100 in 2016 to 148,100 in
    2017." for a change into ``year`` of :func:`by_year`'s ``asylum_seekers`` that doubled or
    halved them by :data:`ASYLUM_STEP_OF_ALL` of all counted (and MIN_CHARTED people); empty
    otherwise, and beside a mid-year count."""
    if year in provisional or year - 1 in provisional or year - 1 not in series.index:
        return ""
    before, now = (float(series.at[y, "asylum_seekers"]) for y in (year - 1, year))
    everyone = series.loc[[year - 1, year], ["in_need", "asylum_seekers"]].sum(axis=1).max()
    doubled = 2 * min(before, now) <= max(before, now)
    if not doubled or abs(now - before) < max(MIN_CHARTED, ASYLUM_STEP_OF_ALL * everyone):
        return ""
    written = step_amount(before, now)
    return (
        f"Asylum-seekers {step_words(before, now)} in one year, from {written(before)} in "
        f"{year - 1} to {written(now)} in {year}."
    )


def _leading(n: float) -> int:
    """``n`` rounded down to its leading digit: 26 -> 20, 206 -> 200."""
    scale = 10 ** (len(str(int(n))) - 1)
    return int(n) // scale * scale


def step_for(tables: Tables, iso3: str, name: str, side: str, series: pd.DataFrame) -> str:
    """:func:`step_sentence` for a brief: the country's people hosted (``side="hosted"``)
    or abroad (``"abroad"``, :func:`by_year`'s ``series``), with the returns and
    naturalisations the data record ("from Germany" / "there"; "to Germany" / "abroad")."""
    gone = _gone(tables, iso3, name, side, series)
    returns, whence, naturalised, where, onward, counted = gone
    said = step_sentence(
        series,
        tables.provisional_years,
        returns,
        whence,
        naturalised=naturalised,
        naturalised_where=where,
        onward=onward,
        onward_counted=counted,
        arrived="arrivals" if side == "hosted" else "new departures",
        made_by=lambda year, rise: rise_made_by(tables, iso3, side, year, rise),
    )
    if said and told_fall_from_peak(series, tables.provisional_years, gone):
        said = f"{said} {_peak_fall_made_by(tables, iso3, side, series)}".rstrip()
    return said


def _peak_fall_made_by(tables: Tables, iso3: str, side: str, series: pd.DataFrame) -> str:
    """Who made the fall from the highest year that :func:`_fall_from_peak_sentence` tells
    over several years, when one country on the other side made two thirds of it or more:
    "Of the fall, 217,700 were people from Somalia (from ... in 2017 to ... in 2024)."
    (Yemen, 2017-2024: a fall of 224,100, which the returns did not account for; an
    editor), as :func:`_made_by_one` words it; else empty."""
    fell = _fall_from_peak(_year_end(series, tables.provisional_years))
    if fell is None or fell[2] is not None or tables.by_origin_and_asylum is None:
        return ""  # no such fall, or a step its own sentence tells
    peak, end, _ = fell
    which = "origins" if side == "hosted" else "destinations"
    change = partner_change(tables, iso3, which, end, since=peak)
    fall = float(series["in_need"][peak] - series["in_need"][end])
    if change.empty or fall <= 0 or -float(change.min()) < 2 / 3 * fall:
        return ""
    ends = (float(series["in_need"][peak]), float(series["in_need"][end]))
    return _made_by_one(tables, iso3, side, change, ends, (peak, end), since=True)


def _whose(tables: Tables, code: str, side: str) -> str:
    """``people from Somalia`` (a host's count, ``side="hosted"``) or ``in the count for the
    Russian Federation`` (a country's people abroad): the country that made a change; empty
    for a code that is no country."""
    info = tables.countries.set_index("iso3")
    if code not in info.index or not info.at[code, "is_country"]:
        return ""
    named = plain(wording.the(info.at[code, "name"]))
    return f"in the count for {named}" if side == "abroad" else f"people from {named}"


def _gone(tables: Tables, iso3: str, name: str, side: str, series: pd.DataFrame) -> tuple:
    """What a brief sets beside a fall: the returns (and whence), the naturalisations (and
    where), and the bound on resettlement onward, or for people abroad their resettlement,
    and whether that is a count (:func:`_left_the_count`'s arguments)."""
    whence, where = (f"from {name}", "there") if side == "hosted" else (f"to {name}", "abroad")
    if side == "hosted":
        receives = _receives_resettlement(tables, iso3, int(series.index.max()))
        onward = None if receives else resettled_onward(tables, iso3)
    else:  # people resettled from a third country often leave the count (Nepal's Bhutanese)
        onward = resettled_from(tables, iso3)
    naturalised = naturalised_by_year(tables, iso3, side)
    counted = side != "hosted"
    return returns_by_year(tables, iso3, side), whence, naturalised, where, onward, counted


def _gone_from_one(
    tables: Tables, iso3: str, name: str, side: str, year: int, fall: float
) -> tuple | None:
    """When one country's count made the whole ``fall`` (:func:`fall_made_by`'s "The fall
    was all in the count for the Russian Federation"), the returns the data record between
    it and the country, for :func:`_left_the_count`: Ukraine's 209,100 returns home of
    2024, from Poland, Bulgaria and others, were set against the Russian Federation's fall,
    which no return explains (an editor). None otherwise, or without the pairs' returns."""
    pairs = tables.by_origin_and_asylum
    if pairs is None or "returned_refugees" not in pairs.columns:
        return None
    change = partner_change(tables, iso3, "origins" if side == "hosted" else "destinations", year)
    if change.empty or -float(change.min()) < fall:
        return None
    code = change.idxmin()
    named = plain(wording.the(tables.names.get(code, code)))
    mine, theirs = (
        ("asylum_iso3", "origin_iso3") if side == "hosted" else ("origin_iso3", "asylum_iso3")
    )
    rows = pairs[(pairs[mine] == iso3) & (pairs[theirs] == code)]
    returns = rows.groupby("year")["returned_refugees"].sum()
    whence = f"from {name} to {named}" if side == "hosted" else f"to {name} from {named}"
    citizens = naturalised_by_year(tables, iso3, side, code)  # None: unknown, a way out
    where = f"in {named}" if side == "abroad" else "there"
    return returns, whence, citizens, where, None, False


def latest_fall_left(
    tables: Tables, iso3: str, name: str, side: str, series: pd.DataFrame, year: int
) -> str:
    """Beside a fall of ``year`` that :func:`latest_change` tells ("In 2005 alone the number
    fell by 128,400"), or that the trend ends on from a peak the year before ("to a peak of
    1.4 million in 2017, then fell to 1.2 million in 2018": Uganda), the returns and
    naturalisations the data record that year, when they account for less than half of it
    (Serbia and Montenegro, 2005: 4,800 returns): "The data record only 4,800 refugees
    returning home …, against that fall: the others left the count in ways these figures
    do not show, …"; else empty."""
    provisional = tables.provisional_years
    values = _year_end(series, provisional)
    if year not in values.index or year - 1 not in values.index:
        return ""
    if not latest_change(series, year, provisional) and not _ends_on_fall_from_peak(values, year):
        return ""
    if year in _told_steps(series, provisional):  # the step's paragraph sets the returns beside
        return ""  # it (Montenegro, 2024: the same sentence twice; a reviewer)
    before, now = float(values[year - 1]), float(values[year])
    gone = _gone(tables, iso3, name, side, series)
    if now >= before or gone[0] is None:  # a rise, or no returns to set beside it
        return ""
    if fall_made_by(tables, iso3, side, year, series):  # that country named before: its own
        gone = _gone_from_one(tables, iso3, name, side, year, before - now) or gone
    fell = _fall_from_peak(values)  # the fall since the peak, to this year, told later
    after = fell is not None and fell[1] == year and fell[2] is None
    return _left_the_count(  # "against that fall": the sentence before gave its size
        [year], before - now, *gone, when="that year", unexplained_only=True, told=True,
        said_after=after and bool(told_fall_from_peak(series, provisional, gone)),
    )  # fmt: skip


def asylum_beside_fall(
    tables: Tables, iso3: str, side: str, series: pd.DataFrame, year: int
) -> str:
    """Beside a fall of ``year`` that :func:`latest_fall_left` finds the returns do not account
    for, made mostly (half or more) between the country and one other, that pair's
    asylum-seekers when they rose by as much or more that year (Peru, 2019: Venezuelans
    displaced abroad fell by 49,900 there and Venezuelan asylum-seekers rose by 255,200; an
    editor read the fall as unexplained): "Asylum-seekers from the Bolivarian Republic of
    Venezuela there rose by 255,200 that year, from 227,300 to 482,600: some of the people
    who left the count above may be among them; the data do not say."; else empty (not
    beside asylum-seekers of other origins: Egypt, 2023, a reviewer; nor for fewer than
    :data:`MIN_CHARTED` of them)."""
    values = _year_end(series, tables.provisional_years)
    if year not in values.index or year - 1 not in values.index:
        return ""
    fall = float(values[year - 1] - values[year])
    change = partner_change(tables, iso3, "origins" if side == "hosted" else "destinations", year)
    if fall <= 0 or change.empty or -float(change.min()) < fall / 2:
        return ""
    other, gone = change.idxmin(), -float(change.min())
    origin, host = (other, iso3) if side == "hosted" else (iso3, other)
    before, now = (_pair_count(tables, origin, host, y, "asylum_seekers") for y in (year - 1, year))
    countries = tables.countries.query("is_country").set_index("iso3")["name"]
    if other not in countries.index or now - before < max(gone, MIN_CHARTED):
        return ""  # not "from Unknown", nor a dozen people
    name = plain(wording.the(countries[other]))
    # the pair named with its own fall first: the text before may not have named it (Libya,
    # 2015: "Asylum-seekers from the Syrian Arab Republic" came from nowhere; a reviewer)
    whence = name if side == "hosted" else plain(wording.the(tables.names.get(iso3, iso3)))
    fell = f"The number from {name} there" if side == "hosted" else f"The number in {name}"
    where = "there" if side == "hosted" else f"in {name}"
    return (
        f"{fell} fell by {amount(gone)} that year, while asylum-seekers from {whence} {where} "
        f"rose by {numbers.people(now - before)}, from {amount(before)} to {amount(now)}: some "
        "of the people who left the count may be among them; the data do not say."
    )


#: A host's rise in people from one origin reads as arrivals when that origin's number
#: abroad rose by this many times as much (Ukrainians in Poland, 2022: 957,700 of 5.7
#: million); a host counting more of it may have counted people already there anew.
ARRIVALS_ELSEWHERE = 3


def shows_arrivals(origin_rise: float, here: float) -> bool:
    """Whether a host's rise of ``here`` people from one origin reads as arrivals: that
    origin's number abroad rose by :data:`ARRIVALS_ELSEWHERE` times as much or more, so
    that most of it was counted elsewhere; a rise counted mostly here (Afghans in Iran,
    2022) may be this country's new count."""
    return origin_rise >= ARRIVALS_ELSEWHERE * here


def rise_made_by(tables: Tables, iso3: str, side: str, year: int, rise: float) -> tuple[str, bool]:
    """Who made most of a ``rise`` in ``year``, and whether that shows people arriving:
    "Of the rise, 957,700 were people from Ukraine. The number of people from Ukraine
    abroad rose by 5.7 million that year, 17% of it in the count for Poland." (a host,
    ``side="hosted"``: Poland, 2022; their
    number abroad rose :data:`ARRIVALS_ELSEWHERE` times as much: arrivals; Iran's Afghans of
    2022 made most of their rise abroad, which is said, and may be a new count), or "Of the
    rise, 2.6 million were counted in the Islamic Republic of Iran." (a country's people
    abroad, ``"abroad"``: which may be a new count there); "All of the rise came from …; the
    number from all other countries together fell" when one country made more than the
    whole rise; for people abroad counted in three countries or more, each a tenth of the
    rise, with none making half of it, "No one country counted half of the rise; the
    largest part, 1.3 million, was counted in the Russian Federation." (Ukraine, 2022:
    departures, not one host's new count); empty when no one country of origin (or host)
    made half of it."""
    change = partner_change(tables, iso3, "origins" if side == "hosted" else "destinations", year)
    if change.empty:
        return "", False
    code, amount = change.idxmax(), float(change.max())
    info = tables.countries.set_index("iso3")
    if code not in info.index or not info.at[code, "is_country"]:
        return "", False
    countries = change[change.index.isin(info.index[info["is_country"]])]
    spread = (countries >= 0.1 * rise).sum() >= 3 and rise >= 10 * MIN_CHARTED
    if amount < rise / 2 and side == "abroad" and spread:
        # counted in many countries at once (Ukraine's people abroad, 2022): departures,
        # not one host's new count
        named = plain(wording.the(info.at[code, "name"]))
        return (
            f"No one country counted half of the rise; the largest part, "
            f"{numbers.people(amount)}, was counted in {named}.",
            True,
        )
    if amount < rise / 2:
        return "", False
    named, more = plain(wording.the(info.at[code, "name"])), numbers.people(amount)
    if side == "abroad":
        given = origins_given(tables, code, iso3, year, amount)  # the host's reporting changed
        if amount > rise:  # others fell meanwhile (Germany's people abroad, 2002)
            said = (
                f"All of the rise was counted in {named} ({more} more); the count elsewhere fell "
                f"by {numbers.people(amount - rise)}"
            )
        elif more == numbers.people(rise):  # the whole rise, as written: not its count again
            said = f"All of the rise was counted in {named}"
        else:
            said = (
                f"Of the rise, {more} were counted in {named}"
                f"{_next_host(change.drop(code), info, rise, amount)}"
            )
        return (f"{said}. {given}", True) if given else (f"{said}.", False)
    if float(countries.sum()) - float(change.sum()) >= rise:  # a host's unknown origins fell
        return "", False  # by more than the rise: who made it cannot be told (Germany, 2002)
    abroad = by_year(tables.by_origin, code, year)["in_need"]
    total = float(abroad.get(year, 0) - abroad.get(year - 1, 0))
    arrivals = shows_arrivals(total, amount)
    who = wording.in_need(tables.counts_oip(year))  # not all its emigrants: those counted here
    since = f" The number of {who} from {named} abroad rose by {numbers.people(total)} that year"
    if total < amount:
        since = ""
    else:  # what share of it was here: 3% (arrivals, the United Kingdom's Ukrainians, 2022)
        here = plain(wording.the(info.at[iso3, "name"])) if iso3 in info.index else "this country"
        part = amount / total  # "nearly all" (Algeria, 2024: 83,600 of 83,604), "42%"
        said = wording.how_much(part) if part > 0.5 else numbers.share(part)
        said = "under 1%" if said == "0%" else said  # Iceland's Ukrainians, 2022: not "0%"
        since += f", {said} of it in the count for {here}."
        if numbers.people(total) == more:  # not the same count twice: what share it is
            since = f" That was {said} of the rise in their number abroad that year."
    others = float(countries.drop(code, errors="ignore").sum())  # other countries only
    if amount > rise and others < 0:  # others fell meanwhile (Togo, 2023: 19,300 more from BFA)
        unknown = amount - rise + others  # and of no known origin (Germany, 2022: 12,900)
        return (
            f"All of the rise came from {named} ({more} more); the number from all other "
            f"countries together fell by {numbers.people(-others)}"
            + (
                f", and the number of no known country of origin by {numbers.people(unknown)}"
                if unknown >= MIN_CHARTED
                else ""
            )
            + f".{since}",
            arrivals,
        )
    if amount > rise and amount - rise >= MIN_CHARTED:  # fewer of no known origin
        return (
            f"All of the rise came from {named} ({more} more); the number of no known country "
            f"of origin fell by {numbers.people(amount - rise)}.{since}",
            arrivals,
        )
    if amount > rise:
        return f"All of the rise came from {named}.{since}", arrivals
    if more == numbers.people(rise):  # Afghanistan, 2010: "to 6,400 … Of the rise, 6,400"
        return f"All of the rise came from {named}.{since}", arrivals
    return f"Of the rise, {more} were people from {named}.{since}", arrivals


#: A host whose people of unknown origin were this share of its count or more, and fell by
#: this share of them or more in a year, as those of known origin rose by nearly as much,
#: gave them their origins (Germany, 2002: 879,000 of 903,000, to 94,900).
ORIGINS_GIVEN = 0.5
#: The share of that fall the rise among known origins makes up at least.
ORIGINS_GIVEN_MADE_UP = 0.75


def origins_given(tables: Tables, host: str, origin: str, year: int, rise: float) -> str:
    """Where ``host`` may have given, in ``year``, their countries of origin to the people it
    had counted as of unknown origin, so that ``origin``'s ``rise`` there is not departures:
    its people of unknown origin were :data:`ORIGINS_GIVEN` of its count or more and fell by
    as much of them and by ``rise`` or more, while its known origins rose by
    :data:`ORIGINS_GIVEN_MADE_UP` of that fall to its inverse (and it counts
    :data:`MIN_CHARTED` people or more); not where the rise was people resettled
    there, or asylum-seekers of that origin granted refugee status (their count there fell
    by half the rise). "In 2002 the number of people of unknown origin counted in Germany
    fell from 879,000 to 94,900, and those of known origin rose by 854,500: much of the
    rise counted there may be people given their country of origin, rather than new
    departures." (an editor: four briefs hedged Germany's 2002 steps as departures or a new
    count); else empty."""
    before, now = (_of_unknown_origin(tables, host, y) for y in (year - 1, year))
    everyone = float(_pair_people(tables, host, year - 1, "origins")["people"].sum())
    fell = before - now
    if before < ORIGINS_GIVEN * everyone or fell < max(rise, ORIGINS_GIVEN * before, MIN_CHARTED):
        return ""
    change = partner_change(tables, host, "origins", year)
    known = float(change[change.index.isin(tables.countries.query("is_country")["iso3"])].sum())
    # about as many more of known origin as fewer of unknown origin: not those of unknown
    # origin leaving, nor new arrivals beside a few given their origin (Yemen, 1978)
    if not ORIGINS_GIVEN_MADE_UP * fell <= known <= fell / ORIGINS_GIVEN_MADE_UP:
        return ""
    moved = tables.resettlement
    resettled = moved.query(
        "year == @year and origin_iso3 == @origin and destination_iso3 == @host"
    )
    seekers = [_pair_count(tables, origin, host, y, "asylum_seekers") for y in (year - 1, year)]
    if resettled["resettled"].sum() >= rise / 2 or seekers[0] - seekers[1] >= rise / 2:
        return ""
    name = plain(wording.the(tables.names.get(host, host)))
    return (
        f"In {year} the number of people of unknown origin counted in {name} fell from "
        f"{numbers.people(before)} to {numbers.people(now)}, and those of known origin rose by "
        f"{numbers.people(known)}: much of the rise counted there may be people given their "
        "country of origin, rather than new departures."
    )


def _of_unknown_origin(tables: Tables, host: str, year: int) -> float:
    """The refugees and OIP ``host`` counts as of unknown origin in ``year`` (not the
    stateless, nor Tibetans: UNHCR's other codes of no country)."""
    rows = unplaced(tables, host, year)
    return float(rows.loc[rows["name"] == "Unknown", "people"].sum())


def _pair_count(tables: Tables, origin: str, host: str, year: int, group: str) -> float:
    """One group's count from ``origin`` in ``host`` in ``year`` (0 without a row)."""
    rows = _pair_people(tables, host, year, "origins", (group,))
    return float(rows.loc[rows["iso3"] == origin, "people"].sum())


def latest_rise_made_by(
    tables: Tables, iso3: str, side: str, year: int, series: pd.DataFrame
) -> str:
    """Who made a rise :func:`latest_change` tells ("In 2024 alone the number rose by
    133,600"): :func:`rise_made_by`'s sentence ("Of the rise, 128,100 were people from
    Sudan."), as :func:`fall_made_by` says who made a fall; empty otherwise."""
    provisional = tables.provisional_years
    values = _year_end(series, provisional)
    if year not in values.index or year - 1 not in values.index:
        return ""
    rise = float(values[year] - values[year - 1])
    if rise <= 0 or not latest_change(series, year, provisional):
        return ""
    return rise_made_by(tables, iso3, side, year, rise)[0]


#: A second host is named beside the first when it made this share of a rise or more (Iraq's
#: people abroad, 2006: 675,100 more counted in Syria and 499,200 in Jordan, 42% of it).
SECOND_HOST_OF_RISE = 0.25


def _next_host(others: pd.Series, info: pd.DataFrame, rise: float, first: float) -> str:
    """`` and 499,200 in Jordan``: the host among ``others`` (the change by host code, the
    first host's dropped) that made the next-largest part of a ``rise``, when that is
    :data:`SECOND_HOST_OF_RISE` of it or more and the two, with the ``first`` host's part,
    stay within the rise (never one host twice, nor more than the rise); else empty."""
    if others.empty:
        return ""
    code, made = others.idxmax(), float(others.max())
    if made < SECOND_HOST_OF_RISE * rise or first + made > rise:
        return ""
    if code not in info.index or not info.at[code, "is_country"]:
        return ""
    return f" and {numbers.people(made)} in {plain(wording.the(info.at[code, 'name']))}"


def resettled_onward(tables: Tables, iso3: str) -> pd.Series | None:
    """How many of the people hosted in ``iso3`` who left its count each year could have been
    resettled to a third country, at most: for each origin, its fall there or the refugees
    of that origin resettled anywhere that year, the smaller (Ukrainians in the Russian
    Federation, 2024: 1,264 resettled anywhere, against a fall of 1.2 million); with a
    solutions table totalled over countries of origin, everyone resettled that year. By
    year; None without the solutions table."""
    table, pairs = tables.resettlement, tables.by_origin_and_asylum
    if table is None or pairs is None:
        return None
    if "origin" in tables.totalled("solutions"):  # no origin known: all resettled anywhere
        return table.groupby("year")["resettled"].sum()
    rows = pairs[pairs["asylum_iso3"] == iso3]
    people = (
        in_need_of_protection(rows)
        .groupby([rows["origin_iso3"], rows["year"]])
        .sum()
        .unstack(fill_value=0)
    )
    falls = (-people.diff(axis=1)).clip(lower=0)
    resettled = table.groupby(["origin_iso3", "year"])["resettled"].sum().unstack(fill_value=0)
    resettled = resettled.reindex(index=falls.index, columns=falls.columns, fill_value=0)
    return falls.where(falls < resettled, resettled).sum()


def resettled_from(tables: Tables, iso3: str) -> pd.Series | None:
    """The refugees from ``iso3`` resettled to a third country, by year (Bhutan: 108,000 in
    2003-2024, as its people abroad fell from 112,500 to 7,400); None without the solutions
    table or with one totalled over countries of origin."""
    table = tables.resettlement
    if table is None or "origin" in tables.totalled("solutions"):
        return None
    return table[table["origin_iso3"] == iso3].groupby("year")["resettled"].sum()


def _receives_resettlement(tables: Tables, iso3: str, year: int) -> bool:
    """Whether the solutions table records :data:`MIN_CHARTED` or more refugees resettled to
    ``iso3`` up to ``year`` (Germany), a country refugees are not resettled from (Iran's 191
    of 1998 do not make it one); True without the table, or with one totalled over the
    countries of asylum, as nothing is known."""
    table = tables.resettlement
    if table is None or "asylum" in tables.totalled("solutions"):  # no destination known
        return True
    rows = table[(table["destination_iso3"] == iso3) & (table["year"] <= year)]
    return float(rows["resettled"].sum()) >= MIN_CHARTED


def step_sentence(
    series: pd.DataFrame,
    provisional: Collection[int] = frozenset(),
    returns: pd.Series | None = None,
    returned: str = "",
    naturalised: pd.Series | None = None,
    naturalised_where: str = "",
    onward: pd.Series | None = None,
    arrived: str = "arrivals",
    onward_counted: bool = False,
    made_by: Callable[[int, float], tuple[str, bool]] | None = None,
) -> str:
    """A sentence on the largest one-year step of :func:`by_year`'s ``in_need`` (a count
    that doubled or halved, or a large rise by half: :func:`_steps`), which a trend sentence
    runs through (Germany's 589,700 refugees of 2012 and 187,500 of 2013): "The number fell
    by more than half in one year, from 589,700 in 2012 to 187,500 in 2013". The data give
    no cause for a step: they cannot tell arrivals or departures from a change in the count,
    and the sentence says so; for a fall, ``returns`` (refugees returning home, by year) is
    set beside it, ``returned`` saying whence or where (``"from Germany"``), None when the
    data have no returns; so are ``naturalised`` refugees, who became citizens (None when
    unknown), ``naturalised_where`` saying where (``"in Germany"``, ``"abroad"``). A count of
    people hosted may fall by those resettled ``onward`` to a third country too (from
    Nepal; not from Germany, where refugees are resettled to), which the data do not record
    by the country they left: ``onward`` bounds them by year (:func:`resettled_onward`),
    None for a host refugees are resettled to. A rise is said to be ``arrived`` people
    ("arrivals"; "new departures" for a country's people abroad) or a new count, and when
    the next year halved it, so is that (Ecuador's 264,900 of 2007, 101,400 of 2008);
    ``made_by(year, rise)`` may say who made most of a rise, and whether that shows
    arrivals (:func:`rise_made_by`). After a rise, or with no step, a fall from the highest
    year that the data do not account for is told (:func:`_fall_from_peak_sentence`).
    Empty when there is neither."""
    step = largest_step(series, provisional)
    gone = (returns, returned, naturalised, naturalised_where, onward, onward_counted)
    later = told_fall_from_peak(series, provisional, gone)
    if step is None:
        return later
    year, before, now = step
    said = _one_year(year, before, now)
    if now > before:  # arrivals or a new count: the data cannot tell which; then a fall
        who, arrived_so = made_by(year, now - before) if made_by else ("", False)
        said += f" {who}" if who else ""
        if not arrived_so:  # unless who made it, and their own number's rise, show arrivals
            said += (
                f" The data do not say how much of the rise was {arrived} and how much a new count."
            )
        after = series["in_need"].get(year + 1)
        told = after is not None and later.startswith(_one_year(year + 1, now, after))
        if after is not None and year + 1 not in provisional and 2 * after <= now and not told:
            said += f" The number fell back to {amount(after)} in {year + 1}."  # (not "It")
        return f"{said} {later}".strip()
    if returns is None:
        return (
            f"{said} The data do not say whether it came from departures or a change in the count."
        )
    return f"{said} {_left_the_count([year], before - now, *gone, when='that year')}"


def told_fall_from_peak(series: pd.DataFrame, provisional: Collection[int], gone: tuple) -> str:
    """The sentence on the fall from the highest year that :func:`step_sentence` tells (with
    no step, or after a rise; ``gone`` as :func:`_gone` gives), else empty."""
    step = largest_step(series, provisional)
    if step is not None and step[2] <= step[1]:  # a fall: told as the step
        return ""
    return _fall_from_peak_sentence(series, provisional, *gone)


def _one_year(year: int, before: float, now: float) -> str:
    """ "The number fell by more than half in one year, from 589,700 in 2012 to 187,500 in
    2013."; one digit more where the counts as written would read as exactly double or half
    ("nearly doubled … from 1.04 million to 2.04 million", not 1.0 and 2.0), or as another
    step (:func:`step_amount`)."""
    low, high = sorted((before, now))
    alike = bool(low) and high != 2 * low  # not exactly double, but written so?
    finer = alike and numbers.as_written(high) == 2 * numbers.as_written(low)
    written = _finer if finer else step_amount(before, now)
    return (
        f"The number {step_words(before, now)} in one year, from {written(before)} in "
        f"{year - 1} to {written(now)} in {year}."
    )


def step_amount(before: float, now: float) -> Callable[[float], str]:
    """How to write the two counts of a step beside :func:`step_words`: as :func:`amount`
    does, or one digit finer where, so written, they would make other words ("rose more
    than fivefold, from 270 to 1,300", 4.8 times as written, where 266 to 1,333 is 5.01: "from
    266 to 1,330"; Lebanon's "more than tripled, from 8,800 to 26,300"; a sweep)."""
    if not before or not now:
        return amount
    if step_words(numbers.as_written(before), numbers.as_written(now)) == step_words(before, now):
        return amount
    return _finer


def _finer(n: float) -> str:
    """:func:`amount`, one digit finer."""
    return "none" if not n else numbers.people(n, finer=True)


def _left_the_count(
    years: list[int],
    fall: float,
    returns: pd.Series,
    returned: str,
    naturalised: pd.Series | None,
    naturalised_where: str,
    onward: pd.Series | None,
    onward_counted: bool,
    *,
    when: str,
    lead: str = "The data record",
    unexplained_only: bool = False,
    told: bool = False,
    said_after: bool = False,
) -> str:
    """The returns and naturalisations the data record in ``years`` beside a ``fall``
    ("that fall" when the sentence before ``told`` it, not its size again):
    "The data record only 710 refugees returning home from Germany that year, against a
    fall of 402,200: the others left the count in ways these figures do not show, such as
    naturalization or a revised count." People abroad resettled to a third country
    (``onward_counted``: a count, not :func:`resettled_onward`'s bound) are recorded too
    (Iraq's 250,400 of 2008-2024): resettlement is then no way "these figures do not show".
    With ``unexplained_only``, empty when returns and naturalisations account for half the
    fall or more (told, when resettlement makes them do so: Bhutan's). With ``said_after``
    (a sentence after it says how the others left the count), it ends at "against that
    fall"."""
    back = float(returns.reindex(years).fillna(0).sum())
    citizens = 0.0 if naturalised is None else float(naturalised.reindex(years).fillna(0).sum())
    resettled = 0.0 if onward is None else float(onward.reindex(years).fillna(0).sum())
    left = fall - back - citizens  # resettlement may explain a tenth of it (Nepal's Bhutanese)
    # said as a count, when some are left to account for (no "0 resettled")
    counted = onward_counted and resettled > 0 and left > 0 and resettled >= RETURNS_EXPLAIN * left
    flows = [f"{count(back, 'refugee')} returning home {returned}".rstrip()]
    if citizens:  # refugees who became citizens leave the count too (Tanzania, 2009)
        flows.append(f"{numbers.people(citizens)} naturalized {naturalised_where}".rstrip())
    if counted:  # the data record them (Iraq's people abroad): no way "not shown"
        flows.append(f"{numbers.people(resettled)} resettled to a third country")
        left -= resettled
    recorded = f"{listing(flows, escape=False)} {when}".strip()
    if back + citizens >= fall / 2:  # most of the fall accounted for
        return "" if unexplained_only else f"{lead} {recorded}."
    against = "that fall" if told else f"a fall of {amount(fall)}"
    if left <= fall / 2:  # with the people resettled (Bhutan's, 2003-2024): news, so told
        return f"{lead} {recorded}, against {against}."
    few = back and fall - left < RETURNS_EXPLAIN * fall
    ways = ["naturalization"] if naturalised is None else []
    if not counted and resettled >= RETURNS_EXPLAIN * left:
        ways.append("resettlement to a third country")
    who = "the others left the count" if fall - left else "the fall came about"
    if said_after:
        return f"{lead} {'only ' if few else ''}{recorded}, against {against}."
    return (
        f"{lead} {'only ' if few else ''}{recorded}, against {against}: {who} "
        "in ways these figures do not show, such as "
        f"{listing([*ways, 'a revised count'], escape=False, last='or')}."
    )


def _fall_from_peak(values: pd.Series) -> tuple[int, int, tuple | None] | None:
    """The fall :func:`_fall_from_peak_sentence` tells, from year-end ``values``: its peak
    and end years and its largest step (:func:`_steps`: size, year, before, then), if any;
    None when the count did not fall so."""
    if len(values) < 3 or _jump_and_back(values) is not None:
        return None
    first, peak, end = int(values.index.min()), int(values.idxmax()), int(values.index.max())
    before, now = float(values[peak]), float(values[end])
    if peak == first or end - peak < 2 or before - now < MIN_CHARTED or 2 * now >= before:
        return None
    if any(y not in values.index for y in range(peak + 1, end + 1)):  # a download skips some
        return None  # (their returns would read as none)
    falls = [step for step in _steps(values) if step[1] > peak and step[3] < step[2]]
    return peak, end, max(falls) if falls else None


def _told_steps(series: pd.DataFrame, provisional: Collection[int]) -> set[int]:
    """The years whose one-year change a step sentence tells: the largest step's, and the
    step of a fall from the peak (the Russian Federation's 2024)."""
    step = largest_step(series, provisional)
    fell = _fall_from_peak(_year_end(series, provisional))
    return {y for y in (step and step[0], fell and fell[2] and fell[2][1]) if y}


def _fall_from_peak_sentence(
    series: pd.DataFrame,
    provisional: Collection[int],
    returns: pd.Series | None,
    returned: str,
    naturalised: pd.Series | None,
    naturalised_where: str,
    onward: pd.Series | None,
    onward_counted: bool,
) -> str:
    """When the count fell to under half its highest, two years or more after it (not the
    series' first year), by :data:`MIN_CHARTED` people or more, and the returns and
    naturalisations the data record account for less than half of the fall, a sentence
    setting them beside it (Iraqis in Syria: 1.5 million in 2007, 149,300 in 2013, through
    falls of 48% and 46%); else empty. When a year of it was a step (it halved the count,
    by a tenth of the highest or more: the Russian Federation's 1.2 million of 2023 and
    10,100 of 2024), the largest such step is told instead, with that year's returns."""
    values = _year_end(series, provisional)
    fell = _fall_from_peak(values)
    if returns is None or fell is None:
        return ""
    peak, end, step = fell
    gone = (returns, returned, naturalised, naturalised_where, onward, onward_counted)
    if step:
        _, year, was, then = step
        left = _left_the_count([year], was - then, *gone, when="that year")
        return f"{_one_year(year, was, then)} {left}"
    before, fall = float(values[peak]), float(values[peak] - values[end])
    return _left_the_count(
        list(range(peak + 1, end + 1)), fall, *gone, when="", unexplained_only=True,
        lead=f"In {peak + 1}–{end}, after its peak of {amount(before)} in {peak}, the data record",
    )  # fmt: skip


def spread_sentence(
    rows: pd.DataFrame,
    total: float,
    verb: str,
    countries: str,
    show: int = 3,
    unplaced: pd.DataFrame | None = None,
    who: str = "",
) -> str:
    """Where people came from (``verb="came from"``) or live (``"lived in"``), counts first so
    names with brackets read well: ``Most came from three countries: 4,000 from Ukraine,
    1,300 from Venezuela (Bolivarian Republic of) and 740 from State of Palestine; 46
    countries of origin in all.`` ``All came from Venezuela.``, ``Almost all, 2.9 million,
    came from Syria; the others came from four more countries, among them 14,100 from
    Afghanistan and ...``, ``Almost all, 20,800, came from Pakistan; 39 came from Iran.``,
    ``Most, 75,300, came from Somalia, then 6,500 from Ethiopia and 3,200 from Iraq; twelve
    countries of origin in all.`` (one country with more than half). A fourth country is
    named, not counted ("four countries in all").
    ``rows`` has ``name`` and ``people``, largest first; ``total`` counts everyone (unknown
    origins too). ``unplaced`` (:func:`unplaced`), the people of no country of origin, are
    named when a tenth of the total or more, first when they outnumber the largest
    country's: ``Of the 900,000 refugees, 876,000 were of unknown origin; the others came
    from ...``. ``who`` names the people counted ("All refugees came from Pakistan", under a
    chart that also counts asylum-seekers). Empty without rows."""
    rows = rows[rows["people"] > 0]
    if rows.empty or not total:
        return ""
    if len(rows) == show + 1:  # one more is named, not counted ("four host countries in all")
        show += 1
    preposition = verb.split()[-1]  # "from", "in"
    written = _distinct(*rows.head(show)["people"])  # 14,150 and 14,070, not 14,100 twice
    items = [
        f"{written(r.people)} {preposition} {plain(wording.the(r.name))}"
        for r in rows.head(show).itertuples()
    ]
    shown = rows.head(show)
    part = float(shown["people"].sum()) / float(total)
    first = rows.iloc[0]
    first_name = plain(wording.the(first["name"]))
    them = f" {who}" if who else ""
    unknown = unplaced is not None and unplaced["people"].sum() > 0  # "came from" alone
    if len(rows) == 1 and part >= 0.995 and not unknown:
        return f"All{them} {verb} {first_name}."
    if len(rows) == 1 and part >= 0.995:  # beside a few of no known origin (Afghanistan, 1992)
        return f"All{them} of known origin {verb} {first_name}; {_unplaced_words(unplaced)}."
    if len(rows) == 1 and unknown and unplaced["people"].sum() <= first["people"]:
        # beside more of no known origin ("Most came from one country: 200,000 from
        # Azerbaijan", Armenia's 18,950 of unknown origin unsaid; 1995)
        count = numbers.people(first["people"])
        return (
            f"All{them} of known origin, {count}, {verb} {first_name}; {_unplaced_words(unplaced)}."
        )
    if almost_all(rows, total):
        part_first = float(first["people"]) / float(total)  # "Nine in ten" (Kenya, 2012: 91%)
        count = numbers.people(first["people"])  # none where it reads as everyone's
        shown = f", {count}," if count != numbers.people(total) else ""  # "2,500" of 2,549
        said = "almost all" if part_first >= wording.NEARLY_ALL else wording.how_many(part_first)
        lead = f"{said.capitalize()}{them}{shown} {verb} {first_name}; "
        others = len(rows) - 1
        # and those of no country, where some are (Türkiye, 2024: 2,400 of unknown origin)
        besides = f", and {_unplaced_words(unplaced)}" if unknown else ""
        if others > len(items) - 1:  # more than are named
            more = number_word(others)
            few = min(MIN_CHARTED, 0.01 * float(total))  # "13 from Syria" beside 2.8 million
            people = rows["people"].iloc[1:3]
            worth = [item for item, n in zip(items[1:3], people, strict=True) if n >= few]
            if not worth:  # their sum says it
                rest = numbers.people(float(rows["people"].sum() - first["people"]))
                return f"{lead}the others, {rest}, {verb} {more} more countries{besides}."
            return (
                f"{lead}the others {verb} {more} more countries, among them "
                f"{listing(worth, escape=False)}{besides}."
            )
        second = rows.iloc[1]
        rest = f"{numbers.people(second['people'])} {verb} {plain(wording.the(second['name']))}"
        return f"{lead}{listing([rest, *items[2:]], escape=False)}{besides}."
    lead = "All" if len(rows) <= show and part >= 0.995 else "Most" if part > 0.5 else ""
    how_many = "one country" if len(shown) == 1 else f"{number_word(len(shown))} countries"
    largest = [  # "Germany (1.2 million)": no share to speak of, so the names first
        f"{plain(wording.the(r.name))} ({numbers.people(r.people)})" for r in shown.itertuples()
    ]
    if lead == "Most" and len(shown) > 1 and float(first["people"]) > 0.5 * float(total):
        half = numbers.share(float(first["people"]) / float(total)) == "50%"  # 50.02%: not most
        text = (
            f"{('Half the' if who else 'Half') if half else 'Most'}{them}, "
            f"{numbers.people(first['people'])}, {verb} "
            f"{first_name}, then {listing(items[1:], escape=False)}"
        )
    elif lead == "All" and unknown:  # 2,400 of no known origin too (Tanzania, 2005)
        text = f"All{them} of known origin {verb} {how_many}: {listing(items, escape=False)}"
    elif lead:
        text = f"{lead}{them} {verb} {how_many}: {listing(items, escape=False)}"
    else:
        text = f"The largest numbers{them and ' of' + them} {verb} {listing(largest, escape=False)}"
    if len(rows) > show:
        text += f"; {number_word(len(rows))} {countries} in all"
    placed = unplaced is not None and unplaced["people"].sum() >= 0.1 * float(total)
    if not placed and not (lead == "All" and unknown):  # "All ... of known origin" names them
        return text + "."
    named = _unplaced_words(unplaced)
    if unplaced["people"].sum() <= first["people"]:
        return f"{text}; {named}."
    where = (  # the others, after the larger group of no country
        f"{first_name}: {numbers.people(first['people'])}"
        if len(rows) == 1
        else f"{number_word(len(rows))} countries"
        + (", among them " if len(rows) > len(items) else ": ")
        + listing(items, escape=False)
    )
    whole = f"{numbers.people(total)} {who}".strip()  # not "Of them": a paragraph opens so
    return f"Of the {whole}, {named}; the others {verb} {where}."


def _unplaced_words(unplaced: pd.DataFrame) -> str:
    """The people of no country of origin, by UNHCR's name for their code: "12,500 were
    Tibetan and 30 stateless"."""
    rows = unplaced[unplaced["people"] > 0]
    return listing(
        [
            f"{numbers.people(r.people)}{' were' * (i == 0)} {UNPLACED_WORDS.get(r.name, r.name)}"
            for i, r in enumerate(rows.itertuples())
        ],
        escape=False,
    )


#: How a brief names people of no country of origin, by UNHCR's name for their code.
UNPLACED_WORDS = {"Unknown": "of unknown origin", "Stateless": "stateless"}


def unplaced(tables: Tables, iso3: str, year: int) -> pd.DataFrame:
    """The people the country hosts whose origin is no country (UNHCR's "Unknown",
    "Stateless", "Tibetan"): ``name`` and ``people`` (refugees plus OIP), largest first."""
    rows = _pair_people(tables, iso3, year, "origins")
    rows = rows[~rows["is_country"]]
    out = rows.groupby(rows["name"].fillna("Unknown"))["people"].sum()  # UNK and XXX as one
    out = out[out > 0].astype("int64").reset_index()
    return out.sort_values(["people", "name"], ascending=[False, True]).reset_index(drop=True)


def rate_text(per_1000: float, people: str, person: str) -> str:
    """A rate for a sentence, per 1,000 inhabitants as the ranks beside it: ``35 {people}
    for every 1,000 inhabitants``, ``3.5 ...``, ``about one {person} for every 1,000
    inhabitants`` (not "1.0 refugees"), ``fewer than one {person} for every 1,000
    inhabitants, or 50 for every 100,000`` (not "0.5 refugees"), ``fewer than one {person}
    for every 100,000 inhabitants: about one for every 180,000`` (never "1 for every
    100,000" for 0.55)."""
    if pd.isna(per_1000):  # no population to measure against: no rate to give
        return ""
    if numbers.rate(per_1000) == "1.0":
        return f"about one {person} for every 1,000 inhabitants"
    if per_1000 >= 1:
        return f"{numbers.rate(per_1000)} {people} for every 1,000 inhabitants"
    per_100k = per_1000 * 100
    if per_100k >= 0.95:
        if f"{per_100k:.0f}" == "1":  # not "fewer than one ..., or 1 for every 100,000"
            return f"about one {person} for every 100,000 inhabitants"
        return (
            f"fewer than one {person} for every 1,000 inhabitants, or {per_100k:.0f} for every "
            "100,000"
        )
    if per_100k <= 0:
        return f"fewer than one {person} for every 100,000 inhabitants"
    every = float(f"{100_000 / per_100k:.2g}")  # two figures: 181,818 is "180,000"
    return (
        f"fewer than one {person} for every 100,000 inhabitants: about one for every "
        f"{numbers.estimate(every)}"
    )


# --- charts ----------------------------------------------------------------------------------


def trend_chart(brief: Brief, table: pd.DataFrame, side: str) -> Chart | None:
    """Refugees, asylum-seekers and OIP hosted in (``side="hosted"``) or from (``"from"``)
    the country since 2000, stacked; None for one year (no trend) or when they never
    numbered 1,000 (the sentence says it all). The title names the groups of the brief's
    year; a year with none says so, with the year of the peak the chart shows."""
    data = table[GROUPS].rename(columns=CHART_GROUPS)
    data = data.loc[:, data.to_numpy().any(axis=0)]
    if len(data) < 2 or data.sum(axis=1).max() < MIN_CHARTED:  # no trend, or too few
        return None
    place = f"hosted in {brief.in_titles}" if side == "hosted" else f"from {brief.in_titles}"
    words = [CHART_WORDS[column] for column in data.columns]
    sums = data.sum(axis=1)
    if sums.loc[brief.year]:  # the groups of that year (none of Curaçao's 2024 are refugees)
        title = f"{_counted_in_title(data.loc[brief.year])} {place} {brief.in_year}"
    else:  # none this year: the chart shows the past
        either = listing(words, escape=False, last="or")
        title = f"No {either} {place} {brief.in_year}, after a peak in {int(sums.idxmax())}"
    provisional = [y for y in data.index if y in brief.tables.provisional_years]
    return charts.trend_area(
        data,
        name=f"{side}_since_{int(data.index.min())}",
        title=title,
        source=brief.unhcr_source,
        highlight_year=brief.year,
        provisional_from=min(provisional) if provisional else None,
        note=" ".join(
            n
            for n in (
                wording.gap_note(data.index),
                _oip_start_note(data),
                _oip_first_note(brief, table, side),
            )
            if n
        ),
    )


def _counted_in_title(counts: pd.Series) -> str:
    """A trend chart's groups of the brief's year as its title counts them: those the text
    ranks (refugees and others in need) apart from asylum-seekers, so that its first
    figure is the text's: ``2.7 million refugees and 400,000 asylum-seekers``, ``1.1 million
    refugees and others in need, and 600,000 asylum-seekers,``; one figure for one side."""
    counts = counts.fillna(0)
    seekers = CHART_GROUPS["asylum_seekers"]
    ranked = counts.drop(seekers, errors="ignore")
    named = [CHART_WORDS[column] for column, n in ranked.items() if n > 0]
    parts = []
    if named:
        words = listing(named, escape=False) if named != [OTHERS] else OTHERS_ALONE
        parts.append(f"{numbers.people(int(ranked.sum()))} {words}")
    if counts.get(seekers, 0) > 0:
        parts.append(f"{numbers.people(int(counts[seekers]))} asylum-seekers")
    if len(parts) == 2 and " and " in parts[0]:  # "refugees and others in need, and ...,"
        return f"{parts[0]}, and {parts[1]},"
    return " and ".join(parts)


def _oip_start_note(data: pd.DataFrame) -> str:
    """A chart note where other people in need of international protection first appear
    when UNHCR began counting them, after the chart's first year: their step is the count's
    start, not one year's arrivals (Colombia's, 2018). Empty otherwise."""
    if "other_in_need" not in data:
        return ""
    counted = data.index[data["other_in_need"].fillna(0) > 0]
    if not len(counted) or counted[0] == data.index[0] or counted[0] != unhcr.OIP_FROM:
        return ""
    return (
        f"Other people in need of international protection are counted from {unhcr.OIP_FROM} (as "
        "Venezuelans displaced abroad until 2021): their step that year is the start of the "
        "count, not only that year's arrivals."
    )


def _oip_first_note(brief: Brief, series: pd.DataFrame, side: str) -> str:
    """A chart note where the brief's year is the first to count other people in need of
    international protection in (or from) the country, as the text says
    (:func:`first_counted_oip`): their step is the start of their count (the Islamic
    Republic of Iran's 879,500 at mid-2025, as its refugees fell). Empty otherwise."""
    if not first_counted_oip(series, brief.year) or brief.year == unhcr.OIP_FROM:
        return ""
    name = wording.the(brief.name)
    where = f"in {name}" if side == "hosted" else f"among the people from {name}"
    return (
        f"Other people in need of international protection are counted {where} for the first "
        f"time {brief.when}: their step is the start of their count, not only new arrivals."
    )


def part_of(part: float, whole: float) -> str:
    """A part of a group as a count (``24,100``), or in words where the count would read as
    the whole (``nearly all``: 24,054 of 24,111 asylum-seekers, both "24,100")."""
    if numbers.people(part) != numbers.people(whole):
        return numbers.people(part)
    return wording.how_many(part / whole)


def almost_all(rows: pd.DataFrame, total: float) -> bool:
    """Whether the first of ``rows`` (largest first, with ``people``) holds ALMOST_ALL of
    ``total`` (everyone, unknown origins too), among two countries or more."""
    rows = rows[rows["people"] > 0]
    return len(rows) > 1 and bool(total) and rows["people"].iloc[0] >= ALMOST_ALL * total


def ranking_chart(
    brief: Brief, rows: pd.DataFrame, side: str, total: float, top: int = 10
) -> Chart | None:
    """Bars of the largest origins of the people hosted (``side="origins"``) or the largest
    hosts of the country's refugees (``"destinations"``); None under two countries, or when
    one holds almost all of ``total`` (the others' bars would not show, and the sentence,
    :func:`spread_sentence`, says "almost all"), or for fewer than MIN_CHARTED people in all
    (Germany's 390 refugees abroad: bars of 5 to 190, each 5 perhaps fewer). The note says
    the asylum-seekers the destinations leave out, as the text does (:func:`seekers_left_out`:
    Egypt's 796,500 Sudanese beside a bar of 37,700)."""
    if len(rows) < 2 or almost_all(rows, total) or total < MIN_CHARTED:
        return None
    title = (
        f"Where the {brief.basis()} in {brief.in_titles} came from {brief.in_year}"
        if side == "origins"
        else f"Where {brief.basis()} from {brief.in_titles} lived {brief.in_year}"
    )
    left_out = (
        ""
        if side == "origins"
        else seekers_left_out(brief.tables, brief.iso3, brief.year, rows, markdown=False)
    )
    return charts.ranking_bars(
        rows.head(top).rename(columns={"people": "value"}),
        parts=[("refugees", "refugees_unhcr"), ("oip", "other_in_need")],
        name=f"largest_{side}",
        title=title,
        source=brief.unhcr_source,
        value_label=brief.basis(),
        category="Country of origin" if side == "origins" else "Host country",
        note=" ".join(n for n in (left_out, name_notes(rows.head(top)["name"])) if n),
    )


def map_side(origins: pd.DataFrame, destinations: pd.DataFrame) -> str | None:
    """Which map a brief shows: where its refugees live (``"destinations"``) when they live in
    three countries or more, else where the people it hosts come from (``"origins"``) when
    they come from three or more, else none; a side of fewer than MIN_CHARTED people in all
    is no map's (Germany's 390 refugees abroad, beside the 2.7 million it hosts). Refugees
    abroad spread over the world; those hosted mostly come from neighbours, which the bars
    already show."""

    def mapped(rows: pd.DataFrame) -> bool:
        return len(rows) >= 3 and rows["people"].sum() >= MIN_CHARTED

    if mapped(destinations):
        return "destinations"
    return "origins" if mapped(origins) else None


def map_chart(brief: Brief, rows: pd.DataFrame, side: str) -> Chart:
    """A world map of where the country's refugees live (``side="destinations"``) or where
    the people it hosts come from (``"origins"``): a circle on each country, and the UN's
    note on Kosovo where its table names it ("Serbia and Kosovo")."""
    data = rows.rename(columns={"people": "value"})
    notes = name_notes(data["name"])
    if side == "destinations":
        return charts.hosting_map(
            data,
            name="map_destinations",
            # all of them, where the bars show the largest: a title of its own, which claims
            # no more than the map shows (a few small countries have no shape on it)
            title=(
                f"{wording.capitalized(brief.basis())} from {brief.in_titles} around "
                f"the world {brief.in_year}"
            ),
            source=brief.unhcr_source,
            value_label=brief.basis(),
            own=(brief.iso3, wording.short_name(brief.name, brief.iso3)),
            note=notes,
        )
    title = f"Where in the world the {brief.basis()} in {brief.in_titles} came from {brief.in_year}"
    largest = ", ".join(
        f"{wording.in_full(r.name)} {numbers.people(r.value)}" for r in data.head(10).itertuples()
    )
    return charts.hosting_map(
        data,
        name="map_origins",
        title=title,
        source=brief.unhcr_source,
        value_label=brief.basis(),
        own=(brief.iso3, wording.short_name(brief.name, brief.iso3)),
        note=notes,
        alt=(
            f"{title}. World map with a circle on each country of origin, its area "
            f"proportional to the number of its people hosted in {wording.the(brief.name)}. "
            f"The largest: {largest}."
        ),
    )


# --- sources ---------------------------------------------------------------------------------


#: The counts read for the pattern of small counts: refugees, asylum-seekers, returns.
SMALL_COUNTED = ["refugees", "asylum_seekers", "returned_refugees"]
#: The figure UNHCR's tables show for counts from 1 to 4 (:func:`small_counts_note`).
SMALL_COUNT = 5


def small_counts_note(tables: Tables) -> str:
    """A note that a figure of 5 may stand for fewer people, when the release shows small
    counts as 5: no count from 1 to 4 among its rows and at least twice as many counts of 5
    as of 6 (the December 2025 release: 20,065 refugee counts of 5, 4,054 of 6; the
    assumptions log gives the evidence, the brief the rule); else empty."""
    pairs = tables.by_origin_and_asylum
    values = pairs[[c for c in SMALL_COUNTED if c in pairs.columns]].stack().dropna()
    fives, sixes = int((values == SMALL_COUNT).sum()), int((values == SMALL_COUNT + 1).sum())
    if values.between(1, 4).any() or fives < 2 * max(sixes, 1):
        return ""
    return (
        "UNHCR's tables show counts from 1 to 4 as 5: a figure of 5 in this brief may stand for "
        "fewer people."
    )


def sources_text(brief: Brief) -> str:
    """The data sources the brief uses, with release, address and licence, as Markdown."""
    from analysis.briefing import data_sources_text, source_list

    sources = [s for s in source_list(brief) if not s["file"].startswith("published")]
    return data_sources_text(sources, brief.tables, brief.year)
