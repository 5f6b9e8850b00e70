/**
 * The slice of the ZIP format (PKWARE APPNOTE 6.3) that Strata writes and reads: stored or deflated entries whose
 * CRC-32 and sizes are in the local header (never a trailing data descriptor), and ZIP64 end records once an archive
 * passes 4 GiB or 65,535 entries.
 *
 * Why not fflate's streaming `Zip`/`Unzip` (fflate stays our deflate codec): its `Zip` always writes data descriptors
 * and no ZIP64 records, and its `Unzip` then finds the end of an entry by scanning the data for the descriptor
 * signature `PK\x07\x08`, so any binary file containing those four bytes is cut short (fflate issues #208 and #243,
 * fix pending in PR #275; `zip.test.ts` reproduces it). Sizes in the local header let a reader stream an archive
 * exactly, without guessing.
 */

export const SIGNATURE = {
  local: 0x04034b50,
  central: 0x02014b50,
  end: 0x06054b50,
  zip64End: 0x06064b50,
  zip64Locator: 0x07064b50,
} as const;

export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DATA_DESCRIPTOR = 0x0008;
/** File names are UTF-8. */
export const FLAG_UTF8 = 0x0800;

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;

/** "Version needed to extract": 2.0 for plain entries, 4.5 once ZIP64 fields are present. */
export const VERSION_DEFAULT = 20;
export const VERSION_ZIP64 = 45;

/** Extra-field header id of the ZIP64 extended information record. */
export const EXTRA_ZIP64 = 0x0001;

/** A 32-bit size or offset field that holds this value is in the ZIP64 extra field instead. */
export const U32_MAX = 0xffffffff;
export const U16_MAX = 0xffff;

export const LOCAL_HEADER_BYTES = 30;
export const CENTRAL_HEADER_BYTES = 46;
export const END_BYTES = 22;
export const ZIP64_END_BYTES = 56;
export const ZIP64_LOCATOR_BYTES = 20;

/** MS-DOS date and time of a UTC instant (ZIP has no time zone; UTC keeps archives reproducible). */
export function dosDateTime(ms: number): { time: number; date: number } {
  const d = new Date(ms);
  const year = Math.min(2107, Math.max(1980, d.getUTCFullYear()));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}
