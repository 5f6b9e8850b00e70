import { useEffect, useState } from 'react';
import { getClient, isAbort } from '../../client/client';
import type { Schema } from '../../protocol/dto';
import { decodeWindow, WindowReader } from '../arrow';
import { messageOf } from '../common/format';
import { queryKey, type GridQuery } from './query';
import { WINDOW_ROWS, windowCache, windowsFor, type RowWindow } from './window-cache';

export interface RowWindows {
  /** The data on screen: the version asked for once its windows have arrived, the previous one until then. */
  readonly key: string | null;
  readonly totalRows: number;
  readonly schema: Schema | undefined;
  /** True while the version or query asked for is not on screen yet. */
  readonly stale: boolean;
  readonly error: string | null;
  row(index: number): { readonly window: RowWindow; readonly offset: number } | undefined;
}

export interface RowWindowsRequest {
  readonly tableId: string;
  readonly version: number;
  readonly query: GridQuery;
  /** The rows in (or near) the viewport. */
  readonly first: number;
  readonly last: number;
}

/**
 * Fetches the windows of ~200 rows around the viewport from the worker as Arrow, caching them per version. All grid
 * reads share the client's 'grid' lane: while the slider is dragged only the newest request runs to completion.
 */
export function useRowWindows({ tableId, version, query, first, last }: RowWindowsRequest): RowWindows {
  const key = `${tableId}@${version}|${queryKey(query)}`;
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ key: string; message: string } | null>(null);
  const [, setArrivals] = useState(0);

  const meta = windowCache.meta(key);
  const needed = windowsFor(first, last, meta?.totalRows);
  const ready = meta !== undefined && needed.every((w) => windowCache.window(key, w));
  const firstMissing = ready ? -1 : (needed.find((w) => !windowCache.window(key, w)) ?? 0);
  const lastMissing = ready ? -1 : (needed.findLast((w) => !windowCache.window(key, w)) ?? firstMissing);

  useEffect(() => {
    if (firstMissing < 0) return;
    const client = getClient();
    const offset = firstMissing * WINDOW_ROWS;
    const limit = (lastMissing - firstMissing + 1) * WINDOW_ROWS;
    client
      .latest('grid', (requestId) =>
        client.api.read({
          requestId,
          tableId,
          asOf: { version },
          offset,
          limit,
          ...(query.filter ? { filter: query.filter } : {}),
          ...(query.range ? { range: query.range } : {}),
          ...(query.sort.length ? { sort: query.sort } : {}),
        }),
      )
      .then((result) => {
        const table = decodeWindow(result.ipc);
        const windows = new Map<number, RowWindow>();
        for (let w = firstMissing; w <= lastMissing; w++) {
          const start = w * WINDOW_ROWS - result.offset;
          const rows = Math.min(WINDOW_ROWS, result.totalRows - w * WINDOW_ROWS);
          if (start < 0 || rows <= 0 || start + rows > table.numRows) continue;
          windows.set(w, {
            reader: new WindowReader(table.slice(start, start + rows), result.schema.fields),
            positions: result.positions.subarray(start, start + rows),
          });
        }
        windowCache.store(key, { totalRows: result.totalRows, schema: result.schema }, windows);
        setShownKey(key);
        setFailure(null);
        setArrivals((n) => n + 1);
      })
      .catch((e: unknown) => {
        if (!isAbort(e)) setFailure({ key, message: messageOf(e) });
      });
    // The query is part of `key`; `first`/`last` matter only through the missing windows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, firstMissing, lastMissing]);

  const displayKey = ready ? key : shownKey;
  const displayMeta = displayKey ? windowCache.meta(displayKey) : undefined;
  return {
    key: displayKey,
    totalRows: displayMeta?.totalRows ?? 0,
    schema: displayMeta?.schema,
    stale: !ready,
    error: failure?.key === key ? failure.message : null,
    row(index) {
      if (!displayKey) return undefined;
      const window = windowCache.window(displayKey, Math.floor(index / WINDOW_ROWS));
      return window && { window, offset: index % WINDOW_ROWS };
    },
  };
}
