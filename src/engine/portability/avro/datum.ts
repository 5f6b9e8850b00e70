/**
 * Encoding and decoding of one Avro datum by interpreting a resolved schema: a switch per value, no generated code.
 * JS shapes: null; boolean; int/float/double → number; long → bigint (numbers accepted when writing); bytes/fixed →
 * Uint8Array; string/enum → string; record and map → plain object; array → array; a union → its branch's value.
 */
import type { AvroReader, AvroWriter } from './binary';
import type { ResolvedSchema } from './schema';

export type AvroValue =
  null | boolean | number | bigint | string | Uint8Array | readonly AvroValue[] | { readonly [key: string]: AvroValue };

function isObject(v: unknown): v is Record<string, AvroValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** Whether a value can be written as this (non-union) schema; picks a union's branch. */
function accepts(s: ResolvedSchema, v: unknown): boolean {
  switch (s.kind) {
    case 'null':
      return v === null || v === undefined;
    case 'boolean':
      return typeof v === 'boolean';
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= -0x80000000 && v <= 0x7fffffff;
    case 'long':
      return typeof v === 'bigint' || (typeof v === 'number' && Number.isSafeInteger(v));
    case 'float':
    case 'double':
      return typeof v === 'number';
    case 'bytes':
      return v instanceof Uint8Array;
    case 'fixed':
      return v instanceof Uint8Array && v.length === s.size;
    case 'string':
      return typeof v === 'string';
    case 'enum':
      return typeof v === 'string' && s.symbols.includes(v);
    case 'record':
    case 'map':
      return isObject(v);
    case 'array':
      return Array.isArray(v);
    case 'union':
      return s.branches.some((b) => accepts(b, v));
  }
}

function mismatch(path: string, s: ResolvedSchema, v: unknown): Error {
  const shown = typeof v === 'bigint' ? `${v}n` : (JSON.stringify(v) ?? String(v));
  return new TypeError(`Avro: ${path || 'value'} is ${shown}, which is not a valid ${s.kind}`);
}

export function encodeDatum(w: AvroWriter, s: ResolvedSchema, v: unknown, path = ''): void {
  if (s.kind !== 'union' && s.kind !== 'record' && s.kind !== 'map' && s.kind !== 'array' && !accepts(s, v)) {
    throw mismatch(path, s, v);
  }
  switch (s.kind) {
    case 'null':
      return;
    case 'boolean':
      return w.boolean(v as boolean);
    case 'int':
      return w.int(v as number);
    case 'long':
      return w.long(v as bigint | number);
    case 'float':
      return w.float(v as number);
    case 'double':
      return w.double(v as number);
    case 'bytes':
      return w.bytes(v as Uint8Array);
    case 'fixed':
      return w.raw(v as Uint8Array);
    case 'string':
      return w.string(v as string);
    case 'enum':
      return w.int(s.symbols.indexOf(v as string));
    case 'union': {
      const i = s.branches.findIndex((b) => accepts(b, v));
      if (i < 0) throw mismatch(path, s, v);
      w.long(i);
      return encodeDatum(w, s.branches[i]!, v, path);
    }
    case 'record': {
      if (!isObject(v)) throw mismatch(path, s, v);
      for (const f of s.fields) encodeDatum(w, f.type, v[f.name] ?? null, path ? `${path}.${f.name}` : f.name);
      return;
    }
    case 'array': {
      if (!Array.isArray(v)) throw mismatch(path, s, v);
      if (v.length) {
        w.long(v.length);
        v.forEach((item, i) => encodeDatum(w, s.items, item, `${path}[${i}]`));
      }
      return w.long(0);
    }
    case 'map': {
      if (!isObject(v)) throw mismatch(path, s, v);
      const keys = Object.keys(v);
      if (keys.length) {
        w.long(keys.length);
        for (const k of keys) {
          w.string(k);
          encodeDatum(w, s.values, v[k], `${path}.${k}`);
        }
      }
      return w.long(0);
    }
  }
}

/** Reads the items of an array or map: blocks of count items, a negative count being followed by a byte size. */
function readBlocks(r: AvroReader, item: () => void): void {
  for (;;) {
    let n = r.count();
    if (n === 0) return;
    if (n < 0) {
      n = -n;
      r.count();
    }
    for (let i = 0; i < n; i++) item();
  }
}

export function decodeDatum(r: AvroReader, s: ResolvedSchema): AvroValue {
  switch (s.kind) {
    case 'null':
      return null;
    case 'boolean':
      return r.boolean();
    case 'int':
      return r.int();
    case 'long':
      return r.long();
    case 'float':
      return r.float();
    case 'double':
      return r.double();
    case 'bytes':
      return r.bytes();
    case 'fixed':
      return r.raw(s.size).slice();
    case 'string':
      return r.string();
    case 'enum': {
      const symbol = s.symbols[r.int()];
      if (symbol === undefined) throw new RangeError(`Avro enum ${s.name} index out of range`);
      return symbol;
    }
    case 'union': {
      const branch = s.branches[r.count()];
      if (!branch) throw new RangeError('Avro union index out of range');
      return decodeDatum(r, branch);
    }
    case 'record': {
      const out: Record<string, AvroValue> = {};
      for (const f of s.fields) out[f.name] = decodeDatum(r, f.type);
      return out;
    }
    case 'array': {
      const out: AvroValue[] = [];
      readBlocks(r, () => out.push(decodeDatum(r, s.items)));
      return out;
    }
    case 'map': {
      const out: Record<string, AvroValue> = {};
      readBlocks(r, () => {
        const k = r.string();
        out[k] = decodeDatum(r, s.values);
      });
      return out;
    }
  }
}
