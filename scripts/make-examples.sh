#!/usr/bin/env bash
# Regenerate the example profiles in profiles/ from the real provider files in ../shared/data,
# with migprof itself: `migprof new` + `migprof import --profile` for every file that has values
# for the country. Run from the repository root. Existing example profiles are replaced.
#
#   scripts/make-examples.sh            # DEU MEX TUR
#   scripts/make-examples.sh PHL        # another country
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data
[ -d "$DATA" ] || { echo "make-examples: $DATA is missing" >&2; exit 1; }
cargo build --release --quiet
M=target/release/migprof
countries=("$@")
[ ${#countries[@]} -gt 0 ] || countries=(DEU MEX TUR)

files=(
  worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv
  worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv
  undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx
  undesa/WPP2019_Period_Indicators_Medium.csv
  owid/migrant-stock-share.csv
  unhcr/population.csv
  unhcr/asylum-applications.csv
  unhcr/asylum-decisions.csv
  unhcr/solutions.csv
  unhcr/unhcr_popstats_export_persons_of_concern_all_data.csv
  sdmx/International-migration-database.csv
  eurostat/demo_gind.tsv
  eurostat/migr_asyappctza_allcitizenships.csv
  eurostat/migr_asydcfsta_2017-04-26.csv
  ilo/EMP_NIFL_SEX_RT_A-20240726T0000.csv
  iom/MissingMigrants-Global-2019-03-29T18-36-07.csv
)

for c in "${countries[@]}"; do
  lc=$(echo "$c" | tr 'A-Z' 'a-z')
  p=profiles/$lc.toml
  rm -f "$p"
  $M new --country "$c" --year 2024 --out "$p"
  for f in "${files[@]}"; do
    if $M import "$DATA/$f" --profile "$p" >/dev/null 2>/tmp/make-examples.err; then
      echo "  $c: imported $f"
    else
      echo "  $c: skipped $f: $(tail -n 1 /tmp/make-examples.err)"
    fi
  done
  # UNHCR footnotes attach to the Refugee Data Finder values already in the profile.
  $M import "$DATA/unhcr/footnotes.csv" --profile "$p" >/dev/null 2>&1 || true
done
