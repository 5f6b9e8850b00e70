/**
 * Fault injection for tests: wrappers that make the N-th mutating storage call fail, to prove that every step of a
 * commit / GC / restore can fail without corrupting state, and that retries succeed.
 */
import { StrataError } from '../errors';
import type { FileId } from '../model/records';
import type { BlobStore, Catalog } from './ports';

export const FAULT_KINDS = ['transient', 'persistent'] as const;
/** transient: only the N-th step fails. persistent: the N-th and every later step fail (a dead disk). */
export type FaultKind = (typeof FAULT_KINDS)[number];

/**
 * Counts I/O steps — every mutating call (`write`, `delete`, `apply`) of the wrapped stores, shared across them — and
 * decides which ones fail. Reads are not steps. A failing step throws StrataError IO_ERROR "Injected fault at step N"
 * *instead of* calling the inner store, so a failed step changed nothing.
 */
export class FaultPlan {
  /** Steps taken so far (failed ones included). */
  count = 0;
  private readonly faults: { readonly step: number; readonly kind: FaultKind }[] = [];

  /** Makes step `n` (1-based) fail. Chainable. */
  failAt(n: number, kind: FaultKind = 'transient'): this {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Fault step must be a positive integer, got ${n}`);
    this.faults.push({ step: n, kind });
    return this;
  }

  /** Counts one step; throws if the plan says it fails. Called by the wrappers before each mutating call. */
  step(): void {
    const n = ++this.count;
    const fails = this.faults.some((f) => f.step === n || (f.kind === 'persistent' && n > f.step));
    if (fails) throw new StrataError('IO_ERROR', `Injected fault at step ${n}`, { step: n, injected: true });
  }
}

/** `inner` with {@link FaultPlan} steps on write and delete. */
export function faultyBlobStore(inner: BlobStore, plan: FaultPlan): BlobStore {
  return {
    write: async (id, bytes) => {
      plan.step();
      return inner.write(id, bytes);
    },
    read: (id) => inner.read(id),
    size: (id) => inner.size(id),
    delete: async (id) => {
      plan.step();
      return inner.delete(id);
    },
    list: () => inner.list(),
  };
}

/** `inner` with {@link FaultPlan} steps on apply. */
export function faultyCatalog(inner: Catalog, plan: FaultPlan): Catalog {
  return {
    getMeta: () => inner.getMeta(),
    getTable: (id) => inner.getTable(id),
    listTables: () => inner.listTables(),
    getVersion: (tableId, version) => inner.getVersion(tableId, version),
    listVersions: (tableId, from, to) => inner.listVersions(tableId, from, to),
    findVersionAt: (tableId, time) => inner.findVersionAt(tableId, time),
    getFile: (id) => inner.getFile(id),
    listFiles: (tableId) => inner.listFiles(tableId),
    getTag: (name) => inner.getTag(name),
    listTags: () => inner.listTags(),
    listStaging: () => inner.listStaging(),
    apply: async (batch) => {
      plan.step();
      return inner.apply(batch);
    },
    close: () => inner.close(),
  };
}

/** A BlobStore that counts reads per file id. */
export interface CountingBlobStore extends BlobStore {
  /** How many times each id was read (attempts, failed ones included). */
  readonly reads: Map<FileId, number>;
}

/** `inner` counting its reads, to prove that an operation (a diff) does not read files it can skip. */
export function countingBlobStore(inner: BlobStore): CountingBlobStore {
  const reads = new Map<FileId, number>();
  return {
    reads,
    write: (id, bytes) => inner.write(id, bytes),
    read: (id) => {
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return inner.read(id);
    },
    size: (id) => inner.size(id),
    delete: (id) => inner.delete(id),
    list: () => inner.list(),
  };
}
