"""A Refugee Data Finder download aggregated by country of asylum renders a whole
briefing, with the origins sections replaced by a note (a module of its own, so the test
suite's workers render it beside the main edition)."""

import re

from conftest import make_raw_dir, rdf_layout, write_rdf_csv

from analysis.report import build_report


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_download_by_asylum_only_renders_without_origins(tmp_path, project_population):

    raw = make_raw_dir(tmp_path / "raw")
    write_rdf_csv(raw / "unhcr" / "by_asylum.csv", rdf_layout(project_population, "asylum"))
    build_report(raw, tmp_path / "out", [2016], ["html", "charts"])
    text = _text((tmp_path / "out" / "2016" / "briefing.html").read_text())
    assert "cannot show where refugees come from" in text
    assert "Türkiye hosted more refugees and others in need of protection than any" in text
    charts = {p.stem for p in (tmp_path / "out" / "2016" / "charts").glob("*.svg")}
    assert "top_hosts" in charts and "top_origins" not in charts
