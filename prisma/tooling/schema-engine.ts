// Prisma's own schema engine, compiled to WebAssembly, run offline. The CLI would download a
// native engine first, which fails without internet; the WASM build ships in an npm package.
// It turns schema.prisma into SQL without a database (diff from empty or from an older schema).
import fs from "node:fs";
import { createRequire } from "node:module";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

type DiffTarget = { tag: "empty" } | { tag: "schemaDatamodel"; files: { path: string; content: string }[] };

let ready: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  })();
  return ready;
}

function datamodel(content: string): DiffTarget {
  return { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content }] };
}

/**
 * The SQL that takes a database from `fromSchema` (or nothing) to `toSchema`. The engine connects
 * to `connectionString` only to learn the server's version; it changes nothing there.
 */
export async function diffSchemas(
  fromSchema: string | null,
  toSchema: string,
  connectionString: string,
): Promise<string> {
  await loadWasm();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  const engine = await bg.SchemaEngine.new({ datamodels: [["schema.prisma", toSchema]] }, () => {}, factory);
  try {
    const result = await engine.diff({
      from: fromSchema === null ? { tag: "empty" } : datamodel(fromSchema),
      to: datamodel(toSchema),
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.stdout ?? "";
  } finally {
    engine.free();
  }
}
