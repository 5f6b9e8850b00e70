import type { TransferProgress } from '../../protocol/dto';
import { formatBytes } from '../common/format';
import type { RunningTransfer } from './useTransfer';

/** "12 MB of 40 MB", "3 of 5 versions", "12,000 of 50,000 rows", "committing…". */
export function describeProgress(p: TransferProgress | null): string {
  if (!p) return 'starting…';
  if (p.phase === 'committing' && p.total <= 1) return 'committing…';
  if (p.unit === 'bytes') return `${formatBytes(p.done)} of ${formatBytes(p.total)}`;
  if (p.unit === 'versions') return `${p.done} of ${p.total} versions${p.phase === 'committing' ? ' committed' : ''}`;
  return `${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} rows`;
}

function percentOf(p: TransferProgress | null): number | undefined {
  if (!p || p.total <= 0 || (p.phase === 'committing' && p.total <= 1)) return undefined;
  return Math.min(100, Math.round((p.done / p.total) * 100));
}

/** A running transfer: its label, a progress bar and (when `onCancel` is given) Cancel. */
export function TransferBar({ running, onCancel }: { running: RunningTransfer; onCancel?: () => void }) {
  const percent = percentOf(running.progress);
  const text = describeProgress(running.progress);
  return (
    <div className="port-transfer">
      <div
        role="progressbar"
        className="port-bar"
        aria-label={running.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
      >
        <div
          className={percent === undefined ? 'port-bar-fill port-bar-indeterminate' : 'port-bar-fill'}
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
      <span className="port-transfer-text">
        {running.label}: {text}
      </span>
      {onCancel && (
        <button type="button" className="button button-quiet port-cancel" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}
