#!/usr/bin/env bash
# Times whole release builds of generated corpora (wall, CPU, peak RSS; median of RUNS) and
# prints a Markdown table for BENCHMARKS.md. Output goes to tmpfs, into a fresh folder each
# run (a full build writes every file). Usage:
#   scripts/bench.sh                      # sample, 1k, 10k and 50k notes (full and plain)
#   SIZES="1000 10000" RUNS=3 scripts/bench.sh
#   WARM_MB=4000 scripts/bench.sh         # write and delete that much on tmpfs before each run
# On a virtual machine that hands freed memory back to its host, memory touched again is slow
# the first time: WARM_MB makes the kernel's share of a large build the same from run to run.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WARM_MB=${WARM_MB:-0}
SIZES=${SIZES:-"1000 10000 50000"}
WORK=${WORK:-/dev/shm/dossier-bench}
# A base URL, as a published site has: the feed, the sitemap and permalinks are built too.
BASE=https://example.org/briefing/
BIN=target/release/dossier
cargo build --release --quiet --bin dossier --example gen_corpus
mkdir -p "$WORK"

# measure NAME ROOT: one table row, medians of RUNS full builds.
measure() {
  local name=$1 root=$2 out="$WORK/out" samples=()
  for _ in $(seq "$RUNS"); do
    rm -rf "$out"
    if [ "$WARM_MB" -gt 0 ]; then
      dd if=/dev/zero of="$WORK/warm" bs=1M count="$WARM_MB" status=none && rm "$WORK/warm"
    fi
    /usr/bin/time -o "$WORK/time" -f '%e %U %S %M' "$BIN" build --root "$root" --output "$out" >/dev/null
    samples+=("$(tail -1 "$WORK/time")")
  done
  local pages notes
  pages=$(find "$out" -name '*.html' | wc -l)
  notes=$(find "$root/content/notes" -name '*.md' | wc -l)
  printf '%s\n' "${samples[@]}" | python3 -c '
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] + r[2] for r in rows)
rss = statistics.median(r[3] for r in rows) / 1024
name, notes, pages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print(f"| {name} | {notes:,} | {pages:,} | {wall:.3f} s | {cpu:.2f} s | {rss:.0f} MB | {wall / notes * 1000:.3f} ms | {wall / pages * 1e6:.1f} µs |")
' "$name" "$notes" "$pages"
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr); output on tmpfs; medians of $RUNS runs; warm-up $WARM_MB MB."
echo
echo "| corpus | notes | HTML pages | wall | CPU (user+sys) | peak RSS | per note | per page |"
echo "|---|---|---|---|---|---|---|---|"
measure "sample briefing" .
for n in $SIZES; do
  rm -rf "$WORK/full-$n"; target/release/examples/gen_corpus --notes "$n" --claims-per-note 3 --base-url "$BASE" "$WORK/full-$n"
  measure "briefing corpus, $n notes" "$WORK/full-$n"
done
for n in $SIZES; do
  rm -rf "$WORK/plain-$n"; target/release/examples/gen_corpus --notes "$n" --plain --base-url "$BASE" "$WORK/plain-$n"
  measure "plain notes, $n" "$WORK/plain-$n"
done
