import { describe, expect, it } from 'vitest';
import type { Schema } from '../model/schema';
import { CsvError } from './errors';
import { parseText, parseTextError, rejection, rowsOf, schemaOf } from './test-support';

describe('parseCsv errors', () => {
  const fileName = 'prices.csv';

  it('names line, column and value for a type mismatch', async () => {
    const text = 'date,close\n2024-01-01,1.5\n2024-01-02,"multi\nline"\n2024-01-03,abc\n';
    const schema: Schema = {
      fields: [
        { name: 'date', type: 'date', nullable: false },
        { name: 'close', type: 'float64', nullable: false },
      ],
    };
    const error = await parseTextError(text.replace('"multi\nline"', '2'), { schema, fileName });
    expect(error.code).toBe('CSV_TYPE_MISMATCH');
    expect(error.message).toBe('prices.csv line 4, column "close": "abc" is not a float64 number');
    expect(error.details).toEqual({ fileName, line: 4, column: 'close', value: 'abc', expected: 'float64' });

    const multiLine = await parseTextError(text, { schema, fileName, batchRows: 1 });
    expect(multiLine.details).toMatchObject({ line: 3, value: 'multi\nline' });
  });

  it.each([
    ['bool', 'maybe', 'a bool (true or false)'],
    ['int64', '1.5', 'an int64 integer'],
    ['date', '2023-02-29', 'a date (YYYY-MM-DD)'],
    ['timestamp', '2024-01-01 25:00:00', 'a timestamp (YYYY-MM-DD HH:MM:SS or ISO 8601)'],
  ] as const)('explains what a %s value must look like', async (type, value, description) => {
    const error = await parseTextError(`x\n${value}\n`, { schema: schemaOf(['x'], type), fileName });
    expect(error.message).toBe(`prices.csv line 2, column "x": "${value}" is not ${description}`);
  });

  it('says when an integer does not fit in int64', async () => {
    const error = await parseTextError('n\n9223372036854775808\n', { schema: schemaOf(['n'], 'int64'), fileName });
    expect(error.code).toBe('CSV_TYPE_MISMATCH');
    expect(error.message).toContain('"9223372036854775808" does not fit in an int64');
  });

  it('reports a missing value in a required column', async () => {
    const schema: Schema = {
      fields: [
        { name: 'a', type: 'int64', nullable: true },
        { name: 'x', type: 'string', nullable: false },
      ],
    };
    const error = await parseTextError('a,x\n1,y\n2,z\n3,w\n4,\n', { schema, fileName });
    expect(error.code).toBe('CSV_TYPE_MISMATCH');
    expect(error.message).toBe('prices.csv: column "x" is required but line 5 has no value');
    expect(error.details).toMatchObject({ line: 5, column: 'x' });
    // An empty quoted string is a value for a string column, but not for a number.
    expect(rowsOf(await parseText('a,x\n1,""\n', { schema }))).toEqual([[1n, '']]);
    expect(rowsOf(await parseText('a,x\n"",y\n', { schema }))).toEqual([[null, 'y']]);
  });

  it('reports an unterminated quote where it opens', async () => {
    const text = 'id,name,close\n1,a,2\n2,b,3\n3,"never closed,4\n4,d,5\n';
    for (const chunkSize of [1, 7, 65536]) {
      const error = await rejection(
        parseText(text, { schema: schemaOf(['id', 'name', 'close']), fileName }, chunkSize),
      );
      expect(error).toBeInstanceOf(CsvError);
      expect((error as CsvError).message).toBe(
        'prices.csv line 4, column 3: unterminated quote (the quoted field opened here never closes)',
      );
      expect((error as CsvError).details).toMatchObject({ line: 4, columnNumber: 3, column: 'name' });
    }
  });

  it('lists the first ragged lines, up to ten', async () => {
    const lines = ['a,b,c'];
    for (let line = 2; line <= 40; line++) lines.push(line % 3 === 0 ? '1,2' : '1,2,3');
    const error = await parseTextError(lines.join('\n'), { schema: schemaOf(['a', 'b', 'c']), fileName });
    expect(error.code).toBe('CSV_RAGGED_ROWS');
    expect(error.details.lines).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30]);
    expect(error.message).toBe(
      'prices.csv has rows with the wrong number of fields: lines 3, 6, 9, 12, 15, 18, 21, 24, 27, 30 (expected 3 fields)',
    );
  });

  it('reports ragged lines found before the end of the file or of the next batch', async () => {
    const text = 'a,b\n1,2\n3\n4,5\n6,7,8\n"x\ny",9\n10\n';
    const error = await parseTextError(text, { schema: schemaOf(['a', 'b']), fileName });
    expect(error.details.lines).toEqual([3, 5, 8]);
    expect(error.details.expected).toBe('2 fields');
    const early = await parseTextError(text, { schema: schemaOf(['a', 'b']), batchRows: 2 });
    expect(early.details.lines).toEqual([3, 5]);
    expect(early.message).toBe('The file has rows with the wrong number of fields: lines 3, 5 (expected 2 fields)');
  });

  it('pads short rows with nulls and drops extra fields with ragged: pad', async () => {
    const rows = rowsOf(
      await parseText('a,b,c\n1\n1,2,3,4\n1,2,3\n', { schema: schemaOf(['a', 'b', 'c'], 'int64'), ragged: 'pad' }),
    );
    expect(rows).toEqual([
      [1n, null, null],
      [1n, 2n, 3n],
      [1n, 2n, 3n],
    ]);
  });

  it('drops ragged rows with ragged: skip', async () => {
    const rows = rowsOf(
      await parseText('a,b\n1\n2,3\n4,5,6\n7,8\n', { schema: schemaOf(['a', 'b'], 'int64'), ragged: 'skip' }),
    );
    expect(rows).toEqual([
      [2n, 3n],
      [7n, 8n],
    ]);
  });

  it('still requires values when padding a required column', async () => {
    const schema: Schema = {
      fields: [
        { name: 'a', type: 'int64', nullable: false },
        { name: 'b', type: 'int64', nullable: false },
      ],
    };
    const error = await parseTextError('a,b\n1,2\n3\n', { schema, ragged: 'pad' });
    expect(error.message).toBe('Column "b" is required but line 3 has no value');
  });

  it('rejects an empty file', async () => {
    const error = await parseTextError('', { schema: schemaOf(['a']), fileName });
    expect(error.code).toBe('CSV_EMPTY');
    expect(error.message).toBe('prices.csv is empty: there is no header line');
  });

  it('rejects text that is not valid UTF-8 in a UTF-8 file', async () => {
    const bytes = Uint8Array.from([...'a,b\n1,ok\n2,caf'].map((c) => c.charCodeAt(0)).concat([0xe9, 0x0a]));
    const error = await rejection(
      parseText(bytes, { schema: schemaOf(['a', 'b']), dialect: { delimiter: ',', encoding: 'utf-8' }, fileName }),
    );
    expect(error).toBeInstanceOf(CsvError);
    expect((error as CsvError).code).toBe('CSV_ENCODING');
    expect((error as CsvError).details).toMatchObject({ line: 3, column: 'b' });
  });

  it('rejects a schema with a different number of columns than the header', async () => {
    await expect(parseText('a,b\n1,2\n', { schema: schemaOf(['a']) })).rejects.toThrow(
      /has 2 columns but the schema has 1/,
    );
  });
});
