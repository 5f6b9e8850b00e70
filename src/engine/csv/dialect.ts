/**
 * Dialect detection. The delimiter is the candidate for which the most sample records (quotes respected) have as many
 * fields as the header, the header having at least two; ties go to more fields, then to the order of CSV_DELIMITERS.
 */
import { createUtf8Transcoder, detectEncoding, startsWithBom } from './encoding';
import type { RecordSink } from './records';
import { CsvScanner } from './scanner';
import type { Sample } from './source';
import { CSV_DELIMITERS, type CsvDelimiter, type CsvDialect, type CsvEncoding } from './types';

/** Records examined per candidate. */
const MAX_RECORDS = 1000;

class FieldCounter implements RecordSink {
  readonly counts: number[] = [];

  record(_bytes: Uint8Array, _starts: Int32Array, _ends: Int32Array, _kinds: Uint8Array, fieldCount: number): void {
    if (this.counts.length < MAX_RECORDS) this.counts.push(fieldCount);
  }

  blankLines(): void {}
}

interface Candidate {
  delimiter: CsvDelimiter;
  /** Share of records with the header's field count. */
  consistency: number;
  fields: number;
}

function measure(delimiter: CsvDelimiter, sample: Uint8Array, sampleIsWholeFile: boolean): Candidate {
  const counter = new FieldCounter();
  const scanner = new CsvScanner(delimiter, counter);
  scanner.push(sample);
  if (sampleIsWholeFile) {
    try {
      scanner.finish();
    } catch {
      // An unterminated quote is reported when parsing; for detection the complete records suffice.
    }
  }
  const [fields = 0, ...rest] = counter.counts;
  const consistent = rest.filter((count) => count === fields).length + 1;
  return { delimiter, consistency: consistent / (rest.length + 1), fields };
}

/** The delimiter of a UTF-8 sample (BOM already removed); ',' when no candidate splits the header. */
export function detectDelimiter(sample: Uint8Array, sampleIsWholeFile: boolean): CsvDelimiter {
  let best: Candidate | undefined;
  for (const delimiter of CSV_DELIMITERS) {
    const candidate = measure(delimiter, sample, sampleIsWholeFile);
    if (candidate.fields < 2) continue;
    if (
      best === undefined ||
      candidate.consistency > best.consistency ||
      (candidate.consistency === best.consistency && candidate.fields > best.fields)
    ) {
      best = candidate;
    }
  }
  return best?.delimiter ?? ',';
}

/** A sample transcoded to UTF-8 (BOM removed), with the dialect it was read with. */
export interface PreparedSample {
  dialect: CsvDialect;
  text: Uint8Array;
}

/** Detects whatever part of the dialect is not given, from the first bytes of the file. */
export function prepareSample(
  sample: Sample,
  given: { delimiter?: CsvDelimiter | undefined; encoding?: CsvEncoding | undefined },
  fileName?: string,
): PreparedSample {
  const { bytes, isWholeFile } = sample;
  const detected = given.encoding === undefined ? detectEncoding(bytes, isWholeFile) : undefined;
  const encoding = given.encoding ?? detected!.encoding;
  const hasBom = detected?.hasBom ?? startsWithBom(bytes, encoding);
  const transcoder = createUtf8Transcoder(encoding, fileName);
  let text = transcoder.push(bytes);
  if (isWholeFile) text = concatBytes(text, transcoder.flush());
  const delimiter = given.delimiter ?? detectDelimiter(text, isWholeFile);
  return { dialect: { delimiter, encoding, hasBom }, text };
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (b.length === 0) return a;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
