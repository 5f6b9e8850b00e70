import { useState } from 'react';
import type { TableInfo, TagInfo } from '../../protocol/dto';
import { formatBytes, formatCount } from '../common/format';
import { DeleteTableDialog } from './DeleteTableDialog';
import { RenameTableDialog } from './RenameTableDialog';

export interface TableHeaderProps {
  readonly table: TableInfo;
  readonly tags: readonly TagInfo[];
  readonly onChanged: () => void;
  readonly onDeleted: () => void;
}

/** The table's name and size, with rename and delete. */
export function TableHeader({ table, tags, onChanged, onDeleted }: TableHeaderProps) {
  const [dialog, setDialog] = useState<'rename' | 'delete' | null>(null);
  const columns = table.schema.fields.length;
  return (
    <header className="table-header">
      <div>
        <h2 className="table-title">{table.name}</h2>
        <p className="table-meta">
          {formatCount(table.rows, 'row')} · {formatCount(columns, 'column')} ·{' '}
          {formatCount(table.liveVersions, 'version')} · {formatBytes(table.bytes)}
        </p>
      </div>
      <div className="table-actions">
        <button type="button" className="button button-quiet" onClick={() => setDialog('rename')}>
          Rename table
        </button>
        <button type="button" className="button button-danger-quiet" onClick={() => setDialog('delete')}>
          Delete table
        </button>
      </div>
      {dialog === 'rename' && (
        <RenameTableDialog
          table={table}
          onClose={() => setDialog(null)}
          onRenamed={() => {
            setDialog(null);
            onChanged();
          }}
        />
      )}
      {dialog === 'delete' && (
        <DeleteTableDialog table={table} tags={tags} onClose={() => setDialog(null)} onDeleted={onDeleted} />
      )}
    </header>
  );
}
