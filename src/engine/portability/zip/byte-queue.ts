/**
 * Exact-length reads over a ReadableStream of arbitrary chunks: `take(n)` returns the next n bytes whatever the chunk
 * boundaries, pulling from the stream only as needed, so memory holds one chunk plus what was asked for.
 */
import { throwIfAborted } from '../../errors';

export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Index of the first unconsumed chunk (shifting the array per chunk would be quadratic for tiny chunks). */
  private head = 0;
  private buffered = 0;
  private done = false;
  /** Bytes consumed by take/skip so far (the archive offset of the next byte). */
  position = 0;

  constructor(
    private readonly reader: ReadableStreamDefaultReader<Uint8Array>,
    private readonly signal?: AbortSignal,
    private readonly onBytes?: (n: number) => void,
  ) {}

  static of(stream: ReadableStream<Uint8Array>, signal?: AbortSignal, onBytes?: (n: number) => void): ByteQueue {
    return new ByteQueue(stream.getReader(), signal, onBytes);
  }

  /** True once n bytes are buffered; false when the stream ended first. */
  async has(n: number): Promise<boolean> {
    while (this.buffered < n && !this.done) {
      throwIfAborted(this.signal);
      const { value, done } = await this.reader.read();
      if (done) this.done = true;
      else if (value.length) {
        this.chunks.push(value);
        this.buffered += value.length;
        this.onBytes?.(value.length);
      }
    }
    return this.buffered >= n;
  }

  /** Whether the stream is exhausted and nothing is buffered. */
  async atEnd(): Promise<boolean> {
    return !(await this.has(1));
  }

  /** Little-endian uint32 at the read position without consuming it; undefined when fewer than 4 bytes remain. */
  async peekUint32(): Promise<number | undefined> {
    if (!(await this.has(4))) return undefined;
    const head = this.peek(4);
    return new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true);
  }

  /** The next n bytes (a copy when they span chunks). Call has(n) first; throws RangeError when short. */
  take(n: number): Uint8Array {
    if (n > this.buffered) throw new RangeError(`Wanted ${n} bytes, ${this.buffered} buffered`);
    const out = this.peek(n);
    this.drop(n);
    return out;
  }

  /** Cancels the underlying stream (after an error, so the source stops reading). */
  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => undefined);
  }

  private peek(n: number): Uint8Array {
    const first = this.chunks[this.head];
    if (first && first.length >= n) return first.subarray(0, n);
    const out = new Uint8Array(n);
    let at = 0;
    for (let i = this.head; at < n; i++) {
      const c = this.chunks[i]!;
      const part = c.subarray(0, Math.min(c.length, n - at));
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  private drop(n: number): void {
    this.buffered -= n;
    this.position += n;
    while (n > 0) {
      const first = this.chunks[this.head]!;
      if (first.length <= n) {
        n -= first.length;
        this.head++;
      } else {
        this.chunks[this.head] = first.subarray(n);
        n = 0;
      }
    }
    if (this.head > 1024 || this.head === this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }
}
