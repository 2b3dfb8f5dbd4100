// scripts/bench/cpu-top.ts: self time per function from a V8 CPU profile, in a time window.
import { describe, expect, it } from "vitest";
import { originOf, selfTimeByOrigin, topSelfTime, type CpuProfile } from "@/scripts/bench/cpu-top";

const frame = (functionName: string, url = "") => ({ functionName, url, lineNumber: 0, columnNumber: 0 });

// root → render (next) → cellText (a server chunk); plus the idle node. Samples 1 ms apart.
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame("(root)"), children: [2, 4] },
    { id: 2, callFrame: frame("render", "file:///app/node_modules/next/dist/server/render.js"), children: [3] },
    { id: 3, callFrame: frame("cellText", "file:///app/.next/standalone/.next/server/chunks/ssr/x.js") },
    { id: 4, callFrame: frame("(idle)") },
  ],
  startTime: 1_000_000,
  endTime: 1_010_000,
  samples: [3, 3, 2, 4, 4, 4, 3, 2, 3, 3],
  timeDeltas: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

describe("cpu-top", () => {
  it("sums self time per function, busiest first, without idle time", () => {
    const { total, entries } = topSelfTime(profile, 5);
    expect(total).toBe(7);
    expect(entries.map((e) => [e.name, e.selfMs, e.origin])).toEqual([
      ["cellText", 5, "bundle"],
      ["render", 2, "next"],
    ]);
    expect(entries[0].share).toBeCloseTo(5 / 7);
  });

  it("counts only the samples inside a window", () => {
    // Sample i is at startTime + (i + 1) ms: the window holds samples 6–9 (3, 2, 3, 3).
    const window = { from: 1_007_000, to: 1_010_000 };
    expect(topSelfTime(profile, 5, window).entries.map((e) => [e.name, e.selfMs])).toEqual([
      ["cellText", 3],
      ["render", 1],
    ]);
    expect(selfTimeByOrigin(profile, window)).toEqual({ bundle: 3, next: 1 });
  });

  it("tells where a frame's code comes from", () => {
    expect(originOf("")).toBe("v8");
    expect(originOf("node:internal/streams")).toBe("node");
    expect(originOf("file:///x/node_modules/react-dom/cjs/server.js")).toBe("react");
    expect(originOf("file:///x/node_modules/@prisma/client/runtime/client.js")).toBe("node_modules");
    expect(originOf("file:///x/lib/dashboard/format.ts")).toBe("ours");
  });
});
