// A reader's way through a dossier site, with real clicks in Chromium:
//
//   front page → a note → one of its citations → the cited source, via the citation's entry in
//   the references → a claim that rests on that source → back through the history;
//   then the search page over HTTP (type a query, see results, follow one, reload ?q=…), and
//   the search page again from file://, as a reader of a downloaded copy would use it.
//
// Each landing page is asserted (its address and its heading), and the walk fails on any
// console error, uncaught exception, failed request or HTTP error on the way. Expects the site
// served at BASE_URL and its files in SITE_DIR (see run.sh). Screenshots of each step go to
// ARTIFACTS/clickthrough-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { artifacts, baseUrl, launch, newPage, short, siteDir, watch } from './lib.mjs';

fs.mkdirSync(artifacts, { recursive: true });
const failures = [];
let step = 0;

/** Fails the walk with what was expected and where the reader is. */
class Stop extends Error {}
function expect(ok, message) {
  if (!ok) throw new Stop(message);
}

/** Where the page is, relative to the site's root (`notes/x/index.html#ref-1`). */
function here(page, root) {
  const url = page.url();
  return url.startsWith(root) ? decodeURIComponent(url.slice(root.length)) : url;
}

/** Clicks `locator`, waits for the address to match `pattern`; returns the new address. */
async function follow(page, root, locator, pattern, what) {
  const before = here(page, root);
  await locator.scrollIntoViewIfNeeded();
  await Promise.all([page.waitForURL(pattern).catch(() => {}), locator.click()]);
  const after = here(page, root);
  expect(pattern.test(page.url()), `clicking ${what} on ${before} led to ${after}, expected ${pattern}`);
  await page.waitForLoadState('load');
  return after;
}

/** The page's first heading, with its white space collapsed. */
async function heading(page) {
  const h1 = page.locator('main h1').first();
  expect((await h1.count()) === 1, `${page.url()} has no <h1> in <main>`);
  return (await h1.innerText()).replace(/\s+/g, ' ').trim();
}

async function shot(page, name) {
  step += 1;
  await page.screenshot({ path: path.join(artifacts, `clickthrough-${String(step).padStart(2, '0')}-${name}.png`) });
}

const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

/** The walk from the front page to a claim and back. Returns the note it went through. */
async function readerWalk(page, root) {
  await page.goto(`${root}index.html`, { waitUntil: 'load' });
  const siteTitle = await heading(page);
  await shot(page, 'front');

  // The front page's notes, in reading order; the first whose references lead to a source with
  // claims resting on it is the one walked (the sample's first note does; so do generated ones).
  const noteLinks = page.locator('main a.note-link[href^="notes/"]');
  const count = await noteLinks.count();
  expect(count > 0, 'the front page links to no note');
  for (let n = 0; n < Math.min(count, 10); n += 1) {
    const link = noteLinks.nth(n);
    const noteTitle = await text(link);
    const notePath = await follow(page, root, link, /\/notes\/[^/]+\/index\.html$/, `the note link "${noteTitle}"`);
    const noteHeading = await heading(page);
    expect(noteHeading === noteTitle, `the note link said "${noteTitle}" but ${notePath} is headed "${noteHeading}"`);
    await shot(page, 'note');

    const cites = page.locator('main sup.cite a[href^="#ref-"]');
    const cited = await cites.count();
    for (let c = 0; c < Math.min(cited, 10); c += 1) {
      // the citation → its entry among the references
      const cite = cites.nth(c);
      const fragment = await cite.getAttribute('href');
      const refPath = await follow(page, root, cite, new RegExp(`${fragment}$`), `citation [${await text(cite)}]`);
      const entry = page.locator(`li${fragment}`);
      expect(await entry.count() === 1, `${refPath}: no reference entry ${fragment}`);
      expect(await entry.evaluate((e) => e.matches(':target')), `${refPath}: the entry ${fragment} is not the :target`);
      expect(await entry.isVisible() && await entry.evaluate((e) => {
        const r = e.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      }), `${refPath}: the entry ${fragment} is not scrolled into view`);
      await shot(page, 'reference');

      // the reference entry → the source page
      const sourceLink = entry.locator('a[href*="sources/"]').first();
      expect(await sourceLink.count() === 1, `${refPath}: the entry ${fragment} has no link to a source page`);
      const sourceTitle = await text(sourceLink);
      const sourcePath = await follow(page, root, sourceLink, /\/sources\/[^/]+\/index\.html$/, `the reference "${sourceTitle}"`);
      const sourceHeading = await heading(page);
      expect(sourceHeading === sourceTitle, `the reference said "${sourceTitle}" but ${sourcePath} is headed "${sourceHeading}"`);
      await shot(page, 'source');

      // the source → a claim resting on it (if none does, back to the note and the next citation)
      const claimLinks = page.locator('main section.claims .claim-text a[href*="claims/"]');
      if ((await claimLinks.count()) === 0) {
        await page.goBack();
        await page.goBack();
        continue;
      }
      const claimLink = claimLinks.first();
      const claimText = await text(claimLink);
      const claimPath = await follow(page, root, claimLink, /\/claims\/[^/]+\/index\.html$/, `the claim "${claimText}"`);
      const claimHeading = await heading(page);
      expect(claimHeading === claimText, `the claim link said "${claimText}" but ${claimPath} is headed "${claimHeading}"`);
      const backToSource = page.locator(`main section.evidence a[href$="${sourcePath.replace(/^.*\/sources\//, 'sources/')}"]`);
      expect(await backToSource.count() > 0, `${claimPath} does not list the source ${sourcePath} it rests on`);
      await shot(page, 'claim');

      // back through the history: the source, the reference entry, the note, the front page
      const backs = [
        [sourcePath, sourceHeading],
        [refPath, noteHeading],
        [notePath, noteHeading],
        ['index.html', siteTitle],
      ];
      for (const [want, title] of backs) {
        const from = here(page, root);
        await page.goBack({ waitUntil: 'load' });
        expect(here(page, root) === want, `Back from ${from} led to ${here(page, root)}, expected ${want}`);
        expect(await heading(page) === title, `Back at ${want}: headed "${await heading(page)}", expected "${title}"`);
      }
      await page.goForward({ waitUntil: 'load' });
      expect(here(page, root) === notePath, `Forward from the front page led to ${here(page, root)}, expected ${notePath}`);
      console.log(`ok   walk: index.html → ${notePath} → ${fragment} → ${sourcePath} → ${claimPath} → back ×4 → forward`);
      return { noteTitle, notePath };
    }
    await page.goto(`${root}index.html`, { waitUntil: 'load' });
  }
  throw new Stop('no note among the first ten on the front page cites a source that a claim rests on');
}

/** Types `query` into the search page, checks the results, follows the one titled `title`. */
async function search(page, root, query, title, wantPath, label) {
  const input = page.locator('#search-query');
  await input.click();
  await input.pressSequentially(query, { delay: 5 });
  const results = page.locator('#search-results li');
  await results.first().waitFor({ state: 'visible', timeout: 3_000 }).catch(() => {});
  const shown = await results.count();
  expect(shown > 0, `typing "${query}" showed no results`);
  const status = await text(page.locator('#search-status'));
  expect(/^\d+ results? for “.+”$/.test(status), `the status line reads "${status}"`);
  await shot(page, `search-${label.replace(/\W+/g, '-')}`);
  const hit = page.locator('#search-results').getByRole('link', { name: title, exact: true }).first();
  expect(await hit.count() === 1, `"${title}" is not among the ${shown} results for "${query}"`);
  const landed = await follow(page, root, hit, /\/notes\/[^/]+\/index\.html$/, `the search result "${title}"`);
  expect(landed === wantPath, `the result "${title}" led to ${landed}, expected ${wantPath}`);
  expect(await heading(page) === title, `${landed} is headed "${await heading(page)}", expected "${title}"`);
  return shown;
}

/** Runs `walk`, recording its failure and the page's errors under `label`. */
async function attempt(context, label, walk) {
  const page = await newPage(context);
  const problems = watch(page);
  try {
    await walk(page);
  } catch (e) {
    failures.push(`${label}: ${e instanceof Stop ? e.message : short(e)} (at ${page.url()})`);
    await shot(page, `failed-${label}`).catch(() => {});
  } finally {
    await page.close().catch(() => {});
  }
  for (const p of problems) failures.push(`${label}: ${p}`);
}

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  let note = null;
  await attempt(context, 'walk', async (page) => {
    note = await readerWalk(page, baseUrl);
  });

  // the search looks for the note the walk went through or, if the walk failed, the first one
  if (!note) {
    await attempt(context, 'search', async (page) => {
      await page.goto(`${baseUrl}index.html`, { waitUntil: 'load' });
      const link = page.locator('main a.note-link[href^="notes/"]').first();
      note = { noteTitle: await text(link), notePath: await link.getAttribute('href') };
    });
  }
  if (note) {
    const { noteTitle, notePath } = note;
    await attempt(context, 'search', async (page) => {
      await page.goto(`${baseUrl}index.html`, { waitUntil: 'load' });
      await follow(page, baseUrl, page.locator('nav.site-nav a', { hasText: 'Search' }), /\/search\/index\.html$/, 'Search in the site menu');
      expect(await heading(page) === 'Search', `the search page is headed "${await heading(page)}"`);
      const shown = await search(page, baseUrl, noteTitle, noteTitle, notePath, 'search');
      // a search can be linked to: submitting puts the query in the address, which reloads
      await page.goBack({ waitUntil: 'load' });
      await page.locator('#search-query').fill(noteTitle);
      await page.locator('#search-query').press('Enter');
      await page.waitForURL(/[?&]q=/);
      await page.reload({ waitUntil: 'load' });
      expect(await page.locator('#search-query').inputValue() === noteTitle, 'reloading ?q=… lost the query');
      const again = await page.locator('#search-results li').count();
      expect(again === shown, `reloading ${here(page, baseUrl)} showed ${again} results, expected ${shown}`);
      console.log(`ok   search over HTTP: "${noteTitle}" → ${shown} result(s) → ${notePath}; ?q= reloads the same results`);
    });

    await attempt(context, 'search from file://', async (page) => {
      const root = pathToFileURL(siteDir).href.replace(/\/?$/, '/');
      await page.goto(`${root}search/index.html`, { waitUntil: 'load' });
      const shown = await search(page, root, noteTitle, noteTitle, notePath, 'search from file://');
      console.log(`ok   search from file://: "${noteTitle}" → ${shown} result(s) → ${notePath}`);
    });
  }
  await context.close();
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.log(`FAIL ${f}`);
  console.log(`clickthrough: ${failures.length} problem(s); screenshots in ${artifacts}`);
  process.exit(1);
}
console.log(`clickthrough: the walk and the search work; screenshots in ${artifacts}`);
