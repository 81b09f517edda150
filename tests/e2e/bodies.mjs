// Loads every page of the site in Chromium and fails when a page does not show its body: no
// <main> in <body>, or one with no text. A `<!--<script>` written raw into a <script> (a
// title copied into JSON-LD unescaped) makes the browser read the rest of the page as script
// text: the page then shows nothing. Also fails on JSON-LD that does not parse as JSON.
// Expects the site served at BASE_URL, its files in SITE_DIR (see check-site.sh).
import { baseUrl, launch, listPages, newPage, pool, short, workers } from './lib.mjs';

const pages = listPages();
if (pages.length === 0) {
  console.log(`FAIL no HTML page in ${process.env.SITE_DIR ?? 'site/'}`);
  process.exit(1);
}

let problems = 0;
const fail = (message) => { problems += 1; console.log(`FAIL ${message}`); };

/** What the browser made of the page: its <main>, its text, its JSON-LD scripts. */
function shown() {
  const main = document.querySelector('body main');
  const scripts = [...document.querySelectorAll('script')];
  return {
    main: main !== null,
    text: main ? main.innerText.trim().length : 0,
    // a script holding the page's own markup took the rest of the page as its text
    swallowing: scripts.some((s) => /<main\b|<\/body>/i.test(s.textContent)),
    data: scripts.filter((s) => s.type === 'application/ld+json').map((s) => s.textContent),
  };
}

async function checkPage(page, target) {
  try {
    await page.goto(baseUrl + target, { waitUntil: 'load' });
    const seen = await page.evaluate(shown);
    const why = seen.swallowing ? ': a <script> took the rest of the page as its text' : '';
    if (!seen.main) fail(`${target}: the page shows no body (no <main> in <body>)${why}`);
    else if (seen.text === 0) fail(`${target}: the page's <main> shows no text${why}`);
    for (const json of seen.data) {
      try {
        JSON.parse(json);
      } catch (e) {
        fail(`${target}: JSON-LD does not parse: ${short(e)}`);
      }
    }
  } catch (e) {
    fail(`${target}: ${short(e)}`);
  }
}

const started = Date.now();
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const tabs = await Promise.all(Array.from({ length: workers }, () => newPage(context)));
  await pool(pages, workers, (target, worker) => checkPage(tabs[worker], target));
  await context.close();
} finally {
  await browser.close();
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`bodies: ${pages.length} pages loaded (${workers} at a time), ${problems} without their body or with broken JSON-LD; ${seconds} s`);
if (problems) process.exit(1);
