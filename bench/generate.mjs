/**
 * The benchmark's seeded data: a market-data CSV `id,ts,symbol,open,high,low,close,volume` (ids increasing with gaps,
 * one row per minute, 500 tickers, prices with 6 decimals; about 84 bytes a row) and its version B (1% of `close`
 * changed, 0.5% of rows deleted, 0.5% inserted into the id gaps), with the exact counts a diff must find.
 *
 * Runs in the page (imported by bench/page, which builds Files from the chunks: faster than shipping 84 MB) and in
 * Node (`node bench/generate.mjs --rows=1000000 --out=bench/data` writes a.csv and b.csv to look at).
 * The same seed always gives the same bytes, in either place.
 */

export const HEADER = 'id,ts,symbol,open,high,low,close,volume\n';
const START_MS = Date.UTC(2024, 0, 2, 9, 30);

/** mulberry32: small, fast and good enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 500 distinct 3–4 letter tickers and a base price for each, the same for every seed. */
function universe() {
  const r = rng(500);
  const names = new Set();
  while (names.size < 500) {
    const len = 3 + (r() < 0.5 ? 1 : 0);
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(65 + Math.floor(r() * 26));
    names.add(s);
  }
  return { tickers: [...names], base: [...names].map(() => 20 + r() * 980) };
}
const UNIVERSE = universe();

const CHUNK_BYTES = 1 << 20;
const START_MINUTE_OF_DAY = 9 * 60 + 30;

/**
 * Writes ASCII straight into byte chunks: building strings and encoding them spent most of the time in the garbage
 * collector and in UTF-8 encoding.
 */
class ByteWriter {
  chunks = [];
  buf = new Uint8Array(CHUNK_BYTES);
  pos = 0;
  size = 0;

  /** Starts a new chunk when fewer than 512 bytes are left (a row is under 100). */
  reserve() {
    if (this.pos > CHUNK_BYTES - 512) this.flush();
  }
  flush() {
    if (this.pos === 0) return;
    this.chunks.push(this.buf.slice(0, this.pos));
    this.size += this.pos;
    this.pos = 0;
  }
  ascii(text) {
    for (let i = 0; i < text.length; i++) this.buf[this.pos++] = text.charCodeAt(i);
  }
  byte(c) {
    this.buf[this.pos++] = c;
  }
  /** A non-negative integer. */
  int(n) {
    if (n < 10) {
      this.buf[this.pos++] = 48 + n;
      return;
    }
    let digits = 0;
    for (let m = n; m > 0; m = Math.floor(m / 10)) digits++;
    for (let i = this.pos + digits - 1; i >= this.pos; i--) {
      this.buf[i] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos += digits;
  }
  /** Exactly `width` digits, zero-padded. */
  fixed(n, width) {
    for (let i = this.pos + width - 1; i >= this.pos; i--) {
      this.buf[i] = 48 + (n % 10);
      n = Math.floor(n / 10);
    }
    this.pos += width;
  }
  /** A positive price with 6 decimals. */
  price(p) {
    const m = Math.round(p * 1e6);
    const whole = Math.floor(m / 1e6);
    this.int(whole);
    this.byte(46);
    this.fixed(m - whole * 1e6, 6);
  }
  copy(from, start, end) {
    this.buf.set(from.buf.subarray(start, end), this.pos);
    this.pos += end - start;
  }
}

let cachedDay = -1;
let cachedDate = '';

/** `YYYY-MM-DD HH:MM:SS` of the n-th minute after the start (UTC); the date part is computed once a day. */
function writeMinute(w, n) {
  const m = START_MINUTE_OF_DAY + n;
  const day = Math.floor(m / 1440);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(START_MS + (day * 1440 - START_MINUTE_OF_DAY) * 60_000).toISOString().slice(0, 10) + ' ';
  }
  const inDay = m - day * 1440;
  w.ascii(cachedDate);
  w.fixed(Math.floor(inDay / 60), 2);
  w.byte(58);
  w.fixed(inDay % 60, 2);
  w.ascii(':00');
}

/** Writes one row up to and including the comma before `close`; returns close and volume. */
function writeHead(w, r, id, minute, symbol) {
  const s = Math.floor(r() * 500);
  const p = UNIVERSE.base[s] * (1 + (r() - 0.5) * 0.02);
  const close = p * (1 + (r() - 0.5) * 0.01);
  const high = Math.max(p, close) * (1 + r() * 0.005);
  const low = Math.min(p, close) * (1 - r() * 0.005);
  const volume = 100 + Math.floor(r() * 1_000_000);
  w.int(id);
  w.byte(44);
  writeMinute(w, minute);
  w.byte(44);
  w.ascii(symbol ?? UNIVERSE.tickers[s]);
  w.byte(44);
  w.price(p);
  w.byte(44);
  w.price(high);
  w.byte(44);
  w.price(low);
  w.byte(44);
  return { close, volume };
}

function writeTail(w, close, volume) {
  w.price(close);
  w.byte(44);
  w.int(volume);
  w.byte(10);
}

/**
 * Generates `rows` rows from `start` ({ id, minute } of the first row; default the table's beginning).
 * Returns the CSV as byte chunks (header first unless `header: false`), the state after the last row (pass it as
 * the next call's `start` to continue the table), and with `withB` the chunks of version B and its expected diff, and
 * B as a restatement of A: `delta` (the changed and inserted rows, a CSV to upsert by id) and `deletedIds`.
 * `symbol` replaces every row's ticker (the timeline benchmark marks restated rows with it); `from` leaves out the rows
 * before it (still generated, so the rest are exactly the table's rows) and `closeDelta` restates their `close`.
 */
export function generateCsv({
  rows,
  seed,
  start = { id: 1, minute: 0 },
  header = true,
  withB = false,
  symbol,
  from = 0,
  closeDelta = 0,
}) {
  const r = rng(seed);
  const rb = rng(seed ^ 0x5bd1e995);
  const a = new ByteWriter();
  const b = new ByteWriter();
  const d = new ByteWriter();
  const deletedIds = [];
  const expected = { deleted: 0, changed: 0, inserted: 0, rowsB: 0 };
  if (header) a.ascii(HEADER);
  if (header && withB) {
    b.ascii(HEADER);
    d.ascii(HEADER);
  }
  let { id, minute } = start;
  for (let i = 0; i < rows; i++) {
    a.reserve();
    b.reserve();
    d.reserve();
    const lineStart = a.pos;
    const row = writeHead(a, r, id, minute, symbol);
    const headEnd = a.pos;
    writeTail(a, row.close + closeDelta, row.volume);
    if (i < from) a.pos = lineStart;
    // The next id leaves a gap half the time: room for version B's inserts.
    const gap = r() < 0.5 ? 1 + Math.floor(r() * 3) : 0;
    if (withB) {
      const x = rb();
      if (x < 0.005) {
        expected.deleted++;
        deletedIds.push(id);
      } else if (x < 0.015) {
        expected.changed++;
        const lineB = b.pos;
        b.copy(a, lineStart, headEnd);
        writeTail(b, row.close + 0.01 + rb(), row.volume);
        d.copy(b, lineB, b.pos);
      } else {
        b.copy(a, lineStart, a.pos);
      }
      if (gap > 0 && rb() < 0.01) {
        expected.inserted++;
        const lineB = b.pos;
        const extra = writeHead(b, rb, id + 1, minute);
        writeTail(b, extra.close, extra.volume);
        d.copy(b, lineB, b.pos);
      }
    }
    id += 1 + gap;
    minute += 1;
  }
  a.flush();
  b.flush();
  d.flush();
  expected.rowsB = rows - expected.deleted + expected.inserted;
  return {
    a: a.chunks,
    bytesA: a.size,
    ...(withB ? { b: b.chunks, bytesB: b.size, expected, delta: d.chunks, deletedIds } : {}),
    end: { id, minute },
  };
}

async function main() {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const arg = (name, fallback) =>
    process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
  const rows = Number(arg('rows', '1000000'));
  const seed = Number(arg('seed', '7'));
  const out = arg('out', 'bench/data');
  const t0 = performance.now();
  const g = generateCsv({ rows, seed, withB: true });
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'a.csv'), Buffer.concat(g.a));
  writeFileSync(join(out, 'b.csv'), Buffer.concat(g.b));
  const ms = Math.round(performance.now() - t0);
  console.log(`${rows} rows, seed ${seed}: a.csv ${g.bytesA} B, b.csv ${g.bytesB} B in ${ms} ms`);
  console.log(`expected diff: ${JSON.stringify(g.expected)}`);
}

if (typeof process !== 'undefined' && process.argv[1]?.endsWith('generate.mjs')) await main();
