/**
 * Encoding detection and transcoding to UTF-8, so the scanner only ever sees UTF-8 bytes without a BOM.
 *
 * windows-1252 is transcoded with the WHATWG table below rather than TextDecoder: Node's TextDecoder decodes
 * 'windows-1252' as ISO-8859-1 (0x80 → U+0080 instead of €; nodejs/node#56542), and a byte-to-bytes table is faster
 * anyway. UTF-16 goes through a streaming TextDecoder and TextEncoder.
 */
import { invalidUtf16Error } from './errors';
import type { CsvEncoding } from './types';

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export interface DetectedEncoding {
  encoding: CsvEncoding;
  hasBom: boolean;
}

/**
 * UTF-16 by BOM; otherwise UTF-8 when the sample is valid UTF-8 (an incomplete sequence cut off at the end of a
 * partial sample is allowed), else windows-1252.
 */
export function detectEncoding(sample: Uint8Array, sampleIsWholeFile: boolean): DetectedEncoding {
  if (startsWithBom(sample, 'utf-8')) return { encoding: 'utf-8', hasBom: true };
  if (startsWithBom(sample, 'utf-16le')) return { encoding: 'utf-16le', hasBom: true };
  if (startsWithBom(sample, 'utf-16be')) return { encoding: 'utf-16be', hasBom: true };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !sampleIsWholeFile });
    return { encoding: 'utf-8', hasBom: false };
  } catch {
    return { encoding: 'windows-1252', hasBom: false };
  }
}

export function startsWithBom(bytes: Uint8Array, encoding: CsvEncoding): boolean {
  switch (encoding) {
    case 'utf-8':
      return bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
    case 'utf-16le':
      return bytes[0] === 0xff && bytes[1] === 0xfe;
    case 'utf-16be':
      return bytes[0] === 0xfe && bytes[1] === 0xff;
    case 'windows-1252':
      return false;
  }
}

/** Converts a stream of chunks in one encoding into UTF-8 chunks, dropping a leading BOM. */
export interface Utf8Transcoder {
  push(chunk: Uint8Array): Uint8Array;
  /** The bytes still held back at the end of the input. */
  flush(): Uint8Array;
}

export function createUtf8Transcoder(encoding: CsvEncoding, fileName?: string): Utf8Transcoder {
  switch (encoding) {
    case 'utf-8':
      return new Utf8BomStripper();
    case 'windows-1252':
      return { push: windows1252ToUtf8, flush: () => new Uint8Array(0) };
    case 'utf-16le':
    case 'utf-16be':
      return new Utf16ToUtf8(encoding, fileName);
  }
}

/** Passes UTF-8 through, holding back up to three leading bytes until it knows whether they are a BOM. */
class Utf8BomStripper implements Utf8Transcoder {
  private head: number[] | undefined = [];

  push(chunk: Uint8Array): Uint8Array {
    const head = this.head;
    if (head === undefined) return chunk;
    let i = 0;
    while (i < chunk.length && head.length < UTF8_BOM.length && chunk[i] === UTF8_BOM[head.length]) {
      head.push(chunk[i]!);
      i++;
    }
    if (head.length === UTF8_BOM.length) {
      this.head = undefined;
      return chunk.subarray(i);
    }
    if (i === chunk.length) return chunk.subarray(chunk.length);
    // Not a BOM after all: release the bytes held back in front of the rest.
    this.head = undefined;
    if (head.length === 0) return chunk;
    const joined = new Uint8Array(head.length + chunk.length - i);
    joined.set(head);
    joined.set(chunk.subarray(i), head.length);
    return joined;
  }

  flush(): Uint8Array {
    const held = Uint8Array.from(this.head ?? []);
    this.head = undefined;
    return held;
  }
}

class Utf16ToUtf8 implements Utf8Transcoder {
  private readonly decoder: TextDecoder;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly encoding: 'utf-16le' | 'utf-16be',
    private readonly fileName: string | undefined,
  ) {
    // The decoder drops a leading BOM itself (ignoreBOM is false).
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  push(chunk: Uint8Array): Uint8Array {
    return this.encoder.encode(this.decode(chunk, true));
  }

  flush(): Uint8Array {
    return this.encoder.encode(this.decode(new Uint8Array(0), false));
  }

  private decode(chunk: Uint8Array, stream: boolean): string {
    try {
      return this.decoder.decode(chunk, { stream });
    } catch {
      throw invalidUtf16Error(this.fileName, this.encoding);
    }
  }
}

/** WHATWG index-windows-1252 for bytes 0x80–0x9F; bytes 0xA0–0xFF map to the same code point. */
const WINDOWS_1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
] as const;

/** Code point of each byte 0x80–0xFF. */
const WINDOWS_1252_HIGH = Uint16Array.from({ length: 128 }, (_, i) => (i < 32 ? WINDOWS_1252_C1[i]! : 0x80 + i));

export function windows1252ToUtf8(chunk: Uint8Array): Uint8Array {
  let firstHigh = 0;
  while (firstHigh < chunk.length && chunk[firstHigh]! < 0x80) firstHigh++;
  if (firstHigh === chunk.length) return chunk;

  let size = firstHigh;
  for (let i = firstHigh; i < chunk.length; i++) {
    const byte = chunk[i]!;
    size += byte < 0x80 ? 1 : WINDOWS_1252_HIGH[byte - 0x80]! < 0x800 ? 2 : 3;
  }
  const out = new Uint8Array(size);
  out.set(chunk.subarray(0, firstHigh));
  let o = firstHigh;
  for (let i = firstHigh; i < chunk.length; i++) {
    const byte = chunk[i]!;
    if (byte < 0x80) {
      out[o++] = byte;
      continue;
    }
    const codePoint = WINDOWS_1252_HIGH[byte - 0x80]!;
    if (codePoint < 0x800) {
      out[o++] = 0xc0 | (codePoint >> 6);
      out[o++] = 0x80 | (codePoint & 0x3f);
    } else {
      out[o++] = 0xe0 | (codePoint >> 12);
      out[o++] = 0x80 | ((codePoint >> 6) & 0x3f);
      out[o++] = 0x80 | (codePoint & 0x3f);
    }
  }
  return out;
}
