import { describe, expect, it } from 'vitest';
import {
  INT64_OK,
  INT64_RANGE,
  INT64_SYNTAX,
  parseBool,
  parseFloat64Into,
  parseInt64Into,
  writeInt53,
} from './numbers';

const encoder = new TextEncoder();

/** Parses `text` placed inside other bytes, so a parser that reads past its range would be caught. */
function inContext(text: string): [Uint8Array, number, number] {
  const bytes = encoder.encode(`9${text}9`);
  return [bytes, 1, bytes.length - 1];
}

function int64(text: string): bigint | 'syntax' | 'range' {
  const values = new BigInt64Array(3).fill(-7n);
  const status = parseInt64Into(...inContext(text), new Int32Array(values.buffer), 1);
  if (status === INT64_SYNTAX) return 'syntax';
  if (status === INT64_RANGE) return 'range';
  expect(status).toBe(INT64_OK);
  expect([values[0], values[2]]).toEqual([-7n, -7n]);
  return values[1]!;
}

function float64(text: string): number | undefined {
  const out = new Float64Array(1);
  return parseFloat64Into(...inContext(text), out, 0) ? out[0] : undefined;
}

describe('parseBool', () => {
  it('reads true and false in any case', () => {
    for (const text of ['true', 'TRUE', 'True', 'tRuE']) expect(parseBool(...inContext(text))).toBe(1);
    for (const text of ['false', 'FALSE', 'False']) expect(parseBool(...inContext(text))).toBe(0);
  });

  it('rejects anything else', () => {
    for (const text of ['1', '0', 'yes', 't', 'f', 'truee', ' true', 'tru', 'fals', 'TRU\u00c9', 'trUe ']) {
      expect(parseBool(...inContext(text)), text).toBe(-1);
    }
  });
});

describe('parseInt64Into', () => {
  it('reads small integers with an optional sign', () => {
    expect(int64('0')).toBe(0n);
    expect(int64('42')).toBe(42n);
    expect(int64('+42')).toBe(42n);
    expect(int64('-42')).toBe(-42n);
    expect(int64('-0')).toBe(0n);
    expect(int64('007')).toBe(7n);
  });

  it('writes both 32-bit words correctly around the 2^31 and 2^32 boundaries', () => {
    for (const value of [2n ** 31n - 1n, 2n ** 31n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 32n + 1n, 999_999_999_999_999n]) {
      expect(int64(value.toString())).toBe(value);
      expect(int64((-value).toString())).toBe(-value);
    }
  });

  it('is exact beyond 2^53 and up to the int64 limits', () => {
    expect(int64('9007199254740993')).toBe(9007199254740993n);
    expect(int64('-9007199254740993')).toBe(-9007199254740993n);
    expect(int64('1234567890123456789')).toBe(1234567890123456789n);
    expect(int64('9223372036854775807')).toBe(9223372036854775807n);
    expect(int64('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(int64('0000000000000000000001')).toBe(1n);
  });

  it('reports values outside int64 as a range error', () => {
    expect(int64('9223372036854775808')).toBe('range');
    expect(int64('-9223372036854775809')).toBe('range');
    expect(int64('99999999999999999999999')).toBe('range');
  });

  it('rejects non-integers', () => {
    for (const text of [
      '',
      '-',
      '+',
      '1.0',
      '1e3',
      ' 1',
      '1 ',
      '--1',
      '+-1',
      '0x10',
      '1_000',
      '１',
      '12345678901234567a',
    ]) {
      expect(int64(text), JSON.stringify(text)).toBe('syntax');
    }
  });
});

describe('writeInt53', () => {
  it('round-trips through BigInt64Array', () => {
    const values = new BigInt64Array(1);
    const words = new Int32Array(values.buffer);
    for (const value of [0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1_704_067_200_000, -86_400_000]) {
      writeInt53(words, 0, value);
      expect(values[0]).toBe(BigInt(value));
    }
  });
});

describe('parseFloat64Into', () => {
  it('reads decimals, signs, exponents and the special values', () => {
    expect(float64('1')).toBe(1);
    expect(float64('-1.5')).toBe(-1.5);
    expect(float64('+2.25')).toBe(2.25);
    expect(float64('.5')).toBe(0.5);
    expect(float64('5.')).toBe(5);
    expect(float64('1e3')).toBe(1000);
    expect(float64('1E-3')).toBe(0.001);
    expect(float64('2.5e+2')).toBe(250);
    expect(float64('NaN')).toBeNaN();
    expect(float64('Infinity')).toBe(Infinity);
    expect(float64('+Infinity')).toBe(Infinity);
    expect(float64('-Infinity')).toBe(-Infinity);
  });

  it('keeps the sign of zero', () => {
    expect(Object.is(float64('-0'), -0)).toBe(true);
    expect(Object.is(float64('-0.000'), -0)).toBe(true);
    expect(Object.is(float64('0.0'), 0)).toBe(true);
  });

  it('rejects text Number() would accept but is not a decimal number', () => {
    for (const text of [
      '',
      ' ',
      '.',
      '-',
      'e5',
      '1e',
      '1e+',
      '0x10',
      '0b1',
      ' 1',
      '1 ',
      '1.2.3',
      '1,5',
      'nan',
      'inf',
    ]) {
      expect(float64(text), JSON.stringify(text)).toBeUndefined();
    }
    for (const text of ['-NaN', 'Infinityx', '1_0', '++1', '1e5.5']) expect(float64(text), text).toBeUndefined();
  });

  it('gives exactly what Number() gives, fast path or not', () => {
    const cases = [
      '0.1',
      '0.3',
      '123.456789',
      '99999.999999',
      '0.000001',
      '1.7976931348623157e308',
      '1.8e308',
      '4.9e-324',
      '2e-324',
      '9007199254740993',
      '9007199254740993.5',
      '123456789012345678901234567890',
      '3.141592653589793238462643383279',
      '1e22',
      '1e23',
      '1.5e-22',
      '12345678901234.5e-10',
      '0.1e1',
      '-0.000000000000000000000000001',
      '1e100000',
      '1e-100000',
    ];
    for (const text of cases) expect(float64(text), text).toBe(Number(text));

    // Random decimals of many shapes, including ones just past the fast path's 2^53 mantissa limit.
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 20_000; i++) {
      const digits = 1 + Math.floor(random() * 18);
      let text = '';
      for (let d = 0; d < digits; d++) text += Math.floor(random() * 10);
      const dot = Math.floor(random() * (digits + 1));
      text = `${text.slice(0, dot)}.${text.slice(dot)}`;
      if (random() < 0.3) text += `e${Math.floor(random() * 60) - 30}`;
      if (random() < 0.5) text = `-${text}`;
      expect(float64(text), text).toBe(Number(text));
    }
  });
});
