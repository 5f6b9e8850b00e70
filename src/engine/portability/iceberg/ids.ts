/**
 * Deterministic identities for an export, so exporting the same table twice gives the same snapshot ids, table
 * UUID and file names (and so the same archive).
 */

/** 64-bit FNV-1a of a string, as a bigint. */
export function fnv64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = BigInt.asUintN(64, h * 0x100000001b3n);
  }
  return h;
}

/**
 * A snapshot id derived from a Strata version's id (unique across the store and all time). Kept within 53 bits so
 * it is exact as a JSON number in every reader (Iceberg ids are signed 64-bit; JavaScript's JSON.parse rounds above
 * 2^53). `taken` resolves the (astronomically unlikely) collision within one table by rehashing.
 */
export function snapshotIdOf(versionId: string, taken: ReadonlySet<number>): number {
  for (let salt = 0; ; salt++) {
    const id = Number(fnv64(salt ? `${versionId}#${salt}` : versionId) & ((1n << 53n) - 1n));
    if (id > 0 && !taken.has(id)) return id;
  }
}

/** The table's UUID: a Strata table id is 32 hex digits already; anything else is hashed into that shape. */
export function tableUuidOf(tableId: string): string {
  const hex = /^[0-9a-f]{32}$/i.test(tableId)
    ? tableId.toLowerCase()
    : (fnv64(tableId).toString(16).padStart(16, '0') + fnv64(`${tableId}/2`).toString(16).padStart(16, '0')).slice(
        0,
        32,
      );
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
