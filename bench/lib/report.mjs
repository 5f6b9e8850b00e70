/** The results table as text (printed at the end of a run and pasted into docs/performance.md). */

const fmt = (x, digits) => {
  if (x === null || x === undefined) return '–';
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
};

export function rowsOf(results) {
  const out = [];
  for (const w of Object.values(results.workloads)) {
    if (w.skipped || w.error) {
      out.push([String(w.workload), w.title, w.skipped ? 'skipped' : 'FAILED', '', '', '', '', w.skipped ?? w.error]);
      continue;
    }
    for (const m of w.metrics) {
      const met = m.met === null ? '' : m.met ? 'yes' : 'NO';
      out.push([
        String(m.workload),
        m.label,
        `${fmt(m.value, m.digits)} ${m.unit}`.trim(),
        fmt(m.min, m.digits),
        fmt(m.max, m.digits),
        String(m.n),
        m.target ?? '',
        met,
      ]);
    }
  }
  return out;
}

/** `value` is the median, or the 95th percentile where the measurement says p95. */
const HEAD = ['#', 'measurement', 'value', 'min', 'max', 'n', 'target', 'met'];

/** What a reader of a quick run's verdicts must know. */
export function quickCaveat(results) {
  return results.mode === 'quick'
    ? 'Quick run: the targets are stated at 1M rows, 100 versions and 1,000 commits; at quick sizes the verdicts only indicate.'
    : null;
}

export function textTable(results) {
  const rows = [HEAD, ...rowsOf(results)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(results) {
  const esc = (c) => c.replaceAll('|', '\\|');
  const rows = rowsOf(results).map((r) => `| ${r.map(esc).join(' | ')} |`);
  return [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((_, i) => (i >= 2 && i <= 5 ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows,
  ].join('\n');
}
