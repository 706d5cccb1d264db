"""Contract 2: the figures command, with the UN DESA fields, and the extracts' reproducibility."""

import gzip
import json
import shutil

import desa_workbooks as dw
import pandas as pd
import pytest
from conftest import copy_project_population, make_raw_dir, rdf_layout, write_rdf_csv

from analysis import briefing, config, notices, numbers
from analysis.cli import main
from analysis.errors import InputError
from analysis.extracts import make_extracts
from analysis.figures import key_figures
from analysis.manifest import read_manifest, write_manifest
from analysis.memo import digest as sha256
from analysis.sources import undesa


@pytest.fixture(scope="module", params=["project", "reference"])
def latest_stock(request):
    """The migrant stock key_figures uses: the latest revision in the raw folder (the
    project's extract of the 2024 revision; the reference folder holds 2020 and 2024).
    Both are read once per session (conftest), as ``load_migrant_stock(raw_dir)`` reads them."""
    if request.param == "project":
        return request.getfixturevalue("project_stock")
    chosen = undesa.choose_workbook(request.getfixturevalue("reference_dir"))
    return request.getfixturevalue("reference_stocks")[int(undesa.revision(chosen))]


def test_migrant_fields_from_the_latest_revision(latest_stock):
    f2024 = undesa.world_migrants(latest_stock, 2024)
    assert (f2024["migrant_stock_year"], f2024["migrant_stock_revision"]) == (2024, "2024")
    assert f2024["migrant_stock"] == 304_021_813
    assert numbers.share(f2024["migrant_share_of_population"], 1) == "3.7%"
    assert numbers.share(f2024["women_share_of_migrants"], 1) == "48.0%"
    assert undesa.world_migrants(latest_stock, 2020)["migrant_stock"] == 275_284_032
    f2016 = undesa.world_migrants(latest_stock, 2016)  # the presentation's edition
    assert (f2016["migrant_stock"], f2016["migrant_stock_year"]) == (250_042_020, 2015)
    f2012 = undesa.world_migrants(latest_stock, 2012)
    assert (f2012["migrant_stock"], f2012["migrant_stock_year"]) == (221_020_392, 2010)
    # the latest estimate not after the edition's year, as the figures' contract says: a
    # 2023 briefing gave the mid-2024 estimate, of a later date than its own figures
    latest = {y: undesa.world_migrants(latest_stock, y)["migrant_stock_year"] for y in YEARS}
    assert latest == {2013: 2010, 2017: 2015, 2018: 2015, 2021: 2020, 2022: 2020, 2023: 2020}


YEARS = (2013, 2017, 2018, 2021, 2022, 2023)


def test_migrant_fields_from_the_2020_revision(reference_stocks):
    f2020 = undesa.world_migrants(reference_stocks[2020], 2024)
    assert (f2020["migrant_stock_year"], f2020["migrant_stock_revision"]) == (2020, "2020")
    assert f2020["migrant_stock"] == 280_598_105
    assert numbers.share(f2020["migrant_share_of_population"], 1) == "3.6%"
    assert numbers.share(f2020["women_share_of_migrants"], 1) == "48.1%"


def test_figures_command_prints_contract_json(capfd):
    # In process: test_unhcr.test_cli_exit_and_no_traceback runs the command as a process.
    assert main(["figures", "--year", "2016"]) == 0
    figures = json.loads(capfd.readouterr().out)
    expected = {"year", "forcibly_displaced", "refugees_unhcr", "refugees_unrwa"}
    expected |= {"asylum_seekers", "other_in_need", "idps_conflict", "stateless", "resettled"}
    expected |= {"top_origins", "top_hosts", "top3_origin_share", "hosting_by_region"}
    expected |= {"migrant_stock", "migrant_stock_year", "migrant_stock_revision"}
    expected |= {"migrant_share_of_population"}
    expected |= {"women_share_of_migrants"}
    assert expected <= set(figures)
    assert all(isinstance(figures[k], int) for k in ["forcibly_displaced", "resettled"])
    assert 0 < figures["top3_origin_share"] < 1
    assert set(figures["top_hosts"][0]) == {"iso3", "name", "refugees", "other_in_need"}
    expected |= {"hosted_in_developing_regions", "top_hosts_per_1000"}
    assert expected <= set(figures)


def test_stateless_people_before_unhcr_counted_them_are_null_not_none(
    capfd, tmp_path, project_population
):
    """UNHCR's statelessness figures start in 2004: before, every row of the release gives
    0, which is no count. The figures say null with one warning, as the text says "no count"."""
    not_counted = "before UNHCR counted them (2004 on): not counted yet; stateless is null"
    assert main(["figures", "--year", "2003"]) == 0
    out, err = capfd.readouterr()
    assert json.loads(out)["stateless"] is None
    serbia = "Serbia without Kosovo"  # left out of the rates where it would rank: said too
    assert [line for line in err.splitlines() if serbia not in line] == [
        f"warning: {config.RAW_DIR / 'unhcr/population.csv.gz'}: no stateless person in any "
        f"row of 2003, {not_counted}"
    ]
    assert main(["figures", "--year", "2004"]) == 0
    out, err = capfd.readouterr()
    assert json.loads(out)["stateless"] == 1_455_861 and not err
    # a release ending before 2004 (none counted in any year) says the same; a year of '-'
    # in every row is a group not given (its own warning), not one not counted yet
    raw = make_raw_dir(tmp_path)
    early = project_population[project_population["year"].astype(int) <= 2003].copy()
    early.loc[early["year"] == "2001", "stateless"] = "-"
    path = raw / "unhcr/population.csv.gz"
    path.write_bytes(gzip.compress(early.to_csv(index=False).encode(), mtime=0))
    said = ""
    for year in (2002, 2001):
        assert main(["figures", "--year", str(year), "--raw-dir", str(raw)]) == 0
        out, err = capfd.readouterr()
        assert json.loads(out)["stateless"] is None
        said += err
        assert (f"any row of {year}, {not_counted}" in err) == (year == 2002), err
    assert "column 'stateless' has no figure in any row of 2001" in said  # said when read


def test_asylum_seekers_before_unhcr_counted_them_are_null_and_so_is_the_total(
    capfd, reference_dir
):
    """UNHCR's release gives 0 asylum-seekers in every row before 1993: the 1991 edition
    said "0 asylum-seekers awaited a decision on their claim" and added that 0 to its total
    (a hostile tester). Null, with one warning, as the stateless before 2004; the total
    cannot be given on UNHCR's composition."""
    assert main(["figures", "--year", "1992", "--raw-dir", str(reference_dir)]) == 0
    out, err = capfd.readouterr()
    figures = json.loads(out)
    assert figures["asylum_seekers"] is None and figures["forcibly_displaced"] is None
    assert figures["refugees_unhcr"] > 10_000_000  # the groups then counted are given
    assert (
        "no asylum-seeker in any row of 1992, before UNHCR counted them (1993 on): not "
        "counted yet; asylum_seekers and forcibly_displaced are null"
    ) in err
    assert main(["figures", "--year", "1993", "--raw-dir", str(reference_dir)]) == 0
    out, err = capfd.readouterr()
    figures = json.loads(out)
    assert figures["asylum_seekers"] > 500_000 and figures["forcibly_displaced"] > 0
    assert "asylum-seeker" not in err


def test_a_release_of_june_or_later_gives_its_latest_year_at_year_end():
    """`extract --release-date 2026-06` marked 2025 provisional: an end-2025 count, then
    written "at mid-2025" and left out of the default editions."""
    from analysis.extracts import provisional

    assert provisional(2025, "2025-12") == [2025]  # UNHCR's December snapshot: mid-2025
    assert provisional(2025, "2026-03") == [2025]  # before Global Trends 2025
    assert provisional(2025, "2026-06") == [] == provisional(2025, "2027-01")


def test_extracts_reproduce_from_the_full_release(reference_dir, tmp_path, project_figures):
    """Made again into a copy of the project's folder, today: the same bytes, and the same
    manifest (it said it was retrieved today, a new key for every build)."""
    out = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    make_extracts(reference_dir, out)
    shipped = {s["file"]: s["sha256"] for s in read_manifest(config.RAW_DIR)["sources"]}
    for source in read_manifest(out)["sources"]:
        assert sha256(out / source["file"]) == shipped[source["file"]], source["file"]
    manifest = config.MANIFEST
    assert (out / manifest).read_bytes() == (config.RAW_DIR / manifest).read_bytes()
    assert key_figures(out, 2016) == project_figures(2016)


def test_an_extract_of_a_download_is_dated_by_its_preamble(tmp_path, capsys, project_population):
    """A Refugee Data Finder download "Extracted on: 15 July 2026" holds end-2025 figures:
    read as it is, 2025 is complete, but ``extract`` took it for the December 2025 snapshot
    and made 2025 provisional, without a word."""
    source = shutil.copytree(config.RAW_DIR, tmp_path / "source")
    (source / "unhcr" / "population.csv.gz").unlink()
    dated = "Extracted on: 15 July 2026\n\n"
    write_rdf_csv(source / "unhcr" / "population.csv", rdf_layout(project_population), dated)
    out = tmp_path / "out"
    make_extracts(source, out, retrieved="2026-07-16")
    entry = next(s for s in read_manifest(out)["sources"] if s["file"].startswith("unhcr/pop"))
    assert entry["release_date"] == "2026-07" and entry["provisional_years"] == []
    # the release folder's published figures (an analyst's new rows) go with the extracts
    published = out / "published_figures.csv"
    assert published.read_bytes() == (source / "published_figures.csv").read_bytes()
    assert any(s["file"] == "published_figures.csv" for s in read_manifest(out)["sources"])
    assert entry["release"] == "download extracted on 15 July 2026"
    # a month given alone names the release by it, not by the shipped snapshot's name
    make_extracts(config.RAW_DIR, tmp_path / "june", retrieved="2026-07-16", release_date="2026-06")
    entry = next(
        s for s in read_manifest(tmp_path / "june")["sources"] if s["file"].startswith("unhcr/pop")
    )
    assert entry["release"] == "database snapshot of June 2026 (data to 2025)"
    assert entry["provisional_years"] == []
    # without a date, the release is taken as the shipped snapshot, with a warning (a later
    # full release, June's, has no preamble either) ...
    write_rdf_csv(source / "unhcr" / "population.csv", rdf_layout(project_population), "")
    with (source / "published_figures.csv").open("a", encoding="utf-8") as table:
        table.write("\n")  # the release folder's table changed: the one in out is kept, said
    capsys.readouterr()
    make_extracts(source, out, retrieved="2026-07-16")
    err = capsys.readouterr().err
    assert "no release date given (--release-date) or above the population file's header" in err
    assert f"{source / 'published_figures.csv'}: not copied: {published} is kept" in err
    # ... unless it holds a later year than the snapshot can: the date must be given
    later = project_population.assign(year=(project_population["year"].astype(int) + 1))
    write_rdf_csv(source / "unhcr" / "population.csv", rdf_layout(later.astype(str)), "")
    with pytest.raises(InputError, match="expected --release-date to be the month UNHCR"):
        make_extracts(source, out, retrieved="2026-07-16")


def test_an_extract_is_made_of_a_download_as_the_readers_find_it(tmp_path, project_population):
    """``extract`` looked for population.csv only: the Refugee Data Finder's zip, which
    ``figures`` reads, was "missing", after a warning that its date could not be found."""
    import zipfile

    source = shutil.copytree(config.RAW_DIR, tmp_path / "source")
    (source / "unhcr" / "population.csv.gz").unlink()
    text = "Extracted on: 15 July 2026\n\n" + rdf_layout(project_population).to_csv(index=False)
    with zipfile.ZipFile(source / "unhcr" / "query_data.zip", "w") as archive:
        archive.writestr("query_data/persons_of_concern.csv", text)
    out = tmp_path / "out"
    make_extracts(source, out, retrieved="2026-07-16")
    entry = next(s for s in read_manifest(out)["sources"] if s["file"].startswith("unhcr/pop"))
    assert entry["derived_from"] == "unhcr/query_data.zip" and entry["release_date"] == "2026-07"
    assert key_figures(out, 2016)["refugees_unhcr"] == key_figures(source, 2016)["refugees_unhcr"]
    # a pair of downloads, by asylum and by origin, cannot give the pairs an extract keeps
    (source / "unhcr" / "query_data.zip").unlink()
    for side in ("asylum", "origin"):
        table = rdf_layout(project_population, aggregate=side)
        write_rdf_csv(source / "unhcr" / f"population_{side}.csv", table)
    with pytest.raises(InputError, match="2 population files .* an extract is made from one"):
        make_extracts(source, out, retrieved="2026-07-16")


def test_an_extract_of_a_release_of_before_2000_is_refused_and_writes_nothing(tmp_path):
    """The extracts keep the years from 2000: a release of the 1990s was written as empty
    tables over the earlier extracts, with exit 0."""
    source = shutil.copytree(config.RAW_DIR, tmp_path / "source")
    table = pd.read_csv(source / "unhcr" / "population.csv.gz", dtype=str)
    table.assign(year=(table["year"].astype(int) - 30).astype(str)).to_csv(
        source / "unhcr" / "population.csv.gz", index=False
    )
    out = shutil.copytree(config.RAW_DIR, tmp_path / "out")
    with pytest.raises(InputError, match="no rows for unhcr/population.csv.gz from 2000 on"):
        make_extracts(source, out, retrieved="2026-07-16", release_date="1996-06")
    for kept in read_manifest(config.RAW_DIR)["sources"]:
        assert sha256(out / kept["file"]) == kept["sha256"], kept["file"]


def test_year_0_is_the_latest_complete_year_as_the_report_s_default(reference_dir):
    """The notebooks' default: their year stayed 2024 on a release with 2025 complete (a
    tester); 0 is the latest complete year the data hold, as `report` picks it."""
    from analysis.briefing import load_edition
    from analysis.country import load_brief
    from analysis.report import default_years

    latest = default_years(config.RAW_DIR)[-1]
    assert load_edition("", 0).year == load_brief("", 0, "TUR").year == latest
    assert load_edition(str(reference_dir), 0).year == default_years(reference_dir)[-1]
    assert load_edition("", 2016).year == 2016


def test_a_release_after_a_global_trends_report_missing_from_the_figures_is_warned_about(
    tmp_path, capsys
):
    """A release of November 2026 beside published figures ending with Global Trends 2024:
    the 2025 edition set no published headline beside its own, without a word (a tester)."""
    import json

    from analysis.memo import digest

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    path = raw / "published_figures.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    report = table["cited_as"].str.startswith("UNHCR Global Trends") & (table["year"] == "2024")
    assert report.any()
    table[~report].to_csv(path, index=False)
    manifest = json.loads((raw / config.MANIFEST).read_text(encoding="utf-8"))
    for source in manifest["sources"]:
        if source["file"] == "published_figures.csv":
            source["sha256"] = digest(path)
    (raw / config.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    key_figures(raw, 2024)
    assert capsys.readouterr().err == (
        f"warning: {path}: no figures of UNHCR's Global Trends for 2024, though this release "
        "(2025-12) came out after that report: the briefing for 2024 sets no published "
        "headline beside its own; add the report's figures\n"
    )
    key_figures(config.RAW_DIR, 2024)  # the project's: with the report's figures, no word
    assert capsys.readouterr().err == ""
    # a release of June, with the report (a reviewer: said nothing); not a download of years
    # long past, which the published figures need not reach back to
    from types import SimpleNamespace

    from analysis.processed import _warn_report_not_added

    for years, month, warned in [([2023, 2024], "2025-06", True), ([2004, 2005], "2026-11", False)]:
        data = SimpleNamespace(table=pd.DataFrame({"year": years}), files=())
        _warn_report_not_added(table[~report], {"release_date": month}, data, set(), raw)
        assert bool(capsys.readouterr().err) is warned, (years, month)


@pytest.mark.parametrize(
    ("release", "said"),
    [
        (
            "database snapshot of June 2026 (data to 2025)",  # the README's example, copied
            "says 'data to 2025', but with --release-date 2024-12 the file's data run to "
            "mid-2024: expected 'data to mid-2024'",
        ),
        (
            "database snapshot of June 2025 (data to mid-2024)",
            "names no month as its release date, 2024-12: expected the month UNHCR published "
            "it in both",
        ),
        ("Data to 2024", "says 'Data to 2024', but with --release-date 2024-12 the file"),
        # a name of two months, one of them its own: read (a reviewer)
        ("snapshot of December 2024 (data to mid-2024; corrected February 2025)", None),
        ("Mid-Year Trends 2024 (data as of 30 June 2024)", None),  # a month of its data
        ("data to 2024 (mid-year figures)", None),
        # ... but not another year's mid-year, nor a month alone (a reviewer)
        (
            "Mid-Year Trends 2022 (data to mid-2022)",
            "says 'data to mid-2022', but with --release-date 2024-12 the file's data run to "
            "mid-2024",
        ),
        ("Refugee Data Finder, June 2024", "names no month as its release date, 2024-12"),
    ],
)
def test_a_release_named_otherwise_than_its_data_and_month_is_refused(tmp_path, release, said):
    """`extract --release "database snapshot of June 2025 (data to 2024)"` on data to mid-2026
    printed that name above mid-2026 figures on every page, with exit 0 (a tester); so did a
    manifest entry saying so."""
    source = shutil.copytree(config.RAW_DIR, tmp_path / "source")
    table = pd.read_csv(source / "unhcr" / "population.csv.gz", dtype=str)
    table[table["year"] <= "2024"].to_csv(source / "unhcr" / "population.csv.gz", index=False)
    out = tmp_path / "out"
    if said is None:
        make_extracts(source, out, retrieved="2026-07-16", release=release, release_date="2024-12")
        return
    with pytest.raises(InputError) as error:
        make_extracts(source, out, retrieved="2026-07-16", release=release, release_date="2024-12")
    assert str(error.value).startswith(f"--release: its release, {release!r}, {said}")
    # without a name, one is made of its month and data, not the shipped snapshot's
    make_extracts(source, out, retrieved="2026-07-16")
    entry = next(
        e for e in read_manifest(out)["sources"] if e["file"].endswith("population.csv.gz")
    )
    assert entry["release"] == "database snapshot of December 2025 (data to 2024)"


def test_a_manifest_entry_named_or_marked_otherwise_than_its_data_is_refused(tmp_path):
    """A manifest entry edited to name another release, or to mark a mid-year count as a
    year-end one, was printed on every page (a tester, a reviewer)."""
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")

    def refused(**changes: object) -> str:
        manifest = read_manifest(config.RAW_DIR)
        entry = next(e for e in manifest["sources"] if e["file"] == "unhcr/population.csv.gz")
        entry.update({k: v for k, v in changes.items() if v is not None})
        for key in [k for k, v in changes.items() if v is None]:
            entry.pop(key)
        write_manifest(raw, manifest)
        with pytest.raises(InputError) as error:
            key_figures(raw, 2024)
        return str(error.value)

    assert refused(release="database snapshot of December 2025 (data to 2024)").endswith(
        "says 'data to 2024', but by its provisional_years ([2025]) the file's data run to "
        "mid-2025: expected 'data to mid-2025'"
    )
    assert refused(release="database snapshot (data to 2025)", provisional_years=[]).endswith(
        "its provisional_years ([]) say 2025 is a year-end count, but its release date, "
        "2025-12, is before the end-year figures for 2025 (June 2026): expected "
        "provisional_years [2025]"
    )
    # named right, without provisional_years: told to mark the year (a reviewer)
    assert refused(provisional_years=None).endswith("expected provisional_years [2025]")


@pytest.mark.parametrize(
    ("redirect", "said"),
    [
        ("> /dev/full", "standard output: cannot write the figures: No space left on device"),
        (">&-", "standard output is closed: the figures have nowhere to go"),
    ],
)
def test_figures_that_cannot_be_written_say_so(redirect, said):
    """``figures > /dev/full`` said "error: No space left on device", naming nothing, and
    ``figures >&-`` exited 0 having written nothing."""
    import subprocess
    import sys

    run = subprocess.run(
        f"{sys.executable} -m analysis figures --year 2016 {redirect}",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (run.returncode, run.stderr.splitlines()[-1]) == (2, f"error: {said}")


def test_an_extract_of_a_download_of_some_groups_is_refused(tmp_path, project_population):
    """Only refugees ticked: the extract wrote the other groups as "-", read back as none
    (asylum-seekers 0, not null), with no word."""

    source = shutil.copytree(config.RAW_DIR, tmp_path / "source")
    (source / "unhcr" / "population.csv.gz").unlink()
    table = rdf_layout(project_population)
    keep = ["Year", "Country of origin", "Country of origin (ISO)", "Country of asylum",
            "Country of asylum (ISO)", "Refugees under UNHCR's mandate"]  # fmt: skip
    path = write_rdf_csv(source / "unhcr" / "population.csv", table[keep])
    out = shutil.copytree(config.RAW_DIR, tmp_path / "out")  # an earlier extract
    with pytest.raises(InputError, match="no column for asylum_seekers, ") as caught:
        make_extracts(source, out, retrieved="2026-11-26")  # extracted on 25 November 2026
    assert str(caught.value).startswith(f"{path}: ")
    for kept in read_manifest(config.RAW_DIR)["sources"]:  # nothing written before the error
        assert sha256(out / kept["file"]) == kept["sha256"], kept["file"]


def test_a_warning_is_printed_once(capsys):
    message = "test_figures: a distinct message for this test"
    notices.warn(message)
    notices.warn(message)
    assert capsys.readouterr().err == f"warning: {message}\n"
    assert notices.issued().count(message) == 1


@pytest.fixture(scope="module")
def two_revisions(tmp_path_factory, project_population):
    """A raw folder with two UN DESA revisions (2019 and 2024, any file names) and a small
    UNHCR population table (2023-2024), so the figures come quickly."""
    raw = make_raw_dir(tmp_path_factory.mktemp("raw"))
    recent = project_population[project_population["year"].isin(["2023", "2024"])]
    recent.to_csv(raw / "unhcr" / "population.csv", index=False)
    shutil.rmtree(raw / "undesa")
    dw.build(raw / "undesa", 2019)
    dw.build(raw / "undesa", 2024, name="download.xlsx")
    return raw


def test_desa_revision_chooses_the_revision(two_revisions, capsys):
    def figures(*options: str) -> dict:
        assert main(["figures", "--year", "2024", "--raw-dir", str(two_revisions), *options]) == 0
        return json.loads(capsys.readouterr().out)

    latest = figures()
    assert (latest["migrant_stock_year"], latest["migrant_stock_revision"]) == (2024, "2024")
    assert latest["migrant_stock"] == dw.world(2024)["migrant_stock"]
    chosen = figures("--desa-revision", "2019")
    assert (chosen["migrant_stock_year"], chosen["migrant_stock_revision"]) == (2019, "2019")
    assert chosen["migrant_stock"] == dw.world(2019)["migrant_stock"]
    # Only the UN DESA figures change (per 1,000 inhabitants divides by DESA's population).
    assert {k: v for k, v in chosen.items() if "migrant" not in k and "per_1000" not in k} == {
        k: v for k, v in latest.items() if "migrant" not in k and "per_1000" not in k
    }
    assert (
        main(
            [
                "figures",
                "--year",
                "2024",
                "--raw-dir",
                str(two_revisions),
                "--desa-revision",
                "2017",
            ]
        )
        == 2
    )
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "2017 revision" in error and "2019, 2024" in error


def test_desa_revision_reaches_the_briefing(two_revisions):
    edition = briefing.load_edition(two_revisions, 2024, desa_revision=2019)
    assert edition.undesa_revision == "2019"
    assert edition.figures["migrant_stock_year"] == 2019
    assert "International Migrant Stock 2019" in edition.undesa_source


def test_without_un_desa_population_the_null_figures_are_named(tmp_path, capsys):
    """A workbook without Table 2 (total population): the per-1,000 figures are null, with
    one warning naming them; without the undesa folder, every migrant figure too."""
    import openpyxl

    raw = make_raw_dir(tmp_path / "no_table_2")
    copy_project_population(raw)
    (workbook,) = (raw / "undesa").glob("*.xlsx")
    book = openpyxl.load_workbook(workbook)
    del book["Table 2"]
    book.save(workbook)
    assert main(["figures", "--year", "2024", "--raw-dir", str(raw)]) == 0
    out, err = capsys.readouterr()
    figures = json.loads(out)
    assert figures["top_hosts_per_1000"] is None and figures["migrant_stock"] > 0
    assert err == (
        f"warning: {workbook}: no total population (Table 2); top_hosts_per_1000 and "
        "per_1000_population_year are null\n"
    )
    assert figures["migrant_share_of_population"] is not None  # from Table 3
    book = openpyxl.load_workbook(workbook)
    del book["Table 3"]  # and without migrants' share: that figure is null too, and said
    book.save(workbook)
    assert main(["figures", "--year", "2024", "--raw-dir", str(raw)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["migrant_share_of_population"] is None
    assert err == (
        f"warning: {workbook}: no total population (Table 2) nor migrants' share of it "
        "(Table 3); top_hosts_per_1000, per_1000_population_year and "
        "migrant_share_of_population are null\n"
    )
    shutil.rmtree(raw / "undesa")
    assert main(["figures", "--year", "2024", "--raw-dir", str(raw)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["migrant_stock"] is None
    assert err.startswith(f"warning: {raw / 'undesa'}: no UN DESA workbook; migrant_stock,")
    assert err.rstrip().endswith("top_hosts_per_1000 and per_1000_population_year are null")


def test_an_empty_undesa_folder_is_as_none_and_no_revision_can_be_chosen(
    tmp_path, capsys, population_2016
):
    """An empty folder, or one of other workbooks, stopped the run where none only warned;
    --desa-revision without a workbook was ignored by some commands, refused by others."""
    raw = make_raw_dir(tmp_path)
    write_rdf_csv(raw / "unhcr/population.csv", rdf_layout(population_2016))
    shutil.rmtree(raw / "undesa")
    (raw / "undesa").mkdir()
    assert main(["figures", "--year", "2016", "--raw-dir", str(raw)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["migrant_stock"] is None
    assert f"warning: {raw / 'undesa'}: no UN DESA workbook; migrant_stock," in err
    for command in ("figures", "report", "briefs"):
        argv = [command, "--year", "2016", "--raw-dir", str(raw), "--desa-revision", "2020"]
        argv += ["--countries", "SYR"] if command == "briefs" else []
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"error: {raw / 'undesa'}: no UN DESA migrant-stock workbook found")
    import openpyxl

    notes = openpyxl.Workbook()
    notes.active["A1"] = "My notes on migration"
    notes.save(raw / "undesa" / "notes.xlsx")  # no workbook by destination: as none too
    assert main(["figures", "--year", "2016", "--raw-dir", str(raw)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["migrant_stock"] is None
    assert f"warning: {raw / 'undesa' / 'notes.xlsx'}: not a UN DESA migrant-stock" in err
    assert f"warning: {raw / 'undesa'}: no UN DESA workbook by destination; migrant_stock," in err


@pytest.mark.parametrize(
    ("dates", "said"),
    [
        (["--release-date", "2026-12", "--retrieved", "2026-11-26"], "is after it was downloaded"),
        (["--release-date", "1999-12"], "is before 2025, the latest year of"),
        (["--retrieved", "2999-01-01"], "--retrieved 2999-01-01 is after today"),
    ],
)
def test_an_extract_of_impossible_dates_is_refused(dates, said, tmp_path, capsys):
    """A release month typed as the month of downloading (2026-12 for December 2025's
    snapshot) made its mid-2025 counts "the end of 2025", with exit 0."""
    out = tmp_path / "out"
    argv = ["extract", "--source", str(config.RAW_DIR), "--out", str(out), *dates]
    assert main(argv) == 2
    (line,) = [x for x in capsys.readouterr().err.splitlines() if not x.startswith("warning: ")]
    assert line.startswith("error: ") and said in line
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--retrieved", "2026-13-45"),
        ("--retrieved", "20241105"),  # Python reads it as a date; the manifest wants ISO
        ("--release-date", "2025-13"),
        ("--top-hosts", "abc"),
    ],
)
def test_command_line_values_are_checked_in_one_line(option, value, capsys):
    """`extract` had written "2026-13-45" into the manifest; `--top-hosts abc` named an
    internal function. One line, as for bad input: argparse's usage block went before it."""
    command = "briefs" if option == "--top-hosts" else "extract"
    with pytest.raises(SystemExit) as stop:
        main([command, option, value])
    assert stop.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"error: python -m analysis {command}: argument {option}: expected a")
    assert line.endswith(f"not {value!r} (see python -m analysis {command} --help)")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (
            ["figures", "--yaer", "2024"],
            "figures: unrecognized option --yaer (did you mean --year?)",
        ),
        (
            ["briefs", "--year", "2024", "--country", "TUR"],
            "briefs: unrecognized option --country (did you mean --countries?)",
        ),
        (["figures", "--year", "2024", "--prety"], "figures: unrecognized option --prety (did"),
        (["report", "--formats=pdf", "--dry-run"], "report: unrecognized option --dry-run (see"),
        (["--yaer", "figures"], ": unrecognized option --yaer (see"),  # before the command
        # a value that starts with "--" is the option's, as argparse reads it
        (["report", "--notebook", "--x.ipynb"], "report: argument --notebook: expected one"),
        # given twice, the second replaced the first without a word
        (
            ["briefs", "--year", "2024", "--countries", "CIV", "--countries", "SYR"],
            "briefs: option --countries given twice: give it once",
        ),
        (["figures", "--year", "2016", "--ye=2024"], "figures: option --year given twice"),
    ],
)
def test_a_misspelt_option_is_named_with_the_one_it_may_stand_for(argv, said, capsys):
    """`--yaer 2024` gave "the following arguments are required: --year", `--prety` pointed
    to the help of `python -m analysis` rather than of `figures`."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"error: python -m analysis {said}".replace(" :", ":"))
    command = "" if argv[0].startswith("-") else f" {argv[0]}"
    assert line.endswith(f"(see python -m analysis{command} --help)")


def test_an_abbreviated_option_still_works(capsys):
    assert main(["figures", "--year", "2016", "--pre", "--to", "3"]) == 0
    assert len(json.loads(capsys.readouterr().out)["top_hosts"]) == 3
    with pytest.raises(SystemExit):  # after "--", nothing is an option: argparse's own word
        main(["figures", "--year", "2016", "--", "--foo"])
    assert "unrecognized arguments: -- --foo" in capsys.readouterr().err


def test_every_unknown_country_is_named_one_line_each(capsys):
    """`--countries Turky,Germny` named 'Turky' alone; then both on one line joined by " — ",
    where the README promises one line per problem (a teacher)."""
    argv = ["briefs", "--year", "2024", "--countries", "Turky,Germny,TUR", "--out", "/nonexistent"]
    assert main(argv) == 2
    turky, germny = capsys.readouterr().err.splitlines()
    assert turky.startswith("error: unknown country 'Turky'; did you mean Türkiye (TUR)")
    assert germny == "error: unknown country 'Germny'; did you mean Germany (DEU)?"


@pytest.mark.parametrize("gone", ["dotted out", "no row"])
def test_a_host_whose_population_is_dotted_out_is_named_where_its_rate_is_missing(
    project_tables, capsys, monkeypatch, gone
):
    """Lebanon's population given as '..' dropped it from the rates per 1,000 with no word:
    Curaçao read as second, and the text named only the small countries left out. So did
    its row deleted from the workbook (grouped sheets edited at once): Aruba read as first."""
    import dataclasses

    from analysis.briefing import Edition, without_population
    from analysis.figures import figures_for

    monkeypatch.setattr(notices, "_ISSUED", [])  # each case warns anew
    stock = project_tables.migrant_stock.copy()
    if gone == "no row":
        stock = stock[stock["iso3"] != "LBN"]
        stock.attrs = project_tables.migrant_stock.attrs
    else:
        stock.loc[stock["iso3"] == "LBN", "population"] = float("nan")
    tables = dataclasses.replace(project_tables, migrant_stock=stock)
    before = [r["iso3"] for r in figures_for(project_tables, 2022)["top_hosts_per_1000"]]
    capsys.readouterr()
    figures = figures_for(tables, 2022)
    assert "LBN" in before and "LBN" not in [r["iso3"] for r in figures["top_hosts_per_1000"]]
    source = stock.attrs["source"]
    assert capsys.readouterr().err == (
        f"warning: {source}: no population for Lebanon"
        + (" (no row in the workbook)" if gone == "no row" else " in 2024 (given as '..')")
        + ": left out of top_hosts_per_1000\n"
    )
    edition = Edition(year=2022, top=10, tables=tables, figures=figures)
    assert without_population(edition) == ["Lebanon"]
    assert without_population(Edition(year=2022, top=10, tables=project_tables, figures={})) == []


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "--source", "{raw}", "--out", "{raw}"],
        ["process", "--raw-dir", "{raw}", "--out", "{raw}/unhcr"],
        ["report", "--year", "2016", "--raw-dir", "{raw}", "--out", "{raw}/reports"],
        ["briefs", "--year", "2016", "--countries", "TUR", "--raw-dir", "{raw}", "--out", "{raw}"],
    ],
    ids=["extract", "process", "report", "briefs"],
)
def test_an_output_folder_in_the_folder_read_is_refused_before_writing(tmp_path, capsys, command):
    """`extract --out` on its own `--source` replaced the full release's population file
    with the extract, then failed; `process --out RAW/unhcr` replaced countries.csv."""
    raw = make_raw_dir(tmp_path / "raw")
    copy_project_population(raw)
    before = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}
    assert main([part.format(raw=raw) for part in command]) == 2
    assert "the outputs would be written among the files they are made from: choose another" in (
        capsys.readouterr().err
    )
    assert {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()} == before


def test_an_output_folder_whose_subfolder_links_into_the_source_is_refused(tmp_path, capsys):
    """`extract --out OUT` with OUT/unhcr a link to the source's unhcr/ overwrote the
    release's population file through the link."""
    raw = make_raw_dir(tmp_path / "raw")
    copy_project_population(raw)
    out = tmp_path / "out"
    out.mkdir()
    (out / "unhcr").symlink_to(raw / "unhcr")
    before = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}
    assert main(["extract", "--source", str(raw), "--out", str(out)]) == 2
    assert f"error: {out / 'unhcr'}: the output folder is inside the release folder read" in (
        capsys.readouterr().err
    )
    assert {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize(
    "command",
    [
        ["process", "--raw-dir", "{raw}", "--out", "{raw}/unhcr/proc"],
        ["report", "--year", "2016", "--raw-dir", "{raw}", "--out", "{raw}/unhcr/rep"],
    ],
    ids=["process", "report"],
)
def test_an_output_folder_in_a_linked_subfolder_of_the_source_is_refused(tmp_path, capsys, command):
    """A raw folder whose unhcr/ links to a shared release: `--out RAW/unhcr/rep` wrote the
    reports into the shared release (the check resolved the link and found it outside)."""
    shared = make_raw_dir(tmp_path / "shared")
    copy_project_population(shared)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "unhcr").symlink_to(shared / "unhcr")
    (raw / "undesa").symlink_to(shared / "undesa")
    before = {p: p.read_bytes() for p in shared.rglob("*") if p.is_file()}
    assert main([part.format(raw=raw) for part in command]) == 2
    assert (
        f"the output folder is inside {(shared / 'unhcr').resolve()} (unhcr/ of the raw folder "
        "read links there); the outputs would be written among the files they are made from"
    ) in capsys.readouterr().err
    assert {p: p.read_bytes() for p in shared.rglob("*") if p.is_file()} == before
    assert not any(p.is_dir() for p in (shared / "unhcr").iterdir())  # no folder written in


def test_an_output_folder_holding_the_raw_folder_beside_its_outputs_is_accepted(tmp_path):
    """`--out .` from a folder holding raw/, or reports/data linking to the raw data, was
    refused as "the raw folder read": only the folders the outputs go to are checked."""
    raw = make_raw_dir(tmp_path / "raw")
    copy_project_population(raw)
    (tmp_path / "data").symlink_to(raw)
    assert main(["process", "--raw-dir", str(raw), "--out", str(tmp_path)]) == 0


@pytest.mark.parametrize("command", ["figures", "report"])
def test_a_raw_folder_that_is_not_there_or_is_the_unhcr_folder_says_so(tmp_path, capsys, command):
    """`--raw-dir .../reference/unhcr` said "expected .../unhcr/unhcr", with no word of the
    folder above; a folder that does not exist said only that it had no 'unhcr' folder."""
    unhcr = shutil.copytree(config.RAW_DIR / "unhcr", tmp_path / "raw" / "unhcr")
    itself = (
        f"the 'unhcr' folder itself: give the raw folder that holds it (--raw-dir {unhcr.parent})"
    )
    for raw, said in [
        (unhcr, itself),
        (tmp_path / "nowhere", "no such folder: expected the raw folder, with unhcr/"),
    ]:
        args = [command, "--year", "2016", "--raw-dir", str(raw)]
        assert main([*args, "--out", str(tmp_path / "out")] if command == "report" else args) == 2
        assert capsys.readouterr().err == f"error: {raw}: {said}\n"
    # a relative path says where it was looked for (a notebook's folder: "data/raw" from
    # notebooks/, where "../data/raw" was meant; a teacher)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        assert main(["figures", "--year", "2016", "--raw-dir", "data/raw"]) == 2
    assert capsys.readouterr().err == (
        f"error: data/raw: no such folder in {tmp_path}: expected the raw folder, with unhcr/\n"
    )


def test_a_file_for_a_folder_all_for_a_country_and_a_provisional_year_not_held(tmp_path, capsys):
    """A file given as the raw folder was "no 'unhcr' folder (expected FILE/unhcr)";
    `--countries all` suggested Albania; a manifest marking 2030 provisional made the
    mid-year 2025 a year-end count without a word (then only a warning)."""
    import json

    path = tmp_path / "figures.csv"
    path.write_text("year\n")
    assert main(["figures", "--year", "2016", "--raw-dir", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"error: {path}: a file, not a folder: expected the raw folder, with unhcr/\n"
    )
    assert main(["extract", "--source", str(path), "--out", str(tmp_path / "out")]) == 2
    assert "a file, not a folder: expected the release folder" in capsys.readouterr().err
    assert main(["briefs", "--year", "2024", "--countries", "all"]) == 2
    assert capsys.readouterr().err == "error: 'all' is no country: for every country, give --all\n"
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    manifest = json.loads((raw / "sources.json").read_text())
    # refused: an entry of another release names it, and its data range, wrongly on every
    # page (a release ending at mid-2022 read as "data to mid-2025", its mid-year count as
    # the year's end; a tester of other releases)
    for marked in ([2030], [2024], [2024, 2025]):
        for source in manifest["sources"]:
            if source["file"] == "unhcr/population.csv.gz":
                source["provisional_years"] = marked
        (raw / "sources.json").write_text(json.dumps(manifest))
        assert main(["figures", "--year", "2024", "--raw-dir", str(raw)]) == 2
        assert capsys.readouterr().err.splitlines()[-1] == (
            f"error: {raw / 'sources.json'}: the entry of unhcr/population.csv.gz marks "
            f"{', '.join(map(str, marked))} provisional, where only the file's latest year "
            "(2025) can be a mid-year count: expected provisional_years [] or [2025], with the "
            "release of this file; correct the entry or remove it"
        )


def test_an_extract_of_an_earlier_un_desa_revision_replacing_a_later_one_is_said(
    tmp_path, reference_dir, capsys
):
    """A release folder without the 2024 workbook replaced the project's extract of the 2024
    revision with the 2020 one, without a word: the world's migrants went from 304 to 281
    million."""
    source = tmp_path / "release"
    shutil.copytree(reference_dir / "unhcr", source / "unhcr")
    (source / "undesa").mkdir()
    (book,) = (reference_dir / "undesa").glob("*2020*.xlsx")
    shutil.copy(book, source / "undesa")
    out = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    (old,) = (out / "undesa").glob("*_extract.xlsx")
    assert main(["extract", "--source", str(source), "--out", str(out)]) == 0
    assert (
        f"warning: {old}: the extract of UN DESA's 2024 revision is replaced by one of the 2020 "
        f"revision, the latest in {source / 'undesa'}"
    ) in capsys.readouterr().err


def test_a_notebook_that_is_no_notebook_is_one_line(tmp_path, capsys):
    """`report --notebook x.py` printed papermill's two-line warning, with its site-packages
    path, before the error."""
    script = tmp_path / "x.py"
    script.write_text("print(1)\n")
    argv = ["report", "--year", "2024", "--notebook", str(script), "--out", str(tmp_path)]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        f"error: {script}: not a Jupyter notebook: expected an .ipynb file\n"
    )


def test_report_years_are_taken_comma_separated_as_countries_are(capsys):
    """``--year 2025,2016`` failed with "invalid int value", where ``--countries`` and
    ``--formats`` take commas."""
    from analysis.cli import parser

    args = parser().parse_args(["report", "--year", "2025,2016", "2012"])
    assert [year for given in args.year for year in given] == [2025, 2016, 2012]
    with pytest.raises(SystemExit) as stop:
        main(["report", "--year", "2016,twenty"])
    assert stop.value.code == 2
    assert "expected years such as 2016 or 2016,2024, not '2016,twenty'" in capsys.readouterr().err
    # none at all (a script's unset $YEAR) built the default editions without a word
    for empty in ("", ","):
        with pytest.raises(SystemExit) as stop:
            main(["report", "--year", empty])
        assert stop.value.code == 2
        assert f"expected years such as 2016 or 2016,2024, not {empty!r}" in capsys.readouterr().err


def test_a_country_hosting_more_people_than_inhabitants_has_no_rate(capsys):
    """Syria's refugees in Lebanon typed with an extra zero gave Lebanon 1,302 refugees per
    1,000 inhabitants, first in the rates, with no word; a mistyped count too small to move
    the world's total (Aruba's) does the same. Such a country is left out, with a warning."""
    from analysis import indicators

    hosts = pd.DataFrame(
        {
            "year": 2024,
            "iso3": ["LBN", "JOR", "ABW"],
            "name": ["Lebanon", "Jordan", "Aruba"],
            "is_country": True,
            "refugees": [7_554_260, 600_000, 20_000],
            "oip": [0, 0, 1_500_000],
        }
    )
    population = pd.Series({"LBN": 5_800_000, "JOR": 11_500_000, "ABW": 108_000})
    rates = indicators.per_1000(hosts, population, 2024, 10)
    assert rates["iso3"].tolist() == ["JOR"]
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        "warning: 2024: more refugees and others in need hosted than inhabitants in LBN "
        "(1,302 per 1,000), ABW (14,074 per 1,000): a count in the population file may be "
        "mistyped; left out of the rates per 1,000"
    )


def test_a_symlink_loop_given_as_a_folder_is_one_line(tmp_path, capsys):
    """`report --out loop1`, where loop1 and loop2 point at each other, ended with "error:
    unexpected RuntimeError" and exit 1 (a hostile tester)."""
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    for option in ("--out", "--raw-dir"):
        assert main(["report", "--year", "2016", option, str(tmp_path / "loop1")]) == 2
        error = capsys.readouterr().err
        assert error.startswith("error: Symlink loop from ") and error.endswith(
            ": expected a folder\n"
        )


def test_a_full_disk_that_names_no_file_names_the_output_folder(tmp_path, capsys, monkeypatch):
    """`--out` on a full disk said only "error: No space left on device" when the error
    named no file (a hostile tester): the output folder is named."""
    import errno

    from analysis import report

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report, "build_report", full)
    assert main(["report", "--year", "2016", "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'out'}: No space left on device\n"


def test_a_host_left_out_of_the_rates_for_a_narrower_population_is_said_where_it_would_rank():
    """Serbia ranked third per 1,000 inhabitants in 2005 on UN DESA's population of Serbia
    without Kosovo (or Montenegro, then); it is left out, rightly, but `figures` said
    nothing (an auditor)."""
    with notices.collect() as said:  # (said once in a process: another test may have)
        ranked = key_figures(config.RAW_DIR, 2005)["top_hosts_per_1000"]
    assert "SRB" not in {r["iso3"] for r in ranked}
    err = " ".join(said)
    # of 2005, when UNHCR's figures for Serbia counted Montenegro in too (a reviewer)
    assert "its population is of Serbia without Kosovo or Montenegro, less than UNHCR's " in err
    assert "cover: left out of top_hosts_per_1000, where it would rank third" in err
    with notices.collect() as said:
        key_figures(config.RAW_DIR, 2024)  # Serbia would not rank: nothing said
    assert "Serbia without Kosovo" not in " ".join(said)


def test_shares_by_host_of_a_year_with_many_of_no_known_host_say_so(reference_dir):
    """1971: a quarter of the refugees had no known country of asylum, and the shares by
    region, of the others, summed to 1 without a word (an auditor)."""
    from analysis.figures import UNKNOWN_SAID, without_host
    from analysis.processed import load_tables

    tables = load_tables(reference_dir)
    none, everyone = without_host(tables, 1971)
    assert none >= UNKNOWN_SAID * everyone
    with notices.collect() as said:
        figures = key_figures(reference_dir, 1971)
    assert sum(figures["hosting_by_region"].values()) == pytest.approx(1)
    err = " ".join(said)
    assert f"{numbers.people(none)} of the {numbers.people(everyone)} refugees of 1971 (" in err
    assert "hosting_by_region and hosted_in_developing_regions are shares of the others" in err
    with notices.collect() as said:
        key_figures(reference_dir, 2024)
    assert "no known country of" not in " ".join(said)


def test_origins_of_a_year_with_many_of_no_known_origin_say_so(reference_dir):
    """1960: nine in ten refugees had no known country of origin, and the three largest
    known origins "held 9%" without a word (a statistician)."""
    from analysis.figures import UNKNOWN_SAID, without_origin
    from analysis.processed import load_tables

    tables = load_tables(reference_dir)
    none, everyone = without_origin(tables, 1960)
    assert none >= 0.8 * everyone
    with notices.collect() as said:
        figures = key_figures(reference_dir, 1960)
    top3 = sum(row["refugees"] + row["other_in_need"] for row in figures["top_origins"][:3])
    assert figures["top3_origin_share"] == pytest.approx(top3 / everyone)  # of all, unknown too
    err = " ".join(said)
    assert f"{numbers.people(none)} of the {numbers.people(everyone)} refugees of 1960 (" in err
    assert "have no known country of origin; top_origins ranks the others" in err
    none, everyone = without_origin(tables, 2016)
    assert none < UNKNOWN_SAID * everyone
    with notices.collect() as said:
        key_figures(reference_dir, 2016)
    assert "no known country of origin" not in " ".join(said)


@pytest.mark.parametrize("typed", ["ten", 0, -1, 2.5, None, 1])
def test_a_try_it_cell_s_count_is_refused_in_one_line_naming_where_to_change_it(typed):
    """The briefing's "more countries" cell drew nothing for n = 0 or -1 and gave 53 lines
    of pandas for n = "ten" (a teacher); its count is checked as the parameters' are."""
    from analysis.figures import parameter_count

    with pytest.raises(InputError) as error:
        parameter_count(typed, "n", 2, change="; change it above")
    assert (
        str(error.value) == f"n = {typed!r}: expected a whole number of 2 or more; change it above"
    )
    assert parameter_count("20", "n", 2, change="; change it above") == 20


def test_a_year_typed_as_a_whole_float_reads_as_the_year():
    """`year = "2016"` was read and `year = 2016.0` refused (a teacher); 2016.5 still is."""
    from analysis.figures import parameter_count, parameter_year

    assert parameter_year(2016.0) == parameter_year("2016") == 2016
    assert parameter_count(10.0, "top_n", 3) == 10
    with pytest.raises(InputError, match=r"^year = 2016.5: expected a whole number"):
        parameter_year(2016.5)
