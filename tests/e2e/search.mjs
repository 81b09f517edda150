// The full-text search, in Chromium, over HTTP and from file://:
//
//   - a word that is only in a note's body (not in its title) finds that note, with the word
//     marked in the snippet (the sample's "lanthanum" when the site has it, otherwise the
//     longest word of the first note's first paragraph that its title lacks);
//   - the header's search field, on the front page, leads to the search page with the results;
//   - a title in Chinese or Japanese, when a source or note has one, is found by two of its
//     characters;
//   - results are grouped by kind, notes first;
//   - without JavaScript the search page says so and links the claim register and the
//     bibliography;
//   - the browser's terms agree with the index's (tests/e2e/search-terms.json, which the Rust
//     tests check too).
//
// Expects the site served at BASE_URL and its files in SITE_DIR (see check-site.sh).
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { pathToFileURL } from 'node:url';
import { artifacts, baseUrl, here, launch, newPage, repo, short, siteDir, watch } from './lib.mjs';

fs.mkdirSync(artifacts, { recursive: true });
const failures = [];
class Stop extends Error {}
function expect(ok, message) {
  if (!ok) throw new Stop(message);
}

// The browser's terms against the shared table.
const context = {};
context.globalThis = context;
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(repo, 'static/search.js'), 'utf8'), context);
const engine = context.dossierSearch.engine;
const table = JSON.parse(fs.readFileSync(path.join(here, 'search-terms.json'), 'utf8'));
for (const [query, want] of table) {
  const got = JSON.stringify(engine.parse(query).terms);
  if (got !== JSON.stringify(want)) failures.push(`terms: ${JSON.stringify(query)} gives ${got}, the index's rule ${JSON.stringify(want)}`);
}
console.log(`${failures.length ? 'FAIL' : 'ok  '} terms: ${table.length} queries give the index's terms`);

/** The blocks of the index: each document's number, title, slug and text, by kind letter. */
function documents() {
  const docs = [];
  const dir = path.join(siteDir, 'search/d');
  for (const file of fs.readdirSync(dir)) {
    let flat = [];
    vm.runInNewContext(fs.readFileSync(path.join(dir, file), 'utf8'), { dossierSearch: { loaded: (_, d) => { flat = d; } } });
    for (let i = 0; i + 3 < flat.length; i += 4) docs.push({ kind: file[0], title: flat[i + 1], slug: flat[i + 2], text: flat[i + 3] });
  }
  return docs.sort((a, b) => (a.kind + a.slug).localeCompare(b.kind + b.slug));
}

/** A word only in a note's body: [word, note]. */
function bodyWord(docs) {
  const notes = docs.filter((d) => d.kind === 'n');
  const sample = notes.find((n) => /\blanthanum\b/.test(n.text) && !/lanthanum/i.test(n.title));
  if (sample) return ['lanthanum', sample];
  // the rarest word of six letters or more that a note's body has and its title lacks, so
  // that the note is among the first results shown (a common word's hits run to pages)
  const wordsOf = (note) => [...new Set((note.text.match(/\p{L}{6,}/gu) || []).map((w) => engine.fold(w)))]
    .filter((w) => !engine.fold(note.title).includes(w));
  const seen = new Map();
  for (const note of notes) for (const w of wordsOf(note)) seen.set(w, (seen.get(w) || 0) + 1);
  let best = null;
  for (const note of notes) {
    for (const w of wordsOf(note)) {
      const n = seen.get(w);
      if (!best || n < best[2] || (n === best[2] && w.length > best[0].length)) best = [w, note, n];
    }
  }
  if (!best) throw new Stop('no note has a word in its body that its title lacks');
  return [best[0], best[1]];
}

/** Types `query` on the search page and waits for the results; gives the groups' headings. */
async function searchFor(page, query) {
  const input = page.locator('#search-query');
  await input.fill('');
  await input.pressSequentially(query, { delay: 5 });
  await page.waitForFunction((q) => (document.getElementById('search-status').textContent || '').includes(q), query, { timeout: 5_000 }).catch(() => {});
  const status = (await page.locator('#search-status').textContent()) || '';
  expect(/^\d+ results? for “.+”$/.test(status), `typing "${query}": the status line reads "${status}"`);
  return page.locator('#search-results h2').allTextContents();
}

/** The body word finds its note, marked in the snippet; gives what was shown. */
async function bodyWordFound(page, word, note, label) {
  const groups = await searchFor(page, word);
  expect(groups.length > 0 && /^Notes /.test(groups[0]), `"${word}": the first group is "${groups[0]}", expected the notes`);
  const hit = page.locator('#search-results li', { has: page.locator(`a[href$="notes/${note.slug}/index.html"]`) });
  expect(await hit.count() === 1, `"${word}" (only in the body of "${note.title}") does not find it (${label})`);
  const marks = (await hit.locator('.search-snippet mark').allTextContents()).map((m) => engine.fold(m));
  expect(marks.includes(engine.fold(word)), `the snippet of "${note.title}" marks ${JSON.stringify(marks)}, not "${word}"`);
  await page.screenshot({ path: path.join(artifacts, `search-${label}.png`), fullPage: false });
  return groups;
}

async function attempt(browserContext, label, walk) {
  const page = await newPage(browserContext);
  const problems = watch(page);
  try {
    await walk(page);
  } catch (e) {
    failures.push(`${label}: ${e instanceof Stop ? e.message : short(e)} (at ${page.url()})`);
  } finally {
    await page.close().catch(() => {});
  }
  for (const p of problems) failures.push(`${label}: ${p}`);
}

const docs = documents();
const [word, note] = bodyWord(docs);
const cjk = docs.find((d) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{2}/u.test(d.title));
const browser = await launch();
try {
  const browserContext = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await attempt(browserContext, 'search over HTTP', async (page) => {
    await page.goto(`${baseUrl}search/index.html`, { waitUntil: 'load' });
    const groups = await bodyWordFound(page, word, note, 'http');
    console.log(`ok   search over HTTP: "${word}", only in the body of "${note.title}", finds it; groups ${groups.join(', ')}`);
    if (cjk) {
      const two = cjk.title.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{2}/u)[0];
      await searchFor(page, two);
      const found = page.locator('#search-results a', { hasText: cjk.title });
      expect(await found.count() >= 1, `"${two}" does not find "${cjk.title}"`);
      console.log(`ok   search over HTTP: "${two}" finds "${cjk.title}"`);
    }
  });
  await attempt(browserContext, 'search from file://', async (page) => {
    const root = pathToFileURL(siteDir).href.replace(/\/?$/, '/');
    await page.goto(`${root}search/index.html`, { waitUntil: 'load' });
    await bodyWordFound(page, word, note, 'file');
    console.log(`ok   search from file://: "${word}" finds "${note.title}"`);
  });
  await attempt(browserContext, 'the header field', async (page) => {
    await page.goto(`${baseUrl}index.html`, { waitUntil: 'load' });
    const field = page.getByRole('search').getByRole('searchbox', { name: 'Search the briefing' });
    expect(await field.count() === 1, 'the front page has no labelled search field in its header');
    await field.fill(word);
    await Promise.all([page.waitForURL(/search\/index\.html\?q=/), field.press('Enter')]);
    const hit = page.locator(`#search-results a[href$="notes/${note.slug}/index.html"]`);
    await hit.first().waitFor({ timeout: 5_000 }).catch(() => {});
    expect(await hit.count() === 1, `the header field's search for "${word}" does not show "${note.title}"`);
    console.log(`ok   the header's field: "${word}" → the search page → "${note.title}"`);
  });
  await browserContext.close();
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  await attempt(noScript, 'without JavaScript', async (page) => {
    await page.goto(`${baseUrl}search/index.html`, { waitUntil: 'load' });
    const text = (await page.locator('main').innerText()) || '';
    expect(/Search needs JavaScript/.test(text), 'without JavaScript the search page does not say it needs it');
    for (const [name, href] of [['claim register', 'claims/index.html'], ['bibliography', 'sources/index.html']]) {
      const link = page.locator(`main a[href$="${href}"]`, { hasText: name });
      expect(await link.count() >= 1, `without JavaScript the search page does not link the ${name}`);
    }
    console.log('ok   without JavaScript: the search page says so and links the register and the bibliography');
  });
  await noScript.close();
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`search: ${failures.length} problem(s); screenshots in ${artifacts}`);
  process.exit(1);
}
console.log(`search: full text found over HTTP and from file://; screenshots in ${artifacts}`);
