// Loads every page of the site once in Chromium and
// - fails on console errors, page errors, failed requests and HTTP errors;
// - runs axe-core on it in the light colour scheme, and its colour-contrast rule again in the
//   dark one: any serious or critical violation fails the run;
// - narrows it to 360 px and fails on anything wider than the screen.
// Expects site/ served at BASE_URL (see run.sh); writes artifacts/axe.json.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { artifacts, baseUrl, launch, listPages, watch } from './lib.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const failOn = new Set(['serious', 'critical']);
const pages = listPages();
const wide = { width: 1200, height: 900 };

const browser = await launch();
const report = [];
let blocking = 0;
let minor = 0;
let problems = 0;
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
      console.log(`FAIL ${scheme} ${target}: ${v.impact} ${v.id}: ${v.help}\n       ${nodes.join('\n       ')}`);
    } else {
      minor += 1;
      console.log(`note ${scheme} ${target}: ${v.impact} ${v.id}: ${v.help}`);
    }
  }
}

try {
  const context = await browser.newContext({ viewport: wide, colorScheme: 'light' });
  const page = await context.newPage();
  const seen = watch(page);
  for (const target of pages) {
    seen.length = 0;
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(wide);
    await page.goto(baseUrl + target, { waitUntil: 'load' });
    await page.addScriptTag({ path: axePath });
    await axe(page, target, 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await axe(page, target, 'dark', ['color-contrast']);

    await page.setViewportSize({ width: 360, height: 800 });
    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('.visually-hidden'))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''}`);
    });
    if (overflow.length) fail(`360px ${target}: wider than the screen: ${overflow.join(', ')}`);
    for (const p of seen) fail(`${target}: ${p}`);
  }
  await context.close();
} finally {
  await browser.close();
}
fs.mkdirSync(artifacts, { recursive: true });
fs.writeFileSync(path.join(artifacts, 'axe.json'), JSON.stringify(report, null, 2));
console.log(`axe: ${pages.length} pages (all rules light, colour contrast dark); ${blocking} serious/critical, ${minor} minor/moderate violations; ${problems} load or layout problems`);
if (blocking || problems) process.exit(1);
