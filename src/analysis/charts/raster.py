"""PNG files made outside the notebook's kernel.

Rasterising a dozen charts at 200 dpi takes the kernel about two seconds. When the report
builds an edition it marks the charts folder (:func:`leave_for_later`); :meth:`Chart.save`
then pickles each finished figure beside its SVG, and ``python -m analysis.charts.raster
FOLDER`` (:func:`follow`) turns the pickles into PNG files in another process as they
appear, while the kernel goes on and the report prints the HTML and the PDF. The PNG is
drawn by the same matplotlib, in the same house style, from the same figure: its bytes are
those :meth:`Chart.png` gives.
"""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.atomic import write_bytes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The file that asks :meth:`Chart.save` to leave the PNG for later.
LATER = ".png-later"
PICKLED = ".figure.pickle"


def leave_for_later(folder: Path) -> None:
    """Ask charts saved into ``folder`` to pickle their figure instead of drawing the PNG."""
    (folder / LATER).touch()


def deferred(folder: Path) -> bool:
    """Whether charts saved into ``folder`` leave their PNG to :func:`rasterise`."""
    return (folder / LATER).exists()


def defer(figure: Figure, png: Path) -> Path:
    """Pickle ``figure`` beside ``png``, for :func:`rasterise`."""
    return write_bytes(png.with_name(png.stem + PICKLED), pickle.dumps(figure))


def rasterise(folder: Path, *, last: bool = True) -> list[Path]:
    """Turn every figure pickled in ``folder`` into its PNG; remove the pickles and, when
    these are the ``last`` ones, the mark.

    Only pickles written by :func:`defer` into a folder the report created are read. Each
    is taken aside before it is read: a chart saved again meanwhile is a new pickle, drawn
    next. matplotlib is loaded with the first figure (a notebook may draw none).
    """
    written = []
    for pickled in sorted(folder.glob(f"*{PICKLED}")):
        from analysis.charts.base import figure_bytes

        drawing = pickled.with_name(f".{pickled.name}.drawing")
        os.replace(pickled, drawing)
        figure = pickle.loads(drawing.read_bytes())  # our own figures
        png = pickled.with_name(pickled.name.removesuffix(PICKLED) + ".png")
        written.append(write_bytes(png, figure_bytes(figure, "png")))
        drawing.unlink()
    if last:
        (folder / LATER).unlink(missing_ok=True)
    return written


def follow(folder: Path, done: int = 0, interval: float = 0.05) -> None:
    """Rasterise the figures pickled into ``folder`` as they appear, until the file
    descriptor ``done`` (the report's pipe) reaches its end; then the last ones."""
    import select

    while True:
        rasterise(folder, last=False)
        ready, _, _ = select.select([done], [], [], interval)
        if ready and not os.read(done, 1024):
            break
    rasterise(folder)


if __name__ == "__main__":
    follow(Path(sys.argv[1]), sys.stdin.fileno())
