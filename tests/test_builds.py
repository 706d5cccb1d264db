"""Editions built whole: build keys, skipped rebuilds, one swap, leftovers, runs killed on purpose.

The kill tests run ``python -m analysis report`` (or :func:`analysis.builds.publish`) in a
subprocess that stops at a named step (the ``ANALYSIS_TEST_PAUSE_AT`` test hook), kill it
there, and check that ``<out>/2016`` is wholly the old edition or wholly the new one.
"""

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis import builds, config, notices, numbers
from analysis.cli import main
from analysis.errors import InputError
from analysis.figures import key_figures
from analysis.report import NOTEBOOK, build_report

# The build machinery is the same for any notebook; a small stand-in with the briefing's
# parameters keeps these runs quick (the briefing itself is rendered in test_report.py).
SMALL = Path(__file__).parent / "fixtures" / "small_briefing.ipynb"

OLD_FORMATS = ["notebook", "charts"]  # the edition in place before each kill test
NEW_FORMATS = "notebook"  # the killed run's: another key, and no charts folder


def whole_edition(folder: Path) -> str:
    """The key of ``folder``, after checking it holds exactly the files its record lists."""
    record = builds.read_record(folder)
    assert record is not None, f"{folder}: no {builds.BUILD_FILE}"
    assert builds.is_current(folder, record["key"]), f"{folder}: a listed file differs"
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk - {builds.BUILD_FILE, builds.PID_FILE} == set(record["files"])
    return record["key"]


def hidden(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith("."))


def report_args(raw: Path, out: Path, formats: str) -> list[str]:
    return ["report", "--year", "2016", "--raw-dir", str(raw), "--out", str(out)] + [
        "--formats",
        formats,
        "--notebook",
        str(SMALL),
    ]


def _interruptible() -> None:
    """Let Ctrl-C reach the child even when the tests run where SIGINT is ignored (a
    background job), since a child inherits an ignored signal."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_until(step: str, args: list[str], timeout: float = 300) -> subprocess.Popen:
    """Start ``python <args>`` with the pause hook at ``step``; return once it has paused."""
    env = {**os.environ, builds.PAUSE_VARIABLE: step}
    process = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        preexec_fn=_interruptible,
    )
    seen, deadline = b"", time.monotonic() + timeout
    while f"paused at {step}".encode() not in seen and time.monotonic() < deadline:
        if select.select([process.stderr], [], [], 1)[0]:
            chunk = os.read(process.stderr.fileno(), 65536)
            if not chunk:
                break
            seen += chunk
    if f"paused at {step}".encode() not in seen:
        process.kill()
        process.wait()
        pytest.fail(f"never paused at {step}: {seen.decode(errors='replace')[-2000:]}")
    return process


def stop(process: subprocess.Popen, sig: signal.Signals) -> tuple[int, str]:
    """Send ``sig``, wait for the process to end; its exit code and the rest of its stderr."""
    process.send_signal(sig)
    try:
        code = process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise
    rest = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    return code, rest


# --------------------------------------------------------------------------- key


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    """A copy of the project's raw folder."""
    folder = tmp_path_factory.mktemp("raw") / "raw"
    shutil.copytree(config.RAW_DIR, folder)
    return folder


def change_published_figures(raw_dir: Path) -> None:
    path = raw_dir / "published_figures.csv"
    text = path.read_text(encoding="utf-8")
    assert "as printed" in text
    path.write_text(text.replace("as printed", "as printed (checked)", 1), encoding="utf-8")


def key_of(raw_dir: Path = config.RAW_DIR, notebook: Path = NOTEBOOK, **changes) -> str:
    from analysis.processed import cache_key

    options = {
        "parameters": {"year": 2016, "top_n": 10, "charts_dir": "/tmp/a"},
        "formats": ["html", "charts"],
        **changes,
    }
    inputs = builds.inputs_key(cache_key(raw_dir, options.pop("desa_revision", None)))
    return builds.build_key(notebook=notebook, inputs=inputs, **options)


def test_key_follows_content_not_temporary_paths_or_format_order(raw, tmp_path):
    key = key_of()
    assert len(key) == 64 and key == key_of()
    assert key_of(parameters={"year": 2016, "top_n": 10, "charts_dir": "/tmp/b"}) == key
    assert key_of(formats=["charts", "html", "html"]) == key
    assert key_of(parameters={"year": 2016, "top_n": 5}) != key
    assert key_of(formats=["html"]) != key
    assert key_of(desa_revision=2020) != key
    notebook = tmp_path / "briefing.ipynb"
    edited = NOTEBOOK.read_bytes().replace(b"and migrant workers", b"and workers")
    notebook.write_bytes(edited)
    assert key_of(notebook=notebook) != key
    changed = tmp_path / "raw"
    shutil.copytree(raw, changed)
    assert key_of(changed) == key_of(raw)  # the same bytes
    change_published_figures(changed)
    assert key_of(changed) != key_of(raw)


# --------------------------------------------------------------------------- record, publish


def fake_edition(out: Path, key: str, files: dict[str, str]) -> Path:
    """Publish an edition holding ``files`` (name → text) with ``key``, from this process."""
    staging = builds.new_staging(out / "2016")
    for name, text in files.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_text(text, encoding="utf-8")
    return builds.publish(staging, out / "2016", key)


OLD_FILES = {"briefing.ipynb": "old notebook", "charts/top_hosts.svg": "old chart"}


def test_publish_replaces_the_whole_edition_and_records_it(tmp_path):
    edition = fake_edition(tmp_path, "old", OLD_FILES)
    assert whole_edition(edition) == "old" and not (edition / builds.PID_FILE).exists()
    folder_before = edition.stat().st_ino
    fake_edition(tmp_path, "new", {"briefing.ipynb": "new notebook"})
    assert whole_edition(edition) == "new"
    assert not (edition / "charts").exists()  # nothing of the old edition stays behind
    assert edition.stat().st_ino != folder_before
    assert hidden(tmp_path) == []


def test_a_file_in_the_edition_s_place_is_refused_not_hidden(tmp_path):
    """A file named 2024 was moved aside to a hidden ".2024.old-..." and left there."""
    (tmp_path / "2024").write_text("my notes")
    with pytest.raises(InputError, match="2024: a file is in the way"):
        builds.new_staging(tmp_path / "2024")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024"]


def test_a_folder_or_index_this_tool_did_not_write_is_refused_before_anything_is_built(
    tmp_path, capsys
):
    """``report --out X``: X/2024/notes.docx was deleted with the folder it was in, X's own
    index.html overwritten; ``--out reports/briefs`` deleted the briefs of 2024."""
    out = tmp_path / "site"
    (out / "2016").mkdir(parents=True)
    (out / "2016" / "notes.docx").write_text("mine")
    command = ["report", "--year", "2016", "--formats", "html", "--out", str(out)]
    assert main(command) == 2
    assert capsys.readouterr().err == (
        f"error: {out / '2016'}: holds 'notes.docx', which this tool did not build: building "
        "here would replace the folder and delete it; move it, or choose another --out\n"
    )
    (out / "2016" / "notes.docx").unlink()
    (out / "index.html").write_text("<html>the site</html>")
    assert main(command) == 2
    assert "index.html: not an index this tool wrote" in capsys.readouterr().err
    assert (out / "index.html").read_text() == "<html>the site</html>"
    assert not (out / "2016" / "briefing.html").exists()  # nothing built
    # a failed run's notebook alone is this tool's (no edition was built there yet)
    (out / "2016" / "briefing.failed.ipynb").write_text("{}")
    builds.refuse_foreign(out / "2016", kept=("briefing.failed.ipynb",))
    (out / "2016" / "brief").mkdir()
    with pytest.raises(InputError, match="holds 'brief' and more, .* delete them; move them"):
        builds.refuse_foreign(out / "2016")
    # what Jupyter leaves on opening the failed notebook is no user's work
    (out / "2016" / "brief").rmdir()
    (out / "2016" / ".ipynb_checkpoints").mkdir()
    builds.refuse_foreign(out / "2016", kept=("briefing.failed.ipynb",))
    # an output folder inside an edition this tool built: its next build would delete it
    (out / "2016" / builds.BUILD_FILE).write_text("{}")
    with pytest.raises(InputError, match="inside .*2016, an edition or brief this tool built"):
        builds.refuse_replacing(out / "2016" / "briefs", [])


def test_is_current_checks_the_key_and_every_file(tmp_path):
    edition = fake_edition(tmp_path, "k", OLD_FILES)
    assert builds.is_current(edition, "k")
    assert not builds.is_current(edition, "other") and not builds.is_current(edition, "")
    chart = edition / "charts" / "top_hosts.svg"
    chart.write_text("old chart, edited", encoding="utf-8")
    assert not builds.is_current(edition, "k")
    chart.unlink()
    assert not builds.is_current(edition, "k")
    assert not builds.is_current(tmp_path / "absent", "k")


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_clean_leftovers_keeps_live_runs_and_restores_an_unfinished_swap(tmp_path):
    (tmp_path / "2016").mkdir()
    live = tmp_path / ".2016.staging-live"
    live.mkdir()
    (live / builds.PID_FILE).write_text(str(os.getpid()))
    dead = tmp_path / ".2016.staging-dead"
    dead.mkdir()
    (dead / builds.PID_FILE).write_text(str(dead_pid()))
    abandoned = tmp_path / ".2016.staging-nopid"  # killed before it wrote its pid
    abandoned.mkdir()
    os.utime(abandoned, (time.time() - 3600,) * 2)
    charts = tmp_path / ".2024.charts-abc"  # the former report's charts staging
    charts.mkdir()
    replaced = tmp_path / ".2016.old-1234"
    replaced.mkdir()
    (replaced / builds.BUILD_FILE).write_text("{}")
    unfinished = tmp_path / ".2024.old-5678"
    unfinished.mkdir()
    (unfinished / "briefing.html").write_text("2024")
    (unfinished / builds.BUILD_FILE).write_text("{}")
    (tmp_path / ".cache").mkdir()
    # a user's folders named as leftovers are not this tool's: ".cache.old-1" was removed,
    # ".config.old-2023" renamed "config"
    for name in (".cache.old-1", ".config.old-2023", ".site.staging-2"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "notes.txt").write_text("mine")

    cleaned = builds.clean_leftovers(tmp_path)

    assert sorted(p.name for p in cleaned) == sorted(
        [dead.name, abandoned.name, charts.name, replaced.name, unfinished.name]
    )
    assert hidden(tmp_path) == [
        ".2016.staging-live", ".cache", ".cache.old-1", ".config.old-2023", ".site.staging-2"
    ]  # fmt: skip
    assert not (tmp_path / "config").exists()
    assert (tmp_path / "2024" / "briefing.html").read_text() == "2024"
    assert (tmp_path / "2016").is_dir()


PUBLISH = (
    "import sys; from pathlib import Path; from analysis import builds; "
    "out = Path(sys.argv[1]); staging = builds.new_staging(out); "
    "(staging / 'briefing.ipynb').write_text('new notebook'); builds.publish(staging, out, 'new')"
)


@pytest.mark.parametrize(
    ("step", "sig", "expected"),
    [
        ("swap", signal.SIGINT, "old"),  # interrupted between the renames: put back at once
        ("swap", signal.SIGKILL, "old"),  # killed there: put back by the next run
        ("swapped", signal.SIGINT, "new"),
        ("swapped", signal.SIGKILL, "new"),
    ],
)
def test_publish_killed_mid_swap_leaves_one_whole_edition(tmp_path, step, sig, expected):
    fake_edition(tmp_path, "old", OLD_FILES)
    process = run_until(step, ["-c", PUBLISH, str(tmp_path / "2016")], timeout=60)
    stop(process, sig)
    if (step, sig) == ("swap", signal.SIGKILL):
        assert not (tmp_path / "2016").exists()
        (old,) = tmp_path.glob(".2016.old-*")
        assert whole_edition(old) == "old"
    else:
        assert whole_edition(tmp_path / "2016") == expected
    builds.clean_leftovers(tmp_path)
    assert whole_edition(tmp_path / "2016") == expected
    assert hidden(tmp_path) == []


# --------------------------------------------------------------------------- report runs


@pytest.fixture(scope="module")
def built(raw, tmp_path_factory) -> Path:
    """The 2016 edition (notebook and charts) of the raw copy, rendered once."""
    out = tmp_path_factory.mktemp("built")
    build_report(raw, out, [2016], OLD_FORMATS, notebook=SMALL)
    return out / "2016"


def copy_of(edition: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(edition, out / edition.name)
    return out


def test_unchanged_rerun_is_skipped_and_says_so(raw, built, capsys):
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*")}
    assert main(report_args(raw, built.parent, ",".join(OLD_FORMATS))) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"{built}: up to date (nothing changed)\n"
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*")} == before
    (result,) = build_report(raw, built.parent, [2016], OLD_FORMATS, notebook=SMALL)
    assert result["up_to_date"] and result["notebook"] == built / "briefing.ipynb"


def test_force_rebuilds_an_unchanged_edition(raw, built, tmp_path, capsys):
    out = copy_of(built, tmp_path)
    folder_before = (out / "2016").stat().st_ino
    assert main([*report_args(raw, out, ",".join(OLD_FORMATS)), "--force"]) == 0
    assert "up to date" not in capsys.readouterr().err
    assert (out / "2016").stat().st_ino != folder_before
    assert whole_edition(out / "2016") == whole_edition(built)


def test_an_edition_linked_elsewhere_is_built_where_the_link_points(raw, built, tmp_path):
    """A ``reports/2016`` linked to a web server's folder: the link was swapped for a new
    folder, the linked folder left as it was and the link left behind as an old edition."""
    elsewhere = copy_of(built, tmp_path) / "2016"
    out = tmp_path / "reports"
    out.mkdir()
    (out / "2016").symlink_to(elsewhere)
    assert main([*report_args(raw, out, ",".join(OLD_FORMATS)), "--force"]) == 0
    assert (out / "2016").is_symlink() and os.readlink(out / "2016") == str(elsewhere)
    assert whole_edition(elsewhere) == whole_edition(built)
    assert sorted(p.name for p in out.iterdir()) == ["2016", "index.html"]
    assert hidden(elsewhere.parent) == []
    # a run killed mid-swap there leaves its old edition aside: the next run puts it back
    os.replace(elsewhere, elsewhere.parent / ".2016.old-1a2b3c4d")
    stale = elsewhere.parent / ".2016.staging-5e6f7a8b"
    stale.mkdir()
    (stale / builds.PID_FILE).write_text("999999999\n", encoding="ascii")
    assert len(builds.clean_leftovers(out)) == 2
    assert whole_edition(elsewhere) == whole_edition(built) and hidden(elsewhere.parent) == []


def test_the_index_lists_what_the_folder_holds_after_each_report(raw, built, tmp_path, capsys):
    """The index was written by `briefs` only: after a report of other formats it linked
    files no longer there, and left out new editions. The files of the earlier build that
    other formats leave out went without a word."""
    assert 'href="2016/briefing.ipynb"' in (built.parent / "index.html").read_text()
    out = copy_of(built, tmp_path)  # no index: the first report writes one
    capsys.readouterr()
    build_report(raw, out, [2016], ["html"], notebook=SMALL)
    assert capsys.readouterr().err == (
        f"warning: {out / '2016'}: the earlier build's briefing.ipynb and charts/ were removed "
        "(not among this run's --formats)\n"
    )
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2016/briefing.html"' in index and "briefing.ipynb" not in index
    # an edition of charts alone: no notebook published, listed by its charts; a brief
    # whose summary cannot be read is left out with a warning, not a failed run
    damaged = out / "briefs" / "2001" / "ZZZ" / "brief.json"
    damaged.parent.mkdir(parents=True)
    damaged.write_text("{bad", encoding="utf-8")
    assert main(report_args(raw, out, "charts")) == 0
    err = capsys.readouterr().err
    assert f"warning: {damaged}: cannot be read (" in err
    assert "the earlier build's briefing.html was removed" in err
    assert sorted(p.name for p in (out / "2016").iterdir()) == [".build.json", "charts"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2016/charts/"' in index and "briefing.html" not in index


def test_changed_raw_file_rebuilds(raw, built, tmp_path):
    out = copy_of(built, tmp_path)
    published = (raw / "published_figures.csv").read_bytes()
    change_published_figures(raw)
    try:
        (result,) = build_report(raw, out, [2016], OLD_FORMATS, notebook=SMALL)
    finally:
        (raw / "published_figures.csv").write_bytes(published)
    assert not result["up_to_date"]
    assert whole_edition(out / "2016") != whole_edition(built)


def test_report_interrupted_in_staging_leaves_the_old_edition(raw, built, tmp_path):
    out = copy_of(built, tmp_path)
    process = run_until("staging", ["-m", "analysis", *report_args(raw, out, NEW_FORMATS)])
    code, stderr = stop(process, signal.SIGINT)
    assert code == 130 and stderr.strip().endswith("error: interrupted")
    assert whole_edition(out / "2016") == whole_edition(built)
    assert hidden(out) == []


def test_report_killed_after_execution_leaves_the_old_edition(raw, built, tmp_path, capsys):
    out = copy_of(built, tmp_path)
    process = run_until("executed", ["-m", "analysis", *report_args(raw, out, NEW_FORMATS)])
    stop(process, signal.SIGKILL)
    assert whole_edition(out / "2016") == whole_edition(built)
    (staging,) = hidden(out)
    assert staging.startswith(".2016.staging-")
    assert (out / staging / "briefing.ipynb").is_file()
    # the next run removes the dead run's staging folder; the old edition is still current
    assert main(report_args(raw, out, ",".join(OLD_FORMATS))) == 0
    assert "2016: up to date" in capsys.readouterr().err
    assert hidden(out) == []


def test_report_killed_mid_swap_is_repaired_by_the_next_run(raw, built, tmp_path, capsys):
    out = copy_of(built, tmp_path)
    process = run_until("swap", ["-m", "analysis", *report_args(raw, out, NEW_FORMATS)])
    stop(process, signal.SIGKILL)
    assert not (out / "2016").exists()
    (old,) = out.glob(".2016.old-*")
    (staging,) = out.glob(".2016.staging-*")
    assert whole_edition(old) == whole_edition(built)
    assert whole_edition(staging) != whole_edition(built)  # whole too, but never published
    assert main(report_args(raw, out, ",".join(OLD_FORMATS))) == 0
    assert "2016: up to date" in capsys.readouterr().err
    assert whole_edition(out / "2016") == whole_edition(built)
    assert (out / "2016" / "charts").is_dir()
    assert hidden(out) == []


def test_a_stop_a_worker_cannot_raise_prints_no_traceback():
    """Ctrl-C during the PDF step printed "Exception ignored in: <function WeakSet._remove>"
    and a traceback before "error: interrupted": a stop landing where Python cannot raise
    it is said by the run's one line alone; any other such error is still printed."""
    code = (
        "from analysis import errors\n"
        "errors.worker_stops()\n"
        "class Stopped:\n"
        "    def __del__(self): raise KeyboardInterrupt\n"
        "class Broken:\n"
        "    def __del__(self): raise ValueError('kept')\n"
        "Stopped(); Broken()\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "KeyboardInterrupt" not in run.stderr and "Stopped.__del__" not in run.stderr
    assert "ValueError: kept" in run.stderr


def test_the_index_is_written_by_one_run_at_a_time(tmp_path):
    """Two runs into one folder: the later one's page could list only its own edition,
    from a look at the folder taken before the other's edition was in place."""
    import fcntl
    import threading

    from analysis.index import write_index

    out = tmp_path / "reports"
    out.mkdir()
    held = os.open(out, os.O_RDONLY)  # another run, writing its index
    fcntl.flock(held, fcntl.LOCK_EX)
    writing = threading.Thread(target=write_index, args=(out,))
    writing.start()
    writing.join(0.5)
    assert writing.is_alive() and not (out / config.INDEX).exists()  # it waits
    os.close(held)
    writing.join(30)
    assert not writing.is_alive() and (out / config.INDEX).exists()
    assert sorted(p.name for p in out.iterdir()) == [config.INDEX]  # no lock file left


def test_an_index_where_the_folder_cannot_be_locked_is_written_all_the_same(tmp_path, monkeypatch):
    """On a network drive, a lock on a folder opened to read fails (EBADF, ENOLCK): the run
    failed at its last step, its editions built."""
    import fcntl

    from analysis.index import write_index

    def refused(*_):
        raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(fcntl, "flock", refused)
    out = tmp_path / "new" / "reports"  # not there yet, as before the lock
    assert write_index(out).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_the_index_lists_briefs_alphabetically_as_it_shows_their_names(tmp_path):
    """Türkiye among the T's before Tuvalu (not after it, by "ü"), Hong Kong under H as
    "Hong Kong SAR (China)" (not under C, by UNHCR's "China, Hong Kong SAR")."""
    import json

    from analysis import index
    from analysis.briefs import BRIEFS_DIR, SUMMARY_FILE

    for iso3, name in [("TUV", "Tuvalu"), ("TUR", "Türkiye"), ("HKG", "China, Hong Kong SAR"),
                       ("HND", "Honduras"), ("CHL", "Chile"), ("IRQ", "Iraq")]:  # fmt: skip
        folder = tmp_path / BRIEFS_DIR / "2024" / iso3
        folder.mkdir(parents=True)
        (folder / "briefing.html").write_text("<html></html>")
        summary = {"name": name, "iso3": iso3, "year": 2024, "hosted": 1, "from": 1}
        (folder / SUMMARY_FILE).write_text(json.dumps(summary))
    listed = [entry.iso3 for entry in index.briefs(tmp_path)]
    assert listed == ["CHL", "HND", "HKG", "IRQ", "TUR", "TUV"]


def test_the_index_gives_no_figure_for_an_edition_whose_raw_folder_changed_since(tmp_path, capsys):
    """The index recomputed an edition's figure from its raw folder as it is now: after an
    edit there, it showed 43.1 million beside an edition that says 38.1 million. Reading
    that folder printed its warnings in a `briefs` run of another folder."""
    import re

    from analysis import index

    raw = shutil.copytree(config.RAW_DIR, tmp_path / "raw")
    out = tmp_path / "out"
    build_report(raw, out, [2016], ["html"], notebook=SMALL)
    row = re.compile(r"<td>World</td><td>2016</td>.*?</tr>", re.S)

    def figures() -> list[str]:
        return re.findall(
            r'<td class="num">([^<]*)</td>', row.search(index.page(index.editions(out)))[0]
        )

    assert figures()[0] == numbers.people(key_figures(raw, 2016)["forcibly_displaced"])
    # reading another run's raw folder for its figure says none of that folder's warnings
    (raw / "sources.json").unlink()  # (its population file then has no date: a warning)
    build_report(raw, out, [2016], ["html"], notebook=SMALL)
    notices._ISSUED.clear()
    capsys.readouterr()
    assert figures()[0] and capsys.readouterr().err == ""
    idmc = raw / "unhcr" / "idmc.csv"
    idmc.write_text(idmc.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # other bytes
    assert figures() == ["", ""]
    assert json.loads((out / "2016" / ".build.json").read_text())["tables"]


def test_a_file_added_to_a_built_edition_is_not_deleted_by_its_rebuild(
    raw, built, tmp_path, capsys
):
    """Notes saved in a built edition's folder (`reports/2016/extra.txt`, a chart of one's
    own in `charts/`) were deleted by the next rebuild without a word (a hostile tester):
    the rebuild is refused in one line naming them, and they stay."""
    out = copy_of(built, tmp_path)
    for extra in ("extra.txt", "charts/mine.png"):
        (out / "2016" / extra).write_text("mine")
        # unchanged: up to date, the notes kept (a reviewer: it was refused)
        assert main(report_args(raw, out, ",".join(OLD_FORMATS))) == 0
        assert "up to date" in capsys.readouterr().err
        assert main([*report_args(raw, out, ",".join(OLD_FORMATS)), "--force"]) == 2
        error = capsys.readouterr().err.strip().splitlines()[-1]
        assert error.startswith(f"error: {out / '2016'}: holds {extra!r}, which this tool did ")
        assert (out / "2016" / extra).is_file()
        (out / "2016" / extra).unlink()
    assert main([*report_args(raw, out, ",".join(OLD_FORMATS)), "--force"]) == 0
