#!/usr/bin/env bash
# Bytes the TUI writes to the terminal at 80x24, measured in tmux with tui-bytes
# (/work/shared/tools/tui-bytes; needs tmux: apt-get install -y tmux).
#   1. Home list: first frame, per cursor move (j), 3 idle seconds.
#   2. Narrative editor: per typed character (x), 3 idle seconds.
#   3. The same list in NO_COLOR and --ascii modes.
# Targets: first frame <= 4 KB, cursor move <= 250 bytes, idle 0 bytes.
# usage: scripts/tui-bench.sh   (MIGPROF_BIN and TUI_BYTES override the binary and the tool)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${MIGPROF_BIN:-$root/target/debug/migprof}
tool=${TUI_BYTES:-$root/../shared/tools/tui-bytes}
[ -x "$bin" ] || (cd "$root" && cargo build --bin migprof)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# 30 profiles, so that 20 moves down the Home list always move the cursor.
for i in $(seq -w 1 30); do
  "$bin" new --country DEU --year 2023 --out "profiles/p$i.toml" >/dev/null
done
echo "home list (j):        $("$tool" "cd $work && $bin" 20 j)"
echo "home list NO_COLOR:   $("$tool" "cd $work && NO_COLOR=1 $bin" 20 j)"
echo "home list --ascii:    $("$tool" "cd $work && $bin --ascii" 20 j)"
echo "open profile, Sources list (j): $("$tool" "cd $work && $bin tui profiles/p01.toml" 20 j)"
echo "Indicators tree (j):  $("$tool" "cd $work && (sleep 0.8; tmux send-keys 3) & cd $work && $bin tui profiles/p01.toml" 20 j)"
# Open a profile, go to the Narrative screen and open the editor, then type x.
echo "editor (typing x):    $("$tool" "cd $work && (sleep 0.8; tmux send-keys 4 e) & cd $work && $bin tui profiles/p01.toml" 20 x)"
