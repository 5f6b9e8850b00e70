/**
 * Reusable scratch arrays for the synchronous part of a diff (join, cell comparison, assembly). A 1M × 1M diff needs
 * about ten row-sized temporaries; fresh typed arrays of that size are fresh memory, and page-faulting ~40 MB in and
 * collecting it again costs as much as the comparison itself. Each temporary has a named slot whose buffer is kept and
 * reused by the next diff, grown when too small.
 *
 * Rules, which keep reuse safe: a slot's array is valid only until the next `scratch*` call for the same slot, and
 * never escapes the synchronous computation that took it (nothing stored in a result, a cache or a closure). Distinct
 * temporaries alive at once use distinct slots.
 */
const int32 = new Map<string, Int32Array>();
const uint32 = new Map<string, Uint32Array>();

/** Scratch buffers bigger than this are not kept (a one-off huge diff should not pin its memory). */
const KEEP_LIMIT = 16 * 1024 * 1024;

function take<T extends Int32Array | Uint32Array>(
  pool: Map<string, T>,
  make: (n: number) => T,
  slot: string,
  n: number,
): T {
  let buf = pool.get(slot);
  if (!buf || buf.length < n) {
    buf = make(Math.max(n, Math.ceil((buf?.length ?? 0) * 1.25)));
    if (n <= KEEP_LIMIT) pool.set(slot, buf);
  }
  return buf.subarray(0, n) as T;
}

/** An Int32Array of n elements, each set to `fill`; without it, unspecified (the caller writes before it reads). */
export function scratchInt32(slot: string, n: number, fill?: number): Int32Array {
  const buf = take(int32, (m) => new Int32Array(m), slot, n);
  return fill === undefined ? buf : buf.fill(fill);
}

/** A Uint32Array of n elements with unspecified contents (the caller writes every element it reads). */
export function scratchUint32(slot: string, n: number): Uint32Array {
  return take(uint32, (m) => new Uint32Array(m), slot, n);
}

/** A Uint32Array of n zeros. */
export function scratchUint32Zeroed(slot: string, n: number): Uint32Array {
  return scratchUint32(slot, n).fill(0);
}
