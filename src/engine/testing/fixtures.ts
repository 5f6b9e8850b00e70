/** Test helpers: build tables from literal rows, read versions back as plain rows, a settable clock. */
import type { Table } from 'apache-arrow';
import type { StrataEngine, AsOf } from '../engine';
import type { Schema } from '../model/schema';
import { tableFromValues } from '../read/gather';
import type { Value } from '../read/values';

export function schemaOf(spec: string): Schema {
  return {
    fields: spec.split(',').map((part) => {
      const [name, typeRaw] = part.trim().split(':') as [string, string];
      const nullable = typeRaw.endsWith('?');
      const type = typeRaw.replace('?', '') as Schema['fields'][number]['type'];
      return { name, type, nullable };
    }),
  };
}

export function rows(schema: Schema | string, data: readonly (readonly Value[])[]): Table {
  const s = typeof schema === 'string' ? schemaOf(schema) : schema;
  const columns = s.fields.map((_, c) => data.map((r) => r[c] ?? null));
  return tableFromValues(s, columns, data.length);
}

export function toRows(table: Table): Value[][] {
  const out: Value[][] = [];
  for (let i = 0; i < table.numRows; i++) {
    out.push(table.schema.fields.map((_, c) => table.getChildAt(c)!.get(i) as Value));
  }
  return out;
}

export async function readRows(engine: StrataEngine, tableId: string, asOf?: AsOf): Promise<Value[][]> {
  return toRows(await engine.readAll(tableId, asOf));
}

export class FakeClock {
  constructor(public now: number) {}
  readonly fn = (): number => this.now;
  set(iso: string): void {
    this.now = Date.parse(iso);
  }
}

export const ts = (s: string): number => Date.parse(s.includes('T') ? `${s}Z` : `${s.replace(' ', 'T')}Z`);
