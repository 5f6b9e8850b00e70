import { afterEach, describe, expect, it } from 'vitest';
import { createExportFile, openExportDirectory, sweepExportFiles } from './opfs-export';

/** Real OPFS on the page's thread (a writable stream: sync handles exist only in dedicated workers). */
const DIR = 'strata-exports-test';

async function names(dir: FileSystemDirectoryHandle): Promise<string[]> {
  const out: string[] = [];
  for await (const name of dir.keys()) out.push(name);
  return out.sort();
}

afterEach(async () => {
  await (await navigator.storage.getDirectory()).removeEntry(DIR, { recursive: true }).catch(() => undefined);
});

describe('export files in OPFS', () => {
  it('writes a file the page reads back as a File, in its own directory', async () => {
    const dir = await openExportDirectory(DIR);
    const writer = await createExportFile(dir, '0123456789abcdef.zip');
    await writer.write(new Uint8Array([80, 75]));
    await writer.write(new Uint8Array([3, 4]).subarray(0, 2));
    expect(await writer.finish()).toBe(4);
    const file = await (await dir.getFileHandle('0123456789abcdef.zip')).getFile();
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([80, 75, 3, 4]);
  });

  it('discard leaves nothing behind; a sweep removes finished files older than the cut-off', async () => {
    const dir = await openExportDirectory(DIR);
    const dropped = await createExportFile(dir, '0123456789abcdef.parquet');
    await dropped.write(new Uint8Array(10));
    await dropped.discard();
    expect(await names(dir)).toEqual([]);

    const kept = await createExportFile(dir, 'fedcba9876543210.zip');
    await kept.write(new Uint8Array(3));
    await kept.finish();
    expect(await sweepExportFiles(dir, 0)).toEqual([]);
    expect(await sweepExportFiles(dir, Date.now() + 60_000)).toEqual(['fedcba9876543210.zip']);
    expect(await names(dir)).toEqual([]);
  });
});
