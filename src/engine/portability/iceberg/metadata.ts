/**
 * The Iceberg table metadata file (`metadata/v1.metadata.json`, format v2): schemas, the (empty) partition spec and
 * sort order, every snapshot with its summary, the snapshot log, and refs — `main` at the last snapshot, plus one
 * Iceberg tag per Strata tag that holds an exported version of the table.
 */
import type { IcebergSchema } from './schema';

export interface IcebergSnapshot {
  readonly 'snapshot-id': number;
  readonly 'parent-snapshot-id'?: number;
  readonly 'sequence-number': number;
  readonly 'timestamp-ms': number;
  readonly 'manifest-list': string;
  readonly summary: { readonly operation: IcebergOperation } & Readonly<Record<string, string>>;
  readonly 'schema-id': number;
}

export const ICEBERG_OPERATIONS = ['append', 'replace', 'overwrite', 'delete'] as const;
export type IcebergOperation = (typeof ICEBERG_OPERATIONS)[number];

export interface IcebergRef {
  readonly 'snapshot-id': number;
  readonly type: 'branch' | 'tag';
}

export interface TableMetadata {
  readonly 'format-version': 2;
  readonly 'table-uuid': string;
  readonly location: string;
  readonly 'last-sequence-number': number;
  readonly 'last-updated-ms': number;
  readonly 'last-column-id': number;
  readonly 'current-schema-id': number;
  readonly schemas: readonly IcebergSchema[];
  readonly 'default-spec-id': 0;
  readonly 'partition-specs': readonly [{ readonly 'spec-id': 0; readonly fields: readonly [] }];
  readonly 'last-partition-id': number;
  readonly 'default-sort-order-id': 0;
  readonly 'sort-orders': readonly [{ readonly 'order-id': 0; readonly fields: readonly [] }];
  readonly properties: Readonly<Record<string, string>>;
  readonly 'current-snapshot-id': number;
  readonly refs: Readonly<Record<string, IcebergRef>>;
  readonly snapshots: readonly IcebergSnapshot[];
  readonly 'snapshot-log': readonly { readonly 'timestamp-ms': number; readonly 'snapshot-id': number }[];
  readonly 'metadata-log': readonly [];
}

export function tableMetadata(opts: {
  readonly uuid: string;
  readonly location: string;
  readonly schemas: readonly IcebergSchema[];
  readonly lastColumnId: number;
  readonly snapshots: readonly IcebergSnapshot[];
  readonly tags: Readonly<Record<string, number>>;
  readonly properties: Readonly<Record<string, string>>;
}): TableMetadata {
  const last = opts.snapshots.at(-1);
  if (!last) throw new Error('An exported Iceberg table has at least one snapshot');
  const refs: Record<string, IcebergRef> = { main: { 'snapshot-id': last['snapshot-id'], type: 'branch' } };
  for (const [name, id] of Object.entries(opts.tags))
    if (name !== 'main') refs[name] = { 'snapshot-id': id, type: 'tag' };
  return {
    'format-version': 2,
    'table-uuid': opts.uuid,
    location: opts.location,
    'last-sequence-number': last['sequence-number'],
    'last-updated-ms': last['timestamp-ms'],
    'last-column-id': opts.lastColumnId,
    'current-schema-id': last['schema-id'],
    schemas: opts.schemas,
    'default-spec-id': 0,
    'partition-specs': [{ 'spec-id': 0, fields: [] }],
    // No partition field yet; the spec's convention for "none" (ids start at 1000).
    'last-partition-id': 999,
    'default-sort-order-id': 0,
    'sort-orders': [{ 'order-id': 0, fields: [] }],
    properties: opts.properties,
    'current-snapshot-id': last['snapshot-id'],
    refs,
    snapshots: opts.snapshots,
    'snapshot-log': opts.snapshots.map((s) => ({ 'timestamp-ms': s['timestamp-ms'], 'snapshot-id': s['snapshot-id'] })),
    'metadata-log': [],
  };
}
