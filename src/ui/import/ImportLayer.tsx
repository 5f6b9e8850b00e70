import { useState } from 'react';
import { getClient } from '../../client/client';
import type { CommitResult } from '../../protocol/api';

/** Walking skeleton: imports each chosen CSV as a new table with the inferred schema. */
export function ImportLayer({ onCommitted }: { onCommitted: (result: CommitResult) => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function importFiles(files: FileList | null) {
    if (!files) return;
    const client = getClient();
    for (const file of Array.from(files)) {
      try {
        const preview = await client.api.previewCsv({ file });
        const result = await client.task((requestId) =>
          client.api.importCsv({
            requestId,
            file,
            fileName: file.name,
            tableName: file.name.replace(/\.[^.]+$/, ''),
            mode: 'create',
            schema: { fields: preview.columns.map(({ name, type, nullable }) => ({ name, type, nullable })) },
          }),
        );
        setStatus(`Committed version ${result.version} of ${result.tableName}`);
        onCommitted(result);
      } catch (e) {
        setError(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  return (
    <div className="import">
      <label className="button">
        Import CSV
        <input type="file" accept=".csv,text/csv" multiple hidden onChange={(e) => void importFiles(e.target.files)} />
      </label>
      {status && <p role="status">{status}</p>}
      {error && <p role="alert">{error}</p>}
    </div>
  );
}
