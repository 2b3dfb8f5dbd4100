import "server-only";

// Aggregates are the same for every reader of a scope, so identical requests share one run:
// concurrent callers wait on the same promise (no stampede of identical SQL under load), and a
// result is reused for a few seconds. Authorization is checked by the callers BEFORE they ask,
// so sharing never widens what anyone reads. Keyed per database client, so tests on scratch
// databases never see each other's figures. Figures may be up to TTL_MS old; dashboards say "as of".
export const TTL_MS = 15_000;
const MAX_ENTRIES = 500;

type Entry = { at: number; value: Promise<unknown>; generation: number };
const byClient = new WeakMap<object, Map<string, Entry>>();

/**
 * Bumped by every write that changes what the aggregates read (a spot-check target, a mine's
 * status…): results of an older generation are not reused, so the writer's next page shows its
 * change at once. Per server process, like the results themselves; other processes catch up
 * within TTL_MS.
 */
let generation = 0;

/** Forgets every shared result (of every client): call it after a write the figures depend on has committed. */
export function forgetSharedResults(): void {
  generation++;
}

export function shared<T>(
  client: object,
  name: string,
  params: unknown,
  run: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  let entries = byClient.get(client);
  if (!entries) byClient.set(client, (entries = new Map()));
  const key = `${name}:${JSON.stringify(params)}`;
  const hit = entries.get(key);
  // A waiter whose shared run failed runs once itself: the failure (e.g. a lost connection,
  // answered per request) belongs to the request that started the run, not to every waiter.
  if (hit && hit.generation === generation && now - hit.at < TTL_MS) return (hit.value as Promise<T>).catch(run);
  if (entries.size >= MAX_ENTRIES) {
    for (const [k, e] of entries) if (now - e.at >= TTL_MS) entries.delete(k);
    if (entries.size >= MAX_ENTRIES) entries.clear();
  }
  const value = run();
  entries.set(key, { at: now, value, generation });
  // A failure is not kept: the next caller tries again.
  value.catch(() => entries.delete(key));
  return value;
}

/**
 * Drops every shared result of a client: called by writes that change figures (the register's
 * mines and production status), so the next reader computes them afresh instead of reading up
 * to TTL_MS-old figures that no longer hold.
 */
export function forgetShared(client: object): void {
  byClient.get(client)?.clear();
}
