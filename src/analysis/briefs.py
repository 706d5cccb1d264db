"""``python -m analysis briefs``: a country brief for each country asked, in parallel, then
the index page.

The request is checked and the raw files are read into the processed tables once, here;
each brief's notebook then only reads those tables. Briefs render in worker processes
over the cores (one :func:`build_one` per country), or as one task per country on a Dask
distributed cluster with ``scheduler``; either way the same files come out. A brief that
fails is reported, one line, and the others go on. A brief whose inputs have not changed
since it was built (same raw files, notebook, package code, parameters and formats) is
skipped; ``force`` rebuilds it anyway.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis import builds, config, notices, wording
from analysis.atomic import refuse_writing_into, write_text
from analysis.errors import InputError

NOTEBOOK = config.NOTEBOOKS_DIR / "country_brief.ipynb"
FORMATS = ("html", "pdf", "slides", "notebook")
DEFAULT_FORMATS = ("html", "pdf")
BRIEFS_DIR = "briefs"
SUMMARY_FILE = builds.SUMMARY_FILE  # what the index shows of a brief: name, year, formats, figures
TITLE = "{name}: refugees, displacement and migration"


@dataclass
class Outcome:
    """What became of one country's brief: ``built``, ``current`` (skipped) or ``failed``."""

    iso3: str
    name: str
    status: str
    error: str = ""
    seconds: float = 0.0


@dataclass
class Batch:
    """A batch's outcomes, in the order the countries were asked, and the index it wrote."""

    year: int
    outcomes: list[Outcome]
    index: Path

    def count(self, status: str) -> int:
        """How many briefs ended with ``status``."""
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        """The briefs that failed."""
        return [o for o in self.outcomes if o.status == "failed"]


# A brief is published as one unit with its record (analysis.builds.publish, through
# render_edition's ``key``); its key (analysis.builds.build_key) leaves out where it is
# written, so a Dask worker and a local process give the same key for the same brief.


# --- choosing countries ---------------------------------------------------------------------


def choose(
    tables: Any,
    year: int,
    *,
    countries: list[str] | None = None,
    top_hosts: int | None = None,
    top_origins: int | None = None,
    every: bool = False,
) -> list[str]:
    """The ISO3 codes a request names: countries by code or name, the largest hosts or
    origins of the year, or every country with figures for it. Unknown names are refused."""
    from analysis.indicators import ranking
    from analysis.lookup import (
        COUNTED_UNDER,
        TAKEN_AS,
        NotInTable,
        name_index,
        normalise,
        rejoined,
        resolve,
    )

    if countries:
        index = name_index(tables.countries)
        codes, errors = [], []
        for name in rejoined(countries, tables.countries, index):  # each failure said
            try:
                codes.append(resolve(name, tables.countries, index))
                if normalise(name) in COUNTED_UNDER:
                    notices.warn(
                        f"{name}: {COUNTED_UNDER[normalise(name)]}: the brief is that of "
                        f"{codes[-1]}"
                    )
                elif normalise(name) in TAKEN_AS:  # "Congo", meant by many for the DR Congo
                    notices.warn(f"{name}: taken as {TAKEN_AS[normalise(name)]}")
            except NotInTable as error:  # a country, without figures: its brief fails alone
                codes.append(error.iso3)
            except InputError as error:
                errors += error.problems
        if errors:  # one line each, as every problem is said
            raise InputError(*errors)
    elif top_hosts:
        codes = [r["iso3"] for r in ranking(tables.by_asylum, year, top_hosts)]
    elif top_origins:
        codes = [r["iso3"] for r in ranking(tables.by_origin, year, top_origins)]
    elif every:
        codes = with_figures(tables, year)
    else:
        raise InputError("say which countries: --countries, --top-hosts, --top-origins or --all")
    if not codes and every:
        raise InputError(f"no country has figures for {year} in the population data")
    if not codes:
        side = "hosts" if top_hosts else "origins"
        raise InputError(
            f"no {side} to rank in {year}: the population data give no figures for them "
            "(a download aggregated by the other dimension?)"
        )
    return list(dict.fromkeys(codes))


def with_figures(tables: Any, year: int) -> list[str]:
    """Every country :func:`analysis.country.recorded` finds in ``year``."""
    from analysis.country import recorded

    countries = tables.countries
    return sorted(
        recorded(tables, year) & set(countries.loc[countries["is_country"].astype(bool), "iso3"])
    )


# --- one brief ------------------------------------------------------------------------------


def build_one(job: dict, key: str) -> Outcome:
    """Render one brief (``job``: :func:`analysis.render.render_edition`'s arguments, plus
    ``iso3`` and ``name``) and record its key; any failure becomes a one-line outcome.

    Module level, so worker processes and Dask workers can import it.
    """
    from analysis.render import render_edition

    job = dict(job)
    iso3, name = job.pop("iso3"), job.pop("name")
    started = time.perf_counter()
    try:
        render_edition(**job, key=key)
    except Exception as error:  # one country's failure must not stop the batch
        return Outcome(iso3, name, "failed", _one_line(error), time.perf_counter() - started)
    return Outcome(iso3, name, "built", "", time.perf_counter() - started)


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split())
    return text if isinstance(error, InputError) else f"{type(error).__name__}: {text}"


# --- the batch ------------------------------------------------------------------------------


def build_briefs(
    raw_dir: Path,
    out: Path,
    year: int,
    *,
    countries: list[str] | None = None,
    top_hosts: int | None = None,
    top_origins: int | None = None,
    every: bool = False,
    formats: Iterable[str] = DEFAULT_FORMATS,
    jobs: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    desa_revision: int | None = None,
    progress: bool = True,
) -> Batch:
    """Render the briefs asked into ``out/briefs/<year>/<ISO3>/`` and write ``out/index.html``;
    each brief's summary (``brief.json``, which the index reads) is written as it is done.

    Bad requests (an unknown year, format or country) are refused before anything runs.
    """
    from analysis.country import (
        check_figures,
        check_groups,
        key_figures,
        named_in,
        per_1000,
        recorded,
    )
    from analysis.figures import check_year
    from analysis.index import write_index
    from analysis.processed import cache_key, ensure_processed, read_tables

    formats = _check_formats(formats)
    refuse_writing_into(out, raw_dir, "raw folder read")
    if Path(out).is_file():  # before any brief is built, as `report` says it
        raise InputError(f"{out}: a file is in the way: expected the folder of the briefs")
    # the only read of the raw files
    tables = read_tables(ensure_processed(raw_dir, desa_revision), raw_dir)
    check_year(tables, year)
    check_groups(tables)
    per_1000(tables, year)  # its warning on a rate above the population, said here once
    codes = choose(
        tables,
        year,
        countries=countries,
        top_hosts=top_hosts,
        top_origins=top_origins,
        every=every,
    )
    out = Path(out)
    year_dir = out / BRIEFS_DIR / str(year)
    if year_dir.is_dir():
        builds.clean_leftovers(year_dir)  # what interrupted batches left behind
    shared = builds.inputs_key(tables.meta.get("key") or cache_key(raw_dir, desa_revision))
    names = named_in(tables, year).names  # as in that year
    outcomes: dict[str, Outcome] = {}
    queue: list[tuple[dict, str]] = []
    known = recorded(tables, year)
    for code in codes:
        if code not in names.index:  # an ISO 3166 country UNHCR's table does not hold
            from analysis.lookup import not_in_table

            error = not_in_table(code)
            outcomes[code] = Outcome(code, error.name, "failed", _one_line(error))
            continue
        try:  # a country with no figures fails here, in one line, before any kernel starts
            check_figures(tables, code, str(names[code]), year, known)
        except InputError as error:
            outcomes[code] = Outcome(code, str(names[code]), "failed", _one_line(error))
            continue
        job = _job(code, str(names[code]), year, raw_dir, out, formats, desa_revision, tables)
        key = builds.build_key(
            notebook=job["notebook"], inputs=shared, parameters=_keyed(job), formats=formats
        )
        if not force and builds.is_current(job["out_dir"], key):
            outcomes[code] = Outcome(code, job["name"], "current")
        else:
            queue.append((job, key))
    # before anything is written: the folders to build, and the index page, whatever
    # becomes of each country (a team's own index.html was replaced when none got a brief)
    builds.refuse_replacing(out, [job["out_dir"] for job, _ in queue])
    figures, mid_year = key_figures(tables, year), year in tables.provisional_years

    def summarise(outcome: Outcome) -> None:  # as each brief is done: a stopped batch keeps it
        if outcome.status != "failed":
            folder = out / BRIEFS_DIR / str(year) / outcome.iso3
            _write_summary(folder, outcome.name, outcome.iso3, year, figures, mid_year)

    for outcome in list(outcomes.values()):
        summarise(outcome)
    run = _on_cluster(scheduler) if scheduler else _on_cores(jobs or os.cpu_count() or 1)
    try:
        for outcome in _progress(run(queue), len(queue), year, progress):
            outcomes[outcome.iso3] = outcome
            summarise(outcome)
    except BaseException:  # a stop (Ctrl-C): briefs a worker finished meanwhile are listed
        for job, key in queue:
            folder = Path(job["out_dir"])
            if not (folder / SUMMARY_FILE).exists() and builds.is_current(folder, key):
                summarise(Outcome(folder.name, job["name"], "built"))
        write_index(out, tables)
        raise
    return Batch(year, [outcomes[c] for c in codes], write_index(out, tables))


def _keyed(job: dict) -> dict:
    """What of a job decides a brief's content: the notebook's parameters and the page's
    title, subtitle and date (not where it is written)."""
    return {k: job[k] for k in ("parameters", "title", "subtitle", "date")}


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(f.strip() for f in formats if f.strip()))
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise InputError(
            f"unknown brief format {', '.join(unknown) or '(none)'}; "
            f"choose from {', '.join(FORMATS)}"
        )
    if "pdf" in formats:  # before any brief runs, not once a brief
        from analysis.render import check_pdf_libraries

        check_pdf_libraries()
    return formats


def _job(
    code: str,
    name: str,
    year: int,
    raw_dir: Path,
    out: Path,
    formats: tuple[str, ...],
    desa_revision: int | None,
    tables: Any,
) -> dict:
    """:func:`analysis.render.render_edition`'s arguments for one country's brief."""

    provisional = year in tables.provisional_years
    return {
        "iso3": code,
        "name": name,
        "notebook": NOTEBOOK,
        "out_dir": out / BRIEFS_DIR / str(year) / code,
        "parameters": {
            "country": code,
            "year": year,
            "raw_dir": config.raw_dir_parameter(raw_dir),
            "charts_dir": "",
            "desa_revision": desa_revision or 0,
        },
        "title": TITLE.format(name=wording.in_full(name)),
        "subtitle": f"Country brief, {'mid-' if provisional else ''}{year}",
        "date": tables.meta["unhcr"].get("release_date"),
        "formats": list(formats),
        "cwd": config.NOTEBOOKS_DIR,
    }


Runner = Callable[[list[tuple[dict, str]]], Iterator[Outcome]]


def _on_cores(jobs: int) -> Runner:
    """Run the briefs in ``jobs`` worker processes (in this process when one is enough)."""

    def run(queue: list[tuple[dict, str]]) -> Iterator[Outcome]:
        if jobs <= 1 or len(queue) <= 1:
            for job, key in queue:
                yield build_one(job, key)
            return
        from concurrent.futures import as_completed

        from analysis.errors import in_worker, stops_held, worker_pool

        with worker_pool(min(jobs, len(queue))) as pool:
            with stops_held():  # until every worker has started
                futures = {pool.submit(in_worker, build_one, job, key): job for job, key in queue}
            for future in as_completed(futures):
                yield _result(future, futures[future])

    return run


def _on_cluster(address: str) -> Runner:
    """Run the briefs as one task per country on the Dask scheduler at ``address``."""

    def run(queue: list[tuple[dict, str]]) -> Iterator[Outcome]:
        from distributed import Client, as_completed

        try:
            client = Client(address, timeout="20s")
        except OSError as error:
            raise InputError(f"cannot reach the Dask scheduler at {address}: {error}") from None
        except ValueError as error:  # "missing port number in address 'nonsense'"
            raise InputError(
                f"--scheduler {address}: {error}; expected an address such as tcp://host:8786"
            ) from None
        with client:
            futures = {
                client.submit(
                    build_one, job, key, pure=False, key=f"brief-{job['iso3']}-{key[:12]}"
                ): job
                for job, key in queue
            }
            for future in as_completed(futures):
                yield _result(future, futures[future])

    return run


def _result(future: Any, job: dict) -> Outcome:
    """The outcome a worker returned, or a failure when the worker itself died."""
    try:
        return future.result()
    except Exception as error:  # a lost worker fails its brief, not the batch
        return Outcome(job["iso3"], job["name"], "failed", _one_line(error))


def _progress(outcomes: Iterator[Outcome], total: int, year: int, shown: bool) -> Iterator[Outcome]:
    """The outcomes as they come, counted on a tqdm progress bar (on a terminal)."""
    from tqdm import tqdm

    with tqdm(
        total=total, desc=f"briefs {year}", unit="brief", disable=None if shown else True
    ) as bar:
        for outcome in outcomes:
            bar.update()
            yield outcome


def _write_summary(
    folder: Path, name: str, code: str, year: int, figures: Any, mid_year: bool
) -> None:
    """``brief.json``: what the index shows of a brief (rewritten only when it changed);
    ``provisional`` for a brief of a mid-year count."""
    import pandas as pd

    from analysis.render import FILE_NAMES

    if not folder.is_dir():
        return
    built = [f for f in FORMATS if (folder / FILE_NAMES[f]).is_file()]
    summary = {"iso3": code, "name": name, "year": year, "formats": built}
    summary |= {"provisional": True} if mid_year else {}
    for field in ("hosted", "from"):
        value = figures.at[code, field] if code in figures.index else 0
        summary[field] = None if pd.isna(value) else int(value)  # null: the data cannot say
    text = json.dumps(summary, ensure_ascii=False, sort_keys=True) + "\n"
    path = folder / SUMMARY_FILE
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_text(path, text)


def summary_lines(batch: Batch) -> tuple[list[str], list[str]]:
    """What the command prints: lines for stdout, and one line per failure for stderr."""
    out = []
    for status, words in (("built", "built"), ("current", "up to date")):
        n = batch.count(status)
        if n:
            out.append(f"{n} brief{'s' if n != 1 else ''} {words}")
    errors = [f"brief {o.iso3} ({o.name}) failed: {o.error}" for o in batch.failed]
    if errors:
        errors.append(f"{len(errors)} of {len(batch.outcomes)} briefs failed")
    return [*out, str(batch.index)], errors
