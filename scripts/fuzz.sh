#!/usr/bin/env bash
# Runs the fuzz targets in fuzz/ (cargo-fuzz, libFuzzer, AddressSanitizer, debug assertions on):
#   frontmatter  a file's text parsed as a note, a source file and the front page, then built
#   body         a note's body (citations, links, charts) built into a small briefing, rendered
#   chart        a chart block's YAML through the charts module, and inside a note's body
#   config       the text of dossier.yaml, then the small briefing built and rendered with it
# Usage:
#   scripts/fuzz.sh                  # every target for 600 s
#   scripts/fuzz.sh 120 body chart   # these two for 120 s each
#   JOBS=1 scripts/fuzz.sh 60        # one target at a time (default: two at once, 2 cores)
# Each target gets the dictionary fuzz/dict/<target>.dict (the syntax's tokens, the fixture's ids).
# Needs the nightly toolchain and cargo-fuzz (`rustup toolchain install nightly`,
# `cargo install cargo-fuzz`). Each target starts from its committed seeds in
# fuzz/corpus/<target>/ and keeps what it finds in fuzz/corpus-growth/<target>/ (not committed,
# reused by the next run). Prints, per target, the inputs executed and any crash with its
# message; crashes (and inputs slower than 30 s) are kept in fuzz/artifacts/<target>/, and the
# whole libFuzzer output in fuzz/artifacts/<target>.log. Exits 1 when any target crashed.
# Reproduce a crash:  cargo +nightly fuzz run <target> fuzz/artifacts/<target>/crash-…
# Minimise it:        cargo +nightly fuzz tmin <target> fuzz/artifacts/<target>/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-600}
shift || true
JOBS=${JOBS:-2}
ALL=(frontmatter body chart config)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")
for t in "${TARGETS[@]}"; do
  [[ " ${ALL[*]} " == *" $t "* ]] || { echo "unknown target: $t (one of: ${ALL[*]})" >&2; exit 2; }
done

mkdir -p fuzz/artifacts
if ! cargo +nightly fuzz build >fuzz/artifacts/build.log 2>&1; then
  cat fuzz/artifacts/build.log >&2
  exit 2
fi
HOST=$(rustc +nightly -vV | sed -n 's/^host: //p')
BIN=fuzz/target/$HOST/release

# run TARGET: fuzzes it for SECONDS_EACH seconds; its output goes to fuzz/artifacts/TARGET.log.
run() {
  local t=$1
  mkdir -p "fuzz/artifacts/$t" "fuzz/corpus-growth/$t"
  "$BIN/$t" -artifact_prefix="fuzz/artifacts/$t/" -max_total_time="$SECONDS_EACH" \
    -timeout=30 -print_final_stats=1 -dict="fuzz/dict/$t.dict" \
    "fuzz/corpus-growth/$t" "fuzz/corpus/$t" >"fuzz/artifacts/$t.log" 2>&1
}

# report TARGET EXIT: the executions and any crash of one finished run; fails on a crash.
report() {
  local t=$1 code=$2 log=fuzz/artifacts/$1.log execs
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$code" -eq 0 ]; then
    echo "== $t: no crash, ${execs:-?} inputs executed in ${SECONDS_EACH} s"
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1 | sed 's/^/   /'
    return 0
  fi
  echo "== $t: CRASH (exit $code) after ${execs:-?} inputs:"
  # The panic message (up to its backtrace), or the sanitizer's or libFuzzer's error.
  awk '/panicked at/ {p = 1} /^stack backtrace|^note: / {p = 0} p' "$log" | head -20 | sed 's/^/   /'
  grep -E "^(SUMMARY|==[0-9]+== ?ERROR)" "$log" | head -4 | sed 's/^/   /'
  grep -E 'Test unit written to' "$log" | sed 's/^.*Test unit written to /   input: /'
  return 1
}

failed=0
pending=("${TARGETS[@]}")
while [ ${#pending[@]} -gt 0 ]; do
  batch=("${pending[@]:0:$JOBS}")
  pending=("${pending[@]:$JOBS}")
  pids=()
  for t in "${batch[@]}"; do
    run "$t" &
    pids+=($!)
  done
  for i in "${!batch[@]}"; do
    code=0
    wait "${pids[$i]}" || code=$?
    report "${batch[$i]}" "$code" || failed=1
  done
done
exit "$failed"
