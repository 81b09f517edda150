// Screenshots of every kind of page: the front page, a note, a claim page, a judgment's claim
// page, a source page, the claim register, the bibliography, the tag list and a tag, the
// search page, the 404 page, and where the site has them the changes page, an earlier
// edition and the print edition (those two long pages as far as the first screen), at 1200 px
// and 390 px wide, light and dark, into artifacts/. Expects site/ served at BASE_URL (see
// run.sh).
import fs from 'node:fs';
import path from 'node:path';
import { artifacts, baseUrl, launch, listPages, newPage, short, watch } from './lib.mjs';

const pages = listPages();
/** The wanted page, or else the first page of its kind, so the script survives content edits. */
function pick(wanted, prefix) {
  if (pages.includes(wanted)) return wanted;
  const found = pages.find((p) => p.startsWith(prefix) && p !== `${prefix}index.html` && p.split('/').length === 3);
  if (!found) throw new Error(`no page under ${prefix} in the site`);
  return found;
}
const targets = {
  front: 'index.html',
  note: pick(process.env.SHOT_NOTE ?? 'notes/seed-claims-checked/index.html', 'notes/'),
  claim: pick(process.env.SHOT_CLAIM ?? 'claims/seed-exports-fell-30pct/index.html', 'claims/'),
  source: pick(process.env.SHOT_SOURCE ?? 'sources/usgs-mcs-2025/index.html', 'sources/'),
  changes: 'changes/index.html',
  judgment: pick(process.env.SHOT_JUDGMENT ?? 'claims/leverage-holds-to-2030/index.html', 'claims/'),
  register: 'claims/index.html',
  bibliography: 'sources/index.html',
  tags: 'tags/index.html',
  tag: pick('tags/supply-chain/index.html', 'tags/'),
  search: 'search/index.html',
  missing: '404.html',
  edition: 'editions/1/index.html',
  print: 'print/index.html',
};
// a site with no frozen edition has no changes page and no earlier edition
for (const [name, target] of Object.entries(targets)) if (!pages.includes(target)) delete targets[name];
const long = new Set(['edition', 'print']);
const widths = { desktop: 1200, phone: 390 };
const schemes = ['light', 'dark'];

fs.mkdirSync(artifacts, { recursive: true });
const browser = await launch();
let failures = 0;
try {
  for (const scheme of schemes) {
    for (const [device, width] of Object.entries(widths)) {
      const context = await browser.newContext({
        viewport: { width, height: device === 'phone' ? 844 : 900 },
        deviceScaleFactor: 1,
        colorScheme: scheme,
        reducedMotion: 'reduce',
      });
      for (const [name, target] of Object.entries(targets)) {
        const page = await newPage(context);
        const problems = watch(page);
        const file = path.join(artifacts, `${name}-${width}-${scheme}.png`);
        try {
          await page.goto(baseUrl + target, { waitUntil: 'load' });
          await page.screenshot({ path: file, fullPage: !long.has(name) });
        } catch (e) {
          problems.push(short(e));
        }
        console.log(`${problems.length ? 'FAIL' : 'ok  '} ${target} at ${width} px, ${scheme}: ${path.basename(file)}${problems.length ? `: ${problems.join('; ')}` : ''}`);
        failures += problems.length;
        await page.close();
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
if (failures) {
  console.error(`${failures} problem(s) while taking screenshots`);
  process.exit(1);
}
