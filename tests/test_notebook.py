"""The briefing notebook as a document: runs under papermill from any folder, with
parameters (the run from notebooks/ with its defaults, as Jupyter's Run All does, is in
test_report.py); its prose sits in Markdown cells."""

import io
import json
import shutil

import nbformat
import papermill
from pypdf import PdfReader

from analysis import config

NOTEBOOK = config.NOTEBOOKS_DIR / "briefing.ipynb"


def _cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


HOSTILE = "Türkiye <script>alert(1)</script> *bold* [link](http://x)"


def test_runs_under_papermill_from_another_folder(tmp_path, project_population):
    """From any folder, with parameters; here on a Refugee Data Finder download aggregated
    by country of asylum and without the stateless and other-people-in-need columns (so no
    forcibly displaced total), in a raw folder without UN DESA's workbook, so the text must
    say what is missing instead of failing; and
    with a country name full of markup, which every output must show as plain text."""
    from conftest import make_raw_dir, rdf_layout, write_rdf_csv

    from analysis.render import pdf_bytes, to_html, to_slides

    raw = make_raw_dir(tmp_path / "raw")
    shutil.rmtree(raw / "undesa")  # and no UN DESA workbook: no migrant figures
    download = rdf_layout(project_population, "asylum").drop(
        columns=["Stateless persons", "Other people in need of international protection"]
    )
    write_rdf_csv(raw / "unhcr" / "by_asylum.csv", download)
    countries = raw / "unhcr" / "countries.csv"
    countries.write_text(countries.read_text().replace(",Türkiye,", f",{HOSTILE},"))
    executed = papermill.execute_notebook(
        NOTEBOOK,
        tmp_path / "run.ipynb",
        parameters={"year": 2016, "raw_dir": str(raw)},
        cwd=tmp_path,
        kernel_name="python3",
        progress_bar=False,
        request_save_on_cell_execute=False,  # saved once, at the end
        shutdown_kernel="immediate",  # as the report does: no 2.5 s wait for a slow exit
    )
    text = json.dumps(executed.cells, ensure_ascii=False)
    assert "hosted more refugees than any" in text  # 2016 counts no other people in need
    assert "cannot show where refugees come from" in text
    assert "holds no figures for stateless persons" in text
    assert "chart-top_hosts" in text and "chart-top_origins" not in text
    assert "so they cannot give the number of forcibly displaced people" in text
    assert "neither the total nor its trend can be computed" in text
    assert "chart-displacement_trend" not in text
    assert "holds no UN DESA workbook, so this briefing has no figures on international" in text
    assert "chart-migrant_stock" not in text and "chart-hosts_per_1000" not in text
    assert "data hold no figures for other people in need of international protection" in text
    for page in (to_html(executed, title="t"), to_slides(executed, title="t")):
        assert "<script>alert" not in page and "<strong>bold" not in page
        assert "<em>bold" not in page and 'href="http://x' not in page
        assert "*bold*" in page and "&lt;script&gt;" in page
    # The PDF: printed from the cells that show the name (the whole page takes seconds)
    showing = [
        cell
        for cell in executed.cells
        if "Türkiye <script>" in json.dumps(cell.get("outputs", []), ensure_ascii=False)
    ]
    assert showing
    excerpt = nbformat.v4.new_notebook(cells=showing, metadata=executed.metadata)
    pdf = PdfReader(io.BytesIO(pdf_bytes(to_html(excerpt, title="t"))))
    printed = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "<script>alert(1)</script> *bold* [link](http://x)" in printed


def test_prose_in_markdown_and_analysis_steps_visible():
    cells = _cells()
    markdown = [c for c in cells if c.cell_type == "markdown"]
    words = sum(len(c.source.split()) for c in markdown)
    assert words > 1500  # the fixed prose lives in the notebook, not in the package
    steps = [c for c in cells if "analysis-step" in c.metadata.get("tags", [])]
    assert sum(".query(" in c.source for c in steps) >= 3  # select the year, group, rank
    assert any("try-it" in c.metadata.get("tags", []) for c in cells)


def test_stored_without_outputs():
    assert all(
        not c.get("outputs") and not c.get("execution_count")
        for c in _cells()
        if c.cell_type == "code"
    )


def test_the_trend_cell_of_a_year_without_a_total(tmp_path):
    """UNRWA's table without 2024 (a year every other table holds): the trend cell failed
    with KeyError: 2024. Its own code is run, after the cells that load the edition."""
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    unrwa = raw / "unhcr" / "unrwa.csv"
    lines = unrwa.read_text().splitlines()
    unrwa.write_text("\n".join(line for line in lines if not line.startswith("2024,")) + "\n")
    cells = _cells()
    loading = next(i for i, c in enumerate(cells) if "load_edition(" in c.source)
    trend = next(i for i, c in enumerate(cells) if c.source.startswith("trend = briefing.trend"))
    trimmed = nbformat.v4.new_notebook(
        cells=[cells[0], cells[loading], cells[trend], cells[trend + 1]],
        metadata=nbformat.read(NOTEBOOK, as_version=4).metadata,
    )
    nbformat.write(trimmed, tmp_path / "trend.ipynb")
    executed = papermill.execute_notebook(
        tmp_path / "trend.ipynb",
        tmp_path / "run.ipynb",
        parameters={"year": 2024, "raw_dir": str(raw)},
        cwd=config.NOTEBOOKS_DIR,
        kernel_name="python3",
        progress_bar=False,
        shutdown_kernel="immediate",
    )
    text = json.dumps(executed.cells[-1].outputs, ensure_ascii=False)
    assert "The total for 2024 cannot be computed: a part of it is missing" in text
    assert "to about 116.4 million in 2023" in text  # the trend runs to the year before
