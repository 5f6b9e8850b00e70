// Seeded random histories → Iceberg export → every snapshot, read by the independent reader, equals its version;
// the import recreates every version with the same commit time. Shakes out plan.ts's append/rewrite decisions.
import { describe, expect, it } from 'vitest';
import type { StrataEngine } from '../../engine';
import type { Value } from '../../read/values';
import { readRows, rows } from '../../testing/fixtures';
import { collectingSink, FakeClock, openEngine, sourceOf } from '../test-support';
import { exportIceberg } from './export';
import { importIceberg } from './import';
import { IndependentIcebergReader } from './test-reader';

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function randomHistory(seed: number): Promise<{ engine: StrataEngine; id: string }> {
  const rnd = prng(seed);
  const pick = (n: number) => Math.floor(rnd() * n);
  const clock = new FakeClock(Date.UTC(2024, 0, 1));
  const engine = await openEngine(undefined, clock);
  let nextId = 1n;
  let spec = 'id:int64,v:float64?,s:string?';
  const batch = (n: number) =>
    rows(
      spec,
      Array.from({ length: n }, () => {
        const row: Value[] = [nextId++, pick(3) ? rnd() * 100 : null, pick(4) ? `s${pick(50)}` : null];
        if (spec.endsWith('extra:bool?')) row.push(pick(2) === 0);
        return row;
      }),
    );
  const { tableId: id } = await engine.createFromData('fuzz', batch(1 + pick(6)));
  for (let step = 0; step < 14; step++) {
    clock.now += 1 + pick(3_600_000);
    const head = (await engine.resolve(id)).summary.totalRows;
    const op = pick(9);
    // allowNewColumns: a restore may have gone back to a version without `extra`.
    if (op <= 2) await engine.append(id, batch(1 + pick(5)), { allowNewColumns: true });
    else if (op === 3 && head > 0) {
      const existing = (await readRows(engine, id)).map((r) => r[0] as bigint);
      const key = existing[pick(existing.length)]!;
      const row: Value[] = spec.includes('extra') ? [key, -1, 'upserted', true] : [key, -1, 'upserted'];
      await engine.upsert(id, rows(spec, [row]), { key: ['id'], allowNewColumns: true });
    } else if (op === 4 && head > 0) await engine.deleteRows(id, { positions: [pick(head)] });
    else if (op === 5) await engine.overwrite(id, batch(pick(4)));
    else if (op === 6) await engine.compact(id);
    else if (op === 7) {
      const live = (await engine.history(id)).versions.filter((v) => v.expiredAt === undefined);
      await engine.restore(id, live[pick(live.length)]!.version);
    } else if (!spec.includes('extra')) {
      spec = `${spec},extra:bool?`;
      await engine.append(id, batch(1 + pick(3)), { allowNewColumns: true });
    } else await engine.expire({ tableId: id, keepLast: 2 + pick(4) });
  }
  return { engine, id };
}

const asParquet = (v: Value, type: string) =>
  v !== null && (type === 'timestamp' || type === 'date') ? new Date(v as number) : v;

describe('Iceberg export/import of random histories', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'seed %i: every snapshot is its version, and the import recreates them',
    async (seed) => {
      const { engine, id } = await randomHistory(seed);
      const out = collectingSink();
      const report = await exportIceberg(engine, id, out.sink);
      const ice = new IndependentIcebergReader(out.bytes());
      const live = (await engine.history(id)).versions.filter((v) => v.expiredAt === undefined).reverse();
      expect(report.snapshots.map((s) => s.version)).toEqual(live.map((v) => v.version));
      for (const [k, v] of live.entries()) {
        const types = v.schema.fields.map((f) => f.type);
        const expected = (await readRows(engine, id, { version: v.version })).map((r) =>
          r.map((x, i) => asParquet(x, types[i]!)),
        );
        expect(await ice.rows(report.snapshots[k]!.snapshotId), `seed ${seed} version ${v.version}`).toEqual(expected);
      }
      const target = await openEngine();
      const imported = await importIceberg(target, sourceOf(out.bytes()));
      const got = (await target.history(imported.tableId)).versions.reverse();
      expect(got.map((v) => v.committedAt)).toEqual(live.map((v) => v.committedAt));
      for (const [k, v] of live.entries()) {
        expect(await readRows(target, imported.tableId, { version: k })).toEqual(
          await readRows(engine, id, { version: v.version }),
        );
      }
      expect((await target.verify()).ok).toBe(true);
    },
  );
});
