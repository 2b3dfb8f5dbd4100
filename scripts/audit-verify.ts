// Verifies the audit log's hash chain: `npm run audit:verify` (DATABASE_URL). Recomputes every row's
// hash in Node and checks every prevHash link (lib/server/audit-chain.ts). Exit 0 when intact, 1 at
// the first broken row (printed with the reason), 2 when it could not run.
//
//   --anchor=<id>:<hash>   also require that row <id> still has <hash> (a head recorded earlier), which
//                          detects rows removed from the end of the chain; repeatable.
//   --batch=<n>            rows per query (default 10000).
import { verifyAuditChain } from "../lib/server/audit-chain";

function option(name: string): string[] {
  const prefix = `--${name}=`;
  return process.argv.filter((a) => a.startsWith(prefix)).map((a) => a.slice(prefix.length));
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set.");
    return 2;
  }
  const anchors = option("anchor").map((a) => {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(a);
    if (!m) throw new Error(`--anchor must be <id>:<64 hex digits>: ${a}`);
    return { id: m[1], hash: m[2] };
  });
  const batchSize = Number(option("batch")[0] ?? 10_000);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error("--batch must be a positive integer");

  const started = performance.now();
  const seen = new Map<string, string>();
  const result = await verifyAuditChain(url, {
    batchSize,
    onRow: (row) => {
      if (anchors.some((a) => a.id === row.id)) seen.set(row.id, row.hash ?? "");
    },
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!result.ok) {
    const b = result.firstBroken!;
    console.log(`audit chain: BROKEN at row ${b.id}: ${b.reason}`);
    console.log(`  ${b.detail}`);
    console.log(`  ${result.checked} rows checked (${seconds} s)`);
    return 1;
  }
  for (const a of anchors) {
    const found = seen.get(a.id);
    if (found !== a.hash) {
      console.log(`audit chain: BROKEN at row ${a.id}: anchor mismatch`);
      console.log(`  row ${a.id} ${found === undefined ? "is missing" : `has hash ${found}`}, anchored hash ${a.hash}`);
      return 1;
    }
  }
  console.log(`audit chain: ${result.checked} rows verified, intact`);
  if (result.head) console.log(`  head: row ${result.head.id}, hash ${result.head.hash} (${seconds} s)`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
