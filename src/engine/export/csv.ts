/**
 * CSV export. Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) get a
 * leading apostrophe (OWASP's CSV-injection advice); numbers — negative ones included — are written as they are.
 */
import type { Table } from 'apache-arrow';
import { columnTypeOfArrow } from '../model/arrow';
import type { ColumnType } from '../model/schema';

const FORMULA_START = /^[=+\-@\t\r]/;

export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quote(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function formatCell(type: ColumnType | undefined, v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'timestamp': {
      const d = new Date(v as number);
      const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      return d.getUTCMilliseconds() ? `${base}.${pad(d.getUTCMilliseconds(), 3)}` : base;
    }
    case 'date':
      return new Date(v as number).toISOString().slice(0, 10);
    case 'string':
      return quote(formulaSafe(String(v)));
    default:
      return String(v);
  }
}

/** The whole table as CSV text (header + rows, CRLF line ends as RFC 4180 says). */
export function tableToCsv(table: Table): string {
  const types = table.schema.fields.map((f) => columnTypeOfArrow(f.type));
  const columns = table.schema.fields.map((_, i) => table.getChildAt(i)!);
  const lines = [table.schema.fields.map((f) => quote(formulaSafe(f.name))).join(',')];
  for (let r = 0; r < table.numRows; r++) {
    lines.push(columns.map((c, i) => formatCell(types[i], c.get(r))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
