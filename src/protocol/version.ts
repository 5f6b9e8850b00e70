/** Bumped on any incompatible change to the API below; the client refuses a worker that speaks another version. */
export const PROTOCOL_VERSION = 1;
