#!/usr/bin/env bash
# Smoke test of the Linux bundle, as a planner's machine would run it: no Python, no uv,
# no project, no network, a new empty home folder, the program's folder read-only.
#
#   bash scripts/smoke_bundle.sh [dist/coverage-planner-<version>-linux-x86_64.tar.gz]
#
# Unpacks the archive into a temporary folder; runs every sub-command's --help, the
# demo audit with the disk model, with the terrain model (and the exports) and on two
# Dask worker processes, each compared with `uv run`'s summary.json; checks numba cached
# its kernels in the user's cache folder and nothing was written into the bundle; then
# starts the app under Xvfb and checks the window shows the demo map.
# Exits non-zero on the first failure. Needs: Xvfb, pdffonts (poppler-utils), uv.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

archive=${1:-$(ls -t dist/coverage-planner-*-linux-*.tar.gz 2>/dev/null | head -n 1)}
[ -n "$archive" ] && [ -f "$archive" ] || {
  echo "smoke: no bundle archive; build it first: uv run scripts/build_bundle.py" >&2
  exit 1
}
archive=$(cd "$(dirname "$archive")" && pwd)/$(basename "$archive")

tmp=$(mktemp -d /tmp/coverage-planner-smoke.XXXXXX)
xvfb_pid=
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  chmod -R u+w "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
  echo "smoke: FAILED: $*" >&2
  exit 1
}
passed=0
step() { echo "smoke: $*"; }
ok() {
  passed=$((passed + 1))
  echo "  $*"
}

step "unpacking $(basename "$archive") ($(du -h "$archive" | cut -f1))"
tar -xzf "$archive" -C "$tmp"
app=$tmp/coverage-planner
exe=$app/coverage-planner
[ -x "$exe" ] || fail "no executable coverage-planner at the top of the archive"
home=$tmp/home
mkdir -p "$home"
chmod 755 "$tmp"
# The program's folder is read-only, as in /opt for a normal user. root ignores file
# modes, so as root the bundle runs as the unprivileged user nobody.
chmod -R a-w "$app"
as_user=()
if [ "$(id -u)" = 0 ]; then
  chown -R 65534:65534 "$home"
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
stamp=$tmp/before-runs
touch "$stamp"
sleep 1

# The bare environment of a planner's desktop session: no Python, no uv, no project.
run() { "${as_user[@]}" env -i PATH=/usr/bin:/bin HOME="$home" "$@"; }

step "sub-commands' --help"
run "$exe" --version
commands=$(run "$exe" --help)
for command in gui audit check demo-data plan calibrate profile convert-encoding; do
  if grep -qE "^ +$command( |$)" <<<"$commands"; then
    run "$exe" "$command" --help >/dev/null || fail "$command --help"
    ok "$command --help: ok"
  fi
done

reference() { # model -> the uv run audit's folder
  local out=$tmp/reference-$1
  uv run --quiet coverage-planner audit --demo --model "$1" --out "$out" --quiet \
    --no-maps --no-atlas --no-workbook --no-kmz
  echo "$out"
}
same_summary() { # bundle folder, reference folder, what
  cmp -s "$1/summary.json" "$2/summary.json" || {
    diff "$2/summary.json" "$1/summary.json" >&2 || true
    fail "$3: summary.json differs from the uv run audit's"
  }
  ok "$3: summary.json equals the uv run audit's"
}

step "audit --demo --model disk (first start compiles the kernels)"
ref_disk=$(reference disk)
# (the atlas, a page per commune, takes minutes and is tested by the suite)
run "$exe" audit --demo --model disk --out "$home/disk" --quiet --no-atlas || fail "audit --model disk"
same_summary "$home/disk" "$ref_disk" "disk model"
for f in map_4g.pdf map_4g.png coverage.xlsx coverage.gpkg coverage.kmz; do
  [ -s "$home/disk/$f" ] || fail "audit wrote no $f"
done
pdffonts "$home/disk/map_4g.pdf" | grep -q "DejaVuSans" || fail "map_4g.pdf does not embed DejaVu Sans"
ok "exports written; the PDF map embeds DejaVu Sans"

step "audit --demo (terrain model, worker processes spawned by the bundle)"
ref_terrain=$(reference terrain)
run "$exe" audit --demo --out "$home/terrain" --quiet --no-atlas --no-kmz || fail "audit terrain"
same_summary "$home/terrain" "$ref_terrain" "terrain model"
[ -s "$home/terrain/level_4g.tif" ] || fail "the terrain audit wrote no level_4g.tif"
ok "terrain rasters written"

step "audit --demo --model disk --workers 2 (Dask local cluster in the bundle)"
run "$exe" audit --demo --model disk --workers 2 --out "$home/dask" --quiet \
  --no-maps --no-atlas --no-workbook --no-kmz || fail "audit --workers 2"
same_summary "$home/dask" "$ref_disk" "two Dask workers"

if grep -qE "^ +plan( |$)" <<<"$commands"; then
  step "plan --demo (the integer programme through PuLP and HiGHS in the bundle)"
  plan_args=(--demo --technology 4G --budget-sites 5 --model disk --no-maps --no-workbook --quiet)
  uv run --quiet coverage-planner plan "${plan_args[@]}" --out "$tmp/reference-plan"
  run "$exe" plan "${plan_args[@]}" --out "$home/plan" || fail "plan --demo"
  cmp -s "$home/plan/plan.csv" "$tmp/reference-plan/plan.csv" ||
    fail "plan.csv differs from the uv run plan's"
  grep -q '"solver": "exact (HiGHS)"' "$home/plan/plan_summary.json" ||
    fail "the bundle's plan did not solve with HiGHS: $(grep '"solver"' "$home/plan/plan_summary.json")"
  ok "plan.csv equals the uv run plan's, solved by HiGHS"
  for cbc in "$app"/_internal/pulp/solverdir/cbc/*/*/cbc; do
    [ -e "$cbc" ] || continue
    run "$cbc" -quit >/dev/null || fail "PuLP's CBC solver does not run: $cbc"
    ok "PuLP's CBC solver runs"
  done
fi

step "kernels cached in the user's cache folder, nothing written into the bundle"
cached=$(find "$home/.cache/coverage-planner/numba" -name '*.nbi' 2>/dev/null | wc -l)
[ "$cached" -gt 0 ] || fail "no numba cache in $home/.cache/coverage-planner/numba"
changed=$(find "$app" -newer "$stamp" | head -n 5)
[ -z "$changed" ] || fail "the program wrote into its own folder: $changed"
ok "$cached kernel index file(s) in ~/.cache/coverage-planner/numba; bundle unchanged"

step "the desktop app under Xvfb draws the demo map"
display=${SMOKE_DISPLAY:-:$((90 + RANDOM % 100))}
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp -ac >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  [ -e "/tmp/.X11-unix/X${display#:}" ] && break
  sleep 0.1
done
shot=$home/main_window.png
log=$(run DISPLAY="$display" "$exe" gui --screenshot "$shot" 2>&1) || {
  echo "$log" >&2
  fail "the app did not draw the demo map"
}
grep -q "^drawn" <<<"$log" || fail "the app printed no 'drawn' line: $log"
ok "$(grep '^drawn' <<<"$log") s after start"
uv run --quiet python - "$shot" <<'EOF' || fail "the window does not show the demo map"
import sys

import numpy as np
from PIL import Image

rgb = np.asarray(Image.open(sys.argv[1]).convert("RGB")).astype(int)
r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
covered = ((b - r > 60) & (b > 150)).mean()  # villages covered: blue
partial = ((r > 200) & (g > 120) & (g < 200) & (b < 110)).mean()  # partly covered: orange
colours = len(np.unique(rgb.reshape(-1, 3), axis=0))
print(f"  screenshot {rgb.shape[1]}x{rgb.shape[0]}: {colours} colours, "
      f"covered-blue {covered:.1%}, partly-covered-orange {partial:.1%}")
sys.exit(0 if covered > 0.03 and partial > 0.005 and colours > 200 else 1)
EOF
ok "the window shows the demo map"
echo "smoke: $passed passed, 0 failed"
