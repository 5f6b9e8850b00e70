/**
 * Column types and schemas. A schema is stored with every version (each version is read with its own schema), so
 * these names are persisted: DO NOT CHANGE the strings in COLUMN_TYPES.
 */
export const COLUMN_TYPES = ['bool', 'int64', 'float64', 'string', 'date', 'timestamp'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface Field {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}

export interface Schema {
  readonly fields: readonly Field[];
}

export function isColumnType(value: unknown): value is ColumnType {
  return typeof value === 'string' && (COLUMN_TYPES as readonly string[]).includes(value);
}

/** Ordered types can carry a range (update by range, date-range reads). */
export function isOrderedType(type: ColumnType): boolean {
  return type !== 'bool';
}

export function isNumericType(type: ColumnType): boolean {
  return type === 'int64' || type === 'float64';
}

export function isTemporalType(type: ColumnType): boolean {
  return type === 'date' || type === 'timestamp';
}

export function fieldIndex(schema: Schema, name: string): number {
  return schema.fields.findIndex((f) => f.name === name);
}

export function sameSchema(a: Schema, b: Schema): boolean {
  return (
    a.fields.length === b.fields.length &&
    a.fields.every((f, i) => {
      const g = b.fields[i];
      return g !== undefined && g.name === f.name && g.type === f.type && g.nullable === f.nullable;
    })
  );
}
