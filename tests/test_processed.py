"""The tidy tables in data/processed: keyed on ISO3 with UNHCR region, written atomically."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis import config
from analysis.cli import main


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    assert main(["process", "--out", str(out)]) == 0
    return out


def test_tables_written_and_nothing_half_written(processed):
    names = {p.name for p in processed.iterdir()}
    assert names == {
        "countries.csv",
        "global_totals.csv",
        "population_by_asylum.csv",
        "population_by_origin.csv",
        "population_by_origin_and_asylum.csv",
        "idps_conflict.csv",
        "resettlement.csv",
        "naturalisation.csv",
        "unrwa_by_field.csv",
        "migrant_stock.csv",
        "published_figures.csv",
        "processed.json",
    }


def test_a_second_run_into_the_folder_leaves_no_table_of_the_first(tmp_path, capsys):
    """``process --out P`` from a raw folder without UN DESA's workbook, after a run with it:
    P kept the first run's migrant_stock.csv, which read_tables then gave as this folder's."""
    from analysis.processed import read_tables

    out = tmp_path / "out"
    assert main(["process", "--out", str(out)]) == 0
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw", ignore=shutil.ignore_patterns("*.xlsx"))
    assert main(["process", "--raw-dir", str(raw), "--out", str(out)]) == 0
    assert not (out / "migrant_stock.csv").exists()
    assert read_tables(out).migrant_stock is None
    # a folder no run wrote keeps a file of its own that has a table's name
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "migrant_stock.csv").write_text("my own table\n")
    assert main(["process", "--raw-dir", str(raw), "--out", str(mine)]) == 0
    assert (mine / "migrant_stock.csv").read_text() == "my own table\n"
    capsys.readouterr()


def test_a_disk_filling_up_leaves_the_tables_as_they_were(tmp_path, capsys, monkeypatch):
    """A full disk during ``process`` left three tables of the new run beside the rest of the
    old one, under the old processed.json, and said only "No space left on device"."""
    import errno

    out = tmp_path / "out"
    assert main(["process", "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    written = pd.DataFrame.to_csv
    calls = []

    def fill_up(self, path=None, *args, **kwargs):  # the third table fills the disk
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return written(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_csv", fill_up)
    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw", ignore=shutil.ignore_patterns("*.xlsx"))
    capsys.readouterr()
    assert main(["process", "--raw-dir", str(raw), "--out", str(out)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: {out}: No space left on device: free some space and run again (the tables "
        "there are as they were)"
    )
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no staging left


def test_another_raw_folder_is_no_output_folder(tmp_path, capsys):
    """``process --raw-dir NEW --out data/raw`` replaced the raw folder's hand-typed
    published_figures.csv; ``--out data/raw/unhcr`` its countries.csv, and left that folder
    with several population files."""
    other = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    before = {p: p.read_bytes() for p in other.rglob("*") if p.is_file()}
    for out in (other, other / "unhcr", other / "undesa"):
        assert main(["process", "--out", str(out)]) == 2
        assert capsys.readouterr().err.startswith(f"error: {out}: a raw data folder")
    assert {p: p.read_bytes() for p in other.rglob("*") if p.is_file()} == before
    # a folder named unhcr/ that holds processed tables is no raw folder (its second run)
    mine = tmp_path / "mine" / "unhcr"
    for _ in range(2):
        assert main(["process", "--out", str(mine)]) == 0
    capsys.readouterr()


def test_population_tables_are_tidy_and_keyed_on_iso3(processed):
    for name in ("population_by_asylum.csv", "population_by_origin.csv"):
        table = pd.read_csv(processed / name, keep_default_na=False, na_values=[""])
        assert not table.duplicated(["year", "iso3"]).any()
        assert {"iso3", "name", "unhcr_region", "refugees", "asylum_seekers"} <= set(table)
    hosts = pd.read_csv(processed / "population_by_asylum.csv")
    turkey = hosts[(hosts.year == 2016) & (hosts.iso3 == "TUR")].iloc[0]
    assert (turkey["name"], turkey["unhcr_region"]) == ("Türkiye", "Europe")


def test_global_totals_match_the_figures(processed, project_figures):
    totals = pd.read_csv(processed / "global_totals.csv").set_index("year")
    figures = project_figures(2016)
    for field in ("forcibly_displaced", "refugees_unhcr", "refugees_unrwa", "resettled"):
        assert totals.loc[2016, field] == figures[field]
    assert bool(totals.loc[2025, "provisional"]) and not bool(totals.loc[2024, "provisional"])


def test_migrant_stock_table(processed):
    stock = pd.read_csv(processed / "migrant_stock.csv", keep_default_na=False, na_values=[""])
    world = stock[(stock.kind == "world") & (stock.year == 2024)].iloc[0]
    assert (world["migrants"], world["revision"]) == (304_021_813, 2024)
    jordan = stock[(stock.iso3 == "JOR") & (stock.year == 2024)].iloc[0]
    assert 0 < jordan["migrant_share"] < 1 and jordan["population"] > 1_000_000


def test_processed_tables_are_built_once_per_content(tmp_path):
    from conftest import make_raw_dir

    from analysis.processed import ensure_processed

    raw = make_raw_dir(tmp_path / "raw")
    shutil.copy(config.RAW_DIR / "unhcr" / "population.csv.gz", raw / "unhcr")
    root = tmp_path / "processed"
    first = ensure_processed(raw, root=root)
    stamp = (first / "processed.json").stat().st_mtime_ns
    assert ensure_processed(raw, root=root) == first  # same inputs: the saved tables
    assert (first / "processed.json").stat().st_mtime_ns == stamp
    # a changed raw file makes new tables; nothing half-written is left beside them
    published = raw / "published_figures.csv"
    published.write_text((config.RAW_DIR / "published_figures.csv").read_text() + "\n")
    second = ensure_processed(raw, root=root)
    assert second != first and (second / "processed.json").exists()
    assert not [p for p in root.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda f: (f / "population_by_asylum.csv").write_text("year,iso3\n2024,"), "changed"),
        (lambda f: (f / "population_by_asylum.csv").unlink(), "missing or unreadable"),
        (lambda f: (f / "processed.json").write_text(""), "processed.json is missing"),
        (lambda f: (f / "processed.json").unlink(), "processed.json is missing"),
    ],
    ids=["table-changed", "table-lost", "meta-empty", "meta-lost"],
)
def test_tables_damaged_since_they_were_saved_are_made_again(tmp_path, capsys, damage, said):
    """A saved table cut short was trusted (a report said the data held no countries of
    asylum); one deleted, or an empty processed.json, ended in a raw AttributeError or
    JSONDecodeError on every run. Each table's checksum is saved with them and checked."""
    from conftest import make_raw_dir

    from analysis.processed import ensure_processed, read_tables

    raw = make_raw_dir(tmp_path / "raw")
    shutil.copy(config.RAW_DIR / "unhcr" / "population.csv.gz", raw / "unhcr")
    root = tmp_path / "processed"
    folder = ensure_processed(raw, root=root)
    whole = read_tables(folder).by_asylum
    damage(folder)
    capsys.readouterr()
    assert ensure_processed(raw, root=root) == folder
    err = capsys.readouterr().err
    assert f"warning: {folder}: " in err and said in err
    assert err.rstrip().endswith(": the processed tables are made again")
    pd.testing.assert_frame_equal(read_tables(folder).by_asylum, whole)
    assert ensure_processed(raw, root=root) == folder  # whole again: said no more
    assert "made again" not in capsys.readouterr().err


def test_a_file_in_a_linked_folder_is_an_input_too(tmp_path):
    """``unhcr/`` a link to a shared download folder: a file changed there left the report
    "up to date (nothing changed)" with the old figures, as its key did not see it."""
    from conftest import make_raw_dir

    from analysis.processed import cache_key, inputs

    shared = make_raw_dir(tmp_path / "shared")
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "unhcr").symlink_to(shared / "unhcr", target_is_directory=True)
    (raw / "undesa").symlink_to(shared / "undesa", target_is_directory=True)
    (shared / "unhcr" / "loop").symlink_to(shared / "unhcr", target_is_directory=True)
    names = [p.relative_to(raw).as_posix() for p in inputs(raw) if p.is_relative_to(raw)]
    assert "unhcr/idmc.csv" in names and any(n.startswith("undesa/") for n in names)
    assert not any(n.startswith("unhcr/loop") for n in names)  # a link to itself: walked once
    before = cache_key(raw)
    idmc = shared / "unhcr" / "idmc.csv"
    idmc.write_text(idmc.read_text(encoding="utf-8") + "2024,X,XXX,XXX,X,XXX,XXX,1\n")
    assert cache_key(raw) != before


def test_a_cache_folder_that_cannot_be_written_gives_way_to_a_temporary_one(tmp_path, monkeypatch):
    """An installed package run with a read-only home stopped: "error: /home/x: Permission
    denied". The processed tables are a cache: they go to the temporary folder."""
    import tempfile

    from conftest import make_raw_dir

    from analysis.processed import ensure_processed

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    raw = make_raw_dir(tmp_path / "raw")
    shutil.copy(config.RAW_DIR / "unhcr" / "population.csv.gz", raw / "unhcr")
    blocked = tmp_path / "home"
    blocked.write_text("a file where the cache's folder would be")
    folder = ensure_processed(raw, root=blocked / ".cache" / "processed")
    assert (
        folder.parent.name.startswith("analysis-processed-")
        and (folder / "processed.json").exists()
    )
    assert folder.parent.parent == tmp_path / "tmp"
    # a folder of that name others may write to is not trusted: a new one is made
    folder.parent.chmod(0o777)
    again = ensure_processed(raw, root=blocked / ".cache" / "processed")
    assert again.parent != folder.parent and again.parent.parent == tmp_path / "tmp"


def test_tables_of_the_same_files_in_another_folder_name_that_folder(tmp_path, capsys):
    """The tables are keyed by content: a copy of a raw folder reuses them, and its warnings
    named the first folder's files (and the index compared against that folder)."""
    from conftest import make_raw_dir

    from analysis.processed import ensure_processed, read_tables

    first = make_raw_dir(tmp_path / "first" / "raw")
    shutil.copy(config.RAW_DIR / "unhcr" / "population.csv.gz", first / "unhcr")
    shutil.rmtree(first / "undesa")  # a warning: no UN DESA workbook
    second = shutil.copytree(first, tmp_path / "second" / "raw")
    root = tmp_path / "processed"
    for raw in (first, second):
        tables = read_tables(ensure_processed(raw, root=root), raw)
        err = capsys.readouterr().err
        assert f"warning: {raw / 'undesa'}: no UN DESA workbook" in err
        assert tables.meta["raw_dir"] == str(raw)
        assert [w for w in tables.meta["warnings"] if str(raw / "undesa") in w]
    assert "first" not in err and len(list(root.iterdir())) == 1  # the tables of the first


def test_a_warning_said_before_the_tables_are_made_is_kept_with_them(tmp_path):
    """`report` warned that a download's latest year was taken as provisional before it made
    the tables; they kept only the warnings said for the first time while they were made, so
    a later `briefs` reusing them said nothing of it."""
    from conftest import make_raw_dir

    from analysis.processed import ensure_processed, read_tables

    raw = make_raw_dir(tmp_path / "raw")
    shutil.copy(config.RAW_DIR / "unhcr" / "population.csv.gz", raw / "unhcr")
    shutil.rmtree(raw / "undesa")  # a warning: no UN DESA workbook
    said = f"{raw / 'undesa'}: no UN DESA workbook"
    tables = read_tables(ensure_processed(raw, root=tmp_path / "one"), raw)
    first = [w for w in tables.meta["warnings"] if w.startswith(said)]
    assert first  # said now
    tables = read_tables(ensure_processed(raw, root=tmp_path / "two"), raw)  # said before
    assert [w for w in tables.meta["warnings"] if w.startswith(said)] == first


def test_tables_say_which_years_unhcr_s_other_tables_hold():
    """A table that ends before a year, is left out for it or is missing holds nothing."""
    from analysis.processed import load_tables

    tables = load_tables("")
    latest = max(tables.totals["year"])
    assert all(tables.holds(table, latest) for table in ("unrwa", "idmc", "solutions"))
    assert not tables.holds("solutions", latest + 1)
    tables.meta["unhcr"]["left_out"] = {"idmc": [latest]}
    assert not tables.holds("idmc", latest) and tables.holds("idmc", latest - 1)
    tables.meta["unhcr"]["missing"] = ["unrwa"]
    assert not tables.holds("unrwa", latest - 1)


def test_rankings_on_global_trends_basis(project_figures):
    f2024 = project_figures(2024)
    hosts = [h["iso3"] for h in f2024["top_hosts"][:5]]
    assert hosts == ["IRN", "TUR", "COL", "DEU", "UGA"]
    assert f2024["top_origins"][0]["iso3"] == "VEN"
    colombia = f2024["top_hosts"][2]
    assert colombia["other_in_need"] > 2_700_000 > colombia["refugees"]
    assert 0.18 < f2024["hosting_by_region"]["The Americas"] < 0.21
    f2016 = project_figures(2016)
    assert [h["iso3"] for h in f2016["top_hosts"][:3]] == ["TUR", "PAK", "LBN"]
    assert round(f2016["hosted_in_developing_regions"], 2) == 0.84  # as Global Trends 2016
    assert round(f2016["top3_origin_share"], 2) == 0.55
    per_1000 = f2016["top_hosts_per_1000"]
    assert per_1000[0]["iso3"] == "LBN" and per_1000[0]["per_1000"] > 100
    assert f2016["per_1000_population_year"] == 2015


def test_tables_by_country_pair_and_for_country_briefs(processed):
    def read(name):
        return pd.read_csv(processed / name, keep_default_na=False, na_values=[""])

    pairs, hosts = read("population_by_origin_and_asylum.csv"), read("population_by_asylum.csv")
    assert not pairs.duplicated(["year", "origin_iso3", "asylum_iso3"]).any()
    by_host = pairs.groupby(["year", "asylum_iso3"])["refugees"].sum()
    turkey = hosts.set_index(["year", "iso3"]).loc[(2024, "TUR"), "refugees"]
    assert by_host[(2024, "TUR")] == turkey
    totals = read("global_totals.csv").set_index("year")
    idps = read("idps_conflict.csv").groupby("year")["idps_conflict"].sum()
    resettled = read("resettlement.csv").groupby("year")["resettled"].sum()
    assert idps[2024] == totals.loc[2024, "idps_conflict"]
    assert resettled[2024] == totals.loc[2024, "resettled"]


def test_a_raw_folder_named_relatively_has_the_key_of_its_absolute_path(monkeypatch):
    """ "--raw-dir data/raw" listed the project's country table by its absolute path too:
    another key, so every edition and brief was built again."""
    from analysis.processed import cache_key

    monkeypatch.chdir(config.RAW_DIR.parent.parent)
    relative = config.RAW_DIR.relative_to(config.RAW_DIR.parent.parent)
    assert not relative.is_absolute() and cache_key(relative) == cache_key(config.RAW_DIR)


def test_tables_read_back_name_the_files_later_warnings_are_about(tmp_path):
    """Read back from data/processed, the UN DESA table and the published figures had lost
    their files: `report` warned "UN DESA migrant stock: ..." where `figures` named the
    workbook."""
    from analysis.processed import ensure_processed, published_figures_file, read_tables

    raw = Path(shutil.copytree(config.RAW_DIR, tmp_path / "raw"))
    tables = read_tables(ensure_processed(raw, root=tmp_path / "processed"), raw)
    (workbook,) = (raw / "undesa").glob("*.xlsx")
    assert tables.migrant_stock.attrs["source"] == str(workbook)
    assert tables.published.attrs["source"] == str(published_figures_file(raw))


def test_the_tables_key_sees_every_module_and_the_readers_versions(tmp_path, monkeypatch):
    """The key hashed a list of modules that missed some deciding what the tables hold
    (the reconciliation, which can refuse the data; the wording of the warnings kept with
    them) and pycountry's version, which decides what counts as a country: after a change
    to one, the old tables were reused."""
    import importlib.metadata
    import shutil

    from analysis.processed import cache_key

    package = tmp_path / "analysis"
    shutil.copytree(config.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(config, "PACKAGE_DIR", package)
    before = cache_key(config.RAW_DIR)
    for name in ("reconciliation.py", "wording.py", "numbers.py"):
        module = package / name
        kept = module.read_bytes()
        module.write_bytes(kept + b"\n# changed\n")
        assert cache_key(config.RAW_DIR) != before, name
        module.write_bytes(kept)
    assert cache_key(config.RAW_DIR) == before
    real = importlib.metadata.version
    monkeypatch.setattr(
        importlib.metadata, "version", lambda n: "0.0" if n == "pycountry" else real(n)
    )
    assert cache_key(config.RAW_DIR) != before


def test_a_processed_json_listing_no_tables_is_damaged(tmp_path):
    """`"tables": {}` with the tables deleted passed the check, then stopped the next load
    with a raw TypeError (Tables missing its totals)."""
    import json

    from analysis.processed import META, damaged

    (tmp_path / META).write_text(json.dumps({"tables": {}}))
    assert damaged(tmp_path) == f"{META} lists none of the tables every build saves"
