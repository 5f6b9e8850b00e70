/** Runs daff's keyed diff in a worker with a time limit; a run over the limit is stopped and reported as such. */
import { dataFile } from './data';
import type { DaffMessage, DaffRequest } from './daff.worker';

export type DaffResult =
  | {
      readonly finished: true;
      readonly ms: number;
      readonly parseMs: number;
      readonly added: number;
      readonly removed: number;
      readonly changed: number;
    }
  | { readonly finished: false; readonly limitMs: number; readonly parseMs: number; readonly error?: string };

export function daffDiff(req: { from: string; to: string; key: string; limitMs: number }): Promise<DaffResult> {
  const worker = new Worker(new URL('./daff.worker.ts', import.meta.url), { type: 'module', name: 'bench-daff' });
  return new Promise<DaffResult>((resolve) => {
    let parseMs = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (result: DaffResult) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    worker.onmessage = (e: MessageEvent<DaffMessage>) => {
      const m = e.data;
      if (m.kind === 'parsed') {
        parseMs = m.ms;
        timer = setTimeout(() => finish({ finished: false, limitMs: req.limitMs, parseMs }), req.limitMs);
      } else if (m.kind === 'done') {
        finish({ finished: true, ms: m.ms, parseMs, added: m.added, removed: m.removed, changed: m.changed });
      } else {
        finish({ finished: false, limitMs: req.limitMs, parseMs, error: m.message });
      }
    };
    worker.onerror = (e) => finish({ finished: false, limitMs: req.limitMs, parseMs, error: e.message });
    worker.postMessage({ from: dataFile(req.from), to: dataFile(req.to), key: req.key } satisfies DaffRequest);
  });
}
