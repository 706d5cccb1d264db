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
The same look is a matplotlib style file, :data:`STYLE_FILE`, for notebooks.
"""

from analysis.charts.bars import per_1000_bars, population_groups, ranking_bars, region_shares
from analysis.charts.base import Chart
from analysis.charts.lines import line_series, trend_area
from analysis.charts.maps import UN_MAP_DISCLAIMER, hosting_map
from analysis.charts.panels import origin_small_multiples
from analysis.charts.style import (
    DPI,
    FIGSIZE,
    FONT_FAMILIES,
    GROUP_COLOURS,
    GROUP_LABELS,
    HOUSE_STYLE,
    STYLE_FILE,
    house_style,
)

__all__ = [
    "DPI",
    "FIGSIZE",
    "FONT_FAMILIES",
    "GROUP_COLOURS",
    "GROUP_LABELS",
    "HOUSE_STYLE",
    "STYLE_FILE",
    "UN_MAP_DISCLAIMER",
    "Chart",
    "hosting_map",
    "house_style",
    "line_series",
    "origin_small_multiples",
    "per_1000_bars",
    "population_groups",
    "ranking_bars",
    "region_shares",
    "trend_area",
]
