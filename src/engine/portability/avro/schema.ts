/**
 * Avro schemas as plain JSON data (the form written into a container file's header), and their resolution into a
 * tree without named references. The codec interprets this tree at run time: no code is generated, so it runs under
 * a Content-Security-Policy without 'unsafe-eval' (avsc, avro-js and @avro/types all compile readers and writers
 * with `new Function`; see docs/iceberg.md).
 */

export type AvroPrimitive = 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string';

export interface AvroField {
  readonly name: string;
  readonly type: AvroSchema;
  readonly doc?: string;
  readonly default?: unknown;
  /** Iceberg's field id, carried through untouched. */
  readonly 'field-id'?: number;
}

export interface AvroRecord {
  readonly type: 'record';
  readonly name: string;
  readonly namespace?: string;
  readonly fields: readonly AvroField[];
}

export interface AvroArray {
  readonly type: 'array';
  readonly items: AvroSchema;
  readonly 'element-id'?: number;
  /** Iceberg writes maps with non-string keys as arrays of key/value records tagged `logicalType: "map"`. */
  readonly logicalType?: string;
}

export interface AvroMap {
  readonly type: 'map';
  readonly values: AvroSchema;
}

export interface AvroEnum {
  readonly type: 'enum';
  readonly name: string;
  readonly namespace?: string;
  readonly symbols: readonly string[];
}

export interface AvroFixed {
  readonly type: 'fixed';
  readonly name: string;
  readonly namespace?: string;
  readonly size: number;
}

/** A primitive written in object form, possibly with a logical type (`{"type": "int", "logicalType": "date"}`). */
export interface AvroAnnotated {
  readonly type: AvroPrimitive;
  readonly logicalType?: string;
}

export type AvroSchema =
  | AvroPrimitive
  | AvroRecord
  | AvroArray
  | AvroMap
  | AvroEnum
  | AvroFixed
  | AvroAnnotated
  | readonly AvroSchema[]
  /** A reference to a named type defined earlier in the schema. */
  | string;

/** A schema tree in which every named reference is replaced by its definition. */
export type ResolvedSchema =
  | { readonly kind: AvroPrimitive }
  | { readonly kind: 'record'; readonly name: string; readonly fields: readonly ResolvedField[] }
  | { readonly kind: 'array'; readonly items: ResolvedSchema }
  | { readonly kind: 'map'; readonly values: ResolvedSchema }
  | { readonly kind: 'enum'; readonly name: string; readonly symbols: readonly string[] }
  | { readonly kind: 'fixed'; readonly name: string; readonly size: number }
  | { readonly kind: 'union'; readonly branches: readonly ResolvedSchema[] };

export interface ResolvedField {
  readonly name: string;
  readonly type: ResolvedSchema;
  readonly fieldId?: number | undefined;
}

const PRIMITIVES: readonly string[] = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'];

function fullName(name: string, namespace: string | undefined): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

/** Resolves named references (records, enums and fixed types may be reused by name). Throws on unknown types. */
export function resolveSchema(schema: AvroSchema): ResolvedSchema {
  const named = new Map<string, ResolvedSchema>();
  const walk = (s: AvroSchema, namespace: string | undefined): ResolvedSchema => {
    if (typeof s === 'string') {
      if (PRIMITIVES.includes(s)) return { kind: s as AvroPrimitive };
      const ref = named.get(fullName(s, namespace)) ?? named.get(s);
      if (!ref) throw new Error(`Unknown Avro type "${s}"`);
      return ref;
    }
    if (Array.isArray(s)) return { kind: 'union', branches: s.map((b) => walk(b, namespace)) };
    const o = s as Exclude<AvroSchema, string | readonly AvroSchema[]>;
    switch (o.type) {
      case 'record': {
        const ns = o.namespace ?? namespace;
        const fields: ResolvedField[] = [];
        const record = { kind: 'record' as const, name: o.name, fields };
        named.set(fullName(o.name, ns), record);
        for (const f of o.fields) fields.push({ name: f.name, type: walk(f.type, ns), fieldId: f['field-id'] });
        return record;
      }
      case 'enum': {
        const e = { kind: 'enum' as const, name: o.name, symbols: [...o.symbols] };
        named.set(fullName(o.name, o.namespace ?? namespace), e);
        return e;
      }
      case 'fixed': {
        const f = { kind: 'fixed' as const, name: o.name, size: o.size };
        named.set(fullName(o.name, o.namespace ?? namespace), f);
        return f;
      }
      case 'array':
        return { kind: 'array', items: walk(o.items, namespace) };
      case 'map':
        return { kind: 'map', values: walk(o.values, namespace) };
      default:
        if (PRIMITIVES.includes(o.type)) return { kind: o.type };
        throw new Error(`Unsupported Avro schema ${JSON.stringify(s)}`);
    }
  };
  return walk(schema, undefined);
}
