import { useState } from 'react';
import type { Comparison, Field, Predicate } from '../../protocol/dto';
import { COMPARISON_LABELS, comparisonsFor, needsValue, parseFilterValue } from './filter-values';

export interface FilterBarProps {
  readonly fields: readonly Field[];
  readonly filter: Predicate | undefined;
  readonly onChange: (filter: Predicate | undefined) => void;
}

/** Column + comparison + value: one predicate, evaluated by the worker over the whole version. */
export function FilterBar({ fields, filter, onChange }: FilterBarProps) {
  const [column, setColumn] = useState(fields[0]?.name ?? '');
  const field = fields.find((f) => f.name === column) ?? fields[0];
  const ops = field ? comparisonsFor(field.type) : [];
  const [chosenOp, setOp] = useState<Comparison | null>(null);
  const op = chosenOp && ops.includes(chosenOp) ? chosenOp : (ops[0] ?? 'eq');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const apply = () => {
    if (!field) return;
    if (!needsValue(op)) {
      setError(null);
      onChange({ column: field.name, op });
      return;
    }
    const parsed = parseFilterValue(field.type, text);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    onChange({ column: field.name, op, value: parsed.value });
  };

  return (
    <form
      className="filter-bar"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <span className="toolbar-label" aria-hidden="true">
        Filter
      </span>
      <select aria-label="Filter column" value={field?.name ?? ''} onChange={(e) => setColumn(e.target.value)}>
        {fields.map((f) => (
          <option key={f.name} value={f.name}>
            {f.name}
          </option>
        ))}
      </select>
      <select aria-label="Filter operator" value={op} onChange={(e) => setOp(e.target.value as Comparison)}>
        {ops.map((o) => (
          <option key={o} value={o}>
            {COMPARISON_LABELS[o]}
          </option>
        ))}
      </select>
      <input
        type="text"
        aria-label="Filter value"
        aria-invalid={error !== null}
        placeholder={needsValue(op) ? 'value' : ''}
        disabled={!needsValue(op)}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="button">
        Apply filter
      </button>
      {filter && (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => {
            setError(null);
            onChange(undefined);
          }}
        >
          Clear filter
        </button>
      )}
      {error && (
        <span role="alert" className="inline-error">
          {error}
        </span>
      )}
    </form>
  );
}
