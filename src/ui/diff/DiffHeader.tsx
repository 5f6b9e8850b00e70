import { useId } from 'react';
import type { DiffDisplayColumn } from './diff-columns';

const STATUS_TEXT = { same: '', added: 'new', dropped: 'dropped', typeChanged: '' } as const;

/** The diff grid's header row: each column's name, type (old → new when it changed), key mark and changed cells. */
export function DiffHeader({ columns, width }: { columns: readonly DiffDisplayColumn[]; width: number }) {
  const idPrefix = useId();
  return (
    <div role="rowgroup" className="grid-head" style={{ width }}>
      <div role="row" aria-rowindex={1} className="grid-header-row">
        <div role="columnheader" className="grid-cell grid-header-cell diff-kind-cell" aria-label="Change">
          <span aria-hidden="true">±</span>
        </div>
        {columns.map((c, i) => {
          const { column } = c;
          const type =
            column.status === 'typeChanged'
              ? `${column.fromType} → ${column.toType}`
              : (column.toType ?? column.fromType);
          const description = [
            type,
            column.isKey ? 'key' : '',
            STATUS_TEXT[column.status],
            c.changedCells > 0 ? `${c.changedCells.toLocaleString('en-US')} changed` : '',
          ]
            .filter(Boolean)
            .join(', ');
          return (
            <div
              key={column.name}
              role="columnheader"
              aria-describedby={`${idPrefix}h${i}`}
              title={description}
              className={`grid-cell grid-header-cell diff-header-cell${c.numeric ? ' numeric' : ''}`}
              style={{ width: c.width }}
            >
              <span className="grid-header-name">{column.name}</span>
              <span className="diff-header-badges" aria-hidden="true">
                {column.isKey && <span className="diff-badge diff-badge-key">key</span>}
                {STATUS_TEXT[column.status] && (
                  <span className={`diff-badge diff-badge-${column.status}`}>{STATUS_TEXT[column.status]}</span>
                )}
                <span className="type-badge">{type}</span>
                {c.changedCells > 0 && (
                  <span className="diff-badge diff-badge-count">{c.changedCells.toLocaleString('en-US')}</span>
                )}
              </span>
              <span id={`${idPrefix}h${i}`} hidden>
                {description}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
