/** Generated ids: the only names ever given to data files (never user input). */
export function randomId(): string {
  return globalThis.crypto.randomUUID().replaceAll('-', '');
}
