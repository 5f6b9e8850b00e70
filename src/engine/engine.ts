/**
 * StrataEngine: the versioning engine's public API. Pure TypeScript over the storage ports, so it runs unchanged in
 * Node tests (memory storage) and in the worker (OPFS + IndexedDB + Web Locks). See docs/engine.md.
 */
import type { Table } from 'apache-arrow';
import { commitPrepared, headState, type CommitInfo, type Prepared } from './commit';
import { EngineContext, lockNames, type EngineOptions } from './context';
import { ConflictError, StrataError } from './errors';
import { checkHealth, isReadableTable } from './health';
import { CATALOG_FORMAT, type SegmentRef, type TableRecord, type TagRecord, type VersionRecord } from './model/records';
import type { Schema } from './model/schema';
import { filesOf, rowCount } from './model/segments';
import { isTiny, prepareCompact, prepareDelete, prepareRestore, selectRows, type RowSelector } from './ops/maintain';
import { prepareUpdateRange, prepareUpsert, type UpdateRangeOptions, type UpsertOptions } from './ops/update';
import {
  isReplayable,
  prepareAppend,
  prepareOverwrite,
  resolveAgainst,
  type RowSource,
  type WriteOptions,
} from './ops/write';
import { gatherAll, gatherRows } from './read/gather';
import {
  compilePredicate,
  rangeTest,
  selectPositions,
  sortPositions,
  type Predicate,
  type RangeFilter,
  type SortKey,
} from './read/query';
import type { VersionView } from './read/view';
import { collectGarbage, expire, type ExpireOptions, type ExpireReport, type GcReport } from './retention';
import { withStaging, type Stager } from './staging';
import type { EngineStorage } from './storage/ports';
import { Lru } from './util/lru';
import { verify, type VerifyReport } from './verify';

export type AsOf = { readonly version: number } | { readonly time: number } | { readonly tag: string };

export interface ReadOptions {
  readonly columns?: readonly string[] | undefined;
  readonly range?: RangeFilter | undefined;
  readonly filter?: Predicate | undefined;
  readonly sort?: readonly SortKey[] | undefined;
  readonly offset?: number | undefined;
  readonly limit?: number | undefined;
}

export interface ReadResult {
  readonly version: number;
  readonly schema: Schema;
  readonly totalRows: number;
  readonly offset: number;
  readonly table: Table;
  readonly positions: Int32Array;
}

export interface StartupReport {
  readonly incompleteImports: { tableName: string; startedAt: number; description: string }[];
  readonly warnings: string[];
}

export interface TagInfo {
  readonly name: string;
  readonly createdAt: number;
  readonly message?: string | undefined;
  readonly entries: { tableId: string; tableName: string; version: number }[];
}

export interface SchemaCheck {
  readonly ok: boolean;
  readonly newColumns: string[];
  readonly missingColumns: string[];
  readonly widenedColumns: string[];
  readonly errors: string[];
}

export interface TableSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly head: number;
  readonly rows: number;
  readonly bytes: number;
  readonly liveVersions: number;
  readonly lastCommitAt: number | null;
  readonly schema: Schema;
}

// Any printable text up to 128 characters; control characters would make names unreadable in lists and files.
// eslint-disable-next-line no-control-regex
const TABLE_NAME = /^[^\u0000-\u001f]{1,128}$/;

export class StrataEngine {
  readonly ctx: EngineContext;
  private readonly selections = new Lru<string, Int32Array>(64 * 1024 * 1024, (a) => a.byteLength || 1);

  constructor(storage: EngineStorage, opts: EngineOptions = {}) {
    this.ctx = new EngineContext(storage, opts);
  }

  /**
   * Checks the catalog format, reports imports a closed tab left unfinished (their files are then reclaimed), and runs
   * the health checks of health.ts (site data partly cleared, records of an unknown shape): warnings, never changes.
   */
  async open(): Promise<StartupReport> {
    const { catalog, locks } = this.ctx.storage;
    const meta = await catalog.getMeta();
    const warnings: string[] = [];
    if (meta && meta.format > CATALOG_FORMAT) {
      throw new StrataError(
        'FORMAT_TOO_NEW',
        `This store was written by a newer Strata (format ${meta.format}; this build reads up to ${CATALOG_FORMAT}). Reload to get the newer version; nothing was changed.`,
        { format: meta.format },
      );
    }
    if (!meta) {
      const tables = await catalog.listTables();
      if (tables.length) warnings.push('The catalog had no format record; it was added.');
      await catalog.apply({
        meta: { key: 'meta', format: CATALOG_FORMAT, createdAt: this.ctx.clock(), storeId: this.ctx.newId() },
      });
    }
    const held = await locks.heldNames();
    const incompleteImports = (await catalog.listStaging())
      .filter((s) => !held.has(s.lockName))
      .map((s) => ({ tableName: s.tableName, startedAt: s.startedAt, description: s.description }));
    if (incompleteImports.length) {
      // A failure here must not stop the app from starting: the records stay, and the next start tries again.
      await collectGarbage(this.ctx).catch((e: unknown) =>
        warnings.push(
          `The files of the unfinished import could not be reclaimed yet (${e instanceof Error ? e.message : String(e)}); Strata will try again at the next start.`,
        ),
      );
    }
    // After the GC above, so files of the imports just reclaimed are not mistaken for a cleared catalog's leftovers.
    warnings.push(...(await checkHealth(this.ctx)));
    return { incompleteImports, warnings };
  }

  // ---- tables -------------------------------------------------------------------------------------------------

  async listTables(): Promise<TableSummary[]> {
    const tables = await this.ctx.catalog.listTables();
    // A record of a shape this build cannot read (open() reported it) is left out instead of breaking the whole list.
    const readable = await Promise.all(tables.map((t) => isReadableTable(this.ctx, t)));
    return Promise.all(tables.filter((_, i) => readable[i]).map((t) => this.summarize(t)));
  }

  private async summarize(t: TableRecord): Promise<TableSummary> {
    const files = await this.ctx.catalog.listFiles(t.id);
    const versions = t.head >= 0 ? await this.ctx.catalog.listVersions(t.id, 0, t.head) : [];
    const head = versions.at(-1);
    return {
      id: t.id,
      name: t.name,
      createdAt: t.createdAt,
      head: t.head,
      rows: head?.summary.totalRows ?? 0,
      bytes: files.reduce((n, f) => n + f.bytes, 0),
      liveVersions: versions.filter((v) => v.expiredAt === undefined).length,
      lastCommitAt: head?.committedAt ?? null,
      schema: head?.schema ?? t.schema,
    };
  }

  async table(tableId: string): Promise<TableRecord> {
    return this.ctx.table(tableId);
  }

  async tableByName(name: string): Promise<TableRecord | undefined> {
    return this.ctx.tableByName(name);
  }

  /** Creates a table with an explicit schema; it has no version until its first commit. */
  async createTable(name: string, schema: Schema = { fields: [] }): Promise<TableRecord> {
    if (!TABLE_NAME.test(name.trim())) throw new StrataError('INVALID_ARGUMENT', `"${name}" is not a valid table name`);
    const record: TableRecord = {
      id: this.ctx.newId(),
      name: name.trim(),
      createdAt: this.ctx.clock(),
      head: -1,
      schema,
    };
    await this.ctx.storage.locks.request(lockNames.catalog, 'exclusive', () =>
      this.ctx.catalog.apply({ expectNameFree: [{ name: record.name }], tables: [record] }),
    );
    this.ctx.storage.notifier.publish({ kind: 'tables', tableId: record.id });
    return record;
  }

  async renameTable(tableId: string, name: string): Promise<void> {
    if (!TABLE_NAME.test(name.trim())) throw new StrataError('INVALID_ARGUMENT', `"${name}" is not a valid table name`);
    await this.ctx.storage.locks.request(lockNames.catalog, 'exclusive', async () => {
      const table = await this.ctx.table(tableId);
      await this.ctx.catalog.apply({
        expectNameFree: [{ name: name.trim(), exceptTableId: tableId }],
        expect: [{ tableId, head: table.head }],
        tables: [{ ...table, name: name.trim() }],
      });
    });
    this.ctx.storage.notifier.publish({ kind: 'tables', tableId });
  }

  /** Deletes a table, its versions and its entries in tags; GC frees its files. */
  async deleteTable(tableId: string): Promise<void> {
    await this.ctx.storage.locks.request(lockNames.write(tableId), 'exclusive', async () => {
      const table = await this.ctx.table(tableId);
      const versions = table.head >= 0 ? await this.ctx.catalog.listVersions(tableId, 0, table.head) : [];
      const tags = (await this.ctx.catalog.listTags()).filter((t) => t.entries.some((e) => e.tableId === tableId));
      await this.ctx.catalog.apply({
        expect: [{ tableId, head: table.head }],
        deleteTables: [tableId],
        deleteVersions: versions.map((v) => [tableId, v.version] as const),
        tags: tags.map((t) => ({ ...t, entries: t.entries.filter((e) => e.tableId !== tableId) })),
      });
    });
    this.ctx.storage.notifier.publish({ kind: 'tables', tableId });
    await collectGarbage(this.ctx);
  }

  // ---- writes -------------------------------------------------------------------------------------------------

  /**
   * Runs prepare + commit under a staging lock; everything staged is discarded if either fails. An operation overtaken
   * only by compactions (same content, same order) is prepared once more, with `rebaseOn` the head that overtook it,
   * when its rows can be read again (`replayable`). A spent stream cannot: then the ConflictError (onlyCompactions)
   * goes to the caller, who can start over from the stream's source (the CSV import reads its file again).
   */
  private async write(
    tableId: string,
    description: string,
    prepare: (stager: Stager, rebaseOn?: number) => Promise<Prepared | null>,
    replayable = true,
  ): Promise<CommitInfo | null> {
    const table = await this.ctx.table(tableId);
    const attempt = (rebaseOn?: number) =>
      withStaging(this.ctx, table.name, tableId, description, async (stager) => {
        const prepared = await prepare(stager, rebaseOn);
        return prepared ? commitPrepared(this.ctx, prepared) : null;
      });
    let info: CommitInfo | null;
    try {
      info = await attempt();
    } catch (e) {
      if (!(e instanceof ConflictError && e.details['onlyCompactions'] === true && replayable)) throw e;
      info = await attempt(e.details['head'] as number);
    }
    if (info && info.operation !== 'compact') this.maybeCompact(tableId);
    return info;
  }

  private compacting = new Set<string>();

  /**
   * Background compaction once tiny segments (what many small appends leave) pile up: it merges only those (see
   * compactionRuns), so it costs what the appends wrote, and a writer that commits meanwhile does not undo it (the
   * compaction swaps its runs into the moved head). A failure just drops it: the data is as it was.
   */
  private maybeCompact(tableId: string): void {
    if (this.compacting.has(tableId) || !Number.isFinite(this.ctx.autoCompactSegments)) return;
    this.compacting.add(tableId);
    void (async () => {
      const head = await headState(this.ctx, tableId);
      const tiny = head.list.filter((r) => isTiny(r, this.ctx.segmentRows)).length;
      if (tiny < this.ctx.autoCompactSegments) return;
      await this.write(tableId, 'compact', (s) =>
        prepareCompact(this.ctx, s, tableId, {
          auto: true,
          message: 'Compacted automatically (small segments piled up)',
        }),
      );
    })()
      .catch(() => undefined)
      .finally(() => this.compacting.delete(tableId));
  }

  private async must(p: Promise<CommitInfo | null>): Promise<CommitInfo> {
    const info = await p;
    if (!info) throw new StrataError('INTERNAL', 'Nothing to commit');
    return info;
  }

  /** Creates a table from its first rows: version 0, operation `create`. */
  async createFromData(name: string, rows: RowSource, opts: WriteOptions = {}): Promise<CommitInfo> {
    const table = await this.createTable(name);
    try {
      return await this.append(table.id, rows, opts);
    } catch (e) {
      await this.ctx.catalog.apply({ deleteTables: [table.id] }).catch(() => undefined);
      throw e;
    }
  }

  append(tableId: string, rows: RowSource, opts: WriteOptions = {}): Promise<CommitInfo> {
    const prepare = (s: Stager) => prepareAppend(this.ctx, s, tableId, rows, opts);
    return this.must(this.write(tableId, 'append', prepare, isReplayable(rows)));
  }

  overwrite(tableId: string, rows: RowSource, opts: WriteOptions = {}): Promise<CommitInfo> {
    const prepare = (s: Stager) => prepareOverwrite(this.ctx, s, tableId, rows, opts);
    return this.must(this.write(tableId, 'overwrite', prepare, isReplayable(rows)));
  }

  updateRange(tableId: string, rows: RowSource, opts: UpdateRangeOptions): Promise<CommitInfo> {
    const prepare = (s: Stager) => prepareUpdateRange(this.ctx, s, tableId, rows, opts);
    return this.must(this.write(tableId, 'update', prepare, isReplayable(rows)));
  }

  upsert(tableId: string, rows: RowSource, opts: UpsertOptions): Promise<CommitInfo> {
    const prepare = (s: Stager) => prepareUpsert(this.ctx, s, tableId, rows, opts);
    return this.must(this.write(tableId, 'update', prepare, isReplayable(rows)));
  }

  /**
   * Deletes the selected rows. With `base` (the version the user chose them on), a head that only compactions moved
   * is still fine: positions chosen on `base` designate the same rows there (content and order unchanged).
   */
  deleteRows(tableId: string, where: RowSelector, opts: { base?: number; message?: string } = {}): Promise<CommitInfo> {
    const prepare = (s: Stager, rebaseOn?: number) =>
      prepareDelete(
        this.ctx,
        s,
        tableId,
        where,
        rebaseOn !== undefined && opts.base !== undefined ? { ...opts, base: rebaseOn } : opts,
      );
    return this.must(this.write(tableId, 'delete', prepare));
  }

  async restore(tableId: string, version: number, opts: { message?: string } = {}): Promise<CommitInfo> {
    return commitPrepared(this.ctx, await prepareRestore(this.ctx, tableId, version, opts));
  }

  /**
   * Rewrites partial segments and those with deletion vectors or patches into full clean ones (full clean segments stay
   * shared); null when there is nothing to do.
   */
  compact(tableId: string, opts: { message?: string } = {}): Promise<CommitInfo | null> {
    return this.write(tableId, 'compact', (s) => prepareCompact(this.ctx, s, tableId, opts));
  }

  /**
   * Two-phase writes for callers that need to interleave (tests of conflict rules, imports that stage first):
   * `prepare` computes and writes files against the current head, `commit` applies the conflict rules.
   */
  async stage<T>(tableId: string, description: string, fn: (stager: Stager) => Promise<T>): Promise<T> {
    const table = await this.ctx.table(tableId);
    return withStaging(this.ctx, table.name, tableId, description, fn);
  }

  commit(prepared: Prepared): Promise<CommitInfo> {
    return commitPrepared(this.ctx, prepared);
  }

  // ---- reads --------------------------------------------------------------------------------------------------

  /** The version an as-of designates (absent: the head). Throws NOT_FOUND or EXPIRED with a clear message. */
  async resolve(tableId: string, asOf?: AsOf): Promise<VersionRecord> {
    const table = await this.ctx.table(tableId);
    if (!asOf) {
      if (table.head < 0) throw new StrataError('NOT_FOUND', `${table.name} has no version yet`, { tableId });
      return this.ctx.version(table, table.head);
    }
    if ('version' in asOf) return this.ctx.version(table, asOf.version);
    if ('time' in asOf) {
      const record = await this.ctx.catalog.findVersionAt(tableId, asOf.time);
      if (!record) {
        throw new StrataError('NOT_FOUND', `${table.name} had no version at ${new Date(asOf.time).toISOString()}`, {
          tableId,
          time: asOf.time,
        });
      }
      return this.ctx.version(table, record.version);
    }
    const tag = await this.ctx.catalog.getTag(asOf.tag);
    if (!tag) throw new StrataError('NOT_FOUND', `No tag named "${asOf.tag}"`, { tag: asOf.tag });
    const entry = tag.entries.find((e) => e.tableId === tableId);
    if (!entry) throw new StrataError('NOT_FOUND', `Tag "${asOf.tag}" does not hold ${table.name}`, { tag: asOf.tag });
    return this.ctx.version(table, entry.version);
  }

  /** Resolves a version with a reader's shared lock held, so GC cannot delete its files meanwhile. */
  private withRecord<T>(
    tableId: string,
    asOf: AsOf | undefined,
    fn: (record: VersionRecord) => Promise<T>,
  ): Promise<T> {
    return this.ctx.storage.locks.request(lockNames.read(tableId), 'shared', async () =>
      fn(await this.resolve(tableId, asOf)),
    );
  }

  /** Loads refs into a view, naming the table and version when a file is missing or damaged. */
  private async loadView(tableId: string, record: VersionRecord, refs?: readonly SegmentRef[]): Promise<VersionView> {
    try {
      return refs ? await this.ctx.viewOf(record, refs) : await this.ctx.view(record);
    } catch (e) {
      if (e instanceof StrataError && (e.code === 'CORRUPT_FILE' || e.code === 'MISSING_FILE')) {
        const table = await this.ctx.table(tableId);
        throw new StrataError(e.code, `Version ${record.version} of ${table.name} cannot be read: ${e.message}`, {
          ...e.details,
          tableId,
          version: record.version,
        });
      }
      throw e;
    }
  }

  /** A version's rows, with a reader's shared lock held so GC cannot delete its files meanwhile. */
  async withView<T>(tableId: string, asOf: AsOf | undefined, fn: (view: VersionView) => Promise<T> | T): Promise<T> {
    return this.withRecord(tableId, asOf, async (record) => fn(await this.loadView(tableId, record)));
  }

  /**
   * A window of a version's rows (after range, filter and sort) as Arrow, with their positions. A plain window (no
   * range, filter or sort) loads only the segments it overlaps — their row counts are in the metadata — so the first
   * screen of a version costs one or two files however large the table.
   */
  read(tableId: string, asOf?: AsOf, opts: ReadOptions = {}): Promise<ReadResult> {
    if (!opts.range && !opts.filter && !opts.sort?.length) return this.readWindow(tableId, asOf, opts);
    return this.withView(tableId, asOf, (view) => {
      const positions = this.select(view, opts);
      const offset = Math.max(0, Math.min(opts.offset ?? 0, positions.length));
      const end = opts.limit === undefined ? positions.length : Math.min(positions.length, offset + opts.limit);
      const window = positions.subarray(offset, end);
      const schema = this.projection(view, opts.columns);
      return {
        version: view.record.version,
        schema,
        totalRows: positions.length,
        offset,
        table: gatherRows(view, window, schema),
        positions: window.slice(),
      };
    });
  }

  private projection(view: VersionView, columns: readonly string[] | undefined): Schema {
    return columns ? { fields: columns.map((c) => view.schema.fields[view.fieldIndex(c)]!) } : view.schema;
  }

  private readWindow(tableId: string, asOf: AsOf | undefined, opts: ReadOptions): Promise<ReadResult> {
    return this.withRecord(tableId, asOf, async (record) => {
      const list = await this.ctx.list(record);
      const total = rowCount(list);
      const offset = Math.max(0, Math.min(opts.offset ?? 0, total));
      const end = opts.limit === undefined ? total : Math.min(total, offset + opts.limit);
      // The refs overlapping [offset, end), found from the metadata alone.
      let first = -1;
      let last = -1;
      let base = 0;
      let start = 0;
      for (let i = 0; i < list.length && start < end; i++) {
        const live = list[i]!.length - list[i]!.deletedCount;
        if (live > 0 && start + live > offset) {
          if (first < 0) {
            first = i;
            base = start;
          }
          last = i;
        }
        start += live;
      }
      const view = await this.loadView(tableId, record, first < 0 ? [] : list.slice(first, last + 1));
      const positions = new Int32Array(end - offset);
      for (let i = 0; i < positions.length; i++) positions[i] = offset + i;
      const schema = this.projection(view, opts.columns);
      const table = gatherRows(
        view,
        positions.map((p) => p - base),
        schema,
      );
      return { version: record.version, schema, totalRows: total, offset, table, positions };
    });
  }

  /** Every row of a version, in order. */
  readAll(tableId: string, asOf?: AsOf): Promise<Table> {
    return this.withView(tableId, asOf, (view) => gatherAll(view));
  }

  countRows(tableId: string, asOf: AsOf | undefined, where: RowSelector): Promise<number> {
    return this.withView(tableId, asOf, (view) => selectRows(view, where).length);
  }

  private select(view: VersionView, opts: ReadOptions): Int32Array {
    if (!opts.range && !opts.filter && !opts.sort?.length) {
      const all = new Int32Array(view.totalRows);
      for (let i = 0; i < all.length; i++) all[i] = i;
      return all;
    }
    const key = JSON.stringify([view.record.id, opts.range, opts.filter, opts.sort]);
    const cached = this.selections.get(key);
    if (cached) return cached;
    const tests = [];
    if (opts.range) tests.push(rangeTest(view, opts.range));
    if (opts.filter) tests.push(compilePredicate(view, opts.filter));
    const positions = sortPositions(view, selectPositions(view, tests), opts.sort ?? []);
    this.selections.set(key, positions);
    return positions;
  }

  /** Versions newest first (expired ones included, marked), paged. */
  async history(
    tableId: string,
    opts: { offset?: number; limit?: number } = {},
  ): Promise<{ total: number; versions: VersionRecord[] }> {
    const table = await this.ctx.table(tableId);
    const total = table.head + 1;
    const offset = opts.offset ?? 0;
    const limit = opts.limit ?? total;
    const to = table.head - offset;
    const from = Math.max(0, to - limit + 1);
    if (to < 0) return { total, versions: [] };
    const versions = await this.ctx.catalog.listVersions(tableId, from, to);
    return { total, versions: versions.reverse() };
  }

  // ---- tags ---------------------------------------------------------------------------------------------------

  /**
   * A library-wide tag: by default the head of every table, with `versions` overriding chosen tables, or only the
   * tables listed in `tables`.
   */
  async createTag(
    name: string,
    opts: {
      versions?: readonly { tableId: string; version: number }[];
      tables?: readonly string[];
      message?: string;
    } = {},
  ): Promise<TagRecord> {
    const trimmed = name.trim();
    if (!TABLE_NAME.test(trimmed)) throw new StrataError('INVALID_ARGUMENT', `"${name}" is not a valid tag name`);
    return this.ctx.storage.locks.request(lockNames.catalog, 'exclusive', async () => {
      if (await this.ctx.catalog.getTag(trimmed)) {
        throw new StrataError('TABLE_EXISTS', `A tag named "${trimmed}" already exists`, { tag: trimmed });
      }
      const overrides = new Map((opts.versions ?? []).map((v) => [v.tableId, v.version]));
      const tables = (await this.ctx.catalog.listTables()).filter(
        (t) =>
          (!opts.tables || opts.tables.includes(t.id) || overrides.has(t.id)) && (t.head >= 0 || overrides.has(t.id)),
      );
      const entries = [];
      for (const t of tables) {
        const version = overrides.get(t.id) ?? t.head;
        await this.ctx.version(t, version); // must exist and be live
        entries.push({ tableId: t.id, version });
      }
      const tag: TagRecord = { name: trimmed, createdAt: this.ctx.clock(), entries, message: opts.message };
      await this.ctx.catalog.apply({ tags: [tag] });
      this.ctx.storage.notifier.publish({ kind: 'tags' });
      return tag;
    });
  }

  async deleteTag(name: string): Promise<void> {
    await this.ctx.storage.locks.request(lockNames.catalog, 'exclusive', async () => {
      if (!(await this.ctx.catalog.getTag(name))) throw new StrataError('NOT_FOUND', `No tag named "${name}"`);
      await this.ctx.catalog.apply({ deleteTags: [name] });
    });
    this.ctx.storage.notifier.publish({ kind: 'tags' });
  }

  listTags(): Promise<TagRecord[]> {
    return this.ctx.catalog.listTags();
  }

  /** Tags with the names of the tables they hold (tables deleted since are left out). */
  async listTagInfos(): Promise<TagInfo[]> {
    const names = new Map((await this.ctx.catalog.listTables()).map((t) => [t.id, t.name]));
    return (await this.ctx.catalog.listTags())
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((t) => ({
        name: t.name,
        createdAt: t.createdAt,
        message: t.message,
        entries: t.entries
          .filter((e) => names.has(e.tableId))
          .map((e) => ({ tableId: e.tableId, tableName: names.get(e.tableId)!, version: e.version })),
      }));
  }

  /** How an incoming schema would fit a table before anything is parsed or written (for the import dialog). */
  async checkSchema(tableName: string, mode: string, incoming: Schema): Promise<SchemaCheck> {
    const table = await this.tableByName(tableName);
    const empty = { newColumns: [], missingColumns: [], widenedColumns: [] };
    if (mode === 'create') {
      return table
        ? { ok: false, ...empty, errors: [`A table named "${tableName}" already exists`] }
        : { ok: true, ...empty, errors: [] };
    }
    if (!table) return { ok: false, ...empty, errors: [`There is no table named "${tableName}"`] };
    if (mode === 'overwrite' || table.head < 0) return { ok: true, ...empty, errors: [] };
    try {
      const head = await headState(this.ctx, table.id);
      const r = await resolveAgainst(this.ctx, head, incoming, true);
      return {
        ok: true,
        newColumns: r.newColumns,
        missingColumns: r.missingColumns,
        widenedColumns: r.widenedColumns,
        errors: [],
      };
    } catch (e) {
      if (e instanceof StrataError) return { ok: false, ...empty, errors: [e.message] };
      throw e;
    }
  }

  // ---- retention and integrity ----------------------------------------------------------------------------------

  expire(opts: ExpireOptions): Promise<ExpireReport> {
    return expire(this.ctx, opts);
  }

  /**
   * ArcticDB's prune_previous_versions: expire every version of the table but the head and tagged ones. Off unless
   * asked for (ArcticDB users lost history to a default).
   */
  prune(tableId: string): Promise<ExpireReport> {
    return expire(this.ctx, { tableId, keepLast: 1 });
  }

  gc(): Promise<GcReport> {
    return collectGarbage(this.ctx);
  }

  verify(tableId?: string): Promise<VerifyReport> {
    return verify(this.ctx, tableId);
  }

  /** Files referenced by a version (for tests and the benchmark's accounting). */
  async filesOfVersion(tableId: string, version: number): Promise<Set<string>> {
    const table = await this.ctx.table(tableId);
    return filesOf(await this.ctx.list(await this.ctx.version(table, version)));
  }
}
