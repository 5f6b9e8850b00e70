/** The slice of daff's API the benchmark uses (daff ships no types). */
declare module 'daff' {
  export class TableView {
    constructor(data: unknown[][]);
  }
  export class CompareFlags {
    addPrimaryKey(column: string): void;
  }
  export interface Alignment {
    readonly __alignment: true;
  }
  export function compareTables(local: TableView, remote: TableView, flags?: CompareFlags): { align(): Alignment };
  export class TableDiff {
    constructor(alignment: Alignment, flags: CompareFlags);
    hilite(output: TableView): boolean;
  }
  const daff: {
    TableView: typeof TableView;
    CompareFlags: typeof CompareFlags;
    compareTables: typeof compareTables;
    TableDiff: typeof TableDiff;
  };
  export default daff;
}
