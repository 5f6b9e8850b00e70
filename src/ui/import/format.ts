/** Wording shared by the import dialog: sizes, counts, dialect labels, and errors phrased for the person importing. */
import { isProtocolError } from '../../protocol/errors';
import type { CsvDelimiter, CsvEncoding } from '../../protocol/api';

const numberFormat = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return numberFormat.format(n);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

export const DELIMITER_LABELS: Readonly<Record<CsvDelimiter, string>> = {
  ',': 'Comma ( , )',
  ';': 'Semicolon ( ; )',
  '\t': 'Tab',
  '|': 'Pipe ( | )',
};

export const ENCODING_LABELS: Readonly<Record<CsvEncoding, string>> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Latin-1)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

/** A table name from a file name: the name without its extension. */
export function tableNameOf(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  return stem || fileName;
}

/**
 * An error as one sentence that names the file. The engine's CSV messages already name the file and the line as a
 * text editor counts it; previews run without a file name ("Line 3, column 7: …"), so those get it prefixed.
 */
export function describeError(fileName: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (message.includes(fileName)) return message;
  if (isProtocolError(error) && /^Line \d+/.test(message)) return `${fileName} line ${message.slice('Line '.length)}`;
  return `${fileName}: ${message}`;
}
