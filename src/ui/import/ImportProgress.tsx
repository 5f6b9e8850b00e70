import { useEffect, useRef } from 'react';
import { formatBytes, formatCount } from './format';
import type { RunState } from './useImportSession';

/** The running import: which file, a progress bar of bytes read (and rows), and "Cancel import". */
export function ImportProgress({ run, onCancel }: { run: RunState; onCancel: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    // The Commit button this replaces had focus; keep it in the dialog, on the one action left.
    cancelRef.current?.focus();
  }, []);
  const p = run.progress;
  const percent = p && p.totalBytes > 0 ? Math.min(100, Math.round((p.bytes / p.totalBytes) * 100)) : undefined;
  const reading = p ? `${formatBytes(p.bytes)} of ${formatBytes(p.totalBytes)} · ${formatCount(p.rows)} rows` : '';
  const text = !p ? 'Starting…' : p.bytes >= p.totalBytes ? `${reading} · writing the version…` : reading;
  const labelId = 'imp-progress-label';
  return (
    <div className="imp-progress">
      <div className="imp-progress-top">
        <span id={labelId} className="imp-progress-label">
          Importing {run.fileName}
          {run.total > 1 && ` (${run.index + 1} of ${run.total})`}
        </span>
        <span className="imp-progress-text">{text}</span>
      </div>
      <div
        role="progressbar"
        className="imp-bar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={p ? text : undefined}
      >
        <div
          className={percent === undefined ? 'imp-bar-fill imp-bar-indeterminate' : 'imp-bar-fill'}
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
      <button ref={cancelRef} type="button" className="imp-button" onClick={onCancel}>
        Cancel import
      </button>
    </div>
  );
}
