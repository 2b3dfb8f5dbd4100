// proxy.ts runs before every request except static assets and the public files (icons, manifest,
// robots.txt), which next.config.ts gives their headers instead: the two lists must agree.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLIC_FILES, SERVICE_WORKER_FILE } from "@/lib/server/http/security-headers";

// Read from the source (Next.js reads it statically too; importing proxy.ts needs Next's runtime).
const source = fs.readFileSync(path.resolve(import.meta.dirname, "..", "..", "proxy.ts"), "utf8");
const written = /matcher:\s*\[\s*"([^"]+)"/.exec(source)?.[1];
// The matcher is a regular expression as written (Next.js compiles it the same way).
const matcher = new RegExp(`^${written}$`);

describe("proxy matcher", () => {
  it.each([...PUBLIC_FILES, SERVICE_WORKER_FILE, "/_next/static/chunks/app.js", "/_next/image"])(
    "leaves out %s",
    (path) => {
      expect(matcher.test(path)).toBe(false);
    },
  );

  it.each([
    "/",
    "/login",
    "/register",
    "/register/mines/1402260001",
    "/notices",
    "/dashboard",
    "/api/health",
    "/icons",
    "/field",
    "/serwist/other.js",
  ])("runs for %s", (path) => {
    expect(matcher.test(path)).toBe(true);
  });
});
