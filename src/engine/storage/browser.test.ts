import { afterEach, describe, expect, it, vi } from 'vitest';
import { openBrowserStorage } from './browser';

/** An IndexedDB whose open fails with `name` (as the browser reports a refusal, or a newer database). */
function failingIndexedDb(name: string, message: string) {
  return {
    open() {
      const request: { error?: unknown; onerror?: () => void } = {};
      setTimeout(() => {
        request.error = { name, message };
        request.onerror?.();
      });
      return request;
    },
  };
}

function refusedOpfs() {
  return {
    locks: { request: vi.fn() },
    storage: {
      getDirectory: () => Promise.reject(Object.assign(new Error('Access denied'), { name: 'SecurityError' })),
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('openBrowserStorage when both parts are refused', () => {
  it('names both reasons, IndexedDB first', async () => {
    vi.stubGlobal('navigator', refusedOpfs());
    vi.stubGlobal('indexedDB', failingIndexedDb('UnknownError', 'Internal error opening backing store'));
    const e = await openBrowserStorage().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    const message = (e as Error).message;
    expect(message).toMatch(
      /^IndexedDB database "strata" could not be opened .*Internal error opening backing store\./,
    );
    expect(message).toMatch(
      /The data files could not be opened either: The origin private file system could not be opened .*Access denied$/,
    );
  });

  it('keeps FORMAT_TOO_NEW when the catalog is a newer build’s', async () => {
    vi.stubGlobal('navigator', refusedOpfs());
    vi.stubGlobal(
      'indexedDB',
      failingIndexedDb('VersionError', 'The requested version is less than the existing version'),
    );
    const e = await openBrowserStorage().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'FORMAT_TOO_NEW' });
    expect((e as Error).message).toMatch(
      /created by a newer version of Strata.*The data files could not be opened either/,
    );
  });
});
