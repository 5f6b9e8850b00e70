#!/usr/bin/env node
/**
 * `npm run bench` — Strata's benchmark (issue 7). Builds the app and the benchmark page, serves both on one origin,
 * launches Debian's headless Chromium with a persistent profile on disk, runs the seven workloads in the real worker
 * over real OPFS + IndexedDB, prints a table and writes bench/results/<date>-<time>-<quick|full>.json (and, after a full
 * run, the append latency chart docs/append-latency.svg).
 *
 *   node bench/run.mjs [--quick] [--only=1,3] [--rebuild] [--keep-profile]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeChart } from './chart.mjs';
import { launch, WorkerMemory } from './lib/browser.mjs';
import { buildAll } from './lib/build.mjs';
import { quickCaveat, textTable } from './lib/report.mjs';
import { serve } from './lib/server.mjs';
import { SIZES } from './lib/sizes.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WORKLOADS = [
  './workloads/w1-import.mjs',
  './workloads/w2-append.mjs',
  './workloads/w3-asof.mjs',
  './workloads/w4-slider.mjs',
  './workloads/w5-diff.mjs',
  './workloads/w6-update.mjs',
  './workloads/w7-history.mjs',
];
// The app's engine worker: named by src/client/client.ts, or its bundle's file name.
const ENGINE_WORKER = /strata-engine|\/assets\/worker-[^/]*\.js/;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',')
  .map(Number);
const mode = quick ? 'quick' : 'full';
const log = (msg) => console.log(msg);

function git(...cmd) {
  try {
    return execFileSync('git', cmd, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const started = new Date();
const results = {
  date: started.toISOString(),
  mode,
  only: only ?? null,
  git: {
    commit: git('rev-parse', 'HEAD'),
    uncommittedFiles: (git('status', '--porcelain') ?? '').split('\n').filter(Boolean).length,
  },
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    loadavgStart: os.loadavg(),
    loadavgEnd: null,
  },
  chromium: null,
  sizes: SIZES[mode],
  workloads: {},
  notes: [],
};

log(
  `Strata benchmark (${mode}) — load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} on ${os.cpus().length} cores`,
);
const built = await buildAll({ root: ROOT, force: args.includes('--rebuild'), log });
if (!built.page.ok) {
  console.error('The benchmark page did not build; nothing can run.');
  process.exit(1);
}
if (!built.app.ok)
  results.notes.push(`The app did not build (${built.app.error?.split('\n')[0]}): workload 4 is skipped.`);

const server = await serve(built);
const profile = join(ROOT, 'bench/.profile', started.toISOString().replace(/[:.]/g, '-'));
mkdirSync(profile, { recursive: true });
const { context, page, version } = await launch(profile);
results.chromium = version ?? (await page.evaluate(() => navigator.userAgent));
const memory = await WorkerMemory.attach(context, page);

const ctx = {
  quick,
  seed: 7,
  sizes: SIZES[mode],
  page,
  memory,
  engineWorker: ENGINE_WORKER,
  appBuilt: built.app.ok,
  state: {},
  log,
  note: (workload, text) => results.notes.push(`Workload ${workload}: ${text}`),
  call: (fn, arg) => page.evaluate(([fn, arg]) => window.bench[fn](arg), [fn, arg]),
  async openBench() {
    await page.goto(`${server.url}/bench/`);
    await page.waitForFunction(() => Boolean(window.bench));
    const hello = await ctx.call('init');
    if (hello.storageProblems.length) throw new Error(`storage: ${hello.storageProblems.join('; ')}`);
    // Let the engine worker's target attach before anyone samples it.
    for (let i = 0; i < 50 && !memory.find(ENGINE_WORKER); i++) await new Promise((r) => setTimeout(r, 20));
  },
  openApp: () => page.goto(`${server.url}/`),
};

page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
let failed = 0;
try {
  await ctx.openBench();
  results.duckdb = await ctx.call('duckVersion');
  for (const [i, path] of WORKLOADS.entries()) {
    const n = i + 1;
    if (only && !only.includes(n)) continue;
    const w = await import(path);
    log(`\n[${n}] ${w.title}`);
    const t0 = performance.now();
    try {
      const out = await w.run(ctx);
      results.workloads[n] = {
        workload: n,
        title: w.title,
        seconds: (performance.now() - t0) / 1000,
        metrics: [],
        ...out,
      };
      if (out.skipped) log(`  skipped: ${out.skipped}`);
    } catch (e) {
      failed++;
      const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
      log(`  FAILED: ${message}`);
      results.workloads[n] = { workload: n, title: w.title, error: message, metrics: [] };
      await ctx.openBench().catch(() => {});
    }
    log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
} finally {
  await context.close();
  await server.close();
  if (!args.includes('--keep-profile')) rmSync(profile, { recursive: true, force: true });
}

results.machine.loadavgEnd = os.loadavg();
results.seconds = (Date.now() - started.getTime()) / 1000;
// One file per run, named by its start (UTC): YYYY-MM-DD-HHMM-<quick|full>[-only-…].json; runs never overwrite.
const stamp = started.toISOString().slice(0, 16).replace('T', '-').replace(':', '');
const file = join(ROOT, 'bench/results', `${stamp}-${mode}${only ? `-only-${only.join('_')}` : ''}.json`);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');

log(`\n${textTable(results)}`);
if (quickCaveat(results)) log(quickCaveat(results));
if (results.notes.length) log(`\nNotes:\n${results.notes.map((n) => `- ${n}`).join('\n')}`);
const load = (l) => l.map((x) => x.toFixed(2)).join(' ');
log(
  `\nLoad average: ${load(results.machine.loadavgStart)} at start, ${load(results.machine.loadavgEnd)} at end (${os.cpus().length} cores).`,
);
log(`Results: ${relative(ROOT, file)} (${results.seconds.toFixed(0)} s)`);
// The chart in docs/performance.md follows full runs only (a quick run has a single base size).
if (!quick && !only && results.workloads[2]?.details) {
  log(`Chart: ${relative(ROOT, writeChart(file, join(ROOT, 'docs/append-latency.svg')))}`);
}
process.exitCode = failed ? 1 : 0;
