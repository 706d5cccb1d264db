"""Command line: ``python -m analysis figures|process|extract|report|briefs``."""

import argparse
import datetime as dt
import difflib
import json
import os
import re
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from analysis import config, notices
from analysis.errors import InputError, Terminated, disk_full, stop_on_sigterm


def _figures(args: argparse.Namespace) -> None:
    from analysis.figures import key_figures

    figures = key_figures(args.raw_dir, args.year, args.top, args.desa_revision)
    _print_figures(json.dumps(figures, ensure_ascii=False, indent=2 if args.pretty else None))


def _print_figures(text: str) -> None:
    """The figures' JSON, ``text``, on standard output, flushed now, so that a closed or full
    output (``> /dev/full``) is said here, naming it, not lost or left to Python's exit."""
    if sys.stdout is None:
        raise InputError("standard output is closed: the figures have nowhere to go")
    try:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as err:
        raise InputError(
            f"standard output: cannot write the figures: {err.strerror or err}"
        ) from None


def _process(args: argparse.Namespace) -> None:
    from analysis.processed import build_processed

    for path in build_processed(args.raw_dir, args.out, args.desa_revision):
        print(path)


def _extract(args: argparse.Namespace) -> None:
    from analysis.extracts import make_extracts

    for path in make_extracts(
        args.source, args.out, args.retrieved, args.release, args.release_date
    ):
        print(path)


def _refuse_paths_not_utf8(**paths: object) -> None:
    """Refuse a folder whose path is not valid UTF-8 (a name in another system's encoding,
    as unzipping a Windows archive can leave): the notebooks' parameters and pages are UTF-8."""
    for option, path in paths.items():
        text = str(Path(str(path)).resolve()) if path else ""
        if notices.printable(text) != text:
            raise InputError(
                f"{notices.printable(text)}: the path given as --{option.replace('_', '-')} is "
                "not valid UTF-8 (a name in another encoding): rename it, or give another folder"
            )


def _report(args: argparse.Namespace) -> None:
    from analysis.report import build_report

    _refuse_paths_not_utf8(raw_dir=args.raw_dir, out=args.out)
    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    years = [year for given in args.year for year in given] if args.year else None
    editions = build_report(
        args.raw_dir,
        args.out,
        years,
        formats,
        args.jobs,
        args.desa_revision,
        args.force,
        args.notebook,
    )
    for edition in editions:
        paths = [path for path in edition.values() if isinstance(path, Path)]
        if edition["up_to_date"]:
            print(f"{_shown(paths[0].parent)}: up to date (nothing changed)", file=sys.stderr)
            continue
        for path in paths:
            print(path)


def _shown(path: Path) -> str:
    """``path`` relative to the current folder when it lies under it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _briefs(args: argparse.Namespace) -> int:
    from analysis.briefs import build_briefs, summary_lines

    _refuse_paths_not_utf8(raw_dir=args.raw_dir, out=args.out)
    batch = build_briefs(
        args.raw_dir,
        args.out,
        args.year,
        countries=[c.strip() for c in (args.countries or "").split(",") if c.strip()] or None,
        top_hosts=args.top_hosts,
        top_origins=args.top_origins,
        every=args.all,
        formats=[f.strip().lower() for f in args.formats.split(",")],
        jobs=args.jobs,
        scheduler=args.scheduler,
        force=args.force,
        desa_revision=args.desa_revision,
    )
    lines, errors = summary_lines(batch)
    for line in lines:
        print(line)
    for line in errors:
        print(f"error: {line}", file=sys.stderr)
    return 1 if errors else 0


def _file_in_the_way(path: object) -> Path | None:
    """The file standing where a folder of ``path`` should be (``out`` in ``out/2016``)."""
    if not path:
        return None
    for part in [Path(str(path)), *Path(str(path)).parents]:
        if part.is_file():
            return part
    return None


def _years(text: str) -> list[int]:
    """Years as ``--year`` takes them: ``2016``, or comma-separated, as ``--countries`` are
    (``2016,2024``; spaces between them work too)."""
    try:
        years = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        years = []
    if not years:  # "" from a script's unset $YEAR built the default editions unsaid
        raise argparse.ArgumentTypeError(f"expected years such as 2016 or 2016,2024, not {text!r}")
    return years


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _date(text: str) -> str:
    """A calendar date written YYYY-MM-DD, as given."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}") from None
    return text


def _month(text: str) -> str:
    """A month written YYYY-MM, as given."""
    from analysis.manifest import is_month

    if not is_month(text):
        raise argparse.ArgumentTypeError(f"expected a month as YYYY-MM, not {text!r}")
    return text


def _raw_dir(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--raw-dir",
        type=Path,
        default=config.RAW_DIR,
        help="folder of the raw files, unhcr/ and undesa/ (default: the project's data/raw)",
    )


def _desa_revision(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--desa-revision",
        type=int,
        metavar="YYYY",
        help="UN DESA revision to use when undesa/ holds several (default: the latest)",
    )


class _Parser(argparse.ArgumentParser):
    """argparse's parser, ending a mistake on the command line in one line, as bad input;
    a misspelt option is named first, with the one it may stand for (argparse named instead
    a required option it then missed: "--yaer 2024" gave "arguments are required: --year")."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {self.prog}: {message} (see {self.prog} --help)\n")

    def parse_known_args(self, args=None, namespace=None):  # argparse's signature
        tokens = sys.argv[1:] if args is None else list(args)
        if self._subparsers is not None:  # before the subcommand: only --help
            tokens = tokens[: next((i for i, t in enumerate(tokens) if t[:1] != "-"), None)]
        self._refuse_unknown_options(tokens)
        return super().parse_known_args(args, namespace)

    def _refuse_unknown_options(self, tokens: list[str]) -> None:
        options = [o for o in self._option_string_actions if o.startswith("--")]
        value_of = None  # an option waiting for its value, which may start with "--"
        given: set[argparse.Action] = set()  # each option once: the second replaced the first
        for token in tokens:
            if token == "--":  # what follows is not options
                return
            if value_of is not None or not token.startswith("--"):
                value_of = None
                continue
            name = token.split("=", 1)[0]
            known = [o for o in options if o.startswith(name)]  # an option, or its abbreviation
            if not known:
                close = difflib.get_close_matches(name, options, n=1)
                hint = f" (did you mean {close[0]}?)" if close else ""
                self.error(f"unrecognized option {name}{hint}")
            action = self._option_string_actions[known[0]]
            if action in given and action.nargs != 0:
                self.error(f"option {known[0]} given twice: give it once")
            given.add(action)
            value_of = name if "=" not in token and action.nargs != 0 else None


def parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    main = _Parser(
        prog="python -m analysis",
        description="The briefing's command line: key figures, tidy tables, extracts, reports "
        "and country briefs. Each command's --help lists its options.",
    )
    sub = main.add_subparsers(dest="command", required=True, parser_class=_Parser)

    figures = sub.add_parser("figures", help="print a year's key figures as JSON")
    figures.add_argument("--year", type=int, required=True, help="the year of the figures")
    _raw_dir(figures)
    figures.add_argument(
        "--top", type=_positive, default=10, help="length of the top-country lists (default: 10)"
    )
    figures.add_argument("--pretty", action="store_true", help="indent the JSON")
    _desa_revision(figures)
    figures.set_defaults(run=_figures)

    process = sub.add_parser("process", help="build the tidy tables in data/processed")
    _raw_dir(process)
    process.add_argument(
        "--out", type=Path, default=config.PROCESSED_DIR, help="default: data/processed"
    )
    _desa_revision(process)
    process.set_defaults(run=_process)

    extract = sub.add_parser("extract", help="make data/raw extracts from a full official release")
    extract.add_argument(
        "--source",
        type=Path,
        default=config.REFERENCE_DIR,
        help="the full releases, unhcr/ and undesa/ (default: ../shared/data/reference)",
    )
    extract.add_argument("--out", type=Path, default=config.RAW_DIR, help="default: data/raw")
    extract.add_argument(
        "--retrieved", type=_date, help="date the release was downloaded (YYYY-MM-DD)"
    )
    extract.add_argument(
        "--release", help="the UNHCR release, e.g. 'database snapshot of June 2026 (data to 2025)'"
    )
    extract.add_argument("--release-date", type=_month, help="when UNHCR published it (YYYY-MM)")
    extract.set_defaults(run=_extract)

    report = sub.add_parser("report", help="render the briefing (HTML, PDF, slides, notebook)")
    report.add_argument(
        "--year",
        type=_years,
        nargs="+",
        help="edition year(s), comma- or space-separated; default: 2016 and the latest complete",
    )
    _raw_dir(report)
    report.add_argument("--out", type=Path, default=config.REPORTS_DIR, help="default: reports")
    report.add_argument(
        "--formats",
        default="html,pdf,slides,notebook,charts",
        help="comma-separated: html,pdf,slides,notebook,charts (default: all)",
    )
    report.add_argument(
        "--notebook",
        type=Path,
        default=None,
        help="an edited copy of the briefing notebook (default: notebooks/briefing.ipynb)",
    )
    report.add_argument(
        "--jobs", type=_positive, default=2, help="editions rendered in parallel (default: 2)"
    )
    report.add_argument(
        "--force",
        action="store_true",
        help="rebuild every edition, even one whose inputs and code have not changed",
    )
    _desa_revision(report)
    report.set_defaults(run=_report)

    briefs = sub.add_parser(
        "briefs", help="render country briefs (HTML, PDF) and reports/index.html, in parallel"
    )
    briefs.add_argument("--year", type=int, required=True, help="the year of the briefs")
    which = briefs.add_mutually_exclusive_group(required=True)
    which.add_argument("--countries", metavar="A,B", help="ISO3 codes or names, comma-separated")
    which.add_argument("--top-hosts", type=_positive, metavar="N", help="the N largest hosts")
    which.add_argument("--top-origins", type=_positive, metavar="N", help="the N largest origins")
    which.add_argument("--all", action="store_true", help="every country with figures that year")
    _raw_dir(briefs)
    briefs.add_argument(
        "--out", type=Path, default=config.REPORTS_DIR, help="default: reports (briefs/ in it)"
    )
    briefs.add_argument(
        "--formats", default="html,pdf", help="comma-separated: html,pdf,slides,notebook"
    )
    briefs.add_argument(
        "--jobs", type=_positive, help="briefs rendered in parallel (default: one per core)"
    )
    briefs.add_argument(
        "--scheduler", metavar="ADDRESS", help="run on this Dask distributed scheduler instead"
    )
    briefs.add_argument("--force", action="store_true", help="rebuild briefs that are up to date")
    _desa_revision(briefs)
    briefs.set_defaults(run=_briefs)
    return main


def _in_error(filename: str | os.PathLike) -> Path:
    """The path to name in an error: the folder for a hidden working file of ours
    (".2024.staging-1a2b3c4d", ".index.html.x1y2.tmp")."""
    path = Path(filename)
    return path.parent if path.name.startswith(".") else path


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; bad input ends with one line per problem on stderr and exit 2."""
    args = parser().parse_args(argv)
    try:
        with stop_on_sigterm():
            status = args.run(args)
    except InputError as err:
        for line in err.problems:
            print(f"error: {line}", file=sys.stderr)
        return 2
    except Terminated:
        print("error: terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader stopped early (`figures | head`): nothing to say
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - Python flushes it at exit
        return 0
    except OSError as err:  # a folder that cannot be written, a disk that is full...
        where = f"{_in_error(err.filename)}: " if err.filename else ""
        if not where and disk_full(err) and getattr(args, "out", None):  # which disk
            where = f"{_in_error(args.out)}: "
        what = err.strerror or str(err)
        if isinstance(err, FileExistsError | NotADirectoryError):
            what = "a file is in the way: expected a folder"
            blocking = _file_in_the_way(err.filename)
            where = f"{_in_error(blocking)}: " if blocking else where
        print(f"error: {where}{what}", file=sys.stderr)
        return 2
    except Exception as err:  # last resort: one line, not a traceback
        if isinstance(err, RuntimeError) and str(err).startswith("Symlink loop"):
            print(f"error: {err}: expected a folder", file=sys.stderr)  # Path.resolve's
            return 2
        if os.environ.get("ANALYSIS_DEBUG"):
            traceback.print_exc()
        detail = str(err).strip().splitlines()[0] if str(err).strip() else ""
        print(
            f"error: unexpected {type(err).__name__}: {detail} "
            "(set ANALYSIS_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return 1
    return status or 0
