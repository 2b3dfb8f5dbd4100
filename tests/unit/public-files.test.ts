// public/ and the metadata routes: the icons are the ones scripts/icons.mjs draws, the manifest
// names them, and robots.txt lets crawlers into the public register and keeps them out of the
// signed-in portal.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import manifest from "@/app/manifest";
import robots from "@/app/robots";
import { icons } from "@/scripts/icons.mjs";

const publicDir = path.resolve(import.meta.dirname, "..", "..", "public");
const files = icons();

describe("icons", () => {
  it("in public/ are those scripts/icons.mjs draws", () => {
    for (const [name, content] of Object.entries(files))
      expect(fs.readFileSync(path.join(publicDir, name)).equals(content), `public/${name}`).toBe(true);
  });

  it("are PNGs of the sizes the manifest gives, an ICO and an SVG", () => {
    for (const icon of manifest().icons ?? []) {
      const file = files[icon.src.slice(1)];
      expect(file, icon.src).toBeDefined();
      if (icon.type !== "image/png") continue;
      expect(file.subarray(1, 4).toString()).toBe("PNG");
      const [width, height] = [file.readUInt32BE(16), file.readUInt32BE(20)];
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    expect([...files["favicon.ico"].subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(files["icon.svg"].toString()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });
});

describe("manifest", () => {
  it("names the portal and its 192 and 512 px icons", () => {
    const m = manifest();
    expect(m.name).toBe("煤矿安全生产标准化考核定级门户");
    expect(m.start_url).toBe("/");
    expect(m.icons?.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  });

  it("is installable in its own scope and has the field app as a shortcut, in Chinese", () => {
    const m = manifest();
    expect(m).toMatchObject({ id: "/", scope: "/", start_url: "/", display: "standalone", lang: "zh-CN" });
    expect(m.shortcuts).toEqual([expect.objectContaining({ name: "现场抽查", url: "/field" })]);
  });
});

/** Whether a crawler may fetch the path: the longest matching rule decides, Allow on a tie (RFC 9309). */
function allowed(pathname: string): boolean {
  const rules = robots().rules;
  const rule = Array.isArray(rules) ? rules[0] : rules;
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
  const matches = [
    ...list(rule.allow).map((p) => ({ p, allow: true })),
    ...list(rule.disallow).map((p) => ({ p, allow: false })),
  ].filter((r) => pathname.startsWith(r.p));
  matches.sort((a, b) => b.p.length - a.p.length || Number(b.allow) - Number(a.allow));
  return matches[0]?.allow ?? true;
}

describe("robots.txt", () => {
  it.each([
    "/register",
    "/register/decisions",
    "/register/mines/1402260001",
    "/register/export/grades",
    "/notices",
    "/notices/12",
    "/api/public/v1/grades",
    "/api/openapi.json",
  ])("lets crawlers into %s", (pathname) => {
    expect(allowed(pathname)).toBe(true);
  });

  it.each([
    "/",
    "/login",
    "/home",
    "/dashboard",
    "/mines",
    "/mines/1402260001",
    "/decisions",
    "/applications",
    "/audit",
    "/spot-checks/import",
    "/api/v1/metrics",
    "/api/auth/session",
    "/api/health",
  ])("keeps them out of %s", (pathname) => {
    expect(allowed(pathname)).toBe(false);
  });
});
