import './import.css';
import { useId } from 'react';
import type { CommitResult } from '../../protocol/api';
import { DropOverlay } from './DropOverlay';
import { UploadIcon } from './icons';
import { ImportDialog } from './ImportDialog';
import { condensedStatus, StatusLine } from './StatusLine';
import { useImportSession } from './useImportSession';
import { useWindowFileDrop } from './useWindowFileDrop';

/**
 * How data enters Strata: the "Import CSV" file input and files dropped anywhere on the window open the import
 * dialog; each committed file is reported through `onCommitted` and in a status line.
 */
export function ImportLayer({ onCommitted }: { onCommitted: (result: CommitResult) => void }) {
  const session = useImportSession(onCommitted);
  const dragging = useWindowFileDrop(session.addFiles);
  const inputId = useId();
  const showStatus = !session.open && session.statusLines.length > 0;
  return (
    <div className="imp-layer">
      <input
        id={inputId}
        className="imp-visually-hidden"
        type="file"
        multiple
        accept=".csv,.tsv,.txt,.psv,text/csv,text/plain,text/tab-separated-values"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          // Clear the input so choosing the same file again is a change too.
          e.target.value = '';
          session.addFiles(files);
        }}
      />
      <label className="imp-pick" htmlFor={inputId}>
        <UploadIcon />
        Import CSV
      </label>
      {/* One status region at a time: this one while the dialog is closed, the dialog's own while it is open. */}
      <div role="status" className="imp-layer-status" hidden={!showStatus} title={session.statusLines.join('\n')}>
        {showStatus && condensedStatus(session.statusLines).map((line) => <StatusLine key={line} line={line} />)}
      </div>
      {session.open && <ImportDialog session={session} dragging={dragging} />}
      {dragging && !session.open && <DropOverlay />}
    </div>
  );
}
