#!/usr/bin/env bash
# Bytes the TUI writes to the terminal at 80x24, measured in a real terminal (a private tmux
# server; needs tmux: apt-get install -y tmux). Modelled on /work/shared/tools/tui-bytes, but
# it can first navigate to a screen (keys sent before the per-key measurement starts) and it
# reports the largest single key as well as the mean.
#
# For each case:
#   first    bytes of the first screen (startup, opening the profile)
#   nav      bytes of the navigation keys that reach the screen (e.g. `3` for Indicators)
#   per_key  mean bytes per press of the measured key (a list or tree cursor move, or a typed
#            character in the editor)
#   max_key  the largest single press (below 100 columns the list scrolls a row at a time and
#            the terminal shifts its rows: a move that scrolls costs about what one within it does)
#   idle     bytes written over 3 idle seconds afterwards
# Targets (issue 13): first frame <= 2 KB, screen switch (nav) <= 1.2 KB, every cursor move <=
# 250 bytes (the moves that scroll the list included), idle 0 bytes. nav of "G" cases includes
# the jump to the end of the list. `cargo test --test tui_bytes -- --nocapture` gives the mean
# and the maximum over whole lists, and PageDown/PageUp (a page of new rows: not held to 250).
#
# usage: scripts/tui-bench.sh [MOVES]        (default 20 moves per case)
#   MIGPROF_BIN overrides the binary (default target/debug/migprof, built when missing).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${MIGPROF_BIN:-$root/target/debug/migprof}
moves=${1:-20}
command -v tmux >/dev/null || { echo "tui-bench: tmux is not installed (apt-get install -y tmux)" >&2; exit 2; }
[ -x "$bin" ] || (cd "$root" && cargo build --bin migprof)
work=$(mktemp -d)
n=0
trap 'tmux -L "tuibench$$-$n" kill-server 2>/dev/null; rm -rf "$work"' EXIT

size() { stat -c %s "$1"; }

# measure LABEL DIR COMMAND NAV KEY: run COMMAND in DIR at 80x24, send the NAV keys (space
# separated tmux key names, may be empty), then press KEY $moves times.
measure() {
  local label=$1 dir=$2 cmd=$3 nav=$4 key=$5
  local log=$work/pane.log b0 b1 b2 b3 a z max=0 sock
  n=$((n + 1))
  sock=tuibench$$-$n
  : > "$log"
  tmux -L "$sock" -f /dev/null new-session -d -s bench -x 80 -y 24 -c "$dir" "sleep 0.3; $cmd"
  tmux -L "$sock" pipe-pane -t bench -o "cat >> '$log'"
  sleep 2.5
  b0=$(size "$log")
  for k in $nav; do
    tmux -L "$sock" send-keys -t bench "$k"
    sleep 0.4
  done
  sleep 0.6
  b1=$(size "$log")
  for _ in $(seq "$moves"); do
    a=$(size "$log")
    tmux -L "$sock" send-keys -t bench "$key"
    sleep 0.2
    z=$(size "$log")
    [ $((z - a)) -gt "$max" ] && max=$((z - a))
  done
  sleep 1
  b2=$(size "$log")
  sleep 3
  b3=$(size "$log")
  tmux -L "$sock" kill-server 2>/dev/null || true
  printf '%-34s first=%5d nav=%5d per_key=%4d max_key=%4d idle=%d\n' "$label" \
    "$b0" $((b1 - b0)) $(((b2 - b1) / moves)) "$max" $((b3 - b2))
}

# 30 new profiles, so that moves down the Home list always move the cursor.
mkdir -p "$work/home"
for i in $(seq -w 1 30); do
  "$bin" new --country DEU --year 2023 --out "$work/home/profiles/p$i.toml" >/dev/null
done
h=$work/home
measure "home list (j)" "$h" "$bin" "" j
measure "home list NO_COLOR (j)" "$h" "NO_COLOR=1 $bin" "" j
measure "home list --ascii (j)" "$h" "$bin --ascii" "" j
measure "new profile: sources (j)" "$h" "$bin tui profiles/p01.toml" "2" j
measure "new profile: indicators (j)" "$h" "$bin tui profiles/p01.toml" "3" j
measure "new profile: editor (typing x)" "$h" "$bin tui profiles/p01.toml" "4 e" x

# The example profiles (relative data paths: run from the repository root).
for p in deu mex; do
  measure "$p: sources (j)" "$root" "$bin tui profiles/$p.toml" "2" j
  measure "$p: sources (k, from the end)" "$root" "$bin tui profiles/$p.toml" "2 G" k
  measure "$p: indicators (j)" "$root" "$bin tui profiles/$p.toml" "3" j
  measure "$p: indicators (k, from the end)" "$root" "$bin tui profiles/$p.toml" "3 G" k
  measure "$p: narrative (j)" "$root" "$bin tui profiles/$p.toml" "4" j
  measure "$p: gaps (j)" "$root" "$bin tui profiles/$p.toml" "5" j
done
measure "deu: indicators NO_COLOR (j)" "$root" "NO_COLOR=1 $bin tui profiles/deu.toml" "3" j
measure "deu: indicators --ascii (j)" "$root" "$bin --ascii tui profiles/deu.toml" "3" j
