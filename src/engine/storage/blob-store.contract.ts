/**
 * The behaviour every {@link BlobStore} must have, as a suite run against each backend (memory, OPFS). A backend
 * passes when the engine cannot tell it apart from the others.
 */
import { describe, expect, it } from 'vitest';
import { StrataError } from '../errors';
import type { BlobStore } from './ports';

/** Deterministic, non-repeating-looking bytes (so an offset or truncation bug shows). */
export function patternBytes(length: number, seed = 1): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

/** Index of the first differing byte, -1 when equal (toEqual on megabytes is slow and prints huge diffs). */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

async function rejection(promise: Promise<unknown>): Promise<StrataError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(StrataError);
    return e as StrataError;
  }
  throw new Error('expected a rejection');
}

/** Registers the BlobStore contract for the backend made by `makeStore` (a fresh, empty store per test). */
export function describeBlobStoreContract(name: string, makeStore: () => Promise<BlobStore>): void {
  describe(`BlobStore contract: ${name}`, () => {
    it('starts empty', async () => {
      const store = await makeStore();
      expect(await store.list()).toEqual([]);
      expect(await store.size('nothing')).toBeUndefined();
    });

    it('round-trips bytes', async () => {
      const store = await makeStore();
      const bytes = patternBytes(1000, 7);
      await store.write('f1', bytes);
      const back = await store.read('f1');
      expect(back).toBeInstanceOf(Uint8Array);
      expect(back.byteLength).toBe(1000);
      expect(firstDifference(back, bytes)).toBe(-1);
      expect(await store.size('f1')).toBe(1000);
    });

    it('round-trips a 0-byte file, which exists', async () => {
      const store = await makeStore();
      await store.write('empty', new Uint8Array(0));
      expect((await store.read('empty')).byteLength).toBe(0);
      expect(await store.size('empty')).toBe(0);
      expect(await store.list()).toEqual(['empty']);
    });

    it('round-trips a ~5 MB file (several write chunks)', async () => {
      const store = await makeStore();
      const bytes = patternBytes(5 * 1024 * 1024 + 123, 42);
      await store.write('big', bytes);
      expect(await store.size('big')).toBe(bytes.byteLength);
      expect(firstDifference(await store.read('big'), bytes)).toBe(-1);
    });

    it('round-trips a view into a larger buffer (only the view is stored)', async () => {
      const store = await makeStore();
      const whole = patternBytes(100, 3);
      await store.write('view', whole.subarray(10, 30));
      expect(firstDifference(await store.read('view'), whole.subarray(10, 30))).toBe(-1);
    });

    it('is not affected by mutating the written or the read buffer', async () => {
      const store = await makeStore();
      const bytes = patternBytes(64, 5);
      const original = bytes.slice();
      await store.write('f', bytes);
      bytes.fill(0);
      const read1 = await store.read('f');
      expect(firstDifference(read1, original)).toBe(-1);
      read1.fill(9);
      expect(firstDifference(await store.read('f'), original)).toBe(-1);
    });

    it('lists every stored id, each once', async () => {
      const store = await makeStore();
      await Promise.all(['b', 'a', 'c-3', 'D_4'].map((id, i) => store.write(id, patternBytes(10 + i, i + 1))));
      expect((await store.list()).sort()).toEqual(['D_4', 'a', 'b', 'c-3']);
    });

    it('replaces the content when an id is written again', async () => {
      const store = await makeStore();
      await store.write('again', patternBytes(500, 1));
      await store.write('again', patternBytes(20, 2));
      expect(await store.size('again')).toBe(20);
      expect(firstDifference(await store.read('again'), patternBytes(20, 2))).toBe(-1);
      expect(await store.list()).toEqual(['again']);
    });

    it('rejects reading an absent id with MISSING_FILE naming it', async () => {
      const store = await makeStore();
      const e = await rejection(store.read('absent'));
      expect(e.code).toBe('MISSING_FILE');
      expect(e.details.fileId).toBe('absent');
    });

    it('deletes, idempotently', async () => {
      const store = await makeStore();
      await store.write('x', patternBytes(8));
      await store.write('y', patternBytes(8));
      await store.delete('x');
      expect(await store.size('x')).toBeUndefined();
      expect(await store.list()).toEqual(['y']);
      expect((await rejection(store.read('x'))).code).toBe('MISSING_FILE');
      await expect(store.delete('x')).resolves.toBeUndefined();
      await expect(store.delete('never-written')).resolves.toBeUndefined();
      expect(firstDifference(await store.read('y'), patternBytes(8))).toBe(-1);
    });

    it('accepts ids of 1 to 64 letters, digits, _ and -', async () => {
      const store = await makeStore();
      const id = 'A'.repeat(30) + 'z'.repeat(30) + '0_-9';
      expect(id).toHaveLength(64);
      await store.write(id, patternBytes(3));
      await store.write('q', patternBytes(3));
      expect((await store.list()).sort()).toEqual([id, 'q']);
    });

    it.each(['', '.', '..', '../x', 'a/b', 'a\\b', 'x.bin', 'x.tmp', 'sp ace', 'é', 'x'.repeat(65)])(
      'rejects the id %j in every method with INVALID_ARGUMENT',
      async (id) => {
        const store = await makeStore();
        expect((await rejection(store.write(id, patternBytes(4)))).code).toBe('INVALID_ARGUMENT');
        expect((await rejection(store.read(id))).code).toBe('INVALID_ARGUMENT');
        expect((await rejection(store.size(id))).code).toBe('INVALID_ARGUMENT');
        expect((await rejection(store.delete(id))).code).toBe('INVALID_ARGUMENT');
        expect(await store.list()).toEqual([]);
      },
    );
  });
}
