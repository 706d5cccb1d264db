"""PNG files made outside the notebook's kernel.

Rasterising a dozen charts at 200 dpi takes the kernel about two seconds. When the report
builds an edition it puts a :data:`LATER` file in the charts folder; :meth:`Chart.save`
then pickles each finished figure beside its SVG, and :func:`rasterise` turns the pickles
into PNG files in a separate process while the report prints the HTML and the PDF. The
PNG is drawn by the same matplotlib, in the same house style, as :meth:`Chart.png` draws it.

``python -m analysis.charts.raster FOLDER`` loads matplotlib, waits for a line ``go`` on its
standard input, then rasterises ``FOLDER``; it exits without touching anything when its
input closes first (the edition failed).
"""

from __future__ import annotations

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


def deferred(folder: Path) -> bool:
    """Whether charts saved into ``folder`` leave their PNG to :func:`rasterise`."""
    return (folder / LATER).exists()


def defer(figure: Figure, png: Path) -> Path:
    """Pickle ``figure`` beside ``png``, for :func:`rasterise`."""
    return write_bytes(png.with_name(png.stem + PICKLED), pickle.dumps(figure))


def rasterise(folder: Path) -> list[Path]:
    """Turn every figure pickled in ``folder`` into its PNG; remove the pickles and the mark.

    Only pickles written by :func:`defer` into a folder the report created are read.
    """
    from analysis.charts.base import figure_bytes

    written = []
    for pickled in sorted(folder.glob(f"*{PICKLED}")):
        figure = pickle.loads(pickled.read_bytes())  # noqa: S301 - our own figures
        png = pickled.with_name(pickled.name.removesuffix(PICKLED) + ".png")
        written.append(write_bytes(png, figure_bytes(figure, "png")))
        pickled.unlink()
    (folder / LATER).unlink(missing_ok=True)
    return written


def main(argv: list[str]) -> int:
    import analysis.charts  # noqa: F401 - load matplotlib and the house style while waiting

    if sys.stdin.readline().strip() != "go":
        return 0
    rasterise(Path(argv[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
