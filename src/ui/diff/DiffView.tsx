import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { DiffRequest } from '../../protocol/api';
import { CHANGE_KINDS, type ChangeKind, type DiffSummary } from '../../protocol/dto';
import { formatValue } from '../arrow';
import { displayColumns } from './diff-columns';
import { DiffFilters } from './DiffFilters';
import { DiffGrid } from './DiffGrid';
import { DiffSummaryRegion } from './DiffSummaryRegion';
import { nextChange, type GridCursor } from './navigation';
import { SchemaBanner } from './SchemaBanner';
import { useDiffWindows } from './useDiffWindows';
import type { RowPick } from './views';

export interface DiffViewProps {
  readonly request: DiffRequest;
  /** The summary of `request` once computed; the previous one (or undefined) while it is computed. */
  readonly summary: DiffSummary | undefined;
  readonly current: boolean;
  readonly error: string | null;
  /** A row was chosen (click, Enter): show its history. */
  readonly onPickRow: (pick: RowPick) => void;
}

const ALL_KINDS: ReadonlySet<ChangeKind> = new Set(CHANGE_KINDS);

interface CursorState {
  /** The order (diff and change filter) the positions below belong to. */
  readonly key: string;
  readonly row: number | null;
  readonly column: string | null;
  /** The row whose history is shown. */
  readonly picked: number | null;
}

/** The diff of two versions: schema banner, filters, and the "Diff" grid of added / removed / changed rows. */
export function DiffView({ request, summary, current, error, onPickRow }: DiffViewProps) {
  const [kinds, setKinds] = useState<ReadonlySet<ChangeKind>>(ALL_KINDS);
  const [hideUnchanged, setHideUnchanged] = useState(false);
  const [span, setSpan] = useState({ first: 0, last: 199 });
  const change = useMemo(() => CHANGE_KINDS.filter((k) => kinds.has(k)), [kinds]);
  const data = useDiffWindows({
    request,
    summary: current && summary && kinds.size > 0 ? summary : null,
    change,
    first: span.first,
    last: span.last,
  });

  const hideDisabled = !summary
    ? 'Comparing…'
    : summary.mode !== 'keyed'
      ? 'A whole-row diff has no changed cells'
      : null;
  const columns = useMemo(
    () => (summary ? displayColumns(summary, hideUnchanged && hideDisabled === null) : []),
    [summary, hideUnchanged, hideDisabled],
  );

  // The cursor and the picked row are positions in one filtered order: a new order forgets them. The cursor's cell
  // is kept by column name, so hiding unchanged columns keeps it on the same cell.
  const orderKey = `${request.tableId}|${request.from}|${request.to}|${request.key?.join(',') ?? ''}|${change.join(',')}`;
  const [state, setState] = useState<CursorState>({ key: orderKey, row: null, column: null, picked: null });
  const own = state.key === orderKey;
  const cellIndex = own && state.column !== null ? columns.findIndex((c) => c.column.name === state.column) : -1;
  const cursor: GridCursor | null =
    own && state.row !== null ? { row: state.row, cell: cellIndex < 0 ? null : cellIndex } : null;
  const pickedRow = own ? state.picked : null;
  const onCursor = useCallback(
    (next: GridCursor) =>
      setState((s) => ({
        key: orderKey,
        row: next.row,
        column: next.cell === null ? null : (columns[next.cell]?.column.name ?? null),
        picked: s.key === orderKey ? s.picked : null,
      })),
    [orderKey, columns],
  );

  // Rows are read when chosen, from the windows on screen then (kept in a ref so rows' memo holds across fetches).
  const dataRef = useRef(data);
  useEffect(() => {
    dataRef.current = data;
  });
  const keyColumn = summary?.keyUsed?.length === 1 ? summary.columns.find((c) => c.isKey) : undefined;
  const onChoose = useCallback(
    (index: number) => {
      setState((s) =>
        s.key === orderKey ? { ...s, picked: index } : { key: orderKey, row: null, column: null, picked: index },
      );
      const row = dataRef.current.row(index);
      if (!row || !keyColumn) return;
      const raw = row.reader.value(row.offset, keyColumn);
      const type = (keyColumn.toType ?? keyColumn.fromType)!;
      const text = formatValue(type, raw);
      if (raw === null || text === null) return;
      const value = typeof raw === 'number' || typeof raw === 'string' ? raw : String(raw);
      onPickRow({ column: keyColumn.name, value, text });
    },
    [keyColumn, onPickRow, orderKey],
  );

  const step = (dir: 1 | -1) => {
    const next = nextChange(cursor, dir, data.total, (r) => {
      const row = data.row(r);
      if (!row) return undefined;
      const kind = row.reader.kind(row.offset);
      const changedCells: number[] = [];
      if (kind === 'changed') {
        columns.forEach((c, i) => {
          if (row.reader.changed(row.offset, c.column)) changedCells.push(i);
        });
      }
      return { kind, changedCells };
    });
    if (next) onCursor(next);
  };

  const counts = summary ? { added: summary.added, removed: summary.removed, changed: summary.changed } : null;
  const position =
    cursor === null
      ? ''
      : `Row ${(cursor.row + 1).toLocaleString('en-US')} of ${data.total.toLocaleString('en-US')}` +
        (cursor.cell !== null && columns[cursor.cell] ? ` · ${columns[cursor.cell]!.column.name}` : '');
  const empty = summary && current ? 'No differences.' : 'Comparing…';

  return (
    <div className="diff-view">
      <DiffSummaryRegion summary={summary} current={current} error={error} />
      {summary && <SchemaBanner schema={summary.schema} />}
      <DiffFilters
        kinds={kinds}
        onKinds={setKinds}
        counts={counts}
        hideUnchanged={hideUnchanged}
        onHideUnchanged={setHideUnchanged}
        hideDisabled={hideDisabled}
        onStep={step}
        canStep={data.total > 0}
        position={position}
      />
      {kinds.size === 0 ? (
        <p className="placeholder">No change kind is selected.</p>
      ) : (
        <DiffGrid
          columns={columns}
          data={data}
          resetKey={orderKey}
          empty={empty}
          cursor={cursor}
          onCursor={onCursor}
          onChoose={onChoose}
          pickedRow={pickedRow}
          onStep={step}
          onSpan={(first, last) => setSpan((s) => (s.first === first && s.last === last ? s : { first, last }))}
        />
      )}
    </div>
  );
}
