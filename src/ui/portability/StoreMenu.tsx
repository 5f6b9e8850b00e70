import './portability.css';
import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import { isAbort } from '../../client/client';
import { backUpStore, importIceberg } from '../../client/portability';
import type { RestoreSummary } from '../../protocol/dto';
import { formatCount, messageOf } from '../common/format';
import type { ActionOutcome } from '../history/useAction';
import { RestoreDialog } from './RestoreDialog';
import { TransferBar } from './TransferBar';
import { useTransfer } from './useTransfer';

/** "Restored 2 tables (AAPL as AAPL (restored)); skipped orders (name taken)". */
export function describeRestore(summary: RestoreSummary): string {
  const restored = summary.tables.filter((t) => t.outcome !== 'skipped');
  const renamed = restored.filter((t) => t.outcome === 'renamed').map((t) => `${t.name} as ${t.restoredAs}`);
  const skipped = summary.tables.filter((t) => t.outcome === 'skipped').map((t) => t.name);
  return (
    `Restored ${formatCount(restored.length, 'table')}` +
    (renamed.length ? ` (${renamed.join(', ')})` : '') +
    (skipped.length ? `; skipped ${skipped.join(', ')} (name taken)` : '')
  );
}

/**
 * The header's "Store" menu: the whole store in and out of this browser ("Back up store", "Restore backup") and a
 * table's history in from a distributed engine ("Import Iceberg"). One task at a time, with progress and Cancel
 * beside the menu, and what came of it in a status line.
 */
export function StoreMenu({ onShowTable }: { onShowTable: (tableId: string) => void }) {
  const [open, setOpen] = useState(false);
  const [restoreFile, setRestoreFile] = useState<File | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const { running, run, cancel } = useTransfer();
  const menuId = useId();
  const restoreId = useId();
  const icebergId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const act = async (action: () => Promise<string>) => {
    setOpen(false);
    setOutcome(null);
    try {
      setOutcome({ kind: 'ok', text: await action() });
    } catch (e) {
      setOutcome(
        isAbort(e) ? { kind: 'ok', text: 'Cancelled: nothing was changed.' } : { kind: 'error', text: messageOf(e) },
      );
    }
  };

  const backUp = () =>
    act(async () => {
      const r = await run('Backing up', backUpStore);
      return `Backed up ${formatCount(r.tables, 'table')} (${formatCount(r.versions, 'version')})`;
    });

  /** Reads the chosen file and clears the input, so choosing the same file again is a change too. */
  const takeFile = (e: ChangeEvent<HTMLInputElement>): File | undefined => {
    const file = e.target.files?.[0];
    e.target.value = '';
    setOpen(false);
    return file;
  };

  const onIceberg = (e: ChangeEvent<HTMLInputElement>) => {
    const file = takeFile(e);
    if (!file) return;
    void act(async () => {
      const r = await run('Importing', (opts) => importIceberg(file, opts));
      onShowTable(r.tableId);
      return `Imported ${r.name} with ${formatCount(r.versions, 'version')}`;
    });
  };

  /** The dialog was opened from a file input inside the (now hidden) menu: focus returns to the menu's button. */
  const closeDialog = () => {
    setRestoreFile(null);
    setTimeout(() => toggle.current?.focus());
  };

  const busy = running !== null || restoreFile !== null;
  return (
    <div className="port-store" ref={wrapper} role="group" aria-label="Store">
      <button
        ref={toggle}
        type="button"
        className="button button-quiet"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        Store <span aria-hidden="true">▾</span>
      </button>
      <div id={menuId} className="port-menu" hidden={!open}>
        <button
          type="button"
          className="port-menu-item"
          disabled={busy}
          aria-describedby={`${menuId}-backup`}
          onClick={() => void backUp()}
        >
          Back up store
          <span id={`${menuId}-backup`} className="port-menu-hint" aria-hidden="true">
            Every table, version and tag as one .zip
          </span>
        </button>
        <input
          id={restoreId}
          className="sr-only"
          type="file"
          accept=".zip,application/zip"
          aria-label="Restore backup"
          disabled={busy}
          onChange={(e) => {
            const file = takeFile(e);
            if (!file) return;
            setOutcome(null);
            setRestoreFile(file);
          }}
        />
        <label htmlFor={restoreId} className={busy ? 'port-menu-item disabled' : 'port-menu-item'}>
          Restore backup
          <span className="port-menu-hint">From a Strata backup .zip, all or nothing</span>
        </label>
        <input
          id={icebergId}
          className="sr-only"
          type="file"
          accept=".zip,application/zip"
          aria-label="Import Iceberg"
          disabled={busy}
          onChange={onIceberg}
        />
        <label htmlFor={icebergId} className={busy ? 'port-menu-item disabled' : 'port-menu-item'}>
          Import Iceberg
          <span className="port-menu-hint">A zipped Apache Iceberg table, with its snapshots as versions</span>
        </label>
      </div>
      {running && <TransferBar running={running} onCancel={cancel} />}
      {!running && outcome && (
        <span
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          className={outcome.kind === 'error' ? 'port-outcome port-error' : 'port-outcome'}
          title={outcome.text}
        >
          {outcome.text}
        </span>
      )}
      {restoreFile && (
        <RestoreDialog
          file={restoreFile}
          onClose={closeDialog}
          onRestored={(summary) => {
            closeDialog();
            setOutcome({ kind: 'ok', text: describeRestore(summary) });
            const first = summary.tables.find((t) => t.tableId !== null);
            if (first?.tableId) onShowTable(first.tableId);
          }}
        />
      )}
    </div>
  );
}
