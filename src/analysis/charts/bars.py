"""Horizontal bar charts: rankings, population groups, regional shares, rates per 1,000."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
from matplotlib.transforms import blended_transform_factory

from analysis import numbers
from analysis.charts.base import (
    Chart,
    finish,
    hbars,
    list_pairs,
    new_figure,
    readable,
    require,
)
from analysis.charts.style import GROUP_COLOURS, GROUP_LABELS, house_style
from analysis.wording import capitalized, in_full, short_name


def _bar_chart(
    labels: list[str],
    values: list[float],
    colours: list[str] | str,
    bar_texts: list[str],
    *,
    heading: str | None,
    spoken: list[tuple[str, str]],
    described_as: str,
    table: pd.DataFrame,
    name: str,
    title: str,
    source: str,
    alt: str | None,
    note: str = "",
    segments: Sequence[tuple[list[float], str, str]] = (),
    parts_said: str = "",
) -> Chart:
    """Horizontal bars labelled ``bar_texts``, under an optional ``heading``; with
    ``segments``, stacked of them under a legend in one row; by default the alt text lists
    the ``spoken`` (label, number) pairs after ``described_as``, then ``parts_said``."""
    with house_style():
        figure, ax = new_figure(bars=len(labels))
        hbars(ax, labels, values, colours, bar_texts, segments)
        if segments:  # one row over the bars, from the figure's left edge on every chart
            at = blended_transform_factory(figure.transFigure, ax.transAxes)
            ax.legend(loc="lower left", bbox_to_anchor=(0.004, 1.0), bbox_transform=at,
                      ncol=len(segments), frameon=False, borderaxespad=0.2,
                      handlelength=1.2, columnspacing=1.5)  # fmt: skip
        if heading:  # above the legend, when there is one
            ax.set_title(heading, pad=30 if segments else 8)
        if alt is None:
            kind = f"{described_as}, each bar stacked by group" if segments else described_as
            alt = f"{title}. Horizontal bar chart of {kind}: {list_pairs(spoken)}{parts_said}."
        return finish(figure, name=name, title=title, source=source, alt=alt, data=table, note=note)


def ranking_bars(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    colour: str = GROUP_COLOURS["refugees_unhcr"],
    value_label: str = "refugees",
    category: str = "Country",
    note: str = "",
    parts: Sequence[tuple[str, str]] = (),
) -> Chart:
    """Sorted horizontal bars, largest at the top, each labelled with its short number.

    ``data`` has columns ``name`` and ``value`` (e.g. the top hosting countries), and
    optionally ``iso3``; ``category`` heads the names in :attr:`Chart.data`; ``note`` goes
    under the source line (the UN's note on a name). ``parts`` name the columns of
    ``data`` that make up ``value``, each with its population group (``("oip",
    "other_in_need")``): two groups with people in them are stacked in their colours.
    """
    require(data, ["name", "value"], "ranking_bars")
    ranked = data.sort_values("value", ascending=False, kind="mergesort")
    names = [str(n) for n in ranked["name"]]
    values = [float(v) for v in ranked["value"]]
    labels = (  # "United Kingdom", not the full name that squeezes the bars
        [short_name(n, str(c)) for n, c in zip(names, ranked["iso3"], strict=True)]
        if "iso3" in ranked.columns
        else names
    )
    written = numbers.apart(*values)  # Ukraine's and Afghanistan's 5.7 million: 5.68, 5.66
    segments, colour, parts_said = _stacking(ranked, parts, colour, numbers.people)
    shown = {c: GROUP_LABELS[g] for c, g in parts} if segments else {}
    return _bar_chart(
        labels,
        values,
        colour,
        numbers.shorts(values),
        heading=f"Number of {value_label}",
        spoken=[(in_full(n), written(v)) for n, v in zip(names, values, strict=True)],
        described_as=f"{value_label}, largest first",
        table=readable(
            _in_full(ranked.fillna(dict.fromkeys(shown, 0))),  # none of a group: 0, not blank
            {"iso3": "ISO3 code", "name": category, **shown, "value": capitalized(value_label)},
        ),
        segments=segments,
        parts_said=parts_said,
        name=name,
        title=title,
        source=source,
        alt=alt,
        note=note,
    )


def _stacking(
    ranked: pd.DataFrame, parts: Sequence[tuple[str, str]], colour: str, write
) -> tuple[list[tuple[list[float], str, str]], str, str]:
    """What a chart of ``ranked`` draws of its ``parts``: the segments to stack (none for
    one group), the colour of unstacked bars, and the parts as the alt text says them
    (numbers written by ``write``)."""
    segments = _segments(ranked, parts)
    said = _parts_said(ranked, parts, write) if segments else ""
    return segments, _colour(ranked, parts, colour), said


def _segments(
    ranked: pd.DataFrame, parts: Sequence[tuple[str, str]]
) -> list[tuple[list[float], str, str]]:
    """The ``parts`` ((column, population group) each) of ``ranked``'s bars, as
    :func:`hbars` stacks them: none unless two or more groups have people in them (a bar of
    refugees alone stays one bar, in the refugees' colour)."""
    present = _present(ranked, parts)
    if len(present) < 2:
        return []
    drawn = ranked[[c for c, _ in present]].fillna(0).to_numpy(dtype=float, copy=True)
    # a part too thin to see (Peru's 0.7% of refugees, 2022) would draw a hairline, as if a
    # rendering error (a designer): it is drawn with the bar's larger part; the chart's
    # table and alt text keep it
    whole = drawn.sum(axis=1, keepdims=True)
    thin = (drawn < SLIVER * whole.max()) & (drawn < SLIVER_OF_ITS_BAR * whole)
    largest = drawn.argmax(axis=1)
    for row, col in zip(*thin.nonzero(), strict=True):
        if col != largest[row]:
            drawn[row, largest[row]] += drawn[row, col]
            drawn[row, col] = 0
    return [
        (list(drawn[:, i]), GROUP_COLOURS[g], GROUP_LABELS[g]) for i, (_, g) in enumerate(present)
    ]


#: A bar's part narrower than this share of the chart's longest bar, and than
#: :data:`SLIVER_OF_ITS_BAR` of its own, is drawn with its larger part (not Mexico's
#: refugees, 28% of a short bar: a reviewer).
SLIVER = 0.01
SLIVER_OF_ITS_BAR = 0.1


def _colour(ranked: pd.DataFrame, parts: Sequence[tuple[str, str]], colour: str) -> str:
    """The colour of unstacked bars: the one group's among ``parts`` that has people in
    them (other people in need alone are not drawn in the refugees' blue), else ``colour``."""
    present = _present(ranked, parts)
    return GROUP_COLOURS[present[0][1]] if len(present) == 1 else colour


def _present(ranked: pd.DataFrame, parts: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The ``parts`` ((column, group) each) with people in them on the chart."""
    return [(c, g) for c, g in parts if c in ranked.columns and ranked[c].fillna(0).sum() > 0]


def _parts_said(ranked: pd.DataFrame, parts: Sequence[tuple[str, str]], written) -> str:
    """For the alt text: the parts after the first, bar by bar where there are any
    ("; of them, other people in need of international protection: Colombia 2.5 million"),
    as counted (not as :func:`_segments` draws a thin one)."""
    names = [in_full(str(n)) for n in ranked["name"]]
    said = [
        f"; of them, {GROUP_LABELS[g][0].lower()}{GROUP_LABELS[g][1:]}: "
        + list_pairs(
            [(n, written(v)) for n, v in zip(names, ranked[c].fillna(0), strict=True) if v]
        )
        for c, g in _present(ranked, parts)[1:]
    ]
    return "".join(said)


def _in_full(ranked: pd.DataFrame) -> pd.DataFrame:
    """The names of a chart's table and alt text as the text writes them ("Curaçao",
    "Iran (Islamic Republic of)"); its labels keep to :func:`short_name`."""
    return ranked.assign(name=ranked["name"].astype(str).map(in_full))


def population_groups(
    parts: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    total: float | None = None,
    note: str | None = None,
    more_rows: Sequence[tuple[str, float]] = (),
) -> Chart:
    """One horizontal bar per population group, in the group's colour, in the order given.

    ``parts`` has columns ``group`` (a :data:`GROUP_COLOURS` key), ``label`` and ``value``.
    With the sum of the groups (``total``), a note says so when the rounded bars do not add
    up to it (31.0 + 5.9 + 8.4 + 5.9 + 73.6 million make 124.8, not 124.7); a ``note`` given
    comes first. ``more_rows`` (label, people) follow the groups in the chart's table only.
    """
    require(parts, ["group", "label", "value"], "population_groups")
    groups = [str(g) for g in parts["group"]]
    labels = [str(x) for x in parts["label"]]
    values = [float(v) for v in parts["value"]]
    colours = [GROUP_COLOURS.get(g, GROUP_COLOURS["others_of_concern"]) for g in groups]
    table = readable(parts, {"label": "Population group", "value": "People"})
    if more_rows:
        more = pd.DataFrame(list(more_rows), columns=list(table.columns))
        table = pd.concat([table, more], ignore_index=True)
    return _bar_chart(
        [textwrap.fill(label, width=28) for label in labels],
        values,
        colours,
        [numbers.people(v) for v in values],
        heading=None,
        spoken=[(lb, numbers.people(v)) for lb, v in zip(labels, values, strict=True)],
        described_as="population groups",
        table=table,
        name=name,
        title=title,
        source=source,
        alt=alt,
        note=_with_rounding(note, values, total),
    )


def _with_rounding(note: str | None, values: list[float], total: float | None) -> str:
    """``note``, then that figures are rounded when the bars do not add up to ``total``."""
    rounding = _rounding_note(values, total)
    if not note:
        return rounding
    return f"{note} Figures are rounded." if rounding else note


def _rounding_note(values: list[float], total: float | None) -> str:
    """ "Figures are rounded, so the groups do not add up to the total." when they do not."""
    if total is None or not values or abs(max(values)) < 999_950:  # counts, not millions
        return ""
    shown = sum(round(v / 1e5) for v in values)  # the bars' millions with one decimal
    return (
        ""
        if shown == round(total / 1e5)
        else ("Figures are rounded, so the groups do not add up exactly to the total.")
    )


def region_shares(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    colour: str = GROUP_COLOURS["refugees_unhcr"],
    note: str = "",
) -> Chart:
    """Sorted horizontal bars of each region's share (fractions), labelled ``55%``, with a
    ``note`` under them."""
    require(data, ["region", "share"], "region_shares")
    ranked = data.sort_values("share", ascending=False, kind="mergesort")
    regions = [str(r) for r in ranked["region"]]
    shares = [float(s) for s in ranked["share"]]
    texts = [numbers.share(s) for s in shares]
    return _bar_chart(
        regions,
        shares,
        colour,
        texts,
        heading=None,
        spoken=list(zip(regions, texts, strict=True)),
        described_as="shares by region, largest first",
        table=readable(ranked, {"region": "Region", "share": "Share"}),
        name=name,
        title=title,
        source=source,
        alt=alt,
        note=note,
    )


def per_1000_bars(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    colour: str = GROUP_COLOURS["refugees_unhcr"],
    value_label: str = "refugees per 1,000 inhabitants",
    note: str = "",
    parts: Sequence[tuple[str, str]] = (),
) -> Chart:
    """Sorted horizontal bars of people hosted per 1,000 inhabitants, labelled ``154``.

    ``data`` has columns ``iso3``, ``name`` and ``per_1000``; ``note`` goes under the
    source line; ``parts``, as for :func:`ranking_bars`, name columns of the rate's parts.
    """
    require(data, ["iso3", "name", "per_1000"], "per_1000_bars")
    ranked = data.sort_values("per_1000", ascending=False, kind="mergesort")
    names = [str(n) for n in ranked["name"]]
    rates = [float(v) for v in ranked["per_1000"]]
    texts = [numbers.rate(v) for v in rates]
    segments, colour, parts_said = _stacking(ranked, parts, colour, numbers.rate)
    shown = {c: f"{GROUP_LABELS[g]} per 1,000 inhabitants" for c, g in parts} if segments else {}
    return _bar_chart(
        [short_name(n, str(c)) for n, c in zip(names, ranked["iso3"], strict=True)],
        rates,
        colour,
        texts,
        heading=capitalized(value_label),
        spoken=list(zip(map(in_full, names), texts, strict=True)),
        described_as=f"{value_label}, largest first",
        table=readable(
            _in_full(ranked.fillna(dict.fromkeys(shown, 0))),
            {"iso3": "ISO3 code", "name": "Country", **shown, "per_1000": capitalized(value_label)},
        ),
        segments=segments,
        parts_said=parts_said,
        name=name,
        title=title,
        source=source,
        alt=alt,
        note=note,
    )
