/**
 * Byte-level helpers shared by the scanner, the value parsers and the column builders. All input reaching them is
 * UTF-8 (other encodings are transcoded first), so ASCII syntax can be matched byte by byte.
 */

export const LF = 0x0a;
export const CR = 0x0d;
export const QUOTE = 0x22;

const utf8Lossy = new TextDecoder('utf-8');
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** Text of a UTF-8 byte range, with U+FFFD for invalid sequences (for messages and previews). */
export function decodeText(bytes: Uint8Array, start: number, end: number): string {
  return utf8Lossy.decode(bytes.subarray(start, end));
}

/** Text of a UTF-8 byte range, or undefined when it is not valid UTF-8. */
export function decodeTextStrict(bytes: Uint8Array, start: number, end: number): string | undefined {
  try {
    return utf8Strict.decode(bytes.subarray(start, end));
  } catch {
    return undefined;
  }
}

/** Text of a byte range known to be ASCII (cheaper than TextDecoder for short numbers). */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  let text = '';
  for (let i = start; i < end; i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

/** Whether a byte range is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF). */
export function isValidUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let codePoint: number;
    if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1;
      min = 0x80;
      codePoint = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      min = 0x800;
      codePoint = lead & 0x0f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      min = 0x10000;
      codePoint = lead & 0x07;
    } else {
      return false;
    }
    if (i + need >= end) return false;
    for (let k = 1; k <= need; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return false;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** Number of characters (code points) in a UTF-8 byte range: continuation bytes are not counted. */
export function countCodePoints(bytes: Uint8Array, start: number, end: number): number {
  let count = 0;
  for (let i = start; i < end; i++) if ((bytes[i]! & 0xc0) !== 0x80) count++;
  return count;
}

/** A growable byte buffer (doubling), used for carried-over records and string values. */
export function grownBytes(buffer: Uint8Array, used: number, needed: number): Uint8Array {
  if (needed <= buffer.length) return buffer;
  let capacity = Math.max(buffer.length * 2, 1024);
  while (capacity < needed) capacity *= 2;
  const grown = new Uint8Array(capacity);
  grown.set(buffer.subarray(0, used));
  return grown;
}
