import { CheckIcon, InfoIcon } from './icons';

/** One line of the import status: a commit ("Committed version N of <table>") or a cancellation. */
export function StatusLine({ line }: { line: string }) {
  const committed = line.startsWith('Committed');
  return (
    <div className={committed ? 'imp-status-line' : 'imp-status-line imp-status-cancelled'}>
      {committed ? <CheckIcon /> : <InfoIcon />}
      <span>{line}</span>
    </div>
  );
}

const COMMITTED = /^Committed version (\d+) of (.+)$/;

/**
 * The status lines as the header shows them: up to three as they are; beyond that, consecutive commits to one table
 * are folded into one line ("Committed versions 1–70 of ticks") so that importing many files does not flood the
 * header (every line stays in the region's title).
 */
export function condensedStatus(lines: readonly string[]): string[] {
  if (lines.length <= 3) return [...lines];
  const out: string[] = [];
  let run: { table: string; first: number; last: number } | null = null;
  const flush = () => {
    if (!run) return;
    out.push(
      run.first === run.last
        ? `Committed version ${run.first} of ${run.table}`
        : `Committed versions ${run.first}–${run.last} of ${run.table}`,
    );
    run = null;
  };
  for (const line of lines) {
    const m = COMMITTED.exec(line);
    if (m && run && m[2] === run.table && Number(m[1]) === run.last + 1) {
      run.last += 1;
      continue;
    }
    flush();
    if (m) run = { table: m[2]!, first: Number(m[1]), last: Number(m[1]) };
    else out.push(line);
  }
  flush();
  return out;
}
