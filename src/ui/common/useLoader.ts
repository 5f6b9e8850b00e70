import { useEffect, useState } from 'react';
import { isAbort } from '../../client/client';
import { messageOf } from './format';

export interface Loaded<T> {
  /** The latest value loaded; kept while a newer load runs, so panels never flash empty. */
  readonly data: T | undefined;
  readonly error: string | null;
  /** The key `data` was loaded for (differs from the current key while loading). */
  readonly loadedKey: string | null;
}

/**
 * Runs `load` whenever `key` changes (null: nothing to load) and keeps its latest result. A load superseded by a
 * newer key is ignored, so out-of-order answers never win. `load` is read at the time `key` changes: everything it
 * depends on must be part of `key`.
 */
export function useLoader<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: undefined, error: null, loadedKey: null });
  useEffect(() => {
    if (key === null) return;
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null, loadedKey: key }),
      (e: unknown) => live && !isAbort(e) && setState((s) => ({ ...s, error: messageOf(e), loadedKey: key })),
    );
    return () => {
      live = false;
    };
    // `load` is deliberately not a dependency: `key` names everything it reads (see above).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
