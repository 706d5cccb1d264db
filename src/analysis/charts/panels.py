"""Small multiples: one small panel per country, on a shared scale."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation

from analysis import numbers
from analysis.charts.base import (
    Chart,
    CountTicks,
    drawn_at,
    finish,
    hollow_points,
    mid_year_note,
    readable,
    require,
    round_ticks,
    year_labels,
)
from analysis.charts.style import (
    FIGSIZE,
    GROUP_COLOURS,
    GROUP_LABELS,
    INK,
    LABEL_SIZE,
    house_style,
)
from analysis.wording import in_full, in_year, short_name

#: The two series of each panel, bottom of the legend last.
SERIES = ("refugees", "other_in_need")
_COLOURS = {
    "refugees": GROUP_COLOURS["refugees_unhcr"],
    "other_in_need": GROUP_COLOURS["other_in_need"],
}
# Other people in need dashed: in greyscale print the two colours are nearly the same grey.
_DASHES = {"refugees": "", "other_in_need": (3, 1.2)}
_LABELS = {
    "refugees": GROUP_LABELS["refugees_unhcr"],
    "other_in_need": GROUP_LABELS["other_in_need"],
}


#: A series of this many years or fewer is drawn with a point on each year.
SHORT_SERIES = 3


def _style(series: str) -> dict:
    """How a series is drawn, in the panels and in the legend: its colour and dashes."""
    dashes = _DASHES[series]
    return {
        "color": _COLOURS[series],
        "linewidth": 2.2,
        "linestyle": (0, dashes) if dashes else "solid",
    }


def _key(series: str) -> Line2D:
    """The legend's sample of a series."""
    return Line2D([], [], **_style(series))


def _ranked_countries(data: pd.DataFrame) -> list[str]:
    """Countries, largest first by refugees plus other people in need in their last year."""
    latest = data.sort_values("year", kind="mergesort").groupby("name", sort=False).tail(1)
    total = latest[list(SERIES)].fillna(0).sum(axis=1)
    order = latest.assign(total=total).sort_values("total", ascending=False, kind="mergesort")
    return [str(n) for n in order["name"]]


def _every_year(data: pd.DataFrame) -> pd.DataFrame:
    """``data`` with a row of no figures for each country's year, from its first row to the
    last year of all, that has none: a gap in its line, not a line drawn across the years
    the data give no figure for (Guinea's refugees abroad, 300 in 1971 and 300,000 in 1975;
    most refugees of the time had no origin recorded, so a missing year is not none)."""
    last = int(data["year"].max())
    filled = [
        own.set_index("year")
        .reindex(pd.RangeIndex(int(own["year"].min()), last + 1, name="year"))
        .assign(name=name)
        .reset_index()
        for name, own in data.groupby("name", sort=False)
    ]
    return pd.concat(filled, ignore_index=True)[list(data.columns)] if filled else data


def _long(panel: pd.DataFrame) -> pd.DataFrame:
    """A panel's rows as (year, series, people), without the series that are all empty; a
    year of no figure between a series' first and last stays, a gap in its line."""
    long = panel.melt(id_vars="year", value_vars=list(SERIES), var_name="series")
    given = long["year"].where(long["value"].notna()).groupby(long["series"])
    long = long[long["year"].between(given.transform("min"), given.transform("max"))]
    shown = long.groupby("series")["value"].transform(lambda v: (v > 0).any())
    return long[shown].sort_values(["series", "year"], kind="mergesort")


def _panel(ax, panel: pd.DataFrame, title: str, provisional_from: int | None = None) -> None:
    long = _long(panel)
    for series in SERIES:
        rows = long[long["series"] == series]
        if rows.empty:
            continue
        # a year or two of a series (a category's first) are points too, not a dash or two
        # no one sees (Venezuela's other people in need, 2018 and 2019)
        marker = {"marker": "o", "markersize": 3} if len(rows) <= SHORT_SERIES else {}
        x = drawn_at(rows["year"], provisional_from)  # mid-2025 half a year after 2024
        values = rows["value"].to_numpy(dtype=float)
        ax.plot(x, values, **_style(series), **marker)
        # a figure between years of none given is a point: no line reaches it (Guinea, 1975)
        shown = ~np.isnan(values)
        alone = shown & ~np.r_[False, shown[:-1]] & ~np.r_[shown[1:], False]
        if np.any(alone) and not marker:
            ax.plot(x[alone], values[alone], "o", markersize=3, color=_COLOURS[series])
        mid_year = (rows["year"] >= provisional_from).to_numpy() if provisional_from else []
        if np.any(mid_year):  # a mid-year count: a hollow point (the trend chart hatches it)
            hollow_points(ax, x[mid_year], values[mid_year], _COLOURS[series], markersize=4.5)
        ax.annotate(
            numbers.short(values[-1]),
            xy=(x[-1], values[-1]),
            xytext=(6 if np.any(mid_year) else 3, 0),  # clear of a hollow point's ring
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=LABEL_SIZE - 1,
            fontweight="bold",
            color=_COLOURS[series],
        )
    ax.set_title(textwrap.fill(title, width=24), loc="left", color=INK, fontsize=LABEL_SIZE)


def _alt(title: str, data: pd.DataFrame, names: list[str], provisional_from: int | None) -> str:
    first, last = int(data["year"].min()), int(data["year"].max())

    def dated(year: int) -> str:  # a provisional year is a mid-year count: "at mid-2026"
        return in_year(year, provisional_from is not None and year >= provisional_from)

    parts = []
    for name in names:
        rows = data[data["name"] == name].sort_values("year")
        total = rows[list(SERIES)].fillna(0).sum(axis=1)
        latest, peak = rows.iloc[-1], int(rows["year"].iloc[int(np.argmax(total))])
        now = numbers.people(float(total.iloc[-1]))
        text = f"{in_full(name)}: {now} {dated(int(latest['year']))}"
        if (rows["other_in_need"].fillna(0) > 0).any():
            text += (
                f" ({numbers.people(float(latest['refugees']))} refugees and "
                f"{numbers.people(float(latest['other_in_need']))} other people in need)"
            )
        highest = numbers.people(float(total.max()))
        if peak != int(latest["year"]) and highest != now:  # else the figure given is the peak
            text += f", peak {highest} {dated(peak)}"
        parts.append(text)
    counted = (  # before 2018 the data count no other people in need
        "refugees and other people in need of international protection"
        if (data["other_in_need"].fillna(0) > 0).any()
        else "refugees"
    )
    return (
        f"{title}. Small line charts, one per country, {first} to {last}, on a shared scale, "
        f"of {counted}: {'; '.join(parts)}."
    )


def origin_small_multiples(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    columns: int = 3,
    provisional_from: int | None = None,
    note: str = "",
) -> Chart:
    """One small panel per country of origin: refugees (blue) and other people in need of
    international protection (red) over the years, on a shared y axis; years from
    ``provisional_from`` are mid-year counts, so dated in the alt text ("at mid-2026").
    ``note`` is printed under the source (a step one host made, for one).

    ``data`` has columns ``year``, ``name``, ``refugees`` and ``other_in_need`` (missing
    values, and years without a row after a country's first, are gaps; a series that is
    empty for a country is left out of its panel).
    Panels run largest first, by refugees plus other people in need in the last year.
    """
    require(data, ["year", "name", *SERIES], "origin_small_multiples")
    data = _every_year(data.assign(**{s: data[s].astype(float) for s in SERIES}))
    names = _ranked_countries(data)
    rows = math.ceil(len(names) / min(columns, len(names)))
    columns = math.ceil(len(names) / rows)  # balanced: 4 panels as 2 x 2, not 3 + 1
    first, last = int(data["year"].min()), int(data["year"].max())
    with house_style():
        figure = Figure(figsize=FIGSIZE, layout="constrained")
        FigureCanvasAgg(figure)
        # The legend gets a strip of its own under the title, the panels the rest.
        key, grid = figure.subfigures(2, 1, height_ratios=[1, 9])
        axes = grid.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).ravel()
        for ax, country in zip(axes, names, strict=False):
            _panel(ax, data[data["name"] == country], short_name(country), provisional_from)
        for at, ax in enumerate(axes):
            if at >= len(names):
                ax.set_visible(False)
            elif at + columns >= len(names):  # nothing drawn below: show the years here
                ax.xaxis.set_tick_params(labelbottom=True)
        top = float(data[list(SERIES)].max().max())
        ax0 = axes[0]
        ax0.set_ylim(0, top * 1.1 or 1)
        ends = sorted({first, last})
        at = drawn_at(ends, provisional_from)
        ax0.set_xlim(first, at[-1] + max((last - first) * 0.2, 1))  # room for the end labels
        ax0.yaxis.set_major_locator(round_ticks(3))
        ax0.yaxis.set_major_formatter(CountTicks())
        mid_year = provisional_from is not None and last >= provisional_from
        ax0.set_xticks(at, [str(y) for y in year_labels(ends, provisional_from)])
        for ax in axes:
            ax.tick_params(labelsize=LABEL_SIZE - 1)
            ax.tick_params(axis="y", length=0, pad=4)
            # the first year's label starts at its tick and the last one's ends at it, so
            # those of panels side by side do not run together ("mid-2025 2000")
            labels = ax.get_xticklabels()
            if len(labels) == 2:
                labels[0].set_horizontalalignment("left")
                labels[1].set_horizontalalignment("right")
        shown = [s for s in SERIES if (data[s].fillna(0) > 0).any()]
        key.legend(
            [_key(s) for s in shown],
            [_LABELS[s] for s in shown],
            loc="center left",
            bbox_to_anchor=(0.005, 0.5),  # line up with the title
            ncols=2,
            handlelength=1.6,
            borderaxespad=0,
        )
        if alt is None:
            alt = _alt(title, data, names, provisional_from) + (f" {note}" if note else "")
        table = readable(
            data.sort_values(["name", "year"], key=_by(names), kind="mergesort"),
            {"year": "Year", "name": "Country"} | {s: _LABELS[s] for s in SERIES},
        )
        table["Year"] = year_labels(table["Year"], provisional_from)  # as the axis reads it
        table["Country"] = table["Country"].astype(str).map(in_full)  # as the text writes it
        note = " ".join(n for n in (note, mid_year_note(last) if mid_year else "") if n)
        chart = finish(
            figure, name=name, title=title, source=source, alt=alt, data=table, note=note
        )
    for ax in axes:  # once laid out, where the labels fall is known
        _end_labels_apart(ax)
    return chart


#: The least distance, in points, between the centres of two end labels of a panel, and
#: between a label's centre and the panel's zero line.
LABELS_APART = LABEL_SIZE + 1


def _end_labels_apart(ax) -> None:
    """Move a panel's two end labels apart when they would touch (Afghanistan at mid-2025:
    "2.7M" over "1.0M"), and a label off the zero line ("417K" on it), by offsets only."""
    labels = sorted((t for t in ax.texts if isinstance(t, Annotation)), key=lambda t: t.xy[1])
    if not labels:
        return
    points = ax.figure.dpi / 72  # display units per point
    y = {id(t): ax.transData.transform(t.xy)[1] / points for t in labels}
    zero = ax.transData.transform((0, 0))[1] / points
    lift = max(0.0, zero + LABELS_APART / 2 - y[id(labels[0])])  # off the zero line
    moves = [lift] + [0.0] * (len(labels) - 1)
    if len(labels) == 2:
        gap = y[id(labels[1])] + moves[1] - y[id(labels[0])] - moves[0]
        if gap < LABELS_APART:
            moves[1] += LABELS_APART - gap
    for label, move in zip(labels, moves, strict=True):
        label.xyann = (label.xyann[0], label.xyann[1] + move)


def _by(names: list[str]):
    """A sort key that puts countries in panel order and leaves years as they are."""
    rank = {n: i for i, n in enumerate(names)}
    return lambda column: column.map(rank) if column.name == "name" else column
