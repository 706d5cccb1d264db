"""The :class:`Chart` object and the drawing helpers every chart module shares."""

from __future__ import annotations

import base64
import functools
import html
import io
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, FuncFormatter, MaxNLocator

from analysis import numbers
from analysis.atomic import write_bytes
from analysis.charts.style import (
    DPI,
    FIGSIZE,
    HIGHLIGHT,
    INK,
    LABEL_SIZE,
    MUTED,
    SOURCE_SIZE,
    TITLE_SIZE,
    house_style,
)

# --- the chart object --------------------------------------------------------


@dataclass(eq=False)
class Chart:
    """A finished chart: the figure and everything a reader needs beside it."""

    figure: Figure
    name: str  # file stem, e.g. "top_hosts"
    title: str  # states the finding and the year
    source: str  # "Source: ..." caption line
    alt: str  # alt text: what the chart shows and its key numbers
    #: The numbers the chart plots, with readable column names (for a table or a CSV).
    data: pd.DataFrame = field(default_factory=pd.DataFrame)
    note: str = ""  # printed under the source line, e.g. the UN map disclaimer
    _svg: bytes | None = field(default=None, init=False, repr=False)

    def png(self) -> bytes:
        """The chart as PNG bytes at 200 dpi."""
        return figure_bytes(self.figure, "png")

    def svg(self) -> bytes:
        """The chart as SVG bytes (text as text, fixed ids, no dates), rendered once."""
        if self._svg is None:
            self._svg = figure_bytes(self.figure, "svg")
        return self._svg

    def save(self, directory: Path | str) -> list[Path]:
        """Write ``<name>.png`` and ``<name>.svg`` into ``directory`` atomically.

        Returns the two paths. Each file appears whole or not at all. When the folder
        holds a :data:`~analysis.charts.raster.LATER` file (the report puts one there), the
        figure is pickled instead of rasterised and the PNG is made in another process by
        :func:`analysis.charts.raster.rasterise`, off the kernel's critical path.
        """
        from analysis.charts import raster

        directory = Path(directory)
        png = directory / f"{self.name}.png"
        # The PNG (or the pickle it is drawn from), then the SVG: saving lays nothing out,
        # so either order gives the same bytes.
        if raster.deferred(directory):
            raster.defer(self.figure, png)
        else:
            write_bytes(png, self.png())
        return [png, write_bytes(directory / f"{self.name}.svg", self.svg())]

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

    def __repr__(self) -> str:  # the text a plain-text viewer shows: not the figure and table
        return f"<Chart {self.name}: {self.title}>"

    def close(self) -> None:
        """Free the figure's memory; the chart cannot be drawn afterwards."""
        self.figure.clear()


#: Under the house style, a figure left without a layout engine is given constrained layout
#: again (as when savefig restores the engine it had); inside this, it stays without one.
NO_LAYOUT = {"figure.autolayout": False, "figure.constrained_layout.use": False}


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """``figure`` saved in the house style as ``png`` (200 dpi) or ``svg``, with no dates or
    software versions in the file, so the same figure gives the same bytes."""
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    buffer = io.BytesIO()
    if figure.get_layout_engine() is not None:  # given one back by a save under the style
        keep_layout(figure)
    with house_style(), matplotlib.rc_context(NO_LAYOUT):
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata)
    return buffer.getvalue()


# --- shared drawing helpers --------------------------------------------------


#: Bars a figure of :data:`FIGSIZE` holds legibly; a longer list makes the figure taller.
BARS_AT_MOST = 12


def new_figure(bars: int = 0) -> tuple[Figure, object]:
    """A figure in the house size, taller for more than :data:`BARS_AT_MOST` ``bars`` (a
    student's 25 largest hosts), so each bar keeps its label's height."""
    width, height = FIGSIZE
    figure = Figure(figsize=(width, height * max(1.0, bars / BARS_AT_MOST)), layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _wrap(content: str, width: int) -> list[str]:
    """Each paragraph (``\\n``-separated) wrapped to ``width`` characters."""
    return [
        line
        for paragraph in content.split("\n")
        for line in textwrap.wrap(paragraph, width=width, break_on_hyphens=False) or [""]
    ]


def fit_text(figure: Figure, text, content: str, share_of_width: float = 0.97) -> None:
    """Wrap ``content`` into as few, and as even, lines as fit within the figure's width,
    measured at the resolution the PNG is saved at (hinted text runs some 2% wider at 200
    dpi than at the figure's 100: a note measured so reached the PNG's very edge)."""
    shown_at = figure.dpi
    figure.set_dpi(DPI)
    try:
        _fit_text(figure, text, content, share_of_width)
    finally:
        figure.set_dpi(shown_at)


def _fit_text(figure: Figure, text, content: str, share_of_width: float) -> None:
    """:func:`fit_text`, at the figure's resolution as it is."""
    renderer = figure.canvas.get_renderer()
    limit = figure.bbox.width * share_of_width

    def set_width(width: int) -> bool:
        text.set_text("\n".join(_wrap(content, width)))
        return text.get_window_extent(renderer).width <= limit

    # The widest wrap that fits, trying len(content), len - 2, ... down to 12 or below (the
    # last is taken anyway). A narrower wrap never renders wider, so halve the range: a few
    # measurements instead of one per step, and one when the text fits unwrapped.
    width = max(len(content), 1)
    low, high = 0, max(0, -(-(width - 12) // 2))  # the steps of 2 that may be needed
    if high and set_width(width):
        high = 0
    while low < high:
        middle = (low + high) // 2
        if set_width(width - 2 * middle):
            high = middle
        else:
            low = middle + 1
    width -= 2 * high
    # Same number of lines, shortest width: no lonely last word (and still within the width:
    # the breaks move, and a line of fewer characters may run wider)
    lines = len(_wrap(content, width))
    while width > 12 and lines > 1 and len(_wrap(content, width - 1)) == lines:
        if not set_width(width - 1):
            break
        width -= 1
    text.set_text("\n".join(_wrap(content, width)))


def finish(
    figure: Figure,
    *,
    name: str,
    title: str,
    source: str,
    alt: str,
    data: pd.DataFrame,
    note: str = "",
) -> Chart:
    """Draw the title (top-left, bold) and source line (bottom-left, then ``note`` on a line
    of its own); lay out; wrap in a Chart with the plotted ``data``."""
    left = 0.012
    heading = figure.suptitle(
        title, x=left, ha="left", fontsize=TITLE_SIZE, fontweight="bold", color=INK
    )
    caption = figure.supxlabel(source, x=left, ha="left", fontsize=SOURCE_SIZE, color=MUTED)
    fit_text(figure, heading, title)
    fit_text(figure, caption, f"{source}\n{note}" if note else source)
    figure.draw_without_rendering()  # create ticks and lay out under the house style
    if _grow_for_plot(figure):
        figure.draw_without_rendering()
    keep_layout(figure)
    return Chart(
        figure=figure,
        name=name,
        title=title,
        source=source,
        alt=alt,
        data=data.reset_index(drop=True),
        note=note,
    )


#: The height, as a share of the house height, a chart's plot keeps at least: a figure whose
#: title and notes leave it less grows taller (the trend of mid-2025, a title of three lines
#: over notes of six, had a third of its height for the plot).
PLOT_AT_LEAST = 0.5


def _grow_for_plot(figure: Figure) -> bool:
    """Make a figure taller by what its plots (from the top of the highest to the foot of
    the lowest: the small multiples' rows of 2010 and 2019, squashed under a note of five
    lines) lack of :data:`PLOT_AT_LEAST` of the house height (the width, and so the text's
    wrapping, stays); whether it grew."""
    if not figure.axes:
        return False
    width, height = figure.get_size_inches()
    boxes = [ax.get_window_extent() for ax in figure.axes]  # (a subfigure's: on the figure)
    plot = (max(b.y1 for b in boxes) - min(b.y0 for b in boxes)) / figure.bbox.height * height
    lacking = PLOT_AT_LEAST * FIGSIZE[1] - plot
    if lacking <= 0.05:
        return False
    figure.set_size_inches(width, height + lacking)
    return True


def keep_layout(figure: Figure) -> None:
    """Keep the figure's present layout: no layout engine at all, so saving neither lays
    out again nor draws a second time to lay out (as ``"none"``'s placeholder would)."""
    with matplotlib.rc_context(NO_LAYOUT):
        figure.set_layout_engine(None)


def require(data: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise ValueError(f"{what}: missing column(s) {', '.join(missing)}")
    if data.empty:
        raise ValueError(f"{what}: no rows to chart")


def hbars(
    ax,
    labels: Sequence[str],
    values: Sequence[float],
    colours: Sequence[str] | str,
    value_labels: Sequence[str],
    segments: Sequence[tuple[Sequence[float], str, str]] = (),
) -> None:
    """Horizontal bars, first item at the top, value labels at the bar ends, no x axis;
    with ``segments`` ((values, colour, label) each, adding up to ``values``), each bar is
    stacked of its parts, left to right, labelled for a legend."""
    n = len(values)
    positions = np.arange(n)[::-1]  # first item at the top, no inverted axis
    if segments:
        left = np.zeros(n)
        for part, colour, label in segments:
            container = ax.barh(positions, part, height=0.68, left=left, color=colour, label=label)
            left = left + np.asarray(part, dtype=float)
    else:
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


def readable(data: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """The chart's numbers for a reader: the given columns (those present), renamed."""
    present = {key: label for key, label in columns.items() if key in data.columns}
    return data[list(present)].rename(columns=present).reset_index(drop=True)


def list_pairs(pairs: Sequence[tuple[str, str]]) -> str:
    return ", ".join(f"{label} {value}" for label, value in pairs)


def year_range(index: pd.Index) -> tuple[int, int]:
    return int(index.min()), int(index.max())


def integer_years(ax, years: Sequence[float] | None = None) -> None:
    """Year ticks: the data's own years when there are few of them, else round years (every
    2nd, 4th, 5th, 10th... year, at most nine ticks; the finest step that labels both ends,
    else the finest), so 2000-2016 is labelled at 2000 and 2016, not 2002, 2005 ... 2014;
    the last year is labelled in any case (2000-2019: 2000, 2004, ..., 2016, 2019)."""
    if years is not None and len(years) <= 12:
        ax.set_xticks([year for year in years if float(year).is_integer()])  # not mid-years
    else:
        first, last = (min(years), max(years)) if years is not None else ax.get_xlim()
        first, last = math.ceil(first), math.floor(last)
        fitting = [s for s in (1, 2, 4, 5, 10, 20, 25, 50, 100) if (last - first) // s < 9]
        at_both_ends = [s for s in fitting if first % s == 0 and last % s == 0]
        step = (at_both_ends or fitting)[0]
        ticks = list(range(first + (-first) % step, last + 1, step))
        if ticks and ticks[-1] != last:  # the latest year is always labelled (2000-2019)
            ticks = ticks[:-1] if last - ticks[-1] <= step / 2 else ticks
            ticks.append(last)
        ax.set_xticks(ticks)
    ax.xaxis.set_major_formatter(FuncFormatter(year_tick))
    ax.tick_params(axis="x", pad=7)  # the first year below the count axis's "0", not on it


def mark_year(ax, year: float, label: str) -> None:
    """A dashed vertical line at ``year`` with a label at its top, on the side with room.

    The gaps between the dashes are white, so the marker shows on dark fills too (the
    UNRWA navy is as dark as the marker) and in greyscale print, with no wider white band
    that would read as a break in the data.
    """
    ax.axvline(
        year, color=HIGHLIGHT, gapcolor="white", linewidth=1.4, linestyle=(0, (4, 3)), zorder=5
    )
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


def share_text(value: float) -> str:
    """A share for a label: one decimal below 10% (``3.7%``), none above (``48%``)."""
    return numbers.share(value, digits=1 if abs(value) < 0.1 else 0)


# Tick formatters are module-level functions (not lambdas or closures), so a finished
# figure can be pickled and rasterised in another process.


def year_labels(years: Sequence[float], provisional_from: int | None) -> list:
    """Years as a table or an axis reads them: mid-year counts, from ``provisional_from``,
    as "mid-2025" and the others as text; unchanged (whole years) without a mid-year count
    among them."""
    years = [int(year) for year in years]
    if provisional_from is None or max(years, default=provisional_from) < provisional_from:
        return years
    return [f"mid-{year}" if year >= provisional_from else str(year) for year in years]


def drawn_at(years: Sequence[float], provisional_from: int | None) -> np.ndarray:
    """Where counts sit on a time axis whose ticks are year ends: a mid-year count, from
    ``provisional_from``, half a year after the end of the year before (mid-2025 at 2024.5,
    not a full year after end-2024)."""
    years = np.asarray(years, dtype=float)
    if provisional_from is None:
        return years
    return np.where(years >= provisional_from, years - 0.5, years)


def hollow_points(ax, years, values, colour: str, **marker) -> None:
    """Mid-year counts drawn as hollow points over a line (the trend chart hatches them)."""
    ax.plot(
        years,
        values,
        linestyle="none",
        marker="o",
        markerfacecolor="white",
        markeredgecolor=colour,
        markeredgewidth=1.6,
        **marker,
    )


def mid_year_note(last: int, points: str = "points") -> str:
    """The note under a chart whose last year is a mid-year count drawn hollow."""
    return f"Hollow {points}: mid-{last}, a provisional mid-year count."


def year_tick(value: float, _pos=None) -> str:
    """A year on an axis: ``2016``."""
    return f"{int(round(value))}"


#: Tick steps of a count's axis: 0, 1M, 2M, 3M, or 0, 0.5M, 1M, or 0, 30M, 60M; not
#: matplotlib's default choice, which takes in 4, 6 and 8 (0.8M, 1.6M, 2.4M, a designer).
#: Without 3, a trend to 143 million had only 0, 50M and 100M.
ROUND_STEPS = [1, 2, 2.5, 3, 5, 10]


def round_ticks(nbins: int) -> MaxNLocator:
    """At most ``nbins`` intervals between ticks, at :data:`ROUND_STEPS`."""
    return MaxNLocator(nbins=nbins, steps=ROUND_STEPS)


class CountTicks(Formatter):
    """Counts on an axis, every tick in the unit of the largest (``0.8M``, ``1.6M``,
    ``2.4M``, not ``800K`` beside ``1.6M``: :func:`~analysis.numbers.axis_ticks`); one
    value alone (a cursor's) as :func:`~analysis.numbers.axis` writes it."""

    def __call__(self, value: float, pos: int | None = None) -> str:
        return numbers.axis(value)

    def format_ticks(self, values) -> list[str]:
        low, high = sorted(self.axis.get_view_interval()) if self.axis else (-np.inf, np.inf)
        shown = [v for v in values if low - 1e-9 <= v <= high + 1e-9]  # those drawn
        return numbers.axis_ticks(values, shown or None)


def _share_tick(ax, value: float, _pos=None) -> str:
    ticks = ax.yaxis.get_majorticklocs()
    step = float(np.min(np.diff(ticks))) if len(ticks) > 1 else 1.0
    digits = 0 if step >= 0.01 - 1e-12 else (1 if step >= 0.001 - 1e-12 else 2)
    return numbers.share(value, digits=digits)


def share_formatter(ax) -> Callable[[float], str]:
    """Format shares with as many decimals as the tick spacing needs (``3%`` or ``3.5%``)."""
    return functools.partial(_share_tick, ax)
