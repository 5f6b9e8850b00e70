/** The page's handle on bench/page/engine.worker.ts (created on first use, like the app's own worker). */
import * as Comlink from 'comlink';
import type { EngineBenchApi } from './engine.worker';

let remote: Comlink.Remote<EngineBenchApi> | undefined;

function engineWorker(): Comlink.Remote<EngineBenchApi> {
  remote ??= Comlink.wrap<EngineBenchApi>(
    new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'bench-engine' }),
  );
  return remote;
}

export function touchedSegments(req: { table: string; version: number }) {
  return engineWorker().touched(req);
}
