import { useState } from 'react';
import { getClient } from '../../client/client';
import type { TableInfo } from '../../protocol/dto';
import { Dialog } from '../common/Dialog';
import { messageOf } from '../common/format';

export function RenameTableDialog({
  table,
  onRenamed,
  onClose,
}: {
  table: TableInfo;
  onRenamed: (name: string) => void;
  onClose: () => void;
}) {
  const [name, setName] = useState(table.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rename = async () => {
    const trimmed = name.trim();
    if (trimmed === table.name) return onClose();
    setBusy(true);
    try {
      await getClient().api.renameTable({ tableId: table.id, name: trimmed });
      onRenamed(trimmed);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Rename table"
      onClose={onClose}
      onSubmit={() => void rename()}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy || !name.trim()}>
            Rename
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">New name</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </label>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
