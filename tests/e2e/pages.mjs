// Loads every page of the site once in Chromium and
// - fails on console errors (Chromium reports invalid SVG attribute values there), uncaught
//   exceptions, failed requests and HTTP errors (≥ 400);
// - runs axe-core on it in the light colour scheme, and its colour-contrast rule again in the
//   dark one: any serious or critical violation fails the run;
// - narrows it to 360 px and fails on anything wider than the screen.
// Expects the site served at BASE_URL, its files in SITE_DIR (see run.sh); writes
// ARTIFACTS/axe.json.
//
// AXE_PAGES=all (default) runs axe on every page. AXE_PAGES=N runs it on the first N pages of
// each folder (notes/, claims/, …) and on every page at the top, and AXE_MAX_ELEMENTS=M skips
// pages with more than M elements: for the large fixture, whose pages repeat the sample's
// templates, where axe on every page would cost minutes. Every page is still loaded and
// checked for errors and width. What axe skipped is listed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { artifacts, baseUrl, launch, listPages, newPage, pool, short, watch, workers } from './lib.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const failOn = new Set(['serious', 'critical']);
const pages = listPages();
const wide = { width: 1200, height: 900 };
const narrow = { width: 360, height: 800 };
const axePages = process.env.AXE_PAGES ?? 'all';
const maxElements = Number(process.env.AXE_MAX_ELEMENTS ?? Infinity);

/** Whether axe runs on `target` under AXE_PAGES (the element limit is applied once loaded). */
const axeWanted = (() => {
  if (axePages === 'all') return () => true;
  const perFolder = Number(axePages);
  if (!Number.isInteger(perFolder) || perFolder < 0) throw new Error(`AXE_PAGES must be "all" or a number, not ${axePages}`);
  const seen = new Map();
  const chosen = new Set();
  for (const p of pages) {
    const folder = p.includes('/') ? p.split('/')[0] : '';
    const n = seen.get(folder) ?? 0;
    if (folder === '' || n < perFolder) chosen.add(p);
    seen.set(folder, n + 1);
  }
  return (p) => chosen.has(p);
})();

if (pages.length === 0) {
  console.log(`FAIL no HTML page in ${process.env.SITE_DIR ?? 'site/'}`);
  process.exit(1);
}

const report = [];
const skipped = [];
let blocking = 0;
let minor = 0;
let problems = 0;
let axed = 0;
const fail = (message) => { problems += 1; console.log(`FAIL ${message}`); };

/** Runs axe (optionally only some rules) and records what it finds. */
async function axe(page, target, scheme, rules) {
  const options = { resultTypes: ['violations'], ...(rules ? { runOnly: rules } : {}) };
  const result = await page.evaluate((o) => window.axe.run(document, o), options);
  for (const v of result.violations) {
    const nodes = v.nodes.map((n) => n.target.join(' ')).slice(0, 5);
    report.push({ page: target, scheme, id: v.id, impact: v.impact, help: v.help, nodes });
    if (failOn.has(v.impact)) {
      blocking += 1;
      console.log(`FAIL ${target} (${scheme}): axe ${v.impact} ${v.id}: ${v.help}\n       ${nodes.join('\n       ')}`);
    } else {
      minor += 1;
      console.log(`note ${target} (${scheme}): axe ${v.impact} ${v.id}: ${v.help}`);
    }
  }
}

/** Loads one page into `page` (one per worker, reused: a new one costs more than the load) and runs every check on it. */
async function checkPage(context, tab, target) {
  const { page, seen } = tab;
  seen.reset();
  try {
    if (axeWanted(target)) {
      // axe at 1200 px, then narrowed to 360 px
      await page.setViewportSize(wide);
      await page.goto(baseUrl + target, { waitUntil: 'load' });
      const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
      if (elements > maxElements) skipped.push(`${target} (${elements} elements)`);
      else {
        axed += 1;
        await page.evaluate(axeSource);
        await axe(page, target, 'light');
        await page.emulateMedia({ colorScheme: 'dark' });
        await axe(page, target, 'dark', ['color-contrast']);
        await page.emulateMedia({ colorScheme: 'light' });
      }
      await page.setViewportSize(narrow);
    } else {
      // no axe: loaded at 360 px straight away, one layout instead of two
      skipped.push(target);
      await page.setViewportSize(narrow);
      await page.goto(baseUrl + target, { waitUntil: 'load' });
    }

    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('.visually-hidden'))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''}`);
    });
    if (overflow.length) fail(`${target} (360 px): wider than the screen: ${overflow.join(', ')}`);
  } catch (e) {
    fail(`${target}: ${short(e)}`);
    // a page that timed out or crashed is replaced, so that it does not fail the next ones
    await page.close().catch(() => {});
    tab.page = await newPage(context);
    tab.seen = watch(tab.page);
  }
  for (const p of seen) fail(`${target}: ${p}`);
}

const started = Date.now();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: wide, colorScheme: 'light' });
  const tabs = await Promise.all(Array.from({ length: workers }, async () => {
    const page = await newPage(context);
    return { page, seen: watch(page) };
  }));
  await pool(pages, workers, (target, worker) => checkPage(context, tabs[worker], target));
  await context.close();
} finally {
  await browser.close();
}
fs.mkdirSync(artifacts, { recursive: true });
fs.writeFileSync(path.join(artifacts, 'axe.json'), JSON.stringify(report, null, 2));
if (skipped.length && axePages !== 'all') {
  const shown = skipped.filter((s) => s.includes('elements'));
  console.log(`axe skipped ${skipped.length} page(s) (AXE_PAGES=${axePages}${Number.isFinite(maxElements) ? `, AXE_MAX_ELEMENTS=${maxElements}` : ''})${shown.length ? `, among them ${shown.join(', ')}` : ''}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`pages: ${pages.length} pages loaded (${workers} at a time), axe on ${axed} (all rules light, colour contrast dark): ${blocking} serious/critical, ${minor} minor/moderate violations; ${problems} load or layout problems; ${seconds} s`);
if (blocking || problems) process.exit(1);
