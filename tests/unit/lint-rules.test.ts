// The project's own ESLint rules (eslint.config.mjs), checked on snippets linted as if they were
// files of the tree: app code logs through the structured logger, scripts and tests may print.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..", "..") });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe("no-console", () => {
  const code = 'export function f(): void {\n  console.warn("something happened");\n}\n';

  it.each(["app/(portal)/example/page.tsx", "components/example.tsx", "lib/server/example.ts"])(
    "refuses console.* in %s",
    async (file) => {
      expect(await ruleIds(code, file)).toContain("no-console");
    },
    30_000,
  );

  it.each(["scripts/example.ts", "tests/unit/example.test.ts"])(
    "allows it in %s",
    async (file) => {
      expect(await ruleIds(code, file)).not.toContain("no-console");
    },
    30_000,
  );
});

describe("no-restricted-imports: nothing outside app/ imports a route", () => {
  const code = 'import { setLocale } from "@/app/actions";\nexport const f = setLocale;\n';

  // components/language-switcher.tsx by name: it was the last exception, and none is left.
  it.each(["components/language-switcher.tsx", "components/forms/example-form.tsx", "lib/server/example.ts"])(
    "refuses an import from @/app in %s",
    async (file) => {
      expect(await ruleIds(code, file)).toContain("no-restricted-imports");
    },
    30_000,
  );

  it("allows it inside app/, where a page hands the action to its components", async () => {
    expect(await ruleIds(code, "app/(portal)/example/page.tsx")).not.toContain("no-restricted-imports");
  }, 30_000);
});
