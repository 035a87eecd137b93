/**
 * A tiny typed event hub: `on` returns its own unsubscribe, and a listener that throws is
 * reported through `onListenerError` instead of breaking the emitter or the other listeners.
 */
export class TypedListeners<Events extends object> {
  private readonly sets = new Map<keyof Events, Set<(value: never) => void>>();

  constructor(private readonly onListenerError: (event: keyof Events, error: unknown) => void) {}

  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): () => void {
    let set = this.sets.get(event);
    if (!set) {
      set = new Set();
      this.sets.set(event, set);
    }
    const entry = listener as (value: never) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const l of [...(this.sets.get(event) ?? [])]) {
      try {
        (l as (value: Events[K]) => void)(value);
      } catch (err) {
        this.onListenerError(event, err);
      }
    }
  }
}
