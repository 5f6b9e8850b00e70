import { describe, expect, it } from 'vitest';
import { nextChange, type RowStops } from './navigation';

// Row 0: changed in cells 1 and 3; row 1: added; row 2: changed in cell 0; row 3: not loaded yet.
const rows: (RowStops | undefined)[] = [
  { kind: 'changed', changedCells: [1, 3] },
  { kind: 'added', changedCells: [] },
  { kind: 'changed', changedCells: [0] },
  undefined,
];
const at = (r: number) => rows[r];

describe('nextChange', () => {
  it('walks every changed cell, then the next row; an added row is one stop', () => {
    const stops = [];
    let cursor = nextChange(null, 1, 4, at);
    for (let i = 0; i < 6 && cursor; i++) {
      stops.push(cursor);
      cursor = nextChange(cursor, 1, 4, at);
    }
    expect(stops).toEqual([
      { row: 0, cell: 1 },
      { row: 0, cell: 3 },
      { row: 1, cell: null },
      { row: 2, cell: 0 },
      { row: 3, cell: null }, // not loaded: the row itself
      { row: 3, cell: null }, // the last stop stays put
    ]);
  });

  it('walks back the same way, ending on the first row', () => {
    expect(nextChange({ row: 2, cell: 0 }, -1, 4, at)).toEqual({ row: 1, cell: null });
    expect(nextChange({ row: 1, cell: null }, -1, 4, at)).toEqual({ row: 0, cell: 3 });
    expect(nextChange({ row: 0, cell: 3 }, -1, 4, at)).toEqual({ row: 0, cell: 1 });
    expect(nextChange({ row: 0, cell: 1 }, -1, 4, at)).toEqual({ row: 0, cell: 1 });
    expect(nextChange(null, -1, 4, at)).toEqual({ row: 3, cell: null });
  });

  it('from a row as a whole, Next goes to its first changed cell', () => {
    expect(nextChange({ row: 0, cell: null }, 1, 4, at)).toEqual({ row: 0, cell: 1 });
    expect(nextChange(null, 1, 0, at)).toBeNull();
  });
});
