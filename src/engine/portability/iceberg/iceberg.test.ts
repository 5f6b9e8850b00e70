import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import type { StrataEngine } from '../../engine';
import { StrataError } from '../../errors';
import { readRows, rows } from '../../testing/fixtures';
import type { Value } from '../../read/values';
import { collectingSink, FakeClock, openEngine, sameBytes, sourceOf, ts } from '../test-support';
import { exportIceberg } from './export';
import { importIceberg } from './import';
import { readZip } from '../zip/read';
import { ZipWriter } from '../zip/write';
import { IndependentIcebergReader, readAvroWithAvsc } from './test-reader';

const T = 'id:int64,name:string?,at:timestamp?,day:date?,ok:bool?';

/** Every kind of version: create, append, update, delete, new column, compact, restore, an expired parent. */
async function history() {
  const clock = new FakeClock(ts('2024-05-01 09:00:00'));
  const engine = await openEngine(undefined, clock);
  const v0 = await engine.createFromData(
    'orders',
    rows(T, [
      [1n, 'a', ts('2024-05-01 08:00:00.250'), ts('2024-05-01'), true],
      [2n, null, null, null, null],
      [2n ** 62n, 'big', ts('1969-12-31 23:59:59.999'), ts('1969-12-31'), false],
      [4n, 'd', ts('2024-05-01 08:30:00'), ts('2024-05-01'), true],
    ]),
    { message: 'first load' },
  );
  const id = v0.tableId;
  const step = async (iso: string, fn: () => Promise<unknown>) => {
    clock.set(iso);
    await fn();
  };
  await step('2024-05-02T09:00:00Z', () => engine.append(id, rows(T, [[5n, 'e', null, null, null]])));
  await step('2024-05-03T09:00:00Z', () => engine.append(id, rows(T, [[6n, 'f', null, ts('2024-05-03'), false]])));
  await engine.createTag('may-3');
  await step('2024-05-04T09:00:00Z', () =>
    engine.upsert(id, rows(T, [[2n, 'B', ts('2024-05-04 10:00:00'), null, true]]), { key: ['id'] }),
  );
  await step('2024-05-05T09:00:00Z', () => engine.deleteRows(id, { keys: { column: 'id', values: [4n] } }));
  await step('2024-05-06T09:00:00Z', () =>
    engine.append(id, rows(`${T},qty:float64?`, [[7n, 'g', null, null, null, 2.5]]), { allowNewColumns: true }),
  );
  await step('2024-05-07T09:00:00Z', () =>
    engine.append(id, rows(`${T},qty:float64?`, [[8n, 'h', null, null, null, null]])),
  );
  await step('2024-05-08T09:00:00Z', () => engine.compact(id));
  await step('2024-05-09T09:00:00Z', () => engine.restore(id, 2, { message: 'undo' }));
  await step('2024-05-10T09:00:00Z', () => engine.append(id, rows(T, [[9n, 'i', null, null, null]])));
  await step('2024-05-11T09:00:00Z', () => engine.append(id, rows(T, [[10n, 'j', null, null, null]])));
  await step('2024-05-12T09:00:00Z', () => engine.append(id, rows(T, [[11n, 'k', null, null, null]])));
  // Expire version 10 only: version 11's parent is gone, so its snapshot must be a rewrite.
  await engine.ctx.catalog.apply({
    versions: [{ ...(await engine.ctx.catalog.getVersion(id, 10))!, expiredAt: ts('2024-05-13') }],
  });
  return { engine, clock, id };
}

async function exportBytes(engine: StrataEngine, id: string, opts = {}) {
  const out = collectingSink();
  const report = await exportIceberg(engine, id, out.sink, opts);
  return { bytes: out.bytes(), report, chunks: out.chunks };
}

/** Engine values as hyparquet returns them: timestamps and dates as Dates, the rest unchanged. */
function asParquet(row: readonly Value[], types: readonly string[]): unknown[] {
  return row.map((v, i) =>
    v !== null && (types[i] === 'timestamp' || types[i] === 'date') ? new Date(v as number) : v,
  );
}

describe('exportIceberg, read by an independent reader (fflate + avsc + hyparquet)', () => {
  it('gives one snapshot per live version whose rows are exactly that version', async () => {
    const { engine, id } = await history();
    const { bytes, report } = await exportBytes(engine, id);
    const ice = new IndependentIcebergReader(bytes);
    const live = (await engine.history(id)).versions.filter((v) => v.expiredAt === undefined).reverse();
    expect(report.snapshots.map((s) => s.version)).toEqual(live.map((v) => v.version));
    for (const [k, v] of live.entries()) {
      const snap = report.snapshots[k]!;
      const types = v.schema.fields.map((f) => f.type);
      const expected = (await readRows(engine, id, { version: v.version })).map((r) => asParquet(r, types));
      expect(await ice.rows(snap.snapshotId), `version ${v.version}`).toEqual(expected);
      expect(ice.snapshot(snap.snapshotId)['summary']['total-records']).toBe(String(expected.length));
    }
  });

  it('writes format v2 metadata: snapshot log = commit times, parents, sequence numbers, refs, schemas', async () => {
    const { engine, id } = await history();
    const { bytes, report } = await exportBytes(engine, id);
    const m = new IndependentIcebergReader(bytes).metadata;
    const live = (await engine.history(id)).versions.filter((v) => v.expiredAt === undefined).reverse();
    expect(m['format-version']).toBe(2);
    expect(m['location']).toBe('file:///tmp/strata-iceberg/orders');
    expect(m['snapshot-log']).toEqual(
      live.map((v, k) => ({ 'timestamp-ms': v.committedAt, 'snapshot-id': report.snapshots[k]!.snapshotId })),
    );
    expect(m['snapshots'].map((s: Record<string, unknown>) => [s['sequence-number'], s['parent-snapshot-id']])).toEqual(
      report.snapshots.map((s, k) => [k + 1, k ? report.snapshots[k - 1]!.snapshotId : undefined]),
    );
    expect(m['current-snapshot-id']).toBe(report.snapshots.at(-1)!.snapshotId);
    expect(m['refs']['main']).toEqual({ 'snapshot-id': report.snapshots.at(-1)!.snapshotId, type: 'branch' });
    const may3 = report.snapshots.find((s) => s.version === 2)!;
    expect(m['refs']['may-3']).toEqual({ 'snapshot-id': may3.snapshotId, type: 'tag' });
    expect(m['last-sequence-number']).toBe(report.snapshots.length);
    const ops = m['snapshots'].map((s: { summary: Record<string, string> }) => [
      s.summary['strata.operation'],
      s.summary['operation'],
    ]);
    expect(ops).toEqual([
      ['create', 'append'],
      ['append', 'append'],
      ['append', 'append'],
      ['update', 'overwrite'],
      ['delete', 'overwrite'],
      ['append', 'append'],
      ['append', 'append'],
      ['compact', 'replace'],
      ['restore', 'overwrite'],
      ['append', 'append'],
      ['append', 'overwrite'], // parent (version 10) expired: rewritten
    ]);
    const [first, withQty] = [m['schemas'][0], m['schemas'].at(-1)];
    expect(first.fields).toEqual([
      { id: 1, name: 'id', required: true, type: 'long' },
      { id: 2, name: 'name', required: false, type: 'string' },
      { id: 3, name: 'at', required: false, type: 'timestamptz' },
      { id: 4, name: 'day', required: false, type: 'date' },
      { id: 5, name: 'ok', required: false, type: 'boolean' },
    ]);
    expect(withQty.fields.at(-1)).toEqual({ id: 6, name: 'qty', required: false, type: 'double' });
    expect(m['last-column-id']).toBe(6);
  });

  it('writes strata-versions.csv beside the table: version → snapshot id, time, operations', async () => {
    const { engine, id } = await history();
    const { bytes, report } = await exportBytes(engine, id);
    const csv = new TextDecoder().decode(new IndependentIcebergReader(bytes).files['orders/strata-versions.csv']);
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'strata_version,snapshot_id,sequence_number,committed_at,strata_operation,iceberg_operation,rows,message',
    );
    expect(lines[1]).toBe(`0,${report.snapshots[0]!.snapshotId},1,2024-05-01T09:00:00.000Z,create,append,4,first load`);
    expect(lines).toHaveLength(report.snapshots.length + 1);
  });

  it('time travel by timestamp picks the version the engine resolves', async () => {
    const { engine, id } = await history();
    const ice = new IndependentIcebergReader((await exportBytes(engine, id)).bytes);
    for (const at of ['2024-05-01 12:00:00', '2024-05-04 09:00:00', '2024-05-06 23:00:00', '2024-05-30 00:00:00']) {
      const version = (await engine.resolve(id, { time: ts(at) })).version;
      const snap = ice.snapshotAt(ts(at))!;
      expect(ice.snapshot(snap)['summary']['strata.version'], at).toBe(String(version));
    }
  });

  it('writes manifest lists and manifests with the v2 Avro schemas, metadata and counts', async () => {
    const { engine, id } = await history();
    const { bytes, report } = await exportBytes(engine, id);
    const ice = new IndependentIcebergReader(bytes);
    const [s0, s1, , s3] = report.snapshots;
    const at1 = await ice.manifests(s1!.snapshotId); // an append: the first manifest reused, one added
    expect(at1.map((m) => m.list['added_snapshot_id'])).toEqual([s0!.snapshotId, s1!.snapshotId]);
    expect(at1.map((m) => m.list['sequence_number'])).toEqual([1, 2]);
    expect(at1[1]!.listMeta).toMatchObject({
      'snapshot-id': String(s1!.snapshotId),
      'sequence-number': '2',
      'format-version': '2',
    });
    const { manifest } = at1[1]!;
    expect(manifest.meta).toMatchObject({ 'format-version': '2', content: 'data', 'partition-spec': '[]' });
    expect(JSON.parse(manifest.meta['schema']!)['fields'][0]).toEqual({
      id: 1,
      name: 'id',
      required: true,
      type: 'long',
    });
    expect(manifest.records).toEqual([
      {
        status: 1,
        snapshot_id: s1!.snapshotId,
        sequence_number: 2,
        file_sequence_number: 2,
        data_file: expect.objectContaining({
          content: 0,
          file_format: 'PARQUET',
          partition: {},
          record_count: 1,
          file_path: expect.stringMatching(/^file:\/\/\/tmp\/strata-iceberg\/orders\/data\/00002-000-\d+\.parquet$/),
          null_value_counts: [
            { key: 1, value: 0 },
            { key: 2, value: 0 },
            { key: 3, value: 1 },
            { key: 4, value: 1 },
            { key: 5, value: 1 },
          ],
        }),
      },
    ]);
    const fieldIds = manifest.schema.fields.map((f) => f['field-id']);
    expect(fieldIds).toEqual([0, 1, 3, 4, 2]);
    const at3 = await ice.manifests(s3!.snapshotId); // an update: new files added, the previous ones deleted
    expect(
      at3.map((m) => [m.list['added_files_count'], m.list['deleted_files_count'], m.list['added_rows_count']]),
    ).toEqual([
      [1, 0, 6],
      [0, 3, 0],
    ]);
    expect(at3[1]!.manifest.records.every((e) => e['status'] === 2 && e['snapshot_id'] === s3!.snapshotId)).toBe(true);
  });

  it('is deterministic and streams: same archive twice, in many chunks', async () => {
    const { engine, id } = await history();
    const a = await exportBytes(engine, id);
    const b = await exportBytes(engine, id);
    expect(sameBytes(a.bytes, b.bytes)).toBe(true);
    expect(a.chunks).toBeGreaterThan(20);
  });

  it('splits big versions into several data files and honours a custom location', async () => {
    const engine = await openEngine();
    const many = Array.from({ length: 25 }, (_, i) => [BigInt(i)] as Value[]);
    const v = await engine.createFromData('big one', rows('n:int64', many));
    const { bytes, report } = await exportBytes(engine, v.tableId, { rowsPerFile: 10, location: 's3://lake/db/big/' });
    expect(report.location).toBe('s3://lake/db/big');
    expect(report.metadataEntry).toBe('big/metadata/v1.metadata.json');
    const ice = new IndependentIcebergReader(bytes);
    expect(report.snapshots[0]!.dataFiles).toBe(3);
    expect((await ice.rows(report.snapshots[0]!.snapshotId)).map((r) => r[0])).toEqual(many.map((r) => r[0]));
  });

  it('exports an empty version as a snapshot with one empty data file (never an empty manifest)', async () => {
    const engine = await openEngine();
    const v = await engine.createFromData('t', rows('n:int64', [[1n]]));
    await engine.deleteRows(v.tableId, { positions: [0] });
    const { bytes, report } = await exportBytes(engine, v.tableId);
    const ice = new IndependentIcebergReader(bytes);
    expect(await ice.rows(report.snapshots[1]!.snapshotId)).toEqual([]);
    for (const { manifest } of await ice.manifests(report.snapshots[1]!.snapshotId)) {
      expect(manifest.records.length).toBeGreaterThan(0);
    }
  });

  it('rewrites when a column changes type (Iceberg cannot promote long to double)', async () => {
    const engine = await openEngine();
    const v = await engine.createFromData('w', rows('n:int64?', [[1n], [2n]]));
    await engine.append(v.tableId, rows('n:float64?', [[2.5]]));
    const { bytes, report } = await exportBytes(engine, v.tableId);
    const ice = new IndependentIcebergReader(bytes);
    expect(report.snapshots.map((s) => s.operation)).toEqual(['append', 'overwrite']);
    expect(await ice.rows(report.snapshots[1]!.snapshotId)).toEqual([[1], [2], [2.5]]);
    expect(ice.metadata['schemas'].map((s: { fields: { id: number; type: string }[] }) => s.fields[0])).toEqual([
      { id: 1, name: 'n', required: false, type: 'long' },
      { id: 2, name: 'n', required: false, type: 'double' },
    ]);
  });

  it('refuses a table with no version to export', async () => {
    const engine = await openEngine();
    const t = await engine.createTable('none');
    await expect(exportBytes(engine, t.id)).rejects.toSatisfy(
      (e) => e instanceof StrataError && e.code === 'INVALID_ARGUMENT',
    );
  });
});

/** Avro schema and value with every record field renamed (field ids kept), as another writer might name them. */
function renamed(type: unknown, value: unknown): [unknown, unknown] {
  if (Array.isArray(type)) {
    const branch = type.find((b) => (value === null ? b === 'null' : b !== 'null'));
    return [type.map((b) => (b === branch ? renamed(b, value)[0] : renamed(b, null)[0])), renamed(branch, value)[1]];
  }
  if (typeof type !== 'object' || type === null) return [type, value];
  const t = type as { type: string; fields?: { name: string; type: unknown }[]; items?: unknown };
  if (t.type === 'record') {
    const v = (value ?? {}) as Record<string, unknown>;
    const fields = t.fields!.map((f) => ({ ...f, name: `${f.name}_x`, type: renamed(f.type, v[f.name] ?? null)[0] }));
    const out = Object.fromEntries(t.fields!.map((f) => [`${f.name}_x`, renamed(f.type, v[f.name] ?? null)[1]]));
    return [{ ...t, fields }, value === null ? null : out];
  }
  if (t.type === 'array') {
    const items = (value ?? []) as unknown[];
    return [
      { ...t, items: renamed(t.items, items[0] ?? null)[0] },
      value === null ? null : items.map((i) => renamed(t.items, i)[1]),
    ];
  }
  return [type, value];
}

/** Our export as a foreign writer would make it: deflated manifests, other field names, no strata.* keys. */
async function foreign(bytes: Uint8Array): Promise<Uint8Array> {
  const out = collectingSink();
  const zip = new ZipWriter(out.sink);
  for await (const e of readZip(sourceOf(bytes).stream(), { label: 'x' })) {
    let data = e.bytes;
    if (e.name.endsWith('.avro')) {
      const file = await readAvroWithAvsc(e.bytes);
      const schema = renamed(file.schema, file.records[0] ?? null)[0] as avsc.Schema;
      // The schema itself (not a Type): avsc then writes it whole into the header, field ids included.
      const encoder = new avsc.streams.BlockEncoder(schema, {
        codec: 'deflate',
        metadata: Object.fromEntries(
          Object.entries(file.meta)
            .filter(([k]) => !k.startsWith('avro.'))
            .map(([k, v]) => [k, Buffer.from(v)]),
        ),
      } as Partial<avsc.EncoderOptions>);
      const chunks: Buffer[] = [];
      encoder.on('data', (c: Buffer) => chunks.push(c));
      const done = new Promise((r) => encoder.on('end', r));
      for (const r of file.records) encoder.write(renamed(file.schema, r)[1]);
      encoder.end();
      await done;
      data = new Uint8Array(Buffer.concat(chunks));
    } else if (e.name.endsWith('.metadata.json')) {
      const m = JSON.parse(new TextDecoder().decode(e.bytes));
      m.properties = {};
      for (const snap of m.snapshots) {
        for (const k of Object.keys(snap.summary)) if (k.startsWith('strata.')) delete snap.summary[k];
      }
      data = new TextEncoder().encode(JSON.stringify(m));
    } else if (e.name.endsWith('.csv')) continue;
    await zip.add(e.name, data);
  }
  await zip.end();
  return out.bytes();
}

describe('importIceberg', () => {
  it('imports a table another writer made: deflated manifests, other field names, no strata keys', async () => {
    const { engine, id } = await history();
    const { bytes } = await exportBytes(engine, id);
    const other = await foreign(bytes);
    const files = new IndependentIcebergReader(other).files;
    const list = await readAvroWithAvsc(files[Object.keys(files).find((n) => n.includes('/snap-'))!]!);
    expect(list.meta['avro.codec']).toBe('deflate');
    expect(list.schema.fields[0]).toMatchObject({ name: 'manifest_path_x', 'field-id': 500 });
    const target = await openEngine();
    const imported = await importIceberg(target, sourceOf(other));
    expect(imported.name).toBe('orders'); // the folder's name
    const live = (await engine.history(id)).versions.filter((v) => v.expiredAt === undefined).reverse();
    const got = (await target.history(imported.tableId)).versions.reverse();
    expect(got.map((v) => v.committedAt)).toEqual(live.map((v) => v.committedAt));
    for (const [k, v] of live.entries()) {
      expect(await readRows(target, imported.tableId, { version: k })).toEqual(
        await readRows(engine, id, { version: v.version }),
      );
    }
    expect(got.map((v) => v.operation).slice(0, 4)).toEqual(['create', 'append', 'append', 'overwrite']);
  });

  it('recreates the versions: same rows, commit times, operations and messages; tags come back', async () => {
    const { engine, id } = await history();
    const { bytes, report } = await exportBytes(engine, id);
    const target = await openEngine();
    const imported = await importIceberg(target, sourceOf(bytes));
    expect(imported.name).toBe('orders');
    const live = (await engine.history(id)).versions.filter((v) => v.expiredAt === undefined).reverse();
    const got = (await target.history(imported.tableId)).versions.reverse();
    expect(got.map((v) => v.committedAt)).toEqual(live.map((v) => v.committedAt));
    // The last append's parent (version 10) was expired, so it is a rewrite of version 9 now: honestly an overwrite.
    expect(got.map((v) => v.operation)).toEqual([...live.slice(0, -1).map((v) => v.operation), 'overwrite']);
    expect(got.map((v) => v.message)).toEqual(live.map((v) => v.message));
    for (const [k, v] of live.entries()) {
      expect(await readRows(target, imported.tableId, { version: k }), `version ${v.version}`).toEqual(
        await readRows(engine, id, { version: v.version }),
      );
      expect(got[k]!.schema).toEqual(v.schema);
    }
    expect(imported.versions.map((v) => v.snapshotId)).toEqual(report.snapshots.map((s) => s.snapshotId));
    expect(imported.tags).toEqual([{ name: 'may-3', outcome: 'created' }]);
    expect(await readRows(target, imported.tableId, { tag: 'may-3' })).toEqual(
      await readRows(engine, id, { tag: 'may-3' }),
    );
    expect((await target.verify()).ok).toBe(true);
    // Appends stay appends: the imported store shares files between versions like the original.
    expect((await target.listTables())[0]!.bytes).toBeLessThan(bytes.length);
  });

  it('renames on a clash (or fails when asked), and an import of a damaged archive leaves nothing', async () => {
    const { engine, id } = await history();
    const { bytes } = await exportBytes(engine, id);
    const target = await openEngine();
    await target.createFromData('orders', rows('x:int64', [[1n]]));
    expect((await importIceberg(target, sourceOf(bytes))).name).toBe('orders (imported)');
    await expect(importIceberg(target, sourceOf(bytes), { onClash: 'fail' })).rejects.toMatchObject({
      code: 'TABLE_EXISTS',
    });
    const before = (await target.listTables()).map((t) => t.name).sort();
    const blobs = await target.ctx.storage.blobs.list();
    const truncated = bytes.subarray(0, Math.floor(bytes.length * 0.7));
    await expect(importIceberg(target, sourceOf(truncated))).rejects.toMatchObject({ code: 'CORRUPT_FILE' });
    expect((await target.listTables()).map((t) => t.name).sort()).toEqual(before);
    expect(await target.ctx.storage.blobs.list()).toEqual(blobs);
  });

  it('deletes a partly imported table when a data file turns out unreadable mid-way', async () => {
    const { engine, id } = await history();
    const { bytes } = await exportBytes(engine, id);
    // A well-formed archive (CRCs right) whose last data file is not Parquet: earlier snapshots commit first.
    const out = collectingSink();
    const zip = new ZipWriter(out.sink);
    const entries = [];
    for await (const e of readZip(sourceOf(bytes).stream(), { label: 'x' })) entries.push(e);
    const last = entries.filter((e) => e.name.endsWith('.parquet')).at(-1)!.name;
    for (const e of entries) await zip.add(e.name, e.name === last ? new TextEncoder().encode('not parquet') : e.bytes);
    await zip.end();
    const damaged = out.bytes();
    const target = await openEngine();
    let committed = 0;
    const err = await importIceberg(target, sourceOf(damaged), {
      onProgress: (p) => void (p.phase === 'committing' && (committed = p.done)),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CORRUPT_FILE' });
    expect(committed).toBeGreaterThan(5);
    expect(await target.listTables()).toEqual([]);
    await target.gc();
    expect(await target.ctx.storage.blobs.list()).toEqual([]);
  });
});
