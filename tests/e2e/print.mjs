// The print edition as a PDF, and a chart's data file. Prints print/index.html with
// Chromium on the paper its stylesheet asks for (`paper:` in dossier.yaml), then reads the
// PDF back with poppler: every page must carry its number ("3 / 51") and, from the second
// on, the briefing's title as a running head; the page size must be A4 or Letter; no page
// may show a dead control ("▶ Data table", "Download the data"). The first three pages go to
// artifacts/ as PNG. Then, on the first page with a chart, the chart's CSV (linked from its
// figure) must hold the numbers of the figure's data table, row by row.
// Expects site/ served at BASE_URL (see check-site.sh); sites without a print edition or
// charts skip those parts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { artifacts, baseUrl, launch, listPages, newPage, short, siteDir, watch } from './lib.mjs';

const failures = [];
const fail = (message) => {
  failures.push(message);
  console.log(`FAIL ${message}`);
};
const pages = listPages();
fs.mkdirSync(artifacts, { recursive: true });
const browser = await launch();
try {
  const context = await browser.newContext({ colorScheme: 'light' });
  if (pages.includes('print/index.html')) await checkPdf(context);
  else console.log('no print edition: the PDF is not checked');
  await checkCsv(context);
  await context.close();
} catch (e) {
  fail(short(e));
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(`${failures.length} problem(s) with the PDF or the data files`);
  process.exit(1);
}

async function checkPdf(context) {
  const page = await newPage(context);
  const problems = watch(page);
  await page.goto(`${baseUrl}print/index.html`, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  const title = (await page.locator('.print-edition h1').first().textContent()).trim();
  // form controls do nothing on paper: none may be printed (the header's search field was)
  await page.emulateMedia({ media: 'print' });
  const controls = await page.locator('input, select, textarea, button').evaluateAll((els) =>
    els.filter((e) => e.getClientRects().length > 0).map((e) => e.outerHTML.slice(0, 60)));
  for (const c of controls) fail(`the print edition prints a form control: ${c}`);
  await page.emulateMedia({ media: null });
  const pdf = path.join(artifacts, 'print.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  for (const p of problems) fail(`print/index.html: ${p}`);
  await page.close();

  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  const [w, h] = (/^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info) ?? []).slice(1).map(Number);
  const paper = Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2 ? 'A4'
    : Math.abs(w - 612) < 2 && Math.abs(h - 792) < 2 ? 'Letter' : null;
  if (!paper) fail(`the PDF's pages are ${w} x ${h} pt, neither A4 nor Letter`);
  if (count < 2) fail(`the PDF has ${count} page(s)`);
  // pdftotext separates pages with a form feed
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const sheets = text.split('\f').slice(0, count);
  const head = title.replace(/\s+/g, ' ').slice(0, 40);
  let numbered = 0;
  let headed = 0;
  sheets.forEach((sheet, i) => {
    const flat = sheet.replace(/\s+/g, ' ');
    // pdftotext may write "3 / 46" or "3/46", as the glyphs happen to be spaced
    if (new RegExp(`(^|\\s)${i + 1}\\s*/\\s*${count}(\\s|$)`).test(flat)) numbered += 1;
    else fail(`page ${i + 1} of the PDF does not say "${i + 1} / ${count}"`);
    if (i > 0) {
      if (flat.includes(head)) headed += 1;
      else fail(`page ${i + 1} of the PDF has no running head "${head}"`);
    }
    for (const dead of ['▶ Data table', '▸ Data table', 'Download the data']) {
      if (flat.includes(dead)) fail(`page ${i + 1} of the PDF shows a dead control: "${dead}"`);
    }
  });
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, path.join(artifacts, 'print-page')]);
  console.log(`print.pdf: ${count} ${paper ?? '?'} pages, ${numbered} numbered, ${headed} with the running head; pages 1-3 in ${artifacts}/print-page-*.png`);
}

async function checkCsv(context) {
  const charted = pages.find((p) => p !== 'print/index.html' && !p.startsWith('editions/')
    && fs.readFileSync(path.join(siteDir, p), 'utf8').includes('class="chart-download"'));
  if (!charted) {
    console.log('no chart links a data file: the CSV is not checked');
    return;
  }
  const page = await newPage(context);
  await page.goto(baseUrl + charted, { waitUntil: 'load' });
  const figures = await page.locator('figure.chart').all();
  let checked = 0;
  for (const figure of figures) {
    const id = await figure.getAttribute('id');
    const href = await figure.locator('.chart-download a').getAttribute('href');
    const url = new URL(href, page.url()).href;
    const response = await page.request.get(url);
    if (!response.ok()) {
      fail(`${charted}#${id}: its data file ${href} gives HTTP ${response.status()}`);
      continue;
    }
    const type = response.headers()['content-type'] ?? '';
    if (!type.includes('csv')) fail(`${charted}#${id}: ${href} is served as "${type}", not text/csv`);
    const rows = parseCsv(await response.text());
    const header = rows.shift();
    const table = await figure.locator('.chart-data table').evaluate((t) => ({
      head: [...t.tHead.rows[0].cells].map((c) => c.textContent.trim()),
      rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent.trim())),
    }));
    const problems = compare(header, rows, table);
    for (const p of problems) fail(`${charted}#${id} (${href}): ${p}`);
    if (!problems.length) checked += 1;
  }
  await page.close();
  console.log(`${checked} chart(s) of ${charted}: the CSV holds the numbers of the data table`);
}

/** What differs between a chart's CSV (a header and one row per value) and its data table. */
function compare(header, rows, table) {
  const problems = [];
  const want = ['series', 'value', 'unit', 'estimated', 'derived', 'claim', 'sources'];
  if (JSON.stringify(header?.slice(1)) !== JSON.stringify(want)) problems.push(`its header is ${header}`);
  if (header?.[0] !== table.head[0]) problems.push(`its first column is "${header?.[0]}", the table's "${table.head[0]}"`);
  const series = [...new Set(rows.map((r) => r[1]))];
  const byCell = new Map(rows.map((r) => [`${r[0]}\u0000${r[1]}`, r]));
  if (rows.length !== table.rows.length * series.length) problems.push(`${rows.length} rows for ${table.rows.length} labels × ${series.length} series`);
  for (const row of table.rows) {
    const label = row[0];
    series.forEach((name, i) => {
      const record = byCell.get(`${label}\u0000${name}`);
      if (!record) return problems.push(`no row for ${label}, ${name}`);
      // the table writes 8,511 or "4,784.8 (estimated)"; the CSV 8511 and estimated=true
      const cell = row[i + 1] ?? '';
      const shown = Number(cell.replace(/\s*\(.*\)$/, '').replace(/,/g, ''));
      if (shown !== Number(record[2])) problems.push(`${label}, ${name}: the table says ${cell}, the CSV ${record[2]}`);
      for (const [column, word] of [[4, 'estimated'], [5, 'derived']]) {
        if ((record[column] === 'true') !== cell.includes(word)) problems.push(`${label}, ${name}: ${word} is ${record[column]} in the CSV, the table says "${cell}"`);
      }
      if (!record[7]) problems.push(`${label}, ${name}: no sources`);
    });
  }
  return problems;
}

/** RFC 4180: records end in CRLF, fields may be quoted with "" for a quote. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i += 1; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}
