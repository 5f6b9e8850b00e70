import { StrataError } from '../errors';
import { deliver, isChangeEvent } from './change-event';
import type { ChangeEvent, Notifier } from './ports';

/** The channel every Strata tab and worker of the origin listens on. */
export const STRATA_CHANNEL = 'strata';

/**
 * {@link Notifier} over a BroadcastChannel: delivers to every *other* BroadcastChannel of the same name in the origin
 * (other tabs, workers). BroadcastChannel does not echo a message to the instance that posted it, and this keeps that
 * behaviour: a tab already knows about its own commits, and other instances in the same tab (say the UI's and the
 * worker's) still receive it. Delivery is asynchronous; messages that are not ChangeEvents are ignored.
 */
export class BroadcastNotifier implements Notifier {
  private readonly channel: BroadcastChannel;
  private readonly listeners = new Set<(event: ChangeEvent) => void>();

  /** Throws STORAGE_UNAVAILABLE when the context has no BroadcastChannel. */
  constructor(channelName: string = STRATA_CHANNEL) {
    if (typeof globalThis.BroadcastChannel !== 'function') {
      throw new StrataError('STORAGE_UNAVAILABLE', 'BroadcastChannel is not available in this context');
    }
    this.channel = new BroadcastChannel(channelName);
    this.channel.onmessage = (message: MessageEvent<unknown>) => {
      if (isChangeEvent(message.data)) deliver(this.listeners, message.data);
    };
  }

  publish(event: ChangeEvent): void {
    this.channel.postMessage(event);
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops sending and receiving. */
  close(): void {
    this.listeners.clear();
    this.channel.close();
  }
}
