#!/usr/bin/env bash
# actionlint on GitHub Actions workflow files: this repository's Pages workflow and the one
# `dossier init` writes (run.sh passes both), each problem on a FAIL line. The `run:` scripts
# are checked by shellcheck too, through actionlint, when it is installed (run.sh installs it).
#
#   workflows.sh WORKFLOW.yml...     exit 0 when actionlint finds nothing in any of them
set -uo pipefail
[ $# -gt 0 ] || { echo "usage: workflows.sh WORKFLOW.yml..." >&2; exit 2; }
command -v actionlint >/dev/null || { echo "FAIL actionlint is not installed (run.sh installs it)"; exit 1; }
echo "workflows: $(actionlint -version | head -1), shellcheck $(shellcheck --version 2>/dev/null | sed -n 's/^version: //p' || echo 'not installed')"
status=0
for workflow in "$@"; do
  if found="$(actionlint -no-color -oneline "$workflow" 2>&1)"; then
    echo "workflows: $workflow: actionlint finds nothing"
  else
    status=1
    printf '%s\n' "$found" | sed 's/^/FAIL /'
  fi
done
exit "$status"
