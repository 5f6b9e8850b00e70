import { formatBytes } from '../common/format';
import type { StorageState } from './useStorage';

/** "12 KB of 9.8 GB" with a meter, and whether the browser keeps the data (persistent) or may evict it. */
export function StorageStatus({ storage }: { storage: StorageState }) {
  const { usage, quota, persisted, refused } = storage;
  const share = usage !== null && quota ? Math.min(1, usage / quota) : 0;
  return (
    <div className="storage-status">
      {usage !== null && quota !== null && (
        <span className="storage-usage" title="Storage this site uses, of what the browser allows it">
          <span className="meter" aria-hidden="true">
            <span className="meter-fill" style={{ width: `${Math.max(2, share * 100)}%` }} />
          </span>
          {formatBytes(usage)} used of {formatBytes(quota)}
        </span>
      )}
      {persisted !== null && (
        <span
          className={persisted ? 'persist-badge ok' : refused ? 'persist-badge warn' : 'persist-badge'}
          title={
            persisted
              ? 'The browser will not clear this data to free space'
              : 'The browser may clear this data when space runs low: export what matters'
          }
        >
          {persisted ? 'Persistent storage' : refused ? 'Persistence refused' : 'Best-effort storage'}
        </span>
      )}
    </div>
  );
}
