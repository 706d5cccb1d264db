"""Rendering: papermill execution, the HTML page, the slides, the PDF, editions.

Runs the small demo notebook in tests/fixtures/render_demo.ipynb (stored without
outputs) in a real kernel, so these tests take some seconds.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from analysis import render
from analysis.errors import InputError

DEMO = Path(__file__).parent / "fixtures" / "render_demo.ipynb"
TITLE = "Demo briefing 2018"
# displaced = 65.6M + (2018 - 2016) * 2.9M, computed in the notebook
HEADLINE = "71.4 million"


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def assert_nothing_fetched(html: str) -> None:
    for tag, attrs in tags(html):
        for attribute in ("src", "href"):
            value = (attrs.get(attribute) or "").strip().lower()
            assert not value.startswith(("http:", "https:", "//")), (tag, value[:80])
        if tag == "link":
            pytest.fail(f"external stylesheet or resource link: {attrs}")
        if tag == "img":
            assert (attrs.get("src") or "").startswith("data:"), "images must be embedded"
    assert "@import" not in html


def slide_typed_cells(nb) -> int:
    """Cells that open a slide, among those that reach the renderings."""
    count = 0
    for cell in nb.cells:
        if set(cell.metadata.get("tags", [])) & render.REMOVED_CELL_TAGS:
            continue
        slide_type = cell.metadata.get("slideshow", {}).get("slide_type", "-")
        count += slide_type in {"slide", "subslide"}
    return count


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out_dir = tmp_path_factory.mktemp("edition") / "reports"
    result = render.render_edition(DEMO, out_dir, {"year": 2018}, title=TITLE)
    return result


@pytest.fixture(scope="module")
def executed(edition):
    return nbformat.read(edition["notebook"], as_version=4)


# ----------------------------------------------------------------------------- fixture


def test_demo_notebook_is_stored_without_outputs():
    nb = nbformat.read(DEMO, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)
    assert any("parameters" in cell.metadata.get("tags", []) for cell in nb.cells)


def test_notebook_parameters_are_read_from_the_parameters_cell():
    params = render.notebook_parameters(DEMO)
    assert params["year"]["default"] == "2016"
    assert params["year"]["inferred_type_name"] == "int"
    assert params["year"]["help"] == "edition year"
    assert set(params) == {"year", "fail"}


# ----------------------------------------------------------------------------- execute


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Pango is checked on Linux")
def test_a_pdf_without_pango_is_refused_in_one_line_before_running(tmp_path, monkeypatch, request):
    """Without Pango a PDF build printed WeasyPrint's traceback from a background thread and
    its banner on stdout, twice, before the error line. It is refused before the notebook
    runs, with the fix; an HTML-only build needs no Pango."""
    import ctypes.util

    import papermill

    def must_not_run(*args, **kwargs):
        raise AssertionError("the notebook must not run")

    monkeypatch.setattr(ctypes.util, "find_library", lambda name: f"/nowhere/lib{name}.so.0")
    monkeypatch.setattr(papermill, "execute_notebook", must_not_run)
    render._missing_pdf_library.cache_clear()  # looked for once a process: again here
    request.addfinalizer(render._missing_pdf_library.cache_clear)
    with pytest.raises(InputError) as caught:
        render.render_edition(DEMO, tmp_path / "out", {"year": 2018}, title=TITLE)
    message = str(caught.value)
    assert message.startswith("the PDF needs the system library pango-1.0 (Pango), which ")
    assert "apt-get install -y libpango-1.0-0 libpangoft2-1.0-0" in message
    assert "\n" not in message and not (tmp_path / "out").exists()
    with pytest.raises(InputError, match="must not run"):  # no PDF: no Pango needed: it runs
        render.render_edition(DEMO, tmp_path / "out", {"year": 2018}, title=TITLE, formats=["html"])


def test_unknown_parameter_is_refused_before_running(tmp_path, monkeypatch):
    import papermill

    def must_not_run(*args, **kwargs):
        raise AssertionError("the notebook must not run")

    monkeypatch.setattr(papermill, "execute_notebook", must_not_run)
    with pytest.raises(InputError) as caught:
        render.execute(DEMO, tmp_path / "out.ipynb", {"yaer": 2018})
    message = str(caught.value)
    assert "yaer" in message and "year" in message and "fail" in message
    assert "\n" not in message
    assert not (tmp_path / "out.ipynb").exists()


def test_parameter_of_the_wrong_type_is_refused(tmp_path):
    with pytest.raises(InputError, match="year must be int"):
        render.execute(DEMO, tmp_path / "out.ipynb", {"year": "2018"})


def test_missing_notebook_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        render.execute(tmp_path / "nope.ipynb", tmp_path / "out.ipynb", {})


@pytest.mark.skipif(sys.platform == "win32", reason="Unix sockets")
def test_kernels_talk_over_unix_sockets_where_their_paths_fit(tmp_path, monkeypatch):
    """Over TCP, a port chosen free could be taken by another process before the kernel
    bound it: the kernel died ("Address already in use") and the run waited 60 s."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", "/tmp")
    managers = [render._kernel_manager_class()() for _ in range(2)]
    assert [m.transport for m in managers] == ["ipc", "ipc"]
    # not jupyter_client's "kernel-ipc" in the current folder, where two kernels started
    # at once took the same sockets: a path of each kernel's own
    assert all(m.ip.startswith("/tmp/analysis-kernel-") for m in managers)
    assert managers[0].ip != managers[1].ip
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / ("x" * 90)))  # no room: TCP
    assert render._kernel_manager_class()().transport == "tcp"
    # the sockets a killed kernel left over an hour ago go; those of a kernel running stay
    import os
    import socket

    short = Path(tempfile.mkdtemp(dir="/tmp"))  # a socket's path has at most 107 bytes
    monkeypatch.setattr(tempfile, "tempdir", str(short))
    try:
        for name, age in (
            ("analysis-kernel-0123456789abcdef-1", 90_000),
            ("analysis-kernel-x-1", 0),
        ):
            with socket.socket(socket.AF_UNIX) as left:
                left.bind(str(short / name))
            os.utime(short / name, (time.time() - age,) * 2)
        render._socket_base()
        assert [p.name for p in short.glob("analysis-kernel-*")] == ["analysis-kernel-x-1"]
    finally:
        shutil.rmtree(short)


def test_a_home_folder_that_cannot_be_written_prints_no_warning(tmp_path, monkeypatch, capfd):
    """A service account's home that cannot be written: IPython, in the kernel, printed two
    lines ("IPython parent '/proc/nohome' is not a writable location ...") on every run."""
    monkeypatch.setenv("HOME", "/proc/nohome")
    monkeypatch.delenv("IPYTHONDIR", raising=False)
    notebook = tmp_path / "one.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), notebook)
    render.execute(notebook, tmp_path / "one.out.ipynb", {})
    assert "writable" not in capfd.readouterr().err


def test_the_kernel_s_ipython_folder_is_never_one_another_user_prepared(tmp_path, monkeypatch):
    """The fallback IPYTHONDIR was "$TMPDIR/analysis-ipython-<uid>" as found: another user
    who made it first had their startup script run in every kernel (a reviewer)."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    mine = render._private_folder("analysis-ipython")
    assert os.stat(mine).st_mode & 0o777 == 0o700
    assert render._private_folder("analysis-ipython") == mine  # kept, run after run
    os.chmod(mine, 0o777)  # open to others, a startup script perhaps in it
    other = render._private_folder("analysis-ipython")
    assert other != mine and os.stat(other).st_mode & 0o777 == 0o700


def test_kernel_runs_on_this_interpreter(tmp_path, monkeypatch):
    """The kernel is this interpreter's; a kernel that dies before answering (two parallel
    jobs drew the same free port) is started again, once. A folder named with braces is
    named as it is (papermill filled them with parameters: "Missing parameter 'x'")."""
    import papermill

    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import sys\nprint(sys.executable)", id="which")]
    )
    tmp_path = tmp_path / "runs {x} {year}"
    tmp_path.mkdir()
    notebook = tmp_path / "which.ipynb"
    nbformat.write(nb, notebook)
    real, calls = papermill.execute_notebook, []

    def first_kernel_dies(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(*args, **kwargs)

    monkeypatch.setattr(papermill, "execute_notebook", first_kernel_dies)
    result = render.execute(notebook, tmp_path / "which.out.ipynb", {})
    printed = result.cells[0].outputs[0].text.strip()
    assert Path(printed) == Path(sys.executable) and len(calls) == 2
    assert (tmp_path / "which.out.ipynb").exists()


# ----------------------------------------------------------------------------- edition


def test_edition_writes_every_format_and_timings(edition):
    for fmt, name in render.FILE_NAMES.items():
        assert edition[fmt].name == name and edition[fmt].is_file()
    timings = edition["timings"]
    assert set(timings) >= {"execute", "html", "slides", "pdf", "notebook", "publish", "total"}
    assert all(isinstance(value, float) and value >= 0 for value in timings.values())
    siblings = [p.name for p in edition["html"].parent.parent.iterdir()]
    assert not [name for name in siblings if name.startswith(".")]
    record = json.loads((edition["html"].parent / ".build.json").read_text())
    assert set(record["files"]) == set(render.FILE_NAMES.values())


def test_teaching_copy_keeps_code_outputs_and_parameters(executed):
    """The run's parameters are in the parameters cell, with no papermill cell after it to
    put them back when a student changes the year there and runs it again."""
    sources = "\n".join(cell.source for cell in executed.cells)
    assert "from IPython.display import" in sources  # the code stays
    first = executed.cells[0]
    assert "parameters" in first.metadata["tags"]
    assert first.source.startswith("year: int = 2018  # ")  # its type and comment kept
    tags = [tag for cell in executed.cells for tag in cell.metadata.get("tags", [])]
    assert "injected-parameters" not in tags
    assert executed.metadata["papermill"]["parameters"] == {"year": 2018}
    text = json.dumps(executed)
    assert "start_time" not in text and "end_time" not in text  # no run timestamps
    assert "staging" not in text
    assert any(cell.get("outputs") for cell in executed.cells)


def test_html_has_the_computed_text_and_no_code(edition):
    html = edition["html"].read_text(encoding="utf-8")
    assert f"<title>{TITLE}</title>" in html
    assert "Forced displacement in 2018" in html
    assert HEADLINE in html
    assert "3,443,280" in html  # the table
    for code in ("import ", "display(", "Markdown(", "warnings.warn", "if fail", "In ["):
        assert code not in html
    assert "must not reach the report" not in html  # stderr is not published
    assert "Speaker note" in html  # the page shows the prose that the slides keep as notes
    assert "<script" not in html
    assert "<figcaption>Source: demo data" in html


def test_html_is_self_contained_and_images_have_alt(edition):
    html = edition["html"].read_text(encoding="utf-8")
    assert_nothing_fetched(html)
    images = [attrs for tag, attrs in tags(html) if tag == "img"]
    assert images
    assert all((attrs.get("alt") or "").strip() for attrs in images)


def test_slides_have_one_section_per_slide_cell_and_inline_reveal(edition, executed):
    slides = edition["slides"].read_text(encoding="utf-8")
    shown = render._publishable(executed, slides=True)  # short text slides joined
    sections = re.findall(r'<section class="slide[ "]', slides)
    assert len(sections) == slide_typed_cells(shown) + 1  # + the title slide
    assert slides.count('class="slide title-slide"') == 1
    assert "Reveal.initialize(" in slides
    assert render._reveal_asset("reveal.js") in slides
    assert render._reveal_asset("reveal.css") in slides
    assert "sourceMappingURL" not in slides
    scripts = [attrs for tag, attrs in tags(slides) if tag == "script"]
    assert scripts and not any(attrs.get("src") for attrs in scripts)
    assert_nothing_fetched(slides)
    assert HEADLINE in slides
    assert '<div class="fragment">' in slides
    assert '<aside class="notes">' in slides and "Speaker note" in slides
    for code in ("import ", "display(", "if fail"):
        assert code not in slides


def test_pdf_has_the_text_page_numbers_and_no_run_date(edition):
    from pypdf import PdfReader

    reader = PdfReader(edition["pdf"])
    pages = len(reader.pages)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert TITLE in text
    assert HEADLINE in text
    assert "Forced displacement in 2018" in text
    assert f"1 / {pages}" in text
    assert "import " not in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4
    info = reader.metadata or {}
    assert info.get("/Title") == TITLE
    assert "/CreationDate" not in info and "/ModDate" not in info
    # the document properties a publisher files it by, and tags for screen readers (the
    # reading order, the charts' descriptions as their alternate text)
    assert info.get("/Subject") == render.DESCRIPTION and info.get("/Keywords") == render.KEYWORDS
    assert info.get("/Creator") == render.GENERATOR
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    # one typeface on paper, the charts' (DejaVu Sans), whatever fonts the machine holds
    fonts = {
        str(font["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"].get("/Font", {}).values()
    }
    assert fonts and all(name.startswith("DejaVu-Sans") for name in fonts), fonts


def test_pdf_keeps_charts_as_vector_graphics(edition):
    from pypdf import PdfReader

    reader = PdfReader(edition["pdf"])
    images = [image for page in reader.pages for image in page.images]
    assert images == []  # the SVG chart is drawn as vectors, not embedded as a bitmap


def test_release_date_goes_into_the_pdf_metadata(executed, tmp_path):
    from pypdf import PdfReader

    html = render.to_html(executed, title=TITLE, date="2017-06-19")
    assert 'name="dcterms.created"' in html
    path = render.to_pdf(html, tmp_path / "dated.pdf")
    info = PdfReader(path).metadata
    assert info["/CreationDate"].startswith("D:20170619")


# ----------------------------------------------------------------------------- determinism


def test_renderings_are_byte_identical(executed, edition):
    assert render.to_html(executed, title=TITLE) == edition["html"].read_text(encoding="utf-8")
    assert render.to_html(executed, title=TITLE) == render.to_html(executed, title=TITLE)
    assert render.to_slides(executed, title=TITLE) == render.to_slides(executed, title=TITLE)
    html = render.to_html(executed, title=TITLE)
    assert render.pdf_bytes(html) == render.pdf_bytes(html)


def test_rendering_does_not_change_the_notebook(executed):
    before = json.dumps(executed, sort_keys=True)
    render.to_html(executed, title=TITLE)
    render.to_slides(executed, title=TITLE)
    assert json.dumps(executed, sort_keys=True) == before


# ----------------------------------------------------------------------------- failures


def test_failing_cell_is_named_and_previous_reports_stay_untouched(edition, tmp_path):
    """The one-line error names the notebook, the cell, the exception and the executed
    notebook kept beside the reports; the reports already there are left as they were."""
    out_dir = tmp_path / "reports"
    shutil.copytree(edition["html"].parent, out_dir)
    before = {path.name: path.read_bytes() for path in out_dir.iterdir()}
    with pytest.raises(InputError) as caught:
        render.render_edition(DEMO, out_dir, {"year": 2019, "fail": True}, title=TITLE)
    message = str(caught.value)
    failed = out_dir / render.FAILED_NOTEBOOK
    source = nbformat.read(DEMO, as_version=4)
    number = next(i for i, cell in enumerate(source.cells) if cell.get("id") == "check") + 1
    assert str(DEMO) in message and f"cell {number}" in message and str(failed) in message
    assert message.startswith(f"{DEMO} for 2019: cell {number}")  # which edition of several
    assert "RuntimeError: demo failure requested for 2019" in message
    # the line that raised, not the cell's first line
    assert f"cell {number} [In " in message
    assert ', line 2 `raise RuntimeError(f"demo failure requested for {year}")`' in message
    assert "\n" not in message
    outputs = [o for c in nbformat.read(failed, as_version=4).cells for o in c.get("outputs", [])]
    assert any(o.output_type == "error" and o.ename == "RuntimeError" for o in outputs)
    after = {path.name: path.read_bytes() for path in out_dir.iterdir() if path != failed}
    assert after == before
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_a_disk_filling_up_names_the_folder_and_keeps_no_notebook_cut_short(
    edition, tmp_path, monkeypatch
):
    """The disk filled while papermill wrote the executed notebook: the error blamed the
    notebook ("execution failed: OSError: [Errno 28]") and kept the half-written copy, invalid
    JSON, as briefing.failed.ipynb, taking the last free space."""
    import errno

    import papermill.execute

    def fill_up(nb, path):  # as a full disk does: part written, then ENOSPC
        Path(path).write_text('{"cells": [')
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(papermill.execute, "write_ipynb", fill_up)
    out_dir = tmp_path / "reports"
    shutil.copytree(edition["html"].parent, out_dir)
    before = {path.name: path.read_bytes() for path in out_dir.iterdir()}
    with pytest.raises(InputError) as caught:
        render.render_edition(DEMO, out_dir, {"year": 2019}, title=TITLE, formats=("html",))
    assert str(caught.value) == (
        f"{out_dir}: No space left on device: free some space and run again (the earlier "
        "output is kept)"
    )
    assert {path.name: path.read_bytes() for path in out_dir.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if ".staging-" in p.name]


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(InputError, match="unknown report format docx"):
        render.render_edition(DEMO, tmp_path / "out", {}, title=TITLE, formats=("html", "docx"))
    assert not (tmp_path / "out").exists()


def test_editions_render_in_parallel(tmp_path):
    jobs = [
        {
            "notebook": DEMO,
            "out_dir": tmp_path / str(year),
            "parameters": {"year": year},
            "title": f"Demo {year}",
            "formats": ("html",),
        }
        for year in (2016, 2017)
    ]
    results = render.render_editions(jobs, processes=2)
    assert [r["html"] for r in results] == [
        tmp_path / "2016" / "briefing.html",
        tmp_path / "2017" / "briefing.html",
    ]
    assert "Forced displacement in 2017" in results[1]["html"].read_text(encoding="utf-8")
    assert not (tmp_path / "2016" / "briefing.pdf").exists()


def test_parallel_editions_raise_the_first_input_error(tmp_path):
    """The first edition in job order fails last (in its notebook), the second at once (a
    parameter of the wrong type): the first one's error is raised, once it has stopped."""
    jobs = [
        {
            "notebook": DEMO,
            "out_dir": tmp_path / "2016",
            "parameters": {"year": 2016, "fail": True},
            "title": "Demo",
            "formats": ("html",),
        },
        {
            "notebook": DEMO,
            "out_dir": tmp_path / "2017",
            "parameters": {"year": "2017"},
            "title": "Demo",
            "formats": ("html",),
        },
    ]
    with pytest.raises(InputError, match="demo failure requested for 2016"):
        render.render_editions(jobs, processes=2)
    assert (tmp_path / "2016" / render.FAILED_NOTEBOOK).is_file()


# ----------------------------------------------------------------------------- import cost


def test_importing_render_does_not_import_the_heavy_libraries():
    code = (
        "import sys, analysis.render; "
        "heavy = ['papermill', 'nbconvert', 'nbformat', 'weasyprint', 'pandas', 'jsonschema']; "
        "print([m for m in heavy if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_templates_and_vendored_assets_are_present():
    for path in (
        render.TEMPLATES_DIR / "analysis_briefing" / "conf.json",
        render.TEMPLATES_DIR / "analysis_slides" / "conf.json",
        render.REVEAL_DIR / "reveal.js",
        render.REVEAL_DIR / "reveal.css",
        render.REVEAL_DIR / "theme" / "white.css",
        render.REVEAL_DIR / "LICENSE",
    ):
        assert path.is_file(), path
    licence = (render.REVEAL_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Permission is hereby granted, free of charge" in licence  # MIT


def test_pdf_leaves_out_the_hidden_chart_tables_with_the_same_result():
    import pandas as pd

    from analysis.briefing import chart_data

    numbers = chart_data("top_hosts", "Hosts", pd.DataFrame({"Country": ["A"], "People": [5]}))
    page = "<html><body><p>Before</p>{}<p>After</p></body></html>"
    assert render._CHART_DATA.sub("", page.format(numbers)) == page.format("")
    assert render.pdf_bytes(page.format(numbers)) == render.pdf_bytes(page.format(""))


def test_a_stopped_worker_begins_no_job_queued_behind_its_own(monkeypatch):
    """A pool hands each worker one job more than it runs: once stopped (Ctrl-C, SIGTERM),
    the worker ran it to the end, and wrote its output, before the run could end."""
    from analysis import errors

    begun = []
    monkeypatch.setattr(errors, "_stopping", True)
    with pytest.raises(errors.Terminated):
        errors.in_worker(begun.append, "queued job")
    assert begun == []
    monkeypatch.setattr(errors, "_stopping", False)
    assert errors.in_worker(len, "job") == 3 and not errors._working


def test_a_chart_the_data_do_not_call_for_opens_no_empty_slide():
    """Venezuela's brief has no bars of origins (one holds 90%): the slide they opened was
    empty; its break moves to the next cell shown."""
    import nbformat

    from analysis.render import _publishable

    def cell(kind, slide_type, outputs=()):
        made = (
            nbformat.v4.new_code_cell("") if kind == "code" else nbformat.v4.new_markdown_cell("x")
        )
        made.metadata["slideshow"] = {"slide_type": slide_type}
        if kind == "code":
            made.outputs = list(outputs)
        return made

    shown = nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg></svg>"})
    nb = nbformat.v4.new_notebook(
        cells=[
            cell("md", "slide"),
            cell("code", "slide"),  # no chart
            cell("md", "notes"),
            cell("code", "-", [shown]),
            cell("code", "slide", [shown]),
        ]
    )
    slides = _publishable(nb, slides=True)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in slides.cells]
    assert kinds == ["slide", "notes", "slide", "slide"]
    assert len(_publishable(nb, slides=False).cells) == 5  # the page: every cell, as it was


def test_notes_written_before_a_chart_go_with_its_slide_and_stay_when_it_shows_nothing():
    """Notes tagged for the next slide went to whatever opened it: with the chart dropped,
    the regions' text would have become the notes of the next section's heading."""
    import nbformat

    from analysis.render import NOTES_NEXT_TAG, _publishable

    figure = '<figure class="chart"><img src="x" alt="Europe hosted 33%"></figure>'
    chart = nbformat.v4.new_output("display_data", data={"text/html": figure})

    def cell(kind, slide_type, source="", outputs=(), tags=()):
        new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        made = new(source)
        made.metadata.update(slideshow={"slide_type": slide_type}, tags=list(tags))
        if kind == "code":
            made.outputs = list(outputs)
        return made

    def sources(*cells):
        deck = _publishable(nbformat.v4.new_notebook(cells=list(cells)), slides=True)
        return [(c.metadata["slideshow"]["slide_type"], c.source) for c in deck.cells]

    text = cell("md", "notes", "Regions.", tags=[NOTES_NEXT_TAG])
    assert sources(cell("md", "slide", "## Hosts"), text, cell("code", "slide", "c", [chart])) == [
        ("slide", "## Hosts"),
        ("slide", "c"),
        ("notes", "On the chart: Europe hosted 33%"),
        ("notes", "Regions."),
    ]
    dropped = sources(
        cell("md", "slide", "## Hosts"),
        text,
        cell("code", "slide", "c"),
        cell("md", "slide", "## Origins"),
    )
    assert [source for _, source in dropped] == ["## Hosts", "Regions.", "## Origins"]
    # a try-it chart, in the teaching copy only, left "On the chart: The 15 largest hosts"
    # in the notes of the last slide
    tried = cell("code", "skip", "show(more)", [chart], tags=["try-it"])
    assert sources(cell("md", "slide", "## Sources"), tried) == [("slide", "## Sources")]


def test_the_notes_before_the_first_slide_belong_to_the_title_slide():
    """The edition's data note, a notes cell before the first slide, was written between
    two slides, where the speaker view never shows it; a notes cell that showed nothing
    left an empty note."""
    note = nbformat.v4.new_markdown_cell("*The data of this edition.*")
    silent = nbformat.v4.new_code_cell("")  # a note the data did not call for
    first = nbformat.v4.new_markdown_cell("## Key findings")
    for cell, kind in ((note, "notes"), (silent, "notes"), (first, "slide")):
        cell.metadata["slideshow"] = {"slide_type": kind}
    silent.outputs = []
    deck = render.to_slides(nbformat.v4.new_notebook(cells=[note, silent, first]), title="T")
    title = re.search(r'<section class="slide title-slide">(.*?)</section>', deck, re.S)
    assert title and "The data of this edition." in title.group(1)
    assert not re.search(r"<aside class=\"notes\">\s*</aside>", deck)
    assert deck.count("<section") == deck.count("</section>") == 4  # two slides, each grouped


def test_the_teaching_copy_names_its_charts_folder_beside_it_whatever_its_letters(tmp_path):
    """In a folder named with non-ASCII letters, the executed notebook kept the staging
    folder's name, which papermill writes escaped ("Briefing \\u2014 \\xfc"), and changed on
    every run; then it named the edition's folder by its absolute path, which differed in
    every clone and sent a teacher's rerun to the build machine's folder. It is ``charts``,
    beside the notebook, in the run's record; the copy's own cell leaves it out (a rerun
    would save its charts over the edition's)."""
    from papermill.translators import PythonTranslator

    staging = tmp_path / "Briefing — ü" / ".2016.staging-1234"
    parameters = {"year": 2016, "charts_dir": str(staging / "charts"), "raw_dir": "/data/x"}
    source = PythonTranslator.codify(parameters)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    nb.cells[0].metadata["tags"] = ["injected-parameters"]
    render._normalise_executed(nb, parameters, staged=staging)
    shown = {**parameters, "charts_dir": "charts"}  # a folder elsewhere stays as it is
    assert nb.cells[0].source == PythonTranslator.codify({"year": 2016, "raw_dir": "/data/x"})
    assert nb.metadata["papermill"]["parameters"] == shown


def test_a_slide_of_headings_alone_shows_its_first_note():
    """The 1985 edition: no trend and no UN DESA estimate yet, so no chart and no bullet;
    the two sections' headings were joined on a slide showing nothing else, their one
    sentence each only in the speaker notes."""
    from analysis.render import _publishable

    def section(title, note, bullets=()):
        heading = nbformat.v4.new_markdown_cell(f"## {title}")
        heading.metadata["slideshow"] = {"slide_type": "slide"}
        points = nbformat.v4.new_code_cell("")  # slides-only bullets: none called for
        points.metadata["tags"] = ["slides-only"]
        points.outputs = [
            nbformat.v4.new_output("display_data", data={"text/markdown": b}) for b in bullets
        ]
        text = nbformat.v4.new_code_cell("")
        text.metadata["slideshow"] = {"slide_type": "notes"}
        text.outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": note})]
        return [heading, points, text]

    cells = section("The trend over the years", "There is no trend to 1985 to show.")
    cells += section("International migrants", "UN DESA's estimates begin in 1990.")
    cells += section("Decent work deficits", "Talking points.", ["- Informal work"])
    deck = _publishable(nbformat.v4.new_notebook(cells=cells), slides=True).cells
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in deck]
    assert kinds == ["slide", "-", "-", "-", "-", "-", "slide", "-", "notes"]
    # the page is as it was: every cell but the slides' bullets, with no slide types
    page = _publishable(nbformat.v4.new_notebook(cells=cells), slides=False).cells
    assert len(page) == 6 and all("slideshow" not in c.metadata for c in page)


def test_short_slides_of_text_read_as_one():
    """Tuvalu's deck: a title and six slides of one line each ("No refugees, asylum-seekers
    or others in need recorded in Tuvalu"). Short slides of text join the one before, up
    to SHORT_SLIDE characters; a slide with a chart or a table joins none."""
    from analysis.render import SHORT_SLIDE, _publishable

    def slide(text, *outputs):
        heading = nbformat.v4.new_markdown_cell(f"## {text}")
        heading.metadata["slideshow"] = {"slide_type": "slide"}
        code = nbformat.v4.new_code_cell("")
        code.outputs = [nbformat.v4.new_output("display_data", data=o) for o in outputs]
        return [heading, code]

    line = {"text/markdown": "- No refugees recorded in Tuvalu at the end of 2024"}
    chart = {"image/svg+xml": "<svg></svg>", "text/html": "<details><table></table></details>"}
    long = {"text/markdown": "- " + "x" * SHORT_SLIDE}
    cells = [
        *slide("Hosting", line), *slide("From", line),  # joined
        *slide("Map", chart), *slide("Inside", line),  # a chart: none joined
        *slide("Returns", line), *slide("Migrants", long),  # too long together
    ]  # fmt: skip
    nb = nbformat.v4.new_notebook(cells=cells)
    kinds = [
        c.metadata.get("slideshow", {}).get("slide_type", "-")
        for c in _publishable(nb, slides=True).cells
        if c.cell_type == "markdown"
    ]
    assert kinds == ["slide", "-", "slide", "slide", "-", "slide"]
    assert all(  # the page keeps every cell, with no slide types
        "slideshow" not in c.metadata for c in _publishable(nb, slides=False).cells
    )
    # two at most (Ukraine's stacked three headings), and the sources alone (own-slide)
    cells = [*slide("Displacement", line), *slide("Returns", line), *slide("Migrants", line)]
    cells += [*slide("Inside", line), *slide("Sources", line)]
    cells[-2].metadata["tags"] = ["own-slide"]
    nb = nbformat.v4.new_notebook(cells=cells)
    kinds = [
        c.metadata.get("slideshow", {}).get("slide_type", "-")
        for c in _publishable(nb, slides=True).cells
        if c.cell_type == "markdown"
    ]
    assert kinds == ["slide", "-", "slide", "-", "slide"]


def test_an_input_error_in_a_notebook_shows_its_line_and_message_only(tmp_path):
    """A teacher's year the data do not hold showed forty lines of traceback through the
    package; the one-line error of a run still names the cell's line."""
    notebook = tmp_path / "bad.ipynb"
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from analysis.errors import InputError\n\n"
                "raise InputError('x.csv: line 3: expected a year')"
            )
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, notebook)
    with pytest.raises(InputError) as caught:
        render.execute(notebook, tmp_path / "out.ipynb", {})
    assert str(caught.value).startswith("x.csv: line 3: expected a year (the notebook stopped at ")
    assert ", line 3 `raise InputError(" in str(caught.value)
    cells = nbformat.read(tmp_path / "out.ipynb", 4).cells
    (error,) = [o for c in cells if c.cell_type == "code" for o in c.outputs]
    assert re.fullmatch(r"Cell In\[\d+\], line 3", error.traceback[0])
    assert error.traceback[1:] == ["InputError: x.csv: line 3: expected a year"]


def test_a_kernel_that_dies_mid_cell_is_one_line(tmp_path, caplog):
    """A kernel stopped mid-cell (SIGTERM to the run) printed nbclient's "Kernel died while
    waiting for execute reply." above the run's own one line."""
    notebook = tmp_path / "dies.ipynb"
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, notebook)
    with pytest.raises(InputError, match="execution failed: DeadKernelError"):
        render.execute(notebook, tmp_path / "out.ipynb", {})
    assert not [r for r in caplog.records if "Kernel died" in r.getMessage()], caplog.text


def test_a_worker_pool_stopped_stops_its_workers_and_a_failed_job_lets_the_others_finish():
    """`errors.worker_pool`, which editions and briefs share: a run closed early (a batch's
    generator, Ctrl-C) stops every worker at once, not after their jobs; one job failing
    cancels those not started and waits for those running."""
    import operator

    from analysis.errors import worker_pool

    pools = []

    def run():
        with worker_pool(2) as pool:
            pools.append(pool)
            futures = [pool.submit(time.sleep, 60) for _ in range(2)]
            yield from futures

    batch = run()
    next(batch)
    time.sleep(1)  # the workers have started their jobs
    workers = list(pools[0]._processes.values())
    started = time.perf_counter()
    batch.close()
    while [p for p in workers if p.is_alive()] and time.perf_counter() - started < 20:
        time.sleep(0.05)  # (a worker may be in the middle of exiting)
    assert workers and not [p for p in workers if p.is_alive()]  # well before the jobs' 60 s
    with pytest.raises(ZeroDivisionError), worker_pool(2) as pool:
        slow = pool.submit(time.sleep, 1)
        pool.submit(operator.truediv, 1, 0).result()
    assert slow.done() and not slow.cancelled()  # it ran to its end


def test_a_worker_whose_run_was_killed_outright_stops(tmp_path):
    """A run killed with SIGKILL (the OOM killer, `kill -9`) left its workers running,
    their kernels and the run's output pipe held open, publishing editions after it (a
    hostile tester): a worker that finds itself orphaned stops its job and leaves."""
    import signal

    script = tmp_path / "run.py"
    script.write_text(
        "import time\n"
        "from analysis.errors import in_worker, worker_pool\n"
        "if __name__ == '__main__':\n"
        "    with worker_pool(1) as pool:\n"
        "        pool.submit(in_worker, time.sleep, 60)\n"
        "        time.sleep(1)\n"
        "        print(*pool._processes, flush=True)\n"
        "        time.sleep(60)\n"
    )
    run = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    (worker,) = map(int, run.stdout.readline().split())
    run.send_signal(signal.SIGKILL)
    run.wait()

    def running() -> bool:  # a zombie no one has reaped yet has left
        stat = Path(f"/proc/{worker}/stat")
        try:
            return stat.read_text().rpartition(")")[2].split()[0] != "Z"
        except OSError:
            return False

    started = time.perf_counter()
    while running() and time.perf_counter() - started < 30:
        time.sleep(0.1)  # (its watch looks every second; the job then cleans up)
    assert not running()


@pytest.mark.parametrize(
    ("source", "folded"),
    [
        ("year: int = 2016  # the year", ["year: int = 2018  # the year"]),
        ("year = 2016\nyear = 2020", ["year = 2016\nyear = 2018"]),  # the last one counts
        ("year = 2016\nyear += 1", ["year = 2016\nyear += 1\nyear = 2018"]),
        ("year = 2016  # a \u2028 b\nn = 1", ["year = 2018  # a \u2028 b\nn = 1"]),
        ("n = 1", ["n = 1\nyear = 2018"]),  # a parameter the cell lacks
        ("%matplotlib inline\nyear = 2016", ["%matplotlib inline\nyear = 2018"]),
        ("year = n = 2016", ["year = n = 2016\nyear = 2018"]),  # chained: not in place
        ('raw = ""; year = 2016', ['raw = "/data/x"; year = 2018']),  # right to left
        ("year = 2016 +", ["year = 2016 +", "year = 2018"]),  # not Python: kept
    ],
    ids=[
        "typed",
        "twice",
        "changed-after",
        "line-separator",
        "absent",
        "ipython-line",
        "chained",
        "two-on-a-line",
        "not-python",
    ],
)
def test_the_run_s_parameters_are_folded_into_the_parameters_cell(source, folded):
    """The teaching copy's parameters cell gets the run's values where they last take
    effect; a cell Python cannot parse keeps papermill's injected cell after it."""
    from papermill.translators import PythonTranslator

    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source), nbformat.v4.new_code_cell("year = 2018")]
    )
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.cells[1].metadata["tags"] = ["injected-parameters"]
    given = {"year": 2018} | ({"raw": "/data/x"} if "raw" in source else {})
    render._normalise_executed(nb, given, staged=Path("/reports/.2018.staging"))
    sources = [cell.source for cell in nb.cells]
    assert sources == [folded[0], *(PythonTranslator.codify(given) for _ in folded[1:])]


def test_the_teaching_copy_saves_no_chart_over_the_edition_s():
    """``charts_dir = "charts"`` made a class's rerun for 2010 (or a reuse's) write its
    charts over this edition's: the copy keeps the notebook's default, no chart saved, in
    the parameters cell and in papermill's cell where that is kept (a cell not folded).
    ``desa_revision`` asked for is folded in as the other parameters are."""
    from papermill.translators import PythonTranslator

    given = {"year": 2018, "charts_dir": "charts", "desa_revision": 2020}
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell('year = 2016\ncharts_dir = ""\ndesa_revision = 0'),
            nbformat.v4.new_code_cell(PythonTranslator.codify(given)),
        ]
    )
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.cells[1].metadata["tags"] = ["injected-parameters"]
    render._normalise_executed(nb, given, staged=Path("/reports/.2018.staging"))
    assert nb.cells[0].source == 'year = 2018\ncharts_dir = ""\ndesa_revision = 2020'
    assert len(nb.cells) == 1
    unparsed = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("year = (2016"), nbformat.v4.new_code_cell("")]
    )
    unparsed.cells[0].metadata["tags"] = ["parameters"]
    unparsed.cells[1].metadata["tags"] = ["injected-parameters"]
    render._normalise_executed(unparsed, given, staged=Path("/reports/.2018.staging"))
    assert unparsed.cells[1].source == PythonTranslator.codify(
        {"year": 2018, "desa_revision": 2020}
    )


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGINT"])
def test_a_stop_while_workers_start_waits_until_they_have(signum):
    """A SIGTERM landing while the pool started a worker (its start half sent) left that
    worker printing "EOFError: Ran out of input" under "error: terminated" (a run stopped
    under load): a stop is held until the jobs are given out, then raised."""
    import signal
    import types

    from analysis import errors

    done = []
    expected = errors.Terminated if signum == "SIGTERM" else KeyboardInterrupt
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(expected), errors.stop_on_sigterm(), errors.stops_held():
        os.kill(os.getpid(), getattr(signal, signum))
        done.append(types.SimpleNamespace())  # the block goes on to its end
    assert len(done) == 1 and signal.getsignal(signal.SIGINT) is before


def test_a_stop_that_lands_in_a_finalizer_is_not_lost():
    """A SIGTERM that landed in a weak reference's callback (a brief run stopped 1.5 s in)
    was printed as "Exception ignored in: ... Terminated" and lost: the run went on and
    ended with exit 0. Python hands such an error to ``sys.unraisablehook``, which now sends
    the stop again, to land in the run's own code."""
    import time
    import types

    from analysis import errors

    hook, start = sys.unraisablehook, time.monotonic()
    with pytest.raises(errors.Terminated), errors.stop_on_sigterm():
        lost = types.SimpleNamespace(exc_value=errors.Terminated(), object=None)
        sys.unraisablehook(lost)  # as Python calls it for a finalizer's exception
        time.sleep(5)  # the run goes on: the stop must come again within it
    assert time.monotonic() - start < 2  # it came at once, not after the run's work
    assert sys.unraisablehook is hook  # put back, as the SIGTERM handler is
