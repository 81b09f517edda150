// Shared helpers for the browser checks: the browser, the site's pages, the server's address,
// time limits and failure reports.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '../..');
export const siteDir = path.resolve(process.env.SITE_DIR ?? path.join(repo, 'site'));
export const artifacts = path.resolve(process.env.ARTIFACTS ?? path.join(here, 'artifacts'));
/** Where site/ is served, ending in `/`. */
export const baseUrl = (process.env.BASE_URL ?? 'http://127.0.0.1:8000/').replace(/\/?$/, '/');

/** Time limits (ms): one action or wait, one navigation. Nothing waits without a limit. */
export const ACTION_TIMEOUT = Number(process.env.ACTION_TIMEOUT ?? 15_000);
export const NAVIGATION_TIMEOUT = Number(process.env.NAVIGATION_TIMEOUT ?? 30_000);

/** Debian's Chromium; never a downloaded browser. */
export function launch() {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: apt-get install -y --no-install-recommends chromium (or set CHROMIUM)`);
  }
  return chromium.launch({
    executablePath,
    timeout: NAVIGATION_TIMEOUT,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A new page with the time limits set. */
export async function newPage(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(ACTION_TIMEOUT);
  page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT);
  return page;
}

/** Every HTML page of the site, as paths relative to its root with `/`, sorted. */
export function listPages(dir = siteDir) {
  const out = [];
  const walk = (d) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) out.push(path.relative(dir, full).split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** How many pages to work on at once: one per CPU, at most four (WORKERS overrides). */
export const workers = Math.max(1, Number(process.env.WORKERS ?? Math.min(4, os.availableParallelism?.() ?? os.cpus().length)));

/** Runs `job(item, worker)` over `items` with `count` workers; resolves when all are done. */
export async function pool(items, count, job) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(count, items.length) }, async (_, worker) => {
    while (next < items.length) {
      const item = items[next++];
      await job(item, worker);
    }
  }));
}

/**
 * Records what goes wrong while a page loads: console errors, uncaught exceptions, failed
 * requests, HTTP errors, crashes. Returns the list of problems; `list.reset()` empties it when
 * the same tab moves on to another page. A request the browser itself cancelled
 * (net::ERR_ABORTED: typically a favicon fetched after the load event, cut off by moving on to
 * the next page or closing the tab) is not a defect of the site and is left out; a missing
 * file still shows as its HTTP 404, and an unreachable one as another net:: error.
 */
export function watch(page) {
  const problems = [];
  problems.reset = () => {
    problems.length = 0;
  };
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = m.location()?.url ? ` (at ${m.location().url}:${m.location().lineNumber + 1})` : '';
    problems.push(`console error: ${m.text()}${at}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception: ${e.message}`));
  page.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '';
    if (error === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} (${error})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('crash', () => problems.push('the page crashed'));
  return problems;
}

/** The first line of an error, without Playwright's call log. */
export function short(error) {
  return String(error?.message ?? error).split('\n')[0];
}
