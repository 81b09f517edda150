// Previews of citations and claim links (static/preview.js), as a reader meets them:
//
//   on the first note with citations: hovering a citation shows a card holding its reference
//   (the cited source's title); moving away hides it; focusing a claim link from the keyboard
//   shows the claim's card (its confidence), described by the link; Escape closes it and
//   leaves the focus where it was; at 390 px the card stays inside the screen;
//   with JavaScript off, a citation is still a plain link to its reference.
//
// Expects the site served at BASE_URL (see check-site.sh). Screenshots of the cards go to
// ARTIFACTS/preview-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { artifacts, baseUrl, launch, newPage, short, watch } from './lib.mjs';

fs.mkdirSync(artifacts, { recursive: true });
const failures = [];
const card = (page) => page.locator('.preview-card');
const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** The first note (in the front page's order) with a citation, and one with a claim link. */
async function notesToTry(page) {
  await page.goto(`${baseUrl}index.html`, { waitUntil: 'load' });
  const hrefs = await page.locator('main a.note-link[href^="notes/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  let cited = null, linked = null;
  for (const href of hrefs.slice(0, 40)) {
    await page.goto(`${baseUrl}${href}`, { waitUntil: 'load' });
    if (!cited && await page.locator('.prose sup.cite a[href^="#ref-"]').count()) cited = href;
    if (!linked && await page.locator('.prose a[href*="claims/"]').count()) linked = href;
    if (cited && linked) break;
  }
  return { cited, linked };
}

async function hoverCitation(page, href) {
  await page.goto(`${baseUrl}${href}`, { waitUntil: 'load' });
  const cite = page.locator('.prose sup.cite a[href^="#ref-"]').first();
  const ref = (await cite.getAttribute('href')).slice(1);
  const title = squash(await page.locator(`li#${ref} a`).first().innerText());
  await cite.scrollIntoViewIfNeeded();
  await cite.hover();
  await card(page).waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
  if (!(await card(page).isVisible())) return `hovering citation ${ref} on ${href} showed no preview card`;
  const shown = squash(await card(page).innerText());
  if (!shown.includes(title)) return `the card for ${ref} on ${href} reads "${shown}", not the reference "${title}"`;
  await page.screenshot({ path: path.join(artifacts, 'preview-citation.png') });
  await page.mouse.move(1, 1);
  await card(page).waitFor({ state: 'detached', timeout: 2_000 }).catch(() => {});
  if (await card(page).count()) return `the card for ${ref} on ${href} stayed after the pointer left`;
  console.log(`ok   hover: citation ${ref} on ${href} → a card with "${title}"`);
  return null;
}

async function focusClaim(page, href, width) {
  await page.setViewportSize({ width, height: 800 });
  await page.goto(`${baseUrl}${href}`, { waitUntil: 'load' });
  const link = page.locator('.prose a[href*="claims/"]').first();
  await link.scrollIntoViewIfNeeded();
  await link.focus();
  await card(page).waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
  if (!(await card(page).isVisible())) return `focusing a claim link on ${href} at ${width} px showed no preview card`;
  const shown = squash(await card(page).innerText());
  if (!/confidence/i.test(shown)) return `the claim card on ${href} reads "${shown}", without a confidence`;
  if ((await link.getAttribute('aria-describedby')) !== (await card(page).getAttribute('id'))) {
    return `the claim link on ${href} is not described by its card`;
  }
  const box = await card(page).boundingBox();
  const view = await page.evaluate(() => ({ top: window.scrollY, w: document.documentElement.clientWidth }));
  if (box.x < 0 || box.x + box.width > view.w) return `at ${width} px the card spans ${box.x}–${box.x + box.width}, outside the screen`;
  await page.screenshot({ path: path.join(artifacts, `preview-claim-${width}.png`) });
  await page.keyboard.press('Escape');
  if (await card(page).count()) return `Escape did not close the claim card on ${href}`;
  const focused = await link.evaluate((a) => a === document.activeElement);
  if (!focused) return `Escape moved the focus away from the claim link on ${href}`;
  console.log(`ok   keyboard focus at ${width} px: a claim link on ${href} → a card; Escape closes it`);
  return null;
}

async function withoutScript(browser, href) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}${href}`, { waitUntil: 'load' });
  const cite = page.locator('.prose sup.cite a[href^="#ref-"]').first();
  const ref = await cite.getAttribute('href');
  await cite.click();
  const target = await page.evaluate(() => window.location.hash);
  await context.close();
  if (target !== ref) return `without JavaScript the citation ${ref} on ${href} led to "${target}"`;
  console.log(`ok   without JavaScript: citation ${ref} is a plain link`);
  return null;
}

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await newPage(context);
  const problems = watch(page);
  try {
    const { cited, linked } = await notesToTry(page);
    if (!cited) failures.push('no note among the first 40 has a citation to preview');
    const checks = [];
    if (cited) checks.push(() => hoverCitation(page, cited), () => withoutScript(browser, cited));
    if (linked) checks.push(() => focusClaim(page, linked, 1200), () => focusClaim(page, linked, 390));
    else console.log('note: no note links to a claim; claim previews not checked');
    for (const check of checks) {
      const failure = await check();
      if (failure) failures.push(failure);
    }
  } catch (e) {
    failures.push(short(e));
  }
  failures.push(...problems);
  await context.close();
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.log(`FAIL previews: ${f}`);
  process.exit(1);
}
console.log('previews: citations and claim links show their cards');
