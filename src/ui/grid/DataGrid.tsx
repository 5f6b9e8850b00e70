import { getCoreRowModel, useReactTable, type SortingState, type Updater } from '@tanstack/react-table';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Field, SortKey } from '../../protocol/dto';
import { formatCount } from '../common/format';
import { columnsOf, keysToSorting, sortingToKeys, type NoRow } from './columns';
import { GridHeaderCell } from './GridHeaderCell';
import { GridRow } from './GridRow';
import { queryKey, type GridQuery } from './query';
import { useGridKeys } from './useGridKeys';
import { useRowWindows } from './useRowWindows';
import { ROW_HEIGHT, useWindowedRows } from './useWindowedRows';
import { WINDOW_ROWS } from './window-cache';

const SELECT_WIDTH = 44;
const NO_ROWS: NoRow[] = [];
const NO_FIELDS: Field[] = [];

export interface DataGridProps {
  readonly tableId: string;
  readonly tableName: string;
  readonly version: number;
  readonly query: GridQuery;
  readonly onSortChange: (sort: SortKey[]) => void;
  readonly selected: ReadonlySet<number>;
  readonly onToggleRow: (position: number) => void;
}

/**
 * The rows of one version, virtualized: only the rows in view are in the DOM, and they are read from Arrow windows
 * fetched around the viewport. Sorting is done by the worker; react-table owns the column model only.
 */
export function DataGrid({ tableId, tableName, version, query, onSortChange, selected, onToggleRow }: DataGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const descriptionId = useId();
  const rowIdPrefix = `${useId()}row-`;
  const [span, setSpan] = useState({ first: 0, last: WINDOW_ROWS - 1 });
  const data = useRowWindows({ tableId, version, query, first: span.first, last: span.last });
  const fields = data.schema?.fields ?? NO_FIELDS;

  const columns = useMemo(() => columnsOf(fields), [fields]);
  const sorting = useMemo(() => keysToSorting(query.sort), [query.sort]);
  const onSortingChange = useCallback(
    (updater: Updater<SortingState>) =>
      onSortChange(sortingToKeys(typeof updater === 'function' ? updater(sorting) : updater)),
    [onSortChange, sorting],
  );
  const table = useReactTable({
    data: NO_ROWS,
    columns,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableMultiSort: false,
    sortDescFirst: false,
    columnResizeMode: 'onChange',
    getCoreRowModel: getCoreRowModel(),
  });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const sizes = headers.map((h) => h.getSize());
  const sizesKey = sizes.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new array only when a width changes, for memo rows
  const widths = useMemo(() => sizes, [sizesKey]);
  const totalWidth = SELECT_WIDTH + sizes.reduce((a, b) => a + b, 0);

  const virtualizer = useWindowedRows(data.totalRows, scrollRef, (first, last) =>
    setSpan((s) => (s.first === first && s.last === last ? s : { first, last })),
  );

  const keys = useGridKeys({
    rows: data.totalRows,
    pageRows: Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2),
    scrollTo: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    toggle: (index) => {
      const row = data.row(index);
      const position = row?.window.positions[row.offset];
      if (position !== undefined) onToggleRow(position);
    },
  });

  // A new sort or filter starts at the top; a new version keeps the scroll position (to compare the same rows).
  const queryText = queryKey(query);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryText]);

  const description = data.schema
    ? `${formatCount(data.totalRows, 'row')} · version ${version}${data.stale ? ' · loading' : ''}`
    : 'Loading';

  return (
    <div className="grid-frame">
      <div
        ref={scrollRef}
        role="grid"
        aria-label={tableName}
        aria-rowcount={data.totalRows + 1}
        aria-colcount={fields.length + 1}
        aria-describedby={descriptionId}
        aria-busy={data.stale}
        aria-multiselectable="true"
        aria-activedescendant={keys.active !== null ? `${rowIdPrefix}${keys.active}` : undefined}
        className="grid"
        tabIndex={0}
        onKeyDown={keys.onKeyDown}
      >
        <span id={descriptionId} hidden>
          {description}
        </span>
        <div role="rowgroup" className="grid-head" style={{ width: totalWidth }}>
          <div role="row" aria-rowindex={1} className="grid-header-row">
            <div role="columnheader" className="grid-cell grid-select-cell" aria-label="Selected">
              {selected.size > 0 ? <span className="select-count">{selected.size}</span> : null}
            </div>
            {headers.map((header, c) => (
              <GridHeaderCell key={header.id} header={header} field={fields[c]} />
            ))}
          </div>
        </div>
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = data.row(item.index);
            const position = row?.window.positions[row.offset];
            return (
              <GridRow
                key={item.index}
                id={`${rowIdPrefix}${item.index}`}
                active={item.index === keys.active}
                index={item.index}
                top={item.start}
                height={item.size}
                fields={fields}
                widths={widths}
                window={row?.window}
                offset={row?.offset ?? 0}
                selected={position !== undefined && selected.has(position)}
                onToggle={onToggleRow}
              />
            );
          })}
        </div>
        {data.schema && data.totalRows === 0 && !data.stale && (
          <p className="grid-empty">{query.filter || query.range ? 'No rows match the filter.' : 'No rows.'}</p>
        )}
      </div>
      {data.error && (
        <p role="alert" className="grid-error">
          {data.error}
        </p>
      )}
    </div>
  );
}
