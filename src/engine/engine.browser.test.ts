import { afterAll } from 'vitest';
import { describeEngineContract } from './engine.contract';
import { openBrowserStorage } from './storage/browser';
import type { EngineStorage } from './storage/ports';

// Vitest browser mode shares one origin across files: unique database and directory names, removed afterwards.
const opened: { storage: EngineStorage; dbName: string; dataDir: string }[] = [];
let counter = 0;

afterAll(async () => {
  const root = await navigator.storage.getDirectory();
  for (const { storage, dbName, dataDir } of opened) {
    storage.catalog.close();
    indexedDB.deleteDatabase(dbName);
    await root.removeEntry(dataDir, { recursive: true }).catch(() => undefined);
  }
});

describeEngineContract('OPFS + IndexedDB', async () => {
  counter += 1;
  const dbName = `engine-contract-${Date.now()}-${counter}`;
  const dataDir = `engine-contract-${Date.now()}-${counter}`;
  const storage = await openBrowserStorage({ dbName, dataDir });
  opened.push({ storage, dbName, dataDir });
  return storage;
});
