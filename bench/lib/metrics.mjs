/**
 * One row of the results table: a measurement summarized as median, min and max (never a single absolute time), the
 * target it is held to (from issues 3–6), and whether the quoted value (the median, or p95 where asked) meets it.
 */
import { summarize } from './stats.mjs';

/**
 * @param {object} m
 * @param {number} m.workload 1–7
 * @param {string} m.label what was measured
 * @param {string} m.unit e.g. 'ms', 's', 'MB', '×'
 * @param {number[]} m.values the repeated measurements (or one derived value)
 * @param {string} [m.target] the target as the issues word it
 * @param {(median: number) => boolean} [m.meets] whether a median meets the target
 * @param {number} [m.digits]
 * @param {'median' | 'p95'} [m.stat] the value quoted (default the median)
 */
export function metric({ workload, label, unit, values, target, meets, digits = 1, note, stat = 'median' }) {
  const s = summarize(values);
  return {
    workload,
    label,
    unit,
    stat,
    value: s[stat],
    n: s.n,
    median: s.median,
    min: s.min,
    max: s.max,
    p95: s.p95,
    digits,
    target: target ?? null,
    met: meets && s[stat] !== null ? meets(s[stat]) : null,
    ...(note ? { note } : {}),
  };
}

export const MB = 1024 * 1024;
