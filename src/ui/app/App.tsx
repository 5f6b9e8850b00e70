import { useCallback, useReducer, useState } from 'react';
import type { CommitResult } from '../../protocol/api';
import { ChangesProvider, useChanges } from '../common/changes';
import { ImportLayer } from '../import/ImportLayer';
import { StoreMenu } from '../portability/StoreMenu';
import { RetentionDialog } from '../retention/RetentionDialog';
import { useTables } from '../tables/useTables';
import { TagBanner } from '../tags/TagBanner';
import { useTags } from '../tags/useTags';
import { EmptyState } from './EmptyState';
import { Sidebar } from './Sidebar';
import { StartupBanner } from './StartupBanner';
import { StorageStatus } from './StorageStatus';
import { useStorage } from './useStorage';
import { INITIAL_VIEW, viewReducer } from './view-state';
import { Workspace } from './Workspace';

export function App() {
  return (
    <ChangesProvider>
      <AppShell />
    </ChangesProvider>
  );
}

function AppShell() {
  const { revision, refresh } = useChanges();
  const { tables, error } = useTables(revision);
  const tags = useTags(revision);
  const { storage, requestPersistence } = useStorage(revision);
  const [view, dispatch] = useReducer(viewReducer, INITIAL_VIEW);
  const [retention, setRetention] = useState(false);
  const [persistNoteDismissed, setPersistNoteDismissed] = useState(false);

  const table = tables?.find((t) => t.id === view.tableId) ?? tables?.[0];
  const activeTag = view.tag ? tags.find((t) => t.name === view.tag?.name) : undefined;

  const onCommitted = useCallback(
    (result: CommitResult) => {
      dispatch({ type: 'showHead', tableId: result.tableId });
      void requestPersistence();
      refresh();
    },
    [refresh, requestPersistence],
  );
  const onShow = useCallback(
    (tableId: string, version: number, head: number) => dispatch({ type: 'show', tableId, version, head }),
    [],
  );

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <h1>Strata</h1>
          <span className="brand-tagline">time-travel tables</span>
        </div>
        <StorageStatus storage={storage} />
        <div className="header-actions">
          <StoreMenu onShowTable={(tableId) => dispatch({ type: 'select', tableId })} />
          <button type="button" className="button button-quiet" onClick={() => setRetention(true)}>
            Retention
          </button>
          <ImportLayer onCommitted={onCommitted} />
        </div>
      </header>
      <StartupBanner />
      {storage.refused && !persistNoteDismissed && (
        <div className="banner banner-warning" aria-live="polite">
          <span>
            The browser did not grant persistent storage: it may clear Strata&apos;s data when disk space runs low.
            Export what you need to keep.
          </span>
          <button type="button" className="button button-quiet" onClick={() => setPersistNoteDismissed(true)}>
            Dismiss
          </button>
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {tables && tables.length === 0 && <EmptyState onLoaded={onCommitted} />}
      {tables && tables.length > 0 && (
        <div className="app-body">
          <Sidebar
            tables={tables}
            tags={tags}
            selected={table?.id ?? null}
            activeTag={activeTag?.name ?? null}
            onSelect={(tableId) => dispatch({ type: 'select', tableId })}
            onChooseTag={(tag) => dispatch({ type: 'viewTag', tag })}
            onSampleLoaded={onCommitted}
          />
          <main className="main">
            {activeTag && (
              <TagBanner
                tag={activeTag}
                onLeave={() => dispatch({ type: 'leaveTag' })}
                onDeleted={() => {
                  dispatch({ type: 'leaveTag' });
                  refresh();
                }}
              />
            )}
            {table && table.head < 0 && <p className="placeholder">{table.name} has no version yet.</p>}
            {table && table.head >= 0 && (
              <Workspace
                key={table.id}
                table={table}
                tables={tables}
                tags={tags}
                pinned={view.pins[table.id]}
                revision={revision}
                onShow={onShow}
                onCommitted={onCommitted}
                onTagged={refresh}
                onChanged={refresh}
                onDeleted={refresh}
              />
            )}
          </main>
        </div>
      )}
      {retention && (
        <RetentionDialog
          tables={tables ?? []}
          tableId={table?.id ?? null}
          onApplied={refresh}
          onClose={() => setRetention(false)}
        />
      )}
    </div>
  );
}
