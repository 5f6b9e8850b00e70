import { useState } from 'react';
import { getClient } from '../../client/client';
import type { ExpireReport, ExpireRequest } from '../../protocol/api';
import type { TableInfo } from '../../protocol/dto';
import { Dialog } from '../common/Dialog';
import { formatBytes, formatCount, messageOf } from '../common/format';
import { RetentionPreview } from './RetentionPreview';

const DAY_MS = 86_400_000;

export interface RetentionDialogProps {
  readonly tables: readonly TableInfo[];
  /** Preselected in "Table" (the table on screen). */
  readonly tableId: string | null;
  readonly onApplied: () => void;
  readonly onClose: () => void;
}

type Rules = { keepLast: string; days: string; tableId: string };

/** Parses the form into an expire request, or says what is wrong with it. */
function requestOf(rules: Rules): Omit<ExpireRequest, 'dryRun'> | string {
  const keep = rules.keepLast.trim();
  const days = rules.days.trim();
  if (!keep && !days) return 'Set "Keep last", "Expire older than (days)", or both.';
  if (keep && !/^\d+$/.test(keep)) return '"Keep last" is a whole number of versions.';
  if (days && !(Number(days) >= 0)) return '"Expire older than (days)" is a number of days.';
  return {
    ...(rules.tableId ? { tableId: rules.tableId } : {}),
    ...(keep ? { keepLast: Number(keep) } : {}),
    ...(days ? { olderThanMs: Number(days) * DAY_MS } : {}),
  };
}

/**
 * Retention: keep the last N versions and/or expire versions older than D days (with both, a version goes only when
 * it is older AND outside the last N). Heads and tagged versions always stay. "Preview" is a dry run.
 */
export function RetentionDialog({ tables, tableId, onApplied, onClose }: RetentionDialogProps) {
  const [rules, setRules] = useState<Rules>({ keepLast: '', days: '', tableId: tableId ?? '' });
  const [preview, setPreview] = useState<{ rules: Rules; report: ExpireReport } | null>(null);
  const [applied, setApplied] = useState<ExpireReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const request = requestOf(rules);

  const run = async (dryRun: boolean) => {
    if (typeof request === 'string') return setError(request);
    setBusy(true);
    setError(null);
    try {
      const report = await getClient().api.expire({ ...request, dryRun });
      if (dryRun) {
        setPreview({ rules, report });
      } else {
        setApplied(report);
        setPreview(null);
        onApplied();
      }
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const set = (patch: Partial<Rules>) => {
    setRules((r) => ({ ...r, ...patch }));
    setApplied(null);
  };

  return (
    <Dialog
      title="Retention"
      wide
      onClose={onClose}
      onSubmit={() => void run(true)}
      description="Expired versions can no longer be shown; their files are freed. The latest version of each table and every tagged version are always kept."
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button" disabled={busy}>
            Preview
          </button>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => void run(false)}>
            Apply
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label className="field">
          <span className="field-label">Table</span>
          <select value={rules.tableId} onChange={(e) => set({ tableId: e.target.value })}>
            <option value="">All tables</option>
            {tables.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Keep last</span>
          <input
            type="number"
            min={0}
            inputMode="numeric"
            value={rules.keepLast}
            onChange={(e) => set({ keepLast: e.target.value })}
          />
        </label>
        <label className="field">
          <span className="field-label">Expire older than (days)</span>
          <input type="number" min={0} step="any" value={rules.days} onChange={(e) => set({ days: e.target.value })} />
        </label>
      </div>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {preview && <RetentionPreview report={preview.report} outdated={preview.rules !== rules} />}
      {applied && (
        <p role="status" className="form-success">
          Expired {formatCount(applied.versions.length, 'version')} and freed {formatBytes(applied.bytesFreed)}.
        </p>
      )}
    </Dialog>
  );
}
