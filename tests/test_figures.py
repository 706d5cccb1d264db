"""Contract 2: the figures command, with the UN DESA fields, and the extracts' reproducibility."""

import json
import subprocess
import sys

import pytest

from analysis import config, notices, numbers
from analysis.extracts import make_extracts
from analysis.figures import key_figures
from analysis.manifest import read_manifest, sha256


@pytest.mark.parametrize("raw", ["project", "reference"])
def test_migrant_fields(raw, request):
    raw_dir = config.RAW_DIR if raw == "project" else request.getfixturevalue("reference_dir")
    f2020 = key_figures(raw_dir, 2020, top=3)
    assert f2020["migrant_stock"] == 280_598_105
    assert f2020["migrant_stock_year"] == 2020
    assert numbers.share(f2020["migrant_share_of_population"], 1) == "3.6%"
    assert numbers.share(f2020["women_share_of_migrants"], 1) == "48.1%"
    f2012 = key_figures(raw_dir, 2012, top=3)
    assert (f2012["migrant_stock"], f2012["migrant_stock_year"]) == (220_983_187, 2010)


def test_figures_command_prints_contract_json():
    out = subprocess.run(
        [sys.executable, "-m", "analysis", "figures", "--year", "2016"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    figures = json.loads(out)
    expected = {"year", "forcibly_displaced", "refugees_unhcr", "refugees_unrwa"}
    expected |= {"asylum_seekers", "other_in_need", "idps_conflict", "stateless", "resettled"}
    expected |= {"top_origins", "top_hosts", "top3_origin_share", "hosting_by_region"}
    expected |= {"migrant_stock", "migrant_stock_year", "migrant_share_of_population"}
    expected |= {"women_share_of_migrants"}
    assert expected <= set(figures)
    assert all(isinstance(figures[k], int) for k in ["forcibly_displaced", "resettled"])
    assert 0 < figures["top3_origin_share"] < 1
    assert set(figures["top_hosts"][0]) == {"iso3", "name", "refugees"}


def test_extracts_reproduce_from_the_full_release(reference_dir, tmp_path):
    make_extracts(reference_dir, tmp_path, retrieved="2025-12-15")
    shipped = {s["file"]: s["sha256"] for s in read_manifest(config.RAW_DIR)["sources"]}
    for source in read_manifest(tmp_path)["sources"]:
        assert sha256(tmp_path / source["file"]) == shipped[source["file"]], source["file"]
    assert key_figures(tmp_path, 2016) == key_figures(config.RAW_DIR, 2016)


def test_a_warning_is_printed_once(capsys):
    message = "test_figures: a distinct message for this test"
    notices.warn(message)
    notices.warn(message)
    assert capsys.readouterr().err == f"warning: {message}\n"
    assert notices.issued().count(message) == 1
