/**
 * Typed column buffers for one batch, written row by row in Arrow's layout and handed to `makeColumnData`.
 *
 * The batch assembler owns the row index and capacity: it calls `grow` before a row would overflow, so setters do no
 * bounds checks. Each batch gets fresh buffers, because the finished Arrow Data keeps references to them.
 */
import type { Data } from 'apache-arrow';
import { makeColumnData } from '../model/arrow';
import type { ColumnType } from '../model/schema';
import * as bytesModule from './bytes';
import * as numbersModule from './numbers';
import { INT64_RANGE, INT64_SYNTAX } from './numbers';
import * as temporalModule from './temporal';

/*
 * Imported bindings used per byte or per value are read once into module constants: Vitest's module runner turns
 * every use of an import into a property read on the module namespace, which made the hot loops ~3× slower under
 * test. Bundled builds are unaffected either way.
 */
const { grownBytes, isValidUtf8 } = bytesModule;
const { parseBool, parseFloat64Into, parseInt64Into, writeInt53 } = numbersModule;
const { parseDateDays, parseTimestampMs } = temporalModule;

/** Outcome of setting a value from text. */
export const VALUE_OK = 0;
export const VALUE_SYNTAX = INT64_SYNTAX;
export const VALUE_RANGE = INT64_RANGE;
/** Not valid UTF-8 (string columns only). */
export const VALUE_ENCODING = 3;
export type ValueStatus = typeof VALUE_OK | typeof VALUE_SYNTAX | typeof VALUE_RANGE | typeof VALUE_ENCODING;

/** Validity bitmap created at the first null: all bits start set, so a valid value costs nothing. */
class Validity {
  bits: Uint8Array | undefined;
  nullCount = 0;

  setNull(row: number, capacity: number): void {
    this.bits ??= new Uint8Array(Math.ceil(capacity / 8)).fill(0xff);
    this.bits[row >> 3]! &= ~(1 << (row & 7));
    this.nullCount++;
  }

  grow(capacity: number): void {
    if (this.bits === undefined) return;
    const bits = new Uint8Array(Math.ceil(capacity / 8)).fill(0xff);
    bits.set(this.bits);
    this.bits = bits;
  }
}

abstract class ColumnBase {
  protected readonly validity = new Validity();
  protected capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  abstract readonly type: ColumnType;

  setNull(row: number): void {
    this.validity.setNull(row, this.capacity);
    this.clear(row);
  }

  grow(capacity: number): void {
    this.validity.grow(capacity);
    this.capacity = capacity;
    this.growValues(capacity);
  }

  finish(length: number): Data {
    return makeColumnData(this.type, {
      length,
      nullCount: this.validity.nullCount,
      validity: this.validity.bits?.subarray(0, Math.ceil(length / 8)),
      ...this.buffers(length),
    });
  }

  /** Gives the slot of a null row a defined value (typed arrays are zeroed, so only strings need work). */
  protected clear(_row: number): void {}
  protected abstract growValues(capacity: number): void;
  protected abstract buffers(length: number): {
    values: Uint8Array | Int32Array | Float64Array | BigInt64Array;
    offsets?: Int32Array;
  };
}

/** A copy of `array` with room for `capacity` elements (`make` allocates the same kind of array). */
function grown<T extends Int32Array | Float64Array | BigInt64Array>(
  array: T,
  make: (capacity: number) => T,
  capacity: number,
): T {
  const next = make(capacity);
  new Uint8Array(next.buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return next;
}

export class BoolColumn extends ColumnBase {
  readonly type = 'bool';
  private bits: Uint8Array;

  constructor(capacity: number) {
    super(capacity);
    this.bits = new Uint8Array(Math.ceil(capacity / 8));
  }

  set(row: number, bytes: Uint8Array, start: number, end: number): ValueStatus {
    const value = parseBool(bytes, start, end);
    if (value < 0) return VALUE_SYNTAX;
    if (value === 1) this.bits[row >> 3]! |= 1 << (row & 7);
    return VALUE_OK;
  }

  protected growValues(capacity: number): void {
    this.bits = grownBytes(this.bits, this.bits.length, Math.ceil(capacity / 8));
  }

  protected buffers(length: number) {
    return { values: this.bits.subarray(0, Math.ceil(length / 8)) };
  }
}

/** int64 and timestamp: both are 64-bit integers, written as two 32-bit words when they fit in ±2^53. */
export class Int64Column extends ColumnBase {
  readonly type: 'int64' | 'timestamp';
  private values: BigInt64Array;
  private words: Int32Array;

  constructor(type: 'int64' | 'timestamp', capacity: number) {
    super(capacity);
    this.type = type;
    this.values = new BigInt64Array(capacity);
    this.words = new Int32Array(this.values.buffer);
  }

  setInt64(row: number, bytes: Uint8Array, start: number, end: number): ValueStatus {
    return parseInt64Into(bytes, start, end, this.words, row);
  }

  setTimestamp(row: number, bytes: Uint8Array, start: number, end: number): ValueStatus {
    const millis = parseTimestampMs(bytes, start, end);
    if (Number.isNaN(millis)) return VALUE_SYNTAX;
    writeInt53(this.words, row, millis);
    return VALUE_OK;
  }

  protected growValues(capacity: number): void {
    this.values = grown(this.values, (n) => new BigInt64Array(n), capacity);
    this.words = new Int32Array(this.values.buffer);
  }

  protected buffers(length: number) {
    return { values: this.values.subarray(0, length) };
  }
}

export class Float64Column extends ColumnBase {
  readonly type = 'float64';
  private values: Float64Array;

  constructor(capacity: number) {
    super(capacity);
    this.values = new Float64Array(capacity);
  }

  set(row: number, bytes: Uint8Array, start: number, end: number): ValueStatus {
    return parseFloat64Into(bytes, start, end, this.values, row) ? VALUE_OK : VALUE_SYNTAX;
  }

  protected growValues(capacity: number): void {
    this.values = grown(this.values, (n) => new Float64Array(n), capacity);
  }

  protected buffers(length: number) {
    return { values: this.values.subarray(0, length) };
  }
}

export class DateColumn extends ColumnBase {
  readonly type = 'date';
  private values: Int32Array;

  constructor(capacity: number) {
    super(capacity);
    this.values = new Int32Array(capacity);
  }

  set(row: number, bytes: Uint8Array, start: number, end: number): ValueStatus {
    const days = parseDateDays(bytes, start, end);
    if (Number.isNaN(days)) return VALUE_SYNTAX;
    this.values[row] = days;
    return VALUE_OK;
  }

  protected growValues(capacity: number): void {
    this.values = grown(this.values, (n) => new Int32Array(n), capacity);
  }

  protected buffers(length: number) {
    return { values: this.values.subarray(0, length) };
  }
}

/** Strings short enough to copy with a loop (checking for non-ASCII bytes on the way) rather than `set`. */
const SHORT_STRING = 32;

export class StringColumn extends ColumnBase {
  readonly type = 'string';
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private used = 0;

  constructor(capacity: number) {
    super(capacity);
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(Math.max(1024, capacity * 8));
  }

  /** UTF-8 bytes stored in this batch so far. */
  get byteLength(): number {
    return this.used;
  }

  set(row: number, source: Uint8Array, start: number, end: number): ValueStatus {
    const length = end - start;
    let used = this.used;
    if (used + length > this.bytes.length) this.bytes = grownBytes(this.bytes, used, used + length);
    const bytes = this.bytes;
    if (length <= SHORT_STRING) {
      let seen = 0;
      for (let i = start; i < end; i++) {
        const byte = source[i]!;
        seen |= byte;
        bytes[used++] = byte;
      }
      if (seen >= 0x80 && !isValidUtf8(source, start, end)) return VALUE_ENCODING;
    } else {
      if (!isValidUtf8(source, start, end)) return VALUE_ENCODING;
      bytes.set(source.subarray(start, end), used);
      used += length;
    }
    this.used = used;
    this.offsets[row + 1] = used;
    return VALUE_OK;
  }

  protected override clear(row: number): void {
    this.offsets[row + 1] = this.used;
  }

  protected growValues(capacity: number): void {
    this.offsets = grown(this.offsets, (n) => new Int32Array(n), capacity + 1);
  }

  protected buffers(length: number) {
    return { values: this.bytes.subarray(0, this.used), offsets: this.offsets.subarray(0, length + 1) };
  }
}

export type Column = BoolColumn | Int64Column | Float64Column | DateColumn | StringColumn;

export function makeColumn(type: ColumnType, capacity: number): Column {
  switch (type) {
    case 'bool':
      return new BoolColumn(capacity);
    case 'int64':
    case 'timestamp':
      return new Int64Column(type, capacity);
    case 'float64':
      return new Float64Column(capacity);
    case 'date':
      return new DateColumn(capacity);
    case 'string':
      return new StringColumn(capacity);
  }
}
