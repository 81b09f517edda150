// Loads every page of the site in Chromium, fails on console errors, page errors and failed
// requests, and runs axe-core on it: any serious or critical violation fails the run. Then loads
// every page 360 px wide and fails on anything wider than the screen.
// Expects site/ served at BASE_URL (see run.sh).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { artifacts, baseUrl, launch, listPages, watch } from './lib.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const failOn = new Set(['serious', 'critical']);
const pages = listPages();
const schemes = (process.env.AXE_SCHEMES ?? 'light,dark').split(',');

const browser = await launch();
const report = [];
let blocking = 0;
let loadProblems = 0;
let minor = 0;
try {
  for (const scheme of schemes) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, colorScheme: scheme });
    for (const target of pages) {
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(baseUrl + target, { waitUntil: 'load' });
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      for (const v of result.violations) {
        const entry = { page: target, scheme, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) };
        report.push(entry);
        if (failOn.has(v.impact)) {
          blocking += 1;
          console.log(`FAIL ${scheme} ${target}: ${v.impact} ${v.id}: ${v.help}\n       ${entry.nodes.join('\n       ')}`);
        } else {
          minor += 1;
          console.log(`note ${scheme} ${target}: ${v.impact} ${v.id}: ${v.help}`);
        }
      }
      for (const p of problems) console.log(`FAIL ${scheme} ${target}: ${p}`);
      loadProblems += problems.length;
      await page.close();
    }
    await context.close();
  }
  // Responsive down to 360 px: nothing may stick out sideways.
  const narrow = await browser.newContext({ viewport: { width: 360, height: 800 } });
  const page = await narrow.newPage();
  for (const target of pages) {
    await page.goto(baseUrl + target, { waitUntil: 'load' });
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest('.visually-hidden'))
        .slice(0, 3)
        .map((e) => `${e.tagName.toLowerCase()}${e.className ? `.${String(e.className).split(' ').join('.')}` : ''}`);
    });
    if (wide.length) {
      loadProblems += 1;
      console.log(`FAIL 360px ${target}: wider than the screen: ${wide.join(', ')}`);
    }
  }
  await narrow.close();
} finally {
  await browser.close();
}
fs.mkdirSync(artifacts, { recursive: true });
fs.writeFileSync(path.join(artifacts, 'axe.json'), JSON.stringify(report, null, 2));
console.log(`axe: ${pages.length} pages × ${schemes.length} colour schemes; ${blocking} serious/critical, ${minor} minor/moderate violations; ${loadProblems} load or layout problems`);
if (blocking || loadProblems) process.exit(1);
