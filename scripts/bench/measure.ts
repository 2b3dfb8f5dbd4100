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

/** Resident memory of a process and its children (Linux /proc), in MiB. */
export function rssMiB(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const children = fs.readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
    } catch {
      /* the process ended */
    }
  };
  visit(pid);
  return kb / 1024;
}

/** Samples the peak RSS of a process tree until stopped. */
export function rssSampler(pid: number, everyMs = 250) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), everyMs);
  return { peak: () => peak, stop: () => clearInterval(timer) };
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
