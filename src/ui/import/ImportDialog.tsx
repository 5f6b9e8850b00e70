import { useEffect, useRef } from 'react';
import { DropOverlay } from './DropOverlay';
import { FileGroup } from './FileGroup';
import { StatusLine } from './StatusLine';
import { formatBytes } from './format';
import { ImportProgress } from './ImportProgress';
import type { ImportSession } from './useImportSession';

function footerHint(session: ImportSession): string {
  const blockers = session.plans.flatMap((p) => p.blockers);
  if (blockers.length > 0)
    return blockers.length === 1 ? blockers[0]! : `${blockers[0]!} (and ${blockers.length - 1} more)`;
  if (session.plans.some((p) => p.waiting)) return 'Reading the files…';
  const n = session.drafts.length;
  return n === 1 ? 'Commits the file as a new version.' : `Commits the ${n} files in this order, one version each.`;
}

/**
 * The modal "Import CSV" dialog: a group per file, then Commit. Native <dialog> gives the modal behaviour (the page
 * behind is inert, Escape asks to close); focus moves to the first field and returns where it was on close.
 */
export function ImportDialog({ session, dragging }: { session: ImportSession; dragging: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const commitRef = useRef<HTMLButtonElement>(null);
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // After a run that left files behind: show why (the failed file's alert), else back to Commit.
  const running = session.run !== undefined;
  const wasRunning = useRef(false);
  useEffect(() => {
    if (wasRunning.current && !running) {
      const target = ref.current?.querySelector<HTMLElement>('[data-outcome]') ?? commitRef.current;
      target?.focus();
    }
    wasRunning.current = running;
  }, [running]);

  const blocked = session.plans.some((p) => p.waiting || p.blockers.length > 0);
  const totalBytes = session.drafts.reduce((sum, d) => sum + d.file.size, 0);
  const count = session.drafts.length;
  return (
    <dialog
      ref={ref}
      className="imp-dialog"
      aria-labelledby="imp-title"
      aria-describedby="imp-summary"
      onCancel={(e) => {
        e.preventDefault();
        session.close();
      }}
      onClose={() => {
        // Chrome may close a modal dialog on a repeated Escape without a cancelable event: reopen while importing.
        const current = sessionRef.current;
        if (!current.open || ref.current?.open) return;
        if (current.run) ref.current?.showModal();
        else current.close();
      }}
    >
      <header className="imp-head">
        <h2 id="imp-title">Import CSV</h2>
        <p id="imp-summary" className="imp-muted">
          {count} {count === 1 ? 'file' : 'files'} · {formatBytes(totalBytes)}
        </p>
      </header>
      <div className="imp-body" inert={running}>
        {session.drafts.map((draft, i) => (
          <FileGroup
            key={draft.id}
            draft={draft}
            plan={session.plans[i]!}
            onChange={(change) => session.update(draft.id, change)}
            onRemove={() => session.remove(draft.id)}
          />
        ))}
      </div>
      <footer className="imp-foot">
        <div role="status" className="imp-status">
          {session.statusLines.map((line) => (
            <StatusLine key={line} line={line} />
          ))}
        </div>
        {session.run ? (
          <ImportProgress run={session.run} onCancel={session.cancelImport} />
        ) : (
          <div className="imp-actions">
            <p id="imp-hint" className="imp-muted imp-actions-hint">
              {footerHint(session)}
            </p>
            <button type="button" className="imp-button" onClick={session.close}>
              Cancel
            </button>
            <button
              ref={commitRef}
              type="button"
              className="imp-button imp-button-primary"
              disabled={blocked}
              aria-describedby="imp-hint"
              onClick={() => void session.commit()}
            >
              Commit
            </button>
          </div>
        )}
      </footer>
      {dragging && !running && <DropOverlay />}
    </dialog>
  );
}
