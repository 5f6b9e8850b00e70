/**
 * One "revision" counter the whole UI refetches on: it moves when any tab (this one included) commits, renames,
 * tags or expires something, and when this tab finishes an action (`refresh`). Data hooks put it in their keys.
 */
import { proxy } from 'comlink';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { getClient } from '../../client/client';

export interface ChangeEvent {
  readonly kind: string;
  readonly tableId?: string | undefined;
}

const listeners = new Set<(event: ChangeEvent) => void>();
const upgradeListeners = new Set<() => void>();
let subscribed = false;
let upgraded = false;

/**
 * Subscribes to the worker's change feed once per page (StrictMode runs effects twice; the worker is shared). An
 * 'upgrade' (a newer build took the database over; this tab's connection is closed) is not a change to refetch on:
 * every refetch would fail and each panel would show its own error, so it only flips the `upgraded` flag, once.
 */
function subscribeOnce(): void {
  if (subscribed) return;
  subscribed = true;
  const client = getClient();
  const onChange = proxy((event: ChangeEvent) => {
    if (event.kind !== 'upgrade') return listeners.forEach((l) => l(event));
    if (upgraded) return;
    upgraded = true;
    upgradeListeners.forEach((l) => l());
  });
  void client.ready.then(() => client.api.subscribe(onChange));
}

function listen(listener: (event: ChangeEvent) => void): () => void {
  listeners.add(listener);
  subscribeOnce();
  return () => listeners.delete(listener);
}

function listenUpgrade(listener: () => void): () => void {
  upgradeListeners.add(listener);
  subscribeOnce();
  return () => upgradeListeners.delete(listener);
}

/** True once a newer build of Strata (in another tab) upgraded the database: this tab must reload. */
export function useUpgraded(): boolean {
  return useSyncExternalStore(listenUpgrade, () => upgraded);
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
