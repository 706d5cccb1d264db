"""``python -m analysis report``: check the request, then execute and render each edition.

Everything a bad request can get wrong (an unknown year, a missing folder or file, an
unknown format) is refused here, with one line, before any notebook runs. Each edition
is executed and rendered in one process (:func:`analysis.render.render_edition`) into
one staging folder, published as a whole (:mod:`analysis.builds`); editions run in
parallel over the cores. An edition whose build key (raw files, code, notebook,
parameters, formats) has not changed since it was published is not built again.
"""

import contextlib
import zipfile
from pathlib import Path

from analysis import builds, config, notices, numbers, wording
from analysis.atomic import refuse_writing_into
from analysis.errors import InputError
from analysis.manifest import entry, mid_year_only, provisional_years_of, read_manifest
from analysis.sources.files import (
    SIDE_TABLES,
    check_desa_revision,
    find_table,
    population_files,
    refuse_raw_dir_without_unhcr,
    table_years,
    unreadable,
    workbook_files,
)
from analysis.sources.unhcr import no_population_file

NOTEBOOK = config.NOTEBOOKS_DIR / "briefing.ipynb"
BRIEF_NOTEBOOK = config.NOTEBOOKS_DIR / "country_brief.ipynb"  # refused as a briefing
PRESENTATION_YEAR = 2016
TITLE = "Forced displacement and labour migration"


def available_years(raw_dir: Path) -> tuple[list[int], set[int], list[int]]:
    """The years the population file holds (an edition can be made of each), which of them
    are provisional, and those every UNHCR table holds (the default editions come from
    these; another year gives the figures of a table that lacks it as null)."""
    raw_dir = Path(raw_dir)
    unhcr_dir = raw_dir / "unhcr"
    refuse_raw_dir_without_unhcr(raw_dir)
    files = population_files(unhcr_dir)
    if not files:
        raise no_population_file(unhcr_dir)
    population_years = set.intersection(*(table_years(f) for f in files))  # a pair: both
    if not population_years:
        raise InputError(f"{files[0]}: holds no year: expected rows with a year")
    manifest = read_manifest(raw_dir)
    beside = {name: find_table(unhcr_dir, name, required=False) for name in SIDE_TABLES}
    years = {name: table_years(path) for name, path in beside.items() if path is not None}
    latest = max((max(y) for y in years.values() if y), default=None)
    provisional = provisional_years_of(raw_dir, files, population_years, manifest, latest)
    shared = set(population_years)
    for name in ("unrwa", "idmc"):  # a folder without one: its figures are null
        if name in years:  # the years it gives, and at the population file's date
            dated = mid_year_only(manifest, raw_dir, beside[name], provisional)
            shared &= years[name] - dated
    return sorted(population_years), provisional, sorted(shared or population_years)


def default_years(raw_dir: Path) -> list[int]:
    """The presentation's year and the latest complete year in the data."""
    _, provisional, shared = available_years(raw_dir)
    return _defaults(shared, provisional)


def _defaults(years: list[int], provisional: set[int]) -> list[int]:
    complete = [y for y in years if y not in provisional]
    chosen = [PRESENTATION_YEAR] if PRESENTATION_YEAR in years else []
    if complete and complete[-1] not in chosen:
        chosen.append(complete[-1])
    return chosen


def _say_defaults(raw_dir: Path, years: list[int], provisional: set[int], held: list[int]) -> None:
    """Refuse, in one line, data with no complete year to make a default edition of (a
    mid-year release alone), naming the year to ask for; warn when the presentation's year
    is not among ``years``, those every UNHCR table gives, so that only the latest complete
    year is built (``held``: the population file's years, when they are more)."""
    chosen = _defaults(years, provisional)
    what = "the data hold" if years == held else "every UNHCR table gives"
    where = f"{Path(raw_dir) / 'unhcr'}: {what} {numbers.years(years)}" if years else ""
    if not chosen and years:
        raise InputError(
            f"{where}, at mid-year only: no complete year for the default editions; ask for "
            f"one with --year {years[-1]}"
        )
    if years and PRESENTATION_YEAR not in chosen:
        notices.warn(
            f"{where}, not {PRESENTATION_YEAR}: only the latest complete year is built "
            "(--year chooses others)"
        )


def check_request(
    raw_dir: Path, years: list[int] | None, formats: list[str], desa_revision: int | None = None
) -> list[int]:
    """Refuse, with one line, what would make a notebook fail; return the years to render
    (by default the presentation's year and the latest complete one)."""
    from analysis.render import FORMATS, check_pdf_libraries

    unknown = [f for f in formats if f not in FORMATS and f != "charts"]
    if unknown or not formats:
        raise InputError(
            f"unknown report format {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join([*FORMATS, 'charts'])}"
        )
    if "pdf" in formats:
        check_pdf_libraries()
    held, provisional, shared = available_years(raw_dir)
    if not years:
        _say_defaults(raw_dir, shared, provisional, held)
    years = list(dict.fromkeys(years or _defaults(shared, provisional)))  # each year once
    for year in years:
        if year not in held:
            raise InputError(
                f"{Path(raw_dir) / 'unhcr'}: no data for {year}; the population file holds "
                f"{numbers.years(held)}"
            )
    for workbook in workbook_files(raw_dir, required=False):  # none: no migrant figures
        try:  # a file that cannot be read is said so, not called incomplete
            workbook.open("rb").close()
        except OSError as err:
            raise unreadable(workbook, err) from None
        if not zipfile.is_zipfile(workbook):
            raise InputError(
                f"{workbook}: not an Excel workbook (.xlsx); is the download complete?"
            )
    if desa_revision is not None and check_desa_revision(raw_dir, desa_revision):
        from analysis.sources.undesa import choose_workbook

        choose_workbook(raw_dir, desa_revision)
    return years


def _job(
    year: int,
    raw_dir: Path,
    out: Path,
    formats: list[str],
    desa_revision: int | None,
    notebook: Path = NOTEBOOK,
    unhcr: dict | None = None,
) -> dict:
    """The edition's job for :func:`render.render_editions`; ``unhcr``: what the processed
    tables say of UNHCR's files (their release, the provisional years), read if not given."""
    from analysis.processed import cache_key, ensure_processed, saved_unhcr_meta

    population = population_files(Path(raw_dir) / "unhcr")[0]
    if unhcr is None:  # as the notebook dates the year and names the data
        unhcr = saved_unhcr_meta(ensure_processed(raw_dir, desa_revision))
    mid_year = year in unhcr["provisional_years"]
    source = entry(read_manifest(raw_dir), population.relative_to(raw_dir).as_posix()) or {}
    # only what the command sets: the notebook's own defaults (top_n) hold, as a teacher
    # may have changed them in an edited copy
    parameters = {"year": year, "raw_dir": config.raw_dir_parameter(raw_dir)}
    if desa_revision:
        parameters["desa_revision"] = desa_revision
    tables_key = cache_key(raw_dir, desa_revision)
    key = builds.build_key(
        notebook=notebook,
        inputs=builds.inputs_key(tables_key),
        parameters=parameters,
        formats=formats,
    )
    return {
        "notebook": notebook,
        "out_dir": out / str(year),
        "parameters": parameters,
        "title": f"{TITLE}: {'mid-' if mid_year else ''}{year}",
        # the data's vintage under the title, on the title slide too, without a file's name
        # ("data to mid-2025" for a file of no recorded release; the sources name it)
        "subtitle": "A briefing recomputed from the official statistics" + _vintage(unhcr),
        "date": source.get("release_date"),
        "formats": [f for f in formats if f != "charts"],
        "cwd": Path(notebook).resolve().parent,  # as Jupyter runs it: from its own folder
        "charts": "charts" in formats,
        "key": key,
        # the index gives the edition's figure only while its raw folder is as it was then
        "noted": {"tables": tables_key},
    }


def _vintage(unhcr: dict) -> str:
    """The UNHCR data's vintage as the subtitle gives it: " — UNHCR data: database snapshot
    of December 2025 (data to mid-2025)", or " — UNHCR data to mid-2025"."""
    credit = unhcr.get("credit") or unhcr.get("release")
    if not credit:
        return ""
    return (
        f" \N{EM DASH} UNHCR {credit}"
        if credit.startswith("data to")
        else (f" \N{EM DASH} UNHCR data: {credit}")
    )


def build_report(
    raw_dir: Path,
    out: Path,
    years: list[int] | None,
    formats: list[str],
    processes: int = 2,
    desa_revision: int | None = None,
    force: bool = False,
    notebook: Path | None = None,
) -> list[dict]:
    """Render each year's edition into ``out/<year>/`` (migrant figures from the latest UN
    DESA revision in ``raw_dir/undesa``, or from ``desa_revision``).

    The raw files are read and validated once, into the processed tables every edition's
    notebook reads. Leftovers of interrupted runs in ``out`` are cleaned first. An edition
    built before from the same inputs, code and options, and intact, is skipped unless
    ``force``. ``notebook`` may be an edited copy of the briefing (same parameters).
    Returns, per edition, ``{format: Path}`` of its files, ``"timings"``
    (seconds per step) and ``"up_to_date"`` (True when it was skipped).
    """
    from analysis.processed import ensure_processed, saved_unhcr_meta
    from analysis.render import render_editions

    years = check_request(raw_dir, years, formats, desa_revision)
    if notebook is not None:
        _check_edited_copy(Path(notebook))
    refuse_writing_into(out, raw_dir, "raw folder read")
    processed = ensure_processed(raw_dir, desa_revision)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    builds.clean_leftovers(out)
    unhcr = saved_unhcr_meta(processed)
    edited = Path(notebook or NOTEBOOK)
    jobs = [_job(y, raw_dir, out, formats, desa_revision, edited, unhcr) for y in years]
    stale = [j for j in jobs if force or not builds.is_current(j["out_dir"], j["key"])]
    # before anything is built: the folders to build (an edition up to date is not touched,
    # a user's notes in it kept)
    builds.refuse_replacing(out, [job["out_dir"] for job in stale])
    tables = None
    if stale:  # a warning on the data is said here, where the reader sees it, not in a kernel
        from analysis.processed import read_tables

        tables = read_tables(processed, raw_dir)
        for job in stale:
            _check_published(tables, raw_dir, job["parameters"]["year"])
    earlier = [builds.outputs(job["out_dir"]) for job in stale]
    built = iter(render_editions(stale, processes=processes))
    for job, files in zip(stale, earlier, strict=True):
        _say_dropped(job["out_dir"], files - builds.outputs(job["out_dir"]))
    results = [
        {**next(built), "up_to_date": False} if job in stale else _up_to_date(job) for job in jobs
    ]
    if stale or not (out / config.INDEX).exists():  # it lists what the folder holds now
        from analysis.index import write_index  # (not imported by a run with nothing to do)

        write_index(out, tables)
    return results


def _say_dropped(out_dir: Path, dropped: set[str]) -> None:
    """Warn that the files of the edition's earlier build this run's formats leave out are
    gone (the edition is replaced whole)."""
    if dropped:
        names = [name if "." in name else f"{name}/" for name in sorted(dropped)]  # charts/
        notices.warn(
            f"{out_dir}: the earlier build's {wording.listing(names, escape=False)} "
            f"{'was' if len(names) == 1 else 'were'} removed (not among this run's --formats)"
        )


def _check_edited_copy(notebook: Path) -> None:
    """Refuse a notebook declaring the country brief's own parameters (``country``):
    ``report`` would run it with the briefing's alone, as if it were one. An edited copy
    of the briefing may declare more of its own."""
    from analysis.render import notebook_parameters

    own = set(notebook_parameters(BRIEF_NOTEBOOK)) - set(notebook_parameters(NOTEBOOK))
    brief = sorted(own & set(notebook_parameters(notebook)))
    if brief:
        raise InputError(
            f"{notebook}: declares the country brief's parameters ({', '.join(brief)}): "
            f"expected an edited copy of {NOTEBOOK.name} (country briefs are built by "
            "`python -m analysis briefs`)"
        )


def _check_published(tables, raw_dir: Path, year: int) -> None:
    """Before any kernel runs: the warning on people counted twice, and a published count
    typed a zero out (:func:`analysis.reconciliation.check_magnitudes`), in one line."""
    from analysis.figures import figures_for
    from analysis.processed import published_figures_file
    from analysis.reconciliation import check_magnitudes, counted_twice_in, reconcile

    twice = counted_twice_in(tables, year)
    table = reconcile(tables.published, figures_for(tables, year), year, twice and twice.people)
    check_magnitudes(table, str(published_figures_file(raw_dir)))


def _up_to_date(job: dict) -> dict:
    """The result of an edition left as it was: its files, no timings. A failed notebook
    left beside it by a run on other inputs is stale: these inputs build, so it goes."""
    from analysis.render import FAILED_NOTEBOOK, FILE_NAMES

    out_dir, failed = job["out_dir"], job["out_dir"] / FAILED_NOTEBOOK
    if failed.exists():  # (unlink(missing_ok=True) fails on read-only reports all the same)
        with contextlib.suppress(OSError):  # reports on a read-only disk keep it: no harm
            failed.unlink()
    result: dict = {fmt: out_dir / FILE_NAMES[fmt] for fmt in job["formats"]}
    if job["charts"]:
        result["charts"] = out_dir / "charts"
    return {**result, "timings": {}, "up_to_date": True}
