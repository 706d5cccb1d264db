"""Figures as first published beside the same figures computed from the current data."""

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from analysis import notices, numbers
from analysis.errors import InputError
from analysis.sources.published import from_a_seed
from analysis.sources.unhcr import BLANKED_FROM  # a country's count from one origin, too
from analysis.wording import in_year, listing, the

if TYPE_CHECKING:
    from analysis.processed import Tables

# Figures the data can recompute, with why a published value may differ from it.
REASONS = {
    "forcibly_displaced": (
        "each of its parts is revised every year; the published figures in use do not give "
        "the report's parts, so which moved most cannot be told"
    ),
    "refugees_unhcr": "revised since; the data do not say why",
    "refugees_unrwa": "revised since; the data do not say why",
    "asylum_seekers": "revised since; the data do not say why",
    "other_in_need": "a category from 2022, applied to earlier years",
    "venezuelans_displaced_abroad": (
        "the same people, counted since 2022 as other people in need of international protection"
    ),
    "idps_conflict": "IDMC's estimates, revised since; the data do not say why",
    "stateless": "revised since; the data do not say why",
    "resettled": "revised or counted differently since; the data do not say which",
    "top3_origin_share": "refugees by origin were revised",
    "migrant_stock": "each UN DESA revision re-estimates the series",
    "migrant_share_of_population": "each UN DESA revision re-estimates the series",
    "women_share_of_migrants": "each UN DESA revision re-estimates the series",
}
#: Why a mid-year count of the internally displaced differs from Mid-Year Trends'.
MID_YEAR_IDPS = (
    "UNHCR's mid-year estimates, built on IDMC's figures of the year before, revised since; "
    "the data do not say why"
)
#: Figures published under an earlier name, recomputed as the current one.
COMPUTED_AS = {"venezuelans_displaced_abroad": "other_in_need"}
MIGRANT_FIGURES = {"migrant_stock", "migrant_share_of_population", "women_share_of_migrants"}
#: The parts of UNHCR's forcibly displaced total, under the names reports published them.
TOTAL_PARTS = {
    "refugees_unhcr": ("refugees_unhcr",),
    "refugees_unrwa": ("refugees_unrwa",),
    "idps_conflict": ("idps_conflict",),
    "asylum_seekers": ("asylum_seekers",),
    "other_in_need": ("other_in_need", "venezuelans_displaced_abroad"),
}
PART_ROUNDING = 100_000  # the parts as printed: millions with one decimal


def above_its_rounding(published: float, current: float) -> str:
    """Why a count differs that is above the published one by less than the report's
    rounding step but more than it rounds from (printed 73.5 million, held 73,573,201): the
    gap, with no guess at its cause (a revision, or a figure cut rather than rounded: which,
    the data do not say)."""
    now, printed = numbers.people(current, finer=True), numbers.people(published)
    # no guess at the report's rounding (an editor: "cut rather than rounded there" did)
    return f"{now} now, which does not round to the report's {printed}; the data do not say why"


#: From its figures for 2023, UNHCR's total counts once the Palestine refugees under UNRWA's
#: mandate who are also internally displaced in Gaza, on UNRWA's estimate of their share.
COUNTED_ONCE_FROM = 2023
GAZA_SHARE = "gaza_idps_unrwa_refugees_share"
#: The gaps (:func:`total_gap`) of a published total that counts those refugees once.
COUNTED_ONCE = {"counted once", "counted once, revised"}
PART_NAMES = {
    "refugees_unhcr": "refugees under UNHCR's mandate",
    "refugees_unrwa": "Palestine refugees under UNRWA's mandate",
    "idps_conflict": "IDMC's estimate of people displaced inside their own country",
    "asylum_seekers": "asylum-seekers",
    "other_in_need": "other people in need of international protection",
}


#: The date a published share's label gives it: "…, at mid-2024".
DATED = re.compile(r"\bat (mid|end)-(\d{4})\b")


class DoubleCount(NamedTuple):
    """People in two parts of the forcibly displaced sum: Palestine refugees under UNRWA's
    mandate who are also internally displaced in Gaza."""

    people: float  # the estimate: share x displaced
    displaced: float  # IDMC's internally displaced in the State of Palestine
    share: float  # UNRWA's estimate of the refugees' share of Gaza's internally displaced
    row: pd.Series  # the published row of that share, for its citation and year

    @property
    def when(self) -> str:
        """When UNRWA's share was estimated, as its row's label says ("at mid-2024")."""
        found = DATED.search(str(self.row.get("label", "")))
        return found.group(0) if found else f"in {int(self.row['year'])}"


def counted_twice_in(tables: "Tables", year: int, warn: bool = True) -> DoubleCount | None:
    """:func:`counted_twice` in the processed ``tables``, at mid-year for a provisional year."""
    mid_year = year in tables.provisional_years
    return counted_twice(tables.published, tables.idps_conflict, year, mid_year, warn)


def displaced_in_palestine(idps: pd.DataFrame | None, year: int, mid_year: bool = False) -> float:
    """IDMC's internally displaced in the State of Palestine in ``year`` from the end of
    2023, some of them Palestine refugees under UNRWA's mandate and so in two parts of the
    sum; else 0. A count at mid-2023 (``mid_year``) came before the displacement in Gaza of
    October 2023, and UNHCR's Mid-Year Trends 2023 removed no one."""
    if year < COUNTED_ONCE_FROM or (mid_year and year == COUNTED_ONCE_FROM) or idps is None:
        return 0.0
    return float(idps.loc[(idps["year"] == year) & (idps["iso3"] == "PSE"), "idps_conflict"].sum())


def _date_of(row: pd.Series) -> float:
    """A share's date as its label gives it ("at mid-2024": 2024.5), else its year's end."""
    found = DATED.search(str(row.get("label", "")))
    if found is None:
        return float(row["year"]) + 1.0
    return int(found.group(2)) + (0.5 if found.group(1) == "mid" else 1.0)


def counted_once(total: float | None, twice: DoubleCount | None) -> float | None:
    """The sum of the parts ``total`` less the people ``twice`` counts in two of them (each
    person once, as UNHCR's headline counts them); ``total`` as it is without an estimate."""
    return total - twice.people if total is not None and twice else total


def counted_twice(
    published: pd.DataFrame,
    idps: pd.DataFrame,
    year: int,
    mid_year: bool = False,
    warn: bool = True,
) -> DoubleCount | None:
    """The Palestine refugees the sum of the parts counts twice in ``year`` (at mid-year
    when ``mid_year``): UNRWA's published share (the estimate nearest the count's date, not
    after it where there is one) of IDMC's internally displaced in the State of Palestine
    (``idps``: ``year``, ``iso3``, ``idps_conflict``). None before the end of 2023, when
    UNHCR's totals did not remove them, or without the displaced; None without the share,
    with a warning when ``warn``."""
    displaced = displaced_in_palestine(idps, year, mid_year)
    if not displaced:
        return None
    rows = published[(published["figure"] == GAZA_SHARE) & (published["value"] > 0)]
    if rows.empty:  # (a share of 0 estimates nothing)
        if warn:
            source = published.attrs.get("source", "published_figures.csv")
            notices.warn(
                f"{source}: no {GAZA_SHARE} above 0, so the forcibly displaced total from 2023 "
                "counts twice the Palestine refugees also displaced inside Gaza (UNHCR's counts "
                "them once)"
            )
        return None
    labels = rows["label"] if "label" in rows else pd.Series("", index=rows.index)
    undated = rows.loc[~labels.map(lambda label: bool(DATED.search(str(label)))), "year"]
    if warn and len(undated):
        source = published.attrs.get("source", "published_figures.csv")
        notices.warn(
            f"{source}: {GAZA_SHARE} of {numbers.years(undated)}: no date in its label ('at "
            "mid-YYYY' or 'at end-YYYY'): taken as of the end of its year"
        )
    dates = rows.apply(_date_of, axis=1)
    count = year + (0.5 if mid_year else 1.0)  # mid-2024 is 2024.5, end-2024 is 2025
    published_in = pd.to_numeric(rows.get("published", pd.Series(index=rows.index)), "coerce")
    order = pd.DataFrame(  # not after the count, nearest it, then the latest published
        {"later": dates > count, "distance": (dates - count).abs(), "newest": -published_in}
    )
    row = rows.loc[order.sort_values(list(order), kind="mergesort").index[0]]
    return DoubleCount(float(row["value"]) * displaced, displaced, row["value"], row)


def reconcile(
    published: pd.DataFrame, computed: dict, year: int, twice: float | None = None
) -> pd.DataFrame:
    """For ``year``: each published figure the data can recompute, the current value,
    the difference, and why they differ; UN DESA's figures for the year of its estimate in
    use (``computed["migrant_stock_year"]``: mid-2015 for 2016).

    ``computed`` holds the key figures (as ``figures`` prints them); ``twice``, the people
    the sum of the parts counts twice (:func:`counted_twice`), whom the current forcibly
    displaced total then counts once, as Global Trends does. Shares are compared as
    fractions, counts as people.
    """
    migrants = published["figure"].isin(MIGRANT_FIGURES)
    migrants_in = computed.get("migrant_stock_year") or year  # UN DESA's estimate in use
    # of another year, UN DESA's own first publication only (not a seed's restating of it,
    # which the briefing's text sets beside the revision in use)
    own = (published["year"] == year) | ~from_a_seed(published["cited_as"])
    rows = first_published(
        published[
            published["figure"].isin(REASONS)
            & (
                (migrants & (published["year"] == migrants_in) & own)
                | (~migrants & (published["year"] == year))
            )
        ]
    )
    out = []
    for row in rows.itertuples():
        current = computed.get(COMPUTED_AS.get(row.figure, row.figure))
        if current is None:
            continue
        if row.figure == "forcibly_displaced" and twice:
            current -= twice  # each person once, as Global Trends counts them
        difference = current - row.value
        relative = difference / row.value if row.value else float("nan")
        qualifier = qualifier_of(row)
        same = _same(current, row.value, qualifier)
        why = "the same" if same else _why(row, published, computed, twice, difference)
        out.append(
            {
                "figure": row.figure,
                "year": row.year,
                "label": row.label,
                "unit": row.unit,
                "cited_as": row.cited_as,
                "qualifier": qualifier,
                "published": row.value,
                "current": current,
                "difference": difference,
                "relative_difference": relative,
                "same": same,  # at the report's precision: the difference is within it
                "rounded": _in_millions(row),
                # "about half" beside 48.8%: the same at its precision, said as loosely
                "why": f"{qualifier} the same" if same and qualifier == "about" else why,
            }
        )
    return pd.DataFrame(out)


#: A published count this many times the current one, or as small in proportion, is a
#: typing error (an extra or a missing zero), not a revision.
TYPED_WRONG = 3


def check_magnitudes(table: pd.DataFrame, path: str) -> None:
    """Fail, in one line naming the published-figures file ``path``, on a count in
    :func:`reconcile`'s ``table`` :data:`TYPED_WRONG` times the current one or more, or as
    small (Global Trends 2024's 123.2 million typed 1232000000: "UNHCR's headline rose
    950%")."""
    counts = table[table["unit"] == "people"] if len(table) else table
    for row in counts.itertuples():
        ratio = row.published / row.current if row.current else float("nan")
        if ratio >= TYPED_WRONG or ratio <= 1 / TYPED_WRONG:
            raise InputError(
                f"{path}: {row.figure} of {row.year}: {row.published:,.0f} published, against "
                f"{row.current:,.0f} in the current data: a zero too many or too few?"
            )


#: How far below and above UNHCR's published count of the same year and date a world total
#: may lie, as shares of the published one. Refugees under UNHCR's mandate are revised by
#: well under 1% since (0.3% at most in 2016-2024): a file a tenth short is a download of
#: some countries (one without the Islamic Republic of Iran, 11% short, was read as the
#: world's, the gap called a revision), a tenth over a count mistyped (Syria's refugees in
#: Lebanon with an extra zero: 22% more).
#: IDMC's estimates, UNRWA's and resettlement counts are revised by up to a tenth
#: (resettlement, 2016: 9% fewer now), asylum-seekers, other people in need and stateless
#: people by under 3% (2016-2024): a fifth short or a quarter over is refused (the
#: stateless, counted by fewer countries and by surveys, a third over); Venezuela's
#: asylum-seekers in the United States typed with an extra zero made 66% more.
WORLD_TOTAL_WITHIN = {
    "refugees_unhcr": (0.1, 0.1),
    "asylum_seekers": (0.2, 0.25),
    "other_in_need": (0.2, 0.25),
    "stateless": (0.25, 0.35),
    "idps_conflict": (0.2, 0.25),
    "refugees_unrwa": (0.2, 0.25),
    "resettled": (0.2, 0.25),
}
#: The table each figure comes from, and the people it counts, for the message.
WORLD_TOTAL_OF = {
    "refugees_unhcr": ("population", "refugees under UNHCR's mandate"),
    "asylum_seekers": ("population", "asylum-seekers"),
    "other_in_need": ("population", "other people in need of international protection"),
    "stateless": ("population", "stateless people"),
    "idps_conflict": ("idmc", "people internally displaced by conflict and violence"),
    "refugees_unrwa": ("unrwa", "Palestine refugees under UNRWA's mandate"),
    "resettled": ("solutions", "refugees resettled"),
}
#: Groups a download may leave out as a column of '-' or 0 (as it may leave out the
#: column): a world total of none is not a download of some countries.
ZERO_IS_LEFT_OUT = {"asylum_seekers", "other_in_need", "stateless"}
#: The column of the population file's tables each of its figures sums.
PAIR_COLUMN = {
    "refugees_unhcr": "refugees",
    "asylum_seekers": "asylum_seekers",
    "other_in_need": "oip",
}


#: A provisional mid-year count this far below Mid-Year Trends' at most, beyond the
#: year-end bounds, is warned about, not refused: the next snapshot revises it (refugees
#: at mid-2025: 30.5 million printed, 28.5 million in December's), and a June release's
#: year-end count read as mid-year for want of a date, six months of returns later, is no
#: error (a tester: 26.9 million against 30.5 million refused). A download filtered to some
#: regions' hosts (the Middle East and North Africa's, 15% short) passes so too, warned
#: about. Above it, nothing explains the gap: refused.
MID_YEAR_WITHIN = 0.25
MID_YEAR_REVISED = (
    "a mid-year count is revised by later releases, but a download filtered to some "
    "countries would read so too (download it for all countries); if the file's latest "
    "year is a year-end count (a June release), give it an entry in sources.json with "
    "provisional_years []"
)


class WorldTotalOff(InputError):
    """A world total too far from UNHCR's published count of its ``year``."""

    def __init__(self, message: str, year: int | None = None) -> None:
        super().__init__(message)  # (args: the message alone, so that it pickles)
        self.year = year


def check_world_totals(tables: "Tables", files: dict[str, str], published_file: str) -> None:
    """Fail, in one line naming both files, when a year's world total of a figure of
    :data:`WORLD_TOTAL_WITHIN` lies further from UNHCR's published count of that year and
    date than it allows: a download filtered to some countries (Europe and Africa's hosts,
    every origin: 23.0 million refugees for 2024 against Global Trends' 31.0 million; an
    IDMC table of Sudan's rows alone), which would otherwise be read as the world's and its
    shortfall called a revision, or a count typed with a zero too many. ``files``: the file
    of each table (``population``, ``idmc``, ``unrwa``, ``solutions``); a table without
    one is not checked, nor a year a table gives at another date than the population file
    or ends on with no known date (a mid-year count, perhaps: warned about already). A
    provisional mid-year count short of Mid-Year Trends' by less than
    :data:`MID_YEAR_WITHIN` is warned about instead. The error is a :class:`WorldTotalOff`,
    which says the year."""
    rows = of_its_date(tables.published, tables)
    totals = tables.totals.set_index("year")
    for figure, (below, above) in WORLD_TOTAL_WITHIN.items():
        table, who = WORLD_TOTAL_OF[figure]
        if table not in files or figure not in totals:
            continue
        counted, published = totals[figure].dropna(), rows[rows["figure"] == figure]
        held = set(published["year"].astype(int)) & set(counted.index.astype(int))
        for year in sorted(y for y in held if not _of_another_date(tables, table, y)):
            row = first_published(published[published["year"] == year]).iloc[0]
            current, value = float(counted[year]), float(row["value"])
            if not current and figure in ZERO_IS_LEFT_OUT:
                continue  # a column of '-' or 0: the download left the group out
            if not value or 1 - below <= current / value <= 1 + above:
                continue
            hint = _largest_count(tables, figure, year) if current > value else ""
            mid_year = year in tables.provisional_years
            said = (
                f"{files[table]}: {current:,.0f} {who} {in_year(year, mid_year)}, against "
                f"{value:,.0f} in {row['cited_as']} ({published_file})"
            )
            if mid_year and 1 - MID_YEAR_WITHIN <= current / value < 1:
                notices.warn(f"{said}: {current / value - 1:+.0%}; {MID_YEAR_REVISED}")
                continue
            raise WorldTotalOff(f"{said}: expected about as many{hint}; {_far_off(table)}", year)


#: How far each group's world count may move in one year, as shares of the year before's,
#: and how far real ones moved (from 2000, or the group's first full year, to mid-2025):
#: refugees under UNHCR's mandate 13% down (2002) to 38% up (2022); asylum-seekers 15%
#: down to 80% up (2015); other people in need of international protection 2% to 38% up
#: (2019). UNHCR has published no count of a release's latest year yet: the year before
#: (or its published count, when the file does not hold it) is what it is set against.
#: Syria's refugees in Türkiye typed with an extra zero at mid-2025 made 60% more; the
#: Venezuelans in Mexico typed a hundred times over, 88% more other people in need (a
#: reviewer: it passed, Mid-Year Trends giving no such figure).
#: A fall of asylum-seekers or of other people in need is not checked (None): a later
#: release may well recount one group as another (other people in need as refugees); a
#: cell of theirs emptied is checked pair by pair (:func:`_check_blanked_pairs`).
YEAR_ON_YEAR_WITHIN = {
    "refugees_unhcr": ((0.4, 0.5), "-13% to +38% since 2000"),
    "asylum_seekers": ((None, 1.0), "-15% to +80% since 2000"),
    "other_in_need": ((None, 0.6), "+2% to +38% since 2019"),
}
#: A country's count from one country of origin (refugees, asylum-seekers or other people
#: in need) this many times that of the year before, from at least PAIR_STEP_FROM people,
#: is a count typed with a zero too many: the largest real rise since 1951 was the
#: Syrians in Lebanon in 2013, 6.7 times.
PAIR_STEP = 8
PAIR_STEP_FROM = 100_000


def check_year_on_year(tables: "Tables", files: dict[str, str]) -> None:
    """Fail, in one line naming the population file, when a count moves in one year by far
    more than any real one has (:data:`YEAR_ON_YEAR_WITHIN`, :data:`PAIR_STEP`): a count
    typed with a zero too many in a year UNHCR has published no figure for, or a latest
    year's download cut short or filtered, which :func:`check_world_totals` cannot see."""
    if "population" not in files:
        return
    _check_pairs(tables, files["population"])
    _check_blanked_pairs(tables, files["population"])
    for figure in YEAR_ON_YEAR_WITHIN:
        _check_world_change(tables, files["population"], figure)


def _check_world_change(tables: "Tables", population: str, figure: str) -> None:
    """Fail when the world's count of ``figure`` moves in a year (from 2000) by more than
    :data:`YEAR_ON_YEAR_WITHIN` allows; a group not counted the year before is not set
    against it."""
    totals = tables.totals.set_index("year")
    if figure not in totals:
        return
    counted = totals[figure].dropna()
    published = of_its_date(tables.published, tables)
    published = published[published["figure"] == figure]
    (below, above), real = YEAR_ON_YEAR_WITHIN[figure]
    who = WORLD_TOTAL_OF[figure][1]
    for year in counted.index[counted.index >= 2000]:
        before, whose = counted.get(year - 1), ""
        if before is None and (published["year"] == year - 1).any():
            row = first_published(published[published["year"] == year - 1]).iloc[0]
            before, whose = float(row["value"]), f" ({row['cited_as']})"
        now = float(counted[year])
        fell_too_far = below is not None and now < (1 - below) * (before or 0)
        ceiling = (1 + above) * (before or 0)  # a recount read only for a rise past it
        rose_too_far = now > ceiling and _risen(tables, figure, year, now) > ceiling
        if before and (fell_too_far or rose_too_far):
            hint = _largest_count(tables, figure, year) if now > before else ""
            when = in_year(year, year in tables.provisional_years)
            expected = (
                f"a change within -{below:.0%} and +{above:.0%}"
                if below is not None
                else f"a rise of at most +{above:.0%}"
            )
            raise InputError(
                f"{population}: {now:,.0f} {who} {when}, against {before:,.0f} at the end of "
                f"{year - 1}{whose} ({now / before - 1:+.0%}): expected {expected} (real "
                f"ones: {real}){hint}; a download filtered to some countries or cut "
                "short cannot give the world's figures (download it for all countries), or a "
                "count may be mistyped"
            )


def _risen(tables: "Tables", figure: str, year: int, now: float) -> float:
    """``now``, less what other people in need gained where the same pairs' refugees fell:
    a group recounted as the other (Afghans in the Islamic Republic of Iran, 3.2 million
    refugees counted as other people in need: +63%, refused, with the two groups together
    barely moved; a tester), not a rise. Pair by pair: the world's refugees falling for
    other reasons (Syrians returning home) make no allowance for a typo elsewhere (a
    reviewer); a year giving no refugees, none at all."""
    pairs = tables.by_origin_and_asylum
    if figure != "other_in_need" or pairs is None or pairs.empty:
        return now
    if pairs.loc[pairs["year"] == year, "refugees"].isna().all():
        return now
    both = pairs[pairs["year"].isin([year - 1, year])]
    wide = both.pivot_table(
        ["refugees", "oip"], ["origin_iso3", "asylum_iso3"], "year", aggfunc="sum"
    ).reindex(columns=pd.MultiIndex.from_product([["refugees", "oip"], [year - 1, year]]))
    wide = wide.fillna(0)
    fell = (wide[("refugees", year - 1)] - wide[("refugees", year)]).clip(lower=0)
    gained = (wide[("oip", year)] - wide[("oip", year - 1)]).clip(lower=0)
    return now - float(np.minimum(fell, gained).sum())


def _check_pairs(tables: "Tables", population: str) -> None:
    """Fail on a country's count from one country of origin :data:`PAIR_STEP` times the
    year before's or more."""
    pairs = tables.by_origin_and_asylum
    if pairs is None or pairs.empty:
        return
    for figure, column in PAIR_COLUMN.items():
        wide = pairs.pivot_table(column, ["origin_iso3", "asylum_iso3"], "year", aggfunc="sum")
        for year in wide.columns:
            if year - 1 not in wide.columns:
                continue
            before, now = wide[year - 1], wide[year]
            jumped = now[(before >= PAIR_STEP_FROM) & (now >= PAIR_STEP * before)]
            if jumped.empty:
                continue
            (origin, host), count = jumped.idxmax(), float(jumped.max())
            who = WORLD_TOTAL_OF[figure][1]
            when = in_year(year, year in tables.provisional_years)
            raise InputError(
                f"{population}: {count:,.0f} {who} {_from_in(tables, origin, host)} {when}, "
                f"against {before[origin, host]:,.0f} at the end of {year - 1}: expected under "
                f"{PAIR_STEP} times as many (the largest real rise from {PAIR_STEP_FROM:,} people "
                "or more, the Syrians in Lebanon in 2013, was 6.7 times); a count typed with a "
                "zero too many?"
            )


def _check_blanked_pairs(tables: "Tables", population: str) -> None:
    """Fail on a row giving no figure ('-' or an empty cell: read as none) where the same
    country's count from the same origin was :data:`BLANKED_FROM` or more the year before,
    in a year other rows give that group's figures (Türkiye's 2.9 million Syrians blanked:
    the world's refugees 9% fewer, Türkiye out of the rankings; a hostile tester)."""
    pairs = tables.by_origin_and_asylum
    if pairs is None or pairs.empty:
        return
    key = ["origin_iso3", "asylum_iso3", "year"]
    for figure, column in PAIR_COLUMN.items():
        given = pairs.loc[pairs[column].notna(), "year"].unique()  # years giving the group
        blank = pairs.loc[pairs[column].isna() & pairs["year"].isin(given), key]
        large = pairs.loc[pairs[column] >= BLANKED_FROM, [*key, column]]
        blank = blank.merge(large.assign(year=large["year"] + 1), on=key)  # the year before's
        if column == "oip":  # not a pair recounted as refugees: their count took it over
            blank = blank[~_recounted_as_refugees(pairs, blank)]
        if blank.empty:
            continue
        origin, host, year, was = blank.loc[blank[column].idxmax(), [*key, column]]
        who = WORLD_TOTAL_OF[figure][1]
        raise InputError(
            f"{population}: no figure of {who} {_from_in(tables, origin, host)} "
            f"{in_year(year, year in tables.provisional_years)} ('-' or an empty cell), against "
            f"{float(was):,.0f} at the end of {year - 1}: expected a count (a cell emptied in "
            "editing?)"
        )


def _recounted_as_refugees(pairs: pd.DataFrame, blank: pd.DataFrame) -> pd.Series:
    """For each pair of ``blank`` (``origin_iso3``, ``asylum_iso3``, ``year``, ``oip``: the
    year before's other people in need), whether its refugees rose by half that or more:
    a group recounted, as a later release may do, not a cell emptied (Colombia's 2.8 million
    Venezuelans blanked left the largest host out of the rankings, exit 0: a reviewer)."""
    key = ["origin_iso3", "asylum_iso3", "year"]
    refugees = pairs.set_index(key)["refugees"].fillna(0)
    refugees = refugees.groupby(level=key).sum()
    now = refugees.reindex(pd.MultiIndex.from_frame(blank[key])).fillna(0).to_numpy()
    before_key = blank[key].assign(year=blank["year"] - 1)
    before = refugees.reindex(pd.MultiIndex.from_frame(before_key)).fillna(0).to_numpy()
    return pd.Series(now - before >= 0.5 * blank["oip"].to_numpy(), index=blank.index)


def _largest_count(tables: "Tables", figure: str, year: int) -> str:
    """`` (its largest count that year: 6,200,740 from ... in ...)``: where to look for a
    mistyped count of the population file; empty for another table's figure."""
    column = PAIR_COLUMN.get(figure)
    pairs = tables.by_origin_and_asylum
    if column is None or pairs is None or pairs.empty:
        return ""
    rows = pairs[pairs["year"] == year]
    if rows.empty or not rows[column].fillna(0).any():
        return ""
    row = rows.loc[rows[column].fillna(0).idxmax()]
    return (
        f" (its largest count that year: {float(row[column]):,.0f} "
        f"{_from_in(tables, row['origin_iso3'], row['asylum_iso3'])})"
    )


def _from_in(tables: "Tables", origin: str, host: str) -> str:
    """``from the Syrian Arab Republic in Türkiye``: a pair of the population file, named."""
    names = tables.names.map(the)
    return f"from {names.get(origin, origin)} in {names.get(host, host)}"


def _of_another_date(tables: "Tables", table: str, year: int) -> bool:
    """Whether UNHCR's side ``table`` gives ``year`` at another date than the population
    file, or ends on it with no known date."""
    return table != "population" and (
        tables.left_out(table, year) or table in tables.of_unknown_date(year)
    )


def _far_off(table: str) -> str:
    """Why a world total lies far from the published count, as the message says it."""
    if table == "population":
        return (
            "a download filtered to some countries cannot give the world's figures (download "
            "it for all countries), a count may be mistyped, or the published figure is mistyped"
        )
    return (
        "a table of some countries cannot give the world's figures, or a count in it or the "
        "published figure is mistyped"
    )


def of_its_date(rows: pd.DataFrame, tables: "Tables") -> pd.DataFrame:
    """Published ``rows`` less UNHCR's from a report of another date than the count of their
    year in ``tables``: a year the data hold at mid-year (provisional) takes only mid-year
    reports (the title says "mid-year"), a year they hold at year end only end-year ones.
    Neither describes the other's count. Years after the data keep all."""
    mid_year = rows["title"].str.contains("mid-year", case=False, regex=False, na=False)
    provisional = rows["year"].isin(tables.provisional_years)
    held = rows["year"] <= tables.totals["year"].max()
    other_date = (rows["publisher"] == "UNHCR") & held & (mid_year != provisional)
    return rows[~other_date]


def first_published(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per figure, in the table's order: the publisher's own report before a seed
    document's statement, then the earliest published (a later revision's figure for the
    same year, such as UN DESA's 2024 estimate for 2020, is not a first publication)."""
    seed = from_a_seed(rows["cited_as"]).to_numpy()
    by = ["_seed", "published"] if "published" in rows.columns else ["_seed"]
    order = rows.reset_index(drop=True).assign(_seed=seed).sort_values(by, kind="stable")
    return rows.iloc[sorted(order.drop_duplicates("figure").index)]  # by position


def _in_millions(row) -> bool:
    """Whether a published count was printed in millions with one decimal (4.2 million)."""
    return row.unit == "people" and row.value % PART_ROUNDING == 0


def _why(
    row, published: pd.DataFrame, computed: dict, twice: float | None, difference: float
) -> str:
    """Why a published figure differs; for the forcibly displaced total, read from its parts."""
    title = getattr(row, "title", None)  # the report the total is from, its parts too
    if row.figure != "forcibly_displaced":
        if _in_millions(row) and 0 < difference < PART_ROUNDING:
            return above_its_rounding(row.value, row.value + difference)
        if row.figure == "idps_conflict" and "mid-year" in str(title or "").lower():
            return MID_YEAR_IDPS  # not IDMC's: Mid-Year Trends 2025 gave UNHCR's estimate
        return REASONS[row.figure]
    gap, part = total_gap(published, computed, row.year, row.value, twice, title)
    if gap in COUNTED_ONCE:
        parts = published_parts(published, row.year, title)
        implied = sum(parts.values()) - row.value
        revised = (
            f". The report's parts were revised since, most of all {PART_NAMES[part]}"
            if part
            else ""
        )
        return (
            "both totals count once the Palestine refugees also displaced inside Gaza, who are "
            f"in two of the parts: about {numbers.people(twice)} on UNRWA's share (the report's "
            f"parts imply {numbers.people(implied)}){revised}"
        )
    if gap == "uncounted":
        revised = revised_besides(computed, row.value, part)
        return f"the current data add {PART_NAMES[part]}, which that report did not count" + (
            f"; revisions since {revised}" if revised else ""
        )
    if gap == "headline":
        return "the report's parts add up to the current figure; its total is not their sum"
    if gap == "revised":
        return f"its parts were revised since, most of all {PART_NAMES[part]}"
    if gap == "both":
        return (
            "its total is not the sum of its parts, which were revised since, most of all "
            f"{PART_NAMES[part]}"
        )
    given = published_parts(published, row.year, title)
    missing = [
        name for part, name in PART_NAMES.items() if part not in given and computed.get(part)
    ]
    if given and missing:  # "do not give the report's parts" read as none given
        return (
            "each of its parts is revised every year; the published figures in use do not "
            f"give all the report's parts (not {listing(missing, escape=False)}), so which "
            "moved most cannot be told"
        )
    return REASONS[row.figure]


def revised_besides(computed: dict, published: float, part: str) -> str:
    """``lowered the other groups by 836,100``: how revisions since moved the groups a
    report counted, when a group it did not count (``part``) leaves part of the gap between
    its ``published`` total and the current one unexplained; else empty (Global Trends
    2018: 70.8 million and 2.6 million other people in need make 73.4, where the data give
    72.6)."""
    current = computed["forcibly_displaced"]
    if numbers.people(published + computed[part]) == numbers.people(current):
        return ""
    rest = current - published - computed[part]
    return f"{'lowered' if rest < 0 else 'raised'} the other groups by {numbers.people(abs(rest))}"


def total_gap(
    published: pd.DataFrame,
    computed: dict,
    year: int,
    total: float,
    twice: float | None = None,
    title: str | None = None,
) -> tuple[str, str | None]:
    """Why the forcibly displaced ``total`` the report of ``year`` printed differs from the
    current one, read from the parts it printed: ``("uncounted", part)``, a group the current
    data count that the report did not (its parts make its total); ``("counted once",
    None)``, its parts make the current total and its total is their sum less the people
    in two parts (``twice``, :func:`counted_twice`); ``("headline", None)``, its parts make
    the current total, not its own, for no reason known; ``("revised", part)``, its parts
    make its total and were revised since, ``part`` most; ``("counted once, revised",
    part)``, its total is their sum less ``twice`` and they were revised since; ``("both",
    part)``, neither; or
    ``("unknown", None)`` when a part is missing and no reason can be read. ``title``: the
    report the total is from, whose parts alone are read (not another report's of the year)."""
    parts = published_parts(published, year, title)
    if not parts:  # a headline alone: nothing to read a reason from
        return "unknown", None
    # the parts the current data count that the report did not publish (other people in
    # need of international protection in 2018, before Global Trends counted them)
    uncounted = [part for part in TOTAL_PARTS if part not in parts and computed.get(part)]
    if uncounted:
        return ("uncounted", uncounted[0]) if adds_up(parts, total) else ("unknown", None)
    once = bool(twice) and adds_up(parts, total + twice)
    if adds_up(parts, computed["forcibly_displaced"]):
        return ("counted once" if once else "headline"), None
    part = most_revised(parts, computed)
    if adds_up(parts, total):
        return "revised", part
    return ("counted once, revised" if once else "both"), part


def published_parts(published: pd.DataFrame, year: int, title: str | None = None) -> dict:
    """The parts of the forcibly displaced total the report of ``year`` published (the
    report titled ``title``, when given: Mid-Year Trends' parts are not Global Trends')."""
    rows = published[(published["year"] == year) & ~published["cited_as"].str.startswith("as ")]
    rows = rows if title is None else rows[rows["title"] == title]
    values = dict(zip(rows["figure"], rows["value"], strict=True))
    parts = {}
    for part, names in TOTAL_PARTS.items():
        value = next((values[name] for name in names if name in values), None)
        if value is not None:
            parts[part] = value
    return parts


def adds_up(parts: dict, total: float) -> bool:
    """Whether published ``parts`` add up to ``total`` within their rounding: Global Trends
    prints them in millions with one decimal (31.0 million is 30.95 to 31.05 million)."""
    return abs(sum(parts.values()) - total) <= PART_ROUNDING / 2 * len(parts)


def most_revised(parts: dict, computed: dict) -> str:
    """The part whose current value is furthest from its published one."""
    return max(parts, key=lambda part: abs((computed.get(part) or 0) - parts[part]))


def rounds_to(current: float, published: float) -> bool:
    """True when ``current``, rounded as ``published`` was rounded, equals it.

    ``published`` is taken at its own precision: 65,600,000 to the hundred thousand,
    281,000,000 to the million, 0.481 to the thousandth. A round count is not read as
    rounder than reports print counts: 40,000,000 is 40.0 million (to the hundred
    thousand), 300,000,000 is 300 million (to the million).
    """
    exponent = Decimal(repr(float(published))).normalize().as_tuple().exponent
    if float(published).is_integer():
        exponent = Decimal(int(published)).normalize().as_tuple().exponent
        exponent = min(exponent, 6 if abs(published) >= 100_000_000 else 5)
    step = Decimal(10) ** exponent
    rounded = (Decimal(repr(float(current))) / step).quantize(Decimal(1), ROUND_HALF_UP) * step
    return rounded == Decimal(repr(float(published)))


def _same(current: float, published: float, qualifier: str) -> bool:
    """Whether ``current`` is what the report printed: equal at its precision, and on the
    side its qualifier says ("over 50%" is not 46%; "almost 3.0 million" is not 3.04)."""
    if not rounds_to(current, published):
        return False
    if qualifier in ("over", "at least"):
        return current >= published
    return current <= published if qualifier == "almost" else True


def qualifier_of(row) -> str:
    """The word a report set before a published row's figure ("about", "over"), or "" (an
    empty cell is NaN); ``row`` a Series or a tuple of ``itertuples``."""
    qualifier = getattr(row, "qualifier", "")
    return qualifier if isinstance(qualifier, str) else ""


def as_printed(
    value: float,
    unit: str,
    figure: str,
    qualifier: str = "",
    as_published: bool = True,
    beside: float | None = None,
) -> str:
    """A figure as the briefing writes it: a published one as its report printed it, with
    its qualifier and at its precision ("about 50%"); UN DESA's world count of migrants in
    whole millions, published or current ("281 million", "275 million"); a current count
    ``beside`` a published one printed with two decimals, with two decimals too."""
    if figure == "migrant_stock":
        shown = numbers.migrants(value)
    else:
        shown = show(value, unit, as_published, beside)
    return f"{qualifier} {shown}" if qualifier else shown


def _in_hundredths_of_millions(value: float) -> bool:
    """Whether a published count was printed in millions with two decimals (8.42 million)."""
    return value >= 1e6 and bool(value % 100_000) and not value % 10_000


def show(value: float, unit: str, as_published: bool = False, beside: float | None = None) -> str:
    """A published or current value as the briefing writes it; a published share at the
    precision it was printed with (0.55 as ``55%``, 0.481 as ``48.1%``), not more; a count
    printed in millions with two decimals likewise (8,420,000 as ``8.42 million``, not 8.4:
    a reviewer), and a current one ``beside`` it ("8.42 million | 9.00 million")."""
    if unit != "share":
        finer = (
            _in_hundredths_of_millions(value)
            if as_published
            else (beside is not None and _in_hundredths_of_millions(beside))
        )
        return numbers.people(value, finer=finer)
    if not as_published:
        return numbers.share(value, 1)
    decimals = -Decimal(repr(float(value))).normalize().as_tuple().exponent
    return numbers.share(value, min(max(decimals - 2, 0), 1))


def show_difference(
    difference: float, relative: float, unit: str, same: bool = False, rounded: bool = False
) -> str:
    """A difference: in percentage points for shares, in per cent of the published value
    else; ``none`` when there is none, and a small one with the digits that show it.
    ``same`` (the current figure is the published one at its precision): "within rounding",
    not "+0.1%" beside "the same"; ``rounded`` (a count printed in millions with one
    decimal): in whole per cent, "about −1%", as the printed figure cannot give more."""
    if not difference:
        return "none"
    if same:
        return "within rounding"
    if rounded and unit != "share" and relative == relative:
        whole, sign = round(abs(relative) * 100), "+" if relative > 0 else "−"
        if whole:
            return f"about {sign}{whole:,}%"
        tenth = f"{abs(relative) * 100:.1f}"  # "about +0.0%" beside 123.2 and 123.3 million
        return f"under {sign}0.1%" if tenth == "0.0" else f"about {sign}{tenth}%"
    if unit == "share":
        value, suffix = difference * 100, " points"
    elif relative != relative:  # NaN
        return "n/a"
    else:
        value, suffix = relative * 100, "%"
    if not value:
        return "none"
    sign = "+" if value > 0 else "−"
    digits = numbers.decimals_needed(abs(value), 1, 2)
    return f"{sign}{abs(value):,.{digits}f}{suffix}" if digits else f"{sign}<0.01{suffix}"
