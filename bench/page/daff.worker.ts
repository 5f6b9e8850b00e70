/**
 * daff's keyed diff in its own worker, so that a run that does not finish can be stopped (terminate) and the page
 * stays responsive. The CSV is split into arrays before the clock starts: daff's own work is what is timed.
 */
import daff from 'daff';

export interface DaffRequest {
  readonly from: Blob;
  readonly to: Blob;
  readonly key: string;
}
export type DaffMessage =
  | { readonly kind: 'parsed'; readonly ms: number; readonly rows: number }
  | {
      readonly kind: 'done';
      readonly ms: number;
      readonly added: number;
      readonly removed: number;
      readonly changed: number;
    }
  | { readonly kind: 'error'; readonly message: string };

async function rowsOf(blob: Blob): Promise<string[][]> {
  const text = await blob.text();
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line) => line.split(','));
}

self.onmessage = async (e: MessageEvent<DaffRequest>) => {
  try {
    const t0 = performance.now();
    const [a, b] = await Promise.all([rowsOf(e.data.from), rowsOf(e.data.to)]);
    postMessage({ kind: 'parsed', ms: performance.now() - t0, rows: a.length - 1 } satisfies DaffMessage);
    const t1 = performance.now();
    const flags = new daff.CompareFlags();
    flags.addPrimaryKey(e.data.key);
    const alignment = daff.compareTables(new daff.TableView(a), new daff.TableView(b), flags).align();
    const out: unknown[][] = [];
    new daff.TableDiff(alignment, flags).hilite(new daff.TableView(out));
    const ms = performance.now() - t1;
    let added = 0;
    let removed = 0;
    let changed = 0;
    for (const row of out) {
      const tag = row[0];
      if (tag === '+++') added++;
      else if (tag === '---') removed++;
      else if (typeof tag === 'string' && tag.includes('->')) changed++;
    }
    postMessage({ kind: 'done', ms, added, removed, changed } satisfies DaffMessage);
  } catch (err) {
    postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) } satisfies DaffMessage);
  }
};
