/**
 * "Load sample": the ArcticDB blog's AAPL data, committed as the blog does it — three daily appends, a restatement of
 * 2024-01-02 (update by range), then the 2024-01-04 append — so a new user sees time travel in one click.
 */
import type { CommitInfo } from './commit';
import { StrataEngine } from './engine';
import { StrataError } from './errors';
import type { Schema } from './model/schema';
import { tableFromValues } from './read/gather';
import type { Value } from './read/values';

export const SAMPLE_TABLE = 'AAPL';
export const SAMPLE_TAG = 'snapshot-2024-01-03';

const schema: Schema = {
  fields: [
    { name: 'datetime', type: 'timestamp', nullable: false },
    { name: 'open', type: 'float64', nullable: false },
    { name: 'close', type: 'float64', nullable: false },
    { name: 'low', type: 'float64', nullable: false },
    { name: 'high', type: 'float64', nullable: false },
    { name: 'volume', type: 'float64', nullable: false },
    { name: 'trades', type: 'int64', nullable: false },
  ],
};

type Row = [string, number, number, number, number, number, number];
const days: Record<string, Row[]> = {
  '2024-01-01': [
    ['2024-01-01 08:00:00', 0.758089, 0.339878, 0.78104, 0.098037, 0.134402, 346],
    ['2024-01-01 16:29:00', 0.221275, 0.773076, 0.321803, 0.586879, 0.250758, 201],
  ],
  '2024-01-02': [
    ['2024-01-02 08:00:00', 0.543514, 0.121713, 0.90851, 0.85953, 0.673515, 810],
    ['2024-01-02 16:29:00', 0.363511, 0.506118, 0.445974, 0.031269, 0.743444, 665],
  ],
  '2024-01-03': [
    ['2024-01-03 08:00:00', 0.054882, 0.319868, 0.52063, 0.986617, 0.81231, 847],
    ['2024-01-03 16:29:00', 0.237748, 0.932168, 0.990305, 0.026718, 0.109527, 527],
  ],
  restatement: [
    ['2024-01-02 08:00:00', 0.726245, 0.209358, 0.382218, 0.652552, 0.060542, 452],
    ['2024-01-02 16:29:00', 0.91218, 0.31721, 0.460713, 0.581922, 0.330218, 642],
  ],
  '2024-01-04': [
    ['2024-01-04 08:00:00', 0.813585, 0.571894, 0.813374, 0.598003, 0.542102, 184],
    ['2024-01-04 16:29:00', 0.808495, 0.375533, 0.665888, 0.84743, 0.885961, 245],
  ],
};

function table(rows: Row[]) {
  const columns: Value[][] = schema.fields.map(() => []);
  for (const r of rows) {
    columns[0]!.push(Date.parse(`${r[0].replace(' ', 'T')}Z`));
    for (let i = 1; i < 6; i++) columns[i]!.push(r[i]!);
    columns[6]!.push(BigInt(r[6]));
  }
  return tableFromValues(schema, columns, rows.length);
}

/** The blog's commit times: each day's file lands at 17:30 UTC, the restatement on day 4 before that day's append. */
const COMMIT_TIMES = [
  '2024-01-01T17:30:00Z',
  '2024-01-02T17:30:00Z',
  '2024-01-03T17:30:00Z',
  '2024-01-04T17:30:00Z',
  '2024-01-04T17:31:00Z',
].map((t) => Date.parse(t));

/**
 * Commits the sample with the blog's dates (through an engine over the same storage whose clock says so), so that
 * "As of time 2024-01-03 18:00 UTC" resolves to version 2 and the tag "snapshot-2024-01-03" holds it, as in the blog.
 */
export async function loadSample(engine: StrataEngine, name = SAMPLE_TABLE): Promise<CommitInfo> {
  if (await engine.tableByName(name)) {
    throw new StrataError('TABLE_EXISTS', `A table named "${name}" already exists`, { tableName: name });
  }
  let step = 0;
  const dated = new StrataEngine(engine.ctx.storage, { clock: () => COMMIT_TIMES[step] ?? Date.now() });
  const first = await dated.createFromData(name, table(days['2024-01-01']!), { message: 'AAPL_2024-01-01.csv' });
  const id = first.tableId;
  step = 1;
  await dated.append(id, table(days['2024-01-02']!), { message: 'AAPL_2024-01-02.csv' });
  step = 2;
  await dated.append(id, table(days['2024-01-03']!), { message: 'AAPL_2024-01-03.csv' });
  if (!(await dated.listTags()).some((t) => t.name === SAMPLE_TAG)) {
    await dated.createTag(SAMPLE_TAG, { tables: [id], message: 'AAPL as it was on 2024-01-03' });
  }
  step = 3;
  await dated.updateRange(id, table(days.restatement!), {
    column: 'datetime',
    message: 'AAPL_2024-01-02_restatement.csv',
  });
  step = 4;
  return dated.append(id, table(days['2024-01-04']!), { message: 'AAPL_2024-01-04.csv' });
}
