"""Figures as first published beside the same figures computed from the current data."""

import pandas as pd

from analysis import numbers

# Figures the data can recompute, with why a published value may differ from it.
REASONS = {
    "forcibly_displaced": "its parts have been revised since the report (chiefly IDMC's IDPs)",
    "refugees_unhcr": "UNHCR revises past years as countries report late or correct figures",
    "refugees_unrwa": "UNRWA's registration figures are revised after publication",
    "asylum_seekers": "pending asylum claims are revised as countries report",
    "other_in_need": "a category UNHCR introduced in 2022; earlier years are revised into it",
    "idps_conflict": "IDMC revises its estimates of conflict IDPs for past years",
    "stateless": "countries report their counts of stateless people late or revise them",
    "resettled": "the report counts departures with UNHCR's help; the data count arrivals",
    "top3_origin_share": "refugee numbers by origin have been revised since the report",
    "migrant_stock": "each UN DESA revision re-estimates the whole series",
    "migrant_share_of_population": "migrant and population estimates are revised together",
    "women_share_of_migrants": "each UN DESA revision re-estimates the whole series",
}
CLOSE = 0.005  # within half a per cent: a matter of rounding


def reconcile(published: pd.DataFrame, computed: dict, year: int) -> pd.DataFrame:
    """For ``year``: each published figure the data can recompute, the current value,
    the difference, and why they differ.

    ``computed`` holds the key figures (as ``figures`` prints them). Shares are compared
    as fractions, counts as people.
    """
    rows = published[(published["year"] == year) & published["figure"].isin(REASONS)]
    out = []
    for row in rows.itertuples():
        current = computed.get(row.figure)
        if current is None or (row.figure.startswith("migrant") and _other_year(computed, year)):
            continue
        difference = current - row.value
        relative = difference / row.value if row.value else float("nan")
        out.append(
            {
                "figure": row.figure,
                "label": row.label,
                "unit": row.unit,
                "cited_as": row.cited_as,
                "published": row.value,
                "current": current,
                "difference": difference,
                "relative_difference": relative,
                "why": "the same, once rounded" if abs(relative) < CLOSE else REASONS[row.figure],
            }
        )
    return pd.DataFrame(out)


def _other_year(computed: dict, year: int) -> bool:
    return computed.get("migrant_stock_year") not in (None, year)


def show(value: float, unit: str) -> str:
    """A published or current value as the briefing writes it."""
    return numbers.share(value, 1) if unit == "share" else numbers.people(value)
