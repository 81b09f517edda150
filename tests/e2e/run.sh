#!/usr/bin/env bash
# Judges the built site with real tools, the way a reader's browser and the standards see it.
# Installs what is missing (Debian's chromium, a JRE, a CJK font, xmllint, the pinned npm
# packages); never downloads a browser any other way. Then:
#
#   1. builds the sample (content/) and a larger fixture (a generated briefing of
#      E2E_NOTES notes, default 250) into artifacts/build/{sample,corpus};
#   2. check-site.sh on each: a reader's click-through and search, the charts, screenshots,
#      every page in Chromium with axe-core, the Nu HTML Checker, links and fragments, inline
#      SVG as XML (the large fixture runs axe on a sample of its pages: see pages.mjs);
#   3. selftest.sh: each check against a broken fixture it must catch.
#
#   tests/e2e/run.sh                    # from anywhere; exit 0 when everything passes
#   tests/e2e/run.sh path/to/site ...   # only step 2, on sites already built
#   SKIP_SELFTEST=1 tests/e2e/run.sh    # steps 1 and 2
#
# Everything it writes is in tests/e2e/artifacts/ (git-ignored): the built sites, screenshots,
# axe.json, vnu.txt and the cut-out SVGs for each site, and the self-test's logs.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
artifacts="$here/artifacts"
notes="${E2E_NOTES:-250}"
started=$SECONDS
times=""
phase_start=$SECONDS
say() { printf '\n== %s\n' "$*"; }
lap() { times+="$(printf '  %-34s %4d s' "$1" $((SECONDS - phase_start)))"$'\n'; phase_start=$SECONDS; }

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: $* (install it, or run as root so this script can apt-get it)" >&2
    exit 2
  fi
  if [ -z "${apt_updated:-}" ]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

say "tools"
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
# the sample cites Chinese titles: without a CJK font the screenshots show empty boxes
[ -n "$(fc-list :lang=zh family 2>/dev/null)" ] || missing+=(fonts-wqy-microhei)
command -v node >/dev/null || missing+=(nodejs npm)
command -v xmllint >/dev/null || missing+=(libxml2-utils)
command -v python3 >/dev/null || missing+=(python3)
command -v perl >/dev/null || missing+=(perl)
command -v timeout >/dev/null || missing+=(coreutils)
[ ${#missing[@]} -eq 0 ] || { echo "apt-get install ${missing[*]}"; apt_install "${missing[@]}"; }
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  # --ignore-scripts: vnu-jar's install script would fetch a Java; the machine's is used
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund)
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
echo "node $(node --version), $(java -version 2>&1 | head -1), $(xmllint --version 2>&1 | head -1)"
lap "tools"

status=0
if [ $# -gt 0 ]; then
  for site in "$@"; do
    "$here/check-site.sh" "$site" || status=1
  done
  lap "checks"
else
  say "build the sample and a generated briefing of $notes notes"
  # The same build as `cargo test` (with dev-dependencies, as examples need), so that after
  # cargo test this compiles nothing; `cargo run` would build dossier a second time.
  (cd "$repo" && cargo build --locked --quiet --bin dossier --example gen_corpus)
  bin="${CARGO_TARGET_DIR:-$repo/target}/debug"
  mkdir -p "$artifacts/build"
  rm -rf "$artifacts/build/corpus-src"
  "$bin/examples/gen_corpus" --notes "$notes" --claims-per-note 1 "$artifacts/build/corpus-src"
  "$bin/dossier" build --root "$repo" --output "$artifacts/build/sample"
  "$bin/dossier" build --root "$artifacts/build/corpus-src" --output "$artifacts/build/corpus"
  lap "build"

  say "the sample"
  "$here/check-site.sh" --name sample "$artifacts/build/sample" || status=1
  lap "checks on the sample"

  say "the generated briefing ($notes notes)"
  AXE_PAGES="${AXE_PAGES:-4}" AXE_MAX_ELEMENTS="${AXE_MAX_ELEMENTS:-4000}" CHART_SHOTS="${CHART_SHOTS:-0}" \
    "$here/check-site.sh" --name corpus "$artifacts/build/corpus" || status=1
  lap "checks on the generated briefing"

  if [ -z "${SKIP_SELFTEST:-}" ]; then
    say "self-test"
    "$here/selftest.sh" "$artifacts/build/sample" || status=1
    lap "self-test"
  fi
fi

printf '\n== time\n%s  %-34s %4d s\n' "$times" "total" $((SECONDS - started))
say "$([ "$status" -eq 0 ] && echo "all checks passed" || echo "some checks FAILED (look for FAIL above)")"
exit "$status"
