#!/usr/bin/env bash
# Times Hugo and dossier on the same plain-notes corpus on this machine (wall, CPU, peak RSS;
# median of RUNS full builds into a fresh folder on tmpfs), so the ratio of issue 8's
# reference figures can be checked where dossier runs. Installs Debian's Hugo if it is
# missing. Hugo gets the smallest layouts that make the same pages dossier makes of plain
# notes (each note, the front page listing every note, a page per tag, the list of tags),
# and makes its default sitemap and feeds; a real theme would only make it slower. Usage:
#   scripts/compare.sh                   # 10,000 notes, 5 runs
#   NOTES=1000 RUNS=3 scripts/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
NOTES=${NOTES:-10000}
WORK=${WORK:-/dev/shm/dossier-bench}
CORPUS="$WORK/plain-$NOTES"
SITE="$WORK/hugo-$NOTES"
if ! command -v hugo >/dev/null; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  $sudo apt-get install -y -q hugo >/dev/null
fi
cargo build --release --quiet --bin dossier --example gen_corpus
mkdir -p "$WORK"
[ -d "$CORPUS" ] || target/release/examples/gen_corpus --notes "$NOTES" --plain \
  --base-url https://example.org/briefing/ "$CORPUS"

# The Hugo site: the corpus's notes as its content, and four layouts.
rm -rf "$SITE" && mkdir -p "$SITE/content" "$SITE/layouts/_default"
ln -s "$CORPUS/content/notes" "$SITE/content/notes"
printf 'baseURL = "https://example.org/briefing/"\ntitle = "Plain notes"\n[taxonomies]\ntag = "tags"\n' >"$SITE/config.toml"
cat >"$SITE/layouts/_default/baseof.html" <<'EOF'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a> <a href="{{ "/tags/" | relURL }}">Tags</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
EOF
cat >"$SITE/layouts/_default/single.html" <<'EOF'
{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>
<ul>{{ range .Params.tags }}<li><a href="{{ "/tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
{{ .Content }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</article>{{ end }}
EOF
cat >"$SITE/layouts/_default/list.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range cond .IsHome site.RegularPages .RegularPagesRecursive }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary | plainify | truncate 160 }}</li>{{ end }}</ul>{{ end }}
EOF
cat >"$SITE/layouts/_default/terms.html" <<'EOF'
{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}
EOF

# row NAME COMMAND...: one table row, medians of RUNS builds into a fresh $WORK/out.
row() {
  local name=$1 samples=()
  shift
  for _ in $(seq "$RUNS"); do
    rm -rf "$WORK/out"
    /usr/bin/time -o "$WORK/time" -f '%e %U %S %M' "$@" >/dev/null
    samples+=("$(tail -1 "$WORK/time")")
  done
  local pages
  pages=$(find "$WORK/out" -name '*.html' | wc -l)
  printf '%s\n' "${samples[@]}" | python3 -c '
import sys, statistics
rows = [list(map(float, l.split())) for l in sys.stdin if l.strip()]
wall = statistics.median(r[0] for r in rows)
cpu = statistics.median(r[1] + r[2] for r in rows)
rss = statistics.median(r[3] for r in rows) / 1024
print(f"| {sys.argv[1]} | {int(sys.argv[2]):,} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB |")
' "$name" "$pages"
}

echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $NOTES plain notes; output on tmpfs; medians of $RUNS runs."
echo
echo "| tool | HTML pages | wall | CPU (user+sys) | peak RSS |"
echo "|---|---|---|---|---|"
row "$(hugo version | cut -d' ' -f1-2)" hugo --quiet --source "$SITE" --destination "$WORK/out"
row "dossier" target/release/dossier build --root "$CORPUS" --output "$WORK/out"
