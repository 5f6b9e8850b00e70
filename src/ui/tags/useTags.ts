import { getClient } from '../../client/client';
import type { TagInfo } from '../../protocol/dto';
import { useLoader } from '../common/useLoader';

/** Every tag, newest first; reloaded when `revision` moves. */
export function useTags(revision: number): TagInfo[] {
  const loaded = useLoader(`tags|${revision}`, async () => {
    const client = getClient();
    await client.ready;
    return client.api.listTags();
  });
  return loaded.data ?? NO_TAGS;
}

const NO_TAGS: TagInfo[] = [];

/** A table's tagged versions: version → tag names. */
export function tagsByVersion(tags: readonly TagInfo[], tableId: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const tag of tags) {
    for (const e of tag.entries) {
      if (e.tableId !== tableId) continue;
      const names = out.get(e.version) ?? [];
      names.push(tag.name);
      out.set(e.version, names);
    }
  }
  return out;
}
