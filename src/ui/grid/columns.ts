import { createColumnHelper, type ColumnDef, type SortingState } from '@tanstack/react-table';
import type { ColumnType, Field, SortKey } from '../../protocol/dto';

/**
 * The grid has no row objects (rows stay in Arrow windows), so react-table gets no data: it owns the column model
 * (headers, sort state, widths). The accessor exists only so react-table treats columns as sortable.
 */
export type NoRow = never;

const helper = createColumnHelper<NoRow>();

const WIDTHS: Record<ColumnType, number> = {
  bool: 90,
  int64: 120,
  float64: 130,
  string: 180,
  date: 130,
  timestamp: 190,
};

export function columnsOf(fields: readonly Field[]): ColumnDef<NoRow, null>[] {
  return fields.map((field) =>
    helper.accessor(() => null, {
      id: field.name,
      header: field.name,
      size: Math.max(WIDTHS[field.type], Math.min(280, field.name.length * 9 + 64)),
      minSize: 70,
    }),
  );
}

export function sortingToKeys(sorting: SortingState): SortKey[] {
  return sorting.map((s) => ({ column: s.id, ...(s.desc ? { descending: true } : {}) }));
}

export function keysToSorting(keys: readonly SortKey[]): SortingState {
  return keys.map((k) => ({ id: k.column, desc: k.descending ?? false }));
}
