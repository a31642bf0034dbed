#!/usr/bin/env bash
# Side-by-side throughput of "qmcheck collect" and the Python peers on the
# same JPEG corpus, same 2 cores, several alternating runs; prints medians.
#
#   bench/collect/run.sh [RUNS]
#
# Needs (Debian): python3-pil python3-numpy mate-backgrounds libturbojpeg0-dev
# and ../shared/tools (make_jpeg_corpus.py, peer_pil_stats.py) beside the
# project, or SHARED=/path/to/shared. Writes bench/collect/results.json.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
SHARED=${SHARED:-../shared}
WORK=${WORK:-/tmp/qmcheck-bench}
CORPUS=$WORK/jpeg2k
PY=/usr/bin/python3
mkdir -p "$WORK"
if [ ! -d "$CORPUS" ]; then
  $PY "$SHARED/tools/make_jpeg_corpus.py" --out "$CORPUS" --count 2000
fi
go build -o "$WORK/qmcheck-go" ./cmd/qmcheck
go build -tags turbojpeg -o "$WORK/qmcheck-turbo" ./cmd/qmcheck
cc -O2 -o "$WORK/tjdecode" bench/collect/tjdecode.c -lturbojpeg -lpthread
find "$CORPUS" -name '*.jpg' | sort > "$WORK/files.txt"
N=$(wc -l < "$WORK/files.txt")

now() { date +%s%N; }
declare -A T
for r in $(seq "$RUNS"); do
  for v in numpy pil; do
    s=$($PY "$SHARED/tools/peer_pil_stats.py" "$CORPUS" --variant $v --workers 2 | $PY -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
    T[peer_$v]+="$s "
  done
  for b in go turbo; do
    t0=$(now); "$WORK/qmcheck-$b" collect "$CORPUS" -o "$WORK/facts-$b.json" --quiet --workers 2; t1=$(now)
    T[qmcheck_$b]+="$(awk "BEGIN{printf \"%.3f\", ($t1 - $t0)/1e9}") "
  done
  s=$("$WORK/tjdecode" 2 "$WORK/files.txt" | $PY -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
  T[libjpeg_turbo_decode_only]+="$s "
done
$PY - "$N" <<PYEOF
import json, statistics, sys
n = int(sys.argv[1])
runs = {k: [float(x) for x in v.split()] for k, v in {
$(for k in "${!T[@]}"; do echo "  '$k': '${T[$k]}',"; done)
}.items()}
med = {k: statistics.median(v) for k, v in runs.items()}
ips = {k: n / s for k, s in med.items()}
out = {"images": n, "runs": runs, "median_seconds": med, "images_per_s": ips,
       "ratios": {
         "go_vs_peer_numpy": ips["qmcheck_go"] / ips["peer_numpy"],
         "turbo_vs_peer_pil": ips["qmcheck_turbo"] / ips["peer_pil"],
         "turbo_vs_decode_only": ips["qmcheck_turbo"] / ips["libjpeg_turbo_decode_only"]}}
json.dump(out, open("bench/collect/results.json", "w"), indent=1, sort_keys=True)
for k in sorted(ips):
    print(f"{k:28s} median {med[k]:7.3f} s  {ips[k]:8.1f} img/s")
for k, v in out["ratios"].items():
    print(f"{k:28s} {v:.2f}x")
PYEOF
