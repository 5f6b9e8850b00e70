/** Saves bytes as a file through a Blob URL and a temporary `<a download>`. */
export function downloadBytes(bytes: Uint8Array, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started reading the URL by the next task; revoking later is only for memory.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
