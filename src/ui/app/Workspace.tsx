import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CommitResult } from '../../protocol/api';
import type { SortKey, TableInfo, TagInfo } from '../../protocol/dto';
import { TEMPORAL_TYPES } from '../arrow';
import { ChangeViews } from '../diff/ChangeViews';
import type { WorkspaceView } from '../diff/views';
import { ViewSwitch } from '../diff/ViewSwitch';
import { DataGrid } from '../grid/DataGrid';
import { DateRangeFilter } from '../grid/DateRangeFilter';
import { FilterBar } from '../grid/FilterBar';
import { EMPTY_QUERY, matchingPredicate, queryKey, type GridQuery } from '../grid/query';
import { HistoryList } from '../history/HistoryList';
import { useHistory } from '../history/useHistory';
import { VersionActions } from '../history/VersionActions';
import { TableHeader } from '../tables/TableHeader';
import { tagsByVersion } from '../tags/useTags';
import { Timeline } from '../timeline/Timeline';

export interface WorkspaceProps {
  readonly table: TableInfo;
  readonly tables: readonly TableInfo[];
  readonly tags: readonly TagInfo[];
  readonly pinned: number | undefined;
  readonly revision: number;
  readonly onShow: (tableId: string, version: number, head: number) => void;
  readonly onCommitted: (result: CommitResult) => void;
  readonly onTagged: (tag: TagInfo) => void;
  readonly onChanged: () => void;
  readonly onDeleted: () => void;
}

/** One table: its timeline, the version shown (grid + actions) and its history. Mounted per table (keyed). */
export function Workspace(props: WorkspaceProps) {
  const { table, tables, tags, pinned, revision, onShow, onCommitted, onTagged, onChanged, onDeleted } = props;
  const { versions, error } = useHistory(table.id, revision);
  const head = versions?.[0]?.version ?? table.head;
  const livePin = pinned !== undefined && (!versions || versions.some((v) => v.version === pinned && !v.expiredAt));
  const shown = livePin ? (pinned ?? head) : head;
  const shownInfo = versions?.find((v) => v.version === shown);
  const tagged = useMemo(() => tagsByVersion(tags, table.id), [tags, table.id]);

  const [query, setQuery] = useState<GridQuery>(EMPTY_QUERY);
  const [view, setView] = useState<WorkspaceView>('rows');
  const switcher = <ViewSwitch view={view} onChange={setView} />;
  const key = `${shown}|${queryKey(query)}`;
  const [selection, setSelection] = useState<{ key: string; positions: ReadonlySet<number> }>({
    key,
    positions: new Set(),
  });
  const selected = selection.key === key ? selection.positions : EMPTY_SET;
  const toggleRow = useCallback(
    (position: number) =>
      setSelection((s) => {
        const positions = new Set(s.key === key ? s.positions : []);
        if (!positions.delete(position)) positions.add(position);
        return { key, positions };
      }),
    [key],
  );
  const show = useCallback((version: number) => onShow(table.id, version, head), [onShow, table.id, head]);
  const setSort = useCallback((sort: SortKey[]) => setQuery((q) => ({ ...q, sort })), []);

  useEffect(() => {
    document.title = `${table.name} v${shown} · Strata`;
    return () => {
      document.title = 'Strata';
    };
  }, [table.name, shown]);

  const fields = shownInfo?.schema.fields ?? table.schema.fields;
  const temporal = fields.filter((f) => TEMPORAL_TYPES.has(f.type));

  return (
    <div className="workspace">
      <TableHeader table={table} tags={tags} onChanged={onChanged} onDeleted={onDeleted} />
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {versions && (
        <Timeline tableId={table.id} history={versions} shown={shown} tagsByVersion={tagged} onShow={show} />
      )}
      {shownInfo && (
        <VersionActions
          table={table}
          tables={tables}
          version={shownInfo}
          selected={selected}
          matching={matchingPredicate(query)}
          onCommitted={onCommitted}
          onTagged={onTagged}
        />
      )}
      {view !== 'rows' && (
        <ChangeViews
          view={view}
          switcher={switcher}
          table={table}
          versions={versions}
          shown={shown}
          revision={revision}
          onShow={show}
        />
      )}
      <div className="workspace-split" hidden={view !== 'rows'}>
        <section className="panel grid-panel" aria-label="Rows">
          <div className="grid-toolbar">
            {switcher}
            <FilterBar
              fields={fields}
              filter={query.filter}
              onChange={(filter) => setQuery((q) => ({ ...q, filter }))}
            />
            {temporal.length > 0 && (
              <DateRangeFilter
                fields={temporal}
                range={query.range}
                onChange={(range) => setQuery((q) => ({ ...q, range }))}
              />
            )}
          </div>
          <DataGrid
            tableId={table.id}
            tableName={table.name}
            version={shown}
            query={query}
            onSortChange={setSort}
            selected={selected}
            onToggleRow={toggleRow}
          />
        </section>
        {versions && <HistoryList versions={versions} shown={shown} head={head} tagsByVersion={tagged} onShow={show} />}
      </div>
    </div>
  );
}

const EMPTY_SET: ReadonlySet<number> = new Set();
