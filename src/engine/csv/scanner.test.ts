import { describe, expect, it } from 'vitest';
import { CsvError } from './errors';
import { fieldText, type RecordSink } from './records';
import { CsvScanner } from './scanner';

interface Scanned {
  line: number;
  fields: (string | null)[];
}

const CHUNK_SIZES = [1, 2, 3, 7, 64, 1 << 20] as const;

/** Scans `text` fed in chunks of `chunkSize` bytes; blank lines appear as `{ line, fields: [] }`. */
function scan(text: string | Uint8Array, chunkSize: number, delimiter = ','): Scanned[] {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const out: Scanned[] = [];
  const sink: RecordSink = {
    record(buffer, starts, ends, kinds, fieldCount, line) {
      const fields: (string | null)[] = [];
      for (let f = 0; f < fieldCount; f++) fields.push(fieldText(buffer, starts[f]!, ends[f]!, kinds[f]!) ?? null);
      out.push({ line, fields });
    },
    blankLines(line, count) {
      for (let i = 0; i < count; i++) out.push({ line: line + i, fields: [] });
    },
  };
  const scanner = new CsvScanner(delimiter, sink, 'test.csv');
  for (let offset = 0; offset < bytes.length; offset += chunkSize) {
    scanner.push(bytes.slice(offset, offset + chunkSize));
  }
  scanner.finish();
  return out;
}

/** The records of `text`, checked to be identical for every chunk size. */
function scanAllChunkings(text: string | Uint8Array, delimiter = ','): Scanned[] {
  const reference = scan(text, 1 << 20, delimiter);
  for (const size of CHUNK_SIZES) expect(scan(text, size, delimiter), `chunk size ${size}`).toEqual(reference);
  return reference;
}

const fieldsOf = (records: Scanned[]) => records.map((r) => r.fields);
const linesOf = (records: Scanned[]) => records.map((r) => r.line);

describe('CsvScanner fields', () => {
  it('splits plain fields and records', () => {
    expect(fieldsOf(scanAllChunkings('a,b,c\n1,2,3\n'))).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('reads empty unquoted fields as null and an empty quoted field as the empty string', () => {
    expect(fieldsOf(scanAllChunkings('a,b,c\n,"",\n'))).toEqual([
      ['a', 'b', 'c'],
      [null, '', null],
    ]);
  });

  it('keeps delimiters, doubled quotes and line breaks inside quotes', () => {
    const text = 'a,b\n"x,y","say ""hi"""\n"line1\nline2\r\nline3\rline4",z\n';
    expect(fieldsOf(scanAllChunkings(text))).toEqual([
      ['a', 'b'],
      ['x,y', 'say "hi"'],
      ['line1\nline2\r\nline3\rline4', 'z'],
    ]);
  });

  it('treats a field made only of a doubled quote pair correctly', () => {
    expect(fieldsOf(scanAllChunkings('""""\n"a""",""""""\n'))).toEqual([['"'], ['a"', '""']]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('ends records with %s', (_name, eol) => {
    const text = ['h1,h2', '1,2', '"q",3', '4,"5"'].join(eol) + eol;
    const records = scanAllChunkings(text);
    expect(fieldsOf(records)).toEqual([
      ['h1', 'h2'],
      ['1', '2'],
      ['q', '3'],
      ['4', '5'],
    ]);
    expect(linesOf(records)).toEqual([1, 2, 3, 4]);
  });

  it('accepts mixed line ends in one file', () => {
    expect(linesOf(scanAllChunkings('a\r\nb\nc\rd'))).toEqual([1, 2, 3, 4]);
    expect(fieldsOf(scanAllChunkings('a\r\nb\nc\rd'))).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('makes no extra record for a trailing newline and reads a last line without one', () => {
    expect(fieldsOf(scanAllChunkings('a,b\n1,2\n'))).toHaveLength(2);
    expect(fieldsOf(scanAllChunkings('a,b\n1,2'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf(scanAllChunkings('a,b\n1,"2"'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('drops blank lines at the end but reports blank lines followed by data', () => {
    const records = scanAllChunkings('a\n1\n\n\n2\n\r\n\n');
    expect(records).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: ['1'] },
      { line: 3, fields: [] },
      { line: 4, fields: [] },
      { line: 5, fields: ['2'] },
    ]);
  });

  it('keeps a trailing delimiter as a final null field', () => {
    expect(fieldsOf(scanAllChunkings('a,b,\n1,2,\n1,2,'))).toEqual([
      ['a', 'b', null],
      ['1', '2', null],
      ['1', '2', null],
    ]);
  });

  it('treats a quote inside an unquoted field as text', () => {
    expect(fieldsOf(scanAllChunkings('a"b,c""d\n'))).toEqual([['a"b', 'c""d']]);
  });

  it('keeps text after a closing quote verbatim (lenient, like Python csv)', () => {
    expect(fieldsOf(scanAllChunkings('"ab"cd,"x""y"z\n'))).toEqual([['abcd', 'x"yz']]);
  });

  it('uses the configured delimiter only', () => {
    expect(fieldsOf(scanAllChunkings('a;b,c\t|d\n', ';'))).toEqual([['a', 'b,c\t|d']]);
    expect(fieldsOf(scanAllChunkings('a\tb,c\n', '\t'))).toEqual([['a', 'b,c']]);
    expect(fieldsOf(scanAllChunkings('a|"b|c"\n', '|'))).toEqual([['a', 'b|c']]);
  });

  it('passes multi-byte UTF-8 through even when a chunk splits a character', () => {
    expect(fieldsOf(scanAllChunkings('名前,€\n"ʤ,é",😀\n'))).toEqual([
      ['名前', '€'],
      ['ʤ,é', '😀'],
    ]);
  });

  it('handles a record much longer than the chunks', () => {
    const long = 'x'.repeat(100_000);
    const text = `a,b\n"${long}\n${long}",${long}\n1,2\n`;
    const [, row, last] = scan(text, 4096);
    expect(row!.fields).toEqual([`${long}\n${long}`, long]);
    expect(row!.line).toBe(2);
    expect(last).toEqual({ line: 4, fields: ['1', '2'] });
  });
});

describe('CsvScanner line numbers', () => {
  it('reports a multi-line record at its first line and counts its lines', () => {
    const text = 'h\n"a\nb\r\nc\rd"\ne\n';
    expect(scanAllChunkings(text)).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, fields: ['a\nb\r\nc\rd'] },
      { line: 6, fields: ['e'] },
    ]);
  });

  it('counts CRLF once when the CR and LF fall in different chunks', () => {
    const text = 'a\r\nb\r\n"c\r\nd"\r\ne\r\n';
    for (const size of [1, 2, 3]) expect(linesOf(scan(text, size))).toEqual([1, 2, 3, 5]);
  });
});

describe('CsvScanner unterminated quotes', () => {
  function unterminated(text: string, chunkSize: number): CsvError {
    try {
      scan(text, chunkSize);
    } catch (error) {
      if (error instanceof CsvError) return error;
      throw error;
    }
    throw new Error('expected an unterminated quote error');
  }

  it.each(CHUNK_SIZES)('reports the line and column where the quote opens (chunk size %i)', (size) => {
    const error = unterminated('a,b,c\n1,2,3\nxy,"open field\nmore\nlines', size);
    expect(error.code).toBe('CSV_UNTERMINATED_QUOTE');
    expect(error.details.line).toBe(3);
    expect(error.details.columnNumber).toBe(4);
    expect(error.message).toBe(
      'test.csv line 3, column 4: unterminated quote (the quoted field opened here never closes)',
    );
  });

  it('counts characters, not bytes, for the column', () => {
    const error = unterminated('h1,h2\néé,"x', 1);
    expect(error.details).toMatchObject({ line: 2, columnNumber: 4 });
  });

  it('finds a quote opened after embedded line breaks in the same record', () => {
    const error = unterminated('h1,h2\n"a\nb","c\n', 2);
    expect(error.details).toMatchObject({ line: 3, columnNumber: 4 });
  });

  it('reports a quote whose closing quote is followed by nothing but an escaped quote', () => {
    const error = unterminated('a\n"x""', 1);
    expect(error.details).toMatchObject({ line: 2, columnNumber: 1 });
  });
});
