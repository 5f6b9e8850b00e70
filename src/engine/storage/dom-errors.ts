/**
 * Helpers to classify the DOMExceptions thrown by IndexedDB and OPFS. Checked by `name` rather than `instanceof`,
 * because fake-indexeddb (Node) and other realms throw their own DOMException-like objects.
 */

/** The `name` of an Error / DOMException, or undefined for anything else. */
export function errorName(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string') return e.name;
  return undefined;
}

/** The `message` of an Error-like value, else its string form. */
export function errorMessage(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'message' in e && typeof e.message === 'string') return e.message;
  return String(e);
}

export function isQuotaError(e: unknown): boolean {
  return errorName(e) === 'QuotaExceededError';
}

export function isNotFoundError(e: unknown): boolean {
  return errorName(e) === 'NotFoundError';
}
