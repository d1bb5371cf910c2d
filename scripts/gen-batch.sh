#!/usr/bin/env bash
# Generate a batch of profiles from the real provider files in ../shared/data, one per country
# with data, for the build benchmark:
#
#   scripts/gen-batch.sh [OUT_DIR] [N]        (defaults: target/bench-batch, 200)
#   cargo bench --bench build -- target/bench-batch
#
# Each profile is made with `migprof new` and filled with `migprof import FILE --profile P.toml`
# for every provider file below (the files are read in place, never copied). A file that does
# not import for a country is reported and skipped; the profile is kept if anything imported.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$here/target/bench-batch}"
n="${2:-200}"
data="${MIGPROF_DATA:-$here/../shared/data}"
bin="${MIGPROF_BIN:-$here/target/release/migprof}"
year="${YEAR:-2023}"

if [ ! -x "$bin" ]; then
    (cd "$here" && cargo build --release --bin migprof)
fi
[ -d "$data" ] || { echo "gen-batch: $data not found (set MIGPROF_DATA)" >&2; exit 1; }

files=(
    "$data/worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv"
    "$data/worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv"
    "$data/undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
    "$data/undesa/WPP2019_Period_Indicators_Medium.csv"
    "$data/unhcr/population.csv"
    "$data/unhcr/asylum-applications.csv"
    "$data/owid/migrant-stock-share.csv"
)

mkdir -p "$out"
# Countries with data: the ISO3 codes of the World Bank net-migration file (aggregates are
# refused by `migprof new`, which knows only countries).
mapfile -t codes < <(tail -n +6 "${files[0]}" | cut -d, -f2 | tr -d '"' | grep -E '^[A-Z]{3}$' | sort -u)

made=0
for iso in "${codes[@]}"; do
    [ "$made" -ge "$n" ] && break
    p="$out/$(echo "$iso" | tr 'A-Z' 'a-z').toml"
    rm -f "$p"
    if ! "$bin" new --country "$iso" --year "$year" --out "$p" >/dev/null 2>&1; then
        continue
    fi
    ok=0
    for f in "${files[@]}"; do
        [ -f "$f" ] || continue
        if "$bin" import "$f" --profile "$p" >/dev/null 2>"$out/.import.err"; then
            ok=1
        else
            echo "gen-batch: $iso: $(basename "$f"): $(head -n 1 "$out/.import.err")" >&2
        fi
    done
    if [ "$ok" -eq 1 ]; then
        made=$((made + 1))
    else
        rm -f "$p"
    fi
done
rm -f "$out/.import.err"
echo "gen-batch: $made profiles in $out"
