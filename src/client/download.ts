/**
 * Downloads of files the worker produced. Large outputs never pass through this thread's memory: the worker streams
 * them into a temporary OPFS file (EXPORT_DIRECTORY), and the page reads that as a disk-backed `File`, hands it to
 * the browser's download through a Blob URL and `<a download>`, and deletes it once the download has had time to
 * read it (the worker also sweeps leftovers an hour old, for pages closed before their timer fired).
 */
import { EXPORT_DIRECTORY, type ExportFile } from '../protocol/dto';

/**
 * How long after the click the temporary file is kept. The browser reads a Blob URL's content after the click, on
 * its own schedule (and a "where to save?" prompt can hold it); an OPFS file deleted meanwhile fails the download.
 * Two minutes, plus a second per 20 MB.
 */
export function keepForMs(bytes: number): number {
  return 120_000 + Math.ceil(bytes / (20 * 1024 * 1024)) * 1000;
}

async function exportDirectory(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(EXPORT_DIRECTORY);
}

/** The temporary file, as a disk-backed File (nothing is read into memory). */
export async function exportedFile(opfsName: string): Promise<File> {
  return (await (await exportDirectory()).getFileHandle(opfsName)).getFile();
}

/** Removes a temporary export file; a file already gone is fine. */
export async function deleteExport(opfsName: string): Promise<void> {
  try {
    await (await exportDirectory()).removeEntry(opfsName);
  } catch (e) {
    if (!(e instanceof DOMException && e.name === 'NotFoundError')) throw e;
  }
}

/** Starts the browser's download of `blob` as `fileName`. */
export function downloadBlob(blob: Blob, fileName: string, revokeAfterMs = 120_000): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), revokeAfterMs);
}

/**
 * Downloads an export as `file.fileName`, then deletes its temporary file after `keepForMs` (or `deleteAfterMs`).
 * If the file cannot be read, it is deleted at once and the error rethrown.
 */
export async function saveExport(file: ExportFile, opts: { readonly deleteAfterMs?: number } = {}): Promise<void> {
  const { opfsName } = file;
  if (opfsName === undefined) {
    if (!file.blob) throw new Error(`The export ${file.fileName} came back without content`);
    downloadBlob(file.blob, file.fileName);
    return;
  }
  let blob: File;
  try {
    blob = await exportedFile(opfsName);
  } catch (e) {
    await deleteExport(opfsName).catch(() => undefined);
    throw e;
  }
  const keep = opts.deleteAfterMs ?? keepForMs(file.bytes);
  downloadBlob(blob, file.fileName, keep);
  setTimeout(() => void deleteExport(opfsName).catch(() => undefined), keep);
}
