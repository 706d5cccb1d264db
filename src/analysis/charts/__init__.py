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

from __future__ import annotations

import importlib

#: Where each public name lives. The package imports a module (and matplotlib) only when
#: one of its names is first used, so code that loads data without drawing (a notebook's
#: first cells, the command line) does not pay for matplotlib.
_MODULES = {
    "per_1000_bars": "bars",
    "population_groups": "bars",
    "ranking_bars": "bars",
    "region_shares": "bars",
    "Chart": "base",
    "line_series": "lines",
    "trend_area": "lines",
    "UN_MAP_DISCLAIMER": "maps",
    "hosting_map": "maps",
    "origin_small_multiples": "panels",
    "DPI": "style",
    "FIGSIZE": "style",
    "FONT_FAMILIES": "style",
    "GROUP_COLOURS": "style",
    "GROUP_LABELS": "style",
    "HOUSE_STYLE": "style",
    "STYLE_FILE": "style",
    "house_style": "style",
}

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


def __getattr__(name: str):
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # the next use is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODULES))
