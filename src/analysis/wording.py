"""Wording that depends on the data, and escaping of values that enter the text.

The briefing's sentences live in the notebook; these helpers only choose words the data
decide (rose or fell, one country or several, a provisional year) and make values read
from data files show as plain text in Markdown and HTML.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from analysis import numbers

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$])")


def plain(value: object) -> str:
    """``value`` as text that Markdown and HTML show as written (no markup, no links)."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))
    # "://" as character references, so no renderer turns an address into a live link
    return html.escape(text, quote=False).replace("://", ":&#47;&#47;")


def listing(items: Iterable[object], escape: bool = True, last: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c`` (values escaped unless told otherwise; ``last``:
    the word before the last item, "or" for ``a, b or c``)."""
    words = [plain(i) if escape else str(i) for i in items]
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {last} " + words[-1]


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (up to its first ". "), ending with its full stop."""
    return text.split(". ")[0].rstrip(".") + "."


def first_codes(codes: list[str], shown: int = 8) -> str:
    """``AFG, SYR, TUR`` or, for many, the first eight ``and 12 more`` (for messages)."""
    more = f" and {len(codes) - shown} more" if len(codes) > shown else ""
    return ", ".join(codes[:shown]) + more


def unhcr_source(release: str, provisional: int | None = None) -> str:
    """The source line of UNHCR charts; of a mid-year count (``provisional``: its year), it
    says the figures are provisional, where a chart is most likely to be quoted alone."""
    line = f"Source: UNHCR Refugee Population Statistics Database, {release}"
    return f"{line}; mid-{provisional} figures provisional" if provisional else line


def when(year: int, provisional: bool) -> str:
    """``at the end of 2024`` or, for a provisional year, ``at mid-2025``."""
    return f"at mid-{year}" if provisional else f"at the end of {year}"


def during(year: int, provisional: bool) -> str:
    """When the year's flows (returns, resettlement) happened: ``during 2024`` or, for a
    provisional year, ``in 2025``, with :data:`FLOWS_TO_NO_DATE` said beside them. Not "the
    first half": a release's flows of its latest year run to a date it does not give (the
    December 2025 snapshot's count 1.3 million returns to the Syrian Arab Republic where
    Mid-Year Trends 2025 gave 526,200 for the first half)."""
    return f"in {year}" if provisional else f"during {year}"


#: Beside a provisional year's flows (:func:`during`), once.
FLOWS_TO_NO_DATE = (
    "The release counts these movements to a date it does not give, possibly after mid-year, "
    "so they may not match its mid-year counts of people."
)


def idp_source(year: int, provisional: bool, idmc_before: bool = True) -> str:
    """Whose count of the internally displaced of ``year`` it is: ``IDMC``, or at mid-year
    ``UNHCR's mid-year estimate, based on IDMC's end-2024 figures`` (IDMC estimates at the
    end of the year only; UNHCR updates its figure for the countries UNHCR reports on;
    "on IDMC's figures" read as if the number were IDMC's); ``UNHCR's mid-year estimate``
    alone where IDMC gave no figure for the end of the year before (``idmc_before``
    false)."""
    if not provisional:
        return "IDMC"
    based = f", based on IDMC's end-{year - 1} figures" if idmc_before else ""
    return f"UNHCR's mid-year estimate{based}"


def in_need(counts_oip: bool, words: str = "", one: bool = False) -> str:
    """What rankings count: ``refugees and others in need`` followed by ``words`` (" of
    international protection"), or ``refugees`` in a year that counts no other people in need; with
    ``one``, a single person (``refugee or other person in need``, ``refugee``)."""
    if not counts_oip:
        return "refugee" if one else "refugees"
    return ("refugee or other person in need" if one else "refugees and others in need") + words


#: Names that take "the" in running text, as United Nations style writes them.
_WITH_ARTICLE = re.compile(
    r"^(United |Russian Federation|Syrian Arab|Democratic |Central African|Dominican "
    r"Republic|Republic of|Netherlands|Philippines|Bahamas|Gambia|Comoros|Maldives|"
    r"State of Palestine|Holy See|Lao People|Middle East|Congo$)|Islands$"
)
#: Names ending in "Islands" that take no article ("South Georgia and the South Sandwich
#: Islands" begins with its own name).
_NO_ARTICLE = re.compile(r"^South Georgia")
#: UNHCR's abbreviations in country names ("Syrian Arab Rep."), spelt out in running text.
ABBREVIATIONS = {"Rep.": "Republic", "Dem.": "Democratic", "St.": "Saint", "Is.": "Islands"}
#: A name with its official form in brackets: "Iran (Islamic Republic of)".
_OFFICIAL_FORM = re.compile(r"^(?P<short>[^()]+) \((?P<form>[^()]+ of)\)$")


def spelt_out(name: str) -> str:
    """``Dem. Rep. of the Congo`` → ``Democratic Republic of the Congo``."""
    return " ".join(ABBREVIATIONS.get(word, word) for word in str(name).split())


@cache
def _accented() -> dict[str, str]:
    """ISO 3166 names with accents, by their unaccented spelling (``Cote d'Ivoire``)."""
    import pycountry

    names = {}
    for country in pycountry.countries:
        for name in {getattr(country, attr, "") for attr in ("name", "common_name")}:
            if name and not name.isascii():
                names[unaccented(name)] = name
    return names


def unaccented(text: str) -> str:
    """The text without its accents: ``Côte d'Ivoire`` → ``Cote d'Ivoire``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: UNHCR names that do not read in a heading or a sentence as they stand (a colon, a name
#: turned round at its comma).
READABLE_NAMES = {
    # with the UN's note on resolution 1244 where it is named (country.name_note)
    "Serbia and Kosovo: S/RES/1244 (1999)": "Serbia and Kosovo",
    "China, Hong Kong SAR": "Hong Kong SAR (China)",  # no comma: in a list it read as two
    "China, Macao SAR": "Macao SAR (China)",
}


def without_qualifier(name: str) -> str:
    """``Micronesia (Federated States of)`` → ``Micronesia``: a name without its bracketed
    qualifier."""
    return re.sub(r"\s*\([^()]*\)$", "", name)


def in_full(name: str) -> str:
    """A UNHCR name as a heading writes it: abbreviations spelt out, accents restored
    (``Iran (Islamic Republic of)``, ``Côte d'Ivoire``, ``Hong Kong SAR (China)``)."""
    name = READABLE_NAMES.get(name, name)
    return _accented().get(name, spelt_out(name))


LABEL_LENGTH = 24  # characters: longer names are shortened on maps and bars (not in alt text)


def short_name(name: str, iso3: str | None = None, length: int = LABEL_LENGTH) -> str:
    """A country's name short enough for a chart's label or title: UNHCR's name with its
    abbreviations spelt out and accents restored (``Syrian Arab Republic``, ``Curaçao``) up to
    ``length`` characters, else without its bracketed qualifier ("Netherlands"), else ISO
    3166's short name ("United Kingdom"; not "Serbia" for "Serbia and Montenegro"), else
    UNHCR's name as it is ("Dem. Rep. of the Congo"), else the shortest of these. Under a
    shorter ``length`` (a map's), a name spelt out up to :data:`LABEL_LENGTH` comes before
    an abbreviated one ("Central African Republic", not "Central African Rep.")."""
    full = in_full(name)
    stripped = without_qualifier(full)
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    iso = [getattr(country, f, None) for f in ("common_name", "name")]
    # not of a wider place named with it: "Serbia and Montenegro" (to 2005) is not "Serbia"
    iso = [n for n in iso if n and "," not in n and not full.startswith(f"{n} and ")]
    names = (full, stripped, *iso, name)
    spelt = [n for n in names if "." not in n]  # a shorter limit (maps) takes no "Rep."
    return next(
        (
            label
            for labels, most in ((spelt, length), (spelt, LABEL_LENGTH), (names, length))
            for label in labels
            if len(label) <= most
        ),
        min(names, key=len),
    )


def the(name: str) -> str:
    """A name as it reads inside a sentence, as Global Trends writes it: ``The Americas``
    becomes ``the Americas``, ``Syrian Arab Rep.`` ``the Syrian Arab Republic``, ``Iran
    (Islamic Rep. of)`` ``the Islamic Republic of Iran`` and ``Curacao`` ``Curaçao``; most
    names are unchanged. Chart labels use :func:`short_name`, tables :func:`in_full`."""
    if name.startswith("The "):
        return f"the {name[4:]}"
    name = in_full(name)
    if name.endswith(" of the)"):  # "Netherlands (Kingdom of the)": the article is in it
        return f"the {name[: name.rindex(' (')]}"
    official = _OFFICIAL_FORM.match(name)
    if official:
        return f"the {official['form']} {official['short']}"
    return f"the {name}" if _WITH_ARTICLE.search(name) and not _NO_ARTICLE.match(name) else name


def capitalized(text: str) -> str:
    """``text`` at the start of a sentence: its first letter capitalized."""
    return text[:1].upper() + text[1:]


def in_year(year: int, provisional: bool) -> str:
    """``in 2024`` or ``at mid-2025``: for chart titles."""
    return f"at mid-{year}" if provisional else f"in {year}"


def change(now: float, before: float) -> str:
    """``rose``, ``fell`` or ``did not change``."""
    return "rose" if now > before else "fell" if now < before else "did not change"


def more_or_fewer(now: float, before: float, than: str, words: tuple = ("more", "fewer")) -> str:
    """``2% more than 2023``, ``1% fewer than ...``, ``about as many as 2009`` (under half a
    per cent apart) or ``as many as ...``; with ``words=HIGHER`` for a total, ``2% higher
    than 2023's``, ``about the same as ...``."""
    same = "as many as" if words[0] == "more" else "the same as"
    if before == now:
        return f"{same} {than}"
    ratio = now / before - 1
    if numbers.share(abs(ratio)) == "0%":
        return f"about {same} {than}"
    return f"{numbers.share(abs(ratio))} {words[0] if ratio > 0 else words[1]} than {than}"


#: :func:`more_or_fewer`'s words for a total ("the 2024 total was 6% higher than 2023's").
HIGHER = ("higher", "lower")


#: The share from which a part of a group is "nearly all" of it (:func:`how_many`).
NEARLY_ALL = 0.95


def how_many(part: float) -> str:
    """How much of a group a share ``part`` is, in words: ``all`` (every one), ``nearly
    all`` (95% or more), ``more than nine in ten`` (92% or more: Venezuela's 94% of 2024),
    ``nine in ten`` (90% or more: Somalia's 91% of Kenya's refugees, 2012, is not "nearly
    all"), ``most`` (over half) or ``some``."""
    if part >= 1:
        return "all"
    if part >= NEARLY_ALL:
        return "nearly all"
    if part >= 0.9:
        return "more than nine in ten" if part >= 0.92 else "nine in ten"
    return "most" if part > 0.5 else "some"


def how_much(part: float) -> str:
    """:func:`how_many` for a quantity ("of it", "of the change"): 90% to 95% is written as a
    share ("91% of it"), not "nine in ten of it"."""
    said = how_many(part)
    return numbers.share(part) if said.endswith("nine in ten") else said


#: Said after a provisional mid-year count compared with a year-end one.
MID_YEAR_AGAINST_YEAR_END = "(a provisional mid-year count set against a year-end one)"


_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(n: int) -> str:
    """``six``: numbers below ten in words, as style guides write them; ``12`` above."""
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def years_apart(years: int, half: bool = False) -> str:
    """How far apart two dates are: ``three years``, or with ``half`` (mid-year to year end)
    ``three and a half years`` (``half a year`` for none)."""
    if half:
        return f"{number_word(years)} and a half years" if years else "half a year"
    return f"{number_word(years)} year{'' if years == 1 else 's'}"


def years_between(years: Iterable[int]) -> list[int]:
    """The years between the first and the last of ``years`` that ``years`` lack."""
    held = {int(y) for y in years}
    return sorted(set(range(min(held), max(held) + 1)) - held) if held else []


def gap_note(years: Iterable[int]) -> str:
    """A chart's note on the years between its first and last that the data in use do not
    hold (a download without 2010-2014), which its lines or areas join straight across:
    "The data in use hold no figures for 2010–2014; the chart joins the years either
    side."; empty when none is missing."""
    missing = years_between(years)
    if not missing:
        return ""
    return (
        f"The data in use hold no figures for {numbers.years(missing)}; the chart joins the years "
        "either side."
    )


def countries(n: int) -> str:
    """``one country``, ``3 countries``."""
    return "one country" if n == 1 else f"{n} countries"
