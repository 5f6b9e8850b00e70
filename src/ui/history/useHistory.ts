import { getClient } from '../../client/client';
import type { VersionInfo } from '../../protocol/dto';
import { useLoader } from '../common/useLoader';

const PAGE = 500;

async function loadAllVersions(tableId: string): Promise<VersionInfo[]> {
  const { api } = getClient();
  const out: VersionInfo[] = [];
  for (;;) {
    const page = await api.history({ tableId, offset: out.length, limit: PAGE });
    out.push(...page.versions);
    if (page.versions.length === 0 || out.length >= page.total) return out;
  }
}

/**
 * Every version of a table, newest first (expired ones included, marked). Reloaded when `revision` moves; the
 * previous table's versions are never returned for another table.
 */
export function useHistory(
  tableId: string,
  revision: number,
): { versions: VersionInfo[] | undefined; error: string | null } {
  const loaded = useLoader(`${tableId}|${revision}`, () => loadAllVersions(tableId));
  const current = loaded.loadedKey?.startsWith(`${tableId}|`) ?? false;
  return { versions: current ? loaded.data : undefined, error: current ? loaded.error : null };
}
