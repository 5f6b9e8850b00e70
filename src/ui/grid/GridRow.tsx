import { memo } from 'react';
import type { Field } from '../../protocol/dto';
import { NUMERIC_TYPES } from '../arrow';
import type { RowWindow } from './window-cache';

export interface GridRowProps {
  readonly id: string;
  /** The row the keyboard is on (the grid's aria-activedescendant). */
  readonly active: boolean;
  readonly index: number;
  readonly top: number;
  readonly height: number;
  readonly fields: readonly Field[];
  readonly widths: readonly number[];
  readonly window: RowWindow | undefined;
  readonly offset: number;
  readonly selected: boolean;
  readonly onToggle: (position: number) => void;
}

/** One virtual row, read straight from its Arrow window; a placeholder until the window arrives. */
export const GridRow = memo(function GridRow({
  id,
  active,
  index,
  top,
  height,
  fields,
  widths,
  window,
  offset,
  selected,
  onToggle,
}: GridRowProps) {
  const position = window?.positions[offset];
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`grid-row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
    >
      <div role="gridcell" className="grid-cell grid-select-cell">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select row ${index + 1}`}
          checked={selected}
          disabled={position === undefined}
          onChange={() => position !== undefined && onToggle(position)}
        />
      </div>
      {fields.map((field, c) => {
        const numeric = NUMERIC_TYPES.has(field.type);
        const text = window ? window.reader.cell(offset, c) : undefined;
        return (
          <div
            key={field.name}
            role="gridcell"
            className={numeric ? 'grid-cell numeric' : 'grid-cell'}
            style={{ width: widths[c] }}
          >
            {text === undefined ? (
              <span className="cell-placeholder" aria-hidden="true" />
            ) : text === null ? (
              <span className="null-chip">null</span>
            ) : (
              text
            )}
          </div>
        );
      })}
    </div>
  );
});
