// Sets a user's password: `npx tsx scripts/user-set-password.ts <email>`, the new password read from
// the environment variable NEW_PASSWORD or else from standard input (first line; typed without echo
// on a terminal). The password policy (lib/server/auth/password-policy.ts) always applies, demo or
// not; the password is stored as a bcrypt hash. Uses DATABASE_URL.
import bcrypt from "bcryptjs";
import pg from "pg";
import { BCRYPT_COST, checkPasswordPolicy, PASSWORD_PROBLEM_TEXT } from "../lib/server/auth/password-policy";

async function readPassword(): Promise<string> {
  if (process.env.NEW_PASSWORD !== undefined) return process.env.NEW_PASSWORD;
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write("New password: ");
    stdin.setRawMode(true);
  }
  return new Promise((resolve, reject) => {
    let input = "";
    const done = (value: string) => {
      if (stdin.isTTY) {
        stdin.setRawMode(false);
        process.stderr.write("\n");
      }
      stdin.pause();
      resolve(value);
    };
    stdin.setEncoding("utf8");
    stdin.on("data", (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\u0003") return reject(new Error("Cancelled."));
        if (ch === "\n" || ch === "\r") return done(input);
        if (stdin.isTTY && (ch === "\u007f" || ch === "\b")) input = [...input].slice(0, -1).join("");
        else input += ch;
      }
    });
    stdin.on("end", () => done(input));
    stdin.on("error", reject);
  });
}

async function main() {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email)
    throw new Error("usage: npx tsx scripts/user-set-password.ts <email>  (password from NEW_PASSWORD or stdin)");
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set.");
  const password = await readPassword();
  const policy = checkPasswordPolicy(password, email);
  if (!policy.ok)
    throw new Error(`Password refused: ${policy.problems.map((p) => PASSWORD_PROBLEM_TEXT[p]).join("; ")}.`);
  const hash = await bcrypt.hash(password, BCRYPT_COST);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A new password also ends every session signed in before it (whole seconds: see loadCaller).
    const { rowCount } = await client.query(
      `UPDATE "User" SET "passwordHash" = $1, "sessionsValidFrom" = date_trunc('second', now()) WHERE lower(email) = $2`,
      [hash, email],
    );
    if (!rowCount) throw new Error(`No user with the email ${email}.`);
  } finally {
    await client.end();
  }
  console.log(`Password set for ${email}; the account's existing sessions are signed out.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
