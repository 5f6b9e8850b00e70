/**
 * Decoded windows of diff rows, per (diff, change filter). A diff of two committed versions never changes, so a window
 * stays valid as long as both versions exist; the cache only bounds memory.
 */
import type { DiffWindowReader } from './diff-window';

const CAPACITY = 300;

const windows = new Map<string, DiffWindowReader>();
const totals = new Map<string, number>();

function bound<V>(map: Map<string, V>): void {
  while (map.size > CAPACITY) map.delete(map.keys().next().value as string);
}

export const diffCache = {
  total(key: string): number | undefined {
    return totals.get(key);
  },
  window(key: string, index: number): DiffWindowReader | undefined {
    return windows.get(`${key}#${index}`);
  },
  store(key: string, total: number, stored: ReadonlyMap<number, DiffWindowReader>): void {
    totals.set(key, total);
    for (const [index, w] of stored) windows.set(`${key}#${index}`, w);
    bound(totals);
    bound(windows);
  },
};
