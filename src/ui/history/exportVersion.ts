import { getClient } from '../../client/client';
import { downloadBlob } from '../../client/download';

/** Exports a version (`<table>@v<N>.csv` or `.arrow`) and hands it to the browser as a download. */
export async function exportVersion(tableId: string, version: number, format: 'csv' | 'arrow'): Promise<string> {
  const client = getClient();
  const result = await client.task((requestId) =>
    client.api.exportTable({ requestId, tableId, asOf: { version }, format }),
  );
  downloadBlob(new Blob([result.bytes as Uint8Array<ArrayBuffer>], { type: result.mimeType }), result.fileName);
  return result.fileName;
}
