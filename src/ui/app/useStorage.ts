import { useCallback, useEffect, useRef, useState } from 'react';

export interface StorageState {
  readonly usage: number | null;
  readonly quota: number | null;
  /** null until known; false: the browser may evict this origin's data under storage pressure. */
  readonly persisted: boolean | null;
  /** True once `persist()` was asked and refused. */
  readonly refused: boolean;
}

/**
 * Storage used/available and persistence, from the main thread (`navigator.storage.persist` does not exist in
 * workers). Persistence is asked for once, after the first commit, when there is something worth keeping.
 */
export function useStorage(revision: number) {
  const [state, setState] = useState<StorageState>({ usage: null, quota: null, persisted: null, refused: false });
  const asked = useRef(false);

  useEffect(() => {
    const storage = navigator.storage as StorageManager | undefined;
    if (!storage) return;
    let live = true;
    void Promise.all([storage.estimate(), storage.persisted()]).then(([estimate, persisted]) => {
      if (live) setState((s) => ({ ...s, usage: estimate.usage ?? null, quota: estimate.quota ?? null, persisted }));
    });
    return () => {
      live = false;
    };
  }, [revision]);

  const requestPersistence = useCallback(async () => {
    const storage = navigator.storage as StorageManager | undefined;
    if (asked.current || !storage?.persist) return;
    asked.current = true;
    if (await storage.persisted()) return setState((s) => ({ ...s, persisted: true }));
    const granted = await storage.persist();
    setState((s) => ({ ...s, persisted: granted, refused: !granted }));
  }, []);

  return { storage: state, requestPersistence };
}
