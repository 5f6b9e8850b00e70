import { describe, expect, it } from 'vitest';
import { mergeRanges, tickText, valueText } from './axis';

describe('mergeRanges', () => {
  it('merges ranges closer than the gap, so a chart gets at most one band per few pixels', () => {
    const every = Array.from({ length: 1000 }, (_, i) => ({ x0: i * 2, x1: i * 2 }));
    expect(mergeRanges(every, 2)).toEqual([{ x0: 0, x1: 1998 }]);
    expect(mergeRanges(every, 1)).toHaveLength(1000);
    expect(
      mergeRanges(
        [
          { x0: 0, x1: 5 },
          { x0: 6, x1: 8 },
          { x0: 20, x1: 20 },
        ],
        1,
      ),
    ).toEqual([
      { x0: 0, x1: 8 },
      { x0: 20, x1: 20 },
    ]);
  });
});

describe('axis text', () => {
  const day = Date.UTC(2024, 0, 2, 8, 0);
  it('reads times in UTC, with the date only over long spans', () => {
    expect(tickText('timestamp', day, 3600_000)).toBe('01-02 08:00');
    expect(tickText('timestamp', day, 30 * 24 * 3600_000)).toBe('2024-01-02');
    expect(valueText('timestamp', day)).toBe('2024-01-02 08:00:00');
  });
  it('compacts large numbers on axes only', () => {
    expect(tickText('int64', 205_000, 0)).toBe('205K');
    expect(valueText('float64', 205_000.5)).toBe('205,000.5');
  });
});
