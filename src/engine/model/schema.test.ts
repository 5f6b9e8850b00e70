import { describe, expect, it } from 'vitest';
import { isColumnType, sameSchema } from './schema';

describe('schema', () => {
  it('recognises column types', () => {
    expect(isColumnType('int64')).toBe(true);
    expect(isColumnType('int32')).toBe(false);
  });
  it('compares schemas field by field', () => {
    const a = { fields: [{ name: 'a', type: 'int64', nullable: false }] } as const;
    expect(sameSchema(a, a)).toBe(true);
    expect(sameSchema(a, { fields: [{ name: 'a', type: 'int64', nullable: true }] })).toBe(false);
  });
});
