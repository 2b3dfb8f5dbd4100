// After `next build` (npm's postbuild): puts the static files beside the standalone server, which
// `output: "standalone"` leaves out (Next expects a CDN or a copy): <distDir>/static and public/
// into <distDir>/standalone, so that `node .next/standalone/server.js` serves the whole portal.
// Also run before each start of the standalone server (scripts/run.mjs, playwright.config.ts), so a
// build made with `npx next build` runs as well. Usage: node scripts/standalone-assets.mjs
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

/** The build directory (next.config.ts: NEXT_DIST_DIR, default .next), relative to the project. */
export function distDirOf(env = process.env) {
  return path.relative(root, path.resolve(root, env.NEXT_DIST_DIR || ".next"));
}

/** Where the standalone server lives for a build directory. */
export function standaloneServer(env = process.env) {
  return path.join(root, distDirOf(env), "standalone", "server.js");
}

export function copyStandaloneAssets(env = process.env) {
  const dist = distDirOf(env);
  const standalone = path.join(root, dist, "standalone");
  if (!fs.existsSync(path.join(standalone, "server.js")))
    throw new Error(`No standalone build in ${path.join(dist, "standalone")}: run \`npm run build\` first.`);
  const copies = [
    [path.join(root, dist, "static"), path.join(standalone, dist, "static")],
    [path.join(root, "public"), path.join(standalone, "public")],
  ];
  for (const [from, to] of copies) {
    // Replaced, not merged: the files of an earlier build would otherwise stay behind.
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(from, to, { recursive: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    copyStandaloneAssets();
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
