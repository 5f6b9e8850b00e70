/** The workspace's views of one table. Single source of the union and of the switch's labels. */
export const WORKSPACE_VIEWS = ['rows', 'compare', 'charts'] as const;
export type WorkspaceView = (typeof WORKSPACE_VIEWS)[number];

export const VIEW_LABELS: Record<WorkspaceView, string> = { rows: 'Rows', compare: 'Compare', charts: 'Charts' };

/** Two versions compared: what the diff, the restatement chart and the diff grid are about. */
export interface ComparePair {
  readonly from: number;
  readonly to: number;
}

/** A row chosen for its history: a key column and a value of it (as the rowHistory method takes it). */
export interface RowPick {
  readonly column: string;
  readonly value: string | number;
  /** The value as shown (a timestamp is picked as UTC ms but read as text). */
  readonly text: string;
}
