#!/usr/bin/env bash
# Judges the built sample with real tools: screenshots in headless Chromium, axe-core on every
# page, the Nu HTML Checker on every HTML file. Installs what is missing (Debian's chromium,
# a JRE, the pinned npm packages); never downloads a browser any other way.
#
#   tests/e2e/run.sh            # from anywhere; exit 0 when every check passes
#   SKIP_BUILD=1 tests/e2e/run.sh   # judge the site/ already there
#
# Screenshots, axe.json and vnu.txt land in tests/e2e/artifacts/.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
artifacts="${ARTIFACTS:-$here/artifacts}"
export ARTIFACTS="$artifacts" SITE_DIR="$repo/site"

say() { printf '\n== %s\n' "$*"; }

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: $* (install it, or run as root so this script can apt-get it)" >&2
    exit 2
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

say "tools"
[ -x /usr/bin/chromium ] || apt_install chromium
command -v java >/dev/null || apt_install default-jre-headless
# the sample cites Chinese titles: without a CJK font the screenshots show empty boxes
[ -n "$(fc-list :lang=zh family 2>/dev/null)" ] || apt_install fonts-wqy-microhei
command -v node >/dev/null || apt_install nodejs npm
if [ ! -d "$here/node_modules" ] || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  (cd "$here" && npm ci --no-audit --no-fund)
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
echo "node $(node --version), $(java -version 2>&1 | head -1)"

if [ -z "${SKIP_BUILD:-}" ]; then
  say "build the sample"
  (cd "$repo" && cargo run --quiet -- build)
fi
[ -f "$repo/site/index.html" ] || { echo "no site/index.html: build first" >&2; exit 2; }

say "serve site/ on 127.0.0.1"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$repo/site" >"$here/.server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
export BASE_URL="http://127.0.0.1:$port/"
for _ in $(seq 50); do
  python3 -c "import urllib.request, sys; urllib.request.urlopen(sys.argv[1], timeout=1)" "$BASE_URL" 2>/dev/null && break
  sleep 0.1
done
echo "$BASE_URL"

mkdir -p "$artifacts"
status=0

say "screenshots (1200 px and 390 px, light and dark)"
node "$here/screenshots.mjs" || status=1

say "axe-core on every page (fails on serious or critical)"
node "$here/axe.mjs" || status=1

say "Nu HTML Checker on site/ (fails on errors)"
if java -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --skip-non-html --errors-only --format gnu "$repo/site" 2>"$artifacts/vnu.txt"; then
  echo "vnu: no errors in $(find "$repo/site" -name '*.html' | wc -l) HTML files"
else
  cat "$artifacts/vnu.txt"
  echo "vnu: $(grep -c . "$artifacts/vnu.txt") error(s)"
  status=1
fi

say "$([ "$status" -eq 0 ] && echo "all checks passed" || echo "some checks FAILED")"
exit "$status"
