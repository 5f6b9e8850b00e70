/**
 * What the dialog found about one file before Commit: renamed headers, sample problems (ragged rows with the explicit
 * pad/skip choice, values that will not read as the chosen type) and how the file fits an existing table.
 */
import type { ReactNode } from 'react';
import type { CsvPreview } from '../../protocol/api';
import { firstMisfit, type DraftPlan, type FileDraft } from './draft';
import { InfoIcon, WarningIcon } from './icons';

function Note({ tone, children }: { tone: 'info' | 'warn' | 'error'; children: ReactNode }) {
  return (
    <div className={`imp-note imp-note-${tone}`}>
      {tone === 'info' ? <InfoIcon /> : <WarningIcon />}
      <div className="imp-note-body">{children}</div>
    </div>
  );
}

function listed(items: readonly (string | number)[]): string {
  const quoted = items.map(String);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

function quotedList(names: readonly string[]): string {
  return listed(names.map((n) => JSON.stringify(n)));
}

export function FileNotes({
  draft,
  plan,
  preview,
  onChange,
}: {
  draft: FileDraft;
  plan: DraftPlan;
  preview: CsvPreview;
  onChange: (change: (d: FileDraft) => FileDraft) => void;
}) {
  const id = draft.id;
  const table = draft.tableName.trim();
  const typeProblems = preview.problems.filter((p) => p.kind === 'type');
  const misfits = preview.columns.flatMap((column, c) => {
    const type = draft.types[c] ?? column.type;
    if (type === column.type) return [];
    const row = firstMisfit(preview, c, type);
    return row === undefined ? [] : [{ column: column.name, type, row, value: preview.rows[row]?.[c] ?? '' }];
  });
  const check = plan.check;
  return (
    <div className="imp-notes">
      {preview.notices.map((notice) => (
        <Note key={notice} tone="info">
          {notice}
        </Note>
      ))}
      {typeProblems.map((p) => (
        <Note key={`${p.line}-${p.column ?? ''}`} tone="info">
          {p.message}
        </Note>
      ))}
      {misfits.map((m) => (
        <Note key={m.column} tone="warn">
          Column {JSON.stringify(m.column)} is set to {m.type}, but {JSON.stringify(m.value)} (preview row {m.row + 1})
          is not one: the import will stop at that line.
        </Note>
      ))}
      {plan.raggedLines.length > 0 && (
        <Note tone={draft.ragged ? 'info' : 'warn'}>
          <fieldset className="imp-choice">
            <legend>
              {plan.raggedLines.length === 1 ? 'Line' : 'Lines'} {listed(plan.raggedLines)}{' '}
              {plan.raggedLines.length === 1 ? 'has' : 'have'} the wrong number of fields (expected{' '}
              {preview.columns.length}). Choose what to do with such rows:
            </legend>
            <label>
              <input
                type="radio"
                name={`${id}-ragged`}
                checked={draft.ragged === 'pad'}
                onChange={() => onChange((d) => ({ ...d, ragged: 'pad' }))}
                aria-describedby={`${id}-pad-hint`}
              />
              Pad short rows
            </label>
            <span id={`${id}-pad-hint`} className="imp-hint">
              missing fields become empty, extra fields are dropped
            </span>
            <label>
              <input
                type="radio"
                name={`${id}-ragged`}
                checked={draft.ragged === 'skip'}
                onChange={() => onChange((d) => ({ ...d, ragged: 'skip' }))}
                aria-describedby={`${id}-skip-hint`}
              />
              Skip bad rows
            </label>
            <span id={`${id}-skip-hint`} className="imp-hint">
              those rows are left out
            </span>
          </fieldset>
        </Note>
      )}
      {plan.checkKey !== undefined && !check && <Note tone="info">Checking the columns against {table}…</Note>}
      {check && check.errors.length > 0 && (
        <Note tone="error">
          {check.errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        </Note>
      )}
      {check && check.newColumns.length > 0 && (
        <Note tone={draft.allowNewColumns ? 'info' : 'warn'}>
          <label className="imp-check">
            <input
              type="checkbox"
              checked={draft.allowNewColumns}
              onChange={(e) => {
                const allow = e.target.checked;
                onChange((d) => ({ ...d, allowNewColumns: allow }));
              }}
              aria-describedby={`${id}-new-columns`}
            />
            Add new columns
          </label>
          <span id={`${id}-new-columns`} className="imp-hint">
            {quotedList(check.newColumns)} {check.newColumns.length === 1 ? 'is' : 'are'} not in {table}: added as
            nullable, empty in the rows already there
          </span>
        </Note>
      )}
      {check && check.missingColumns.length > 0 && (
        <Note tone="info">
          This file has no {quotedList(check.missingColumns)}: {check.missingColumns.length === 1 ? 'it' : 'they'} will
          be empty in the new rows.
        </Note>
      )}
      {check && check.widenedColumns.length > 0 && (
        <Note tone="info">
          {quotedList(check.widenedColumns)} will widen from int64 to float64 to hold this file&apos;s values.
        </Note>
      )}
    </div>
  );
}
