import { CSV_DELIMITERS, CSV_ENCODINGS, IMPORT_MODES, type CsvDelimiter, type CsvEncoding } from '../../protocol/api';
import { MODE_LABELS, type DraftPlan, type FileDraft } from './draft';
import { FileNotes } from './FileNotes';
import { DELIMITER_LABELS, ENCODING_LABELS, formatBytes, formatCount } from './format';
import { FileIcon } from './icons';
import { SchemaPreview } from './SchemaPreview';

function targetText(draft: FileDraft, plan: DraftPlan): string {
  const name = draft.tableName.trim();
  if (!name) return 'Required';
  if (plan.target) {
    const t = plan.target;
    const version = t.head >= 0 ? `version ${t.head}, ` : '';
    return `Existing table: ${version}${formatCount(t.rows)} rows`;
  }
  if (plan.createdBy) return `Created by ${plan.createdBy} above`;
  return `No table named ${name} yet`;
}

function modeText(draft: FileDraft, plan: DraftPlan): string {
  const name = draft.tableName.trim() || 'the table';
  switch (plan.mode) {
    case 'create':
      return `Creates ${name} with this file's rows as version 0.`;
    case 'append':
      return `Adds this file's rows to ${name} as a new version.`;
    case 'overwrite':
      return `Replaces every row of ${name} in a new version; earlier versions stay in its history.`;
    case 'updateKey':
      return `Replaces the rows of ${name} whose ${plan.key ?? 'key'} matches a row of this file and adds the others.`;
    case 'updateRange':
      return `Replaces the rows of ${name} whose ${plan.rangeColumn ?? 'range column'} lies between this file's first and last value.`;
  }
}

/** One file's fields, in a group named by the file name (the acceptance tests rely on these names). */
export function FileGroup({
  draft,
  plan,
  onChange,
  onRemove,
}: {
  draft: FileDraft;
  plan: DraftPlan;
  onChange: (change: (d: FileDraft) => FileDraft) => void;
  onRemove: () => void;
}) {
  const id = draft.id;
  const preview = draft.preview.status === 'ready' ? draft.preview.preview : undefined;
  const delimiter = draft.delimiter ?? preview?.dialect.delimiter ?? ',';
  const encoding = draft.encoding ?? preview?.dialect.encoding ?? 'utf-8';
  const summary = [
    formatBytes(draft.file.size),
    preview && `${preview.columns.length} ${preview.columns.length === 1 ? 'column' : 'columns'}`,
    draft.preview.status === 'loading' && 'reading…',
  ]
    .filter(Boolean)
    .join(' · ');
  const outcome = draft.outcome;
  return (
    <section
      role="group"
      className="imp-file"
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-meta`}
      data-file={draft.file.name}
    >
      <header className="imp-file-head">
        <FileIcon />
        <h3 id={`${id}-name`} className="imp-file-name">
          {draft.file.name}
        </h3>
        <span id={`${id}-meta`} className="imp-muted">
          {summary}
        </span>
        <button type="button" className="imp-link" onClick={onRemove} aria-describedby={`${id}-name`}>
          Remove file
        </button>
      </header>
      {outcome?.kind === 'failed' && (
        <p role="alert" className="imp-alert" tabIndex={-1} data-outcome="">
          {outcome.message}
        </p>
      )}
      {draft.preview.status === 'failed' && (
        <p role="alert" className="imp-alert">
          {draft.preview.message}
        </p>
      )}
      <div className="imp-settings">
        <div className="imp-field imp-field-table">
          <label className="imp-label" htmlFor={`${id}-table`}>
            Table name
          </label>
          <input
            id={`${id}-table`}
            type="text"
            value={draft.tableName}
            spellCheck={false}
            autoComplete="off"
            data-autofocus=""
            aria-describedby={`${id}-target`}
            onChange={(e) => {
              const tableName = e.target.value;
              onChange((d) => ({ ...d, tableName }));
            }}
          />
          <span id={`${id}-target`} className="imp-hint">
            {targetText(draft, plan)}
          </span>
        </div>
        <fieldset className="imp-field imp-modes" aria-describedby={`${id}-mode-text`}>
          <legend className="imp-label">Mode</legend>
          <div className="imp-segments">
            {IMPORT_MODES.map((mode) => (
              <label key={mode} className="imp-segment">
                <input
                  type="radio"
                  name={`${id}-mode`}
                  value={mode}
                  checked={plan.mode === mode}
                  onChange={() => onChange((d) => ({ ...d, mode }))}
                />
                <span>{MODE_LABELS[mode]}</span>
              </label>
            ))}
          </div>
          <span id={`${id}-mode-text`} className="imp-hint">
            {modeText(draft, plan)}
          </span>
        </fieldset>
        {plan.mode === 'updateKey' && (
          <label className="imp-field">
            <span className="imp-label">Key column</span>
            <select
              value={plan.key ?? ''}
              onChange={(e) => {
                const key = e.target.value;
                onChange((d) => ({ ...d, key }));
              }}
            >
              {plan.keyOptions.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        )}
        {plan.mode === 'updateRange' && (
          <label className="imp-field">
            <span className="imp-label">Range column</span>
            <select
              value={plan.rangeColumn ?? ''}
              onChange={(e) => {
                const rangeColumn = e.target.value;
                onChange((d) => ({ ...d, rangeColumn }));
              }}
            >
              {plan.rangeOptions.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="imp-settings imp-settings-secondary">
        <label className="imp-field imp-field-message">
          <span className="imp-label">Message</span>
          <input
            type="text"
            value={draft.message}
            placeholder="Optional: what this version is"
            onChange={(e) => {
              const message = e.target.value;
              onChange((d) => ({ ...d, message }));
            }}
          />
        </label>
        <label className="imp-field">
          <span className="imp-label">Delimiter</span>
          <select
            value={delimiter}
            aria-describedby={preview ? `${id}-detected` : undefined}
            onChange={(e) => {
              const value = e.target.value as CsvDelimiter;
              onChange((d) => ({ ...d, delimiter: value, preview: { status: 'loading' }, check: undefined }));
            }}
          >
            {CSV_DELIMITERS.map((d) => (
              <option key={d} value={d}>
                {DELIMITER_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className="imp-field">
          <span className="imp-label">Encoding</span>
          <select
            value={encoding}
            aria-describedby={preview ? `${id}-detected` : undefined}
            onChange={(e) => {
              const value = e.target.value as CsvEncoding;
              onChange((d) => ({ ...d, encoding: value, preview: { status: 'loading' }, check: undefined }));
            }}
          >
            {CSV_ENCODINGS.map((enc) => (
              <option key={enc} value={enc}>
                {ENCODING_LABELS[enc]}
              </option>
            ))}
          </select>
        </label>
        {preview && (
          <span id={`${id}-detected`} hidden>
            Detected {DELIMITER_LABELS[preview.dialect.delimiter]}, {ENCODING_LABELS[preview.dialect.encoding]}
            {preview.dialect.hasBom ? ' with a byte order mark' : ''}
          </span>
        )}
      </div>
      {preview && (
        <>
          <FileNotes draft={draft} plan={plan} preview={preview} onChange={onChange} />
          <SchemaPreview
            id={id}
            fileName={draft.file.name}
            preview={preview}
            fields={plan.fields}
            onTypeChange={(column, type) =>
              onChange((d) => ({ ...d, types: d.types.map((t, i) => (i === column ? type : t)) }))
            }
          />
        </>
      )}
      {draft.preview.status === 'loading' && <div className="imp-loading">Reading the start of the file…</div>}
    </section>
  );
}
