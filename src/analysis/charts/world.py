"""Country shapes for world maps, projected with Equal Earth.

The shapes are Natural Earth's 1:110m countries as TopoJSON from the npm package
``world-atlas`` (vendored in ``analysis/static/world``, see its ``VENDORED.md``).
TopoJSON stores each border once, as an "arc" of quantized, delta-encoded
points; a country's rings are lists of arc indices (``~i`` means arc ``i``
reversed). Decoding is a cumulative sum and an affine transform.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

import numpy as np
from matplotlib.path import Path as MplPath

from analysis import config
from analysis.countries import iso3_of_numeric

#: Shapes in world-atlas without an ISO numeric id that the data do know.
NAMED_WITHOUT_ID = {"Kosovo": "XKX"}
LEFT_OUT = {"ATA"}  # Antarctica: no one is hosted there, and it takes a fifth of the map

# Equal Earth (Šavrič, Patterson & Jenny 2018) coefficients.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = np.sqrt(3) / 2


@dataclass(frozen=True)
class Country:
    """One country's shape on the map: projected rings and a point for its symbol."""

    iso3: str | None  # None for shapes the data cannot name (N. Cyprus, Somaliland)
    name: str  # Natural Earth's short name ("Dem. Rep. Congo")
    rings: tuple[np.ndarray, ...]  # closed rings of projected (x, y) points
    point: tuple[float, float]  # where its symbol goes: inside its largest part

    def path(self) -> MplPath:
        """All rings as one matplotlib path (holes cut out by their opposite winding)."""
        return MplPath.make_compound_path(*(MplPath(ring, closed=True) for ring in self.rings))


def equal_earth(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project degrees of longitude and latitude to Equal Earth (unit sphere)."""
    lam, phi = np.radians(lon), np.radians(lat)
    theta = np.arcsin(_M * np.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = (
        2
        * np.sqrt(3)
        * lam
        * np.cos(theta)
        / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    )
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


def decode_arcs(topology: dict) -> list[np.ndarray]:
    """Every arc as an array of (longitude, latitude) points."""
    scale = np.asarray(topology["transform"]["scale"], dtype=float)
    translate = np.asarray(topology["transform"]["translate"], dtype=float)
    return [
        np.cumsum(np.asarray(arc, dtype=float), axis=0) * scale + translate
        for arc in topology["arcs"]
    ]


def _ring(indices: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    """Join arcs into one ring; consecutive arcs share their end points."""
    parts = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        parts.append(arc if not parts else arc[1:])
    return np.concatenate(parts)


def _rings(geometry: dict) -> list[list[int]]:
    """Every ring of a Polygon or MultiPolygon, as lists of arc indices."""
    if geometry.get("type") == "Polygon":
        return geometry["arcs"]
    if geometry.get("type") == "MultiPolygon":
        return [ring for polygon in geometry["arcs"] for ring in polygon]
    return []


def _clip(ring: np.ndarray, at: float, keep_below: bool) -> np.ndarray:
    """The part of a ring on one side of the meridian ``at`` (Sutherland-Hodgman)."""
    kept = []
    for p, q in zip(ring, np.roll(ring, -1, axis=0), strict=True):
        p_in, q_in = (p[0] <= at, q[0] <= at) if keep_below else (p[0] >= at, q[0] >= at)
        if p_in:
            kept.append(p)
        if p_in != q_in:
            kept.append(p + (at - p[0]) / (q[0] - p[0]) * (q - p))
    return np.asarray(kept).reshape(-1, 2)


def split_at_antimeridian(ring: np.ndarray) -> list[np.ndarray]:
    """A ring that crosses 180° (Fiji, Chukotka) as pieces on either edge of the map."""
    lon = np.unwrap(ring[:, 0], period=360)
    if lon.min() >= -180 and lon.max() <= 180:
        return [ring]
    pieces = []
    for shift in (0.0, 360.0, -360.0):
        piece = np.column_stack([lon + shift, ring[:, 1]])
        piece = _clip(_clip(piece, -180.0, keep_below=False), 180.0, keep_below=True)
        if len(piece) >= 3:
            pieces.append(piece)
    return pieces


def _projected(ring: np.ndarray) -> np.ndarray:
    x, y = equal_earth(ring[:, 0], ring[:, 1])
    return np.column_stack([x, y])


def _area_and_centroid(ring: np.ndarray) -> tuple[float, float, float]:
    """Signed-free area and centroid of a closed ring (shoelace formula)."""
    x, y = ring[:, 0], ring[:, 1]
    cross = x * np.roll(y, -1) - np.roll(x, -1) * y
    area = cross.sum() / 2
    if abs(area) < 1e-15:
        return 0.0, float(x.mean()), float(y.mean())
    cx = ((x + np.roll(x, -1)) * cross).sum() / (6 * area)
    cy = ((y + np.roll(y, -1)) * cross).sum() / (6 * area)
    return abs(float(area)), float(cx), float(cy)


def _inside_point(ring: np.ndarray) -> tuple[float, float]:
    """The ring's centroid if it falls inside, else the middle of the widest stretch of
    the horizontal line through the centroid that lies inside (a concave country)."""
    _, cx, cy = _area_and_centroid(ring)
    if MplPath(ring).contains_point((cx, cy)):
        return cx, cy
    x0, y0 = ring[:, 0], ring[:, 1]
    x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
    crosses = (y0 > cy) != (y1 > cy)
    xs = np.sort(
        x0[crosses] + (cy - y0[crosses]) * (x1[crosses] - x0[crosses]) / (y1[crosses] - y0[crosses])
    )
    spans = list(zip(xs[0::2], xs[1::2], strict=False))
    if not spans:
        return cx, cy
    left, right = max(spans, key=lambda span: span[1] - span[0])
    return float((left + right) / 2), cy


def _iso3(geometry: dict) -> str | None:
    name = geometry.get("properties", {}).get("name", "")
    if "id" not in geometry:
        return NAMED_WITHOUT_ID.get(name)
    return iso3_of_numeric(geometry["id"])


@cache
def countries() -> tuple[Country, ...]:
    """Every country on the map (Antarctica left out), projected, read once."""
    topology = json.loads(config.WORLD_FILE.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    shapes = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        iso3 = _iso3(geometry)
        rings = [
            _projected(piece)
            for indices in _rings(geometry)
            for piece in split_at_antimeridian(_ring(indices, arcs))
        ]
        if iso3 in LEFT_OUT or not rings:
            continue
        largest = max(rings, key=lambda ring: _area_and_centroid(ring)[0])
        shapes.append(
            Country(
                iso3=iso3,
                name=geometry.get("properties", {}).get("name", ""),
                rings=tuple(rings),
                point=_inside_point(largest),
            )
        )
    return tuple(shapes)


def points() -> dict[str, tuple[float, float]]:
    """Where each country's symbol goes, by ISO3 code."""
    return {c.iso3: c.point for c in countries() if c.iso3}
