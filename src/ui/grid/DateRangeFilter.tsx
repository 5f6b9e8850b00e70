import { useState } from 'react';
import type { Field, RangeFilter } from '../../protocol/dto';
import { formatUtcDate } from '../common/format';
import { parseUtc } from './filter-values';

const DAY_MS = 86_400_000;

export interface DateRangeFilterProps {
  /** The table's timestamp and date columns (at least one). */
  readonly fields: readonly Field[];
  readonly range: RangeFilter | undefined;
  readonly onChange: (range: RangeFilter | undefined) => void;
}

/**
 * Rows whose date/time column falls within [From, To], whole UTC days, both inclusive: together with the version
 * shown, the bitemporal read (as of version × date range).
 */
export function DateRangeFilter({ fields, range, onChange }: DateRangeFilterProps) {
  const [column, setColumn] = useState(range?.column ?? fields[0]?.name ?? '');
  const from = typeof range?.min === 'number' ? formatUtcDate(range.min) : '';
  const to = typeof range?.max === 'number' ? formatUtcDate(range.max) : '';

  const update = (next: { column?: string; from?: string; to?: string }) => {
    const col = next.column ?? column;
    const min = parseUtc(next.from ?? from);
    const maxDay = parseUtc(next.to ?? to);
    if (min === null && maxDay === null) return onChange(undefined);
    onChange({
      column: col,
      ...(min !== null ? { min } : {}),
      ...(maxDay !== null ? { max: maxDay + DAY_MS - 1 } : {}),
    });
  };

  return (
    <fieldset className="range-filter">
      <legend className="sr-only">Date range</legend>
      <span className="toolbar-label" aria-hidden="true">
        Date range
      </span>
      {fields.length > 1 ? (
        <select
          aria-label="Range column"
          value={column}
          onChange={(e) => {
            setColumn(e.target.value);
            update({ column: e.target.value });
          }}
        >
          {fields.map((f) => (
            <option key={f.name} value={f.name}>
              {f.name}
            </option>
          ))}
        </select>
      ) : (
        <span className="range-column">{column}</span>
      )}
      <label>
        <span className="field-label">From</span>
        <input type="date" value={from} onChange={(e) => update({ from: e.target.value })} />
      </label>
      <label>
        <span className="field-label">To</span>
        <input type="date" value={to} onChange={(e) => update({ to: e.target.value })} />
      </label>
      <span className="field-hint" title="Whole days in UTC, both ends included">
        UTC
      </span>
    </fieldset>
  );
}
