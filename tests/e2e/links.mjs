// Every link and fragment of a built site, checked offline with linkinator (pinned 7.6.1, the
// last release for Node 20).
//
// 1. linkinator serves SITE_DIR on localhost itself, starts from every HTML page (so pages that
//    nothing links to, like 404.html, are checked too), follows every link, image, script,
//    stylesheet and CSS url(), and reports what is missing. External addresses are skipped:
//    the check must not depend on the network.
// 2. linkinator 7.6.1 checks a `#fragment` only if it has seen the link before it fetches the
//    target page, so a fragment found on a page crawled later is never checked (upstream
//    JustinBeckwith/linkinator#880 and #881, not in a release for Node 20). So every page's
//    links are read again with linkinator's own parser (getLinks), and every fragment into
//    the site is looked up among the target page's ids with linkinator's own
//    extractFragmentIds.
//
//   SITE_DIR=path/to/site node links.mjs        exit 0 when nothing is broken
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { LinkChecker } from 'linkinator';
// linkinator's HTML parsing, not exported by its package; the version is pinned
import { extractFragmentIds, getLinks } from './node_modules/linkinator/build/src/links.js';
import { listPages, siteDir } from './lib.mjs';

const pages = listPages(siteDir);
if (pages.length === 0) {
  console.log(`FAIL no HTML page in ${siteDir}`);
  process.exit(1);
}
const started = Date.now();
const problems = new Map(); // one line per (page, link)
const report = (page, link, what) => problems.set(`${page} ${link}`, `${page}: link to ${link}: ${what}`);

// 1. the crawl
const result = await new LinkChecker().check({
  path: ['**/*.html'],
  serverRoot: siteDir,
  recurse: true,
  checkFragments: true,
  checkCss: true,
  // generous: on a busy two-CPU machine, with Chromium and Java beside it, 10 s was too short
  concurrency: 10,
  timeout: 30_000,
  retryErrors: true,
  retryErrorsCount: 2,
  // every address that is not linkinator's own server on localhost
  linksToSkip: ['^(?!https?://(localhost|127\\.0\\.0\\.1)[:/])[a-z][a-z0-9+.-]*:'],
});
for (const link of result.links.filter((l) => l.state === 'BROKEN')) {
  const hash = link.url.indexOf('#');
  if (hash >= 0 && link.status === 200) continue; // fragments: all of them in step 2
  const detail = link.failureDetails?.find((d) => d?.message)?.message;
  report(link.parent ?? '?', link.url, `HTTP ${link.status || 'error'}${detail ? ` (${detail})` : ''}`);
}

// 2. every fragment into the site, with linkinator's parser
const origin = 'http://site.invalid/';
const idsOf = new Map();
async function ids(file) {
  if (!idsOf.has(file)) idsOf.set(file, await extractFragmentIds(Readable.from([fs.readFileSync(file)])));
  return idsOf.get(file);
}
let fragments = 0;
for (const page of pages) {
  const links = await getLinks(Readable.from([fs.readFileSync(path.join(siteDir, page))]), origin + page);
  for (const { link, url, fragment } of links) {
    if (!url || !fragment || !url.href.startsWith(origin)) continue;
    let target = decodeURIComponent(url.pathname.slice(1));
    if (target === '' || target.endsWith('/')) target += 'index.html';
    const file = path.join(siteDir, target);
    if (!fs.existsSync(file) || !target.endsWith('.html')) continue; // a missing file is step 1's
    fragments += 1;
    if (!(await ids(file)).has(fragment)) report(page, link, `no id "${fragment}" on ${target}`);
  }
}

for (const p of problems.values()) console.log(`FAIL ${p}`);
const skipped = result.links.filter((l) => l.state === 'SKIPPED').length;
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`links: ${pages.length} pages, ${result.links.length - skipped} internal addresses and ${fragments} fragment links checked (${skipped} external addresses skipped): ${problems.size} broken; ${seconds} s`);
process.exit(problems.size ? 1 : 0);
