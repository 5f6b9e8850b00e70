/** Types of generate.mjs (plain JavaScript so that Node runs it directly). */
export interface GeneratorState {
  readonly id: number;
  readonly minute: number;
}
export interface ExpectedDiff {
  readonly deleted: number;
  readonly changed: number;
  readonly inserted: number;
  readonly rowsB: number;
}
export interface GenerateOptions {
  readonly rows: number;
  readonly seed: number;
  readonly start?: GeneratorState;
  readonly header?: boolean;
  readonly withB?: boolean;
  readonly symbol?: string;
  readonly from?: number;
  readonly closeDelta?: number;
}
export interface Generated {
  readonly a: Uint8Array<ArrayBuffer>[];
  readonly bytesA: number;
  readonly b?: Uint8Array<ArrayBuffer>[];
  readonly bytesB?: number;
  readonly expected?: ExpectedDiff;
  /** B as a restatement of A: the changed and inserted rows (CSV with header, to upsert by id) and A's deleted ids. */
  readonly delta?: Uint8Array<ArrayBuffer>[];
  readonly deletedIds?: number[];
  readonly end: GeneratorState;
}
export const HEADER: string;
export function rng(seed: number): () => number;
export function generateCsv(options: GenerateOptions): Generated;
