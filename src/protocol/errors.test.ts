import * as Comlink from 'comlink';
import { describe, expect, it } from 'vitest';
import { installErrorTransfer, ProtocolError } from './errors';

class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

describe('error transfer across comlink', () => {
  it('keeps code, message and details', async () => {
    installErrorTransfer();
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(
      {
        fail() {
          throw new CodedError('CSV_TYPE_MISMATCH', 'prices.csv line 7, column "close": "abc" is not a number', {
            line: 7,
            column: 'close',
          });
        },
        abort() {
          throw Object.assign(new Error('stop'), { name: 'AbortError' });
        },
      },
      port1 as unknown as Comlink.Endpoint,
    );
    const remote = Comlink.wrap<{ fail(): void; abort(): void }>(port2 as unknown as Comlink.Endpoint);
    const error = await remote.fail().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error).toMatchObject({
      code: 'CSV_TYPE_MISMATCH',
      message: 'prices.csv line 7, column "close": "abc" is not a number',
      details: { line: 7, column: 'close' },
    });
    const aborted = await remote.abort().catch((e: unknown) => e);
    expect(aborted).toMatchObject({ code: 'ABORTED' });
    port1.close();
    port2.close();
  });
});
