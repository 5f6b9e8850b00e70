import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse';
import { memorySource, parseText, rejection, schemaOf } from './test-support';

describe('parseCsv control', () => {
  const text = `n\n${Array.from({ length: 1000 }, (_, i) => i).join('\n')}\n`;

  it('stops with an AbortError when aborted between batches', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await rejection(
      (async () => {
        for await (const batch of parseCsv(memorySource(text, 64), {
          schema: schemaOf(['n'], 'int64'),
          batchRows: 100,
          signal: controller.signal,
        })) {
          seen.push(batch.numRows);
          controller.abort();
        }
      })(),
    );
    expect(error.name).toBe('AbortError');
    expect(seen).toEqual([100]);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('custom reason'));
    const error = await rejection(parseText(text, { schema: schemaOf(['n'], 'int64'), signal: controller.signal }));
    expect(error.name).toBe('AbortError');
  });

  it('reports progress per batch and at the end', async () => {
    const updates: { bytes: number; totalBytes: number; rows: number }[] = [];
    await parseText(
      text,
      { schema: schemaOf(['n'], 'int64'), batchRows: 400, onProgress: (p) => updates.push(p) },
      256,
    );
    const size = new TextEncoder().encode(text).length;
    // Far below 1 MiB, so only the chunks that completed a batch (rows 400 and 800) and the end report.
    expect(updates).toHaveLength(3);
    expect(updates[0]!.rows).toBeGreaterThanOrEqual(400);
    expect(updates[0]!.rows).toBeLessThan(800);
    expect(updates[1]!.rows).toBeGreaterThanOrEqual(800);
    expect(updates[1]!.bytes).toBeGreaterThan(updates[0]!.bytes);
    expect(updates[2]).toEqual({ bytes: size, totalBytes: size, rows: 1000 });
  });

  it('reports progress about once per MiB within a batch', async () => {
    const big = `n\n${'1234567\n'.repeat(400_000)}`;
    const updates: number[] = [];
    await parseText(big, {
      schema: schemaOf(['n'], 'int64'),
      batchRows: 1e6,
      onProgress: (p) => updates.push(p.bytes),
    });
    // 3.2 MB in 64 KiB chunks: an update after each MiB read, then the final one.
    expect(updates).toEqual([1 << 20, 2 << 20, 3 << 20, big.length]);
  });

  it('cancels the source stream when the consumer stops early', async () => {
    let cancelled = false;
    const source = memorySource(text, 64);
    const tracked = {
      size: source.size,
      stream: () => {
        const reader = source.stream().getReader();
        return new ReadableStream<Uint8Array>({
          pull: async (controller) => {
            const { done, value } = await reader.read();
            if (done) controller.close();
            else controller.enqueue(value);
          },
          cancel: () => {
            cancelled = true;
          },
        });
      },
    };
    for await (const batch of parseCsv(tracked, { schema: schemaOf(['n'], 'int64'), batchRows: 10 })) {
      expect(batch.numRows).toBe(10);
      break;
    }
    expect(cancelled).toBe(true);
  });
});
