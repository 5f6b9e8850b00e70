/**
 * Opens the app's storage for the engine: OPFS + IndexedDB when the browser allows it, else memory with a banner
 * saying nothing will be saved and why (never a silent fresh start).
 */
import { openBrowserStorage } from '../engine/storage/browser';
import { createMemoryStorage } from '../engine/storage/memory';
import type { EngineStorage } from '../engine/storage/ports';

export interface OpenedStorage {
  readonly storage: EngineStorage;
  readonly problems: string[];
}

export async function openAppStorage(onVersionChange: () => void): Promise<OpenedStorage> {
  try {
    return { storage: await openBrowserStorage({ onVersionChange }), problems: [] };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      storage: createMemoryStorage(),
      problems: [`Storage is unavailable, so nothing you import will be saved when this tab closes: ${reason}`],
    };
  }
}
