"""One house style for every chart in the briefing.

Every chart function takes plain pandas data (already computed by the
indicator functions), draws it in the house style and returns a :class:`Chart`:
the figure plus the title that states the finding, the source line and the alt
text. A chart saves itself as PNG (200 dpi) and SVG with the same bytes on
every run, and shows itself in a notebook as an HTML ``<figure>``.

The style follows the conventions of UNHCR's own charts: one colour per
population group, sorted horizontal bars for rankings, horizontal grid lines
only, short number labels (``1.2M``), a bold title saying what and when, and a
caption naming the source. Every number label comes from :mod:`analysis.numbers`.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import logging
import textwrap
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis import numbers
from analysis.atomic import write_bytes

__all__ = [
    "DPI",
    "FIGSIZE",
    "FONT_FAMILIES",
    "GROUP_COLOURS",
    "GROUP_LABELS",
    "HOUSE_STYLE",
    "Chart",
    "house_style",
    "line_series",
    "population_groups",
    "ranking_bars",
    "region_shares",
    "trend_area",
]

# --- palette -----------------------------------------------------------------

#: One colour per population group, as UNHCR's charts use them. Palestine
#: refugees under UNRWA's mandate get a dark navy that stays apart from the
#: refugee blue for colour-blind readers (lightness differs); resettled refugees
#: a muted magenta, likewise checked against the rest under simulated
#: protanopia, deuteranopia and tritanopia.
GROUP_COLOURS: dict[str, str] = {
    "refugees_unhcr": "#0072BC",
    "refugees_unrwa": "#18375F",
    "asylum_seekers": "#6CD8FD",
    "idps_conflict": "#32C189",
    "other_in_need": "#D25A45",
    "stateless": "#FFC740",
    "resettled": "#B05F8C",
    "others_of_concern": "#BFBFBF",
}

#: What each group is called on a chart (legends, default labels, alt text).
GROUP_LABELS: dict[str, str] = {
    "refugees_unhcr": "Refugees under UNHCR's mandate",
    "refugees_unrwa": "Palestine refugees under UNRWA's mandate",
    "asylum_seekers": "Asylum-seekers",
    "idps_conflict": "Internally displaced people",
    "other_in_need": "Other people in need of international protection",
    "stateless": "Stateless people",
    "resettled": "Resettled refugees",
    "others_of_concern": "Others of concern",
}

INK = "#222222"  # text
MUTED = "#666666"  # source line, notes, value labels
RULE = "#D9D9D9"  # grid lines, spines
HIGHLIGHT = "#333333"  # the highlighted-year marker

# --- house style -------------------------------------------------------------

#: Fonts in order of preference; only the installed ones are handed to
#: matplotlib, so a missing preferred font falls back without a warning.
FONT_FAMILIES: tuple[str, ...] = ("Lato", "Source Sans 3", "Arial", "DejaVu Sans")
FALLBACK_FONT = "DejaVu Sans"  # ships with matplotlib, always present

FIGSIZE = (8.0, 4.5)  # inches: a 16:9 slide
DPI = 200
TITLE_SIZE = 16.0
SOURCE_SIZE = 11.0
LABEL_SIZE = 12.0

HOUSE_STYLE: dict[str, object] = {
    "figure.figsize": FIGSIZE,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "figure.constrained_layout.use": True,
    "figure.constrained_layout.w_pad": 0.08,
    "figure.constrained_layout.h_pad": 0.08,
    "savefig.facecolor": "white",
    "savefig.dpi": DPI,
    "savefig.bbox": None,  # keep the exact size: 8 x 4.5 in -> 1600 x 900 px
    "font.family": "sans-serif",
    "font.size": LABEL_SIZE,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.labelsize": LABEL_SIZE,
    "axes.titlesize": LABEL_SIZE,
    "axes.titlelocation": "left",
    "axes.titlecolor": MUTED,
    "axes.edgecolor": RULE,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "axes.prop_cycle": matplotlib.cycler(
        color=[GROUP_COLOURS[k] for k in ("refugees_unhcr", "idps_conflict", "other_in_need")]
    ),
    "grid.color": RULE,
    "grid.linewidth": 0.8,
    "xtick.labelsize": LABEL_SIZE,
    "ytick.labelsize": LABEL_SIZE,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "xtick.major.size": 3,
    "ytick.major.size": 0,
    "legend.frameon": False,
    "legend.fontsize": LABEL_SIZE - 1,
    "lines.linewidth": 2.2,
    "lines.markersize": 5.5,
    "hatch.color": "white",
    "hatch.linewidth": 1.2,
    # Text stays text: selectable and searchable in the PDF, editable when reused, and
    # five times lighter to print than outlines; viewers without the font substitute one.
    "svg.fonttype": "none",
    "svg.hashsalt": "analysis-briefing",  # fixed ids -> same SVG bytes every run
    "path.simplify": True,
}


def _installed_families(preferred: Sequence[str]) -> list[str]:
    """The preferred families that are installed, in order, ending with the fallback."""
    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    families = [name for name in preferred if name in installed]
    if FALLBACK_FONT not in families:
        families.append(FALLBACK_FONT)
    return families


class _NoFindfontWarnings(logging.Filter):
    """Drop matplotlib's "findfont: Font family ... not found" chatter."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("findfont")


@contextlib.contextmanager
def house_style(families: Sequence[str] | None = None) -> Iterator[None]:
    """Apply the house style for the duration of a ``with`` block, then restore everything.

    ``families`` overrides :data:`FONT_FAMILIES`; fonts that are not installed are
    skipped silently.
    """
    rc = dict(HOUSE_STYLE)
    rc["font.sans-serif"] = _installed_families(FONT_FAMILIES if families is None else families)
    log = logging.getLogger("matplotlib.font_manager")
    quiet = _NoFindfontWarnings()
    log.addFilter(quiet)
    try:
        with matplotlib.rc_context(rc):
            yield
    finally:
        log.removeFilter(quiet)


# --- the chart object --------------------------------------------------------


@dataclass(eq=False)
class Chart:
    """A finished chart: the figure and everything a reader needs beside it."""

    figure: Figure
    name: str  # file stem, e.g. "top_hosts"
    title: str  # states the finding and the year
    source: str  # "Source: ..." caption line
    alt: str  # alt text: what the chart shows and its key numbers
    _svg: bytes | None = field(default=None, init=False, repr=False)

    def _render(self, fmt: str) -> bytes:
        metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
        buffer = io.BytesIO()
        with house_style():
            self.figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
        return buffer.getvalue()

    def png(self) -> bytes:
        """The chart as PNG bytes at 200 dpi."""
        return self._render("png")

    def svg(self) -> bytes:
        """The chart as SVG bytes (text as text, fixed ids, no dates), rendered once."""
        if self._svg is None:
            self._svg = self._render("svg")
        return self._svg

    def save(self, directory: Path | str) -> list[Path]:
        """Write ``<name>.png`` and ``<name>.svg`` into ``directory`` atomically.

        Returns the two paths. Each file appears whole or not at all.
        """
        directory = Path(directory)
        return [
            write_bytes(directory / f"{self.name}.png", self.png()),
            write_bytes(directory / f"{self.name}.svg", self.svg()),
        ]

    def to_html(self) -> str:
        """A self-contained ``<figure>``: the SVG inline as a data URI, with alt text.

        The source line is drawn inside the image (so saved files stand alone); it is not
        repeated as a caption.
        """
        data = base64.b64encode(self.svg()).decode("ascii")
        return (
            f'<figure class="chart" id="chart-{html.escape(self.name)}">'
            f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(self.alt)}">'
            "</figure>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()

    def close(self) -> None:
        """Free the figure's memory; the chart cannot be drawn afterwards."""
        self.figure.clear()


# --- shared drawing helpers --------------------------------------------------


def _new_figure() -> tuple[Figure, object]:
    figure = Figure(figsize=FIGSIZE, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _fit_text(figure: Figure, text, content: str, share_of_width: float = 0.97) -> None:
    """Wrap ``content`` into as few, and as even, lines as fit within the figure's width."""
    renderer = figure.canvas.get_renderer()
    limit = figure.bbox.width * share_of_width

    def set_width(width: int) -> bool:
        text.set_text(textwrap.fill(content, width=width, break_on_hyphens=False))
        return text.get_window_extent(renderer).width <= limit

    width = max(len(content), 1)
    while not set_width(width) and width > 12:
        width -= 2
    # Same number of lines, shortest width: no lonely last word.
    lines = len(textwrap.wrap(content, width=width, break_on_hyphens=False))
    while (
        width > 12
        and lines > 1
        and len(textwrap.wrap(content, width=width - 1, break_on_hyphens=False)) == lines
    ):
        width -= 1
    set_width(width)


def _finish(figure: Figure, *, name: str, title: str, source: str, alt: str) -> Chart:
    """Draw the title (top-left, bold) and source line (bottom-left); lay out; wrap in a Chart."""
    left = 0.012
    heading = figure.suptitle(
        title, x=left, ha="left", fontsize=TITLE_SIZE, fontweight="bold", color=INK
    )
    caption = figure.supxlabel(source, x=left, ha="left", fontsize=SOURCE_SIZE, color=MUTED)
    _fit_text(figure, heading, title)
    _fit_text(figure, caption, source)
    figure.draw_without_rendering()  # create ticks and lay out under the house style
    return Chart(figure=figure, name=name, title=title, source=source, alt=alt)


def _require(data: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")
    if data.empty:
        raise ValueError(f"{what}: no rows to chart")


def _hbars(
    ax,
    labels: Sequence[str],
    values: Sequence[float],
    colours: Sequence[str] | str,
    value_labels: Sequence[str],
) -> None:
    """Horizontal bars, first item at the top, value labels at the bar ends, no x axis."""
    n = len(values)
    positions = np.arange(n)[::-1]  # first item at the top, no inverted axis
    container = ax.barh(positions, values, height=0.68, color=colours)
    ax.bar_label(container, labels=list(value_labels), padding=4, fontsize=LABEL_SIZE, color=INK)
    ax.set_yticks(positions, labels=list(labels))
    top = max(max(values), 0) or 1
    ax.set_xlim(0, top * 1.16)
    ax.set_ylim(-0.6, n - 0.4)
    ax.grid(False)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", length=0, pad=6)


def _listing(pairs: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{label} {value}" for label, value in pairs)


def _year_range(index: pd.Index) -> tuple[int, int]:
    return int(index.min()), int(index.max())


def _integer_years(ax, years: Sequence[float] | None = None) -> None:
    """Year ticks: the data's own years when there are few of them, else round years."""
    if years is not None and len(years) <= 12:
        ax.set_xticks(list(years))
    else:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=8, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(round(v))}"))


def _mark_year(ax, year: float, label: str) -> None:
    """A dashed vertical line at ``year`` with a label at its top, on the side with room."""
    ax.axvline(year, color=HIGHLIGHT, linewidth=1.2, linestyle=(0, (4, 3)), zorder=5)
    low, high = ax.get_xlim()
    on_right = (year - low) / ((high - low) or 1) < 0.65
    ax.annotate(
        label,
        xy=(year, 1),
        xycoords=("data", "axes fraction"),
        xytext=(4 if on_right else -4, -4),
        textcoords="offset points",
        ha="left" if on_right else "right",
        va="top",
        fontsize=LABEL_SIZE - 1,
        color=INK,
        bbox={
            "boxstyle": "square,pad=0.2",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.85,
        },
        zorder=6,
    )


def _share_text(value: float) -> str:
    """A share for a label: one decimal below 10% (``3.7%``), none above (``48%``)."""
    return numbers.share(value, digits=1 if abs(value) < 0.1 else 0)


def _share_formatter(ax) -> Callable[[float], str]:
    """Format shares with as many decimals as the tick spacing needs (``3%`` or ``3.5%``)."""

    def fmt(value: float, _pos=None) -> str:
        ticks = ax.yaxis.get_majorticklocs()
        step = float(np.min(np.diff(ticks))) if len(ticks) > 1 else 1.0
        digits = 0 if step >= 0.01 - 1e-12 else (1 if step >= 0.001 - 1e-12 else 2)
        return numbers.share(value, digits=digits)

    return fmt


# --- chart functions ---------------------------------------------------------


def ranking_bars(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    colour: str = GROUP_COLOURS["refugees_unhcr"],
    value_label: str = "refugees",
) -> Chart:
    """Sorted horizontal bars, largest at the top, each labelled with its short number.

    ``data`` has columns ``name`` and ``value`` (e.g. the top hosting countries).
    """
    _require(data, ["name", "value"], "ranking_bars")
    ranked = data.sort_values("value", ascending=False, kind="mergesort")
    names = [str(n) for n in ranked["name"]]
    values = [float(v) for v in ranked["value"]]
    with house_style():
        figure, ax = _new_figure()
        _hbars(ax, names, values, colour, [numbers.short(v) for v in values])
        ax.set_title(f"Number of {value_label}", pad=8)
        if alt is None:
            listing = _listing([(n, numbers.people(v)) for n, v in zip(names, values, strict=True)])
            alt = f"{title}. Horizontal bar chart of {value_label}, largest first: {listing}."
        return _finish(figure, name=name, title=title, source=source, alt=alt)


def population_groups(
    parts: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
) -> Chart:
    """One horizontal bar per population group, in the group's colour, in the order given.

    ``parts`` has columns ``group`` (a :data:`GROUP_COLOURS` key), ``label`` and ``value``.
    """
    _require(parts, ["group", "label", "value"], "population_groups")
    groups = [str(g) for g in parts["group"]]
    labels = [str(x) for x in parts["label"]]
    values = [float(v) for v in parts["value"]]
    colours = [GROUP_COLOURS.get(g, GROUP_COLOURS["others_of_concern"]) for g in groups]
    wrapped = [textwrap.fill(label, width=28) for label in labels]
    with house_style():
        figure, ax = _new_figure()
        _hbars(ax, wrapped, values, colours, [numbers.people(v) for v in values])
        if alt is None:
            listing = _listing(
                [(lb, numbers.people(v)) for lb, v in zip(labels, values, strict=True)]
            )
            alt = f"{title}. Horizontal bar chart of population groups: {listing}."
        return _finish(figure, name=name, title=title, source=source, alt=alt)


def region_shares(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    colour: str = GROUP_COLOURS["refugees_unhcr"],
) -> Chart:
    """Sorted horizontal bars of each region's share (fractions), labelled ``55%``."""
    _require(data, ["region", "share"], "region_shares")
    ranked = data.sort_values("share", ascending=False, kind="mergesort")
    regions = [str(r) for r in ranked["region"]]
    shares = [float(s) for s in ranked["share"]]
    with house_style():
        figure, ax = _new_figure()
        _hbars(ax, regions, shares, colour, [numbers.share(s) for s in shares])
        if alt is None:
            listing = _listing(
                [(r, numbers.share(s)) for r, s in zip(regions, shares, strict=True)]
            )
            alt = f"{title}. Horizontal bar chart of shares by region, largest first: {listing}."
        return _finish(figure, name=name, title=title, source=source, alt=alt)


def trend_area(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    highlight_year: int | None = None,
    provisional_from: int | None = None,
) -> Chart:
    """Stacked areas over the years, one colour per group, provisional years marked.

    ``data`` is indexed by ``year`` with one column of counts per group id; the
    first column is drawn at the bottom of the stack.
    """
    if data.empty or len(data.columns) == 0:
        raise ValueError("trend_area: no rows to chart")
    data = data.sort_index()
    years = np.asarray(data.index, dtype=float)
    first, last = _year_range(data.index)
    columns = [str(c) for c in data.columns]
    labels = [GROUP_LABELS.get(c, c) for c in columns]
    colours = [GROUP_COLOURS.get(c, GROUP_COLOURS["others_of_concern"]) for c in columns]
    series = [data[c].astype(float).to_numpy() for c in data.columns]
    totals = data.astype(float).sum(axis=1)
    provisional = provisional_from is not None and provisional_from <= last
    if highlight_year is not None and highlight_year not in data.index:
        raise ValueError(f"trend_area: highlight_year {highlight_year} is not among the years")

    with house_style():
        figure, ax = _new_figure()
        if provisional:
            # Everything, lighter and hatched: only the provisional stretch stays visible.
            ax.stackplot(years, *series, colors=colours, alpha=0.45, hatch="///", linewidth=0)
            firm = years < provisional_from
            # The firm stretch runs up to the last firm year; the segment that
            # ends on a provisional year stays light.
            ax.stackplot(
                years[firm], *[s[firm] for s in series], colors=colours, labels=labels, linewidth=0
            )
            years_text = (
                f"{provisional_from}" if provisional_from == last else f"{provisional_from}–{last}"
            )
            ax.set_xlabel(
                f"Hatched: {years_text}, provisional figures",
                loc="right",
                fontsize=LABEL_SIZE - 1,
                color=MUTED,
                fontstyle="italic",
            )
        else:
            ax.stackplot(years, *series, colors=colours, labels=labels, linewidth=0)
        ax.set_xlim(first, last)
        ax.set_ylim(0, float(totals.max()) * 1.15 or 1)
        ax.margins(x=0)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: numbers.axis(v)))
        _integer_years(ax)
        ax.tick_params(axis="y", length=0)
        if highlight_year is not None:
            total = numbers.people(float(totals.loc[highlight_year]))
            _mark_year(ax, highlight_year, f"{highlight_year}: {total}")
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
            alt = (
                f"{title}. Stacked area chart, {first} to {last}, of {groups}. "
                f"The total went from {numbers.people(float(totals.iloc[0]))} in {first} "
                f"to {numbers.people(float(totals.iloc[-1]))} in {last}"
            )
            if highlight_year is not None:
                marked = numbers.people(float(totals.loc[highlight_year]))
                alt += f"; {highlight_year} is marked at {marked}"
            if provisional:
                alt += f". Figures from {provisional_from} are provisional"
            alt += "."
        return _finish(figure, name=name, title=title, source=source, alt=alt)


def line_series(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    value_format: str = "people",
    highlight_year: int | None = None,
) -> Chart:
    """Lines with markers over the years; y axis in short numbers or shares.

    ``data`` is indexed by ``year``, one column per series (a legend appears
    when there is more than one). ``value_format`` is ``"people"`` or ``"share"``.
    """
    if value_format not in ("people", "share"):
        raise ValueError(
            f"line_series: value_format must be 'people' or 'share', not {value_format!r}"
        )
    if data.empty or len(data.columns) == 0:
        raise ValueError("line_series: no rows to chart")
    data = data.sort_index()
    years = np.asarray(data.index, dtype=float)
    first, last = _year_range(data.index)
    columns = [str(c) for c in data.columns]
    labels = [GROUP_LABELS.get(c, c) for c in columns]
    spoken = numbers.people if value_format == "people" else _share_text

    with house_style():
        figure, ax = _new_figure()
        marked = highlight_year is not None and highlight_year != last
        label_at = [len(years) - 1]
        if marked and highlight_year in data.index:
            label_at.insert(0, list(data.index).index(highlight_year))
        for column, label in zip(data.columns, labels, strict=True):
            values = data[column].astype(float).to_numpy()
            colour = GROUP_COLOURS.get(str(column))
            (line,) = ax.plot(years, values, marker="o", label=label, color=colour, zorder=3)
            for at in label_at:
                ax.annotate(
                    numbers.short(values[at])
                    if value_format == "people"
                    else _share_text(values[at]),
                    xy=(years[at], values[at]),
                    xytext=(0, 8),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=LABEL_SIZE - 1,
                    color=line.get_color(),
                    fontweight="bold",
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
                    zorder=7,
                )
        top = float(np.nanmax(data.astype(float).to_numpy()))
        ax.set_ylim(0, top * 1.18 or 1)
        pad = max((last - first) * 0.04, 0.5)
        ax.set_xlim(first - pad, last + pad)
        ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
        if value_format == "people":
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: numbers.axis(v)))
        else:
            ax.yaxis.set_major_formatter(FuncFormatter(_share_formatter(ax)))
        _integer_years(ax, years)
        ax.tick_params(axis="y", length=0)
        if marked:
            _mark_year(ax, highlight_year, str(highlight_year))
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
                    f"to {spoken(float(values.iloc[-1]))} in {last}"
                )
            alt = f"{title}. Line chart, {first} to {last}: {'; '.join(parts)}."
        return _finish(figure, name=name, title=title, source=source, alt=alt)
