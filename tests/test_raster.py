"""PNG files drawn outside the kernel: every chart pickles, and the PNG drawn from the pickle
is the one the chart draws itself."""

import pickle

import pytest
from test_charts import KINDS, build

from analysis.charts import raster
from analysis.errors import InputError
from analysis.render import _Rasteriser


@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_pickles(kind):
    chart = build(kind)
    assert pickle.loads(pickle.dumps(chart.figure)).get_size_inches().tolist() == [8, 4.5]


@pytest.mark.parametrize("kind", ["ranking", "origins"])
def test_deferred_png_is_the_chart_own(kind, tmp_path):
    folder = tmp_path / "charts"
    folder.mkdir()
    (folder / raster.LATER).touch()
    chart = build(kind)
    png, svg = chart.save(folder)
    assert svg.is_file() and not png.exists()
    assert (folder / f"{chart.name}{raster.PICKLED}").is_file()
    assert raster.rasterise(folder) == [png]
    assert sorted(p.name for p in folder.iterdir()) == [png.name, svg.name]
    assert png.read_bytes() == build(kind).png()  # the same PNG as the chart draws itself


def test_rasteriser_process_draws_and_reports_a_failure_on_one_line(tmp_path):
    folder = tmp_path / "charts"
    folder.mkdir()
    worker = _Rasteriser(folder)
    try:
        build("ranking").save(folder)
        worker.go()
        worker.finish()
    finally:
        worker.stop()
    assert sorted(p.name for p in folder.iterdir()) == ["top_hosts.png", "top_hosts.svg"]

    worker = _Rasteriser(folder)
    try:
        (folder / f"broken{raster.PICKLED}").write_bytes(b"not a pickle")
        worker.go()
        with pytest.raises(InputError) as caught:
            worker.finish()
    finally:
        worker.stop()
    assert "could not be drawn" in str(caught.value) and "\n" not in str(caught.value)


def test_rasteriser_told_nothing_leaves_the_folder_alone(tmp_path):
    folder = tmp_path / "charts"
    folder.mkdir()
    worker = _Rasteriser(folder)
    build("ranking").save(folder)
    worker.stop()  # the edition failed: no PNG is drawn
    assert not (folder / "top_hosts.png").exists()
