#!/usr/bin/env node
// browser/run.mjs - the browser tests: a real `mf serve` on a simulated store, driven by
// playwright-core through Debian's Chromium (headless). Builds the store the way scripts/demo
// does (mf init, backfill --source simulated --from 2024-01-01, curve build di1 over the last
// six weeks with --ticker-prefix SIM., transform run), serves web/dist with --port 0, and checks
// that every page loads without console errors, charts draw paths from data, the as-of picker
// changes the values shown and the table sorts. Screenshots go to build/web-screenshots/.
//
// usage: node browser/run.mjs [MF_BINARY] (default build/release/mf from the repository root)
// env:   MF_CHROMIUM (default /usr/bin/chromium), MF_WEB_TEST_DIR (default build/web-test),
//        MF_WEB_TEST_FROM (the backfill start, default 2024-01-01; 2005-01-01 is the demo's)
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mf = resolve(root, process.argv[2] ?? 'build/release/mf');
const chrome = process.env.MF_CHROMIUM ?? '/usr/bin/chromium';
const work = resolve(root, process.env.MF_WEB_TEST_DIR ?? 'build/web-test');
const shots = resolve(root, 'build/web-screenshots');
const dist = resolve(root, 'web/dist');
const t0 = Date.now();
const secs = () => ((Date.now() - t0) / 1000).toFixed(1);

for (const [what, p] of [['mf binary', mf], ['Chromium', chrome], ['web build (make web)', join(dist, 'index.html')]]) {
  if (!existsSync(p)) {
    console.error(`browser tests: ${what} not found at ${p}`);
    process.exit(1);
  }
}

// ---- the store ----
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
rmSync(shots, { recursive: true, force: true });
mkdirSync(shots, { recursive: true });
const db = `sqlite:${join(work, 'web.db')}`;
const run = (...args) => execFileSync(mf, ['--db', db, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
const today = new Date().toISOString().slice(0, 10);
const from = new Date(Date.now() - 42 * 86400e3).toISOString().slice(0, 10);
run('init');
run('backfill', '--source', 'simulated', '--from', process.env.MF_WEB_TEST_FROM ?? '2024-01-01');
run('curve', 'build', 'di1', '--from', from, '--to', today, '--cdi-series', 'SIM.BR.CDI_PCT', '--ticker-prefix', 'SIM.');
run('transform', 'run');
console.log(`browser tests: store ready in ${secs()} s`);

// ---- the server ----
const server = spawn(mf, ['--db', db, 'serve', '--host', '127.0.0.1', '--port', '0'], {
  cwd: root,
  env: { ...process.env, MF_SERVER_WEB_ROOT: dist },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverErr = '';
server.stderr.on('data', (d) => { serverErr += d; });
const base = await new Promise((res, rej) => {
  let out = '';
  const timer = setTimeout(() => rej(new Error(`mf serve printed no address in 10 s: ${out} ${serverErr}`)), 10_000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = /http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    if (m) {
      clearTimeout(timer);
      res(`http://127.0.0.1:${m[1]}`);
    }
  });
  server.on('exit', (c) => rej(new Error(`mf serve exited (${c}): ${serverErr}`)));
});

// ---- the browser ----
const browser = await chromium.launch({
  executablePath: chrome,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
});
const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
const page = await context.newPage();
page.setDefaultTimeout(20_000);

// Console errors fail the test. The one exception: a 404 from a quality endpoint, which a
// server without the quality endpoints answers, and the quality contract answers when no
// quality run exists yet (the page shows "Quality not available" with the reason).
const errors = [];
const allowed404 = [];
page.on('response', (r) => {
  if (r.status() === 404 && /\/api\/v1\/(quality|series\/[^/]+\/quality)/.test(r.url())) allowed404.push(r.url());
});
page.on('console', (m) => {
  if (m.type() !== 'error') return;
  const text = m.text();
  if (/status of 404/.test(text) && allowed404.length > 0) return;
  errors.push(`${page.url()}: ${text}`);
});
page.on('pageerror', (e) => errors.push(`${page.url()}: uncaught ${e.message}`));

let passed = 0;
const failures = [];
const skipped = [];
const SKIP = Symbol('skip');
async function test(name, fn) {
  const start = Date.now();
  const before = errors.length;
  try {
    const r = await fn();
    if (errors.length > before) throw new Error(`console errors:\n  ${errors.slice(before).join('\n  ')}`);
    if (r && r.skip === SKIP) {
      skipped.push(name);
      console.log(`skip ${name}: ${r.why}`);
      return;
    }
    passed += 1;
    console.log(`ok   ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failures.push(name);
    console.log(`FAIL ${name}: ${e.message}`);
    await page.screenshot({ path: join(shots, `FAIL-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
/** The number of drawn line paths with a real shape inside `sel`. */
const pathsIn = (sel) =>
  page.$$eval(`${sel} path.recharts-curve`, (ps) => ps.filter((p) => (p.getAttribute('d') ?? '').split(/[LC]/).length > 3).length);

await test('data explorer loads, lists the catalogue, shows the SIMULATED banner', async () => {
  await page.goto(`${base}/`);
  await page.waitForSelector('[data-testid=page-explorer] table[aria-label=series] tbody tr td a.code');
  check(page.url().endsWith('/explorer'), `/ should redirect to /explorer, got ${page.url()}`);
  const count = await page.textContent('.dt-tools .count');
  check(/\d+ rows/.test(count ?? ''), `row count: ${count}`);
  await page.waitForSelector('[data-testid=freshness] .badge');
  await page.waitForSelector('[data-testid=stream][data-stream=live], [data-testid=stream][data-stream=down]');
  await page.selectOption('select[aria-label="filter source"]', 'simulated');
  await page.waitForSelector('[data-testid=sim-banner]');
  await page.waitForFunction(() => [...document.querySelectorAll('table[aria-label=series] tbody a.code')].every((a) => a.textContent.startsWith('SIM.')));
  await shot('01-data-explorer');
});

await test('data explorer table sorts by a column both ways', async () => {
  const codes = () => page.$$eval('table[aria-label=series] tbody tr td:first-child a.code', (as) => as.map((a) => a.textContent ?? ''));
  const th = page.locator('table[aria-label=series] th', { hasText: 'Code' });
  await th.click();
  check((await th.getAttribute('aria-sort')) === 'ascending', 'first click sorts ascending');
  const asc = await codes();
  check(asc.length > 5, `rows listed: ${asc.length}`);
  await th.click();
  check((await th.getAttribute('aria-sort')) === 'descending', 'second click sorts descending');
  const desc = await codes();
  check(desc[0] !== asc[0] && desc.join() === [...asc].reverse().join(), `descending is ascending reversed: ${desc.slice(0, 3)} / ${asc.slice(-3)}`);
  check(asc[0].toLowerCase() <= asc[asc.length - 1].toLowerCase(), `ascending starts low: ${asc[0]} .. ${asc[asc.length - 1]}`);
});

await test('data explorer groups rows and expands a row to its details', async () => {
  await page.selectOption('select[aria-label="group by"]', 'category');
  await page.waitForSelector('table[aria-label=series] tbody tr.group');
  const groups = await page.locator('table[aria-label=series] tbody tr.group').count();
  check(groups >= 2, `group rows: ${groups}`);
  await page.locator('table[aria-label=series] tbody tr.group button').first().click();
  await page.waitForSelector('table[aria-label=series] tbody tr:not(.group) a.code');
  await page.locator('table[aria-label=series] tbody tr:not(.group) button[aria-label=details]').first().click();
  await page.waitForSelector('table[aria-label=series] tbody tr.detail dl');
  await shot('02-data-explorer-grouped');
  await page.selectOption('select[aria-label="group by"]', '');
});

await test('data explorer searches and filters the catalogue', async () => {
  const total = async () => (await page.textContent('.pager span'))?.trim();
  const before = await total();
  await page.fill('input[aria-label="search series"]', 'CDI');
  await page.waitForFunction((b) => document.querySelector('.pager span')?.textContent?.trim() !== b, before);
  const names = await page.$$eval('table[aria-label=series] tbody tr', (rs) => rs.map((r) => r.textContent ?? ''));
  check(names.length > 0 && names.every((n) => /cdi/i.test(n)), `every row matches CDI: ${names.slice(0, 3)}`);
  await page.fill('input[aria-label="search series"]', '');
  await page.selectOption('select[aria-label="filter category"]', 'rates');
  await page.waitForFunction(() => /category=rates/.test(location.search) && !/[?&]q=/.test(location.search));
  await page.waitForSelector('table[aria-label=series] tbody tr td a.code');
  await shot('03-data-explorer-filtered');
});

await test('series page draws its history and the as-of picker changes the values shown', async () => {
  await page.goto(`${base}/series/SIM.BR.CDI_PCT`);
  await page.waitForSelector('[data-testid=page-series] [data-testid=ts-chart] path.recharts-curve');
  check((await pathsIn('[data-testid=ts-chart]')) >= 1, 'the history chart has a line path');
  await page.waitForSelector('[data-testid=lineage]');
  const lastCard = page.locator('.metric').first();
  const latestText = await lastCard.textContent();
  await shot('04-series-latest');
  await page.fill('input[aria-label="as of date"]', '2024-03-15');
  await page.waitForFunction(() => /as_of=2024-03-15/.test(location.search));
  await page.waitForFunction((t) => {
    const el = document.querySelector('.metric');
    return el && el.textContent !== t && /obs 2024-03-1[0-5]/.test(el.textContent ?? '');
  }, latestText);
  const pitText = await lastCard.textContent();
  check(pitText !== latestText, `values change with as-of: ${latestText} -> ${pitText}`);
  check((await pathsIn('[data-testid=ts-chart]')) >= 2, 'as-of and latest lines both drawn');
  check(/2024-03-15/.test((await page.textContent('[data-testid=as-of]')) ?? ''), 'top bar shows the as-of date');
  await shot('05-series-as-of');
});

await test('the vintages grid virtualises its rows and scrolls to the oldest', async () => {
  await page.goto(`${base}/series/SIM.BR.CDI_PCT`);
  await page.waitForSelector('table[aria-label=vintages] tbody tr td');
  const grid = page.locator('.dt', { has: page.locator('table[aria-label=vintages]') });
  check((await grid.getAttribute('data-virtual')) === 'on', 'virtualised');
  const total = Number(((await grid.locator('.count').textContent()) ?? '').replace(/[^0-9]/g, ''));
  const inDom = await grid.locator('tbody tr').count();
  check(total > 500 && inDom < 120, `${total} rows, ${inDom} in the DOM`);
  const first = await page.evaluate(async () => (await (await fetch('/api/v1/series/SIM.BR.CDI_PCT/observations')).json()).observations[0].obs_date);
  await grid.locator('.dt-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await page.waitForFunction((d) => [...document.querySelectorAll('table[aria-label=vintages] tbody td')].some((td) => td.textContent === d), first);
});

await test('a revised monthly series lists its vintages', async () => {
  await page.goto(`${base}/series/SIM.US.PAYROLLS_K`);
  await page.waitForSelector('table[aria-label=vintages] tbody tr');
  await page.waitForSelector('[data-testid=ts-chart] path.recharts-curve');
  await shot('06-series-vintages');
});

await test('a derived series shows its lineage', async () => {
  await page.goto(`${base}/series/DRV.SIM.BR_CDS_Z`);
  await page.waitForSelector('[data-testid=lineage] a.code');
  const inputs = await page.textContent('[data-testid=lineage]');
  check(/SIM\.BR\.CDS_5Y_BP/.test(inputs ?? ''), `lineage names the input: ${inputs}`);
  await page.waitForSelector('[data-testid=ts-chart] path.recharts-curve');
});

await test('curves page draws the curve on two dates and a tenor history', async () => {
  await page.goto(`${base}/curves`);
  await page.waitForSelector('[data-testid=curve-chart] path.recharts-curve');
  await page.waitForSelector('[data-testid=ts-chart] path.recharts-curve');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=curve-chart] path.recharts-curve').length >= 2);
  check((await pathsIn('[data-testid=curve-chart]')) >= 2, 'two curves drawn');
  check((await pathsIn('[data-testid=ts-chart]')) >= 1, 'tenor history drawn');
  const rows = await page.$$eval('table[aria-label="standard tenors"] tbody tr', (r) => r.length);
  check(rows >= 8, `standard tenors listed: ${rows}`);
  await page.selectOption('select[aria-label=tenor]', '2Y');
  await page.waitForSelector('[data-testid=ts-chart] path.recharts-curve');
  await shot('07-curves');
});

await test('data health lists the ingestion runs', async () => {
  await page.goto(`${base}/health`);
  await page.waitForSelector('table[aria-label="ingestion runs"] tbody tr');
  const txt = await page.textContent('table[aria-label="ingestion runs"] tbody');
  check(/succeeded/.test(txt ?? '') && /simulated/.test(txt ?? ''), `the backfill run is listed: ${txt?.slice(0, 120)}`);
  // The store's backfill ran the after-ingest quality checks, so the report must be served:
  // the failing-checks panel names the run and shows its table or its empty state.
  const head = await page.waitForSelector('h3:has-text("Failing checks · run")');
  await page.waitForSelector('table[aria-label="failing checks"], [data-state=empty]:has-text("No failing check")');
  check(/run \d+/.test((await head.textContent()) ?? ''), 'the quality panel names its run');
  check(/simulated/.test((await page.textContent('[data-testid=page-health]')) ?? ''), 'the by-source table lists the simulated source');
  await shot('08-data-health');
});

// Live updates need GET /api/v1/events (the API helper's, not on every server yet): when the
// stream is live, a new ingestion run made beside the open page must appear without a reload.
await test('data health shows a new ingestion run live from the event stream', async () => {
  await page.goto(`${base}/health`);
  await page.waitForSelector('table[aria-label="ingestion runs"] tbody tr');
  await page.waitForSelector('[data-testid=stream][data-stream=live], [data-testid=stream][data-stream=down]');
  if ((await page.getAttribute('[data-testid=stream]', 'data-stream')) !== 'live') {
    return { skip: SKIP, why: `the event stream is down (${await page.getAttribute('[data-testid=stream]', 'title')})` };
  }
  const rows = () => page.locator('table[aria-label="ingestion runs"] tbody tr').count();
  const before = await rows();
  run('backfill', '--source', 'simulated', '--from', from);
  await page.waitForFunction((n) => document.querySelectorAll('table[aria-label="ingestion runs"] tbody tr').length > n, before, { timeout: 15_000 });
  await page.waitForSelector('[data-testid=page-health] ol.timeline li.tl-event');
  await shot('08b-data-health-live');
});

await test('planned pages say they are not built yet', async () => {
  for (const p of ['/morning-pack', '/positions', '/blotter', '/risk', '/attribution', '/journal', '/agents']) {
    await page.goto(`${base}${p}`);
    await page.waitForSelector('[data-testid=not-built] .alert');
    check(/Not built yet/.test((await page.textContent('[data-testid=not-built]')) ?? ''), `${p} says not built`);
  }
  await shot('09-not-built');
});

await browser.close();
server.kill('SIGTERM');
console.log(`browser tests: ${passed} passed, ${skipped.length} skipped, ${failures.length} failed in ${secs()} s; screenshots in ${shots}`);
process.exit(failures.length ? 1 : 0);
