import { isStrataError, StrataError } from '../errors';
import { BroadcastNotifier } from './broadcast-notifier';
import { errorMessage } from './dom-errors';
import { openIdbCatalog } from './idb-catalog';
import { openOpfsBlobStore } from './opfs-blob-store';
import type { EngineStorage } from './ports';
import { WebLocks } from './web-locks';

/** Options of {@link openBrowserStorage}. */
export interface BrowserStorageOptions {
  /** IndexedDB database of the catalog. Default 'strata'. */
  readonly dbName?: string;
  /** OPFS directory of the data files. Default 'strata-data'. */
  readonly dataDir?: string;
  /** Called when the catalog was closed for a newer build of the app (in another tab): the app should reload. */
  readonly onVersionChange?: () => void;
}

/**
 * The app's storage: IndexedDB catalog, OPFS data files, Web Locks, BroadcastChannel. Meant for the engine worker
 * (OPFS writes use sync access handles there). Rejects with STORAGE_UNAVAILABLE / FORMAT_TOO_NEW when a part cannot be
 * opened; nothing stays open then.
 */
export async function openBrowserStorage(opts: BrowserStorageOptions = {}): Promise<EngineStorage> {
  // The constructors throw synchronously when the API is missing: before anything is opened.
  const locks = new WebLocks();
  const notifier = new BroadcastNotifier();
  const [catalog, blobs] = await Promise.allSettled([
    openIdbCatalog(opts.dbName ?? 'strata', opts.onVersionChange ? { onVersionChange: opts.onVersionChange } : {}),
    openOpfsBlobStore(opts.dataDir),
  ]);
  if (catalog.status === 'fulfilled' && blobs.status === 'fulfilled') {
    return { blobs: blobs.value, catalog: catalog.value, locks, notifier };
  }
  notifier.close();
  if (catalog.status === 'fulfilled') catalog.value.close();
  if (catalog.status === 'rejected' && blobs.status === 'rejected') throw bothFailed(catalog.reason, blobs.reason);
  throw (catalog.status === 'rejected' ? catalog.reason : (blobs as PromiseRejectedResult).reason) as Error;
}

/**
 * Both parts refused: one error naming both reasons (they often differ: site data blocked, a newer catalog, a broken
 * profile folder). A newer catalog keeps its FORMAT_TOO_NEW code, since reloading is then what helps.
 */
function bothFailed(idb: unknown, opfs: unknown): StrataError {
  const code = isStrataError(idb) && idb.code === 'FORMAT_TOO_NEW' ? 'FORMAT_TOO_NEW' : 'STORAGE_UNAVAILABLE';
  const idbReason = errorMessage(idb);
  const opfsReason = errorMessage(opfs);
  return new StrataError(
    code,
    `${idbReason.replace(/\.$/, '')}. The data files could not be opened either: ${opfsReason}`,
    {
      indexedDb: idbReason,
      opfs: opfsReason,
    },
  );
}
