// The whole test suite, in order, stopping at the first failure: typecheck, lint and format,
// unit tests, integration tests on real PostgreSQL, production build, end-to-end tests in Chromium
// (desktop, and the phone project's narrow screen).
// `node scripts/test-all.mjs unit e2e` runs only the named steps. The last line counts the tests.
import { spawn } from "node:child_process";

const steps = [
  ["typecheck", ["npx", "tsc", "--noEmit"]],
  ["lint", ["npx", "eslint", "."]],
  ["format", ["npx", "prettier", "--check", "."]],
  ["unit", ["npx", "vitest", "run", "--project", "unit"]],
  ["integration", ["node", "scripts/with-test-db.mjs", "vitest", "run", "--project", "integration"]],
  ["build", ["npx", "next", "build"]],
  ["e2e", ["node", "scripts/with-test-db.mjs", "playwright", "test", "--project", "chromium", "--project", "phone"]],
  ["security", ["node", "scripts/with-test-db.mjs", "playwright", "test", "--project", "security"]],
];

/** Runs a step, echoing its output, and returns its exit code and what it printed. */
function runStep(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      stdio: ["inherit", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    let out = "";
    child.stdout.on("data", (d) => (process.stdout.write(d), (out += d)));
    child.stderr.on("data", (d) => (process.stderr.write(d), (out += d)));
    child.on("close", (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Passed and failed counts from Vitest's "Tests  N failed | M passed" or Playwright's "N passed" lines. */
function counts(output) {
  const text = output.replace(/\u001b\[[0-9;]*m/g, "");
  const vitest = /^\s*Tests\s+(?:(\d+) failed \| )?(\d+) passed/m.exec(text);
  if (vitest) return { passed: Number(vitest[2]), failed: Number(vitest[1] ?? 0) };
  const passed = /^\s*(\d+) passed \(/m.exec(text);
  const failed = /^\s*(\d+) failed$/m.exec(text);
  return { passed: Number(passed?.[1] ?? 0), failed: Number(failed?.[1] ?? 0) };
}

const only = process.argv.slice(2);
const results = [];
const total = { passed: 0, failed: 0 };
let status = 0;
for (const [name, [cmd, ...args]] of steps) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}: ${[cmd, ...args].join(" ")}`);
  const started = Date.now();
  const { code, out } = await runStep(cmd, args);
  const c = counts(out);
  total.passed += c.passed;
  total.failed += c.failed;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push(
    `${name}: ${code === 0 ? "ok" : "FAILED"} (${seconds} s)${c.passed + c.failed ? `, ${c.passed} passed` : ""}`,
  );
  if (code !== 0) {
    status = code;
    if (c.failed === 0) total.failed += 1; // a step that failed without failing tests still fails the run
    break;
  }
}
console.log(`\n${results.join("\n")}`);
console.log(`tests: ${total.passed} passed, ${total.failed} failed`);
process.exit(status);
