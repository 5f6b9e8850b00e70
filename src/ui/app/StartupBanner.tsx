import { useEffect, useState } from 'react';
import { getClient } from '../../client/client';
import { formatLocalTime, messageOf } from '../common/format';

/**
 * What the worker found at start-up (storage it cannot use, imports cut short, other warnings), or why it could not
 * start. Nothing is shown when all is well.
 */
export function StartupBanner() {
  const [notes, setNotes] = useState<string[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    getClient().ready.then(
      (hello) =>
        setNotes([
          ...hello.storageProblems,
          ...hello.incompleteImports.map(
            (i) =>
              `An import into ${i.tableName} started ${formatLocalTime(i.startedAt)} did not finish and was discarded: ${i.description}`,
          ),
          ...hello.warnings,
        ]),
      (e: unknown) => setFailure(messageOf(e)),
    );
  }, []);

  if (failure) {
    return (
      <div className="banner banner-error" role="alert">
        Strata could not start: {failure}
      </div>
    );
  }
  if (notes.length === 0 || dismissed) return null;
  return (
    <div className="banner banner-warning" aria-live="polite">
      <ul className="plain-list">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <button type="button" className="button button-quiet" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </div>
  );
}
