#!/usr/bin/env node
/**
 * The append-latency chart of docs/performance.md: every 10k-row append of workload 2, latency against the table's
 * size before it (log scale), one colour per base size, with each series' median as a line. Written as plain SVG
 * from a results file, which the chart names.
 *
 *   node bench/chart.mjs [bench/results/<file>.json] [docs/append-latency.svg]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const W = 720;
const H = 400;
const M = { left: 64, right: 150, top: 48, bottom: 52 };
const COLORS = ['#2563eb', '#dc2626', '#059669', '#d97706', '#7c3aed'];

const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;');
const rowsLabel = (n) => (n >= 1e6 ? `${+(n / 1e6).toFixed(1)}M` : `${Math.round(n / 1e3)}k`);

function niceMax(x) {
  const p = 10 ** Math.floor(Math.log10(x));
  return [1, 2, 2.5, 5, 10].map((m) => m * p).find((v) => v >= x);
}

export function chartSvg(results, source) {
  const series = Object.entries(results.workloads[2].details.series);
  const points = series.flatMap(([, s]) => s);
  const xs = points.map((p) => p.rowsBefore);
  const lx0 = Math.floor(Math.log10(Math.min(...xs)) * 2) / 2;
  const lx1 = Math.ceil(Math.log10(Math.max(...xs)) * 2) / 2;
  // The axis stops above the 98th percentile so that a few outliers (a loaded machine) do not flatten the rest; the
  // points beyond it are drawn on the top edge as triangles and counted.
  const sortedMs = points.map((p) => p.ms).sort((a, b) => a - b);
  const yMax = niceMax(sortedMs[Math.floor(0.98 * (sortedMs.length - 1))] * 1.3);
  const beyond = sortedMs.filter((ms) => ms > yMax).length;
  const px = (n) => M.left + ((Math.log10(n) - lx0) / (lx1 - lx0)) * (W - M.left - M.right);
  const py = (ms) => H - M.bottom - (ms / yMax) * (H - M.top - M.bottom);
  const out = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(
    `<text x="${M.left}" y="20" font-size="15" font-weight="600">Append latency (10k rows per append) against table size</text>`,
  );
  out.push(
    `<text x="${M.left}" y="37" fill="#555">${esc(source)} · ${esc(results.mode)} run · Chromium ${esc(results.chromium)} · load avg ${results.machine.loadavgStart.map((x) => x.toFixed(1)).join(' ')}</text>`,
  );
  for (let i = 0; i <= 5; i++) {
    const v = (yMax / 5) * i;
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(v)}" y2="${py(v)}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${M.left - 8}" y="${py(v) + 4}" text-anchor="end" fill="#374151">${+v.toFixed(1)}</text>`);
  }
  for (let e = lx0; e <= lx1 + 1e-9; e += 0.5) {
    const n = 10 ** e;
    out.push(`<line x1="${px(n)}" x2="${px(n)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#f3f4f6"/>`);
    out.push(`<text x="${px(n)}" y="${H - M.bottom + 18}" text-anchor="middle" fill="#374151">${rowsLabel(n)}</text>`);
  }
  out.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">rows in the table before the append (log scale)</text>`,
  );
  out.push(
    `<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">latency (ms)</text>`,
  );
  out.push(
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#9ca3af"/>`,
  );
  series.forEach(([name, s], i) => {
    const c = COLORS[i % COLORS.length];
    for (const p of s)
      out.push(
        `<circle cx="${px(p.rowsBefore).toFixed(1)}" cy="${py(p.ms).toFixed(1)}" r="2.5" fill="${c}" fill-opacity="0.7"/>`,
      );
    const sorted = s.map((p) => p.ms).sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const x0 = px(s[0].rowsBefore);
    const x1 = px(s.at(-1).rowsBefore);
    out.push(`<line x1="${x0}" x2="${x1}" y1="${py(median)}" y2="${py(median)}" stroke="${c}" stroke-width="2"/>`);
    const ly = M.top + 16 + i * 34;
    out.push(`<circle cx="${W - M.right + 16}" cy="${ly - 4}" r="4" fill="${c}"/>`);
    out.push(`<text x="${W - M.right + 26}" y="${ly}">base ${esc(name)}</text>`);
    out.push(`<text x="${W - M.right + 26}" y="${ly + 14}" fill="#555">median ${median.toFixed(0)} ms</text>`);
  });
  if (beyond) {
    out.push(
      `<text x="${W - M.right + 16}" y="${H - M.bottom}" fill="#555">▲ ${beyond} of ${points.length} appends</text>`,
      `<text x="${W - M.right + 16}" y="${H - M.bottom + 14}" fill="#555">above ${yMax} ms</text>`,
    );
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}

export function writeChart(resultsFile, svgFile) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  writeFileSync(svgFile, chartSvg(results, `bench/results/${basename(resultsFile)}`));
  return svgFile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = join(root, 'bench/results');
  const latest = readdirSync(dir)
    .filter((f) => f.endsWith('-full.json'))
    .sort()
    .at(-1);
  const input = process.argv[2] ?? (latest && join(dir, latest));
  if (!input) throw new Error('No results file in bench/results');
  console.log(writeChart(input, process.argv[3] ?? join(root, 'docs/append-latency.svg')));
}
