"""The house palette, fonts and sizes, and :func:`house_style` to apply them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import matplotlib
import matplotlib.style
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
# The light grey sits midway in lightness between "others of concern" (#BFBFBF,
# CIE L* 77) and white (L* 100), at L* 89: both stay apart when printed in greyscale.
RULE = "#DEDEDE"  # grid lines, spines
LAND = "#DEDEDE"  # countries on a map, under the symbols
OWN_LAND = "#9E9E9E"  # the country a map is about (a country brief's own), darker
HIGHLIGHT = "#333333"  # the highlighted-year marker (drawn on a white line)

# --- house style -------------------------------------------------------------

#: Fonts in order of preference; only the installed ones are handed to
#: matplotlib, so a missing preferred font falls back without a warning. DejaVu Sans,
#: which matplotlib ships, comes first: the charts, the PDF and the slides share one face
#: on every machine.
FONT_FAMILIES: tuple[str, ...] = ("DejaVu Sans", "Lato", "Source Sans 3", "Arial")
FALLBACK_FONT = "DejaVu Sans"  # ships with matplotlib, always present

FIGSIZE = (8.0, 4.5)  # inches: a 16:9 slide
DPI = 200
TITLE_SIZE = 16.0
SOURCE_SIZE = 11.0
LABEL_SIZE = 12.0

#: The house style as a matplotlib style file, for notebooks and teachers:
#: ``plt.style.use(charts.STYLE_FILE)``. :func:`house_style` applies the same file.
STYLE_FILE: Path = Path(__file__).resolve().parents[1] / "styles" / "briefing.mplstyle"

#: The style file's settings, read once (matplotlib's rc names and values).
HOUSE_STYLE: dict[str, object] = dict(
    matplotlib.rc_params_from_file(STYLE_FILE, use_default_template=False)
)


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

    The style is :data:`STYLE_FILE`, with its font list cut down to the installed fonts;
    ``families`` overrides :data:`FONT_FAMILIES`; fonts that are not installed are
    skipped silently.
    """
    fonts = {
        "font.sans-serif": _installed_families(FONT_FAMILIES if families is None else families)
    }
    log = logging.getLogger("matplotlib.font_manager")
    quiet = _NoFindfontWarnings()
    log.addFilter(quiet)
    try:
        with matplotlib.style.context(STYLE_FILE), matplotlib.rc_context(fonts):
            yield
    finally:
        log.removeFilter(quiet)
