// `node --import ./scripts/lib/server-only-off.mjs`: lets a command-line process (scripts/worker.ts)
// import the server modules, which start with `import "server-only"` (a guard for Next.js bundles
// that throws outside React Server Components): here that import resolves to an empty module.
import { register } from "node:module";

const EMPTY = "data:text/javascript,export {};";

register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      if (specifier === "server-only") return { url: ${JSON.stringify(EMPTY)}, shortCircuit: true };
      return next(specifier, context);
    }
  `)}`,
);
