// Loads the reference data (reference.ts) into a database that may already be in service, for
// `npm run setup` and for the demo start on an existing database. A dataset whose checksum matches
// the one recorded in ReferenceDataVersion is skipped without a write, so a second run changes nothing.
// Otherwise its rows are brought forward by their natural keys, and only what belongs to the
// reference data is written, never mines, grades, spot-checks, decisions, users or status periods:
// - regions: inserted, or updated where GB/T 2260 renamed or moved one (none is ever deleted: mines
//   may sit in a withdrawn county);
// - authorities, grading configuration, targets: inserted where missing only, since users edit them
//   in the portal afterwards;
// - rule versions: a version code not yet in the database is inserted with its parts, elements,
//   thresholds and vetoes; an existing version is never changed (a published version is immutable:
//   a corrected rule set ships as a new version code).
// The caller holds REFERENCE_LOCK_ID, so two runs at once load one after the other.
import type pg from "pg";
import { loadCalendar } from "./calendar";
import { datasetVersions, type DatasetName, type DatasetVersion, type ReferenceData } from "./reference";
import { TABLES, type ColumnType, type TableKey, type TableSpec } from "./tables";
import { insertRows } from "./write";

/** The advisory lock held while deciding what to load and loading it (setup and the demo start share it). */
export const REFERENCE_LOCK_ID = 1402260001;

export interface DatasetResult {
  name: DatasetName;
  /** "unchanged": the recorded checksum matched and nothing was written. */
  outcome: "unchanged" | "loaded";
  /** Rows inserted or updated. */
  written: number;
}

/** A table's spec without its id column, so that the table's sequence numbers the new rows. */
function withoutId(key: TableKey): TableSpec {
  const columns = Object.entries(TABLES[key].columns as Record<string, ColumnType>).filter(([name]) => name !== "id");
  return { table: TABLES[key].table, columns: Object.fromEntries(columns) };
}

/** unnest() over rows: the `$n::type[]` parameters and their values, one array per column. */
function unnest(spec: TableSpec, rows: readonly object[]) {
  const columns = Object.entries(spec.columns);
  return {
    names: columns.map(([n]) => `"${n}"`).join(", "),
    select: `SELECT * FROM unnest(${columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(", ")}) AS u(${columns.map(([n]) => `"${n}"`).join(", ")})`,
    params: columns.map(([name]) => rows.map((r) => (r as Record<string, unknown>)[name] ?? null)),
  };
}

async function loadRegions(client: pg.ClientBase, ref: ReferenceData): Promise<number> {
  const u = unnest(TABLES.regions, ref.regions);
  // Parents first within the statement is not needed: foreign keys are checked at its end.
  const { rowCount } = await client.query(
    `INSERT INTO "Region" (${u.names}) ${u.select}
     ON CONFLICT ("code") DO UPDATE SET
       "nameZh" = EXCLUDED."nameZh", "nameEn" = EXCLUDED."nameEn", "level" = EXCLUDED."level", "parentCode" = EXCLUDED."parentCode"
     WHERE ("Region"."nameZh", "Region"."nameEn", "Region"."level", "Region"."parentCode")
       IS DISTINCT FROM (EXCLUDED."nameZh", EXCLUDED."nameEn", EXCLUDED."level", EXCLUDED."parentCode")`,
    u.params,
  );
  return rowCount ?? 0;
}

async function loadAuthorities(client: pg.ClientBase, ref: ReferenceData): Promise<number> {
  const u = unnest(withoutId("authorities"), ref.authorities);
  const { rowCount } = await client.query(
    `INSERT INTO "Authority" (${u.names}) ${u.select} ON CONFLICT ("kind", "regionCode") DO NOTHING`,
    u.params,
  );
  return rowCount ?? 0;
}

async function loadGradingConfig(client: pg.ClientBase, ref: ReferenceData): Promise<number> {
  const u = unnest(withoutId("gradingConfig"), ref.gradingConfig);
  const { rowCount } = await client.query(
    `INSERT INTO "ProvinceGradingConfig" (${u.names}) ${u.select} ON CONFLICT ("provinceCode", "level") DO NOTHING`,
    u.params,
  );
  return rowCount ?? 0;
}

async function loadTargets(client: pg.ClientBase, ref: ReferenceData): Promise<number> {
  const u = unnest(withoutId("targets"), ref.targets);
  // The unique key has a nullable column (level), so ON CONFLICT would not see an existing national row.
  const { rowCount } = await client.query(
    `INSERT INTO "SpotCheckTarget" (${u.names}) ${u.select}
     WHERE NOT EXISTS (SELECT 1 FROM "SpotCheckTarget" t
       WHERE t."year" = u."year" AND t."regionCode" = u."regionCode" AND t."level" IS NOT DISTINCT FROM u."level")`,
    u.params,
  );
  return rowCount ?? 0;
}

async function loadRules(client: pg.ClientBase, ref: ReferenceData, log: (m: string) => void): Promise<number> {
  const { rows: present } = await client.query<{ code: string }>(`SELECT "code" FROM "RuleVersion"`);
  const have = new Set(present.map((r) => r.code));
  let written = 0;
  for (const version of ref.rules.versions) {
    if (have.has(version.code ?? "")) {
      // A version already there keeps every value; only sources it lacks are added (they annotate,
      // never change, a value).
      const { rows: ids } = await client.query<{ id: number }>(`SELECT "id" FROM "RuleVersion" WHERE "code" = $1`, [
        version.code,
      ]);
      const missing = ref.rules.sources
        .filter((r) => r.ruleVersionId === version.id)
        .map((r) => ({ ...r, ruleVersionId: ids[0].id }));
      const u = unnest(withoutId("sources"), missing);
      const { rowCount } = await client.query(
        `INSERT INTO "RuleParameterSource" (${u.names}) ${u.select} ON CONFLICT ("ruleVersionId", "parameter") DO NOTHING`,
        u.params,
      );
      written += rowCount ?? 0;
      continue;
    }
    const u = unnest(withoutId("versions"), [version]);
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO "RuleVersion" (${u.names}) ${u.select} RETURNING "id"`,
      u.params,
    );
    const id = rows[0].id;
    const children = <T extends { ruleVersionId: number | null }>(list: T[]) =>
      list.filter((r) => r.ruleVersionId === version.id).map((r) => ({ ...r, ruleVersionId: id }));
    written += 1;
    written += await insertRows(client, withoutId("parts"), children(ref.rules.parts));
    written += await insertRows(client, withoutId("elements"), children(ref.rules.elements));
    written += await insertRows(client, withoutId("thresholds"), children(ref.rules.thresholds));
    written += await insertRows(client, withoutId("vetoes"), children(ref.rules.vetoes));
    written += await insertRows(client, withoutId("sources"), children(ref.rules.sources));
    log(`rule version ${version.code} added`);
  }
  // Consequence rows (what a trigger does to a grade) of every shipped version, existing versions too:
  // a row already there is left as it is.
  const ids = new Map(
    (await client.query<{ id: number; code: string }>(`SELECT "id", "code" FROM "RuleVersion"`)).rows.map((r) => [
      r.code,
      r.id,
    ]),
  );
  const codeOf = new Map(ref.rules.versions.map((v) => [v.id, v.code]));
  const shipped = <T extends { ruleVersionId: number | null }>(list: T[]) =>
    list.flatMap((c) => {
      const id = ids.get(codeOf.get(c.ruleVersionId ?? 0) ?? "");
      return id === undefined ? [] : [{ ...c, ruleVersionId: id }];
    });
  const u = unnest(withoutId("consequences"), shipped(ref.rules.consequences));
  const added = await client.query(
    `INSERT INTO "RuleConsequence" (${u.names}) ${u.select}
     ON CONFLICT ("ruleVersionId", "provinceCode", "fromLevel", "trigger") DO NOTHING`,
    u.params,
  );
  // The basic conditions (基本条件) likewise: added where missing, an administrator's row stays.
  const b = unnest(withoutId("basicConditions"), shipped(ref.rules.basicConditions));
  const conditions = await client.query(
    `INSERT INTO "RuleBasicCondition" (${b.names}) ${b.select} ON CONFLICT ("ruleVersionId", "code") DO NOTHING`,
    b.params,
  );
  return written + (added.rowCount ?? 0) + (conditions.rowCount ?? 0);
}

const LOADERS: Record<
  DatasetName,
  (client: pg.ClientBase, ref: ReferenceData, log: (m: string) => void) => Promise<number>
> = {
  regions: loadRegions,
  authorities: loadAuthorities,
  rules: loadRules,
  gradingConfig: loadGradingConfig,
  provinceRules: async (client, ref) => {
    // Inserted where missing only: an administrator's change stays.
    const u = unnest(TABLES.provinceRules, ref.provinceRules);
    const { rowCount } = await client.query(
      `INSERT INTO "ProvinceRule" (${u.names}) ${u.select} ON CONFLICT ("provinceCode") DO NOTHING`,
      u.params,
    );
    return rowCount ?? 0;
  },
  targets: loadTargets,
  calendar: async (client) => {
    const added = await loadCalendar(client);
    return added.days + added.years;
  },
};

/** Records what was loaded; a row whose checksum is already current is left alone. */
export async function recordVersions(client: pg.ClientBase, versions: DatasetVersion[]): Promise<void> {
  await client.query(
    `INSERT INTO "ReferenceDataVersion" ("name", "version", "checksum", "appliedAt")
     SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[])
     ON CONFLICT ("name") DO UPDATE SET "version" = EXCLUDED."version", "checksum" = EXCLUDED."checksum", "appliedAt" = now()
     WHERE ("ReferenceDataVersion"."version", "ReferenceDataVersion"."checksum") IS DISTINCT FROM (EXCLUDED."version", EXCLUDED."checksum")`,
    [versions.map((v) => v.name), versions.map((v) => v.version), versions.map((v) => v.checksum)],
  );
}

/**
 * Brings the reference data forward in one transaction. The caller holds REFERENCE_LOCK_ID (or is
 * otherwise alone on the database). Returns what happened to each dataset.
 */
export async function applyReferenceData(
  client: pg.ClientBase,
  ref: ReferenceData,
  log: (m: string) => void = () => {},
): Promise<DatasetResult[]> {
  const versions = datasetVersions(ref);
  const { rows } = await client.query<{ name: string; checksum: string }>(
    `SELECT "name", "checksum" FROM "ReferenceDataVersion"`,
  );
  const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
  const stale = versions.filter((v) => recorded.get(v.name) !== v.checksum);
  const results: DatasetResult[] = versions.map((v) => ({ name: v.name, outcome: "unchanged", written: 0 }));
  if (stale.length === 0) return results;
  await client.query("BEGIN");
  try {
    for (const v of stale) {
      const result = results.find((r) => r.name === v.name);
      if (!result) continue;
      result.outcome = "loaded";
      result.written = await LOADERS[v.name](client, ref, log);
    }
    await recordVersions(client, stale);
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  }
  return results;
}
