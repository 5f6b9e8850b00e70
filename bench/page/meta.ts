/**
 * Metadata bytes of a table in the catalog, read straight from IndexedDB (the page may open the worker's database
 * read-only): the JSON length of its table, version and file records. JSON length approximates the stored size
 * (IndexedDB stores structured clones, compressed on disk); `navigator.storage.estimate()` gives the origin's total.
 */
function openCatalog(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('strata');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onupgradeneeded = () => {
      req.transaction?.abort();
      reject(new Error('There is no "strata" catalog yet'));
    };
  });
}

function all(req: IDBRequest<unknown[]>): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

const jsonBytes = (records: unknown[]) => records.reduce<number>((n, r) => n + JSON.stringify(r).length, 0);

export async function metaBytes(req: { tableId: string }) {
  const db = await openCatalog();
  try {
    const tx = db.transaction(['tables', 'versions', 'files'], 'readonly');
    const [tables, versions, files] = await Promise.all([
      all(tx.objectStore('tables').getAll(req.tableId)),
      all(tx.objectStore('versions').getAll(IDBKeyRange.bound([req.tableId, -Infinity], [req.tableId, Infinity]))),
      all(tx.objectStore('files').index('tableId').getAll(req.tableId)),
    ]);
    const v = jsonBytes(versions);
    const f = jsonBytes(files);
    const t = jsonBytes(tables);
    return { versions: versions.length, versionBytes: v, files: files.length, fileBytes: f, total: v + f + t };
  } finally {
    db.close();
  }
}

export async function storageEstimate(): Promise<{
  usage: number;
  indexedDB: number | null;
  fileSystem: number | null;
}> {
  const e = (await navigator.storage.estimate()) as StorageEstimate & { usageDetails?: Record<string, number> };
  return {
    usage: e.usage ?? 0,
    indexedDB: e.usageDetails?.indexedDB ?? null,
    fileSystem: e.usageDetails?.fileSystem ?? null,
  };
}
