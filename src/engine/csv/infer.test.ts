import { describe, expect, it } from 'vitest';
import { ColumnTypeInference, inferType } from './infer';

describe('inferType', () => {
  it('recognises each type', () => {
    expect(inferType(['true', 'FALSE', 'True'])).toEqual({ type: 'bool', nullable: false });
    expect(inferType(['1', '-2', '+3', '-0'])).toEqual({ type: 'int64', nullable: false });
    expect(inferType(['1.5', '-2e10', 'NaN', 'Infinity', '-Infinity'])).toEqual({ type: 'float64', nullable: false });
    expect(inferType(['2024-01-01', '1999-12-31'])).toEqual({ type: 'date', nullable: false });
    expect(inferType(['2024-01-01T10:00', '2024-01-01 10:00:00.123', '2024-01-01T10:00:00+02:00'])).toEqual({
      type: 'timestamp',
      nullable: false,
    });
    expect(inferType(['abc', '1'])).toEqual({ type: 'string', nullable: false });
  });

  it('ignores nulls but records them as nullable', () => {
    expect(inferType([null, '1', ''])).toEqual({ type: 'int64', nullable: true });
    expect(inferType(['2024-01-01', null])).toEqual({ type: 'date', nullable: true });
  });

  it('reads an all-null or empty column as a nullable string', () => {
    expect(inferType([null, null, ''])).toEqual({ type: 'string', nullable: true });
    expect(inferType([])).toEqual({ type: 'string', nullable: true });
  });

  it('widens int and float to float64, and date and timestamp to timestamp', () => {
    expect(inferType(['1', '2.5'])).toEqual({ type: 'float64', nullable: false });
    expect(inferType(['2.5', '1'])).toEqual({ type: 'float64', nullable: false });
    expect(inferType(['2024-01-01', '2024-01-02 10:00:00'])).toEqual({ type: 'timestamp', nullable: false });
  });

  it('keeps int64 for integers beyond 2^53 that fit in 64 bits, float64 past that', () => {
    expect(inferType(['9007199254740993', '-9223372036854775808']).type).toBe('int64');
    expect(inferType(['9223372036854775808']).type).toBe('float64');
  });

  it('does not take bools, numbers or dates with mixed-in text or invalid calendar dates', () => {
    expect(inferType(['true', 'yes']).type).toBe('string');
    expect(inferType(['1', '1 ']).type).toBe('string');
    expect(inferType(['1', '0x10']).type).toBe('string');
    expect(inferType(['2024-01-01', '2023-02-29']).type).toBe('string');
    expect(inferType(['2024-01-01T25:00']).type).toBe('string');
    expect(inferType(['1', 'true']).type).toBe('string');
    expect(inferType(['2024-01-01', '5']).type).toBe('string');
  });
});

describe('ColumnTypeInference.nearMiss', () => {
  const observeAll = (values: string[]) => {
    const inference = new ColumnTypeInference();
    const encoder = new TextEncoder();
    values.forEach((value, i) => {
      const bytes = encoder.encode(value);
      inference.observe(bytes, 0, bytes.length, i + 2);
    });
    return inference;
  };

  it('points at the first value that keeps a mostly numeric column a string', () => {
    const values = Array.from({ length: 20 }, (_, i) => `${i}.5`);
    values[13] = 'n/a';
    expect(observeAll(values).nearMiss()).toEqual({ type: 'float64', value: 'n/a', line: 15, matching: 19, total: 20 });
  });

  it('prefers the narrower type when as many values match it', () => {
    const values = Array.from({ length: 20 }, (_, i) => String(i));
    values[0] = '-';
    expect(observeAll(values).nearMiss()?.type).toBe('int64');
  });

  it('stays silent for genuinely textual columns, few values, or typed columns', () => {
    expect(observeAll(Array.from({ length: 20 }, (_, i) => (i % 2 ? 'x' : '1'))).nearMiss()).toBeUndefined();
    expect(observeAll(['1', '2', 'x']).nearMiss()).toBeUndefined();
    expect(observeAll(Array.from({ length: 20 }, String)).nearMiss()).toBeUndefined();
  });
});
