"""The house palette, fonts and sizes, and :func:`house_style` to apply them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence

import matplotlib
from matplotlib import font_manager

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
