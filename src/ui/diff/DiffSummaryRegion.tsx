import type { DiffSummary } from '../../protocol/dto';
import { formatCount } from '../common/format';

export interface DiffSummaryRegionProps {
  readonly summary: DiffSummary | undefined;
  /** False while a newer diff is being computed (the previous summary stays, dimmed). */
  readonly current: boolean;
  readonly error: string | null;
}

/** "Diff summary": rows added / removed / changed, changed cells per column, the key used and any notice. */
export function DiffSummaryRegion({ summary, current, error }: DiffSummaryRegionProps) {
  const cells = summary ? Object.entries(summary.changedCells).filter(([, n]) => n > 0) : [];
  const totalCells = cells.reduce((sum, [, n]) => sum + n, 0);
  return (
    <section
      className={`diff-summary${current ? '' : ' outdated'}`}
      aria-label="Diff summary"
      aria-busy={!current && !error}
    >
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
      {!summary && !error && <p className="muted">Comparing…</p>}
      {summary && (
        <>
          <p className="diff-counts">
            <span className="diff-count diff-count-added">
              <strong>{summary.added.toLocaleString('en-US')}</strong> added
            </span>
            <span className="diff-count diff-count-removed">
              <strong>{summary.removed.toLocaleString('en-US')}</strong> removed
            </span>
            <span className="diff-count diff-count-changed">
              <strong>{summary.changed.toLocaleString('en-US')}</strong> changed
            </span>
            <span className="diff-count-note">
              {summary.mode === 'keyed' ? 'rows' : 'whole rows'} · v{summary.from} → v{summary.to}
            </span>
          </p>
          {summary.mode === 'keyed' && (
            <div className="diff-cells">
              <span className="diff-meta-label">{formatCount(totalCells, 'changed cell')}</span>
              {cells.length > 0 && (
                <ul className="diff-cell-counts" aria-label="Changed cells per column">
                  {cells.map(([name, n]) => (
                    <li key={name}>
                      <span className="diff-cell-column">{name}</span> {n.toLocaleString('en-US')}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <p className="diff-key">
            {summary.keyUsed ? (
              <>
                Key: <strong>{summary.keyUsed.join(', ')}</strong>
                {summary.keySource === 'inferred' ? ' (inferred)' : ''}
              </>
            ) : (
              'No key: whole rows compared'
            )}
            <span className="muted"> · {Math.round(summary.ms).toLocaleString('en-US')} ms</span>
          </p>
          {summary.notice && <p className="diff-notice">{summary.notice}</p>}
        </>
      )}
    </section>
  );
}
