/**
 * Plain-argument shapes shared by the portability functions, so the worker can pass a `File` and a chunk callback
 * straight through: sources are anything with a size and a fresh stream per call, sinks take chunks in order.
 */

/** What a restore or an import reads: a `File` (or Blob), or anything shaped like one. */
export interface ByteSource {
  readonly size: number;
  /** A new stream over the whole content; may be called more than once (an import reads twice). */
  stream(): ReadableStream<Uint8Array>;
}

/** Receives output bytes in order; a returned promise is awaited before more is produced (backpressure). */
export type ByteSink = (chunk: Uint8Array) => Promise<void> | void;

/** Progress of a long operation, for a progress bar: `done` of `total` in `unit`. */
export interface Progress {
  readonly phase: 'reading' | 'writing' | 'verifying' | 'committing';
  readonly done: number;
  readonly total: number;
  readonly unit: 'bytes' | 'versions' | 'rows';
}

export interface LongRunningOptions {
  readonly signal?: AbortSignal | undefined;
  readonly onProgress?: ((p: Progress) => void) | undefined;
}
