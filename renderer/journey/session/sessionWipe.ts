/**
 * Everything of a person that can outlive React state in the page: web storage, Cache Storage,
 * history entries, object URLs of previews and the text selection. React state and the DOM go
 * with the remount of the journey (a new session key).
 */
export interface WipeTargets {
  sessionStorage: Storage;
  localStorage: Storage;
  caches?: CacheStorage;
  history?: History;
}

export async function wipeSessionTraces(
  targets: WipeTargets,
  preservedSessionKeys: readonly string[],
  objectUrls: Iterable<string> = [],
): Promise<void> {
  const keep = new Map<string, string>();
  for (const key of preservedSessionKeys) {
    const value = targets.sessionStorage.getItem(key);
    if (value !== null) keep.set(key, value);
  }
  targets.sessionStorage.clear();
  for (const [key, value] of keep) targets.sessionStorage.setItem(key, value);
  // Nothing of the journey belongs in localStorage; whatever is there came from a session.
  targets.localStorage.clear();
  if (targets.caches) {
    for (const name of await targets.caches.keys()) await targets.caches.delete(name);
  }
  // The journey never pushes history entries, but a stray one must not carry a person's state.
  targets.history?.replaceState(null, '');
  for (const url of objectUrls) if (url.startsWith('blob:')) URL.revokeObjectURL(url);
}
