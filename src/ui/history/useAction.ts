import { useCallback, useState } from 'react';
import { messageOf } from '../common/format';

export interface ActionOutcome {
  readonly kind: 'ok' | 'error';
  readonly text: string;
}

/** Runs one user action at a time and keeps what came of it, for a status line. */
export function useAction() {
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const run = useCallback(async (label: string, action: () => Promise<string>) => {
    setBusy(label);
    setOutcome(null);
    try {
      setOutcome({ kind: 'ok', text: await action() });
    } catch (e) {
      setOutcome({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, outcome, run, report: setOutcome };
}
