/**
 * Decoded Arrow windows of rows, kept per (table, version, query). A version never changes once committed, so a
 * window stays valid for as long as the version exists: scrubbing back to a version seen before shows it at once.
 */
import type { Schema } from '../../protocol/dto';
import type { WindowReader } from '../arrow';

export const WINDOW_ROWS = 200;

export interface RowWindow {
  readonly reader: WindowReader;
  /** Each row's position in the version (what "Delete rows" with positions takes). */
  readonly positions: Int32Array;
}

export interface WindowMeta {
  readonly totalRows: number;
  readonly schema: Schema;
}

/** Least-recently-used map (a Map iterates in insertion order; a hit re-inserts). */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }
}

export class WindowCache {
  private readonly windows = new Lru<RowWindow>(600);
  private readonly metas = new Lru<WindowMeta>(300);

  meta(key: string): WindowMeta | undefined {
    return this.metas.get(key);
  }
  window(key: string, index: number): RowWindow | undefined {
    return this.windows.get(`${key}#${index}`);
  }
  store(key: string, meta: WindowMeta, windows: ReadonlyMap<number, RowWindow>): void {
    this.metas.set(key, meta);
    for (const [index, w] of windows) this.windows.set(`${key}#${index}`, w);
  }
}

export const windowCache = new WindowCache();

/** Indexes of the windows holding rows [first, last], clamped to the rows there are (empty when there are none). */
export function windowsFor(first: number, last: number, totalRows: number | undefined): number[] {
  const end = totalRows === undefined ? last : Math.min(last, totalRows - 1);
  const out: number[] = [];
  for (let w = Math.floor(Math.max(0, first) / WINDOW_ROWS); w * WINDOW_ROWS <= end; w++) out.push(w);
  return out;
}
