#!/usr/bin/env bash
# The longer fuzz run of issue 14 (not in CI): the harnesses of tests/fuzz_profile.rs and
# tests/fuzz_pipeline.rs with more cases, then the memory-limited run.
#
#   scripts/fuzz-long.sh            # 2000 cases each (about 15 minutes on 2 cores, debug build)
#   MIGPROF_FUZZ_CASES=500 scripts/fuzz-long.sh
#
# Environment:
#   MIGPROF_FUZZ_CASES       cases of each property (the whole-profile one runs a twentieth)
#   MIGPROF_FUZZ_TIMEOUT_MS  limit per pipeline step / per profile case (default 20000); a case
#                            over it is killed and counted as a hang
#   MIGPROF_FUZZ_SAVE        folder for failing and heaviest inputs, figures (default: a fresh
#                            folder under /tmp, printed at the end; remove it when done)
#
# 1. fuzz_profile: the profile loader and `check` in process; peak RSS of the whole test process
#    from /usr/bin/time -v.
# 2. fuzz_pipeline: new + build + import --profile + check + build through the binary; each step
#    timed and killed after the timeout, its peak RSS read with wait4; failures are saved and
#    counted instead of stopping the run; the 8 heaviest inputs are saved.
# 3. The memory-limited run: the crafted inputs (workbooks of issue 14, 256 MiB lines, a value of
#    1.7e308, a profile just under the size limit, /dev/zero, a FIFO) and the saved heaviest
#    and failing mutated cases, each under `ulimit -v 1000000`; rc and peak RSS of each.
#
# Exit status: 0 when every part was clean, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

export MIGPROF_FUZZ_CASES="${MIGPROF_FUZZ_CASES:-2000}"
export MIGPROF_FUZZ_TIMEOUT_MS="${MIGPROF_FUZZ_TIMEOUT_MS:-20000}"
SAVE="${MIGPROF_FUZZ_SAVE:-$(mktemp -d /tmp/migprof-fuzz.XXXXXX)}"
mkdir -p "$SAVE"
export MIGPROF_FUZZ_SAVE="$SAVE"

# The test executables (built once; cargo prints their paths).
exe() {
    cargo test --test "$1" --no-run 2>&1 | sed -n 's/.*Executable .*(\(.*\)).*/\1/p' | tail -1
}
PROFILE_BIN="$(exe fuzz_profile)"
PIPELINE_BIN="$(exe fuzz_pipeline)"
if [ -z "$PROFILE_BIN" ] || [ -z "$PIPELINE_BIN" ]; then
    echo "fuzz-long: building the test executables failed" >&2
    exit 1
fi

status=0
peak() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1"; }
elapsed() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1"; }

echo "== 1. profile loader and check: $MIGPROF_FUZZ_CASES cases per property"
/usr/bin/time -v -o "$SAVE/time-profile.txt" \
    "$PROFILE_BIN" --test-threads=2 --nocapture >"$SAVE/profile.log" 2>&1 || status=1
grep -E "cases in|^test |test result" "$SAVE/profile.log"
echo "   peak RSS $(peak "$SAVE/time-profile.txt") KB, wall $(elapsed "$SAVE/time-profile.txt")"

echo "== 2. pipeline: $MIGPROF_FUZZ_CASES cases, timeout $MIGPROF_FUZZ_TIMEOUT_MS ms a step"
/usr/bin/time -v -o "$SAVE/time-pipeline.txt" \
    "$PIPELINE_BIN" --exact mutated_provider_files_through_the_whole_pipeline --nocapture \
    >"$SAVE/pipeline.log" 2>&1 || status=1
grep -E "^(panic|hang|exit|half-written):" "$SAVE/pipeline.log" | cut -c1-300
cat "$SAVE/summary.txt" 2>/dev/null || { tail -20 "$SAVE/pipeline.log"; status=1; }
echo "   harness peak RSS $(peak "$SAVE/time-pipeline.txt") KB, wall $(elapsed "$SAVE/time-pipeline.txt")"

echo "== 3. memory-limited run (ulimit -v 1000000)"
"$PIPELINE_BIN" --ignored --exact crafted_and_heaviest_inputs_fail_cleanly_under_1_gb \
    --nocapture >"$SAVE/memory.log" 2>&1 || status=1
grep -E "	rc |memory-limited run|not clean" "$SAVE/memory.log" | cut -c1-220

echo "== figures and saved inputs in $SAVE"
exit "$status"
