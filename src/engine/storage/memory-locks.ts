import type { LockMode, Locks } from './ports';

interface Request {
  readonly mode: LockMode;
  /** Called when the lock is granted. */
  readonly grant: () => void;
}

/** Holders and waiters of one lock name. */
interface LockState {
  readonly held: Set<Request>;
  /** Waiting requests, oldest first. */
  readonly queue: Request[];
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The lock request was aborted', 'AbortError');
}

/**
 * An in-process {@link Locks} with Web Locks semantics, for unit tests: shared holders co-exist, exclusive excludes
 * all; requests are granted strictly in arrival order per name (a shared request waits behind an earlier waiting
 * exclusive one, so writers are not starved); aborting the signal of a waiting request rejects it with the signal's
 * reason (an AbortError DOMException by default) and does nothing once the lock is granted.
 */
export class MemoryLocks implements Locks {
  private readonly states = new Map<string, LockState>();

  request<T>(name: string, mode: LockMode, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const state = this.state(name);
    return new Promise<Request>((resolve, reject) => {
      const onAbort = (): void => {
        const i = state.queue.indexOf(request);
        if (i < 0) return; // already granted: aborting no longer matters
        state.queue.splice(i, 1);
        reject(abortReason(signal as AbortSignal));
        // The removed waiter may have been an exclusive one blocking the requests behind it.
        this.pump(name, state);
      };
      const request: Request = {
        mode,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(request);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      state.queue.push(request);
      this.pump(name, state);
    }).then(async (granted) => {
      try {
        return await fn();
      } finally {
        state.held.delete(granted);
        this.pump(name, state);
      }
    });
  }

  heldNames(): Promise<Set<string>> {
    const names = new Set<string>();
    for (const [name, state] of this.states) if (state.held.size > 0) names.add(name);
    return Promise.resolve(names);
  }

  private state(name: string): LockState {
    let state = this.states.get(name);
    if (state === undefined) {
      state = { held: new Set(), queue: [] };
      this.states.set(name, state);
    }
    return state;
  }

  /** Grants waiting requests from the front of the queue while they are compatible with the holders. */
  private pump(name: string, state: LockState): void {
    for (let next = state.queue[0]; next !== undefined; next = state.queue[0]) {
      const compatible =
        state.held.size === 0 || (next.mode === 'shared' && [...state.held].every((h) => h.mode === 'shared'));
      if (!compatible) break;
      state.queue.shift();
      state.held.add(next);
      next.grant();
    }
    if (state.held.size === 0 && state.queue.length === 0) this.states.delete(name);
  }
}
