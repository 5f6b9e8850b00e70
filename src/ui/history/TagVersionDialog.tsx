import { useState } from 'react';
import { getClient } from '../../client/client';
import type { TableInfo, TagInfo } from '../../protocol/dto';
import { Dialog } from '../common/Dialog';
import { messageOf } from '../common/format';

export interface TagVersionDialogProps {
  readonly table: TableInfo;
  readonly version: number;
  /** Every table; the others are offered at their latest version. */
  readonly tables: readonly TableInfo[];
  readonly onSaved: (tag: TagInfo) => void;
  readonly onClose: () => void;
}

/** Names the version shown of this table, plus the latest version of each other table chosen. */
export function TagVersionDialog({ table, version, tables, onSaved, onClose }: TagVersionDialogProps) {
  const others = tables.filter((t) => t.id !== table.id && t.head >= 0);
  const [name, setName] = useState('');
  const [message, setMessage] = useState('');
  const [included, setIncluded] = useState<ReadonlySet<string>>(() => new Set(others.map((t) => t.id)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (!name.trim()) return setError('Give the tag a name');
    setBusy(true);
    setError(null);
    try {
      const tag = await getClient().api.createTag({
        name: name.trim(),
        ...(message.trim() ? { message: message.trim() } : {}),
        versions: [{ tableId: table.id, version }],
        tables: [table.id, ...others.filter((t) => included.has(t.id)).map((t) => t.id)],
      });
      onSaved(tag);
    } catch (e) {
      setError(messageOf(e));
      setBusy(false);
    }
  };

  const toggle = (id: string) =>
    setIncluded((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Dialog
      title="Tag version"
      onClose={onClose}
      onSubmit={() => void save()}
      description={`The tag holds ${table.name} v${version}. Retention never removes a tagged version.`}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy}>
            Save tag
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">Tag name</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" data-autofocus />
      </label>
      <label className="field">
        <span className="field-label">Note (optional)</span>
        <input type="text" value={message} onChange={(e) => setMessage(e.target.value)} autoComplete="off" />
      </label>
      {others.length > 0 && (
        <fieldset className="field checkbox-list">
          <legend className="field-label">Also hold the latest version of</legend>
          {others.map((t) => (
            <label key={t.id} className="checkbox">
              <input type="checkbox" checked={included.has(t.id)} onChange={() => toggle(t.id)} />
              {t.name} <span className="muted">v{t.head}</span>
            </label>
          ))}
        </fieldset>
      )}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
