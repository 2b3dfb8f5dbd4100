// `npm install` on a fresh clone prints no install-script warning: every dependency that has an
// install script is named in package.json's allowScripts (true: may run; false: may not).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..");
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));

describe("install scripts", () => {
  const allowScripts: Record<string, boolean> = readJson("package.json").allowScripts ?? {};

  it("of every package in the lockfile that has one are allowed or denied in package.json", () => {
    const packages: Record<string, { hasInstallScript?: boolean; name?: string }> =
      readJson("package-lock.json").packages;
    const withScripts = Object.entries(packages)
      .filter(([key, meta]) => key !== "" && meta.hasInstallScript)
      .map(([key, meta]) => meta.name ?? key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(withScripts.length).toBeGreaterThan(0);
    const uncovered = withScripts.filter(
      (name) => !Object.keys(allowScripts).some((k) => k.replace(/(.)@.*$/, "$1") === name),
    );
    expect(uncovered).toEqual([]);
  });

  it("leave nothing for `npm install-scripts ls` to report", () => {
    let out: string;
    try {
      out = execFileSync("npm", ["install-scripts", "ls", "--json"], { cwd: root, encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      // npm before 11.16 has no allowScripts and prints no such warning: the lockfile check above holds.
      const message = String((e as { stderr?: string }).stderr ?? e);
      if (/Unknown command|EUSAGE/i.test(message)) return;
      throw e;
    }
    expect(JSON.parse(out)).toEqual({ allowScripts: [] });
  }, 60_000);
});
