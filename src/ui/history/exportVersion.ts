import { getClient } from '../../client/client';
import { downloadBytes } from '../common/download';

/** Exports a version (`<table>@v<N>.csv` or `.arrow`) and hands it to the browser as a download. */
export async function exportVersion(tableId: string, version: number, format: 'csv' | 'arrow'): Promise<string> {
  const client = getClient();
  const result = await client.task((requestId) =>
    client.api.exportTable({ requestId, tableId, asOf: { version }, format }),
  );
  downloadBytes(result.bytes, result.fileName, result.mimeType);
  return result.fileName;
}
