/** Turning a RowHistory into what the panel shows: per column, its values as runs of versions, and sparkline data. */
import type { Field, RowHistory } from '../../protocol/dto';
import { formatValue, NUMERIC_TYPES } from '../arrow';

export interface ValueRun {
  readonly first: number;
  readonly last: number;
  /** Display text; undefined: the row is absent in these versions. */
  readonly text: string | null | undefined;
  /** The run starts with a change (not the row's first appearance). */
  readonly changed: boolean;
}

export interface ColumnHistory {
  readonly field: Field;
  readonly runs: readonly ValueRun[];
  /** Numeric columns only: one value per version (null where absent). */
  readonly series: readonly (number | null)[] | null;
  readonly changedAt: readonly boolean[];
  readonly changes: number;
}

/** Consecutive versions with the same display value, merged ("v1–v2 0.543514 · v3–v4 0.726245"). */
export function columnHistories(history: RowHistory): ColumnHistory[] {
  return history.columns.map((field, c) => {
    const runs: ValueRun[] = [];
    const changedAt = history.versions.map((v) => v.present && v.changed.includes(field.name));
    history.versions.forEach((v, i) => {
      const text = v.present && v.values ? formatValue(field.type, v.values[c] ?? null) : undefined;
      const last = runs[runs.length - 1];
      if (last && last.text === text && !changedAt[i]) runs[runs.length - 1] = { ...last, last: v.version };
      else runs.push({ first: v.version, last: v.version, text, changed: changedAt[i] ?? false });
    });
    const series = NUMERIC_TYPES.has(field.type)
      ? history.versions.map((v) => {
          const value = v.present ? v.values?.[c] : null;
          return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : null;
        })
      : null;
    return { field, runs, series, changedAt, changes: changedAt.filter(Boolean).length };
  });
}

export const versionSpan = (r: { first: number; last: number }) =>
  r.first === r.last ? `v${r.first}` : `v${r.first}–v${r.last}`;

/** One sentence for screen readers and the panel's caption. */
export function historySentence(history: RowHistory, keyText: string): string {
  const present = history.versions.filter((v) => v.present);
  if (present.length === 0) return `No row with ${history.column} = ${keyText} in any version.`;
  const changes = history.versions.filter((v) => v.present && v.changed.length > 0);
  const where = `In ${present.length} of ${history.versions.length} versions`;
  const what = changes.length
    ? `changed in ${changes.map((v) => `v${v.version} (${v.changed.join(', ')})`).join(', ')}`
    : 'never changed';
  return `${where}; ${what}.`;
}
