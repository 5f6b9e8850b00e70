import { useCallback, useEffect, useRef, useState } from 'react';
import type { TransferOptions } from '../../client/portability';
import type { TransferProgress } from '../../protocol/dto';

export interface RunningTransfer {
  /** What is running, for the progress bar's label ("Backing up the store"). */
  readonly label: string;
  readonly progress: TransferProgress | null;
}

/**
 * One cancellable worker task at a time, with its latest progress. `run` resolves or rejects as the task does
 * (ABORTED after `cancel`); leaving the component cancels a task still running.
 */
export function useTransfer() {
  const [running, setRunning] = useState<RunningTransfer | null>(null);
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(async <T>(label: string, task: (opts: TransferOptions) => Promise<T>): Promise<T> => {
    const c = new AbortController();
    controller.current = c;
    setRunning({ label, progress: null });
    try {
      return await task({
        signal: c.signal,
        onProgress: (progress) => {
          if (!c.signal.aborted) setRunning((r) => r && { ...r, progress });
        },
      });
    } finally {
      if (controller.current === c) controller.current = null;
      setRunning(null);
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);

  return { running, run, cancel };
}
