// Sets a user's password: `npm run user:set-password -- <email>`, the new password read from the
// environment variable NEW_PASSWORD or else from standard input (first line; typed without echo on a
// terminal). The password policy (lib/server/auth/password-policy.ts) always applies, demo or not;
// the password is stored as the bcrypt hash the sign-in checks, and the change is audited (the hash
// is not). Uses DATABASE_URL.
import pg from "pg";
import { hashAllowedPassword, readNewPassword, runScript, ScriptError } from "./lib/accounts";

runScript(async () => {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email)
    throw new ScriptError("usage: npm run user:set-password -- <email>  (password from NEW_PASSWORD or stdin)");
  const url = process.env.DATABASE_URL;
  if (!url) throw new ScriptError("DATABASE_URL is not set.");
  const hash = await hashAllowedPassword(await readNewPassword(), email);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    // A new password also ends every session signed in before it (whole seconds: see loadCaller).
    const { rows } = await client.query<{ id: number; jurisdiction: string }>(
      `UPDATE "User" SET "passwordHash" = $1, "sessionsValidFrom" = date_trunc('second', now()) WHERE lower(email) = $2
       RETURNING "id", "jurisdiction"`,
      [hash, email],
    );
    if (!rows[0]) {
      await client.query("ROLLBACK");
      throw new ScriptError(`No user with the email ${email}.`);
    }
    await client.query(
      `INSERT INTO "AuditLog" ("actorId", "action", "entity", "entityId", "regionCode", "after")
       VALUES (NULL, 'user.setPassword', 'User', $1, $2, $3::jsonb)`,
      [String(rows[0].id), rows[0].jurisdiction, JSON.stringify({ email, sessionsEnded: true, via: "cli" })],
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
  console.log(`Password set for ${email}; the account's existing sessions are signed out.`);
});
