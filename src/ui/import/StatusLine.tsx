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
