"""Which country a person means: an ISO3 code or a name, as people write it.

A request is matched, ignoring case, accents, spaces and punctuation, against the ISO3
codes and the names of UNHCR's country table (``Türkiye``, ``Iran (Islamic Rep. of)``),
ISO 3166 through pycountry (names, common and official names, alpha-2 codes:
``Iran``, ``Côte d'Ivoire``), and the short names of the world map's Natural Earth
shapes (``Turkey``, ``Syria``, ``Russia``), each also with its abbreviations spelt out
(``Rep.`` as ``Republic``) and turned round at its comma (``Korea, Republic of`` as
``Republic of Korea``), and a few names and acronyms in common use (``DRC``, ``Burma``,
``Ivory Coast``). Anything else is refused with one line suggesting the closest names
(:mod:`difflib`), not guessed; UNHCR's codes for what is not a country (``XXA``, ``UNK``)
are refused as such.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable
from functools import cache

import pandas as pd
import pycountry

from analysis import config
from analysis.countries import NON_COUNTRY_CODES, iso3_of_numeric
from analysis.errors import InputError
from analysis.wording import listing, spelt_out, unaccented, without_qualifier

SUGGESTIONS = 4
#: Names and acronyms in common use that neither UNHCR, ISO 3166 nor the map gives.
COMMON_NAMES = {
    "DRC": "COD",
    "CAR": "CAF",  # as UN OCHA and UNHCR's own texts write it (it suggested Costa Rica)
    "DR Congo": "COD",
    "Congo-Kinshasa": "COD",
    "Congo-Brazzaville": "COG",
    "UK": "GBR",
    "Great Britain": "GBR",
    "US": "USA",
    "UAE": "ARE",
    "Burma": "MMR",
    "Ivory Coast": "CIV",
    "East Timor": "TLS",
    "Swaziland": "SWZ",
    "Macedonia": "MKD",
    "Cape Verde": "CPV",
    "Czech Republic": "CZE",
    "Zaire": "COD",  # to 1997 (it suggested the United Arab Emirates)
    # the World Bank's names that no rule reads ("Congo, Dem. Rep." suggested the Congo)
    "Holland": "NLD",
    "Vatican": "VAT",
    "DPRK": "PRK",
    "Bosnia": "BIH",
    "Venezuela, RB": "VEN",
    "Congo, Rep.": "COG",
    "Egypt, Arab Rep.": "EGY",
    "Yemen, Rep.": "YEM",
    "Lao PDR": "LAO",
    "Micronesia, Fed. Sts.": "FSM",
    "West Bank and Gaza": "PSE",
    "Occupied Palestinian Territory": "PSE",  # the UN's and OCHA's name to 2012
    "Macau": "MAC",
    "Hong Kong SAR": "HKG",
    "Macao SAR": "MAC",
    "Hong Kong SAR, China": "HKG",  # the World Bank's
    "Macao SAR, China": "MAC",
    # UNHCR's figures count Kosovo with Serbia ("Serbia and Kosovo: S/RES/1244 (1999)");
    # a table with Kosovo's own code (XKX) takes the name and the code for it first.
    "Kosovo": "SRB",
    "XKX": "SRB",
    "XK": "SRB",  # Kosovo's two-letter code
    "Serbia and Montenegro": "SRB",
    "Yugoslavia": "SRB",
}

_KOSOVO = 'UNHCR counts Kosovo with Serbia ("Serbia and Kosovo: S/RES/1244 (1999)")'
#: Names of :data:`COMMON_NAMES` (normalised) of a place whose figures UNHCR gives under
#: another country's code, and what to say of it when a brief is asked for by that name.
COUNTED_UNDER = {
    "kosovo": _KOSOVO,
    "xkx": _KOSOVO,
    "xk": _KOSOVO,
    "serbiaandmontenegro": "UNHCR's figures of Serbia and Montenegro, to 2005, are Serbia's",
    "yugoslavia": "UNHCR gives the figures of the Federal Republic of Yugoslavia (Serbia and "
    "Montenegro, 1992 to 2005) as Serbia's; those of the other former Yugoslav republics "
    "under their own codes",
}

#: Names (normalised) that readers use for another country than the one UNHCR and ISO 3166
#: name so: what a brief asked for by that name is of.
TAKEN_AS = {
    "congo": "the Republic of the Congo (COG), as UNHCR and ISO 3166 name it; the Democratic "
    "Republic of the Congo is COD",
}


def normalise(text: str) -> str:
    """``Côte d'Ivoire`` → ``cotedivoire``: lower case, no accents, letters and digits only,
    without the words "of" and "the" (the World Bank's "Congo, Dem. Rep.", turned round and
    spelt out, is "Democratic Republic Congo"; "Gambia, The" is "The Gambia")."""
    plain = unaccented(str(text).replace("&", " and ")).casefold()
    return re.sub(r"[^0-9a-z]", "", re.sub(r"\b(of|the)\b", "", plain))


@cache
def _map_names() -> tuple[tuple[str, str], ...]:
    """(name, ISO3) of each shape of the vendored Natural Earth map that has a code."""
    topology = json.loads(config.WORLD_FILE.read_text(encoding="utf-8"))
    pairs = []
    for shape in topology["objects"]["countries"]["geometries"]:
        name = shape.get("properties", {}).get("name", "")
        iso3 = iso3_of_numeric(shape.get("id", ""))
        if name and iso3 is not None:
            pairs.append((name, iso3))
    return tuple(pairs)


def _iso_names(code: str) -> list[str]:
    """ISO 3166's names of a country (pycountry), with its alpha-2 code."""
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    fields = ("name", "common_name", "official_name", "alpha_2")
    return [getattr(country, f) for f in fields if getattr(country, f, None)]


def other_names(code: str) -> list[str]:
    """The names other than UNHCR's a reader may search a country by: ISO 3166's and the
    world map's ("Turkey" for TUR, "Côte d'Ivoire" for CIV)."""
    names = [n for n in _iso_names(code) if len(n) > 2] + [
        name for name, iso3 in _map_names() if iso3 == code
    ]
    return list(dict.fromkeys(names))


def _variants(name: str) -> list[str]:
    """A name, with UNHCR's abbreviations spelt out, and turned round at its comma."""
    spelt = spelt_out(name)
    names = [name, spelt]
    for text in (name, spelt):
        head, comma, tail = text.partition(", ")
        if comma and tail:
            names.append(f"{tail} {head}")
    return list(dict.fromkeys(names))


def name_index(countries: pd.DataFrame) -> dict[str, str]:
    """Normalised code or name → ISO3, for every country of the table (``iso3``, ``name``,
    ``is_country``). UNHCR's own names win over the others."""
    rows = countries[countries["is_country"].astype(bool)]
    known = set(rows["iso3"])
    index: dict[str, str] = {}

    def add(names: Iterable[tuple[str, str]]) -> None:
        for name, code in names:
            for variant in _variants(name):
                index.setdefault(normalise(variant), code)

    add(zip(rows["iso3"], rows["iso3"], strict=True))
    add(zip(rows["name"], rows["iso3"], strict=True))
    add(_iso_pairs(rows["iso3"]))
    add((name, code) for name, code in _map_names() if code in known)
    add((name, code) for name, code in COMMON_NAMES.items() if code in known)
    # "Micronesia" for "Micronesia (Federated States of)": a name without its bracketed
    # qualifier, when no other country shares it (never "Korea")
    short: dict[str, set[str]] = {}
    for name, code in [*zip(rows["name"], rows["iso3"], strict=True), *_iso_pairs(known)]:
        stripped = without_qualifier(spelt_out(name))
        if stripped != spelt_out(name):
            short.setdefault(normalise(stripped), set()).add(code)
    for key, codes in short.items():
        if len(codes) == 1:
            index.setdefault(key, codes.pop())
    index.pop("", None)
    return index


def _iso_pairs(codes: Iterable[str]) -> list[tuple[str, str]]:
    return [(name, code) for code in codes for name in _iso_names(code)]


def resolve(query: str, countries: pd.DataFrame, index: dict[str, str] | None = None) -> str:
    """The ISO3 code of the country ``query`` names (a code or a name), or one clear error.

    ``index`` is :func:`name_index` of ``countries``, when the caller resolves many names.
    """
    text = " ".join(str(query).split())
    if not text:
        raise InputError("no country given: give an ISO3 code (TUR) or a name (Türkiye)")
    if not re.search(r"[0-9a-z]", unaccented(text).casefold()):  # no Latin letter: "Германия"
        raise InputError(
            f"unknown country {text!r}: give an ISO3 code (DEU) or the name in English (Germany)"
        )
    index = index if index is not None else name_index(countries)
    # as written, with abbreviations spelt out, without a leading article ("The Gambia")
    saint = re.sub(r"(?i)\bst\.?\s+", "Saint ", text)  # "St Kitts and Nevis", "St. Lucia"
    for candidate in (text, spelt_out(text), saint, re.sub(r"(?i)^the\s+", "", text)):
        code = index.get(normalise(candidate))
        if code:
            return code
    if text.upper() in NON_COUNTRY_CODES:
        raise InputError(
            f"{text.upper()} is UNHCR's code for {NON_COUNTRY_CODES[text.upper()]}, not a "
            "country: give a country's ISO3 code or name"
        )
    named = [
        code
        for code, name in NON_COUNTRY_CODES.items()
        if re.match(rf"(?i)(the\s+)?{re.escape(name)}\b", text)  # not "Unknownland"
    ]
    if named:  # "Stateless", "stateless persons" (it suggested the State of Palestine)
        raise InputError(
            f"{text!r} is no country: UNHCR's tables give it the code {named[0]}, not a "
            "country's; give a country's ISO3 code or name"
        )
    # an ISO 3166 code of another kind: numeric (004, or 4 as UN DESA and spreadsheets write
    # it) or two letters (AF)
    outside = _iso_country(text.zfill(3) if text.isdigit() else text)
    if outside is not None and outside.alpha_3 in set(index.values()):
        return outside.alpha_3
    if outside is not None:
        raise NotInTable(outside.alpha_3, outside.name)
    if normalise(text) in ("all", "every", "everyone"):
        raise InputError(f"{text!r} is no country: for every country, give --all")
    named = _names_within(saint, countries, index)
    if len(named) == 1:  # "Sao Tome", "St Kitts" (it suggested Somalia; a new user)
        raise InputError(f"unknown country {text!r}; did you mean {named[0]}?")
    if len(named) > 1:  # "Korea": two countries' names, not an unknown one
        shown = named[:SUGGESTIONS] + (
            [f"{len(named) - SUGGESTIONS} more"] if len(named) > SUGGESTIONS else []
        )
        raise InputError(
            f"{text!r} is in the names of {len(named)} countries: give one's ISO3 code or "
            f"full name ({listing(shown, escape=False, last='or')})"
        )
    raise InputError(f"unknown country {text!r}; {_suggest(text, countries, index)}")


def rejoined(pieces: list[str], countries: pd.DataFrame, index: dict[str, str]) -> list[str]:
    """``--countries`` as split at its commas, with a piece put back after the one before
    where together they are a country's name ("Hong Kong SAR, China" had given two briefs,
    Hong Kong's and China's), or where it names no country alone and together they name one
    ("Korea, Republic of": "Korea" and "Republic of" had given two errors; "Congo, Dem.
    Rep." had given the Congo)."""

    def names_one(text: str) -> bool:
        try:
            resolve(text, countries, index)
        except InputError as error:
            return isinstance(error, NotInTable)
        return True

    with_commas = _comma_names(tuple(countries["name"].astype(str)))
    names: list[str] = []
    for piece in pieces:
        joined = f"{names[-1]}, {piece}" if names else ""
        codes = any(_is_code(p) for p in (names[-1:] or [""]) + [piece])  # CH,AD is no Chad
        named = " ".join(joined.split()).casefold() in with_commas  # its commas as written
        if joined and not codes and (named or (not names_one(piece) and names_one(joined))):
            names[-1] = joined
        else:
            names.append(piece)
    return names


def _is_code(text: str) -> bool:
    """Whether ``text`` is an ISO 3166 alpha-2 or alpha-3 code (``CH``, ``RUS``)."""
    text = text.strip()
    return len(text) in (2, 3) and text.isalpha() and _iso_country(text) is not None


@cache
def _comma_names(names: tuple[str, ...]) -> frozenset[str]:
    """Of ``names``, those with a comma, in lower case, UNHCR's, ISO 3166's and the common
    ones ("china, hong kong sar", "korea, republic of", "congo, dem. rep.")."""
    iso = [n for c in pycountry.countries for n in (c.name, getattr(c, "official_name", ""))]
    every = [*names, *iso, *COMMON_NAMES]
    return frozenset(" ".join(n.split()).casefold() for n in every if n and "," in n)


def _names_within(text: str, countries: pd.DataFrame, index: dict[str, str]) -> list[str]:
    """``Rep. of Korea (KOR)`` and the like: the countries of ``index`` whose names in
    ``countries`` hold ``text`` as whole words ("Korea", "Congo", "Guinea")."""
    wanted, known = normalise(text), set(index.values())

    def holds(name: str) -> bool:
        words = [w for w in (normalise(w) for w in re.split(r"[\s,()]+", name)) if w]
        runs = (
            "".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        )
        return wanted in runs

    rows = countries[countries["iso3"].isin(known) & countries["name"].map(holds)]
    return [f"{name} ({code})" for code, name in zip(rows["iso3"], rows["name"], strict=True)]


class NotInTable(InputError):
    """A country of ISO 3166 that UNHCR's country table does not hold (Tokelau): no
    figures of UNHCR's for it, though UN DESA may estimate its migrants."""

    def __init__(self, iso3: str, name: str) -> None:
        super().__init__(
            f"{name} ({iso3}) is not in UNHCR's country table: UNHCR's data hold no figures for it"
        )
        self.iso3, self.name = iso3, name


def not_in_table(iso3: str) -> NotInTable:
    """The refusal of an ISO 3166 country UNHCR's country table does not hold, named."""
    country = _iso_country(iso3)
    return NotInTable(iso3, country.name if country else iso3)


def _iso_country(text: str):
    """The ISO 3166 country pycountry finds for ``text`` exactly, or None."""
    try:
        return pycountry.countries.lookup(text)
    except LookupError:  # "Falkland Islands" for "Falkland Islands (Malvinas)"
        wanted = normalise(text)
        found = [c for c in pycountry.countries if normalise(without_qualifier(c.name)) == wanted]
        return found[0] if len(found) == 1 else None


def _suggest(text: str, countries: pd.DataFrame, index: dict[str, str]) -> str:
    """``did you mean Iceland (ISL) or Ireland (IRL)?``, or how to name a country."""
    names = countries.set_index("iso3")["name"]
    close = difflib.get_close_matches(normalise(text), list(index), n=SUGGESTIONS * 3, cutoff=0.6)
    codes = list(dict.fromkeys(index[c] for c in close))
    codes = [c for c in codes if c in set(index.values())][:SUGGESTIONS]
    if not codes:
        return "give an ISO3 code (TUR) or a country name (Türkiye)"
    options = [f"{names.get(c, c)} ({c})" for c in codes]
    commas = any("," in str(names.get(c, "")) for c in codes)  # --countries splits at commas
    return f"did you mean {listing(options, escape=False, last='or')}?" + (
        " (a name with a comma: give its code)" if commas else ""
    )
