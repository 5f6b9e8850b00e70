import type { ChangeEvent } from './ports';

/** The kinds a {@link ChangeEvent} may have. */
export const CHANGE_KINDS = ['commit', 'tables', 'tags', 'retention'] as const satisfies readonly ChangeEvent['kind'][];

/**
 * True for a well-formed ChangeEvent. Messages from another tab may come from an older or newer build, so they are
 * checked before listeners see them.
 */
export function isChangeEvent(value: unknown): value is ChangeEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    (CHANGE_KINDS as readonly unknown[]).includes(e.kind) &&
    (e.tableId === undefined || typeof e.tableId === 'string') &&
    (e.version === undefined || typeof e.version === 'number')
  );
}

/**
 * Calls every listener with the event. A throwing listener must not keep the event from the others, nor break the
 * publisher: its error is rethrown on a fresh task, where it is reported as uncaught (and fails a test).
 */
export function deliver(listeners: Iterable<(event: ChangeEvent) => void>, event: ChangeEvent): void {
  for (const listener of [...listeners]) {
    try {
      listener(event);
    } catch (e) {
      setTimeout(() => {
        throw e;
      });
    }
  }
}
