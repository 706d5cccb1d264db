"""The house chart style: sorted bars, palette, number labels, captions, alt text, bytes."""

import base64
import functools
import html
import io
import logging
import struct
import subprocess
import sys
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex, to_rgb
from matplotlib.text import Text

from analysis import charts, numbers
from analysis.charts import base
from analysis.charts.style import LABEL_SIZE, LAND, OWN_LAND
from analysis.wording import short_name

SOURCE = "Source: UNHCR Refugee Population Statistics Database (December 2025 release)"

HOSTS_2016 = pd.DataFrame(
    {
        # deliberately not in order
        "name": [
            "Pakistan",
            "Kenya",
            "Türkiye",
            "Lebanon",
            "Iran (Islamic Rep. of)",
            "Uganda",
            "Ethiopia",
            "Jordan",
            "Germany",
            "Dem. Rep. of the Congo",
        ],
        "value": [
            1_352_551,
            451_099,
            2_869_419,
            1_012_959,
            979_435,
            940_825,
            791_631,
            685_188,
            669_482,
            451_956,
        ],
    }
)

GROUPS_2016 = pd.DataFrame(
    {
        "group": [
            "refugees_unhcr",
            "refugees_unrwa",
            "idps_conflict",
            "asylum_seekers",
            "other_in_need",
        ],
        "label": [
            "Refugees under UNHCR's mandate",
            "Palestine refugees under UNRWA's mandate",
            "Internally displaced people",
            "Asylum-seekers",
            "Other people in need of international protection",
        ],
        "value": [17.2e6, 5.3e6, 38.9e6, 2.7e6, 0.0],
    }
)

REGIONS = pd.DataFrame(
    {
        "region": ["Europe", "Asia and the Pacific", "The Americas", "Southern Africa"],
        "share": [0.30, 0.55, 0.05, 0.10],
    }
)


def trend_table() -> pd.DataFrame:
    years = np.arange(2000, 2026)
    ramp = np.linspace(0, 1, len(years))
    return pd.DataFrame(
        {
            "refugees_unhcr": (12.1e6 + 19e6 * ramp).round(),
            "refugees_unrwa": (3.8e6 + 2.2e6 * ramp).round(),
            "asylum_seekers": (0.9e6 + 7e6 * ramp).round(),
            "idps_conflict": (21e6 + 50e6 * ramp).round(),
        },
        index=pd.Index(years, name="year"),
    )


PER_1000_2024 = pd.DataFrame(
    {
        "iso3": ["JOR", "LBN", "ABW", "CUW", "TCD", "MNE", "MDA", "UGA", "TUR", "CZE"],
        "name": [
            "Jordan",
            "Lebanon",
            "Aruba",
            "Curaçao",
            "Chad",
            "Montenegro",
            "Rep. of Moldova",
            "Uganda",
            "Türkiye",
            "Czechia",
        ],
        "per_1000": [56.4, 134.2, 105.3, 72.1, 66.8, 48.9, 45.2, 35.7, 33.9, 7.2],
    }
)

HOSTS_2024 = pd.DataFrame(
    [
        ("IRN", "Iran (Islamic Rep. of)", 3_489_257),
        ("TUR", "Türkiye", 2_940_735),
        ("COL", "Colombia", 2_780_910),
        ("DEU", "Germany", 2_749_266),
        ("UGA", "Uganda", 1_759_492),
        ("PAK", "Pakistan", 1_560_480),
        ("TCD", "Chad", 1_278_866),
        ("PER", "Peru", 1_141_957),
        ("POL", "Poland", 1_008_871),
        ("ETH", "Ethiopia", 1_008_826),
        ("BGD", "Bangladesh", 1_005_602),
        ("SDN", "Sudan", 793_395),
        ("LBN", "Lebanon", 758_642),
        ("FRA", "France", 721_771),
        ("BRA", "Brazil", 721_474),
        ("JOR", "Jordan", 643_641),
        ("KEN", "Kenya", 604_257),
        ("CHL", "Chile", 526_170),
        ("COD", "Dem. Rep. of the Congo", 517_404),
        ("GBR", "United Kingdom of Great Britain and Northern Ireland", 515_677),
        ("USA", "United States of America", 435_333),
        ("CAN", "Canada", 269_496),
        ("NOR", "Norway", 123_981),
        ("AUS", "Australia", 29_511),
        ("RUS", "Russian Federation", 10_077),
        ("MLT", "Malta", 7_814),  # too small for a 1:110m map
        ("NZL", "New Zealand", 2_063),
        ("BHR", "Bahrain", 250),  # too small for a 1:110m map
        ("FJI", "Fiji", 15),
        ("ISL", "Iceland", 0),
    ],
    columns=["iso3", "name", "value"],
).sample(frac=1, random_state=7)  # not in order


def origins_table() -> pd.DataFrame:
    """Refugees and other people in need from six origins, 2000-2024, shaped like 2024's."""
    years = np.arange(2000, 2025)
    anchors = {  # (years, refugees) to interpolate between; Venezuela has OIP from 2018
        "Syrian Arab Rep.": ([2000, 2011, 2017, 2021, 2024], [20e3, 20e3, 6.3e6, 6.8e6, 6.0e6]),
        "Afghanistan": ([2000, 2002, 2021, 2023, 2024], [3.6e6, 2.5e6, 2.7e6, 6.4e6, 5.8e6]),
        "Ukraine": ([2000, 2021, 2022, 2023, 2024], [50e3, 30e3, 5.7e6, 6.0e6, 5.1e6]),
        "South Sudan": ([2000, 2011, 2017, 2024], [0, 0, 2.4e6, 2.3e6]),
        "Sudan": ([2000, 2022, 2024], [500e3, 800e3, 2.1e6]),
        "Venezuela (Bolivarian Republic of)": ([2000, 2017, 2024], [0, 9e3, 370e3]),
    }
    rows = []
    for name, (xs, ys) in anchors.items():
        refugees = np.interp(years, xs, ys).round()
        oip = np.full(len(years), np.nan)
        if name.startswith("Venezuela"):
            oip[years >= 2018] = np.linspace(2.6e6, 5.9e6, 7).round()
        rows.append(
            pd.DataFrame({"year": years, "name": name, "refugees": refugees, "other_in_need": oip})
        )
    return pd.concat(rows, ignore_index=True)


MIGRANT_YEARS = pd.Index([1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024], name="year")
MIGRANT_STOCK = pd.DataFrame(
    {"International migrants": [153e6, 161e6, 173e6, 191e6, 221e6, 248e6, 275e6, 304e6]},
    index=MIGRANT_YEARS,
)
MIGRANT_SHARES = pd.DataFrame(
    {
        "Share of world population": [0.029, 0.028, 0.028, 0.029, 0.032, 0.033, 0.035, 0.037],
        "Women among migrants": [0.491, 0.49, 0.492, 0.488, 0.481, 0.481, 0.481, 0.481],
    },
    index=MIGRANT_YEARS,
)


DEVELOPING_SHARE = pd.DataFrame(
    {
        "Share hosted in developing regions": [
            0.746,
            0.75,
            0.715,
            0.702,
            0.717,
            0.729,
            0.728,
            0.82,
            0.801,
            0.798,
            0.806,
            0.809,
            0.811,
            0.862,
            0.864,
            0.859,
            0.842,
            0.847,
            0.858,
            0.856,
            0.856,
            0.856,
            0.731,
            0.727,
            0.739,
        ]
    },
    index=pd.Index(range(2000, 2025), name="year"),
)


#: Each kind of chart: its function, its data (a callable where it is built) and arguments.
CHARTS = {
    "ranking": (
        charts.ranking_bars,
        HOSTS_2016,
        {"name": "top_hosts", "title": "Türkiye hosted the most refugees in 2016"},
    ),
    "groups": (
        charts.population_groups,
        GROUPS_2016,
        {"name": "at_a_glance", "title": "65.6 million people forcibly displaced in 2016"},
    ),
    "regions": (
        charts.region_shares,
        REGIONS,
        {"name": "regions", "title": "Asia hosted most refugees in 2016"},
    ),
    "trend": (
        charts.trend_area,
        trend_table,
        {
            "name": "trend",
            "title": "Forced displacement more than doubled, 2000-2025",
            "highlight_year": 2016,
            "provisional_from": 2025,
        },
    ),
    "stock": (
        charts.line_series,
        MIGRANT_STOCK,
        {"name": "stock", "title": "International migrants doubled, 1990-2024"},
    ),
    "shares": (
        charts.line_series,
        MIGRANT_SHARES,
        {
            "name": "shares",
            "title": "International migrants were 3.7% of people in 2024",
            "value_format": "share",
        },
    ),
    "developing": (
        charts.line_series,
        DEVELOPING_SHARE,
        {
            "name": "developing_share",
            "title": "Three in four refugees lived in developing regions in 2024",
            "value_format": "share",
            "y_max": 1.0,
            "highlight_year": 2016,
        },
    ),
    "map": (
        charts.hosting_map,
        HOSTS_2024,
        {
            "name": "hosting_map",
            "title": "Iran, Türkiye, Colombia and Germany hosted the most refugees in 2024",
            "value_label": "refugees and other people in need",
        },
    ),
    "origins": (
        charts.origin_small_multiples,
        origins_table,
        {"name": "origins", "title": "Six countries accounted for 4 in 10 refugees in 2024"},
    ),
    "per_1000": (
        charts.per_1000_bars,
        PER_1000_2024,
        {"name": "per_1000", "title": "Lebanon hosted the most refugees for its size"},
    ),
}


def build(kind: str, **overrides) -> charts.Chart:
    """One chart of each kind, built from the same data every time."""
    function, data, arguments = CHARTS[kind]
    data = data() if callable(data) else data
    return function(data, source=SOURCE, **{**arguments, **overrides})


KINDS = [
    "ranking",
    "groups",
    "regions",
    "trend",
    "stock",
    "shares",
    "developing",
    "per_1000",
    "map",
    "origins",
]


def axes_of(chart: charts.Chart):
    (ax,) = chart.figure.axes
    return ax


@functools.cache
def built(kind: str) -> charts.Chart:
    """One chart of each kind, built once, for tests that only read it."""
    return build(kind)


def drawn_ticklabels(axis) -> list[Text]:
    """The tick labels matplotlib actually draws: those within the view limits."""
    low, high = sorted(axis.get_view_interval())
    tolerance = (high - low) * 1e-9
    return [
        tick.label1
        for tick, loc in zip(axis.get_major_ticks(), axis.get_majorticklocs(), strict=False)
        if low - tolerance <= loc <= high + tolerance and tick.label1.get_visible()
    ]


def visible_texts(chart: charts.Chart) -> list[Text]:
    """Every text a reader sees: titles, captions, labels, legends and drawn tick labels."""
    tick_labels = {
        id(tick.label1)
        for ax in chart.figure.axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in axis.get_major_ticks()
    }
    drawn = [
        label
        for ax in chart.figure.axes
        for axis in (ax.xaxis, ax.yaxis)
        if axis.get_visible()
        for label in drawn_ticklabels(axis)
    ]
    others = [
        t
        for t in chart.figure.findobj(Text)
        if id(t) not in tick_labels and t.get_visible() and t.get_text().strip()
    ]
    return [t for t in others + drawn if t.get_text().strip()]


def flat(text: str) -> str:
    return " ".join(text.split())


def bars_top_to_bottom(ax):
    """The bar patches in the order a reader sees them, top first (display coordinates)."""
    ax.figure.draw_without_rendering()
    return sorted(ax.patches, key=lambda p: -p.get_window_extent().y0)


def ytick_labels_top_to_bottom(ax) -> list[str]:
    ticks = [(t.get_window_extent().y0, t.get_text()) for t in ax.get_yticklabels()]
    return [flat(label) for _, label in sorted(ticks, reverse=True)]


def png_chunks(data: bytes) -> dict[bytes, bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = {}, 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        chunks.setdefault(kind, data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    return chunks


# --- palette and style ---------------------------------------------------------


def test_palette_follows_unhcr_conventions():
    assert charts.GROUP_COLOURS["refugees_unhcr"] == "#0072BC"
    assert charts.GROUP_COLOURS["asylum_seekers"] == "#6CD8FD"
    assert charts.GROUP_COLOURS["idps_conflict"] == "#32C189"
    assert charts.GROUP_COLOURS["stateless"] == "#FFC740"
    assert charts.GROUP_COLOURS["other_in_need"] == "#D25A45"
    for group in [
        "refugees_unhcr",
        "refugees_unrwa",
        "asylum_seekers",
        "idps_conflict",
        "other_in_need",
        "stateless",
        "resettled",
    ]:
        assert group in charts.GROUP_COLOURS
        assert group in charts.GROUP_LABELS
    colours = [c.lower() for c in charts.GROUP_COLOURS.values()]
    assert len(set(colours)) == len(colours), "each group needs its own colour"


def lightness(colour: str) -> float:
    """CIE L* (0 black, 100 white): the grey a colour turns into when printed in greyscale."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    y = float(np.dot(linear, [0.2126, 0.7152, 0.0722]))
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_greys_stay_apart_when_printed_in_greyscale():
    style = charts.style
    assert style.LAND == style.RULE
    greys = ["#FFFFFF", style.RULE, charts.GROUP_COLOURS["others_of_concern"], style.MUTED]
    levels = [lightness(c) for c in greys]
    assert levels == sorted(levels, reverse=True)
    assert min(np.diff(levels[::-1])) >= 10, [round(v, 1) for v in levels]
    # Circles on the map stand out from the land.
    assert lightness(style.LAND) - lightness(charts.GROUP_COLOURS["refugees_unhcr"]) >= 30


def test_highlight_marker_has_white_gaps_so_it_shows_on_dark_fills():
    """Its dashes ran on a white line three times as wide, which cut a white band through
    the stacked areas that read as a break in the data: the gaps alone are white."""
    ax = axes_of(built("trend"))
    (marker,) = [ln for ln in ax.lines if list(ln.get_xdata()) == [2016, 2016]]
    assert to_hex(marker.get_color()) == charts.style.HIGHLIGHT.lower()
    assert to_hex(marker.get_gapcolor()) == "#ffffff" and marker.get_linestyle() == "--"
    assert abs(lightness(charts.style.HIGHLIGHT) - lightness("#18375F")) < 5, "why it needs one"


#: Kinds whose two builds are also compared as PNG: equal SVGs already mean equal figures,
#: and Agg draws an equal figure to equal pixels; these check the PNG file's own bytes.
PNG_COMPARED = ("ranking", "map")


@pytest.fixture(scope="module", params=KINDS)
def fresh_pair(request) -> dict:
    """Two fresh builds of one kind of chart, as SVG (and PNG for some) and as HTML, with
    matplotlib's global rcParams before and after: made once per kind for the tests of
    determinism and of the style not leaking."""
    before = dict(matplotlib.rcParams)
    pair = build(request.param), build(request.param)
    files = [chart.svg() for chart in pair]
    if request.param in PNG_COMPARED:
        files += [chart.png() for chart in pair]
    pages = pair[0].to_html(), pair[1].to_html()
    after = dict(matplotlib.rcParams)
    return {"charts": pair, "files": files, "pages": pages, "rc": (before, after)}


def test_style_does_not_leak_into_global_rcparams(fresh_pair):
    before, after = fresh_pair["rc"]  # around building, saving and to_html
    changed = {k for k in before if str(before[k]) != str(after[k])}
    assert not changed


def test_house_style_is_readable_and_minimal():
    chart = built("stock")
    ax = axes_of(chart)
    assert not ax.spines["top"].get_visible()
    assert not ax.spines["right"].get_visible()
    assert any(line.get_visible() for line in ax.yaxis.get_gridlines())
    assert not any(line.get_visible() for line in ax.xaxis.get_gridlines())
    assert tuple(chart.figure.get_size_inches()) == (8.0, 4.5)
    for text in visible_texts(chart):
        assert text.get_fontsize() >= 11, text.get_text()


@pytest.mark.parametrize("kind", KINDS)
def test_a_finished_chart_is_drawn_once_per_file_saved(kind):
    """Laid out once by finish(): saving draws the figure once, with no layout pass (a
    second draw per file was a third of the time of saving)."""
    chart = build(kind)  # fresh: this test saves it and listens to it
    draws = []
    chart.figure.canvas.mpl_connect("draw_event", draws.append)
    chart.svg()
    assert len(draws) == 1, kind
    chart.png()
    assert len(draws) == 2, kind
    # a save of one's own under the house style (as a teacher's notebook may do) gives the
    # figure constrained layout back: ours still lays nothing out again
    with matplotlib.style.context(charts.STYLE_FILE):
        chart.figure.savefig(io.BytesIO(), format="svg")
    assert base.figure_bytes(chart.figure, "svg") == build(kind).svg(), kind


@pytest.mark.parametrize("kind", KINDS)
def test_every_text_is_readable_and_inside_the_figure(kind):
    chart = built(kind)
    chart.figure.draw_without_rendering()
    frame = chart.figure.bbox
    for text in visible_texts(chart):
        assert text.get_fontsize() >= 11, (kind, text.get_text())
        box = text.get_window_extent()
        assert box.x0 >= frame.x0 - 1 and box.x1 <= frame.x1 + 1, (kind, text.get_text())
        assert box.y0 >= frame.y0 - 1 and box.y1 <= frame.y1 + 1, (kind, text.get_text())


# --- ranking bars ----------------------------------------------------------------


def test_ranking_bars_largest_at_top():
    chart = built("ranking")
    ax = axes_of(chart)
    widths = [p.get_width() for p in bars_top_to_bottom(ax)]
    assert widths == sorted(HOSTS_2016["value"], reverse=True)
    assert ytick_labels_top_to_bottom(ax)[:3] == ["Türkiye", "Pakistan", "Lebanon"]
    assert ytick_labels_top_to_bottom(ax)[-1] == "Kenya"


def test_ranking_bars_use_the_given_colour_and_short_labels():
    chart = build("ranking", colour=charts.GROUP_COLOURS["asylum_seekers"])
    ax = axes_of(chart)
    assert {to_hex(p.get_facecolor()) for p in ax.patches} == {"#6cd8fd"}
    labels = [flat(t.get_text()) for t in ax.texts]
    for value in HOSTS_2016["value"]:
        assert numbers.short(value) in labels
    assert "2.9M" in labels and "979K" in labels
    assert not ax.xaxis.get_visible(), "bars are labelled; no x axis"


def test_bars_of_different_lengths_take_a_digit_more_to_read_apart():
    """2021: Uganda's 1,529,904 and Pakistan's 1,491,070 were both labelled "1.5M" on bars of
    different lengths; they take one digit more, and so do the bars beside them written in
    the same unit ("3.76M"), so that every label reads to the same digit."""
    data = pd.DataFrame(
        {
            "iso3": ["TUR", "UGA", "PAK"],
            "name": ["Türkiye", "Uganda", "Pakistan"],
            "value": [3_759_817, 1_529_904, 1_491_070],
        }
    )
    chart = charts.ranking_bars(data, name="x", title="Hosts", source=SOURCE)
    labels = [flat(t.get_text()) for t in axes_of(chart).texts]
    assert {"3.76M", "1.53M", "1.49M"} <= set(labels) and "1.5M" not in labels


def test_a_long_ranking_grows_taller_so_its_labels_stay_apart():
    """A student's 25 largest hosts were squeezed into the house size: names and counts
    overlapped. Ten bars keep the house size."""
    names = [f"Country {i}" for i in range(25)]
    data = pd.DataFrame({"iso3": names, "name": names, "value": range(2_500_000, 0, -100_000)})
    long = charts.ranking_bars(data, name="x", title="Hosts", source=SOURCE)
    short = charts.ranking_bars(data.head(10), name="y", title="Hosts", source=SOURCE)
    assert tuple(short.figure.get_size_inches()) == charts.FIGSIZE
    assert long.figure.get_size_inches()[1] > 2 * charts.FIGSIZE[1]
    long.figure.draw_without_rendering()
    boxes = [t.get_window_extent() for t in axes_of(long).get_yticklabels()]
    assert not any(one.overlaps(other) for i, one in enumerate(boxes) for other in boxes[i + 1 :])


def test_a_ranking_of_refugees_and_others_in_need_stacks_both_in_their_colours():
    """2022: Colombia's 2.5 million, nearly all other people in need of international
    protection, were drawn in the refugees' blue (a designer). Two groups with people in
    them are stacked, each in its colour, under a legend naming them; one group alone keeps
    its own colour and no legend."""
    data = pd.DataFrame(
        {
            "iso3": ["TUR", "COL", "DEU"],
            "name": ["Türkiye", "Colombia", "Germany"],
            "refugees": [3_568_259, 1_607, 2_075_445],
            "oip": [0, 2_453_862, 400_000],
        }
    ).assign(value=lambda d: d["refugees"] + d["oip"])
    parts = [("refugees", "refugees_unhcr"), ("oip", "other_in_need")]
    chart = charts.ranking_bars(data, name="x", title="Hosts", source=SOURCE, parts=parts)
    ax = axes_of(chart)
    colours = {to_hex(p.get_facecolor()) for p in ax.patches if p.get_width() > 0}
    assert colours == {"#0072bc", "#d25a45"}

    def widths(position: int) -> list[float]:
        bar = [p for p in ax.patches if abs(p.get_y() - position + 0.34) < 0.01]
        return [p.get_width() for p in bar if p.get_width() > 0]

    assert widths(1) == [2_075_445, 400_000]  # Germany, second: both parts, left to right
    # Colombia's 1,607 refugees, a hairline beside 2.5 million (a designer), are drawn with
    # the larger part; the table keeps them
    assert widths(0) == [2_455_469]
    # a part small beside the longest bar but not within its own stays (Mexico's refugees,
    # 28% of its 88,700 beside Colombia's 2.5 million: a reviewer)
    mexico = data.iloc[[1]].assign(iso3="MEX", name="Mexico", refugees=24_400, oip=64_300)
    mexico = mexico.assign(value=88_700)
    both = charts.ranking_bars(pd.concat([data, mexico]), name="m", title="H", source=SOURCE,
                               parts=parts)  # fmt: skip
    bars = [p for p in axes_of(both).patches if abs(p.get_y() + 0.34) < 0.01 and p.get_width()]
    assert [p.get_width() for p in bars] == [24_400, 64_300]
    assert (
        chart.data.set_index("ISO3 code").at["COL", charts.GROUP_LABELS["refugees_unhcr"]] == 1_607
    )
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [charts.GROUP_LABELS["refugees_unhcr"], charts.GROUP_LABELS["other_in_need"]]
    assert "2.46M" in [flat(t.get_text()) for t in ax.texts]  # the whole bar's label
    assert (
        "of them, other people in need of international protection: Germany 400,000, "
        "Colombia 2.5 million." in chart.alt
    )
    assert list(chart.data.columns[2:]) == [
        charts.GROUP_LABELS["refugees_unhcr"], charts.GROUP_LABELS["other_in_need"], "Refugees"
    ]  # fmt: skip
    alone = charts.ranking_bars(data.assign(oip=0, value=data["refugees"]), name="y",
                                title="Hosts", source=SOURCE, parts=parts)  # fmt: skip
    assert axes_of(alone).get_legend() is None
    assert {to_hex(p.get_facecolor()) for p in axes_of(alone).patches} == {"#0072bc"}
    aruba = {"iso3": ["ABW"], "name": ["Aruba"], "per_1000": [106.0], "refugees": [0.0]}
    others = pd.DataFrame(aruba | {"oip": [106.0]})
    others = charts.per_1000_bars(others, name="z", title="1,000", source=SOURCE, parts=parts)
    assert {to_hex(p.get_facecolor()) for p in axes_of(others).patches} == {"#d25a45"}


def test_ranking_default_colour_is_refugee_blue():
    ax = axes_of(built("ranking"))
    assert {to_hex(p.get_facecolor()) for p in ax.patches} == {"#0072bc"}


def test_ranking_default_alt_lists_the_numbers_in_order():
    alt = built("ranking").alt
    assert "Türkiye 2.9 million" in alt
    assert "Iran (Islamic Republic of) 979,400" in alt  # as the text writes it
    assert alt.index("Türkiye") < alt.index("Pakistan") < alt.index("Kenya")
    assert "refugees" in alt


def test_ranking_bars_need_name_and_value():
    with pytest.raises(ValueError, match="value"):
        charts.ranking_bars(
            HOSTS_2016.rename(columns={"value": "refugees"}), name="x", title="t", source="s"
        )


def test_per_1000_bars_sorted_with_rate_labels():
    chart = built("per_1000")
    ax = axes_of(chart)
    widths = [p.get_width() for p in bars_top_to_bottom(ax)]
    assert widths == sorted(PER_1000_2024["per_1000"], reverse=True)
    assert ytick_labels_top_to_bottom(ax)[:2] == ["Lebanon", "Aruba"]
    labels = [t.get_text() for t in ax.texts]
    assert labels[:2] == ["134", "105"] and labels[-1] == "7.2"
    assert ax.get_title(loc="left") == "Refugees per 1,000 inhabitants"
    assert "Lebanon 134, Aruba 105" in chart.alt
    assert list(chart.data.columns) == ["ISO3 code", "Country", "Refugees per 1,000 inhabitants"]
    assert chart.data["ISO3 code"].iloc[0] == "LBN"


def test_per_1000_bars_need_iso3_name_and_rate():
    with pytest.raises(ValueError, match="per_1000"):
        charts.per_1000_bars(
            PER_1000_2024.drop(columns="per_1000"), name="x", title="t", source="s"
        )


# --- the world map ---------------------------------------------------------------------


def test_map_circles_area_proportional_to_value_for_countries_on_the_map():
    chart = built("map")
    ax = axes_of(chart)
    (circles,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    sizes = circles.get_sizes()
    on_map = HOSTS_2024[~HOSTS_2024["iso3"].isin(["MLT", "BHR"]) & (HOSTS_2024["value"] > 0)]
    assert len(sizes) == len(on_map)
    values = np.sort(on_map["value"].to_numpy(dtype=float))[::-1]
    assert np.allclose(sizes / sizes[0], values / values[0])
    assert to_hex(circles.get_facecolor()[0], keep_alpha=False) == "#0072bc"


def test_map_labels_the_largest_hosts_clear_of_each_other():
    chart = built("map")
    ax = axes_of(chart)
    labels = [t for t in ax.texts if t.get_text()]
    assert [flat(t.get_text()) for t in labels] == [
        "Iran 3.5M",
        "Türkiye 2.9M",
        "Colombia 2.8M",
        "Germany 2.7M",
        "Uganda 1.8M",
    ]
    chart.figure.draw_without_rendering()
    boxes = [t.get_window_extent() for t in labels]
    boxes.append(ax.get_legend().get_window_extent())
    for i, one in enumerate(boxes):
        assert ax.bbox.contains(one.x0, one.y0) and ax.bbox.contains(one.x1, one.y1)
        for other in boxes[i + 1 :]:
            assert not one.overlaps(other)


def test_map_size_legend_has_round_reference_circles():
    legend = axes_of(built("map")).get_legend()
    assert [t.get_text() for t in legend.get_texts()] == ["3M", "1M", "200K"]
    assert "Refugees and other people in need" in flat(legend.get_title().get_text())
    sizes = [h.get_markersize() for h in legend.legend_handles]
    assert np.allclose(np.square(sizes) / sizes[0] ** 2, [1, 1 / 3, 0.2 / 3])
    assert charts.maps.legend_values(980_000) == [500_000, 100_000, 30_000]
    assert charts.maps.legend_values(4) == [3, 1]


def test_map_carries_the_un_disclaimer_under_the_source():
    chart = built("map")
    texts = [flat(t.get_text()) for t in visible_texts(chart)]
    assert flat(f"{SOURCE} {charts.UN_MAP_DISCLAIMER}") in texts
    assert chart.note == charts.UN_MAP_DISCLAIMER
    assert charts.UN_MAP_DISCLAIMER.startswith("The boundaries and names shown")
    assert "United Nations" in chart.svg().decode()


def test_map_alt_text_and_data_keep_every_host():
    chart = built("map")
    assert "Iran (Islamic Republic of) 3.5 million, Türkiye 2.9 million" in chart.alt
    assert "Too small for the map, two countries and territories, hosting " in chart.alt
    data = chart.data
    assert list(data.columns) == ["ISO3 code", "Country", "Refugees and other people in need"]
    assert data["ISO3 code"].tolist()[:2] == ["IRN", "TUR"]
    assert data["Country"].iloc[0] == "Iran (Islamic Republic of)"  # not UNHCR's "Rep."
    assert {"MLT", "BHR"} <= set(data["ISO3 code"]) and "ISL" not in set(data["ISO3 code"])


def test_map_names_fall_back_to_natural_earth():
    top3 = HOSTS_2024.drop(columns="name").sort_values("value", ascending=False).head(3)
    chart = charts.hosting_map(top3, name="m", title="Hosts", source=SOURCE)
    assert "Iran 3.5 million, Turkey 2.9 million, Colombia 2.8 million" in chart.alt
    assert chart.data["Country"].tolist() == ["Iran", "Turkey", "Colombia"]


def test_a_brief_s_map_shades_its_own_country_and_names_it_in_the_legend():
    """A brief's map of where Afghanistan's refugees live did not show Afghanistan, which
    lay under the circles of Iran and Pakistan; a country without a shape is not named."""
    hosts = HOSTS_2024.head(6)
    chart = charts.hosting_map(hosts, name="m", title="t", source="s", own=("AFG", "Afghanistan"))
    ax = axes_of(chart)
    land = next(c for c in ax.collections if not isinstance(c, PathCollection))
    colours = [to_hex(c) for c in land.get_facecolor()]
    shapes = [c.iso3 for c in charts.world.countries()]
    assert colours[shapes.index("AFG")] == to_hex(OWN_LAND)
    assert {colours[i] for i, code in enumerate(shapes) if code != "AFG"} == {to_hex(LAND)}
    assert [t.get_text() for t in ax.get_legend().get_texts()][-1] == "Afghanistan"
    # outlined above the circles, which covered it (Iran's, Pakistan's)
    (circles,) = [c for c in ax.collections if isinstance(c, PathCollection)]
    (outline,) = [c for c in ax.collections if c.get_zorder() > circles.get_zorder()]
    assert len(outline.get_paths()) == 1 and not outline.get_facecolor().any()
    assert chart.alt.endswith(" Afghanistan is shaded darker and outlined.")
    # "The State of Palestine", in a sentence; Kosovo's shape with UNHCR's Serbia and Kosovo
    palestine = charts.hosting_map(
        hosts, name="m", title="t", source="s", own=("PSE", "State of Palestine")
    )
    assert palestine.alt.endswith(" The State of Palestine is shaded darker and outlined.")
    serbia = charts.hosting_map(
        hosts, name="m", title="t", source="s", own=("SRB", "Serbia and Kosovo")
    )
    land = next(c for c in axes_of(serbia).collections if not isinstance(c, PathCollection))
    darker = {
        shapes[i] for i, c in enumerate(land.get_facecolor()) if to_hex(c) == to_hex(OWN_LAND)
    }
    assert darker == {"SRB", "XKX"}
    tiny = charts.hosting_map(hosts, name="m", title="t", source="s", own=("MLT", "Malta"))
    assert "Malta" not in [t.get_text() for t in axes_of(tiny).get_legend().get_texts()]
    assert "shaded" not in tiny.alt


def test_map_needs_iso3_and_value():
    with pytest.raises(ValueError, match="iso3"):
        charts.hosting_map(HOSTS_2024.drop(columns="iso3"), name="m", title="t", source="s")
    with pytest.raises(ValueError, match="hosts"):
        charts.hosting_map(HOSTS_2024.assign(value=0), name="m", title="t", source="s")


def test_world_shapes_decode_and_project_with_equal_earth():
    from matplotlib.path import Path as MplPath

    from analysis.charts import world

    x, y = world.equal_earth(np.array([180.0, 0.0]), np.array([0.0, 90.0]))
    assert np.allclose([x[0], y[1]], [2.7066299836960743, 1.3173627591574133])
    shapes = world.countries()
    codes = [c.iso3 for c in shapes]
    assert len(shapes) == 176 and "ATA" not in codes
    assert {"IRN", "TUR", "COL", "XKX", "PSE", "ESH"} <= set(codes)
    assert sum(code is None for code in codes) == 2  # N. Cyprus, Somaliland
    edge = float(world.equal_earth(180.0, 0.0)[0])
    for shape in shapes:
        for ring in shape.rings:
            assert np.abs(ring[:, 0]).max() <= edge + 1e-9, shape.name  # no ring wraps round
        assert any(MplPath(r).contains_point(shape.point) for r in shape.rings), shape.name
    fiji = next(s for s in shapes if s.iso3 == "FJI")
    assert {np.sign(r[:, 0].mean()) for r in fiji.rings} == {-1.0, 1.0}, "split at 180°"


# --- small multiples of origins ----------------------------------------------------------

VENEZUELA = "Venezuela (Bolivarian Republic of)"


def panels_of(chart: charts.Chart):
    return [ax for ax in chart.figure.axes if ax.get_visible() and ax.get_title(loc="left")]


def test_small_multiples_one_panel_per_origin_largest_first_on_a_shared_scale():
    chart = built("origins")
    panels = panels_of(chart)
    assert [flat(ax.get_title(loc="left")) for ax in panels] == [
        "Venezuela",  # labels as the bars and maps give them; the alt text in full
        "Syrian Arab Republic",
        "Afghanistan",
        "Ukraine",
        "South Sudan",
        "Sudan",
    ]
    assert len({ax.get_ylim() for ax in panels}) == 1, "one y scale for every panel"
    ticks = [t.get_text() for t in drawn_ticklabels(panels[0].yaxis)]
    assert ticks == ["0", "2.5M", "5M"], "short labels"
    assert [t.get_text() for t in drawn_ticklabels(panels[-1].xaxis)] == ["2000", "2024"]


def test_small_multiples_draw_refugees_blue_and_other_in_need_red_where_present():
    panels = panels_of(built("origins"))
    colours = [[to_hex(line.get_color()) for line in ax.lines] for ax in panels]
    assert colours[0] == ["#0072bc", "#d25a45"]
    assert all(c == ["#0072bc"] for c in colours[1:]), "no empty red line"
    ends = [[t.get_text() for t in ax.texts] for ax in panels]
    assert ends[0] == ["370K", "5.9M"] and ends[1] == ["6.0M"]
    oip = panels[0].lines[1]
    assert min(oip.get_xdata()) == 2018, "no line before the category existed"
    # Blue and red print as nearly the same grey: other people in need are dashed too.
    assert abs(lightness("#0072BC") - lightness("#D25A45")) < 10
    assert panels[0].lines[0].get_linestyle() == "-" and oip.get_linestyle() == "--"
    # a series of a few years has a point on each, a dash or two alone being lost (2019)
    assert panels[0].lines[0].get_marker() == oip.get_marker() == "None"
    table = origins_table()
    in_2019 = charts.origin_small_multiples(
        table[table["year"] <= 2019], source=SOURCE, **CHARTS["origins"][2]
    )
    (oip,) = [ax.lines[1] for ax in panels_of(in_2019) if len(ax.lines) > 1]
    assert list(oip.get_xdata()) == [2018, 2019] and oip.get_marker() == "o"


def test_small_multiples_legend_alt_and_data():
    chart = built("origins")
    (legend,) = chart.figure.subfigs[0].legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "Refugees under UNHCR's mandate",
        "Other people in need of international protection",
    ]
    assert f"{VENEZUELA}: 6.3 million in 2024 (370,000 refugees and 5.9 million" in chart.alt
    assert "Syrian Arab Republic: 6.0 million in 2024, peak 6.8 million in 2021" in chart.alt
    mid_year = build("origins", provisional_from=2024)  # 2024 a mid-year count
    assert "Syrian Arab Republic: 6.0 million at mid-2024, peak 6.8 million in 2021" in mid_year.alt
    # and drawn as one: a hollow point on each line, "mid-2024" under the axis, in the table
    # and in a note
    for ax in panels_of(mid_year):
        hollow = [line for line in ax.lines if line.get_markerfacecolor() == "white"]
        # half a year after the end of 2023, not a full year
        assert hollow and all(list(line.get_xdata()) == [2023.5] for line in hollow)
    labels = [t.get_text() for t in drawn_ticklabels(panels_of(mid_year)[-1].xaxis)]
    assert labels == ["2000", "mid-2024"]
    assert mid_year.data["Year"].iloc[-1] == "mid-2024" and "2000" in list(mid_year.data["Year"])
    assert mid_year.note == "Hollow points: mid-2024, a provisional mid-year count."
    assert not [
        ln for ax in panels_of(chart) for ln in ax.lines if ln.get_markerfacecolor() == "white"
    ]
    data = chart.data
    assert list(data.columns) == [
        "Year",
        "Country",
        "Refugees under UNHCR's mandate",
        "Other people in need of international protection",
    ]
    assert len(data) == 6 * 25 and data["Country"].iloc[0] == VENEZUELA


def test_small_multiples_balance_the_grid_and_show_years_under_every_column():
    table = origins_table()
    four = table[table["name"].isin(["Syrian Arab Rep.", "Afghanistan", "Ukraine", "Sudan"])]
    chart = charts.origin_small_multiples(four, name="x", title="Four origins", source=SOURCE)
    panels = panels_of(chart)
    assert len(panels) == 4
    assert {ax.get_subplotspec().get_gridspec().get_geometry() for ax in panels} == {(2, 2)}
    for ax in panels[2:]:
        assert [t.get_text() for t in drawn_ticklabels(ax.xaxis)] == ["2000", "2024"]
    # the years under panels side by side keep apart: the first starts at its tick, the last
    # ends at it ("mid-2025 2000" ran together between three panels of a mid-year edition)
    six = origins_table()
    six = six.assign(year=six["year"] + 1)  # 2001-2025, the last provisional
    mid_year = charts.origin_small_multiples(
        six, name="x", title="Six origins", source=SOURCE, provisional_from=2025
    )
    first, second = (drawn_ticklabels(ax.xaxis) for ax in panels_of(mid_year)[3:5])
    assert first[-1].get_text() == "mid-2025"
    gap = second[0].get_window_extent().x0 - first[-1].get_window_extent().x1
    assert gap > 2 * mid_year.figure.dpi / 72 * LABEL_SIZE  # two characters at least
    (legend,) = chart.figure.subfigs[0].legends
    assert [t.get_text() for t in legend.get_texts()] == ["Refugees under UNHCR's mandate"]
    # No other people in need in these years: the description names refugees alone, and a
    # peak in the last year is not told twice.
    assert "on a shared scale, of refugees: " in chart.alt
    assert "Sudan: 2.1 million in 2024" in chart.alt
    assert "Sudan: 2.1 million in 2024, peak" not in chart.alt
    # nor a peak that reads as the latest figure ("2.4 million …, peak 2.4 million in 2017")
    sudan = four["name"] == "Sudan"
    latest = four.loc[sudan, "year"].max()
    level = four[sudan & (four["year"] == latest)]["refugees"].iloc[0]
    earlier = sudan & (four["year"] == latest - 3)
    four = four.assign(refugees=four["refugees"].where(~earlier, level + 10_000))
    chart = charts.origin_small_multiples(four, name="x", title="Four origins", source=SOURCE)
    assert "Sudan: 2.1 million in 2024, peak" not in chart.alt


def test_small_multiples_need_both_series():
    with pytest.raises(ValueError, match="other_in_need"):
        charts.origin_small_multiples(
            origins_table().drop(columns="other_in_need"), name="x", title="t", source="s"
        )


# --- population groups and regions ---------------------------------------------------


def test_population_groups_take_their_group_colours_and_people_labels():
    chart = built("groups")
    ax = axes_of(chart)
    bars = bars_top_to_bottom(ax)
    assert [to_hex(p.get_facecolor()) for p in bars] == [
        charts.GROUP_COLOURS[g].lower() for g in GROUPS_2016["group"]
    ]
    labels = [flat(t.get_text()) for t in ax.texts]
    for value in GROUPS_2016["value"]:
        assert numbers.people(value) in labels
    assert "38.9 million" in labels
    assert "Internally displaced people 38.9 million" in chart.alt


def test_region_shares_sorted_and_labelled_as_percentages():
    chart = built("regions")
    ax = axes_of(chart)
    widths = [p.get_width() for p in bars_top_to_bottom(ax)]
    assert widths == sorted(REGIONS["share"], reverse=True)
    assert ytick_labels_top_to_bottom(ax) == [
        "Asia and the Pacific",
        "Europe",
        "Southern Africa",
        "The Americas",
    ]
    labels = [t.get_text() for t in ax.texts]
    assert labels == [numbers.share(s) for s in sorted(REGIONS["share"], reverse=True)]
    assert "Asia and the Pacific 55%" in chart.alt


# --- trend and lines -------------------------------------------------------------------


def test_trend_area_stacks_groups_in_their_colours_with_a_legend_outside_the_data():
    chart = build("trend")
    ax = axes_of(chart)
    chart.figure.draw_without_rendering()
    legend = ax.get_legend()
    assert legend is not None
    legend_text = [flat(t.get_text()) for t in legend.get_texts()]
    assert "Internally displaced people" in legend_text
    assert "Refugees under UNHCR's mandate" in legend_text
    legend_colours = {
        flat(t.get_text()): to_hex(h.get_facecolor())
        for t, h in zip(legend.get_texts(), legend.legend_handles, strict=True)
    }
    assert legend_colours["Internally displaced people"] == "#32c189"
    assert legend_colours["Asylum-seekers"] == "#6cd8fd"
    assert not legend.get_window_extent().overlaps(ax.get_window_extent())


def test_trend_area_y_axis_in_short_numbers():
    ax = axes_of(build("trend"))
    ax.figure.draw_without_rendering()
    labels = [t.get_text() for t in drawn_ticklabels(ax.yaxis)]
    ticks = [v for v in ax.get_yticks() if ax.get_ylim()[0] <= v <= ax.get_ylim()[1]]
    assert len(labels) >= 3
    assert labels == numbers.axis_ticks(ticks)
    assert any(label.endswith("M") for label in labels)


@pytest.mark.parametrize("top", [3.3e6, 1.0e6, 2.0e6, 130e6])
def test_a_count_s_axis_steps_in_round_numbers(top):
    """Colombia's trend stepped 0.8M, 1.6M, 2.4M, 3.2M (a designer): a count's ticks step
    by 1, 2, 2.5, 3 or 5 of a power of ten; without 3, the world's trend to 130 million had
    only 0, 50M and 100M (a reviewer)."""
    years = list(range(2000, 2025))
    data = pd.DataFrame(
        {"refugees_unhcr": np.linspace(0, top, len(years))}, index=pd.Index(years, name="year")
    )
    chart = charts.trend_area(data, name="steps", title="Steps", source=SOURCE)
    ax = axes_of(chart)
    ax.figure.draw_without_rendering()
    ticks = [v for v in ax.get_yticks() if ax.get_ylim()[0] <= v <= ax.get_ylim()[1]]
    step = ticks[1] - ticks[0]
    mantissa = step / 10 ** np.floor(np.log10(step))
    assert round(mantissa, 6) in {1, 2, 2.5, 3, 5} and len(ticks) >= 4
    # the "0" of the count's axis clear of the first year under it (they touched)
    zero = next(t for t in ax.get_yticklabels() if t.get_text() == "0")
    first = min(drawn_ticklabels(ax.xaxis), key=lambda t: t.get_window_extent().x0)
    assert not zero.get_window_extent().overlaps(first.get_window_extent())


def test_trend_area_marks_highlight_year_and_provisional_years():
    chart = built("trend")
    ax = axes_of(chart)
    texts = [flat(t.get_text()) for t in ax.texts]
    total_2016 = float(trend_table().loc[2016].sum())
    assert f"2016: {numbers.people(total_2016)}" in texts
    assert "mid-2025, provisional" in ax.get_xlabel()
    assert any(list(line.get_xdata()) == [2016, 2016] for line in ax.lines), (
        "a vertical line at the highlighted year"
    )
    hatched = [c for c in ax.collections if c.get_hatch()]
    assert hatched, "provisional stretch is hatched"
    # mid-2025 half a year after the end of 2024, not a full year: the stack ends there
    ends = {float(c.get_paths()[0].vertices[:, 0].max()) for c in hatched}
    assert ends == {2024.5} and ax.get_xlim()[1] == 2024.5
    assert max(ax.get_xticks()) <= 2024  # ticks mark year ends
    assert "provisional" in chart.alt and "2025" in chart.alt
    end = numbers.people(float(trend_table().iloc[-1].sum()))
    assert f" to {end} at mid-2025;" in chart.alt  # the count of a provisional year is dated


def test_trend_area_marker_says_about_when_its_total_counts_some_people_once():
    """From 2023 the total counts once people in two groups: below its stack, an estimate."""
    stacked = trend_table().sum(axis=1)
    chart = build("trend", totals=stacked - 1_400_000, note="counted once")
    texts = [flat(t.get_text()) for t in axes_of(chart).texts]
    assert f"2016: about {numbers.people(stacked[2016] - 1_400_000)}" in texts
    # and the alt text does not call a total that counts them once the groups' sum
    end = numbers.people(stacked.iloc[-1] - 1_400_000)
    assert "The total, each person counted once, went from " in chart.alt and end in chart.alt
    assert "The total of the " not in chart.alt


def test_trend_area_alt_text_gives_a_marked_last_year_once():
    assert "2016 is marked at" in built("trend").alt
    chart = build("trend", highlight_year=2025)
    end = numbers.people(float(trend_table().iloc[-1].sum()))
    assert chart.alt.count(end) == 1 and "is marked" not in chart.alt


def test_trend_area_alt_text_names_a_peak_its_ends_hide():
    """Poles abroad, 2022: "The total went from 1,400 in 2000 to 2,000 in 2022" hid the
    20,200 of 2005, which the text beside the chart named."""
    counts = [1_400, 5_000, 20_245, 9_000, 2_000]
    data = pd.DataFrame(
        {"refugees_unhcr": counts}, index=pd.Index([2000, 2003, 2005, 2010, 2022], name="year")
    )
    chart = charts.trend_area(data, name="t", title="T", source=SOURCE)
    assert (
        "The total went from 1,400 in 2000 to 2,000 in 2022, highest 20,200 in 2005." in chart.alt
    )


def test_trend_area_marking_its_last_year_leaves_room_after_it_but_no_tick_past_the_data():
    """The room after a marked last year widened the axis: 1951-2019 got a tick at 2020."""
    years = list(range(1951, 2020))
    data = pd.DataFrame(
        {"refugees_unhcr": [1e6 + 1e5 * i for i in range(len(years))]},
        index=pd.Index(years, name="year"),
    )
    chart = charts.trend_area(data, name="t", title="t", source=SOURCE, highlight_year=2019)
    ax = axes_of(chart)
    assert ax.get_xlim()[1] > 2019  # the marker does not sit on the frame
    assert max(ax.get_xticks()) <= 2019


def test_trend_area_starts_other_people_in_need_upright_where_they_are_first_counted():
    """Colombia's brief, 2022: the other people in need rose on a ramp from none in 2017,
    read as people counted then; UNHCR counts them from 2018. The marker stays on its year."""
    data = pd.DataFrame(
        {"refugees_unhcr": [100, 120, 130, 140], "other_in_need": [0, 0, 500, 900]},
        index=pd.Index([2016, 2017, 2018, 2019], name="year"),
    )
    chart = charts.trend_area(data, name="t", title="T", source=SOURCE, highlight_year=2019)
    ax = axes_of(chart)
    oip = [c for c in ax.collections if to_hex(c.get_facecolor()[0]) == "#d25a45"]
    (points,) = [p.vertices for c in oip for p in c.get_paths()]
    x, y = points[:, 0], points[:, 1]
    area = abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2
    assert area == (500 + 900) / 2  # 2018 to 2019 only: a ramp from 2017 would add 250
    assert any(list(line.get_xdata()) == [2019, 2019] for line in ax.lines)
    assert chart.data["Year"].tolist() == [2016, 2017, 2018, 2019]  # no extra row
    # none counted in 2018-2020 is a count: 2021's rise is drawn from it
    data.index = data.index + 3
    ax = axes_of(charts.trend_area(data, name="t", title="T", source=SOURCE))
    oip = [c for c in ax.collections if to_hex(c.get_facecolor()[0]) == "#d25a45"]
    (points,) = [p.vertices for c in oip for p in c.get_paths()]
    x, y = points[:, 0], points[:, 1]
    area = abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))) / 2
    assert area == (500 + 900) / 2 + 500 / 2


def test_trend_area_without_provisional_years_has_no_note():
    chart = build("trend", provisional_from=None, highlight_year=None)
    ax = axes_of(chart)
    assert not any("provisional" in t.get_text() for t in ax.texts)
    assert not any(c.get_hatch() for c in ax.collections)
    assert chart.data["Year"].tolist() == list(range(2000, 2026))  # every year a year-end


def test_line_series_dates_a_mid_year_count_in_its_alt_text_and_table():
    chart = build("stock", provisional_from=MIGRANT_YEARS[-1])
    last = MIGRANT_YEARS[-1]
    assert chart.alt.endswith(f" at mid-{last}.")
    assert chart.data["Year"].tolist() == [str(y) for y in MIGRANT_YEARS[:-1]] + [f"mid-{last}"]
    assert build("stock").alt.endswith(f" in {last}.")
    # and drawn as the other charts draw one: a hollow point, which a note explains (the
    # share hosted in developing regions at mid-2025 was a solid point like the others)
    hollow = [
        line
        for line in axes_of(chart).lines
        if line.get_markerfacecolor() == "white" and line.get_linestyle() == "None"
    ]
    assert [list(line.get_xdata()) for line in hollow] == [[last - 0.5]]  # after last year's end
    texts = "\n".join(t.get_text() for t in chart.figure.texts)
    assert f"\nHollow point: mid-{last}, a provisional mid-year count." in texts
    assert not [t for t in build("stock").figure.texts if "Hollow" in t.get_text()]


def test_line_series_alt_text_names_a_high_the_ends_hide():
    """The share hosted in developing regions went from 75% in 2000 to 73% in 2023, and the
    alt text said so alone: its 86% of 2014 stood between them."""
    shares = pd.DataFrame(
        {"Share": [0.75, 0.80, 0.86, 0.85, 0.73]}, index=[2000, 2007, 2014, 2021, 2023]
    )
    chart = charts.line_series(shares, name="s", title="T", source="S", value_format="share")
    assert chart.alt.endswith("from 75% in 2000 to 73% in 2023, highest 86% in 2014.")
    steady = charts.line_series(shares.clip(upper=0.8), name="s", title="T", source="S",
                                value_format="share")  # fmt: skip
    assert steady.alt.endswith("from 75% in 2000 to 73% in 2023.")
    dip = charts.line_series(1.5 - shares, name="s", title="T", source="S", value_format="share")
    assert dip.alt.endswith("from 75% in 2000 to 77% in 2023, lowest 64% in 2014.")


def test_line_series_people_format_markers_and_no_legend_for_one_series():
    chart = build("stock", highlight_year=2016)
    ax = axes_of(chart)
    (line,) = [ln for ln in ax.lines if ln.get_marker() not in (None, "None", "")]
    assert list(line.get_xdata()) == list(MIGRANT_YEARS)
    assert ax.get_legend() is None
    labels = [t.get_text() for t in drawn_ticklabels(ax.yaxis)]
    assert labels and all(label == "0" or label.endswith("M") for label in labels)
    assert "304M" in [t.get_text() for t in ax.texts]
    assert "2016" in [t.get_text() for t in ax.texts]
    assert "153 million in 1990" in chart.alt and "304 million in 2024" in chart.alt


def test_line_series_share_format_and_legend_for_several_series():
    chart = built("shares")
    ax = axes_of(chart)
    assert ax.get_legend() is not None
    assert len([ln for ln in ax.lines if ln.get_marker() == "o"]) == 2
    labels = [t.get_text() for t in drawn_ticklabels(ax.yaxis)]
    assert labels and all(label.endswith("%") for label in labels)
    ends = [t.get_text() for t in ax.texts]
    assert numbers.share(0.037, digits=1) in ends and numbers.share(0.481) in ends
    assert "3.7% in 2024" in chart.alt


def test_line_series_share_on_a_full_scale_for_the_developing_regions_share():
    chart = built("developing")
    ax = axes_of(chart)
    assert ax.get_ylim() == (0.0, 1.0)
    labels = [t.get_text() for t in drawn_ticklabels(ax.yaxis)]
    assert labels[0] == "0%" and labels[-1] == "100%"
    assert "74%" in [t.get_text() for t in ax.texts]
    assert "from 75% in 2000 to 74% in 2024" in chart.alt
    assert chart.data.columns.tolist() == ["Year", "Share hosted in developing regions"]


def test_line_series_rejects_unknown_format():
    with pytest.raises(ValueError, match="value_format"):
        charts.line_series(MIGRANT_STOCK, name="x", title="t", source="s", value_format="money")


# --- title, source, alt text --------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_title_and_source_drawn_in_the_figure(kind):
    chart = built(kind)
    texts = [flat(t.get_text()) for t in visible_texts(chart)]
    assert flat(chart.title) in texts
    assert flat(f"{SOURCE} {chart.note}") in texts
    title = next(t for t in visible_texts(chart) if flat(t.get_text()) == flat(chart.title))
    assert title.get_fontweight() in ("bold", 700)
    assert title.get_horizontalalignment() == "left"


@pytest.mark.parametrize("kind", KINDS)
def test_default_alt_text_states_title_and_numbers(kind):
    chart = built(kind)
    assert chart.alt.startswith(chart.title)
    assert any(ch.isdigit() for ch in chart.alt[len(chart.title) :])


def test_long_title_wraps_inside_the_figure():
    long_title = (
        "Over half of all refugees under UNHCR's mandate came from just three countries in 2016: "
        "the Syrian Arab Republic, Afghanistan and South Sudan, as in every year since 2014"
    )
    chart = build("ranking", title=long_title)
    chart.figure.draw_without_rendering()
    title = next(t for t in visible_texts(chart) if flat(t.get_text()) == flat(long_title))
    assert "\n" in title.get_text()
    box, frame = title.get_window_extent(), chart.figure.bbox
    assert frame.x0 <= box.x0 and box.x1 <= frame.x1
    assert frame.y0 <= box.y0 and box.y1 <= frame.y1
    ax_box = axes_of(chart).get_tightbbox()
    assert box.y0 >= ax_box.y1 - 1, "title does not run into the plot"


def test_a_long_note_stays_inside_the_png_as_saved():
    """A note wrapped to fit at the figure's 100 dpi ran 2% wider in the 200-dpi PNG (hinted
    text), its last word at the image's very edge (Iraq's steps, 2012 edition)."""
    note = (
        "Iraq: 262,300 in 2005, 1.5 million in 2006, 675,100 of the rise counted in the Syrian "
        "Arab Republic; 1.4 million in 2011, 746,200 in 2012, 387,000 of the fall counted in "
        "Jordan. The data do not say how much of such a change was people on the move and how "
        "much a revised count."
    )
    chart = build("ranking", note=note)
    chart.figure.set_dpi(200)  # as the PNG is saved
    chart.figure.draw_without_rendering()
    caption = next(t for t in visible_texts(chart) if "revised count." in t.get_text())
    assert caption.get_window_extent().x1 <= chart.figure.bbox.x1 * 0.99


def test_to_html_embeds_svg_with_escaped_alt_and_source_caption():
    alt = 'Bars: "Türkiye" <2.9 million> & more'
    chart = build("ranking", alt=alt)
    page = chart.to_html()
    assert page.startswith("<figure") and page.endswith("</figure>")
    assert f'alt="{html.escape(alt)}"' in page
    assert alt not in page
    assert page.count("<img ") == 1 and "figcaption" not in page
    encoded = page.split("data:image/svg+xml;base64,", 1)[1].split('"', 1)[0]
    svg = base64.b64decode(encoded)
    assert b"<svg" in svg
    assert chart._repr_html_() == page


# --- files and determinism ------------------------------------------------------------------


def test_save_writes_png_at_200_dpi_and_svg(tmp_path):
    chart = built("ranking")
    paths = chart.save(tmp_path / "charts")
    assert [p.name for p in paths] == ["top_hosts.png", "top_hosts.svg"]
    chunks = png_chunks(paths[0].read_bytes())
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    assert (width, height) == (8 * 200, round(4.5 * 200))
    ppm_x, ppm_y, unit = struct.unpack(">IIB", chunks[b"pHYs"])
    assert unit == 1 and round(ppm_x * 0.0254) == 200 and round(ppm_y * 0.0254) == 200
    assert b"tEXt" not in chunks or b"Software" not in chunks[b"tEXt"]
    svg = paths[1].read_text(encoding="utf-8")
    assert "<svg" in svg and "</svg>" in svg
    assert "<dc:date>" not in svg
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == [
        "top_hosts.png",
        "top_hosts.svg",
    ], "no temporary files left behind"


def test_two_builds_give_identical_bytes(fresh_pair):
    first, second = fresh_pair["charts"]
    files = fresh_pair["files"]
    assert files[0::2] == files[1::2]  # SVG (and PNG) of the first build, of the second
    assert fresh_pair["pages"][0] == fresh_pair["pages"][1]
    assert first.data.equals(second.data)


@pytest.mark.parametrize("kind", ["trend", "origins"])
def test_missing_preferred_fonts_fall_back_without_findfont_warnings(kind, monkeypatch, caplog):
    monkeypatch.setattr(
        charts.style,
        "FONT_FAMILIES",
        ("No Such Font Family 7f3a", "Lato", "Arial", "DejaVu Sans"),
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with caplog.at_level(logging.DEBUG, logger="matplotlib.font_manager"):
            chart = build(kind, title="A title set in a font that is not installed, 2016")
            chart.png()
            chart.svg()
    findfont = [r for r in caplog.records if "findfont" in r.getMessage().lower()]
    assert not [r for r in findfont if r.levelno >= logging.WARNING]
    with charts.house_style():
        families = list(matplotlib.rcParams["font.sans-serif"])
    assert "No Such Font Family 7f3a" not in families
    assert families[-1] == "DejaVu Sans"


def test_house_style_restores_the_findfont_logger():
    logger = logging.getLogger("matplotlib.font_manager")
    before = list(logger.filters)
    with charts.house_style():
        pass
    assert logger.filters == before


def test_close_releases_the_figure():
    chart = build("ranking")
    chart.close()
    assert chart.figure.axes == []


def test_trend_area_refuses_a_highlight_year_outside_the_data():
    with pytest.raises(ValueError, match="1999"):
        build("trend", highlight_year=1999)


def test_the_package_keeps_the_flat_interface():
    from analysis.charts import GROUP_LABELS, Chart

    assert Chart is charts.Chart and GROUP_LABELS is charts.GROUP_LABELS
    for name in charts.__all__:
        assert hasattr(charts, name), name
    assert sorted(charts.__all__) == sorted(charts._MODULES)
    with pytest.raises(AttributeError, match="no attribute 'bar_chart'"):
        charts.bar_chart  # noqa: B018


def test_loading_data_does_not_import_matplotlib():
    """The notebooks' helpers import matplotlib at their first chart, not before."""
    code = (
        "import sys; from analysis import briefing, charts, country; "
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the style file ---------------------------------------------------------------------


def test_style_file_loads_with_plain_matplotlib():
    assert charts.STYLE_FILE.name == "briefing.mplstyle" and charts.STYLE_FILE.is_file()
    with matplotlib.style.context(charts.STYLE_FILE):
        rc = matplotlib.rcParams
        assert tuple(rc["figure.figsize"]) == charts.FIGSIZE
        assert rc["savefig.dpi"] == charts.DPI and rc["savefig.bbox"] is None
        assert rc["axes.grid"] and rc["axes.grid.axis"] == "y"
        assert not rc["axes.spines.top"] and not rc["axes.spines.right"]
        assert rc["axes.prop_cycle"].by_key()["color"][0] == charts.GROUP_COLOURS["refugees_unhcr"]
        assert rc["svg.hashsalt"] == "analysis-briefing" and rc["svg.fonttype"] == "none"
        assert tuple(rc["font.sans-serif"]) == charts.FONT_FAMILIES


def test_style_file_agrees_with_the_drawing_constants():
    style = charts.HOUSE_STYLE
    assert style["text.color"] == charts.style.INK
    assert style["grid.color"] == charts.style.RULE
    assert style["axes.titlecolor"] == charts.style.MUTED
    assert style["font.size"] == charts.style.LABEL_SIZE


def test_house_style_applies_the_style_file_with_installed_fonts_only():
    with charts.house_style():
        rc = dict(matplotlib.rcParams)
    for key, value in charts.HOUSE_STYLE.items():
        if key != "font.sans-serif":
            assert str(rc[key]) == str(value), key
    assert rc["font.sans-serif"][-1] == "DejaVu Sans"


def test_style_file_ships_as_package_data():
    import tomllib

    from analysis import config

    project = tomllib.loads((config.PROJECT_ROOT / "pyproject.toml").read_text())
    patterns = project["tool"]["setuptools"]["package-data"]["analysis"]
    relative = charts.STYLE_FILE.relative_to(config.PROJECT_ROOT / "src" / "analysis")
    assert any(relative.match(p) for p in patterns)


# --- the numbers behind each chart -------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_carries_the_numbers_it_plots(kind):
    data = built(kind).data
    assert isinstance(data, pd.DataFrame) and not data.empty
    assert all(isinstance(c, str) and c[:1].isupper() for c in data.columns), list(data.columns)
    assert list(data.index) == list(range(len(data)))


def test_ranking_data_is_sorted_with_readable_columns():
    data = built("ranking").data
    assert list(data.columns) == ["Country", "Refugees"]
    assert data["Country"].iloc[0] == "Türkiye" and data["Refugees"].iloc[0] == 2_869_419
    assert data["Refugees"].is_monotonic_decreasing


def test_group_region_and_year_tables():
    groups = built("groups").data
    assert list(groups.columns) == ["Population group", "People"]
    assert groups["People"].tolist() == GROUPS_2016["value"].tolist()
    assert list(built("regions").data.columns) == ["Region", "Share"]
    trend = built("trend").data
    # the provisional year is a mid-year count, and the table says so
    years = [str(year) for year in range(2000, 2025)] + ["mid-2025"]
    assert trend.columns[0] == "Year" and trend["Year"].tolist() == years
    assert "Internally displaced people" in trend.columns
    shares = built("shares").data
    assert list(shares.columns) == ["Year", "Share of world population", "Women among migrants"]


def test_long_names_are_shortened_in_labels_only():
    from analysis.wording import LABEL_LENGTH, short_name

    # UNHCR's abbreviations spelt out and accents restored, as the text writes names
    assert short_name("Syrian Arab Rep.", "SYR") == "Syrian Arab Republic"
    assert short_name("Curacao", "CUW") == "Curaçao"
    assert short_name("Iran (Islamic Rep. of)", "IRN") == "Iran"  # in full, over 24 characters
    # in full, over 24 characters with no qualifier and no short ISO name: UNHCR's as it is
    assert short_name("Dem. Rep. of the Congo", "COD") == "Dem. Rep. of the Congo"
    assert short_name("Netherlands (Kingdom of the)", "NLD") == "Netherlands"
    long_name = "United Kingdom of Great Britain and Northern Ireland"
    assert len(long_name) > LABEL_LENGTH
    assert short_name(long_name, "GBR") == "United Kingdom"  # ISO 3166's short name
    # a map's shorter limit: ISO 3166's short name, but never UNHCR's abbreviation where the
    # name spelt out fits the usual limit ("Central African Rep.", a reviewer)
    assert short_name("United States of America", "USA", 20) == "United States"
    assert short_name("Central African Rep.", "CAF", 20) == "Central African Republic"
    assert short_name("Dem. Rep. of the Congo", "COD", 20) == "Dem. Rep. of the Congo"
    # not today's country's name for a wider place named with it (Croatia's map of 1995:
    # "Serbia 233K" where its text said "Serbia and Montenegro 232,700"; a country analyst)
    assert short_name("Serbia and Montenegro", "SRB", 20) == "Serbia and Montenegro"


@pytest.mark.parametrize(
    ("first", "last", "ticks"),
    [
        (2000, 2016, list(range(2000, 2017, 2))),
        (2000, 2024, list(range(2000, 2025, 4))),
        (2009, 2024, list(range(2010, 2025, 2))),
        (1990, 2025, list(range(1990, 2026, 5))),
        # the latest year labelled whatever the step (a designer: 2019's point had none)
        (2000, 2019, [2000, 2004, 2008, 2012, 2016, 2019]),
        (2000, 2017, [2000, 2002, 2004, 2006, 2008, 2010, 2012, 2014, 2017]),
    ],
)
def test_year_axis_is_labelled_at_round_years_and_both_ends_when_they_are(first, last, ticks):
    """Every 2nd, 4th, 5th... year, at most nine labels: 2000-2016 shows 2000 and 2016, not
    2002, 2005 ... 2014."""
    years = range(first, last + 1)
    data = pd.DataFrame({"share": [0.5] * len(years)}, index=pd.Index(years, name="year"))
    chart = charts.line_series(
        data, name="t", title="t", source=SOURCE, value_format="share", y_max=1.0
    )
    labels = [t.get_text() for t in drawn_ticklabels(axes_of(chart).xaxis)]
    assert labels == [str(y) for y in ticks]


def test_population_groups_note_rounding_only_when_the_bars_do_not_add_up():
    values = [30_958_200, 5_914_401, 8_352_712, 5_875_359, 73_573_201]  # 2024: 124.7 million
    parts = pd.DataFrame({"group": ["refugees_unhcr"] * 5, "label": list("abcde"), "value": values})
    rounded = charts.population_groups(parts, name="t", title="t", source=SOURCE, total=sum(values))
    assert rounded.note == "Figures are rounded, so the groups do not add up exactly to the total."
    exact = parts.assign(value=[31_000_000, 5_900_000, 8_400_000, 5_900_000, 73_500_000])
    adds_up = charts.population_groups(exact, name="t", title="t", source=SOURCE, total=124.7e6)
    assert adds_up.note == ""


def test_rate_labels_round_halves_up_as_the_table_reads():
    data = pd.DataFrame(
        {"iso3": ["CUW", "ARM"], "name": ["Curacao", "Armenia"], "per_1000": [62.5, 48.5]}
    )
    chart = charts.per_1000_bars(data, name="t", title="t", source=SOURCE)
    labels = [t.get_text() for t in axes_of(chart).texts]
    assert "63" in labels and "49" in labels


def test_a_map_label_away_from_its_circle_has_a_leader_line():
    """In a crowded region a label may stand off its circle, and then a line leads to it;
    a label without one sits beside its circle."""
    import numpy as np

    crowded = pd.DataFrame(
        {
            "iso3": ["DEU", "POL", "CZE", "AUT", "HUN", "SVK", "CHE", "NLD"],
            "name": [
                "Germany",
                "Poland",
                "Czechia",
                "Austria",
                "Hungary",
                "Slovakia",
                "Switzerland",
                "Netherlands",
            ],
            "value": [3.0e6, 2.9e6, 2.8e6, 2.7e6, 2.6e6, 2.5e6, 2.4e6, 2.3e6],
        }
    )
    chart = charts.hosting_map(crowded, name="t", title="t", source=SOURCE)
    ax = axes_of(chart)
    chart.figure.draw_without_rendering()
    renderer = chart.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text()]
    assert any(t.arrow_patch is not None for t in labels)
    # the line ends inside its circle: at its edge, it touched a circle beside it and read
    # as that one's (Uganda's line on Kenya's circle, 2021; a designer)
    (circles,) = [c for c in ax.collections if isinstance(c, matplotlib.collections.PathCollection)]
    radii = dict(
        zip(map(tuple, circles.get_offsets()), np.sqrt(circles.get_sizes()) / 2, strict=True)
    )
    for label in labels:
        if label.arrow_patch is not None:
            end = label.arrow_patch.get_path().vertices[-1]
            reach = np.hypot(*(end - ax.transData.transform(label.xy))) * 72 / chart.figure.dpi
            assert reach < 0.75 * radii[tuple(label.xy)], label.get_text()
    for label in labels:
        if label.arrow_patch is None:  # beside its circle: within a circle's reach
            centre = ax.transData.transform(label.xy)
            box = matplotlib.text.Text.get_window_extent(label, renderer)
            nearest = np.clip(centre, [box.x0, box.y0], [box.x1, box.y1])
            assert np.hypot(*(nearest - centre)) < 60, label.get_text()


def test_a_circle_under_a_larger_one_is_labelled_on_a_leader_line():
    """France's circle half under Germany's (Türkiye's refugees abroad, 2024): a label
    beside it read as Germany's; it goes out on a line. Germany's, on top, stays beside."""
    data = pd.DataFrame(
        {
            "iso3": ["DEU", "FRA", "CHE", "NLD", "CAN"],
            "name": ["Germany", "France", "Switzerland", "Netherlands", "Canada"],
            "value": [47_000, 24_000, 12_000, 11_000, 12_000],
        }
    )
    chart = charts.hosting_map(data, name="t", title="t", source=SOURCE)
    labels = {t.get_text().split()[0]: t for t in axes_of(chart).texts if t.get_text()}
    assert labels["France"].arrow_patch is not None
    assert labels["Germany"].arrow_patch is None and labels["Canada"].arrow_patch is None


def test_trend_alt_text_of_a_total_that_ends_where_it_began():
    """Not "went from 1,200 in 2000 to 1,200 in 2024" (Germany's people abroad)."""
    data = pd.DataFrame(
        {"refugees_unhcr": [1_200, 3_000, 1_200]}, index=pd.Index([2000, 2012, 2024], name="year")
    )
    chart = charts.trend_area(data, name="t", title="People from Germany", source="S")
    assert "The total was 1,200 in both 2000 and 2024, highest 3,000 in 2012." in chart.alt
    # of several groups, it says so: the text beside counts refugees and others in need,
    # not asylum-seekers (Iran: "lowest 798,400", "a low of 798,300")
    chart = charts.trend_area(
        data.assign(asylum_seekers=100), name="t", title="People from Germany", source="S"
    )
    assert "The total of the two groups was 1,300 in both 2000 and 2024" in chart.alt


def test_a_map_leader_line_runs_across_no_other_label():
    """Hungary's line ran down through Austria's label in a crowded Central Europe."""
    import numpy as np

    crowded = pd.DataFrame(
        {
            "iso3": ["DEU", "POL", "CZE", "AUT", "HUN", "SVK"],
            "value": [3.0e6, 2.9e6, 2.8e6, 2.7e6, 2.6e6, 2.5e6],
        }
    )
    chart = charts.hosting_map(crowded, name="t", title="t", source=SOURCE)
    ax = axes_of(chart)
    chart.figure.draw_without_rendering()
    renderer = chart.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text()]
    boxes = {t.get_text(): matplotlib.text.Text.get_window_extent(t, renderer) for t in labels}
    leaders = [t for t in labels if t.arrow_patch is not None]
    assert leaders
    for label in leaders:
        ends = label.arrow_patch.get_transform().transform(label.arrow_patch.get_path().vertices)
        line = np.vstack([np.linspace(a, b, 40) for a, b in zip(ends[:-1], ends[1:], strict=True)])
        for other, box in boxes.items():
            if other != label.get_text():
                assert not any(box.contains(x, y) for x, y in line), (label.get_text(), other)


def test_map_labels_in_a_crowded_europe_cover_no_other_label_and_their_lines_cross_not():
    """From the United States in 2024: "United Kingdom 110" was printed over "Germany 230"
    (no free place was left, so the least bad one was taken); a label with no free place
    is now left out, and leader lines do not cross."""
    people = {  # from the United States, at the end of 2024 (the project's extract)
        "CAN": 2709, "DEU": 228, "ESP": 183, "GBR": 110, "POL": 108, "NLD": 92, "PRT": 75,
        "MEX": 67, "ROU": 55, "NOR": 48, "AUT": 34, "ITA": 34, "RUS": 32, "SVK": 25, "SWE": 23,
        "IRL": 21, "CHE": 14, "HUN": 14, "SVN": 14, "CRI": 12, "FIN": 12, "FRA": 12, "LVA": 12,
        "HRV": 11, "AUS": 10, "CZE": 10, "DNK": 9, "ARG": 5, "BEL": 5, "ECU": 5, "GRC": 5,
    }  # fmt: skip
    crowded = pd.DataFrame({"iso3": list(people), "value": list(people.values())})
    chart = charts.hosting_map(  # as the brief draws it
        crowded,
        name="map_destinations",
        title="Refugees and others in need from the United States of America around the world "
        "in 2024",
        source="UNHCR Refugee Population Statistics Database, database snapshot of December "
        "2025 (data to mid-2025)",
        value_label="refugees and others in need",
    )
    ax = axes_of(chart)
    chart.figure.draw_without_rendering()
    renderer = chart.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text()]
    assert "Germany 230" in [t.get_text() for t in labels]  # the larger ones keep theirs
    boxes = [matplotlib.text.Text.get_window_extent(t, renderer) for t in labels]
    for i, one in enumerate(boxes):
        assert not any(one.overlaps(other) for other in boxes[i + 1 :]), labels[i].get_text()
    ends = [
        t.arrow_patch.get_transform().transform(t.arrow_patch.get_path().vertices)[[0, -1]]
        for t in labels
        if t.arrow_patch is not None
    ]

    def crosses(a, b) -> bool:
        def turn(p, q, r):
            return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

        return turn(*a, b[0]) * turn(*a, b[1]) < 0 and turn(*b, a[0]) * turn(*b, a[1]) < 0

    for i, one in enumerate(ends):
        assert not any(crosses(one, other) for other in ends[i + 1 :])


def test_a_leader_line_runs_through_no_other_circle_before_its_own(project_tables):
    """Ukraine's refugees in 2024: "Czechia 388K" was led through Spain's circle, and
    "United Kingdom 255K" across the whole of Europe's circles, each reading as another's."""
    import numpy as np

    from analysis import country
    from analysis.country import Brief

    brief = Brief("UKR", "Ukraine", 2024, project_tables)
    rows = country.partners(project_tables, "UKR", 2024, "destinations")
    chart = country.map_chart(brief, rows, "destinations")
    ax = axes_of(chart)
    chart.figure.draw_without_rendering()
    dots = max(ax.collections, key=lambda c: len(c.get_offsets()))  # the circles, not the key
    centres = ax.transData.transform(dots.get_offsets())
    radii = np.sqrt(dots.get_sizes()) / 2 * chart.figure.dpi / 72
    leaders = [t for t in ax.texts if t.get_text() and t.arrow_patch is not None]
    assert leaders
    for label in leaders:
        ends = label.arrow_patch.get_transform().transform(label.arrow_patch.get_path().vertices)
        line = np.vstack([np.linspace(a, b, 60) for a, b in zip(ends[:-1], ends[1:], strict=True)])
        own = np.argmin(np.hypot(*(centres - ax.transData.transform(label.xy)).T))
        outside = line[np.hypot(*(line - centres[own]).T) > radii[own]]
        for k, (centre, radius) in enumerate(zip(centres, radii, strict=True)):
            if k != own and 2 * radius >= 6:  # a circle of readable size
                gaps = np.hypot(*(outside - centre).T)
                assert (gaps >= radius - 1).all(), (label.get_text(), k)


def _world_map(tables, year: int, title: str, source: str = SOURCE) -> tuple:
    """The world map of the hosts of ``year`` on Global Trends' basis, as an edition draws
    it, and its data (``iso3``, ``name``, ``value``)."""
    hosts = tables.by_asylum.query("year == @year and is_country")
    data = hosts.assign(value=hosts["refugees"].fillna(0) + hosts["oip"].fillna(0))
    data = data[["iso3", "name", "value"]]
    chart = charts.hosting_map(
        data, name="m", title=title, source=source, value_label="refugees and others in need"
    )
    return chart, data


def _destinations_map(iso3: str, year: int = 2024) -> charts.Chart:
    """A country brief's map of where its refugees and others in need lived."""
    from analysis import country

    brief = country.load_brief("", year, iso3, 0)
    rows = country.partners(brief.tables, iso3, year, "destinations")
    return country.map_chart(brief, rows, "destinations")


def _drawn_circles(chart: charts.Chart) -> tuple:
    """A drawn map's axes, renderer, and its circles' centres and radii (display pixels)."""
    import numpy as np

    ax = axes_of(chart)
    chart.figure.draw_without_rendering()
    dots = max(ax.collections, key=lambda c: len(c.get_offsets()))  # the circles, not the key
    radii = np.sqrt(dots.get_sizes()) / 2 * chart.figure.dpi / 72
    return ax, chart.figure.canvas.get_renderer(), ax.transData.transform(dots.get_offsets()), radii


def _gaps(box, centres, radii):
    """How far a label's box lies from the edge of each circle (0 where it touches)."""
    import numpy as np

    dx = np.maximum.reduce([box.x0 - centres[:, 0], 0 * radii, centres[:, 0] - box.x1])
    dy = np.maximum.reduce([box.y0 - centres[:, 1], 0 * radii, centres[:, 1] - box.y1])
    return np.clip(np.hypot(dx, dy) - radii, 0, None)


def test_a_label_beside_a_circle_nearer_another_goes_out_on_a_leader_line(project_tables):
    """At mid-2025, "Türkiye 2.4M" sat above Iran's circle and "Iran 1.7M" above
    Pakistan's, with no line to say whose they were."""
    year = max(project_tables.provisional_years)
    chart, _ = _world_map(project_tables, year, f"Where refugees lived at mid-{year}")
    labels = {t.get_text().rsplit(" ", 1)[0]: t for t in axes_of(chart).texts if t.get_text()}
    assert labels["Türkiye"].arrow_patch is not None and labels["Iran"].arrow_patch is not None


@pytest.mark.parametrize("year", [2019, 2020, 2021, "ETH"])
def test_a_label_beside_its_circle_is_clearly_nearer_it_than_any_other(project_tables, year):
    """2019 to 2021: "Colombia 1.8M", "Uganda 1.4M" and "Germany 1.2M" sat beside their
    circles and as near another's, which they could be read to name; a label as near another
    circle goes out on a leader line where one finds a place (Germany's in 2022 to 2025
    finds none). Ethiopia's refugees, 2024: "Sudan 50K" sat level with Egypt's circle, 11
    pixels from it and 2.5 from Sudan's edge, and read as Egypt's."""
    import numpy as np

    from analysis.charts.maps import CLEARLY_NEARER

    if year == "ETH":
        chart = _destinations_map("ETH")
    else:
        chart, _ = _world_map(project_tables, year, f"Where refugees lived in {year}")
    ax, renderer, centres, radii = _drawn_circles(chart)
    beside = [t for t in ax.texts if t.get_text() and t.arrow_patch is None]
    assert beside or year == 2020  # Türkiye's, beside its large circle (2020: all on lines)
    for label in beside:
        gaps = _gaps(label.get_window_extent(renderer), centres, radii)
        own = np.argmin(np.hypot(*(centres - ax.transData.transform(label.xy)).T))
        readable = (2 * radii >= 6) & (np.arange(len(radii)) != own)
        assert gaps[readable].min() >= gaps[own] + CLEARLY_NEARER, (label.get_text(), gaps[own])


def test_a_label_out_on_a_leader_line_stands_clear_of_other_circles(project_tables):
    """Peru's refugees abroad, 2024: "Spain 910" went out on a line across the Atlantic to
    sit beside the United States' circle, which it read as naming, and "United States of
    America 1.4K" ran across North Africa (a designer)."""
    import numpy as np
    from matplotlib.text import Text

    from analysis.charts.maps import AMBIGUOUS_FROM, LABELS_APART, MAP_LABEL_LENGTH

    ax, renderer, centres, radii = _drawn_circles(_destinations_map("PER"))
    labels = [t for t in ax.texts if t.get_text()]
    assert "United States 1.4K" in [t.get_text() for t in labels]
    assert all(len(t.get_text().rsplit(" ", 1)[0]) <= MAP_LABEL_LENGTH for t in labels)
    for label in (t for t in labels if t.arrow_patch is not None):
        gaps = _gaps(Text.get_window_extent(label, renderer), centres, radii)
        own = np.argmin(np.hypot(*(centres - ax.transData.transform(label.xy)).T))
        # none beside a circle it could be read to name (one as large as its own; a dot
        # nearby may stay, when no place keeps clear of all)
        rival = (radii >= radii[own]) & (2 * radii >= AMBIGUOUS_FROM)
        rival &= np.arange(len(radii)) != own
        assert not rival.any() or gaps[rival].min() >= LABELS_APART, label.get_text()


def test_labels_keep_apart_and_near_their_circles(project_tables):
    """2023: "Türkiye 3.3M" went out 5.2 radii on a line across North Africa, just under
    "Colombia 2.9M", which it read as part of."""
    from analysis.charts.maps import LABELS_APART, LEADER_AT_MOST

    title = "Where refugees and others in need lived in 2023"
    chart, _ = _world_map(project_tables, 2023, title, EDITION_SOURCE)
    ax = axes_of(chart)
    chart.figure.draw_without_rendering()
    renderer = chart.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text()]
    from matplotlib.text import Text

    boxes = {t.get_text(): Text.get_window_extent(t, renderer) for t in labels}  # no line
    assert "Türkiye 3.3M" in boxes
    for one, box in boxes.items():
        for other, near in boxes.items():
            apart = max(near.x0 - box.x1, box.x0 - near.x1, near.y0 - box.y1, box.y0 - near.y1)
            assert one == other or apart >= LABELS_APART, (one, other, apart)
    pixels = chart.figure.dpi / 72
    for label in labels:  # LEADER_AT_MOST points out, and the 12 points every line adds
        x, y = ax.transData.transform(label.xy)
        box = boxes[label.get_text()]
        nearest = (min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1))
        assert ((nearest[0] - x) ** 2 + (nearest[1] - y) ** 2) ** 0.5 <= (
            LEADER_AT_MOST + 14
        ) * pixels, label.get_text()


def test_a_circle_too_small_to_see_gets_no_label():
    """Chile's refugees by origin, 2021: "Türkiye 27" and "Syrian Arab Republic 110" stood
    by no circle a reader could see, beside Venezuela's 1.2 million."""
    data = pd.DataFrame(
        {
            "iso3": ["VEN", "COL", "HTI", "SYR", "TUR"],
            "name": ["Venezuela", "Colombia", "Haiti", "Syrian Arab Republic", "Türkiye"],
            "value": [1_200_000, 300_000, 20_000, 110, 27],
        }
    )
    chart = charts.hosting_map(data, name="m", title="Where they came from", source=SOURCE)
    labelled = {t.get_text().rsplit(" ", 1)[0] for t in axes_of(chart).texts if t.get_text()}
    assert {"Venezuela", "Colombia", "Haiti"} <= labelled
    assert not labelled & {"Syrian Arab Republic", "Türkiye"}


def test_a_circle_under_a_larger_one_gets_a_line_out_across_it(project_tables):
    """Syrians abroad, 2024: Lebanon, the second host (755,400), had no label: its circle
    lies in Türkiye's, and every line out of it crossed that one. Such a line may now; a
    line across a larger circle is still the last choice."""
    from analysis import country
    from analysis.country import Brief

    brief = Brief("SYR", "Syrian Arab Republic", 2024, project_tables)
    rows = country.partners(project_tables, "SYR", 2024, "destinations")
    chart = country.map_chart(brief, rows, "destinations")
    labels = {t.get_text().rsplit(" ", 1)[0]: t for t in axes_of(chart).texts if t.get_text()}
    largest = [short_name(n, c) for n, c in zip(rows["name"][:5], rows["iso3"][:5], strict=True)]
    assert set(largest) <= set(labels), labels.keys()
    assert labels["Lebanon"].arrow_patch is not None


EDITION_SOURCE = (
    "Source: UNHCR Refugee Population Statistics Database, database snapshot of December 2025 "
    "(data to mid-2025)"
)


@pytest.mark.parametrize(
    ("year", "basis"),
    [
        (2016, "refugees"),
        (2022, "refugees and others in need"),
        (2024, "refugees and others in need"),
    ],
)
def test_the_three_largest_hosts_are_labelled_on_the_map(project_tables, year, basis):
    """Türkiye, the largest host in 2022, the second in 2023 and 2024 and the third at
    mid-2025, and Lebanon, the third in 2016, were left unlabelled: every place around the
    crowded Middle East was too far out, off the map or on a line through another circle."""
    title = f"Where {basis} lived in {year}"  # as the edition's title
    chart, data = _world_map(project_tables, year, title, EDITION_SOURCE)
    labelled = {t.get_text().rsplit(" ", 1)[0] for t in axes_of(chart).texts if t.get_text()}
    largest = data.nlargest(3, "value")
    names = {short_name(n, c) for n, c in zip(largest["name"], largest["iso3"], strict=True)}
    assert names <= labelled, (year, labelled)


def test_bar_labels_shorten_long_names_and_the_alt_text_keeps_them():
    """ "United Kingdom of Great Britain and Northern Ireland" squeezed a brief's bars to
    half the chart: the axis says "United Kingdom", the alt text and table the full name."""
    long_name = "United Kingdom of Great Britain and Northern Ireland"
    data = pd.DataFrame(
        {
            "iso3": ["DEU", "GBR", "NLD"],
            "name": ["Germany", long_name, "Netherlands (Kingdom of the)"],
            "value": [47_000, 500, 11_000],
        }
    )
    chart = charts.ranking_bars(data, name="x", title="Where they lived", source=SOURCE)
    labels = [t.get_text() for t in axes_of(chart).get_yticklabels()]
    assert labels == ["Germany", "Netherlands", "United Kingdom"]
    assert long_name in chart.alt and long_name in chart.data.to_string()


def test_a_chart_s_text_form_is_one_line():
    """A plain-text viewer of the notebook showed the dataclass's repr: the figure and the
    whole data table."""
    chart = build("ranking")
    text = repr(chart)
    assert "\n" not in text and chart.title in text and len(text) < 200
    assert "Figure" not in text and str(chart.data.iloc[-1, 0]) not in text  # the table


def test_a_note_under_the_panels_is_in_their_alt_text_too():
    """The note on a step one host made was drawn in the image only: a screen reader missed
    it."""
    note = "Afghanistan: 2.7 million in 2021, 5.7 million in 2022."
    chart = build("origins", note=note)
    assert chart.alt.endswith(f". {note}")
    assert note in "\n".join(t.get_text() for t in chart.figure.texts).replace("\n", " ")


def test_the_trend_chart_says_where_its_series_change_what_they_count():
    """The 2002 edition's chart "grew 3.0-fold to 2024" across IDMC's change from a world
    total to a sum of countries (2009) and the first count of other people in need (2018),
    with no word of either under it."""
    from analysis import briefing

    edition = briefing.load_edition("", 2002, 10, 0)
    chart = briefing.trend_chart(edition, briefing.trend_table(edition))
    said = (
        "IDMC's figure is its world total until 2008, the sum of its country estimates from "
        "2009; other people in need of international protection are counted from 2018."
    )
    assert said in chart.alt
    texts = " ".join(t.get_text().replace("\n", " ") for t in chart.figure.texts)
    assert said in texts


def test_years_the_data_do_not_hold_are_said_under_the_charts_that_join_across_them(tmp_path):
    """A download without 2010-2014: the trend and the developing regions' line ran straight
    from 2009 to 2015 (Syrians abroad from 17,900 to 4.9 million) with no word of it."""
    import shutil

    from analysis import briefing, config, wording

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    path = raw / "unhcr" / "population.csv.gz"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table[~table["year"].astype(int).between(2010, 2014)].to_csv(path, index=False)
    edition = briefing.load_edition(raw, 2015, 10, 0)
    said = "The data in use hold no figures for 2010–2014; the chart joins the years either side."
    trend = briefing.trend_chart(edition, briefing.trend_table(edition))
    shares = pd.Series(0.8, index=[2008, 2009, 2015], name="share")
    for chart in (trend, briefing.developing_chart(edition, shares)):
        assert said in chart.alt
        assert said in " ".join(t.get_text().replace("\n", " ") for t in chart.figure.texts)
    assert wording.gap_note(range(2000, 2016)) == ""


def test_a_ranking_s_alt_text_tells_apart_counts_that_would_read_alike():
    data = pd.DataFrame(
        {
            "iso3": ["UKR", "AFG"],
            "name": ["Ukraine", "Afghanistan"],
            "value": [5_684_177, 5_661_717],
        }
    )
    chart = charts.ranking_bars(data, name="t", title="T", source=SOURCE)
    assert "Ukraine 5.68 million, Afghanistan 5.66 million" in chart.alt


def test_end_labels_of_a_panel_keep_apart_and_off_the_zero_line():
    """Afghanistan at mid-2025: "2.7M" over "1.0M", touching; Venezuela's "417K" on the zero
    line."""
    table = origins_table()
    syria = table["name"].str.startswith("Syrian")
    table.loc[syria & (table["year"] == 2024), "other_in_need"] = 5.8e6  # beside 6.0M
    chart = charts.origin_small_multiples(table, source=SOURCE, **CHARTS["origins"][2])
    chart.svg()  # drawn
    for ax in panels_of(chart):
        points = ax.figure.dpi / 72
        boxes = [t.get_window_extent() for t in ax.texts]
        ys = sorted((box.y0 + box.height / 2) / points for box in boxes)
        zero = ax.transData.transform((0, 0))[1] / points
        assert all(
            b - a >= charts.panels.LABELS_APART - 0.01 for a, b in zip(ys, ys[1:], strict=False)
        )
        assert ys[0] - zero >= charts.panels.LABELS_APART / 2 - 0.01


def test_a_mid_year_count_of_the_internally_displaced_is_credited_as_unhcr_s_estimate(
    project_tables,
):
    """At mid-2025 the glance and trend charts credited "IDMC" alone for 68.7 million, an
    estimate UNHCR makes on IDMC's end-2024 figures (IDMC estimates at year end only)."""
    from analysis import briefing

    year = max(project_tables.provisional_years)
    mid_year = briefing.load_edition("", year, 10, 0)
    assert mid_year.provisional
    said = f"; IDMC; internally displaced at mid-{year}: UNHCR's mid-year estimate, based on "
    said += f"IDMC's end-{year - 1} figures; UNRWA"
    trend = briefing.trend_chart(mid_year, briefing.trend_table(mid_year))
    for chart in (briefing.glance_chart(mid_year), trend):
        assert chart.source.endswith(said), chart.source
    year_end = briefing.load_edition("", 2016, 10, 0)
    assert briefing.glance_chart(year_end).source.endswith("; IDMC; UNRWA")


def test_a_chart_whose_title_and_notes_crowd_its_plot_grows_taller(project_tables):
    """The trend of mid-2025: a title of three lines over notes of six left the plot a third
    of the figure's 4.5 inches. The figure grows so the plot keeps half the house height;
    its width, and so its text's wrapping, stays."""
    from analysis import briefing
    from analysis.charts.base import PLOT_AT_LEAST
    from analysis.charts.style import FIGSIZE

    mid_year = briefing.load_edition("", max(project_tables.provisional_years), 10, 0)
    chart = briefing.trend_chart(mid_year, briefing.trend_table(mid_year))
    width, height = chart.figure.get_size_inches()
    assert width == FIGSIZE[0] and height > FIGSIZE[1]
    plot = chart.figure.axes[0].get_position().height * height
    assert plot >= PLOT_AT_LEAST * FIGSIZE[1] - 0.1


def test_small_multiples_under_a_long_note_grow_taller():
    """2010 and 2019: two rows of panels under a two-line title, the legend and a note of
    five lines had 0.3 inch of plot each, their tick labels almost touching (a designer):
    the figure grows until its panels, top to foot, keep half the house height."""
    from analysis.charts.base import PLOT_AT_LEAST
    from analysis.charts.style import FIGSIZE

    note = " ".join(["Iraq: 262,300 in 2005, 1.5 million in 2006, 675,100 of the rise."] * 7)
    chart = build("origins", note=note)
    width, height = chart.figure.get_size_inches()
    assert width == FIGSIZE[0] and height > FIGSIZE[1]
    boxes = [ax.get_window_extent() for ax in chart.figure.axes]
    span = (max(b.y1 for b in boxes) - min(b.y0 for b in boxes)) / chart.figure.dpi
    assert span >= PLOT_AT_LEAST * FIGSIZE[1] - 0.1
    assert tuple(build("origins").figure.get_size_inches()) == FIGSIZE  # no note: as it was


@pytest.mark.parametrize("given", ["as empty cells", "as no rows"])
def test_an_origin_s_years_of_no_figure_are_gaps_and_a_lone_figure_a_point(given):
    """1975: Guinea's line ran from 300 in 1971 straight to 300,000 in 1975 over three years
    of no figure, which the data give as no rows; as a gap, its lone 1975 figure drew
    nothing (a reader, a reviewer)."""
    data = pd.DataFrame(
        {
            "year": list(range(1970, 1977)),
            "name": ["Guinea"] * 7,
            "refugees": [300.0, 310.0, None, None, None, 300_000.0, None],
            "other_in_need": [None] * 7,
        }
    )
    if given == "as no rows":
        data = data.dropna(subset=["refugees"])
    chart = charts.origin_small_multiples(data, name="t", title="t", source=SOURCE)
    lines = [line for a in chart.figure.axes for line in a.get_lines()]
    drawn = next(line for line in lines if len(line.get_xdata()) > 1)
    assert np.isnan(np.asarray(drawn.get_ydata(), dtype=float)).sum() == 3  # the gap kept
    points = [line for line in lines if line.get_marker() == "o" and len(line.get_xdata()) == 1]
    assert [float(p.get_ydata()[0]) for p in points] == [300_000.0]


def test_a_line_s_label_goes_under_a_point_that_dips_when_off_the_axis():
    """2022's 73%, after 86% in 2021, was labelled over the fall it ends (a designer); a
    point near the axis keeps its label above, off the years (a reviewer)."""
    from analysis.charts.lines import _in_a_dip

    shares = np.array([0.80, 0.86, 0.73])
    assert _in_a_dip(shares, 2, 1.0) and not _in_a_dip(shares, 1, 1.0)
    assert not _in_a_dip(np.array([0.2, 0.05]), 1, 1.0)  # 5% on a 0-100% axis: above
    assert not _in_a_dip(np.array([32e6, 0.5e6]), 1, 32e6 * 1.18)
    assert _in_a_dip(np.array([3.0, 1.0, 2.0]), 1, 3.5)  # a middle point below both sides
    assert not _in_a_dip(np.array([3.0, 2.0, 1.0]), 1, 3.5)  # on the way down: not a dip


def test_a_map_label_with_no_place_under_its_name_takes_the_map_s_shorter_one(reference_dir):
    """Czechia's refugees of 2012 by origin: the largest circle, the Russian Federation's,
    had no label, each place beside it running a few points past the map's right edge (into
    the figure's margin, it had covered other maps' own countries: a designer); and
    Croatia's of 1995 were "Serbia 233K" where the text said "Serbia and Montenegro" (a
    country analyst)."""
    from analysis import country

    brief = country.load_brief(reference_dir, 2012, "CZE")
    origins = country.partners(brief.tables, "CZE", 2012, "origins")
    chart = country.map_chart(brief, origins, "origins")
    ax = chart.figure.axes[0]
    labels = [flat(t.get_text()) for t in ax.texts]
    assert origins.at[0, "name"] == "Russian Federation"
    assert any(label.startswith("Russia ") for label in labels)
    assert not any(label.startswith("Russian Federation") for label in labels)
    renderer = chart.figure.canvas.get_renderer()
    for text in ax.texts:  # inside the map
        box = text.get_window_extent(renderer)
        assert ax.bbox.x0 <= box.x0 and box.x1 <= ax.bbox.x1
        assert ax.bbox.y0 <= box.y0 and box.y1 <= ax.bbox.y1
    brief = country.load_brief(reference_dir, 1995, "HRV")
    abroad = country.partners(brief.tables, "HRV", 1995, "destinations")
    chart = country.map_chart(brief, abroad, "destinations")
    labels = [flat(t.get_text()) for t in chart.figure.axes[0].texts]
    assert any(label.startswith("Serbia and Montenegro ") for label in labels)
