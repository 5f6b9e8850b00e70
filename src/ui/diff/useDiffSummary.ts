import { getClient } from '../../client/client';
import type { DiffRequest } from '../../protocol/api';
import type { DiffSummary } from '../../protocol/dto';
import { useLoader } from '../common/useLoader';
import { diffKey } from './diff-window';

export interface DiffSummaryState {
  /** The latest summary loaded (kept while a newer one loads, so the view never flashes empty). */
  readonly summary: DiffSummary | undefined;
  /** True when `summary` answers the request asked for. */
  readonly current: boolean;
  readonly error: string | null;
}

/** The diff summary of two versions; the worker computes a diff once and caches it, so paging costs only the page. */
export function useDiffSummary(request: DiffRequest | null): DiffSummaryState {
  const key = request ? diffKey(request) : null;
  const loaded = useLoader(key, () => {
    const client = getClient();
    return client.latest('diff-summary', (requestId) => client.api.diff({ ...request!, requestId }));
  });
  const current = key !== null && loaded.loadedKey === key;
  return { summary: loaded.data, current: current && loaded.data !== undefined, error: current ? loaded.error : null };
}
