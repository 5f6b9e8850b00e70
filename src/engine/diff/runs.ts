/**
 * Runs of a row set: maximal stretches of consecutive rows that lie in one record batch of one ref's data file. All
 * columns of a file share its batches, so the runs are computed once per row set and every column is then copied
 * run by run, in tight loops, with no per-row lookup of where a row lives.
 */
import type { RowSet } from './pools';

export interface Run {
  /** Ref index in the row set's view. */
  readonly r: number;
  /** Rows [i, j) of the row set. */
  readonly i: number;
  readonly j: number;
  /** Record batch of the data file, and the file position of its first row. */
  readonly batch: number;
  readonly base: number;
}

const cache = new WeakMap<RowSet, readonly Run[]>();

function batchStarts(rows: RowSet, r: number): number[] {
  const starts = [0];
  for (const b of rows.view.refs[r]!.data.batches) starts.push(starts[starts.length - 1]! + b.numRows);
  return starts;
}

export function runsOf(rows: RowSet): readonly Run[] {
  const hit = cache.get(rows);
  if (hit) return hit;
  const { refIdx, filePos, n } = rows;
  const starts = new Map<number, number[]>();
  const runs: Run[] = [];
  let i = 0;
  while (i < n) {
    const r = refIdx[i]!;
    let s = starts.get(r);
    if (!s) starts.set(r, (s = batchStarts(rows, r)));
    const fp = filePos[i]!;
    let batch = 0;
    while (batch < s.length - 2 && fp >= s[batch + 1]!) batch++;
    const base = s[batch]!;
    const limit = s[batch + 1] ?? base;
    let j = i + 1;
    while (j < n && refIdx[j] === r && filePos[j]! >= base && filePos[j]! < limit) j++;
    runs.push({ r, i, j, batch, base });
    i = j;
  }
  cache.set(rows, runs);
  return runs;
}
