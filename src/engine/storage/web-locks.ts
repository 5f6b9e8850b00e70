import { StrataError } from '../errors';
import type { LockMode, Locks } from './ports';

/**
 * {@link Locks} over the Web Locks API (`navigator.locks`): names are shared by every tab and worker of the origin, and
 * a lock is released when `fn` settles or its context dies. An aborted `signal` rejects a request that is still waiting
 * with the signal's reason (a DOMException named AbortError by default); it does not affect a granted lock.
 *
 * Seen on Chromium 156: aborting a waiting request does not re-process the queue (the spec says it should), so a
 * shared request queued behind an aborted exclusive one waits until the current holder releases. Do not rely on an
 * abort to let other waiters through sooner.
 */
export class WebLocks implements Locks {
  private readonly locks: LockManager;

  /** Throws STORAGE_UNAVAILABLE when the context has no Web Locks (insecure origin, very old browser). */
  constructor(
    locks: LockManager | undefined = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks,
  ) {
    if (locks === undefined)
      throw new StrataError('STORAGE_UNAVAILABLE', 'Web Locks are not available in this context');
    this.locks = locks;
  }

  request<T>(name: string, mode: LockMode, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const options: LockOptions = signal === undefined ? { mode } : { mode, signal };
    return this.locks.request(name, options, () => fn()) as Promise<T>;
  }

  async heldNames(): Promise<Set<string>> {
    const snapshot = await this.locks.query();
    const names = new Set<string>();
    for (const lock of snapshot.held ?? []) if (lock.name !== undefined) names.add(lock.name);
    return names;
  }
}
