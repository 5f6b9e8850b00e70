/** The datasets of a run, generated in the page from a seed and kept as Files (generating beats fetching 84 MB). */
import { generateCsv, type ExpectedDiff, type GenerateOptions, type GeneratorState } from '../generate.mjs';

const files = new Map<string, File>();

export interface DataInfo {
  readonly ms: number;
  readonly bytes: number;
  readonly bytesB?: number | undefined;
  readonly expected?: ExpectedDiff | undefined;
  readonly end: GeneratorState;
}

/** Generates a dataset under `name` (and its version B under `name + '.B'` with `withB`). */
export function makeData(spec: GenerateOptions & { readonly name: string }): DataInfo {
  const t0 = performance.now();
  const g = generateCsv(spec);
  files.set(spec.name, new File(g.a, `${spec.name}.csv`, { type: 'text/csv' }));
  if (g.b) files.set(`${spec.name}.B`, new File(g.b, `${spec.name}.B.csv`, { type: 'text/csv' }));
  return { ms: performance.now() - t0, bytes: g.bytesA, bytesB: g.bytesB, expected: g.expected, end: g.end };
}

export function dataFile(name: string): File {
  const file = files.get(name);
  if (!file) throw new Error(`No dataset "${name}" in this page (generate it with makeData first)`);
  return file;
}

export function dropData(names: readonly string[]): void {
  for (const name of names) files.delete(name);
}
