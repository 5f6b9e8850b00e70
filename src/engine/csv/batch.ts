/**
 * Assembles scanned records into Arrow RecordBatches of a fixed schema, converting each field's bytes straight into
 * its column's typed buffer.
 *
 * Empty-field rule: an empty unquoted field is null; an empty quoted field (`""`) is the empty string in a string
 * column and null in any other. A null in a non-nullable column is a type mismatch.
 */
import { RecordBatch, Struct, makeData, type Schema as ArrowSchema } from 'apache-arrow';
import { arrowSchemaOf } from '../model/arrow';
import type { Schema } from '../model/schema';
import * as bytesModule from './bytes';
import { decodeText } from './bytes';
import * as columnsModule from './columns';
import {
  VALUE_ENCODING,
  VALUE_RANGE,
  makeColumn,
  type BoolColumn,
  type Column,
  type DateColumn,
  type Float64Column,
  type Int64Column,
  type StringColumn,
  type ValueStatus,
} from './columns';
import { int64RangeError, invalidUtf8Error, missingValueError, typeMismatchError, type CsvError } from './errors';
import * as recordsModule from './records';

/*
 * Imported bindings used per byte or per value are read once into module constants: Vitest's module runner turns
 * every use of an import into a property read on the module namespace, which made the hot loops ~3× slower under
 * test. Bundled builds are unaffected either way.
 */
const { grownBytes } = bytesModule;
const { FIELD_ESCAPED, FIELD_PLAIN, FIELD_QUOTED, unescapeField } = recordsModule;
const { VALUE_OK } = columnsModule;

const BOOL = 0;
const INT64 = 1;
const FLOAT64 = 2;
const DATE = 3;
const TIMESTAMP = 4;
const STRING = 5;
const TYPE_CODES = new Map([
  ['bool', BOOL],
  ['int64', INT64],
  ['float64', FLOAT64],
  ['date', DATE],
  ['timestamp', TIMESTAMP],
  ['string', STRING],
] as const);

/** A batch ends early once a string column holds this many bytes, keeping Arrow's int32 offsets far from overflow. */
export const MAX_BATCH_STRING_BYTES = 256 * 1024 * 1024;
const MIN_CAPACITY = 1024;

export class BatchBuilder {
  private readonly arrowSchema: ArrowSchema;
  private readonly codes: Uint8Array;
  private readonly nullable: Uint8Array;
  private readonly names: readonly string[];
  private columns: Column[];
  private capacity: number;
  private rows = 0;
  private stringsFull = false;
  private scratch: Uint8Array = new Uint8Array(1024);

  constructor(
    private readonly schema: Schema,
    private readonly maxRows: number,
    private readonly fileName?: string,
  ) {
    this.arrowSchema = arrowSchemaOf(schema);
    this.codes = Uint8Array.from(schema.fields, (field) => TYPE_CODES.get(field.type)!);
    this.nullable = Uint8Array.from(schema.fields, (field) => (field.nullable ? 1 : 0));
    this.names = schema.fields.map((field) => field.name);
    this.capacity = Math.min(maxRows, MIN_CAPACITY);
    this.columns = this.newColumns();
  }

  get rowCount(): number {
    return this.rows;
  }

  /** The batch should be emitted before another row is added. */
  get isFull(): boolean {
    return this.rows >= this.maxRows || this.stringsFull;
  }

  /**
   * Adds a record as a row. Fields beyond the schema are ignored and missing ones are null (the caller has already
   * applied the ragged-row policy). Throws a CsvError for a value its column cannot hold.
   */
  appendRecord(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    kinds: Uint8Array,
    fieldCount: number,
    line: number,
  ): void {
    const row = this.rows;
    if (row === this.capacity) this.grow();
    const columns = this.columns;
    const codes = this.codes;
    for (let c = 0; c < columns.length; c++) {
      let source = bytes;
      let start = 0;
      let end = 0;
      let kind = FIELD_PLAIN;
      if (c < fieldCount) {
        start = starts[c]!;
        end = ends[c]!;
        kind = kinds[c]!;
        if (kind === FIELD_ESCAPED) {
          if (this.scratch.length < end - start) this.scratch = grownBytes(this.scratch, 0, end - start);
          source = this.scratch;
          end = unescapeField(bytes, start, end, source);
          start = 0;
        }
      }
      const code = codes[c]!;
      const column = columns[c]!;
      if (start === end && (kind !== FIELD_QUOTED || code !== STRING)) {
        if (this.nullable[c] === 0) throw missingValueError(this.fileName, line, this.names[c]!, column.type);
        column.setNull(row);
        continue;
      }
      let status: ValueStatus;
      switch (code) {
        case STRING:
          status = (column as StringColumn).set(row, source, start, end);
          if ((column as StringColumn).byteLength > MAX_BATCH_STRING_BYTES) this.stringsFull = true;
          break;
        case INT64:
          status = (column as Int64Column).setInt64(row, source, start, end);
          break;
        case FLOAT64:
          status = (column as Float64Column).set(row, source, start, end);
          break;
        case TIMESTAMP:
          status = (column as Int64Column).setTimestamp(row, source, start, end);
          break;
        case DATE:
          status = (column as DateColumn).set(row, source, start, end);
          break;
        default:
          status = (column as BoolColumn).set(row, source, start, end);
      }
      if (status !== VALUE_OK) throw this.valueError(status, c, line, source, start, end);
    }
    this.rows = row + 1;
  }

  /** Adds a row of nulls (a blank line in a one-column file). */
  appendNullRow(line: number): void {
    if (this.rows === this.capacity) this.grow();
    for (let c = 0; c < this.columns.length; c++) {
      if (this.nullable[c] === 0) throw missingValueError(this.fileName, line, this.names[c]!, this.columns[c]!.type);
      this.columns[c]!.setNull(this.rows);
    }
    this.rows++;
  }

  /** The rows added since the last call, as a RecordBatch; the builder starts a new batch. */
  finish(): RecordBatch {
    const length = this.rows;
    const children = this.columns.map((column) => column.finish(length));
    const data = makeData({ type: new Struct(this.arrowSchema.fields), length, nullCount: 0, children });
    const batch = new RecordBatch(this.arrowSchema, data);
    // Files are usually uniform, so the next batch starts at the size this one reached.
    this.columns = this.newColumns();
    this.rows = 0;
    this.stringsFull = false;
    return batch;
  }

  private newColumns(): Column[] {
    return this.schema.fields.map((field) => makeColumn(field.type, this.capacity));
  }

  private grow(): void {
    // Capped at maxRows while the caller emits full batches; doubling past it only if a caller keeps appending.
    this.capacity = this.capacity < this.maxRows ? Math.min(this.maxRows, this.capacity * 2) : this.capacity * 2;
    for (const column of this.columns) column.grow(this.capacity);
  }

  private valueError(
    status: ValueStatus,
    column: number,
    line: number,
    source: Uint8Array,
    start: number,
    end: number,
  ): CsvError {
    const name = this.names[column]!;
    if (status === VALUE_ENCODING) return invalidUtf8Error(this.fileName, line, name);
    const value = decodeText(source, start, end);
    if (status === VALUE_RANGE) return int64RangeError(this.fileName, line, name, value);
    return typeMismatchError(this.fileName, line, name, this.schema.fields[column]!.type, value);
  }
}
