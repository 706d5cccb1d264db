"""A world map of where people are hosted: circles sized by count over grey countries."""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
from matplotlib.collections import PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from analysis import numbers
from analysis.charts import world
from analysis.charts.base import (
    Chart,
    finish,
    new_figure,
    readable,
    require,
)
from analysis.charts.style import (
    GROUP_COLOURS,
    INK,
    LABEL_SIZE,
    LAND,
    MUTED,
    OWN_LAND,
    house_style,
)
from analysis.wording import capitalized, in_full, number_word, short_name, the

#: The United Nations' standard disclaimer, printed under the source line of every map.
UN_MAP_DISCLAIMER = (
    "The boundaries and names shown and the designations used on this map do not imply "
    "official endorsement or acceptance by the United Nations."
)

LARGEST_SYMBOL = 32.0  # points: the diameter of the largest circle
SOUTH, NORTH = -57.0, 84.0  # latitudes shown: Cape Horn to northern Greenland
_NICE = (1, 2, 3, 5)


def _nice_below(value: float) -> float:
    """The largest 1, 2, 3 or 5 times a power of ten not above ``value``."""
    power = 10 ** math.floor(math.log10(value))
    return max(step * power for step in _NICE if step * power <= value)


def legend_values(largest: float) -> list[float]:
    """Two or three round reference values for the size legend, largest first."""
    top = _nice_below(largest)
    values = [top, _nice_below(top / 3), _nice_below(top / 12)]
    return sorted({v for v in values if v >= 1}, reverse=True)  # no fractions of people


#: The shapes of a code besides its own: UNHCR's SRB is "Serbia and Kosovo".
SHAPES_OF = {"SRB": ("SRB", "XKX")}


def _draw_land(ax, own: str | None = None) -> bool:
    """Draw the countries, ``own`` (an ISO3 code) darker and outlined above the circles;
    whether it has a shape on the map."""
    shapes, codes = world.countries(), SHAPES_OF.get(own or "", (own,))
    ax.add_collection(
        PatchCollection(
            [PathPatch(country.path()) for country in shapes],
            facecolor=[OWN_LAND if own and c.iso3 in codes else LAND for c in shapes],
            edgecolor="white",
            linewidth=0.5,
            zorder=1,
        )
    )
    if own:  # its outline over the circles, which may cover it (Afghanistan under Iran's)
        ax.add_collection(
            PatchCollection(
                [PathPatch(c.path()) for c in shapes if c.iso3 in codes],
                facecolor="none",
                edgecolor=INK,
                linewidth=1.0,
                zorder=4,
            )
        )
    left, _ = world.equal_earth(-180.0, 0.0)
    right, _ = world.equal_earth(180.0, 0.0)
    _, bottom = world.equal_earth(0.0, SOUTH)
    _, top = world.equal_earth(0.0, NORTH)
    ax.set_xlim(float(left), float(right))
    ax.set_ylim(float(bottom), float(top))
    ax.set_aspect("equal")
    ax.set_axis_off()
    return own is not None and any(c.iso3 == own for c in shapes)


def _size_legend(ax, largest: float, colour: str, title: str, own: str | None) -> None:
    """The circles' reference sizes; below them, ``own`` (a country's name) beside its grey."""
    handles = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=LARGEST_SYMBOL * math.sqrt(v / largest),
            markerfacecolor=colour,
            markeredgecolor="white",
            alpha=0.85,
        )
        for v in legend_values(largest)
    ]
    labels = [numbers.axis(v) for v in legend_values(largest)]
    if own:
        handles.append(Patch(facecolor=OWN_LAND, edgecolor=INK, linewidth=1.0))
        labels.append(textwrap.fill(own, width=16))
    ax.legend(
        handles,
        labels,
        title=textwrap.fill(title, width=18),
        title_fontsize=LABEL_SIZE - 1,
        loc="lower left",  # in the South Pacific, clear of the land
        bbox_to_anchor=(0.0, 0.0),
        borderaxespad=0,
        labelspacing=1.1,
        handletextpad=1.0,
        borderpad=0.2,
        alignment="left",
    )


def _circle_boxes(ax, placed: pd.DataFrame) -> np.ndarray:
    """Each circle's square box in display pixels: rows of (x0, y0, x1, y1)."""
    centres = ax.transData.transform(placed[["x", "y"]].to_numpy(dtype=float))
    radii = placed["diameter"].to_numpy(dtype=float)[:, None] / 2 * ax.figure.dpi / 72
    return np.hstack([centres - radii, centres + radii])


def _covered(box: Bbox, others: np.ndarray) -> float:
    """How many square pixels of the ``others`` boxes the box covers."""
    width = np.minimum(others[:, 2], box.x1) - np.maximum(others[:, 0], box.x0)
    height = np.minimum(others[:, 3], box.y1) - np.maximum(others[:, 1], box.y0)
    return float((np.clip(width, 0, None) * np.clip(height, 0, None)).sum())


def _leader(box: Bbox, centre: np.ndarray) -> np.ndarray:
    """Points along a leader line from the label's box to its circle's
    ``centre`` (display pixels), about a pixel apart, outside the box."""
    start = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
    steps = max(50, int(np.hypot(*(centre - start))))
    points = start + np.linspace(0.0, 1.0, steps)[:, None] * (centre - start)
    return points[~_within(points, box)]


def _within(points: np.ndarray, box: Bbox) -> np.ndarray:
    """Which of the points (rows of x, y) lie in the box, its edges included."""
    x, y = points[:, 0], points[:, 1]
    return (box.xmin <= x) & (x <= box.xmax) & (box.ymin <= y) & (y <= box.ymax)


def _crosses(points: np.ndarray, box: Bbox) -> bool:
    """Whether a line (its points) runs across the box."""
    return bool(_within(points, box).any())


def _gaps(box: Bbox, circles: np.ndarray) -> np.ndarray:
    """How far the box lies from the edge of each circle (rows of its square box, display
    pixels): 0 where it touches or covers it."""
    centres = (circles[:, :2] + circles[:, 2:]) / 2
    radii = (circles[:, 2] - circles[:, 0]) / 2
    dx = np.maximum.reduce([box.x0 - centres[:, 0], np.zeros(len(circles)), centres[:, 0] - box.x1])
    dy = np.maximum.reduce([box.y0 - centres[:, 1], np.zeros(len(circles)), centres[:, 1] - box.y1])
    return np.clip(np.hypot(dx, dy) - radii, 0, None)


#: Circles smaller than this (display pixels across) do not make a label beside another
#: circle ambiguous: a dot reads as no one's label.
AMBIGUOUS_FROM = 6


def _nearer_another(box: Bbox, own: np.ndarray, others: np.ndarray) -> bool:
    """Whether a label beside its circle (no leader line) lies nearer another circle than
    its own, so that it reads as that circle's ("Türkiye 2.4M" above Iran's circle)."""
    others = others[(others[:, 2] - others[:, 0]) >= AMBIGUOUS_FROM]
    if not len(others):
        return False
    return bool(_gaps(box, others).min() + 2 < _gaps(box, own[None, :])[0])


#: Pixels by which another circle must lie farther from a label beside its circle than its
#: own, for the label to read as its own: nearer, a place on a leader line is preferred
#: ("Uganda 1.8M" beside Uganda's circle and as near a small neighbour's, 2024; "Sudan 50K"
#: level with Egypt's circle, 11 pixels from it and 2.5 from Sudan's edge, on the map of
#: Ethiopia's refugees, 2024).
CLEARLY_NEARER = 12


def _ambiguous(box: Bbox, own: np.ndarray, others: np.ndarray) -> bool:
    """Whether a label beside its circle lies about as near another circle of readable size
    as its own (within :data:`CLEARLY_NEARER` pixels), so that a reader may take it for that
    one's: a place farther out, on a leader line, reads better."""
    others = others[(others[:, 2] - others[:, 0]) >= AMBIGUOUS_FROM]
    if not len(others):
        return False
    return bool(_gaps(box, others).min() < _gaps(box, own[None, :])[0] + CLEARLY_NEARER)


def _through_circles(
    line: np.ndarray, own: np.ndarray, others: np.ndarray, around: bool = True
) -> bool:
    """Whether a leader line (its points) runs through another circle of readable size
    before it reaches its ``own`` (Czechia's line through Spain's circle), so that it could
    point at that one; where its own circle lies under others, the line may end there, and
    it may cross a larger circle that holds its centre (unless not ``around``)."""
    centre, radius = (own[:2] + own[2:]) / 2, (own[2] - own[0]) / 2
    line = line[np.hypot(*(line - centre).T) > radius]
    others = others[(others[:, 2] - others[:, 0]) >= AMBIGUOUS_FROM]
    # a circle whose centre lies in a larger one (Lebanon's in Türkiye's, for Syrians
    # abroad) is drawn over it: its line must cross that one to get out, and may
    if around:
        apart = np.hypot(*(((others[:, :2] + others[:, 2:]) / 2) - centre).T)
        others = others[apart >= (others[:, 2] - others[:, 0]) / 2]
    if not len(line) or not len(others):
        return False
    centres = (others[:, :2] + others[:, 2:]) / 2
    radii = (others[:, 2] - others[:, 0]) / 2
    distances = np.hypot(*(line[:, None, :] - centres[None, :, :]).transpose(2, 0, 1))
    # within half a pixel of the edge: the line drawn from the label's anchor may run a
    # hair nearer than this one from its box's centre (Poland's, on a map with a longer note)
    return bool((distances < radii[None, :] - 0.5).any())


def _segments_cross(one: np.ndarray, other: np.ndarray) -> bool:
    """Whether two leader lines (their points, as :func:`_leader` gives them) cross."""
    if len(one) < 2 or len(other) < 2:
        return False
    (a, b), (c, d) = one[[0, -1]], other[[0, -1]]

    def turn(p, q, r) -> float:
        return float((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]))

    return turn(a, b, c) * turn(a, b, d) < 0 and turn(c, d, a) * turn(c, d, b) < 0


def _sides(gap: float) -> list[tuple[tuple[float, float], str, str]]:
    """Where a label may go, in order of preference: its offset in points from the
    circle's centre and its alignment (right, left, above, below, then the diagonals)."""
    slant = gap * 0.7
    return [
        ((gap, 0), "left", "center"),
        ((-gap, 0), "right", "center"),
        ((0, gap), "center", "bottom"),
        ((0, -gap), "center", "top"),
        ((slant, slant), "left", "bottom"),
        ((slant, -slant), "left", "top"),
        ((-slant, slant), "right", "bottom"),
        ((-slant, -slant), "right", "top"),
    ]


def _leader_sides(gap: float) -> list[tuple[tuple[float, float], str, str]]:
    """:func:`_sides`, then eight directions between them (a leader line finds a way out
    between the circles around its own)."""
    between = []
    for degrees in (22.5, 67.5, 112.5, 157.5, 202.5, 247.5, 292.5, 337.5):
        dx, dy = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
        ha = "left" if dx > 0.3 else "right" if dx < -0.3 else "center"
        va = "bottom" if dy > 0.3 else "top" if dy < -0.3 else "center"
        between.append(((gap * dx, gap * dy), ha, va))
    return _sides(gap) + between


def _inside(box: Bbox, frame: Bbox) -> bool:
    return frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 <= box.y1 <= frame.y1


def _score(box: Bbox, frame: Bbox, obstacles: list[Bbox], others: np.ndarray):
    """Lower is better: first the rules broken (outside the map, on an obstacle), then
    how much of the other circles the label hides."""
    broken = int(not _inside(box, frame)) + sum(box.overlaps(b) for b in obstacles)
    return broken, _covered(box, others)


#: How far from its circle a label may go: beside it, then out on a leader line, when beside
#: it the label would hide other circles (a crowded region); the leader's label goes where it
#: hides least, the nearer of two that hide nothing.
LABEL_DISTANCES = (1.0, 1.8, 2.6, 3.8, 5.2)
#: Points from its circle's centre a label on a leader line may go at most: a large circle's
#: label 5.2 radii out landed across the map (Türkiye's, 2023, beside Colombia's circle).
LEADER_AT_MOST = 32
#: Square pixels of other circles a label may hide before a farther place is preferred.
HIDDEN_ALLOWED = 150
#: Circles smaller than this (points across) get no label: the reader would see a label
#: by no circle ("Türkiye 27" on the map of Chile's refugees, whose largest is 1.2 million).
LABELLED_FROM = 2.5
#: Pixels kept between two labels: nearer, two labels read as one line, or one label as
#: the other's (Türkiye's, 2023, just under Colombia's).
LABELS_APART = 12
#: The share of a circle's box other circles may cover before its label goes out on a
#: leader line.
CROWDED = 0.3


#: Characters of a name on a map's label: "United States", not "United States of
#: America", whose label ran from its circle across the Atlantic (Peru's refugees abroad).
MAP_LABEL_LENGTH = 20


def _beside_another(box: Bbox, others: np.ndarray, than: float = 0) -> bool:
    """Whether a label out on a leader line lies within :data:`LABELS_APART` pixels of a
    circle of readable size not its own (and ``than`` pixels across or more), so that it
    reads as that one's ("Spain 910" on its line across the Atlantic, beside the United
    States' circle)."""
    across = others[:, 2] - others[:, 0]
    others = others[(across >= AMBIGUOUS_FROM) & (across >= than)]
    return bool(len(others)) and bool(_gaps(box, others).min() < LABELS_APART)


def _label_largest(ax, placed: pd.DataFrame, count: int) -> None:
    """Label the ``count`` largest circles, each on the side that keeps inside the map and
    off the legend, the other labels and the labelled circles, and hides the least of the
    other circles: beside its circle, or farther out on a thin leader line when beside it
    would hide other circles. A circle with no such place (none inside the map, off the
    legend, the labels and labelled circles placed before, and crossing no leader line) is
    left without a label, and the next one is tried: in a crowded Europe the fourth may go
    unlabelled where the fifth finds a place."""
    ax.figure.draw_without_rendering()
    renderer = ax.figure.canvas.get_renderer()
    circles = _circle_boxes(ax, placed)
    frame = ax.bbox.padded(-2)
    legend = ax.get_legend().get_window_extent(renderer)
    taken: list[Bbox] = []  # the labels placed so far
    lines: list[np.ndarray] = []  # the leader lines drawn so far
    values = numbers.shorts(placed.head(count)["value"])  # "1.53M" and "1.49M", not 1.5M twice
    for i, (_, row) in enumerate(placed.head(count).iterrows()):
        if row["diameter"] < LABELLED_FROM:  # a dot too small to see: whose is the label?
            continue
        others = np.delete(circles, i, axis=0)
        centre = (circles[i, :2] + circles[i, 2:]) / 2
        labelled = [Bbox.from_extents(*b) for b in np.delete(circles[:count], i, axis=0)]
        # a circle under a larger one: a label beside it could be the larger one's, so a
        # leader line is preferred (France under Germany in the middle of Europe's circles)
        own = Bbox.from_extents(*circles[i])
        larger = circles[:i][placed["diameter"].to_numpy()[:i] > row["diameter"]]
        crowded = _covered(own, larger) > CROWDED * own.width * own.height
        best = None
        radius = row["diameter"] / 2
        places = [
            (distance, side)
            for distance in dict.fromkeys(
                min(d, LEADER_AT_MOST / radius) if d > 1 else d for d in LABEL_DISTANCES
            )
            for side in (_leader_sides if distance > 1 else _sides)(
                radius * distance + 2 + 10 * (distance > 1)
            )
        ]
        names = _label_names(row)
        for name, (distance, (offset, ha, va)) in ((n, p) for n in names for p in places):
            if name != names[0] and best[0][0] == 0:
                break  # placed under its own name: the map's shorter one is not needed
            leader = distance > 1  # away from its circle: a line shows whose label it is
            label = ax.annotate(
                f"{name} {values[i]}",
                xy=(row["x"], row["y"]),
                xytext=offset,
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=LABEL_SIZE - 1,
                color=INK,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "alpha": 0.9, "lw": 0},
                arrowprops=(
                    {
                        "arrowstyle": "-",
                        "color": MUTED,
                        "lw": 0.8,
                        "shrinkA": 0,
                        "shrinkB": radius / 2,
                    }
                    if leader
                    else None
                ),
                zorder=5,
                in_layout=False,
            )
            label.update_positions(renderer)  # places the words (and any leader line)
            box = Text.get_window_extent(label, renderer)  # the words, not the leader line
            # the legend, other labels with their white boxes (a few pixels out), the
            # labelled circles
            obstacles = [legend, *(b.padded(LABELS_APART) for b in taken), *labelled]
            broken, hidden = _score(box, frame, obstacles, others)
            line = _leader(box, centre) if leader else np.empty((0, 2))
            broken += any(_crosses(line, b) for b in [legend, *taken])  # nor a line across
            broken += any(_crosses(earlier, box) for earlier in lines)  # nor one across it
            broken += any(_segments_cross(line, earlier) for earlier in lines)  # nor an X
            broken += _through_circles(line, circles[i], others)  # nor through another circle
            broken += not leader and _nearer_another(box, circles[i], others)  # whose is it?
            # out on its line, beside a circle as large: read as that one's
            broken += leader and _beside_another(box, others, circles[i, 2] - circles[i, 0])
            unclear = not leader and _ambiguous(box, circles[i], others)  # or may be another's
            unclear = unclear or (leader and _beside_another(box, others))  # or a smaller one
            across = _through_circles(line, circles[i], others, around=False)  # a larger one
            score = (
                broken,
                max(hidden, HIDDEN_ALLOWED),
                unclear,
                across,
                leader != crowded,
                hidden,
                distance,
            )
            if best is not None and score >= best[0]:
                label.remove()
                continue
            if best is not None:
                best[1].remove()
            best = (score, label, box, line)
            if score[:6] == (0, HIDDEN_ALLOWED, False, False, False, 0):  # none farther beats it
                break
        if best[0][0] == 0:
            taken.append(best[2])
            lines.append(best[3])
        else:  # no place keeps it inside the map and off the others: no label rather than
            best[1].remove()  # a clipped one, or one over another label


#: Shorter names in common use a circle's label may take where its own finds no place
#: (not Natural Earth's: its "Serbia" for Serbia and Montenegro, "Turkey", "Macedonia").
SHORTER_NAMES = {
    "RUS": "Russia",
    "SYR": "Syria",
    "COD": "DR Congo",
    "CAF": "Central African Rep.",
    "BIH": "Bosnia and Herz.",
    "TZA": "Tanzania",
    "VEN": "Venezuela",
    "USA": "USA",
    "GBR": "UK",
    "ARE": "UAE",
}


def _label_names(row: pd.Series) -> list[str]:
    """The names a circle's label may take: its own, shortened for a map, then, where that
    finds no place, a shorter one in common use (:data:`SHORTER_NAMES`; "Russia": Czechia's
    largest origin of 2012, the Russian Federation, had no label, each place beside it
    running past the map's edge)."""
    name = short_name(row["label"], row["iso3"], MAP_LABEL_LENGTH)
    shorter = SHORTER_NAMES.get(row["iso3"], "")
    return [name, shorter] if 0 < len(shorter) < len(name) else [name]


def _alt(title: str, placed: pd.DataFrame, missing: pd.DataFrame, value_label: str) -> str:
    largest = ", ".join(
        f"{in_full(label)} {numbers.people(v)}"  # "Curaçao", as the text writes it
        for label, v in zip(placed["label"].head(10), placed["value"].head(10), strict=True)
    )
    alt = (
        f"{title}. World map with a circle on each of {len(placed)} countries and "
        f"territories, its area proportional to the number of {value_label} hosted. The "
        f"largest: {largest}."
    )
    if len(missing) == 1:
        alt += (
            f" One country or territory too small for the map, hosting "
            f"{numbers.people(float(missing['value'].sum()))}, has no circle."
        )
    elif not missing.empty:
        alt += (
            f" Too small for the map, {number_word(len(missing))} countries and territories, "
            f"hosting {numbers.people(float(missing['value'].sum()))} in all, have no circle."
        )
    return alt


def hosting_map(
    data: pd.DataFrame,
    *,
    name: str,
    title: str,
    source: str,
    alt: str | None = None,
    colour: str = GROUP_COLOURS["refugees_unhcr"],
    value_label: str = "refugees",
    labelled: int = 5,
    own: tuple[str, str] | None = None,
    note: str = "",
) -> Chart:
    """Where people are hosted: circles whose area is proportional to ``value``, at each
    country's centre, over grey Natural Earth countries (Equal Earth projection).

    ``data`` has columns ``iso3`` and ``value``, and optionally ``name`` (used in the
    labels of the ``labelled`` largest circles and the alt text; else Natural Earth's
    names). Countries too small for a 1:110m map get no circle but stay in
    :attr:`Chart.data`. ``own``, an ISO3 code and a short name (the country a brief is
    about), is shaded darker, outlined above the circles and named in the legend. The UN map
    disclaimer is printed under the source line, after ``note`` (the UN's note on Kosovo).
    """
    require(data, ["iso3", "value"], "hosting_map")
    hosts = data[data["value"] > 0].sort_values("value", ascending=False, kind="mergesort")
    if hosts.empty:
        raise ValueError("hosting_map: no country hosts anyone")
    points = world.points()
    shape_names = {c.iso3: c.name for c in world.countries() if c.iso3}
    names = hosts["name"] if "name" in hosts.columns else hosts["iso3"].map(shape_names)
    hosts = hosts.assign(label=names.fillna(hosts["iso3"]).astype(str))
    on_map = hosts["iso3"].isin(list(points))
    placed, missing = hosts[on_map], hosts[~on_map]
    largest = float(hosts["value"].iloc[0])
    placed = placed.assign(
        x=[points[c][0] for c in placed["iso3"]],
        y=[points[c][1] for c in placed["iso3"]],
        diameter=LARGEST_SYMBOL * np.sqrt(placed["value"].astype(float) / largest),
    )
    with house_style():
        figure, ax = new_figure()
        shaded = _draw_land(ax, own[0] if own else None)
        ax.scatter(
            placed["x"],
            placed["y"],
            s=placed["diameter"] ** 2,  # marker area in points²: area ∝ value
            color=colour,
            alpha=0.85,
            edgecolors="white",
            linewidths=0.6,
            zorder=3,
        )
        named = own[1] if own and shaded else None
        _size_legend(ax, largest, colour, capitalized(value_label), named)
        if alt is None:
            alt = _alt(title, placed, missing, value_label)
        if named:
            alt += f" {capitalized(the(named))} is shaded darker and outlined."
        table = readable(
            hosts.assign(name=hosts["label"].map(in_full)),
            {"iso3": "ISO3 code", "name": "Country", "value": capitalized(value_label)},
        )
        chart = finish(
            figure,
            name=name,
            title=title,
            source=source,
            alt=alt,
            data=table,
            note=f"{note} {UN_MAP_DISCLAIMER}".strip(),
        )
        _label_largest(ax, placed, labelled)
        return chart
