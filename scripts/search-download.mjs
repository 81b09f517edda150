#!/usr/bin/env node
// What a query downloads from a built site's search index, running static/search.js's own
// engine in Node against the files under SITE/search/: the meta file, the chunks of its terms
// and the blocks of the results the page shows first (ten a kind).
//
//   node scripts/search-download.mjs SITE                 # the fixed 20 queries, a table
//   node scripts/search-download.mjs SITE "query" ...      # these queries, with their results
//
// Exit status 1 if a query fails to run.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const site = process.argv[2];
if (!site) { console.error('usage: search-download.mjs SITE [QUERY...]'); process.exit(2); }

// Common, rare, several words, a prefix, nothing to find, and Chinese: the fixed set.
export const QUERIES = [
  'the', 'of', 'supply', 'rare earth', 'export controls', 'magnet refining capacity',
  'china', 'lanth', 'expor', 'ministry of commerce', 'price of oxide', 'quarter 2024',
  'zzyzx', 'qwertyuiop', 'note 42', 'source 1045', 'tariff truce', 'deposit', '稀土', 'agreement',
];

const context = { globalThis: null };
context.globalThis = context;
vm.createContext(context);
const script = fs.readFileSync(path.join(here, '../static/search.js'), 'utf8');
vm.runInContext(script, context);
const engine = context.dossierSearch.engine;

function loader() {
  const sizes = new Map();
  const load = async (name) => {
    const file = path.join(site, 'search', `${name}.js`);
    const text = fs.readFileSync(file, 'utf8');
    sizes.set(name, Buffer.byteLength(text));
    let data;
    const sandbox = { dossierSearch: { loaded: (_, d) => { data = d; } } };
    vm.runInNewContext(text, sandbox);
    return data;
  };
  return { load, sizes };
}

async function run(query) {
  const { load, sizes } = loader();
  const found = await engine.search(query, load);
  const bytes = [...sizes.values()].reduce((a, b) => a + b, 0);
  return { found, bytes, files: sizes.size };
}

const asked = process.argv.slice(3);
if (asked.length) {
  for (const q of asked) {
    const { found, bytes, files } = await run(q);
    console.log(`${JSON.stringify(q)}: ${files} files, ${bytes} bytes`);
    for (const g of found.groups) {
      for (const h of g.hits.slice(0, 10)) {
        const s = engine.snippet(h.text, engine.highlights(h.text, found.parsed));
        console.log(`  ${g.kind} ${h.slug} ${h.score.toFixed(2)} | ${h.title} | ${(h.text || '').slice(s.start, s.end).slice(0, 100)}`);
      }
      if (g.hits.length) console.log(`  (${g.hits.length} ${g.kind}s)`);
    }
  }
} else {
  const rows = [];
  for (const q of QUERIES) {
    const { found, bytes, files } = await run(q);
    const hits = found.groups.reduce((n, g) => n + g.hits.length, 0);
    rows.push({ q, bytes, files, hits });
    console.log(`${q.padEnd(26)} ${String(hits).padStart(6)} results ${String(files).padStart(3)} files ${(bytes / 1024).toFixed(1).padStart(7)} KB`);
  }
  const sorted = rows.map((r) => r.bytes).sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
  console.log(`min ${kb(sorted[0])}, median ${kb((sorted[9] + sorted[10]) / 2)}, p95 ${kb(at(0.95))}, max ${kb(sorted[sorted.length - 1])}`);
}
