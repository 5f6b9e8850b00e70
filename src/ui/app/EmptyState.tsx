import { useState } from 'react';
import { getClient } from '../../client/client';
import type { CommitResult } from '../../protocol/api';
import { messageOf } from '../common/format';

export function LoadSampleButton({ onLoaded, primary }: { onLoaded: (r: CommitResult) => void; primary?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setBusy(true);
    setError(null);
    try {
      onLoaded(await getClient().api.loadSample());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button
        type="button"
        className={primary ? 'button button-primary button-large' : 'button button-quiet'}
        disabled={busy}
        onClick={() => void load()}
      >
        Load sample
      </button>
      {error && (
        <p role="alert" className="form-error">
          {error}
        </p>
      )}
    </>
  );
}

const STEPS = [
  ['Import', 'Drop a CSV anywhere on this window, or use Import CSV. Each import commits a version.'],
  ['Change', 'Append, overwrite, update by key or range, delete rows. Nothing is ever overwritten in place.'],
  ['Travel', 'Scrub the timeline to see any version, compare, tag it, restore it or export it.'],
] as const;

/** First visit: what Strata does, in three steps, and a one-click sample that shows time travel. */
export function EmptyState({ onLoaded }: { onLoaded: (r: CommitResult) => void }) {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <div className="drop-target" aria-hidden="true">
        <svg width="40" height="40" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path d="M12 3v12m0 0-4-4m4 4 4-4M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
        </svg>
      </div>
      <h2 id="empty-title">Drop a CSV here</h2>
      <p className="empty-lead">
        Strata keeps every version of your tables, right here in your browser. Nothing leaves this machine.
      </p>
      <ol className="steps">
        {STEPS.map(([title, text], i) => (
          <li key={title}>
            <span className="step-number">{i + 1}</span>
            <span>
              <strong>{title}</strong>
              <span className="muted"> {text}</span>
            </span>
          </li>
        ))}
      </ol>
      <div className="empty-actions">
        <LoadSampleButton onLoaded={onLoaded} primary />
        <p className="muted">
          Five versions of AAPL prices from the ArcticDB tutorial, including a restatement of 2024-01-02.
        </p>
      </div>
    </section>
  );
}
