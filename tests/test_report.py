"""The briefing end to end: the report executes the notebook for the latest complete year,
then renders every format; the notebook run by plain papermill from its own folder with its
defaults gives the same page and slides, byte for byte."""

import json
import re
import shutil
import struct
import subprocess
import sys

import nbformat
import pandas as pd
import papermill
import pytest
from pypdf import PdfReader

from analysis import config, numbers, render
from analysis.cli import main
from analysis.errors import InputError
from analysis.report import _job, build_report, default_years

YEAR = 2024  # the latest complete year of the project's extracts: the notebook's default

SECTIONS = [
    "Forcibly displaced people at a glance",
    "Where refugees are hosted",
    "Where refugees come from",
    "The trend over the years",
    "International migrants and migrant workers",
    "Decent work deficits facing migrant workers and refugees",
    "ILO standards and guidance on migrant workers and refugees",
    "Remittances pay above all for families' basic needs",
    "How cooperatives work with migrants and refugees",
    "What the ILO was piloting in 2017: cooperatives for fair recruitment, returnees and refugees",
    "Sources and notes",
]
FETCHED = r'<(script|link|img|iframe|source)\b[^>]*\b(src|href)="(https?:)?//'  # network loads
CODE_MARKERS = ["import ", "load_edition", "display(", "def show", "briefing.publish"]


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    build_report(config.RAW_DIR, out, [YEAR], ["html", "pdf", "slides", "notebook", "charts"])
    return out / str(YEAR)


@pytest.fixture(scope="module")
def headline(project_figures):
    f = project_figures(YEAR)
    return [
        numbers.people(f["forcibly_displaced"]),
        numbers.people(f["refugees_unhcr"]),
        numbers.people(f["refugees_unrwa"]),
        numbers.share(f["top3_origin_share"]),
        numbers.people(f["top_hosts"][0]["refugees"]),
        numbers.people(f["migrant_stock"]),
    ]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_text_and_charts_ask_for_one_typeface(edition):
    """A designer: the page's text in Lato or Segoe UI beside charts in DejaVu Sans (or, on a
    machine without it, the browser's sans-serif): the text asks for the charts' own."""
    import base64

    page = (edition / "briefing.html").read_text()
    charts = [
        base64.b64decode(svg).decode()
        for svg in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page)
    ]
    faces = {face for svg in charts for face in re.findall(r"font-family: ([^;\"]+)", svg)}
    assert charts and faces == {"'DejaVu Sans', sans-serif"}
    stack = re.search(r"--sans: ([^;]+);", page).group(1)
    assert stack.replace('"', "'") == "'DejaVu Sans', sans-serif"
    slides = (edition / "briefing.slides.html").read_text()
    assert re.search(r"--r-main-font: \"DejaVu Sans\", sans-serif;", slides)


def test_html_has_the_figures_and_no_code(edition, headline):
    page = (edition / "briefing.html").read_text()
    text = _text(re.sub(r'src="data:[^"]+"', "", page))
    # the issue brief's UN figures, and the estimate it adds, told apart
    assert (
        "; it gives a separate estimate of about 105 million economically active migrants" in text
    )
    # the pilots' table names its sources, as charts do (an ILO editor)
    assert re.search(r"</table>\s*<p><em>Sources: UNHCR Refugee Population Statistics", page)
    # the seeds' claims said as theirs, dated by the source; the ICA's definition quoted
    assert "The presentation adds that most refugees cannot earn enough" in text
    assert (
        "Of the 145 states parties to the 1951 Refugee Convention, 75 formally granted refugees "
        "the right to work, as stated in the presentation (Esim, ILO, 2017); the presentation "
        "gives no date for the count." in text
    )
    # the data's vintage under the title (and on the title slide): a publisher's reading
    assert "A briefing recomputed from the official statistics \N{EM DASH} UNHCR data: " in text
    # the ILO's estimates on their own basis, apart from UN DESA's count (an ILO editor)
    assert "On its own basis (international migrants aged 15 and over in the labour force" in text
    assert (  # said as a fact of the two counts, not as an instruction (an editor)
        "It is a narrower count than UN DESA's above, of people of working age in the labour "
        "force, in the ILO's own reference year: the two counts measure different things, for "
        "different years, so they neither add up nor compare directly." in text
    )
    # the issue brief's 2010 figures beside the same year in the revision in use
    assert re.search(
        r"UN DESA has since revised its estimates: its 2024 revision gives 221(\.0)? million for "
        r"mid-2010, 3\.\d% of the world's population\.",
        text,
    )
    assert re.search(r"\(\d\d\.\d% at mid-2010\)", text)  # women and girls, then
    assert re.search(r"women were \d+\.\d% of international migrant workers in \d{4} \(ILO", text)
    assert "; the two shares are on different bases and years." in text
    assert "That wider count takes in the self-employed producers who work within" in text
    assert 'defines a cooperative as "an autonomous association of persons' in text
    # other people in need as UNHCR defines them: likely to need protection, not found to
    # ("were in need of international protection without being counted", an editor)
    assert re.search(
        r"Another \d+\.\d million, all of them from the Bolivarian Republic of Venezuela, were "
        r"other people in need of international protection \(outside their country and "
        r"likely to need protection, but not reported as refugees or asylum-seekers\)\.",
        text,
    )
    # UNRWA's share of Gaza's displaced is applied to Gaza and the West Bank together: said
    assert "as the data give one figure for Gaza and the West Bank together: about " in text
    for figure in headline:
        assert figure in text
    for section in SECTIONS:
        assert section in text
    for marker in CODE_MARKERS:
        assert marker not in text
    assert not re.search(FETCHED, page)
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 11 and all('alt="' in img and 'alt=""' not in img for img in images)
    assert "December 2025" in text  # the data's vintage, not the run date
    # UN DESA's world figures as UN DESA writes them, in whole millions
    assert "304 million at mid-2024, up from 154 million in 1990" in text
    # IDMC's and UNRWA's figures, which UNHCR's database gives, are credited to them
    assert "including the figures of UNRWA (Palestine refugees under its mandate)" in text


def test_key_findings_name_the_rankings_basis_once(edition, project_figures):
    """The rankings' basis (UNHCR mandate plus others in need) is the one refugee total in
    the key findings; the glance paragraph gives the parts, not a second, near-equal sum."""
    f = project_figures(YEAR)
    page = _text((edition / "briefing.html").read_text()).replace("&#x27;", "'")
    (box,) = re.findall(r"Key findings(.*?)Forcibly displaced people at a glance", page)
    basis = numbers.people(f["refugees_unhcr"] + f["other_in_need"])
    assert f"{basis} refugees under UNHCR's mandate and other people in need" in box
    # and UNRWA's, as Global Trends' refugee headline counts them too (an editor: 37.4
    # million in 2023 read as at odds with its 43.4 million), not added up (a reviewer)
    assert (
        f"; another {numbers.people(f['refugees_unrwa'])} Palestine refugees were under "
        "UNRWA's mandate."
    ) in box
    unrwa_sum = numbers.people(f["refugees_unhcr"] + f["refugees_unrwa"])
    assert unrwa_sum != basis and unrwa_sum not in page


def test_the_displaced_are_counted_once_as_unhcr_counts_them(
    edition, project_tables, project_figures
):
    """Palestine refugees also displaced inside Gaza are in two groups: the key finding and
    the glance chart count them once, as UNHCR's headline does, and the text says why the
    groups add up to more; UNRWA's estimate is cited."""
    from analysis.reconciliation import counted_twice

    f = project_figures(YEAR)
    twice = counted_twice(project_tables.published, project_tables.idps_conflict, YEAR)
    once, total = numbers.people(f["forcibly_displaced"] - twice.people), f["forcibly_displaced"]
    page = _text((edition / "briefing.html").read_text()).replace("&#x27;", "'")
    (box,) = re.findall(r"Key findings(.*?)Forcibly displaced people at a glance", page)
    assert box.strip().startswith(f"About {once} people were forcibly displaced")
    assert f"Added before rounding, these groups come to {numbers.people(total)}, more" in page
    # the regions of people mostly from one or two origins, in one sentence (2016 had "67%"
    # three times over three sentences)
    assert re.search(
        r"Of those hosted in Europe, \d+% came from Ukraine and \d+% from the Syrian Arab "
        r"Republic; in [^.;]+, \d+% came from ",
        page,
    )
    assert "UNHCR (2024). Mid-Year Trends 2024" in page.split("Reports cited", 1)[1]
    html = (edition / "briefing.html").read_text()
    (alt,) = re.findall(r'id="chart-forcibly_displaced"><img alt="([^"]+)"', html)
    assert alt.startswith(f"About {once} people forcibly displaced")


def test_reports_cited_are_those_the_text_cites(edition):
    """The reference list names each report whose figure the page gives (its citation is in
    the text or the published-and-current table), and no other."""
    import html

    from analysis.sources.published import read_published_figures

    page = html.unescape(_text((edition / "briefing.html").read_text()))
    before, rest = page.split("Reports cited", 1)
    references, after = rest.split("Definitions", 1)
    published = read_published_figures(config.RAW_DIR / "published_figures.csv")
    listed = [t for t in published["title"].unique() if f" {t} . " in references]
    assert len(listed) >= 5
    for title in listed:
        citations = published.loc[published["title"] == title, "cited_as"].unique()
        assert any(c in before or c in after for c in citations), title
    assert "Forced Displacement in 2014" not in references  # a report the page never cites


def test_the_rates_per_1000_say_whom_they_leave_out(edition):
    text = _text((edition / "briefing.html").read_text()).replace("&#x27;", "'")
    assert (
        "countries under 100,000 inhabitants are left out; so are UNHCR's figures for Serbia "
        "and Kosovo, as UN DESA's population there is of Serbia without Kosovo."
    ) in text


def test_the_map_names_countries_as_the_rankings_do(edition, project_figures):
    """UNHCR's names (Türkiye), not the map file's (Turkey), in the map's labels and text,
    as the text writes them ("Curaçao", "Iran (Islamic Republic of)")."""
    from analysis.wording import in_full

    page = (edition / "briefing.html").read_text()
    (alt,) = re.findall(r'id="chart-hosting_map"><img alt="([^"]+)"', page)
    for host in project_figures(YEAR)["top_hosts"][:5]:
        assert f"{in_full(host['name'])} " in alt.replace("&#x27;", "'")


def test_un_desa_s_world_count_reads_the_same_in_text_and_alt_text(edition, project_tables):
    """Whole millions, as UN DESA writes it: "154 million in 1990", not "153.9 million"."""
    from analysis import numbers

    page = (edition / "briefing.html").read_text()
    world = project_tables.migrant_stock.query("kind == 'world'").set_index("year")["migrants"]
    first = numbers.migrants(world[world.index.min()])
    (alt,) = re.findall(r'id="chart-migrant_stock"><img alt="([^"]+)"', page)
    assert f"from {first} in {world.index.min()}" in alt
    assert f"{first} in {world.index.min()}" in page.split('id="chart-migrant_stock"')[0]
    # UN DESA's estimates are of mid-year, in the key findings as in their section
    latest = numbers.migrants(world[world.index.max()])
    text = _text(page)
    assert (
        f"{latest} international migrants lived outside their country of birth or citizenship at "
        f"mid-{world.index.max()}" in text
    )
    assert f"revision counts {latest} at mid-{world.index.max()}, up from {first}" in text


def test_pdf_has_the_figures_pages_and_no_code(edition, headline):
    """The key findings (first pages) and the sources (last page) as printed; the HTML
    test checks the whole page for code, and the PDF is printed from that page."""
    reader = PdfReader(edition / "briefing.pdf")
    pages = [reader.pages[0], reader.pages[1], reader.pages[-1]]
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))
    for figure in headline:
        assert figure in text
    for marker in CODE_MARKERS:
        assert marker not in text
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert f"1 / {len(reader.pages)}" in text
    # no printed line ends on an address's "https://" alone, its host on the next
    lines = [line for page in reader.pages[-3:] for line in page.extract_text().splitlines()]
    assert [line for line in lines if "https://" in line]
    assert not [line for line in lines if line.rstrip().endswith(("https://", "http://"))]
    # nor on an address's hyphen, read as a word's ("refugee-statistics/data-" / "summaries")
    assert not [line for line in lines if re.search(r"https?://\S*-$", line.rstrip())]


def test_slides_name_the_largest_origins_in_full(edition):
    """The origins slide spells out UNHCR's abbreviations ("Syrian Arab Rep."), as the text
    does, beside names given in full."""
    slides = _text((edition / "briefing.slides.html").read_text())
    assert "Syrian Arab Republic: 6.0 million" in slides and "Syrian Arab Rep.:" not in slides
    # what the numbers count, on each: Colombia's 2.8 million "refugees" were mostly others
    assert "Colombia: 2.8 million refugees and others in need" in slides
    assert "Syrian Arab Republic: 6.0 million refugees and others in need" in slides
    assert "Refugee Convention states (Esim, ILO, 2017; count undated)" in slides  # its source


def test_the_key_findings_slide_is_short_bullets_with_the_sentences_in_the_notes(edition):
    """The key-findings slide held the page's four sentences (79 words, in small type)."""
    slides = (edition / "briefing.slides.html").read_text(encoding="utf-8")
    (section,) = [
        s for s in re.findall(r"<section.*?</section>", slides, re.S) if "Key findings" in s
    ]
    notes = re.findall(r'<aside class="notes">.*?</aside>', section, re.S)
    shown = _text(re.sub(r'<aside class="notes">.*?</aside>', "", section, flags=re.S))
    assert "forcibly displaced at the end of 2024" in shown
    assert len(shown.split()) <= 50, shown
    assert notes and "people were forcibly displaced" in _text(notes[0])  # the full sentences


def test_the_ilo_and_cooperative_slides_have_talking_points_and_the_page_the_full_text(edition):
    """The speaker notes of the ILO and cooperative slides held their sections' whole text
    (2,700 to 7,000 characters): a presenter needs a few points, the page keeps the text."""
    slides = (edition / "briefing.slides.html").read_text(encoding="utf-8")
    page = _text((edition / "briefing.html").read_text(encoding="utf-8"))
    sections = re.findall(r"<section.*?</section>", slides, re.S)
    for title in (
        "Remittances pay above all",
        "The issue brief found the cooperative option under\u2011used",  # a slide's heading
    ):  # keeps its compound word on one line ("under-" / "used" broke it)
        (section,) = [s for s in sections if title in s]
        (notes,) = re.findall(r'<aside class="notes">(.*?)</aside>', section, re.S)
        assert "Talking points" in notes and 4 <= notes.count("<li") <= 5
        assert len(_text(notes)) < 800, _text(notes)
    assert "named five obstacles" in page and "Talking points" not in page
    # the sources slide's notes held the definitions and the comparison table too (8,000
    # characters): the references stay, the rest is on the page
    (section,) = [s for s in sections if "Sources and notes" in s]
    notes = _text(" ".join(re.findall(r'<aside class="notes">(.*?)</aside>', section, re.S)))
    assert notes.startswith(" Talking points") or notes.lstrip().startswith("Talking points")
    assert "Reports cited" in notes and "Definitions" not in notes and len(notes) < 3500
    assert "Definitions" in page


def test_a_chart_s_speaker_notes_are_the_text_written_before_it(edition):
    """The regional shares were the notes of the map slide before the regions chart, and the
    rates per 1,000 inhabitants those of the developing-regions chart; seven chart slides
    had no notes at all."""
    slides = (edition / "briefing.slides.html").read_text(encoding="utf-8")
    sections = re.findall(r"<section.*?</section>", slides, re.S)

    def notes_of(alt_start: str) -> str:
        (section,) = [s for s in sections if f'alt="{alt_start}' in s]
        return _text(" ".join(re.findall(r'<aside class="notes">(.*?)</aside>', section, re.S)))

    # each chart's notes open with what it shows (its alternate text), then the text on it
    for alt in ("Where refugees and others in need", "Europe hosted", "Lebanon hosted"):
        assert notes_of(alt).strip().startswith(f"On the chart: {alt}")
    assert "By UNHCR region" not in notes_of("Where refugees and others in need")  # the map
    assert ". By UNHCR region" in notes_of("Europe hosted")
    assert ". Relative to population" in notes_of("Lebanon hosted")
    assert "Relative to population" not in notes_of("74% of refugees")


def test_slides_have_a_slide_per_section(edition):
    slides = (edition / "briefing.slides.html").read_text()
    sections = re.findall(r"<section[ >]", slides)
    assert len(sections) >= len(SECTIONS) + 1
    for section in SECTIONS:
        assert section in slides
    assert "Reveal.initialize" in slides
    assert not re.search(FETCHED, slides)


def test_charts_exist_as_png_and_svg(edition):
    names = {p.stem for p in (edition / "charts").glob("*.png")}
    expected = {"forcibly_displaced", "hosting_by_region", "top_hosts", "top_origins"}
    expected |= {"displacement_trend", "migrant_stock", "migrant_shares", "hosts_per_1000"}
    expected |= {"hosting_map", "origins_since_2000", "hosted_in_developing_regions"}
    assert names == expected
    files = sorted(p.name for p in (edition / "charts").iterdir())
    assert files == sorted(f"{n}.{ext}" for n in names for ext in ("png", "svg"))  # no pickles
    for name in names:
        png = (edition / "charts" / f"{name}.png").read_bytes()
        width = struct.unpack(">I", png[16:20])[0]
        assert width >= 8 * 200  # 8 inches at 200 dpi
        assert (edition / "charts" / f"{name}.svg").read_text().startswith("<?xml")


def test_teaching_copy_keeps_the_code(edition):
    nb = json.loads((edition / "briefing.ipynb").read_text())
    sources = "".join("".join(c["source"]) for c in nb["cells"])
    assert "briefing.load_edition" in sources
    assert nb["metadata"]["papermill"]["parameters"]["year"] == YEAR


def test_notebook_run_from_its_own_folder_with_its_defaults_gives_the_same_bytes(edition, tmp_path):
    """As Jupyter's Run All does: from notebooks/, no parameters. Its page and slides are
    the report's, byte for byte: a second execution changes nothing, and the report adds
    nothing the notebook does not say."""
    out = tmp_path / "run.ipynb"
    papermill.execute_notebook(
        config.NOTEBOOKS_DIR / "briefing.ipynb",
        out,
        cwd=config.NOTEBOOKS_DIR,
        kernel_name="python3",
        progress_bar=False,
        request_save_on_cell_execute=False,  # saved once, at the end
        shutdown_kernel="immediate",  # as the report does: no 2.5 s wait for a slow exit
    )
    executed = nbformat.read(out, as_version=4)
    job = _job(YEAR, config.RAW_DIR, tmp_path, ["html"], None)
    page = render.to_html(executed, title=job["title"], subtitle=job["subtitle"], date=job["date"])
    slides = render.to_slides(executed, title=job["title"], subtitle=job["subtitle"])
    assert page == (edition / "briefing.html").read_text(encoding="utf-8")
    assert slides == (edition / "briefing.slides.html").read_text(encoding="utf-8")


def test_unchanged_rerun_is_skipped_and_says_so(edition, capsys):
    before = {p: p.stat().st_mtime_ns for p in edition.rglob("*")}
    assert main(["report", "--year", str(YEAR), "--out", str(edition.parent)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"{edition}: up to date (nothing changed)\n"
    assert {p: p.stat().st_mtime_ns for p in edition.rglob("*")} == before
    # A failed notebook a run on other inputs left beside the edition is stale: it goes.
    (edition / "briefing.failed.ipynb").write_text("{}")
    assert main(["report", "--year", str(YEAR), "--out", str(edition.parent)]) == 0
    assert capsys.readouterr().err == f"{edition}: up to date (nothing changed)\n"
    assert {p: p.stat().st_mtime_ns for p in edition.rglob("*")} == before


def test_edition_is_recorded_whole_with_no_leftovers(edition):
    record = json.loads((edition / ".build.json").read_text())
    files = {p.relative_to(edition).as_posix() for p in edition.rglob("*") if p.is_file()}
    assert set(record["files"]) == files - {".build.json"}
    assert "charts/top_hosts.svg" in record["files"]
    assert not [p for p in edition.parent.iterdir() if p.name.startswith(".")]
    nb = json.loads((edition / "briefing.ipynb").read_text())
    assert nb["metadata"]["papermill"]["parameters"]["charts_dir"] == "charts"  # beside it


def test_default_editions_are_2016_and_latest_complete_year():
    assert default_years(config.RAW_DIR) == [2016, 2024]


def test_names_in_another_encoding_than_utf8_are_read_or_refused_in_one_line(tmp_path, capsys):
    """Names unzipped from a Windows archive ("r\\xe9fugi\\xe9s.csv.gz") stopped `report`
    with "unexpected UnicodeEncodeError", naming no file, even for a stray file no reader
    opens; a raw folder of such a name failed inside the notebook and left an empty
    notebook as "kept"."""
    import os

    from conftest import make_raw_dir

    raw = make_raw_dir(tmp_path / "raw")
    latin1 = os.fsdecode(b"r\xe9fugi\xe9s.csv.gz")
    shutil.copy(config.RAW_DIR / "unhcr" / "population.csv.gz", raw / "unhcr" / latin1)
    (raw / os.fsdecode(b"notes r\xe9union.txt")).write_text("mine", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["report", "--year", "2024", "--raw-dir", str(raw), "--out", str(out),
                 "--formats", "html"]) == 0  # fmt: skip
    page = (out / "2024" / "briefing.html").read_text(encoding="utf-8")
    assert "file réfugiés.csv.gz (release date not recorded)" in page  # read as Windows-1252
    assert "unhcr/r\\xe9fugi\\xe9s.csv.gz: no extraction" in capsys.readouterr().err  # its bytes
    odd = tmp_path / os.fsdecode(b"raw \xe9t\xe9")
    shutil.copytree(raw, odd)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    assert main(["report", "--year", "2024", "--raw-dir", str(odd), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"error: {tmp_path}/raw \\xe9t\\xe9: the path given as --raw-dir is not valid UTF-8 (a "
        "name in another encoding): rename it, or give another folder\n"
    )
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before  # nothing written


def test_files_that_cannot_be_read_are_said_so_or_left_alone(tmp_path, monkeypatch):
    """A workbook without read access was "not an Excel workbook (.xlsx); is the download
    complete?", and a stray file no reader opens stopped `report` ("notes.txt: Permission
    denied") while `figures` ran. (Root reads files chmod 000: reading them is refused here.)"""
    from pathlib import Path

    from conftest import copy_project_population, make_raw_dir

    from analysis.processed import cache_key
    from analysis.report import check_request

    raw = make_raw_dir(tmp_path / "raw")
    copy_project_population(raw)
    (workbook,) = (raw / "undesa").glob("*.xlsx")
    stray = raw / "unhcr" / "notes.txt"
    stray.write_text("mine", encoding="utf-8")
    denied = {workbook}
    opened, read = Path.open, Path.read_bytes

    def open_(path, *args, **kwargs):
        if path in denied:
            raise PermissionError(13, "Permission denied", str(path))
        return opened(path, *args, **kwargs)

    def read_bytes(path):
        if path in denied:
            raise PermissionError(13, "Permission denied", str(path))
        return read(path)

    monkeypatch.setattr(Path, "open", open_)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(InputError) as raised:
        check_request(raw, [2024], ["html"])
    assert str(raised.value) == (
        f"{workbook}: cannot be read: permission denied (give yourself read access)"
    )
    from analysis import memo

    def open_file(path, *args, **kwargs):  # the file hash reads with open()
        if Path(path) in denied:
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, *args, **kwargs)

    monkeypatch.setattr(memo, "open", open_file, raising=False)
    denied = {stray.resolve()}
    readable = cache_key(raw)
    denied.clear()
    assert cache_key(raw) != readable  # read once it can be: another input


def test_default_editions_the_data_cannot_give_are_said(tmp_path, project_population, capsys):
    """A mid-year release alone built nothing, and said nothing, with exit 0; data from 2020
    on built the latest complete year alone without a word of 2016."""
    from conftest import make_raw_dir

    from analysis.report import check_request

    raw = make_raw_dir(tmp_path / "raw")
    path = raw / "unhcr" / "population.csv"
    project_population[project_population["year"] == "2025"].to_csv(path, index=False)
    with pytest.raises(InputError) as raised:
        check_request(raw, None, ["html"])
    assert str(raised.value) == (
        f"{raw / 'unhcr'}: the data hold 2025, at mid-year only: no complete year for the "
        "default editions; ask for one with --year 2025"
    )
    project_population[project_population["year"] >= "2020"].to_csv(path, index=False)
    capsys.readouterr()
    assert check_request(raw, None, ["html"]) == [2024]
    assert (
        f"warning: {raw / 'unhcr'}: the data hold 2020–2025, not 2016: only the latest complete "
        "year is built (--year chooses others)\n"
    ) in capsys.readouterr().err
    # a table beside it that starts later: what every table gives, not what the data hold
    project_population.to_csv(path, index=False)
    unrwa = pd.read_csv(raw / "unhcr" / "unrwa.csv", dtype=str, keep_default_na=False)
    unrwa[unrwa["year"] >= "2018"].to_csv(raw / "unhcr" / "unrwa.csv", index=False)
    assert check_request(raw, None, ["html"]) == [2024]
    assert (
        f"warning: {raw / 'unhcr'}: every UNHCR table gives 2018–2025, not 2016: only the "
        "latest complete year is built (--year chooses others)\n"
    ) in capsys.readouterr().err


def test_bad_year_refused_before_running_and_outputs_kept(edition):
    before = {p: p.stat().st_mtime_ns for p in edition.iterdir()}
    expected = "no data for 1890; the population file holds 2000–2025"
    with pytest.raises(InputError, match=expected):
        build_report(config.RAW_DIR, edition.parent, [1890], ["html"])
    assert {p: p.stat().st_mtime_ns for p in edition.iterdir()} == before


def test_cli_bad_year_and_bad_format(tmp_path):
    for args in (["--year", "1890"], ["--year", "2016", "--formats", "html,docx"]):
        result = subprocess.run(
            [sys.executable, "-m", "analysis", "report", "--out", str(tmp_path), *args],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())


def test_the_country_brief_s_notebook_is_no_briefing(tmp_path, capsys):
    """``report --notebook notebooks/country_brief.ipynb`` ran the brief with its default
    country and published it as the edition of the year."""
    brief = config.NOTEBOOKS_DIR / "country_brief.ipynb"
    args = ["report", "--year", "2016", "--out", str(tmp_path), "--notebook", str(brief)]
    assert main(args) == 2
    assert capsys.readouterr().err == (
        f"error: {brief}: declares the country brief's parameters (country): expected an "
        "edited copy of briefing.ipynb (country briefs are built by `python -m analysis "
        "briefs`)\n"
    )
    assert not any(tmp_path.iterdir())
    # an edited briefing may declare a parameter of its own
    from analysis.report import _check_edited_copy

    edited = nbformat.read(config.NOTEBOOKS_DIR / "briefing.ipynb", as_version=4)
    cell = next(c for c in edited.cells if "parameters" in c.metadata.get("tags", []))
    cell.source += '\nregion: str = "Europe"  # a teacher\'s own'
    nbformat.write(edited, tmp_path / "mine.ipynb")
    _check_edited_copy(tmp_path / "mine.ipynb")


def test_failing_notebook_keeps_previous_reports(edition, tmp_path, monkeypatch):
    """A raw folder whose population file is broken fails inside the notebook run."""
    import shutil

    raw = tmp_path / "raw"
    shutil.copytree(config.RAW_DIR, raw)
    out = tmp_path / "out"
    shutil.copytree(edition, out / str(YEAR))
    population = raw / "unhcr" / "population.csv.gz"
    import gzip

    text = gzip.decompress(population.read_bytes()).decode()
    lines = text.splitlines()
    lines[5] = lines[5].rsplit(",", 1)[0] + ",-12"
    population.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    before = (out / str(YEAR) / "briefing.html").read_bytes()
    with pytest.raises(InputError) as err:
        build_report(raw, out, [YEAR], ["html"])
    message = str(err.value)
    assert "\n" not in message
    assert "population.csv.gz: line 6, column 'hst'" in message
    assert (out / str(YEAR) / "briefing.html").read_bytes() == before
    # the raw files are checked once, before any notebook runs: no failed notebook to keep
    assert not (out / str(YEAR) / "briefing.failed.ipynb").exists()


def test_desa_revision_refused_before_running_when_absent(tmp_path, capsys):
    args = ["report", "--year", "2016", "--desa-revision", "2019", "--out", str(tmp_path)]
    assert main(args) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "2019 revision" in error
    assert not any(tmp_path.iterdir())


def test_notebook_takes_the_desa_revision():
    from analysis import render
    from analysis.report import NOTEBOOK

    render.check_parameters(NOTEBOOK, {"year": 2016, "desa_revision": 2020})


def test_an_output_path_that_is_a_file_is_one_line(tmp_path, capsys):
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder")
    assert main(["report", "--year", "2016", "--out", str(blocker), "--formats", "html"]) == 2
    assert capsys.readouterr().err == f"error: {blocker}: a file is in the way: expected a folder\n"
    # deeper: the file in the way is named, not the folder asked for
    out = blocker / "sub"
    assert main(["report", "--year", "2016", "--out", str(out), "--formats", "html"]) == 2
    assert capsys.readouterr().err == f"error: {blocker}: a file is in the way: expected a folder\n"


def test_a_reader_that_stops_early_is_no_error(monkeypatch, capsys):
    """`figures | head`: the pipe closes before the JSON is written; nothing to report."""

    class Closed:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            pass

    monkeypatch.setattr(sys, "stdout", Closed())
    assert main(["figures", "--year", "2016"]) == 0
    monkeypatch.undo()
    assert capsys.readouterr().err == ""


def test_the_report_passes_the_notebook_only_what_the_command_sets(tmp_path):
    """It passed top_n=10, overriding the default a teacher had changed in an edited copy."""
    job = _job(YEAR, config.RAW_DIR, tmp_path, ["html"], None)
    assert job["parameters"] == {"year": YEAR, "raw_dir": ""}
    assert (
        _job(YEAR, config.RAW_DIR, tmp_path, ["html"], 2024)["parameters"]["desa_revision"] == 2024
    )


def test_a_mid_year_edition_is_titled_as_one(tmp_path):
    """The 2025 edition, a mid-year count, was titled "...: 2025" in its page, PDF and
    slides, while the index dated it "mid-2025"."""
    latest = _job(2025, config.RAW_DIR, tmp_path, ["html"], None)["title"]
    assert latest.endswith(": mid-2025")
    assert _job(2024, config.RAW_DIR, tmp_path, ["html"], None)["title"].endswith(": 2024")


def test_the_subtitle_dates_a_file_of_no_recorded_release_without_its_name(tmp_path):
    """The 1995 edition of the reference folder (no sources manifest) was subtitled "UNHCR
    data: file population.csv.gz (release date not recorded), data to mid-2025" on its
    cover and title slide (a designer): the sources section names the file; the cover says
    how far the data run."""
    from conftest import make_raw_dir

    raw = make_raw_dir(tmp_path / "raw")  # no manifest
    shutil.copy(config.RAW_DIR / "unhcr" / "population.csv.gz", raw / "unhcr")
    unhcr = {"provisional_years": [2025], "release": "file population.csv (release date not "
             "recorded), data to mid-2025", "credit": "data to mid-2025"}  # fmt: skip
    subtitle = _job(2024, raw, tmp_path, ["html"], None, unhcr=unhcr)["subtitle"]
    assert subtitle.endswith("statistics \N{EM DASH} UNHCR data to mid-2025")
    project = _job(2024, config.RAW_DIR, tmp_path, ["html"], None)["subtitle"]
    assert project.endswith("UNHCR data: database snapshot of December 2025 (data to mid-2025)")


def test_charts_of_a_relative_out_folder_land_in_it(tmp_path, monkeypatch, capsys):
    """`report --out reports --formats charts` run from the project printed
    reports/2016/charts and left it empty: the kernel, run in the notebook's folder, saved
    the charts under notebooks/reports/ (a hostile tester)."""
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--year", "2016", "--out", "out", "--formats", "charts"]) == 0
    charts = sorted(p.name for p in (tmp_path / "out" / "2016" / "charts").iterdir())
    assert "top_hosts.png" in charts and "top_hosts.svg" in charts
    assert not list(config.NOTEBOOKS_DIR.glob("out")), "saved beside the notebook"
