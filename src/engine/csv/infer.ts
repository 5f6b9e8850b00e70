/**
 * Column type inference: the most specific type every non-null sample value parses as, in the order
 * bool → int64 → float64 → date → timestamp → string. An int64 value also reads as float64 and a date as a timestamp,
 * so mixed ints and floats give float64 and mixed dates and timestamps give timestamp.
 */
import type { ColumnType } from '../model/schema';
import { decodeText } from './bytes';
import { INT64_OK, parseBool, parseFloat64Into, parseInt64Into } from './numbers';
import { parseDateDays, parseTimestampMs } from './temporal';

const BOOL = 1;
const INT64 = 2;
const FLOAT64 = 4;
const DATE = 8;
const TIMESTAMP = 16;
const ANY_TYPED = BOOL | INT64 | FLOAT64 | DATE | TIMESTAMP;

/** Typed candidates in order of preference. */
const CANDIDATES: readonly (readonly [number, ColumnType])[] = [
  [BOOL, 'bool'],
  [INT64, 'int64'],
  [FLOAT64, 'float64'],
  [DATE, 'date'],
  [TIMESTAMP, 'timestamp'],
];

const scratchWords = new Int32Array(2);
const scratchFloats = new Float64Array(1);

/** Bit set of the typed readings a (non-empty) value has. */
export function typesOfValue(bytes: Uint8Array, start: number, end: number): number {
  let types = 0;
  if (parseBool(bytes, start, end) >= 0) types |= BOOL;
  if (parseInt64Into(bytes, start, end, scratchWords, 0) === INT64_OK) types |= INT64;
  if (parseFloat64Into(bytes, start, end, scratchFloats, 0)) types |= FLOAT64;
  if (!Number.isNaN(parseDateDays(bytes, start, end))) types |= DATE;
  if (!Number.isNaN(parseTimestampMs(bytes, start, end))) types |= TIMESTAMP;
  return types;
}

export interface InferredType {
  type: ColumnType;
  nullable: boolean;
}

/** A column read as string although most of its values have one typed reading. */
export interface NearMiss {
  type: ColumnType;
  /** First value without that reading, and its line. */
  value: string;
  line: number;
  matching: number;
  total: number;
}

/** Values must be this many, and this share of them must agree, for a string column to count as a near miss. */
const NEAR_MISS_MIN_VALUES = 10;
const NEAR_MISS_MIN_SHARE = 0.9;

/** Accumulates one column's sample values. */
export class ColumnTypeInference {
  private possible = ANY_TYPED;
  private sawNull = false;
  private values = 0;
  private readonly matching = CANDIDATES.map(() => 0);
  private readonly firstMismatch: ({ value: string; line: number } | undefined)[] = CANDIDATES.map(() => undefined);

  /** A non-null value; the empty string counts as null (it is null for every typed column). */
  observe(bytes: Uint8Array, start: number, end: number, line: number): void {
    if (start === end) {
      this.sawNull = true;
      return;
    }
    const types = typesOfValue(bytes, start, end);
    this.possible &= types;
    this.values++;
    for (let c = 0; c < CANDIDATES.length; c++) {
      if (types & CANDIDATES[c]![0]) this.matching[c]!++;
      else this.firstMismatch[c] ??= { value: decodeText(bytes, start, end), line };
    }
  }

  observeNull(): void {
    this.sawNull = true;
  }

  result(): InferredType {
    if (this.values > 0) {
      for (const [bit, type] of CANDIDATES) if (this.possible & bit) return { type, nullable: this.sawNull };
    }
    return { type: 'string', nullable: this.sawNull || this.values === 0 };
  }

  nearMiss(): NearMiss | undefined {
    if (this.result().type !== 'string' || this.values < NEAR_MISS_MIN_VALUES) return undefined;
    let best = -1;
    for (let c = 0; c < CANDIDATES.length; c++) if (best < 0 || this.matching[c]! > this.matching[best]!) best = c;
    const matching = this.matching[best]!;
    const mismatch = this.firstMismatch[best];
    if (matching < this.values * NEAR_MISS_MIN_SHARE || mismatch === undefined) return undefined;
    return { type: CANDIDATES[best]![1], value: mismatch.value, line: mismatch.line, matching, total: this.values };
  }
}

/**
 * The column type for a list of values (null or '' = missing). nullable is true when any value is missing; a column
 * with no values at all is a nullable string.
 */
export function inferType(values: readonly (string | null)[]): InferredType {
  const inference = new ColumnTypeInference();
  const encoder = new TextEncoder();
  for (const value of values) {
    if (value === null || value === '') {
      inference.observeNull();
    } else {
      const bytes = encoder.encode(value);
      inference.observe(bytes, 0, bytes.length, 0);
    }
  }
  return inference.result();
}
