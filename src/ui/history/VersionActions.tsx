import { useState } from 'react';
import { getClient } from '../../client/client';
import type { CommitResult } from '../../protocol/api';
import type { Predicate, TableInfo, TagInfo, VersionInfo } from '../../protocol/dto';
import { formatLocalTime } from '../common/format';
import { VersionExports } from '../portability/VersionExports';
import { DeleteRowsButton } from './DeleteRowsButton';
import { exportVersion } from './exportVersion';
import { TagVersionDialog } from './TagVersionDialog';
import { useAction } from './useAction';

export interface VersionActionsProps {
  readonly table: TableInfo;
  readonly tables: readonly TableInfo[];
  readonly version: VersionInfo;
  readonly selected: ReadonlySet<number>;
  readonly matching: Predicate | undefined;
  /** A new version was committed (restore, delete rows): show the head. */
  readonly onCommitted: (result: CommitResult) => void;
  readonly onTagged: (tag: TagInfo) => void;
}

/** What the version shown is, and what can be done with it. */
export function VersionActions({
  table,
  tables,
  version,
  selected,
  matching,
  onCommitted,
  onTagged,
}: VersionActionsProps) {
  const isHead = version.version === table.head;
  const [tagging, setTagging] = useState(false);
  const { busy, outcome, run, report } = useAction();

  const restore = () =>
    run('restore', async () => {
      const result = await getClient().api.restore({ tableId: table.id, version: version.version });
      onCommitted(result);
      return `Restored v${version.version} as v${result.version}`;
    });
  const exportAs = (format: 'csv' | 'arrow') =>
    run(format, async () => `Exported ${await exportVersion(table.id, version.version, format)}`);

  return (
    <section className="version-bar" aria-label="Version shown">
      <div className="version-summary">
        <span className="version-big">v{version.version}</span>
        <span className="version-meta">
          <span>
            {version.operation} · {formatLocalTime(version.committedAt)}
          </span>
          <span className={isHead ? 'head-note' : 'past-note'}>
            {isHead ? 'Latest version' : `Earlier version · latest is v${table.head}`}
          </span>
        </span>
      </div>
      <div className="action-outcome" aria-live="polite">
        {busy && <span className="muted">Working…</span>}
        {outcome?.kind === 'ok' && <span role="status">{outcome.text}</span>}
        {outcome?.kind === 'error' && <span role="alert">{outcome.text}</span>}
      </div>
      <div className="version-actions">
        <button
          type="button"
          className="button"
          disabled={isHead || busy !== null}
          title={isHead ? 'This is already the latest version' : 'Commit a new version with this content'}
          onClick={() => void restore()}
        >
          Restore this version
        </button>
        <button type="button" className="button" onClick={() => setTagging(true)}>
          Tag version
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void exportAs('arrow')}>
          Export Arrow
        </button>
        <VersionExports tableId={table.id} version={version.version} disabled={busy !== null} onOutcome={report} />
        <DeleteRowsButton
          tableId={table.id}
          tableName={table.name}
          version={version.version}
          selected={selected}
          matching={matching}
          onDeleted={(result) => {
            onCommitted(result);
            report({ kind: 'ok', text: `Deleted ${result.summary.rowsRemoved} rows as v${result.version}` });
          }}
          onError={(text) => report({ kind: 'error', text })}
        />
      </div>
      {tagging && (
        <TagVersionDialog
          table={table}
          version={version.version}
          tables={tables}
          onClose={() => setTagging(false)}
          onSaved={(tag) => {
            setTagging(false);
            report({ kind: 'ok', text: `Tagged v${version.version} as ${tag.name}` });
            onTagged(tag);
          }}
        />
      )}
    </section>
  );
}
