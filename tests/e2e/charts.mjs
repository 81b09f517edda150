// Browser check of the sample's charts, outside `cargo test` (it needs Chromium and Node).
//
// Builds the sample into tests/e2e/artifacts/site, serves it over HTTP on a free local port,
// and loads every page that holds a chart in headless Chromium at 390 and 1200 px wide, in
// the light and the dark colour scheme. It fails on console errors (Chromium reports bad SVG
// attribute values there), page errors, failed requests and HTTP errors; on a chart with no
// visible drawing or one of zero size; on chart text drawn outside its SVG or over other
// chart text; and when the chart font has not loaded. Screenshots of each chart go to
// tests/e2e/artifacts/.
//
// Setup once:  (cd tests/e2e && npm ci)   and Chromium:  apt-get install -y chromium
// Run:         node tests/e2e/charts.mjs       (from the repository root or anywhere)
//              DOSSIER_ROOT=path/to/project node tests/e2e/charts.mjs   checks another project
// run.sh runs it on a site it has built and serves: SITE_DIR (the built site, then nothing is
// built) and BASE_URL (where it is served, then no server is started); ARTIFACTS (where the
// screenshots go; CHART_SHOTS=0 takes none; CHART_PAGES=N checks the first N chart pages).

import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { watch } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const artifacts = resolve(process.env.ARTIFACTS ?? join(here, 'artifacts'));
const prebuilt = process.env.SITE_DIR ? resolve(process.env.SITE_DIR) : null;
const site = prebuilt ?? join(artifacts, 'site');
const served = process.env.BASE_URL ? process.env.BASE_URL.replace(/\/?$/, '/') : null;
const project = resolve(process.env.DOSSIER_ROOT ?? repo);
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const widths = [390, 1200];
// CHART_SHOTS=0: no screenshots (run.sh, for the large fixture's hundreds of chart views)
const shots = process.env.CHART_SHOTS !== '0';
// CHART_PAGES=N: only the first N pages with charts (run.sh, for the large fixture, whose
// generated charts all have the same shape; pages.mjs still loads every one of them)
const chartPages = Number(process.env.CHART_PAGES ?? Infinity);
const schemes = ['light', 'dark'];
const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
};

/** Every file under `dir`, as paths relative to it. */
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? walk(path).map((p) => join(name, p))
      : [name];
  });
}

/** Serves `root` on a free port of 127.0.0.1; resolves to the server. */
function serve(root) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = join(root, path);
    if (!file.startsWith(root)) return res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** What the page says about its charts: sizes, visible drawings, text out of bounds or overlapping. */
function inspectCharts() {
  const boxes = (svg) =>
    [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent.trim(), box: t.getBBox() }));
  const overlap = (a, b) =>
    a.x + 1 < b.x + b.width && b.x + 1 < a.x + a.width && a.y + 1 < b.y + b.height && b.y + 1 < a.y + a.height;
  return [...document.querySelectorAll('figure.chart')].map((figure) => {
    const shown = [...figure.querySelectorAll('svg.chart-svg')].filter(
      (svg) => getComputedStyle(svg).display !== 'none',
    );
    const problems = [];
    if (shown.length !== 1) problems.push(`${shown.length} drawings shown, expected 1`);
    const svg = shown[0];
    const rect = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    if (!(rect.width > 0 && rect.height > 0)) problems.push(`drawing has size ${rect.width}×${rect.height}`);
    if (svg) {
      const view = svg.viewBox.baseVal;
      const texts = boxes(svg);
      for (const { text, box } of texts) {
        const inside = box.x >= 0 && box.y >= 0 && box.x + box.width <= view.width && box.y + box.height <= view.height;
        if (!inside) problems.push(`text "${text}" is drawn outside the chart (${Math.round(box.x)},${Math.round(box.y)} ${Math.round(box.width)}×${Math.round(box.height)})`);
      }
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++)
          if (overlap(texts[i].box, texts[j].box)) problems.push(`texts "${texts[i].text}" and "${texts[j].text}" overlap`);
      const font = svg.querySelector('text') && getComputedStyle(svg.querySelector('text')).fontFamily;
      if (font && !font.startsWith('Roboto')) problems.push(`chart text uses ${font}`);
    }
    return { id: figure.id, width: Math.round(rect.width), height: Math.round(rect.height), problems };
  });
}

/** Waits for fonts; records a failure when the chart font is not loaded. */
async function fontLoaded(page, where, failures) {
  await page.evaluate(() => document.fonts.ready);
  if (!(await page.evaluate(() => document.fonts.check('12px Roboto')))) failures.push(`${where}: the chart font did not load`);
}

/** Opens each page from file://, as a reader of a downloaded site would: no errors, font loaded. */
async function fromFiles(browser, pages, failures) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  for (const path of pages) {
    const page = await context.newPage();
    const where = `${path} from file://`;
    const seen = watch(page);
    await page.goto(pathToFileURL(join(site, path)).href, { waitUntil: 'load' });
    await fontLoaded(page, where, failures);
    await page.close();
    failures.push(...seen.map((p) => `${where}: ${p}`));
  }
  await context.close();
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  if (!prebuilt) {
    rmSync(site, { recursive: true, force: true });
    execFileSync('cargo', ['run', '--quiet', '--', 'build', '--root', project, '--output', site], {
      cwd: repo,
      stdio: 'inherit',
    });
  }
  const pages = walk(site)
    .filter((p) => p.endsWith('.html'))
    .filter((p) => readFileSync(join(site, p), 'utf8').includes('<figure class="chart'))
    .sort()
    .slice(0, chartPages);
  if (pages.length === 0) throw new Error(`no page of ${site} has a chart`);
  if (!existsSync(chromiumPath)) {
    throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y --no-install-recommends chromium (or set CHROMIUM)`);
  }
  const server = served ? null : await serve(site);
  const base = served ?? `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const failures = [];
  let charts = 0;
  try {
    for (const scheme of schemes) {
      for (const width of widths) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        context.setDefaultTimeout(15_000);
        context.setDefaultNavigationTimeout(30_000);
        for (const path of pages) {
          const page = await context.newPage();
          const where = `${path} @${width}px ${scheme}`;
          const seen = watch(page);
          await page.goto(base + path.split('\\').join('/'), { waitUntil: 'load' });
          await fontLoaded(page, where, failures);
          for (const chart of await page.evaluate(inspectCharts)) {
            charts += 1;
            for (const p of chart.problems) failures.push(`${where} #${chart.id}: ${p}`);
            const name = `${relative('.', path).replace(/[\\/]/g, '_').replace(/_index\.html$|\.html$/, '')}-${chart.id}-${width}-${scheme}.png`;
            if (shots) await page.locator(`#${chart.id}`).screenshot({ path: join(artifacts, name) });
          }
          await page.close();
          failures.push(...seen.map((p) => `${where}: ${p}`));
        }
        await context.close();
      }
    }
    await fromFiles(browser, pages, failures);
  } finally {
    await browser.close();
    server?.close();
  }
  console.log(`charts.mjs: ${pages.length} pages, ${charts} chart views checked; screenshots in ${relative(repo, artifacts)}/`);
  if (failures.length) {
    console.log(failures.map((f) => `FAIL ${f}`).join('\n'));
    console.log(`charts.mjs: ${failures.length} problem(s)`);
    process.exit(1);
  }
}

main().catch((e) => {
  console.log(`FAIL charts.mjs: ${e.stack ?? e}`);
  process.exit(1);
});
