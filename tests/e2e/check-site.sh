#!/usr/bin/env bash
# Runs the checks on one built site folder and says which failed. run.sh calls it for the
# sample and the large fixture, selftest.sh for each broken fixture. It installs nothing
# (run.sh does): it needs /usr/bin/chromium, java, node with tests/e2e/node_modules, python3,
# xmllint and poppler's pdfinfo, pdftotext and pdftoppm.
#
#   check-site.sh [--only CHECK,CHECK] [--name NAME] SITE_DIR
#
# Checks (all by default; the first five need a dossier site, the others any static site):
#   clickthrough  a reader's clicks: front page → note → citation → source → claim → back; search
#   search        full text: a word only in a note's body found over HTTP and from file://, the
#                 header's field, Chinese titles, the page without JavaScript
#   previews      citation and claim-link cards: hover, keyboard focus, Escape, 390 px, no script
#   charts        every page with a chart, 390/1200 px, light/dark, and from file://
#   screenshots   every kind of page at 1200 and 390 px, light and dark
#   pdf           the print edition printed to PDF: A4 or Letter, a number and the running
#                 head on every page, no dead controls (poppler); a chart's CSV = its table
#   pages         every page in Chromium: console errors, exceptions, failed requests,
#                 HTTP ≥ 400, axe-core (serious/critical), wider than 360 px
#   bodies        every page in Chromium shows its body (a <main> with text); JSON-LD parses
#   html          the Nu HTML Checker on every HTML file: no errors
#   links         every link and fragment, offline (linkinator)
#   svg           every inline SVG cut out of the HTML: well-formed XML (xmllint)
#   exports       sources.csl.json through Pandoc's citeproc (every publication named);
#                 sitemap.xml (or its index and parts) against the sitemaps.org schemas
#
# Environment: ARTIFACTS (default tests/e2e/artifacts/NAME), AXE_PAGES and AXE_MAX_ELEMENTS
# (see pages.mjs), CHECK_TIMEOUT (seconds a check may take, default 900). The exports check
# needs pandoc.
# Exit status: 0 when every check passed, 1 when one failed, 2 on a usage error.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
all="clickthrough search previews charts screenshots pdf pages bodies html links svg exports"
only="$all"
name=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) only="${2//,/ }"; shift 2 ;;
    --name) name="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "check-site.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: check-site.sh [--only CHECK,CHECK] [--name NAME] SITE_DIR" >&2; exit 2; }
site="$(cd "$1" 2>/dev/null && pwd)" || { echo "check-site.sh: no folder $1" >&2; exit 2; }
name="${name:-$(basename "$site")}"
for c in $only; do
  case " $all " in *" $c "*) ;; *) echo "check-site.sh: unknown check $c (known: $all)" >&2; exit 2 ;; esac
done
export SITE_DIR="$site"
export ARTIFACTS="${ARTIFACTS:-$here/artifacts/$name}"
mkdir -p "$ARTIFACTS"
limit="${CHECK_TIMEOUT:-900}"

# The browser checks get the site over HTTP from python's http.server on a free local port.
server=""
stop_server() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; server=""; }
static_job=""
trap 'stop_server; [ -z "$static_job" ] || kill "$static_job" 2>/dev/null' EXIT
case " $only " in
  *" clickthrough "*|*" search "*|*" previews "*|*" charts "*|*" screenshots "*|*" pdf "*|*" pages "*|*" bodies "*)
    port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    python3 -m http.server "$port" --bind 127.0.0.1 --directory "$site" >"$ARTIFACTS/server.log" 2>&1 &
    server=$!
    export BASE_URL="http://127.0.0.1:$port/"
    ready=""
    for _ in $(seq 100); do # up to 10 s, usually the first or second try
      if python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$BASE_URL" 2>/dev/null; then ready=1; break; fi
      kill -0 "$server" 2>/dev/null || break
      sleep 0.1
    done
    [ -n "$ready" ] || { echo "FAIL $name: the HTTP server did not start (see $ARTIFACTS/server.log)"; exit 1; }
    ;;
esac

results="$ARTIFACTS/results.txt"
: >"$results"
run() { # check name, command...: runs it if selected, within the time limit; notes the outcome
  local check="$1"; shift
  case " $only " in *" $check "*) ;; *) return 0 ;; esac
  printf '\n-- %s: %s\n' "$name" "$check"
  local start=$SECONDS status
  if [ "$(type -t "$1")" = function ]; then "$@"; else timeout --kill-after=10 "$limit" "$@"; fi
  status=$?
  [ "$status" -eq 124 ] && echo "FAIL $check did not finish within $limit s"
  printf '%s %s %d\n' "$([ "$status" -eq 0 ] && echo ok || echo FAIL)" "$check" $((SECONDS - start)) >>"$results"
}

vnu() {
  local jar="$here/node_modules/vnu-jar/build/dist/vnu.jar" files
  files="$(find "$site" -name '*.html' | wc -l)"
  if timeout --kill-after=10 "$limit" java -jar "$jar" --skip-non-html --errors-only --format gnu "$site" 2>"$ARTIFACTS/vnu.txt"; then
    echo "html: no errors in $files HTML files"
  else
    sed -E "s|^\"?(file:)?$site/([^\"]*)\"?:|FAIL \\2:|" "$ARTIFACTS/vnu.txt"
    echo "html: $(grep -c . "$ARTIFACTS/vnu.txt") error(s) in $files HTML files (the list is in $ARTIFACTS/vnu.txt)"
    return 1
  fi
}

# The checks that need no browser run meanwhile, in the background (on two CPUs this saves
# about their whole time); their output is shown after the browser checks.
static() {
  run html vnu
  run links node "$here/links.mjs"
  run svg python3 "$here/inline_svg.py" "$site" "$ARTIFACTS/svg"
  run exports python3 "$here/exports.py" "$site"
}
static >"$ARTIFACTS/static.log" 2>&1 &
static_job=$!

run clickthrough node "$here/clickthrough.mjs"
run search node "$here/search.mjs"
run previews node "$here/previews.mjs"
run charts node "$here/charts.mjs"
run screenshots node "$here/screenshots.mjs"
run pdf node "$here/print.mjs"
run pages node "$here/pages.mjs"
run bodies node "$here/bodies.mjs"
stop_server
wait "$static_job"
static_job=""
cat "$ARTIFACTS/static.log"

printf '\n== %s (%s)\n' "$name" "$site"
failed=""
while read -r outcome check took; do
  printf '  %-5s %-13s %4d s\n' "$outcome" "$check" "$took"
  [ "$outcome" = ok ] || failed+=" $check"
done <"$results"
if [ -n "$failed" ]; then
  echo "== $name: FAILED:$failed"
  exit 1
fi
echo "== $name: all passed"
