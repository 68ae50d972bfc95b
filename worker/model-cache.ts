// Stored models kept in the isolate's memory for a minute, in front of KV.
//
// Why: a model is read on every prediction, and most predictions ask a model read moments ago;
// a local KV read costs about as much as the whole rest of a predict request. A stored model
// never changes (it is written once under a random id), so a copy can only go stale by being
// deleted or by expiring.
//
// Why this adds no staleness: KV itself is eventually consistent. A delete (or a new key) takes
// up to ~60 s to be seen from other locations, because each location caches what it read for
// about that long. Entries here live at most 60 s (`maxAgeMs`) and never past the model's own
// expiry, so another location's delete is seen no later than KV would show it; a delete made
// through this isolate drops the entry at once (`forget`). Missing ids are not cached: a model
// stored elsewhere a moment ago is looked up in KV as before.
//
// Bounded: at most `maxEntries` models and `maxBytes` of their stored JSON (the parsed objects
// take a small multiple of it), least recently used out first. An isolate has 128 MB.
//
// It holds whatever its user keeps (store.ts keeps each model with its token hash) and imports
// nothing from that user: it only needs to know when an entry's model expires.

/** What the cache needs of an entry: the expiry of the model it holds. */
export type ExpiringEntry = { readonly stored: { readonly expiresAt: string } };

export type ModelCacheOptions = { maxEntries: number; maxBytes: number; maxAgeMs: number };

export const defaultCacheOptions: ModelCacheOptions = {
  maxEntries: 256,
  maxBytes: 8 * 1024 * 1024,
  maxAgeMs: 60_000,
};

type Entry<T> = { loaded: T; bytes: number; until: number };

export type ModelCache<T extends ExpiringEntry> = {
  /** The model if held and not older than `maxAgeMs` (nor past its own expiry), else undefined. */
  get(id: string, now: number): T | undefined;
  /** Keeps a model just read from KV; `bytes` is the size of its stored JSON. */
  set(id: string, loaded: T, bytes: number, now: number): void;
  /** Drops a model: it was deleted, or KV no longer has it. */
  forget(id: string): void;
  readonly size: number;
};

export function createModelCache<T extends ExpiringEntry>(
  options: ModelCacheOptions = defaultCacheOptions,
): ModelCache<T> {
  // A Map iterates in insertion order: re-inserting on each hit keeps the least recent first.
  const entries = new Map<string, Entry<T>>();
  let bytesHeld = 0;

  const forget = (id: string) => {
    const entry = entries.get(id);
    if (!entry) return;
    entries.delete(id);
    bytesHeld -= entry.bytes;
  };

  return {
    get(id, now) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      forget(id);
      if (now >= entry.until) return undefined;
      entries.set(id, entry);
      bytesHeld += entry.bytes;
      return entry.loaded;
    },
    set(id, loaded, bytes, now) {
      forget(id);
      if (bytes > options.maxBytes) return;
      const expires = Date.parse(loaded.stored.expiresAt);
      const until = Math.min(now + options.maxAgeMs, Number.isNaN(expires) ? now : expires);
      if (until <= now) return;
      while (entries.size >= options.maxEntries || bytesHeld + bytes > options.maxBytes) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        forget(oldest.value);
      }
      entries.set(id, { loaded, bytes, until });
      bytesHeld += bytes;
    },
    forget,
    get size() {
      return entries.size;
    },
  };
}
