/**
 * Reads a version's rows in windows of plain column values, for exporters that write row groups: one window is in
 * memory at a time. Runs inside `engine.withView`, so the version's files are protected from GC (its shared read lock
 * is held) for the whole export.
 */
import type { AsOf, StrataEngine } from '../engine';
import { throwIfAborted } from '../errors';
import type { VersionRecord } from '../model/records';
import type { Value } from '../read/values';
import type { VersionView } from '../read/view';

/** Rows per window: one row group of an exported Parquet file. */
export const WINDOW_ROWS = 131_072;

export type ColumnWindow = Value[][];

/** Column values of positions [start, end) of a view, one array per schema field. */
export function windowOf(view: VersionView, start: number, end: number): ColumnWindow {
  const fields = view.schema.fields;
  const columns = fields.map(() => new Array<Value>(end - start));
  if (start >= end) return columns;
  let r = view.refAt(start);
  let refEnd = view.starts[r]! + view.refs[r]!.liveCount;
  let getters = fields.map((_, c) => view.getter(r, c));
  for (let pos = start; pos < end; pos++) {
    while (pos >= refEnd) {
      r++;
      refEnd = view.starts[r]! + view.refs[r]!.liveCount;
      getters = fields.map((_, c) => view.getter(r, c));
    }
    const fp = view.filePos(r, pos - view.starts[r]!);
    for (let c = 0; c < getters.length; c++) columns[c]![pos - start] = getters[c]!(fp);
  }
  return columns;
}

/**
 * Calls `fn` with consecutive windows of rows [from, to) of a version (default: all of it), awaiting each, under the
 * version's read lock. Returns the version record.
 */
export function forEachWindow(
  engine: StrataEngine,
  tableId: string,
  asOf: AsOf | undefined,
  fn: (columns: ColumnWindow, start: number, view: VersionView) => Promise<void> | void,
  opts: { from?: number; to?: number; windowRows?: number; signal?: AbortSignal | undefined } = {},
): Promise<VersionRecord> {
  return engine.withView(tableId, asOf, async (view) => {
    const to = Math.min(opts.to ?? view.totalRows, view.totalRows);
    const step = opts.windowRows ?? WINDOW_ROWS;
    for (let start = opts.from ?? 0; start < to; start += step) {
      throwIfAborted(opts.signal);
      await fn(windowOf(view, start, Math.min(to, start + step)), start, view);
    }
    return view.record;
  });
}
