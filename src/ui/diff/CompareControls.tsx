import { useId } from 'react';
import type { DiffSummary, Field, VersionInfo } from '../../protocol/dto';
import type { ComparePair } from './views';

export interface CompareControlsProps {
  readonly live: readonly VersionInfo[];
  readonly pair: ComparePair;
  readonly onFrom: (version: number) => void;
  readonly onTo: (version: number) => void;
  /** Absent: no "Key column" select (the charts compare by x). */
  readonly keyChoice?: {
    /** Columns both versions have that could key rows. */
    readonly columns: readonly Field[];
    /** The key asked for; null: inferred. */
    readonly picked: string | null;
    readonly summary: DiffSummary | undefined;
    readonly onPick: (column: string | null) => void;
  };
}

/** Whole rows are compared when no key is inferred; the API cannot ask for that when one is (see the report). */
const WHOLE_ROWS = '';

/** "From version" → "To version", and the "Key column" of the diff (default: the inferred key, or whole rows). */
export function CompareControls({ live, pair, onFrom, onTo, keyChoice }: CompareControlsProps) {
  const id = useId();
  const options = live.map((v) => (
    <option key={v.version} value={v.version}>
      v{v.version} · {v.operation}
    </option>
  ));
  const keyValue = keyChoice ? (keyChoice.picked ?? keyChoice.summary?.keyUsed?.[0] ?? WHOLE_ROWS) : WHOLE_ROWS;
  const wholeRows = keyChoice?.summary?.mode === 'multiset';
  return (
    <div className="compare-controls">
      <div className="compare-field">
        <label htmlFor={`${id}from`} className="toolbar-label">
          From<span className="narrow-sr-only"> version</span>
        </label>
        <select id={`${id}from`} value={pair.from} onChange={(e) => onFrom(Number(e.target.value))}>
          {options}
        </select>
      </div>
      <span className="compare-arrow" aria-hidden="true">
        →
      </span>
      <div className="compare-field">
        <label htmlFor={`${id}to`} className="toolbar-label">
          To<span className="narrow-sr-only"> version</span>
        </label>
        <select id={`${id}to`} value={pair.to} onChange={(e) => onTo(Number(e.target.value))}>
          {options}
        </select>
      </div>
      {keyChoice && (
        <div className="compare-field">
          <label htmlFor={`${id}key`} className="toolbar-label">
            Key column
          </label>
          <select
            id={`${id}key`}
            value={keyValue}
            onChange={(e) => keyChoice.onPick(e.target.value === WHOLE_ROWS ? null : e.target.value)}
          >
            <option value={WHOLE_ROWS} disabled={!wholeRows}>
              (whole rows)
            </option>
            {keyChoice.columns.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
                {keyChoice.picked === null && keyChoice.summary?.keyUsed?.[0] === f.name ? ' (inferred)' : ''}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
