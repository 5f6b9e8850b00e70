import { useEffect, useId, useState } from 'react';
import { isAbort } from '../../client/client';
import { previewBackup, restoreBackup } from '../../client/portability';
import type { BackupPreview, ClashChoice, RestoreSummary } from '../../protocol/dto';
import { Dialog } from '../common/Dialog';
import { formatCount, formatLocalTime, messageOf } from '../common/format';
import { TransferBar } from './TransferBar';
import { useTransfer } from './useTransfer';

export interface RestoreDialogProps {
  readonly file: File;
  readonly onClose: () => void;
  readonly onRestored: (summary: RestoreSummary) => void;
}

/**
 * "Restore backup": what the chosen backup holds (read from its manifest), the choice for names the store already
 * uses, then the restore with progress and Cancel. The engine verifies every checksum before it commits anything, so
 * a damaged backup ends here in an alert with nothing changed. Closing the dialog cancels a restore under way.
 */
export function RestoreDialog({ file, onClose, onRestored }: RestoreDialogProps) {
  const [preview, setPreview] = useState<BackupPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [choice, setChoice] = useState<ClashChoice>('rename');
  const { running, run, cancel } = useTransfer();

  useEffect(() => {
    let live = true;
    previewBackup(file).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [file]);

  const clashes = preview
    ? [
        ...preview.tables.filter((t) => t.clash).map((t) => t.name),
        ...preview.tags.filter((t) => t.clash).map((t) => `tag ${t.name}`),
      ]
    : [];

  const restore = async () => {
    setError(null);
    setNote(null);
    try {
      onRestored(await run('Restoring', (opts) => restoreBackup(file, choice, opts)));
    } catch (e) {
      if (isAbort(e)) setNote('Restore cancelled: nothing was changed.');
      else setError(messageOf(e));
    }
  };

  return (
    <Dialog
      title="Restore backup"
      wide
      onClose={running ? cancel : onClose}
      onSubmit={() => void (preview && !running && restore())}
      description={file.name}
      actions={
        <>
          <button type="button" className="button" onClick={running ? cancel : onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!preview || running !== null}>
            Restore
          </button>
        </>
      }
    >
      {!preview && !error && <p className="muted">Reading the backup…</p>}
      {preview && <BackupContents preview={preview} />}
      {preview && clashes.length > 0 && <ClashChoiceField clashes={clashes} choice={choice} onChange={setChoice} />}
      {preview && clashes.length === 0 && (
        <p className="muted">No name in this backup is taken here: everything is restored as it was.</p>
      )}
      {running && <TransferBar running={running} />}
      {note && <p role="status">{note}</p>}
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function BackupContents({ preview }: { preview: BackupPreview }) {
  const versions = preview.tables.reduce((n, t) => n + t.versions, 0);
  return (
    <div className="port-contents">
      <p>
        Made {formatLocalTime(preview.createdAt)}: {formatCount(preview.tables.length, 'table')} (
        {formatCount(versions, 'version')}), {formatCount(preview.tags.length, 'tag')}.
      </p>
      <ul className="port-list" aria-label="Tables in the backup">
        {preview.tables.map((t) => (
          <li key={t.name}>
            <span className="port-list-name">{t.name}</span>
            <span className="muted">{formatCount(t.versions, 'version')}</span>
            {t.clash && <span className="port-badge">name taken</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ClashChoiceField({
  clashes,
  choice,
  onChange,
}: {
  clashes: readonly string[];
  choice: ClashChoice;
  onChange: (choice: ClashChoice) => void;
}) {
  const renameHint = useId();
  const skipHint = useId();
  const options = [
    { value: 'rename', label: 'Rename', hint: 'Restore them beside yours as “name (restored)”.', id: renameHint },
    { value: 'skip', label: 'Skip', hint: 'Keep yours; restore only what does not clash.', id: skipHint },
  ] as const;
  return (
    <fieldset className="port-clash">
      <legend>This store already has {clashes.join(', ')}.</legend>
      {options.map((o) => (
        <div key={o.value} className="port-clash-option">
          <label>
            <input
              type="radio"
              name="clash"
              value={o.value}
              checked={choice === o.value}
              aria-describedby={o.id}
              onChange={() => onChange(o.value)}
            />
            {o.label}
          </label>
          <span id={o.id} className="muted">
            {o.hint}
          </span>
        </div>
      ))}
    </fieldset>
  );
}
