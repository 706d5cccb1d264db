"""One helper for every number a reader sees: ``65.6 million``, ``189,300``, ``55%``, ``1.2M``."""

import math
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal


def people(n: float, finer: bool = False) -> str:
    """A count of people as the briefing writes it: ``65.6 million``, ``979,400``, ``950``.

    Millions get one decimal, as UNHCR writes them (``31.0 million``), dropped when it is 0
    from a hundred million up, as UN DESA writes them (``214 million``); smaller counts are
    rounded to the nearest hundred (to the nearest ten below a thousand), as UNHCR's reports
    round them. ``finer``: one more digit (``1.13 million``, ``20,840``), for two counts
    that would otherwise read alike.
    """
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "n/a"
    n = float(n)
    if abs(n) >= 999_950_000:
        return _fixed(n / 1e9, 1).removesuffix(".0") + " billion"
    if abs(n) >= 99_950_000:
        return _fixed(n / 1e6, 1).removesuffix(".0") + " million"
    if abs(n) >= 999_950:
        return f"{_fixed(n / 1e6, 2 if finer else 1)} million"
    return f"{_nearest(n, finer):,.0f}"


def apart(*values: float) -> Callable[[float], str]:
    """:func:`people` for counts printed together, one digit finer for those that differ
    but would read alike ("5.68 million from Ukraine and 5.66 million from Afghanistan",
    not 5.7 million twice); the others as they are."""
    alike = _alike(values, people)
    return lambda n: people(n, finer=True) if people(n) in alike else people(n)


def _alike(values: Iterable[float], write: Callable[..., str]) -> set[str]:
    """The texts ``write`` gives two or more different ``values`` that one digit more
    (``write(value, finer=True)``) tells apart: 1,005,000 and 1,008,000 stay "1.0M" (not
    "1.01M" twice)."""
    shown: dict[str, set[float]] = {}
    for value in values:
        shown.setdefault(write(value), set()).add(float(value))
    return {
        text
        for text, counts in shown.items()
        if len(counts) > 1 and len({write(count, finer=True) for count in counts}) > 1
    }


def as_written(n: float, finer: bool = False) -> float:
    """The number :func:`people` writes for ``n`` (6,459 is 6,500; 1,234,567 is 1.2 million)."""
    words = people(n, finer).replace(",", "").split()
    scale = {"million": 1e6, "billion": 1e9}.get(words[-1], 1.0)
    return float(words[0]) * scale


def written_step(n: float) -> float:
    """The step :func:`people` rounds ``n`` to (100 for 6,459; 100,000 for 1.4 million)."""
    words = people(n).replace(",", "").split()
    if len(words) == 1:
        return 100.0 if abs(n) >= 1000 else 10.0 if abs(n) >= 100 else 1.0
    scale = {"million": 1e6, "billion": 1e9}[words[-1]]
    return scale / 10 ** len(words[0].partition(".")[2])


def _fixed(x: float, digits: int) -> str:
    """``x`` with ``digits`` decimals, halves away from zero (2.25 is 2.3; Python's format
    gives 2.2, the float being a hair under)."""
    return f"{_half_up(x, digits):,}"


def _half_up(x: float, digits: int) -> Decimal:
    """``x`` to ``digits`` decimals, halves away from zero, from its shortest decimal form."""
    return Decimal(repr(float(x))).quantize(Decimal(10) ** -digits, ROUND_HALF_UP)


def _nearest(n: float, finer: bool = False) -> float:
    """``n`` to the nearest hundred (ten below a thousand, one below a hundred), halves away
    from zero as a reader rounds (105 is 110; Python's ``round`` gives 100); ``finer``, a
    tenth of that step."""
    step = 100 if abs(n) >= 1000 else 10 if abs(n) >= 100 else 1
    step = max(step // 10, 1) if finer else step
    return math.copysign(math.floor(abs(n) / step + 0.5) * step, n) + 0.0  # never "-0"


def migrants(n: float) -> str:
    """UN DESA's count of the world's international migrants as UN DESA writes it: whole
    millions, halves up (``304 million``, ``154 million``); below ten million, or missing,
    as :func:`people`."""
    if n is None or math.isnan(float(n)) or abs(float(n)) < 9_950_000:
        return people(n)
    return f"{_fixed(float(n) / 1e6, 0)} million"


def estimate(n: float) -> str:
    """A round published estimate as its report prints it: ``10 million`` for 10,000,000
    (UNHCR's global estimate of stateless people), otherwise as :func:`people` writes it."""
    text = people(n)
    return text.replace(".0 million", " million") if n % 1_000_000 == 0 else text


def whole(n: float) -> str:
    """A count in a table column, never in millions, so a column reads in one unit:
    ``1,008,800``, ``236,800``, ``950`` (rounded as :func:`people` rounds below a million)."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "n/a"
    return f"{_nearest(float(n)):,.0f}"


def rate(value: float) -> str:
    """A rate per 1,000 inhabitants: ``154``, or ``3.5`` below ten; halves round up, in the
    text, the titles and the bar labels alike (156.5 is 157, not Python's 156)."""
    tenths = _half_up(value, 1)
    return f"{tenths:,}" if abs(tenths) < 10 else _fixed(value, 0)  # 9.96 is 10, not 10.0


def share(x: float, digits: int = 0) -> str:
    """A fraction as a percentage: ``0.5507`` → ``55%`` (``digits`` decimals)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return f"{x * 100:.{digits}f}%"


def visible_share(x: float, digits: int = 1) -> str:
    """:func:`share`, with more decimals for a small share that would show as none:
    ``0.000195`` → ``0.02%``, not ``0.0%``; below ``0.001%``, ``under 0.001%``."""
    if x <= 0:
        return share(x, digits)
    most = max(digits, 3)
    shown = decimals_needed(x * 100, digits, most)
    return share(x, shown) if shown is not None else f"under {share(10 ** -(most + 2), most)}"


def decimals_needed(value: float, fewest: int, most: int) -> int | None:
    """The fewest decimals, from ``fewest`` up to ``most``, with which ``value`` does not
    round to none (a small share or difference shown with the digits that show it); None
    when even ``most`` do not."""
    return next((d for d in range(fewest, most + 1) if round(value, d)), None)


def short(n: float, finer: bool = False) -> str:
    """A short bar or point label: ``1.2M``, ``1.0M``, ``979K``, ``19.7K``, ``1.3K``,
    ``740``; from a hundred million up without the decimal, as :func:`people` writes them
    (``304M``), from a thousand to a hundred thousand to the hundred, as the text gives
    them (``19.7K`` beside "19,700", not ``20K``), and below a thousand rounded as
    :func:`people` rounds them. ``finer``: one digit more."""
    n, more = float(n), int(finer)
    if abs(n) >= 999_500_000:  # not "1,000M"
        return f"{_fixed(n / 1e9, 1 + more)}B"
    if abs(n) >= 99_950_000:
        return f"{_fixed(n / 1e6, more)}M"
    if abs(n) >= 999_500:  # not "1,000K"
        return f"{_fixed(n / 1e6, 1 + more)}M"
    if abs(n) >= 99_950:
        return f"{_fixed(n / 1e3, more)}K"
    if abs(n) >= 999.5:  # not "1,000" beside "1.0K"
        return f"{_fixed(n / 1e3, 1 + more)}K"
    return people(n, finer)


def shorts(values: Iterable[float]) -> list[str]:
    """:func:`short` labels of bars drawn together, one digit finer where two that differ
    would read alike (Uganda's and Pakistan's bars of 2021: ``1.53M`` and ``1.49M``, not
    ``1.5M`` twice), and then for every label written alike in unit and decimals, so the
    bars beside them read to the same digit (``3.50M``, ``12.3K`` beside ``11.0K``), up to
    three significant digits (``725K``, not ``725.1K``, beside ``47.2K`` and ``47.1K``;
    Jordan's and Lebanon's 857K of 2013 alike, not ``857.4K`` and ``856.5K`` beside
    ``642K``: a designer); counts under a thousand show no digit, so only those alike are
    written finer."""
    values = [float(v) for v in values]

    def fits(v: float) -> bool:  # one digit finer stays within three significant digits
        return abs(v) < 1000 or sum(c.isdigit() for c in short(v, finer=True)) <= 3

    # alike and told apart within three digits (12.3M twice stays so: no "5.00M" beside)
    refinable = {short(v) for v in values if fits(v)}
    alike = _alike(values, short) & refinable
    finer = {_precision(label) for label in alike} - {None}

    def label(v: float) -> str:
        refined = short(v) in alike or _precision(short(v)) in finer
        return short(v, finer=True) if refined and fits(v) else short(v)

    return [label(v) for v in values]


def _precision(label: str) -> tuple[str, int] | None:
    """The unit and decimals a :func:`short` label is written in (``1.5M``: M, 1); None
    under a thousand."""
    if label[-1] not in "KMB":
        return None
    return label[-1], len(label[:-1].partition(".")[2])


def axis(n: float) -> str:
    """An axis tick, exact in the unit of :func:`short` (``60M``, ``2.5M``, ``12.5K``,
    ``125``, ``0``): a tick at 12,500 is not a rounded "13K"."""
    n = float(n) + 0.0
    for size, unit in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(n) >= size:
            return f"{n / size:g}{unit}"
    return f"{n:g}"


def axis_ticks(values: Iterable[float], shown: Iterable[float] | None = None) -> list[str]:
    """The ticks of one axis in one unit, that of the largest of those ``shown`` (all by
    default; an axis draws only those within its limits): ``0.5M``, ``1M``, ``1.5M``, not
    ``500K`` beside ``1M``; each exact in it as :func:`axis` writes them. Under 10,000, in
    full: ``300``, ``600``, ``900``, ``1,200``."""
    values = [float(v) + 0.0 for v in values]
    largest = max((abs(float(v)) for v in (values if shown is None else shown)), default=0.0)
    if largest < 10_000:  # "300, 600, 900, 1,200", not "0.3K ... 1.2K"
        return [f"{v:,.10g}" for v in values]
    size, unit = next(((s, u) for s, u in ((1e9, "B"), (1e6, "M")) if largest >= s), (1e3, "K"))
    return [f"{round(v / size, 6):.10g}{unit}" if v else "0" for v in values]


def money_billions(usd_billions: float) -> str:
    """US dollars given in billions: ``401`` → ``US$401 billion``."""
    return f"US${usd_billions:,.0f} billion"


def years(held: Iterable[int]) -> str:
    """Years as a reader writes them: "2000–2024", "2023", or "2000, 2002–2003 and 2024"
    when they have gaps."""
    runs: list[list[int]] = []
    for year in sorted({int(y) for y in held}):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    parts = [str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs]
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
