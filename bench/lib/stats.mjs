/** Summaries of repeated measurements: median with min and max (what the results quote), and percentiles. */

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return null;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function summarize(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (!v.length) return { n: 0, median: null, min: null, max: null, p95: null };
  return {
    n: v.length,
    median: percentile(v, 50),
    min: Math.min(...v),
    max: Math.max(...v),
    p95: percentile(v, 95),
  };
}
