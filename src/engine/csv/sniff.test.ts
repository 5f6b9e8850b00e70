import { describe, expect, it } from 'vitest';
import { CsvError } from './errors';
import { sniffCsv } from './sniff';
import { memorySource, rejection } from './test-support';

function utf16(text: string, littleEndian: boolean): Uint8Array {
  const units = `\ufeff${text}`;
  const bytes = new Uint8Array(units.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < units.length; i++) view.setUint16(i * 2, units.charCodeAt(i), littleEndian);
  return bytes;
}

const typesOf = (preview: Awaited<ReturnType<typeof sniffCsv>>) => preview.columns.map((c) => c.type);

describe('sniffCsv dialect', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n4,5,6\n'],
    [';', 'a;b;c\n1,5;2,5;3\n4;5;6\n'],
    ['\t', 'a\tb\tc\n1,2\t3;4\t5\n'],
    ['|', 'a|b|c\n1|2|3\n'],
  ] as const)('detects %j', async (delimiter, text) => {
    const preview = await sniffCsv(memorySource(text));
    expect(preview.dialect).toEqual({ delimiter, encoding: 'utf-8', hasBom: false });
    expect(preview.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('respects quotes when counting fields', async () => {
    const text = 'name;note\n"Doe, John";"a, b, c"\n"Roe, Jane";"x, y"\n';
    expect((await sniffCsv(memorySource(text))).dialect.delimiter).toBe(';');
  });

  it('falls back to comma for a single-column file, and obeys a given delimiter', async () => {
    expect((await sniffCsv(memorySource('value\n1\n2\n'))).dialect.delimiter).toBe(',');
    const forced = await sniffCsv(memorySource('a,b;c\n1,2;3\n'), { delimiter: ';' });
    expect(forced.columns.map((c) => c.name)).toEqual(['a,b', 'c']);
  });

  it('strips a UTF-8 BOM and reports it', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('id,name\n1,x\n')]);
    const preview = await sniffCsv(memorySource(bytes, 1));
    expect(preview.dialect).toEqual({ delimiter: ',', encoding: 'utf-8', hasBom: true });
    expect(preview.columns[0]!.name).toBe('id');
  });

  it.each([
    ['utf-16le', true],
    ['utf-16be', false],
  ] as const)('reads %s with a BOM', async (encoding, littleEndian) => {
    const preview = await sniffCsv(memorySource(utf16('nom;prix\ncafé;2,5\nthé;3\n', littleEndian), 3));
    expect(preview.dialect).toEqual({ delimiter: ';', encoding, hasBom: true });
    expect(preview.rows).toEqual([
      ['café', '2,5'],
      ['thé', '3'],
    ]);
  });

  it('falls back to windows-1252 for text that is not UTF-8', async () => {
    // "prix,nom\n5€,café\n" in windows-1252: 0x80 is €, 0xE9 is é.
    const bytes = Uint8Array.from(
      [...'prix,nom\n5'].map((c) => c.charCodeAt(0)).concat([0x80, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
    );
    const preview = await sniffCsv(memorySource(bytes));
    expect(preview.dialect.encoding).toBe('windows-1252');
    expect(preview.rows).toEqual([['5€', 'café']]);
  });
});

describe('sniffCsv columns', () => {
  it('infers types and nullability from the sample', async () => {
    const text = [
      'id,flag,price,day,at,label,empty',
      '1,true,1.5,2024-01-01,2024-01-01 10:00:00,x,',
      '2,false,,2024-01-02,2024-01-01T10:00:00Z,y,',
      '3,TRUE,2,2024-01-03,2024-01-01T10:00+02:00,"",',
    ].join('\n');
    const preview = await sniffCsv(memorySource(text));
    expect(preview.columns).toEqual([
      { name: 'id', originalName: 'id', type: 'int64', nullable: false },
      { name: 'flag', originalName: 'flag', type: 'bool', nullable: false },
      { name: 'price', originalName: 'price', type: 'float64', nullable: true },
      { name: 'day', originalName: 'day', type: 'date', nullable: false },
      { name: 'at', originalName: 'at', type: 'timestamp', nullable: false },
      { name: 'label', originalName: 'label', type: 'string', nullable: true },
      { name: 'empty', originalName: 'empty', type: 'string', nullable: true },
    ]);
    expect(preview.sampledRows).toBe(3);
    expect(preview.sampleIsWholeFile).toBe(true);
    expect(preview.rows[2]).toEqual(['3', 'TRUE', '2', '2024-01-03', '2024-01-01T10:00+02:00', '', null]);
  });

  it('keeps __proto__, constructor and toString as ordinary names', async () => {
    const preview = await sniffCsv(memorySource('__proto__,constructor,toString\n1,2,3\n'));
    expect(preview.columns.map((c) => [c.name, c.type])).toEqual([
      ['__proto__', 'int64'],
      ['constructor', 'int64'],
      ['toString', 'int64'],
    ]);
    expect(preview.notices).toEqual([]);
  });

  it('renames duplicate and empty header names with notices', async () => {
    const preview = await sniffCsv(memorySource('a,a,,b,a\n1,2,3,4,5\n'));
    expect(preview.columns.map((c) => [c.name, c.originalName])).toEqual([
      ['a', 'a'],
      ['a_2', 'a'],
      ['column_3', ''],
      ['b', 'b'],
      ['a_3', 'a'],
    ]);
    expect(preview.notices).toEqual([
      'Duplicate column name "a" on line 1 renamed to "a_2"',
      'Empty column name at position 3 renamed to "column_3"',
      'Duplicate column name "a" on line 1 renamed to "a_3"',
    ]);
  });

  it('limits preview rows but infers from the whole sample', async () => {
    const text = `n\n${Array.from({ length: 30 }, (_, i) => i).join('\n')}\n1.5\n`;
    const preview = await sniffCsv(memorySource(text), { previewRows: 2 });
    expect(preview.rows).toEqual([['0'], ['1']]);
    expect(preview.sampledRows).toBe(31);
    expect(preview.columns[0]!.type).toBe('float64');
  });

  it('uses only complete records of a partial sample', async () => {
    const text = 'a,b\n1,x\n2,y\n3,"a long value that the sample cuts"\n';
    const preview = await sniffCsv(memorySource(text, 4), { sampleBytes: 20 });
    expect(preview.sampleIsWholeFile).toBe(false);
    expect(preview.sampledRows).toBe(2);
    expect(preview.rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
  });

  it('reads more when the header line is longer than the sample', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `column_name_${i}`);
    const preview = await sniffCsv(memorySource(`${names.join(',')}\n${names.map((_, i) => i).join(',')}\n`), {
      sampleBytes: 64,
    });
    expect(preview.columns.map((c) => c.name)).toEqual(names);
  });

  it('counts blank lines as null rows only in a one-column file', async () => {
    const one = await sniffCsv(memorySource('v\n1\n\n2\n\n'));
    expect(one.rows).toEqual([['1'], [null], ['2']]);
    expect(one.columns[0]).toMatchObject({ type: 'int64', nullable: true });
    const two = await sniffCsv(memorySource('v,w\n1,2\n\n3,4\n'));
    expect(two.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
});

describe('sniffCsv problems', () => {
  it('lists ragged lines of the sample', async () => {
    const preview = await sniffCsv(memorySource('a,b,c\n1,2,3\n1,2\n1,2,3,4\n"x\ny",2,3\n'));
    expect(preview.problems).toEqual([
      { kind: 'ragged', line: 3, message: 'Line 3 has 2 fields, expected 3' },
      { kind: 'ragged', line: 4, message: 'Line 4 has 4 fields, expected 3' },
    ]);
    expect(preview.rows[1]).toEqual(['1', '2', null]);
    expect(preview.columns.map((c) => c.type)).toEqual(['string', 'int64', 'int64']);
  });

  it('stops listing ragged lines after ten', async () => {
    const text = `a,b\n${'1\n'.repeat(15)}`;
    const preview = await sniffCsv(memorySource(text));
    expect(preview.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });

  it('flags a mostly numeric column that a few values keep as string', async () => {
    const values = Array.from({ length: 30 }, (_, i) => (i === 17 ? 'n/a' : `${i}.25`));
    const preview = await sniffCsv(memorySource(`price\n${values.join('\n')}\n`));
    expect(typesOf(preview)).toEqual(['string']);
    expect(preview.problems).toEqual([
      {
        kind: 'type',
        line: 19,
        column: 'price',
        value: 'n/a',
        message:
          'Column "price" looks like float64 (29 of 30 values), but line 19 has "n/a", so it will be read as string',
      },
    ]);
  });
});

describe('sniffCsv errors', () => {
  it('rejects an empty file or one with only blank lines or a BOM', async () => {
    for (const content of ['', '\n\n\r\n', Uint8Array.of(0xef, 0xbb, 0xbf)]) {
      const error = await rejection(sniffCsv(memorySource(content)));
      expect(error).toBeInstanceOf(CsvError);
      expect((error as CsvError).code).toBe('CSV_EMPTY');
    }
  });

  it('reports an unterminated quote when the whole file was sampled', async () => {
    const error = (await rejection(sniffCsv(memorySource('a,b\n1,"oops\n2,3\n')))) as CsvError;
    expect(error.code).toBe('CSV_UNTERMINATED_QUOTE');
    expect(error.details).toMatchObject({ line: 2, columnNumber: 3, column: 'b' });
  });
});
