"""Charts over the years: stacked areas and lines."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from analysis import numbers
from analysis.charts.base import (
    Chart,
    CountTicks,
    drawn_at,
    finish,
    hollow_points,
    integer_years,
    mark_year,
    mid_year_note,
    new_figure,
    round_ticks,
    share_formatter,
    share_text,
    year_labels,
    year_range,
)
from analysis.charts.style import GROUP_COLOURS, GROUP_LABELS, LABEL_SIZE, MUTED, house_style
from analysis.sources.unhcr import OIP_FROM
from analysis.wording import in_year, number_word


def _year_table(
    data: pd.DataFrame, labels: list[str], provisional_from: int | None
) -> pd.DataFrame:
    """The series by year for a reader: a ``Year`` column (mid-year counts from
    ``provisional_from`` read "mid-2025", the others their year), then one column per
    label."""
    table = data.set_axis(labels, axis="columns").reset_index(drop=True)
    table.insert(0, "Year", year_labels(data.index, provisional_from))
    return table


def _years_and_series(data: pd.DataFrame, chart: str) -> tuple:
    """``data`` sorted by year, its years as floats, the first and last year, its column ids
    (text) and their labels; ``ValueError`` naming ``chart`` when there is nothing to draw."""
    if data.empty or len(data.columns) == 0:
        raise ValueError(f"{chart}: no rows to chart")
    data = data.sort_index()
    columns = [str(c) for c in data.columns]
    return (
        data,
        np.asarray(data.index, dtype=float),
        *year_range(data.index),
        columns,
        [GROUP_LABELS.get(c, c) for c in columns],
    )


#: Groups counted from a year on (other people in need of international protection, from
#: 2018): none before is no count, not a rise from nothing.
COUNTED_FROM = {"other_in_need": OIP_FROM}


def _counted_from(
    x: np.ndarray, years: np.ndarray, series: list[np.ndarray], columns: list[str]
) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """The stacked points with an upright edge where a group of :data:`COUNTED_FROM` is
    first counted after the chart's first year, the year before being one it was not yet
    counted in: its area starts there, not on a ramp from that year's zero (which read as
    people counted in 2017). A zero of a year it was counted stays a zero."""
    for column in COUNTED_FROM.keys() & set(columns):
        counted = np.flatnonzero(series[columns.index(column)] > 0)
        if not len(counted) or counted[0] == 0 or years[counted[0] - 1] >= COUNTED_FROM[column]:
            continue
        at = int(counted[0])
        x, years = np.insert(x, at, x[at]), np.insert(years, at, years[at])
        series = [
            np.insert(s, at, 0.0 if c == column else s[at])
            for s, c in zip(series, columns, strict=True)
        ]
    return x, years, series


def trend_area(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    highlight_year: int | None = None,
    provisional_from: int | None = None,
    totals: pd.Series | None = None,
    note: str = "",
) -> Chart:
    """Stacked areas over the years, one colour per group, provisional years marked.

    ``data`` is indexed by ``year`` with one column of counts per group id; the
    first column is drawn at the bottom of the stack. ``totals`` (by year) are the totals
    the marker and the alt text give, when they are not the stacked sums (people in two
    groups counted once); ``note`` goes under the source line.
    """
    data, years, first, last, columns, labels = _years_and_series(data, "trend_area")
    colours = [GROUP_COLOURS.get(c, GROUP_COLOURS["others_of_concern"]) for c in columns]
    series = [data[c].astype(float).fillna(0).to_numpy() for c in data.columns]  # not counted
    stacked = data.astype(float).sum(axis=1)
    totals = stacked if totals is None else totals.astype(float).reindex(stacked.index)
    provisional = provisional_from is not None and provisional_from <= last
    if highlight_year is not None and highlight_year not in data.index:
        raise ValueError(f"trend_area: highlight_year {highlight_year} is not among the years")
    x = drawn_at(years, provisional_from if provisional else None)
    x, years, series = _counted_from(x, years, series, columns)

    with house_style():
        figure, ax = new_figure()
        if provisional:
            # Everything, lighter and hatched: only the provisional stretch stays visible.
            ax.stackplot(x, *series, colors=colours, alpha=0.7, hatch="///", linewidth=0)
            firm = years < provisional_from
            # The firm stretch runs up to the last firm year; the segment that
            # ends on a provisional year stays light.
            ax.stackplot(
                x[firm], *[s[firm] for s in series], colors=colours, labels=labels, linewidth=0
            )
            years_text = f"mid-{last}" if provisional_from == last else f"{provisional_from}–{last}"
            ax.set_xlabel(
                f"Hatched: {years_text}, provisional figures",
                loc="right",
                fontsize=LABEL_SIZE - 1,
                color=MUTED,
                fontstyle="italic",
            )
        else:
            ax.stackplot(x, *series, colors=colours, labels=labels, linewidth=0)
        # a marked last year: a little room after it, so the marker does not hide the edge
        # of the stack (a last year's rise read as a sliver against the frame)
        end = x[-1] + max((last - first) * 0.02, 0.2) if highlight_year == last else x[-1]
        ax.set_xlim(first, end)
        ax.set_ylim(0, float(stacked.max()) * 1.15 or 1)
        ax.margins(x=0)
        ax.yaxis.set_major_locator(round_ticks(5))
        ax.yaxis.set_major_formatter(CountTicks())
        integer_years(ax, x)
        ax.tick_params(axis="y", length=0, pad=6)  # "0" clear of the first year
        # a provisional year is a mid-year count: "mid-2025: 117.8 million"
        mid = (
            "mid-"
            if provisional and highlight_year is not None and highlight_year >= provisional_from
            else ""
        )
        if highlight_year is not None:
            total = numbers.people(float(totals.loc[highlight_year]))
            # a total below its stack counts some people once: an estimate, as the note says
            about = "about " if totals.loc[highlight_year] < stacked.loc[highlight_year] else ""
            at = x[np.flatnonzero(years == highlight_year)[-1]]
            mark_year(ax, at, f"{mid}{highlight_year}: {about}{total}")
        handles, legend_labels = ax.get_legend_handles_labels()
        ax.legend(
            handles[::-1],  # top of the stack first, as the eye reads it
            [textwrap.fill(label, width=24) for label in legend_labels[::-1]],
            loc="upper left",
            bbox_to_anchor=(1.02, 1),
            borderaxespad=0,
            handlelength=1.2,
            labelspacing=0.8,
        )
        if alt is None:
            groups = ", ".join(labels)
            start, end = (numbers.people(float(totals.iloc[i])) for i in (0, -1))
            until = in_year(last, provisional)  # "at mid-2025", a provisional year's count
            same = f"in {first} and {until}" if provisional else f"in both {first} and {last}"
            went = (
                f"was {end} {same}"
                if start == end
                else f"went from {start} in {first} to {end} {until}"
            )
            went += _between(totals.astype(float), numbers.people)  # a peak the ends hide
            # "of the three groups": not the text's refugees and others in need (Iran's
            # "lowest 798,400" counts 100 asylum-seekers more than its "low of 798,300")
            whose = f" of the {number_word(len(labels))} groups" if len(labels) > 1 else ""
            if (totals < stacked).any():  # not the groups' sum: people in two counted once
                whose = ", each person counted once,"
            alt = (
                f"{title}. Stacked area chart, {first} to {last}, of {groups}. "
                f"The total{whose} {went}"
            )
            if highlight_year is not None and highlight_year != last:  # the end is told above
                marked = numbers.people(float(totals.loc[highlight_year]))
                alt += f"; {mid}{highlight_year} is marked at {marked}"
            if provisional:
                alt += f". Figures from {provisional_from} are provisional"
            alt += f". {note}" if note else "."
        table = _year_table(data, labels, provisional_from if provisional else None)
        return finish(figure, name=name, title=title, source=source, alt=alt, data=table, note=note)


def line_series(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    value_format: str = "people",
    highlight_year: int | None = None,
    y_max: float | None = None,
    provisional_from: int | None = None,
    note: str = "",
) -> Chart:
    """Lines with markers over the years; y axis in short numbers or shares.

    ``data`` is indexed by ``year``, one column per series (a legend appears
    when there is more than one). ``value_format`` is ``"people"`` or ``"share"``.
    ``y_max`` fixes the top of the y axis (``1.0``: a share on a full 0-100% scale);
    by default it sits a little above the largest value. Counts from ``provisional_from``
    are mid-year ones: dated so in the alt text (``"at mid-2026"``) and the table. ``note``
    goes under the source line (and in the alt text).
    """
    if value_format not in ("people", "share"):
        raise ValueError(
            f"line_series: value_format must be 'people' or 'share', not {value_format!r}"
        )
    data, years, first, last, columns, labels = _years_and_series(data, "line_series")
    spoken = numbers.people if value_format == "people" else share_text
    last_when = in_year(last, provisional_from is not None and last >= provisional_from)
    x = drawn_at(years, provisional_from)

    with house_style():
        figure, ax = new_figure()
        marked = highlight_year is not None and highlight_year != last
        top = float(np.nanmax(data.astype(float).to_numpy()))
        axis_top = y_max if y_max is not None else (top * 1.18 or 1)
        label_at = [len(years) - 1]
        if marked and highlight_year in data.index:
            label_at.insert(0, list(data.index).index(highlight_year))
        for column, label in zip(data.columns, labels, strict=True):
            values = data[column].astype(float).to_numpy()
            colour = GROUP_COLOURS.get(str(column))
            # above the year marker (zorder 5), which would hide the marked year's point
            (line,) = ax.plot(x, values, marker="o", label=label, color=colour, zorder=6)
            mid_year = years >= provisional_from if provisional_from is not None else []
            if np.any(mid_year):  # a mid-year count: a hollow point, as the other charts
                hollow_points(ax, x[mid_year], values[mid_year], line.get_color(), zorder=6.5)
            for at in label_at:
                below = _in_a_dip(values, at, axis_top)
                ax.annotate(
                    numbers.short(values[at])
                    if value_format == "people"
                    else share_text(values[at]),
                    xy=(x[at], values[at]),
                    xytext=(0, -10 if below else 8),
                    textcoords="offset points",
                    ha="center",
                    va="top" if below else "bottom",
                    fontsize=LABEL_SIZE - 1,
                    color=line.get_color(),
                    fontweight="bold",
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                    zorder=7,
                )
        ax.set_ylim(0, axis_top)
        pad = max((last - first) * 0.04, 0.5)
        ax.set_xlim(first - pad, x[-1] + pad)
        ax.yaxis.set_major_locator(round_ticks(5))
        if value_format == "people":
            ax.yaxis.set_major_formatter(CountTicks())
        else:
            ax.yaxis.set_major_formatter(FuncFormatter(share_formatter(ax)))
        integer_years(ax, x)
        ax.tick_params(axis="y", length=0, pad=6)
        if marked:  # where its point is drawn (a mid-year count half a year on)
            mark_year(ax, drawn_at([highlight_year], provisional_from)[0], str(highlight_year))
        if len(columns) > 1:
            ax.legend(
                loc="lower left",
                bbox_to_anchor=(0, 1.02),
                ncols=min(len(columns), 3),
                borderaxespad=0,
                handlelength=1.6,
            )
        if alt is None:
            parts = []
            for column, label in zip(data.columns, labels, strict=True):
                values = data[column].astype(float)
                parts.append(
                    f"{label} from {spoken(float(values.iloc[0]))} in {first} "
                    f"to {spoken(float(values.iloc[-1]))} {last_when}{_between(values, spoken)}"
                )
            alt = f"{title}. Line chart, {first} to {last}: {'; '.join(parts)}."
            alt = f"{alt} {note}" if note else alt
        table = _year_table(data, labels, provisional_from)
        mid_year = provisional_from is not None and last >= provisional_from
        note = " ".join(n for n in (note, mid_year_note(last, "point") if mid_year else "") if n)
        return finish(figure, name=name, title=title, source=source, alt=alt, data=table, note=note)


def _in_a_dip(values: np.ndarray, at: int, axis_top: float) -> bool:
    """Whether the point ``at`` lies below the line on each side of it, and high enough
    above the axis (which runs from 0 to ``axis_top``) for its label to go under it: 2022's
    73%, after 86% in 2021, was written over the fall it ends (a designer); a point near
    zero keeps its label above, off the axis' years (a reviewer)."""
    near = [values[i] for i in (at - 1, at + 1) if 0 <= i < len(values)]
    near = [v for v in near if np.isfinite(v)]
    room = np.isfinite(values[at]) and values[at] >= DIP_ROOM * axis_top
    return bool(near) and bool(room) and all(values[at] < v for v in near)


#: The share of the axis' height a dipping point needs above the axis to be labelled
#: under.
DIP_ROOM = 0.25


def _between(values: pd.Series, spoken) -> str:
    """A highest or lowest point between a line's ends that stands a tenth beyond both, for
    the alt text (the share hosted in developing regions: 75% in 2000 and 73% in 2023,
    highest 86% in 2014): ``", highest 86% in 2014"``; else empty."""
    inner, ends = values.iloc[1:-1].dropna(), values.iloc[[0, -1]]
    if inner.empty:
        return ""
    said = ""
    if inner.max() > 1.1 * ends.max():
        said += f", highest {spoken(float(inner.max()))} in {inner.idxmax()}"
    if inner.min() < 0.9 * ends.min():
        said += f", lowest {spoken(float(inner.min()))} in {inner.idxmin()}"
    return said
