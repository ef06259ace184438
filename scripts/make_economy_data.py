#!/usr/bin/python3
"""Writes the economy data tables of smesim from the sourced calibration CSV.

Usage (from the repository root, with Debian's python3, standard library only):

    /usr/bin/python3 scripts/make_economy_data.py [CSV] [--out DIR]

CSV defaults to ../shared/data/economies-brics.csv (relative to the repository
root); DIR defaults to scenarios/data/economies. Writes DIR/brics.toml (one
`[economy.XXX]` table per CSV row, every value with a `sources` note) and
DIR/groups.toml (the groups BRICS5, BRICS_NEW and BRICS).

Values taken from the data say which source key and year they come from (the
keys are explained in ../shared/data/README.md and scenarios/README.md).
Values not in the data are explicit assumptions, each with its reason, and
their notes start with "ASSUMPTION". Keys not written here take the model's
defaults from models/parameters.cpp (listed in the file header).
"""

import argparse
import csv
import math
import os
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Declared ranges (models/parameters.cpp, collection "economy"); checked before writing.
RANGES = {
    "n_msme": (1.0, 1e9),
    "gdp_usd_bn": (0.1, 1e6),
    "labor_force": (1e4, 2e9),
    "wage_share": (0.05, 0.95),
    "demand_growth_per_year": (-0.2, 0.3),
    "lending_rate_per_year": (0.0, 1.0),
    "credit_depth": (0.0, 5.0),
    "lpi_score": (1.0, 5.0),
    "tariff_pct": (0.0, 100.0),
    "digital_share": (0.0, 1.0),
    "certified_share": (0.0, 1.0),
    "entry_rate_per_year": (0.0, 1.0),
    "entry_cost_index": (0.0, 1.0),
    "park_share": (0.0, 1.0),
    "women_led_share": (0.0, 1.0),
    "youth_led_share": (0.0, 1.0),
    "carbon_intensity_factor": (0.1, 5.0),
}

# Keys of the economy collection deliberately left at the model's default.
LEFT_AT_DEFAULT = [
    "bank_capital_per_sme_usd", "banks", "ntb_ave", "green_level_mean",
    "compliance_cost_share", "large_firm_ratio", "park_service_level",
    "productivity_level",
]

GROUPS = [
    ("BRICS5", ["BRA", "RUS", "IND", "CHN", "ZAF"],
     "the five founding members: BRIC (BRA, RUS, IND, CHN) held its first summit in 2009, "
     "ZAF joined in 2010-11"),
    ("BRICS_NEW", ["EGY", "ETH", "IRN", "ARE", "IDN"],
     "members that joined later: EGY, ETH, IRN, ARE on 1 January 2024, IDN in January 2025 "
     "(Saudi Arabia was invited but is not counted as a member here)"),
    ("BRICS", ["BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"],
     "all ten members in the calibration data (BRICS5 plus BRICS_NEW)"),
]

# ---------------------------------------------------------------------------
# Derived-from-data factors (documented assumptions).

DIGITAL_FACTOR = 0.5
DIGITAL_REASON = (
    "ASSUMPTION derived from data: digital_share = {f} x internet users share. "
    "{src} {year}: individuals using the internet, % of population = {v}. "
    "The factor {f} says that SMEs' adoption of digital tools for business (online sales, "
    "digital payments, business software) lags the population's internet use: in OECD ICT "
    "usage-by-business statistics small firms' e-sales and cloud use are well below the "
    "population's internet use (approximate reference point, from memory; verify)")

# n_msme where the CSV has no count: MSMEs per labour-force member of Egypt (census count
# incl. unregistered establishments, the closest comparator with a count), scaled by the
# non-agricultural share of employment (approximate ILO modelled estimates, from memory).
NON_AG_EMPLOYMENT_SHARE = {"EGY": 0.80, "ETH": 0.37, "IRN": 0.84}
RUS_N_MSME = 6_000_000
RUS_N_MSME_REASON = (
    "ASSUMPTION: not in the data (CSV notes: number of SMEs not found). Russia's Unified "
    "Register of SMEs (Federal Tax Service) lists about 6 million entities including "
    "individual entrepreneurs (approximate, from memory of 2023-24 figures; verify). "
    "Excludes the self-employed on the professional income tax regime")

# Tariffs where the CSV has neither an applied nor an MFN simple mean.
TARIFF_ASSUMED = {
    "RUS": (6.7, "ASSUMPTION: no applied average in the data. CSV notes: WTO simple average "
                 "BOUND rate 7.6% and a projected applied average of 7.9% after WTO "
                 "implementation (Shepotylo & Tarr 2012). Applied rates lie below bound "
                 "rates, and the EAEU common external tariff's simple MFN average is about "
                 "6.5-7% in WTO tariff profiles (approximate, from memory; verify): 6.7"),
    "ARE": (5.0, "ASSUMPTION: no tariff average in the data. The UAE applies the GCC common "
                 "external tariff, 5% on most goods with many duty-free lines and a few "
                 "higher ones (alcohol, tobacco): simple mean about 5 (approximate; verify)"),
}

# ---------------------------------------------------------------------------
# Pure assumptions, per economy: key -> {iso3: value}, plus the reason per economy.

# SME wage per worker / GDP per worker. Reason: labour income share of GDP (roughly 0.4-0.55
# in these economies, ILO modelled estimates, approximate) times a small-firm wage gap
# (small and informal firms pay less); lower where GDP per worker includes resource rents or
# where the GDP exchange rate overstates local wages. Cross-checked against typical
# private-sector/SME wages (approximate, from memory; verify).
WAGE_SHARE = {
    "BRA": (0.40, "Brazil's average formal wage is roughly USD 7-9k a year incl. 13th salary"),
    "RUS": (0.35, "Russia's average wage is roughly USD 10-12k a year (2024); SMEs pay less"),
    "IND": (0.30, "informal MSME workers earn roughly INR 10-15k a month"),
    "CHN": (0.40, "China's urban private-unit average wage is roughly CNY 65-70k a year (2023)"),
    "ZAF": (0.40, "small-firm wages in South Africa are roughly ZAR 6-10k a month"),
    "EGY": (0.20, "private-sector wages fell sharply in USD after the 2023-24 devaluations"),
    "ETH": (0.30, "manufacturing wages are roughly USD 50-100 a month"),
    "IRN": (0.15, "GDP per worker includes oil rents and wages are low at market exchange "
                  "rates (minimum wage roughly USD 100-150 a month)"),
    "ARE": (0.20, "GDP per worker is very high (hydrocarbons, finance) while many SME "
                  "workers are lower-wage migrants"),
    "IDN": (0.20, "the average wage is roughly IDR 3 million a month and MSME wages lower"),
}

# Real trend growth of final demand: approximate medium-term real GDP growth (IMF WEO-style
# projections as remembered; verify).
DEMAND_GROWTH = {
    "BRA": (0.020, "medium-term real growth about 2%"),
    "RUS": (0.010, "growth slowing to about 1% after the 2023-24 war-time expansion"),
    "IND": (0.065, "medium-term real growth about 6-7%"),
    "CHN": (0.045, "medium-term real growth about 4-5%, trending down"),
    "ZAF": (0.010, "real growth about 1% (electricity and logistics constraints)"),
    "EGY": (0.040, "medium-term real growth about 4%"),
    "ETH": (0.060, "high trend growth (about 6-8%), lower after the 2024 devaluation"),
    "IRN": (0.020, "about 2%, volatile under sanctions"),
    "ARE": (0.040, "about 4% with non-oil growth stronger"),
    "IDN": (0.050, "medium-term real growth about 5%"),
}

# Banks' base lending rate to SMEs, nominal per year (before the model's risk spread).
LENDING_RATE = {
    "BRA": (0.22, "very high: Selic policy rate 10.5-15% in 2024-25 and large bank spreads; "
                  "SME working-capital rates commonly 20-40% a year (OECD Scoreboard shows "
                  "Brazil among the highest SME rates; approximate)"),
    "RUS": (0.18, "key rate 16-21% in 2024-25; subsidised SME programmes lower the average "
                  "(approximate)"),
    "IND": (0.11, "bank lending rates (MCLR/EBLR) about 8.5-9.5% plus MSME spreads; "
                  "CGTMSE-backed loans about 9-12% (approximate)"),
    "CHN": (0.045, "low: one-year loan prime rate about 3.1-3.45% in 2024, and inclusive "
                   "small and micro loans are steered to about 4-5% (approximate)"),
    "ZAF": (0.14, "prime rate 11-11.75% in 2024 plus SME margins of 2-5 points (approximate)"),
    "EGY": (0.25, "policy rate 27%+ in 2024; subsidised CBE SME initiatives are cheaper, "
                  "commercial SME loans dearer (approximate)"),
    "ETH": (0.16, "lending rates about 13-18% after the 2024 reforms (approximate)"),
    "IRN": (0.23, "capped bank rates about 18-23% with inflation near 40% (approximate)"),
    "ARE": (0.09, "EIBOR about 5% in 2024 plus SME margins (approximate)"),
    "IDN": (0.10, "BI rate about 6%; subsidised KUR micro loans about 6%, commercial SME loans "
                  "about 9-12% (approximate)"),
}

# Share of SMEs with an international quality certificate. Reference: WBES "firms with an
# internationally-recognized quality certification" is roughly 10-30% of formal firms with
# 5+ employees in these economies (approximate, from memory of WBES; verify); the MSME
# counts here include micro and informal firms, so values are about half of that or less.
CERTIFIED = {
    "BRA": (0.08, "WBES roughly mid-teens % of formal firms"),
    "RUS": (0.06, "WBES roughly 10-15% of formal firms"),
    "IND": (0.05, "WBES roughly 20% of formal firms, but 99% of the MSME count are micro, "
                  "mostly unincorporated"),
    "CHN": (0.15, "WBES about a third of formal firms, and China holds by far the most "
                  "ISO 9001 certificates (ISO Survey); export-oriented SMEs"),
    "ZAF": (0.10, "WBES roughly 20% of formal firms"),
    "EGY": (0.06, "WBES roughly 10-15% of formal firms; 94% of the count are micro"),
    "ETH": (0.04, "WBES below 10% of formal firms"),
    "IRN": (0.06, "no WBES; ISO Survey shows a sizeable ISO 9001 count; similar to EGY"),
    "ARE": (0.15, "trade-oriented formal SMEs; no WBES for the UAE (assumed like CHN)"),
    "IDN": (0.04, "WBES below 10% of formal firms; the count is mostly micro"),
}

# Share of SMEs led by women. Reference: WBES "firms with female top manager" (formal firms,
# 5+ employees) plus national MSME ownership data; micro firms are more often women-owned
# than the WBES sample. Approximate, from memory of WBES and national sources; verify.
WOMEN_LED = {
    "BRA": (0.30, "WBES female top manager roughly 15-20%; SEBRAE counts about a third of "
                  "business owners as women"),
    "RUS": (0.30, "WBES female top manager roughly 20-30%, among the higher values"),
    "IND": (0.20, "NSS 73rd round: about 20% of proprietary MSMEs owned by women; WBES female "
                  "top manager below 10%"),
    "CHN": (0.25, "WBES female top manager roughly 5-17%; women are commonly said to be about "
                  "a quarter to a third of entrepreneurs"),
    "ZAF": (0.35, "WBES female top manager roughly 15-20%; many survivalist micro firms are "
                  "women-owned"),
    "EGY": (0.10, "WBES female top manager roughly 5%; low female labour participation"),
    "ETH": (0.25, "WBES female top manager roughly 10-15%; many women-owned micro firms"),
    "IRN": (0.10, "no WBES; low female entrepreneurship (GEM) and labour participation"),
    "ARE": (0.10, "no WBES; the Ministry reports women-owned firms as a small share"),
    "IDN": (0.45, "WBES female top manager among the higher values; the ministries report "
                  "that over half of MSMEs are owned or run by women"),
}

# Share of SMEs led by people under 35: demographic structure and GEM youth entrepreneurship.
YOUTH_LED = {
    "BRA": (0.15, "median age about 33"), "RUS": (0.12, "ageing population"),
    "IND": (0.20, "young population (median age about 28)"), "CHN": (0.15, "ageing population, "
                                                                              "active young founders"),
    "ZAF": (0.15, "young population but low youth entrepreneurship (GEM)"),
    "EGY": (0.20, "young population"), "ETH": (0.25, "very young population (median age "
                                                         "about 19)"),
    "IRN": (0.15, "median age about 32"), "ARE": (0.15, "working-age migrant population"),
    "IDN": (0.20, "young population (median age about 29)"),
}

# Entrants per year per incumbent SME. new_llc_registrations / n_msme from the CSV gives
# only a lower bound (LLCs are a small part of MSME entry where most firms are unincorporated)
# and is shown as a reference point; values near OECD business-demography birth rates
# (about 8-12% a year), higher where registration is churning fast.
ENTRY_RATE = {
    "BRA": (0.10, "high churn; individual micro-entrepreneur (MEI) registrations run to millions "
                  "a year"),
    "RUS": (0.07, "moderate churn"), "IND": (0.08, "OECD-like rate"),
    "CHN": (0.10, "registrations of market entities grew fast after the 2014 reforms"),
    "ZAF": (0.08, "company registrations are high but include dormant shelf companies"),
    "EGY": (0.07, "OECD-like rate, slightly lower"), "ETH": (0.09, "young, growing economy"),
    "IRN": (0.06, "sanctions and uncertainty damp entry"),
    "ARE": (0.09, "fast registration in free zones"), "IDN": (0.08, "OECD-like rate"),
}

# Regulatory cost of entry, 0-1. Ordinal mapping of the World Bank Doing Business 2020
# "Starting a business" rank (of 190; the report was discontinued in 2021):
# index = 0.1 + 0.5 x rank / 190, rounded to 0.05. Ranks as remembered (approximate; verify).
DB2020_START_RANK = {"BRA": 138, "RUS": 40, "IND": 136, "CHN": 27, "ZAF": 139, "EGY": 90,
                     "ETH": 168, "IRN": 178, "ARE": 17, "IDN": 140}

# Share of SMEs that existing parks and clusters can hold.
PARK_SHARE = {
    "BRA": (0.02, "industrial districts and APLs (local productive arrangements) exist but few "
                  "SMEs sit in serviced parks"),
    "RUS": (0.02, "several hundred industrial parks and SEZs, mostly for larger firms"),
    "IND": (0.04, "many MSME clusters (MSE-CDP), SEZs and industrial estates"),
    "CHN": (0.10, "extensive national and provincial development zones, high-tech zones and "
                  "industrial parks (thousands)"),
    "ZAF": (0.01, "few SEZs/IDZs, mostly for larger firms"),
    "EGY": (0.03, "industrial zones and SEZ (SCZone); some SME complexes"),
    "ETH": (0.02, "state industrial parks (e.g. Hawassa) host mostly foreign firms"),
    "IRN": (0.03, "many industrial estates (ISIPO towns) for small firms"),
    "ARE": (0.08, "about 40+ free zones host a large share of registered firms"),
    "IDN": (0.02, "industrial estates and SEZs (KEK), mostly for larger firms"),
}

# Multiplier on sector emission intensities from the energy mix: half of industrial CO2
# assumed from electricity (scaled by grid intensity relative to a world average of about
# 0.48 kg CO2/kWh), half from direct fuels (world-average): factor = 0.5 + 0.5 x grid/0.48.
# Grid intensities, kg CO2/kWh, approximate (Ember / IEA values as remembered; verify).
GRID_KG_PER_KWH = {"BRA": 0.10, "RUS": 0.40, "IND": 0.71, "CHN": 0.58, "ZAF": 0.90,
                   "EGY": 0.45, "ETH": 0.03, "IRN": 0.50, "ARE": 0.42, "IDN": 0.68}
GRID_WORLD = 0.48

# ---------------------------------------------------------------------------

COLUMN_MEANING = {
    "gdp_usd_bn": "GDP, current US dollars, billions",
    "labor_force": "labour force, total (persons)",
    "n_msme": "number of MSMEs or SMEs",
    "dom_credit_priv_pct_gdp": "domestic credit to the private sector, % of GDP",
    "lpi_score": "Logistics Performance Index, overall score (1-5)",
    "tariff_wb_applied_simple_pct": "applied tariff, simple mean, all products, %",
    "tariff_mfn_simple_pct": "MFN tariff, simple average, all products, %",
}


def num(s):
    s = (s or "").strip()
    return float(s) if s else None


def toml_str(s):
    out = s.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out + '"'


def fmt(v):
    if isinstance(v, int):
        return str(v)
    r = repr(float(v))
    return r


def round_to(x, step):
    return round(round(x / step) * step, 10)


def comment_block(text, width=92):
    lines = []
    for para in text.split("\n"):
        lines += textwrap.wrap(para, width=width) or [""]
    return ["# " + line if line else "#" for line in lines]


def economy_entry(row, egy_ratio):
    """Returns (values, sources, comments) for one CSV row."""
    iso = row["iso3"]
    v, src = {}, {}

    v["name"] = row["country"]
    src["name"] = "country name as spelled in the calibration CSV (World Bank style)"

    # --- n_msme
    n = num(row["n_msme"])
    if n is not None:
        v["n_msme"] = int(n)
        src["n_msme"] = "%s %s: %s (%s)" % (row["n_msme_src"], row["n_msme_year"],
                                            COLUMN_MEANING["n_msme"], row["n_msme_scope"])
        if iso == "ARE":
            src["n_msme"] += "; a lower bound per the CSV caveats"
        if iso == "CHN":
            src["n_msme"] += "; old (2013) and excludes the self-employed businesses"
    elif iso == "RUS":
        v["n_msme"] = RUS_N_MSME
        src["n_msme"] = RUS_N_MSME_REASON
    else:
        lf = num(row["labor_force"])
        share = NON_AG_EMPLOYMENT_SHARE[iso]
        est = egy_ratio * share / NON_AG_EMPLOYMENT_SHARE["EGY"] * lf
        v["n_msme"] = int(round_to(est, 100_000))
        src["n_msme"] = (
            "ASSUMPTION: no MSME count in the data. Estimated as Egypt's MSMEs per labour-force "
            "member (EGY-CAPMAS census count / WDI26 labour force = %.3f, incl. unregistered "
            "establishments) x non-agricultural employment share %.2f / Egypt's %.2f "
            "(approximate ILO modelled estimates, from memory; verify) x labour force %d "
            "(WDI26 2024) = %.0f, rounded to 0.1 million. Order of magnitude only"
            % (egy_ratio, share, NON_AG_EMPLOYMENT_SHARE["EGY"], lf, est))

    # --- data values
    v["gdp_usd_bn"] = num(row["gdp_usd_bn"])
    src["gdp_usd_bn"] = "%s %s: %s" % (row["gdp_src"], row["gdp_year"], COLUMN_MEANING["gdp_usd_bn"])
    v["labor_force"] = int(num(row["labor_force"]))
    src["labor_force"] = "%s %s: %s" % (row["labor_force_src"], row["labor_force_year"],
                                        COLUMN_MEANING["labor_force"])
    credit = num(row["dom_credit_priv_pct_gdp"])
    v["credit_depth"] = round(credit / 100.0, 6)
    src["credit_depth"] = "%s %s: %s = %s, divided by 100" % (
        row["dom_credit_src"], row["dom_credit_year"], COLUMN_MEANING["dom_credit_priv_pct_gdp"],
        row["dom_credit_priv_pct_gdp"])
    if iso == "ETH":
        src["credit_depth"] += " (old value: 2008; see the CSV notes)"
    v["lpi_score"] = num(row["lpi_score"])
    src["lpi_score"] = "%s %s: %s" % (row["lpi_src"], row["lpi_year"], COLUMN_MEANING["lpi_score"])

    wb, mfn = num(row["tariff_wb_applied_simple_pct"]), num(row["tariff_mfn_simple_pct"])
    if wb is not None:
        v["tariff_pct"] = wb
        src["tariff_pct"] = "%s %s: %s" % (row["tariff_wb_src"], row["tariff_wb_year"],
                                           COLUMN_MEANING["tariff_wb_applied_simple_pct"])
        if iso == "IND":
            src["tariff_pct"] += " (approximate figure from the financial press; WTO MFN 18.3)"
    elif mfn is not None:
        v["tariff_pct"] = mfn
        src["tariff_pct"] = "%s %s: %s (no applied mean in the data: MFN used)" % (
            row["tariff_mfn_src"], row["tariff_mfn_year"], COLUMN_MEANING["tariff_mfn_simple_pct"])
    else:
        v["tariff_pct"], src["tariff_pct"] = TARIFF_ASSUMED[iso]

    inet = num(row["internet_users_pct"])
    v["digital_share"] = round(DIGITAL_FACTOR * inet / 100.0, 4)
    src["digital_share"] = DIGITAL_REASON.format(f=DIGITAL_FACTOR, src=row["internet_src"],
                                                 year=row["internet_year"], v=row["internet_users_pct"])

    # --- assumptions
    gdp_pw = v["gdp_usd_bn"] * 1e9 / v["labor_force"]
    val, why = WAGE_SHARE[iso]
    v["wage_share"] = val
    src["wage_share"] = (
        "ASSUMPTION: labour income share of GDP (roughly 0.4-0.55, ILO modelled estimates, "
        "approximate) times a small-firm wage gap; gives an SME wage of about USD %.0f a year "
        "with GDP per labour-force member USD %.0f from the data. Check: %s (approximate, from "
        "memory; verify)" % (round(val * gdp_pw, -2), round(gdp_pw, -2), why))

    val, why = DEMAND_GROWTH[iso]
    v["demand_growth_per_year"] = val
    src["demand_growth_per_year"] = (
        "ASSUMPTION: real trend growth of final demand = approximate medium-term real GDP "
        "growth (IMF WEO-style projections, from memory; verify): %s" % why)

    val, why = LENDING_RATE[iso]
    v["lending_rate_per_year"] = val
    src["lending_rate_per_year"] = ("ASSUMPTION: banks' base lending rate to SMEs (nominal, "
                                    "before the model's risk spread): %s; verify" % why)

    val, why = CERTIFIED[iso]
    v["certified_share"] = val
    src["certified_share"] = (
        "ASSUMPTION: WBES share of formal firms (5+ employees) with an internationally "
        "recognised quality certificate, lowered because the MSME count includes micro and "
        "informal firms: %s (approximate, from memory of WBES; verify)" % why)

    val, why = WOMEN_LED[iso]
    v["women_led_share"] = val
    src["women_led_share"] = (
        "ASSUMPTION: between WBES 'firms with female top manager' (formal firms, 5+ "
        "employees) and national MSME ownership figures: %s (approximate, from memory of "
        "WBES; verify)" % why)

    val, why = YOUTH_LED[iso]
    v["youth_led_share"] = val
    src["youth_led_share"] = ("ASSUMPTION: share of SMEs led by people under 35, from the age "
                              "structure and GEM youth entrepreneurship in general terms: %s" % why)

    val, why = ENTRY_RATE[iso]
    v["entry_rate_per_year"] = val
    llc = num(row["new_llc_registrations"])
    ref = ""
    if llc is not None:
        ref = ("; reference point: %s %s new LLC registrations %d = %.3f per MSME, a lower "
               "bound (LLCs are a small part of MSME entry)"
               % (row["new_reg_src"], row["new_reg_year"], llc, llc / v["n_msme"]))
    src["entry_rate_per_year"] = (
        "ASSUMPTION: entrants per year per incumbent SME near OECD business-demography birth "
        "rates (about 8-12%%): %s%s" % (why, ref))

    rank = DB2020_START_RANK[iso]
    v["entry_cost_index"] = round_to(0.1 + 0.5 * rank / 190.0, 0.05)
    src["entry_cost_index"] = (
        "ASSUMPTION: ordinal mapping 0.1 + 0.5 x rank/190 (rounded to 0.05) of the World Bank "
        "Doing Business 2020 'Starting a business' rank %d of 190 (report discontinued in 2021; "
        "rank approximate, from memory; verify)" % rank)

    val, why = PARK_SHARE[iso]
    v["park_share"] = val
    src["park_share"] = "ASSUMPTION: share of SMEs that existing parks and clusters can hold: %s" % why

    grid = GRID_KG_PER_KWH[iso]
    v["carbon_intensity_factor"] = round(0.5 + 0.5 * grid / GRID_WORLD, 2)
    src["carbon_intensity_factor"] = (
        "ASSUMPTION: 0.5 + 0.5 x grid intensity / world average, i.e. half of SME CO2 from "
        "electricity, half from direct fuels; grid about %.2f kg CO2/kWh vs world about %.2f "
        "(approximate Ember/IEA values, from memory; verify)" % (grid, GRID_WORLD))

    for key, (lo, hi) in RANGES.items():
        x = v[key]
        if not (lo <= x <= hi):
            sys.exit("%s.%s = %r outside the declared range [%g, %g]" % (iso, key, x, lo, hi))
    for key, note in src.items():
        if key not in v:
            sys.exit("source without a value: %s.%s" % (iso, key))
    missing = [k for k in v if k not in src]
    if missing:
        sys.exit("values without a source: %s %s" % (iso, missing))

    comments = []
    if row["notes"].strip():
        comments += comment_block("CSV notes: " + row["notes"].strip())
    if row["n_msme_scope"]:
        comments += comment_block("Scope of n_msme: %s (%s %s)." % (
            row["n_msme_scope"], row["n_msme_src"], row["n_msme_year"]))
    scope_bits = []
    if row["sme_emp_share_pct"]:
        scope_bits.append("SME employment share %s%% (%s, %s %s)." % (
            row["sme_emp_share_pct"], row["sme_emp_scope"], row["sme_emp_src"], row["sme_emp_year"]))
    if row["sme_gdp_share_pct"]:
        scope_bits.append("SME share of GDP %s%% (%s %s)." % (
            row["sme_gdp_share_pct"], row["sme_gdp_src"], row["sme_gdp_year"]))
    if scope_bits:
        comments += comment_block("Not model inputs (sanity checks for outputs): " +
                                  " ".join(scope_bits))
    return v, src, comments


KEY_ORDER = ["name", "n_msme", "gdp_usd_bn", "labor_force", "credit_depth", "lpi_score",
             "tariff_pct", "digital_share", "wage_share", "demand_growth_per_year",
             "lending_rate_per_year", "certified_share", "women_led_share", "youth_led_share",
             "entry_rate_per_year", "entry_cost_index", "park_share", "carbon_intensity_factor"]


def write_value(key, val):
    if isinstance(val, str):
        return "%s = %s" % (key, toml_str(val))
    return "%s = %s" % (key, fmt(val))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("csv", nargs="?", default=os.path.join("..", "shared", "data",
                                                          "economies-brics.csv"),
                    help="calibration CSV, relative to the repository root unless absolute")
    ap.add_argument("--out", default=os.path.join("scenarios", "data", "economies"),
                    help="output folder, relative to the repository root unless absolute")
    args = ap.parse_args()
    csv_path = args.csv if os.path.isabs(args.csv) else os.path.join(ROOT, args.csv)
    out_dir = args.out if os.path.isabs(args.out) else os.path.join(ROOT, args.out)

    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_iso = {r["iso3"]: r for r in rows}
    egy = by_iso["EGY"]
    egy_ratio = num(egy["n_msme"]) / num(egy["labor_force"])

    lines = [
        "# Economy data for smesim: the ten BRICS members.",
        "# GENERATED by scripts/make_economy_data.py from ../shared/data/economies-brics.csv;",
        "# do not edit by hand: change the script or the CSV and regenerate",
        "# (/usr/bin/python3 scripts/make_economy_data.py). See scenarios/README.md.",
        "#",
        "# Every value has a note in its [economy.XXX.sources] table: data values name the",
        "# source key and year (keys explained in ../shared/data/README.md); values not in",
        "# the data are marked ASSUMPTION with their reason.",
        "# Keys not set here take the model's defaults (models/parameters.cpp):",
    ]
    lines += comment_block(", ".join(LEFT_AT_DEFAULT) + ".", width=88)
    lines += comment_block(
        "Caveats (../shared/data/README.md): MSME definitions differ by country (see each "
        "n_msme note); China's SME figures are from 2013 and India's count from 2015-16; "
        "tariff years range 2018-2022; the UAE figures are lower bounds; Egypt's SME share of "
        "GDP is low-confidence.", width=88)
    lines.append("")

    for row in rows:
        iso = row["iso3"]
        v, src, comments = economy_entry(row, egy_ratio)
        lines.append("# ---- %s: %s" % (iso, row["country"]))
        lines += comments
        lines.append("[economy.%s]" % iso)
        for key in KEY_ORDER:
            lines.append(write_value(key, v[key]))
        lines.append("")
        lines.append("[economy.%s.sources]" % iso)
        for key in KEY_ORDER:
            lines.append("%s = %s" % (key, toml_str(src[key])))
        lines.append("")

    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "brics.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")

    g = [
        "# Groups of economies for smesim, usable wherever economies are listed.",
        "# GENERATED by scripts/make_economy_data.py; do not edit by hand.",
        "",
    ]
    for name, members, why in GROUPS:
        for m in members:
            if m not in by_iso:
                sys.exit("group %s: unknown economy %s" % (name, m))
        g.append("[group.%s]" % name)
        g.append("members = [%s]" % ", ".join(toml_str(m) for m in members))
        g.append("")
        g.append("[group.%s.sources]" % name)
        g.append("members = %s" % toml_str(why))
        g.append("")
    with open(os.path.join(out_dir, "groups.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(g).rstrip("\n") + "\n")
    print("wrote %s and %s" % (os.path.join(out_dir, "brics.toml"),
                               os.path.join(out_dir, "groups.toml")))


if __name__ == "__main__":
    main()
