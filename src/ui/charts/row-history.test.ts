import { describe, expect, it } from 'vitest';
import type { RowHistory } from '../../protocol/dto';
import { columnHistories, historySentence } from './row-history';

const version = (v: number, values: RowHistory['versions'][number]['values'], changed: string[] = []) => ({
  version: v,
  committedAt: 0,
  operation: 'append' as const,
  present: values !== null,
  position: values === null ? null : 0,
  values,
  changed,
});

const history: RowHistory = {
  column: 'sku',
  columns: [
    { name: 'sku', type: 'string', nullable: false },
    { name: 'qty', type: 'int64', nullable: true },
  ],
  versions: [
    version(0, null),
    version(1, ['B2', 7n]),
    version(2, ['B2', 7n]),
    version(3, ['B2', 70n], ['qty']),
    version(4, ['B2', null], ['qty']),
  ],
};

describe('row history', () => {
  it('merges versions with the same value into runs, a change starting a new run', () => {
    const [sku, qty] = columnHistories(history);
    expect(sku!.runs.map((r) => [r.first, r.last, r.text])).toEqual([
      [0, 0, undefined],
      [1, 4, 'B2'],
    ]);
    expect(qty!.runs.map((r) => [r.first, r.last, r.text, r.changed])).toEqual([
      [0, 0, undefined, false],
      [1, 2, '7', false],
      [3, 3, '70', true],
      [4, 4, null, true],
    ]);
    expect(qty!.series).toEqual([null, 7, 7, 70, null]);
    expect(sku!.series).toBeNull();
  });

  it('says where the row is and where it changed', () => {
    expect(historySentence(history, 'B2')).toBe('In 4 of 5 versions; changed in v3 (qty), v4 (qty).');
    expect(historySentence({ ...history, versions: [version(0, null)] }, 'Z9')).toBe(
      'No row with sku = Z9 in any version.',
    );
  });
});
