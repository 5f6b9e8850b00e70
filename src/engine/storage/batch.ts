/**
 * Pieces of {@link CatalogBatch} semantics shared by every Catalog backend, so they cannot drift apart.
 */
import { StrataError } from '../errors';
import type { TableId } from '../model/records';
import type { CatalogBatch } from './ports';

/** The error thrown when `expectNameFree` finds the name taken by another live table. */
export function tableExistsError(name: string, tableId: TableId): StrataError {
  return new StrataError('TABLE_EXISTS', `A table named ${JSON.stringify(name)} already exists`, { name, tableId });
}

/** True when the batch neither checks nor changes anything (apply can return without opening a transaction). */
export function isEmptyBatch(batch: CatalogBatch): boolean {
  return (
    !batch.expect?.length &&
    !batch.expectNameFree?.length &&
    batch.meta === undefined &&
    !batch.tables?.length &&
    !batch.deleteTables?.length &&
    !batch.versions?.length &&
    !batch.deleteVersions?.length &&
    !batch.files?.length &&
    !batch.deleteFiles?.length &&
    !batch.tags?.length &&
    !batch.deleteTags?.length &&
    !batch.staging?.length &&
    !batch.deleteStaging?.length
  );
}

/** Throws INVALID_ARGUMENT for a time that is not a number usable as an index key (NaN). */
export function assertTime(time: number): void {
  if (typeof time !== 'number' || Number.isNaN(time)) {
    throw new StrataError('INVALID_ARGUMENT', `Invalid time ${String(time)}`, { time });
  }
}
