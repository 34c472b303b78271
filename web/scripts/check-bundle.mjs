#!/usr/bin/env node
// check-bundle.mjs - fails (exit 1) when the JavaScript the first page needs is over the
// budget: the entry chunk, the Data Explorer page's chunk (the route / redirects to) and
// every chunk they import statically, gzipped (level 9, as a server would), from
// dist/.vite/manifest.json. Prints every page's first-load size. Budget: 300 KB (300 * 1024).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BUDGET = 300 * 1024;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch (e) {
  console.error(`check-bundle: no build manifest in ${dist} (run vite build first): ${e.message}`);
  process.exit(1);
}
const gz = new Map();
const size = (file) => {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file)), { level: 9 }).length);
  return gz.get(file);
};
function closure(keys) {
  const seen = new Set();
  const walk = (k) => {
    if (seen.has(k)) return;
    const m = manifest[k];
    if (!m) throw new Error(`manifest has no entry '${k}'`);
    seen.add(k);
    for (const i of m.imports ?? []) walk(i);
  };
  keys.forEach(walk);
  return [...seen].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
}
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const pages = Object.keys(manifest).filter((k) => /src\/pages\/\w+\.tsx$/.test(k));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let failed = false;
for (const p of pages) {
  const files = closure([entry, p]);
  const total = files.reduce((s, f) => s + size(f), 0);
  const first = p.endsWith('DataExplorer.tsx');
  console.log(`${first ? 'first page ' : 'page       '} ${p.replace(/.*pages\//, '').padEnd(18)} ${kb(total).padStart(9)} gzip  (${files.length} chunks)`);
  if (first && total > BUDGET) {
    console.error(`check-bundle: the first page's JavaScript is ${kb(total)} gzipped, over the ${kb(BUDGET)} budget`);
    failed = true;
  }
}
if (!pages.some((p) => p.endsWith('DataExplorer.tsx'))) {
  console.error('check-bundle: no DataExplorer page chunk: the first page is not split out');
  failed = true;
}
process.exit(failed ? 1 : 0);
