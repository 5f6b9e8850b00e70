import { useId, useState, type FormEvent } from 'react';
import { getClient } from '../../client/client';
import type { Field } from '../../protocol/dto';
import { useLoader } from '../common/useLoader';
import { CellValue } from '../diff/DiffCell';
import type { RowPick } from '../diff/views';
import { columnHistories, historySentence, versionSpan } from './row-history';
import { Sparkline } from './Sparkline';
import './charts.css';

export interface RowHistoryPanelProps {
  readonly tableId: string;
  /** Columns a row can be looked up by. */
  readonly fields: readonly Field[];
  /** The key column offered first (the diff's key). */
  readonly defaultColumn: string | null;
  readonly pick: RowPick | null;
  readonly onPick: (pick: RowPick) => void;
  readonly revision: number;
  /** Shown as a close button when the panel sits beside the diff. */
  readonly onClose?: (() => void) | undefined;
}

/**
 * "Row history": one row, by key, in every live version: its values per column as runs of versions, with a sparkline
 * for numeric columns. The worker reads only the segments each version added.
 */
export function RowHistoryPanel({
  tableId,
  fields,
  defaultColumn,
  pick,
  onPick,
  revision,
  onClose,
}: RowHistoryPanelProps) {
  const titleId = useId();
  const summaryId = useId();
  const lookups = fields.filter((f) => f.type !== 'bool');
  const [draft, setDraft] = useState<{ for: RowPick | null; column: string | null; text: string }>({
    for: pick,
    column: null,
    text: pick?.text ?? '',
  });
  // A row chosen elsewhere (the diff grid) replaces what was typed.
  const current = draft.for === pick ? draft : { for: pick, column: null, text: pick?.text ?? '' };
  const column = current.column ?? pick?.column ?? defaultColumn ?? lookups[0]?.name ?? '';

  const key = pick ? JSON.stringify([tableId, pick.column, pick.value, revision]) : null;
  const loaded = useLoader(key, () =>
    getClient().api.rowHistory({ tableId, column: pick!.column, value: pick!.value }),
  );
  const history = loaded.loadedKey === key ? loaded.data : undefined;
  const error = loaded.loadedKey === key ? loaded.error : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = current.text.trim();
    if (!column || !text) return;
    onPick({ column, value: text, text });
  };

  return (
    <figure className="row-history" aria-labelledby={titleId} aria-describedby={summaryId}>
      <figcaption className="chart-head">
        <h3 id={titleId} className="chart-title">
          Row history
        </h3>
        {onClose && (
          <button type="button" className="icon-button" aria-label="Close row history" onClick={onClose}>
            ×
          </button>
        )}
      </figcaption>
      <form className="row-history-form" onSubmit={submit}>
        <select
          aria-label="Row key column"
          value={column}
          onChange={(e) => setDraft({ ...current, column: e.target.value })}
        >
          {lookups.map((f) => (
            <option key={f.name}>{f.name}</option>
          ))}
        </select>
        <input
          type="text"
          aria-label="Row key value"
          placeholder="key value"
          value={current.text}
          onChange={(e) => setDraft({ ...current, text: e.target.value })}
        />
        <button type="submit" className="button">
          Show row
        </button>
      </form>
      {!pick && (
        <p id={summaryId} className="chart-empty">
          Choose a row in the diff, or type a key value, to see it in every version.
        </p>
      )}
      {pick && error && (
        <p id={summaryId} role="alert" className="form-error">
          {error}
        </p>
      )}
      {pick && !error && !history && (
        <p id={summaryId} className="muted">
          Loading…
        </p>
      )}
      {pick && history && (
        <>
          <p id={summaryId} className="row-history-summary">
            <strong>
              {history.column} = {pick.text}
            </strong>{' '}
            {historySentence(history, pick.text)}
          </p>
          <ol className="row-history-versions" aria-label="Versions">
            {history.versions.map((v) => (
              <li
                key={v.version}
                className={!v.present ? 'absent' : v.changed.length ? 'changed' : ''}
                title={!v.present ? 'absent' : v.changed.length ? `changed: ${v.changed.join(', ')}` : 'unchanged'}
              >
                v{v.version}
              </li>
            ))}
          </ol>
          <ul className="row-history-columns">
            {columnHistories(history).map((c) => (
              <li key={c.field.name} className={c.changes ? 'has-changes' : ''}>
                <div className="row-history-column-head">
                  <span className="row-history-column-name">{c.field.name}</span>
                  {c.series && <Sparkline values={c.series} changed={c.changedAt} />}
                </div>
                <p className="row-history-runs">
                  {c.runs.map((r, i) => (
                    <span key={i} className={`row-history-run${r.changed ? ' changed' : ''}`}>
                      <span className="row-history-span">{versionSpan(r)}</span>{' '}
                      {r.text === undefined ? <span className="muted">absent</span> : <CellValue text={r.text} />}
                    </span>
                  ))}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </figure>
  );
}
