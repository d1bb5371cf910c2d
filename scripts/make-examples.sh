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
  worldbank/API_BM.TRF.PWKR.CD.DT_DS2_en_csv_v2_3012027.csv
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
  worldbank_knomad/bilateral_migration_matrix_2021_latest.xlsx
  idmc/idps_displacement_data.csv   # the GIDD workbook repeats these country-year values
  unesco_uis/data.csv
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
  # Where sources disagree (`migprof check` lists them), record the preferred source and why,
  # through `migprof prefer` (the same core operation as the TUI's choice). A source the
  # country's profile does not have is skipped.
  prefer() { # indicator source justification
    if $M prefer "$p" "$1" "$2" --justification "$3" >/dev/null 2>/tmp/make-examples.err; then
      echo "  $c: $1 prefers $2"
    else
      echo "  $c: no preference for $1: $(tail -n 1 /tmp/make-examples.err)"
    fi
  }
  prefer net_migration world_bank_wdi_development_indicators \
    "Annual series of WDI (UN DESA World Population Prospects 2022), a newer revision than the WPP 2019 file, whose five-year totals stay listed as the alternative."
  prefer net_migration_rate eurostat_demo_gind \
    "Annual crude rate from the national population statistics as published by Eurostat; WPP 2019 gives five-year model averages."
  prefer imm_stock undesa_ims_international_migrant_stock_2020 \
    "UN DESA International Migrant Stock 2020 is the official estimate (refugees added where censuses miss them, data type R); the World Bank/KNOMAD 2021 matrix is a different estimate, used here for migrants by origin and emigrants by destination."
  prefer imm_stock_share undesa_ims_international_migrant_stock_2020 \
    "UN DESA International Migrant Stock 2020 is the series used for the stock itself; Our World in Data republishes the 2024 revision with other population denominators."
  prefer pop_total undesa_ims_international_migrant_stock_2020 \
    "Mid-year total population of UN DESA, the denominator of the migrant-stock share; Eurostat's figures refer to 1 January or the annual average."
  prefer asylum_decisions_total unhcr_refugee_data_finder_asylum_decisions \
    "UNHCR covers 2000-2020 without a break and all instances; the Eurostat extract covers first-instance decisions 2008-2016 only."
  prefer asylum_decisions_rejected unhcr_refugee_data_finder_asylum_decisions \
    "Same as for total decisions: UNHCR covers all instances 2000-2020; Eurostat first instance 2008-2016."
  # An illustrative national data system (agencies, instruments, topics they collect) for the
  # data assessment annex and the action plan by instrument; labelled as illustrative.
  if [ -f "scripts/data-system-$lc.toml" ]; then cat "scripts/data-system-$lc.toml" >> "$p"; fi
  $M check "$p"
done
