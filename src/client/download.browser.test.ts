import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_DIRECTORY } from '../protocol/dto';
import { keepForMs, saveExport } from './download';

const NAME = '0123456789abcdef0123456789abcdef.zip';

async function exportsDir(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(EXPORT_DIRECTORY, { create: true });
}

async function exists(name: string): Promise<boolean> {
  return (await exportsDir()).getFileHandle(name).then(
    () => true,
    () => false,
  );
}

/** Captures what would be downloaded: the Blob behind the URL and the `download` name of the clicked link. */
function captureDownloads() {
  const blobs = new Map<string, Blob>();
  const clicks: { href: string; download: string }[] = [];
  const create = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => {
    const url = create(blob);
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push({ href: this.href, download: this.download });
  });
  return { blobs, clicks };
}

afterEach(async () => {
  vi.restoreAllMocks();
  await (await exportsDir()).removeEntry(NAME).catch(() => undefined);
});

describe('saveExport', () => {
  it('downloads the OPFS file under its own name, then deletes it', async () => {
    const writable = await (await (await exportsDir()).getFileHandle(NAME, { create: true })).createWritable();
    await writable.write(new Uint8Array([80, 75, 5, 6]));
    await writable.close();
    const { blobs, clicks } = captureDownloads();

    await saveExport(
      { fileName: 'AAPL-iceberg.zip', mimeType: 'application/zip', bytes: 4, opfsName: NAME },
      {
        deleteAfterMs: 0,
      },
    );
    expect(clicks).toEqual([{ href: expect.stringMatching(/^blob:/), download: 'AAPL-iceberg.zip' }]);
    const blob = blobs.get(clicks[0]!.href)!;
    expect(blob).toBeInstanceOf(File);
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([80, 75, 5, 6]);
    await expect.poll(() => exists(NAME)).toBe(false);
  });

  it('downloads a Blob the worker sent when OPFS was unavailable', async () => {
    const { blobs, clicks } = captureDownloads();
    const blob = new Blob(['PAR1'], { type: 'application/vnd.apache.parquet' });
    await saveExport({ fileName: 'AAPL@v4.parquet', mimeType: blob.type, bytes: 4, blob });
    expect(clicks).toEqual([{ href: expect.stringMatching(/^blob:/), download: 'AAPL@v4.parquet' }]);
    expect(blobs.get(clicks[0]!.href)).toBe(blob);
  });

  it('fails clearly when the file is gone, starting no download', async () => {
    const { clicks } = captureDownloads();
    await expect(
      saveExport({ fileName: 'x.zip', mimeType: 'application/zip', bytes: 1, opfsName: NAME }),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(clicks).toEqual([]);
  });

  it('keeps the file longer for larger downloads', () => {
    expect(keepForMs(0)).toBe(120_000);
    expect(keepForMs(200 * 1024 * 1024)).toBe(130_000);
  });
});
