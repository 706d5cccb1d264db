"""``reports/index.html``: one offline page listing every briefing edition and country brief.

The page lists each edition (``reports/<year>/``) and each brief
(``reports/briefs/<year>/<ISO3>/``) found under the reports folder, with its year, a link
to each format and its key figures, and filters them by country name as the reader types
(a few lines of inline JavaScript; the page loads nothing from the network). It is
rebuilt from what is on disk, so it never lists a report that is not there; the same
reports give the same bytes.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analysis import config, notices, numbers, wording
from analysis.atomic import write_text
from analysis.errors import InputError
from analysis.lookup import other_names

INDEX = config.INDEX
TITLE = config.INDEX_TITLE
FORMAT_LABELS = {
    "html": "HTML",
    "pdf": "PDF",
    "slides": "Slides",
    "notebook": "Notebook",
    "charts": "Charts",
}

STYLE = """
body{margin:0;font-family:"DejaVu Sans",sans-serif;color:#1d2329;line-height:1.5}
main{max-width:60em;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.8em;margin:0 0 .3rem}h2{font-size:1.25em;margin:2rem 0 .5rem}
.lead{color:#5a6470;margin:0 0 1.2rem;border-bottom:3px solid #0072bc;padding-bottom:.8rem}
label{font-weight:700;margin-right:.5rem}
input{font:inherit;padding:.35rem .6rem;width:18em;max-width:100%;border:1px solid #8a949e;
border-radius:3px}
.rows{overflow-x:auto}table{border-collapse:collapse;width:100%;margin-top:.5rem}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #d5dae0;vertical-align:top}
th{font-size:.9em;color:#5a6470}.num{text-align:right;font-variant-numeric:tabular-nums}
td.num{white-space:nowrap}
a{color:#0072bc}a+a{margin-left:.6rem}#count{color:#5a6470;margin-left:.5rem}
@media (max-width:40em){.rows::before{content:"Scroll sideways to see the whole table \\2192";
position:sticky;left:0;display:block;font-size:.8em;color:#5a6470}}
"""

SCRIPT = """
(function () {
  var box = document.getElementById("filter"), count = document.getElementById("count");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-search]"));
  function fold(text) {
    return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").toLowerCase();
  }
  function apply() {
    var words = fold(box.value).split(/\\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (row) {
      var text = fold(row.getAttribute("data-search"));
      var hit = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !hit;
      shown += hit ? 1 : 0;
    });
    count.textContent = shown + " of " + rows.length + " shown";
  }
  box.addEventListener("input", apply);
  apply();
})();
"""


@dataclass
class Entry:
    """One report in the index: a briefing edition or a country brief."""

    kind: str  # "briefing" or "brief"
    name: str
    iso3: str
    year: int
    links: dict[str, str]  # format → path relative to the index
    figures: tuple[str, ...]  # the key figures, as the kind's COLUMNS name them
    provisional: bool = False  # the year's figures are a mid-year count

    @property
    def when(self) -> str:
        """The year as the Year column gives it: ``2024``, or ``mid-2025``."""
        return f"mid-{self.year}" if self.provisional else str(self.year)


#: The key-figure columns of each kind of report.
COLUMNS = {
    "briefing": ("Forcibly displaced", "As first published"),
    "brief": ("Hosted", "Abroad"),
}


def editions(out: Path, tables: Any = None) -> list[Entry]:
    """The briefing editions in ``out/<year>/``, latest first; the key figure (the forcibly
    displaced) comes from ``tables`` when they hold the year."""
    from analysis.render import FILE_NAMES

    found, loaded = [], {}  # the tables of each other raw folder, loaded once
    for folder in sorted(out.glob("[0-9][0-9][0-9][0-9]"), reverse=True):
        links = _links(folder, out, FILE_NAMES)
        if folder.is_dir() and links:
            year = int(folder.name)
            own = _tables_of(folder, tables, loaded)
            mid_year = own is not None and year in own.provisional_years
            figures = (_world_figure(own, year), _published_figure(own, year))
            found.append(Entry("briefing", "World", "", year, links, figures, mid_year))
    return found


def briefs(out: Path) -> list[Entry]:
    """The country briefs in ``out/briefs/<year>/<ISO3>/`` that carry a ``brief.json``,
    latest year first, then by name."""
    from analysis.briefs import BRIEFS_DIR, SUMMARY_FILE
    from analysis.render import FILE_NAMES

    found = []
    for path in (out / BRIEFS_DIR).glob(f"[0-9][0-9][0-9][0-9]/*/{SUMMARY_FILE}"):
        summary = _summary(path)
        if summary is None:
            continue
        links = _links(path.parent, out, FILE_NAMES)
        if links:
            figures = tuple(
                "–" if summary.get(f, 0) is None else numbers.people(summary.get(f, 0))
                for f in ("hosted", "from")
            )
            found.append(
                Entry(
                    "brief",
                    summary["name"],
                    summary["iso3"],
                    summary["year"],
                    links,
                    figures,
                    summary.get("provisional", False),
                )
            )
    return sorted(found, key=lambda e: (-e.year, _alphabetical(e.name), e.iso3))


def _alphabetical(name: str) -> str:
    """The name as the index shows it, for sorting as a reader looks it up: accents aside
    (Türkiye among the T's before Tuvalu), "Hong Kong SAR (China)" under H."""
    shown = unicodedata.normalize("NFKD", wording.in_full(name))
    return "".join(c for c in shown if not unicodedata.combining(c)).casefold()


def _summary(path: Path) -> dict | None:
    """A brief's ``brief.json``; None, said in one warning, when it cannot be read (an
    index is no reason to stop a run whose reports are built)."""
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
        if all(key in summary for key in ("name", "iso3", "year")):
            return summary
        problem = "expected its name, iso3 and year"
    except (OSError, ValueError) as error:
        problem = f"cannot be read ({error})"
    notices.warn(f"{path}: {problem}; the brief is left out of the index")
    return None


def _links(folder: Path, out: Path, names: dict[str, str]) -> dict[str, str]:
    """The report's files, by format, as links from ``out`` (its charts folder too)."""
    links = {
        fmt: (folder / name).relative_to(out).as_posix()
        for fmt, name in names.items()
        if (folder / name).is_file()
    }
    if (folder / "charts").is_dir() and any((folder / "charts").iterdir()):
        links["charts"] = (folder / "charts").relative_to(out).as_posix() + "/"
    return links


def _tables_of(folder: Path, tables: Any, loaded: dict) -> Any:
    """The tables of the raw folder an edition was built from (its notebook's parameters),
    so its figure is the briefing's: ``tables`` when they are those, None when unknown or
    when the folder has changed since the build (``loaded``: those of other raw folders, by
    folder and revision)."""
    from analysis.builds import read_record
    from analysis.processed import load_tables

    # recorded with the build; else (an older build) in its notebook
    record = read_record(folder) or {}
    parameters = record.get("parameters")
    if parameters is None:
        try:
            notebook = json.loads((folder / "briefing.ipynb").read_text(encoding="utf-8"))
            parameters = notebook["metadata"]["papermill"]["parameters"]
        except (OSError, ValueError, KeyError):
            return None
    raw = Path(parameters.get("raw_dir") or config.RAW_DIR).resolve()
    revision = parameters.get("desa_revision") or None
    if record.get("tables") and record["tables"] != _tables_key(raw, revision):
        return None  # its raw folder changed since: today's figure would not be the edition's
    same_raw = tables is not None and raw == Path(tables.meta["raw_dir"]).resolve()
    if same_raw and (revision is None or str(revision) == str(tables.undesa_revision)):
        return tables
    if (raw, revision) not in loaded:
        try:
            with notices.quiet():  # another run's folder: its warnings are not this run's
                loaded[raw, revision] = load_tables(raw, revision)
        except InputError:  # the raw folder has gone or changed beyond reading: no figure
            loaded[raw, revision] = None
    return loaded[raw, revision]


def _tables_key(raw: Path, revision: int | None) -> str | None:
    """The processed tables' key of a raw folder as it is now; None when it cannot be read."""
    from analysis.processed import cache_key

    try:
        return cache_key(raw, revision)
    except (OSError, InputError):
        return None


def _world_figure(tables: Any, year: int) -> str:
    if tables is None:
        return ""
    from analysis.reconciliation import counted_once, counted_twice_in

    totals = tables.totals.set_index("year")["forcibly_displaced"].dropna()
    if year not in totals.index:  # a part of the total is missing: not available
        return "–"
    twice = counted_twice_in(tables, year)  # each person once
    figure = numbers.people(counted_once(totals[year], twice))
    return f"about {figure}" if twice else figure


def _published_figure(tables: Any, year: int) -> str:
    """UNHCR's headline for ``year`` as first published (Global Trends), beside the current
    data's; "–" when the published figures in use give none of the data's date."""
    if tables is None:
        return ""
    from analysis.reconciliation import first_published, of_its_date

    rows = of_its_date(tables.published, tables)
    rows = rows[(rows["figure"] == "forcibly_displaced") & (rows["year"] == year)]
    return numbers.people(first_published(rows).iloc[0]["value"]) if len(rows) else "–"


def _held(kinds: set[str]) -> str:
    """What the folder holds, as the index's first line names it: ``briefing``, ``country
    brief`` or both (a folder of briefs alone was said to hold briefings too)."""
    kinds_named = (("briefing", "briefing"), ("brief", "country brief"))
    return " and ".join(word for kind, word in kinds_named if kind in kinds) or "report"


def page(entries: list[Entry]) -> str:
    """The index page: a search box and one table per kind of report."""
    sections = []
    for kind, heading in (("briefing", "Briefings"), ("brief", "Country briefs")):
        rows = [e for e in entries if e.kind == kind]
        if rows:
            sections.append(f"<h2>{heading}</h2>\n{_table(rows, kind)}")
    body = "\n".join(sections) or "<p>No reports have been built yet.</p>"
    kinds = {e.kind for e in entries}
    said = [
        "the people forcibly displaced in the world" if "briefing" in kinds else "",
        "the refugees and other people in need of international protection each country "
        "hosted, and those from it living abroad (UNHCR's figures, without the Palestine "
        "refugees registered with UNRWA, whom the briefs give apart)"
        if "brief" in kinds
        else "",
    ]
    figures = "; ".join(filter(None, said))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{TITLE}</title>\n<style>{STYLE}</style>\n"
        f"</head>\n<body>\n<main>\n<h1>{TITLE}</h1>\n"
        f'<p class="lead">Every {_held(kinds)} built in this folder'
        + (f", with its key figures for its year: {figures}." if figures else ".")
        + "</p>\n"
        '<p><label for="filter">Find a country</label><input id="filter" type="search" '
        'placeholder="e.g. Sudan or SDN" autocomplete="off"><span id="count"></span></p>\n'
        f"{body}\n</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    )


def _table(rows: list[Entry], kind: str) -> str:
    head = "<th>Country</th>" if kind == "brief" else "<th>Briefing</th>"
    head += "<th>Year</th><th>Formats</th>"
    head += "".join(f'<th class="num">{html.escape(c)}</th>' for c in COLUMNS[kind])
    lines = [f'<div class="rows">\n<table>\n<thead><tr>{head}</tr></thead>\n<tbody>']
    for e in rows:
        links = "".join(
            f'<a href="{html.escape(path)}">{FORMAT_LABELS[fmt]}</a>'
            for fmt, path in e.links.items()
        )
        shown = wording.in_full(e.name)  # "Côte d'Ivoire", "Iran (Islamic Republic of)"
        names = [e.name, shown, *(other_names(e.iso3) if e.iso3 else [])]
        search = " ".join([*dict.fromkeys(names), e.iso3, e.when])
        label = html.escape(shown) + (f" <small>{e.iso3}</small>" if e.iso3 else "")
        lines.append(
            f'<tr data-search="{html.escape(search)}"><td>{label}</td><td>{e.when}</td>'
            f"<td>{links}</td>"
            + "".join(f'<td class="num">{html.escape(f)}</td>' for f in e.figures)
            + "</tr>"
        )
    lines.append("</tbody>\n</table>\n</div>")
    return "\n".join(lines)


def write_index(out: Path, tables: Any = None) -> Path:
    """Write ``out/index.html`` (atomically) from the reports found under ``out``, one run
    at a time where the folder can be locked: two runs into one folder each list what the
    other built (without the lock, the later run's page could list only its own, from a
    look at the folder before the other's edition was in place)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        return write_text(out / INDEX, page(editions(out, tables) + briefs(out)))


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """The folder itself locked for the block (no file is left); unlocked where the system
    cannot lock it (Windows, some network drives): the race is rare, a failed run is not."""
    try:
        import fcntl

        handle = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        yield
        return
    try:
        with contextlib.suppress(OSError):  # NFS, SMB: no lock on a folder opened to read
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # and the lock with it
