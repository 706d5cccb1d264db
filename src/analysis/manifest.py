"""The sources manifest (``data/raw/sources.json``): where every raw file comes from."""

import calendar
import json
import re
from datetime import date
from pathlib import Path

from analysis import notices
from analysis.atomic import write_text
from analysis.config import MANIFEST
from analysis.errors import InputError
from analysis.memo import digest
from analysis.wording import listing

#: The published-figures table, as a source entry names it.
PUBLISHED_FIGURES = {
    "file": "published_figures.csv",
    "publisher": "the publications listed under Reports cited",
    "title": "Published figures cited by the briefing",
    "licence": "as published by each source",
}
#: UN DESA's workbook: where it is published, and its licence.
UNDESA_STOCK = {
    "url": "https://www.un.org/development/desa/pd/content/international-migrant-stock",
    "licence": "CC BY 3.0 IGO",
}
#: UNHCR's database, as a source entry names it (an entry adds the file and its release).
UNHCR_DATABASE = {
    "publisher": "UNHCR, the UN Refugee Agency",
    "title": "Refugee Population Statistics Database",
    "url": "https://www.unhcr.org/refugee-statistics/",
    "licence": "CC BY 4.0",
}


def read_manifest(raw_dir: Path, check: bool = True) -> dict:
    """The manifest of a raw-data folder, or an empty one when the folder has none.

    With ``check``, an entry whose file is there but no longer has the recorded checksum
    (the file was replaced or edited since), or whose file is not there, is left out, with
    a warning: its release and provisional years may no longer be the file's.
    """
    path = Path(raw_dir) / MANIFEST
    if not path.exists():
        return {"sources": []}
    try:
        manifest = json.loads(path.read_text(encoding="utf-8-sig"))  # a BOM, as Windows saves
    except (ValueError, OSError) as err:  # UnicodeDecodeError is a ValueError
        raise InputError(f"{path}: not a readable sources manifest (JSON): {err}") from None
    sources = manifest.get("sources") if isinstance(manifest, dict) else None
    if not isinstance(sources, list) or not all(isinstance(s, dict) for s in sources):
        raise InputError(f"{path}: expected an object with a list of 'sources'")
    for number, source in enumerate(sources, start=1):
        _check_entry(path, number, source)
    kept, gone, changed = [], [], []
    for source in sources:
        file = Path(raw_dir) / source["file"]
        recorded = str(source.get("sha256") or "").strip().lower()  # PowerShell's are capitals
        if check and not file.exists():  # renamed, removed, or replaced by a new download
            gone.append(source["file"])
        elif check and recorded and file.is_file() and digest(file) != recorded:
            changed.append(source["file"])
        else:
            kept.append(source)
    _warn_unused(path, gone, changed)
    return {**manifest, "sources": kept}


def _warn_unused(path: Path, gone: list[str], changed: list[str]) -> None:
    """One warning for the entries left out: files no longer in the folder, and files
    changed since their checksums were recorded (a new release dropped in)."""
    if gone:
        one = len(gone) == 1
        notices.warn(
            f"{path}: names {listing(gone, escape=False)}, which {'is' if one else 'are'} not "
            f"in the folder; {'its entry is' if one else 'their entries are'} not used"
        )
    if changed:
        one = len(changed) == 1
        notices.warn(
            f"{path}: {listing(changed, escape=False)} {'has' if one else 'have'} changed since "
            f"{'its checksum was' if one else 'their checksums were'} recorded; "
            f"{'its entry' if one else 'their entries'} (release, provisional years) "
            f"{'is' if one else 'are'} not used"
        )


#: What each field of an entry must be, as it is used: the file named, the years marked.
_ENTRY_FIELDS = {
    "file": (lambda v: isinstance(v, str) and v != "", "a file path inside the folder"),
    "provisional_years": (
        lambda v: isinstance(v, list) and all(type(y) is int for y in v),  # not true or 2025.0
        "a list of years such as [2025]",
    ),
    "release": (lambda v: isinstance(v, str), "text"),
    # the PDF's creation date (dcterms.created): "December 2025" went in as it was
    "release_date": (
        lambda v: v is None or (isinstance(v, str) and is_month(v)),
        'a date written YYYY-MM, such as "2025-12"',
    ),
    "sha256": (lambda v: v is None or isinstance(v, str), "a SHA-256 in hex"),
}


def is_month(text: str) -> bool:
    """Whether ``text`` is a month written YYYY-MM ("2025-12"; not "2025-13")."""
    try:
        return bool(re.fullmatch(r"\d{4}-\d{2}", text)) and bool(date.fromisoformat(f"{text}-01"))
    except ValueError:
        return False


def _check_entry(path: Path, number: int, source: dict) -> None:
    """Fail, naming the entry and field, when a field is not as it is used ("file" is
    required; "provisional_years" a list of whole years...)."""
    for name, (valid, expected) in _ENTRY_FIELDS.items():
        if (name in source or name == "file") and not valid(source.get(name)):
            raise InputError(
                f"{path}: source {number}, field '{name}': expected {expected}, found "
                f"{json.dumps(source.get(name))}"
            )


def write_manifest(raw_dir: Path, manifest: dict) -> Path:
    """Write the manifest, entries sorted by file, atomically."""
    manifest = {**manifest, "sources": sorted(manifest["sources"], key=lambda s: s["file"])}
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    return write_text(Path(raw_dir) / MANIFEST, text)


#: End-year figures for a year come out with UNHCR's Global Trends, in mid-June of the next
#: (12 June in 2025, 13 June in 2024, 14 June in 2023).
END_YEAR_RELEASE = (6, 12)


def gives_mid_year(latest: int, release_date: str) -> bool:
    """Whether a release of ``release_date`` (``YYYY-MM``) gives its ``latest`` year at
    mid-year: it came out before that year's end-year figures (Global Trends, in June of the
    next year; the month alone is known)."""
    released = tuple(int(part) for part in str(release_date).split("-")[:2])
    return released < (latest + 1, END_YEAR_RELEASE[0])


_DATA_TO = re.compile(r"data to (mid-)?((?:19|20)\d{2})", re.IGNORECASE)
#: A month a release's name gives: "database snapshot of June 2026", "15 December 2025",
#: "June 2025"; one in brackets is of its data ("(data as of 30 June 2025)"), not its own.
_MONTH_YEAR = re.compile(
    rf"\b({'|'.join(calendar.month_name[1:])}) ((?:19|20)\d{{2}})\b", re.IGNORECASE
)


def refuse_contradicting_release(
    source: dict, latest: int, marked: set[int], where: str, marked_by: str
) -> None:
    """Refuse a release's name that says otherwise than its file and month: "data to 2024"
    beside data to mid-2026 (``latest`` the file's latest year, ``marked`` its provisional
    years, as ``marked_by`` says), or "June 2025" alone beside a ``release_date`` of 2026-11
    (a name copied from the README's example was printed on every page; a tester)."""
    release, month = str(source.get("release") or ""), source.get("release_date")
    said = _DATA_TO.search(release)
    expected = f"data to {'mid-' if latest in marked else ''}{latest}"
    mid_year = (  # "data to 2025 (mid-year figures)", of the file's own year
        said and said.group(2) == str(latest) and latest in marked and "mid-year" in release.lower()
    )
    if said and said.group(0).lower() != expected and not mid_year:
        raise InputError(
            f"{where}: its release, {release!r}, says {said.group(0)!r}, but {marked_by} the "
            f"file's data run to {expected.removeprefix('data to ')}: expected {expected!r}"
            + (
                f", or provisional_years [{latest}] for a mid-year count"
                if said.group(2) == str(latest)
                and latest not in marked
                and "provisional_years" in marked_by
                else ""
            )
        )
    outside = re.sub(r"\([^)]*\)", "", release)  # the months of its data are in brackets
    named = [(int(y), _month_number(m)) for m, y in _MONTH_YEAR.findall(outside)]
    if named and month and not any(f"{y}-{m:02d}" == str(month)[:7] for y, m in named):
        raise InputError(
            f"{where}: its release, {release!r}, names no month as its release date, {month}: "
            "expected the month UNHCR published it in both"
        )


def _month_number(name: str) -> int:
    return [m.lower() for m in calendar.month_name].index(name.lower())


def _refuse_marking_against_date(source: dict, latest: int, marked: set[int], where: str) -> None:
    """Refuse provisional years its release date says otherwise of: ``[]`` beside a release
    of December 2025 whose data run to 2025 made a mid-year count a year-end one (a tester);
    the file's latest year is provisional until its end-year figures come out, in June of
    the next year (:data:`END_YEAR_RELEASE`)."""
    month = re.fullmatch(r"(\d{4})-(\d{2})", str(source.get("release_date") or "")[:7])
    if month is None:
        return
    mid_year = gives_mid_year(latest, month[0])
    if mid_year != (latest in marked):
        expected = [latest] if mid_year else []
        raise InputError(
            f"{where}: its provisional_years ({sorted(marked)}) say {latest} is "
            f"{'a year-end' if mid_year else 'a mid-year'} count, but its release date, "
            f"{month[0]}, is {'before' if mid_year else 'after'} the end-year figures for "
            f"{latest} (June {latest + 1}): expected provisional_years {expected}"
        )


def provisional_years(
    raw_dir: Path,
    population_file: Path,
    years: set[int],
    manifest: dict | None = None,
    beside: int | None = None,
) -> set[int]:
    """Provisional years of the population file: as the manifest marks them; with no entry,
    the latest year when the download was extracted before that year's end-year figures
    came out (its preamble's date); without a date (a release as downloaded), its latest
    year, which UNHCR's December snapshots give at mid-year, unless the tables beside it
    run later (``beside``: their latest year), as when a download is of some years only.
    ``manifest``: the folder's, when at hand."""
    from analysis.sources.files import date_unread, extraction_date, table_years

    population_file = Path(population_file)
    manifest = read_manifest(raw_dir) if manifest is None else manifest
    source = entry(manifest, population_file.relative_to(raw_dir).as_posix())
    if source is not None:
        marked = set(source.get("provisional_years", []))
        own = max(table_years(population_file))  # not the pair's years in common
        if marked - {own}:  # an entry of another release: its name would be false too
            raise InputError(
                f"{raw_dir / MANIFEST}: the entry of {source['file']} marks "
                f"{', '.join(map(str, sorted(marked)))} provisional, where only the file's latest "
                f"year ({own}) can be a mid-year count: expected provisional_years [] "
                f"or [{own}], with the release of this file; correct the entry or remove it"
            )
        entry_of_file = f"{raw_dir / MANIFEST}: the entry of {source['file']}"
        _refuse_marking_against_date(source, own, marked, entry_of_file)
        marking = f"by its provisional_years ({sorted(marked)})"
        refuse_contradicting_release(source, own, marked, entry_of_file, marking)
        return marked
    latest, extracted = max(years), extraction_date(population_file)
    no_date = f"no {'readable ' if date_unread(population_file) else ''}extraction date"
    if extracted is not None and extracted.year < latest:
        notices.warn(
            f"{population_file}: extracted on {extracted:%d %B %Y}, before its latest year "
            f"({latest}) began; that year is taken as provisional"
        )
    elif extracted is not None and extracted >= date(latest + 1, *END_YEAR_RELEASE):
        return set()
    elif extracted is None and beside is not None and beside > latest:
        notices.warn(
            f"{population_file}: {no_date} above its header, and its latest year "
            f"({latest}) is before that of the tables beside it ({beside}): a download of some "
            f"years, whose {latest} is taken as a year-end count; an entry in {MANIFEST} with "
            "'provisional_years' says otherwise"
        )
        return set()
    elif extracted is None:
        notices.warn(
            f"{population_file}: {no_date} above its header; its latest year "
            f"({latest}) is taken as provisional (mid-year), as in UNHCR's December releases; "
            f"an entry in {MANIFEST} with 'provisional_years' says otherwise"
        )
    return {latest}


def provisional_years_of(
    raw_dir: Path,
    files: list[Path],
    years: set[int],
    manifest: dict | None = None,
    beside: int | None = None,
) -> set[int]:
    """:func:`provisional_years` of the population file, or of a pair of downloads (a year
    either file gives at mid-year is provisional)."""
    manifest = read_manifest(raw_dir) if manifest is None else manifest
    return set().union(*(provisional_years(raw_dir, f, years, manifest, beside) for f in files))


def mid_year_only(manifest: dict, raw_dir: Path, file: Path, population: set[int]) -> set[int]:
    """The years a companion table of the population file (UNRWA's, IDMC's, the solutions)
    gives at mid-year, as its entry in the folder's ``manifest`` marks them, where the
    population file gives them at year end (``population``: its provisional years), as when a
    new download sits beside the project's tables. Without an entry, the table is taken as
    of the population file's release: none."""
    source = entry_of(manifest, raw_dir, file)
    return set(source.get("provisional_years", [])) - population if source else set()


def year_end_only(
    manifest: dict, raw_dir: Path, file: Path, population: set[int], latest: int | None = None
) -> set[int]:
    """The reverse of :func:`mid_year_only`: the years the population file gives at mid-year
    (``population``: its provisional years, as in a download of May) that a companion
    table, by its entry in the folder's ``manifest``, gives at year end. Without an entry,
    those before the table's ``latest`` year: a release gives only its last year at
    mid-year (a download of May 2025 beside tables of December 2025, which run to 2025)."""
    source = entry_of(manifest, raw_dir, file)
    if source:
        return population - set(source.get("provisional_years", []))
    return {year for year in population if latest is not None and year < latest}


def entry_of(manifest: dict, raw_dir: Path, file: Path) -> dict | None:
    """The manifest entry of ``file`` in ``raw_dir`` (None for a file outside it)."""
    raw_dir, file = Path(raw_dir), Path(file)
    if not file.is_relative_to(raw_dir):
        return None
    return entry(manifest, file.relative_to(raw_dir).as_posix())


def entry(manifest: dict, file: str) -> dict | None:
    """The manifest entry of one raw file (path relative to the raw folder)."""
    return next((s for s in manifest["sources"] if s["file"] == file), None)
