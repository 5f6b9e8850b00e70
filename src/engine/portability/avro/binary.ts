/**
 * Avro's binary primitives (spec §"Binary Encoding"): zig-zag varints for int and long, little-endian IEEE floats,
 * length-prefixed bytes and UTF-8 strings. Longs are read as bigint so 64-bit ids survive exactly.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export class AvroWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  bytesView(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  private varint(u: bigint): void {
    this.ensure(10);
    do {
      let byte = Number(u & 0x7fn);
      u >>= 7n;
      if (u) byte |= 0x80;
      this.buf[this.length++] = byte;
    } while (u);
  }

  int(n: number): void {
    if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) throw new RangeError(`${n} is not an Avro int`);
    this.long(BigInt(n));
  }

  long(n: bigint | number): void {
    const v = typeof n === 'bigint' ? n : BigInt(n);
    if (v < -(1n << 63n) || v >= 1n << 63n) throw new RangeError(`${v} is not an Avro long`);
    this.varint(BigInt.asUintN(64, (v << 1n) ^ (v >> 63n)));
  }

  boolean(b: boolean): void {
    this.ensure(1);
    this.buf[this.length++] = b ? 1 : 0;
  }

  float(x: number): void {
    this.ensure(4);
    this.view.setFloat32(this.length, x, true);
    this.length += 4;
  }

  double(x: number): void {
    this.ensure(8);
    this.view.setFloat64(this.length, x, true);
    this.length += 8;
  }

  bytes(b: Uint8Array): void {
    this.long(b.length);
    this.raw(b);
  }

  string(s: string): void {
    this.bytes(encoder.encode(s));
  }
}

export class AvroReader {
  private readonly view: DataView;
  offset = 0;

  constructor(readonly buf: Uint8Array) {
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  private check(n: number): void {
    if (this.offset + n > this.buf.length) throw new RangeError('Avro data ends early');
  }

  raw(n: number): Uint8Array {
    this.check(n);
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  long(): bigint {
    let u = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (shift > 63n) throw new RangeError('Avro varint longer than 10 bytes');
      this.check(1);
      const byte = this.buf[this.offset++]!;
      u |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    return BigInt.asIntN(64, (u >> 1n) ^ -(u & 1n));
  }

  int(): number {
    const v = this.long();
    if (v < -0x80000000n || v > 0x7fffffffn) throw new RangeError(`${v} is out of an Avro int's range`);
    return Number(v);
  }

  /** A long that must fit a JS number exactly (lengths, counts). */
  count(): number {
    const v = this.long();
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new RangeError(`Avro count ${v} is too large`);
    }
    return Number(v);
  }

  boolean(): boolean {
    this.check(1);
    const b = this.buf[this.offset++]!;
    if (b > 1) throw new RangeError(`Invalid Avro boolean ${b}`);
    return b === 1;
  }

  float(): number {
    this.check(4);
    const x = this.view.getFloat32(this.offset, true);
    this.offset += 4;
    return x;
  }

  double(): number {
    this.check(8);
    const x = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return x;
  }

  bytes(): Uint8Array {
    const n = this.count();
    if (n < 0) throw new RangeError('Negative Avro length');
    return this.raw(n).slice();
  }

  string(): string {
    const n = this.count();
    if (n < 0) throw new RangeError('Negative Avro length');
    return decoder.decode(this.raw(n));
  }
}
