"""What counts as a country, and the one place country names and regions come from.

A code counts as a country when it is an ISO 3166-1 alpha-3 code (checked with
pycountry) or Kosovo's user-assigned ``XKX``; UNHCR's codes for an unknown
origin (``UNK``, ``UKN``, ``XXX``), the stateless (``XXA``), groups such as
``TIB`` and IDMC's Abyei Area (``AB9``) are known codes but not countries.
Names and UNHCR regions come from UNHCR's country table, falling back to the
names in the data file, then to pycountry.

"Developed regions" are those of the UN M49 standard: Europe, Northern America,
Australia and New Zealand, and Japan; every other country is in a developing region
(Türkiye, in Western Asia, among them). The M49 region of each country comes from the
country table's ``unsd_region`` and ``unsd_subregion`` columns.
"""

from functools import cache

import pandas as pd
import pycountry

EXTRA_COUNTRIES = {"XKX": "Kosovo"}
#: Their regions, UNHCR's and UN M49's (no UNHCR country table has a row for Kosovo, which
#: its tables count under Serbia's code; a download of another source may give XKX).
EXTRA_REGIONS = {"XKX": ("Europe", "Europe", "Southern Europe")}
# Codes UNHCR's tables use for what is not a country (seen in the December 2025 release).
NON_COUNTRY_CODES = {
    "UNK": "Unknown",
    "UKN": "Unknown",
    "XXX": "Unknown",
    "XXA": "Stateless",
    "TIB": "Tibetan",
    "AB9": "Abyei Area",
}
UNKNOWN_REGION = "Unknown or other"
DEVELOPED_REGIONS = {"Europe"}
DEVELOPED_SUBREGIONS = {"Northern America", "Australia and New Zealand"}
DEVELOPED_COUNTRIES = {"JPN"}

#: The region each of UN M49's sub-regions is in.
M49_REGION_OF = {
    "Northern Africa": "Africa", "Sub-Saharan Africa": "Africa",
    "Latin America and the Caribbean": "Americas", "Northern America": "Americas",
    "Central Asia": "Asia", "Eastern Asia": "Asia", "South-eastern Asia": "Asia",
    "Southern Asia": "Asia", "Western Asia": "Asia",
    "Eastern Europe": "Europe", "Northern Europe": "Europe", "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania", "Melanesia": "Oceania", "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}  # fmt: skip
#: UN M49's regions and sub-regions, as the country table names them; other spellings seen
#: (UN DESA's "Australia/New Zealand") and any case are read as these.
M49_NAMES = {
    "unsd_region": sorted(set(M49_REGION_OF.values())),
    "unsd_subregion": sorted(M49_REGION_OF),
}
M49_SPELLINGS = {"australia/new zealand": "Australia and New Zealand"}


#: Where UN DESA's figures under a code cover less than UNHCR's, from the revision whose
#: notes say so: the place its migrants and population are of (the 2024 revision's Serbia
#: leaves Kosovo out; the 2020 revision's, 8.7 million people in 2020, counts it).
UNDESA_PLACES = {"SRB": (2024, "Serbia without Kosovo")}


#: Countries a new state split from, and the last year UNHCR's figures for them count it:
#: UN DESA's, by today's borders, never do (Sudan's population without South Sudan). From
#: 2011, UNHCR's tables give South Sudan's own rows; from 2006, Montenegro's.
WIDER_UNTIL = {"SDN": 2010, "SRB": 2005}

#: Where UN DESA's migrant estimates under a code are of a wider place up to a year, as its
#: notes say ("The estimates for 1990 to 2005 refer to Sudan and South Sudan"; its
#: population, by today's borders, is not).
MIGRANTS_WIDER_UNTIL = {"SDN": 2005}


def narrower_in_undesa(revision: str | int | None, year: int | None = None) -> set[str]:
    """The codes whose UN DESA figures in ``revision`` cover less than UNHCR's (of ``year``:
    a country before a new state split from it, :data:`WIDER_UNTIL`): their population is
    no denominator for the people UNHCR counts there."""
    if not revision:  # no UN DESA figures: none narrower
        return set()
    wider = {code for code, last in WIDER_UNTIL.items() if year is not None and year <= last}
    return wider | {code for code, (since, _) in UNDESA_PLACES.items() if int(revision) >= since}


@cache
def is_country(iso3: str) -> bool:
    """True when ``iso3`` is a country's ISO 3166-1 alpha-3 code."""
    if not isinstance(iso3, str) or len(iso3) != 3:
        return False
    return iso3 in EXTRA_COUNTRIES or pycountry.countries.get(alpha_3=iso3) is not None


@cache
def iso3_of_numeric(code: int | str) -> str | None:
    """ISO 3166-1 alpha-3 for an ISO numeric code (``4``, ``"004"``: ``AFG``; UN M49's
    country codes are these), None for another number."""
    try:
        number = int(code)
    except (TypeError, ValueError):
        return None
    if not 0 < number < 1000:
        return None
    country = pycountry.countries.get(numeric=f"{number:03d}")
    return country.alpha_3 if country is not None else None


@cache
def is_former_country(code: str) -> bool:
    """True for an ISO 3166 alpha-3 code since withdrawn (YUG, SUN, ZAR): a country's code
    once, not a code of another list (UNHCR's own)."""
    return isinstance(code, str) and pycountry.historic_countries.get(alpha_3=code) is not None


def is_listed_code(code: str) -> bool:
    """True for a code of a list of places: :func:`is_known_code`'s, or a withdrawn ISO code
    (YUG, ZAR), which the readers warn about but take for a country's, not another list's."""
    return is_known_code(code) or is_former_country(code)


def is_known_code(code: str) -> bool:
    """True for a country's code or one of UNHCR's codes for non-countries."""
    return code in NON_COUNTRY_CODES or is_country(code)


class Countries:
    """Names and UNHCR regions keyed on ISO3."""

    def __init__(self, table: pd.DataFrame | None = None, fallback_names: pd.Series | None = None):
        table = table if table is not None else pd.DataFrame(columns=["iso_code", "name"])
        self._names = dict(zip(table["iso_code"], table["name"], strict=True))
        regions = table.get("unhcr_region", pd.Series(dtype=str))
        self._regions = {k: v for k, v in zip(table["iso_code"], regions, strict=True) if v}
        self._fallback = {} if fallback_names is None else fallback_names.to_dict()
        self._m49 = {
            code: (region, subregion)
            for code, region, subregion in zip(
                table["iso_code"],
                table.get("unsd_region", pd.Series("", index=table.index)),
                table.get("unsd_subregion", pd.Series("", index=table.index)),
                strict=True,
            )
            if region
        }

    def m49_region(self, iso3: str) -> str:
        """The UN M49 region (``Africa``, ``Europe`` ...), or empty when not known."""
        return self._m49.get(iso3, ("", ""))[0]

    def developed(self, iso3: str) -> bool:
        """Whether the country lies in a UN M49 developed region."""
        region, subregion = self._m49.get(iso3, ("", ""))
        return (
            region in DEVELOPED_REGIONS
            or subregion in DEVELOPED_SUBREGIONS
            or iso3 in DEVELOPED_COUNTRIES
        )

    def codes(self) -> list[str]:
        """Every ISO3 code of the country table."""
        return list(self._names)

    def name(self, iso3: str) -> str:
        """The UNHCR name of a country (``Türkiye``, ``Iran (Islamic Rep. of)``)."""
        if iso3 in self._names:
            return self._names[iso3]
        if iso3 in self._fallback:
            return self._fallback[iso3]
        if iso3 in EXTRA_COUNTRIES:
            return EXTRA_COUNTRIES[iso3]
        country = pycountry.countries.get(alpha_3=iso3) if isinstance(iso3, str) else None
        return getattr(country, "common_name", None) or getattr(country, "name", str(iso3))

    def region(self, iso3: str) -> str:
        """The UNHCR regional bureau of a country, or ``Unknown or other``."""
        return self._regions.get(iso3, UNKNOWN_REGION)

    def names(self, codes: pd.Series) -> pd.Series:
        """Names for a column of ISO3 codes."""
        return codes.map(self.name)

    def regions(self, codes: pd.Series) -> pd.Series:
        """UNHCR regions for a column of ISO3 codes."""
        return codes.map(self.region)
