// What a V8 heap snapshot holds, summed by kind and constructor, and what grew between two snapshots.
// Usage: npx tsx scripts/bench/heap-top.ts <after.heapsnapshot> [<before.heapsnapshot>] [--top=25]
import fs from "node:fs";

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

export type HeapSummary = Map<string, { count: number; bytes: number }>;

/** Self size and count per "type:constructor" (e.g. "object:Map", "string", "closure:render"). */
export function summarize(s: Snapshot): HeapSummary {
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const width = fields.length;
  const [iType, iName, iSize] = ["type", "name", "self_size"].map((f) => fields.indexOf(f));
  const out: HeapSummary = new Map();
  for (let i = 0; i < s.nodes.length; i += width) {
    const type = types[s.nodes[i + iType]];
    // Strings, code and arrays are grouped by type alone; objects and closures by their constructor's name.
    const named = type === "object" || type === "closure" || type === "native";
    const key = named ? `${type}:${s.strings[s.nodes[i + iName]].slice(0, 60)}` : type;
    const e = out.get(key) ?? { count: 0, bytes: 0 };
    e.count++;
    e.bytes += s.nodes[i + iSize];
    out.set(key, e);
  }
  return out;
}

function read(file: string): HeapSummary {
  return summarize(JSON.parse(fs.readFileSync(file, "utf8")) as Snapshot);
}

export function formatHeap(after: HeapSummary, before?: HeapSummary, top = 25): string {
  const total = (m: HeapSummary) => [...m.values()].reduce((a, e) => a + e.bytes, 0);
  const mb = (b: number) => (b / 2 ** 20).toFixed(2);
  const rows = [...after.entries()].map(([k, e]) => {
    const b = before?.get(k) ?? { count: 0, bytes: 0 };
    return { k, ...e, growth: e.bytes - b.bytes, countGrowth: e.count - b.count };
  });
  rows.sort((a, b) => (before ? b.growth - a.growth : b.bytes - a.bytes));
  return [
    `Heap: ${mb(total(after))} MiB${before ? ` (before: ${mb(total(before))} MiB)` : ""}`,
    "",
    `| kind | count | MiB |${before ? " growth MiB | growth count |" : ""}`,
    `|---|---:|---:|${before ? "---:|---:|" : ""}`,
    ...rows
      .slice(0, top)
      .map(
        (r) =>
          `| ${r.k.replace(/\|/g, "\\|")} | ${r.count} | ${mb(r.bytes)} |${before ? ` ${mb(r.growth)} | ${r.countGrowth} |` : ""}`,
      ),
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [after, before] = process.argv.slice(2).filter((a) => !a.startsWith("--"));
  if (!after) {
    console.error("Usage: npx tsx scripts/bench/heap-top.ts <after.heapsnapshot> [<before.heapsnapshot>] [--top=25]");
    process.exit(2);
  }
  const top = Number(process.argv.find((a) => a.startsWith("--top="))?.slice(6) ?? 25);
  console.log(formatHeap(read(after), before ? read(before) : undefined, top));
}
