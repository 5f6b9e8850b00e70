import { flexRender, type Header } from '@tanstack/react-table';
import { useId } from 'react';
import type { Field } from '../../protocol/dto';
import { NUMERIC_TYPES } from '../arrow';
import type { NoRow } from './columns';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** A column header: named by the column; its type is a description; clicking sorts (asc → desc → off). */
export function GridHeaderCell({ header, field }: { header: Header<NoRow, unknown>; field: Field | undefined }) {
  const typeId = useId();
  const sorted = header.column.getIsSorted();
  const numeric = field !== undefined && NUMERIC_TYPES.has(field.type);
  const typeText = field ? `${field.type}${field.nullable ? ', nullable' : ''}` : '';
  return (
    <div
      role="columnheader"
      aria-sort={sorted ? ARIA_SORT[sorted] : 'none'}
      aria-describedby={typeId}
      className={numeric ? 'grid-cell grid-header-cell numeric' : 'grid-cell grid-header-cell'}
      style={{ width: header.getSize() }}
    >
      <button
        type="button"
        className="grid-sort"
        onClick={header.column.getToggleSortingHandler()}
        title={`Sort by ${field?.name ?? header.id}`}
      >
        <span className="grid-header-name">{flexRender(header.column.columnDef.header, header.getContext())}</span>
        <span className="grid-sort-icon" aria-hidden="true">
          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
        </span>
      </button>
      <span className="type-badge" aria-hidden="true">
        {field?.type}
      </span>
      <span id={typeId} hidden>
        {typeText}
      </span>
      <div
        className={header.column.getIsResizing() ? 'grid-resizer resizing' : 'grid-resizer'}
        onMouseDown={header.getResizeHandler()}
        onTouchStart={header.getResizeHandler()}
        aria-hidden="true"
      />
    </div>
  );
}
