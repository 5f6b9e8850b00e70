/**
 * The Avro schemas of Iceberg format v2 manifest lists (`manifest_file`) and manifests (`manifest_entry`), as the
 * spec defines them (field names, types and field ids) and as the Java reference implementation writes them (record
 * names r2, r102, r508, k117_v118…). Readers match fields by field id; names are kept identical anyway for tools that
 * read by name. The table is unpartitioned, so the partition tuple r102 has no fields and `partitions` is empty.
 * DO NOT CHANGE: these are a published format.
 */
import type { AvroSchema } from '../avro/schema';

const optional = (type: AvroSchema): AvroSchema => ['null', type];

const intToLongMap = (name: string, keyId: number, valueId: number, value: 'long' | 'bytes'): AvroSchema => ({
  type: 'array',
  logicalType: 'map',
  items: {
    type: 'record',
    name,
    fields: [
      { name: 'key', type: 'int', 'field-id': keyId },
      { name: 'value', type: value, 'field-id': valueId },
    ],
  },
});

/** manifest_file (spec: "Manifest Lists"), v2. */
export const MANIFEST_FILE_SCHEMA: AvroSchema = {
  type: 'record',
  name: 'manifest_file',
  fields: [
    { name: 'manifest_path', type: 'string', doc: 'Location URI with FS scheme', 'field-id': 500 },
    { name: 'manifest_length', type: 'long', doc: 'Total file size in bytes', 'field-id': 501 },
    { name: 'partition_spec_id', type: 'int', doc: 'Spec ID used to write', 'field-id': 502 },
    { name: 'content', type: 'int', doc: 'Contents of the manifest: 0=data, 1=deletes', 'field-id': 517 },
    { name: 'sequence_number', type: 'long', doc: 'Sequence number when the manifest was added', 'field-id': 515 },
    { name: 'min_sequence_number', type: 'long', doc: 'Lowest sequence number in the manifest', 'field-id': 516 },
    { name: 'added_snapshot_id', type: 'long', doc: 'Snapshot ID that added the manifest', 'field-id': 503 },
    { name: 'added_files_count', type: 'int', doc: 'Added entry count', 'field-id': 504 },
    { name: 'existing_files_count', type: 'int', doc: 'Existing entry count', 'field-id': 505 },
    { name: 'deleted_files_count', type: 'int', doc: 'Deleted entry count', 'field-id': 506 },
    { name: 'added_rows_count', type: 'long', doc: 'Added rows count', 'field-id': 512 },
    { name: 'existing_rows_count', type: 'long', doc: 'Existing rows count', 'field-id': 513 },
    { name: 'deleted_rows_count', type: 'long', doc: 'Deleted rows count', 'field-id': 514 },
    {
      name: 'partitions',
      type: optional({
        type: 'array',
        'element-id': 508,
        items: {
          type: 'record',
          name: 'r508',
          fields: [
            {
              name: 'contains_null',
              type: 'boolean',
              doc: 'True if any file has a null partition value',
              'field-id': 509,
            },
            {
              name: 'contains_nan',
              type: optional('boolean'),
              doc: 'True if any file has a nan partition value',
              default: null,
              'field-id': 518,
            },
            {
              name: 'lower_bound',
              type: optional('bytes'),
              doc: 'Partition lower bound for all files',
              default: null,
              'field-id': 510,
            },
            {
              name: 'upper_bound',
              type: optional('bytes'),
              doc: 'Partition upper bound for all files',
              default: null,
              'field-id': 511,
            },
          ],
        },
      }),
      doc: 'Summary for each partition',
      default: null,
      'field-id': 507,
    },
    {
      name: 'key_metadata',
      type: optional('bytes'),
      doc: 'Encryption key metadata blob',
      default: null,
      'field-id': 519,
    },
  ],
};

/** manifest_entry with its data_file (spec: "Manifests"), v2, unpartitioned. */
export const MANIFEST_ENTRY_SCHEMA: AvroSchema = {
  type: 'record',
  name: 'manifest_entry',
  fields: [
    { name: 'status', type: 'int', 'field-id': 0 },
    { name: 'snapshot_id', type: optional('long'), default: null, 'field-id': 1 },
    { name: 'sequence_number', type: optional('long'), default: null, 'field-id': 3 },
    { name: 'file_sequence_number', type: optional('long'), default: null, 'field-id': 4 },
    {
      name: 'data_file',
      type: {
        type: 'record',
        name: 'r2',
        fields: [
          {
            name: 'content',
            type: 'int',
            doc: 'Contents of the file: 0=data, 1=position deletes, 2=equality deletes',
            'field-id': 134,
          },
          { name: 'file_path', type: 'string', doc: 'Location URI with FS scheme', 'field-id': 100 },
          { name: 'file_format', type: 'string', doc: 'File format name: avro, orc, or parquet', 'field-id': 101 },
          {
            name: 'partition',
            type: { type: 'record', name: 'r102', fields: [] },
            doc: 'Partition data tuple, schema based on the partition spec',
            'field-id': 102,
          },
          { name: 'record_count', type: 'long', doc: 'Number of records in the file', 'field-id': 103 },
          { name: 'file_size_in_bytes', type: 'long', doc: 'Total file size in bytes', 'field-id': 104 },
          {
            name: 'column_sizes',
            type: optional(intToLongMap('k117_v118', 117, 118, 'long')),
            doc: 'Map of column id to total size on disk',
            default: null,
            'field-id': 108,
          },
          {
            name: 'value_counts',
            type: optional(intToLongMap('k119_v120', 119, 120, 'long')),
            doc: 'Map of column id to total count, including null and NaN',
            default: null,
            'field-id': 109,
          },
          {
            name: 'null_value_counts',
            type: optional(intToLongMap('k121_v122', 121, 122, 'long')),
            doc: 'Map of column id to null value count',
            default: null,
            'field-id': 110,
          },
          {
            name: 'nan_value_counts',
            type: optional(intToLongMap('k138_v139', 138, 139, 'long')),
            doc: 'Map of column id to number of NaN values in the column',
            default: null,
            'field-id': 137,
          },
          {
            name: 'lower_bounds',
            type: optional(intToLongMap('k126_v127', 126, 127, 'bytes')),
            doc: 'Map of column id to lower bound',
            default: null,
            'field-id': 125,
          },
          {
            name: 'upper_bounds',
            type: optional(intToLongMap('k129_v130', 129, 130, 'bytes')),
            doc: 'Map of column id to upper bound',
            default: null,
            'field-id': 128,
          },
          {
            name: 'key_metadata',
            type: optional('bytes'),
            doc: 'Encryption key metadata blob',
            default: null,
            'field-id': 131,
          },
          {
            name: 'split_offsets',
            type: optional({ type: 'array', items: 'long', 'element-id': 133 }),
            doc: 'Splittable offsets',
            default: null,
            'field-id': 132,
          },
          {
            name: 'equality_ids',
            type: optional({ type: 'array', items: 'int', 'element-id': 136 }),
            doc: 'Equality comparison field IDs',
            default: null,
            'field-id': 135,
          },
          { name: 'sort_order_id', type: optional('int'), doc: 'Sort order ID', default: null, 'field-id': 140 },
        ],
      },
      'field-id': 2,
    },
  ],
};

/** Manifest entry status (field 0). */
export const ENTRY_STATUS = { existing: 0, added: 1, deleted: 2 } as const;
