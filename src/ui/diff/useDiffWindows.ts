import { useEffect, useState } from 'react';
import { getClient, isAbort } from '../../client/client';
import type { DiffRequest } from '../../protocol/api';
import type { ChangeKind, DiffSummary } from '../../protocol/dto';
import { decodeWindow } from '../arrow';
import { messageOf } from '../common/format';
import { WINDOW_ROWS, windowsFor } from '../grid/window-cache';
import { diffCache } from './diff-cache';
import { diffKey, DiffWindowReader } from './diff-window';

export interface DiffRows {
  readonly total: number;
  /** True while the rows asked for are not on screen yet (the previous ones are shown until then). */
  readonly stale: boolean;
  readonly error: string | null;
  row(index: number): { readonly reader: DiffWindowReader; readonly offset: number } | undefined;
}

export interface DiffRowsRequest {
  readonly request: DiffRequest;
  /** The summary of `request` (column names of the windows); null while it loads. */
  readonly summary: DiffSummary | null;
  /** Change kinds to show; all three: no filter. */
  readonly change: readonly ChangeKind[];
  /** The rows in (or near) the viewport. */
  readonly first: number;
  readonly last: number;
}

/**
 * Fetches the windows of diff rows around the viewport (diffWindow), a few hundred rows at a time, on the 'diff-grid'
 * lane: a newer request cancels the previous one, as the row grid does while the slider is dragged.
 */
export function useDiffWindows({ request, summary, change, first, last }: DiffRowsRequest): DiffRows {
  const filtered = change.length < 3;
  const key = `${diffKey(request)}|${filtered ? change.join(',') : '*'}`;
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const [, setArrivals] = useState(0);

  const total = diffCache.total(key);
  const needed = windowsFor(first, last, total);
  const ready = total !== undefined && needed.every((w) => diffCache.window(key, w));
  const firstMissing = ready || !summary ? -1 : (needed.find((w) => !diffCache.window(key, w)) ?? 0);
  const lastMissing = firstMissing < 0 ? -1 : (needed.findLast((w) => !diffCache.window(key, w)) ?? firstMissing);

  useEffect(() => {
    if (firstMissing < 0 || !summary) return;
    const client = getClient();
    const offset = firstMissing * WINDOW_ROWS;
    const limit = (lastMissing - firstMissing + 1) * WINDOW_ROWS;
    client
      .latest('diff-grid', (requestId) =>
        client.api.diffWindow({ ...request, requestId, offset, limit, ...(filtered ? { change } : {}) }),
      )
      .then((result) => {
        const table = decodeWindow(result.ipc);
        const windows = new Map<number, DiffWindowReader>();
        for (let w = firstMissing; w <= lastMissing; w++) {
          const start = w * WINDOW_ROWS - result.offset;
          const rows = Math.min(WINDOW_ROWS, result.total - w * WINDOW_ROWS);
          if (start < 0 || rows <= 0 || start + rows > table.numRows) continue;
          windows.set(w, new DiffWindowReader(table.slice(start, start + rows), summary));
        }
        diffCache.store(key, result.total, windows);
        setShownKey(key);
        setFailure(null);
        setArrivals((n) => n + 1);
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setFailure({ key, message: messageOf(e) });
      });
    // `request`, `change` and `summary` are named by `key`; `first`/`last` matter only through the missing windows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, firstMissing, lastMissing, summary !== null]);

  const displayKey = ready ? key : shownKey;
  return {
    total: (displayKey === null ? undefined : diffCache.total(displayKey)) ?? 0,
    stale: !ready,
    error: failure?.key === key ? failure.message : null,
    row(index) {
      if (!displayKey) return undefined;
      const reader = diffCache.window(displayKey, Math.floor(index / WINDOW_ROWS));
      return reader && { reader, offset: index % WINDOW_ROWS };
    },
  };
}
