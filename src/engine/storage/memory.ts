import { MemoryBlobStore } from './memory-blob-store';
import { MemoryCatalog } from './memory-catalog';
import { MemoryLocks } from './memory-locks';
import { MemoryNotifier } from './memory-notifier';
import type { EngineStorage } from './ports';

/** Fresh, empty in-memory storage for unit tests (one "tab"; link notifiers yourself for several). */
export function createMemoryStorage(): EngineStorage {
  return {
    blobs: new MemoryBlobStore(),
    catalog: new MemoryCatalog(),
    locks: new MemoryLocks(),
    notifier: new MemoryNotifier(),
  };
}
