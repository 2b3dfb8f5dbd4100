// The top entries of a V8 CPU profile (node --cpu-prof) by self time, and the share of our own code.
// Usage: npx tsx scripts/bench/cpu-top.ts <file.cpuprofile> [--top=20] [--window=<window.json>]
// (profile.ts writes window.json: the load phase, in the profile's clock.)
import fs from "node:fs";
import path from "node:path";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTimeEntry {
  name: string;
  where: string;
  /** Milliseconds of samples whose top frame was this function. */
  selfMs: number;
  share: number;
  origin: "ours" | "bundle" | "next" | "react" | "node_modules" | "node" | "v8";
}

/**
 * Where a frame's code comes from: our source, a server chunk of the build (our code and the packages
 * bundled with it: the function name tells which), Next, React, another package, Node, or V8 itself.
 */
export function originOf(url: string): SelfTimeEntry["origin"] {
  if (!url) return "v8";
  if (url.startsWith("node:")) return "node";
  const u = url.replace(/\\/g, "/");
  if (/node_modules\/next\/|\/next\/dist\/|\[next\]|_next-internal/.test(u)) return "next";
  if (/node_modules\/(react|react-dom|scheduler)\/|react-server-dom|react-dom/.test(u)) return "react";
  if (u.includes("node_modules/")) return "node_modules";
  if (/\/\.next[^/]*\/server\//.test(u)) return "bundle";
  return "ours";
}

/**
 * A window of the profile in V8's clock (µs of CLOCK_MONOTONIC, the clock of process.hrtime() in any
 * process of the machine), e.g. the load phase without start-up and heap snapshots.
 */
export interface Window {
  from: number;
  to: number;
}

/** The samples (node id, ms) whose time falls in the window (all without one). */
function samplesIn(profile: CpuProfile, window?: Window): [number, number][] {
  const out: [number, number][] = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    if (window && (t < window.from || t > window.to)) continue;
    out.push([profile.samples[i], (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0) / 1000]);
  }
  return out;
}

/** Self time per function (name + place), highest first. */
export function topSelfTime(
  profile: CpuProfile,
  top = 20,
  window?: Window,
): { total: number; entries: SelfTimeEntry[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (const [id, ms] of samplesIn(profile, window)) self.set(id, (self.get(id) ?? 0) + ms);
  const grouped = new Map<string, SelfTimeEntry>();
  let total = 0;
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id)!;
    // Waiting for work is not work: shares are of the time the process was busy.
    if (f.functionName === "(idle)") continue;
    total += ms;
    const name = f.functionName || "(anonymous)";
    const where = f.url ? `${shortUrl(f.url)}:${f.lineNumber + 1}` : "";
    const key = `${name}@${where}`;
    const e = grouped.get(key) ?? { name, where, selfMs: 0, share: 0, origin: originOf(f.url) };
    e.selfMs += ms;
    grouped.set(key, e);
  }
  const entries = [...grouped.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top);
  for (const e of entries) e.share = total ? e.selfMs / total : 0;
  return { total, entries };
}

/** Busy self time summed by origin (ours, Next, React…), in ms. */
export function selfTimeByOrigin(profile: CpuProfile, window?: Window): Record<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const out: Record<string, number> = {};
  for (const [id, ms] of samplesIn(profile, window)) {
    const f = byId.get(id)!.callFrame;
    if (f.functionName === "(idle)") continue;
    const o = originOf(f.url);
    out[o] = (out[o] ?? 0) + ms;
  }
  return out;
}

function shortUrl(url: string): string {
  const u = url.replace(/^file:\/\//, "");
  const i = u.lastIndexOf("node_modules/");
  if (i >= 0) return u.slice(i + "node_modules/".length);
  const s = u.search(/\/\.next[^/]*\//);
  return s >= 0 ? u.slice(s + 1) : path.basename(u);
}

export function formatTop(profile: CpuProfile, top = 20, window?: Window): string {
  const { total, entries } = topSelfTime(profile, top, window);
  const origins = selfTimeByOrigin(profile, window);
  const lines = [
    `Profile: ${(total / 1000).toFixed(1)} s busy${window ? " in the window" : ""}; by origin: ${Object.entries(origins)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${((100 * v) / total).toFixed(1)} %`)
      .join(", ")}`,
    "",
    "| # | self ms | share | function | where | origin |",
    "|---:|---:|---:|---|---|---|",
    ...entries.map(
      (e, i) =>
        `| ${i + 1} | ${e.selfMs.toFixed(0)} | ${(100 * e.share).toFixed(1)} % | ${e.name} | ${e.where} | ${e.origin} |`,
    ),
  ];
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error("Usage: npx tsx scripts/bench/cpu-top.ts <file.cpuprofile> [--top=20] [--window=<window.json>]");
    process.exit(2);
  }
  const top = Number(process.argv.find((a) => a.startsWith("--top="))?.slice(6) ?? 20);
  const windowFile = process.argv.find((a) => a.startsWith("--window="))?.slice(9);
  const window = windowFile ? (JSON.parse(fs.readFileSync(windowFile, "utf8")) as Window) : undefined;
  console.log(formatTop(JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile, top, window));
}
