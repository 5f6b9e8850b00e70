/**
 * The import dialog's model: one FileDraft per file (what the user chose) and its DraftPlan (what follows from the
 * choices, the stored tables and the files listed before it). Pure functions, so the rules live in one place.
 */
import type { CsvDelimiter, CsvEncoding, CsvPreview, ImportMode, ImportRequest, SchemaCheck } from '../../protocol/api';
import type { ColumnType, Field, TableInfo } from '../../protocol/dto';
import { tableNameOf } from './format';

/** Radio labels; the accessible names the acceptance tests rely on (DO NOT CHANGE). */
export const MODE_LABELS: Readonly<Record<ImportMode, string>> = {
  create: 'New table',
  append: 'Append',
  overwrite: 'Overwrite',
  updateKey: 'Update by key',
  updateRange: 'Update range',
};

export type PreviewState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly preview: CsvPreview }
  | { readonly status: 'failed'; readonly message: string };

/** The last Commit attempt of a file that is still in the dialog (committed files leave it). */
export type Outcome =
  | { readonly kind: 'failed'; readonly message: string; readonly raggedLines: readonly number[] }
  | { readonly kind: 'cancelled' };

export interface FileDraft {
  readonly id: string;
  readonly file: File;
  readonly tableName: string;
  /** undefined until the user picks one: then the mode follows whether the table exists. */
  readonly mode: ImportMode | undefined;
  readonly key: string | undefined;
  readonly rangeColumn: string | undefined;
  readonly message: string;
  /** undefined: the detected value. */
  readonly delimiter: CsvDelimiter | undefined;
  readonly encoding: CsvEncoding | undefined;
  readonly preview: PreviewState;
  /** The type of each preview column, as inferred or overridden. */
  readonly types: readonly ColumnType[];
  readonly ragged: 'pad' | 'skip' | undefined;
  readonly allowNewColumns: boolean;
  /** The schema check of `checkKey` (stale when the key differs). */
  readonly check: { readonly key: string; readonly result: SchemaCheck } | undefined;
  readonly outcome: Outcome | undefined;
}

let draftCounter = 0;

export function newDraft(file: File): FileDraft {
  draftCounter++;
  return {
    id: `import-file-${draftCounter}`,
    file,
    tableName: tableNameOf(file.name),
    mode: undefined,
    key: undefined,
    rangeColumn: undefined,
    message: '',
    delimiter: undefined,
    encoding: undefined,
    preview: { status: 'loading' },
    types: [],
    ragged: undefined,
    allowNewColumns: false,
    check: undefined,
    outcome: undefined,
  };
}

export interface DraftPlan {
  readonly mode: ImportMode;
  /** The stored table of that name, if any. */
  readonly target: TableInfo | undefined;
  /** The file listed earlier that creates this table, if any. */
  readonly createdBy: string | undefined;
  readonly fields: readonly Field[];
  readonly keyOptions: readonly string[];
  readonly rangeOptions: readonly string[];
  readonly key: string | undefined;
  readonly rangeColumn: string | undefined;
  /** Lines with the wrong number of fields, from the sample or from the last failed Commit. */
  readonly raggedLines: readonly number[];
  /** What checkSchema should be asked (undefined: nothing to ask). */
  readonly checkKey: string | undefined;
  readonly check: SchemaCheck | undefined;
  /** Why this file cannot be committed yet; empty when it can. */
  readonly blockers: readonly string[];
  readonly waiting: boolean;
}

/**
 * The schema to import into: the preview's columns with the user's types. Padding short rows makes empty values the
 * sample never showed (it infers from complete rows only), so every column a short row can lack becomes nullable.
 */
export function fieldsOf(draft: FileDraft): Field[] {
  if (draft.preview.status !== 'ready') return [];
  return draft.preview.preview.columns.map((c, i) => ({
    name: c.name,
    type: draft.types[i] ?? c.type,
    nullable: c.nullable || (draft.ragged === 'pad' && i > 0),
  }));
}

function defaultKey(options: readonly string[]): string | undefined {
  return (
    options.find((n) => n.toLowerCase() === 'id') ?? options.find((n) => /(^|_|\b)(id|key)$/i.test(n)) ?? options[0]
  );
}

function defaultRangeColumn(fields: readonly Field[], options: readonly string[]): string | undefined {
  const byType = (type: ColumnType) => fields.find((f) => f.type === type && options.includes(f.name))?.name;
  return byType('timestamp') ?? byType('date') ?? options[0];
}

/**
 * Plans every draft in list order: a file can target a table that a file listed before it creates. `tables` is
 * undefined until the stored tables are known (every plan waits until then).
 */
export function planDrafts(drafts: readonly FileDraft[], tables: readonly TableInfo[] | undefined): DraftPlan[] {
  const created = new Map<string, string>();
  return drafts.map((draft) => {
    const name = draft.tableName.trim();
    const target = tables?.find((t) => t.name === name);
    const createdBy = created.get(name);
    const mode = draft.mode ?? (target || createdBy ? 'append' : 'create');
    if (mode === 'create' && name && !target && !createdBy) created.set(name, draft.file.name);
    const plan = planOne(draft, name, mode, target, createdBy);
    return tables ? plan : { ...plan, waiting: true };
  });
}

function planOne(
  draft: FileDraft,
  name: string,
  mode: ImportMode,
  target: TableInfo | undefined,
  createdBy: string | undefined,
): DraftPlan {
  const file = draft.file.name;
  const fields = fieldsOf(draft);
  const inTable = (n: string) => !target || target.schema.fields.some((f) => f.name === n);
  const keyOptions = fields.filter((f) => inTable(f.name)).map((f) => f.name);
  const rangeOptions = fields.filter((f) => f.type !== 'bool' && inTable(f.name)).map((f) => f.name);
  const key = draft.key !== undefined && keyOptions.includes(draft.key) ? draft.key : defaultKey(keyOptions);
  const rangeColumn =
    draft.rangeColumn !== undefined && rangeOptions.includes(draft.rangeColumn)
      ? draft.rangeColumn
      : defaultRangeColumn(fields, rangeOptions);
  const preview = draft.preview.status === 'ready' ? draft.preview.preview : undefined;
  const raggedLines =
    draft.outcome?.kind === 'failed' && draft.outcome.raggedLines.length > 0
      ? draft.outcome.raggedLines
      : (preview?.problems.filter((p) => p.kind === 'ragged').map((p) => p.line) ?? []);

  const checkKey =
    preview && mode !== 'create' && mode !== 'overwrite' && target && name
      ? JSON.stringify([name, mode, fields])
      : undefined;
  const check = checkKey !== undefined && draft.check?.key === checkKey ? draft.check.result : undefined;

  const blockers: string[] = [];
  let waiting = false;
  if (draft.preview.status === 'loading') waiting = true;
  if (draft.preview.status === 'failed') blockers.push(`Remove ${file} or choose another delimiter or encoding`);
  if (!name) blockers.push(`Name the table for ${file}`);
  else if (mode === 'create' && (target || createdBy)) {
    blockers.push(`A table named "${name}" already exists: choose Append, Overwrite or an update for ${file}`);
  } else if (mode !== 'create' && !target && !createdBy) {
    blockers.push(`There is no table named "${name}" yet: choose New table for ${file}`);
  }
  if (preview) {
    if (mode === 'updateKey' && !key) blockers.push(`${file} has no column the table also has to use as the key`);
    if (mode === 'updateRange' && !rangeColumn) blockers.push(`${file} has no ordered column to update a range of`);
    if (raggedLines.length > 0 && !draft.ragged) {
      blockers.push(`Choose how to treat the rows of ${file} with the wrong number of fields`);
    }
  }
  if (checkKey !== undefined && !check) waiting = true;
  if (check) {
    blockers.push(...check.errors.map((e) => `${file}: ${e}`));
    if (check.newColumns.length > 0 && !draft.allowNewColumns) blockers.push(`Confirm the new columns of ${file}`);
  }
  return {
    mode,
    target,
    createdBy,
    fields,
    keyOptions,
    rangeOptions,
    key,
    rangeColumn,
    raggedLines,
    checkKey,
    check,
    blockers,
    waiting,
  };
}

/** The request for a file whose plan has no blockers. */
export function importRequestOf(draft: FileDraft, plan: DraftPlan): Omit<ImportRequest, 'requestId'> {
  const message = draft.message.trim();
  const detected = draft.preview.status === 'ready' ? draft.preview.preview.dialect : undefined;
  const delimiter = draft.delimiter ?? detected?.delimiter;
  const encoding = draft.encoding ?? detected?.encoding;
  return {
    file: draft.file,
    fileName: draft.file.name,
    tableName: draft.tableName.trim(),
    mode: plan.mode,
    schema: { fields: plan.fields },
    ...(plan.mode === 'updateKey' && plan.key ? { key: [plan.key] } : {}),
    ...(plan.mode === 'updateRange' && plan.rangeColumn ? { rangeColumn: plan.rangeColumn } : {}),
    ...(message ? { message } : {}),
    // The dialect the preview found (or the user chose): the worker need not detect it again, and cannot disagree.
    ...(delimiter ? { delimiter } : {}),
    ...(encoding ? { encoding } : {}),
    ...(draft.ragged ? { ragged: draft.ragged } : {}),
    ...(plan.check && plan.check.newColumns.length > 0 ? { allowNewColumns: draft.allowNewColumns } : {}),
  };
}

const TYPE_PATTERNS: Readonly<Record<ColumnType, RegExp>> = {
  bool: /^(true|false)$/i,
  int64: /^[+-]?\d+$/,
  float64: /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i,
  date: /^\d{4}-\d{2}-\d{2}$/,
  timestamp: /^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/,
  string: /^/,
};

/** Whether a preview value reads as the type (the engine decides at Commit; this flags likely failures early). */
export function looksLike(type: ColumnType, value: string | null): boolean {
  return value === null || value === '' || TYPE_PATTERNS[type].test(value);
}

/** The first preview row (0-based) whose value in column `c` does not read as `type`. */
export function firstMisfit(preview: CsvPreview, c: number, type: ColumnType): number | undefined {
  const i = preview.rows.findIndex((row) => !looksLike(type, row[c] ?? null));
  return i < 0 ? undefined : i;
}
