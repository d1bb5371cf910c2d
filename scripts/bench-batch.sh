#!/usr/bin/env bash
# Batch benchmark (a command, not a timed test), with a release build:
#
#   scripts/bench-batch.sh [WORK_DIR] [RUNS]     (defaults: /tmp/migprof-bench-batch, 20)
#
# 1. create and fill one profile per country with data in the real files of ../shared/data
#    (`migprof new --all-with-data FILE...`, then one multi-profile `migprof import FILE
#    --profile DIR/*.toml` per file; a country without values in a file is reported by that
#    import, which then exits 1: expected);
# 2. refresh all of them (`migprof refresh DIR/*.toml`);
# 3. build all of them (`migprof build --allow-invalid DIR/*.toml --out OUT`, the default formats
#    but PDF unless FORMATS says otherwise), then the first 200 of them (the issue's figure);
#    --allow-invalid because the raw imports leave unresolved conflicts between sources, which the
#    analyst settles with [preferred] entries, so many profiles do not pass `check`;
# 4. `migprof build profiles/deu.toml` end to end (whole process), RUNS times: the median;
#    `migprof check profiles/deu.toml` beside it (read + parse + validate, no rendering).
# The release binary is built when missing (BUILD=1 rebuilds it first).
# Wall time, CPU time (user + system) and peak memory (max RSS) come from /usr/bin/time (the CPU
# time is the steadier figure on a shared machine); hyperfine is used for step 4 when installed.
# Step 5: `MIGPROF_TIMINGS=1 migprof build profiles/deu.toml` prints where the time of one build
# goes (read and parse, check, each format, staging and swap). Everything is written under WORK_DIR, which is removed first and at the end
# (KEEP=1 keeps it).
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/migprof-bench-batch}"
runs="${2:-20}"
data="${MIGPROF_DATA:-$here/../shared/data}"
bin="${MIGPROF_BIN:-$here/target/release/migprof}"
year="${YEAR:-2023}"
# Issue 15 measures the default formats except PDF (typesetting is issue 10's benchmark, in
# benches/README.md); FORMATS=all adds the PDF.
formats="${FORMATS:-html,md,png,svg,data,docx}"

[ -d "$data" ] || { echo "bench-batch: $data not found (set MIGPROF_DATA)" >&2; exit 1; }
if [ ! -x "$bin" ] || [ "${BUILD:-0}" = 1 ]; then
    (cd "$here" && cargo build --release --bin migprof)
fi
[ -x /usr/bin/time ] || { echo "bench-batch: /usr/bin/time (GNU time) is needed" >&2; exit 1; }

files=()
for f in \
    "$data/worldbank/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv" \
    "$data/worldbank/API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv" \
    "$data/undesa/undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx" \
    "$data/undesa/WPP2019_Period_Indicators_Medium.csv" \
    "$data/unhcr/population.csv" \
    "$data/unhcr/asylum-applications.csv" \
    "$data/owid/migrant-stock-share.csv"; do
    [ -f "$f" ] && files+=("$f")
done

rm -rf "$work"
mkdir -p "$work"
p="$work/profiles"
log="$work/log"
: >"$log"

# timed LABEL CMD...: run CMD, print "LABEL: WALL s, CPU s, peak RSS KB" (exit code 1 tolerated).
timed() {
    local label="$1"
    shift
    /usr/bin/time -o "$work/.t" -f "%e %U %S %M" "$@" >>"$log" 2>&1 || true
    read -r wall user sys rss < <(tail -n 1 "$work/.t")
    printf '%-44s %7s s  (CPU %5.2f s)  %8s KB peak\n' "$label" "$wall" "$(echo "$user + $sys" | bc)" "$rss"
}

echo "migprof batch benchmark: $(nproc) cores, ${#files[@]} provider files"
timed "new --all-with-data (${#files[@]} files)" \
    "$bin" new --year "$year" --out "$p" --all-with-data "${files[@]}"
n=$(find "$p" -name '*.toml' | wc -l)
start=$(date +%s.%N)
for f in "${files[@]}"; do
    timed "import $(basename "$f") -> $n profiles" "$bin" import "$f" --profile "$p"/*.toml
done
end=$(date +%s.%N)
echo "fill $n profiles from ${#files[@]} files: $(echo "$end - $start" | bc) s"
echo "profiles: $(du -sh "$p" | cut -f1) on disk, largest $(ls -S "$p" | head -1) ($(stat -c %s "$p/$(ls -S "$p" | head -1)") bytes)"
timed "refresh $n profiles" "$bin" refresh "$p"/*.toml
timed "build $n profiles ($formats)" "$bin" build --allow-invalid "$p"/*.toml --format "$formats" --out "$work/out"
# The issue's figure is for 200 profiles: the first 200 (by file name) again, into a fresh folder.
first200=()
while IFS= read -r f; do first200+=("$f"); done < <(find "$p" -name '*.toml' | sort | head -n 200)
timed "build the first ${#first200[@]} profiles" "$bin" build --allow-invalid "${first200[@]}" --format "$formats" --out "$work/out200"

deu="$here/profiles/deu.toml"
if command -v hyperfine >/dev/null; then
    hyperfine --runs "$runs" --warmup 2 \
        "$bin build $deu --format $formats --out $work/deu-out" "$bin check $deu"
else
    median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
    ms() {
        for _ in $(seq "$runs"); do
            local s e
            s=$(date +%s%N)
            "$@" >/dev/null 2>&1 || true
            e=$(date +%s%N)
            echo $(((e - s) / 1000))
        done | median
    }
    "$bin" build "$deu" --format "$formats" --out "$work/deu-out" >/dev/null 2>&1 || true
    echo "build profiles/deu.toml end to end: median $(ms "$bin" build "$deu" --format "$formats" --out "$work/deu-out") us over $runs runs"
    echo "check profiles/deu.toml end to end: median $(ms "$bin" check "$deu") us over $runs runs"
    echo "migprof --version (process start):  median $(ms "$bin" --version) us over $runs runs"
fi
timed "build profiles/deu.toml (peak memory)" "$bin" build "$deu" --format "$formats" --out "$work/deu-out"
echo "where one build of profiles/deu.toml goes (MIGPROF_TIMINGS=1):"
MIGPROF_TIMINGS=1 "$bin" build "$deu" --format "$formats" --out "$work/deu-out" 2>&1 >/dev/null | sed 's/^timing: /  /'

if [ "${KEEP:-0}" = 1 ]; then
    echo "kept $work (log: $log)"
else
    rm -rf "$work"
fi
