/**
 * A streaming ZIP writer: each entry is complete when added (its CRC-32 and size are known), so its local header
 * carries them and the archive can be read front to back without a central directory. Bytes go to the sink as they
 * are produced; the writer keeps only the small central-directory records.
 */
import { StrataError } from '../../errors';
import { crc32 } from '../../util/crc32';
import type { ByteSink } from '../source';
import {
  CENTRAL_HEADER_BYTES,
  dosDateTime,
  END_BYTES,
  EXTRA_ZIP64,
  FLAG_UTF8,
  LOCAL_HEADER_BYTES,
  METHOD_STORED,
  SIGNATURE,
  U16_MAX,
  U32_MAX,
  VERSION_DEFAULT,
  VERSION_ZIP64,
  ZIP64_END_BYTES,
  ZIP64_LOCATOR_BYTES,
} from './format';

export interface ZipWriterOptions {
  /** Modification time stamped on every entry (UTC ms); fixed so the same content gives the same archive. */
  readonly modifiedAt?: number;
  /** Write ZIP64 records even when not needed (tests exercise the >4 GiB layout this way). */
  readonly forceZip64?: boolean;
}

interface CentralRecord {
  readonly name: Uint8Array;
  readonly crc: number;
  readonly size: number;
  readonly offset: number;
}

const encoder = new TextEncoder();

export class ZipWriter {
  private offset = 0;
  private readonly records: CentralRecord[] = [];
  private readonly names = new Set<string>();
  private readonly time: number;
  private readonly date: number;
  private ended = false;

  constructor(
    private readonly sink: ByteSink,
    private readonly opts: ZipWriterOptions = {},
  ) {
    const { time, date } = dosDateTime(opts.modifiedAt ?? Date.UTC(1980, 0, 1));
    this.time = time;
    this.date = date;
  }

  /** Bytes handed to the sink so far. */
  get bytesWritten(): number {
    return this.offset;
  }

  /** Adds one stored (uncompressed) entry. `crc` may be passed when already known (a data file's checksum). */
  async add(name: string, bytes: Uint8Array, crc: number = crc32(bytes)): Promise<void> {
    if (this.ended) throw new StrataError('INTERNAL', 'ZIP archive already ended');
    if (this.names.has(name)) throw new StrataError('INTERNAL', `Duplicate ZIP entry ${name}`);
    if (bytes.length >= U32_MAX) throw new StrataError('INVALID_ARGUMENT', `ZIP entry ${name} is 4 GiB or more`);
    const encodedName = encoder.encode(name);
    if (encodedName.length > U16_MAX) throw new StrataError('INVALID_ARGUMENT', `ZIP entry name too long: ${name}`);
    this.names.add(name);
    const header = new Uint8Array(LOCAL_HEADER_BYTES + encodedName.length);
    const v = new DataView(header.buffer);
    v.setUint32(0, SIGNATURE.local, true);
    v.setUint16(4, VERSION_DEFAULT, true);
    v.setUint16(6, FLAG_UTF8, true);
    v.setUint16(8, METHOD_STORED, true);
    v.setUint16(10, this.time, true);
    v.setUint16(12, this.date, true);
    v.setUint32(14, crc, true);
    v.setUint32(18, bytes.length, true);
    v.setUint32(22, bytes.length, true);
    v.setUint16(26, encodedName.length, true);
    v.setUint16(28, 0, true);
    header.set(encodedName, LOCAL_HEADER_BYTES);
    this.records.push({ name: encodedName, crc, size: bytes.length, offset: this.offset });
    await this.emit(header);
    if (bytes.length) await this.emit(bytes);
  }

  /** Writes the central directory and the end records. */
  async end(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    const start = this.offset;
    for (const r of this.records) await this.emit(this.centralRecord(r));
    const size = this.offset - start;
    const count = this.records.length;
    const zip64 = this.opts.forceZip64 || count >= U16_MAX || start >= U32_MAX || size >= U32_MAX;
    if (zip64) {
      const zip64EndAt = this.offset;
      await this.emit(zip64End(count, size, start));
      await this.emit(zip64Locator(zip64EndAt));
    }
    await this.emit(endRecord(zip64 ? U16_MAX : count, zip64 ? U32_MAX : size, zip64 ? U32_MAX : start));
  }

  private centralRecord(r: CentralRecord): Uint8Array {
    const bigOffset = this.opts.forceZip64 || r.offset >= U32_MAX;
    const extraBytes = bigOffset ? 12 : 0;
    const out = new Uint8Array(CENTRAL_HEADER_BYTES + r.name.length + extraBytes);
    const v = new DataView(out.buffer);
    v.setUint32(0, SIGNATURE.central, true);
    v.setUint16(4, (3 << 8) | VERSION_ZIP64, true); // made by: Unix, spec 4.5
    v.setUint16(6, bigOffset ? VERSION_ZIP64 : VERSION_DEFAULT, true);
    v.setUint16(8, FLAG_UTF8, true);
    v.setUint16(10, METHOD_STORED, true);
    v.setUint16(12, this.time, true);
    v.setUint16(14, this.date, true);
    v.setUint32(16, r.crc, true);
    v.setUint32(20, r.size, true);
    v.setUint32(24, r.size, true);
    v.setUint16(28, r.name.length, true);
    v.setUint16(30, extraBytes, true);
    v.setUint16(32, 0, true); // comment
    v.setUint16(34, 0, true); // disk
    v.setUint16(36, 0, true); // internal attributes
    v.setUint32(38, (0o100644 << 16) >>> 0, true); // a regular file, rw-r--r--
    v.setUint32(42, bigOffset ? U32_MAX : r.offset, true);
    out.set(r.name, CENTRAL_HEADER_BYTES);
    if (bigOffset) {
      const at = CENTRAL_HEADER_BYTES + r.name.length;
      v.setUint16(at, EXTRA_ZIP64, true);
      v.setUint16(at + 2, 8, true);
      v.setBigUint64(at + 4, BigInt(r.offset), true);
    }
    return out;
  }

  private async emit(chunk: Uint8Array): Promise<void> {
    this.offset += chunk.length;
    await this.sink(chunk);
  }
}

function zip64End(count: number, size: number, offset: number): Uint8Array {
  const out = new Uint8Array(ZIP64_END_BYTES);
  const v = new DataView(out.buffer);
  v.setUint32(0, SIGNATURE.zip64End, true);
  v.setBigUint64(4, BigInt(ZIP64_END_BYTES - 12), true);
  v.setUint16(12, (3 << 8) | VERSION_ZIP64, true);
  v.setUint16(14, VERSION_ZIP64, true);
  v.setUint32(16, 0, true);
  v.setUint32(20, 0, true);
  v.setBigUint64(24, BigInt(count), true);
  v.setBigUint64(32, BigInt(count), true);
  v.setBigUint64(40, BigInt(size), true);
  v.setBigUint64(48, BigInt(offset), true);
  return out;
}

function zip64Locator(zip64EndAt: number): Uint8Array {
  const out = new Uint8Array(ZIP64_LOCATOR_BYTES);
  const v = new DataView(out.buffer);
  v.setUint32(0, SIGNATURE.zip64Locator, true);
  v.setUint32(4, 0, true);
  v.setBigUint64(8, BigInt(zip64EndAt), true);
  v.setUint32(16, 1, true);
  return out;
}

function endRecord(count: number, size: number, offset: number): Uint8Array {
  const out = new Uint8Array(END_BYTES);
  const v = new DataView(out.buffer);
  v.setUint32(0, SIGNATURE.end, true);
  v.setUint16(8, count, true);
  v.setUint16(10, count, true);
  v.setUint32(12, size, true);
  v.setUint32(16, offset, true);
  return out;
}
