import { describe, expect, it } from 'vitest';
import { createUtf8Transcoder, detectEncoding, windows1252ToUtf8 } from './encoding';
import { CsvError } from './errors';

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** Runs bytes through a transcoder in chunks of `chunkSize` and returns the UTF-8 text. */
function transcode(encoding: Parameters<typeof createUtf8Transcoder>[0], bytes: Uint8Array, chunkSize: number): string {
  const transcoder = createUtf8Transcoder(encoding);
  const parts: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    parts.push(transcoder.push(bytes.slice(offset, offset + chunkSize)));
  }
  parts.push(transcoder.flush());
  // Decode the joined bytes: a chunk boundary may fall inside a UTF-8 character.
  return decode(Uint8Array.from(parts.flatMap((part) => [...part])));
}

function utf16(text: string, littleEndian: boolean, bom = true): Uint8Array {
  const units = (bom ? '\ufeff' : '') + text;
  const bytes = new Uint8Array(units.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return bytes;
}

describe('detectEncoding', () => {
  it('recognises BOMs', () => {
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61), true)).toEqual({ encoding: 'utf-8', hasBom: true });
    expect(detectEncoding(utf16('a', true), true)).toEqual({ encoding: 'utf-16le', hasBom: true });
    expect(detectEncoding(utf16('a', false), true)).toEqual({ encoding: 'utf-16be', hasBom: true });
  });

  it('takes valid UTF-8 as UTF-8 and anything else as windows-1252', () => {
    expect(detectEncoding(new TextEncoder().encode('plain, café'), true)).toEqual({ encoding: 'utf-8', hasBom: false });
    expect(detectEncoding(Uint8Array.of(0x63, 0x61, 0x66, 0xe9), true).encoding).toBe('windows-1252');
  });

  it('allows a character cut off at the end of a partial sample, but not of a whole file', () => {
    const cut = new TextEncoder().encode('ab€').subarray(0, 4);
    expect(detectEncoding(cut, false).encoding).toBe('utf-8');
    expect(detectEncoding(cut, true).encoding).toBe('windows-1252');
  });
});

describe('createUtf8Transcoder', () => {
  it.each([1, 2, 3, 64])('strips a UTF-8 BOM split across chunks of %i bytes', (size) => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a,b\n€')]);
    expect(transcode('utf-8', bytes, size)).toBe('a,b\n€');
  });

  it.each([1, 2, 64])('keeps bytes that only start like a BOM (chunks of %i)', (size) => {
    const bytes = new TextEncoder().encode('\uFEFF'.slice(1) + 'ﻻx');
    expect(transcode('utf-8', bytes, size)).toBe('ﻻx');
    expect(transcode('utf-8', Uint8Array.of(0xef, 0xbb), size)).toBe(decode(Uint8Array.of(0xef, 0xbb)));
  });

  it.each([1, 3, 64])('decodes UTF-16 LE and BE with BOM, surrogate pairs split across chunks of %i', (size) => {
    const text = 'naïve,😀\n"x",€\n';
    expect(transcode('utf-16le', utf16(text, true), size)).toBe(text);
    expect(transcode('utf-16be', utf16(text, false), size)).toBe(text);
  });

  it('reports malformed UTF-16 as CSV_ENCODING', () => {
    const lone = utf16('a\ud800b', true);
    const error = (() => {
      try {
        transcode('utf-16le', lone, 64);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).code).toBe('CSV_ENCODING');
  });
});

describe('windows1252ToUtf8', () => {
  it('maps bytes 0x80–0x9F to the WHATWG characters, not C1 controls', () => {
    expect(decode(windows1252ToUtf8(Uint8Array.of(0x80, 0x92, 0x93, 0x94, 0x9f, 0x81)))).toBe('€’“”Ÿ\u0081');
  });

  it('maps 0xA0–0xFF to the same code points and leaves ASCII alone', () => {
    expect(decode(windows1252ToUtf8(Uint8Array.of(0x63, 0x61, 0x66, 0xe9, 0x20, 0xa3, 0xff)))).toBe('café £ÿ');
    const ascii = new TextEncoder().encode('plain ascii');
    expect(windows1252ToUtf8(ascii)).toBe(ascii);
  });

  it('agrees with the WHATWG table for every byte', () => {
    const table = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const expected = Array.from({ length: 256 }, (_, i) =>
      i >= 0x80 && i < 0xa0 ? table[i - 0x80]! : String.fromCharCode(i),
    ).join('');
    expect(decode(windows1252ToUtf8(all))).toBe(expected);
  });
});
