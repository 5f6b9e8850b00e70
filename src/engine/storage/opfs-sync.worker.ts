/**
 * Test fixture, not app code: a dedicated worker that runs OpfsBlobStore where `createSyncAccessHandle` exists (the
 * app's engine worker path), for storage.browser.test.ts. It answers one request with a report of what it saw.
 */
import { StrataError } from '../errors';
import { openOpfsBlobStore } from './opfs-blob-store';

export interface SyncWorkerRequest {
  readonly dir: string;
  readonly bytes: number;
}

export interface SyncWorkerReport {
  readonly hasSyncHandle: boolean;
  readonly roundTrip: boolean;
  readonly rewriteOk: boolean;
  readonly shortWriteCode: string | undefined;
  readonly shortWriteNeeded: unknown;
  readonly throwingWriteCode: string | undefined;
  readonly entries: string[];
  readonly error?: string;
}

interface SyncHandleProto {
  write(buffer: Uint8Array, options?: { at?: number }): number;
}

function bytesOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + seed) & 0xff;
  return bytes;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function codeOf(promise: Promise<unknown>): Promise<[string | undefined, unknown]> {
  try {
    await promise;
    return [undefined, undefined];
  } catch (e) {
    return e instanceof StrataError ? [e.code, e.details.neededBytes] : [`not a StrataError: ${String(e)}`, undefined];
  }
}

async function run({ dir, bytes }: SyncWorkerRequest): Promise<SyncWorkerReport> {
  const g = globalThis as unknown as {
    FileSystemFileHandle: { prototype: object };
    FileSystemSyncAccessHandle?: { prototype: SyncHandleProto };
  };
  const hasSyncHandle =
    typeof (g.FileSystemFileHandle.prototype as { createSyncAccessHandle?: unknown }).createSyncAccessHandle ===
    'function';
  const store = await openOpfsBlobStore(dir);
  const data = bytesOf(bytes, 1);
  await store.write('sync-a', data);
  const roundTrip = same(await store.read('sync-a'), data);
  await store.write('sync-a', bytesOf(10, 2));
  const rewriteOk = same(await store.read('sync-a'), bytesOf(10, 2));

  // Chrome at quota: write() returns a short count instead of throwing.
  const proto = g.FileSystemSyncAccessHandle?.prototype;
  let shortWrite: [string | undefined, unknown] = ['no FileSystemSyncAccessHandle', undefined];
  let throwingWrite: [string | undefined, unknown] = ['no FileSystemSyncAccessHandle', undefined];
  if (proto) {
    const original = proto.write;
    proto.write = function (this: SyncHandleProto, buffer, options) {
      return original.call(this, buffer.subarray(0, Math.floor(buffer.byteLength / 2)), options);
    };
    shortWrite = await codeOf(store.write('sync-short', bytesOf(1000, 3)));
    proto.write = () => {
      throw new DOMException('Disk full', 'QuotaExceededError');
    };
    throwingWrite = await codeOf(store.write('sync-quota', bytesOf(1000, 3)));
    proto.write = original;
  }
  const entries: string[] = [];
  for await (const name of store.dir.keys()) entries.push(name);
  return {
    hasSyncHandle,
    roundTrip,
    rewriteOk,
    shortWriteCode: shortWrite[0],
    shortWriteNeeded: shortWrite[1],
    throwingWriteCode: throwingWrite[0],
    entries: entries.sort(),
  };
}

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<SyncWorkerRequest>) => void) | null;
  postMessage(message: SyncWorkerReport | { error: string }): void;
};
scope.onmessage = (event) => {
  run(event.data).then(
    (report) => scope.postMessage(report),
    (e: unknown) => scope.postMessage({ error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
  );
};
