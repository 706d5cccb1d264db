"""PNG files drawn outside the kernel: every chart pickles, and the PNG drawn from the pickle
is the one the chart draws itself."""

import pickle
import time

import pytest
from test_charts import KINDS, build

from analysis.charts import raster
from analysis.errors import InputError
from analysis.render import _Rasteriser


@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_pickles(kind):
    chart = build(kind)
    assert pickle.loads(pickle.dumps(chart.figure)).get_size_inches().tolist() == [8, 4.5]


@pytest.mark.parametrize("kind", ["ranking", "map"])
def test_deferred_png_is_the_chart_own(kind, tmp_path):
    folder = tmp_path / "charts"
    folder.mkdir()
    raster.leave_for_later(folder)
    chart = build(kind)
    png, svg = chart.save(folder)
    assert svg.is_file() and not png.exists()
    assert (folder / f"{chart.name}{raster.PICKLED}").is_file()
    assert raster.rasterise(folder) == [png]
    assert sorted(p.name for p in folder.iterdir()) == [png.name, svg.name]
    assert png.read_bytes() == build(kind).png()  # the same PNG as the chart draws itself


def test_rasteriser_process_failure_is_one_line(tmp_path):
    """(The process drawing every PNG of a real edition is checked by test_report.)"""
    raster.leave_for_later(tmp_path)
    (tmp_path / f"broken{raster.PICKLED}").write_bytes(b"not a pickle")
    with _Rasteriser(tmp_path) as drawing, pytest.raises(InputError) as caught:
        drawing.finish()
    assert "could not be drawn" in str(caught.value) and "\n" not in str(caught.value)


def test_figures_are_drawn_while_the_notebook_runs(tmp_path):
    """The process draws each pickled figure as it appears, before the notebook is done;
    the mark stays until then, so later charts are still pickled, and goes with them."""
    raster.leave_for_later(tmp_path)
    first, second = build("ranking"), build("map")
    with _Rasteriser(tmp_path) as drawing:
        first.save(tmp_path)
        png = tmp_path / f"{first.name}.png"
        for _ in range(600):  # wait for it (at most a minute)
            if png.exists():
                break
            time.sleep(0.1)
        assert png.exists() and raster.deferred(tmp_path)
        second.save(tmp_path)
        drawing.finish()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{chart.name}.{ext}" for chart in (first, second) for ext in ("png", "svg")
    )


def test_a_failed_run_leaves_no_drawing_process(tmp_path):
    raster.leave_for_later(tmp_path)
    with pytest.raises(RuntimeError), _Rasteriser(tmp_path) as drawing:
        raise RuntimeError("a cell failed")
    assert drawing.process.poll() is not None
