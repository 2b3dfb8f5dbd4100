// The browser receives only the message paths of lib/i18n/client-messages.ts, per part of the app.
// This follows the imports of every page, layout and boundary under app/ to the client modules it
// renders (a "use client" file and whatever it imports), scans those for the messages they read, and
// checks that the part's provider sends them: a client component reading a namespace nobody listed
// fails here instead of showing a raw key in the browser.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUTH_MESSAGE_PATHS,
  FIELD_MESSAGE_PATHS,
  DASHBOARD_MESSAGE_PATHS,
  covers,
  pickMessages,
  PORTAL_MESSAGE_PATHS,
  PUBLIC_MESSAGE_PATHS,
  SHELL_MESSAGE_PATHS,
} from "@/lib/i18n/client-messages";
import { MESSAGES } from "@/lib/i18n/messages";

const root = path.resolve(import.meta.dirname, "../..");

/** Each part of the app and what its layout's provider sends (the root layout's for the rest of app/). */
const PORTAL_SECTIONS = [
  "admin",
  "applications",
  "audit",
  "decisions",
  "enterprises",
  "home",
  "inbox",
  "mines",
  "notifications",
  "spot-checks",
];
const PARTS: { prefix: string; paths: readonly string[] }[] = [
  { prefix: "app/(portal)/dashboard/", paths: DASHBOARD_MESSAGE_PATHS },
  ...PORTAL_SECTIONS.map((s) => ({ prefix: `app/(portal)/${s}/`, paths: PORTAL_MESSAGE_PATHS })),
  { prefix: "app/(public)/", paths: PUBLIC_MESSAGE_PATHS },
  { prefix: "app/(auth)/", paths: AUTH_MESSAGE_PATHS },
  { prefix: "app/(field)/", paths: FIELD_MESSAGE_PATHS },
  { prefix: "app/", paths: SHELL_MESSAGE_PATHS },
];
const ALL_PATHS = [...new Set(PARTS.flatMap((p) => p.paths))];

/**
 * Client modules whose root translator (useTranslations()) reads keys it does not spell out, with the
 * paths those keys lie under. import-form.tsx shows the success message its server action names.
 */
const ROOT_READERS: Record<string, string[]> = {
  "components/forms/import-form.tsx": ["mineRegister.import"],
  // Looks up error keys under the namespaces each form names (collected below from `namespaces`).
  "components/forms/kit/error-text.ts": [],
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "generated" ? [] : sourceFiles(rel);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [rel] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/")
    ? spec.slice(2)
    : spec.startsWith(".")
      ? path.join(path.dirname(from), spec)
      : null;
  if (base === null) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
    if (fs.existsSync(path.join(root, candidate)) && fs.statSync(path.join(root, candidate)).isFile()) return candidate;
  return null;
}

const isClient = (f: string) => /^["']use client["'];?/m.test(fs.readFileSync(path.join(root, f), "utf8"));

function importsOf(f: string): string[] {
  const src = fs.readFileSync(path.join(root, f), "utf8");
  return [...src.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)]
    .map((m) => resolveImport(f, m[1] ?? m[2]))
    .filter((d): d is string => d !== null && /\.(ts|tsx)$/.test(d));
}

/** The client modules `entries` render: every "use client" module they reach, and what those import. */
function clientModulesOf(entries: string[]): string[] {
  const seen = new Set<string>();
  const client = new Set<string>();
  const queue = entries.map((f) => ({ f, inClient: false }));
  while (queue.length) {
    const { f, inClient } = queue.pop()!;
    const nowClient = inClient || isClient(f);
    const key = `${nowClient}:${f}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (nowClient) client.add(f);
    for (const dep of importsOf(f)) queue.push({ f: dep, inClient: nowClient });
  }
  return [...client].sort();
}

/** The route files (pages, layouts, boundaries) of each part of the app. */
function partEntries(): Map<(typeof PARTS)[number], string[]> {
  const byPart = new Map(PARTS.map((p) => [p, [] as string[]]));
  for (const f of sourceFiles("app")) {
    if (!/\/(page|layout|template|error|not-found|loading|default)\.tsx$/.test(f)) continue;
    byPart.get(PARTS.find((p) => f.startsWith(p.prefix))!)!.push(f);
  }
  return byPart;
}

/** The message key (or the fixed start of a template key, to its last whole segment) a call begins with, or null. */
function keyOf(rest: string): string | null {
  const literal = /^\s*"([^"]+)"/.exec(rest);
  if (literal) return literal[1];
  const template = /^\s*`([^`$]*)(\$\{)?/.exec(rest);
  if (template) return template[2] ? template[1].replace(/\.?[^.]*$/, "") || null : template[1];
  return null;
}

/** The message paths one module reads; `dynamic` lists translators whose keys it cannot see. */
function pathsRead(file: string): { paths: string[]; dynamic: string[] } {
  // Without comments, which may name a namespace in passing.
  const src = fs
    .readFileSync(path.join(root, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1");
  const paths: string[] = [];
  const dynamic: string[] = [];
  const join = (ns: string, key: string) => (ns ? `${ns}.${key}` : key);
  for (const m of src.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)) {
    const ns = m[1] ?? "";
    const before = src.slice(0, m.index);
    const name = /(?:const|let)\s+(\w+)\s*=\s*$/.exec(before)?.[1];
    // Handed to a function (levelLabels(useTranslations("grade"))): the whole namespace.
    if (!name) {
      if (ns) paths.push(ns);
      else dynamic.push(`${file}: useTranslations() passed on`);
      continue;
    }
    // Its uses: up to the next translator of the same name (the next component of the file).
    const next = src
      .slice(m.index + m[0].length)
      .search(new RegExp(`(?:const|let)\\s+${name}\\s*=\\s*useTranslations`));
    const scope = src.slice(m.index + m[0].length, next < 0 ? undefined : m.index + m[0].length + next);
    const uses = [...scope.matchAll(new RegExp(`(?<![\\w.$'"\\-])${name}\\b(?!\\s*=)`, "g"))];
    let whole = false;
    for (const u of uses) {
      const after = scope.slice(u.index + name.length);
      const call = /^(?:\.(?:rich|markup|has))?\(/.exec(after);
      const key = call ? keyOf(after.slice(call[0].length)) : null;
      if (key) paths.push(join(ns, key));
      else whole = true;
    }
    if (whole) {
      if (ns) paths.push(ns);
      else dynamic.push(`${file}: ${name}(…) with a key it computes`);
    }
  }
  // The form kit reads error keys under the namespaces a form names, and under "errors" by default.
  for (const m of src.matchAll(/(?:namespaces=\{\s*\[|NAMESPACES\s*=\s*\[)([^\]]*)\]/g))
    for (const s of m[1].matchAll(/"([^"]+)"/g)) paths.push(s[1]);
  if (file === "components/forms/kit/error-text.ts") paths.push("errors");
  return { paths, dynamic };
}

function exists(messages: Record<string, unknown>, p: string): boolean {
  let v: unknown = messages;
  for (const part of p.split(".")) v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
  return v !== undefined;
}

describe("messages sent to the browser", () => {
  const parts = [...partEntries()].map(([part, entries]) => ({ ...part, modules: clientModulesOf(entries) }));
  const modules = [...new Set(parts.flatMap((p) => p.modules))].sort();
  const read = new Map(modules.map((f) => [f, pathsRead(f)]));

  it("finds the client components each part renders and what they read", () => {
    expect(parts.find((p) => p.prefix === "app/(portal)/dashboard/")!.modules).toContain(
      "components/charts/coverage-chart.tsx",
    );
    expect(parts.find((p) => p.prefix === "app/(portal)/mines/")!.modules).toContain("components/forms/kit/field.tsx");
    expect(parts.find((p) => p.prefix === "app/")!.modules).toContain("components/language-switcher.tsx");
    expect(read.get("components/charts/coverage-chart.tsx")!.paths).toContain("dashboard.charts.coverage");
  });

  it("include every message path a client module of the part reads", () => {
    const missing = parts.flatMap((part) =>
      part.modules.flatMap((f) =>
        read
          .get(f)!
          .paths.filter((p) => !covers(part.paths, p))
          .map((p) => `${part.prefix} ${f}: ${p}`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it("has a provider in the layout of every part, and every section of the portal is a part", () => {
    for (const part of parts.filter((p) => p.prefix !== "app/"))
      expect(fs.readFileSync(path.join(root, part.prefix, "layout.tsx"), "utf8"), part.prefix).toMatch(
        /<ClientMessages paths=\{\w+_MESSAGE_PATHS\}>/,
      );
    const sections = fs
      .readdirSync(path.join(root, "app/(portal)"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => `app/(portal)/${e.name}/`);
    expect(sections.filter((s) => !parts.some((p) => p.prefix === s))).toEqual([]);
  });

  it("start from the shell's paths in every part (a provider replaces the one around it)", () => {
    for (const part of parts)
      for (const p of SHELL_MESSAGE_PATHS) expect(covers(part.paths, p), `${part.prefix} ${p}`).toBe(true);
  });

  it("leave no client translator reading keys the scan cannot see, except the declared ones", () => {
    const unexplained = [...read].flatMap(([f, r]) => (f in ROOT_READERS ? [] : r.dynamic));
    expect(unexplained).toEqual([]);
    for (const [file, paths] of Object.entries(ROOT_READERS)) {
      const part = parts.find((p) => p.modules.includes(file))!;
      expect(part, file).toBeDefined();
      for (const p of paths) expect(covers(part.paths, p), p).toBe(true);
    }
  });

  it("name paths that exist in both catalogues, and every path read exists", () => {
    for (const messages of Object.values(MESSAGES)) {
      for (const p of ALL_PATHS) expect(exists(messages, p), p).toBe(true);
      for (const [f, r] of read) for (const p of r.paths) expect(exists(messages, p), `${f}: ${p}`).toBe(true);
    }
  });

  it("pick exactly those paths, in the catalogue's shape", () => {
    const picked = pickMessages(MESSAGES.en, ["dashboard.map", "login"]);
    expect(Object.keys(picked).sort()).toEqual(["dashboard", "login"]);
    expect(Object.keys(picked.dashboard as object)).toEqual(["map"]);
    expect((picked.dashboard as { map: unknown }).map).toBe(MESSAGES.en.dashboard.map);
    expect(picked.login).toBe(MESSAGES.en.login);
  });
});
