/**
 * The scanner's output: records as byte ranges of their fields, and how to read a field's value from its range.
 */
import { QUOTE, decodeText, decodeTextStrict, grownBytes } from './bytes';

/**
 * How a scanned field's byte range relates to its value:
 * - PLAIN: unquoted, the range is the value;
 * - QUOTED: quoted without escapes, the range is the value between the quotes;
 * - ESCAPED: the range is the raw field, opening quote included, and must go through {@link unescapeField}
 *   (it holds doubled quotes, or text after the closing quote).
 */
export const FIELD_PLAIN = 0;
export const FIELD_QUOTED = 1;
export const FIELD_ESCAPED = 2;

/** Receives the records of a scan, in order. */
export interface RecordSink {
  /**
   * One record of `fieldCount` fields; field `f` spans `bytes[starts[f]..ends[f])` and `kinds[f]` says how to read it
   * (see FIELD_PLAIN etc.). The arrays and bytes are only valid during the call.
   */
  record(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    kinds: Uint8Array,
    fieldCount: number,
    line: number,
  ): void;
  /** `count` blank lines starting at `line`, followed by at least one record. */
  blankLines(line: number, count: number): void;
}

/**
 * Writes the value of an ESCAPED field (raw bytes from its opening quote) into `out` and returns its length.
 * Inside the quotes a doubled quote is one quote; after the closing quote the remaining bytes are kept verbatim,
 * as Python's csv module does with `"ab"cd` → `abcd`. `out` must hold at least `end - start` bytes.
 */
export function unescapeField(raw: Uint8Array, start: number, end: number, out: Uint8Array): number {
  let length = 0;
  let i = start + 1;
  while (i < end) {
    const byte = raw[i]!;
    if (byte === QUOTE) {
      if (i + 1 < end && raw[i + 1] === QUOTE) {
        out[length++] = QUOTE;
        i += 2;
        continue;
      }
      for (i++; i < end; i++) out[length++] = raw[i]!;
      break;
    }
    out[length++] = byte;
    i++;
  }
  return length;
}

let fieldScratch: Uint8Array = new Uint8Array(256);

/**
 * The text of a scanned field, or null for an empty unquoted field (`""` gives the empty string). Invalid UTF-8
 * becomes U+FFFD unless `strict`, which returns undefined instead. For previews and headers, not the hot path.
 */
export function fieldText(
  bytes: Uint8Array,
  start: number,
  end: number,
  kind: number,
  strict = false,
): string | null | undefined {
  if (kind === FIELD_PLAIN && start === end) return null;
  let source = bytes;
  if (kind === FIELD_ESCAPED) {
    fieldScratch = grownBytes(fieldScratch, 0, end - start);
    source = fieldScratch;
    end = unescapeField(bytes, start, end, source);
    start = 0;
  }
  return strict ? decodeTextStrict(source, start, end) : decodeText(source, start, end);
}
