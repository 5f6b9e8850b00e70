/** The datasets of a run, generated in the page from a seed and kept as Files (generating beats fetching 84 MB). */
import { generateCsv, type ExpectedDiff, type GenerateOptions, type GeneratorState } from '../generate.mjs';

const files = new Map<string, File>();
const deleted = new Map<string, number[]>();

export interface DataInfo {
  readonly ms: number;
  readonly bytes: number;
  readonly bytesB?: number | undefined;
  readonly expected?: ExpectedDiff | undefined;
  readonly end: GeneratorState;
}

/**
 * Generates a dataset under `name` (and with `withB` its version B under `name + '.B'`, and B as a restatement of A:
 * the changed and inserted rows under `name + '.delta'`, the deleted ids kept for `deletedIds(name)`).
 */
export function makeData(spec: GenerateOptions & { readonly name: string }): DataInfo {
  const t0 = performance.now();
  const g = generateCsv(spec);
  files.set(spec.name, new File(g.a, `${spec.name}.csv`, { type: 'text/csv' }));
  if (g.b) files.set(`${spec.name}.B`, new File(g.b, `${spec.name}.B.csv`, { type: 'text/csv' }));
  if (g.delta) files.set(`${spec.name}.delta`, new File(g.delta, `${spec.name}.delta.csv`, { type: 'text/csv' }));
  if (g.deletedIds) deleted.set(spec.name, g.deletedIds);
  return { ms: performance.now() - t0, bytes: g.bytesA, bytesB: g.bytesB, expected: g.expected, end: g.end };
}

export function dataFile(name: string): File {
  const file = files.get(name);
  if (!file) throw new Error(`No dataset "${name}" in this page (generate it with makeData first)`);
  return file;
}

export function deletedIds(name: string): number[] {
  const ids = deleted.get(name);
  if (!ids) throw new Error(`No deleted ids for "${name}" (generate it with withB first)`);
  return ids;
}

export function dropData(names: readonly string[]): void {
  for (const name of names) {
    files.delete(name);
    deleted.delete(name);
  }
}
