import { getClient } from '../../client/client';
import type { TableInfo, TagInfo } from '../../protocol/dto';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { formatBytes, formatCount } from '../common/format';

/** Names what goes: the tags that hold the table first (they lose it), then its versions and bytes. */
export function DeleteTableDialog({
  table,
  tags,
  onDeleted,
  onClose,
}: {
  table: TableInfo;
  tags: readonly TagInfo[];
  onDeleted: () => void;
  onClose: () => void;
}) {
  const holding = tags.filter((t) => t.entries.some((e) => e.tableId === table.id));
  return (
    <ConfirmDialog
      title="Delete table"
      confirmLabel="Delete table"
      danger
      onClose={onClose}
      onConfirm={async () => {
        await getClient().api.deleteTable({ tableId: table.id });
        onDeleted();
      }}
    >
      {holding.length > 0 && (
        <div className="callout callout-warning">
          <p>
            {holding.length === 1 ? 'This tag holds' : 'These tags hold'} {table.name} and will no longer include it:
          </p>
          <ul aria-label="Tags holding this table" className="plain-list">
            {holding.map((t) => (
              <li key={t.name}>
                <strong>{t.name}</strong> (v{t.entries.find((e) => e.tableId === table.id)?.version})
              </li>
            ))}
          </ul>
        </div>
      )}
      <p>
        Delete <strong>{table.name}</strong> with its {formatCount(table.liveVersions, 'version')} (
        {formatBytes(table.bytes)})? This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
