#!/usr/bin/env bash
# Proves that each check can fail. broken/ holds tiny static sites, one folder each, with one
# deliberate defect (see broken/README.md); broken/ok/ has none. Each plain-site check runs
# once over the whole of broken/, and must
#   - fail, naming each fixture it is meant to catch, with the message that names the defect;
#   - report nothing at all in ok/, the control.
# More fixtures are copies of the built sample with one defect each, for the checks that need
# a dossier site (the click-through, the previews, the charts, the PDF and a chart's CSV). run.sh checks the real sites.
#
#   selftest.sh [SAMPLE_SITE]     SAMPLE_SITE: the built sample (default artifacts/build/sample)
#
# Needs what check-site.sh needs (run.sh installs it). Exit 0 when every fixture was caught.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
sample="${1:-$here/artifacts/build/sample}"
work="$here/artifacts/selftest"
rm -rf "$work"
mkdir -p "$work"
ok=0
bad=0
table=""
missed() { bad=$((bad + 1)); table+="  MISSED  $*"$'\n'; }
caught() { ok=$((ok + 1)); table+="  caught  $*"$'\n'; }

# run CHECK SITE LOG: check-site.sh with only that check; its exit status
run() {
  ARTIFACTS="$work/$1-$(basename "$2")" CHECK_TIMEOUT=300 \
    "$here/check-site.sh" --only "$1" --name "selftest/$1" "$2" >"$3" 2>&1
}

# expect CHECK LOG STATUS FIXTURE PATTERN...: the check failed and printed every PATTERN
# (extended regular expressions) on a FAIL line about FIXTURE.
expect() {
  local check="$1" log="$2" status="$3" fixture="$4" missing="" first
  shift 4
  for pattern in "$@"; do
    grep -E "^FAIL ([^ ]*/)?$fixture/" "$log" | grep -qE -- "$pattern" || missing+=" \"$pattern\""
  done
  first="$(grep -E -m1 "^FAIL ([^ ]*/)?$fixture/" "$log" | cut -c6-120)"
  if [ "$status" -eq 1 ] && [ -z "$missing" ]; then
    caught "$(printf '%-20s by %-12s %s' "$fixture" "$check" "$first")"
  else
    missed "$(printf '%-20s by %-12s exit %s;%s (log: %s)' "$fixture" "$check" "$status" "${missing:+ not reported:$missing}" "$log")"
  fi
}

# control CHECK LOG: nothing reported about ok/
control() {
  local lines
  lines="$(grep -cE '^FAIL ([^ ]*/)?ok/' "$2")"
  if [ "$lines" -eq 0 ]; then ok=$((ok + 1)); else missed "$(printf '%-20s by %-12s %s problem(s) in the control: %s' ok "$1" "$lines" "$(grep -m1 -E '^FAIL ([^ ]*/)?ok/' "$2")")"; fi
}

b="$here/broken"
echo "== self-test: each check against the fixtures it must catch"

run pages "$b" "$work/pages.log"; s=$?
control pages "$work/pages.log"
expect pages "$work/pages.log" $s missing-file 'missing-file/index\.html: HTTP 404: .*/missing-file/missing\.css'
expect pages "$work/pages.log" $s missing-alt 'missing-alt/index\.html \(light\): axe critical image-alt'
expect pages "$work/pages.log" $s script-error 'script-error/index\.html: uncaught exception: notDefinedAnywhere is not defined'
expect pages "$work/pages.log" $s svg-attribute \
  'svg-attribute/index\.html: console error: Error: <svg> attribute width: A negative value is not valid' \
  'svg-attribute/index\.html: console error: Error: <path> attribute d: Expected number, "M 0 0 L NaN 10"'

run bodies "$b" "$work/bodies.log"; s=$?
control bodies "$work/bodies.log"
expect bodies "$work/bodies.log" $s hidden-body \
  'hidden-body/index\.html: the page shows no body \(no <main> in <body>\): a <script> took the rest of the page as its text'

run html "$b" "$work/html.log"; s=$?
control html "$work/html.log"
expect html "$work/html.log" $s html-error 'html-error/index\.html:12\.[0-9.-]+: error: No “p” element in scope but a “p” end tag seen'

run links "$b" "$work/links.log"; s=$?
control links "$work/links.log"
expect links "$work/links.log" $s broken-link 'broken-link/index\.html: link to broken-link/missing\.html: HTTP 404'
expect links "$work/links.log" $s broken-fragment \
  'broken-fragment/index\.html: link to about\.html#board: no id "board" on broken-fragment/about\.html' \
  'broken-fragment/index\.html: link to #notes: no id "notes" on broken-fragment/index\.html'

run svg "$b" "$work/svg.log"; s=$?
control svg "$work/svg.log"
expect svg "$work/svg.log" $s svg-not-xml 'svg-not-xml/index\.html:12: inline SVG is not well-formed XML'

run exports "$b" "$work/exports.log"; s=$?
control exports "$work/exports.log"
expect exports "$work/exports.log" $s csl-publisher \
  'csl-publisher/sources\.csl\.json: straitstimes-2025-11-05: its publication "The Straits Times" \(publisher, type article-newspaper\) is not in Pandoc.s bibliography'
expect exports "$work/exports.log" $s sitemap-invalid \
  "sitemap-invalid/sitemap\.xml: not valid against the sitemaps\.org schema: .*'5 November 2025' is not a valid value"
expect exports "$work/exports.log" $s sitemap-missing-part \
  'sitemap-missing-part/sitemap\.xml: lists https://example\.org/sitemap-1\.xml, but there is no sitemap-missing-part/sitemap-1\.xml'
# one sitemap of 50,001 URLs, made here rather than committed (3 MB)
mkdir -p "$work/too-many-urls"
python3 -c 'print("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"); [print(f"  <url><loc>https://example.org/p{i}/</loc></url>") for i in range(50001)]; print("</urlset>")' >"$work/too-many-urls/sitemap.xml"
run exports "$work/too-many-urls" "$work/too-many-urls.log"; s=$?
sed -i 's|^FAIL |FAIL too-many-urls/|' "$work/too-many-urls.log"
expect exports "$work/too-many-urls.log" $s too-many-urls 'sitemap\.xml: 50001 URLs, more than the 50000 a sitemap may hold'

"$here/workflows.sh" "$b/workflow-node20/pages.yml" >"$work/workflows.log" 2>&1; s=$?
expect workflows "$work/workflows.log" $s workflow-node20 \
  'workflow-node20/pages\.yml:26:15: runtime "node20" is deprecated.*actions/deploy-pages@v4'

# Dossier-shaped fixtures: copies of the built sample, one defect each.
if [ -f "$sample/index.html" ]; then
  copy() { rm -rf "$work/$1"; cp -r "$sample" "$work/$1"; }
  # the note the walk enters first: the front page's first note link
  note="$(grep -o -m1 'class="note-link" href="notes/[^"]*"' "$sample/index.html" | sed 's/.*href="//; s/"$//')"

  copy search-broken
  : >"$work/search-broken/search.js" # loads without an error, finds nothing
  run clickthrough "$work/search-broken" "$work/search-broken.log"; s=$?
  sed -i 's|^FAIL |FAIL search-broken/|' "$work/search-broken.log"
  expect clickthrough "$work/search-broken.log" $s search-broken \
    'search: typing ".+" showed no results' 'search from file://: typing ".+" showed no results'

  copy previews-broken
  : >"$work/previews-broken/preview.js" # loads without an error, shows no card
  run previews "$work/previews-broken" "$work/previews-broken.log"; s=$?
  sed -i 's|^FAIL |FAIL previews-broken/|' "$work/previews-broken.log"
  expect previews "$work/previews-broken.log" $s previews-broken \
    'hovering citation ref-[0-9]+ on notes/.+ showed no preview card' 'focusing a claim link on notes/.+ at 390 px showed no preview card'

  copy wrong-reference
  # that note's first reference entry links to the second entry's source: every link resolves
  perl -0pi -e 's{(<li id="ref-1"><a href=")[^"]*(")(.*?<li id="ref-2"><a href=")([^"]*)}{$1$4$2$3$4}s' "$work/wrong-reference/$note"
  run clickthrough "$work/wrong-reference" "$work/wrong-reference.log"; s=$?
  sed -i 's|^FAIL |FAIL wrong-reference/|' "$work/wrong-reference.log"
  expect clickthrough "$work/wrong-reference.log" $s wrong-reference 'walk: the reference said ".+" but sources/.+ is headed'

  copy chart-text-outside
  # the first page with a chart in path order, as charts.mjs takes them (a frozen edition's,
  # editions/<n>/, when the site has one)
  chart="$(grep -rl --include='*.html' '<figure class="chart' "$work"/chart-text-outside | sort | head -1)"
  perl -0pi -e 's{(<text\b[^>]*?\bx=")[^"]*}{${1}9000}' "$chart"
  # only that page (the first with a chart, in path order), without screenshots
  CHART_PAGES=1 CHART_SHOTS=0 run charts "$work/chart-text-outside" "$work/chart-text-outside.log"; s=$?
  sed -i 's|^FAIL |FAIL chart-text-outside/|' "$work/chart-text-outside.log"
  expect charts "$work/chart-text-outside.log" $s chart-text-outside '(notes|editions|print)/.+ #[^:]+: text ".*" is drawn outside the chart'

  copy pdf-unnumbered
  # the print rule that numbers every page, gone
  perl -0pi -e 's{content: counter\(page\) " / " counter\(pages\);}{}' "$work/pdf-unnumbered/style.css"
  run pdf "$work/pdf-unnumbered" "$work/pdf-unnumbered.log"; s=$?
  sed -i 's|^FAIL |FAIL pdf-unnumbered/|' "$work/pdf-unnumbered.log"
  expect pdf "$work/pdf-unnumbered.log" $s pdf-unnumbered 'page 2 of the PDF does not say "2 / [0-9]+"'

  copy csv-wrong
  # the first value of every chart's data file, one more than its table says
  perl -pi -e 's/^((?:"[^"]*"|[^,]*),(?:"[^"]*"|[^,]*),)(\d+)/$1.($2+1)/e if $. == 2; close ARGV if eof' "$work"/csv-wrong/data/*.csv
  run pdf "$work/csv-wrong" "$work/csv-wrong.log"; s=$?
  sed -i 's|^FAIL |FAIL csv-wrong/|' "$work/csv-wrong.log"
  expect pdf "$work/csv-wrong.log" $s csv-wrong 'notes/.+#chart-[0-9]+ \(.+\.csv\): .+: the table says [0-9,.]+, the CSV [0-9.]+'
else
  missed "the dossier-shaped fixtures: no built sample at $sample"
fi

printf '\n== self-test: %d as expected, %d not\n%s' "$ok" "$bad" "$table"
[ "$bad" -eq 0 ]
