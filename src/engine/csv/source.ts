/**
 * Reading a ByteSource: bounded-size chunks for parsing, and a prefix for sniffing.
 */
import { abortError } from './errors';
import type { ByteSource } from './types';

/**
 * Chunks handed to the scanner are cut to at most this size, so a source that yields one huge chunk is still parsed
 * (and its batches yielded, its abort signal checked) piece by piece.
 */
export const MAX_SCAN_CHUNK = 1024 * 1024;

/**
 * The source's bytes in order, in chunks of at most {@link MAX_SCAN_CHUNK}. Checks `signal` before each chunk; the
 * underlying stream is cancelled when the consumer stops early.
 */
export async function* readChunks(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  if (signal?.aborted) throw abortError();
  const reader = source.stream().getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      for (let offset = 0; offset < value.length; offset += MAX_SCAN_CHUNK) {
        if (signal?.aborted) throw abortError();
        yield value.subarray(offset, Math.min(value.length, offset + MAX_SCAN_CHUNK));
      }
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

export interface Sample {
  bytes: Uint8Array;
  /** The sample holds every byte of the source. */
  isWholeFile: boolean;
}

/** The first `maxBytes` bytes of the source (fewer if the source is shorter). */
export async function readSample(source: ByteSource, maxBytes: number): Promise<Sample> {
  const parts: Uint8Array[] = [];
  let length = 0;
  let reachedEnd = true;
  const slice = maxBytes < source.size ? source.slice?.(0, maxBytes) : undefined;
  const prefix: ByteSource = slice ? { size: maxBytes, stream: () => slice.stream() } : source;
  for await (const chunk of readChunks(prefix)) {
    const wanted = Math.min(chunk.length, maxBytes - length);
    parts.push(chunk.slice(0, wanted));
    length += wanted;
    if (length >= maxBytes) {
      reachedEnd = false;
      break;
    }
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes, isWholeFile: length >= source.size || (reachedEnd && prefix === source) };
}
