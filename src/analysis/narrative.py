"""The briefing's text: Markdown and small HTML pieces built from the computed figures.

Every number goes through :mod:`analysis.numbers`; every sentence follows the
data of the edition's year. The wording is the project's own.
"""

import html

import pandas as pd

from analysis import indicators, numbers
from analysis.briefing import (
    Edition,
    latest_published,
    pilot_countries,
    published_row,
    seed_figure,
)
from analysis.reconciliation import show, show_difference

P = numbers.people
S = numbers.share


def _when(edition: Edition) -> str:
    return f"at mid-{edition.year}" if edition.provisional else f"at the end of {edition.year}"


def cite(row) -> str:
    """A citation after a figure: `` (UNHCR Global Trends 2016)`` or ``, as stated in ...``."""
    cited = str(row["cited_as"])
    return f", {cited}" if cited.startswith("as stated in") else f" ({cited})"


def _list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def vintage(edition: Edition) -> str:
    """Which data the edition uses (the renderer prints the title above it)."""
    provisional = " (provisional mid-year figures)" if edition.provisional else ""
    return (
        f"*Refugee and displacement figures: UNHCR Refugee Population Statistics Database, "
        f"{edition.unhcr_release}{provisional}. International migrants: UN DESA, International "
        f"Migrant Stock, {edition.undesa_revision} revision. Other figures as published; "
        f"sources and notes at the end.*"
    )


def introduction(edition: Edition) -> str:
    """Why the briefing exists and how it is organised."""
    return (
        "People who cross borders to find work and people forced from their homes face many "
        "of the same obstacles to earning a decent living. This briefing sets out, from the "
        f"official statistics for {edition.year}, how many people are displaced and where "
        "they live, how many people live and work outside their country of birth, and how "
        "cooperative enterprises help both groups find income, services and a voice. It "
        "follows an ILO presentation to the International Co-operative Alliance (2017) and an "
        "ILO issue brief on cooperatives and migrant workers, with every figure recomputed."
    )


def tiles(edition: Edition) -> str:
    """The key figures as HTML tiles."""
    f = edition.figures
    items = [
        (f["forcibly_displaced"], "people forcibly displaced"),
        (f["refugees_unhcr"] + f["refugees_unrwa"], "refugees"),
        (f["idps_conflict"], "internally displaced by conflict"),
        (f["asylum_seekers"], "asylum-seekers"),
        (f["stateless"], "stateless people (reported)"),
        (f["resettled"], f"refugees resettled in {edition.year}"),
    ]
    cells = "".join(
        f'<div class="tile"><span class="tile-value">{html.escape(P(v))}</span>'
        f'<span class="tile-label">{html.escape(label)}</span></div>'
        for v, label in items
        if v is not None
    )
    return f'<div class="tiles">{cells}</div>'


def _idps_sentence(f: dict) -> str:
    idps = f"{P(f['idps_conflict'])} people were internally displaced by conflict and violence."
    largest = f["idps_conflict"] > f["refugees_unhcr"] + f["refugees_unrwa"] + f["asylum_seekers"]
    return f"The largest group never crossed a border: {idps}" if largest else idps


def at_a_glance(edition: Edition) -> str:
    """Section 1: the forcibly displaced and its parts."""
    f = edition.figures
    refugees = f["refugees_unhcr"] + f["refugees_unrwa"]
    oip = f["other_in_need"]
    parts = [
        f"{_when(edition).capitalize()}, **{P(f['forcibly_displaced'])}** people were forcibly "
        f"displaced worldwide. **{P(refugees)}** of them were refugees: {P(f['refugees_unhcr'])} "
        f"under UNHCR's mandate and {P(f['refugees_unrwa'])} Palestine refugees registered "
        f"with UNRWA. {_idps_sentence(f)} {P(f['asylum_seekers'])} "
        "asylum-seekers were awaiting a decision on their claim"
        + (f", and {P(oip)} others needed international protection." if oip else ".")
    ]
    if oip:
        parts.append(
            f"Counting those {P(oip)} with the refugees, UNHCR's reports speak of "
            f"{P(refugees + oip)} refugees and others in need of international protection."
        )
    stateless = f"The data record {P(f['stateless'])} stateless people"
    estimate = published_row(edition, "stateless_global_estimate")
    if estimate is not None:
        stateless += (
            f"; UNHCR's global estimate for the year was {P(estimate['value'])}"
            f"{cite(estimate)}, as many countries do not count them"
        )
    parts.append(
        f"{stateless}. During {edition.year}, {P(f['resettled'])} refugees were resettled "
        "to a third country."
    )
    return "## Forcibly displaced people at a glance\n\n" + "\n\n".join(parts)


def _aggregated(edition: Edition, heading: str, kept: str, missing: str) -> str:
    files = ", ".join(p.name for p in edition.data.population.files)
    return (
        f"## {heading}\n\n"
        f"The population data in use ({files}) are totals by country of {kept} only, so they "
        f"cannot show {missing}. A download with both countries of origin and asylum can."
    )


def hosting(edition: Edition) -> str:
    """Section 2: where refugees are hosted."""
    f = edition.figures
    hosts = f["top_hosts"]
    if not hosts:
        return _aggregated(
            edition, "Where refugees are hosted", "origin", "where refugees are hosted"
        )
    regions = list(f["hosting_by_region"].items())
    top_share = indicators.top_share(
        edition.hosts(), edition.year, edition.data.countries, len(hosts)
    )
    first = hosts[0]
    region_text = _list([f"{r} ({S(s)})" for r, s in regions[:3]])
    return (
        "## Where refugees are hosted\n\n"
        f"{first['name']} hosted more refugees than any other country {_when(edition)}: "
        f"**{P(first['refugees'])}**. The {len(hosts)} largest hosts together sheltered "
        f"{S(top_share)} of the refugees under UNHCR's mandate. By UNHCR region, the largest "
        "shares were in "
        f"{region_text}."
    )


def origins(edition: Edition) -> str:
    """Section 3: where refugees come from."""
    f = edition.figures
    if not f["top_origins"]:
        return _aggregated(
            edition, "Where refugees come from", "asylum", "where refugees come from"
        )
    top3 = f["top_origins"][:3]
    listing = _list([f"{o['name']} ({P(o['refugees'])})" for o in top3])
    return (
        "## Where refugees come from\n\n"
        f"**{S(f['top3_origin_share'])}** of refugees under UNHCR's mandate came from just "
        f"three countries {_when(edition)}: {listing}. When conflicts in a handful of "
        "countries drag on, their people make up most of the world's refugees for years."
    )


def trend(edition: Edition, table: pd.DataFrame) -> str:
    """Section 4: the trend since 2000; ``table`` is :func:`briefing.trend_table`."""
    totals = table.sum(axis=1)
    first, last, year = int(totals.index.min()), int(totals.index.max()), edition.year
    start, end = (first, year) if year > first else (year, last)
    verb = "grown" if totals[end] >= totals[start] else "fallen"
    mid_year = " (a provisional mid-year figure)" if end in edition.data.provisional_years else ""
    text = (
        f"## The trend since {first}\n\n"
        f"The number of forcibly displaced people has {verb} from {P(totals[start])} in "
        f"{start} to {P(totals[end])} in {end}{mid_year}, {totals[end] / totals[start]:.1f} "
        "times as many."
    )
    if year - 1 in totals.index:
        ratio = totals[year] / totals[year - 1] - 1
        direction = "more" if ratio >= 0 else "fewer"
        text += f" In {year} there were {S(abs(ratio))} {direction} than a year earlier."
    idps = table["idps_conflict"]
    growth = totals[end] - totals[start]
    if growth > 0 and idps[end] - idps[start] > growth / 2:
        text += " Most of the growth is people displaced inside their own countries."
    if last > end:
        note = " (a provisional mid-year figure)" if last in edition.data.provisional_years else ""
        text += f" The latest figure, for {last}{note}, is {P(totals[last])}."
    return text


def labour_migration(edition: Edition) -> str:
    """Section 5: international migrants and migrant workers."""
    f = edition.figures
    world = edition.migrants[edition.migrants["kind"] == "world"].set_index("year")
    first = int(world.index.min())
    text = [
        "## Labour migration",
        f"International migrants are people living outside their country of birth. UN DESA "
        f"estimates them every five years; its {edition.undesa_revision} revision counts "
        f"**{P(f['migrant_stock'])}** in {f['migrant_stock_year']}"
        f"{_latest_for(edition)}{_share_clause(f)}, up from {P(world.at[first, 'migrants'])} "
        f"in {first}.{_women_clause(f)}",
    ]
    workers = latest_published(edition, "migrant_workers")
    remittances = latest_published(edition, "remittances_developing")
    facts = []
    if workers is not None:
        facts.append(
            f"The ILO estimates that {P(workers['value'])} international migrants were "
            f"working or looking for work in {int(workers['year'])}{cite(workers)}."
        )
    if remittances is not None:
        facts.append(
            f"Migrants sent {numbers.money_billions(remittances['value'])} home to low- and "
            f"middle-income countries in {int(remittances['year'])}{cite(remittances)}."
        )
    if facts:
        text.append(" ".join(facts))
    return "\n\n".join(text)


def _share_clause(f: dict) -> str:
    share = f["migrant_share_of_population"]
    return "" if share is None else f": **{S(share, 1)}** of the world's population"


def _women_clause(f: dict) -> str:
    women = f["women_share_of_migrants"]
    return "" if women is None else f" Women are **{S(women, 1)}** of them."


def _latest_for(edition: Edition) -> str:
    stock_year = edition.figures["migrant_stock_year"]
    if stock_year == edition.year:
        return ""
    return f", the latest estimate for {edition.year}"


def then_and_now(edition: Edition) -> str:
    """Section 5, continued: the issue brief's figures of its time beside today's."""
    stock = seed_figure(edition, "migrant_stock")
    active = seed_figure(edition, "economically_active_migrants")
    remit = seed_figure(edition, "remittances_developing")
    if stock is None or active is None or remit is None:
        return ""
    share = seed_figure(edition, "migrant_share_of_population")
    share_text = f" ({S(share['value'], 1)} of the world's population)" if share is not None else ""
    return (
        "### Then and now\n\n"
        f"The ILO's issue brief on cooperatives and migrant workers used the UN estimate of "
        f"its time: {P(stock['value'])} migrants in {int(stock['year'])}"
        f"{share_text}, {active['qualifier']} {P(active['value'])} of them economically active, "
        f"and {numbers.money_billions(remit['value'])} of remittances to developing countries "
        f"in {int(remit['year'])}. Estimates are revised with each new round of census data."
    )


def decent_work(edition: Edition) -> str:
    """Section 6a: the decent-work challenges and the right to work."""
    work = seed_figure(edition, "states_granting_right_to_work")
    parties = seed_figure(edition, "refugee_convention_states_parties")
    right = ""
    if work is not None and parties is not None:
        right = (
            f" Only {int(work['value'])} of the {int(parties['value'])} states parties to the "
            "1951 Refugee Convention formally grant refugees the right to work"
            f"{cite(work)}; where the right exists, access to it is often limited."
        )
    return (
        "## Decent work: the challenges\n\n"
        "Most migrants move for work, from places where jobs are scarce or poorly paid to "
        "places where labour is more productive. Many end up in the informal economy, in "
        "domestic work, construction, manufacturing and agriculture, where wages are low, "
        "contracts rare and labour rights hard to claim. Recruitment fees and debts raise the "
        "cost of migrating.\n\n"
        "Refugees face a harder start: most cannot earn enough to meet their basic needs, "
        f"and many countries restrict their access to the labour market by law.{right} Even "
        "with the right in place, refugees are exposed to forced, bonded and child labour."
    )


COOPERATIVE_RESPONSES = [
    (
        "Social cooperatives",
        "Provide integration services: language, training, housing "
        "and job placement for newcomers.",
    ),
    (
        "Producer and worker cooperatives",
        "Owned and run by migrants or refugees as their own enterprises.",
    ),
    (
        "Service cooperatives",
        "Set up by migrants or refugees to buy inputs, market "
        "products or save and borrow together.",
    ),
    (
        "Membership in existing cooperatives",
        "Migrants and refugees join established "
        "cooperatives, for example of taxi drivers or domestic workers.",
    ),
    (
        "Employment in existing cooperatives",
        "Cooperatives in agriculture or housing employ migrants and refugees.",
    ),
    (
        "Cooperatives at home",
        "Returning migrants and refugees rebuild livelihoods and communities through cooperatives.",
    ),
]


def cooperatives(edition: Edition) -> str:
    """Section 6b: the cooperative responses, as a table."""
    members = seed_figure(edition, "cooperative_members")
    jobs = seed_figure(edition, "cooperative_jobs")
    reach = ""
    if members is not None and jobs is not None:
        reach = (
            f" Cooperatives count {members['qualifier']} {P(members['value'])} members and "
            f"provide {jobs['qualifier']} {P(jobs['value'])} jobs worldwide{cite(members)}."
        )
    return (
        "## How cooperatives respond\n\n"
        "Cooperatives are enterprises owned and democratically controlled by their members. "
        "They work *for* migrants and refugees, *with* them, and are set up *by* them: they "
        "offer income and jobs, affordable goods and services, and a say in how the "
        f"enterprise is run.{reach}"
    )


def cooperative_activities() -> str:
    """Section 6b, continued: the types of cooperative activity, as a table."""
    rows = "\n".join(f"| {kind} | {what} |" for kind, what in COOPERATIVE_RESPONSES)
    return (
        "### Types of cooperative activity with migrants and refugees\n\n"
        f"| Activity | What it does |\n|---|---|\n{rows}"
    )


PILOT_WORK = {
    "ETH": "cooperatives of returning migrants",
    "IND": "fair recruitment through cooperatives",
    "PHL": "fair recruitment through cooperatives",
    "JOR": "refugees' work formalised in farm cooperatives",
}


def _count(value: float | None) -> str:
    return "n/a" if value is None or pd.isna(value) else P(value)


def pilots(edition: Edition) -> str:
    """Section 6c: the pilot countries, each with its current figures."""
    table = pilot_countries(edition)
    stock_year = int(table["migrant_stock_year"].iloc[0])
    work = _list([f"{r.country} ({PILOT_WORK[r.iso3]})" for r in table.itertuples()])
    rows = "\n".join(
        f"| {r.country} | {_count(r.refugees_hosted)} | {_count(r.refugees_from)} | "
        f"{P(r.migrant_stock) if pd.notna(r.migrant_stock) else 'n/a'} | "
        f"{S(r.migrant_share, 1) if pd.notna(r.migrant_share) else 'n/a'} |"
        for r in table.itertuples()
    )
    return (
        "## Pilot countries\n\n"
        f"The ILO has started cooperative work with migrants and refugees in {work}. Their "
        f"refugees (UNHCR's mandate) in {edition.year}, and international migrants in "
        f"{stock_year}:\n\n"
        "| Country | Refugees hosted | Refugees from it | Migrants living there | "
        f"Migrants, % of population |\n|---|--:|--:|--:|--:|\n{rows}"
    )


SEED_DOCUMENTS = [
    "**The presentation**: S. Esim (ILO Cooperatives Unit), *Activating Cooperatives for "
    "Migrant & Refugee Response: An ILO Approach*, International Co-operative Alliance Global "
    "Conference, Kuala Lumpur, November 2017.",
    "**The issue brief**: ILO, *Cooperatives offer migrant workers options for better lives* "
    "(www.ilo.org/coop).",
]


def sources(edition: Edition, files: list[dict]) -> str:
    """Section 7a: every source with its licence and vintage, grouped by publication."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for source in files:
        key = (source.get("publisher", ""), source.get("title", ""))
        groups.setdefault(key, []).append(source)
    items = []
    for (publisher, name), members in groups.items():
        first = members[0]
        parts = [f"**{name}** ({publisher})"]
        parts += [first[k] for k in ("release", "url") if first.get(k)]
        if first.get("licence"):
            parts.append(f"licence: {first['licence']}")
        retrieved = f", retrieved {first['retrieved']}" if first.get("retrieved") else ""
        items.append(f"- {'; '.join(parts)}{retrieved}.")
    provisional = sorted(edition.data.provisional_years)
    years = ", ".join(map(str, provisional))
    note = f"\n\nFigures for {years} are provisional mid-year estimates." if provisional else ""
    return "## Sources and notes\n\n" + "\n".join(items) + note


def seed_documents() -> str:
    """Section 7, continued: the two documents the briefing follows."""
    items = "\n".join(f"- {document}" for document in SEED_DOCUMENTS)
    return f"### The documents this briefing follows\n\n{items}"


def definitions() -> str:
    """Section 7b: the definitions used."""
    return (
        "### Definitions\n\n"
        "Each figure taken from a report names its publication beside it; the project's "
        "published-figures table gives the publisher, title and address of each.\n\n"
        "- **Forcibly displaced**: refugees under UNHCR's mandate, Palestine refugees under "
        "UNRWA's mandate, asylum-seekers, other people in need of international protection, "
        "and people internally displaced by conflict and violence (IDMC's estimate), as "
        "UNHCR's Global Trends composes the total. Stateless people and resettled refugees "
        "are shown beside it, not in it.\n"
        "- **Top countries** count countries only: unknown origins and the stateless are "
        "left out of rankings but kept in totals.\n"
        "- **International migrant**: a person living outside their country of birth "
        "(or of citizenship where birthplace is not recorded), as UN DESA counts them.\n"
        "- **Shares by region** use UNHCR's regional bureaux."
    )


def reconciliation(edition: Edition, table: pd.DataFrame) -> str:
    """Section 7c: published figures beside the current data, and why they differ."""
    if table.empty:
        return (
            "### Published and current figures\n\n"
            f"The published-figures table holds no headline figures for {edition.year} "
            "to compare with the current data."
        )
    rows = "\n".join(
        f"| {r.label} | {show(r.published, r.unit)} | {show(r.current, r.unit)} "
        f"| {show_difference(r.difference, r.relative_difference, r.unit)} | {r.why} |"
        for r in table.itertuples()
    )
    cited = _list(sorted(set(table["cited_as"])))
    return (
        "### Published and current figures\n\n"
        f"The figures above are computed from the current database, which revises past "
        f"years. Here they are beside the figures first published for {edition.year} "
        f"({cited}):\n\n"
        "| Figure | Published | Current data | Difference | Why |\n|---|--:|--:|--:|---|\n"
        f"{rows}"
    )
