#!/usr/bin/python3
"""Writes the bilateral trade-cost table of smesim for the ten BRICS members.

Usage (from the repository root, with Debian's python3, standard library only):

    /usr/bin/python3 scripts/make_trade_data.py [--out FILE]

FILE defaults to scenarios/data/trade/brics.toml. One `[trade_pair."AAA-BBB"]` per
unordered pair (codes in alphabetical order): distance_km is the great-circle
distance between the economies' main economic centres (coordinates below), fta
marks free trade agreements covering goods in force between the pair, and
standards_recognition is false everywhere. ntb_ave is -1 (use the importer's
economy value). Every value has a note in the pair's `sources` table.
"""

import argparse
import itertools
import math
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Main economic centre of each economy: (city, latitude, longitude), decimal degrees,
# city-centre coordinates (approximate to about 0.01 degree, i.e. about 1 km).
CENTRES = {
    "ARE": ("Dubai", 25.2048, 55.2708),
    "BRA": ("Sao Paulo", -23.5505, -46.6333),
    "CHN": ("Shanghai", 31.2304, 121.4737),
    "EGY": ("Cairo", 30.0444, 31.2357),
    "ETH": ("Addis Ababa", 9.0054, 38.7636),
    "IDN": ("Jakarta", -6.2088, 106.8456),
    "IND": ("Mumbai", 19.0760, 72.8777),
    "IRN": ("Tehran", 35.6892, 51.3890),
    "RUS": ("Moscow", 55.7558, 37.6173),
    "ZAF": ("Johannesburg", -26.2041, 28.0473),
}

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)

# Free trade agreements covering goods in force between the pair (to the best of our
# knowledge, as of 2025; verify before using results for policy advice).
FTA = {
    "ARE-EGY": "Greater Arab Free Trade Area (GAFTA/PAFTA), goods tariffs removed among "
               "Arab League members since 2005",
    "ARE-IDN": "Indonesia-UAE Comprehensive Economic Partnership Agreement (CEPA), in force "
               "since 2023",
    "ARE-IND": "India-UAE Comprehensive Economic Partnership Agreement (CEPA), in force since "
               "May 2022",
    "BRA-EGY": "MERCOSUR-Egypt free trade agreement, in force since 2017",
    "CHN-IDN": "ASEAN-China Free Trade Area (goods agreement since 2005), and RCEP (in force "
               "for Indonesia since 2023)",
    "IDN-IND": "ASEAN-India Trade in Goods Agreement (AITIGA), in force for Indonesia since "
               "2010-11 (tariff cuts partial on sensitive lists)",
    "IRN-RUS": "EAEU-Iran free trade agreement, in force since May 2025 (an interim "
               "agreement on a partial list of goods applied from 2019)",
}

# Pairs with some preferential arrangement that is NOT counted as an FTA here, and why.
NOT_FTA = {
    "BRA-IND": "MERCOSUR-India preferential trade agreement (in force 2009) covers only a few "
               "hundred tariff lines with partial margins: not an FTA",
    "BRA-ZAF": "MERCOSUR-SACU preferential trade agreement (in force 2016) covers a limited "
               "list with partial margins: not an FTA",
    "BRA-IDN": "MERCOSUR-Indonesia agreement negotiated but not in force (as far as known)",
    "ARE-BRA": "MERCOSUR-UAE negotiations, no agreement in force",
    "EGY-ETH": "both are AfCFTA parties and COMESA members, but Ethiopia is not in the COMESA "
               "FTA and AfCFTA tariff phase-down is at an early stage: set false, revisit",
    "EGY-ZAF": "both are AfCFTA parties, but AfCFTA tariff phase-down is at an early stage and "
               "partial: set false, revisit",
    "ETH-ZAF": "both are AfCFTA parties, but AfCFTA tariff phase-down is at an early stage and "
               "partial: set false, revisit",
    "EGY-IRN": "both in the D-8 preferential trade agreement, which covers a limited list and "
               "is barely applied: not an FTA",
    "EGY-IDN": "both in the D-8 preferential trade agreement, which covers a limited list and "
               "is barely applied: not an FTA",
    "IDN-IRN": "Indonesia-Iran preferential trade agreement (signed 2023) covers a limited "
               "list; D-8 PTA likewise: not an FTA",
    "EGY-RUS": "EAEU-Egypt FTA under negotiation, not in force",
    "IND-RUS": "EAEU-India FTA under negotiation, not in force",
    "IDN-RUS": "EAEU-Indonesia FTA negotiated but not in force (as far as known)",
    "ARE-RUS": "EAEU-UAE economic partnership agreement signed in 2025, not in force and "
               "not a full goods FTA (as far as known)",
    "CHN-ETH": "China's duty-free treatment for least-developed countries is unilateral, not "
               "reciprocal: not an FTA (the model's flag is symmetric)",
    "ETH-IND": "India's duty-free tariff preference scheme for least-developed countries is "
               "unilateral: not an FTA",
    "CHN-ZAF": "China's 2025 zero-tariff offer to African economies is unilateral and being "
               "phased in: not an FTA",
    "CHN-EGY": "China's 2025 zero-tariff offer to African economies is unilateral and being "
               "phased in: not an FTA",
    "ARE-CHN": "GCC-China FTA under negotiation, not in force",
    "ARE-IRN": "no agreement in force",
}

STANDARDS_NOTE = (
    "no mutual recognition arrangement on standards or conformity assessment exists BRICS-wide "
    "or between this pair (BRICS cooperation on standards is at dialogue level; regional MRAs "
    "such as ASEAN's, the GCC's or the EAEU's do not span BRICS pairs): false; the "
    "standards_recognition policy instrument switches it on")


def great_circle_km(a, b):
    (_, lat1, lon1), (_, lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi = p2 - p1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join("scenarios", "data", "trade", "brics.toml"),
                    help="output file, relative to the repository root unless absolute")
    args = ap.parse_args()
    out = args.out if os.path.isabs(args.out) else os.path.join(ROOT, args.out)

    codes = sorted(CENTRES)
    pairs = ["%s-%s" % (a, b) for a, b in itertools.combinations(codes, 2)]
    for key in list(FTA) + list(NOT_FTA):
        if key not in pairs:
            raise SystemExit("unknown or unordered pair id: " + key)
    if set(FTA) & set(NOT_FTA):
        raise SystemExit("pair both FTA and not FTA")

    lines = [
        "# Bilateral trade costs for smesim: every unordered pair of the ten BRICS members.",
        "# GENERATED by scripts/make_trade_data.py; do not edit by hand: change the script",
        "# and regenerate (/usr/bin/python3 scripts/make_trade_data.py). See scenarios/README.md.",
        "#",
        "# distance_km: great-circle distance between main economic centres (haversine, mean",
        "# Earth radius %.4f km). fta: free trade agreement covering goods in force (as of" % EARTH_RADIUS_KM,
        "# 2025, to the best of our knowledge; verify). standards_recognition: false everywhere.",
        "# ntb_ave = -1: the importer's economy-level non-tariff barrier applies.",
        "# FTAs marked true: %s." % ", ".join(sorted(FTA)),
        "",
    ]
    for a, b in itertools.combinations(codes, 2):
        pid = "%s-%s" % (a, b)
        ca, cb = CENTRES[a], CENTRES[b]
        d = great_circle_km(ca, cb)
        assert 1.0 <= d <= 25000.0
        fta = pid in FTA
        if fta:
            fta_note = "free trade agreement in force: %s (verify)" % FTA[pid]
        elif pid in NOT_FTA:
            fta_note = "false: %s" % NOT_FTA[pid]
        else:
            fta_note = ("false: no free trade agreement covering goods in force between %s and "
                        "%s (to the best of our knowledge, as of 2025; verify)" % (a, b))
        lines.append('[trade_pair."%s"]' % pid)
        lines.append("distance_km = %d" % round(d))
        lines.append("fta = %s" % ("true" if fta else "false"))
        lines.append("standards_recognition = false")
        lines.append("ntb_ave = -1.0")
        lines.append("")
        lines.append('[trade_pair."%s".sources]' % pid)
        lines.append("distance_km = %s" % toml_str(
            "great-circle distance between %s (%s) and %s (%s), computed from coordinates in "
            "scripts/make_trade_data.py" % (ca[0], a, cb[0], b)))
        lines.append("fta = %s" % toml_str(fta_note))
        lines.append("standards_recognition = %s" % toml_str(STANDARDS_NOTE))
        lines.append("ntb_ave = %s" % toml_str(
            "-1: no pair-specific estimate; the importer's economy-level ntb_ave applies"))
        lines.append("")

    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines).rstrip("\n") + "\n")
    print("wrote %s (%d pairs)" % (out, len(pairs)))


if __name__ == "__main__":
    main()
