/**
 * Turns header text into unique, non-empty column names. Names are user data and may be anything, including
 * `__proto__` or `constructor`: they are only ever kept in arrays, Sets and Maps, never as object keys.
 */
import { fieldText } from './records';
import { invalidUtf8Error } from './errors';

/** The header record's fields as text, verbatim; throws CSV_ENCODING if they are not valid UTF-8. */
export function readHeaderNames(
  bytes: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  kinds: Uint8Array,
  fieldCount: number,
  line: number,
  fileName?: string,
): string[] {
  const names: string[] = [];
  for (let f = 0; f < fieldCount; f++) {
    const text = fieldText(bytes, starts[f]!, ends[f]!, kinds[f]!, true);
    if (text === undefined) throw invalidUtf8Error(fileName, line);
    names.push(text ?? '');
  }
  return names;
}

export interface ColumnNames {
  names: string[];
  notices: string[];
}

/**
 * Empty names become `column_N` (N = 1-based position); the second and later copies of a name get `_2`, `_3`…,
 * skipping any name already used or written elsewhere in the header. Every rename yields a notice.
 */
export function uniqueColumnNames(originals: readonly string[], line: number): ColumnNames {
  const written = new Set(originals.filter((name) => name !== ''));
  const used = new Set<string>();
  const names: string[] = [];
  const notices: string[] = [];
  originals.forEach((original, index) => {
    if (original !== '' && !used.has(original)) {
      used.add(original);
      names.push(original);
      return;
    }
    const base = original === '' ? `column_${index + 1}` : original;
    const taken = (name: string) => used.has(name) || written.has(name);
    let name = base;
    if (original !== '' || taken(name)) {
      let suffix = 2;
      while (taken(`${base}_${suffix}`)) suffix++;
      name = `${base}_${suffix}`;
    }
    used.add(name);
    names.push(name);
    notices.push(
      original === ''
        ? `Empty column name at position ${index + 1} renamed to ${JSON.stringify(name)}`
        : `Duplicate column name ${JSON.stringify(original)} on line ${line} renamed to ${JSON.stringify(name)}`,
    );
  });
  return { names, notices };
}
