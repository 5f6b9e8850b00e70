/** Decoding the Arrow IPC windows the worker sends. */
import { tableFromIPC, type Table } from 'apache-arrow';

export function decodeWindow(ipc: Uint8Array): Table {
  return tableFromIPC(ipc);
}
