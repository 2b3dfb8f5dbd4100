import "server-only";

// Aggregates are the same for every reader of a scope, so identical requests share one run:
// concurrent callers wait on the same promise (no stampede of identical SQL under load), and a
// result is reused for a few seconds. Authorization is checked by the callers BEFORE they ask,
// so sharing never widens what anyone reads. Keyed per database client, so tests on scratch
// databases never see each other's figures. Figures may be up to TTL_MS old; dashboards say "as of".
export const TTL_MS = 15_000;
const MAX_ENTRIES = 500;

type Entry = { at: number; value: Promise<unknown>; generation: number };

/**
 * `generation` is bumped by every write that changes what the aggregates read (a spot-check
 * target, a mine's status…): results of an older generation are not reused, so the writer's next
 * page shows its change at once. Per server process, like the results themselves; other processes
 * catch up within TTL_MS. Kept on globalThis because the production build gives route handlers
 * (GET /api/v1/metrics) and pages with their server actions separate copies of this module, and of
 * `db` (so the same database has a different client object in each): a write in one copy must
 * reach the figures the other copy shares.
 */
type State = { byClient: WeakMap<object, Map<string, Entry>>; generation: number };
const state: State = ((globalThis as unknown as { sharedResults?: State }).sharedResults ??= {
  byClient: new WeakMap(),
  generation: 0,
});

/** Forgets every shared result (of every client): call it after a write the figures depend on has committed. */
export function forgetSharedResults(): void {
  state.generation++;
}

export function shared<T>(
  client: object,
  name: string,
  params: unknown,
  run: () => Promise<T>,
  now = Date.now(),
): Promise<T> {
  let entries = state.byClient.get(client);
  if (!entries) state.byClient.set(client, (entries = new Map()));
  const key = `${name}:${JSON.stringify(params)}`;
  const hit = entries.get(key);
  // A waiter whose shared run failed runs once itself: the failure (e.g. a lost connection,
  // answered per request) belongs to the request that started the run, not to every waiter.
  if (hit && hit.generation === state.generation && now - hit.at < TTL_MS) return (hit.value as Promise<T>).catch(run);
  if (entries.size >= MAX_ENTRIES) {
    for (const [k, e] of entries) if (now - e.at >= TTL_MS) entries.delete(k);
    if (entries.size >= MAX_ENTRIES) entries.clear();
  }
  const value = run();
  entries.set(key, { at: now, value, generation: state.generation });
  // A failure is not kept: the next caller tries again.
  value.catch(() => entries.delete(key));
  return value;
}

/**
 * Drops the shared results after a write that changes figures (the register's mines and production
 * status), so the next reader computes them afresh instead of reading up to TTL_MS-old figures that
 * no longer hold. Every client's: another copy of this module knows the same database by another
 * client object (see State).
 */
export function forgetShared(client: object): void {
  state.byClient.get(client)?.clear();
  state.generation++;
}
