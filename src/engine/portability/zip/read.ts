/**
 * A streaming ZIP reader for archives whose local headers carry sizes (what {@link ZipWriter} and `zip -r` write):
 * entries are yielded one at a time, in archive order, each checked against its CRC-32; then the central directory
 * and end records are read and their entry count checked, so a truncated archive is always noticed. Stored and
 * deflated (fflate) entries are supported; data descriptors and encryption are refused.
 */
import { inflateSync } from 'fflate';
import { StrataError } from '../../errors';
import { crc32 } from '../../util/crc32';
import { ByteQueue } from './byte-queue';
import {
  CENTRAL_HEADER_BYTES,
  END_BYTES,
  EXTRA_ZIP64,
  FLAG_DATA_DESCRIPTOR,
  FLAG_ENCRYPTED,
  FLAG_UTF8,
  LOCAL_HEADER_BYTES,
  METHOD_DEFLATE,
  METHOD_STORED,
  SIGNATURE,
  U16_MAX,
  U32_MAX,
  ZIP64_END_BYTES,
  ZIP64_LOCATOR_BYTES,
} from './format';

export interface ZipEntry {
  readonly name: string;
  /** The entry's uncompressed bytes, CRC-checked. */
  readonly bytes: Uint8Array;
}

export interface ReadZipOptions {
  /** What messages call the archive ("The backup", "The Iceberg archive"). */
  readonly label: string;
  readonly signal?: AbortSignal;
  /** Called with the count of bytes pulled from the stream, as they arrive. */
  readonly onBytes?: (n: number) => void;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const latin1 = new TextDecoder('latin1');

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export async function* readZip(stream: ReadableStream<Uint8Array>, opts: ReadZipOptions): AsyncGenerator<ZipEntry> {
  const q = ByteQueue.of(stream, opts.signal, opts.onBytes);
  const damaged = (what: string, entry?: string): StrataError =>
    new StrataError('CORRUPT_FILE', `${opts.label} is damaged: ${what}. Nothing was changed.`, { entry });
  const need = async (n: number, where: string, entry?: string): Promise<Uint8Array> => {
    if (!(await q.has(n))) throw damaged(`it ends early (truncated) ${where}`, entry);
    return q.take(n);
  };
  let entries = 0;
  try {
    for (;;) {
      const sig = await q.peekUint32();
      if (sig === undefined) throw damaged('it ends early (truncated) before its directory');
      if (sig !== SIGNATURE.local) {
        if (entries === 0 && sig !== SIGNATURE.central && sig !== SIGNATURE.end)
          throw damaged('it is not a ZIP archive');
        break;
      }
      const header = view(await need(LOCAL_HEADER_BYTES, 'in a file header'));
      const flags = header.getUint16(6, true);
      const method = header.getUint16(8, true);
      const crc = header.getUint32(14, true);
      let compressed = header.getUint32(18, true);
      let size = header.getUint32(22, true);
      const nameBytes = await need(header.getUint16(26, true), 'in a file name');
      const extra = await need(header.getUint16(28, true), 'in a file header');
      const name = ((flags & FLAG_UTF8) !== 0 ? utf8 : latin1).decode(nameBytes);
      if (flags & FLAG_ENCRYPTED) throw damaged(`entry "${name}" is encrypted`, name);
      if (flags & FLAG_DATA_DESCRIPTOR) {
        throw damaged(`entry "${name}" has no size in its header (a streamed ZIP this reader does not take)`, name);
      }
      if (compressed === U32_MAX || size === U32_MAX) {
        const sizes = zip64Sizes(extra, size === U32_MAX, compressed === U32_MAX);
        if (!sizes) throw damaged(`entry "${name}" lacks its ZIP64 sizes`, name);
        size = sizes.size ?? size;
        compressed = sizes.compressed ?? compressed;
      }
      const raw = await need(compressed, `in entry "${name}"`, name);
      const bytes = inflate(raw, method, size, () => damaged(`entry "${name}" cannot be decompressed`, name));
      if (bytes.length !== size || crc32(bytes) !== crc) throw damaged(`entry "${name}" fails its checksum`, name);
      entries++;
      yield { name, bytes };
    }
    await readDirectory(q, entries, need, damaged);
  } finally {
    // Stops the source when reading ends early (an error, or the consumer stopped iterating).
    await q.cancel();
  }
}

function inflate(raw: Uint8Array, method: number, size: number, fail: () => StrataError): Uint8Array {
  if (method === METHOD_STORED) return raw;
  if (method !== METHOD_DEFLATE) throw fail();
  try {
    return inflateSync(raw, { out: new Uint8Array(size) });
  } catch {
    throw fail();
  }
}

/** Sizes from a local header's ZIP64 extra field (uncompressed first, then compressed, each only when flagged). */
function zip64Sizes(
  extra: Uint8Array,
  wantSize: boolean,
  wantCompressed: boolean,
): { size?: number; compressed?: number } | undefined {
  const v = view(extra);
  for (let at = 0; at + 4 <= extra.length; at += 4 + v.getUint16(at + 2, true)) {
    if (v.getUint16(at, true) !== EXTRA_ZIP64) continue;
    let p = at + 4;
    const next = (): number | undefined => {
      if (p + 8 > extra.length) return undefined;
      const n = Number(v.getBigUint64(p, true));
      p += 8;
      return n;
    };
    const size = wantSize ? next() : undefined;
    const compressed = wantCompressed ? next() : undefined;
    if ((wantSize && size === undefined) || (wantCompressed && compressed === undefined)) return undefined;
    return { size, compressed };
  }
  return undefined;
}

/** Reads the central directory and end records; the count they state must match the entries read. */
async function readDirectory(
  q: ByteQueue,
  entries: number,
  need: (n: number, where: string) => Promise<Uint8Array>,
  damaged: (what: string) => StrataError,
): Promise<void> {
  let central = 0;
  let stated: number | undefined;
  for (;;) {
    const sig = await q.peekUint32();
    if (sig === undefined) throw damaged('it ends early (truncated) in its directory');
    if (sig === SIGNATURE.central) {
      const h = view(await need(CENTRAL_HEADER_BYTES, 'in its directory'));
      await need(h.getUint16(28, true) + h.getUint16(30, true) + h.getUint16(32, true), 'in its directory');
      central++;
    } else if (sig === SIGNATURE.zip64End) {
      const h = view(await need(ZIP64_END_BYTES, 'in its end record'));
      const extensible = Number(h.getBigUint64(4, true)) - (ZIP64_END_BYTES - 12);
      if (extensible > 0) await need(extensible, 'in its end record');
      stated = Number(h.getBigUint64(32, true));
    } else if (sig === SIGNATURE.zip64Locator) {
      await need(ZIP64_LOCATOR_BYTES, 'in its end record');
    } else if (sig === SIGNATURE.end) {
      const h = view(await need(END_BYTES, 'in its end record'));
      const count = h.getUint16(10, true);
      if (count !== U16_MAX || stated === undefined) stated = count;
      break;
    } else {
      throw damaged(`unexpected bytes at offset ${q.position}`);
    }
  }
  if (central !== entries || stated !== entries) {
    throw damaged(`its directory lists ${stated ?? central} entries, ${entries} were read`);
  }
}
