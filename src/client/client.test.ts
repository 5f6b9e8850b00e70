import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../protocol/version';
import { StrataClient } from './client';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('StrataClient.latest', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

  function client() {
    const channel = new MessageChannel();
    channels.push(channel);
    const cancelled: string[] = [];
    Comlink.expose(
      {
        hello: async () => ({ protocol: PROTOCOL_VERSION }),
        cancel: async ({ requestId }: { requestId: string }) => void cancelled.push(requestId),
      },
      channel.port2,
    );
    return { client: new StrataClient(channel.port1 as unknown as Worker), cancelled };
  }

  it('drops an answer that arrives after a newer request in the lane, even if the worker did not stop', async () => {
    const { client: c, cancelled } = client();
    const slow = deferred<number>();
    const first = c.latest('grid', () => slow.promise);
    const second = c.latest('grid', async () => 2);
    slow.resolve(1);
    await expect(first).rejects.toMatchObject({ code: 'ABORTED' });
    await expect(second).resolves.toBe(2);
    await expect.poll(() => cancelled.length).toBe(1);
  });

  it('lanes are independent', async () => {
    const { client: c } = client();
    const a = c.latest('a', async () => 'a');
    const b = c.latest('b', async () => 'b');
    await expect(Promise.all([a, b])).resolves.toEqual(['a', 'b']);
  });
});
