import type { TableInfo } from '../../protocol/dto';
import { formatBytes, formatCount } from '../common/format';

export interface TablesListProps {
  readonly tables: readonly TableInfo[];
  readonly selected: string | null;
  readonly onSelect: (tableId: string) => void;
}

/** The "Tables" list: buttons named by table; rows and size are their description. */
export function TablesList({ tables, selected, onSelect }: TablesListProps) {
  return (
    <ul aria-label="Tables" className="nav-list">
      {tables.map((t) => (
        <li key={t.id}>
          <button
            type="button"
            className="nav-item"
            aria-current={t.id === selected ? 'true' : undefined}
            aria-describedby={`table-desc-${t.id}`}
            onClick={() => onSelect(t.id)}
          >
            <span className="nav-item-name">{t.name}</span>
          </button>
          <span id={`table-desc-${t.id}`} className="nav-item-meta">
            {formatCount(t.rows, 'row')} · {formatBytes(t.bytes)}
          </span>
        </li>
      ))}
    </ul>
  );
}
