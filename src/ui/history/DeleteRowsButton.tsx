import { useState } from 'react';
import { getClient } from '../../client/client';
import type { CommitResult } from '../../protocol/api';
import type { Predicate } from '../../protocol/dto';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { formatCount, messageOf } from '../common/format';

export interface DeleteRowsButtonProps {
  readonly tableId: string;
  readonly tableName: string;
  readonly version: number;
  /** Positions (in `version`) of the rows ticked in the grid. */
  readonly selected: ReadonlySet<number>;
  /** The rows the grid's filter and date range match, when it has any. */
  readonly matching: Predicate | undefined;
  readonly onDeleted: (result: CommitResult) => void;
  readonly onError: (message: string) => void;
}

type Pending = { readonly count: number; readonly where: 'selected' | 'matching' };

/**
 * "Delete rows": the ticked rows, or else every row matching the filter, after a confirmation saying how many (counted
 * by the worker over the whole version, not just the rows loaded). Commits a `delete` version.
 */
export function DeleteRowsButton(props: DeleteRowsButtonProps) {
  const { tableId, tableName, version, selected, matching, onDeleted, onError } = props;
  const [pending, setPending] = useState<Pending | null>(null);
  const { api } = getClient();

  const open = async () => {
    if (selected.size > 0) return setPending({ count: selected.size, where: 'selected' });
    if (!matching) return;
    try {
      const count = await api.countRows({ tableId, asOf: { version }, where: { predicate: matching } });
      setPending({ count, where: 'matching' });
    } catch (e) {
      onError(messageOf(e));
    }
  };

  const confirm = async () => {
    const where =
      pending?.where === 'selected' ? { positions: [...selected] } : matching ? { predicate: matching } : null;
    if (!where) return;
    onDeleted(await api.deleteRows({ tableId, base: version, where, message: describe(pending) }));
  };

  return (
    <>
      <button
        type="button"
        className="button button-danger-quiet"
        disabled={selected.size === 0 && !matching}
        title={selected.size === 0 && !matching ? 'Tick rows in the grid, or filter, to choose rows' : undefined}
        onClick={() => void open()}
      >
        Delete rows
      </button>
      {pending && (
        <ConfirmDialog
          title="Delete rows"
          confirmLabel={pending.count === 0 ? 'Nothing to delete' : `Delete ${formatCount(pending.count, 'row')}`}
          danger
          confirmDisabled={pending.count === 0}
          onConfirm={confirm}
          onClose={() => setPending(null)}
        >
          <p>
            {pending.where === 'selected'
              ? `Delete the ${formatCount(pending.count, 'selected row')} from ${tableName}?`
              : `${formatCount(pending.count, 'row')} of ${tableName} v${version} match the filter. Delete them?`}
          </p>
          <p className="muted">
            This commits a new version without them; v{version} and every earlier version keep them.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}

function describe(pending: Pending | null): string {
  if (!pending) return 'Deleted rows';
  return pending.where === 'selected'
    ? `Deleted ${formatCount(pending.count, 'selected row')}`
    : `Deleted ${formatCount(pending.count, 'row')} matching a filter`;
}
