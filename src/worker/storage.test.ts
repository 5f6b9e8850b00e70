import { describe, expect, it } from 'vitest';
import { StrataError } from '../engine/errors';
import { openAppStorage } from './storage';

const failWith = (e: Error) => () => Promise.reject(e);

describe('openAppStorage', () => {
  it('falls back to memory saying storage is unavailable, and why', async () => {
    const opened = await openAppStorage(
      () => {},
      failWith(new StrataError('STORAGE_UNAVAILABLE', 'IndexedDB database "strata" could not be opened')),
    );
    expect(opened.reloadRequired).toBe(false);
    expect(opened.problems).toEqual([
      'Storage is unavailable, so nothing you import will be saved when this tab closes: IndexedDB database "strata" could not be opened',
    ]);
    expect(await opened.storage.catalog.listTables()).toEqual([]);
  });

  it('says this tab runs an older Strata and must reload when the data is a newer build’s (FORMAT_TOO_NEW)', async () => {
    const opened = await openAppStorage(
      () => {},
      failWith(
        new StrataError('FORMAT_TOO_NEW', 'The catalog database "strata" was created by a newer version of Strata'),
      ),
    );
    expect(opened.reloadRequired).toBe(true);
    expect(opened.problems).toHaveLength(1);
    expect(opened.problems[0]).toMatch(/^This tab runs an older version of Strata .* Reload this tab/);
    expect(opened.problems[0]).toContain('created by a newer version of Strata');
    expect(opened.problems[0]).not.toContain('Storage is unavailable');
  });
});
