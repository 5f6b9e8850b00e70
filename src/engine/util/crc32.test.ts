import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32';

/** The textbook byte-at-a-time CRC-32, as the reference. */
function reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('crc32', () => {
  it('gives the standard check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('matches the byte-at-a-time reference at every length and alignment', () => {
    const data = new Uint8Array(300);
    let x = 12345;
    for (let i = 0; i < data.length; i++) data[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
    for (let start = 0; start < 9; start++) {
      for (let len = 0; len <= 40; len++) {
        const view = data.subarray(start, start + len);
        expect(crc32(view), `start ${start}, length ${len}`).toBe(reference(view));
      }
    }
    expect(crc32(data)).toBe(reference(data));
  });
});
