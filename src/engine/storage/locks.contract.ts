/**
 * The behaviour every {@link Locks} must have (Web Locks semantics), as a suite run against MemoryLocks and the real
 * navigator.locks. Lock names are unique per test: Web Locks are origin-wide and test files share the origin.
 */
import { describe, expect, it } from 'vitest';
import type { LockMode, Locks } from './ports';

/** Long enough for a cross-process Web Locks grant to have happened if it were going to. */
const SETTLE_MS = 50;

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

/** A promise with its resolve function exposed. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

let counter = 0;
function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A request that holds the lock until `release()`; `granted` says whether fn has started. */
function hold(locks: Locks, name: string, mode: LockMode, log?: string[], label?: string, signal?: AbortSignal) {
  const gate = deferred();
  const state = { granted: false, release: gate.resolve, done: undefined as unknown as Promise<string> };
  state.done = locks.request(
    name,
    mode,
    async () => {
      state.granted = true;
      if (log && label) log.push(label);
      await gate.promise;
      return label ?? 'done';
    },
    signal,
  );
  return state;
}

/** Registers the Locks contract for the backend made by `makeLocks`; `prefix` keeps its lock names apart. */
export function describeLocksContract(name: string, makeLocks: () => Promise<Locks>, prefix = 'strata-test'): void {
  describe(`Locks contract: ${name}`, () => {
    it('runs fn under the lock and resolves with its result; rejects with its error', async () => {
      const locks = await makeLocks();
      const lock = uniqueName(prefix);
      expect(await locks.request(lock, 'exclusive', () => Promise.resolve(42))).toBe(42);
      const boom = new Error('boom');
      await expect(locks.request(lock, 'exclusive', () => Promise.reject(boom))).rejects.toBe(boom);
      // A failed fn released the lock.
      expect(await locks.request(lock, 'exclusive', () => Promise.resolve('again'))).toBe('again');
    });

    it('exclusive excludes exclusive', async () => {
      const locks = await makeLocks();
      const lock = uniqueName(prefix);
      const a = hold(locks, lock, 'exclusive');
      await settle();
      const b = hold(locks, lock, 'exclusive');
      await settle();
      expect(a.granted).toBe(true);
      expect(b.granted).toBe(false);
      a.release();
      await a.done;
      await settle();
      expect(b.granted).toBe(true);
      b.release();
      await b.done;
    });

    it('exclusive excludes shared, and shared excludes exclusive', async () => {
      const locks = await makeLocks();
      const lock = uniqueName(prefix);
      const x = hold(locks, lock, 'exclusive');
      await settle();
      const s = hold(locks, lock, 'shared');
      await settle();
      expect(s.granted).toBe(false);
      x.release();
      await settle();
      expect(s.granted).toBe(true);
      const y = hold(locks, lock, 'exclusive');
      await settle();
      expect(y.granted).toBe(false);
      s.release();
      await settle();
      expect(y.granted).toBe(true);
      y.release();
      await Promise.all([x.done, s.done, y.done]);
    });

    it('shared locks co-exist', async () => {
      const locks = await makeLocks();
      const lock = uniqueName(prefix);
      const readers = [hold(locks, lock, 'shared'), hold(locks, lock, 'shared'), hold(locks, lock, 'shared')];
      await settle();
      expect(readers.map((r) => r.granted)).toEqual([true, true, true]);
      readers.forEach((r) => r.release());
      await Promise.all(readers.map((r) => r.done));
    });

    it('different names do not interfere', async () => {
      const locks = await makeLocks();
      const a = hold(locks, uniqueName(prefix), 'exclusive');
      const b = hold(locks, uniqueName(prefix), 'exclusive');
      await settle();
      expect([a.granted, b.granted]).toEqual([true, true]);
      a.release();
      b.release();
      await Promise.all([a.done, b.done]);
    });

    it('grants in request order: a shared request waits behind an earlier exclusive one', async () => {
      const locks = await makeLocks();
      const lock = uniqueName(prefix);
      const log: string[] = [];
      const first = hold(locks, lock, 'shared', log, 'S1');
      await settle();
      const waiters: ReturnType<typeof hold>[] = [];
      // Queue one at a time so the arrival order is certain even across processes.
      for (const [mode, label] of [
        ['exclusive', 'X2'],
        ['shared', 'S3'],
        ['shared', 'S4'],
        ['exclusive', 'X5'],
      ] as const) {
        waiters.push(hold(locks, lock, mode, log, label));
        await settle();
      }
      const [x2, s3, s4, x5] = waiters as [ReturnType<typeof hold>, ...ReturnType<typeof hold>[]];
      // S3 is compatible with the held S1 but must not jump the queue past X2 (no writer starvation).
      expect(log).toEqual(['S1']);
      first.release();
      await settle();
      expect(log).toEqual(['S1', 'X2']);
      x2.release();
      await settle();
      // S3 and S4 are granted together, X5 waits for both.
      expect(log).toEqual(['S1', 'X2', 'S3', 'S4']);
      s3?.release();
      await settle();
      expect(x5?.granted).toBe(false);
      s4?.release();
      await settle();
      expect(log).toEqual(['S1', 'X2', 'S3', 'S4', 'X5']);
      x5?.release();
      await Promise.all([first, ...waiters].map((w) => w.done));
    });

    it('reports held names, and forgets them on release', async () => {
      const locks = await makeLocks();
      const a = uniqueName(prefix);
      const b = uniqueName(prefix);
      const ha = hold(locks, a, 'exclusive');
      const hb = hold(locks, b, 'shared');
      const waiting = hold(locks, a, 'exclusive');
      await settle();
      let held = await locks.heldNames();
      expect(held.has(a)).toBe(true);
      expect(held.has(b)).toBe(true);
      ha.release();
      hb.release();
      await Promise.all([ha.done, hb.done]);
      await settle();
      held = await locks.heldNames();
      expect(held.has(a)).toBe(true); // now by the waiter
      expect(held.has(b)).toBe(false);
      waiting.release();
      await waiting.done;
      expect((await locks.heldNames()).has(a)).toBe(false);
    });

    it('aborting a waiting request rejects it with an AbortError and takes it out of the queue', async () => {
      const locks = await makeLocks();
      const lock = uniqueName(prefix);
      const log: string[] = [];
      const holder = hold(locks, lock, 'shared', log, 'S1');
      await settle();
      const controller = new AbortController();
      const blocked = hold(locks, lock, 'exclusive', log, 'X2', controller.signal);
      await settle();
      const reader = hold(locks, lock, 'shared', log, 'S3');
      await settle();
      expect(log).toEqual(['S1']);
      controller.abort();
      await expect(blocked.done).rejects.toMatchObject({ name: 'AbortError' });
      await settle();
      // The spec re-processes the queue on abort, so S3 (compatible with S1) is granted at once — MemoryLocks does.
      // Chromium (seen on 156) only re-processes it on the next release, so S3 waits for S1. Both are accepted here;
      // engine code must not depend on either. What must hold: X2 never runs and S3 runs once S1 is gone.
      expect(log.length === 1 || (log.length === 2 && log[1] === 'S3')).toBe(true);
      holder.release();
      await holder.done;
      await settle();
      expect(log).toEqual(['S1', 'S3']);
      expect(blocked.granted).toBe(false);
      reader.release();
      await reader.done;
    });

    it('rejects at once with an already aborted signal, and ignores an abort after the grant', async () => {
      const locks = await makeLocks();
      const lock = uniqueName(prefix);
      let ran = false;
      await expect(
        locks.request(
          lock,
          'exclusive',
          () => {
            ran = true;
            return Promise.resolve();
          },
          AbortSignal.abort(),
        ),
      ).rejects.toMatchObject({ name: 'AbortError' });
      expect(ran).toBe(false);
      const controller = new AbortController();
      const granted = hold(locks, lock, 'exclusive', undefined, 'kept', controller.signal);
      await settle();
      expect(granted.granted).toBe(true);
      controller.abort();
      granted.release();
      await expect(granted.done).resolves.toBe('kept');
    });
  });
}
