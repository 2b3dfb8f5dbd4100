// A memo with a size limit, for values that are costly to make and few in practice (an Intl
// formatter per locale). Keys come from requests (a locale the reader's browser asks for), so the
// memo forgets its oldest entry beyond `max` instead of growing with every new key.

export interface BoundedMemo<V> {
  get(key: string): V;
  readonly size: number;
}

export function boundedMemo<V>(max: number, make: (key: string) => V): BoundedMemo<V> {
  if (!(max >= 1)) throw new RangeError(`max must be at least 1, not ${max}`);
  const entries = new Map<string, V>();
  return {
    get(key) {
      let v = entries.get(key);
      if (v === undefined) {
        v = make(key);
        if (entries.size >= max) entries.delete(entries.keys().next().value!);
        entries.set(key, v);
      }
      return v;
    },
    get size() {
      return entries.size;
    },
  };
}
