"""The briefing notebook as a document: runs with its defaults from notebooks/ (as Jupyter's
Run All does) and under papermill from any folder; its prose sits in Markdown cells."""

import json
import subprocess
import sys

import nbformat
import papermill

from analysis import config

NOTEBOOK = config.NOTEBOOKS_DIR / "briefing.ipynb"


def _cells():
    return nbformat.read(NOTEBOOK, as_version=4).cells


def test_runs_from_its_own_folder_with_its_defaults(tmp_path):
    out = tmp_path / "run.ipynb"
    papermill.execute_notebook(
        NOTEBOOK, out, cwd=config.NOTEBOOKS_DIR, kernel_name="python3", progress_bar=False
    )
    text = json.dumps(nbformat.read(out, as_version=4).cells)
    assert "Key findings" in text and "Error" not in text


def test_runs_under_papermill_from_another_folder(tmp_path, project_population):
    """From any folder, with parameters; here on a Refugee Data Finder download aggregated
    by country of asylum and without a stateless column, so the text must say what is
    missing instead of failing."""
    from conftest import make_raw_dir, rdf_layout, write_rdf_csv

    raw = make_raw_dir(tmp_path / "raw")
    download = rdf_layout(project_population, "asylum").drop(columns="Stateless persons")
    write_rdf_csv(raw / "unhcr" / "by_asylum.csv", download)
    out = tmp_path / "run.ipynb"
    command = [sys.executable, "-m", "papermill", str(NOTEBOOK), str(out), "--no-progress-bar"]
    command += ["-k", "python3", "-p", "year", "2016", "-p", "raw_dir", str(raw)]
    subprocess.run(command, cwd=tmp_path, check=True, capture_output=True)
    text = json.dumps(nbformat.read(out, as_version=4).cells, ensure_ascii=False)
    assert "Türkiye hosted more refugees and others in need of protection than any" in text
    assert "cannot show where refugees come from" in text
    assert "holds no figures for stateless persons" in text
    assert "chart-top_hosts" in text and "chart-top_origins" not in text


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
