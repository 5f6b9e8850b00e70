import { useCallback, useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { formatCount } from '../common/format';
import { ROW_HEIGHT, useWindowedRows } from '../grid/useWindowedRows';
import type { DiffDisplayColumn } from './diff-columns';
import { DiffGridRow } from './DiffGridRow';
import { DiffHeader } from './DiffHeader';
import type { GridCursor } from './navigation';
import type { DiffRows } from './useDiffWindows';

const KIND_WIDTH = 36;

export interface DiffGridProps {
  readonly columns: readonly DiffDisplayColumn[];
  readonly data: DiffRows;
  /** Changes with the filter: the grid goes back to the top. */
  readonly resetKey: string;
  readonly empty: string;
  readonly cursor: GridCursor | null;
  readonly onCursor: (cursor: GridCursor) => void;
  /** Enter or a click on a row: show its history. */
  readonly onChoose: (row: number) => void;
  readonly pickedRow: number | null;
  readonly onStep: (dir: 1 | -1) => void;
  readonly onSpan: (first: number, last: number) => void;
}

/**
 * The grid named "Diff": diff rows in key order, virtualized (only rows in view are in the DOM), read from windows
 * fetched around the viewport. One tab stop; arrows move a cursor (aria-activedescendant) over rows and cells, N / P
 * step through the changes, Enter shows the row's history.
 */
export function DiffGrid(props: DiffGridProps) {
  const { columns, data, resetKey, empty, cursor, onCursor, onChoose, pickedRow, onStep, onSpan } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const descriptionId = useId();
  const idPrefix = `${useId()}diff-row-`;
  const totalWidth = KIND_WIDTH + columns.reduce((sum, c) => sum + c.width, 0);

  const virtualizer = useWindowedRows(data.total, scrollRef, onSpan);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // Bring the cursor into view: its row vertically, its cell horizontally (past the sticky change column).
  const cursorRow = cursor?.row ?? null;
  const cursorCell = cursor?.cell ?? null;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || cursorRow === null) return;
    virtualizer.scrollToIndex(cursorRow, { align: 'auto' });
    if (cursorCell === null) return;
    const left = KIND_WIDTH + columns.slice(0, cursorCell).reduce((sum, c) => sum + c.width, 0);
    const right = left + (columns[cursorCell]?.width ?? 0);
    if (left < el.scrollLeft + KIND_WIDTH) el.scrollLeft = left - KIND_WIDTH;
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth;
    // `virtualizer` is a new object each render; the cursor (and the columns it indexes) are what move.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cursorRow, cursorCell, columns]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.target !== e.currentTarget || data.total === 0) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2);
    const row = cursorRow ?? -1;
    const moves: Record<string, () => GridCursor | null> = {
      ArrowDown: () => ({ row: row + 1, cell: cursorCell }),
      ArrowUp: () => ({ row: row - 1, cell: cursorCell }),
      PageDown: () => ({ row: row + page, cell: cursorCell }),
      PageUp: () => ({ row: row - page, cell: cursorCell }),
      Home: () => ({ row: 0, cell: cursorCell }),
      End: () => ({ row: data.total - 1, cell: cursorCell }),
      ArrowRight: () => ({ row: Math.max(0, row), cell: Math.min(columns.length - 1, (cursorCell ?? -1) + 1) }),
      ArrowLeft: () => ({
        row: Math.max(0, row),
        cell: cursorCell === null || cursorCell === 0 ? null : cursorCell - 1,
      }),
    };
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'n' || key === 'p') {
      e.preventDefault();
      onStep(key === 'n' ? 1 : -1);
    } else if (key === 'Enter' && cursorRow !== null) {
      e.preventDefault();
      onChoose(cursorRow);
    } else if (moves[key]) {
      e.preventDefault();
      const next = moves[key]();
      if (next) onCursor({ row: Math.max(0, Math.min(data.total - 1, next.row)), cell: next.cell });
    }
  };

  const choose = useCallback(
    (index: number, cell: number | null) => {
      onCursor({ row: index, cell });
      onChoose(index);
    },
    [onCursor, onChoose],
  );

  const activeId =
    cursorRow === null ? undefined : `${idPrefix}${cursorRow}${cursorCell === null ? '' : `-${cursorCell}`}`;
  const description = `${formatCount(data.total, 'diff row')}${data.stale ? ' · loading' : ''}`;

  return (
    <div className="grid-frame">
      <div
        ref={scrollRef}
        role="grid"
        aria-label="Diff"
        aria-rowcount={data.total + 1}
        aria-colcount={columns.length + 1}
        aria-describedby={descriptionId}
        aria-busy={data.stale}
        aria-activedescendant={activeId}
        className="grid diff-grid"
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <span id={descriptionId} hidden>
          {description} · arrows move, N and P step through changes, Enter shows the row&apos;s history
        </span>
        <DiffHeader columns={columns} width={totalWidth} />
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = data.row(item.index);
            return (
              <DiffGridRow
                key={item.index}
                idPrefix={idPrefix}
                index={item.index}
                top={item.start}
                height={item.size}
                columns={columns}
                reader={row?.reader}
                offset={row?.offset ?? 0}
                active={item.index === cursorRow}
                activeCell={item.index === cursorRow ? cursorCell : null}
                picked={item.index === pickedRow}
                onChoose={choose}
              />
            );
          })}
        </div>
        {data.total === 0 && !data.stale && <p className="grid-empty">{empty}</p>}
      </div>
      {data.error && (
        <p role="alert" className="grid-error">
          {data.error}
        </p>
      )}
    </div>
  );
}
