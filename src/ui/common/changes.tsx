/**
 * One "revision" counter the whole UI refetches on: it moves when any tab (this one included) commits, renames,
 * tags or expires something, and when this tab finishes an action (`refresh`). Data hooks put it in their keys.
 */
import { proxy } from 'comlink';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { getClient } from '../../client/client';

export interface ChangeEvent {
  readonly kind: string;
  readonly tableId?: string | undefined;
}

const listeners = new Set<(event: ChangeEvent) => void>();
let subscribed = false;

/** Subscribes to the worker's change feed once per page (StrictMode runs effects twice; the worker is shared). */
function listen(listener: (event: ChangeEvent) => void): () => void {
  listeners.add(listener);
  if (!subscribed) {
    subscribed = true;
    const client = getClient();
    const onChange = proxy((event: ChangeEvent) => listeners.forEach((l) => l(event)));
    void client.ready.then(() => client.api.subscribe(onChange));
  }
  return () => listeners.delete(listener);
}

interface Changes {
  readonly revision: number;
  readonly refresh: () => void;
}

const ChangesContext = createContext<Changes>({ revision: 0, refresh: () => {} });

export function ChangesProvider({ children }: { children: ReactNode }) {
  const [revision, setRevision] = useState(0);
  const refresh = useCallback(() => setRevision((r) => r + 1), []);
  useEffect(() => listen(refresh), [refresh]);
  const value = useMemo(() => ({ revision, refresh }), [revision, refresh]);
  return <ChangesContext value={value}>{children}</ChangesContext>;
}

export function useChanges(): Changes {
  return useContext(ChangesContext);
}
