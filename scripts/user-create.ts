// Creates an account from the command line, the only way outside the portal (the first ADMIN of an
// installation): `npm run user:create -- --email <e> --role ADMIN [--jurisdiction <code>] [--name <n>]`.
// The password comes from NEW_PASSWORD or else standard input (first line; no echo on a terminal);
// the password policy applies and the hash is the one the sign-in checks. The account and its audit
// row are written in one transaction. Uses DATABASE_URL. Exit status: 0 created, 1 refused, 2 usage.
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { Role } from "../lib/generated/prisma/enums";
import { hashAllowedPassword, readNewPassword, runScript, ScriptError } from "./lib/accounts";

const USAGE =
  "usage: npm run user:create -- --email <email> --role <role> [--jurisdiction <GB/T 2260 code>] [--name <name>]\n" +
  `  role: ${Object.values(Role).join(", ")} (a mine manager is linked to its mine in the portal)\n` +
  "  password: from NEW_PASSWORD, else the first line of standard input";

class UsageError extends ScriptError {}

/** An email address's longest form (RFC 5321), and a display name's. */
const MAX_EMAIL = 254;
const MAX_NAME = 100;

/** The region level a role's jurisdiction must be, or none for a national account. */
const JURISDICTION: Record<Exclude<Role, "MINE_MANAGER">, { levels: string[]; required: boolean }> = {
  ADMIN: { levels: [], required: false },
  NATIONAL_REGULATOR: { levels: [], required: false },
  PROVINCIAL_REGULATOR: { levels: ["PROVINCE"], required: true },
  LOCAL_REGULATOR: { levels: ["PREFECTURE", "COUNTY"], required: true },
  OFFICIAL: { levels: ["PROVINCE", "PREFECTURE", "COUNTY"], required: false },
};

interface Request {
  email: string;
  role: Exclude<Role, "MINE_MANAGER">;
  jurisdiction: string;
  name: string;
}

function parseRequest(argv: string[]): Request {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        jurisdiction: { type: "string" },
        name: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(`${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  const email = String(values.email ?? "")
    .trim()
    .toLowerCase();
  if (!email) throw new UsageError(`--email is required.\n${USAGE}`);
  if (!z.email().safeParse(email).success || email.length > MAX_EMAIL)
    throw new UsageError(`Not an email address: ${email}`);
  const role = String(values.role ?? "").trim();
  if (!role) throw new UsageError(`--role is required.\n${USAGE}`);
  if (role === "MINE_MANAGER")
    throw new UsageError("A mine manager's account is created in the portal, where it is linked to its mine.");
  if (!(role in JURISDICTION)) throw new UsageError(`Unknown role ${role}.\n${USAGE}`);
  const name = String(values.name ?? email.split("@")[0]).trim();
  if (!name || name.length > MAX_NAME) throw new UsageError(`--name must be 1 to ${MAX_NAME} characters.`);
  return { email, role: role as Request["role"], jurisdiction: String(values.jurisdiction ?? "").trim(), name };
}

/** Refuses a jurisdiction the role cannot have, or a code that is not a region of the database. */
async function checkJurisdiction(client: pg.ClientBase, req: Request): Promise<void> {
  const rule = JURISDICTION[req.role];
  if (!req.jurisdiction) {
    if (rule.required)
      throw new ScriptError(`A ${req.role} needs --jurisdiction (${rule.levels.join(" or ").toLowerCase()} code).`);
    return;
  }
  if (rule.levels.length === 0) throw new ScriptError(`A ${req.role} is national: leave out --jurisdiction.`);
  const { rows } = await client.query<{ level: string }>(`SELECT "level" FROM "Region" WHERE "code" = $1`, [
    req.jurisdiction,
  ]);
  if (!rows[0])
    throw new ScriptError(`No region with the code ${req.jurisdiction}: has \`npm run setup\` loaded the regions?`);
  if (!rule.levels.includes(rows[0].level))
    throw new ScriptError(
      `A ${req.role}'s jurisdiction is a ${rule.levels.join(" or ").toLowerCase()}; ${req.jurisdiction} is a ${rows[0].level.toLowerCase()}.`,
    );
}

runScript(
  async () => {
    const req = parseRequest(process.argv.slice(2));
    const url = process.env.DATABASE_URL;
    if (!url) throw new ScriptError("DATABASE_URL is not set.");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // Everything that can be refused without the password is refused before asking for it.
      await checkJurisdiction(client, req);
      const exists = async () =>
        (await client.query(`SELECT 1 FROM "User" WHERE lower("email") = $1`, [req.email])).rowCount! > 0;
      if (await exists()) throw new ScriptError(`A user with the email ${req.email} already exists.`);
      const passwordHash = await hashAllowedPassword(await readNewPassword(), req.email);
      await client.query("BEGIN");
      try {
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO "User" ("email", "name", "passwordHash", "role", "jurisdiction")
         VALUES ($1, $2, $3, $4::"Role", $5) ON CONFLICT ("email") DO NOTHING RETURNING "id"`,
          [req.email, req.name, passwordHash, req.role, req.jurisdiction],
        );
        // Another process took the email in the meantime.
        if (!rows[0]) throw new ScriptError(`A user with the email ${req.email} already exists.`);
        const after = { email: req.email, name: req.name, role: req.role, jurisdiction: req.jurisdiction, via: "cli" };
        await client.query(
          `INSERT INTO "AuditLog" ("actorId", "action", "entity", "entityId", "regionCode", "after")
         VALUES (NULL, 'user.create', 'User', $1, $2, $3::jsonb)`,
          [String(rows[0].id), req.jurisdiction, JSON.stringify(after)],
        );
        await client.query("COMMIT");
        console.log(
          `Created ${req.role} ${req.email}${req.jurisdiction ? ` (jurisdiction ${req.jurisdiction})` : ""}.`,
        );
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        throw e;
      }
    } finally {
      await client.end();
    }
  },
  (e) => (e instanceof UsageError ? 2 : 1),
);
