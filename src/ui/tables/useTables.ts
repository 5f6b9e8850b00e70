import { getClient } from '../../client/client';
import type { TableInfo } from '../../protocol/dto';
import { useLoader } from '../common/useLoader';

/** Every table, by name; reloaded when `revision` moves. `undefined` until the first answer. */
export function useTables(revision: number): { tables: TableInfo[] | undefined; error: string | null } {
  const loaded = useLoader(`tables|${revision}`, async () => {
    const client = getClient();
    await client.ready;
    const tables = await client.api.listTables();
    return tables.sort((a, b) => a.name.localeCompare(b.name));
  });
  return { tables: loaded.data, error: loaded.error };
}
