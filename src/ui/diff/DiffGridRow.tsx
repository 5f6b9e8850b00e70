import { memo } from 'react';
import { formatValue } from '../arrow';
import type { DiffDisplayColumn } from './diff-columns';
import type { DiffWindowReader } from './diff-window';
import { CellValue } from './DiffCell';

export const CHANGE_GLYPH = { added: '+', removed: '−', changed: '~' } as const;

export interface DiffGridRowProps {
  readonly idPrefix: string;
  readonly index: number;
  readonly top: number;
  readonly height: number;
  readonly columns: readonly DiffDisplayColumn[];
  readonly reader: DiffWindowReader | undefined;
  readonly offset: number;
  /** The cursor is on this row; `activeCell` names its cell (null: the row as a whole). */
  readonly active: boolean;
  readonly activeCell: number | null;
  /** The row whose history is shown. */
  readonly picked: boolean;
  readonly onChoose: (index: number, cell: number | null) => void;
}

/**
 * One diff row: added rows green, removed rows red and struck through, changed cells highlighted with the old value
 * struck beside the new one. Read straight from its Arrow window; a placeholder until the window arrives.
 */
export const DiffGridRow = memo(function DiffGridRow(props: DiffGridRowProps) {
  const { idPrefix, index, top, height, columns, reader, offset, active, activeCell, picked, onChoose } = props;
  const kind = reader?.kind(offset);
  const rowId = `${idPrefix}${index}`;
  return (
    <div
      id={rowId}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={picked}
      data-change={kind}
      className={`grid-row diff-row${kind ? ` diff-${kind}` : ''}${active ? ' active' : ''}${picked ? ' picked' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={(e) => {
        const cell = (e.target as HTMLElement).closest<HTMLElement>('[data-cell]')?.dataset.cell;
        onChoose(index, cell === undefined ? null : Number(cell));
      }}
    >
      <div role="gridcell" className="grid-cell diff-kind-cell" title={kind}>
        {kind && (
          <>
            <span aria-hidden="true">{CHANGE_GLYPH[kind]}</span>
            <span className="sr-only">{kind}</span>
          </>
        )}
      </div>
      {columns.map((c, ci) => {
        const changed = reader?.changed(offset, c.column) ?? false;
        const text = reader ? formatValue(c.type, reader.value(offset, c.column)) : undefined;
        const classes = ['grid-cell', 'diff-cell'];
        if (c.numeric) classes.push('numeric');
        if (changed) classes.push('diff-changed-cell');
        if (active && activeCell === ci) classes.push('active');
        return (
          <div
            key={c.column.name}
            id={`${rowId}-${ci}`}
            role="gridcell"
            data-cell={ci}
            data-column={c.column.name}
            data-changed={changed ? 'true' : undefined}
            className={classes.join(' ')}
            style={{ width: c.width }}
          >
            <span className="diff-new">
              <CellValue text={text} />
            </span>
            {changed && reader && (
              <>
                <span className="sr-only">, was </span>
                <del className="diff-old">
                  <CellValue text={formatValue(c.oldType, reader.old(offset, c.column))} />
                </del>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
});
