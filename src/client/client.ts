/**
 * The typed client the UI uses. It owns the one module worker (created once per page, so React StrictMode's double
 * effects cannot create two), performs the protocol handshake, and adds cancellation and latest-request-wins on top
 * of comlink.
 */
import * as Comlink from 'comlink';
import type { HelloResponse, ProgressCallback, StrataApi } from '../protocol/api';
import { installErrorTransfer, isAbort, ProtocolError } from '../protocol/errors';
import { PROTOCOL_VERSION } from '../protocol/version';

export type Api = Comlink.Remote<StrataApi>;

let requestCounter = 0;
export function newRequestId(): string {
  requestCounter += 1;
  return `r${Date.now().toString(36)}-${requestCounter}`;
}

export class StrataClient {
  readonly api: Api;
  readonly ready: Promise<HelloResponse>;
  private readonly lanes = new Map<string, AbortController>();

  constructor(worker: Worker) {
    installErrorTransfer();
    this.api = Comlink.wrap<StrataApi>(worker);
    this.ready = this.api.hello({ protocol: PROTOCOL_VERSION }).then((hello) => {
      if (hello.protocol !== PROTOCOL_VERSION) {
        throw new ProtocolError(
          'PROTOCOL_MISMATCH',
          `This page speaks protocol ${PROTOCOL_VERSION} but its worker speaks ${hello.protocol}: reload the page.`,
        );
      }
      return hello;
    });
  }

  /**
   * Runs a cancellable task: aborting `signal` asks the worker to stop the request; the promise then rejects with
   * an ABORTED ProtocolError.
   */
  async task<T>(
    run: (requestId: string, onProgress: ProgressCallback | undefined) => Promise<T>,
    opts: { signal?: AbortSignal; onProgress?: ProgressCallback } = {},
  ): Promise<T> {
    const requestId = newRequestId();
    const { signal, onProgress } = opts;
    if (signal?.aborted) throw new ProtocolError('ABORTED', 'Cancelled');
    const onAbort = () => void this.api.cancel({ requestId });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await run(requestId, onProgress ? Comlink.proxy(onProgress) : undefined);
      // Not every worker method stops when cancelled; an answer that arrives after the cancel is dropped all the same.
      if (signal?.aborted) throw new ProtocolError('ABORTED', 'Cancelled');
      return result;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /**
   * Latest request wins within a lane (e.g. the grid while scrubbing): starting a request cancels the lane's previous
   * one, whose promise rejects with ABORTED (callers ignore those with isAbort).
   */
  latest<T>(lane: string, run: (requestId: string) => Promise<T>): Promise<T> {
    this.lanes.get(lane)?.abort();
    const controller = new AbortController();
    this.lanes.set(lane, controller);
    return this.task((requestId) => run(requestId), { signal: controller.signal }).finally(() => {
      if (this.lanes.get(lane) === controller) this.lanes.delete(lane);
    });
  }
}

let singleton: StrataClient | undefined;

/** The page's client; the worker is created on first use and never twice. */
export function getClient(): StrataClient {
  singleton ??= new StrataClient(
    new Worker(new URL('../worker/worker.ts', import.meta.url), { type: 'module', name: 'strata-engine' }),
  );
  return singleton;
}

export { isAbort, ProtocolError };
