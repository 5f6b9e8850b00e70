import { describe, expect, it } from 'vitest';
import { uniqueColumnNames } from './headers';

describe('uniqueColumnNames', () => {
  it('keeps distinct names verbatim, including prototype-ish ones and whitespace', () => {
    const names = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', ' spaced ', 'Ünïcode'];
    expect(uniqueColumnNames(names, 1)).toEqual({ names, notices: [] });
  });

  it('suffixes duplicates with _2, _3 and says so', () => {
    expect(uniqueColumnNames(['a', 'b', 'a', 'a'], 1)).toEqual({
      names: ['a', 'b', 'a_2', 'a_3'],
      notices: [
        'Duplicate column name "a" on line 1 renamed to "a_2"',
        'Duplicate column name "a" on line 1 renamed to "a_3"',
      ],
    });
  });

  it('skips suffixes already used anywhere in the header', () => {
    expect(uniqueColumnNames(['a', 'a', 'a_2', 'a_3'], 1).names).toEqual(['a', 'a_4', 'a_2', 'a_3']);
    expect(uniqueColumnNames(['__proto__', '__proto__'], 3)).toEqual({
      names: ['__proto__', '__proto___2'],
      notices: ['Duplicate column name "__proto__" on line 3 renamed to "__proto___2"'],
    });
  });

  it('names empty columns column_N by position, avoiding taken names', () => {
    expect(uniqueColumnNames(['x', '', 'y', ''], 1)).toEqual({
      names: ['x', 'column_2', 'y', 'column_4'],
      notices: [
        'Empty column name at position 2 renamed to "column_2"',
        'Empty column name at position 4 renamed to "column_4"',
      ],
    });
    expect(uniqueColumnNames(['column_1', ''], 1).names).toEqual(['column_1', 'column_2']);
    expect(uniqueColumnNames(['', 'column_1'], 1).names).toEqual(['column_1_2', 'column_1']);
  });
});
