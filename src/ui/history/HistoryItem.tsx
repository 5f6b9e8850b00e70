import type { VersionInfo } from '../../protocol/dto';
import { formatLocalTime, formatRelative } from '../common/format';
import { OPERATION_STYLE } from '../timeline/operations';

export interface HistoryItemProps {
  readonly version: VersionInfo;
  readonly current: boolean;
  readonly isHead: boolean;
  readonly tags: readonly string[] | undefined;
  readonly now: number;
  readonly onShow: (version: number) => void;
}

/** "v3 update +2 −2 · 6 rows", the exact and relative commit time, the message, tags. */
export function HistoryItem({ version: v, current, isHead, tags, now, onShow }: HistoryItemProps) {
  const expired = v.expiredAt !== undefined;
  const { rowsAdded, rowsRemoved, totalRows } = v.summary;
  return (
    <li className={`history-item${current ? ' current' : ''}${expired ? ' expired' : ''}`}>
      <button
        type="button"
        aria-current={current ? 'true' : undefined}
        disabled={expired}
        onClick={() => onShow(v.version)}
      >
        <span className="history-line">
          <span className="version-badge">v{v.version}</span>{' '}
          <span className="op-chip" style={{ ['--op-color' as string]: OPERATION_STYLE[v.operation].color }}>
            {v.operation}
          </span>{' '}
          {v.restoredFrom !== undefined && <span className="from-chip">from v{v.restoredFrom} </span>}
          {isHead && <span className="head-chip">latest </span>}
          {expired && <span className="expired-chip">expired </span>}
          <span className="history-counts">
            <span className="added">+{rowsAdded.toLocaleString('en-US')}</span>{' '}
            <span className="removed">−{rowsRemoved.toLocaleString('en-US')}</span>{' '}
            <span className="total">{totalRows.toLocaleString('en-US')} rows</span>
          </span>
        </span>{' '}
        <span className="history-time">
          <time dateTime={new Date(v.committedAt).toISOString()}>{formatLocalTime(v.committedAt)}</time>
          {' · '}
          {formatRelative(v.committedAt, now)}
        </span>
        {v.message && <span className="history-message"> {v.message}</span>}
        {tags && (
          <span className="history-tags">
            {' '}
            {tags.map((t) => (
              <span key={t} className="tag-chip">
                {t}
              </span>
            ))}
          </span>
        )}
      </button>
    </li>
  );
}
