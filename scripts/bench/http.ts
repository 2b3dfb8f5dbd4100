// HTTP helpers for the benchmark: sign in through Auth.js, call a server action, load with autocannon.
import autocannon from "autocannon";

export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/home` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookie();
}

export interface LoadResult {
  connections: number;
  requests: number;
  throughput: number; // requests per second
  p50: number;
  p95: number;
  p99: number;
  errors: number; // connection errors, timeouts and non-2xx responses
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** Runs autocannon for `seconds` at `connections`, recording every response time for exact percentiles. */
export function load(url: string, connections: number, seconds: number, cookie?: string): Promise<LoadResult> {
  return loadSplit([url], connections, seconds, cookie);
}

/**
 * The same load split across several servers (one autocannon per URL, the connections shared out as
 * evenly as they go), as a round-robin proxy in front of them would spread it: one result for all.
 */
export async function loadSplit(
  urls: string[],
  connections: number,
  seconds: number,
  cookie?: string,
): Promise<LoadResult> {
  const times: number[] = [];
  const parts = await Promise.all(
    urls.map(
      (url, i) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const share = Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0);
          const instance = autocannon(
            { url, connections: share, duration: seconds, headers: cookie ? { cookie } : {}, timeout: 30 },
            (err, result) => (err ? reject(err) : resolve(result)),
          );
          instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
        }),
    ),
  );
  times.sort((a, b) => a - b);
  const requests = parts.reduce((n, r) => n + r.requests.total, 0);
  return {
    connections,
    requests,
    throughput: requests / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: parts.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0),
  };
}
