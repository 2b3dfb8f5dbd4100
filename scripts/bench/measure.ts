// Small measuring tools: repeated timings, process memory, first-load JavaScript of a page.
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { percentile } from "./http";

export async function timeRepeated(
  n: number,
  fn: () => Promise<unknown>,
): Promise<{ p50: number; p95: number; samples: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), samples: n };
}

/** Sums `read(pid)` over a process and its children (Linux /proc). */
function overTree(pid: number, read: (p: number) => number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      total += read(p);
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
    } catch {
      /* the process ended */
    }
  };
  visit(pid);
  return total;
}

/** Resident memory of a process and its children, in MiB. */
export function rssMiB(pid: number): number {
  const kb = overTree(pid, (p) =>
    Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0),
  );
  return kb / 1024;
}

/** CPU time (user + system) a process and its children have used so far, in seconds (100 ticks/s on Linux). */
export function cpuSeconds(pid: number): number {
  const ticks = overTree(pid, (p) => {
    // Fields after the command name "(…)": state is field 3, utime 14 and stime 15.
    const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  });
  return ticks / 100;
}

/** Runs `fn` and reports how many cores each process used meanwhile (CPU seconds per wall second). */
export async function withCpuShare<T>(pids: number[], fn: () => Promise<T>): Promise<{ result: T; cores: number[] }> {
  const before = pids.map(cpuSeconds);
  const start = performance.now();
  const result = await fn();
  const wall = (performance.now() - start) / 1000;
  return { result, cores: pids.map((p, i) => (cpuSeconds(p) - before[i]) / wall) };
}

/** Samples the peak RSS of a process tree until stopped. */
export function rssSampler(pid: number, everyMs = 250) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), everyMs);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

/**
 * Steady memory: what the server keeps once the load is over. Waits `idleMs` without load, then
 * averages the RSS over `windowMs`.
 */
export async function steadyRssMiB(pid: number, idleMs = 5000, windowMs = 2000): Promise<number> {
  await new Promise((r) => setTimeout(r, idleMs));
  const samples: number[] = [];
  for (let t = 0; t < windowMs; t += 250) {
    samples.push(rssMiB(pid));
    await new Promise((r) => setTimeout(r, 250));
  }
  return samples.reduce((a, b) => a + b, 0) / samples.length;
}

/** The JavaScript a first visit to `path` downloads: every <script src> of its HTML, gzipped, in KiB. */
export async function firstLoadJsKiB(base: string, path: string, cookie?: string): Promise<number> {
  const html = await (await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} })).text();
  const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1]))];
  let bytes = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    bytes += gzipSync(body, { level: 9 }).length;
  }
  return bytes / 1024;
}
