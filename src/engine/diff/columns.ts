/**
 * The columns a diff compares: the union of both versions' columns (to-version order, then columns only the
 * from-version has). A column a version lacks reads as null there, so a value set in a newly added column is a change
 * and diff(a, b) mirrors diff(b, a). Shared segments agree on every column under this rule: a column added later
 * reads null in old segments, and the only type change that keeps segments (int64 widened to float64) keeps values.
 */
import type { ColumnType, Field, Schema } from '../model/schema';
import type { ColumnStatus, DiffColumn, SchemaDiff } from './types';

/** How a column's cells are compared: a common type both sides are converted to. */
export interface ColumnPlan {
  readonly name: string;
  readonly status: ColumnStatus;
  readonly fromType: ColumnType | null;
  readonly toType: ColumnType | null;
  readonly compareAs: ColumnType;
  /**
   * Types that differ beyond int64/float64 are compared as canonical strings of their values (so '5' and 5 differ,
   * while a date and the timestamp of its midnight are equal).
   */
  readonly canonical: boolean;
}

export function diffSchemas(from: Schema, to: Schema): SchemaDiff {
  const inFrom = new Map(from.fields.map((f) => [f.name, f]));
  const inTo = new Map(to.fields.map((f) => [f.name, f]));
  const added = to.fields.filter((f) => !inFrom.has(f.name));
  const dropped = from.fields.filter((f) => !inTo.has(f.name));
  const typeChanged: { name: string; from: ColumnType; to: ColumnType }[] = [];
  for (const f of to.fields) {
    const g = inFrom.get(f.name);
    if (g && g.type !== f.type) typeChanged.push({ name: f.name, from: g.type, to: f.type });
  }
  return { added, dropped, typeChanged, unchanged: !added.length && !dropped.length && !typeChanged.length };
}

function compareType(a: ColumnType, b: ColumnType): { compareAs: ColumnType; canonical: boolean } {
  if (a === b) return { compareAs: a, canonical: false };
  const numeric = (t: ColumnType) => t === 'int64' || t === 'float64';
  if (numeric(a) && numeric(b)) return { compareAs: 'float64', canonical: false };
  return { compareAs: 'string', canonical: true };
}

export function planColumns(from: Schema, to: Schema): ColumnPlan[] {
  const inFrom = new Map<string, Field>(from.fields.map((f) => [f.name, f]));
  const inTo = new Set(to.fields.map((f) => f.name));
  const plans: ColumnPlan[] = to.fields.map((f) => {
    const g = inFrom.get(f.name);
    if (!g)
      return { name: f.name, status: 'added', fromType: null, toType: f.type, compareAs: f.type, canonical: false };
    return {
      name: f.name,
      status: g.type === f.type ? 'same' : 'typeChanged',
      fromType: g.type,
      toType: f.type,
      ...compareType(g.type, f.type),
    };
  });
  for (const g of from.fields) {
    if (!inTo.has(g.name)) {
      plans.push({
        name: g.name,
        status: 'dropped',
        fromType: g.type,
        toType: null,
        compareAs: g.type,
        canonical: false,
      });
    }
  }
  return plans;
}

/** Names for a window's columns that clash with no table column (underscores are added until they do not). */
export function windowNames(
  plans: readonly ColumnPlan[],
  key: readonly string[],
  withOld: boolean,
): { columns: DiffColumn[]; change: string; fromRow: string; toRow: string } {
  const used = new Set(plans.map((p) => p.name));
  const fresh = (base: string) => {
    let name = base;
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    return name;
  };
  const change = fresh('__change');
  const fromRow = fresh('__from_row');
  const toRow = fresh('__to_row');
  const keys = new Set(key);
  const columns = plans.map((p): DiffColumn => {
    const isKey = keys.has(p.name);
    const paired = withOld && !isKey;
    return {
      name: p.name,
      status: p.status,
      isKey,
      fromType: p.fromType,
      toType: p.toType,
      valueColumn: p.name,
      oldColumn: paired ? fresh(`${p.name}__old`) : null,
      changedColumn: paired ? fresh(`${p.name}__changed`) : null,
    };
  });
  return { columns, change, fromRow, toRow };
}
