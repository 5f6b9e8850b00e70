import { describe, expect, it } from 'vitest';
import { createExportFile, sweepExportFiles } from './opfs-export';

/**
 * A directory of one file written through a sync access handle (what a dedicated worker gets), whose `write` may be
 * told to come up short the way Chrome's does at quota.
 */
function fakeDirectory(opts: { shortAfter?: number } = {}) {
  const files = new Map<string, { bytes: number[]; lastModified: number; closed: boolean }>();
  const dir = {
    async getFileHandle(name: string, _o?: { create?: boolean }) {
      if (!files.has(name)) files.set(name, { bytes: [], lastModified: 0, closed: true });
      const file = files.get(name)!;
      return {
        kind: 'file',
        async getFile() {
          return { size: file.bytes.length, lastModified: file.lastModified };
        },
        async createSyncAccessHandle() {
          file.closed = false;
          return {
            write(chunk: Uint8Array, { at = 0 }: { at?: number } = {}) {
              const room = opts.shortAfter === undefined ? chunk.length : Math.max(0, opts.shortAfter - at);
              const n = Math.min(room, chunk.length);
              for (let i = 0; i < n; i++) file.bytes[at + i] = chunk[i]!;
              return n;
            },
            flush() {},
            close() {
              file.closed = true;
            },
          };
        },
      };
    },
    async removeEntry(name: string) {
      files.delete(name);
    },
    async *entries() {
      for (const name of [...files.keys()]) yield [name, await dir.getFileHandle(name)] as const;
    },
  };
  return { dir: dir as unknown as FileSystemDirectoryHandle, files };
}

describe('export files (sync access handle)', () => {
  it('appends chunks in order, closes the handle on finish and reports the size', async () => {
    const { dir, files } = fakeDirectory();
    const writer = await createExportFile(dir, 'abcdef0123456789.zip');
    await writer.write(new Uint8Array([1, 2, 3]));
    await writer.write(new Uint8Array([4, 5]));
    expect(await writer.finish()).toBe(5);
    expect(files.get('abcdef0123456789.zip')).toMatchObject({ bytes: [1, 2, 3, 4, 5], closed: true });
  });

  it('treats a short write as QUOTA_EXCEEDED, and discard removes the file', async () => {
    const { dir, files } = fakeDirectory({ shortAfter: 4 });
    const writer = await createExportFile(dir, 'abcdef0123456789.parquet');
    await writer.write(new Uint8Array([1, 2, 3]));
    expect(() => writer.write(new Uint8Array([4, 5, 6]))).toThrow(
      expect.objectContaining({
        code: 'QUOTA_EXCEEDED',
        details: { name: 'abcdef0123456789.parquet', bytesWritten: 4 },
      }),
    );
    await writer.discard();
    expect(files.size).toBe(0);
  });

  it('refuses a name that is not a generated id', async () => {
    const { dir, files } = fakeDirectory();
    for (const name of ['../strata-data/x.bin', 'AAPL@v4.parquet', 'short.zip', '']) {
      await expect(createExportFile(dir, name)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(files.size).toBe(0);
  });

  it('sweeps only files last modified before the cut-off', async () => {
    const { dir, files } = fakeDirectory();
    for (const [name, lastModified] of [
      ['0000000000000old.zip', 1_000],
      ['0000000000000new.zip', 5_000],
    ] as const) {
      await dir.getFileHandle(name, { create: true });
      files.get(name)!.lastModified = lastModified;
    }
    expect(await sweepExportFiles(dir, 2_000)).toEqual(['0000000000000old.zip']);
    expect([...files.keys()]).toEqual(['0000000000000new.zip']);
  });
});
