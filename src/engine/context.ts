/**
 * Shared state of one engine instance: storage ports, clock, caches, and the lookups every operation needs
 * (tables, versions, a version's segment list and its row view).
 */
import { StrataError } from './errors';
import type { SegmentRef, TableRecord, VersionRecord } from './model/records';
import { applyDelta, deltaSize } from './model/segments';
import { FileLoader } from './read/loader';
import { loadRef, VersionView } from './read/view';
import type { EngineStorage } from './storage/ports';
import { randomId } from './util/id';
import { Lru } from './util/lru';

export interface EngineOptions {
  /** UTC ms; tests pass a fake clock to commit "on" any date. */
  readonly clock?: () => number;
  readonly newId?: () => string;
  /** Rows per data file written. */
  readonly segmentRows?: number;
  /** Retries of an append whose base moved (it is re-based each time). */
  readonly appendRetries?: number;
  /**
   * Compact a table in the background once its head has at least this many segments, most of them small (the app
   * sets it; off by default so tests see only the versions they make).
   */
  readonly autoCompactSegments?: number;
}

interface CachedList {
  readonly list: readonly SegmentRef[];
  /** Delta entries replayed since the checkpoint this list builds on. */
  readonly chainCost: number;
}

export const lockNames = {
  write: (tableId: string) => `strata:write:${tableId}`,
  read: (tableId: string) => `strata:read:${tableId}`,
  stage: (stagingId: string) => `strata:stage:${stagingId}`,
  catalog: 'strata:catalog',
} as const;

export class EngineContext {
  readonly clock: () => number;
  readonly newId: () => string;
  readonly segmentRows: number;
  readonly appendRetries: number;
  readonly autoCompactSegments: number;
  readonly loader: FileLoader;
  private readonly lists = new Lru<string, CachedList>(50_000, (c) => c.list.length + 1);

  constructor(
    readonly storage: EngineStorage,
    opts: EngineOptions = {},
  ) {
    this.clock = opts.clock ?? (() => Date.now());
    this.newId = opts.newId ?? randomId;
    this.segmentRows = opts.segmentRows ?? 131_072;
    this.appendRetries = opts.appendRetries ?? 8;
    this.autoCompactSegments = opts.autoCompactSegments ?? Infinity;
    this.loader = new FileLoader(storage.blobs, storage.catalog);
  }

  get catalog() {
    return this.storage.catalog;
  }

  async table(tableId: string): Promise<TableRecord> {
    const table = await this.catalog.getTable(tableId);
    if (!table) throw new StrataError('NOT_FOUND', `No table with id ${tableId}`, { tableId });
    return table;
  }

  async tableByName(name: string): Promise<TableRecord | undefined> {
    return (await this.catalog.listTables()).find((t) => t.name === name);
  }

  /** A live (not expired) version record. */
  async version(table: TableRecord, version: number): Promise<VersionRecord> {
    const record = await this.catalog.getVersion(table.id, version);
    if (!record) {
      throw new StrataError('NOT_FOUND', `${table.name} has no version ${version}`, { tableId: table.id, version });
    }
    if (record.expiredAt !== undefined) {
      throw new StrataError(
        'EXPIRED',
        `Version ${version} of ${table.name} was expired on ${new Date(record.expiredAt).toISOString()}`,
        { tableId: table.id, version, expiredAt: record.expiredAt },
      );
    }
    return record;
  }

  private async cachedList(record: VersionRecord): Promise<CachedList> {
    const hit = this.lists.get(record.id);
    if (hit) return hit;
    const chain = await this.catalog.listVersions(record.tableId, record.checkpointAt, record.version);
    const first = chain[0];
    if (!first || first.version !== record.checkpointAt || !first.checkpoint) {
      throw new StrataError(
        'CORRUPT_FILE',
        `The metadata of version ${record.version} is incomplete (checkpoint ${record.checkpointAt} missing)`,
        { tableId: record.tableId, version: record.version },
      );
    }
    let list: SegmentRef[] = [...first.checkpoint];
    let chainCost = 0;
    for (const r of chain.slice(1)) {
      if (r.checkpoint) {
        list = [...r.checkpoint];
        chainCost = 0;
      } else {
        list = applyDelta(list, r.delta);
        chainCost += deltaSize(r.delta);
      }
    }
    const cached = { list, chainCost };
    this.lists.set(record.id, cached);
    return cached;
  }

  async list(record: VersionRecord): Promise<readonly SegmentRef[]> {
    return (await this.cachedList(record)).list;
  }

  async chainCost(record: VersionRecord): Promise<number> {
    return (await this.cachedList(record)).chainCost;
  }

  rememberList(record: VersionRecord, list: readonly SegmentRef[], chainCost: number): void {
    this.lists.set(record.id, { list, chainCost });
  }

  async view(record: VersionRecord): Promise<VersionView> {
    return this.viewOf(record, await this.list(record));
  }

  /** A view over some refs of a version (its positions then count from the first of them). */
  async viewOf(record: VersionRecord, refs: readonly SegmentRef[]): Promise<VersionView> {
    return new VersionView(record, await Promise.all(refs.map((ref) => loadRef(this.loader, ref))));
  }
}
