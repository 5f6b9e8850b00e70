// The app runs under `script-src 'self'` without 'unsafe-eval' (vite.config.ts): no portability path may generate
// code. Here in Node, `Function` and `eval` are trapped; portability.browser.test.ts repeats this under a real CSP.
import { vectorFromArray } from 'apache-arrow';
import avsc from 'avsc';
import { describe, expect, it } from 'vitest';
import { withoutEval } from './csp-trap';
import { MANIFEST_ENTRY_SCHEMA, MANIFEST_FILE_SCHEMA } from './iceberg/avro-schemas';
import { portabilityScenario } from './scenario';

describe('no code generation (Content-Security-Policy without unsafe-eval)', () => {
  it('the trap catches code generators: avsc compiles its manifest codecs, arrow its string vectors', async () => {
    const avro = await withoutEval(async () => avsc.Type.forSchema(MANIFEST_FILE_SCHEMA as avsc.Schema));
    expect(avro.error).toBeInstanceOf(EvalError);
    expect(avro.attempts.length).toBeGreaterThan(0);
    const entry = await withoutEval(async () => avsc.Type.forSchema(MANIFEST_ENTRY_SCHEMA as avsc.Schema));
    expect(entry.error).toBeInstanceOf(EvalError);
    const arrow = await withoutEval(async () => vectorFromArray(['a', 'b']));
    expect(arrow.attempts.length).toBeGreaterThan(0);
  });

  it('backup, restore, Parquet export, Iceberg export and import never call Function or eval', async () => {
    const { result, error, attempts } = await withoutEval(portabilityScenario);
    expect(error).toBeUndefined();
    expect(attempts).toEqual([]);
    expect(result).toMatchObject({
      restoredIdentical: true,
      parquetIdentical: true,
      importedIdentical: true,
      versions: 3,
    });
  });
});
