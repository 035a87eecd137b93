/** A small typed event hub: `on` returns the unsubscribe function the contract expects. */
export class Listeners<Events extends Record<string, unknown>> {
  private readonly map = new Map<keyof Events, Set<(value: never) => void>>();

  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): () => void {
    let set = this.map.get(event);
    if (!set) {
      set = new Set();
      this.map.set(event, set);
    }
    set.add(listener as (value: never) => void);
    return () => set.delete(listener as (value: never) => void);
  }

  emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const l of this.map.get(event) ?? []) {
      // A listener's bug must not stop the device or the other listeners.
      try {
        (l as (v: Events[K]) => void)(value);
      } catch {}
    }
  }
}
