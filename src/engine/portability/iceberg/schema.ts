/**
 * Strata schemas as Iceberg schemas. Column types map one to one:
 *
 * bool → boolean · int64 → long · float64 → double · string → string · date → date · timestamp → timestamptz
 *
 * Field ids: Iceberg readers match Parquet columns to schema fields by id, so an id must always mean the same column
 * with a compatible type. A column keeps its id across versions while its name and type stay; a changed type (int64
 * widened to float64, which Iceberg cannot promote, or a column overwritten with another type) gets a new id, and the
 * export then rewrites the data (plan.ts), since older files do not hold that id.
 */
import type { ColumnType, Field, Schema } from '../../model/schema';

export type IcebergPrimitive =
  'boolean' | 'int' | 'long' | 'float' | 'double' | 'string' | 'date' | 'timestamp' | 'timestamptz';

export interface IcebergField {
  readonly id: number;
  readonly name: string;
  readonly required: boolean;
  readonly type: IcebergPrimitive | string;
  readonly doc?: string;
}

export interface IcebergSchema {
  readonly type: 'struct';
  readonly 'schema-id': number;
  readonly fields: readonly IcebergField[];
}

export function icebergTypeOf(type: ColumnType): IcebergPrimitive {
  switch (type) {
    case 'bool':
      return 'boolean';
    case 'int64':
      return 'long';
    case 'float64':
      return 'double';
    case 'string':
      return 'string';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamptz';
  }
}

/** The Strata type of an Iceberg primitive (import), or undefined for types Strata cannot hold. */
export function columnTypeOfIceberg(type: unknown): ColumnType | undefined {
  switch (type) {
    case 'boolean':
      return 'bool';
    case 'int':
    case 'long':
      return 'int64';
    case 'float':
    case 'double':
      return 'float64';
    case 'string':
      return 'string';
    case 'date':
      return 'date';
    case 'timestamp':
    case 'timestamptz':
      return 'timestamp';
    default:
      return undefined;
  }
}

/** Assigns field ids (from 1) to (name, type) pairs, stable across the versions of one export. */
export class FieldIds {
  private readonly ids = new Map<string, number>();
  private last = 0;

  get lastColumnId(): number {
    return this.last;
  }

  idOf(field: Field): number {
    const key = `${field.name}\u0000${field.type}`;
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = ++this.last));
    return id;
  }
}

/** Iceberg schemas of an export, deduplicated: versions with the same columns share a schema id. */
export class SchemaRegistry {
  private readonly byKey = new Map<string, IcebergSchema>();
  readonly fieldIds = new FieldIds();

  get schemas(): IcebergSchema[] {
    return [...this.byKey.values()];
  }

  schemaOf(schema: Schema): IcebergSchema {
    const fields = schema.fields.map((f): IcebergField => ({
      id: this.fieldIds.idOf(f),
      name: f.name,
      required: !f.nullable,
      type: icebergTypeOf(f.type),
    }));
    const key = JSON.stringify(fields);
    let s = this.byKey.get(key);
    if (!s) this.byKey.set(key, (s = { type: 'struct', 'schema-id': this.byKey.size, fields }));
    return s;
  }
}

/**
 * Whether files written under schema `before` read correctly under `after`. A column of `after` must be either one
 * they hold (same id: same name and type) and not newly required, or a new optional column (read as null, as Strata
 * reads a column added later). A column they hold under another id (its type changed) fails: they would read null
 * where Strata reads the converted value.
 */
export function filesReadableUnder(before: IcebergSchema, after: IcebergSchema): boolean {
  const byId = new Map(before.fields.map((f) => [f.id, f]));
  const names = new Set(before.fields.map((f) => f.name));
  return after.fields.every((f) => {
    const o = byId.get(f.id);
    if (o) return !(f.required && !o.required);
    return !f.required && !names.has(f.name);
  });
}
