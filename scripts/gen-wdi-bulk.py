#!/usr/bin/env python3
"""Generate a WDI-bulk-shaped CSV (the `WDIData.csv` layout) for the import benchmark.

Usage: scripts/gen-wdi-bulk.py OUTPUT.csv [--countries-from API_FILE.csv] [--indicators N]

Layout as published by the World Bank: one header line
"Country Name","Country Code","Indicator Name","Indicator Code","1960",...,"2023", every field
quoted, a trailing comma on every line, CRLF, rows grouped by country (aggregates first, as in the
real file), ~40% of cells missing (empty quoted string). With the defaults (266 countries/aggregates
taken from the real World Bank API file, 1,500 indicator codes) it writes ~400k rows, ~240 MB.
The output is deterministic (fixed random seed). Do not commit the output.
"""
import argparse
import csv
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_API = os.path.join(
    HERE, "..", "..", "shared", "data", "worldbank", "API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv"
)
REAL_SERIES = [
    ("Net migration", "SM.POP.NETM"),
    ("Personal remittances, received (current US$)", "BX.TRF.PWKR.CD.DT"),
    ("International migrant stock, total", "SM.POP.TOTL"),
    ("International migrant stock (% of population)", "SM.POP.TOTL.ZS"),
    ("Refugee population by country or territory of asylum", "SM.POP.REFG"),
    ("Refugee population by country or territory of origin", "SM.POP.REFG.OR"),
    ("Personal remittances, paid (current US$)", "BM.TRF.PWKR.CD.DT"),
    ("Personal remittances, received (% of GDP)", "BX.TRF.PWKR.DT.GD.ZS"),
    ("Population, total", "SP.POP.TOTL"),
    ("GDP (current US$)", "NY.GDP.MKTP.CD"),
]
TOPICS = ["AG", "BN", "BX", "DT", "EG", "EN", "ER", "FB", "FM", "FP", "GC", "IC", "IT", "NE",
          "NV", "NY", "SE", "SH", "SI", "SL", "SM", "SP", "TM", "TX", "VC"]
WORDS = ["population", "employment", "rate", "ratio", "total", "female", "male", "(% of GDP)",
         "(current US$)", "(constant 2015 US$)", "ages 15-64", "urban", "rural", "access",
         "expenditure", "exports", "imports", "services", "net", "per capita", "growth (annual %)"]


def countries(api_path):
    out = []
    with open(api_path, encoding="utf-8-sig", newline="") as f:
        for i, row in enumerate(csv.reader(f)):
            if i >= 5 and len(row) > 2 and row[1]:
                out.append((row[0], row[1]))
    return out


def indicators(n, rng):
    out = list(REAL_SERIES)
    seen = {c for _, c in out}
    while len(out) < n:
        code = ".".join([rng.choice(TOPICS), "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                         for _ in range(rng.randint(3, 4))), rng.choice(["CD", "ZS", "KD", "TOTL", "IN", "FE.ZS"])])
        if code in seen:
            continue
        seen.add(code)
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize()
        if rng.random() < 0.2:
            name += ", " + rng.choice(WORDS)  # a comma inside the quoted name
        out.append((name, code))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("output")
    ap.add_argument("--countries-from", default=DEFAULT_API)
    ap.add_argument("--indicators", type=int, default=1500)
    a = ap.parse_args()
    rng = random.Random(20240628)
    cs = countries(a.countries_from)
    inds = indicators(a.indicators, rng)
    years = list(range(1960, 2024))
    header = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"] + [str(y) for y in years]
    q = lambda s: '"' + s.replace('"', '""') + '"'
    rows = 0
    with open(a.output, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(q(h) for h in header) + ",\r\n")
        for cname, ccode in cs:
            for iname, icode in inds:
                start = rng.choice([0, 0, 0, 10, 20, 30, 40, 50])
                scale = 10 ** rng.randint(0, 10)
                cells = []
                for k in range(len(years)):
                    if k < start or rng.random() < 0.2:
                        cells.append('""')
                    else:
                        v = rng.random() * scale
                        cells.append('"' + (repr(round(v, rng.randint(2, 11))) if rng.random() < 0.7 else str(int(v))) + '"')
                f.write(",".join([q(cname), q(ccode), q(iname), q(icode)] + cells) + ",\r\n")
                rows += 1
    size = os.path.getsize(a.output)
    print(f"{a.output}: {rows} data rows, {len(cs)} countries, {len(inds)} indicators, {size / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
