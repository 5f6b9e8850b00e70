import { useEffect, useState } from 'react';
import { getClient } from '../../client/client';
import { useUpgraded } from '../common/changes';
import { formatLocalTime, messageOf } from '../common/format';

/**
 * What the worker found at start-up (storage it cannot use, imports cut short, other warnings), or why it could not
 * start; and, at any time, that a newer build took the database over from another tab. Nothing is shown when all is
 * well.
 */
export function StartupBanner() {
  const [notes, setNotes] = useState<string[]>([]);
  const [reloadRequired, setReloadRequired] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const upgraded = useUpgraded();

  useEffect(() => {
    getClient().ready.then(
      (hello) => {
        setReloadRequired(hello.reloadRequired === true);
        setNotes([
          ...hello.storageProblems,
          ...hello.incompleteImports.map(
            (i) =>
              `An import into ${i.tableName} started ${formatLocalTime(i.startedAt)} did not finish and was discarded: ${i.description}`,
          ),
          ...hello.warnings,
        ]);
      },
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
  if (upgraded) {
    // Persistent (no Dismiss): this tab's storage connection is closed, nothing more can be saved from it.
    return (
      <div className="banner banner-error" role="alert">
        <span>A newer version of Strata was opened in another tab. Reload this tab to continue.</span>
        <ReloadButton />
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
      {reloadRequired ? (
        <ReloadButton />
      ) : (
        <button type="button" className="button button-quiet" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      )}
    </div>
  );
}

function ReloadButton() {
  return (
    <button type="button" className="button" onClick={() => window.location.reload()}>
      Reload
    </button>
  );
}
