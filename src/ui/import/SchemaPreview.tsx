import type { CsvPreview } from '../../protocol/api';
import { COLUMN_TYPES, type ColumnType, type Field } from '../../protocol/dto';
import { looksLike } from './draft';
import { formatCount } from './format';

/** Rows shown per file; the sample has more (for inference), the dialog needs only enough to recognise the data. */
const SHOWN_ROWS = 6;

const NUMERIC: ReadonlySet<ColumnType> = new Set(['int64', 'float64']);

/**
 * The incoming schema as a table: one column per CSV column with its type (a select the user can override) and
 * nullability in the header, then the first rows as text. Values that will not read as a chosen type are flagged.
 */
export function SchemaPreview({
  id,
  fileName,
  preview,
  fields,
  onTypeChange,
}: {
  id: string;
  fileName: string;
  preview: CsvPreview;
  /** The schema to import into (the preview's columns with the user's types). */
  fields: readonly Field[];
  onTypeChange: (column: number, type: ColumnType) => void;
}) {
  const rows = preview.rows.slice(0, SHOWN_ROWS);
  const captionId = `${id}-caption`;
  const sampled = preview.sampleIsWholeFile
    ? `${formatCount(preview.sampledRows)} ${preview.sampledRows === 1 ? 'row' : 'rows'} in the file`
    : `types inferred from the first ${formatCount(preview.sampledRows)} rows`;
  return (
    <div className="imp-preview" tabIndex={0} role="region" aria-label={`Preview of ${fileName}`}>
      <table className="imp-table" aria-describedby={captionId}>
        <caption id={captionId} className="imp-caption">
          {preview.columns.length} {preview.columns.length === 1 ? 'column' : 'columns'} · first {rows.length}{' '}
          {rows.length === 1 ? 'row' : 'rows'} · {sampled}
        </caption>
        <thead>
          <tr>
            {preview.columns.map((column, c) => {
              const field = fields[c] ?? column;
              const type = field.type;
              const overridden = type !== column.type;
              const noteId = `${id}-col-${c}`;
              return (
                <th key={c} scope="col" className={NUMERIC.has(type) ? 'imp-num' : undefined}>
                  <div className="imp-colname" title={column.name}>
                    {column.name}
                  </div>
                  <select
                    className={overridden ? 'imp-type imp-type-changed' : 'imp-type'}
                    aria-label={`Type of ${column.name}`}
                    aria-describedby={noteId}
                    value={type}
                    onChange={(e) => onTypeChange(c, e.target.value as ColumnType)}
                  >
                    {COLUMN_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                  <div id={noteId} className="imp-colnote">
                    {field.nullable ? 'nullable' : 'no empty values'}
                    {overridden && ` · detected ${column.type}`}
                  </div>
                </th>
              );
            })}
            <th className="imp-fill" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {preview.columns.map((column, c) => {
                const type = fields[c]?.type ?? column.type;
                const value = row[c] ?? null;
                const empty = value === null || value === '';
                const misfit = !looksLike(type, value);
                const className = [NUMERIC.has(type) && 'imp-num', empty && 'imp-null', misfit && 'imp-misfit']
                  .filter(Boolean)
                  .join(' ');
                return (
                  <td
                    key={c}
                    className={className || undefined}
                    title={misfit ? `${JSON.stringify(value)} is not ${type}` : undefined}
                  >
                    {empty ? 'null' : value}
                  </td>
                );
              })}
              <td className="imp-fill" aria-hidden="true" />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
