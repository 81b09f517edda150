#!/usr/bin/env bash
# The generated oracle with many more cases than `cargo test` runs: random sequences of 20
# edits of every kind against a small generated briefing, each built incrementally and
# compared with a clean build (tests/generated_edits.rs).
# Usage: scripts/generated.sh [CASES] [FIRST_SEED]     (default: 200 cases from seed 1)
set -euo pipefail
cd "$(dirname "$0")/.."
DOSSIER_CASES=${1:-200} DOSSIER_SEED=${2:-1} \
  cargo test --release --test generated_edits -- generated_edit_sequences
