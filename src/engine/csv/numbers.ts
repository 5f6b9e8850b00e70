/**
 * Byte-level parsers for bool, int64 and float64 text. Each validates the whole range (no surrounding spaces) and
 * writes into a typed array, so the hot path allocates nothing.
 */
import { asciiText } from './bytes';

const PLUS = 0x2b;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const LOWER_E = 0x65;
const TWO_POW_32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Typed arrays are little-endian on every platform we ship to; checked once so a big-endian host stays correct. */
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Exact powers of ten: every 10^k with k ≤ 22 is a double without rounding. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MAX_EXACT_MANTISSA = 2 ** 53;

/** `true`/`false` in any letter case → 1/0; anything else → -1. */
export function parseBool(bytes: Uint8Array, start: number, end: number): number {
  const length = end - start;
  // `| 0x20` lower-cases ASCII letters; it can only turn a non-letter into a letter outside the compared set.
  if (length === 4) {
    return (bytes[start]! | 0x20) === 0x74 &&
      (bytes[start + 1]! | 0x20) === 0x72 &&
      (bytes[start + 2]! | 0x20) === 0x75 &&
      (bytes[start + 3]! | 0x20) === 0x65
      ? 1
      : -1;
  }
  if (length === 5) {
    return (bytes[start]! | 0x20) === 0x66 &&
      (bytes[start + 1]! | 0x20) === 0x61 &&
      (bytes[start + 2]! | 0x20) === 0x6c &&
      (bytes[start + 3]! | 0x20) === 0x73 &&
      (bytes[start + 4]! | 0x20) === 0x65
      ? 0
      : -1;
  }
  return -1;
}

/** Outcome of {@link parseInt64Into}. */
export const INT64_OK = 0;
export const INT64_SYNTAX = 1;
export const INT64_RANGE = 2;

/**
 * Writes a signed 64-bit integer into slot `index` of `words` (an Int32Array view of a BigInt64Array: two words per
 * value). Syntax: optional sign, then ASCII digits. Values within ±2^53 are written as two 32-bit words without BigInt.
 */
export function parseInt64Into(
  bytes: Uint8Array,
  start: number,
  end: number,
  words: Int32Array,
  index: number,
): typeof INT64_OK | typeof INT64_SYNTAX | typeof INT64_RANGE {
  let i = start;
  const first = bytes[i];
  const negative = first === MINUS;
  if (negative || first === PLUS) i++;
  if (i >= end) return INT64_SYNTAX;
  if (end - i <= 15) {
    let value = 0;
    for (; i < end; i++) {
      const digit = bytes[i]! - ZERO;
      if (digit < 0 || digit > 9) return INT64_SYNTAX;
      value = value * 10 + digit;
    }
    writeInt53(words, index, negative ? -value : value);
    return INT64_OK;
  }
  for (let k = i; k < end; k++) {
    const digit = bytes[k]! - ZERO;
    if (digit < 0 || digit > 9) return INT64_SYNTAX;
  }
  const value = BigInt(asciiText(bytes, start, end));
  if (value < INT64_MIN || value > INT64_MAX) return INT64_RANGE;
  new BigInt64Array(words.buffer, words.byteOffset, words.length >> 1)[index] = value;
  return INT64_OK;
}

/** Writes an integer with |value| ≤ 2^53 as the low and high words of a little-endian int64 in two's complement. */
export function writeInt53(words: Int32Array, index: number, value: number): void {
  if (!LITTLE_ENDIAN) {
    new BigInt64Array(words.buffer, words.byteOffset, words.length >> 1)[index] = BigInt(value);
    return;
  }
  const high = Math.floor(value / TWO_POW_32);
  // Int32Array stores modulo 2^32, so the low word's bit pattern is right even above 2^31.
  words[2 * index] = value - high * TWO_POW_32;
  words[2 * index + 1] = high;
}

/**
 * Parses decimal text into slot `index` of `out`; returns false when it is not a number. Accepts
 * `[+-]digits[.digits][e[+-]digits]` (either side of the dot may be empty but not both), `NaN`, `Infinity`,
 * `+Infinity` and `-Infinity`. The result is always exactly `Number(text)`: a mantissa below 2^53 scaled by an exact
 * power of ten (≤ 10^22) is one correctly rounded IEEE operation (Clinger's fast path); other inputs use Number().
 */
export function parseFloat64Into(bytes: Uint8Array, start: number, end: number, out: Float64Array, index: number) {
  let i = start;
  const first = bytes[i];
  const negative = first === MINUS;
  if (negative || first === PLUS) i++;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  for (; i < end; i++) {
    const digit = bytes[i]! - ZERO;
    if (digit < 0 || digit > 9) break;
    mantissa = mantissa * 10 + digit;
    digits++;
  }
  if (i < end && bytes[i] === DOT) {
    for (i++; i < end; i++) {
      const digit = bytes[i]! - ZERO;
      if (digit < 0 || digit > 9) break;
      mantissa = mantissa * 10 + digit;
      digits++;
      fractionDigits++;
    }
  }
  if (digits === 0) return parseSpecialFloat(bytes, start, end, out, index);
  let exponent = 0;
  if (i < end && (bytes[i]! | 0x20) === LOWER_E) {
    i++;
    const sign = bytes[i];
    const negativeExponent = sign === MINUS;
    if (negativeExponent || sign === PLUS) i++;
    const exponentStart = i;
    for (; i < end; i++) {
      const digit = bytes[i]! - ZERO;
      if (digit < 0 || digit > 9) return false;
      // Clamped: beyond this the value is 0 or Infinity anyway, and Number() decides which.
      if (exponent < 100000) exponent = exponent * 10 + digit;
    }
    if (i === exponentStart) return false;
    if (negativeExponent) exponent = -exponent;
  }
  if (i !== end) return false;
  const scale = exponent - fractionDigits;
  if (mantissa < MAX_EXACT_MANTISSA && scale >= -22 && scale <= 22) {
    const magnitude = scale >= 0 ? mantissa * POWERS_OF_TEN[scale]! : mantissa / POWERS_OF_TEN[-scale]!;
    out[index] = negative ? -magnitude : magnitude;
  } else {
    out[index] = Number(asciiText(bytes, start, end));
  }
  return true;
}

const SPECIAL_FLOATS: readonly (readonly [string, number])[] = [
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['+Infinity', Infinity],
  ['-Infinity', -Infinity],
];

function parseSpecialFloat(bytes: Uint8Array, start: number, end: number, out: Float64Array, index: number) {
  const length = end - start;
  if (length < 3 || length > 9) return false;
  const text = asciiText(bytes, start, end);
  for (const [spelling, value] of SPECIAL_FLOATS) {
    if (text === spelling) {
      out[index] = value;
      return true;
    }
  }
  return false;
}
