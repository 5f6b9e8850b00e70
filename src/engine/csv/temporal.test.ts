import { describe, expect, it } from 'vitest';
import { MS_PER_DAY, daysFromCivil, parseDateDays, parseTimestampMs } from './temporal';

const encoder = new TextEncoder();

/** Parses `text` placed inside other bytes, so a parser that reads past its range would be caught. */
function inContext(text: string): [Uint8Array, number, number] {
  const bytes = encoder.encode(`:${text}0`);
  return [bytes, 1, bytes.length - 1];
}

const date = (text: string) => parseDateDays(...inContext(text));
const timestamp = (text: string) => parseTimestampMs(...inContext(text));

describe('daysFromCivil', () => {
  it('agrees with Date.UTC across centuries, leap days and before the epoch', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [1969, 12, 31],
      [2000, 2, 29],
      [1900, 3, 1],
      [2024, 12, 31],
      [1, 1, 1],
      [9999, 12, 31],
      [1600, 2, 29],
    ] as const) {
      // setUTCFullYear, unlike Date.UTC, does not map years below 100 to 19xx.
      const expected = new Date(0).setUTCFullYear(y, m - 1, d);
      expect(daysFromCivil(y, m, d) * MS_PER_DAY, `${y}-${m}-${d}`).toBe(expected);
    }
  });
});

describe('parseDateDays', () => {
  it('reads YYYY-MM-DD as days since 1970-01-01', () => {
    expect(date('1970-01-01')).toBe(0);
    expect(date('1970-01-02')).toBe(1);
    expect(date('1969-12-31')).toBe(-1);
    expect(date('2024-02-29')).toBe(Date.UTC(2024, 1, 29) / MS_PER_DAY);
    expect(date('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / MS_PER_DAY);
  });

  it('rejects impossible calendar dates', () => {
    for (const text of [
      '2023-02-29',
      '1900-02-29',
      '2024-13-01',
      '2024-00-10',
      '2024-04-31',
      '2024-01-00',
      '2024-01-32',
    ]) {
      expect(date(text), text).toBeNaN();
    }
  });

  it('rejects other shapes', () => {
    for (const text of [
      '2024-1-01',
      '24-01-01',
      '2024/01/01',
      '20240101',
      '2024-01-01 ',
      'x2024-01-1',
      '2024-01-01T00:00',
    ]) {
      expect(date(text), text).toBeNaN();
    }
  });

  it('rejects an invalid date right after a valid one with the same digits elsewhere', () => {
    // The last-date cache must not accept 2023-17-05 after 2024-01-05.
    expect(date('2024-01-05')).not.toBeNaN();
    expect(date('2023-17-05')).toBeNaN();
    expect(date('2024-01-05')).toBe(Date.UTC(2024, 0, 5) / MS_PER_DAY);
  });
});

describe('parseTimestampMs', () => {
  it('reads ISO 8601 and the space-separated form, as UTC when no offset is given', () => {
    expect(timestamp('2024-01-02T03:04')).toBe(Date.UTC(2024, 0, 2, 3, 4));
    expect(timestamp('2024-01-02T03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(timestamp('2024-01-02T03:04:05.678')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(timestamp('2024-01-02T03:04:05Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(timestamp('2024-01-02 03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    expect(timestamp('2024-01-02 03:04:05.5')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 500));
    expect(timestamp('2024-01-02t03:04:05z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
  });

  it('applies offsets', () => {
    expect(timestamp('2024-01-02T03:04:05+01:00')).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(timestamp('2024-01-02T03:04:05-05:30')).toBe(Date.UTC(2024, 0, 2, 8, 34, 5));
    expect(timestamp('2024-01-02T03:04+0200')).toBe(Date.UTC(2024, 0, 2, 1, 4));
    expect(timestamp('2024-01-01T00:30:00.250+01:00')).toBe(Date.UTC(2023, 11, 31, 23, 30, 0, 250));
  });

  it('truncates fractions below a millisecond', () => {
    expect(timestamp('2024-01-02T03:04:05.123456789')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 123));
    expect(timestamp('1969-12-31T23:59:59.9999')).toBe(-1);
  });

  it('reads a bare date as midnight UTC', () => {
    expect(timestamp('2024-03-01')).toBe(Date.UTC(2024, 2, 1));
  });

  it('agrees with Date.parse on a spread of instants', () => {
    for (let ms = Date.UTC(1950, 0, 1); ms < Date.UTC(2050, 0, 1); ms += 987_654_321_123) {
      const iso = new Date(ms).toISOString();
      expect(timestamp(iso), iso).toBe(ms);
      expect(timestamp(iso.replace('T', ' ').replace('Z', '')), iso).toBe(ms);
    }
  });

  it('rejects out-of-range fields and malformed text', () => {
    for (const text of [
      '2024-01-02T24:00:00',
      '2024-01-02T23:60:00',
      '2024-01-02T23:59:60',
      '2024-02-30T00:00:00',
      '2024-01-02T03:04:05+24:00',
      '2024-01-02T03:04:05+01:60',
      '2024-01-02T03',
      '2024-01-02T03:4',
      '2024-01-02T03:04:5',
      '2024-01-02T03:04:05.',
      '2024-01-02T03:04:05.1234567890',
      '2024-01-02T03:04:05+01',
      '2024-01-02T03:04:05+01:0',
      '2024-01-02T03:04:05 Z',
      '2024-01-02X03:04:05',
      '2024-01-02T03:04:05ZZ',
      '2024-01-02T',
    ]) {
      expect(timestamp(text), text).toBeNaN();
    }
  });
});
