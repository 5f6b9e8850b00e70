/**
 * Opens the app's storage for the engine: OPFS + IndexedDB when the browser allows it, else memory with a banner
 * saying nothing will be saved and why (never a silent fresh start).
 */
import { isStrataError } from '../engine/errors';
import { openBrowserStorage } from '../engine/storage/browser';
import { createMemoryStorage } from '../engine/storage/memory';
import type { EngineStorage } from '../engine/storage/ports';

export interface OpenedStorage {
  readonly storage: EngineStorage;
  readonly problems: string[];
  /** The stored data was written by a newer Strata than this tab runs: only a reload (into that build) helps. */
  readonly reloadRequired: boolean;
}

export async function openAppStorage(
  onVersionChange: () => void,
  open: typeof openBrowserStorage = openBrowserStorage,
): Promise<OpenedStorage> {
  try {
    return { storage: await open({ onVersionChange }), problems: [], reloadRequired: false };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    // Not "unavailable": the data is there, written by a newer build; this tab must not touch it, and must reload.
    const tooNew = isStrataError(e) && e.code === 'FORMAT_TOO_NEW';
    return {
      storage: createMemoryStorage(),
      problems: [
        tooNew
          ? `This tab runs an older version of Strata than the one that last opened your data, so it cannot show or change it. Reload this tab to run the newer version; until then nothing you do here is saved. (${reason})`
          : `Storage is unavailable, so nothing you import will be saved when this tab closes: ${reason}`,
      ],
      reloadRequired: tooNew,
    };
  }
}
