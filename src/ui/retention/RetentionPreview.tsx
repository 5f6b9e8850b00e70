import type { ExpireReport } from '../../protocol/api';
import { formatBytes, formatCount, formatLocalTime } from '../common/format';

/** What a dry run would remove: each version, and the bytes freed. */
export function RetentionPreview({ report, outdated }: { report: ExpireReport; outdated: boolean }) {
  if (report.versions.length === 0) {
    return <p className="retention-summary">Nothing would be removed.</p>;
  }
  return (
    <div className={outdated ? 'retention-preview outdated' : 'retention-preview'}>
      <p className="retention-summary">
        {formatCount(report.versions.length, 'version')} would go, freeing {formatBytes(report.bytesFreed)}
        {outdated ? ' (rules changed since: preview again)' : ''}.
      </p>
      <ul aria-label="Versions to expire" className="retention-list">
        {report.versions.map((v) => (
          <li key={`${v.tableId}@${v.version}`}>
            <span className="version-badge">
              {v.tableName} v{v.version}
            </span>{' '}
            <span className="muted">{formatLocalTime(v.committedAt)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
