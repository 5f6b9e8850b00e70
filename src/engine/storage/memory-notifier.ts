import { deliver } from './change-event';
import type { ChangeEvent, Notifier } from './ports';

/**
 * An in-process {@link Notifier} for unit tests. A standalone one delivers each publish synchronously to its own
 * subscribers (one engine observing itself). {@link linkedMemoryNotifiers} makes notifiers that behave like
 * BroadcastChannels of one name in several tabs: each publish reaches the others, never the publisher.
 * Events are structured-cloned, as a real channel would, so a listener cannot mutate the publisher's object.
 */
export class MemoryNotifier implements Notifier {
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  /** Who receives this notifier's publishes: itself, or its linked peers. */
  #targets: readonly MemoryNotifier[] = [this];

  /** `n` notifiers linked to each other (BroadcastChannel semantics: no echo to the publisher). */
  static linked(n: number): MemoryNotifier[] {
    const notifiers = Array.from({ length: n }, () => new MemoryNotifier());
    for (const notifier of notifiers) notifier.#targets = notifiers.filter((other) => other !== notifier);
    return notifiers;
  }

  publish(event: ChangeEvent): void {
    for (const target of this.#targets) deliver(target.listeners, structuredClone(event));
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** `n` notifiers that deliver to each other but not to themselves, to simulate `n` tabs in a unit test. */
export function linkedMemoryNotifiers(n: number): MemoryNotifier[] {
  return MemoryNotifier.linked(n);
}
