/**
 * RFC 4180 record scanner over UTF-8 bytes, fed chunk by chunk.
 *
 * It finds field boundaries only; values are interpreted by the sink. Invariants:
 * - a record is handed to the sink only once complete, with every field's byte range inside one contiguous buffer:
 *   the unfinished record at the end of a chunk is carried over (copied) and the next chunk appended to it, and the
 *   scan resumes where it stopped, so a long record costs linear, not quadratic, time;
 * - line numbers are physical lines (LF, CRLF and lone CR each end one), counted inside quoted fields too; a record is
 *   reported at the line where it starts;
 * - blank lines are held back and reported just before the next record, so trailing blank lines vanish.
 */
import * as bytesModule from './bytes';
import { countCodePoints, grownBytes } from './bytes';
import { unterminatedQuoteError } from './errors';
import * as recordsModule from './records';
import type { RecordSink } from './records';

/*
 * Imported bindings used per byte or per value are read once into module constants: Vitest's module runner turns
 * every use of an import into a property read on the module namespace, which made the hot loops ~3× slower under
 * test. Bundled builds are unaffected either way.
 */
const { CR, LF, QUOTE } = bytesModule;
const { FIELD_ESCAPED, FIELD_PLAIN, FIELD_QUOTED } = recordsModule;

/** A quoted field still open after this many bytes is reported as unterminated rather than buffered further. */
export const MAX_OPEN_QUOTE_BYTES = 64 * 1024 * 1024;

const START_FIELD = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** Just after a quote inside a quoted field: either an escaped quote or the closing one. */
const QUOTE_SEEN = 3;

const NO_BYTES = new Uint8Array(0);
const FINAL_NEWLINE = Uint8Array.of(LF);

export class CsvScanner {
  /** Names of the fields, when known, for error details. */
  fieldNames: readonly string[] = [];

  private readonly delimiter: number;
  private buffer: Uint8Array = NO_BYTES;
  private length = 0;
  private carry: Uint8Array = NO_BYTES;
  private carryLength = 0;

  private pos = 0;
  private state = START_FIELD;
  private fieldStart = 0;
  private fieldKind = FIELD_PLAIN;
  private fieldCount = 0;
  private recordStart = 0;
  private recordLine = 1;
  private line = 1;
  private lineStart = 0;
  /** The last record ended with CR at the very end of a chunk: a LF opening the next chunk belongs to it. */
  private afterCR = false;
  private quoteLine = 0;
  private quoteLineStart = 0;
  private pendingBlankLines = 0;
  private firstBlankLine = 0;

  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private kinds = new Uint8Array(64);

  constructor(
    delimiter: string,
    private readonly sink: RecordSink,
    private readonly fileName?: string,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Scans a chunk; complete records go to the sink before this returns. */
  push(chunk: Uint8Array): void {
    let rest = chunk;
    // Only the unfinished record goes through the carry buffer: append the chunk up to its next line feed, and once
    // the record is complete scan the rest of the chunk in place, so most bytes are never copied.
    while (this.carryLength > 0 && rest.length > 0) {
      const lineFeed = rest.indexOf(LF);
      const head = lineFeed < 0 ? rest.length : lineFeed + 1;
      this.carry = grownBytes(this.carry, this.carryLength, this.carryLength + head);
      this.carry.set(rest.subarray(0, head), this.carryLength);
      this.scanBuffer(this.carry, this.carryLength + head);
      rest = rest.subarray(head);
    }
    if (rest.length > 0) this.scanBuffer(rest, rest.length);
  }

  /** Ends the input: emits the last record (a missing final newline is fine), or throws if a quote is still open. */
  finish(): void {
    if (this.carryLength > 0) this.push(FINAL_NEWLINE);
    if (this.state === QUOTED) throw this.unterminatedQuote();
  }

  private scan(): void {
    const bytes = this.buffer;
    const length = this.length;
    const delimiter = this.delimiter;
    let pos = this.pos;
    let state = this.state;
    let fieldStart = this.fieldStart;
    let kind = this.fieldKind;
    let fieldCount = this.fieldCount;
    let recordStart = this.recordStart;
    let recordLine = this.recordLine;
    let line = this.line;
    let lineStart = this.lineStart;
    let starts = this.starts;
    let ends = this.ends;
    let kinds = this.kinds;

    if (this.afterCR && pos < length) {
      this.afterCR = false;
      if (bytes[pos] === LF) lineStart = ++pos;
    }

    while (pos < length) {
      if (state === START_FIELD) {
        if (fieldCount === 0) {
          recordStart = pos;
          recordLine = line;
        }
        fieldStart = pos;
        if (bytes[pos] === QUOTE) {
          state = QUOTED;
          kind = FIELD_QUOTED;
          this.quoteLine = line;
          this.quoteLineStart = lineStart;
          pos++;
          continue;
        }
        state = UNQUOTED;
        kind = FIELD_PLAIN;
      }

      if (state === UNQUOTED) {
        // Consecutive unquoted fields of a record are scanned in this loop without going back through the states.
        for (;;) {
          let byte = 0;
          while (pos < length) {
            byte = bytes[pos]!;
            if (byte === delimiter || byte === LF || byte === CR) break;
            pos++;
          }
          if (pos >= length) break;
          if (fieldCount === starts.length) {
            this.growFields();
            starts = this.starts;
            ends = this.ends;
            kinds = this.kinds;
          }
          if (kind === FIELD_QUOTED) {
            starts[fieldCount] = fieldStart + 1;
            ends[fieldCount] = pos - 1;
          } else {
            starts[fieldCount] = fieldStart;
            ends[fieldCount] = pos;
          }
          kinds[fieldCount] = kind;
          fieldCount++;
          pos++;
          if (byte === delimiter) {
            if (pos < length && bytes[pos] !== QUOTE) {
              fieldStart = pos;
              kind = FIELD_PLAIN;
              continue;
            }
            state = START_FIELD;
            break;
          }
          line++;
          if (byte === CR) {
            if (pos < length) {
              if (bytes[pos] === LF) pos++;
            } else {
              this.afterCR = true;
            }
          }
          lineStart = pos;
          this.emit(bytes, fieldCount, recordLine);
          fieldCount = 0;
          state = START_FIELD;
          break;
        }
        continue;
      }

      if (state === QUOTED) {
        while (pos < length) {
          const byte = bytes[pos]!;
          if (byte === QUOTE) break;
          if (byte === LF) {
            // bytes[pos - 1] is inside this field (its opening quote at least), so it is always in the buffer.
            if (bytes[pos - 1] !== CR) line++;
            lineStart = pos + 1;
          } else if (byte === CR) {
            line++;
            lineStart = pos + 1;
          }
          pos++;
        }
        if (pos >= length) break;
        pos++;
        state = QUOTE_SEEN;
        if (pos >= length) break;
      }

      // QUOTE_SEEN: a doubled quote stays in the field; anything else closes it, and text other than a delimiter or
      // line end after the closing quote is kept verbatim (lenient, like Python's csv module).
      const byte = bytes[pos]!;
      if (byte === QUOTE) {
        kind = FIELD_ESCAPED;
        state = QUOTED;
        pos++;
        continue;
      }
      if (byte !== delimiter && byte !== LF && byte !== CR) kind = FIELD_ESCAPED;
      state = UNQUOTED;
    }

    this.pos = pos;
    this.state = state;
    this.fieldStart = fieldStart;
    this.fieldKind = kind;
    this.fieldCount = fieldCount;
    this.recordStart = recordStart;
    this.recordLine = recordLine;
    this.line = line;
    this.lineStart = lineStart;
  }

  private scanBuffer(buffer: Uint8Array, length: number): void {
    this.buffer = buffer;
    this.length = length;
    this.scan();
    this.retainPartialRecord();
  }

  /** Moves the unfinished record to the front of the carry buffer and rebases every position into it. */
  private retainPartialRecord(): void {
    const bytes = this.buffer;
    this.buffer = NO_BYTES;
    const idle = this.state === START_FIELD && this.fieldCount === 0;
    const from = idle ? this.length : this.recordStart;
    const pending = this.length - from;
    this.carryLength = pending;
    if (pending > 0 && bytes === this.carry) {
      this.carry.copyWithin(0, from, this.length);
    } else if (pending > 0) {
      this.carry = grownBytes(this.carry, 0, pending);
      this.carry.set(bytes.subarray(from, this.length));
    }
    // Positions are rebased even with nothing pending: the line start then becomes 0, the start of the next chunk.
    this.pos -= from;
    this.fieldStart -= from;
    this.recordStart -= from;
    this.lineStart -= from;
    this.quoteLineStart -= from;
    for (let f = 0; f < this.fieldCount; f++) {
      this.starts[f]! -= from;
      this.ends[f]! -= from;
    }
    if (this.state === QUOTED && pending > MAX_OPEN_QUOTE_BYTES) throw this.unterminatedQuote();
  }

  private unterminatedQuote(): Error {
    const columnNumber = countCodePoints(this.carry, Math.max(0, this.quoteLineStart), this.fieldStart) + 1;
    return unterminatedQuoteError(this.fileName, this.quoteLine, columnNumber, this.fieldNames[this.fieldCount]);
  }

  /** Hands a complete record to the sink, or holds it back if it is a blank line. */
  private emit(bytes: Uint8Array, fieldCount: number, line: number): void {
    const { starts, ends, kinds } = this;
    if (fieldCount === 1 && kinds[0] === FIELD_PLAIN && ends[0] === starts[0]) {
      if (this.pendingBlankLines++ === 0) this.firstBlankLine = line;
      return;
    }
    if (this.pendingBlankLines > 0) {
      this.sink.blankLines(this.firstBlankLine, this.pendingBlankLines);
      this.pendingBlankLines = 0;
    }
    this.sink.record(bytes, starts, ends, kinds, fieldCount, line);
  }

  private growFields(): void {
    const capacity = this.starts.length * 2;
    this.starts = Int32Array.from({ length: capacity }, (_, f) => this.starts[f] ?? 0);
    this.ends = Int32Array.from({ length: capacity }, (_, f) => this.ends[f] ?? 0);
    this.kinds = Uint8Array.from({ length: capacity }, (_, f) => this.kinds[f] ?? 0);
  }
}
