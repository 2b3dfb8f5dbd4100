// The whole test suite, in order, stopping at the first failure: typecheck, lint and format,
// unit tests, integration tests on real PostgreSQL, production build, end-to-end tests in Chromium.
import { spawnSync } from "node:child_process";

const steps = [
  ["typecheck", ["npx", "tsc", "--noEmit"]],
  ["lint", ["npx", "eslint", "."]],
  ["format", ["npx", "prettier", "--check", "."]],
  ["unit", ["npx", "vitest", "run", "--project", "unit"]],
  ["integration", ["node", "scripts/with-test-db.mjs", "vitest", "run", "--project", "integration"]],
  ["build", ["npx", "next", "build"]],
  ["e2e", ["node", "scripts/with-test-db.mjs", "playwright", "test"]],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, [cmd, ...args]] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${[cmd, ...args].join(" ")}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(`${name}: ${r.status === 0 ? "ok" : "FAILED"} (${seconds} s)`);
  if (r.status !== 0) {
    console.log(`\n${results.join("\n")}`);
    process.exit(r.status ?? 1);
  }
}
console.log(`\n${results.join("\n")}`);
