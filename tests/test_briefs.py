"""Country briefs end to end: one batch in parallel, failures, skipping, the index, Dask.

One batch renders the example briefs (HTML only, two jobs) from a copy of the project's raw
folder in which UN DESA's workbook lacks Curaçao, so one brief is of a territory without a
UN DESA row. Bouvet Island, in UNHCR's country table but with no figures, is the country
that fails. The batch runs once per test session, whichever pytest-xdist worker asks first
(a file lock; the xdist_group mark is kept for when loadgroup scheduling honours it).
"""

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analysis import config, country, notices, numbers, wording
from analysis.briefs import build_briefs, choose
from analysis.builds import BUILD_FILE, build_key
from analysis.cli import main
from analysis.errors import InputError
from analysis.processed import load_tables

pytestmark = pytest.mark.xdist_group("briefs")

YEAR = 2024
# A large host (with people abroad too), an origin, a territory (with few people abroad)
EXAMPLES = ["TUR", "AFG", "CUW", "HTI"]  # HTI: 5 refugees, shown as 5 from 1 to 4
HYPHENATED = "GNB"  # Guinea-Bissau: a name Markdown escapes
TERRITORY = "CUW"  # left out of UN DESA's workbook in the test's raw folder
FAILING = "BVT"  # in UNHCR's country table, with no figures at all
FETCHED = r'<(script|link|img|iframe|source)\b[^>]*\b(src|href)="(https?:)?//'
CODE_MARKERS = ["import ", "load_brief", "display(", "cb.", "tables."]


def _text(page: str) -> str:
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r'(src|href)="data:[^"]+"', "", page)
    return " ".join(re.sub(r"<[^>]+>", " ", page).split()).replace("&#x27;", "'")


def _run(*args: str) -> subprocess.CompletedProcess:
    """``python -m analysis`` in a fresh process (its exit status and output as a user sees)."""
    env = {**os.environ, "PYTHONPATH": str(config.PACKAGE_DIR.parent)}
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.PROJECT_ROOT,
        check=False,
    )


def _once(tmp_path_factory, name: str, make) -> tuple[Path, dict]:
    """``make(folder)`` run once for all xdist workers of the session: the folder and the
    JSON result."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the session's folder, shared by its workers
    folder, done = root / name, root / f"{name}.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            done.write_text(json.dumps(make(folder)))
    return folder, json.loads(done.read_text())


def _without_territory(raw: Path) -> dict:
    """Copy the project's raw folder to ``raw``, the territory's rows taken out of UN DESA's
    tables and without UNHCR's solutions table (returns nothing to remember)."""
    shutil.copytree(config.RAW_DIR, raw)
    (raw / "unhcr" / "solutions.csv.gz").unlink()  # resettlement cannot be shown
    (workbook,) = (raw / "undesa").glob("*.xlsx")
    book = openpyxl.load_workbook(workbook)
    for sheet in book.worksheets:
        rows = [
            cells[0].row
            for cells in sheet.iter_rows()
            if any(
                isinstance(c.value, str) and c.value.strip().rstrip("*") == "Curaçao" for c in cells
            )
        ]
        for row in reversed(rows):
            sheet.delete_rows(row)
    book.save(workbook)
    return {}


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    folder, _ = _once(tmp_path_factory, "briefs-raw", lambda f: _without_territory(f / "raw"))
    return folder / "raw"


@pytest.fixture(scope="module")
def tables(raw):
    return load_tables(raw)


def _briefs(raw, out, countries, *more, formats="html"):
    return _run(
        "briefs",
        "--year",
        str(YEAR),
        "--countries",
        ",".join(countries),
        "--raw-dir",
        str(raw),
        "--out",
        str(out),
        "--formats",
        formats,
        *more,
    )


@pytest.fixture(scope="module")
def batch(raw, tmp_path_factory):
    """The examples and the failing country, in one batch over two jobs: the reports folder
    and the command's exit status, stdout and stderr."""

    def make(folder: Path) -> dict:
        run = _briefs(
            raw,
            folder / "reports",
            [*EXAMPLES, HYPHENATED, FAILING],
            "--jobs",
            "2",
            formats="html,slides",
        )
        return {"returncode": run.returncode, "stdout": run.stdout, "stderr": run.stderr}

    folder, result = _once(tmp_path_factory, "briefs-batch", make)
    return folder / "reports", subprocess.CompletedProcess([], **result)


def _page(out, code):
    return (out / "briefs" / str(YEAR) / code / "briefing.html").read_text(encoding="utf-8")


def test_a_failing_country_does_not_stop_the_others(batch):
    out, run = batch
    assert run.returncode == 1, run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert errors[0].startswith(
        f"error: brief {FAILING} (Bouvet Island) failed: no figures for Bouvet Island"
    )
    assert errors[1:] == [f"error: 1 of {len(EXAMPLES) + 2} briefs failed"]
    assert run.stdout.splitlines()[0] == f"{len(EXAMPLES) + 1} briefs built"
    for code in EXAMPLES:
        assert (out / "briefs" / str(YEAR) / code / "briefing.html").is_file()
    # refused before any kernel started: no cell named, no failed notebook kept
    assert "the notebook stopped at" not in run.stderr
    assert not (out / "briefs" / str(YEAR) / FAILING).exists()


@pytest.mark.parametrize("code", EXAMPLES)
def test_briefs_carry_their_computed_figures(batch, tables, code):
    out, _ = batch
    page = _page(out, code)
    text = _text(page)
    name = tables.countries.set_index("iso3").at[code, "name"]
    hosted = tables.by_asylum.query("iso3 == @code and year == @YEAR")
    abroad = tables.by_origin.query("iso3 == @code and year == @YEAR")
    in_need = hosted["refugees"].fillna(0).sum() + hosted["oip"].fillna(0).sum()
    from_country = abroad["refugees"].fillna(0).sum() + abroad["oip"].fillna(0).sum()
    title = wording.in_full(name)  # spelt out and accented: "Curaçao" for UNHCR's "Curacao"
    assert f"<title>{title}: refugees, displacement and migration</title>" in page
    assert f"Country brief, {YEAR}" in text
    assert f"{numbers.people(in_need)} refugees and others in need" in text
    if from_country >= country.MIN_CHARTED:  # a key finding
        assert f"{numbers.people(from_country)} refugees and others in need" in text
    elif from_country:  # too few for a key finding: given in its section
        assert f" {numbers.people(from_country)} " in text.split("Refugees from the country")[1]
    # no place among some 190 countries for fewer than a thousand people ("179th of 194")
    ranked = re.search(r"of \d+ countries and territories of origin", text) is not None
    assert ranked == (from_country >= country.MIN_CHARTED), (code, from_country)
    # no rate from a count of 5 that may stand for 1 to 4 (Haiti: "about one for every 2.4
    # million" of its inhabitants)
    too_few = 0 < in_need <= 5 and country.small_counts_note(tables) != ""
    rated = in_need > 0 and not too_few and code != TERRITORY  # (no population there)
    assert ("Measured against its population" in text) == rated, code
    assert ("a figure of 5 may stand for fewer people." in text.split("Hosting")[1]) == too_few
    # the returns and resettlement: one sentence whose clauses each name the country ("...
    # left it" after a clause naming another could be that one's), the largest first
    sentence = rf"During {YEAR}, (?:[^.]|\.\d)*?(?:country|abroad|asylum)\."  # "1.2 million"
    for said in re.findall(sentence, text):
        assert said.count(title) >= 1 and not re.search(r"\bit\b", said), said
    # UNHCR's count of internally displaced people returning home is its own, not IDMC's
    back = hosted["returned_idps"].fillna(0).sum()
    returning = country.count(back, "internally displaced person", "internally displaced people")
    said = f"UNHCR counted {returning} returning home: its own count, apart from IDMC's estimate"
    assert (said in text) == bool(back)
    # UN DESA's estimates are of mid-year, in the key findings as in their section
    migrants = f"international migrants lived in {title} at mid-{YEAR}"
    assert (migrants in text) == (not country.migrant_stock(tables, code, YEAR).empty)
    seekers = abroad["asylum_seekers"].fillna(0).sum()  # the chart abroad counts them too
    finding = f"{numbers.people(seekers)} asylum-seekers from {title} were awaiting a decision"
    assert (finding in text) == (seekers >= country.MIN_CHARTED and seekers > from_country)
    # the largest one-year change of the people hosted that doubled or halved them, told
    # (Türkiye's 2014; not Curaçao's of 2018, the first count of other people in need,
    # which a note tells)
    rows = tables.by_asylum.query("iso3 == @code and 2000 <= year <= @YEAR")
    series = (rows["refugees"].fillna(0) + rows["oip"].fillna(0)).groupby(rows["year"]).sum()
    oip = rows.groupby("year")["oip"].sum()
    least = max(country.MIN_CHARTED, country.STEP_OF_PEAK * series.max())
    steps = [
        (abs(now - before), year)
        for (year, now), before in zip(series.iloc[1:].items(), series.iloc[:-1], strict=True)
        if abs(now - before) >= least
        and 2 * min(now, before) <= max(now, before)
        and not (oip[year] > 0 and not oip[oip.index < year].any())
    ]
    if steps and series.max() >= country.MIN_CHARTED:
        year = max(steps)[1]
        step = re.search(r"The number [a-z0-9% -]+ in one year, from .*? in (\d{4}) to .*? in "
                         r"(\d{4})\.", text)  # fmt: skip
        assert step and step.groups() == (str(year - 1), str(year)), text
    # a trend of the internally displaced from 2009 (Afghanistan) starts where IDMC's figures
    # by country do, not where the country's displacement did
    idmc = tables.idps_conflict
    first = idmc.loc[idmc["iso3"].isin(tables.countries.query("is_country")["iso3"]), "year"].min()
    own = idmc.query("iso3 == @code and year <= @YEAR and idps_conflict > 0")
    said = f"(IDMC's figures by country start in {first}.)"
    if len(own) > 1 and own["year"].min() == first and YEAR in set(own["year"]):
        assert said in text
    for marker in CODE_MARKERS:
        assert marker not in text
    assert not re.search(FETCHED, page)
    assert not re.search(r"\b0 (refugees|countries|people|asylum-seekers|migrants)\b", text)
    assert "nan" not in text.split() and "n/a" not in text
    assert "\\" not in text  # no Markdown escape shown


def test_briefs_read_naturally_for_each_kind_of_country(batch, tables):
    out, _ = batch
    turkey, afghanistan = _text(_page(out, "TUR")), _text(_page(out, "AFG"))
    assert "Türkiye hosted" in turkey and "the second-largest of" in turkey
    # the rank is the country's: not "1.1 million refugees ..., the second-largest of"
    assert "in Türkiye at the end of 2024; it was the second-largest of " in turkey
    assert " host countries and territories" in turkey  # Aruba, Curaçao... are among them
    assert "from Afghanistan lived abroad" in afghanistan
    assert "from Türkiye lived abroad" in turkey  # a host with people abroad: both sides
    # the key findings open with the larger side: Afghanistan's 5.8 million abroad came
    # after the 20,900 refugees it hosted
    assert afghanistan.index("lived abroad at the end") < afghanistan.index("lived in Afghanistan")
    assert turkey.index("lived in Türkiye at the end") < turkey.index("from Türkiye lived abroad")
    # its asylum-seekers abroad outnumber its refugees abroad: the country named once
    assert "their claim in other countries at the end of 2024, more than its " in turkey
    note = country.small_counts_note(tables)  # in its notes: a 5 may be fewer
    assert note and note in turkey
    idps = tables.idps_conflict.query("iso3 == 'AFG' and year == @YEAR")["idps_conflict"].sum()
    assert f"{numbers.people(idps)} people were internally displaced" in afghanistan
    assert "The data in use have no solutions table, so they cannot show resettlement" in (
        afghanistan
    )
    assert "IDMC's figures include no estimate" in turkey
    # a change into the brief's year that IDMC's trend runs through (Haiti: to 1.0 million)
    haiti = _text(_page(out, "HTI"))
    assert re.search(r"In 2024 alone the estimate rose by [\d,]+, from [\d,]+ in 2023; ", haiti)
    stock = tables.migrant_stock.query("iso3 == 'TUR' and year == @YEAR").iloc[0]
    assert f"{numbers.share(stock['migrant_share'], 1)} of its population" in turkey
    territory = _text(_page(out, TERRITORY))
    assert "International Migrant Stock (2024 revision) gives no estimate for" in territory
    # stateless people: the overlap with refugees is not in the data, and not suggested
    stateless = tables.by_asylum.query("iso3 == 'TUR' and year == @YEAR")["stateless"].sum()
    assert stateless > 0
    assert (
        f"UNHCR's figures also record {numbers.people(stateless)} stateless people in Türkiye"
    ) in turkey
    assert "may also be counted as refugees" not in turkey
    # for 420 people, fewer than a key finding counts, the overlap is not discussed
    assert stateless < country.MIN_CHARTED and "UNHCR counts a stateless person" not in turkey


def test_a_chart_title_names_only_the_groups_of_the_brief_s_year(batch, tables):
    """Curaçao hosted no refugee and no asylum-seeker in 2024, only other people in need:
    its chart's title said "11,600 refugees, asylum-seekers and others in need"."""
    out, _ = batch
    rows = tables.by_asylum.query("iso3 == @TERRITORY and year == @YEAR")
    assert rows["refugees"].sum() == rows["asylum_seekers"].sum() == 0 < rows["oip"].sum()
    title = f"{numbers.people(rows['oip'].sum())} other people in need of international "
    assert f'alt="{title}protection hosted in Curaçao in {YEAR}.' in _page(out, TERRITORY)


def test_a_name_markdown_escapes_is_shown_as_written_and_is_no_narrower_place(batch):
    """Guinea-Bissau's name, escaped once for Markdown, was escaped again as UN DESA's place:
    "lived in Guinea\\-Bissau", and a place unlike the country's name (as Serbia without
    Kosovo is) could refuse the rate per 1,000."""
    out, _ = batch
    text = _text(_page(out, HYPHENATED))
    assert "\\" not in text
    assert "international migrants lived in Guinea-Bissau at mid-2024" in text
    assert "Measured against its population, Guinea-Bissau hosted" in text
    assert "No rate per 1,000 inhabitants is given" not in text


def test_index_lists_every_brief_offline_and_searchable(batch):
    out, _ = batch
    page = (out / "index.html").read_text(encoding="utf-8")
    for code in EXAMPLES:
        assert f'href="briefs/{YEAR}/{code}/briefing.html"' in page
    assert FAILING not in page
    assert 'id="filter"' in page and "<script>" in page and not re.search(FETCHED, page)
    assert "<link" not in page and "http" not in page
    # the box finds a country by the names readers use, not only UNHCR's ("Turkey")
    (turkey,) = re.findall(r'<tr data-search="(Türkiye[^"]*)"', page)
    assert "Turkey" in turkey.split(" ") and "TUR" in turkey
    # listed as a heading writes the name, found by UNHCR's ("Curacao") as well
    (curacao,) = re.findall(r'<tr data-search="([^"]*)"><td>Curaçao <small>CUW</small>', page)
    assert "Curacao" in curacao.split(" ")
    # on a phone the table scrolls in its own box: the page was 518 pixels wide at 390
    assert re.search(r'<div class="rows">\s*<table>', page) and ".rows{overflow-x:auto}" in page


def test_index_gives_each_edition_the_figure_of_its_own_raw_folder(tmp_path, project_tables):
    """The world figure beside an edition is the one its briefing gives, from the raw folder
    it was built from (its notebook's parameters), not from the briefs' folder."""
    from analysis.index import editions, page
    from analysis.reconciliation import counted_twice

    def edition(year: int, raw_dir: str, notebook: bool = True) -> None:
        folder = tmp_path / str(year)
        folder.mkdir()
        (folder / "briefing.html").write_text("<p>")
        parameters = {"year": year, "raw_dir": raw_dir}
        if notebook:  # built before the build record kept the parameters
            notebook = {"metadata": {"papermill": {"parameters": parameters}}, "cells": []}
            (folder / "briefing.ipynb").write_text(json.dumps(notebook))
        else:  # HTML alone: the record of the build has them
            (folder / BUILD_FILE).write_text(json.dumps({"parameters": parameters}))

    edition(2024, "", notebook=False)  # the project's raw folder, as make report builds it
    edition(2016, str(tmp_path / "gone"))  # a raw folder no longer there: no figure
    edition(1995, "", notebook=False)  # a year without a total: "–", as briefs show it
    entries = editions(tmp_path, tables=None)
    found = {e.year: e.figures[0] for e in entries}
    assert [e.when for e in entries] == ["2024", "2016", "1995"]
    assert "the people forcibly displaced in the world" in page(entries)
    assert "in the world" not in page([])  # the lead names only the figures listed
    twice = counted_twice(project_tables.published, project_tables.idps_conflict, 2024)
    total = project_tables.totals.set_index("year").at[2024, "forcibly_displaced"]
    assert found == {2024: f"about {numbers.people(total - twice.people)}", 2016: "", 1995: "–"}
    # beside it, UNHCR's headline as first published (Global Trends 2024), where there is one
    published = project_tables.published.query("figure == 'forcibly_displaced' and year == 2024")
    beside = {e.year: e.figures[1] for e in entries}
    assert beside == {2024: numbers.people(published["value"].iloc[0]), 2016: "", 1995: "–"}
    assert '<th class="num">As first published</th>' in page(entries)


def test_names_and_codes_resolve(tables):
    asked = ["Turkey", "Türkiye", "Iran", "Côte d'Ivoire", "tur"]
    assert choose(tables, YEAR, countries=asked) == ["TUR", "IRN", "CIV"]
    # names as people write them: ISO's turned round, UNHCR's spelt out, common ones
    asked = ["Republic of Korea", "DRC", "Burma", "Ivory Coast", "South Korea", "Kosovo"]
    assert choose(tables, YEAR, countries=asked) == ["KOR", "COD", "MMR", "CIV", "SRB"]
    assert choose(tables, YEAR, countries=["XKX"]) == ["SRB"]  # Kosovo's code: with Serbia
    assert "XKX: UNHCR counts Kosovo with Serbia (" in notices.issued()[-1]  # said
    # a leading article, "St" for Saint, a name without its bracketed qualifier when no
    # other country shares it
    asked = ["The Gambia", "St Lucia", "St. Kitts and Nevis", "Micronesia", "Bolivia"]
    assert choose(tables, YEAR, countries=asked) == ["GMB", "LCA", "KNA", "FSM", "BOL"]
    with pytest.raises(InputError, match="'Korea' is in the names of 2 countries"):  # not one
        choose(tables, YEAR, countries=["Korea"])
    # a country UNHCR's table does not hold is chosen, and its brief fails alone
    assert choose(tables, YEAR, countries=["Falkland Islands"]) == ["FLK"]
    for code, what in (("XXA", "Stateless"), ("unk", "Unknown")):  # never a guessed country
        with pytest.raises(InputError, match=f"is UNHCR's code for {what}, not a country"):
            choose(tables, YEAR, countries=[code])
    for name in ("Stateless", "stateless persons"):  # it suggested the State of Palestine
        with pytest.raises(InputError, match=f"'{name}' is no country: UNHCR's tables give it "):
            choose(tables, YEAR, countries=[name])
    with pytest.raises(InputError, match="unknown country 'Unknownland'"):  # no UNHCR code's
        choose(tables, YEAR, countries=["Unknownland"])
    hosts = choose(tables, YEAR, top_hosts=3)
    assert len(hosts) == 3 and "TUR" in hosts
    assert set(EXAMPLES) <= set(choose(tables, YEAR, every=True))
    assert FAILING not in choose(tables, YEAR, every=True)


def test_names_split_at_their_commas_are_read_whole_and_names_meant_otherwise_said(tables):
    """--countries "Korea, Republic of" gave two errors, the second for 'Republic of'; and
    "Congo, Dem. Rep." the Republic of the Congo; "Yugoslavia" suggested Latvia, and "Congo"
    gave the Republic of the Congo without a word (a country analyst)."""
    asked = ["Korea", "Republic of", "Congo", "Dem. Rep.", "TUR"]  # as the command splits them
    assert choose(tables, YEAR, countries=asked) == ["KOR", "COD", "TUR"]
    # a name whose parts each name a country: one brief, not Hong Kong's and China's (a
    # reviewer); two names stay two
    asked = ["Hong Kong SAR", "China", "Sudan", "South Sudan"]
    assert choose(tables, YEAR, countries=asked) == ["HKG", "SDN", "SSD"]
    # nor codes read together as a name ("CH,AD" had given Chad: a reviewer)
    asked = ["CYP", "RUS", "CH", "AD", "ITA", "LY"]
    assert choose(tables, YEAR, countries=asked) == ["CYP", "RUS", "CHE", "AND", "ITA", "LBY"]
    with notices.collect() as said:
        assert choose(tables, YEAR, countries=["Yugoslavia", "Congo"]) == ["SRB", "COG"]
    assert said[0].startswith("Yugoslavia: UNHCR gives the figures of the Federal Republic of")
    assert said[0].endswith("the brief is that of SRB")
    assert said[1] == (
        "Congo: taken as the Republic of the Congo (COG), as UNHCR and ISO 3166 name it; the "
        "Democratic Republic of the Congo is COD"
    )
    with pytest.raises(InputError, match="unknown country 'Republic of'"):  # alone, unknown
        choose(tables, YEAR, countries=["Republic of", "TUR"])


def test_a_new_state_asked_for_before_it_split_says_where_it_was_counted(tables):
    """Montenegro of 2005 "has no figures; the data record some in 2006-2025", with no word
    that UNHCR counted it with Serbia until then (a country analyst)."""
    with pytest.raises(InputError) as refused:
        country.check_figures(tables, "MNE", "Montenegro", 2005)
    assert str(refused.value).endswith(
        "; until June 2006, UNHCR's figures count Montenegro's under Serbia and Montenegro: "
        "ask for SRB"
    )


def test_no_hosts_to_rank_is_said_not_silently_nothing(tables):
    """A download aggregated by origin has no hosts: --top-hosts says so (it built nothing)."""
    import dataclasses

    by_origin_only = dataclasses.replace(tables, by_asylum=tables.by_asylum.iloc[0:0])
    with pytest.raises(InputError, match="no hosts to rank in 2024"):
        choose(by_origin_only, YEAR, top_hosts=3)
    assert choose(by_origin_only, YEAR, top_origins=3)  # the origins are there


def test_unknown_country_fails_cleanly_with_suggestions(raw, tmp_path, capsys):
    args = ["briefs", "--year", str(YEAR), "--countries", "TUR,Icelnd", "--raw-dir", str(raw)]
    assert main([*args, "--out", str(tmp_path)]) == 2
    # (the raw folder's own warnings come first when its tables are built in this test)
    (line,) = [e for e in capsys.readouterr().err.splitlines() if e.startswith("error")]
    assert line.startswith("error: unknown country 'Icelnd'; did you mean Iceland (ISL)")
    assert not (tmp_path / "briefs").exists()


def test_a_country_unhcr_s_table_lacks_fails_alone(raw, tmp_path, capsys):
    """Tokelau, an ISO 3166 country UNHCR's table does not hold, stopped the whole batch
    before anything ran (exit 2), where Bouvet Island's brief fails alone (exit 1)."""
    tables = load_tables(raw)
    assert choose(tables, YEAR, countries=["Tokelau", "BVT"]) == ["TKL", "BVT"]
    args = ["briefs", "--year", str(YEAR), "--countries", "Tokelau,BVT", "--raw-dir", str(raw)]
    assert main([*args, "--out", str(tmp_path)]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error")]
    assert errors[0] == (
        "error: brief TKL (Tokelau) failed: Tokelau (TKL) is not in UNHCR's country table: "
        "UNHCR's data hold no figures for it"
    )
    assert errors[-1] == "error: 2 of 2 briefs failed"


def test_unchanged_rerun_skips(batch, raw):
    out, _ = batch
    pages = sorted((out / "briefs").rglob("briefing.html"))
    stamps = [p.stat().st_mtime_ns for p in pages]
    again = _briefs(raw, out, EXAMPLES, formats="html,slides")  # as the batch built them
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[0] == f"{len(EXAMPLES)} briefs up to date"
    assert [p.stat().st_mtime_ns for p in pages] == stamps


def test_a_mid_year_brief_dates_and_credits_its_figures(tmp_path, project_tables):
    """At mid-2025: the internally displaced are UNHCR's estimate on IDMC's end-2024 figure
    (IDMC makes no mid-year one), UNRWA's count is dated at mid-year, and Palestine's
    refugees abroad are those under UNHCR's mandate, outside UNRWA's fields."""
    year = max(project_tables.provisional_years)
    built = build_briefs(
        config.RAW_DIR,
        tmp_path,
        year,
        countries=["PSE", "KHM", "LBN", "BGD", "EGY", "UKR"],
        formats=["html"],
        jobs=1,  # the other test worker keeps the second core busy
        progress=False,
    )
    assert [o.status for o in built.outcomes] == ["built"] * 6
    # the year's movements, counted to a date the release does not give: said (an editor)
    lebanon = _text((tmp_path / "briefs" / str(year) / "LBN" / "briefing.html").read_text())
    assert wording.FLOWS_TO_NO_DATE in lebanon
    assert re.search(
        r"UNHCR counted [\d,]+ internally displaced people returning home \(to a date the "
        r"release does not give, possibly after mid-year\)\.",
        lebanon,
    )
    # Egypt's returns in 2025 (part) outnumber the refugees it hosted at the end
    # of 2024: they were all called refugees who left it
    egypt = _text((tmp_path / "briefs" / str(year) / "EGY" / "briefing.html").read_text())
    hosted = project_tables.by_asylum.query("iso3 == 'EGY' and year == @year - 1")["refugees"]
    assert (
        f"are more than the {numbers.people(hosted.sum())} refugees it hosted at the end of "
        f"{year - 1}: they take in people not counted there as refugees at that date."
    ) in egypt
    # a mid-year rank is set beside the year-end one before it (Colombia "the largest" at
    # mid-2025 only as the Islamic Republic of Iran's count halved)
    bangladesh = _text((tmp_path / "briefs" / str(year) / "BGD" / "briefing.html").read_text())
    before = country.rank(project_tables.by_asylum, "BGD", year - 1)[0]
    assert f", up from {country.ordinal(before)} at the end of {year - 1}." in bangladesh
    # Bangladesh's stateless people are as many as the refugees from Myanmar (the Rohingya,
    # whom UNHCR counts in both groups): the brief said only that the figures do not say
    bangladesh = _text((tmp_path / "briefs" / str(year) / "BGD" / "briefing.html").read_text())
    from_myanmar = country.partners(project_tables, "BGD", year, "origins").at[0, "people"]
    assert (
        "UNHCR counts a stateless person who is also a refugee, an asylum-seeker or another "
        "person in need of international protection in both groups; these figures do not say "
        "how many are in both. The stateless people are about as many as the "
        f"{numbers.people(from_myanmar)} refugees and others in need from Myanmar that Bangladesh "
        "hosted, "
        "and may be the same people."
    ) in bangladesh
    # Lebanon's UNRWA count fell by half when UNRWA's gave 495,764 people no field
    lebanon = _text((tmp_path / "briefs" / str(year) / "LBN" / "briefing.html").read_text())
    unknown = project_tables.unrwa_by_field.query("year == @year and iso3 == 'UNK'")
    before = project_tables.unrwa_by_field.query("year == @year - 1 and iso3 == 'LBN'")
    assert (
        f"UNRWA's count at mid-{year} also gives "
        f"{numbers.people(unknown['refugees_unrwa'].sum())} registered refugees whose field "
        "of operation is not known, so the number in Lebanon, down from "
        f"{numbers.people(before['refugees_unrwa'].sum())} at the end of {year - 1}, may not "
        "compare with earlier years'."
    ) in lebanon
    assert f"Palestine refugees were registered with UNRWA in Lebanon at mid-{year}" in lebanon
    # where the returns went, and whose refugees were resettled, by name ("8 of its refugees
    # abroad" after "left Niger to return to Nigeria" could be Nigeria's), apart by ";"
    went = country.returned_to(project_tables, "EGY", year)
    resettled = project_tables.resettlement.query("origin_iso3 == 'EGY' and year == @year")
    assert f"refugees left Egypt to return to {went}; and " in egypt and "," in went
    # by where they fled, not read as leaving the country whose brief it is (an editor)
    fled = f"{numbers.people(resettled['resettled'].sum())} refugees who had fled Egypt were "
    assert f"{fled}resettled from a first country of asylum to a third country" in egypt
    assert "refugees it hosted at the end of" not in lebanon  # fewer returns than refugees
    # no estimate for Egypt at mid-year: said in plain words, with whose estimates they are;
    # and IDMC's figures hold none for it at the end of the year before either, so UNHCR's
    # do not "record no people" there: there is no figure (an editor)
    assert project_tables.idps_conflict.query("iso3 == 'EGY' and year == @year - 1").empty
    assert (
        f"Neither IDMC's figures for the end of {year - 1} nor UNHCR's mid-{year} estimates "
        "include a figure for people internally displaced by conflict and violence in Egypt."
    ) in egypt
    assert "record no people" not in egypt
    # Cambodia's displaced at mid-2025 have no IDMC figure of the end of 2024 under them
    cambodia = _text((tmp_path / "briefs" / str(year) / "KHM" / "briefing.html").read_text())
    assert f"a provisional figure (IDMC gives none for the end of {year - 1})." in cambodia
    assert f"{year} (UNHCR's mid-year estimate)." in cambodia  # UNHCR's alone
    text = _text((tmp_path / "briefs" / str(year) / "PSE" / "briefing.html").read_text())
    idps = project_tables.idps_conflict.query("iso3 == 'PSE' and year == @year")
    before = project_tables.idps_conflict.query("iso3 == 'PSE' and year == @year - 1")
    before = before["idps_conflict"].sum()  # the trend ends there: both are given
    assert (
        f"UNHCR estimated that {numbers.people(idps['idps_conflict'].sum())} people were "
        f"internally displaced by conflict and violence in the State of Palestine at mid-{year}: "
        + (  # the same as IDMC's end-2024 figure, to the person (Ukraine's 3,712,000 against
            # 3,665,000 was "the same" as written); else UNHCR's adjustment
            f"a provisional estimate, the same as IDMC's figure for the end of {year - 1} "
            f"({numbers.people(before)})"
            if idps["idps_conflict"].sum() == before
            else f"a provisional estimate, about the same as IDMC's figure for the end of "
            f"{year - 1} ({numbers.people(before)})"
            if numbers.people(idps["idps_conflict"].sum()) == numbers.people(before)
            else f"a provisional estimate, which starts from IDMC's figure for the end of "
            f"{year - 1} ({numbers.people(before)}) and adjusts it for the changes UNHCR "
            f"recorded in the first half of {year}"
        )
        # the overlap with UNRWA's refugees, as the key finding gives it
        + country.unrwa_among_displaced(project_tables, "PSE", year).replace("\\", "")
        + "."  # (as the page shows the Markdown: "Mid-Year", not "Mid\\-Year")
    ) in text
    assert "; about 1.4 million of them were Palestine refugees registered with UNRWA" in text
    assert "The Internal Displacement Monitoring Centre (IDMC) estimated" not in text
    # Ukraine's 3,712,000 at mid-2025 beside IDMC's 3,665,000 is no "same" estimate; both
    # are "3.7 million" as written, so not "adjusted" from 3.7 million to 3.7 million either
    ukraine = _text((tmp_path / "briefs" / str(year) / "UKR" / "briefing.html").read_text())
    idps = project_tables.idps_conflict.query("iso3 == 'UKR'").groupby("year")["idps_conflict"]
    now, before = idps.sum()[year], idps.sum()[year - 1]
    assert now != before and numbers.people(now) == numbers.people(before)
    assert (
        f"a provisional estimate, about the same as IDMC's figure for the end of {year - 1} "
        f"({numbers.people(before)})."
    ) in ukraine
    # the trend's last year-end fall, all in the Russian Federation's count, is said so at
    # mid-year too ("then fell to 5.1 million at the end of 2024" read as people going home)
    abroad = country.by_year(project_tables.by_origin, "UKR", year)["in_need"]
    trend_end = f"then fell to {numbers.people(abroad[year - 1])} at the end of {year - 1}."
    assert f"{trend_end} The fall was all in the count for the Russian Federation (from " in ukraine
    assert (
        f"Internal displacement: UNHCR's mid-year estimate, based on IDMC's end-{year - 1} figures."
    ) in text
    assert f"Palestine refugees were registered with UNRWA at mid-{year}," in text
    assert (
        f"lived abroad at mid-{year}; these refugees are under UNHCR's mandate, outside UNRWA's "
        "fields of operation."
    ) in text
    # UNRWA's other fields are three; its row of unknown field is none of them
    fields = project_tables.unrwa_by_field.query("year == @year").set_index("iso3")
    fields = fields["refugees_unrwa"]
    abroad, unknown = fields[["JOR", "LBN", "SYR"]].sum(), fields.drop(["JOR", "LBN", "SYR", "PSE"])
    assert len(unknown) == 1 and unknown.iloc[0] > 0  # "Unknown", in the December 2025 release
    assert (
        f"UNRWA registered {numbers.people(abroad)} Palestine refugees in Jordan, Lebanon and "
        f"the Syrian Arab Republic at mid-{year}, and {numbers.people(unknown.iloc[0])} more "
        "whose field of operation the data give as unknown."
    ) in text
    assert f"{numbers.people(fields.sum())} Palestine refugees were registered with UNRWA" in text
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert f"<td>State of Palestine <small>PSE</small></td><td>mid-{year}</td>" in index


def test_tables_of_another_date_leave_out_only_their_own_figures(tmp_path, project_population):
    """A download of May 2025 gives 2024 at mid-year beside year-end tables: the brief said
    returns were left out with resettlement (returns come from the population file), and
    said nothing where UNRWA's count was left out. The download has no column for other
    people in need nor for the stateless: a brief said none, and ranked Syria's hosts on
    refugees "as UNHCR ranks host countries"; it now says which groups the file lacks."""
    from conftest import rdf_layout, write_rdf_csv

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    (raw / "unhcr/population.csv.gz").unlink()
    recent = project_population[project_population["year"].between("2020", "2024")]
    preamble = "Extracted on: 10 May 2025\n\n"
    download = rdf_layout(recent).drop(
        columns=["Other people in need of international protection", "Stateless persons"]
    )
    write_rdf_csv(raw / "unhcr/population.csv", download, preamble=preamble)
    build_briefs(raw, tmp_path / "out", 2024, countries=["SYR"], formats=["html"], progress=False)
    text = _text((tmp_path / "out/briefs/2024/SYR/briefing.html").read_text(encoding="utf-8"))
    assert (
        "Note on the data. The population file in use has no column for other people in need "
        "of international protection and stateless persons: this brief's figures and ranks "
        "leave them out."
    ) in text
    assert "as UNHCR ranks host countries" not in text
    home = project_population.query("coo_iso == 'SYR' and year == '2024'")["returned_refugees"]
    home = pd.to_numeric(home, errors="coerce").sum()
    assert f"{numbers.people(home)} refugees from the Syrian Arab Republic returned home" in text
    assert (
        "Resettlement for 2024 is left out: the solutions table in use gives it at another date "
        "than UNHCR's population figures."
    ) in text
    assert "Returns and resettlement for 2024 are left out" not in text
    assert (
        "UNRWA's count of Palestine refugees for 2024 is left out: the UNRWA table in use gives "
        "it at another date than UNHCR's population figures."
    ) in text
    # the source line says IDMC's figures are left out, not that there are none
    assert (
        "Internal displacement: left out for 2024, IDMC's table giving it at another date" in text
    )
    # nor are the internally displaced credited to anyone in the notes: they are left out
    assert "Figures for 2024 are provisional mid-year estimates." in text
    assert "those of the internally displaced are UNHCR's" not in text


def test_a_population_file_without_refugees_makes_no_brief(tmp_path, project_population):
    """A download of asylum-seekers alone made Türkiye's brief say it hosted no refugees and
    "154,100 asylum-seekers ... more than the refugees it hosted", with exit 0."""
    from conftest import make_raw_dir, rdf_layout, write_rdf_csv

    raw = make_raw_dir(tmp_path / "raw")
    recent = project_population[project_population["year"].between("2023", "2024")]
    download = rdf_layout(recent).drop(columns=["Refugees under UNHCR's mandate"])
    path = write_rdf_csv(raw / "unhcr/population.csv", download)
    with pytest.raises(InputError) as raised:
        build_briefs(raw, tmp_path / "out", 2024, countries=["TUR"], formats=["html"])
    assert str(raised.value) == (
        f"{path}: no column for refugees under UNHCR's mandate, which every country brief "
        "counts (download the table with that group)"
    )
    assert not (tmp_path / "out").exists()


def test_build_key_follows_parameters_and_formats(tmp_path):
    notebook = tmp_path / "brief.ipynb"
    notebook.write_text("{}")
    key = build_key(notebook=notebook, inputs="x", parameters={"year": 1}, formats=["html"])
    assert key == build_key(notebook=notebook, inputs="x", parameters={"year": 1}, formats=["html"])
    assert key != build_key(notebook=notebook, inputs="y", parameters={"year": 1}, formats=["html"])
    assert key != build_key(notebook=notebook, inputs="x", parameters={"year": 2}, formats=["html"])
    assert key != build_key(notebook=notebook, inputs="x", parameters={"year": 1}, formats=["pdf"])
    notebook.write_text("{ }")
    assert key != build_key(notebook=notebook, inputs="x", parameters={"year": 1}, formats=["html"])


def test_on_a_dask_cluster_the_same_inputs_are_current_and_a_changed_raw_file_rebuilds(
    batch, raw, tmp_path
):
    """A copy of the batch's briefs, run again on a Dask cluster: the same inputs give the
    same key there (nothing to build); a change to a raw file rebuilds the brief asked for,
    as the same bytes (the raw file is restored for the other tests)."""
    distributed = pytest.importorskip("distributed")
    out, _ = batch
    reports = tmp_path / "reports"
    shutil.copytree(out, reports)
    local = out / "briefs" / str(YEAR) / TERRITORY / "briefing.html"
    html = reports / "briefs" / str(YEAR) / TERRITORY / "briefing.html"
    stamp = html.stat().st_mtime_ns
    published = raw / "published_figures.csv"
    original = published.read_bytes()
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:

        def run():
            return build_briefs(
                raw, reports, YEAR, countries=[TERRITORY], formats=["html", "slides"],
                scheduler=cluster.scheduler_address, progress=False,
            )  # fmt: skip

        assert [o.status for o in run().outcomes] == ["current"]
        try:
            published.write_bytes(original + b"\n")  # a change to the raw files
            rebuilt = run()
        finally:
            published.write_bytes(original)
    assert [o.status for o in rebuilt.outcomes] == ["built"]
    assert html.stat().st_mtime_ns != stamp and html.read_bytes() == local.read_bytes()
    index = (reports / "index.html").read_text()
    assert f'href="briefs/{YEAR}/{TERRITORY}/briefing.html"' in index


def test_a_run_stopped_by_sigterm_leaves_no_process_behind(tmp_path):
    """SIGTERM (a script or CI stopping the job) killed the main process alone: its worker
    processes ran on, wrote briefs and held the caller's output open. A brief takes about
    three seconds: none is finished when the run is stopped."""
    import signal
    import time

    command = [sys.executable, "-m", "analysis", "briefs", "--year", "2024", "--jobs", "2"]
    command += ["--countries", "TUR,ISL,SDN", "--formats", "html", "--out", str(tmp_path / "o")]
    run = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    time.sleep(1.5)  # the workers are starting, or rendering
    run.send_signal(signal.SIGTERM)
    _, err = run.communicate(timeout=60)
    assert (run.returncode, err) == (143, "error: terminated\n")
    # the two briefs begun were stopped, the one queued behind them never begun
    assert not list((tmp_path / "o").glob("briefs/*/*/briefing.html"))
    for _ in range(100):  # the workers, and the kernels they started, end with it
        try:
            os.killpg(run.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(run.pid, signal.SIGKILL)
        pytest.fail("processes of the stopped run were left running")


def test_a_brief_finished_before_a_stop_keeps_its_summary(tmp_path, monkeypatch):
    """Ctrl-C after two of eight briefs were swapped in left them without their summary
    (written once the whole batch ended), so the index, written from the summaries, left
    them out."""
    from analysis import briefs

    real = briefs._on_cores

    def stopped_after_one(jobs):  # as Ctrl-C after the first brief is in place
        def run(queue):
            yield next(real(1)(queue))
            raise KeyboardInterrupt

        return run

    monkeypatch.setattr(briefs, "_on_cores", stopped_after_one)
    with pytest.raises(KeyboardInterrupt):
        build_briefs(
            config.RAW_DIR, tmp_path, YEAR, countries=["TUV", "ISL"], formats=["html"],
            progress=False,
        )  # fmt: skip
    (done,) = [p.parent for p in (tmp_path / "briefs" / str(YEAR)).glob("*/briefing.html")]
    assert (done / briefs.SUMMARY_FILE).is_file()
    assert not (tmp_path / "briefs" / str(YEAR) / "ISL").exists()

    # a brief a worker finished while the batch was being stopped, its outcome never
    # received, had no summary: the index left it out; nor was the index written
    def finished_unseen(jobs):
        def run(queue):
            next(real(1)(queue))  # the brief is built, but the stop comes before its outcome
            raise KeyboardInterrupt
            yield  # a generator, as the real one is

        return run

    monkeypatch.setattr(briefs, "_on_cores", finished_unseen)
    with pytest.raises(KeyboardInterrupt):
        build_briefs(
            config.RAW_DIR, tmp_path / "unseen", YEAR, countries=["TUV"], formats=["html"],
            progress=False,
        )  # fmt: skip
    assert (tmp_path / "unseen" / "briefs" / str(YEAR) / "TUV" / briefs.SUMMARY_FILE).is_file()
    assert "Tuvalu" in (tmp_path / "unseen" / "index.html").read_text(encoding="utf-8")


def test_a_scheduler_address_that_is_no_address_is_one_line(tmp_path):
    """It ended on "unexpected ValueError: missing port number in address 'nonsense'"."""
    pytest.importorskip("distributed")
    with pytest.raises(InputError) as error:
        build_briefs(
            config.RAW_DIR, tmp_path, YEAR, countries=["TUR"], formats=["html"],
            scheduler="nonsense", progress=False,
        )  # fmt: skip
    assert str(error.value).startswith("--scheduler nonsense: missing port number")
    assert str(error.value).endswith("expected an address such as tcp://host:8786")


def test_a_brief_s_key_findings_slide_is_short_lines_with_the_sentences_in_the_notes(batch):
    """The key findings slide held the page's sentences: 126 words for the Syrian Arab
    Republic, in small type."""
    out, _ = batch
    path = out / "briefs" / str(YEAR) / "AFG" / "briefing.slides.html"
    slides = path.read_text(encoding="utf-8")
    (section,) = [
        s for s in re.findall(r"<section.*?</section>", slides, re.S) if "Key findings" in s
    ]
    notes = re.findall(r'<aside class="notes">.*?</aside>', section, re.S)
    shown = _text(re.sub(r'<aside class="notes">.*?</aside>', "", section, flags=re.S))
    assert "refugees and others in need abroad" in shown and len(shown.split()) <= 60, shown
    assert "lived abroad at the end of 2024" in _text(" ".join(notes))  # the sentences


def test_a_brief_s_returns_slide_reads_line_by_line(batch):
    """Its bullets were the sentence's clauses: "15,100 refugees left it to return to their
    own country" (Uganda), "it" standing alone on a slide (a teacher's reading)."""
    out, _ = batch
    slides = (out / "briefs" / str(YEAR) / "TUR" / "briefing.slides.html").read_text()
    shown = _text(re.sub(r'<aside class="notes">.*?</aside>', "", slides, flags=re.S))
    shown = shown.split("Returns and resettlement")[-1].split("International migrants")[0]
    assert "refugees left the country to return home" in shown and " it " not in shown, shown
    # largest first, as the page's sentence (159,400 leaving Türkiye before 670 coming home)
    assert shown.index("left the country to return") < shown.index("returned home from abroad")
    # the page says where they went, as the data give it (Syrians, from Türkiye)
    page = _text(_page(out, "TUR"))
    tables = load_tables("")
    returned = tables.by_asylum.query("iso3 == 'TUR' and year == @YEAR")["returned_refugees"]
    went = country.returned_to(tables, "TUR", YEAR)
    assert f"{numbers.people(returned.sum())} refugees left Türkiye to return to {went}" in page


def test_a_brief_s_section_slide_holds_its_line_and_its_trend_chart():
    """ "Hosting refugees" and "Refugees from the country" were slides of a heading and one
    line, each followed by a slide of the chart that said the same (a teacher's reading)."""
    import nbformat

    from analysis.briefs import NOTEBOOK
    from analysis.render import _slides

    slides = _slides(nbformat.read(NOTEBOOK, as_version=4).cells)
    for heading, chart in (
        ("## Hosting refugees", 'cb.trend_chart(brief, hosted, "hosted")'),
        ("## Refugees from the country", 'cb.trend_chart(brief, abroad, "from")'),
    ):
        (slide,) = [s for s in slides if any(c.source.startswith(heading) for c in s)]
        assert any(chart in c.source for c in slide)


def test_side_tables_totalled_over_countries_of_asylum_are_said_not_read_as_none(tmp_path, capsys):
    """The Refugee Data Finder's "by country of origin only" gives '-' for every country of
    asylum: New Zealand's brief said "UNHCR's figures record no refugee returns or
    resettlement" (1,547 resettled there in 2024), Jordan's lost UNRWA's 2.4 million."""
    raw = Path(shutil.copytree(config.RAW_DIR, tmp_path / "raw"))
    sides = ["coa_name", "coa", "coa_iso"]
    for name, path in (("solutions", "solutions.csv.gz"), ("unrwa", "unrwa.csv")):
        table = pd.read_csv(raw / "unhcr" / path, na_values="-")
        counts = [c for c in table.columns if c not in ["year", "coo_name", "coo", "coo_iso"]]
        counts = [c for c in counts if c not in sides]
        totalled = table.groupby(["year", "coo_name", "coo", "coo_iso"], as_index=False)
        totalled = totalled[counts].sum(min_count=1).assign(**dict.fromkeys(sides, "-"))
        (raw / "unhcr" / path).unlink()
        totalled[table.columns].to_csv(raw / "unhcr" / f"{name}.csv", index=False, na_rep="-")
    tables = load_tables(raw)
    assert tables.totalled("solutions") == ["asylum"] == tables.totalled("unrwa")
    warned = capsys.readouterr().err
    assert (
        "unhcr/solutions.csv: '-' for every country of asylum (a download totalled over them): "
        "resettlement to each country and naturalization in it cannot be shown; the world "
        "totals are read"
    ) in warned
    assert "Palestine refugees in each of UNRWA's fields cannot be shown" in warned
    assert country.unrwa_registered(tables, "JOR", 2024) == 0  # no field known, none said
    assert country.unrwa_without_field(tables, 2024) == 0
    unrwa = pd.read_csv(raw / "unhcr" / "unrwa.csv", na_values="-").query("year == 2024")
    assert country.unrwa_in_all_fields(tables, 2024) == unrwa["total"].sum() > 0  # Palestine's
    # nor is New Zealand, where refugees are resettled to, taken for a country they leave by
    # resettlement (its falls said "such as resettlement to a third country")
    assert country._receives_resettlement(tables, "NZL", 2024)
    # naturalisation in a country is unknown, not none (Tanzania's 155,100 of 2009 read as
    # "the others left the count in ways these figures do not show")
    assert country.naturalised_by_year(tables, "TZA", "hosted") is None
    assert country.naturalised_by_year(tables, "TZA", "abroad") is not None  # by origin
    built = build_briefs(
        raw, tmp_path / "out", 2024, countries=["JOR"], formats=["html"], jobs=1, progress=False
    )
    assert [o.status for o in built.outcomes] == ["built"]
    text = _text((tmp_path / "out" / "briefs" / "2024" / "JOR" / "briefing.html").read_text())
    assert (
        "The UNRWA table in use is totalled over UNRWA's fields, so it cannot show the "
        "Palestine refugees in Jordan."
    ) in text
    assert (
        "The solutions table in use is totalled over countries of asylum, so it cannot show "
        "resettlement to Jordan."
    ) in text


def test_a_page_of_one_s_own_is_kept_when_no_brief_is_built(tmp_path):
    """A team's own index.html was replaced when every country asked had no figures (South
    Sudan in 2005): the page was checked only for a country that got a brief."""
    (tmp_path / "index.html").write_text("<html><title>Team site</title></html>")
    with pytest.raises(InputError, match="index.html: not an index this tool wrote"):
        build_briefs(
            config.RAW_DIR, tmp_path, 2005, countries=["SSD"], formats=["html"], progress=False
        )
    assert (tmp_path / "index.html").read_text() == "<html><title>Team site</title></html>"


def test_a_year_idmc_gives_only_a_world_total_gives_unhcr_s_own_count(tmp_path, project_tables):
    """Iraq, 2007: "IDMC's figures … give only a world total for 2007" and nothing more,
    though UNHCR's figures count 2.4 million internally displaced people of concern there."""
    build_briefs(config.RAW_DIR, tmp_path, 2007, countries=["IRQ", "DEU"], formats=["html"],
                 jobs=1, progress=False)  # fmt: skip
    text = _text((tmp_path / "briefs" / "2007" / "IRQ" / "briefing.html").read_text())
    of_concern = project_tables.by_asylum.query("iso3 == 'IRQ' and year == 2007")["idps"].sum()
    assert of_concern > 2_000_000
    assert (
        f"UNHCR's own figures count {numbers.people(of_concern)} internally displaced people of "
        "concern to UNHCR in Iraq at the end of 2007 (those it protects or assists)."
    ) in text
    # in the key findings too, and the source line names it ("Internal displacement: IDMC")
    assert (
        f"{numbers.people(of_concern)} internally displaced people of concern to UNHCR lived in "
        "Iraq at the end of 2007 (UNHCR's own count of those it protects or assists; IDMC gives "
        "no estimate of all those displaced there for 2007)."
    ) in text.split("Key findings")[1].split("Hosting refugees")[0]
    assert (
        "Internal displacement: UNHCR, its count of those of concern to it (IDMC gives only a "
        "world total for 2007)."
    ) in text
    # a country of none: not "Internal displacement: IDMC", as if it gave one (a sweep)
    germany = _text((tmp_path / "briefs" / "2007" / "DEU" / "briefing.html").read_text())
    assert (
        "Internal displacement: no estimate for Germany (IDMC gives only a world total for 2007)."
    ) in germany


def test_refugees_counted_after_an_earlier_migrant_estimate_are_set_beside_it(
    tmp_path, project_tables
):
    """Ethiopia, 2018: 903,200 refugees and others in need hosted, beside 797,400
    international migrants at mid-2015, with no word that the estimate is of before most of
    them came. Not Poland, 2022 (971,100 beside 738,100 at mid-2020): UN DESA's next
    estimate, 1.7 million at mid-2024, outnumbers them again (an editor)."""
    build_briefs(config.RAW_DIR, tmp_path, 2018, countries=["ETH"], formats=["html"], jobs=1,
                 progress=False)  # fmt: skip
    build_briefs(config.RAW_DIR, tmp_path, 2022, countries=["POL"], formats=["html"], jobs=1,
                 progress=False)  # fmt: skip
    for iso3, name, year, made_for, said in [
        ("ETH", "Ethiopia", 2018, 2015, True),
        ("POL", "Poland", 2022, 2020, False),
    ]:
        text = _text((tmp_path / "briefs" / str(year) / iso3 / "briefing.html").read_text())
        hosted = country.by_year(project_tables.by_asylum, iso3, year)["in_need"]
        stock = project_tables.migrant_stock.query("kind == 'country' and iso3 == @iso3")
        stock = stock.set_index("year")["migrants"]
        later = stock[stock.index > year]
        assert hosted[year] > stock[made_for] > hosted[made_for]
        assert bool(later.iloc[0] < hosted[year]) is said
        claim = (
            f"The {numbers.people(hosted[year])} refugees and others in need {name} hosted in "
            f"{year} outnumber that estimate of all its international migrants, made for "
            f"mid-{made_for}; at the end of {made_for}, it hosted "
            f"{numbers.people(hosted[made_for])}."
        )
        assert (claim in text) is said
        assert (
            f"UN DESA's next estimate, for mid-{later.index[0]} (after this brief's year), is "
            f"{numbers.people(later.iloc[0])}."
        ) in text


def test_the_sources_are_set_as_notes_on_paper(batch):
    """A brief's last PDF page held its two data sources alone: the definitions and sources
    print smaller, as a report's notes do."""
    out, _ = batch
    page = _page(out, "TUR")
    notes = page[page.index("Sources and notes") :]
    assert notes.count('tag-notes"') == 3 and "Refugee Population Statistics" in notes
    css = (config.PACKAGE_DIR / "templates/analysis_briefing/static/briefing.css").read_text()
    assert ".tag-notes { font-size: 0.85em; }" in css.split("@media print")[-1]


def test_an_output_path_that_is_a_file_is_said_before_anything_is_built(tmp_path, capsys):
    """`briefs --out <a file>` said "FILE/index.html: cannot be read: Not a directory"."""
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder")
    argv = ["briefs", "--year", "2024", "--countries", "TUR", "--out", str(blocker)]
    assert main(argv) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: {blocker}: a file is in the way: expected the folder of the briefs"
    )


def test_a_brief_of_a_year_before_other_people_in_need_names_only_groups_then_counted(tmp_path):
    """Côte d'Ivoire, 2016: its stateless paragraph spoke of "another person in need of
    international protection" and of "refugees, asylum-seekers and others in need", a group
    UNHCR first counted in 2018 (an editor)."""
    build_briefs(config.RAW_DIR, tmp_path, 2016, countries=["CIV"], formats=["html"], jobs=1,
                 progress=False)  # fmt: skip
    text = _text((tmp_path / "briefs" / "2016" / "CIV" / "briefing.html").read_text())
    assert "a stateless person who is also a refugee or an asylum-seeker in both groups" in text
    assert re.search(
        r"\(at most [\d,]+, the number of refugees and asylum-seekers it hosted\)", text
    )
    assert "in need of international protection in both groups" not in text


def test_a_year_idmc_s_table_leaves_blank_is_no_estimate_in_a_brief(tmp_path):
    """IDMC's table with 2024 blank in every row: the brief said "**n/a** people were
    displaced inside Sudan" and that their number "fell to none in 2024"."""
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    idmc = raw / "unhcr" / "idmc.csv"
    table = pd.read_csv(idmc, dtype=str, keep_default_na=False)
    table.loc[table["year"] == str(YEAR), "total"] = "-"
    table.to_csv(idmc, index=False)
    built = build_briefs(raw, tmp_path / "out", YEAR, countries=["SDN"], formats=["html"],
                         jobs=1, progress=False)  # fmt: skip
    assert [o.status for o in built.outcomes] == ["built"]
    text = _text((tmp_path / "out" / "briefs" / str(YEAR) / "SDN" / "briefing.html").read_text())
    assert "n/a" not in text and "to none in" not in text
    assert "IDMC's figures include no estimate of people internally displaced by conflict " in (
        text
    )


def test_a_year_whose_other_people_in_need_are_not_given_counts_refugees_alone_in_every_year(
    tmp_path, project_tables
):
    """A population file with '-' for other people in need in every row of 2024: Colombia's
    brief said its refugees "rose ... to a peak of 2.9 million in 2023, then fell to 1,300 in
    2024", setting refugees alone against refugees and others in need, and ranked it "as
    UNHCR ranks host countries"."""
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    path = raw / "unhcr" / "population.csv.gz"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table.loc[table["year"] == str(YEAR), "oip"] = "-"
    table.to_csv(path, index=False, compression={"method": "gzip", "mtime": 0})
    built = build_briefs(raw, tmp_path / "out", YEAR, countries=["COL"], formats=["html"],
                         jobs=1, progress=False)  # fmt: skip
    assert [o.status for o in built.outcomes] == ["built"]
    text = _text((tmp_path / "out" / "briefs" / str(YEAR) / "COL" / "briefing.html").read_text())
    assert (
        "The population file in use gives no figure for other people in need of international "
        f"protection for {YEAR}, though it does for earlier years: this brief leaves them out of "
        "every year's figures and ranks, so that its years compare."
    ) in text
    refugees = project_tables.by_asylum.query("iso3 == 'COL' and year <= @YEAR")
    refugees = refugees.groupby("year")["refugees"].sum()
    peak = f"to a peak of {numbers.people(refugees.max())} in {refugees.idxmax()}"
    assert peak in text and "as UNHCR ranks host countries" not in text


def test_a_rate_above_the_population_is_warned_about_on_the_command_line(tmp_path, capsys):
    """Aruba's other people in need of 2024 typed with an extra zero (114,700 for 108,000
    inhabitants): `figures` and `report` warned, `briefs` said nothing (its kernels' warnings
    are not published) and Aruba's brief had no rate, with no word why."""
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    path = raw / "unhcr" / "population.csv.gz"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    aruba = (table["year"] == str(YEAR)) & (table["coa_iso"] == "ABW") & (table["oip"] != "-")
    table.loc[aruba, "oip"] = table.loc[aruba, "oip"] + "0"
    table.to_csv(path, index=False, compression={"method": "gzip", "mtime": 0})
    out = str(tmp_path / "out")
    args = ["briefs", "--year", str(YEAR), "--countries", "BGD", "--raw-dir", str(raw)]
    assert main([*args, "--out", out, "--formats", "html", "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert (
        f"warning: {YEAR}: more refugees and others in need hosted than inhabitants in ABW" in err
    )


def test_a_brief_with_no_resettlement_recorded_says_what_the_data_cannot_record(tmp_path):
    """Malta, 2024: a fall "such as resettlement to a third country", then "UNHCR's figures
    record no refugee returns or resettlement for Malta", read as a contradiction (a UNHCR
    editor): the data record resettlement by origin and new country, not the country left."""
    build_briefs(config.RAW_DIR, tmp_path, 2024, countries=["MLT"], formats=["html"], jobs=1,
                 progress=False)  # fmt: skip
    text = _text((tmp_path / "briefs" / "2024" / "MLT" / "briefing.html").read_text())
    assert "such as resettlement to a third country" in text
    assert (
        "UNHCR's figures record no refugee returns and no resettlement to Malta or of people "
        "from it during 2024. They do not record resettlement out of Malta as a first country "
        "of asylum."
    ) in text


def test_a_download_of_some_years_says_which_it_skips(tmp_path, project_population):
    """A download of 2000, 2010, 2020 and 2024: the briefing said "a category counted only
    from 2020" (UNHCR has counted it since 2018) and Türkiye's brief "a peak of 3.7 million in
    2020" (3.8 million in 2021), the years skipped said on stderr alone (a new user)."""
    from conftest import rdf_layout, write_rdf_csv
    from test_notebook import _run_cells

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    (raw / "unhcr/population.csv.gz").unlink()
    some = project_population[project_population["year"].isin(["2000", "2010", "2020", "2024"])]
    write_rdf_csv(
        raw / "unhcr/population.csv", rdf_layout(some), preamble="Extracted on: 10 May 2025\n\n"
    )
    note, trend = _run_cells(
        raw, tmp_path, ["missing = edition.absent_groups()", "trend = briefing"]
    )
    assert (
        "**Note on the years.** The population file in use holds no rows for 2001–2009, "
        "2011–2019 and 2021–2023: the trends below join the years either side"
    ) in note
    assert "a category first counted in 2020 among the years the data in use hold: " in trend
    build_briefs(raw, tmp_path / "out", 2024, countries=["TUR"], formats=["html"], progress=False)
    text = _text((tmp_path / "out/briefs/2024/TUR/briefing.html").read_text(encoding="utf-8"))
    assert (
        "Note on the years. The population file in use holds no rows for 2001–2009, 2011–2019 "
        "and 2021–2023: this brief's trends join the years either side, and a first year or a "
        "peak it names is among the years it holds."
    ) in text
    # the project's whole series: no such note
    assert not load_tables(config.RAW_DIR).skipped_years(2024)
