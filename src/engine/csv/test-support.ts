/**
 * Test helpers for the CSV reader (imported by *.test.ts only).
 */
import type { RecordBatch } from 'apache-arrow';
import type { ColumnType, Schema } from '../model/schema';
import { CsvError } from './errors';
import { parseCsv } from './parse';
import type { ByteSource, ParseOptions } from './types';

/** A ByteSource over fixed bytes (or UTF-8 text) whose stream yields chunks of `chunkSize` bytes. */
export function memorySource(content: Uint8Array | string, chunkSize = 64 * 1024): ByteSource {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    size: bytes.length,
    stream() {
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (offset >= bytes.length) {
            controller.close();
            return;
          }
          // A copy, as a real stream would hand out fresh buffers.
          controller.enqueue(bytes.slice(offset, offset + chunkSize));
          offset += chunkSize;
        },
      });
    },
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** Every row of the batches as an array of JS values (Int64 and timestamps as bigint, dates as epoch ms). */
export function rowsOf(batches: readonly RecordBatch[]): unknown[][] {
  const rows: unknown[][] = [];
  for (const batch of batches) {
    for (let r = 0; r < batch.numRows; r++) {
      const row: unknown[] = [];
      for (let c = 0; c < batch.numCols; c++) row.push(batch.getChildAt(c)!.get(r));
      rows.push(row);
    }
  }
  return rows;
}

/** A schema of the given column names, all of one type. */
export function schemaOf(names: readonly string[], type: ColumnType = 'string', nullable = true): Schema {
  return { fields: names.map((name) => ({ name, type, nullable })) };
}

/** Captures the error a promise rejects with (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

/** All batches of `text` parsed with `options`, read in chunks of `chunkSize` bytes. */
export async function parseText(
  text: string | Uint8Array,
  options: ParseOptions,
  chunkSize = 65536,
): Promise<RecordBatch[]> {
  return collect(parseCsv(memorySource(text, chunkSize), options));
}

/** The CsvError parsing `text` fails with (anything else is rethrown). */
export async function parseTextError(text: string, options: ParseOptions): Promise<CsvError> {
  const error = await rejection(parseText(text, options));
  if (!(error instanceof CsvError)) throw error;
  return error;
}
